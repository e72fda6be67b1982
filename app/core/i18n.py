"""Which language a person reading an answer wants: `?lang=`, else Accept-Language, else default.

Content comes in bokmål and nynorsk; messages a person reads (problem details of the public
endpoints, the map's 503) also in English for a client that asks for it.
"""

from collections.abc import Mapping, Sequence

# `no` (Norwegian, unspecified) is read as bokmål, as browsers and Norwegian users mean it.
_PRIMARY = {"nb": "nb", "no": "nb", "nn": "nn", "en": "en"}


def negotiate(
    lang: str | None,
    accept_language: str | None,
    default: str,
    offered: Sequence[str] = ("nb", "nn"),
) -> str:
    """`lang` if given, else the best offered language in Accept-Language, else `default`."""
    if lang:
        return lang
    best, best_q = default, 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        code = _PRIMARY.get(tag.strip().lower().split("-")[0])
        if code is None or code not in offered:
            continue
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = code, q
    return best


def said_in(messages: Mapping[str, str], lang: str) -> str:
    """The language a message is given in for a reader of `lang`: nynorsk falls back to
    bokmål, and anything missing to English (the error's own `detail`)."""
    if lang in messages:
        return lang
    if lang == "nn" and "nb" in messages:
        return "nb"
    return "en"
