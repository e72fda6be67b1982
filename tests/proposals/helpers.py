"""Small helpers shared by the proposal and round tests."""

from sqlalchemy import func
from sqlmodel import Session, select

from app.models import ChangeLogEntry, ChangeProposal, TextRevision

TEXT_URL = "/v1/localities/{code}/pathways/angst/texts/{st}/{sec}"


def put_text(client, headers, code, text, *, mode="replace", st="helsestasjon", sec="role"):
    """Write a layer's entry through the texts API (creating or replacing it)."""
    url = TEXT_URL.format(code=code, st=st, sec=sec)
    current = client.get(url, headers=headers)
    pre = (
        {"If-Match": current.headers["etag"]}
        if current.status_code == 200
        else {"If-None-Match": "*"}
    )
    body = {"mode": mode, "text": text, "lang": "nb", "status": "published"}
    r = client.put(url, json=body, headers={**headers, **pre})
    assert r.status_code in (200, 201), r.text
    return r.json()


def proposal_body(**extra):
    data = {
        "locality": "4601",
        "pathway": "angst",
        "service_type": "helsestasjon",
        "section": "role",
        "mode": "replace",
        "text": "Helsestasjonen kartlegger angst med foreldresamtale.",
        "rationale": "Dagens tekst er for generell.",
        "service_work": "Opplæring i kartlegging.",
        "traffic_light": "yellow",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def counts(session: Session) -> dict[str, int]:
    """How many proposals, revisions and change-log entries there are."""
    out = {
        "proposals": session.exec(select(func.count()).select_from(ChangeProposal)).one(),
        "revisions": session.exec(select(func.count()).select_from(TextRevision)).one(),
        "log": session.exec(select(func.count()).select_from(ChangeLogEntry)).one(),
    }
    session.commit()
    return out
