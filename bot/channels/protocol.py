"""The JSON-lines protocol of `cpf-bot serve` (CONTRACT.md): a request in, a response out.

No streams here: `Server.handle_line` takes one line and returns the response object,
`response_line` turns it into the line to write. The pieces that do not need a store
(`start_reply`, `turn_reply`, `event_of`, `reply_json`) are shared with the Python API
(`bot.api`), so both give the same structures.

Requests, one JSON object per line, with exactly one of `start`, `answer`, `say`,
`command` beside `session`; an unknown key is a `bad_request` (a typo must not silently
drop a pre-fill), and so is an object that repeats a key (`bot.channels.strictjson`:
never "the last one wins"). A session id holding a social security number is a
`bad_session`; input quoted in a message never shows one (`bot.render.safe.quoted`). Every rejected request gets `{"session", "ok": false, "error": {"code",
"message"}}` and changes nothing; the codes are `ERROR_CODES`. Error messages are in the
session's language, else the `start.lang` of the request, else the server's language.

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
import sqlite3
import traceback
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any, Final

from bot.channels import strictjson
from bot.dates import DateCode, rules_date
from bot.dialogue.answers import Command
from bot.dialogue.definition import Dialogue
from bot.dialogue.engine import ENDED, Answer, Engine, Event, Reply, Say, cpf_engine
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from bot.privacy import contains_social_security_number
from bot.render.assessment import assessment_json
from bot.render.problems import problems_lines
from bot.render.reply import choice_labels, question_text, reply_messages
from bot.render.safe import printable, quoted, safe_message
from bot.rules import RulesDateError, earliest_date
from bot.dialogue.session import Session
from bot.rules.situation import MAX_DATE, Problem, SituationError
from bot.stores.sqlite import Store, StoredSessionError

MAX_LINE: Final = 64 * 1024  # bytes (characters for text streams) of one request line
MAX_SESSION_ID: Final = 200  # characters
KINDS: Final = ("start", "answer", "say", "command")
START_KEYS: Final = ("lang", "date", "known")
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
    "command_refused", "store_error", "internal_error",
)
_SHOWN_MAX: Final = 40  # characters of a person's input repeated in an error message
# Characters JSON leaves raw that some line readers take for line breaks.
_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class Rejected(Exception):
    """A request refused: `code` (one of ERROR_CODES, or `invalid_situation` from
    `bot.api.assess`) and a translated `message`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def to_json(self) -> dict[str, Any]:
        return {"ok": False, "error": {"code": self.code, "message": self.message}}


def rejected(code: str, lang: str, key: str, /, **params: Any) -> Rejected:
    """A Rejected whose message is the catalog sentence `key` in `lang`: printable, and
    never a social security number, whatever the parameters held."""
    tr = translator(lang)
    return Rejected(code, safe_message(tr.text(key, **params), tr.text("privacy.redacted")))


def shown(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
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


# -- replies --------------------------------------------------------------------------


def question_json(reply: Reply) -> dict[str, Any] | None:
    """The pending question: id (the situation field), kind, text, choices, optional."""
    question = reply.question
    if question is None:
        return None
    tr = translator(reply.session.lang)
    choices: list[dict[str, Any]] = []
    if question.kind == "choice":
        labels = choice_labels(question, tr)
        choices = [{"value": v, "label": printable(l)} for v, l in zip(question.choices, labels)]
    elif question.kind == "yes_no":
        choices = [{"value": True, "label": tr.text("protocol.yes")},
                   {"value": False, "label": tr.text("protocol.no")}]
    return {"id": question.field, "kind": question.kind, "text": printable(question_text(reply, tr)),
            "choices": choices, "optional": question.optional}


def reply_json(reply: Reply, dialogue: Dialogue) -> dict[str, Any]:
    """An accepted turn as the protocol's response (without its `session`)."""
    tr = translator(reply.session.lang)
    return {
        "ok": True,
        "messages": [{"kind": kind, "text": printable(text)} for kind, text in reply_messages(reply, dialogue, tr)],
        "question": question_json(reply),
        "assessment": None if reply.assessment is None else assessment_json(reply.assessment, tr),
        "ended": reply.ended,
    }


def response_line(response: Mapping[str, Any]) -> str:
    """The response as one line of JSON (no newline), readable UTF-8 whenever possible."""
    line = json.dumps(response, ensure_ascii=False).translate(_LINE_BREAKS)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escape everything instead
        line = json.dumps(response)
    return line


# -- requests -------------------------------------------------------------------------


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


def start_reply(engine: Engine, spec: object, default_lang: str, today: Callable[[], date]) -> Reply:
    """The first reply of a conversation from a `start` object (Rejected if it is invalid)."""
    if not isinstance(spec, Mapping):
        raise rejected("bad_request", default_lang, "protocol.start_not_object")
    raw_lang = spec.get("lang", default_lang)
    if raw_lang not in LANGUAGES:
        raise rejected("bad_language", default_lang, "protocol.bad_language", value=shown(raw_lang, default_lang))
    lang = str(raw_lang)
    for key in spec:
        if key not in START_KEYS:
            raise rejected("bad_request", lang, "protocol.unknown_start_key", key=shown(key, lang),
                           keys=", ".join(START_KEYS))
    raw_date = spec.get("date")
    as_of = today() if raw_date is None else rules_date(raw_date)
    if not isinstance(as_of, date):
        raise _bad_date(as_of, shown(raw_date, lang), lang)
    known = spec.get("known")
    try:
        if known is not None and not isinstance(known, Mapping):
            raise SituationError([Problem("known", "not_an_object")])
        return engine.start(lang, as_of, known or {})
    except SituationError as error:
        tr = translator(lang)
        lines = problems_lines("protocol.invalid_known", error.problems, tr)
        raise Rejected("invalid_known", printable("\n".join(lines))) from None
    except RulesDateError as error:
        raise rejected("bad_date", lang, "error.rules_date", earliest=error.earliest) from None


def _bad_date(code: DateCode, value: str, lang: str) -> Rejected:
    """`bad_date`, saying what is wrong with the date (bot.dates)."""
    if code == "too_early":
        return rejected("bad_date", lang, "error.rules_date", earliest=earliest_date())
    if code == "too_late":
        return rejected("bad_date", lang, "date.too_late", value=value, maximum=MAX_DATE)
    if code == "impossible_date":
        return rejected("bad_date", lang, "date.impossible", value=value)
    return rejected("bad_date", lang, "protocol.bad_date", value=value)


def _engine_error(reply: Reply, dialogue: Dialogue) -> str:
    tr = translator(reply.session.lang)
    said = [text for kind, text in reply_messages(reply, dialogue, tr) if kind == "error"]
    return printable(" ".join(said) or tr.text("protocol.refused"))


def turn_reply(engine: Engine, session: Session, event: Event) -> Reply:
    """One turn of a live session; Rejected if the engine refuses it or the session ended."""
    if session.state == ENDED:
        raise rejected("ended", session.lang, "protocol.ended")
    notice: tuple[Any, ...] = ()
    if session.dialogue_version != engine.dialogue.version:
        resumed = engine.resume(session)
        if resumed.session.state != session.state or resumed.ended:
            return resumed  # another question is pending now: show it rather than misapply the input
        notice, session = resumed.messages, resumed.session
    reply = engine.step(session, event)
    if not reply.accepted:
        code = "command_refused" if isinstance(event, Command) else "invalid_answer"
        raise Rejected(code, _engine_error(reply, engine.dialogue))
    return replace(reply, messages=notice + reply.messages) if notice else reply


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
    for key in data:
        if key != "session" and key not in KINDS:
            raise rejected("bad_request", lang, "protocol.unknown_key", key=shown(key, lang), kinds=", ".join(KINDS))
    kinds = [kind for kind in KINDS if kind in data]
    if not kinds:
        raise rejected("bad_request", lang, "protocol.no_kind", kinds=", ".join(KINDS))
    if len(kinds) > 1:
        raise rejected("bad_request", lang, "protocol.several_kinds", kinds=", ".join(kinds))
    return kinds[0]


def parse_line(line: str | bytes, lang: str) -> Any:
    """The JSON value of a request line; Rejected if it is too long, not UTF-8 or not JSON
    (`not_json`, NaN included), or if an object repeats a key (`bad_request`)."""
    if len(line) > MAX_LINE:
        raise rejected("line_too_long", lang, "protocol.line_too_long", max=MAX_LINE)
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise rejected("not_utf8", lang, "protocol.not_utf8", column=error.start + 1) from None
    try:
        return strictjson.loads(line.removeprefix("\ufeff"))
    except strictjson.DuplicateKey as error:  # valid JSON, but an ambiguous request
        raise rejected("bad_request", lang, "protocol.duplicate_key", key=shown(error.key, lang)) from None
    except json.JSONDecodeError as error:
        raise rejected("not_json", lang, "protocol.not_json", column=error.colno) from None
    except (ValueError, RecursionError):  # NaN, a 5000-digit number, [[[[...]]]]
        raise rejected("not_json", lang, "protocol.not_json", column=1) from None


# -- the server -----------------------------------------------------------------------


class Server:
    """Requests against a session store: `handle_line(line) -> response`, never raising.

    Each turn runs in one store transaction, committed before the response is returned,
    so a response that says `ok: true` is durable. `lang` is the language of errors that
    belong to no session; `today` gives the date of a `start` that names none; `log`
    receives the details of store failures and bugs (the response stays translated).
    """

    def __init__(self, store: Store, lang: str = "fr", today: Callable[[], date] = date.today,
                 log: Callable[[str], None] | None = None, engine: Engine | None = None) -> None:
        self.store = store
        self.lang = lang
        self.today = today
        self.log = log
        self.engine = engine or cpf_engine()

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
        try:
            if not isinstance(data, Mapping):
                raise rejected("not_an_object", self.lang, "protocol.not_an_object")
            session_id = _session_id(data, self.lang)
            kind = _kind(data, self.lang)
            body = self._start(session_id, data[kind]) if kind == "start" else self._turn(session_id, kind, data[kind])
        except Rejected as error:
            body = error.to_json()
        except sqlite3.Error:
            self._log()
            body = rejected("store_error", self.lang, "protocol.store_error").to_json()
        except Exception:  # a bug must cost one request, never the process
            self._log()
            body = rejected("internal_error", self.lang, "protocol.internal_error").to_json()
        return {"session": session_id, **body}

    def _log(self) -> None:
        if self.log is not None:
            self.log(traceback.format_exc())

    def _start(self, session_id: str, spec: Any) -> dict[str, Any]:
        reply = start_reply(self.engine, spec, self.lang, self.today)  # before the lock: pure work
        with self.store.transaction() as t:
            try:
                existing = t.get(session_id)
            except StoredSessionError:
                existing = reply.session  # unreadable, but it exists
            if existing is not None:
                return rejected("session_exists", existing.lang, "protocol.session_exists").to_json()
            t.put(session_id, reply.session)
            return reply_json(reply, self.engine.dialogue)

    def _turn(self, session_id: str, kind: str, value: Any) -> dict[str, Any]:
        with self.store.transaction() as t:
            try:
                try:
                    session = t.get(session_id)
                except StoredSessionError:
                    raise rejected("session_format", self.lang, "protocol.session_format") from None
                if session is None:
                    raise rejected("unknown_session", self.lang, "protocol.unknown_session")
                reply = turn_reply(self.engine, session, event_of(kind, value, session.lang))
                t.put(session_id, reply.session)
                return reply_json(reply, self.engine.dialogue)
            except Rejected as error:
                return error.to_json()  # commits: nothing changed, but an expired session is purged
