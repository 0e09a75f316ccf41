"""What the CPF pays for the planned training and what is left to pay (CONTRACT.md;
service-public F10705): cpf_pays = min(balance, cost − participation if due else cost,
the training's CPF cap), never below 0, and 0 for a training that is not eligible;
remaining = cost − cpf_pays. Only for euro accounts with a known (or estimated) balance.

Reads `training_cost` for a planned training on a euro account.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from bot.rules.balance import Balance
from bot.rules.credit import Credit
from bot.rules.regimes import Regime
from bot.rules.model import CENT, Funding, Money, Participation, Placeholder
from bot.rules.trace import Trace
from bot.rules.training import Verdict

SOURCE = "service-public.fr, F10705"
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
    capped = training.cpf_cap is not None and training.cpf_cap < cpf_pays
    if training.cpf_cap is not None:
        cpf_pays = max(ZERO, min(cpf_pays, training.cpf_cap))
    remaining = cost - cpf_pays
    shortfall = net - cpf_pays
    money: dict[str, Placeholder] = {
        "cost": Money(cost), "participation": Money(charged), "cpf_pays": Money(cpf_pays),
        "remaining": Money(remaining), "shortfall": Money(shortfall),
    }
    if capped:
        assert training.cpf_cap is not None
        t.explain("funding.capped", {**money, "cpf_cap": Money(training.cpf_cap)}, sources=(SOURCE,),
                  uses=() if verdict.cap is None else (verdict.cap,))
    elif shortfall > 0:
        t.explain("funding.short", {**money, "balance": Money(balance.amount)}, sources=(SOURCE,))
    elif charged > 0:
        t.explain("funding.covered", money, sources=(SOURCE,))
    else:
        t.explain("funding.covered_exempt", money, sources=(SOURCE,))
    if shortfall > 0:
        t.step("find_top_ups", {"shortfall": Money(shortfall)})
    return Funding(cost, charged, cpf_pays, remaining)
