"""The regional catalogue of service types used by the demo data."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceTypeSpec:
    code: str
    name: str
    name_nn: str
    level: str
    description: str


SERVICE_TYPES: tuple[ServiceTypeSpec, ...] = (
    ServiceTypeSpec(
        "helsestasjon",
        "Helsestasjon og skolehelsetjeneste",
        "Helsestasjon og skulehelseteneste",
        "municipal",
        "Kommunens lavterskeltilbud for gravide, barn og unge 0–20 år og deres foreldre. "
        "Helsesykepleiere følger opp vekst, utvikling og psykisk helse, på helsestasjonen, "
        "i skolen og i helsestasjon for ungdom.",
    ),
    ServiceTypeSpec(
        "fastlege",
        "Fastlege",
        "Fastlege",
        "municipal",
        "Barnets faste allmennlege. Utreder somatiske årsaker, gir råd og behandling, og "
        "henviser videre til spesialisthelsetjenesten.",
    ),
    ServiceTypeSpec(
        "ppt",
        "Pedagogisk-psykologisk tjeneste (PPT)",
        "Pedagogisk-psykologisk teneste (PPT)",
        "municipal",
        "Sakkyndig instans for barnehage og skole. Utreder behov for spesialpedagogisk hjelp "
        "og spesialundervisning, og veileder ansatte i barnehager og skoler.",
    ),
    ServiceTypeSpec(
        "barnevern",
        "Barnevernstjenesten",
        "Barnevernstenesta",
        "municipal",
        "Kommunens tjeneste for barn som lever under forhold som kan skade helse og "
        "utvikling. Tar imot bekymringsmeldinger, undersøker og setter inn hjelpetiltak.",
    ),
    ServiceTypeSpec(
        "psykisk-helse-kommune",
        "Psykisk helsetjeneste for barn og unge / familiesenter",
        "Psykisk helseteneste for barn og unge / familiesenter",
        "municipal",
        "Kommunalt tilbud om samtaler, veiledning og kortvarig behandling for barn, unge og "
        "familier med lette til moderate psykiske plager. Ofte organisert i et familiesenter.",
    ),
    ServiceTypeSpec(
        "kommunepsykolog",
        "Kommunepsykolog",
        "Kommunepsykolog",
        "municipal",
        "Psykolog ansatt i kommunen. Gir lavterskel behandling, veileder de andre kommunale "
        "tjenestene og bidrar i systemarbeid om barn og unges psykiske helse.",
    ),
    ServiceTypeSpec(
        "barnehage",
        "Barnehage",
        "Barnehage",
        "municipal",
        "Barnehagen ser barnet hver dag og er ofte først til å merke endringer i trivsel, "
        "lek og utvikling. Samarbeider tett med foreldre, helsestasjon og PPT.",
    ),
    ServiceTypeSpec(
        "skole",
        "Skole",
        "Skule",
        "municipal",
        "Grunnskole og videregående skole, med kontaktlærer, rådgiver og elevtjeneste. Har "
        "ansvar for et trygt og godt skolemiljø og for tilpasset opplæring.",
    ),
    ServiceTypeSpec(
        "legevakt",
        "Legevakt",
        "Legevakt",
        "municipal",
        "Akuttmedisinsk tilbud hele døgnet når fastlegen ikke er tilgjengelig. Vurderer "
        "akutt selvskading, selvmordsfare og akutt psykisk krise, og kan legge inn akutt.",
    ),
    ServiceTypeSpec(
        "bup",
        "Psykisk helsevern for barn og unge (BUP)",
        "Psykisk helsevern for barn og unge (BUP)",
        "specialist",
        "Spesialisthelsetjenestens poliklinikk for barn og unge med moderate til alvorlige "
        "psykiske lidelser. Utreder, behandler og veileder kommunale tjenester.",
    ),
    ServiceTypeSpec(
        "habilitering",
        "Habiliteringstjenesten for barn og unge",
        "Habiliteringstenesta for barn og unge",
        "specialist",
        "Spesialisthelsetjeneste for barn med medfødte eller tidlig ervervede "
        "funksjonsnedsettelser, som autisme og utviklingshemning. Utreder og veileder "
        "familie og nærmiljø.",
    ),
    ServiceTypeSpec(
        "familieambulatorium",
        "Familieambulatoriet",
        "Familieambulatoriet",
        "specialist",
        "Tverrfaglig oppfølging i spesialisthelsetjenesten av gravide med rusproblemer og "
        "familier med små barn der foreldre har rus- eller psykiske helseutfordringer.",
    ),
    ServiceTypeSpec(
        "barneavdeling",
        "Barne- og ungdomsklinikken (somatikk)",
        "Barne- og ungdomsklinikken (somatikk)",
        "specialist",
        "Sykehusets somatiske avdeling for barn og unge. Utreder og behandler kroppslige "
        "tilstander og tar imot barn som trenger medisinsk stabilisering.",
    ),
    ServiceTypeSpec(
        "barnehus",
        "Statens barnehus",
        "Statens barnehus",
        "state",
        "Tilbud til barn og ungdom som kan ha vært utsatt for vold eller overgrep. Legger til "
        "rette for tilrettelagte avhør, medisinske undersøkelser og oppfølging.",
    ),
    ServiceTypeSpec(
        "bufetat",
        "Barne-, ungdoms- og familieetaten (Bufetat)",
        "Barne-, ungdoms- og familieetaten (Bufetat)",
        "state",
        "Statlig etat som bistår kommunene med fosterhjem, institusjoner og spesialiserte "
        "hjelpetiltak, og driver familievernet.",
    ),
    ServiceTypeSpec(
        "brukerorganisasjon",
        "Bruker- og pårørendeorganisasjon",
        "Brukar- og pårørandeorganisasjon",
        "other",
        "Frivillige organisasjoner for barn, unge og foreldre med erfaring fra tjenestene. "
        "Tilbyr likepersoner, kurs og informasjon, og representerer brukerstemmen.",
    ),
)

SERVICE_TYPE_CODES: frozenset[str] = frozenset(s.code for s in SERVICE_TYPES)
