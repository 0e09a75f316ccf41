"""The dialogue as a Mermaid state diagram (`cpf-bot graph`), for people to review the flow.

The engine's machine allows every forward move the rules could ask for; the diagram shows
those of its moves that actually happen on the rules date. They are found by walking the dialogue:
every choice of every question is tried at least once per status, with representative
values for numbers, amounts and dates. Each arrow is labelled with the answers taking it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from bot.dialogue.reply import Answer, Reply

from bot.dialogue.machine import RESULT

from bot.dialogue.engine import Engine
from bot.i18n import translator
from bot.rules.situation import FIELDS

# Representative values for the questions that are not choices (JSON form).
SAMPLES: dict[str, list[Any]] = {
    "age": [15, 40, 60],
    "post_weekly_hours": [28],
    "reference_hours": [1540],
    "package_days": [218],
    "annual_hours": [400, 1200],
    "worked_days": [50],
    "leave_time": [300],
    "activity_months": [7],
    "other_hours": [400],
    "other_months": [6],
    "balance": [None, 300, 6000],
    "years_worked": [1],  # possible at every sample age (work starts at 14)
    "accompaniment_hours": [20],
    "cofunding_amount": [300],
    "training_cost": [1000, None],
    "c2p_points": [2],
    "cec_balance": [0],
    "training_start": ["2026-09-01"],
    "training_months": [3, 8],
}
Step = tuple[str, Any, str]  # (question, answer, next state)


def sample_values(engine: Engine, name: str) -> list[Any]:
    spec = FIELDS[name]
    if spec.kind == "bool":
        return [True, False]
    if spec.kind == "choice":
        return list(engine.dialogue.questions[name].choices)
    return SAMPLES[name]


def walk(engine: Engine, as_of: date) -> Iterator[tuple[list[Step], Reply]]:
    """Paths through the dialogue covering every (status, question, answer) at least once,
    each as its steps and its final reply."""
    covered: set[tuple[str, str, str]] = set()

    def explore(reply: Reply, steps: list[Step], status: str) -> Iterator[tuple[list[Step], Reply]]:
        if reply.question is None:
            yield steps, reply
            return
        name = reply.question.field
        # A choice's options as offered to this person (no employer co-funding without an employer).
        options = list(reply.question.choices) if reply.question.choices else sample_values(engine, name)
        fresh = [v for v in options if (status, name, repr(v)) not in covered]
        for value in fresh or options[:1]:
            covered.add((status, name, repr(value)))
            after = engine.step(reply.session, Answer(value))
            if not after.accepted:
                raise AssertionError(f"{name}={value!r} rejected after {steps}")
            yield from explore(after, [*steps, (name, value, after.session.state)],
                               value if name == "status" else status)

    yield from explore(engine.start("fr", as_of), [], "")


def _label(engine: Engine, name: str, value: Any, lang: str) -> str:
    tr = translator(lang)
    question = engine.dialogue.questions[name]
    if question.kind == "choice":
        return tr.text(question.choice_key(str(value)))
    if isinstance(value, bool):
        return tr.format(value)
    return tr.text("graph.any_answer")


def mermaid(engine: Engine, as_of: date, lang: str) -> str:
    """The reachable dialogue on `as_of`, as Mermaid text, labels in `lang`.

    States and moves are the engine's own machine's: each arrow is one of its transitions,
    the one the walk took; nothing else is drawn.
    """
    moves: dict[tuple[str, str], list[str]] = {}
    first = ""
    for steps, _ in walk(engine, as_of):
        first = first or steps[0][0]
        for name, value, dest in steps:
            if not engine.machine.allows("advance", name, dest):
                raise AssertionError(f"the walk took a move the machine does not have: {name} -> {dest}")
            labels = moves.setdefault((name, dest), [])
            label = _label(engine, name, value, lang)
            if label not in labels:
                labels.append(label)
    tr = translator(lang)
    reached = {state for move in moves for state in move}
    states = [name for name in (*engine.dialogue.order, RESULT) if name in reached and name in engine.machine.states]
    lines = ["---", tr.text("graph.title", date=as_of), "---", "stateDiagram-v2", "  direction LR",
             f"  [*] --> {first}"]
    for name in states:
        label = tr.text(f"field.{name}" if name != RESULT else "graph.result").replace('"', "'")
        lines.append(f'  state "{label}" as {name}')
    lines += [f"  {source} --> {dest}: {' / '.join(labels)}" for (source, dest), labels in moves.items()]
    return "\n".join(lines)
