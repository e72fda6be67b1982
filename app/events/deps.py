"""Path dependencies shared by the event routers."""

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from app.core.auth import PrincipalDep
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.i18n import negotiate
from app.events import service
from app.models import Event
from app.models.base import Lang

EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Event id.")]
ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def get_event(session: SessionDep, event_id: EventId) -> Event:
    """The event named in the path, or 404."""
    return service.get_event(session, event_id)


EventDep = Annotated[Event, Depends(get_event)]


def get_organised_event(session: SessionDep, event: EventDep, principal: PrincipalDep) -> Event:
    """The event, for an editor whose scope covers its owning locality."""
    service.authorize_organiser(session, principal, event)
    return event


OrganisedEvent = Annotated[Event, Depends(get_organised_event)]


def export_language(
    request: Request,
    lang: Annotated[
        Lang | None,
        Query(description="Column headers and words in `nb` or `nn`; else Accept-Language."),
    ] = None,
) -> str:
    """The organiser's language for an export: `?lang=`, else Accept-Language, else default."""
    return negotiate(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )


ExportLang = Annotated[str, Depends(export_language)]
