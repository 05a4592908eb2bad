"""Field trial 4, a row's / a sentence's own points (tests/field_trial4/repro, /work/wt/SW4.md SW4-2, SW4-3, SW4-6):
published tables where each row states its points in its text. Numbers are worked out by hand from the published
words quoted above each case; score() checks the compiled scorer gives the same tree and lines."""
from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from test_codegen import assert_same
from test_field_trial3_starts import decisions, lines, score
from test_reading_kinds import hinted

# ---------------------------------------------------------------- SW4-2: the two sides of a line that is a fact
# 绍兴林业 2010:「完成省、市兴林富民示范镇、村建设任务的得3分,每少完成1个扣1分,扣完为止」(3 分项)
SW2 = """
一、【兴林富民示范工程】(3分)
  事实「完成示范镇村个数」:个数
  事实「示范镇村任务个数」:个数
  「完成示范镇村个数」达到「示范镇村任务个数」的得3分。「完成示范镇村个数」低于「示范镇村任务个数」的,每少完成1个扣1分,扣完为止。
"""


def test_two_sides_of_a_fact_threshold_start_from_the_points():
    # by hand: 任务 5, 完成 5 → 3; 完成 4 → 3 − 1 = 2; 完成 3 → 3 − 2 = 1; 完成 0 → 3 − 5, 扣完为止 → 0
    assert score(SW2, {"完成示范镇村个数": 5, "示范镇村任务个数": 5}) == D(3)
    assert score(SW2, {"完成示范镇村个数": 4, "示范镇村任务个数": 5}) == D(2)
    assert score(SW2, {"完成示范镇村个数": 3, "示范镇村任务个数": 5}) == D(1)
    assert score(SW2, {"完成示范镇村个数": 0, "示范镇村任务个数": 5}) == D(0)
    assert any("从满分扣减,基础分3分" in line for line in lines(SW2, {"完成示范镇村个数": 4, "示范镇村任务个数": 5}))


def test_two_sides_of_a_fact_threshold_as_of_a_number():
    # the same line written as a number (language.md 8) scores alike: 80% → 3 − 2 = 1
    text = """
一、【兴林富民示范工程】(3分)
  事实「完成率」:百分比
  「完成率」达到100%的得3分。「完成率」低于100%的,每少10个百分点扣1分,扣完为止。
"""
    assert score(text, {"完成率": "80%"}) == D(1)


def test_a_fact_threshold_on_another_subject_is_no_second_side():
    # 「完成数」达到「任务数」 beside a step on 「考核数」 short of 「任务数」: another quantity, the award is earned on
    # top (from 0): 完成 2 of 任务 3, 考核 1 short → 0 − 1 → 0
    text = """
一、【示范】(3分)
  事实「完成数」:个数
  事实「考核数」:个数
  事实「任务数」:个数
  「完成数」达到「任务数」的得3分。「考核数」低于「任务数」的,每少1个扣1分,扣完为止。
"""
    assert score(text, {"完成数": 2, "考核数": 2, "任务数": 3}) == D(0)
    assert score(text, {"完成数": 3, "考核数": 2, "任务数": 3}) == D(2)


# ---------------------------------------------------------------- SW4-3: 记N分;否则扣M分 in a point of its own
# 新乡消防 2006 (五)2:「(1)制定区域治安消防联防工作实施方案,记1分;否则扣1分。」 each point has its own points
SW3 = """
一、【县(市)城区区域治安消防联防工作】(3分)
  事实「制定联防工作实施方案」:是否
  事实「建立区域联防组织」:是否
  (1)「制定联防工作实施方案」的,记1分;否则扣1分。
  (2)「建立区域联防组织」的,记2分;否则扣2分。
"""


def test_otherwise_deducts_from_the_points_own_points():
    # by hand: no plan → (1) 1 − 1 = 0, (2) 2: 2 (was 1: −1 ate a point of (2)); no organisation → 1 + (2 − 2) = 1
    assert score(SW3, {"制定联防工作实施方案": False, "建立区域联防组织": True}) == D(2)
    assert score(SW3, {"制定联防工作实施方案": True, "建立区域联防组织": False}) == D(1)
    assert score(SW3, {"制定联防工作实施方案": True, "建立区域联防组织": True}) == D(3)
    assert score(SW3, {"制定联防工作实施方案": False, "建立区域联防组织": False}) == D(0)
    said = lines(SW3, {"制定联防工作实施方案": False, "建立区域联防组织": True})
    assert "(1) 其余情形 → 扣1分,从这一点的1分扣起(0)" in said
    assert decisions(SW3, "本点扣分") == [("一", "从本点分值扣", "默认")] * 2
    assert hinted(SW3, "本点扣分")


def test_otherwise_from_the_item_is_the_other_reading():
    # 本点扣分:从本项扣: no plan → −1 + 2 = 1, as before
    assert score(SW3, {"制定联防工作实施方案": False, "建立区域联防组织": True}, "本点扣分=从本项扣") == D(1)


def test_a_smaller_deduction_leaves_the_rest_of_the_point():
    # 「(1)……记2分,未……的扣1分」: 2 − 1 = 1 of the point's 2; (2) 1 → 2
    text = """
一、【纳入】(3分)
  事实「纳入考评体系」:是否
  事实「建立台账」:是否
  (1)「纳入考评体系」的记2分,否则扣1分。
  (2)「建立台账」的记1分。
"""
    assert score(text, {"纳入考评体系": False, "建立台账": True}) == D(2)


def test_a_point_that_is_the_item_is_no_row():
    # one point only: the item's own floor decides, as before (nothing recorded)
    text = """
一、【方案】(1分)
  事实「制定方案」:是否
  (1)「制定方案」的,记1分;否则扣1分。
"""
    assert score(text, {"制定方案": False}) == D(0)
    assert decisions(text, "本点扣分") == []


# ---------------------------------------------------------------- SW4-6: 记N分;每少…扣 after a semicolon
# 安阳消防 2007 一(一)1 (3):「签订率达100%的,记2分;每少签两个乡(镇)政府……的扣1分」, a 2-point row
SW6 = """
一、【消防工作纳入政府综合目标管理体系】(3分)
  事实「纳入考评体系」:是否
  事实「未签订责任书单位数」:个数
  (1)「纳入考评体系」的记1分,否则扣1分。
  (2)「未签订责任书单位数」为0的,记2分;每少签两个单位的扣1分。
"""


def test_a_points_deduction_after_a_semicolon_starts_from_its_points():
    # by hand: (1) 1; (2) 3 unsigned → one step of two → 2 − 1 = 1: 2; 4 → 2 − 2 = 0: 1; 0 → 2: 3
    assert score(SW6, {"纳入考评体系": True, "未签订责任书单位数": 3}) == D(2)
    assert score(SW6, {"纳入考评体系": True, "未签订责任书单位数": 4}) == D(1)
    assert score(SW6, {"纳入考评体系": True, "未签订责任书单位数": 0}) == D(3)
    # 8 unsigned: 2 − 4 stops at the point's 0, (1) keeps its 1 (was 0)
    facts = {"纳入考评体系": True, "未签订责任书单位数": 8}
    assert score(SW6, facts) == D(1)
    assert "扣完这一点的2分为止:−4 → −2" in lines(SW6, facts)
    assert ("一", "从本点分值扣", "默认") in decisions(SW6, "本点扣分")


def test_a_semicolon_after_the_points_other_reading_and_the_comma():
    facts = {"纳入考评体系": True, "未签订责任书单位数": 3}
    # 从本项扣: (2) 0 − 1, (1) 1 → 0, as before
    assert score(SW6, facts, "本点扣分=从本项扣") == D(0)
    # with a comma it is one sentence (language.md 8 「一句的起点」): 2 − 1, the same 2
    assert score(SW6.replace("记2分;每少", "记2分,每少"), facts) == D(2)


def test_a_semicolon_deduction_with_a_subject_of_its_own_is_another_sentence():
    # 「;「迟报次数」每次扣1分」 names its fact: another sentence, as before (2 not earned, −1: (1) 1 − 1 = 0)
    text = SW6.replace("事实「未签订责任书单位数」:个数", "事实「未签订责任书单位数」:个数\n  事实「迟报次数」:次数").replace(
        "记2分;每少签两个单位的扣1分", "记2分;「迟报次数」每次扣1分")
    assert score(text, {"纳入考评体系": True, "未签订责任书单位数": 3, "迟报次数": 1}) == D(0)


# ---------------------------------------------------------------- SW4-3补: a sentence's 扣完为止, award not earned
# 乡镇民政:「两榜公示及常年公示得1分,抽查发现有1次未公示扣0.5分,扣完为止;所有对象完全公示得1分,……」(2 分项)
SW3B = """
一、【两榜公示及常年公示公开】(2分)
  事实「两榜公示及常年公示」:是否
  事实「抽查未公示次数」:次数
  事实「所有对象完全公示」:是否
  「两榜公示及常年公示」得1分,「抽查未公示次数」发现有1次未公示扣0.5分,扣完为止;「所有对象完全公示」得1分。
"""


def test_a_sentence_that_earned_nothing_deducts_nothing_under_earned_only():
    facts = {"两榜公示及常年公示": False, "抽查未公示次数": 2, "所有对象完全公示": True}
    # default 同句得分:扣分的起点: 1 − 1 = 0 + 1 = 1
    assert score(SW3B, facts) == D(1)
    # 条件成立才得: the sentence earned 0, 扣完为止 leaves it at 0 (was −1, eating the other sentence's 1): 1
    assert score(SW3B, facts, "同句得分=条件成立才得") == D(1)
    # earned, 3 found: 1 − 1.5 stops at the sentence's 1 → 0; + 1 = 1
    assert score(SW3B, {**facts, "两榜公示及常年公示": True, "抽查未公示次数": 3}, "同句得分=条件成立才得") == D(1)
    # earned, 1 found: 1 − 0.5 + 1 = 1.5
    assert score(SW3B, {**facts, "两榜公示及常年公示": True, "抽查未公示次数": 1}, "同句得分=条件成立才得") == D("1.5")


def test_sql_scores_a_points_otherwise_and_refuses_a_semicolon_start():
    from sql_helpers import decimal_outcome, duckdb_outcome
    from test_reading_kinds import load

    rows = [{"单位": u, "制定联防工作实施方案": a, "建立区域联防组织": b}
            for u, a, b in (("甲", "否", "是"), ("乙", "是", "否"), ("丙", "否", "否"))]
    rubric = load(SW3)
    assert duckdb_outcome(rubric, rows) == decimal_outcome(rubric, rows)
    # hand: 甲 0 + 2 = 2, 乙 1 + 0 = 1, 丙 0
    assert {u: s["总分"] for u, (s, _) in decimal_outcome(rubric, rows)[1].items()} == {"甲": 2, "乙": 1, "丙": 0}
    kind, diagnostic = duckdb_outcome(load(SW6), [{"单位": "甲", "纳入考评体系": "是", "未签订责任书单位数": 3}])
    assert kind == "refused" and diagnostic.code == "GR601"


# 新乡消防 2006 (五)3:「(1)……制定农村消防工作实施方案,记1分;未制定方案的,扣1分。(2)认真指导农村开展消防工作……,
# 记2分;效果不明显的,扣1-2分。」 and 2.(3)「……记2分;未达到标准的,扣1-2分」 (视情, given by the assessors)
NEGATED = """
一、【农村消防工作】(3分)
  事实「制定方案」:是否
  事实「建立联防组织」:是否
  事实「未达到标准扣分」:视情
  (1)「制定方案」的,记1分;未「制定方案」的,扣1分。
  (2)「建立联防组织」的,记2分;否则「未达到标准扣分」的,扣1-2分。
"""


def test_a_points_deduction_for_not_doing_it_written_as_a_sentence():
    # by hand: no plan → (1) 1 − 1 = 0; (2) 2: 2 (was 1)
    facts = {"制定方案": False, "建立联防组织": True, "未达到标准扣分": []}
    assert score(NEGATED, facts) == D(2)
    assert score(NEGATED, {**facts, "制定方案": True}) == D(3)
    assert score(NEGATED, facts, "本点扣分=从本项扣") == D(1)


def test_a_points_discretionary_deduction_is_taken_from_its_points():
    # by hand (新乡 乙县 2.(3)): not up to standard, the assessors deduct 1.5 → 2 − 1.5 = 0.5; (1) 1: 1.5 (was 0)
    facts = {"制定方案": True, "建立联防组织": False, "未达到标准扣分": ["1.5"]}
    assert score(NEGATED, facts) == D("1.5")
    assert "扣1-2分,从这一点的2分扣起:「未达到标准扣分」视情给出1.5分(+0.5)" in " ".join(lines(NEGATED, facts))
    # 从本项扣: 1 − 1.5 → 0 at the item's floor
    assert score(NEGATED, facts, "本点扣分=从本项扣") == D(0)


def test_sql_refuses_a_points_discretionary_deduction():
    from sql_helpers import duckdb_outcome
    from test_reading_kinds import load

    row = {"单位": "甲", "制定方案": "是", "建立联防组织": "否", "未达到标准扣分": "[1.5]"}
    kind, diagnostic = duckdb_outcome(load(NEGATED), [row])
    assert kind == "refused" and diagnostic.code == "GR601"


def test_the_reading_written_in_the_rubric():
    stated = SW3.replace("  事实「制定联防工作实施方案」", "  本点扣分:从本项扣(理由:「否则扣1分从本项扣」)\n  事实「制定联防工作实施方案」")
    # by hand: no plan → −1 + 2 = 1; written, so no hint
    assert score(stated, {"制定联防工作实施方案": False, "建立区域联防组织": True}) == D(1)
    assert decisions(stated, "本点扣分") == [("一", "从本项扣", "写明")] * 2
    assert not hinted(stated, "本点扣分")
    top = "本点扣分:从本点分值扣\n" + SW3
    assert score(top, {"制定联防工作实施方案": False, "建立区域联防组织": True}) == D(2)
    assert not hinted(top, "本点扣分")


def test_fmt_keeps_the_reading_and_the_points():
    from govrubric.fmt import format_text

    stated = "本点扣分:从本项扣\n" + SW6
    again = format_text(stated)
    assert again.text is not None and not again.problems
    facts = {"纳入考评体系": True, "未签订责任书单位数": 3}
    assert score(again.text, facts) == score(stated, facts) == D(0)
    assert score(format_text(SW6).text, facts) == D(2)
    assert score(format_text(SW3).text, {"制定联防工作实施方案": False, "建立区域联防组织": True}) == D(2)


# ---------------------------------------------------------------- the field-trial encodings these rows came from
TRIAL4 = Path(__file__).resolve().parent / "field_trial4"

# encoding -> unit -> total, typed from each goldens.md (worked out by hand from source.md, table 「手算」)
HAND_TOTALS = {
    "anyang-fire-2007": {"甲县": "3", "乙县": "2", "丙区": "4"},  # goldens.md lines 7-9
    "xinxiang-fire-2006": {"甲县": "10", "乙县": "7.5", "丙县": "12"},  # goldens.md lines 8-10
    "shaoxing-forestry-2010": {"甲县": "11.7", "乙县": "10.5", "丙县": "2.6"},  # goldens.md lines 8-10
    # written back as published after the steps after a tier (tests/test_tier_steps.py)
    "cppcc-proposals": {"甲局": "8", "乙局": "3", "丙局": "15"},  # goldens.md lines 5-7
    "budget-performance": {"甲部门": "16.5", "乙部门": "17", "丙部门": "15"},  # goldens.md lines 7-9
}


@pytest.mark.parametrize("name", sorted(HAND_TOTALS))
def test_the_field_trial_encodings_score_their_hand_totals(name):
    rubric = govrubric.load(str(TRIAL4 / name / f"{name}.rubric"))
    scorer = compile_rubric(rubric)
    rows = json.loads((TRIAL4 / name / f"{name}.facts.json").read_text(encoding="utf-8"), parse_float=D)
    for row in rows:
        assert assert_same(rubric, scorer, row)
        assert rubric.score(row).scores()["总分"] == D(HAND_TOTALS[name][row["单位"]]), row["单位"]


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 8), m=st.integers(1, 8), k=st.integers(1, 4), done=st.booleans(), other=st.booleans())
def test_a_point_never_takes_the_other_points(n, m, k, done, other):
    """Under 本点扣分:从本点分值扣 a point 「记N分;否则扣M分」 scores N or N − M, never below 0: the other point keeps
    its K (N, M in halves, the item worth N + K)."""
    from test_reading_kinds import load

    half_n, half_m = D(n) / 2, D(m) / 2
    text = f"""
一、【联防】({half_n + k}分)
  事实「甲」:是否
  事实「乙」:是否
  (1)「甲」的,记{half_n}分;否则扣{half_m}分。
  (2)「乙」的,记{k}分。
"""
    scored = load(text).score({"单位": "甲", "甲": done, "乙": other}).scores()["一"]
    assert scored == (half_n if done else max(D(0), half_n - half_m)) + (k if other else 0)
