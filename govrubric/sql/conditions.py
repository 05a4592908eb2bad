"""Conditions and operands as SQL: comparisons, 是否 facts, arithmetic between facts, ranges."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .. import model as m
from .algebra import FALSE, Cond, Num, add, both, compare, const, either, mul, sub
from .base import SqlBase
from .columns import Unsupported


class ConditionSql(SqlBase):
    """Conditions and operands as SQL: comparisons, 是否 facts, arithmetic between facts, ranges."""

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
        if op == "min":
            raise Unsupported(f"按上限计的事实「{operand.text}」")

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
