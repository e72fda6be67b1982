"""Small, explicit test data written straight through the models."""

import itertools
import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from app.core.auth import hash_token, new_token
from app.models import ApiKey, Locality, Pathway, PathwayServiceType, ServiceType, ServiceUnit

_names = itertools.count()


@dataclass
class World:
    region: Locality
    bergen: Locality
    fonna: Locality
    m4601: Locality
    m4624: Locality
    m1106: Locality
    service_types: dict[str, ServiceType]
    pathway: Pathway


def add_locality(
    session: Session, code: str, name: str, kind: str, parent: Locality | None
) -> Locality:
    loc = Locality(code=code, name=name, kind=kind, parent_id=parent.id if parent else None)
    session.add(loc)
    session.flush()
    return loc


def make_world(session: Session) -> World:
    """Helse Vest with Bergen and Fonna, three municipalities, three services, `angst`."""
    region = add_locality(session, "helse-vest", "Helse Vest", "region", None)
    bergen = add_locality(
        session, "bergen", "Helsefellesskapet i bergensområdet", "health_community", region
    )
    fonna = add_locality(
        session, "fonna", "Helsefellesskapet i Helse Fonna", "health_community", region
    )
    m4601 = add_locality(session, "4601", "Bergen", "municipality", bergen)
    m4624 = add_locality(session, "4624", "Bjørnafjorden", "municipality", bergen)
    m1106 = add_locality(session, "1106", "Haugesund", "municipality", fonna)
    types = {}
    for code, name, level in [
        ("helsestasjon", "Helsestasjon og skolehelsetjeneste", "municipal"),
        ("fastlege", "Fastlege", "municipal"),
        ("bup", "Psykisk helsevern for barn og unge (BUP)", "specialist"),
    ]:
        st = ServiceType(code=code, name=name, level=level, description=f"{name}.")
        session.add(st)
        types[code] = st
    session.flush()
    pathway = Pathway(
        owner_id=region.id,
        slug="angst",
        title="Angst",
        summary="Forløp for barn og unge med angst.",
        target_group="Barn og unge 0–18 år",
        status="published",
    )
    session.add(pathway)
    session.flush()
    for pos, code in enumerate(["helsestasjon", "fastlege", "bup"]):
        session.add(
            PathwayServiceType(
                pathway_id=pathway.id,
                service_type_id=types[code].id,  # type: ignore[arg-type]
                position=pos,
            )
        )
    session.add(
        ServiceUnit(
            name="Helsestasjonen i Årstad",
            locality_id=m4601.id,  # type: ignore[arg-type]
            service_type_id=types["helsestasjon"].id,
            phone="55 00 00 00",
        )
    )  # type: ignore[arg-type]
    session.add(
        ServiceUnit(
            name="BUP Bergen",
            locality_id=bergen.id,  # type: ignore[arg-type]
            service_type_id=types["bup"].id,
            phone="55 11 11 11",
        )
    )  # type: ignore[arg-type]
    session.commit()
    return World(region, bergen, fonna, m4601, m4624, m1106, types, pathway)


def make_key(
    session: Session, *, role: str, locality: str | None = None, name: str | None = None
) -> str:
    """Store a key and return its token."""
    token = new_token()
    loc_id = None
    if locality is not None:
        loc = session.exec(select(Locality).where(Locality.code == locality)).one()
        loc_id = loc.id
    session.add(
        ApiKey(
            name=name or f"test-{role}-{locality}-{next(_names)}",
            role=role,
            locality_id=loc_id,
            token_hash=hash_token(token),
        )
    )
    session.commit()
    return token


def random_revision(
    world: World,
    rng: random.Random,
    loc: Locality,
    *,
    created: datetime,
    valid_from: datetime | None,
    text: str,
) -> dict[str, Any]:
    """A revision row for bulk inserts: any mode (the region only replaces or inherits),
    drafts, both kinds of change, tombstones, and the map's `links` section."""
    mode = rng.choice(["replace", "append", "hide", "inherit"])
    if loc is world.region:
        mode = rng.choice(["replace", "replace", "inherit"])
    return {
        "locality_id": loc.id,
        "pathway_id": world.pathway.id,
        "service_type_id": rng.choice(list(world.service_types.values())).id,
        "section": rng.choice(["role", "measures", "links"]),
        "lang": rng.choice(["nb", "nn"]),
        "mode": mode,
        "text": None if mode in ("hide", "inherit") else text,
        "status": rng.choice(["published", "published", "draft"]),
        "valid_from": valid_from,
        "based_on": None,
        "change_kind": rng.choice(["substantive", "editorial"]),
        "needs_local_adaptation": rng.random() < 0.2,
        "author": "test",
        "created_at": created,
    }
