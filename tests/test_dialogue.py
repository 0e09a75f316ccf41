"""The dialogue definition is checked when it loads; the graph command draws it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.dialogue.definition import DialogueError, cpf_dialogue, load_dialogue
from bot.dialogue.engine import Engine
from bot.dialogue.graph import walk
from bot.paths import data_dir
from bot.render.assessment import assessment_json
from bot.i18n import translator
from bot.rules.situation import FIELDS, to_json_value
from fakes import run_cli

GOOD = (Path(data_dir("dialogs")) / "cpf.toml").read_text(encoding="utf-8")


def problems_of(text: str, tmp_path: Path) -> str:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DialogueError) as caught:
        load_dialogue(path)
    return "\n".join(caught.value.problems)


def test_the_product_dialogue_loads() -> None:
    dialogue = cpf_dialogue()
    assert dialogue.order[0] == "status" and len(dialogue.questions) == len(FIELDS) - 1  # all but as_of


@pytest.mark.parametrize(("change", "problem"), [
    (('kind = "money"\noptional = true\n\n# A public', 'kind = "date"\noptional = true\n\n# A public'),
     "balance: kind 'date' cannot ask a number field"),
    (('[question.balance.in_hours]\nkind = "number"', '[question.balance.in_hours]\nkind = "choice"'),
     "balance: kind 'choice' cannot ask a number field"),
    # Every choice is offered to someone: the FAF only in the self-employed's version.
    (('choices = ["none", "faf", "public"]', 'choices = ["none", "public"]'), "cofunding: choices must be exactly"),
    (('choices = ["none", "faf", "public"]', 'choices = ["none", "faf", "opco"]'),
     "cofunding.self_employed: choices must be among"),
    (('[question.cofunding.for.other]', '[question.cofunding.for.students]'),
     "cofunding: 'students' is not a group of co-funders with its own version"),
    (('[question.working_time.params]\nrate = "credit.private.annual"', '[question.working_time.params]\nrate = "credit.private.yearly"'),
     "working_time: unknown parameter 'credit.private.yearly'"),
    (('age = "account.min_age"', 'years = "account.min_age"'), "age: 'why.age' in fr has {age} but no such param"),
    (('fields = ["balance", "years_worked"]', 'fields = ["balance"]'), "years_worked: defined but in no phase"),
    (('fields = ["balance", "years_worked"]', 'fields = ["balance", "years_worked", "shoe_size"]'),
     "shoe_size: listed in phase 'account' but has no question"),
    (('[question.cfp_paid]\nkind = "yes_no"', '[question.cfp_paid]\nkind = "yes_no"\ncolour = "red"'), "cfp_paid: unknown key 'colour'"),
    *[(('also_answers = "licence"', f'also_answers = "{target}"'),
       "training_kind: also_answers names another choice field, for a choice question")
      for target in ("age", "training_kind", "shoe_size")],
    (('[question.cfp_paid]\nkind = "yes_no"', '[question.cfp_paid]\nkind = "yes_no"\nalso_answers = "licence"'),
     "cfp_paid: also_answers names another choice field, for a choice question"),
])
def test_a_broken_definition_names_every_problem(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    old, new = change
    assert GOOD.count(old) == 1, old
    assert problem in problems_of(GOOD.replace(old, new), tmp_path)


def test_a_missing_message_is_found_at_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.dialogue.definition

    class WithoutHelpAge:
        def __init__(self, lang: str) -> None:
            self.real = translator(lang)

        def has(self, key: str) -> bool:
            return key != "help.age" and self.real.has(key)

        def text_template(self, key: str) -> str:
            return self.real.text_template(key)

    monkeypatch.setattr(bot.dialogue.definition, "translator", WithoutHelpAge)
    problems = problems_of(GOOD, tmp_path)
    assert "age: message 'help.age' missing in fr" in problems
    assert "age: message 'help.age' missing in en" in problems


def test_a_date_help_without_its_example_and_a_missing_unit_message_are_found_at_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A date question's help gives an example date it accepts (from the rules date); a
    number that must be more than 0 says so in its unit."""
    import bot.dialogue.definition

    class Reworded:
        def __init__(self, lang: str) -> None:
            self.real = translator(lang)

        def has(self, key: str) -> bool:
            return key != "answer.not_positive.months" and self.real.has(key)

        def text_template(self, key: str) -> str:
            return "For example 1 September 2026." if key == "help.training_start" else self.real.text_template(key)

    monkeypatch.setattr(bot.dialogue.definition, "translator", Reworded)
    problems = problems_of(GOOD, tmp_path)
    assert "training_start: 'help.training_start' in fr gives no example date" in problems
    assert "training_months: message 'answer.not_positive.months' missing in en" in problems


def test_walked_paths_match_the_assess_command() -> None:
    as_of = date(2025, 6, 1)
    engine = Engine(cpf_dialogue())
    for _, reply in walk(engine, as_of):
        assert reply.assessment is not None
        situation = {k: to_json_value(v) for k, v in reply.session.answers.items()}
        code, out, err = run_cli("assess", "--date", as_of.isoformat(), stdin=json.dumps(situation))
        assert code == 0, err
        assert json.loads(out) == assessment_json(reply.assessment, translator("fr"))


@pytest.mark.parametrize(("lang", "label"), [("fr", "Non, moins qu'un mi-temps"), ("en", "No, less than half-time")])
def test_graph_command_prints_the_reachable_flow(lang: str, label: str) -> None:
    code, out, _ = run_cli("graph", "--date", "2026-06-01", "--lang", lang)
    assert code == 0
    assert out.startswith("---") and "stateDiagram-v2" in out
    assert f"working_time --> reference_basis: {label}" in out
    assert "worked_before --> result" in out  # never worked, not registered: no account yet
    assert "--> licence" in out and "--> training_start" in out
    assert ('state "Temps de travail" as working_time' if lang == "fr" else 'state "Working time" as working_time') in out


@pytest.mark.parametrize(("lang", "words"), [("fr", "je ne sais pas"), ("en", "I don't know")])
def test_an_optional_questions_help_says_what_i_dont_know_gives(lang: str, words: str) -> None:
    """The help of a question one may not know says so itself, once (no generic line after it)."""
    from bot.dialogue.engine import cpf_engine
    from bot.i18n import translator

    from bot.dialogue.params import question_params

    tr = translator(lang)
    for question in cpf_engine().dialogue.questions.values():
        for asked in (question, question.in_hours):
            if asked is not None and asked.optional:
                helped = tr.text(asked.key("help"), **question_params(asked, date(2026, 6, 1)))
                assert words in helped.replace("’", "'"), asked.key("help")
