"""Which answers the rules read for a person (`relevant`) and which are still missing,
in interview order: the dialogue asks the first missing one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.dialogue.definition import cpf_dialogue
from bot.rules import assess
from bot.rules.model import Assessment

ORDER = cpf_dialogue().order  # the interview order is the dialogue's
ON = date(2025, 6, 1)
FULL_PRIVATE: dict[str, Any] = {
    "status": "private_employee", "age": 30, "working_time": "under_half", "reference_basis": "legal",
    "annual_hours": D(700), "counted_leave": False, "other_status": "none", "diploma": "none", "low_qualification_declared": True, "disability_boe": True, "balance": None,
    "years_worked": D(3), "training_kind": "certification", "cofunding": "none", "training_cost": D(1000),
    "uses_c2p": False, "incapacity_retraining": False, "during_work_hours": True,
    "training_start": date(2025, 12, 1), "training_months": D(2),
}


def run(on: date = ON, **answers: Any) -> Assessment:
    return assess(answers, on)


def in_order(fields: tuple[str, ...]) -> bool:
    positions = [ORDER.index(f) for f in fields]
    return positions == sorted(positions)


def test_a_full_private_interview_reads_in_order() -> None:
    a = run(**FULL_PRIVATE)
    assert a.relevant == ("status", "age", "working_time", "reference_basis", "annual_hours", "counted_leave",
                          "other_status", "disability_boe", "balance", "years_worked", "training_kind", "cofunding", "training_cost", "uses_c2p",
                          "incapacity_retraining", "during_work_hours", "training_start", "training_months")
    assert a.missing == ()


def test_asking_one_question_at_a_time_follows_the_order() -> None:
    """Answer the first missing field each time: the questions come in interview order."""
    answers: dict[str, Any] = {}
    asked: list[str] = []
    for _ in range(len(ORDER)):
        a = run(**answers)
        if not a.missing:
            break
        field = a.missing[0]
        asked.append(field)
        answers[field] = FULL_PRIVATE[field]
    assert in_order(tuple(asked))
    assert asked == list(run(**FULL_PRIVATE).relevant)


def test_half_time_employee_never_asked_hours() -> None:
    a = run(status="private_employee", working_time="half_or_more")
    assert "annual_hours" not in a.relevant


def test_declaration_only_for_low_diploma_at_half_time() -> None:
    assert "low_qualification_declared" in run(status="private_employee", working_time="half_or_more",
                                               diploma="brevet").relevant
    assert "low_qualification_declared" not in run(status="private_employee", working_time="half_or_more",
                                                   diploma="bac").relevant
    assert "diploma" not in run(status="private_employee", working_time="under_half",
                                annual_hours=D(100)).relevant


def test_retired_asked_only_age_and_pension_rate() -> None:
    assert run(**{**FULL_PRIVATE, "status": "retired"}).relevant == ("status", "age", "pension_full_rate")


def test_not_working_asked_only_whether_they_worked_before() -> None:
    assert run(**{**FULL_PRIVATE, "status": "not_working", "worked_before": False}).relevant == (
        "status", "worked_before")


def test_not_working_after_working_is_asked_the_balance_and_the_training() -> None:
    relevant = run(**{**FULL_PRIVATE, "status": "not_working", "worked_before": True}).relevant
    assert relevant[:3] == ("status", "worked_before", "age")
    assert {"balance", "training_kind", "training_cost"} <= set(relevant)
    assert not {"working_time", "diploma", "during_work_hours"} & set(relevant)


def test_too_young_stops_after_age() -> None:
    assert run(**{**FULL_PRIVATE, "age": 15}).relevant == ("status", "age")


def test_public_category_only_for_non_consular_agents() -> None:
    assert "public_category" in run(status="public_agent", consular_network=False).relevant
    assert "public_category" not in run(status="public_agent", consular_network=True).relevant
    assert "public_category" not in run(status="private_employee").relevant
    assert "consular_network" not in run(status="private_employee").relevant


def test_public_agent_questions() -> None:
    a = run(status="public_agent", age=40, consular_network=False, public_category="C", public_time="full_time",
            diploma="none", balance=D(100), training_kind="certification")
    assert a.relevant == ("status", "age", "consular_network", "public_category", "public_time", "diploma",
                          "balance", "training_kind")
    assert a.missing == ()


def test_self_employed_questions() -> None:
    a = run(status="self_employed")
    assert a.relevant[:4] == ("status", "age", "activity_months", "cfp_paid")
    assert "working_time" not in a.relevant and "diploma" not in a.relevant


def test_licence_questions_only_for_driving_licences() -> None:
    for kind in ("certification", "vae", "other", "business_creation"):
        a = run(**{**FULL_PRIVATE, "training_kind": kind, "licence": "B", "holds_licence": False})
        assert "licence" not in a.relevant and "holds_licence" not in a.relevant
    a = run(**{**FULL_PRIVATE, "training_kind": "driving_licence"})
    assert "licence" in a.missing


def test_no_training_questions_without_a_training() -> None:
    a = run(status="private_employee", age=30, working_time="half_or_more", diploma="bac",
            disability_boe=False, balance=D(10))
    assert a.missing == ("training_kind",)
    assert a.relevant[-1] == "training_kind"


def test_balance_before_years() -> None:
    a = run(status="private_employee")
    assert a.missing.index("balance") < a.missing.index("years_worked")


def test_missing_is_what_was_read_and_not_answered() -> None:
    answers = {"status": "private_employee", "working_time": "under_half", "training_kind": "certification"}
    a = run(**answers)
    assert set(a.missing) == set(a.relevant) - set(answers)
    assert in_order(a.relevant) and in_order(a.missing)


class SpyMapping(Mapping[str, Any]):
    """Answers that record every key the rules looked at."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.touched: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.touched.add(key)
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        self.touched.add(str(key))
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the rules must not iterate over the answers")

    def __len__(self) -> int:
        raise AssertionError("the rules must not count the answers")


@pytest.mark.parametrize("status", ("private_employee", "public_agent", "self_employed", "job_seeker", "retired"))
def test_answers_are_read_only_through_facts(status: str) -> None:
    spy = SpyMapping({**FULL_PRIVATE, "status": status})
    a = assess(spy, ON)
    assert spy.touched == set(a.relevant)


def test_assess_does_not_change_the_answers() -> None:
    answers = dict(FULL_PRIVATE)
    first = assess(answers, ON)
    assert answers == FULL_PRIVATE
    assert assess(answers, ON) == first


def _dates_that_matter() -> list[date]:
    """Every date a parameter changes on (and the day before), from the earliest rules date."""
    from bot.rules import earliest_date
    from bot.rules.parameters import parameters

    first = earliest_date()
    changes = {step.since for p in parameters().values() for step in p.steps}
    days = {d for c in changes for d in (c, date.fromordinal(c.toordinal() - 1))}
    return sorted(d for d in days | {first, ON, date(2199, 12, 31)} if d >= first)


def test_with_no_answer_the_rules_read_only_what_they_say_they_need_first() -> None:
    """The engine asks `NOTHING_KNOWN_MISSING` first without evaluating the rules."""
    from bot.rules import NOTHING_KNOWN_MISSING

    for on in _dates_that_matter():
        a = assess({}, on)
        assert a.missing == a.relevant == NOTHING_KNOWN_MISSING, on
