"""Test configuration: the store contract suite runs against every backend, PostgreSQL
included. (Scripted dialogues, tests/dialogs/**.dialog, are collected by the installed
pytest11 plugin.)

One throwaway PostgreSQL server serves the whole test session (tests/pgserver.py), each
test in its own schema of one database; under pytest-xdist, each worker that runs PostgreSQL
tests has its own server (tests restart it), and the scheduler gives them all to one worker
(as it gives all the browser tests to one worker, for one Chromium).
Where the server binaries are missing the PostgreSQL tests skip with a message saying how
to install them, except under CI=true, where they fail: CI must never skip them.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pgserver import INSTALL_HINT, PostgresServer, find_bindir
from stores import Backend, memory_backend, postgres_backend, sqlite_backend

BACKENDS = ["memory", "sqlite", "postgresql"]
TEST_DATABASE = "cpf_test"
# The modules whose tests start the PostgreSQL server: one worker runs them all, so that one
# server starts, not one per worker. (A module missing here still works, with a server of its own.)
POSTGRESQL_MODULES = frozenset({"tests/test_store_contract.py", "tests/test_store_postgresql.py",
                                "tests/test_serve_postgresql.py"})
# Each group's tests share what one process makes once (a PostgreSQL server, a Chromium): the
# scheduler gives a group to one worker, whole.
GROUPS = {**{module: "postgresql" for module in POSTGRESQL_MODULES}, "tests/test_web_browser.py": "chromium"}


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The whole suite (`python -m pytest`, no paths given) runs on every core (pytest-xdist,
    `-n auto`, `--dist load`: see pytest_xdist_make_scheduler). Named paths run in one process,
    where starting workers would cost more than they save; `-n N` or `-p no:xdist` decide
    otherwise. (Not in `addopts`: `-p no:xdist` would then make `-n` an unknown option.)"""
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput") \
            and config.option.numprocesses is None and not config.option.collectonly \
            and config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        config.option.numprocesses = "auto"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist load` (what `-n` gives by default): each test to the next free worker, but each
    of the GROUPS whole to one worker, longest first (the scopes with the most tests go first).
    `--dist loadscope`: each module (or class) whole to one worker, each of the GROUPS too.
    (Not xdist's `loadgroup`: it renames node ids in a way pytest 9 ignores.)"""
    if config.option.dist not in ("load", "loadscope"):
        return None
    from xdist.scheduler import LoadScopeScheduling
    per_test = config.option.dist == "load"

    class GroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            if module in GROUPS:
                return GROUPS[module]
            return nodeid if per_test else str(super()._split_scope(nodeid))

    return GroupScheduling(config, log)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """schemathesis names the test of each operation `test[GET /path]`, but pytest 9 gives them
    all the function's node id: xdist, which deals out work by node id, would run one of them
    as all. Such items get a node id from their own name."""
    seen = Counter(item.nodeid for item in items)
    for item in items:
        if seen[item.nodeid] > 1 and item.parent is not None and item.nodeid.rsplit("::", 1)[-1] != item.name:
            if hasattr(item, "_id"):  # pytest 9
                item._id = item.parent.id.child(item.name)
            else:  # pytest 8
                item._nodeid = f"{item.parent.nodeid}::{item.name}"


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection made (modules, test items, engines) lives until the end: kept out of
    the garbage collector's full passes, which otherwise walk it again and again (seconds)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole test session, stopped and removed at its end."""
    bindir = find_bindir()
    if bindir is None:
        _unavailable(INSTALL_HINT)
    assert bindir is not None
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed: pip install '.[test]'")
    server = PostgresServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError) as error:
        server.remove()
        _unavailable(f"it did not start: {error}")
    try:
        import psycopg

        with psycopg.connect(server.url("postgres", tcp=False), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{TEST_DATABASE}" TEMPLATE template0')
        yield server
    finally:
        server.remove()


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """The URL of a store of this test's own: a new schema, first on the search path."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.url(TEST_DATABASE, tcp=False), autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{schema}"')
    return postgres_server.url(TEST_DATABASE, query=f"options=-csearch_path%3D{schema}")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "memory":
        return memory_backend()
    if request.param == "postgresql":
        return postgres_backend(request.getfixturevalue("pg_url"))
    return sqlite_backend(tmp_path)
