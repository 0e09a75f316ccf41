"""Several `cpf-bot serve` processes on one PostgreSQL database: interleaved turns on the same
and on different sessions, races with exactly one winner, SIGKILL at random points, and the
database server restarted mid-stream. Every loop is bounded; all traffic is on 127.0.0.1.

Two `cpf-bot web` workers join them as peers (tests/fleet.py's WebPeer).
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from fleet import ForkedServe, NamedPeer, Peer, ServeProcess, WebPeer, converse, in_parallel, race
from pgserver import PostgresServer
from test_protocol import DATE
from test_serve import SCRIPTS

try:
    import psycopg

    from bot.stores.postgresql import PostgresStore, split_url
except ImportError:  # pragma: no cover - the test extra installs psycopg
    if os.environ.get("CI", "").lower() == "true":
        raise
    pytest.skip("psycopg is not installed: pip install '.[test]'", allow_module_level=True)
pytestmark = pytest.mark.faults
ROOT = Path(__file__).resolve().parent.parent


def lang_of(number: int) -> str:
    return ("fr", "en")[number % 2]  # SCRIPTS alternate the languages


def stored_turns(url: str) -> dict[str, int]:
    """Each stored session's turn, read from the database itself."""
    PostgresStore(url).close()
    with psycopg.connect(split_url(url)[0]) as db:
        rows = db.execute("SELECT id, data::json->>'turn' FROM cpf_sessions").fetchall()
    return {sid: int(turn) for sid, turn in rows}


def test_four_serve_processes_share_one_database_without_loss(pg_url: str) -> None:
    peers = [ForkedServe(pg_url) for _ in range(4)]  # all four create the schema at once
    failures: list[str] = []

    def group(prefix: str, mine: list[Peer], count: int = len(SCRIPTS) // 2) -> None:
        for n in range(count):
            converse(mine, f"{prefix}{n}", SCRIPTS[n], lang_of(n), DATE, failures)

    in_parallel(*((group, f"own{i}-", [peer]) for i, peer in enumerate(peers)),  # different sessions
                (group, "shared-", peers), (group, "reversed-", peers[::-1]))  # one session, every process
    assert failures == []
    assert [peer.close() for peer in peers] == [""] * 4
    turns = stored_turns(pg_url)
    assert len(turns) == 6 * (len(SCRIPTS) // 2)
    assert all(turns[f"shared-{n}"] == len(SCRIPTS[n][0]) for n in range(len(SCRIPTS) // 2))


def test_races_between_processes_have_exactly_one_winner(pg_url: str) -> None:
    peers = [ForkedServe(pg_url) for _ in range(4)]
    turns, _ = SCRIPTS[0]
    for round in range(5):
        sid = f"race{round}"
        starts = race(peers, {"session": sid, "start": {"date": DATE, "lang": "fr"}})
        assert sorted(r.get("error", {}).get("code", "ok") for r in starts) == ["ok"] + ["session_exists"] * 3
        for n, (_, answer) in enumerate(turns[:3]):
            replies = race(peers, {"session": sid, "answer": answer, "turn": n})
            codes = sorted(r.get("error", {}).get("code", "ok") for r in replies)
            assert codes == ["ok"] + ["stale_turn"] * 3, codes
            assert all(r["turn"] == n + 1 for r in replies)  # the winner's turn, seen by every loser
    assert [peer.close() for peer in peers] == [""] * 4
    assert set(stored_turns(pg_url).values()) == {3}


KILLS = 30
CHAINS = 2  # chains of processes killed one after the other, side by side on disjoint sessions


def kill_chain(url: str, prefix: str, kills: int, seed: int) -> None:
    """`kills` serve processes in turn, each SIGKILLed at a random point while turns stream in;
    each new one checks that every acknowledged turn is there (the stored turn is at least
    the acknowledged one and, where it is the same, so is the question). The last finishes
    every conversation and checks its assessment against one that was never interrupted."""
    rng = random.Random(seed)
    scripts = {f"{prefix}{n}": n for n in range(8)}  # session -> its script
    acked: dict[str, tuple[int, str | None]] = {}  # session -> (turn, question id) last acknowledged

    def where(peer: ServeProcess) -> dict[str, tuple[int, str | None] | None]:
        """Each session's stored turn and question (None: not started), checked against acked."""
        found: dict[str, tuple[int, str | None] | None] = {}
        for sid in scripts:
            reply = peer.request({"session": sid, "command": "summary"})
            if not reply["ok"]:
                assert reply["error"]["code"] == "unknown_session" and sid not in acked, (sid, reply)
                found[sid] = None
                continue
            state = (reply["turn"], reply["question"]["id"] if reply["question"] else None)
            if sid in acked:
                assert state[0] >= acked[sid][0], (sid, state, acked[sid])
                if state[0] == acked[sid][0]:
                    assert state[1] == acked[sid][1], (sid, state, acked[sid])
            found[sid] = state
        return found

    def remaining(sid: str, state: tuple[int, str | None] | None) -> list[dict[str, Any]]:
        turns, _ = SCRIPTS[scripts[sid]]
        if state is None:
            return [{"session": sid, "start": {"date": DATE, "lang": lang_of(scripts[sid])}}] + [
                {"session": sid, "answer": answer} for _, answer in turns]
        done = len(turns) if state[1] is None else [q for q, _ in turns].index(state[1])
        return [{"session": sid, "answer": answer} for _, answer in turns[done:]]

    waiting = ForkedServe(url)  # the next process starts while the current one works
    for _ in range(kills):
        peer, waiting = waiting, ForkedServe(url)
        queues = [remaining(sid, state) for sid, state in where(peer).items()]
        lines = [line for group in zip(*[q + [None] * (max(map(len, queues)) - len(q)) for q in queues])
                 for line in group if line is not None][:10]  # interleaved sessions; some left for later
        assert lines, "every conversation ended before the last kill"
        target = rng.randint(0, len(lines) - 1)

        def write(peer: ServeProcess = peer, lines: list[dict[str, Any]] = lines) -> None:
            try:
                peer.send(*lines)
            except OSError:  # killed before reading it all: expected
                pass

        threading.Thread(target=write, daemon=True).start()
        for _ in range(target):
            reply = peer.receive()
            assert reply["ok"], reply
            acked[reply["session"]] = (reply["turn"], reply["question"]["id"] if reply["question"] else None)
        peer.kill()  # while turns are still coming in

    final = waiting
    for sid, state in where(final).items():
        for line in remaining(sid, state):
            assert final.request(line)["ok"]
        reply = final.request({"session": sid, "command": "summary"})
        assert reply["assessment"] == SCRIPTS[scripts[sid]][1], sid
    assert final.close() == ""


def test_sigkill_at_random_points_loses_no_acknowledged_turn(pg_url: str) -> None:
    failures: list[BaseException] = []

    def chain(n: int) -> None:
        try:
            kill_chain(pg_url, f"k{n}-", KILLS // CHAINS, seed=15 + n)
        except BaseException as error:
            failures.append(error)

    in_parallel(*((chain, n) for n in range(CHAINS)))
    if failures:
        raise failures[0]


def test_a_database_restart_mid_stream_gives_store_errors_then_service_resumes(
        postgres_server: PostgresServer, pg_url: str) -> None:
    """Two serve processes stream turns; the server stops, then starts again. Turns in the
    outage get `store_error`; nothing acknowledged is lost; the same processes serve again
    within 15 s; what they log is one line per failure, never a traceback or an answer.

    Each session alternates "answer the first question" (even turns) and "back" (odd
    turns), each with the `turn` it expects, so the stream has no end and a turn that
    failed but had in fact committed shows up as `stale_turn` with the stored turn."""
    url = pg_url + "&pool_timeout=1"
    peers = [ForkedServe(url) for _ in range(2)]
    sessions = [f"r{n}" for n in range(6)]
    acked = {sid: 0 for sid in sessions}  # the stored turn as last acknowledged
    outcome: dict[str, int] = {"ok": 0, "store_error": 0, "stale_turn": 0}
    for n, sid in enumerate(sessions):
        assert peers[n % 2].request({"session": sid, "start": {"date": DATE, "lang": lang_of(n)}})["ok"]

    refused = [0, 0]  # store errors per process
    replied = threading.Condition()  # notified at every reply: the test waits on what they say

    def stream(number: int, peer: ServeProcess, mine: list[str], stop: threading.Event) -> None:
        while not stop.is_set():
            for sid in mine:
                turn = acked[sid]
                step: dict[str, Any] = {"answer": "private_employee"} if turn % 2 == 0 else {"command": "back"}
                reply = peer.request({"session": sid, "turn": turn, **step})
                code = "ok" if reply["ok"] else reply["error"]["code"]
                with replied:
                    outcome[code] = outcome.get(code, 0) + 1
                    refused[number] += code == "store_error"
                    if code in ("ok", "stale_turn"):
                        assert reply["turn"] == turn + 1, reply  # only ever one turn ahead of what we saw
                        acked[sid] = reply["turn"]
                    replied.notify_all()
            time.sleep(0.005)

    def until(holds: Any, timeout: float = 15) -> bool:
        with replied:
            return replied.wait_for(holds, timeout)

    stop = threading.Event()
    writers = [threading.Thread(target=stream, args=(i, peer, sessions[i::2], stop)) for i, peer in enumerate(peers)]
    for writer in writers:
        writer.start()
    assert until(lambda: all(turn >= 2 for turn in acked.values())), "no turns before the outage"
    before = dict(acked)
    postgres_server.stop()  # fast shutdown: every connection is cut
    # each process has turns refused (after pool_timeout)
    assert until(lambda: all(refused)), f"not every process had a turn refused in the outage: {refused}"
    failed_in_outage = outcome["store_error"]
    after_outage = outcome["ok"]
    postgres_server.start()
    back = time.monotonic()
    until(lambda: outcome["ok"] >= after_outage + 4 * len(sessions))
    resumed_after = time.monotonic() - back
    stop.set()
    for writer in writers:
        writer.join(timeout=60)
    assert set(outcome) <= {"ok", "store_error", "stale_turn"}, outcome
    assert failed_in_outage > 0, "no turn was tried during the outage"
    assert resumed_after < 15, "the processes did not serve again within 15 s"
    assert all(acked[sid] >= before[sid] for sid in sessions)

    for log in (peer.close() for peer in peers):
        lines = log.splitlines()
        assert lines and all(line.startswith("store error: ") for line in lines), log[:2000]
        assert "Traceback" not in log and "private_employee" not in log
    assert {sid: turn for sid, turn in stored_turns(pg_url).items()} == acked  # nothing acknowledged lost
    print(f"outage: {outcome}, served again {resumed_after:.1f} s after the server was back")


def web_workers(url: str) -> tuple[subprocess.Popen[bytes], str]:
    """`cpf-bot web --workers 2` on the database, on a free port of 127.0.0.1, once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "bot", "web", "--store", url, "--port", str(port),
                                "--workers", "2", "--rate-limit", "0"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.02)
    process.kill()
    raise AssertionError("cpf-bot web did not start")


def test_serve_processes_and_two_web_workers_share_one_database(pg_url: str) -> None:
    serves = [ServeProcess(pg_url) for _ in range(2)]
    process, base = web_workers(pg_url)
    ids: dict[str, str] = {}
    webs = [WebPeer(base, ids), WebPeer(base, ids)]  # each request a new connection: either worker
    try:
        failures: list[str] = []

        def group(prefix: str, mine: list[Peer], count: int = len(SCRIPTS) // 2) -> None:
            for n in range(count):
                converse(mine, f"{prefix}{n}", SCRIPTS[n], lang_of(n), DATE, failures)

        named = [NamedPeer(peer, ids) for peer in serves]
        in_parallel((group, "web-", webs), (group, "mixed-", [webs[0], named[0], webs[1], named[1]]),
                    (group, "serve-", serves))
        assert failures == []
        turns, _ = SCRIPTS[0]
        for round in range(3):
            sid = f"wrace{round}"
            assert webs[0].request({"session": sid, "start": {"date": DATE, "lang": "fr"}})["ok"]
            for n, (_, answer) in enumerate(turns[:3]):
                replies = race([*named, *webs], {"session": sid, "answer": answer, "turn": n})
                codes = sorted(r.get("error", {}).get("code", "ok") for r in replies)
                assert codes == ["ok"] + ["stale_turn"] * 3, codes
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert [peer.close() for peer in serves] == ["", ""]
    stored = stored_turns(pg_url)
    assert all(stored[ids[f"mixed-{n}"]] == len(SCRIPTS[n][0]) for n in range(len(SCRIPTS) // 2))
    assert all(stored[ids[f"wrace{r}"]] == 3 for r in range(3))
