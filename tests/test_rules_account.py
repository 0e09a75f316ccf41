"""Who has an account (RULES.md section 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment

ON = date(2025, 6, 1)
WORKING = ("private_employee", "apprentice", "public_agent", "self_employed", "esat_worker")


def run(**answers: Any) -> Assessment:
    return assess(answers, ON)


def codes(a: Assessment) -> list[str]:
    return [e.code for e in a.explanations]


def steps(a: Assessment) -> list[str]:
    return [s.code for s in a.next_steps]


@pytest.mark.parametrize("status", WORKING)
def test_open_from_16_for_working_statuses(status: str) -> None:
    a = run(status=status, age=16)
    assert a.account.open
    assert a.account.reason == ("apprentice" if status == "apprentice" else "working")
    assert "activate_account" in steps(a)


def test_job_seeker_account_is_open() -> None:
    a = run(status="job_seeker", age=40)
    assert a.account.open and a.account.reason == "job_seeker"


@pytest.mark.parametrize("status", ("private_employee", "public_agent", "self_employed", "esat_worker", "job_seeker"))
def test_too_young_below_16(status: str) -> None:
    a = run(status=status, age=15)
    assert not a.account.open and a.account.reason == "too_young"
    assert codes(a) == ["account.too_young"]
    assert a.explanations[0].params == {"age": 15, "min_age": 16}


def test_apprentices_from_15() -> None:
    assert run(status="apprentice", age=15).account.open
    a = run(status="apprentice", age=14)
    assert a.account.reason == "too_young"
    assert a.explanations[0].params["min_age"] == 15


def test_unknown_age_assumes_an_adult_and_says_it_is_missing() -> None:
    a = run(status="private_employee")
    assert a.account.open
    assert "age" in a.missing


def test_retired_account_is_closed_with_cec_rights_only() -> None:
    a = run(status="retired", age=70, training_kind="certification", balance=None)
    assert not a.account.open and a.account.reason == "retired"
    assert codes(a) == ["account.retired", "account.cec"]
    assert steps(a) == ["cec_only"]
    assert a.relevant == ("status",)
    cec = a.explanations[1].params
    assert cec["credit"].amount == 240 and cec["cap"].amount == 720  # type: ignore[union-attr]


def test_not_working_not_registered() -> None:
    a = run(status="not_working")
    assert not a.account.open and a.account.reason == "not_registered"
    assert codes(a) == ["account.not_registered"]
    assert steps(a) == ["register_france_travail"]


@pytest.mark.parametrize(("status", "reason"), [
    ("retired", "retired"), ("not_working", "not_registered"), ("private_employee", "too_young"),
])
def test_closed_accounts_shape(status: str, reason: str) -> None:
    a = run(status=status, age=15, training_kind="certification", training_cost=D(1000))
    assert a.account.reason == reason
    assert (a.annual_credit, a.cap, a.balance, a.balance_estimated) == (0, 0, None, False)
    assert a.training is None and a.funding is None and a.employer is None
    assert a.participation.amount == D("102.23")
    assert a.participation.due is False and a.participation.exemption is None


def test_missing_status_promises_nothing() -> None:
    a = assess({}, ON)
    assert not a.account.open and a.account.reason == "status_unknown"
    assert a.missing == ("status",)
    assert a.annual_credit == 0 and a.cap == 0
