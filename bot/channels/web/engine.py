"""The web channel's engine: the product's, with the assessment of recent answers kept.

A turn's reply and its progress (and a session's details) need the assessment of the
same answers: the engine computes it while it moves to the next question, the progress
asks again. Assessments are pure values of (answers, rules date), immutable, so the last
few are kept and asked for again at no cost. Nothing else of the engine changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Final

from bot.dialogue.definition import Dialogue, cpf_dialogue
from bot.dialogue.engine import Engine
from bot.dialogue.session import Session
from bot.rules.model import Assessment

KEPT: Final = 256  # assessments: a few per live request is enough


class CachingEngine(Engine):
    def __init__(self, dialogue: Dialogue) -> None:
        super().__init__(dialogue)
        self._kept: OrderedDict[Any, Assessment] = OrderedDict()
        self._lock = threading.Lock()

    def assessment(self, session: Session) -> Assessment:
        try:
            key = (session.as_of, frozenset(session.answers.items()))
            hash(key)
        except TypeError:  # an answer that cannot be a key: compute it, as the engine does
            return super().assessment(session)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        found = super().assessment(session)
        with self._lock:
            self._kept[key] = found
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return found


def web_engine() -> CachingEngine:
    return CachingEngine(cpf_dialogue())
