"""The public Python API (bot.api): the same replies as `serve`, saved and resumed as plain data."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pathlib import Path

import pytest

from bot import api
from bot.dialogue.interpret import Command
from bot.dialogue.reply import Answer
from bot.channels.protocol import Server
from bot.stores.memory import MemoryStore
from fakes import serving
from fakes import run_cli
from test_protocol import ANSWERS, DATE


def finish(chat: api.Conversation, answers: dict[str, Any] = ANSWERS) -> dict[str, Any]:
    reply = chat.reply
    while chat.question is not None:
        reply = chat.answer(answers[chat.question["id"]])
        assert reply["ok"], reply
    return reply


def test_a_whole_conversation() -> None:
    chat = api.start(lang="en", date=DATE)
    assert chat.lang == "en" and not chat.ended and chat.question is not None
    assert chat.question["id"] == "status" and chat.reply["messages"][0]["text"].startswith("Hello")
    reply = finish(chat)
    assert reply["ok"] and reply["question"] is None and reply["assessment"]["as_of"] == DATE
    assert chat.reply is reply and chat.answers["age"] == 40 and chat.answers["as_of"] == DATE
    assert set(chat.sources.values()) == {"person"}
    end = chat.command("end")
    assert end["ended"] and chat.ended


def test_replies_are_the_serve_responses_without_the_session() -> None:
    inputs: list[tuple[str, Any]] = [("answer", "private_employee"), ("say", "40"), ("command", "back"),
                                     ("say", "blabla"), ("command", "summary"), ("command", "lang:en"),
                                     ("answer", True), ("command", "fly")]
    chat = api.start(lang="fr", date=DATE, known={"balance": 300})
    with MemoryStore() as store:
        server = serving(store)
        first = server.handle({"session": "s", "start": {"lang": "fr", "date": DATE, "known": {"balance": 300}}})
        assert {"session": "s", **chat.reply} == first
        for kind, value in inputs:
            mine = getattr(chat, kind)(value)
            assert {"session": "s", **mine} == server.handle({"session": "s", kind: value}), (kind, value)


def test_step_takes_text_or_events() -> None:
    chat = api.start(date=DATE)
    assert chat.step("salarié du privé")["question"]["id"] == "age"
    assert chat.step(Answer(41))["question"]["id"] == "working_time"
    assert chat.step(Command("back"))["question"]["id"] == "age"


def test_refused_input_returns_an_error_and_changes_nothing() -> None:
    chat = api.start(date=DATE)
    saved, reply = chat.to_dict(), chat.reply
    for response in (chat.answer("astronaut"), chat.say(""), chat.command("fly"), chat.command("back"),
                     chat.answer([1, 2]), chat.command("lang:de")):
        assert response["ok"] is False and response["error"]["message"]
    assert chat.to_dict() == saved and chat.reply is reply


def test_to_dict_and_from_dict_carry_on_where_it_was() -> None:
    chat = api.start(lang="en", date=DATE, known={"status": "private_employee"})
    chat.answer(40)
    data = json.loads(json.dumps(chat.to_dict()))  # plain JSON
    again = api.Conversation.from_dict(data)
    assert again.question == chat.question and again.sources == {"status": "agent", "age": "person"}
    assert finish(again)["assessment"] == finish(chat)["assessment"]


def test_a_conversation_saved_by_an_older_dialogue_resumes_with_a_notice() -> None:
    chat = api.start(date=DATE)
    again = api.Conversation.from_dict({**chat.to_dict(), "dialogue_version": 0})
    assert again.reply["messages"][0]["text"].startswith("Le questionnaire a été mis à jour")
    assert again.question is not None and again.question["id"] == "status"


@pytest.mark.parametrize("data", [{}, {"format": 99}, {"format": 1, "lang": "en"}, [], "x"])
def test_from_dict_refuses_what_is_not_a_saved_conversation(data: Any) -> None:
    with pytest.raises(api.Rejected) as error:
        api.Conversation.from_dict(data)
    assert error.value.code == "session_format"
    assert error.value.message.startswith("This session" if isinstance(data, dict) and data.get("lang") == "en" else "Cette session")


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"lang": "de"}, "bad_language"),
    ({"date": "tomorrow"}, "bad_date"),
    ({"date": date(2010, 1, 1)}, "bad_date"),
    ({"known": {"age": -3, "pet": "cat"}}, "invalid_known"),
    ({"known": {"as_of": "2026-13-01"}}, "invalid_known"),
])
def test_start_refuses_bad_arguments(kwargs: dict[str, Any], code: str) -> None:
    with pytest.raises(api.Rejected) as error:
        api.start(**kwargs)
    assert error.value.code == code and error.value.message
    assert error.value.to_json() == {"ok": False, "error": {"code": code, "message": error.value.message}}


def test_start_accepts_a_date_object_and_defaults_to_today() -> None:
    assert api.start(date=date(2026, 6, 1)).answers["as_of"] == DATE
    assert api.start().answers["as_of"] == date.today().isoformat()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_assess_is_what_cpf_bot_assess_prints(lang: str) -> None:
    situation = {"status": "private_employee", "working_time": "under_half", "annual_hours": 700}
    code, out, _ = run_cli("assess", "--lang", lang, "--date", "2025-06-01", stdin=json.dumps(situation))
    assert code == 0 and api.assess(situation, date="2025-06-01", lang=lang) == json.loads(out)
    assert api.assess({**situation, "as_of": "2025-06-01"}, lang=lang) == json.loads(out)


def test_assess_refuses_bad_input() -> None:
    with pytest.raises(api.Rejected) as error:
        api.assess({"age": "old"}, lang="en")
    assert error.value.code == "invalid_situation" and error.value.message.count("\n- ") == 2
    for kwargs, code in (({"lang": "xx"}, "bad_language"), ({"date": "01/01/2025"}, "bad_date"),
                         ({"date": "2001-01-01"}, "bad_date")):
        with pytest.raises(api.Rejected) as error:
            api.assess({"status": "retired"}, **kwargs)
        assert error.value.code == code


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_assess_refuses_an_other_situation_that_is_the_main_one(lang: str) -> None:
    with pytest.raises(api.Rejected) as error:
        api.assess({"status": "private_employee", "working_time": "under_half", "annual_hours": 700,
                    "other_status": "private_employee", "other_hours": 900}, lang=lang)
    assert error.value.code == "invalid_situation" and "annual_hours" in error.value.message
    with pytest.raises(api.Rejected) as error:
        api.start(lang, known={"status": "self_employed", "other_status": "self_employed"})
    assert error.value.code == "invalid_known"


def test_the_assessment_so_far() -> None:
    chat = api.start(date=DATE, known={"status": "private_employee"})
    partial = chat.assessment()
    assert partial["as_of"] == DATE and "age" in partial["missing"]


def test_the_api_module_is_documented_and_small() -> None:
    assert api.__doc__ and "import bot" in api.__doc__
    assert set(api.__all__) == {"COMMANDS", "Conversation", "Rejected", "assess", "start"}
    for name in ("start", "assess"):
        assert getattr(api, name).__doc__
    for name in ("step", "say", "answer", "command", "to_dict", "from_dict", "assessment"):
        assert getattr(api.Conversation, name).__doc__, name


def readme_python_example() -> str:
    """The README's Python code block, exactly as published."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    return readme.split("```python\n", 1)[1].split("```", 1)[0]


def test_readme_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    exec(readme_python_example(), {})
    assert capsys.readouterr().out.splitlines() == [
        "How old are you?", "True working_time", "1. Situation: Private-sector employee (your adviser)", "5000"]
