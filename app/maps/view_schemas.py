"""Response shapes of the map, its findings and the findings overview (documentation: the
bodies are built as plain data in `app.maps.assemble` and `app.maps.service`)."""

from typing import Literal

from pydantic import BaseModel, Field

from app.models.base import LocalityKind, Mode, PathwayStatus, ServiceLevel

Severity = Literal["problem", "warning", "info"]
Origin = Literal["regional", "local", "mixed"]


class FindingPublic(BaseModel):
    """Something on the map a person should look at, with why it matters."""

    code: str = Field(description="What kind of finding, e.g. `missing_service`.")
    severity: Severity
    service_type: str | None
    target: str | None
    sections: list[str]
    message: dict[str, str] = Field(description="The message by language code.")
    why: dict[str, str] = Field(description="Why it matters, by language code.")


class SeverityCounts(BaseModel):
    problem: int
    warning: int
    info: int


class MapPathway(BaseModel):
    slug: str
    title: str
    status: PathwayStatus


class MapLocality(BaseModel):
    code: str
    name: str
    kind: LocalityKind
    chain: list[str]


class MapUnit(BaseModel):
    name: str
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None


class MapLayer(BaseModel):
    locality: str
    mode: Mode
    revision: int


class NodeLinks(BaseModel):
    origin: Origin | None
    hidden: bool
    stale: bool
    layers: list[MapLayer]


class MapNode(BaseModel):
    service_type: str
    name: str
    level: ServiceLevel
    in_pathway: bool
    local_only: bool
    hidden: bool
    entry_point: bool
    units: list[MapUnit]
    links: NodeLinks


class MapEdge(BaseModel):
    source: str
    target: str
    label: str
    back: bool = Field(description="An expected hand-back (tilbakeføring).")
    origin: Literal["regional", "local"]
    layer: MapLayer


class RemovedEdge(BaseModel):
    source: str
    target: str
    label: str
    removed_by: str = Field(description="The locality whose layer removed the link.")


class MapView(BaseModel):
    """A pathway's referral map in a locality."""

    pathway: MapPathway
    locality: MapLocality
    lang: str
    in_use: bool
    nodes: list[MapNode]
    edges: list[MapEdge]
    removed_edges: list[RemovedEdge]
    entry_points: list[str]
    findings: list[FindingPublic]
    counts: SeverityCounts


class MunicipalityHead(BaseModel):
    code: str
    name: str


class FindingsItem(BaseModel):
    municipality: MunicipalityHead
    pathway: MapPathway
    counts: SeverityCounts
    findings: list[FindingPublic]


class FindingsOverview(BaseModel):
    """Findings per municipality and pathway under a locality."""

    locality: MapLocality
    lang: str
    municipalities: int
    pathways: list[str]
    totals: SeverityCounts
    items: list[FindingsItem]
