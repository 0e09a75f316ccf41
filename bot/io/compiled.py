"""Data built from source files (parsed and checked), kept compiled, keyed on the sources' bytes.

Parsing TOML and checking a definition cost milliseconds at every start; reading back
plain data (tuples, strings, numbers) written by `marshal` costs well under one. So
`compiled(sources, build)` returns what `build()` returns, from the compiled file
when that file was built from sources with exactly the same bytes, else it calls
`build()`, which runs every check, and writes the file for the next start. The same
bytes: the sources' `os.stat` stamps are those recorded (every write changes a file's
change time, which nobody can set back), or else their SHA-256 digests are (an edit, a
branch switch, a copy that keeps old dates: the bytes decide, never the dates). It writes
beside the first source (or the name it is given) when that folder can be written (a
checkout), else in the user's cache folder (`$XDG_CACHE_HOME/cpf-bot/compiled`, as for
the catalogs). A file that cannot be read or written is only a slower start, never an error.
"""

from __future__ import annotations

import importlib
import marshal
import os
from collections.abc import Callable, Sequence
from typing import Any, Final

from bot.io.files import write_whole

FORMAT: Final = 4  # of the compiled files; a new one rebuilds them all
SUFFIX: Final = ".compiled"


def _cache_path(source: str, environ: Any = os.environ) -> str:
    """The compiled file of `source` in the user's cache folder (`bot.i18n.compiled`
    keeps the catalogs there the same way)."""
    cache = environ.get("XDG_CACHE_HOME", "")
    if not cache or not os.path.isabs(cache):
        cache = os.path.join(os.path.expanduser("~"), ".cache")
    flat = os.path.abspath(source).strip(os.sep).replace(os.sep, "%")
    return os.path.join(cache, "cpf-bot", "compiled", flat + SUFFIX)


def sha256_hex(data: bytes) -> str:
    """SHA-256 of `data` in hex, from the interpreter's own small module when it has one:
    `hashlib` loads OpenSSL, which costs milliseconds at every start."""
    for name in ("_sha2", "_sha256"):  # Python 3.12+, 3.11
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        digest: str = module.sha256(data).hexdigest()
        return digest
    import hashlib

    return hashlib.sha256(data).hexdigest()


Stamp = tuple[int, int, int, int] | None  # size, modification and change times, inode


def _stamps(sources: Sequence[str]) -> tuple[Stamp, ...]:
    """What `os.stat` says of each source: any write changes its change time (which no
    one can set), so the same stamps mean the same bytes without reading them."""
    found: list[Stamp] = []
    for path in sources:
        try:
            st = os.stat(path)
        except OSError:
            found.append(None)
            continue
        found.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return tuple(found)


def _digests(sources: Sequence[str]) -> tuple[str | None, ...]:
    """The SHA-256 of each source's bytes (None for a missing one)."""
    found: list[str | None] = []
    for path in sources:
        try:
            with open(path, "rb") as f:
                found.append(sha256_hex(f.read()))
        except OSError:
            found.append(None)
    return tuple(found)


def _read(path: str, sources: Sequence[str], stamps: tuple[Stamp, ...]) -> tuple[bool, Any]:
    """(True, data) when the compiled file at `path` was built from these sources' bytes."""
    try:
        with open(path, "rb") as f:
            form, built_stamps, built_digests, data = marshal.loads(f.read())  # load(f) reads piece by piece
    except (OSError, EOFError, ValueError, TypeError):
        return False, None
    if form != FORMAT:
        return False, None
    if built_stamps == stamps:
        return True, data
    if built_digests != _digests(sources):  # touched, copied or checked out: the bytes decide
        return False, None
    try:
        _write(path, marshal.dumps((FORMAT, stamps, built_digests, data)))
    except OSError:
        pass
    return True, data


def _write(path: str, blob: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_whole(path, blob)  # whole or nothing: several processes may compile at once


def compiled(sources: Sequence[str], build: Callable[[], Any], name: str | None = None) -> Any:
    """`build()` (plain data that `marshal` can write), or the same from the file compiled
    from these exact sources, named after `name` or else the first source
    (`dialogs/cpf.toml.compiled`)."""
    stamps = _stamps(sources)
    named = sources[0] if name is None else name
    beside = named + SUFFIX
    cached = _cache_path(named)
    for path in (beside, cached):
        fresh, data = _read(path, sources, stamps)
        if fresh:
            return data
    data = build()
    blob = marshal.dumps((FORMAT, stamps, _digests(sources), data))
    for path in (beside, cached):
        try:
            _write(path, blob)
            break
        except OSError:
            continue
    return data
