"""The balance against its cap: how full the account is, and the year the cap is reached if
the yearly credit stays what it is now (both figures the rules computed on the rules date).

The credit of a year is paid early the next year, so a balance read in year Y that needs
n more credits reaches the cap in year Y + n.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

from bot.rules.model import Assessment


class CapProgress(NamedTuple):
    balance: Decimal
    cap: Decimal
    share: Decimal       # balance ÷ cap (1 or more: the cap is reached)
    year: int | None     # when the cap is reached at this yearly credit; None: reached, or no credit

    @property
    def reached(self) -> bool:
        return self.balance >= self.cap


def cap_progress(a: Assessment) -> CapProgress | None:
    """The progress of an open account whose balance is known (or estimated), else None."""
    if not a.account.open or a.balance is None or a.cap <= 0:
        return None
    left = a.cap - a.balance
    year = None
    if left > 0 and a.annual_credit > 0:
        year = a.as_of.year + int((left / a.annual_credit).to_integral_value(rounding=ROUND_CEILING))
    return CapProgress(a.balance, a.cap, a.balance / a.cap, year)
