"""Long tier ladders answered by bisection (lint/ladder.py) and unions grown tier by tier
(intervals.insert, intervals.overlapping): the same answers as trying every tier, every interval."""
from decimal import Decimal as D
from unittest import mock

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govrubric
from govrubric import model as m
from govrubric.lint import ladder as ladder_module
from govrubric.lint import lint
from govrubric.lint.intervals import Domain, insert, intersect, overlapping, union
from govrubric.lint.ladder import ladder_of
from govrubric.lint.reach import Analysis
from helpers import ok
from strategies import valid_rubric_texts

RATE = m.FactRef("率", "percent")
GRID = [D(n) / 2 for n in range(-2, 15)]  # ends drawn from 0 … 6 in halves; values a little beyond


@st.composite
def intervals(draw) -> m.Interval:
    low = draw(st.one_of(st.none(), st.sampled_from(GRID[2:-2])))
    high = draw(st.one_of(st.none(), st.sampled_from([g for g in GRID[2:-2] if low is None or g >= low])))
    return m.Interval(low, draw(st.booleans()), high, draw(st.booleans()))


@st.composite
def ladders(draw) -> m.Tiered:
    tiers = []
    for index in range(draw(st.integers(1, 12))):
        test = None if draw(st.integers(0, 9)) == 0 else m.InRange(RATE, draw(intervals()), "", "", "%")
        tiers.append(m.Tier(test, m.Outcome("award", D(index)), ""))
    return m.Tiered(tuple(tiers), None, None, "")


def first_by_trying(rule: m.Tiered, value) -> int | None:
    """As evaluate.py's tiered() does: the first tier that holds (an unfilled operand holds no comparison)."""
    for index, tier in enumerate(rule.tiers):
        if tier.test is None or (value is not None and tier.test.interval.contains(value)):
            return index
    return None


@given(ladders())
def test_the_index_finds_the_tier_that_trying_them_in_turn_finds(rule):
    assume(any(t.test is not None for t in rule.tiers))
    ladder = ladder_of(rule, shortest=1)
    between = [(a + b) / 2 for a, b in zip(GRID, GRID[1:])]
    for value in [None, D(-100), D(100), *GRID, *between]:
        assert ladder.first(value) == first_by_trying(rule, value), value


def test_clauses_that_are_not_ladders_are_tried_in_turn():
    other = m.InRange(m.FactRef("次数", "count"), m.Interval(D(1), True, None, False), "", "", "次")
    mixed = m.Tiered(tuple(m.Tier(m.InRange(RATE, m.Interval(D(i), True, None, False), "", "", "%")
                                  if i % 2 else other, m.Outcome("award", D(1)), "") for i in range(10)),
                     None, None, "")
    assert ladder_of(mixed) is None
    short = m.Tiered(mixed.tiers[1:2] * 3, None, None, "")
    assert ladder_of(short) is None and ladder_of(short, shortest=1) is not None


REALS = Domain(False, D(0), D(100), "%")
WHOLE = Domain(True, D(0), None, "")


@given(st.lists(intervals(), max_size=12), intervals(), st.sampled_from([REALS, WHOLE]))
def test_a_union_grown_one_interval_at_a_time_is_the_union(parts, probe, domain):
    merged: list[m.Interval] = []
    for part in parts:
        insert(merged, part, domain)
    assert merged == union(parts, domain)
    mine = union([probe], domain)
    assume(mine)
    inside = union([x for x in (intersect(p, mine[0], domain) for p in parts) if x is not None], domain)
    assert union(overlapping(merged, mine[0], domain), domain) == inside


LADDER_RUBRIC = """
一、【网办率】(1分)
  事实「全程网办率」:百分比
  「全程网办率」达到99%得1分,达到98%得0.9分,达到97%得0.8分,96%—97%(不含)得0.7分,达到95%得0.6分,
  达到94%得0.5分,达到93%得0.4分,90%—93%得0.3分,达到80%得0.2分,低于80%不得分,最高不超过0.8分。
"""


def _same_everywhere(loaded) -> None:
    """Lint and every range, with every ladder narrowed by the index and with none."""
    def everything():
        analysis = Analysis(loaded.model)
        ranges = [analysis.node(n) for n in loaded.model.nodes()] + [analysis.total()]
        findings = [(f.code, f.item, f.diagnostic.message, f.witness) for f in lint(loaded)]
        return ranges, findings

    with mock.patch.object(ladder_module, "LONG", 10**9):
        by_trying = everything()
    with mock.patch.object(ladder_module, "LONG", 1):
        by_index = everything()
    assert by_index == by_trying


def test_a_long_ladder_is_analysed_as_when_every_tier_is_tried():
    loaded = ok(LADDER_RUBRIC)
    assert ladder_of(loaded.model.roots[0].rules[0]) is not None  # ten tiers: long enough
    _same_everywhere(loaded)
    findings = {(f.code, f.item) for f in lint(loaded)}
    assert ("GL302", "一") in findings  # 90%—93% shares 93% with 达到93%


@settings(max_examples=30)
@given(st.data())
def test_narrowed_ladders_change_no_range_and_no_finding_on_drawn_rubrics(data):
    loaded = govrubric.loads(data.draw(valid_rubric_texts()), "random.rubric")
    assume(loaded.ok)
    _same_everywhere(loaded)
