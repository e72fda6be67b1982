"""The registration and cancel pages: registration.register and .cancel, as pages."""

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import Response

from app.catalog.lookups import name_in
from app.core.errors import Conflict, NotFound, Unprocessable
from app.events import registration, service
from app.events.pages import common, csrf
from app.events.pages.forms import form_values, parse_registration, shown
from app.events.pages.render import message, page
from app.events.pages.texts import FIELD_MESSAGES, KINDS, UI, PageLang
from app.events.schemas import RegistrationStatus
from app.localities.lookups import municipalities as all_municipalities
from app.models import Event, ServiceType


def _form_context(session: Session, event: Event, lang: PageLang) -> dict[str, Any]:
    municipalities = [(loc.code, loc.name) for loc in all_municipalities(session)]
    service_types = sorted(
        ((st.code, name_in(st, lang)) for st in session.exec(select(ServiceType)).all()),
        key=lambda pair: pair[1].casefold(),
    )
    public = service.to_public(session, event)
    return {
        "event": event,
        "event_title": event.title,
        "when": common.when(event),
        "places_left": public.places_left,
        "programme": public.programme,
        "municipalities": municipalities,
        "service_types": service_types,
        "kinds": list(KINDS[lang].items()),
    }


def _open_event(session: Session, event_id: int, lang: PageLang) -> Event | Response:
    event = session.get(Event, event_id)
    if event is None or event.status == "planned":
        return common.not_found(lang)  # planned events are internal to their organisers
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
        other_lang_url=common.other_lang(request, lang),
        action=f"/v1/events/{event.id}/register?lang={lang}",
        form_token=csrf.form_token(f"register:{event.id}"),
        values={k: shown(v) for k, v in (values or {}).items()},
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
        return common.refused(request, lang, back)
    limited = common.rate_limited(request, lang)
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
        cancel_url=common.url(request, f"/registrations/{receipt.cancel_token}/cancel", lang),
    )


# Cancellation


def cancel_page(session: Session, request: Request, *, token: str, lang: PageLang) -> Response:
    """Where the registration stands, with a button while it can be cancelled."""
    try:
        state = registration.registration_state(session, token=token)
    except NotFound:
        return common.not_found(lang)
    t = UI[lang]
    key = {"registered": "state_registered", "waitlisted": "state_waitlisted"}.get(
        state.status.value, "state_cancelled"
    )
    return page(
        "cancel.html",
        lang,
        page_title=t["cancel_title"],
        event_title=state.title,
        other_lang_url=common.other_lang(request, lang),
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
        return common.refused(request, lang, back)
    try:
        registration.cancel(session, token=token)
    except NotFound:
        return common.not_found(lang)
    except Conflict:
        session.rollback()
        return cancel_page(session, request, token=token, lang=lang)
    return message(lang, "cancelled_title", "cancelled_text", status=200)
