"""The yearly credit and the cap of an open account, by regime (RULES.md sections 2 and 3).

Private employees and apprentices (and, since 3 May 2025, agents of consular networks):
500 € a year at least half the reference duration (the legal 1,607 h, the collective
agreement's, or a days package of at most 218 days), else prorated on the time worked
and rounded up to the cent; leave counted as work time (maternity, paternity, adoption,
parental, carer, work accident) is added to it; 800 € when low-qualified (no level-3
diploma and no CQP) and declared; +300 € for a disabled worker (BOE). ESAT workers 800 €;
the self-employed 500 € prorated on months of activity, rounded up to the cent; job
seekers, people who worked before and are neither working nor registered, and pensioners
below the full-rate age earn nothing while not working; several
situations in the year give the most favourable credit and cap. Public agents earn hours:
25 h (24 h then 12 h above 120 h before 2020), prorated on an incomplete post.

A field is read only where it can change the figure for this person: the hours only
below half-time, the diploma only at half-time or more, the declaration only for a low
diploma, the CQP only once a low qualification is declared, the other situation only
where the main one gives less than a full year's credit (an answer already given counts
whatever the time: an ESAT period, 800 €, beats a full year). It is compared with the
whole main situation, the disability bonus included.

Why one module of about 400 lines: every regime's credit and cap must be computed side by
side for "several situations in one year" (the most favourable wins), so they share one
evaluation; splitting by regime would spread that comparison over several files.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import assert_never, NamedTuple

from bot.rules.account import Holder
from bot.rules.choices import Diploma, OtherStatus, PublicCategory, PublicTime, ReferenceBasis, WorkingTime
from bot.rules.model import Hours, Money, Term, Unit, round_cent_up
from bot.rules.parameters import Confidence, ParamValue
from bot.rules.regimes import Regime
from bot.rules.situation import SAME_SITUATION
from bot.rules.trace import Trace, day, number, whole

LOW_DIPLOMAS = (Diploma.NONE, Diploma.BREVET)  # below level 3 (CAP/BEP)
ZERO = Decimal(0)
SEVERAL = "service-public.fr, F10705"
LEAVE = "Code du travail, art. L6323-12"
OTHER_TERMS = {OtherStatus.PRIVATE_EMPLOYEE: "other.private_employee", OtherStatus.SELF_EMPLOYED: "other.self_employed",
               OtherStatus.ESAT_WORKER: "other.esat_worker"}


class Tier(NamedTuple):
    """The former hours rules: the yearly hours drop to `rate` once the balance reaches `threshold`."""

    threshold: Decimal
    rate: Decimal
    uses: tuple[ParamValue, ...]


class Credit(NamedTuple):
    """The yearly credit and the cap of the account, in its unit."""

    unit: Unit
    annual: Decimal
    cap: Decimal
    regime: Regime
    # Yearly credit used to estimate an unknown balance (a job seeker: the full-time rate).
    estimate_rate: Decimal
    # A consular-network agent on the private-sector rules (décret 2025-393: S).
    consular: bool = False
    confidence: Confidence = "V"
    tier: Tier | None = None
    disabled: bool = False  # a beneficiary of the employment obligation (BOE), as answered


CLOSED = Credit("EUR", ZERO, ZERO, Regime.CLOSED, ZERO)


def assess_credit(t: Trace, holder: Holder) -> Credit:
    regime = holder.regime
    match regime:
        case Regime.CLOSED:
            return CLOSED
        case Regime.PRIVATE:
            return _private(t, "V")
        case Regime.ESAT:
            return _esat(t)
        case Regime.SELF_EMPLOYED:
            return _self_employed(t)
        case Regime.JOB_SEEKER:
            return _job_seeker(t, pensioner=False)
        case Regime.PENSIONER:
            return _job_seeker(t, pensioner=True)
        case Regime.NOT_WORKING:
            return _not_working(t)
        case Regime.PUBLIC_HOURS:
            return _public(t)
    assert_never(regime)


# ---------------------------------------------------------------- private sector

class Reference(NamedTuple):
    """The reference duration the time worked is compared with."""

    amount: Decimal
    days: bool  # a days package: the time worked and the leave are in days
    uses: tuple[ParamValue, ...]
    basis: str  # the term naming it


def _reference(t: Trace) -> Reference:
    legal = t.param("credit.private.reference_hours")
    basis = t.facts.get("reference_basis")  # unknown: the legal duration, the standard case
    if basis == ReferenceBasis.AGREEMENT:
        hours = t.facts.get("reference_hours")
        if hours is not None and hours > 0:
            return Reference(hours, False, (), "basis.agreement")
    elif basis == ReferenceBasis.DAYS_PACKAGE:
        most = t.param("credit.private.max_package_days")
        package = t.facts.get("package_days")
        if package is not None:
            return Reference(min(Decimal(package), number(most)), True, (most,), "basis.days_package")
        return Reference(number(most), True, (most,), "basis.days_package")
    return Reference(number(legal), False, (legal,), "basis.legal")


def _span(amount: Decimal, days: bool) -> Decimal | Hours:
    """A working time as a placeholder: hours, or a plain number of days (a days package)."""
    return amount.normalize() if days else Hours(amount)


def _private(t: Trace, confidence: Confidence) -> Credit:
    """Private-sector credit and cap in euros (R6323-1, L6323-11-1, D6323-3-3, L6323-12)."""
    rate = t.param("credit.private.annual")
    cap_p = t.param("credit.private.cap")
    ratio = t.param("credit.private.half_ratio")
    credit, cap = number(rate), number(cap_p)
    legal = t.param("credit.private.reference_hours")
    half_legal = number(legal) * number(ratio)

    full = base_known = True
    other: Other | None = None
    if t.facts.get("working_time") == WorkingTime.UNDER_HALF:  # unknown: the standard, half-time or more
        ref = _reference(t)
        half = ref.amount * number(ratio)
        worked = t.facts.get("worked_days" if ref.days else "annual_hours")
        unit_params = {"reference": _span(ref.amount, ref.days), "half": _span(half, ref.days)}
        if worked is None:
            full, base_known, credit = False, False, ZERO  # promise nothing until the time is known
            code = "credit.days_unknown" if ref.days else "credit.hours_unknown"
            t.explain(code,
                      {"rate": Money(number(rate)), **unit_params},
                      confidence=confidence, uses=(rate, ratio, *ref.uses))
        else:
            worked = Decimal(worked)
            if worked < half and t.facts.get("counted_leave") is True:
                leave = t.facts.get("leave_time")
                if leave is not None:
                    code = "credit.leave_days" if ref.days else "credit.leave_hours"
                    t.explain(code,
                              {"worked": _span(worked, ref.days), "leave": _span(Decimal(leave), ref.days),
                               "total": _span(worked + Decimal(leave), ref.days)},
                              sources=(LEAVE,), confidence=confidence)
                    worked = worked + Decimal(leave)
                else:
                    t.explain("credit.leave_unknown", sources=(LEAVE,), confidence=confidence)
            if worked >= half:
                # The time reaches half the reference duration: that is half-time or more.
                code = "credit.days_reach_half" if ref.days else "credit.hours_reach_half"
                t.explain(code,
                          {"hours" if not ref.days else "days": _span(worked, ref.days), "half": _span(half, ref.days)},
                          confidence=confidence, uses=(ratio, *ref.uses))
            else:
                full = False
                credit = round_cent_up(number(rate) * worked / ref.amount)
                code = "credit.prorata_days" if ref.days else (
                    "credit.prorata" if ref.basis == "basis.legal" else "credit.prorata_agreement")
                t.explain(code,
                          {"hours" if not ref.days else "days": _span(worked, ref.days),
                           "reference": _span(ref.amount, ref.days), "rate": Money(number(rate)),
                           "credit": Money(credit), "cap": Money(cap), "since": rate.since},
                          confidence=confidence, uses=(rate, ratio, cap_p, *ref.uses))
                other = _other_situation(t, ask=True)

    low = declared = False
    if full:
        # Not asked at full time, but counted when known: an ESAT period (800 €) beats a full year.
        other = _other_situation(t, ask=False)
        low = t.facts.get("diploma") in LOW_DIPLOMAS  # unknown: no majoration assumed
        said = t.facts.get("low_qualification_declared") if low else None  # None: "I don't know"
        declared = low and said is True
        if declared and t.facts.get("has_cqp") is True:
            # A qualification certificate recognised by a branch (CQP) is a qualification.
            t.explain("credit.cqp_not_low", {"credit": Money(credit)},
                      sources=("Code du travail, art. L6323-11-1",), confidence=confidence)
            low = declared = False
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
            best, best_cap = _most_favourable(t, number(low_rate), number(low_cap), other, confidence)
            return Credit("EUR", best, best_cap, Regime.PRIVATE, number(rate), confidence=confidence)
        t.explain("credit.full",
                  {"credit": Money(credit), "cap": Money(cap), "half": Hours(half_legal),
                   "reference": Hours(number(legal)), "since": rate.since},
                  confidence=confidence, uses=(rate, cap_p, legal, ratio))

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
        code = "credit.low_qualification_undeclared" if said is False else "credit.low_qualification_unknown"
        t.explain(code,
                  {"credit": Money(credit), "low_credit": Money(number(low_rate)),
                   "low_cap": Money(number(low_cap))},
                  confidence=confidence, uses=(low_rate, low_cap))
        step = "declare_low_qualification" if said is False else "check_low_qualification_declared"
        t.step(step, {"low_credit": Money(number(low_rate))})
    # The other situation is compared with the whole employee one, bonus included (not added to it).
    best, best_cap = _most_favourable(t, credit, cap, other, confidence)
    return Credit("EUR", best, best_cap, Regime.PRIVATE, credit if full else best, confidence=confidence,
                  disabled=boe)


class Other(NamedTuple):
    """The credit and cap another situation of the same year would give alone, at the standard rates."""

    status: OtherStatus
    credit: Decimal
    cap: Decimal
    uses: tuple[ParamValue, ...]


def _several(t: Trace, credit: Decimal, cap: Decimal, confidence: Confidence) -> tuple[Decimal, Decimal]:
    """Another situation in the same year: the most favourable credit and cap (F10705)."""
    return _most_favourable(t, credit, cap, _other_situation(t, ask=True), confidence)


def _most_favourable(t: Trace, credit: Decimal, cap: Decimal, other: Other | None,
                     confidence: Confidence) -> tuple[Decimal, Decimal]:
    if other is None:
        return credit, cap
    best, best_cap = max(credit, other.credit), max(cap, other.cap)
    t.explain("credit.several_situations",
              {"other": Term(OTHER_TERMS[other.status]), "other_credit": Money(other.credit),
               "main_credit": Money(credit), "credit": Money(best), "cap": Money(best_cap)},
              sources=(SEVERAL,), confidence=confidence, uses=other.uses)
    return best, best_cap


def _other_situation(t: Trace, *, ask: bool) -> Other | None:
    """The other situation, if any and its figure is known. `ask`: its fields are relevant
    (reported missing); else they are used only when already answered (a full year: the
    question is not asked, yet an ESAT period would still give more)."""
    read = t.facts.get if ask else t.facts.optional
    raw = read("other_status")
    other = OtherStatus(raw) if raw is not None else OtherStatus.NONE
    if SAME_SITUATION.get(t.facts.optional("status") or "") == other:
        return None  # the main situation itself (a session saved before it was refused): counted once
    match other:
        case OtherStatus.NONE:
            return None
        case OtherStatus.PRIVATE_EMPLOYEE:
            rate = t.param("credit.private.annual")
            cap = t.param("credit.private.cap")
            ref = t.param("credit.private.reference_hours")
            ratio = t.param("credit.private.half_ratio")
            hours = read("other_hours")
            if hours is None:
                return None
            amount = number(rate) if hours >= number(ref) * number(ratio) else \
                round_cent_up(number(rate) * hours / number(ref))
            return Other(other, amount, number(cap), (rate, cap, ref, ratio))
        case OtherStatus.SELF_EMPLOYED:
            rate = t.param("credit.self_employed.annual")
            cap = t.param("credit.self_employed.cap")
            per_year = t.param("credit.self_employed.months_per_year")
            months = read("other_months")
            if months is None:
                return None
            return Other(other, round_cent_up(number(rate) * months / number(per_year)), number(cap),
                         (rate, cap, per_year))
        case OtherStatus.ESAT_WORKER:
            rate = t.param("credit.esat.annual")
            cap = t.param("credit.esat.cap")
            return Other(other, number(rate), number(cap), (rate, cap))
    assert_never(other)


def _esat(t: Trace) -> Credit:
    rate = t.param("credit.esat.annual")
    cap = t.param("credit.esat.cap")
    t.explain("credit.esat", {"credit": Money(number(rate)), "cap": Money(number(cap)), "since": rate.since},
              uses=(rate, cap))
    return Credit("EUR", number(rate), number(cap), Regime.ESAT, number(rate), disabled=True)


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
        credit, best_cap = _several(t, ZERO, number(cap), "S")
        return Credit("EUR", credit, best_cap, Regime.SELF_EMPLOYED, credit, confidence="S")
    # Rounded up to the cent, like the employees' prorata (5 months: 208.34).
    credit = round_cent_up(number(rate) * months / number(per_year))
    t.explain("credit.self_employed",
              {"months": months, "months_per_year": whole(per_year), "rate": Money(number(rate)),
               "credit": Money(credit), "cap": Money(number(cap)), "since": rate.since},
              uses=(rate, cap, per_year))
    if paid is None:
        t.explain("credit.self_employed_cfp_unknown", sources=("Code du travail, art. L6331-48",),
                  confidence="S")
    # A whole year is not asked about another situation, but one already known counts (ESAT: 800 €).
    other = _other_situation(t, ask=months < whole(per_year))
    best, best_cap = _most_favourable(t, credit, number(cap), other, "V")
    return Credit("EUR", best, best_cap, Regime.SELF_EMPLOYED, credit)


def _job_seeker(t: Trace, *, pensioner: bool) -> Credit:
    """No credit while not working; rights usable (a pensioner with a reduced pension: S)."""
    rate = t.param("credit.private.annual")
    cap = t.param("credit.private.cap")
    confidence: Confidence = "S" if pensioner else "V"
    code = "credit.pensioner" if pensioner else "credit.job_seeker"
    t.explain(code, {"cap": Money(number(cap))}, sources=("service-public.fr, F10705",), confidence=confidence,
              uses=(cap,))
    if pensioner:
        return Credit("EUR", ZERO, number(cap), Regime.PENSIONER, ZERO, confidence="S")
    # A job seeker who worked earlier in the year: the credit of that work.
    credit, best_cap = _several(t, ZERO, number(cap), "V")
    return Credit("EUR", credit, best_cap, Regime.JOB_SEEKER, number(rate))


def _not_working(t: Trace) -> Credit:
    """Worked before, neither working nor registered now: no credit; the rights earned stay (F10705)."""
    rate = t.param("credit.private.annual")
    cap = t.param("credit.private.cap")
    t.explain("credit.not_working", {"cap": Money(number(cap))}, sources=("service-public.fr, F10705",), uses=(cap,))
    # Work earlier in the year earns its credit.
    credit, best_cap = _several(t, ZERO, number(cap), "V")
    return Credit("EUR", credit, best_cap, Regime.NOT_WORKING, number(rate))


# ---------------------------------------------------------------- public agents (hours)

def _public(t: Trace) -> Credit:
    consular = t.facts.get("consular_network")
    if consular is True:
        in_euros, switch = t.switch("credit.public.consular_in_euros")
        if in_euros:
            t.explain("credit.consular_euros", {"since": switch.since}, uses=(switch,))
            return _private(t, "S")._replace(consular=True, confidence="S")
        # Before décret 2025-393: the former hours rules of the Code du travail (décret 2017-1872).
        later = t.param("credit.public.consular_in_euros.from")
        rate = t.param("credit.consular.annual")
        cap = t.param("credit.consular.cap")
        threshold = t.param("credit.consular.tier.threshold")
        tier_rate = t.param("credit.consular.tier.annual")
        t.explain("credit.consular_hours",
                  {"euros_from": day(later), "credit": Hours(number(rate)), "threshold": Hours(number(threshold)),
                   "tier_credit": Hours(number(tier_rate)), "cap": Hours(number(cap))},
                  uses=(switch, later, rate, cap, threshold, tier_rate))
        tier = Tier(number(threshold), number(tier_rate), (threshold, tier_rate))
        return Credit("hours", number(rate), number(cap), Regime.PUBLIC_HOURS, number(rate), confidence="S", tier=tier)
    category = t.facts.get("public_category")  # unknown: the standard rate
    share = _post_share(t)
    diploma = t.facts.get("diploma") if category == PublicCategory.C else None
    credit = _public_hours(t, low=diploma in LOW_DIPLOMAS, share=share)
    if diploma == Diploma.CAP_BEP:
        # The seed's "CAP/BEP or below" is looser than the decree ("below CAP/BEP").
        low_rate = t.param("credit.public.low_qualification.annual")
        t.explain("credit.public_cap_bep", {"low_credit": Hours(number(low_rate))}, uses=(low_rate,))
    extra = t.param("credit.public.unfitness_extra")
    t.explain("credit.public_unfitness", {"extra": Hours(number(extra))}, uses=(extra,))
    t.step("ask_unfitness_credit", {"extra": Hours(number(extra))})
    return credit


def _post_share(t: Trace) -> tuple[Decimal, Decimal, ParamValue] | None:
    """An incomplete post's weekly hours and the full-time week; None for full or part time."""
    time = t.facts.get("public_time")  # unknown: a full-time post, the standard case
    if time == PublicTime.PART_TIME:
        t.explain("credit.public_part_time", sources=("Décret 2017-928 du 6 mai 2017, art. 1",), confidence="S")
        return None
    if time != PublicTime.INCOMPLETE_POST:
        return None
    week = t.param("credit.public.full_time_weekly_hours")
    hours = t.facts.get("post_weekly_hours")
    if hours is None or hours >= number(week):
        return None
    return Decimal(hours), number(week), week


def _public_hours(t: Trace, *, low: bool, share: tuple[Decimal, Decimal, ParamValue] | None) -> Credit:
    rate = t.param("credit.public.annual")
    cap = t.param("credit.public.cap")
    tiered, switch = t.switch("credit.public.tiered")
    if low:
        rate_p, cap_p = t.param("credit.public.low_qualification.annual"), t.param("credit.public.low_qualification.cap")
        t.explain("credit.public_low_qualification",
                  {"credit": Hours(number(rate_p)), "cap": Hours(number(cap_p)),
                   "standard": Hours(number(rate)), "since": rate_p.since},
                  uses=(rate_p, cap_p))
        tier = None
    else:
        rate_p, cap_p = rate, cap
        tier = None
        if tiered:
            threshold = t.param("credit.public.tier.threshold")
            tier_rate = t.param("credit.public.tier.annual")
            t.explain("credit.public_before_2020",
                      {"credit": Hours(number(rate)), "threshold": Hours(number(threshold)),
                       "tier_credit": Hours(number(tier_rate)), "cap": Hours(number(cap))},
                      uses=(switch, rate, cap, threshold, tier_rate))
            tier = Tier(number(threshold), number(tier_rate), (threshold, tier_rate))
        else:
            t.explain("credit.public", {"credit": Hours(number(rate)), "cap": Hours(number(cap)),
                                        "since": rate.since}, uses=(rate, cap))
    annual = number(rate_p)
    if share is not None:
        hours, week, week_p = share
        annual = (annual * hours / week).to_integral_value(ROUND_CEILING)
        t.explain("credit.public_incomplete_post",
                  {"post_hours": Hours(hours), "week": Hours(week), "standard": Hours(number(rate_p)),
                   "credit": Hours(annual)}, uses=(rate_p, week_p))
    confidence: Confidence = "S" if any(p.confidence != "V" for p in (rate_p, cap_p)) or share is not None else "V"
    return Credit("hours", annual, number(cap_p), Regime.PUBLIC_HOURS, annual, confidence=confidence, tier=tier)
