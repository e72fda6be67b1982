"""Response shapes of the merged views (documentation; the bodies are built as bytes)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.models.base import Lang, LocalityKind, Mode, PathwayStatus, Section, ServiceLevel


class ViewProvenance(BaseModel):
    locality: str
    mode: Mode
    revision: int
    lang: Lang


class ViewSection(BaseModel):
    key: Section
    label: str
    text: str | None = Field(description="Markdown as written; null when hidden or empty.")
    html: str | None = Field(description="The text as sanitised HTML.")
    lang: Lang | None = Field(description="The language of the nearest contributing entry.")
    origin: Literal["regional", "local", "mixed"] | None = Field(
        description="`regional`, `local` or `mixed`; null when empty."
    )
    layers: list[ViewProvenance]
    stale: bool
    hidden: bool
    needs_local_adaptation: bool


class ViewServiceType(BaseModel):
    code: str
    name: str
    level: ServiceLevel


class ViewUnit(BaseModel):
    name: str
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None


class ViewService(BaseModel):
    service_type: ViewServiceType
    local_only: bool = Field(description="Added by a local layer; not in the pathway's list.")
    hidden: bool
    units: list[ViewUnit]
    sections: list[ViewSection]


class ViewPathway(BaseModel):
    slug: str
    title: str
    title_nb: str
    title_nn: str | None
    summary: str
    status: PathwayStatus
    updated_at: datetime
    owner: str = Field(description="The locality whose layer holds the base text.")


class ViewLocality(BaseModel):
    code: str
    name: str
    kind: LocalityKind
    chain: list[str] = Field(
        description="The layers merged, base first: the owner, then this locality's chain "
        "below the owner, or below the locality that adopted the pathway."
    )


class MergedView(BaseModel):
    """A pathway as one locality sees it: every layer of its chain merged."""

    pathway: ViewPathway
    locality: ViewLocality
    lang: Lang
    as_of: datetime | None
    preview: bool
    services: list[ViewService]


class PathwayInUse(BaseModel):
    slug: str
    title: str
    summary: str
    status: str
    updated_at: datetime


class PathwayInUsePage(BaseModel):
    items: list[PathwayInUse]
    next_cursor: str | None = None
