"""`cpf-bot web` as a newcomer runs it: its options, then real uvicorn processes (two
workers on one store)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.cli import parse_args
from bot.channels.environment import Environment
from bot.channels.web.command import DEFAULT_HOST, DEFAULT_PORT, WebOptions, settings_of
from fakes import run_cli

ROOT = Path(__file__).resolve().parent.parent


def web_options(argv: list[str], env: Environment) -> WebOptions:
    name, options = parse_args(argv, env)
    assert name == "web" and isinstance(options, WebOptions)
    return options


def test_it_binds_to_loopback_by_default_with_the_serve_store() -> None:
    env = Environment(environ={"HOME": "/home/x"})
    settings = settings_of(web_options(["web"], env), env)
    assert (settings.host, settings.port, settings.workers) == (DEFAULT_HOST, DEFAULT_PORT, 1) == ("127.0.0.1", 8000, 1)
    assert settings.store == "/home/x/.local/state/cpf-bot/sessions.sqlite3"
    options = web_options(["web", "--allow-origin", "https://a.example", "--allow-origin", "https://b.example:8443",
                          "--frame-ancestors", "'self',https://c.example"], env)
    settings = settings_of(options, env)
    assert settings.allow_origins == ("https://a.example", "https://b.example:8443")
    assert settings.frame_ancestors == ("'self'", "https://c.example")


@pytest.mark.parametrize("args, message", [
    (["--port", "http"], "--port"), (["--port", "70000"], "--port"), (["--workers", "0"], "--workers"),
    (["--workers", "2", "--store", ":memory:"], ":memory:"), (["--allow-origin", "*"], "--allow-origin"),
    (["--allow-origin", "https://a.example/path"], "--allow-origin"), (["--rate-limit", "-1"], "--rate-limit"),
    (["--agent-tokens", "/nonexistent/tokens"], "/nonexistent/tokens"), (["--text"], "--text"),
])
def test_a_bad_option_exits_2_with_a_message(args: list[str], message: str) -> None:
    code, out, err = run_cli("web", "--store", ":memory:", *args, lang="en")
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_a_bad_tokens_file_names_its_line(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text("alice 0123456789abcdef0123\nbob short\n", encoding="utf-8")
    code, _, err = run_cli("web", "--store", ":memory:", "--agent-tokens", str(tokens), lang="en")
    assert code == 2 and f"{tokens}, line 2" in err and "16 characters" in err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def request(port: int, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if data is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    call = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data, headers, method=method)
    try:
        with urllib.request.urlopen(call, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    tokens = tmp_path / "tokens"
    tokens.write_text("alice alice-token-0123456789abcdef\n", encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "web", "--port", str(port), "--workers", "2", "--lang", "en",
         "--store", str(tmp_path / "s.sqlite3"), "--agent-tokens", str(tokens), "--date", "2026-06-01"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        yield port, process
    finally:
        process.terminate()
        process.wait(15)


def test_two_workers_share_the_store_on_a_private_lock_file_and_log_no_answers(
        tmp_path: Path, two_workers: tuple[int, subprocess.Popen[str]]) -> None:
    port, process = two_workers
    status, reply = request(port, "POST", "/v1/sessions", {"known": {"status": "job_seeker"}},
                            token="alice-token-0123456789abcdef")
    assert status == 201 and reply["question"]["id"] == "age"
    session = reply["session"]
    for value in (47, "private_employee"):  # new connections: the two workers take turns at random
        status, reply = request(port, "POST", f"/v1/sessions/{session}/turns", {"answer": value, "turn": reply["turn"]})
        assert status == 200, reply
    for _ in range(6):
        status, details = request(port, "GET", f"/v1/sessions/{session}", token="alice-token-0123456789abcdef")
        assert status == 200 and [a["source"] for a in details["answers"]] == ["agent", "person", "person"]
    lock = tmp_path / "s.sqlite3.lock"  # the workers of one SQLite store take turns on it
    assert lock.exists() and lock.stat().st_mode & 0o077 == 0
    process.terminate()
    _, err = process.communicate(timeout=15)
    assert "serving http://127.0.0.1:" in err and "2 worker(s)" in err
    assert session not in err and "private_employee" not in err and "job_seeker" not in err
    assert "POST /v1/sessions/{id}/turns 200" in err


@pytest.mark.parametrize("store", ["/dev/stdout", "", "postgresql://cpf:s3cret@127.0.0.1:1/db?pool_timeout=0.2"])
def test_a_store_web_cannot_use_is_said_like_serve_says_it(store: str) -> None:
    code, out, err = run_cli("web", "--store", store, lang="en")
    assert code == 2 and out == "" and "Traceback" not in err and err.strip() and "s3cret" not in err
