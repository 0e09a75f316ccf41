"""Input quoted back in a message (serve, assess, replay, the API, the command line) is
shown safely: no terminal escapes, never a social security number."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import bot
from bot.privacy import contains_social_security_number
from bot.scripted.record import RecordFile
from tests.fakes import run_cli

NIRS = ["185057800608436", "1/85/05/78/006/084/36", "１８５０５７８００６０８４３６", "1_85_05_78_006_084_36"]
ESC = "\x1b[2J\x1b]0;owned\x07"


def serve(*requests: object) -> list[dict[str, object]]:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    code, out, err = run_cli("serve", "--store", ":memory:", stdin=lines, lang="en")
    assert code == 0 and err == ""
    assert not contains_social_security_number(out) and "\\u001b" not in out and "\x1b" not in out
    return [json.loads(line) for line in out.splitlines()]


START = {"session": "s1", "start": {"lang": "en", "date": "2026-06-01"}}


@pytest.mark.parametrize("nir", NIRS)
def test_serve_never_echoes_a_social_security_number(nir: str) -> None:
    responses = serve(
        START,
        {"session": "s1", "command": nir},
        {"session": "s1", "command": f"lang:{nir}"},
        {"session": "s1", nir: 1},
        {"session": "s2", "start": {"lang": "en", "known": {nir: 1}}},
        {"session": "s3", "start": {"lang": "en", nir: 1}},
        {"session": "s4", "start": {"lang": nir}},
        {"session": "s5", "start": {"lang": "en", "date": nir}},
        {"session": f"client {nir}", "start": {}},
        {"session": "s1", "say": nir},
        {"session": "s1", "answer": nir},
    )
    assert [r["ok"] for r in responses] == [True] + [False] * 10
    codes = [r["error"]["code"] for r in responses[1:]]  # type: ignore[index]
    assert codes == ["unknown_command", "bad_language", "bad_request", "invalid_known", "bad_request",
                     "bad_language", "bad_date", "bad_session", "invalid_answer", "invalid_answer"]
    assert "[social security number removed]" in json.dumps(responses[1:8])
    assert responses[8]["session"] is None
    assert "must not contain a social security number" in responses[8]["error"]["message"]  # type: ignore[index]


def test_serve_shows_hostile_keys_without_escapes() -> None:
    responses = serve(START, {"session": "s1", ESC: 1}, {"session": "s2", "start": {"known": {ESC: 1}}})
    assert "[2J" in responses[1]["error"]["message"]  # type: ignore[index]


@pytest.mark.parametrize("nir", NIRS)
def test_assess_quotes_a_hostile_field_safely(nir: str) -> None:
    situation = json.dumps({"status": "retired", f"{ESC}{nir}": 1, "x" * 5000: 2})
    code, out, err = run_cli("assess", stdin=situation, lang="en")
    assert code == 2 and out == ""
    assert "\x1b" not in err and "\x07" not in err and not contains_social_security_number(err)
    assert "[social security number removed]" in err and "x" * 41 not in err


def test_replay_quotes_a_hostile_script_safely(tmp_path: Path) -> None:
    malformed = tmp_path / "bad.dialog"
    malformed.write_text(f"> salarie\n! {ESC} 1 85 05 78 006 084 36\n", encoding="utf-8")
    failing = tmp_path / "fails.dialog"
    failing.write_text(f"# lang: en\n< {ESC} 1/85/05/78/006/084/36\n= annual_credit: {{\"\\u001b[2J\": 1}}\n",
                       encoding="utf-8")
    code, out, err = run_cli("replay", str(tmp_path), lang="en")
    assert code == 2 and "bad.dialog:2" in err and "fails.dialog:2" in out
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text and not contains_social_security_number(text)


def test_replay_shows_hostile_file_names_without_escapes(tmp_path: Path) -> None:
    (tmp_path / f"{ESC}.dialog").write_text("> a\n! b\n", encoding="utf-8")
    code, _, err = run_cli("replay", str(tmp_path), lang="en")
    assert code == 2 and "[2J" in err and "\x1b" not in err


@pytest.mark.parametrize("argv", [[f"--{NIRS[1]}"], [NIRS[0]], ["--date", NIRS[1]], ["assess", "--lang", NIRS[0]],
                                  [f"--{ESC}"]])
def test_usage_errors_quote_arguments_safely(argv: list[str]) -> None:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 2 and out == "" and "\x1b" not in err and not contains_social_security_number(err)


@pytest.mark.parametrize("nir", NIRS)
def test_the_api_never_echoes_a_social_security_number(nir: str) -> None:
    messages: list[str] = []
    for call in (lambda: bot.start(known={nir: 1}), lambda: bot.start(date=nir), lambda: bot.start(lang=nir),
                 lambda: bot.assess({"status": "retired", nir: 1}), lambda: bot.assess({"status": "retired"}, date=nir)):
        with pytest.raises(bot.Rejected) as refused:
            call()
        messages.append(refused.value.message)
    chat = bot.start(lang="en", date="2026-06-01")
    messages += [json.dumps(chat.command(nir)), json.dumps(chat.say(nir)), json.dumps(chat.answer(nir))]
    assert not any(contains_social_security_number(m) for m in messages), messages


def test_a_save_file_holding_a_number_is_not_resumed(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    assert run_cli("--date", "2026-06-01", "--save", str(path), stdin="5\n")[0] == 0
    data = json.loads(path.read_text())
    data["dialogue"] = NIRS[1]  # would be written back at the next save
    path.write_text(json.dumps(data))
    code, out, err = run_cli("--resume", str(path), "--save", str(tmp_path / "again.json"), lang="en")
    assert (code, out) == (2, "") and "is not a valid cpf-bot session" in err
    assert not (tmp_path / "again.json").exists()


def test_a_recording_never_holds_a_number(tmp_path: Path) -> None:
    path = tmp_path / "r.dialog"
    record = RecordFile(str(path), "en", date(2026, 6, 1))
    record.lines.append(f"< said {NIRS[2]}")
    record.save()
    text = path.read_text(encoding="utf-8")
    assert "< said [social security number removed]" in text and not contains_social_security_number(text)


@pytest.mark.parametrize("value", [{1}, object(), 10**5000, float("nan")], ids=["set", "object", "huge", "nan"])
def test_a_command_that_is_not_json_is_refused_not_a_crash(value: object) -> None:
    chat = bot.start(lang="en", date="2026-06-01")
    response = chat.command(value)  # type: ignore[arg-type]
    assert response["ok"] is False and response["error"]["code"] == "unknown_command"


def test_paths_named_on_the_command_line_are_shown_without_escapes(tmp_path: Path) -> None:
    code, _, err = run_cli("replay", str(tmp_path / f"{ESC}missing.dialog"), lang="en")
    assert code == 2 and "missing.dialog" in err and "\x1b" not in err
    (tmp_path / f"{ESC}file").write_text("")
    code, _, err = run_cli("serve", "--store", str(tmp_path / f"{ESC}file" / "s.sqlite3"), lang="en")
    assert code == 2 and "file/s.sqlite3" in err and "\x1b" not in err
