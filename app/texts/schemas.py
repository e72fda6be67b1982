"""Request and response shapes of one layer of one slot: entry, revisions, divergence."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
    valid_from: AwareDatetime | None = Field(
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


class DiffOpPublic(BaseModel):
    """One run of a word-level comparison."""

    op: Literal["equal", "delete", "insert"]
    text: str


class InheritedChange(BaseModel):
    """How the inherited text changed since the override was written against it."""

    from_revision: int | None = Field(description="The override's `based_on`.")
    to_revision: int | None = Field(description="The inherited revision now.")
    from_text: str = Field(description="The inherited text when the override was written.")
    to_text: str = Field(description="The inherited text now.")
    ops: list[DiffOpPublic]
    html: str = Field(description="The comparison as safe HTML with `<ins>` and `<del>`.")


class ScheduledRevision(BaseModel):
    """A revision of this layer that takes effect later (`valid_from`)."""

    revision: int
    mode: str
    text: str | None
    html: str | None = None
    lang: str
    status: str
    valid_from: datetime
    created_at: datetime


class TextEntry(BaseModel):
    """This layer's own current entry of one slot in one language, what it inherits, and
    its scheduled revisions. With only scheduled revisions, the entry's own fields
    (`mode`, `text`, `revision`, …) are null: the layer inherits until the first one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "locality": "4601",
                    "pathway": "angst",
                    "service_type": "helsestasjon",
                    "section": "role",
                    "lang": "nb",
                    "mode": "append",
                    "text": "Ring helsestasjonen i Årstad.",
                    "status": "published",
                    "revision": 40,
                    "based_on": 12,
                    "stale": False,
                    "valid_from": None,
                    "needs_local_adaptation": False,
                    "change_kind": "substantive",
                    "author": "kari",
                    "created_at": "2026-12-01T10:00:00Z",
                    "inherited": {"text": "Helsestasjonen kartlegger …", "revision": 12},
                    "scheduled": [
                        {
                            "revision": 44,
                            "mode": "append",
                            "text": "Fra 1. januar: ring 55 00 00 00.",
                            "lang": "nb",
                            "status": "published",
                            "valid_from": "2027-01-01T00:00:00Z",
                            "created_at": "2026-12-06T09:00:00Z",
                        }
                    ],
                }
            ]
        }
    )

    locality: str
    pathway: str
    service_type: str
    section: str
    lang: str
    mode: str | None = None
    text: str | None = None
    html: str | None = None
    status: str | None = None
    revision: int | None = Field(
        default=None, description="The current entry's revision; null when only scheduled."
    )
    based_on: int | None = None
    stale: bool
    inherited_change: InheritedChange | None = Field(
        default=None, description="When stale: what changed in the inherited text since."
    )
    valid_from: datetime | None = None
    needs_local_adaptation: bool
    change_kind: str | None = None
    author: str | None = None
    created_at: datetime | None = None
    note: str | None = None
    inherited: InheritedText
    scheduled: list[ScheduledRevision] = Field(
        default_factory=list, description="Revisions that take effect later, soonest first."
    )


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
    called_off_at: datetime | None = Field(
        default=None, description="When an editor called this scheduled revision off."
    )
    called_off_by: str | None = None


class RevisionPage(BaseModel):
    items: list[RevisionPublic]
    next_cursor: str | None = None


class ComparedRevision(BaseModel):
    revision: int
    locality: str
    mode: str
    text: str | None
    lang: str
    status: str
    created_at: datetime
    valid_from: datetime | None


class RevisionComparison(BaseModel):
    """Two revisions of a slot compared word by word."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "from": {
                        "revision": 12,
                        "locality": "helse-vest",
                        "mode": "replace",
                        "text": "Kartlegg angst med SCARED.",
                        "lang": "nb",
                        "status": "published",
                        "created_at": "2026-11-01T10:00:00Z",
                        "valid_from": None,
                    },
                    "to": {
                        "revision": 51,
                        "locality": "helse-vest",
                        "mode": "replace",
                        "text": "Kartlegg angst med RCADS.",
                        "lang": "nb",
                        "status": "published",
                        "created_at": "2026-12-01T10:00:00Z",
                        "valid_from": None,
                    },
                    "changed": True,
                    "ops": [
                        {"op": "equal", "text": "Kartlegg angst med "},
                        {"op": "delete", "text": "SCARED."},
                        {"op": "insert", "text": "RCADS."},
                    ],
                    "html": "Kartlegg angst med <del>SCARED.</del><ins>RCADS.</ins>",
                }
            ]
        },
        populate_by_name=True,
    )

    from_: ComparedRevision = Field(alias="from")
    to: ComparedRevision
    changed: bool
    ops: list[DiffOpPublic]
    html: str = Field(description="Safe HTML: escaped text with `<del>` and `<ins>`.")


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
    inherited_change: InheritedChange | None = Field(
        default=None, description="What changed in the inherited text since `based_on`."
    )


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
