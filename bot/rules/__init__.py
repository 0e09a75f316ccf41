"""The rules core: a person's answers and a date in, the CPF assessment out.

`assess` is a pure function (no I/O, no clock, no language). It reads the answers only
through `Facts`, and only where a rule needs them for this person, in interview order:
the order of the dialogue's questions (dialogs/cpf.toml; tests/test_rules_properties.py
keeps the list).
`Assessment.relevant` lists what was read and `Assessment.missing` what was read but not
answered, so a dialogue can ask the first missing field and call `assess` again.
An incomplete situation never raises: standard, conservative defaults stand in.

Modules, in evaluation order: account (who has an account), credit (yearly credit and
cap), balance, training (eligibility and per-training cap), participation (flat
participation and exemptions), funding (what the CPF pays), employer (agreement and
notice), next_steps (general next steps). Amounts, dates and regime switches come from a
`ParameterSet` (by default the product's parameters.toml), which travels on the `Trace`.
They are imported with `bot.rules.evaluate` at the first assessment: importing this
package costs only the parameters, so a start-up that asks the first question (or checks
a rules date) creates none of the rules' classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from bot.rules.parameters import ParameterSet, ParameterTypeError, product_parameters

if TYPE_CHECKING:
    from bot.rules.model import Assessment

__all__ = ["NOTHING_KNOWN_MISSING", "ParameterSet", "RulesDateError", "assess", "check_date", "earliest_date"]

# What the rules read of a situation with no answer at all: the main situation and nothing
# else (every rule starts from it: nothing can be said before it). So the first question
# needs no evaluation; tests/test_rules_relevance.py checks it on every date that matters.
NOTHING_KNOWN_MISSING: Final = ("status",)


class RulesDateError(ValueError):
    """The rules date is before the earliest date these rules answer for."""

    def __init__(self, as_of: date, earliest: date) -> None:
        super().__init__(f"rules date {as_of.isoformat()} is before {earliest.isoformat()}, "
                         "the earliest date the rules support")
        self.as_of = as_of
        self.earliest = earliest


def earliest_date(parameters: ParameterSet | None = None) -> date:
    """The first date the rules can be evaluated at (the CPF in euros)."""
    found = (parameters or product_parameters()).at("rules.earliest_date", date.max)
    if not isinstance(found.value, date):  # as `bot.rules.trace.day` checks it
        raise ParameterTypeError(f"parameter {found.name} is not a date: {found.value!r}")
    return found.value


def check_date(as_of: date, parameters: ParameterSet | None = None) -> None:
    """RulesDateError when the rules cannot answer for `as_of`: before `earliest_date`."""
    earliest = earliest_date(parameters)
    if as_of < earliest:
        raise RulesDateError(as_of, earliest)


def assess(answers: Mapping[str, Any], as_of: date, parameters: ParameterSet | None = None) -> Assessment:
    """The assessment of validated answers (see bot.rules.situation) on the date `as_of`,
    with the product's parameters or another set (a draft, next year's amounts)."""
    from bot.rules.evaluate import evaluate

    return evaluate(answers, as_of, parameters)
