"""Typed SQL expressions: DECIMAL values whose precision and scale are known (Num), conditions that are never
NULL (Cond), other values (Val), and the arithmetic on them the query is built from."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .columns import Unsupported, digits

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
