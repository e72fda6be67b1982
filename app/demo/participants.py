"""Realistic participant mixes for collaboration days (benchmarks, tests, demo data)."""

import random

from app.events.seating import Person

# Roughly how a Bergen-area collaboration day fills up: many from the big municipal
# services, a few from each specialist service, 12–15 % user representatives.
SERVICE_WEIGHTS: dict[str, int] = {
    "helsestasjon": 16,
    "skole": 12,
    "barnehage": 9,
    "ppt": 8,
    "barnevern": 9,
    "psykisk-helse-kommune": 9,
    "kommunepsykolog": 5,
    "fastlege": 5,
    "bup": 8,
    "habilitering": 3,
    "barneavdeling": 3,
    "legevakt": 2,
    "familieambulatorium": 2,
    "barnehus": 1,
    "bufetat": 2,
}
SPECIALIST = {"bup", "habilitering", "barneavdeling", "familieambulatorium", "barnehus", "bufetat"}
REPRESENTATIVE_WEIGHTS = {"youth": 5, "parent": 5, "user_org": 4}
MUNICIPALITY_WEIGHTS: dict[str, int] = {
    "4601": 40,  # Bergen
    "4624": 8,  # Bjørnafjorden
    "4626": 8,  # Øygarden
    "4631": 7,  # Alver
    "4627": 6,  # Askøy
    "4623": 4,  # Samnanger
    "4625": 3,  # Austevoll
    "4630": 3,  # Osterøy
    "4632": 2,  # Austrheim
    "4634": 2,  # Masfjorden
}
SPECIALIST_HOME = "4601"


def realistic_people(
    n: int,
    *,
    seed: int = 0,
    representative_share: float = 0.14,
    municipalities: dict[str, int] | None = None,
    services: dict[str, int] | None = None,
) -> list[Person]:
    """`n` participants with a skewed service and municipality mix and shared units."""
    rng = random.Random(seed)
    munis = municipalities or MUNICIPALITY_WEIGHTS
    svcs = services or SERVICE_WEIGHTS
    muni_codes, muni_w = list(munis), list(munis.values())
    svc_codes, svc_w = list(svcs), list(svcs.values())
    rep_kinds, rep_w = list(REPRESENTATIVE_WEIGHTS), list(REPRESENTATIVE_WEIGHTS.values())
    people = []
    for i in range(n):
        municipality = rng.choices(muni_codes, muni_w)[0]
        if rng.random() < representative_share:
            kind = rng.choices(rep_kinds, rep_w)[0]
            service = "brukerorganisasjon" if kind == "user_org" else None
            unit = "brukerorganisasjon-1" if kind == "user_org" and rng.random() < 0.5 else None
            people.append(Person(i + 1, kind, service, municipality, unit))
            continue
        service = rng.choices(svc_codes, svc_w)[0]
        if service in SPECIALIST and SPECIALIST_HOME in munis:
            municipality = SPECIALIST_HOME  # specialist units sit in the city
        kind = (
            "gp" if service == "fastlege" else ("leader" if rng.random() < 0.15 else "professional")
        )
        # A few units per service and municipality, so colleagues turn up together.
        unit = f"{service}/{municipality}/{rng.randint(1, 3)}"
        people.append(Person(i + 1, kind, service, municipality, unit))
    return people
