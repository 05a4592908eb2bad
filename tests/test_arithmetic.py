"""Arithmetic between facts (language.md §5, issue 14 §2): one value against another, sums and differences, shares of
another count, quotients; goldens worked by hand from the published wording in each comment. Every `text` here is also
compiled and checked against the evaluator (tests/test_codegen.py, PATTERN_FILES)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric

from helpers import codes, item, rubric, score


def test_a_fact_against_its_target():
    # 水资源考核:「年度取水总量小于或等于年度目标值,得10分;大于目标值,不得分」:
    # 11.9 ≤ 12 → 10; 12 ≤ 12 → 10 (或等于); 12.1 > 12 → 0
    text = """一、【用水总量】(10分)
  事实「年度取水总量」:亿立方米
  事实「年度目标值」:亿立方米
  「年度取水总量」小于或等于「年度目标值」的,得10分;大于「年度目标值」的,不得分。
"""
    assert item(text, {"年度取水总量": "11.9", "年度目标值": "12"}) == 10
    assert item(text, {"年度取水总量": "12", "年度目标值": "12"}) == 10
    assert item(text, {"年度取水总量": "12.1", "年度目标值": "12"}) == 0


def test_a_gap_measured_against_a_fact():
    # 环保目标责任书:「低于目标值的,每低1个百分点扣0.5分」, both percentages: 85% against 90% is 5 points short →
    # 10 − 2.5 = 7.5; 90.5% against 90% is not short → 10
    text = """一、【目标完成】(10分)
  事实「实际完成值」:百分比
  事实「年度目标值」:百分比
  「实际完成值」低于「年度目标值」的,每低1个百分点扣0.5分。
"""
    assert item(text, {"实际完成值": "85%", "年度目标值": "90%"}) == D("7.5")
    assert item(text, {"实际完成值": "90.5%", "年度目标值": "90%"}) == 10


def test_a_sum_against_a_target_in_another_unit():
    # 宣城 (2):「永久基本农田中耕地面积加上可调整地类面积大于等于规划下达的永久基本农田保护目标任务」:
    # 1.5万亩 + 3000亩 = 18000亩 ≥ 1.8万亩 → 1.8分; with 2999亩 it is 17999亩 < 18000亩 → 0
    text = """一、【永久基本农田】(1.8分)
  事实「耕地面积」:万亩
  事实「可调整地类面积」:亩
  事实「保护目标任务」:万亩
  「耕地面积」加上「可调整地类面积」大于等于「保护目标任务」的,得1.8分。
"""
    assert item(text, {"耕地面积": "1.5", "可调整地类面积": 3000, "保护目标任务": "1.8"}) == D("1.8")
    assert item(text, {"耕地面积": "1.5", "可调整地类面积": 2999, "保护目标任务": "1.8"}) == 0


def test_a_share_of_another_count():
    # 信用示范城市 7:「经整改后退出黑名单比例达到在运营黑名单主体总量的30%」: 30 of 100 meets it; 29 does not.
    # 8 (written with 百分之): 「信用修复培训覆盖面达到……总量的50%以上」 — 50 of 100 meets it
    text = """一、【黑名单】(2分)
  事实「退出黑名单主体数」:户数
  事实「信用修复培训主体数」:户数
  事实「在运营黑名单主体总量」:户数
  「退出黑名单主体数」达到「在运营黑名单主体总量」的30%的,得1分。
  「信用修复培训主体数」不低于「在运营黑名单主体总量」的百分之五十的,得1分。
"""
    assert item(text, {"退出黑名单主体数": 30, "信用修复培训主体数": 50, "在运营黑名单主体总量": 100}) == 2
    assert item(text, {"退出黑名单主体数": 29, "信用修复培训主体数": 49, "在运营黑名单主体总量": 100}) == 0


def test_change_against_last_year_both_ways():
    # 定远 1.2.3:「与上年度相比持平得15分,每下降一个百分点扣7.5分;……每上升一个百分点加1分」(here without the
    # bonus cap): 本年 18% against 上年 20% → 15 − 2 × 7.5 = 0; 23% against 20% → 15 + 3 = 18 (加分 beyond the points
    # under 加分上限:不受本项分值限制); 20% against 20% → 15
    text = """一、【经费增长】(15分)
  加分上限:不受本项分值限制(理由:「上升加分」)
  计分方式:从满分扣减(理由:「持平得15分」)
  事实「本年占比」:百分比
  事实「上年占比」:百分比
  「本年占比」低于「上年占比」的,每下降1个百分点扣7.5分。
  「本年占比」高于「上年占比」的,每上升1个百分点加1分。
"""
    assert item(text, {"本年占比": "18%", "上年占比": "20%"}) == 0
    assert item(text, {"本年占比": "23%", "上年占比": "20%"}) == 18
    assert item(text, {"本年占比": "20%", "上年占比": "20%"}) == 15


def test_a_quotient_times_points_compared_exactly():
    # 河北信用:「得分=转载数量/12*1」 as a condition: 转载数量 ÷ 12 × 10 达到5 needs 6 of 12 (5 ≥ 5);
    # 7 ÷ 12 × 10 = 5.833… meets it; 5 ÷ 12 × 10 = 4.166… does not
    text = """一、【转载】(1分)
  事实「转载数量」:篇数
  「转载数量」÷12×10达到5的,得1分。
"""
    assert item(text, {"转载数量": 6}) == 1
    assert item(text, {"转载数量": 7}) == 1
    assert item(text, {"转载数量": 5}) == 0


def test_operator_words_in_both_widths():
    # 「甲」＋「乙」 (full-width), 减去, 乘以, 除以: (3 + 4) ≥ 7 → 1; 9 减去 2 = 7 ≥ 7 → 1; 2 乘以 3 = 6 < 7 → 0;
    # 14 除以 2 = 7 → 1; total 3
    text = """一、【写法】(4分)
  事实「甲」:个数
  事实「乙」:个数
  「甲」＋「乙」不少于7个的,得1分。
  「甲」减去「乙」不少于7的,得1分。
  「甲」乘以3不少于7的,得1分。
  「甲」除以「乙」×7不少于7的,得1分。
"""
    # 9 + 2 = 11 ≥ 7 (1); 9 − 2 = 7 ≥ 7 (1); 9 × 3 = 27 ≥ 7 (1); 9 ÷ 2 × 7 = 31.5 ≥ 7 (1): 4
    assert item(text, {"甲": 9, "乙": 2}) == 4
    # 3 + 4 = 7 ≥ 7 (1); 3 − 4 = −1 (0); 3 × 3 = 9 ≥ 7 (1); 3 ÷ 4 × 7 = 5.25 (0): 2
    assert item(text, {"甲": 3, "乙": 4}) == 2


@pytest.mark.parametrize("clause, code, words", [
    ("「完成率」+「次数」不少于5的,得1分。", "GR301", ["完成率", "百分比", "次数", "相加"]),
    ("「面积」+「经费」不少于5的,得1分。", "GR302", ["面积", "亩", "经费", "元"]),
    ("「面积」低于「经费」的,得1分。", "GR302", ["面积", "亩", "经费", "元"]),
    ("「次数」×「次数」不少于5的,得1分。", "GR301", ["相乘"]),
    ("「次数」÷「名次」不少于5的,得1分。", "GR307", ["名次"]),
    ("「次数」÷0不少于5的,得1分。", "GR303", ["除以0"]),
    ("「次数」低于「目标次」的,得1分。", "GR201", ["目标次", "目标次数"]),
])
def test_arithmetic_that_does_not_fit_is_refused_with_the_facts_named(clause, code, words):
    loaded = rubric(f"""一、【甲】(2分)
  事实「完成率」:百分比
  事实「次数」:次数
  事实「目标次数」:次数
  事实「名次」:名次
  事实「面积」:亩
  事实「经费」:元
  {clause}
""")
    found = loaded.check()
    assert [d.code for d in found] == [code], [d.render() for d in found]
    assert all(w in found[0].render() for w in words), found[0].render()
    assert clause in found[0].render().splitlines()[2]  # the clause's own line under the caret (a sum once said 1:1)


def test_the_explanation_shows_both_values():
    result = score("""一、【目标】(10分)
  事实「实际完成值」:百分比
  事实「年度目标值」:百分比
  「实际完成值」低于「年度目标值」的,每低1个百分点扣0.5分。
""", {"实际完成值": "85%", "年度目标值": "90%"})
    line = result.roots[0].lines[-1].text
    assert "「实际完成值」= 85%,「年度目标值」= 90%" in line and "(「实际完成值」 < 「年度目标值」)" in line
    assert "差5个百分点" in line and "−2.5分" in line


def test_a_division_by_a_fact_that_is_zero_is_refused_in_the_facts():
    # 「甲」÷「乙」 in a condition: as with 「甲」/「乙」, a unit whose 「乙」 is 0 cannot be scored (GR408)
    loaded = rubric("""一、【甲】(1分)
  事实「甲」:个数
  事实「乙」:个数
  「甲」÷「乙」×10达到5的,得1分。
""")
    assert loaded.ok
    with pytest.raises(Exception) as raised:
        loaded.score({"单位": "u", "单位类别": "部门", "甲": 1, "乙": 0})
    assert "GR408" in str(raised.value)


def test_no_code_points_at_arithmetic_in_a_clean_rubric():
    assert codes("""一、【甲】(1分)
  事实「甲」:个数
  事实「乙」:个数
  「甲」-「乙」超过3的,得1分。
""") == []


def test_a_value_equal_to_its_target_falls_between_two_tiers():
    # 「小于目标值的,得10分;大于目标值的,得5分」 leaves 取水总量 = 目标值 to no tier: lint GL301, and its witness
    # (both sides equal) scores 0 in the evaluator
    from govrubric.lint import lint
    from govrubric.lint.domains import Domains
    from govrubric.lint.witness import score as witness_score

    loaded = rubric("""一、【用水】(10分)
  事实「年度取水总量」:亿立方米
  事实「年度目标值」:亿立方米
  「年度取水总量」小于「年度目标值」的,得10分;大于「年度目标值」的,得5分。
""")
    gaps = [f for f in lint(loaded) if f.code == "GL301"]
    assert len(gaps) == 1
    facts = dict(gaps[0].witness.facts)
    assert facts["年度取水总量"] == facts["年度目标值"]
    assert witness_score(Domains(loaded.model), facts, gaps[0].witness.category).scores()["一"] == 0


def test_arithmetic_round_trips_through_fmt_and_renders_as_written():
    from govrubric.fmt import format_text
    from govrubric.render import build_table

    source = """细则「测试」

一、【目标】(10分)
  事实「实际完成值」:百分比
  事实「目标值」:百分比
  「实际完成值」低于「目标值」的,每低1个百分点扣0.5分。

二、【转载】(4分)
  事实「转载数量」:篇数
  事实「退出数」:户数
  事实「总量」:户数
  「转载数量」÷12×10达到5的,得1分。
  「退出数」达到「总量」的百分之三十的,得2分。
  「退出数」加上「转载数量」小于或等于「总量」的,得1分。
"""
    formatted = format_text(source)
    assert formatted.problems == () and formatted.text is not None
    for written in ("低于「目标值」", "÷12×10达到5", "「总量」的百分之三十", "「退出数」加上「转载数量」小于或等于"):
        assert written in formatted.text
    assert format_text(formatted.text).text == formatted.text
    loaded = govrubric.loads(source, "t.rubric")
    cells = [cell for row in build_table(loaded.model, loaded.tree).rows for cell in row.standard]
    shown = "\n".join(str(c) for c in cells)
    assert "实际完成值低于目标值的,每低1个百分点扣0.5分" in shown
    assert "退出数达到总量的百分之三十得2分" in shown


def test_a_formula_score_as_published():
    # 河北信用 3:「转载占1分,得分=转载数量/12*1」: 6 of 12 → 6 ÷ 12 × 1 = 0.5; 7 → 0.58333… kept to two places,
    # half up: 0.58; 12 → 1; 15 → 1.25, held to the item's 1 point
    text = """一、【转载】(1分)
  事实「转载数量」:篇数
  得分=「转载数量」/12*1分。
"""
    assert item(text, {"转载数量": 6}) == D("0.5")
    assert item(text, {"转载数量": 7}) == D("0.58")
    assert item(text, {"转载数量": 12}) == 1
    assert item(text, {"转载数量": 15}) == 1


def test_a_formula_score_between_two_facts_and_its_explanation():
    # 「该项得分=「甲」÷「乙」×10分」: 3 ÷ 4 × 10 = 7.5; 2 ÷ 3 × 10 = 6.666… → 6.67 (two places, half up)
    text = """一、【完成】(10分)
  事实「完成数」:个数
  事实「任务数」:个数
  该项得分=「完成数」÷「任务数」×10分。
"""
    assert item(text, {"完成数": 3, "任务数": 4}) == D("7.5")
    result = score(text, {"完成数": 2, "任务数": 3})
    assert result.scores()["一"] == D("6.67")
    line = " ".join(x.text for x in result.roots[0].lines)
    assert "「完成数」÷「任务数」×10 = 6.66666…(「完成数」= 2、「任务数」= 3) = 6.67分(保留两位小数,四舍五入)" in line


def test_points_times_a_share_of_two_counts():
    # 「按完成任务的占比计分」 (4分): 3 of 4 → 4 × 0.75 = 3; 1 of 3 → 4 × 1/3 = 1.333… → 1.33; the same share given
    # as two percentages: 「甲率」+「乙率」 = 30% + 20% = 50% → 4 × 50% = 2
    text = """一、【落实】(4分)
  事实「完成任务数」:个数
  事实「任务总数」:个数
  按「完成任务数」÷「任务总数」比例计分。
二、【两率】(4分)
  事实「甲率」:百分比
  事实「乙率」:百分比
  按「甲率」+「乙率」比例计分。
"""
    facts = {"完成任务数": 3, "任务总数": 4, "甲率": "30%", "乙率": "20%"}
    assert score(text, facts).scores()["一"] == 3
    assert score(text, facts).scores()["二"] == 2
    assert score(text, {**facts, "完成任务数": 1, "任务总数": 3}).scores()["一"] == D("1.33")


@pytest.mark.parametrize("clause, words", [
    ("得分=「名次」×2分。", ["名次"]),
    ("按「次数」+「次数」比例计分。", ["比例", "百分比或比值"]),
    ("得分=「是否达标」×2分。", ["是否达标"]),
])
def test_a_formula_that_cannot_give_a_score_is_refused(clause, words):
    loaded = rubric(f"""一、【甲】(2分)
  事实「次数」:次数
  事实「名次」:名次
  事实「是否达标」:是否
  {clause}
""")
    found = loaded.check()
    assert [d.code for d in found] == ["GR301"], [d.render() for d in found]
    assert all(w in found[0].render() for w in words), found[0].render()
    assert clause in found[0].render().splitlines()[2]


def test_a_formula_dividing_by_a_fact_of_zero_is_refused_in_the_facts():
    loaded = rubric("""一、【甲】(10分)
  事实「完成数」:个数
  事实「任务数」:个数
  该项得分=「完成数」÷「任务数」×10分。
""")
    with pytest.raises(Exception) as raised:
        loaded.score({"单位": "u", "单位类别": "部门", "完成数": 1, "任务数": 0})
    assert "GR408" in str(raised.value)


def test_formulas_round_trip_through_fmt():
    from govrubric.fmt import format_text

    source = """细则「测试」

一、【转载】(1分)
  事实「转载数量」:篇数
  该项得分=「转载数量」/12×1分。

二、【落实】(4分)
  事实「完成任务数」:个数
  事实「任务总数」:个数
  按「完成任务数」÷「任务总数」比例计分。
"""
    formatted = format_text(source)
    assert formatted.problems == () and formatted.text == source
    from govrubric.render import build_table

    loaded = govrubric.loads(source, "t.rubric")
    shown = [line for row in build_table(loaded.model, loaded.tree).rows for line in row.standard]
    assert shown == ["该项得分=转载数量/12×1分", "按完成任务数÷任务总数比例计分"]


def test_lint_finds_a_formula_that_can_pass_the_points():
    # 「得分=转载数量/12*1」 in a 1-point item: more than 12 篇 would give more than 1 point, which the item's points
    # cut off (GL201); the witness, scored by the evaluator, is held to 1
    from govrubric.lint import lint
    from govrubric.lint.domains import Domains
    from govrubric.lint.witness import score as witness_score

    loaded = rubric("""一、【转载】(1分)
  事实「转载数量」:篇数
  得分=「转载数量」/12×1分。
""")
    found = [f for f in lint(loaded) if f.code == "GL201"]
    assert len(found) == 1
    facts = dict(found[0].witness.facts)
    assert facts["转载数量"] > 12
    assert witness_score(Domains(loaded.model), facts, found[0].witness.category).scores()["一"] == 1


COHORT_TEXT = """一、【收件】(6分)
  事实「收件数」:件数
  事实「最高收件数」:「收件数」的最高值
  该项得分=「收件数」÷「最高收件数」×6分。
二、【办结】(10分)
  事实「办结率」:百分比
  事实「平均办结率」:「办结率」的平均值
  「办结率」低于「平均办结率」的,每低1个百分点扣0.2分。
"""


def _cohort(rows):
    from test_codegen import assert_same_cohort

    from govrubric.codegen import compile_rubric

    loaded = rubric(COHORT_TEXT)
    units = [{"单位类别": "部门", **row} for row in rows]
    assert_same_cohort(loaded, compile_rubric(loaded), units)  # the compiled scorer: scores and lines alike
    results = loaded.score_cohort(units)
    return {row["单位"]: r.scores() for row, r in zip(rows, results)}, results


def test_the_ratio_method_and_a_gap_against_the_cohort_average():
    # 「本单位得分=本单位值÷各单位最高值×分值」: 30, 20, 0 件 → 6, 20 ÷ 30 × 6 = 4, 0;
    # 「低于全部单位平均值的,每低1个百分点扣0.2分」: average of 90%, 85%, 80% is 85% → 丙 is 5 points short: 10 − 1 = 9
    scores, _ = _cohort([{"单位": "甲", "收件数": 30, "办结率": "90%"}, {"单位": "乙", "收件数": 20, "办结率": "85%"},
                         {"单位": "丙", "收件数": 0, "办结率": "80%"}])
    assert {u: s["一"] for u, s in scores.items()} == {"甲": 6, "乙": 4, "丙": 0}
    assert {u: s["二"] for u, s in scores.items()} == {"甲": 10, "乙": 10, "丙": 9}


def test_a_cohort_divisor_of_zero_leaves_the_formula_without_a_value_and_says_so():
    # every unit 0 件: the highest is 0, 0 ÷ 0 has no value: the formula does not apply (0 points), explained
    scores, results = _cohort([{"单位": "甲", "收件数": 0, "办结率": "90%"}, {"单位": "乙", "收件数": 0, "办结率": "80%"}])
    assert scores["甲"]["一"] == 0
    lines = " ".join(line.text for line in results[0].roots[0].lines)
    assert "除数为0,无法计算" in lines


def test_lint_knows_a_unit_is_never_above_the_highest():
    # 「收件数」÷「最高收件数」×6 is at most 6: no GL201 (a witness with 收件数 above the highest cannot happen)
    from govrubric.lint import lint

    assert [f.code for f in lint(rubric(COHORT_TEXT)) if f.code == "GL201"] == []


def test_fmt_keeps_a_minus_after_a_fact():
    # fmt writes a range's dash as — (1-3分 → 1—3分) but a minus between facts stays as written
    from govrubric.fmt import format_text

    source = """细则「测试」

一、【甲】(1分)
  事实「甲」:比值
  事实「乙」:比值
  事实「丙」:比值
  「甲」<「乙」-「丙」得0.1分。
  「甲」-「乙」超过1的,扣1-2分。
"""
    formatted = format_text(source)
    assert formatted.problems == (), formatted.problems
    assert "「甲」<「乙」-「丙」得0.1分" in formatted.text and "「甲」-「乙」超过1的,扣1—2分" in formatted.text


def test_facts_a_formula_reads_must_be_given():
    # 「得分=」 reads its facts as a condition does: a unit without them is GR401, not silently 0
    loaded = rubric("""一、【甲】(10分)
  事实「完成数」:个数
  事实「任务数」:个数
  该项得分=「完成数」÷「任务数」×10分。
""")
    with pytest.raises(Exception) as raised:
        loaded.score({"单位": "u", "单位类别": "部门"})
    assert "GR401" in str(raised.value) and "完成数" in str(raised.value) and "任务数" in str(raised.value)


def test_a_proportional_deduction_as_published():
    # 「按未完成任务的占比扣分,最多扣4分」 in a 4-point item: 1 of 4 tasks not done → 4 × 1/4 = 1 off → 3;
    # 1 of 3 → 4 × 1/3 = 1.333… → 1.33 off (two places, half up) → 2.67; all 3 of 3 → 4 off → 0
    text = """一、【任务】(4分)
  事实「未完成任务数」:个数
  事实「任务总数」:个数
  按「未完成任务数」÷「任务总数」的占比扣分,最多扣4分。
"""
    assert item(text, {"未完成任务数": 1, "任务总数": 4}) == 3
    assert item(text, {"未完成任务数": 1, "任务总数": 3}) == D("2.67")
    assert item(text, {"未完成任务数": 3, "任务总数": 3}) == 0


def test_a_proportional_deduction_with_its_base_written():
    # 「按…的比例扣4分」 in a 10-point item: the base is 4, not the points: 3 of 4 → 4 × 0.75 = 3 off → 7
    text = """一、【任务】(10分)
  事实「未完成数」:个数
  事实「总数」:个数
  按「未完成数」÷「总数」的比例扣4分。
"""
    assert item(text, {"未完成数": 3, "总数": 4}) == 7


def test_a_proportional_deduction_whose_base_is_unclear_is_asked_for():
    # 10-point item, 「最多扣4分」: 10 × share up to 4, or 4 × share? the check asks for 「扣N分」
    found = rubric("""一、【任务】(10分)
  事实「未完成数」:个数
  事实「总数」:个数
  按「未完成数」÷「总数」的比例扣分,最多扣4分。
""").check()
    assert [d.code for d in found] == ["GR301"]
    assert "基数不明" in found[0].render() and "按…比例扣4分" in found[0].render()


def test_a_proportional_deduction_round_trips_and_scores_alike_in_sql():
    pytest.importorskip("duckdb")
    from govrubric.fmt import format_text
    from sql_helpers import decimal_outcome, duckdb_outcome

    source = """细则「测试」

一、【任务】(4分)
  事实「未完成任务数」:个数
  事实「任务总数」:个数
  按「未完成任务数」÷「任务总数」的占比扣分,最多扣4分。
"""
    formatted = format_text(source)
    assert formatted.problems == () and formatted.text == source
    loaded = govrubric.loads(source, "t.rubric")
    # 1 of 4 undone: 4 × 0.25 = 1 off → 3; 2 of 3: 4 × 2/3 = 2.666… → 2.67 off → 1.33
    rows = [{"单位": "甲", "未完成任务数": 1, "任务总数": 4}, {"单位": "乙", "未完成任务数": 2, "任务总数": 3}]
    expected = decimal_outcome(loaded, rows)
    assert {u: s["一"] for u, (s, _) in expected[1].items()} == {"甲": D(3), "乙": D("1.33")}
    assert duckdb_outcome(loaded, rows) == expected


def test_a_share_written_with_a_division_sign_prints_back_with_it():
    # 「按「甲」÷「乙」的比例扣2分」: the author's ÷ is kept (a plain 「甲」/「乙」 stays the ratio it always was)
    from govrubric.printer import print_rubric

    source = """细则「测试」

一、【任务】(4分)
  事实「未完成数」:个数
  事实「总数」:个数
  按「未完成数」÷「总数」的比例扣2分。
"""
    loaded = govrubric.loads(source, "t.rubric")
    assert "按「未完成数」÷「总数」的比例扣2分" in print_rubric(loaded.tree)


def test_a_score_formula_takes_a_percentage_as_its_share():
    # 数字化城管考核评分标准:「(按时结案数/应结案数) ×100%×60」, the unit giving the rate: 「得分=完成率×分值」.
    # 50% × 60 = 30; 95% × 60 = 57; 100% × 60 = 60 (field trial 3, SW10: the percentage was multiplied as 50)
    text = """一、【常规案件】(60分)
  事实「按时结案率」:百分比
  该项得分=「按时结案率」×60分。
"""
    assert item(text, {"按时结案率": "50%"}) == 30
    assert item(text, {"按时结案率": "95%"}) == 57
    assert item(text, {"按时结案率": "100%"}) == 60


def test_a_quotient_against_a_percentage():
    # 金华:「按期结案率=按期结案数/应结案数×100%」「达到70%以上(含)的,得50分」: the rate a/b is compared with 70% as
    # 0.7: 7/10 meets it, 69/100 does not; against a target rate (「目标率」71%) 7/10 is below it
    text = """一、【结案】(50分)
  事实「按期结案数」:件数
  事实「应结案数」:件数
  「按期结案数」÷「应结案数」达到70%以上(含)的,得50分。
二、【目标】(10分)
  事实「完成数」:件数
  事实「任务数」:件数
  事实「目标率」:百分比
  「完成数」÷「任务数」低于「目标率」的,扣5分。
"""
    assert item(text, {"按期结案数": 7, "应结案数": 10, "完成数": 1, "任务数": 1, "目标率": "70%"}) == 50
    assert item(text, {"按期结案数": 69, "应结案数": 100, "完成数": 1, "任务数": 1, "目标率": "70%"}) == 0
    assert item(text, {"按期结案数": 0, "应结案数": 1, "完成数": 7, "任务数": 10, "目标率": "71%"}, path="二") == 5
    assert item(text, {"按期结案数": 0, "应结案数": 1, "完成数": 7, "任务数": 10, "目标率": "70%"}, path="二") == 10
