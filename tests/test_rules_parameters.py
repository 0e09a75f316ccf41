"""The dated parameters of the rules: values on both sides of every change, provenance,
the earliest supported date, and no amount or date written in the rules' code."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.rules import RulesDateError, assess, earliest_date
from bot.rules.parameters import CONFIDENCE_ORDER, ParameterMissing, param, param_or_none, parameters

RULES_DIR = Path(__file__).resolve().parent.parent / "bot" / "rules"


def value(name: str, on: str) -> object:
    return param(name, date.fromisoformat(on)).value


@pytest.mark.parametrize(("name", "expected"), [
    ("credit.private.annual", 500), ("credit.private.cap", 5000),
    ("credit.private.reference_hours", 1607), ("credit.private.half_ratio", Decimal("0.5")),
    ("credit.low_qualification.annual", 800), ("credit.low_qualification.cap", 8000),
    ("credit.disability.bonus", 300), ("credit.disability.cap", 8000),
    ("credit.esat.annual", 800), ("credit.esat.cap", 8000),
    ("credit.self_employed.annual", 500), ("credit.self_employed.cap", 5000),
    ("credit.self_employed.months_per_year", 12),
    ("credit.public.annual", 25), ("credit.public.cap", 150),
    ("credit.public.low_qualification.annual", 50), ("credit.public.low_qualification.cap", 400),
    ("credit.cec.annual", 240), ("credit.cec.cap", 720),
    ("account.min_age", 16), ("account.min_age_apprentice", 15),
    ("employer.notice.short_days", 60), ("employer.notice.long_days", 120),
    ("employer.notice.long_from_months", 6), ("employer.reply_days", 30),
])
def test_constant_parameters(name: str, expected: object) -> None:
    assert value(name, "2019-01-01") == expected
    assert value(name, "2026-06-01") == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("rules.earliest_date", date(2019, 1, 1)),
    ("credit.public.consular_euros_from", date(2025, 5, 3)),
    ("training.business_creation.certifying_from", date(2025, 2, 16)),
    ("training.licence.all_land_from", date(2024, 1, 1)),
    ("training.licence.first_light_from", date(2024, 5, 19)),
    ("training.licence.light_conditions_from", date(2026, 2, 26)),
])
def test_rule_dates_are_data(name: str, expected: date) -> None:
    assert value(name, "2019-01-01") == expected


@pytest.mark.parametrize(("on", "expected"), [
    ("2024-05-01", None), ("2024-05-02", Decimal("100")),
    ("2024-12-31", Decimal("100")), ("2025-01-01", Decimal("102.23")),
    ("2025-12-31", Decimal("102.23")), ("2026-01-01", Decimal("103.20")),
])
def test_participation_steps(on: str, expected: Decimal | None) -> None:
    found = param_or_none("participation.amount", date.fromisoformat(on))
    assert (None if found is None else found.value) == expected


def test_participation_before_it_existed_is_missing() -> None:
    with pytest.raises(ParameterMissing):
        param("participation.amount", date(2024, 5, 1))


@pytest.mark.parametrize(("on", "expected"), [("2023-08-31", 375), ("2023-09-01", 500)])
def test_c2p_point_value(on: str, expected: int) -> None:
    assert value("credit.c2p.point_value", on) == expected


@pytest.mark.parametrize(("name", "before", "after", "amount"), [
    ("training.cap.light_licence", "2026-02-25", "2026-02-26", 900),
    ("training.cap.skills_assessment", "2026-02-25", "2026-02-26", 1600),
    ("training.cap.rs_certification", "2026-02-25", "2026-02-26", 1500),
])
def test_training_caps_from_2026(name: str, before: str, after: str, amount: int) -> None:
    assert param_or_none(name, date.fromisoformat(before)) is None
    assert value(name, after) == amount
    assert param(name, date.fromisoformat(after)).confidence == "S"


def test_every_parameter_has_provenance() -> None:
    for name, p in parameters().items():
        assert p.source.strip(), name
        assert p.unit.strip(), name
        assert p.confidence in CONFIDENCE_ORDER, name
        assert p.steps, name
        assert [s for s, _ in p.steps] == sorted(s for s, _ in p.steps), name


def test_consular_euros_is_secondary_source() -> None:
    assert param("credit.public.consular_euros_from", date(2025, 5, 3)).confidence == "S"


def test_earliest_date() -> None:
    assert earliest_date() == date(2019, 1, 1)
    assess({"status": "private_employee"}, date(2019, 1, 1))
    with pytest.raises(RulesDateError) as caught:
        assess({"status": "private_employee"}, date(2018, 12, 31))
    assert isinstance(caught.value, ValueError)
    assert caught.value.earliest == date(2019, 1, 1)
    assert "2018-12-31" in str(caught.value)


def _rule_modules() -> list[Path]:
    own_api = {"parameters.py", "facts.py", "model.py", "situation.py"}  # situation: the input schema
    return [p for p in sorted(RULES_DIR.glob("*.py")) if p.name not in own_api]


def test_no_amount_or_date_in_rule_code() -> None:
    """Every amount, threshold and date comes from parameters.toml (zero aside)."""
    for path in _rule_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float):
                assert node.value == 0, f"{path.name}:{node.lineno}: number {node.value!r} in rule code"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "date":
                raise AssertionError(f"{path.name}:{node.lineno}: a date built in rule code")
