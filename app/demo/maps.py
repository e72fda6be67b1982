"""Demo referral maps and cases: regional links for every demo pathway, local changes, cases."""

from collections import Counter
from typing import Any

from sqlmodel import Session, col, select

from app.changes.log import record_change
from app.maps.links import LINKS_LANG, LINKS_SECTION, Link, LinksDoc, canonical
from app.models import Case, Locality, Pathway, ServiceType, TextRevision
from app.models.base import utcnow

AUTHOR = "Forløp demo"
REGION = "helse-vest"

# pathway → service type → (entry point?, [(target, label) | (target, label, "back")])
Spec = dict[str, tuple[bool, list[tuple[str, ...]]]]
BACK = "back"

REGIONAL: dict[str, Spec] = {
    "angst": {
        "helsestasjon": (
            True,
            [
                ("psykisk-helse-kommune", "ved lette til moderate angstplager"),
                ("kommunepsykolog", "ved vedvarende angst som hemmer hverdagen"),
                ("fastlege", "for å utelukke somatiske årsaker"),
            ],
        ),
        "skole": (
            True,
            [
                ("helsestasjon", "elev med bekymringsfullt fravær eller uro"),
                ("ppt", "når angsten påvirker læring"),
            ],
        ),
        "fastlege": (
            True,
            [
                ("bup", "ved moderat til alvorlig angst"),
            ],
        ),
        "psykisk-helse-kommune": (
            False,
            [
                ("kommunepsykolog", "når samtaler ikke er nok"),
                ("fastlege", "når henvisning til BUP trengs"),
            ],
        ),
        "kommunepsykolog": (False, [("bup", "ved manglende bedring etter lavterskelbehandling")]),
        "ppt": (False, [("skole", "råd om tilrettelegging", BACK)]),
        "bup": (False, [("psykisk-helse-kommune", "tilbakeføring og oppfølging", BACK)]),
    },
    "tristhet-og-depresjon": {
        "helsestasjon": (
            True,
            [
                ("psykisk-helse-kommune", "ved lette til moderate plager"),
                ("fastlege", "ved mistanke om depresjon som trenger utredning"),
                ("legevakt", "ved akutt selvmordsfare"),
            ],
        ),
        "skole": (True, [("helsestasjon", "elev med tristhet, tilbaketrekning eller fravær")]),
        "fastlege": (
            True,
            [
                ("bup", "ved moderat til alvorlig depresjon eller selvmordsfare"),
                ("kommunepsykolog", "ved lette til moderate plager"),
            ],
        ),
        "psykisk-helse-kommune": (
            False,
            [
                ("kommunepsykolog", "når samtaler ikke er nok"),
                ("fastlege", "ved behov for henvisning til BUP"),
            ],
        ),
        "kommunepsykolog": (False, [("bup", "ved manglende bedring")]),
        "legevakt": (True, [("bup", "akutt vurdering (øyeblikkelig hjelp)")]),
        "bup": (False, [("psykisk-helse-kommune", "tilbakeføring og videre oppfølging", BACK)]),
    },
    "spisevansker": {
        "helsestasjon": (
            True,
            [
                ("fastlege", "ved vekttap eller mistanke om spiseforstyrrelse"),
                ("psykisk-helse-kommune", "ved lette spisevansker"),
            ],
        ),
        "skole": (True, [("helsestasjon", "ved bekymring for spising eller vekt")]),
        "fastlege": (
            False,
            [
                ("bup", "ved mistanke om spiseforstyrrelse"),
                ("barneavdeling", "ved somatisk ustabil tilstand"),
            ],
        ),
        "psykisk-helse-kommune": (
            False,
            [
                ("fastlege", "ved vekttap eller forverring"),
                ("brukerorganisasjon", "informasjon om likepersoner"),
            ],
        ),
        "bup": (
            False,
            [
                ("barneavdeling", "ved behov for medisinsk stabilisering"),
                ("brukerorganisasjon", "likepersonstøtte til familien"),
                ("psykisk-helse-kommune", "tilbakeføring", BACK),
            ],
        ),
        "barneavdeling": (False, [("bup", "videre behandling etter stabilisering", BACK)]),
    },
    "oppmerksomhetsvansker-og-uro": {
        "barnehage": (
            True,
            [
                ("ppt", "ved vansker med lek, språk eller samspill (med samtykke)"),
                ("helsestasjon", "drøfting av bekymring"),
            ],
        ),
        "skole": (
            True,
            [
                ("ppt", "ved lærevansker og konsentrasjonsvansker"),
                ("helsestasjon", "ved trivselsvansker"),
            ],
        ),
        "helsestasjon": (
            True,
            [
                ("fastlege", "ved mistanke om ADHD"),
                ("psykisk-helse-kommune", "foreldreveiledning"),
            ],
        ),
        "ppt": (
            False,
            [
                ("fastlege", "når utredning for ADHD er aktuelt"),
                ("skole", "sakkyndig vurdering og råd", BACK),
            ],
        ),
        "fastlege": (False, [("bup", "utredning for ADHD og andre tilstander")]),
        "psykisk-helse-kommune": (False, [("fastlege", "ved vedvarende vansker")]),
        "bup": (False, [("fastlege", "oppfølging av medisinering", BACK)]),
    },
    "autismespekterforstyrrelser": {
        "helsestasjon": (True, [("fastlege", "ved avvik i språk og samspill (M-CHAT)")]),
        "barnehage": (
            True,
            [
                ("ppt", "ved vansker med samspill og kommunikasjon"),
                ("helsestasjon", "drøfting med foreldrene"),
            ],
        ),
        "fastlege": (
            False,
            [
                ("habilitering", "ved mistanke om autisme hos små barn"),
                ("bup", "ved mistanke om autisme hos skolebarn"),
            ],
        ),
        "ppt": (
            False,
            [
                ("fastlege", "anbefaler henvisning til utredning"),
                ("barnehage", "råd om tilrettelegging", BACK),
            ],
        ),
        "skole": (True, [("ppt", "ved behov for spesialundervisning")]),
        "habilitering": (
            False,
            [
                ("brukerorganisasjon", "foreldrekurs og likepersoner"),
                ("barnehage", "veiledning etter diagnose", BACK),
            ],
        ),
        "bup": (
            False,
            [
                ("brukerorganisasjon", "informasjon til familien"),
                ("skole", "veiledning etter diagnose", BACK),
            ],
        ),
    },
    "vold-overgrep-omsorgssvikt": {
        "helsestasjon": (True, [("barnevern", "bekymringsmelding ved mistanke om omsorgssvikt")]),
        "barnehage": (True, [("barnevern", "bekymringsmelding (opplysningsplikt)")]),
        "skole": (True, [("barnevern", "bekymringsmelding (opplysningsplikt)")]),
        "fastlege": (
            True,
            [
                ("barnevern", "bekymringsmelding"),
                ("legevakt", "ved behov for akutt medisinsk undersøkelse"),
            ],
        ),
        "legevakt": (
            True,
            [
                ("barnevern", "akutt bekymringsmelding"),
                ("barnehus", "etter avtale med politiet"),
            ],
        ),
        "barnevern": (
            False,
            [
                ("barnehus", "ved mistanke om vold eller overgrep (politianmeldelse)"),
                ("bup", "ved behov for traumebehandling"),
            ],
        ),
        "barnehus": (False, [("bup", "videre traumebehandling")]),
        "bup": (False, [("barnevern", "samarbeid om oppfølging", BACK)]),
    },
    "bekymring-barn-0-3": {
        "helsestasjon": (
            True,
            [
                ("fastlege", "ved avvik i vekst eller utvikling"),
                ("psykisk-helse-kommune", "foreldreveiledning og samspill"),
                ("barnevern", "ved bekymring for omsorgen"),
                ("familieambulatorium", "foreldre med rus eller psykisk sykdom"),
            ],
        ),
        "barnehage": (
            True,
            [
                ("helsestasjon", "drøfting av bekymring"),
                ("barnevern", "ved bekymring for omsorgen"),
            ],
        ),
        "fastlege": (
            True,
            [
                ("barneavdeling", "ved somatisk mistanke"),
                ("bup", "samspillsvansker (sped- og småbarnsteam)"),
                ("familieambulatorium", "foreldre med rusproblemer"),
            ],
        ),
        "psykisk-helse-kommune": (
            False,
            [
                ("bup", "ved alvorlige samspillsvansker"),
                ("helsestasjon", "videre oppfølging", BACK),
            ],
        ),
        "barnevern": (False, [("psykisk-helse-kommune", "hjelpetiltak: foreldreveiledning")]),
        "familieambulatorium": (False, [("helsestasjon", "tilbakeføring", BACK)]),
        "barneavdeling": (False, [("helsestasjon", "tilbakeføring", BACK)]),
        "bup": (False, [("helsestasjon", "tilbakeføring", BACK)]),
    },
}

# Local layers: (locality, pathway, service type, mode, entry point, links, note)
LOCAL: tuple[tuple[str, str, str, str, bool, list[tuple[str, ...]], str], ...] = (
    # Bergen re-routes: the health station goes through the district's family centre.
    (
        "4601",
        "angst",
        "helsestasjon",
        "replace",
        True,
        [
            ("psykisk-helse-kommune", "via det tverrfaglige teamet på familiesenteret i bydelen"),
            ("fastlege", "for å utelukke somatiske årsaker"),
        ],
        "I Bergen går henvisninger fra helsestasjonen via familiesenteret.",
    ),
    (
        "4601",
        "angst",
        "skole",
        "append",
        False,
        [("psykisk-helse-kommune", "Bergen: direkte til familiesenteret ved lette plager")],
        "Skolene i Bergen kan kontakte familiesenteret direkte.",
    ),
    # Bjørnafjorden adds a forward link back to the health station: a cycle worth a look.
    (
        "4624",
        "angst",
        "psykisk-helse-kommune",
        "append",
        False,
        [("helsestasjon", "drøfting i oppfølgingsteamet")],
        "Familiesenteret drøfter saker med helsestasjonen.",
    ),
)


def _doc(entry: bool, links: list[tuple[str, ...]]) -> str:
    return canonical(
        LinksDoc(tuple(Link(t[0], t[1], len(t) > 2 and t[2] == BACK) for t in links), entry)
    )


CASES: tuple[dict[str, Any], ...] = (
    {
        "title": "Emma vil ikke på skolen",
        "age": 9,
        "pathway": "angst",
        "entry_point": "skole",
        "fictional": True,
        "story": "Emma har hatt mye fravær siden høstferien. Hun får vondt i magen om "
        "morgenen og gråter når mor skal gå. Kontaktlæreren ser at hun er stille i "
        "friminuttene.",
        "concerns": ["skolefravær", "magesmerter om morgenen", "separasjonsangst"],
        "questions": [
            {"role": "skole", "questions": ["Hva gjør dere første uke med fravær?"]},
            {"role": "helsestasjon", "questions": ["Når tar dere kontakt med foreldrene?"]},
            {"role": "fastlege", "questions": ["Hva trenger dere fra skolen før en henvisning?"]},
            {"role": "brukerrepresentant", "questions": ["Hva ville Emma trengt å høre?"]},
        ],
    },
    {
        "title": "Jonas trekker seg unna",
        "age": 15,
        "pathway": "tristhet-og-depresjon",
        "entry_point": "helsestasjon",
        "fictional": True,
        "story": "Jonas har sluttet på fotball, sover dårlig og sier til helsesykepleier at "
        "ingenting betyr noe lenger. Han vil ikke at foreldrene skal vite det.",
        "concerns": ["nedstemthet", "søvnvansker", "mulige selvmordstanker"],
        "questions": [
            {"role": "helsestasjon", "questions": ["Hvordan vurderer dere selvmordsfare?"]},
            {"role": "bup", "questions": ["Hva gjør en henvisning til øyeblikkelig hjelp?"]},
            {"role": "brukerrepresentant", "questions": ["Når skal foreldrene involveres?"]},
        ],
    },
    {
        "title": "Sara spiser lite",
        "age": 14,
        "pathway": "spisevansker",
        "entry_point": "skole",
        "fictional": True,
        "story": "Gymlæreren ser at Sara har gått mye ned i vekt. Hun trener hver dag og "
        "spiser ikke lunsj. Venninnene er bekymret.",
        "concerns": ["vekttap", "overdreven trening", "hopper over måltider"],
        "questions": [
            {"role": "skole", "questions": ["Hvem snakker med Sara, og hvordan?"]},
            {"role": "fastlege", "questions": ["Når er hun somatisk ustabil?"]},
            {"role": "barneavdeling", "questions": ["Hva trenger dere ved innleggelse?"]},
        ],
    },
    {
        "title": "Ali er urolig i klassen",
        "age": 7,
        "pathway": "oppmerksomhetsvansker-og-uro",
        "entry_point": "skole",
        "fictional": True,
        "story": "Ali klarer ikke å sitte stille, avbryter og kommer i konflikter. Hjemme går "
        "det bedre. Familien kom til Norge for to år siden.",
        "concerns": ["uro", "konflikter", "språk og kultur"],
        "questions": [
            {"role": "ppt", "questions": ["Hva skal til for en sakkyndig vurdering?"]},
            {"role": "skole", "questions": ["Hva prøver dere før dere melder til PPT?"]},
            {"role": "brukerrepresentant", "questions": ["Hvordan får familien tolk?"]},
        ],
    },
    {
        "title": "Lea leker ikke med de andre",
        "age": 2,
        "pathway": "autismespekterforstyrrelser",
        "entry_point": "barnehage",
        "fictional": False,
        "story": "Anonymisert fra en kommune i Sogn: Lea har få ord, ser sjelden på de voksne "
        "og blir svært urolig ved overganger. Foreldrene er usikre på om noe er galt.",
        "concerns": ["språkforsinkelse", "samspill", "overganger"],
        "questions": [
            {"role": "barnehage", "questions": ["Hvordan tar dere opp bekymringen?"]},
            {"role": "helsestasjon", "questions": ["Når brukes M-CHAT?"]},
            {"role": "habilitering", "questions": ["Hvor lang er ventetiden, og hva skjer så?"]},
        ],
    },
    {
        "title": "Noah og foreldrene som strever",
        "age": 1,
        "pathway": "bekymring-barn-0-3",
        "entry_point": "helsestasjon",
        "fictional": True,
        "story": "Helsesykepleier ser en sliten mor og en baby som gråter mye. Far har et "
        "rusproblem. Familien har flyttet tre ganger på ett år.",
        "concerns": ["samspill", "rus i familien", "ustabil bosituasjon"],
        "questions": [
            {"role": "helsestasjon", "questions": ["Hva gjør dere når mor sier nei til hjelp?"]},
            {"role": "barnevern", "questions": ["Når er det en bekymringsmelding?"]},
            {"role": "familieambulatorium", "questions": ["Hvem kan henvise til dere?"]},
        ],
    },
)


def seed_maps_demo(session: Session) -> dict[str, int]:
    """Links, local re-routings and cases; creates only what is missing, one commit."""
    counts: Counter[str] = Counter({"links": 0, "local_links": 0, "cases": 0})
    locs = {loc.code: loc for loc in session.exec(select(Locality)).all()}
    types = {st.code: st for st in session.exec(select(ServiceType)).all()}
    pathways = {p.slug: p for p in session.exec(select(Pathway)).all()}
    if REGION not in locs or not all(slug in pathways for slug in REGIONAL):
        return dict(counts)
    have: dict[tuple[Any, Any, Any], Any] = {
        (r.locality_id, r.pathway_id, r.service_type_id): r.id
        for r in session.exec(
            select(TextRevision)
            .where(TextRevision.section == LINKS_SECTION)
            .order_by(col(TextRevision.id))
        ).all()
    }

    def write(code: str, slug: str, st: str, mode: str, text: str, note: str | None) -> bool:
        loc, pathway, stype = locs[code], pathways[slug], types[st]
        key = (loc.id, pathway.id, stype.id)
        if key in have:
            return False
        base = have.get((locs[REGION].id, pathway.id, stype.id)) if code != REGION else None
        rev = TextRevision(
            locality_id=loc.id,  # type: ignore[arg-type]
            pathway_id=pathway.id,  # type: ignore[arg-type]
            service_type_id=stype.id,  # type: ignore[arg-type]
            section=LINKS_SECTION,
            lang=LINKS_LANG,
            mode=mode,
            text=text,
            status="published",
            based_on=base,
            author=AUTHOR,
            note=note,
            created_at=utcnow(),
        )
        session.add(rev)
        session.flush()
        have[key] = rev.id
        record_change(
            session,
            entity="text",
            action="upsert",
            entity_id=f"{slug}/{st}/{LINKS_SECTION}/{LINKS_LANG}",
            locality=code,
            pathway=slug,
        )
        return True

    try:
        for slug, spec in REGIONAL.items():
            for st, (entry, links) in spec.items():
                counts["links"] += write(REGION, slug, st, "replace", _doc(entry, links), None)
        for code, slug, st, mode, entry, links, note in LOCAL:
            if code in locs:
                counts["local_links"] += write(code, slug, st, mode, _doc(entry, links), note)
        _seed_cases(session, locs[REGION], pathways, counts)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return dict(counts)


def _seed_cases(
    session: Session, owner: Locality, pathways: dict[str, Pathway], counts: Counter[str]
) -> None:
    titles = set(session.exec(select(Case.title)).all())
    now = utcnow()
    for spec in CASES:
        if spec["title"] in titles:
            continue
        fields = {k: v for k, v in spec.items() if k != "pathway"}
        case = Case(
            locality_id=owner.id,  # type: ignore[arg-type]
            pathway_id=pathways[spec["pathway"]].id,  # type: ignore[arg-type]
            status="published",
            lang="nb",
            author=AUTHOR,
            created_at=now,
            updated_at=now,
            **fields,
        )
        session.add(case)
        session.flush()
        # The same name and id as `app.cases.service` writes: the case's number.
        record_change(
            session,
            entity="case",
            action="upsert",
            entity_id=str(case.id),
            locality=owner.code,
            pathway=spec["pathway"],
        )
        counts["cases"] += 1
