"""The employer's agreement and notice (RULES.md section 6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment, Days, Employer

PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more", "diploma": "bac",
           "disability_boe": False, "balance": D(2000), "training_kind": "certification",
           "training_cost": D(1000), "cofunding": "none", "uses_c2p": False, "incapacity_retraining": False}
ON = date(2025, 6, 1)


def run(on: date = ON, **answers: Any) -> Assessment:
    return assess({**PRIVATE, **answers}, on)


def codes(a: Assessment) -> list[str]:
    return [e.code for e in a.explanations]


def steps(a: Assessment) -> dict[str, Any]:
    return {s.code: s.params for s in a.next_steps}


def test_short_training_60_days_before() -> None:
    a = run(during_work_hours=True, training_start=date(2025, 10, 1), training_months=D(3))
    assert a.employer == Employer(True, date(2025, 8, 2), 30, True)
    e = [e for e in a.explanations if e.code == "employer.ask_short"][0]
    assert e.params["notice_days"] == Days(60) and e.params["long_days"] == Days(120)
    assert steps(a)["ask_employer"] == {"ask_before": date(2025, 8, 2), "notice_days": Days(60)}


@pytest.mark.parametrize("months", (D(6), D(12)))
def test_six_months_or_more_120_days_before(months: D) -> None:
    a = run(during_work_hours=True, training_start=date(2025, 12, 1), training_months=months)
    assert a.employer == Employer(True, date(2025, 8, 3), 30, True)
    assert "employer.ask_long" in codes(a)


def test_just_under_six_months_is_short() -> None:
    a = run(during_work_hours=True, training_start=date(2025, 12, 1), training_months=D("5.9"))
    assert a.employer is not None and a.employer.ask_before == date(2025, 10, 2)


def test_unknown_length_assumes_the_long_notice_so_the_deadline_is_never_late() -> None:
    a = run(during_work_hours=True, training_start=date(2025, 10, 1))
    assert a.employer is not None and a.employer.ask_before == date(2025, 6, 3)  # 120 days before
    assert "employer.ask_length_unknown" in codes(a)
    assert "training_months" in a.missing


def test_unknown_start() -> None:
    a = run(during_work_hours=True, training_months=D(2))
    assert a.employer == Employer(True, None, 30, True)
    assert "employer.ask_no_start" in codes(a)
    assert "ask_employer_early" in steps(a)


def test_notice_date_passed() -> None:
    a = run(during_work_hours=True, training_start=date(2025, 7, 1), training_months=D(1))
    assert a.employer is not None and a.employer.ask_before == date(2025, 5, 2)
    assert "employer.notice_passed" in codes(a)
    assert steps(a)["ask_employer_now"] == {"ask_before": date(2025, 5, 2)}
    assert "ask_employer" not in steps(a)


def test_notice_date_today_is_not_passed() -> None:
    a = run(during_work_hours=True, training_start=date(2025, 7, 31), training_months=D(1))
    assert a.employer is not None and a.employer.ask_before == ON
    assert "employer.notice_passed" not in codes(a)


def test_outside_working_hours() -> None:
    a = run(during_work_hours=False, training_start=date(2025, 7, 1))
    assert a.employer == Employer(False, None, None, False)
    assert "employer.not_needed" in codes(a)
    assert "training_start" not in a.relevant and "training_months" not in a.relevant


def test_unknown_whether_during_work_hours() -> None:
    a = run()
    assert a.employer == Employer(True, None, 30, True)
    assert "employer.hours_unknown" in codes(a)
    assert a.missing[-1] == "during_work_hours"


def test_apprentice_same_rules() -> None:
    a = run(status="apprentice", during_work_hours=True, training_start=date(2025, 10, 1), training_months=D(1))
    assert a.employer == Employer(True, date(2025, 8, 2), 30, True)


def test_public_agent_through_hr() -> None:
    a = assess({"status": "public_agent", "age": 30, "consular_network": False, "public_category": "B"}, ON)
    assert a.employer == Employer(True, None, None, False)
    assert "employer.public_hr" in codes(a)
    assert "go_to_hr" in steps(a)
    assert "during_work_hours" not in a.relevant


def test_consular_agent_in_euros_follows_private_rules_to_be_confirmed() -> None:
    a = run(status="public_agent", consular_network=True, during_work_hours=True,
            training_start=date(2025, 10, 1), training_months=D(1))
    assert a.employer == Employer(True, date(2025, 8, 2), 30, True)
    assert [e for e in a.explanations if e.code == "employer.ask_short"][0].confidence == "S"


@pytest.mark.parametrize("answers", [
    {"status": "job_seeker"},
    {"status": "self_employed", "activity_months": 12, "cfp_paid": True},
    {"status": "esat_worker"},
    {"status": "retired"},
    {"training_kind": "other"},
])
def test_no_employer(answers: dict[str, Any]) -> None:
    a = run(**answers, during_work_hours=True, training_start=date(2025, 10, 1))
    assert a.employer is None
    assert "during_work_hours" not in a.relevant


def test_no_employer_without_a_training() -> None:
    answers = {k: v for k, v in PRIVATE.items() if k not in ("training_kind", "training_cost")}
    assert assess(answers, ON).employer is None


AGENT = {"status": "public_agent", "age": 30, "consular_network": False, "public_category": "B", "balance": D(100)}
REFUSED = [
    {"training_kind": "other"},
    {"training_kind": "business_creation"},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": True},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": False, "cofunding": "none"},
]


def _text(a: Assessment, lang: str) -> str:
    from bot.i18n import translator
    from bot.render.assessment import assessment_text

    return assessment_text(a, translator(lang))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("training", REFUSED)
def test_a_public_agent_asks_hr_nothing_for_a_training_the_cpf_does_not_fund(
        training: dict[str, Any], lang: str) -> None:
    """A newcomer read "Employer: agreement needed" and "send your training request to HR"
    for a training that is not eligible: there is nothing to ask for."""
    from bot.i18n import translator

    a = assess({**AGENT, **training}, date(2026, 3, 1))
    assert a.training is not None and not a.training.eligible and a.training.reason != "undetermined"
    assert a.employer is None
    assert "go_to_hr" not in steps(a) and "employer.public_hr" not in codes(a)
    tr, text = translator(lang), _text(a, lang)
    assert tr.text("result.employer_needed") not in text and tr.text("next.go_to_hr") not in text


@pytest.mark.parametrize("training", [
    {"training_kind": "certification"},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": False},  # co-funding still unknown
])
def test_a_public_agent_still_goes_to_hr_for_a_training_that_may_be_funded(training: dict[str, Any]) -> None:
    a = assess({**AGENT, **training}, date(2026, 3, 1))
    assert a.employer == Employer(True, None, None, False)
    assert "go_to_hr" in steps(a)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("training", REFUSED)
def test_an_employee_asks_the_employer_nothing_for_a_refused_training(training: dict[str, Any], lang: str) -> None:
    from bot.i18n import translator

    a = run(date(2026, 3, 1), **training, during_work_hours=True, training_start=date(2026, 10, 1),
            training_months=D(2))
    assert a.training is not None and not a.training.eligible
    assert a.employer is None and not [s for s in steps(a) if s.startswith("ask_employer")]
    tr, text = translator(lang), _text(a, lang)
    assert tr.text("result.employer_needed") not in text
