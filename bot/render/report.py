"""The result exported for later (`--report FILE`): Markdown for people, JSON for programs."""

from __future__ import annotations

import json

from bot.i18n import Translator
from bot.render.assessment import assessment_json, explanation_text, figure_lines, next_step_text, sources_line
from bot.rules.model import Assessment


def markdown(a: Assessment, tr: Translator) -> str:
    lines = [f"# {tr.text('result.title', date=a.as_of)}", ""]
    lines += [f"- {line}" for line in figure_lines(a, tr)]
    if a.next_steps:
        lines += ["", f"## {tr.text('result.next_steps')}", ""]
        lines += [f"{n}. [ ] {next_step_text(s, tr)}" for n, s in enumerate(a.next_steps, 1)]
    lines += ["", f"## {tr.text('result.why')}", ""]
    for n, e in enumerate(a.explanations, 1):
        lines.append(f"{n}. {explanation_text(e, tr)}")
        if e.sources:
            lines.append(f"   *{sources_line(e, tr)}*")
    return "\n".join(lines) + "\n"


def report(a: Assessment, tr: Translator, path: str) -> str:
    """The report's text, JSON when the file name ends in .json, Markdown otherwise."""
    if path.lower().endswith(".json"):
        return json.dumps(assessment_json(a, tr), ensure_ascii=False, indent=2) + "\n"
    return markdown(a, tr)
