"""What a turn takes and gives: events in, structured replies out (message keys and
typed parameters, the question, the assessment). Nothing here renders text."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, TypeAlias

from bot.dialogue.definition import Question
from bot.dialogue.session import Session

if TYPE_CHECKING:  # the first question imports no rules
    from bot.rules.model import Assessment, Explanation

MessageKind = Literal["text", "help", "error", "summary", "result"]
NO_PARAMS: Final[Mapping[str, Any]] = MappingProxyType({})  # the placeholders of a sentence that has none


# Values, all named tuples: every class here is defined at every start, and a frozen
# dataclass costs several times as much to define (and to make, at every turn).
class LegalSource(NamedTuple):
    """A rule's legal source as the rules report it ("Code du travail, art. R6323-1 I"): the
    renderer names it in the person's language."""

    text: str


class Shown(NamedTuple):
    """An answer to show a person: the renderer turns it into a label or a formatted value."""

    field: str
    value: Any
    # "hours" where the account counts in hours (public agents): a balance in hours, a choice
    # labelled as the question's hours version asks it; else the field's own.
    unit: str = ""
    # The version of the question it answers, by its group of co-funders (`Question.variants`):
    # a choice is labelled as that version asks it (a self-employed person's "my FAF").
    variant: str = ""


class Message(NamedTuple):
    """One thing the bot says: a catalog key and its placeholders, or an explanation."""

    kind: MessageKind
    key: str = ""
    params: Mapping[str, Any] = NO_PARAMS
    explanation: Explanation | None = None  # for "why" after the result


class Reply(NamedTuple):
    """What a turn gives back: the next session, the messages, the question or the result."""

    session: Session
    messages: tuple[Message, ...] = ()
    question: Question | None = None
    question_params: Mapping[str, Any] = NO_PARAMS  # for the question's sentence
    assessment: Assessment | None = None
    accepted: bool = True  # False: the input was rejected and the session is unchanged
    ended: bool = False
    confirmation: Message | None = None  # a yes/no asked about the last input (also the last message)
    # The assessment of the session's answers when the turn computed it, shown or not (the
    # web's progress reads it rather than computing it again); `assessment` is the result shown.
    assessed: Assessment | None = None


class Say(NamedTuple):
    """What a person typed, parsed as the terminal does."""

    text: str


class Answer(NamedTuple):
    """A structured answer, in the situation field's own JSON type."""

    value: Any


INFO_COMMANDS = frozenset({"help", "why", "summary"})  # they leave the session as it is
ECHO = "dialog.understood"  # the message saying how a typed answer was read ("→ 1 200 €")

if TYPE_CHECKING:
    from bot.dialogue.interpret import Command

    Event: TypeAlias = Say | Answer | Command


def __getattr__(name: str) -> Any:
    """`Event` is made on first use: it names the reader's `Command`, and the first
    question reads no input (start-up imports only what the first question needs)."""
    if name == "Event":
        from bot.dialogue.interpret import Command

        event = Say | Answer | Command
        globals()["Event"] = event
        return event
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
