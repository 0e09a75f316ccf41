"""Shells: thin adapters between a channel (command line, terminal, JSON lines) and the core."""
