"""Re-exports the dialogue walk for the tests."""

from bot.graph import walk

__all__ = ["walk"]
