"""`cpf-bot`: reads the command line and hands over to the command it names.

Each command's module declares its own options (`COMMAND`, see `bot.channels.options`)
and is imported only when it runs, to keep start-up short. Options before the command's
name are the common ones (`--lang`, `--date`); with no command, the conversation runs.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from bot.channels.environment import Environment
from bot.channels.options import COMMON, Command, Exit, Options, UsageError, read_arguments
from bot.i18n import LANGUAGES, language_from_env, translator
from bot.render.safe import safe_message

# command -> the module that declares it (its `COMMAND`)
COMMANDS = {
    "talk": "bot.channels.talk",
    "assess": "bot.channels.assess",
    "serve": "bot.channels.serve",
    "replay": "bot.channels.replay",
    "graph": "bot.channels.graph",
    "schema": "bot.channels.schema",
    "web": "bot.channels.web.command",
}
DEFAULT = "talk"


def command_of(name: str) -> Command[Any]:
    found: Command[Any] = importlib.import_module(COMMANDS[name]).COMMAND
    return found


def split_command(argv: Sequence[str]) -> tuple[str, list[str]]:
    """The command's name and its arguments: the first word that is not an option or the
    value of one; before it only the common options may stand (else: the conversation)."""
    args = list(argv)
    common = {option.name: option for option in COMMON}
    default_takes_value: set[str] | None = None  # the conversation's own options: read only if one is used
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-") and arg != "-":
            if arg in common:
                takes_value = common[arg].parse is not None
            else:
                if default_takes_value is None:
                    default_takes_value = {option.name for option in command_of(DEFAULT).options if option.parse}
                takes_value = arg in default_takes_value
            i += 2 if takes_value else 1
            continue
        if arg not in COMMANDS:
            raise UsageError("cli.unknown_command", command=arg)
        return arg, args[:i] + args[i + 1:]  # read_arguments names an option that does not belong
    return DEFAULT, args


def _not_for_command(option: str, command: str) -> UsageError:
    """An unknown option: one some other command takes, or none at all."""
    for name in COMMANDS:
        if any(declared.name == option for declared in command_of(name).options):
            return UsageError("cli.option_not_for_command", option=option, command=command)
    return UsageError("cli.unknown_option", option=option)


def parse_args(argv: Sequence[str], env: Environment) -> tuple[str, Options | None]:
    """The command and its options; None for options when help or the version was asked for."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return "help", None  # (or the version)
    name, args = split_command(argv)
    try:
        return name, read_arguments(args, command_of(name), Options(lang=language_from_env(env.environ)))
    except UsageError as error:
        if error.key == "cli.unknown_option":
            raise _not_for_command(error.params["option"], name) from None
        raise


def _lang_hint(argv: Sequence[str], env: Environment) -> str:
    """The language to report a usage error in, even when parsing failed."""
    for i, arg in enumerate(argv):
        value = arg[7:] if arg.startswith("--lang=") else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else "")
        if value in LANGUAGES:
            return value
    return language_from_env(env.environ)


def usage_error(error: UsageError, lang: str, env: Environment) -> int:
    """Says what is wrong (any input it quotes made safe to show) and how to get help."""
    tr = translator(lang)
    message = safe_message(tr.text(error.key, **error.params), tr.text("privacy.redacted"))
    print(message, tr.text("cli.see_help"), file=env.stderr)
    return Exit.USAGE


def run(argv: Sequence[str], env: Environment) -> int:
    try:
        name, options = parse_args(argv, env)
    except UsageError as error:
        return usage_error(error, _lang_hint(argv, env), env)
    if options is None:
        tr = translator(_lang_hint(argv, env))
        if "--version" in argv:
            from importlib.metadata import PackageNotFoundError, version

            try:
                found = version("cpf-bot")
            except PackageNotFoundError:  # a checkout that was never installed
                found = "0+checkout"
            print(tr.text("cli.version", version=found), file=env.stdout)
        else:
            print(tr.text("cli.help"), file=env.stdout)
        return Exit.OK
    try:
        return int(command_of(name).run(options, env))
    except UsageError as error:  # a command's own check of its arguments
        return usage_error(error, options.lang, env)


def main(argv: Sequence[str] | None = None) -> int:
    env = Environment()
    try:
        return run(sys.argv[1:] if argv is None else argv, env)
    except KeyboardInterrupt:
        print(translator(language_from_env(env.environ)).text("cli.interrupted"), file=env.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # The reader stopped reading (`cpf-bot assess | head`): nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
