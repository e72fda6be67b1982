"""Fuzzing from the contract: every operation of openapi/openapi.json on a live server.

Each operation is fuzzed three ways: schema-valid data (random path values, mostly 404s),
schema-invalid data, and schema-valid data on the paths of the demo data (real codes and
ids, so the requests reach the use-cases). Every generated request is sent twice, with no
key and with an admin key: generating is half the cost, and both see the same requests.
"""

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import CHECKS as CHECKS_REGISTRY
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok
from schemathesis.specs.openapi import checks as openapi_checks
from sqlmodel import Session

from app.core.config import ROOT, get_settings
from app.core.db import get_engine
from tests import contents
from tests.demo_cli import known_values, path_values
from tests.factories import make_key

# Each run starts from a copy of a database `forlop seed --demo` filled once.
pytestmark = [pytest.mark.fuzz, pytest.mark.db_content("demo-cli")]

# Every check schemathesis has; its OpenAPI checks register themselves when imported.
assert openapi_checks
CHECKS = CHECKS_REGISTRY.get_all()
assert len(CHECKS) >= 14, [c.__name__ for c in CHECKS]
# Schema-valid requests may still be refused where the contract cannot say why in JSON Schema:
# a precondition on the resource's current state (412 outdated If-Match, 428), and rules across
# fields or rows (end after start, a municipality's code is its four digits, a code that must
# name an existing service type, an opaque cursor that must be one we handed out): 422; and
# an uploaded file that is not the workbook it claims to be: 415.
EXPECTED = ["2xx", "3xx", "401", "403", "404", "409", "412", "415", "422", "428", "429", "5xx"]
# The event pages' forms (app/events/pages) carry a form token the page handed out: like an
# ETag for If-Match, a precondition JSON Schema cannot state, refused with the documented 400
# page when it is missing, forged or stale.
FORM_POSTS = ["post_registration_page", "post_cancel_page", "post_feedback_page"]
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {"positive_data_acceptance": {"expected-statuses": EXPECTED}},
        "operations": [
            {
                "include-operation-id": FORM_POSTS,
                "checks": {"positive_data_acceptance": {"expected-statuses": [*EXPECTED, "400"]}},
            }
        ],
    }
)
# Stateful runs: scenarios per key, calls per scenario (bounded like the passes below).
STATEFUL_SCENARIOS = 15
STATEFUL_STEPS = 6
# (label, generation mode, use the demo's path values, examples per operation). Bounded so
# one backend takes about a minute on two cores; derandomized so CI repeats itself.
PASSES = [
    ("random", GenerationMode.POSITIVE, False, 4),
    ("invalid", GenerationMode.NEGATIVE, False, 2),
    ("demo", GenerationMode.POSITIVE, True, 4),
]


@dataclass
class LiveServer:
    url: str
    admin_token: str
    known: dict[str, Any]


@pytest.fixture
def live_server(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    """The app served by uvicorn on a free loopback port, over the demo data."""
    # Random bearer tokens would soon block the client; the limit has its own tests.
    monkeypatch.setenv("FORLOP_RATE_LIMIT_FAILED_AUTH", "0")
    get_settings.cache_clear()
    with Session(get_engine()) as session:
        token = make_key(session, role="admin", name="fuzz-admin")
        known = known_values(session)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port: safe under xdist
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(contents.app(), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", token, known)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _fuzz(
    operation: APIOperation,
    *,
    mode: GenerationMode,
    examples: int,
    path_parameters: dict[str, Any] | None,
    base_url: str,
    keys: dict[str, dict[str, str]],
    http: requests.Session,
) -> str | None:
    """Fuzz one operation in one pass; the failure text, or None."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the report has the request
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def run(case: Case) -> None:
        for who, headers in keys.items():
            try:
                case.call_and_validate(
                    base_url=base_url, session=http, headers=headers, checks=CHECKS, timeout=30
                )
            except BaseException as exc:
                exc.add_note(f"[sent {who}]")
                raise

    try:
        run()
    except Unsatisfiable:  # nothing to break: no parameters and no body (negative mode)
        return None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # collect every operation's failure (groups too), then report
        return "\n".join([f"{type(exc).__name__}: {exc}", *getattr(exc, "__notes__", [])])
    return None


def test_contract_fuzz(live_server: LiveServer) -> None:
    """No 5xx, only documented status codes, content types and bodies, with and without a key."""
    schema = schemathesis.openapi.from_path(ROOT / "openapi" / "openapi.json", config=CONFIG)
    keys = {
        "anonymous": {},
        "admin": {"Authorization": f"Bearer {live_server.admin_token}"},
    }
    failures: list[str] = []
    started = time.monotonic()
    operations = 0
    with requests.Session() as http:
        for result in schema.get_all_operations():
            assert isinstance(result, Ok), f"the contract has a broken operation: {result}"
            operation = result.ok()
            operations += 1
            for label, mode, demo, examples in PASSES:
                demo_values = path_values(operation.path, live_server.known) if demo else None
                if demo and not demo_values:
                    continue  # no path parameters: the random pass covered it
                failure = _fuzz(
                    operation,
                    mode=mode,
                    examples=examples,
                    path_parameters=demo_values,
                    base_url=live_server.url,
                    keys=keys,
                    http=http,
                )
                if failure is not None:
                    failures.append(f"--- {operation.label} [{label}]\n{failure}")
    elapsed = time.monotonic() - started
    assert operations >= 80, "the contract lost operations: is openapi/openapi.json complete?"
    assert not failures, f"{len(failures)} failures in {elapsed:.0f}s:\n" + "\n".join(failures)


def test_contract_stateful(live_server: LiveServer) -> None:
    """The stateful phase: sequences of calls along the links between operations (what one
    answer names, the next request uses), every check, with and without a key."""
    schema = schemathesis.openapi.from_path(ROOT / "openapi" / "openapi.json", config=CONFIG)
    keys = {
        "anonymous": {},
        "admin": {"Authorization": f"Bearer {live_server.admin_token}"},
    }
    failures: list[str] = []
    calls: dict[str, int] = {}
    for who, key in keys.items():
        calls[who] = 0

        class Machine(schema.as_state_machine()):  # type: ignore[misc]
            caller, headers = who, key

            def get_call_kwargs(self, case: Case) -> dict[str, Any]:
                calls[self.caller] += 1
                return {"base_url": live_server.url, "headers": self.headers, "timeout": 30}

            def validate_response(self, response: Any, case: Case, **kwargs: Any) -> None:
                case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs or None)

        try:
            Machine.run(
                settings=settings(
                    max_examples=STATEFUL_SCENARIOS,
                    stateful_step_count=STATEFUL_STEPS,
                    deadline=None,
                    derandomize=True,
                    database=None,
                    phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck),
                    report_multiple_bugs=False,
                )
            )
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            failures.append(f"--- [{who}] {type(exc).__name__}: {exc}")
    assert not failures, "\n".join(failures)
    # Scenarios of several linked calls, not single requests.
    assert all(n >= 2 * STATEFUL_SCENARIOS for n in calls.values()), calls
