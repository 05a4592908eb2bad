"""等次 (grades): rules before the first item whose result is 为「…」. They are tried after the total is
final (after the 按…确定 rules), in the order written; the first that holds gives the unit's grade and no
score changes; a unit none holds for has no grade. Expected grades are worked out by hand in the comments."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from test_codegen import assert_same, assert_same_cohort

from govrubric.codegen import compile_rubric
from helpers import codes, ok

# Lines after the header (helpers.HEADER: 细则, 单位类别): 1 满分, 2 总分, 3 事实, 4 the grade veto,
# 5 the cap, 6 the grade ladder, 7 一 …
GRADED = """满分 100分
总分:「考评得分」= 第一项得分 + 第二项得分
事实「发生特别重大事故」:是否
「发生特别重大事故」的,为「不合格」。
「考评得分」超过100分的,按100分确定。
「考评得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;60—80分(不含)的为「合格」;60分(不含)以下的为「不合格」。
一、【工作落实】(100分)
  事实「未落实次数」:次数
  「未落实次数」每次扣2分。
二、【激励加分】(累计不超过5分)
  事实「表彰次数」:次数
  「表彰次数」每次加1分。
"""
HEADER_LINES = 2


def facts(lapses: int, awards: int = 0, accident: bool = False) -> dict:
    return {"单位": "甲", "单位类别": "部门", "发生特别重大事故": "是" if accident else "否", "未落实次数": lapses,
            "表彰次数": awards}


# 考评得分 = (100 − 2 × 未落实次数) + 表彰次数 (二 at most 5), capped at 100.
CASES = [
    # lapses, awards, accident, total, grade
    (0, 0, False, 100, "优秀"),  # 100 ≥ 90
    (5, 0, False, 90, "优秀"),  # exactly 90: 90分(含)以上
    (6, 1, False, 89, "良好"),  # 88 + 1
    (10, 0, False, 80, "良好"),  # exactly 80: 80—90分(不含) holds 80, 60—80分(不含) does not
    (11, 1, False, 79, "合格"),  # 78 + 1
    (20, 0, False, 60, "合格"),  # exactly 60: 60—80分(不含) holds 60; 60分(不含)以下 does not
    (21, 1, False, 59, "不合格"),  # 58 + 1 < 60
    (0, 5, False, 100, "优秀"),  # 105, capped at 100 by the rule on the total, then graded
    (0, 0, True, 100, "不合格"),  # the accident: 不合格 whatever the total, and the total stays 100
    (30, 0, True, 40, "不合格"),  # 40 would be 不合格 anyway; the first rule written decides
]


@pytest.mark.parametrize("lapses, awards, accident, total, grade", CASES)
def test_grades_worked_by_hand(lapses, awards, accident, total, grade):
    result = ok(GRADED).score(facts(lapses, awards, accident))
    assert result.total == D(total)
    assert result.grade == grade and result.graded


def test_a_grade_changes_no_score():
    rubric = ok(GRADED)
    plain = ok(GRADED.replace("「发生特别重大事故」的,为「不合格」。\n", "").replace(
        "「考评得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;60—80分(不含)的为「合格」;60分(不含)以下的为「不合格」。\n",
        "").replace("事实「发生特别重大事故」:是否\n", ""))
    for lapses, awards, accident, _, _ in CASES:
        graded = rubric.score(facts(lapses, awards, accident))
        row = facts(lapses, awards)
        del row["发生特别重大事故"]
        assert graded.scores() == plain.score(row).scores()
    row = facts(0)
    del row["发生特别重大事故"]
    assert plain.score(row).graded is False and plain.score(row).grade is None


def test_the_explanation_says_why():
    rubric = ok(GRADED)
    lines = rubric.score(facts(11, 1)).total_lines
    # the total, then the grade: the total read like a fact in a clause's condition
    assert [x.text for x in lines] == ["考评得分 = 第一项得分 78 + 第二项得分 1 = 79",
                                       "等次:「考评得分」= 79分,符合「60—80分(不含)」(60分 ≤ x < 80分) → 合格"]
    assert lines[-1].amount is None and lines[-1].line == HEADER_LINES + 6 and lines[-1].fired
    vetoed = rubric.score(facts(0, 0, True)).total_lines[-1]
    assert vetoed.text == "等次:「发生特别重大事故」= 是,「发生特别重大事故」成立 → 不合格"
    assert vetoed.line == HEADER_LINES + 4
    capped = [x.text for x in rubric.score(facts(0, 5)).total_lines]
    assert capped[1:] == ["「考评得分」超过100分的,按100分确定(> 100分):105 → 100",
                          "等次:「考评得分」= 100分,符合「90分(含)以上」(≥ 90分) → 优秀"]


def test_json_carries_the_grade_only_for_a_rubric_with_grades():
    data = ok(GRADED).score(facts(10)).to_json()
    assert data["grade"] == "良好" and list(data)[:4] == ["unit", "category", "total", "grade"]
    assert "grade" not in ok("一、【甲】(1分)\n  事实「做了」:是否\n  「做了」得1分\n").score(
        {"单位": "甲", "单位类别": "部门", "做了": "是"}).to_json()


# ------------------------------------------------------------------ no grade, 否则, order
GAPPED = """总分:「考评得分」= 第一项得分
「考评得分」90分(含)以上的为「优秀」;60—80分(不含)的为「合格」。
一、【工作】(100分)
  事实「未落实次数」:次数
  「未落实次数」每次扣5分。
"""


def test_a_unit_no_rule_holds_for_has_no_grade_and_is_told_so():
    rubric = ok(GAPPED)
    result = rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 3})  # 100 − 15 = 85: in neither
    assert result.total == D(85) and result.grade is None and result.graded
    assert result.total_lines[-1].text == "等次:「考评得分」= 85分,没有适用的等次,不评等次"
    assert result.to_json()["grade"] is None
    # 100 − 20 = 80: 60—80分(不含) leaves 80 out, so 80 has no grade either; 100 − 25 = 75 is 合格
    at_80 = rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 4})
    assert at_80.total == D(80) and at_80.grade is None
    assert rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 5}).grade == "合格"


def test_otherwise_gives_every_other_unit_a_grade():
    rubric = ok(GAPPED.replace("60—80分(不含)的为「合格」", "60—80分(不含)的为「合格」,否则为「其他」"))
    result = rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 3})  # 85
    assert result.grade == "其他"
    assert result.total_lines[-1].text == "等次:其余情形 → 其他"


def test_grade_rules_are_tried_after_the_total_is_final_and_in_the_order_written():
    # the grade 「超额」 is written first, but the cap after it has made the total 100 by then
    rubric = ok("""总分:「考评得分」= 第一项得分 + 第二项得分
「考评得分」超过100分的为「超额」。
「考评得分」超过100分的,按100分确定。
「考评得分」90分以上的为「优秀」。
「考评得分」95分以上的为「卓越」。
一、【工作】(100分)
  事实「做了」:是否
  「做了」得100分
二、【加分】(累计不超过5分)
  事实「表彰」:次数
  「表彰」每次加1分。
""")
    result = rubric.score({"单位": "甲", "单位类别": "部门", "做了": "是", "表彰": 3})  # 103 → 100
    assert result.total == D(100)
    assert result.grade == "优秀"  # not 超额 (the total is 100 by then); not 卓越 (优秀 is written first)


def test_grade_on_facts_with_comparisons_and_an_empty_optional_fact():
    rubric = ok("""事实「事故起数」:起数
事实「通报」:是否(可空)
「事故起数」2起以上(含)或「通报」的,为「不合格」。
「总分」6分以上的为「合格」,否则为「不合格」。
一、【工作】(10分)
  事实「做了」:是否
  「做了」得10分
""")

    def grade(done: str = "是", **values):
        return rubric.score({"单位": "甲", "单位类别": "部门", "做了": done, **values}).grade

    assert grade(事故起数=1) == "合格"  # 1 < 2 and 通报 not filled in: the first rule does not hold; 10 ≥ 6
    assert grade(事故起数=2) == "不合格"  # 2起以上(含)
    assert grade(事故起数=0, 通报="是") == "不合格"
    assert grade(事故起数=0, 通报="否") == "合格"
    assert grade("否", 事故起数=0) == "不合格"  # 0 < 6: 否则


# ------------------------------------------------------------------ errors
def test_a_grade_and_a_total_rule_in_one_clause_is_an_error():
    text = """总分:「考评得分」= 第一项得分
「考评得分」超过100分的,按100分确定;60分以下的为「不合格」。
一、【工作】(100分)
  事实「做了」:是否
  「做了」得100分
"""
    assert codes(text) == [("GR223", 2, 1)]
    # written as two sentences, both work
    rubric = ok(text.replace(";60分以下", "。「考评得分」60分以下"))
    assert rubric.score({"单位": "甲", "单位类别": "部门", "做了": "否"}).grade == "不合格"


def test_a_condition_on_the_total_and_a_fact_together_is_refused_for_grades_too():
    text = """总分:「考评得分」= 第一项得分
事实「发生事故」:是否
「考评得分」90分以上且「发生事故」的,为「良好」。
一、【工作】(100分)
  「发生事故」的,扣10分
"""
    assert [c for c, _, _ in codes(text)] == ["GR222"]


def test_a_grade_under_an_item_is_refused():
    text = """一、【工作】(100分)
  事实「做了」:是否
  「做了」的,为「优秀」
"""
    assert [c for c, _, _ in codes(text)] == ["GR301"]


# ------------------------------------------------------------------ the compiled scorer
def test_compiled_scorer_gives_the_same_grades_and_lines():
    rubric = ok(GRADED)
    scorer = compile_rubric(rubric)
    assert scorer.GRADES == ("不合格", "优秀", "良好", "合格")
    for lapses, awards, accident, total, grade in CASES:
        row = facts(lapses, awards, accident)
        assert assert_same(rubric, scorer, row)
        assert scorer.score(row).grade == grade and scorer.explain(row)["grade"] == grade
    rows = [facts(n, n % 3, n == 7) | {"单位": f"单位{n}"} for n in range(0, 30, 3)]
    assert_same_cohort(rubric, scorer, rows)
    gapped = ok(GAPPED)
    row = {"单位": "甲", "单位类别": "部门", "未落实次数": 3}
    assert assert_same(gapped, compile_rubric(gapped), row) and compile_rubric(gapped).score(row).grade is None


def test_compiled_scorer_without_grades_says_nothing_of_them():
    rubric = ok("一、【甲】(1分)\n  事实「做了」:是否\n  「做了」得1分\n")
    scorer = compile_rubric(rubric)
    row = {"单位": "甲", "单位类别": "部门", "做了": "是"}
    assert scorer.GRADES == () and scorer.score(row).grade is None and "grade" not in scorer.explain(row)
