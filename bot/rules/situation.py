"""The situation: the person's answers, as in CONTRACT.md, with their types and validation.

`FIELDS` is the single schema of every answer; `validate` turns untrusted JSON into
typed answers (dates as `date`, numbers as `Decimal`) or raises `SituationError`
naming every offending field at once. Problems are codes; the shells translate them.

About 250 lines: the field table is the one schema of the contract, kept whole, its choices
written out (the rules name them with the StrEnums of `bot.rules.choices`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

Kind = Literal["choice", "bool", "int", "number", "date"]


# The other situation that is the main one itself, by main status: its whole year is already
# counted there (an employee's hours of every job add up in `annual_hours`, R6323-1; the
# months of self-employed activity are counted once in `activity_months`, at most 12,
# R6323-22; an ESAT worker earns 800 € whatever the time), so it cannot be counted again.
SAME_SITUATION: dict[str, str] = {
    "private_employee": "private_employee", "apprentice": "private_employee",
    "self_employed": "self_employed", "esat_worker": "esat_worker",
}



class FieldSpec(NamedTuple):  # (not a dataclass: cheaper to define at every start)
    """One field of the situation: its kind, its choices and bounds (`positive`: more than
    0, so a minimum of 0 excluded)."""

    kind: Kind
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    nullable: bool = False
    positive: bool = False


ZERO = Decimal(0)
MIN_AGE, MAX_AGE = Decimal(14), Decimal(120)

FIELDS: dict[str, FieldSpec] = {
    "as_of": FieldSpec("date"),
    # The choices as the rules name them: the StrEnums of bot.rules.choices (loaded with the
    # rules, not at start-up; tests/test_situation.py checks they are these, value for value).
    "status": FieldSpec("choice", ("private_employee", "apprentice", "public_agent", "self_employed", "job_seeker",
                                   "esat_worker", "retired", "not_working")),
    # Under 14 or over 120 is implausible (RULES.md section 7): asked again.
    # Not working and not registered: whether the person worked before (the account then exists).
    "worked_before": FieldSpec("bool"),
    "age": FieldSpec("int", minimum=MIN_AGE, maximum=MAX_AGE),
    "receives_pension": FieldSpec("bool"),
    "pension_full_rate": FieldSpec("bool"),
    "consular_network": FieldSpec("bool"),
    "public_category": FieldSpec("choice", ("A", "B", "C")),
    "public_time": FieldSpec("choice", ("full_time", "part_time", "incomplete_post")),
    "post_weekly_hours": FieldSpec("number", minimum=Decimal(1), maximum=Decimal(48)),
    "working_time": FieldSpec("choice", ("half_or_more", "under_half")),
    "reference_basis": FieldSpec("choice", ("legal", "agreement", "days_package")),
    "reference_hours": FieldSpec("number", minimum=Decimal(1), maximum=Decimal(8784)),
    "package_days": FieldSpec("int", minimum=Decimal(1), maximum=Decimal(366)),
    "annual_hours": FieldSpec("number", minimum=ZERO, maximum=Decimal(8784)),  # hours in a leap year
    "worked_days": FieldSpec("number", minimum=ZERO, maximum=Decimal(366)),
    "counted_leave": FieldSpec("bool"),
    "leave_time": FieldSpec("number", minimum=ZERO, maximum=Decimal(8784)),
    "activity_months": FieldSpec("int", minimum=Decimal(1), maximum=Decimal(12)),
    "cfp_paid": FieldSpec("bool"),
    "other_status": FieldSpec("choice", ("none", "private_employee", "self_employed", "esat_worker")),
    "other_hours": FieldSpec("number", minimum=ZERO, maximum=Decimal(8784)),
    "other_months": FieldSpec("int", minimum=Decimal(1), maximum=Decimal(12)),
    "diploma": FieldSpec("choice", ("none", "brevet", "cap_bep", "bac", "higher")),
    "low_qualification_declared": FieldSpec("bool"),
    "has_cqp": FieldSpec("bool"),
    "disability_boe": FieldSpec("bool"),
    "balance": FieldSpec("number", minimum=ZERO, nullable=True),
    "years_worked": FieldSpec("number", minimum=ZERO, maximum=Decimal(100)),
    "training_kind": FieldSpec("choice", ("certification", "skills_block", "rs_certification", "vae", "skills_assessment",
                                          "driving_licence", "business_creation", "other", "clea")),
    "licence": FieldSpec("choice", ("A1", "A2", "A", "B1", "B", "BE", "C1", "C", "D1", "D", "C1E", "CE", "D1E", "DE")),
    "holds_licence": FieldSpec("bool"),
    "accompaniment_hours": FieldSpec("number", minimum=ZERO, maximum=Decimal(1000)),
    "training_cost": FieldSpec("number", minimum=ZERO),
    "cofunding": FieldSpec("choice", ("none", "employer", "faf", "public")),
    "cofunding_amount": FieldSpec("number", minimum=ZERO),
    "uses_c2p": FieldSpec("bool"),
    "c2p_points": FieldSpec("int", minimum=ZERO, maximum=Decimal(1000)),
    "incapacity_retraining": FieldSpec("bool"),
    "cec_balance": FieldSpec("number", minimum=ZERO),
    "during_work_hours": FieldSpec("bool"),
    "training_start": FieldSpec("date"),
    # A length, so more than 0; a fraction is a length too (1.5: six weeks), and the rules
    # only compare it with 6 months (D6323-4).
    "training_months": FieldSpec("number", minimum=ZERO, maximum=Decimal(120), positive=True),
}
REQUIRED = ("status",)
# Every problem code `validate` and `check_value` can report.
PROBLEM_CODES = ("not_an_object", "unknown_field", "wrong_type", "not_in_enum", "not_a_date",
                 "impossible_date", "negative", "not_positive", "out_of_range", "required", "same_as_status")
MAX_NUMBER = Decimal(1_000_000_000)
# Dates far outside a working life are typing mistakes (and would overflow date arithmetic).
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2199, 12, 31)


class Problem(NamedTuple):  # (not a dataclass: cheaper to define at every start)
    """One thing wrong with the input; `code` names a catalog message `error.<code>`."""

    field: str
    code: str
    params: Mapping[str, object] = MappingProxyType({})


class SituationError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


def _number(name: str, spec: FieldSpec, raw: object) -> Decimal | Problem:
    """A number from JSON (int, float) or already parsed from what a person typed (Decimal)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        return Problem(name, "wrong_type", {"expected": "number"})
    if isinstance(raw, int) and abs(raw) > MAX_NUMBER:  # before str(): 10**5000 has too many digits for it
        return Problem(name, "out_of_range", {"minimum": spec.minimum or ZERO, "maximum": spec.maximum or MAX_NUMBER})
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return Problem(name, "wrong_type", {"expected": "number"})
    if not value.is_finite() or abs(value) > MAX_NUMBER:
        return Problem(name, "out_of_range", {"minimum": spec.minimum or ZERO, "maximum": spec.maximum or MAX_NUMBER})
    if spec.minimum is not None and value < spec.minimum:
        if spec.minimum == 0:
            return Problem(name, "negative")
        return Problem(name, "out_of_range", {"minimum": spec.minimum, "maximum": spec.maximum})
    if spec.positive and value <= 0:
        return Problem(name, "not_positive")
    if spec.maximum is not None and value > spec.maximum:
        return Problem(name, "out_of_range", {"minimum": spec.minimum or ZERO, "maximum": spec.maximum})
    return value


def _within(spec: FieldSpec, value: int) -> bool:
    """True if `_number` takes this whole number as it is (else it says what is wrong)."""
    return (abs(value) <= MAX_NUMBER and (spec.minimum is None or value >= spec.minimum)
            and not (spec.positive and value <= 0) and (spec.maximum is None or value <= spec.maximum))


def _date(name: str, raw: object) -> date | Problem:
    if isinstance(raw, date):
        return _date_in_range(name, raw)
    if not isinstance(raw, str):
        return Problem(name, "wrong_type", {"expected": "date"})
    parts = raw.split("-")
    if [len(p) for p in parts] != [4, 2, 2] or not all(p.isascii() and p.isdigit() for p in parts):
        return Problem(name, "not_a_date")
    try:
        value = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return Problem(name, "impossible_date")
    return _date_in_range(name, value)


def _date_in_range(name: str, value: date) -> date | Problem:
    if not MIN_DATE <= value <= MAX_DATE:
        return Problem(name, "out_of_range", {"minimum": MIN_DATE, "maximum": MAX_DATE})
    return value


def check_value(name: str, raw: object) -> Any:
    """The typed value of one answer, or a `Problem`."""
    spec = FIELDS[name]
    if raw is None:
        return None if spec.nullable else Problem(name, "wrong_type", {"expected": spec.kind})
    match spec.kind:
        case "choice":
            if not isinstance(raw, str):
                return Problem(name, "wrong_type", {"expected": "choice"})
            if raw not in spec.choices:
                return Problem(name, "not_in_enum", {"choices": ", ".join(spec.choices)})
            return raw
        case "bool":
            return raw if isinstance(raw, bool) else Problem(name, "wrong_type", {"expected": "bool"})
        case "int":
            if type(raw) is int and _within(spec, raw):
                return raw  # the common case, without the detour through Decimal
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            if isinstance(raw, bool) or not isinstance(raw, int):
                return Problem(name, "wrong_type", {"expected": "int"})
            value = _number(name, spec, raw)
            return int(value) if isinstance(value, Decimal) else value
        case "number":
            return _number(name, spec, raw)
        case "date":
            return _date(name, raw)


def validate(data: object, *, require_status: bool = True, across: bool = True) -> dict[str, Any]:
    """Typed answers from untrusted JSON; raises SituationError listing every problem.
    `across`: also the checks between fields (an other situation that is the main one);
    off for answers saved before such a check existed, which must still be read back."""
    if not isinstance(data, Mapping):
        raise SituationError([Problem("", "not_an_object")])
    problems: list[Problem] = []
    answers: dict[str, Any] = {}
    for name, raw in data.items():
        if name not in FIELDS:
            problems.append(Problem(str(name), "unknown_field"))
            continue
        value = check_value(name, raw)
        if isinstance(value, Problem):
            problems.append(value)
        else:
            answers[name] = value
    if require_status:
        problems += [Problem(name, "required") for name in REQUIRED if name not in data]
    if across and (same := same_as_status(answers.get("status"), answers.get("other_status"))) is not None:
        problems.append(same)
    if problems:
        raise SituationError(problems)
    return answers


def same_as_status(status: object, other: object) -> Problem | None:
    """The problem of an other situation that is the main one (`SAME_SITUATION`), if it is."""
    if isinstance(status, str) and other is not None and SAME_SITUATION.get(status) == other:
        return Problem("other_status", "same_as_status", {"value": other, "status": status})
    return None


def to_json_value(value: Any) -> Any:
    """An answer back in its JSON form."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value

