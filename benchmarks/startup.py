"""Start-up: time to the first question on a terminal, against importing the libraries.

    python benchmarks/startup.py [--runs N]

Runs `python -m bot` in a pseudo-terminal (the real rich + prompt-toolkit path) and
times it until the first question is on screen and the prompt waits for keys; then
times a bare interpreter importing the same libraries. Prints both medians and their
ratio (goal: at most 1.5).
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import time

LIBRARIES = ("import rich.console, rich.panel, rich.table, rich.theme, prompt_toolkit, "
             "prompt_toolkit.completion, prompt_toolkit.validation, transitions, "
             "babel.numbers, babel.dates, babel.messages.pofile, babel.messages.mofile, babel.support")
PROMPT_READY = b"\x1b[?2004h"  # prompt-toolkit waits for keys


def time_to_first_question() -> float:
    master, slave = pty.openpty()
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "bot"], stdin=slave, stdout=slave, stderr=slave,
                               env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while PROMPT_READY not in seen:
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise RuntimeError(f"no prompt after 10 s: {seen[-300:]!r}")
            seen += os.read(master, 65536)
        elapsed = time.perf_counter() - start
    finally:
        process.kill()
        process.wait()
        os.close(master)
    if "Quelle est votre situation".encode() not in seen:
        raise RuntimeError("the first question was not shown")
    return elapsed


def time_to_import() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", LIBRARIES], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    time_to_first_question(), time_to_import()  # warm the file cache
    bot = statistics.median(time_to_first_question() for _ in range(runs))
    bare = statistics.median(time_to_import() for _ in range(runs))
    print(f"first question on a terminal: {bot * 1000:.0f} ms (median of {runs})")
    print(f"bare interpreter importing the libraries: {bare * 1000:.0f} ms")
    print(f"ratio: {bot / bare:.2f} (goal: at most 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
