"""GL301, GL302, GL502 for the grades (等次): the grade rules are a tier ladder on the total, and the same
findings apply. A total no grade rule covers gets no grade (GL301); a total two rules cover gets the
first one's grade (GL302, by the overlap rule of tiers.py: thresholds open the same way, 「90分以上的为
优秀;80分以上的为良好」, overlap on purpose); a grade no total can get is never given (GL502).

Only totals the rubric can reach count (the range analysis, reach.py, after the rules on the total), so
a ladder that covers them all has no gap. A grade rule on the unit's facts (「发生特别重大事故」的,为
「不合格」) may hold or not whatever the total: it covers no totals. Witnesses are facts whose total falls
in the gap or the shared values, found by walking from the facts of the lowest total to those of the
highest, one fact at a time, halving a step that jumps over the values sought; where none is found
(totals that move in whole points never land strictly between 79 and 80) a gap is only a hint.
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any, Callable

from .. import model as m
from ..diagnostics import HINT, WARNING
from ..evaluate import on_total
from ..numerals import format_decimal as fmt
from .context import Context
from .intervals import Domain, complement, describe, insert, listed, intersect, normalise, overlapping, union, unbounded_side
from .reach import End
from .tiers import as_written, between, claims_explicitly, clean, facts_where
from .witness import score, shrink
from ..i18n import built

SCORINGS = 400  # totals computed in one witness search
HALVINGS = 64  # enough to narrow a big count (lint's 很大的数) down to one
WHOLE_KINDS = frozenset({"count", "rank", "days", "months"})
PLACES = Decimal("0.01")


def check(ctx: Context) -> None:
    grades = ctx.rubric.grades
    if grades is None:
        return
    claims = [(i, t.test) for i, t in enumerate(grades.tiers) if t.test is not None and on_total(ctx.rubric, t.test)]
    if not claims:
        return
    search = _Search(ctx)
    if all(t.test is not None for t in grades.tiers):
        _gaps(ctx, search, grades, claims)
    elif grades.tiers[-1].test is None:
        _caught(ctx, search, grades, claims)
    _overlaps(ctx, search, grades, claims)
    _after_every_total(ctx, search, grades)


def _gaps(ctx: Context, search: "_Search", grades: m.Tiered, claims) -> None:
    """GL301: reachable totals no grade rule on the total covers."""
    gaps = complement([test.interval for _, test in claims], search.domain)
    if not gaps:
        return
    name = ctx.rubric.total_name
    witness = _witness_in(ctx, search, gaps, built("没有任何一档等次适用,不评等次"))
    help = "补上缺少的一档(或写「否则为「…」」),或改动相邻两档的端点使它们相接(注意「含」「不含」)"
    spaced = _whole_number_gap(gaps)
    if spaced is not None:  # 「80分(含)—89分」 beside 「90分以上」: the source's own gap between whole numbers
        low, high = spaced
        help = built("{help};{low}分与{high}分之间(如{middle}分)是原文整数写的两档之间的空档(档间空隙),要归入低一档就把那一档的上端写作「{high}分(不含)」",
                     help=built(help), low=fmt(low), high=fmt(high), middle=fmt((low + high) / 2))
    ctx.report("GL301", grades.span, severity=WARNING if witness is not None else HINT, item=None,
               detail=built("{name}{values}", name=f"「{name}」", values=listed(_show(g, search.domain) for g in gaps)),
               consequence="不评等次",
               witness=witness, help=help)


def _whole_number_gap(gaps: list[m.Interval]):
    """The ends of the first gap strictly between two numbers one last-digit unit apart (89 and 90, 99.5 and 99.6)."""
    for gap in gaps:
        if gap.low is None or gap.high is None or gap.low_closed or gap.high_closed:
            continue
        if not isinstance(gap.low, Decimal) or not isinstance(gap.high, Decimal):
            continue
        unit = Decimal(1).scaleb(min(gap.low.normalize().as_tuple().exponent, gap.high.normalize().as_tuple().exponent, 0))
        if gap.high - gap.low == unit:
            return gap.low, gap.high
    return None


def _witness_in(ctx: Context, search: "_Search", gaps: list[m.Interval], what: str):
    """Facts of a unit whose total falls in the first gap one can be found for, and what then happens."""
    for gap in gaps:
        found = search.total_in(gap)
        if found is not None:
            facts, category, total = found
            return ctx.witness(facts, category, built("「{total}」为{amount}分,{what}", total=ctx.rubric.total_name,
                                                      amount=fmt(total), what=what))
    return None


def _after_every_total(ctx: Context, search: "_Search", grades: m.Tiered) -> None:
    """GL502 for a grade rule on the unit's facts written after rules that already grade every reachable total
    (「…60分以下的为「不合格」。「发生特别重大事故」的,为「不合格」」: it never gets its turn)."""
    covered: list[m.Interval] = []
    for tier in grades.tiers:
        if tier.test is None:
            return  # 否则 is the last rule
        if on_total(ctx.rubric, tier.test):
            covered = union(covered + [tier.test.interval], search.domain)
            continue
        if covered == [search.domain.whole()]:
            found = facts_where(ctx, tier.test)
            witness = None
            if found is not None:
                facts, category = found
                result = score(ctx.domains, facts, category)
                witness = ctx.witness(facts, category, built("「{total}」为{amount}分,按前面的等次规则评为「{grade}」",
                                                             total=ctx.rubric.total_name, amount=fmt(result.total),
                                                             grade=result.grade), scope=list(facts))
            ctx.report("GL502", tier.span, severity=WARNING, item=None, witness=witness,
                       detail=built("这一档「{x}」永远不会起作用:前面的等次规则已给「{total_name}」能取到的每个分数评了等次",
                                    x=clean(tier.text), total_name=ctx.rubric.total_name),
                       help="按事实定的等次(一票否决)要写在按总分分档的等次规则之前")


def _caught(ctx: Context, search: "_Search", grades: m.Tiered, claims) -> None:
    """GL306: reachable totals between two written grades that the last 「否则为「…」」 takes
    (「90分以上的为优秀;80—89分的为良好;否则为一般」: 89.5 is 一般)."""
    gaps = between(complement([test.interval for _, test in claims], search.domain), search.domain)
    if not gaps:
        return
    last = grades.tiers[-1]
    otherwise = as_written(last.text)
    name = ctx.rubric.total_name
    witness = _witness_in(ctx, search, gaps, built("评为「{grade}」", grade=last.outcome.grade))
    ctx.report("GL306", last.span, severity=WARNING if witness is not None else HINT, item=None,
               detail=f"「{name}」" + "、".join(_show(g, search.domain) for g in gaps), otherwise=otherwise,
               witness=witness,
               help="「否则」是给写明的各档以外的分数的;改动相邻两档的分数线使它们相接(注意「含」「不含」),"
                    "如「80—90分(不含)」")


def _overlaps(ctx: Context, search: "_Search", grades: m.Tiered, claims) -> None:
    """GL302 for totals a later grade rule shares with an earlier one (tiers._overlaps, on the total);
    GL502 for a rule whose totals are all taken before it, or out of reach."""
    domain = search.domain
    earlier_by_side: dict[str | None, list[m.Interval]] = {"low": [], "high": [], None: []}
    everything: list[m.Interval] = []
    for index, test in claims:
        tier = grades.tiers[index]
        mine = normalise(test.interval, domain)
        if mine is None or union(everything + [mine], domain) == union(everything, domain):
            why = "前面的等次规则已包含它的全部总分" if mine is not None else search.out_of_reach()
            ctx.report("GL502", tier.span, severity=WARNING, item=None,
                       detail=built("这一档「{x}」永远评不出「{outcome_grade}」:{why}",
                                    x=clean(tier.text), outcome_grade=tier.outcome.grade, why=why),
                       help="核对这一档的分数线和各档的先后;按书写顺序,第一条成立的等次规则给出等次")
        else:
            side = unbounded_side(test.interval)
            shared = [part for key, merged in earlier_by_side.items() if side is None or key != side
                      for part in overlapping(merged, mine, domain)]
            if shared:
                _report_overlap(ctx, search, grades, claims, index, test, union(shared, domain))
        insert(earlier_by_side[unbounded_side(test.interval)], test.interval, domain)
        everything = union(everything + [test.interval], domain)


def _report_overlap(ctx: Context, search: "_Search", grades: m.Tiered, claims, index: int, later: m.InRange,
                    region: list[m.Interval]) -> None:
    domain = search.domain
    side = unbounded_side(later.interval)
    earlier_index, earlier = next((i, t) for i, t in claims if i < index
                                  and not (side is not None and side == unbounded_side(t.interval))
                                  and intersect(t.interval, later.interval, domain) is not None)
    explicit = claims_explicitly(later, region)
    first, then = grades.tiers[earlier_index].outcome.grade, grades.tiers[index].outcome.grade
    witness = None
    found = search.total_in(region[0])
    if found is not None:
        facts, category, total = found
        witness = ctx.witness(facts, category, built("「{total}」为{amount}分,按前一档评为「{first}」,不评「{then}」",
                                                     total=ctx.rubric.total_name, amount=fmt(total), first=first,
                                                     then=then))
    ctx.report("GL302", grades.tiers[index].span, severity=WARNING if explicit else HINT, item=None,
               later=later.text, earlier=earlier.text, values=listed(_show(r, domain) for r in region),
               witness=witness, related=((grades.tiers[earlier_index].span, "前一档"),),
               help="让相邻两档在分数线处只有一档包含本数,如「80分(含)以上」与「60—80分(不含)」")


def _show(interval: m.Interval, domain: Domain) -> str:
    """describe(), also for a gap that runs down without end (a total with no lower bound)."""
    if interval.low is not None and interval.low.is_infinite():
        if interval.high is None:
            return built("任意分数")
        return built("不高于{value}" if interval.high_closed else "低于{value}", value=f"{fmt(interval.high)}{domain.unit}")
    return describe(interval, domain)


class _Search:
    """Facts whose total falls in a set of totals, by a walk between the lowest and the highest total's facts."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        reach = ctx.analysis.total()
        self.ends: list[End] = [reach.low, reach.high]
        high = reach.high.value
        self.domain = Domain(False, reach.low.value, high if high.is_finite() else None, "分")
        self.budget = SCORINGS

    def out_of_reach(self) -> str:
        low, high = self.domain.low, self.domain.high
        if low.is_finite() and high is not None:
            return built("「{total}」只能在{low}分到{high}分之间", total=self.ctx.rubric.total_name, low=fmt(low),
                         high=fmt(high))
        return built("「{total}」到不了这一档", total=self.ctx.rubric.total_name)

    def total(self, facts: dict[str, Any], category: str | None) -> Decimal | None:
        if self.budget <= 0:
            return None
        self.budget -= 1
        return score(self.ctx.domains, facts, category).total

    def total_in(self, region: m.Interval) -> tuple[dict[str, Any], str | None, Decimal] | None:
        """(facts, category, total) with the total in the region, made small; None when none is found."""
        def side(total: Decimal) -> int:
            if region.low is not None and (total < region.low or (total == region.low and not region.low_closed)):
                return -1
            if region.high is not None and (total > region.high or (total == region.high and not region.high_closed)):
                return 1
            return 0

        for start, goal in (self.ends, self.ends[::-1]):
            if not start.value.is_finite():
                continue
            facts = self._walk(start, goal, side)
            if facts is not None:
                category = start.category
                small = shrink(self.ctx.domains, facts, lambda f: side(self._score(f, category)) == 0) or facts
                return small, category, self._score(small, category)
        return None

    def _score(self, facts: dict[str, Any], category: str | None) -> Decimal:
        return score(self.ctx.domains, facts, category).total  # a witness is always checked, whatever the budget

    def _walk(self, start: End, goal: End, side: Callable[[Decimal], int]) -> dict[str, Any] | None:
        category, neutral = start.category, self.ctx.domains.neutral
        current, target = start.assignment(), goal.assignment()
        here = self.total(current, category)
        if here is None or side(here) == 0:
            return current if here is not None else None
        for name in dict.fromkeys([*current, *target]):
            before, after = current.get(name, neutral(name)), target.get(name, neutral(name))
            if before == after:
                continue
            trial, there, inside = self._landed(current, name, after, category, side)
            if inside or there is None:
                return trial if inside else None
            if side(there) != side(here) and isinstance(before, Decimal) and isinstance(after, Decimal):
                found = self._halve(current, name, (before, here), (after, there), side, category)
                if found is not None:
                    return found
            current, here = trial, there
        return None

    def _landed(self, facts, name: str, value, category, side) -> tuple[dict[str, Any], Decimal | None, bool]:
        """The facts with one value changed, their total (None once the search is spent), whether it is inside."""
        trial = {**facts, name: value}
        total = self.total(trial, category)
        return trial, total, total is not None and side(total) == 0

    def _halve(self, facts, name: str, a, b, side, category) -> dict[str, Any] | None:
        """One fact between two values whose totals lie on either side of the region: halve until inside."""
        whole = self.ctx.rubric.facts[name].kind in WHOLE_KINDS
        (x, tx), (y, _) = a, b
        for _ in range(HALVINGS):
            try:
                middle = (x + y) / 2
                middle = middle.to_integral_value(ROUND_FLOOR) if whole else middle.quantize(PLACES)
            except InvalidOperation:  # a value too long to round to two places is no witness anyone reads
                return None
            if middle in (x, y):
                return None
            trial, total, inside = self._landed(facts, name, middle, category, side)
            if inside or total is None:
                return trial if inside else None
            if side(total) == side(tx):
                x, tx = middle, total
            else:
                y = middle
        return None
