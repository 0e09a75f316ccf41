"""What the rules core returns: codes, numbers and provenance, never sentences.

The rendering layer turns each `Explanation` and `NextStep` into a sentence of the
person's language from the catalogs (`explain.<code>`, `next.<code>`), formatting
the typed placeholders (`Money`, `Hours`, `Days`, dates) with babel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal, NamedTuple

from bot.rules.parameters import CONFIDENCE_ORDER, Confidence, ParamValue

Unit = Literal["EUR", "hours"]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Money:
    """An amount in euros, to the cent."""

    amount: Decimal


@dataclass(frozen=True)
class Hours:
    """A number of hours (accounts of public agents before the conversion to euros)."""

    amount: Decimal


@dataclass(frozen=True)
class Days:
    """A number of days."""

    count: int


@dataclass(frozen=True)
class Term:
    """A code shown to people through the catalog (`term.<code>`), e.g. a status."""

    code: str


Placeholder = Money | Hours | Days | Term | date | int | str | Decimal


def round_cent(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def round_cent_up(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_CEILING)


def quantity(amount: Decimal, unit: Unit) -> Money | Hours:
    """An amount as a placeholder of the account's unit."""
    return Money(amount) if unit == "EUR" else Hours(amount)


@dataclass(frozen=True)
class Explanation:
    """One figure or verdict, the rule behind it and its sources."""

    code: str
    params: dict[str, Placeholder] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    confidence: Confidence = "V"
    parameters: tuple[ParamValue, ...] = ()

    @property
    def needs_confirmation(self) -> bool:
        return self.confidence != "V"

    @classmethod
    def of(cls, found: Explained) -> Explanation:
        """The explanation a rule recorded: its own sources, then those of the parameters it
        used; its confidence lowered to the weakest of theirs."""
        code, params, sources, confidence, used = found
        refs = dict.fromkeys(sources)  # in order, each once
        for value in used:  # as `Explanation.weakest`
            refs[value.source] = None
            if CONFIDENCE_ORDER[value.confidence] < CONFIDENCE_ORDER[confidence]:
                confidence = value.confidence
        return cls(code, dict(params), tuple(refs), confidence, used)

    @staticmethod
    def weakest(*marks: Confidence) -> Confidence:
        return min(marks, key=CONFIDENCE_ORDER.__getitem__)


# What a rule records of an explanation, made into an `Explanation` only when read: code,
# params, the rule's own sources and confidence, the parameters used.
Explained = tuple[str, dict[str, Placeholder], Iterable[str], Confidence, tuple[ParamValue, ...]]


@dataclass(frozen=True)
class NextStep:
    """Something the person can do next (`next.<code>` in the catalogs)."""

    code: str
    params: dict[str, Placeholder] = field(default_factory=dict)


class Account(NamedTuple):
    """Whether the person has an account, and why."""

    open: bool
    reason: str


class Training(NamedTuple):
    """Whether the training is eligible, why, and the CPF's cap for it."""

    eligible: bool
    reason: str
    cpf_cap: Decimal | None


class Exemption(StrEnum):
    """Why no flat participation is due (CONTRACT.md `participation.exemption`)."""

    JOB_SEEKER = "job_seeker"
    EMPLOYER_COFUNDING = "employer_cofunding"
    C2P = "c2p"
    INCAPACITY = "incapacity"
    HOURS_ACCOUNT = "hours_account"


class Participation(NamedTuple):
    """The flat participation, whether it is due, and why not."""

    amount: Decimal
    due: bool
    exemption: Exemption | None


class Funding(NamedTuple):
    """What the training costs and who pays what."""

    cost: Decimal
    participation: Decimal
    cpf_pays: Decimal
    remaining: Decimal
    # What a co-funding announced with its amount pays of the remaining amount (never the
    # participation, which is the holder's); None when no amount is known.
    cofunding: Decimal | None = None


class OtherRights(NamedTuple):
    """Other accounts the person can add to a training's funding: C2P points, CEC rights."""

    c2p: Decimal | None  # the points' training value in euros
    cec: Decimal | None  # the citizen engagement account's rights, within its cap
    can_pay: Decimal     # what they can pay of the rest to find (never the participation)


class Employer(NamedTuple):
    """Whether the employer must agree, and by when to ask."""

    agreement_needed: bool
    ask_before: date | None
    reply_days: int | None
    silence_is_acceptance: bool


@dataclass(frozen=True)
class Assessment:
    """Everything the rules say about one situation on one date."""

    as_of: date
    account: Account
    unit: Unit
    annual_credit: Decimal
    cap: Decimal
    balance: Decimal | None
    balance_estimated: bool
    training: Training | None
    participation: Participation
    funding: Funding | None
    employer: Employer | None
    next_steps: tuple[NextStep, ...]
    explained: tuple[Explained, ...]  # see `explanations`
    # The fields the rules read for this person (relevant) and those still unanswered.
    relevant: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    other_rights: OtherRights | None = None

    @cached_property
    def explanations(self) -> tuple[Explanation, ...]:
        """Each figure's explanation, in the order the rules found them: made on first
        reading (a turn that only moves on to the next question reads none)."""
        return tuple(map(Explanation.of, self.explained))
