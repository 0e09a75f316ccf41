"""Next steps (RULES.md section 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment, Hours

PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more", "diploma": "bac",
           "disability_boe": False, "balance": D(2000)}


def steps(on: str, **answers: Any) -> list[str]:
    return [s.code for s in assess(answers, date.fromisoformat(on)).next_steps]


def run(on: str, **answers: Any) -> Assessment:
    return assess(answers, date.fromisoformat(on))


def test_activation_first_for_open_accounts() -> None:
    for status in ("private_employee", "apprentice", "public_agent", "self_employed", "job_seeker", "esat_worker"):
        assert steps("2025-06-01", status=status, age=30)[0] == "activate_account"
    assert steps("2025-06-01", status="not_working", worked_before=True, age=30)[0] == "activate_account"


def test_buying_online_and_consulate_since_may_2025() -> None:
    answers = {**PRIVATE, "training_kind": "certification"}
    assert "buy_online" in steps("2025-04-30", **answers)
    after = steps("2025-05-01", **answers)
    assert "buy_online_consulate" in after and "buy_online" not in after


def test_no_buying_step_for_hours_or_ineligible_training() -> None:
    assert not {"buy_online", "buy_online_consulate"} & set(
        steps("2025-06-01", **PRIVATE, training_kind="other"))
    assert not {"buy_online", "buy_online_consulate"} & set(
        steps("2025-06-01", status="public_agent", age=30, consular_network=False, public_category="A",
              training_kind="certification"))


def test_private_employees_told_about_ptp_and_vae_leave() -> None:
    a = run("2025-06-01", **PRIVATE, training_kind="vae")
    leave = [s for s in a.next_steps if s.code == "transition_leave"][0]
    assert leave.params == {"vae_hours": Hours(D(48))}
    assert "transition_leave" not in steps("2025-06-01", status="job_seeker", age=30, training_kind="vae")


def test_public_agents_hr_and_leaves() -> None:
    a = run("2025-06-01", status="public_agent", age=30, consular_network=False, public_category="A")
    assert [s.code for s in a.next_steps] == ["activate_account", "ask_unfitness_credit", "go_to_hr"]
    leaves = [e for e in a.explanations if e.code == "public.leaves"][0]
    assert leaves.confidence == "S"
    assert leaves.params == {"training_years": 3, "priority_years": 5, "leave_hours": Hours(D(24))}


def test_closed_accounts_steps() -> None:
    assert steps("2025-06-01", status="retired") == ["cec_only"]
    assert steps("2025-06-01", status="not_working") == ["register_france_travail"]
    assert steps("2025-06-01", status="private_employee", age=14) == []


def test_each_step_once() -> None:
    for a in (run("2026-03-01", **PRIVATE, training_kind="driving_licence", licence="B", holds_licence=False,
                  cofunding="none", training_cost=D(3000), during_work_hours=True),):
        codes = [s.code for s in a.next_steps]
        assert len(codes) == len(set(codes))


def test_social_security_number_is_never_a_field() -> None:
    from bot.rules.situation import FIELDS
    assert not [f for f in FIELDS if "social" in f or "nir" in f or "secu" in f]


AGENT = {"status": "public_agent", "age": 30, "consular_network": False, "public_category": "A"}
PLAN = {"training_kind": "certification", "cofunding": "none", "uses_c2p": False, "incapacity_retraining": False}


@pytest.mark.parametrize(("on", "answers", "step", "given"), [
    # Activating the account (to see the balance) only while the balance was not read on it.
    ("2025-06-01", {**PRIVATE, "balance": D(2000)}, "activate_account", False),
    ("2025-06-01", {**PRIVATE, "balance": D(0)}, "activate_account", False),
    ("2025-06-01", {**AGENT, "balance": D(120)}, "activate_account", False),
    ("2025-06-01", {**PRIVATE, "balance": None}, "activate_account", True),
    ("2025-06-01", {**PRIVATE, "balance": None, "years_worked": D(3)}, "activate_account", True),
    ("2025-06-01", {"status": "retired", "age": 62, "pension_full_rate": False}, "activate_account", True),
    ("2025-06-01", {"status": "retired", "age": 62, "pension_full_rate": False, "balance": D(10)},
     "activate_account", False),
    # Registering with France Travail: never worked; a former worker only if looking for a job.
    ("2025-06-01", {"status": "not_working", "worked_before": False}, "register_france_travail", True),
    ("2025-06-01", {"status": "not_working", "worked_before": True, "age": 40}, "register_france_travail", False),
    ("2025-06-01", {"status": "not_working", "worked_before": True, "age": 40}, "register_if_job_seeking", True),
    ("2025-06-01", {"status": "job_seeker", "age": 40}, "register_if_job_seeking", False),
    # Declaring a low qualification: low, and not declared (or not known to be).
    ("2025-06-01", {**PRIVATE, "diploma": "none", "low_qualification_declared": False}, "declare_low_qualification", True),
    ("2025-06-01", {**PRIVATE, "diploma": "none"}, "declare_low_qualification", False),
    ("2025-06-01", {**PRIVATE, "diploma": "none"}, "check_low_qualification_declared", True),
    ("2025-06-01", {**PRIVATE, "diploma": "none", "low_qualification_declared": False},
     "check_low_qualification_declared", False),
    ("2025-06-01", {**PRIVATE, "diploma": "none", "low_qualification_declared": True}, "declare_low_qualification", False),
    ("2025-06-01", {**PRIVATE, "diploma": "bac"}, "declare_low_qualification", False),
    # The employer: only during working hours, with the deadline the dates give.
    ("2025-06-01", {**PRIVATE, **PLAN, "during_work_hours": True, "training_start": date(2025, 12, 1),
                    "training_months": D(2)}, "ask_employer", True),
    ("2025-06-01", {**PRIVATE, **PLAN, "during_work_hours": False}, "ask_employer_early", False),
    ("2025-06-01", {**PRIVATE, **PLAN, "during_work_hours": True}, "ask_employer_early", True),
    ("2025-06-01", {**PRIVATE, **PLAN, "during_work_hours": True, "training_start": date(2025, 6, 20),
                    "training_months": D(2)}, "ask_employer_now", True),
    ("2025-06-01", {**PRIVATE, **PLAN, "during_work_hours": True, "training_start": date(2025, 5, 20)},
     "choose_new_start", True),
    ("2025-06-01", {**AGENT, **PLAN}, "go_to_hr", True),
    ("2025-06-01", {**PRIVATE, **PLAN}, "go_to_hr", False),
    ("2025-06-01", {**AGENT}, "ask_unfitness_credit", True),
    ("2025-06-01", {**PRIVATE}, "ask_unfitness_credit", False),
    # Top-ups only when the CPF leaves something to find.
    ("2025-06-01", {**PRIVATE, **PLAN, "balance": D(100), "training_cost": D(1000)}, "find_top_ups_participation", True),
    ("2025-06-01", {**PRIVATE, **PLAN, "balance": D(5000), "training_cost": D(1000)}, "find_top_ups_participation", False),
    ("2025-06-01", {**PRIVATE, **PLAN, "balance": D(5000), "training_cost": D(1000)}, "find_top_ups", False),
    # A private employee's other routes, for a planned training; the corrective top-up not for apprentices.
    ("2025-06-01", {**PRIVATE, **PLAN}, "transition_leave", True),
    ("2025-06-01", {**PRIVATE}, "transition_leave", False),
    ("2025-06-01", {**PRIVATE, **PLAN}, "corrective_top_up", True),
    ("2025-06-01", {**PRIVATE, **PLAN, "status": "apprentice"}, "corrective_top_up", False),
    ("2025-06-01", {**PRIVATE, "training_kind": "other"}, "choose_certifying", True),
    ("2025-06-01", {**PRIVATE, **PLAN}, "choose_certifying", False),
    ("2026-06-01", {**PRIVATE, "training_kind": "driving_licence", "licence": "B", "holds_licence": False,
                    "cofunding": "none"}, "seek_cofunding", True),
    ("2025-06-01", {"status": "retired", "age": 70}, "cec_only", True),
    ("2025-06-01", {**PRIVATE}, "cec_only", False),
])
def test_each_next_step_only_where_it_fits(on: str, answers: dict[str, Any], step: str, given: bool) -> None:
    assert (step in steps(on, **answers)) is given
