"""The rules' message catalogs: every code the rules can emit has a whole sentence in
locales/{fr,en}/LC_MESSAGES/rules.po, with the same placeholders in both languages and
only placeholders the rule provides."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal as D
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.rules import assess
from bot.rules.model import Assessment, Days, Hours, Money, Term

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "bot" / "rules"
LANGS = ("fr", "en")


@cache
def catalog(lang: str) -> Catalog:
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "rules.po").open("rb") as f:
        return read_po(f, locale=lang, domain="rules")


def messages(lang: str) -> dict[str, str]:
    return {str(m.id): str(m.string) for m in catalog(lang) if m.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


# ---------------------------------------------------------------- codes in the source

def _strings(node: ast.AST, assignments: dict[str, list[ast.AST]]) -> set[str]:
    """The string codes an expression can evaluate to (literals, conditionals, named
    constants and dict lookups), or an empty set when it cannot be resolved."""
    match node:
        case ast.Constant(value=str() as text):
            return {text}
        case ast.IfExp(body=body, orelse=orelse):
            return _strings(body, assignments) | _strings(orelse, assignments)
        case ast.Subscript(value=value):
            return _strings(value, assignments)
        case ast.Dict(values=values):
            return set().union(*(_strings(v, assignments) for v in values if v is not None))
        case ast.Name(id=name):
            return set().union(*(_strings(v, assignments) for v in assignments.get(name, [])))
    return set()


def source_codes() -> dict[str, set[str]]:
    """Catalog keys the rules can emit, found in their source: explain / step / Term."""
    found: dict[str, set[str]] = {"explain": set(), "next": set(), "term": set()}
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assignments: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assignments.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
                assignments.setdefault(node.target.id, []).append(node.value)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            kind = None
            if isinstance(func, ast.Attribute) and func.attr == "explain" and path.name != "trace.py":
                kind = "explain"
            elif isinstance(func, ast.Attribute) and func.attr == "step" and path.name != "trace.py":
                kind = "next"
            elif isinstance(func, ast.Name) and func.id == "Term":
                kind = "term"
            if kind is None:
                continue
            codes = _strings(node.args[0], assignments)
            assert codes, f"{path.name}:{node.lineno}: cannot tell which code this {kind} emits"
            found[kind] |= codes
    return found


def all_keys() -> set[str]:
    return {f"{kind}.{code}" for kind, codes in source_codes().items() for code in codes}


# ---------------------------------------------------------------- a corpus reaching every code

PROFILES: list[dict[str, Any]] = [
    {},
    {"status": "private_employee", "age": 30, "working_time": "half_or_more", "diploma": "bac",
     "disability_boe": False, "balance": D(300)},
    {"status": "private_employee", "age": 30, "working_time": "under_half", "annual_hours": D(700),
     "disability_boe": True, "balance": None, "years_worked": D(2)},
    {"status": "private_employee", "working_time": "under_half"},
    {"status": "private_employee", "working_time": "under_half", "annual_hours": D(900), "diploma": "none",
     "low_qualification_declared": True, "balance": D(5000)},
    {"status": "private_employee", "working_time": "half_or_more", "diploma": "brevet",
     "low_qualification_declared": False, "disability_boe": False, "balance": None},
    {"status": "apprentice", "age": 15, "balance": D(100)},
    {"status": "private_employee", "age": 14},
    {"status": "retired"},
    {"status": "not_working"},
    {"status": "esat_worker", "balance": D(1000)},
    {"status": "self_employed", "activity_months": 7, "balance": D(2000)},
    {"status": "self_employed", "activity_months": 7, "cfp_paid": False},
    {"status": "job_seeker", "balance": None, "years_worked": D(3)},
    {"status": "public_agent", "consular_network": True, "balance": D(500)},
    {"status": "public_agent", "consular_network": False, "public_category": "C", "diploma": "none"},
    {"status": "public_agent", "consular_network": False, "public_category": "C", "diploma": "cap_bep"},
]
TRAININGS: list[dict[str, Any]] = [
    {},
    {"training_kind": "certification", "training_cost": D(1000), "during_work_hours": True,
     "training_start": 200, "training_months": D(2)},
    {"training_kind": "skills_assessment", "training_cost": D(2500), "during_work_hours": True,
     "training_start": 10, "training_months": D(8)},
    {"training_kind": "rs_certification", "training_cost": D(1600), "cofunding": "employer",
     "during_work_hours": False},
    {"training_kind": "vae", "cofunding": "none", "uses_c2p": True, "training_cost": D(100)},
    {"training_kind": "skills_block", "cofunding": "none", "uses_c2p": False, "incapacity_retraining": True},
    {"training_kind": "business_creation", "training_cost": D(700)},
    {"training_kind": "other", "training_cost": D(100)},
    {"training_kind": "driving_licence", "training_cost": D(1200)},
    {"training_kind": "driving_licence", "licence": "A2"},
    {"training_kind": "driving_licence", "licence": "B"},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": True},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": False, "training_cost": D(1500)},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": False, "cofunding": "none"},
    {"training_kind": "driving_licence", "licence": "B", "holds_licence": False, "cofunding": "employer"},
    {"training_kind": "driving_licence", "licence": "B1", "holds_licence": False, "cofunding": "public"},
    {"training_kind": "driving_licence", "licence": "CE"},
    {"training_kind": "certification", "during_work_hours": True, "training_months": D(3)},
    {"training_kind": "certification", "during_work_hours": True, "training_start": 300},
]
DATES = [date(2023, 6, 1), date(2024, 3, 1), date(2024, 6, 1), date(2025, 3, 1), date(2025, 6, 1),
         date(2026, 3, 1)]


PRIVATE_FULL: dict[str, Any] = {"status": "private_employee", "age": 30, "working_time": "half_or_more",
                                "diploma": "bac", "disability_boe": False}
UNDER_HALF: dict[str, Any] = {"status": "private_employee", "age": 30, "working_time": "under_half"}
CERTIFICATION: dict[str, Any] = {"training_kind": "certification", "cofunding": "none", "uses_c2p": False,
                                 "incapacity_retraining": False}
# Issue 10: situations reaching each new code, on the dates that matter.
EXTRA: list[tuple[date, dict[str, Any]]] = [
    (date(2025, 6, 1), {"status": "private_employee", "age": 68}),
    (date(2025, 6, 1), {"status": "private_employee", "age": 60, "receives_pension": True, "pension_full_rate": True}),
    (date(2025, 6, 1), {"status": "private_employee", "age": 60, "receives_pension": True}),
    (date(2025, 6, 1), {**PRIVATE_FULL, "age": 60, "receives_pension": True, "pension_full_rate": False,
                        "diploma": "none", "low_qualification_declared": True, "has_cqp": True}),
    (date(2025, 6, 1), {"status": "retired", "age": 70}),
    (date(2025, 6, 1), {"status": "retired", "age": 62, "pension_full_rate": True}),
    (date(2025, 6, 1), {"status": "retired", "age": 62, "pension_full_rate": False, "balance": D(800),
                        **CERTIFICATION, "training_cost": D(1000)}),
    (date(2025, 6, 1), {**UNDER_HALF, "reference_basis": "days_package"}),
    (date(2025, 6, 1), {**UNDER_HALF, "reference_basis": "days_package", "package_days": 218,
                        "worked_days": D(150)}),
    (date(2025, 6, 1), {**UNDER_HALF, "reference_basis": "days_package", "package_days": 218,
                        "worked_days": D(50), "counted_leave": True, "leave_time": D(20),
                        "other_status": "self_employed", "other_months": 6}),
    (date(2025, 6, 1), {**UNDER_HALF, "reference_basis": "agreement", "reference_hours": D(1500),
                        "annual_hours": D(300), "counted_leave": True, "other_status": "esat_worker"}),
    (date(2025, 6, 1), {**UNDER_HALF, "annual_hours": D(500), "counted_leave": True, "leave_time": D(400)}),
    (date(2025, 6, 1), {"status": "job_seeker", "age": 30, "other_status": "private_employee",
                        "other_hours": D(400), "balance": D(50), "training_kind": "certification",
                        "training_cost": D(900)}),
    (date(2025, 6, 1), {"status": "self_employed", "activity_months": 5, "cfp_paid": True, "balance": D(100),
                        **CERTIFICATION, "training_cost": D(900)}),
    (date(2025, 6, 1), {"status": "esat_worker", "balance": D(100), **CERTIFICATION, "training_cost": D(900)}),
    (date(2025, 6, 1), {**PRIVATE_FULL, "disability_boe": True, "balance": D(100), **CERTIFICATION,
                        "training_cost": D(900), "cec_balance": D(200)}),
    (date(2019, 6, 1), {"status": "public_agent", "consular_network": False, "public_category": "B",
                        "public_time": "incomplete_post", "post_weekly_hours": D(20), "balance": D(130)}),
    (date(2023, 6, 1), {"status": "public_agent", "consular_network": True, "balance": D(121)}),
    (date(2025, 6, 1), {"status": "public_agent", "consular_network": False, "public_category": "A",
                        "public_time": "part_time"}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "balance": D(5000), "training_kind": "clea"}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "skills_assessment", "accompaniment_hours": D(10)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "skills_assessment"}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "balance": D(100), "training_kind": "skills_assessment",
                        "accompaniment_hours": D(20), "cofunding": "none", "training_cost": D(2500),
                        "uses_c2p": True, "c2p_points": 2, "cec_balance": D(300)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "driving_licence", "licence": "BE", "cofunding": "employer"}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "driving_licence", "licence": "BE", "cofunding": "employer",
                        "cofunding_amount": D(200)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "driving_licence", "licence": "B", "holds_licence": False,
                        "cofunding": "public", "cofunding_amount": D(50)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "driving_licence", "licence": "B1", "holds_licence": False,
                        "cofunding": "public", "cofunding_amount": D(200)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, **CERTIFICATION, "training_kind": "rs_certification", "balance": D(5000),
                        "training_cost": D(1700)}),
    (date(2026, 2, 22), {**PRIVATE_FULL, "training_kind": "driving_licence", "licence": "B"}),
    (date(2026, 3, 1), {**PRIVATE_FULL, **CERTIFICATION, "during_work_hours": True,
                        "training_start": date(2026, 2, 1), "training_months": D(2)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, **CERTIFICATION, "cofunding": "employer", "balance": D(3000),
                        "training_cost": D(1000)}),
    # Issue 12: not working (never worked, or worked before) and the "I don't know" answers.
    (date(2026, 3, 1), {"status": "not_working", "worked_before": False}),
    (date(2026, 3, 1), {"status": "not_working", "worked_before": True, "age": 40, "other_status": "none",
                        "balance": D(500), **CERTIFICATION, "training_cost": D(900)}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "diploma": "none"}),
    (date(2026, 3, 1), {**PRIVATE_FULL, "balance": D(0), "training_kind": "certification", "cofunding": "none",
                        "training_cost": D(900), "uses_c2p": True}),
    # Each status's co-funders (RULES.md section 7): a self-employed person's FAF, an ESAT
    # worker's ESAT, public funders only for people not working.
    (date(2026, 3, 1), {"status": "self_employed", "activity_months": 12, "cfp_paid": True, "balance": D(300),
                        "training_kind": "driving_licence", "licence": "B", "holds_licence": False,
                        "cofunding": "faf", "cofunding_amount": D(200), "training_cost": D(1200)}),
    (date(2026, 3, 1), {"status": "esat_worker", "balance": D(300), "training_kind": "driving_licence",
                        "licence": "B", "holds_licence": False, "cofunding": "employer", "cofunding_amount": D(200),
                        "training_cost": D(1200)}),
    (date(2026, 3, 1), {"status": "not_working", "worked_before": True, "balance": D(300),
                        "training_kind": "driving_licence", "licence": "B", "holds_licence": False,
                        "cofunding": "none"}),
    # A licence co-funded with its amount given: the co-funding pays the rest the CPF leaves.
    (date(2026, 3, 1), {**PRIVATE_FULL, "training_kind": "driving_licence", "licence": "B", "holds_licence": False,
                        "cofunding": "employer", "cofunding_amount": D(300), "training_cost": D(1200),
                        "balance": D(2000)}),
    # A public agent's licence co-funded by the administration (no OPCO in the public sector).
    (date(2026, 3, 1), {"status": "public_agent", "consular_network": False, "public_category": "B",
                        "training_kind": "driving_licence", "licence": "B", "holds_licence": False,
                        "cofunding": "employer", "cofunding_amount": D(200)}),
]


def corpus() -> Iterator[Assessment]:
    for on in DATES:
        for profile in PROFILES:
            for training in TRAININGS:
                answers = {**profile, **training}
                if "training_start" in answers:
                    answers["training_start"] = on + timedelta(days=answers["training_start"])
                yield assess(answers, on)
    for on, answers in EXTRA:
        yield assess(answers, on)


@cache
def emitted() -> dict[str, list[dict[str, Any]]]:
    """Every catalog key the corpus emits, with the params of each emission."""
    found: dict[str, list[dict[str, Any]]] = {}
    for a in corpus():
        for e in a.explanations:
            found.setdefault(f"explain.{e.code}", []).append(e.params)
        for s in a.next_steps:
            found.setdefault(f"next.{s.code}", []).append(s.params)
        for params in [*(e.params for e in a.explanations), *(s.params for s in a.next_steps)]:
            for value in params.values():
                if isinstance(value, Term):
                    found.setdefault(f"term.{value.code}", []).append({})
    return found


# ---------------------------------------------------------------- the checks

@pytest.mark.parametrize("lang", LANGS)
def test_headers(lang: str) -> None:
    cat = catalog(lang)
    assert str(cat.locale) == lang
    assert cat.charset.lower() == "utf-8"
    assert cat.plural_forms.startswith("nplurals=2;")
    raw = (ROOT / "locales" / lang / "LC_MESSAGES" / "rules.po").read_text(encoding="utf-8")
    assert f'"Language: {lang}\\n"' in raw and '"Plural-Forms: ' in raw


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    fr, en = messages("fr"), messages("en")
    assert fr.keys() == en.keys()
    for key in fr:
        assert fr[key].strip() and en[key].strip(), key
        assert placeholders(fr[key]) == placeholders(en[key]), key


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_has_a_translator_comment(lang: str) -> None:
    for m in catalog(lang):
        if m.id:
            assert m.auto_comments, m.id


def test_every_source_code_has_a_message_and_no_message_is_stale() -> None:
    keys = all_keys()
    for lang in LANGS:
        assert keys == set(messages(lang)), lang


def test_corpus_reaches_every_code() -> None:
    assert set(emitted()) == all_keys()


def _dummy(value: Any) -> str:
    return str(value)


def test_every_placeholder_is_provided_by_the_rule() -> None:
    for key, emissions in emitted().items():
        for lang in LANGS:
            text = messages(lang)[key]
            for params in emissions:
                assert placeholders(text) <= set(params), (lang, key, set(params))
                text.format(**{k: _dummy(v) for k, v in params.items()})


def test_placeholder_types_are_consistent() -> None:
    """A placeholder always carries the same kind of value, so sentences fit it."""
    for key, emissions in emitted().items():
        kinds: dict[str, set[str]] = {}
        for params in emissions:
            for name, value in params.items():
                kinds.setdefault(name, set()).add(type(value).__name__)
        for name, seen in kinds.items():
            assert len(seen - {"Money", "Hours"}) <= 1 and (len(seen) == 1 or seen <= {"Money", "Hours"}), (
                key, name, seen)


UNIT_AFTER_PLACEHOLDER = re.compile(r"\}\s*(€|EUR\b|euros?\b|h\b|heures?\b|hours?\b)")


@pytest.mark.parametrize("lang", LANGS)
def test_no_unit_written_after_money_or_hours(lang: str) -> None:
    for key, text in messages(lang).items():
        assert not UNIT_AFTER_PLACEHOLDER.search(text), (key, text)


def test_days_placeholders_say_days() -> None:
    words = {"fr": r" jours\b", "en": r" (calendar )?days\b"}
    for key, emissions in emitted().items():
        day_names = {n for params in emissions for n, v in params.items() if isinstance(v, Days)}
        for lang in LANGS:
            text = messages(lang)[key]
            for name in day_names & placeholders(text):
                assert re.search(re.escape(f"{{{name}}}") + words[lang], text), (lang, key, name)


@pytest.mark.parametrize("lang", LANGS)
def test_no_confirmation_sentence_in_rule_messages(lang: str) -> None:
    """The renderer adds "to be confirmed" itself, from the confidence mark."""
    for key, text in messages(lang).items():
        assert "confirm" not in text.lower(), key


def test_money_and_hours_params_are_typed() -> None:
    for a in corpus():
        for e in a.explanations:
            for name, value in e.params.items():
                if isinstance(value, Money | Hours):
                    assert isinstance(value.amount, D), (e.code, name)
                assert not isinstance(value, float), (e.code, name)
