"""若羌 「党委(党组)会议专题研究……全年至少4次,未开或少开的,按次扣1-3分」 and 「中心组廉政专题学习全年至少2次,未安排或少安排
的,按次1-3扣分」: from a written requirement (the start point of language.md 6.4), each occurrence short of it costs an
amount the assessors give within the range (视情, as 「视火灾面积扣分5—15分/次」 gives one per fire). Numbers worked by hand
in the comments; the compiled scorer must agree, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.lint.reach import Analysis
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from test_codegen import assert_same

TEXT = """细则「若羌」
2.【党委(党组)责任】(10分)
  事实「会议次数」:次数
  事实「学习次数」:次数
  「会议次数」全年至少4次,未开或少开的,按次扣1-3分;
  「学习次数」全年至少2次,未安排或少安排的,按次1-3扣分;
"""

AMOUNTS = "会议次数(按次扣分)"


def scored(facts: dict, text: str = TEXT):
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def test_each_meeting_short_costs_what_the_assessors_give():
    # 4 required, 1 held: 3 short, given 3, 3 and 1 → −7; learning 2 of 2: nothing. 10 − 7 = 3
    result = scored({"会议次数": 1, AMOUNTS: [3, 3, 1], "学习次数": 2})
    assert result.total == D(3)
    lines = [line.text for line in result.roots[0].lines]
    assert lines[1] == ("「会议次数」= 1,符合「少于4次」(< 4);差3次,按次扣1-3分:"
                        "「会议次数(按次扣分)」= 3、3、1,合计 −7分")
    assert lines[2] == "「学习次数」= 2,不符合「少于2次」(< 2):本条不计分"


def test_the_word_order_as_published_and_nothing_owed_when_the_requirement_is_met():
    # meetings 5: met, nothing filled; learning 0 of 2: 2 short, given 1.5 and 2 → −3.5; 10 − 3.5 = 6.5
    result = scored({"会议次数": 5, "学习次数": 0, "学习次数(按次扣分)": ["1.5", 2]})
    assert result.total == D("6.5")
    assert "按次1-3扣分:「学习次数(按次扣分)」= 1.5、2,合计 −3.5分" in result.roots[0].lines[2].text


@pytest.mark.parametrize("facts, code, words", [
    ({"会议次数": 2, AMOUNTS: [2], "学习次数": 2}, "GR403", "少2次,填2个分数"),          # one amount for two short
    ({"会议次数": 2, "学习次数": 2}, "GR401", "少2次,填2个分数"),                     # none at all
    ({"会议次数": 4, AMOUNTS: [2], "学习次数": 2}, "GR403", "少0次,不填或填0"),         # none owed
    ({"会议次数": 3, AMOUNTS: [4], "学习次数": 2}, "GR403", "1到3分之间"),              # out of the range
])
def test_amounts_that_do_not_match_the_shortfall_are_refused(facts, code, words):
    loaded = govrubric.loads(TEXT, "t.rubric")
    with pytest.raises(govrubric.GovrubricError) as raised:
        loaded.score({"单位": "甲", **facts})
    found = [(d.code, d.render()) for d in raised.value.diagnostics]
    assert [c for c, _ in found] == [code]
    assert words in found[0][1]


def test_a_zero_is_nothing_owed():
    assert scored({"会议次数": 4, AMOUNTS: 0, "学习次数": 2}).total == D(10)


def test_the_amounts_may_be_declared_and_the_fixed_amount_works_alike():
    declared = TEXT.replace("  事实「学习次数」:次数\n", "  事实「学习次数」:次数\n  事实「会议次数(按次扣分)」:视情\n")
    assert scored({"会议次数": 3, AMOUNTS: [2], "学习次数": 2}, declared).total == D(8)
    fixed = TEXT.replace("按次扣1-3分", "按次扣1分")  # 2 short, 1 each: 10 − 2 = 8
    assert scored({"会议次数": 2, "学习次数": 2}, fixed).total == D(8)


@pytest.mark.parametrize("clause, code", [
    ("「会议次数」少于4次,未开的,按次扣1-3分;", "GR301"),   # no requirement written to fall short of
    ("「会议次数」超过4次,每多一次扣1-3分;", "GR301"),       # 视情 only for occurrences short of a requirement
])
def test_other_wordings_are_refused(clause, code):
    text = TEXT.replace("「会议次数」全年至少4次,未开或少开的,按次扣1-3分;", clause)
    assert [d.code for d in govrubric.loads(text, "t.rubric").check() if d.severity == "error"] == [code]


def test_round_trip_render_and_lint():
    tree = govrubric.loads(TEXT, "t.rubric").tree
    printed = print_rubric(tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert "全年至少4次,未开或少开的,按次扣1—3分" in printed and "按次1—3扣分" in printed
    assert format_text(TEXT).problems == ()
    loaded = govrubric.loads(TEXT, "t.rubric")
    assert build_table(loaded.model, loaded.tree).rows[0].standard  # the table words the clauses
    # lint: every finding's facts are ones a unit could give (the meetings held when no amount is filled)
    for finding in lint(loaded):
        if finding.witness is not None:
            facts = {k: v for k, v in finding.witness.facts}
            assert facts.get(AMOUNTS) in (None, ()) or facts.get("会议次数", 4) < 4


def test_sql_refuses_clearly_or_scores_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(TEXT, "t.rubric")
    rows = [{"单位": "甲", "会议次数": 1, AMOUNTS: [3, 3, 1], "学习次数": 2},
            {"单位": "乙", "会议次数": 5, "学习次数": 0, "学习次数(按次扣分)": ["1.5", 2]}]
    found = duckdb_outcome(loaded, rows)
    if found[0] == "refused":
        assert "GR601" in found[1].render() and "按次" in found[1].render()
    else:
        assert found == decimal_outcome(loaded, rows)


@given(held=st.integers(min_value=0, max_value=6), data=st.data())
def test_the_deduction_is_the_sum_of_the_amounts_and_within_lint_s_bounds(held, data):
    short = max(0, 4 - held)
    amounts = data.draw(st.lists(st.decimals(min_value=1, max_value=3, places=1), min_size=short, max_size=short))
    result = scored({"会议次数": held, AMOUNTS: amounts, "学习次数": 2})
    assert result.total == max(D(0), 10 - sum(amounts, D(0)))
    reach = Analysis(govrubric.loads(TEXT, "t.rubric").model).total()
    assert reach.low.value <= result.total <= reach.high.value
