"""Test configuration: scripted dialogues (tests/dialogs/**.dialog) are tests too."""

pytest_plugins = ["bot.scripted.pytest_plugin"]
