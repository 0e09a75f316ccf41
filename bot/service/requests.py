"""What a channel may ask of a conversation, checked: commands by name, answers, free text.

`Rejected` is every refusal a channel shows: a code (one of `ERROR_CODES`) and a message
in the person's language; it changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

from bot.dialogue.interpret import Command
from bot.dialogue.reply import Answer, Event, Say
from bot.i18n import LANGUAGES, translator
from bot.render.safe import quoted, safe_message

COMMANDS: Final = {
    "back": Command("back"),
    "restart": Command("restart"),
    "summary": Command("summary"),
    "help": Command("help"),
    "why": Command("why"),
    "end": Command("quit"),
    **{f"lang:{lang}": Command("lang", lang) for lang in LANGUAGES},
}
ERROR_CODES: Final = (
    "not_utf8", "not_json", "line_too_long", "not_an_object", "missing_session", "bad_session",
    "bad_request", "unknown_session", "session_exists", "session_format", "ended",
    "bad_language", "bad_date", "invalid_known", "invalid_answer", "unknown_command",
    "command_refused", "stale_turn", "store_error", "internal_error",
)
_SHOWN_MAX: Final = 40  # characters of a person's input repeated in an error message


class Rejected(Exception):
    """A request refused: `code` (one of ERROR_CODES, or `invalid_situation` from
    `bot.api.assess`) and a translated `message`; `turn` is the session's current turn
    when the session exists (a client that lost a reply learns where it is)."""

    def __init__(self, code: str, message: str, turn: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.turn = turn

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"ok": False, "error": {"code": self.code, "message": self.message}}
        if self.turn is not None:
            found["turn"] = self.turn
        return found


def rejected(code: str, lang: str, key: str, /, **params: Any) -> Rejected:
    """A Rejected whose message is the catalog sentence `key` in `lang`: printable, and
    never a social security number, whatever the parameters held."""
    tr = translator(lang)
    return Rejected(code, safe_message(tr.text(key, **params), tr.text("privacy.redacted")))


def shown(value: object, lang: str) -> str:
    """A person's input, short and printable, to quote it in an error message in `lang`
    (a social security number in it is replaced by a phrase saying so)."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):  # not JSON (the API): a set, 10**5000
            text = type(value).__name__
    return quoted(text, translator(lang).text("privacy.redacted"), _SHOWN_MAX)


def request_kind(data: Mapping[str, Any], kinds: Sequence[str], others: Sequence[str], lang: str) -> str:
    """The one key of `kinds` a request holds (beside any of `others`); Rejected
    (`bad_request`) for an unknown key, none of them, or several."""
    for key in data:
        if key not in others and key not in kinds:
            raise rejected("bad_request", lang, "protocol.unknown_key", key=shown(key, lang), kinds=", ".join(kinds))
    present = [kind for kind in kinds if kind in data]
    if not present:
        raise rejected("bad_request", lang, "protocol.no_kind", kinds=", ".join(kinds))
    if len(present) > 1:
        raise rejected("bad_request", lang, "protocol.several_kinds", kinds=", ".join(present))
    return present[0]


def event_of(kind: str, value: Any, lang: str) -> Event:
    """The engine event of an `answer`, `say` or `command` request (Rejected otherwise)."""
    if kind == "answer":
        return Answer(value)
    if kind == "say":
        if not isinstance(value, str):
            raise rejected("bad_request", lang, "protocol.say_not_text")
        return Say(value)
    if isinstance(value, str) and value in COMMANDS:
        return COMMANDS[value]
    if isinstance(value, str) and value.startswith("lang:"):
        raise rejected("bad_language", lang, "protocol.bad_language", value=shown(value[5:], lang))
    raise rejected("unknown_command", lang, "protocol.unknown_command", command=shown(value, lang),
                   commands=", ".join(COMMANDS))
