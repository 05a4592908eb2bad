"""Sixth-round field trial, silent wrong scores SW6-1, SW6-2, SW6-3, SW6-6 (/work/wt/SW6.md; the trial's repros are
tests/field_trial6/repro/): each minimal repro is written here as the tester wrote it, and every unit is scored by the
interpreter AND by the compiled scorer (the same tree and lines) and by DuckDB where the query compiles. The expected
scores are worked out by hand from the published words, in the comment beside each; they are not program output."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from helpers import codes
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same


def _scored(text: str, rows: list[dict], hand: dict, path: str | None = None) -> govrubric.Rubric:
    """Every unit of `rows` scored as the hand says (item `path`, or the total), interpreter and compiled scorer."""
    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.check() == [], [d.render() for d in rubric.check()]
    scorer = compile_rubric(rubric)
    for row in rows:
        assert assert_same(rubric, scorer, row)
        got = rubric.score(row).scores()[path or "总分"]
        assert got == D(hand[row["单位"]]), (row["单位"], got)
    return rubric


def _lines(rubric: govrubric.Rubric, row: dict) -> str:
    result = rubric.score(row)
    return "\n".join(line.text for node in result.nodes() for line in node.lines)


# ---------------------------------------------------------------- SW6-3 a 比值 fact against a bare number, 百分点
SW3 = """细则「sw3」
【出生婴儿性别比】(10分)
  事实「出生婴儿性别比」:比值
  「出生婴儿性别比」控制在110以内记10分,每上升1个百分点扣0.5分。
"""
SW3_ROWS = [{"单位": "r110", "出生婴儿性别比": D(110)}, {"单位": "r112", "出生婴儿性别比": D(112)},
            {"单位": "r115", "出生婴儿性别比": D(115)}, {"单位": "r112.5", "出生婴儿性别比": D("112.5")}]


def test_sw6_3_a_ratio_against_a_bare_number_counts_points_of_that_number():
    # 性别比 is boys per 100 girls: 112 is 2 points over 110 → 10 − 2 × 0.5 = 9; 115: 10 − 5 × 0.5 = 7.5;
    # 112.5: 2 whole points (不足一步的部分不计, the default 每低) → 9
    rubric = _scored(SW3, SW3_ROWS, {"r110": "10", "r112": "9", "r115": "7.5", "r112.5": "9"})
    shown = _lines(rubric, SW3_ROWS[1])
    assert "符合「超过110」(> 110);差2个百分点" in shown and "超过110以" not in shown
    assert duckdb_outcome(rubric, SW3_ROWS) == decimal_outcome(rubric, SW3_ROWS)


def test_sw6_3_a_bare_number_under_10_on_a_ratio_is_asked_not_guessed():
    # 1.05 may be a share (105%: a point is 0.01) or points (a point is 1): GR302 says to write the bound as a percent
    text = SW3.replace("控制在110以内记10分", "控制在1.05以内记10分")
    found = codes(text, header="")
    assert [c for c, *_ in found] == ["GR302"]
    [diagnostic] = govrubric.loads(text, "t.rubric").check()
    assert "105%" in diagnostic.render()


def test_sw6_3_a_share_or_a_quotient_keeps_its_points_times_100():
    # written as a percent, 1.12 is 112%: 2 points over 110% → 9 (language.md 5「比值按百分点计差距」, SW4-4 unchanged)
    text = SW3.replace("控制在110以内", "控制在110%以内")
    _scored(text, [{"单位": "s", "出生婴儿性别比": D("1.12")}], {"s": "9"})
    quotient = """细则「q」
【控制率】(5分)
  事实「在职人员数」:人数
  事实「编制数」:人数
  「在职人员数」÷「编制数」≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。
"""
    # 105 ÷ 100 is 5 points over: 5 − 2.5 = 2.5
    _scored(quotient, [{"单位": "q", "在职人员数": 105, "编制数": 100}], {"q": "2.5"})
