"""The rules core: a person's answers and a date in, the CPF assessment out.

`assess` is a pure function (no I/O, no clock, no language). It reads the answers only
through `Facts`, and only where a rule needs them for this person, in interview order:
the order of the dialogue's questions (dialogs/cpf.toml; tests/test_rules_properties.py
keeps the list).
`Assessment.relevant` lists what was read and `Assessment.missing` what was read but not
answered, so a dialogue can ask the first missing field and call `assess` again.
An incomplete situation never raises: standard, conservative defaults stand in.

Modules, in evaluation order: account (who has an account), credit (yearly credit and
cap), balance, training (eligibility and per-training cap), participation (flat
participation and exemptions), funding (what the CPF pays), employer (agreement and
notice), next_steps (general next steps). Amounts, dates and regime switches come from a
`ParameterSet` (by default the product's parameters.toml), which travels on the `Trace`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.rules.account import assess_account
from bot.rules.balance import assess_balance, explain_conversion, settle_tier
from bot.rules.credit import assess_credit
from bot.rules.employer import assess_employer
from bot.rules.facts import Facts
from bot.rules.funding import assess_funding, assess_other_rights, look_for_top_ups, read_cost
from bot.rules.model import Assessment
from bot.rules.next_steps import general_steps
from bot.rules.parameters import ParameterSet, product_parameters
from bot.rules.participation import assess_participation, may_use_c2p, settle_early
from bot.rules.trace import Trace, day
from bot.rules.training import assess_training

__all__ = ["ParameterSet", "RulesDateError", "assess", "earliest_date"]


class RulesDateError(ValueError):
    """The rules date is before the earliest date these rules answer for."""

    def __init__(self, as_of: date, earliest: date) -> None:
        super().__init__(f"rules date {as_of.isoformat()} is before {earliest.isoformat()}, "
                         "the earliest date the rules support")
        self.as_of = as_of
        self.earliest = earliest


def earliest_date(parameters: ParameterSet | None = None) -> date:
    """The first date the rules can be evaluated at (the CPF in euros)."""
    return day((parameters or product_parameters()).at("rules.earliest_date", date.max))


def assess(answers: Mapping[str, Any], as_of: date, parameters: ParameterSet | None = None) -> Assessment:
    """The assessment of validated answers (see bot.rules.situation) on the date `as_of`,
    with the product's parameters or another set (a draft, next year's amounts)."""
    chosen = parameters if parameters is not None else product_parameters()
    earliest = earliest_date(chosen)
    if as_of < earliest:
        raise RulesDateError(as_of, earliest)
    t = Trace(Facts(answers), as_of, chosen)
    holder = assess_account(t)
    credit = assess_credit(t, holder)
    balance = assess_balance(t, credit)
    credit = settle_tier(t, credit, balance)
    explain_conversion(t, credit, balance)
    verdict = assess_training(t, holder, credit)
    early = settle_early(t, holder, credit, verdict)
    cost = read_cost(t, credit, verdict)
    participation = assess_participation(t, holder, early)
    funding = assess_funding(t, cost, verdict, balance, participation, holder, credit)
    other_rights = assess_other_rights(t, funding, verdict, participation, may_use_c2p(holder, credit))
    look_for_top_ups(t, funding, other_rights, verdict, balance, holder, credit)
    employer = assess_employer(t, credit, verdict)
    general_steps(t, holder, credit, verdict)
    return Assessment(
        as_of=as_of,
        account=holder.account,
        unit=credit.unit,
        annual_credit=credit.annual,
        cap=credit.cap,
        balance=balance.amount,
        balance_estimated=balance.estimated,
        training=verdict.training,
        participation=participation,
        funding=funding,
        employer=employer,
        next_steps=tuple(t.next_steps),
        explained=tuple(t.explained),
        relevant=tuple(t.facts.read),
        missing=tuple(t.facts.missing),
        other_rights=other_rights,
    )
