"""The flat participation and its exemptions (RULES.md section 5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment, Money, Participation

PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more",
           "diploma": "bac", "disability_boe": False, "balance": D(3000)}
TRAINING = {"training_kind": "certification", "training_cost": D(1000)}


def run(on: str, **answers: Any) -> Assessment:
    return assess(answers, date.fromisoformat(on))


def part(on: str, **answers: Any) -> Participation:
    return run(on, **answers).participation


@pytest.mark.parametrize(("on", "amount"), [
    ("2024-05-01", D(0)), ("2024-05-02", D(100)), ("2024-12-31", D(100)),
    ("2025-01-01", D("102.23")), ("2025-12-31", D("102.23")), ("2026-01-01", D("103.20")),
])
def test_amount_in_force(on: str, amount: D) -> None:
    p = part(on, **PRIVATE, **TRAINING, cofunding="none", uses_c2p=False, incapacity_retraining=False)
    assert p.amount == amount
    assert p.due is (amount > 0)
    assert p.exemption is None


def test_none_before_2_may_2024_and_no_exemption_questions() -> None:
    a = run("2024-05-01", **PRIVATE, **TRAINING)
    assert "participation.none" in [e.code for e in a.explanations]
    assert not {"cofunding", "uses_c2p", "incapacity_retraining"} & set(a.relevant)


def test_job_seeker_exempt() -> None:
    a = run("2025-06-01", status="job_seeker", age=30, balance=D(2000), **TRAINING)
    assert a.participation == Participation(D("102.23"), False, "job_seeker")
    assert not {"cofunding", "uses_c2p", "incapacity_retraining"} & set(a.relevant)


def test_employer_cofunding_exempt_and_nothing_more_asked() -> None:
    a = run("2025-06-01", **PRIVATE, **TRAINING, cofunding="employer")
    assert a.participation == Participation(D("102.23"), False, "employer_cofunding")
    assert "uses_c2p" not in a.relevant and "incapacity_retraining" not in a.relevant


def test_public_cofunding_is_not_an_exemption() -> None:
    p = part("2025-06-01", **PRIVATE, **TRAINING, cofunding="public", uses_c2p=False, incapacity_retraining=False)
    assert p.due and p.exemption is None


def test_c2p_exempt() -> None:
    a = run("2025-06-01", **PRIVATE, **TRAINING, cofunding="none", uses_c2p=True)
    assert a.participation.exemption == "c2p" and not a.participation.due
    assert "incapacity_retraining" not in a.relevant
    e = [e for e in a.explanations if e.code == "participation.exempt_c2p"][0]
    assert e.params["point_value"] == Money(D(500)) and e.confidence == "V"  # R4163-11


def test_incapacity_exempt() -> None:
    a = run("2025-06-01", **PRIVATE, **TRAINING, cofunding="none", uses_c2p=False, incapacity_retraining=True)
    assert a.participation.exemption == "incapacity" and not a.participation.due
    e = [e for e in a.explanations if e.code == "participation.exempt_incapacity"][0]
    assert e.params["rate"] == 10


def test_priority_employer_before_c2p_before_incapacity() -> None:
    both = {"uses_c2p": True, "incapacity_retraining": True}
    assert part("2025-06-01", **PRIVATE, **TRAINING, cofunding="employer", **both).exemption == "employer_cofunding"
    assert part("2025-06-01", **PRIVATE, **TRAINING, cofunding="none", **both).exemption == "c2p"


def test_public_agents_hours_account_not_charged() -> None:
    a = run("2025-06-01", status="public_agent", age=30, consular_network=False, public_category="B",
            training_kind="certification")
    assert a.participation == Participation(D("102.23"), False, "hours_account")
    e = [e for e in a.explanations if e.code == "participation.exempt_hours_account"][0]
    assert e.confidence == "S"
    assert not {"cofunding", "uses_c2p", "incapacity_retraining", "training_cost"} & set(a.relevant)


def test_consular_agents_in_euros_pay_it() -> None:
    p = part("2025-06-01", status="public_agent", age=30, consular_network=True, working_time="half_or_more",
             diploma="bac", disability_boe=False, **TRAINING, cofunding="none", uses_c2p=False,
             incapacity_retraining=False)
    assert p.due and p.exemption is None


def test_due_without_a_training_yet() -> None:
    p = part("2025-06-01", **PRIVATE)
    assert p == Participation(D("102.23"), True, None)


def test_unknown_exemptions_are_not_assumed() -> None:
    a = run("2025-06-01", **PRIVATE, **TRAINING)
    assert a.participation.due
    assert {"cofunding", "uses_c2p", "incapacity_retraining"} <= set(a.missing)


def test_exemption_questions_skipped_for_ineligible_training() -> None:
    a = run("2025-06-01", **PRIVATE, training_kind="other", training_cost=D(500))
    assert not {"cofunding", "uses_c2p", "incapacity_retraining"} & set(a.relevant)


@pytest.mark.parametrize("status", ("retired", "not_working"))
def test_closed_accounts_never_due(status: str) -> None:
    assert part("2025-06-01", status=status) == Participation(D("102.23"), False, None)


# Who may pay the participation for the person, by status (RULES.md section 7): an employer
# and an OPCO only for employees; the FAF for the self-employed; nobody is named otherwise.
BY_STATUS = {
    "private_employee": PRIVATE,
    "self_employed": {"status": "self_employed", "age": 40, "activity_months": 12, "cfp_paid": True,
                      "balance": D(3000)},
    "esat_worker": {"status": "esat_worker", "age": 40, "balance": D(3000), "incapacity_retraining": False},
    "retired": {"status": "retired", "age": 62, "pension_full_rate": False, "balance": D(3000)},
    "not_working": {"status": "not_working", "age": 40, "worked_before": True, "balance": D(3000),
                    "incapacity_retraining": False},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("status", "code", "named", "unnamed"), [
    ("private_employee", "participation.due", ["OPCO"], ["FAF"]),
    ("self_employed", "participation.due_self_employed", [], ["OPCO", "employ", "FAF"]),
    ("esat_worker", "participation.due_esat", ["ESAT"], ["OPCO", "employ"]),
    ("retired", "participation.due_no_employer", [], ["OPCO", "employ", "FAF"]),
    ("not_working", "participation.due_no_employer", [], ["OPCO", "employ", "FAF"]),
])
def test_the_participation_names_who_may_pay_it_for_this_status(
        lang: str, status: str, code: str, named: list[str], unnamed: list[str]) -> None:
    """A self-employed person was told "Your employer or OPCO may also pay it for you"."""
    from bot.i18n import translator
    from bot.render.assessment import assessment_text, explanation_text

    a = run("2026-03-01", **BY_STATUS[status], **TRAINING, cofunding="none", uses_c2p=False)
    assert a.participation.due
    [due] = [e for e in a.explanations if e.code.startswith("participation.due")]
    assert due.code == code
    said = explanation_text(due, translator(lang))
    for word in named:
        assert word in said
    for word in unnamed:
        assert word.lower() not in said.lower(), said
    shown = assessment_text(a, translator(lang))
    for word in unnamed:
        if word != "employ":  # "Employer: no need to tell them" is not a payer
            assert word not in shown
