"""Migration 0015: existing pathways get the region as owner; undone, nothing else moves."""

from sqlalchemy import create_engine, inspect, text

from app.core.migrate import downgrade, upgrade


def _rows(conn, sql):
    return [tuple(r) for r in conn.execute(text(sql)).all()]


def test_the_region_becomes_the_owner_of_every_existing_pathway(db_url):
    engine = create_engine(db_url)
    try:
        downgrade(engine, "0014")
        assert "pathway_adoption" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO locality (id, code, name, kind, parent_id, created_at, updated_at)"
                    " VALUES (1, 'helse-vest', 'Helse Vest', 'region', NULL, :t, :t),"
                    " (2, 'bergen', 'Bergen', 'health_community', 1, :t, :t)"
                ),
                {"t": "2026-11-23 10:00:00"},
            )
            conn.execute(
                text(
                    "INSERT INTO service_type (id, code, name, level, description, created_at,"
                    " updated_at) VALUES (1, 'bup', 'BUP', 'specialist', '', :t, :t)"
                ),
                {"t": "2026-11-23 10:00:00"},
            )
            for pid, slug in [(1, "angst"), (2, "tristhet")]:
                conn.execute(
                    text(
                        "INSERT INTO pathway (id, slug, title, summary, target_group, status,"
                        " created_at, updated_at) VALUES (:id, :slug, :slug, '', '', 'published',"
                        " :t, :t)"
                    ),
                    {"id": pid, "slug": slug, "t": "2026-11-23 10:00:00"},
                )
                conn.execute(
                    text(
                        "INSERT INTO pathway_service_type (pathway_id, service_type_id, position)"
                        " VALUES (:id, 1, 0)"
                    ),
                    {"id": pid},
                )
        upgrade(engine)
        with engine.connect() as conn:
            assert _rows(conn, "SELECT slug, owner_id FROM pathway ORDER BY id") == [
                ("angst", 1),
                ("tristhet", 1),
            ]
        # Undone: the owner goes, the pathways and their service types stay.
        downgrade(engine, "0014")
        columns = {c["name"] for c in inspect(engine).get_columns("pathway")}
        assert "owner_id" not in columns
        with engine.connect() as conn:
            assert _rows(conn, "SELECT slug FROM pathway ORDER BY id") == [
                ("angst",),
                ("tristhet",),
            ]
            assert _rows(conn, "SELECT COUNT(*) FROM pathway_service_type") == [(2,)]
        upgrade(engine)
        with engine.connect() as conn:
            assert _rows(conn, "SELECT COUNT(*) FROM pathway WHERE owner_id = 1") == [(2,)]
    finally:
        engine.dispose()
