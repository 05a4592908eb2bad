"""一票否优 (「…的,不得评为「优秀」」) and 等次降一档: rules before the first item that limit the unit's grade after the
ladder gave it, without touching any score (language.md §2). Expected grades are worked out by hand in the comments."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from test_codegen import assert_same

from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.render import grade_words
from helpers import codes, ok

# The ladder (highest first, by the lowest total each reaches): 优秀 ≥ 90, 良好 [80, 90), 合格 [60, 80), 不合格 < 60.
LIMITED = """总分:「考核得分」= 第一项得分
事实「发生较大环境事件」:是否
事实「满意度下降」:是否
「考核得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;60—80分(不含)的为「合格」;60分(不含)以下的为「不合格」。
「发生较大环境事件」的,不得评为「优秀」。
「满意度下降」的,等次降一档。
一、【任务】(100分)
  事实「任务得分」:分值 0—100分
  按「任务得分」计分。
"""


def unit(score, event=False, fall=False) -> dict:
    return {"单位": "甲", "单位类别": "部门", "任务得分": score, "发生较大环境事件": event, "满意度下降": fall}


@pytest.mark.parametrize("row, grade", [
    (unit(95), "优秀"),  # no limit holds
    (unit(95, event=True), "良好"),  # 不得评为「优秀」: the grade below 优秀
    (unit(85, event=True), "良好"),  # already below 优秀: unchanged
    (unit(95, event=True, fall=True), "合格"),  # 优秀 → 良好 (否优), then one lower → 合格, in the order written
    (unit(70, fall=True), "不合格"),  # 合格 one lower
    (unit(50, fall=True), "不合格"),  # the lowest stays
])
def test_limits_worked_by_hand(row, grade):
    rubric = ok(LIMITED)
    result = rubric.score(row)
    assert result.grade == grade
    assert result.total == D(row["任务得分"])  # the total is never touched
    assert_same(rubric, compile_rubric(rubric), row)


def test_the_explanation_says_what_the_limit_did():
    rubric = ok(LIMITED)
    lines = [line.text for line in rubric.score(unit(95, event=True, fall=True)).total_lines]
    assert lines[-2:] == [
        "等次:「发生较大环境事件」= 是,「发生较大环境事件」成立 → 不得评为「优秀」:优秀 → 良好",
        "等次:「满意度下降」= 是,「满意度下降」成立 → 等次降一档:良好 → 合格"]
    lines = [line.text for line in rubric.score(unit(50, fall=True)).total_lines]
    assert lines[-1] == "等次:「满意度下降」= 是,「满意度下降」成立 → 等次降一档,等次不合格不变"


def test_the_ladder_order_is_by_total_not_by_the_order_written():
    # written low to high, with a veto on the facts first: the order is still 优秀, 良好, 合格, 不合格
    text = LIMITED.replace(
        "「考核得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;60—80分(不含)的为「合格」;60分(不含)以下的为「不合格」。",
        "「满意度下降」的,为「不合格」。\n"
        "「考核得分」60分(不含)以下的为「不合格」;60—80分(不含)的为「合格」;80—90分(不含)的为「良好」;90分(含)以上的为「优秀」。")
    rubric = ok(text)
    assert rubric.model.grade_order() == ("优秀", "良好", "合格", "不合格")
    assert rubric.score(unit(95, event=True)).grade == "良好"


def test_a_grade_the_ladder_never_gives_is_no_limit_at_all():
    # 青田「评优前置」: the ladder is outside the archive, so no unit is 优秀 and the limit changes nothing
    text = """事实「未完成剿劣任务」:是否
事实「发生较大环境事件」:是否
「未完成剿劣任务」的,为「不合格」。
「发生较大环境事件」的,不得评为「优秀」。
一、【任务】(100分)
  事实「任务得分」:分值 0—100分
  按「任务得分」计分。
"""
    rubric = ok(text)
    row = {"单位": "甲", "单位类别": "部门", "任务得分": 92, "未完成剿劣任务": False, "发生较大环境事件": True}
    assert rubric.score(row).grade is None
    assert_same(rubric, compile_rubric(rubric), row)


def test_limits_are_rules_before_the_first_item():
    text = "一、【甲】(5分)\n  事实「事件」:是否\n  「事件」的,不得评为「优秀」。\n"
    assert [c for c, _, _ in codes(text)] == ["GR301"]
    # a limit and a grade in one clause are two kinds of rule (GR223)
    assert [c for c, _, _ in codes("事实「事件」:是否\n「事件」的,为「良好」;否则不得评为「优秀」。\n一、【甲】(5分)\n"
                                   "  「事件」得5分。\n")] == ["GR223"]


def test_fmt_keeps_the_words_and_render_says_them():
    rubric = ok(LIMITED)
    formatted = format_text("细则「测试」\n单位类别:「部门」、「街道」\n" + LIMITED.replace("的,等次降一档", "的 ,等次降一档"))
    assert formatted.text is not None and "「满意度下降」的,等次降一档。" in formatted.text
    assert "「发生较大环境事件」的,不得评为「优秀」。" in formatted.text
    words = grade_words(rubric.model)
    assert words.endswith(";发生较大环境事件的,不得评为优秀;满意度下降的,等次降一档")


def test_sql_refuses_the_limits_rather_than_ignore_them():
    pytest.importorskip("duckdb")
    from govrubric.sql import Unsupported, compile_query, refusal

    rubric = ok(LIMITED)
    with pytest.raises(Unsupported) as caught:
        compile_query(rubric.model, line_of=rubric.line_of)
    diagnostic = refusal(caught.value, rubric)
    assert diagnostic.code == "GR601" and "不得评为「优秀」" in diagnostic.render()


# 等次按单位类别: 乡镇 ≥ 90 优秀, [80, 90) 良好, < 80 一般; 部门 ≥ 95 优秀, [85, 95) 良好, < 85 一般.
BY_CATEGORY = """总分:「考核得分」= 第一项得分
「单位类别」为「街道」且「考核得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;80分(不含)以下的为「一般」。
「单位类别」为「部门」且「考核得分」95分(含)以上的为「优秀」;85—95分(不含)的为「良好」;85分(不含)以下的为「一般」。
「满意度下降」的,等次降一档。
一、【任务】(100分)
  事实「任务得分」:分值 0—100分
  事实「满意度下降」:是否
  按「任务得分」计分。
"""


@pytest.mark.parametrize("category, total, fall, grade", [
    ("街道", 92, False, "优秀"),  # ≥ 90 for 街道
    ("部门", 92, False, "良好"),  # the same total, 部门's ladder: [85, 95)
    ("部门", 95, False, "优秀"),
    ("街道", 79, False, "一般"),
    ("部门", 96, True, "良好"),  # 优秀 one lower: the order comes from both ladders (优秀, 良好, 一般)
])
def test_grades_by_category_worked_by_hand(category, total, fall, grade):
    rubric = ok(BY_CATEGORY)
    row = {"单位": "甲", "单位类别": category, "任务得分": total, "满意度下降": fall}
    assert rubric.score(row).grade == grade
    assert_same(rubric, compile_rubric(rubric), row)


def test_grades_by_category_explain_both_parts_and_only_grades_take_them():
    rubric = ok(BY_CATEGORY)
    row = {"单位": "甲", "单位类别": "部门", "任务得分": 92, "满意度下降": False}
    assert rubric.score(row).total_lines[-1].text == (
        "等次:「单位类别」= 部门,“「单位类别」为「部门」”成立 且 「考核得分」= 92分,符合「85—95分(不含)」"
        "(85分 ≤ x < 95分) → 良好")
    final = BY_CATEGORY.replace("「满意度下降」的,等次降一档。", "「单位类别」为「部门」且「考核得分」超过100分的,按100分确定。")
    assert [c for c, _, _ in codes(final)] == ["GR222"]


def test_sql_refuses_grades_by_category():
    pytest.importorskip("duckdb")
    from govrubric.sql import Unsupported, compile_query, refusal

    rubric = ok(BY_CATEGORY.replace("「满意度下降」的,等次降一档。\n", ""))
    with pytest.raises(Unsupported) as caught:
        compile_query(rubric.model, line_of=rubric.line_of)
    assert "按单位类别分档的等次" in refusal(caught.value, rubric).render()
