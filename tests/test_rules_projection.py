"""The balance against its cap, and the year the cap is reached at the yearly credit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.rules import assess
from bot.rules.projection import cap_progress

EMPLOYEE = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
            "disability_boe": False}


def test_the_cap_is_reached_after_as_many_yearly_credits_as_it_takes() -> None:
    progress = cap_progress(assess({**EMPLOYEE, "balance": 1200}, date(2026, 6, 1)))
    assert progress is not None and progress.share == Decimal("0.24") and not progress.reached
    assert progress.year == 2034  # 3,800 € to go at 500 € a year: 8 credits, the last paid early in 2034
    assert cap_progress(assess({**EMPLOYEE, "balance": 4999}, date(2026, 6, 1))).year == 2027  # type: ignore[union-attr]
    low = cap_progress(assess({**EMPLOYEE, "diploma": "none", "low_qualification_declared": True, "has_cqp": False,
                               "balance": 1200}, date(2026, 6, 1)))
    assert low is not None and low.cap == 8000 and low.year == 2026 + 9  # 6,800 € at 800 € a year: 8.5, so 9


def test_no_year_without_a_credit_or_at_the_cap_and_nothing_without_a_balance() -> None:
    job_seeker = cap_progress(assess({"status": "job_seeker", "age": 30, "other_status": "none", "balance": 800},
                                     date(2026, 6, 1)))
    assert job_seeker is not None and job_seeker.year is None and not job_seeker.reached
    full = cap_progress(assess({**EMPLOYEE, "balance": 5000}, date(2026, 6, 1)))
    assert full is not None and full.reached and full.year is None
    assert cap_progress(assess(EMPLOYEE, date(2026, 6, 1))) is None  # balance unknown
    assert cap_progress(assess({"status": "private_employee", "age": 15, "balance": 100}, date(2026, 6, 1))) is None
