"""The dates cpf-bot accepts, one range for every entry point.

Any date a person or a program gives is a real `YYYY-MM-DD` date between
`bot.rules.situation.MIN_DATE` and `MAX_DATE` (1900-01-01 to 2199-12-31: beyond them a
date is a typing mistake, and date arithmetic could overflow). A *rules date*, the date
the rules are evaluated at (`--date`, `start.date` of serve and the API, the `# date:` of
a `.dialog`, a saved session's date), also starts at the rules' earliest date
(`bot.rules.earliest_date`, 2019-01-01: the CPF in euros). Channels turn the problem's
code into their own sentence.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final, Literal

from bot.rules import earliest_date
from bot.rules.situation import MAX_DATE, Problem, check_value

DateCode = Literal["not_a_date", "impossible_date", "too_early", "too_late"]
CODES: Final[tuple[DateCode, ...]] = ("not_a_date", "impossible_date", "too_early", "too_late")


def rules_date(raw: object) -> date | DateCode:
    """The rules date `raw` (a `YYYY-MM-DD` string or a date), or why it is not one:
    `not_a_date` (not that form, or not a string), `impossible_date` (2026-02-30),
    `too_early` (before `earliest_date()`), `too_late` (after `MAX_DATE`)."""
    if isinstance(raw, datetime):  # a moment, not a day (and not comparable with one)
        return "not_a_date"
    value = check_value("as_of", raw)
    if isinstance(value, Problem):
        if value.code == "out_of_range":  # a real date, outside MIN_DATE..MAX_DATE
            given = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
            return "too_late" if given > MAX_DATE else "too_early"
        return "impossible_date" if value.code == "impossible_date" else "not_a_date"
    found: date = value
    return "too_early" if found < earliest_date() else found
