"""某地镇考核评分表 (城镇建设:环境卫生): the inner 「2【环境卫生】」 under 「2【城镇建设】」 (the same numbering at two levels,
told apart by indentation where numbering alone would repeat a number), and 「有环卫管理机构和清扫保洁队伍,得10分;镇区
主街道实行14小时以上保洁,得10分,按实际情况评分」 (two halves, each the assessors' 0 to 10). Numbers worked by hand in the
comments; the compiled scorer must agree, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.printer import normalise, print_rubric
from test_codegen import assert_same

TEXT = """细则「某地镇」
2【城镇建设】(650分)
  【镇容生态环境】(300分)
    2【环境卫生】
      (1)(20分)
        事实「有环卫管理机构和清扫保洁队伍」:视情
        事实「镇区主街道实行14小时以上保洁」:视情
        「有环卫管理机构和清扫保洁队伍」,得10分;「镇区主街道实行14小时以上保洁」,得10分,按实际情况评分。
"""

A, B = "有环卫管理机构和清扫保洁队伍", "镇区主街道实行14小时以上保洁"


def scored(facts: dict, text: str = TEXT, readings=()):
    loaded = govrubric.loads(text, "t.rubric", readings=list(readings))
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def test_the_inner_number_two_is_a_level_of_its_own():
    loaded = govrubric.loads(TEXT, "t.rubric")
    assert [n.path for n in loaded.model.nodes()] == ["2", "2.【镇容生态环境】", "2.【镇容生态环境】.2",
                                                      "2.【镇容生态环境】.2.(1)"]


def test_without_indentation_the_repeated_number_is_still_refused():
    flat = "\n".join(line.strip() for line in TEXT.splitlines()) + "\n"
    assert "GR203" in [d.code for d in govrubric.loads(flat, "t.rubric").check()]


def test_a_returning_number_that_does_not_repeat_still_returns():
    # 一、 → 1. → (1) → 2. written deeper than (1): numbering decides (2. is 1.'s sibling), as before
    text = "细则「x」\n一、【甲】(2分)\n  1.【乙】(1分)\n    (1)【丙】(1分)\n      2.【丁】(1分)\n"
    loaded = govrubric.loads(text, "t.rubric")
    assert [n.path for n in loaded.model.nodes()] == ["一", "一.1", "一.1.(1)", "一.2"]


@pytest.mark.parametrize("a, b, expected", [
    (8, 10, "18"),     # each half as judged: 8 + 10
    (0, "5.5", "5.5"),  # a half judged 0 scores nothing
    (10, 10, "20"),
])
def test_each_half_is_judged_from_0_to_10(a, b, expected):
    assert scored({A: a, B: D(str(b))}).total == D(expected)


def test_the_explanation_and_the_other_reading():
    result = scored({A: 8, B: 10})
    line = result.roots[0].children[0].children[0].children[0].lines[1].text
    assert line == f"「{A}」= 8,「{A}」成立 → 得10分,按实际情况评分:「{A}」视情给出8分(+8)"
    # 句末视情:本句: only the last sentence is judged; the first gives its 10 once judged above 0
    assert scored({A: 8, B: 10}, readings=["句末视情=本句"]).total == D(20)


def test_amounts_beyond_the_half_are_refused():
    loaded = govrubric.loads(TEXT, "t.rubric")
    with pytest.raises(govrubric.GovrubricError) as raised:
        loaded.score({"单位": "甲", A: 11, B: 0})
    assert [d.code for d in raised.value.diagnostics] == ["GR403"]


def test_a_condition_without_a_judged_fact_is_refused():
    text = TEXT.replace(f"事实「{A}」:视情", f"事实「{A}」:是否")
    assert [d.code for d in govrubric.loads(text, "t.rubric").check() if d.severity == "error"] == ["GR301"]


def test_fmt_and_the_printer_keep_the_comma_and_the_levels():
    formatted = format_text(TEXT)
    assert formatted.problems == ()
    assert "得10分,按实际情况评分。" in formatted.text and "    2【环境卫生】" in formatted.text
    printed = print_rubric(govrubric.loads(TEXT, "t.rubric").tree)
    again = govrubric.loads(printed, "t.rubric")
    assert normalise(again.tree) == normalise(govrubric.loads(TEXT, "t.rubric").tree)
    assert again.score({"单位": "甲", A: 8, B: 10}).total == D(18)


def test_sql_scores_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(TEXT, "t.rubric")
    rows = [{"单位": "甲", A: 8, B: 10}, {"单位": "乙", A: 0, B: "5.5"}]
    assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)
