"""The situation's choices as the rules name them: StrEnums, each member equal to its string.

`bot.rules.situation.FIELDS` lists the same values as plain strings, for the schema and the
validation: those run from the first question on, these classes only with the rules (a
StrEnum costs a tenth of a millisecond to define at every start). tests/test_situation.py
checks that both agree, value for value.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The main situation (CONTRACT.md `status`); bot.rules.regimes maps each to its rules."""

    PRIVATE_EMPLOYEE = "private_employee"
    APPRENTICE = "apprentice"
    PUBLIC_AGENT = "public_agent"
    SELF_EMPLOYED = "self_employed"
    JOB_SEEKER = "job_seeker"
    ESAT_WORKER = "esat_worker"
    RETIRED = "retired"
    NOT_WORKING = "not_working"


class WorkingTime(StrEnum):
    HALF_OR_MORE = "half_or_more"
    UNDER_HALF = "under_half"


class Diploma(StrEnum):
    NONE = "none"
    BREVET = "brevet"
    CAP_BEP = "cap_bep"
    BAC = "bac"
    HIGHER = "higher"


class PublicCategory(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class TrainingKind(StrEnum):
    CERTIFICATION = "certification"
    SKILLS_BLOCK = "skills_block"
    RS_CERTIFICATION = "rs_certification"
    VAE = "vae"
    SKILLS_ASSESSMENT = "skills_assessment"
    DRIVING_LICENCE = "driving_licence"
    BUSINESS_CREATION = "business_creation"
    OTHER = "other"
    CLEA = "clea"  # the CléA certificate (socle de connaissances et de compétences): uncapped


class OtherStatus(StrEnum):
    """Another situation in the same year, for the most favourable credit."""

    NONE = "none"
    PRIVATE_EMPLOYEE = "private_employee"
    SELF_EMPLOYED = "self_employed"
    ESAT_WORKER = "esat_worker"


class PublicTime(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"              # temps partiel: full-time rights
    INCOMPLETE_POST = "incomplete_post"  # temps non complet: prorated


class ReferenceBasis(StrEnum):
    """The reference duration the working time is compared with."""

    LEGAL = "legal"                # 1,607 h
    AGREEMENT = "agreement"        # the collective agreement's yearly duration
    DAYS_PACKAGE = "days_package"  # a yearly days package (forfait-jours)


class Licence(StrEnum):
    A1 = "A1"
    A2 = "A2"
    A = "A"
    B1 = "B1"
    B = "B"
    BE = "BE"
    C1 = "C1"
    C = "C"
    D1 = "D1"
    D = "D"
    C1E = "C1E"
    CE = "CE"
    D1E = "D1E"
    DE = "DE"


class Cofunding(StrEnum):
    NONE = "none"
    EMPLOYER = "employer"
    FAF = "faf"  # a self-employed person's training insurance fund (fonds d'assurance formation)
    PUBLIC = "public"


# The groups of Code du travail D6323-8 (BE joins the light group's 2026 conditions by a
# dated parameter, training.licence.be_in_light_group).
LIGHT_LICENCES = (Licence.A1, Licence.A2, Licence.A, Licence.B1, Licence.B)
HEAVY_LICENCES = (Licence.C1, Licence.C, Licence.D1, Licence.D, Licence.C1E, Licence.CE, Licence.D1E, Licence.DE)
