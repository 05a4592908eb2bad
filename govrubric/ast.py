"""The syntax tree: frozen nodes for what the author wrote, each with its source span.

Two layers live here. *Pieces* are what the parser yields, in file order (an item
heading, a clause, a tier that continues a clause, a limit, a separator). The
*tree* (Rubric → Item → Clause) is what structure.py builds from them. Spans are
kept beside equality (``eq=False``) so that two texts that mean the same compare equal.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Union

import attrs

from .source import NO_SPAN, Span

_span = attrs.field(default=NO_SPAN, eq=False, repr=False)


@attrs.frozen
class Name:
    text: str
    span: Span = _span


# ------------------------------------------------------------------ values and conditions
@attrs.frozen
class Value:
    number: Decimal | None  # None: the value is another fact (expr)
    unit: str | None  # "%", "分", a measure word (次, 个, 名, 天, 个月, 平方米, 万元 …), 万/亿, or None
    text: str = attrs.field(default="", eq=False)
    span: Span = _span
    # a number written as a part of another: 1/200 and 1:100 (over 200, 100), 万分之一 (over 10000),
    # 1座/2500人 (over 2500, over_unit 人); form says which wording, for printing it back
    over: Decimal | None = None
    over_unit: str | None = None
    form: str = ""  # "", "fraction" (1/200), "fraction_wan" (20/10万), "colon" (1:100), "part_of" (万分之一, 十万分之二十),
    # "permille" (10‰), "rate" (1座/2500人), "expr"
    # 达到2个百分点: a percentage (unit %) written in 个百分点 / 百分点, kept for fmt
    written_unit: str | None = attrs.field(default=None, eq=False)
    expr: Expr | None = None  # form "expr": another fact, arithmetic or a share (低于「目标值」, 达到「总量」的30%)


@attrs.frozen
class Comparison:
    """A test on one number, as written: 达到93%, 90%—92%, 95%(不含)以下, 前三名, 第3名之后."""

    form: str  # "pre", "post", "range", "eq", "top", "rank"
    low: Value | None  # for range: the low end; otherwise the value
    high: Value | None = None  # range only
    pre: str | None = None  # 达到, 低于, ≥ …
    post: str | None = None  # 以上, 以下, 之后 …
    low_incl: str | None = None  # "含" / "不含" written after the (low) value
    high_incl: str | None = None
    # the two-ended forms: "pre_range" (达到60%—85%: pre before the low end), "between" (75分以上90分以下: post after
    # the low end, high_post after the high end), "between_pre" (90%以上、不到100%: high_pre before the high end)
    high_pre: str | None = None
    high_post: str | None = None
    # "pre_pair" (大于5万亩,小于10万亩: a word before each end, joined by a comma); joint: 「，」 or 「的，」 as written
    # between the ends of pre_pair and of between_pre written with a comma (90%以上,不到100%); None: 「、」
    joint: str | None = None
    text: str = attrs.field(default="", eq=False)
    span: Span = _span
    # 「「完成数」比「任务数」低5%以内」 and its next tiers 「,低5%-10%的」: 低 written before the comparison, which then
    # tests how far the subject falls short of the other value (check/relative.py)
    lead: str | None = None
    # 「,低于「标准」20%以内的」: the other value written again in a next tier of 「「甲」低于「标准」10%以内」 (lead 低于)
    against: "Expr | None" = None
    # 「有一项未完成的」: the published words after the count, saying what is counted (for reading only; language.md 6.3)
    said: str | None = None
    # form "list": 达到30%、20%、10% (,分别扣0、5、10分): every threshold as written, low the first; pre the word before them
    values: tuple[Value, ...] = ()


@attrs.frozen
class Number:
    """A number inside arithmetic: 「转载数量」/12; in the total's formula also a percentage (第一项得分×30%: value 0.3,
    percent True so that fmt writes it back as 30%)."""

    value: Decimal
    span: Span = _span
    percent: bool = False


@attrs.frozen
class Arith:
    """Arithmetic between facts and numbers, as written: 「甲」+「乙」, 「甲」÷「乙」×10 (× and ÷ bind first)."""

    op: str  # "+", "-", "*", "/"; "min": 「数量」(超过5个以5个计算), right the number and word the brackets
    word: str  # as written: ＋, 加上, ÷, 除以 …
    left: "Expr"
    right: "Expr"
    span: Span = _span


@attrs.frozen
class Share:
    """A share of a value: 「主体总量」的30% (factor 0.3, unit %), 的1.2倍 (1.2, 倍)."""

    base: "Expr"
    factor: Decimal
    word: str  # the share as written: 的30%
    span: Span = _span


@attrs.frozen
class Relative:
    """「完成数」比「下达任务」(低5%以内): one value against another, the shortfall read by the comparison after it
    (Comparison.lead 低) as a share of the other value, in % (check/relative.py)."""

    left: "Expr"
    right: "Expr"
    word: str  # 比, as written; 比上年 (right is the fact 「上年…」 of the subject); 低于/高于 (低于「标准」10%以内)
    span: Span = _span


Expr = Union[Name, Number, Arith, Share, Relative]


@attrs.frozen
class Operand:
    names: tuple[Name, ...]  # one fact, or numerator and denominator of a ratio; every fact of an expression
    span: Span = _span
    expr: Expr | None = None  # arithmetic beyond one fact or one ratio (「甲」+「乙」, 「甲」÷12×1)
    note: str | None = None  # 「进行工作述职」(或书面述职): the bracketed note after the name, as written, never scored


@attrs.frozen
class CondTrue:
    operand: Operand
    span: Span = _span
    after: str | None = None  # the word written after the name: 「台账」符合要求


@attrs.frozen
class CondFalse:
    operand: Operand
    word: str  # 未, 没有, 不, 无; or, written after the name, 不符合要求, 未达标 …
    span: Span = _span
    after: bool = False  # the word follows the name: 「台账」不符合要求
    # 未「甲」、「乙」: 「乙」 takes the 未 written before 「甲」 (language.md 5, 「未」管到「、」后面的名称); printed without it
    carried: bool = False


@attrs.frozen
class CondCompare:
    operand: Operand
    comparison: Comparison
    span: Span = _span
    # 「建筑面积」不低于1200平方米(「专科医院」不低于500平方米): the categories in the brackets and their comparison;
    # units of the other categories take `comparison`
    categories: tuple[Name, ...] = ()
    category_comparison: Comparison | None = None
    # 「督查次数」每季度至少1次: a requirement of every period (季度, 月) of a fact given per period; the words
    # as written (每季度至少督查1次) are in `every_text`, the comparison is 至少1次 (language.md 6.7)
    every: str | None = None
    every_text: str = attrs.field(default="", eq=False)
    whole_year: str | None = None  # 全年至少4次: 全年 as written (the facts give the year's count)


@attrs.frozen
class CondIn:
    operand: Operand
    options: tuple[Name, ...]
    span: Span = _span
    word: str = attrs.field(default="为", eq=False)  # 为, or 属 as published (「绿化程度」属「好」、「中」、「差」)


@attrs.frozen
class CondAll:
    parts: tuple["Cond", ...]
    span: Span = _span
    # 「甲」达到「乙」,其中「丙」不超过5万亩 (two parts): both hold, and the tiers written after it without a subject
    # test 「丙」 within 「甲」达到「乙」
    among: bool = False
    # 「人均体育场地面积」在「全省平均水平」以上的单位「年增幅」达到3%以上得2分 (体育): 的单位 as written, not ,其中
    among_word: str | None = None


@attrs.frozen
class CondAny:
    parts: tuple["Cond", ...]
    span: Span = _span
    joiners: tuple[str, ...] = attrs.field(default=(), eq=False)  # 或 / 、 between the parts, as written (fmt)


@attrs.frozen
class CondRunning:
    """The item's own deductions so far (running.py): 扣满4分 (word 扣满, pre None), 本项扣分达到10分 (word 本项扣分,
    pre 达到)."""

    word: str
    pre: str | None
    amount: Decimal
    span: Span = _span


Cond = Union[CondTrue, CondFalse, CondCompare, CondIn, CondAll, CondAny, CondRunning]


# ------------------------------------------------------------------ outcomes and bodies
@attrs.frozen
class Outcome:
    """What a clause does when it fires.

    kind: award (得), bonus (加), deduct (扣), discretion_deduct (视情扣 / 扣1-3分),
    discretion_bonus (视情加), zero (不得分), veto (此项不得分), full (得满分),
    no_deduction (不扣分), set_score (按「…」计分), final_value (按100分确定 / 按「…」确定).
    """

    kind: str
    word: str
    amounts: tuple[Decimal, ...] = ()
    low: Decimal | None = None  # discretionary range
    high: Decimal | None = None
    name: Name | None = None  # set_score / final_value source
    adjust: Decimal | None = None  # 下浮 (negative) / 上浮 (positive)
    per_measure: str | None = None  # 扣0.5分/项
    expr: "Expr | None" = None  # formula (得分=「甲」÷「乙」×10), proportional over arithmetic (按「甲」÷「乙」比例计分)
    text: str = attrs.field(default="", eq=False)
    span: Span = _span
    # 要求+分值 (award without 得): "points" for 「……不少于4次(4分)」, "bare" for 「……的,2分」; None: as the word says
    style: str | None = None
    below: Decimal | None = None  # 此项不得分,同时倒扣4分: the 4
    # 不得分,并追加扣除20分: the 20, and the words as written (「并追加扣除」) for fmt (govrubric/spill.py)
    spill: Decimal | None = None
    spill_word: str | None = None
    term: "Term | None" = None  # final_value from an item: 按第一项得分确定, 为【…】分值


@attrs.frozen
class Per:
    """每[wording]N measure[wording] outcome: per occurrence, or per step past a threshold."""

    filler: str | None
    count: Decimal
    measure: str
    post_filler: str | None
    outcome: Outcome
    span: Span = _span
    lead: str = "每"  # or the verb that stands for it: 发现一次扣1分, 少1项扣1分
    # 全年至少4次,未开或少开的,按次扣1-3分: the words for the requirement not met (lead 按次, filler 少: each
    # occurrence short of it); amount_last for 按次1-3扣分, the amount before 扣分 as published
    shortfall: str | None = None
    amount_last: bool = False
    de: bool = False  # 发生了一起……的扣8分: 的 before the result (the reading 发生一起的), kept by fmt
    # 采稿每少一篇, 抽查发现有1次: the published words before 每 or the count verb, for reading only (grammar PER_WORDS)
    pre: str | None = None


@attrs.frozen
class Doubled:
    """「重复个人访人数」、「重复集体访批数」加倍扣分 (房山「……个人访每人扣5分;集体访每批扣10分;重复访加倍扣分」): each
    count at twice the amount of the per-count clause written before it, the last ones in order."""

    names: tuple[Name, ...]
    word: str
    span: Span = _span
    # 计分方法同上,「…」加倍扣分 (金华): the clauses doubled are the last of the item written just above, as written
    same_as: str | None = None
    # what stands before 加倍扣分 that is not a name (未「甲」, 「甲」达到2次, or 或 between names): the check refuses it
    stray: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Ordinal:
    first: int | None  # 第一次 → 1, 再次 → 2; 以后每次 → None: the occurrence after the step written before it
    open_ended: bool  # 再次 / 第3次起 / 以后每次 cover every later occurrence too
    text: str = attrs.field(default="", eq=False)
    span: Span = _span


@attrs.frozen
class Escalate:
    ordinal: Ordinal
    outcome: Outcome
    span: Span = _span


@attrs.frozen
class EscalateEach:
    """第一起、第二起、第三起,分别扣5分、6分、7分: several occurrences, the i-th amount to the i-th."""

    ordinals: tuple[Ordinal, ...]
    word: str  # 分别 / 依次
    outcome: Outcome
    span: Span = _span


@attrs.frozen
class Progression:
    """After an escalation's steps: 以此类推 ("arith": the step between the last two amounts, again and again)
    or 以后每多一次加倍扣分 ("double": each further occurrence twice the one before)."""

    kind: str
    text: str = attrs.field(default="", eq=False)
    span: Span = _span


@attrs.frozen
class Respectively:
    word: str  # 分别 / 依次
    outcome: Outcome
    span: Span = _span
    # 「评价」按「严重」、「比较严重」5档划分,计分标准为1分、2分 (澧阳): the words as written — the split (「5档划分」)
    # and the points word (「计分标准为」); the meaning is 为「严重」、「比较严重」的,分别得1分、2分
    graded: tuple[str, str] | None = None


@attrs.frozen
class Weighted:
    """每项加1分,「国家级」、「省级」、「市级」分别按300%、100%、50%计 (weights.py): the per-item result, weighted by the
    option each item has."""

    per: Per
    options: tuple[Name, ...]
    weights: tuple[Decimal, ...]  # percentages: 300 for 300%
    span: Span = _span



@attrs.frozen
class ForCategory:
    """「…达到40%的,「一类地区」得5分,「二类地区」得3分」: the result for units of one category, within the condition of the
    tier that opened the list (a later 「二类地区」 tier has no condition of its own: it shares that one)."""

    category: Name
    outcome: Outcome
    span: Span = _span


Body = Union[Outcome, Per, Escalate, EscalateEach, Progression, Respectively, Weighted, ForCategory]


# ------------------------------------------------------------------ pieces (parser output)
@attrs.frozen
class Separator:
    char: str
    span: Span = _span


@attrs.frozen
class ClausePiece:
    label: str | None
    cond: Cond | None
    body: Body
    span: Span = _span
    each: str | None = None  # 单起, 每起, 每月 written before the condition (language.md 6.7)
    among: bool = False  # ,其中「…」的加扣2分: written after 其中 (language.md 6.3)
    bracketed: bool = False  # (4',少一项扣1分): written inside the points bracket of the clause before it (language.md 6.1)
    also: str | None = None  # ……(4'),并上报……(2'): 并 written before it (language.md 6.1), kept for printing
    lead: str | None = None  # 如「…」的,此项不记分: 如/如果/若 before the condition, as written (nothing else)


@attrs.frozen
class TierPiece:
    """A tier continuing the clause before it: 「,90%—92%得0.5分」, 「;否则…」, 「;再次…」."""

    form: str  # "more" (bare comparison), "more_in" (为「…」 on the same subject), "else_if", "else", "ordinal",
    # "progression" (以此类推, 加倍扣分: body is a Progression)
    comparison: Comparison | None
    cond: Cond | None
    ordinal: Ordinal | None
    body: Body
    separator: str
    span: Span = _span
    # 「,未纳入的扣1分」: the words that say the tier before it not met, as written (form "else"; check/negated_tiers.py)
    negated: str | None = None


# 「累计扣分不超过4分」「最高扣4分」 bound what is deducted, as 扣完4分为止 does (kind "exhaust"): under a
# 10-point item the item keeps at least 6, it is not capped at 4.
DEDUCTION_CAP_WORDS = frozenset({"累计扣分不超过", "扣分不超过", "扣分累计不超过", "最高扣", "最多扣", "最高可扣", "最多可扣", "扣满",
                                 "最高减", "最多减", "最高可减", "最多可减", "限扣", "本项限扣",
                                 "该项限扣", "此项限扣"})  # 最高减5分 (县综治): 减 is 扣
# 「加分不超过4分」 bounds what is added: a cap on the item's score only where the item has no points.
BONUS_CAP_WORDS = frozenset({"加分不超过", "加分最多不超过", "累计加分不超过", "加分累计不超过", "最高加", "最多加", "加满"})


@attrs.frozen
class ExemptionPiece:
    """(若有新诉求的,不扣分), (「因不可抗力」的除外): a condition under which the clause before it scores nothing."""

    lead: str | None  # 若 / 如 / 如果 / 但 / 因
    cond: "Cond"
    word: str  # 不扣分 / 除外 / 不计分 / 不予扣分
    span: Span = _span


@attrs.frozen
class LimitPiece:
    """封顶/扣完…为止/累计不超过/累计加减分最高为/可扣至负分."""

    kind: str  # "cap", "exhaust", "both", "no_floor", "largest" (就高不就低)
    scope: str | None  # 此项 / 该项 / 本项
    word: str
    amount: Decimal | None
    span: Span = _span
    period: str | None = None  # 每月最多加1分: within each month (季度, 月), on a clause judged per period
    # (扣12分,其中每少报1个月报表扣1分): the most the clause deducts, written first in brackets (language.md 7)
    bracket_first: bool = False


@attrs.frozen
class ItemHead:
    style: str  # numbering style: cn (一、), cn_paren ((一)), arabic (1.), arabic_paren ((1)), circled, heading (【】), anon (○)
    label: str  # the numbering as written, "" for 【】/○
    number: int | None
    title: str | None
    points: Decimal | None
    header_cap: tuple[str, Decimal] | None  # (累计不超过, 5) written where points go
    span: Span = _span
    title_span: Span = _span


@attrs.frozen
class Meta:
    key: str
    values: tuple[str, ...]
    span: Span = _span
    value_spans: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen
class BasisPiece:
    """(以环保局审批项目为准) right after a clause: the data source of its figures, 以…为准 as written."""

    text: str
    span: Span = _span


@attrs.frozen
class NotePiece:
    values: tuple[str, ...]
    span: Span = _span


@attrs.frozen
class FactType:
    kind: str  # bool, count, percent, ratio, rank, days, months, score, discretionary, choice, list
    measure: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    options: tuple[str, ...] = ()
    word: str = attrs.field(default="", eq=False)


@attrs.frozen
class CohortDef:
    """A value computed over the units scored together: 按「收件率」从高到低排名, 本项得分的最低值."""

    kind: str  # rank, min, max, avg
    source: str  # fact, here (本项得分), section (第N项得分), total (总分)
    name: Name | None = None
    section: "SectionRef | None" = None
    descending: bool = True
    scope_cond: "Cond | None" = None
    scope_categories: tuple[Name, ...] = ()
    text: str = attrs.field(default="", eq=False)
    span: Span = _span


@attrs.frozen
class FactDecl:
    name: Name
    type: FactType
    optional: bool
    span: Span = _span
    cohort: CohortDef | None = None
    # 逐起 / 按季度 / 按月 as written (without the comma): one value per event, or per period (language.md 3)
    per: str | None = None


@attrs.frozen
class Setting:
    """A reading (口径) the rubric states: 计分方式, 不适用项, 边界, 每低, 扣分下限, 加分上限, 不得分范围."""

    key: str
    values: tuple[str, ...]
    span: Span = _span
    reason: str | None = attrs.field(default=None, eq=False)
    # 以上各项评分,扣完为止,不计负分: a reading written as a sentence of the published text, kept as written
    written: str | None = attrs.field(default=None, eq=False)


@attrs.frozen
class SectionRef:
    number: int
    span: Span = _span


@attrs.frozen
class Term:
    """第一项至第八项得分, 第十项扣分; or every first-level item (各项得分之和, 各项得分相加, 各项得分合计: first None,
    `every` the words as written)."""

    sign: int
    first: SectionRef | None
    last: SectionRef | None
    kind: str  # 得分 / 扣分
    span: Span = _span
    every: str | None = None
    title: str | None = None  # 【空气质量改善目标完成情况】分值: the first-level item by its title (first None)


@attrs.frozen
class BaseScore:
    """A number of points in the total's formula: 基础分1000分 (label 基础分), 1000分."""

    value: Decimal
    label: str | None = None
    span: Span = _span


@attrs.frozen
class TotalOp:
    """The total's formula beyond a sum of items: + − × between parts ((…)×(1+0.1×「权重」)), or the lower or higher
    of several (第一项得分、第二项得分中较低分值: op "lower" / "higher", word as written)."""

    op: str  # "+", "-", "*", "lower", "higher"
    parts: tuple["TotalPart", ...]
    word: str = attrs.field(default="", eq=False)  # as written: ＋, 乘以, 中的较低分值 …
    span: Span = _span


TotalPart = Union[Term, BaseScore, Number, Name, TotalOp]


@attrs.frozen
class HeaderPiece:
    key: str  # 细则, 年度, 单位类别, 满分, 总分
    text: str | None = None
    number: Decimal | None = None
    names: tuple[Name, ...] = ()
    terms: tuple[Term, ...] = ()
    span: Span = _span
    expr: TotalOp | None = None  # 总分 beyond a sum of items (terms is then empty)


Piece = Union[Separator, ClausePiece, TierPiece, LimitPiece, ExemptionPiece, ItemHead, Meta, NotePiece,
              FactDecl, Setting, HeaderPiece]


# ------------------------------------------------------------------ the tree (structure.py)
@attrs.frozen
class Tier:
    """One tier of a clause: its condition (None for 否则/其余) and what it does."""

    cond: Cond | None
    body: Body
    span: Span = _span
    negated: str | None = None  # 未纳入, 不按时完成: a 否则 written as the requirement not met (TierPiece.negated)
    separator: str | None = attrs.field(default=None, eq=False)  # the , ; 。 written before a continuing tier


@attrs.frozen
class Clause:
    label: str | None
    tiers: tuple[Tier, ...]  # the first is the clause as opened; the others continue it
    limits: tuple[LimitPiece, ...]  # limits written right after it, with a comma
    span: Span = _span
    exemptions: tuple[ExemptionPiece, ...] = ()  # written right after it, in brackets
    joined: bool = attrs.field(default=False, eq=False)  # after a ; (another sentence of the same point)
    each: str | None = None  # 单起, 每起, 每月 written before the condition (language.md 6.7)
    after_comma: bool = attrs.field(default=False, eq=False)  # after a , (……得10分,按实际情况评分)
    basis: tuple[str, ...] = ()  # (以环保局审批项目为准) written right after it: where its figures come from
    among: bool = False  # ,其中「催办后仍未完成件数」的加扣2分: after 其中, each one of those counted before (language.md 6.3)
    bracketed: bool = False  # (4',少一项扣1分): inside the points bracket of the clause before it (language.md 6.1)
    also: str | None = None  # ……(4'),并上报……(2'): 并 written before it (language.md 6.1)
    lead: str | None = None  # 如「举报……属实」的,此项不记分: 如/如果/若 as written; the clause means the same without it


@attrs.frozen
class Item:
    head: ItemHead
    meta: tuple[Meta, ...]
    notes: tuple[NotePiece, ...]
    settings: tuple[Setting, ...]
    facts: tuple[FactDecl, ...]
    clauses: tuple[Clause, ...]
    limits: tuple[LimitPiece, ...]  # limits that stand as their own sentence
    children: tuple["Item", ...]
    span: Span = _span


@attrs.frozen
class Rubric:
    header: tuple[HeaderPiece, ...]
    meta: tuple[Meta, ...]
    settings: tuple[Setting, ...]
    facts: tuple[FactDecl, ...]
    final_clauses: tuple[Clause, ...]  # clauses before the first item: rules on the total
    items: tuple[Item, ...]
    span: Span = _span
