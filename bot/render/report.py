"""The result exported for later (`--report FILE`): Markdown for people, JSON for programs.

A report made before the result (`open_questions` not empty) is provisional: it says so at
its top, names the questions still open, and states no figure nor verdict, since those
would rest on what the rules assume for the unanswered points, not on the person's answers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.i18n import Translator
from bot.render.answers import answers_markdown
from bot.render import references
from bot.render.safe import printable
from bot.render.assessment import (
    all_sources, assessment_json, explanation_text, figure_lines, next_step_text, references_pieces, sources_pieces,
)
from bot.rules.model import Assessment


def open_json(open_questions: Sequence[str], tr: Translator) -> list[dict[str, str]]:
    """The questions still open as `{field, label}`, labels in the translator's language."""
    return [{"field": name, "label": printable(tr.text(f"field.{name}"))} for name in open_questions]


def _provisional_markdown(a: Assessment, tr: Translator, answers: list[dict[str, Any]],
                          open_questions: Sequence[str]) -> str:
    lines = [f"# {tr.text('report.provisional_title', date=a.as_of)}", "", f"**{tr.text('report.provisional')}**",
             "", f"## {tr.text('report.open_questions')}", ""]
    lines += [f"- {item['label']}" for item in open_json(open_questions, tr)]
    if answers:
        lines += ["", *answers_markdown(answers, tr)]
    return "\n".join(lines) + "\n"


def markdown(a: Assessment, tr: Translator, answers: list[dict[str, Any]],
             open_questions: Sequence[str] = ()) -> str:
    """The report for people: figures, next steps as a checklist, why, the answers given;
    before the result, only what is known and what is still open."""
    if open_questions:
        return _provisional_markdown(a, tr, answers, open_questions)
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


def report_json(a: Assessment, tr: Translator, answers: list[dict[str, Any]],
                open_questions: Sequence[str] = ()) -> dict[str, Any]:
    """The assessment object, plus (additions) `answers`: every answer with who gave it;
    `provisional`: whether the result is not reached yet, its figures then resting on
    assumptions; `open_questions`: the questions still open, `{field, label}` each."""
    return {**assessment_json(a, tr), "answers": answers, "provisional": bool(open_questions),
            "open_questions": open_json(open_questions, tr)}


def report(a: Assessment, tr: Translator, path: str, answers: list[dict[str, Any]],
           open_questions: Sequence[str] = ()) -> str:
    """The report's text, JSON when the file name ends in .json, Markdown otherwise;
    `answers` as `bot.render.answers.answers_json` gives them, `open_questions` as
    `Engine.open_questions` does."""
    if path.lower().endswith(".json"):
        return json.dumps(report_json(a, tr, answers, open_questions), ensure_ascii=False, indent=2) + "\n"
    return markdown(a, tr, answers, open_questions)
