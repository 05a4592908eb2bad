"""Issue 14 item 5: places counted from the bottom of a rank computed over the cohort — 后3位, 倒数第1名, 末位 (最后一名) —
as published (「排名后3位的扣1分」「末位的,扣2分」). Numbers worked by hand in the comments; the compiled scorer and SQL agree."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from test_codegen import assert_same_cohort

TEXT = """细则「排名」
一、【办件】(5分)
  计分方式:从满分扣减
  事实「办结率」:百分比
  事实「办结率排名」:按「办结率」从高到低排名
  「办结率排名」末位的,扣2分。
  「办结率排名」后3位的,扣1分。
  「办结率排名」倒数第2名的,扣0.5分。
"""

# 99%, 95%, 90%, 80%, 80%: from the top 1, 2, 3, 4, 4; from the bottom d and e tie last (倒数第1名, both 末位), c is
# 倒数第3名 (two units below it), b 倒数第4名, a 倒数第5名. Nobody is 倒数第2名: the tie takes places 1 and 2.
ROWS = [{"单位": "a", "办结率": "99%"}, {"单位": "b", "办结率": "95%"}, {"单位": "c", "办结率": "90%"},
        {"单位": "d", "办结率": "80%"}, {"单位": "e", "办结率": "80%"}]


def scored(text: str, rows: list[dict]) -> dict:
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, loaded.check()
    assert_same_cohort(loaded, compile_rubric(loaded), rows)
    return {r.unit: r for r in loaded.score_cohort(rows)}


def test_places_from_the_bottom_with_a_tie_at_the_end():
    results = scored(TEXT, ROWS)
    # a, b: not in the last 3 → 5; c: 后3位 (3rd from the bottom) → 5 − 1 = 4; d, e: 末位 and 后3位 → 5 − 2 − 1 = 2
    assert {u: r.total for u, r in results.items()} == {"a": D(5), "b": D(5), "c": D(4), "d": D(2), "e": D(2)}


def test_the_explanation_shows_the_place_from_the_bottom():
    lines = [line.text for line in scored(TEXT, ROWS)["c"].roots[0].lines]
    assert "「办结率排名(倒数)」= 3名,符合「后3位」(1名 ≤ x ≤ 3名) → 扣1分(−1)" in lines


def test_a_single_unit_is_first_and_last():
    results = scored(TEXT, [{"单位": "a", "办结率": "50%"}])
    # 末位 (−2) and within 后3位 (−1): 5 − 3 = 2
    assert results["a"].total == D(2)


@pytest.mark.parametrize("clause", ["「名次」后3位的,扣1分。", "「名次」末位的,扣1分。", "「名次」倒数第1名的,扣1分。"])
def test_a_rank_the_unit_gives_has_no_bottom_and_is_refused(clause):
    text = f"细则「t」\n一、【甲】(5分)\n  事实「名次」:名次\n  {clause}\n"
    found = govrubric.loads(text, "t.rubric").check()
    assert [d.code for d in found] == ["GR301"]
    assert "计算得出的排名" in found[0].render()


def test_bottom_ranks_round_trip_and_lint_sees_each_can_fire():
    tree = govrubric.loads(TEXT, "t.rubric").tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert format_text(TEXT).problems == ()
    assert "GL502" not in [f.code for f in lint(govrubric.loads(TEXT, "t.rubric"))]


def test_sql_ranks_from_the_bottom_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(TEXT, "t.rubric")
    assert duckdb_outcome(loaded, ROWS) == decimal_outcome(loaded, ROWS)
