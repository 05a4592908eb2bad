"""Arithmetic between facts: 「甲」+「乙」, 「甲」÷「乙」×10, 「主体总量」的30%, and comparisons of one value with
another (「实际完成值」低于「年度目标值」), with the kinds and units each side must have.

Sums and differences need values of one kind (counts with counts, percentages with percentages, quantities of one
dimension: a fact in 亩 and one in 万亩 are added in 亩); a product needs a number, a percentage or a ratio on one
side (the share of the other); a quotient of two facts is a ratio. A comparison of two values is a test on their
difference against 0 (model.Arith.relation keeps the comparison for the explanation).
"""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from .. import ast
from .. import model as m
from ..numerals import format_decimal
from ..units import unit_of
from .base import CheckerBase
from ..i18n import built, kind_word

_SHOWN_OP = {"+": "+", "-": "−", "*": "×", "/": "÷"}
# how a comparison word reads between two values (the interval it gives on their difference)
_RELATION = {"ge": ("≥", ">"), "le": ("≤", "<"), "eq": ("=", "=")}
ADDABLE = frozenset({"count", "percent", "ratio", "score", "days", "months", "quantity"})


class Typed(NamedTuple):
    operand: m.Operand
    kind: str
    measure: str | None  # quantity: its unit; count: its classifier
    text: str


class Arithmetic(CheckerBase):
    def expression(self, expr: ast.Expr) -> Typed | None:
        if isinstance(expr, ast.Name):
            ref = self.fact_ref(expr)
            if ref is None:
                return None
            if ref.kind not in m.NUMERIC_KINDS:
                self.err("GR301", expr.span, detail=built("「{ref_name}」是{kind},不能参与计算",
                                                          ref_name=ref.name, kind=kind_word(m.KIND_ZH[ref.kind])))
                return None
            return Typed(ref, ref.kind, self.facts[ref.name].measure, f"「{ref.name}」")
        if isinstance(expr, ast.Number):
            return Typed(m.Const(expr.value), "number", None, format_decimal(expr.value))
        if isinstance(expr, ast.Relative):  # 「完成数」比「下达任务」低: the shortfall, in % of the other (relative.py)
            typed = self.relative_operand(expr)
            return None if typed is None else Typed(typed[0], "percent", None, typed[0].text)
        if isinstance(expr, ast.Share):  # 「主体总量」的30%: the base × 0.3
            base = self.expression(expr.base)
            if base is None:
                return None
            text = f"{base.text}{expr.word}"
            return Typed(m.Arith("*", base.operand, m.Const(expr.factor), base.kind, text, base.measure),
                         base.kind, base.measure, text)
        if expr.op == "?":  # 「甲」至「乙」: a range word between two facts
            self.err("GR301", expr.span, detail=built("「{expr_word}」不是运算符号", expr_word=expr.word),
                     help="两个事实相减写作「「甲」-「乙」」或「「甲」减去「乙」」")
            return None
        left, right = self.expression(expr.left), self.expression(expr.right)
        if left is None or right is None:
            return None
        if expr.op == "min":  # 「数量」(超过5个以5个计算): the fact's value, at most the number
            text = f"{left.text}{expr.word}"
            if left.kind in ("number", "rank", "percent", "ratio", "score"):
                self.err("GR301", expr.span, detail=built("「{note}」只用于次数、个数或计量值,{left}是{kind}",
                                                          note=expr.word, left=left.text, kind=kind_word(m.KIND_ZH[left.kind])))
                return None
            return Typed(m.Arith("min", left.operand, right.operand, left.kind, text, left.measure), left.kind,
                         left.measure, text)
        text = f"{left.text}{expr.word}{right.text}"
        if expr.op in ("+", "-"):
            return self.sum_of(expr, left, right, text)
        if expr.op == "*":
            return self.product(expr, left, right, text)
        return self.quotient(expr, left, right, text)

    def score_formula(self, expr: ast.Expr, wording: str) -> Typed | None:
        """A value to score by (该项得分=…, 按…比例计分): arithmetic with a fact in it, not a rank."""
        typed = self.expression(expr)
        if typed is None:
            return None
        if typed.kind in ("number", "rank") or not m.operand_facts(typed.operand):
            self.err("GR301", expr.span, detail=built("{wording}的算式{typed_text}要用数量类事实计算(名次、单纯的数不行)",
                                                      wording=wording, typed_text=typed.text))
            return None
        return typed

    # ------------------------------------------------------------ + − × ÷
    def sum_of(self, expr: ast.Arith, left: Typed, right: Typed, text: str) -> Typed | None:
        if left.kind == "number" and right.kind == "number":
            value = left.operand.value + right.operand.value if expr.op == "+" else left.operand.value - right.operand.value
            return Typed(m.Const(value), "number", None, text)
        pair = self.alike(left, right, expr, "相加" if expr.op == "+" else "相减")
        if pair is None:
            return None
        left, right, kind, measure = pair
        return Typed(m.Arith(expr.op, left.operand, right.operand, kind, text, measure), kind, measure, text)

    def product(self, expr: ast.Arith, left: Typed, right: Typed, text: str) -> Typed | None:
        if right.kind in ("number", "percent", "ratio") or left.kind in ("number", "percent", "ratio"):
            scaled, factor = (left, right) if right.kind in ("number", "percent", "ratio") else (right, left)
            if scaled.kind == "number" and factor.kind == "number":
                return Typed(m.Const(scaled.operand.value * factor.operand.value), "number", None, text)
            factor_operand = factor.operand
            if factor.kind == "percent":  # 「总量」×「完成率」: the share, the percentage read as a fraction
                factor_operand = m.Arith("/", factor.operand, m.Const(Decimal(100)), "ratio", factor.text)
            kind = scaled.kind if scaled.kind != "number" else "ratio"
            return Typed(m.Arith("*", scaled.operand, factor_operand, kind, text, scaled.measure), kind,
                         scaled.measure, text)
        self.err("GR301", expr.span, detail=built("{left_text}与{right_text}不能相乘:相乘的一方须是数、百分比或比值",
                                                  left_text=left.text, right_text=right.text),
                 help="按比例计算写作「「总量」×「比例」」或「「总量」的30%」")
        return None

    def quotient(self, expr: ast.Arith, left: Typed, right: Typed, text: str) -> Typed | None:
        if right.kind == "number":
            if right.operand.value == 0:
                self.err("GR303", expr.span, detail=built("{text}除以0", text=text))
                return None
            if left.kind == "number":
                return Typed(m.Const(left.operand.value / right.operand.value), "number", None, text)
            return Typed(m.Arith("/", left.operand, right.operand, left.kind, text, left.measure), left.kind,
                         left.measure, text)
        if right.kind == "rank" or left.kind == "rank":
            self.err("GR307", expr.span, detail="名次不能相除")
            return None
        if left.kind == right.kind == "quantity":  # 亩 ÷ 万亩: in one unit first, then the ratio has none
            pair = self.alike(left, right, expr, "相除")
            if pair is None:
                return None
            left, right = pair[0], pair[1]
        operand = m.Arith("/", left.operand, right.operand, "ratio", text)
        return Typed(operand, "ratio", None, text)

    def alike(self, left: Typed, right: Typed, expr, verb: str):
        """Both sides in one kind and unit: (left, right, kind, measure), a number taking the other side's kind;
        quantities of one dimension in the smaller unit (亩 and 万亩 in 亩); None after reporting a mismatch."""
        if left.kind == "number":
            return left, right, right.kind, right.measure
        if right.kind == "number":
            return left, right, left.kind, left.measure
        if {left.kind, right.kind} == {"percent", "ratio"}:  # 「甲」÷「乙」 against 「完成率」: the percentage as a share
            left, right = (_as_share(left), right) if left.kind == "percent" else (left, _as_share(right))
        if left.kind != right.kind or left.kind not in ADDABLE:
            self.err("GR301", expr.span, detail=built("{left_text}是{kind_zh},{right_text}是{kind_zh2},不能{verb}",
                                                      left_text=left.text, kind_zh=_kind_zh(left), right_text=right.text,
                                                      kind_zh2=_kind_zh(right), verb=built(verb)))
            return None
        if left.kind != "quantity" or left.measure == right.measure:
            return left, right, left.kind, left.measure
        lu, ru = unit_of(left.measure), unit_of(right.measure)
        if lu.dimension != ru.dimension:
            self.err("GR302", expr.span, detail=built("{left_text}以{left_measure}计,{right_text}以{right_measure}计,不能{verb}",
                                                      left_text=left.text, left_measure=left.measure,
                                                      right_text=right.text, right_measure=right.measure,
                                                      verb=built(verb)))
            return None
        if lu.factor == ru.factor:
            return left, right, "quantity", left.measure
        small, large = (left, right) if lu.factor < ru.factor else (right, left)
        factor = max(lu.factor, ru.factor) / min(lu.factor, ru.factor)
        large = large._replace(operand=m.Arith("*", large.operand, m.Const(factor), "quantity", large.text,
                                                small.measure))
        return (small, large, "quantity", small.measure) if small is left else (large, small, "quantity", small.measure)

    # ------------------------------------------------------------ one value against another
    def relation(self, operand: m.Operand, left_text: str, comp: ast.Comparison) -> m.InRange | None:
        """「实际完成值」低于「年度目标值」: a test on their difference against 0, as an InRange."""
        left = Typed(operand, self.operand_kind(operand), self.operand_measure(operand), left_text)
        right = self.expression(comp.low.expr)
        if right is None:
            return None
        pair = self.alike(left, right, comp, "比较")
        if pair is None:
            return None
        left, right, kind, measure = pair
        if comp.pre == "在":  # 在「全省平均水平」以上: the side is the word after it's
            direction, closed = self.bounds[comp.post]
        else:
            direction, closed = self.pre_bounds[comp.pre]
        if comp.post is not None and comp.pre != "在":  # 达到「全省平均水平」以上: the words must agree; the first decides
            post_direction = self.bounds[comp.post][0]
            if direction == "eq":
                direction, closed = self.bounds[comp.post]
            elif post_direction != direction:
                self.err("GR305", comp.span, detail=built("「{comp_pre}」与「{comp_post}」方向相反",
                                                          comp_pre=comp.pre, comp_post=comp.post))
                return None
        if direction not in _RELATION:
            self.err("GR301", comp.span, detail=built("「{text}」不能用于两个值相比", text=comp.text))
            return None
        if comp.low_incl is not None:
            closed = comp.low_incl == "含"
        symbol = _RELATION[direction][0 if closed else 1]
        zero = Decimal(0)
        interval = {"ge": m.Interval(zero, closed, None, False), "le": m.Interval(None, False, zero, closed),
                    "eq": m.Interval(zero, True, zero, True)}[direction]
        difference = m.Arith("-", left.operand, right.operand, kind, f"{left.text}−{right.text}", measure, symbol)
        meaning = f"{left.text} {symbol} {right.text}"
        return m.InRange(difference, interval, comp.text, meaning, measure or "")


def _as_share(typed: Typed) -> Typed:
    """A percentage read as the share it is (50% → 0.5), to go with a ratio."""
    return typed._replace(operand=m.Arith("/", typed.operand, m.Const(Decimal(100)), "ratio", typed.text),
                          kind="ratio", measure=None)


def _kind_zh(typed: Typed) -> str:
    if typed.kind == "quantity":
        return built("以{measure}计的量", measure=typed.measure)
    return kind_word(m.KIND_ZH.get(typed.kind, "数"))
