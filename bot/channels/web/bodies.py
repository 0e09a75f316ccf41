"""JSON request bodies: the content type checked (415), then parsed as `serve` parses a
line (not UTF-8, not JSON, NaN, nesting too deep: 400). The size is capped before
(`security.Limits`)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from bot.channels.protocol import parse_line
from bot.channels.web.errors import web_rejected


def is_json_type(content_type: str | None) -> bool:
    """application/json (or any +json type), in UTF-8 if a charset is named."""
    if not content_type:
        return False
    media, *params = [part.strip().lower() for part in content_type.split(";")]
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        return False
    for param in params:
        name, _, value = param.partition("=")
        if name.strip() == "charset" and value.strip().strip('"') not in ("utf-8", "utf8"):
            return False
    return True


async def read_json(request: Request, lang: str) -> Any:
    """The request's JSON value (Rejected: unsupported_media_type, not_utf8, not_json)."""
    if not is_json_type(request.headers.get("content-type")):
        raise web_rejected("unsupported_media_type", lang, "web.error.unsupported_media_type")
    return parse_line(await request.body(), lang)
