"""A read-only view of the answers that records what the rules read and what they lacked.

This is the "missing variables" idea (publicodes): the rules read only the fields that
matter for this person, so after one evaluation `read` is the set of relevant fields
and `missing` the relevant ones not answered yet, in the order the rules needed them.
The dialogue asks the first missing field; an answer outside `read` no longer applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Facts:
    def __init__(self, answers: Mapping[str, Any]) -> None:
        self._answers = answers
        self.read: dict[str, None] = {}  # insertion-ordered sets
        self.missing: dict[str, None] = {}

    def get(self, field: str) -> Any:
        """The answer to `field`, or None; records that the rules needed it."""
        self.read[field] = None
        if field not in self._answers:
            self.missing[field] = None
            return None
        return self._answers[field]

    def optional(self, field: str) -> Any:
        """The answer to `field` if one was given, else None; never reported missing.

        For a figure the rules can use but need not ask for (the cost of a training that
        is not eligible: the CPF pays nothing whatever it costs).
        """
        if field not in self._answers:
            return None
        self.read[field] = None
        return self._answers[field]
