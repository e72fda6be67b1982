"""The locality tree as plain functions over a parents mapping (node → parent, None at a
region). No I/O: `app.localities.lookups` reads the mapping, every domain walks it here.

Nodes may be ids or codes; anything hashable and orderable works. A node missing from the
mapping counts as a root, so a walk never raises on a half-known tree.
"""

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, TypeVar

N = TypeVar("N", bound=Hashable)


def chain(parents: Mapping[N, N | None], node: N) -> list[N]:
    """`node` and its ancestors, the region first and `node` last."""
    found: list[N] = []
    current: N | None = node
    while current is not None and current not in found:  # a cycle must not hang a request
        found.append(current)
        current = parents.get(current)
    return found[::-1]


def ancestors(parents: Mapping[N, N | None], node: N) -> list[N]:
    """The nodes above `node`, the region first (empty at a region)."""
    return chain(parents, node)[:-1]


def children_of(parents: Mapping[N, N | None]) -> dict[N | None, list[N]]:
    """Each node's children, sorted (None: the regions)."""
    children: dict[N | None, list[N]] = defaultdict(list)
    for node, parent in parents.items():
        children[parent].append(node)
    for kids in children.values():
        kids.sort(key=_order)
    return children


def subtree(parents: Mapping[N, N | None], root: N) -> list[N]:
    """`root` and every node below it, parents before children, siblings in order."""
    children = children_of(parents)
    found: list[N] = []
    seen: set[N] = set()
    todo: deque[N] = deque([root])
    while todo:
        node = todo.popleft()
        if node in seen:
            continue
        seen.add(node)
        found.append(node)
        todo.extend(children.get(node, []))
    return found


def within(parents: Mapping[N, N | None], node: N | None, roots: Iterable[N]) -> bool:
    """True when `node` lies in the subtree of one of `roots` (None: region-wide, always)."""
    if node is None:
        return True
    above = set(chain(parents, node))
    return any(r in above for r in roots)


def _order(node: Any) -> Any:
    return node
