"""The evaluation itself: each rule module in turn, one `Trace`, one `Assessment`.

`bot.rules.assess` calls `evaluate`; the rule modules are imported with this module, on
the first assessment, not when `bot.rules` is (the first question needs none of them).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.rules import check_date
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
from bot.rules.trace import Trace
from bot.rules.training import assess_training


def evaluate(answers: Mapping[str, Any], as_of: date, parameters: ParameterSet | None = None) -> Assessment:
    """`bot.rules.assess`: see there."""
    chosen = parameters if parameters is not None else product_parameters()
    check_date(as_of, chosen)
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
