"""The fr and en catalogs: complete, translated, same placeholders; and the checker itself."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import bot.i18n.catalogs as catalogs
from bot.dialogue.interpret import ERROR_CODES, REFUSAL_CODES
from bot.i18n import LANGUAGES, translator
from bot.rules.parameters import CONFIDENCE_ORDER
from bot.rules.situation import FIELDS, PROBLEM_CODES

ROOT = Path(__file__).resolve().parent.parent
EXEMPTIONS = ("job_seeker", "employer_cofunding", "c2p", "incapacity", "hours_account")  # CONTRACT.md


def test_catalogs_pass_the_check() -> None:
    assert catalogs.check() == []


def test_keys_built_from_codes_exist_in_every_language() -> None:
    keys = [f"answer.{code}" for code in ERROR_CODES | set(PROBLEM_CODES) - {"not_an_object", "unknown_field"}]
    keys += [f"error.{code}" for code in PROBLEM_CODES]
    keys += [f"label.type.{spec.kind}" for spec in FIELDS.values()]
    keys += [f"label.confidence.{mark}" for mark in CONFIDENCE_ORDER]
    keys += [f"exemption.{code}" for code in EXEMPTIONS]
    keys += ["dialog.source.person", "dialog.source.agent", "answer.not_whole"]
    keys += [f"answer.{code}" for code in REFUSAL_CODES]
    for lang in LANGUAGES:
        assert [key for key in keys if not translator(lang).has(key)] == [], lang


def test_extraction_finds_code_and_dialogue_keys() -> None:
    keys = catalogs.template()
    assert "result.funding" in keys and "dialog.welcome" in keys
    assert "question.annual_hours" in keys and "choice.licence.BE" in keys
    assert any(key.startswith("explain.") for key in keys) and any(key.startswith("next.") for key in keys)
    assert not [key for key in keys if not catalogs.KEY.match(key)]
    # The interpreter's refusals: `AnswerError("code")` and `Refused("code")` are `answer.code`.
    assert any("interpret/entry.py" in place for place in keys["answer.no_social_security_number"])
    assert any("interpret/dates.py" in place for place in keys["answer.impossible_date"])


@pytest.fixture
def scratch_locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(catalogs.data_dir("locales"), copy)
    real = catalogs.data_dir
    monkeypatch.setattr(catalogs, "data_dir", lambda name: copy if name == "locales" else real(name))
    return copy / "en" / "LC_MESSAGES" / "bot.po"


def test_check_catches_fuzzy_placeholder_and_missing(scratch_locales: Path) -> None:
    text = scratch_locales.read_text(encoding="utf-8")
    text = text.replace('msgid "result.cap"', '#, fuzzy\nmsgid "result.cap"')
    text = text.replace("Funding: cost {cost}", "Funding: cost {price}")
    text = text.replace('msgid "cli.interrupted"\nmsgstr "Interrupted."\n', "")
    scratch_locales.write_text(text, encoding="utf-8")
    problems = "\n".join(catalogs.check())
    assert "en/bot.po: result.cap: fuzzy" in problems
    assert "result.funding: placeholders differ between fr and en" in problems
    assert "cli.interrupted: only in fr" in problems
    assert "cli.interrupted: used at bot/" in problems


def test_update_adds_new_keys_empty_and_fuzzy(scratch_locales: Path) -> None:
    text = scratch_locales.read_text(encoding="utf-8")
    scratch_locales.write_text(text.replace('msgid "cli.interrupted"\nmsgstr "Interrupted."\n', ""), encoding="utf-8")
    assert catalogs.update() == ["en/bot.po: cli.interrupted"]
    assert "en/bot.po: cli.interrupted: fuzzy" in catalogs.check()
    assert catalogs.update() == []


def _english_sentences() -> list[str]:
    from babel.messages.pofile import read_po

    found = []
    for domain in ("dialog", "rules"):
        with (ROOT / "locales" / "en" / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
            found += [str(m.string) for m in read_po(f, locale="en") if m.id and isinstance(m.string, str)]
    return found


def test_english_sentences_read_as_english() -> None:
    """"A training" is not English (a course); the Code du travail is named only as a
    reference, in parentheses; the specific register is glossed."""
    sentences = _english_sentences()
    assert not [s for s in sentences if re.search(r"\b(a|one|each) training\b(?! (course|contribution|insurance))|\btrainings\b", s, re.I)]
    assert not [s for s in sentences if re.search(r"(?<!\()Code du travail", s)]
    assert not [s for s in sentences if re.search(r"répertoire spécifique(?![:)])", s)]
