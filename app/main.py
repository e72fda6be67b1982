"""The application factory: middleware, error handlers and routers; nothing else."""

from fastapi import APIRouter, FastAPI
from fastapi_offline import FastAPIOffline

from app.adoptions.router import router as adoptions_router
from app.audit.router import router as audit_router
from app.cases.router import router as cases_router
from app.catalog.router import router as catalog_router
from app.changes.router import router as changes_router
from app.commit_hooks import install_session_hooks
from app.core.conditional import ConditionalGetMiddleware
from app.core.config import get_settings
from app.core.contract import install_contract
from app.core.db_errors import install_db_error_handlers
from app.core.dispatch import install_dispatch
from app.core.errors import install_error_handlers
from app.core.fastpath import install_fast_reads
from app.core.forbidden_chars import NulTextMiddleware
from app.core.forwarded import install_forwarded_headers
from app.core.metrics import observe_request
from app.core.metrics import router as metrics_router
from app.core.middleware import BodyLimitMiddleware, CorsMiddleware
from app.core.observability import RequestIdMiddleware, configure_logging
from app.core.security_headers import SecurityHeadersMiddleware
from app.core.threads import WriteSlotsMiddleware, lifespan_with_threads
from app.core.write_guard import WriteGuardMiddleware, guarded_writes, requirements
from app.events.router import router as events_router
from app.exports.fast_exports import FAST_EXPORTS
from app.exports.router import router as exports_router
from app.health.router import router as health_router
from app.index.router import router as index_router
from app.localities.router import router as localities_router
from app.maps.router import router as maps_router
from app.pathways.router import router as pathways_router
from app.proposals.router import router as proposals_router
from app.reviews.router import router as reviews_router
from app.rounds.router import router as rounds_router
from app.search.router import router as search_router
from app.texts import held_shapes
from app.texts.fast_views import FAST_READS
from app.texts.router import router as texts_router
from app.webhooks.openapi import document_webhooks
from app.webhooks.router import router as webhooks_router

API_DESCRIPTION = """
Forløp serves *samhandlingsforløp*: shared collaboration pathways for children and
young people, written once for the region and adapted locally where needed.
Errors are `application/problem+json`; lists are cursor-paged; reads send ETags.
"""


def create_app() -> FastAPI:
    """Build the ASGI app."""
    settings = get_settings()
    configure_logging(level=settings.log_level, fmt=settings.log_format)
    # Swagger UI from the assets the `fastapi-offline` package installs: no CDN, so /docs
    # works in a hospital network without internet.
    app = FastAPIOffline(
        title="Forløp API",
        version="1.0.0",
        description=API_DESCRIPTION,
        openapi_url="/v1/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        static_url="/docs/assets",
        favicon_url="/docs/assets/favicon.png",
        # Operation ids are the route functions' names unless a route sets one: stable.
        generate_unique_id_function=lambda route: route.operation_id or route.name,
        # A few threads for the routes that run in them (app/core/threads.py).
        lifespan=lifespan_with_threads(settings.worker_threads, settings.switch_interval_ms),
    )
    install_error_handlers(app)
    install_session_hooks()  # what a commit also writes: app/commit_hooks.py
    install_db_error_handlers(app)
    install_contract(app)
    document_webhooks(app)
    v1 = APIRouter(prefix="/v1")
    routers = (
        index_router,
        health_router,
        localities_router,
        catalog_router,
        pathways_router,
        adoptions_router,
        texts_router,
        changes_router,
        events_router,
        proposals_router,
        rounds_router,
        exports_router,
        maps_router,
        cases_router,
        audit_router,
        search_router,
        webhooks_router,
        reviews_router,
    )
    for router in routers:
        v1.include_router(router)
    app.include_router(v1)
    app.include_router(metrics_router)
    # Each request tries only the routes of its path's shape, not all ~90 in turn.
    install_dispatch(app, routers, "/v1")
    # Innermost: ETag, 304 and HEAD for every GET, on the body the route produced.
    app.add_middleware(ConditionalGetMiddleware)
    # Inside the body limit, which bounds what it reads.
    app.add_middleware(NulTextMiddleware)
    # Writes take one of a few slots before anything else runs for them (app/core/threads.py).
    app.add_middleware(WriteSlotsMiddleware, slots=settings.write_slots)
    # Outside the text guard: who may write answers before what was written is looked at.
    app.add_middleware(
        WriteGuardMiddleware,
        writes=guarded_writes(routers, "/v1"),
        requirements=requirements(routers, "/v1"),
        chain_codes=held_shapes.chain_codes_or_404,  # the tree as held: no query
    )
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        overrides={
            r"^/v1/review-rounds/\d+/workbook$": settings.max_upload_bytes,
            r"^/v1/events/\d+/registrations/import$": settings.max_upload_bytes,
        },
    )
    app.add_middleware(CorsMiddleware, origins=settings.cors_origins)
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost, so that every answer (413, CORS preflight, 500) carries a request id.
    app.add_middleware(
        RequestIdMiddleware,
        observe=observe_request if settings.metrics_enabled else None,
        access_log_sample=settings.access_log_sample,
    )
    # Outside even the request id: logs and limits see the client a trusted proxy named.
    install_forwarded_headers(app, settings.forwarded_allow_ips)
    # In front of everything: cached public reads answered as the full route would.
    install_fast_reads(
        app,
        (*FAST_READS, *FAST_EXPORTS),
        cors_origins=settings.cors_origins,
        observe=observe_request if settings.metrics_enabled else None,
        access_log_sample=settings.access_log_sample,
    )
    return app
