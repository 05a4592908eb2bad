"""「…的,实行一票否决」 with no stated consequence (柳池「一次死亡2人及以上实行一票否决」, 青田, 信用示范城市): the reading
一票否决 (口径) — 按0分确定 (the default: the total is 0) or 定为不合格 (the lowest grade, the total kept). Numbers worked
by hand in the comments; the compiled scorer must agree, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from test_codegen import assert_same

GRADED = """细则「村考核」
总分:「考核得分」= 各项得分之和
事实「一次死亡2人及以上的事故起数」:起数
「一次死亡2人及以上的事故起数」1起以上实行一票否决。
「考核得分」90分(含)以上为「优秀」;60分(含)至90分为「合格」;60分以下为「不合格」。
一、【事故】(100分)
  事实「事故起数」:起数
  「事故起数」每起扣10分,扣完为止。
"""

PLAIN = GRADED.replace("「考核得分」90分(含)以上为「优秀」;60分(含)至90分为「合格」;60分以下为「不合格」。\n", "")


def scored(text: str, facts: dict, readings=()):
    loaded = govrubric.loads(text, "t.rubric", readings=list(readings)) if readings else govrubric.loads(text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def test_the_default_reading_sets_the_total_to_zero():
    # 100 − 1 × 10 = 90; a death of two in one accident: 一票否决, 按0分确定 → 0, and 0 is 不合格
    result = scored(GRADED, {"一次死亡2人及以上的事故起数": 1, "事故起数": 1})
    assert (result.total, result.grade) == (D(0), "不合格")
    assert result.total_lines[1].text == (
        "「一次死亡2人及以上的事故起数」1起以上实行一票否决(一票否决:按0分确定)"
        "(「一次死亡2人及以上的事故起数」= 1,符合「1起以上」(≥ 1)):90 → 0")
    # none: 90, 优秀
    assert scored(GRADED, {"一次死亡2人及以上的事故起数": 0, "事故起数": 1}).grade == "优秀"


def test_the_other_reading_keeps_the_total_and_gives_the_lowest_grade():
    result = scored(GRADED, {"一次死亡2人及以上的事故起数": 2, "事故起数": 1}, ["一票否决=定为不合格"])
    assert (result.total, result.grade) == (D(90), "不合格")
    assert result.total_lines[1].text == (
        "等次:「一次死亡2人及以上的事故起数」= 2,符合「1起以上」(≥ 1) → 不合格(实行一票否决,一票否决:定为不合格)")
    # stated in the rubric, the same
    stated = GRADED.replace("事实「一次", "一票否决:定为不合格(理由:「考核办法:一票否决的,年度考核为不合格」)\n事实「一次")
    assert scored(stated, {"一次死亡2人及以上的事故起数": 1, "事故起数": 0}).grade == "不合格"


def test_the_lowest_grade_may_be_the_rest():
    text = GRADED.replace("「考核得分」90分(含)以上为「优秀」;60分(含)至90分为「合格」;60分以下为「不合格」。",
                          "「考核得分」60分(含)以上为「达标」;否则为「不达标」。")
    assert scored(text, {"一次死亡2人及以上的事故起数": 1, "事故起数": 0}, ["一票否决=定为不合格"]).grade == "不达标"


def test_without_grades_only_the_zero_reading_applies():
    assert scored(PLAIN, {"一次死亡2人及以上的事故起数": 1, "事故起数": 0}).total == D(0)
    found = govrubric.loads(PLAIN, "t.rubric", readings=["一票否决=定为不合格"]).check()
    assert [d.code for d in found if d.severity == "error"] == ["GR217"]
    assert "没有按总分分档的等次规则" in found[0].render()
    # and lint offers no reading that cannot apply
    assert [f.code for f in lint(govrubric.loads(PLAIN, "t.rubric")) if f.code == "GL001" and f.item is None] == []


def test_lint_names_the_reading_with_facts_that_show_it():
    found = [f for f in lint(govrubric.loads(GRADED, "t.rubric")) if f.code == "GL001" and f.item is None]
    assert len(found) == 1
    assert "govrubric score --reading 一票否决=定为不合格" in found[0].diagnostic.help
    # the accident and no other deduction: 0 and 不合格 by default, 100 (the grade still 不合格) the other way
    assert found[0].witness.outcome == "按「按0分确定」为0分、等次不合格,按「定为不合格」为100分、等次不合格"
    stated = GRADED.replace("事实「一次", "一票否决:按0分确定(理由:「…」)\n事实「一次")
    assert not [f for f in lint(govrubric.loads(stated, "t.rubric")) if f.code == "GL001" and f.item is None]


def test_inside_an_item_it_is_refused():
    text = GRADED.replace("  「事故起数」每起扣10分,扣完为止。", "  「事故起数」每起扣10分,扣完为止。\n  「事故起数」3起以上的,实行一票否决。")
    found = govrubric.loads(text, "t.rubric").check()
    assert [d.code for d in found if d.severity == "error"] == ["GR301"]
    assert "只否决本项写「该项不得分」" in found[0].render()


@pytest.mark.parametrize("text", [GRADED, PLAIN, GRADED.replace("1起以上实行", "1起以上的,实行")])
def test_round_trip_and_render_as_published(text):
    tree = govrubric.loads(text, "t.rubric").tree
    printed = print_rubric(tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert "一票否决" in printed
    assert format_text(text).problems == ()
    loaded = govrubric.loads(text, "t.rubric")
    assert "实行一票否决" in " ".join(build_table(loaded.model, loaded.tree).total)


@pytest.mark.parametrize("readings", [(), ("一票否决=定为不合格",)])
def test_sql_scores_alike(readings):
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(GRADED, "t.rubric", readings=list(readings))
    rows = [{"单位": "甲", "一次死亡2人及以上的事故起数": 1, "事故起数": 1},
            {"单位": "乙", "一次死亡2人及以上的事故起数": 0, "事故起数": 5}]
    expected = decimal_outcome(loaded, rows)
    assert duckdb_outcome(loaded, rows) == expected
    # 甲: 90 → 0 (or kept, 不合格); 乙: 100 − 50 = 50, 不合格
    assert {u: (s["总分"], g) for u, (s, g) in expected[1].items()} == {
        "甲": (D(0), "不合格") if not readings else (D(90), "不合格"), "乙": (D(50), "不合格")}
