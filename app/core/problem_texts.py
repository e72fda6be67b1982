"""Validation problems in the reader's language: the detail line and each field's message.

Only the public routes a person fills in (sign-up, feedback) ask for nb/nn; every other route
keeps pydantic's English messages, which integration developers search for.
"""

from typing import Any

_DETAIL = {
    "en": ("The request is not valid: {names}", "The request is not valid."),
    "nb": ("Noe i skjemaet må rettes: {names}", "Noe i skjemaet må rettes."),
    "nn": ("Noko i skjemaet må rettast: {names}", "Noko i skjemaet må rettast."),
}

# pydantic error type → (bokmål, nynorsk); `{…}` filled from the error's context.
_MSG: dict[str, tuple[str, str]] = {
    "missing": ("Feltet må fylles ut.", "Feltet må fyllast ut."),
    "string_too_short": (
        "Skriv minst {min_length} tegn.",
        "Skriv minst {min_length} teikn.",
    ),
    "string_too_long": (
        "Skriv høyst {max_length} tegn.",
        "Skriv høgst {max_length} teikn.",
    ),
    "string_type": ("Feltet må være tekst.", "Feltet må vere tekst."),
    "string_pattern_mismatch": (
        "Verdien har ikke riktig form.",
        "Verdien har ikkje rett form.",
    ),
    "int_parsing": ("Skriv et heltall.", "Skriv eit heiltal."),
    "int_type": ("Skriv et heltall.", "Skriv eit heiltal."),
    "greater_than_equal": ("Verdien må være minst {ge}.", "Verdien må vere minst {ge}."),
    "less_than_equal": ("Verdien må være høyst {le}.", "Verdien må vere høgst {le}."),
    "enum": ("Velg en av: {expected}.", "Vel ein av: {expected}."),
    "literal_error": ("Velg en av: {expected}.", "Vel ein av: {expected}."),
    "extra_forbidden": ("Feltet er ukjent.", "Feltet er ukjent."),
    "json_invalid": ("Innholdet er ikke gyldig JSON.", "Innhaldet er ikkje gyldig JSON."),
    "list_too_long": (
        "Høyst {max_length} svar er tillatt.",
        "Høgst {max_length} svar er tillate.",
    ),
    "model_attributes_type": ("Innholdet har feil form.", "Innhaldet har feil form."),
    "dict_type": ("Innholdet har feil form.", "Innhaldet har feil form."),
}

# Messages our own validators raise (`ValueError("…")`), by their English text.
_OWN: dict[str, tuple[str, str]] = {
    "not a valid e-mail address": (
        "E-postadressen er ikke gyldig.",
        "E-postadressa er ikkje gyldig.",
    ),
}


def validation_detail(names: str, lang: str) -> str:
    """The problem's `detail`: which fields are wrong, in `lang` (nb, nn or en)."""
    with_names, without = _DETAIL.get(lang, _DETAIL["en"])
    return with_names.format(names=names) if names else without


def validation_msg(error: Any, lang: str) -> str:
    """One field's message in `lang`; pydantic's English text when there is no translation."""
    english = str(error.get("msg", ""))
    if lang not in ("nb", "nn"):
        return english
    column = 0 if lang == "nb" else 1
    if error.get("type") == "value_error":
        own = english.removeprefix("Value error, ")
        return _OWN[own][column] if own in _OWN else english
    texts = _MSG.get(str(error.get("type")))
    if texts is None:
        return english
    try:
        return texts[column].format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return english
