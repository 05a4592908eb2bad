"""Counts written with a verb instead of 每 (language.md 6.3): 「「未开展乡镇数」有1个扣0.1分」 (民政救灾「有1个乡镇(街办)
未开展农村住房保险工作扣0.1分」, field trial 4, SW4-9) is each one there is (每有1个扣0.1分), as 一处扣2分 and 发现一次扣1分
are; read as a comparison (有 as =) only exactly one would lose anything, and 3 towns nothing.

Only 有, a count, its classifier and straight away a deduction or points (扣/加/得, no 的, no 以上): 「有1个的,扣…」 and
「有1个以上」 stay comparisons. 有3个扣1分 (each 3, or once 3 are found?) is asked as 发现3次扣1分 is (GR221).

After listed situations (field trial 7, 三 #1) the same words count the situations, as 每项扣1分 does (clauses.each_situation):
「未「甲」、「乙」、「丙」的,缺一项扣1分」, 「……的一项扣1分」, 「……的,其中有一项不达标扣3分」."""
from __future__ import annotations

import attrs

from .. import ast
from ..source import Span
from .words import COUNT_MEASURES


def there_is_each(tier: ast.Tier, facts, source_text: str) -> ast.Tier | None:
    """The tier rewritten as a count (ast.Per with lead 有) when it is 「「计数」有1个扣0.1分」; None otherwise."""
    cond, body = tier.cond, tier.body
    if not (isinstance(cond, ast.CondCompare) and cond.comparison.form == "pre" and cond.comparison.pre == "有"
            and len(cond.operand.names) == 1 and cond.operand.expr is None and cond.every is None
            and cond.whole_year is None and not cond.categories
            and isinstance(body, ast.Outcome) and body.kind in ("deduct", "award", "bonus")):
        return None
    value = cond.comparison.low
    fact = facts.get(cond.operand.names[0].text)
    if fact is None or fact.kind != "count" or value is None or value.number < 1 or value.unit not in COUNT_MEASURES:
        return None
    said = cond.comparison.said  # 有一项未完成的,扣1分: the words of what is counted, then 的 (镇江 29)
    if cond.comparison.post or cond.comparison.low_incl or (said is None and "的" in source_text[cond.span.end : body.span.start]):
        return None
    per = ast.Per(None, value.number, value.unit, said, body,
                  Span(cond.comparison.span.start, body.span.end), lead="有")
    return attrs.evolve(tier, cond=ast.CondTrue(cond.operand, cond.operand.span), body=per)


# the words that stand for 每 before 一项 after listed situations: 「……的一项扣1分」, 「缺一项」, 「少一项」, 「有一项执行不好」,
# 「其中有一项不达标」 (EACH_MISSING: they say the item is missing, so the situations must be what is missing)
EACH_MISSING = ("缺", "缺少", "少", "有", "其中有")
EACH_ITEM_LEADS = ("一", *EACH_MISSING)


def missing_written_met(tier: ast.Tier) -> ast.Cond | None:
    """The first listed situation written as met (「「甲」、「乙」的,缺一项扣1分」: 「甲」 done would be deducted) where the words
    say that an item is missing; None when every one is written as missing (未「甲」、「乙」) or the words are 一项/每项."""
    body = tier.body
    if not (isinstance(body, ast.Per) and body.lead in EACH_MISSING and isinstance(tier.cond, ast.CondAny)):
        return None
    return next((part for part in tier.cond.parts if not isinstance(part, ast.CondFalse)), None)
