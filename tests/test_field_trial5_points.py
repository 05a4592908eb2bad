"""Field trial 5, a numbered point's own points with deductions after a comma (/work/wt/SW5.md SW5-1, SW5-2; the repros
are tests/field_trial5/repro/sw1…, sw2… on the trial5 branch). Numbers are worked out by hand from the published words
quoted above each case; score() checks the compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from test_field_trial3_starts import decisions, lines, score
from test_reading_kinds import hinted

# ---------------------------------------------------------------- SW5-1: 「(2分),缺席一次扣0.5分」 in a point
# 乡镇(街道、园区)医疗保障工作目标考核评分细则,1 工作重视:「1.明确分管领导和专门负责人(1分)。……3.认真参加县级组织的业务
# 培训和会议(2分),缺席一次扣0.5分。」 each point states its points; the absences are taken from point 3's 2 points
SW1 = """
一、【工作重视】(3分)
  事实「明确分管领导和专门负责人」:是否
  事实「认真参加县级组织的业务培训和会议」:是否
  事实「缺席次数」:次数
  1.「明确分管领导和专门负责人」(1分)。
  2.「认真参加县级组织的业务培训和会议」(2分),「缺席次数」缺席一次扣0.5分。
"""
LEAD, TRAIN, ABSENT = "明确分管领导和专门负责人", "认真参加县级组织的业务培训和会议", "缺席次数"


def test_absences_stop_at_the_points_own_points():
    # by hand: absent 5 times → point 2: 2 − 2.5 stops at 0; + point 1's 1 = 1 (was 0.5: −0.5 ate point 1)
    assert score(SW1, {LEAD: True, TRAIN: True, ABSENT: 5}) == D(1)
    said = lines(SW1, {LEAD: True, TRAIN: True, ABSENT: 5})
    assert "扣完这一点的2分为止:−2.5 → −2" in said
    # absent once: 1 + 2 − 0.5 = 2.5; never: 3
    assert score(SW1, {LEAD: True, TRAIN: True, ABSENT: 1}) == D("2.5")
    assert score(SW1, {LEAD: True, TRAIN: True, ABSENT: 0}) == D(3)


def test_a_point_not_earned_has_nothing_to_deduct():
    # by hand, 同句得分 by default 条件成立才得 (「认真参加」 is something done): not taking part, absent twice → point 2
    # has no points and loses none: 1 (was 0: −1 ate point 1)
    facts = {LEAD: True, TRAIN: False, ABSENT: 2}
    assert score(SW1, facts) == D(1)
    assert "「认真参加县级组织的业务培训和会议」= 否,「认真参加县级组织的业务培训和会议」不成立:本条不计分" in lines(SW1, facts)
    # 同句得分:扣分的起点: the 2 points are where the absences start: 1 + 2 − 1 = 2
    assert score(SW1, facts, "同句得分=扣分的起点") == D(2)
    # 本点扣分:从本项扣 (the other reading): the absences come off the item: 1 + 0 − 1 = 0, and 5 absences 1 + 2 − 2.5
    assert score(SW1, facts, "本点扣分=从本项扣") == D(0)
    assert score(SW1, {LEAD: True, TRAIN: True, ABSENT: 5}, "本点扣分=从本项扣") == D("0.5")


def test_the_reading_is_recorded_and_hinted():
    assert ("一", "从本点分值扣", "默认") in decisions(SW1, "本点扣分")
    assert hinted(SW1, "本点扣分")
    stated = "本点扣分:从本点分值扣\n" + SW1
    assert not hinted(stated, "本点扣分")
    assert score(stated, {LEAD: True, TRAIN: True, ABSENT: 5}) == D(1)


# ---------------------------------------------------------------- SW5-2: two deductions after the point's points
# 同上:「4.配合工作,及时完成县局部署、交办任务和督办件(5分),未及时完成的每件扣1分,其中催办后仍未完成的加扣2分,扣完为止。」
# both deductions are taken from point 4's 5 points, together, 扣完为止 there
SW2 = """
一、【工作重视】(6分)
  事实「明确分管领导和专门负责人」:是否
  事实「及时完成县局交办任务」:是否
  事实「未及时完成件数」:件数
  事实「催办后仍未完成件数」:件数
  1.「明确分管领导和专门负责人」(1分)。
  2.「及时完成县局交办任务」(5分),「未及时完成件数」每件扣1分,「催办后仍未完成件数」每件扣2分,扣完为止。
"""
DONE, LATE, CHASED = "及时完成县局交办任务", "未及时完成件数", "催办后仍未完成件数"


def test_both_deductions_of_a_point_not_earned_are_dropped():
    # by hand, 条件成立才得 (default: 「及时完成」 is something done): not done → point 2 earned 0, nothing to deduct:
    # 4 late, 2 chased → 1 (was 0: the first deduction −4 ate point 1); 1 late → 1 (was 0)
    assert score(SW2, {LEAD: True, DONE: False, LATE: 4, CHASED: 2}) == D(1)
    assert score(SW2, {LEAD: True, DONE: False, LATE: 1, CHASED: 0}) == D(1)
    # done, 1 and 1: 1 + 5 − 1 − 2 = 3
    assert score(SW2, {LEAD: True, DONE: True, LATE: 1, CHASED: 1}) == D(3)


def test_the_points_deductions_stop_at_its_points_together():
    # by hand: done, 3 late and 2 chased → 5 − 3 − 4 = −2, 扣完为止 at point 2's 5 → 0; + 1 = 1 (was 0: −7 + 6)
    facts = {LEAD: True, DONE: True, LATE: 3, CHASED: 2}
    assert score(SW2, facts) == D(1)
    assert "扣完这一点的5分为止(这一句2条合计):−7 → −5" in lines(SW2, facts)
    # 扣分的起点: not done, 1 late → 1 + 5 − 1 = 5; 4 late, 2 chased → 1 + (5 − 8 → 0) = 1
    assert score(SW2, {LEAD: True, DONE: False, LATE: 1, CHASED: 0}, "同句得分=扣分的起点") == D(5)
    assert score(SW2, {LEAD: True, DONE: False, LATE: 4, CHASED: 2}, "同句得分=扣分的起点") == D(1)


def test_sql_refuses_the_points_shared_stop_and_scores_the_single_one():
    from sql_helpers import decimal_outcome, duckdb_outcome
    from test_reading_kinds import load

    kind, diagnostic = duckdb_outcome(load(SW2), [{"单位": "甲", LEAD: "是", DONE: "是", LATE: 3, CHASED: 2}])
    assert kind == "refused" and diagnostic.code == "GR601"
    rows = [{"单位": u, LEAD: "是", TRAIN: t, ABSENT: a} for u, t, a in (("甲", "是", 5), ("乙", "否", 2), ("丙", "是", 1))]
    rubric = load(SW1)
    assert duckdb_outcome(rubric, rows) == decimal_outcome(rubric, rows)
    # hand: 甲 1 + 0 = 1, 乙 1 + 0 = 1, 丙 1 + 1.5 = 2.5
    assert {u: s["总分"] for u, (s, _) in decimal_outcome(rubric, rows)[1].items()} == {"甲": 1, "乙": 1, "丙": D("2.5")}


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 8), m=st.integers(1, 4), a=st.integers(0, 12), b=st.integers(0, 6), done=st.booleans(),
       other=st.booleans(), start=st.booleans())
def test_a_point_never_takes_the_other_points(n, m, a, b, done, other, start):
    """A point 「(N分),「甲」每次扣M/2分,「乙」每件扣1分,扣完为止」 scores between 0 and N under either 同句得分 reading;
    the other point keeps its 1."""
    from test_reading_kinds import load

    text = f"""
一、【重视】({n + 1}分)
  事实「领导」:是否
  事实「做到」:是否
  事实「甲」:次数
  事实「乙」:件数
  1.「领导」(1分)。
  2.「做到」({n}分),「甲」每次扣{D(m) / 2}分,「乙」每件扣1分,扣完为止。
"""
    readings = ("同句得分=扣分的起点",) if start else ()
    scored = load(text, *readings).score({"单位": "甲", "领导": other, "做到": done, "甲": a, "乙": b}).scores()["一"]
    point = max(D(0), n - D(m) / 2 * a - b) if (done or start) else D(0)
    assert scored == point + (1 if other else 0)


# ---------------------------------------------------------------- SW5-6: a sentence's own (4分), 少一项扣1分
# 浙江省基层防汛体系建设考核实施办法,决策支持(6分):「配备远程会商系统(2'),配备实时水雨情、卫星云图、远程监视、洪水调度、
# 相关数据库等决策支持系统(4',少一项扣 1 分)。」 the deduction in the 4 points' bracket takes only those 4
SW6 = """
一、【决策支持】(6分)
  事实「配备远程会商系统」:是否
  事实「决策支持系统缺少项数」:项数
  「配备远程会商系统」(2分);「决策支持系统缺少项数」为0(4分),少一项扣1分。
"""
MEET, MISSING = "配备远程会商系统", "决策支持系统缺少项数"


def test_a_sentences_deductions_stop_at_its_own_points():
    # by hand: 5 missing → the sentence 4 − 5 stops at 0; + 2 = 2 (was 1: −1 ate the 会商 2 points); 6 → 2 (was 0);
    # 2 missing → 2 + 4 − 2 = 4
    assert [score(SW6, {MEET: True, MISSING: n}) for n in (5, 6, 2, 0)] == [D(2), D(2), D(4), D(6)]
    assert "扣完这一句的4分为止:−5 → −4" in lines(SW6, {MEET: True, MISSING: 5})
    # 本点扣分:从本项扣: 2 + 4 − 5 = 1
    assert score(SW6, {MEET: True, MISSING: 5}, "本点扣分=从本项扣") == D(1)
    assert hinted(SW6, "本点扣分")


def test_a_sentences_several_deductions_stop_at_its_points_together():
    text = SW6.replace("少一项扣1分。", "「决策支持系统缺少项数」少一项扣1分,「系统故障次数」每次扣0.5分。").replace(
        "  事实「决策支持系统缺少项数」:项数", "  事实「决策支持系统缺少项数」:项数\n  事实「系统故障次数」:次数")
    # by hand: 3 missing, 4 failures → 4 − 3 − 2 = −1, stops at the sentence's 4: 0; + 2 = 2
    facts = {MEET: True, MISSING: 3, "系统故障次数": 4}
    assert score(text, facts) == D(2)
    assert "扣完这一句的4分为止(这一句2条合计):−5 → −4" in lines(text, facts)
    # 1 missing, 2 failures: 2 + 4 − 1 − 1 = 4
    assert score(text, {**facts, MISSING: 1, "系统故障次数": 2}) == D(4)


def test_a_sentence_that_is_the_item_or_writes_its_stop_is_no_matter_of_the_reading():
    alone = """
一、【决策支持】(4分)
  事实「决策支持系统缺少项数」:项数
  「决策支持系统缺少项数」为0(4分),少一项扣1分。
"""
    assert score(alone, {MISSING: 5}) == D(0)
    assert not decisions(alone, "本点扣分")
    written = SW6.replace("少一项扣1分。", "少一项扣1分,扣完为止。")
    assert score(written, {MEET: True, MISSING: 5}) == D(2)
    assert not decisions(written, "本点扣分")
