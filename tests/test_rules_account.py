"""Who has an account (RULES.md section 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.parameters import param
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


def test_retired_past_the_full_rate_age_keeps_cec_rights_only() -> None:
    a = run(status="retired", age=70, training_kind="certification", balance=None)
    assert not a.account.open and a.account.reason == "end_of_active_life"
    assert codes(a) == ["account.full_rate_age_retired", "account.cec"]
    assert steps(a) == ["cec_only"]
    assert a.relevant == ("status", "age")
    cec = a.explanations[1].params
    assert cec["credit"].amount == 240 and cec["cap"].amount == 720  # type: ignore[union-attr]


def test_not_working_not_registered() -> None:
    a = run(status="not_working")
    assert not a.account.open and a.account.reason == "not_registered"
    assert codes(a) == ["account.not_registered"]
    assert steps(a) == ["register_france_travail"]
    assert a.missing == ("worked_before",)  # asked: it decides whether the account exists


def test_not_working_never_worked_has_no_account_yet() -> None:
    a = run(status="not_working", worked_before=False)
    assert not a.account.open and a.account.reason == "not_registered"
    assert codes(a) == ["account.never_worked"] and a.explanations[0].sources == ("service-public.fr, F10705",)
    assert steps(a) == ["register_france_travail"] and a.missing == ()


def test_not_working_after_working_keeps_the_rights_earned() -> None:
    """L6323-2: the account follows the person when they stop working; no credit meanwhile (F10705)."""
    a = run(status="not_working", worked_before=True, age=45, other_status="none", balance=D(900),
            training_kind="certification", cofunding="none", training_cost=D(1500))
    assert a.account.open and a.account.reason == "worked_before"
    assert (a.annual_credit, a.cap, a.balance) == (0, 5000, 900)
    assert "account.worked_before" in codes(a) and "credit.not_working" in codes(a)
    kept = next(e for e in a.explanations if e.code == "account.worked_before")
    assert "Code du travail, art. L6323-2" in kept.sources
    assert a.participation.due and a.funding is not None and a.funding.cpf_pays == 900
    assert "register_if_job_seeking" in steps(a) and a.employer is None


def test_not_working_after_67_is_the_end_of_active_life() -> None:
    a = run(status="not_working", worked_before=True, age=68)
    assert not a.account.open and a.account.reason == "end_of_active_life"


@pytest.mark.parametrize(("status", "reason"), [
    ("retired", "pension_rate_unknown"), ("not_working", "not_registered"), ("private_employee", "too_young"),
    ("not_working", "too_young"),
])
def test_closed_accounts_shape(status: str, reason: str) -> None:
    worked = {"worked_before": True} if reason == "too_young" and status == "not_working" else {}
    a = run(status=status, age=15, training_kind="certification", training_cost=D(1000), **worked)
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


# ---------------------------------------------------------------- end of active life (L5421-4)

@pytest.mark.parametrize(("age", "open_"), [(66, True), (67, False), (68, False)])
def test_a_worker_stops_accruing_and_using_rights_at_67(age: int, open_: bool) -> None:
    """An employee of 68 was told the account earns 500 € a year: wrong (L5421-4 3°)."""
    a = run(status="private_employee", age=age, receives_pension=False, working_time="half_or_more",
            diploma="bac", disability_boe=False)
    assert a.account.open is open_
    if not open_:
        assert a.account.reason == "end_of_active_life" and a.annual_credit == 0
        assert codes(a)[:2] == ["account.full_rate_age_working", "account.cec"]
        assert "receives_pension" not in a.relevant
    else:
        assert a.annual_credit == 500


@pytest.mark.parametrize(("age", "asked"), [(54, False), (55, True), (66, True)])
def test_the_pension_is_asked_from_the_earliest_early_retirement_age(age: int, asked: bool) -> None:
    a = run(status="private_employee", age=age)
    assert ("receives_pension" in a.missing) is asked
    assert param("account.pension_question_age", ON).confidence == "S"


def test_a_full_rate_pension_stops_the_rights_even_while_working() -> None:
    a = run(status="private_employee", age=62, receives_pension=True, pension_full_rate=True)
    assert not a.account.open and a.account.reason == "end_of_active_life"
    assert codes(a) == ["account.full_rate_pension_working", "account.cec"]
    assert "Code du travail, art. L5421-4" in a.explanations[0].sources


def test_a_reduced_pension_below_67_keeps_the_rights_while_working() -> None:
    a = run(status="private_employee", age=62, receives_pension=True, pension_full_rate=False,
            working_time="half_or_more", diploma="bac", disability_boe=False)
    assert a.account.open and a.annual_credit == 500
    reduced = [e for e in a.explanations if e.code == "account.reduced_pension_working"][0]
    assert reduced.confidence == "S"


def test_an_unknown_pension_rate_promises_nothing() -> None:
    a = run(status="self_employed", age=60, receives_pension=True)
    assert not a.account.open and a.account.reason == "pension_rate_unknown"
    assert a.missing == ("pension_full_rate",)


@pytest.mark.parametrize(("age", "full", "open_", "reason"), [
    (62, False, True, "reduced_pension"),
    (66, False, True, "reduced_pension"),
    (67, False, False, "end_of_active_life"),
    (62, True, False, "end_of_active_life"),
])
def test_retired_is_not_account_closed(age: int, full: bool, open_: bool, reason: str) -> None:
    a = run(status="retired", age=age, pension_full_rate=full, balance=D(900))
    assert (a.account.open, a.account.reason) == (open_, reason)
    if open_:
        assert a.annual_credit == 0 and a.cap == 5000 and a.balance == 900
        assert "account.reduced_pension" in codes(a)
        assert [e for e in a.explanations if e.code == "credit.pensioner"][0].confidence == "S"
    else:
        assert "account.cec" in codes(a) and steps(a) == ["cec_only"]


@pytest.mark.parametrize("answers", [{"status": "retired", "age": 63},
                                     {"status": "private_employee", "age": 62, "receives_pension": True}])
def test_an_unknown_pension_rate_says_what_each_rate_would_give(answers: dict[str, Any]) -> None:
    """"I don't know" the rate (L5421-4): no rights promised, and a first step saying that a
    reduced pension below 67 keeps them and a full-rate one ends their use."""
    a = run(**answers)
    assert (a.account.open, a.account.reason) == (False, "pension_rate_unknown")
    assert a.missing == ("pension_full_rate",) and "account.pension_rate_unknown" in codes(a)
    assert a.next_steps[0].code == "check_pension_rate" and a.next_steps[0].params == {"full_rate_age": 67}


def test_a_retired_person_is_asked_the_age_then_the_pension_rate() -> None:
    assert run(status="retired").missing == ("age",)
    assert run(status="retired", age=63).missing == ("pension_full_rate",)
    assert "pension_full_rate" not in run(status="retired", age=67).relevant


@pytest.mark.parametrize(("pension", "reason", "code"), [
    ({"receives_pension": False}, "worked_before", "account.worked_before"),
    ({"receives_pension": True, "pension_full_rate": False}, "reduced_pension", "account.reduced_pension"),
    ({"receives_pension": True, "pension_full_rate": True}, "end_of_active_life", "account.full_rate_pension"),
])
def test_not_working_after_working_from_55_is_asked_about_a_pension(pension: dict[str, Any], reason: str,
                                                                      code: str) -> None:
    """Not working and drawing a pension is retirement: a full-rate pension ends the use of the
    rights, a reduced one below 67 keeps them (L5421-4)."""
    asked = run(status="not_working", worked_before=True, age=60)
    assert asked.missing[0] == "receives_pension"
    a = run(status="not_working", worked_before=True, age=60, **pension)
    assert a.account.reason == reason and a.explanations[0].code == code
