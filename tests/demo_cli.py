"""The demo as `forlop seed --demo` writes it (content `demo-cli`), and the demo's path values
for the operations of the contract: shared by the contract fuzz and the contract tests."""

import re
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from app.models import Case as CaseRow
from app.models import ChangeProposal, Locality, ReviewRound, ServiceUnit
from app.models.events import ChecklistItem, Event, Participant
from tests import contents


@contents.seeder("demo-cli")
def seed_demo_cli() -> None:
    from app.cli import main

    assert main(["seed", "--demo"]) == 0


def _first_id(session: Session, model: type[SQLModel]) -> int | None:
    return session.exec(select(func.min(model.id))).one()  # type: ignore[attr-defined]


def known_values(session: Session) -> dict[str, Any]:
    """Path values that exist in the demo data (None: there is no such row)."""
    return {
        "code": "4601",
        "slug": "angst",
        "pathway": "angst",
        "service_type": "helsestasjon",
        "section": "role",
        "municipality": "4601",
        "event_id": _first_id(session, Event),
        "item_id": _first_id(session, ChecklistItem),
        "participant_id": _first_id(session, Participant),
        "round_id": _first_id(session, ReviewRound),
        "proposal_id": _first_id(session, ChangeProposal),
        "case_id": _first_id(session, CaseRow),
        "unit_id": session.exec(
            select(func.min(ServiceUnit.id))
            .join(Locality, Locality.id == ServiceUnit.locality_id)  # type: ignore[arg-type]
            .where(Locality.code == "4601")
        ).one(),
    }


def path_values(path: str, known: dict[str, Any]) -> dict[str, Any]:
    """The demo's values for this path's parameters (the rest are generated)."""
    values = {n: known[n] for n in re.findall(r"{(\w+)}", path) if known.get(n)}
    if path.startswith("/v1/service-types/"):
        values["code"] = "helsestasjon"
    elif re.match(r"/v1/localities/{code}/(events|review-rounds)", path):
        values["code"] = "bergen"  # events and rounds belong to a health community
    elif re.match(r"/v1/localities/{code}/pathways/{slug}/(texts|links)/", path):
        values["code"] = "helse-vest"  # the region's layer has an entry in every slot
    return values
