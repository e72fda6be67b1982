"""Dependencies other domains use to name a pathway in a path: `PathwayDep` (404 when unknown)."""

from typing import Annotated

from fastapi import Depends, Path
from sqlmodel import Session

from app.core.db import SessionDep
from app.models import Pathway
from app.models.base import CODE_PATTERN
from app.pathways import service

SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]


def get_pathway(session: Session, slug: str) -> Pathway:
    """The pathway with this slug, or 404."""
    return service.get_by_slug(session, slug)


def _pathway_from_path(session: SessionDep, slug: SlugPath) -> Pathway:
    return get_pathway(session, slug)


PathwayDep = Annotated[Pathway, Depends(_pathway_from_path)]
