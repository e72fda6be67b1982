"""Print-outs for organisers: feedback cards with QR codes, the door poster, table cards."""

from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from app.core.errors import Unprocessable
from app.events import feedback, seating_service, service
from app.events.pages import common
from app.events.pages.qr import qr_svg
from app.events.pages.render import page
from app.events.pages.texts import UI, PageLang
from app.events.sessions_service import plan_sessions
from app.models import Event


def feedback_cards(
    session: Session, request: Request, *, event: Event, lang: PageLang, count: int | None
) -> Response:
    """Mint answer links (through feedback.issue_tokens) and lay them out as cards."""
    seating = seating_service.read_seating(session, event=event)
    per_table = count is None and bool(seating.tables)
    if count is None:
        count = sum(t.size for t in seating.tables) or service.to_public(session, event).registered
    if count < 1:
        raise Unprocessable(
            "Ingen er påmeldt ennå: oppgi count for å skrive ut kort likevel.", loc=["query"]
        )
    tokens = feedback.issue_tokens(session, event=event, data=feedback.TokensRequest(count=count))
    t = UI[lang]

    def card(token: str) -> dict[str, Any]:
        url = common.url(request, f"/feedback/{token}/answer", lang)
        return {"url": url, "qr": qr_svg(url, title=t["card_qr"])}

    links = iter(tokens.tokens)
    if per_table:
        groups = [
            {
                "table": table.number,
                "names": [common.person_name(s.name, lang) for s in table.members],
                "cards": [card(next(links)) for _ in table.members],
            }
            for table in seating.tables
        ]
    else:
        groups = [{"table": None, "names": [], "cards": [card(tok) for tok in tokens.tokens]}]
    return page(
        "cards.html",
        lang,
        status=201,
        page_title=t["cards_title"],
        event_title=event.title,
        groups=groups,
    )


def poster(session: Session, *, event: Event, lang: PageLang, sessions: int, seed: int) -> Response:
    """The door poster by surname (one column per session) and a card per table."""
    if sessions == 1:
        stored = seating_service.read_seating(session, event=event)
        if not stored.tables:
            raise Unprocessable(
                "Det er ingen bordplassering ennå: kjør plasseringen først.", loc=["query"]
            )
        plans = [stored.tables]
    else:
        plan = plan_sessions(
            session, event=event, sessions=sessions, seed=seed, require_representatives=False
        )
        plans = [s.tables for s in plan.sessions]
    tables_of: dict[int, list[int]] = {}
    names: dict[int, str | None] = {}
    cards = []
    for number, tables in enumerate(plans, start=1):
        for table in tables:
            for s in table.members:
                tables_of.setdefault(s.participant, []).append(table.number)
                names[s.participant] = s.name
            members = sorted(table.members, key=lambda s: seating_service.surname_key(s.name))
            cards.append(
                {
                    "session": number,
                    "table": table.number,
                    "names": [common.person_name(s.name, lang) for s in members],
                }
            )
    rows = [
        {"name": common.person_name(names[pid], lang), "tables": tables_of[pid]}
        for pid in sorted(tables_of, key=lambda pid: seating_service.surname_key(names[pid]))
    ]
    return page(
        "poster.html",
        lang,
        page_title=UI[lang]["poster_title"],
        event_title=event.title,
        when=common.when(event),
        sessions=list(range(1, len(plans) + 1)),
        rows=rows,
        cards=cards,
    )
