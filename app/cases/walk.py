"""Walking a case through its pathway's map in one municipality, step by step."""

from typing import Any

from sqlmodel import Session

from app.cases import service as cases_service
from app.core.auth import Principal
from app.core.errors import Conflict
from app.maps import graph
from app.maps import service as maps_service
from app.maps.assemble import units_json
from app.models.base import LEVEL_LABELS
from app.texts.markdown import render

WALK_SECTIONS = ("role", "assessment", "measures")
LABELS = {
    "nb": {"role": "Rolle", "assessment": "Kartlegging", "measures": "Tiltak"},
    "nn": {"role": "Rolle", "assessment": "Kartlegging", "measures": "Tiltak"},
}


def walk(
    session: Session, *, code: str, case_id: int, lang: str, principal: Principal | None
) -> dict[str, Any]:
    """The case's walk: from the entry point along forward links, with texts and findings."""
    case, owner_chain, slug = cases_service.load_readable(
        session, case_id=case_id, principal=principal
    )
    ctx = maps_service.load_context(session, code=code, slug=slug, lang=lang, texts=True)
    data = ctx.data
    if not data.in_use:
        raise Conflict(
            f"The pathway '{slug}' is not in use in {ctx.locality.name} ({code}): "
            "there is no map to walk."
        )
    nodes = {n.service_type: n for n in data.nodes}
    hidden = {n.service_type for n in data.nodes if n.hidden}
    entries = [n.service_type for n in data.nodes if n.entry_point and not n.hidden]
    start, note = case.entry_point, None
    if start is None or start not in nodes or start in hidden:
        fallback = entries[0] if entries else next(n for n in nodes if n not in hidden)
        if start is not None:
            note = {
                "nb": f"Inngangen i saken ({start}) finnes ikke her; vandringen starter hos "
                f"{nodes[fallback].name}.",
                "nn": f"Inngangen i saka ({start}) finst ikkje her; vandringa startar hos "
                f"{nodes[fallback].name}.",
                "en": f"The case's entry point ({start}) does not exist here; the walk starts "
                f"at {nodes[fallback].name}.",
            }
        start = fallback
    order = graph.walk_order(start, data.edges, hidden)
    walked = {st for st, _ in order}
    questions = {q["role"]: q["questions"] for q in case.questions}
    steps = []
    for position, (st, depth) in enumerate(order, start=1):
        node = nodes[st]
        slots = data.slots[st]
        steps.append(
            {
                "step": position,
                "depth": depth,
                "service_type": {
                    "code": st,
                    "name": node.name,
                    "level": node.level,
                    "level_label": LEVEL_LABELS.get(node.level, LEVEL_LABELS["other"])[lang],
                },
                "entry_point": node.entry_point,
                "units": units_json(ctx.units, ctx.types[st]),
                "sections": [
                    {
                        "key": key,
                        "label": LABELS[lang][key],
                        "text": slots[key].text,
                        "html": render(text) if (text := slots[key].text) else None,
                        "origin": slots[key].origin,
                        "stale": slots[key].stale,
                    }
                    for key in WALK_SECTIONS
                    if not slots[key].hidden
                ],
                "refers_to": [
                    {
                        "service_type": e.target,
                        "name": nodes[e.target].name,
                        "label": e.label,
                        "back": e.back,
                        "hidden": e.target in hidden,
                        "origin": "local" if e.local else "regional",
                    }
                    for e in data.edges
                    if e.source == st and e.target in nodes
                ],
                "findings": [
                    f.as_json() for f in data.findings if st in (f.service_type, f.target)
                ],
                "questions": questions.get(st, []),
            }
        )
    return {
        "case": cases_service.to_public(case, locality=owner_chain[-1], pathway=slug).model_dump(
            mode="json"
        ),
        "pathway": maps_service.pathway_json(ctx.pathway, lang),
        "locality": maps_service.locality_json(ctx.chain),
        "lang": lang,
        "start": start,
        "start_note": note,
        "steps": steps,
        "not_reached": [
            {"code": n.service_type, "name": n.name}
            for n in data.nodes
            if n.service_type not in walked and not n.hidden
        ],
        "general_questions": [
            {"role": role, "questions": qs} for role, qs in questions.items() if role not in nodes
        ],
        "findings": [f.as_json() for f in data.findings],
    }
