"""The dated parameters of the rules: values on both sides of every change, provenance,
the earliest supported date, and no amount or date written in the rules' code."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.rules import RulesDateError, assess, earliest_date
from bot.rules.parameters import (
    CONFIDENCE_ORDER, PARAMETERS_FILE, ParameterMissing, ParametersError, load_parameters, param,
    param_or_none, parameters,
)

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
    ("credit.public.cap", 150), ("credit.public.low_qualification.cap", 400),
    ("credit.cec.annual", 240), ("credit.cec.cap", 720),
    ("account.min_age", 16), ("account.min_age_apprentice", 15),
    ("employer.notice.short_days", 60), ("employer.notice.long_days", 120),
    ("employer.notice.long_from_months", 6), ("employer.reply_days", 30),
])
def test_constant_parameters(name: str, expected: object) -> None:
    assert value(name, "2019-01-01") == expected
    assert value(name, "2026-06-01") == expected


def test_earliest_date_is_data() -> None:
    assert value("rules.earliest_date", "2019-01-01") == date(2019, 1, 1)


@pytest.mark.parametrize(("name", "switch"), [
    ("credit.public.consular_in_euros", date(2025, 5, 3)),
    ("training.business_creation.needs_certification", date(2025, 2, 16)),
    ("training.licence.all_land", date(2024, 1, 1)),
    ("training.licence.light_needs_no_licence", date(2024, 5, 19)),
    ("training.licence.light_needs_job_seeker_or_cofunding", date(2026, 2, 26)),
    ("identity.consulate_certification", date(2025, 5, 1)),
])
def test_regime_changes_are_boolean_switches(name: str, switch: date) -> None:
    """A regime change is a boolean parameter, false then true, not a date compared in code;
    its `.from` companion gives the dialogue the date it switched on."""
    assert param(name, switch - timedelta(days=1)).value is False
    assert param(name, switch).value is True
    assert value(name + ".from", "2019-01-01") == switch


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


@pytest.mark.parametrize(("name", "before", "after"), [
    ("credit.public.annual", 24, 25), ("credit.public.low_qualification.annual", 48, 50),
])
def test_public_hours_changed_on_1_january_2020(name: str, before: int, after: int) -> None:
    old, new = param(name, date(2019, 12, 31)), param(name, date(2020, 1, 1))
    assert (old.value, new.value) == (before, after)
    assert old.confidence == "S" and new.confidence == "V" and "2019-1392" in new.source


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
        assert [s.since for s in p.steps] == sorted(s.since for s in p.steps), name
        for step in p.steps:
            assert step.source is None or step.source.strip(), name
            assert step.confidence is None or step.confidence in CONFIDENCE_ORDER, name


def test_consular_euros_is_secondary_source() -> None:
    assert param("credit.public.consular_in_euros", date(2025, 5, 3)).confidence == "S"


@pytest.mark.parametrize(("on", "amount", "source"), [
    ("2024-05-02", Decimal(100), "Décret 2024-394"),
    ("2025-01-01", Decimal("102.23"), "Arrêté de revalorisation de la participation pour 2025"),
    ("2026-01-01", Decimal("103.20"), "Arrêté du 30 décembre 2025"),
])
def test_each_participation_amount_cites_its_own_text(on: str, amount: Decimal, source: str) -> None:
    found = param("participation.amount", date.fromisoformat(on))
    assert found.value == amount and found.source.startswith(source)


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


# ---------------------------------------------------------------- a variant set, bad files

def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft.toml"
    path.write_text(Path(PARAMETERS_FILE).read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def test_a_variant_parameter_set_can_be_evaluated(tmp_path: Path) -> None:
    """Next year's draft: the participation at 150 € from 2027, side by side with the product's."""
    text = Path(PARAMETERS_FILE).read_text(encoding="utf-8").replace(
        '{ from = 2026-01-01, value = 103.20, source = "Arrêté du 30 décembre 2025 (JO du 1er janvier 2026)" },',
        '{ from = 2026-01-01, value = 103.20, source = "Arrêté du 30 décembre 2025 (JO du 1er janvier 2026)" },\n'
        '    { from = 2027-01-01, value = 150, source = "Projet de décret", confidence = "seed" },')
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    draft = load_parameters(path)
    answers = {"status": "private_employee", "training_kind": "certification", "balance": Decimal(2000),
               "training_cost": Decimal(1000), "cofunding": "none", "uses_c2p": False,
               "incapacity_retraining": False}
    on = date(2027, 3, 1)
    product, variant = assess(answers, on), assess(answers, on, draft)
    assert product.participation.amount == Decimal("103.20")
    assert variant.participation.amount == 150
    due = [e for e in variant.explanations if e.code == "participation.due"][0]
    assert "Projet de décret" in due.sources and due.confidence == "seed"
    assert assess(answers, on, parameters()) == product


@pytest.mark.parametrize(("text", "key", "problem"), [
    ('[extra.bad]\nunit = "EUR"\nsource = "x"\nconfidence = "V"\nvalues = [{ from = 2019-01-01 }]\n',
     "extra.bad", "has no `value`"),
    ('[extra.bad]\nunit = "EUR"\nsource = "x"\nconfidence = "Q"\nvalues = [{ from = 2019-01-01, value = 1 }]\n',
     "extra.bad", "confidence"),
    ('[extra.bad]\nunit = "EUR"\nconfidence = "V"\nvalues = [{ from = 2019-01-01, value = 1 }]\n',
     "extra.bad", "`source`"),
    ('[extra.bad]\nunit = "EUR"\nsource = "x"\nconfidence = "V"\nvalues = [{ from = "soon", value = 1 }]\n',
     "extra.bad", "from"),
    ('[extra.bad]\nunit = "EUR"\nsource = "x"\nconfidence = "V"\nvalues = [{ from = 2019-01-01, value = 1, note = 2 }]\n',
     "extra.bad", "note"),
    ('[extra]\nbad = 3\n', "extra.bad", "expected a table"),
])
def test_a_bad_parameters_file_names_the_file_and_the_key(tmp_path: Path, text: str, key: str, problem: str) -> None:
    path = _write(tmp_path, "\n" + text)
    with pytest.raises(ParametersError) as caught:
        load_parameters(path)
    assert caught.value.key == key and str(path) in str(caught.value) and problem in str(caught.value)


def test_an_unknown_parameter_is_named() -> None:
    with pytest.raises(KeyError, match="no.such"):
        parameters()["no.such"]
