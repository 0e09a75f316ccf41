"""The engine computes each assessment once per turn, for every channel, and never mixes
up two sets of answers that are equal but shown differently."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import bot.dialogue.engine as engine_module
from bot.channels.web.views import turn_json
from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.engine import Engine
from bot.dialogue.interpret import Command
from bot.dialogue.reply import Answer, Say
from bot.dialogue.session import Session
from bot.rules import assess

AS_OF = date(2026, 6, 1)
KNOWN = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "none",
         "low_qualification_declared": False, "disability_boe": False}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the rules were asked, by any engine."""
    calls = [0]

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return assess(*args, **kwargs)

    monkeypatch.setattr(engine_module, "assess", counting)
    return calls


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("event", [Answer("half_or_more"), Say("1"), Command("summary"), Command("back")])
def test_a_turn_and_its_progress_compute_the_assessment_once(counted: list[int], lang: str, event: Any) -> None:
    engine = Engine(cpf_dialogue())
    aged = engine.step(engine.start(lang, AS_OF, {"status": "private_employee"}).session, Answer(40))
    assert aged.question is not None and aged.question.field == "working_time"
    counted[0] = 0
    reply = engine.step(aged.session, event)
    assert reply.accepted
    turn_json(reply, engine, "s1")  # the web's reply: the turn's, with its progress
    assert counted[0] <= 1  # none when the answers did not change since the last turn


def test_equal_answers_shown_differently_keep_their_own_assessment() -> None:
    engine = Engine(cpf_dialogue())
    whole = Session("fr", AS_OF, {**KNOWN, "balance": Decimal("40")}, state="balance")
    tenth = Session("fr", AS_OF, {**KNOWN, "balance": Decimal("40.0")}, state="balance")
    assert str(engine.assessment(whole).balance) == "40"
    assert str(engine.assessment(tenth).balance) == "40.0"
    assert str(engine.assessment(whole).balance) == "40"


def test_the_next_turn_of_a_session_reuses_the_last_turns_assessment(counted: list[int]) -> None:
    engine = Engine(cpf_dialogue())
    asked = engine.start("fr", AS_OF, KNOWN)
    counted[0] = 0
    helped = engine.step(asked.session, Command("help"))  # the same answers mapping as the last reply's
    assert counted[0] == 0 and helped.assessed is asked.assessed
    copied = Session(**{**asked.session.__dict__, "answers": dict(asked.session.answers)})
    engine.step(copied, Command("help"))  # equal answers, another mapping: computed again
    assert counted[0] == 1


def test_equal_answers_shown_differently_keep_their_own_assessment_from_turn_to_turn() -> None:
    engine = Engine(cpf_dialogue())
    whole = engine.step(Session("fr", AS_OF, {**KNOWN, "balance": Decimal("40")}, state="result"), Command("help"))
    tenth = Session("fr", AS_OF, {**KNOWN, "balance": Decimal("40.0")}, state="result")
    assert whole.assessed is not None and str(whole.assessed.balance) == "40"
    again = engine.step(tenth, Command("help"))
    assert again.assessed is not None and str(again.assessed.balance) == "40.0"


def test_the_next_turn_of_each_session_reuses_its_assessment_with_other_turns_in_between(
        counted: list[int]) -> None:
    """Many sessions take turns on one engine (serve, web): each one's next turn starts from
    the assessment its last reply ended with, whoever came in between, up to RECENT_KEPT."""
    engine = Engine(cpf_dialogue())
    replies = [engine.start("fr", AS_OF, {**KNOWN, "age": 20 + n}) for n in range(3)]
    counted[0] = 0
    for reply in replies:
        assert engine.step(reply.session, Command("help")).assessed is reply.assessed
    assert counted[0] == 0
    for n in range(engine_module.RECENT_KEPT):  # as many other sessions' turns: the first one's is gone
        engine.start("fr", AS_OF, {**KNOWN, "age": 20 + n % 40})
    counted[0] = 0
    engine.step(replies[0].session, Command("help"))
    assert counted[0] == 1


def test_a_stored_sessions_next_turn_reuses_its_assessment(counted: list[int], tmp_path: Any) -> None:
    """Through a store that reads back the row it wrote, as `serve` and `web` turn: "back"
    after an answer, with another session's turn in between, computes no assessment."""
    from bot.service.stored import StoredConversations
    from bot.stores.sqlite import SqliteStore

    with SqliteStore(tmp_path / "sessions.sqlite3") as store:
        conversations = StoredConversations(store, Engine(cpf_dialogue()), "fr", today=lambda: AS_OF)
        for sid, age in (("a", 40), ("b", 41)):
            conversations.start(sid, {"lang": "fr", "known": {"status": "private_employee"}})
            conversations.turn(sid, "answer", age)
        counted[0] = 0
        conversations.turn("a", "command", "back")
        conversations.turn("b", "command", "back")
        assert counted[0] == 0
