"""`cpf-bot assess`: the assessment JSON of CONTRACT.md, the text for people, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakes import run_cli

PART_TIME = json.dumps({"status": "private_employee", "working_time": "under_half", "annual_hours": 700})
CONTRACT_KEYS = {"as_of", "account", "unit", "annual_credit", "cap", "balance", "balance_estimated", "training",
                 "participation", "funding", "employer", "next_steps", "explanations"}


def test_json_assessment_has_the_contract_keys() -> None:
    code, out, err = run_cli("assess", "--date", "2025-06-01", stdin=PART_TIME)
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert CONTRACT_KEYS <= set(result)
    assert result["as_of"] == "2025-06-01"
    assert result["annual_credit"] == 217.8
    assert all({"code", "text", "sources", "confidence"} <= set(e) for e in result["explanations"])
    assert all(e["text"] and not e["text"].startswith("explain.") for e in result["explanations"])


def test_the_situations_own_date_wins_and_today_is_the_default() -> None:
    situation = json.dumps({"status": "job_seeker", "as_of": "2024-05-01"})
    assert json.loads(run_cli("assess", "--date", "2025-01-01", stdin=situation)[1])["as_of"] == "2024-05-01"
    assert json.loads(run_cli("assess", stdin=PART_TIME)[1])["as_of"] == "2026-11-23"


def test_official_example_of_funding_in_2025() -> None:
    situation = {"status": "private_employee", "working_time": "half_or_more", "balance": 2000,
                 "training_kind": "certification", "training_cost": 1000, "as_of": "2025-06-01"}
    funding = json.loads(run_cli("assess", stdin=json.dumps(situation))[1])["funding"]
    assert funding == {"cost": 1000, "participation": 102.23, "cpf_pays": 897.77, "remaining": 102.23,
                       "cofunding": None}


@pytest.mark.parametrize(("lang", "figure", "word"), [("fr", "217,80\u00a0€", "Pourquoi"), ("en", "€217.80", "Why")])
def test_text_result_in_each_language(lang: str, figure: str, word: str) -> None:
    code, out, _ = run_cli("assess", "--text", "--lang", lang, "--date", "2025-06-01", stdin=PART_TIME)
    assert code == 0
    assert figure in out and word in out
    assert "explain." not in out and "next." not in out and "term." not in out


def test_texts_follow_the_language(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(PART_TIME, encoding="utf-8")
    fr = json.loads(run_cli("assess", str(path), "--lang", "fr")[1])
    en = json.loads(run_cli("assess", str(path), "--lang=en")[1])
    assert fr["annual_credit"] == en["annual_credit"]
    assert fr["explanations"][0]["text"] != en["explanations"][0]["text"]


@pytest.mark.parametrize(("stdin", "expected"), [
    ("{not json", "ligne 1, colonne 2"),
    ("[1, 2]", "objet JSON"),
    ('{"status": "boss", "colour": 1, "as_of": "2025-02-30", "training_cost": -3}',
     "«\u00a0status\u00a0»|«\u00a0colour\u00a0»|«\u00a0as_of\u00a0»|«\u00a0training_cost\u00a0»"),
    ('{"status": "private_employee", "as_of": "2018-06-01"}', "2019"),
    ("[" * 100000, "JSON"),
])
def test_bad_input_exits_2_naming_every_problem(stdin: str, expected: str) -> None:
    code, out, err = run_cli("assess", stdin=stdin)
    assert code == 2 and out == ""
    assert all(part in err for part in expected.split("|"))
    assert "Traceback" not in err


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    code, _, err = run_cli("assess", str(tmp_path / "missing.json"), lang="en")
    assert code == 2 and "Cannot read" in err
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"status": "retrait\xe9"}'.encode("latin-1"))
    code, _, err = run_cli("assess", str(latin), lang="en")
    assert code == 2 and "UTF-8" in err


@pytest.mark.parametrize("argv", [("--nope",), ("assess", "--date", "2025-13-01"), ("assess", "--lang", "de"),
                                  ("frobnicate",), ("assess", "a.json", "b.json"), ("--date",),
                                  ("assess", "--store", "x.db"), ("serve", "--text"), ("--date", "2018-12-31")])
def test_usage_errors_exit_2_in_the_chosen_language(argv: tuple[str, ...]) -> None:
    code, out, err = run_cli(*argv, "--lang", "en") if "--lang" not in argv else run_cli(*argv)
    assert code == 2 and out == "" and err.strip()


def test_help_in_both_languages() -> None:
    assert "Usage" in run_cli("--help", lang="en")[1]
    assert "Commandes" in run_cli("-h")[1]


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(st.text(max_size=20), st.none() | st.booleans() | st.integers() | st.text(max_size=10), max_size=6))
def test_any_invalid_situation_exits_2_with_a_message(data: dict[str, object]) -> None:
    code, out, err = run_cli("assess", stdin=json.dumps(data))
    if code == 0:
        assert CONTRACT_KEYS <= set(json.loads(out))
    else:
        assert code == 2 and err.strip() and out == ""


def test_python_dash_m_runs_the_real_entry_point() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "assess", "-", "--lang", "en", "--date", "2025-06-01"],
                          input='{"status": "retired"}', capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["account"]["open"] is False
    bad = subprocess.run([sys.executable, "-m", "bot", "assess"], input="nope", capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    for lang in ("fr", "en"):
        code, out, err = run_cli("--version", lang=lang)
        assert (code, err) == (0, "") and out.strip() == f"cpf-bot {version('cpf-bot')}"
    assert run_cli("assess", "--version")[1].startswith("cpf-bot ")


@pytest.mark.parametrize(("lang", "says"), [
    ("fr", "«\u00a0other_status\u00a0» ne peut pas être «\u00a0self_employed\u00a0»\u00a0: c'est déjà la situation principale"),
    ("en", "\"other_status\" cannot be \"self_employed\": that is already the main situation"),
])
def test_an_other_situation_that_is_the_main_one_is_refused(lang: str, says: str) -> None:
    situation = {"status": "self_employed", "age": 40, "activity_months": 6, "cfp_paid": True,
                 "other_status": "self_employed", "other_months": 12}
    code, out, err = run_cli("assess", "--lang", lang, stdin=json.dumps(situation))
    assert (code, out) == (2, "") and says in err and "activity_months" in err
