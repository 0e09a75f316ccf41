"""The employer's agreement (Code du travail D6323-4; décret 2017-928; RULES.md section 6).

A private employee training during working hours asks the employer 60 days before the
start (shorter than 6 months) or 120 days (6 months or more); the employer has 30 days
to answer and silence means acceptance. Outside working hours, nothing to ask. A public
agent always needs the administration's agreement, through HR. Others: no employer. A
planned training that is not eligible is not bought with the CPF: nothing to ask anyone.

Reads `during_work_hours`, then `training_start` and `training_months` only during
working hours, for a training that may be funded.
"""

from __future__ import annotations

from datetime import timedelta

from bot.rules.credit import Credit
from bot.rules.regimes import Regime
from bot.rules.model import Days, Employer, Placeholder
from bot.rules.parameters import Confidence
from bot.rules.trace import Trace, whole
from bot.rules.training import Verdict

PRIVATE = "Code du travail, art. D6323-4"
PUBLIC = "Décret 2017-928 du 6 mai 2017"


def assess_employer(t: Trace, credit: Credit, verdict: Verdict) -> Employer | None:
    if credit.regime is Regime.PUBLIC_HOURS:
        if verdict.planned and not verdict.may_be_funded:
            return None  # a training the CPF does not fund: no request to make to HR
        t.explain("employer.public_hr", sources=(PUBLIC,))
        t.step("go_to_hr")
        return Employer(True, None, None, False)
    if credit.regime is not Regime.PRIVATE or not verdict.may_be_funded:
        return None
    # Consular agents follow the private rules since décret 2025-393 (S).
    confidence: Confidence = "S" if credit.consular else "V"
    short = t.param("employer.notice.short_days")
    long = t.param("employer.notice.long_days")
    threshold = t.param("employer.notice.long_from_months")
    reply = t.param("employer.reply_days")
    uses = (short, long, threshold, reply)
    rules: dict[str, Placeholder] = {"short_days": Days(whole(short)), "long_days": Days(whole(long)),
             "threshold_months": whole(threshold), "reply_days": Days(whole(reply))}

    during = t.facts.get("during_work_hours")
    if during is False:
        t.explain("employer.not_needed", sources=(PRIVATE,), confidence=confidence)
        return Employer(False, None, None, False)
    if during is None:
        # Unknown: assume the case that needs the agreement, without asking for dates yet.
        t.explain("employer.hours_unknown", rules, sources=(PRIVATE,), confidence=confidence, uses=uses)
        return Employer(True, None, whole(reply), True)

    start = t.facts.get("training_start")
    months = t.facts.get("training_months")
    # Unknown length: the longer notice, so the deadline given is never too late.
    is_long = months is None or months >= whole(threshold)
    notice = long if is_long else short
    if start is None:
        t.explain("employer.ask_no_start", rules, sources=(PRIVATE,), confidence=confidence, uses=uses)
        t.step("ask_employer_early", rules)
        return Employer(True, None, whole(reply), True)

    if start < t.as_of:
        # A start before the rules date is not a plan (RULES.md section 7).
        t.explain("employer.start_passed", {"start": start}, sources=(PRIVATE,), confidence=confidence)
        t.step("choose_new_start")
        return Employer(True, None, whole(reply), True)
    ask_before = start - timedelta(days=whole(notice))
    if months is None:
        code = "employer.ask_length_unknown"
    else:
        code = "employer.ask_long" if is_long else "employer.ask_short"
    t.explain(code, {**rules, "start": start, "ask_before": ask_before, "notice_days": Days(whole(notice))},
              sources=(PRIVATE,), confidence=confidence, uses=uses)
    if ask_before < t.as_of:
        t.explain("employer.notice_passed", {"ask_before": ask_before, "start": start},
                  sources=(PRIVATE,), confidence=confidence, uses=(notice,))
        t.step("ask_employer_now", {"ask_before": ask_before})
    else:
        t.step("ask_employer", {"ask_before": ask_before, "notice_days": Days(whole(notice))})
    return Employer(True, ask_before, whole(reply), True)
