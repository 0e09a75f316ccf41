"""How many scripted dialogues `cpf-bot replay` runs a second (the tests/dialogs corpus).

    python benchmarks/replay_speed.py [ROUNDS]

Parses the corpus once, warms the shared engine up, then replays every dialogue ROUNDS
times (default 20) and prints dialogues per second and turns per second.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from bot.dialogue.engine import cpf_engine as shared_engine
from bot.scripted.replay import replay
from bot.scripted.script import Type, read

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "dialogs"


def main(rounds: int) -> None:
    scripts = [read(path) for path in sorted(CORPUS.rglob("*.dialog"))]
    turns = sum(1 for script in scripts for step in script.steps if isinstance(step, Type))
    engine = shared_engine()
    today = date.today()
    for script in scripts:  # warm-up: catalogs, translators, the machine
        assert not replay(script, today, engine), script.path
    start = time.perf_counter()
    for _ in range(rounds):
        for script in scripts:
            replay(script, today, engine)
    elapsed = time.perf_counter() - start
    count = rounds * len(scripts)
    print(f"{len(scripts)} dialogues ({turns} turns) x {rounds} rounds in {elapsed:.2f} s: "
          f"{count / elapsed:.0f} dialogues/s, {rounds * turns / elapsed:.0f} turns/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
