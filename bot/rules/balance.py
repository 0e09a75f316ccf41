"""The balance of an open account: as shown on the account when given, else a rough
estimate from the years worked (the same yearly credit every year, nothing used,
up to the cap), else unknown. Under the former hours rules the yearly hours drop above a
threshold, so the year's credit follows from the balance. A public agent's hours are
worth 15 € each on moving to the private sector (S).

Reads `balance`, then `years_worked` only while the balance is unknown. Activating the
account (to see the balance) is a next step only while the balance was not read on it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from bot.rules.credit import Credit
from bot.rules.regimes import Regime
from bot.rules.model import Hours, Money, quantity, round_cent
from bot.rules.trace import Trace, number


class Balance(NamedTuple):
    """The balance of the account, given or estimated."""

    amount: Decimal | None
    estimated: bool


UNKNOWN = Balance(None, False)


def assess_balance(t: Trace, credit: Credit) -> Balance:
    if credit.regime is Regime.CLOSED:
        return UNKNOWN
    given = t.facts.get("balance")
    if given is not None:  # read on the account: it is open and the balance known, nothing to activate
        t.explain("balance.given", {"balance": quantity(given, credit.unit)})
        return Balance(given, False)
    t.step("activate_account", first=True)
    years = t.facts.get("years_worked")
    if years is None:
        t.explain("balance.unknown")
        return UNKNOWN
    estimate = min(credit.cap, round_cent(_accrued(credit, years)))
    # Out of work: the past years at a full-time employee's rate.
    not_working = credit.regime in (Regime.JOB_SEEKER, Regime.NOT_WORKING)
    code = "balance.estimated_job_seeker" if not_working else "balance.estimated"
    t.explain(code, {"years": years, "rate": quantity(credit.estimate_rate, credit.unit),
                     "cap": quantity(credit.cap, credit.unit), "balance": quantity(estimate, credit.unit)},
              confidence=credit.confidence)
    return Balance(estimate, True)


def _accrued(credit: Credit, years: Decimal) -> Decimal:
    """What `years` of the same yearly credit add up to (before the cap)."""
    if credit.tier is None or credit.estimate_rate <= credit.tier.rate:
        return credit.estimate_rate * years
    first_years = credit.tier.threshold / credit.estimate_rate
    if years <= first_years:
        return credit.estimate_rate * years
    return credit.tier.threshold + credit.tier.rate * (years - first_years)


def settle_tier(t: Trace, credit: Credit, balance: Balance) -> Credit:
    """Under the former hours rules, the year's credit once the balance reaches the threshold."""
    if credit.tier is None or balance.amount is None or balance.amount < credit.tier.threshold:
        return credit
    annual = min(credit.tier.rate, max(credit.cap - balance.amount, Decimal(0)))
    t.explain("credit.tier_reached", {"balance": Hours(balance.amount), "threshold": Hours(credit.tier.threshold),
                                      "credit": Hours(annual)}, uses=credit.tier.uses)
    return credit._replace(annual=annual)


def explain_conversion(t: Trace, credit: Credit, balance: Balance) -> None:
    """A public agent's hours, in euros on moving to the private sector."""
    if credit.regime is not Regime.PUBLIC_HOURS:
        return
    rate = t.param("credit.public.conversion_rate")
    if balance.amount is None:
        t.explain("balance.conversion", {"rate": Money(number(rate))}, uses=(rate,))
    else:
        t.explain("balance.conversion_amount",
                  {"rate": Money(number(rate)), "balance": Hours(balance.amount),
                   "euros": Money(round_cent(balance.amount * number(rate)))}, uses=(rate,))
