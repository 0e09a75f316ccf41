"""The balance: given, estimated from the years worked, or unknown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

from bot.rules import assess
from bot.rules.model import Assessment, Hours, Money

ON = date(2025, 6, 1)
PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more",
           "diploma": "bac", "disability_boe": False}


def run(**answers: Any) -> Assessment:
    return assess(answers, ON)


def codes(a: Assessment) -> list[str]:
    return [e.code for e in a.explanations]


def test_given_balance_is_used_and_years_not_asked() -> None:
    a = run(**PRIVATE, balance=D("1234.5"), years_worked=D(3))
    assert (a.balance, a.balance_estimated) == (D("1234.5"), False)
    assert "years_worked" not in a.relevant
    assert "balance.given" in codes(a)


def test_unknown_balance_estimated_from_years() -> None:
    a = run(**PRIVATE, balance=None, years_worked=D(3))
    assert (a.balance, a.balance_estimated) == (1500, True)
    e = [e for e in a.explanations if e.code == "balance.estimated"][0]
    assert e.params == {"years": D(3), "rate": Money(D(500)), "cap": Money(D(5000)), "balance": Money(D(1500))}


def test_estimate_is_capped() -> None:
    assert run(**PRIVATE, balance=None, years_worked=D(40)).balance == 5000


def test_estimate_uses_the_person_s_credit() -> None:
    a = run(status="private_employee", age=30, working_time="under_half", annual_hours=D(700),
            disability_boe=False, balance=None, years_worked=D("2.5"))
    assert a.balance == D("544.50")


def test_job_seeker_estimate_uses_full_time_private_rate() -> None:
    a = run(status="job_seeker", age=30, balance=None, years_worked=D(4))
    assert (a.balance, a.balance_estimated) == (2000, True)
    assert "balance.estimated_job_seeker" in codes(a)


def test_public_agent_estimate_in_hours() -> None:
    a = run(status="public_agent", age=30, consular_network=False, public_category="A",
            balance=None, years_worked=D(10))
    assert (a.unit, a.balance, a.balance_estimated) == ("hours", 150, True)
    e = [e for e in a.explanations if e.code == "balance.estimated"][0]
    assert e.params["balance"] == Hours(D(150))


def test_neither_balance_nor_years() -> None:
    a = run(**PRIVATE, balance=None)
    assert (a.balance, a.balance_estimated) == (None, False)
    assert "years_worked" in a.missing
    assert "balance.unknown" in codes(a)


def test_balance_not_asked_on_a_closed_account() -> None:
    a = run(status="retired", balance=D(300))
    assert a.balance is None and "balance" not in a.relevant
