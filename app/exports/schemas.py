"""Response shapes of the exports (documentation: the bodies are built as bytes)."""

from typing import Any

from pydantic import BaseModel, Field

from app.models.base import LocalityKind, ServiceLevel


class MapProvenance(BaseModel):
    locality: str
    mode: str
    revision: int
    lang: str


class MapText(BaseModel):
    text: str | None = Field(description="Markdown as written; null when hidden.")
    html: str | None = Field(description="The text as sanitised HTML.")
    lang: str | None
    origin: str | None = Field(description="`regional`, `local` or `mixed`.")
    layers: list[MapProvenance]
    stale: bool
    hidden: bool


class MapPathway(BaseModel):
    slug: str
    title: str
    role: MapText | None = Field(description="Merged `role` section; null when nobody wrote it.")
    referral: MapText | None = Field(description="Merged `referral` section; null when empty.")


class MapUnit(BaseModel):
    id: int
    name: str
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None
    locality: str = Field(description="The locality that owns the unit.")
    inherited: bool = Field(description="Owned by an ancestor, or serving here by catchment.")
    catchment: list[str]


class MapServiceType(BaseModel):
    code: str
    name: str
    level: ServiceLevel
    description: str


class MapService(BaseModel):
    service_type: MapServiceType
    units: list[MapUnit]
    pathways: list[MapPathway] = Field(description="Published pathways showing it, by slug.")


class MapLocality(BaseModel):
    code: str
    name: str
    kind: LocalityKind
    chain: list[str]


class ServiceMap(BaseModel):
    """Who does what in a locality: every service type present, its units and roles."""

    locality: MapLocality
    lang: str
    services: list[MapService]


class HsdsPage(BaseModel):
    """`format=hsds`: one page of Open Referral HSDS 3.0 services in HSDS's paged wrapper."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]] = Field(description="HSDS 3.0 `service` objects.")
