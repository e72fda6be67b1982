"""The `fuzz` marker: contract fuzzing against a live server (slow-ish, bounded)."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fuzz: schemathesis against openapi/openapi.json on a live server (about a minute)",
    )
