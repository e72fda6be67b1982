"""Pause points for tests that kill the server at a moment they choose.

A reliability test sets `FORLOP_TEST_PAUSE_AT=<point>=<marker file>` in the environment of
the server it starts; when a request reaches that point, the server writes the marker and
holds the request there until the test kills the process. Without the variable (every
real deployment) a pause point is one dictionary lookup and does nothing.
"""

import os
import time
from pathlib import Path

PAUSE_ENV = "FORLOP_TEST_PAUSE_AT"


def pause_point(name: str) -> None:
    """Hold here for good when the test-only variable names this point."""
    spec = os.environ.get(PAUSE_ENV)
    if not spec:
        return
    point, _, marker = spec.partition("=")
    if point != name or not marker:
        return
    Path(marker).write_text(f"{os.getpid()}\n", encoding="utf-8")
    while True:  # the test kills the process; nothing after this point may run
        time.sleep(1)
