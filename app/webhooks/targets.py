"""Where a webhook may be sent: https, no credentials in the URL, public addresses only
(unless the operator allows private ones). Checked at subscription and before each try."""

import socket

import httpx

from app.webhooks.core import forbidden_address


class TargetRefused(Exception):
    """The target may not (or cannot) be reached; the message says why, without secrets."""


def parse_target(url: str, *, allow_private: bool) -> httpx.URL:
    """The URL, once its form is acceptable."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        raise TargetRefused("The URL cannot be parsed.") from None
    schemes = ("https", "http") if allow_private else ("https",)
    if parsed.scheme not in schemes:
        raise TargetRefused("The URL must use https.")
    if not parsed.host:
        raise TargetRefused("The URL has no host.")
    if parsed.userinfo:
        raise TargetRefused("The URL may not carry a user name or password.")
    if parsed.fragment:
        raise TargetRefused("The URL may not have a fragment (#…).")
    return parsed


def resolve(url: httpx.URL) -> list[str]:
    """The addresses the URL's host resolves to; refused when it does not resolve."""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(f"The host '{url.host}' does not resolve.") from None
    return sorted({str(info[4][0]) for info in infos})


def check_target(url: str, *, allow_private: bool) -> tuple[httpx.URL, list[str]]:
    """The URL and the addresses to connect to; refused when it is malformed,
    unresolvable, or (unless allowed) any address is not public."""
    parsed = parse_target(url, allow_private=allow_private)
    addresses = resolve(parsed)
    if not allow_private:
        for address in addresses:
            why = forbidden_address(address.split("%", 1)[0])
            if why is not None:
                raise TargetRefused(
                    f"The host '{parsed.host}' resolves to {why} ({address}); "
                    "webhooks go to public addresses only."
                )
    return parsed, addresses


def pinned(url: httpx.URL, address: str) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """The request aimed at the address that was checked, not at a second DNS answer
    (DNS rebinding): URL, `Host` header, and the TLS server name to verify."""
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return url.copy_with(host=address.split("%", 1)[0]), {"host": url.netloc.decode()}, extensions
