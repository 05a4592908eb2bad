"""Messages about facts that tell the staffer what to do: an empty cell says whether the unit may leave it
empty, a zero denominator names the item and the clause that divide by it (the help line; the message and
its code stay those of the compiled scorer's check_facts)."""
from __future__ import annotations

import govrubric
from govrubric.batch import check_table
from govrubric.factsio import Row, Table

RUBRIC = """细则「样表」
单位类别:「部门」、「街道」
一、【信用】(1分)
  事实「承诺数量」:数量
  事实「企业数量」:数量
  「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,否则不得分。
二、【街道】(1分)
  适用:「街道」
  事实「便民点」:是否
  「便民点」得1分。
"""


def problems(values: dict):
    model = govrubric.loads(RUBRIC, "样表.rubric").model
    columns = ("单位", "单位类别", "承诺数量", "企业数量", "便民点")
    table = Table("数据.csv", (Row(values, 2),), columns, {c: "ABCDE"[i] for i, c in enumerate(columns)}, {}, True)
    return check_table(table, model).problems


def test_a_zero_denominator_names_the_item_and_the_clause():
    [found] = problems({"单位": "甲", "单位类别": "部门", "承诺数量": "3", "企业数量": "0", "便民点": None})
    assert found.code == "GR408" and found.where == "数据.csv 第2行 D列"
    assert found.help == "「企业数量」是比值的分母,用于一:「「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,否则不得分」。没有的请核实后填实际数"


def test_an_empty_cell_says_whether_the_unit_may_leave_it_empty():
    [found] = problems({"单位": "甲", "单位类别": "街道", "承诺数量": "3", "企业数量": "2", "便民点": None})
    assert found.code == "GR411"
    assert found.help == "这一项不能留空:「街道」类单位要填写(只有「街道」类单位填);细则没有把它写作(可空)"
    # a 部门 unit need not give 便民点 (二 applies to 街道 only): no problem at all
    assert problems({"单位": "乙", "单位类别": "部门", "承诺数量": "3", "企业数量": "2", "便民点": None}) == ()
    [everyone] = problems({"单位": "丙", "单位类别": "部门", "承诺数量": None, "企业数量": "2", "便民点": None})
    assert everyone.help == "这一项不能留空:每个单位都要填写;细则没有把它写作(可空)"
