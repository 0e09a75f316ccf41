"""schemathesis against the app's own OpenAPI document: over a bounded run, no 5xx, no
reply outside its documented status, content type and schema, and invalid input refused."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from web_client import ALICE, client

APP = client().app
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
EXAMPLES = 15  # per operation: a bounded run
CALLS = {"requests": 0}
ARTIFACTS = Path(os.environ.get("CPF_BOT_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))


@pytest.fixture(scope="module", autouse=True)
def count_requests() -> Iterator[None]:
    """How many requests schemathesis made, kept beside the screenshots."""
    yield
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "schemathesis.txt").write_text(f"{CALLS['requests']} requests\n", encoding="utf-8")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_app_keeps_its_openapi_document(case: Any) -> None:
    CALLS["requests"] += 1
    # Every other check runs. A schema-valid request may still be refused (400): whether
    # an answer is valid depends on the pending question, which no schema can say.
    case.call_and_validate(headers={"Authorization": f"Bearer {ALICE}"} if case.operation.security else None,
                           excluded_checks=[positive_data_acceptance])


class Conversations(schema.as_state_machine()):  # type: ignore[misc]
    """Sessions started, then turns, details and reports on them, following the document's links."""

    def validate_response(self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any) -> None:
        CALLS["requests"] += 1
        case.validate_response(response, additional_checks=additional_checks, excluded_checks=[positive_data_acceptance],
                               transport_kwargs=kwargs or None)


TestStatefulConversations = Conversations.TestCase
TestStatefulConversations.settings = settings(max_examples=15, stateful_step_count=6, deadline=None,
                                              suppress_health_check=list(HealthCheck))
