"""From a posted registration form to the API's RegistrationCreate, with messages per field."""

from collections.abc import Mapping

from pydantic import ValidationError

from app.core.forbidden_chars import FORBIDDEN, forbidden_char
from app.events.pages.texts import FIELD_MESSAGES, UI, PageLang
from app.events.schemas import RegistrationCreate

FIELDS = ("name", "email", "organisation", "municipality", "kind", "service_type", "dietary")


def form_values(form: Mapping[str, object]) -> dict[str, str]:
    """The registration fields as strings (anything else, e.g. a file, counts as empty)."""
    return {f: v if isinstance(v := form.get(f), str) else "" for f in FIELDS}


def shown(value: str) -> str:
    """A posted value as a form shows it again: without the characters no text may hold
    (app/core/forbidden_chars.py), which the form refuses and must not echo back either."""
    return FORBIDDEN.sub("", value)


def parse_registration(
    values: Mapping[str, str], lang: PageLang
) -> tuple[RegistrationCreate | None, dict[str, str]]:
    """Validate with the API's model: the data, or a message per field in the page's language.

    A form body passes no JSON check (app/core/forbidden_chars.py), so the characters it refuses are
    refused here, as the API would: no control or bidi character reaches the database."""
    refused = {f: UI[lang]["forbidden_char"] for f in FIELDS if forbidden_char(values.get(f, ""))}
    if refused:
        return None, refused
    body = {k: v for k, v in values.items() if k in FIELDS}
    if not body.get("service_type"):
        body.pop("service_type", None)  # "no service" is the API's null
    try:
        return RegistrationCreate.model_validate(body), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "name"
            errors.setdefault(field, FIELD_MESSAGES[lang].get(field, FIELD_MESSAGES[lang]["name"]))
        return None, {f: errors[f] for f in FIELDS if f in errors}
