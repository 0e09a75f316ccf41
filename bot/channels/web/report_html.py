"""The report as a printable HTML page: figures, next steps, every figure explained with
its sources, and the answers with who gave each; before the result, provisional: the
questions still open instead of figures (as `bot.render.report`). Every text is escaped; the page has no
script at all, so its own policy allows only its inline style."""

from __future__ import annotations

from html import escape
from typing import Final

from bot.channels.web.views import answers_json
from bot.dialogue.engine import Engine
from bot.dialogue.session import Session
from bot.i18n import Translator
from bot.render import references
from bot.render.report import open_json
from bot.render.assessment import (
    all_sources, cap_line, explanation_text, figure_lines, next_step_text, references_pieces, sources_pieces,
)
from bot.rules.model import Assessment
from bot.rules.projection import cap_progress

CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
STYLE: Final = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #999; }
.note { border-left: 4px solid #b35c00; padding: .5rem 1rem; background: #fff4e5; }
.sources { color: #444; font-size: .9rem; }
meter { width: 10rem; vertical-align: middle; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ccc; }
@media print { body { margin: 0; max-width: none; } .note { background: none; } }
"""


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _figure(line: str, a: Assessment, tr: Translator) -> str:
    """A figure, escaped; the balance against the cap with a meter before its words."""
    progress = cap_progress(a)
    if progress is None or line != cap_line(a, tr):
        return escape(line)
    return (f'<meter min="0" max="{progress.cap}" value="{min(progress.balance, progress.cap)}">'
            f"{escape(tr.percent(progress.share))}</meter> {escape(line)}")


def page(engine: Engine, session: Session, a: Assessment, tr: Translator) -> str:
    """The whole page, in the translator's language."""
    open_questions = engine.open_questions(session, a)
    title = escape(tr.text("report.provisional_title", date=a.as_of) if open_questions
                   else tr.text("result.title", date=a.as_of))
    parts = [f'<!doctype html><html lang="{tr.lang}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{title}</title><style>{STYLE}</style></head><body><main>", f"<h1>{title}</h1>"]
    if open_questions:  # no figure nor verdict: they would rest on assumptions (bot.render.report)
        parts.append(f'<p class="note"><strong>{escape(tr.text("report.provisional"))}</strong></p>')
        parts.append(f"<h2>{escape(tr.text('report.open_questions'))}</h2>")
        parts.append(_list("ul", [escape(item["label"]) for item in open_json(open_questions, tr)]))
    else:
        _results(parts, a, tr)
    _answers(parts, engine, session, tr)
    parts.append("</main></body></html>")
    return "".join(parts)


def _results(parts: list[str], a: Assessment, tr: Translator) -> None:
    """The figures, their references, the next steps and why."""
    parts.append(_list("ul", [_figure(line, a, tr) for line in figure_lines(a, tr)]))
    if all_sources(a):
        parts.append(f'<p class="sources">{references.html(references_pieces(a, tr))}</p>')
    if a.next_steps:
        parts.append(f"<h2>{escape(tr.text('result.next_steps'))}</h2>")
        parts.append(_list("ol", [escape(next_step_text(s, tr)) for s in a.next_steps]))
    parts.append(f"<h2>{escape(tr.text('result.why'))}</h2>")
    explained = []
    for e in a.explanations:
        item = escape(explanation_text(e, tr))
        if e.sources:
            item += f'<br><span class="sources">{references.html(sources_pieces(e, tr))}</span>'
        explained.append(item)
    parts.append(_list("ol", explained))


def _answers(parts: list[str], engine: Engine, session: Session, tr: Translator) -> None:
    """The answers given, with who gave each, as a table."""
    answers = answers_json(engine, session, tr.lang)
    if answers:
        parts.append(f"<h2>{escape(tr.text('result.answers'))}</h2><table><thead><tr>"
                     f"<th scope=\"col\">{escape(tr.text('result.answers_question'))}</th>"
                     f"<th scope=\"col\">{escape(tr.text('result.answers_answer'))}</th>"
                     f"<th scope=\"col\">{escape(tr.text('result.answers_given_by'))}</th></tr></thead><tbody>")
        for answer in answers:
            source = escape(tr.text(f"dialog.source.{answer['source']}"))
            parts.append(f"<tr><td>{escape(answer['label'])}</td><td>{escape(answer['text'])}</td><td>{source}</td></tr>")
        parts.append("</tbody></table>")
