"""Anonymous feedback after an event: questions, one-use tokens, answers, the summary."""

import secrets
from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import func, update
from sqlmodel import Session, select

from app.core.auth import hash_token
from app.core.csvio import to_csv
from app.core.db import commit_answer
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.xlsx import to_xlsx
from app.events.export_texts import word, words
from app.models import Event, FeedbackAnswer, FeedbackQuestion, FeedbackResponse, FeedbackToken

DEFAULT_QUESTIONS = [
    ("Hvor nyttig var dagen for deg?", "scale"),
    ("Kjenner du de andre tjenestene i forløpet bedre nå?", "scale"),
    ("Hvor godt fungerte gruppearbeidet ved bordet ditt?", "scale"),
    ("Hva tar du med deg tilbake til jobben?", "text"),
    ("Hva kan bli bedre neste gang?", "text"),
]
QuestionKind = Literal["scale", "text"]


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    kind: QuestionKind = Field(description="`scale` (1–5) or `text`.")


class QuestionsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"questions": [{"text": "Hvor nyttig var dagen?", "kind": "scale"}]}]
        },
    )

    questions: list[QuestionIn] = Field(min_length=1, max_length=30)


class QuestionPublic(BaseModel):
    id: int
    position: int
    text: str
    kind: str


class QuestionsPublic(BaseModel):
    event: int
    questions: list[QuestionPublic]


class TokensRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"count": 120}]})

    count: int = Field(ge=1, le=2000)


class TokensIssued(BaseModel):
    """Shown once: only the tokens' hashes are stored."""

    event: int
    tokens: list[str]


class FeedbackForm(BaseModel):
    event: int
    title: str
    used: bool
    questions: list[QuestionPublic]


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: int
    value: int | None = Field(default=None, ge=1, le=5)
    text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"answers": [{"question": 1, "value": 4}]}]},
    )

    answers: list[AnswerIn] = Field(min_length=1, max_length=30)


class QuestionSummary(BaseModel):
    id: int
    text: str
    kind: str
    answers: int
    average: float | None
    distribution: dict[str, int] | None = Field(description="Count per value 1–5 (scale).")
    texts: list[str] | None = Field(description="Free-text answers, sorted (not in answer order).")


class FeedbackSummary(BaseModel):
    event: int
    tokens_issued: int
    responses: int
    questions: list[QuestionSummary]


def _questions(session: Session, event: Event) -> list[FeedbackQuestion]:
    return list(
        session.exec(
            select(FeedbackQuestion)
            .where(FeedbackQuestion.event_id == event.id)
            .order_by(FeedbackQuestion.position)  # type: ignore[arg-type]
        ).all()
    )


def ensure_default_questions(session: Session, event: Event) -> None:
    """Give an event the standard questions if it has none (no commit)."""
    if not _questions(session, event):
        for pos, (text, kind) in enumerate(DEFAULT_QUESTIONS):
            session.add(FeedbackQuestion(event_id=event.id, position=pos, text=text, kind=kind))  # type: ignore[arg-type]
        session.flush()


def questions_public(session: Session, event: Event) -> QuestionsPublic:
    """The event's questions in order."""
    qs = _questions(session, event)
    return QuestionsPublic(
        event=event.id,  # type: ignore[arg-type]
        questions=[
            QuestionPublic(id=q.id, position=q.position, text=q.text, kind=q.kind) for q in qs
        ],  # type: ignore[arg-type]
    )


def _responses(session: Session, event: Event) -> int:
    return session.exec(
        select(func.count())
        .select_from(FeedbackResponse)
        .where(FeedbackResponse.event_id == event.id)
    ).one()


def replace_questions(session: Session, *, event: Event, data: QuestionsIn) -> QuestionsPublic:
    """Set the questions; refused once answers exist, so no answer loses its question."""
    if _responses(session, event):
        raise Conflict("Feedback has been given already; the questions can no longer change.")
    for q in _questions(session, event):
        session.delete(q)
    session.flush()
    for pos, new in enumerate(data.questions):
        session.add(FeedbackQuestion(event_id=event.id, position=pos, text=new.text, kind=new.kind))  # type: ignore[arg-type]
    return commit_answer(session, lambda: questions_public(session, event))


def issue_tokens(session: Session, *, event: Event, data: TokensRequest) -> TokensIssued:
    """Mint `count` one-use answer links for the event."""
    ensure_default_questions(session, event)
    tokens = [secrets.token_urlsafe(24) for _ in range(data.count)]
    for token in tokens:
        session.add(FeedbackToken(event_id=event.id, token_hash=hash_token(token)))  # type: ignore[arg-type]
    session.commit()
    return TokensIssued(event=event.id, tokens=tokens)  # type: ignore[arg-type]


_USED = {
    "en": "This link has been used already: it can be answered only once.",
    "nb": "Denne lenken er allerede brukt: det kan bare svares én gang.",
    "nn": "Denne lenka er allereie brukt: det kan berre svarast éin gong.",
}


def _token(session: Session, token: str) -> FeedbackToken:
    row = session.exec(
        select(FeedbackToken).where(FeedbackToken.token_hash == hash_token(token))
    ).first()
    if row is None:
        raise NotFound(
            "There is no feedback link with this token.",
            messages={
                "nb": "Denne tilbakemeldingslenken finnes ikke.",
                "nn": "Denne tilbakemeldingslenka finst ikkje.",
            },
        )
    return row


def form(session: Session, *, token: str) -> FeedbackForm:
    """The questions behind an answer link."""
    row = _token(session, token)
    event = session.get(Event, row.event_id)
    assert event is not None
    return FeedbackForm(
        event=event.id,  # type: ignore[arg-type]
        title=event.title,
        used=row.used,
        questions=questions_public(session, event).questions,
    )


def answer(session: Session, *, token: str, data: FeedbackIn) -> None:
    """Store one anonymous response; the token is spent in the same transaction."""
    row = _token(session, token)
    if row.used:
        raise Conflict(_USED["en"], messages=_USED)
    questions = {q.id: q for q in session.exec(
        select(FeedbackQuestion).where(FeedbackQuestion.event_id == row.event_id)
    ).all()}  # fmt: skip
    seen: set[int] = set()
    for i, a in enumerate(data.answers):
        q = questions.get(a.question)
        loc: list[str | int] = ["body", "answers", i]
        if q is None:
            raise Unprocessable(
                f"Question {a.question} is not asked here.",
                loc=[*loc, "question"],
                messages={
                    "nb": f"Spørsmål {a.question} er ikke stilt her.",
                    "nn": f"Spørsmål {a.question} er ikkje stilt her.",
                },
            )
        if a.question in seen:
            raise Unprocessable(
                f"Question {a.question} is answered twice.",
                loc=[*loc, "question"],
                messages={
                    "nb": f"Spørsmål {a.question} er besvart to ganger.",
                    "nn": f"Spørsmål {a.question} er svart på to gonger.",
                },
            )
        seen.add(a.question)
        if q.kind == "scale" and (a.value is None or a.text is not None):
            raise Unprocessable(
                "A scale question takes a value 1–5 and no text.",
                loc=[*loc, "value"],
                messages={
                    "nb": "Et skalaspørsmål besvares med en verdi fra 1 til 5, uten tekst.",
                    "nn": "Eit skalaspørsmål blir svart på med ein verdi frå 1 til 5, utan tekst.",
                },
            )
        if q.kind == "text" and (not a.text or a.value is not None):
            raise Unprocessable(
                "A text question takes a non-empty text.",
                loc=[*loc, "text"],
                messages={
                    "nb": "Et tekstspørsmål besvares med en tekst.",
                    "nn": "Eit tekstspørsmål blir svart på med ein tekst.",
                },
            )
    # The conditional update makes two concurrent uses of one token count as one.
    spent = session.execute(
        update(FeedbackToken)
        .where(FeedbackToken.id == row.id, FeedbackToken.used == False)  # type: ignore[arg-type]  # noqa: E712
        .values(used=True)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise Conflict(_USED["en"], messages=_USED)
    response = FeedbackResponse(event_id=row.event_id)
    session.add(response)
    session.flush()
    assert response.id is not None
    for a in data.answers:
        session.add(
            FeedbackAnswer(
                response_id=response.id, question_id=a.question, value=a.value, text=a.text
            )  # type: ignore[arg-type]
        )
    session.commit()


def summary(session: Session, *, event: Event) -> FeedbackSummary:
    """Averages, distributions and the free-text answers, per question."""
    issued = session.exec(
        select(func.count()).select_from(FeedbackToken).where(FeedbackToken.event_id == event.id)
    ).one()
    out = []
    for q in _questions(session, event):
        answers = session.exec(
            select(FeedbackAnswer).where(FeedbackAnswer.question_id == q.id)
        ).all()
        if q.kind == "scale":
            values = [a.value for a in answers if a.value is not None]
            dist = Counter(values)
            out.append(
                QuestionSummary(
                    id=q.id,  # type: ignore[arg-type]
                    text=q.text,
                    kind=q.kind,
                    answers=len(values),
                    average=round(sum(values) / len(values), 2) if values else None,
                    distribution={str(v): dist.get(v, 0) for v in range(1, 6)},
                    texts=None,
                )
            )
        else:
            texts = sorted(a.text for a in answers if a.text)
            out.append(
                QuestionSummary(
                    id=q.id, text=q.text, kind=q.kind, answers=len(texts),  # type: ignore[arg-type]
                    average=None, distribution=None, texts=texts,
                )
            )  # fmt: skip
    return FeedbackSummary(
        event=event.id,  # type: ignore[arg-type]
        tokens_issued=issued,
        responses=_responses(session, event),
        questions=out,
    )


def summary_csv(data: FeedbackSummary, lang: str = "nb") -> bytes:
    """The summary as CSV: one row per scale question, one per free-text answer."""
    header, rows = summary_table(data, lang)
    for row in rows:
        # A decimal comma, as Norwegian readers write the average.
        row[3] = f"{row[3]:.2f}".replace(".", ",") if isinstance(row[3], float) else row[3]
    return to_csv(header, rows)


def summary_xlsx(data: FeedbackSummary, lang: str = "nb") -> bytes:
    """The summary as an Excel workbook; the average is a number Excel formats itself."""
    header, rows = summary_table(data, lang)
    return to_xlsx(header, rows, sheet=word(lang, "sheet_feedback"))


def summary_table(data: FeedbackSummary, lang: str = "nb") -> tuple[list[str], list[list[object]]]:
    """The summary's header and rows: one per scale question, one per free-text answer."""
    question, kind, answers, average, answer = words(
        lang, "question", "type", "answers", "average", "answer"
    )
    header = [question, kind, answers, average, "1", "2", "3", "4", "5", answer]
    rows: list[list[object]] = []
    for q in data.questions:
        if q.kind == "scale":
            dist = q.distribution or {}
            avg: object = float(q.average) if q.average is not None else ""
            rows.append(
                [
                    q.text,
                    word(lang, "scale"),
                    q.answers,
                    avg,
                    *(dist.get(str(v), 0) for v in range(1, 6)),
                    "",
                ]
            )
        else:
            free_text = word(lang, "free_text")
            for text in q.texts or []:
                rows.append([q.text, free_text, q.answers, "", "", "", "", "", "", text])
    return header, rows
