"""Fictitious regions beside Helse Vest, for tests of a national installation."""

from dataclasses import dataclass

from sqlmodel import Session

from app.models import Locality
from app.texts.read_cache import mark_everything_changed
from tests.factories import add_locality


@dataclass(frozen=True)
class Region:
    region: Locality
    community: Locality
    municipalities: list[Locality]


def add_region(
    session: Session, code: str, name: str, community: str, municipalities: list[tuple[str, str]]
) -> Region:
    """A region with one health community and its municipalities (number, name)."""
    root = add_locality(session, code, name, "region", None)
    hf = add_locality(
        session, community, f"Helsefellesskapet {community}", "health_community", root
    )
    places = [add_locality(session, n, label, "municipality", hf) for n, label in municipalities]
    # The tree is held per process (app/texts/held_shapes.py): like the API's locality
    # writes, this one moves every read's slots when it commits.
    mark_everything_changed(session)
    session.commit()
    return Region(root, hf, places)


def add_nordvik(session: Session) -> Region:
    """Helse Nordvik: Fjordbyen with Fjordby (9901) and Nesvik (9902)."""
    return add_region(
        session,
        "helse-nordvik",
        "Helse Nordvik",
        "fjordbyen",
        [("9901", "Fjordby"), ("9902", "Nesvik")],
    )


def add_austdal(session: Session) -> Region:
    """Helse Austdal: Dalen with Dalby (9801)."""
    return add_region(session, "helse-austdal", "Helse Austdal", "dalen", [("9801", "Dalby")])
