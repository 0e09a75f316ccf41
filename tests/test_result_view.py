"""How the result reads: the reason beside each verdict, the balance against its cap, the
legal references people can open, and the report's answers; in the terminal (rich and
`--plain`), line mode, `assess --text` and the report files, in both languages."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from rich.console import Console

from bot.channels.terminal import THEME, TerminalChannel
from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.engine import Engine, cpf_engine
from bot.i18n import LANGUAGES, translator
from bot.render.assessment import assessment_json
from bot.rules.parameters import product_parameters
from bot.rules.references import references
from fakes import run_cli
from walk import walk

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
    for screen in (terminal(known, lang, width=400), terminal(known, lang, plain=True, width=400)):
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
    assert (report.pop("provisional"), report.pop("open_questions")) == (False, [])  # written at the result
    assert report == assessment_json(ENGINE.assessment(ENGINE.start(lang, AS_OF, {
        "status": "job_seeker", "age": 30, "other_status": "none", "balance": 800, "training_kind": "skills_assessment",
        "accompaniment_hours": 20, "training_cost": 1200, "cec_balance": 0}).session), translator(lang))
    assert [a["field"] for a in answers] == ["status", "age", "other_status", "balance", "training_kind",
                                             "accompaniment_hours", "training_cost", "cec_balance"]
    balance = answers[3]
    assert balance == {"field": "balance", "label": {"fr": "Solde du compte", "en": "Account balance"}[lang],
                       "value": 800, "text": {"fr": "800\u00a0€", "en": "€800"}[lang], "source": "person"}


# -- 3. references people can open ----------------------------------------------------------------------

HOSTS = {"www.legifrance.gouv.fr", "www.service-public.gouv.fr", "www.moncompteformation.gouv.fr"}
EMPLOYEE = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
            "disability_boe": False, "other_status": "none", "training_kind": "certification", "balance": 1200,
            "training_cost": 2000, "cofunding": "none", "during_work_hours": False, "uses_c2p": False,
            "incapacity_retraining": False, "cec_balance": 0}
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


@cache
def every_source() -> frozenset[str]:
    """Every source the rules can cite: each parameter's and each step's, and every explanation's
    on the dialogue's reachable paths at three dates (before and after the changes of regime).
    Walked once per process (seconds), then shared by the tests that read it: nothing changes it."""
    found = {p.source for p in product_parameters().values()}
    found |= {step.source for p in product_parameters().values() for step in p.steps if step.source}
    for as_of in (date(2019, 6, 1), date(2024, 3, 1), AS_OF):
        for _, reply in walk(cpf_engine(), as_of):
            assert reply.assessment is not None
            found |= {source for e in reply.assessment.explanations for source in e.sources}
    return frozenset(found)


def well_formed(url: str, text: str) -> bool:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme != "https" or parts.netloc not in HOSTS or " " in url:
        return False
    if parts.path == "/search/code":  # an article: the search of the codes by its number
        return query.get("searchField") == ["NUM_ARTICLE"] and bool(re.fullmatch(r"[LRD]\d+(-\d+)+", query["query"][0]))
    if parts.path == "/search/all":
        return query.get("searchField") == ["ALL"] and bool(query.get("query"))
    if parts.netloc == "www.service-public.gouv.fr":
        return re.fullmatch(r"/particuliers/vosdroits/F\d+", parts.path) is not None and text.endswith(parts.path[-6:])
    return url == "https://www.moncompteformation.gouv.fr/"


def test_every_source_of_the_rules_is_read_and_linked() -> None:
    sources = every_source()
    assert len(sources) > 40
    unread = [s for s in sources if any(ref.kind == "other" for ref in references(s))]
    assert unread == []
    for source in sources:
        for ref in references(source):
            assert (ref.url is None) == (ref.kind == "press"), source  # only trade press has no public text
            assert ref.url is None or well_formed(ref.url, ref.number), (source, ref.url)
    article = references("Code du travail, art. R6323-1 II et L3121-64")
    assert [(r.code, r.number, r.part) for r in article] == [("labour", "R6323-1", "II"), ("labour", "L3121-64", "")]
    assert article[0].url is not None and article[0].url.endswith("query=R6323-1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_and_press_reference_has_its_name(lang: str) -> None:
    codes = {ref.code for s in every_source() for ref in references(s) if ref.kind == "article"}
    press = {ref.number for s in every_source() for ref in references(s) if ref.kind == "press"}
    keys = [f"reference.code.{code}" for code in codes] + [f"reference.press.{key}" for key in press]
    assert len(keys) == 3 and [key for key in keys if not translator(lang).has(key)] == []


@pytest.mark.parametrize(("lang", "grouped", "french"), [
    ("fr", "Sur la base de\u00a0: Code du travail\u00a0: art.\u00a0L5151-2, L6323-2, L6323-4, L6323-6, R6323-1, D6323-4\u202f;"
           " arrêté du 30 décembre 2025\u202f; service-public.fr, fiche F10705.", ()),
    ("en", "Based on: Labour Code (Code du travail), art.\u00a0L5151-2, L6323-2, L6323-4, L6323-6, R6323-1, D6323-4;"
           " Order of 30 December 2025; service-public.fr, page F10705.", ("Code du travail, art.", "écret", "rrêté", "fiche")),
])
def test_references_fit_on_one_short_line_grouped_by_code(lang: str, grouped: str, french: tuple[str, ...]) -> None:
    for screen in (terminal(EMPLOYEE, lang, plain=True, width=400), terminal(EMPLOYEE, lang, width=400)):
        assert grouped in screen and screen.count("art.") == 1
    text = assess_text(EMPLOYEE, lang)
    assert "R6323-1\u00a0I, R6323-1\u00a0II" in text  # each explanation keeps the subdivision it rests on
    assert [word for word in french if word in text] == []  # no French words in English sentences


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_terminal_links_each_reference_where_it_can(lang: str) -> None:
    screen = io.StringIO()
    channel = TerminalChannel(ENGINE, screen, plain=False, no_color=False)
    channel.console = Console(file=screen, theme=THEME, force_terminal=True, color_system="truecolor", width=100,
                              record=True, markup=False, highlight=False, emoji=False)
    channel.show(ENGINE.start(lang, AS_OF, EMPLOYEE))
    links = re.findall(r'<a [^>]*href="([^"]+)">([^<]+)</a>', channel.console.export_html())
    assert len(links) == 8 and ("https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE"
                                "&query=L6323-2", "L6323-2") in links  # 6 articles, an order, a page
    assert screen.getvalue().count("\x1b]8;") == 2 * len(links)  # each one opened and closed on the terminal
    assert "\x1b]8;" not in terminal(EMPLOYEE, lang, plain=True)  # --plain: text alone, for screen readers


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Références\u00a0: Code du travail\u00a0: art.\u00a0[L5151-2](https://www.legifrance.gouv.fr/search/code?"
           "tab_selection=code&searchField=NUM_ARTICLE&query=L5151-2), "),
    ("en", "Legal references: Labour Code (Code du travail), art.\u00a0[L5151-2](https://www.legifrance.gouv.fr/search/code?"
           "tab_selection=code&searchField=NUM_ARTICLE&query=L5151-2), "),
])
def test_the_markdown_report_links_every_reference(tmp_path: Path, lang: str, line: str) -> None:
    path = tmp_path / "r.md"
    run_cli("--date", AS_OF.isoformat(), "--report", str(path), stdin="\n".join(JOB_SEEKER[lang]) + "\n", lang=lang)
    report = path.read_text(encoding="utf-8")
    assert line in report
    links = LINK.findall(report)
    assert len(links) >= 20 and [(text, url) for text, url in links if not well_formed(url, text)] == []
    assert "[service-public.fr, " in report


# -- 2. the balance against its cap: a bar, and the same in words ---------------------------------------

@pytest.mark.parametrize(("lang", "words", "at_cap", "no_rate"), [
    ("fr", "1\u202f200\u00a0€ sur 5\u202f000\u00a0€ (24\u00a0%)\u00a0; plafond atteint vers 2034 à ce rythme.",
     "5\u202f000\u00a0€ sur 5\u202f000\u00a0€\u00a0: plafond atteint", "800\u00a0€ sur 5\u202f000\u00a0€ (16\u00a0%)."),
    ("en", "€1,200 of €5,000 (24%); cap reached around 2034 at this rate.",
     "€5,000 of €5,000: the cap is reached", "€800 of €5,000 (16%)."),
])
def test_the_balance_against_its_cap(tmp_path: Path, lang: str, words: str, at_cap: str, no_rate: str) -> None:
    rich = terminal(EMPLOYEE, lang, width=400)
    assert f"{'█' * 5}{'░' * 15} {words}" in rich  # 24 % of 20 cells
    for screen in (terminal(EMPLOYEE, lang, plain=True, width=400), assess_text(EMPLOYEE, lang)):
        assert words in screen and "█" not in screen and "░" not in screen
    full = {**EMPLOYEE, "balance": 5000}
    assert at_cap in assess_text(full, lang) and "2034" not in assess_text(full, lang)
    assert f"{'█' * 20} {at_cap}" in terminal(full, lang, width=400)
    job_seeker = line_mode(JOB_SEEKER[lang], lang)  # no yearly credit: no year
    assert no_rate in job_seeker and ("rythme" if lang == "fr" else "rate") not in job_seeker
    path = tmp_path / "r.md"
    run_cli("--date", AS_OF.isoformat(), "--report", str(path), stdin="\n".join(JOB_SEEKER[lang]) + "\n", lang=lang)
    assert f"- {no_rate}" in path.read_text(encoding="utf-8")


def test_no_bar_without_a_balance_or_an_account() -> None:
    unknown = {key: value for key, value in EMPLOYEE.items() if key not in ("balance", "training_cost")}
    for lang in LANGUAGES:
        for screen in (terminal(TOO_YOUNG, lang, width=400), assess_text(unknown, lang)):
            assert "█" not in screen and "░" not in screen and "%" not in screen


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Employeur : accord nécessaire ; le délai pour le demander, le 17 septembre 2026, est passé : "
           "demandez-le dès maintenant ou choisissez un début plus tardif."),
    ("en", "Employer: agreement needed; the deadline to ask, 17 September 2026, has passed: ask now or "
           "choose a later start."),
])
def test_a_deadline_already_passed_is_said_so_in_the_result_as_in_the_steps(lang: str, line: str) -> None:
    """A newcomer read "ask by 17 September 2026 at the latest" beside "that deadline has passed"."""
    from datetime import date
    from decimal import Decimal

    from bot.i18n import translator
    from bot.render.assessment import figure_lines
    from bot.rules import assess

    answers = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
               "disability_boe": False, "balance": Decimal(1200), "training_kind": "certification",
               "cofunding": "none", "training_cost": Decimal(1500), "uses_c2p": False,
               "incapacity_retraining": False, "cec_balance": Decimal(0), "during_work_hours": True,
               "training_start": date(2027, 1, 15), "training_months": Decimal(6)}
    a = assess(answers, date(2026, 12, 2))
    assert a.employer is not None and a.employer.ask_before == date(2026, 9, 17)
    assert line in figure_lines(a, translator(lang))


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Formation : l'éligibilité dépend d'une réponse que vous n'avez pas pu donner ; tapez « pourquoi » "
           "pour voir ce que donnerait chaque réponse."),
    ("en", 'Training: eligibility depends on an answer you could not give; type "why" to see what each answer '
           "would give."),
])
def test_an_unknown_answer_is_not_told_to_answer_again(lang: str, line: str) -> None:
    """"I don't know" whether a licence is held: the result said "answer the questions about the licence"."""
    from datetime import date
    from decimal import Decimal

    from bot.i18n import translator
    from bot.render.assessment import figure_lines
    from bot.rules import assess

    answers = {"status": "job_seeker", "age": 30, "diploma": "bac", "disability_boe": False, "other_status": "none",
               "balance": Decimal(800), "training_kind": "driving_licence", "licence": "B", "holds_licence": None,
               "training_cost": Decimal(1200)}
    a = assess(answers, date(2026, 6, 1))
    assert a.training is not None and a.training.reason == "undetermined" and not a.missing
    assert line in [" ".join(shown.split()) for shown in figure_lines(a, translator(lang))]
