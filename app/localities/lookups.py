"""Reading the locality tree: the one place every domain gets chains, subtrees and the
"no such locality" answer from. The walking itself is pure, in `app.localities.tree`."""

from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import bindparam, literal, select
from sqlmodel import Session

from app.core.errors import NotFound
from app.localities import tree
from app.models import Locality

_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_LOCALITY_TABLE: Any = Locality.__table__  # type: ignore[attr-defined]


class LocalityRow(NamedTuple):
    id: int
    code: str
    name: str
    kind: str


# Built once: composing a statement and its cache key costs SQLAlchemy about a
# millisecond a time, more than running this small query on every view.
def _chain_stmt() -> Any:
    up = (
        select(
            _LOCALITY.id,
            _LOCALITY.code,
            _LOCALITY.name,
            _LOCALITY.kind,
            _LOCALITY.parent_id,
            literal(0).label("up"),
        )
        .where(_LOCALITY.code == bindparam("code"))
        .cte("chain", recursive=True)
    )
    parent = _LOCALITY_TABLE.alias("parent")
    up = up.union_all(
        select(
            parent.c.id,
            parent.c.code,
            parent.c.name,
            parent.c.kind,
            parent.c.parent_id,
            (up.c.up + 1).label("up"),
        ).where(parent.c.id == up.c.parent_id)
    )
    return select(up.c.id, up.c.code, up.c.name, up.c.kind).order_by(up.c.up.desc())


_CHAIN = _chain_stmt()


def chain_of(session: Session, code: str) -> list[LocalityRow]:
    """The locality's chain from the region down to it, in one recursive query; [] if unknown."""
    return [LocalityRow(*r) for r in session.execute(_CHAIN, {"code": code}).all()]


def chain_or_404(session: Session, code: str) -> list[LocalityRow]:
    """The locality's chain from the region down to it, or 404."""
    chain = chain_of(session, code)
    if not chain:
        raise no_such_locality(code)
    return chain


def no_such_locality(code: str) -> NotFound:
    return NotFound(f"There is no locality '{code}'.")


def chain_codes_or_404(session: Session, code: str) -> list[str]:
    """Codes from the region down to `code`, or 404."""
    return [loc.code for loc in chain_or_404(session, code)]


def municipalities(session: Session) -> list[LocalityRow]:
    """Every municipality, by name (what a registration form lists and an import matches)."""
    rows = session.execute(
        select(_LOCALITY.id, _LOCALITY.code, _LOCALITY.name, _LOCALITY.kind)
        .where(_LOCALITY.kind == "municipality")
        .order_by(_LOCALITY.name, _LOCALITY.code)
    ).all()
    return [LocalityRow(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class LocalityTree:
    """The whole tree, read once: each locality by id and each one's parent id."""

    by_id: dict[int, LocalityRow]
    parents: dict[int, int | None]

    def chain_ids(self, loc_id: int) -> list[int]:
        """Ids from the region down to `loc_id`."""
        return tree.chain(self.parents, loc_id)

    def chain_codes(self, loc_id: int) -> list[str]:
        """Codes from the region down to `loc_id`."""
        return [self.by_id[i].code for i in tree.chain(self.parents, loc_id)]

    def subtree_ids(self, loc_id: int) -> list[int]:
        """`loc_id` and every locality below it, parents before children."""
        return tree.subtree(self.parents, loc_id)

    def id_of(self, code: str) -> int | None:
        """The id of the locality with this code, or None."""
        return next((i for i, loc in self.by_id.items() if loc.code == code), None)

    def parents_by_code(self) -> dict[str, str | None]:
        """The tree as code → parent code (None at a region)."""
        return {
            self.by_id[i].code: self.by_id[parent].code if parent is not None else None
            for i, parent in self.parents.items()
        }


def load_tree(session: Session) -> LocalityTree:
    """The whole tree in one query."""
    rows = session.execute(
        select(_LOCALITY.id, _LOCALITY.code, _LOCALITY.name, _LOCALITY.kind, _LOCALITY.parent_id)
    ).all()
    return LocalityTree(
        {r[0]: LocalityRow(r[0], r[1], r[2], r[3]) for r in rows}, {r[0]: r[4] for r in rows}
    )


def parents_by_code(session: Session) -> dict[str, str | None]:
    """The whole tree as code → parent code (None at a region): one query."""
    return load_tree(session).parents_by_code()


def subtree_ids(session: Session, code: str) -> set[int]:
    """Ids of the locality with this code and of everything below it (empty if unknown)."""
    locs = load_tree(session)
    root = locs.id_of(code)
    return set(locs.subtree_ids(root)) if root is not None else set()
