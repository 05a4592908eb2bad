"""Issue 13, "No silent wrong scores": the core semantics that gave a wrong score without a word.
Each test failed before its change; the expected numbers are worked out by hand from the wording,
and the compiled scorer must agree with the evaluator on every one."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from govrubric.codegen import compile_rubric
from helpers import codes, ok, rubric
from test_codegen import assert_same


def scored(text: str, facts: dict, category: str = "部门"):
    """The evaluator's result, after checking that the compiled scorer gives the same tree and lines."""
    loaded = ok(text)
    row = {"单位": "甲", "单位类别": category, **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


# ---------------------------------------------------------------- item 7: reserved fact names
@pytest.mark.parametrize("name", ["单位", "单位名称", "名称", "单位类别"])
def test_a_fact_named_as_a_facts_file_column_is_refused(name):
    # a facts file reads these columns as the unit's name or category: such a fact could never be given
    text = f"一、【甲】(1分)\n  事实「{name}」:是否\n  「{name}」得1分。\n"
    assert codes(text) == [("GR224", 2, 5)]
    message = rubric(text).check()[0]
    assert name in message.message and "另取" in message.help


def test_a_fact_whose_name_only_contains_a_reserved_word_is_fine():
    ok("一、【甲】(1分)\n  事实「下属单位个数」:个数\n  「下属单位个数」每1个得0.1分。\n")


# ---------------------------------------------------------------- item 1: 得满分 with 否则不得分
BEDS = """
一、【床位】(5分)
  事实「床位数」:数量
  「床位数」不少于200个的,得满分,否则不得分。
"""


def test_full_marks_otherwise_nothing_scores_nothing_when_the_condition_fails():
    # 「不少于200个的,得满分,否则不得分」: 200 beds → 5; 199 → 0 (it gave 5 to every unit before)
    assert scored(BEDS, {"床位数": 200}).total == D(5)
    result = scored(BEDS, {"床位数": 199})
    assert result.total == D(0)
    assert result.roots[0].lines[0].text == "从0计分(推断:本项在「得满分」成立时得满分,否则从0计)"


def test_full_marks_for_none_and_nothing_for_one_or_more():
    text = """
一、【院感事件】(4分)
  事实「院感暴发例数」:例数
  「院感暴发例数」为0例得满分,1例以上不得分。
"""
    assert scored(text, {"院感暴发例数": 0}).total == D(4)
    assert scored(text, {"院感暴发例数": 1}).total == D(0)
    assert scored(text, {"院感暴发例数": 3}).total == D(0)


def test_full_marks_alone_is_earned_only_when_it_applies():
    text = """
一、【验收】(3分)
  事实「通过验收」:是否
  「通过验收」的,得满分。
"""
    assert scored(text, {"通过验收": True}).total == D(3)
    assert scored(text, {"通过验收": False}).total == D(0)


def test_a_deduction_beside_full_marks_otherwise_nothing_comes_off_what_was_earned():
    # 5 when ≥ 200 beds, less 1 per violation; under 200 beds nothing to deduct from: 0
    text = BEDS + "  事实「违规次数」:次数\n  「违规次数」每1次扣1分。\n"
    assert scored(text, {"床位数": 250, "违规次数": 2}).total == D(3)
    assert scored(text, {"床位数": 150, "违规次数": 0}).total == D(0)
    assert scored(text, {"床位数": 150, "违规次数": 2}).total == D(0)


def test_full_marks_at_the_top_of_a_deduction_ladder_still_starts_full():
    # 拱墅 「两率」: 「前30名(含)…的,得满分;否则…扣2分」 deducts from the points: 5 − 2 = 3
    text = """
一、【排名】(5分)
  事实「排名」:名次
  「排名」前3名的,得满分;第4名至第6名的,扣2分;否则扣4分。
"""
    assert scored(text, {"排名": 2}).total == D(5)
    assert scored(text, {"排名": 5}).total == D(3)
    assert scored(text, {"排名": 9}).total == D(1)
