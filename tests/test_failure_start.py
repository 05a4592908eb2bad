"""An item's only award, of its points, and in another sentence deductions for the thing not done (language.md 8
「另写的扣分」, check/failure_start.py; field trial 5 SW5-4, field trial 6 SW6-4 (d)); and a step from an award's line
after a full stop (swstep's note). Numbers are worked out by hand from the published words quoted above each case;
scores() checks the compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from govrubric.lint import lint
from test_reading_kinds import decision, hinted, load, scores


def lines(text: str, facts: dict, *readings: str) -> list[str]:
    return [line.text for line in load(text, *readings).score({"单位": "甲", **facts}).roots[0].lines]


def gl504(text: str) -> list[str]:
    return [f.diagnostic.message for f in lint(load(text)) if f.code == "GL504"]


# ---------------------------------------------------------------- SW5-4: 得15分。……每低5个百分点,扣1分
# 城乡居民基本医疗保险工作考核评分细则 1、参保扩面(15):「全面完毕……目旳任务,且……配套到位旳,得15分。目旳任务完毕率
# 低于95%旳,每低5个百分点,扣1分。」
SW54 = """
一、【参保扩面】(15分)
  事实「全面完成目标任务」:是否
  事实「配套到位」:是否
  事实「目标任务完成率」:百分比
  「全面完成目标任务」且「配套到位」的,得15分。「目标任务完成率」低于95%的,每低5个百分点,扣1分。
"""


def unit(done: bool, funded: bool, rate: str) -> dict:
    return {"全面完成目标任务": done, "配套到位": funded, "目标任务完成率": rate}


@pytest.mark.parametrize("done, funded, rate, expected", [
    (False, True, "85%", "13"),   # 低 10 个百分点 = 2 步:15 − 2
    (False, True, "70%", "10"),   # 低 25 = 5 步:15 − 5
    (True, True, "100%", "15"),   # 全面完成、配套:15
    (True, False, "100%", "0"),   # 没有配套到位:得15分不成立,不低于 95%,没有扣分说它:0
    (False, True, "94%", "15"),   # 低于 95%,差 1 个百分点不足一步:15 − 0
    (False, True, "97%", "0"),    # 95%—100%:原文没有说,得15分不成立,也不扣:0
    (False, True, "10%", "0"),    # 低 85 = 17 步:15 − 17,到 0 为止
])
def test_a_shortfall_in_another_sentence_deducts_from_the_awards_points(done, funded, rate, expected):
    assert scores(SW54, unit(done, funded, rate))["一"] == D(expected)


def test_the_reading_is_recorded_hinted_and_can_be_the_other():
    assert decision(SW54, "另写的扣分") == ("一", "从得分扣起", "默认")
    assert hinted(SW54, "另写的扣分")
    assert not gl504(SW54)  # the deduction takes points now
    # 条件成立才得: the item from 0 as before — 85% 0 (GL504 names it again)
    assert scores(SW54, unit(False, True, "85%"), "另写的扣分=条件成立才得")["一"] == D(0)
    assert scores(SW54, unit(True, True, "100%"), "另写的扣分=条件成立才得")["一"] == D(15)
    written = SW54.replace("  事实「全面完成", "  另写的扣分:条件成立才得(理由:「得15分」)\n  事实「全面完成", 1)
    assert decision(written, "另写的扣分") == ("一", "条件成立才得", "写明")
    assert gl504(written)


def test_the_explanation_says_where_the_deductions_start():
    said = lines(SW54, unit(False, True, "85%"))
    assert any(line.endswith("另写的扣分扣到了没有做到的情形,得15分是扣分的起点 → 得15分(+15)") for line in said), said
    assert any("扣1分):2 × −1 = −2分" in line or "2 × −1 = −2分" in line for line in said), said
    # where nothing prices the failure, the award is not earned, as before
    said = lines(SW54, unit(True, False, "100%"))
    assert not any("起点" in line for line in said), said


# ---------------------------------------------------------------- SW6-4 (d): 得5分。没有建立……发现一次扣0.5分
# 贺兰县购买动物防疫服务工作考核验收评分标准 四(免疫档案,5分):「按要求及时建立防疫免疫档案,内容填写清楚、防疫员签字到位
# 得5分。没有建立免疫档案发现一次扣0.5分,内容填写不完全每项扣0.1分。」
FILES = """
一、【免疫档案】(5分)
  事实「建立档案且签字到位」:是否
  事实「没有建立免疫档案次数」:次数
  事实「内容填写不完全项数」:项数
  「建立档案且签字到位」得5分。「没有建立免疫档案次数」发现一次扣0.5分,「内容填写不完全项数」每项扣0.1分。
"""


@pytest.mark.parametrize("done, missing, incomplete, expected", [
    (False, 2, 3, "3.7"),  # 5 − 2 × 0.5 − 3 × 0.1 (贺兰 甲服务队, goldens.md)
    (True, 0, 0, "5"),
    (True, 0, 2, "4.8"),   # 5 − 0.2
    (False, 0, 3, "4.7"),  # 内容不完全:5 − 0.3 — the other deviation of the same files
    (False, 0, 0, "0"),    # not done, and no deduction says how: the 5 points not earned
    (False, 12, 0, "0"),   # 5 − 6, to 0
])
def test_counts_of_the_thing_not_done_deduct_from_the_awards_points(done, missing, incomplete, expected):
    facts = {"建立档案且签字到位": done, "没有建立免疫档案次数": missing, "内容填写不完全项数": incomplete}
    assert scores(FILES, facts)["一"] == D(expected)
    assert not gl504(FILES)


# ---------------------------------------------------------------- not so read (GL504 stays)
PLAN = """
一、【报送】(10分)
  事实「制定方案」:是否
  事实「迟报次数」:次数
  「制定方案」的,得10分。「迟报次数」每次扣1分。
"""


def test_a_deduction_for_something_else_still_deducts_only_from_the_award():
    # 「制定方案」的,得10分。「迟报次数」每次扣1分。 — late reports say nothing of the plan (language.md 8)
    text = PLAN
    assert scores(text, {"制定方案": False, "迟报次数": 2})["一"] == D(0)
    assert scores(text, {"制定方案": True, "迟报次数": 2})["一"] == D(8)
    assert not [d for d in load(text).model.decisions if d.key == "另写的扣分"]
    assert gl504(text)
    # written for the item (the author reads the late reports as the plan's): 10 − 2, and GL504 has nothing to say
    written = text.replace("  事实「制定方案」", "  另写的扣分:从得分扣起(理由:「迟报的从10分里扣」)\n  事实「制定方案」", 1)
    assert scores(written, {"制定方案": False, "迟报次数": 2})["一"] == D(8)
    assert scores(written, {"制定方案": False, "迟报次数": 0})["一"] == D(0)
    assert decision(written, "另写的扣分") == ("一", "从得分扣起", "写明")
    assert not gl504(written)


def test_a_deduction_in_the_awards_own_sentence_is_the_same_sentence_reading():
    # 「认真执行……三同时,得2分,每发现1例未执行……扣0.5分」 (comma): 同句得分 (default 条件成立才得 for a thing done), as the
    # field trial 3 tester worked it: not done, 1 found → 0
    text = """
一、【三同时】(2分)
  事实「认真执行三同时」:是否
  事实「未执行三同时例数」:例数
  「认真执行三同时」得2分,「未执行三同时例数」每发现1例未执行的扣0.5分。
"""
    assert scores(text, {"认真执行三同时": False, "未执行三同时例数": 1})["一"] == D(0)
    assert not [d for d in load(text).model.decisions if d.key == "另写的扣分"]
    # after a full stop the same words read so: 2 − 0.5
    apart = text.replace("得2分,「未执行", "得2分。「未执行")
    assert scores(apart, {"认真执行三同时": False, "未执行三同时例数": 1})["一"] == D("1.5")


def test_an_item_with_another_award_is_not_so_read():
    text = """
一、【参保扩面】(20分)
  事实「全面完成目标任务」:是否
  事实「目标任务完成率」:百分比
  事实「按时报送」:是否
  「全面完成目标任务」的,得15分。「目标任务完成率」低于95%的,每低5个百分点,扣1分。「按时报送」得5分。
"""
    assert scores(text, {"全面完成目标任务": False, "目标任务完成率": "85%", "按时报送": True})["一"] == D(3)  # 5 − 2


# ---------------------------------------------------------------- a step from the award's line after 「。」
# swstep's note: 「「率」达到95%得5分。每降低1个百分点扣0.5分」 in a 30-point item whose other line earns 25
STEP = """
一、【率】(30分)
  事实「率」:百分比
  事实「甲」:是否
  「率」达到95%得5分。每降低1个百分点扣0.5分。
  「甲」得25分。
"""


@pytest.mark.parametrize("rate, expected", [
    ("94%", "29.5"),  # (5 − 0.5) + 25 (was 24.5: the step ate the other line's points)
    ("80%", "25"),    # 5 − 7.5 stops at the sentence's 5 points: 0 + 25
    ("96%", "30"),
])
def test_a_step_from_the_awards_line_after_a_full_stop_deducts_from_the_award(rate, expected):
    assert scores(STEP, {"率": rate, "甲": True})["一"] == D(expected)
    named = STEP.replace("。每降低", "。「率」每降低")
    assert scores(named, {"率": rate, "甲": True})["一"] == D(expected)


def test_sql_refuses_the_start_by_name():
    duckdb = pytest.importorskip("duckdb")  # noqa: F841
    from sql_helpers import duckdb_outcome

    rubric = load(SW54)
    rows = [{"单位": "乙县", **unit(False, True, "85%")}]
    got = duckdb_outcome(rubric, rows)
    assert got[0] == "refused"
    assert "另写的扣分:从得分扣起" in got[1].render()
