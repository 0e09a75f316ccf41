"""Benchmark of `cpf-bot serve`: turns per second with few and with many live sessions.

    python benchmarks/sessions.py            # 200 vs 20,000 live sessions, 4,000 turns each
    python benchmarks/sessions.py --short    # CI: 50 vs 1,000 sessions, a few hundred turns

A turn is a whole request line through `bot.channels.protocol.Server` on a SQLite store file (WAL,
as `serve` runs it): JSON parsing, the store transaction (read, step, write, commit) and
the rendering of the response. Turns alternate "answer the age" and "back" on sessions
picked at random, so every measured turn does the same work. Printed: turns/s at each
size, the ratio of the cost of a turn at the large size to the small one, the bytes a
stored session takes, and the Python memory the server holds per live session.

Exits 1 only if something is broken (a refused turn, a wrong question, a lost session),
never because of timings.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's bot

from bot.channels.protocol import Server  # noqa: E402
from bot.dialogue import codec  # noqa: E402
from bot.dialogue.engine import cpf_engine  # noqa: E402
from bot.dialogue.session import Session  # noqa: E402
from bot.service.stored import StoredConversations  # noqa: E402
from bot.stores.sqlite import SqliteStore as Store  # noqa: E402

DATE = "2026-06-01"


class Broken(Exception):
    pass


def template(server: Server) -> Session:
    """A session waiting at the "age" question, as a person leaves it after one answer."""
    for request in ({"session": "template", "start": {"lang": "fr", "date": DATE}},
                    {"session": "template", "answer": "private_employee"}):
        response = server.handle(request)
        if not response["ok"]:
            raise Broken(f"template: {response}")
    session = server.conversations.read("template")
    assert session is not None and session.state == "age"
    return session


def serving(store: Store) -> Server:
    return Server(StoredConversations(store, cpf_engine(), "fr"))


def populate(store: Store, session: Session, count: int) -> list[str]:
    ids = [f"session-{n:06d}" for n in range(count)]
    store.put_many([(sid, session) for sid in ids])
    return ids


def run_turns(server: Server, ids: list[str], turns: int, seed: int = 1) -> float:
    """Seconds for `turns` turns (answer, then back, on random sessions); checks every reply."""
    rng = random.Random(seed)
    picks = [rng.choice(ids) for _ in range(turns // 2)]
    lines = []
    for sid in picks:
        lines.append((json.dumps({"session": sid, "answer": 40}), "working_time"))
        lines.append((json.dumps({"session": sid, "command": "back"}), "age"))
    began = time.perf_counter()
    for line, expected in lines:
        response = server.handle_line(line)
        if not response["ok"] or response["question"]["id"] != expected:
            raise Broken(f"{line} -> {response}")
    return time.perf_counter() - began


def store_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def measure(size: int, turns: int, folder: Path) -> dict[str, float]:
    path = folder / f"sessions-{size}.sqlite3"
    with Store(path) as store:
        server = serving(store)
        ids = populate(store, template(server), size)
        run_turns(server, ids, min(turns, 400), seed=0)  # warm up: caches, first touches
        seconds = run_turns(server, ids, turns)
        if store.count() != size + 1:
            raise Broken(f"{store.count()} sessions stored, expected {size + 1}")
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        held_turns = min(turns, 1000)
        run_turns(server, ids, held_turns, seed=2)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        checkpoint = sqlite3.connect(path)  # the log folded into the file, as any SQLite tool would
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checkpoint.close()
    return {"size": size, "turns": turns, "seconds": seconds, "per_turn": seconds / turns,
            "bytes_per_session": store_bytes(path) / (size + 1), "held": held, "held_turns": held_turns}


def session_object_bytes(session: Session, count: int = 2000) -> float:
    """tracemalloc bytes of one Session object loaded from its stored form."""
    data = json.dumps(codec.encode(session))
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [codec.decode(json.loads(data)) for _ in range(count)]
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del kept
    return used / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="a quick run for CI")
    parser.add_argument("--small", type=int, help="live sessions of the small run (default 200)")
    parser.add_argument("--large", type=int, help="live sessions of the large run (default 20000)")
    parser.add_argument("--turns", type=int, help="measured turns at each size (default 4000)")
    args = parser.parse_args(argv)
    small = args.small or (50 if args.short else 200)
    large = args.large or (1000 if args.short else 20000)
    turns = args.turns or (300 if args.short else 4000)
    try:
        with tempfile.TemporaryDirectory() as folder:
            results = [measure(size, turns, Path(folder)) for size in (small, large)]
            with Store(Path(folder) / "one.sqlite3") as store:
                per_object = session_object_bytes(template(serving(store)))
    except Broken as error:
        print(f"BROKEN: {error}", file=sys.stderr)
        return 1
    for r in results:
        print(f"{r['size']:>6} live sessions: {r['turns'] / r['seconds']:8.0f} turns/s "
              f"({r['per_turn'] * 1e6:5.0f} µs/turn), {r['bytes_per_session']:4.0f} bytes/session in the store file, "
              f"Python heap kept by the server after {r['held_turns']:,} turns: {r['held'] / 1024:.1f} KiB in all")
    print(f"cost of a turn, {large} vs {small} live sessions: ratio {results[1]['per_turn'] / results[0]['per_turn']:.2f}")
    print(f"one Session object in memory (tracemalloc): {per_object:.0f} bytes; the server keeps none between turns "
          f"(SQLite's page cache is bounded: 2 MiB by default)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
