"""Two sides of one requirement (language.md 8): 「路面整洁卫生,无暴露垃圾、污水,得10分;发现一处扣2分,扣完为止」 — the
award for none and the deduction for each found speak of the same count, and the award is the item's points: it
names the points the deductions start from (as 得满分 beside deductions does), not points earned on top.

After this pass such an award reads as 得满分 (outcome full, the text as written), so the item starts from its points
and each one found deducts; under 计分方式:从零计分 the award stays an award. Under 计分方式:从满分扣减, written, any
one-tier award of exactly the item's points reads so too (the points the deductions start from)."""
from __future__ import annotations

import attrs

from .. import model as m


def start_from_points(rules: tuple[m.Rule, ...], points, from_zero: bool, from_full: bool) -> tuple[m.Rule, ...]:
    """Each one-tier award of exactly the item's points on 「count」 being none (无「X」, 「X」为0) whose count a
    per-count deduction of the item counts, as 得满分; under 计分方式:从满分扣减 (written) every one-tier award of
    exactly the points (「窗口工作人员遵守纪律……的得10分。迟到……每人次扣0.5分」): it says again what the item starts
    from, and read as earned on top it would count the points twice."""
    if points is None or from_zero:
        return rules
    counted = {r.counter.name for r in rules if isinstance(r, m.PerCount) and r.outcome.kind == "deduct"}
    result = []
    for rule in rules:
        if (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind == "award"
                and rule.tiers[0].outcome.amount == points and (from_full or _none_of(rule.tiers[0].test) in counted)):
            tier = rule.tiers[0]
            rule = attrs.evolve(rule, tiers=(attrs.evolve(tier, outcome=attrs.evolve(tier.outcome, kind="full")),))
        result.append(rule)
    return tuple(result)


def _none_of(test) -> str | None:
    """The count a test says is zero: 无「X」, 「X」为0处."""
    if isinstance(test, m.Truthy) and test.negated and isinstance(test.operand, m.FactRef):
        return test.operand.name if test.operand.kind == "count" else None
    if (isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.operand.kind == "count"
            and test.interval.low == 0 and test.interval.high == 0 and test.interval.low_closed
            and test.interval.high_closed):
        return test.operand.name
    return None


def restates_points(rules) -> bool:
    """Whether an award was read as the points the item starts from (it keeps its amount; 得满分 as written has none):
    the item is worded with awards and deductions both."""
    return any(o.kind == "full" and o.amount is not None for r in rules for o in m.outcomes_of(r))
