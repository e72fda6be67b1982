"""The impact of changes: which merged views they alter, which overrides they left stale.

Computed from the state when asked (the feed with `include=impact`, the deliverer when it
fans an event out), through the divergence report the editors see, so both say the same.
"""

from collections.abc import Sequence

from pydantic import BaseModel, Field
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.changes import meaning
from app.localities import lookups as locality_lookups
from app.texts import divergence
from app.texts.schemas import DivergenceReport


class ViewChanged(BaseModel):
    """A merged view that changed: `GET /v1/localities/{locality}/pathways/{pathway}`."""

    locality: str | None = Field(description="The locality; null: every locality.")
    pathway: str | None = Field(description="The pathway's slug; null: every pathway.")


class StaleOverrideRef(BaseModel):
    """A local override whose inherited text changed substantively: its authors must look."""

    locality: str
    pathway: str
    service_type: str
    section: str
    lang: str
    revision: int
    based_on: int | None


class Impact(BaseModel):
    """What a change means for readers and editors."""

    views: list[ViewChanged] = Field(default_factory=list)
    stale_overrides: list[StaleOverrideRef] = Field(default_factory=list)


class ChangeFacts(BaseModel):
    """The fields of a log entry impact needs."""

    entity: str
    action: str
    id: str
    locality: str | None
    pathway: str | None


def impact_of(session: Session, changes: Sequence[ChangeFacts]) -> list[Impact]:
    """The impact of each change, in order (one divergence report per locality at most)."""
    parents = locality_lookups.parents_by_code(session)
    by_base = adoption_queries.adopters_by_base(session)
    reports: dict[str, DivergenceReport] = {}
    found = []
    for change in changes:
        adopters = by_base.get((change.locality or "", change.pathway or ""), [])
        views = meaning.views_changed(
            change.entity, change.action, change.locality, change.pathway, parents, adopters
        )
        stale: list[StaleOverrideRef] = []
        slot = meaning.parse_text_id(change.id) if change.entity == "text" else None
        if views and slot is not None and change.locality in parents:
            assert change.locality is not None
            for code in [change.locality, *adopters]:
                if code not in reports:
                    reports[code] = divergence.report(session, code=code)
            layers = [
                layer
                for code in [change.locality, *adopters]
                for layer in reports[code].layers
                if layer.locality != change.locality
            ]
            for layer in layers:
                stale.extend(
                    StaleOverrideRef(
                        locality=layer.locality,
                        pathway=s.pathway,
                        service_type=s.service_type,
                        section=s.section,
                        lang=s.lang,
                        revision=s.revision,
                        based_on=s.based_on,
                    )
                    for s in layer.stale
                    if (s.pathway, s.service_type, s.section)
                    == (slot.pathway, slot.service_type, slot.section)
                )
        found.append(
            Impact(
                views=[ViewChanged(locality=v.locality, pathway=v.pathway) for v in views],
                stale_overrides=stale,
            )
        )
    return found
