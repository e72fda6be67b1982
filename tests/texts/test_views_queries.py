"""The reads behind the merge, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import event
from sqlmodel import Session

from app.catalog.lookups import pathway_service_types, units_for
from app.localities.lookups import chain_of
from app.models import ServiceUnit, ServiceUnitCatchment, TextRevision
from app.pathways.lookups import pathway_by_slug
from app.texts import queries
from app.texts.merge import current_entries, merge_slot


def add_rev(session: Session, world, loc, st="helsestasjon", **kw) -> TextRevision:
    data = dict(section="role", lang="nb", mode="replace", text="Base", author="test")
    data.update(kw)
    rev = TextRevision(
        locality_id=loc.id,
        pathway_id=world.pathway.id,
        service_type_id=world.service_types[st].id,
        **data,
    )
    session.add(rev)
    session.flush()
    return rev


def test_chain_and_unknown(session, world):
    assert [c.code for c in chain_of(session, "4601")] == ["helse-vest", "bergen", "4601"]
    assert [c.code for c in chain_of(session, "helse-vest")] == ["helse-vest"]
    assert chain_of(session, "0000") == []


def test_load_rows_reads_the_chain_only_in_one_query(session, world):
    base = add_rev(session, world, world.region, text="Base")
    add_rev(session, world, world.m4601, mode="append", text="Lokal", based_on=base.id)
    add_rev(session, world, world.m4624, text="Naboen")
    add_rev(session, world, world.region, st="bup", section="measures", lang="nn", text="BUP")
    session.commit()
    chain = chain_of(session, "4601")
    statements = []
    engine = session.get_bind()

    def listener(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", listener)
    try:
        rows = queries.load_rows(session, world.pathway.id, [c.id for c in chain])
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == 1
    assert sorted((r.locality, r.depth, r.service_type, r.text) for r in rows) == [
        ("4601", 2, "helsestasjon", "Lokal"),
        ("helse-vest", 0, "bup", "BUP"),
        ("helse-vest", 0, "helsestasjon", "Base"),
    ]
    current = current_entries(rows, at=datetime.now(UTC) + timedelta(seconds=1))
    slot = merge_slot([c.code for c in chain], current, "helsestasjon", "role", "nb")
    assert slot.text == "Base\n\nLokal" and slot.origin == "mixed"
    one = queries.load_rows(
        session,
        world.pathway.id,
        [c.id for c in chain],
        world.service_types["bup"].id,
        "measures",
    )
    assert [r.text for r in one] == ["BUP"]
    assert (
        queries.load_rows(
            session, world.pathway.id, [c.id for c in chain], at=datetime(2000, 1, 1, tzinfo=UTC)
        )
        == []
    )


def test_units_own_ancestors_and_catchment(session, world):
    far = ServiceUnit(
        name="BUP Haugesund",
        locality_id=world.fonna.id,
        service_type_id=world.service_types["bup"].id,
    )
    session.add(far)
    session.flush()
    session.add(ServiceUnitCatchment(unit_id=far.id, locality_id=world.m4624.id))
    session.commit()

    def names(code: str) -> list[str]:
        return [u.name for u in units_for(session, chain_of(session, code))]

    assert names("4601") == ["BUP Bergen", "Helsestasjonen i Årstad"]
    assert names("4624") == ["BUP Bergen", "BUP Haugesund"]
    assert names("1106") == ["BUP Haugesund"]


def test_pathway_and_service_types(session, world):
    p = pathway_by_slug(session, "angst")
    assert p is not None and p.title == "Angst"
    assert pathway_by_slug(session, "nope") is None
    assert [s.code for s in pathway_service_types(session, p.id)] == [
        "helsestasjon",
        "fastlege",
        "bup",
    ]
