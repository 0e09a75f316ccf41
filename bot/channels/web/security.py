"""What guards every request, as ASGI middleware: security headers, the access log, a
catch-all for bugs (`Guard`); a per-client rate limit and the request body cap (`Limits`).

The log has one line per request: method, the route's path template (never a session
id: ids are secrets), status and duration. Never a query string, a body or an answer.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any, Final
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.channels.web.errors import error_response, web_rejected
from bot.i18n import LANGUAGES
from bot.service.requests import rejected, shown

LOG: Final = logging.getLogger("cpf_bot.web")
BODY_METHODS: Final = frozenset({"POST", "PUT", "PATCH"})
MAX_CLIENTS: Final = 10_000  # rate-limit buckets kept before the full ones are dropped


def query_langs(scope: Scope) -> list[str]:
    """Every `lang` of the query string."""
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    return [value for name, value in parse_qsl(query, keep_blank_values=True) if name == "lang"]


def request_lang(scope: Scope, default: str) -> str:
    """The language to refuse a request in: `?lang=`, else Accept-Language, else `default`."""
    for value in query_langs(scope):
        if value in LANGUAGES:
            return value
    accept = Headers(scope=scope).get("accept-language", "")
    for item in accept.split(",")[:10]:
        code = item.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return default


def security_headers(frame_ancestors: tuple[str, ...]) -> list[tuple[bytes, bytes]]:
    """The headers of every response: a strict CSP (only our own scripts, styles and API),
    no MIME sniffing, no referrer, and framing only by the configured origins."""
    ancestors = " ".join(frame_ancestors) if frame_ancestors else "'none'"
    csp = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           f"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}")
    headers = [
        (b"content-security-policy", csp.encode("latin-1")),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    if not frame_ancestors:
        headers.append((b"x-frame-options", b"DENY"))
    return headers


class Guard:
    """The outermost layer: headers on every response, one log line per request, and a
    bug turned into an `internal_error` JSON reply instead of a dropped connection."""

    def __init__(self, app: ASGIApp, frame_ancestors: tuple[str, ...], lang: str,
                 template: Callable[[Scope], str]) -> None:
        self.app = app
        self.headers = security_headers(frame_ancestors)
        self.lang = lang
        self.template = template

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                given = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in self.headers if n not in given]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            LOG.error("internal error\n%s", traceback.format_exc())
            if status == 0:
                error = web_rejected("internal_error", request_lang(scope, self.lang), "protocol.internal_error")
                await error_response(error)(scope, receive, send_with_headers)
        finally:
            LOG.info("%s %s %d %.1fms", scope["method"], self.template(scope), status,
                     (time.perf_counter() - began) * 1000)


class Limits:
    """A token bucket per client address (`rate` requests a minute, bursts of a tenth of
    that, at least 10), then `?lang=` checked (one we do not speak is a 400), then the body cap: a body over `max_body` bytes is refused with
    413 before the application sees it, whether it says its length or not."""

    def __init__(self, app: ASGIApp, rate: int, max_body: int, lang: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.rate = rate
        self.burst = max(10.0, rate / 10)
        self.max_body = max_body
        self.lang = lang
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, time)

    def allowed(self, client: str) -> bool:
        if self.rate <= 0:
            return True
        now = self.clock()
        tokens, then = self.buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate / 60)
        if len(self.buckets) >= MAX_CLIENTS and client not in self.buckets:
            self.buckets = {c: (t, w) for c, (t, w) in self.buckets.items() if t < self.burst - 1}
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            return False
        self.buckets[client] = (tokens - 1, now)
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        if scope["path"] != "/healthz" and not self.allowed(client[0] if client else ""):
            error = web_rejected("too_many_requests", request_lang(scope, self.lang), "web.error.too_many_requests")
            await error_response(error)(scope, receive, send)
            return
        wrong = [value for value in query_langs(scope) if value not in LANGUAGES]
        if wrong:  # `?lang=` is the language of every reply: one we do not speak is refused
            lang = request_lang(scope, self.lang)
            error = rejected("bad_language", lang, "protocol.bad_language", value=shown(wrong[0], lang))
            await error_response(error)(scope, receive, send)
            return
        if scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        body = await self._body(scope, receive)
        if body is None:
            error = web_rejected("too_large", request_lang(scope, self.lang), "web.error.too_large", max=self.max_body)
            await error_response(error)(scope, receive, send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it is known to be over the cap."""
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return None
        parts: list[bytes] = []
        size = 0
        while True:
            message: Any = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            parts.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(parts)
