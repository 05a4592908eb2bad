"""Invariants that hold for every unit: scores within their floors and caps, the same facts give
the same result in any order, and results carry no more decimal places than the rubric implies.

Each property runs on every shipped rubric (rubrics/*.rubric) with drawn facts, and on drawn
rubrics (tests/strategies.py) with drawn facts. Units are scored together with score_cohort,
the batch API, so that rubrics with values computed over a cohort are covered too; a drawn
cohort whose values cannot be computed (GR422, reported by design) is discarded.

The helpers here (SHIPPED, drawn, score_all, any_rubric …) are shared by the other property tests.
"""
from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, note, reject
from hypothesis import strategies as st
from helpers import HEAVY
from strategies import cohort_rows, many_fact_rows, valid_rubric_texts

import govrubric
from govrubric import model as m
from govrubric.evaluate import on_total

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = {path.stem: govrubric.load(str(path)) for path in sorted((ROOT / "rubrics").glob("*.rubric"))}
COHORT_CODES = {"GR422"}  # a cohort that cannot be computed is reported, not scored


# ------------------------------------------------------------------ shared helpers
def loaded(text: str) -> govrubric.Rubric:
    rubric = govrubric.loads(text, "drawn.rubric")
    assert rubric.ok, "\n".join(d.render() for d in rubric.check())
    return rubric


def drawn(text: str) -> govrubric.Rubric:
    """A drawn rubric; a text the generator got wrong is discarded (its validity is tested with the
    generator, in test_printer.py), so that these tests judge only the properties of valid rubrics."""
    rubric = govrubric.loads(text, "drawn.rubric")
    if not rubric.ok:
        reject()
    return rubric


def fillable(rubric: govrubric.Rubric) -> bool:
    """Whether a facts file can give every category and some option of every 选项 fact: cells are
    read stripped, so a name written with spaces around it cannot be given (test_regressions)."""
    model = rubric.model
    return all(c.strip() == c for c in model.categories) and all(
        any(o.strip() == o for o in fact.options) for fact in model.facts.values() if fact.kind == "choice")


def score_all(rubric: govrubric.Rubric, rows: list[dict]):
    """Every unit's result, scored as one batch; None when the cohort cannot be computed (GR422)."""
    try:
        return rubric.score_cohort(rows)
    except govrubric.GovrubricError as err:
        if {d.code for d in err.diagnostics} <= COHORT_CODES:
            return None
        raise


def scored(rubric, rows):
    note(rubric.source.text)
    results = score_all(rubric, rows)
    if results is None:
        reject()
    return results


@st.composite
def generated(draw, units: tuple[int, int] = (1, 4)):
    """A drawn rubric that checks clean, with rows of facts for a few units."""
    rubric = drawn(draw(valid_rubric_texts()))
    if not fillable(rubric):
        reject()
    return rubric, draw(cohort_rows(rubric.model, *units))


def shipped(name: str, units: tuple[int, int] = (1, 4)):
    rubric = SHIPPED[name]
    return many_fact_rows(rubric.model, *units).map(lambda rows: (rubric, rows))


def any_rubric(units: tuple[int, int] = (1, 4)):
    return st.one_of(generated(units), *[shipped(name, units) for name in SHIPPED])


# ------------------------------------------------------------------ caps and floors
def final_cap(model: m.Rubric) -> Decimal | None:
    """The highest total the rules on the total can leave, when they bound it (「超过100分的,按100分确定」).

    Every tier can produce its fixed result, or pass the total through up to its upper end; a total
    no tier claims passes through unchanged. So the rules bound the total when no tier passes an
    unbounded total through and every total above some point L is claimed (by 否则, or by a tier
    reaching upwards from L): then no total ends above the largest fixed result, upper end and L.
    A 一票否决 (a tier on the unit's facts) may hold for any total: its fixed result is a candidate,
    it claims no total, and one that passes the total through bounds nothing.
    Earlier tiers hiding later ones are ignored, so the bound is safe but may be loose."""
    final = model.final
    if final is None:
        return None
    candidates: list[Decimal] = []
    claimed_above: Decimal | None = None
    covers_all = False
    for tier in final.tiers:
        if tier.test is not None and not on_total(model, tier.test):
            if tier.outcome.amount is None:
                return None
            candidates.append(tier.outcome.amount)
            continue
        interval = tier.test.interval if tier.test is not None else None
        if tier.outcome.amount is not None:
            candidates.append(tier.outcome.amount)
        elif interval is None or interval.high is None:
            return None
        else:
            candidates.append(interval.high)
        if interval is None or (interval.high is None and interval.low is None):
            covers_all = True
        elif interval.high is None:
            claimed_above = interval.low if claimed_above is None else min(claimed_above, interval.low)
    if covers_all:
        return max(candidates)
    if claimed_above is not None:
        return max(candidates + [claimed_above])
    return None


def assert_within_bounds(model: m.Rubric, result) -> None:
    nodes = {node.id: node for node in model.nodes()}
    for got in result.nodes():
        node = nodes[got.node_id]
        where = f"{got.path}: {got.score} not in [{node.floor}, {node.cap}]"
        if not got.applicable:
            assert got.score in (node.points or 0, 0), where
            continue
        if got.vetoed:  # 0, or below it by the 倒扣 that fired (同时倒扣N分); 否决与扣分:扣分照扣 keeps a negative score
            below = sum((o.below for rule in node.rules for o in m.outcomes_of(rule) if o.below is not None), 0)
            kept = node.floor is None or node.floor < 0
            lowest = None if kept and node.floor is None else (min(node.floor, 0) if kept else 0)
            assert got.score <= 0 and (lowest is None or got.score >= lowest - below), where
            continue
        if node.floor is not None:
            assert got.score >= node.floor, where
        # 加分上限:不受本项分值限制 adds bonuses (never negative) after the cap, by design.
        if node.cap is not None and not node.bonus_uncapped:
            assert got.score <= node.cap, where
    cap = final_cap(model)
    if cap is not None:
        assert result.total <= cap


def negative_floor_stated(rubric: govrubric.Rubric) -> set[str]:
    """Paths of the items under a stated 扣分下限:可为负分 (on the item, an item above it, or the rubric)."""
    stated: set[str] = set()

    def says(settings) -> bool:
        return any(s.key == "扣分下限" and "可为负分" in s.values for s in settings)

    def walk(items, nodes, inherited: bool) -> None:
        for item, node in zip(items, nodes, strict=True):
            here = inherited or says(item.settings)
            if here:
                stated.add(node.path)
            walk(item.children, node.children, here)

    walk(rubric.tree.items, rubric.model.roots, says(rubric.tree.settings))
    return stated


def assert_declared_limits(rubric: govrubric.Rubric) -> None:
    """An item with points stays within [0, points] unless its text says otherwise: a cap only
    lowers the top, and a floor below 0 (or none) needs a limit written on the item
    (可扣至负分, 累计加减分最高为, 扣完N分为止 without points) or the stated reading 扣分下限:可为负分."""
    negative = negative_floor_stated(rubric)
    for node in rubric.model.nodes():
        if node.points is None:
            continue
        assert node.cap is not None and node.cap <= node.points, node.path
        if node.floor is None or node.floor < 0:
            assert node.limit_texts or node.path in negative, node.path


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_rubrics_limits_are_declared(name):
    assert_declared_limits(SHIPPED[name])


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_scores_within_floor_and_cap(name):
    @given(shipped(name))
    def run(case):
        rubric, rows = case
        for result in scored(rubric, rows):
            assert_within_bounds(rubric.model, result)

    run()


@HEAVY
@given(generated())
def test_generated_scores_within_floor_and_cap(case):
    rubric, rows = case
    note(rubric.source.text)
    assert_declared_limits(rubric)
    for result in scored(rubric, rows):
        assert_within_bounds(rubric.model, result)


def test_final_cap_reads_the_rules_on_the_total():
    """final_cap is what the bounds rest on: worked out by hand for the shipped and a few written rules."""
    assert final_cap(SHIPPED["yiliang-2023"].model) == Decimal(100)
    header = '细则「测试」\n'
    item = '一、【甲】(10分)\n  事实「次数」:次数\n  「次数」每1次得20分\n'
    assert final_cap(loaded(header + '「总分」超过90分的,按90分确定。\n' + item).model) == Decimal(90)
    # 达到60分的按总分确定: every total ≥ 60 passes through, so nothing bounds it
    assert final_cap(loaded(header + '「总分」达到60分的,按「总分」确定。\n' + item).model) is None
    # 60—90 passes through, above 90 becomes 95: at most 95
    both = '「总分」60—90分的,按「总分」确定;超过90分的,按95分确定。\n'
    assert final_cap(loaded(header + both + item).model) == Decimal(95)
    # above 60 becomes 90, 否则 100: the 否则 tier can give 100
    otherwise = '「总分」>60的,按90分确定,否则按100分确定。\n'
    assert final_cap(loaded(header + otherwise + item).model) == Decimal(100)
    # 一票否决 to 0, then above 90 becomes 90: at most 90; one that sets 100 may give 100 whatever the total
    veto = '事实「事故」:是否\n「事故」的,按{}确定。\n「总分」超过90分的,按90分确定。\n'
    assert final_cap(loaded(header + veto.format('0分') + item).model) == Decimal(90)
    assert final_cap(loaded(header + veto.format('100分') + item).model) == Decimal(100)
    # a veto that keeps the total as computed lets a total above 90 through
    assert final_cap(loaded(header + veto.format('「总分」') + item).model) is None


# ------------------------------------------------------------------ determinism
def by_unit(results) -> dict[str, dict]:
    return {r.unit: r.to_json() for r in results}


def scores_by_unit(results) -> dict[str, dict]:
    """Every node's score and the total, by unit. Explanations of cohort values list the units'
    numbers in the order given, so they are compared only for the same order."""
    return {r.unit: r.scores() for r in results}


@HEAVY
@given(any_rubric(units=(2, 5)), st.randoms(use_true_random=False))
def test_same_facts_same_result_in_any_order(case, rng):
    rubric, rows = case
    first = scored(rubric, rows)
    again = score_all(rubric, [dict(row) for row in rows])
    assert by_unit(again) == by_unit(first)
    shuffled = [dict(rng.sample(list(row.items()), len(row))) for row in rows]  # keys in another order
    rng.shuffle(shuffled)  # units in another order
    assert scores_by_unit(score_all(rubric, shuffled)) == scores_by_unit(first)
    assert [r.unit for r in first] == [row["单位"] for row in rows]  # results in the order given


# ------------------------------------------------------------------ exactness
def decimals_in(value) -> list[Decimal]:
    """Every Decimal inside a model value (attrs classes, tuples, dicts) or a raw fact value."""
    if isinstance(value, Decimal):
        return [value]
    if isinstance(value, str):  # only a raw percentage (「93.5%」) is a number written as text
        return [Decimal(value[:-1])] if value.endswith("%") and value[:-1].replace(".", "", 1).isdigit() else []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [d for v in value for d in decimals_in(v)]
    if isinstance(value, dict):
        return [d for v in value.values() for d in decimals_in(v)]
    if attrs.has(type(value)):
        return [d for f in attrs.fields(type(value)) if f.name != "span" for d in decimals_in(getattr(value, f.name))]
    return []


def places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def inverse_places(step: Decimal) -> int | None:
    """Decimal places of 1/step, or None when 1/step does not terminate (每3个百分点: 1/3)."""
    denominator = (Fraction(1) / Fraction(step)).denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    return max(twos, fives) if denominator == 1 else None


def places_bound(model: m.Rubric, rows: list[dict]) -> int | None:
    """The most decimal places a score may have: the most of any number written in the rubric
    or given in the facts, since sums, caps and whole multiples (0.2 × 3) add none. Two kinds of
    step add places: a proportional 「每低」 (gap ÷ step × amount: the places of each, when 1/step
    terminates; None otherwise, and the check is skipped) and averages or 按比例折算 (two places)."""
    literal = max((places(d) for d in decimals_in(model)), default=0)
    given = max((places(d) for row in rows for key, value in row.items() if key != "单位"
                 for d in decimals_in(value)), default=0)
    bound = max(literal, given)
    if model.not_applicable == "按比例折算" or any(f.cohort is not None for f in model.facts.values()):
        bound = max(bound, 2)
    for node in model.nodes():
        for rule in node.rules:
            for outcome in m.outcomes_of(rule):  # 得分=「甲」÷「乙」×10: kept to the rubric's places (at least two)
                if outcome.formula is not None:
                    bound = max(bound, outcome.places)
            if isinstance(rule, m.PerStep) and rule.proportional:
                inverse = inverse_places(rule.step)
                if inverse is None or isinstance(rule.operand, (m.Ratio, m.Arith)):
                    return None
                gap = max(bound, places(rule.threshold))
                bound = max(bound, gap + inverse + places(rule.outcome.amount or Decimal(0)))
    return bound


def assert_places_within(result, bound: int) -> None:
    numbers = [result.total, *(line.amount for line in result.total_lines)]
    for got in result.nodes():
        numbers += [got.score, *(line.amount for line in got.lines)]
    for number in numbers:
        if number is not None:
            assert places(number) <= bound, f"{number} has more than {bound} places"
            assert -number.as_tuple().exponent <= max(bound, 0) or number == 0, f"{number!r} is stored with extra zeros"


@given(any_rubric())
def test_results_have_no_more_places_than_the_rubric_implies(case):
    rubric, rows = case
    bound = places_bound(rubric.model, rows)
    if bound is None:
        reject()
    for result in scored(rubric, rows):
        assert_places_within(result, bound)


def test_places_bound_worked_by_hand():
    rubric = loaded('细则「测试」\n一、【甲】(3分)\n  事实「次数」:次数\n  「次数」每1次扣0.2分\n')
    assert places_bound(rubric.model, [{"次数": Decimal(3)}]) == 1  # 0.2 × 3 = 0.6: still one place
    result = rubric.score({"单位": "甲", "次数": Decimal(3)})
    assert result.scores()["一"] == Decimal("2.4")
    assert inverse_places(Decimal("0.5")) == 0 and inverse_places(Decimal("0.25")) == 0
    assert inverse_places(Decimal(4)) == 2 and inverse_places(Decimal(3)) is None


def test_unit_order_in_a_shipped_batch_keeps_every_score():
    """The shipped sample facts, scored forwards and backwards."""
    import json

    for name, rubric in SHIPPED.items():
        facts = ROOT / "rubrics" / f"{name}.facts.json"
        if not facts.exists():
            continue
        rows = json.loads(facts.read_text(encoding="utf-8"), parse_float=Decimal)
        if isinstance(rows, dict) and "单位" in rows:
            rows = rows["单位"]
        if isinstance(rows, dict):
            rows = [{"单位": unit, **values} for unit, values in rows.items()]
        forwards = scores_by_unit(score_all(rubric, rows))
        backwards = scores_by_unit(score_all(rubric, list(reversed(rows))))
        assert forwards == backwards
        assert len(forwards) == len(rows) >= 2
        random.Random(0).shuffle(rows)
        assert scores_by_unit(score_all(rubric, rows)) == forwards
