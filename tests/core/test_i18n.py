"""Choosing the reader's language, and validation messages in it."""

import pytest

from app.core.i18n import negotiate, said_in
from app.core.problem_texts import validation_detail, validation_msg


@pytest.mark.parametrize(
    ("lang", "header", "offered", "expected"),
    [
        ("nn", "nb", ("nb", "nn"), "nn"),
        (None, None, ("nb", "nn"), "nb"),
        (None, "nn-NO,nn;q=0.9,nb;q=0.8", ("nb", "nn"), "nn"),
        (None, "no", ("nb", "nn"), "nb"),
        (None, "en-GB,en;q=0.9", ("nb", "nn"), "nb"),
        (None, "en-GB,en;q=0.9,nn;q=0.5", ("nb", "nn"), "nn"),
        (None, "en-GB,en;q=0.9,nn;q=0.5", ("nb", "nn", "en"), "en"),
        (None, "nb;q=0.3, nn;q=0.7", ("nb", "nn"), "nn"),
        (None, "nn;q=abc, nb", ("nb", "nn"), "nb"),
        (None, "sv, da", ("nb", "nn"), "nb"),
    ],
)
def test_negotiate(lang, header, offered, expected):
    assert negotiate(lang, header, "nb", offered) == expected


def test_said_in_falls_back_from_nynorsk_to_bokmal_then_english():
    assert said_in({"nb": "B", "nn": "N"}, "nn") == "nn"
    assert said_in({"nb": "B"}, "nn") == "nb"
    assert said_in({"nb": "B", "nn": "N"}, "en") == "en"
    assert said_in({"nn": "N"}, "nb") == "en"


def test_validation_messages():
    missing = {"type": "missing", "msg": "Field required", "loc": ("body", "kind")}
    assert validation_msg(missing, "nn") == "Feltet må fyllast ut."
    assert validation_msg(missing, "nb") == "Feltet må fylles ut."
    assert validation_msg(missing, "en") == "Field required"
    long = {"type": "string_too_long", "msg": "…", "ctx": {"max_length": 200}}
    assert validation_msg(long, "nn") == "Skriv høgst 200 teikn."
    own = {"type": "value_error", "msg": "Value error, not a valid e-mail address"}
    assert validation_msg(own, "nb") == "E-postadressen er ikke gyldig."
    other = {"type": "value_error", "msg": "Value error, something else"}
    assert validation_msg(other, "nn") == "Value error, something else"
    unknown = {"type": "uuid_parsing", "msg": "Input should be a valid UUID"}
    assert validation_msg(unknown, "nn") == "Input should be a valid UUID"
    no_ctx = {"type": "string_too_short", "msg": "short"}
    assert validation_msg(no_ctx, "nn") == "short", "a missing context keeps pydantic's text"
    assert validation_detail("body.email", "nn") == "Noko i skjemaet må rettast: body.email"
    assert validation_detail("", "en") == "The request is not valid."
