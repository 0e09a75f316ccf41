"""The balance of an open account: as shown on the account when given, else a rough
estimate from the years worked (the same yearly credit every year, nothing used,
up to the cap), else unknown.

Reads `balance`, then `years_worked` only while the balance is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.rules.credit import Credit
from bot.rules.regimes import Regime
from bot.rules.model import quantity, round_cent
from bot.rules.trace import Trace


@dataclass(frozen=True)
class Balance:
    amount: Decimal | None
    estimated: bool


UNKNOWN = Balance(None, False)


def assess_balance(t: Trace, credit: Credit) -> Balance:
    if credit.regime is Regime.CLOSED:
        return UNKNOWN
    given = t.facts.get("balance")
    if given is not None:
        t.explain("balance.given", {"balance": quantity(given, credit.unit)})
        return Balance(given, False)
    years = t.facts.get("years_worked")
    if years is None:
        t.explain("balance.unknown")
        return UNKNOWN
    estimate = min(credit.cap, round_cent(credit.estimate_rate * years))
    code = "balance.estimated_job_seeker" if credit.regime is Regime.JOB_SEEKER else "balance.estimated"
    t.explain(code, {"years": years, "rate": quantity(credit.estimate_rate, credit.unit),
                     "cap": quantity(credit.cap, credit.unit), "balance": quantity(estimate, credit.unit)},
              confidence=credit.confidence)
    return Balance(estimate, True)
