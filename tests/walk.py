"""Walking the dialogue graph: every choice of every question, representative other values."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from bot.engine import Answer, Engine, Reply
from bot.situation import FIELDS

# Representative values for the questions that are not choices (JSON form).
SAMPLES: dict[str, list[Any]] = {
    "age": [15, 40],
    "annual_hours": [400, 1200],
    "activity_months": [7],
    "balance": [None, 300, 6000],
    "years_worked": [3],
    "training_cost": [1000, None],
    "training_start": ["2026-09-01"],
    "training_months": [3, 8],
}


def values(engine: Engine, name: str) -> list[Any]:
    spec = FIELDS[name]
    if spec.kind == "bool":
        return [True, False]
    if spec.kind == "choice":
        return list(engine.dialogue.questions[name].choices)
    return SAMPLES[name]


def walk(engine: Engine, as_of: date, limit: int = 20000) -> Iterator[tuple[list[str], Reply]]:
    """Paths through the dialogue covering every (question, value) edge at least once per
    status, each as (fields asked in order, final reply)."""
    covered: set[tuple[str, str, str]] = set()

    def explore(reply: Reply, asked: list[str], status: str) -> Iterator[tuple[list[str], Reply]]:
        if reply.question is None:
            yield asked, reply
            return
        name = reply.question.field
        options = values(engine, name)
        fresh = [v for v in options if (status, name, repr(v)) not in covered]
        for value in fresh or options[:1]:
            covered.add((status, name, repr(value)))
            nxt = engine.step(reply.session, Answer(value))
            assert nxt.accepted, (asked, name, value, nxt.messages)
            yield from explore(nxt, asked + [name], value if name == "status" else status)

    start = engine.start("fr", as_of)
    count = 0
    for path in explore(start, [], ""):
        count += 1
        assert count <= limit
        yield path
