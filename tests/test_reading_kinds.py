"""Issue 13, "Readings the tool cannot select yet": each is a readings-registry kind with its default, scored
either way on request (stated in the rubric, or --reading), recorded for 「lint --decisions」 and hinted by
GL001 where the default decides. Expected numbers are worked out by hand from the wording; the compiled
scorer must agree with the evaluator on every one."""
from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

import govrubric
from govrubric.cli import main
from govrubric.codegen import compile_rubric
from govrubric.lint import lint
from test_codegen import assert_same

HEAD = "细则「t」\n"


def load(text: str, *readings: str) -> govrubric.Rubric:
    loaded = govrubric.loads(HEAD + text, "t.rubric", readings=list(readings))
    assert loaded.ok, [d.render() for d in loaded.check()]
    return loaded


def scores(text: str, facts: dict, *readings: str) -> dict:
    """Every item's score, after checking that the compiled scorer gives the same tree and lines."""
    loaded = load(text, *readings)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()


def decision(text: str, key: str, *readings: str) -> tuple[str | None, str, str]:
    (found,) = [d for d in load(text, *readings).model.decisions if d.key == key]
    return found.path, found.value, found.origin


def hinted(text: str, key: str) -> bool:
    return any(f.code == "GL001" and f"「{key}:" in f.diagnostic.message for f in lint(load(text)))


# ---------------------------------------------------------------- 档间空隙
# 宜良 三.2: 「全程网办率达93%得1分,90%—92%之间,得0.5分,低于90%不得分」: what does 92.5% get?
GAP = """
一、【全程网办】(1分)
  事实「全程网办率」:百分比
  「全程网办率」达93%得1分,90%—92%之间,得0.5分,低于90%不得分。
"""


def test_a_value_between_whole_number_tiers_gets_no_tier_by_default():
    assert scores(GAP, {"全程网办率": "92.5%"})["一"] == D(0)  # ≥ 93? no; 90 ≤ x ≤ 92? no; < 90? no
    assert decision(GAP, "档间空隙") == ("一", "不属于任何一档", "默认")
    assert hinted(GAP, "档间空隙")


def test_the_lower_tier_can_reach_up_to_the_next_threshold():
    assert scores(GAP, {"全程网办率": "92.5%"}, "档间空隙=归入低一档")["一"] == D("0.5")  # 90 ≤ x < 93
    assert scores(GAP, {"全程网办率": "93%"}, "档间空隙=归入低一档")["一"] == D(1)
    assert scores(GAP, {"全程网办率": "89.5%"}, "档间空隙=归入低一档")["一"] == D(0)
    stated = GAP.replace("  事实", "  档间空隙:归入低一档(理由:「整数百分比之间的值按未达到上一档计」)\n  事实", 1)
    assert decision(stated, "档间空隙") == ("一", "归入低一档", "写明")
    assert not hinted(stated, "档间空隙")


def test_counts_have_no_gap_between_whole_numbers():
    text = """
一、【违规】(2分)
  事实「违规次数」:次数
  「违规次数」3次以上扣2分,1—2次扣1分。
"""
    assert not [d for d in load(text).model.decisions if d.key == "档间空隙"]


# ---------------------------------------------------------------- 累计加减分
# 拱墅 四.8 「累计加减分最高为5分」: 4 bonuses of 2 and 1 deduction of 2
BOTH = """
四、【加扣分项】
  累计加减分最高为5分。
  事实「加分事项数」:次数
  事实「扣分事项数」:次数
  「加分事项数」每项加2分。
  「扣分事项数」每项扣2分。
"""


def test_a_cap_on_bonus_minus_deduction_by_default():
    assert scores(BOTH, {"加分事项数": 4, "扣分事项数": 1})["四"] == D(5)  # 8 − 2 = 6, at most 5
    assert decision(BOTH, "累计加减分") == ("四", "限制净值", "默认")


def test_separate_caps_on_bonuses_and_on_deductions():
    assert scores(BOTH, {"加分事项数": 4, "扣分事项数": 1}, "累计加减分=分别限制")["四"] == D(3)  # 5 − 2
    assert scores(BOTH, {"加分事项数": 1, "扣分事项数": 4}, "累计加减分=分别限制")["四"] == D(-3)  # 2 − 5
    assert scores(BOTH, {"加分事项数": 1, "扣分事项数": 4})["四"] == D(-5)  # 2 − 8 = −6, at least −5


# ---------------------------------------------------------------- 无评分规则
# 宜良 七: 「由政务环境专项组根据实际情况细化」: points, no rule
NO_RULE = """
七、【认真落实新增重点工作任务】(3分)
"""


def test_an_item_without_a_rule_gets_full_marks_by_default():
    assert scores(NO_RULE, {})["七"] == D(3)
    assert decision(NO_RULE, "无评分规则") == ("七", "得满分", "默认")
    assert hinted(NO_RULE, "无评分规则")


def test_or_the_assessor_s_score_given_as_a_fact():
    assert scores(NO_RULE, {"七得分": D("2.5")}, "无评分规则=按评分录入")["七"] == D("2.5")
    loaded = load(NO_RULE, "无评分规则=按评分录入")
    assert loaded.model.facts["七得分"].high == D(3)  # declared 0 to the item's points
    with pytest.raises(govrubric.GovrubricError) as missing:
        loaded.score({"单位": "甲"})
    assert [d.code for d in missing.value.diagnostics] == ["GR401"]
    # an item that declares its one 分值 fact has the score given there, under the fact's own name
    named = NO_RULE + "  无评分规则:按评分录入\n  事实「新增重点任务得分」:分值 0—3分\n"
    assert scores(named, {"新增重点任务得分": 1})["七"] == D(1)


# ---------------------------------------------------------------- 同一事件
# 宜良 二.11: 「按时整改率100%得1分,存在1条超时未整改扣0.5分,扣完2分为止」 beside 整改完成率 (1分)
SAME = """
二、【整改】(2分)
  计分方式:从零计分
  事实「整改完成率」:百分比
  事实「按时整改率」:百分比
  事实「超时未整改条数」:条数
  「整改完成率」100%得1分,95%—100%(不含)得0.5分,95%(不含)以下不得分;
  「按时整改率」100%得1分,
  「超时未整改条数」每存在1条超时未整改扣0.5分,扣完2分为止。
"""


def test_the_first_overdue_case_costs_the_rate_s_point_and_half_a_point_by_default():
    one = {"整改完成率": 100, "按时整改率": 90, "超时未整改条数": 1}
    assert scores(SAME, one)["二"] == D("0.5")  # 1 + 0 − 0.5
    assert decision(SAME, "同一事件") == ("二", "各自计分", "默认")
    assert hinted(SAME, "同一事件")


def test_or_the_same_events_are_penalised_once():
    one = {"整改完成率": 100, "按时整改率": 90, "超时未整改条数": 1}
    assert scores(SAME, one, "同一事件=不重复扣分")["二"] == D("1.5")  # 1 + 1 − 0.5
    five = {"整改完成率": 100, "按时整改率": 60, "超时未整改条数": 5}
    assert scores(SAME, five, "同一事件=不重复扣分")["二"] == D(0)  # 1 + 1 − 2 (扣完2分为止)
    assert scores(SAME, five)["二"] == D(0)  # 1 + 0 − 2 = −1, floor 0
    none = {"整改完成率": 100, "按时整改率": 100, "超时未整改条数": 0}
    assert scores(SAME, none, "同一事件=不重复扣分")["二"] == D(2)


# ---------------------------------------------------------------- 并列情形
# 宜良 二.1: 「没有对照…编制公布的…程序实施清单、没有明确办结时限的,扣1.5分」
JOINED = """
二、【审批服务】(3分)
  事实「编制程序实施清单」:是否
  事实「明确办结时限」:是否
  未「编制程序实施清单」或 未「明确办结时限」的,扣1.5分。
"""


def test_situations_joined_by_或_are_deducted_once_by_default_or_each():
    both = {"编制程序实施清单": False, "明确办结时限": False}
    assert scores(JOINED, both)["二"] == D("1.5")  # 3 − 1.5
    assert scores(JOINED, both, "并列情形=各自计分")["二"] == D(0)  # 3 − 2 × 1.5
    one = {"编制程序实施清单": True, "明确办结时限": False}
    assert scores(JOINED, one, "并列情形=各自计分")["二"] == D("1.5")
    assert decision(JOINED, "并列情形") == ("二", "合并计一次", "默认")


# ---------------------------------------------------------------- a bonus past a sub-item's points
# a bonus in a part worth 2 of a 3-point item: absorbed by the part's points, or by the item's (加分上限)
PARTS = """
一、【信息公开】(3分)
  ○(2分)
    事实「按时公开」:是否
    事实「公开被推广」:是否
    「按时公开」得2分。
    「公开被推广」加0.5分。
  ○(1分)
    事实「设置专栏」:是否
    「设置专栏」得1分。
"""


def test_a_bonus_past_a_part_s_points_is_absorbed_by_the_part_or_passes_the_item():
    facts = {"按时公开": True, "公开被推广": True, "设置专栏": False}
    assert scores(PARTS, facts)["一"] == D(2)  # ○1 = min(2.5, 2) = 2, ○2 = 0
    assert scores(PARTS, facts, "一.○1:加分上限=不受本项分值限制")["一"] == D("2.5")  # 2 + 0.5, within 一's 3
    full = {**facts, "设置专栏": True}
    # 加分带入上级 (SW5-5): by default ○1's 0.5 beyond its 2 points is added after 一's limits too: min(2 + 1, 3) + 0.5
    assert scores(PARTS, full, "一.○1:加分上限=不受本项分值限制")["一"] == D("3.5")
    # the other reading: 一's 3 points absorb it, 2.5 + 1 = 3.5, at most 3
    assert scores(PARTS, full, "一.○1:加分上限=不受本项分值限制", "加分带入上级=受上级分值限制")["一"] == D(3)
    assert decision(PARTS, "加分带入上级", "一.○1:加分上限=不受本项分值限制") == ("一", "不受上级分值限制", "默认")


# ---------------------------------------------------------------- from the command line
# ---------------------------------------------------------------- 单边档次
# 松阳 2016: 「考核权重低于3%的扣0.25分,低于2%的扣0.5分」 (1.5分): written loosest first, 1.5% is in both.
NESTED = """
一、【考核评价机制】(1.5分)
  事实「考核权重」:百分比
  「考核权重」低于3%的扣0.25分,低于2%的扣0.5分。
"""


def test_one_sided_tiers_written_light_to_heavy_take_the_most_specific():
    # by hand: 1.5% < 2% → the tighter tier, 1.5 − 0.5 = 1; 2.5% only < 3% → 1.25; 2% is not < 2% → 1.25; 3% → 1.5
    got = [scores(NESTED, {"考核权重": w})["一"] for w in ("1.5%", "2.5%", "2%", "3%")]
    assert got == [D(1), D("1.25"), D("1.25"), D("1.5")]
    assert decision(NESTED, "单边档次") == ("一", "取最具体的一档", "默认")
    assert hinted(NESTED, "单边档次")


def test_one_sided_tiers_as_written_under_the_other_reading():
    # 按书写顺序: 1.5% meets 「低于3%」 first → 1.5 − 0.25 = 1.25; the tighter tier never applies
    assert scores(NESTED, {"考核权重": "1.5%"}, "单边档次=按书写顺序")["一"] == D("1.25")
    stated = NESTED.replace("  事实", "  单边档次:按书写顺序(理由:「测试」)\n  事实")
    assert decision(stated, "单边档次") == ("一", "按书写顺序", "写明")
    assert any(f.code == "GL502" for f in lint(load(stated)))


def test_tiers_other_than_nested_one_sided_are_not_reordered():
    for text in ("「考核权重」低于2%的扣0.5分,低于3%的扣0.25分。",  # tightest first: both readings agree
                 "「考核权重」低于3%的扣0.25分,2%以上的扣0.5分。",  # not one side
                 "「考核权重」5%以内扣1分,5%—10%之间扣3分。"):
        loaded = load(NESTED.replace("「考核权重」低于3%的扣0.25分,低于2%的扣0.5分。", text))
        assert not [d for d in loaded.model.decisions if d.key == "单边档次"], text
    # 超过15天、超过30天: lower bounds, the later higher — also nested
    days = "一、【时限】(5分)\n  事实「超时天数」:天数\n  「超时天数」超过15天的扣1分,超过30天的扣3分。\n"
    assert [scores(days, {"超时天数": d})["一"] for d in (10, 20, 31)] == [D(5), D(4), D(2)]


def test_render_keeps_the_written_order_and_a_miss_quotes_the_first_tier():
    from govrubric.render import rule_words, wording_for

    loaded = load(NESTED)
    rule = loaded.model.roots[0].rules[0]
    assert rule_words(rule, wording_for(loaded.model, None)).startswith("考核权重低于3%")
    lines = [line.text for line in loaded.score({"单位": "甲", "考核权重": "3%"}).roots[0].lines]
    assert "「考核权重」= 3%,不符合「低于3%」(< 3%):没有适用的档次,本条不计分" in lines


# ---------------------------------------------------------------- 句末上限
# 县级安全生产 2018 第6点: three sentences joined by ;, 「扣完1分为止」 after the last.
POINT = """
一、【宣传教育】(4分)
  计分方式:从满分扣减(理由:「测试」)
  事实「缺活动项数」:项数
  事实「缺记录项数」:项数
  事实「缺七进个数」:个数
  事实「未纳入培训项数」:项数
  6.「缺活动项数」每缺1项扣0.25分;
  「缺记录项数」每缺1项扣0.25分;
  「缺七进个数」每少1个扣0.25分,扣完1分为止。
  7.「未纳入培训项数」每少1项扣0.5分,扣完1分为止。
"""


def test_a_cap_after_the_last_sentence_of_a_point_bounds_the_point():
    # by hand: 2 + 1 + 3 = 6 missing × 0.25 = 1.5, at most 1 → 4 − 1 = 3; point 7 keeps its own cap: 3 项 1.5 → 1
    facts = {"缺活动项数": 2, "缺记录项数": 1, "缺七进个数": 3, "未纳入培训项数": 0}
    assert scores(POINT, facts)["一"] == D(3)
    assert scores(POINT, {**facts, "未纳入培训项数": 3})["一"] == D(2)
    assert scores(POINT, {"缺活动项数": 1, "缺记录项数": 0, "缺七进个数": 1, "未纳入培训项数": 0})["一"] == D("3.5")
    assert decision(POINT, "句末上限") == ("一", "整点", "默认")
    assert hinted(POINT, "句末上限")
    lines = [line.text for line in load(POINT).score({"单位": "甲", **facts}).roots[0].lines]
    assert "扣完1分为止(第6点3句合计):−1.5 → −1" in lines


def test_a_cap_after_the_last_sentence_bounds_only_it_under_the_other_reading():
    # 本句: 0.5 + 0.25 + 0.75 (3 个, within its own 1) = 1.5 → 4 − 1.5 = 2.5
    facts = {"缺活动项数": 2, "缺记录项数": 1, "缺七进个数": 3, "未纳入培训项数": 0}
    assert scores(POINT, facts, "句末上限=本句")["一"] == D("2.5")
    # sentences after 。, or without a number before them, keep to themselves
    for text in (POINT.replace("扣0.25分;\n  「缺记录", "扣0.25分。\n  「缺记录").replace("扣0.25分;\n  「缺七进", "扣0.25分。\n  「缺七进"),
                 POINT.replace("  6.「缺活动", "  「缺活动")):
        assert scores(text, facts)["一"] == D("2.5")
        assert not [d for d in load(text).model.decisions if d.key == "句末上限"]


def test_score_compares_a_new_reading_from_the_command_line(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(HEAD + SAME, encoding="utf-8")
    facts = tmp_path / "f.json"
    facts.write_text(json.dumps([{"单位": "甲", "整改完成率": 100, "按时整改率": 90, "超时未整改条数": 1}]),
                     encoding="utf-8")
    runner = CliRunner()
    default = runner.invoke(main, ["score", str(rubric), "--facts", str(facts), "--format", "json"])
    other = runner.invoke(main, ["score", str(rubric), "--facts", str(facts), "--format", "json",
                                 "--reading", "同一事件=不重复扣分"])
    assert json.loads(default.stdout)[0]["total"] == "0.5"
    assert json.loads(other.stdout)[0]["total"] == "1.5"


def test_lint_ranges_hold_under_the_new_readings():
    """Every item's lowest and highest score (lint's reach) contain what facts give, and an exact extreme is
    what its witness scores, under each reading that reshapes the rules."""
    from govrubric.lint.reach import Analysis
    from test_lint_reach import _assert_witnesses_reach

    cases = [(SAME, "同一事件=不重复扣分", {"整改完成率": 100, "按时整改率": 60, "超时未整改条数": 1}),
             (BOTH, "累计加减分=分别限制", {"加分事项数": 4, "扣分事项数": 1}),
             (JOINED, "并列情形=各自计分", {"编制程序实施清单": False, "明确办结时限": False}),
             (GAP, "档间空隙=归入低一档", {"全程网办率": "92.5%"}),
             (NESTED, "单边档次=按书写顺序", {"考核权重": "1.5%"}),
             (POINT, "句末上限=整点", {"缺活动项数": 2, "缺记录项数": 1, "缺七进个数": 3, "未纳入培训项数": 1}),
             (NO_RULE, "无评分规则=按评分录入", {"七得分": 2})]
    for text, reading, facts in cases:
        loaded = load(text, reading)
        _assert_witnesses_reach(loaded, False)
        analysis = Analysis(loaded.model)
        for result in loaded.score({"单位": "甲", **facts}).roots:
            reach = analysis.node(loaded.model.roots[0])
            assert reach.low.value <= result.score <= reach.high.value, (reading, result.score)
