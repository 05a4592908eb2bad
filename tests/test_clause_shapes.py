"""Issues 14/15 (field trial 3, 三 #3 and #4): clause shapes the published tables write — the requirement not met as
the next tier without its name again (「得1分,未完成不得分」), and caps in the tables' word order or without a number
(「加分累计不超过8分」, 「累计扣分不超过该项分值」). Numbers are worked out by hand from the wording; score() checks that
the compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.fmt import format_text
from test_field_trial3_starts import lines, score

# ---------------------------------------------------------------- #3: the requirement not met, without its name


@pytest.mark.parametrize("clause", [
    "「完成」得1分,未完成不得分。",                       # 湖北「得1分,未完成不得分」
    "「完成」的记1分,未完成的不得分。",                   # 上虞「完成报送考核任务的记30分,未完成的不得分」
    "「完成」的得1分,未完成的,不得分。",
])
def test_not_done_without_its_name_is_the_otherwise_tier(clause):
    text = f"""
一、【报送】(1分)
  事实「完成」:是否
  {clause}
"""
    # by hand: done → 1; not done → 0 (as 「否则不得分」)
    assert score(text, {"完成": True}) == D(1)
    assert score(text, {"完成": False}) == D(0)
    # the same tier as 否则, and the line says what the words mean
    otherwise = lines(text.replace(clause, "「完成」得1分,否则不得分。"), {"完成": False})
    assert lines(text, {"完成": False}) == [line.replace("其余情形", "其余情形(「未完成」:前面的条件都不成立)")
                                            for line in otherwise]


def test_falling_short_costs_points_in_the_otherwise_tier():
    text = """
一、【台账】(10分)
  事实「符合要求」:是否
  事实「达标」:是否
  「符合要求」的得5分,不符合要求的扣2分。
  「达标」的得5分,不达标的不得分。
"""
    # by hand (the item from 0, as for 「否则扣2分」): both met 5 + 5 = 10; neither: 0 − 2 + 0 → 0; only 达标: −2 + 5 = 3
    assert score(text, {"符合要求": True, "达标": True}) == D(10)
    assert score(text, {"符合要求": False, "达标": False}) == D(0)
    assert score(text, {"符合要求": False, "达标": True}) == D(3)


def test_fmt_and_the_words_as_written():
    text = "细则「t」\n\n一、【报送】(1分)\n  事实「完成」:是否\n  「完成」的记1分,未完成的不得分。\n"
    formatted = format_text(text, "t.rubric")
    assert formatted.text == text


def test_a_negation_that_opens_a_clause_still_needs_a_name():
    loaded = govrubric.loads("细则「t」\n一、【甲】(1分)\n  未完成不得分。\n", "t.rubric")
    assert [d.code for d in loaded.check()] == ["GR101"]


# ---------------------------------------------------------------- #4: caps in the tables' words
BONUS = """
一、【加分】(8分)
  事实「加分项数」:项数
  「加分项数」每项加2分。
  {cap}
"""


def test_a_bonus_cap_equal_to_the_items_points_is_no_error():
    # 资阳「加分累计不超过8分」 under the 8-point 加分 item: it says what the points say; 5 项 → 10 → 8
    for cap in ("加分累计不超过8分。", "累计加分不超过8分。"):
        assert score(BONUS.format(cap=cap), {"加分项数": 5}) == D(8)
        assert score(BONUS.format(cap=cap), {"加分项数": 3}) == D(6)


def test_a_bonus_cap_other_than_the_points_says_why_it_is_refused():
    for cap, why in (("累计加分不超过5分。", "封顶为5分"), ("加分累计不超过10分。", "比本项分值8分还多")):
        loaded = govrubric.loads("细则「t」\n" + BONUS.format(cap=cap), "t.rubric")
        (found,) = loaded.check()
        assert found.code == "GR206" and why in found.help


def test_the_word_order_after_a_clause():
    text = BONUS.format(cap="").replace("每项加2分。", "每项加2分,加分累计不超过4分。")
    # by hand: 5 项 → 10, at most 4 for this clause
    assert score(text, {"加分项数": 5}) == D(4)
    assert "加分累计不超过4分:+10 → +4" in lines(text, {"加分项数": 5})


DEDUCT = """
一、【保密】(8分)
  事实「违规次数」:次数
  事实「建立制度」:是否
  「建立制度」得8分。
  「违规次数」每次扣2分{cap}
"""


@pytest.mark.parametrize("cap", [",累计扣分不超过该项分值。", ",扣分不超过本项分值。", ",累计扣分不超过项目分值。"])
def test_a_deduction_cap_without_a_number_is_the_items_points(cap):
    text = DEDUCT.format(cap=cap)
    # the same as 「扣完为止」 after the clause: this clause deducts at most the item's 8 points
    assert score(text, {"违规次数": 5, "建立制度": True}) == D(0)  # 8 − 8
    assert score(text, {"违规次数": 1, "建立制度": True}) == D(6)  # 8 − 2
    same = DEDUCT.format(cap=",扣完为止。")
    assert [x.split(":")[-1] for x in lines(text, {"违规次数": 5, "建立制度": True})] == \
           [x.split(":")[-1] for x in lines(same, {"违规次数": 5, "建立制度": True})]


def test_a_deduction_cap_without_a_number_on_the_item():
    text = DEDUCT.format(cap="。扣分不超过本项分值。").replace("  「建立制度」得8分。\n", "")
    # only deductions: from 8, at least 0
    assert score(text, {"违规次数": 5, "建立制度": True}) == D(0)
    assert score(text, {"违规次数": 3, "建立制度": True}) == D(2)


def test_a_deduction_cap_in_the_tables_word_order_bounds_the_header():
    text = """
一、【扣分项】(扣分累计不超过4分)
  事实「违规次数」:次数
  「违规次数」每次扣2分。
"""
    # by hand: 5 次 → −10, at least −4
    assert score(text, {"违规次数": 5}) == D(-4)


# ---------------------------------------------------------------- #3: 「得N分;未达到90%的,每低…」 in one clause
@pytest.mark.parametrize("points", [5, 10])
@pytest.mark.parametrize("short", ["未达到90%的", "低于90%的"])
def test_a_step_deduction_as_the_next_tier_goes_on_from_the_award(points, short):
    text = f"""
一、【甲】({points}分)
  事实「率」:百分比
  「率」达到90%的得5分;{short},每低1个百分点扣0.5分。
"""
    # by hand: 95% → 5; 85% → 5 − 5 × 0.5 = 2.5; 60% → 5 − 15, at 0 (GR205 before)
    assert score(text, {"率": "95%"}) == D(5)
    assert score(text, {"率": "85%"}) == D("2.5")
    assert score(text, {"率": "60%"}) == D(0)
    start = ("从满分扣减,基础分5分(推断:得本项分值的一档与扣分说的是同一件事,是扣分的起点,从满分扣减)" if points == 5
             else "「率」= 85%,不符合「达到90%」(≥ 90%);得5分是本句扣分的起点 → 得5分(+5)")
    assert start in lines(text, {"率": "85%"})


def test_jinhua_as_published_in_one_clause():
    # 金华「按期结案率达70%以上(含)的,得50分;未达到70%的,每少一个百分点扣1分」: 65% → 45 (SW1), 80% → 50
    text = """
一、【按期结案率】(50分)
  事实「按期结案率」:百分比
  「按期结案率」达70%以上(含)的,得50分;未达到70%的,每少一个百分点扣1分。
"""
    assert score(text, {"按期结案率": "65%"}) == D(45)
    assert score(text, {"按期结案率": "80%"}) == D(50)


def test_otherwise_then_steps_says_what_to_write():
    loaded = govrubric.loads("细则「t」\n一、【甲】(5分)\n  事实「率」:百分比\n"
                             "  「率」达到90%的,得5分;否则每低1个百分点扣0.5分。\n", "t.rubric")
    (found,) = loaded.check()
    assert found.code == "GR205" and "未达到90%的,每低1个百分点扣0.5分" in found.help


# ---------------------------------------------------------------- #10: (以……为准) after a clause
BASIS = """
一、【建设项目】(4分)
  事实「认真执行三同时」:是否
  事实「未执行三同时例数」:例数
  「认真执行三同时」得2分,「未执行三同时例数」每发现1例未执行“三同时”的扣0.5分,扣完为止(以环保局审批项目为准)。
  「认真执行三同时」得2分(以发改委及经信委立项为准)。
"""


def test_a_data_source_after_a_clause_is_its_note_and_changes_nothing():
    # 湖北 (GR101 「不是认得的上下限写法」 before): the same scores as without the notes; 3 例 → 2 − 1.5 + 2 = 2.5
    plain = BASIS.replace("(以环保局审批项目为准)", "").replace("(以发改委及经信委立项为准)", "")
    facts = {"认真执行三同时": True, "未执行三同时例数": 3}
    assert score(BASIS, facts) == score(plain, facts) == D("2.5")
    loaded = govrubric.loads("细则「t」\n" + BASIS, "t.rubric")
    assert ("数据来源", ("以环保局审批项目为准",)) in loaded.model.roots[0].meta
    assert ("数据来源", ("以发改委及经信委立项为准",)) in loaded.model.roots[0].meta
    formatted = format_text("细则「t」\n" + BASIS, "t.rubric").text
    assert "扣完为止(以环保局审批项目为准)。\n" in formatted and "得2分(以发改委及经信委立项为准)。\n" in formatted


def test_a_data_source_not_after_a_clause_says_where_it_goes():
    loaded = govrubric.loads("细则「t」\n一、【甲】(2分)\n  事实「x」:是否\n  「x」得2分。(以上传的稿件为准)\n", "t.rubric")
    (found,) = loaded.check()
    assert found.code == "GR232" and "紧跟在它说明的条款之后" in found.help


# ---------------------------------------------------------------- #21: 总分封顶 in the办法's words
TOTAL = """细则「t」
{full}总分:「考评得分」= 第一项得分 + 第二项得分
「考评得分」超过100分的{rule}。
一、【甲】(60分)
  事实「a」:分值 0—60分
  按「a」计分。
二、【加分】
  事实「n」:项数
  「n」每项加5分。
"""


@pytest.mark.parametrize("rule", [",按100分计", "按100分计算", ",按100分确定", ",按满分计", ",按满分计算"])
def test_a_total_over_the_full_score_counts_as_the_full_score(rule):
    loaded = govrubric.loads(TOTAL.format(full="满分 100分\n", rule=rule), "t.rubric")
    assert loaded.ok, [d.render() for d in loaded.check()]
    # by hand: 60 + 10 × 5 = 110 → 100; 40 + 5 = 45 stays
    from test_codegen import assert_same
    for facts, total in (({"a": 60, "n": 10}, D(100)), ({"a": 40, "n": 1}, D(45))):
        row = {"单位": "u", **facts}
        assert assert_same(loaded, govrubric.compile_rubric(loaded), row)
        assert loaded.score(row).total == total


def test_the_full_score_without_a_stated_one():
    # no 满分 and an item without points: ask rather than guess
    loaded = govrubric.loads(TOTAL.format(full="", rule=",按满分计"), "t.rubric")
    (found,) = loaded.check()
    assert found.code == "GR301" and "满分 100分" in found.help
    # every first-level item with points: their sum (60 + 40)
    text = TOTAL.format(full="", rule=",按满分计").replace("二、【加分】", "二、【加分】(40分)")
    assert govrubric.loads(text, "t.rubric").model.final.tiers[0].outcome.amount == D(100)


# ---------------------------------------------------------------- #6: 本表100分扣完 written in a row
TABLE = """
一、【事故控制评分表】(100分)
  事实「死亡事故次数」:次数
  事实「重伤事故次数」:次数
  1.【死亡事故】(20分)
    无「死亡事故次数」的,得20分;「死亡事故次数」发生一次,本表100分扣完。
  2.【重伤事故】(80分)
    无「重伤事故次数」的,得80分;「重伤事故次数」1次以上的,本表扣完。
二、【基础管理】(50分)
  事实「台账」:是否
  「台账」得50分。
"""


def test_a_rows_table_veto_takes_the_whole_table():
    # 企业安全「死亡事故……无事故得20分,发生一次,本表100分扣完」 (GR101 before): the table 0, not the row; 二 stays
    assert score(TABLE, {"死亡事故次数": 0, "重伤事故次数": 0, "台账": True}) == D(100)
    assert score(TABLE, {"死亡事故次数": 1, "重伤事故次数": 0, "台账": True}) == D(0)   # not 80
    assert score(TABLE, {"死亡事故次数": 0, "重伤事故次数": 2, "台账": True}) == D(0)   # 本表 without N: the table
    loaded = govrubric.loads("细则「t」\n" + TABLE, "t.rubric")
    result = loaded.score({"单位": "u", "死亡事故次数": 1, "重伤事故次数": 0, "台账": True})
    assert result.total == D(50)
    assert "「死亡事故次数」= 1次:本表100分扣完(否决)" in [line.text for line in result.roots[0].lines]
