"""The limit the product's reads are measured against: bare apps serving the same bytes.

    BENCH_LIMIT_DIR=<dir> uvicorn bench.limit:fastapi_app --factory    # the limit
    BENCH_LIMIT_DIR=<dir> uvicorn bench.limit:starlette_app --factory  # second line
    BENCH_LIMIT_DIR=<dir> uvicorn bench.limit:raw_app --factory        # second line
    BENCH_LIMIT_DIR=<dir> uvicorn bench.limit:fastapi_lookup_app --factory  # many URLs

`bench.views` writes, for every URL it measures, the product's answer into the directory
(`<n>.body`, and `<n>.json` with its path, media type, ETag, Cache-Control and
Content-Encoding); each app here answers that path with those bytes and headers and nothing
else: no middleware, no database, one route per URL.
"""

import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send


def _answers() -> list[tuple[str, bytes, dict[str, str], str]]:
    """(path, body, headers, media type) for every URL the harness wrote down."""
    folder = Path(os.environ["BENCH_LIMIT_DIR"])
    found = []
    for meta_file in sorted(folder.glob("*.json")):
        meta = json.loads(meta_file.read_text())
        body = meta_file.with_suffix(".body").read_bytes()
        found.append((meta["path"], body, meta["headers"], meta["media_type"]))
    return found


def _endpoint(body: bytes, headers: dict[str, str], media_type: str) -> Any:
    async def answer(request: Request) -> Response:
        return Response(body, media_type=media_type, headers=headers)

    return answer


def fastapi_app() -> FastAPI:
    """A bare FastAPI app: the limit every figure of `bench.views` is a ratio to."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    for path, body, headers, media_type in _answers():
        app.add_api_route(path, _endpoint(body, headers, media_type), methods=["GET"])
    return app


def fastapi_lookup_app() -> FastAPI:
    """A bare FastAPI app with one route that looks the path up: the limit for a mix of
    hundreds of URLs (`bench.mixed --limit`), where a route per URL would make FastAPI's
    own route matching, not the bytes, the limit."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    table = {path: (body, headers, media_type) for path, body, headers, media_type in _answers()}

    @app.get("/{path:path}")
    async def answer(path: str) -> Response:
        found = table.get("/" + path)
        if found is None:
            return Response(status_code=404)
        body, headers, media_type = found
        return Response(body, media_type=media_type, headers=headers)

    return app


def starlette_app() -> Starlette:
    """A bare Starlette app (second line)."""
    routes = [
        Route(path, _endpoint(body, headers, media_type), methods=["GET"])
        for path, body, headers, media_type in _answers()
    ]
    return Starlette(routes=routes)


def raw_app() -> Any:
    """A raw ASGI app: one dict lookup, two messages (second line)."""
    table: dict[str, tuple[list[tuple[bytes, bytes]], bytes]] = {}
    for path, body, headers, media_type in _answers():
        raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        raw += [
            (b"content-length", str(len(body)).encode()),
            (b"content-type", media_type.encode()),
        ]
        table[path] = (raw, body)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        found = table.get(scope["path"])
        if found is None:
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": found[0]})
        await send({"type": "http.response.body", "body": found[1]})

    return app
