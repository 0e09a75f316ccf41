"""The flat participation the holder pays on each purchase, and who is exempt
(Code du travail L6323-4, décret 2024-394; RULES.md section 5).

None before 2 May 2024; then a yearly amount. Exemptions, first that applies: a job
seeker, a public agent's hours account (known from the status, so the agent is asked
nothing), employer co-funding, C2P points (asked of private-law employees only),
retraining after a permanent incapacity (asked of employees and former employees). An
unknown answer to either keeps the participation due and says what each answer gives.
A participation due is explained with who may pay it for the person, as the status allows
(RULES.md sections 5 and 7): the employer or the OPCO, the ESAT, or nobody.

The co-funding question comes before the training cost and the other two after it
(the interview order), so the work is split: `settle_early` before the cost is read,
`assess_participation` after.
"""

from __future__ import annotations

from decimal import Decimal
from typing import assert_never, NamedTuple

from bot.rules.account import Holder
from bot.rules.choices import Cofunding
from bot.rules.credit import Credit
from bot.rules.model import Exemption, Money, Participation
from bot.rules.parameters import ParamValue
from bot.rules.regimes import Regime, TopUps, cofunders
from bot.rules.trace import Trace, number, whole
from bot.rules.training import Verdict

EXEMPTIONS = "Code du travail, art. L6323-4"
ZERO = Decimal(0)
# The participation due, said with who may pay it for the person (RULES.md section 7): the
# employer or the OPCO for an employee, the ESAT for its workers (RULES.md section 5 names
# only them); nobody is named to the others. Job seekers and public agents owe none.
DUE = {TopUps.EMPLOYEE: "participation.due", TopUps.SELF_EMPLOYED: "participation.due_self_employed",
       TopUps.DISABLED: "participation.due_esat", TopUps.JOB_SEEKER: "participation.due_no_employer",
       TopUps.ADMINISTRATION: "participation.due_no_employer", TopUps.OTHER: "participation.due_no_employer"}


class Early(NamedTuple):
    """What is known about the participation before the training cost is asked."""

    amount: ParamValue | None
    exemption: Exemption | None
    asks: bool  # whether the exemption questions apply to this person at all
    purchase: bool = True  # False: the planned training is not eligible, nothing is bought
    c2p: bool = False  # the person can have C2P points (a private-law employee)
    work_injury: bool = False  # the incapacity top-up can concern the person
    cofunders: TopUps = TopUps.OTHER  # who may pay the participation for the person, if anyone


def may_use_c2p(holder: Holder, credit: Credit) -> bool:
    """C2P points are a private-law employee's (L4163-1): not a consular agent's, public-law."""
    return holder.rules is not None and holder.rules.c2p and not credit.consular


def settle_early(t: Trace, holder: Holder, credit: Credit, verdict: Verdict) -> Early:
    early = _settle_early(t, holder, credit, verdict)
    if holder.rules is None:
        return early
    return early._replace(cofunders=cofunders(holder.rules, credit.regime is Regime.PUBLIC_HOURS))


def _settle_early(t: Trace, holder: Holder, credit: Credit, verdict: Verdict) -> Early:
    amount = t.param_or_none("participation.amount")
    if amount is None or not holder.account.open:
        return Early(amount, None, False)
    if holder.regime is Regime.JOB_SEEKER:
        return Early(amount, Exemption.JOB_SEEKER, False)
    if credit.regime is Regime.PUBLIC_HOURS:
        return Early(amount, Exemption.HOURS_ACCOUNT, False)
    # Only a purchase that may happen raises the questions.
    if not verdict.may_be_funded:
        return Early(amount, None, False, purchase=verdict.training is None)
    has_employer = holder.rules is not None and holder.rules.employer
    if has_employer and t.facts.get("cofunding") == Cofunding.EMPLOYER:  # none without an employer
        return Early(amount, Exemption.EMPLOYER_COFUNDING, True)
    injury = holder.rules is not None and holder.rules.work_injury
    return Early(amount, None, True, c2p=may_use_c2p(holder, credit), work_injury=injury)


def assess_participation(t: Trace, holder: Holder, early: Early) -> Participation:
    if early.amount is None:
        first = t.parameter("participation.amount").steps[0].since
        if holder.account.open:
            t.explain("participation.none", {"start": first}, sources=(EXEMPTIONS,))
        return Participation(ZERO, False, None)
    amount = number(early.amount)
    if not holder.account.open:
        return Participation(amount, False, None)
    if not early.purchase:
        t.explain("participation.no_purchase", {"amount": Money(amount)}, sources=(EXEMPTIONS,), uses=(early.amount,))
        return Participation(amount, False, None)

    exemption = early.exemption
    if exemption is None and early.asks:
        exemption = _personal_exemption(t, early, early.amount)

    uses = (early.amount,)
    match exemption:
        case None:
            t.explain(DUE[early.cofunders], {"amount": Money(amount), "since": early.amount.since},
                      sources=(EXEMPTIONS,), uses=uses)
            return Participation(amount, True, None)
        case Exemption.C2P:
            point = t.param("credit.c2p.point_value")
            t.explain("participation.exempt_c2p",
                      {"amount": Money(amount), "point_value": Money(number(point)), "point_since": point.since},
                      sources=(EXEMPTIONS,), uses=(*uses, point))
        case Exemption.INCAPACITY:
            rate = t.param("participation.incapacity_rate")
            t.explain("participation.exempt_incapacity", {"amount": Money(amount), "rate": whole(rate)},
                      sources=(EXEMPTIONS,), uses=(*uses, rate))
        case Exemption.HOURS_ACCOUNT:
            t.explain("participation.exempt_hours_account", {"amount": Money(amount)},
                      sources=(EXEMPTIONS,), confidence="S", uses=uses)
        case Exemption.JOB_SEEKER:
            t.explain("participation.exempt_job_seeker", {"amount": Money(amount)},
                      sources=(EXEMPTIONS,), uses=uses)
        case Exemption.EMPLOYER_COFUNDING:
            t.explain("participation.exempt_employer", {"amount": Money(amount)},
                      sources=(EXEMPTIONS,), uses=uses)
        case _:
            assert_never(exemption)
    return Participation(amount, False, exemption)


def _personal_exemption(t: Trace, early: Early, amount: ParamValue) -> Exemption | None:
    """C2P points, then the incapacity top-up, each asked only of whom it concerns. An
    unknown answer ("I don't know") says what each case gives; the participation stays due."""
    asked = ((early.c2p, "uses_c2p", Exemption.C2P, _c2p_unknown),
             (early.work_injury, "incapacity_retraining", Exemption.INCAPACITY, _incapacity_unknown))
    for concerned, field, exemption, unknown in asked:
        if not concerned:
            continue
        answer = t.facts.get(field)
        if answer is True:
            return exemption
        if answer is None:
            unknown(t, amount)
    return None


def _c2p_unknown(t: Trace, amount: ParamValue) -> None:
    point = t.param("credit.c2p.point_value")
    t.explain("participation.c2p_unknown", {"amount": Money(number(amount)), "point_value": Money(number(point))},
              sources=(EXEMPTIONS,), uses=(amount, point))


def _incapacity_unknown(t: Trace, amount: ParamValue) -> None:
    rate = t.param("participation.incapacity_rate")
    t.explain("participation.incapacity_unknown", {"amount": Money(number(amount)), "rate": whole(rate)},
              sources=(EXEMPTIONS,), uses=(amount, rate))
