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
`session` key: `{"ok": true, "messages", "question", "assessment", "ended"}`, or
`{"ok": false, "error": {"code", "message"}}` for a refused input, which leaves the
conversation as it was. `cpf-bot serve` builds its responses with the same functions.
Answers are in the situation's JSON types (`"2026-09-01"` for a date, numbers as int or
float). Texts are in the conversation's current language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.dialogue.engine import Answer, Event, Reply, Say
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from bot.channels.protocol import COMMANDS, Rejected, event_of, rejected, reply_json, start_reply, turn_reply
from bot.dialogue.engine import cpf_engine as engine
from bot.render.assessment import assessment_json
from bot.render.problems import problems_lines
from bot.rules import RulesDateError
from bot.rules import assess as assess_rules
from bot.dialogue.session import Session
from bot.rules.situation import Problem, SituationError, check_value, validate

__all__ = ["COMMANDS", "Conversation", "Rejected", "assess", "start"]


def _date_text(value: dt.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


class Conversation:
    """One person's conversation. `reply` is the last accepted reply (what the person sees).

    `say`, `answer`, `command` and `step` return the response to that input and never
    raise on bad input: a refused input gives `ok: false` and changes nothing.
    """

    def __init__(self, session: Session, reply: Reply) -> None:
        self._session = session
        self.reply: dict[str, Any] = reply_json(reply, engine().dialogue)

    # -- state --------------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The engine's session value (immutable)."""
        return self._session

    @property
    def lang(self) -> str:
        return self._session.lang

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
        return {"as_of": self._session.as_of.isoformat(), **self._session.to_dict()["answers"]}

    @property
    def sources(self) -> dict[str, str]:
        """Who gave each answer: "person" or "agent" (pre-filled with `known`)."""
        return dict(self._session.sources)

    def assessment(self) -> dict[str, Any]:
        """The assessment of the answers so far (conservative defaults for the rest)."""
        return assessment_json(engine().assessment(self._session), translator(self.lang))

    # -- turns --------------------------------------------------------------------

    def step(self, event: str | Event) -> dict[str, Any]:
        """One turn: text as typed (a `str`, like `say`), or an engine event."""
        return self._turn(Say(event) if isinstance(event, str) else event)

    def say(self, text: str) -> dict[str, Any]:
        """What the person typed, read as the terminal reads it (commands included)."""
        return self._turn(Say(text))

    def answer(self, value: Any) -> dict[str, Any]:
        """A structured answer to the pending question, in the field's JSON type."""
        return self._turn(Answer(value))

    def command(self, name: str) -> dict[str, Any]:
        """One of `COMMANDS`: "back", "restart", "summary", "help", "why", "end", "lang:en", "lang:fr"."""
        try:
            event = event_of("command", name, self.lang)
        except Rejected as error:
            return error.to_json()
        return self._turn(event)

    def _turn(self, event: Event) -> dict[str, Any]:
        try:
            reply = turn_reply(engine(), self._session, event)
        except Rejected as error:
            return error.to_json()
        self._session = reply.session
        self.reply = reply_json(reply, engine().dialogue)
        return self.reply

    # -- saving -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The conversation as plain JSON data (versioned); `from_dict` resumes it."""
        return self._session.to_dict()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Conversation:
        """A conversation saved with `to_dict`, resumed where it was (with a notice if the
        questionnaire changed since). Raises Rejected (`session_format`) if it is not one."""
        raw_lang = data.get("lang") if isinstance(data, Mapping) else None
        lang = raw_lang if isinstance(raw_lang, str) and raw_lang in LANGUAGES else DEFAULT_LANGUAGE
        try:
            session = Session.from_dict(data)
        except (ValueError, KeyError, TypeError, AttributeError):  # SituationError is a ValueError
            raise rejected("session_format", lang, "protocol.session_format") from None
        reply = engine().resume(session)
        return cls(reply.session, reply)

    def __repr__(self) -> str:
        question = self.question["id"] if self.question else None
        return f"<Conversation lang={self.lang} question={question} ended={self.ended}>"


def start(lang: str = DEFAULT_LANGUAGE, date: dt.date | str | None = None,
          known: Mapping[str, Any] | None = None) -> Conversation:
    """A new conversation in `lang` ("fr" or "en"), with the rules of `date` (default today).

    `known` pre-fills answers (a situation, JSON types): they are validated, never asked,
    and the summary shows them as given by the adviser. Raises Rejected: `bad_language`,
    `bad_date`, `invalid_known` (its message lists every problem).
    """
    spec = {"lang": lang, "date": _date_text(date), "known": known}
    error_lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    reply = start_reply(engine(), spec, error_lang, dt.date.today)
    return Conversation(reply.session, reply)


def assess(situation: Mapping[str, Any], date: dt.date | str | None = None, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The assessment (CONTRACT.md) of a situation, as `cpf-bot assess` prints it.

    The rules date is the situation's `as_of`, else `date`, else today. Raises Rejected:
    `bad_language`, `bad_date`, `invalid_situation` (its message lists every problem).
    """
    if lang not in LANGUAGES:
        raise rejected("bad_language", DEFAULT_LANGUAGE, "protocol.bad_language", value=str(lang))
    tr = translator(lang)
    try:
        answers = validate(situation)
    except SituationError as error:
        lines = problems_lines("error.situation_invalid", error.problems, tr)
        raise Rejected("invalid_situation", "\n".join(lines)) from None
    as_of = dt.date.today() if date is None else check_value("as_of", date)
    if isinstance(as_of, Problem):
        raise rejected("bad_date", lang, "protocol.bad_date", value=str(date))
    try:
        return assessment_json(assess_rules(answers, answers.get("as_of") or as_of), tr)
    except RulesDateError as error:
        raise rejected("bad_date", lang, "error.rules_date", earliest=error.earliest) from None
