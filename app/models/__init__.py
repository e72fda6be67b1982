"""Every table, imported here so Alembic and the tests see the whole schema."""

from app.models.audit import AuditLog
from app.models.base import SQLModel
from app.models.cases import Case
from app.models.catalog import ServiceType, ServiceUnit, ServiceUnitCatchment
from app.models.changes import ChangeLogEntry
from app.models.events import (
    ChecklistItem,
    Event,
    FeedbackAnswer,
    FeedbackQuestion,
    FeedbackResponse,
    FeedbackToken,
    Participant,
    ProgrammeItem,
    SeatingRun,
)
from app.models.keys import ApiKey
from app.models.localities import Locality
from app.models.pathways import Pathway, PathwayAdoption, PathwayServiceType
from app.models.proposals import (
    Assessment,
    ChangeProposal,
    ProposalComment,
    ReviewRound,
    ReviewRoundPathway,
)
from app.models.reviews import PathwayReview
from app.models.search import SearchEntry, SearchLayer, SearchTerm, SearchWord
from app.models.texts import LayerSnapshot, TextRevision
from app.models.webhooks import WebhookDelivery, WebhookEvent, WebhookSubscription

__all__ = [
    "ApiKey",
    "Assessment",
    "AuditLog",
    "Case",
    "ChangeLogEntry",
    "ChangeProposal",
    "ChecklistItem",
    "Event",
    "FeedbackAnswer",
    "FeedbackQuestion",
    "FeedbackResponse",
    "FeedbackToken",
    "LayerSnapshot",
    "Locality",
    "Participant",
    "Pathway",
    "PathwayAdoption",
    "PathwayReview",
    "PathwayServiceType",
    "ProgrammeItem",
    "ProposalComment",
    "ReviewRound",
    "ReviewRoundPathway",
    "SQLModel",
    "SearchEntry",
    "SearchLayer",
    "SearchTerm",
    "SearchWord",
    "SeatingRun",
    "ServiceType",
    "ServiceUnit",
    "ServiceUnitCatchment",
    "TextRevision",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
