"""What the CPF pays for the planned training and what is left to pay (CONTRACT.md;
service-public F10705): cpf_pays = min(balance, cost − participation if due else cost,
the training's CPF cap), never below 0, and 0 for a training that is not eligible;
remaining = cost − cpf_pays. Only for euro accounts with a known (or estimated) balance.
When the CPF would pay nothing (a cost not above the participation, no rights), the
participation is not charged: the training is paid outside the CPF, at its cost.

When a participation is due, every sentence giving what is left to pay says the
participation is part of it, and a top-up to look for (the rest less the participation)
says so in the same sentence (RULES.md section 7). The sources of top-ups depend on the
status. C2P points and CEC rights are other amounts the person can add; since December
2025 an earmarked employer or branch top-up is used before the holder's own rights (S).

Reads `training_cost` for a planned training on a euro account, `c2p_points` when C2P
points are used, `cec_balance` when the CPF leaves something to find, and an announced
co-funding's amount where one was given (`cofunding_amount`): it pays the rest first, so
only what is left after it is to be found.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from bot.rules.account import Holder
from bot.rules.balance import Balance
from bot.rules.choices import Cofunding
from bot.rules.credit import Credit
from bot.rules.model import CENT, Exemption, Funding, Money, OtherRights, Participation, Placeholder
from bot.rules.regimes import Regime, TopUps, cofunders
from bot.rules.trace import Trace, number
from bot.rules.training import Verdict

SOURCE = "service-public.fr, F10705"
C2P_SOURCE = "Code du travail, art. L4163-7"
ZERO = Decimal(0)


def _cents(amount: Decimal) -> Decimal:
    """Down to the cent: the CPF never pays more than the rights or the cost."""
    return amount.quantize(CENT, rounding=ROUND_FLOOR)


def read_cost(t: Trace, credit: Credit, verdict: Verdict) -> Decimal | None:
    """The training cost, asked only where the CPF may pay part of it."""
    if not verdict.planned or credit.unit != "EUR" or credit.regime is Regime.CLOSED:
        return None
    cost: Decimal | None
    if verdict.may_be_funded:
        cost = t.facts.get("training_cost")
    else:  # not eligible: a given cost is used (the CPF pays 0 of it), none is asked
        cost = t.facts.optional("training_cost")
    return cost


def assess_funding(
    t: Trace, cost: Decimal | None, verdict: Verdict, balance: Balance, participation: Participation,
    holder: Holder | None = None, credit: Credit | None = None,
) -> Funding | None:
    training = verdict.training
    if cost is None or training is None or balance.amount is None:
        return None
    if not training.eligible:
        code = "funding.undetermined" if not verdict.determined else "funding.not_eligible"
        t.explain(code, {"cost": Money(cost)}, sources=(SOURCE,))
        return Funding(cost, ZERO, ZERO, cost)

    charged = participation.amount if participation.due else ZERO
    net = _cents(max(ZERO, cost - charged))
    cpf_pays = max(ZERO, min(_cents(balance.amount), net))
    if charged > 0 and cpf_pays == 0:
        # Through the CPF the person would pay the participation and get nothing back (a cost
        # not above it, or no rights): no purchase through it, so no participation; one figure.
        t.explain("funding.nothing_from_cpf", {"cost": Money(cost), "participation": Money(charged),
                                               "balance": Money(balance.amount)}, sources=(SOURCE,))
        return Funding(cost, ZERO, ZERO, cost)
    capped = training.cpf_cap is not None and training.cpf_cap < cpf_pays
    if training.cpf_cap is not None:
        cpf_pays = max(ZERO, min(cpf_pays, training.cpf_cap))
    remaining = cost - cpf_pays
    shortfall = net - cpf_pays
    money: dict[str, Placeholder] = {
        "cost": Money(cost), "participation": Money(charged), "cpf_pays": Money(cpf_pays),
        "remaining": Money(remaining), "shortfall": Money(shortfall),
    }
    if capped and training.cpf_cap is not None:
        code = "funding.capped_participation" if charged > 0 else "funding.capped"
        t.explain(code,
                  {**money, "cpf_cap": Money(training.cpf_cap)}, sources=(SOURCE,),
                  uses=() if verdict.cap is None else (verdict.cap,))
    elif shortfall > 0:
        code = "funding.short_participation" if charged > 0 else "funding.short"
        t.explain(code,
                  {**money, "balance": Money(balance.amount)}, sources=(SOURCE,))
    elif charged > 0:
        t.explain("funding.covered", money, sources=(SOURCE,))
    else:
        t.explain("funding.covered_exempt", money, sources=(SOURCE,))
    if participation.exemption is Exemption.EMPLOYER_COFUNDING:
        first, switch = t.switch("funding.earmarked_first")
        if first:
            t.explain("funding.earmarked_first", {"since": switch.since}, uses=(switch,))
    return Funding(cost, charged, cpf_pays, remaining, _cofunded(t, remaining - charged))


def _cofunded(t: Trace, rest: Decimal) -> Decimal | None:
    """What an announced co-funding (its amount given) pays of the rest to fund: at most that
    rest, never the participation. Only where the training rules read it (a light licence's
    co-funding since 2026): reading it here would make it relevant out of interview order."""
    if "cofunding_amount" not in t.facts.read or t.facts.optional("cofunding") in (None, Cofunding.NONE):
        return None
    amount = t.facts.optional("cofunding_amount")
    if amount is None:
        return None
    pays = min(Decimal(amount), max(ZERO, rest))
    if pays > 0:
        t.explain("funding.cofunded", {"amount": Money(Decimal(amount)), "cofunding": Money(pays),
                                       "left": Money(rest - pays)}, sources=(SOURCE,))
    return pays


def look_for_top_ups(
    t: Trace, funding: Funding | None, other_rights: OtherRights | None, verdict: Verdict, balance: Balance,
    holder: Holder | None = None, credit: Credit | None = None,
) -> None:
    """The top-up to look for: what is left once the CPF and the person's other rights (C2P,
    CEC) have paid, less the participation (one figure with the result's, RULES.md section 7)."""
    if funding is None or verdict.training is None or not verdict.training.eligible or balance.amount is None:
        return
    if funding.cpf_pays == 0 and balance.amount > 0:
        return  # a cost not above the participation: paid directly, nothing to top up
    others = other_rights.can_pay if other_rights is not None else ZERO
    remaining = funding.remaining - others - (funding.cofunding or ZERO)
    shortfall = remaining - funding.participation
    if shortfall <= 0:
        return
    step = "find_top_ups_participation" if funding.participation > 0 else "find_top_ups"
    t.step(step, {"cost": Money(funding.cost), "participation": Money(funding.participation),
                  "cpf_pays": Money(funding.cpf_pays), "remaining": Money(remaining), "shortfall": Money(shortfall)})
    _top_up_sources(t, holder, credit)


# Hours accounts (the administration's agents) have no euro funding, hence no top-up step.
TOP_UP_STEPS = {
    TopUps.EMPLOYEE: "top_ups_employee", TopUps.JOB_SEEKER: "top_ups_job_seeker",
    TopUps.SELF_EMPLOYED: "top_ups_self_employed", TopUps.DISABLED: "top_ups_agefiph",
    TopUps.OTHER: "top_ups_other",
}


def _top_up_sources(t: Trace, holder: Holder | None, credit: Credit | None) -> None:
    """Who can top up, by status (RULES.md section 7): an employer and an OPCO only for
    employees, France Travail and the region for job seekers, the FAF for the
    self-employed, Agefiph for BOE holders, the administration for public agents."""
    if holder is None or holder.rules is None:
        return
    group = cofunders(holder.rules, credit is not None and credit.regime is Regime.PUBLIC_HOURS)
    if group in TOP_UP_STEPS:
        t.step(TOP_UP_STEPS[group])
    if credit is not None and credit.disabled and group is not TopUps.DISABLED:
        t.step("top_ups_agefiph")


def assess_other_rights(
    t: Trace, funding: Funding | None, verdict: Verdict, participation: Participation, c2p: bool,
) -> OtherRights | None:
    """C2P points and CEC rights the person can add to what the CPF leaves to pay."""
    if funding is None or verdict.training is None or not verdict.training.eligible:
        return None
    shortfall = funding.remaining - funding.participation - (funding.cofunding or ZERO)
    if shortfall <= 0:
        return None
    c2p_amount = cec = None
    # Before the participation existed (2 May 2024), C2P points were not asked about for it.
    # Only a private-law employee can have C2P points (`c2p`).
    before_participation = c2p and participation.amount == 0 and t.facts.get("uses_c2p") is True
    if participation.exemption is Exemption.C2P or before_participation:
        points = t.facts.get("c2p_points")
        value = t.param("credit.c2p.point_value")
        if points is None:  # "I don't know": what a point pays, and where the points are shown
            t.explain("funding.c2p_points_unknown",
                      {"point_value": Money(number(value)), "point_since": value.since},
                      sources=(C2P_SOURCE,), uses=(value,))
        else:
            c2p_amount = number(value) * points
            t.explain("funding.c2p_points",
                      {"points": points, "point_value": Money(number(value)), "point_since": value.since,
                       "amount": Money(c2p_amount)}, sources=(C2P_SOURCE,), uses=(value,))
    given = t.facts.get("cec_balance")
    if given is not None and given > 0:
        cap = t.param("credit.cec.cap")
        cec = min(Decimal(given), number(cap))
        t.explain("funding.cec_balance", {"amount": Money(cec), "cap": Money(number(cap))},
                  sources=("Code du travail, art. L5151-7",), uses=(cap,))
    if c2p_amount is None and cec is None:
        return None
    can_pay = min(shortfall, (c2p_amount or ZERO) + (cec or ZERO))
    left = funding.remaining - (funding.cofunding or ZERO) - can_pay
    code = "funding.other_rights_participation" if funding.participation > 0 else "funding.other_rights"
    t.explain(code, {"can_pay": Money(can_pay), "remaining": Money(funding.remaining), "left": Money(left),
                     "participation": Money(funding.participation)}, sources=(SOURCE,))
    return OtherRights(c2p_amount, cec, can_pay)
