"""`seed_rounds_demo`: an open review round in Helsefellesskapet Bergen, with traffic lights
and change proposals from its municipalities. Idempotent; does nothing without the demo's
pathways and localities."""

from datetime import timedelta

from sqlmodel import Session, select

from app.catalog.lookups import service_types_by_code
from app.core.auth import Principal
from app.core.errors import Unprocessable
from app.models import ChangeProposal, Locality, ProposalComment, ReviewRound, ReviewRoundPathway
from app.models.base import Mode, Role, utcnow
from app.pathways.lookups import pathway_by_slug
from app.proposals import service as proposals
from app.proposals.schemas import TrafficLight
from app.rounds import service as rounds
from app.texts import slots

COMMUNITY = "bergen"
TITLE = "Lokal revisjon 2026/27: angst og tristhet/depresjon"
PATHWAYS = ("angst", "tristhet-og-depresjon")

# (municipality, pathway, service type, light, note)
ASSESSMENTS = (
    ("4601", "angst", "helsestasjon", "green", None),
    ("4601", "angst", "skole", "yellow", "Skolehelsetjenesten mangler fast tid på ungdomsskolene."),
    ("4601", "angst", "kommunepsykolog", "red", "Ventetid over åtte uker; teksten lover to."),
    ("4601", "angst", "bup", "green", None),
    ("4621", "angst", "helsestasjon", "yellow", "Helsestasjon for ungdom er åpen én dag i uka."),
    ("4621", "angst", "psykisk-helse-kommune", "green", None),
    ("4621", "tristhet-og-depresjon", "legevakt", "red", "Legevakta kjenner ikke forløpet."),
    ("4620", "tristhet-og-depresjon", "fastlege", "yellow", None),
)

# (municipality, pathway, service type, section, mode, text, rationale, service work, light)
PROPOSALS = (
    (
        "4601",
        "angst",
        "kommunepsykolog",
        "role",
        "append",
        "I Bergen kommune tar kommunepsykologen imot henvisninger fra helsestasjon og "
        "skolehelsetjenesten direkte, uten vedtak. Ventetiden er for tiden inntil åtte uker.",
        "Teksten sier ikke hvordan man kommer til kommunepsykologen i Bergen.",
        "Få ned ventetiden; avklare hvem som gir tilbud mens barnet venter.",
        "red",
    ),
    (
        "4601",
        "angst",
        "skole",
        "measures",
        "append",
        "Skolehelsetjenesten i Bergen tilbyr samtalegruppen «Mestre bekymring» for elever "
        "på 8.–10. trinn.",
        "Tilbudet finnes, men står ikke i forløpet.",
        "Gjøre gruppetilbudet kjent for kontaktlærere.",
        "yellow",
    ),
    (
        "4621",
        "tristhet-og-depresjon",
        "legevakt",
        "collaboration",
        "append",
        "Voss legevakt melder fra til fastlegen og, med samtykke, til helsestasjon for ungdom "
        "neste virkedag.",
        "Legevakta mangler en fast rutine for å melde videre.",
        "Rutine for melding videre og opplæring av vaktlegene.",
        "red",
    ),
)

DEMO_PROPOSER = "Forløp demo: kommunene"


def seed_rounds_demo(session: Session) -> None:
    """Create the demo round with its assessments and proposals, unless it is there."""
    community = session.exec(select(Locality).where(Locality.code == COMMUNITY)).first()
    paths = [pathway_by_slug(session, slug) for slug in PATHWAYS]
    if community is None or community.id is None or any(p is None for p in paths):
        return
    existing = session.exec(
        select(ReviewRound).where(
            ReviewRound.locality_id == community.id, ReviewRound.title == TITLE
        )
    ).first()
    if existing is not None:
        return
    now = utcnow()
    review_round = ReviewRound(
        locality_id=community.id,
        title=TITLE,
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=75),
        created_by="Forløp demo: Helsefellesskapet Bergen",
    )
    session.add(review_round)
    session.flush()
    assert review_round.id is not None
    for pos, pathway in enumerate(paths):
        assert pathway is not None
        session.add(
            ReviewRoundPathway(round_id=review_round.id, pathway_id=pathway.id, position=pos)
        )
    session.flush()
    places = {m.code: m for m in rounds.municipalities(session, community.id)}
    by_slug = {p.slug: p for p in paths if p is not None}
    for code, slug, st_code, light, note in ASSESSMENTS:
        st = service_types_by_code(session, [st_code]).get(st_code)
        if code not in places or st is None:
            continue
        rounds.upsert_assessment(
            session,
            review_round=review_round,
            municipality=places[code],
            pathway_id=by_slug[slug].id,
            service_type_id=st.id,
            traffic_light=light,
            note=note,
            author=DEMO_PROPOSER,
            now=now,
        )
    proposer = Principal(name=DEMO_PROPOSER, role=Role.contributor, scope=None)
    made: list[ChangeProposal] = []
    for code, slug, st_code, section, mode, text, why, work, light in PROPOSALS:
        if code not in places:
            continue
        try:
            slot = proposals.resolve_target(
                session, locality=code, pathway=slug, service_type=st_code, section=section
            )
        except Unprocessable:  # a catalogue without this service: leave the row out
            continue
        state = slots.load_state(session, slot, lang="nb", preview=False, at=now)
        draft = proposals.Draft(
            mode=Mode(mode),
            text=text,
            lang="nb",
            rationale=why,
            service_work=work,
            traffic_light=TrafficLight(light),
        )
        made.append(
            proposals.add_proposal(
                session,
                slot=slot,
                principal=proposer,
                draft=draft,
                based_on=proposals.target_revision(state),
                round_id=review_round.id,
                now=now,
            )
        )
    if made and made[0].id is not None:
        session.add(
            ProposalComment(
                proposal_id=made[0].id,
                author="Forløp demo: BUP Bergen",
                text="BUP kan gi veiledning til kommunepsykologene mens barnet venter.",
                created_at=now,
            )
        )
    session.commit()
