"""Whether the planned training can be paid with the CPF, and the most the CPF pays for it
(Code du travail L6323-6, D6323-8; RULES.md section 4).

Certifications, blocks of skills, répertoire-spécifique certifications, VAE and skills
assessments are eligible; business creation only before 16 Feb 2025 (then only when it
leads to a certification, i.e. as a certification); other courses are not. Driving
licences follow four dated regimes: B and heavy licences only (before 2024); every land
licence (from 1 Jan 2024); a light licence only for a person holding none (from 19 May
2024); and additionally only for a job seeker or with co-funding (from 26 Feb 2026).

Reads `training_kind`, then `licence`, `holds_licence` and `cofunding` only for the
driving-licence rules that need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import assert_never

from bot.rules.account import Holder
from bot.rules.credit import Credit
from bot.rules.model import Money, Term, Training
from bot.rules.parameters import ParamValue
from bot.rules.regimes import Regime
from bot.rules.situation import HEAVY_LICENCES, LIGHT_LICENCES, Cofunding, Licence, TrainingKind
from bot.rules.trace import Trace, day, number

ELIGIBILITY = "Code du travail, art. L6323-6"
LICENCE_RULE = "Code du travail, art. D6323-8"
# How a light licence meets the 2026 condition, as a translated term.
ROUTES = {"job_seeker": "route.job_seeker", "employer": "route.employer_cofunding",
          "public": "route.public_cofunding"}
# Each always-eligible kind and the explanation saying so.
PLAIN_KINDS: dict[TrainingKind, str] = {
    TrainingKind.CERTIFICATION: "training.certification",
    TrainingKind.SKILLS_BLOCK: "training.skills_block",
    TrainingKind.RS_CERTIFICATION: "training.rs_certification",
    TrainingKind.VAE: "training.vae",
    TrainingKind.SKILLS_ASSESSMENT: "training.skills_assessment",
}
# The per-training CPF cap parameter of a kind, where one exists.
CAPS: dict[TrainingKind, str] = {
    TrainingKind.RS_CERTIFICATION: "training.cap.rs_certification",
    TrainingKind.SKILLS_ASSESSMENT: "training.cap.skills_assessment",
}


@dataclass(frozen=True)
class Verdict:
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
              | TrainingKind.VAE | TrainingKind.SKILLS_ASSESSMENT):
            t.explain(PLAIN_KINDS[kind], sources=(ELIGIBILITY,))
            return _capped(kind, _cap(t, CAPS.get(kind), euros))
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
    all_land, all_land_switch = t.switch("training.licence.all_land")
    first_light, first_light_switch = t.switch("training.licence.light_needs_no_licence")
    conditions, conditions_switch = t.switch("training.licence.light_needs_job_seeker_or_cofunding")
    raw = t.facts.get("licence")
    if raw is None:
        return _undetermined(t)
    licence = Licence(raw)

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
    if licence not in LIGHT_LICENCES:  # BE and the heavy group: the light-group limits do not apply
        t.explain("training.licence_not_light", {"licence": licence.value, "since": all_land_switch.since},
                  sources=(ELIGIBILITY,), uses=(all_land_switch,))
        return _licence(True, "driving_licence")

    holds = t.facts.get("holds_licence")
    if holds is None:
        return _undetermined(t)
    if holds:
        t.explain("training.already_licensed", {"licence": licence.value, "since": first_light_switch.since},
                  sources=(ELIGIBILITY,), uses=(first_light_switch,))
        return _licence(False, "already_licensed")

    if not conditions:
        t.explain("training.first_licence", {"licence": licence.value, "since": first_light_switch.since},
                  sources=(ELIGIBILITY,), uses=(first_light_switch,))
        return _licence(True, "driving_licence")

    # Since 26 Feb 2026 both conditions apply: no licence held, and a job seeker or co-funded.
    route = "job_seeker" if holder.regime is Regime.JOB_SEEKER else t.facts.get("cofunding")
    if route is None:
        return _undetermined(t)
    if route == Cofunding.NONE:
        t.explain("training.light_licence_not_cofunded", {"licence": licence.value, "since": conditions_switch.since},
                  sources=(ELIGIBILITY,), uses=(conditions_switch, first_light_switch))
        t.step("seek_cofunding")
        return _licence(False, "light_licence_not_cofunded")
    t.explain("training.light_licence_conditions_met",
              {"licence": licence.value, "since": conditions_switch.since, "route": Term(ROUTES[route])},
              sources=(ELIGIBILITY,), uses=(conditions_switch, first_light_switch))
    return _licence(True, "driving_licence", _cap(t, "training.cap.light_licence", euros))
