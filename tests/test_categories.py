"""「单位类别」为「…」 in any condition (language.md §5, issue 14 §1): a result or a threshold per unit category in one
item, as published; goldens worked by hand from the wording in each comment. Every `text` here is also compiled and
checked against the evaluator (tests/test_codegen.py, PATTERN_FILES)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from helpers import item, rubric

import govrubric

HEADER = "细则「测试」\n单位类别:「一类地区」、「二类地区」\n"


def test_a_result_per_category():
    # 「……达到40%的,一类地区得5分,二类地区得3分,否则不得分」: 45% → 一类 5, 二类 3; 30% → 0 for both
    header = "细则「测试」\n单位类别:「一类地区」、「二类地区」\n"
    text = """一、【达标】(5分)
  事实「达标率」:百分比
  「达标率」达到40%且「单位类别」为「一类地区」的,得5分。
  「达标率」达到40%且「单位类别」为「二类地区」的,得3分。
"""
    assert item(text, {"达标率": "45%"}, header=header, category="一类地区") == 5
    assert item(text, {"达标率": "45%"}, header=header, category="二类地区") == 3
    assert item(text, {"达标率": "30%"}, header=header, category="一类地区") == 0


def test_a_threshold_per_category():
    # 「建筑面积不低于1200平方米(专科单位不低于500平方米)的,得2分」: 综合 with 1000 → 0, 专科 with 600 → 2,
    # 综合 with 1200 → 2
    header = "细则「测试」\n单位类别:「综合医院」、「专科医院」\n"
    text = """一、【面积】(2分)
  事实「建筑面积」:平方米
  「单位类别」为「综合医院」且「建筑面积」不低于1200平方米的,得2分。
  「单位类别」为「专科医院」且「建筑面积」不低于500平方米的,得2分。
"""
    assert item(text, {"建筑面积": "1000"}, header=header, category="综合医院") == 0
    assert item(text, {"建筑面积": "600"}, header=header, category="专科医院") == 2
    assert item(text, {"建筑面积": "1200"}, header=header, category="综合医院") == 2


def test_a_result_per_category_with_分别():
    # 「一类地区得5分,二类地区得3分」 written with 分别: 一类 5, 二类 3, a unit of another category nothing
    header = "细则「测试」\n单位类别:「一类地区」、「二类地区」、「三类地区」\n"
    text = """一、【补助】(5分)
  「单位类别」为「一类地区」、「二类地区」的,分别得5分、3分。
"""
    assert item(text, {}, header=header, category="一类地区") == 5
    assert item(text, {}, header=header, category="二类地区") == 3
    assert item(text, {}, header=header, category="三类地区") == 0


def test_the_explanation_names_the_category():
    loaded = rubric("""一、【达标】(5分)
  「单位类别」为「二类地区」的,得3分。
""", HEADER)
    result = loaded.score({"单位": "甲", "单位类别": "二类地区"})
    assert "「单位类别」= 二类地区,“「单位类别」为「二类地区」”成立 → 得3分" in result.roots[0].lines[-1].text


@pytest.mark.parametrize("clause, header, code, words", [
    ("「单位类别」为「三类地区」的,得1分。", HEADER, "GR207", ["三类地区", "是不是「二类地区」"]),
    ("「单位类别」达到3的,得1分。", HEADER, "GR301", ["单位类别", "为「类别」"]),
    ("「单位类别」为「一类地区」的,得1分。", "细则「测试」\n", "GR207", ["单位类别", "声明单位类别"]),
])
def test_a_category_that_does_not_exist_is_refused(clause, header, code, words):
    found = rubric(f"一、【甲】(2分)\n  {clause}\n", header).check()
    assert [d.code for d in found] == [code], [d.render() for d in found]
    assert all(w in found[0].render() for w in words), found[0].render()


def test_lint_tries_every_category():
    # no tier is dead (each holds for its category), and the bonus past the points is shown with its category
    from govrubric.lint import lint

    loaded = rubric("""一、【达标】(3分)
  事实「达标率」:百分比
  「达标率」达到40%且「单位类别」为「一类地区」的,得5分。
  「达标率」达到40%且「单位类别」为「二类地区」的,得3分。
""", HEADER)
    found = lint(loaded)
    assert [f.code for f in found] == ["GL201"], [f.diagnostic.render() for f in found]
    assert found[0].witness.category == "一类地区"
    assert found[0].witness.show_category  # 例: 当单位类别为「一类地区」、「达标率」= 40%时 …


def test_categories_round_trip_through_fmt_and_render():
    from govrubric.fmt import format_text
    from govrubric.render import build_table

    source = HEADER + """
一、【达标】(5分)
  事实「达标率」:百分比
  「达标率」达到40%且「单位类别」为「一类地区」的,得5分。
  「单位类别」为「一类地区」、「二类地区」的,加1分。
"""
    formatted = format_text(source)
    assert formatted.problems == () and formatted.text == source
    loaded = govrubric.loads(source, "t.rubric")
    shown = [line for row in build_table(loaded.model, loaded.tree).rows for line in row.standard]
    assert any("单位类别为一类地区、二类地区" in line for line in shown), shown


def test_a_score_fact_shared_by_two_categories_takes_the_larger_range():
    # one 分值 fact scored by a 5-point item (乡镇) and a 10-point item (部门), written in that order: a 部门 unit's 8
    # is a valid score (it was refused as above 5); the range is 0—10 for every unit
    header = "细则「测试」\n单位类别:「乡镇」、「部门」\n事实「工作得分」:分值\n"
    text = """一、【甲】(5分)
  适用:「乡镇」
  按「工作得分」计分。
二、【乙】(10分)
  适用:「部门」
  按「工作得分」计分。
"""
    assert item(text, {"工作得分": 8}, path="二", header=header, category="部门") == 8
    assert rubric(text, header).model.facts["工作得分"].high == 10
