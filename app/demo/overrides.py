"""Local overrides and later regional revisions that show every layering case in the demo."""

from dataclasses import dataclass

ANGST = "angst"
DEPRESJON = "tristhet-og-depresjon"


@dataclass(frozen=True)
class OverrideSpec:
    """One entry in a local layer (municipality number or health community code)."""

    locality: str
    pathway: str
    service_type: str
    section: str
    mode: str
    text: str | None
    lang: str = "nb"
    status: str = "published"
    note: str | None = None
    # A substantive regional revision written after this override: it makes the override stale.
    later_regional: str | None = None


@dataclass(frozen=True)
class ScheduledSpec:
    """A regional revision published ahead of time, valid `days` after seeding."""

    pathway: str
    service_type: str
    section: str
    text: str
    lang: str = "nb"
    days: int = 30
    note: str | None = None


_SOLUND_HIDE_NOTE = (
    "Solund har ikkje eigen kommunepsykolog. Barn og unge får tilbod frå den psykiske "
    "helsetenesta i kommunen, som samarbeider med BUP Førde."
)

OVERRIDES: tuple[OverrideSpec, ...] = (
    # append: Bergen adds its own contacts and routines to the regional text.
    OverrideSpec(
        "4601",
        ANGST,
        "helsestasjon",
        "referral",
        "append",
        "**I Bergen:** Helsesykepleier drøfter saken i det tverrfaglige teamet på "
        "familiesenteret i bydelen før henvisning. Bruk det elektroniske henvisningsskjemaet "
        "til familiesenteret, og legg ved stafettloggen. Kontakt: Familiesenteret i "
        "Bergenhus, tlf. +47 55 00 00 12.",
        note="Lokal rutine for henvisning i Bergen kommune.",
    ),
    OverrideSpec(
        "4601",
        ANGST,
        "psykisk-helse-kommune",
        "measures",
        "append",
        "I Bergen tilbyr familiesentrene gruppekurset **«Modige barn»** for barn 8–12 år og "
        "foreldrene deres to ganger i året. Påmelding skjer via helsesykepleier eller direkte "
        "til familiesenteret.",
        note="Lokalt gruppetilbud.",
    ),
    OverrideSpec(
        "4601",
        DEPRESJON,
        "legevakt",
        "referral",
        "append",
        "**I Bergen:** Ved akutt selvmordsfare kontakter legevakten vakthavende ved BUP "
        "Bergen direkte. Barnet følges av foresatte eller ansatte og blir aldri sendt alene.",
        note="Lokal akuttrutine.",
    ),
    # replace: Bjørnafjorden does the assessment its own way.
    OverrideSpec(
        "4624",
        ANGST,
        "psykisk-helse-kommune",
        "assessment",
        "replace",
        "I Bjørnafjorden gjøres kartleggingen av et fast inntaksteam (psykolog og "
        "helsesykepleier) innen to uker etter at henvendelsen er mottatt. Teamet bruker "
        "**SCARED** for barn og foreldre og har alltid en samtale med barnet alene. "
        "Inntaksteamet når du på tlf. +47 56 00 00 22.",
        note="Bjørnafjorden har eget inntaksteam.",
    ),
    # draft: prepared, not yet public.
    OverrideSpec(
        "4624",
        DEPRESJON,
        "helsestasjon",
        "role",
        "append",
        "Fra høsten har helsestasjon for ungdom i Bjørnafjorden drop-in to ettermiddager i uken, "
        "også for unge som strever med nedstemthet.",
        status="draft",
        note="Utkast: venter på vedtak om nye åpningstider.",
    ),
    # hide: the service does not exist in Solund (one entry per section).
    *(
        OverrideSpec(
            "4636", ANGST, "kommunepsykolog", section, "hide", None, note=_SOLUND_HIDE_NOTE
        )
        for section in ("role", "assessment", "measures", "evaluation", "collaboration", "referral")
    ),
    # A health community adds how referrals to BUP go in Helse Bergen.
    OverrideSpec(
        "bergen",
        ANGST,
        "bup",
        "referral",
        "append",
        "**I Helse Bergen:** Henvisninger til BUP sendes elektronisk til felles inntak for BUP "
        "Bergen, som fordeler til riktig poliklinikk. Ved tvil kan henviser ringe "
        "inntaksteamet for en drøftingssamtale (tlf. +47 55 00 00 01).",
        note="Felles inntak i Helse Bergen.",
    ),
    # Nynorsk in a nynorsk municipality.
    OverrideSpec(
        "4640",
        ANGST,
        "helsestasjon",
        "referral",
        "append",
        "**I Sogndal:** Helsesjukepleiar kan drøfte saka anonymt med psykisk helseteneste for "
        "barn og unge kvar tysdag. Tilvising skjer på kommunen sitt skjema, og foreldra får "
        "alltid kopi.",
        lang="nn",
        note="Lokal rutine i Sogndal.",
    ),
    # stale: Haugesund wrote against the regional text; the region has since changed it.
    OverrideSpec(
        "1106",
        ANGST,
        "fastlege",
        "referral",
        "replace",
        "Fastlegen henviser til BUP Haugesund når angsten ikke bedres etter kommunale tiltak. "
        "Henvisningen sendes elektronisk og skal beskrive hva som er prøvd.",
        note="Tilpasset Helse Fonna.",
        later_regional=(
            "Fastlegen henviser til BUP når angsten gir betydelig funksjonstap, når kommunale "
            "tiltak over 8–12 uker ikke har hjulpet, eller ved mistanke om alvorlig tilleggs"
            "lidelse. Henvisningen skal beskrive varighet, funksjon hjemme og på skolen, tiltak "
            "som er prøvd, og **barnets og foreldrenes eget ønske**. Legg ved "
            "kartleggingsskjema om de finnes. Ved selvmordsfare: ring BUP samme dag."
        ),
    ),
)

SCHEDULED: tuple[ScheduledSpec, ...] = (
    ScheduledSpec(
        ANGST,
        "skole",
        "measures",
        "Skolen legger til rette for gradvis eksponering i samarbeid med eleven, foreldrene og "
        "behandleren:\n\n"
        "- en trygg voksen eleven kan gå til, og en avtalt plan for vanskelige situasjoner\n"
        "- muntlige oppgaver i mindre grupper før hele klassen\n"
        "- fravær følges opp **samme dag**, med en plan for å komme tilbake\n\n"
        "Tiltakene skrives inn i elevens stafettlogg.",
        note="Ny regional tekst etter revisjon; gjelder fra neste skoleår.",
    ),
)
