"""Input problems (from validation) as sentences of the person's language."""

from __future__ import annotations

from datetime import date

from bot.i18n import Translator
from bot.render.safe import quoted
from bot.rules.situation import FIELDS, Problem


def problem_text(problem: Problem, tr: Translator) -> str:
    """One problem as a sentence. A field name that is not one of ours is input: it is
    quoted safely (`bot.render.safe.quoted`: no escapes, no social security number)."""
    field = problem.field if problem.field in FIELDS else quoted(problem.field, tr.text("privacy.redacted"))
    params: dict[str, object] = {"field": field, **problem.params}
    if "expected" in params:
        params["expected"] = tr.text(f"label.type.{params['expected']}")
    if problem.code == "out_of_range":
        # A range of dates has its own sentence ("entre le 1er janvier 1900 et le …"), and
        # so has one whose minimum is excluded ("de plus de 0 et d'au plus 120").
        if isinstance(problem.params.get("minimum"), date):
            return tr.text("error.out_of_range.date", **params)
        if problem.field in FIELDS and FIELDS[problem.field].positive:
            return tr.text("error.out_of_range.exclusive", **params)
    return tr.text(f"error.{problem.code}", **params)


def problems_lines(heading: str, problems: list[Problem], tr: Translator) -> list[str]:
    """The sentence `heading`, then one line per problem: how every channel lists them."""
    return [tr.text(heading)] + [f"- {problem_text(p, tr)}" for p in problems]
