"""The situation: the person's answers, as in CONTRACT.md, with their types and validation.

`FIELDS` is the single schema of every answer; `validate` turns untrusted JSON into
typed answers (dates as `date`, numbers as `Decimal`) or raises `SituationError`
naming every offending field at once. Problems are codes; the shells translate them.
"""

from __future__ import annotations

from collections.abc import Mapping
import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

Kind = Literal["choice", "bool", "int", "number", "date"]

STATUSES = (
    "private_employee", "apprentice", "public_agent", "self_employed",
    "job_seeker", "esat_worker", "retired", "not_working",
)
LIGHT_LICENCES = ("A1", "A2", "A", "B1", "B")
HEAVY_LICENCES = ("C1", "C", "D1", "D", "C1E", "CE", "D1E", "DE")
LICENCES = LIGHT_LICENCES + ("BE",) + HEAVY_LICENCES


@dataclass(frozen=True)
class FieldSpec:
    kind: Kind
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    nullable: bool = False


ZERO = Decimal(0)

FIELDS: dict[str, FieldSpec] = {
    "as_of": FieldSpec("date"),
    "status": FieldSpec("choice", STATUSES),
    "age": FieldSpec("int", minimum=ZERO, maximum=Decimal(130)),
    "consular_network": FieldSpec("bool"),
    "public_category": FieldSpec("choice", ("A", "B", "C")),
    "working_time": FieldSpec("choice", ("half_or_more", "under_half")),
    "annual_hours": FieldSpec("number", minimum=ZERO, maximum=Decimal(8784)),  # hours in a leap year
    "activity_months": FieldSpec("int", minimum=Decimal(1), maximum=Decimal(12)),
    "cfp_paid": FieldSpec("bool"),
    "diploma": FieldSpec("choice", ("none", "brevet", "cap_bep", "bac", "higher")),
    "low_qualification_declared": FieldSpec("bool"),
    "disability_boe": FieldSpec("bool"),
    "balance": FieldSpec("number", minimum=ZERO, nullable=True),
    "years_worked": FieldSpec("number", minimum=ZERO, maximum=Decimal(100)),
    "training_kind": FieldSpec("choice", (
        "certification", "skills_block", "rs_certification", "vae",
        "skills_assessment", "driving_licence", "business_creation", "other",
    )),
    "licence": FieldSpec("choice", LICENCES),
    "holds_licence": FieldSpec("bool"),
    "training_cost": FieldSpec("number", minimum=ZERO),
    "cofunding": FieldSpec("choice", ("none", "employer", "public")),
    "uses_c2p": FieldSpec("bool"),
    "incapacity_retraining": FieldSpec("bool"),
    "during_work_hours": FieldSpec("bool"),
    "training_start": FieldSpec("date"),
    "training_months": FieldSpec("number", minimum=ZERO, maximum=Decimal(120)),
}
REQUIRED = ("status",)
# Every problem code `validate` and `check_value` can report.
PROBLEM_CODES = ("not_an_object", "unknown_field", "wrong_type", "not_in_enum", "not_a_date",
                 "impossible_date", "negative", "out_of_range", "required")
MAX_NUMBER = Decimal(1_000_000_000)
# Dates far outside a working life are typing mistakes (and would overflow date arithmetic).
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2199, 12, 31)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input; `code` names a catalog message `error.<code>`."""

    field: str
    code: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)


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
    if spec.maximum is not None and value > spec.maximum:
        return Problem(name, "out_of_range", {"minimum": spec.minimum or ZERO, "maximum": spec.maximum})
    return value


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


def validate(data: object, *, require_status: bool = True) -> dict[str, Any]:
    """Typed answers from untrusted JSON; raises SituationError listing every problem."""
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
    if problems:
        raise SituationError(problems)
    return answers


def to_json_value(value: Any) -> Any:
    """An answer back in its JSON form."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value

