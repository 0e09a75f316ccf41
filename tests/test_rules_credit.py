"""Yearly credit and cap by status (RULES.md sections 2 and 3), with the official examples."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment, Explanation, Hours, Money

ON = date(2025, 6, 1)


def run(on: date = ON, **answers: Any) -> Assessment:
    return assess(answers, on)


def explanation(a: Assessment, code: str) -> Explanation:
    found = [e for e in a.explanations if e.code == code]
    assert found, f"{code} not in {[e.code for e in a.explanations]}"
    return found[0]


def credit(**answers: Any) -> tuple[D, D]:
    a = run(**answers)
    return a.annual_credit, a.cap


PRIVATE = {"status": "private_employee", "age": 30}


# ---------------------------------------------------------------- private sector

@pytest.mark.parametrize("status", ("private_employee", "apprentice"))
def test_half_time_or_more_full_credit(status: str) -> None:
    a = run(status=status, working_time="half_or_more", diploma="bac", disability_boe=False)
    assert (a.unit, a.annual_credit, a.cap) == ("EUR", 500, 5000)
    full = explanation(a, "credit.full")
    assert full.params["since"] == date(2019, 1, 1)
    assert full.params["half"] == Hours(D("803.5"))
    assert full.confidence == "V"
    assert "Code du travail, art. R6323-1 I" in full.sources


@pytest.mark.parametrize(("hours", "expected"), [
    (D(700), D("217.80")),  # official example
    (D(400), D("124.46")),  # official example
    (D(0), D(0)),
    (D(1), D("0.32")),      # 0.311… rounded up
    (D("803.4"), D("249.97")),
])
def test_under_half_prorata_rounded_up(hours: D, expected: D) -> None:
    a = run(**PRIVATE, working_time="under_half", annual_hours=hours, disability_boe=False)
    assert a.annual_credit == expected and a.cap == 5000
    e = explanation(a, "credit.prorata")
    assert e.params["hours"] == Hours(hours)
    assert e.params["reference"] == Hours(D(1607))
    assert e.params["rate"] == Money(D(500))
    assert e.params["credit"] == Money(expected)


def test_under_half_but_hours_reach_half_get_full_credit() -> None:
    a = run(**PRIVATE, working_time="under_half", annual_hours=D("803.5"), diploma="bac", disability_boe=False)
    assert a.annual_credit == 500
    assert [e.code for e in a.explanations][1:3] == ["credit.hours_reach_half", "credit.full"]


def test_under_half_unknown_hours_counts_nothing_yet() -> None:
    a = run(**PRIVATE, working_time="under_half")
    assert a.annual_credit == 0 and a.cap == 5000
    assert "annual_hours" in a.missing
    explanation(a, "credit.hours_unknown")


@pytest.mark.parametrize("diploma", ("none", "brevet"))
def test_low_qualification_declared(diploma: str) -> None:
    a = run(**PRIVATE, working_time="half_or_more", diploma=diploma, low_qualification_declared=True)
    assert (a.annual_credit, a.cap) == (800, 8000)
    assert "disability_boe" not in a.relevant  # 800 already: the bonus could not raise it
    e = explanation(a, "credit.low_qualification")
    assert e.params["standard"] == Money(D(500))


@pytest.mark.parametrize("diploma", ("none", "brevet"))
def test_low_qualification_not_declared(diploma: str) -> None:
    a = run(**PRIVATE, working_time="half_or_more", diploma=diploma,
            low_qualification_declared=False, disability_boe=False)
    assert (a.annual_credit, a.cap) == (500, 5000)
    e = explanation(a, "credit.low_qualification_undeclared")
    assert e.params["low_credit"] == Money(D(800))
    assert [s for s in a.next_steps if s.code == "declare_low_qualification"][0].params == {
        "low_credit": Money(D(800))}


@pytest.mark.parametrize("diploma", ("cap_bep", "bac", "higher"))
def test_qualified_diplomas_get_standard_rate(diploma: str) -> None:
    a = run(**PRIVATE, working_time="half_or_more", diploma=diploma, disability_boe=False)
    assert (a.annual_credit, a.cap) == (500, 5000)
    assert "low_qualification_declared" not in a.relevant


def test_low_qualification_below_half_time_is_prorata() -> None:
    a = run(**PRIVATE, working_time="under_half", annual_hours=D(700), diploma="none",
            low_qualification_declared=True, disability_boe=False)
    assert a.annual_credit == D("217.80") and a.cap == 5000
    assert "diploma" not in a.relevant and "low_qualification_declared" not in a.relevant


def test_disability_half_time_gives_800() -> None:
    a = run(**PRIVATE, working_time="half_or_more", diploma="bac", disability_boe=True)
    assert (a.annual_credit, a.cap) == (800, 8000)
    e = explanation(a, "credit.disability")
    assert e.params["base"] == Money(D(500)) and e.params["bonus"] == Money(D(300))


def test_disability_400_hours_official_example() -> None:
    a = run(**PRIVATE, working_time="under_half", annual_hours=D(400), disability_boe=True)
    assert (a.annual_credit, a.cap) == (D("424.46"), 8000)
    e = explanation(a, "credit.disability")
    assert e.params["base"] == Money(D("124.46")) and e.params["credit"] == Money(D("424.46"))


def test_low_qualification_and_disability_most_favourable() -> None:
    declared = run(**PRIVATE, working_time="half_or_more", diploma="none",
                   low_qualification_declared=True, disability_boe=True)
    undeclared = run(**PRIVATE, working_time="half_or_more", diploma="none",
                     low_qualification_declared=False, disability_boe=True)
    assert (declared.annual_credit, declared.cap) == (800, 8000)
    assert (undeclared.annual_credit, undeclared.cap) == (800, 8000)
    # Declaring would change nothing then: no such step.
    assert "declare_low_qualification" not in [s.code for s in undeclared.next_steps]


# ---------------------------------------------------------------- other statuses

@pytest.mark.parametrize("working_time", ("half_or_more", "under_half"))
def test_esat_800_whatever_the_time(working_time: str) -> None:
    a = run(status="esat_worker", age=30, working_time=working_time, annual_hours=D(100))
    assert (a.annual_credit, a.cap) == (800, 8000)
    assert "working_time" not in a.relevant


def test_self_employed_prorata_official_example() -> None:
    a = run(status="self_employed", age=40, activity_months=7, cfp_paid=True)
    assert (a.annual_credit, a.cap) == (D("291.67"), 5000)
    e = explanation(a, "credit.self_employed")
    assert e.params["months"] == 7 and e.params["months_per_year"] == 12
    assert e.confidence == "V"


def test_self_employed_full_year() -> None:
    assert credit(status="self_employed", activity_months=12, cfp_paid=True) == (500, 5000)


def test_self_employed_without_cfp_earns_nothing() -> None:
    a = run(status="self_employed", age=40, activity_months=12, cfp_paid=False)
    assert (a.annual_credit, a.cap) == (0, 5000)
    assert explanation(a, "credit.self_employed_no_cfp").confidence == "S"


def test_self_employed_cfp_unknown_is_assumed_paid_and_flagged() -> None:
    a = run(status="self_employed", age=40, activity_months=6)
    assert a.annual_credit == 250
    assert explanation(a, "credit.self_employed_cfp_unknown").confidence == "S"
    assert "cfp_paid" in a.missing


def test_job_seeker_earns_nothing_while_unemployed() -> None:
    a = run(status="job_seeker", age=30)
    assert (a.unit, a.annual_credit, a.cap) == ("EUR", 0, 5000)
    explanation(a, "credit.job_seeker")


def test_public_agent_hours() -> None:
    a = run(status="public_agent", age=30, consular_network=False, public_category="A")
    assert (a.unit, a.annual_credit, a.cap) == ("hours", 25, 150)
    e = explanation(a, "credit.public")
    assert e.params["credit"] == Hours(D(25))


@pytest.mark.parametrize("diploma", ("none", "brevet"))
def test_public_category_c_low_qualification(diploma: str) -> None:
    a = run(status="public_agent", age=30, consular_network=False, public_category="C", diploma=diploma)
    assert (a.unit, a.annual_credit, a.cap) == ("hours", 50, 400)
    explanation(a, "credit.public_low_qualification")


def test_public_category_c_with_cap_bep_is_standard_and_says_why() -> None:
    a = run(status="public_agent", age=30, consular_network=False, public_category="C", diploma="cap_bep")
    assert (a.annual_credit, a.cap) == (25, 150)
    explanation(a, "credit.public_cap_bep")


@pytest.mark.parametrize("category", ("A", "B"))
def test_public_categories_a_b_never_asked_diploma(category: str) -> None:
    a = run(status="public_agent", age=30, consular_network=False, public_category=category)
    assert "diploma" not in a.relevant


def test_consular_network_switches_to_euros_on_3_may_2025() -> None:
    answers = {"status": "public_agent", "age": 30, "consular_network": True,
               "working_time": "half_or_more", "diploma": "bac", "disability_boe": False}
    before = assess(answers, date(2025, 5, 2))
    after = assess(answers, date(2025, 5, 3))
    # Before: the former hours rules of décret 2017-1872 (24 h a year up to 120 h, then 12 h to 150 h).
    assert (before.unit, before.annual_credit, before.cap) == ("hours", 24, 150)
    assert (after.unit, after.annual_credit, after.cap) == ("EUR", 500, 5000)
    # Both regimes are "to be confirmed" (décret 2025-393 seen only through secondary sources).
    hours = explanation(before, "credit.consular_hours")
    assert hours.confidence == "S" and "Décret 2017-1872 du 29 décembre 2017" in hours.sources
    assert hours.params["threshold"] == Hours(D(120)) and hours.params["tier_credit"] == Hours(D(12))
    assert explanation(after, "credit.consular_euros").confidence == "S"
    assert explanation(after, "credit.full").confidence == "S"
    assert "public_category" not in before.relevant and "public_category" not in after.relevant
    assert "working_time" not in before.relevant and "working_time" in after.relevant


def test_consular_agent_prorata_in_euros() -> None:
    a = run(status="public_agent", age=30, consular_network=True, working_time="under_half",
            annual_hours=D(700), disability_boe=False)
    assert a.annual_credit == D("217.80")


def test_credit_is_the_same_on_every_date() -> None:
    answers = {**PRIVATE, "working_time": "under_half", "annual_hours": D(700), "disability_boe": False}
    for on in ("2019-01-01", "2023-06-01", "2024-03-01", "2024-07-01", "2025-06-01", "2026-06-01"):
        assert assess(answers, date.fromisoformat(on)).annual_credit == D("217.80")


# ---------------------------------------------------------------- issue 10: credit rules

@pytest.mark.parametrize(("months", "expected"), [(5, D("208.34")), (7, D("291.67")), (1, D("41.67")), (12, D(500))])
def test_self_employed_prorata_is_rounded_up_to_the_cent(months: int, expected: D) -> None:
    a = run(status="self_employed", age=40, activity_months=months, cfp_paid=True, other_status="none")
    assert a.annual_credit == expected  # 5 months: 208.34, not 208.33 (R6323-22)


EMPLOYEE_UNDER_HALF: dict[str, Any] = {"status": "private_employee", "age": 30, "working_time": "under_half",
                                       "disability_boe": False, "other_status": "none"}


@pytest.mark.parametrize(("leave", "counted", "expected"), [
    (D(400), True, D(500)),          # 500 h worked + 400 h of maternity leave: at least half, full credit
    (D(400), False, D("155.57")),    # the leave not declared: the prorata of the hours worked
    (D(100), True, D("186.69")),     # 600 h in all: 500 × 600 ÷ 1,607 = 186.683…, rounded up
])
def test_leave_counts_as_work_time_for_the_credit(leave: D, counted: bool, expected: D) -> None:
    a = run(**EMPLOYEE_UNDER_HALF, reference_basis="legal", annual_hours=D(500), counted_leave=counted,
            leave_time=leave)
    assert a.annual_credit == expected
    assert ("leave_time" in a.relevant) is counted
    if counted:
        e = explanation(a, "credit.leave_hours")
        assert "Code du travail, art. L6323-12" in e.sources and e.params["total"] == Hours(D(500) + leave)


def test_leave_is_asked_only_below_half() -> None:
    assert "counted_leave" not in run(**EMPLOYEE_UNDER_HALF, annual_hours=D(900)).relevant
    assert "counted_leave" in run(**EMPLOYEE_UNDER_HALF, annual_hours=D(800)).missing


def test_the_collective_agreement_s_duration_is_the_reference() -> None:
    a = run(**EMPLOYEE_UNDER_HALF, reference_basis="agreement", reference_hours=D(1500), annual_hours=D(300),
            counted_leave=False)
    assert a.annual_credit == D(100)  # 500 × 300 ÷ 1,500
    assert explanation(a, "credit.prorata_agreement").params["reference"] == Hours(D(1500))
    assert run(**EMPLOYEE_UNDER_HALF, reference_basis="agreement", reference_hours=D(1500),
               annual_hours=D(750)).annual_credit == 500  # half of 1,500 reached


@pytest.mark.parametrize(("package", "days", "expected"), [
    (218, D(50), D("114.68")),   # 500 × 50 ÷ 218, rounded up
    (230, D(50), D("114.68")),   # a package above 218 days counts as 218
    (218, D(109), D(500)),       # half the package: the full credit
    (200, D(50), D(125)),
])
def test_a_days_package_is_the_reference(package: int, days: D, expected: D) -> None:
    a = run(**EMPLOYEE_UNDER_HALF, reference_basis="days_package", package_days=package, worked_days=days,
            counted_leave=False)
    assert a.annual_credit == expected
    assert "annual_hours" not in a.relevant and "worked_days" in a.relevant


@pytest.mark.parametrize(("answers", "expected", "cap"), [
    ({**EMPLOYEE_UNDER_HALF, "annual_hours": D(700), "counted_leave": False, "other_status": "self_employed",
      "other_months": 6}, D(250), D(5000)),
    ({**EMPLOYEE_UNDER_HALF, "annual_hours": D(700), "counted_leave": False, "other_status": "esat_worker"},
     D(800), D(8000)),
    ({**EMPLOYEE_UNDER_HALF, "annual_hours": D(700), "counted_leave": False, "other_status": "self_employed",
      "other_months": 1}, D("217.80"), D(5000)),
    ({"status": "job_seeker", "age": 30, "other_status": "private_employee", "other_hours": D(400)},
     D("124.46"), D(5000)),
    ({"status": "job_seeker", "age": 30, "other_status": "none"}, D(0), D(5000)),
    ({"status": "self_employed", "age": 30, "activity_months": 4, "cfp_paid": True,
      "other_status": "private_employee", "other_hours": D(1000)}, D(500), D(5000)),
])
def test_several_situations_in_a_year_give_the_most_favourable(answers: dict[str, Any], expected: D,
                                                                 cap: D) -> None:
    a = run(**answers)
    assert (a.annual_credit, a.cap) == (expected, cap)
    if answers.get("other_status") != "none":
        assert explanation(a, "credit.several_situations").params["credit"] == Money(expected)


def test_a_full_year_is_not_asked_about_another_situation() -> None:
    assert "other_status" not in run(status="self_employed", activity_months=12, cfp_paid=True).relevant
    assert "other_status" not in run(**PRIVATE, working_time="half_or_more").relevant


@pytest.mark.parametrize(("cqp", "expected"), [(True, 500), (False, 800)])
def test_a_branch_certificate_cqp_is_a_qualification(cqp: bool, expected: int) -> None:
    a = run(**PRIVATE, working_time="half_or_more", diploma="none", low_qualification_declared=True, has_cqp=cqp,
            disability_boe=False)
    assert a.annual_credit == expected
    if cqp:
        explanation(a, "credit.cqp_not_low")
    assert "has_cqp" not in run(**PRIVATE, working_time="half_or_more", diploma="none",
                                low_qualification_declared=False).relevant


PUBLIC: dict[str, Any] = {"status": "public_agent", "age": 40, "consular_network": False, "public_category": "B",
                          "public_time": "full_time"}


@pytest.mark.parametrize(("on", "annual", "low"), [(date(2019, 12, 31), 24, 48), (date(2020, 1, 1), 25, 50)])
def test_public_agents_hours_before_and_from_2020(on: date, annual: int, low: int) -> None:
    a = assess(PUBLIC, on)
    assert (a.unit, a.annual_credit, a.cap) == ("hours", annual, 150)
    c = assess({**PUBLIC, "public_category": "C", "diploma": "none"}, on)
    assert (c.annual_credit, c.cap) == (low, 400)
    if on.year == 2019:
        e = explanation(a, "credit.public_before_2020")
        assert e.confidence == "S" and e.params["threshold"] == Hours(D(120))
        tier = assess({**PUBLIC, "balance": D(130)}, on)
        assert tier.annual_credit == 12  # above 120 h: 12 h a year
        assert explanation(tier, "credit.tier_reached").params["credit"] == Hours(D(12))
    else:
        assert "Décret 2019-1392 du 17 décembre 2019" in explanation(a, "credit.public").sources


def test_consular_agents_before_2025_above_120_hours_earn_12() -> None:
    a = assess({"status": "public_agent", "age": 30, "consular_network": True, "balance": D(140)}, date(2025, 5, 2))
    assert (a.annual_credit, a.cap) == (10, 150)  # 12 h, but only 10 left below the cap


@pytest.mark.parametrize(("time", "hours", "expected"), [
    ("part_time", None, 25), ("incomplete_post", D(20), 15), ("incomplete_post", D(28), 20),
    ("incomplete_post", D(35), 25), ("full_time", None, 25),
])
def test_public_part_time_full_rights_incomplete_post_prorated_up(time: str, hours: D | None, expected: int) -> None:
    answers = {**PUBLIC, "public_time": time} | ({} if hours is None else {"post_weekly_hours": hours})
    a = assess(answers, date(2025, 6, 1))
    assert a.annual_credit == expected  # 25 × 20 ÷ 35 = 14.3 → 15 h
    if time == "incomplete_post" and expected != 25:
        assert explanation(a, "credit.public_incomplete_post").confidence == "S"


def test_public_agents_told_the_unfitness_credit_and_the_conversion() -> None:
    a = assess({**PUBLIC, "balance": D(40)}, date(2025, 6, 1))
    assert explanation(a, "credit.public_unfitness").params["extra"] == Hours(D(150))
    conversion = explanation(a, "balance.conversion_amount")
    assert conversion.params["euros"] == Money(D(600)) and conversion.confidence == "S"


# ---------------------------------------------------------------- the most favourable, whatever the hours

UNDER_HALF_ESAT: dict[str, Any] = {"status": "private_employee", "working_time": "under_half",
                                   "other_status": "esat_worker"}


@pytest.mark.parametrize("answers", [
    {**UNDER_HALF_ESAT},                                                            # half = 803.5 h
    {**UNDER_HALF_ESAT, "reference_basis": "agreement", "reference_hours": D(1)},  # half = 0.5 h
])
@pytest.mark.parametrize("hours", [D("0.00"), D("0.50"), D("803.50"), D(1600)])
def test_an_esat_period_gives_800_also_when_the_hours_reach_half(answers: dict[str, Any], hours: D) -> None:
    """The hypothesis counter-example of test_credit_never_decreases_as_hours_grow: 0 h gave
    800 (the ESAT worker's credit, the most favourable) and reaching half time gave 500, as
    if the other situation no longer counted."""
    a = assess({**answers, "annual_hours": hours}, date(2019, 1, 1))
    assert (a.annual_credit, a.cap) == (800, 8000)
    assert explanation(a, "credit.several_situations").params["credit"] == Money(D(800))


def test_a_full_year_self_employed_with_an_esat_period_gets_800() -> None:
    answers = {"status": "self_employed", "age": 30, "cfp_paid": True, "other_status": "esat_worker"}
    assert credit(**answers, activity_months=11) == credit(**answers, activity_months=12) == (800, 8000)


@pytest.mark.parametrize("hours", [D(0), D(400), D("803.5"), D(1600)])
def test_the_disability_bonus_is_part_of_the_employee_situation_not_added_to_the_other(hours: D) -> None:
    """BOE: the employee situation gives its credit + 300, the ESAT period 800; the most
    favourable of the two is 800 (not 800 + 300)."""
    assert credit(**UNDER_HALF_ESAT, annual_hours=hours, counted_leave=False, disability_boe=True) == (800, 8000)


def test_a_known_other_situation_counts_at_full_time_without_being_asked() -> None:
    a = run(**PRIVATE, working_time="half_or_more", diploma="bac", disability_boe=False)
    assert "other_status" not in a.relevant and "other_status" not in a.missing
    b = run(**PRIVATE, working_time="half_or_more", diploma="bac", disability_boe=False,
            other_status="private_employee")
    assert "other_hours" not in b.missing and (b.annual_credit, b.cap) == (500, 5000)


def test_an_other_situation_that_is_the_main_one_is_counted_once() -> None:
    """A session saved before such an answer was refused: the 6 months give 250 €, not a whole year."""

    a = assess({"status": "self_employed", "age": 40, "activity_months": 6, "cfp_paid": True,
                "other_status": "self_employed", "other_months": 12}, date(2026, 6, 1))
    assert a.annual_credit == 250 and "credit.several_situations" not in [e.code for e in a.explanations]
