"""Test doubles for the outside world."""

from __future__ import annotations

import io
from datetime import date

from bot.channels.cli import run
from bot.channels.environment import Environment


def run_cli(*argv: str, stdin: str = "", lang: str = "fr", today: date = date(2026, 11, 23)) -> tuple[int, str, str]:
    """Runs the command line with fake streams; returns (exit code, stdout, stderr)."""
    env = Environment(io.StringIO(stdin), io.StringIO(), io.StringIO(), {"LANG": f"{lang}_FR.UTF-8"}, lambda: today)
    code = run(list(argv), env)
    assert isinstance(env.stdout, io.StringIO) and isinstance(env.stderr, io.StringIO)
    return code, env.stdout.getvalue(), env.stderr.getvalue()
