"""Use-cases of the review workbook: export for one municipality, and the filled upload.

An upload accounts for every non-empty row: `created` (it made a new proposal, or set or
changed its service's assessment), `unchanged` (an earlier upload already took it: a
proposal with the same round, municipality, pathway, service, section and text exists,
whatever its status, and the assessment already says the same) or `rejected_rows` with
the reasons; `rows` says for each what it became. A service's assessment is the worst
light among its rows (rød over gul over grønn). Nothing typed is lost: a new text becomes
a proposal (with the reason as its rationale and "hva må jobbes med" as `service_work`);
a light's reason (without a new text) and "hva må jobbes med" become lines of the
assessment's note, `<section> – <what>: <text>`, which an export reads back into the
rows, so a workbook downloaded again shows what was answered. One transaction per file.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, text

from app.adoptions import queries as adoption_queries
from app.catalog.lookups import name_in, service_types_by_code
from app.core.auth import Principal, authorize
from app.core.db import is_postgres
from app.core.errors import Conflict, Forbidden, Unauthorized
from app.core.forbidden_chars import forbidden_char
from app.core.testhooks import pause_point
from app.localities.lookups import chain_of
from app.models import Assessment, ChangeProposal, Locality
from app.models.base import SECTION_LABELS, Mode, Role, utcnow
from app.pathways.lookups import title_in
from app.proposals import service as proposals
from app.proposals.schemas import TrafficLight
from app.rounds import service as rounds
from app.rounds import workbook
from app.rounds.schemas import RejectedRow, RowOutcome, UploadReport
from app.texts import merged, slots
from app.texts.merge import SECTIONS

_CHANGE_PROPOSAL: Any = ChangeProposal.__table__.c  # type: ignore[attr-defined]
_ASSESSMENT: Any = Assessment.__table__.c  # type: ignore[attr-defined]
# The kinds of line an upload writes into an assessment's note, per language.
_REASON = {"nb": "begrunnelse", "nn": "grunngjeving"}
_WORK = {"nb": "må jobbes med", "nn": "må arbeidast med"}
_LIGHT_NB = {v: k for k, v in workbook.LIGHTS.items()}
_CHANGE_NB = {v: k for k, v in workbook.CHANGES.items()}
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
    above = [loc.code for loc in chain_of(session, community.code)]
    if key.scope is None or key.scope in above:
        authorize(key, Role.contributor, above)
        return
    below = [loc.code for loc in chain_of(session, key.scope)]
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
    review_round = rounds.get_round(session, round_id)
    place = rounds.municipality_in_round(
        session, review_round, municipality, loc=["query", "municipality"]
    )
    chain = chain_of(session, place.code)
    codes = [loc.code for loc in chain]
    authorize(key, Role.reader, codes)
    now = utcnow()
    sheets = []
    answered = _answers(session, round_id, place, lang)
    for pathway in rounds.round_pathways(session, round_id):
        # The pathway's layers here: its owner's base layer first (app/adoptions).
        layers = adoption_queries.layers_of(session, pathway.id, chain) or chain
        content = merged.merge(session, pathway.id, layers, lang=lang, at=now, include_hidden=True)
        types, services = content.types, content.services
        by_code = {t.code: t for t in types}
        by_code.update(
            service_types_by_code(
                session, [s.service_type for s in services if s.service_type not in by_code]
            )
        )
        out = []
        for service in services:
            st = by_code[service.service_type]
            name = name_in(st, lang)
            answers = answered.service(pathway.id, st.id, lang)
            for section, slot in service.sections:
                out.append(
                    workbook.ExportRow(
                        service_type=st.code,
                        service_name=name,
                        section=section,
                        section_label=SECTION_LABELS[section][lang],
                        text=slot.text,
                        source=_source(slot),
                        # The revision the row shows last in "Hvor teksten kommer fra".
                        based_on=slot.layers[-1].revision if slot.layers else None,
                        answer=answers.get(section, workbook.Answer()),
                    )
                )
            if answers.get(_UNPLACED) and out:
                first = next(i for i, r in enumerate(out) if r.service_type == st.code)
                if out[first].answer == workbook.Answer():
                    out[first] = replace(out[first], answer=answers[_UNPLACED])
        title = title_in(pathway, lang)
        sheets.append(workbook.ExportSheet(pathway.slug, title, out))
    meta = workbook.Meta(round_id=round_id, municipality=place.code, lang=lang)
    data = workbook.write(
        meta, sheets, round_title=review_round.title, municipality_name=place.name
    )
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
        if row.section not in SECTIONS:
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
    elif row.text is None and row.change is not None:
        errors.append(
            "Type endring is filled in but there is no proposed text: write the new text "
            "in «Forslag til ny tekst», or empty Type endring."
        )
    if row.text is not None and len(row.text) > 100_000:
        errors.append("The proposed text is longer than 100,000 characters.")
    # The same characters a JSON body may not hold (app/core/forbidden_chars.py) may not
    # come in here.
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
    review_round = rounds.get_round(session, round_id)
    _may_upload_somewhere(session, key, review_round.locality_id)
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
    place = rounds.municipality_in_round(
        session, review_round, meta.municipality, loc=["body", "file"]
    )
    chain = chain_of(session, place.code)
    authorize(key, Role.contributor, [loc.code for loc in chain])
    now = utcnow()
    proposals.round_open(review_round, now)
    _lock_upload(session, round_id, place.code)
    pathways = {p.slug: p for p in rounds.round_pathways(session, round_id)}
    codes = {r.service_type for r in filled.rows if r.service_type}
    known = service_types_by_code(session, sorted(codes))
    rejected = [RejectedRow(sheet=s, row=None, errors=e) for s, e in filled.sheet_problems]
    created_rows: set[tuple[str, int]] = set()
    unchanged_rows: set[tuple[str, int]] = set()
    outcomes: dict[tuple[str, int], RowOutcome] = {}
    lit: dict[tuple[str, str], _Lit] = defaultdict(_Lit)
    made = 0
    for row in filled.rows:
        errors = _row_errors(row, known)
        pathway = pathways.get(row.pathway)
        if pathway is None or pathway.status == "retired":
            errors.append(f"The pathway '{row.pathway}' is not open for review in this round.")
        where = (row.sheet, row.row)
        if errors:
            rejected.append(RejectedRow(sheet=row.sheet, row=row.row, errors=errors))
            outcomes[where] = RowOutcome(
                sheet=row.sheet, row=row.row, outcome="rejected", errors=errors
            )
            continue
        assert pathway is not None and row.service_type and row.section
        outcome = outcomes[where] = RowOutcome(sheet=row.sheet, row=row.row, outcome="unchanged")
        label = SECTION_LABELS[row.section][meta.lang]
        if row.text is not None:
            slot = slots.pathway_slot(
                session, chain, pathway, known[row.service_type], row.section
            ) or slots.Slot(chain, pathway, known[row.service_type], row.section)
            found = _exists(session, round_id, slot, row.text)
            if found is not None:
                unchanged_rows.add(where)
                outcome.proposal, outcome.proposal_outcome = found, "already_there"
            else:
                draft = proposals.Draft(
                    mode=Mode(workbook.CHANGES[(row.change or "erstatt").lower()]),
                    text=row.text,
                    lang=meta.lang,
                    rationale=row.rationale or "",
                    service_work=row.service_work or "",
                    traffic_light=_light(row.traffic_light),
                )
                proposal = proposals.add_proposal(
                    session,
                    slot=slot,
                    principal=key,
                    draft=draft,
                    based_on=_based_on(session, slot, row.based_on, meta.lang, now),
                    round_id=round_id,
                    now=now,
                )
                made += 1
                created_rows.add(where)
                outcome.proposal, outcome.proposal_outcome = proposal.id, "created"
        if row.traffic_light is not None:
            held = lit[(row.pathway, row.service_type)]
            light = workbook.LIGHTS[row.traffic_light.lower()]
            if _SEVERITY[light] > _SEVERITY[held.light]:
                held.light = light
            if row.rationale and row.text is None:  # with a text, it is the proposal's
                held.notes.append(f"{label} – {_REASON[meta.lang]}: {row.rationale}")
            if row.service_work:
                held.notes.append(f"{label} – {_WORK[meta.lang]}: {row.service_work}")
            held.rows.append(where)
            outcome.traffic_light = light
            if where not in created_rows:
                unchanged_rows.add(where)
    pause_point("workbook-upload:proposals-written")  # tests/reliability/test_kill_upload.py
    assessed = 0
    for (slug, st_code), held in lit.items():
        _, result = rounds.upsert_assessment(
            session,
            review_round=review_round,
            municipality=place,
            pathway_id=pathways[slug].id,
            service_type_id=known[st_code].id,
            traffic_light=held.light,
            note="\n".join(held.notes) or None,
            author=key.name,
            now=now,
        )
        for where in held.rows:
            outcomes[where].assessment = "unchanged" if result == "unchanged" else "set"
        if result != "unchanged":
            assessed += 1
            created_rows.update(held.rows)
    for where in created_rows:
        outcomes[where].outcome = "created"
    pause_point("workbook-upload:before-commit")
    session.commit()
    rows = [outcomes[(r.sheet, r.row)] for r in filled.rows]
    return UploadReport(
        created=len(created_rows),
        unchanged=len(unchanged_rows - created_rows),
        proposals_created=made,
        assessments_set=assessed,
        rejected_rows=rejected,
        rows_read=len(filled.rows),
        rows_taken=len(created_rows),
        rows_already_taken=len(unchanged_rows - created_rows),
        rows_rejected=sum(1 for o in rows if o.outcome == "rejected"),
        rows=rows,
    )


def _light(value: str | None) -> TrafficLight | None:
    return TrafficLight(workbook.LIGHTS[value.lower()]) if value else None


def _exists(session: Session, round_id: int, slot: slots.Slot, proposed: str) -> int | None:
    """The proposal an earlier upload made of this row, if any."""
    found = session.execute(
        select(_CHANGE_PROPOSAL.id).where(
            _CHANGE_PROPOSAL.round_id == round_id,
            _CHANGE_PROPOSAL.locality_id == slot.layer.id,
            _CHANGE_PROPOSAL.pathway_id == slot.pathway.id,
            _CHANGE_PROPOSAL.service_type_id == slot.service_type.id,
            _CHANGE_PROPOSAL.section == slot.section,
            _CHANGE_PROPOSAL.text == proposed,
        )
    ).first()
    return found[0] if found is not None else None


def _based_on(
    session: Session, slot: slots.Slot, shown: str | None, lang: str, now: Any
) -> int | None:
    """What the proposal is based on: the target as `accept` will compare it, when the row
    still shows the text as it stands; else the revision the row showed (a conflict then
    shows both texts)."""
    state = slots.load_state(session, slot, lang=lang, preview=False, at=now)
    if state.entry is not None:
        showing: int | None = state.entry.revision
    else:
        layers = state.inherited.layers
        showing = layers[-1].revision if layers else None
    if shown is None or int(shown) == showing:
        return proposals.target_revision(state)
    return int(shown)


_UNPLACED = "*"


@dataclass
class _Answers:
    """What a municipality already answered in a round: its proposals and assessments."""

    proposals: dict[tuple[int, int, str], ChangeProposal]
    assessments: dict[tuple[int, int], Assessment]

    def service(self, pathway_id: int, service_type_id: int, lang: str) -> dict[str, Any]:
        """Per section key the row's answer; `_UNPLACED` holds a light no row carries."""
        out: dict[str, Any] = {}
        held = self.assessments.get((pathway_id, service_type_id))
        light = _LIGHT_NB.get(held.traffic_light) if held is not None else None
        lines = _note_lines(held.note if held is not None else None, lang)
        for section in SECTIONS:
            p = self.proposals.get((pathway_id, service_type_id, section))
            reason, work = lines.get(section, (None, None))
            if p is not None:
                out[section] = workbook.Answer(
                    traffic_light=_LIGHT_NB.get(p.traffic_light or "") or (light if work else None),
                    change=_CHANGE_NB.get(p.mode),
                    text=p.text,
                    rationale=p.rationale or None,
                    service_work=p.service_work or work or None,
                )
            elif reason or work:
                out[section] = workbook.Answer(
                    traffic_light=light, rationale=reason, service_work=work
                )
        if light and not any(a.traffic_light for a in out.values()):
            out[_UNPLACED] = workbook.Answer(traffic_light=light)
        return out


def _answers(session: Session, round_id: int, place: Any, lang: str) -> _Answers:
    found: dict[tuple[int, int, str], ChangeProposal] = {}
    for p in session.execute(
        select(ChangeProposal)
        .where(
            _CHANGE_PROPOSAL.round_id == round_id,
            _CHANGE_PROPOSAL.locality_id == place.id,
            _CHANGE_PROPOSAL.lang == lang,
            _CHANGE_PROPOSAL.status != "withdrawn",
        )
        .order_by(_CHANGE_PROPOSAL.id)
    ).scalars():
        found[(p.pathway_id, p.service_type_id, p.section)] = p  # the newest wins
    assessments = {
        (a.pathway_id, a.service_type_id): a
        for a in session.execute(
            select(Assessment).where(
                _ASSESSMENT.round_id == round_id, _ASSESSMENT.municipality_id == place.id
            )
        ).scalars()
    }
    return _Answers(found, assessments)


def _note_lines(note: str | None, lang: str) -> dict[str, tuple[str | None, str | None]]:
    """An assessment note's `<section> – <what>: <text>` lines, per section key."""
    if not note:
        return {}
    by_label = {SECTION_LABELS[k][lang]: k for k in SECTIONS}
    labels = "|".join(re.escape(label) for label in by_label)
    kinds = f"{re.escape(_REASON[lang])}|{re.escape(_WORK[lang])}"
    pattern = re.compile(rf"^({labels}) – ({kinds}): ", re.M)
    out: dict[str, tuple[str | None, str | None]] = {}
    marks = list(pattern.finditer(note))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(note)
        value = note[m.end() : end].rstrip("\n")
        section = by_label[m.group(1)]
        reason, work = out.get(section, (None, None))
        if m.group(2) == _REASON[lang]:
            reason = value
        else:
            work = value
        out[section] = (reason, work)
    return out
