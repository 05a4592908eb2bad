"""「完成数」比「下达任务」低5%以内(含5%)的扣2分,低5%-10%的扣4分,低超过10%的扣6分 (language.md 5「比另一个值低百分之几」;
field trial 5, 农村劳动力培训转移就业目标责任制考评评分表). Goldens by hand from the published wording: the shortfall is
(任务 − 完成) ÷ 任务, in % of the target; 低 means below it, so a unit that met its target falls in no tier.
Every score is checked against the compiled scorer, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from helpers import item_score
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from govrubric.render import render_bytes

HEAD = "细则「t」\n"
TRAINING = """一、【完成培训目标任务】(5分)
  事实「完成人数」:人数
  事实「下达任务人数」:人数
  「完成人数」比「下达任务人数」低5%以内(含5%)的扣2分,低5%-10%的扣4分,低超过10%的扣6分。
"""


def item(text: str, facts: dict, header: str = HEAD) -> D:
    return item_score(text, facts, header)


@pytest.mark.parametrize("done, target, expected", [
    (200, 200, "5"),   # met: 低 nothing → no tier → 5
    (210, 200, "5"),   # over the target → 5
    (199, 200, "3"),   # 0.5% short → 低5%以内 → 5 − 2
    (190, 200, "3"),   # exactly 5% short: (含5%) → 5 − 2 (not 4: the 5%-10% tier comes second)
    (189, 200, "1"),   # 5.5% short → 5 − 4 (read as 11 persons short it would be 低超过10 → 0)
    (180, 200, "1"),   # exactly 10% short → 低5%-10% → 5 − 4
    (179, 200, "0"),   # 10.5% short → 低超过10% → 5 − 6, to 0
    (19, 20, "3"),     # 1 person of 20 is 5% short → 5 − 2 (as points of persons it would be 1 short, the same tier;
    (18, 20, "1"),     # 2 of 20 is 10% short → 5 − 4; read as 2 persons short it would stay in 低5以内 → 3)
])
def test_the_shortfall_is_a_share_of_the_target(done, target, expected):
    assert item(TRAINING, {"完成人数": done, "下达任务人数": target}) == D(expected)


def test_a_share_that_is_no_finite_decimal_is_compared_exactly():
    # 任务 3 人完成 2 人: 33.33…% short → 低超过10% → 0; 任务 21 完成 20: 4.7619…% → 低5%以内 → 3
    assert item(TRAINING, {"完成人数": 2, "下达任务人数": 3}) == 0
    assert item(TRAINING, {"完成人数": 20, "下达任务人数": 21}) == 3


def test_the_explanation_shows_the_shortfall_and_both_values():
    loaded = govrubric.loads(HEAD + TRAINING, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "完成人数": 189, "下达任务人数": 200}).roots[0].lines]
    assert lines[-1] == ("「完成人数」比「下达任务人数」低 = 5.5%(「完成人数」= 189、「下达任务人数」= 200),"
                         "符合「低5%-10%」(5% ≤ x ≤ 10%) → 扣4分(−4)")


def test_two_percentages_are_compared_in_points_when_the_rubric_says_points():
    # 「完成率比目标率低5个百分点以上的扣2分」: 目标 90%, 完成 84% → 6 points short → 10 − 2; 86% → 4 points → 10
    text = """一、【完成率】(10分)
  事实「完成率」:百分比
  事实「目标率」:百分比
  「完成率」比「目标率」低5个百分点以上的扣2分。
"""
    assert item(text, {"完成率": "84%", "目标率": "90%"}) == 8
    assert item(text, {"完成率": "86%", "目标率": "90%"}) == 10


def test_two_percentages_with_a_percent_sign_are_asked_about():
    text = """一、【完成率】(10分)
  事实「完成率」:百分比
  事实「目标率」:百分比
  「完成率」比「目标率」低5%以上的扣2分。
"""
    diags = govrubric.loads(HEAD + text, "t.rubric").check()
    assert [d.code for d in diags] == ["GR302"]
    assert "低5个百分点" in diags[0].help and "低于「目标率」的95%" in diags[0].help


@pytest.mark.parametrize("text, code", [
    # points of a count make no sense
    ("「完成人数」比「下达任务人数」低5个百分点以上的扣2分。", "GR302"),
    # 低 with no 比 before it
    ("「完成人数」达到「下达任务人数」的,得5分,低5%以内的扣2分。", "GR210"),
    # a count against a quantity
    ("「完成人数」比「面积」低5%以内的扣2分。", "GR301"),
])
def test_misuse_is_refused(text, code):
    body = ("一、【甲】(5分)\n  事实「完成人数」:人数\n  事实「下达任务人数」:人数\n  事实「面积」:平方米\n  " + text + "\n")
    assert code in [d.code for d in govrubric.loads(HEAD + body, "t.rubric").check()]


def test_fmt_render_and_lint_keep_the_published_words():
    loaded = govrubric.loads(HEAD + TRAINING, "t.rubric")
    printed = print_rubric(loaded.tree)  # the canonical wording: 低5%(含)以内扣2分
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(loaded.tree)
    formatted = format_text(HEAD + TRAINING)  # fmt keeps the author's words
    assert formatted.problems == ()
    assert "「完成人数」比「下达任务人数」低5%以内(含5%)的扣2分,低5%—10%的扣4分,低超过10%的扣6分。" in formatted.text
    for source in (loaded.source.text, None):  # the author's words, and worded from what is scored
        table = render_bytes("t.md", loaded.model, loaded.tree, source).decode("utf-8")
        assert "完成人数比下达任务人数低5%以内(含5%)" in table and "低5%-10%" in table and "低超过10%" in table
    codes = [f.code for f in lint(loaded)]
    assert "GL302" in codes  # 5% is in both 低5%以内(含5%) and 低5%-10%: the first wins, as published


def test_sql_scores_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(HEAD + TRAINING, "t.rubric")
    rows = [{"单位": u, "完成人数": d, "下达任务人数": 200} for u, d in (("a", 200), ("b", 190), ("c", 189), ("d", 179))]
    assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)
