"""An assessment as people and programs read it: contract JSON and explained plain text.

Every sentence comes from the catalogs through a `Translator`; this module only decides
which sentence says what, so the terminal and the help-desk console say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bot.i18n import Translator
from bot.rules.model import Assessment, Explanation, NextStep, quantity
from bot.rules.projection import cap_progress
from bot.rules.situation import to_json_value

# The references (bot.render.references: their data, patterns and links) are imported by
# the sentences that name them: the contract's JSON has none.
if TYPE_CHECKING:
    from bot.render.references import Piece


def explanation_text(explanation: Explanation, tr: Translator) -> str:
    text = tr.text(f"explain.{explanation.code}", **explanation.params)
    if explanation.needs_confirmation:
        text = f"{text} {tr.text('result.confirm')}"
    return text


def next_step_text(step: NextStep, tr: Translator) -> str:
    return tr.text(f"next.{step.code}", **step.params)


def _number(value: Decimal) -> int | float:
    number: int | float = to_json_value(value)
    return number


def _training(a: Assessment, tr: Translator) -> dict[str, Any] | None:
    if a.training is None:
        return None
    cpf_cap = a.training.cpf_cap
    return {"eligible": a.training.eligible, "reason": a.training.reason,
            "cpf_cap": None if cpf_cap is None else _number(cpf_cap)}


def _funding(a: Assessment, tr: Translator) -> dict[str, Any] | None:
    f = a.funding
    if f is None:
        return None
    return {"cost": _number(f.cost), "participation": _number(f.participation), "cpf_pays": _number(f.cpf_pays),
            "remaining": _number(f.remaining), "cofunding": None if f.cofunding is None else _number(f.cofunding)}


def _employer(a: Assessment, tr: Translator) -> dict[str, Any] | None:
    e = a.employer
    if e is None:
        return None
    return {"agreement_needed": e.agreement_needed,
            "ask_before": None if e.ask_before is None else e.ask_before.isoformat(),
            "reply_days": e.reply_days, "silence_is_acceptance": e.silence_is_acceptance}


def _explanations(a: Assessment, tr: Translator) -> list[dict[str, Any]]:
    return [{"code": e.code, "text": explanation_text(e, tr), "sources": list(e.sources), "confidence": e.confidence}
            for e in a.explanations]


def _other_rights(a: Assessment, tr: Translator) -> dict[str, Any] | None:
    o = a.other_rights
    if o is None:
        return None
    return {"c2p": None if o.c2p is None else _number(o.c2p), "cec": None if o.cec is None else _number(o.cec),
            "can_pay": _number(o.can_pay)}


# Each key of the assessment object and how it is made: a reader of a few figures (a
# replayed `=` line) makes only those, without the texts.
PARTS: dict[str, Callable[[Assessment, Translator], Any]] = {
    "as_of": lambda a, tr: a.as_of.isoformat(),
    "account": lambda a, tr: {"open": a.account.open, "reason": a.account.reason},
    "unit": lambda a, tr: a.unit,
    "annual_credit": lambda a, tr: _number(a.annual_credit),
    "cap": lambda a, tr: _number(a.cap),
    "balance": lambda a, tr: None if a.balance is None else _number(a.balance),
    "balance_estimated": lambda a, tr: a.balance_estimated,
    "training": _training,
    "participation": lambda a, tr: {"amount": _number(a.participation.amount), "due": a.participation.due,
                                    "exemption": a.participation.exemption},
    "funding": _funding,
    "employer": _employer,
    "next_steps": lambda a, tr: [{"code": s.code, "text": next_step_text(s, tr)} for s in a.next_steps],
    "explanations": _explanations,
    "missing": lambda a, tr: list(a.missing),
    "other_rights": _other_rights,
}


def assessment_json(a: Assessment, tr: Translator) -> dict[str, Any]:
    """The assessment object of CONTRACT.md, texts in the translator's language."""
    return {key: part(a, tr) for key, part in PARTS.items()}


def figure_lines(a: Assessment, tr: Translator) -> list[str]:
    """The main figures, one sentence each, in reading order."""
    lines = [_account_line(a, tr)]
    if a.account.open:
        lines.append(tr.text("result.annual_credit", amount=quantity(a.annual_credit, a.unit)))
        lines.append(tr.text("result.cap", amount=quantity(a.cap, a.unit)))
        if a.balance is None:
            lines.append(tr.text("result.balance_unknown"))
        else:
            amount = quantity(a.balance, a.unit)
            lines.append(tr.text("result.balance_estimated", amount=amount) if a.balance_estimated
                         else tr.text("result.balance", amount=amount))
            if (cap := cap_line(a, tr)) is not None:
                lines.append(cap)
    if a.training is not None:
        if a.training.reason == "undetermined":
            lines.append(tr.text("result.training_undetermined"))
        elif not a.training.eligible:
            lines.append(_reasoned(tr, f"result.not_eligible.{a.training.reason}", "result.training_not_eligible"))
        elif a.training.cpf_cap is None:
            lines.append(tr.text("result.training_eligible"))
        else:
            lines.append(tr.text("result.training_eligible_capped", cap=quantity(a.training.cpf_cap, "EUR")))
        if a.training.eligible and not _funding_names_participation(a):
            lines.append(_participation_line(a, tr))
    if (f := a.funding) is not None:
        lines.append(_funding_line(a, tr))
        if a.other_rights is not None and a.other_rights.can_pay > 0:  # the figure the next steps use
            lines.append(tr.text("result.other_rights", can_pay=quantity(a.other_rights.can_pay, "EUR"),
                                 left=quantity(f.remaining - a.other_rights.can_pay, "EUR")))
    if a.employer is not None:
        lines.append(_employer_line(a, tr))
    return lines


def cap_line(a: Assessment, tr: Translator) -> str | None:
    """The balance against the cap in words, and when the cap is reached at this rate."""
    progress = cap_progress(a)
    if progress is None:
        return None
    figures = {"balance": quantity(progress.balance, a.unit), "cap": quantity(progress.cap, a.unit)}
    if progress.reached:
        return tr.text("result.cap_reached", **figures)
    percent = tr.percent(progress.share)
    if progress.year is None:
        return tr.text("result.cap_progress", percent=percent, **figures)
    return tr.text("result.cap_progress_until", percent=percent, year=str(progress.year), **figures)


def _reasoned(tr: Translator, key: str, fallback: str) -> str:
    """The sentence that gives the rules' reason code, or the plain verdict for a code
    that has none yet."""
    return tr.text(key) if tr.has(key) else tr.text(fallback)


def _account_line(a: Assessment, tr: Translator) -> str:
    return _reasoned(tr, f"result.account.{a.account.reason}",
                     "result.account_open" if a.account.open else "result.account_closed")


def has_amount(a: Assessment) -> bool:
    """Whether the result shows a figure (a credit, a cap, a funding) that "why" details."""
    return a.account.open or a.funding is not None or (a.training is not None and a.training.cpf_cap is not None)


def _participation_line(a: Assessment, tr: Translator) -> str:
    p = a.participation
    if p.exemption is not None:
        return tr.text("result.participation_exempt", exemption=tr.text(f"exemption.{p.exemption}"))
    if p.due and a.funding is not None and a.funding.participation == 0:  # the CPF would pay nothing
        return tr.text("result.participation_not_charged", amount=quantity(p.amount, "EUR"))
    if p.due:
        return tr.text("result.participation_due", amount=quantity(p.amount, "EUR"))
    return tr.text("result.participation_none")


def _funding_names_participation(a: Assessment) -> bool:
    """Whether the funding line says the participation charged (then it is said only there)."""
    return a.funding is not None and a.funding.participation > 0


def _funding_line(a: Assessment, tr: Translator) -> str:
    """One figure for what is left to pay, naming the participation's share when one is
    charged (RULES.md section 7): all of it when the CPF pays everything else."""
    f = a.funding
    assert f is not None
    figures = {"cost": quantity(f.cost, "EUR"), "cpf_pays": quantity(f.cpf_pays, "EUR"),
               "remaining": quantity(f.remaining, "EUR")}
    if f.cofunding:  # an announced co-funding pays part of the rest: what is left after it
        figures |= {"cofunding": quantity(f.cofunding, "EUR"), "left": quantity(f.remaining - f.cofunding, "EUR")}
        if not _funding_names_participation(a):
            if f.cofunding == f.remaining:
                return tr.text("result.funding_cofunded_covered", **figures)
            return tr.text("result.funding_cofunded", **figures)
        return tr.text("result.funding_participation_cofunded", participation=quantity(f.participation, "EUR"),
                       **figures)
    if not _funding_names_participation(a):
        return tr.text("result.funding", **figures)
    if f.remaining == f.participation:
        return tr.text("result.funding_participation_only", **figures)
    return tr.text("result.funding_participation", participation=quantity(f.participation, "EUR"), **figures)


def _employer_line(a: Assessment, tr: Translator) -> str:
    e = a.employer
    assert e is not None
    if not e.agreement_needed:
        return tr.text("result.employer_not_needed")
    if e.ask_before is not None and e.ask_before < a.as_of:  # the same deadline the next steps give
        return tr.text("result.employer_deadline_passed", date=e.ask_before)
    if e.ask_before is not None and e.reply_days is not None:
        return tr.text("result.employer_needed_by", date=e.ask_before, days=e.reply_days)
    return tr.text("result.employer_needed")


def all_sources(a: Assessment) -> list[str]:
    """Every legal reference the assessment rests on, once each, in order of use."""
    return list(dict.fromkeys(source for e in a.explanations for source in e.sources))


def based_on_pieces(a: Assessment, tr: Translator) -> list[Piece]:
    """The sentence naming every reference of the result, each linked, pointing to "why" for more."""
    from bot.render.references import reference_pieces, sentence_pieces

    key = "result.based_on" if has_amount(a) else "result.based_on_reasons"
    return sentence_pieces(tr, key, reference_pieces(all_sources(a), tr))


def based_on_line(a: Assessment, tr: Translator) -> str:
    from bot.render.references import plain

    return plain(based_on_pieces(a, tr))


def references_pieces(a: Assessment, tr: Translator) -> list[Piece]:
    """One line of every reference of the result, each linked (for the reports)."""
    from bot.render.references import reference_pieces, sentence_pieces

    return sentence_pieces(tr, "result.references", reference_pieces(all_sources(a), tr))


def sources_pieces(explanation: Explanation, tr: Translator) -> list[Piece]:
    """An explanation's references, each linked, with its confidence mark."""
    from bot.render.references import reference_pieces, sentence_pieces

    return sentence_pieces(tr, "result.sources", reference_pieces(explanation.sources, tr, detailed=True),
                           confidence=tr.text(f"label.confidence.{explanation.confidence}"))


def sources_line(explanation: Explanation, tr: Translator) -> str:
    from bot.render.references import plain

    return plain(sources_pieces(explanation, tr))


def assessment_text(a: Assessment, tr: Translator) -> str:
    """The explained result as plain text: figures, why (with sources), next steps."""
    out = [tr.text("result.title", date=a.as_of), ""]
    out += figure_lines(a, tr)
    out += ["", tr.text("result.why")]
    for n, e in enumerate(a.explanations, 1):
        out.append(f"{n}. {explanation_text(e, tr)}")
        if e.sources:
            out.append(f"   {sources_line(e, tr)}")
    if a.next_steps:
        out += ["", tr.text("result.next_steps")]
        out += [f"{n}. {next_step_text(s, tr)}" for n, s in enumerate(a.next_steps, 1)]
    return "\n".join(out) + "\n"
