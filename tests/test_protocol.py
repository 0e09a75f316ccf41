"""The JSON-lines protocol (bot.channels.protocol): every request kind, every error, nothing changed by a refusal."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import LANGUAGES, translator
from bot.channels.protocol import ERROR_CODES, MAX_LINE, MAX_SESSION_ID, Server, response_line
from bot.dialogue import codec
from bot.service.requests import COMMANDS
from bot.stores.memory import MemoryStore
from bot.stores.sqlite import SqliteStore as Store
from fakes import run_cli, serving

DATE = "2026-06-01"
# An answer for every question the dialogue may ask (the question's id is the field).
ANSWERS: dict[str, Any] = {
    "status": "private_employee", "age": 40, "consular_network": False, "public_category": "C",
    "working_time": "half_or_more", "annual_hours": 700, "activity_months": 7, "cfp_paid": True,
    "diploma": "none", "low_qualification_declared": False, "disability_boe": False, "balance": 1000,
    "years_worked": 4, "training_kind": "certification", "licence": "B", "holds_licence": False,
    "cofunding": "none", "training_cost": 1500, "uses_c2p": False, "incapacity_retraining": False,
    "during_work_hours": True, "training_start": "2026-09-01", "training_months": 3,
    "receives_pension": False, "pension_full_rate": False, "public_time": "full_time", "post_weekly_hours": 28,
    "reference_basis": "legal", "reference_hours": 1607, "package_days": 218, "worked_days": 100,
    "counted_leave": False, "leave_time": 0, "other_status": "none", "other_hours": 400, "other_months": 6,
    "has_cqp": False, "accompaniment_hours": 20, "cofunding_amount": 300, "c2p_points": 5, "cec_balance": 0,
    "worked_before": False,
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with Store(tmp_path / "sessions.sqlite3") as store:
        yield serving(store, "fr", today=lambda: date(2026, 6, 1))


def start(server: Server, sid: str = "s1", **spec: Any) -> dict[str, Any]:
    return server.handle({"session": sid, "start": {"date": DATE, **spec}})


def converse(server: Server, sid: str, answers: dict[str, Any] = ANSWERS, **spec: Any) -> list[dict[str, Any]]:
    """A whole conversation answering every question from `answers`; every response."""
    responses = [start(server, sid, **spec)]
    while responses[-1]["question"] is not None:
        responses.append(server.handle({"session": sid, "answer": answers[responses[-1]["question"]["id"]]}))
        assert responses[-1]["ok"], responses[-1]
    return responses


def stored(server: Server, sid: str) -> dict[str, Any] | None:
    with server.conversations.store.slot(sid) as slot:
        session = slot.get()
    return None if session is None else codec.encode(session)


def raw(server: Server) -> sqlite3.Connection:
    """The store's file opened as any SQLite tool would, to edit it behind the server's back."""
    path = server.conversations.store.path  # type: ignore[attr-defined]
    return sqlite3.connect(path, isolation_level=None)


def error_of(response: dict[str, Any]) -> str:
    assert response["ok"] is False and set(response) - {"turn"} == {"session", "ok", "error"}, response
    assert response["error"]["message"] and not response["error"]["message"].startswith("protocol."), response
    code: str = response["error"]["code"]
    return code


# -- request kinds ----------------------------------------------------------------------


def test_start_gives_the_welcome_and_the_first_question(server: Server) -> None:
    response = start(server, lang="en")
    assert list(response) == ["session", "ok", "messages", "question", "assessment", "ended", "turn", "confirm"]
    assert response["session"] == "s1" and response["ok"] is True and response["assessment"] is None
    assert response["messages"][0]["kind"] == "text" and response["messages"][0]["text"].startswith("Hello")
    question = response["question"]
    assert question["id"] == "status" and question["kind"] == "choice" and question["optional"] is False
    assert question["text"] == "What is your main situation?" or question["text"].endswith("?")
    assert [c["value"] for c in question["choices"]][:2] == ["private_employee", "apprentice"]
    assert all(c["label"] and not c["label"].startswith("choice.") for c in question["choices"])


def test_start_defaults_to_the_servers_language_and_date(server: Server) -> None:
    response = server.handle({"session": "s1", "start": {}})
    assert response["ok"] and response["question"]["text"].startswith("Quelle")
    assert stored(server, "s1")["as_of"] == DATE  # type: ignore[index]


def test_yes_no_questions_offer_true_and_false_with_labels(server: Server) -> None:
    start(server, lang="en", known={"status": "public_agent", "age": 40})
    response = server.handle({"session": "s1", "say": "?"})
    assert response["question"]["kind"] == "yes_no"
    assert response["question"]["choices"] == [{"value": True, "label": "Yes"}, {"value": False, "label": "No"}]
    assert server.handle({"session": "s1", "command": "lang:fr"})["question"]["choices"][0]["label"] == "Oui"


def test_answer_say_and_every_command(server: Server) -> None:
    start(server)
    assert server.handle({"session": "s1", "answer": "private_employee"})["question"]["id"] == "age"
    assert server.handle({"session": "s1", "say": "40 ans"})["question"]["id"] == "working_time"
    back = server.handle({"session": "s1", "command": "back"})
    assert back["question"]["id"] == "age" and any("40" in m["text"] for m in back["messages"])
    summary = server.handle({"session": "s1", "command": "summary"})
    assert [m["kind"] for m in summary["messages"]] == ["summary"] * 3
    assert summary["question"]["id"] == "age"
    assert all(m["kind"] == "help" for m in server.handle({"session": "s1", "command": "help"})["messages"])
    assert server.handle({"session": "s1", "command": "why"})["messages"][0]["kind"] == "help"
    english = server.handle({"session": "s1", "command": "lang:en"})
    assert english["question"]["text"] == "How old are you?"
    assert stored(server, "s1")["lang"] == "en"  # type: ignore[index]
    french = server.handle({"session": "s1", "command": "lang:fr"})
    assert french["question"]["text"].startswith("Quel")
    restarted = server.handle({"session": "s1", "command": "restart"})
    assert restarted["question"]["id"] == "status" and stored(server, "s1")["answers"] == {}  # type: ignore[index]
    end = server.handle({"session": "s1", "command": "end"})
    assert end["ok"] and end["ended"] is True and end["question"] is None and end["assessment"] is None
    assert {"help", "why"} | {"back", "restart", "summary", "lang:en", "lang:fr", "end"} == set(COMMANDS)


def test_say_reads_commands_as_the_terminal_does(server: Server) -> None:
    start(server, known={"status": "private_employee"})
    server.handle({"session": "s1", "answer": 40})
    assert server.handle({"session": "s1", "say": "retour"})["question"]["id"] == "age"
    assert server.handle({"session": "s1", "say": "language en"})["question"]["text"] == "How old are you?"


def test_known_answers_are_not_asked_and_the_summary_names_the_adviser(server: Server) -> None:
    known = {"status": "private_employee", "age": 40, "balance": 800}
    responses = converse(server, "s1", known=known)
    asked = [r["question"]["id"] for r in responses if r["question"]]
    assert not set(known) & set(asked)
    assert responses[0]["messages"][1]["text"] == translator("fr").text("dialog.prefilled", count=3)
    summary = server.handle({"session": "s1", "command": "summary"})["messages"]
    lines = {m["text"].split(". ", 1)[1].split(":")[0].strip(): m["text"] for m in summary[1:]}
    assert lines["Âge"].endswith("(votre conseiller)") and lines["Situation"].endswith("(votre conseiller)")
    assert lines["Temps de travail"].endswith("(vous)")
    assert stored(server, "s1")["sources"]["age"] == "agent"  # type: ignore[index]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("overrides", [{}, {"status": "job_seeker"}, {"status": "public_agent"},
                                       {"status": "self_employed", "balance": None}])
def test_the_assessment_is_what_cpf_bot_assess_gives(server: Server, lang: str, overrides: dict[str, Any]) -> None:
    responses = converse(server, "s1", {**ANSWERS, **overrides}, lang=lang)
    last = responses[-1]
    assert last["question"] is None and last["ended"] is False and last["assessment"] is not None
    assert [m["kind"] for m in last["messages"]][:1] == ["result"]
    assert all(r["assessment"] is None for r in responses[:-1])
    situation = {**stored(server, "s1")["answers"], "as_of": DATE}  # type: ignore[index]
    code, out, err = run_cli("assess", "--lang", lang, stdin=json.dumps(situation))
    assert (code, err) == (0, "")
    assert last["assessment"] == json.loads(out)
    again = server.handle({"session": "s1", "command": "summary"})  # still at the result
    assert again["assessment"] == last["assessment"]


def test_a_session_continues_in_another_server_on_the_same_store(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        serving(store).handle({"session": "s1", "start": {"date": DATE, "lang": "en"}})
        serving(store).handle({"session": "s1", "answer": "not_working"})
        serving(store).handle({"session": "s1", "answer": False})  # never worked
    with Store(path) as store:
        response = serving(store).handle({"session": "s1", "command": "summary"})
    assert response["ok"] and response["assessment"] is not None and "Not working" in response["messages"][1]["text"]


# -- errors -----------------------------------------------------------------------------


LONG = "x" * (MAX_LINE + 1)
# code -> lines that must get it (the session "s1" exists, "done" has ended, "old" has an unknown format)
BAD_LINES: dict[str, list[str | bytes]] = {
    "not_utf8": [b'{"session": "s1", "say": "\xff"}'],
    "not_json": ["", "   ", "not json", '{"session": "s1", ', "{'session': 's1'}", '{"session": "s1", "answer": NaN}',
                 '{"session": "s1", "answer": ' + "9" * 5000 + "}", "[" * 100_00 + "]" * 100_00],
    "line_too_long": [LONG, LONG.encode()],
    "not_an_object": ["[]", '"s1"', "42", "null", "true"],
    "missing_session": ['{"say": "bonjour"}', '{"session": null, "say": "x"}'],
    "bad_session": ['{"session": 1, "say": "x"}', '{"session": "", "say": "x"}', '{"session": ["s1"], "say": "x"}',
                    json.dumps({"session": "s" * (MAX_SESSION_ID + 1), "say": "x"}),
                    json.dumps({"session": "s\n1", "say": "x"}), '{"session": "\\ud800", "say": "x"}'],
    "bad_request": ['{"session": "s1"}', '{"session": "s1", "say": "x", "answer": 1}',
                    '{"session": "s1", "sya": "x"}', '{"session": "s1", "say": 42}', '{"session": "s1", "say": null}',
                    '{"session": "new", "start": "fr"}', '{"session": "new", "start": {"language": "fr"}}'],
    "unknown_session": ['{"session": "nobody", "say": "bonjour"}', '{"session": "nobody", "command": "end"}'],
    "session_exists": ['{"session": "s1", "start": {}}', '{"session": "old", "start": {}}'],
    "session_format": ['{"session": "old", "say": "bonjour"}'],
    "ended": ['{"session": "done", "say": "bonjour"}', '{"session": "done", "command": "restart"}'],
    "bad_language": ['{"session": "new", "start": {"lang": "de"}}', '{"session": "s1", "command": "lang:de"}',
                     '{"session": "new", "start": {"lang": null}}'],
    "bad_date": ['{"session": "new", "start": {"date": "22/11/2026"}}', '{"session": "new", "start": {"date": 2026}}',
                 '{"session": "new", "start": {"date": "2026-02-30"}}', '{"session": "new", "start": {"date": "2010-01-01"}}',
                 '{"session": "new", "start": {"known": {"as_of": "2012-01-01"}}}'],
    "invalid_known": ['{"session": "new", "start": {"known": {"age": "forty"}}}', '{"session": "new", "start": {"known": []}}'],
    "invalid_answer": ['{"session": "s1", "answer": "astronaut"}', '{"session": "s1", "answer": {"a": 1}}',
                       '{"session": "s1", "say": "blabla"}', '{"session": "s1", "answer": null}',
                       json.dumps({"session": "s1", "say": "x" * 5000})],
    "unknown_command": ['{"session": "s1", "command": "fly"}', '{"session": "s1", "command": 3}',
                        '{"session": "s1", "command": "quit"}', '{"session": "s1", "command": null}'],
    "command_refused": ['{"session": "s1", "command": "back"}'],
    "stale_turn": ['{"session": "s1", "answer": "retired", "turn": 5}', '{"session": "done", "command": "back", "turn": 0}'],
}


def prepare(server: Server) -> None:
    """s1 at its first question; done, ended; old, stored in a format from elsewhere."""
    start(server, "s1")
    start(server, "done")
    server.handle({"session": "done", "command": "end"})
    with raw(server) as db:
        db.execute("INSERT INTO sessions VALUES ('old', 99, '{\"format\": 99}', 1e12)")


def snapshot(server: Server, ids: tuple[str, ...] = ("s1", "s2", "done", "old")) -> dict[str, Any]:
    """What the store holds for these sessions (activity times aside: a refusal is activity)."""
    found: dict[str, Any] = {}
    for sid in ids:
        with server.conversations.store.slot(sid) as slot:
            try:
                session = slot.get()
                found[sid] = None if session is None else codec.encode(session)
            except Exception as error:
                found[sid] = type(error).__name__
    return found


@pytest.mark.parametrize(("code", "line"), [(code, line) for code, lines in BAD_LINES.items() for line in lines])
def test_every_bad_line_is_refused_with_its_code_and_changes_nothing(server: Server, code: str, line: str | bytes) -> None:
    prepare(server)
    before = snapshot(server)
    response = server.handle_line(line)
    assert error_of(response) == code
    assert snapshot(server) == before
    json.loads(response_line(response))  # still one writable line of JSON


def test_the_error_table_covers_every_code() -> None:
    tested = set(BAD_LINES) | {"store_error", "internal_error"}  # these two: tests below
    assert tested == set(ERROR_CODES)


def test_refusals_name_the_session_when_it_was_read(server: Server) -> None:
    prepare(server)
    assert server.handle_line("not json")["session"] is None
    assert server.handle_line('{"session": 1, "say": "x"}')["session"] is None
    assert server.handle_line('{"session": "s1", "answer": "astronaut"}')["session"] == "s1"
    assert server.handle_line('{"session": "s1", "sya": "x"}')["session"] == "s1"


def test_invalid_known_lists_every_problem(server: Server) -> None:
    response = start(server, "new", lang="en", known={"age": "forty", "colour": "blue", "status": "pirate"})
    assert error_of(response) == "invalid_known"
    message = response["error"]["message"]
    assert message.count("\n- ") == 3 and '"age"' in message and '"colour"' in message and '"status"' in message
    assert stored(server, "new") is None


def test_error_messages_speak_the_sessions_language_else_the_requests_else_the_servers(server: Server) -> None:
    start(server, "en1", lang="en")
    assert server.handle({"session": "en1", "answer": "astronaut"})["error"]["message"].startswith("This value")
    assert server.handle({"session": "en1", "command": "fly"})["error"]["message"].startswith('"fly" is not')
    assert server.handle({"session": "en1", "start": {"lang": "fr"}})["error"]["message"].startswith("A session")
    assert start(server, "new", lang="en", date="soon")["error"]["message"].startswith('"soon" is not')
    assert start(server, "new", lang="de")["error"]["message"].startswith("La langue «\u00a0de\u00a0»")
    assert server.handle({"session": "nobody", "say": "x"})["error"]["message"].startswith("Cette session")


def test_an_answer_after_the_result_or_before_is_refused(server: Server) -> None:
    converse(server, "s1", {**ANSWERS, "status": "not_working", "worked_before": False})
    assert error_of(server.handle({"session": "s1", "answer": 40})) == "invalid_answer"
    assert server.handle({"session": "s1", "command": "back"})["question"]["id"] == "worked_before"


def test_a_locked_store_is_a_store_error_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path, busy_timeout=0.05) as store:
        server = serving(store, log=lambda text: None)
        start(server)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process in the middle of its turn
        assert error_of(server.handle({"session": "s1", "answer": "not_working"})) == "store_error"
        assert error_of(start(server, "s2")) == "store_error"
        other.execute("ROLLBACK")
        other.close()
        assert stored(server, "s1")["state"] == "status" and stored(server, "s2") is None  # type: ignore[index]
        assert server.handle({"session": "s1", "answer": "not_working"})["ok"]


def test_a_bug_costs_one_request_not_the_server(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[str] = []
    server.conversations.log = logged.append
    start(server)
    before = snapshot(server)

    def boom(*args: Any) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(server.conversations.engine, "step", boom)
    assert error_of(server.handle({"session": "s1", "answer": "not_working"})) == "internal_error"
    assert "RuntimeError: bug" in logged[0] and snapshot(server) == before
    monkeypatch.undo()
    assert server.handle({"session": "s1", "answer": "not_working"})["ok"]


# -- sessions over time -----------------------------------------------------------------


def test_idle_sessions_expire_and_their_id_can_start_again(tmp_path: Path) -> None:
    now = [1000.0]
    with Store(tmp_path / "s.sqlite3", expire_after=60, clock=lambda: now[0]) as store:
        server = serving(store)
        start(server, "s1")
        start(server, "s2")
        now[0] += 50
        assert server.handle({"session": "s1", "answer": "not_working"})["ok"]  # a turn keeps it alive
        now[0] += 50
        assert error_of(server.handle({"session": "s2", "say": "retraité"})) == "unknown_session"
        assert server.handle({"session": "s1", "command": "summary"})["ok"]
        assert start(server, "s2")["ok"]
        now[0] += 61
        assert error_of(server.handle({"session": "s1", "command": "summary"})) == "unknown_session"
        assert store.count() <= 1


def rewrite(server: Server, sid: str, **changes: Any) -> None:
    """Changes a stored session behind the server's back (as an older version left it)."""
    with raw(server) as db:
        data = json.loads(db.execute("SELECT data FROM sessions WHERE id = ?", (sid,)).fetchone()[0])
        db.execute("UPDATE sessions SET data = ? WHERE id = ?", (json.dumps({**data, **changes}), sid))


def test_a_session_of_an_older_dialogue_resumes_with_a_notice(server: Server) -> None:
    start(server, "same")
    start(server, "moved")
    server.handle({"session": "moved", "answer": "private_employee"})
    for sid in ("same", "moved"):
        rewrite(server, sid, dialogue_version=0)
    notice = translator("fr").text("dialog.version_changed")
    same = server.handle({"session": "same", "answer": "not_working"})  # the same question is pending: applied
    assert same["ok"] and same["messages"][0]["text"] == notice and same["question"]["id"] == "worked_before"
    rewrite(server, "moved", state="licence")  # a pending question the new dialogue would not ask there
    moved = server.handle({"session": "moved", "answer": 40})
    assert moved["ok"] and moved["messages"][0]["text"] == notice and moved["question"]["id"] == "age"
    assert stored(server, "moved")["answers"] == {"status": "private_employee"}  # type: ignore[index]
    assert stored(server, "moved")["dialogue_version"] == server.conversations.engine.dialogue.version  # type: ignore[index]
    assert server.handle({"session": "moved", "answer": 40})["question"]["id"] == "working_time"


# -- robustness -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["[/]", "[bold red]oui[/bold red]", "\x1b[31mrouge\x1b[0m", "\x00\x07\x08",
                                  "ligne\u2028suivante\u2029\x85", "\ud800", "\\n\\u0000", "<script>", "💶 1 000 €"])
def test_markup_escapes_and_control_characters_in_say(server: Server, text: str) -> None:
    start(server, known={"status": "private_employee"})
    response = server.handle({"session": "s1", "say": text})
    line = response_line(response)
    assert "\n" not in line and "\r" not in line and not any(c in line for c in "\x00\x07\x1b\x85\u2028\u2029")
    line.encode("utf-8")
    assert json.loads(line) == response or "\ud800" in text
    assert response["ok"] is False or response["question"]["id"] != "age"


def test_response_lines_are_readable_utf8_json() -> None:
    response = {"session": "é", "ok": True, "text": "1\u202f234,50\u00a0€ \u2028"}
    line = response_line(response)
    assert "é" in line and "\u202f" in line and "\\u2028" in line and json.loads(line) == response
    assert json.loads(response_line({"text": "\ud800"})) == {"text": "\ud800"}


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=6)
REQUEST = st.fixed_dictionaries(
    {"session": st.sampled_from(["a", "b"])},
    optional={"start": st.fixed_dictionaries({}, optional={"lang": st.sampled_from(["fr", "en", "de"]),
                                                           "known": st.dictionaries(st.sampled_from(list(ANSWERS)),
                                                                                    JSON, max_size=3)}),
              "answer": JSON | st.sampled_from(list(ANSWERS.values())),
              "say": st.text(max_size=30) | st.sampled_from(["retour", "40", "oui", "salarié", "résumé"]),
              "command": st.sampled_from([*COMMANDS, "lang:de", "nope"])},
)


@settings(max_examples=60, deadline=None)
@given(st.lists(REQUEST | JSON, max_size=12))
def test_no_request_sequence_breaks_the_server(requests: list[Any]) -> None:
    with MemoryStore() as store:
        server = serving(store, today=lambda: date(2026, 6, 1))
        ids = tuple({str(r["session"]) for r in requests if isinstance(r, dict) and isinstance(r.get("session"), str)})
        for request in requests:
            before = snapshot(server, ids)
            response = server.handle(request)
            assert response["ok"] in (True, False)
            if response["ok"]:
                assert response["session"] == request["session"]
            else:
                assert error_of(response) in ERROR_CODES and error_of(response) not in ("internal_error", "store_error")
                assert snapshot(server, ids) == before
            json.loads(response_line(response))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=60) | st.text(max_size=60))
def test_no_line_breaks_the_server(line: bytes | str) -> None:
    with MemoryStore() as store:
        response = serving(store).handle_line(line)
        assert response["ok"] is False and error_of(response) in ERROR_CODES


# -- safe retries -----------------------------------------------------------------------


def test_every_reply_carries_the_turn_and_a_resent_request_is_not_applied_twice(server: Server) -> None:
    assert start(server)["turn"] == 0
    first = server.handle({"session": "s1", "answer": "private_employee", "turn": 0})
    assert first["ok"] and first["turn"] == 1 and first["question"]["id"] == "age"
    again = server.handle({"session": "s1", "answer": "private_employee", "turn": 0})  # the reply was lost
    assert error_of(again) == "stale_turn" and again["turn"] == 1
    assert stored(server, "s1")["turn"] == 1  # type: ignore[index]
    assert server.handle({"session": "s1", "command": "summary", "turn": 1})["turn"] == 1  # help, why, summary: no turn
    assert server.handle({"session": "s1", "answer": 40, "turn": 1})["turn"] == 2
    refused = server.handle({"session": "s1", "answer": "astronaut"})
    assert error_of(refused) == "invalid_answer" and refused["turn"] == 2
    assert server.handle({"session": "s1", "command": "lang:en"})["turn"] == 3
    assert server.handle({"session": "s1", "command": "back"})["turn"] == 4
    assert server.handle({"session": "s1", "command": "end"})["turn"] == 5


def test_a_turn_must_be_a_whole_number_and_start_takes_none(server: Server) -> None:
    start(server)
    for bad in ("0", 0.0, True, None, [0]):
        if bad is None:
            continue
        assert error_of(server.handle({"session": "s1", "answer": "retired", "turn": bad})) == "bad_request"
    assert error_of(server.handle({"session": "s2", "start": {}, "turn": 0})) == "bad_request"


def test_a_refused_answer_keeps_the_session_alive(tmp_path: Path) -> None:
    now = [1000.0]
    with Store(tmp_path / "s.sqlite3", expire_after=60, clock=lambda: now[0]) as store:
        server = serving(store)
        start(server, "s1")
        for _ in range(3):
            now[0] += 50
            assert error_of(server.handle({"session": "s1", "answer": "astronaut"})) == "invalid_answer"
        assert server.handle({"session": "s1", "answer": "retired"})["ok"]


def test_a_stored_session_in_a_state_this_dialogue_does_not_know_carries_on(server: Server) -> None:
    start(server, "s1")
    server.handle({"session": "s1", "answer": "private_employee"})
    rewrite(server, "s1", state="a_question_of_another_version")
    response = server.handle({"session": "s1", "answer": 40})
    assert response["ok"] and response["question"]["id"] == "age"  # asked again, not stuck
    assert server.handle({"session": "s1", "answer": 40})["question"]["id"] == "working_time"


@pytest.mark.parametrize("damaged", [{"sources": None}, {"sources": []}, {"turn": 1e400}, {"turn": "1"},
                                     {"format": 3}, {"answers": {"age": "x"}}, {"lang": "de"}])
def test_a_damaged_or_future_stored_row_is_session_format_not_a_traceback(server: Server, damaged: dict[str, Any]) -> None:
    start(server, "s1")
    with raw(server) as db:
        data = json.loads(db.execute("SELECT data FROM sessions WHERE id = 's1'").fetchone()[0])
        db.execute("UPDATE sessions SET data = ? WHERE id = 's1'", (json.dumps({**data, **damaged}),))
    assert error_of(server.handle({"session": "s1", "answer": "retired"})) == "session_format"
    assert error_of(start(server, "s1")) == "session_exists"  # unreadable, but never overwritten


# -- confirmations through the protocol (issue 12) --------------------------------------------

KNOWN_TO_BALANCE = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
                    "disability_boe": False}


@pytest.mark.parametrize(("lang", "typed", "asked", "yes"), [
    ("fr", "1,200", "Cela peut se lire 1,20\u00a0€ ou 1\u202f200\u00a0€.", "Oui"),
    ("en", "1.200", "This can be read as €1.20 or €1,200.", "Yes"),
])
def test_an_ambiguous_amount_is_a_confirmation_a_program_answers_with_true_or_false(
        server: Server, lang: str, typed: str, asked: str, yes: str) -> None:
    assert start(server, lang=lang, known=KNOWN_TO_BALANCE)["confirm"] is None
    pending = server.handle({"session": "s1", "say": typed})
    assert pending["ok"] and pending["question"]["id"] == "balance" and pending["turn"] == 1
    assert pending["confirm"]["kind"] == "amount" and pending["confirm"]["text"].startswith(asked)
    assert pending["messages"][-1]["text"] == pending["confirm"]["text"]
    assert [c["value"] for c in pending["confirm"]["choices"]] == [True, False]
    assert pending["confirm"]["choices"][0]["label"] == yes
    assert stored(server, "s1")["confirming"]["readings"] == [1.2, 1200]  # type: ignore[index]
    refused = server.handle({"session": "s1", "answer": 1500})
    assert not refused["ok"] and error_of(refused) == "invalid_answer"
    answered = server.handle({"session": "s1", "answer": False})
    assert answered["ok"] and answered["confirm"] is None and answered["question"]["id"] == "training_kind"
    assert answered["messages"][0]["text"] in ("→ 1\u202f200\u00a0€", "→ €1,200")


def test_a_typed_restart_is_confirmed_and_the_restart_command_is_not(server: Server) -> None:
    start(server, lang="en")
    server.handle({"session": "s1", "answer": "job_seeker"})
    asked = server.handle({"session": "s1", "say": "restart"})
    assert asked["confirm"]["kind"] == "restart" and asked["question"]["id"] == "age"
    kept = server.handle({"session": "s1", "say": "no"})
    assert kept["confirm"] is None and kept["question"]["id"] == "age"
    assert stored(server, "s1")["answers"] == {"status": "job_seeker"}  # type: ignore[index]
    restarted = server.handle({"session": "s1", "command": "restart"})
    assert restarted["confirm"] is None and restarted["question"]["id"] == "status"
