"""Silent wrong answers the property hunt (lane props, tests/test_properties_constructs.py) found, each worked by hand
from the rubric's words. The hunt's invariants: the compiled scorer refuses the facts the interpreter refuses, with the
same code and message; lint's range holds every score."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.lint.reach import INF
from helpers import item, item_score
from test_codegen import assert_same
from test_lint_reach import analysed, node, reached

# ------------------------------------------------------------------ 按次扣1-3分: the compiled scorer checks the count too
SHORTFALL = """细则「t」
一、【党委责任】(10分)
  事实「研究次数」:次数
  「研究次数」全年至少4次,未开或少开的,按次扣1-3分。
"""


@pytest.mark.parametrize("held, amounts, message", [
    # 4 required, 2 held: 2 short, so 2 amounts; one is refused, as govrubric refuses it
    (2, [D("1.5")], "应为「研究次数」= 2,少2次,填2个分数(每次一个,1到3分之间的分数)"),
    # 5 held: none short, nothing to deduct, so no amount
    (5, [D(1)], "应为「研究次数」= 5,少0次,不填或填0"),
])
def test_the_compiled_scorer_refuses_amounts_that_do_not_match_the_shortfall(held, amounts, message):
    rubric = govrubric.loads(SHORTFALL, "t.rubric")
    row = {"单位": "甲", "研究次数": held, "研究次数(按次扣分)": amounts}
    scorer = compile_rubric(rubric)
    with pytest.raises(scorer.FactsError) as raised:
        scorer.score(row)
    [problem] = raised.value.problems
    assert problem["code"] == "GR403" and message in problem["message"]
    assert not assert_same(rubric, scorer, row)  # the interpreter refuses it with the same code and message


def test_amounts_that_match_the_shortfall_are_deducted_alike():
    # 2 short, the assessors' 1.5 and 2: 10 − 3.5 = 6.5
    rubric = govrubric.loads(SHORTFALL, "t.rubric")
    row = {"单位": "甲", "研究次数": 2, "研究次数(按次扣分)": [D("1.5"), D(2)]}
    scorer = compile_rubric(rubric)
    assert assert_same(rubric, scorer, row)
    assert scorer.score(row)["一"] == rubric.score(row).scores()["一"] == D("6.5")


# ------------------------------------------------------------------ lint's range: a difference per step, no floor
REPORTS = """
一、【报送数量】
  事实「季度报送篇数」:篇数
  事实「季度报送任务篇数」:篇数
  「季度报送篇数」低于「季度报送任务篇数」的,每少1篇,扣1分。
"""


def test_a_shortfall_against_another_fact_with_no_cap_has_no_lower_end():
    # 钟楼 2.【报送数量】 (field trial 3): no points, no cap — 1 point for every article short of the task, whatever the
    # task; a task of 5000 and 7 reported is −4993, so the range has no lower end (it said −101, from the grid)
    model, analysis = analysed(REPORTS)
    reach = analysis.node(node(model, "一"))
    assert reach.low.value == -INF and reach.high.value == 0
    assert item(REPORTS, {"季度报送篇数": 7, "季度报送任务篇数": 5000}) == D(-4993)


def test_a_shortfall_against_another_fact_reaches_a_cap_past_the_grid():
    # 扣完150分为止: 150 articles short (or more) takes the whole 150; the lowest score is −150, and lint's witness
    # reaches it (the grid of shared values stops at 100, so the range said −100)
    model, analysis = analysed("""
一、【报送数量】
  事实「季度报送篇数」:篇数
  事实「季度报送任务篇数」:篇数
  「季度报送篇数」低于「季度报送任务篇数」的,每少1篇,扣1分,扣完150分为止。
""")
    reach = analysis.node(node(model, "一"))
    assert (reach.low.value, reach.high.value) == (D(-150), D(0))
    assert reached(analysis, node(model, "一"), reach.low) == D(-150)


def test_a_difference_of_percentages_keeps_lint_to_a_few_values_per_fact():
    # 「实际完成值」低于「目标值」的,每低1个百分点扣0.5分 (two percentages): the shared grid and its middles are enough —
    # each fact alone at every point of the percentage grid made ~800 values a fact and lint 200 times slower
    model, analysis = analysed("""
一、【目标】(10分)
  事实「实际完成值」:百分比
  事实「目标值」:百分比
  「实际完成值」低于「目标值」的,每低1个百分点扣0.5分。
""")
    assert all(len(analysis.domains.reps[name]) < 40 for name in ("实际完成值", "目标值"))
    assert (analysis.node(node(model, "一")).low.value, analysis.node(node(model, "一")).high.value) == (0, 10)


# ------------------------------------------------------------------ 按「…」的N倍扣分 under an item with points
TIMES = """一、【党建】(5分)
  事实「被通报」:是否
  事实「被扣分值」:分值 0—1分
  「被通报」的,按「被扣分值」的10倍扣分。
"""


@pytest.mark.parametrize("notified, taken, expected", [
    (True, D("0.35"), D("1.5")),  # only deductions: from the 5 points, 10 × 0.35 = 3.5 off
    (False, D("0.35"), D(5)),  # not notified: nothing off
    (True, D("0.8"), D(0)),  # 10 × 0.8 = 8 off 5: to 0 and no further (扣分下限 到0为止)
])
def test_a_multiple_of_a_score_fact_under_points_checks_and_scores(notified, taken, expected):
    # the check asked how much the clause can deduct and met no written amount: a TypeError, not a diagnostic
    assert item_score(TIMES, {"被通报": notified, "被扣分值": taken}, "细则「t」\n") == expected


# ------------------------------------------------------------------ lint's total range under a formula beyond a sum
def total_ends(text: str):
    from govrubric.lint.reach import Analysis

    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.ok
    total = Analysis(rubric.model).total()
    return rubric, (total.low.value, total.high.value)


def test_a_spill_comes_off_the_range_of_a_total_formula_too():
    # 10 + 第一项: the item has no points, 不得分 is 0, and 0.5 comes off the total: 10 − 0.5 = 9.5 (lint said 10 to 10)
    rubric, ends = total_ends("""细则「t」
总分:「考核得分」= 基础分10分 + 第一项得分
一、【项目1】
  事实「较大事故」:是否
  「较大事故」的,不得分,并追加扣除0.5分。
""")
    assert rubric.score({"单位": "甲", "较大事故": True}).total == D("9.5")
    assert ends == (D("9.5"), D(10))


def test_a_bonus_to_the_total_goes_past_a_total_formula_too():
    # 10 + 第一项(5分): 达标 5, and 受表扬's 2 goes to the total past the item: 10 + 5 + 2 = 17 (lint said at most 15)
    rubric, ends = total_ends("""细则「t」
总分:「考核得分」= 基础分10分 + 第一项得分
一、【项目1】(5分)
  加分上限:计入总分
  事实「受表扬」:是否
  事实「达标」:是否
  「达标」的,得5分。
  「受表扬」的,加2分。
""")
    assert rubric.score({"单位": "甲", "受表扬": True, "达标": True}).total == D(17)
    assert ends == (D(10), D(17))
