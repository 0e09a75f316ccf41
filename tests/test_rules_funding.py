"""What the CPF pays and what remains (CONTRACT.md funding; RULES.md section 5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.rules import assess
from bot.rules.model import Assessment, Funding, Money

PRIVATE = {"status": "private_employee", "age": 30, "working_time": "half_or_more",
           "diploma": "bac", "disability_boe": False}
NO_EXEMPTION = {"cofunding": "none", "uses_c2p": False, "incapacity_retraining": False}


def run(on: str, **answers: Any) -> Assessment:
    return assess(answers, date.fromisoformat(on))


def steps(a: Assessment) -> dict[str, Any]:
    return {s.code: s.params for s in a.next_steps}


def test_official_example_1000_in_2025() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding == Funding(D(1000), D("102.23"), D("897.77"), D("102.23"))
    assert "funding.covered" in [e.code for e in a.explanations]
    assert "find_top_ups" not in steps(a)


@pytest.mark.parametrize(("on", "cpf_pays"), [("2024-05-01", D(1000)), ("2024-05-02", D(900)),
                                              ("2026-01-01", D("896.80"))])
def test_participation_changes_over_time(on: str, cpf_pays: D) -> None:
    a = run(on, **PRIVATE, balance=D(2000), training_kind="certification", training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding is not None and a.funding.cpf_pays == cpf_pays
    assert a.funding.remaining == 1000 - cpf_pays


def test_exempt_holder_pays_nothing_when_rights_suffice() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D(1000), cofunding="employer")
    assert a.funding == Funding(D(1000), D(0), D(1000), D(0))
    assert "funding.covered_exempt" in [e.code for e in a.explanations]


def test_short_balance_needs_top_ups() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(300), training_kind="certification",
            training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding == Funding(D(1000), D("102.23"), D(300), D(700))
    # RULES.md 7: the participation is named as part of what is left, and the top-up says it excludes it.
    assert "funding.short_participation" in [e.code for e in a.explanations]
    top_up = steps(a)["find_top_ups_participation"]
    assert top_up["shortfall"] == Money(D("597.77")) and top_up["remaining"] == Money(D(700))
    assert top_up["participation"] == Money(D("102.23"))
    assert "top_ups_employee" in steps(a) and "top_ups_job_seeker" not in steps(a)


def test_per_training_cap() -> None:
    a = run("2026-03-01", **PRIVATE, balance=D(5000), training_kind="skills_assessment",
            accompaniment_hours=D(20), training_cost=D(2500), **NO_EXEMPTION)
    assert a.funding == Funding(D(2500), D("103.20"), D(1600), D(900))
    e = [e for e in a.explanations if e.code == "funding.capped_participation"][0]
    assert e.confidence == "S"
    assert steps(a)["find_top_ups_participation"]["shortfall"] == Money(D("796.80"))


def test_not_eligible_cpf_pays_nothing() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="other", training_cost=D(800))
    assert a.funding == Funding(D(800), D(0), D(0), D(800))
    assert "find_top_ups" not in steps(a)


def test_undetermined_training_counts_nothing() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="driving_licence", training_cost=D(800))
    assert a.funding is not None and a.funding.cpf_pays == 0
    assert "funding.undetermined" in [e.code for e in a.explanations]


def test_cost_below_participation_never_negative() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D(50), **NO_EXEMPTION)
    assert a.funding is not None and a.funding.cpf_pays == 0 and a.funding.remaining == 50


@pytest.mark.parametrize(("balance", "cost"), [(D(2000), D(50)), (D(2000), D("103.20")), (D(2000), D(0)),
                                               (D(0), D(1500))])
def test_no_participation_is_charged_when_the_cpf_would_pay_nothing(balance: D, cost: D) -> None:
    """RULES.md section 7, one figure: never "50 € left to pay, of which the 103.20 € participation"."""
    a = run("2026-06-01", **PRIVATE, balance=balance, training_kind="certification", training_cost=cost,
            **NO_EXEMPTION)
    assert a.participation.due and a.funding == Funding(cost, D(0), D(0), cost)
    codes = [e.code for e in a.explanations]
    assert "funding.nothing_from_cpf" in codes and not {"funding.covered", "funding.short_participation"} & set(codes)
    assert ("find_top_ups" in steps(a)) is (balance == 0)
    assert "find_top_ups_participation" not in steps(a)


def test_a_cent_from_the_cpf_charges_the_participation() -> None:
    a = run("2026-06-01", **PRIVATE, balance=D(2000), training_kind="certification", training_cost=D("103.21"),
            **NO_EXEMPTION)
    assert a.funding == Funding(D("103.21"), D("103.20"), D("0.01"), D("103.20"))


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Participation forfaitaire : pas prélevée, le CPF ne paierait rien ici (elle serait de 103,20\u00a0€)."),
    ("en", "Flat participation: not charged, as the CPF would pay nothing here (it would be €103.20)."),
])
def test_the_result_says_the_participation_is_not_charged(lang: str, line: str) -> None:
    from bot.i18n import translator
    from bot.render.assessment import figure_lines

    a = run("2026-06-01", **PRIVATE, balance=D(2000), training_kind="certification", training_cost=D(50),
            **NO_EXEMPTION)
    assert line in figure_lines(a, translator(lang))


def test_estimated_balance_is_used() -> None:
    a = run("2025-06-01", **PRIVATE, balance=None, years_worked=D(1), training_kind="certification",
            training_cost=D(1000), **NO_EXEMPTION)
    assert a.funding == Funding(D(1000), D("102.23"), D(500), D(500))


@pytest.mark.parametrize("missing", ("training_cost", "balance", "training_kind"))
def test_no_funding_without_cost_training_and_balance(missing: str) -> None:
    answers = {**PRIVATE, "balance": D(2000), "training_kind": "certification", "training_cost": D(1000)}
    del answers[missing]
    assert run("2025-06-01", **answers).funding is None


def test_no_funding_for_hours_accounts() -> None:
    a = run("2025-06-01", status="public_agent", age=30, consular_network=False, public_category="A",
            balance=D(100), training_kind="certification", training_cost=D(1000))
    assert a.funding is None and "training_cost" not in a.relevant


def test_amounts_to_the_cent_never_above_the_balance() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D("300.005"), training_kind="certification",
            training_cost=D("1000.555"), **NO_EXEMPTION)
    assert a.funding is not None
    assert a.funding.cpf_pays == D("300.00")
    assert a.funding.cpf_pays + a.funding.remaining == a.funding.cost


def test_sub_cent_cost_does_not_invent_a_shortfall() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(2000), training_kind="certification",
            training_cost=D("1000.555"), **NO_EXEMPTION)
    assert a.funding is not None and a.funding.cpf_pays == D("898.32")
    assert "find_top_ups" not in steps(a)


# ---------------------------------------------------------------- issue 10: other rights, top-ups

def test_c2p_points_are_an_amount_to_add_to_the_funding() -> None:
    a = run("2025-06-01", **PRIVATE, balance=D(300), training_kind="certification", training_cost=D(2000),
            cofunding="none", uses_c2p=True, c2p_points=3, cec_balance=D(0))
    assert a.funding == Funding(D(2000), D(0), D(300), D(1700))  # C2P exempts from the participation
    assert a.other_rights is not None and a.other_rights.c2p == 1500 and a.other_rights.can_pay == 1500
    e = [e for e in a.explanations if e.code == "funding.c2p_points"][0]
    assert e.params["point_value"] == Money(D(500)) and e.confidence == "V"


@pytest.mark.parametrize(("on", "value"), [("2023-08-31", 375), ("2023-09-01", 500)])
def test_a_c2p_point_s_value_depends_on_the_date(on: str, value: int) -> None:
    a = run(on, **PRIVATE, balance=D(0), training_kind="certification", training_cost=D(2000),
            cofunding="none", uses_c2p=True, c2p_points=2)
    assert a.other_rights is not None and a.other_rights.c2p == 2 * value


def test_cec_rights_pay_what_is_left_but_not_the_participation() -> None:
    a = run("2026-03-01", **PRIVATE, balance=D(300), training_kind="certification", training_cost=D(700),
            **NO_EXEMPTION, cec_balance=D(900))
    assert a.funding == Funding(D(700), D("103.20"), D(300), D(400))
    assert a.other_rights is not None and a.other_rights.cec == 720  # the CEC's cap
    assert a.other_rights.can_pay == D("296.80")  # 400 less the participation of 103.20
    e = [e for e in a.explanations if e.code == "funding.other_rights_participation"][0]
    assert e.params["left"] == Money(D("103.20")) and e.params["participation"] == Money(D("103.20"))


def test_cec_is_asked_only_when_the_cpf_leaves_something_to_find() -> None:
    enough = run("2026-03-01", **PRIVATE, balance=D(3000), training_kind="certification", training_cost=D(700),
                 **NO_EXEMPTION)
    assert "cec_balance" not in enough.relevant and enough.other_rights is None
    short = run("2026-03-01", **PRIVATE, balance=D(10), training_kind="certification", training_cost=D(700),
                **NO_EXEMPTION)
    assert "cec_balance" in short.missing


@pytest.mark.parametrize(("answers", "expected"), [
    ({**PRIVATE}, ["top_ups_employee"]),
    ({**PRIVATE, "disability_boe": True}, ["top_ups_employee", "top_ups_agefiph"]),
    ({"status": "job_seeker", "age": 30, "other_status": "none"}, ["top_ups_job_seeker"]),
    ({"status": "self_employed", "age": 30, "activity_months": 12, "cfp_paid": True}, ["top_ups_self_employed"]),
    ({"status": "esat_worker", "age": 30}, ["top_ups_agefiph"]),
    ({"status": "retired", "age": 62, "pension_full_rate": False}, ["top_ups_other"]),
])
def test_top_up_sources_depend_on_the_status(answers: dict[str, Any], expected: list[str]) -> None:
    """RULES.md 7: an employer and an OPCO only for employees, France Travail and the region for
    job seekers, the FAF for the self-employed, Agefiph for BOE holders."""
    a = run("2026-03-01", **answers, balance=D(10), training_kind="certification", training_cost=D(700),
            **NO_EXEMPTION, cec_balance=D(0))
    assert [s for s in steps(a) if s.startswith("top_ups_")] == expected


@pytest.mark.parametrize(("on", "first"), [("2025-11-30", False), ("2025-12-01", True)])
def test_earmarked_employer_top_ups_are_used_first_since_december_2025(on: str, first: bool) -> None:
    a = run(on, **PRIVATE, balance=D(2000), training_kind="certification", training_cost=D(1000),
            cofunding="employer", uses_c2p=False, incapacity_retraining=False)
    found = [e for e in a.explanations if e.code == "funding.earmarked_first"]
    assert bool(found) is first
    if first:
        assert found[0].confidence == "S" and "Décret 2025-1156 ; décret 2025-341" in found[0].sources


def test_the_corrective_top_up_is_the_employer_s_obligation() -> None:
    a = run("2026-03-01", **PRIVATE, training_kind="certification")
    step = steps(a)["corrective_top_up"]
    assert step == {"amount": Money(D(3000)), "staff": 50, "years": 6}
    assert "corrective_top_up" not in steps(run("2026-03-01", status="apprentice", age=20,
                                                training_kind="certification"))
    assert "corrective_top_up" not in steps(run("2026-03-01", status="job_seeker", age=30, other_status="none",
                                                training_kind="certification"))


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Vos autres droits (C2P, CEC) peuvent payer 10\u00a0€\u00a0: il resterait alors 290\u00a0€ à financer."),
    ("en", "Your other rights (C2P, CEC) can pay €10: €290 would then be left to fund."),
])
def test_the_top_up_to_look_for_counts_the_other_rights_as_the_result_does(lang: str, line: str) -> None:
    """A newcomer read "left to fund €300", "look for a top-up of €196.80" and "€290 would remain"."""
    from bot.i18n import translator
    from bot.render.assessment import figure_lines

    a = run("2026-06-01", **PRIVATE, balance=D(1200), training_kind="certification", training_cost=D(1500),
            cec_balance=D(10), **NO_EXEMPTION)
    assert a.funding == Funding(D(1500), D("103.20"), D(1200), D(300))
    top_up = steps(a)["find_top_ups_participation"]
    assert top_up["shortfall"] == Money(D("186.80")) and top_up["remaining"] == Money(D(290))
    assert line in figure_lines(a, translator(lang))


@pytest.mark.parametrize(("lang", "line", "amount"), [
    ("fr", "Financement\u00a0: coût 1\u202f000\u00a0€, pris en charge par le CPF 896,80\u00a0€, reste à votre charge "
           "103,20\u00a0€\u00a0: la participation forfaitaire.", "103,20\u00a0€"),
    ("en", "Funding: cost €1,000, paid by the CPF €896.80, left for you to pay €103.20: the flat participation.",
     "€103.20"),
])
@pytest.mark.parametrize("cec", [None, D(300)])
def test_a_remainder_that_is_only_the_participation_is_said_once(
        lang: str, line: str, amount: str, cec: D | None) -> None:
    """A newcomer read "Flat participation you pay: €103.20", then "left to fund €103.20", then
    "€103.20 is left for you to pay, of which €103.20 is the flat participation"."""
    from bot.i18n import translator
    from bot.render.assessment import explanation_text, figure_lines

    more = {} if cec is None else {"cec_balance": cec}
    a = run("2026-03-01", **PRIVATE, balance=D(2000), training_kind="certification", training_cost=D(1000),
            **NO_EXEMPTION, **more)
    assert a.funding == Funding(D(1000), D("103.20"), D("896.80"), D("103.20"))
    tr = translator(lang)
    lines = figure_lines(a, tr)
    assert line in lines and [text for text in lines if amount in text] == [line]
    covered = [explanation_text(e, tr) for e in a.explanations if e.code == "funding.covered"]
    assert len(covered) == 1 and covered[0].count(amount) == 1
    assert not [s for s in steps(a) if s.startswith("find_top_ups") or s.startswith("top_ups_")]
    assert a.other_rights is None  # nothing for other rights to pay: the person pays the participation


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Financement\u00a0: coût 1\u202f000\u00a0€, pris en charge par le CPF 500\u00a0€, reste à financer "
           "500\u00a0€, dont 103,20\u00a0€ de participation forfaitaire."),
    ("en", "Funding: cost €1,000, paid by the CPF €500, left to fund €500, of which €103.20 is the flat participation."),
])
def test_a_larger_remainder_names_the_participation_s_share_in_the_same_line(lang: str, line: str) -> None:
    from bot.i18n import translator
    from bot.render.assessment import figure_lines
    from bot.rules.model import quantity

    a = run("2026-03-01", **PRIVATE, balance=D(500), training_kind="certification", training_cost=D(1000),
            **NO_EXEMPTION, cec_balance=D(0))
    tr = translator(lang)
    lines = figure_lines(a, tr)
    assert line in lines
    assert tr.text("result.participation_due", amount=quantity(D("103.20"), "EUR")) not in lines  # said once


LICENCE_B = {**PRIVATE, "balance": D(2000), "training_kind": "driving_licence", "licence": "B",
             "holds_licence": False, "training_cost": D(1200), "uses_c2p": False, "incapacity_retraining": False}


@pytest.mark.parametrize(("cofunding", "amount", "funding", "top_up"), [
    # The employer's 300 € is the 300 € the CPF (capped at 900 €) leaves: nothing to look for.
    ("employer", D(300), Funding(D(1200), D(0), D(900), D(300), D(300)), None),
    ("employer", D(200), Funding(D(1200), D(0), D(900), D(300), D(200)), D(100)),
    # More than what is left: it pays only that.
    ("employer", D(500), Funding(D(1200), D(0), D(900), D(300), D(300)), None),
    # A public co-funder: the participation is due and stays the holder's; the rest is paid.
    ("public", D(300), Funding(D(1200), D("103.20"), D(900), D(300), D("196.80")), None),
])
def test_an_announced_cofunding_pays_the_rest_before_any_top_up(cofunding: str, amount: D, funding: Funding,
                                                                top_up: D | None) -> None:
    a = run("2026-06-01", **LICENCE_B, cofunding=cofunding, cofunding_amount=amount)
    assert a.funding == funding and a.funding.remaining == a.funding.cost - a.funding.cpf_pays
    assert "funding.cofunded" in [e.code for e in a.explanations]
    shortfalls = [p["shortfall"] for code, p in steps(a).items() if code.startswith("find_top_ups")]
    assert shortfalls == ([] if top_up is None else [Money(top_up)])
    assert "cec_balance" not in a.missing or top_up is not None


def test_a_self_employed_person_s_faf_co_funding_pays_the_rest_too() -> None:
    """The FAF's amount was left out: a self-employed person was told to look for what it pays."""
    a = run("2026-06-01", status="self_employed", age=45, activity_months=12, cfp_paid=True, other_status="none",
            **{k: v for k, v in LICENCE_B.items() if k not in PRIVATE}, cofunding="faf", cofunding_amount=D(300))
    assert a.funding == Funding(D(1200), D("103.20"), D(900), D(300), D("196.80"))  # not the participation
    assert not [code for code in steps(a) if code.startswith("find_top_ups")]


@pytest.mark.parametrize(("lang", "covered", "partly"), [
    ("fr", "Financement\u00a0: coût 1\u202f200\u00a0€, pris en charge par le CPF 900\u00a0€, reste à financer 300\u00a0€, "
           "entièrement payés par le cofinancement annoncé.",
     "Financement\u00a0: coût 1\u202f200\u00a0€, pris en charge par le CPF 900\u00a0€, reste à financer 300\u00a0€, "
     "dont 200\u00a0€ payés par le cofinancement annoncé\u00a0: il reste 100\u00a0€ à financer après lui."),
    ("en", "Funding: cost €1,200, paid by the CPF €900, left to fund €300, all of it paid by the announced co-funding.",
     "Funding: cost €1,200, paid by the CPF €900, left to fund €300, of which €200 is paid by the announced "
     "co-funding: €100 left to fund after it."),
])
def test_the_result_says_what_is_left_after_the_cofunding(lang: str, covered: str, partly: str) -> None:
    from bot.i18n import translator
    from bot.render.assessment import figure_lines

    for amount, line in ((D(300), covered), (D(200), partly)):
        a = run("2026-06-01", **LICENCE_B, cofunding="employer", cofunding_amount=amount)
        assert line in figure_lines(a, translator(lang))
