"""Path dependencies shared by the event routers."""

from typing import Annotated

from fastapi import Depends, Path

from app.core.auth import PrincipalDep
from app.core.db import SessionDep
from app.events import service
from app.models import Event

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
