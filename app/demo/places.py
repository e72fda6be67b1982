"""Helse Vest as demo data: the locality tree, BUP catchments and a few service units."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

REGION_CODE = "helse-vest"
REGION_NAME = "Helse Vest"


@dataclass(frozen=True)
class Community:
    code: str
    name: str
    health_trust: str


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    health_community: str
    bup_catchment: str


@dataclass(frozen=True)
class UnitSpec:
    """A service unit; `locality` is a municipality number or a health community code."""

    locality: str
    service_type: str
    name: str
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    visiting_address: str | None = None


@cache
def health_communities() -> tuple[Community, ...]:
    """The four health communities of Helse Vest, from the bundled CSV."""
    with (DATA_DIR / "health-communities.csv").open(encoding="utf-8", newline="") as f:
        return tuple(Community(r["code"], r["name"], r["health_trust"]) for r in csv.DictReader(f))


@cache
def municipalities() -> tuple[Municipality, ...]:
    """The 66 municipalities of Helse Vest, with community and BUP catchment."""
    path = DATA_DIR / "helse-vest-municipalities.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            Municipality(
                r["municipality_number"], r["name"], r["health_community"], r["bup_catchment"]
            )
            for r in csv.DictReader(f)
        )


# Every phone number, address and e-mail below is fictitious demo data.
BUP_UNITS: dict[str, UnitSpec] = {
    "sor-rogaland": UnitSpec(
        "sor-rogaland",
        "bup",
        "BUP Stavanger (Helse Stavanger)",
        phone="+47 51 00 00 01",
        email="bup.stavanger@example.org",
        url="https://example.org/demo/bup-stavanger",
        visiting_address="Demoveien 1, Stavanger (fiktiv adresse)",
    ),
    "fonna": UnitSpec(
        "fonna",
        "bup",
        "BUP Haugesund (Helse Fonna)",
        phone="+47 52 00 00 01",
        email="bup.haugesund@example.org",
        url="https://example.org/demo/bup-haugesund",
        visiting_address="Demoveien 2, Haugesund (fiktiv adresse)",
    ),
    "bergen": UnitSpec(
        "bergen",
        "bup",
        "BUP Bergen (Helse Bergen)",
        phone="+47 55 00 00 01",
        email="bup.bergen@example.org",
        url="https://example.org/demo/bup-bergen",
        visiting_address="Demoveien 3, Bergen (fiktiv adresse)",
    ),
    "sogn-og-fjordane": UnitSpec(
        "sogn-og-fjordane",
        "bup",
        "BUP Førde (Helse Førde)",
        phone="+47 57 00 00 01",
        email="bup.forde@example.org",
        url="https://example.org/demo/bup-forde",
        visiting_address="Demovegen 4, Førde (fiktiv adresse)",
    ),
}

MUNICIPAL_UNITS: tuple[UnitSpec, ...] = (
    UnitSpec(
        "4601",
        "helsestasjon",
        "Helsestasjonen i Årstad",
        phone="+47 55 00 00 11",
        email="helsestasjon.arstad@bergen.example.no",
        url="https://example.org/demo/bergen/helsestasjon-arstad",
        visiting_address="Demogata 11, Bergen (fiktiv adresse)",
    ),
    UnitSpec(
        "4601",
        "psykisk-helse-kommune",
        "Familiesenteret i Bergenhus",
        phone="+47 55 00 00 12",
        email="familiesenter.bergenhus@bergen.example.no",
        url="https://example.org/demo/bergen/familiesenter-bergenhus",
        visiting_address="Demogata 12, Bergen (fiktiv adresse)",
    ),
    UnitSpec(
        "4601",
        "ppt",
        "PPT Bergen",
        phone="+47 55 00 00 13",
        email="ppt@bergen.example.no",
        url="https://example.org/demo/bergen/ppt",
    ),
    UnitSpec(
        "4601",
        "kommunepsykolog",
        "Kommunepsykologene i Bergen",
        phone="+47 55 00 00 14",
        email="kommunepsykolog@bergen.example.no",
    ),
    UnitSpec(
        "4624",
        "helsestasjon",
        "Helsestasjonen på Osøyro",
        phone="+47 56 00 00 21",
        email="helsestasjon@bjornafjorden.example.no",
        url="https://example.org/demo/bjornafjorden/helsestasjon",
    ),
    UnitSpec(
        "4624",
        "psykisk-helse-kommune",
        "Psykisk helse barn og unge, Bjørnafjorden",
        phone="+47 56 00 00 22",
        email="psykiskhelse@bjornafjorden.example.no",
    ),
    UnitSpec(
        "1106",
        "helsestasjon",
        "Helsestasjonen i Haugesund",
        phone="+47 52 00 00 31",
        email="helsestasjon@haugesund.example.no",
        url="https://example.org/demo/haugesund/helsestasjon",
    ),
    UnitSpec(
        "1106",
        "ppt",
        "PPT Haugesund",
        phone="+47 52 00 00 32",
        email="ppt@haugesund.example.no",
    ),
    UnitSpec(
        "1103",
        "psykisk-helse-kommune",
        "Familiens hus Stavanger",
        phone="+47 51 00 00 41",
        email="familienshus@stavanger.example.no",
        url="https://example.org/demo/stavanger/familiens-hus",
    ),
    UnitSpec(
        "4636",
        "helsestasjon",
        "Solund helsestasjon",
        phone="+47 57 00 00 51",
        email="helsestasjon@solund.example.no",
    ),
    UnitSpec(
        "4640",
        "helsestasjon",
        "Helsestasjonen i Sogndal",
        phone="+47 57 00 00 61",
        email="helsestasjon@sogndal.example.no",
        url="https://example.org/demo/sogndal/helsestasjon",
    ),
)


def catchment_exceptions() -> list[tuple[str, str]]:
    """(BUP's community, municipality) for municipalities served by another community's BUP."""
    return [
        (m.bup_catchment, m.code) for m in municipalities() if m.bup_catchment != m.health_community
    ]
