"""Dated parameters: every amount, threshold, date and regime switch of the rules, with its source.

The values live in a TOML file (the product's is `parameters.toml` beside this module),
one table per parameter: a unit, a source, a confidence mark and `(effective date, value)`
steps. Each step may carry its own `source` and `confidence` (the flat participation has
one arrêté per yearly amount); a step without them inherits the parameter's. A rule asks
for a parameter *on a date* and gets the value in force then with the provenance of that
value, so an explanation can say "103.20 € since 1 January 2026 (arrêté of 30 Dec 2025)".

A change of regime is a boolean parameter (false, then true from its effective date),
never a date compared in code. For the dialogue's sentences, every boolean parameter that
becomes true also gives a derived date parameter `<name>.from`: the day it became true.

A `ParameterSet` is one whole set (the product's, or a variant such as next year's draft);
`assess` takes one, so a variant can be evaluated side by side. A malformed file raises
`ParametersError` naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
import os
from typing import Any, Final, Literal, NamedTuple

from bot.io.compiled import compiled

Confidence = Literal["V", "S", "seed"]
Value = Decimal | date | str | bool
CONFIDENCE_ORDER: dict[Confidence, int] = {"V": 2, "S": 1, "seed": 0}
PARAMETER_KEYS = frozenset({"unit", "source", "confidence", "values"})
STEP_KEYS = frozenset({"from", "value", "source", "confidence"})
DERIVED_SUFFIX = ".from"


class ParamValue(NamedTuple):
    """One parameter's value on a date, with where that value comes from."""

    name: str
    value: Value
    since: date
    unit: str
    source: str
    confidence: Confidence


class Step(NamedTuple):
    """One dated value of a parameter, from its effective date."""

    since: date
    value: Value
    source: str | None = None  # None: the parameter's own
    confidence: Confidence | None = None


class Parameter(NamedTuple):  # (not a dataclass: cheaper to define at every start)
    """A parameter with its dated values, unit, source and confidence."""

    name: str
    unit: str
    source: str
    confidence: Confidence
    steps: tuple[Step, ...]  # sorted by effective date

    def _value(self, step: Step) -> ParamValue:
        """The step as the value a rule gets, with its provenance."""
        return ParamValue(self.name, step.value, step.since, self.unit, step.source or self.source,
                          step.confidence or self.confidence)

    def at(self, on: date) -> ParamValue | None:
        """The value in force on `on`, or None before the parameter existed."""
        found: Step | None = None
        for step in self.steps:
            if step.since > on:
                break
            found = step
        return None if found is None else self._value(found)

    def first(self, value: Value) -> ParamValue | None:
        """The first step at which the parameter takes `value` (a regime's start)."""
        return next((self._value(s) for s in self.steps if s.value == value), None)

    def next_change(self, on: date) -> ParamValue | None:
        """The first step after `on`, if one is known (a regime announced for later)."""
        return next((self._value(s) for s in self.steps if s.since > on), None)


class ParametersError(ValueError):
    """A parameters file that cannot be used; names the file and the key."""

    def __init__(self, path: str | os.PathLike[str], key: str, problem: str) -> None:
        super().__init__(f"{path}: {key or '(top level)'}: {problem}")
        self.path = path
        self.key = key
        self.problem = problem


class ParameterMissing(LookupError):
    """A rule asked for a parameter on a date before it existed and gave no fallback."""


class ParameterTypeError(TypeError):
    """A rule read a parameter as a kind of value it does not hold."""


class UnknownParameter(KeyError):
    """A rule asked for a parameter the set does not define."""


def _confidence(path: str | os.PathLike[str], key: str, raw: object) -> Confidence:
    for mark in CONFIDENCE_ORDER:
        if raw == mark:
            return mark
    raise ParametersError(path, key, f"confidence must be one of V, S, seed, not {raw!r}")


def _value(path: str | os.PathLike[str], key: str, raw: object) -> Value:
    if isinstance(raw, bool | str) or (isinstance(raw, date) and type(raw) is date):
        return raw
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    raise ParametersError(path, key, f"unsupported value {raw!r} (a number, a date, a string or a boolean)")


def _step(path: str | os.PathLike[str], key: str, raw: object) -> Step:
    if not isinstance(raw, dict):
        raise ParametersError(path, key, "each value must be a table {from = DATE, value = …}")
    unknown = set(raw) - STEP_KEYS
    if unknown:
        raise ParametersError(path, key, f"unknown key(s) {', '.join(sorted(unknown))} in a value")
    since = raw.get("from")
    if type(since) is not date:
        raise ParametersError(path, key, f"a value needs `from = YYYY-MM-DD`, not {since!r}")
    if "value" not in raw:
        raise ParametersError(path, key, f"the value from {since.isoformat()} has no `value`")
    source = raw.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise ParametersError(path, key, f"the source of the value from {since.isoformat()} is empty")
    mark = None if "confidence" not in raw else _confidence(path, key, raw["confidence"])
    return Step(since, _value(path, key, raw["value"]), source, mark)


def _parse(path: str | os.PathLike[str], name: str, raw: dict[str, object]) -> Parameter:
    unknown = set(raw) - PARAMETER_KEYS
    if unknown:
        raise ParametersError(path, name, f"unknown key(s) {', '.join(sorted(unknown))}")
    for needed in ("unit", "source", "confidence"):
        if not isinstance(raw.get(needed), str) or not str(raw[needed]).strip():
            raise ParametersError(path, name, f"`{needed}` is missing or empty")
    values = raw["values"]
    if not isinstance(values, list) or not values:
        raise ParametersError(path, name, "`values` must be a non-empty list")
    steps = tuple(sorted((_step(path, name, s) for s in values), key=lambda s: s.since))
    if len({s.since for s in steps}) != len(steps):
        raise ParametersError(path, name, "two values take effect on the same date")
    kinds = {type(s.value) for s in steps}
    if len(kinds) > 1:
        raise ParametersError(path, name, "values of different kinds")
    return Parameter(name, str(raw["unit"]), str(raw["source"]), _confidence(path, name, raw["confidence"]), steps)


def _flatten(path: str | os.PathLike[str], prefix: str, table: dict[str, object]) -> dict[str, Parameter]:
    """Nested TOML tables become dotted names; a table with `values` is a parameter."""
    if "values" in table:
        return {prefix: _parse(path, prefix, table)}
    found: dict[str, Parameter] = {}
    for key, sub in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if not isinstance(sub, dict):
            raise ParametersError(path, name, "expected a table (a parameter or a group of parameters)")
        found |= _flatten(path, name, sub)
    return found


def _derived(parameter: Parameter) -> Parameter | None:
    """`<name>.from` for a boolean switch: the date it became true, as a date parameter."""
    on = parameter.first(True) if all(isinstance(s.value, bool) for s in parameter.steps) else None
    if on is None:
        return None
    step = Step(parameter.steps[0].since, on.since, on.source, on.confidence)
    return Parameter(parameter.name + DERIVED_SUFFIX, "date", parameter.source, parameter.confidence, (step,))


DATES_KEPT: Final = 64  # dates whose values in force a ParameterSet keeps


class InForce(dict[str, ParamValue | None]):
    """The values in force on one date, by parameter name (None before it existed), each
    found on its first reading: an assessment reads a few dozen parameters, all on one
    date, and a process evaluates a few dates. Values, so sharing them is safe."""

    def __init__(self, parameters: ParameterSet, on: date) -> None:
        super().__init__()
        self.parameters = parameters
        self.on = on

    def __missing__(self, name: str) -> ParamValue | None:
        found = self.parameters[name].at(self.on)  # UnknownParameter for a name not in the set
        self[name] = found
        return found

    def value(self, name: str) -> ParamValue:
        """The value in force; ParameterMissing before the parameter existed."""
        found = self[name]
        if found is None:
            raise ParameterMissing(f"{name} has no value on {self.on.isoformat()}")
        return found


class ParameterSet(Mapping[str, Parameter]):
    """One whole set of dated parameters, by dotted name."""

    def __init__(self, parameters: Mapping[str, Parameter], origin: str = "") -> None:
        own = dict(parameters)
        derived = {d.name: d for p in own.values() if (d := _derived(p)) is not None}
        self._parameters = {**own, **{k: v for k, v in derived.items() if k not in own}}
        self.origin = origin
        self._dates: dict[date, InForce] = {}

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise UnknownParameter(f"no parameter {name!r} in {self.origin or 'this set'}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)

    def on(self, day: date) -> InForce:
        """The values in force on `day`, kept for the next assessment of that date."""
        found = self._dates.get(day)
        if found is None:
            if len(self._dates) >= DATES_KEPT:
                self._dates.clear()
            found = self._dates[day] = InForce(self, day)
        return found

    def at(self, name: str, on: date) -> ParamValue:
        """The value of `name` in force on `on`; ParameterMissing before it existed."""
        return self.on(on).value(name)

    def at_or_none(self, name: str, on: date) -> ParamValue | None:
        return self.on(on)[name]


def _own_parameters(path: str | os.PathLike[str]) -> dict[str, Parameter]:
    import tomllib  # only when a file is read: the product's set is read compiled

    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise ParametersError(path, "", f"not valid TOML: {error}") from None
    return _flatten(path, "", raw)


def load_parameters(path: str | os.PathLike[str]) -> ParameterSet:
    """A parameter set from a TOML file; ParametersError names the file and the key."""
    return ParameterSet(_own_parameters(path), str(path))


PARAMETERS_FILE = os.path.join(os.path.dirname(__file__), "parameters.toml")

# The compiled form of a parameter set: plain data that `marshal` writes (bot.io.compiled).
_TAGS: dict[type, str] = {bool: "bool", str: "str", Decimal: "decimal", date: "date"}


def _plain_value(value: Value) -> tuple[str, Any]:
    tag = _TAGS[type(value)]
    return tag, (str(value) if tag == "decimal" else value.toordinal() if isinstance(value, date) else value)


def _from_plain_value(tag: str, raw: Any) -> Value:
    if tag == "decimal":
        return Decimal(raw)
    return date.fromordinal(raw) if tag == "date" else raw


def _plain(own: Mapping[str, Parameter]) -> list[Any]:
    return [(p.name, p.unit, p.source, p.confidence,
             [(s.since.toordinal(), *_plain_value(s.value), s.source, s.confidence) for s in p.steps])
            for p in own.values()]


def _from_plain(plain: list[Any]) -> dict[str, Parameter]:
    return {name: Parameter(name, unit, source, confidence,
                            tuple(Step(date.fromordinal(since), _from_plain_value(tag, raw), step_source, mark)
                                  for since, tag, raw, step_source, mark in steps))
            for name, unit, source, confidence, steps in plain}


@cache
def product_parameters() -> ParameterSet:
    """The product's parameter set, loaded once: from its compiled form while
    parameters.toml is unchanged, else read and checked (and compiled for next time)."""
    # Keyed on this module too: it reads the file and gives the compiled form its shape.
    plain = compiled([PARAMETERS_FILE, __file__], lambda: _plain(_own_parameters(PARAMETERS_FILE)))
    return ParameterSet(_from_plain(plain), PARAMETERS_FILE)


def parameters() -> ParameterSet:
    """The product's parameters by dotted name (for the dialogue and the tests)."""
    return product_parameters()


def param(name: str, on: date) -> ParamValue:
    """The product's value of parameter `name` in force on `on`."""
    return product_parameters().at(name, on)


def param_or_none(name: str, on: date) -> ParamValue | None:
    """The product's value in force on `on`, or None when the parameter did not exist yet."""
    return product_parameters().at_or_none(name, on)
