"""The service map ("hvem gjør hva?") as JSON, CSV and xlsx; pure functions over the data."""

from typing import Any

from app.catalog.lookups import ServiceTypeInfo
from app.core.csvio import to_csv as csv_bytes
from app.core.http import to_json_bytes
from app.core.xlsx import to_xlsx
from app.exports.content import MapEntry, MapService, ServiceMapData, Unit
from app.texts.merge import MergedSlot
from app.texts.merged import slot_fields

CSV_COLUMNS = (
    "locality",
    "locality_name",
    "service_type",
    "service_type_name",
    "level",
    "pathway",
    "pathway_title",
    "role",
    "role_origin",
    "role_layers",
    "role_stale",
    "referral",
    "referral_origin",
    "referral_layers",
    "referral_stale",
    "units",
)


def unit_json(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "phone": unit.phone,
        "email": unit.email,
        "url": unit.url,
        "visiting_address": unit.visiting_address,
        "locality": unit.locality,
        "inherited": unit.inherited,
        "catchment": [code for code, _ in unit.catchment],
    }


def slot_json(slot: MergedSlot) -> dict[str, Any] | None:
    """A merged text with provenance; None when no layer has written it."""
    return None if slot.empty else slot_fields(slot)


def service_type_json(st: ServiceTypeInfo, lang: str) -> dict[str, Any]:
    return {
        "code": st.code,
        "name": st.label(lang),
        "level": st.level,
        "description": st.description,
    }


def entry_json(entry: MapEntry) -> dict[str, Any]:
    """What one pathway shows of one service type."""
    return {
        "slug": entry.slug,
        "title": entry.title,
        "role": slot_json(entry.role),
        "referral": slot_json(entry.referral),
    }


def _service_json(svc: MapService, lang: str) -> dict[str, Any]:
    # app/exports/map_parts.py splices the same keys, in this order, from held parts.
    return {
        "service_type": service_type_json(svc.service_type, lang),
        "units": [unit_json(u) for u in svc.units],
        "pathways": [entry_json(e) for e in svc.pathways],
    }


def to_json(data: ServiceMapData) -> bytes:
    """The JSON service map."""
    loc = data.locality
    return to_json_bytes(
        {
            "locality": {
                "code": loc.code,
                "name": loc.name,
                "kind": loc.kind,
                "chain": [c.code for c in data.chain],
            },
            "lang": data.lang,
            "services": [_service_json(s, data.lang) for s in data.services],
        }
    )


def _layers_text(slot: MergedSlot) -> str:
    return "; ".join(f"{p.locality}:{p.mode}:r{p.revision}" for p in slot.layers)


def _unit_text(unit: Unit) -> str:
    contact = ", ".join(x for x in (unit.phone, unit.email, unit.url) if x)
    return f"{unit.name} ({contact})" if contact else unit.name


def rows(data: ServiceMapData) -> list[list[str]]:
    """One row per service type × pathway (a service type in no pathway: one row, no pathway)."""
    out: list[list[str]] = []
    loc = data.locality
    for svc in data.services:
        st = svc.service_type
        head = [loc.code, loc.name, st.code, st.label(data.lang), st.level]
        units = " | ".join(_unit_text(u) for u in svc.units)
        if not svc.pathways:
            out.append([*head, "", "", "", "", "", "", "", "", "", "", units])
        for e in svc.pathways:
            cells: list[str] = [e.slug, e.title]
            for slot in (e.role, e.referral):
                cells += [
                    slot.text or "",
                    ("hidden" if slot.hidden else slot.origin) or "",
                    _layers_text(slot),
                    "yes" if slot.stale else "no",
                ]
            out.append([*head, *cells, units])
    return out


def to_csv(data: ServiceMapData) -> bytes:
    """The rows as CSV (RFC 4180) through the shared guarded writer (app/core/csvio.py):
    UTF-8 with a byte order mark, so Excel reads æøå right; Markdown texts as written."""
    return csv_bytes(CSV_COLUMNS, rows(data))


def to_excel(data: ServiceMapData) -> bytes:
    """The same rows as an .xlsx workbook, one sheet named after the locality."""
    return to_xlsx(CSV_COLUMNS, rows(data), sheet=data.locality.name)
