"""The HTTP API of `cpf-bot web` through Starlette's test client: every endpoint, every
error code with its status, agent tokens, safe retries, and the same conversations and
assessments as `serve`."""

from __future__ import annotations

import hmac
import json
import logging
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import bot.api
from bot.channels.web import auth as auth_module
from bot.channels.web.app import ROUTES
from bot.channels.web.auth import AgentTokens, TokensFileError, bearer
from bot.channels.web.errors import ALL_ERROR_CODES, STATUS, status_of
from bot.channels.web.openapi import document
from bot.channels.web.views import BUTTONS_SAID
from bot.dialogue.interpret import MAX_LENGTH
from bot.i18n import translator
from bot.service.requests import COMMANDS
from bot.stores.base import StoreError
from bot.stores.memory import MemoryStore
from bot.stores.sqlite import SqliteStore
from fakes import serving
from test_protocol import ANSWERS
from web_client import ALICE, BOB, DATE, TODAY, auth, client, start, turn

PERSON_CODES_NOT_OVER_HTTP = {
    "session_exists",  # the server makes every id
    "line_too_long",  # the body cap (413 too_large) comes first
    "missing_session", "bad_session",  # the id is in the path: an unknown one is unknown_session
}


@pytest.fixture
def http() -> Any:
    return client()


def error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    data = response.json()
    assert data["ok"] is False and set(data) - {"turn", "current"} == {"ok", "error"}, data
    assert data["error"]["message"] and not data["error"]["message"].startswith(("web.", "protocol.")), data
    code: str = data["error"]["code"]
    assert status_of(code) == status
    return code


def walk(http: Any, session: str, answers: dict[str, Any]) -> list[dict[str, Any]]:
    replies = [http.get(f"/v1/sessions/{session}/current").json()]
    while replies[-1]["question"] is not None:
        reply = turn(http, session, answer=answers[replies[-1]["question"]["id"]], turn=replies[-1]["turn"])
        assert reply.status_code == 200, reply.text
        replies.append(reply.json())
    return replies


# -- sessions ------------------------------------------------------------------------------------


def test_start_makes_an_unguessable_id_and_gives_the_first_question(http: Any) -> None:
    response = http.post("/v1/sessions", json={"lang": "en", "date": DATE})
    assert response.status_code == 201
    data = response.json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", data["session"])  # 18 random bytes: 144 bits
    assert response.headers["location"] == f"/v1/sessions/{data['session']}"
    assert data["ok"] and data["turn"] == 0 and data["question"]["id"] == "status" and data["lang"] == "en"
    assert data["progress"]["answered"] == 0 and data["progress"]["remaining"] > 0
    ids = {start(http)["session"] for _ in range(20)}
    assert len(ids) == 20


def test_the_client_cannot_choose_the_id(http: Any) -> None:
    response = http.post("/v1/sessions", json={"session": "mine", "lang": "en"})
    assert error(response, 400) == "bad_request"


def test_a_turn_reply_is_the_serve_reply_with_session_turn_lang_and_progress(http: Any) -> None:
    session = start(http, lang="en")["session"]
    reply = turn(http, session, answer="private_employee", turn=0).json()
    assert set(reply) == {"session", "ok", "messages", "question", "assessment", "ended", "turn", "lang", "progress",
                          "confirm", "result"}
    assert reply["result"] is None
    assert reply["turn"] == 1 and reply["question"]["id"] == "age"
    assert reply["progress"] == {"answered": 1, "remaining": reply["progress"]["remaining"],
                                 "text": reply["progress"]["text"]}


def test_answer_say_and_every_command(http: Any) -> None:
    session = start(http, lang="en")["session"]
    assert turn(http, session, say="private employee").json()["question"]["id"] == "age"
    assert turn(http, session, answer=40).json()["question"]["id"] == "working_time"
    for command in COMMANDS:
        if command == "end":
            continue
        reply = turn(http, session, command=command)
        assert reply.status_code == 200, (command, reply.text)
    turn(http, session, answer="private_employee")  # after "restart"
    assert turn(http, session, say="change 1").json()["question"]["id"] == "status"
    assert turn(http, session, say="modifier 1").json()["question"]["id"] == "status"
    ended = turn(http, session, command="end").json()
    assert ended["ended"] is True
    assert error(turn(http, session, answer="not_working"), 409) == "ended"


def test_safe_retries_a_resent_turn_is_refused_with_the_current_state(http: Any) -> None:
    session = start(http, lang="en")["session"]
    first = turn(http, session, answer="private_employee", turn=0)
    again = turn(http, session, answer="private_employee", turn=0)
    assert error(again, 409) == "stale_turn"
    data = again.json()
    assert data["turn"] == 1 and data["current"]["question"]["id"] == "age" and data["current"]["turn"] == 1
    assert data["current"]["question"] == first.json()["question"]
    assert turn(http, session, command="summary", turn=1).json()["turn"] == 1  # summary is not a turn
    assert error(turn(http, session, answer=40, turn="1"), 400) == "bad_request"


@pytest.mark.parametrize(("lang", "buttons"), [("fr", "« Recommencer »"), ("en", '"Start again"')])
def test_text_after_the_result_is_not_understood_naming_the_widgets_buttons(http: Any, lang: str, buttons: str) -> None:
    session = start(http, lang=lang)["session"]
    turn(http, session, answer="not_working")
    turn(http, session, answer=False)  # never worked: the result
    reply = turn(http, session, say="hello")
    assert error(reply, 400) == "invalid_answer"
    message = reply.json()["error"]["message"]
    assert message == translator(lang).text("web.widget.not_understood_at_result") and buttons in message


@pytest.mark.parametrize(("lang", "button", "typed"), [("fr", "« Pourquoi ? »", "Tapez"), ("en", '"Why?"', "Type")])
@pytest.mark.parametrize("answers", [["not_working", False], ["job_seeker", 30, "none", 800, "skills_assessment", 20, 1200, 0]])
def test_the_widgets_result_names_its_why_button_not_a_typed_command(http: Any, lang: str, button: str, typed: str,
                                                                     answers: list[Any]) -> None:
    session = start(http, lang=lang)["session"]
    for answer in answers:
        reply = turn(http, session, answer=answer).json()
    assert reply["question"] is None
    [result] = [m["text"] for m in reply["messages"] if m["kind"] == "result"]
    assert button in result and typed not in result


@pytest.mark.parametrize(("lang", "buttons", "typed"), [("fr", "« Modifier la réponse »", "modifier N"),
                                                       ("en", '"Change answer"', "change N")])
def test_the_widgets_greeting_names_its_buttons(http: Any, lang: str, buttons: str, typed: str) -> None:
    welcome = start(http, lang=lang)["messages"][0]["text"]
    assert buttons in welcome and typed not in welcome


@pytest.mark.parametrize(("lang", "ended"), [("fr", "Conversation terminée après 1 réponse."),
                                             ("en", "Conversation ended after 1 answer.")])
def test_a_conversation_left_early_does_not_say_every_question_was_answered(http: Any, lang: str, ended: str) -> None:
    session = start(http, lang=lang)["session"]
    turn(http, session, answer="private_employee")
    left = turn(http, session, command="end").json()
    assert left["ended"] is True and left["progress"]["text"] == ended
    finished = start(http, lang=lang)["session"]
    turn(http, finished, answer="not_working")
    turn(http, finished, answer=False)  # the result
    assert turn(http, finished, command="end").json()["progress"]["text"].startswith(("Toutes", "All"))


def test_current_shows_where_a_session_stands_without_changing_it(http: Any) -> None:
    session = start(http, lang="fr")["session"]
    turn(http, session, answer="not_working")
    turn(http, session, answer=False)  # never worked
    current = http.get(f"/v1/sessions/{session}/current").json()
    assert current["question"] is None and current["assessment"]["account"]["open"] is False
    assert current["turn"] == 2 and current["messages"] == []


def in_the_widgets_words(text: str, lang: str) -> str:
    """A `serve` message with each line naming typed commands said as the widget says it
    (its buttons): the same sentence around the same `{sources}`."""
    tr, lines = translator(lang), text.split("\n")
    for key, widget in BUTTONS_SAID.items():
        typed, said = tr.text_template(key).split("{sources}"), tr.text_template(widget).split("{sources}")
        for n, line in enumerate(lines):
            if line.startswith(typed[0]) and line.endswith(typed[-1]):
                lines[n] = said[0] + line[len(typed[0]):len(line) - len(typed[-1])] + said[-1] if len(typed) == 2 \
                    else said[0]
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("overrides", [{}, {"status": "job_seeker"}, {"status": "public_agent"},
                                       {"status": "self_employed", "balance": None}])
def test_the_profile_walks_of_serve_give_the_same_replies_and_assessments(
        http: Any, lang: str, overrides: dict[str, Any]) -> None:
    answers = {**ANSWERS, **overrides}
    session = start(http, lang=lang)["session"]
    over_http = walk(http, session, answers)
    server = serving(MemoryStore(), lang, today=lambda: TODAY)
    over_serve = [server.handle({"session": "s1", "start": {"lang": lang, "date": DATE}})]
    while over_serve[-1]["question"] is not None:
        over_serve.append(server.handle({"session": "s1", "answer": answers[over_serve[-1]["question"]["id"]]}))
    assert len(over_http) == len(over_serve)
    tr = translator(lang)
    for web_reply, serve_reply in zip(over_http[1:], over_serve[1:]):
        mine = {k: v for k, v in web_reply.items() if k not in ("session", "lang", "progress", "result")}
        theirs = {k: v for k, v in serve_reply.items() if k != "session"}
        theirs["messages"] = [{**m, "text": in_the_widgets_words(m["text"], lang)} for m in theirs["messages"]]
        assert mine == theirs
    assessment = over_http[-1]["assessment"]
    situation = {**http.get(f"/v1/sessions/{session}").json()["assessment"], "as_of": DATE}
    assert assessment == situation
    assert assessment == bot.api.assess({k: v for k, v in _answers(http, session).items()}, DATE, lang)


def _answers(http: Any, session: str) -> dict[str, Any]:
    return {a["field"]: a["value"] for a in http.get(f"/v1/sessions/{session}").json()["answers"]
            if a["value"] is not None or a["field"] == "balance"}


# -- who may read what -----------------------------------------------------------------------------


def test_a_persons_session_is_read_by_its_id_without_a_token_and_never_with_one(http: Any) -> None:
    session = start(http)["session"]
    for path in (f"/v1/sessions/{session}", f"/v1/sessions/{session}/report"):
        assert http.get(path).status_code == 200
        assert error(http.get(path, headers=auth(ALICE)), 403) == "forbidden"
        assert error(http.get(path, headers=auth("wrong-token-0123456789")), 401) == "bad_token"


def test_an_agents_session_is_read_only_by_that_agent(http: Any) -> None:
    session = start(http, ALICE, known={"status": "job_seeker"})["session"]
    for path in (f"/v1/sessions/{session}", f"/v1/sessions/{session}/report?format=json"):
        assert error(http.get(path), 401) == "missing_token"
        assert http.get(path).headers["www-authenticate"].startswith("Bearer")
        assert error(http.get(path, headers=auth(BOB)), 403) == "forbidden"
        assert error(http.get(path, headers=auth(ALICE[:-1] + "X")), 401) == "bad_token"
        assert error(http.get(path, headers={"Authorization": "Basic YWxpY2U6eA=="}), 401) == "bad_token"
        assert http.get(path, headers=auth(ALICE)).status_code == 200
    details = http.get(f"/v1/sessions/{session}", headers=auth(ALICE)).json()
    assert details["owner"] == "alice"
    # whoever holds the id carries the conversation on (the person, with the agent's link)
    assert turn(http, session, answer=40).status_code == 200


def test_known_needs_an_agent_token(http: Any) -> None:
    response = http.post("/v1/sessions", json={"known": {"status": "retired"}})
    assert error(response, 401) == "missing_token"
    response = http.post("/v1/sessions", json={"known": {"status": "retired"}}, headers=auth("nope" * 5))
    assert error(response, 401) == "bad_token"
    assert http.post("/v1/sessions", json={"known": {}}).status_code == 201
    with_token = http.post("/v1/sessions", json={"known": {"status": "retired"}}, headers=auth(BOB))
    assert with_token.status_code == 201


def test_without_configured_tokens_every_agent_call_is_refused() -> None:
    http = client(tokens=AgentTokens())
    assert error(http.post("/v1/sessions", json={"known": {"status": "retired"}}), 401) == "missing_token"
    assert error(http.get("/v1/agent", headers=auth(ALICE)), 401) == "bad_token"
    assert error(http.get("/v1/agent"), 401) == "missing_token"
    assert http.post("/v1/sessions", json={}).status_code == 201


def test_the_agent_endpoint_names_the_tokens_agent(http: Any) -> None:
    assert http.get("/v1/agent", headers=auth(BOB)).json() == {"ok": True, "agent": "bob"}


def test_tokens_are_compared_in_constant_time_with_every_token(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def counting(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth_module, "hmac", type("H", (), {"compare_digest": staticmethod(counting)}))
    tokens = AgentTokens.of([("a", "a" * 20), ("b", "b" * 20), ("c", "c" * 20)])
    assert tokens.agent("a" * 20) == "a" and len(calls) == 3  # no early exit on a match
    assert tokens.agent("z" * 20) is None and len(calls) == 6


def test_the_tokens_file_format() -> None:
    tokens = AgentTokens.parse("# agents\n\nalice aaaaaaaaaaaaaaaa\n  bob   bbbbbbbbbbbbbbbbbb  \n", "t")
    assert tokens.agent("b" * 18) == "bob" and tokens.agent("a" * 16) == "alice"
    for text, key in [("alice", "web.cli.tokens_bad_line"), ("alice short", "web.cli.tokens_short"),
                      ("a " + "x" * 16 + "\na " + "y" * 16, "web.cli.tokens_duplicate"),
                      ("a " + "x" * 16 + "\nb " + "x" * 16, "web.cli.tokens_duplicate")]:
        with pytest.raises(TokensFileError) as raised:
            AgentTokens.parse(text, "t")
        assert raised.value.key == key
    assert bearer(None) is None and bearer("Bearer  tok ") == "tok" and bearer("Basic x") == "" and bearer("Bearer") == ""


# -- details and reports ----------------------------------------------------------------------------


def test_details_show_each_answer_with_who_gave_it(http: Any) -> None:
    session = start(http, ALICE, lang="en", known={"status": "private_employee", "age": 40})["session"]
    turn(http, session, answer="half_or_more")
    details = http.get(f"/v1/sessions/{session}", headers=auth(ALICE)).json()
    assert [(a["field"], a["source"]) for a in details["answers"]] == [
        ("status", "agent"), ("age", "agent"), ("working_time", "person")]
    assert details["answers"][0]["text"] == "Private-sector employee" and details["answers"][0]["label"] == "Situation"
    assert details["assessment"] is None and details["question"]["id"] == "diploma" and details["turn"] == 1
    assert details["result"] is None
    french = http.get(f"/v1/sessions/{session}?lang=fr", headers=auth(ALICE)).json()
    assert french["answers"][0]["text"] == "Salarié du secteur privé" and french["lang"] == "en"
    assert error(http.get(f"/v1/sessions/{session}?lang=de", headers=auth(ALICE)), 400) == "bad_language"


@pytest.mark.parametrize(("lang", "balance"), [("fr", "Solde\u00a0: 800\u00a0€."), ("en", "Balance: €800.")])
def test_details_at_the_result_show_its_figures_as_the_turn_did(http: Any, lang: str, balance: str) -> None:
    session = start(http, ALICE, lang="en")["session"]
    for answer in ["job_seeker", 30, "none", 800, "skills_assessment", 20, 1200, 0]:
        last = turn(http, session, answer=answer).json()
    assert last["question"] is None
    details = http.get(f"/v1/sessions/{session}?lang={lang}", headers=auth(ALICE)).json()
    assert balance in details["result"]["figures"]
    english = http.get(f"/v1/sessions/{session}?lang=en", headers=auth(ALICE)).json()
    assert english["result"] == last["result"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_in_markdown_json_and_printable_html(http: Any, lang: str) -> None:
    session = start(http, lang="en")["session"]
    turn(http, session, answer="job_seeker")
    base = f"/v1/sessions/{session}/report?lang={lang}"
    md = http.get(base + "&format=md")
    assert md.headers["content-type"].startswith("text/markdown") and md.text.startswith("# ")
    assert "attachment" in md.headers["content-disposition"]
    data = http.get(base + "&format=json")
    assert data.headers["content-type"] == "application/json" and set(data.json()) >= {"account", "cap", "explanations"}
    page = http.get(base + "&format=html")
    assert page.headers["content-type"].startswith("text/html") and f'<html lang="{lang}">' in page.text
    assert "<script" not in page.text and "script-src" not in page.headers["content-security-policy"]
    note = {"fr": "Ce rapport est provisoire", "en": "This report is provisional"}[lang]
    assert note in page.text  # not at the result yet
    assert http.get(f"/v1/sessions/{session}/report").text == http.get(base.replace(lang, "en") + "&format=md").text \
        if lang == "en" else True
    assert error(http.get(base + "&format=pdf"), 400) == "bad_request"


@pytest.mark.parametrize(("lang", "rows"), [
    ("fr", ["| Situation | Salarié du secteur privé | votre conseiller |", "| Âge | 40\u00a0ans | votre conseiller |",
            "| Temps de travail | Oui, à mi-temps ou plus | vous |"]),
    ("en", ["| Situation | Private-sector employee | your adviser |", "| Age | 40\u00a0years | your adviser |",
            "| Working time | Yes, half-time or more | you |"]),
])
def test_every_report_lists_each_answer_with_who_gave_it(http: Any, lang: str, rows: list[str]) -> None:
    session = start(http, ALICE, lang="en", known={"status": "private_employee", "age": 40})["session"]
    turn(http, session, answer="half_or_more")
    base = f"/v1/sessions/{session}/report?lang={lang}"
    md = http.get(base + "&format=md", headers=auth(ALICE)).text.splitlines()
    assert [row for row in rows if row not in md] == []
    answers = http.get(base + "&format=json", headers=auth(ALICE)).json()["answers"]
    assert [(a["field"], a["value"], a["source"]) for a in answers] == [
        ("status", "private_employee", "agent"), ("age", 40, "agent"), ("working_time", "half_or_more", "person")]
    page = http.get(base + "&format=html", headers=auth(ALICE)).text
    for row in rows:
        label, text, given_by = (cell.strip() for cell in row.strip("|").split("|"))
        assert f"<tr><td>{label}</td><td>{text}</td><td>{given_by}</td></tr>" in page


PROVISIONAL = {
    "fr": ("# Rapport provisoire\u00a0: vos droits CPF au", "**Ce rapport est provisoire\u00a0:",
           "## Questions encore ouvertes", ["- Âge", "- Temps de travail"],
           ["Compte\u00a0:", "500\u00a0€", "Ayant travaillé"]),
    "en": ("# Provisional report: your CPF rights on", "**This report is provisional:",
           "## Questions still open", ["- Age", "- Working time"],
           ["Account:", "€500", "Having worked"]),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_report_before_the_result_is_provisional_and_states_no_verdict(http: Any, lang: str) -> None:
    title, note, heading, open_items, verdicts = PROVISIONAL[lang]
    session = start(http, ALICE, lang=lang, known={"status": "private_employee"})["session"]
    base = f"/v1/sessions/{session}/report?lang={lang}"
    md = http.get(base + "&format=md", headers=auth(ALICE)).text
    lines = md.splitlines()
    assert lines[0].startswith(title) and lines[2].startswith(note), md
    assert lines[4] == heading and lines[6:8] == open_items, md
    assert [v for v in verdicts if v in md] == [], md  # no "Account: open", no credit, no explanation
    data = http.get(base + "&format=json", headers=auth(ALICE)).json()
    assert data["provisional"] is True and [q["field"] for q in data["open_questions"]][:2] == ["age", "working_time"]
    assert [q["label"] for q in data["open_questions"]][:2] == [item[2:] for item in open_items]
    page = http.get(base + "&format=html", headers=auth(ALICE)).text
    assert f"<h1>{title[2:]}" in page and note[2:] in page and f"<h2>{heading[3:]}</h2>" in page
    assert "".join(f"<li>{item[2:]}</li>" for item in open_items) in page
    assert [v for v in verdicts if v in page.split("<table>")[0]] == [], page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_report_at_the_result_is_not_provisional(http: Any, lang: str) -> None:
    session = start(http, ALICE, lang=lang, known={"status": "job_seeker", "age": 30, "other_status": "none",
                                                  "balance": 1000})["session"]
    for answer in ["skills_assessment", 20, 1200, 0]:
        turn(http, session, answer=answer)
    md = http.get(f"/v1/sessions/{session}/report?lang={lang}", headers=auth(ALICE)).text
    assert md.startswith("# " + {"fr": "Vos droits CPF au", "en": "Your CPF rights on"}[lang])
    assert PROVISIONAL[lang][1] not in md
    data = http.get(f"/v1/sessions/{session}/report?lang={lang}&format=json", headers=auth(ALICE)).json()
    assert data["provisional"] is False and data["open_questions"] == []


@pytest.mark.parametrize(("lang", "percent", "words"), [
    ("fr", "20\u00a0%", "1\u202f000\u00a0€ sur 5\u202f000\u00a0€ (20\u00a0%)."),
    ("en", "20%", "€1,000 of €5,000 (20%)."),
])
def test_the_html_report_shows_the_balance_against_its_cap(http: Any, lang: str, percent: str, words: str) -> None:
    session = start(http, ALICE, lang="en", known={"status": "job_seeker", "age": 30, "other_status": "none",
                                                  "balance": 1000})["session"]
    for answer in ["skills_assessment", 20, 1200, 0]:
        turn(http, session, answer=answer)
    page = http.get(f"/v1/sessions/{session}/report?lang={lang}&format=html", headers=auth(ALICE)).text
    assert f'<li><meter min="0" max="5000" value="1000">{percent}</meter> {words}</li>' in page  # the words beside it
    article = "https://www.legifrance.gouv.fr/search/code?tab_selection=code&amp;searchField=NUM_ARTICLE&amp;query="
    assert f'<a href="{article}L5151-2" rel="noreferrer">L5151-2</a>' in page  # each reference opens its text


def test_the_html_report_escapes_everything(http: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.channels.web.report_html as report_html

    session = start(http, lang="en")["session"]
    turn(http, session, answer="not_working")
    turn(http, session, answer=False)  # never worked
    monkeypatch.setattr(report_html, "figure_lines", lambda a, tr: ["<img src=x onerror=alert(1)>"])
    page = http.get(f"/v1/sessions/{session}/report?format=html").text
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# -- assess -----------------------------------------------------------------------------------------


def test_assess_gives_what_the_assess_command_gives(http: Any) -> None:
    situation = {"status": "private_employee", "working_time": "under_half", "annual_hours": 700}
    response = http.post("/v1/assess?lang=en&date=2025-06-01", json=situation)
    assert response.status_code == 200
    assert response.json() == bot.api.assess(situation, "2025-06-01", "en")
    assert response.json()["annual_credit"] == 217.8
    bad = http.post("/v1/assess", json={"status": "astronaut", "age": "old"})
    assert error(bad, 400) == "invalid_situation"
    assert "status" in bad.json()["error"]["message"] and "age" in bad.json()["error"]["message"]


# -- every error, with its status ----------------------------------------------------------------------


def _stored_garbage(path: Path) -> tuple[Any, str]:
    """A session whose stored row this version cannot read."""
    http = client(SqliteStore(path))
    session = start(http)["session"]
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET data = ? WHERE id = ?", ('{"format": 999}', session))
    return http, session


def test_every_error_code_has_its_status() -> None:
    assert set(STATUS.values()) <= {401, 403, 404, 405, 409, 413, 415, 429, 500, 503}
    assert all(status_of(code) == 400 for code in ("not_json", "invalid_answer", "bad_request", "invalid_known"))


ERRORS: list[tuple[str, int, Any]] = [
    ("not_json", 400, lambda h, s: h.post("/v1/sessions", content=b"{", headers={"content-type": "application/json"})),
    ("not_utf8", 400, lambda h, s: h.post("/v1/sessions", content=b'{"lang": "\xff"}',
                                          headers={"content-type": "application/json"})),
    ("not_an_object", 400, lambda h, s: h.post("/v1/sessions", json=[1])),
    ("bad_request", 400, lambda h, s: turn(h, s, answer=1, say="x")),
    ("bad_request", 400, lambda h, s: turn(h, s)),
    ("bad_request", 400, lambda h, s: turn(h, s, shout="x")),
    ("bad_request", 400, lambda h, s: turn(h, s, say=12)),
    ("unknown_session", 404, lambda h, s: turn(h, "A" * 24, answer=1)),
    ("unknown_session", 404, lambda h, s: turn(h, "a.b", answer=1)),
    ("unknown_session", 404, lambda h, s: h.get("/v1/sessions/" + "x" * 300)),
    ("bad_language", 400, lambda h, s: h.post("/v1/sessions", json={"lang": "de"})),
    ("bad_language", 400, lambda h, s: turn(h, s, command="lang:de")),
    ("bad_language", 400, lambda h, s: h.post("/v1/assess?lang=de", json={"status": "retired"})),
    ("bad_language", 400, lambda h, s: h.get("/v1/texts?lang=xx")),
    ("bad_date", 400, lambda h, s: h.post("/v1/sessions", json={"date": "2026-02-30"})),
    ("bad_date", 400, lambda h, s: h.post("/v1/sessions", json={"date": "1990-01-01"})),
    ("invalid_known", 400, lambda h, s: h.post("/v1/sessions", json={"known": {"age": -1}}, headers=auth(ALICE))),
    ("invalid_answer", 400, lambda h, s: turn(h, s, answer="astronaut")),
    ("invalid_answer", 400, lambda h, s: turn(h, s, say="1 85 05 78 006 084 36")),  # a social security number
    ("unknown_command", 400, lambda h, s: turn(h, s, command="dance")),
    ("command_refused", 400, lambda h, s: turn(h, s, command="back")),
    ("stale_turn", 409, lambda h, s: turn(h, s, answer="retired", turn=5)),
    ("too_large", 413, lambda h, s: h.post("/v1/sessions", content=b" " * 70_000, headers={"content-type": "application/json"})),
    ("too_large", 413, lambda h, s: h.post("/v1/sessions", content=iter([b" " * 40_000, b" " * 40_000]),
                                           headers={"content-type": "application/json"})),
    ("unsupported_media_type", 415, lambda h, s: h.post("/v1/sessions", content=b"{}")),
    ("unsupported_media_type", 415, lambda h, s: h.post("/v1/sessions", content=b"{}",
                                                         headers={"content-type": "text/plain"})),
    ("unsupported_media_type", 415, lambda h, s: h.post("/v1/sessions", content=b"{}",
                                                         headers={"content-type": "application/json; charset=latin-1"})),
    ("unsupported_media_type", 415, lambda h, s: h.post("/webhooks/rest/webhook", data={"sender": "x"})),
    ("not_found", 404, lambda h, s: h.get("/v2/nothing")),
    ("method_not_allowed", 405, lambda h, s: h.delete(f"/v1/sessions/{s}")),
    ("method_not_allowed", 405, lambda h, s: h.get("/v1/sessions")),
    ("missing_token", 401, lambda h, s: h.get("/v1/agent")),
    ("bad_token", 401, lambda h, s: h.get("/v1/agent", headers=auth("x" * 30))),
    ("forbidden", 403, lambda h, s: h.get(f"/v1/sessions/{s}", headers=auth(ALICE))),
    ("invalid_situation", 400, lambda h, s: h.post("/v1/assess", json={"age": 3})),
]


@pytest.mark.parametrize("code, status, call", ERRORS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(ERRORS)])
def test_each_refusal_has_its_code_status_and_changes_nothing(http: Any, code: str, status: int, call: Any) -> None:
    session = start(http, lang="en")["session"]
    before = http.get(f"/v1/sessions/{session}").json()
    assert error(call(http, session), status) == code
    assert http.get(f"/v1/sessions/{session}").json() == before


def test_ended_store_error_session_format_internal_error_and_too_many_requests(tmp_path: Path) -> None:
    http = client()
    session = start(http)["session"]
    turn(http, session, command="end")
    assert error(turn(http, session, answer=1), 409) == "ended"

    http, session = _stored_garbage(tmp_path / "s.sqlite3")
    assert error(http.get(f"/v1/sessions/{session}/current"), 409) == "session_format"

    class Broken(MemoryStore):
        def slot(self, session_id: str) -> Any:
            raise StoreError("disk full")

        def check(self) -> None:
            raise StoreError("disk full")

    broken = client(Broken())
    assert error(broken.post("/v1/sessions", json={}), 503) == "store_error"
    assert error(broken.get("/healthz"), 503) == "store_error"

    limited = client(rate_limit=60)  # bursts of 10
    codes = [limited.get("/v1/texts?lang=fr").status_code for _ in range(12)]
    assert codes[:10] == [200] * 10 and codes[-1] == 429
    assert error(limited.get("/v1/texts"), 429) == "too_many_requests"
    assert limited.get("/v1/texts").headers["retry-after"] == "1"
    assert limited.get("/healthz").status_code == 200  # liveness is never limited


def test_a_bug_is_an_internal_error_in_json_not_a_dropped_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.channels.web.api as api

    http = client()
    session = start(http)["session"]
    monkeypatch.setattr(api, "session_json", lambda *args: 1 / 0)
    assert error(http.get(f"/v1/sessions/{session}"), 500) == "internal_error"


def test_the_error_codes_are_all_reached_here_or_said_unreachable() -> None:
    reached = {code for code, _, _ in ERRORS} | {"ended", "store_error", "session_format", "internal_error",
                                                "too_many_requests"}
    assert reached | PERSON_CODES_NOT_OVER_HTTP == set(ALL_ERROR_CODES)


def test_error_messages_speak_the_requests_language(http: Any) -> None:
    assert "nothing" in http.get("/nope?lang=en").json()["error"]["message"]
    assert "rien" in http.get("/nope", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).json()["error"]["message"]
    assert "nothing" in http.get("/nope", headers={"Accept-Language": "en-GB"}).json()["error"]["message"]


@pytest.mark.parametrize("lang, redacted", [("fr", "[numéro de sécurité sociale retiré]"),
                                            ("en", "[social security number removed]")])
def test_quoted_input_speaks_the_requests_language(http: Any, lang: str, redacted: str) -> None:
    """Input quoted in a refusal is redacted in the language of the message that quotes it."""
    nir = "185057800608436"
    asked = {"Accept-Language": lang}
    session = start(http, lang=lang)["session"]
    messages = [http.post(f"/v1/sessions/{session}/turns", json={nir: 1}, headers=asked).json()["error"]["message"],
                http.get(f"/v1/sessions/{session}/report?lang={lang}&format={nir}").json()["error"]["message"],
                http.get(f"/v1/assess?lang={nir}", headers=asked).json()["error"]["message"]]
    for message in messages:
        assert redacted in message and nir not in message, message


# -- the REST channel ------------------------------------------------------------------------------------


def rest(http: Any, sender: str, message: str, **extra: Any) -> list[dict[str, Any]]:
    response = http.post("/webhooks/rest/webhook", json={"sender": sender, "message": message, **extra})
    assert response.status_code == 200, response.text
    said: list[dict[str, Any]] = response.json()
    assert all(m["recipient_id"] == sender and set(m) == {"recipient_id", "text", "buttons"} for m in said)
    return said


def test_rest_a_sender_is_a_conversation_and_buttons_post_back(http: Any) -> None:
    first = rest(http, "user-1", "hello", metadata={"lang": "en"})
    assert first[0]["text"].startswith("Hello") and first[-1]["buttons"]
    button = next(b for b in first[-1]["buttons"] if b["title"] == "Private-sector employee")
    assert json.loads(button["payload"].removeprefix("/answer")) == {"value": "private_employee", "turn": 0}
    assert rest(http, "user-1", button["payload"])[-1]["text"] == "How old are you?"
    stale = rest(http, "user-1", button["payload"])  # a late click on an old button
    assert "earlier turn" in stale[0]["text"] and stale[-1]["text"] == "How old are you?"
    refused = rest(http, "user-1", "very old")
    assert len(refused) == 2 and refused[-1]["text"] == "How old are you?"
    assert rest(http, "user-1", "40")[-1]["buttons"][0]["payload"].endswith('"turn":2}')
    other = rest(http, "user-2", "bonjour")  # another sender, another conversation, the server's language
    assert other[0]["text"].startswith("Bonjour")
    assert rest(http, "user-1", "back")[-1]["text"] == "How old are you?"


def test_rest_walks_to_the_result_with_figures(http: Any) -> None:
    said = rest(http, "u", "hi", metadata={"lang": "en"})
    said = rest(http, "u", next(b["payload"] for b in said[-1]["buttons"] if "Not working" in b["title"]))
    said = rest(http, "u", next(b["payload"] for b in said[-1]["buttons"] if b["title"] == "No"))  # never worked
    assert any("Account: no usable account" in m["text"] for m in said)


def test_rest_sessions_are_kept_under_a_derived_key(http: Any) -> None:
    rest(http, "A" * 24, "hi")
    assert error(http.get("/v1/sessions/" + "A" * 24), 404) == "unknown_session"


def test_rest_refuses_a_malformed_request(http: Any) -> None:
    for body in ({"message": "x"}, {"sender": "", "message": "x"}, {"sender": "a\nb", "message": "x"},
                 {"sender": "s" * 201, "message": "x"}, {"sender": "s", "message": 3}, {"sender": "s"}):
        assert error(http.post("/webhooks/rest/webhook", json=body), 400) == "bad_request"
    assert error(http.post("/webhooks/rest/webhook", json=["x"]), 400) == "not_an_object"
    assert http.get("/webhooks/rest/").json() == {"status": "ok"}


# -- headers, CORS, logs ------------------------------------------------------------------------------


def test_every_response_has_the_security_headers(http: Any) -> None:
    for response in (http.get("/"), http.get("/nope"), http.post("/v1/sessions", content=b"x" * 70_000,
                                                                 headers={"content-type": "application/json"}),
                     http.get("/widget.js"), http.get("/openapi.json")):
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_framing_is_allowed_only_to_the_configured_origins() -> None:
    http = client(frame_ancestors=("https://help.example.org",))
    headers = http.get("/").headers
    assert "frame-ancestors https://help.example.org" in headers["content-security-policy"]
    assert "x-frame-options" not in headers


def test_cors_only_for_the_given_origins() -> None:
    open_to = client(allow_origins=("https://help.example.org",))
    ok = open_to.post("/v1/sessions", json={}, headers={"Origin": "https://help.example.org"})
    assert ok.headers["access-control-allow-origin"] == "https://help.example.org"
    other = open_to.post("/v1/sessions", json={}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = open_to.options("/v1/sessions", headers={
        "Origin": "https://help.example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]
    closed = client().post("/v1/sessions", json={}, headers={"Origin": "https://help.example.org"})
    assert "access-control-allow-origin" not in closed.headers


def test_logs_hold_method_path_template_status_and_duration_only(http: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="cpf_bot.web")
    session = start(http, lang="en")["session"]
    turn(http, session, say="1 85 05 78 006 084 36")
    turn(http, session, answer="private_employee")
    turn(http, session, say="47")
    http.get(f"/v1/sessions/{session}?lang=en")
    text = caplog.text
    assert session not in text and "85 05" not in text and "private_employee" not in text
    lines = [r.getMessage() for r in caplog.records if r.name == "cpf_bot.web"]
    assert lines and all(re.fullmatch(r"(GET|POST) (/[^ ?]*|-) \d{3} \d+\.\dms", line) for line in lines), lines
    assert "POST /v1/sessions/{id}/turns 200" in text and "lang=" not in text


# -- pages, texts, schema, OpenAPI ---------------------------------------------------------------------


def test_the_pages_and_assets(http: Any) -> None:
    page = http.get("/?lang=en")
    assert page.status_code == 200 and '<html lang="en">' in page.text and 'src="/widget.js"' in page.text
    assert http.get("/", headers={"Accept-Language": "fr"}).text.count('lang="fr"') >= 1
    console = http.get("/console?lang=fr")
    assert '<html lang="fr">' in console.text and "/console.js" in console.text
    for name, kind in [("widget.js", "text/javascript"), ("widget.css", "text/css"),
                       ("console.js", "text/javascript"), ("console.css", "text/css")]:
        asset = http.get(f"/{name}")
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(kind) and len(asset.content) > 1000


@pytest.mark.parametrize("name", ["widget.js", "console.js"])
def test_the_scripts_build_no_markup_from_text(http: Any, name: str) -> None:
    script = http.get(f"/{name}").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


def test_the_texts_are_complete_in_both_languages(http: Any) -> None:
    fr = http.get("/v1/texts?lang=fr").json()["texts"]
    en = http.get("/v1/texts?lang=en").json()["texts"]
    assert fr.keys() == en.keys() and all(fr.values()) and all(en.values())
    assert fr["start"] == "Commencer" and en["start"] == "Start"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_widget_and_the_console_never_give_one_text_key_two_sentences(lang: str) -> None:
    """/v1/texts merges both pages' sentences: a key they share must say the same (the
    console's "the person has left" once replaced the widget's own goodbye)."""
    from bot.channels.web.texts import console_texts, widget_texts

    tr = translator(lang)
    widget, console = widget_texts(tr), console_texts(tr)
    assert {key for key in widget.keys() & console.keys() if widget[key] != console[key]} == set()


@pytest.mark.parametrize(("lang", "typed"), [("fr", ["« modifier N »", "Tapez", "Appuyez sur Entrée", "tapez"]),
                                             ("en", ['"change N"', "Type ", "Press Enter", "type "])])
def test_the_widgets_replies_name_its_buttons_never_typed_commands(http: Any, lang: str, typed: list[str]) -> None:
    """Help, an answer kept after Back, answers given back, an answer number that does not
    exist: each names the widget's buttons."""
    session = start(http, lang=lang)["session"]
    said = []
    for body in ({"answer": "private_employee"}, {"answer": 40}, {"command": "help"}, {"command": "back"},
                 {"say": ""}, {"say": "modifier 99" if lang == "fr" else "change 99"}, {"command": "summary"}):
        reply = turn(http, session, **body)
        data = reply.json()
        said += [m["text"] for m in data.get("messages", [])] + [data.get("error", {}).get("message", "")]
    shown = "\n".join(said)
    assert not [word for word in typed if word in shown], shown
    assert translator(lang).text("web.widget.current_answer", answer="40").split(":")[0] in shown
    assert ("« Envoyer »" if lang == "fr" else '"Send"') in shown and ("« Résumé »" if lang == "fr" else '"Summary"') in shown


@pytest.mark.parametrize(("lang", "limit"), [("fr", "1\u202f000"), ("en", "1,000")])
def test_the_texts_give_the_answers_limit_and_say_when_a_paste_was_cut(http: Any, lang: str, limit: str) -> None:
    found = http.get(f"/v1/texts?lang={lang}").json()
    assert found["max_length"] == MAX_LENGTH  # the interpreter's limit, not a second number
    assert limit in found["texts"]["paste_cut"]
    assert "maxlength" not in http.get("/widget.js").text  # the field takes the limit from the server


def _retired(http: Any, lang: str) -> dict[str, Any]:
    """A retired person of 70: a result with no figure, in two answers."""
    first = start(http, lang=lang)
    reply = turn(http, first["session"], answer="retired", turn=first["turn"]).json()
    reply = turn(http, first["session"], answer=70, turn=reply["turn"]).json()
    assert reply["assessment"] is not None
    return dict(reply)


@pytest.mark.parametrize(("lang", "typed"), [("fr", "modifier N"), ("en", "change N")])
def test_the_hint_after_the_result_names_the_widgets_buttons(http: Any, lang: str, typed: str) -> None:
    reply = _retired(http, lang)
    texts = http.get(f"/v1/texts?lang={lang}").json()["texts"]
    hint = reply["messages"][-1]["text"]
    assert all(texts[name] in hint for name in ("why", "change", "restart")), hint  # the buttons' own labels
    assert typed not in hint and '"change N"' not in hint and "quit" not in hint


def test_the_result_says_whether_it_has_a_figure_and_links_each_reference(http: Any) -> None:
    retired = _retired(http, "en")["result"]
    assert retired["has_amount"] is False
    session = start(http, lang="en")["session"]
    answers = {**ANSWERS}
    reply = turn(http, session, answer=answers["status"], turn=0).json()
    while reply["question"] is not None:
        reply = turn(http, session, answer=answers[reply["question"]["id"]], turn=reply["turn"]).json()
    assert reply["result"]["has_amount"] is True
    for view in (retired, reply["result"]):
        links = [piece["url"] for pieces in view["sources"] for piece in pieces if piece["url"]]
        assert links and all(url.startswith("https://") for url in links)
    sources = reply["result"]["sources"]
    assert len(sources) == len(reply["assessment"]["explanations"])
    assert "L6323" in "".join(piece["text"] for pieces in sources for piece in pieces)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_demo_pages_snippet_says_the_pages_language(http: Any, lang: str) -> None:
    page = http.get(f"/?lang={lang}").text
    assert f'data-lang=&quot;{lang}&quot;' in page
    other = "en" if lang == "fr" else "fr"
    assert f'data-lang=&quot;{other}&quot;' not in page


def test_the_schema_lists_every_question_with_labels(http: Any) -> None:
    from bot.dialogue.definition import cpf_dialogue

    fields = http.get("/v1/schema?lang=en").json()["fields"]
    assert [f["id"] for f in fields] == list(cpf_dialogue().order)
    status = fields[0]
    assert status["kind"] == "choice" and status["choices"][0] == {"value": "private_employee",
                                                                   "label": "Private-sector employee"}
    assert next(f for f in fields if f["id"] == "age")["maximum"] == 120


@pytest.mark.parametrize(("lang", "uses_c2p", "c2p_points", "result"), [
    ("fr", "Utilisation de points C2P", "Points C2P", "Résultat"),
    ("en", "Uses C2P points", "C2P points", "Result")])
def test_the_console_labels_every_field_apart_and_heads_the_result_for_an_agent(
        http: Any, lang: str, uses_c2p: str, c2p_points: str, result: str) -> None:
    """The console labelled the yes/no uses_c2p and the number c2p_points alike, and headed
    the person's result "Your result" for the agent."""
    labels = {f["id"]: f["label"] for f in http.get(f"/v1/schema?lang={lang}").json()["fields"]}
    assert labels["uses_c2p"] == uses_c2p and labels["c2p_points"] == c2p_points
    assert len(set(labels.values())) == len(labels), labels  # no two fields alike
    texts = http.get(f"/v1/texts?lang={lang}").json()["texts"]
    assert texts["console_result"] == result and texts["result"] != result  # the widget keeps "Your result"


def test_openapi_covers_every_route_and_error_code(http: Any) -> None:
    doc = http.get("/openapi.json").json()
    assert doc == json.loads(json.dumps(document()))
    paths = {getattr(route, "path") for route in ROUTES}
    assert paths == set(doc["paths"])
    for route in ROUTES:
        for method in getattr(route, "methods") - {"HEAD"}:
            operation = doc["paths"][getattr(route, "path")][method.lower()]
            assert "200" in operation["responses"] or "201" in operation["responses"]
            assert "413" in operation["responses"] and "500" in operation["responses"]
    assert doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"] == list(ALL_ERROR_CODES)
    assert set(doc["components"]["schemas"]["Situation"]["properties"]) == set(
        __import__("bot.rules.situation", fromlist=["FIELDS"]).FIELDS)


def test_the_documented_openapi_is_the_apps() -> None:
    """docs/openapi.json is generated: `python -m bot.channels.web.openapi > docs/openapi.json`."""
    path = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(document())), \
        "docs/openapi.json is out of date: python -m bot.channels.web.openapi > docs/openapi.json"
