"""One JSON form of a session, with one version, for every place a session is kept.

The save file (`--save`), the session stores and the API's `to_dict` all hold
`encode(session)`; `decode` reads it back as strictly as a request is checked (any
damaged, hand-edited or future value raises `SessionFormatError`, never anything else).
The form carries the dialogue's version and the rules' fingerprint, so the engine
notices, the same way for every channel, that the questions or the rules changed since.

Format 1 (before `turn` and `rules_version`) is still read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any, Final

from bot.dialogue.session import SOURCES, Confirmation, Session, Source, evolve, whole
from bot.i18n import LANGUAGES
from bot.io.compiled import sha256_hex
from bot.rules.parameters import PARAMETERS_FILE
from bot.rules.situation import FIELDS, Problem, SituationError, check_value, to_json_value, validate

VERSION: Final = 2
READABLE: Final = (1, VERSION)
MAX_NAME: Final = 100  # characters of a state, dialogue name or fingerprint
MAX_COUNT: Final = 10**9  # a turn count or a dialogue version
UNITS: Final = ("", "EUR", "hours")  # a set-aside balance's unit; "": none recorded


class SessionFormatError(ValueError):
    """Not a session this version can read: damaged, hand-edited or from a newer version."""


@cache
def rules_version() -> str:
    """A fingerprint of the dated parameters: it changes whenever a rule's figure does."""
    with open(PARAMETERS_FILE, "rb") as f:
        return sha256_hex(f.read())[:12]


def encode(session: Session) -> dict[str, Any]:
    """The session as plain JSON data."""
    data = {
        "format": VERSION,
        "dialogue": session.dialogue,
        "dialogue_version": session.dialogue_version,
        "rules_version": session.rules_version,
        "lang": session.lang,
        "as_of": session.as_of.isoformat(),
        "answers": _json_values(session.answers),
        "sources": dict(session.sources),
        "skipped": list(session.skipped),
        "state": session.state,
        "turn": session.turn,
        "owner": session.owner,
        "confirming": _encode_confirmation(session.confirming),
    }
    if session.set_aside:
        data["set_aside"] = _json_values(session.set_aside)
    if session.set_aside_skipped:
        data["set_aside_skipped"] = list(session.set_aside_skipped)
    if session.set_aside_unit:
        data["set_aside_unit"] = session.set_aside_unit
    return data


_AS_THEY_ARE: Final = frozenset({str, int, bool, type(None)})  # answers whose JSON form is themselves


def _json_values(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if type(v) in _AS_THEY_ARE else to_json_value(v) for k, v in answers.items()}


def read_back(session: Session, known: Session | None = None) -> Session | None:
    """`decode(encode(session))`, made without writing and reading the JSON (a store keeps
    it beside the row it wrote, which the next turn reads back); None wherever `decode`
    would refuse it or give more than numbers written anew (then the row is read back the
    usual way). Each part is checked as `decode` checks it; tests/test_codec.py holds the
    two to the same sessions, value for value.

    `known` is a session `decode` (or this) gave: a part the turn kept from it, the very
    same object, is as `decode` reads it and is not checked again, so a turn costs what it
    changed, not the whole session. The session itself comes back when nothing would."""
    given, sources = session.answers, session.sources
    if (session.confirming is not None or sources.keys() != given.keys()
            or (session.set_aside and not session.set_aside.keys().isdisjoint(given))
            or not _SOURCES.issuperset(sources.values())):
        return None
    try:
        _name(session.state)
        _count(session.turn)
        if (known is None or not _frame_kept(session, known)) and not _frame_reads_back(session):
            return None
    except SessionFormatError:
        return None
    answers = _values_back(session.answers, known.answers if known is not None else _NONE)
    set_aside = _values_back(session.set_aside, known.set_aside if known is not None else _NONE)
    if answers is None or set_aside is None or "as_of" in answers or "as_of" in set_aside:
        return None
    if answers is session.answers and set_aside is session.set_aside and list(session.sources) == list(answers):
        return session  # decode gives sources in the answers' order: here it is already
    return evolve(session, answers=answers, set_aside=set_aside,
                  sources={name: session.sources[name] for name in answers})


_NONE: Final[Mapping[str, Any]] = {}
_SOURCES: Final = frozenset(SOURCES)


def _frame_kept(session: Session, known: Session) -> bool:
    """True if the parts of a session a turn seldom changes (all but the state, the turn
    and the answers) are the very objects of `known`."""
    return (session.lang is known.lang and session.as_of is known.as_of and session.dialogue is known.dialogue
            and session.dialogue_version is known.dialogue_version and session.rules_version is known.rules_version
            and session.owner is known.owner and session.skipped is known.skipped
            and session.set_aside_skipped is known.set_aside_skipped and session.set_aside_unit is known.set_aside_unit)


def _frame_reads_back(session: Session) -> bool:
    """True if `decode` reads the frame back as it is; raises SessionFormatError if it refuses it."""
    for name in (session.dialogue, session.rules_version, session.owner):
        _name(name)
    _count(session.dialogue_version)
    return (session.lang in LANGUAGES and session.set_aside_unit in UNITS
            and len(set(session.skipped)) == len(session.skipped) and set(session.skipped) <= FIELDS.keys()
            and len(set(session.set_aside_skipped)) == len(session.set_aside_skipped)
            and set(session.set_aside_skipped) <= FIELDS.keys() and _date(session.as_of.isoformat()) == session.as_of)


def _values_back(values: Mapping[str, Any], known: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The answers as `decode` reads them back, None if it would refuse one; the same
    mapping when every value comes back the same (a Decimal may not: JSON drops its exponent).
    A value that is the very object `known` holds under its name is not checked again."""
    changed: dict[str, Any] = {}
    for name, value in values.items():
        if name in known and known[name] is value:
            continue
        if name not in FIELDS:
            return None
        back = check_value(name, to_json_value(value))
        if isinstance(back, Problem):
            return None
        if back is not value and (type(back) is not type(value) or str(back) != str(value)):
            changed[name] = back
    return {**values, **changed} if changed else values


def _encode_confirmation(confirmation: Confirmation | None) -> dict[str, Any] | None:
    if confirmation is None:
        return None
    return {"kind": confirmation.kind, "field": confirmation.field,
            "readings": [to_json_value(v) for v in confirmation.readings]}


def _confirmation(value: object) -> Confirmation | None:
    """A pending confirmation as `encode` wrote it; its readings checked as answers."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) != {"kind", "field", "readings"}:
        raise SessionFormatError("confirming")
    kind, name, readings = value["kind"], value["field"], value["readings"]
    if kind not in ("amount", "plausible", "restart") or not isinstance(readings, list):
        raise SessionFormatError("confirming")
    expected = 0 if kind == "restart" else 1 if kind == "plausible" else 2
    if len(readings) != expected or (expected and name not in FIELDS) or (not expected and name != ""):
        raise SessionFormatError("confirming")
    try:
        checked = tuple(validate({name: v}, require_status=False, across=False)[name] for v in readings)
    except (SituationError, TypeError, ValueError, RecursionError):
        raise SessionFormatError("confirming") from None
    return Confirmation(kind, name, checked)


def _count(value: object) -> int:
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise SessionFormatError("not a count")
    return value


def _name(value: object) -> str:
    if not isinstance(value, str) or not value.isprintable() or len(value) > MAX_NAME:
        raise SessionFormatError("not a name")
    return value


def _date(value: object) -> dt.date:
    found = _rules_date(value) if isinstance(value, str) else None
    if not isinstance(found, dt.date):
        raise SessionFormatError("not a rules date")
    return found


@lru_cache(maxsize=256)
def _rules_date(text: str) -> object:
    """`rules_date` of a stored session's date, read once per date (a pure function of its
    text: a store's sessions share a few dates, and every turn reads one)."""
    from bot.dates import rules_date

    return rules_date(text)


def _sources(value: object, answers: Mapping[str, Any]) -> dict[str, Source]:
    if not isinstance(value, Mapping) or set(value) - set(answers):
        raise SessionFormatError("sources")
    found: dict[str, Source] = {}
    for name in answers:
        source = value.get(name, "person")
        if source not in SOURCES:
            raise SessionFormatError("sources")
        found[name] = source
    return found


def _skipped(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(f, str) and f in FIELDS for f in value):
        raise SessionFormatError("skipped")
    return tuple(dict.fromkeys(value))


def _unit(value: object) -> str:
    if value not in UNITS:
        raise SessionFormatError("set_aside_unit")
    return str(value)


def _set_aside(value: object, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers set aside, checked as answers are; never one of the answers themselves."""
    if value == {}:
        return {}
    if not isinstance(value, Mapping) or set(value) & set(answers) or "as_of" in value:
        raise SessionFormatError("set_aside")
    try:
        return validate(value, require_status=False, across=False)
    except (SituationError, KeyError, TypeError, ValueError, RecursionError):
        raise SessionFormatError("set_aside") from None


def decode(data: object) -> Session:
    """The session of `encode`'s output; raises SessionFormatError for anything else."""
    if not isinstance(data, Mapping) or type(data.get("format")) is not int or data["format"] not in READABLE:
        raise SessionFormatError("not a session of a known format")
    try:
        answers = validate(data["answers"], require_status=False, across=False)
    except SituationError:
        raise SessionFormatError("answers") from None
    except (KeyError, TypeError, ValueError, RecursionError):
        raise SessionFormatError("answers") from None
    answers.pop("as_of", None)
    lang = data.get("lang")
    if lang not in LANGUAGES:
        raise SessionFormatError("language")
    current = data["format"] == VERSION
    return whole(Session, {
        "lang": str(lang),
        "as_of": _date(data.get("as_of")),
        "answers": answers,
        "sources": _sources(data.get("sources", {}), answers),
        "skipped": _skipped(data.get("skipped", [])),
        "state": _name(data.get("state", "start")),
        "dialogue": _name(data.get("dialogue", "cpf")),
        "dialogue_version": _count(data.get("dialogue_version", 0)),
        "rules_version": _name(data.get("rules_version", "")) if current else "",
        "turn": _count(data.get("turn", 0)) if current else 0,
        "owner": _name(data.get("owner", "")) if current else "",
        "confirming": _confirmation(data.get("confirming")),
        "set_aside": _set_aside(data.get("set_aside", {}), answers),
        "set_aside_skipped": _skipped(data.get("set_aside_skipped", [])),
        "set_aside_unit": _unit(data.get("set_aside_unit", "")),
    })
