"""Use-cases of the pages: they call the same services as the JSON API and turn outcomes
(including refusals) into pages. Nothing here writes by itself."""

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import Response

from app.core.errors import AppError, Conflict, NotFound, TooManyRequests, Unprocessable
from app.core.ratelimit import limiter_of
from app.events import feedback, registration, seating_service, service
from app.events.pages import csrf
from app.events.pages.forms import form_values, parse_registration
from app.events.pages.qr import qr_svg
from app.events.pages.render import message, page
from app.events.pages.texts import FIELD_MESSAGES, KINDS, UI, PageLang
from app.events.schemas import RegistrationStatus
from app.events.sessions_service import plan_sessions
from app.models import Event, Locality, ServiceType

_TEXT_MAX = 5000


def _url(request: Request, path: str, lang: PageLang) -> str:
    return f"{str(request.base_url).rstrip('/')}/v1{path}?lang={lang}"


def _other(request: Request, lang: PageLang) -> str:
    other = "nn" if lang == "nb" else "nb"
    return str(request.url.include_query_params(lang=other))


def _when(event: Event) -> str:
    return (
        f"{event.date.strftime('%d.%m.%Y')}, "
        f"{event.start_time.strftime('%H:%M')}–{event.end_time.strftime('%H:%M')}"
    )


def _not_found(lang: PageLang) -> Response:
    return message(lang, "not_found_title", "not_found_text", status=404)


def _refused(request: Request, lang: PageLang, back_url: str) -> Response:
    """403 for a post from another site; 400 for a missing, forged or stale form token."""
    status = 403 if not csrf.same_origin(request) else 400
    return message(lang, "foreign_title", "foreign_text", status=status, back_url=back_url)


def _rate_limited(request: Request, lang: PageLang) -> Response | None:
    try:
        limiter_of(request.app).hit("registration", request.scope)
    except TooManyRequests as exc:
        seconds = exc.extra.get("retry_after", 60)
        response = message(lang, "too_many_title", "too_many_text", status=429, seconds=seconds)
        response.headers["Retry-After"] = str(seconds)
        return response
    return None


# Registration


def _form_context(session: Session, event: Event, lang: PageLang) -> dict[str, Any]:
    municipalities = [
        (loc.code, loc.name)
        for loc in session.exec(
            select(Locality).where(Locality.kind == "municipality").order_by(Locality.name)  # type: ignore[arg-type]
        ).all()
    ]
    service_types = sorted(
        (
            (st.code, (st.name_nn if lang == "nn" and st.name_nn else st.name))
            for st in session.exec(select(ServiceType)).all()
        ),
        key=lambda pair: pair[1].casefold(),
    )
    public = service.to_public(session, event)
    return {
        "event": event,
        "event_title": event.title,
        "when": _when(event),
        "places_left": public.places_left,
        "programme": public.programme,
        "municipalities": municipalities,
        "service_types": service_types,
        "kinds": list(KINDS[lang].items()),
    }


def _open_event(session: Session, event_id: int, lang: PageLang) -> Event | Response:
    event = session.get(Event, event_id)
    if event is None or event.status == "planned":
        return _not_found(lang)  # planned events are internal to their organisers
    if event.status != "open":
        return message(lang, "not_open_title", "not_open_text", status=409, title=event.title)
    return event


def _registration_form(
    session: Session,
    request: Request,
    event: Event,
    lang: PageLang,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status: int = 200,
) -> Response:
    return page(
        "register.html",
        lang,
        status=status,
        page_title=UI[lang]["register_title"],
        other_lang_url=_other(request, lang),
        action=f"/v1/events/{event.id}/register?lang={lang}",
        form_token=csrf.form_token(f"register:{event.id}"),
        values=values or {},
        errors=errors or {},
        **_form_context(session, event, lang),
    )


def registration_page(
    session: Session, request: Request, *, event_id: int, lang: PageLang
) -> Response:
    """The form, or why there is none."""
    event = _open_event(session, event_id, lang)
    if isinstance(event, Response):
        return event
    return _registration_form(session, request, event, lang)


def registration_post(
    session: Session, request: Request, *, event_id: int, form: Mapping[str, Any], lang: PageLang
) -> Response:
    """Register through registration.register; a receipt page or the form with messages."""
    back = f"/v1/events/{event_id}/register?lang={lang}"
    token = form.get("form_token")
    if not csrf.allowed(request, token if isinstance(token, str) else None, f"register:{event_id}"):
        return _refused(request, lang, back)
    limited = _rate_limited(request, lang)
    if limited is not None:
        return limited
    event = _open_event(session, event_id, lang)
    if isinstance(event, Response):
        return event
    values = form_values(form)
    data, errors = parse_registration(values, lang)
    if data is None:
        return _registration_form(
            session, request, event, lang, values=values, errors=errors, status=422
        )
    try:
        receipt = registration.register(session, event_id=event_id, data=data)
    except Unprocessable as exc:
        loc = exc.extra.get("errors", [{}])[0].get("loc") or ["body", "name"]
        field = str(loc[-1])
        msgs = FIELD_MESSAGES[lang]
        errors = {field: msgs.get(field, exc.detail)}
        return _registration_form(
            session, request, event, lang, values=values, errors=errors, status=422
        )
    except Conflict:
        session.rollback()
        event = _open_event(session, event_id, lang)
        if isinstance(event, Response):
            return event  # it closed meanwhile
        errors = {"email": FIELD_MESSAGES[lang]["taken"]}
        return _registration_form(
            session, request, event, lang, values=values, errors=errors, status=409
        )
    t = UI[lang]
    waiting = receipt.status == RegistrationStatus.waitlisted
    text = (t["waitlisted_text"] if waiting else t["registered_text"]).format(
        title=event.title, position=receipt.waitlist_position
    )
    return page(
        "receipt.html",
        lang,
        status=201,
        page_title=t["waitlisted_title" if waiting else "registered_title"],
        event_title=event.title,
        text=text,
        cancel_url=_url(request, f"/registrations/{receipt.cancel_token}/cancel", lang),
    )


# Cancellation


def cancel_page(session: Session, request: Request, *, token: str, lang: PageLang) -> Response:
    """Where the registration stands, with a button while it can be cancelled."""
    try:
        state = registration.registration_state(session, token=token)
    except NotFound:
        return _not_found(lang)
    t = UI[lang]
    key = {"registered": "state_registered", "waitlisted": "state_waitlisted"}.get(
        state.status.value, "state_cancelled"
    )
    return page(
        "cancel.html",
        lang,
        page_title=t["cancel_title"],
        event_title=state.title,
        other_lang_url=_other(request, lang),
        state_text=t[key].format(title=state.title, position=state.waitlist_position),
        can_cancel=state.status != RegistrationStatus.cancelled,
        action=f"/v1/registrations/{token}/cancel?lang={lang}",
        form_token=csrf.form_token(f"cancel:{token}"),
    )


def cancel_post(
    session: Session, request: Request, *, token: str, form: Mapping[str, Any], lang: PageLang
) -> Response:
    """Cancel through registration.cancel; the wait list moves up there."""
    back = f"/v1/registrations/{token}/cancel?lang={lang}"
    ftoken = form.get("form_token")
    if not csrf.allowed(request, ftoken if isinstance(ftoken, str) else None, f"cancel:{token}"):
        return _refused(request, lang, back)
    try:
        registration.cancel(session, token=token)
    except NotFound:
        return _not_found(lang)
    except Conflict:
        session.rollback()
        return cancel_page(session, request, token=token, lang=lang)
    return message(lang, "cancelled_title", "cancelled_text", status=200)


# Feedback


def _feedback_form(
    request: Request,
    token: str,
    form: feedback.FeedbackForm,
    lang: PageLang,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[int, str] | None = None,
    status: int = 200,
) -> Response:
    return page(
        "feedback.html",
        lang,
        status=status,
        page_title=UI[lang]["feedback_title"],
        event_title=form.title,
        other_lang_url=_other(request, lang),
        questions=form.questions,
        action=f"/v1/feedback/{token}/answer?lang={lang}",
        form_token=csrf.form_token(f"feedback:{token}"),
        values=values or {},
        errors=errors or {},
    )


def feedback_page(session: Session, request: Request, *, token: str, lang: PageLang) -> Response:
    """The event's questions behind one answer link."""
    try:
        form = feedback.form(session, token=token)
    except NotFound:
        return _not_found(lang)
    if form.used:
        return message(lang, "used_title", "used_text", status=409)
    return _feedback_form(request, token, form, lang)


def _answers(
    form: feedback.FeedbackForm, posted: Mapping[str, Any], lang: PageLang
) -> tuple[list[feedback.AnswerIn], dict[int, str], dict[str, str]]:
    """Answers from the posted fields; unanswered questions are left out, as in the API."""
    t = UI[lang]
    answers, errors, values = [], {}, {}
    for q in form.questions:
        raw = posted.get(f"q{q.id}")
        value = raw.strip() if isinstance(raw, str) else ""
        values[f"q{q.id}"] = value
        if not value:
            continue
        if q.kind == "scale":
            if value not in {"1", "2", "3", "4", "5"}:
                errors[q.id] = t["answer_needed"]
                continue
            answers.append(feedback.AnswerIn(question=q.id, value=int(value)))
        elif len(value) > _TEXT_MAX:
            errors[q.id] = t["too_long"].format(n=_TEXT_MAX)
        else:
            answers.append(feedback.AnswerIn(question=q.id, text=value))
    if not answers and not errors and form.questions:
        first = form.questions[0]
        errors[first.id] = t["answer_needed" if first.kind == "scale" else "text_needed"]
    return answers, errors, values


def feedback_post(
    session: Session, request: Request, *, token: str, form: Mapping[str, Any], lang: PageLang
) -> Response:
    """Store one anonymous response through feedback.answer; a thank-you page."""
    back = f"/v1/feedback/{token}/answer?lang={lang}"
    ftoken = form.get("form_token")
    if not csrf.allowed(request, ftoken if isinstance(ftoken, str) else None, f"feedback:{token}"):
        return _refused(request, lang, back)
    try:
        limiter_of(request.app).hit("feedback", request.scope)
    except TooManyRequests as exc:
        seconds = exc.extra.get("retry_after", 60)
        return message(lang, "too_many_title", "too_many_text", status=429, seconds=seconds)
    try:
        questions = feedback.form(session, token=token)
    except NotFound:
        return _not_found(lang)
    if questions.used:
        return message(lang, "used_title", "used_text", status=409)
    answers, errors, values = _answers(questions, form, lang)
    if errors:
        return _feedback_form(
            request, token, questions, lang, values=values, errors=errors, status=422
        )
    try:
        feedback.answer(session, token=token, data=feedback.FeedbackIn(answers=answers))
    except Conflict:
        return message(lang, "used_title", "used_text", status=409)
    except (AppError, ValidationError):
        session.rollback()
        return _feedback_form(request, token, questions, lang, values=values, status=422)
    return message(lang, "thanks_title", "thanks_text", status=200)


# Print-outs for organisers


def _name(name: str | None, lang: PageLang) -> str:
    return name if name else UI[lang]["erased"]


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
        url = _url(request, f"/feedback/{token}/answer", lang)
        return {"url": url, "qr": qr_svg(url, title=t["card_qr"])}

    links = iter(tokens.tokens)
    if per_table:
        groups = [
            {
                "table": table.number,
                "names": [_name(s.name, lang) for s in table.members],
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
                    "names": [_name(s.name, lang) for s in members],
                }
            )
    rows = [
        {"name": _name(names[pid], lang), "tables": tables_of[pid]}
        for pid in sorted(tables_of, key=lambda pid: seating_service.surname_key(names[pid]))
    ]
    return page(
        "poster.html",
        lang,
        page_title=UI[lang]["poster_title"],
        event_title=event.title,
        when=_when(event),
        sessions=list(range(1, len(plans) + 1)),
        rows=rows,
        cards=cards,
    )
