"""A conversation's turns on session values: start, turn, resume; Rejected for a refusal.

These functions keep nothing: the caller holds the session (the API object, a store
row, the terminal loop) and gets the next one in the reply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Final

from bot.dialogue.interpret import Command
from bot.dialogue.engine import Engine
from bot.dialogue.machine import ENDED
from bot.dialogue.reply import Event, Message, Reply
from bot.dialogue.session import Session
from bot.i18n import LANGUAGES, Translator, translator
from bot.render.problems import problems_lines
from bot.render.reply import reply_messages
from bot.render.safe import printable
from bot.dates import DateCode, rules_date
from bot.rules import RulesDateError, earliest_date
from bot.rules.situation import MAX_DATE, Problem, SituationError
from bot.service.requests import Rejected, rejected, shown

START_KEYS: Final = ("lang", "date", "known")


def as_date_value(value: object) -> object:
    """A date given as a `date` or `datetime` (from a database, say) as its ISO text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def start_reply(engine: Engine, spec: object, default_lang: str, today: Callable[[], dt.date],
                owner: str = "") -> Reply:
    """The first reply of a conversation from a `start` object (Rejected if it is invalid)."""
    if not isinstance(spec, Mapping):
        raise rejected("bad_request", default_lang, "protocol.start_not_object")
    raw_lang = spec.get("lang", default_lang)
    if not isinstance(raw_lang, str) or raw_lang not in LANGUAGES:
        raise rejected("bad_language", default_lang, "protocol.bad_language", value=shown(raw_lang, default_lang))
    lang = raw_lang
    for key in spec:
        if key not in START_KEYS:
            raise rejected("bad_request", lang, "protocol.unknown_start_key", key=shown(key, lang),
                           keys=", ".join(START_KEYS))
    raw_date = as_date_value(spec.get("date"))
    as_of = today() if raw_date is None else rules_date(raw_date)
    if not isinstance(as_of, dt.date):
        raise bad_date(as_of, shown(raw_date, lang), lang)
    known = spec.get("known")
    try:
        if known is not None and not isinstance(known, Mapping):
            raise SituationError([Problem("known", "not_an_object")])
        known = {k: as_date_value(v) for k, v in (known or {}).items()}
        reply = engine.start(lang, as_of, known)
    except SituationError as error:
        lines = problems_lines("protocol.invalid_known", error.problems, translator(lang))
        raise Rejected("invalid_known", printable("\n".join(lines))) from None
    except RulesDateError as error:
        raise rejected("bad_date", lang, "error.rules_date", earliest=error.earliest) from None
    return reply._replace(session=replace(reply.session, owner=owner)) if owner else reply


def bad_date(code: DateCode, value: str, lang: str) -> Rejected:
    """`bad_date`, saying what is wrong with the date (bot.dates)."""
    if code == "too_early":
        return rejected("bad_date", lang, "error.rules_date", earliest=earliest_date())
    if code == "too_late":
        return rejected("bad_date", lang, "date.too_late", value=value, maximum=MAX_DATE)
    if code == "impossible_date":
        return rejected("bad_date", lang, "date.impossible", value=value)
    return rejected("bad_date", lang, "protocol.bad_date", value=value)


def _engine_error(reply: Reply, engine: Engine, speak: Callable[[str], Translator]) -> str:
    """The refusal's sentences, said by `speak`'s translator of the session's language."""
    tr = speak(reply.session.lang)
    said = [text for kind, text in reply_messages(reply, engine.dialogue, tr) if kind == "error"]
    return printable(" ".join(said) or tr.text("protocol.refused"))


def check_turn(session: Session, expected: object) -> None:
    """Safe retries: a request that names a turn other than the session's is stale."""
    if expected is None:
        return
    if type(expected) is not int:
        raise rejected("bad_request", session.lang, "protocol.bad_turn")
    if expected != session.turn:
        error = rejected("stale_turn", session.lang, "protocol.stale_turn", turn=session.turn)
        error.turn = session.turn
        raise error


def turn_reply(engine: Engine, session: Session, event: Event, expected_turn: object = None,
               speak: Callable[[str], Translator] = translator) -> Reply:
    """One turn of a live session; Rejected if the engine refuses it (its message said by
    `speak`'s translator: a channel's own words), the session ended or `expected_turn` is
    not the session's turn."""
    check_turn(session, expected_turn)
    if session.state == ENDED:
        raise Rejected("ended", rejected("ended", session.lang, "protocol.ended").message, session.turn)
    notice: tuple[Message, ...] = ()
    if not engine.is_current(session):
        resumed = engine.resume(session)
        if resumed.session.state != session.state or resumed.ended:
            # another question is pending now: show it rather than misapply the input
            return resumed._replace(session=replace(resumed.session, turn=session.turn + 1))
        notice, session = resumed.messages, resumed.session
    reply = engine.step(session, event)
    if not reply.accepted:
        code = "command_refused" if isinstance(event, Command) else "invalid_answer"
        raise Rejected(code, _engine_error(reply, engine, speak), session.turn)
    return reply._replace(messages=notice + reply.messages) if notice else reply
