"""The dated parameters a question's sentences show ("the cap is {cap}"), typed for display."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.dialogue.definition import Question
from bot.rules.parameters import Parameter, parameters

if TYPE_CHECKING:
    from bot.rules.model import Placeholder


def parameter_placeholder(parameter: Parameter, on: date) -> Placeholder:
    """A parameter's value on `on` typed for display: euros, hours, days, a number or a date.

    Before the parameter existed its amount is zero (no participation before May 2024).
    """
    from bot.rules.model import Days, Hours, Money  # not for a question without figures (the first)

    found = parameter.at(on)
    value = Decimal(0) if found is None else found.value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        match parameter.unit:
            case "EUR":
                return Money(value)
            case "hours":
                return Hours(value)
            case "days":
                return Days(int(value))
    return value


@lru_cache(maxsize=4096)
def question_params(question: Question, on: date) -> Mapping[str, Any]:
    """The parameters of `question`'s sentences as in force on `on` (cached: the same
    question on the same date shows the same figures; callers must not change the dict)."""
    return {name: parameter_placeholder(parameters()[parameter], on) for name, parameter in question.params}
