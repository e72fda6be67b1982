"""Use-cases of the review workbook: export for one municipality, and the filled upload.

An upload accounts for every non-empty row: `created` (it made a new proposal, or set or
changed its service's assessment), `unchanged` (an earlier upload already took it: a
proposal with the same round, municipality, pathway, service, section and text exists,
whatever its status, and the assessment already says the same) or `rejected_rows` with
the reasons. A service's assessment is the worst light among its rows (rød over gul over
grønn), with the rows' "hva må jobbes med" as its note. One transaction for the whole file.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, text

from app.core.auth import Principal, authorize
from app.core.db import is_postgres
from app.core.errors import Conflict, Forbidden, Unauthorized
from app.core.nul import forbidden_char
from app.core.testhooks import pause_point
from app.models import ChangeProposal, Locality
from app.models.base import SECTION_LABELS, Mode, Role, utcnow
from app.proposals import service as proposals
from app.proposals.schemas import TrafficLight
from app.rounds import service as rounds
from app.rounds import workbook
from app.rounds.schemas import RejectedRow, UploadReport
from app.texts import editing, queries
from app.texts.merge import current_entries, is_visible, merge_pathway, substantive_marks

_CP: Any = ChangeProposal.__table__.c  # type: ignore[attr-defined]
_UPLOAD_LOCK_SPACE = 4
_SEVERITY = {"green": 0, "yellow": 1, "red": 2}
_MODE_NB = {"replace": "erstatt", "append": "tillegg", "hide": "skjul"}
_ORIGIN_NB = {"regional": "Regional tekst", "local": "Lokal tekst", "mixed": "Regional + lokal"}


def _key(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    return principal


def _may_upload_somewhere(session: Session, key: Principal, community_id: int) -> None:
    """Refuse before the file is read: a contributor whose scope meets the round's community.

    Which municipality the workbook is for is checked again once it has been read.
    """
    community = session.get(Locality, community_id)
    assert community is not None
    above = [loc.code for loc in queries.chain_of(session, community.code)]
    if key.scope is None or key.scope in above:
        authorize(key, Role.contributor, above)
        return
    below = [loc.code for loc in queries.chain_of(session, key.scope)]
    authorize(key, Role.contributor, below)
    if community.code not in below:
        raise Forbidden(f"The key '{key.name}' does not reach the round's health community.")


def _source(slot: Any) -> str:
    if slot.hidden:
        return "Skjult i kommunen"
    if slot.empty:
        return "Ingen tekst ennå"
    layers = "; ".join(
        f"{p.locality} ({_MODE_NB.get(p.mode, p.mode)}, r{p.revision})" for p in slot.layers
    )
    stale = " – må sees på igjen (utdatert)" if slot.stale else ""
    return f"{_ORIGIN_NB.get(slot.origin or '', '')}: {layers}{stale}"


def export(
    session: Session, *, principal: Principal | None, round_id: int, municipality: str, lang: str
) -> tuple[bytes, str]:
    """The workbook of merged texts for one municipality of the round, and its file name."""
    key = _key(principal)
    rnd = rounds.get_round(session, round_id)
    place = rounds.municipality_in_round(session, rnd, municipality, loc=["query", "municipality"])
    chain = queries.chain_of(session, place.code)
    codes = [loc.code for loc in chain]
    authorize(key, Role.reader, codes)
    now = utcnow()
    sheets = []
    for pathway in rounds.round_pathways(session, round_id):
        rows = queries.load_rows(session, pathway.id, [loc.id for loc in chain])
        current = current_entries(rows, at=now, preview=False)
        types = queries.pathway_service_types(session, pathway.id)
        services = merge_pathway(
            codes,
            current,
            [t.code for t in types],
            lang,
            marks=substantive_marks(rows, at=now),
            include_hidden=True,
        )
        by_code = {t.code: t for t in types}
        by_code.update(
            queries.service_types_by_code(
                session, [s.service_type for s in services if s.service_type not in by_code]
            )
        )
        seen: dict[tuple[str, str], int] = {}
        for r in rows:
            if r.locality in codes[:-1] and is_visible(r, at=now, preview=False):
                k = (r.service_type, r.section)
                seen[k] = max(seen.get(k, 0), r.revision)
        out = []
        for service in services:
            st = by_code[service.service_type]
            name = st.name_nn if lang == "nn" and st.name_nn else st.name
            for section, slot in service.sections:
                entry = current.get((place.code, st.code, section, lang))
                based_on = entry.revision if entry else seen.get((st.code, section))
                out.append(
                    workbook.ExportRow(
                        service_type=st.code,
                        service_name=name,
                        section=section,
                        section_label=SECTION_LABELS[section][lang],
                        text=slot.text,
                        source=_source(slot),
                        based_on=based_on,
                    )
                )
        title = pathway.title_nn if lang == "nn" and pathway.title_nn else pathway.title
        sheets.append(workbook.ExportSheet(pathway.slug, title, out))
    meta = workbook.Meta(round_id=round_id, municipality=place.code, lang=lang)
    data = workbook.write(meta, sheets, round_title=rnd.title, municipality_name=place.name)
    return data, f"revisjon-{round_id}-{place.code}.xlsx"


@dataclass
class _Lit:
    """The lights one upload gives a service, and the rows that gave them."""

    light: str = "green"
    notes: list[str] = field(default_factory=list)
    rows: list[tuple[str, int]] = field(default_factory=list)


def _lock_upload(session: Session, round_id: int, municipality: str) -> None:
    """Serialise uploads for one round and municipality (so twice at once stays once)."""
    if not is_postgres(session):
        session.execute(text("SELECT 1"))
        return
    raw = hashlib.blake2b(f"{round_id}:{municipality}".encode(), digest_size=4).digest()
    session.execute(
        text("SELECT pg_advisory_xact_lock(:space, :key)"),
        {"space": _UPLOAD_LOCK_SPACE, "key": int.from_bytes(raw, "big", signed=True)},
    )


def _row_errors(row: workbook.FilledRow, known: dict[str, Any]) -> list[str]:
    errors = []
    if row.service_type is None or row.section is None:
        errors.append(
            "This row is not one Forløp wrote (its hidden service and section are missing): "
            "write proposals in the row of the service and section."
        )
    else:
        if row.service_type not in known:
            errors.append(f"Unknown service type '{row.service_type}'.")
        if row.section not in editing.SECTIONS:
            errors.append(f"Unknown section '{row.section}'.")
    if row.traffic_light is not None and row.traffic_light.lower() not in workbook.LIGHTS:
        errors.append(f"Trafikklys must be grønn, gul or rød, not '{row.traffic_light}'.")
    if row.change is not None and row.change.lower() not in workbook.CHANGES:
        errors.append(f"Type endring must be erstatt or tillegg, not '{row.change}'.")
    if row.based_on is not None and not row.based_on.isdigit():
        errors.append(f"The hidden revision '{row.based_on}' was changed; export a new workbook.")
    if row.text is None and row.traffic_light is None:
        errors.append(
            "The row has neither a traffic light nor a proposed text: fill in one of them."
        )
    if row.text is not None and len(row.text) > 100_000:
        errors.append("The proposed text is longer than 100,000 characters.")
    # The same characters a JSON body may not hold (app/core/nul.py) may not come in here.
    for name, value in (("text", row.text), ("rationale", row.rationale),
                        ("service_work", row.service_work)):  # fmt: skip
        char = forbidden_char(value or "")
        if char is not None:
            errors.append(f"The {name} holds a control or bidi character (U+{ord(char):04X}).")
    return errors


def upload(
    session: Session,
    *,
    principal: Principal | None,
    round_id: int,
    data: bytes,
    municipality: str | None,
) -> UploadReport:
    """Create the proposals and assessments a filled workbook holds, row by row."""
    key = _key(principal)
    rnd = rounds.get_round(session, round_id)
    _may_upload_somewhere(session, key, rnd.locality_id)
    filled = workbook.read(data)
    meta = filled.meta
    if meta.round_id != round_id:
        raise Conflict(
            f"This workbook belongs to review round {meta.round_id}, not to round {round_id}."
        )
    if municipality is not None and municipality != meta.municipality:
        raise Conflict(
            f"This workbook is for municipality '{meta.municipality}', not '{municipality}'."
        )
    place = rounds.municipality_in_round(session, rnd, meta.municipality, loc=["body", "file"])
    chain = queries.chain_of(session, place.code)
    authorize(key, Role.contributor, [loc.code for loc in chain])
    now = utcnow()
    proposals.round_open(rnd, now)
    _lock_upload(session, round_id, place.code)
    pathways = {p.slug: p for p in rounds.round_pathways(session, round_id)}
    codes = {r.service_type for r in filled.rows if r.service_type}
    known = queries.service_types_by_code(session, sorted(codes))
    rejected = [RejectedRow(sheet=s, row=None, errors=e) for s, e in filled.sheet_problems]
    created_rows: set[tuple[str, int]] = set()
    unchanged_rows: set[tuple[str, int]] = set()
    lit: dict[tuple[str, str], _Lit] = defaultdict(_Lit)
    made = 0
    for row in filled.rows:
        errors = _row_errors(row, known)
        pathway = pathways.get(row.pathway)
        if pathway is None or pathway.status == "retired":
            errors.append(f"The pathway '{row.pathway}' is not open for review in this round.")
        if errors:
            rejected.append(RejectedRow(sheet=row.sheet, row=row.row, errors=errors))
            continue
        assert pathway is not None and row.service_type and row.section
        where = (row.sheet, row.row)
        if row.text is not None:
            slot = editing.Slot(chain, pathway, known[row.service_type], row.section)
            if _exists(session, round_id, slot, row.text):
                unchanged_rows.add(where)
            else:
                draft = proposals.Draft(
                    mode=Mode(workbook.CHANGES[(row.change or "erstatt").lower()]),
                    text=row.text,
                    lang=meta.lang,
                    rationale=row.rationale or "",
                    service_work=row.service_work or "",
                    traffic_light=_light(row.traffic_light),
                )
                proposals.add_proposal(
                    session,
                    slot=slot,
                    principal=key,
                    draft=draft,
                    based_on=int(row.based_on) if row.based_on else None,
                    round_id=round_id,
                    now=now,
                )
                made += 1
                created_rows.add(where)
        if row.traffic_light is not None:
            held = lit[(row.pathway, row.service_type)]
            light = workbook.LIGHTS[row.traffic_light.lower()]
            if _SEVERITY[light] > _SEVERITY[held.light]:
                held.light = light
            if row.service_work:
                label = SECTION_LABELS[row.section][meta.lang]
                held.notes.append(f"{label}: {row.service_work}")
            held.rows.append(where)
            if where not in created_rows:
                unchanged_rows.add(where)
    pause_point("workbook-upload:proposals-written")  # tests/reliability/test_kill_upload.py
    assessed = 0
    for (slug, st_code), held in lit.items():
        _, outcome = rounds.upsert_assessment(
            session,
            rnd=rnd,
            municipality=place,
            pathway_id=pathways[slug].id,
            service_type_id=known[st_code].id,
            traffic_light=held.light,
            note="\n".join(held.notes) or None,
            author=key.name,
            now=now,
        )
        if outcome != "unchanged":
            assessed += 1
            created_rows.update(held.rows)
    pause_point("workbook-upload:before-commit")
    session.commit()
    return UploadReport(
        created=len(created_rows),
        unchanged=len(unchanged_rows - created_rows),
        proposals_created=made,
        assessments_set=assessed,
        rejected_rows=rejected,
    )


def _light(value: str | None) -> TrafficLight | None:
    return TrafficLight(workbook.LIGHTS[value.lower()]) if value else None


def _exists(session: Session, round_id: int, slot: editing.Slot, proposed: str) -> bool:
    found = session.execute(
        select(_CP.id).where(
            _CP.round_id == round_id,
            _CP.locality_id == slot.layer.id,
            _CP.pathway_id == slot.pathway.id,
            _CP.service_type_id == slot.service_type.id,
            _CP.section == slot.section,
            _CP.text == proposed,
        )
    ).first()
    return found is not None
