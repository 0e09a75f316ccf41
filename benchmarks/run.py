"""Every performance figure of the project beside the floor it is compared with, in one run.

    python benchmarks/run.py            # the full run (about a minute on a quiet machine)
    python benchmarks/run.py --short    # a few seconds: fewer runs, a smaller store
    python benchmarks/run.py --check    # exit 1 when a ratio is over twice its goal, three times

Each row times the product and its floor side by side, interleaved (product, floor,
product, floor, ...), so both see the same machine load; it prints the median of each
and the median of the paired ratios. The ratios are the figures that hold on a shared,
noisy machine: absolute times are shown for reading, never checked. With `--check`, a
group of rows with a ratio over twice its goal is measured again, twice: it fails only if
that row is over in all three runs (a passing load spike is not a regression; a slower
product is slower every time).

Rows:
- line mode: `python -m bot` with standard input at its end (first question, goodbye,
  exit), against a bare interpreter importing transitions, babel.numbers and babel.support.
- terminal: `python -m bot` on a pseudo-terminal until prompt-toolkit waits for keys,
  against importing the libraries the terminal uses (rich, prompt_toolkit, transitions,
  babel) until the interpreter says it is done (neither is timed through its exit).
- assess: `python -m bot assess` of one situation, against the line-mode floor.
- API turn: `Conversation.answer` / `.command("back")` in turn, against one rules
  `assess` of the same answers plus one `transitions` trigger on a two-state machine.
- serve turn: a request line through `protocol.Server` on a SQLite store file (WAL) with
  many live sessions, to the response line, against an API turn then one committed SQLite
  transaction (one row updated in a table of as many rows, same data, same pragmas), the
  two one after the other at each turn, as serve does them.
- replay: scripted dialogues of tests/dialogs per second, steady state (no floor: an
  absolute throughput is shown, never checked).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import random
import select
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's bot, here and in the child processes

DATE = "2026-06-01"
SITUATION = b'{"status": "private_employee", "working_time": "under_half", "annual_hours": 700}'
LINE_FLOOR = "import transitions, babel.numbers, babel.support"
TERMINAL_FLOOR = ("import rich.console, rich.panel, rich.table, rich.theme, rich.text, prompt_toolkit, "
                  "prompt_toolkit.completion, prompt_toolkit.history, prompt_toolkit.validation, "
                  "transitions, babel.numbers, babel.dates, babel.support")
PROMPT_READY = b"\x1b[?2004h"  # prompt-toolkit waits for keys


@dataclass
class Row:
    name: str
    figure: float  # seconds (or dialogues/s for a throughput)
    floor: float | None
    ratio: float | None
    goal: float  # the ratio to stay under (or the throughput to reach)
    unit: str  # "ms", "µs" or "/s"
    floor_name: str = ""

    @property
    def gross(self) -> bool:
        """Over twice its goal: what --check fails on (ratios only, never absolute times)."""
        return self.ratio is not None and self.ratio > 2 * self.goal


def _env() -> dict[str, str]:
    """The children's environment: this checkout first on the path, French, a plain
    terminal, and bytecode caching on (as an installed package has its .pyc files)."""
    path = os.environ.get("PYTHONPATH")
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""),
            "LANG": "fr_FR.UTF-8", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": ""}


def _run(args: list[str], stdin: bytes | None, expect: bytes, cwd: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, env=_env(), cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or expect not in done.stdout:
        raise RuntimeError(f"{args}: status {done.returncode}, {done.stdout[-300:]!r} {done.stderr[-300:]!r}")
    return elapsed


def _on_a_terminal(cwd: str) -> float:
    master, slave = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "bot", "--lang", "fr", "--date", DATE], stdin=slave,
                               stdout=slave, stderr=slave, env=_env(), cwd=cwd, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while PROMPT_READY not in seen:
            ready, _, _ = select.select([master], [], [], 20)
            if not ready:
                raise RuntimeError(f"no prompt after 20 s: {seen[-300:]!r}")
            seen += os.read(master, 65536)
        elapsed = time.perf_counter() - start
    finally:
        process.kill()
        process.wait()
        os.close(master)
    if "Quelle est votre situation".encode() not in seen:
        raise RuntimeError("the first question was not shown")
    return elapsed


def _until_ready(code: str, cwd: str) -> float:
    """A bare interpreter running `code`, timed until it says so (then killed, like the
    terminal run: neither pays for the interpreter's shutdown)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", f"{code}\nprint('READY', flush=True)\nimport time\ntime.sleep(60)"],
                               stdout=subprocess.PIPE, env=_env(), cwd=cwd)
    try:
        assert process.stdout is not None
        if process.stdout.readline() != b"READY\n":
            raise RuntimeError(f"{code!r} did not run")
        return time.perf_counter() - start
    finally:
        process.kill()
        process.wait()


def paired(figure: Callable[[], float], floor: Callable[[], float], runs: int) -> tuple[float, float, float]:
    """Medians of `figure` and `floor` timed alternately (which goes first alternates too),
    and the median of their paired ratios. With more than one run, a first untimed pair
    warms the file cache (and compiles what is compiled on first use)."""
    if runs > 1:
        figure(), floor()
    figures, floors = [], []
    for i in range(runs):
        if i % 2:
            b = floor()
            a = figure()
        else:
            a = figure()
            b = floor()
        figures.append(a)
        floors.append(b)
    ratios = [a / b for a, b in zip(figures, floors)]
    return statistics.median(figures), statistics.median(floors), statistics.median(ratios)


def startup_rows(runs: int) -> list[Row]:
    python = sys.executable
    with tempfile.TemporaryDirectory() as cwd:  # not the checkout: nothing found by accident
        line_floor = lambda: _run([python, "-c", LINE_FLOOR], None, b"", cwd)  # noqa: E731
        line = lambda: _run([python, "-m", "bot", "--lang", "fr", "--date", DATE], None,  # noqa: E731
                            "Quelle est votre situation".encode(), cwd)
        assess = lambda: _run([python, "-m", "bot", "assess", "--date", "2025-06-01"], SITUATION,  # noqa: E731
                              b'"annual_credit"', cwd)
        terminal_floor = lambda: _until_ready(TERMINAL_FLOOR, cwd)  # noqa: E731
        rows = []
        fig, flo, ratio = paired(line, line_floor, runs)
        rows.append(Row("line mode, first question and exit", fig, flo, ratio, 1.5, "ms", "import transitions, babel"))
        fig, flo, ratio = paired(lambda: _on_a_terminal(cwd), terminal_floor, runs)
        rows.append(Row("terminal on a pty, first question", fig, flo, ratio, 1.2, "ms",
                        "import rich, prompt_toolkit, transitions, babel"))
        fig, flo, ratio = paired(assess, line_floor, runs)
        rows.append(Row("`cpf-bot assess`, one situation", fig, flo, ratio, 1.5, "ms", "import transitions, babel"))
    return rows


# -- in-process rows --------------------------------------------------------------


def blocks(figure: Callable[[int], float], floor: Callable[[int], float], size: int,
           rounds: int) -> tuple[float, float, float]:
    """Per-operation medians of blocks of `size` operations timed alternately, and the
    median of the paired ratios."""
    figure(size), floor(size)  # warm-up
    figures, floors = [], []
    for i in range(rounds):
        if i % 2:
            b = floor(size) / size
            a = figure(size) / size
        else:
            a = figure(size) / size
            b = floor(size) / size
        figures.append(a)
        floors.append(b)
    ratios = [a / b for a, b in zip(figures, floors)]
    return statistics.median(figures), statistics.median(floors), statistics.median(ratios)


def api_turns(then: Callable[[int], Callable[[int], None]] | None = None) -> Callable[[int], float]:
    """`count` turns through the Python API: answer the age, then back, and again. `then`,
    if given, makes (untimed) what runs after each turn, timed with it: `then(count)(i)`."""
    import bot

    chat = bot.start(lang="fr", date=DATE, known={"status": "private_employee"})
    assert chat.question is not None and chat.question["id"] == "age", chat.question

    def run(count: int) -> float:
        after = then(count) if then is not None else None
        start = time.perf_counter()
        for i in range(count):
            reply = chat.answer(40) if i % 2 == 0 else chat.command("back")
            if after is not None:
                after(i)
            if not reply["ok"]:
                raise RuntimeError(reply)
        elapsed = time.perf_counter() - start
        if count % 2:
            chat.command("back")
        return elapsed

    return run


def assess_and_trigger() -> Callable[[int], float]:
    """The floor of a turn: one rules `assess` of the answers after the turn, and one
    `transitions` trigger on a model."""
    from transitions import Machine

    from bot.rules import assess

    class Model:
        pass

    model = Model()
    Machine(model=model, states=["age", "working_time"], initial="age", auto_transitions=False,
            transitions=[{"trigger": "advance", "source": "age", "dest": "working_time"},
                         {"trigger": "revisit", "source": "working_time", "dest": "age"}])
    answers = {"status": "private_employee", "age": 40}
    on = date.fromisoformat(DATE)

    def run(count: int) -> float:
        start = time.perf_counter()
        for i in range(count):
            assess(answers, on)
            model.trigger("advance" if i % 2 == 0 else "revisit")
        elapsed = time.perf_counter() - start
        if count % 2:
            model.trigger("revisit")
        return elapsed

    return run


def serve_turns(folder: Path, sessions: int) -> tuple[Callable[[int], float], Any, str]:
    """`count` request lines through the serve protocol on a SQLite store of `sessions` live sessions."""
    from bot.channels.protocol import Server, response_line
    from bot.dialogue.engine import cpf_engine
    from bot.dialogue.session import evolve
    from bot.service.stored import StoredConversations
    from bot.stores.base import encode_row
    from bot.stores.sqlite import SqliteStore

    store = SqliteStore(folder / "sessions.sqlite3")
    server = Server(StoredConversations(store, cpf_engine(), "fr"))
    for request in ({"session": "template", "start": {"lang": "fr", "date": DATE}},
                    {"session": "template", "answer": "private_employee"}):
        if not server.handle(request)["ok"]:
            raise RuntimeError(request)
    template = server.conversations.read("template")
    ids = [f"session-{n:06d}" for n in range(sessions)]
    # Each row its own text, as real sessions' rows are (here their turn counts differ): a row
    # shared by every session would be read from the cache of rows this process wrote at
    # every turn, never decoded.
    store.put_many([(sid, evolve(template, turn=template.turn + n)) for n, sid in enumerate(ids)])
    rng = random.Random(1)
    answer = [json.dumps({"session": sid, "answer": 40}) for sid in ids]
    back = [json.dumps({"session": sid, "command": "back"}) for sid in ids]

    def run(count: int) -> float:
        picks = [rng.randrange(sessions) for _ in range((count + 1) // 2)]
        lines = [line for n in picks for line in (answer[n], back[n])][:count]
        start = time.perf_counter()
        for line in lines:
            response = server.handle_line(line)
            response_line(response)  # the line `serve` writes
            if not response["ok"]:
                raise RuntimeError(line)
        elapsed = time.perf_counter() - start
        if count % 2:
            server.handle_line(back[picks[-1]])
        return elapsed

    return run, store, encode_row(template)


def transactions(folder: Path, sessions: int, data: str) -> tuple[Callable[[int], Callable[[int], None]], sqlite3.Connection]:
    """For `count` turns, a committed transaction at each (`prepare(count)(i)`), changing one
    row of a table of `sessions` rows to a text of the same length that differs (SQLite
    writes nothing for an unchanged row)."""
    db = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")  # the store's pragmas
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO sessions VALUES (?, ?)", ((f"session-{n:06d}", data) for n in range(sessions)))
    db.execute("COMMIT")
    rng = random.Random(2)
    written = [0]

    def prepare(count: int) -> Callable[[int], None]:
        picks = [f"session-{rng.randrange(sessions):06d}" for _ in range(count)]
        texts = [f"{data[:-9]}{n % 10**9:09d}" for n in range(written[0], written[0] + count)]
        written[0] += count

        def transaction(i: int) -> None:
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE sessions SET data = ? WHERE id = ?", (texts[i], picks[i]))
            db.execute("COMMIT")

        return transaction

    return prepare, db


def turn_rows(size: int, rounds: int, sessions: int) -> list[Row]:
    api, floor = api_turns(), assess_and_trigger()
    api_turn, turn_floor, ratio = blocks(api, floor, size, rounds)
    rows = [Row("a turn through the API", api_turn, turn_floor, ratio, 2.0, "µs", "assess + transitions trigger")]
    with tempfile.TemporaryDirectory() as folder:
        serve, store, data = serve_turns(Path(folder), sessions)
        # The floor: an API turn then one committed transaction, at each turn, as serve does
        # both. (Timed in two loops of their own, each would have the processor's caches to
        # itself, which no serve turn has: their sum is about a third lower.)
        transaction, db = transactions(Path(folder), sessions, data)
        serve_turn, serve_floor, ratio = blocks(serve, api_turns(then=transaction), size, rounds)
        store.close()
        db.close()
    rows.append(Row(f"a `serve` turn, file store, {sessions:,} sessions", serve_turn, serve_floor, ratio, 1.3, "µs",
                    "API turn then one SQLite transaction"))
    return rows


def replay_row(rounds: int) -> Row:
    from bot.dialogue.engine import cpf_engine
    from bot.scripted.replay import replay
    from bot.scripted.script import read

    scripts = [read(path) for path in sorted((ROOT / "tests" / "dialogs").rglob("*.dialog"))]
    engine = cpf_engine()
    today = date.today()
    for script in scripts:  # warm-up, and every dialogue must pass
        if replay(script, today, engine):
            raise RuntimeError(f"{script.path} fails")
    per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        for script in scripts:
            replay(script, today, engine)
        per_round.append(len(scripts) / (time.perf_counter() - start))
    return Row("replay, steady state", statistics.median(per_round), None, None, 1000, "/s")


# -- report -----------------------------------------------------------------------


def _shown(seconds: float, unit: str) -> str:
    if unit == "ms":
        return f"{seconds * 1e3:.0f} ms"
    if unit == "µs":
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds:,.0f} dialogues/s"


def table(rows: list[Row]) -> str:
    lines = ["| what | figure | floor | ratio | goal |", "|---|---|---|---|---|"]
    for r in rows:
        if r.ratio is None:
            lines.append(f"| {r.name} | {_shown(r.figure, r.unit)} | | | ≥ {r.goal:,.0f} |")
        else:
            lines.append(f"| {r.name} | {_shown(r.figure, r.unit)} | {r.floor_name}: "
                         f"{_shown(r.floor or 0, r.unit)} | {r.ratio:.2f}× | ≤ {r.goal:g}× |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="a quick run (CI): fewer runs, a smaller store")
    parser.add_argument("--check", action="store_true", help="exit 1 if a ratio is over twice its goal")
    parser.add_argument("--runs", type=int, help="paired runs of each start-up row (default 15, short 5)")
    parser.add_argument("--sessions", type=int, help="live sessions of the serve row (default 20000, short 2000)")
    parser.add_argument("--turns", type=int, help="turns in a timed block (default 1000, short 200)")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.short else 15)
    sessions = args.sessions or (2000 if args.short else 20000)
    size, rounds = (200, 5) if args.short else (1000, 15)
    size = args.turns or size
    groups: list[Callable[[], list[Row]]] = [lambda: startup_rows(runs), lambda: turn_rows(size, rounds, sessions),
                                             lambda: [replay_row(1 if args.short else 10)]]
    measured = [group() for group in groups]
    print(table([row for rows in measured for row in rows]))
    print(f"\nmedians of {runs} paired runs (start-up) and of {rounds} paired blocks of {size} turns; "
          f"ratios are medians of the paired ratios; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    gross = [row for rows in measured for row in rows if row.gross]
    if args.check:
        gross = confirmed(gross, groups, measured)
    for r in gross:
        print(f"\nGROSS REGRESSION: {r.name}: ratio {r.ratio:.2f}× is over twice its goal ({r.goal:g}×)",
              file=sys.stderr)
    return 1 if args.check and gross else 0


CONFIRMATIONS = 2  # runs more of a group with a gross row before --check fails on it


def confirmed(gross: list[Row], groups: list[Callable[[], list[Row]]], measured: list[list[Row]]) -> list[Row]:
    """The gross rows that stay over twice their goal when their group is measured again."""
    for _ in range(CONFIRMATIONS):
        if not gross:
            break
        names = {row.name for row in gross}
        again = [group() for group, rows in zip(groups, measured) if names & {row.name for row in rows}]
        gross = [row for rows in again for row in rows if row.name in names and row.gross]
        for row in (row for rows in again for row in rows if row.name in names):
            print(f"measured again: {row.name}: {row.ratio:.2f}× (gross over {2 * row.goal:g}×)", file=sys.stderr)
    return gross


if __name__ == "__main__":
    sys.exit(main())
