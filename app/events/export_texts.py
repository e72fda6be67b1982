"""What an organiser reads in the exports (registration list, feedback summary, seating):
column headers, sheet names and the words in the cells, in bokmål and nynorsk."""

from typing import Literal

from app.events.pages.texts import KINDS

ExportLang = Literal["nb", "nn"]

_TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "name": "Navn",
        "email": "E-post",
        "organisation": "Organisasjon",
        "municipality": "Kommune",
        "service_type": "Tjeneste",
        "kind": "Deltakertype",
        "dietary": "Kost og allergier",
        "status": "Status",
        "waitlist_position": "Plass på venteliste",
        "table": "Bord",
        "registered_at": "Påmeldt",
        "locked": "Låst",
        "yes": "ja",
        "erased": "(slettet)",
        "registered": "påmeldt",
        "waitlisted": "venteliste",
        "question": "Spørsmål",
        "type": "Type",
        "answers": "Antall svar",
        "average": "Gjennomsnitt",
        "answer": "Svar",
        "scale": "skala 1–5",
        "free_text": "fritekst",
        "sheet_participants": "Deltakere",
        "sheet_feedback": "Tilbakemeldinger",
    },
    "nn": {
        "name": "Namn",
        "email": "E-post",
        "organisation": "Organisasjon",
        "municipality": "Kommune",
        "service_type": "Teneste",
        "kind": "Deltakartype",
        "dietary": "Kost og allergiar",
        "status": "Status",
        "waitlist_position": "Plass på venteliste",
        "table": "Bord",
        "registered_at": "Påmeld",
        "locked": "Låst",
        "yes": "ja",
        "erased": "(sletta)",
        "registered": "påmeld",
        "waitlisted": "venteliste",
        "question": "Spørsmål",
        "type": "Type",
        "answers": "Tal på svar",
        "average": "Gjennomsnitt",
        "answer": "Svar",
        "scale": "skala 1–5",
        "free_text": "fritekst",
        "sheet_participants": "Deltakarar",
        "sheet_feedback": "Tilbakemeldingar",
    },
}


def export_lang(lang: str) -> ExportLang:
    """The exports come in bokmål and nynorsk; anything else reads bokmål."""
    return "nn" if lang == "nn" else "nb"


def word(lang: str, key: str) -> str:
    """One header or cell word in the organiser's language."""
    return _TEXTS[export_lang(lang)][key]


def words(lang: str, *keys: str) -> list[str]:
    """A header row in the organiser's language."""
    return [word(lang, key) for key in keys]


def kind_label(lang: str, kind: str) -> str:
    """How a participant takes part (Fagperson, Leiar …) in the organiser's language."""
    return KINDS[export_lang(lang)][kind]
