"""The demo data: the whole of Helse Vest, the pathways, and every kind of local override."""

from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.changes.log import ENTITIES
from app.core.db import open_session
from app.demo.overrides import OVERRIDES
from app.demo.pathways import SECTIONS, load_pathways, module_names
from app.demo.places import BUP_UNITS, municipalities
from app.demo.seed import seed_demo
from app.models import (
    ChangeLogEntry,
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
    TextRevision,
)
from app.models.base import utcnow
from tests import contents

MINE = {"angst", "tristhet-og-depresjon", "spisevansker", "oppmerksomhetsvansker-og-uro"}
TABLES = [
    Locality,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
    Pathway,
    PathwayServiceType,
    TextRevision,
    ChangeLogEntry,
]


@contents.seeder("demo")
def _seed() -> dict[str, int]:
    """Seed as `forlop seed --demo` does: one transactional session."""
    with open_session(write=True) as s:
        return seed_demo(s)


# The tests read what seeding left: each starts from a copy of a database seeded once.
pytestmark = pytest.mark.db_content("demo")


@pytest.fixture
def seeded(session: Session, backend: str) -> dict[str, int]:
    """What seeding the demo created."""
    return contents.result(backend, "demo")


def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _by_code(session: Session) -> dict[str, Locality]:
    return {loc.code: loc for loc in session.exec(select(Locality)).all()}


def test_every_municipality_under_its_community(session, seeded):
    locs = _by_code(session)
    by_id = {loc.id: loc for loc in locs.values()}
    munis = [loc for loc in locs.values() if loc.kind == "municipality"]
    assert len(munis) == 66
    for m in municipalities():
        community = by_id[locs[m.code].parent_id]
        assert (community.code, community.kind) == (m.health_community, "health_community")
        assert by_id[community.parent_id].code == "helse-vest"
    assert locs["4601"].name == "Bergen"
    assert locs["4636"].name == "Solund"


def test_catalogue_and_bup_units(session, seeded):
    types = {st.code: st for st in session.exec(select(ServiceType)).all()}
    assert len(types) >= 12
    assert types["barnehus"].level == "state"
    assert types["bufetat"].level == "state"
    assert types["brukerorganisasjon"].level == "other"
    assert types["bup"].level == "specialist"
    assert all(st.name_nn and st.description for st in types.values())
    locs = _by_code(session)
    bup_units = session.exec(
        select(ServiceUnit).where(ServiceUnit.service_type_id == types["bup"].id)
    ).all()
    assert {
        locs_code for locs_code, loc in locs.items() if loc.id in {u.locality_id for u in bup_units}
    } == set(BUP_UNITS)
    arstad = session.exec(
        select(ServiceUnit).where(ServiceUnit.name == "Helsestasjonen i Årstad")
    ).one()
    assert arstad.locality_id == locs["4601"].id
    assert arstad.phone and arstad.email and arstad.email.endswith(".example.no")


def test_catchment_row_for_each_municipality_served_by_another_bup(session, seeded):
    locs = _by_code(session)
    by_id = {loc.id: loc for loc in locs.values()}
    rows = session.exec(select(ServiceUnitCatchment)).all()
    served = {
        (by_id[session.get(ServiceUnit, r.unit_id).locality_id].code, by_id[r.locality_id].code)
        for r in rows
    }
    expected = {
        (m.bup_catchment, m.code) for m in municipalities() if m.bup_catchment != m.health_community
    }
    assert expected  # Eidfjord: bergen community, Fonna's BUP
    assert served == expected


def test_one_pathway_per_module_with_ordered_service_types(session, seeded):
    slugs = {p.slug for p in session.exec(select(Pathway)).all()}
    assert slugs >= MINE
    assert len(slugs) == len(module_names())
    for data in load_pathways():
        pathway = session.exec(select(Pathway).where(Pathway.slug == data["slug"])).one()
        links = session.exec(
            select(PathwayServiceType, ServiceType)
            .join(ServiceType, ServiceType.id == PathwayServiceType.service_type_id)
            .where(PathwayServiceType.pathway_id == pathway.id)
            .order_by(PathwayServiceType.position)
        ).all()
        assert [st.code for _, st in links] == data["service_types"]


def test_every_slot_has_a_regional_bokmal_text(session, seeded):
    region = _by_code(session)["helse-vest"]
    types = {st.id: st.code for st in session.exec(select(ServiceType)).all()}
    for data in load_pathways():
        pathway = session.exec(select(Pathway).where(Pathway.slug == data["slug"])).one()
        rows = session.exec(
            select(TextRevision).where(
                TextRevision.pathway_id == pathway.id,
                TextRevision.locality_id == region.id,
                TextRevision.lang == "nb",
                TextRevision.valid_from.is_(None),  # type: ignore[union-attr]
            )
        ).all()
        have = {(types[r.service_type_id], r.section) for r in rows if r.text and r.text.strip()}
        want = {(code, s) for code in data["service_types"] for s in SECTIONS}
        assert have >= want, data["slug"]
        assert all(r.mode == "replace" and r.status == "published" for r in rows)
        flagged = {(types[r.service_type_id], r.section) for r in rows if r.needs_local_adaptation}
        assert flagged == {tuple(s) for s in data.get("needs_local_adaptation", [])}


def test_nynorsk_exists_for_angst(session, seeded):
    angst = session.exec(select(Pathway).where(Pathway.slug == "angst")).one()
    nn = session.exec(
        select(TextRevision).where(TextRevision.pathway_id == angst.id, TextRevision.lang == "nn")
    ).all()
    assert len({(r.service_type_id, r.section) for r in nn}) >= 6 * 7
    assert angst.title_nn == "Angst"


def test_overrides_of_every_kind(session, seeded):
    locs = _by_code(session)
    by_id = {loc.id: loc for loc in locs.values()}
    region = locs["helse-vest"]
    local = session.exec(select(TextRevision).where(TextRevision.locality_id != region.id)).all()
    assert {r.mode for r in local} >= {"append", "replace", "hide"}
    assert all(r.author == "Forløp demo" for r in local)
    assert any(by_id[r.locality_id].kind == "health_community" for r in local)
    hidden = [r for r in local if r.mode == "hide"]
    assert hidden and all(r.text is None and by_id[r.locality_id].code == "4636" for r in hidden)
    assert any(r.status == "draft" for r in local)
    assert any(r.lang == "nn" for r in local)
    # every override records the inherited revision it was written against
    assert all(r.based_on is not None for r in local)

    stale = [
        r
        for r in local
        if session.exec(
            select(TextRevision).where(
                TextRevision.locality_id == region.id,
                TextRevision.pathway_id == r.pathway_id,
                TextRevision.service_type_id == r.service_type_id,
                TextRevision.section == r.section,
                TextRevision.change_kind == "substantive",
                TextRevision.status == "published",
                TextRevision.valid_from.is_(None),  # type: ignore[union-attr]
                TextRevision.id > r.based_on,  # type: ignore[operator]
            )
        ).first()
    ]
    assert [by_id[r.locality_id].code for r in stale] == ["1106"]

    scheduled = session.exec(
        select(TextRevision).where(TextRevision.valid_from.is_not(None))  # type: ignore[union-attr]
    ).all()
    assert len(scheduled) == 1
    assert scheduled[0].locality_id == region.id
    assert scheduled[0].valid_from > utcnow() + timedelta(days=29)


def test_based_on_is_the_newest_inherited_revision(session, seeded):
    locs = _by_code(session)
    bergen_bup = session.exec(
        select(TextRevision).where(TextRevision.locality_id == locs["bergen"].id)
    ).one()
    base = session.get(TextRevision, bergen_bup.based_on)
    assert base.locality_id == locs["helse-vest"].id
    assert (base.service_type_id, base.section) == (bergen_bup.service_type_id, bergen_bup.section)
    newer_sibling = session.exec(
        select(TextRevision).where(
            TextRevision.locality_id == locs["helse-vest"].id,
            TextRevision.pathway_id == base.pathway_id,
            TextRevision.service_type_id == base.service_type_id,
            TextRevision.section == base.section,
            TextRevision.id > base.id,  # type: ignore[operator]
        )
    ).all()
    assert newer_sibling == []  # both nb and nn regional rows come before it


def test_seeding_again_creates_nothing(session, seeded):
    assert seeded["localities"] == 71
    assert seeded["overrides"] == len(OVERRIDES)
    before = {t.__name__: _count(session, t) for t in TABLES}
    again = _seed()
    assert set(again.values()) == {0}
    assert {t.__name__: _count(session, t) for t in TABLES} == before


def test_published_content_is_in_the_changes_feed(session, seeded):
    entries = session.exec(select(ChangeLogEntry)).all()
    assert {"locality", "service_type", "service_unit", "pathway", "text"} <= {
        e.entity for e in entries
    }
    # The same names and ids as the API's writers (app.changes.log.Entity), nothing else.
    assert {e.entity for e in entries} <= set(ENTITIES)
    assert all(e.entity_id.isdigit() for e in entries if e.entity in ("service_unit", "case"))
    assert any(
        e.entity == "text" and e.locality == "4601" and e.pathway == "angst" for e in entries
    )
    draft_ids = {
        e.entity_id
        for e in entries
        if e.locality == "4624" and e.pathway == "tristhet-og-depresjon"
    }
    assert draft_ids == set()  # a draft is not public


@pytest.mark.db_content(None)  # seeds an empty database itself
def test_a_failure_leaves_nothing_half_written(session, monkeypatch):
    import app.demo.seed as seed

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(seed, "_seed_overrides", boom)
    with pytest.raises(RuntimeError):
        _seed()
    assert _count(session, Locality) == 0
    assert _count(session, TextRevision) == 0


def test_divergence_report_shows_the_demo_cases(session, seeded):
    from app.texts import divergence

    layers = {
        layer.locality: layer for layer in divergence.report(session, code="helse-vest").layers
    }
    assert layers["4601"].overrides.append >= 3
    assert layers["4624"].overrides.replace == 1  # its draft is not counted
    assert layers["4636"].overrides.hide == 6
    assert layers["bergen"].overrides.append == 1
    stale = [
        (layer, s.pathway, s.service_type, s.section)
        for layer in layers
        for s in layers[layer].stale
    ]
    assert stale == [("1106", "angst", "fastlege", "referral")]
