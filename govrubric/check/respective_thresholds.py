"""「分别」 over a list of thresholds (field trial 7, 水利工程管理考核标准「按职工年培训率达到30%、20%、10%,分别扣0、5、10分」;
language.md 6.6): 「「职工年培训率」达到30%、20%、10%,分别扣0、5、10分」 is the i-th threshold with the i-th amount, exactly the
tiers written one by one — 「「职工年培训率」达到30%的扣0分,达到20%的扣5分,达到10%的扣10分」 — so everything tiers do
(单边档次, the explanation line of the tier that applies, lint's gaps and witnesses, SQL) holds for it unchanged.

Below the last threshold no tier applies and the clause scores nothing, as for any tiers; what the published text says
there is written after it as a further tier (「,否则扣15分」, 「,10%以下的扣15分」). Said nowhere, lint reports the gap (GL301).

The list is expanded here, before the clause's tiers become a model.Tiered; the AST keeps it as written (fmt, render)."""
from __future__ import annotations

import attrs

from .. import ast
from ..i18n import built
from ..numerals import format_decimal

_WORDS = {"award": "得", "bonus": "加", "deduct": "扣"}


def listed(cond: ast.Cond | None) -> bool:
    return isinstance(cond, ast.CondCompare) and cond.comparison.form == "list"


def listed_alone(check, comp: ast.Comparison) -> None:
    """达到30%、20%、10% where no 分别 follows (or where no clause's tiers are: a rule on the total, an exemption)."""
    written = check.text(comp.span)
    check.err("GR301", comp.span, detail=built("「{x}」是一组界限,只能接「分别」「依次」和同样多的分值", x=written),
              help=built("写作「{x},分别扣…、…分」,或每个界限一档:「{y}的…,{z}的…」", x=written,
                         y=comp.pre + check.text(comp.values[0].span), z=comp.pre + check.text(comp.values[1].span)))


def threshold_tiers(check, clause: ast.Clause) -> ast.Clause | None:
    """The clause with every 「达到30%、20%、10%,分别…」 tier written out one threshold a tier; None (reported) when a list
    of thresholds is not followed by 分别/依次 and as many amounts."""
    if not any(listed(t.cond) for t in clause.tiers):
        return clause
    tiers: list[ast.Tier] = []
    for tier in clause.tiers:
        if not listed(tier.cond):
            tiers.append(tier)
            continue
        cond, body = tier.cond, tier.body
        comp = cond.comparison
        if not (isinstance(body, ast.Respectively) and body.word in ("分别", "依次") and body.graded is None
                and body.outcome.kind in _WORDS):
            listed_alone(check, comp)
            return None
        amounts = body.outcome.amounts
        if len(amounts) != len(comp.values):
            check.err("GR212", body.outcome.span, left=len(comp.values), right=len(amounts))
            return None
        if not cond.operand.names:
            check.err("GR210", tier.span, detail="一组界限前面要写明比较的「事实」")
            return None
        word = _WORDS[body.outcome.kind]
        for i, (value, amount) in enumerate(zip(comp.values, amounts)):
            one = ast.Comparison("pre", value, pre=comp.pre, text=comp.pre + check.text(value.span), span=value.span)
            outcome = attrs.evolve(body.outcome, amounts=(amount,), text=f"{word}{format_decimal(amount)}分", span=body.outcome.span)
            # the first keeps the tier as opened (its separator, 否则); the others continue it with the same subject
            span = ast.Span(tier.span.start, value.span.end) if i == 0 else value.span
            tiers.append(ast.Tier(ast.CondCompare(cond.operand, one, span), outcome, span,
                                  separator=tier.separator if i == 0 else "，"))
    return attrs.evolve(clause, tiers=tuple(tiers))
