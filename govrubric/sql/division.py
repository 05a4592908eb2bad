"""Exact division in SQL: reciprocals, floor division in integers, half-up rounding to the stated places."""
from __future__ import annotations

from decimal import Decimal

from .algebra import ZERO, Cond, Num, add, case, compare, const, mul, neg, typed
from .base import SqlBase
from .columns import Unsupported


class DivisionSql(SqlBase):
    """Exact division in SQL: reciprocals, floor division in integers, half-up rounding to the stated places."""

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
