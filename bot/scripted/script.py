"""Scripted dialogues (`*.dialog`, CONTRACT.md) read into steps that keep their line numbers.

    # lang: en                     header lines, before the first dialogue line:
    # date: 2025-06-01             lang (fr|en, default fr), date (YYYY-MM-DD, default:
    # known.age: 30                the caller's date) and known.<field>: <JSON value>
    < What is your situation       the bot's output since the last `>` line contains this
    > private employee             what the person types, fed to the engine as typed
    = annual_credit: 500           the last assessment's field (dotted path) equals this JSON

Other `#` lines are comments and blank lines are ignored. In the header block a line of
the form `# word: value` (one lowercase word, or `known.<field>`) is a header and must
be a known one, so a typo such as `# dat:` is caught rather than read as a comment;
after the first dialogue line only `lang`, `date` and `known.*` are refused (too late),
any other `#` line is a comment. Anything wrong raises `ScriptError`, naming the file,
the line and a problem code that `bot.scripted.replay.malformed_text` translates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from bot.io import files, strictjson
from bot.dialogue.definition import cpf_dialogue
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.render.schema import assessment_schema
from bot.dates import rules_date
from bot.rules.situation import FIELDS, MAX_DATE, Problem, check_value, to_json_value

# The assessment's keys, and the keys of its objects and list items: from its one schema.
_SHAPE: Mapping[str, Any] = assessment_schema()["properties"]
OBJECT_KEYS: Mapping[str, tuple[str, ...]] = {
    key: tuple(spec["properties"]) for key, spec in _SHAPE.items() if "properties" in spec
}
LIST_ITEM_KEYS: Mapping[str, tuple[str, ...]] = {
    key: tuple(spec["items"].get("properties", ())) for key, spec in _SHAPE.items() if spec.get("type") == "array"
}
PLAIN_KEYS = tuple(key for key in _SHAPE if key not in OBJECT_KEYS and key not in LIST_ITEM_KEYS)
ASSESSMENT_KEYS = tuple(_SHAPE)

HEADER = re.compile(r"#\s*([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]*)*)\s*:(?!//)(.*)\Z")  # "# https://…" is a comment


class ScriptError(ValueError):
    """A malformed dialogue file: where, and what is wrong (a `code` with `params`)."""

    def __init__(self, path: str, line: int, code: str, params: Mapping[str, str] | None = None,
                 lang: str | None = None) -> None:
        params = dict(params or {})
        details = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{path}:{line}: {code}" + (f" ({details})" if details else ""))
        self.path = path
        self.line = line
        self.code = code
        self.params = params
        self.lang = lang  # the file's `# lang:` header, if read before the problem

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Expect:
    """`<`: the bot's output since the last `>` line contains `text`."""

    line: int
    text: str


@dataclass(frozen=True)
class Type:
    """`>`: what the person types."""

    line: int
    text: str


@dataclass(frozen=True)
class Check:
    """`=`: the field at `path` of the last assessment equals `value` (JSON)."""

    line: int
    path: tuple[str, ...]
    value: Any

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


Step = Expect | Type | Check


@dataclass(frozen=True)
class Script:
    """A scripted dialogue as read from its file."""

    path: str
    lang: str = DEFAULT_LANGUAGE
    as_of: date | None = None  # None: the caller's date
    known: Mapping[str, Any] = field(default_factory=dict)  # JSON values, already checked
    skipped: tuple[str, ...] = ()  # optional questions answered "I don't know" before the start
    steps: tuple[Step, ...] = ()
    # line of the first dialogue line (or 1): where problems of the start are reported
    first_line: int = 1


@cache
def _earliest() -> date:
    from bot.rules import earliest_date

    return earliest_date()


def _json(text: str) -> Any:
    """A JSON value; NaN, infinities are refused. Raises ValueError (strictjson.DuplicateKey
    for an object that repeats a key)."""
    try:
        return strictjson.loads(text)
    except RecursionError:
        raise ValueError("too deeply nested") from None


def check_path(dotted: str) -> tuple[str, ...] | None:
    """The parts of an assessment path, or None when the assessment has no such field."""
    parts = tuple(dotted.split("."))
    head, rest = parts[0], parts[1:]
    if head in PLAIN_KEYS:
        return parts if not rest else None
    if head in OBJECT_KEYS:
        return parts if not rest or (len(rest) == 1 and rest[0] in OBJECT_KEYS[head]) else None
    if head in LIST_ITEM_KEYS:
        if not rest:
            return parts
        index = rest[0]
        if not (index.isascii() and index.isdigit()) or len(index) > 6:
            return None
        if len(rest) == 1:
            return parts
        return parts if len(rest) == 2 and rest[1] in LIST_ITEM_KEYS[head] else None
    return None


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lang: str | None = None
        self.as_of: date | None = None
        self.known: dict[str, Any] = {}
        self.skipped: tuple[str, ...] | None = None
        self.steps: list[Step] = []

    def fail(self, line: int, code: str, **params: str) -> ScriptError:
        return ScriptError(self.path, line, code, params, self.lang)

    def header(self, n: int, name: str, value: str) -> None:
        in_header = not self.steps
        if name == "lang":
            if not in_header:
                raise self.fail(n, "late_header", name=name)
            if self.lang is not None:
                raise self.fail(n, "duplicate_header", name=name)
            if value not in LANGUAGES:
                raise self.fail(n, "bad_lang", value=value)
            self.lang = value
        elif name == "date":
            if not in_header:
                raise self.fail(n, "late_header", name=name)
            if self.as_of is not None:
                raise self.fail(n, "duplicate_header", name=name)
            self.as_of = self.date(n, value)
        elif name.startswith("known."):
            if not in_header:
                raise self.fail(n, "late_header", name=name)
            self.known_field(n, name[len("known."):], value)
        elif name == "skipped":
            if not in_header:
                raise self.fail(n, "late_header", name=name)
            if self.skipped is not None:
                raise self.fail(n, "duplicate_header", name=name)
            self.skipped = tuple(f.strip() for f in value.split(",") if f.strip())
            questions = cpf_dialogue().questions
            for f in self.skipped:
                if f not in questions or not questions[f].optional:
                    raise self.fail(n, "bad_skipped", name=f)
        elif in_header:
            raise self.fail(n, "unknown_header", name=name)
        # after the header block, any other "# word: ..." line is a comment

    def date(self, n: int, value: str) -> date:
        found = rules_date(value)
        if found == "too_early":
            raise self.fail(n, "early_date", value=value, earliest=_earliest().isoformat())
        if found == "too_late":
            raise self.fail(n, "late_date", value=value, latest=MAX_DATE.isoformat())
        if found == "impossible_date":
            raise self.fail(n, "impossible_date", value=value)
        if not isinstance(found, date):
            raise self.fail(n, "bad_date", value=value)
        return found

    def known_field(self, n: int, name: str, raw: str) -> None:
        if name == "as_of":
            raise self.fail(n, "known_as_of")
        if name not in FIELDS:
            raise self.fail(n, "unknown_field", name=name)
        if name in self.known:
            raise self.fail(n, "duplicate_header", name=f"known.{name}")
        value = self.json_value(n, raw)
        checked = check_value(name, value)
        if isinstance(checked, Problem):
            raise self.fail(n, "bad_known", name=name, value=raw)
        self.known[name] = to_json_value(checked)

    def check(self, n: int, rest: str) -> Check:
        dotted, colon, raw = rest.partition(":")
        dotted, raw = dotted.strip(), raw.strip()
        if not colon or not dotted or not raw:
            raise self.fail(n, "bad_check", text=rest)
        parts = check_path(dotted)
        if parts is None:
            raise self.fail(n, "unknown_path", path=dotted)
        return Check(n, parts, self.json_value(n, raw))

    def json_value(self, n: int, raw: str) -> Any:
        """The JSON value on line `n` (a `known.` header or a check)."""
        try:
            return _json(raw)
        except strictjson.DuplicateKey as error:
            raise self.fail(n, "duplicate_key", key=error.key) from None
        except ValueError:
            raise self.fail(n, "bad_json", value=raw) from None

    def line(self, n: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            return
        prefix, rest = stripped[0], stripped[1:].strip()
        if prefix == "#":
            if match := HEADER.match(stripped):
                self.header(n, match[1], match[2].strip())
        elif prefix == "<":
            if not rest:
                raise self.fail(n, "empty_expect")
            self.steps.append(Expect(n, rest))
        elif prefix == ">":
            self.steps.append(Type(n, rest))
        elif prefix == "=":
            self.steps.append(self.check(n, rest))
        else:
            raise self.fail(n, "unknown_line", text=stripped[:200])  # quoted shorter, once made safe

    def script(self) -> Script:
        first = self.steps[0].line if self.steps else 1
        return Script(self.path, self.lang or DEFAULT_LANGUAGE, self.as_of, dict(self.known),
                      self.skipped or (), tuple(self.steps), first)


def parse(text: str, path: str = "<dialog>") -> Script:
    """A dialogue script from its text; raises ScriptError naming `path` and the line."""
    reader = _Reader(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    # Only "\n" ends a line ("\r\n" too): other Unicode separators belong to the text.
    for n, line in enumerate(text.split("\n"), 1):
        reader.line(n, line.removesuffix("\r"))
    if not reader.steps:
        raise reader.fail(1, "empty")
    return reader.script()


def read(path: str | Path) -> Script:
    """A dialogue file, read as UTF-8; raises ScriptError (also when unreadable, not a
    regular file, or over `files.MAX_READ` bytes)."""
    name = str(path)
    try:
        raw = files.read_limited(name)
    except files.FileRefused as error:  # a device, a FIFO, over files.MAX_READ bytes
        raise ScriptError(name, 1, error.key.removeprefix("files."), {"limit": str(files.MAX_READ)}) from None
    except OSError:
        raise ScriptError(name, 1, "unreadable") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScriptError(name, raw[: error.start].count(b"\n") + 1, "not_utf8") from None
    return parse(text, name)
