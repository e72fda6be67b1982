"""Request and response shapes of the service catalogue: service types and service units."""

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from app.models.base import CODE_PATTERN, ServiceLevel

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]

# Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is not ours to judge.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("not a valid e-mail address")
    return value


def _check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValueError("not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError("must be an absolute http or https URL")
    return value


Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=200),
    AfterValidator(_check_email),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_check_url),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Address = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


def _at_least_one(model: BaseModel) -> None:
    if not model.model_fields_set:
        raise ValueError("send at least one field to change")


def _no_nulls(model: BaseModel, *names: str) -> None:
    for name in names:
        if name in model.model_fields_set and getattr(model, name) is None:
            raise ValueError(f"'{name}' cannot be null")


# --- service types -----------------------------------------------------------------------


class ServiceTypeCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "ppt",
                    "name": "Pedagogisk-psykologisk tjeneste (PPT)",
                    "name_nn": "Pedagogisk-psykologisk teneste (PPT)",
                    "level": "municipal",
                    "description": "Hjelper barnehagar og skular med barn som treng støtte.",
                }
            ]
        },
    )

    code: Code
    name: Name
    name_nn: Name | None = None
    level: ServiceLevel
    description: Description = ""


class ServiceTypeUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Helsestasjon", "name_nn": "Helsestasjon"}]},
    )

    name: Name | None = None
    name_nn: Name | None = None
    level: ServiceLevel | None = None
    description: Description | None = None

    @model_validator(mode="after")
    def _check(self) -> "ServiceTypeUpdate":
        _at_least_one(self)
        _no_nulls(self, "name", "level", "description")
        return self


class ServiceTypePublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "helsestasjon",
                    "name": "Helsestasjon og skolehelsetjeneste",
                    "name_nn": "Helsestasjon og skulehelseteneste",
                    "level": "municipal",
                    "description": "Helsefremjande og førebyggjande teneste for barn og unge.",
                }
            ]
        }
    )

    code: str
    name: str
    name_nn: str | None
    level: ServiceLevel
    description: str


class ServiceTypePage(BaseModel):
    items: list[ServiceTypePublic]
    next_cursor: str | None = None


# --- service units -----------------------------------------------------------------------

_UNIT_EXAMPLE: dict[str, Any] = {
    "service_type": "helsestasjon",
    "name": "Helsestasjonen i Årstad",
    "phone": "55 56 10 00",
    "email": "helsestasjon.arstad@bergen.kommune.no",
    "url": "https://www.bergen.kommune.no/helsestasjon",
    "visiting_address": "Kalfarveien 31, 5018 Bergen",
}


class ServiceUnitCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                _UNIT_EXAMPLE,
                {
                    "service_type": "bup",
                    "name": "BUP Stord",
                    "phone": "53 49 10 00",
                    "catchment": ["4624"],
                },
            ]
        },
    )

    service_type: Code
    name: Name
    phone: Phone | None = None
    email: Email | None = None
    url: Url | None = None
    visiting_address: Address | None = None
    catchment: list[Code] = Field(
        default_factory=list,
        max_length=500,
        description=(
            "Municipalities outside this locality that the unit also serves (a BUP's "
            "catchment). Not for a municipal service type (422); the key must cover every "
            "municipality it adds (403): a catchment puts the unit on their service maps, "
            "and each of them hears of the unit's changes in `/v1/changes`."
        ),
    )


class ServiceUnitUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"phone": "55 56 10 01", "email": None}]},
    )

    service_type: Code | None = None
    name: Name | None = None
    phone: Phone | None = None
    email: Email | None = None
    url: Url | None = None
    visiting_address: Address | None = None
    catchment: list[Code] | None = Field(
        default=None,
        max_length=500,
        description="The whole new catchment; municipalities added must be in the key's scope.",
    )

    @model_validator(mode="after")
    def _check(self) -> "ServiceUnitUpdate":
        _at_least_one(self)
        _no_nulls(self, "service_type", "name", "catchment")
        return self


class ServiceUnitPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    **_UNIT_EXAMPLE,
                    "locality": "4601",
                    "catchment": [],
                    "inherited": False,
                }
            ]
        }
    )

    id: int
    name: str
    service_type: str
    locality: str = Field(description="Code of the locality that owns the unit.")
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None
    catchment: list[str] = Field(description="Municipalities outside its locality it also serves.")
    inherited: bool = Field(
        description="True when the unit belongs to another locality (an ancestor or a catchment)."
    )


class ServiceUnitPage(BaseModel):
    items: list[ServiceUnitPublic]
    next_cursor: str | None = None
