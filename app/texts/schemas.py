"""Request and response shapes of one layer of one slot: entry, revisions, divergence."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.core.timestamps import UtcDateTime
from app.models.base import ChangeKind, Lang, Mode, RevisionStatus

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class TextWrite(BaseModel):
    """The body of a PUT: one new revision of this layer's entry."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "mode": "append",
                    "text": "Ring helsestasjonen i Årstad på 55 00 00 00.",
                    "lang": "nb",
                    "status": "published",
                    "note": "Lokalt telefonnummer",
                }
            ]
        },
    )

    mode: Mode
    text: str | None = Field(default=None, max_length=100_000)
    lang: Lang
    status: RevisionStatus
    valid_from: UtcDateTime | None = Field(
        default=None, description="Publish later: the revision takes over at this moment."
    )
    note: Note | None = None
    change_kind: ChangeKind = Field(
        default=ChangeKind.substantive,
        description="`editorial` (a typo fix) does not make overrides below stale.",
    )
    needs_local_adaptation: bool = Field(
        default=False, description="Region only: municipalities are expected to adapt this text."
    )

    @model_validator(mode="after")
    def _text_fits_mode(self) -> "TextWrite":
        if self.mode is Mode.hide and self.text is not None:
            raise ValueError("mode 'hide' takes no text")
        if self.mode is not Mode.hide and not (self.text or "").strip():
            raise ValueError(f"mode '{self.mode.value}' needs a non-empty text")
        return self


class ProvenanceItem(BaseModel):
    locality: str
    mode: str
    revision: int
    lang: str


class InheritedText(BaseModel):
    """What the layers above this one give the slot (their merge)."""

    text: str | None = None
    html: str | None = None
    hidden: bool = False
    lang: str | None = None
    origin: str | None = Field(default=None, description="`regional`, `local` or `mixed`.")
    layers: list[ProvenanceItem] = Field(default_factory=list)
    revision: int | None = Field(
        default=None, description="The inherited revision a write here is based on."
    )


class TextEntry(BaseModel):
    """This layer's own current entry of one slot in one language, and what it inherits."""

    locality: str
    pathway: str
    service_type: str
    section: str
    lang: str
    mode: str
    text: str | None
    html: str | None = None
    status: str
    revision: int
    based_on: int | None
    stale: bool
    valid_from: datetime | None
    needs_local_adaptation: bool
    change_kind: str
    author: str
    created_at: datetime
    note: str | None = None
    inherited: InheritedText


class RevisionPublic(BaseModel):
    revision: int
    mode: str
    text: str | None
    lang: str
    status: str
    author: str
    created_at: datetime
    valid_from: datetime | None
    proposal_id: int | None
    based_on: int | None
    change_kind: str
    note: str | None
    needs_local_adaptation: bool


class RevisionPage(BaseModel):
    items: list[RevisionPublic]
    next_cursor: str | None = None


# --- divergence ---------------------------------------------------------------------------


class ModeCounts(BaseModel):
    replace: int = 0
    append: int = 0
    hide: int = 0


class PathwayCounts(ModeCounts):
    pathway: str


class StaleOverride(BaseModel):
    """An override written against an inherited text that has changed substantively since."""

    pathway: str
    service_type: str
    section: str
    lang: str
    mode: str
    revision: int
    based_on: int | None
    text: str | None
    inherited: InheritedText


class NotAdapted(BaseModel):
    """A base text the region expects adapted locally, with no entry in this municipality."""

    pathway: str
    service_type: str
    section: str
    base_revision: int


class LayerDivergence(BaseModel):
    locality: str
    name: str
    kind: str
    overrides: ModeCounts
    by_pathway: list[PathwayCounts]
    stale: list[StaleOverride]
    not_adapted: list[NotAdapted] | None = Field(default=None, description="Municipalities only.")


class DivergenceReport(BaseModel):
    locality: str
    layers: list[LayerDivergence]
