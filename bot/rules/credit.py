"""The yearly credit and the cap of an open account, by status (RULES.md sections 2 and 3).

Private employees and apprentices (and, since 3 May 2025, agents of consular networks):
500 € a year at least half-time, else prorated on the hours over 1,607 h and rounded up
to the cent; 800 € when low-qualified and declared; +300 € for a disabled worker (BOE).
ESAT workers 800 €; the self-employed 500 € prorated on months of activity; job seekers
earn nothing while unemployed; public agents earn hours.

A field is read only where it can change the figure for this person: the hours only
below half-time, the diploma only at half-time or more, the declaration only for a low
diploma, the disability only where it would raise the credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import assert_never

from bot.rules.account import Holder
from bot.rules.model import Hours, Money, Unit, round_cent, round_cent_up
from bot.rules.parameters import Confidence
from bot.rules.regimes import Regime
from bot.rules.situation import Diploma, PublicCategory, WorkingTime
from bot.rules.trace import Trace, day, number, whole

LOW_DIPLOMAS = (Diploma.NONE, Diploma.BREVET)  # below level 3 (CAP/BEP)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Credit:
    unit: Unit
    annual: Decimal
    cap: Decimal
    regime: Regime
    # Yearly credit used to estimate an unknown balance (a job seeker: the full-time rate).
    estimate_rate: Decimal
    # A consular-network agent on the private-sector rules (décret 2025-393: S).
    consular: bool = False
    confidence: Confidence = "V"


CLOSED = Credit("EUR", ZERO, ZERO, Regime.CLOSED, ZERO)


def assess_credit(t: Trace, holder: Holder) -> Credit:
    regime = holder.regime
    match regime:
        case Regime.CLOSED:
            return CLOSED
        case Regime.PRIVATE:
            annual, cap, estimate = _private(t, "V")
            return Credit("EUR", annual, cap, Regime.PRIVATE, estimate)
        case Regime.ESAT:
            return _esat(t)
        case Regime.SELF_EMPLOYED:
            return _self_employed(t)
        case Regime.JOB_SEEKER | Regime.PENSIONER:
            return _job_seeker(t)
        case Regime.PUBLIC_HOURS:
            return _public(t)
    assert_never(regime)


def _private(t: Trace, confidence: Confidence) -> tuple[Decimal, Decimal, Decimal]:
    """Private-sector credit, cap and yearly rate for a balance estimate, in euros
    (R6323-1, L6323-11-1, D6323-3-3)."""
    rate = t.param("credit.private.annual")
    cap_p = t.param("credit.private.cap")
    ref = t.param("credit.private.reference_hours")
    ratio = t.param("credit.private.half_ratio")
    half = number(ref) * number(ratio)
    credit, cap = number(rate), number(cap_p)

    full = base_known = True
    if t.facts.get("working_time") == WorkingTime.UNDER_HALF:  # unknown: the standard, half-time or more
        hours = t.facts.get("annual_hours")
        if hours is None:
            full, base_known, credit = False, False, ZERO  # promise nothing until the hours are known
            t.explain("credit.hours_unknown",
                      {"rate": Money(number(rate)), "reference": Hours(number(ref)), "half": Hours(half)},
                      confidence=confidence, uses=(rate, ref, ratio))
        elif hours >= half:
            # The hours reach half the reference duration: that is half-time or more.
            t.explain("credit.hours_reach_half", {"hours": Hours(hours), "half": Hours(half)},
                      confidence=confidence, uses=(ref, ratio))
        else:
            full = False
            credit = round_cent_up(number(rate) * hours / number(ref))
            t.explain("credit.prorata",
                      {"hours": Hours(hours), "reference": Hours(number(ref)), "rate": Money(number(rate)),
                       "credit": Money(credit), "cap": Money(cap), "since": rate.since},
                      confidence=confidence, uses=(rate, ref, ratio, cap_p))

    low = declared = False
    if full:
        low = t.facts.get("diploma") in LOW_DIPLOMAS  # unknown: no majoration assumed
        declared = low and t.facts.get("low_qualification_declared") is True
        if declared:
            # 800 € already: the disability bonus could not raise it (the most favourable applies).
            low_rate = t.param("credit.low_qualification.annual")
            low_cap = t.param("credit.low_qualification.cap")
            t.explain("credit.low_qualification",
                      {"credit": Money(number(low_rate)), "cap": Money(number(low_cap)),
                       "standard": Money(number(rate)), "since": low_rate.since},
                      confidence=confidence, uses=(low_rate, low_cap, rate))
            # The 800 € rate runs from the year of the declaration, which we do not know:
            # a balance estimate counts the standard rate for the past years.
            return number(low_rate), number(low_cap), number(rate)
        t.explain("credit.full",
                  {"credit": Money(credit), "cap": Money(cap), "half": Hours(half),
                   "reference": Hours(number(ref)), "since": rate.since},
                  confidence=confidence, uses=(rate, cap_p, ref, ratio))

    boe = t.facts.get("disability_boe") is True
    if boe and base_known:
        bonus = t.param("credit.disability.bonus")
        boe_cap = t.param("credit.disability.cap")
        total = credit + number(bonus)
        t.explain("credit.disability",
                  {"base": Money(credit), "bonus": Money(number(bonus)), "credit": Money(total),
                   "cap": Money(number(boe_cap)), "since": bonus.since},
                  sources=("Code du travail, art. L5212-13",), confidence=confidence, uses=(bonus, boe_cap))
        credit, cap = total, max(cap, number(boe_cap))
    elif low and not declared:
        low_rate = t.param("credit.low_qualification.annual")
        low_cap = t.param("credit.low_qualification.cap")
        t.explain("credit.low_qualification_undeclared",
                  {"credit": Money(credit), "low_credit": Money(number(low_rate)),
                   "low_cap": Money(number(low_cap))},
                  confidence=confidence, uses=(low_rate, low_cap))
        t.step("declare_low_qualification", {"low_credit": Money(number(low_rate))})
    return credit, cap, credit


def _esat(t: Trace) -> Credit:
    rate = t.param("credit.esat.annual")
    cap = t.param("credit.esat.cap")
    t.explain("credit.esat", {"credit": Money(number(rate)), "cap": Money(number(cap)), "since": rate.since},
              uses=(rate, cap))
    return Credit("EUR", number(rate), number(cap), Regime.ESAT, number(rate))


def _self_employed(t: Trace) -> Credit:
    rate = t.param("credit.self_employed.annual")
    cap = t.param("credit.self_employed.cap")
    per_year = t.param("credit.self_employed.months_per_year")
    months = t.facts.get("activity_months")
    if months is None:
        months = whole(per_year)  # unknown: a whole year of activity, the standard case
    paid = t.facts.get("cfp_paid")
    if paid is False:
        t.explain("credit.self_employed_no_cfp", {"rate": Money(number(rate))},
                  sources=("Code du travail, art. L6331-48",), confidence="S", uses=(rate,))
        return Credit("EUR", ZERO, number(cap), Regime.SELF_EMPLOYED, ZERO, confidence="S")
    credit = round_cent(number(rate) * months / number(per_year))
    t.explain("credit.self_employed",
              {"months": months, "months_per_year": whole(per_year), "rate": Money(number(rate)),
               "credit": Money(credit), "cap": Money(number(cap)), "since": rate.since},
              uses=(rate, cap, per_year))
    if paid is None:
        t.explain("credit.self_employed_cfp_unknown", sources=("Code du travail, art. L6331-48",),
                  confidence="S")
    return Credit("EUR", credit, number(cap), Regime.SELF_EMPLOYED, credit)


def _job_seeker(t: Trace) -> Credit:
    rate = t.param("credit.private.annual")
    cap = t.param("credit.private.cap")
    t.explain("credit.job_seeker", {"cap": Money(number(cap))},
              sources=("service-public.fr, F10705",), uses=(cap,))
    return Credit("EUR", ZERO, number(cap), Regime.JOB_SEEKER, number(rate))


def _public(t: Trace) -> Credit:
    consular = t.facts.get("consular_network")
    if consular is True:
        in_euros, switch = t.switch("credit.public.consular_in_euros")
        if in_euros:
            t.explain("credit.consular_euros", {"since": switch.since}, uses=(switch,))
            annual, cap, estimate = _private(t, "S")
            return Credit("EUR", annual, cap, Regime.PRIVATE, estimate, consular=True, confidence="S")
        # Before the décret, their rights are taken to be hours like other public agents.
        later = t.param("credit.public.consular_in_euros.from")
        t.explain("credit.consular_hours", {"euros_from": day(later)}, uses=(switch, later))
        return _public_hours(t, "S", low=False)
    category = t.facts.get("public_category")  # unknown: the standard rate
    diploma = t.facts.get("diploma") if category == PublicCategory.C else None
    credit = _public_hours(t, "V", low=diploma in LOW_DIPLOMAS)
    if diploma == Diploma.CAP_BEP:
        # The seed's "CAP/BEP or below" is looser than the decree ("below CAP/BEP").
        low_rate = t.param("credit.public.low_qualification.annual")
        t.explain("credit.public_cap_bep", {"low_credit": Hours(number(low_rate))}, uses=(low_rate,))
    return credit


def _public_hours(t: Trace, confidence: Confidence, *, low: bool) -> Credit:
    rate = t.param("credit.public.annual")
    cap = t.param("credit.public.cap")
    if low:
        low_rate = t.param("credit.public.low_qualification.annual")
        low_cap = t.param("credit.public.low_qualification.cap")
        t.explain("credit.public_low_qualification",
                  {"credit": Hours(number(low_rate)), "cap": Hours(number(low_cap)),
                   "standard": Hours(number(rate)), "since": low_rate.since},
                  confidence=confidence, uses=(low_rate, low_cap))
        return Credit("hours", number(low_rate), number(low_cap), Regime.PUBLIC_HOURS, number(low_rate),
                      confidence=confidence)
    t.explain("credit.public", {"credit": Hours(number(rate)), "cap": Hours(number(cap)), "since": rate.since},
              confidence=confidence, uses=(rate, cap))
    return Credit("hours", number(rate), number(cap), Regime.PUBLIC_HOURS, number(rate), confidence=confidence)
