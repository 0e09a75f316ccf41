"""An object that repeats a key is refused wherever JSON comes in: serve lines, assess
input, save files (and `.dialog` values: tests/test_script.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.io.strictjson import DuplicateKey, loads
from tests.fakes import run_cli


def test_loads_refuses_a_repeated_key_at_any_depth() -> None:
    assert loads('{"a": {"b": 1}, "c": [{"b": 2}]}') == {"a": {"b": 1}, "c": [{"b": 2}]}
    for text in ('{"a": 1, "a": 1}', '{"x": [{"b": 1, "b": 2}]}', '{"a": 1, "\\u0061": 2}'):
        with pytest.raises(DuplicateKey):
            loads(text)
    with pytest.raises(ValueError):
        loads("NaN")


def test_serve_refuses_a_repeated_key_and_changes_nothing() -> None:
    lines = [
        '{"session": "bob", "start": {"lang": "en", "date": "2026-06-01"}, "session": "alice"}',
        '{"session": "carol", "start": {"lang": "en", "known": {"status": "retired", "status": "job_seeker"}}}',
        '{"session": "alice", "command": "summary"}',
        '{"session": "bob", "command": "summary"}',
        '{"session": "carol", "command": "summary"}',
    ]
    code, out, err = run_cli("serve", "--store", ":memory:", stdin="\n".join(lines) + "\n", lang="en")
    responses = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and len(responses) == 5
    for response, key in zip(responses[:2], ("session", "status")):
        assert response["session"] is None and response["ok"] is False
        assert response["error"] == {"code": "bad_request", "message":
                                     f'The key "{key}" appears more than once in the same object: send each key once.'}
    assert [r["error"]["code"] for r in responses[2:]] == ["unknown_session"] * 3


def test_assess_refuses_a_repeated_key() -> None:
    code, out, err = run_cli("assess", stdin='{"status": "retired", "age": 30, "status": "job_seeker"}', lang="en")
    assert (code, out) == (2, "")
    assert err == ('The key "status" appears more than once in the same object: '
                   "cpf-bot refuses it rather than guess which value counts.\n")


def test_a_save_file_that_repeats_a_key_is_not_resumed(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    assert run_cli("--date", "2026-06-01", "--save", str(path), stdin="5\n30\n")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert '"age": 30' in text
    path.write_text(text.replace('"age": 30', '"age": 30, "age": 99'), encoding="utf-8")
    code, out, err = run_cli("--resume", str(path), stdin="", lang="en")
    assert code == 2 and out == "" and "repeats a key in one of its objects" in err
