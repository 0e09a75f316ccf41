"""Agent tokens: who an `Authorization: Bearer TOKEN` header speaks for.

The tokens file (`--agent-tokens FILE`) has one `NAME TOKEN` pair per line; blank lines
and lines starting with `#` are ignored. A token is compared with every known token in
constant time (`hmac.compare_digest`, all of them, no early exit), so the time a request
takes says nothing about how much of a token was right. No tokens configured: every
agent-only call is refused.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

MIN_TOKEN: Final = 16  # characters: a token is a secret, not a password to remember
MAX_HEADER: Final = 1024  # characters of an Authorization header worth comparing


class TokensFileError(Exception):
    """A tokens file that cannot be used: `key` and `params` name a catalog sentence."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class AgentTokens:
    """(name, token) pairs; empty when no tokens file was given."""

    pairs: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def parse(cls, text: str, path: str = "") -> AgentTokens:
        """The pairs of a tokens file's text (TokensFileError naming the bad line)."""
        pairs: list[tuple[str, bytes]] = []
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) != 2:
                raise TokensFileError("web.cli.tokens_bad_line", path=path, line=number)
            name, token = parts
            if len(token) < MIN_TOKEN:
                raise TokensFileError("web.cli.tokens_short", path=path, line=number, min=MIN_TOKEN)
            if any(name == n or hmac.compare_digest(token.encode(), t) for n, t in pairs):
                raise TokensFileError("web.cli.tokens_duplicate", path=path, line=number)
            pairs.append((name, token.encode("utf-8")))
        return cls(tuple(pairs))

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> AgentTokens:
        return cls(tuple((name, token.encode("utf-8")) for name, token in pairs))

    @property
    def configured(self) -> bool:
        return bool(self.pairs)

    def agent(self, token: str) -> str | None:
        """The name of the agent whose token this is, or None."""
        given = token.encode("utf-8", "surrogateescape")
        found: str | None = None
        for name, known in self.pairs:
            if hmac.compare_digest(given, known):  # every pair, whatever matched before
                found = name
        return found


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header; "" for a header of another kind."""
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or len(header) > MAX_HEADER:
        return ""
    return token.strip()
