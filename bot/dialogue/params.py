"""What a question's sentences show: its dated parameters ("the cap is {cap}"), typed for
display, and for a date question two writings of an example date it accepts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.dialogue.definition import DATE_EXAMPLES, Question
from bot.i18n import NumericDate
from bot.rules.parameters import Parameter, parameters
from bot.rules.situation import MAX_DATE

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


EXAMPLE_MONTHS_AHEAD = 3  # an example start leaves time to ask an employer (60 days: D6323-4)


def example_date(on: date) -> date:
    """A date to give as an example on the rules date `on`, one every date question accepts
    (a plan starts on or after `on`): the first day of the month three months after `on`'s,
    at most `MAX_DATE` (2 December 2026 gives 1 March 2027)."""
    months = on.year * 12 + on.month - 1 + EXAMPLE_MONTHS_AHEAD
    if months // 12 > MAX_DATE.year:
        return MAX_DATE
    return date(months // 12, months % 12 + 1, 1)


def date_examples(on: date) -> dict[str, Any]:
    """The example date of a date question's help and errors, in words and in digits."""
    example = example_date(on)
    written, numeric = DATE_EXAMPLES
    return {written: example, numeric: NumericDate(example)}


@lru_cache(maxsize=4096)
def question_params(question: Question, on: date) -> Mapping[str, Any]:
    """The parameters of `question`'s sentences as in force on `on` (cached: the same
    question on the same date shows the same figures; callers must not change the dict)."""
    found = {name: parameter_placeholder(parameters()[parameter], on) for name, parameter in question.params}
    return {**found, **date_examples(on)} if question.kind == "date" else found
