"""Every sentence the widget and the console show, from the catalogs, per language.

The scripts hold no text of their own: they fetch these (`GET /v1/texts?lang=`). Each
key is written out as a `tr.text("…")` call so the catalog tools find it.
"""

from __future__ import annotations

from functools import cache

from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.interpret.errors import MAX_LENGTH
from bot.i18n import Translator, translator


def widget_texts(tr: Translator) -> dict[str, str]:
    return {
        "title": tr.text("web.widget.title"),
        "intro": tr.text("web.widget.intro"),
        "language": tr.text("web.widget.language"),
        "lang_fr": tr.text("web.widget.lang_fr"),
        "lang_en": tr.text("web.widget.lang_en"),
        "start": tr.text("web.widget.start"),
        "conversation": tr.text("web.widget.conversation"),
        "your_answer": tr.text("web.widget.your_answer"),
        "paste_cut": tr.text("web.widget.paste_cut", max=MAX_LENGTH),
        "send": tr.text("web.widget.send"),
        "dont_know": tr.text("web.widget.dont_know"),
        "choices": tr.text("web.widget.choices"),
        "commands": tr.text("web.widget.commands"),
        "back": tr.text("web.widget.back"),
        "summary": tr.text("web.widget.summary"),
        "why": tr.text("web.widget.why"),
        "help": tr.text("web.widget.help"),
        "change": tr.text("web.widget.change"),
        "change_number": tr.text("web.widget.change_number"),
        "restart": tr.text("web.widget.restart"),
        "progress": tr.text("web.widget.progress"),
        "you": tr.text("web.widget.you"),
        "bot": tr.text("web.widget.bot"),
        "result": tr.text("web.widget.result"),
        "explanations": tr.text("web.widget.explanations"),
        "reasons": tr.text("web.widget.reasons"),
        "sources": tr.text("web.widget.sources"),
        "next_steps": tr.text("result.next_steps"),
        "network_error": tr.text("web.widget.network_error"),
        "retry": tr.text("web.widget.retry"),
        "ended": tr.text("web.widget.ended"),
        "carry_on": tr.text("web.widget.carry_on"),
        "keep": tr.text("web.widget.keep"),
        "expired": tr.text("web.widget.expired"),
    }


def console_texts(tr: Translator) -> dict[str, str]:
    return {
        "console_title": tr.text("web.console.title"),
        "token": tr.text("web.console.token"),
        "sign_in": tr.text("web.console.sign_in"),
        "sign_out": tr.text("web.console.sign_out"),
        "signed_in_as": tr.text("web.console.signed_in_as"),
        "new_session": tr.text("web.console.new_session"),
        "prefill_intro": tr.text("web.console.prefill_intro"),
        "not_known": tr.text("web.console.not_known"),
        "balance_hours": tr.text("web.console.balance_hours"),
        "balance_euros": tr.text("web.console.balance_euros"),
        # filled in by the console (its placeholders kept as they are)
        "ambiguous_amount": tr.text("web.console.ambiguous_amount", field="{field}", typed="{typed}",
                                    decimal="{decimal}", whole="{whole}"),
        "yes": tr.text("protocol.yes"),
        "no": tr.text("protocol.no"),
        "session_lang": tr.text("web.console.session_lang"),
        "rules_date": tr.text("web.console.rules_date"),
        "start_session": tr.text("web.console.start_session"),
        "link": tr.text("web.console.link"),
        "copy": tr.text("web.console.copy"),
        "copied": tr.text("web.console.copied"),
        "open_widget": tr.text("web.console.open_widget"),
        "sessions": tr.text("web.console.sessions"),
        "watch": tr.text("web.console.watch"),
        "turn": tr.text("web.console.turn"),
        "status": tr.text("web.console.status"),
        "question": tr.text("web.console.question"),
        "no_question": tr.text("web.console.no_question"),
        "console_ended": tr.text("web.console.ended"),
        "finished": tr.text("web.console.finished"),
        "answers": tr.text("web.console.answers"),
        "no_answers": tr.text("web.console.no_answers"),
        "col_question": tr.text("result.answers_question"),
        "col_answer": tr.text("result.answers_answer"),
        "col_source": tr.text("result.answers_given_by"),
        "source_person": tr.text("web.console.source_person"),
        "source_agent": tr.text("web.console.source_agent"),
        "report": tr.text("web.console.report"),
        "report_lang": tr.text("web.console.report_lang"),
        "download_md": tr.text("web.console.download_md"),
        "download_json": tr.text("web.console.download_json"),
        "download_html": tr.text("web.console.download_html"),
        "console_result": tr.text("web.console.result"),
        "network_error": tr.text("web.widget.network_error"),
        "language": tr.text("web.widget.language"),
        "lang_fr": tr.text("web.widget.lang_fr"),
        "lang_en": tr.text("web.widget.lang_en"),
    }


def phase_texts(tr: Translator) -> dict[str, str]:
    """The console's headings for the dialogue's phases (keys `web.phase.<name>`)."""
    return {name: tr.text(f"web.phase.{name}") for name, _ in cpf_dialogue().phases}


@cache
def texts(lang: str) -> dict[str, str]:
    """Everything the scripts show in `lang`."""
    tr = translator(lang)
    phases = {f"phase_{name}": text for name, text in phase_texts(tr).items()}
    return {**widget_texts(tr), **console_texts(tr), **phases}
