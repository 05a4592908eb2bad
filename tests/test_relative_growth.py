"""How far above another value, and 低于「标准」N%以内 (language.md 5「比另一个值低百分之几」; field trial 7 §三 #4):
防震减灾「防震减灾工作经费比上年增长10%~20%之间得0.5分,增长超过20%得1分」, 党建带团建「低于标准10%以内的扣2分,低于标准
20%以内的扣4分,低于标准20%以上的扣6分」. Goldens by hand from the published wording: growth is (this − last) ÷ last, the
shortfall (标准 − 经费) ÷ 标准, in %; 增长/高 mean above the other value and 低 below it, so x > 0 in every tier.
Every score is checked against the compiled scorer, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from helpers import item_score, round_trips
from govrubric.lint import lint
from govrubric.render import render_bytes

HEAD = "细则「t」\n"
GROWTH = """一、【条件保障】(2分)
  事实「防震减灾工作经费」:万元
  事实「上年防震减灾工作经费」:万元
  「防震减灾工作经费」比上年增长10%~20%之间得0.5分,增长超过20%得1分。
"""
BELOW = """一、【团组织工作经费】(7分)
  事实「团组织工作经费」:元
  事实「按标准应划拨的团组织工作经费」:元
  「团组织工作经费」低于「按标准应划拨的团组织工作经费」10%以内的扣2分,低于「按标准应划拨的团组织工作经费」20%以内的扣4分,低于「按标准应划拨的团组织工作经费」20%以上的扣6分。
"""
HIGHER = """一、【招生】(3分)
  事实「招生人数」:人数
  事实「招生计划」:人数
  「招生人数」比「招生计划」高10%以上的得3分,高10%以内的得1分。
"""


def item(text: str, facts: dict) -> D:
    return item_score(text, facts, HEAD)


@pytest.mark.parametrize("this, last, expected", [
    (100, 100, "0"),     # no growth: neither tier
    (109, 100, "0"),     # 9%: below 10%
    (110, 100, "0.5"),   # exactly 10%: 10%~20%之间 holds both ends
    (120, 100, "0.5"),   # exactly 20%: still 之间 (超过20% is > 20%)
    (121, 100, "1"),     # 21% → 超过20%
    (90, 100, "0"),      # fell 10%: no growth
    ("12.1", 11, "0.5"), # 1.1 of 11 is exactly 10%
    (7, 6, "0.5"),       # 1/6 = 16.66…%, exact
    (5, 4, "1"),         # 25%
])
def test_growth_over_last_year(this, last, expected):
    assert item(GROWTH, {"防震减灾工作经费": this, "上年防震减灾工作经费": last}) == D(expected)


@pytest.mark.parametrize("this_year", ["本年经费", "今年经费", "本年度经费", "当年经费"])
def test_a_subject_named_for_this_year_pairs_with_last_years_name(this_year):
    # 「本年经费」比上年增长… compares with 「上年经费」 (not 「上年本年经费」); 115 of 100 is 15%: 10%—20% → 2 by hand
    text = (f"一、【经费】(4分)\n  事实「{this_year}」:元\n  事实「上年经费」:元\n"
            f"  「{this_year}」比上年增长20%以上的,得4分;增长10%—20%的,得2分。\n")
    assert item(text, {this_year: 115, "上年经费": 100}) == D(2)
    assert item(text, {this_year: 121, "上年经费": 100}) == D(4)


@pytest.mark.parametrize("funds, standard, expected", [
    (100, 100, "7"),   # met the standard: 低 nothing → no tier → 7
    (120, 100, "7"),   # over it
    (95, 100, "5"),    # 5% short → 10%以内 → 7 − 2
    (90, 100, "5"),    # exactly 10%: 以内 holds it → 7 − 2
    (89, 100, "3"),    # 11% → 20%以内 → 7 − 4
    (80, 100, "3"),    # exactly 20%: 20%以内 comes first → 7 − 4
    (79, 100, "1"),    # 21% → 20%以上 → 7 − 6
    (0, 100, "1"),     # nothing given: 100% short → 7 − 6
])
def test_below_the_standard_by_a_share_of_it(funds, standard, expected):
    assert item(BELOW, {"团组织工作经费": funds, "按标准应划拨的团组织工作经费": standard}) == D(expected)


@pytest.mark.parametrize("enrolled, plan, expected", [
    (110, 100, "3"),  # 10% above → 高10%以上
    (105, 100, "1"),  # 5% → 高10%以内
    (100, 100, "0"),  # not above: 高10%以内 needs x > 0
    (95, 100, "0"),
])
def test_above_another_value(enrolled, plan, expected):
    assert item(HIGHER, {"招生人数": enrolled, "招生计划": plan}) == D(expected)


def test_the_explanation_shows_the_growth_and_both_values():
    loaded = govrubric.loads(HEAD + GROWTH, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "防震减灾工作经费": 115, "上年防震减灾工作经费": 100}).roots[0].lines]
    assert lines[-1] == ("「防震减灾工作经费」比「上年防震减灾工作经费」增长 = 15%(「防震减灾工作经费」= 115万元、"
                         "「上年防震减灾工作经费」= 100万元),符合「增长10%~20%之间」(10% ≤ x ≤ 20%) → 得0.5分(+0.5)")
    loaded = govrubric.loads(HEAD + BELOW, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "团组织工作经费": 95,
                                                 "按标准应划拨的团组织工作经费": 100}).roots[0].lines]
    assert lines[-1] == ("「团组织工作经费」比「按标准应划拨的团组织工作经费」低 = 5%(「团组织工作经费」= 95元、"
                         "「按标准应划拨的团组织工作经费」= 100元),符合“低于「按标准应划拨的团组织工作经费」10%以内”"
                         "(0% < x ≤ 10%) → 扣2分(−2)")


def test_above_another_percentage_by_points():
    # 「增幅高于均值2个百分点以上的,得5分」 (field trial 3's wording, once refused with GR101): 增幅 − 均值 ≥ 2 points
    text = """一、【增幅】(5分)
  事实「增幅」:百分比
  事实「均值」:百分比
  「增幅」高于「均值」2个百分点以上的,得5分。
"""
    assert item(text, {"增幅": "12%", "均值": "10%"}) == 5
    assert item(text, {"增幅": "11.9%", "均值": "10%"}) == 0
    assert item(text, {"增幅": "10%", "均值": "10%"}) == 0


def test_two_percentages_say_points_or_share():
    text = """一、【率】(1分)
  事实「率」:百分比
  事实「上年率」:百分比
  「率」比上年增长5%以上得1分。
"""
    diags = govrubric.loads(HEAD + text, "t.rubric").check()
    assert [d.code for d in diags] == ["GR302"]
    assert "「「率」比上年增长5个百分点」" in diags[0].help
    points = text.replace("增长5%以上", "增长5个百分点以上")
    assert item(points, {"率": "90%", "上年率": "85%"}) == 1  # 5 points up
    assert item(points, {"率": "89%", "上年率": "85%"}) == 0


@pytest.mark.parametrize("line, code, col", [
    # 比上年 with no 上年 fact declared: GR201 at 上年, saying what to declare
    ("「经费」比上年增长10%以上得1分。", "GR201", 8),
    # the next tier against another value
    ("「经费」低于「标准」10%以内的扣2分,低于「另」20%以内的扣4分。", "GR301", 25),
    # 比上年 after arithmetic: whose last year?
    ("「经费」+「另」比上年增长5%以上得1分。", "GR301", 3),
])
def test_misuse_is_refused_where_it_is(line, code, col):
    body = "一、【甲】(5分)\n  事实「经费」:万元\n  事实「标准」:万元\n  事实「另」:万元\n  " + line + "\n"
    diags = govrubric.loads(HEAD + body, "t.rubric").check()
    assert [(d.code, d.location()[2]) for d in diags] == [(code, col)]
    if code == "GR201":
        assert "声明事实「上年经费」" in diags[0].help


def test_a_zero_last_year_is_a_facts_error_naming_unit_fact_and_clause():
    loaded = govrubric.loads(HEAD + GROWTH, "t.rubric")
    with pytest.raises(govrubric.GovrubricError) as raised:
        loaded.score({"单位": "甲县", "防震减灾工作经费": 5, "上年防震减灾工作经费": 0})
    problems = [d for d in raised.value.diagnostics if d.code == "GR408"]
    assert len(problems) == 1
    assert "甲县" in problems[0].message and "「上年防震减灾工作经费」" in problems[0].message
    assert "一:「「防震减灾工作经费」比上年增长10%~20%之间得0.5分,增长超过20%得1分」" in problems[0].help


@pytest.mark.parametrize("text, words", [
    (GROWTH, ["「防震减灾工作经费」比上年增长10%—20%之间得0.5分,增长超过20%得1分。"]),
    (BELOW, ["低于「按标准应划拨的团组织工作经费」10%以内的扣2分,低于「按标准应划拨的团组织工作经费」20%以内的扣4分"]),
    (HIGHER, ["「招生人数」比「招生计划」高10%以上的得3分,高10%以内的得1分。"]),
])
def test_print_fmt_render_keep_the_published_words(text, words):
    loaded, _ = round_trips(HEAD + text, *words)
    table = render_bytes("t.md", loaded.model, loaded.tree, None).decode("utf-8")  # worded from what is scored
    subject = {GROWTH: "防震减灾工作经费比上年防震减灾工作经费增长10%", BELOW: "团组织工作经费低于按标准应划拨的团组织工作经费10%以内扣2分",
               HIGHER: "招生人数比招生计划高10%以上"}[text]
    assert subject in table


def test_lint_sees_the_tiers_meet():
    codes = [f.code for f in lint(govrubric.loads(HEAD + BELOW, "t.rubric"))]
    assert codes.count("GL302") == 2  # 0–10% in both 10%以内 and 20%以内; exactly 20% in 20%以内 and 20%以上


def test_sql_scores_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    for text, rows in ((GROWTH, [{"防震减灾工作经费": t, "上年防震减灾工作经费": 100} for t in (100, 110, 120, 121, 90)]),
                       (BELOW, [{"团组织工作经费": f, "按标准应划拨的团组织工作经费": 100} for f in (100, 90, 89, 80, 79)])):
        loaded = govrubric.loads(HEAD + text, "t.rubric")
        rows = [{"单位": f"u{i}", **row} for i, row in enumerate(rows)]
        assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)
