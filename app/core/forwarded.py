"""Forwarded headers, trusted only from the proxies the operator names.

`X-Forwarded-For` and `X-Forwarded-Proto` are whatever the sender wrote. Only when the
connection comes from an address in `FORLOP_FORWARDED_ALLOW_IPS` (or uvicorn's
`FORWARDED_ALLOW_IPS`; default: none) does the client address become the first hop,
from the right, that is not one of those proxies. Everything downstream (rate limits,
logs) then reads the client from the ASGI scope and never parses the headers itself.
"""

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def trusted_proxies(setting: str) -> list[str]:
    """The addresses, networks (CIDR) or `*` named in the setting, in order."""
    return [part.strip() for part in setting.split(",") if part.strip()]


def install_forwarded_headers(app: FastAPI, setting: str) -> None:
    """Honour forwarded headers from the named proxies only; none named, none honoured.

    Added last, so it runs first: every other layer sees the client it computes."""
    proxies = trusted_proxies(setting)
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
