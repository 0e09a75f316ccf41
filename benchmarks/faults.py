"""A fault run of `cpf-bot serve`: SIGKILL at random points, hostile lines, two processes.

    python benchmarks/faults.py              # 45 kills, 2 processes sharing the store
    python benchmarks/faults.py --short      # CI: 3 kills

Each round starts `serve` processes on one SQLite store, streams turns (language
switches, which always count one `turn`) on many sessions with hostile lines in between,
reads a random number of replies, then SIGKILLs the processes while turns are in flight.
A fresh process then reads every session's `turn`: it must be at least the number of
turns that were acknowledged (a reply with ok: true). Prints the rounds, the turns
acknowledged, the hostile lines refused, the turns lost (must be 0) and the peak memory
of one serve process. Exits 1 if anything was lost or a hostile line was not refused.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["{]", "[" * 5000, '{"session": "x", "say": "\\u001b[2J"}', '{"session": 1}', "\xff", '{"session": "a", "session": "b", "start": {}}',
           '{"session": "s0", "answer": 10e400}', '{"session": "s0", "command": "fly"}', "x" * 70_000]


def serve(store: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bot", "serve", "--store", str(store)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def send(process: subprocess.Popen[bytes], lines: list[str]) -> None:
    stdin: IO[bytes] | None = process.stdin
    assert stdin is not None
    try:
        for line in lines:
            stdin.write(line.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
    except (BrokenPipeError, OSError):
        pass  # killed before it read everything: expected


def round_of(store: Path, processes: int, sessions: list[str], rng: random.Random) -> tuple[dict[str, int], int, int]:
    """One round: the acknowledged turns per session, the hostile lines refused, sent."""
    acknowledged = {sid: 0 for sid in sessions}
    refused = sent = 0
    procs = [serve(store) for _ in range(processes)]
    readers = []
    results: list[list[dict[str, Any]]] = [[] for _ in procs]
    stop_after = [rng.randint(20, 280) for _ in procs]  # every line gets a reply: 300 in all
    for k, proc in enumerate(procs):
        lines: list[str] = []
        for _ in range(300):
            if rng.random() < 0.1:
                lines.append(rng.choice(HOSTILE))
                sent += 1
            else:
                sid = rng.choice(sessions)
                lines.append(json.dumps({"session": sid, "command": rng.choice(["lang:en", "lang:fr"])}))
        threading.Thread(target=send, args=(proc, lines), daemon=True).start()

        def read(k: int = k, proc: subprocess.Popen[bytes] = proc) -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                results[k].append(json.loads(line))
                if len(results[k]) >= stop_after[k]:
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        readers.append(reader)
    for reader in readers:
        reader.join(timeout=30)
    for proc in procs:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    for replies in results:
        for reply in replies:
            if reply["ok"]:
                acknowledged[reply["session"]] += 1
            elif reply["error"]["code"] != "unknown_session":
                refused += 1
    return acknowledged, refused, sent


def turns_now(store: Path, sessions: list[str]) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-m", "bot", "serve", "--store", str(store)], cwd=ROOT,
                          input="".join(json.dumps({"session": sid, "command": "summary"}) + "\n" for sid in sessions),
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    return {reply["session"]: reply["turn"] for reply in map(json.loads, done.stdout.splitlines())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="a quick run for CI")
    parser.add_argument("--kills", type=int, help="rounds, each ending in SIGKILL (default 45)")
    args = parser.parse_args(argv)
    rounds = args.kills or (3 if args.short else 45)
    rng = random.Random(7)
    sessions = [f"s{n}" for n in range(30)]
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "faults.sqlite3"
        subprocess.run([sys.executable, "-m", "bot", "serve", "--store", str(store)], cwd=ROOT, check=True,
                       input="".join(json.dumps({"session": sid, "start": {"date": "2026-06-01"}}) + "\n" for sid in sessions),
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        expected = {sid: 0 for sid in sessions}
        refused = sent = 0
        for _ in range(rounds):
            acknowledged, round_refused, round_sent = round_of(store, 2, sessions, rng)
            refused, sent = refused + round_refused, sent + round_sent
            for sid, count in acknowledged.items():
                expected[sid] += count
            now = turns_now(store, sessions)
            lost = sum(max(0, expected[sid] - now[sid]) for sid in sessions)
            if lost:
                print(f"LOST {lost} acknowledged turns", file=sys.stderr)
                return 1
            expected = now  # unacknowledged turns that were committed count from here on
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{rounds} rounds, each ending in SIGKILL of 2 serve processes sharing one store: "
          f"turns lost 0; hostile lines sent {sent}, refused {refused}; "
          f"peak memory of one serve process {peak / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
