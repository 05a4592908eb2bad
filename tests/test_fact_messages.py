"""Messages about facts that tell the staffer what to do: an empty cell says whether the unit may leave it
empty, a zero denominator names the item and the clause that divide by it (the help line; the message and
its code stay those of the compiled scorer's check_facts)."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

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


def problems(values: dict, rubric: str = RUBRIC):
    """The problems of one row of 数据.csv (row 2, columns A… in the order of `values`) under the rubric."""
    model = govrubric.loads(rubric, "样表.rubric").model
    columns = tuple(values)
    table = Table("数据.csv", (Row(values, 2),), columns, {c: "ABCDEFG"[i] for i, c in enumerate(columns)}, {}, True)
    return check_table(table, model).problems


def test_a_zero_denominator_names_the_item_and_the_clause():
    [found] = problems({"单位": "甲", "单位类别": "部门", "承诺数量": "3", "企业数量": "0", "便民点": None})
    assert found.code == "GR408" and found.where == "数据.csv 第2行 D列"
    assert found.help == "「企业数量」是比值的分母,用于一:「「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,否则不得分」。没有的请核实后填实际数"


FORMULAS = """细则「算式」
一、【办结】(10分)
  事实「完成数」:次数
  事实「任务数」:次数
  该项得分=「完成数」÷「任务数」×10分
二、【转载】(2分)
  事实「转载数量」:次数
  事实「月数」:次数
  「转载数量」÷「月数」×10达到5的,得2分
"""


def test_a_zero_denominator_in_a_formula_names_the_item_and_the_clause():
    # a formula score and a quotient in a condition divide too, not only 「甲」/「乙」 (the help was missing for them)
    found = problems({"单位": "甲", "完成数": "3", "任务数": "0", "转载数量": "6", "月数": "0"}, FORMULAS)
    assert [(d.code, d.where) for d in found] == [("GR408", "数据.csv 第2行 C列"), ("GR408", "数据.csv 第2行 E列")]
    assert [d.help for d in found] == [
        "「任务数」是比值的分母,用于一:「该项得分=「完成数」÷「任务数」×10分」。没有的请核实后填实际数",
        "「月数」是比值的分母,用于二:「「转载数量」÷「月数」×10达到5的,得2分」。没有的请核实后填实际数"]


def test_the_help_lines_in_english():
    from govrubric.i18n import set_language

    set_language("en")
    try:
        [zero] = problems({"单位": "甲", "单位类别": "部门", "承诺数量": "3", "企业数量": "0", "便民点": None})
        [empty] = problems({"单位": "甲", "单位类别": "街道", "承诺数量": "3", "企业数量": "2", "便民点": None})
        [everyone] = problems({"单位": "丙", "单位类别": "部门", "承诺数量": None, "企业数量": "2", "便民点": None})
    finally:
        set_language(None)
    assert zero.help == ("「企业数量」 is the denominator of a ratio in 一:「「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,否则不得分」. "
                         "Where there are none, check it and give the actual number")
    assert empty.help == ("this cannot be left empty: units of category 「街道」 fill it in (only 「街道」 units do); "
                          "the rubric does not mark it (可空) (may be empty)")
    assert everyone.help == "this cannot be left empty: every unit fills it in; the rubric does not mark it (可空) (may be empty)"


def test_an_empty_cell_says_whether_the_unit_may_leave_it_empty():
    [found] = problems({"单位": "甲", "单位类别": "街道", "承诺数量": "3", "企业数量": "2", "便民点": None})
    assert found.code == "GR411"
    assert found.help == "这一项不能留空:「街道」类单位要填写(只有「街道」类单位填);细则没有把它写作(可空)"
    # a 部门 unit need not give 便民点 (二 applies to 街道 only): no problem at all
    assert problems({"单位": "乙", "单位类别": "部门", "承诺数量": "3", "企业数量": "2", "便民点": None}) == ()
    [everyone] = problems({"单位": "丙", "单位类别": "部门", "承诺数量": None, "企业数量": "2", "便民点": None})
    assert everyone.help == "这一项不能留空:每个单位都要填写;细则没有把它写作(可空)"


# ---------------------------------------------------------------- values typed with words
TYPED = """细则「填法」
一、【办件】(3分)
  事实「差错」:次数
  事实「网办率」:百分比
  事实「排名」:名次
  事实「超期天数」:天数
  「差错」每发现1次扣0.1分
  「网办率」达到95%得1分
  「排名」前三名得1分
  「超期天数」超过5天的扣1分
"""


def typed(values: dict):
    """(checked values, problems, notes) through FactChecker, and the same row through the compiled scorer."""
    from govrubric.facts import FactChecker

    rubric = govrubric.loads(TYPED, "填法.rubric")
    row = {"单位": "甲", **values}
    notes: list = []
    checked, _category, found = FactChecker(rubric.model).validate_unit(row, "甲", read_as=notes)
    compiled = govrubric.compile_rubric(rubric).check_facts(row)
    assert compiled[0] == checked and [p["message"] for p in compiled[2]] == [d.message for d in found]
    return checked, [d.message for d in found], [d.message for d in notes]


def test_numbers_typed_with_words_are_read_and_the_reading_is_said():
    checked, found, notes = typed({"差错": "2次", "网办率": "百分之九十五", "排名": "第3名", "超期天数": "五天"})
    assert not found
    assert checked == {"差错": 2, "网办率": 95, "排名": 3, "超期天数": 5}
    assert notes == ["单位「甲」的事实「差错」:「2次」读作 2", "单位「甲」的事实「网办率」:「百分之九十五」读作 95%",
                     "单位「甲」的事实「排名」:「第3名」读作 3", "单位「甲」的事实「超期天数」:「五天」读作 5"]
    checked, found, notes = typed({"差错": "九十", "网办率": "95 %", "排名": "三", "超期天数": "两日"})
    assert not found and checked == {"差错": 90, "网办率": 95, "排名": 3, "超期天数": 2}
    assert len(notes) == 3  # 「95 %」 is a plain percent with a space: nothing to say about it
    checked, found, notes = typed({"差错": "两个", "网办率": "百分之百", "排名": "第一", "超期天数": "0"})
    assert not found and checked == {"差错": 2, "网办率": 100, "排名": 1, "超期天数": 0}
    # 百分之 says percent: 0.5 is 0.5%, not the 0.5 a bare number would be asked about
    assert typed({"差错": 0, "网办率": "百分之0.5", "排名": 1, "超期天数": 0})[0]["网办率"] == D("0.5")


def test_what_has_two_meanings_is_refused_with_the_reason():
    _checked, found, notes = typed({"差错": "2天", "网办率": "九五%", "排名": "一百五", "超期天数": "2个工作日"})
    assert not notes
    assert found == [
        "单位「甲」的事实「差错」的值「2天」不合要求:应为不小于0的整数;「天」不是次数的单位:请只填数字",
        "单位「甲」的事实「网办率」的值「九五%」不合要求:应为0%到100%之间的百分数(如 95% 或 95);"
        "「九五%」不是写法明确的中文数字:请填阿拉伯数字",  # 九十五? 95?
        "单位「甲」的事实「排名」的值「一百五」不合要求:应为不小于1的整数名次;"
        "「一百五」不是写法明确的中文数字:请填阿拉伯数字",  # 150 or 105
        "单位「甲」的事实「超期天数」的值「2个工作日」不合要求:应为不小于0的整数;「个工作日」不是天数的单位:请只填数字",
    ]
    # the kind's own checks still apply to what was read
    _checked, found, _notes = typed({"差错": "-2次", "网办率": "百分之一百零一", "排名": "第零名", "超期天数": "1.5天"})
    assert [message.rsplit(";", 1)[1] for message in found] == ["不能是负数", "超过了100%", "名次从1开始", "不能有小数"]


@settings(max_examples=300)
@given(st.text(alphabet="零〇一二两三四五六七八九十百千万", min_size=1, max_size=8))
def test_the_compiled_scorer_reads_chinese_numerals_as_govrubric_does(text):
    from govrubric import _runtime
    from govrubric.numerals import NumeralError, read_chinese_integer

    try:
        expected = read_chinese_integer(text)
    except NumeralError:
        expected = None
    assert _runtime._chinese_integer(text) == expected


def test_the_score_command_and_the_report_say_how_values_were_read(tmp_path):
    import openpyxl
    from helpers import score_files

    facts = tmp_path / "数据.csv"
    result, report = score_files(tmp_path, TYPED, "单位,差错,网办率,排名,超期天数\n甲,2次,百分之九十五,1,0\n乙,0,90,2,0\n",
                                 "报告.xlsx", name="填法.rubric")
    assert result.exit_code == 0, result.output
    assert f"{facts} 第2行 B列: 提示 GR430 单位「甲」的事实「差错」:「2次」读作 2" in result.output
    summary = {row[1]: row[-1] for row in openpyxl.load_workbook(report)["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary == {"甲": "事实「差错」:「2次」读作 2;事实「网办率」:「百分之九十五」读作 95%", "乙": None}
