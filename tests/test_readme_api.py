"""The README says what the server does: every `METHOD /path` it names is an operation of the
contract (with the query parameters it shows), and every example request it gives answers,
on the demo, what the README says (2xx unless it names a status)."""

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from app.core.config import ROOT
from app.core.db import get_engine
from app.openapi_file import current_document
from app.webhooks import targets
from tests import demo_cli
from tests.factories import make_key

assert demo_cli  # registers the `demo-cli` content (`forlop seed --demo`)

pytestmark = pytest.mark.db_content("demo-cli")

README = (ROOT / "README.md").read_text(encoding="utf-8")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
# `GET/PATCH/DELETE /v1/webhooks/{id}`, `POST\n/v1/change-proposals` (a span may wrap).
_NAMED = re.compile(r"\b((?:GET|POST|PUT|PATCH|DELETE|HEAD)(?:/(?:GET|POST|PUT|PATCH|DELETE))*)"
                    r"\s+(/[^\s`]*)")  # fmt: skip
_SPAN = re.compile(r"`([^`]+)`")
# Not operations of the contract, and the README says so: served beside it.
OUTSIDE_CONTRACT = {"/metrics", "/v1/openapi.json"}
# Placeholders the README uses, as the demo fills them.
DEMO_VALUES = {"code": "4601", "locality": "4601", "slug": "angst", "pathway": "angst"}


def _prose() -> str:
    """The README without its fenced blocks (those are read as examples)."""
    return re.sub(r"^ *```.*?^ *```", "", README, flags=re.S | re.M)


def named_operations() -> list[tuple[str, str]]:
    """Every (METHOD, path with query) the README names in a code span."""
    found: list[tuple[str, str]] = []
    for span in _SPAN.findall(_prose()):
        for methods, path in _NAMED.findall(" ".join(span.split())):
            for method in methods.split("/"):
                # `/v1/event-starting-points/{nb,nn}`: one path per alternative.
                alternatives = re.search(r"\{([^}]*,[^}]*)\}", path)
                if alternatives:
                    for alt in alternatives.group(1).split(","):
                        found.append((method, path.replace(alternatives.group(0), alt)))
                else:
                    found.append((method, path.rstrip(".,;:")))
    return found


def named_paths() -> list[str]:
    """Every `/v1/…` path the README names in a code span without a method."""
    return [
        span.strip()
        for span in _SPAN.findall(_prose())
        if span.strip().startswith("/v1/") and " " not in span.strip() and "…" not in span
    ]


def _match(doc: dict[str, Any], path: str) -> tuple[str, dict[str, Any]] | None:
    """The contract's path template that `path` (placeholders or real values) is, if any."""
    segments = path.split("?")[0].rstrip("/").split("/")
    for template, item in doc["paths"].items():
        parts = template.rstrip("/").split("/")
        if len(parts) == len(segments) and all(
            t == s or (t.startswith("{") and t.endswith("}"))
            for t, s in zip(parts, segments, strict=True)
        ):
            return template, item
    return None


def test_every_named_operation_is_in_the_contract_with_its_query_parameters():
    doc = current_document()
    named = named_operations()
    assert len(named) >= 40, named  # the extraction still finds the README's operations
    wrong = []
    for method, path in named:
        if path.split("?")[0] in OUTSIDE_CONTRACT:
            continue
        found = _match(doc, path)
        op = found[1].get(method.lower()) if found else None
        if op is None:
            wrong.append(f"{method} {path}: no such operation")
            continue
        query = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
        for name in re.findall(r"[?&]([a-z_]+)=", path):
            if name not in query:
                wrong.append(f"{method} {path}: no query parameter {name!r}")
    for path in named_paths():
        if _match(doc, path) is None and path not in OUTSIDE_CONTRACT:
            wrong.append(f"{path}: no such path")
    assert not wrong, "\n".join(wrong)


def _concrete(path: str) -> str | None:
    """The path with the demo's values for its placeholders; None if it cannot be sent."""
    filled = re.sub(r"\{(\w+)\}", lambda m: DEMO_VALUES.get(m.group(1), m.group(0)), path)
    if any(c in filled for c in "{<…") or re.search(r"=(&|$)", filled):
        return None
    return filled


def curl_examples() -> list[tuple[str, str, dict[str, str], str | None]]:
    """Every curl command in the README's fenced blocks: (method, URL, headers, body)."""
    out = []
    for block in re.findall(r"^ *```[a-z]*\n(.*?)^ *```", README, flags=re.S | re.M):
        pending = ""
        for line in block.replace("\\\n", " ").splitlines():
            command = f"{pending}\n{line}" if pending else line.strip()
            if not command.startswith("curl "):
                continue
            try:
                words = shlex.split(command, comments=True)
            except ValueError:  # a quoted body that goes on over the next line
                pending = command
                continue
            pending = ""
            method, url, headers, body = "GET", "", {}, None
            i = 1
            while i < len(words):
                word = words[i]
                if word == "-X":
                    method, i = words[i + 1], i + 1
                elif word == "-H":
                    name, _, value = words[i + 1].partition(":")
                    headers[name.strip()] = value.strip()
                    i += 1
                elif word == "-d":
                    body, i = words[i + 1], i + 1
                elif not word.startswith("-"):
                    url = word
                i += 1
            out.append((method, url, headers, body))
    return out


@pytest.fixture
def admin(db_url: str) -> dict[str, str]:
    with Session(get_engine()) as session:
        return {"Authorization": f"Bearer {make_key(session, role='admin', name='readme')}"}


def test_every_example_request_answers_as_the_readme_says(client, admin, monkeypatch):
    # The webhook example's intranet host does not resolve here: say it is a public one.
    monkeypatch.setattr(targets, "resolve", lambda url: ["93.184.215.14"])
    examples = curl_examples()
    assert len(examples) >= 5, examples
    wrong = []
    for method, url, headers, body in examples:
        path = "/" + url.split("://", 1)[-1].split("/", 1)[1]
        if "Authorization" in headers:
            headers = {**headers, **admin}  # `$KEY`: a key that may do it
        r = client.request(method, path, headers=headers, content=body)
        expected = {"POST": 201, "DELETE": 204}.get(method, 200)
        if r.status_code != expected:
            wrong.append(f"curl {method} {path}: {r.status_code} {r.text[:200]}")
    sent = 0
    for method, path in named_operations():
        concrete = _concrete(path)
        if method != "GET" or concrete is None:
            continue
        sent += 1
        r = client.get(concrete, headers=admin)
        if r.status_code != 200:
            wrong.append(f"GET {concrete}: {r.status_code} {r.text[:200]}")
    assert sent >= 10
    for path in sorted(OUTSIDE_CONTRACT):
        if client.get(path).status_code != 200:
            wrong.append(f"GET {path}: not served")
    # `GET /v1/health` answers `200 {"status": "ok"}`: status and body as written.
    for path, status, body in re.findall(r"`GET (/\S+)` answers\s+`(\d{3}) (\{[^`]*\})`", README):
        r = client.get(path)
        if (r.status_code, r.json()) != (int(status), json.loads(body)):
            wrong.append(f"GET {path}: {r.status_code} {r.text[:200]}, README: {status} {body}")
    assert not wrong, "\n".join(wrong)


def test_the_extraction_reads_what_it_should():
    named = set(named_operations())
    assert ("POST", "/v1/change-proposals") in named  # wrapped over two lines
    assert {("GET", "/v1/webhooks/{id}"), ("DELETE", "/v1/webhooks/{id}")} <= named
    assert {("GET", "/v1/event-starting-points/nb"), ("GET", "/v1/event-starting-points/nn")} <= (
        named
    )
    assert Path("/v1/localities/{code}/cases").as_posix() in named_paths()
