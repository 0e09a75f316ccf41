"""The working state of one assessment: the answers, the rules date, and what the rules said.

Each rule module receives a `Trace`, reads answers only through `trace.facts` (so the
dialogue learns which questions are relevant), takes every amount and date from the
dated parameters in force on `trace.as_of`, and appends its `Explanation`s and
`NextStep`s here, in the order they are found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bot.rules.facts import Facts
from bot.rules.model import Explained, NextStep, Placeholder
from bot.rules.parameters import (
    Confidence, InForce, Parameter, ParameterSet, ParameterTypeError, ParamValue, product_parameters,
)


def number(value: ParamValue) -> Decimal:
    """A numeric parameter value."""
    found = value.value
    if type(found) is not Decimal:  # a bool, a date or a text
        raise ParameterTypeError(f"parameter {value.name} is not a number: {found!r}")
    return found


def whole(value: ParamValue) -> int:
    """A whole-number parameter value (ages, days, months)."""
    return int(number(value))


def day(value: ParamValue) -> date:
    """A date parameter value."""
    if not isinstance(value.value, date):
        raise ParameterTypeError(f"parameter {value.name} is not a date: {value.value!r}")
    return value.value


def flag(value: ParamValue) -> bool:
    """A boolean parameter value (a regime switch)."""
    if not isinstance(value.value, bool):
        raise ParameterTypeError(f"parameter {value.name} is not a boolean: {value.value!r}")
    return value.value


@dataclass
class Trace:
    """What one assessment reads and records: the facts, the date, the parameters, the explanations."""

    facts: Facts
    as_of: date
    parameters: ParameterSet = field(default_factory=product_parameters)
    explained: list[Explained] = field(default_factory=list)  # see `explain`
    next_steps: list[NextStep] = field(default_factory=list)
    in_force: InForce = field(init=False, repr=False)  # the parameters on the rules date

    def __post_init__(self) -> None:
        self.in_force = self.parameters.on(self.as_of)

    def param(self, name: str) -> ParamValue:
        """The parameter in force on the rules date."""
        found = self.in_force[name]
        return found if found is not None else self.in_force.value(name)

    def param_or_none(self, name: str) -> ParamValue | None:
        """The parameter in force on the rules date, or None before it existed."""
        return self.in_force[name]

    def parameter(self, name: str) -> Parameter:
        """The whole dated parameter (for the date a regime starts or ends)."""
        return self.parameters[name]

    def switch(self, name: str) -> tuple[bool, ParamValue]:
        """A regime switch in force on the rules date, and the value (with its date and source)."""
        value = self.param(name)
        return flag(value), value

    def explain(
        self,
        code: str,
        params: dict[str, Placeholder] | None = None,
        *,
        sources: Iterable[str] = (),
        confidence: Confidence = "V",
        uses: Iterable[ParamValue] = (),
    ) -> None:
        """Record why a figure is what it is: the rule's own sources and confidence,
        lowered to the weakest of the parameters it used (`Explanation.of`, when read)."""
        self.explained.append((code, params if params is not None else {}, tuple(sources), confidence, tuple(uses)))

    def step(self, code: str, params: dict[str, Placeholder] | None = None, *, first: bool = False) -> None:
        """Record something the person can do next (each code once); `first` puts it before the others."""
        if all(s.code != code for s in self.next_steps):
            self.next_steps.insert(0 if first else len(self.next_steps), NextStep(code, dict(params or {})))
