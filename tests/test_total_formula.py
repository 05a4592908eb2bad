"""Issue 14 items 2 and 3: the total's formula as published, beyond a sum of items — a fixed base (「信用积分」= 基础分1000分
+ 第一项得分 - 第二项扣分), products with numbers and facts (残联: 最终得分=(…)×(1+0.1×权重)+…) and the lower of two
(大气: 评分结果为两类得分中较低分值). Numbers worked by hand in the comments; the compiled scorer must agree, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.lint.reach import Analysis
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from test_codegen import assert_same

CREDIT = """细则「农户信用积分」
总分:「信用积分」= 基础分1000分 + 第一项得分 - 第二项扣分
一、【守信】
  事实「按时还款次数」:次数
  「按时还款次数」每次加10分。
二、【失信】
  事实「逾期次数」:次数
  「逾期次数」每次扣50分。
"""

WEIGHTED = """细则「残联」
满分 40分
总分:「最终得分」=(第一项得分+第二项得分+第三项得分)×(1+0.1×「权重」)+第四项得分
事实「权重」:比值
1、【报表数据采集】(5分)
  事实「a」:分值 0—5分
  按「a」计分。
2、【报表报送】(5分)
  事实「b」:分值 0—5分
  按「b」计分。
3、【报表质量】(20分)
  事实「c」:分值 0—20分
  按「c」计分。
4、【统计分析报告】(10分)
  事实「d」:分值 0—10分
  按「d」计分。
"""

LOWER = """细则「大气」
总分:「评分结果」= 第一项得分、第二项得分中较低分值
「评分结果」90分及以上为「优秀」;70分(含)至90分为「良好」;60分(含)至70分为「合格」;60分以下为「不合格」。
一、【空气质量改善目标完成情况】(100分)
  事实「一类得分」:分值 0—100分
  按「一类得分」计分。
二、【大气污染防治重点任务完成情况】(100分)
  事实「二类得分」:分值 0—100分
  按「二类得分」计分。
"""


def total(text: str, facts: dict):
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def test_a_fixed_base_plus_points_minus_what_was_lost():
    # 1000 + 3 × 10 − (2 × 50) = 930; with no late payments 1000 + 30 − 0 = 1030
    result = total(CREDIT, {"按时还款次数": 3, "逾期次数": 2})
    assert result.total == D(930)
    assert result.total_lines[0].text == "信用积分 = 基础分1000分 + 第一项得分 30 − 第二项扣分 100 = 930"
    assert total(CREDIT, {"按时还款次数": 3, "逾期次数": 0}).total == D(1030)


def test_a_weighted_formula_as_published():
    # (5 + 4 + 18) × (1 + 0.1 × 0.8) + 9 = 27 × 1.08 + 9 = 29.16 + 9 = 38.16
    result = total(WEIGHTED, {"权重": "0.8", "a": 5, "b": 4, "c": 18, "d": 9})
    assert result.total == D("38.16")
    assert result.total_lines[0].text == ("最终得分 = (第一项得分 5 + 第二项得分 4 + 第三项得分 18) × (1 + 0.1 × 「权重」 0.8)"
                                    " + 第四项得分 9 = 38.16")
    # weight 0: the plain sum, 5 + 4 + 18 + 9 = 36
    assert total(WEIGHTED, {"权重": "0", "a": 5, "b": 4, "c": 18, "d": 9}).total == D(36)


@pytest.mark.parametrize("first, second, expected, grade", [
    (80, 70, "70", "良好"),      # the lower of the two: 70, and 70(含)至90 is 良好
    (70, 80, "70", "良好"),
    (95, 90, "90", "优秀"),
    (59.5, 100, "59.5", "不合格"),
])
def test_the_lower_of_two_item_scores(first, second, expected, grade):
    result = total(LOWER, {"一类得分": D(str(first)), "二类得分": D(str(second))})
    assert (result.total, result.grade) == (D(expected), grade)


def test_the_explanation_of_the_lower_score():
    result = total(LOWER, {"一类得分": 80, "二类得分": 70})
    assert result.total_lines[0].text == "评分结果 = 第一项得分 80、第二项得分 70中较低分值 70 = 70"


def test_the_higher_and_a_lower_inside_a_product():
    text = LOWER.replace("第一项得分、第二项得分中较低分值", "(第一项得分、第二项得分中较高分值)×0.5 + 基础分10分")
    # max(80, 70) × 0.5 + 10 = 50
    result = total(text, {"一类得分": 80, "二类得分": 70})
    assert result.total == D(50)
    assert result.total_lines[0].text == "评分结果 = (第一项得分 80、第二项得分 70中较高分值 80) × 0.5 + 基础分10分 = 50"


@pytest.mark.parametrize("formula, code, words", [
    ("第一项得分 × 「权数」", "GR201", "是不是「权重」?"),
    ("第一项得分 × 「完成率」", "GR301", "百分比"),
    ("第一项得分 × 「可空权重」", "GR301", "可空"),
    ("第一项得分 + 第五项得分 × 2", "GR208", "第五项"),
])
def test_a_formula_that_cannot_be_read_is_refused(formula, code, words):
    text = WEIGHTED.replace("(第一项得分+第二项得分+第三项得分)×(1+0.1×「权重」)+第四项得分", formula).replace(
        "事实「权重」:比值", "事实「权重」:比值\n事实「完成率」:百分比\n事实「可空权重」:比值(可空)")
    found = govrubric.loads(text, "t.rubric").check()
    assert [d.code for d in found if d.severity == "error"] == [code]
    assert words in found[0].render()


@pytest.mark.parametrize("text", [CREDIT, WEIGHTED, LOWER])
def test_total_formulas_round_trip_through_the_printer_and_fmt(text):
    tree = govrubric.loads(text, "t.rubric").tree
    printed = print_rubric(tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert format_text(text).problems == ()


def test_the_total_renders_as_written_and_as_scored():
    loaded = govrubric.loads(WEIGHTED, "t.rubric")
    assert build_table(loaded.model, loaded.tree).total[0] == (
        "最终得分 = (第一项得分 + 第二项得分 + 第三项得分) × (1 + 0.1 × 权重) + 第四项得分")
    assert "(第一项得分+第二项得分+第三项得分)×(1+0.1×权重)" in build_table(loaded.model, loaded.tree,
                                                                         WEIGHTED).total[0]


def test_lint_bounds_the_lower_score_and_reports_an_unbounded_weight():
    lower = govrubric.loads(LOWER, "t.rubric")
    assert [f.code for f in lint(lower) if f.code in ("GL203", "GL204")] == []
    weighted = govrubric.loads(WEIGHTED, "t.rubric")
    assert "GL204" in [f.code for f in lint(weighted)]  # 「权重」 has no upper bound: neither has the total


def test_the_weight_fact_is_read_by_the_total_and_not_reported_unused():
    assert "GL601" not in [f.code for f in lint(govrubric.loads(WEIGHTED, "t.rubric"))]


@pytest.mark.parametrize("text, rows", [
    (CREDIT, [{"单位": "甲", "按时还款次数": 3, "逾期次数": 2}, {"单位": "乙", "按时还款次数": 0, "逾期次数": 30}]),
    (WEIGHTED, [{"单位": "甲", "权重": "0.8", "a": 5, "b": 4, "c": 18, "d": 9},
                {"单位": "乙", "权重": "0.125", "a": "0.5", "b": 0, "c": "19.5", "d": 10}]),
    (LOWER, [{"单位": "甲", "一类得分": 80, "二类得分": 70}, {"单位": "乙", "一类得分": 70, "二类得分": 70},
             {"单位": "丙", "一类得分": "59.5", "二类得分": 100}]),
])
def test_sql_scores_total_formulas_alike(text, rows):
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(text, "t.rubric")
    expected = decimal_outcome(loaded, rows)
    assert duckdb_outcome(loaded, rows) == expected
    # 乙 in CREDIT: 1000 + 0 − 30 × 50 = −500; in WEIGHTED: 20 × 1.0125 + 10 = 30.25
    totals = {u: s["总分"] for u, (s, _) in expected[1].items()}
    assert totals["乙"] == {CREDIT: D(-500), WEIGHTED: D("30.25"), LOWER: D(70)}[text]


SCORE = st.decimals(min_value=0, max_value=5, places=2)


@given(a=SCORE, b=SCORE, c=st.decimals(min_value=0, max_value=20, places=1), d=SCORE,
       weight=st.decimals(min_value=0, max_value=3, places=3))
def test_the_weighted_total_is_exact_and_within_lint_s_bounds(a, b, c, d, weight):
    # (a + b + c) × (1 + 0.1 × w) + d exactly, the compiled scorer alike, and lint's sound ends hold it
    result = total(WEIGHTED, {"权重": weight, "a": a, "b": b, "c": c, "d": d})
    assert result.total == (a + b + c) * (1 + D("0.1") * weight) + d
    loaded = govrubric.loads(WEIGHTED, "t.rubric")
    reach = Analysis(loaded.model).total()
    assert reach.low.value <= result.total <= reach.high.value
