"""How the result reads: the reason beside each verdict, the balance against its cap, the
legal references people can open, and the report's answers; in the terminal (rich and
`--plain`), line mode, `assess --text` and the report files, in both languages."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.channels.terminal import TerminalChannel
from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.engine import Engine
from bot.i18n import LANGUAGES, translator
from bot.render.assessment import assessment_json
from fakes import run_cli

ENGINE = Engine(cpf_dialogue())
AS_OF = date(2026, 6, 1)
TOO_YOUNG = {"status": "private_employee", "age": 15}
# Every `account.reason` and every `training.reason` of a training that is not eligible.
ACCOUNT_REASONS = ("working", "apprentice", "job_seeker", "reduced_pension", "status_unknown", "not_registered",
                   "too_young", "pension_rate_unknown", "retired", "end_of_active_life")
NOT_ELIGIBLE_REASONS = ("not_certifying", "business_creation_not_certifying", "skills_assessment_too_short",
                        "licence_not_covered", "already_licensed", "light_licence_not_cofunded",
                        "light_licence_cofunding_too_low")


def terminal(known: dict[str, Any], lang: str, *, plain: bool = False, width: int = 100) -> str:
    """The screen of the result reached with `known` answers, on the rich console."""
    screen = io.StringIO()
    channel = TerminalChannel(ENGINE, screen, plain=plain, no_color=plain)
    channel.console.width = width
    reply = ENGINE.start(lang, AS_OF, known)
    assert reply.assessment is not None, "the known answers must reach the result"
    channel.show(reply)
    return screen.getvalue()


def line_mode(lines: list[str], lang: str) -> str:
    code, out, _ = run_cli("--date", AS_OF.isoformat(), stdin="\n".join(lines) + "\n", lang=lang)
    assert code == 0
    return out


def assess_text(situation: dict[str, Any], lang: str) -> str:
    code, out, _ = run_cli("assess", "--text", "--lang", lang, "--date", AS_OF.isoformat(), stdin=json.dumps(situation))
    assert code == 0
    return out


# -- 1. the result says why ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reason_code_has_its_sentence(lang: str) -> None:
    tr = translator(lang)
    keys = [f"result.account.{code}" for code in ACCOUNT_REASONS]
    keys += [f"result.not_eligible.{code}" for code in NOT_ELIGIBLE_REASONS]
    assert [key for key in keys if not tr.has(key)] == []


@pytest.mark.parametrize(("lang", "reason", "detail", "no_detail"), [
    ("fr", "vous n'avez pas l'âge auquel il s'ouvre", "pour les raisons", "détail de chaque montant"),
    ("en", "you are below the age at which it opens", "for the reasons", "detail of each figure"),
])
def test_no_account_says_why_without_promising_amounts(lang: str, reason: str, detail: str, no_detail: str) -> None:
    for screen in (terminal(TOO_YOUNG, lang), terminal(TOO_YOUNG, lang, plain=True), line_mode(["1", "15"], lang)):
        assert reason in screen and detail in screen and no_detail not in screen.replace("\n", " ")
    assert reason in assess_text(TOO_YOUNG, lang)


@pytest.mark.parametrize(("lang", "reason", "detail"), [
    ("fr", "non éligible au CPF\u00a0; elle ne mène à aucune certification", "détail de chaque montant"),
    ("en", "not eligible for the CPF; it leads to no certification", "detail of each figure"),
])
def test_a_training_that_is_not_eligible_says_why(lang: str, reason: str, detail: str) -> None:
    known = {"status": "job_seeker", "age": 30, "other_status": "none", "balance": 500, "training_kind": "other"}
    for screen in (terminal(known, lang, width=200), terminal(known, lang, plain=True, width=200)):
        assert reason in screen and detail in screen  # the account's figures are still detailed by "why"
    assert reason in assess_text(known, lang)


# -- 4. the report lists the answers given, and who gave them ------------------------------------------

JOB_SEEKER = {"fr": ["5", "30", "aucune", "800", "un bilan de compétences", "20", "1 200", "0"],
              "en": ["5", "30", "none", "800", "a skills assessment", "20", "1,200", "0"]}


@pytest.mark.parametrize(("lang", "rows"), [
    ("fr", ["| Question | Réponse | Donnée par |", "| Situation | Demandeur d'emploi inscrit à France Travail | vous |",
            "| Solde du compte | 800\u00a0€ | vous |", "| Coût de la formation | 1\u202f200\u00a0€ | vous |"]),
    ("en", ["| Question | Answer | Given by |", "| Situation | Job seeker registered with France Travail | you |",
            "| Account balance | €800 | you |", "| Training cost | €1,200 | you |"]),
])
def test_the_markdown_report_lists_every_answer(tmp_path: Path, lang: str, rows: list[str]) -> None:
    path = tmp_path / "r.md"
    code, _, _ = run_cli("--date", AS_OF.isoformat(), "--report", str(path), stdin="\n".join(JOB_SEEKER[lang]) + "\n",
                         lang=lang)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert code == 0 and [row for row in rows if row not in lines] == []
    table = lines[lines.index(rows[0]):]
    assert len([line for line in table if line.startswith("| ")]) == 1 + len(JOB_SEEKER[lang])  # heading + 8 answers


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_json_report_adds_the_answers(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "r.json"
    run_cli("--date", AS_OF.isoformat(), "--report", str(path), stdin="\n".join(JOB_SEEKER[lang]) + "\n", lang=lang)
    report = json.loads(path.read_text(encoding="utf-8"))
    answers = report.pop("answers")
    assert report == assessment_json(ENGINE.assessment(ENGINE.start(lang, AS_OF, {
        "status": "job_seeker", "age": 30, "other_status": "none", "balance": 800, "training_kind": "skills_assessment",
        "accompaniment_hours": 20, "training_cost": 1200, "cec_balance": 0}).session), translator(lang))
    assert [a["field"] for a in answers] == ["status", "age", "other_status", "balance", "training_kind",
                                             "accompaniment_hours", "training_cost", "cec_balance"]
    balance = answers[3]
    assert balance == {"field": "balance", "label": {"fr": "Solde du compte", "en": "Account balance"}[lang],
                       "value": 800, "text": {"fr": "800\u00a0€", "en": "€800"}[lang], "source": "person"}
