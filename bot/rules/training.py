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

from bot.rules.account import Holder
from bot.rules.credit import Credit
from bot.rules.model import Money, Term, Training
from bot.rules.parameters import ParamValue
from bot.rules.trace import Trace, day, number
from bot.rules.situation import HEAVY_LICENCES, LIGHT_LICENCES  # groups of Code du travail D6323-8

ELIGIBILITY = "Code du travail, art. L6323-6"
LICENCE_RULE = "Code du travail, art. D6323-8"
# How a light licence meets the 2026 condition, as a translated term.
ROUTES = {"job_seeker": "route.job_seeker", "employer": "route.employer_cofunding",
          "public": "route.public_cofunding"}
# Each always-eligible kind and the explanation saying so.
PLAIN_KINDS = {
    "certification": "training.certification",
    "skills_block": "training.skills_block",
    "rs_certification": "training.rs_certification",
    "vae": "training.vae",
    "skills_assessment": "training.skills_assessment",
}
CAPS = {
    "rs_certification": "training.cap.rs_certification",
    "skills_assessment": "training.cap.skills_assessment",
}


@dataclass(frozen=True)
class Verdict:
    """The training field of the assessment, and whether eligibility is still open."""

    training: Training | None
    determined: bool = True
    cap: ParamValue | None = None  # the per-training cap parameter applied, if any

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
    kind = t.facts.get("training_kind")
    if kind is None:
        return NONE
    euros = credit.unit == "EUR"
    if kind in PLAIN_KINDS:
        t.explain(PLAIN_KINDS[kind], sources=(ELIGIBILITY,))
        cap = _cap(t, CAPS.get(kind), euros)
        return _capped(kind, cap)
    if kind == "business_creation":
        return _business_creation(t)
    if kind == "driving_licence":
        return _driving_licence(t, holder, euros)
    t.explain("training.not_certifying", sources=(ELIGIBILITY,))
    t.step("choose_certifying")
    return Verdict(Training(False, "not_certifying", None))


def _cap(t: Trace, name: str | None, euros: bool) -> ParamValue | None:
    """The per-training CPF cap in force, if any (caps are in euros: none for hours accounts)."""
    found = t.param_or_none(name) if name is not None and euros else None
    if found is not None:
        code = "training.cap_rs" if name == CAPS["rs_certification"] else "training.cap"
        t.explain(code, {"cap": Money(number(found)), "since": found.since}, uses=(found,))
    return found


def _capped(reason: str, cap: ParamValue | None) -> Verdict:
    amount: Decimal | None = None if cap is None else number(cap)
    return Verdict(Training(True, reason, amount), cap=cap)


def _business_creation(t: Trace) -> Verdict:
    certifying_from = t.param("training.business_creation.certifying_from")
    since = day(certifying_from)
    if t.as_of < since:
        t.explain("training.business_creation", {"until": since}, uses=(certifying_from,))
        return Verdict(Training(True, "business_creation", None))
    t.explain("training.business_creation_not_certifying", {"since": since}, uses=(certifying_from,))
    t.step("choose_certifying")
    return Verdict(Training(False, "business_creation_not_certifying", None))


def _undetermined(t: Trace) -> Verdict:
    t.explain("training.licence_undetermined", sources=(ELIGIBILITY,))
    return Verdict(Training(False, "undetermined", None), determined=False)


def _driving_licence(t: Trace, holder: Holder, euros: bool) -> Verdict:
    all_land = t.param("training.licence.all_land_from")
    first_light = t.param("training.licence.first_light_from")
    conditions = t.param("training.licence.light_conditions_from")
    licence = t.facts.get("licence")
    if licence is None:
        return _undetermined(t)

    if t.as_of < day(all_land):
        # Décret 2017-273: only B and the heavy group, for a professional project.
        if licence == "B" or licence in HEAVY_LICENCES:
            t.explain("training.licence_b_heavy", {"licence": licence, "all_land_from": day(all_land)},
                      sources=(ELIGIBILITY, LICENCE_RULE, "Décret 2017-273"), uses=(all_land,))
            return Verdict(Training(True, "driving_licence", None))
        t.explain("training.licence_not_covered", {"licence": licence, "all_land_from": day(all_land)},
                  sources=(ELIGIBILITY, LICENCE_RULE, "Décret 2017-273"), uses=(all_land,))
        return Verdict(Training(False, "licence_not_covered", None))

    if t.as_of < day(first_light):
        t.explain("training.licence_all_land", {"licence": licence, "since": day(all_land)},
                  sources=(ELIGIBILITY,), uses=(all_land,))
        return Verdict(Training(True, "driving_licence", None))
    if licence not in LIGHT_LICENCES:  # BE and the heavy group: the light-group limits do not apply
        t.explain("training.licence_not_light", {"licence": licence, "since": day(all_land)},
                  sources=(ELIGIBILITY,), uses=(all_land,))
        return Verdict(Training(True, "driving_licence", None))

    holds = t.facts.get("holds_licence")
    if holds is None:
        return _undetermined(t)
    if holds:
        t.explain("training.already_licensed", {"licence": licence, "since": day(first_light)},
                  sources=(ELIGIBILITY,), uses=(first_light,))
        return Verdict(Training(False, "already_licensed", None))

    if t.as_of < day(conditions):
        t.explain("training.first_licence", {"licence": licence, "since": day(first_light)},
                  sources=(ELIGIBILITY,), uses=(first_light,))
        return Verdict(Training(True, "driving_licence", None))

    # Since 26 Feb 2026 both conditions apply: no licence held, and a job seeker or co-funded.
    route = "job_seeker" if holder.status == "job_seeker" else t.facts.get("cofunding")
    if route is None:
        return _undetermined(t)
    if route not in ROUTES:
        t.explain("training.light_licence_not_cofunded", {"licence": licence, "since": day(conditions)},
                  sources=(ELIGIBILITY,), uses=(conditions, first_light))
        t.step("seek_cofunding")
        return Verdict(Training(False, "light_licence_not_cofunded", None))
    t.explain("training.light_licence_conditions_met",
              {"licence": licence, "since": day(conditions), "route": Term(ROUTES[route])},
              sources=(ELIGIBILITY,), uses=(conditions, first_light))
    cap = _cap(t, "training.cap.light_licence", euros)
    return _capped("driving_licence", cap)
