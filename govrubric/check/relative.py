"""How far one value falls short of another: 「完成数」比「下达任务」低5%以内(含5%), and the tiers after it 「,低5%-10%的」,
「,低超过10%的」 (language.md 5「比另一个值低百分之几」); how far above it: 比「乙」高10%以上, 比「上年经费」增长10%~20%之间,
比上年增长 (the declared fact 「上年经费」 of the subject 「经费」); and 低于「标准」10%以内 (高于), read as 比「标准」低10%以内.

「甲」比「乙」低 x% is a shortfall measured as a share of 乙: x = (乙 − 甲) ÷ 乙 × 100, exact (a Fraction where the
quotient is no finite decimal). 低 says 甲 is below 乙, so every such comparison also needs x > 0: 「低5%以内」 is
0% < x ≤ 5%, and a unit that met or passed its target is 低 nothing and falls in no tier of it. Where 乙 is given by
the unit and is 0 the share has no value (GR408 when the facts are read, as for 「甲」÷「乙」). 高 and 增长 are the
same the other way: x = (甲 − 乙) ÷ 乙 × 100, and every comparison needs x > 0 (增长5%以内 is 0% < x ≤ 5%).

Two percentages (「完成率」比「目标率」低…) have two readings — the difference in points, or a share of the target — so
the comparison must say which: 「低5个百分点」 is the difference (目标率 − 完成率, in points); 「低5%」 is refused (GR302),
with both ways to write it. A count compared in 个百分点 is refused too: points are of percentages.
"""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..i18n import built
from .base import CheckerBase
from .conditions import describe_interval

_HUNDRED = Decimal(100)


# the words that say which way: 低/低于 how far below the other value, 高/高于/增长 how far above it
_BELOW = frozenset({"低", "低于"})
_SAID = {"低": "低", "低于": "低", "高": "高", "高于": "高", "增长": "增长"}


class Relative(CheckerBase):
    def relative_operand(self, expr: ast.Relative, lead: str | None = None):
        """The shortfall (低) or excess (高, 增长) as a value (an Arith the evaluator, the compiled scorer and SQL already
        compute), its kind ("percent"), and whether it is in points (two percentages) — or None after an error.
        lead: the word before the comparison (低, 高, 增长, 低于, 高于); by default the clause's own word."""
        if expr.word == "比上年" and not expr.right.text.removeprefix("上年"):
            self.err("GR301", expr.span, detail=built("「比上年」前面要写一个事实:{left}", left=self.relative_names(expr)[0]),
                     help="写作「「经费」比上年增长10%以上」,并声明事实「上年经费」")
            return None
        if expr.word == "比上年" and expr.right.text not in self.facts:
            self.err("GR201", expr.right.span, name=expr.right.text,
                     help=built("「比上年」比的是上年的值:声明事实「{name}」,与「{subject}」同一种数",
                                name=expr.right.text, subject=expr.right.text.removeprefix("上年")))
            return None
        left, right = self.expression(expr.left), self.expression(expr.right)
        if left is None or right is None:
            return None
        pair = self.alike(left, right, expr, "比较")
        if pair is None:
            return None
        left, right, kind, measure = pair
        if kind == "number":
            self.err("GR301", expr.span, detail=built("「比」的两边要有事实:{left}比{right}", left=left.text, right=right.text))
            return None
        lead = lead or ("低" if expr.word in ("比", "比上年") else expr.word)
        said = _SAID.get(lead, "低")
        below = lead in _BELOW
        text = f"{left.text}比{right.text}{said}"
        # 低: (甲 − 乙) × −1 rather than 乙 − 甲: the explanation lists the facts in the order written (甲, then 乙)
        difference = m.Arith("-", left.operand, right.operand, kind, f"{left.text}−{right.text}", measure)
        sign = Decimal(-1) if below else Decimal(1)
        if kind == "percent":  # 完成率比目标率低N个百分点: the difference itself, in points
            return m.Arith("*", difference, m.Const(sign), "percent", text, shortfall=said), True
        share = m.Arith("/", difference, right.operand, "ratio", f"({left.text}−{right.text})÷{right.text}")
        return m.Arith("*", share, m.Const(sign * _HUNDRED), "percent", text, shortfall=said), False

    def relative_test(self, cond: ast.CondCompare, text: str) -> m.InRange | None:
        comp = cond.comparison
        expr = cond.operand.expr
        if comp.against is not None and _written(comp.against) != _written(expr.right):
            self.err("GR301", comp.against.span, detail=built(
                "这一档比的是{this},前一档比的是{first}:各档要比同一个值",
                this=_written(comp.against), first=_written(expr.right)),
                help="比另一个值的各档分开写成几条")
            return None
        typed = self.relative_operand(expr, comp.lead)
        if typed is None:
            return None
        operand, in_points = typed
        said = operand.shortfall
        points = [v for v in (comp.low, comp.high) if v is not None and v.written_unit is not None]
        shares = [v for v in (comp.low, comp.high) if v is not None and v.written_unit is None and v.unit == "%"]
        names = self.relative_names(expr)
        if in_points and shares:
            value = shares[0]
            number = value.text.rstrip("%％")
            rest = str(_HUNDRED - (value.number or 0)) if said == "低" else str(_HUNDRED + (value.number or 0))
            self.err("GR302", value.span, detail=built(
                "{left}与{right}都是百分比,「{said}{value}」是{said}{number}个百分点(两者之差),还是{said}{right}的{value}?",
                left=names[0], right=names[1], value=value.text, number=number, said=said),
                help=built("两者之差写作「{left}比{other}{said}{number}个百分点」;按{right}的份额写作「{left}{word}{right}的{rest}%」",
                           left=names[0], right=names[1], number=number, said=said,
                           other="上年" if expr.word == "比上年" else names[1],
                           word="低于" if said == "低" else "高于", rest=rest))
            return None
        if not in_points and points:
            value = points[0]
            self.err("GR302", value.span, detail=built("{left}不是百分比,「{value}」说不通:个百分点是两个百分比之差",
                                                       left=names[0], value=value.text),
                     help=built("{said}{right}的百分之几写作「{said}{number}%」", right=names[1], said=said,
                                number=value.text.replace("个百分点", "").replace("百分点", "")))
            return None
        test = self.compare(operand, comp, text)
        if test is None:
            return None
        interval = test.interval
        if interval.low is None or interval.low < 0 or (interval.low == 0 and interval.low_closed):
            # 低 says below, 高/增长 above: 低5%以内 is 0% < x ≤ 5%, a unit at or over the other value falls in none
            interval = m.Interval(Decimal(0), False, interval.high, interval.high_closed)
        return attrs.evolve(test, interval=interval, meaning=describe_interval(interval, "%"))

    @staticmethod
    def relative_names(expr: ast.Relative) -> tuple[str, str]:
        return _written(expr.left), _written(expr.right)

    def lead_without_relative(self, cond: ast.CondCompare) -> None:
        comp = cond.comparison
        self.err("GR210", comp.span, detail=built("「{text}」说的是比另一个值低多少,前面没有写「「…」比「…」低…」", text=comp.text),
                 help="写出比的是哪两个值:「「完成数」比「下达任务」低5%以内的,扣2分,低5%-10%的,扣4分」")


def _written(expr) -> str:
    from ..printer import expr_text  # a side as written, for messages
    return expr_text(expr)
