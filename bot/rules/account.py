"""Who has an account and whether its rights can be used (Code du travail L5151-2,
L6323-2/3, L5421-4; F10705; RULES.md section 1).

Open from 16 when working or registered as a job seeker (15 for apprentices); not yet
opened for a person who never worked and is not registered with France Travail. The
account is never closed, but at the end of active life it stops being credited and its
rights can no longer be used: from the automatic full-rate age (67), or once a pension
was liquidated at the full rate (early full-rate retirement included), even while still
working. A pension with a reduction (décote) below 67 keeps the rights usable. CEC
rights stay usable in every case.

Reads `status` (for a person neither working nor registered, whether they worked before:
then the account exists with the rights earned) and `age`; then, from the earliest
early-retirement age, whether a working person (or one who worked before) draws a
pension, and for a pensioner whether it was at the full rate.
"""

from __future__ import annotations

from decimal import Decimal

from typing import assert_never, NamedTuple

from bot.rules.choices import Status
from bot.rules.model import Account, Money
from bot.rules.regimes import Opening, Regime, StatusRules, rules_of
from bot.rules.parameters import ParamValue
from bot.rules.trace import Trace, number, whole

ACCOUNT_SOURCE = "Code du travail, art. L5151-2"
END_SOURCE = "Code du travail, art. L5421-4"
END_SOURCES = (ACCOUNT_SOURCE, END_SOURCE, "Code du travail, art. L6323-3")
KEPT_SOURCE = "Code du travail, art. L6323-2"
REGISTRATION_SOURCE = "service-public.fr, F10705"


class Holder(NamedTuple):
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
            return _not_registered(t, status, rules)
        case Opening.WORKING:
            return _working(t, status, rules)
    assert_never(rules.opening)


def _not_registered(t: Trace, status: Status, rules: StatusRules) -> Holder:
    """Not working and not registered: the account exists if the person worked before (it
    follows them when they stop working, L6323-2); else registering opens it (F10705)."""
    worked = t.facts.get("worked_before")
    if worked is True:
        return _working(t, status, rules)
    code = "account.never_worked" if worked is False else "account.not_registered"
    t.explain(code, {"balance": Money(Decimal(0))}, sources=(REGISTRATION_SOURCE,))
    t.step("register_france_travail")
    return Holder(status, rules, Account(False, "not_registered"))


def _working(t: Trace, status: Status, rules: StatusRules) -> Holder:
    limit = t.param(rules.min_age)
    age = t.facts.get("age")  # unknown: assume an adult, and say the age is missing
    if age is not None and age < whole(limit):
        t.explain("account.too_young", {"age": age, "min_age": whole(limit)},
                  sources=(ACCOUNT_SOURCE,), uses=(limit,))
        return Holder(status, rules, Account(False, "too_young"))
    full_rate = t.param("account.full_rate_age")
    if age is not None and age >= whole(full_rate):
        t.explain("account.full_rate_age_working", {"age": age, "full_rate_age": whole(full_rate)},
                  sources=END_SOURCES, uses=(full_rate,))
        return _end_of_active_life(t, status, rules)
    ask_from = t.param("account.pension_question_age")
    if age is not None and age >= whole(ask_from) and t.facts.get("receives_pension") is True:
        if rules.opening is Opening.NOT_REGISTERED:
            return _retired(t, status, rules)  # not working and drawing a pension: retired
        full = t.facts.get("pension_full_rate")
        if full is True:
            t.explain("account.full_rate_pension_working", sources=END_SOURCES)
            return _end_of_active_life(t, status, rules)
        if full is None:  # not answered yet, or "I don't know"
            return _pension_rate_unknown(t, status, rules, full_rate)
        t.explain("account.reduced_pension_working", {"full_rate_age": whole(full_rate)},
                  sources=(ACCOUNT_SOURCE, END_SOURCE), confidence="S", uses=(full_rate,))
    if rules.opening is Opening.NOT_REGISTERED:
        t.explain("account.worked_before", sources=(KEPT_SOURCE, REGISTRATION_SOURCE))
        t.step("register_if_job_seeking")
    else:
        code = "account.open_apprentice" if rules.apprentice else "account.open"
        t.explain(code, {"min_age": whole(limit)}, sources=(ACCOUNT_SOURCE, KEPT_SOURCE), uses=(limit,))
    return Holder(status, rules, Account(True, rules.open_reason))


def _retired(t: Trace, status: Status, rules: StatusRules) -> Holder:
    """A pensioner: rights usable below 67 with a reduced pension, else only the CEC."""
    full_rate = t.param("account.full_rate_age")
    age = t.facts.get("age")
    if age is not None and age >= whole(full_rate):
        t.explain("account.full_rate_age_retired", {"age": age, "full_rate_age": whole(full_rate)},
                  sources=END_SOURCES, uses=(full_rate,))
        return _end_of_active_life(t, status, rules)
    full = t.facts.get("pension_full_rate") if age is not None else None
    if full is False:
        t.explain("account.reduced_pension", {"full_rate_age": whole(full_rate)},
                  sources=(ACCOUNT_SOURCE, END_SOURCE), confidence="S", uses=(full_rate,))
        return Holder(status, rules, Account(True, "reduced_pension"))
    if full is True:
        t.explain("account.full_rate_pension", sources=END_SOURCES)
        return _end_of_active_life(t, status, rules)
    if full is None and age is not None:
        # The rate not known (asked next, or "I don't know"): what each answer would give.
        _cec(t)
        return _pension_rate_unknown(t, status, rules, full_rate)
    # Age or pension rate not known yet: promise nothing.
    t.explain("account.retired", {"full_rate_age": whole(full_rate)},
              sources=(ACCOUNT_SOURCE, END_SOURCE), uses=(full_rate,))
    _cec(t)
    return Holder(status, rules, Account(False, "retired"))


def _pension_rate_unknown(t: Trace, status: Status, rules: StatusRules, full_rate: ParamValue) -> Holder:
    """A pension whose rate is not known: no rights promised, and what each rate would give."""
    t.explain("account.pension_rate_unknown", sources=(ACCOUNT_SOURCE, END_SOURCE))
    t.step("check_pension_rate", {"full_rate_age": whole(full_rate)}, first=True)
    return Holder(status, rules, Account(False, "pension_rate_unknown"))


def _end_of_active_life(t: Trace, status: Status, rules: StatusRules) -> Holder:
    """No more credit and no usable rights (the account stays; CEC rights remain)."""
    _cec(t)
    return Holder(status, rules, Account(False, "end_of_active_life"))


def _cec(t: Trace) -> None:
    annual = t.param("credit.cec.annual")
    cap = t.param("credit.cec.cap")
    t.explain("account.cec", {"credit": Money(number(annual)), "cap": Money(number(cap))},
              uses=(annual, cap))
    t.step("cec_only", {"cap": Money(number(cap))})
