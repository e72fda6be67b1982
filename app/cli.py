"""The `forlop` command: serve, worker, migrate, seed, keys, export, import."""

import argparse
import sys
import time
from collections.abc import Sequence

from sqlmodel import func, select

from app.commit_hooks import install_session_hooks
from app.core.auth import hash_token, new_token
from app.core.db import open_session
from app.core.errors import AppError
from app.models import ApiKey, Locality
from app.models.base import Role, utcnow
from app.models.events import Event
from app.search import index as search_index
from app.texts.read_cache import mark_everything_changed


def _upgrade() -> None:
    """Migrations, then the layer snapshots and search index any data already there lacks."""
    from app.core.migrate import upgrade
    from app.texts.snapshots import refresh

    upgrade()
    with open_session(write=True) as session:
        if refresh(session) + search_index.refresh(session):
            mark_everything_changed(session)  # a running server's cached reads
            session.commit()


def _migrate(_: argparse.Namespace) -> int:
    _upgrade()
    print("database is up to date")
    return 0


def _warn_without_graphviz() -> None:
    """Say at start, not first in a 503, that the SVG map cannot be drawn here."""
    from app.maps import render

    if render.dot_binary() is None:
        print(
            f"WARNING: Graphviz ('dot') was not found on PATH. {render.GRAPHVIZ_MISSING['en']}",
            file=sys.stderr,
        )


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.core.config import get_settings
    from app.webhooks import worker

    _upgrade()
    _warn_without_graphviz()
    # One deliverer per `serve`, whatever the number of uvicorn workers; on PostgreSQL
    # one per database (an advisory lock), the others wait as standbys.
    stop = worker.start_thread() if get_settings().webhook_deliver_in_serve else None
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_config=None,
        # The app honours forwarded headers itself, from FORLOP_FORWARDED_ALLOW_IPS only
        # (app/core/forwarded.py): uvicorn's own default would trust 127.0.0.1.
        proxy_headers=False,
    )
    if stop is not None:
        stop.set()
    return 0


def _worker(args: argparse.Namespace) -> int:
    import signal
    import threading

    from app.core.config import get_settings
    from app.core.observability import configure_logging
    from app.webhooks import worker

    settings = get_settings()
    configure_logging(level=settings.log_level, fmt=settings.log_format)
    # No migrations here: `forlop migrate` / `serve` own the schema; a worker beside them
    # only reads and writes rows.
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    worker.run(stop, once=args.once)
    return 0


def _seed(args: argparse.Namespace) -> int:
    if not args.demo:
        print("nothing to seed: pass --demo", file=sys.stderr)
        return 2
    from app.demo.events import seed_events_demo
    from app.demo.maps import seed_maps_demo
    from app.demo.rounds import seed_rounds_demo
    from app.demo.seed import seed_demo

    with open_session(write=True) as session:
        created = seed_demo(session)
        before = session.exec(select(func.count()).select_from(Event)).one()
        seed_events_demo(session)
        seed_rounds_demo(session)
        seed_maps_demo(session)
        created["events"] = session.exec(select(func.count()).select_from(Event)).one() - before
    summary = ", ".join(f"{k}: {v}" for k, v in created.items() if v) or "nothing new"
    print(f"demo data loaded ({summary})")
    return 0


def _keys_create(args: argparse.Namespace) -> int:
    with open_session(write=True) as session:
        if session.exec(select(ApiKey).where(ApiKey.name == args.name)).first() is not None:
            print(f"a key named '{args.name}' already exists", file=sys.stderr)
            return 1
        locality_id = None
        if args.locality:
            loc = session.exec(select(Locality).where(Locality.code == args.locality)).first()
            if loc is None:
                print(f"there is no locality '{args.locality}'", file=sys.stderr)
                return 1
            locality_id = loc.id
        elif args.role != Role.admin.value:
            print("note: a key without --locality covers the whole region", file=sys.stderr)
        token = new_token()
        session.add(
            ApiKey(
                name=args.name,
                role=args.role,
                locality_id=locality_id,
                token_hash=hash_token(token),
            )
        )
        session.commit()
    print(f"created key '{args.name}' ({args.role}, scope {args.locality or 'everything'});")
    print("the token is shown only this once:")
    print(token)
    return 0


def _keys_list(_: argparse.Namespace) -> int:
    with open_session(write=False) as session:
        codes = {loc.id: loc.code for loc in session.exec(select(Locality)).all()}
        for key in session.exec(select(ApiKey).order_by(ApiKey.name)).all():  # type: ignore[arg-type]
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            scope = codes.get(key.locality_id, "everything") if key.locality_id else "everything"
            print(f"{key.name}\t{key.role}\t{scope}\t{state}\tcreated {key.created_at:%Y-%m-%d}")
    return 0


def _keys_revoke(args: argparse.Namespace) -> int:
    with open_session(write=True) as session:
        key = session.exec(select(ApiKey).where(ApiKey.name == args.name)).first()
        if key is None:
            print(f"there is no key named '{args.name}'", file=sys.stderr)
            return 1
        if key.revoked_at is None:
            key.revoked_at = utcnow()
            session.add(key)
            session.commit()
    print(f"revoked key '{args.name}'")
    return 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.backup.bundle import export_bundle

    with open_session(write=False) as session:
        counts = export_bundle(session, Path(args.file))
    print(f"exported {sum(counts.values())} rows of {len(counts)} tables to {args.file}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.backup.bundle import import_bundle
    from app.core.migrate import upgrade
    from app.texts.snapshots import refresh

    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    upgrade()
    with open_session(write=True) as session:
        counts = import_bundle(session, raw)
    print(f"imported {sum(counts.values())} rows of {len(counts)} tables from {args.file}")
    # The layer snapshots are derived data: built after the import has committed, so a
    # big bundle is not held in one transaction twice as long. Until then reads use the
    # history (slower, same answer); `forlop migrate` finishes the work if this stops.
    started = time.perf_counter()
    with open_session(write=True) as session:
        built = refresh(session)
        behind = search_index.refresh(session)
        mark_everything_changed(session)  # a running server's cached reads
        session.commit()
    print(f"built {built} layer snapshots in {time.perf_counter() - started:.1f} s")
    if behind:
        print(f"indexed {behind} more layer sections for search")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `forlop`."""
    parser = argparse.ArgumentParser(prog="forlop", description="Forløp API server and tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="apply pending migrations, then serve the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=_serve)

    work = sub.add_parser(
        "worker", help="deliver webhooks (and announce what fell due) until stopped"
    )
    work.add_argument("--once", action="store_true", help="one round of work, then exit")
    work.set_defaults(func=_worker)

    sub.add_parser("migrate", help="apply pending migrations").set_defaults(func=_migrate)

    seed = sub.add_parser("seed", help="load data")
    seed.add_argument("--demo", action="store_true", help="the Helse Vest demo data (idempotent)")
    seed.set_defaults(func=_seed)

    keys = sub.add_parser("keys", help="API keys").add_subparsers(
        dest="keys_command", required=True
    )
    create = keys.add_parser("create", help="create a key and print its token once")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--locality", help="scope: this locality and everything below it")
    create.set_defaults(func=_keys_create)
    keys.add_parser("list", help="list keys (never tokens)").set_defaults(func=_keys_list)
    revoke = keys.add_parser("revoke", help="revoke a key by name")
    revoke.add_argument("name")
    revoke.set_defaults(func=_keys_revoke)

    export = sub.add_parser("export", help="write the whole content as one JSON bundle")
    export.add_argument("file", help="where to write the bundle")
    export.set_defaults(func=_export)

    load = sub.add_parser("import", help="load a bundle into an empty database (one transaction)")
    load.add_argument("file", help="a bundle written by `forlop export`")
    load.set_defaults(func=_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `forlop` and `python -m app`."""
    args = build_parser().parse_args(argv)
    install_session_hooks()  # CLI writes keep snapshots, audit, cache and search like the API
    try:
        return int(args.func(args))
    except AppError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
