"""Input problems (from validation) as sentences of the person's language."""

from __future__ import annotations

from bot.i18n import Translator
from bot.situation import Problem


def problem_text(problem: Problem, tr: Translator) -> str:
    params: dict[str, object] = {"field": problem.field, **problem.params}
    if "expected" in params:
        params["expected"] = tr.text(f"label.type.{params['expected']}")
    return tr.text(f"error.{problem.code}", **params)
