"""`seed_demo`: Helse Vest, the catalogue, units, pathways, base texts and local overrides."""

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.changes.log import record_change
from app.demo.catalog import SERVICE_TYPES
from app.demo.overrides import OVERRIDES, SCHEDULED, OverrideSpec
from app.demo.pathways import load_pathways
from app.demo.places import (
    BUP_UNITS,
    MUNICIPAL_UNITS,
    REGION_CODE,
    REGION_NAME,
    UnitSpec,
    catchment_exceptions,
    health_communities,
    municipalities,
)
from app.models import (
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
    TextRevision,
)
from app.models.base import utcnow

AUTHOR = "Forløp demo"

COUNT_KEYS = (
    "localities",
    "service_types",
    "units",
    "catchments",
    "pathways",
    "pathway_service_types",
    "regional_texts",
    "scheduled_texts",
    "overrides",
)


def seed_demo(session: Session) -> dict[str, int]:
    """Load the demo data, creating only what is missing; one commit at the end."""
    counts: Counter[str] = Counter({k: 0 for k in COUNT_KEYS})
    now = utcnow()
    try:
        localities = _seed_localities(session, counts)
        types = _seed_service_types(session, counts)
        _seed_units(session, localities, types, counts)
        pathways = {}
        for data in load_pathways():
            owner_id = _id(localities[REGION_CODE])
            pathway = _seed_pathway(session, data, types, counts, owner_id)
            pathways[pathway.slug] = pathway
            if not _has_revisions(session, pathway_id=_id(pathway)):
                _seed_texts(session, data, pathway, localities[REGION_CODE], types, counts)
                _seed_scheduled(session, pathway, localities[REGION_CODE], types, now, counts)
        _seed_overrides(session, localities, types, pathways, now, counts)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return dict(counts)


def _id(row: Any) -> int:
    assert row.id is not None, "flush before using the id"
    return int(row.id)


def _seed_localities(session: Session, counts: Counter[str]) -> dict[str, Locality]:
    existing = {loc.code: loc for loc in session.exec(select(Locality)).all()}

    def ensure(code: str, name: str, kind: str, parent: Locality | None) -> Locality:
        if code in existing:
            return existing[code]
        loc = Locality(code=code, name=name, kind=kind, parent_id=_id(parent) if parent else None)
        session.add(loc)
        session.flush()
        record_change(session, entity="locality", action="upsert", entity_id=code, locality=code)
        counts["localities"] += 1
        existing[code] = loc
        return loc

    region = ensure(REGION_CODE, REGION_NAME, "region", None)
    for community in health_communities():
        ensure(community.code, community.name, "health_community", region)
    for m in municipalities():
        ensure(m.code, m.name, "municipality", existing[m.health_community])
    return existing


def _seed_service_types(session: Session, counts: Counter[str]) -> dict[str, ServiceType]:
    existing = {st.code: st for st in session.exec(select(ServiceType)).all()}
    for spec in SERVICE_TYPES:
        if spec.code in existing:
            continue
        st = ServiceType(
            code=spec.code,
            name=spec.name,
            name_nn=spec.name_nn,
            level=spec.level,
            description=spec.description,
        )
        session.add(st)
        existing[spec.code] = st
        record_change(session, entity="service_type", action="upsert", entity_id=spec.code)
        counts["service_types"] += 1
    session.flush()
    return existing


def _seed_units(
    session: Session,
    localities: dict[str, Locality],
    types: dict[str, ServiceType],
    counts: Counter[str],
) -> None:
    existing = {(u.locality_id, u.name): u for u in session.exec(select(ServiceUnit)).all()}

    def ensure(spec: UnitSpec) -> ServiceUnit:
        loc = localities[spec.locality]
        key = (_id(loc), spec.name)
        if key in existing:
            return existing[key]
        unit = ServiceUnit(
            name=spec.name,
            phone=spec.phone,
            email=spec.email,
            url=spec.url,
            visiting_address=spec.visiting_address,
            locality_id=_id(loc),
            service_type_id=_id(types[spec.service_type]),
        )
        session.add(unit)
        session.flush()
        record_change(
            session,
            entity="service_unit",
            action="upsert",
            entity_id=str(unit.id),
            locality=loc.code,
        )
        counts["units"] += 1
        existing[key] = unit
        return unit

    bup = {community: ensure(spec) for community, spec in BUP_UNITS.items()}
    for spec in MUNICIPAL_UNITS:
        ensure(spec)
    for community, municipality in catchment_exceptions():
        unit_id, loc_id = _id(bup[community]), _id(localities[municipality])
        if session.get(ServiceUnitCatchment, (unit_id, loc_id)) is None:
            session.add(ServiceUnitCatchment(unit_id=unit_id, locality_id=loc_id))
            record_change(
                session,
                entity="service_unit",
                action="upsert",
                entity_id=str(unit_id),
                locality=municipality,
            )
            counts["catchments"] += 1
    session.flush()


def _seed_pathway(
    session: Session,
    data: dict[str, Any],
    types: dict[str, ServiceType],
    counts: Counter[str],
    owner_id: int,
) -> Pathway:
    pathway = session.exec(select(Pathway).where(Pathway.slug == data["slug"])).first()
    if pathway is None:
        pathway = Pathway(
            owner_id=owner_id,
            slug=data["slug"],
            title=data["title"],
            title_nn=data["title_nn"],
            summary=data["summary"],
            target_group=data["target_group"],
            summary_nn=data["summary_nn"],
            target_group_nn=data["target_group_nn"],
            status=data["status"],
        )
        session.add(pathway)
        session.flush()
        record_change(
            session, entity="pathway", action="upsert", entity_id=pathway.slug, pathway=pathway.slug
        )
        counts["pathways"] += 1
    links = session.exec(
        select(PathwayServiceType).where(PathwayServiceType.pathway_id == _id(pathway))
    ).all()
    linked = {link.service_type_id for link in links}
    position = max((link.position for link in links), default=-1) + 1
    for code in data["service_types"]:
        if _id(types[code]) in linked:
            continue
        session.add(
            PathwayServiceType(
                pathway_id=_id(pathway), service_type_id=_id(types[code]), position=position
            )
        )
        position += 1
        counts["pathway_service_types"] += 1
    session.flush()
    return pathway


def _has_revisions(session: Session, *, pathway_id: int, locality_id: int | None = None) -> bool:
    stmt = (
        select(func.count()).select_from(TextRevision).where(TextRevision.pathway_id == pathway_id)
    )
    if locality_id is not None:
        stmt = stmt.where(TextRevision.locality_id == locality_id)
    return session.exec(stmt).one() > 0


def _seed_texts(
    session: Session,
    data: dict[str, Any],
    pathway: Pathway,
    region: Locality,
    types: dict[str, ServiceType],
    counts: Counter[str],
) -> None:
    adapt = {tuple(slot) for slot in data.get("needs_local_adaptation", [])}
    for lang, by_type in data["texts"].items():
        for code in data["service_types"]:
            for section, text in by_type[code].items():
                session.add(
                    TextRevision(
                        locality_id=_id(region),
                        pathway_id=_id(pathway),
                        service_type_id=_id(types[code]),
                        section=section,
                        lang=lang,
                        mode="replace",
                        text=text,
                        status="published",
                        change_kind="substantive",
                        needs_local_adaptation=(code, section) in adapt,
                        author=AUTHOR,
                    )
                )
                _record_text(session, pathway.slug, code, section, lang, region.code)
                counts["regional_texts"] += 1
    session.flush()


def _seed_scheduled(
    session: Session,
    pathway: Pathway,
    region: Locality,
    types: dict[str, ServiceType],
    now: datetime,
    counts: Counter[str],
) -> None:
    # Not logged now: the changes feed announces a scheduled revision when it becomes valid.
    for spec in (s for s in SCHEDULED if s.pathway == pathway.slug):
        base = _latest(session, pathway, region, types[spec.service_type], spec.section)
        session.add(
            TextRevision(
                locality_id=_id(region),
                pathway_id=_id(pathway),
                service_type_id=_id(types[spec.service_type]),
                section=spec.section,
                lang=spec.lang,
                mode="replace",
                text=spec.text,
                status="published",
                valid_from=now + timedelta(days=spec.days),
                change_kind="substantive",
                needs_local_adaptation=bool(base and base.needs_local_adaptation),
                author=AUTHOR,
                note=spec.note,
            )
        )
        counts["scheduled_texts"] += 1
    session.flush()


def _seed_overrides(
    session: Session,
    localities: dict[str, Locality],
    types: dict[str, ServiceType],
    pathways: dict[str, Pathway],
    now: datetime,
    counts: Counter[str],
) -> None:
    groups: dict[tuple[str, str], list[OverrideSpec]] = {}
    for spec in OVERRIDES:
        groups.setdefault((spec.locality, spec.pathway), []).append(spec)
    region = localities[REGION_CODE]
    for (code, slug), specs in groups.items():
        locality, pathway = localities[code], pathways.get(slug)
        if pathway is None or _has_revisions(
            session, pathway_id=_id(pathway), locality_id=_id(locality)
        ):
            continue
        for spec in specs:
            st = types[spec.service_type]
            session.add(
                TextRevision(
                    locality_id=_id(locality),
                    pathway_id=_id(pathway),
                    service_type_id=_id(st),
                    section=spec.section,
                    lang=spec.lang,
                    mode=spec.mode,
                    text=spec.text,
                    status=spec.status,
                    based_on=_inherited_revision(session, localities, locality, pathway, st, spec),
                    change_kind="substantive",
                    author=AUTHOR,
                    note=spec.note,
                )
            )
            session.flush()
            counts["overrides"] += 1
            if spec.status == "published":
                _record_text(session, slug, spec.service_type, spec.section, spec.lang, code)
            if spec.later_regional is not None:
                session.add(
                    TextRevision(
                        locality_id=_id(region),
                        pathway_id=_id(pathway),
                        service_type_id=_id(st),
                        section=spec.section,
                        lang="nb",
                        mode="replace",
                        text=spec.later_regional,
                        status="published",
                        change_kind="substantive",
                        needs_local_adaptation=_needs_adaptation(
                            session, pathway, region, st, spec
                        ),
                        author=AUTHOR,
                        note="Regional revisjon: tydeligere henvisningskriterier.",
                    )
                )
                session.flush()
                _record_text(session, slug, spec.service_type, spec.section, "nb", region.code)
                counts["regional_texts"] += 1


def _latest(
    session: Session,
    pathway: Pathway,
    layer: Locality,
    st: ServiceType,
    section: str,
    *,
    now: datetime | None = None,
) -> TextRevision | None:
    """The newest published revision of a slot in one layer (any language), visible at `now`."""
    stmt = select(TextRevision).where(
        TextRevision.pathway_id == _id(pathway),
        TextRevision.locality_id == _id(layer),
        TextRevision.service_type_id == _id(st),
        TextRevision.section == section,
        TextRevision.status == "published",
    )
    if now is not None:
        stmt = stmt.where(
            col(TextRevision.valid_from).is_(None) | (col(TextRevision.valid_from) <= now)
        )
    return session.exec(stmt.order_by(col(TextRevision.id).desc())).first()


def _inherited_revision(
    session: Session,
    localities: dict[str, Locality],
    locality: Locality,
    pathway: Pathway,
    st: ServiceType,
    spec: OverrideSpec,
) -> int | None:
    """The highest revision among the layers above, as the editing API writes `based_on`."""
    by_id = {_id(loc): loc for loc in localities.values()}
    best: int | None = None
    parent_id = locality.parent_id
    while parent_id is not None:
        layer = by_id[parent_id]
        # Demo data is seeded in order, so the newest visible row is the current entry.
        row = _latest(session, pathway, layer, st, spec.section, now=utcnow())
        if row is not None and row.mode != "inherit":
            best = max(best or 0, _id(row))
        parent_id = layer.parent_id
    return best


def _needs_adaptation(
    session: Session, pathway: Pathway, region: Locality, st: ServiceType, spec: OverrideSpec
) -> bool:
    base = _latest(session, pathway, region, st, spec.section)
    return bool(base and base.needs_local_adaptation)


def _record_text(
    session: Session, slug: str, service_type: str, section: str, lang: str, locality: str
) -> None:
    record_change(
        session,
        entity="text",
        action="upsert",
        entity_id=f"{slug}/{service_type}/{section}/{lang}",
        locality=locality,
        pathway=slug,
    )
