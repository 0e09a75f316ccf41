"""Channels: thin adapters between a transport (command line, terminal, JSON lines, HTTP) and the
conversation service. Each command declares its own options (`bot.channels.options`)."""
