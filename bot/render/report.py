"""The result exported for later (`--report FILE`): Markdown for people, JSON for programs."""

from __future__ import annotations

import json
from typing import Any

from bot.i18n import Translator
from bot.render.answers import answers_markdown
from bot.render import references
from bot.render.assessment import (
    all_sources, assessment_json, explanation_text, figure_lines, next_step_text, references_pieces, sources_pieces,
)
from bot.rules.model import Assessment


def markdown(a: Assessment, tr: Translator, answers: list[dict[str, Any]]) -> str:
    """The report for people: figures, next steps as a checklist, why, the answers given."""
    lines = [f"# {tr.text('result.title', date=a.as_of)}", ""]
    lines += [f"- {line}" for line in figure_lines(a, tr)]
    if all_sources(a):
        lines += ["", references.markdown(references_pieces(a, tr))]
    if a.next_steps:
        lines += ["", f"## {tr.text('result.next_steps')}", ""]
        lines += [f"{n}. [ ] {next_step_text(s, tr)}" for n, s in enumerate(a.next_steps, 1)]
    lines += ["", f"## {tr.text('result.why')}", ""]
    for n, e in enumerate(a.explanations, 1):
        lines.append(f"{n}. {explanation_text(e, tr)}")
        if e.sources:
            lines.append(f"   *{references.markdown(sources_pieces(e, tr))}*")
    if answers:
        lines += ["", *answers_markdown(answers, tr)]
    return "\n".join(lines) + "\n"


def report_json(a: Assessment, tr: Translator, answers: list[dict[str, Any]]) -> dict[str, Any]:
    """The assessment object, plus (an addition) `answers`: every answer with who gave it."""
    return {**assessment_json(a, tr), "answers": answers}


def report(a: Assessment, tr: Translator, path: str, answers: list[dict[str, Any]]) -> str:
    """The report's text, JSON when the file name ends in .json, Markdown otherwise;
    `answers` as `bot.render.answers.answers_json` gives them."""
    if path.lower().endswith(".json"):
        return json.dumps(report_json(a, tr, answers), ensure_ascii=False, indent=2) + "\n"
    return markdown(a, tr, answers)
