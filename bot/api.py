"""The public Python API: CPF conversations and assessments as plain JSON-like data.

    import bot

    chat = bot.start(lang="en", date="2026-06-01", known={"status": "private_employee"})
    while not chat.ended and chat.question is not None:
        print(chat.question["text"])
        response = chat.say(input("> "))   # or chat.answer(40), chat.command("back")
        for message in response.get("messages", []):
            print(message["text"])
        if not response["ok"]:
            print(response["error"]["message"])
    saved = chat.to_dict()                   # plain JSON: store it anywhere
    chat = bot.Conversation.from_dict(saved) # and carry on later

Every reply is the response object of the JSON-lines protocol (CONTRACT.md) without its
`session` key: `{"ok": true, "messages", "question", "assessment", "ended", "turn"}`, or
`{"ok": false, "error": {"code", "message"}}` for a refused input, which leaves the
conversation as it was. `cpf-bot serve` builds its responses with the same service.
Answers are in the situation's JSON types (`"2026-09-01"` for a date, numbers as int or
float; a `date` or `datetime` is taken as its date). Texts are in the conversation's
current language. `engine=` and `today=` replace the product's engine and clock (tests,
variant dialogues). Conversations are independent: use them from any threads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from bot.dialogue import codec
from bot.dialogue.interpret import Command
from bot.dialogue.engine import Engine, cpf_engine
from bot.dialogue.reply import Answer, Event, Reply, Say
from bot.dialogue.session import Session
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from bot.render.assessment import assessment_json
from bot.render.json_view import reply_json
from bot.render.problems import problems_lines
from bot.rules import RulesDateError
from bot.rules import assess as assess_rules
from bot.rules.situation import SituationError, validate
from bot.dates import rules_date
from bot.service.conversation import as_date_value, bad_date, start_reply, turn_reply
from bot.service.requests import COMMANDS, Rejected, event_of, rejected, shown

__all__ = ["COMMANDS", "Conversation", "Rejected", "assess", "start"]


def _language(lang: object) -> str:
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


class Conversation:
    """One person's conversation. `reply` is the last accepted reply (what the person sees).

    `say`, `answer`, `command` and `step` return the response to that input and never
    raise on bad input: a refused input gives `ok: false` and changes nothing.
    """

    def __init__(self, session: Session, reply: Reply, engine: Engine | None = None) -> None:
        self._engine = engine or cpf_engine()
        self._session = session
        self.reply: dict[str, Any] = reply_json(reply, self._engine.dialogue)

    # -- state --------------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The engine's session value (immutable)."""
        return self._session

    @property
    def lang(self) -> str:
        return self._session.lang

    @property
    def turn(self) -> int:
        """The number of accepted turns that changed the conversation (safe retries)."""
        return self._session.turn

    @property
    def ended(self) -> bool:
        """True once the person has left (`end`); a finished assessment can still be discussed."""
        return bool(self.reply["ended"])

    @property
    def question(self) -> dict[str, Any] | None:
        """The pending question (`id`, `kind`, `text`, `choices`, `optional`), or None."""
        question: dict[str, Any] | None = self.reply["question"]
        return question

    @property
    def answers(self) -> dict[str, Any]:
        """The answers so far, as a situation (JSON values), with `as_of`."""
        return {"as_of": self._session.as_of.isoformat(), **codec.encode(self._session)["answers"]}

    @property
    def sources(self) -> dict[str, str]:
        """Who gave each answer: "person" or "agent" (pre-filled with `known`)."""
        return dict(self._session.sources)

    def assessment(self) -> dict[str, Any]:
        """The assessment of the answers so far (conservative defaults for the rest)."""
        return assessment_json(self._engine.assessment(self._session), translator(self.lang))

    # -- turns --------------------------------------------------------------------

    def step(self, event: str | Event, turn: int | None = None) -> dict[str, Any]:
        """One turn: text as typed (a `str`, like `say`), or an engine event."""
        if isinstance(event, str):
            return self._turn(Say(event), turn)
        if not isinstance(event, (Say, Answer, Command)):
            return rejected("bad_request", self.lang, "protocol.not_an_event", value=shown(event, self.lang)).to_json()
        return self._turn(event, turn)

    def say(self, text: str, turn: int | None = None) -> dict[str, Any]:
        """What the person typed, read as the terminal reads it (commands included)."""
        try:
            event = event_of("say", text, self.lang)
        except Rejected as error:
            return error.to_json()
        return self._turn(event, turn)

    def answer(self, value: Any, turn: int | None = None) -> dict[str, Any]:
        """A structured answer to the pending question, in the field's JSON type."""
        return self._turn(Answer(as_date_value(value)), turn)

    def command(self, name: str, turn: int | None = None) -> dict[str, Any]:
        """One of `COMMANDS`: "back", "restart", "summary", "help", "why", "end", "lang:en", "lang:fr"."""
        try:
            event = event_of("command", name, self.lang)
        except Rejected as error:
            return error.to_json()
        return self._turn(event, turn)

    def _turn(self, event: Event, turn: int | None) -> dict[str, Any]:
        try:
            reply = turn_reply(self._engine, self._session, event, turn)
        except Rejected as error:
            return error.to_json()
        self._session = reply.session
        self.reply = reply_json(reply, self._engine.dialogue)
        return self.reply

    # -- saving -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The conversation as plain JSON data (versioned); `from_dict` resumes it."""
        return codec.encode(self._session)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], engine: Engine | None = None) -> Conversation:
        """A conversation saved with `to_dict`, resumed where it was (with a notice if the
        questionnaire or the rules changed since). Raises Rejected (`session_format`) if
        it is not one."""
        lang = _language(data.get("lang") if isinstance(data, Mapping) else None)
        try:
            session = codec.decode(data)
        except codec.SessionFormatError:
            raise rejected("session_format", lang, "protocol.session_format") from None
        engine = engine or cpf_engine()
        reply = engine.resume(session)
        return cls(reply.session, reply, engine)

    def __repr__(self) -> str:
        question = self.question["id"] if self.question else None
        return f"<Conversation lang={self.lang} question={question} ended={self.ended}>"


def start(lang: str = DEFAULT_LANGUAGE, date: dt.date | str | None = None,
          known: Mapping[str, Any] | None = None, *, engine: Engine | None = None,
          today: Callable[[], dt.date] = dt.date.today) -> Conversation:
    """A new conversation in `lang` ("fr" or "en"), with the rules of `date` (default today).

    `known` pre-fills answers (a situation, JSON types): they are validated, never asked,
    and the summary shows them as given by the adviser. Raises Rejected: `bad_language`,
    `bad_date`, `invalid_known` (its message lists every problem).
    """
    engine = engine or cpf_engine()
    spec = {"lang": lang, "date": as_date_value(date), "known": known}
    reply = start_reply(engine, spec, _language(lang), today)
    return Conversation(reply.session, reply, engine)


def assess(situation: Mapping[str, Any], date: dt.date | str | None = None, lang: str = DEFAULT_LANGUAGE,
           *, today: Callable[[], dt.date] = dt.date.today) -> dict[str, Any]:
    """The assessment (CONTRACT.md) of a situation, as `cpf-bot assess` prints it.

    The rules date is the situation's `as_of`, else `date`, else today. Raises Rejected:
    `bad_language`, `bad_date`, `invalid_situation` (its message lists every problem).
    """
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise rejected("bad_language", DEFAULT_LANGUAGE, "protocol.bad_language", value=shown(lang, DEFAULT_LANGUAGE))
    tr = translator(lang)
    try:
        answers = validate({k: as_date_value(v) for k, v in situation.items()}
                           if isinstance(situation, Mapping) else situation)
    except SituationError as error:
        lines = problems_lines("error.situation_invalid", error.problems, tr)
        raise Rejected("invalid_situation", "\n".join(lines)) from None
    as_of = today() if date is None else rules_date(as_date_value(date))
    if not isinstance(as_of, dt.date):
        raise bad_date(as_of, shown(date, lang), lang)
    try:
        return assessment_json(assess_rules(answers, answers.get("as_of") or as_of), tr)
    except RulesDateError as error:
        raise rejected("bad_date", lang, "error.rules_date", earliest=error.earliest) from None
