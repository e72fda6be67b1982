"""Security headers on every response; a strict CSP on HTML and SVG (embeds, posters, maps)."""

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Embeds and posters are self-contained HTML: inline styles, images as data: URIs, no
# scripts, no forms, nothing fetched. `frame-ancestors *` because intranets frame them.
HTML_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors *; base-uri 'none'; form-action 'none'"
)
_ALWAYS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
_CSP = b"content-security-policy"
# An SVG opened on its own is a document that may run script: it gets the same policy.
_CSP_TYPES = (b"text/html", b"image/svg+xml")
# Swagger UI loads its scripts from a CDN; the CSP would blank the page.
CSP_EXEMPT = ("/docs",)


def with_security_headers(
    raw: Iterable[tuple[bytes, bytes]], path: str, exempt: tuple[str, ...] = CSP_EXEMPT
) -> list[tuple[bytes, bytes]]:
    """The answer's headers with nosniff and Referrer-Policy, and the CSP on HTML and SVG
    (unless the answer set its own or the path is exempt)."""
    headers = list(raw)
    names = {name for name, _ in headers}
    headers += [h for h in _ALWAYS if h[0] not in names]
    if _CSP not in names and not path.startswith(exempt):
        ctype = next((v for n, v in headers if n == b"content-type"), b"")
        if ctype.startswith(_CSP_TYPES):
            headers.append((_CSP, HTML_CSP.encode()))
    return headers


class SecurityHeadersMiddleware:
    """Add nosniff and Referrer-Policy everywhere, and the CSP on HTML and SVG responses."""

    def __init__(self, app: ASGIApp, *, csp_exempt: Iterable[str] = CSP_EXEMPT) -> None:
        self.app = app
        self.exempt = tuple(csp_exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = with_security_headers(
                    message.get("headers", ()), scope["path"], self.exempt
                )
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
