"""Readings (口径) that reshape checked rules where the wording admits two scores: 档间空隙 (a value between two
tiers written in whole numbers), 并列情形 (several situations joined by 、/或), 同一事件 (a rate and a count of the
same events), 无评分规则 (points with no scoring rule). Each records the decision it relies on; the registry of
keys, values and defaults is govrubric/readings.py, and 累计加减分 is read with an item's limits (items.py)."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..numerals import format_decimal
from .base import CheckerBase
from .conditions import describe_interval
from .words import DISPLAY_UNIT
from ..i18n import built, kind_word

# kinds whose values lie between whole numbers: 92.5% falls between 「90%—92%」 and 「93%」; a count cannot
_FRACTIONAL_KINDS = ("percent", "ratio", "score")


class Readings(CheckerBase):
    # ------------------------------------------------------------ 档间空隙
    def tier_gaps(self, tiers: list[m.Tier]) -> list[m.Tier]:
        """Two tiers on one fact written in whole numbers leave what lies between them to no tier (「93%得1分,
        90%—92%得0.5分」: 92.5%); under 档间空隙:归入低一档 the lower tier reaches up to the next one's start
        (90% ≤ x < 93%). Only a gap of one unit of the last written place counts, and only where no tier of
        the clause covers it."""
        ranged = [t for t in tiers if isinstance(t.test, m.InRange) and self.operand_kind(t.test.operand) in _FRACTIONAL_KINDS]
        reading = self.here["档间空隙"]
        result = list(tiers)
        for lower in ranged:
            for upper in ranged:
                gap = _gap(lower.test, upper.test)
                if gap is None or any(t.test.interval.contains(gap[2]) for t in ranged if t.test.operand == lower.test.operand):
                    continue
                high, low, middle = gap
                unit = DISPLAY_UNIT.get(self.operand_kind(lower.test.operand), "")
                wording = built("「{lower}」与「{upper}」之间的值(如{middle})", lower=lower.test.text, upper=upper.test.text,
                                middle=f"{format_decimal(middle)}{unit}")
                self.decide(self.path, "档间空隙", reading, wording, upper.span)
                if reading.value != "归入低一档":
                    continue
                interval = attrs.evolve(lower.test.interval, high=low, high_closed=False)
                test = attrs.evolve(lower.test, interval=interval, meaning=describe_interval(interval, lower.test.unit))
                index = result.index(lower)
                result[index] = lower = attrs.evolve(lower, test=test)
        return result

    # ------------------------------------------------------------ 单边档次
    def nested_tiers(self, tiers: list[m.Tier]) -> tuple[list[m.Tier], int]:
        """One-sided tiers on one fact, each inside the one written before it (「低于3%的扣0.25分,低于2%的扣0.5分」;
        「超过15天的扣1分,超过30天的扣3分」): read first-that-holds, the later ones could never apply. Under
        单边档次:取最具体的一档 (the default) they are kept tightest first, so the first that holds is the most
        specific (1.5% → 扣0.5分); 按书写顺序 keeps them as written. Returns the tiers and how many were reversed."""
        run = _nested_run(tiers)
        if run < 2:
            return tiers, 0
        if any(t.outcome.also is not None for t in tiers[:run]):  # 另扣 (another.py): the words say they add up
            return tiers[:run][::-1] + tiers[run:], run
        reading = self.here["单边档次"]
        wording = built("从宽到严写的「{first}」「{second}」", first=tiers[0].test.text, second=tiers[1].test.text)
        self.decide(self.path, "单边档次", reading, wording, tiers[1].span)
        if reading.value != "取最具体的一档":
            return tiers, 0
        return tiers[:run][::-1] + tiers[run:], run

    # ------------------------------------------------------------ 分段差距
    def gap_ladders(self, rules: list) -> list:
        """Two gap clauses on one fact, the second's threshold inside the first's (「低于96%的,每降低1个百分点扣0.25分;
        低于90%的,每降低1个百分点扣0.5分」, field trial 6 SW6-1), written one after the other: a ladder. Under
        分段差距:分段累进 (the default: published ladders charge each stretch at its own rate) the looser clause counts
        only down to the stricter one's threshold (model.PerStep.until: 88% is 6 × 0.25 + 2 × 0.5); under 取最具体的一档
        the stricter clause takes over the whole gap from the looser one's threshold (8 × 0.5) and the looser one stops
        where it starts; under 各自计分 each counts from its own threshold (8 × 0.25 + 2 × 0.5)."""
        result = list(rules)
        for index in range(1, len(result)):
            loose, strict = result[index - 1], result[index]
            if not _ladder(loose, strict):
                continue
            reading = self.here["分段差距"]
            wording = built("「{first}」之后的「{second}」", first=loose.guard.text, second=strict.guard.text)
            self.decide(self.path, "分段差距", reading, wording, strict.span)
            if reading.value == "分段累进":
                result[index - 1] = attrs.evolve(loose, until=strict.threshold)
            elif reading.value == "取最具体的一档":
                interval = loose.guard.interval
                if loose.below:  # 低于96% and not 低于90%: 90% ≤ x < 96%
                    interval = attrs.evolve(interval, low=strict.guard.interval.high,
                                            low_closed=not strict.guard.interval.high_closed)
                else:
                    interval = attrs.evolve(interval, high=strict.guard.interval.low,
                                            high_closed=not strict.guard.interval.low_closed)
                guard = attrs.evolve(loose.guard, interval=interval, meaning=describe_interval(interval, loose.guard.unit))
                result[index - 1] = attrs.evolve(loose, guard=guard)
                result[index] = attrs.evolve(strict, threshold=loose.threshold)
        return result

    # ------------------------------------------------------------ 两组单位
    def unit_groups(self, tiers: list[m.Tier], clause: ast.Clause) -> list[m.Tier]:
        """「「人均」在「全省平均水平」以上的单位「增幅」……;「人均」在「全省平均水平」以下的单位「增幅」……」 (区县体育): two
        groups of units on one value, both holding at the boundary (以上 and 以下 include it, language.md 5). Under
        两组单位:归入前一组 (the default) a unit in both is in the group written first only: the later group's condition
        leaves out the earlier's (< 「全省平均水平」); 两组都计 scores it in both."""
        first = clause.tiers[0].cond
        if not (isinstance(first, ast.CondAll) and first.among and first.among_word
                and isinstance(tiers[0].test, m.AllOf) and isinstance(tiers[0].test.parts[0], m.InRange)):
            return tiers
        outer = tiers[0].test.parts[0]
        seen = self.__dict__.setdefault("_unit_groups", {}).setdefault(self.path, [])
        narrowed = outer
        for earlier in seen:
            if _unrelated(earlier.operand) != _unrelated(outer.operand) or earlier.every or outer.every \
                    or not _overlap(earlier.interval, narrowed.interval):
                continue
            reading = self.here["两组单位"]
            wording = built("「{first}」的单位与「{second}」的单位", first=earlier.text, second=outer.text)
            self.decide(self.path, "两组单位", reading, wording, clause.tiers[0].span)
            if reading.value != "归入前一组":
                continue
            interval = _outside(narrowed.interval, earlier.interval)
            if interval is None:
                continue
            relation = _relation_meaning(narrowed, interval)
            meaning = relation[0] if relation else describe_interval(interval, narrowed.unit)
            operand = attrs.evolve(narrowed.operand, relation=relation[1]) if relation else narrowed.operand
            narrowed = attrs.evolve(narrowed, operand=operand, interval=interval, meaning=built(
                "{meaning};与「{first}」的单位重合的归入前一组", meaning=meaning, first=earlier.text))
        seen.append(outer)
        if narrowed is outer:
            return tiers
        return [attrs.evolve(t, test=attrs.evolve(t.test, parts=(narrowed, *t.test.parts[1:])))
                if isinstance(t.test, m.AllOf) and t.test.parts[0] == outer else t for t in tiers]

    # ------------------------------------------------------------ 并列情形
    def each_part(self, tiers: list[m.Tier]) -> bool:
        """A lone deduction on 「甲」或「乙」 (「没有编制清单、没有明确时限的,扣1.5分」): once when both hold, or once
        for each (并列情形:各自计分)."""
        if len(tiers) != 1 or not isinstance(tiers[0].test, m.AnyOf) or tiers[0].outcome.kind != "deduct":
            return False
        reading = self.here["并列情形"]
        self.decide(self.path, "并列情形", reading, built("「{text}」几种情形同时出现", text=tiers[0].test.text), tiers[0].span)
        return reading.value == "各自计分"

    # ------------------------------------------------------------ 同一事件
    def same_events(self, rules: tuple[m.Rule, ...]) -> tuple[m.Rule, ...]:
        """A rate's award and a per-count deduction in one item may describe the same events (「按时整改率100%得1分,
        存在1条超时未整改扣0.5分」): each deduction is paired with the nearest award on a percentage written before
        it. Under 同一事件:不重复扣分 that award is kept while the count is above 0."""
        reading = self.here["同一事件"]
        result = list(rules)
        for index, rule in enumerate(rules):
            if not (isinstance(rule, m.PerCount) and rule.outcome.kind == "deduct" and rule.guard is None):
                continue
            award = next((i for i in range(index - 1, -1, -1) if _rate_award(rules[i])), None)
            if award is None:
                continue
            rate = rules[award]
            self.decide(self.path, "同一事件", reading, built("「{first}」与「{second}」", first=rate.tiers[0].text, second=rule.text), rule.span)
            if reading.value == "不重复扣分":
                result[award] = attrs.evolve(result[award], excused_by=rule.counter.name)
        return tuple(result)

    # ------------------------------------------------------------ 不得分 as a tier where the item starts full
    def zero_tiers(self, rules: tuple[m.Rule, ...], path: str, here) -> tuple[m.Rule, ...]:
        """不得分 as a tier of an item scored down from its points (「5%以内扣1分,5%-10%之间扣3分,10%以上不得分」):
        the item scores 0 (不得分范围:本项, the default, as for a 不得分 on its own), or only this clause gives
        nothing (本条), which leaves an item that starts full at its points — the worst unit would keep them."""
        reading = here["不得分范围"]
        result = []
        for rule in rules:
            zero = next((t for t in rule.tiers if t.outcome.kind == "zero"), None) if isinstance(rule, m.Tiered) else None
            if zero is not None:
                self.decide(path, "不得分范围", reading, built("从满分扣减的指标中,档次里的「{text}」", text=zero.outcome.text), zero.span)
                if reading.value == "本项":
                    rule = attrs.evolve(rule, tiers=tuple(
                        attrs.evolve(t, outcome=attrs.evolve(t.outcome, kind="veto")) if t.outcome.kind == "zero" else t
                        for t in rule.tiers))
            result.append(rule)
        return tuple(result)

    # ------------------------------------------------------------ 无评分规则
    def no_rule(self, item: ast.Item, path: str, points: Decimal) -> m.Rule | None:
        """An item with points and no scoring rule (宜良 七 「由政务环境专项组根据实际情况细化」): full marks, or
        (无评分规则:按评分录入) the assessor's score, given as the item's one 分值 fact or, where it declares
        none, as the fact 「<编号>得分」 (0 to the points), declared here."""
        reading = self.here["无评分规则"]
        self.decide(path, "无评分规则", reading, built("原文给了分值,没有写评分规则"), item.head.span)
        if reading.value != "按评分录入":
            return None
        declared = [d.name.text for d in item.facts if d.type.kind == "score"]
        name = declared[0] if len(declared) == 1 else f"{path}得分"
        if name not in self.facts:
            self.facts[name] = m.Fact(name, "score", low=Decimal(0), high=points, span=item.head.span)
            self.fact_lines[name] = self.source.line_col(item.head.span.start)[0]
        elif self.facts[name].kind != "score":
            self.err("GR217", item.head.span, detail=built("「无评分规则:按评分录入」要用「{name}」填写本项得分,它却已声明为{kind}",
                                                           name=name, kind=built(m.KIND_ZH[self.facts[name].kind])))
            return None
        # the rule stands where the item does: its head is what compiled code and explanations quote
        head = self.text(item.head.span)
        outcome = m.Outcome("set", fact=name, text="按评分录入")
        return m.Tiered((m.Tier(None, outcome, head, item.head.span),), None, None, head, None, item.head.span)


def _gap(lower: m.InRange, upper: m.InRange) -> tuple[Decimal, Decimal, Decimal] | None:
    """(high of the lower tier, low of the upper, a value between) where both ends are written closed and one
    unit of their last written place apart (92 and 93; 0.95 and 0.96), on the same fact."""
    a, b = lower.interval, upper.interval
    if lower.operand != upper.operand or a.high is None or b.low is None or not (a.high_closed and b.low_closed):
        return None
    if not (isinstance(a.high, Decimal) and isinstance(b.low, Decimal)):  # 1/3 (a Fraction) has no last place
        return None
    places = max(_places(a.high), _places(b.low))
    if b.low - a.high != Decimal(1).scaleb(-places):
        return None
    return a.high, b.low, (a.high + b.low) / 2


def _ladder(loose, strict) -> bool:
    """Two gap clauses (每低…、每超过…) on one fact, one side, the second's threshold strictly inside the first's, each
    counted by plain steps of a fixed amount: a ladder of stretches (分段差距). Not when the second is written as
    extra (另扣) or either is judged per value, excepted, or a 视情 amount."""
    if not (isinstance(loose, m.PerStep) and isinstance(strict, m.PerStep)):
        return False
    if loose.operand != strict.operand or loose.below != strict.below or loose.scale != strict.scale:
        return False
    if any(r.each is not None or r.exempt is not None or r.until is not None for r in (loose, strict)):
        return False
    kinds = {loose.outcome.kind, strict.outcome.kind}
    if not (kinds <= {"deduct"} or kinds <= {"bonus", "award"}):
        return False
    for rule in (loose, strict):  # one-sided guards whose end is the threshold the gap runs from
        interval = rule.guard.interval
        if (interval.low is None) == (interval.high is None) or rule.guard.every is not None:
            return False
    return strict.threshold < loose.threshold if loose.below else strict.threshold > loose.threshold


def _nested_run(tiers: list[m.Tier]) -> int:
    """How many leading tiers are one-sided on one fact, on the same side, each strictly inside the one before
    (a trailing 否则 may follow them and stays last); 0 when the clause is not written so."""
    tests = [t.test for t in tiers]
    if len(tests) > 1 and tests[-1] is None:
        tests = tests[:-1]
    if len(tests) < 2 or not all(isinstance(t, m.InRange) and t.operand == tests[0].operand for t in tests):
        return 0
    intervals = [t.interval for t in tests]
    if all(i.low is None and i.high is not None for i in intervals):  # 低于3%, 低于2%
        keys = [(i.high, i.high_closed) for i in intervals]
    elif all(i.high is None and i.low is not None for i in intervals):  # 超过15天, 超过30天: tighter is higher
        keys = [(-i.low, i.low_closed) for i in intervals]
    else:
        return 0
    try:
        nested = all(later < earlier for earlier, later in zip(keys, keys[1:]))
    except TypeError:  # a Fraction bound (1/3) beside a Decimal one: not a ladder of this kind
        return 0
    return len(keys) if nested else 0


def _places(x: Decimal) -> int:
    return max(0, -x.normalize().as_tuple().exponent)


def _rate_award(rule: m.Rule) -> bool:
    """A clause whose first tier awards points on a percentage: 「按时整改率」100%得1分."""
    if not isinstance(rule, m.Tiered):
        return False
    first = rule.tiers[0]
    return (isinstance(first.test, m.InRange) and isinstance(first.test.operand, m.FactRef)
            and first.test.operand.kind == "percent" and first.outcome.kind in ("award", "bonus"))


def _overlap(a: m.Interval, b: m.Interval) -> bool:
    """Whether some number is in both intervals."""
    low, low_closed = _higher_low(a, b)
    high, high_closed = _lower_high(a, b)
    if low is None or high is None:
        return True
    return low < high or (low == high and low_closed and high_closed)


def _higher_low(a: m.Interval, b: m.Interval) -> tuple[Decimal | None, bool]:
    if a.low is None:
        return b.low, b.low_closed
    if b.low is None or a.low > b.low:
        return a.low, a.low_closed
    if b.low > a.low:
        return b.low, b.low_closed
    return a.low, a.low_closed and b.low_closed


def _lower_high(a: m.Interval, b: m.Interval) -> tuple[Decimal | None, bool]:
    if a.high is None:
        return b.high, b.high_closed
    if b.high is None or a.high < b.high:
        return a.high, a.high_closed
    if b.high < a.high:
        return b.high, b.high_closed
    return a.high, a.high_closed and b.high_closed


def _outside(a: m.Interval, b: m.Interval) -> m.Interval | None:
    """a without b, when b is a half-line (what is left is one interval); None otherwise, or when nothing is left."""
    if b.low is not None and b.high is None:  # b: x ≥ L (or > L) — keep a below L
        rest = m.Interval(None, False, b.low, not b.low_closed)
    elif b.high is not None and b.low is None:  # b: x ≤ H (or < H) — keep a above H
        rest = m.Interval(b.high, not b.high_closed, None, False)
    else:
        return None
    low, low_closed = _higher_low(a, rest)
    high, high_closed = _lower_high(a, rest)
    result = m.Interval(low, low_closed, high, high_closed)
    return result if _overlap(result, result) else None


def _unrelated(operand: m.Operand) -> m.Operand:
    """The operand without the comparison it was written with (「甲」 ≥ 「乙」 and 「甲」 ≤ 「乙」 test one difference)."""
    return attrs.evolve(operand, relation=None) if isinstance(operand, m.Arith) else operand


def _relation_meaning(test: m.InRange, interval: m.Interval) -> tuple[str, str] | None:
    """「甲」 ≤ 「乙」 narrowed to (−∞, 0): 「甲」 < 「乙」 (a comparison of two values is a test on their difference), and
    the new symbol."""
    symbol = test.operand.relation if isinstance(test.operand, m.Arith) else None
    if not symbol or f" {symbol} " not in test.meaning:
        return None
    left, right = test.meaning.split(f" {symbol} ", 1)
    zero = Decimal(0)
    if interval.low is None and interval.high == zero:
        new = "≤" if interval.high_closed else "<"
    elif interval.high is None and interval.low == zero:
        new = "≥" if interval.low_closed else ">"
    else:
        return None
    return f"{left} {new} {right}", new
