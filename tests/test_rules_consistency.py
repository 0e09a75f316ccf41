"""Figures that must agree with each other (found in review)."""

from datetime import date
from decimal import Decimal

from bot.rules import assess

ON = date(2026, 6, 1)
EMPLOYEE = {"status": "private_employee", "working_time": "half_or_more", "diploma": "bac", "disability_boe": False}


def test_an_ineligible_training_owes_no_participation() -> None:
    a = assess({**EMPLOYEE, "training_kind": "other", "balance": Decimal(1000), "training_cost": Decimal(500)}, ON)
    assert a.participation.due is False and a.participation.exemption is None
    assert a.funding is not None and a.funding.participation == 0 and a.funding.cpf_pays == 0
    assert "participation.no_purchase" in [e.code for e in a.explanations]


def test_without_a_training_the_participation_is_due_on_a_purchase() -> None:
    assert assess(EMPLOYEE, ON).participation.due is True


def test_a_declared_low_qualification_is_not_counted_for_past_years() -> None:
    a = assess({**EMPLOYEE, "diploma": "none", "low_qualification_declared": True, "balance": None,
                "years_worked": Decimal(12)}, ON)
    assert a.annual_credit == 800 and a.cap == 8000
    assert a.balance == 6000 and a.balance_estimated  # 12 × 500, the standard rate


def test_the_disability_bonus_waits_for_the_hours() -> None:
    unknown = assess({**EMPLOYEE, "working_time": "under_half", "disability_boe": True}, ON)
    assert unknown.annual_credit == 0 and "annual_hours" in unknown.missing
    known = assess({**EMPLOYEE, "working_time": "under_half", "annual_hours": Decimal(400), "disability_boe": True}, ON)
    assert known.annual_credit == Decimal("424.46")


# ---------------------------------------------------------------- RULES.md section 7

import pytest  # noqa: E402

from bot.rules.situation import SituationError, validate  # noqa: E402


@pytest.mark.parametrize(("start", "passed"), [(date(2026, 5, 31), True), (date(2026, 6, 1), False)])
def test_a_training_start_before_the_rules_date_is_not_a_plan(start: date, passed: bool) -> None:
    a = assess({**EMPLOYEE, "training_kind": "certification", "during_work_hours": True,
                "training_start": start, "training_months": Decimal(2)}, ON)
    assert a.employer is not None
    codes = [e.code for e in a.explanations]
    assert ("employer.start_passed" in codes) is passed
    if passed:
        assert a.employer.ask_before is None and "choose_new_start" in [s.code for s in a.next_steps]


@pytest.mark.parametrize(("age", "ok"), [(13, False), (14, True), (15, True), (120, True), (121, False)])
def test_implausible_ages_are_refused(age: int, ok: bool) -> None:
    if ok:
        assert validate({"status": "private_employee", "age": age})["age"] == age
    else:
        with pytest.raises(SituationError) as caught:
            validate({"status": "private_employee", "age": age})
        assert caught.value.problems[0].code == "out_of_range"


def test_a_14_year_old_is_accepted_with_the_account_rules() -> None:
    a = assess({"status": "apprentice", "age": 14}, ON)
    assert not a.account.open and a.account.reason == "too_young"


def test_one_remaining_figure_names_the_participation() -> None:
    a = assess({**EMPLOYEE, "training_kind": "certification", "cofunding": "none", "uses_c2p": False,
                "incapacity_retraining": False, "balance": Decimal(3000), "training_cost": Decimal(1000)}, ON)
    assert a.funding is not None and a.funding.remaining == a.funding.cost - a.funding.cpf_pays
    covered = [e for e in a.explanations if e.code == "funding.covered"][0]
    assert covered.params["remaining"] == covered.params["participation"]
