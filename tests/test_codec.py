"""`codec.read_back`: the session a store keeps beside the row it wrote is, value for value,
the one `decode` reads back from that row, and None wherever `decode` would differ."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue import codec
from bot.dialogue.session import Confirmation, Session, evolve, whole
from bot.rules.situation import FIELDS, validate
from bot.stores.base import decode_row, encode_row
from test_rules_properties import ANSWER_FIELDS

answers_st = st.fixed_dictionaries({}, optional=ANSWER_FIELDS)
names = st.lists(st.sampled_from(sorted(FIELDS)), unique=True, max_size=4)


def same(a: Session, b: Session) -> None:
    """Equal, and every value of the same type written the same (Decimal("1.50") is not Decimal("1.5"))."""
    assert a == b
    for mine, theirs in ((a.answers, b.answers), (a.set_aside, b.set_aside), (a.sources, b.sources)):
        assert [(k, type(v), str(v)) for k, v in mine.items()] == [(k, type(v), str(v)) for k, v in theirs.items()]


def decoded(session: Session) -> Session:
    return codec.decode(json.loads(json.dumps(codec.encode(session))))


@settings(max_examples=300, deadline=None)
@given(answers_st, answers_st, names, st.sampled_from(["fr", "en"]), st.integers(0, 10**9),
       st.sampled_from(["status", "result", "age", "ended"]))
def test_read_back_is_what_decode_reads(answers: dict[str, Any], aside: dict[str, Any], skipped: list[str],
                                        lang: str, turn: int, state: str) -> None:
    answers = {k: v for k, v in answers.items() if k != "as_of"}
    aside = {k: v for k, v in aside.items() if k not in answers and k != "as_of"}
    session = Session(lang, date(2026, 6, 1), answers, dict.fromkeys(answers, "person"),
                      skipped=tuple(skipped), state=state, rules_version=codec.rules_version(), turn=turn,
                      set_aside=aside, set_aside_skipped=tuple(skipped[:1]))
    back = codec.read_back(session)
    try:
        expected = decoded(session)
    except codec.SessionFormatError:  # e.g. a training of 0 months: refused both ways
        assert back is None
        return
    assert back is not None  # an ordinary session: kept
    same(back, expected)


@settings(max_examples=150, deadline=None)
@given(answers_st, answers_st, st.sampled_from(["status", "result", "age"]), st.sampled_from(["", "agent-7"]))
def test_read_back_from_a_known_session_checks_what_the_turn_changed(
        before: dict[str, Any], changes: dict[str, Any], state: str, owner: str) -> None:
    """A turn's session made from one `decode` gave (some parts kept, the very same objects)
    reads back as `decode` reads it: what was kept is not checked again, what changed is."""
    before = {k: v for k, v in before.items() if k != "as_of"}
    try:
        known = decoded(Session("fr", date(2026, 6, 1), before, dict.fromkeys(before, "person"),
                                rules_version=codec.rules_version(), turn=3))
    except codec.SessionFormatError:
        return
    answers = {**known.answers, **{k: v for k, v in changes.items() if k != "as_of"}}
    session = evolve(known, answers=answers, sources={**dict.fromkeys(answers, "person"), **known.sources},
                     state=state, turn=4, owner=owner)
    back = codec.read_back(session, known)
    try:
        expected = decoded(session)
    except codec.SessionFormatError:
        assert back is None
        return
    assert back is not None
    same(back, expected)


def test_what_a_turn_changed_is_checked_even_from_a_known_session() -> None:
    known = decoded(Session("fr", date(2026, 6, 1), {"status": "job_seeker", "age": 40},
                            {"status": "person", "age": "person"}, rules_version=codec.rules_version()))
    assert codec.read_back(evolve(known, turn=1), known) is not None
    for odd in (evolve(known, answers={**known.answers, "age": 400}),  # out of range
                evolve(known, owner="a\nb"), evolve(known, state="a\nb"), evolve(known, lang="de"),
                evolve(known, skipped=("c", "c")), evolve(known, turn=-1),
                evolve(known, answers={**known.answers, "training_months": 0},
                       sources={**known.sources, "training_months": "person"})):
        assert codec.read_back(odd, known) is None, odd
    kept = codec.read_back(evolve(known, turn=2), known)
    assert kept is not None and kept.answers is known.answers  # nothing changed: nothing made anew


def test_a_number_comes_back_as_decode_writes_it() -> None:
    session = Session("fr", date(2026, 6, 1), {"balance": Decimal("1200.50"), "age": 40, "annual_hours": Decimal("700.0")},
                      {"balance": "person", "age": "agent", "annual_hours": "person"}, rules_version="abc")
    back = codec.read_back(session)
    assert back is not None and str(back.answers["balance"]) == "1200.5" and str(back.answers["annual_hours"]) == "700"
    same(back, decoded(session))
    plain = Session("fr", date(2026, 6, 1), {"status": "job_seeker", "age": 40}, {"status": "person", "age": "person"})
    kept = codec.read_back(plain)
    assert kept is not None and kept.answers is plain.answers  # nothing to write anew: the same mapping


def test_what_decode_would_refuse_or_change_is_not_read_back() -> None:
    base = Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {"status": "person"})
    for odd in (Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {}),  # a source missing
                Session("fr", date(2026, 6, 1), {}, {"status": "person"}),  # a source of nothing
                Session("de", date(2026, 6, 1), {}, {}),
                Session("fr", date(2026, 6, 1), {"status": "retired?"}, {"status": "person"}),
                Session("fr", date(2026, 6, 1), {"age": 400}, {"age": "person"}),
                Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {"status": "person"}, skipped=("c", "c")),
                Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {"status": "person"}, state="a\nb"),
                Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {"status": "person"},
                        set_aside={"status": "retired"}),
                Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {"status": "person"},
                        confirming=Confirmation("restart"))):
        assert codec.read_back(odd) is None, odd
    assert codec.read_back(base) is not None


def test_a_store_reads_its_own_row_back_and_decodes_any_other() -> None:
    session = Session("fr", date(2026, 6, 1), validate({"status": "private_employee", "balance": 1200.5}),
                      {"status": "person", "balance": "person"}, rules_version=codec.rules_version())
    text = encode_row(session)
    same(decode_row("s", text), decoded(session))
    edited = text.replace("1200.5", "1300.5")
    assert decode_row("s", edited).answers["balance"] == Decimal("1300.5")


def test_a_row_read_back_is_checked_when_read_and_a_refused_one_is_decoded() -> None:
    known = Session("fr", date(2026, 6, 1), {"status": "job_seeker"}, {"status": "person"}, rules_version="abc")
    turned = evolve(known, answers={"status": "job_seeker", "balance": Decimal("800.50")},
                    sources={"status": "person", "balance": "person"}, state="balance", turn=1)
    text = encode_row(turned, known)
    same(decode_row("s", text), decoded(turned))  # checked now, from what the turn changed
    asking = evolve(known, confirming=Confirmation("plausible", "age", (70,)), state="age")
    same(decode_row("s", encode_row(asking, known)), decoded(asking))  # not read back: decoded


def test_a_session_made_whole_is_the_one_its_init_makes_and_needs_every_field() -> None:
    fields = dict(vars(Session("en", date(2026, 6, 1), {"age": 40}, {"age": "agent"}, turn=3)))
    same(whole(Session, fields), Session(**fields))
    del fields["owner"]
    with pytest.raises(TypeError, match="owner"):
        whole(Session, fields)
