"""Protection of the public forms against cross-site posting.

Two checks, both needed: the browser's own word on where the post comes from
(`Sec-Fetch-Site`, else `Origin`), and a signed, time-limited form token bound to what the
form is for. The token alone would not do (anyone can fetch a fresh one and post it from
their own site); the origin check alone would not cover old browsers without those headers.
"""

import hashlib
import hmac
import secrets
import time
from urllib.parse import urlsplit

from starlette.requests import Request

from app.core.config import get_settings

TOKEN_TTL_SECONDS = 6 * 3600
# Without a configured secret, one per process: forms then survive no restart and no
# second worker, which is why production sets FORLOP_FORM_SECRET (see the README).
_PROCESS_SECRET = secrets.token_bytes(32)


def _secret() -> bytes:
    configured = get_settings().form_secret
    return configured.encode() if configured else _PROCESS_SECRET


def _mac(purpose: str, stamp: int) -> str:
    msg = f"{purpose}:{stamp}".encode()
    return hmac.new(_secret(), msg, hashlib.sha256).hexdigest()[:32]


def form_token(purpose: str, *, now: float | None = None) -> str:
    """A token for one form (`purpose`, e.g. `register:12`), valid for a few hours."""
    stamp = int(now if now is not None else time.time())
    return f"{stamp}.{_mac(purpose, stamp)}"


def token_ok(token: str | None, purpose: str, *, now: float | None = None) -> bool:
    """True for an unexpired token made for this purpose by this server."""
    if not token or "." not in token:
        return False
    stamp_s, mac = token.split(".", 1)
    if not stamp_s.isdigit():
        return False
    stamp = int(stamp_s)
    age = (now if now is not None else time.time()) - stamp
    if not 0 <= age <= TOKEN_TTL_SECONDS:
        return False
    return hmac.compare_digest(mac, _mac(purpose, stamp))


def same_origin(request: Request) -> bool:
    """True unless the browser says the post comes from another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True  # no browser claim either way: the signed token decides
    if origin == "null":
        return False
    ours = urlsplit(str(request.base_url))
    theirs = urlsplit(origin)
    return (theirs.scheme, theirs.netloc) == (ours.scheme, ours.netloc)


def allowed(request: Request, token: str | None, purpose: str) -> bool:
    """Both checks: same origin and a valid token for this form."""
    return same_origin(request) and token_ok(token, purpose)
