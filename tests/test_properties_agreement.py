"""Agreement and soundness with the generators of the other property tests: the compiled scorer
agrees with the evaluator, and the linter's reachable range holds every score, on facts drawn at and
around every threshold (many_fact_rows), on a fact raised by one step (the monotonicity pairs),
and on extreme values (counts in the thousands, 0% and 100%, ranks far down, any amount for a 分值
fact without a range).

The compiler's own differential test (tests/test_codegen.py) and the linter's range tests
(tests/test_lint_reach.py) draw single units with unit_facts; these add the batches, the raised
pairs and the extremes, reusing their comparison functions.
"""
from __future__ import annotations

import random
from decimal import Decimal
from functools import lru_cache

import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st
from strategies import compared_points, given_facts, random_rows, valid_rubric_texts
from test_codegen import assert_same_cohort
from test_properties import SHIPPED, drawn, fillable, score_all
from test_properties_monotone import Directions, raised

import govrubric
from govrubric.lint.reach import Analysis

EXAMPLES = max(10, settings.default.max_examples // 3)


@lru_cache(maxsize=None)
def compiled(name: str):
    return govrubric.compile_rubric(SHIPPED[name])


@lru_cache(maxsize=None)
def analysis(name: str) -> Analysis:
    return Analysis(SHIPPED[name].model)


def extreme_value(fact, rng: random.Random):
    """A valid value at the far end of the fact's domain, or at its thresholds."""
    kind = fact.kind
    if kind in ("count", "days", "months"):
        return rng.choice([0, 1, 999, 5000])
    if kind == "rank":
        return rng.choice([1, 2, 500])
    if kind == "percent":
        return rng.choice(["0%", "100%", "0.1%", "99.9%"])
    if kind == "ratio":
        return rng.choice([Decimal(0), Decimal("1000")])
    if kind == "score" and fact.high is None and fact.cohort is None:  # no range: facts.py takes any amount
        return rng.choice([Decimal(0), Decimal("5.1"), Decimal("1000")])
    return None  # other kinds keep their drawn value


def extreme_random_rows(model, rng: random.Random, units: int = 3) -> list[dict]:
    rows = random_rows(model, rng, units)
    for row in rows:
        for fact in given_facts(model):
            value = extreme_value(fact, rng) if fact.name in row and rng.random() < 0.5 else None
            # a divisor of 0 is no value a unit can give (GR408); a percentage's 0 is written "0%"
            zero = value == 0 or value in ("0%", "0.0%")
            if value is not None and not (zero and _denominator(model, fact.name)):
                row[fact.name] = value
    return rows


def extreme_rows(model, units: int = 3):
    return st.randoms(use_true_random=False).map(lambda rng: extreme_random_rows(model, rng, units))


def _denominator(model, name: str) -> bool:
    from govrubric.facts import ratio_denominators

    return name in ratio_denominators(model)


def batches(name: str):
    model = SHIPPED[name].model
    drawn = st.tuples(st.integers(1, 5), st.randoms(use_true_random=False)).map(
        lambda d: random_rows(model, d[1], d[0]))
    return st.one_of(drawn, extreme_rows(model))


# ---------------------------------------------------------------- compiled == interpreted
@pytest.mark.parametrize("name", sorted(SHIPPED))
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_compiled_scorer_agrees_on_batches_at_thresholds_and_extremes(name, data):
    assert_same_cohort(SHIPPED[name], compiled(name), data.draw(batches(name)))


@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_compiled_scorer_agrees_on_a_fact_raised_by_one_step(data):
    rubric = drawn(data.draw(valid_rubric_texts(), label="rubric"))
    assume(fillable(rubric))
    note(rubric.source.text)
    rows = random_rows(rubric.model, random.Random(data.draw(st.integers(0, 2**32))), 1)
    facts = [f for f in given_facts(rubric.model) if f.kind != "choice"]
    assume(facts)
    fact = data.draw(st.sampled_from(facts), label="fact")
    low, high = data.draw(raised(rubric.model, fact, rows[0].get(fact.name)), label="values")
    scorer = govrubric.compile_rubric(rubric)
    for value in (low, high):
        assert_same_cohort(rubric, scorer, [{**rows[0], fact.name: value}])


# ---------------------------------------------------------------- lint ranges hold every score
def assert_within_reach(analysis_: Analysis, model, result) -> None:
    for got in result.nodes():
        node = next(n for n in model.nodes() if n.id == got.node_id)
        reach = analysis_.node(node, [result.category])
        if reach is None:
            continue
        assert reach.low.value <= got.score <= reach.high.value, (got.path, got.score, reach.low.value,
                                                                  reach.high.value)
    total = analysis_.total()
    assert total.low.value <= result.total <= total.high.value


@pytest.mark.parametrize("name", sorted(SHIPPED))
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_lint_range_holds_batches_at_thresholds_and_extremes(name, data):
    rubric = SHIPPED[name]
    reach = analysis(name)
    computed = [f.name for f in rubric.model.facts.values() if f.cohort is not None]
    for row in data.draw(batches(name)):
        # the range analysis takes a value computed over the cohort as a fact that may be any of its
        # representative values; each unit is scored on its own with such values given
        for fact in computed:
            values = sorted((v for v in reach.domains.reps[fact] if v is not None), key=repr)  # None: not in scope
            row[fact] = data.draw(st.sampled_from(values), label=fact)
        assert_within_reach(reach, rubric.model, rubric.score(row))


@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_lint_range_holds_raised_and_extreme_facts_on_drawn_rubrics(data):
    rubric = drawn(data.draw(valid_rubric_texts(cohorts=False), label="rubric"))
    assume(fillable(rubric))
    note(rubric.source.text)
    model = rubric.model
    rows = data.draw(extreme_rows(model, 2), label="rows")
    directions = Directions(model)
    clear = [f for f in given_facts(model) if directions.of(f.name) is not None and f.kind != "choice"]
    if clear:
        fact = data.draw(st.sampled_from(clear), label="fact")
        _low, high = data.draw(raised(model, fact, rows[0].get(fact.name)), label="raised")
        rows[0][fact.name] = high
    results = score_all(rubric, rows)
    assume(results is not None)
    reach = Analysis(model)
    for result in results:
        assert_within_reach(reach, model, result)


def test_extreme_values_are_valid_for_every_fact_kind():
    """The extremes are values a facts file may hold: every shipped rubric accepts them."""
    for name, rubric in SHIPPED.items():
        rows = extreme_random_rows(rubric.model, random.Random(name), 3)
        for row in rows:
            _values, _category, problems = rubric.validate(row)
            assert not problems, [d.short() for d in problems]
        assert compared_points(rubric.model)
