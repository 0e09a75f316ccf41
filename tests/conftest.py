"""Test configuration: scripted dialogues (tests/dialogs/**.dialog) are tests too."""

pytest_plugins = ["bot.pytest_plugin"]
