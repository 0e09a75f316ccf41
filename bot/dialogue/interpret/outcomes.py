"""What an input means: the closed union `Interpretation` that `interpret()` returns.

`Command` (a request about the conversation), `Value` (an answer, typed and checked
against the situation schema), `Ambiguous` (a number that reads two ways, both valid),
`DontKnow`, or `Refused` (with the code of the catalog message `answer.<code>` and its
params).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from bot.dialogue.interpret.commands import Command
from bot.dialogue.interpret.errors import ERROR_CODES
from bot.rules.situation import PROBLEM_CODES

# Every code a `Refused` can carry: the parsers' codes, a fractional number for a whole-number
# question, the schema's own checks (ranges, dates), a social security number, and an answer
# when no question is pending.
REFUSAL_CODES: Final = ERROR_CODES | {"not_whole", "no_social_security_number", "no_question"} | (
    set(PROBLEM_CODES) - {"not_an_object", "unknown_field", "required"})


@dataclass(frozen=True)
class Value:
    """An answer to the pending question: a choice's value (str), a bool, an int for a
    whole-number field, a Decimal or a date, already valid for the situation schema."""

    value: Any


@dataclass(frozen=True)
class Ambiguous:
    """A number whose lone separator reads two ways ("1,200"), both valid answers: the
    reading of the session's language first. The engine asks which was meant."""

    readings: tuple[Any, Any]


@dataclass(frozen=True)
class DontKnow:
    """The whole input says "I don't know"; the engine decides if the question allows it."""


@dataclass(frozen=True)
class Refused:
    """An input that cannot be taken; `code` is in `REFUSAL_CODES`, `params` fill its message
    (`ambiguous_choice` has the candidate values under "candidates")."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


Interpretation = Command | Value | Ambiguous | DontKnow | Refused
