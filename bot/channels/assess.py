"""`cpf-bot assess [FILE|-]`: a situation in JSON in, its assessment out (JSON or text)."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from bot.io import files, strictjson
from bot.i18n import Translator, translator
from bot.render.assessment import assessment_json, assessment_text
from bot.rules import RulesDateError, assess
from bot.render.problems import problems_lines
from bot.render.safe import quoted, safe_message
from bot.rules.situation import SituationError, validate
from bot.channels.options import Command, Exit, Option, Options

if TYPE_CHECKING:
    from bot.channels.environment import Environment


class AssessOptions(Options):
    """The options of `cpf-bot assess`."""

    text: bool = False  # the explained result for people, instead of JSON



class InputError(Exception):
    """Input the command cannot use; `lines` are already translated."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_source(path: str, env: Environment, tr: Translator) -> str:
    """The text of FILE, or of stdin for "-": at most `files.MAX_READ` bytes, UTF-8."""
    if path == "-":
        return _read_stdin(env, tr)
    try:
        raw = files.read_limited(path)
    except files.FileRefused as error:
        raise InputError([tr.text(error.key, **error.params)]) from None
    except OSError:
        raise InputError([tr.text("error.file_unreadable", path=path)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([tr.text("error.not_utf8", path=path)]) from None


def _read_stdin(env: Environment, tr: Translator) -> str:
    binary: IO[bytes] | None = getattr(env.stdin, "buffer", None)
    if binary is None:  # a text stream (tests): count characters
        text = env.stdin.read(files.MAX_READ + 1)
        if len(text) > files.MAX_READ:
            raise InputError([tr.text("error.stdin_too_large", limit=files.MAX_READ)])
        return text.removeprefix("\ufeff")
    raw = binary.read(files.MAX_READ + 1)
    if len(raw) > files.MAX_READ:
        raise InputError([tr.text("error.stdin_too_large", limit=files.MAX_READ)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([tr.text("error.stdin_not_utf8")]) from None


def load_situation(text: str, tr: Translator) -> dict[str, Any]:
    try:
        data = strictjson.loads(text, constants=True)  # NaN: then refused as a number out of range
    except strictjson.DuplicateKey as error:
        key = quoted(error.key, tr.text("privacy.redacted"))
        raise InputError([tr.text("error.duplicate_key", key=key)]) from None
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
        print(safe_message("\n".join(error.lines), tr.text("privacy.redacted")), file=env.stderr)
        return Exit.USAGE
    if options.text:
        env.stdout.write(assessment_text(assessment, tr))
    else:
        json.dump(assessment_json(assessment, tr), env.stdout, ensure_ascii=False, indent=2)
        env.stdout.write("\n")
    return Exit.OK


COMMAND = Command(AssessOptions, (Option("--text"),), assess_command, max_paths=1)
