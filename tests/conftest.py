"""Test configuration: scripted dialogues (tests/dialogs/**.dialog) are tests too; the
store contract suite runs against every backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from stores import Backend, memory_backend, sqlite_backend

pytest_plugins = ["bot.scripted.pytest_plugin"]

BACKENDS = ["memory", "sqlite"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "memory":
        return memory_backend()
    return sqlite_backend(tmp_path)
