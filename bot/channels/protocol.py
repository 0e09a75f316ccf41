"""The JSON-lines wire format of `cpf-bot serve` (CONTRACT.md): a request line in, a
response object out. The conversations themselves are the service's (`bot.service`).

Requests, one JSON object per line, with exactly one of `start`, `answer`, `say`,
`command` beside `session` (and, for a turn, an optional `turn`: see "Safe retries");
an unknown key is a `bad_request` (a typo must not silently drop a pre-fill). Every
rejected request gets `{"session", "ok": false, "error": {"code", "message"}}` and
changes nothing; the codes are `ERROR_CODES`. Error messages are in the session's
language, else the `start.lang` of the request, else the server's language.

Decisions where the contract is silent:
- `start` on a live session id is `session_exists` (ids are the host's; never overwritten).
  `start` keys: `lang` (default: the server's), `date` (default: today), `known`.
- A turn on a session that ended (`end`) is `ended`; the session is kept until it expires.
- `command` also accepts "help" and "why" (the help texts, as typed commands give).
- A rejected `answer` or `say` is `invalid_answer`, a rejected command `command_refused`
  ("back" at the first question), both with the engine's own message.
- A session stored by an older dialogue version resumes: the notice comes first; if the
  pending question is no longer the same, the input is not applied and the new question
  is shown instead (ok: true). An unknown stored format is `session_format`.
- Responses also carry `"ended": bool` (true once the conversation is over).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from bot.io import jsontext, strictjson
from bot.privacy import contains_social_security_number
from bot.render.json_view import reply_json
from bot.service.requests import ERROR_CODES, Rejected, rejected, request_kind, shown
from bot.service.stored import StoredConversations

__all__ = ["ERROR_CODES", "MAX_LINE", "Server", "parse_line", "response_line"]

MAX_LINE: Final = 64 * 1024  # bytes (characters for text streams) of one request line
MAX_SESSION_ID: Final = 200  # characters
KINDS: Final = ("start", "answer", "say", "command")
# Characters JSON leaves raw that some line readers take for line breaks.
_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def response_line(response: Mapping[str, Any]) -> str:
    """The response as one line of compact JSON (no newline), readable UTF-8 whenever possible."""
    line = jsontext.utf8_dumps(response)
    if line is None:
        line = jsontext.dumps(response)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: escape everything instead
            return json.dumps(response)
    if "\u0085" in line or "\u2028" in line or "\u2029" in line:
        line = line.translate(_LINE_BREAKS)
    return line


def parse_line(line: str | bytes, lang: str) -> Any:
    """The JSON value of a request line; Rejected if it is too long, not UTF-8 or not JSON
    (`not_json`, NaN included), or if an object repeats a key (`bad_request`: valid JSON,
    but an ambiguous request; never "the last one wins")."""
    if len(line) > MAX_LINE:
        raise rejected("line_too_long", lang, "protocol.line_too_long", max=MAX_LINE)
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise rejected("not_utf8", lang, "protocol.not_utf8", column=error.start + 1) from None
    try:
        return strictjson.loads(line.removeprefix("\ufeff"))
    except strictjson.DuplicateKey as error:
        raise rejected("bad_request", lang, "protocol.duplicate_key", key=shown(error.key, lang)) from None
    except json.JSONDecodeError as error:
        raise rejected("not_json", lang, "protocol.not_json", column=error.colno) from None
    except (ValueError, RecursionError):  # NaN, a 5000-digit number, [[[[...]]]]
        raise rejected("not_json", lang, "protocol.not_json", column=1) from None


def _session_id(data: Mapping[str, Any], lang: str) -> str:
    if "session" not in data or data["session"] is None:
        raise rejected("missing_session", lang, "protocol.missing_session")
    value = data["session"]
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_SESSION_ID or not value.isprintable():
        raise rejected("bad_session", lang, "protocol.bad_session", max=MAX_SESSION_ID)
    if contains_social_security_number(value):  # it would be stored, and repeated in every response
        raise rejected("bad_session", lang, "protocol.private_session_id")
    return value


def _kind(data: Mapping[str, Any], lang: str) -> str:
    kind = request_kind(data, KINDS, ("session", "turn"), lang)
    if kind == "start" and "turn" in data:
        raise rejected("bad_request", lang, "protocol.unknown_key", key="turn", kinds=", ".join(KINDS))
    return kind


class Server:
    """Request lines against stored conversations: `handle_line(line) -> response`, never raising."""

    def __init__(self, conversations: StoredConversations) -> None:
        self.conversations = conversations
        self.lang = conversations.lang

    def handle_line(self, line: str | bytes) -> dict[str, Any]:
        try:
            data = parse_line(line, self.lang)
        except Rejected as error:
            return {"session": None, **error.to_json()}
        return self.handle(data)

    def line_too_long(self) -> dict[str, Any]:
        """The response to a line the reader cut short because it was over MAX_LINE."""
        return {"session": None, **rejected("line_too_long", self.lang, "protocol.line_too_long", max=MAX_LINE).to_json()}

    def handle(self, data: Any) -> dict[str, Any]:
        """The response to one request (the JSON value of a line)."""
        session_id: str | None = None
        conversations = self.conversations
        try:
            if not isinstance(data, Mapping):
                raise rejected("not_an_object", self.lang, "protocol.not_an_object")
            session_id = _session_id(data, self.lang)
            kind = _kind(data, self.lang)
            if kind == "start":
                reply = conversations.start(session_id, data[kind])
            else:
                reply = conversations.turn(session_id, kind, data[kind], data.get("turn"))
            body = reply_json(reply, conversations.engine.dialogue)
        except Rejected as error:
            body = error.to_json()
        return {"session": session_id, **body}
