"""Reading pathways: by slug, lists by status, the 404 answer, and the title in a language.
The one place other domains get a pathway's head from."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select
from sqlmodel import Session

from app.core.errors import NotFound
from app.models import Pathway

_PATHWAY: Any = Pathway.__table__.c  # type: ignore[attr-defined]


class PathwayRow(NamedTuple):
    id: int
    slug: str
    title: str
    title_nn: str | None
    summary: str
    status: str
    updated_at: datetime
    summary_nn: str | None = None

    def summary_in(self, lang: str) -> str:
        """The summary in `lang`; nynorsk falls back to bokmål."""
        return self.summary_nn if lang == "nn" and self.summary_nn else self.summary


def title_in(pathway: Any, lang: str) -> str:
    """A pathway's title in `lang` (anything with `title` and `title_nn`); nynorsk falls back
    to bokmål when it has no nynorsk title."""
    return pathway.title_nn if lang == "nn" and pathway.title_nn else pathway.title


_COLUMNS = (
    _PATHWAY.id,
    _PATHWAY.slug,
    _PATHWAY.title,
    _PATHWAY.title_nn,
    _PATHWAY.summary,
    _PATHWAY.status,
    _PATHWAY.updated_at,
    _PATHWAY.summary_nn,
)
# Built once: the views read a pathway by slug on every request.
_BY_SLUG = select(*_COLUMNS).where(_PATHWAY.slug == bindparam("slug"))


def pathway_by_slug(session: Session, slug: str) -> PathwayRow | None:
    """The pathway's columns the views need, or None."""
    row = session.execute(_BY_SLUG, {"slug": slug}).first()
    return PathwayRow(*row) if row else None


def pathway_or_404(session: Session, slug: str, *, preview: bool) -> PathwayRow:
    """The pathway, or 404 (drafts only in preview)."""
    return shown_or_404(pathway_by_slug(session, slug), slug, preview=preview)


def shown_or_404(pathway: PathwayRow | None, slug: str, *, preview: bool) -> PathwayRow:
    """`pathway` when a view may show it, else 404 (drafts only in preview)."""
    if pathway is None or (pathway.status == "draft" and not preview):
        raise NotFound(f"There is no published pathway '{slug}'.")
    return pathway


def pathways_by_status(session: Session, *, statuses: Sequence[str]) -> list[PathwayRow]:
    """Every pathway with one of these statuses, by slug."""
    rows = session.execute(
        select(*_COLUMNS).where(_PATHWAY.status.in_(statuses)).order_by(_PATHWAY.slug)
    ).all()
    return [PathwayRow(*r) for r in rows]
