"""Validation of situations: typed answers, and every problem named at once."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules import choices
from bot.rules.situation import FIELDS, SituationError, check_value, to_json_value, validate

# The rules' name for each field's choices (bot.rules.choices): the same values, in the same order.
CHOICES = {"status": choices.Status, "public_category": choices.PublicCategory, "public_time": choices.PublicTime,
           "working_time": choices.WorkingTime, "reference_basis": choices.ReferenceBasis,
           "other_status": choices.OtherStatus, "diploma": choices.Diploma, "training_kind": choices.TrainingKind,
           "licence": choices.Licence, "cofunding": choices.Cofunding}


def codes(data: object) -> dict[str, str]:
    with pytest.raises(SituationError) as caught:
        validate(data)
    return {p.field: p.code for p in caught.value.problems}


def test_every_choice_field_has_its_enum_with_the_same_values() -> None:
    assert {name for name, spec in FIELDS.items() if spec.kind == "choice"} == set(CHOICES)
    for name, enum in CHOICES.items():
        assert FIELDS[name].choices == tuple(member.value for member in enum), name


def test_valid_situation_is_typed() -> None:
    answers = validate({"status": "private_employee", "annual_hours": 700, "as_of": "2025-03-01",
                        "balance": None, "age": 30.0, "disability_boe": True})
    assert answers == {"status": "private_employee", "annual_hours": Decimal(700), "as_of": date(2025, 3, 1),
                       "balance": None, "age": 30, "disability_boe": True}


def test_every_problem_is_named_at_once() -> None:
    assert codes({"status": "boss", "colour": "red", "as_of": "2025-02-30", "training_cost": -5,
                  "age": "thirty", "licence": "Z", "activity_months": 13, "diploma": None}) == {
        "status": "not_in_enum", "colour": "unknown_field", "as_of": "impossible_date",
        "training_cost": "negative", "age": "wrong_type", "licence": "not_in_enum",
        "activity_months": "out_of_range", "diploma": "wrong_type",
    }


def test_status_is_required() -> None:
    assert codes({}) == {"status": "required"}
    assert validate({}, require_status=False) == {}


@pytest.mark.parametrize("raw", ["2025-1-01", "01/02/2025", "20250101", "２０２５-01-01", 20250101])
def test_dates_must_be_iso(raw: object) -> None:
    assert codes({"status": "retired", "as_of": raw})["as_of"] in ("not_a_date", "wrong_type")


@pytest.mark.parametrize("raw", [True, "12", [1], {"a": 1}, float("nan"), float("inf"), 1e300])
def test_numbers_reject_other_types_and_non_finite(raw: object) -> None:
    assert codes({"status": "retired", "training_cost": raw})["training_cost"] in ("wrong_type", "out_of_range")


def test_not_an_object() -> None:
    assert codes([1, 2]) == {"": "not_an_object"}


@given(st.dictionaries(st.sampled_from(sorted(FIELDS)), st.none() | st.booleans() | st.integers()
                       | st.floats() | st.text(max_size=12)))
def test_validate_raises_only_situation_error(data: dict[str, object]) -> None:
    try:
        answers = validate(data, require_status=False)
    except SituationError as error:
        assert error.problems
    else:
        assert validate({k: to_json_value(v) for k, v in answers.items()}, require_status=False) == answers


@pytest.mark.parametrize(("status", "other"), [
    ("self_employed", "self_employed"), ("private_employee", "private_employee"),
    ("apprentice", "private_employee"), ("esat_worker", "esat_worker"),
])
def test_the_other_situation_cannot_be_the_main_one(status: str, other: str) -> None:
    # Its whole year is already counted in the main one (RULES.md sections 2 and 3): twice would
    # give a self-employed person of 6 months the 500 € of a whole year.
    assert codes({"status": status, "other_status": other, "other_months": 12}) == {"other_status": "same_as_status"}


@pytest.mark.parametrize(("status", "other"), [
    ("self_employed", "private_employee"), ("private_employee", "self_employed"), ("job_seeker", "self_employed"),
    ("not_working", "private_employee"), ("public_agent", "private_employee"), ("self_employed", "none"),
])
def test_another_situation_than_the_main_one_is_valid(status: str, other: str) -> None:
    assert validate({"status": status, "other_status": other})["other_status"] == other


INT_FIELDS = sorted(name for name, spec in FIELDS.items() if spec.kind == "int")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(INT_FIELDS), st.integers(-(10**12), 10**12))
def test_a_whole_number_is_checked_alike_on_the_quick_path_and_the_long_one(name: str, value: int) -> None:
    """An int takes a quick path (no Decimal); the same number as a float takes the long one."""
    assert check_value(name, value) == check_value(name, float(value))
    assert type(check_value(name, value)) is type(check_value(name, float(value)))
