"""Field trial 6, an award of the item's points whose failure the item spells out (/work/wt/SW6.md SW6-4, SW6-5; the
repros are tests/field_trial6/repro/sw4…, sw5… on the trial6 branch). Numbers are worked out by hand from the published
words quoted above each case; scores() checks the compiled scorer gives the same tree and lines, and the SQL query
the same scores."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from govrubric.lint import lint
from test_failure_start import PLAN
from test_reading_kinds import decision, load, scores

duckdb = pytest.importorskip("duckdb")
from sql_helpers import decimal_outcome, duckdb_outcome  # noqa: E402


def in_sql(text: str, rows: list[dict]) -> None:
    rubric = load(text)
    rows = [{"单位": f"u{i}", **row} for i, row in enumerate(rows)]
    got = duckdb_outcome(rubric, rows)
    assert got[0] != "refused", got[1].render()
    assert got == decimal_outcome(rubric, rows)


def lines(text: str, facts: dict, *readings: str) -> list[str]:
    return [line.text for line in load(text, *readings).score({"单位": "甲", **facts}).roots[0].lines]


# ---------------------------------------------------------------- SW6-4: 「计5分,否则扣2分」
# 2023年澧阳镇禁毒工作考评细则 四、1:「……有档案计5分,底数不清扣2分」(「底数不清」 written 否则 as GR101's help says)
OTHERWISE = """
二、【吸毒人员底数】(5分)
  事实「吸毒人员底数清」:是否
  「吸毒人员底数清」计5分,否则扣2分。
"""


def test_otherwise_deducts_from_the_awards_points():
    # by hand: 底数不清 5 − 2 = 3 (was 0: the item counted from 0 and the deduction never bit); 底数清 5
    assert scores(OTHERWISE, {"吸毒人员底数清": False})["二"] == D(3)
    assert scores(OTHERWISE, {"吸毒人员底数清": True})["二"] == D(5)
    said = lines(OTHERWISE, {"吸毒人员底数清": False})
    assert any("这个分值是起点,从满分扣减" in line for line in said)
    # the other reading stays one command away, and lint hints it
    assert scores(OTHERWISE, {"吸毒人员底数清": False}, "计分方式=从零计分")["二"] == D(0)
    assert decision(OTHERWISE, "计分方式") == ("二", "从满分扣减", "默认")
    in_sql(OTHERWISE, [{"吸毒人员底数清": v} for v in (True, False)])


# 2023年澧阳镇禁毒工作考评细则 一、2:「……专题研究禁毒工作,对人员经费落实计5分,有会议记录,未研究不计分,只研究不落实扣2.5分」
STUDY = """
一、【专题研究】(5分)
  事实「专题研究禁毒工作」:是否
  事实「人员经费落实」:是否
  「专题研究禁毒工作」且「人员经费落实」计5分;未「专题研究禁毒工作」的,不计分;「专题研究禁毒工作」且未「人员经费落实」的,扣2.5分。
"""
S, F = "专题研究禁毒工作", "人员经费落实"


def test_a_partial_failure_deducts_from_the_awards_points():
    # by hand: 只研究不落实 5 − 2.5 = 2.5 (was 0); 未研究 不计分 0; both 5
    assert scores(STUDY, {S: True, F: False})["一"] == D("2.5")
    assert scores(STUDY, {S: False, F: False})["一"] == D(0)
    assert scores(STUDY, {S: False, F: True})["一"] == D(0)
    assert scores(STUDY, {S: True, F: True})["一"] == D(5)
    in_sql(STUDY, [{S: a, F: b} for a in (True, False) for b in (True, False)])


# 吕梁耕地保护 (五):「按期足额缴纳……资金,得5分;未足额缴纳的,按比例扣分。」
SHARE = """
一、【专项资金】(5分)
  事实「按期足额缴纳」:是否
  事实「欠缴金额」:万元
  事实「应缴金额」:万元
  「按期足额缴纳」,得5分;否则按「欠缴金额」÷「应缴金额」的比例扣分。
"""


def test_otherwise_by_share_deducts_from_the_awards_points():
    # by hand: 欠缴 20 of 100: 5 − 5 × 20% = 4 (was 0); paid in full 5
    assert scores(SHARE, {"按期足额缴纳": False, "欠缴金额": 20, "应缴金额": 100})["一"] == D(4)
    assert scores(SHARE, {"按期足额缴纳": True, "欠缴金额": 0, "应缴金额": 100})["一"] == D(5)


# 吕梁耕地保护 (四), with a bonus beside it:「……得10分,超额部分每增加500亩加1分,未完成任务的按比例扣分」
WITH_BONUS = """
一、【耕地占补平衡】(10分)
  加分上限:不受本项分值限制
  事实「补充耕地面积」:亩
  事实「应补充耕地面积」:亩
  事实「未完成补充耕地面积」:亩
  事实「超额补充耕地面积」:亩
  「补充耕地面积」达到「应补充耕地面积」的,得10分;否则按「未完成补充耕地面积」÷「应补充耕地面积」的比例扣分。
  「超额补充耕地面积」每500亩加1分。
"""


def test_the_start_keeps_a_bonus_beside_it():
    # by hand: 600 of 800: 10 − 10 × 25% = 7.5 (was 0); 2000 of 800, 1200 over: 10 + 2 = 12
    short = {"补充耕地面积": 600, "应补充耕地面积": 800, "未完成补充耕地面积": 200, "超额补充耕地面积": 0}
    over = {"补充耕地面积": 2000, "应补充耕地面积": 800, "未完成补充耕地面积": 0, "超额补充耕地面积": 1200}
    assert scores(WITH_BONUS, short)["一"] == D("7.5")
    assert scores(WITH_BONUS, over)["一"] == D(12)


# ---------------------------------------------------------------- SW6-5: an exception that waives a 不得分
# 吕梁耕地保护 (三):「没有出现违法用地情况的……,得20分;若出现违法用地情况的不得分,能及时制止、查处的,可不扣分。」
WAIVED = """
一、【卫星遥感监测执法检查】(20分)
  事实「出现违法用地」:是否
  事实「能及时制止查处」:是否
  未「出现违法用地」的,得20分;「出现违法用地」的,不得分(「能及时制止查处」的除外)。
"""


def test_an_exception_to_the_zero_keeps_the_awards_points():
    # by hand: 出现、能及时制止查处: 可不扣分 20 (was 0); 出现、没有制止 0; 没有出现 20
    assert scores(WAIVED, {"出现违法用地": True, "能及时制止查处": True})["一"] == D(20)
    assert scores(WAIVED, {"出现违法用地": True, "能及时制止查处": False})["一"] == D(0)
    assert scores(WAIVED, {"出现违法用地": False, "能及时制止查处": False})["一"] == D(20)
    said = lines(WAIVED, {"出现违法用地": True, "能及时制止查处": True})
    assert any("本条不计分" in line and "例外" in line for line in said)


# ---------------------------------------------------------------- what stays as it was
def test_a_deduction_that_leaves_part_of_the_failure_unsaid_is_still_from_zero():
    # language.md 8: 「达到95%的,得10分。低于80%的,扣5分。」 85% neither earns nor loses: 0, not 10
    text = """
一、【完成率】(10分)
  事实「完成率」:百分比
  「完成率」达到95%的,得10分。「完成率」低于80%的,扣5分。
"""
    assert scores(text, {"完成率": "85%"})["一"] == D(0)
    # 是否 facts the same way: 「甲」且「乙」得5分, only 「甲」 and not 「乙」 said: 未「甲」 is left open
    text = """
一、【专题研究】(5分)
  事实「甲」:是否
  事实「乙」:是否
  「甲」且「乙」计5分;「甲」且未「乙」的,扣2.5分。
"""
    assert scores(text, {"甲": False, "乙": False})["一"] == D(0)


def test_a_veto_without_an_exception_or_deduction_changes_nothing():
    text = """
一、【执法检查】(20分)
  事实「出现违法用地」:是否
  未「出现违法用地」的,得20分;「出现违法用地」的,不得分。
"""
    assert [d.value for d in load(text).model.decisions if d.key == "计分方式"] in ([], ["从零计分"])
    assert scores(text, {"出现违法用地": True})["一"] == D(0)


def test_written_from_zero_keeps_the_award_earned_on_top():
    assert scores("计分方式:从零计分\n" + OTHERWISE, {"吸毒人员底数清": False})["二"] == D(0)


def test_no_never_bites_warning_where_the_deduction_now_bites():
    assert not [f for f in lint(load(STUDY)) if f.code == "GL504"]
    assert not [f for f in lint(load(OTHERWISE)) if f.code == "GL504"]


# ---------------------------------------------------------------- SW6-7: a point's deductions after its 。
# XX县各镇综治工作考评 二 (3分; the 4th point, 0.5分, left out):「2.定期组织召开社会稳定形势分析研判例会,及时报送研判报告或会议纪要,
# 1分。不报送或不按时报送的每次减0.5分,对重大涉稳信息迟报、漏报、瞒报的每例减1分,减完为止。3.敏感时期……,0.5分。」
AFTER_STOP = """
二、【社会稳定形势分析研判】(2.5分)
  事实「建立研判工作机制」:是否
  事实「定期召开研判例会」:是否
  事实「不按时报送次数」:次数
  事实「迟报漏报瞒报例数」:例数
  事实「落实稳控责任」:是否
  1.「建立研判工作机制」,1分。
  2.「定期召开研判例会」,1分。「不按时报送次数」每次减0.5分,「迟报漏报瞒报例数」每例减1分,扣完为止。
  3.「落实稳控责任」,0.5分。
"""


def zongzhi(meeting: bool, late: int, leaks: int) -> dict:
    return {"建立研判工作机制": True, "定期召开研判例会": meeting, "不按时报送次数": late, "迟报漏报瞒报例数": leaks,
            "落实稳控责任": True}


def test_a_points_deductions_after_its_full_stop_stop_at_its_points():
    # by hand: 2 late + 2 leaks = −3, 减完 point 2's 1 分 → 0; points 1 and 3 stand: 1 + 0 + 0.5 = 1.5 (was 0)
    assert scores(AFTER_STOP, zongzhi(True, 2, 2))["二"] == D("1.5")
    assert "扣完这一点的1分为止(这一句2条合计):−3 → −1" in lines(AFTER_STOP, zongzhi(True, 2, 2))
    # 1 late: 1 + (1 − 0.5) + 0.5 = 2; no meetings, 3 late: point 2 has nothing to deduct from: 1 + 0 + 0.5 = 1.5
    assert scores(AFTER_STOP, zongzhi(True, 1, 0))["二"] == D(2)
    assert scores(AFTER_STOP, zongzhi(False, 3, 0))["二"] == D("1.5")
    assert decision(AFTER_STOP, "本点扣分") == ("二", "从本点分值扣", "默认")
    # the other reading: from the item, 1 + 1 − 3 + 0.5 → 0
    assert scores(AFTER_STOP, zongzhi(True, 2, 2), "本点扣分=从本项扣")["二"] == D(0)


def test_the_same_after_fmt_puts_the_sentence_on_a_line_of_its_own():
    text = AFTER_STOP.replace("1分。「不按时报送次数」", "1分。\n  「不按时报送次数」")
    assert scores(text, zongzhi(True, 2, 2))["二"] == D("1.5")


def test_a_single_deduction_after_the_stop_stops_at_the_point_too():
    text = AFTER_STOP.replace(",「迟报漏报瞒报例数」每例减1分,扣完为止", "")
    # by hand: 3 late: point 2 1 − 1.5 → 0: 1 + 0 + 0.5 = 1.5 (from the item: 1 + 1 − 1.5 + 0.5 = 1)
    assert scores(text, zongzhi(True, 3, 0))["二"] == D("1.5")


def test_a_sentence_after_the_last_point_is_still_the_items():
    text = """
一、【研判】(2分)
  事实「甲」:是否
  事实「乙」:是否
  事实「迟报次数」:次数
  1.「甲」,1分。
  2.「乙」,1分。「迟报次数」每次扣0.5分。
"""
    # after the last point the sentence may be the item's (「以上各点……」): deducted from the item as before
    assert scores(text, {"甲": True, "乙": True, "迟报次数": 3})["一"] == D("0.5")


def test_the_floor_hint_names_the_floor_word_the_point_wrote():
    # 二's deductions can pass its 2.5 points where 扣分下限 is 可为负分 (the point's stop then goes too), so GL001 asks
    # the reading; the source wrote 「减完为止」 after point 2's sentence (it stops that sentence), not nothing: the hint
    # says so instead of 「原文没有写「扣完为止」」
    for word in ("减完为止", "扣完为止", "直至扣完"):
        text = AFTER_STOP.replace("扣完为止", word)
        hints = [f.diagnostic.message for f in lint(load(text)) if f.code == "GL001" and "扣分下限" in f.diagnostic.message]
        assert len(hints) == 1 and f"原文的「{word}」只管它所在的一句,没有对整个指标写明" in hints[0], hints
        assert "原文没有写「扣完为止」" not in hints[0]
    # no floor word anywhere in the item: as before
    text = AFTER_STOP.replace(",扣完为止", "")
    hints = [f.diagnostic.message for f in lint(load(text)) if f.code == "GL001" and "扣分下限" in f.diagnostic.message]
    assert len(hints) == 1 and "扣分可能超过本项分值,原文没有写「扣完为止」" in hints[0]


def test_sql_refuses_the_shared_stop_by_name():
    from govrubric.sql import Unsupported, compile_query
    with pytest.raises(Unsupported):
        compile_query(load(AFTER_STOP).model)
    text = AFTER_STOP.replace(",「迟报漏报瞒报例数」每例减1分,扣完为止", "")
    in_sql(text, [zongzhi(m_, n, 0) for m_ in (True, False) for n in (0, 1, 3)])


# ---------------------------------------------------------------- SW6-4 (d), SW5-4: what stays from 0 is not silent
# 贺兰县购买动物防疫服务考核 四.2:「……按要求及时建立防疫免疫档案,内容填写清楚、防疫员签字到位得5分。没有建立免疫档案发现一次扣
# 0.5分,内容填写不完全每项扣0.1分。」 — a count of files not made: 另写的扣分:从得分扣起 (lane startfloor, test_failure_start.py)
FILING = """
四、【免疫档案】(5分)
  事实「建立免疫档案且签字到位」:是否
  事实「没有建立免疫档案次数」:次数
  「建立免疫档案且签字到位」得5分。「没有建立免疫档案次数」发现一次扣0.5分。
"""
# 「「制定方案」的,得10分。「迟报次数」每次扣1分。」 (test_failure_start.PLAN): late reports say nothing of the plan — still
# from 0, and GL504


def test_a_deduction_beside_the_whole_items_award_is_a_warning_that_check_shows(tmp_path):
    from click.testing import CliRunner

    from govrubric.cli import main
    from govrubric.service import from_text

    # the files not made: not filed, 2 found → 5 − 1 = 4, as the tester read it by hand (0 under 条件成立才得)
    assert scores(FILING, {"建立免疫档案且签字到位": False, "没有建立免疫档案次数": 2})["四"] == D(4)
    assert scores(FILING, {"建立免疫档案且签字到位": False, "没有建立免疫档案次数": 2}, "另写的扣分=条件成立才得")["四"] == D(0)
    assert not [f for f in lint(load(FILING)) if f.code == "GL504"]
    # the late reports: from 0 (no plan, 2 late → 0); whether they are the plan's failure only the source says
    assert scores(PLAN, {"制定方案": False, "迟报次数": 2})["一"] == D(0)
    found = [f for f in lint(load(PLAN)) if f.code == "GL504"]
    assert len(found) == 1 and "只扣得分条款也成立的单位" in found[0].diagnostic.message
    # check shows it (a warning: exit code 0), once; lint's list has it once too
    doc = from_text("细则「t」\n" + PLAN, "t.rubric")
    assert [d.code for d in doc.check()] == ["GL504"] and doc.ok
    assert [p.code for p in doc.problems()].count("GL504") == 1
    path = tmp_path / "t.rubric"
    path.write_text("细则「t」\n" + PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0 and "GL504" in result.output
    # written 计分方式 or 另写的扣分 (the author read the source): no warning
    for stated in ("计分方式:从零计分", "另写的扣分:从得分扣起", "另写的扣分:条件成立才得"):
        text = PLAN.replace("  事实「制定方案」", f"  {stated}\n  事实「制定方案」")
        assert not from_text("细则「t」\n" + text, "t.rubric").check(), stated
