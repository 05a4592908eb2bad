"""Scoring a cohort: the units scored together, and the values computed over them.

Facts with a cohort definition (model.Cohort) are not given by the units; they are computed:
first those over facts (ranks and aggregates of given facts), then those over scores. Scoring
runs in rounds: a node that reads a value over scores not computed yet is not final; a value is
computed once the node it reads is final for every unit it covers; units with nodes not final are
scored again. A value that would wait for itself is reported (GR422) rather than guessed.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

import attrs

from . import model as m
from .diagnostics import Diagnostic, make
from ._runtime import _say
from .evaluate import score_unit, speak, test_holds
from .numerals import format_decimal as fmt
from .result import Line, Result

AVERAGE_PLACES = Decimal("0.01")


@attrs.frozen
class Unit:
    name: str
    category: str | None
    values: dict  # checked values (facts.FactChecker), cohort facts not yet filled in


class _Values(dict):
    """Values in which a cohort value not computed yet reads as empty, and taints every node
    being scored at that moment (the node and its ancestors): their scores are not final yet."""

    def __init__(self, values: dict, waiting: set[str]) -> None:
        super().__init__(values)
        self.waiting = waiting
        self.stack: list[int] = []
        self.tainted: set[int] = set()

    @contextmanager
    def track(self, node_id: int):
        self.stack.append(node_id)
        try:
            yield
        finally:
            self.stack.pop()

    def get(self, key, default=None):
        if key in self.waiting:
            self.tainted.update(self.stack)
            return None
        return super().get(key, default)


def cohort_facts(rubric: m.Rubric) -> list[m.Fact]:
    return [f for f in rubric.facts.values() if f.cohort is not None]


def given_cohort_values(rubric: m.Rubric, units: list[Unit]) -> list[Diagnostic]:
    """Cohort values are computed, never typed in (that is where staff went wrong)."""
    return [make("GR421", unit=u.name, fact=f.name) for u in units for f in cohort_facts(rubric)
            if u.values.get(f.name) is not None]


def score_cohort(rubric: m.Rubric, units: list[Unit], line_of: Callable | None = None
                 ) -> tuple[list[Result], list[Diagnostic]]:
    """Every unit's result, in the order given, or the problems that stop the cohort being scored."""
    problems = given_cohort_values(rubric, units)
    if problems:
        return [], problems
    speak()  # the lines computed here before any unit is scored
    values = {u.name: dict(u.values) for u in units}
    explained: dict[str, list[Line]] = {u.name: [] for u in units}
    computed = cohort_facts(rubric)
    over_facts = [f for f in computed if f.cohort.source == "fact"]
    over_scores = [f for f in computed if f.cohort.source != "fact"]

    for fact in over_facts:
        _compute(rubric, fact, units, values, explained, lambda u: values[u.name].get(fact.cohort.fact))

    results: dict[str, Result] = {}
    tainted: dict[str, set[int]] = {}
    waiting = {f.name for f in over_scores}
    pending = list(units)
    while True:
        for unit in pending:
            tracked = _Values(values[unit.name], waiting)
            results[unit.name] = score_unit(rubric, tracked, unit.name, unit.category, line_of)
            tainted[unit.name] = tracked.tainted
        progress = False
        for fact in over_scores:
            if fact.name not in waiting:
                continue
            members = [u for u in units if _member(rubric, fact.cohort, u, values[u.name])]
            if any(_not_final(tainted[u.name], fact.cohort) for u in members):
                continue
            _compute(rubric, fact, units, values, explained,
                     lambda u: _score_of(results.get(u.name), fact.cohort), members)
            waiting.discard(fact.name)
            progress = True
        pending = [u for u in units if tainted[u.name]]
        if not pending:
            break
        if not progress:
            stuck = sorted(waiting)
            return [], [make("GR422", fact=stuck[0],
                             detail="参与计算的单位中有单位的这一得分本身要用到它:" + "、".join(u.name for u in pending))]
    ordered = []
    for unit in units:
        result = results[unit.name]
        ordered.append(attrs.evolve(result, total_lines=tuple(explained[unit.name]) + result.total_lines))
    return ordered, []


def _member(rubric: m.Rubric, cohort: m.Cohort, unit: Unit, values: dict) -> bool:
    if cohort.categories is not None and unit.category not in cohort.categories:
        return False
    if cohort.scope is not None and not test_holds(rubric, cohort.scope, values, unit.category):
        return False
    return True


def _not_final(tainted: set[int], cohort: m.Cohort) -> bool:
    return bool(tainted) if cohort.source == "total" else cohort.node in tainted


def _score_of(result: Result | None, cohort: m.Cohort) -> Decimal | None:
    if result is None:
        return None
    if cohort.source == "total":
        return result.total
    for node in result.nodes():
        if node.node_id == cohort.node:
            return node.score
    return None


def _compute(rubric, fact: m.Fact, units: list[Unit], values: dict, explained: dict,
             value_of: Callable[[Unit], Any], members: list[Unit] | None = None) -> None:
    cohort = fact.cohort
    if members is None:
        members = [u for u in units if _member(rubric, cohort, u, values[u.name])]
    measured = [(u, value_of(u)) for u in members]
    measured = [(u, v) for u, v in measured if v is not None]
    scope = _say("{count}个单位", count=len(measured)) if measured else _say("没有单位")
    if cohort.kind == "rank":
        # one sort, then a binary search per unit: no worse than sorting however large the cohort
        ordered = sorted(v for _, v in measured)
        own_values = {u.name: v for u, v in measured}
        for unit in units:
            own = own_values.get(unit.name)
            if own is None:
                values[unit.name][fact.name] = None
                explained[unit.name].append(Line(_say("「{fact}」:本单位不参与此排名({how})", fact=fact.name,
                                                      how=cohort.text), None))
                continue
            below, above = bisect_left(ordered, own), len(ordered) - bisect_right(ordered, own)
            better = above if cohort.descending else below
            tied = len(ordered) - below - above - 1
            rank = Decimal(better + 1)
            values[unit.name][fact.name] = rank
            tie = _say(",与{count}个单位并列", count=tied) if tied else ""
            explained[unit.name].append(Line(
                _say("「{fact}」= 第{rank}名({how};在{scope}中{tie};并列者名次相同,其后名次顺延)", fact=fact.name,
                     rank=fmt(rank), how=cohort.text, scope=scope, tie=tie), rank))
        return
    numbers = [v for _, v in measured]
    if not numbers:
        value, how = None, _say("{how}:没有符合条件的单位,此值为空,用到它的条款不计分", how=cohort.text)
    elif cohort.kind == "min":
        value = min(numbers)
        how = _say("{how}:在{scope}中为{value}", how=cohort.text, scope=scope, value=fmt(value))
    elif cohort.kind == "max":
        value = max(numbers)
        how = _say("{how}:在{scope}中为{value}", how=cohort.text, scope=scope, value=fmt(value))
    else:
        exact = sum(numbers, Decimal(0)) / len(numbers)
        value = exact.quantize(AVERAGE_PLACES, ROUND_HALF_UP).normalize()
        shown = " + ".join(fmt(n) for n in numbers)
        rounded = "" if value == exact else _say("(保留两位小数,四舍五入)")
        how = f"{cohort.text}:({shown}) ÷ {len(numbers)} = {fmt(value)}{rounded}"
    # one value for every unit, and one line: the sum behind an average names every unit's number, so a
    # line per unit would make the cohort's memory and time grow with the square of its size
    line = Line(f"「{fact.name}」= {_say('空') if value is None else fmt(value)}({how})", value)
    for unit in units:
        values[unit.name][fact.name] = value
        explained[unit.name].append(line)
