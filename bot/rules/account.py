"""Who has an account: open from 16 when working or registered as a job seeker (15 for
apprentices), closed when retired, not yet opened for a person who never worked and is
not registered with France Travail (Code du travail L5151-2, L6323-2/3; F10705).

Reads `status`, then `age` only where an age limit applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.rules.model import Account, Money
from bot.rules.trace import Trace, number, whole

OPEN_STATUSES = (
    "private_employee", "apprentice", "public_agent", "self_employed", "job_seeker", "esat_worker",
)
ACCOUNT_SOURCE = "Code du travail, art. L5151-2"


@dataclass(frozen=True)
class Holder:
    """The person's status and whether their account can be used."""

    status: str | None
    account: Account


def assess_account(t: Trace) -> Holder:
    status = t.facts.get("status")
    if status is None:
        # Nothing can be said before the main situation is known; promise nothing.
        t.explain("account.status_unknown")
        return Holder(None, Account(False, "status_unknown"))
    if status == "retired":
        return _retired(t)
    if status == "not_working":
        t.explain("account.not_registered", {"balance": Money(Decimal(0))},
                  sources=("service-public.fr, F10705",))
        t.step("register_france_travail")
        return Holder(status, Account(False, "not_registered"))

    limit = t.param("account.min_age_apprentice" if status == "apprentice" else "account.min_age")
    age = t.facts.get("age")  # unknown: assume an adult, and say the age is missing
    if age is not None and age < whole(limit):
        t.explain("account.too_young", {"age": age, "min_age": whole(limit)},
                  sources=(ACCOUNT_SOURCE,), uses=(limit,))
        return Holder(status, Account(False, "too_young"))

    reason = {"apprentice": "apprentice", "job_seeker": "job_seeker"}.get(status, "working")
    code = "account.open_apprentice" if status == "apprentice" else "account.open"
    t.explain(code, {"min_age": whole(limit)},
              sources=(ACCOUNT_SOURCE, "Code du travail, art. L6323-2"), uses=(limit,))
    t.step("activate_account")
    return Holder(status, Account(True, reason))


def _retired(t: Trace) -> Holder:
    annual = t.param("credit.cec.annual")
    cap = t.param("credit.cec.cap")
    t.explain("account.retired", sources=(ACCOUNT_SOURCE, "Code du travail, art. L6323-2 et L6323-3"))
    t.explain("account.cec", {"credit": Money(number(annual)), "cap": Money(number(cap))},
              uses=(annual, cap))
    t.step("cec_only", {"cap": Money(number(cap))})
    return Holder("retired", Account(False, "retired"))
