"""Where an award's points start when another sentence deducts for the thing not done (language.md 8「另写的扣分」,
field trials 5 and 6, SW5-4 and SW6-4 (d)).

城乡居民医保「全面完成……目标任务,且……配套到位的,得15分。目标任务完成率低于95%的,每低5个百分点,扣1分。」 and 贺兰
「……防疫员签字到位得5分。没有建立免疫档案发现一次扣0.5分,内容填写不完全每项扣0.1分。」: the item's only award, of
its whole points, and in another sentence deductions on other facts, one of them at least for falling short of a line
(每低…) or for each time the thing was not done (a count named 未…, 没有…, 不…, 无…). Read as points earned on top (the
item from 0), those deductions apply only where the award does not, when the item is at 0 already: they never take
anything. The hand in both field trials reads the award's points as what the deductions come off:
- the award's test holds: N − deductions, as before;
- it fails, but one of those deductions applies (a shortfall's 「低于95%」 holds, a count is above 0): the unit's
  failure is the one the deductions price, and it starts from N too (完成率 85% 15 − 2 = 13; two files not made, three
  items incomplete 5 − 1 − 0.3 = 3.7);
- it fails and none applies: 0, the award not earned (完成 100% but 没有配套到位: nothing prices that failure).
This is the reading 另写的扣分 (default 从得分扣起; 条件成立才得 keeps the item from 0, as before the change).

Not so read, and still named by GL504: deductions that say nothing of the thing not done (「「制定方案」得10分。「迟报次数」
每次扣1分。」), deductions in the award's own sentence (口径 同句得分), items with vetoes, 得满分, other awards or a
written 计分方式 (items.py calls this only for an item inferred from 0)."""
from __future__ import annotations

from .. import model as m

NOT_DONE = ("未", "没有", "不", "无")  # a count of times the thing was not done: 「没有建立免疫档案次数」


def failure_deductions(rules: tuple[m.Rule, ...], points, same_sentence: frozenset,
                       written: bool = False) -> tuple[int, tuple[int, ...]] | None:
    """(index of the award, indexes of the deductions that come off its points), or None where the item is not so
    worded. `same_sentence`: spans of the clauses that go on after a comma from the one before them. `written`: 另写的扣分
    stated for the item — then no deduction needs to say the thing was not done (the author read the source:
    「「制定方案」得10分。「迟报次数」每次扣1分。」 where the late reports are the plan's, or are not)."""
    if points is None or any(m.reads_category(r) for r in rules):
        return None
    if any(o.kind not in ("award", "bonus", "deduct", "zero", "none") for r in rules for o in m.outcomes_of(r)):
        return None  # 得满分, 按…计分, a veto, 视情: not this simple sum
    earning = [i for i, r in enumerate(rules) if any(o.kind == "award" for o in m.outcomes_of(r))]
    if len(earning) != 1:
        return None
    index = earning[0]
    award = rules[index]
    if not (isinstance(award, m.Tiered) and len(award.tiers) == 1 and award.tiers[0].test is not None
            and award.tiers[0].outcome.amount == points and award.exempt is None and award.excused_by is None
            and not award.each_part and award.each is None and award.starts is None and award.cap is None):
        return None
    own = set(m.facts_of_test(award.tiers[0].test))
    found = []
    sentence = True  # the award's own sentence: the clauses after it joined by a comma (同句得分's business)
    for other, rule in enumerate(rules):
        if other <= index:
            continue
        sentence = sentence and rule.span in same_sentence
        if (sentence or isinstance(rule, m.Running) or getattr(rule, "exempt", None) is not None
                or not any(o.kind == "deduct" for o in m.outcomes_of(rule))):
            continue
        if own & set(_tested(rule)) or own & set(_counted(rule)):
            continue
        found.append(other)
    # the item reads so where one of them says the thing was not done; the others are its deviations too
    # (「内容填写不完全每项扣0.1分」 beside 「没有建立免疫档案发现一次扣0.5分」)
    if not found or not (written or any(_not_done(rules[i]) for i in found)):
        return None
    return index, tuple(found)


def _not_done(rule) -> bool:
    """A deduction for falling short (「低于95%的,每低5个百分点,扣1分」) or for each time the thing was not done
    (「「没有建立免疫档案次数」发现一次扣0.5分」), counted on its own (no guard of the award's, no exemption)."""
    if getattr(rule, "exempt", None) is not None or getattr(rule, "each", None) is not None:
        return False
    if isinstance(rule, m.PerStep):
        return rule.below and rule.outcome.kind == "deduct"
    if isinstance(rule, m.PerCount):
        return (rule.outcome.kind == "deduct" and rule.guard is None
                and rule.counter.name.startswith(NOT_DONE))
    return False


def _tested(rule) -> list[str]:
    """The facts of a rule's conditions (its tiers', or its guard)."""
    if isinstance(rule, m.Tiered):
        return [name for t in rule.tiers for name in m.facts_of_test(t.test)]
    return m.facts_of_test(getattr(rule, "guard", None))


def _counted(rule) -> tuple[str, ...]:
    if isinstance(rule, (m.PerCount, m.Escalation)):
        return (rule.counter.name,)
    if isinstance(rule, (m.PerStep, m.Respective)):
        return m.operand_facts(rule.operand)
    return ()
