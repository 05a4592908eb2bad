"""Issue 13, "No silent wrong scores": the core semantics that gave a wrong score without a word.
Each test failed before its change; the expected numbers are worked out by hand from the wording,
and the compiled scorer must agree with the evaluator on every one."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from govrubric import GovrubricError
from govrubric.codegen import compile_rubric
from helpers import HEADER, codes, ok, rubric
from test_codegen import assert_same


HEADER_ONLY = '细则「测试」\n'


def scored(text: str, facts: dict, category: str = "部门", header: str = HEADER):
    """The evaluator's result, after checking that the compiled scorer gives the same tree and lines."""
    loaded = ok(text, header)
    row = {"单位": "甲", **facts} if header == HEADER_ONLY else {"单位": "甲", "单位类别": category, **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


# ---------------------------------------------------------------- item 7: reserved fact names
@pytest.mark.parametrize("name", ["单位", "单位名称", "名称", "单位类别"])
def test_a_fact_named_as_a_facts_file_column_is_refused(name):
    # a facts file reads these columns as the unit's name or category: such a fact could never be given
    text = f"一、【甲】(1分)\n  事实「{name}」:是否\n  「{name}」得1分。\n"
    assert codes(text) == [("GR224", 2, 5)]
    message = rubric(text).check()[0]
    assert name in message.message and "另取" in message.help


def test_a_fact_whose_name_only_contains_a_reserved_word_is_fine():
    ok("一、【甲】(1分)\n  事实「下属单位个数」:个数\n  「下属单位个数」每1个得0.1分。\n")


# ---------------------------------------------------------------- item 1: 得满分 with 否则不得分
BEDS = """
一、【床位】(5分)
  事实「床位数」:数量
  「床位数」不少于200个的,得满分,否则不得分。
"""


def test_full_marks_otherwise_nothing_scores_nothing_when_the_condition_fails():
    # 「不少于200个的,得满分,否则不得分」: 200 beds → 5; 199 → 0 (it gave 5 to every unit before)
    assert scored(BEDS, {"床位数": 200}).total == D(5)
    result = scored(BEDS, {"床位数": 199})
    assert result.total == D(0)
    assert result.roots[0].lines[0].text == "从0计分(推断:本项在「得满分」成立时得满分,否则从0计)"


def test_full_marks_for_none_and_nothing_for_one_or_more():
    text = """
一、【院感事件】(4分)
  事实「院感暴发例数」:例数
  「院感暴发例数」为0例得满分,1例以上不得分。
"""
    assert scored(text, {"院感暴发例数": 0}).total == D(4)
    assert scored(text, {"院感暴发例数": 1}).total == D(0)
    assert scored(text, {"院感暴发例数": 3}).total == D(0)


def test_full_marks_alone_is_earned_only_when_it_applies():
    text = """
一、【验收】(3分)
  事实「通过验收」:是否
  「通过验收」的,得满分。
"""
    assert scored(text, {"通过验收": True}).total == D(3)
    assert scored(text, {"通过验收": False}).total == D(0)


def test_a_deduction_beside_full_marks_otherwise_nothing_comes_off_what_was_earned():
    # 5 when ≥ 200 beds, less 1 per violation; under 200 beds nothing to deduct from: 0
    text = BEDS + "  事实「违规次数」:次数\n  「违规次数」每1次扣1分。\n"
    assert scored(text, {"床位数": 250, "违规次数": 2}).total == D(3)
    assert scored(text, {"床位数": 150, "违规次数": 0}).total == D(0)
    assert scored(text, {"床位数": 150, "违规次数": 2}).total == D(0)


def test_full_marks_at_the_top_of_a_deduction_ladder_still_starts_full():
    # 拱墅 「两率」: 「前30名(含)…的,得满分;否则…扣2分」 deducts from the points: 5 − 2 = 3
    text = """
一、【排名】(5分)
  事实「排名」:名次
  「排名」前3名的,得满分;第4名至第6名的,扣2分;否则扣4分。
"""
    assert scored(text, {"排名": 2}).total == D(5)
    assert scored(text, {"排名": 5}).total == D(3)
    assert scored(text, {"排名": 9}).total == D(1)


def problems(text: str, facts: dict, category: str = "部门") -> list[tuple[str, str]]:
    """The facts problems, after checking that the compiled scorer reports the same ones."""
    loaded = ok(text)
    row = {"单位": "甲", "单位类别": category, **facts}
    assert not assert_same(loaded, compile_rubric(loaded), row)
    with pytest.raises(GovrubricError) as raised:
        loaded.score(row)
    return [(d.code, d.message) for d in raised.value.diagnostics]


# ---------------------------------------------------------------- item 2: a 视情 range per tier
ACCIDENTS = """
一、【安全生产】(50分)
  事实「事故等级」:选项「重大」、「较大」、「一般」、「无」
  事实「事故扣分」:视情
  「事故等级」为「重大」的,视情扣40—50分;为「较大」的,视情扣25—40分;为「一般」的,视情扣15—25分。
"""


def test_the_tier_names_the_condition_and_the_item_s_视情_fact_gives_the_amount():
    # 重大, the assessor gives 45: 50 − 45 = 5; 较大 with 30: 50 − 30 = 20; no accident: 50
    result = scored(ACCIDENTS, {"事故等级": "重大", "事故扣分": 45})
    assert result.total == D(5)
    assert result.roots[0].lines[1].text == ("「事故等级」= 重大,“「事故等级」为「重大」”成立 → "
                                             "视情扣40—50分:「事故扣分」视情给出45分(−45)")
    assert scored(ACCIDENTS, {"事故等级": "较大", "事故扣分": 30}).total == D(20)
    assert scored(ACCIDENTS, {"事故等级": "无", "事故扣分": 0}).total == D(50)


def test_the_amount_must_lie_in_the_range_of_the_tier_that_applies():
    # 30 is in 较大's 25—40, not in 重大's 40—50; before, one range (the last written, 15—25) was checked
    found = problems(ACCIDENTS, {"事故等级": "重大", "事故扣分": 30})
    assert found == [("GR403", "单位「甲」的事实「事故扣分」的值「30」不合要求:应为40到50分之间的分数"
                               "(适用的一档是「「事故等级」为「重大」的,视情扣40—50分」)")]
    # a tier that applies wants an amount: 一般 with none given is not a deduction of 0
    assert problems(ACCIDENTS, {"事故等级": "一般", "事故扣分": 0})[0][0] == "GR403"
    assert problems(ACCIDENTS, {"事故等级": "一般", "事故扣分": ""})[0][0] == "GR411"
    # beyond every tier's range: refused as before, with the widest range
    assert problems(ACCIDENTS, {"事故等级": "重大", "事故扣分": 60})[0][1].endswith("应为15到50分之间的分数(一个数);没有则填0")


def test_one_视情_fact_in_two_clauses_is_checked_against_each_clause_s_range():
    # the form with the 视情 fact in the condition: 重大 45 was refused (only 25—40 was checked), 重大 30 scored
    text = """
一、【安全生产】(50分)
  事实「事故等级」:选项「重大」、「较大」、「一般」、「无」
  事实「事故扣分」:视情
  「事故等级」为「重大」且「事故扣分」的,视情扣40—50分。
  「事故等级」为「较大」且「事故扣分」的,视情扣25—40分。
"""
    assert scored(text, {"事故等级": "重大", "事故扣分": 45}).total == D(5)
    assert problems(text, {"事故等级": "重大", "事故扣分": 30})[0][0] == "GR403"
    assert scored(text, {"事故等级": "较大", "事故扣分": 30}).total == D(20)


def test_a_bare_视情_clause_takes_the_item_s_only_视情_fact():
    text = """
一、【工作落实】(3分)
  事实「落实情况扣分」:视情
  视情扣0.5—3分。
"""
    assert scored(text, {"落实情况扣分": D("1.5")}).total == D("1.5")


def test_视情_tiers_on_a_value_over_the_cohort_are_refused():
    # the tier that applies must be known when the unit's facts are read, before any cohort value
    text = """
一、【排名】(5分)
  事实「得分率」:百分比
  事实「排名」:按「得分率」排名
  事实「排名扣分」:视情
  「排名」第10名以后的,视情扣1—5分。
"""
    assert [c for c, _, _ in codes(text)] == ["GR301"]


def test_a_视情_tier_continues_with_为_and_prints_back():
    from govrubric import printer

    clause = rubric(ACCIDENTS).tree.items[0].clauses[0]
    assert printer.clause_text(clause) == ("「事故等级」为「重大」的,视情扣40—50分,为「较大」的,视情扣25—40分,"
                                           "为「一般」的,视情扣15—25分。")


# ---------------------------------------------------------------- item 3: a 视情 list where nothing is per occurrence
def test_a_list_of_amounts_for_a_clause_scored_once_is_a_facts_error():
    # 「视情加0.5—3分」 with [2, 2] added 4; a clause that is not per occurrence takes one amount
    text = """
一、【创新】(3分)
  事实「创新加分」:视情
  「创新加分」视情加0.5—3分。
"""
    found = problems(text, {"创新加分": [2, 2]})
    assert found == [("GR425", "单位「甲」的事实「创新加分」填了一组分数「[2, 2]」,但用到它的条款只计一次分:"
                               "应为0.5到3分之间的分数(一个数);没有则填0")]
    assert scored(text, {"创新加分": 2}).total == D(2)
    assert scored(text, {"创新加分": [2]}).total == D(2)  # one amount in brackets is still one amount


def test_a_list_of_amounts_stays_right_for_a_clause_per_occurrence():
    # 拱墅 「每发现一起扣1-3分」: 2 + 1.5 = 3.5 off 5
    text = """
一、【简化办】(5分)
  事实「曝光扣分」:视情
  「曝光扣分」每发现一起扣1-3分。
"""
    assert scored(text, {"曝光扣分": [2, D("1.5")]}).total == D("1.5")


# ---------------------------------------------------------------- item 5: scores that do not divide evenly
THIRDS = """每低:按比例计
一、【甲】(10分)
  事实「甲率」:百分比
  「甲率」低于90%的,每低3个百分点扣1分。
二、【乙】(10分)
  事实「乙率」:百分比
  「乙率」低于90%的,每低3个百分点扣1分。
"""


def test_a_step_that_does_not_divide_evenly_is_kept_to_the_rubric_s_places():
    # 1 point short of 90%: 1 ÷ 3 of a point = 0.33 (two places, half up); 2 points short: 0.67
    result = scored(THIRDS, {"甲率": 89, "乙率": 88}, header=HEADER_ONLY)
    assert result.scores()["一"] == D("9.67") and result.scores()["二"] == D("9.33")
    assert result.roots[0].lines[1].text == ("「甲率」= 89%,符合「低于90%」(< 90%);差1个百分点,每3个百分点扣1分(按比例计):"
                                             "1 ÷ 3 × −1 = −0.33分(保留两位小数,四舍五入)")
    # 9.67 + 9.33 = 19 ties with 3 points short in one item and none in the other (before: 19.00…001 ≠ 19)
    other = scored(THIRDS, {"甲率": 87, "乙率": 90}, header=HEADER_ONLY)
    assert result.total == other.total == D(19)
    assert str(result.total) in ("19", "19.00")  # no 28 digits in any report


def test_an_exact_proportional_step_reads_as_before():
    result = scored(THIRDS, {"甲率": D("88.5"), "乙率": 90}, header=HEADER_ONLY)
    assert result.scores()["一"] == D("9.5")
    assert result.roots[0].lines[1].text.endswith("(按比例计):0.5 × −1 = −0.5分")


def test_a_rubric_written_to_three_places_keeps_three():
    text = THIRDS.replace("扣1分。\n二", "扣0.125分。\n二", 1)  # 一 now deducts 0.125 a step: three places
    result = scored(text, {"甲率": 89, "乙率": 90}, header=HEADER_ONLY)
    assert result.scores()["一"] == D("9.958")  # 10 − 0.125 ÷ 3 = 10 − 0.041666… → 0.042 (three places)


def test_a_step_that_divides_evenly_is_never_rounded():
    # 3.75 over, 每差1个扣0.5分 按比例计: 3.75 × 0.5 = 1.875 exactly, kept to its three places (the rubric's are one)
    text = """每低:按比例计
一、【PM10】(3分)
  计分方式:从满分扣减
  事实「PM10超出微克数」:比值
  「PM10超出微克数」超过0的,每差1个扣0.5分,扣完为止。
"""
    assert scored(text, {"PM10超出微克数": D("3.75")}, header=HEADER_ONLY).total == D("1.125")


# ---------------------------------------------------------------- 不得分 as the last tier of a deduction ladder
LADDER = """
一、【报表数据采集】(5分)
  事实「未到县比例」:百分比
  「未到县比例」5%以内扣1分,5%—10%之间扣3分,10%以上不得分。
"""


def test_不得分_in_a_deduction_ladder_scores_the_item_0():
    # 残联 (field trial): 12% is worse than 7% (5 − 3 = 2) and scored 5/5 before; the published meaning is 0
    assert scored(LADDER, {"未到县比例": 7}).total == D(2)
    result = scored(LADDER, {"未到县比例": 12})
    assert result.total == D(0)
    assert result.roots[0].lines[-1].text == "否决生效:本项得0分(原为5分)"


def test_or_only_the_clause_gives_nothing_under_不得分范围_本条():
    text = LADDER.replace("  事实", "  不得分范围:本条\n  事实", 1)
    assert scored(text, {"未到县比例": 12}).total == D(5)
