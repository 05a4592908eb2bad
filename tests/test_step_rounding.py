"""Issue 14 item 1: how a gap that is not a whole number of steps counts, said by the rubric — 「每低1个百分点扣0.5分
(小数点后四舍五入)」, 「不足1个百分点的按1个计」 — or chosen as the reading 每低 (按整数计 by default, 按比例计, 四舍五入,
不足一步按一步计). Numbers worked by hand in the comments; the compiled scorer and SQL agree."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from test_codegen import assert_same

HEAD = "细则「t」\n"
HALF = "一、【甲】(10分)\n  事实「率」:百分比\n  「率」低于90%的,每低1个百分点扣0.5分(小数点后四舍五入)。\n"
CEIL = "一、【甲】(10分)\n  事实「率」:百分比\n  「率」低于90%的,每低1个百分点扣0.5分,不足1个百分点的按1个计。\n"
PLAIN = "一、【甲】(10分)\n  事实「率」:百分比\n  「率」低于90%的,每低1个百分点扣0.5分。\n"


def item(text: str, rate: str, header: str = HEAD) -> D:
    loaded = govrubric.loads(header + text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", "率": rate}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()["一"]


@pytest.mark.parametrize("text, rate, expected", [
    (HALF, "87.5%", "8.5"),    # gap 2.5 → 3 steps (half up) → 10 − 1.5
    (HALF, "87.6%", "9"),      # gap 2.4 → 2 steps → 10 − 1
    (HALF, "89.6%", "10"),     # gap 0.4 → 0 steps
    (CEIL, "89.9%", "9.5"),    # gap 0.1 → 1 step (不足1个百分点的按1个计)
    (CEIL, "88%", "9"),        # gap 2 → exactly 2 steps
    (PLAIN, "87.5%", "9"),     # gap 2.5 → 2 whole steps (the default, 按整数计)
    (PLAIN, "90%", "10"),      # not below 90%
])
def test_a_part_of_a_step_counts_as_the_clause_says(text, rate, expected):
    assert item(text, rate) == D(expected)


@pytest.mark.parametrize("reading, expected", [("按整数计", "9"), ("四舍五入", "8.5"), ("不足一步按一步计", "8.5"),
                                               ("按比例计", "8.75")])
def test_the_reading_for_clauses_that_do_not_say(reading, expected):
    # gap 2.5: 2 steps, 3 steps (2.5 rounds half up), 3 steps, 2.5 steps × 0.5 = 1.25
    assert item(PLAIN, "87.5%", HEAD + f"每低:{reading}(理由:「试验」)\n") == D(expected)


def test_the_explanation_says_how_the_part_counted():
    loaded = govrubric.loads(HEAD + CEIL, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "率": "89.9%"}).roots[0].lines]
    assert lines[-1] == ("「率」= 89.9%,符合「低于90%」(< 90%);差0.1个百分点,每1个百分点扣0.5分(不足一步按一步计):"
                         "1 × −0.5 = −0.5分")


def test_a_clause_that_says_how_is_no_reading_left_to_the_default():
    hints = [f.diagnostic.message for f in lint(govrubric.loads(HEAD + HALF, "t.rubric")) if f.code == "GL001"]
    assert not any("每低" in h for h in hints)
    hints = [f.diagnostic.message for f in lint(govrubric.loads(HEAD + PLAIN, "t.rubric")) if f.code == "GL001"]
    assert any("每低" in h for h in hints)


@pytest.mark.parametrize("text", [
    "一、【甲】(10分)\n  事实「n」:次数\n  「n」每次扣1分(小数点后四舍五入)。\n",     # per occurrence: no gap to round
    "一、【甲】(10分)\n  事实「率」:百分比\n  「率」低于90%的,每低1个百分点扣0.5分。(小数点后四舍五入)\n",  # apart from it
])
def test_a_rounding_note_where_no_gap_is_measured_is_refused(text):
    assert [d.code for d in govrubric.loads(HEAD + text, "t.rubric").check()] == ["GR206"]


@pytest.mark.parametrize("text", [HALF, CEIL])
def test_the_notes_round_trip_as_written(text):
    tree = govrubric.loads(HEAD + text, "t.rubric").tree
    assert text.split("\n")[2].strip() in print_rubric(tree)
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert format_text(HEAD + text).problems == ()


def test_sql_rounds_the_steps_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    for text in (HALF, CEIL):
        loaded = govrubric.loads(HEAD + text, "t.rubric")
        rows = [{"单位": u, "率": r} for u, r in (("a", "87.5%"), ("b", "87.6%"), ("c", "89.9%"), ("d", "95%"))]
        assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)


@given(rate=st.decimals(min_value=0, max_value=100, places=2))
def test_rounding_up_never_deducts_less_than_half_up_nor_half_up_than_the_whole_steps(rate):
    # floor ≤ half up ≤ ceiling, so the scores go the other way (a deduction), each within the item's [0, 10]
    rate = f"{rate}%"
    plain, half, ceil = item(PLAIN, rate), item(HALF, rate), item(CEIL, rate)
    assert 10 >= plain >= half >= ceil >= 0
