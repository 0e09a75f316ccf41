"""Test configuration: the store contract suite runs against every backend. (Scripted
dialogues, tests/dialogs/**.dialog, are collected by the installed pytest11 plugin.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from stores import Backend, memory_backend, sqlite_backend

BACKENDS = ["memory", "sqlite"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "memory":
        return memory_backend()
    return sqlite_backend(tmp_path)
