"""Request and response shapes of the locality tree."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.models.base import CODE_PATTERN, LocalityKind

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class LocalityCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "nordfjord",
                    "name": "Helsefellesskapet i Nordfjord",
                    "kind": "health_community",
                    "parent": "helse-vest",
                }
            ]
        },
    )

    code: Code
    name: Name
    kind: LocalityKind
    parent: Code | None = None

    @model_validator(mode="after")
    def _municipality_number(self) -> "LocalityCreate":
        if self.kind is LocalityKind.municipality and not (
            len(self.code) == 4 and self.code.isdigit()
        ):
            raise ValueError("a municipality's code is its four-digit municipality number")
        return self


class LocalityUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "Bjørnafjorden"}]}
    )

    name: Name


class LocalityPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "4601",
                    "name": "Bergen",
                    "kind": "municipality",
                    "parent": "bergen",
                    "chain": ["helse-vest", "bergen", "4601"],
                }
            ]
        }
    )

    code: str
    name: str
    kind: LocalityKind
    parent: str | None
    chain: list[str] = Field(description="Codes from the region down to this locality.")


class LocalityPage(BaseModel):
    items: list[LocalityPublic]
    next_cursor: str | None = None
