"""API keys, roles and scopes: who may do what, decided in one place."""

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session

from app.core.db import SessionDep
from app.core.errors import Forbidden, Unauthorized
from app.core.observability import set_actor
from app.core.ratelimit import record_failed_auth, refuse_blocked_auth
from app.core.write_guard import CHECKED_KEY, CheckedKey
from app.localities.lookups import chain_codes_or_404
from app.models import ApiKey, Locality
from app.models.base import ROLE_RANK, Role

TOKEN_PREFIX = "flp_"
_bearer = HTTPBearer(
    auto_error=False, scheme_name="bearer", description="An API key made with `forlop keys create`."
)


def new_token() -> str:
    """A fresh random token; shown once, stored only as its hash."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The stored form of a token (tokens are random, so a fast hash is enough)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """The key a request came with: its name, role and scope (a locality code)."""

    name: str
    role: Role
    scope: str | None

    def covers(self, chain: Sequence[str]) -> bool:
        """True when the key's scope is the target locality or one of its ancestors."""
        return self.role is Role.admin or self.scope is None or self.scope in chain

    def has(self, role: Role, chain: Sequence[str] | None = None) -> bool:
        """True when the key has at least `role` over `chain` (None: region-wide need)."""
        if ROLE_RANK[self.role] < ROLE_RANK[role]:
            return False
        if self.role is Role.admin:
            return True
        return self.scope is None if chain is None else self.covers(chain)


# The key and its scope's code in one statement (every write asks it once).
_KEY: Any = ApiKey.__table__.c  # type: ignore[attr-defined]
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_KEY_BY_HASH = (
    sa_select(_KEY.name, _KEY.role, _KEY.token_hash, _KEY.revoked_at, _LOCALITY.code)
    .select_from(ApiKey.__table__.outerjoin(Locality.__table__, _LOCALITY.id == _KEY.locality_id))  # type: ignore[attr-defined]
    .where(_KEY.token_hash == bindparam("digest"))
)


def _lookup(session: Session, token: str) -> Principal | None:
    digest = hash_token(token)
    key = session.execute(_KEY_BY_HASH, {"digest": digest}).first()
    if key is None or key.revoked_at is not None:
        return None
    if not hmac.compare_digest(key.token_hash, digest):  # pragma: no cover - belt and braces
        return None
    return Principal(name=key.name, role=Role(key.role), scope=key.code)


def _checked(request: Request | None, token: str) -> CheckedKey | None:
    """The key the write guard checked for this request, when it is this token."""
    checked = request.scope.get(CHECKED_KEY) if request is not None else None
    return checked if checked is not None and checked.token == token else None


def get_principal(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    request: Request = None,  # type: ignore[assignment]  # None: called outside a route
) -> Principal | None:
    """The caller's key, None when anonymous; a bad token is a 401, too many of them a 429."""
    if credentials is None:
        return None
    checked = _checked(request, credentials.credentials)
    if checked is not None:  # the write guard looked it up a moment ago
        set_actor(checked.principal.name)
        return checked.principal
    refuse_blocked_auth()
    principal = _lookup(session, credentials.credentials)
    if principal is None:
        record_failed_auth()
        raise Unauthorized("The bearer token is unknown or revoked.")
    set_actor(principal.name)
    return principal


PrincipalDep = Annotated[Principal | None, Depends(get_principal)]


def authorize(principal: Principal | None, role: Role, chain: Sequence[str] | None) -> Principal:
    """Demand `role` over the locality whose chain is given (None: the whole region)."""
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    if not principal.has(role, chain):
        where = chain[-1] if chain else "the whole region"
        raise Forbidden(f"The key '{principal.name}' may not do this in {where} (needs {role}).")
    return principal


def locality_chain(session: Session, code: str) -> list[str]:
    """Codes from the region down to `code`; 404 when there is no such locality."""
    return chain_codes_or_404(session, code)


def requires(role: Role, *, locality_param: str | None = None) -> Callable[..., Principal]:
    """A dependency demanding `role`, scoped to the locality named by a path parameter."""

    def dependency(request: Request, session: SessionDep, principal: PrincipalDep) -> Principal:
        if principal is None:
            raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
        code = request.path_params[locality_param] if locality_param is not None else None
        checked = request.scope.get(CHECKED_KEY)
        if checked is not None and checked.principal is principal and checked.met == (role, code):
            return principal  # the write guard made this very check for this request
        chain = locality_chain(session, code) if code is not None else None
        return authorize(principal, role, chain)

    dependency.key_required = True  # type: ignore[attr-defined]  # read by app.core.contract
    # Read by app.core.write_guard, which answers the same 403 before the body is read.
    dependency.required = (role, locality_param)  # type: ignore[attr-defined]
    return dependency
