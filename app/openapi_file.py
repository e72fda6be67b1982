"""Writes openapi/openapi.json, the published contract, from the app (`make openapi`)."""

import json
import sys
from pathlib import Path
from typing import Any

from app.core.config import ROOT

OPENAPI_PATH = ROOT / "openapi" / "openapi.json"


def current_document() -> dict[str, Any]:
    """The OpenAPI document the code describes."""
    from app.main import create_app

    return create_app().openapi()


def render(document: dict[str, Any]) -> str:
    """The stable text form: sorted keys, two-space indent, non-ASCII kept readable."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(path: Path = OPENAPI_PATH) -> None:
    """Rewrite the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(current_document()), encoding="utf-8")
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
