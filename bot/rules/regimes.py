"""The one table from a status to the rules that follow from it (RULES.md sections 1–3, 7).

Each `Status` of the situation schema has a row: how the account opens, which credit
regime applies (euros private, euros self-employed, hours public, ESAT, …), the age the
account opens at, the top-up sources to suggest and whether the private employee's
other routes apply. Rule modules derive what they need from here and never compare a
status string themselves. `rules_of` is an exhaustive match: adding a status to the
schema makes mypy point here (and at every `match` on `Regime`), nowhere else.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never, NamedTuple

from bot.rules.choices import Status


class Regime(StrEnum):
    """How the yearly credit is computed."""

    PRIVATE = "private"              # euros, R6323-1 (employees, apprentices, consular agents since 2025)
    ESAT = "esat"                    # euros, R6323-29
    SELF_EMPLOYED = "self_employed"  # euros, R6323-22
    PUBLIC_HOURS = "public_hours"    # hours, décret 2017-928 (consular agents before 2025: décret 2017-1872)
    JOB_SEEKER = "job_seeker"        # no credit while unemployed; rights usable
    PENSIONER = "pensioner"          # retired with a reduced pension, below the full-rate age: rights usable
    NOT_WORKING = "not_working"      # worked before, not working now nor registered: no credit; rights kept
    CLOSED = "closed"                # no usable rights


class Opening(StrEnum):
    """How the account of a status opens."""

    WORKING = "working"              # from the minimum age, when working or registered
    RETIRED = "retired"              # depends on the pension (L5421-4)
    NOT_REGISTERED = "not_registered"  # open if the person worked before, else at registration with France Travail


class TopUps(StrEnum):
    """Which top-up sources to suggest (RULES.md section 7); `next.find_top_ups_<value>`."""

    EMPLOYEE = "employee"            # the employer, the OPCO
    JOB_SEEKER = "job_seeker"        # France Travail, the region
    SELF_EMPLOYED = "self_employed"  # the FAF
    DISABLED = "disabled"            # Agefiph (ESAT workers)
    ADMINISTRATION = "administration"  # public agents
    OTHER = "other"                  # the region and other funders


class StatusRules(NamedTuple):
    """The rules of one status: credit regime, opening, top-up sources."""

    opening: Opening
    regime: Regime
    min_age: str                # parameter giving the age the account opens at
    open_reason: str            # `account.reason` when open
    top_ups: TopUps
    private_routes: bool        # professional transition project, VAE leave
    apprentice: bool = False    # opens at the contract's signature
    # The C2P (occupational-risk account) is for private-law employees exposed to risk factors (L4163-1).
    c2p: bool = False
    # The incapacity top-up follows a work accident or occupational disease of an employee
    # (ESAT workers and former employees included), not of the self-employed or a pensioner.
    work_injury: bool = False
    # An employer (or the ESAT, the administration) who may co-fund a training (décret 2024-394).
    employer: bool = False


def rules_of(status: Status) -> StatusRules:
    """The row of the table for `status`."""
    return _TABLE[status]


def cofunders(rules: StatusRules, hours: bool) -> TopUps:
    """Who can co-fund or top up this person's training (RULES.md section 7): the row's group,
    except a public agent whose rights are in euros (a consular network's agent since 3 May
    2025, on the private sector's rules), who is an employee. `hours`: the account counts hours."""
    if rules.top_ups is TopUps.ADMINISTRATION and not hours:
        return TopUps.EMPLOYEE
    return rules.top_ups


def _row(status: Status) -> StatusRules:
    match status:
        case Status.PRIVATE_EMPLOYEE:
            return StatusRules(Opening.WORKING, Regime.PRIVATE, "account.min_age", "working", TopUps.EMPLOYEE, True,
                               c2p=True, work_injury=True, employer=True)
        case Status.APPRENTICE:
            return StatusRules(Opening.WORKING, Regime.PRIVATE, "account.min_age_apprentice", "apprentice",
                               TopUps.EMPLOYEE, True, apprentice=True, c2p=True, work_injury=True, employer=True)
        case Status.PUBLIC_AGENT:
            return StatusRules(Opening.WORKING, Regime.PUBLIC_HOURS, "account.min_age", "working",
                               TopUps.ADMINISTRATION, False, employer=True)
        case Status.SELF_EMPLOYED:
            return StatusRules(Opening.WORKING, Regime.SELF_EMPLOYED, "account.min_age", "working",
                               TopUps.SELF_EMPLOYED, False)
        case Status.JOB_SEEKER:
            return StatusRules(Opening.WORKING, Regime.JOB_SEEKER, "account.min_age", "job_seeker",
                               TopUps.JOB_SEEKER, False)
        case Status.ESAT_WORKER:
            return StatusRules(Opening.WORKING, Regime.ESAT, "account.min_age", "working", TopUps.DISABLED, False,
                               work_injury=True, employer=True)
        case Status.RETIRED:
            return StatusRules(Opening.RETIRED, Regime.PENSIONER, "account.min_age", "reduced_pension",
                               TopUps.OTHER, False)
        case Status.NOT_WORKING:
            return StatusRules(Opening.NOT_REGISTERED, Regime.NOT_WORKING, "account.min_age", "worked_before",
                               TopUps.OTHER, False, work_injury=True)
    assert_never(status)


_TABLE: dict[str, StatusRules] = {status: _row(status) for status in Status}  # made once: rows are values
