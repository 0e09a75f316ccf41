"""The general next steps that follow from the whole assessment (RULES.md section 7):
buying online with FranceConnect+ (La Poste's digital identity, a paper form otherwise,
the consulate for French workers abroad since May 2025), a private employee's other
routes (professional transition project, VAE leave), a public agent's leaves.

Steps tied to one figure (declare a low qualification, ask the employer, find top-ups,
choose a certifying programme…) are given by the rule that finds them. Reads nothing.
"""

from __future__ import annotations

from bot.rules.account import Holder
from bot.rules.credit import Credit
from bot.rules.regimes import Regime
from bot.rules.model import Hours, Money
from bot.rules.trace import Trace, number, whole
from bot.rules.training import Verdict


def general_steps(t: Trace, holder: Holder, credit: Credit, verdict: Verdict) -> None:
    if credit.regime is Regime.PUBLIC_HOURS:
        _public_leaves(t)
        return
    if credit.unit == "EUR" and verdict.may_be_funded:
        abroad, switch = t.switch("identity.consulate_certification")
        if abroad:
            t.step("buy_online_consulate", {"since": switch.since})
        else:
            t.step("buy_online")
    if verdict.planned and holder.rules is not None and holder.rules.private_routes:
        vae = t.param("leave.vae_hours")
        t.step("transition_leave", {"vae_hours": Hours(number(vae))})
        if not holder.rules.apprentice and not credit.consular:
            # The employer's obligation in companies of 50 or more (L6323-13).
            amount = t.param("employer.corrective.amount")
            staff = t.param("employer.corrective.min_staff")
            years = t.param("employer.corrective.years")
            t.step("corrective_top_up", {"amount": Money(number(amount)), "staff": whole(staff),
                                         "years": whole(years)})


def _public_leaves(t: Trace) -> None:
    years = t.param("public.leave.training_years")
    priority = t.param("public.leave.training_years_priority")
    hours = t.param("public.leave.vae_hours")
    t.explain("public.leaves",
              {"training_years": whole(years), "priority_years": whole(priority),
               "leave_hours": Hours(number(hours))},
              uses=(years, priority, hours))
