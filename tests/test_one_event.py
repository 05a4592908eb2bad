"""某镇森林防灭火「若辖区内发生了一起过火面积超过50亩森林火灾的扣8分」: a verb, one, and 的 before the result — each fire
(每起扣8分, the default of the reading 发生一起的) or once when one or more happened (计一次). Before, it was read each
fire silently. Numbers worked by hand in the comments; the compiled scorer must agree, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from test_codegen import assert_same

TEXT = """细则「某镇」
(五)【防控情况】(28分)
  事实「过火面积超过50亩的森林火灾起数」:起数
  「过火面积超过50亩的森林火灾起数」发生了一起的扣8分。
"""


def scored(fires: int, readings=(), text: str = TEXT):
    loaded = govrubric.loads(text, "t.rubric", readings=list(readings))
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", "过火面积超过50亩的森林火灾起数": fires}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


@pytest.mark.parametrize("fires, each, once", [
    (0, "28", "28"),
    (1, "20", "20"),   # one fire: 28 − 8 either way
    (2, "12", "20"),   # each: 28 − 2 × 8; once: 28 − 8
    (4, "0", "20"),    # each: 28 − 32 → 0
])
def test_each_fire_by_default_once_under_the_other_reading(fires, each, once):
    assert scored(fires).total == D(each)
    assert scored(fires, ["发生一起的=计一次"]).total == D(once)


def test_the_explanations():
    assert scored(2).roots[0].lines[1].text == "「过火面积超过50亩的森林火灾起数」= 2起:发生了一起的扣8分 × 2 = −16分"
    assert scored(2, ["发生一起的=计一次"]).roots[0].lines[1].text == (
        "「过火面积超过50亩的森林火灾起数」= 2,符合「发生了一起」(≥ 1起) → 扣8分(−8)")


def test_stated_in_the_rubric_and_lint_names_it_otherwise():
    stated = TEXT.replace("(五)【防控情况】(28分)\n", "(五)【防控情况】(28分)\n  发生一起的:计一次(理由:「发生了就扣」)\n")
    assert scored(3, text=stated).total == D(20)
    hints = [f for f in lint(govrubric.loads(TEXT, "t.rubric")) if f.code == "GL001" and "发生一起的" in f.diagnostic.help]
    assert len(hints) == 1
    assert hints[0].witness.outcome == "本项按「每起计」得12分,按「计一次」得20分"
    assert not [f for f in lint(govrubric.loads(stated, "t.rubric")) if f.code == "GL001" and "发生一起的" in f.diagnostic.help]


@pytest.mark.parametrize("clause", ["「过火面积超过50亩的森林火灾起数」每起扣8分。",
                                    "「过火面积超过50亩的森林火灾起数」发生一起扣8分。"])
def test_without_de_it_is_each_and_no_reading(clause):
    text = TEXT.replace("「过火面积超过50亩的森林火灾起数」发生了一起的扣8分。", clause)
    loaded = govrubric.loads(text, "t.rubric")
    assert not [d for d in loaded.model.decisions if d.key == "发生一起的"]
    assert scored(2, ["发生一起的=计一次"], text).total == D(12)


def test_a_bare_clause_opening_with_the_words_is_no_setting():
    text = TEXT.replace("「过火面积超过50亩的森林火灾起数」发生了一起的扣8分。", "发生一起的扣8分。")
    assert scored(2, text=text).total == D(12)


def test_round_trip_and_sql():
    tree = govrubric.loads(TEXT, "t.rubric").tree
    printed = print_rubric(tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert "发生了1起的扣8分" in printed  # the 的 kept: the same reading (fmt writes the count in digits)
    assert format_text(TEXT).problems == ()
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    for readings in ((), ("发生一起的=计一次",)):
        loaded = govrubric.loads(TEXT, "t.rubric", readings=list(readings))
        rows = [{"单位": "甲", "过火面积超过50亩的森林火灾起数": 2}, {"单位": "乙", "过火面积超过50亩的森林火灾起数": 0}]
        assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)
