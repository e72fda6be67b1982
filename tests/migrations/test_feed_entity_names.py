"""Migration 0014: old feed entries written by the demo seed get the API's names."""

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from app.core.migrate import downgrade, upgrade
from app.models import Case, ChangeLogEntry, Locality, Pathway
from app.models.base import utcnow
from tests.factories import make_world


def test_old_seed_entries_are_renamed(db_url):
    engine = create_engine(db_url)
    try:
        # 0014 changes data only and is the last: the tables at 0013 are the models' tables.
        downgrade(engine, "0013")
        with Session(engine) as session:
            make_world(session)
            region = session.exec(select(Locality).where(Locality.code == "helse-vest")).one()
            pathway = session.exec(select(Pathway).where(Pathway.slug == "angst")).one()
            case = Case(
                locality_id=region.id,  # type: ignore[arg-type]
                pathway_id=pathway.id,  # type: ignore[arg-type]
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
