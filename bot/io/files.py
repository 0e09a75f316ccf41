"""Side files, written and read safely: the one place cpf-bot touches a file a person names.

Writing (`--save`, `--report`, `--record`): the text goes to a fresh temporary file in the
target's folder, created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`, never a file that
was already there, never through a link), readable by its owner only (0600 whatever the
umask: these files hold age, disability, balance), then renamed over the target
(`os.replace`, which replaces a name and never follows one). A crash leaves the old file
or the new one, never half of one. A target that is a symbolic link, or anything but a
regular file (a folder, a device, a FIFO), is refused and nothing is written. A file
cpf-bot names itself (the session saved on leaving) is written with `write_new`, which
never replaces any file or link already there: the whole file is given its name by a hard
link (`os.link`, which fails on a name that exists), so it appears whole or not at all.

Reading (`--resume`, `assess FILE`, `replay`): regular files only, opened without
blocking (a FIFO would wait forever for a writer) and checked with `fstat` on the open
file, at most `MAX_READ` bytes (a device such as /dev/zero never ends).

Failures are `FileRefused` (an `OSError` whose `key` names the catalog sentence), so a
caller that already handles `OSError` stays correct.
"""

from __future__ import annotations

import os
import stat
from typing import Final

MAX_READ: Final = 1024 * 1024  # bytes: far above any situation, session or dialogue
PRIVATE: Final = 0o600


class FileProblem(Exception):
    """A file a person named that cpf-bot cannot use: `key` is the catalog sentence, with
    `{path}` and `{limit}`."""

    def __init__(self, key: str, path: str) -> None:
        super().__init__(f"{key}: {path}")
        self.key = key
        self.path = path

    @property
    def params(self) -> dict[str, object]:
        """The placeholders of its message."""
        return {"path": self.path, "limit": MAX_READ}


class FileRefused(FileProblem, OSError):
    """A file cpf-bot will not write or read (a link, not a regular file, too large)."""


def check_target(path: str) -> None:
    """Raises FileRefused if `path` exists and is not a regular file (or is a link)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself will fail and say so
    if stat.S_ISLNK(found.st_mode):
        raise FileRefused("files.symlink", path)
    if not stat.S_ISREG(found.st_mode):
        raise FileRefused("files.not_regular", path)


def write_private(path: str, text: str) -> None:
    """Writes `text` (UTF-8) to `path` atomically, as a file only its owner can read."""
    check_target(path)
    write_whole(path, text.encode("utf-8"))


def write_whole(path: str, data: bytes) -> None:
    """Writes `data` to `path` through a fresh temporary file renamed over it (readable by
    its owner only): a crash, or another process writing the same file, never leaves half."""
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        _discard(temporary)
        raise


def write_new(path: str, text: str) -> None:
    """Writes `text` (UTF-8) to `path`, private and whole as `write_private` does, only if
    nothing has that name yet (not even a link): FileExistsError otherwise, and nothing written.

    Where the file system has no hard links, the name is taken first (created exclusively,
    never through a link), then the whole file renamed over it."""
    temporary = _temporary(path, text.encode("utf-8"))
    try:
        try:
            os.link(temporary, path, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT file systems)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE))
            os.replace(temporary, path)
    finally:
        _discard(temporary)  # the temporary name, once linked; gone already once renamed


def _temporary(path: str, data: bytes) -> str:
    """A fresh file beside `path` holding `data`, readable by its owner only, on disk."""
    import tempfile  # here, not at start-up: it costs more than the first question

    folder, name = os.path.split(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), PRIVATE)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _discard(temporary)
        raise
    return temporary


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


def read_limited(path: str, limit: int = MAX_READ) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises FileRefused (`files.not_regular`, `files.too_large`) or the OSError of a file
    that cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused("files.not_regular", path)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileRefused("files.too_large", path)
        return b"".join(chunks)
    finally:
        os.close(fd)
