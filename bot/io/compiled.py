"""Data built from source files (parsed and checked), kept compiled, keyed on the sources' bytes.

Parsing TOML and checking a definition cost milliseconds at every start; reading back
plain data (tuples, strings, numbers) written by `marshal` costs well under one. So
`compiled(sources, build)` returns what `build()` returns, from the compiled file
when that file was built from sources with exactly the same bytes (they are compared,
not their dates: an edit, a branch switch or a copy that keeps old dates all rebuild),
else it calls `build()`, which runs every check, and writes the file for the next start:
beside the first source when that folder can be written (a checkout), else in the user's
cache folder (`$XDG_CACHE_HOME/cpf-bot/compiled`, as for the catalogs). A file that
cannot be read or written is only a slower start, never an error.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence
from typing import Any, Final

FORMAT: Final = 1  # of the compiled files; a new one rebuilds them all
SUFFIX: Final = ".compiled"


def _cache_path(source: str, environ: Any = os.environ) -> str:
    """The compiled file of `source` in the user's cache folder (`bot.i18n.compiled`
    keeps the catalogs there the same way)."""
    cache = environ.get("XDG_CACHE_HOME", "")
    if not cache or not os.path.isabs(cache):
        cache = os.path.join(os.path.expanduser("~"), ".cache")
    flat = os.path.abspath(source).strip(os.sep).replace(os.sep, "%")
    return os.path.join(cache, "cpf-bot", "compiled", flat + SUFFIX)


def _contents(sources: Sequence[str]) -> tuple[bytes | None, ...]:
    found: list[bytes | None] = []
    for path in sources:
        try:
            with open(path, "rb") as f:
                found.append(f.read())
        except OSError:
            found.append(None)
    return tuple(found)


def _read(path: str, contents: tuple[bytes | None, ...]) -> tuple[bool, Any]:
    try:
        with open(path, "rb") as f:
            form, built_from, data = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        return False, None
    return form == FORMAT and built_from == contents, data


def _write(path: str, blob: bytes) -> None:
    """The whole file or nothing: several processes may compile at once."""
    import tempfile

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=SUFFIX + ".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def compiled(sources: Sequence[str], build: Callable[[], Any]) -> Any:
    """`build()` (plain data that `marshal` can write), or the same from the file compiled
    from these exact sources, named after the first (`dialogs/cpf.toml.compiled`)."""
    contents = _contents(sources)
    beside = sources[0] + SUFFIX
    cached = _cache_path(sources[0])
    for path in (beside, cached):
        fresh, data = _read(path, contents)
        if fresh:
            return data
    data = build()
    blob = marshal.dumps((FORMAT, contents, data))
    for path in (beside, cached):
        try:
            _write(path, blob)
            break
        except OSError:
            continue
    return data
