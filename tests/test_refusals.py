"""How refused answers are said (bot.dialogue.refusals), and the dates, months and choices a
newcomer's test found refused or said wrongly: each case in both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.engine import Engine
from bot.dialogue.interpret import Value, interpret
from bot.dialogue.interpret import Command
from bot.dialogue.reply import Answer, Reply, Say
from bot.i18n import translator
from bot.render.reply import reply_lines
from bot.rules.situation import MAX_DATE, check_value

ENGINE = Engine(cpf_dialogue())
TODAY = date(2026, 12, 2)  # the newcomer's rules date: 01/09/2026 had passed
AT_START = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
            "disability_boe": False, "balance": 1000, "training_kind": "certification", "cofunding": "none",
            "training_cost": 1500, "uses_c2p": False, "incapacity_retraining": False, "cec_balance": 0,
            "during_work_hours": True}
HELP = {"fr": "aide", "en": "help"}


def text(reply: Reply) -> str:
    lines = reply_lines(reply, ENGINE.dialogue, translator(reply.session.lang))
    return " ".join(" ".join(lines).split())  # blanks as one space (French typography)


def at(lang: str, field: str, known: dict[str, Any], on: date = TODAY) -> Reply:
    reply = ENGINE.start(lang, on, known)
    assert reply.question is not None and reply.question.field == field
    return reply


def say(reply: Reply, typed: str) -> Reply:
    return ENGINE.step(reply.session, Say(typed))


def errors(reply: Reply) -> str:
    tr = translator(reply.session.lang)
    from bot.render.reply import message_text

    said = [message_text(m, ENGINE.dialogue, tr) for m in reply.messages if m.kind == "error"]
    return " ".join(" ".join(said).split())


# --- 4. answers people naturally type ------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("typed", ["temps plein", "plein temps", "à temps plein", "full-time", "Temps complet"])
def test_temps_plein_is_full_time(lang: str, typed: str) -> None:
    assert interpret(typed, lang, ENGINE.dialogue.questions["public_time"]) == Value("full_time")


@pytest.mark.parametrize(("lang", "no", "echo"), [("fr", "non", "→ Non, aucune"), ("en", "no", "→ No, none"),
                                                   ("fr", "Aucune autre", "→ Non, aucune"), ("en", "None", "→ No, none")])
def test_a_bare_no_says_there_was_no_other_situation(lang: str, no: str, echo: str) -> None:
    asked = at(lang, "other_status", {"status": "job_seeker", "age": 30})
    reply = say(asked, no)
    assert reply.accepted and reply.session.answers["other_status"] == "none" and echo in text(reply)
    assert say(asked, "oui" if lang == "fr" else "yes").messages[0].key == "answer.yes_no_at_choice"
