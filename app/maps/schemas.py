"""Request and response shapes of referral links (one layer of one service's links)."""

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.models.base import CODE_PATTERN, ChangeKind, Mode, RevisionStatus

Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class LinkItem(BaseModel):
    """One service this one refers or hands over to."""

    model_config = ConfigDict(extra="forbid")

    service_type: str = Field(pattern=CODE_PATTERN, description="The receiving service type.")
    label: Label = Field(default="", description="When, e.g. 'ved moderat til alvorlig angst'.")
    back: bool = Field(
        default=False, description="An expected hand-back (tilbakeføring): not a cycle."
    )


class LinksWrite(BaseModel):
    """The body of a PUT: one new revision of this layer's links for one service."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "mode": "replace",
                    "refers_to": [
                        {
                            "service_type": "psykisk-helse-kommune",
                            "label": "via familiesenteret i bydelen",
                        }
                    ],
                    "entry_point": True,
                    "note": "Lokal omlegging i Bergen",
                }
            ]
        },
    )

    mode: Mode = Field(
        description="`replace` the inherited list, `append` to it, or `hide` (no links here)."
    )
    refers_to: list[LinkItem] = Field(default_factory=list, max_length=100)
    entry_point: bool = Field(default=False, description="A usual entry point (notices first).")
    status: RevisionStatus = RevisionStatus.published
    valid_from: AwareDatetime | None = None
    note: Note | None = None
    change_kind: ChangeKind = ChangeKind.substantive

    @model_validator(mode="after")
    def _fits_mode(self) -> "LinksWrite":
        if self.mode is Mode.hide and (self.refers_to or self.entry_point):
            raise ValueError("mode 'hide' takes no refers_to and no entry_point")
        if self.mode is Mode.append and not self.refers_to and not self.entry_point:
            raise ValueError("mode 'append' needs links to add or entry_point: true")
        return self


class LinkPublic(BaseModel):
    service_type: str
    label: str
    back: bool = False


class MergedLinkPublic(LinkPublic):
    locality: str = Field(description="The layer the link comes from.")
    mode: str
    revision: int


class LayerItem(BaseModel):
    locality: str
    mode: str
    revision: int


class InheritedLinks(BaseModel):
    """What the layers above give this service's links (their merge)."""

    refers_to: list[MergedLinkPublic] = Field(default_factory=list)
    entry_point: bool = False
    hidden: bool = False
    origin: str | None = None
    layers: list[LayerItem] = Field(default_factory=list)
    revision: int | None = Field(
        default=None, description="The inherited revision a write here is based on."
    )


class ScheduledLinks(BaseModel):
    """A revision of this layer's links that takes effect later (`valid_from`)."""

    revision: int
    mode: str
    refers_to: list[LinkPublic]
    entry_point: bool
    status: str
    valid_from: datetime
    created_at: datetime


class LinksEntry(BaseModel):
    """This layer's own current links entry for one service, what it inherits, and its
    scheduled revisions. With only scheduled revisions the entry's own fields are null."""

    locality: str
    pathway: str
    service_type: str
    mode: str | None = None
    refers_to: list[LinkPublic] = Field(default_factory=list)
    entry_point: bool = False
    status: str | None = None
    revision: int | None = Field(
        default=None, description="The current entry's revision; null when only scheduled."
    )
    based_on: int | None = None
    stale: bool = False
    valid_from: datetime | None = None
    change_kind: str | None = None
    author: str | None = None
    created_at: datetime | None = None
    note: str | None = None
    inherited: InheritedLinks
    scheduled: list[ScheduledLinks] = Field(
        default_factory=list, description="Revisions that take effect later, soonest first."
    )
