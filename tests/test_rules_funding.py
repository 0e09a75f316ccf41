"""What the CPF pays and what remains (CONTRACT.md funding; RULES.md section 5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment, Funding, Money

PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more",
           "diploma": "bac", "disability_boe": False}
NO_EXEMPTION = {"cofunding": "none", "uses_c2p": False, "incapacity_retraining": False}


def run(on: str, **answers: Any) -> Assessment:
    return assess(answers, date.fromisoformat(on))


def steps(a: Assessment) -> dict[str, Any]:
    return {s.code: s.params for s in a.next_steps}


def test_official_example_1000_in_2025() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding == Funding(D(1000), D("102.23"), D("897.77"), D("102.23"))
    assert "funding.covered" in [e.code for e in a.explanations]
    assert "find_top_ups" not in steps(a)


@pytest.mark.parametrize(("on", "cpf_pays"), [("2024-05-01", D(1000)), ("2024-05-02", D(900)),
                                              ("2026-01-01", D("896.80"))])
def test_participation_changes_over_time(on: str, cpf_pays: D) -> None:
    a = run(on, **PRIVATE, balance=D(2000), training_kind="certification", training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding is not None and a.funding.cpf_pays == cpf_pays
    assert a.funding.remaining == 1000 - cpf_pays


def test_exempt_holder_pays_nothing_when_rights_suffice() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D(1000), cofunding="employer")
    assert a.funding == Funding(D(1000), D(0), D(1000), D(0))
    assert "funding.covered_exempt" in [e.code for e in a.explanations]


def test_short_balance_needs_top_ups() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(300), training_kind="certification",
            training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding == Funding(D(1000), D("102.23"), D(300), D(700))
    assert "funding.short" in [e.code for e in a.explanations]
    assert steps(a)["find_top_ups"] == {"shortfall": Money(D("597.77"))}


def test_per_training_cap() -> None:
    a = run("2026-03-01", **PRIVATE, balance=D(5000), training_kind="skills_assessment",
            training_cost=D(2500), **NO_EXEMPTION)
    assert a.funding == Funding(D(2500), D("103.20"), D(1600), D(900))
    e = [e for e in a.explanations if e.code == "funding.capped"][0]
    assert e.confidence == "S"
    assert steps(a)["find_top_ups"] == {"shortfall": Money(D("796.80"))}


def test_not_eligible_cpf_pays_nothing() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="other", training_cost=D(800))
    assert a.funding == Funding(D(800), D(0), D(0), D(800))
    assert "find_top_ups" not in steps(a)


def test_undetermined_training_counts_nothing() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="driving_licence", training_cost=D(800))
    assert a.funding is not None and a.funding.cpf_pays == 0
    assert "funding.undetermined" in [e.code for e in a.explanations]


def test_cost_below_participation_never_negative() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D(50), **NO_EXEMPTION)
    assert a.funding is not None and a.funding.cpf_pays == 0 and a.funding.remaining == 50


def test_estimated_balance_is_used() -> None:
    a = run("2025-06-01", **PRIVATE, balance=None, years_worked=D(1), training_kind="certification",
            training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding == Funding(D(1000), D("102.23"), D(500), D(500))


@pytest.mark.parametrize("missing", ("training_cost", "balance", "training_kind"))
def test_no_funding_without_cost_training_and_balance(missing: str) -> None:
    answers = {**PRIVATE, "balance": D(2000), "training_kind": "certification", "training_cost": D(1000)}
    del answers[missing]
    assert run("2025-06-01", **answers).funding is None


def test_no_funding_for_hours_accounts() -> None:
    a = run("2025-06-01", status="public_agent", age=30, consular_network=False, public_category="A",
            balance=D(100), training_kind="certification", training_cost=D(1000))
    assert a.funding is None and "training_cost" not in a.relevant


def test_amounts_to_the_cent_never_above_the_balance() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D("300.005"), training_kind="certification",
            training_cost=D("1000.555"), **NO_EXEMPTION)
    assert a.funding is not None
    assert a.funding.cpf_pays == D("300.00")
    assert a.funding.cpf_pays + a.funding.remaining == a.funding.cost


def test_sub_cent_cost_does_not_invent_a_shortfall() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D("1000.555"), **NO_EXEMPTION)
    assert a.funding is not None and a.funding.cpf_pays == D("898.32")
    assert "find_top_ups" not in steps(a)
