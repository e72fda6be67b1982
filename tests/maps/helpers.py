"""Arranging links and texts for the map tests."""

from sqlalchemy import func
from sqlmodel import Session, select

from app.models import ChangeLogEntry, Locality, TextRevision
from app.texts.merge import SECTIONS
from tests.factories import World

LINKS = "/v1/localities/{code}/pathways/{slug}/links/{st}"
MAP = "/v1/localities/{code}/pathways/{slug}/map"


def links_url(code: str, st: str = "helsestasjon", slug: str = "angst") -> str:
    return LINKS.format(code=code, slug=slug, st=st)


def map_url(code: str, slug: str = "angst") -> str:
    return MAP.format(code=code, slug=slug)


def link(st: str, label: str = "", back: bool = False) -> dict:
    return {"service_type": st, "label": label or f"til {st}", "back": back}


def put(client, headers, code, st, mode="replace", refers=(), entry=False, etag=None, **kw):
    """PUT a links entry: creates with If-None-Match: * unless an ETag is given."""
    pre = {"If-Match": etag} if etag else {"If-None-Match": "*"}
    body = {"mode": mode, "refers_to": list(refers), "entry_point": entry, **kw}
    return client.put(
        links_url(code, st, kw.pop("slug", "angst")), json=body, headers={**headers, **pre}
    )


def texts(
    session: Session, world: World, code: str, st: str, mode: str = "replace", sections=SECTIONS
) -> None:
    """Write text entries straight through the model (published, now)."""
    loc = session.exec(select(Locality).where(Locality.code == code)).one()
    for sec in sections:
        session.add(
            TextRevision(
                locality_id=loc.id,
                pathway_id=world.pathway.id,
                service_type_id=world.service_types[st].id,
                section=sec,
                lang="nb",
                mode=mode,
                text=None if mode == "hide" else f"{st} {sec}",
                status="published",
                author="test",
            )
        )
    session.commit()


def all_texts(session: Session, world: World) -> None:
    for st in ("helsestasjon", "fastlege", "bup"):
        texts(session, world, "helse-vest", st)


def counts(session: Session) -> tuple[int, int]:
    revs = session.exec(select(func.count()).select_from(TextRevision)).one()
    logs = session.exec(select(func.count()).select_from(ChangeLogEntry)).one()
    session.commit()
    return revs, logs


def findings(view: dict, code: str | None = None) -> list[tuple]:
    return [
        (f["code"], f["service_type"], f["target"])
        for f in view["findings"]
        if code is None or f["code"] == code
    ]
