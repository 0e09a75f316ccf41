"""`cpf-bot schema situation|assessment`: the JSON Schema of the public data, made from the code."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from bot.channels.options import Command, Exit, Options, UsageError
from bot.render.schema import SCHEMAS

if TYPE_CHECKING:
    from bot.channels.environment import Environment


def schema_text(name: str) -> str:
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"


def schema_command(options: Options, env: Environment) -> int:
    name = options.paths[0] if options.paths else "situation"
    if name not in SCHEMAS:
        raise UsageError("cli.unknown_schema", value=name, schemas=", ".join(SCHEMAS))
    env.stdout.write(schema_text(name))
    return Exit.OK


COMMAND = Command(Options, (), schema_command, max_paths=1)
