"""Whether the planned training can be paid with the CPF, and the most the CPF pays for it
(Code du travail L6323-6, D6323-8; RULES.md section 4).

Certifications, blocks of skills, répertoire-spécifique certifications, VAE and skills
assessments are eligible; business creation only before 16 Feb 2025 (then only when it
leads to a certification, i.e. as a certification); other courses are not. Driving
licences follow four dated regimes: B and heavy licences only (before 2024); every land
licence (from 1 Jan 2024); a light licence only for a person holding none (from 19 May
2024); and additionally only for a job seeker or with co-funding (from 26 Feb 2026).

Since 26 Feb 2026 BE joins the light group for the job-seeker-or-co-funding condition
(co-funding of at least 100 €, S) and the 900 € cap; between 20 and 25 Feb 2026 driving
schools had stopped CPF enrolments (S). CléA is eligible and uncapped. A skills assessment
pays only accompaniment hours since 26 Feb 2026, at least 13 h (S).

Reads `training_kind`, then `licence`, `holds_licence`, `cofunding` and
`cofunding_amount` only for the driving-licence rules that need them, and
`accompaniment_hours` for a skills assessment from 26 Feb 2026.
"""

from __future__ import annotations

from decimal import Decimal
from typing import assert_never, NamedTuple

from bot.rules.account import Holder
from bot.rules.choices import HEAVY_LICENCES, LIGHT_LICENCES, Cofunding, Licence, TrainingKind
from bot.rules.credit import Credit
from bot.rules.model import Hours, Money, Placeholder, Term, Training
from bot.rules.parameters import ParamValue
from bot.rules.regimes import Regime, TopUps, cofunders
from bot.rules.trace import Trace, day, number

ELIGIBILITY = "Code du travail, art. L6323-6"
LICENCE_RULE = "Code du travail, art. D6323-8"
# How a light licence meets the 2026 condition, as a translated term.
ROUTES = {"job_seeker": "route.job_seeker", Cofunding.EMPLOYER: "route.employer_cofunding",
          Cofunding.FAF: "route.faf_cofunding", Cofunding.PUBLIC: "route.public_cofunding"}
# Whose "employer" co-funds, by who can co-fund the person: a public agent's is the
# administration (no OPCO), an ESAT worker's is the ESAT (not an employer with an OPCO).
EMPLOYER_ROUTES = {TopUps.ADMINISTRATION: "route.administration_cofunding", TopUps.DISABLED: "route.esat_cofunding"}
# Whom to ask for co-funding, and the explanation naming them, by who can co-fund the person
# (RULES.md section 7): an employer and an OPCO only for employees, the FAF for the
# self-employed, the administration for public agents. Job seekers need no co-funding.
SEEK_COFUNDING = {
    TopUps.EMPLOYEE: "seek_cofunding", TopUps.ADMINISTRATION: "seek_cofunding_administration",
    TopUps.SELF_EMPLOYED: "seek_cofunding_self_employed", TopUps.DISABLED: "seek_cofunding_esat",
    TopUps.JOB_SEEKER: "seek_cofunding_other", TopUps.OTHER: "seek_cofunding_other",
}
NOT_COFUNDED = {
    TopUps.EMPLOYEE: "training.light_licence_not_cofunded",
    TopUps.ADMINISTRATION: "training.light_licence_not_cofunded_agent",
    TopUps.SELF_EMPLOYED: "training.light_licence_not_cofunded_self_employed",
    TopUps.DISABLED: "training.light_licence_not_cofunded_esat",
    TopUps.JOB_SEEKER: "training.light_licence_not_cofunded_other",
    TopUps.OTHER: "training.light_licence_not_cofunded_other",
}

# Each always-eligible kind and the explanation saying so.
PLAIN_KINDS: dict[TrainingKind, str] = {
    TrainingKind.CERTIFICATION: "training.certification",
    TrainingKind.SKILLS_BLOCK: "training.skills_block",
    TrainingKind.RS_CERTIFICATION: "training.rs_certification",
    TrainingKind.VAE: "training.vae",
    TrainingKind.SKILLS_ASSESSMENT: "training.skills_assessment",
    TrainingKind.CLEA: "training.clea",
}
# The per-training CPF cap parameter of a kind, where one exists.
CAPS: dict[TrainingKind, str] = {
    TrainingKind.RS_CERTIFICATION: "training.cap.rs_certification",
    TrainingKind.SKILLS_ASSESSMENT: "training.cap.skills_assessment",
}


class Verdict(NamedTuple):
    """The training field of the assessment, and whether eligibility is still open."""

    training: Training | None
    determined: bool = True
    cap: ParamValue | None = None  # the per-training cap parameter applied, if any
    kind: TrainingKind | None = None

    @property
    def planned(self) -> bool:
        return self.training is not None

    @property
    def may_be_funded(self) -> bool:
        """Eligible, or not yet known: the questions about buying it still matter."""
        return self.training is not None and (self.training.eligible or not self.determined)


NONE = Verdict(None)


def assess_training(t: Trace, holder: Holder, credit: Credit) -> Verdict:
    if not holder.account.open:
        return NONE
    raw = t.facts.get("training_kind")
    if raw is None:
        return NONE
    kind = TrainingKind(raw)
    euros = credit.unit == "EUR"
    match kind:
        case (TrainingKind.CERTIFICATION | TrainingKind.SKILLS_BLOCK | TrainingKind.RS_CERTIFICATION
              | TrainingKind.VAE | TrainingKind.CLEA):
            t.explain(PLAIN_KINDS[kind], sources=(ELIGIBILITY,))
            return _capped(kind, _cap(t, CAPS.get(kind), euros))
        case TrainingKind.SKILLS_ASSESSMENT:
            t.explain(PLAIN_KINDS[kind], sources=(ELIGIBILITY,))
            return _skills_assessment(t, euros)
        case TrainingKind.BUSINESS_CREATION:
            return _business_creation(t)
        case TrainingKind.DRIVING_LICENCE:
            return _driving_licence(t, holder, euros)
        case TrainingKind.OTHER:
            t.explain("training.not_certifying", sources=(ELIGIBILITY,))
            t.step("choose_certifying")
            return Verdict(Training(False, "not_certifying", None), kind=kind)
    assert_never(kind)


def _cap(t: Trace, name: str | None, euros: bool) -> ParamValue | None:
    """The per-training CPF cap in force, if any (caps are in euros: none for hours accounts)."""
    found = t.param_or_none(name) if name is not None and euros else None
    if found is not None:
        code = "training.cap_rs" if name == "training.cap.rs_certification" else "training.cap"
        t.explain(code, {"cap": Money(number(found)), "since": found.since}, uses=(found,))
    return found


def _capped(kind: TrainingKind, cap: ParamValue | None, reason: str | None = None) -> Verdict:
    amount: Decimal | None = None if cap is None else number(cap)
    return Verdict(Training(True, reason or kind.value, amount), cap=cap, kind=kind)


def _skills_assessment(t: Trace, euros: bool) -> Verdict:
    """Since 26 Feb 2026 only the hours of actual accompaniment are paid, with a minimum (S)."""
    only_accompaniment, switch = t.switch("training.skills_assessment.accompaniment_only")
    if only_accompaniment:
        least = t.param("training.skills_assessment.min_hours")
        hours = t.facts.get("accompaniment_hours")
        if hours is None:
            t.explain("training.skills_assessment_hours_unknown",
                      {"min_hours": Hours(number(least)), "since": switch.since}, uses=(switch, least))
            return Verdict(Training(False, "undetermined", None), determined=False, kind=TrainingKind.SKILLS_ASSESSMENT)
        if hours < number(least):
            t.explain("training.skills_assessment_too_short",
                      {"hours": Hours(hours), "min_hours": Hours(number(least)), "since": switch.since},
                      uses=(switch, least))
            return Verdict(Training(False, "skills_assessment_too_short", None), kind=TrainingKind.SKILLS_ASSESSMENT)
        t.explain("training.skills_assessment_hours",
                  {"hours": Hours(hours), "min_hours": Hours(number(least)), "since": switch.since},
                  uses=(switch, least))
    return _capped(TrainingKind.SKILLS_ASSESSMENT, _cap(t, CAPS[TrainingKind.SKILLS_ASSESSMENT], euros))


def _business_creation(t: Trace) -> Verdict:
    needs_certification, switch = t.switch("training.business_creation.needs_certification")
    if not needs_certification:
        until = t.param("training.business_creation.needs_certification.from")
        t.explain("training.business_creation", {"until": day(until)}, uses=(switch, until))
        return Verdict(Training(True, "business_creation", None), kind=TrainingKind.BUSINESS_CREATION)
    t.explain("training.business_creation_not_certifying", {"since": switch.since}, uses=(switch,))
    t.step("choose_certifying")
    return Verdict(Training(False, "business_creation_not_certifying", None), kind=TrainingKind.BUSINESS_CREATION)


def _undetermined(t: Trace) -> Verdict:
    t.explain("training.licence_undetermined", sources=(ELIGIBILITY,))
    return Verdict(Training(False, "undetermined", None), determined=False, kind=TrainingKind.DRIVING_LICENCE)


def _licence(eligible: bool, reason: str, cap: ParamValue | None = None) -> Verdict:
    amount = None if cap is None else number(cap)
    return Verdict(Training(eligible, reason, amount), cap=cap, kind=TrainingKind.DRIVING_LICENCE)


def _driving_licence(t: Trace, holder: Holder, euros: bool) -> Verdict:
    raw = t.facts.get("licence")
    if raw is None:
        return _undetermined(t)
    licence = Licence(raw)
    paused, pause = t.switch("training.licence.enrolments_paused")
    if paused:
        # Between the budget law and its decree, driving schools stopped CPF enrolments (S).
        t.explain("training.licence_enrolments_paused", {"since": pause.since}, uses=(pause,))
    return _licence_rules(t, holder, euros, licence)


def _licence_rules(t: Trace, holder: Holder, euros: bool, licence: Licence) -> Verdict:
    all_land, all_land_switch = t.switch("training.licence.all_land")
    first_light, first_light_switch = t.switch("training.licence.light_needs_no_licence")
    conditions, conditions_switch = t.switch("training.licence.light_needs_job_seeker_or_cofunding")
    be_light, be_switch = t.switch("training.licence.be_in_light_group")

    if not all_land:
        # Décret 2017-273: only B and the heavy group, for a professional project.
        all_land_from = t.param("training.licence.all_land.from")
        sources = (ELIGIBILITY, LICENCE_RULE, "Décret 2017-273")
        if licence == Licence.B or licence in HEAVY_LICENCES:
            t.explain("training.licence_b_heavy", {"licence": licence.value, "all_land_from": day(all_land_from)},
                      sources=sources, uses=(all_land_switch, all_land_from))
            return _licence(True, "driving_licence")
        t.explain("training.licence_not_covered", {"licence": licence.value, "all_land_from": day(all_land_from)},
                  sources=sources, uses=(all_land_switch, all_land_from))
        return _licence(False, "licence_not_covered")

    if not first_light:
        t.explain("training.licence_all_land", {"licence": licence.value, "since": all_land_switch.since},
                  sources=(ELIGIBILITY,), uses=(all_land_switch,))
        return _licence(True, "driving_licence")
    be_in_group = licence == Licence.BE and be_light
    if licence not in LIGHT_LICENCES and not be_in_group:
        # BE (before 26 Feb 2026) and the heavy group: the light-group limits do not apply.
        t.explain("training.licence_not_light", {"licence": licence.value, "since": all_land_switch.since},
                  sources=(ELIGIBILITY,), uses=(all_land_switch,))
        return _licence(True, "driving_licence")

    if be_in_group:
        # BE requires B: the "no licence held" condition does not apply, the 2026 ones do (S).
        t.explain("training.be_light_group", {"since": be_switch.since}, uses=(be_switch,))
    else:
        holds = t.facts.get("holds_licence")
        if holds is None:  # "I don't know": what each case gives
            code = "training.holds_licence_unknown_conditions" if conditions else "training.holds_licence_unknown"
            least = t.param("training.licence.min_cofunding") if conditions else None
            t.explain(code, {"licence": licence.value, "since": first_light_switch.since,
                             **({} if least is None else {"min_cofunding": Money(number(least)),
                                                          "conditions_since": conditions_switch.since})},
                      sources=(ELIGIBILITY, LICENCE_RULE),
                      uses=(first_light_switch,) if least is None else (first_light_switch, conditions_switch, least))
            return Verdict(Training(False, "undetermined", None), determined=False, kind=TrainingKind.DRIVING_LICENCE)
        if holds:
            t.explain("training.already_licensed", {"licence": licence.value, "since": first_light_switch.since},
                      sources=(ELIGIBILITY,), uses=(first_light_switch,))
            return _licence(False, "already_licensed")
        if not conditions:
            t.explain("training.first_licence", {"licence": licence.value, "since": first_light_switch.since},
                      sources=(ELIGIBILITY,), uses=(first_light_switch,))
            return _licence(True, "driving_licence")

    # Since 26 Feb 2026: a job seeker, or co-funding by a third party of at least 100 € (S).
    uses: tuple[ParamValue, ...] = (conditions_switch, be_switch) if be_in_group else (conditions_switch, first_light_switch)
    job_seeker = holder.regime is Regime.JOB_SEEKER
    group = TopUps.OTHER if holder.rules is None else cofunders(holder.rules, not euros)
    cofunding = None if job_seeker else t.facts.get("cofunding")
    if not job_seeker and cofunding is None:
        return _undetermined(t)
    if cofunding == Cofunding.NONE:
        said: dict[str, Placeholder] = {"licence": licence.value, "since": conditions_switch.since}
        t.explain(NOT_COFUNDED[group], said, sources=(ELIGIBILITY,), uses=uses)
        t.step(SEEK_COFUNDING[group])
        return _licence(False, "light_licence_not_cofunded")
    if not job_seeker:
        least = t.param("training.licence.min_cofunding")
        amount = t.facts.get("cofunding_amount")
        if amount is None:
            t.explain("training.cofunding_amount_unknown", {"min_cofunding": Money(number(least))}, uses=(least,))
            return Verdict(Training(False, "undetermined", None), determined=False, kind=TrainingKind.DRIVING_LICENCE)
        if amount < number(least):
            t.explain("training.cofunding_too_low",
                      {"licence": licence.value, "amount": Money(amount), "min_cofunding": Money(number(least))},
                      sources=(ELIGIBILITY,), uses=(*uses, least))
            t.step(SEEK_COFUNDING[group])
            return _licence(False, "light_licence_cofunding_too_low")
        uses = (*uses, least)
    if cofunding is None:
        route = ROUTES["job_seeker"]
    elif cofunding == Cofunding.EMPLOYER and group in EMPLOYER_ROUTES:
        route = EMPLOYER_ROUTES[group]
    else:
        route = ROUTES[Cofunding(cofunding)]
    code = "training.be_conditions_met" if be_in_group else "training.light_licence_conditions_met"
    t.explain(code,
              {"licence": licence.value, "since": conditions_switch.since, "route": Term(route)},
              sources=(ELIGIBILITY,), uses=uses)
    return _licence(True, "driving_licence", _cap(t, "training.cap.light_licence", euros))
