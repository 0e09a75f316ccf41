"""Benchmark of the session stores: PostgreSQL side by side with SQLite, in the same run.

    python benchmarks/stores.py                  # 1, 2, 4 processes; 200 vs 200,000 stored sessions
    python benchmarks/stores.py --short          # CI: 1 and 2 processes; 50 vs 1,000 sessions
    python benchmarks/stores.py --postgresql URL # an existing (empty, throwaway) database instead

Without `--postgresql`, a throwaway PostgreSQL server is started in a temporary folder (as
the tests do: tests/pgserver.py) and removed at the end. It is measured with the server's
default durability (fsync on: a COMMIT waits for the disk) and, in the full run, also with
fsync off, the durability of SQLite as `serve` runs it (WAL, synchronous=NORMAL: a turn
survives any process crash, not a power cut).

A turn is a whole request line through `bot.channels.protocol.Server` on the store: JSON
parsing, the store transaction (lock the session, read, step, write, commit) and the
rendering of the reply, alternating "answer the age" and "back" on sessions picked at
random, so every measured turn does the same work (as benchmarks/sessions.py does).

Printed: committed turns/s with 1, 2 and 4 processes at once (each on its own sessions, all
in one store), for each store; and the cost of a turn with few and with many stored
sessions, one process, with the ratio. Exits 1 only if something is broken (a refused turn,
a wrong question, a lost session), never because of timings.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's bot
sys.path.insert(0, str(ROOT / "tests"))  # the throwaway PostgreSQL server of the tests

from bot.stores import Store, open_store  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_sessions", Path(__file__).with_name("sessions.py"))
assert _spec is not None and _spec.loader is not None
base: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)
Broken = base.Broken


def worker(url: str, first: int, count: int, turns: int, seed: int) -> int:
    """One process of a throughput run: warms up, says "ready", waits for "go", runs its
    turns on sessions first … first + count - 1, prints its seconds."""
    with open_store(url) as store:
        server = base.serving(store)
        ids = [f"session-{n:06d}" for n in range(first, first + count)]
        base.run_turns(server, ids, min(turns, 100), seed=seed + 1000)  # warm up
        print("ready", flush=True)
        sys.stdin.readline()
        seconds = base.run_turns(server, ids, turns, seed=seed)
        print(seconds, flush=True)
    return 0


def throughput(url: str, processes: int, per_process: int, turns: int) -> float:
    """Turns/s of `processes` processes at once, each `turns` turns on its own sessions."""
    workers = [subprocess.Popen([sys.executable, __file__, "--worker", url, str(n * per_process), str(per_process),
                                 str(turns), str(n)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for n in range(processes)]
    for w in workers:
        assert w.stdout is not None
        if w.stdout.readline().strip() != "ready":
            raise Broken(f"a worker failed to start (exit {w.wait()})")
    began = time.perf_counter()
    for w in workers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in workers:
        assert w.stdout is not None
        line = w.stdout.readline()
        if w.wait() != 0 or not line.strip():
            raise Broken(f"a worker failed (exit {w.returncode})")
    return processes * turns / (time.perf_counter() - began)


def fill(store: Store, count: int) -> None:
    server = base.serving(store)
    session = base.template(server)
    store.put_many((f"session-{n:06d}", session) for n in range(count))
    if store.count() != count + 1:
        raise Broken(f"{store.count()} sessions stored, expected {count + 1}")


def per_turn(server: Any, size: int, turns: int, seed: int) -> float:
    """Seconds a turn costs with `size` stored sessions (already filled), one process."""
    ids = [f"session-{n:06d}" for n in range(size)]
    seconds: float = base.run_turns(server, ids, turns, seed=seed)
    return seconds / turns


def run(urls: dict[str, Any], process_counts: list[int], per_process: int, turns: int, sizes: tuple[int, int],
        size_turns: int, before: dict[str, Any], rounds: int) -> None:
    """`urls`: store name -> a function giving the URL of a new empty store of that kind;
    `before`: store name -> what to do before measuring it (a server setting). Each figure
    is the best of `rounds` (the machine may be busy with other work), and the two sizes
    are measured in turn, round after round, so that a busy moment hits both alike."""
    print(f"committed turns/s, {turns} turns per process, each process on its own {per_process} sessions, "
          f"best of {rounds}:")
    rates: dict[str, list[float]] = {}
    for name, new_url in urls.items():
        before.get(name, lambda: None)()
        url = new_url()
        with open_store(url) as store:
            fill(store, per_process * max(process_counts))
        rates[name] = [max(throughput(url, n, per_process, turns) for _ in range(rounds)) for n in process_counts]
    print(f"  {'processes':>10} " + " ".join(f"{name:>12}" for name in rates))
    for i, n in enumerate(process_counts):
        print(f"  {n:>10} " + " ".join(f"{rates[name][i]:12.0f}" for name in rates))
    for name, values in rates.items():
        print(f"  {name}: {process_counts[-1]} processes vs 1: ×{values[-1] / values[0]:.2f}")
    print(f"cost of a turn, one process, {size_turns} turns, {sizes[0]:,} vs {sizes[1]:,} stored sessions, "
          f"best of {rounds}:")
    for name, new_url in urls.items():
        before.get(name, lambda: None)()
        stores, servers, loaded = [], [], []
        try:
            for size in sizes:
                stores.append(open_store(new_url()))
                began = time.perf_counter()
                fill(stores[-1], size)
                loaded.append(time.perf_counter() - began)
                servers.append(base.serving(stores[-1]))
                per_turn(servers[-1], size, min(size_turns, 400), seed=0)  # warm up: caches, first touches
            costs = [float("inf")] * len(sizes)
            for round in range(rounds):
                for i, size in enumerate(sizes):
                    costs[i] = min(costs[i], per_turn(servers[i], size, size_turns, seed=round + 1))
            for store, size in zip(stores, sizes):
                if store.count() != size + 1:
                    raise Broken(f"{name}: {store.count()} sessions stored, expected {size + 1}")
        finally:
            for store in stores:
                store.close()
        for size, cost, seconds in zip(sizes, costs, loaded):
            print(f"  {name} {size:>7,} sessions: {cost * 1e6:6.0f} µs/turn ({1 / cost:5.0f} turns/s; "
                  f"loaded in {seconds:.1f} s)")
        print(f"  {name}: cost of a turn, {sizes[1]:,} vs {sizes[0]:,} sessions: ratio {costs[1] / costs[0]:.2f}")


def set_fsync(url: str, on: bool) -> None:
    """Switches the (throwaway) server's fsync setting, which takes effect at a reload."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"ALTER SYSTEM SET fsync = {'on' if on else 'off'}")
        db.execute("SELECT pg_reload_conf()")
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="a quick run for CI")
    parser.add_argument("--postgresql", metavar="URL", help="an existing empty database (default: a throwaway server)")
    parser.add_argument("--turns", type=int, help="turns per process in the throughput runs (default 3000)")
    parser.add_argument("--rounds", type=int, help="measurements of each figure, the best is kept (default 3)")
    parser.add_argument("--worker", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        url, first, count, turns, seed = args.worker
        return worker(url, int(first), int(count), int(turns), int(seed))
    counts = [1, 2] if args.short else [1, 2, 4]
    turns = args.turns or (60 if args.short else 2000)
    sizes = (50, 1000) if args.short else (200, 200_000)
    size_turns = 100 if args.short else 2000
    rounds = args.rounds or (1 if args.short else 3)
    server = None
    try:
        with tempfile.TemporaryDirectory() as folder:
            made = [0]

            def sqlite_url() -> str:
                made[0] += 1
                return str(Path(folder) / f"s{made[0]}.sqlite3")

            if args.postgresql:
                pg_base = args.postgresql
            else:
                from pgserver import INSTALL_HINT, PostgresServer, find_bindir

                bindir = find_bindir()
                if bindir is None:
                    print(f"no PostgreSQL server: {INSTALL_HINT}", file=sys.stderr)
                    return 2
                server = PostgresServer(bindir, settings=()).start()
                pg_base = server.url("postgres")
                print(f"throwaway PostgreSQL server on 127.0.0.1:{server.port} (default settings: fsync on)")

            def pg_url() -> str:
                import psycopg

                from bot.stores.postgresql import split_url

                made[0] += 1
                schema = f"bench_{os.getpid()}_{made[0]}"
                with psycopg.connect(split_url(pg_base)[0], autocommit=True) as db:
                    db.execute(f'CREATE SCHEMA "{schema}"')
                joiner = "&" if "?" in pg_base else "?"
                return f"{pg_base}{joiner}options=-csearch_path%3D{schema}"

            stores = {"postgresql": pg_url, "sqlite": sqlite_url}
            before = {}
            if server is not None and not args.short:
                # The same server with fsync off: the durability of SQLite's synchronous=NORMAL
                # (an acknowledged turn survives any process crash, not an OS crash or power cut).
                stores = {"postgresql": pg_url, "pg fsync=off": pg_url, "sqlite": sqlite_url}
                before = {"postgresql": lambda: set_fsync(pg_base, True),
                          "pg fsync=off": lambda: set_fsync(pg_base, False)}
            print(f"{os.cpu_count()} cores")
            run(stores, counts, 250, turns, sizes, size_turns, before, rounds)
    except Broken as error:
        print(f"BROKEN: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
