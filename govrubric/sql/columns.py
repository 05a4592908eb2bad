"""The facts table the compiled query reads: one row per unit, one column per fact, and the SQL type of each.

The types bound every number the query computes, so that the compiler can give every intermediate result a
DECIMAL type that holds it exactly (query.py) or refuse. A value that does not fit its column (more than
DECIMAL_PLACES decimals, or WHOLE_DIGITS digits before the point) is refused when facts are loaded
(duck.py, GR602), never rounded.
"""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import model as m

WHOLE_DIGITS = 15  # counts, days, ranks, ratios, scores: below 10^15
DECIMAL_PLACES = 10  # at most ten decimals in a percentage, ratio, score or 视情 amount
MAX_UNITS = 10 ** 9  # the sums behind an average are typed for up to a billion units
MAX_MATTERS = 10 ** 6  # 清单 matters in one unit's value
UNIT_COLUMN = "单位"
CATEGORY_COLUMN = "单位类别"

_BELOW = Decimal(10) ** WHOLE_DIGITS - 1


@attrs.frozen
class Column:
    """How one fact is held: kind "bool", "text", "list" or "number" (then bound = the largest |value| and
    scale = the decimals)."""

    fact: str
    kind: str
    bound: Decimal = Decimal(0)
    scale: int = 0

    def sql_type(self, dialect) -> str:
        if self.kind == "bool":
            return "BOOLEAN"
        if self.kind == "text":
            return dialect.string_type
        if self.kind == "list":
            return dialect.list_type()
        return decimal_type(self.bound, self.scale)


def digits(bound: Decimal) -> int:
    """Digits before the point needed for every value up to bound (at least one)."""
    whole = int(bound.to_integral_value(rounding="ROUND_FLOOR"))
    return max(1, len(str(whole)))


def decimal_type(bound: Decimal, scale: int) -> str:
    return f"DECIMAL({digits(bound) + scale},{scale})"


def column_of(fact: m.Fact) -> Column:
    """The column of a fact the unit gives (values computed over the cohort have none)."""
    kind = fact.kind
    if kind == "bool":
        return Column(fact.name, "bool")
    if kind == "choice":
        return Column(fact.name, "text")
    if kind == "list":
        return Column(fact.name, "list")
    if kind in ("count", "days", "months", "rank"):
        return Column(fact.name, "number", _BELOW, 0)
    if kind == "percent":
        return Column(fact.name, "number", Decimal(100), DECIMAL_PLACES)
    if kind == "score" and fact.high is not None:
        low = fact.low if fact.low is not None else Decimal(0)
        return Column(fact.name, "number", max(abs(low), abs(fact.high)), DECIMAL_PLACES)
    if kind in ("ratio", "score", "discretionary", "quantity"):  # 视情: the sum of the amounts given; 计量值: 平方米, 万元 …
        return Column(fact.name, "number", _BELOW, DECIMAL_PLACES)
    raise Unsupported(f"事实「{fact.name}」的类型「{m.KIND_ZH.get(kind, kind)}」", fact.span)


def fits(column: Column, value: Decimal) -> bool:
    """Whether a checked value is held exactly by its column."""
    if column.kind != "number":
        return True
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 99
    if places > column.scale:
        places = max(0, -value.normalize().as_tuple().exponent)
    return places <= column.scale and abs(value) <= column.bound


class Unsupported(Exception):
    """A construct the SQL backend cannot compute exactly: refused at compile time (GR601), never approximated."""

    def __init__(self, what: str, span=None) -> None:
        super().__init__(what)
        self.what = what
        self.span = span
