"""Eligible training and per-training caps (RULES.md section 4), on both sides of every change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Hours, Assessment, Money, Term
from bot.rules.training import HEAVY_LICENCES, LIGHT_LICENCES
from bot.rules.situation import FIELDS

PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more",
           "diploma": "bac", "disability_boe": False, "balance": D(3000)}


def run(on: str, **answers: Any) -> Assessment:
    return assess({**PRIVATE, **answers}, date.fromisoformat(on))


def verdict(on: str, **answers: Any) -> tuple[bool, str, D | None]:
    t = run(on, **answers).training
    assert t is not None
    return t.eligible, t.reason, t.cpf_cap


def codes(a: Assessment) -> list[str]:
    return [e.code for e in a.explanations]


def test_licence_groups_match_the_answer_schema() -> None:
    assert set(FIELDS["licence"].choices) == {*LIGHT_LICENCES, "BE", *HEAVY_LICENCES}


def test_no_training_kind_no_training() -> None:
    assert run("2025-06-01").training is None


@pytest.mark.parametrize("kind", ("certification", "skills_block", "rs_certification", "vae", "skills_assessment"))
def test_always_eligible_kinds(kind: str) -> None:
    a = run("2025-06-01", training_kind=kind)
    assert a.training is not None and (a.training.eligible, a.training.reason) == (True, kind)
    assert f"training.{kind}" in codes(a)


def test_other_is_not_certifying() -> None:
    a = run("2025-06-01", training_kind="other")
    assert verdict("2025-06-01", training_kind="other") == (False, "not_certifying", None)
    assert "choose_certifying" in [s.code for s in a.next_steps]


def test_business_creation_until_15_february_2025() -> None:
    assert verdict("2025-02-15", training_kind="business_creation") == (True, "business_creation", None)
    a = run("2025-02-16", training_kind="business_creation")
    assert a.training is not None
    assert (a.training.eligible, a.training.reason) == (False, "business_creation_not_certifying")
    assert "choose_certifying" in [s.code for s in a.next_steps]


@pytest.mark.parametrize(("kind", "cap"), [("skills_assessment", 1600), ("rs_certification", 1500)])
def test_per_training_caps_from_26_february_2026(kind: str, cap: int) -> None:
    assert verdict("2026-02-25", training_kind=kind)[2] is None
    a = run("2026-02-26", training_kind=kind, accompaniment_hours=D(20))
    assert a.training is not None and a.training.cpf_cap == cap
    e = [e for e in a.explanations if e.code in ("training.cap", "training.cap_rs")][0]
    assert e.confidence == "S" and e.params["cap"] == Money(D(cap))
    assert e.code == ("training.cap_rs" if kind == "rs_certification" else "training.cap")


@pytest.mark.parametrize("kind", ("certification", "skills_block", "vae"))
def test_uncapped_kinds(kind: str) -> None:
    assert verdict("2026-06-01", training_kind=kind)[2] is None


def test_caps_do_not_apply_to_hours_accounts() -> None:
    a = assess({"status": "public_agent", "age": 30, "consular_network": False, "public_category": "A",
                "training_kind": "skills_assessment", "accompaniment_hours": D(20)}, date(2026, 6, 1))
    assert a.training is not None and a.training.eligible and a.training.cpf_cap is None


# ---------------------------------------------------------------- driving licences

@pytest.mark.parametrize("licence", ("B", *HEAVY_LICENCES))
def test_before_2024_b_and_heavy_only(licence: str) -> None:
    a = run("2023-12-31", training_kind="driving_licence", licence=licence)
    assert verdict("2023-12-31", training_kind="driving_licence", licence=licence) == (True, "driving_licence", None)
    assert "training.licence_b_heavy" in codes(a)
    assert "holds_licence" not in a.relevant


@pytest.mark.parametrize("licence", ("A1", "A2", "A", "B1", "BE"))
def test_other_licences_eligible_from_1_january_2024(licence: str) -> None:
    assert verdict("2023-12-31", training_kind="driving_licence", licence=licence) == (
        False, "licence_not_covered", None)
    assert verdict("2024-01-01", training_kind="driving_licence", licence=licence) == (
        True, "driving_licence", None)


def test_any_land_licence_even_when_holding_one_until_18_may_2024() -> None:
    a = run("2024-05-18", training_kind="driving_licence", licence="B", holds_licence=True)
    assert a.training is not None and a.training.eligible
    assert "holds_licence" not in a.relevant
    assert "training.licence_all_land" in codes(a)


@pytest.mark.parametrize("licence", LIGHT_LICENCES)
def test_light_licence_only_without_a_licence_from_19_may_2024(licence: str) -> None:
    held = run("2024-05-19", training_kind="driving_licence", licence=licence, holds_licence=True)
    assert held.training is not None
    assert (held.training.eligible, held.training.reason) == (False, "already_licensed")
    assert "training.already_licensed" in codes(held)
    first = run("2024-05-19", training_kind="driving_licence", licence=licence, holds_licence=False)
    assert first.training is not None and first.training.eligible
    assert "training.first_licence" in codes(first)


@pytest.mark.parametrize("licence", ("BE", *HEAVY_LICENCES))
def test_be_and_heavy_unaffected_by_light_rules(licence: str) -> None:
    dates = ("2024-05-19", "2026-02-25") if licence == "BE" else ("2024-05-19", "2026-02-26")
    for on in dates:
        a = run(on, training_kind="driving_licence", licence=licence, holds_licence=True, cofunding="none")
        assert a.training is not None and a.training.eligible and a.training.cpf_cap is None
        assert "holds_licence" not in a.relevant
        assert "training.licence_not_light" in codes(a)


def test_light_licence_needs_job_seeker_or_cofunding_from_26_february_2026() -> None:
    answers = {"training_kind": "driving_licence", "licence": "B", "holds_licence": False, "cofunding": "none"}
    assert verdict("2026-02-25", **answers) == (True, "driving_licence", None)
    a = run("2026-02-26", **answers)
    assert a.training is not None
    assert (a.training.eligible, a.training.reason) == (False, "light_licence_not_cofunded")
    assert "seek_cofunding" in [s.code for s in a.next_steps]
    for cofunding in ("employer", "public"):
        ok = run("2026-02-26", **{**answers, "cofunding": cofunding, "cofunding_amount": D(300)})
        assert ok.training is not None and ok.training.eligible and ok.training.cpf_cap == 900
        met = [e for e in ok.explanations if e.code == "training.light_licence_conditions_met"][0]
        assert met.params["route"] == Term(f"route.{cofunding}_cofunding")


def test_both_2026_conditions_are_cumulative() -> None:
    # Co-funded but already holding a licence: still not eligible, co-funding not even asked.
    a = run("2026-03-01", training_kind="driving_licence", licence="B", holds_licence=True, cofunding="employer")
    assert a.training is not None and a.training.reason == "already_licensed"
    assert "cofunding" not in a.relevant[: a.relevant.index("holds_licence") + 1]


def test_job_seeker_light_licence_2026_without_cofunding_question() -> None:
    a = assess({"status": "job_seeker", "age": 30, "balance": D(2000), "training_kind": "driving_licence",
                "licence": "B", "holds_licence": False}, date(2026, 3, 1))
    assert a.training is not None and a.training.eligible and a.training.cpf_cap == 900
    assert "cofunding" not in a.relevant


@pytest.mark.parametrize(("on", "answers", "missing"), [
    ("2025-06-01", {}, "licence"),
    ("2025-06-01", {"licence": "B"}, "holds_licence"),
    ("2026-06-01", {"licence": "B", "holds_licence": False}, "cofunding"),
])
def test_undetermined_licence_is_not_taken_for_granted(on: str, answers: dict[str, Any], missing: str) -> None:
    a = run(on, training_kind="driving_licence", **answers)
    assert a.training is not None
    assert (a.training.eligible, a.training.reason) == (False, "undetermined")
    assert missing in a.missing
    unknown_held = "training.holds_licence_unknown"  # says what each answer would give
    assert ("training.licence_undetermined" if missing != "holds_licence" else unknown_held) in codes(a)


@pytest.mark.parametrize(("on", "code", "eligible_if"), [
    ("2025-06-01", "training.holds_licence_unknown", ()),
    ("2026-06-01", "training.holds_licence_unknown_conditions", ("min_cofunding", "conditions_since")),
])
def test_a_licence_held_unknown_says_what_each_answer_gives(on: str, code: str, eligible_if: tuple[str, ...]) -> None:
    a = run(on, training_kind="driving_licence", licence="B")
    assert a.training is not None and (a.training.eligible, a.training.reason) == (False, "undetermined")
    found = next(e for e in a.explanations if e.code == code)
    assert set(found.params) == {"licence", "since", *eligible_if}
    assert "Code du travail, art. D6323-8" in found.sources


def test_not_eligible_explanations_name_what_would_change_it() -> None:
    """Each refusal has its own explanation (the sentence says which condition failed)."""
    cases = {
        "licence_not_covered": run("2023-06-01", training_kind="driving_licence", licence="A"),
        "already_licensed": run("2025-06-01", training_kind="driving_licence", licence="B", holds_licence=True),
        "light_licence_not_cofunded": run("2026-06-01", training_kind="driving_licence", licence="B",
                                          holds_licence=False, cofunding="none"),
        "business_creation_not_certifying": run("2025-06-01", training_kind="business_creation"),
        "not_certifying": run("2025-06-01", training_kind="other"),
    }
    for reason, a in cases.items():
        assert a.training is not None and a.training.reason == reason
        assert f"training.{reason}" in codes(a)


# ---------------------------------------------------------------- issue 10: training rules

def test_clea_is_uncapped_while_other_rs_certifications_are_capped() -> None:
    """CléA (the socle) stays uncapped after 26 Feb 2026; the répertoire spécifique is capped at 1,500."""
    for on in ("2026-02-25", "2026-02-26"):
        a = run(on, training_kind="clea", balance=D(3000), training_cost=D(2000))
        assert a.training is not None and (a.training.eligible, a.training.reason, a.training.cpf_cap) == (
            True, "clea", None)
        assert "training.clea" in codes(a)
    assert verdict("2026-02-26", training_kind="rs_certification")[2] == 1500


@pytest.mark.parametrize(("on", "in_group"), [("2026-02-25", False), ("2026-02-26", True)])
def test_be_joins_the_light_group_on_26_february_2026(on: str, in_group: bool) -> None:
    answers = {"training_kind": "driving_licence", "licence": "BE", "cofunding": "none"}
    a = run(on, **answers)
    assert a.training is not None and a.training.eligible is not in_group
    assert "holds_licence" not in a.relevant  # BE requires B: the no-licence condition never applies
    if in_group:
        assert a.training.reason == "light_licence_not_cofunded"
        group = [e for e in a.explanations if e.code == "training.be_light_group"][0]
        assert group.confidence == "S"
        ok = run(on, **{**answers, "cofunding": "employer", "cofunding_amount": D(150)})
        assert ok.training is not None and ok.training.eligible and ok.training.cpf_cap == 900
        assert "training.be_conditions_met" in codes(ok)
        seeker = assess({"status": "job_seeker", "age": 30, "training_kind": "driving_licence", "licence": "BE"},
                        date.fromisoformat(on))
        assert seeker.training is not None and seeker.training.eligible and "cofunding" not in seeker.relevant


@pytest.mark.parametrize(("amount", "eligible"), [(D("99.99"), False), (D(100), True), (D(400), True)])
def test_light_licence_cofunding_must_be_at_least_100(amount: D, eligible: bool) -> None:
    answers = {"training_kind": "driving_licence", "licence": "B", "holds_licence": False, "cofunding": "public",
               "cofunding_amount": amount}
    a = run("2026-03-01", **answers)
    assert a.training is not None and a.training.eligible is eligible
    if not eligible:
        too_low = [e for e in a.explanations if e.code == "training.cofunding_too_low"][0]
        assert too_low.confidence == "S" and too_low.params["min_cofunding"] == Money(D(100))
        assert a.training.reason == "light_licence_cofunding_too_low"
    unknown = run("2026-03-01", **{k: v for k, v in answers.items() if k != "cofunding_amount"})
    assert "cofunding_amount" in unknown.missing
    assert "cofunding_amount" not in run("2026-02-25", **answers).relevant


@pytest.mark.parametrize(("on", "paused"), [
    ("2026-02-19", False), ("2026-02-20", True), ("2026-02-25", True), ("2026-02-26", False),
])
def test_driving_schools_stopped_cpf_enrolments_from_20_to_25_february_2026(on: str, paused: bool) -> None:
    a = run(on, training_kind="driving_licence", licence="C")
    found = [e for e in a.explanations if e.code == "training.licence_enrolments_paused"]
    assert bool(found) is paused
    if paused:
        assert found[0].confidence == "S" and found[0].params["since"] == date(2026, 2, 20)


@pytest.mark.parametrize(("on", "hours", "eligible", "reason"), [
    ("2026-02-25", D(5), True, "skills_assessment"),
    ("2026-02-26", D("12.5"), False, "skills_assessment_too_short"),
    ("2026-02-26", D(13), True, "skills_assessment"),
    ("2026-02-26", D(24), True, "skills_assessment"),
])
def test_skills_assessment_pays_accompaniment_hours_only_at_least_13(on: str, hours: D, eligible: bool,
                                                                       reason: str) -> None:
    a = run(on, training_kind="skills_assessment", accompaniment_hours=hours)
    assert a.training is not None and (a.training.eligible, a.training.reason) == (eligible, reason)
    assert ("accompaniment_hours" in a.relevant) is (on >= "2026-02-26")
    if on >= "2026-02-26":
        e = [e for e in a.explanations if e.code.startswith("training.skills_assessment_")][0]
        assert e.confidence == "S" and e.params["min_hours"] == Hours(D(13))


AGENT_LICENCE = {"status": "public_agent", "age": 30, "consular_network": False, "public_category": "B",
                 "balance": D(100), "training_kind": "driving_licence", "licence": "B", "holds_licence": False}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("more", "step", "route"), [
    ({"cofunding": "none"}, "seek_cofunding_administration", None),
    ({"cofunding": "employer", "cofunding_amount": D(50)}, "seek_cofunding_administration", None),
    ({"cofunding": "employer", "cofunding_amount": D(200)}, None, "route.administration_cofunding"),
    ({"cofunding": "public", "cofunding_amount": D(200)}, None, "route.public_cofunding"),
])
def test_a_public_agent_is_sent_to_the_administration_never_to_an_opco(
        lang: str, more: dict[str, Any], step: str | None, route: str | None) -> None:
    """RULES.md section 7: an OPCO only for employees, the administration for public agents."""
    from bot.i18n import translator
    from bot.render.assessment import assessment_text

    a = assess({**AGENT_LICENCE, **more}, date(2026, 3, 1))
    found = [s.code for s in a.next_steps if s.code.startswith("seek_cofunding")]
    assert found == ([] if step is None else [step])
    if route is not None:
        met = [e for e in a.explanations if e.code == "training.light_licence_conditions_met"][0]
        assert met.params["route"] == Term(route)
    assert "OPCO" not in assessment_text(a, translator(lang))


def test_an_employee_is_still_told_of_the_employer_and_the_opco() -> None:
    a = run("2026-03-01", training_kind="driving_licence", licence="B", holds_licence=False, cofunding="none")
    assert "seek_cofunding" in [s.code for s in a.next_steps]


LICENCE_2026 = {"training_kind": "driving_licence", "licence": "B", "holds_licence": False}
WITHOUT_EMPLOYER = {
    "self_employed": {"status": "self_employed", "age": 40, "activity_months": 12, "cfp_paid": True, "balance": D(300)},
    "esat_worker": {"status": "esat_worker", "age": 40, "balance": D(300)},
    "retired": {"status": "retired", "age": 62, "pension_full_rate": False, "balance": D(300)},
    "not_working": {"status": "not_working", "age": 40, "worked_before": True, "balance": D(300)},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("status", "suffix", "named"), [
    ("self_employed", "self_employed", {"fr": "fonds d'assurance formation", "en": "training insurance fund"}),
    ("esat_worker", "esat", {"fr": "ESAT", "en": "ESAT"}),
    ("retired", "other", {"fr": "région", "en": "region"}),
    ("not_working", "other", {"fr": "région", "en": "region"}),
])
@pytest.mark.parametrize("more", [{"cofunding": "none"}, {"cofunding": "public", "cofunding_amount": D(50)}])
def test_whom_to_ask_for_co_funding_follows_the_status(
        lang: str, status: str, suffix: str, named: dict[str, str], more: dict[str, Any]) -> None:
    """RULES.md section 7: a self-employed person was sent to "your employer, your OPCO" for a
    licence's co-funding; the FAF is theirs, the ESAT an ESAT worker's, public funders the others'."""
    from bot.i18n import translator
    from bot.render.assessment import assessment_text, explanation_text

    a = assess({**WITHOUT_EMPLOYER[status], **LICENCE_2026, **more}, date(2026, 3, 1))
    assert [s.code for s in a.next_steps if s.code.startswith("seek_cofunding")] == [f"seek_cofunding_{suffix}"]
    tr = translator(lang)
    shown = assessment_text(a, tr)
    if more["cofunding"] == "none":
        [refused] = [e for e in a.explanations if e.code.startswith("training.light_licence_not_cofunded")]
        assert refused.code == f"training.light_licence_not_cofunded_{suffix}"
        shown += "\n" + explanation_text(refused, tr)
    assert named[lang] in shown
    assert "OPCO" not in shown and tr.text("next.seek_cofunding") not in shown
    assert ("employeur" if lang == "fr" else "employer") not in shown.replace(tr.text("result.employer_not_needed"), "")


@pytest.mark.parametrize(("status", "cofunding", "route"), [
    ("self_employed", "faf", "route.faf_cofunding"),
    ("self_employed", "public", "route.public_cofunding"),
    ("esat_worker", "employer", "route.esat_cofunding"),
    ("not_working", "public", "route.public_cofunding"),
])
def test_the_co_funder_named_when_the_licence_is_eligible_is_the_person_s(status: str, cofunding: str, route: str) -> None:
    a = assess({**WITHOUT_EMPLOYER[status], **LICENCE_2026, "cofunding": cofunding, "cofunding_amount": D(200)},
               date(2026, 3, 1))
    assert a.training is not None and a.training.eligible
    [met] = [e for e in a.explanations if e.code == "training.light_licence_conditions_met"]
    assert met.params["route"] == Term(route)
    assert not [s for s in a.next_steps if s.code.startswith("seek_cofunding")]


def test_a_self_employed_person_s_faf_is_no_employer_co_funding() -> None:
    """The FAF's co-funding makes a licence eligible; it does not waive the participation, as an
    employer's does (décret 2024-394)."""
    a = assess({**WITHOUT_EMPLOYER["self_employed"], **LICENCE_2026, "cofunding": "faf", "cofunding_amount": D(200),
                "training_cost": D(1200)}, date(2026, 3, 1))
    assert a.participation.due and a.participation.exemption is None
