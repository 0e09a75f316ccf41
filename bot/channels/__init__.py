"""Channels: thin adapters between a transport (command line, terminal, JSON lines) and the core."""

# Exit codes (CONTRACT.md): done, a replay failed, bad usage or input, interrupted.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
