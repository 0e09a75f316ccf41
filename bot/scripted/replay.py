"""Replays a parsed dialogue script (`bot.scripted.script`) against the engine and lists what failed.

A script starts a session as the terminal does (`Engine.start(lang, date, known)`) and
feeds each `>` line as `Say(text)`. A `<` line looks in the plain-text output of the
last turn (what line mode prints: `bot.render.reply.reply_lines`, in the session's
language), case- and space-insensitively, accents significant. A `=` line reads the
contract JSON (`bot.render.assessment.assessment_json`, only the parts the lines read)
of the result the dialogue ended on: going back to a question (`modifier N`) undoes it
until the next result, quitting keeps it; numbers compare as numbers, `true` never
equals `1`.

Text is rendered only when a line needs it, and one engine serves every script, so a
replay costs about what the turns themselves cost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any, Literal

from bot.dialogue.reply import Reply, Say

from bot.dialogue.engine import Engine, cpf_engine
from bot.i18n import Translator, translator
from bot.render.assessment import PARTS, assessment_json
from bot.render.reply import reply_lines
from bot.render.safe import quoted, safe_message
from bot.rules.model import Assessment
from bot.scripted.script import Check, Expect, Script, ScriptError, Type

FailureKind = Literal["said", "figure", "not_ended", "crashed"]
EXCERPT_CHARS = 300


@dataclass(frozen=True)
class Failure:
    """One line of a script that did not hold: where, what it expected, what the bot did.

    `expected` is the `<` text, or `path: JSON` for a `=` line; `actual` is an excerpt of
    what the bot said in that turn (see `excerpt`), for a figure `path: JSON` as found in
    the assessment, for a crash the error.
    """

    path: str
    line: int
    kind: FailureKind
    expected: str
    actual: str

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


def folded(text: str) -> str:
    """Text compared case- and space-insensitively (every Unicode blank, U+00A0 and U+202F too)."""
    return " ".join(text.casefold().split())


# Lines folded once each: most of what a replay reads (questions, choices, the result's
# headings and sources) comes back in every dialogue. Bounded; pure, so shared.
FOLDED_KEPT = 4096
_folded_lines: dict[str, str] = {}


def folded_line(line: str) -> str:
    """`folded(line)`, kept for the next time the same line is said."""
    found = _folded_lines.get(line)
    if found is None:
        found = folded(line)
        if len(_folded_lines) >= FOLDED_KEPT:
            _folded_lines.clear()
        _folded_lines[line] = found
    return found


def _cut(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[:limit] + "…"


def _overlap(target: str, line: str) -> int:
    """How many characters of `target` appear, in order, in `line`."""
    matcher = SequenceMatcher(None, target, line, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def excerpt(text: str, near: str = "", limit: int = EXCERPT_CHARS) -> str:
    """What the bot said, shortened for a report.

    Short output is shown whole. Longer output (a result) keeps its first line (an error
    message comes first), the line closest to `near` (what was expected), and its last
    lines (the question, or what to type next) up to about `limit` characters.
    """
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    if sum(len(line) + 1 for line in lines) <= 2 * limit:
        return "\n".join(lines)
    keep = {0}
    if near:
        target = folded(near)
        keep.add(max(range(1, len(lines)), key=lambda i: (_overlap(target, folded(lines[i])), -i)))
    size = 0
    for i in range(len(lines) - 1, 0, -1):
        if size and size + len(lines[i]) > limit:
            break
        keep.add(i)
        size += len(lines[i]) + 1
    out: list[str] = []
    for i in sorted(keep):
        if out and i - 1 not in keep:
            out.append("…")
        out.append(_cut(lines[i], limit))
    return "\n".join(out)


def json_text(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """A JSON value on one line, cut after `limit` characters."""
    return _cut(json.dumps(value, ensure_ascii=False), limit)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def same_json(expected: Any, actual: Any) -> bool:
    """JSON equality where 500 equals 500.0 but `true` is not `1`."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    a, b = _number(expected), _number(actual)
    if a is not None or b is not None:
        return a is not None and b is not None and a == b
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(same_json(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same_json(e, a) for e, a in zip(expected, actual))
    return bool(expected == actual)


def lookup(document: Any, path: Sequence[str]) -> tuple[Any, int]:
    """The value at `path` and `len(path)`; or, when the path is not there, the last value
    found on the way and how many parts led to it."""
    value = document
    for i, part in enumerate(path):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return value, i
    return value, len(path)


class _Run:
    """One script's replay: the last output, the last assessment, the failures."""

    def __init__(self, script: Script, engine: Engine) -> None:
        self.script = script
        self.engine = engine
        self.reply: Reply | None = None
        self.said: list[str] | None = None  # its lines, rendered lazily
        self.said_folded: str | None = None  # and folded once for every `<` line of the turn
        self.assessment: Assessment | None = None
        self.assessment_lang = ""
        self.document: dict[str, Any] = {}  # the parts of its JSON object made so far
        self.failures: list[Failure] = []

    def fail(self, line: int, kind: FailureKind, expected: str, actual: str) -> None:
        self.failures.append(Failure(self.script.path, line, kind, expected, actual))

    def take(self, reply: Reply) -> None:
        self.reply, self.said, self.said_folded = reply, None, None
        if reply.assessment is not None:
            self.assessment, self.document = reply.assessment, {}
            self.assessment_lang = reply.session.lang
        elif reply.question is not None:  # back to a question: the result no longer stands
            self.assessment, self.document = None, {}

    def lines(self) -> list[str]:
        if self.said is None:
            if self.reply is None:
                return []
            tr = translator(self.reply.session.lang)
            self.said = list(reply_lines(self.reply, self.engine.dialogue, tr))
        return self.said

    def output(self) -> str:
        return "\n".join(self.lines())

    def figures(self, head: str) -> dict[str, Any] | None:
        """The assessment's JSON object, as far as a path from `head` reads it: only that
        part is made (a figure needs no text), unless `head` is no part of it."""
        if self.assessment is None:
            return None
        tr = translator(self.assessment_lang)
        if head not in PARTS:
            return assessment_json(self.assessment, tr)
        if head not in self.document:
            self.document[head] = PARTS[head](self.assessment, tr)
        return self.document

    def folded_output(self) -> str:
        if self.said_folded is None:
            # As folded(self.output()): lines are joined by a blank, which folding makes one space.
            self.said_folded = " ".join(f for f in map(folded_line, self.lines()) if f)
        return self.said_folded

    def expect(self, step: Expect) -> None:
        if folded(step.text) not in self.folded_output():
            self.fail(step.line, "said", step.text, excerpt(self.output(), near=step.text))

    def check(self, step: Check) -> None:
        document = self.figures(step.path[0])
        if document is None:
            self.fail(step.line, "not_ended", self._expected(step), excerpt(self.output()))
            return
        actual, depth = lookup(document, step.path)
        if depth < len(step.path):  # e.g. `funding.cpf_pays` when funding is null
            where = ".".join(step.path[:depth]) if depth else "assessment"
            self.fail(step.line, "figure", self._expected(step), f"{where}: {json_text(actual)}")
        elif not same_json(step.value, actual):
            self.fail(step.line, "figure", self._expected(step), f"{step.dotted}: {json_text(actual)}")

    @staticmethod
    def _expected(step: Check) -> str:
        """A `=` line as its failure shows it (written only for a failure)."""
        return f"{step.dotted}: {json_text(step.value)}"

    def run(self, default_date: date) -> list[Failure]:
        script = self.script
        line = script.first_line
        try:
            self.take(self.engine.start(script.lang, script.as_of or default_date, script.known, script.skipped))
            for step in script.steps:
                line = step.line
                match step:
                    case Type(text=text):
                        assert self.reply is not None
                        self.take(self.engine.step(self.reply.session, Say(text)))
                    case Expect():
                        self.expect(step)
                    case Check():
                        self.check(step)
        except Exception as error:  # a bug in the bot: reported on its line, the script stops there
            self.fail(line, "crashed", "", f"{type(error).__name__}: {error}")
        return self.failures


def replay(script: Script, default_date: date, engine: Engine | None = None) -> list[Failure]:
    """Every failing line of `script`, in order; empty when the whole dialogue holds.

    `default_date` is the rules date of a script without a `# date:` header.
    """
    return _Run(script, engine or cpf_engine()).run(default_date)


# -- reports ----------------------------------------------------------------------------


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.split("\n"))


def failure_text(failure: Failure, tr: Translator) -> str:
    """A failure as people read it, in the translator's language: printable, and without
    a social security number even if the script or the bot's output held one."""
    return safe_message(_failure_text(failure, tr), tr.text("privacy.redacted"))


def _failure_text(failure: Failure, tr: Translator) -> str:
    where = failure.location
    match failure.kind:
        case "said":
            head = tr.text("replay.failure.said", location=where, expected=failure.expected)
            return f"{head}\n{_indented(failure.actual)}"
        case "figure":
            return tr.text("replay.failure.figure", location=where, expected=failure.expected,
                           actual=failure.actual)
        case "not_ended":
            head = tr.text("replay.failure.not_ended", location=where, expected=failure.expected)
            return f"{head}\n{_indented(failure.actual)}"
        case "crashed":
            return tr.text("replay.failure.crashed", location=where, error=failure.actual)


def failures_text(failures: Sequence[Failure], tr: Translator) -> str:
    """Failures one after the other; an excerpt already shown just above is not repeated."""
    out: list[str] = []
    previous: Failure | None = None
    for failure in failures:
        text = failure_text(failure, tr)
        if (previous is not None and failure.kind in ("said", "not_ended") and previous.kind in ("said", "not_ended")
                and previous.actual == failure.actual):
            text = text.split("\n", 1)[0] + "\n    " + tr.text("replay.failure.same_output")
        out.append(text)
        previous = failure
    return "\n".join(out)


def malformed_text(error: ScriptError, tr: Translator) -> str:
    """A malformed script's problem, in the translator's language; what it quotes of the
    file (a line, a value) is shown safely: no escapes, no social security number."""
    placeholder = tr.text("privacy.redacted")
    params: dict[str, object] = {k: quoted(v, placeholder) for k, v in error.params.items()}
    params["location"] = error.location
    for name in ("earliest", "latest"):
        if name in params:
            params[name] = date.fromisoformat(str(error.params[name]))
    if "limit" in params:
        params["limit"] = int(str(error.params["limit"]))
    return safe_message(tr.text(f"replay.malformed.{error.code}", **params), placeholder)


MALFORMED_CODES = ("unreadable", "not_regular", "too_large", "not_utf8", "empty", "unknown_line", "unknown_header",
                   "duplicate_header", "late_header", "bad_lang", "bad_date", "impossible_date", "early_date", "late_date", "known_as_of", "unknown_field",
                   "bad_known", "bad_json", "duplicate_key", "bad_check", "unknown_path", "empty_expect", "bad_skipped")
