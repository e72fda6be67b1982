"""What happens when a session flushes and commits, installed in one place.

Every ORM session of the process (requests, the CLI, the webhook worker, tests) keeps
derived data in the same transaction as the write that changes it:

- after flush: the revisions' layers are noted for a rebuild (`snapshots.note_layers`),
  and every audited write gets its audit row (`app.audit.writer.write_audit_rows`);
- before commit: the noted layers' snapshots are rebuilt (`snapshots.rebuild_pending`),
  and with them the search index (`app.search.index.reindex`, a rebuild hook); the
  change-log entries noted (`app.changes.log.record_change`) mark the read cache stale
  (`app.texts.read_cache.note_change`, which on PostgreSQL also sends NOTIFY for the
  other processes); then, last, they are written under the log's lock
  (`app.changes.log.write_pending`), so the lock is held only for them and the commit;
- after commit: the cache's version moves on (`read_cache.bump_after_commit`);
- after rollback / at the end of the outermost transaction: the notes are forgotten.

`install_session_hooks` is called by `create_app` and by the CLI; it is idempotent, so
tests and tools that open sessions without either may call it too (tests/conftest.py does).
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession


def _session_hooks() -> list[tuple[str, Callable[..., Any]]]:
    from app.audit import writer
    from app.changes import log
    from app.texts import read_cache, snapshots

    return [
        ("after_flush", snapshots.note_layers),
        ("after_flush", writer.write_audit_rows),
        ("before_commit", snapshots.rebuild_pending),
        ("before_commit", read_cache.note_change),
        ("before_commit", log.write_pending),  # last: the log's lock is held from here
        ("after_commit", read_cache.bump_after_commit),
        ("after_rollback", snapshots.forget_layers),
        ("after_rollback", read_cache.forget_change),
        ("after_transaction_end", log.forget_pending),
    ]


def install_session_hooks() -> None:
    """Register every session hook once (a second call changes nothing)."""
    from app.search import index as search_index

    for name, hook in _session_hooks():
        if not event.contains(OrmSession, name, hook):
            event.listen(OrmSession, name, hook)
    search_index.install()  # the search index is rebuilt with the layer snapshots
