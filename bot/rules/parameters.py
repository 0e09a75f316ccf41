"""Dated parameters: every amount, threshold and date of the rules, with its legal source.

The values live in `parameters.toml` beside this module, one entry per parameter:
a unit, a source, a confidence mark and `(effective date, value)` steps. A rule asks
for a parameter *on a date* and gets the value in force then, with its provenance,
so an explanation can say "500 € since 1 January 2019 (R6323-1)".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

Confidence = Literal["V", "S", "seed"]
Value = Decimal | date | str | bool
CONFIDENCE_ORDER: dict[Confidence, int] = {"V": 2, "S": 1, "seed": 0}


@dataclass(frozen=True)
class ParamValue:
    """One parameter's value on a date, with where it comes from."""

    name: str
    value: Value
    since: date
    unit: str
    source: str
    confidence: Confidence


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: str
    source: str
    confidence: Confidence
    steps: tuple[tuple[date, Value], ...]  # sorted by effective date

    def at(self, on: date) -> ParamValue | None:
        """The value in force on `on`, or None before the parameter existed."""
        found: ParamValue | None = None
        for since, value in self.steps:
            if since > on:
                break
            found = ParamValue(self.name, value, since, self.unit, self.source, self.confidence)
        return found


def _value(raw: object) -> Value:
    if isinstance(raw, bool | str | date):
        return raw
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    raise TypeError(f"unsupported parameter value {raw!r}")


def _parse(name: str, raw: dict[str, object]) -> Parameter:
    steps = raw["values"]
    assert isinstance(steps, list), name
    parsed = tuple(sorted(((s["from"], _value(s["value"])) for s in steps), key=lambda s: s[0]))
    marks = [mark for mark in CONFIDENCE_ORDER if mark == raw["confidence"]]
    assert marks, name
    return Parameter(name, str(raw["unit"]), str(raw["source"]), marks[0], parsed)


def _flatten(prefix: str, table: dict[str, object]) -> dict[str, Parameter]:
    """Nested TOML tables become dotted names; a table with `values` is a parameter."""
    if "values" in table:
        return {prefix: _parse(prefix, table)}
    found: dict[str, Parameter] = {}
    for key, sub in table.items():
        assert isinstance(sub, dict), f"{prefix}.{key}"
        found |= _flatten(f"{prefix}.{key}" if prefix else key, sub)
    return found


PARAMETERS_FILE = Path(__file__).with_name("parameters.toml")


@cache
def parameters(path: Path = PARAMETERS_FILE) -> dict[str, Parameter]:
    """Every parameter by dotted name, loaded once."""
    with path.open("rb") as f:
        return _flatten("", tomllib.load(f))


class ParameterMissing(LookupError):
    """A rule asked for a parameter on a date before it existed and gave no fallback."""


def param(name: str, on: date) -> ParamValue:
    """The value of parameter `name` in force on `on`."""
    found = parameters()[name].at(on)
    if found is None:
        raise ParameterMissing(f"{name} has no value on {on.isoformat()}")
    return found


def param_or_none(name: str, on: date) -> ParamValue | None:
    """The value in force on `on`, or None when the parameter did not exist yet."""
    return parameters()[name].at(on)
