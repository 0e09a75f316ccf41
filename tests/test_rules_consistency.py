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
