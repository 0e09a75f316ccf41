"""The .dialog format: headers, steps with their line numbers, and malformed files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import translator
from bot.scripted.replay import MALFORMED_CODES, malformed_text
from bot.scripted.script import Check, Expect, ScriptError, Type, check_path, parse, read


def test_headers_steps_and_line_numbers() -> None:
    script = parse(
        "# A comment about this dialogue.\n"
        "# lang: en\n"
        "#date:2025-06-01\n"
        "# known.status: \"job_seeker\"\n"
        "# known.balance: 1200.5\n"
        "\n"
        "< What is your  work situation?\n"
        ">   private employee  \n"
        ">\n"
        "= annual_credit: 500\n"
        "= participation.exemption: null\n"
        "# Note: comments are free after the first dialogue line\n"
        "= next_steps.0.code: \"activate_account\"\n",
        "x.dialog",
    )
    assert (script.path, script.lang, script.as_of) == ("x.dialog", "en", date(2025, 6, 1))
    assert script.known == {"status": "job_seeker", "balance": 1200.5}
    assert script.steps == (
        Expect(7, "What is your  work situation?"),
        Type(8, "private employee"),
        Type(9, ""),
        Check(10, ("annual_credit",), 500),
        Check(11, ("participation", "exemption"), None),
        Check(13, ("next_steps", "0", "code"), "activate_account"),
    )
    assert script.first_line == 7


def test_defaults_bom_and_crlf() -> None:
    script = parse("\ufeff> salarie\r\n< Quel âge\r\n")
    assert (script.lang, script.as_of, script.known) == ("fr", None, {})
    assert script.steps == (Type(1, "salarie"), Expect(2, "Quel âge"))


def test_only_newlines_end_lines() -> None:
    script = parse("> a\u2028b\x0cc\n")
    assert script.steps == (Type(1, "a\u2028b\x0cc"),)


@pytest.mark.parametrize("path", [
    "as_of", "unit", "annual_credit", "cap", "balance", "balance_estimated", "account.open", "account.reason",
    "training", "training.eligible", "training.cpf_cap", "participation.amount", "participation.due",
    "participation.exemption", "funding", "funding.cost", "funding.participation", "funding.cpf_pays",
    "funding.remaining", "employer.agreement_needed", "employer.ask_before", "employer.reply_days",
    "employer.silence_is_acceptance", "next_steps", "next_steps.2", "next_steps.0.code", "explanations.1.sources",
    "missing", "missing.0",
])
def test_assessment_paths(path: str) -> None:
    assert check_path(path) == tuple(path.split("."))


@pytest.mark.parametrize("path", [
    "credit", "annual_credit.amount", "funding.balance", "funding.cpf_pays.x", "next_steps.code", "next_steps.-1",
    "next_steps.0.label", "missing.0.code", "", "account.", ".account", "employer.ask_before.year",
])
def test_not_assessment_paths(path: str) -> None:
    assert check_path(path) is None


MALFORMED = [
    ("# date: 2026-02-30\n> hi\n", 1, "impossible_date"),
    ("# date: 2200-01-01\n> hi\n", 1, "late_date"),
    ("# date: 9999-12-31\n> hi\n", 1, "late_date"),
    ("# date: 2026-W01-1\n> hi\n", 1, "bad_date"),
    ('> hi\n= funding: {"cost": 1, "cost": 2}\n', 2, "duplicate_key"),
    ('# known.age: 30\n> hi\n= employer: {"a": {"b": 1, "b": 1}}\n', 3, "duplicate_key"),
    ("# skipped: training_cost, status\n> hi\n", 1, "bad_skipped"),
    ("# skipped: training_cost\n# skipped: balance\n> hi\n", 2, "duplicate_header"),
    ("> a\n! b\n", 2, "unknown_line"),
    ("> a\nbonjour\n", 2, "unknown_line"),
    ("# lang: de\n> a\n", 1, "bad_lang"),
    ("# langue: fr\n> a\n", 1, "unknown_header"),
    ("# dat: 2025-06-01\n> a\n", 1, "unknown_header"),
    ("# lang: fr\n# lang: en\n> a\n", 2, "duplicate_header"),
    ("# date: 2025-06-01\n# date: 2025-06-02\n> a\n", 2, "duplicate_header"),
    ("> a\n# lang: en\n", 2, "late_header"),
    ("> a\n# known.age: 30\n", 2, "late_header"),
    ("# date: 2025-13-01\n> a\n", 1, "impossible_date"),
    ("# date: 01/06/2025\n> a\n", 1, "bad_date"),
    ("# date: 2025-6-1\n> a\n", 1, "bad_date"),
    ("# date: 2018-12-31\n> a\n", 1, "early_date"),
    ("# known.as_of: \"2025-06-01\"\n> a\n", 1, "known_as_of"),
    ("# known.salary: 2000\n> a\n", 1, "unknown_field"),
    ("# known.age: 30\n# known.age: 31\n> a\n", 2, "duplicate_header"),
    ("# known.status: job_seeker\n> a\n", 1, "bad_json"),
    ("# known.age: NaN\n> a\n", 1, "bad_json"),
    ("# known.status: \"astronaut\"\n> a\n", 1, "bad_known"),
    ("# known.age: -3\n> a\n", 1, "bad_known"),
    ("# known.training_start: \"2026-02-30\"\n> a\n", 1, "bad_known"),
    ("> a\n= annual_credit: five hundred\n", 2, "bad_json"),
    ("> a\n= annual_credit: Infinity\n", 2, "bad_json"),
    ("> a\n= annual_credit 500\n", 2, "bad_check"),
    ("> a\n= annual_credit:\n", 2, "bad_check"),
    ("> a\n= : 500\n", 2, "bad_check"),
    ("> a\n= credit: 500\n", 2, "unknown_path"),
    ("> a\n= funding.cpf: 500\n", 2, "unknown_path"),
    ("> a\n<\n", 2, "empty_expect"),
    ("# lang: fr\n# only comments\n\n", 1, "empty"),
    ("", 1, "empty"),
]


@pytest.mark.parametrize(("text", "line", "code"), MALFORMED)
def test_malformed_names_the_line(text: str, line: int, code: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse(text, "tests/dialogs/x.dialog")
    error = caught.value
    assert (error.path, error.line, error.code) == ("tests/dialogs/x.dialog", line, code)
    assert str(error).startswith(f"tests/dialogs/x.dialog:{line}: {code}")
    for lang in ("fr", "en"):
        assert malformed_text(error, translator(lang)).startswith(f"tests/dialogs/x.dialog:{line}: ")


def test_every_malformed_code_has_a_message() -> None:
    assert {code for _, _, code in MALFORMED} | {"unreadable", "not_utf8", "not_regular", "too_large"} == set(MALFORMED_CODES)
    params = {"name": "n", "value": "v", "text": "t", "path": "p", "earliest": "2019-01-01", "limit": "1048576",
              "key": "k", "latest": "2199-12-31"}
    for code in MALFORMED_CODES:
        for lang in ("fr", "en"):
            text = malformed_text(ScriptError("f.dialog", 3, code, params), translator(lang))
            assert text.startswith("f.dialog:3: ") and "{" not in text


def test_read_files(tmp_path: Path) -> None:
    good = tmp_path / "good.dialog"
    good.write_text("# lang: en\n> hello\n", encoding="utf-8")
    assert read(good).steps == (Type(2, "hello"),)
    bad = tmp_path / "latin1.dialog"
    bad.write_bytes("> salarie\n> ok\n> salarié\n".encode("latin-1"))
    with pytest.raises(ScriptError) as caught:
        read(bad)
    assert (caught.value.line, caught.value.code) == (3, "not_utf8")
    with pytest.raises(ScriptError) as caught:
        read(tmp_path / "missing.dialog")
    assert caught.value.code == "unreadable"


LINE = st.one_of(
    st.text(max_size=40),
    st.builds(lambda p, t: p + t, st.sampled_from(["<", ">", "=", "#", "# ", "= ", "# known.", "# date:", "# lang:"]),
              st.text(max_size=30)),
    st.builds(lambda f, v: f"# known.{f}: {v}",
              st.sampled_from(["status", "age", "balance", "training_start", "cfp_paid", "as_of", "nope"]),
              st.sampled_from(["30", "\"x\"", "[[[[", "1e999", "-1", "null", "true", "\"2026-02-29\"", "{}", "9" * 5000])),
    st.builds(lambda p, v: f"= {p}: {v}", st.sampled_from(["funding.cpf_pays", "x.y", "next_steps.0.code", ""]),
              st.sampled_from(["1", "[" * 3000, "\"a\"", "nan", ""])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=8))
def test_the_parser_raises_only_its_own_error(lines: list[str]) -> None:
    try:
        parse("\n".join(lines))
    except ScriptError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses_or_is_malformed(text: str) -> None:
    try:
        parse(text)
    except ScriptError as error:
        assert error.line >= 1


def test_a_link_in_a_comment_is_not_a_header() -> None:
    script = parse("# https://www.service-public.fr/particuliers/vosdroits/F10705\n# lang: en\n> a\n")
    assert script.lang == "en"


def test_skipped_header_lists_optional_questions() -> None:
    script = parse("# skipped: years_worked, training_cost\n> 1\n", "x.dialog")
    assert script.skipped == ("years_worked", "training_cost")
