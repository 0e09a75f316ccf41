"""Re-exports the dialogue walk for the tests."""

from bot.dialogue.graph import walk

__all__ = ["walk"]
