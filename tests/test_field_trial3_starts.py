"""Field trial 3, silent wrong scores SW1, SW1b, SW5, SW7, SW8, SW9, SW11, SW12 (tests/field_trial3/repro/): where an
item's or a sentence's scoring starts, and which cap a deduction meets. Expected numbers are worked out by hand from
the published words (tests/field_trial3/REPORT.md); the compiled scorer must give the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

from govrubric.codegen import compile_rubric
from test_codegen import assert_same
from test_reading_kinds import hinted, load


def score(text: str, facts: dict, *readings: str) -> D:
    """Item 一's score, after checking that the compiled scorer gives the same tree and lines."""
    loaded = load(text, *readings)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()["一"]


def lines(text: str, facts: dict, *readings: str) -> list[str]:
    return [line.text for line in load(text, *readings).score({"单位": "甲", **facts}).roots[0].lines]


def decisions(text: str, key: str, *readings: str) -> list:
    return [(d.path, d.value, d.origin) for d in load(text, *readings).model.decisions if d.key == key]


# ---------------------------------------------------------------- SW11: each sentence its own cap
# 咸阳河长制:「未制定“一河一策”的,少1条扣1分,最高扣4分;未制定年度计划的,每少1条扣1分,最高扣4分。」
SW11 = """
一、【基础工作】(50分)
  事实「未制定一河一策条数」:条数
  事实「未制定年度计划条数」:条数
  4.「未制定一河一策条数」少1条扣1分,最高扣4分;「未制定年度计划条数」每少1条扣1分,最高扣4分。
"""


def test_a_sentence_with_its_own_cap_keeps_it_and_is_not_joined_under_the_next_cap():
    # by hand: 5 条 → 5 × 1 = 5, at most 4; 3 条 → 3 (its own cap 4 not reached): 50 − 4 − 3 = 43
    assert score(SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}) == D(43)
    # 5 and 5: 4 + 4 = 8 → 42 (read as one point capped at 4 it would be 46)
    assert score(SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 5}) == D(42)
    assert decisions(SW11, "句末上限") == []  # nothing left open: each sentence says its own cap
    assert not any("合计" in line for line in lines(SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}))


def test_a_point_whose_earlier_sentences_have_no_cap_still_shares_the_last_one():
    text = SW11.replace("少1条扣1分,最高扣4分;", "少1条扣1分;", 1)
    # by hand (句末上限:整点): 5 + 3 = 8, at most 4 together → 46
    assert score(text, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}) == D(46)
    assert decisions(text, "句末上限") == [("一", "整点", "默认")]


# ---------------------------------------------------------------- SW1, SW1b: 得N分 (N = the item's points) then deductions
# 金华市区数字城管:「按期结案率达70%以上(含)的,得50分;未达到70%的,每少一个百分点扣1分。」
SW1 = """
一、【按期结案率】(50分)
  事实「按期结案率」:百分比
  「按期结案率」达70%以上(含)的,得50分。「按期结案率」未达到70%的,每少一个百分点扣1分。
"""
# 任务书「按时报送得满分,每推迟一天扣0.1分」 with 满分 written as the item's points
SW1B = """
一、【报送】(2分)
  事实「按时报送」:是否
  事实「推迟天数」:天数
  「按时报送」得2分,每推迟一天扣0.1分。
"""


def test_the_items_points_for_reaching_the_line_are_where_the_shortfall_is_deducted_from():
    # by hand: 65% is 5 points short: 50 − 5 = 45; 80% 50; 69.5% is 0.5 short, no whole step: 50; 20%: 50 − 50 = 0
    assert score(SW1, {"按期结案率": "65%"}) == D(45)
    assert score(SW1, {"按期结案率": "80%"}) == D(50)
    assert score(SW1, {"按期结案率": "69.5%"}) == D(50)
    assert score(SW1, {"按期结案率": "20%"}) == D(0)
    assert decisions(SW1, "计分方式") == [("一", "从满分扣减", "默认")]
    assert hinted(SW1, "计分方式")
    # the other reading, written: the 50 points are earned on top, and below the line there is nothing to deduct from
    stated = SW1.replace("(50分)\n", "(50分)\n  计分方式:从零计分\n")
    assert score(stated, {"按期结案率": "65%"}) == D(0)


def test_the_items_points_then_each_day_late_in_the_same_sentence_start_from_the_points():
    # by hand: 2 − 3 × 0.1 = 1.7; on time 2
    assert score(SW1B, {"按时报送": False, "推迟天数": 3}) == D("1.7")
    assert score(SW1B, {"按时报送": True, "推迟天数": 0}) == D(2)
    assert "从满分扣减,基础分2分(推断:得本项分值的一档与扣分说的是同一件事,是扣分的起点,从满分扣减)" in lines(
        SW1B, {"按时报送": False, "推迟天数": 3})
    # written as 得满分 it always read so: the two wordings now agree
    assert score(SW1B.replace("得2分", "得满分"), {"按时报送": False, "推迟天数": 3}) == D("1.7")


def test_no_accident_points_then_each_accident_in_the_same_sentence():
    text = """
一、【安全生产】(10分)
  事实「未发生安全事故」:是否
  事实「事故起数」:起数
  「未发生安全事故」的得10分,每发生一起事故扣5分。
"""
    # by hand: 1 起 → 10 − 5 = 5; 0 起 → 10; 3 起 → 10 − 15 → 0
    assert score(text, {"未发生安全事故": False, "事故起数": 1}) == D(5)
    assert score(text, {"未发生安全事故": True, "事故起数": 0}) == D(10)
    assert score(text, {"未发生安全事故": False, "事故起数": 3}) == D(0)
    # the count named again, still in the same sentence: the same start (同句得分:扣分的起点, the default; the
    # staffer's 10 − 5 = 5); under 同句得分:条件成立才得 the award is earned only where no accident happened
    named = text.replace("每发生一起事故扣5分", "「事故起数」每发生一起扣5分")
    assert score(named, {"未发生安全事故": False, "事故起数": 1}) == D(5)
    assert score(named, {"未发生安全事故": False, "事故起数": 1}, "同句得分=条件成立才得") == D(0)
    assert hinted(named, "同句得分")


def test_an_award_for_something_else_in_another_sentence_is_still_earned():
    # the plan and the late reports are different things, in different sentences: no plan, nothing earned
    text = """
一、【计划】(10分)
  事实「制定方案」:是否
  事实「迟报次数」:次数
  「制定方案」得10分。「迟报次数」每次扣1分。
"""
    assert score(text, {"制定方案": False, "迟报次数": 0}) == D(0)
    assert score(text, {"制定方案": True, "迟报次数": 2}) == D(8)


# ---------------------------------------------------------------- SW7, SW8: the other side of a requirement or allowance
# 基层党建「不少于4次……每少开1次」; 城中村垃圾分类「低于区要求不扣分,超出部分每宗次扣1分」; 政务服务时限
SW7 = """
一、【党建工作责任】(2分)
  事实「专题研究次数」:次数
  事实「制定年度计划」:是否
  「专题研究次数」不少于4次得1分,每少1次扣0.5分;「制定年度计划」得1分。
"""
SW8 = """
一、【市区督办】(40分)
  事实「市考评案件宗数」:件数
  「市考评案件宗数」不超过10件的不扣分,每超过1件扣1分。
"""


def test_each_short_of_a_requirement_counts_from_it_and_from_the_sentences_points():
    # by hand: 4 次 → 1 + 1 = 2; 3 次 → (1 − 0.5) + 1 = 1.5; 6 次 → 1 + 1 = 2; 2 次 → (1 − 1) + 1 = 1
    for times, expected in ((4, 2), (3, "1.5"), (6, 2), (2, 1)):
        assert score(SW7, {"专题研究次数": times, "制定年度计划": True}) == D(expected), times
    # without the plan: 3 次 → 0.5
    assert score(SW7, {"专题研究次数": 3, "制定年度计划": False}) == D("0.5")
    said = lines(SW7, {"专题研究次数": 3, "制定年度计划": True})
    assert "「专题研究次数」= 3,不符合「不少于4次」(≥ 4);得1分是本句扣分的起点 → 得1分(+1)" in said
    assert any(line.startswith("「专题研究次数」= 3,符合「少于4次」(< 4);差1次") for line in said)


def test_each_over_an_allowance_counts_from_it():
    # by hand: 8 件 → 40; 12 件 → 2 over: 40 − 2 = 38; 10 件 → 40
    assert score(SW8, {"市考评案件宗数": 8}) == D(40)
    assert score(SW8, {"市考评案件宗数": 12}) == D(38)
    assert score(SW8, {"市考评案件宗数": 10}) == D(40)
    days = """
一、【办理时限】(10分)
  事实「办理用时」:天数
  「办理用时」5个工作日内的不扣分,每超1个工作日扣0.5分。
"""
    # by hand: 8 天 → 3 over: 10 − 1.5 = 8.5; 5 天 → 10
    assert score(days, {"办理用时": 8}) == D("8.5")
    assert score(days, {"办理用时": 5}) == D(10)


def test_each_percentage_point_short_of_the_items_points_line():
    # 「达到90%的得5分,每低1个百分点扣0.5分」 (REPORT.md SW1, refused with GR210 before): 85% → 5 − 2.5 = 2.5
    text = """
一、【达标率】(5分)
  事实「达标率」:百分比
  「达标率」达到90%的得5分,每低1个百分点扣0.5分。
"""
    assert score(text, {"达标率": "85%"}) == D("2.5")
    assert score(text, {"达标率": "95%"}) == D(5)


def test_the_same_side_still_continues_the_tier():
    # language.md 6.4: 「不少于四次加2分,每增加一次加1分」: 6 次 → 2 + 2 = 4; 3 次 → 0
    text = """
一、【学习】(10分)
  事实「学习次数」:次数
  「学习次数」不少于四次加2分,每增加一次加1分。
"""
    assert score(text, {"学习次数": 6}) == D(4)
    assert score(text, {"学习次数": 3}) == D(0)


# ---------------------------------------------------------------- SW5: a row's 扣完为止 stops at the row's points
# 湖北环保目标责任制:「认真执行辖区内建设项目“三同时”,得2分,每发现1例未执行“三同时”的扣0.5分,扣完为止」
SW5 = """
一、【建设项目环境管理情况】(4分)
  事实「认真执行三同时」:是否
  事实「未执行三同时例数」:例数
  事实「实行持证排污」:是否
  事实「持证排污未完成例数」:例数
  「认真执行三同时」得2分,「未执行三同时例数」每发现1例未执行“三同时”的扣0.5分,扣完为止。
  「实行持证排污」得2分,「持证排污未完成例数」每有1例未完成的,扣0.5分,扣完为止。
"""


def test_a_rows_exhaustion_stops_at_the_rows_points():
    facts = {"认真执行三同时": True, "未执行三同时例数": 6, "实行持证排污": True, "持证排污未完成例数": 0}
    # by hand: row 1: 2 − 3, 扣完为止 at its 2 points → 0; row 2: 2 − 0 = 2; item 2 (not 1)
    assert score(SW5, facts) == D(2)
    assert "扣完为止:−3 → −2" in lines(SW5, facts)
    # 1 例 and 3 例: (2 − 0.5) + (2 − 1.5) = 2
    assert score(SW5, {**facts, "未执行三同时例数": 1, "持证排污未完成例数": 3}) == D(2)
    # the rows' awards are for something done (认真执行): earned only where done (同句得分 by default 条件成立才得 here,
    # as the tester worked 湖北 C县 by hand): row 1 not done → 0, and its 扣完为止 takes nothing from row 2 → 2
    assert score(SW5, {**facts, "认真执行三同时": False, "未执行三同时例数": 0}) == D(2)
    assert score(SW5, {**facts, "认真执行三同时": False, "未执行三同时例数": 1}) == D(2)
    # 同句得分:扣分的起点 written: each row starts from its 2 points: row 1 not done, 0 found → 2; 1 found → 1.5
    assert score(SW5, {**facts, "认真执行三同时": False, "未执行三同时例数": 0}, "同句得分=扣分的起点") == D(4)
    assert score(SW5, {**facts, "认真执行三同时": False, "未执行三同时例数": 1}, "同句得分=扣分的起点") == D("3.5")


def test_rows_without_deductions_after_them_are_still_earned():
    text = """
一、【制度】(4分)
  事实「建立制度」:是否
  事实「落实到位」:是否
  「建立制度」得2分,「落实到位」得2分。
"""
    assert score(text, {"建立制度": False, "落实到位": True}) == D(2)


def test_lint_ranges_hold_for_the_new_starting_points():
    """Every item's lowest and highest score (lint's reach) contain what facts give, and an exact extreme is what
    its witness scores."""
    from govrubric.lint.reach import Analysis
    from test_lint_reach import _assert_witnesses_reach

    cases = [(SW1, {"按期结案率": "65%"}), (SW1B, {"按时报送": False, "推迟天数": 3}),
             (SW5, {"认真执行三同时": True, "未执行三同时例数": 6, "实行持证排污": False, "持证排污未完成例数": 0}),
             (SW7, {"专题研究次数": 3, "制定年度计划": True}), (SW8, {"市考评案件宗数": 12}),
             (SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}), (SW12, {"率": "75%"})]
    for text, facts in cases:
        loaded = load(text)
        _assert_witnesses_reach(loaded, False)
        reach = Analysis(loaded.model).node(loaded.model.roots[0])
        got = loaded.score({"单位": "甲", **facts}).roots[0].score
        assert reach.low.value <= got <= reach.high.value, (text, got)


def test_sql_scores_the_starting_points_alike_or_refuses_a_sentence_start_at_its_line():
    from sql_helpers import decimal_outcome, duckdb_outcome

    for text, rows in ((SW1, [{"按期结案率": "65%"}, {"按期结案率": "80%"}]),
                       (SW1B, [{"按时报送": False, "推迟天数": 3}]), (SW8, [{"市考评案件宗数": 12}]),
                       (SW11, [{"未制定一河一策条数": 5, "未制定年度计划条数": 3}]),
                       (SW12, [{"率": "75%"}, {"率": "85%"}])):
        loaded = load(text)
        rows = [{"单位": f"u{i}", **row} for i, row in enumerate(rows)]
        assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)
    outcome = duckdb_outcome(load(SW7), [{"单位": "甲", "专题研究次数": 3, "制定年度计划": True}])
    assert outcome[0] == "refused" and outcome[1].code == "GR601"
    assert "得N分是本句扣分的起点" in outcome[1].render()
    assert load(SW7).line_of(outcome[1].span) == 6  # the sentence, under 细则 and the blank line


# ---------------------------------------------------------------- SW12: 另扣 in a ladder is on top of the tier before it
SW12 = """
一、【a】(5分)
  事实「率」:百分比
  「率」低于90%的扣1分;低于80%的,另扣2分。
"""


def test_another_deduction_comes_on_top_of_the_tier_it_lies_inside():
    # by hand: 75% → 5 − 1 − 2 = 2; 85% → 5 − 1 = 4; 95% → 5
    assert score(SW12, {"率": "75%"}) == D(2)
    assert score(SW12, {"率": "85%"}) == D(4)
    assert score(SW12, {"率": "95%"}) == D(5)
    assert "「率」= 75%,符合「低于80%」(< 80%) → 另扣2分,连同「低于90%」的扣1分共扣3分(−3)" in lines(SW12, {"率": "75%"})
    days = """
一、【时限】(10分)
  事实「超期天数」:天数
  「超期天数」超过15天的扣1分,超过30天的另扣2分,超过60天的另扣3分。
"""
    # by hand: 20 天 → 1; 40 天 → 1 + 2 = 3; 70 天 → 1 + 2 + 3 = 6
    assert score(days, {"超期天数": 20}) == D(9)
    assert score(days, {"超期天数": 40}) == D(7)
    assert score(days, {"超期天数": 70}) == D(4)
    # without 另, the most specific tier alone (language.md 6.2): 40 天 → 2
    assert score(days.replace("另扣", "扣"), {"超期天数": 40}) == D(8)


def test_render_writes_another_deduction_as_published():
    from govrubric.render import outcome_words
    tiers = load(SW12).model.roots[0].rules[0].tiers
    assert sorted(outcome_words(t.outcome) for t in tiers) == ["另扣2分", "扣1分"]


# ---------------------------------------------------------------- SW9: 加 beside deductions earns nothing of the item
SW9 = """
一、【信息报送】(5分)
  事实「报送不及时次数」:次数
  事实「受上级表扬次数」:次数
  「报送不及时次数」每次扣1分;「受上级表扬次数」每次加0.5分。
"""


def test_a_bonus_beside_deductions_keeps_the_item_starting_from_its_points():
    # by hand: clean 5; 1 late 4; 2 late and 2 praised 5 − 2 + 1 = 4; 0 late and 4 praised 5 + 2 → 5 (加分上限)
    assert score(SW9, {"报送不及时次数": 0, "受上级表扬次数": 0}) == D(5)
    assert score(SW9, {"报送不及时次数": 1, "受上级表扬次数": 0}) == D(4)
    assert score(SW9, {"报送不及时次数": 2, "受上级表扬次数": 2}) == D(4)
    assert score(SW9, {"报送不及时次数": 0, "受上级表扬次数": 4}) == D(5)
    assert decisions(SW9, "计分方式") == [("一", "从满分扣减", "默认")]
    assert hinted(SW9, "计分方式")
    # the other reading, by name: from 0, the bonus is all there is
    assert score(SW9, {"报送不及时次数": 0, "受上级表扬次数": 2}, "计分方式=从零计分") == D(1)
    # an award beside them still makes the item earned from 0 (language.md 8)
    earned = SW9.replace("每次加0.5分。", "每次加0.5分。\n  「受上级表扬次数」1次以上的,得1分。")
    assert score(earned, {"报送不及时次数": 0, "受上级表扬次数": 0}) == D(0)


def test_an_award_beside_a_deduction_elsewhere_on_the_same_fact_is_still_earned():
    # 「达到95%的,得10分。低于80%的,扣5分」: not the two sides of one line; 85% earns and loses nothing → 0
    text = """
一、【达标率】(10分)
  事实「达标率」:百分比
  「达标率」达到95%的,得10分。「达标率」低于80%的,扣5分。
"""
    assert score(text, {"达标率": "85%"}) == D(0)
    assert score(text, {"达标率": "96%"}) == D(10)


def test_a_sentences_start_is_no_matter_of_the_items_scoring_reading():
    # 计分方式:从零计分 is what the item infers anyway (its sentences' points add up); written, nothing changes
    stated = SW7.replace("(2分)\n", "(2分)\n  计分方式:从零计分\n")
    assert score(stated, {"专题研究次数": 3, "制定年度计划": True}) == D("1.5")


def test_another_deduction_leaves_no_reading_of_the_ladder_open():
    # 另 says the tiers add up: 按书写顺序 would make the 另扣 tier unreachable, so 单边档次 is not asked
    assert decisions(SW12, "单边档次") == []
    assert score(SW12, {"率": "75%"}, "单边档次=按书写顺序") == D(2)


# ---------------------------------------------------------------- SW15: a row's 不得分 takes the row's points
# 湖北某地环境保护目标责任制考核评分表 (one column of rows without their own points, written without ○ rows):
# 「认真执行辖区内开发区及工业园区规划环评,得2分,发现有1例未完成,不得分」; 「认真执行建设项目环评……,得2分」
SW15 = """
一、【环评情况】(4分)
  事实「认真执行规划环评」:是否
  事实「规划环评未完成例数」:例数
  事实「认真执行建设项目环评」:是否
  「认真执行规划环评」得2分,「规划环评未完成例数」发现有1例未完成,不得分。
  「认真执行建设项目环评」得2分。
"""


def sw15(text: str, done: bool, unfinished: int, other: bool, *readings: str) -> D:
    return score(text, {"认真执行规划环评": done, "规划环评未完成例数": unfinished, "认真执行建设项目环评": other},
                 *readings)


def test_a_zero_in_a_row_headed_by_its_points_takes_that_row_s_points_only():
    # by hand: the first row is 2 only when done and none unfinished; the second row keeps its 2 either way
    assert sw15(SW15, True, 1, True) == D(2)  # was 0: the whole column vetoed
    assert sw15(SW15, True, 0, True) == D(4)
    assert sw15(SW15, False, 2, True) == D(2)
    assert sw15(SW15, True, 3, False) == D(0)
    said = lines(SW15, {"认真执行规划环评": True, "规划环评未完成例数": 1, "认真执行建设项目环评": True})
    assert any(line.endswith("本句不得分") and line.startswith("「认真执行规划环评」得2分,") for line in said), said
    assert not any("否决" in line for line in said)
    assert decisions(SW15, "不得分范围") == []  # no item-wide reading is what scores it


def test_the_other_wordings_of_a_row_s_zero_read_the_same():
    # 「依法对违法排污企业进行处罚,得1分,发现1例未执法处理的不得分」 (the same table)
    text = SW15.replace("发现有1例未完成,不得分", "发现1例未完成的,不得分")
    assert sw15(text, True, 1, True) == D(2)
    assert sw15(text, True, 0, True) == D(4)


def test_this_item_not_scored_and_a_stated_reading_still_take_the_item():
    # 此项不得分 says the item: the whole column is 0
    assert sw15(SW15.replace(",不得分。", ",此项不得分。"), True, 1, True) == D(0)
    # 不得分范围:本项 written: the author chose the item
    stated = SW15.replace("一、【环评情况】(4分)\n", "一、【环评情况】(4分)\n  不得分范围:本项\n")
    assert sw15(stated, True, 1, True) == D(0)


def test_a_row_that_is_the_whole_item_is_scored_as_before():
    # one row only: 不得分 of the row is the item's 0 either way (the line stays the veto's)
    text = SW15.replace("  「认真执行建设项目环评」得2分。\n", "").replace("(4分)", "(2分)")
    assert sw15(text, True, 1, True) == D(0)
    assert sw15(text, True, 0, True) == D(2)
