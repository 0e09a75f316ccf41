"""What a start imports: each command loads what its first reply uses and defers the rest
(start-up time, `benchmarks/run.py`). A module listed here loaded again at start is a
regression: a top-level import that belongs where the module is used. Likewise babel's
data files: the formats read a kept copy of their tables (`bot.i18n.locale_data`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MARK = "--- modules ---"
DATA_MARK = "--- babel data read ---"
CHILD = (
    "import runpy, sys\n"
    "sys.argv = ['cpf-bot', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('bot', run_name='__main__', alter_sys=True)\n"
    "except SystemExit:\n"
    "    pass\n"
    f"print({MARK!r}, *sorted(sys.modules), sep='\\n')\n"
    f"print({DATA_MARK!r})\n"
    "if 'babel.localedata' in sys.modules:  # the locales whose data babel read, and 'global'\n"
    "    from babel import core, localedata\n"
    "    print(*localedata._cache, *(['global'] if core._global_data is not None else []), sep='\\n')\n"
)
RULES = ["bot.rules.evaluate", "bot.rules.model", "bot.rules.account", "bot.rules.credit", "bot.rules.trace",
         "bot.rules.choices"]  # (the enums of the choices: the rules name them, the schema needs none)
REFERENCES = ["bot.rules.references", "bot.render.references", "tomllib", "html"]
ELSEWHERE = ["rich", "prompt_toolkit", "sqlite3", "hashlib", "pathlib", "urllib.parse", "bot.stores", "bot.service"]


def run_child(args: list[str], stdin: str) -> tuple[set[str], set[str]]:
    """The modules a start loaded, and the babel data it read."""
    done = subprocess.run([sys.executable, "-c", CHILD, *args], input=stdin, capture_output=True, text=True,
                          timeout=60, check=True)
    assert MARK in done.stdout, done.stderr
    modules, data = done.stdout.split(MARK, 1)[1].split(DATA_MARK)
    return set(modules.split()), set(data.split())


def loaded(args: list[str], stdin: str) -> set[str]:
    return run_child(args, stdin)[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_question_in_line_mode_runs_no_rules_and_reads_no_input(lang: str) -> None:
    modules = loaded(["--lang", lang, "--date", "2026-06-01"], "")
    assert "bot.channels.line" in modules
    unwanted = [*RULES, *REFERENCES, *ELSEWHERE, "bot.render.assessment", "bot.dialogue.interpret",
                "bot.scripted",  # (the recorder of --record)
                "bot.i18n.locale_data"]  # formats: no value is formatted before the first answer
    assert sorted(modules & set(unwanted)) == []


def test_assess_loads_the_rules_but_no_dialogue_and_no_references() -> None:
    modules = loaded(["assess", "--date", "2025-06-01"], '{"status": "private_employee"}')
    assert "bot.rules.evaluate" in modules
    unwanted = [*REFERENCES, *ELSEWHERE, "transitions", "bot.dialogue.engine", "bot.dialogue.definition"]
    assert sorted(modules & set(unwanted)) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("text", [[], ["--text"]])
def test_assess_formats_without_reading_babel_s_data_files(lang: str, text: list[str]) -> None:
    args = ["assess", "--lang", lang, "--date", "2025-06-01", *text]
    situation = '{"status": "private_employee", "working_time": "under_half", "annual_hours": 700}'
    run_child(args, situation)  # (the first start after a change of babel or its tables keeps them)
    modules, data = run_child(args, situation)
    assert "babel.numbers" in modules
    assert sorted(data) == []


@pytest.mark.parametrize(("lang", "answers"), [("fr", "salarié du privé\n40\n1 200\n"),
                                               ("en", "private-sector employee\n40\n1,200\n")])
def test_the_first_answers_read_none_of_babel_s_data_files(lang: str, answers: str) -> None:
    """Reading answers (words, numbers, amounts) takes the vocabulary and the decimal
    separator from their kept copies: babel's whole locale data is never loaded."""
    args = ["--lang", lang, "--date", "2026-06-01"]
    run_child(args, answers)  # (the first start after a change of babel or the vocabulary keeps them)
    modules, data = run_child(args, answers)
    assert "bot.dialogue.interpret.vocabulary" in modules and "tomllib" not in modules
    assert sorted(data) == []
