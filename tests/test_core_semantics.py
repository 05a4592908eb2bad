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
