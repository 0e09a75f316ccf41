"""How a refused answer is said: its catalog message and the values it shows, in the terms
of the pending question.

- A number refused gets an example of what the question counts (`answer.not_a_number.<unit>`),
  and a number that must be more than 0 says so in that unit (`answer.not_positive.<unit>`).
- A range is shown in the question's unit: money, hours, months or years ("entre 0 € et
  1 000 000 000 €", "entre 14 ans et 120 ans"); a range whose minimum is excluded (a length:
  more than 0) says so (`answer.out_of_range.exclusive`: "de plus de 0 mois et d'au plus
  120 mois"); a range of dates has its own sentence (`answer.out_of_range.date`:
  "entre le 1er janvier 1900 et le 31 décembre 2199"), from the rules date for a question
  that plans something (an earlier date is refused anyway).
- An amount in euros where the account counts hours (or the reverse) at the balance says
  what the account counts in (`answer.counts_in_hours.balance`).
- Every error of a date question gives an example date it accepts, derived from the rules
  date (`bot.dialogue.params.date_examples`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

from bot.dialogue.definition import Question
from bot.dialogue.params import date_examples
from bot.dialogue.reply import Shown
from bot.i18n import Months, Years
from bot.rules.situation import FIELDS

DATE_CODES: Final = frozenset({"not_a_date", "impossible_date", "out_of_range", "before_rules_date"})
BY_UNIT: Final = frozenset({"not_a_number", "not_positive"})  # a sentence per unit (`UNITS`)


def refusal(question: Question | None, code: str, params: Mapping[str, Any], as_of: date,
            unit: str = "") -> tuple[str, dict[str, Any]]:
    """The message key and params of the refusal `code` (with its `params`) at `question`, on
    the rules date `as_of`; `unit` is what the answer counts when not the question's own
    (a balance kept in hours)."""
    shown = dict(params)
    if question is None:
        return f"answer.{code}", shown
    from bot.dialogue.interpret.errors import UNIT_CODES  # a refusal comes after the first question

    if code in UNIT_CODES and question.follows_account:  # what the account counts in: the balance's own words
        return f"answer.{code}.{question.field}", shown
    unit = unit or question.unit
    if "candidates" in shown:
        # Each candidate by its label in the question as asked (a public agent's own labels).
        asked = "hours" if question.variant == "in_hours" else ""
        version = "" if asked else question.variant
        shown["candidates"] = tuple(Shown(question.field, v, asked, version) for v in shown["candidates"])
    if question.kind == "date":
        key = "answer.out_of_range.date" if code == "out_of_range" else f"answer.{code}"
        if code == "out_of_range" and question.from_rules_date:
            shown["minimum"] = as_of  # the earliest date such a question accepts
        return key, {**shown, **date_examples(as_of)} if code in DATE_CODES else shown
    if code in BY_UNIT and unit:
        return f"answer.{code}.{unit}", shown
    if code == "out_of_range":
        shown = {name: _quantity(value, unit) if name in ("minimum", "maximum") else value
                 for name, value in shown.items()}
        if FIELDS[question.field].positive:  # "more than 0": the minimum is not an answer
            return "answer.out_of_range.exclusive", shown
    return f"answer.{code}", shown


def _quantity(value: Any, unit: str) -> Any:
    """A bound in the unit of the question: euros, hours, months, years (an age too), else
    a plain number."""
    if not isinstance(value, Decimal | int):
        return value
    from bot.rules.model import Hours, Money  # a refusal comes after the first question

    match unit:
        case "money":
            return Money(Decimal(value))
        case "hours":
            return Hours(Decimal(value))
        case "months":
            return Months(value)
        case "years" | "age":
            return Years(value)
    return value
