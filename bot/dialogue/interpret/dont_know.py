""""I don't know" as a whole answer, in any language of the vocabulary."""

from __future__ import annotations

from bot.dialogue.interpret.text import key, too_long
from bot.dialogue.interpret.vocabulary import understood


def is_dont_know(text: str) -> bool:
    """Whether the whole answer says "I don't know" (a bare "?" is a request for help)."""
    return not too_long(text) and key(text) in understood().dont_know
