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
from bot.rules.model import Explanation, NextStep, Placeholder
from bot.rules.parameters import Confidence, ParamValue, param, param_or_none


def number(value: ParamValue) -> Decimal:
    """A numeric parameter value."""
    assert isinstance(value.value, Decimal), value.name
    return value.value


def whole(value: ParamValue) -> int:
    """A whole-number parameter value (ages, days, months)."""
    return int(number(value))


def day(value: ParamValue) -> date:
    """A date parameter value (a rule's effective date kept as data)."""
    assert isinstance(value.value, date), value.name
    return value.value


@dataclass
class Trace:
    facts: Facts
    as_of: date
    explanations: list[Explanation] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)

    def param(self, name: str) -> ParamValue:
        """The parameter in force on the rules date."""
        return param(name, self.as_of)

    def param_or_none(self, name: str) -> ParamValue | None:
        """The parameter in force on the rules date, or None before it existed."""
        return param_or_none(name, self.as_of)

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
        lowered to the weakest of the parameters it used."""
        used = tuple(uses)
        marks: list[Confidence] = [confidence, *(p.confidence for p in used)]
        refs = tuple(dict.fromkeys([*sources, *(p.source for p in used)]))
        self.explanations.append(
            Explanation(code, dict(params or {}), refs, Explanation.weakest(*marks), used)
        )

    def step(self, code: str, params: dict[str, Placeholder] | None = None) -> None:
        """Record something the person can do next (each code once)."""
        if all(s.code != code for s in self.next_steps):
            self.next_steps.append(NextStep(code, dict(params or {})))
