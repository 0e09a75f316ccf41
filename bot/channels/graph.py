"""`cpf-bot graph`: the dialogue as a Mermaid state diagram, on the rules date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue.engine import cpf_engine
from bot.dialogue.graph import mermaid

from bot.channels.options import Command, Exit, Options

if TYPE_CHECKING:
    from bot.channels.environment import Environment


def graph_command(options: Options, env: Environment) -> int:
    env.stdout.write(mermaid(cpf_engine(), options.date or env.today(), options.lang) + "\n")
    return Exit.OK


COMMAND = Command(Options, (), graph_command)
