"""`cpf-bot`: the conversation, one answer per line (line mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import cpf_dialogue
from bot.engine import Engine, Say
from bot.i18n import translator
from bot.render.reply import reply_lines

if TYPE_CHECKING:
    from bot.cli import Options
    from bot.environment import Environment


def talk_command(options: Options, env: Environment) -> int:
    dialogue = cpf_dialogue()
    engine = Engine(dialogue)
    reply = engine.start(options.lang, options.date or env.today())
    out = env.stdout
    while True:
        tr = translator(reply.session.lang)
        out.write("\n".join(reply_lines(reply, dialogue, tr)) + "\n")
        out.flush()
        if reply.ended:
            return 0
        line = env.stdin.readline()
        if not line:
            return 0
        out.write("\n")
        reply = engine.step(reply.session, Say(line.rstrip("\r\n")))
