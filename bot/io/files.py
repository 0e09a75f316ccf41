"""Side files, written and read safely: the one place cpf-bot touches a file a person names.

Writing (`--save`, `--report`, `--record`): the text goes to a fresh temporary file in the
target's folder, created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`, never a file that
was already there, never through a link), readable by its owner only (0600 whatever the
umask: these files hold age, disability, balance), then renamed over the target
(`os.replace`, which replaces a name and never follows one). A crash leaves the old file
or the new one, never half of one. A target that is a symbolic link, or anything but a
regular file (a folder, a device, a FIFO), is refused and nothing is written.

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
    import tempfile  # here, not at start-up: it costs more than the first question

    folder, name = os.path.split(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    try:
        os.fchmod(fd, PRIVATE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


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
