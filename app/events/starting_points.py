"""Starting points for a collaboration day, in bokmål and nynorsk: our own words.

The organisers' guide recommends inviting widely, a day in three parts (the pathway
presented, group work at mixed tables, the game «Sammen») and a planning checklist.
These are suggestions the organiser gets when she creates an event with
`starting_point`; everything is stored on the event and stays editable.
"""

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from app.events.schemas import ClockTime, ProgrammeItemPublic, ProgrammeKind

StartLang = Literal["nb", "nn"]

# (share of the day at which the item starts, kind, nb title, nn title)
_PROGRAMME: list[tuple[float, ProgrammeKind, str, str]] = [
    (0.0, ProgrammeKind.information, "Velkommen og mål for dagen", "Velkomen og mål for dagen"),
    (
        0.04,
        ProgrammeKind.talk,
        "Del 1: Forløpet presenteres – hvem gjør hva, og når",
        "Del 1: Forløpet vert presentert – kven gjer kva, og når",
    ),
    (0.2, ProgrammeKind.break_, "Pause", "Pause"),
    (
        0.24,
        ProgrammeKind.group_work,
        "Del 2: Gruppearbeid ved bordene – tre oppgaver, nye bordfeller for hver",
        "Del 2: Gruppearbeid ved borda – tre oppgåver, nye bordfellar for kvar",
    ),
    (0.5, ProgrammeKind.break_, "Lunsj", "Lunsj"),
    (
        0.6,
        ProgrammeKind.group_work,
        "Del 3: Spillet «Sammen» – vi følger et barn gjennom forløpet",
        "Del 3: Spelet «Saman» – vi følgjer eit barn gjennom forløpet",
    ),
    (
        0.9,
        ProgrammeKind.information,
        "Oppsummering og tilbakemelding (lenke eller QR-kode)",
        "Oppsummering og tilbakemelding (lenkje eller QR-kode)",
    ),
]

_CHECKLIST: list[tuple[str, str]] = [
    (
        "Sett sammen en prosjektgruppe med kommune, sykehus og brukerrepresentant",
        "Set saman ei prosjektgruppe med kommune, sjukehus og brukarrepresentant",
    ),
    (
        "Bestem mål for dagen og hvem som må være der",
        "Avgjer mål for dagen og kven som må vere der",
    ),
    (
        "Book lokale med runde bord til 6–8 personer",
        "Bestill lokale med runde bord til 6–8 personar",
    ),
    (
        "Send invitasjon med lenke til påmeldingssiden (også via deltaker.no eller "
        "Læringsportalen)",
        "Send invitasjon med lenkje til påmeldingssida (òg via deltaker.no eller Læringsportalen)",
    ),
    (
        "Inviter ungdom, foreldre og brukerorganisasjoner – minst én per bord",
        "Inviter ungdom, foreldre og brukarorganisasjonar – minst éin per bord",
    ),
    ("Avtal hvem som presenterer forløpet", "Avtal kven som presenterer forløpet"),
    (
        "Lag tre gruppeoppgaver og finn fram spillet «Sammen»",
        "Lag tre gruppeoppgåver og finn fram spelet «Saman»",
    ),
    (
        "Importer påmeldte og kjør bordplasseringen for alle øktene",
        "Importer påmelde og køyr bordplasseringa for alle øktene",
    ),
    (
        "Skriv ut dørplakat, bordkort og tilbakemeldingskort med QR-kode",
        "Skriv ut dørplakat, bordkort og tilbakemeldingskort med QR-kode",
    ),
    (
        "Les tilbakemeldingene og del oppsummeringen med deltakerne",
        "Les tilbakemeldingane og del oppsummeringa med deltakarane",
    ),
]

# The standard feedback questions (app/events/feedback.py) in nynorsk, for a day started
# from the nynorsk starting point.
FEEDBACK_QUESTIONS_NN = [
    ("Kor nyttig var dagen for deg?", "scale"),
    ("Kjenner du dei andre tenestene i forløpet betre no?", "scale"),
    ("Kor godt fungerte gruppearbeidet ved bordet ditt?", "scale"),
    ("Kva tek du med deg tilbake til jobben?", "text"),
    ("Kva kan bli betre neste gong?", "text"),
]

_INVITATION = {
    "nb": (
        "Velkommen til {title}!\n\n"
        "Dato: {date}, kl. {start}–{end}\nSted: {venue}\n\n"
        "Barn og unge møter mange tjenester før de får den hjelpen de trenger. På denne "
        "dagen møtes vi – helsestasjon, skole, barnevern, PPT, fastleger, BUP og flere – "
        "sammen med ungdom, foreldre og brukerorganisasjoner, for å bli kjent med "
        "hverandre og med forløpet vi deler.\n\n"
        "Dagen har tre deler: vi presenterer forløpet, vi jobber i grupper ved runde bord "
        "der hver tjeneste er representert, og vi spiller «Sammen». Du får nye bordfeller "
        "til hver gruppeoppgave, slik at du treffer flest mulig.\n\n"
        "Meld deg på her: {link}\n\n"
        "Plassene er begrenset. Er det fullt, kommer du på venteliste og rykker opp "
        "automatisk hvis noen melder seg av. Du kan melde deg av med lenken du får når du "
        "melder deg på."
    ),
    "nn": (
        "Velkomen til {title}!\n\n"
        "Dato: {date}, kl. {start}–{end}\nStad: {venue}\n\n"
        "Born og unge møter mange tenester før dei får den hjelpa dei treng. På denne "
        "dagen møtest vi – helsestasjon, skule, barnevern, PPT, fastlegar, BUP og fleire – "
        "saman med ungdom, foreldre og brukarorganisasjonar, for å bli kjende med "
        "kvarandre og med forløpet vi deler.\n\n"
        "Dagen har tre delar: vi presenterer forløpet, vi arbeider i grupper ved runde "
        "bord der kvar teneste er representert, og vi spelar «Saman». Du får nye "
        "bordfellar til kvar gruppeoppgåve, slik at du møter flest mogleg.\n\n"
        "Meld deg på her: {link}\n\n"
        "Det er avgrensa med plassar. Er det fullt, kjem du på venteliste og rykkjer opp "
        "automatisk dersom nokon melder seg av. Du kan melde deg av med lenkja du får når "
        "du melder deg på."
    ),
}


class StartingPoint(BaseModel):
    """What a new event can start from: all of it editable afterwards."""

    lang: StartLang
    invitation: str
    programme: list[ProgrammeItemPublic]
    checklist: list[str]


def _at(start: dt.time, end: dt.time, share: float) -> dt.time:
    """The time `share` into the day, rounded down to five minutes."""
    a = start.hour * 60 + start.minute
    b = end.hour * 60 + end.minute
    minute = a + int((b - a) * share) // 5 * 5
    return dt.time(minute // 60, minute % 60)


def programme(lang: StartLang, start: dt.time, end: dt.time) -> list[ProgrammeItemPublic]:
    """The three-part day laid over the event's hours."""
    return [
        ProgrammeItemPublic(
            start_time=_at(start, end, share), title=nb if lang == "nb" else nn, kind=kind
        )
        for share, kind, nb, nn in _PROGRAMME
    ]


def checklist(lang: StartLang) -> list[str]:
    return [nb if lang == "nb" else nn for nb, nn in _CHECKLIST]


def invitation(
    lang: StartLang,
    *,
    title: str,
    date: dt.date,
    start: ClockTime,
    end: ClockTime,
    venue: str,
    link: str,
) -> str:
    """The invitation with the event's facts filled in; `link` is the registration page."""
    return _INVITATION[lang].format(
        title=title,
        date=date.strftime("%d.%m.%Y"),
        start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"),
        venue=venue or ("(kommer)" if lang == "nb" else "(kjem)"),
        link=link,
    )


def starting_point(
    lang: StartLang,
    *,
    title: str = "{tittel}",
    date: dt.date | None = None,
    start: dt.time = dt.time(9, 0),
    end: dt.time = dt.time(15, 30),
    venue: str = "",
    link: str = "{lenke}",
) -> StartingPoint:
    """The whole suggestion for one language."""
    day = date or dt.date.today()
    return StartingPoint(
        lang=lang,
        invitation=invitation(
            lang, title=title, date=day, start=start, end=end, venue=venue, link=link
        ),
        programme=programme(lang, start, end),
        checklist=checklist(lang),
    )
