"""Errors over HTTP: the service's codes and the web channel's own, each with its status.

Every error reply is `{"ok": false, "error": {"code", "message"}}` (plus `turn` when the
session exists), its message a catalog sentence in the request's language. No input
gives a 500: only a bug does (`internal_error`), and a store that fails gives 503.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from starlette.responses import Response

from bot.service.requests import ERROR_CODES, Rejected, rejected

# The web channel's own codes, beside the service's ERROR_CODES.
WEB_ERROR_CODES: Final = (
    "missing_token", "bad_token", "forbidden", "not_found", "method_not_allowed",
    "too_large", "unsupported_media_type", "too_many_requests", "invalid_situation",
)
ALL_ERROR_CODES: Final = tuple(ERROR_CODES) + WEB_ERROR_CODES
STATUS: Final = {
    "missing_token": 401, "bad_token": 401, "forbidden": 403,
    "unknown_session": 404, "not_found": 404, "method_not_allowed": 405,
    "stale_turn": 409, "ended": 409, "session_exists": 409, "session_format": 409,
    "too_large": 413, "line_too_long": 413, "unsupported_media_type": 415,
    "too_many_requests": 429, "internal_error": 500, "store_error": 503,
}
STATUSES: Final = tuple(sorted({400, *STATUS.values()}))


def status_of(code: str) -> int:
    """The HTTP status of an error code: 400 (bad input) unless listed in STATUS."""
    return STATUS.get(code, 400)


def json_bytes(data: Any) -> bytes:
    """JSON as UTF-8, readable; escaped instead where a lone surrogate cannot be encoded."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, separators=(",", ":")).encode("ascii")


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(json_bytes(data), status, headers=dict(headers or {}), media_type="application/json")


def error_response(error: Rejected, extra: Mapping[str, Any] | None = None) -> Response:
    """The reply to a refusal, with the status of its code."""
    status = status_of(error.code)
    headers = {"WWW-Authenticate": 'Bearer realm="cpf-bot"'} if status == 401 else {}
    if error.code == "too_many_requests":
        headers["Retry-After"] = "1"
    return json_response({**error.to_json(), **(extra or {})}, status, headers)


def web_rejected(code: str, lang: str, key: str, /, **params: Any) -> Rejected:
    """A refusal of the web channel: `code` with the catalog sentence `key` in `lang`."""
    return rejected(code, lang, key, **params)
