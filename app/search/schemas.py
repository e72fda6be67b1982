"""Response shapes of search (documentation; the bodies are built as bytes)."""

from typing import Literal

from pydantic import BaseModel, Field

from app.texts.view_schemas import ViewProvenance


class HitPathway(BaseModel):
    slug: str
    title: str


class HitServiceType(BaseModel):
    code: str
    name: str
    name_nn: str | None


class HitSection(BaseModel):
    key: str
    label: str = Field(description="The section's label in the requested language.")


class HitUnit(BaseModel):
    id: int
    name: str
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None
    locality: str = Field(description="The locality that owns the unit.")


class SearchHit(BaseModel):
    """One hit: a merged section as the locality sees it, a unit, or a service type."""

    kind: Literal["section", "unit", "service_type"]
    score: float = Field(description="Relevance; higher is better. Comparable within one query.")
    service_type: HitServiceType
    pathway: HitPathway | None = Field(None, description="Sections only.")
    section: HitSection | None = Field(None, description="Sections only.")
    snippet: str | None = Field(
        None,
        description="Sections only: the best stretch of the merged text as sanitised HTML, "
        "every matching word in `<mark>`; nothing else is markup.",
    )
    lang: str | None = Field(None, description="Sections only: the language of the text.")
    origin: str | None = Field(None, description="Sections only: `regional`, `local`, `mixed`.")
    layers: list[ViewProvenance] | None = Field(
        None, description="Sections only: every layer that contributed, region first."
    )
    stale: bool | None = Field(None, description="Sections only: a local layer is stale.")
    unit: HitUnit | None = Field(None, description="Units only.")
    level: str | None = Field(None, description="Service types only.")
    description: str | None = Field(None, description="Service types only.")


class SearchPage(BaseModel):
    """One page of hits, best first."""

    items: list[SearchHit]
    next_cursor: str | None = None

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "items": [
                        {
                            "kind": "section",
                            "score": 4.2113,
                            "pathway": {"slug": "angst", "title": "Angst"},
                            "service_type": {
                                "code": "fastlege",
                                "name": "Fastlege",
                                "name_nn": "Fastlege",
                            },
                            "section": {"key": "referral", "label": "Vidare tilvising"},
                            "snippet": "Fastlegen <mark>tilviser</mark> til BUP når angsten "
                            "gjev monaleg funksjonstap…",
                            "lang": "nn",
                            "origin": "regional",
                            "layers": [
                                {
                                    "locality": "helse-vest",
                                    "mode": "replace",
                                    "revision": 112,
                                    "lang": "nn",
                                }
                            ],
                            "stale": False,
                        }
                    ],
                    "next_cursor": "eyJrIjpbNC4yMTEzLCIwIGFuZ3N0IGZhc3RsZWdlIHJlZmVycmFsIl19",
                }
            ]
        }
    }
