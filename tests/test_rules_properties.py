"""Properties of `assess` over any valid answers (built from bot.rules.situation.FIELDS) and any
date from 2019 to 2027."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue.definition import cpf_dialogue
from bot.rules import assess
from bot.rules.model import Assessment
from bot.rules.parameters import CONFIDENCE_ORDER
from bot.rules.situation import FIELDS, FieldSpec

ROOT = Path(__file__).resolve().parent.parent
ORDER = cpf_dialogue().order  # the interview order is the dialogue's
EXAMPLES = settings(max_examples=250, deadline=None)


def _strategy(spec: FieldSpec) -> st.SearchStrategy[Any]:
    match spec.kind:
        case "choice":
            base: st.SearchStrategy[Any] = st.sampled_from(spec.choices)
        case "bool":
            base = st.booleans()
        case "int":
            base = st.integers(int(spec.minimum or 0), int(spec.maximum or 10**6))
        case "number":
            base = st.decimals(spec.minimum or 0, spec.maximum or Decimal(100_000), places=2,
                               allow_nan=False, allow_infinity=False)
            if spec.positive:
                base = base.filter(lambda value: value > 0)
        case "date":
            base = st.dates(date(2018, 1, 1), date(2028, 12, 31))
    return st.one_of(st.none(), base) if spec.nullable else base


ANSWER_FIELDS = {name: _strategy(spec) for name, spec in FIELDS.items() if name != "as_of"}
answers_st = st.fixed_dictionaries({}, optional=ANSWER_FIELDS)
# Most people have a status; keep it present nine times out of ten.
situations = st.one_of(answers_st, *[answers_st.map(lambda a, s=s: {**a, "status": s})
                                      for s in FIELDS["status"].choices])
dates = st.dates(date(2019, 1, 1), date(2027, 12, 31))


@cache
def catalogs() -> dict[str, dict[str, str]]:
    found = {}
    for lang in ("fr", "en"):
        with (ROOT / "locales" / lang / "LC_MESSAGES" / "rules.po").open("rb") as f:
            found[lang] = {str(m.id): str(m.string) for m in read_po(f) if m.id}
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def check_messages(a: Assessment) -> None:
    items = [(f"explain.{e.code}", e.params) for e in a.explanations]
    items += [(f"next.{s.code}", s.params) for s in a.next_steps]
    for key, params in items:
        fr, en = catalogs()["fr"].get(key), catalogs()["en"].get(key)
        assert fr is not None and en is not None, key
        assert placeholders(fr) == placeholders(en), key
        assert placeholders(fr) <= set(params), (key, set(params))


@EXAMPLES
@given(situations, dates)
def test_assess_never_raises_and_is_consistent(answers: dict[str, Any], on: date) -> None:
    a = assess(answers, on)
    # Figures.
    assert 0 <= a.annual_credit <= a.cap
    assert a.unit in ("EUR", "hours")
    if a.balance is not None:
        assert a.balance >= 0
    assert a.participation.amount >= 0
    if a.participation.due:
        assert a.participation.amount > 0 and a.participation.exemption is None and a.account.open
    if not a.account.open:
        assert (a.annual_credit, a.cap, a.training, a.funding, a.employer) == (0, 0, None, None, None)
    if a.funding is not None:
        f = a.funding
        assert f.cpf_pays + f.remaining == f.cost
        assert 0 <= f.cpf_pays <= f.cost
        if a.balance is not None:
            assert f.cpf_pays <= a.balance
        if a.training is not None and a.training.cpf_cap is not None:
            assert f.cpf_pays <= a.training.cpf_cap
        if a.training is not None and not a.training.eligible:
            assert f.cpf_pays == 0
    if a.employer is not None and a.employer.ask_before is not None:
        assert a.employer.ask_before < answers["training_start"]
    # Relevance: read in interview order, missing = read and unanswered.
    positions = [ORDER.index(f) for f in a.relevant]
    assert positions == sorted(positions)
    assert set(a.missing) == {f for f in a.relevant if f not in answers}
    assert list(a.missing) == [f for f in a.relevant if f in a.missing]
    # Explanations: catalog entries with their placeholders; confidence no stronger than its parameters.
    check_messages(a)
    for e in a.explanations:
        for p in e.parameters:
            assert CONFIDENCE_ORDER[e.confidence] <= CONFIDENCE_ORDER[p.confidence], e.code
        assert all(s.strip() for s in e.sources)


@EXAMPLES
@given(situations, dates,
       st.decimals(0, 8784, places=2, allow_nan=False, allow_infinity=False),
       st.decimals(0, 8784, places=2, allow_nan=False, allow_infinity=False))
def test_credit_never_decreases_as_hours_grow(answers: dict[str, Any], on: date, h1: Decimal, h2: Decimal) -> None:
    low, high = sorted((h1, h2))
    assert assess({**answers, "annual_hours": low}, on).annual_credit <= \
        assess({**answers, "annual_hours": high}, on).annual_credit


def _some_value(spec: FieldSpec, on: date) -> Any:
    match spec.kind:
        case "choice":
            return spec.choices[0]
        case "bool":
            return False
        case "int":
            return int(spec.minimum or 1)
        case "number":
            return spec.minimum or Decimal(0)
    return on


@settings(max_examples=150, deadline=None)
@given(situations, dates)
def test_answering_a_missing_field_keeps_earlier_reads(answers: dict[str, Any], on: date) -> None:
    """The dialogue's loop: answering the first missing field never makes an earlier
    question irrelevant (no dead ends, no re-asking)."""
    a = assess(answers, on)
    if not a.missing:
        return
    first = a.missing[0]
    value = _some_value(FIELDS[first], on)
    b = assess({**answers, first: value}, on)
    before = a.relevant[: a.relevant.index(first) + 1]
    assert b.relevant[: len(before)] == before
    assert first not in b.missing


# ---------------------------------------------------------------- issue 10: the new fields

@settings(max_examples=80, deadline=None)
@given(situations, dates,
       st.decimals(0, 4000, places=2, allow_nan=False, allow_infinity=False),
       st.decimals(0, 4000, places=2, allow_nan=False, allow_infinity=False))
def test_credit_never_decreases_as_counted_leave_or_days_grow(answers: dict[str, Any], on: date, t1: Decimal,
                                                               t2: Decimal) -> None:
    low, high = sorted((t1, t2))
    for field in ("leave_time", "worked_days", "other_hours"):
        if field == "worked_days":
            low_v, high_v = min(low, Decimal(366)), min(high, Decimal(366))
        else:
            low_v, high_v = low, high
        assert assess({**answers, field: low_v}, on).annual_credit <= \
            assess({**answers, field: high_v}, on).annual_credit, field


@settings(max_examples=80, deadline=None)
@given(situations, dates)
def test_another_situation_never_lowers_the_credit_or_the_cap(answers: dict[str, Any], on: date) -> None:
    """The most favourable of several situations: adding one can only help."""
    alone = assess({**answers, "other_status": "none"}, on)
    for other in ("private_employee", "self_employed", "esat_worker"):
        both = assess({**answers, "other_status": other}, on)
        assert both.annual_credit >= alone.annual_credit and both.cap >= alone.cap, other


@settings(max_examples=80, deadline=None)
@given(situations, dates, st.integers(67, 120))
def test_from_67_no_rights_are_usable(answers: dict[str, Any], on: date, age: int) -> None:
    a = assess({**answers, "age": age}, on)
    assert not a.account.open
    assert a.account.reason in ("end_of_active_life", "not_registered", "status_unknown")


@settings(max_examples=80, deadline=None)
@given(situations, dates)
def test_other_rights_never_pay_the_participation_or_more_than_is_left(answers: dict[str, Any], on: date) -> None:
    a = assess(answers, on)
    if a.other_rights is not None:
        assert a.funding is not None
        assert 0 <= a.other_rights.can_pay <= a.funding.remaining - a.funding.participation
