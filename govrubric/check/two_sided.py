"""Two sides of one requirement (language.md 8): 「路面整洁卫生,无暴露垃圾、污水,得10分;发现一处扣2分,扣完为止」 — the
award for none and the deduction for each found speak of the same count, and the award is the item's points: it
names the points the deductions start from (as 得满分 beside deductions does), not points earned on top.

After this pass such an award reads as 得满分 (outcome full, the text as written), so the item starts from its points
and each one found deducts; under 计分方式:从零计分 the award stays an award. Under 计分方式:从满分扣减, written, any
one-tier award of exactly the item's points reads so too (the points the deductions start from).

The same holds for the other wordings of the two sides (field trial 3, SW1): an award of exactly the item's points
for reaching a line, beside a step deduction for each point short of that same line (「达70%以上(含)的,得50分。
未达到70%的,每少一个百分点扣1分」), and an award of exactly the item's points
that a deduction without a subject of its own continues in the same sentence (「「按时报送」得2分,每推迟一天扣0.1分」):
read as an award on top, the deductions would never count (they apply only where the award does not), and a unit one
day late would get 0 of 2. A deduction with a subject of its own in the same sentence (「「未发生安全事故」的得10分,
「事故起数」每发生一起扣5分」) goes on from the award the same way under 同句得分:扣分的起点 (the default: the two
sides of one matter, 1 accident 10 − 5 = 5); under 同句得分:条件成立才得 it is another clause and the award is earned
only where its test holds (1 accident 0). items.py passes such deductions in `continued`."""
from __future__ import annotations

import itertools

import attrs

from .. import model as m
from ..i18n import said
from ..numerals import format_decimal


def start_from_points(rules: tuple[m.Rule, ...], points, from_zero: bool, from_full: bool,
                      continued: frozenset[int] = frozenset(), joined: frozenset[int] = frozenset(),
                      bare: frozenset[int] = frozenset(), row_zero: bool = False,
                      failing: frozenset[int] = frozenset()) -> tuple[m.Rule, ...]:
    """Each one-tier award of exactly the item's points on 「count」 being none (无「X」, 「X」为0) whose count a
    per-count deduction of the item counts, as 得满分; under 计分方式:从满分扣减 (written) every one-tier award of
    exactly the points (「窗口工作人员遵守纪律……的得10分。迟到……每人次扣0.5分」): it says again what the item starts
    from, and read as earned on top it would count the points twice. `failing` holds the awards whose failure the
    item spells out (failure_spelled_out): their first tier reads so too."""
    if row_zero:
        rules = _row_zero(rules, joined)
    if from_zero or points is None:  # a sentence's own start is no matter of the item's 计分方式
        return _sentence_starts(rules, continued, joined, bare, points, row_zero)
    counted = {r.counter.name for r in rules if isinstance(r, m.PerCount) and r.outcome.kind == "deduct"}
    shortfalls = [r for r in rules if isinstance(r, m.PerStep) and _deducts(r)]
    result = []
    for index, rule in enumerate(rules):
        if id(rule) in failing:  # its failure spelled out (failure_spelled_out): the points the item starts from
            tier = rule.tiers[0]
            rule = attrs.evolve(rule, tiers=(attrs.evolve(tier, outcome=attrs.evolve(tier.outcome, kind="full")),
                                             *rule.tiers[1:]))
        elif (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind == "award"
                and rule.tiers[0].outcome.amount == points
                and (from_full or _none_of(rule.tiers[0].test) in counted
                     or any(_short_of(rule.tiers[0].test, step) for step in shortfalls)
                     or (index + 1 < len(rules) and id(rules[index + 1]) in continued
                         and _deducts(rules[index + 1])))):
            tier = rule.tiers[0]
            rule = attrs.evolve(rule, tiers=(attrs.evolve(tier, outcome=attrs.evolve(tier.outcome, kind="full")),))
        result.append(rule)
    return _sentence_starts(tuple(result), continued, joined, bare, points, row_zero)


def _row_zero(rules: tuple[m.Rule, ...], joined: frozenset[int]) -> tuple[m.Rule, ...]:
    """A 不得分 in a sentence headed by a one-tier 得N分, in an item with other clauses (「「认真执行规划环评」得2分,
    「规划环评未完成例数」发现有1例未完成,不得分。「认真执行建设项目环评」得2分。」, field trial 3, SW15): the row's N
    points are lost, not the item's. Read so, the award is not given while the 不得分's test holds, and the 不得分 itself
    is that award's condition (its line says 本句不得分). 此项不得分/本项不得分 still take the item's points; a 不得分 that
    is a sentence of its own follows 不得分范围."""
    result: list = list(rules)
    for index, rule in enumerate(rules):
        if not (_lone_award(rule) and index + 1 < len(rules) and id(rules[index + 1]) in joined):
            continue
        after = rules[index + 1]
        if not (_row_veto(after) and (index + 2 >= len(rules) or id(rules[index + 2]) not in joined)):
            continue
        if all(i in (index, index + 1) for i in range(len(rules))):  # the sentence is the item: nothing else to keep
            continue
        veto = after.tiers[0]
        result[index] = attrs.evolve(rule, exempt=m.Exemption(veto.test, after.text, sentence=True))
        result[index + 1] = None
    return tuple(r for r in result if r is not None)


def _lone_award(rule) -> bool:
    return (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind == "award"
            and rule.tiers[0].outcome.amount is not None and rule.exempt is None and rule.excused_by is None
            and not rule.each_part and rule.each is None and rule.starts is None and rule.cap is None)


def _row_veto(rule) -> bool:
    """A one-tier 不得分 (read as the item's veto), as written: not 此项/本项不得分, not 倒扣, no spill, no cap."""
    if not (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.exempt is None and rule.each is None
            and rule.cap is None and not rule.each_part and rule.excused_by is None):
        return False
    out = rule.tiers[0].outcome
    return (out.kind == "veto" and out.text == "不得分" and out.below is None and out.spill is None
            and not out.veto_all and out.grade is None)


def _row_caps(rules: tuple[m.Rule, ...], joined: frozenset[int], bare: frozenset[int]) -> tuple[m.Rule, ...]:
    """A bare 扣完为止 in a sentence headed by a one-tier 得N分 (「「认真执行三同时」得2分,「未执行三同时例数」每发现1例
    未执行的扣0.5分,扣完为止」, field trial 3 SW5): the sentence's deductions stop at its N points, not the item's."""
    result = list(rules)
    for index, rule in enumerate(rules):
        if not (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind in ("award", "full")
                and rule.tiers[0].outcome.amount is not None):
            continue
        amount = rule.tiers[0].outcome.amount
        for offset in range(index + 1, len(rules)):
            after = rules[offset]
            if id(after) not in joined:
                break
            if id(after) in bare and after.cap is not None and after.cap > amount:
                result[offset] = attrs.evolve(after, cap=amount)
    return tuple(result)


def _sentence_starts(rules: tuple[m.Rule, ...], continued: frozenset[int], joined: frozenset[int],
                     bare: frozenset[int], points=None, row_zero: bool = True) -> tuple[m.Rule, ...]:
    """A one-tier award that heads a sentence whose deductions go on from it without a subject of their own
    (「「专题研究次数」不少于4次得1分,每少1次扣0.5分」, field trial 3 SW7): the sentence's points, where its deductions
    start. The award counts whether or not its test holds (model.Tiered.starts). A deduction with a subject of its own
    (「…得2分,「未执行三同时例数」每发现1例…」) is another clause (language.md 6.2): the award stays earned."""
    going_on = [id(r) in continued for r in rules]  # before _row_caps makes new rules (new ids)
    rules = _row_caps(rules, joined, bare)
    result = list(rules)
    for index, rule in enumerate(rules):
        if not (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind == "award"
                and rule.exempt is None and rule.excused_by is None and not rule.each_part and rule.each is None):
            continue
        following = []
        for offset in range(index + 1, len(rules)):
            if not going_on[offset]:
                break
            following.append(rules[offset])
        # a 不得分 alone is no deduction to start from (「「持证」得5分,未「持证」且未「参加考试」的不得分」: without the
        # certificate the 5 points are not earned), so the sentence needs a deduction of its own
        if not following or not any(_deducts(r) and not _earns(r) for r in following):
            continue
        amount = rule.tiers[0].outcome.amount
        result[index] = attrs.evolve(rule, starts=said("得{amount}分是本句扣分的起点", amount=format_decimal(amount)))
        if row_zero and points is not None and amount < points:  # not under a stated 不得分范围:本项
            # 「「认真执行规划环评」得2分,「规划环评未完成例数」发现有1例未完成,不得分」 in a 13-point column (field
            # trial 3 SW15): 不得分 takes this sentence's 2 points, not the column's 13
            for offset in range(index + 1, index + 1 + len(following)):
                if _zeroes(result[offset]):
                    after = result[offset]
                    result[offset] = attrs.evolve(after, tiers=tuple(
                        attrs.evolve(t, outcome=attrs.evolve(t.outcome, kind="deduct", amount=amount, sign=-1))
                        for t in after.tiers))
    return tuple(result)


def own_subject_starts(rules: tuple[m.Rule, ...], continued: frozenset[int],
                       joined: frozenset[int]) -> list[tuple[m.Rule, frozenset[int]]]:
    """Each one-tier award that heads a sentence whose deductions go on after a comma with a subject of their own
    (「「未发生安全事故」的得10分,「事故起数」每发生一起扣5分」), with the ids of those deductions: under 同句得分:扣分的起点
    (the default) they continue the sentence as a deduction without a subject does, and the award is where they
    start."""
    found = []
    for index, rule in enumerate(rules):
        if not (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind == "award"
                and rule.exempt is None and rule.excused_by is None and not rule.each_part and rule.each is None):
            continue
        ids = []
        for after in rules[index + 1:]:
            if id(after) not in joined:
                break
            if id(after) not in continued:
                if not ((_deducts(after) or _zeroes(after)) and not _earns(after)):
                    break
                ids.append(id(after))
        if any(_deducts(r) for r in rules if id(r) in ids):  # a 不得分 alone starts nothing (_sentence_starts)
            found.append((rule, frozenset(ids)))
    return found


def started_anyway(award: m.Tiered, rules: tuple[m.Rule, ...], continued: frozenset[int],
                   joined: frozenset[int]) -> bool:
    """Whether the award's sentence has a deduction without a subject of its own after it (「「开展技术总结次数」5次以上
    得2分,少开展一次扣1分,「报告质量不符要求次数」一次扣1分,扣完为止」, field trial 7 SW7-1): then its N points are the
    sentence's start whether or not its test holds (language.md 8「一句的起点」), and a deduction with a subject of its
    own in the same sentence comes off them too — 同句得分 has nothing left to decide (条件成立才得 would keep the
    sentence's points where the test fails and drop only the other fact's deduction: 4 summaries, 1 bad report 1, not
    2 − 1 − 1 = 0)."""
    index = next(i for i, r in enumerate(rules) if r is award)
    for after in rules[index + 1:]:
        if id(after) not in joined:
            return False
        if id(after) in continued and _deducts(after) and not _earns(after):
            return True
    return False


def speaks_of_absence(rule: m.Tiered) -> bool:
    """Whether a one-tier award is for something not happening (「未发生安全事故」的, 无「X」, 未「X」, 「X」为0): the
    other side of the count its sentence deducts for, so its points are where those deductions start (同句得分 by
    default). An award for something done (「建立健全村级统计台帐」得5分, 「认真执行三同时」得2分) is earned only when it
    is done: two testers working by hand (field trials 3 and 4) read those so."""
    test = rule.tiers[0].test
    if _none_of(test) is not None:
        return True
    if isinstance(test, m.Truthy) and isinstance(test.operand, m.FactRef):
        return test.negated or test.operand.name.startswith(("未", "无", "没有", "不", "零"))
    return False


def open_reading(rule: m.Tiered, rules: tuple[m.Rule, ...], ids: frozenset[int]) -> bool:
    """Whether 同句得分 decides anything here: not where the award is for none of the count its deductions count
    (无「X」的得10分,「X」每起扣5分 — the two sides of one count, read so whatever the reading)."""
    counted = {r.counter.name for r in rules if id(r) in ids and isinstance(r, m.PerCount)}
    none = _none_of(rule.tiers[0].test)
    return not (none is not None and none in counted)


def _zeroes(rule) -> bool:
    """A clause whose every result is 不得分 (a veto or a tier's zero): 「发现有1例未完成,不得分」."""
    return (isinstance(rule, m.Tiered) and rule.cap is None and rule.exempt is None
            and all(t.outcome.kind in ("veto", "zero") and t.outcome.below is None and t.outcome.spill is None
                    for t in rule.tiers))


def _earns(rule) -> bool:
    return any(o.kind in ("award", "bonus", "set", "full") for o in m.outcomes_of(rule))


def _deducts(rule) -> bool:
    return any(o.kind == "deduct" for o in m.outcomes_of(rule))


def _short_of(test, step: m.PerStep) -> bool:
    """Whether a step deduction counts exactly where the test fails, from its threshold: 「达70%以上(含)的,得50分」 and
    「未达到70%的,每少一个百分点扣1分」 (the two sides of the line). A deduction elsewhere (「低于80%的,扣5分」 beside
    「达到95%的,得10分」) leaves the award earned: 85% earns and loses nothing."""
    if not (isinstance(test, m.InRange) and _same_operand(test.operand, step.guard.operand)):
        return False
    mine, other = test.interval, step.guard.interval
    if mine.low is not None and mine.high is None and other.low is None:
        return other.high == mine.low and other.high_closed != mine.low_closed
    if mine.high is not None and mine.low is None and other.high is None:
        return other.low == mine.high and other.low_closed != mine.high_closed
    return False


def _same_operand(a, b) -> bool:
    """The same quantity on both sides of the line: 「「完成数」达到「任务数」的得3分」 and 「「完成数」低于「任务数」的,
    每少完成1个扣1分」 (field trial 4, SW4-2) compare 「完成数」−「任务数」 with 0 both; the difference remembers which
    relation it was written with (≥, <), which is no part of the quantity."""
    if isinstance(a, m.Arith) and isinstance(b, m.Arith):
        return attrs.evolve(a, relation=None) == attrs.evolve(b, relation=None)
    return a == b


def _none_of(test) -> str | None:
    """The count a test says is zero: 无「X」, 「X」为0处."""
    if isinstance(test, m.Truthy) and test.negated and isinstance(test.operand, m.FactRef):
        return test.operand.name if test.operand.kind == "count" else None
    if (isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.operand.kind == "count"
            and test.interval.low == 0 and test.interval.high == 0 and test.interval.low_closed
            and test.interval.high_closed):
        return test.operand.name
    return None


def zero_sides(rules: tuple[m.Rule, ...], points, joined: frozenset) -> list[tuple[int, m.ZeroSide]]:
    """The item's only award, one tier of exactly its points, whose test is 「甲」且「X」为0 (且 「乙」…), beside a
    per-count deduction on 「X」 written in another sentence (气象「全年完成预警信号及时发布工作,重大天气预警信号不漏报得3分;
    重大天气预警信号每漏报1次扣1分,直至不得分」, field trial 7 SW7-2): the index of the award and its ZeroSide. 「X」为0
    and 每漏报1次扣1分 are the two sides of one count, as 无「X」得10分 beside 「X」每起扣2分 are (start_from_points),
    and the rest of the test (完成) is what the award asks besides: under 另写的扣分:从得分扣起 (the default) the award
    counts where the rest holds, so the deduction comes off its points (1 miss 3 − 1 = 2); where the rest fails the
    award is not earned (未完成: 0, the deductions taking nothing). Read as earned only where every part holds, the
    deduction could only apply where the item is at 0 already (GL504). `joined` holds the spans of the clauses written
    after a comma from the one before (by span: the passes before this one make new rules)."""
    index = _only_award(rules, points)
    if index is None:
        return []
    award = rules[index]
    if not (_lone_award(award) and award.tiers[0].outcome.amount == points and not award.priced_by
            and award.zero_side is None and isinstance(award.tiers[0].test, m.AllOf)):
        return []
    sentence = set()  # the award's own sentence (同句得分's business): the clauses joined to it by a comma
    for after in rules[index + 1:]:
        if after.span not in joined:
            break
        sentence.add(after.span)
    counted = {r.counter.name for r in rules if isinstance(r, m.PerCount) and r.outcome.kind == "deduct"
               and r.guard is None and r.exempt is None and r.each is None and r.span not in sentence}
    parts = award.tiers[0].test.parts
    zero = [p for p in parts if _none_of(p) in counted]
    if len(zero) != 1:
        return []
    count = _none_of(zero[0])
    rest = tuple(p for p in parts if p is not zero[0])
    if any(count in m.facts_of_test(p) for p in rest):
        return []
    test = rest[0] if len(rest) == 1 else m.AllOf(rest, "且".join(p.text for p in rest))
    return [(index, m.ZeroSide(count, test))]


def restates_points(rules) -> bool:
    """Whether an award was read as the points the item starts from (it keeps its amount; 得满分 as written has none):
    the item is worded with awards and deductions both."""
    return any(o.kind == "full" and o.amount is not None for r in rules for o in m.outcomes_of(r))


def point_otherwise(rules: tuple[m.Rule, ...]) -> list[int]:
    """The numbered points that state their own points and a deduction for not doing it (「(1)制定……实施方案,记1分;
    否则扣1分」, 新乡消防 2006, field trial 4 SW4-3; 「(1)……纳入……的记1分,未纳入的扣1分」, 安阳消防 2007), in an
    item with other rules: the indexes of those rules. Each point has its own points; the deduction is taken from
    them (the reading 本点扣分, default 从本点分值扣: not done → 1 − 1 = 0, not −1 eating the other points)."""
    if len(rules) < 2:
        return []
    found = []
    for index, rule in enumerate(rules):
        if not (isinstance(rule, m.Tiered) and rule.label is not None and len(rule.tiers) == 2 and rule.cap is None
                and rule.exempt is None and rule.each is None and not rule.each_part and rule.excused_by is None
                and rule.starts is None):
            continue
        award, other = rule.tiers[0].outcome, rule.tiers[1].outcome
        if (award.kind == "award" and award.amount is not None and rule.tiers[0].test is not None
                and _point_deduction(other)):
            found.append(index)
    return found


def _point_deduction(out: m.Outcome) -> bool:
    """扣M分 or 视情扣1-2分, as written: no formula, no spill, no 另扣, no 倒扣."""
    return ((out.kind == "deduct" and out.amount is not None) or (out.kind == "discretion" and out.sign < 0)) and (
        out.formula is None and out.spill is None and out.also is None and out.below is None)


def point_negations(rules: tuple[m.Rule, ...], after_semicolon: frozenset[int]) -> list[int]:
    """「(1)「制定方案」的,记1分;未「制定方案」的,扣1分」 (新乡消防 2006 3.(1), 安阳消防 2007 「……的记1分,未纳入的扣
    1分」): the point's deduction for the award's test failing, written as a sentence of its own after a semicolon —
    the 否则 of point_otherwise in other words. The indexes of those deductions (each right after its award)."""
    if len(rules) < 3:
        return []
    found = []
    for index in range(1, len(rules)):
        award, rule = rules[index - 1], rules[index]
        if not (_lone_award(award) and award.label is not None and id(rule) in after_semicolon
                and isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.cap is None and rule.exempt is None
                and rule.each is None and not rule.each_part and rule.excused_by is None and rule.starts is None
                and _point_deduction(rule.tiers[0].outcome)):
            continue
        mine, theirs = award.tiers[0].test, rule.tiers[0].test
        if (isinstance(mine, m.Truthy) and isinstance(theirs, m.Truthy) and mine.operand == theirs.operand
                and mine.negated != theirs.negated):
            found.append(index)
    return found


def from_point(rule: m.Tiered, points=None) -> m.Tiered:
    """A point's deduction tier (the last) taken from the point's own N points (model.Outcome.row): it scores N − M,
    not below 0. N is the rule's first tier's award, or the award of the sentence before (point_negations)."""
    points = rule.tiers[0].outcome.amount if points is None else points
    tier = rule.tiers[-1]
    out = tier.outcome
    text = said("{outcome},从这一点的{points}分扣起", outcome=out.text, points=format_decimal(points))
    return attrs.evolve(rule, tiers=rule.tiers[:-1] + (attrs.evolve(tier, outcome=attrs.evolve(out, row=points,
                                                                                              text=text)),))


def point_goes_on(rules: tuple[m.Rule, ...], after_semicolon: frozenset[int]) -> list[tuple[int, list[int]]]:
    """A numbered point whose one-tier 「记N分」 is followed, after a semicolon, by deductions without a subject of
    their own (「(3)……签订率达100%的,记2分;每少签两个……的扣1分」, 安阳消防 2007, field trial 4 SW4-6): the index of
    the award and of those deductions. Under 本点扣分:从本点分值扣 they go on from the point's N points as a deduction
    after a comma does (language.md 8 「一句的起点」), and stop at them."""
    found = []
    for index, rule in enumerate(rules):
        if not (_lone_award(rule) and rule.label is not None) or len(rules) < 2:
            continue
        following = []
        for offset in range(index + 1, len(rules)):
            if id(rules[offset]) not in after_semicolon or not _deducts(rules[offset]) or _earns(rules[offset]):
                break
            following.append(offset)
        if following and len(following) + 1 < len(rules):
            found.append((index, following))
    return found


def point_sentences(rules: tuple[m.Rule, ...], joined: frozenset,
                    stopped: frozenset = frozenset()) -> list[tuple[int, list[int]]]:
    """A numbered point whose one-tier 「(N分)」 / 「得N分」 heads a sentence that goes on after a comma with deductions
    (「3.认真参加县级组织的业务培训和会议(2分),缺席一次扣0.5分」, 「4.……(5分),未及时完成的每件扣1分,其中催办后仍未完成的
    加扣2分,扣完为止」, field trial 5 SW5-1, SW5-2), in an item with other rules: the index of the award and of those
    deductions. `joined` holds the spans of the rules written after a comma; `stopped` of those that start a sentence
    of the point after its 。 (「2.……,1分。不报送……的每次减0.5分,……每例减1分,减完为止。3.……」, field trial 6 SW6-7),
    which go on from the point the same way. Under 本点扣分:从本点分值扣 they are taken from the point's N points,
    together, and stop at them (not eating the other points)."""
    found = []
    for index, rule in enumerate(rules):
        if not (_lone_award(rule) and rule.label is not None):
            continue
        following = []
        for offset in range(index + 1, len(rules)):
            after = rules[offset]
            if ((after.span not in joined and after.span not in stopped) or after.label is not None
                    or not _deducts(after) or _earns(after)):
                break
            following.append(offset)
        if following and len(following) + 1 < len(rules):
            found.append((index, following))
    return found


def earned_only(rule: m.Rule, test) -> m.Rule | None:
    """A deduction of a point counted only where the point's award holds (同句得分:条件成立才得: where it does not, the
    point has no points to deduct from); None where the rule's shape takes no condition of the award's."""
    if isinstance(rule, m.PerCount):
        if rule.guard is None or rule.guard == test:
            return attrs.evolve(rule, guard=test)
        return attrs.evolve(rule, guard=m.AllOf((test, rule.guard), f"{test.text}且{rule.guard.text}"))
    if isinstance(rule, m.Tiered) and rule.each is None and not rule.each_part:
        return attrs.evolve(rule, tiers=tuple(attrs.evolve(t, test=test if t.test is None else m.AllOf(
            (test, t.test), f"{test.text}且{t.test.text}")) for t in rule.tiers))
    return None


def stop_at_point(rule: m.Rule, points, sentence: bool = False) -> m.Rule:
    """A deduction of a point that states N points, after 「记N分」 (point_goes_on): at most N. `sentence`: of a
    sentence that states its N points without a number (sentence_points)."""
    if rule.cap is not None and rule.cap <= points:
        return rule
    return attrs.evolve(rule, cap=points, cap_text=said("扣完这一句的{points}分为止" if sentence else "扣完这一点的{points}分为止",
                                                        points=format_decimal(points)))


def sentence_points(rules: tuple[m.Rule, ...], continued: frozenset, points) -> list[tuple[int, list[int]]]:
    """A sentence without a number whose one-tier 「(N分)」 / 「得N分」 is where its deductions start (model.Tiered.starts,
    _sentence_starts), N less than the item's points, beside other rules (浙江基层防汛「配备远程会商系统(2'),配备……等决策
    支持系统(4',少一项扣 1 分)」, field trial 5 SW5-6): the index of the award and of the deductions that go on from it
    (`continued` holds their spans). Under 本点扣分:从本点分值扣 they stop at the N points, 扣完为止 written or not."""
    found = []
    if points is None:
        return found
    for index, rule in enumerate(rules):
        if not (isinstance(rule, m.Tiered) and rule.starts is not None and rule.label is None
                and rule.tiers[0].outcome.amount is not None and rule.tiers[0].outcome.amount < points):
            continue
        following = []
        for offset in range(index + 1, len(rules)):
            if rules[offset].span not in continued or rules[offset].label is not None:
                break
            following.append(offset)
        deducting = [i for i in following if _deducts(rules[i]) and not _earns(rules[i])]
        if deducting and len(following) + 1 < len(rules):
            found.append((index, deducting))
    return found


def earned_first(rules: tuple[m.Rule, ...], award: m.Tiered, bare: frozenset[int]) -> tuple[m.Rule, ...]:
    """Under 同句得分:条件成立才得, a sentence 「「两榜公示及常年公示」得1分,「抽查未公示次数」发现有1次未公示扣0.5分,
    扣完为止」 (乡镇民政, field trial 4 SW4-3补): 扣完为止 deducts the sentence's points, so where its award does not
    hold there is nothing to deduct and the sentence scores 0 (not −1, eating the other sentence's points). Its
    deductions with 扣完为止 and no guard of their own count only where the award's test holds."""
    test, amount = award.tiers[0].test, award.tiers[0].outcome.amount
    result = []
    for rule in rules:
        if id(rule) in bare and isinstance(rule, m.PerCount) and rule.guard is None:
            # where it holds the sentence has its N points, and 扣完为止 stops at them (_row_caps)
            cap = amount if rule.cap is None or rule.cap > amount else rule.cap
            rule = attrs.evolve(rule, guard=test, cap=cap)
        result.append(rule)
    return tuple(result)


FAILURE_FACTS_LIMIT = 10  # 是否 facts tried together (2^10 cases) when telling what a clause says of an award


def failure_spelled_out(rules: tuple[m.Rule, ...], points) -> list[int]:
    """An award of exactly the item's points whose failure the item spells out (field trial 6, SW6-4 and SW6-5):
    the indexes of those awards. Either the award's own clause goes on with 否则 (「「吸毒人员底数清」计5分,否则扣2分」,
    吕梁「……达到「应补充耕地面积」的,得10分;否则按……的比例扣分」), or other clauses on the award's 是否 facts hold only
    where the award does not and, together, wherever it does not (澧阳「「专题研究」且「经费落实」计5分;未「专题研究」的,
    不计分;「专题研究」且未「经费落实」的,扣2.5分」; 吕梁「未「出现违法用地」的,得20分;「出现违法用地」的,不得分
    (「能及时制止查处」的除外)」), at least one of them a deduction or a 不得分 with an exception. Read as points earned
    on top, such a deduction could only apply where the item is at 0 already, and the exception would waive a 不得分 into
    the same 0: the award's N points are where the item starts (本项从满分扣减), and a unit that only partly did the
    thing keeps N minus the deduction. The item's only earning clause (加分 aside)."""
    index = _only_award(rules, points)
    if index is None:
        return []
    award = rules[index]
    if not (isinstance(award, m.Tiered) and award.exempt is None and award.excused_by is None
            and not award.each_part and award.each is None and award.starts is None and award.cap is None):
        return []
    first = award.tiers[0]
    if first.outcome.kind != "award" or first.outcome.amount != points or first.test is None:
        return []
    if len(award.tiers) > 1:  # 「…计5分,否则扣2分」
        rest = [t.outcome for t in award.tiers[1:]]
        if (award.tiers[-1].test is None and all(o.kind in ("deduct", "zero") and o.row is None for o in rest)
                and any(o.kind == "deduct" for o in rest)):
            return [index]
        return []
    names = _bool_names(first.test)
    if names is None:
        return []
    failing = []
    for other, rule in enumerate(rules):
        if other == index or not (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.each is None
                                  and not rule.each_part and rule.excused_by is None and rule.starts is None):
            continue
        out = rule.tiers[0].outcome
        if not ((out.kind == "deduct" and out.row is None) or out.kind == "zero"
                or (out.kind == "veto" and out.below is None and out.spill is None and out.grade is None)):
            continue
        more = _bool_names(rule.tiers[0].test)
        if more is None:
            continue
        failing.append((rule, more))
    every = list(dict.fromkeys(names + [n for _, more in failing for n in more]))
    if not failing or len(every) > FAILURE_FACTS_LIMIT:
        return []
    cases = [dict(zip(every, values)) for values in itertools.product((False, True), repeat=len(every))]
    # the clauses that hold only where the award does not: they say what a unit without the award gets
    only_failing = [(rule, more) for rule, more in failing
                    if not any(_holds(first.test, case) and _holds(rule.tiers[0].test, case) for case in cases)]
    if not only_failing or not any(r.tiers[0].outcome.kind == "deduct" or r.exempt is not None
                                   for r, _ in only_failing):
        return []
    if all(_holds(first.test, case) or any(_holds(r.tiers[0].test, case) for r, _ in only_failing) for case in cases):
        return [index]
    return []


def _only_award(rules: tuple[m.Rule, ...], points) -> int | None:
    """The index of the item's only earning clause (加分 aside), in an item with points; else None."""
    if points is None:
        return None
    earning = [i for i, r in enumerate(rules) if _earns_points(r)]
    return earning[0] if len(earning) == 1 else None


def _earns_points(rule) -> bool:
    """An award, 得满分, 按…计分 or 视情 (not 加N分, which adds to what the item has)."""
    return any(o.kind in ("award", "set", "full") or (o.kind == "discretion" and o.sign > 0) for o in m.outcomes_of(rule))


def _bool_names(test) -> list[str] | None:
    """The 是否 facts of a test made of them only (且, 或, 未), else None."""
    if isinstance(test, m.Truthy) and isinstance(test.operand, m.FactRef) and test.operand.kind == "bool":
        return [test.operand.name]
    if isinstance(test, (m.AllOf, m.AnyOf)):
        names = []
        for part in test.parts:
            more = _bool_names(part)
            if more is None:
                return None
            names += more
        return names
    return None


def _holds(test, case: dict) -> bool:
    if isinstance(test, m.Truthy):
        return case[test.operand.name] != test.negated
    if isinstance(test, m.AllOf):
        return all(_holds(p, case) for p in test.parts)
    return any(_holds(p, case) for p in test.parts)
