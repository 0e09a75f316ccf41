"""`cpf-bot assess [FILE|-]`: a situation in JSON in, its assessment out (JSON or text)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.i18n import Translator, translator
from bot.render.assessment import assessment_json, assessment_text
from bot.rules import RulesDateError, assess
from bot.render.problems import problems_lines
from bot.rules.situation import SituationError, validate
from bot.channels.options import Command, Exit, Option, Options

if TYPE_CHECKING:
    from bot.channels.environment import Environment


@dataclass
class AssessOptions(Options):
    text: bool = False  # the explained result for people, instead of JSON


class InputError(Exception):
    """Input the command cannot use; `lines` are already translated."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_source(path: str, env: Environment, tr: Translator) -> str:
    if path == "-":
        return env.stdin.read().removeprefix("\ufeff")
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        raise InputError([tr.text("error.file_unreadable", path=path)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([tr.text("error.not_utf8", path=path)]) from None


def load_situation(text: str, tr: Translator) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([tr.text("error.not_json", line=error.lineno, column=error.colno)]) from None
    except (RecursionError, ValueError):  # nested too deep, an integer of thousands of digits
        raise InputError([tr.text("error.not_json", line=1, column=1)]) from None
    try:
        return validate(data)
    except SituationError as error:
        raise InputError(problems_lines("error.situation_invalid", error.problems, tr)) from None


def assess_command(options: AssessOptions, env: Environment) -> int:
    tr = translator(options.lang)
    try:
        answers = load_situation(read_source(options.paths[0] if options.paths else "-", env, tr), tr)
        as_of = answers.get("as_of") or options.date or env.today()
        try:
            assessment = assess(answers, as_of)
        except RulesDateError as error:
            raise InputError([tr.text("error.rules_date", earliest=error.earliest)]) from None
    except InputError as error:
        print("\n".join(error.lines), file=env.stderr)
        return Exit.USAGE
    if options.text:
        env.stdout.write(assessment_text(assessment, tr))
    else:
        json.dump(assessment_json(assessment, tr), env.stdout, ensure_ascii=False, indent=2)
        env.stdout.write("\n")
    return Exit.OK


COMMAND = Command(AssessOptions, (Option("--text"),), assess_command, max_paths=1)
