"""Session stores: where the conversation service keeps sessions between turns.

`open_store(url)` picks the backend from `--store`: `:memory:`, a SQLite file path, or
`postgresql://…` (several processes on several machines). Backends are imported only
when chosen, so `import bot` never loads a database driver.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable

from bot.stores.base import DEFAULT_EXPIRE_AFTER, MEMORY, Slot, Store, StoredSessionError, StoreError

__all__ = ["DEFAULT_EXPIRE_AFTER", "MEMORY", "Slot", "Store", "StoreError", "StoredSessionError", "display_name",
           "is_file", "open_store"]

POSTGRESQL_SCHEMES = ("postgresql://", "postgres://")


_PASSWORD = re.compile(r"^((?:postgres|postgresql)://[^:/@?#]*):[^@/?#]*@")
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def is_file(url: str) -> bool:
    """True if `url` names a SQLite file (not `:memory:`, not a database server)."""
    return url != MEMORY and "://" not in url


def display_name(url: str) -> str:
    """The store's name as it may be shown or logged: a database password never is."""
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD.sub(r"\1:***@", url))


def open_store(url: str, expire_after: int | None = None, clock: Callable[[], float] = time.time) -> Store:
    """The store named by `url`; raises StoreError if it cannot be opened or used.

    `expire_after`, when given, becomes the store's expiry (for every process using it).
    """
    if not url:
        raise StoreError("no store given")
    if url == MEMORY:
        from bot.stores.memory import MemoryStore

        store: Store = MemoryStore(clock=clock)
        if expire_after is not None:
            store.set_expire_after(expire_after)
        return store
    if url.startswith(POSTGRESQL_SCHEMES):
        try:
            postgresql = importlib.import_module("bot.stores.postgresql")
        except ImportError:
            raise StoreError("PostgreSQL support is not installed: pip install 'cpf-bot[postgresql]'") from None
        found: Store = postgresql.PostgresStore(url, expire_after=expire_after, clock=clock)
        return found
    from bot.stores.sqlite import SqliteStore

    return SqliteStore(url, expire_after=expire_after, clock=clock)
