"""The search index: each layer's entries as terms, derived from the text revisions.

An entry is one revision that can be current in some view (the current published one of
its layer, slot and language, every scheduled one after it, and later drafts). Which of
them a locality actually sees is decided at query time by the merge, so the index holds
each layer once, not every locality's merged text (app/search/index.py says why).
"""

from sqlalchemy import Column, ForeignKey, Index, Integer, PrimaryKeyConstraint
from sqlmodel import Field, SQLModel


class SearchEntry(SQLModel, table=True):
    """One indexed revision and the slot and layer it belongs to."""

    __tablename__ = "search_entry"
    __table_args__ = (
        Index("ix_search_entry_layer", "pathway_id", "locality_id", "section"),
        Index("ix_search_entry_locality", "locality_id"),
    )

    revision_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("text_revision.id", ondelete="CASCADE"), primary_key=True
        )
    )
    pathway_id: int
    locality_id: int
    service_type_id: int
    section: str = Field(max_length=32)
    lang: str = Field(max_length=2)


class SearchTerm(SQLModel, table=True):
    """A term (a stem) of an indexed revision, and how often it occurs there."""

    __tablename__ = "search_term"
    __table_args__ = (
        PrimaryKeyConstraint("term", "revision_id"),
        Index("ix_search_term_revision", "revision_id"),
    )

    term: str = Field(max_length=64)
    revision_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("search_entry.revision_id", ondelete="CASCADE"), nullable=False
        )
    )
    tf: int


class SearchLayer(SQLModel, table=True):
    """How many revisions of a layer section the index was last built from (behind-check)."""

    __tablename__ = "search_layer"
    __table_args__ = (PrimaryKeyConstraint("pathway_id", "locality_id", "section"),)

    pathway_id: int
    locality_id: int
    section: str = Field(max_length=32)
    revisions: int


class SearchWord(SQLModel, table=True):
    """Every term ever indexed: the vocabulary a misspelt query word is matched against.

    On PostgreSQL `ix_search_word_trgm` is a pg_trgm GIN index (migration 0010).
    """

    __tablename__ = "search_word"
    __table_args__ = (
        Index(
            "ix_search_word_trgm",
            "word",
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        ),
    )

    word: str = Field(max_length=64, primary_key=True)
