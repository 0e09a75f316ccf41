"""A conversation's state as plain, serialisable data.

Sessions are values: the engine never changes one, it returns the next. So a rejected
input leaves the session exactly as it was, and a session can be saved anywhere as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from bot.i18n import LANGUAGES
from bot.rules import earliest_date
from bot.rules.situation import to_json_value, validate

Source = Literal["person", "agent"]
FORMAT = 1  # version of the serialised form


@dataclass(frozen=True)
class Session:
    lang: str
    as_of: date
    answers: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # optional questions the person could not answer
    state: str = "start"  # the engine machine's state: "start", a field, "result", "ended"
    dialogue: str = "cpf"
    dialogue_version: int = 1

    def with_answer(self, name: str, value: Any, source: Source) -> Session:
        return replace(
            self,
            answers={**self.answers, name: value},
            sources={**self.sources, name: source},
            skipped=tuple(f for f in self.skipped if f != name),
        )

    def with_skipped(self, name: str) -> Session:
        answers = {k: v for k, v in self.answers.items() if k != name}
        sources = {k: v for k, v in self.sources.items() if k != name}
        return replace(self, answers=answers, sources=sources,
                       skipped=tuple(f for f in self.skipped if f != name) + (name,))

    def without(self, names: set[str]) -> Session:
        """The session with these fields forgotten (answers that no longer apply)."""
        if not names:
            return self
        return replace(
            self,
            answers={k: v for k, v in self.answers.items() if k not in names},
            sources={k: v for k, v in self.sources.items() if k not in names},
            skipped=tuple(f for f in self.skipped if f not in names),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "dialogue": self.dialogue,
            "dialogue_version": self.dialogue_version,
            "lang": self.lang,
            "as_of": self.as_of.isoformat(),
            "answers": {k: to_json_value(v) for k, v in self.answers.items()},
            "sources": dict(self.sources),
            "skipped": list(self.skipped),
            "state": self.state,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Session:
        """A session back from `to_dict`; raises ValueError (or SituationError) if it is not one."""
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise ValueError("not a session")
        answers = validate(data["answers"], require_status=False)
        as_of = date.fromisoformat(data["as_of"])
        if data["lang"] not in LANGUAGES or as_of < earliest_date():
            raise ValueError("not a session: unknown language or a date before the rules")
        sources = {k: v for k, v in data.get("sources", {}).items() if k in answers and v in ("person", "agent")}
        return cls(
            lang=str(data["lang"]),
            as_of=as_of,
            answers=answers,
            sources={k: sources.get(k, "person") for k in answers},
            skipped=tuple(str(f) for f in data.get("skipped", [])),
            state=str(data.get("state", "start")),
            dialogue=str(data.get("dialogue", "cpf")),
            dialogue_version=int(data.get("dialogue_version", 0)),
        )
