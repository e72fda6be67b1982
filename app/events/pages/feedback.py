"""The feedback page behind one answer link: feedback.form and .answer, as pages."""

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from app.core.errors import AppError, Conflict, NotFound
from app.core.forbidden_chars import forbidden_char
from app.events import feedback
from app.events.pages import common, csrf
from app.events.pages.forms import shown
from app.events.pages.render import message, page
from app.events.pages.texts import UI, PageLang

_TEXT_MAX = 5000


def _feedback_form(
    request: Request,
    token: str,
    form: feedback.FeedbackForm,
    lang: PageLang,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[int, str] | None = None,
    status: int = 200,
) -> Response:
    return page(
        "feedback.html",
        lang,
        status=status,
        page_title=UI[lang]["feedback_title"],
        event_title=form.title,
        other_lang_url=common.other_lang(request, lang),
        questions=form.questions,
        action=f"/v1/feedback/{token}/answer?lang={lang}",
        form_token=csrf.form_token(f"feedback:{token}"),
        values={k: shown(v) for k, v in (values or {}).items()},
        errors=errors or {},
    )


def _open_form(session: Session, token: str, lang: PageLang) -> feedback.FeedbackForm | Response:
    try:
        form = feedback.form(session, token=token)
    except NotFound:
        return common.not_found(lang)
    if form.used:
        return message(lang, "used_title", "used_text", status=409)
    return form


def feedback_page(session: Session, request: Request, *, token: str, lang: PageLang) -> Response:
    """The event's questions behind one answer link."""
    form = _open_form(session, token, lang)
    if isinstance(form, Response):
        return form
    return _feedback_form(request, token, form, lang)


def _answers(
    form: feedback.FeedbackForm, posted: Mapping[str, Any], lang: PageLang
) -> tuple[list[feedback.AnswerIn], dict[int, str], dict[str, str]]:
    """Answers from the posted fields; unanswered questions are left out, as in the API."""
    t = UI[lang]
    answers, errors, values = [], {}, {}
    for q in form.questions:
        raw = posted.get(f"q{q.id}")
        value = raw.strip() if isinstance(raw, str) else ""
        values[f"q{q.id}"] = value
        if not value:
            continue
        if forbidden_char(value):  # a form body passes no JSON check (app/core/forbidden_chars.py)
            errors[q.id] = t["forbidden_char"]
        elif q.kind == "scale":
            if value not in {"1", "2", "3", "4", "5"}:
                errors[q.id] = t["answer_needed"]
            else:
                answers.append(feedback.AnswerIn(question=q.id, value=int(value)))
        elif len(value) > _TEXT_MAX:
            errors[q.id] = t["too_long"].format(n=_TEXT_MAX)
        else:
            answers.append(feedback.AnswerIn(question=q.id, text=value))
    if not answers and not errors and form.questions:
        first = form.questions[0]
        errors[first.id] = t["answer_needed" if first.kind == "scale" else "text_needed"]
    return answers, errors, values


def feedback_post(
    session: Session, request: Request, *, token: str, form: Mapping[str, Any], lang: PageLang
) -> Response:
    """Store one anonymous response through feedback.answer; a thank-you page."""
    back = f"/v1/feedback/{token}/answer?lang={lang}"
    ftoken = form.get("form_token")
    if not csrf.allowed(request, ftoken if isinstance(ftoken, str) else None, f"feedback:{token}"):
        return common.refused(request, lang, back)
    limited = common.rate_limited(request, lang, "feedback")
    if limited is not None:
        return limited
    questions = _open_form(session, token, lang)
    if isinstance(questions, Response):
        return questions
    answers, errors, values = _answers(questions, form, lang)
    if errors:
        return _feedback_form(
            request, token, questions, lang, values=values, errors=errors, status=422
        )
    try:
        feedback.answer(session, token=token, data=feedback.FeedbackIn(answers=answers))
    except Conflict:
        return message(lang, "used_title", "used_text", status=409)
    except (AppError, ValidationError):
        session.rollback()
        return _feedback_form(request, token, questions, lang, values=values, status=422)
    return message(lang, "thanks_title", "thanks_text", status=200)
