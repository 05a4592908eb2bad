"""Forms of the third and fourth field trials' rubrics still bent after round 7 (issues 14/15, the forms18d lane): each
written as in the field-trial sources, scored by the interpreter and by the compiled scorer (same tree, same lines) and
by DuckDB, kept by fmt, rendered as written. Expected numbers are worked out by hand from the published words quoted
above each case."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from helpers import HEADER
from test_field_trial4_words import kept_by_fmt, lines, rendered, scores


# ---------------------------------------------------------------- 按……为准
# 班主任工作考核评价细则 7「按班级文化建设观摩评分为准」(10分)、9「按每周班级管理考核评分为准」(40分):
# the item's score is the assessors' score, as 按「…」计分
AS_RATED = """
一、【班容班貌】(10分)
  事实「班级文化建设观摩评分」:分值 0—10分
  按「班级文化建设观摩评分」为准。
二、【班级常规管理】(40分)
  事实「每周班级管理考核评分」:分值 0—40分
  事实「无故缺席次数」:次数
  按「每周班级管理考核评分」为准,「无故缺席次数」每次扣2分。
"""


def test_as_rated_is_the_score_given():
    # by hand: 一 the rating 9 → 9; 二 the rating 36.5, 2 absences: 36.5 − 2 × 2 = 32.5; rating 0 and none: 0
    got = scores(AS_RATED, {"班级文化建设观摩评分": 9, "每周班级管理考核评分": D("36.5"), "无故缺席次数": 2},
                 {"班级文化建设观摩评分": D("7.25"), "每周班级管理考核评分": 0, "无故缺席次数": 0})
    assert [(g["一"], g["二"]) for g in got] == [(D("9"), D("32.5")), (D("7.25"), D("0"))]


def test_as_rated_scores_as_by_the_fact():
    row = {"班级文化建设观摩评分": D("8.5"), "每周班级管理考核评分": 40, "无故缺席次数": 1}
    plain = AS_RATED.replace("」为准", "」计分")
    assert scores(AS_RATED, row) == scores(plain, row)  # 8.5 and 40 − 2 = 38 both ways


def test_as_rated_is_explained_kept_and_rendered_as_published():
    row = {"班级文化建设观摩评分": 9, "每周班级管理考核评分": 30, "无故缺席次数": 0}
    assert any("按「班级文化建设观摩评分」为准:「班级文化建设观摩评分」= 9分" in x for x in lines(AS_RATED, row))
    kept_by_fmt(AS_RATED, "按「班级文化建设观摩评分」为准。", "按「每周班级管理考核评分」为准,")
    table = rendered(AS_RATED)
    assert "按班级文化建设观摩评分为准。" in table and "按每周班级管理考核评分为准," in table


def test_as_rated_needs_a_score_fact():
    # a count is no score: GR301, as for 按「…」计分
    count = AS_RATED.replace("事实「班级文化建设观摩评分」:分值 0—10分", "事实「班级文化建设观摩评分」:次数")
    found = [d for d in govrubric.loads(HEADER + count, "t.rubric").check() if d.code == "GR301"]
    assert found and "「班级文化建设观摩评分」" in found[0].message
