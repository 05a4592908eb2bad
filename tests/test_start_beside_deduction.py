"""Where an item (or a sentence) starts when an award stands beside deductions (field trial 7: SW7-1, SW7-2, SW7-4;
language.md 8). Numbers are worked out by hand from the published words quoted above each case; scores() checks the
compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
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


# ---------------------------------------------------------------- SW7-2: 「甲」且「漏报次数」为0的得3分;每漏报1次扣1分
# 某年度省级气象部门目标考核,及时准确发布预警信息(3分):「全年完成预警信号及时发布工作,重大天气预警信号不漏报得3分;重大天气预警
# 信号每漏报1次扣1分,直至不得分。」 不漏报 and 每漏报 are two sides of one count: the 3 points are where the misses come off.
# 完成 is what the 3 points ask besides: without it they are not earned, and no miss takes anything below 0.
SW72 = """
一、【及时准确发布预警信息】(3分)
  事实「全年完成预警信号及时发布工作」:是否
  事实「重大天气预警信号漏报次数」:次数
  「全年完成预警信号及时发布工作」且「重大天气预警信号漏报次数」为0的得3分;「重大天气预警信号漏报次数」每漏报1次扣1分,直至不得分。
"""


def warning(done: bool, missed: int) -> dict:
    return {"全年完成预警信号及时发布工作": done, "重大天气预警信号漏报次数": missed}


@pytest.mark.parametrize("done, missed, expected", [
    (True, 0, "3"),   # 完成、不漏报:3
    (True, 1, "2"),   # 3 − 1 (气象甲省, goldens.md)
    (True, 2, "1"),   # 3 − 2 (气象丙省)
    (True, 5, "0"),   # 3 − 5,直至不得分
    (False, 0, "0"),  # 没有完成:「得3分」不成立,没有扣分说它
    (False, 2, "0"),  # 没有完成:没有 3 分可扣,扣到 0 为止
])
def test_a_zero_count_beside_another_condition_is_where_its_deductions_start(done, missed, expected):
    assert scores(SW72, warning(done, missed))["一"] == D(expected)


def test_the_zero_count_start_is_the_reading_另写的扣分_with_its_hint():
    (found,) = decisions(SW72, "另写的扣分")
    assert (found.path, found.value, found.origin) == ("一", "从得分扣起", "默认")
    found = [f for f in lint(load(SW72)) if f.code in ("GL001", "GL504")]
    hint = [f for f in found if "另写的扣分:" in f.diagnostic.message]
    assert len(hint) == 1 and "「重大天气预警信号漏报次数」为0与另写的按它扣分" in hint[0].diagnostic.message
    assert not [f for f in found if f.code == "GL504"]  # the deduction bites now
    # 条件成立才得: as before the change — the award only with no miss, the deduction dead (GL504 says so)
    assert scores(SW72, warning(True, 1), "另写的扣分=条件成立才得")["一"] == D(0)
    assert [f.code for f in lint(load(SW72, "另写的扣分=条件成立才得"))].count("GL504") == 1
    written = SW72.replace("  事实「全年完成", "  另写的扣分:从得分扣起(理由:「不漏报得3分」)\n  事实「全年完成", 1)
    assert scores(written, warning(True, 2))["一"] == D(1)
    # 计分方式 written says where the item starts, as language.md 8 has it: 从满分扣减 from 3 whatever 完成 is,
    # 从零计分 the award earned on top (as before the change)
    assert scores(SW72, warning(False, 1), "计分方式=从满分扣减")["一"] == D(2)
    assert scores(SW72, warning(True, 1), "计分方式=从零计分")["一"] == D(0)


def test_the_explanation_says_the_zero_count_is_where_the_misses_start():
    got = lines(SW72, warning(True, 1))
    assert got[0] == "从0计分(推断:本项有得分/加分条款,从0计)"
    assert got[1].endswith("不符合「为0」(= 0);「重大天气预警信号漏报次数」为0与另一句按它扣分是同一件事的两面,"
                           "得3分是扣分的起点 → 得3分(+3)"), got
    assert got[2] == "「重大天气预警信号漏报次数」= 1次:每漏报1次扣1分 × 1 = −1分"
    got = lines(SW72, warning(False, 1))
    assert got[1].endswith(":条件不成立,本条不计分") and not any("起点" in line for line in got), got


def test_the_zero_count_start_is_worded_and_formatted_as_written():
    from govrubric.fmt import format_text
    from govrubric.render import build_table

    loaded = load(SW72)
    (row,) = build_table(loaded.model, loaded.tree).rows
    assert row.standard[0] == "全年完成预警信号及时发布工作且重大天气预警信号漏报次数为0次的,得3分"
    formatted = format_text("细则「t」\n" + SW72).text
    assert format_text(formatted).text == formatted
    again = govrubric.loads(formatted, "t.rubric")
    assert again.ok and again.score({"单位": "甲", **warning(True, 2)}).scores()["一"] == D(1)


def test_sql_computes_the_zero_count_start():
    duckdb = pytest.importorskip("duckdb")  # noqa: F841
    from sql_helpers import duckdb_outcome

    got = duckdb_outcome(load(SW72), [{"单位": "甲省", **warning(True, 1)}, {"单位": "丙省", **warning(True, 2)},
                                      {"单位": "丁", **warning(False, 2)}, {"单位": "戊", **warning(True, 0)}])
    assert got[0] == "scores"
    assert [got[1][u][0]["一"] for u in ("甲省", "丙省", "丁", "戊")] == [D(2), D(1), D(0), D(3)]


# Not so read, and GL504 stays — shown by `govrubric check` exactly as lint shows it
STILL_DEAD = {
    # 2 of the item's 3 points: not the item's start (as 无「X」得10分 must be the item's points, language.md 8)
    "two_of_three": SW72.replace("为0的得3分", "为0的得2分"),
    # the zero is another count's: the deduction takes only from units whose award holds
    "another_count": SW72.replace("  事实「重大天气预警信号漏报次数」:次数",
                                  "  事实「重大天气预警信号漏报次数」:次数\n  事实「迟报次数」:次数").replace(
        "且「重大天气预警信号漏报次数」为0的得3分", "且「迟报次数」为0的得3分"),
}


@pytest.mark.parametrize("name", sorted(STILL_DEAD))
def test_check_shows_gl504_where_lint_does(name, tmp_path):
    from click.testing import CliRunner

    from govrubric.cli import main
    from govrubric.service import from_text

    text = "细则「t」\n" + STILL_DEAD[name]
    linted = [(f.diagnostic.span.start, f.diagnostic.message) for f in lint(load(STILL_DEAD[name])) if f.code == "GL504"]
    doc = from_text(text, "t.rubric")
    checked = [(d.span.start, d.message) for d in doc.check() if d.code == "GL504"]
    assert len(linted) == 1 and checked == linted and doc.ok
    path = tmp_path / "t.rubric"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0 and result.output.count("GL504") == 1
    # the fixed shape: neither shows it
    assert not [d for d in from_text("细则「t」\n" + SW72, "t.rubric").check()]
    assert not [f for f in lint(load(SW72)) if f.code == "GL504"]
