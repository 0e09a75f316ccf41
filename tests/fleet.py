"""Several cpf-bot processes on one store, for the multi-process and fault tests.

A *peer* is anything with `request(dict) -> dict` that speaks the `serve` protocol's
requests and replies: `ServeProcess` is a real `python -m bot serve --store URL` process.
The helpers (`converse`, `race`) only use `request`, so a `web` worker joins them as a peer
whose `request` posts the turn to its HTTP API and gives the reply back in the same shape
(`{"session", "ok", "turn", "question", "assessment", "error"}`), keeping a shared map
from the test's session names to the ids the server makes.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
Reply = dict[str, Any]


class Peer(Protocol):
    def request(self, request: dict[str, Any]) -> Reply: ...


class ServeProcess:
    """A `python -m bot serve` process on the store `url`; requests and replies, with a time limit."""

    def __init__(self, url: str, *options: str, timeout: float = 30) -> None:
        self.timeout = timeout
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--store", url, "--lang", "fr", *options],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.replies: queue.Queue[Reply | None] = queue.Queue()
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.replies.put(json.loads(line))
        self.replies.put(None)

    def send(self, *requests: dict[str, Any]) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"".join(json.dumps(r).encode("utf-8") + b"\n" for r in requests))
        stdin.flush()

    def receive(self) -> Reply:
        reply = self.replies.get(timeout=self.timeout)
        assert reply is not None, "serve ended early"
        return reply

    def request(self, request: dict[str, Any]) -> Reply:
        with self.lock:
            self.send(request)
            return self.receive()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=self.timeout)
        assert self.process.returncode == -signal.SIGKILL

    def close(self) -> str:
        """Ends the input; the exit status must be 0. Returns what it wrote on stderr."""
        stdin, stderr = self.process.stdin, self.process.stderr
        assert stdin is not None and stderr is not None
        stdin.close()
        assert self.process.wait(timeout=self.timeout) == 0
        return stderr.read().decode()


class WebPeer:
    """A `cpf-bot web` server seen as a peer. `ids` is shared by all the web peers of a test:
    the test's session names to the ids the server made (a session a serve peer started
    keeps its name as its id). Each request is a new connection, so with `--workers 2`
    either worker may take it."""

    def __init__(self, base: str, ids: dict[str, str], timeout: float = 30) -> None:
        self.base, self.ids, self.timeout = base, ids, timeout

    def _post(self, path: str, body: dict[str, Any]) -> Reply:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.base + path, json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply: Reply = json.load(response)
        except urllib.error.HTTPError as error:  # 4xx: the error reply, in the same shape
            reply = json.load(error)
        return reply

    def request(self, request: dict[str, Any]) -> Reply:
        name = request["session"]
        if "start" in request:
            reply = self._post("/v1/sessions", request["start"])
            if reply.get("ok"):
                self.ids[name] = reply["session"]
        else:
            body = {k: v for k, v in request.items() if k != "session"}
            reply = self._post(f"/v1/sessions/{self.ids.get(name, name)}/turns", body)  # a serve peer's: its name
        return {**reply, "session": name}


class NamedPeer:
    """A serve peer that sends the id the web server made for a session a web peer started
    (a web server takes only the ids it makes), and answers under the test's name."""

    def __init__(self, peer: Any, ids: dict[str, str]) -> None:
        self.peer, self.ids = peer, ids

    def request(self, request: dict[str, Any]) -> Reply:
        name = request["session"]
        reply = self.peer.request({**request, "session": self.ids.get(name, name)})
        return {**reply, "session": name}


class ForkedServe(ServeProcess):
    """A serve process forked from the test process (where bot and psycopg are already
    imported) instead of a new interpreter: the same command on real pipes, killed for real,
    with connections of its own, but without half a second of imports at every start. For
    the tests that start dozens of processes to kill them."""

    def __init__(self, url: str, *options: str, timeout: float = 30) -> None:
        import io

        from bot.channels.cli import run
        from bot.channels.environment import Environment

        self.timeout = timeout
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: serve on the pipes, never back into pytest
            code = 70
            try:
                os.dup2(in_r, 0)
                os.dup2(out_w, 1)
                os.dup2(err_w, 2)
                os.closerange(3, 1 << 16)  # no other process's pipe ends, no pytest files
                stdin = io.TextIOWrapper(io.FileIO(0, "r"), encoding="utf-8")
                stdout = io.TextIOWrapper(io.FileIO(1, "w"), encoding="utf-8")
                stderr = io.TextIOWrapper(io.FileIO(2, "w"), encoding="utf-8", write_through=True)
                sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
                env = Environment(stdin, stdout, stderr, dict(os.environ))
                code = run(["serve", "--store", url, "--lang", "fr", *options], env)
                stdout.flush()
            finally:
                os._exit(code)
        os.close(in_r)
        os.close(out_w)
        os.close(err_w)
        self.process = _Forked(pid, os.fdopen(in_w, "wb"), os.fdopen(out_r, "rb"), os.fdopen(err_r, "rb"))
        self.replies = queue.Queue()
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()


class _Forked:
    """The part of subprocess.Popen that ServeProcess uses, for a forked child."""

    def __init__(self, pid: int, stdin: Any, stdout: Any, stderr: Any) -> None:
        self.pid, self.stdin, self.stdout, self.stderr = pid, stdin, stdout, stderr
        self.returncode: int | None = None

    def send_signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def wait(self, timeout: float) -> int:
        import time

        deadline = time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                raise TimeoutError(f"process {self.pid} still running")
            else:
                time.sleep(0.005)
        for stream in (self.stdin,):
            try:
                stream.close()
            except OSError:
                pass
        return self.returncode


def converse(peers: list[Peer], sid: str, script: tuple[list[tuple[str, Any]], Reply], lang: str, date: str,
             failures: list[str]) -> None:
    """A whole conversation, its turns going round `peers`; what went wrong goes to `failures`."""
    turns, assessment = script
    reply = peers[0].request({"session": sid, "start": {"date": date, "lang": lang}})
    for n, (question, answer) in enumerate(turns):
        if not reply["ok"] or reply["question"]["id"] != question or reply["turn"] != n:
            failures.append(f"{sid} turn {n}: expected {question}, got {reply}")
            return
        reply = peers[(n + 1) % len(peers)].request({"session": sid, "answer": answer, "turn": n})
    if not reply["ok"] or reply.get("assessment") != assessment:
        failures.append(f"{sid}: wrong end {reply}")


def race(peers: list[Peer], request: dict[str, Any]) -> list[Reply]:
    """The same request sent by every peer at the same moment; their replies."""
    ready = threading.Barrier(len(peers))
    replies: list[Reply] = []

    def one(peer: Peer) -> None:
        ready.wait()
        replies.append(peer.request(request))

    threads = [threading.Thread(target=one, args=(peer,)) for peer in peers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return replies


def in_parallel(*jobs: tuple[Any, ...]) -> None:
    """Runs each (function, *args) in its own thread and waits for all of them."""
    threads = [threading.Thread(target=job[0], args=job[1:]) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
