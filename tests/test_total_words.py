"""The total in the words published rubrics use: 「总分:「考核得分」= 各项得分之和」 (各项得分相加, 各项得分合计: the
sum of the first-level items), and a rule on the total that takes one item's score as the result (大气 环发〔2014〕107号
「其他地区评分结果为空气质量改善目标完成情况分值」; 「按第一项得分确定」). Numbers worked by hand in the comments; the
compiled scorer must agree, line for line."""
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

SUM = """细则「乡镇考核」
满分 100分
总分:「考核得分」= 各项得分之和
「考核得分」超过100分的,按100分确定。
一、【安全生产】(60分)
  事实「事故起数」:起数
  「事故起数」每起扣20分。
二、【信访】(40分)
  事实「信访件数」:件数
  「信访件数」每件扣5分。
三、【加分】
  事实「获奖」:是否
  「获奖」加5分。
"""

AIR = """细则「大气」
单位类别:「十省」、「其他地区」
总分:「评分结果」= 第一项得分、第二项得分中较低分值
「单位类别」为「其他地区」的,「评分结果」为【空气质量改善目标完成情况】分值。
「评分结果」90分及以上为「优秀」;70分(含)至90分为「良好」;60分(含)至70分为「合格」;60分以下为「不合格」。
第一类【空气质量改善目标完成情况】(100分)
  事实「一类得分」:分值 0—100分
  按「一类得分」计分。
第二类【大气污染防治重点任务完成情况】(100分)
  适用:「十省」
  事实「二类得分」:分值 0—100分
  按「二类得分」计分。
"""

FIRST = """细则「按第一项」
单位类别:「城区」、「乡镇」
「单位类别」为「乡镇」的,按第一项得分确定。
一、【甲】(60分)
  事实「a」:分值 0—60分
  按「a」计分。
二、【乙】(40分)
  事实「b」:分值 0—40分
  按「b」计分。
"""


def scored(text: str, facts: dict):
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


@pytest.mark.parametrize("words", ["各项得分之和", "各项得分相加", "各项得分合计"])
def test_the_sum_of_every_first_level_item(words):
    # 一: 60 − 1 × 20 = 40; 二: 40 − 2 × 5 = 30; 三 (no points): 5 → 75
    result = scored(SUM.replace("各项得分之和", words), {"事故起数": 1, "信访件数": 2, "获奖": True})
    assert result.total == D(75)
    assert result.total_lines[0].text == f"考核得分 = {words} 75 = 75"
    # 60 + 40 + 5 = 105, then 超过100分的,按100分确定
    assert scored(SUM, {"事故起数": 0, "信访件数": 0, "获奖": True}).total == D(100)


def test_the_sum_of_every_item_inside_a_larger_formula():
    text = SUM.replace("各项得分之和", "基础分10分 + 各项得分之和").replace("满分 100分\n", "")
    # 10 + (40 + 30 + 0) = 80
    result = scored(text, {"事故起数": 1, "信访件数": 2, "获奖": False})
    assert result.total == D(80)
    assert result.total_lines[0].text == "考核得分 = 基础分10分 + 各项得分之和 70 = 80"


def test_other_regions_take_the_first_category_as_published():
    # 其他地区: the first category's score, whatever the second (not applicable, 按满分计 100) would make the lower
    result = scored(AIR, {"单位类别": "其他地区", "一类得分": 90})
    assert (result.total, result.grade) == (D(90), "优秀")
    assert result.total_lines[1].text == (
        "「单位类别」为「其他地区」的,「评分结果」为【空气质量改善目标完成情况】分值"
        "(「单位类别」= 其他地区,“「单位类别」为「其他地区」”成立):90 → 【空气质量改善目标完成情况】分值 90")
    # 10 省: the lower of the two, 80 and 70 → 70, 良好; the rule on 其他地区 does not hold
    ten = scored(AIR, {"单位类别": "十省", "一类得分": 80, "二类得分": 70})
    assert (ten.total, ten.grade) == (D(70), "良好")
    assert len(ten.total_lines) == 2  # the formula and the grade: no rule fired


@pytest.mark.parametrize("category, a, b, expected", [
    ("乡镇", 45, 30, "45"),    # 按第一项得分确定: 45, not 45 + 30
    ("城区", 45, 30, "75"),    # the sum of the items
    ("乡镇", "0.5", 40, "0.5"),
])
def test_a_rule_that_takes_the_first_item(category, a, b, expected):
    result = scored(FIRST, {"单位类别": category, "a": D(str(a)), "b": D(str(b))})
    assert result.total == D(expected)


@pytest.mark.parametrize("rule, code, words", [
    ("按第三项得分确定", "GR208", "第三项"),
    ("「评分结果」为【空气质量改善目标完成状况】分值", "GR208", "是不是「【空气质量改善目标完成情况】」?"),
    ("按第一项扣分确定", "GR301", "按一项的得分确定"),
    ("按第一项至第二项得分确定", "GR301", "几项的合计写在「总分:」的公式里"),
])
def test_a_rule_on_an_item_that_cannot_be_read_is_refused(rule, code, words):
    text = AIR.replace("「评分结果」为【空气质量改善目标完成情况】分值", rule)
    found = govrubric.loads(text, "t.rubric").check()
    assert [d.code for d in found if d.severity == "error"] == [code]
    assert words in found[0].render()


def test_an_item_score_is_no_result_inside_an_item():
    text = FIRST.replace("  按「b」计分。", "  按「b」计分。\n  「b」为0分的,按第一项得分确定。")
    assert "GR301" in [d.code for d in govrubric.loads(text, "t.rubric").check()]


@pytest.mark.parametrize("text", [SUM, AIR, FIRST, SUM.replace("各项得分之和", "各项得分合计")])
def test_round_trip_through_the_printer_and_fmt(text):
    tree = govrubric.loads(text, "t.rubric").tree
    printed = print_rubric(tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert format_text(text).problems == ()
    for words in ("各项得分之和", "【空气质量改善目标完成情况】分值", "按第一项得分确定"):
        assert (words in printed) == (words in text)


def test_the_total_renders_as_written():
    loaded = govrubric.loads(SUM.replace("各项得分之和", "各项得分相加"), "t.rubric")
    assert build_table(loaded.model, loaded.tree).total[0] == "考核得分 = 各项得分相加"
    air = govrubric.loads(AIR, "t.rubric")
    assert "为【空气质量改善目标完成情况】分值" in " ".join(build_table(air.model, air.tree).total)


def test_lint_counts_every_item_against_full_marks_and_bounds_the_item_rule():
    loaded = govrubric.loads(SUM, "t.rubric")
    assert [f.code for f in lint(loaded) if f.code == "GL101"] == []  # 60 + 40 (+ the 加分 with no points) = 100
    short = govrubric.loads(SUM.replace("满分 100分", "满分 90分"), "t.rubric")
    assert "GL101" in [f.code for f in lint(short)]
    reach = Analysis(govrubric.loads(FIRST, "t.rubric").model).total()
    assert (reach.low.value, reach.high.value) == (D(0), D(100))


@pytest.mark.parametrize("text, rows", [
    (SUM, [{"单位": "甲", "事故起数": 1, "信访件数": 2, "获奖": True},
           {"单位": "乙", "事故起数": 0, "信访件数": 0, "获奖": True}]),
    (AIR, [{"单位": "甲", "单位类别": "其他地区", "一类得分": 90, "二类得分": None},
           {"单位": "乙", "单位类别": "十省", "一类得分": 80, "二类得分": 70}]),
    (FIRST, [{"单位": "甲", "单位类别": "乡镇", "a": 45, "b": 30}, {"单位": "乙", "单位类别": "城区", "a": 45, "b": 30}]),
])
def test_sql_scores_alike(text, rows):
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(text, "t.rubric")
    rows = [{k: v for k, v in row.items() if v is not None} for row in rows]
    expected = decimal_outcome(loaded, rows)
    assert duckdb_outcome(loaded, rows) == expected
    totals = {u: s["总分"] for u, (s, _) in expected[1].items()}
    assert totals == {SUM: {"甲": D(75), "乙": D(100)}, AIR: {"甲": D(90), "乙": D(70)},
                      FIRST: {"甲": D(45), "乙": D(75)}}[text]


@given(category=st.sampled_from(["城区", "乡镇"]), a=st.decimals(min_value=0, max_value=60, places=1),
       b=st.decimals(min_value=0, max_value=40, places=1))
def test_the_item_rule_is_exact_and_within_lint_s_bounds(category, a, b):
    result = scored(FIRST, {"单位类别": category, "a": a, "b": b})
    assert result.total == (a if category == "乡镇" else a + b)
    reach = Analysis(govrubric.loads(FIRST, "t.rubric").model).total()
    assert reach.low.value <= result.total <= reach.high.value
