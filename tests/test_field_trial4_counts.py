"""Field trial 4, silent wrong scores SW4-7, SW4-7b, SW4-9, SW4-4 (tests/field_trial4/repro/): counts written without
每 after a requirement (少一次), 有1个 before a deduction, and a share's gap counted in percentage points. Expected
numbers are worked out by hand from the published words (quoted above each text); the compiled scorer must give the
same tree and lines (score() checks it), and DuckDB the same scores where it is installed."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from govrubric.codegen import compile_rubric
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same
from test_reading_kinds import load


def score(text: str, facts: dict, item: str = "一") -> D:
    loaded = load(text)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()[item]


def lines(text: str, facts: dict) -> list[str]:
    return [line.text for line in load(text).score({"单位": "甲", **facts}).roots[0].lines]


def codes(text: str) -> list[str]:
    import govrubric
    return [d.code for d in govrubric.loads("细则「t」\n" + text, "t.rubric").check()]


# ---------------------------------------------------------------- SW4-7: a requirement, then 少一次 (no 每)
# 乡镇民政「召开2次以上专题会议研究民政工作,少一次扣2.5分」(5分)
SW7 = """
一、【党委政府重视】(5分)
  事实「专题会议次数」:次数
  「专题会议次数」2次以上,少一次扣2.5分。
"""


def test_short_of_a_requirement_without_mei_counts_from_the_requirement():
    # by hand: 0 meetings are 2 short: 5 − 2 × 2.5 = 0; 1 is 1 short: 2.5; 2 and 3 meet it: 5, 5 (the program gave
    # 5, 5, 5, 2.5: the gap counted above 2)
    assert [score(SW7, {"专题会议次数": n}) for n in (0, 1, 2, 3)] == [D(0), D("2.5"), D(5), D(5)]
    assert score(SW7.replace("少一次", "每少一次"), {"专题会议次数": 3}) == D(5)  # the same as with 每
    assert any("少于2次" in line and "差1次" in line for line in lines(SW7, {"专题会议次数": 1}))


@pytest.mark.parametrize("words,amount", [("不少于2次,少一次扣3分", 3), ("至少2次,少一次扣4分", 4),
                                          ("至少2次,缺一次扣4分", 4), ("不少于2次,缺少1次扣3分", 3)])
def test_each_short_verb_after_a_requirement(words, amount):
    # 消防「每年带队开展消防安全检查不少于2次,少一次扣3分」, 文明城市「至少2条,少一条扣4分」: 10 − amount × shortfall
    text = f"一、【检查】(10分)\n  事实「检查次数」:次数\n  「检查次数」{words}。\n"
    assert score(text, {"检查次数": 0}) == D(10 - 2 * amount)
    assert score(text, {"检查次数": 1}) == D(10 - amount)
    assert score(text, {"检查次数": 5}) == D(10)


# ---------------------------------------------------------------- SW4-7b: points for the requirement, then 少一次
# 民政救灾「开展灾害信息员培训全年2次以上得1分,少一次扣0.5分」(1分)
SW7B = """
一、【灾害信息员】(1分)
  事实「培训次数」:次数
  「培训次数」全年2次以上得1分,少一次扣0.5分。
"""


def test_points_for_a_requirement_then_short_without_mei_is_deducted_from_them():
    # by hand: 0 → 1 − 2 × 0.5 = 0; 1 → 0.5; 2 and 3 → 1 (the program gave 1, 0.5, 0, 0: every meeting deducted)
    assert [score(SW7B, {"培训次数": n}) for n in (0, 1, 2, 3)] == [D(0), D("0.5"), D(1), D(1)]


def test_short_without_a_requirement_still_counts_the_fact():
    # 「缺少的季度食品安全专题会议次数」缺1次扣2分 (乡镇食品): no requirement before it, each one counted: 10 − 3 × 2 = 4
    text = "一、【会议】(10分)\n  事实「缺少的会议次数」:次数\n  「缺少的会议次数」缺1次扣2分,扣完为止。\n"
    assert score(text, {"缺少的会议次数": 3}) == D(4)
    # 「…缺少项数」为0的,记1分;少一项,扣0.25分 (政协提案): the tier is no one-sided requirement, the count itself
    text = "一、【组织】(1分)\n  事实「缺少项数」:项数\n  「缺少项数」为0的,记1分;少一项,扣0.25分。\n"
    assert score(text, {"缺少项数": 2}) == D("0.5")


# ---------------------------------------------------------------- SW4-9: 有1个 … 扣
# 民政救灾「有1个乡镇(街办)未开展农村住房保险工作扣0.1分」(2分)
SW9 = """
一、【农村住房保险】(2分)
  事实「未开展乡镇数」:个数
  「未开展乡镇数」有1个扣0.1分。
"""


def test_there_is_one_then_a_deduction_is_each_one():
    # by hand: 3 towns → 2 − 3 × 0.1 = 1.7 (the program gave 2: 有 read as = 1); 1 → 1.9; 0 → 2
    assert [score(SW9, {"未开展乡镇数": n}) for n in (3, 1, 0)] == [D("1.7"), D("1.9"), D(2)]
    assert any("× 3" in line for line in lines(SW9, {"未开展乡镇数": 3}))


def test_there_is_more_than_one_then_a_deduction_is_asked():
    assert "GR221" in codes(SW9.replace("有1个扣0.1分", "有3个扣0.1分"))  # each 3, or once 3? as 发现3次扣1分


def test_there_is_one_with_de_or_yishang_stays_a_comparison():
    # 「有1个以上的,扣0.5分」: one or more, once: 2 − 0.5 = 1.5 for 3
    assert score(SW9.replace("有1个扣0.1分", "有1个以上的,扣0.5分"), {"未开展乡镇数": 3}) == D("1.5")


# ---------------------------------------------------------------- SW4-4: a share's gap in percentage points
# 部门整体支出「在职人员控制率=(在职人员数/编制数)×100%……≦100%,计5分;每超过一个百分点扣0.5分,扣完为止」
SW4 = """
一、【在职人员控制率】(5分)
  事实「在职人员数」:人
  事实「编制数」:人
  「在职人员数」÷「编制数」不超过100%,计5分。「在职人员数」÷「编制数」超过100%的,每超过一个百分点扣0.5分,扣完为止。
"""


def test_a_share_past_a_percentage_counts_its_gap_in_percentage_points():
    # by hand: 105/100 = 105%, 5 points over: 5 − 5 × 0.5 = 2.5; 120/100: 20 points, 10 off, at most 5: 0; 95/100: 5.
    # 101/99 = 102.02…%: 2 whole points: 5 − 1 = 4 (the program gave 5 for all: a gap of 0.05 "points")
    facts = lambda n, d: {"在职人员数": n, "编制数": d}  # noqa: E731
    assert [score(SW4, facts(n, d)) for n, d in ((105, 100), (120, 100), (95, 100), (101, 99))] == \
        [D("2.5"), D(0), D(5), D(4)]
    assert any("差5个百分点" in line for line in lines(SW4, facts(105, 100)))


def test_a_share_minus_one_and_a_ratio_multiplied_out():
    text = SW4.replace("「在职人员数」÷「编制数」不超过100%,计5分。", "").replace(
        "「在职人员数」÷「编制数」超过100%的", "「在职人员数」÷「编制数」-1超过0的")
    # 1.05 − 1 = 0.05 = 5 points: 2.5
    assert score(text, {"在职人员数": 105, "编制数": 100}) == D("2.5")
    # ×100 is already in points: 105 − 100 = 5 points: 2.5 (unchanged)
    text = text.replace("-1超过0的", "×100超过100的")
    assert score(text, {"在职人员数": 105, "编制数": 100}) == D("2.5")


def test_a_share_in_percentage_points_scores_alike_in_duckdb():
    pytest.importorskip("duckdb")
    rubric = load(SW4)
    rows = [{"单位": f"u{n}", "在职人员数": n, "编制数": 100} for n in (95, 100, 101, 105, 107, 120)]
    rows.append({"单位": "v", "在职人员数": 101, "编制数": 99})
    got = duckdb_outcome(rubric, rows)
    assert got[0] != "refused", got[1].render()
    assert got == decimal_outcome(rubric, rows)


# ---------------------------------------------------------------- SW4-5: a cap at the end of a comma-joined sentence
# 漳州道路交通「简报被市预防办采用每条加0.2分,被省预防办采用每条加0.5分,加到2分为止」; 「甲……每次扣1分,乙……每件扣1分,扣完3分为止」
SW5 = """
一、【工作创新奖励分】
  事实「市采用条数」:条数
  事实「省采用条数」:条数
  「市采用条数」每条加0.2分,「省采用条数」每条加0.5分,加满2分为止。
二、【安全检查】(10分)
  事实「未带队检查次数」:次数
  事实「未督办隐患件数」:件数
  「未带队检查次数」每次扣1分,「未督办隐患件数」每件扣1分,扣完3分为止。
"""
SW5_FACTS = {"市采用条数": 5, "省采用条数": 3, "未带队检查次数": 3, "未督办隐患件数": 2}


def test_a_cap_after_a_comma_joined_sentence_bounds_the_sentence():
    # by hand: 5 × 0.2 + 3 × 0.5 = 2.5, 加到2分为止: 2 (the program gave 2.5); 3 + 2 = 5 deducted, 扣完3分为止: 10 − 3 = 7
    # (the program gave 5)
    assert score(SW5, SW5_FACTS, "一") == D(2)
    assert score(SW5, SW5_FACTS, "二") == D(7)
    # under the smaller: 2 + 0 = 2 deducted, within 3: 8; 1 + 0.5 = 1.5 added, within 2
    assert score(SW5, {**SW5_FACTS, "未带队检查次数": 2, "未督办隐患件数": 0}, "二") == D(8)
    assert score(SW5, {**SW5_FACTS, "市采用条数": 5, "省采用条数": 1}, "一") == D("1.5")
    said = [line.text for line in load(SW5).score({"单位": "甲", **SW5_FACTS}).roots[1].lines]
    assert "扣完3分为止(这一句2条合计):−5 → −3" in said


def test_the_sentence_cap_is_a_reading_lint_names_and_the_other_reading_caps_the_last_clause():
    from test_reading_kinds import hinted
    assert hinted(SW5, "句末上限")
    # 句末上限:本句: only the last clause, 省 1.5 < 2 → 2.5; 乙 2 < 3 → 3 + 2 = 5 off: 5
    loaded = load(SW5, "句末上限=本句")
    row = {"单位": "甲", **SW5_FACTS}
    assert assert_same(loaded, compile_rubric(loaded), row)
    assert loaded.score(row).scores()["一"] == D("2.5") and loaded.score(row).scores()["二"] == D(5)


def test_a_clause_with_its_own_cap_ends_the_comma_sentence():
    text = SW5.replace("「未带队检查次数」每次扣1分,", "「未带队检查次数」每次扣1分,扣完2分为止,")
    # 3 → at most 2; then 2 within 3: 10 − 2 − 2 = 6
    assert score(text, SW5_FACTS, "二") == D(6)


def test_a_sentence_cap_is_refused_by_sql_not_left_out():
    pytest.importorskip("duckdb")
    got = duckdb_outcome(load(SW5), [{"单位": "甲", **SW5_FACTS}])
    assert got[0] == "refused" and got[1].code == "GR601"
