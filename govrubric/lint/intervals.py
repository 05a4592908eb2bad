"""Sets of values as sorted, disjoint intervals, over the real or the whole numbers a fact can take.

Tier analysis asks which values no tier claims and which a later tier claims after an earlier
one; the range analysis asks which tier of the final-score rules a total falls in. Integer
facts (次数, 名次 …) are normalised to closed ranges of whole numbers so that 「前30名(含)」 and
「31名以后」 meet with no gap, while 「<30」 and 「>30」 on a percentage leave 30 uncovered.
"""
from __future__ import annotations

from ..i18n import built

import bisect
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import attrs

from .. import model as m
from ..numerals import format_number as fmt

Interval = m.Interval


@attrs.frozen
class Domain:
    """The values one operand can take: whole numbers or reals, from low to high (None: unbounded)."""

    integer: bool
    low: Decimal
    high: Decimal | None
    unit: str = ""

    def whole(self) -> Interval:
        return Interval(self.low, True, self.high, self.high is not None)


def domain_for(kind: str, fact: m.Fact | None = None) -> Domain:
    if kind == "percent":
        return Domain(False, Decimal(0), Decimal(100), "%")
    if kind == "rank":
        return Domain(True, Decimal(1), None, "名")
    if kind in ("count", "days", "months"):
        unit = {"days": "天", "months": "个月"}.get(kind, "")
        return Domain(True, Decimal(0), None, unit)
    if kind == "score":
        low = fact.low if fact is not None and fact.low is not None else Decimal(0)
        return Domain(False, low, fact.high if fact is not None else None, "分")
    if kind == "quantity":
        return Domain(False, Decimal(0), None, fact.measure if fact is not None else "")
    return Domain(False, Decimal(0), None, "")


# Arithmetic that subtracts can be below 0 (「实际」−「目标」); far enough down for any value a unit gives.
_FAR_BELOW = Decimal("-1E+15")


def arith_domain(operand: m.Arith) -> Domain:
    """The values arithmetic between facts can take: reals (a quotient need not be whole), from 0 unless it
    subtracts; shown with a comparison's unit (%, 亩 …) or none."""
    def subtracts(o) -> bool:
        return isinstance(o, m.Arith) and (o.op == "-" or subtracts(o.left) or subtracts(o.right))

    unit = {"percent": "%", "quantity": operand.measure or ""}.get(operand.kind, "")
    return Domain(False, _FAR_BELOW if subtracts(operand) else Decimal(0), None, unit)


def normalise(interval: Interval, domain: Domain) -> Interval | None:
    """The interval cut to the domain (closed integer ends for whole numbers); None when empty."""
    low, low_closed = interval.low, interval.low_closed
    high, high_closed = interval.high, interval.high_closed
    if low is None or low < domain.low:
        low, low_closed = domain.low, True
    if domain.high is not None and (high is None or high > domain.high):
        high, high_closed = domain.high, True
    if domain.integer:
        first = low.to_integral_value(ROUND_CEILING)
        if first == low and not low_closed:
            first += 1
        low, low_closed = first, True
        if high is not None:
            last = high.to_integral_value(ROUND_FLOOR)
            if last == high and not high_closed:
                last -= 1
            high, high_closed = last, True
    if high is not None:
        if low > high or (low == high and not (low_closed and high_closed)):
            return None
    else:
        high_closed = False  # an open end has no closed side: one way to write each set of values
    return Interval(low, low_closed, high, high_closed)


def _starts_before(a: Interval, b: Interval) -> bool:
    return (a.low, not a.low_closed) < (b.low, not b.low_closed)


def _meets(a: Interval, b: Interval, domain: Domain) -> bool:
    """Whether b (starting no earlier than a) overlaps or touches a, so that their union is one interval."""
    if a.high is None:
        return True
    if domain.integer:
        return b.low <= a.high + 1
    return b.low < a.high or (b.low == a.high and (a.high_closed or b.low_closed))


def union(intervals, domain: Domain) -> list[Interval]:
    parts = [normalise(i, domain) for i in intervals if i is not None]
    parts = sorted((i for i in parts if i is not None), key=lambda i: (i.low, not i.low_closed))
    merged: list[Interval] = []
    for part in parts:
        if merged and _meets(merged[-1], part, domain):
            last = merged[-1]
            if last.high is None or part.high is None:
                high, closed = None, False
            elif part.high > last.high or (part.high == last.high and part.high_closed):
                high, closed = part.high, part.high_closed
            else:
                high, closed = last.high, last.high_closed
            merged[-1] = Interval(last.low, last.low_closed, high, closed)
        else:
            merged.append(part)
    return merged


def _start(interval: Interval) -> tuple[Decimal, bool]:
    return interval.low, not interval.low_closed


def insert(merged: list[Interval], interval: Interval, domain: Domain) -> None:
    """Add an interval, in place, to a union kept as union() keeps it (sorted, disjoint, not touching);
    a tier at a time, a ladder's union grows in n log n instead of being built again for every tier."""
    part = normalise(interval, domain)
    if part is None:
        return
    low = bisect.bisect_left(merged, _start(part), key=_start)
    high = low
    while high < len(merged) and _meets(part, merged[high], domain):
        high += 1
    if low > 0 and _meets(merged[low - 1], part, domain):
        low -= 1
    merged[low:high] = union(merged[low:high] + [part], domain)


def overlapping(merged: list[Interval], interval: Interval, domain: Domain) -> list[Interval]:
    """The parts of a union kept by insert() that lie inside a normalised interval, in order."""
    if interval.high is None:
        end = len(merged)
    elif interval.high_closed:
        end = bisect.bisect_right(merged, (interval.high, False), key=_start)
    else:
        end = bisect.bisect_left(merged, (interval.high, False), key=_start)
    found = []
    for index in range(end - 1, -1, -1):  # each of these starts early enough to share a value
        both = intersect(merged[index], interval, domain)
        if both is None:
            break  # it ends before the interval starts, and so do all before it
        found.append(both)
    return found[::-1]


def intersect(a: Interval, b: Interval, domain: Domain) -> Interval | None:
    a, b = normalise(a, domain), normalise(b, domain)
    if a is None or b is None:
        return None
    later = b if _starts_before(a, b) else a
    if a.high is None or b.high is None:
        earlier = b if a.high is None else a
    else:
        earlier = a if (a.high, a.high_closed) <= (b.high, b.high_closed) else b
    return normalise(Interval(later.low, later.low_closed, earlier.high, earlier.high_closed), domain)


def complement(region: list[Interval], domain: Domain) -> list[Interval]:
    """What of the domain the region leaves out."""
    gaps: list[Interval] = []
    low, low_closed = domain.low, True
    for part in union(region, domain):
        gap = normalise(Interval(low, low_closed, part.low, not part.low_closed), domain)
        if gap is not None:
            gaps.append(gap)
        if part.high is None:
            return gaps
        low, low_closed = part.high, not part.high_closed
    tail = normalise(Interval(low, low_closed, domain.high, domain.high is not None), domain)
    if tail is not None:
        gaps.append(tail)
    return gaps


def intersect_all(region: list[Interval], other: list[Interval], domain: Domain) -> list[Interval]:
    found = []
    for a in region:
        for b in other:
            both = intersect(a, b, domain)
            if both is not None:
                found.append(both)
    return union(found, domain)


def subtract(region: list[Interval], other: list[Interval], domain: Domain) -> list[Interval]:
    return intersect_all(region, complement(union(other, domain), domain), domain)


def unbounded_side(interval: Interval) -> str | None:
    """"low" for ≤/< forms, "high" for ≥/> forms, None for a range with both ends written."""
    if interval.low is None and interval.high is not None:
        return "low"
    if interval.high is None and interval.low is not None:
        return "high"
    return None


def sample(interval: Interval, domain: Domain) -> Decimal:
    """A value inside the interval that shows it: its middle, or next to its one end."""
    if not all(isinstance(x, (Decimal, type(None))) for x in (interval.low, interval.high)):
        return _sample_exact(interval, domain)
    if interval.high is None:
        return interval.low if interval.low_closed else interval.low + (1 if domain.integer else Decimal("0.5"))
    if domain.integer:
        return interval.low
    if interval.low_closed and interval.low == interval.high:
        return interval.low
    return (interval.low + interval.high) / 2


def _sample_exact(interval: Interval, domain: Domain) -> Decimal:
    """sample() for an interval with an end that is no finite decimal (1/3000): a decimal inside it."""
    from fractions import Fraction

    low = Fraction(interval.low)
    if interval.high is None:
        middle = low + (1 if domain.integer else Fraction(1, 2))
    else:
        middle = (low + Fraction(interval.high)) / 2
    decimal = Decimal(middle.numerator) / Decimal(middle.denominator)
    return decimal.quantize(Decimal("1e-12")) if interval.contains(decimal.quantize(Decimal("1e-12"))) else decimal


def listed(parts) -> str:
    """Sets of values (describe()) joined by 、; one alone stays the built() phrase it is, so that it is said in
    English too."""
    parts = list(parts)
    return parts[0] if len(parts) == 1 else "、".join(parts)


def describe(interval: Interval, domain: Domain) -> str:
    """In words a staffer reads: 大于92%且小于93%, 第4名至第5名, 30名, 不少于11名."""
    unit = domain.unit

    def f(x: Decimal) -> str:
        return f"{fmt(x)}{unit}"

    low, high = interval.low, interval.high
    if high is not None and low == high:
        return built("恰为{value}", value=f(low))
    if high is None:
        return built("不低于{value}" if interval.low_closed else "高于{value}", value=f(low))
    if domain.integer:
        return built("{low}至{high}", low=f(low), high=f(high))
    if interval.low_closed:
        template = "不低于{low}且不高于{high}" if interval.high_closed else "不低于{low}且低于{high}"
    else:
        template = "高于{low}且不高于{high}" if interval.high_closed else "高于{low}且低于{high}"
    return built(template, low=f(low), high=f(high))
