"""The dialogue definition (`dialogs/*.toml`) as validated data.

A dialogue lists one question per situation field, grouped in phases, in interview
order. Loading checks everything a person could reach, so a broken definition fails at
start-up, not mid-conversation: every situation field has exactly one question, kinds
and choices agree with the situation schema, every "why" parameter exists, and every
message (question, short name, help, why, choice labels) is in every catalog with the
placeholders the definition fills.
"""

from __future__ import annotations

from functools import cache
import os
from typing import Any, Literal, NamedTuple

from bot.i18n import LANGUAGES, placeholders, translator
from bot.paths import data_dir
from bot.rules.parameters import parameters
from bot.rules.situation import FIELDS

QuestionKind = Literal["choice", "yes_no", "number", "money", "date"]
# What a number question counts, for the example its error gives ("answer.not_a_number.<unit>").
UNITS = ("number", "money", "age", "hours", "days", "months", "years", "points")
# Which question kinds can ask a field of each schema kind.
COMPATIBLE: dict[str, tuple[str, ...]] = {
    "choice": ("choice",), "bool": ("yes_no",), "int": ("number",),
    "number": ("number", "money"), "date": ("date",),
}
NOT_ASKED = ("as_of",)  # the rules date is a session setting, not a question
# The placeholders of a date question's help and errors: an example date it accepts, derived
# from the rules date (`bot.dialogue.params.date_examples`), in words and in digits.
DATE_EXAMPLES = ("example", "example_numeric")


class Question(NamedTuple):
    """One question: the situation field it asks, how, and the parameters its sentences show.
    (A named tuple, as `Dialogue`: defined at every start, where a frozen dataclass costs
    several times as much to define.)"""

    field: str
    kind: QuestionKind
    phase: str
    choices: tuple[str, ...] = ()
    optional: bool = False
    params: tuple[tuple[str, str], ...] = ()  # (placeholder, parameter name) for its sentences
    unit: str = ""  # what a number or money question counts (UNITS)
    variant: str = ""  # "in_hours": how the question is asked where the rights are in hours
    in_hours: Question | None = None  # the variant for an account in hours (public agents)
    dated: bool = False  # a parameter is a date: "why" says "since" it, or "from" it while upcoming
    no_is_zero: bool = False  # "Do you have … ? If so, how much?": a plain "no" answers 0
    from_rules_date: bool = False  # a date that plans something: not before the rules date
    employer_choices: tuple[str, ...] = ()  # offered only to a person who has an employer
    # The versions asked of whom another co-funds (`[question.<field>.for.<group>]`, a
    # `bot.rules.regimes.TopUps` group: the self-employed, ESAT workers…), each with its own
    # choices (some of the field's), sentences, labels and synonyms.
    variants: tuple[tuple[str, Question], ...] = ()
    # The choice question that follows, when the words of this answer may name its choice
    # too: "permis B" answers the training (a driving licence) and the licence (B).
    also_answers: str = ""

    def variant_for(self, group: str) -> Question | None:
        """The version asked of people of `group`, if the question has one."""
        return next((question for name, question in self.variants if name == group), None)

    def key(self, part: str) -> str:
        """The catalog message of `part` (question, help, why; the short name is the field's)."""
        if self.variant and part != "field":
            return f"{part}.{self.field}.{self.variant}"
        return f"{part}.{self.field}"

    @property
    def keys(self) -> tuple[str, ...]:
        """Every catalog message this question shows."""
        own = tuple(self.key(part) for part in ("question", "field", "help", "why"))
        upcoming = (self.upcoming_why_key,) if self.dated else ()
        example: tuple[str, ...] = (f"answer.not_a_number.{self.unit}",) if self.unit else ()
        if self.unit and FIELDS[self.field].positive:  # "more than 0", in what it counts
            example += (f"answer.not_positive.{self.unit}",)
        other_unit = (f"answer.counts_in_hours.{self.field}", f"answer.counts_in_euros.{self.field}") \
            if self.follows_account else ()
        return own + upcoming + example + other_unit + tuple(self.choice_key(value) for value in self.choices)

    @property
    def follows_account(self) -> bool:
        """An amount asked in euros or in hours as the person's account counts (the balance);
        a choice with an hours version (co-funding) only changes its words."""
        return self.kind in ("money", "number") and (self.in_hours is not None or self.variant == "in_hours")

    @property
    def upcoming_why_key(self) -> str:
        """The "why" sentence while a date it names is after the rules date ("From …", not "Since …")."""
        return f"{self.key('why')}.upcoming"

    def choice_key(self, value: str) -> str:
        """A choice's label; a variant has its own labels (`choice.cofunding.in_hours.employer`)."""
        return f"choice.{self._own()}.{value}"

    def synonyms_key(self, value: str) -> str:
        """Optional: other words for a choice, "|"-separated, in each language's catalog; a
        variant has its own, so a word that means a choice elsewhere need not mean it here."""
        return f"synonyms.{self._own()}.{value}"

    def _own(self) -> str:
        return f"{self.field}.{self.variant}" if self.variant else self.field


class Dialogue(NamedTuple):
    """A checked dialogue definition: its phases and its questions."""

    name: str
    version: int
    phases: tuple[tuple[str, tuple[str, ...]], ...]
    questions: dict[str, Question]  # in interview order

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(self.questions)


class DialogueError(ValueError):
    def __init__(self, path: str | os.PathLike[str], problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.problems = problems


def _question(field: str, phase: str, raw: dict[str, Any], problems: list[str],
              variant: str = "") -> Question | None:
    spec = FIELDS.get(field)
    if spec is None:
        problems.append(f"{field}: not a situation field")
        return None
    kind = raw.get("kind")
    if kind not in COMPATIBLE[spec.kind]:
        problems.append(f"{field}: kind {kind!r} cannot ask a {spec.kind} field")
        return None
    choices = tuple(raw.get("choices", ()))
    if variant and not set(choices) <= set(spec.choices):  # a version offers some of the choices
        problems.append(f"{field}.{variant}: choices must be among {', '.join(spec.choices)}")
    params = tuple(sorted(raw.get("params", {}).items()))
    known = parameters()
    problems += [f"{field}: unknown parameter {name!r}" for _, name in params if name not in known]
    allowed = {"kind", "choices", "optional", "params", "unit", "no_is_zero", "from_rules_date", "employer_choices", "also_answers"} | ({"in_hours", "for"} if not variant else set())
    problems += [f"{field}: unknown key {key!r}" for key in sorted(set(raw) - allowed)]
    unit = "money" if kind == "money" else str(raw.get("unit", "number")) if kind == "number" else ""
    if unit and unit not in UNITS or (kind == "money" and raw.get("unit", "money") != "money"):
        problems.append(f"{field}: unit {raw.get('unit')!r} is not one of {', '.join(UNITS)}")
    optional = bool(raw.get("optional", False))
    in_hours = None
    if "in_hours" in raw and not variant:
        # The same field asked in hours: it keeps the question's phase, kind, choices, parameters and
        # optionality unless it says otherwise; its messages and choice labels are its own.
        kept: dict[str, Any] = {name: raw[name] for name in ("kind", "choices", "params", "employer_choices") if name in raw}
        in_hours = _question(field, phase, {"optional": optional, **kept, **raw["in_hours"]}, problems, "in_hours")
    variants = _variants(field, phase, raw, optional, problems) if not variant else ()
    if not variant and spec.kind == "choice":  # every choice is offered to someone
        offered = set(choices).union(*(q.choices for _, q in variants))
        if not set(choices) <= set(spec.choices) or sorted(offered) != sorted(spec.choices):
            problems.append(f"{field}: choices must be exactly {', '.join(spec.choices)}")
    dated = any(name in known and known[name].unit == "date" for _, name in params)
    no_is_zero = raw.get("no_is_zero", False) is True
    if no_is_zero and kind not in ("money", "number"):
        problems.append(f"{field}: no_is_zero is for a number or an amount")
    from_rules_date = raw.get("from_rules_date", False) is True
    if from_rules_date and kind != "date":
        problems.append(f"{field}: from_rules_date is for a date")
    employer_choices = tuple(raw.get("employer_choices", ()))
    if not set(employer_choices) <= set(choices):
        problems.append(f"{field}: employer_choices must be among its choices")
    also_answers = str(raw.get("also_answers", ""))
    if also_answers and (kind != "choice" or also_answers == field or also_answers not in FIELDS
                         or FIELDS[also_answers].kind != "choice"):
        problems.append(f"{field}: also_answers names another choice field, for a choice question")
    return Question(field, kind, phase, choices, optional, params, unit, variant, in_hours, dated, no_is_zero,
                    from_rules_date, employer_choices, variants, also_answers)


def _variants(field: str, phase: str, raw: dict[str, Any], optional: bool,
              problems: list[str]) -> tuple[tuple[str, Question], ...]:
    """The question's versions for some co-funding groups (`for`), each keeping the
    question's kind, choices and parameters unless it says otherwise."""
    from bot.rules.regimes import TopUps

    found = []
    kept: dict[str, Any] = {name: raw[name] for name in ("kind", "choices", "params") if name in raw}
    for group, spec in raw.get("for", {}).items():
        if group not in set(TopUps) or group == TopUps.ADMINISTRATION:  # public agents: `in_hours`
            problems.append(f"{field}: {group!r} is not a group of co-funders with its own version")
            continue
        question = _question(field, phase, {"optional": optional, **kept, **spec}, problems, group)
        if question is not None:
            found.append((group, question))
    return tuple(found)


def _check_messages(question: Question, problems: list[str]) -> None:
    """Every message exists in every language and fills its placeholders from `params`; a
    date question's may show its example date, and its help does."""
    declared = {name for name, _ in question.params}
    examples = set(DATE_EXAMPLES) if question.kind == "date" else set()
    for lang in LANGUAGES:
        tr = translator(lang)
        used: set[str] = set()
        for key in question.keys:
            if not tr.has(key):
                problems.append(f"{question.field}: message {key!r} missing in {lang}")
                continue
            found = placeholders(tr.text_template(key))
            problems += [f"{question.field}: {key!r} in {lang} has {{{name}}} but no such param"
                         for name in sorted(found - declared - examples)]
            if key == question.key("help") and examples - found:
                problems.append(f"{question.field}: {key!r} in {lang} gives no example date")
            used |= found
        problems += [f"{question.field}: param {name!r} unused in {lang}" for name in sorted(declared - used)]


def load_dialogue(path: str | os.PathLike[str]) -> Dialogue:
    """A dialogue definition, checked; raises DialogueError naming every problem."""
    import tomllib  # only when a definition is read: the product's is read compiled

    with open(path, "rb") as f:
        raw = tomllib.load(f)
    problems: list[str] = []
    questions: dict[str, Question] = {}
    phases: list[tuple[str, tuple[str, ...]]] = []
    definitions: dict[str, Any] = raw.get("question", {})
    for phase in raw.get("phase", []):
        fields = tuple(phase["fields"])
        phases.append((phase["name"], fields))
        for field in fields:
            if field in questions:
                problems.append(f"{field}: in two phases")
            elif field not in definitions:
                problems.append(f"{field}: listed in phase {phase['name']!r} but has no question")
            elif (question := _question(field, phase["name"], definitions[field], problems)) is not None:
                questions[field] = question
    problems += [f"{field}: defined but in no phase" for field in definitions if field not in questions]
    problems += [f"{field}: situation field without a question" for field in FIELDS
                 if field not in definitions and field not in NOT_ASKED]
    for question in questions.values():
        _check_messages(question, problems)
        for version in (question.in_hours, *(q for _, q in question.variants)):
            if version is not None:
                _check_messages(version, problems)
    if problems:
        raise DialogueError(path, problems)
    return Dialogue(str(raw.get("name", os.path.splitext(os.path.basename(path))[0])), int(raw["version"]), tuple(phases), questions)


def cpf_path() -> str:
    """The product's dialogue definition."""
    return os.path.join(data_dir("dialogs"), "cpf.toml")


@cache
def cpf_dialogue() -> Dialogue:
    """The product's dialogue, loaded and checked once (see `bot.dialogue.product`)."""
    from bot.dialogue.product import product_dialogue

    return product_dialogue()
