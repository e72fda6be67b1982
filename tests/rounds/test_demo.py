"""The demo data has an open review round in Bergen with assessments and proposals."""

import io

from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import select

from app.demo.rounds import seed_rounds_demo
from app.demo.seed import seed_demo
from app.models import Assessment, ChangeProposal, ReviewRound
from tests.factories import make_key


def _count(session, model) -> int:
    n = session.exec(select(func.count()).select_from(model)).one()
    session.commit()
    return n


def test_demo_round(client, session):
    seed_demo(session)
    seed_rounds_demo(session)
    seed_rounds_demo(session)  # idempotent
    assert _count(session, ReviewRound) == 1
    assert _count(session, Assessment) >= 6
    assert _count(session, ChangeProposal) >= 3
    h = {"Authorization": f"Bearer {make_key(session, role='reader', locality='bergen')}"}
    [rnd] = client.get("/v1/localities/bergen/review-rounds", headers=h).json()["items"]
    assert rnd["status"] == "open" and rnd["pathways"] == ["angst", "tristhet-og-depresjon"]
    matrix = client.get(f"/v1/review-rounds/{rnd['id']}/matrix", headers=h).json()
    lights = {
        (row["pathway"], row["service_type"], c["municipality"]): c
        for row in matrix["rows"]
        for c in row["cells"]
    }
    red = lights[("angst", "kommunepsykolog", "4601")]
    assert red["traffic_light"] == "red" and red["open_proposals"] == 1
    listed = client.get("/v1/change-proposals", params={"round": rnd["id"]}, headers=h).json()
    assert all(p["based_on"] is not None for p in listed["items"])
    workbook = client.get(
        f"/v1/review-rounds/{rnd['id']}/workbook", params={"municipality": "4601"}, headers=h
    )
    assert workbook.status_code == 200
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert len(sheets) == 3  # two pathways and the hidden sheet


def test_nothing_without_the_demo(session, world):
    seed_rounds_demo(session)
    assert _count(session, ReviewRound) == 0
