"""A throwaway PostgreSQL server for the tests and the benchmarks.

It runs from the binaries in `pg_config --bindir` (or the newest /usr/lib/postgresql/*/bin),
in a new temporary folder, listening on a Unix socket in that folder and on 127.0.0.1 at a
free port, with trust authentication for one superuser. PostgreSQL refuses to run as root:
as root, the folder is given to the `nobody` user and every server command runs as it
(`setpriv`). `stop()` shuts it down and removes the folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Sequence

USER = "cpf"
INSTALL_HINT = "install the PostgreSQL server: apt-get install postgresql (initdb and pg_ctl are needed)"


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    candidates: list[str] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(os.environ["PG_BINDIR"])
    try:
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10)
        if found.returncode == 0:
            candidates.append(found.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])
                         if p.split("/")[-2].isdigit() else 0, reverse=True)
    for folder in candidates:
        if os.access(os.path.join(folder, "initdb"), os.X_OK) and os.access(os.path.join(folder, "pg_ctl"), os.X_OK):
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One server; `settings` are extra `-c name=value` server settings."""

    def __init__(self, bindir: Path, settings: Sequence[str] = ("fsync=off", "full_page_writes=off")) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="cpf-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self.settings = list(settings)
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
            os.chown(self.folder, 65534, 65534)
        self.folder.chmod(0o755)  # the socket must be reachable by the tests' own user

    def _run(self, *command: str, timeout: float = 60) -> None:
        done = subprocess.run([*self._as, str(self.bindir / command[0]), *command[1:]], cwd=self.folder,
                              capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "LC_ALL": "C", "HOME": str(self.folder)})
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def start(self) -> PostgresServer:
        if not self.data.exists():
            self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                      "--no-locale", "--no-sync")
        options = [f"-k {self.folder}", f"-p {self.port}", "-c listen_addresses=127.0.0.1",
                   "-c max_connections=200", *(f"-c {s}" for s in self.settings)]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", " ".join(options), "-w", "-t", "60",
                  "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        """Stops the server (the folder stays: `start()` starts it again)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except (RuntimeError, subprocess.SubprocessError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str = "postgres", tcp: bool = True, query: str = "") -> str:
        """The URL of a database: over TCP on 127.0.0.1, or over the Unix socket."""
        tail = f"?{query}" if query else ""
        if tcp:
            return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}{tail}"
        return f"postgresql://{USER}@/{dbname}?host={self.folder}&port={self.port}{'&' + query if query else ''}"

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database; returns its name."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url("postgres", tcp=False), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name
