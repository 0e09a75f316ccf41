"""What a start imports: each command loads what its first reply uses and defers the rest
(start-up time, `benchmarks/run.py`). A module listed here loaded again at start is a
regression: a top-level import that belongs where the module is used."""

from __future__ import annotations

import subprocess
import sys

import pytest

MARK = "--- modules ---"
CHILD = (
    "import runpy, sys\n"
    "sys.argv = ['cpf-bot', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('bot', run_name='__main__', alter_sys=True)\n"
    "except SystemExit:\n"
    "    pass\n"
    f"print({MARK!r}, *sorted(sys.modules), sep='\\n')\n"
)
RULES = ["bot.rules.evaluate", "bot.rules.model", "bot.rules.account", "bot.rules.credit", "bot.rules.trace"]
REFERENCES = ["bot.rules.references", "bot.render.references", "tomllib", "html"]
ELSEWHERE = ["rich", "prompt_toolkit", "sqlite3", "hashlib", "pathlib", "urllib.parse", "bot.stores", "bot.service"]


def loaded(args: list[str], stdin: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", CHILD, *args], input=stdin, capture_output=True, text=True,
                          timeout=60, check=True)
    assert MARK in done.stdout, done.stderr
    return set(done.stdout.split(MARK, 1)[1].split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_question_in_line_mode_runs_no_rules_and_reads_no_input(lang: str) -> None:
    modules = loaded(["--lang", lang, "--date", "2026-06-01"], "")
    assert "bot.channels.line" in modules
    unwanted = [*RULES, *REFERENCES, *ELSEWHERE, "bot.render.assessment", "bot.dialogue.interpret"]
    assert sorted(modules & set(unwanted)) == []


def test_assess_loads_the_rules_but_no_dialogue_and_no_references() -> None:
    modules = loaded(["assess", "--date", "2025-06-01"], '{"status": "private_employee"}')
    assert "bot.rules.evaluate" in modules
    unwanted = [*REFERENCES, *ELSEWHERE, "transitions", "bot.dialogue.engine", "bot.dialogue.definition"]
    assert sorted(modules & set(unwanted)) == []
