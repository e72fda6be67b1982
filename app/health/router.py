"""Liveness and readiness for load balancers and orchestrators."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import Response

from app.core.db import get_engine
from app.core.db_errors import unavailable_response
from app.core.errors import problem_responses
from app.core.http import to_json_bytes

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready"]


@router.get(
    "/health",
    operation_id="get_health",
    summary="The process is running",
    response_model=Health,
)
async def health() -> Response:
    return Response(to_json_bytes({"status": "ok"}), media_type="application/json")


@router.get(
    "/ready",
    operation_id="get_ready",
    summary="The database answers",
    response_model=Ready,
    responses=problem_responses(503),
)
def ready() -> Response:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return unavailable_response()
    return Response(to_json_bytes({"status": "ready"}), media_type="application/json")
