"""Request and response shapes of pathway metadata."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.models.base import CODE_PATTERN, PathwayStatus, ServiceLevel

Slug = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
ServiceTypeCodes = Annotated[
    list[Code],
    Field(max_length=200, description="Participating service types, in the pathway's order."),
]

_EXAMPLE = {
    "slug": "angst",
    "title": "Angst hos barn og unge",
    "title_nn": "Angst hjå barn og unge",
    "summary": "Forløp for barn og unge med angstsymptom, frå første bekymring til avslutning.",
    "target_group": "Barn og unge 0–18 år med angstsymptomer",
    "summary_nn": "Forløp for born og unge med angstsymptom, frå første uro til avslutning.",
    "target_group_nn": "Born og unge 0–18 år med angstsymptom",
    "status": "published",
}
_NN = "Nynorsk; when absent (or null) a nynorsk reader gets the bokmål text."


class PathwayCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "slug": "sovnvansker",
                    "title": "Søvnvansker hos barn og unge",
                    "title_nn": "Søvnvanskar hjå barn og unge",
                    "summary": "Forløp for barn og unge som sover dårlig over tid, fra første "
                    "bekymring til avslutning.",
                    "target_group": "Barn og unge 0–18 år med vedvarende søvnvansker",
                    "status": "draft",
                    "service_types": ["helsestasjon", "fastlege", "bup"],
                }
            ]
        },
    )

    slug: Slug
    title: Title
    title_nn: Title | None = None
    summary: LongText
    target_group: LongText
    summary_nn: LongText | None = Field(default=None, description=_NN)
    target_group_nn: LongText | None = Field(default=None, description=_NN)
    status: PathwayStatus
    service_types: ServiceTypeCodes
    owner: Code | None = Field(
        default=None,
        description="The locality whose layer holds the base text (usually a region). "
        "May be left out while the installation has one region.",
    )


class PathwayUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"status": "retired"},
                {"title": "Angst", "service_types": ["helsestasjon", "ppt", "fastlege", "bup"]},
            ]
        },
    )

    title: Title | None = None
    title_nn: Title | None = None
    summary: LongText | None = None
    target_group: LongText | None = None
    summary_nn: LongText | None = Field(default=None, description=_NN + " Null removes it.")
    target_group_nn: LongText | None = Field(default=None, description=_NN + " Null removes it.")
    status: PathwayStatus | None = None
    service_types: ServiceTypeCodes | None = None

    @model_validator(mode="after")
    def _check(self) -> "PathwayUpdate":
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        for name in ("title", "summary", "target_group", "status", "service_types"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"'{name}' cannot be null")
        return self


class ServiceTypeRef(BaseModel):
    """A participating service type, as a pathway lists it."""

    code: str
    name: str
    level: ServiceLevel


class PathwaySummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "slug": "angst",
                    "title": "Angst hos barn og unge",
                    "summary": _EXAMPLE["summary"],
                    "status": "published",
                    "updated_at": "2026-11-23T10:15:00Z",
                }
            ]
        }
    )

    slug: str
    title: str
    summary: str
    status: PathwayStatus
    updated_at: datetime
    owner: str | None = Field(default=None, description="The owner's locality code.")


class PathwayPage(BaseModel):
    items: list[PathwaySummary]
    next_cursor: str | None = None


class PathwayPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_EXAMPLE,
                    "service_types": [
                        {
                            "code": "helsestasjon",
                            "name": "Helsestasjon og skolehelsetjeneste",
                            "level": "municipal",
                        },
                        {"code": "fastlege", "name": "Fastlege", "level": "municipal"},
                        {
                            "code": "bup",
                            "name": "Psykisk helsevern for barn og unge (BUP)",
                            "level": "specialist",
                        },
                    ],
                    "created_at": "2026-11-01T08:00:00Z",
                    "updated_at": "2026-11-23T10:15:00Z",
                }
            ]
        }
    )

    slug: str
    title: str
    title_nn: str | None
    summary: str
    target_group: str
    summary_nn: str | None
    target_group_nn: str | None
    status: PathwayStatus
    service_types: list[ServiceTypeRef]
    created_at: datetime
    updated_at: datetime
    owner: str | None = Field(default=None, description="The owner's locality code.")
