"""房山「发生非正常上访的,按以下三种情况扣分:个人访每人扣5分;集体访每批扣10分;重复访加倍扣分」: the repeat visits
at twice the amounts of the sentences before (not escalation: every repeat visit costs the same). Written
「「重复个人访人数」、「重复集体访批数」加倍扣分」 after the two per-count clauses, each count paired in order. Numbers
worked by hand in the comments; the compiled scorer must agree, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint.reach import Analysis
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from test_codegen import assert_same

TEXT = """细则「房山」
1.【非正常上访为零】(50分)
  事实「个人访人数」:人数
  事实「集体访批数」:批数
  事实「重复个人访人数」:人数
  事实「重复集体访批数」:批数
  「个人访人数」每人扣5分;
  「集体访批数」每批扣10分;
  「重复个人访人数」、「重复集体访批数」加倍扣分。
"""


def scored(facts: dict, text: str = TEXT):
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", "个人访人数": 0, "集体访批数": 0, "重复个人访人数": 0, "重复集体访批数": 0, **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def test_repeat_visits_cost_twice_as_much():
    # 1 person 5, 1 batch 10, 2 repeat persons 2 × 10 = 20, 1 repeat batch 20: 50 − 55 → 0
    assert scored({"个人访人数": 1, "集体访批数": 1, "重复个人访人数": 2, "重复集体访批数": 1}).total == D(0)
    # 1 repeat person 10, 1 repeat batch 20: 50 − 30 = 20
    result = scored({"重复个人访人数": 1, "重复集体访批数": 1})
    assert result.total == D(20)
    lines = [line.text for line in result.roots[0].lines]
    assert lines[3] == "「重复个人访人数」= 1人:加倍扣分(每人扣5分的两倍:每人扣10分) × 1 = −10分"
    assert lines[4] == "「重复集体访批数」= 1批:加倍扣分(每批扣10分的两倍:每批扣20分) × 1 = −20分"


def test_not_escalation_every_repeat_visit_costs_the_same():
    # 3 repeat persons: 3 × 10 = 30 (doubling would be 10 + 20 + 40); 50 − 30 = 20
    assert scored({"重复个人访人数": 3}).total == D(20)


def test_one_count_pairs_with_the_sentence_just_before():
    text = TEXT.replace("「重复个人访人数」、「重复集体访批数」加倍扣分。", "「重复集体访批数」加倍扣分。").replace(
        "  事实「重复个人访人数」:人数\n", "")
    loaded = govrubric.loads(text, "t.rubric")
    row = {"单位": "甲", "个人访人数": 0, "集体访批数": 0, "重复集体访批数": 2}
    assert assert_same(loaded, compile_rubric(loaded), row)
    assert loaded.score(row).total == D(10)  # 2 × 20 = 40 off 50


@pytest.mark.parametrize("change, code", [
    (("「个人访人数」每人扣5分;\n", ""), "GR205"),                                   # one sentence before, two counts
    (("事实「重复个人访人数」:人数", "事实「重复个人访人数」:是否"), "GR301"),
    (("加倍扣分。", "加倍扣分,扣完20分为止。"), "GR206"),
])
def test_misuse_is_refused(change, code):
    text = TEXT.replace(*change)
    assert [d.code for d in govrubric.loads(text, "t.rubric").check() if d.severity == "error"] == [code]


def test_round_trip_render_sql_and_lint():
    tree = govrubric.loads(TEXT, "t.rubric").tree
    printed = print_rubric(tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert "「重复个人访人数」、「重复集体访批数」加倍扣分" in printed
    assert format_text(TEXT).problems == ()
    loaded = govrubric.loads(TEXT, "t.rubric")
    assert "加倍扣分" in " ".join(build_table(loaded.model, loaded.tree).rows[0].standard)
    reach = Analysis(loaded.model).total()
    assert (reach.low.value, reach.high.value) == (D(0), D(50))
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    rows = [{"单位": "甲", "个人访人数": 0, "集体访批数": 0, "重复个人访人数": 1, "重复集体访批数": 1},
            {"单位": "乙", "个人访人数": 1, "集体访批数": 0, "重复个人访人数": 0, "重复集体访批数": 0}]
    assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)
