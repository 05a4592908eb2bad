"""The checked model (the IR): what a rubric means, with every name resolved and every rule normalised.

The evaluator and the code generator read only this. Nodes keep their spans and the
rubric text they came from (as plain strings, for explanations); nothing here refers back
to the syntax tree.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Union

import attrs

from ._runtime import _PERIOD_NAMES, _element_word
from .i18n import Built, built, said
from .source import NO_SPAN, Span

_span = attrs.field(default=NO_SPAN, eq=False, repr=False)

NUMERIC_KINDS = frozenset({"count", "percent", "ratio", "rank", "days", "months", "score", "quantity"})
KIND_ZH = {
    "bool": "是否", "count": "次数", "percent": "百分比", "ratio": "比值", "rank": "名次",
    "days": "天数", "months": "月数", "score": "分值", "discretionary": "视情分数",
    "choice": "选项", "list": "清单", "quantity": "计量值",
}


@attrs.frozen
class Cohort:
    """How a fact is computed over the units scored together (cohort.py computes it)."""

    kind: str  # rank, min, max, avg
    source: str  # fact, node, total
    fact: str | None  # source fact
    node: int | None  # source node id (本项得分 / 第N项得分)
    descending: bool  # rank: the highest value is 第1名
    scope: "Test | None"  # only units for which this holds
    categories: frozenset[str] | None  # only units of these categories
    text: str


@attrs.frozen
class Fact:
    name: str
    kind: str
    measure: str | None = None  # count: its classifier (次, 名 …); quantity: its unit (平方米, 万元 …)
    low: Decimal | None = None  # score: declared range
    high: Decimal | None = None
    options: tuple[str, ...] = ()
    optional: bool = False
    span: Span = _span
    cohort: Cohort | None = None  # computed over the cohort, not given by the unit
    # 逐起 (one value per event: 起, 次, 件 …) or 按季度 / 按月 (one value per period): the unit gives a list, and
    # the fact is read one value at a time by a clause judged per value (Each) or a requirement of every period
    per: str | None = None

    @property
    def periods(self) -> int | None:
        """How many values a fact given per period has (4 quarters, 12 months); None for any other fact."""
        return PERIODS.get(self.per)

    def element(self) -> "Fact":
        """The fact as one of its values (逐起 or 按季度 dropped): what a clause judged per value reads."""
        return attrs.evolve(self, per=None)

    def expected(self) -> str:
        """What a value must look like, in words for error messages and templates."""
        if self.per is not None:
            return per_expected(self)
        if self.kind == "bool":
            return "是或否"
        if self.kind == "percent":
            return "0%到100%之间的百分数(如 95% 或 95)"
        if self.kind in ("count", "days", "months"):
            return "不小于0的整数"
        if self.kind == "rank":
            return "不小于1的整数名次"
        if self.kind == "ratio":
            return "不小于0的数"
        if self.kind == "quantity":
            return built("不小于0的数(以{measure}计)", measure=self.measure)
        if self.kind == "score":
            # check.bound_scores has already set the high from the points of the item scored by this
            # fact; a fact with no high is scored by no item with points and takes any score from its low
            low = "0" if self.low is None else str(self.low)
            if self.high is None:
                return built("不小于{low}的分数", low=low)
            return built("{low}到{high}之间的分数", low=low, high=str(self.high))
        if self.kind == "discretionary":
            if self.low is None:
                return "分数,或一组分数;没有则填0"
            return built("{low}到{high}分之间的分数,或一组分数;没有则填0", low=str(self.low), high=str(self.high))
        if self.kind == "choice":
            return built("之一:{options}", options="、".join(self.options))
        if self.kind == "list":
            return built("若干事项,每个事项是以下之一(或几个):{options}", options="、".join(self.options))
        return KIND_ZH[self.kind]


PERIODS = {"季度": 4, "月": 12}
PERIOD_NAMES = _PERIOD_NAMES  # 第一季度 … 第四季度, 1月 … 12月 (the compiled scorer's copy is the one)


def per_expected(fact: "Fact") -> str:
    """What a fact given per event or per period must look like (facts files, templates, messages)."""
    one = fact.element().expected()
    one = one if isinstance(one, Built) else built(one)  # said in English inside the phrase too
    if fact.per in PERIODS:
        n = PERIODS[fact.per]
        return built("{n}个数,每{per}一个(依次为{first}至{last}),用「、」隔开;每个数是{one}", n=str(n), per=fact.per,
                     first=built(PERIOD_NAMES[fact.per][0]), last=built(PERIOD_NAMES[fact.per][-1]), one=one)
    return built("一组数,每{per}一个,用「、」隔开(如 12、35、8);每个数是{one};没有则填 无", per=fact.per, one=one)


def unit_word(fact: "Fact") -> str:
    """What one value of a fact given per value is: 起, 次, 个季度, 个月."""
    return {"季度": "个季度", "月": "个月"}.get(fact.per, fact.per)


def element_word(fact: "Fact", i: int) -> str:
    """The i-th value (from 1) as the explanation names it: 第2起, 第三季度, 5月."""
    return _element_word(fact.per, i)


# ------------------------------------------------------------------ operands and tests
@attrs.frozen
class FactRef:
    name: str
    kind: str


# 「单位类别」为「乡镇」: a test on the unit's category, written like a choice fact (FactRef kind "category"); no
# fact of the unit's, so operand_facts leaves it out
CATEGORY = "单位类别"


@attrs.frozen
class Ratio:
    numerator: FactRef
    denominator: FactRef


@attrs.frozen
class Const:
    """A number inside arithmetic (「转载数量」/12, 的30% as × 0.3)."""

    value: Decimal


@attrs.frozen
class Arith:
    """Arithmetic between facts and numbers: 「甲」+「乙」, 「甲」÷「乙」×10, 「主体总量」的30% (× 0.3).

    A comparison between two values (「实际完成值」低于「年度目标值」) is read as a test on their difference
    against 0; relation then holds the comparison in symbols (<, ≥ …) for the explanation, which shows both values.
    Values are exact: a quotient that is no finite decimal is kept as a Fraction (numerals.exact_quotient)."""

    op: str  # "+", "-", "*", "/"
    left: "Operand"
    right: "Operand"
    kind: str  # the kind of the result: count, percent, quantity, ratio …
    text: str  # as written
    measure: str | None = None  # quantity: the unit of the result
    relation: str | None = None
    # 「完成数」比「下达任务」低: the shortfall in % of the other value (check/relative.py), 低 as written; render words
    # the comparison after it as written (低5%以内)
    shortfall: str | None = None


Operand = Union[FactRef, Ratio, Arith, Const]


def operand_facts(operand) -> tuple[str, ...]:
    """Every fact an operand reads, in the order written, without repeats."""
    if isinstance(operand, FactRef):
        return (operand.name,) if operand.kind != "category" else ()
    if isinstance(operand, Ratio):
        return (operand.numerator.name, operand.denominator.name)
    if isinstance(operand, Arith):
        return tuple(dict.fromkeys(operand_facts(operand.left) + operand_facts(operand.right)))
    return ()


def divisors(operand) -> tuple[str, ...]:
    """The facts an operand divides by (a unit's 0 there cannot be scored: facts.py refuses it, GR408)."""
    if isinstance(operand, Ratio):
        return (operand.denominator.name,)
    if isinstance(operand, Arith):
        found = divisors(operand.left) + divisors(operand.right)
        if operand.op == "/":
            found += operand_facts(operand.right)
        return tuple(dict.fromkeys(found))
    return ()


@attrs.frozen
class Interval:
    """A set of numbers: [low, high] with each end open or closed; None is unbounded."""

    low: Decimal | None
    low_closed: bool
    high: Decimal | None
    high_closed: bool

    def contains(self, x: Decimal) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        if self.high is not None and (x > self.high or (x == self.high and not self.high_closed)):
            return False
        return True


@attrs.frozen
class Truthy:
    operand: Operand
    negated: bool
    text: str
    carried: bool = False  # 未「甲」、「乙」: the 未 of 「乙」 is the one written before 「甲」 (render words it so)


@attrs.frozen
class InRange:
    operand: Operand
    interval: Interval
    text: str  # the wording as written, e.g. 达到93%
    meaning: str  # the reading in symbols, e.g. ≥ 93%
    unit: str  # display unit of the operand's numbers: %, 名, 次 …
    # 「督查次数」每季度至少1次: the fact is given per period (季度, 月) and the test holds when every period's value is
    # in the interval (language.md 6.7)
    every: str | None = None


@attrs.frozen
class OneOf:
    operand: FactRef
    options: tuple[str, ...]
    text: str


@attrs.frozen
class AllOf:
    parts: tuple["Test", ...]
    text: str


@attrs.frozen
class AnyOf:
    parts: tuple["Test", ...]
    text: str
    joiners: tuple[str, ...] = attrs.field(default=(), eq=False)  # 或 / 、 as written (render words it back)


Test = Union[Truthy, InRange, OneOf, AllOf, AnyOf]


# ------------------------------------------------------------------ outcomes and rules
@attrs.frozen
class Outcome:
    """kind: award (得), bonus (加), deduct (扣), zero (不得分 in a tier), veto, full (得满分),
    none (不扣分), set (按「…」计分), discretion (视情, sign ±1), final (按…确定), grade (为「优秀」)."""

    kind: str
    amount: Decimal | None = None
    sign: int = 1
    fact: str | None = None  # set: the score fact; discretion: the 视情 fact
    adjust: Decimal | None = None
    # set from a percentage (按「完成率」比例计分): the base is the item's points × the percentage
    of_points: Decimal | None = None
    low: Decimal | None = None  # discretion range
    high: Decimal | None = None
    text: str = ""
    grade: str | None = None  # grade: the 等次 it gives
    # award written as a requirement's points without 得 (「……不少于4次(4分)」): "points" / "bare"; wording only
    style: str | None = None
    # veto: 此项不得分,同时倒扣4分 — after its bounds and the veto, the item scores −4 (the 倒扣 that fired, added up)
    below: Decimal | None = None
    # 不得分,并追加扣除20分 / 从总分中扣除20分: 20 off the total, outside the item's bounds and veto (spill.py)
    spill: Decimal | None = None
    # set from a formula (该项得分=「甲」÷「乙」×10, 按「甲」÷「乙」比例计分: of_points × its value, a ratio); a value that
    # is no finite decimal is rounded half up to places (language.md §8)
    formula: "Operand | None" = None
    places: int = 2
    # final: the total set to a first-level item's score (按第一项得分确定, 为【…】分值), not a number
    item: "Term | None" = None
    # 另扣 after a tier it lies inside (「低于90%的扣1分;低于80%的,另扣2分」, check/another.py): amount is the sum, this
    # the part the tier before it deducts (render writes amount − also, as published)
    also: Decimal | None = None
    # final / grade from 「…的,实行一票否决」 with no stated consequence, as the reading 一票否决 reads it
    veto_all: bool = False
    # deduct (or 视情扣) in a numbered point that states its own points (「(1)制定……实施方案,记1分;否则扣1分」,
    # 「记2分;未达到标准的,扣1-2分」, field trial 4 SW4-3; the reading 本点扣分:从本点分值扣): taken from the point's
    # N points, so the point scores N − amount (N − what is given), not below 0 (check/two_sided.point_otherwise)
    row: Decimal | None = None

    @property
    def grade_note(self) -> str:
        """After the grade in an explanation: why a 一票否决 gives it (「实行一票否决」 read 定为不合格)."""
        return said("({outcome},一票否决:定为不合格)", outcome=self.text) if self.veto_all and self.kind == "grade" else ""

    @property
    def signed(self) -> Decimal:
        assert self.amount is not None
        if self.kind == "deduct" and self.row is not None:
            return max(Decimal(0), self.row - self.amount)
        return -self.amount if self.kind == "deduct" else self.amount


@attrs.frozen
class Tier:
    test: Test | None  # None: 否则 / 其余
    outcome: Outcome
    text: str
    span: Span = _span
    # 「,未纳入的扣1分」: a 否则 written as the requirement not met, its words for the explanation line
    negated: str | None = None


@attrs.frozen
class Exemption:
    """(若有新诉求的,不扣分): when test holds, the clause scores nothing (language.md 6.1); text as written."""

    test: "Test"
    text: str
    # 「「认真执行规划环评」得2分,「规划环评未完成例数」发现有1例未完成,不得分」 (field trial 3, SW15): the 不得分 of a
    # sentence headed by a one-tier award takes that sentence's points away, not the item's; text is the 不得分 clause
    sentence: bool = False


@attrs.frozen
class ZeroSide:
    """「「全年完成预警信号及时发布工作」且「重大天气预警信号漏报次数」为0的得3分;「重大天气预警信号漏报次数」每漏报1次扣1分」
    (field trial 7, SW7-2): the 为0 part of an award's 且 is the other side of a deduction counting that count, so the
    award is where the deduction starts while the rest of its test holds (language.md 8「同一件事的两面」)."""

    count: str  # the count the 为0 part names (and the deductions count)
    rest: "Test"  # the award's test without the 为0 part: where it holds, the award counts


@attrs.frozen
class Each:
    """A clause judged once for each value of a fact given per event or per period (language.md 6.7): 「单起「受害面积」
    30亩以上的扣10分」, 「「迟到分钟」10分钟之内的每次扣1分」, 「「新增项目数」每个加0.5分,每月最多加1分」. The rule it
    is on reads `fact` as one value; its results for the values are added, each first bounded by `cap` (每月最多加1分);
    the rule's own cap bounds the sum."""

    fact: str
    word: str  # as written: 单起, 每起, 每次 (after the condition), 每月; "" when the rule counts the fact itself
    cap: Decimal | None = None  # within each period: 每月最多加1分
    cap_text: str | None = None


@attrs.frozen
class Tiered:
    """Tiers in order; the first whose test holds fires."""

    tiers: tuple[Tier, ...]
    cap: Decimal | None
    label: str | None
    text: str
    cap_text: str | None = None
    span: Span = _span
    # 同一事件:不重复扣分 — the count fact whose occurrences are deducted by a clause of their own: while it is
    # above 0, the first tier's award is kept even though its test fails (the same events are not penalised twice)
    excused_by: str | None = None
    # 并列情形:各自计分 — a tier testing 「甲」或「乙」 applies once for each part that holds
    each_part: bool = False
    each_said: bool = False  # 各扣1分 / 分别扣1分 / 每项扣1分: each part as the source says, not the reading
    # 单边档次:取最具体的一档 — one-sided tiers written from the loosest to the tightest (「低于3%的扣0.25分,低于2%的
    # 扣0.5分」) are kept tightest first, so that the first that holds is the most specific; this many leading tiers
    # were reversed, and render puts them back in the order written (wording only)
    written_reversed: int = 0
    exempt: Exemption | None = None  # (若…的,不扣分): the clause scores nothing while it holds
    each: Each | None = None  # judged for each value of a fact given per event or per period
    # 「「专题研究次数」不少于4次得1分,每少1次扣0.5分」 (field trial 3, SW7): a one-tier award that heads a sentence whose
    # deductions follow it: the sentence's points, where those deductions start. The award counts whether or not its
    # test holds; the wording the explanation gives for it (「得1分是本句扣分的起点」)
    starts: str | None = None
    # 另写的扣分:从得分扣起 (check/failure_start.py, field trials 5 and 6, SW5-4 and SW6-4): the item's only award, of its
    # whole points, beside deductions that say the thing was not done (「目标任务完成率低于95%的,每低5个百分点,扣1分」,
    # 「「没有建立免疫档案次数」发现一次扣0.5分」) — those deductions (the same rules as in the item's rules). Where the
    # award's test fails but one of them takes points, the award still counts: its points are where the deductions start
    priced_by: tuple = ()
    # 另写的扣分:从得分扣起 where the award's test is 「甲」且「X」为0 and another sentence deducts per 「X」 (ZeroSide):
    # while 「甲」 holds the award counts, whatever 「X」 is — its points are where those deductions start
    zero_side: ZeroSide | None = None


@attrs.frozen
class PerCount:
    """每N次 → amount: occurrences = ⌊count / per⌋; discretionary facts give one amount per occurrence."""

    guard: Test | None
    counter: FactRef
    per: Decimal
    measure: str
    outcome: Outcome
    cap: Decimal | None
    label: str | None
    text: str
    cap_text: str | None = None
    span: Span = _span
    per_text: str = ""  # the 每… part as written (每少1条扣1分), without the condition or the clause's cap
    exempt: Exemption | None = None  # (若…的,不扣分): the clause scores nothing while it holds
    each: Each | None = None  # judged for each value of a fact given per event or per period


@attrs.frozen
class PerStep:
    """每低1个百分点 / 每下降1位: steps beyond a threshold."""

    guard: InRange
    operand: Operand
    threshold: Decimal
    below: bool  # True: the distance is threshold − value (不足/低于); False: value − threshold
    step: Decimal
    measure: str
    outcome: Outcome
    proportional: bool
    cap: Decimal | None
    label: str | None
    text: str
    cap_text: str | None = None
    span: Span = _span
    places: int = 2  # 按比例计: the effect is rounded half up to the rubric's places (language.md §8)
    exempt: Exemption | None = None  # (若…的,不扣分): the clause scores nothing while it holds
    # not 按比例计: how a part of a step counts — "floor" (不足一步的部分不计), "half_up" (四舍五入), "ceil" (不足一步按一步计)
    rounding: str = "floor"
    each: "Each | None" = None  # judged for each value of a fact given per period: 每月不少于2条,每少一条扣0.5分
    # 「甲」÷「乙」超过100%的,每超过一个百分点: the gap of a share (1.05 − 1 = 0.05) counted in percentage points
    # (× 100 = 5), as the published rate (甲/乙)×100% is (field trial 4, SW4-4); 1 for every other step
    scale: Decimal = Decimal(1)
    # 分段差距:分段累进 (field trial 6, SW6-1): a tier of a ladder of gaps on one fact (「低于96%的,每降低1个百分点扣0.25分;
    # 低于90%的,每降低1个百分点扣0.5分」) counts only its own stretch: past `until` (the next tier's threshold, where that
    # tier takes over) the value counts as at it, so 88% is 6 points of this tier and 2 of the next, not 8 and 2
    until: Decimal | None = None

    def in_operand_units(self) -> "PerStep":
        """The same steps with the step in the operand's own units (a percentage point of a share is 0.01): for the
        consumers that work on the operand's values (SQL, lint witnesses)."""
        if self.scale == 1:
            return self
        return attrs.evolve(self, step=self.step / self.scale, scale=Decimal(1))


@attrs.frozen
class Step:
    first: int
    open_ended: bool
    outcome: Outcome
    text: str


@attrs.frozen
class Progression:
    """What scores the occurrences after an escalation's last written step (language.md 6.5): "arith" (以此类推:
    each one more by the difference of the last two amounts) or "double" (加倍扣分: each twice the one before)."""

    kind: str
    text: str


@attrs.frozen
class Escalation:
    guard: Test | None
    counter: FactRef
    steps: tuple[Step, ...]
    cap: Decimal | None
    label: str | None
    text: str
    cap_text: str | None = None
    span: Span = _span
    then: Progression | None = None  # 以此类推 / 以后每多一次加倍扣分, after the last step
    exempt: Exemption | None = None  # (若…的,不扣分): the clause scores nothing while it holds


@attrs.frozen
class Respective:
    """依次/分别: the i-th rank or option earns the i-th amount."""

    guard: Test | None
    operand: FactRef
    mode: str  # "rank" or "option"
    keys: tuple  # ranks 1..N or option names
    outcomes: tuple[Outcome, ...]
    cap: Decimal | None
    label: str | None
    text: str
    cap_text: str | None = None
    span: Span = _span
    exempt: Exemption | None = None  # (若…的,不扣分): the clause scores nothing while it holds
    # 每项加1分,国家级、省级分别按300%、100%计: the words as published (check/weights.py), for render
    weighted: str | None = None
    # 按严重、比较严重5档划分,计分标准为1分、2分: the words as published — the split (5档划分) and the points word
    # (计分标准为) — for render (check/clauses.py)
    graded: tuple[str, str] | None = None

    @property
    def heaviest_first(self) -> bool:
        """A 清单 matter with several levels counts its highest standard once (资阳「同一事项不重复加分、减分,按最高加分、
        减分标准执行」): among deductions that is the largest deduction, otherwise the highest amount."""
        return all(o.signed <= 0 for o in self.outcomes) and any(o.signed < 0 for o in self.outcomes)


@attrs.frozen
class Running:
    """「每处扣1分;扣满4分的,追加扣除10分」「本项扣分达到10分的,不得分」: a clause on what the item's other clauses
    deduct (running.py). Scored after them; what they deduct (counted as the item counts it: after each clause's cap,
    the largest only under 就高不就低) is compared with `at`."""

    at: Decimal
    strict: bool  # 超过/大于: more than `at`; 扣满/达到/满: at least
    outcome: Outcome
    wording: str  # the condition as written: 扣满4分, 本项扣分达到10分
    label: str | None
    text: str
    span: Span = _span
    guard: None = None
    cap: None = None
    cap_text: None = None
    exempt: None = None  # no (若…的,不扣分): the rules' common fields


Rule = Union[Tiered, PerCount, PerStep, Escalation, Respective, Running]


def facts_of_test(test: Test | None) -> list[str]:
    """The facts a test reads, in the order written (a ratio reads both)."""
    if test is None:
        return []
    if isinstance(test, (AllOf, AnyOf)):
        return [name for part in test.parts for name in facts_of_test(part)]
    return list(operand_facts(test.operand))


def outcomes_of(rule: Rule) -> list[Outcome]:
    if isinstance(rule, Tiered):
        return [t.outcome for t in rule.tiers]
    if isinstance(rule, Escalation):
        return [s.outcome for s in rule.steps]
    if isinstance(rule, Respective):
        return list(rule.outcomes)
    return [rule.outcome]


@attrs.frozen
class Decision:
    """A reading the scores rely on: where (item path, None for the whole rubric), which, and who chose it."""

    path: str | None
    key: str  # a key of readings.READINGS
    value: str
    origin: str  # 默认 (the documented default) / 写明 (stated in the rubric) / 命令行
    reason: str | None
    wording: str  # the words that leave the choice open
    span: Span = _span


@attrs.frozen
class SharedCap:
    """句末上限:整点 — 「…;…;…,扣完1分为止」 after one numbered point: what these rules deduct together is at most cap."""

    rules: tuple[Rule, ...]
    cap: Decimal
    text: str
    span: Span = _span


# ------------------------------------------------------------------ nodes and the rubric
@attrs.frozen
class Node:
    id: int
    path: str  # numbering path as written: 三.2, 一.1.(2), 一.1.【事项基础】.○2
    label: str  # this node's own numbering: 2, (2), 【事项基础】, ○
    number: int | None
    title: str | None
    points: Decimal | None
    floor: Decimal | None  # None: no floor
    cap: Decimal | None  # None: no cap
    base: str  # "full" or "zero"
    base_reason: str  # why: 推断 / 写明 / 有下级
    rules: tuple[Rule, ...]
    children: tuple["Node", ...]
    applies_to: frozenset[str] | None
    meta: tuple[tuple[str, tuple[str, ...]], ...]
    notes: tuple[str, ...]
    limit_texts: tuple[str, ...]
    span: Span = _span
    bonus_uncapped: bool = False  # 加分上限:不受本项分值限制 — bonuses are added after the cap
    # 累计加减分:分别限制 — what is added and what is deducted (rules and sub-items) each bounded by this
    split_limit: Decimal | None = None
    shared_caps: tuple[SharedCap, ...] = ()  # 句末上限:整点 — caps over the rules of one numbered point
    # 否决与扣分:一律得0分 — a veto lifts a negative score to 0; by default (扣分照扣) it takes only what is above 0
    veto_clears: bool = False
    # 就高不就低 / 不累计扣分 (the words as written): of the item's clauses' deductions only the largest counts
    largest_only: str | None = None
    # 加分上限:计入总分 — the item's bonuses (kept apart as under bonus_uncapped) go to the total, past every parent
    bonus_to_total: bool = False
    # 加分带入上级:不受上级分值限制 (the default) — what the item adds after its own limits (its 加 under
    # bonus_uncapped, and the bonuses its sub-items pass up) passes its parent too: the parent adds it after its own
    # limits, and so on up to the total (evaluate.node_score; model.passed_in)
    bonus_passes: bool = False
    # the item writes its upper limit out (累计不超过N分, 封顶, 【…】(最高N分), 累计加减分最高为N分): bonuses passed up by
    # its sub-items are held to it, not added after it
    stated_cap: bool = False
    # 其他考评内容中已有的不重复扣分 (the words): rule index → the other items' clauses on the same facts
    no_repeat: str | None = None
    repeats: tuple[tuple[int, tuple["Repeat", ...]], ...] = ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def passed_in(node: Node) -> tuple[Node, ...]:
    """加分带入上级 — the sub-items whose bonuses beyond their own limits this item adds after its limits (none when
    the item writes its upper limit out: then they count within it)."""
    if node.stated_cap:
        return ()
    return tuple(c for c in node.children if c.bonus_passes)


@attrs.frozen
class Repeat:
    """A clause of another item that deducts on a fact a 不重复扣分 item's clause reads (check/repeats.py)."""

    node_id: int
    rule_index: int
    fact: str
    path: str
    categories: frozenset[str] | None  # the unit categories it applies to (its item and parents' 适用); None: all


@attrs.frozen
class Term:
    sign: int
    nodes: tuple[int, ...]  # node ids
    kind: str  # 得分 / 扣分
    text: str
    every: bool = False  # 各项得分之和: every first-level item, worded back as written


@attrs.frozen
class TotalExpr:
    """The total's formula beyond a sum of items (总分:「信用积分」= 基础分1000分 + 第一项得分 - 第二项扣分;
    (第一项得分+第二项得分)×(1+0.1×「权重」)+第三项得分; 第一项得分、第二项得分中较低分值)."""

    op: str  # "term", "number", "fact", "+", "-", "*", "lower", "higher"
    parts: tuple["TotalExpr", ...] = ()
    term: Term | None = None
    value: Decimal | None = None  # number
    fact: str | None = None
    text: str = ""  # the part as written (基础分1000分, 「权重」, 第一项得分), or the word of lower/higher (中较低分值)
    span: Span = attrs.field(default=NO_SPAN, eq=False)  # the 总分 line, on the whole formula

    def walk(self):
        yield self
        for part in self.parts:
            yield from part.walk()


@attrs.frozen
class Rubric:
    title: str
    year: int | None
    categories: tuple[str, ...]
    full: Decimal | None
    facts: dict  # name -> Fact, in declaration order
    roots: tuple[Node, ...]
    total_name: str
    formula: tuple[Term, ...] | None  # None: the sum of the first level
    formula_text: str | None
    final: Tiered | None
    not_applicable: str  # 按满分计 / 不计分 / 按比例折算
    not_applicable_explicit: bool
    path: str
    source_sha256: str
    meta: tuple[tuple[str, tuple[str, ...]], ...] = ()
    decisions: tuple["Decision", ...] = ()
    # 等次: tried after the total is final, in the order written; the first tier that holds gives the unit's
    # grade (outcomes of kind grade), none holding gives none. They never change the total.
    grades: Tiered | None = None
    # 一票否优 and 等次降一档 (outcomes grade_cap, grade_down): after the grade, each that holds, in the order written,
    # caps or lowers it along grade_order(); they never change the total (language.md §2)
    grade_limits: tuple[Tier, ...] = ()
    total_expr: TotalExpr | None = None  # set (and formula None) when the 总分 formula is more than a sum of items

    def grade_names(self) -> tuple[str, ...]:
        """The grades the rubric can give, each once, in the order first written."""
        if self.grades is None:
            return ()
        return tuple(dict.fromkeys(t.outcome.grade for t in self.grades.tiers))

    @property
    def grade_rules(self) -> Tiered | None:
        """The grade ladder and the rules that limit the grade (不得评为「优秀」, 等次降一档), as one set of tiers: for
        what they read (facts, ratios), not for scoring (the ladder is first-that-holds; the limits all apply)."""
        if self.grades is None:
            return None
        return attrs.evolve(self.grades, tiers=self.grades.tiers + self.grade_limits)

    def grade_order(self) -> tuple[str, ...]:
        """The grades of the ladder on the total, highest first: a grade is as high as the lowest total that reaches
        it (the low end of its highest tier); a grade given only on the unit's facts has no place in it."""
        if self.grades is None:
            return ()
        lows: dict[str, tuple] = {}
        for tier in self.grades.tiers:
            test = tier.test
            if isinstance(test, AllOf):  # 「单位类别」为「乡镇」且「考核得分」90分以上: the total's part
                test = next((p for p in test.parts if isinstance(p, InRange) and isinstance(p.operand, FactRef)
                             and p.operand.name == self.total_name), None)
            if not (isinstance(test, InRange) and isinstance(test.operand, FactRef) and test.operand.name == self.total_name):
                continue
            low = test.interval
            key = (low.low is not None, low.low if low.low is not None else Decimal(0), not low.low_closed)
            lows[tier.outcome.grade] = max(lows.get(tier.outcome.grade, key), key)
        return tuple(sorted(lows, key=lambda g: lows[g], reverse=True))

    def nodes(self):
        for root in self.roots:
            yield from root.walk()


def by_category(node: Node, categories: tuple[str, ...]) -> bool:
    """Whether the item's sub-items are its versions for different unit categories: 适用 on some of them,
    and for every category some apply to, those that apply add up to the item's points
    (「一、(5分)」 over 「○(5分) 适用:「部门」」 and 「○(5分) 适用:「街道」」)."""
    if node.points is None or not node.children or all(c.applies_to is None for c in node.children):
        return False
    if any(c.points is None for c in node.children):
        return False
    for category in categories:
        applying = [c.points for c in node.children if c.applies_to is None or category in c.applies_to]
        if applying and sum(applying, Decimal(0)) != node.points:
            return False
    return True


def stands_aside(parent: Node, child: Node, category: str | None, categories: tuple[str, ...]) -> bool:
    """Whether a sub-item that does not apply to the unit is another category's version of its parent
    (by_category): it is no part of this unit's item and counts for nothing, neither full nor missing.
    A sub-item of an item none of whose sub-items apply to the unit is scored by 不适用项 as usual."""
    if category is None or child.applies_to is None or category in child.applies_to:
        return False
    if not any(c.applies_to is None or category in c.applies_to for c in parent.children):
        return False
    return by_category(parent, categories)


def category_tests(rubric: "Rubric") -> list[frozenset[str]]:
    """The categories each 「单位类别」为「…」 names, in the order written: units of categories these (and 适用)
    treat alike score alike, so lint tries one of each group."""
    tests = [t for node in rubric.nodes() for rule in node.rules for t in _rule_tests(rule)]
    tests += [tier.test for rules in (rubric.final, rubric.grade_rules) if rules is not None for tier in rules.tiers]
    found = [options for test in tests for options in _category_options(test)]
    # 分别 by category: each category its own group (one gives 5分, another 3分)
    found += [frozenset({key}) for node in rubric.nodes() for rule in node.rules
              for key in (_respective_categories(rule) or ())]
    return list(dict.fromkeys(found))


def reads_category(rule: "Rule") -> bool:
    return any(_category_options(test) for test in _rule_tests(rule)) or _respective_categories(rule) is not None


def _respective_categories(rule: "Rule") -> frozenset[str] | None:
    if isinstance(rule, Respective) and isinstance(rule.operand, FactRef) and rule.operand.kind == "category":
        return frozenset(rule.keys)
    return None


def _rule_tests(rule: "Rule") -> list:
    exempt = [rule.exempt.test] if rule.exempt is not None else []  # (若…的,不扣分)
    return ([t.test for t in rule.tiers] if isinstance(rule, Tiered) else [getattr(rule, "guard", None)]) + exempt


def _category_options(test) -> list[frozenset[str]]:
    if isinstance(test, (AllOf, AnyOf)):
        return [options for part in test.parts for options in _category_options(part)]
    if isinstance(test, OneOf) and isinstance(test.operand, FactRef) and test.operand.kind == "category":
        return [frozenset(test.options)]
    return []


# 排名:「按单位类别」 before the first item (check/ranking.py): the reports rank each category apart by default
RANKING_KEY, RANK_WITHIN_CATEGORY, RANK_AMONG_ALL = "排名", "按单位类别", "全部单位"


def ranks_within_categories(rubric: Rubric) -> bool:
    """Whether the rubric says its units are ranked within each category (排名:「按单位类别」)."""
    return bool(rubric.categories) and (RANKING_KEY, (RANK_WITHIN_CATEGORY,)) in rubric.meta
