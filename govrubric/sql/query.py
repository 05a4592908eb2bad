"""Checked model → one SQL query over the facts table that returns every item's score, the total and the grade.

The query mirrors evaluate.py operation by operation, exactly: every number is a DECIMAL whose precision and
scale the compiler works out from the facts' column types (columns.py), so that no result is ever rounded;
the only roundings are those the rubric states (an average and 按比例折算 to two places, half up), done in
integer arithmetic. Division is never left to the engine: a ratio is compared by cross-multiplying, ⌊x ÷ c⌋
becomes an integer division. Whatever cannot be computed exactly this way is refused (Unsupported → GR601),
with the construct and its line; so is any rule, outcome or condition this compiler does not know, so that a
construct added to the language is refused here until it is taught, never mis-scored.

Values computed over the cohort are window functions (RANK for 排名, MIN/MAX, SUM ÷ COUNT for 平均). A value
over scores is computed from its source item scored with that value still empty, as cohort.py does; a unit
in its scope whose score would read the value itself stops the query (GR422, as cohort.py reports it).

The query is a chain of CTEs ("layers"): each computed value is a column of the first layer where every
column it reads exists, so nothing is computed twice and the text stays linear in the rubric.
"""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import attrs

from .. import model as m
from ..evaluate import on_total, settled_step, step_for
from .columns import CATEGORY_COLUMN, MAX_MATTERS, MAX_UNITS, UNIT_COLUMN, Column, Unsupported, column_of, digits
from .dialect import DIALECTS

MAX_PRECISION = 38
ZERO = Decimal(0)


# ---------------------------------------------------------------- typed expressions
@attrs.frozen
class Num:
    """A DECIMAL expression: |value| ≤ bound, with `scale` decimals; level: the layer whose columns it reads."""

    sql: str
    bound: Decimal
    scale: int
    level: int
    nullable: bool = False


@attrs.frozen
class Cond:
    """A BOOLEAN expression that is never NULL (a missing value makes a condition false, as in evaluate.py)."""

    sql: str
    level: int = 0


@attrs.frozen
class Val:
    """A text, boolean or list expression (a category, an option, a 清单)."""

    sql: str
    level: int
    nullable: bool = True


TRUE, FALSE = Cond("TRUE"), Cond("FALSE")


def _type(bound: Decimal, scale: int) -> str:
    precision = digits(bound) + scale
    if precision > MAX_PRECISION:
        raise Unsupported(f"数值可能超出 DECIMAL({MAX_PRECISION}) 能精确表示的范围(约{digits(bound)}位整数、{scale}位小数)")
    return f"DECIMAL({precision},{scale})"


def typed(sql: str, bound: Decimal, scale: int, level: int, nullable: bool = False) -> Num:
    return Num(f"CAST({sql} AS {_type(bound, scale)})", bound, scale, level, nullable)


def const(value: Decimal) -> Num:
    value = Decimal(value)
    exponent = value.normalize().as_tuple().exponent
    scale = max(0, -exponent) if isinstance(exponent, int) else 0
    text = format(value.quantize(Decimal(1).scaleb(-scale)), "f")
    return Num(f"CAST({text} AS {_type(abs(value), scale)})", abs(value), scale, 0)


def add(*terms: Num) -> Num:
    terms = tuple(t for t in terms if t.sql != ZERO_SQL)
    if not terms:
        return const(ZERO)
    if len(terms) == 1:
        return terms[0]
    return typed("(" + " + ".join(t.sql for t in terms) + ")", sum((t.bound for t in terms), ZERO),
                 max(t.scale for t in terms), max(t.level for t in terms), any(t.nullable for t in terms))


def sub(a: Num, b: Num) -> Num:
    return typed(f"({a.sql} - {b.sql})", a.bound + b.bound, max(a.scale, b.scale), max(a.level, b.level),
                 a.nullable or b.nullable)


def neg(a: Num) -> Num:
    return typed(f"(-{a.sql})", a.bound, a.scale, a.level, a.nullable)


# DuckDB multiplies two DECIMALs of at most 18 digits in 64 bits even when the product needs more (its result type
# stops at DECIMAL(18)): there, one operand is widened first. Spark types the product as p1 + p2 + 1 digits.
_WIDEN_PRODUCTS = [True]


def mul(a: Num, b: Num) -> Num:
    if b.sql == ONE_SQL:
        return a
    if a.sql == ONE_SQL:
        return b
    left = a.sql
    precision_a, precision_b = digits(a.bound) + a.scale, digits(b.bound) + b.scale
    if _WIDEN_PRODUCTS[0] and precision_a + precision_b > 18 and max(precision_a, precision_b) <= 18:
        left = f"CAST({a.sql} AS DECIMAL({max(19, precision_a)},{a.scale}))"
    return typed(f"({left} * {b.sql})", a.bound * b.bound, a.scale + b.scale, max(a.level, b.level),
                 a.nullable or b.nullable)


def case(branches: list[tuple[Cond, Num]], default: Num) -> Num:
    branches = [(c, v) for c, v in branches if c.sql != "FALSE"]
    if not branches:
        return default
    if branches[0][0].sql == "TRUE":
        return branches[0][1]
    values = [v for _, v in branches] + [default]
    body = " ".join(f"WHEN {c.sql} THEN {v.sql}" for c, v in branches)
    return typed(f"CASE {body} ELSE {default.sql} END", max(v.bound for v in values), max(v.scale for v in values),
                 max([v.level for v in values] + [c.level for c, _ in branches]), any(v.nullable for v in values))


def coalesce0(a: Num) -> Num:
    if not a.nullable:
        return a
    return typed(f"coalesce({a.sql}, 0)", a.bound, a.scale, a.level)


def compare(a: Num, op: str, b: Num) -> Cond:
    text = f"({a.sql} {op} {b.sql})"
    return Cond(f"coalesce({text}, FALSE)" if a.nullable or b.nullable else text, max(a.level, b.level))


def both(*conds: Cond) -> Cond:
    conds = tuple(c for c in conds if c.sql != "TRUE")
    if any(c.sql == "FALSE" for c in conds):
        return FALSE
    if not conds:
        return TRUE
    return conds[0] if len(conds) == 1 else Cond("(" + " AND ".join(c.sql for c in conds) + ")",
                                                 max(c.level for c in conds))


def either(*conds: Cond) -> Cond:
    conds = tuple(c for c in conds if c.sql != "FALSE")
    if any(c.sql == "TRUE" for c in conds):
        return TRUE
    if not conds:
        return FALSE
    return conds[0] if len(conds) == 1 else Cond("(" + " OR ".join(c.sql for c in conds) + ")",
                                                 max(c.level for c in conds))


def negate(c: Cond) -> Cond:
    if c.sql in ("TRUE", "FALSE"):
        return FALSE if c.sql == "TRUE" else TRUE
    return Cond(f"(NOT {c.sql})", c.level)


ZERO_SQL = const(ZERO).sql
ONE_SQL = const(Decimal(1)).sql


# ---------------------------------------------------------------- the query
@attrs.frozen
class SqlQuery:
    """The compiled query and its contract: the columns it reads (from a relation named `table`) and returns."""

    sql: str
    dialect: str
    inputs: tuple[Column, ...]
    item_columns: tuple[str, ...]  # item paths, in rubric order
    cohort_columns: tuple[str, ...]  # values computed over the cohort, by fact name
    graded: bool
    table: str


class _Layers:
    """Computed columns, each in the first layer (CTE) where everything it reads exists."""

    def __init__(self) -> None:
        self.layers: list[list[tuple[str, str, str | None]]] = [[]]
        self.count = 0

    def _add(self, sql: str, level: int, note: str | None = None) -> tuple[str, int]:
        self.count += 1
        name = f"c{self.count}"
        while len(self.layers) <= level + 1:
            self.layers.append([])
        self.layers[level + 1].append((name, sql, note))
        return name, level + 1

    def num(self, value: Num, note: str | None = None) -> Num:
        """The value as a column (note: a comment saying where in the rubric it comes from)."""
        if value.sql.startswith("c") and value.sql[1:].isdigit() or value.level == 0 and " " not in value.sql:
            return value
        name, level = self._add(value.sql, value.level, note)
        return Num(name, value.bound, value.scale, level, value.nullable)

    def cond(self, value: Cond) -> Cond:
        if value.sql in ("TRUE", "FALSE") or value.sql.startswith("c") and value.sql[1:].isdigit():
            return value
        name, level = self._add(value.sql, value.level)
        return Cond(name, level)

    def val(self, value: Val) -> Val:
        name, level = self._add(value.sql, value.level)
        return Val(name, level, value.nullable)


@attrs.frozen
class _RuleOut:
    effect: Num  # after the rule's own cap
    bonus: Cond  # whether the effect is a bonus (加, 视情加), kept apart under 加分上限:不受本项分值限制
    veto: Cond
    bases: tuple  # ((Cond, Num | None), …) base overrides in order: 按「…」计分 (a value) and 得满分 (None: the points)


class _Waiting:
    """A value over scores not computed yet: it reads as empty, and reading it is recorded (cohort.py's taint)."""


WAITING = _Waiting()


# Every field of the model the compiler reads, or knows changes no score (wording, labels, spans). A field not
# listed here with a value other than its default refuses the query (GR601): one this compiler does not
# compute — 同一事件:不重复扣分 (Tiered.excused_by), 并列情形:各自计分 (Tiered.each_part), 累计加减分:分别限制
# (Node.split_limit) — or one added to the language after it was written, so that a rubric is never scored
# as if a clause or reading had not been written.
_COMPILED_FIELDS = {
    m.Node: {"id", "path", "label", "number", "title", "points", "floor", "cap", "base", "base_reason", "rules",
             "children", "applies_to", "meta", "notes", "limit_texts", "span", "bonus_uncapped", "veto_clears",
             "bonus_passes", "stated_cap"},  # 加分带入上级: self.passed
    m.Tiered: {"tiers", "cap", "label", "text", "cap_text", "span", "written_reversed"},  # the last: wording only
    m.Tier: {"test", "outcome", "text", "span", "negated"},  # negated: wording only (未纳入的 is 否则)
    m.PerCount: {"guard", "counter", "per", "measure", "outcome", "cap", "label", "text", "cap_text", "span",
                 "per_text"},
    # places: a 按比例计 quotient is computed only when it is exact (reciprocal, per_step), so never rounded to it
    m.PerStep: {"guard", "operand", "threshold", "below", "step", "measure", "outcome", "proportional", "rounding", "cap",
                "label", "text", "cap_text", "span", "places", "scale", "until"},  # scale: in_operand_units
    m.Escalation: {"guard", "counter", "steps", "cap", "label", "text", "cap_text", "span"},
    m.Step: {"first", "open_ended", "outcome", "text"},
    # weighted, graded: wording only (render); the weighted amounts are the outcomes
    m.Respective: {"guard", "operand", "mode", "keys", "outcomes", "cap", "label", "text", "cap_text", "span",
                   "weighted", "graded"},
    # style: wording only; below (同时倒扣N分), formula (得分=「甲」÷「乙」×10, 按…的比例扣分, with its places): refused
    # by apply() with the outcome's text
    # item: 按第一项得分确定 (a rule on the total, compiled in total()); veto_all: 实行一票否决, wording only
    m.Outcome: {"kind", "amount", "sign", "fact", "adjust", "of_points", "low", "high", "text", "grade", "style",
                "below", "formula", "places", "also", "item", "veto_all",
                "row"},  # row: 本点扣分 — a deduction's signed amount is N − amount (视情扣: refused in apply)
}
_FIELD_WORDING = {"largest_only": "就高不就低", "spill": "追加扣除", "then": "以此类推/加倍扣分", "exempt": "例外(若…的,不扣分)", "excused_by": "同一事件:不重复扣分", "each_part": "并列情形:各自计分", "starts": "得N分是本句扣分的起点", "priced_by": "另写的扣分:从得分扣起(得分不成立、没有做到的扣分扣到了时从得分扣起)", "split_limit": "累计加减分:分别限制",
                 # what a refusal names when one of these is set: the construct in the author's words, never a field name
                 "shared_caps": "几条扣分合计扣到这一点(这一句)的分值为止", "bonus_to_total": "加分上限:计入总分",
                 "no_repeat": "不重复扣分(别的指标已扣的)", "repeats": "不重复扣分(别的指标已扣的)",
                 "each_said": "各扣/分别扣(每一项各计一次)", "each": "逐起、按期给出的事实逐个判断"}


def _refuse_unknown_fields(item, span=None) -> None:
    """Unsupported for a field of `item` this compiler does not compute, set to anything but its default."""
    known = _COMPILED_FIELDS.get(type(item))
    if known is None:
        raise Unsupported(f"写法「{type(item).__name__}」", span)
    for field in attrs.fields(type(item)):
        if field.name in known:
            continue
        default = field.default.factory() if isinstance(field.default, attrs.Factory) else field.default
        if field.default is attrs.NOTHING or getattr(item, field.name) != default:
            wording = _FIELD_WORDING.get(field.name, f"{type(item).__name__}.{field.name}")
            if field.name == "exempt" and item.exempt.sentence:  # ……得2分,发现有1例未完成,不得分
                wording = "一句的不得分(……得N分,……不得分)"
            raise Unsupported(f"「{wording}」", getattr(item, "span", None) or span)


class _Compiler:
    def __init__(self, rubric: m.Rubric, dialect: str, line_of, table: str, order_by: str | None) -> None:
        self.rubric = rubric
        self.d = DIALECTS[dialect]
        self.dialect = dialect
        self.line_of = line_of or (lambda span: None)
        self.table = table
        self.order_by = order_by
        self.layers = _Layers()
        self.passed: dict[int, Num] = {}  # 加分带入上级: what an item passes up past its parent's limits, by node id
        self.inputs: list[Column] = []
        self.env: dict = {}
        self.reads: list[Cond] = []
        self.input_sql: list[str] = []
        self.unit = Val("u_unit", 0, False)
        self.category = Val("u_category", 0, True) if rubric.categories else Val("NULL", 0, True)
        self.input_sql.append(f"CAST({self.d.ident(UNIT_COLUMN)} AS {self.d.string_type}) AS u_unit")
        if rubric.categories:
            self.input_sql.append(f"CAST({self.d.ident(CATEGORY_COLUMN)} AS {self.d.string_type}) AS u_category")
        if order_by is not None:
            self.input_sql.append(f"{self.d.ident(order_by)} AS u_order")

    # ------------------------------------------------------------ inputs and values
    def given(self) -> None:
        for index, fact in enumerate(f for f in self.rubric.facts.values() if f.cohort is None):
            column = column_of(fact)
            self.inputs.append(column)
            name = f"f{index + 1}"
            self.input_sql.append(f"CAST({self.d.ident(fact.name)} AS {column.sql_type(self.d)}) AS {name}")
            if column.kind == "number":
                self.env[fact.name] = Num(name, column.bound, column.scale, 0, fact.optional)
            elif column.kind == "bool":
                self.env[fact.name] = Val(name, 0, fact.optional)
            else:
                self.env[fact.name] = Val(name, 0, fact.optional)

    def read(self, name: str, reach: Cond):
        value = self.env[name]
        if value is WAITING:
            self.reads.append(reach)
            return None
        return value

    def where(self, span, text: str) -> str:
        line = self.line_of(span)
        return text if line is None else f"第{line}行 {text}"

    def fact(self, name: str) -> m.Fact:
        return self.rubric.facts[name]

    # ------------------------------------------------------------ conditions
    def test(self, test, reach: Cond) -> Cond:
        """Whether a condition holds (evaluate._Evaluator.test): every part is read, as the evaluator reads them."""
        if isinstance(test, m.AllOf):
            return both(*[self.test(p, reach) for p in test.parts])
        if isinstance(test, m.AnyOf):
            return either(*[self.test(p, reach) for p in test.parts])
        if isinstance(test, m.Truthy):
            return self.truthy(test, reach)
        if isinstance(test, m.InRange):
            return self.in_range(test.operand, test.interval, reach)
        if isinstance(test, m.OneOf) and test.operand.kind == "category":  # 「单位类别」为「乡镇」
            options = ", ".join(self.d.string(o) for o in test.options)
            return Cond(f"coalesce(({self.category.sql} IN ({options})), FALSE)", self.category.level)
        if isinstance(test, m.OneOf):
            value = self.read(test.operand.name, reach)
            if value is None:
                return FALSE
            if self.fact(test.operand.name).kind == "list":
                return Cond(f"coalesce({self.d.list_any_option(value.sql, list(test.options))}, FALSE)", value.level)
            options = ", ".join(self.d.string(o) for o in test.options)
            return Cond(f"coalesce(({value.sql} IN ({options})), FALSE)", value.level)
        raise Unsupported(f"条件「{getattr(test, 'text', type(test).__name__)}」")

    def operand(self, operand, reach: Cond):
        """(numerator, denominator or None); None when a value is waiting."""
        if isinstance(operand, m.Ratio):
            num = self.read(operand.numerator.name, reach)
            den = self.read(operand.denominator.name, reach)
            if num is None or den is None:
                return None
            return num, den
        if isinstance(operand, m.FactRef):
            value = self.read(operand.name, reach)
            return None if value is None else (value, None)
        if isinstance(operand, m.Arith):  # 「甲」+「乙」, 「实际」低于「目标」, 「甲」÷「乙」×10 (check/arithmetic.py)
            return self.arith(operand, reach)
        if isinstance(operand, m.Const):
            return const(operand.value), None
        raise Unsupported(f"运算对象「{type(operand).__name__}」")

    def arith(self, operand: m.Arith, reach: Cond):
        """Arithmetic between facts as a fraction (numerator, denominator or None), so that nothing is divided and
        nothing rounded: a/p + b/q = (a·q + b·p)/(p·q), (a/p)·(b/q) = a·b/(p·q), (a/p) ÷ (b/q) = a·q/(p·b). The
        denominator stays above 0: a divisor must be a number above 0 or a fact the unit gives (never 0: GR408 when
        the facts are read, and no fact is negative); a sum, a difference or a value over the cohort (which may
        be 0: then the evaluator has no value) as a divisor is refused. None when a value is waiting."""
        left, right = self.operand(operand.left, reach), self.operand(operand.right, reach)
        if left is None or right is None:
            return None
        (a, p), (b, q) = left, right
        op = operand.op

        def times(x: Num, y: Num | None) -> Num:
            return x if y is None else mul(x, y)

        def product(x: Num | None, y: Num | None) -> Num | None:
            return x if y is None else y if x is None else mul(x, y)

        if op in ("+", "-"):
            join = add if op == "+" else sub
            return join(times(a, q), times(b, p)), product(p, q)
        if op == "*":
            return mul(a, b), product(p, q)
        divisor = operand.right
        given = (isinstance(divisor, m.FactRef) and divisor.name in self.rubric.facts
                 and self.rubric.facts[divisor.name].cohort is None)
        if not (given or (isinstance(divisor, m.Const) and divisor.value > 0)):
            raise Unsupported(f"事实之间的计算「{operand.text}」(除数不是单位填写的事实或正数)")
        return times(a, q), product(p, b)

    def truthy(self, test: m.Truthy, reach: Cond) -> Cond:
        found = self.operand(test.operand, reach)
        if found is None:
            return FALSE
        value, den = found
        kind = "ratio" if den is not None else self.fact(test.operand.name).kind
        if kind == "bool":
            truth = value.sql
        elif kind == "list":
            truth = f"({self.d.list_length(value.sql)} > 0)"
        elif kind == "choice":
            truth = f"(CASE WHEN {value.sql} IS NULL THEN NULL ELSE TRUE END)"
        elif isinstance(value, Num):
            truth = f"({value.sql} > 0)"  # a ratio's denominator is never 0, so 甲/乙 > 0 is 甲 > 0
        else:
            raise Unsupported(f"条件「{test.text}」")
        level = max(value.level, den.level if den is not None else 0)
        return Cond(f"coalesce({'NOT ' if test.negated else ''}{truth}, FALSE)", level)

    def in_range(self, operand, interval: m.Interval, reach: Cond) -> Cond:
        found = self.operand(operand, reach)
        if found is None:
            return FALSE
        value, den = found
        parts = []
        for end, closed, ops in ((interval.low, interval.low_closed, (">=", ">")),
                                 (interval.high, interval.high_closed, ("<=", "<"))):
            if end is None:
                continue
            op = ops[0] if closed else ops[1]
            # 甲/乙 against a bound b is 甲 against b × 乙: 乙 > 0, and no division is ever rounded; a bound that is
            # no finite decimal (1座/3000人, a Fraction p/q) is p against 甲 × q, exactly, as the evaluator compares
            scaled = value
            if isinstance(end, Fraction):
                scaled, end = mul(value, const(Decimal(end.denominator))), Decimal(end.numerator)
            parts.append(compare(scaled, op, const(end) if den is None else mul(const(end), den)))
        if not parts:
            return Cond("TRUE" if not (value.nullable or (den is not None and den.nullable)) else
                        f"({value.sql} IS NOT NULL)", value.level)
        return both(*parts)

    # ------------------------------------------------------------ outcomes
    def apply(self, out: m.Outcome, node: m.Node | None, reach: Cond):
        """(effect, veto, base override or None, is bonus) of an outcome (evaluate._Evaluator.apply)."""
        kind = out.kind
        if out.row is not None and kind != "deduct":  # 视情扣 from a point's own points (本点扣分): not compiled
            raise Unsupported(f"结果「{out.text}」(本点扣分:视情扣分从这一点的分值扣)")
        if out.formula is not None:  # 该项得分=「甲」÷「乙」×10, 按「甲」÷「乙」的占比扣分 (evaluate.formula_base)
            return self.formula(out, reach)
        if kind in ("award", "bonus", "deduct"):
            return const(out.signed), False, None, kind == "bonus"
        if kind in ("zero", "none"):
            return const(ZERO), False, None, False
        if kind == "veto" and out.below is not None:
            raise Unsupported(f"结果「{out.text}」(倒扣)")
        if kind == "veto":
            return const(ZERO), True, None, False
        if kind == "full":
            return const(ZERO), False, ("full", None), False
        if kind == "set":
            value = self.read(out.fact, reach)
            if value is None:
                return const(ZERO), False, None, False
            if out.of_points is not None:
                base = mul(mul(const(out.of_points), value), const(Decimal("0.01")))
            else:
                base = add(value, const(out.adjust)) if out.adjust else value
            return const(ZERO), False, ("set", base), False
        if kind == "discretion":
            value = self.read(out.fact, reach)
            amount = const(ZERO) if value is None else coalesce0(value)
            return (amount if out.sign > 0 else neg(amount)), False, None, out.sign > 0
        raise Unsupported(f"结果「{out.text or kind}」")

    def formula(self, out: m.Outcome, reach: Cond):
        """The base a formula sets (of_points × its value, or the value), or the share of 扣N分 it deducts, rounded
        half up to the rubric's places as evaluate.formula_base (exactly: the value is a fraction, half_up divides)."""
        found = self.operand(out.formula, reach)
        if found is None:
            return const(ZERO), False, None, False
        num, den = found
        points = out.amount if out.kind == "deduct" else out.of_points
        if points is not None:
            num = mul(const(points), num)
        if den is None:  # a finite decimal: kept when it has no more places than the rubric's, else rounded
            den = const(Decimal(1))
        value = self.half_up(num, den, out.places)
        if out.kind == "deduct":  # 按「未完成数」÷「任务数」的占比扣分: a deduction, 0 when a fact is missing
            return neg(coalesce0(value)), False, None, False
        return const(ZERO), False, ("set", value), False

    # ------------------------------------------------------------ rules
    def rule(self, rule, node: m.Node, reach: Cond) -> _RuleOut:
        try:
            _refuse_unknown_fields(rule)
            for part in (*getattr(rule, "tiers", ()), *getattr(rule, "steps", ())):
                _refuse_unknown_fields(part, rule.span)
                _refuse_unknown_fields(part.outcome, rule.span)
            for out in (getattr(rule, "outcome", None), *getattr(rule, "outcomes", ())):
                if isinstance(out, m.Outcome):
                    _refuse_unknown_fields(out, rule.span)
            if isinstance(rule, m.Tiered):
                out = self.tiered(rule, node, reach)
            elif isinstance(rule, m.PerCount):
                out = self.per_count(rule, reach)
            elif isinstance(rule, m.PerStep):
                out = self.per_step(rule, reach)
            elif isinstance(rule, m.Escalation):
                out = self.escalation(rule, node, reach)
            elif isinstance(rule, m.Respective):
                out = self.respective(rule, reach)
            else:
                raise Unsupported(f"条款「{getattr(rule, 'text', type(rule).__name__)}」的写法")
        except Unsupported as err:
            raise Unsupported(err.what, err.span or getattr(rule, "span", None)) from None
        where = self.where(rule.span, f"{node.path}:{' '.join(rule.text.split())}")
        effect = self.layers.num(out.effect, where if rule.cap is None else None)
        if rule.cap is not None:
            cap = const(rule.cap)
            effect = case([(compare(effect, ">", cap), cap), (compare(effect, "<", neg(cap)), neg(cap))], effect)
            effect = self.layers.num(Num(effect.sql, min(effect.bound, rule.cap), effect.scale, effect.level), where)
        return attrs.evolve(out, effect=effect)

    def tiered(self, rule: m.Tiered, node: m.Node, reach: Cond) -> _RuleOut:
        branches, vetoes, bonuses, bases = [], [], [], []
        earlier_failed = TRUE
        for tier in rule.tiers:
            here = both(reach, earlier_failed)
            holds = TRUE if tier.test is None else self.layers.cond(self.test(tier.test, here))
            fired = self.layers.cond(both(earlier_failed, holds))
            effect, veto, base, bonus = self.apply(tier.outcome, node, both(here, holds))
            branches.append((fired, effect))
            if veto:
                vetoes.append(fired)
            if bonus:
                bonuses.append(fired)
            if base is not None:
                bases.append((both(fired, self.base_given(base)), base[1]))
            earlier_failed = self.layers.cond(both(earlier_failed, negate(holds)))
            if tier.test is None:
                break
        return _RuleOut(case(branches, const(ZERO)), either(*bonuses), either(*vetoes), tuple(bases))

    def base_given(self, base) -> Cond:
        """按「…」计分 takes effect only when the fact is filled in; 得满分 always."""
        kind, value = base
        if kind == "set" and value.nullable:
            return Cond(f"({value.sql} IS NOT NULL)", value.level)
        return TRUE

    def per_count(self, rule: m.PerCount, reach: Cond) -> _RuleOut:
        guard = TRUE if rule.guard is None else self.layers.cond(self.test(rule.guard, reach))
        value = self.read(rule.counter.name, both(reach, guard))
        out = rule.outcome
        bonus = TRUE if out.kind == "bonus" or (out.kind == "discretion" and out.sign > 0) else FALSE
        if value is None:
            return _RuleOut(const(ZERO), bonus, FALSE, ())
        count = coalesce0(value)
        if out.kind == "discretion":
            effect = count if out.sign > 0 else neg(count)
            return _RuleOut(case([(guard, effect)], const(ZERO)), bonus, FALSE, ())
        if out.kind not in ("award", "bonus", "deduct", "veto", "zero", "none"):
            raise Unsupported(f"每…计分的结果「{out.text}」")
        occurrences = self.layers.num(self.floor_div(count, rule.per))
        if out.kind == "veto":
            return _RuleOut(const(ZERO), FALSE, both(guard, compare(occurrences, ">", const(ZERO))), ())
        each = const(out.signed if out.kind in ("award", "bonus", "deduct") else ZERO)
        return _RuleOut(case([(guard, mul(each, occurrences))], const(ZERO)), bonus, FALSE, ())

    def per_step(self, rule: m.PerStep, reach: Cond) -> _RuleOut:
        rule = rule.in_operand_units()  # a share's percentage point: gap × 100 ÷ 1 = gap ÷ 0.01
        guard = self.layers.cond(self.test(rule.guard, reach))
        found = self.operand(rule.operand, both(reach, guard))
        out = rule.outcome
        if out.kind == "discretion":  # 未开或少开的,按次扣1-3分: a list of amounts, one per occurrence short
            raise Unsupported(f"「{rule.text}」(按次视情扣分:每少一次一个分数)", rule.span)
        bonus = TRUE if out.kind == "bonus" else FALSE
        if found is None:
            return _RuleOut(const(ZERO), bonus, FALSE, ())
        value, den = found
        each = const(out.signed if out.kind in ("award", "bonus", "deduct") else ZERO)
        threshold = const(rule.threshold)
        if den is None:
            if rule.until is not None:  # 分段差距:分段累进: this tier's stretch only (evaluate.per_step)
                until = const(rule.until)
                value = case([(compare(coalesce0(value), "<" if rule.below else ">", until), until)], coalesce0(value))
            gap = sub(threshold, coalesce0(value)) if rule.below else sub(coalesce0(value), threshold)
            if rule.proportional:
                inverse = self.reciprocal(rule.step, rule)
                # gap ÷ step = gap × (1 ÷ step) has at most as many significant digits as both together; past
                # 28 the Decimal scorer's quotient is rounded (and then kept to the rubric's places: PerStep.places)
                inverse_digits = len((Decimal(1) / rule.step).normalize().as_tuple().digits)
                if digits(gap.bound) + gap.scale + inverse_digits > 28:
                    raise Unsupported(f"每{rule.step}按比例计(差距与步长之商可能超过28位有效数字)", rule.span)
                steps = mul(gap, inverse)
            elif rule.rounding == "ceil":  # ⌈g ÷ s⌉ = −⌊−g ÷ s⌋
                steps = neg(self.floor_div(self.layers.num(neg(gap)), rule.step))
            elif rule.rounding == "half_up":  # g ≥ 0 where the guard holds: ⌊(g + s/2) ÷ s⌋
                steps = self.floor_div(self.layers.num(add(gap, const(rule.step / 2))), rule.step)
            else:
                steps = self.floor_div(self.layers.num(gap), rule.step)
        else:
            if rule.proportional:
                raise Unsupported("对两个事实之比「按比例计」的按差距计分(商不一定是有限小数)")
            if rule.until is not None:
                raise Unsupported(f"「{rule.text}」(两个事实之比上的分段累进)", rule.span)
            # ⌊(t − 甲/乙) ÷ s⌋ = ⌊(t·乙 − 甲) ÷ (s·乙)⌋, 乙 > 0
            num, den = coalesce0(value), coalesce0(den)
            scaled = mul(threshold, den)
            gap = sub(scaled, num) if rule.below else sub(num, scaled)
            width = mul(const(rule.step), den)
            if rule.rounding == "ceil":  # ⌈g ÷ w⌉ = −⌊−g ÷ w⌋
                steps = neg(self.floor_div_num(self.layers.num(neg(gap)), self.layers.num(width)))
            elif rule.rounding == "half_up":  # ⌊(2g + w) ÷ 2w⌋
                top = add(mul(const(Decimal(2)), gap), width)
                steps = self.floor_div_num(self.layers.num(top), self.layers.num(mul(const(Decimal(2)), width)))
            else:
                steps = self.floor_div_num(self.layers.num(gap), self.layers.num(width))
        return _RuleOut(case([(guard, mul(each, steps))], const(ZERO)), bonus, FALSE, ())

    def escalation(self, rule: m.Escalation, node: m.Node, reach: Cond) -> _RuleOut:
        value = self.read(rule.counter.name, reach)
        settled, repeated = settled_step(rule)
        for step in rule.steps:
            if step.outcome.kind not in ("award", "bonus", "deduct", "veto", "zero", "none"):
                raise Unsupported(f"逐次加重中的结果「{step.outcome.text}」")
            if step.outcome.kind == "bonus" and node.bonus_uncapped:
                raise Unsupported("「加分上限:不受本项分值限制」下逐次加重的加分")
        if value is None:
            return _RuleOut(const(ZERO), FALSE, FALSE, ())
        count = self.layers.num(coalesce0(value))
        terms, veto_at = [], None
        for k in range(1, settled):
            step = step_for(rule, k)
            if step is None:
                continue
            if step.outcome.kind == "veto":
                veto_at = k
                break
            if step.outcome.kind in ("award", "bonus", "deduct"):
                terms.append((compare(count, ">=", const(Decimal(k))), const(step.outcome.signed)))
        effect = add(*[case([(c, a)], const(ZERO)) for c, a in terms])
        veto = FALSE
        if veto_at is not None:
            veto = compare(count, ">=", const(Decimal(veto_at)))
        elif repeated is not None and repeated.outcome.kind == "veto":
            veto = compare(count, ">=", const(Decimal(settled)))
        elif repeated is not None and repeated.outcome.kind in ("award", "bonus", "deduct"):
            times = sub(count, const(Decimal(settled - 1)))
            effect = add(effect, case([(compare(count, ">=", const(Decimal(settled))),
                                        mul(const(repeated.outcome.signed), times))], const(ZERO)))
        return _RuleOut(effect, FALSE, veto, ())

    def respective(self, rule: m.Respective, reach: Cond) -> _RuleOut:
        by_category = rule.operand.kind == "category"  # 「单位类别」为「…」、「…」的,分别得…
        value = self.category if by_category else self.read(rule.operand.name, reach)
        first = rule.outcomes[0]
        bonus = TRUE if first.kind == "bonus" else FALSE
        if value is None:
            return _RuleOut(const(ZERO), bonus, FALSE, ())
        kind = "choice" if by_category else self.fact(rule.operand.name).kind
        table: dict = {}
        for key, out in zip(rule.keys, rule.outcomes):
            table.setdefault(key, out.signed)  # keys.index: the first listing counts
        if rule.mode == "option" and kind == "list":
            amounts = [const(a) for a in table.values()]
            bound = max(a.bound for a in amounts) * MAX_MATTERS
            scale = max(a.scale for a in amounts)
            decimal = _type(bound, scale)
            per_option = ("CASE " + " ".join(f"WHEN o = {self.d.string(k)} THEN CAST({format(a, 'f')} AS {decimal})"
                                            for k, a in table.items()) + " END")
            total = self.d.list_best_sum(value.sql, per_option, "o", decimal, lowest=rule.heaviest_first)
            effect = typed(f"coalesce({total}, 0)", bound, scale, value.level)
            return _RuleOut(effect, bonus, FALSE, ())
        branches = []
        for key, amount in table.items():
            if rule.mode == "rank":
                branches.append((compare(value, "=", const(Decimal(key))), const(amount)))
            else:
                branches.append((Cond(f"coalesce(({value.sql} = {self.d.string(key)}), FALSE)", value.level),
                                 const(amount)))
        return _RuleOut(case(branches, const(ZERO)), bonus, FALSE, ())

    # ------------------------------------------------------------ exact division
    def reciprocal(self, step: Decimal, rule) -> Num:
        """1 ÷ step when it is a finite decimal (step 1, 0.5, 2, 0.25 …); otherwise the quotient of a 按比例计
        step is not exact (the Decimal scorer rounds it to 28 digits), and the clause is refused."""
        inverse = Decimal(1) / step
        if inverse * step != 1 or len(inverse.normalize().as_tuple().digits) > 20:
            raise Unsupported(f"每{step}按比例计(除以{step}的商不是有限小数)", rule.span)
        return const(inverse)

    def floor_div(self, x: Num, divisor: Decimal) -> Num:
        """⌊x ÷ c⌋ for a constant c > 0, exactly."""
        inverse = Decimal(1) / divisor
        if inverse * divisor == 1 and len(inverse.normalize().as_tuple().digits) <= 20:
            product = self.layers.num(mul(x, const(inverse)))
            return typed(f"FLOOR({product.sql})", product.bound, 0, product.level, product.nullable)
        return self.floor_div_num(x, const(divisor))

    def floor_div_num(self, x: Num, divisor: Num) -> Num:
        """⌊x ÷ y⌋ for y > 0: both scaled to whole numbers, then integer division (x may be negative)."""
        shift = const(Decimal(10) ** max(x.scale, divisor.scale))
        top = self.layers.num(typed(f"FLOOR({mul(x, shift).sql})", x.bound * shift.bound, 0, x.level, x.nullable))
        bottom = self.layers.num(typed(mul(divisor, shift).sql, divisor.bound * shift.bound, 0, divisor.level,
                                       divisor.nullable))
        return self.int_floor(top, bottom)

    def int_floor(self, top: Num, bottom: Num) -> Num:
        """⌊a ÷ b⌋ for whole a (any sign) and whole b > 0."""
        # a missing fact stays NULL through the division, so the caller's coalesce still sees it (nullable)
        nullable = top.nullable or bottom.nullable
        positive = typed(self.d.int_div(top.sql, bottom.sql), top.bound, 0, max(top.level, bottom.level), nullable)
        negative = neg(typed(self.d.int_div(f"(-{top.sql} + {bottom.sql} - 1)", bottom.sql), top.bound + 1, 0,
                             max(top.level, bottom.level), nullable))
        return case([(compare(top, ">=", const(ZERO)), positive)], negative)

    def half_up(self, a: Num, b: Num, places: int = 2) -> Num:
        """a ÷ b to `places` decimals, half away from zero (Decimal's ROUND_HALF_UP), b ≠ 0, exactly:
        ⌊(2|a|·10^p + |b|) ÷ (2|b|)⌋ ÷ 10^p with the sign of a ÷ b."""
        a, b = self.layers.num(a), self.layers.num(b)
        abs_a = typed(f"abs({a.sql})", a.bound, a.scale, a.level, a.nullable)
        abs_b = typed(f"abs({b.sql})", b.bound, b.scale, b.level, b.nullable)
        top = add(mul(const(Decimal(2) * 10 ** places), abs_a), abs_b)
        quotient = self.layers.num(self.floor_div_num(self.layers.num(top), self.layers.num(mul(const(Decimal(2)), abs_b))))
        result = mul(quotient, const(Decimal(1).scaleb(-places)))
        opposite = Cond(f"(({a.sql} < 0) <> ({b.sql} < 0))", max(a.level, b.level))
        return case([(opposite, neg(result))], result)

    # ------------------------------------------------------------ items
    def node(self, node: m.Node, reach: Cond, scores: dict) -> Num:
        """The item's score (evaluate._Evaluator.node_score); scores collects (score, applies, present) by node id."""
        if node.split_limit is not None:  # what is added and what is deducted, each limited: not compiled
            raise Unsupported(f"「{node.path}」的「累计加减分:分别限制」", node.span)
        _refuse_unknown_fields(node)
        if node.applies_to is not None and self.rubric.categories:
            allowed = ", ".join(self.d.string(c) for c in sorted(node.applies_to))
            not_applicable = self.layers.cond(
                Cond(f"coalesce(({self.category.sql} IS NOT NULL AND {self.category.sql} NOT IN ({allowed})), FALSE)",
                     self.category.level))
        else:
            not_applicable = FALSE
        inside = both(reach, negate(not_applicable))
        children = [self.child(node, child, inside, scores) for child in node.children]
        # 加分带入上级: what the sub-items pass up is added after this item's limits (evaluate.node_score)
        received = [self.passed[c.id] for c in m.passed_in(node)]
        points = node.points
        base = const(points if node.base == "full" and points is not None else ZERO)
        effects, bonuses, vetoes, overrides = [], [], [], []
        for rule in node.rules:
            out = self.rule(rule, node, inside)
            if node.bonus_uncapped and out.bonus.sql != "FALSE":
                bonuses.append(case([(out.bonus, out.effect)], const(ZERO)))
                effects.append(case([(out.bonus, const(ZERO))], out.effect))
            else:
                effects.append(out.effect)
            vetoes.append(out.veto)
            for given, value in out.bases:
                if value is None:  # 得满分
                    if points is not None:
                        overrides.append((given, const(points)))
                else:
                    overrides.append((given, value))
        if overrides:
            base = case(list(reversed(overrides)), base)
        raw = self.layers.num(add(base, *children, *(neg(r) for r in received), *effects))
        score = raw
        if node.cap is not None or node.floor is not None:
            branches = []
            if node.cap is not None:
                branches.append((compare(raw, ">", const(node.cap)), const(node.cap)))
            if node.floor is not None:
                branches.append((compare(raw, "<", const(node.floor)), const(node.floor)))
            if node.cap is not None and node.floor is not None and node.floor > node.cap:
                # evaluate.py caps first, then raises to the floor
                branches = [(compare(raw, "<", const(node.floor)), const(node.floor)),
                            (compare(raw, ">", const(node.cap)), const(node.floor))]
            score = case(branches, raw)
            ends = [abs(e) for e in (node.cap, node.floor) if e is not None]
            if node.cap is not None and node.floor is not None:
                score = Num(score.sql, min(score.bound, max(ends)), score.scale, score.level)
        if bonuses:
            score = add(score, *bonuses)
        if received:
            score = add(score, *received)
        veto = either(*vetoes)
        if veto.sql != "FALSE" and not node.veto_clears and (node.floor is None or node.floor < 0):
            # 否决与扣分:扣分照扣 — a veto takes what is above 0 (evaluate.node_score)
            score = case([(both(veto, compare(score, ">", const(ZERO))), const(ZERO))], score)
        elif veto.sql != "FALSE":
            score = case([(veto, const(ZERO))], score)
        if not_applicable.sql != "FALSE":
            if self.rubric.not_applicable == "按满分计":
                missing = const(points if points is not None else ZERO)
            else:
                missing = const(ZERO)
            score = case([(not_applicable, missing)], score)
        if node.bonus_passes:  # on to the parent: its own bonuses and those passed to it, none when vetoed
            kept = add(*received, *bonuses)
            self.passed[node.id] = self.layers.num(case([(either(veto, not_applicable), const(ZERO))], kept),
                                                   self.where(node.span, f"{node.path} 带入上级的加分"))
        score = self.layers.num(score, self.where(node.span, f"{node.path} 得分"))
        scores[node.id] = (score, not_applicable, reach)
        return score

    def child(self, parent: m.Node, child: m.Node, reach: Cond, scores: dict) -> Num:
        """A sub-item's score; another category's version of its parent (model.stands_aside) scores nothing,
        whatever 不适用项 says, has no sub-items scored, and is not missing under 按比例折算."""
        elsewhere = _aside_for(parent, child, self.rubric.categories)
        if not elsewhere:
            return self.node(child, reach, scores)
        listed = ", ".join(self.d.string(c) for c in elsewhere)
        aside = self.layers.cond(Cond(f"coalesce(({self.category.sql} IN ({listed})), FALSE)", self.category.level))
        score = self.node(child, both(reach, negate(aside)), scores)
        _, not_applicable, _ = scores[child.id]
        score = self.layers.num(case([(aside, const(ZERO))], score))
        scores[child.id] = (score, both(not_applicable, negate(aside)), reach)
        if child.id in self.passed:
            self.passed[child.id] = self.layers.num(case([(aside, const(ZERO))], self.passed[child.id]))
        return score

    # ------------------------------------------------------------ the total
    def total(self, scores: dict) -> Num:
        """The total (evaluate._Evaluator.run): formula, 不适用项 rescaling, rules on the total."""
        rubric = self.rubric
        roots = {root.id: scores[root.id][0] for root in rubric.roots}
        if rubric.total_expr is not None:  # 基础分1000分 + …, (…)×(1+0.1×「权重」), …中较低分值 (_runtime._total_expr)
            total = self.total_expr(rubric.total_expr, roots)
        elif rubric.formula is not None:
            total = const(ZERO)
            for term in rubric.formula:
                amounts = []
                for node_id in term.nodes:
                    score = roots[node_id]
                    if term.kind == "扣分":  # what the item took away: max(0, −score)
                        score = case([(compare(score, "<", const(ZERO)), neg(score))], const(ZERO))
                    amounts.append(score)
                amount = add(*amounts)
                total = add(total, amount) if term.sign > 0 else sub(total, amount)
        else:
            total = add(*roots.values())
        total = self.layers.num(total)
        if rubric.not_applicable == "按比例折算":
            total = self.rescale(total, scores)
        if rubric.final is not None:
            branches = []
            for tier in rubric.final.tiers:
                if tier.test is None:
                    holds = TRUE
                elif on_total(rubric, tier.test):
                    holds = self.total_range(total, tier.test.interval)
                else:
                    holds = self.test(tier.test, TRUE)
                if tier.outcome.kind != "final":
                    raise Unsupported(f"总分规则的结果「{tier.outcome.text}」", tier.span)
                if tier.outcome.item is not None:  # 按第一项得分确定: that item's score
                    new = add(*(roots[i] for i in tier.outcome.item.nodes))
                else:
                    new = const(tier.outcome.amount) if tier.outcome.amount is not None else total
                branches.append((holds, new))
                if tier.test is None:
                    break
            total = self.layers.num(case(branches, total))
        return total

    def total_expr(self, expr: m.TotalExpr, roots: dict) -> Num:
        """The total's formula beyond a sum of items, part by part as _runtime._total_expr computes it, exactly."""
        if expr.op == "term":
            amounts = []
            for node_id in expr.term.nodes:
                score = roots[node_id]
                if expr.term.kind == "扣分":  # what the item took away: max(0, −score)
                    score = case([(compare(score, "<", const(ZERO)), neg(score))], const(ZERO))
                amounts.append(score)
            return add(*amounts)
        if expr.op == "number":
            return const(expr.value)
        if expr.op == "fact":  # a fact every unit gives (checked: not optional, not computed)
            value = self.read(expr.fact, TRUE)
            if value is None:
                raise Unsupported(f"总分公式中的「{expr.fact}」", expr.span)
            return value
        parts = [self.layers.num(self.total_expr(p, roots)) for p in expr.parts]
        if len(parts) == 1:
            return parts[0]
        if expr.op in ("lower", "higher"):
            best = parts[0]
            for part in parts[1:]:  # the first of equal values, as min()/max() keep
                best = case([(compare(part, "<" if expr.op == "lower" else ">", best), part)], best)
                best = self.layers.num(best)
            return best
        a, b = parts
        return add(a, b) if expr.op == "+" else sub(a, b) if expr.op == "-" else mul(a, b)

    def total_range(self, total: Num, interval: m.Interval) -> Cond:
        parts = []
        if interval.low is not None:
            parts.append(compare(total, ">=" if interval.low_closed else ">", const(interval.low)))
        if interval.high is not None:
            parts.append(compare(total, "<=" if interval.high_closed else "<", const(interval.high)))
        return both(*parts)

    def rescale(self, total: Num, scores: dict) -> Num:
        """不适用项:按比例折算: total × possible ÷ (possible − missing), to two places, half up."""
        counted = [root for root in self.rubric.roots if root.points is not None]
        possible = sum((root.points for root in counted), ZERO)
        missing_terms = []
        for root in counted:
            for node in root.walk():
                _, not_applicable, reach = scores[node.id]
                if not_applicable.sql != "FALSE" and node.points:
                    missing_terms.append(case([(both(reach, not_applicable), const(node.points))], const(ZERO)))
        if not missing_terms:
            return total
        missing = self.layers.num(add(*missing_terms))
        left = self.layers.num(sub(const(possible), missing))
        unchanged = either(compare(missing, "=", const(ZERO)), compare(left, "=", const(ZERO)))
        # half_up divides by `left`: where it is 0 the scaled value is never used, so divide by 1 there
        safe_left = case([(compare(left, "=", const(ZERO)), const(Decimal(1)))], left)
        scaled = self.half_up(mul(total, const(possible)), safe_left)
        return self.layers.num(case([(unchanged, total)], scaled))

    def grade(self, total: Num) -> Val | None:
        grades = self.rubric.grades
        if grades is None:
            return None
        for tier in self.rubric.grade_limits:  # 一票否优, 等次降一档: the grade along the ladder, not yet in SQL
            raise Unsupported(f"等次规则「{tier.outcome.text}」", tier.span)
        for tier in grades.tiers:  # 按单位类别分档的等次: the category and the total in one condition, not yet in SQL
            if isinstance(tier.test, m.AllOf) and any(on_total(self.rubric, p) for p in tier.test.parts):
                raise Unsupported(f"按单位类别分档的等次「{tier.text}」", tier.span)
        parts = []
        for tier in grades.tiers:
            if tier.outcome.kind != "grade":
                raise Unsupported(f"等次规则的结果「{tier.outcome.text}」", tier.span)
            if tier.test is None:
                holds = TRUE
            elif on_total(self.rubric, tier.test):
                holds = self.total_range(total, tier.test.interval)
            else:
                holds = self.test(tier.test, TRUE)
            parts.append(f"WHEN {holds.sql} THEN {self.d.string(tier.outcome.grade)}")
            if tier.test is None:
                break
        return self.layers.val(Val("CASE " + " ".join(parts) + " ELSE NULL END", total.level))

    # ------------------------------------------------------------ values over the cohort
    def cohorts(self) -> list[str]:
        """Compute every value over the cohort into self.env; returns their names in declaration order."""
        computed = [f for f in self.rubric.facts.values() if f.cohort is not None]
        over_scores = [f for f in computed if f.cohort.source != "fact"]
        for fact in over_scores:
            self.env[fact.name] = WAITING
        for fact in computed:
            if fact.cohort.source == "fact":
                source = self.env.get(fact.cohort.fact)
                if not isinstance(source, Num):
                    raise Unsupported(f"「{fact.name}」的来源「{fact.cohort.fact}」", fact.span)
                self.env[fact.name] = self.aggregate(fact, source, fact.name)
        for fact in self.score_order(over_scores):
            scores: dict = {}
            self.reads = []
            if fact.cohort.source == "total":
                for root in self.rubric.roots:
                    self.node(root, TRUE, scores)
                source = self.total(scores)
            else:
                chain = _ancestors(self.rubric, fact.cohort.node)
                if any(_aside_for(a, c, self.rubric.categories) for a, c in zip(chain, chain[1:])):
                    raise Unsupported(f"「{fact.name}」的来源在按单位类别分写的指标之下", fact.span)
                reach = TRUE
                for ancestor in chain[:-1]:
                    reach = both(reach, negate(self.applies_not(ancestor)))
                target = chain[-1]
                score = self.node(target, reach, scores)
                source = case([(reach, score)], Num("NULL", score.bound, score.scale, 0, True))
                source = Num(source.sql, source.bound, source.scale, source.level, True)
            reads = either(*self.reads)
            self.reads = []
            self.env[fact.name] = self.aggregate(fact, self.layers.num(source), fact.name, reads)
        return [f.name for f in computed]

    def applies_not(self, node: m.Node) -> Cond:
        if node.applies_to is None or not self.rubric.categories:
            return FALSE
        allowed = ", ".join(self.d.string(c) for c in sorted(node.applies_to))
        return Cond(f"coalesce(({self.category.sql} IS NOT NULL AND {self.category.sql} NOT IN ({allowed})), FALSE)",
                    self.category.level)

    def score_order(self, over_scores: list[m.Fact]) -> list[m.Fact]:
        """Values over scores in an order where each reads only those before it (besides itself, which its own
        scope's units must not read: checked when scoring). Values that wait on each other are refused."""
        names = {f.name for f in over_scores}
        needs = {}
        for fact in over_scores:
            nodes = (list(self.rubric.nodes()) if fact.cohort.source == "total"
                     else list(_find(self.rubric, fact.cohort.node).walk()))
            needs[fact.name] = (_read_names(nodes) & names) - {fact.name}
        ordered, done = [], set()
        while len(ordered) < len(over_scores):
            ready = [f for f in over_scores if f.name not in done and needs[f.name] <= done]
            if not ready:
                stuck = sorted(n for n in names if n not in done)
                raise Unsupported("按得分计算的值相互依赖:" + "、".join(f"「{n}」" for n in stuck))
            ordered.append(ready[0])
            done.add(ready[0].name)
        return ordered

    def aggregate(self, fact: m.Fact, source: Num, name: str, reads: Cond = FALSE) -> Num:
        """One value over the cohort (cohort._compute) as a window over every unit."""
        cohort = fact.cohort
        member = TRUE
        if cohort.categories is not None:
            allowed = ", ".join(self.d.string(c) for c in sorted(cohort.categories))
            member = Cond(f"coalesce(({self.category.sql} IN ({allowed})), FALSE)", self.category.level)
        if cohort.scope is not None:
            member = both(member, self.test(cohort.scope, TRUE))
        measured = self.layers.cond(both(member, Cond(f"({source.sql} IS NOT NULL)", source.level))
                                    if source.nullable else member)
        level = max(measured.level, source.level)
        if cohort.kind == "rank":
            order = "DESC" if cohort.descending else "ASC"
            value = typed(f"CASE WHEN {measured.sql} THEN RANK() OVER (PARTITION BY {measured.sql} "
                          f"ORDER BY {source.sql} {order}) END", Decimal(MAX_UNITS), 0, level, True)
        elif cohort.kind in ("min", "max"):
            value = typed(f"{cohort.kind.upper()}(CASE WHEN {measured.sql} THEN {source.sql} END) OVER ()",
                          source.bound, source.scale, level, True)
        elif cohort.kind == "avg":
            total = self.layers.num(typed(f"SUM(CASE WHEN {measured.sql} THEN {source.sql} END) OVER ()",
                                          source.bound * MAX_UNITS, source.scale, level, True))
            count = self.layers.num(typed(f"COUNT(CASE WHEN {measured.sql} THEN 1 END) OVER ()",
                                          Decimal(MAX_UNITS), 0, level))
            some = compare(count, ">", const(ZERO))
            safe = case([(some, count)], const(Decimal(1)))
            average = self.half_up(coalesce0(total), safe)
            value = case([(some, Num(average.sql, source.bound, 2, average.level))],
                         Num("NULL", source.bound, 2, 0, True))
            value = Num(value.sql, value.bound, value.scale, value.level, True)
        else:
            raise Unsupported(f"「{name}」的计算方式「{cohort.kind}」", fact.span)
        if reads.sql != "FALSE":
            waits = self.layers.cond(both(member, reads))
            message = f"GR422 无法计算「{name}」:参与计算的单位中有单位的这一得分本身要用到它"
            any_waits = Cond(f"coalesce(bool_or({waits.sql}) OVER (), FALSE)" if self.dialect == "duckdb"
                             else f"coalesce(max(CASE WHEN {waits.sql} THEN 1 ELSE 0 END) OVER () = 1, FALSE)",
                             waits.level)
            any_waits = self.layers.cond(any_waits)
            value = Num(f"CASE WHEN {any_waits.sql} THEN {self.d.error(message)} ELSE {value.sql} END", value.bound,
                        value.scale, max(value.level, any_waits.level), True)
        return self.layers.num(value)

    # ------------------------------------------------------------ the whole query
    def compile(self) -> SqlQuery:
        self.given()
        cohort_names = self.cohorts()
        scores: dict = {}
        for root in self.rubric.roots:
            self.node(root, TRUE, scores)
        total = self.total(scores)
        grade = self.grade(total)
        d = self.d
        outputs = [f"u_unit AS {d.ident(UNIT_COLUMN)}",
                   f"{self.category.sql} AS {d.ident(CATEGORY_COLUMN)}",
                   f"{total.sql} AS {d.ident('总分')}"]
        if grade is not None:
            outputs.append(f"{grade.sql} AS {d.ident('等次')}")
        paths = []
        for node in self.rubric.nodes():
            score, _, reach = scores[node.id]
            present = self.layers.num(case([(reach, score)], Num("NULL", score.bound, score.scale, 0, True)))
            outputs.append(f"{present.sql} AS {d.ident(node.path)}")
            paths.append(node.path)
        for name in cohort_names:
            outputs.append(f"{self.env[name].sql} AS {d.ident(name)}")
        order = "\nORDER BY u_order" if self.order_by is not None else ""
        layers = [(index, columns) for index, columns in enumerate(self.layers.layers[1:], 1) if columns]
        carried = _carried_columns(self.input_sql, [columns for _, columns in layers], outputs + [order])
        ctes = [f"l0 AS (\n  SELECT\n    " + ",\n    ".join(self.input_sql) + f"\n  FROM {self.table}\n)"]
        previous = "l0"
        for (index, columns), kept in zip(layers, carried):
            body = ",\n    ".join([", ".join(kept)] * bool(kept) + [
                ("" if note is None else f"-- {_comment(note)}\n    ") + f"{sql} AS {name}" for name, sql, note in columns])
            ctes.append(f"l{index} AS (\n  SELECT\n    {body}\n  FROM {previous}\n)")
            previous = f"l{index}"
        header = (f"-- govrubric: 细则「{_comment(self.rubric.title)}」编译为 SQL({self.dialect});"
                  f"事实表 {self.table}:每个单位一行,每个事实一列\n")
        sql = (header + "WITH\n" + ",\n".join(ctes) + "\nSELECT\n  " + ",\n  ".join(outputs) + f"\nFROM {previous}"
               + order + "\n")
        return SqlQuery(sql, self.dialect, tuple(self.inputs), tuple(paths), tuple(cohort_names), grade is not None,
                        self.table)


_COLUMN_NAME = re.compile(r"\b(?:[cf][0-9]+|u_unit|u_category|u_order)\b")


def _carried_columns(input_sql: list[str], layers: list[list], final: list[str]) -> list[list[str]]:
    """For each layer, the earlier columns it passes on: those a later layer or the final SELECT reads. Passing
    on every column (SELECT *) made each layer as wide as the whole rubric, and Spark's analyzer walks every
    layer once per layer (a 13-layer query took it half a minute); a name that only appears inside a text
    literal is passed on needlessly, never dropped wrongly."""
    defined = [sql.rsplit(" AS ", 1)[1] for sql in input_sql]
    available = []  # the columns each layer reads from (every column of the layers before it)
    for columns in layers:
        available.append(set(defined))
        defined.extend(name for name, _, _ in columns)
    needed = set(_COLUMN_NAME.findall(" ".join(final)))
    carried = []
    for depth in range(len(layers) - 1, -1, -1):
        carried.append(needed & available[depth])
        needed = (needed - {name for name, _, _ in layers[depth]}) | {
            name for _, sql, _ in layers[depth] for name in _COLUMN_NAME.findall(sql)}
    order = {name: position for position, name in enumerate(defined)}
    return [sorted(names, key=order.__getitem__) for names in carried[::-1]]


def _comment(text: str) -> str:
    from ..codegen import comment_text

    return comment_text(text)


def _aside_for(parent: m.Node, child: m.Node, categories: tuple[str, ...]) -> list[str]:
    """The categories for whose units the sub-item is another category's version of its parent
    (model.stands_aside, for every category at once)."""
    if child.applies_to is None or not categories or not m.by_category(parent, categories):
        return []
    served = {c for c in categories if any(k.applies_to is None or c in k.applies_to for k in parent.children)}
    return sorted(served - set(child.applies_to))


def _find(rubric: m.Rubric, node_id: int) -> m.Node:
    return next(n for n in rubric.nodes() if n.id == node_id)


def _ancestors(rubric: m.Rubric, node_id: int) -> list[m.Node]:
    """The chain from a root down to the node."""
    def visit(nodes, above):
        for node in nodes:
            chain = above + [node]
            if node.id == node_id:
                return chain
            found = visit(node.children, chain)
            if found:
                return found
        return None

    return visit(rubric.roots, [])


def _read_names(nodes) -> set[str]:
    """Every fact a set of items' clauses may read."""
    from ..check.declarations import _rule_facts  # the checker's own reading of what a rule reads (its cohort cycle check)

    return set().union(*(_rule_facts(node) for node in nodes))


def compile_query(rubric: m.Rubric, dialect: str = "duckdb", line_of=None, table: str = "facts",
                  order_by: str | None = None) -> SqlQuery:
    """The rubric's SQL query; raises Unsupported (with the construct and its span) for what cannot be exact."""
    _WIDEN_PRODUCTS[0] = dialect == "duckdb"
    for fact in rubric.facts.values():  # a list in one cell: one column per value is not how facts tables hold it
        if fact.per is not None:
            raise Unsupported(f"逐{fact.per}给出的事实「{fact.name}」(每{fact.per}一个数)"
                              if fact.per not in m.PERIODS else
                              f"按{fact.per}给出的事实「{fact.name}」(每{fact.per}一个数)", fact.span)
    return _Compiler(rubric, dialect, line_of, table, order_by).compile()
