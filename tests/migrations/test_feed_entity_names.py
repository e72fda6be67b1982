"""Migration 0014: old feed entries written by the demo seed get the API's names."""

from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.core.migrate import downgrade, upgrade
from app.models import Case, ChangeLogEntry
from app.models.base import utcnow
from tests.factories import make_world


def test_old_seed_entries_are_renamed(db_url):
    engine = create_engine(db_url)
    try:
        # The world is made at head; at 0013 only the tables used below are the models' own.
        with Session(engine) as session:
            make_world(session)
        downgrade(engine, "0013")
        with Session(engine) as session:
            region_id = session.execute(
                text("SELECT id FROM locality WHERE code = 'helse-vest'")
            ).scalar_one()
            pathway_id = session.execute(
                text("SELECT id FROM pathway WHERE slug = 'angst'")
            ).scalar_one()
            case = Case(
                locality_id=region_id,
                pathway_id=pathway_id,
                title="Mia, 9 år",
                story="Mia vil ikke på skolen.",
                status="published",
                lang="nb",
                author="demo",
                updated_at=utcnow(),
            )
            session.add(case)
            session.flush()
            case_id = case.id
            for entity, entity_id in [("unit", "7"), ("case", "Mia, 9 år"), ("text", "x")]:
                session.add(ChangeLogEntry(entity=entity, action="upsert", entity_id=entity_id))
            session.commit()
        upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT entity, entity_id FROM change_log ORDER BY seq")).all()
        assert [tuple(r) for r in rows][-3:] == [
            ("service_unit", "7"),
            ("case", str(case_id)),
            ("text", "x"),
        ]
    finally:
        engine.dispose()
