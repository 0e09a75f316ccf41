"""The outside world a command runs in: streams, environment variables and the clock.

Passed to every shell as one value, so tests replace it (httpie's Environment idea).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import date
from typing import TextIO


class Environment:
    """Standard streams, a copy of the environment variables and today's date by default.
    (A plain class: a dataclass made at every start costs more than it gives here.)"""

    __slots__ = ("stdin", "stdout", "stderr", "environ", "today")

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 environ: Mapping[str, str] | None = None, today: Callable[[], date] = date.today) -> None:
        self.stdin: TextIO = sys.stdin if stdin is None else stdin
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self.today = today

    def __repr__(self) -> str:
        return (f"Environment(stdin={self.stdin!r}, stdout={self.stdout!r}, stderr={self.stderr!r}, "
                f"environ=<{len(self.environ)} variables>, today={self.today!r})")
