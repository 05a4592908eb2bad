"""Where an item (or a sentence) starts when an award stands beside deductions (field trial 7: SW7-1, SW7-2, SW7-4;
language.md 8). Numbers are worked out by hand from the published words quoted above each case; scores() checks the
compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from govrubric.lint import lint
from test_reading_kinds import load, scores


def lines(text: str, facts: dict, *readings: str) -> list[str]:
    return [line.text for line in load(text, *readings).score({"单位": "甲", **facts}).roots[0].lines]


def decisions(text: str, key: str) -> list:
    return [d for d in load(text).model.decisions if d.key == key]


# ---------------------------------------------------------------- SW7-1: 得2分,少开展一次扣1分,「…」一次扣1分
# 某年度省级气象部门目标考核,技术总结(2分):「开展5次以上重要天气过程预报技术总结并向预报司提交总结报告得2分,少开展或提交
# 报告质量不符要求的一次扣1分,直至不得分。」 The 2 points are where both deductions start: 少开展 continues the award
# without a subject (一句的起点), so the sentence has its 2 points whatever the count; the bad report comes off them too.
SW71 = """
一、【技术总结】(2分)
  事实「开展技术总结次数」:次数
  事实「报告质量不符要求次数」:次数
  「开展技术总结次数」5次以上得2分,少开展一次扣1分,「报告质量不符要求次数」一次扣1分,扣完为止。
"""


@pytest.mark.parametrize("done, bad, expected", [
    (4, 1, "0"),   # 2 − 1(少 1 次)− 1(1 份不符)
    (6, 1, "1"),   # 2 − 1
    (3, 0, "0"),   # 2 − 2
    (5, 0, "2"),
    (4, 0, "1"),   # 2 − 1
    (2, 3, "0"),   # 2 − 3 − 3,扣完为止
])
def test_a_deduction_on_another_fact_comes_off_a_started_sentence(done, bad, expected):
    assert scores(SW71, {"开展技术总结次数": done, "报告质量不符要求次数": bad})["一"] == D(expected)


def test_the_bad_report_line_deducts_and_no_reading_is_left_open():
    got = lines(SW71, {"开展技术总结次数": 4, "报告质量不符要求次数": 1})
    assert "「报告质量不符要求次数」= 1次:一次扣1分 × 1 = −1分" in got
    assert not any("本条不计分" in t and "报告" in t for t in got)
    # 同句得分 has nothing to decide: the sentence is started by 少开展 (no GL001 for it, whatever is written)
    assert not decisions(SW71, "同句得分")
    assert not any(f.code == "GL001" and "同句得分" in f.diagnostic.message for f in lint(load(SW71)))
    assert scores(SW71, {"开展技术总结次数": 4, "报告质量不符要求次数": 1}, "同句得分=条件成立才得")["一"] == D(0)


# the same sentence beside another one in a 4-point item (SW7.md): the sentence's 2 points are its start and its floor
SW71B = """
一、【技术总结与会商】(4分)
  事实「开展技术总结次数」:次数
  事实「报告质量不符要求次数」:次数
  事实「会商无差错」:是否
  「开展技术总结次数」5次以上得2分,少开展一次扣1分,「报告质量不符要求次数」一次扣1分,扣完为止。
  「会商无差错」得2分。
"""


@pytest.mark.parametrize("done, bad, talks, expected", [
    (4, 1, True, "2"),    # (2 − 1 − 1) + 2
    (3, 2, True, "2"),    # (2 − 2 − 2 → 0,扣完这一句的2分为止) + 2
    (6, 1, False, "1"),   # (2 − 1) + 0
    (5, 0, True, "4"),
])
def test_the_started_sentence_beside_another_keeps_its_own_floor(done, bad, talks, expected):
    facts = {"开展技术总结次数": done, "报告质量不符要求次数": bad, "会商无差错": talks}
    assert scores(SW71B, facts)["一"] == D(expected)


def test_sql_computes_the_started_item_and_refuses_the_sentence_floor_by_name():
    duckdb = pytest.importorskip("duckdb")  # noqa: F841
    from sql_helpers import duckdb_outcome

    got = duckdb_outcome(load(SW71), [{"单位": "n4b1", "开展技术总结次数": 4, "报告质量不符要求次数": 1},
                                      {"单位": "n6b1", "开展技术总结次数": 6, "报告质量不符要求次数": 1}])
    assert got[0] == "scores"
    assert got[1]["n4b1"][0]["一"] == D(0) and got[1]["n6b1"][0]["一"] == D(1)
    refused = duckdb_outcome(load(SW71B), [{"单位": "a", "开展技术总结次数": 4, "报告质量不符要求次数": 1, "会商无差错": True}])
    assert refused[0] == "refused" and "扣到这一点(这一句)的分值为止" in refused[1].render()


# ---------------------------------------------------------------- SW7-4: 少召开1次会议扣2分,解决1个实际问题得1分
# 党建带团建工作考核表 3(6分):考评办法「查资料,听反映,少召开1次会议扣2分,解决1个实际问题得1分」. The row starts from its
# 6 points; each missed meeting takes 2, each problem solved adds 1 back (not above 6), as 加 beside deductions does.
SW74 = """
一、【联席会议制度】(6分)
  事实「少召开联席会议次数」:次数
  事实「帮助解决实际问题个数」:个数
  「少召开联席会议次数」少召开1次会议扣2分,「帮助解决实际问题个数」解决1个实际问题得1分。
"""


@pytest.mark.parametrize("missed, solved, expected", [
    (0, 0, "6"),   # both meetings held
    (2, 1, "3"),   # 6 − 4 + 1
    (0, 3, "6"),   # 6 + 3, not above 6
    (1, 0, "4"),   # 6 − 2
    (4, 1, "0"),   # 6 − 8 + 1 → 0
])
def test_a_per_count_award_beside_deductions_starts_the_row_from_its_points(missed, solved, expected):
    assert scores(SW74, {"少召开联席会议次数": missed, "帮助解决实际问题个数": solved})["一"] == D(expected)


def test_the_start_is_the_reading_计分方式_with_its_hint():
    (found,) = decisions(SW74, "计分方式")
    assert (found.path, found.value, found.origin) == ("一", "从满分扣减", "默认")
    assert any(f.code == "GL001" and "计分方式" in f.diagnostic.message for f in lint(load(SW74)))
    got = lines(SW74, {"少召开联席会议次数": 0, "帮助解决实际问题个数": 0})
    assert got[0] == "从满分扣减,基础分6分(推断:本项的得分是按个数另加的,与扣分并列,从满分扣减)"
    # 从零计分, written or asked for: as before the change (held 0, solved 3 → 3)
    assert scores(SW74, {"少召开联席会议次数": 0, "帮助解决实际问题个数": 3}, "计分方式=从零计分")["一"] == D(3)


def test_a_per_count_award_beside_a_veto_stays_from_zero():
    # 杭州禁毒 2018 1.: 「…每次得0.5分。…每次得0.3分;…每次得0.2分。「政府常务会议次数」为0的,不得分。」 (field trial 6)
    text = """
一、【强化组织领导】(1分)
  事实「政府常务会议次数」:次数
  「政府常务会议次数」每次得0.5分。「政府常务会议次数」为0的,不得分。
"""
    assert scores(text, {"政府常务会议次数": 1})["一"] == D("0.5")


def test_sql_computes_the_row():
    duckdb = pytest.importorskip("duckdb")  # noqa: F841
    from sql_helpers import duckdb_outcome

    got = duckdb_outcome(load(SW74), [{"单位": "乙", "少召开联席会议次数": 2, "帮助解决实际问题个数": 1},
                                      {"单位": "丙", "少召开联席会议次数": 0, "帮助解决实际问题个数": 3}])
    assert got[0] == "scores"
    assert got[1]["乙"][0]["一"] == D(3) and got[1]["丙"][0]["一"] == D(6)
