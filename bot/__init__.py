"""cpf-bot: French training rights (Compte Personnel de Formation), explained.

The public API (`bot.start`, `bot.assess`, `bot.Conversation`, `bot.Rejected`) lives in
`bot.api`; it is imported on first use so `import bot` stays cheap for the shells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.api import COMMANDS, Conversation, Rejected, assess, start

__all__ = ["COMMANDS", "Conversation", "Rejected", "assess", "start"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bot import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
