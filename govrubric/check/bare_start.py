"""A bare count before a step on it (language.md 6.3): 某地镇「建成1座生态公厕,得10分;每增加一座加5分」, written
「「生态公厕座数」1座,得10分;每增加一座加5分」. On its own 「1座,得10分」 is each one (as 「1处扣2分」 is, clauses.one_each);
followed in the same sentence by a step that counts beyond it (每增加、每多、每超过 …, no subject of its own), the 1座 is
the requirement the step counts from, as 「达到1座的,得10分;每增加一座加5分」 says: 3 座 earn 10 + (3 − 1) × 5 = 20, not
3 × 10 + 3 × 5. The same holds for 有1座, 建成1座 and for deductions (「「缺项数」1项,扣2分;每增加一项扣1分」: 3 项 lose
2 + 2 × 1 = 4).

Where the words do not settle which is meant, the reading is asked (GR221), not guessed: a step the other way
(「1座,得10分;每少一座扣5分」), a step in a later sentence, a step that names the fact again (「「座数」每增加一座」,
which counts every one)."""
from __future__ import annotations

from decimal import Decimal

from .. import ast
from ..i18n import built
from ..numerals import format_decimal
from ..source import Span
from .start_points import STEP_LEADS, direction

CONTINUE = "continue"  # the bare count is the requirement; the step counts from it
ASK = "ask"  # a step follows, but the words do not say from where it counts

_SAME_SENTENCE = (",", ",", ";", ";", "、")


def step_after(clauses, index: int, source_text: str) -> tuple[str, ast.Per] | None:
    """What the clause after clauses[index] says about a bare count in it: (CONTINUE, step) when it is a step beyond
    it in the same sentence, (ASK, step) when it is a step on the same count whose start the words leave open, None
    when it is no step (「每座加5分」, a step with no direction, stays as it is read on its own)."""
    if index + 1 >= len(clauses):
        return None
    clause, after = clauses[index], clauses[index + 1]
    first = after.tiers[0]
    per = first.body
    if not isinstance(per, ast.Per) or per.lead not in STEP_LEADS or (side := direction(per)) is None:
        return None
    subject = _subject(clause.tiers[0].cond)
    if first.cond is not None:
        own = _subject(first.cond)
        return (ASK, per) if own is not None and subject is not None and own == subject else None
    between = source_text[clause.span.end:after.span.start].strip()
    if side == "above" and between in _SAME_SENTENCE:
        return CONTINUE, per
    return ASK, per


def _subject(cond) -> str | None:
    if isinstance(cond, (ast.CondCompare, ast.CondTrue)) and len(cond.operand.names) == 1 and cond.operand.expr is None:
        return cond.operand.names[0].text
    return None


def as_requirement(operand: ast.Operand, count: Decimal, measure: str, text: str, span: Span,
                   outcome: ast.Outcome, tier: ast.Tier) -> ast.Tier:
    """「1座,得10分」 read as 「达到1座的,得10分」, the words kept (explanation: 符合「1座」(≥ 1))."""
    value = ast.Value(count, measure, text, span)
    comparison = ast.Comparison("pre", value, pre="达到", text=text, span=span)
    return ast.Tier(ast.CondCompare(operand, comparison, span), outcome, tier.span)


def ask(checker, text: str, count: Decimal, measure: str, span: Span, step: ast.Per) -> None:
    """GR221 with both wordings: the requirement the step counts from, or each one."""
    amount = f"{format_decimal(count)}{measure}"
    words = checker.source.text[step.span.start:step.outcome.span.start].rstrip(",,的")
    checker.err("GR221", span, text=text, count=amount,
                help=built("后面的「{step}」从哪里算起不明。从{amount}算起写作「达到{amount}的,…;{step}…」;"
                           "每{measure}都计分写作「每{measure}…」", step=words, amount=amount, measure=measure))
