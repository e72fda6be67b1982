"""What every table shares: constraint names, UTC timestamps, the closed vocabularies."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, TypeDecorator
from sqlmodel import Field, SQLModel

# Named constraints, so migrations can refer to them on both databases.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always hands back aware datetimes (SQLite forgets the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def created_at_field() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class LocalityKind(StrEnum):
    region = "region"
    health_community = "health_community"
    municipality = "municipality"


class ServiceLevel(StrEnum):
    municipal = "municipal"
    specialist = "specialist"
    state = "state"
    other = "other"


class PathwayStatus(StrEnum):
    draft = "draft"
    published = "published"
    retired = "retired"


class Section(StrEnum):
    role = "role"
    assessment = "assessment"
    measures = "measures"
    evaluation = "evaluation"
    collaboration = "collaboration"
    referral = "referral"


SECTION_LABELS: dict[str, dict[str, str]] = {
    "role": {"nb": "Rolle", "nn": "Rolle"},
    "assessment": {"nb": "Kartlegging", "nn": "Kartlegging"},
    "measures": {"nb": "Tiltak", "nn": "Tiltak"},
    "evaluation": {"nb": "Evaluering av tiltak", "nn": "Evaluering av tiltak"},
    "collaboration": {"nb": "Samarbeid", "nn": "Samarbeid"},
    "referral": {"nb": "Videre henvisning", "nn": "Vidare tilvising"},
}

# A service level as a person reads it (map bands, handouts).
LEVEL_LABELS: dict[str, dict[str, str]] = {
    "municipal": {"nb": "Kommunen", "nn": "Kommunen"},
    "specialist": {"nb": "Spesialisthelsetjenesten", "nn": "Spesialisthelsetenesta"},
    "state": {"nb": "Statlige tjenester", "nn": "Statlege tenester"},
    "other": {"nb": "Andre", "nn": "Andre"},
}


class Lang(StrEnum):
    nb = "nb"
    nn = "nn"


class Mode(StrEnum):
    replace = "replace"  # type: ignore[assignment]  # shadows str.replace, harmlessly
    append = "append"
    hide = "hide"


class RevisionStatus(StrEnum):
    draft = "draft"
    published = "published"


class ChangeKind(StrEnum):
    substantive = "substantive"
    editorial = "editorial"


class Role(StrEnum):
    reader = "reader"
    contributor = "contributor"
    editor = "editor"
    admin = "admin"


ROLE_RANK = {Role.reader: 1, Role.contributor: 2, Role.editor: 3, Role.admin: 4}

CODE_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
