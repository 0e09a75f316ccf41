"""Who has an account: open from 16 when working or registered as a job seeker (15 for
apprentices), closed when retired, not yet opened for a person who never worked and is
not registered with France Travail (Code du travail L5151-2, L6323-2/3; F10705).

Reads `status`, then `age` only where an age limit applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from typing import assert_never

from bot.rules.model import Account, Money
from bot.rules.regimes import Opening, Regime, StatusRules, rules_of
from bot.rules.situation import Status
from bot.rules.trace import Trace, number, whole

ACCOUNT_SOURCE = "Code du travail, art. L5151-2"


@dataclass(frozen=True)
class Holder:
    """The person's status, the rules that follow from it and whether the account can be used."""

    status: Status | None
    rules: StatusRules | None
    account: Account

    @property
    def regime(self) -> Regime:
        """The credit regime of a usable account, else CLOSED."""
        return self.rules.regime if self.rules is not None and self.account.open else Regime.CLOSED


def assess_account(t: Trace) -> Holder:
    raw = t.facts.get("status")
    if raw is None:
        # Nothing can be said before the main situation is known; promise nothing.
        t.explain("account.status_unknown")
        return Holder(None, None, Account(False, "status_unknown"))
    status = Status(raw)
    rules = rules_of(status)
    match rules.opening:
        case Opening.RETIRED:
            return _retired(t, status, rules)
        case Opening.NOT_REGISTERED:
            t.explain("account.not_registered", {"balance": Money(Decimal(0))},
                      sources=("service-public.fr, F10705",))
            t.step("register_france_travail")
            return Holder(status, rules, Account(False, "not_registered"))
        case Opening.WORKING:
            return _working(t, status, rules)
    assert_never(rules.opening)


def _working(t: Trace, status: Status, rules: StatusRules) -> Holder:
    limit = t.param(rules.min_age)
    age = t.facts.get("age")  # unknown: assume an adult, and say the age is missing
    if age is not None and age < whole(limit):
        t.explain("account.too_young", {"age": age, "min_age": whole(limit)},
                  sources=(ACCOUNT_SOURCE,), uses=(limit,))
        return Holder(status, rules, Account(False, "too_young"))
    code = "account.open_apprentice" if rules.apprentice else "account.open"
    t.explain(code, {"min_age": whole(limit)},
              sources=(ACCOUNT_SOURCE, "Code du travail, art. L6323-2"), uses=(limit,))
    t.step("activate_account")
    return Holder(status, rules, Account(True, rules.open_reason))


def _retired(t: Trace, status: Status, rules: StatusRules) -> Holder:
    annual = t.param("credit.cec.annual")
    cap = t.param("credit.cec.cap")
    t.explain("account.retired", sources=(ACCOUNT_SOURCE, "Code du travail, art. L6323-2 et L6323-3"))
    t.explain("account.cec", {"credit": Money(number(annual)), "cap": Money(number(cap))},
              uses=(annual, cap))
    t.step("cec_only", {"cap": Money(number(cap))})
    return Holder(status, rules, Account(False, "retired"))
