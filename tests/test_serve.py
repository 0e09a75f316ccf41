"""`cpf-bot serve`: the read/write loop, then real processes: killed mid-stream, two on one store."""

from __future__ import annotations

import io
import json
import os
import queue
import signal
import subprocess
import sys
import sqlite3
import threading
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import bot.api as api
from bot.channels.cli import run
from bot.channels.environment import Environment
from bot.channels.protocol import MAX_LINE
from bot.channels.serve import read_lines
from bot.stores.sqlite import SqliteStore as Store
from fakes import run_cli
from test_protocol import ANSWERS, DATE

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)


def lines_of(out: str) -> list[dict[str, Any]]:
    assert out.endswith("\n")
    return [json.loads(line) for line in out.split("\n")[:-1]]


# -- the loop, in process ---------------------------------------------------------------


def test_one_response_per_line_in_order(tmp_path: Path) -> None:
    requests = [
        '{"session": "s1", "start": {"date": "2026-06-01", "lang": "en"}}',
        "",
        "garbage",
        '{"session": "s1", "answer": "not_working"}\r',
        "x" * (MAX_LINE + 10),
        '{"session": "s1", "command": "end"}',  # the last line has no line break
    ]
    code, out, err = run_cli("serve", "--store", str(tmp_path / "s.sqlite3"), stdin="\n".join(requests))
    assert (code, err) == (0, "")
    responses = lines_of(out)
    assert [r["ok"] for r in responses] == [True, False, False, True, False, True]
    assert [r.get("error", {}).get("code") for r in responses] == [None, "not_json", "not_json", None, "line_too_long", None]
    assert responses[3]["question"]["id"] == "worked_before" and responses[5]["ended"] is True


def test_bytes_in_utf8_out_whatever_the_locale(tmp_path: Path) -> None:
    data = (b'{"session": "s1", "start": {"date": "2026-06-01"}}\n'
            b'{"session": "s1", "say": "\xff\xfe"}\n'
            b'{"session": "s1", "say": "retrait\xc3\xa9"}\n')
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    env = Environment(io.TextIOWrapper(io.BytesIO(data), encoding="ascii"), stdout, io.StringIO(), {}, lambda: TODAY)
    assert run(["serve", "--store", ":memory:"], env) == 0
    out = stdout.buffer.getvalue().decode("utf-8")
    responses = lines_of(out)
    assert responses[1]["error"]["code"] == "not_utf8" and responses[2]["ok"] is True
    assert "Retraité" in out or "retraité" in out.lower()


class HugeLine(io.RawIOBase):
    """A stream of one enormous line, then a real request, produced as it is read."""

    BLOCK = memoryview(b"x" * (1024 * 1024))

    def __init__(self, size: int, then: bytes) -> None:
        self.left = size
        self.then = then

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self.left > 0:
            n = min(len(view), self.left, len(self.BLOCK))
            view[:n] = self.BLOCK[:n]
            self.left -= n
            return n
        n = min(len(view), len(self.then))
        view[:n], self.then = self.then[:n], self.then[n:]
        return n


def test_a_huge_line_is_skipped_without_being_held_in_memory() -> None:
    size = 64 * 1024 * 1024
    stream = io.BufferedReader(HugeLine(size, b'\n{"session": "s1"}\n'))
    tracemalloc.start()
    lines = list(read_lines(stream, b"\n"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert lines == [None, b'{"session": "s1"}']
    assert peak < 16 * MAX_LINE  # a few pieces of a line at most (1 MiB), never the 64 MiB


def test_read_lines_at_the_limit() -> None:
    ok, over = "a" * MAX_LINE, "b" * (MAX_LINE + 1)
    text = io.StringIO(f"{ok}\n{over}\n{ok}")
    assert list(read_lines(text, "\n")) == [ok, None, ok]


def test_an_unusable_store_is_reported_at_start(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    code, out, err = run_cli("serve", "--store", str(tmp_path / "file" / "s.sqlite3"), stdin="")
    assert code == 2 and out == "" and "Impossible d'utiliser le fichier de sessions" in err


def test_the_default_store_is_in_the_xdg_state_folder(tmp_path: Path) -> None:
    env = Environment(io.StringIO('{"session": "s1", "start": {}}\n'), io.StringIO(), io.StringIO(),
                      {"XDG_STATE_HOME": str(tmp_path), "LANG": "en_GB.UTF-8"}, lambda: TODAY)
    assert run(["serve"], env) == 0
    path = tmp_path / "cpf-bot" / "sessions.sqlite3"
    with Store(path) as store, store.slot("s1") as slot:
        session = slot.get()
    assert session is not None and session.lang == "en" and session.as_of == TODAY


def test_expire_after_is_kept_in_the_store_for_every_process(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite3")
    run_cli("serve", "--store", path, "--expire-after", "90", stdin="")
    with Store(path) as store:
        assert store.expire_after == 90
    run_cli("serve", "--store", path, stdin="")  # a process started without it keeps the store's
    with Store(path) as store:
        assert store.expire_after == 90


def test_a_closed_output_ends_quietly(tmp_path: Path) -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    env = Environment(io.StringIO('{"session": "s1", "start": {}}\n' * 3), Closed(), io.StringIO(), {}, lambda: TODAY)
    assert run(["serve", "--store", ":memory:"], env) == 0


# -- real processes ---------------------------------------------------------------------


class Client:
    """A `python -m bot serve` process; requests and responses, with a time limit."""

    def __init__(self, store: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--store", str(store), "--lang", "fr", *options],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.responses: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.responses.put(json.loads(line))
        self.responses.put(None)

    def send(self, *requests: dict[str, Any] | str) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        for request in requests:
            line = request if isinstance(request, str) else json.dumps(request)
            stdin.write(line.encode("utf-8") + b"\n")
        stdin.flush()

    def receive(self) -> dict[str, Any]:
        response = self.responses.get(timeout=20)
        assert response is not None, "serve ended early"
        return response

    def request(self, request: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.send(request)
            return self.receive()

    def close(self) -> str:
        """Ends the input; the exit status must be 0. Returns what it wrote on stderr."""
        stdin, stderr = self.process.stdin, self.process.stderr
        assert stdin is not None and stderr is not None
        stdin.close()
        assert self.process.wait(timeout=20) == 0
        return stderr.read().decode()


SCENARIOS = [ANSWERS, {**ANSWERS, "status": "job_seeker"}, {**ANSWERS, "status": "public_agent"},
             {**ANSWERS, "status": "self_employed", "balance": None},
             {**ANSWERS, "training_kind": "driving_licence", "cofunding": "employer"}]


def script(answers: dict[str, Any], lang: str = "fr") -> tuple[list[tuple[str, Any]], dict[str, Any]]:
    """The (question, answer) pairs of a whole conversation, and its final assessment."""
    chat = api.start(lang=lang, date=DATE)
    turns: list[tuple[str, Any]] = []
    while chat.question is not None:
        turns.append((chat.question["id"], answers[chat.question["id"]]))
        assert chat.answer(turns[-1][1])["ok"]
    return turns, chat.reply["assessment"]


SCRIPTS = [script(answers, lang) for answers in SCENARIOS for lang in ("fr", "en")]


def test_garbage_never_stops_the_process(tmp_path: Path) -> None:
    client = Client(tmp_path / "s.sqlite3")
    client.send('{"session": "s1", "start": {"date": "2026-06-01"}}', "x" * (1024 * 1024), "{]", "[" * 50_000)
    client.process.stdin.write(b"\xff\xfe\x00garbage\n")  # type: ignore[union-attr]
    client.send('{"session": "s1", "say": "\\u001b[31m[/]"}', '{"session": "s1", "answer": "retired"}')
    codes = [client.receive().get("error", {}).get("code") for _ in range(7)]
    assert codes == [None, "line_too_long", "not_json", "not_json", "not_utf8", "invalid_answer", None]
    assert client.close() == ""


def test_a_session_resumes_by_id_after_a_restart(tmp_path: Path) -> None:
    first = Client(tmp_path / "s.sqlite3")
    first.request({"session": "s1", "start": {"date": DATE, "lang": "en"}})
    assert first.request({"session": "s1", "answer": "private_employee"})["question"]["id"] == "age"
    first.close()
    second = Client(tmp_path / "s.sqlite3")
    response = second.request({"session": "s1", "answer": 40})
    assert response["ok"] and response["question"]["id"] == "working_time"
    assert response["question"]["text"].startswith("This year")  # still in the session's language
    second.close()


def test_sigkill_mid_stream_loses_no_acknowledged_turn(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    sessions = {f"k{n}": SCRIPTS[n % len(SCRIPTS)] for n in range(40)}
    lines: list[dict[str, Any]] = [{"session": sid, "start": {"date": DATE, "lang": ("fr", "en")[n % 2]}}
                                   for n, sid in enumerate(sessions)]
    for step in range(max(len(turns) for turns, _ in sessions.values())):
        lines += [{"session": sid, "answer": turns[step][1]} for sid, (turns, _) in sessions.items() if step < len(turns)]
    client = Client(store)
    def write() -> None:
        try:
            client.send(*lines)
        except BrokenPipeError:  # killed before reading everything: expected
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    acknowledged = {sid: 0 for sid in sessions}  # turns acknowledged after the start
    for n in range(len(sessions) + 150):
        response = client.receive()
        assert response["ok"], response
        if n >= len(sessions):
            acknowledged[response["session"]] += 1
    client.process.send_signal(signal.SIGKILL)  # while turns are still coming in
    client.process.wait(timeout=20)
    assert client.process.returncode == -signal.SIGKILL
    assert sum(acknowledged.values()) == 150 and len(lines) > len(sessions) + 300

    resumed = Client(store)
    for sid, (turns, assessment) in sessions.items():
        question = resumed.request({"session": sid, "command": "summary"})["question"]
        done = len(turns) if question is None else [q for q, _ in turns].index(question["id"])
        assert done >= acknowledged[sid], sid  # every acknowledged answer is there
        for _, answer in turns[done:]:
            response = resumed.request({"session": sid, "answer": answer})
            assert response["ok"], response
        final = resumed.request({"session": sid, "command": "summary"})
        assert final["assessment"] == assessment, sid  # and nothing was corrupted
    assert resumed.close() == ""


def test_two_processes_share_one_store_without_loss(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    first, second = Client(store), Client(store)  # both create the store at once
    failures: list[str] = []

    def converse(sid: str, number: int, clients: list[Client]) -> None:
        turns, assessment = SCRIPTS[number % len(SCRIPTS)]
        lang = ("fr", "en")[number % 2]  # SCRIPTS alternate the languages
        response = clients[0].request({"session": sid, "start": {"date": DATE, "lang": lang}})
        for n, (question, answer) in enumerate(turns):
            if not response["ok"] or response["question"]["id"] != question:
                failures.append(f"{sid} turn {n}: expected {question}, got {response}")
                return
            response = clients[(n + 1) % len(clients)].request({"session": sid, "answer": answer})
        if response.get("assessment") != assessment:
            failures.append(f"{sid}: wrong assessment {response}")

    def group(prefix: str, clients: list[Client]) -> None:
        for n in range(len(SCRIPTS)):
            converse(f"{prefix}{n}", n, clients)

    threads = [threading.Thread(target=group, args=args) for args in
               (("a", [first]), ("b", [second]), ("shared", [first, second]), ("other", [second, first]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert first.close() == "" and second.close() == ""
    with Store(store) as check:
        assert check.count() == 4 * len(SCRIPTS)
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- a store that cannot be used is refused at start, with a message --------------------


@pytest.mark.parametrize("store", ["", "/dev/stdout", "/dev/null", "."])
def test_a_store_that_is_not_a_file_is_refused_at_start(store: str) -> None:
    code, out, err = run_cli("serve", "--store", store, stdin='{"session": "s", "start": {}}\n', lang="en")
    assert (code, out) == (2, "") and "Traceback" not in err and err.strip()


def test_a_read_only_store_is_refused_at_start_not_at_every_turn(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file immutable here ({made.stderr.decode().strip()})")
    try:
        code, out, err = run_cli("serve", "--store", str(path), stdin='{"session": "s", "start": {}}\n', lang="en")
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert (code, out) == (2, "") and "Traceback" not in err and str(path) in err


def test_a_huge_expire_after_is_a_usage_error() -> None:
    code, out, err = run_cli("serve", "--store", ":memory:", "--expire-after", "9" * 400, lang="en")
    assert (code, out) == (2, "") and "Traceback" not in err and "--expire-after" in err


def test_a_database_password_is_never_printed() -> None:
    # pool_timeout: nothing listens on port 1, so each try lasts as long as the pool waits
    for url in ("postgresql://cpf:s3cret@127.0.0.1:1/db?pool_timeout=0.2",
                "postgresql://cpf@127.0.0.1:1/db?password=s3cret&pool_timeout=0.2"):
        code, out, err = run_cli("serve", "--store", url, lang="en")
        assert code == 2 and out == "" and "s3cret" not in err and "127.0.0.1" in err
