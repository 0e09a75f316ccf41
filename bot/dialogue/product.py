"""The product's dialogue (`dialogs/cpf.toml`) and its machine, checked once per content.

Reading the TOML, checking every question and message in both languages and building
the `transitions` machine cost tens of milliseconds; the first question needs none of
it when nothing changed since the last check. So the checked definition and the moves
of its machine are kept compiled (`bot.io.compiled`), keyed on the bytes of everything
the check reads: the definition, the parameters, every catalog, and the code that checks
them. Any change to one of them runs the whole check again (and the tests always do:
`tests/test_product_dialogue.py` compares the compiled form with a fresh load).
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from bot.dialogue.definition import Dialogue, Question, cpf_path, load_dialogue
from bot.dialogue.machine import DialogueMachine
from bot.io.compiled import compiled
from bot.paths import data_dir
from bot.rules import situation
from bot.rules.parameters import PARAMETERS_FILE


def sources() -> list[str]:
    """Every file the check of the product's dialogue reads, the definition first."""
    import bot.dialogue.definition as definition
    import bot.dialogue.machine as machine

    catalogs = []
    locales = str(data_dir("locales"))
    for lang in sorted(os.listdir(locales)):
        folder = os.path.join(locales, lang, "LC_MESSAGES")
        if os.path.isdir(folder):
            catalogs += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".po")]
    code = (definition.__file__, machine.__file__, situation.__file__, __file__)  # this module: the form's shape
    return [str(cpf_path()), str(PARAMETERS_FILE), *catalogs, *code]


def plain(dialogue: Dialogue, machine: DialogueMachine) -> tuple[Any, ...]:
    """The dialogue and its moves as data `marshal` writes."""
    questions = [_plain_question(q) for q in dialogue.questions.values()]
    return dialogue.name, dialogue.version, dialogue.phases, questions, sorted(machine.move_keys)


def _plain_question(question: Question) -> dict[str, Any]:
    """Every field of the question (a variant, itself a question, as a nested dict; the
    versions for groups of co-funders as (group, dict) pairs)."""
    plain: dict[str, Any] = {}
    for name in Question._fields:
        value = getattr(question, name)
        if isinstance(value, Question):
            value = _plain_question(value)
        elif name == "variants":
            value = tuple((group, _plain_question(version)) for group, version in value)
        plain[name] = value
    return plain


def _question(data: dict[str, Any]) -> Question:
    values: dict[str, Any] = {name: _question(value) if isinstance(value, dict) else value for name, value in data.items()}
    values["variants"] = tuple((group, _question(version)) for group, version in values.get("variants", ()))
    return Question(**values)


def _checked() -> tuple[Any, ...]:
    dialogue = load_dialogue(cpf_path())
    return plain(dialogue, DialogueMachine(dialogue.order))


@cache
def _product() -> tuple[Dialogue, DialogueMachine]:
    name, version, phases, questions, move_keys = compiled(sources(), _checked)
    dialogue = Dialogue(name, version, phases, {q["field"]: _question(q) for q in questions})
    return dialogue, DialogueMachine(dialogue.order, move_keys)


def product_dialogue() -> Dialogue:
    return _product()[0]


def product_machine() -> DialogueMachine:
    return _product()[1]
