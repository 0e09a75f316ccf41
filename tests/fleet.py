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
    """A `cpf-bot web` worker seen as a peer (for when the `web` command lands on this branch:
    not used yet). `ids` is shared by all the web peers of a test: the test's session names
    to the ids the server made. Start `cpf-bot web --store URL --port P --workers 2` and use
    `WebPeer(f"http://127.0.0.1:{P}", ids)` twice in the lists given to `converse` and `race`."""

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
            reply = self._post(f"/v1/sessions/{self.ids[name]}/turns", body)
        return {**reply, "session": name}


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
