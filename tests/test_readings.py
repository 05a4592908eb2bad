"""Readings (口径): every open choice has a documented default, can be stated in the rubric
(for the whole rubric or one item), and can be swapped from outside; each changes scores
exactly as worked out by hand."""
from decimal import Decimal as D

import pytest

import govrubric
from helpers import ok

HEAD = "细则「t」\n"

ONLY_DEDUCTIONS = """
一、【大厅管理】(4分)
  事实「未制定制度」:是否
  「未制定制度」的,扣0.5分
"""


def decisions(loaded):
    return {(d.path, d.key): (d.value, d.origin) for d in loaded.model.decisions}


def test_base_default_is_recorded_and_can_be_swapped():
    loaded = ok(ONLY_DEDUCTIONS, header=HEAD)
    assert decisions(loaded)[("一", "计分方式")] == ("从满分扣减", "默认")
    assert loaded.score({"未制定制度": True}).total == D("3.5")
    swapped = govrubric.loads(HEAD + ONLY_DEDUCTIONS, readings=["计分方式=从零计分"])
    assert swapped.score({"未制定制度": True}).total == D("0")  # 0 − 0.5 → floor 0
    assert decisions(swapped)[("一", "计分方式")] == ("从零计分", "命令行")


def test_base_stated_under_the_item_with_a_reason():
    loaded = ok(ONLY_DEDUCTIONS.replace("  事实", "  计分方式:从满分扣减(理由:「只写了扣分情形」)\n  事实", 1), header=HEAD)
    (decision,) = [d for d in loaded.model.decisions if d.key == "计分方式"]
    assert (decision.origin, decision.reason) == ("写明", "只写了扣分情形")
    # a command-line reading for the whole rubric does not override what an item states
    again = govrubric.loads(loaded.source.text, readings=["计分方式=从零计分"])
    assert again.score({"未制定制度": True}).total == D("3.5")
    # one for that item does
    again = govrubric.loads(loaded.source.text, readings=["一:计分方式=从零计分"])
    assert again.score({"未制定制度": True}).total == D("0")


def test_floor_reading():
    text = """
二、【扣分】(1分)
  事实「通报」:次数
  「通报」每次扣0.5分
"""
    assert ok(text, header=HEAD).score({"通报": 3}).total == D("0")
    negative = govrubric.loads(HEAD + "扣分下限:可为负分\n" + text)
    assert negative.score({"通报": 3}).total == D("-0.5")  # 1 − 1.5


def test_bonus_reading():
    text = """
一、【收件率】(5分)
  计分方式:从满分扣减
  事实「排名」:名次
  事实「认领缺失」:次数
  「排名」前三位,依次加0.5分、1分、1.5分
  「认领缺失」每个事项扣0.2分
"""
    capped = ok(text, header=HEAD)
    assert capped.score({"排名": 3, "认领缺失": 0}).total == D("5")
    assert capped.score({"排名": 3, "认领缺失": 5}).total == D("5")   # 5 + 1.5 − 1 = 5.5 → 5
    free = govrubric.loads(HEAD + "加分上限:不受本项分值限制\n" + text)
    assert free.score({"排名": 3, "认领缺失": 0}).total == D("6.5")  # 5 capped at 5, then + 1.5
    assert free.score({"排名": 3, "认领缺失": 5}).total == D("5.5")  # 5 − 1 = 4, + 1.5


def test_standalone_zero_reading():
    text = """
一、【信用查询】(1分)
  事实「配置查询」:是否
  事实「推进应用」:是否
  「配置查询」得0.5分;未「配置查询」不得分;「推进应用」得0.5分
"""
    veto = ok(text, header=HEAD)
    assert veto.score({"配置查询": False, "推进应用": True}).total == D("0")
    assert decisions(veto)[("一", "不得分范围")] == ("本项", "默认")
    clause = govrubric.loads(HEAD + text, readings=["不得分范围=本条"])
    assert clause.score({"配置查询": False, "推进应用": True}).total == D("0.5")


def test_step_reading():
    text = """
一、【接通率】(4分)
  事实「接通率」:百分比
  「接通率」不足90%的,每低1个百分点扣0.2分
"""
    assert ok(text, header=HEAD).score({"接通率": "87.5%"}).total == D("3.6")  # 2 whole points
    proportional = govrubric.loads(HEAD + text, readings=["每低=按比例计"])
    assert proportional.score({"接通率": "87.5%"}).total == D("3.5")  # 2.5 × 0.2


def test_before_after_default_and_explicit():
    text = """
一、【评价】(5分)
  事实「排名」:名次
  「排名」第3名之后,每下降1位扣0.5分
"""
    default = ok(text, header=HEAD)
    assert decisions(default)[("一", "边界")] == ("之后不含本数", "默认")
    assert default.score({"排名": 4}).total == D("4.5")
    stated = ok(text, header=HEAD + "边界:之后含本数(理由:「本地惯例」)\n")
    assert ("一", "边界") not in decisions(stated)
    assert stated.score({"排名": 3}).total == D("5")  # ≥ 3 now fires, with 0 steps


def test_bad_reading_from_outside_is_a_clear_error():
    with pytest.raises(govrubric.GovrubricError) as err:
        govrubric.loads(HEAD + ONLY_DEDUCTIONS, readings=["计分方式=随便"])
    assert "口径「计分方式」只能取:按条款推断、从满分扣减、从零计分" in str(err.value)


def test_rubric_only_reading_under_an_item_is_rejected():
    loaded = govrubric.loads(HEAD + ONLY_DEDUCTIONS.replace("  事实", "  不适用项:不计分\n  事实", 1))
    assert [d.code for d in loaded.check()] == ["GR217"]


# ---------------------------------------------------------------- readings given from outside: what they did
TWO_ITEMS = """
一、【大厅管理】(4分)
  计分方式:从满分扣减
  事实「未制定制度」:是否
  「未制定制度」的,扣0.5分
二、【窗口】(2分)
  事实「投诉」:次数
  「投诉」每次扣0.5分
"""


def test_a_reading_for_an_item_the_rubric_lacks_is_an_error_with_the_closest_path():
    with pytest.raises(govrubric.GovrubricError) as err:
        govrubric.loads(HEAD + TWO_ITEMS, readings=["三:计分方式=从零计分"])
    (problem,) = err.value.diagnostics
    assert problem.code == "GR217"
    assert problem.message == "口径设置有误:口径「三:计分方式=从零计分」中的指标「三」不存在"
    assert problem.help == ("第一层有:一、二。指标写作编号路径,如「三.2」「一.1.(2)」;"
                            "govrubric lint --decisions 列出各指标的路径")
    with pytest.raises(govrubric.GovrubricError) as err:
        govrubric.loads(HEAD + TWO_ITEMS, readings=["二.1:计分方式=从零计分"])
    assert err.value.diagnostics[0].help.startswith("是不是「二」?")


def test_an_items_path_may_be_written_with_its_own_punctuation():
    text = "\n一、【甲】(4分)\n  1.【乙】(4分)\n    事实「a」:是否\n    「a」的,扣0.5分\n"
    loaded = govrubric.loads(HEAD + text, readings=["一、1:计分方式=从零计分"])
    # 1. from zero: 0 − 0.5 → 0 (was 4 − 0.5 = 3.5 from full marks)
    assert loaded.score({"a": True}).scores()["一.1"] == D(0)


def test_where_each_reading_took_effect_and_which_items_kept_their_own():
    loaded = govrubric.loads(HEAD + TWO_ITEMS, readings=["计分方式=从零计分", "一:扣分下限=可为负分"])
    assert loaded.readings_applied == [
        "口径「计分方式=从零计分」用于1处(二);以下1处仍按细则在指标下写明的口径计分:一(计分方式:从满分扣减)",
        "口径「一:扣分下限=可为负分」没有用到:细则中没有哪一处的得分取决于它,得分不变",
    ]
    # 一 kept 从满分扣减: 4 − 0.5 = 3.5; 二 from zero: 0 − 0.5 → 0
    assert loaded.score({"未制定制度": True, "投诉": 1}).scores() == {"一": D("3.5"), "二": D(0), "总分": D("3.5")}


def test_score_says_where_the_readings_took_effect(tmp_path):
    from click.testing import CliRunner

    from govrubric.cli import main

    rubric = tmp_path / "t.rubric"
    rubric.write_text(HEAD + TWO_ITEMS, encoding="utf-8")
    facts = tmp_path / "f.json"
    facts.write_text('[{"单位": "甲", "未制定制度": true, "投诉": 1}]', encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(rubric), "--facts", str(facts), "--reading", "计分方式=从零计分"])
    assert result.exit_code == 0
    assert ("按命令行指定的口径计分 / scored under a reading given: 口径「计分方式=从零计分」用于1处(二);"
            "以下1处仍按细则在指标下写明的口径计分:一(计分方式:从满分扣减)") in result.output
    typo = CliRunner().invoke(main, ["score", str(rubric), "--facts", str(facts), "--reading", "三:计分方式=从零计分"])
    assert typo.exit_code == 1 and "中的指标「三」不存在" in typo.output and "第一层有:一、二" in typo.output


def test_the_veto_reading_after_the_categories_line():
    """「一票否决:按0分确定」 on the line after 「单位类别:「甲」」: the lexer read 一 as a numeral there (found by
    tests/test_streamcheck.py's drawn rubrics), so the reading failed with GR101 only in that position."""
    body = "\n\n一、【甲】(1分)\n  事实「甲」:是否\n  「甲」的,得1分。\n"
    after = govrubric.loads("细则「测」\n单位类别:「乡镇」、「部门」\n一票否决:按0分确定" + body)
    before = govrubric.loads("细则「测」\n一票否决:按0分确定\n单位类别:「乡镇」、「部门」" + body)
    assert after.ok and before.ok
    assert after.model.decisions == before.model.decisions


def test_the_two_groups_reading_after_the_categories_line():
    """「两组单位:归入前一组」 on the line after 「单位类别:「甲」」: 两 was lexed as a numeral there, as 一 was above (found
    by tests/test_printer.py's drawn trees): GR101 only in that position."""
    body = "\n一、【甲】(1分)\n  事实「甲」:是否\n  「甲」的,得1分。\n"
    after = govrubric.loads("细则「测」\n单位类别:「乡镇」、「部门」\n两组单位:两组都计(理由:「原文」)" + body)
    before = govrubric.loads("细则「测」\n两组单位:两组都计(理由:「原文」)\n单位类别:「乡镇」、「部门」" + body)
    assert after.ok and before.ok
    assert [(s.key, s.values) for s in after.tree.settings] == [(s.key, s.values) for s in before.tree.settings] == [("两组单位", ("两组都计",))]
