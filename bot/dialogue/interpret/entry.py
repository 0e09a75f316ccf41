"""`interpret()`: the one reading of a typed input, in the engine's order of checks.

1. something shaped like a social security number is refused, whatever else it is;
2. a command (help, back, change 3, lang en...);
3. with no pending question, nothing else can be taken (`no_question`);
4. "I don't know";
5. the answer parsed by the question's kind (a date from the rules date, when given: see
   `dates`), then checked against the situation schema (an amount typed in euros where
   the question counts hours, or in hours where it counts euros, is refused:
   `counts_in_hours`, `counts_in_euros`):
   at a choice question a bare yes or no picks only a choice whose label opens with it
   ("Oui, à mi-temps ou plus"), and a number whose lone separator reads two ways
   ("1,200") is `Ambiguous` when both readings are valid answers.

A question's choices (labels and catalog synonyms in every language) are built once per
question and kept: read-only afterwards, so they are shared freely between threads.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from bot.dialogue.definition import Question
from bot.dialogue.interpret.choices import Choice, match_choice
from bot.dialogue.interpret.commands import parse_command
from bot.dialogue.interpret.dates import parse_date
from bot.dialogue.interpret.dont_know import is_dont_know
from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.numbers import parse_amount, parse_number, separator_readings, typed_unit
from bot.dialogue.interpret.outcomes import Ambiguous, DontKnow, Interpretation, Refused, Value
from bot.dialogue.interpret.ssn import looks_like_social_security_number
from bot.dialogue.interpret.text import key
from bot.dialogue.interpret.yes_no import parse_yes_no, whole_yes_no
from bot.i18n import LANGUAGES, translator
from bot.rules.situation import FIELDS, Problem, check_value


def choice_words(question: Question, value: str) -> tuple[str, ...]:
    """Everything that picks a choice: its label and its synonyms, in every language."""
    words = [translator(lang).text(question.choice_key(value)) for lang in LANGUAGES]
    for lang in LANGUAGES:
        tr = translator(lang)
        if tr.has(question.synonyms_key(value)):
            words += tr.text_template(question.synonyms_key(value)).split("|")
    return tuple(words)


@cache
def question_choices(question: Question) -> tuple[Choice, ...]:
    """The choices of a question, built once from the catalogs."""
    return tuple(Choice(value, choice_words(question, value)) for value in question.choices)


@cache
def _yes_no_labels(question: Question) -> tuple[tuple[str, bool | None], ...]:
    """Each choice's value and the yes (True) or no (False) its label opens with before a
    comma, in any language ("Non, moins qu'un mi-temps"); None for the others."""
    found = []
    for value in question.choices:
        labels = [translator(lang).text(question.choice_key(value)) for lang in LANGUAGES]
        openings = {whole_yes_no(label.split(",")[0]) for label in labels if "," in label} - {None}
        found.append((value, openings.pop() if len(openings) == 1 else None))
    return tuple(found)


def _yes_no_choice(question: Question, text: str, said: bool) -> str:
    """The choice a bare yes or no picks: a label that is that very word, else one whose
    label opens with it; several are ambiguous, none is `yes_no_at_choice`."""
    exact = [value for value, labels in zip(question.choices, (c.labels for c in question_choices(question)))
             if key(text) in map(key, labels[:len(LANGUAGES)])]
    hits = exact or [value for value, opening in _yes_no_labels(question) if opening is said]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AnswerError("ambiguous_choice", {"candidates": hits})
    raise AnswerError("yes_no_at_choice", {"candidates": list(question.choices)})


def _parse(question: Question, text: str, lang: str, today: date | None) -> Any:
    """The value of the text for the question's kind; raises AnswerError."""
    match question.kind:
        case "choice":
            said = whole_yes_no(text)
            if said is not None:
                return _yes_no_choice(question, text, said)
            return match_choice(text, question_choices(question))
        case "yes_no":
            return parse_yes_no(text)
        case "date":
            return parse_date(text, lang, today)
        case "money" if question.no_is_zero and (said := whole_yes_no(text)) is not None:
            if said:
                raise AnswerError("how_much")  # "If so, how much?": yes, but how much
            return 0
        case "money":
            amount = parse_amount(text, lang)
            if typed_unit(text) == "hours":
                raise AnswerError("counts_in_euros")  # "120 h" at a balance in euros
            return amount
        case _:
            number = parse_number(text, lang)
            if question.unit == "hours" and typed_unit(text) == "money":
                raise AnswerError("counts_in_hours")  # "120 €" at a balance in hours
            if FIELDS[question.field].kind != "int":
                return number
            if number != number.to_integral_value():
                raise AnswerError("not_whole")
            return int(number)


def _both_readings(question: Question, text: str, lang: str) -> tuple[Any, Any] | None:
    """Both readings of a number with an ambiguous separator, when both are valid answers."""
    readings = separator_readings(text, lang)
    if readings is None:
        return None
    whole = FIELDS[question.field].kind == "int"
    checked = [check_value(question.field, int(r) if whole and r == r.to_integral_value() else r) for r in readings]
    if any(isinstance(c, Problem) for c in checked) or (whole and any(r != r.to_integral_value() for r in readings)):
        return None
    return checked[0], checked[1]


def interpret(text: str, lang: str, question: Question | None, today: date | None = None) -> Interpretation:
    """What `text`, typed in a session of language `lang`, means for the pending `question`
    (None when there is none, as on the result screen); `today` is the session's rules
    date, from which a date question reads "demain", "3 juillet" and "03/07/27"."""
    if looks_like_social_security_number(text):
        return Refused("no_social_security_number")
    command = parse_command(text)
    if command is not None:
        return command
    if question is None:
        return Refused("no_question")
    if is_dont_know(text):
        return DontKnow()
    try:
        value = _parse(question, text, lang, today)
    except AnswerError as error:
        return Refused(error.code, error.params)
    if question.kind in ("money", "number") and (both := _both_readings(question, text, lang)):
        return Ambiguous(both)
    checked = check_value(question.field, value)
    if isinstance(checked, Problem):
        return Refused(checked.code, dict(checked.params))
    return Value(checked)
