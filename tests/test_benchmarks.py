"""The benchmarks script runs and prints every row of the table (timings are never checked
here: the machine running the tests is shared; `--check` is for CI, on ratios only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = ("line mode, first question and exit", "terminal on a pty, first question", "`cpf-bot assess`, one situation",
        "a turn through the API", "a `serve` turn, file store", "replay, steady state")


def test_the_benchmarks_run_in_short_mode() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--short", "--runs", "1",
                           "--sessions", "200", "--turns", "20"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for row in ROWS:
        assert any(line.startswith(f"| {row}") for line in lines), (row, done.stdout)
    assert "| what | figure | floor | ratio | goal |" in lines
