#!/usr/bin/env python3
"""Keep a local copy of the service map of every municipality in a health community.

    python examples/service_map_sync.py --base-url http://127.0.0.1:8000 \\
        --community bergen --out ./service-maps

The first run walks the changes feed to its end (remembering the last `seq`), then
downloads every municipality's service map. Every later run asks the feed only for what
came after that `seq`, sending the ETag of its last answer: on a quiet day that is one
request answered `304 Not Modified`. When changes arrive, only the maps they can alter
are asked for again, each with its own ETag, so a map the change did not alter costs a
`304` too. State lives in `<out>/state.json`; the script is safe to run from cron.

Standard library only (Python 3.10+), so it runs wherever Python does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

EXTENSIONS = {"json": "json", "csv": "csv", "hsds": "hsds.json", "fhir": "fhir.json"}
PAGE = 500


class Client:
    """A tiny HTTP client that counts what it costs."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.requests = 0
        self.bytes = 0

    def get(
        self, path: str, params: dict[str, Any] | None = None, etag: str | None = None
    ) -> tuple[int, bytes, str | None]:
        """(status, body, ETag); a 304 comes back with an empty body."""
        query = "?" + urllib.parse.urlencode(params) if params else ""
        request = urllib.request.Request(self.base_url + path + query)
        request.add_header("Accept-Encoding", "identity")
        if etag:
            request.add_header("If-None-Match", etag)
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
                self.bytes += len(body)
                return response.status, body, response.headers.get("ETag")
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return 304, b"", error.headers.get("ETag") or etag
            detail = error.read().decode("utf-8", "replace")
            raise SystemExit(f"GET {path}{query} failed: {error.code} {detail}") from None

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return json.loads(self.get(path, params)[1])


def municipalities(client: Client, community: str) -> list[str]:
    """Codes of the community's municipalities (every page)."""
    codes: list[str] = []
    cursor = None
    while True:
        params = {"parent": community, "kind": "municipality", "limit": PAGE}
        if cursor:
            params["cursor"] = cursor
        page = client.get_json("/v1/localities", params)
        codes += [item["code"] for item in page["items"]]
        cursor = page.get("next_cursor")
        if not cursor:
            return sorted(codes)


def follow_feed(client: Client, state: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Changes after the stored seq; None when the feed answered 304 (nothing new)."""
    changes: list[dict[str, Any]] = []
    etag = state.get("feed_etag")
    while True:
        params = {"after": state.get("seq", 0), "limit": PAGE}
        status, body, new_etag = client.get("/v1/changes", params, etag)
        if status == 304:
            return changes or None
        page = json.loads(body)
        changes += page["items"]
        state["seq"] = page["next_after"]
        if not page["items"]:
            # The answer for "nothing after seq": next run sends its ETag and gets a 304.
            state["feed_etag"] = new_etag
            return changes
        etag = None


def affected(changes: list[dict[str, Any]], state: dict[str, Any]) -> set[str]:
    """Municipalities whose service map a batch of changes may alter."""
    everyone = set(state["municipalities"])
    above = set(state["chain"])
    hit: set[str] = set()
    for change in changes:
        where = change.get("locality")
        if where is None or where in above:
            return everyone  # catalogue, pathway metadata, or a layer above every municipality
        if where in everyone:
            hit.add(where)
    return hit


def fetch_map(client: Client, state: dict[str, Any], out: Path, code: str, args: Any) -> bool:
    """Download one service map unless the stored ETag is still current; True if it changed."""
    maps = state.setdefault("maps", {})
    known = maps.get(code, {})
    params = {"format": args.format, "lang": args.lang}
    path = f"/v1/localities/{code}/service-map"
    status, body, etag = client.get(path, params, known.get("etag"))
    if status == 304:
        return False
    target = out / f"service-map-{code}.{EXTENSIONS[args.format]}"
    target.write_bytes(body)
    maps[code] = {"etag": etag, "file": target.name}
    return True


def save(state: dict[str, Any], path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def run(args: argparse.Namespace) -> dict[str, Any]:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / "state.json"
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    client = Client(args.base_url)
    first_run = "seq" not in state or state.get("community") != args.community
    if first_run:
        state = {"community": args.community, "seq": 0}
        # Find the end of the feed first: anything committed after it is seen next run.
        follow_feed(client, state)
        state["chain"] = client.get_json(f"/v1/localities/{args.community}")["chain"]
        state["municipalities"] = municipalities(client, args.community)
        todo = set(state["municipalities"])
        feed = "initial"
    else:
        changes = follow_feed(client, state)
        feed = "304" if changes is None else f"{len(changes)} changes"
        changes = changes or []
        if any(c.get("entity") == "locality" for c in changes):
            state["municipalities"] = municipalities(client, args.community)
        todo = affected(changes, state)
    changed = sorted(code for code in sorted(todo) if fetch_map(client, state, out, code, args))
    save(state, state_path)
    return {
        "feed": feed,
        "seq": state["seq"],
        "checked": sorted(todo),
        "changed": changed,
        "requests": client.requests,
        "bytes": client.bytes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--community", required=True, help="health community code, e.g. bergen")
    parser.add_argument("--out", default="service-maps", help="folder for maps and state.json")
    parser.add_argument("--format", choices=sorted(EXTENSIONS), default="json")
    parser.add_argument("--lang", choices=["nb", "nn"], default="nb")
    summary = run(parser.parse_args(argv))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
