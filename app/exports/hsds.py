"""The service map as Open Referral HSDS 3.0: fully nested services in HSDS's paged wrapper.

Mapping (see examples/README.md):
- one HSDS **service** per service unit visible in the locality (a service type with no
  registered unit there has no HSDS service; the JSON/CSV map still lists it);
- its **organization** is the unit's owning locality (the municipality, or the health
  community for specialist units such as BUP);
- **phones** and **contacts** come from the unit's phone and e-mail;
- **service_areas**: the owning locality and every municipality in the unit's catchment;
- the service type is an **attribute** with a taxonomy term of the `forlop-service-type`
  taxonomy, so a directory can group services by what they do.
Ids are UUIDv5 names of our keys, stable across exports and re-imports.
"""

import uuid
from datetime import datetime
from typing import Any

from app.core.config import public_url
from app.exports.content import ServiceMapData, ServiceTypeInfo, Unit

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://forlop.no/hsds/")
KIND_LABELS = {
    "region": "Helseregion",
    "health_community": "Helsefellesskap",
    "municipality": "Kommune",
}


def hsds_id(*parts: object) -> str:
    """A stable UUID for one of our records (`hsds_id("unit", 12)`)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _organization(unit: Unit) -> dict[str, Any]:
    kind = KIND_LABELS.get(unit.locality_kind, unit.locality_kind)
    return {
        "id": hsds_id("locality", unit.locality),
        "name": unit.locality_name,
        "description": f"{kind} {unit.locality_name} ({unit.locality}).",
    }


def _service(unit: Unit, st: ServiceTypeInfo, lang: str) -> dict[str, Any]:
    service_id = hsds_id("unit", unit.id)
    org = _organization(unit)
    phones = []
    if unit.phone:
        phones.append(
            {
                "id": hsds_id("unit", unit.id, "phone"),
                "service_id": service_id,
                "number": unit.phone,
                "type": "voice",
            }
        )
    contact: dict[str, Any] = {
        "id": hsds_id("unit", unit.id, "contact"),
        "service_id": service_id,
        "name": unit.name,
    }
    if unit.email:
        contact["email"] = unit.email
    areas = [
        {
            "id": hsds_id("unit", unit.id, "area", unit.locality),
            "service_id": service_id,
            "name": unit.locality_name,
            "description": f"{KIND_LABELS.get(unit.locality_kind, '')} {unit.locality}".strip(),
        }
    ]
    areas += [
        {
            "id": hsds_id("unit", unit.id, "area", code),
            "service_id": service_id,
            "name": name,
            "description": f"Kommune {code}",
        }
        for code, name in unit.catchment
    ]
    term_id = hsds_id("service-type", st.code)
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": org["id"],
        "name": unit.name,
        "alternate_name": st.label(lang),
        "description": st.description or st.label(lang),
        "status": "active",
        "last_modified": _time(unit.updated_at),
        "organization": org,
        "phones": phones,
        "contacts": [contact],
        "service_areas": areas,
        "attributes": [
            {
                "id": hsds_id("unit", unit.id, "service-type"),
                "link_id": service_id,
                "link_type": "service_type",
                "link_entity": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": {
                    "id": term_id,
                    "code": st.code,
                    "name": st.label(lang),
                    "description": st.description,
                    "taxonomy": f"{public_url()}/taxonomies/service-type",
                },
            }
        ],
        "languages": [{"id": hsds_id("lang", lang), "name": _LANG_NAMES[lang], "code": lang}],
    }
    if unit.url:
        service["url"] = unit.url
    if unit.email:
        service["email"] = unit.email
    return service


_LANG_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk"}


def services(data: ServiceMapData) -> list[dict[str, Any]]:
    """Every HSDS service of the map, ordered as the map orders service types, then by unit."""
    return [
        _service(unit, svc.service_type, data.lang) for svc in data.services for unit in svc.units
    ]


def page(data: ServiceMapData, *, page_number: int, per_page: int) -> dict[str, Any]:
    """One page of HSDS services in the HSDS 3.0 paged wrapper (pages count from 1)."""
    everything = services(data)
    total = len(everything)
    total_pages = max(1, -(-total // per_page))
    contents = everything[(page_number - 1) * per_page : page_number * per_page]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
