"""Helpers for the web channel's tests: an app on a memory store with two agents, a client."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.testclient import TestClient

from bot.channels.web.app import create_app
from bot.channels.web.auth import AgentTokens
from bot.channels.web.config import WebConfig
from bot.stores import Store
from bot.stores.memory import MemoryStore
from fakes import shared_engine

DATE = "2026-06-01"
TODAY = dt.date(2026, 6, 1)
ALICE = "alice-token-0123456789abcdef"
BOB = "bob-token-0123456789abcdef00"
TOKENS = AgentTokens.of([("alice", ALICE), ("bob", BOB)])


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def client(store: Store | None = None, **config: Any) -> TestClient:
    """A test client of the app; `config` replaces WebConfig fields (no rate limit by default)."""
    settings: dict[str, Any] = {"tokens": TOKENS, "today": lambda: TODAY, "rate_limit": 0, **config}
    app = create_app(store or MemoryStore(), WebConfig(**settings), engine=shared_engine(), log=lambda text: None)
    return TestClient(app, raise_server_exceptions=False)


def start(http: TestClient, token: str | None = None, **spec: Any) -> dict[str, Any]:
    response = http.post("/v1/sessions", json={"date": DATE, **spec}, headers=auth(token) if token else {})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def turn(http: TestClient, session: str, **body: Any) -> Any:
    return http.post(f"/v1/sessions/{session}/turns", json=body)
