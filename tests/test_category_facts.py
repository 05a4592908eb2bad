"""A unit need not give facts that only items not applying to its category read (issue 13, fresh-checkout
defects): a 街道 fills in no 部门-only facts, and a facts file of 街道 units needs no such column."""
from decimal import Decimal as D

import pytest

import govrubric
from govrubric.batch import check_table
from govrubric.factsio import read_table

HEAD = "细则「t」\n单位类别:「部门」、「街道」\n"
TEXT = HEAD + """
一、【部门工作】(2分)
  适用:「部门」
  事实「部门完成」:是否
  「部门完成」得2分
二、【共同工作】(3分)
  事实「差错」:次数
  「差错」每次扣1分
"""


@pytest.fixture(scope="module")
def loaded():
    rubric = govrubric.loads(TEXT, "t.rubric")
    assert rubric.ok, [d.render() for d in rubric.check()]
    return rubric


def test_a_street_need_not_give_department_only_facts(loaded):
    # 一 does not apply to 街道: 按满分计 (the default) gives 2; 二 = 3 − 1 = 2; total 4
    result = loaded.score({"单位": "乙街道", "单位类别": "街道", "差错": 1})
    assert result.scores() == {"一": D(2), "二": D(2), "总分": D(4)}


def test_a_department_must_still_give_them(loaded):
    _values, _category, problems = loaded.validate({"单位": "甲局", "单位类别": "部门", "差错": 1})
    assert [(d.code, d.message) for d in problems] == [
        ("GR401", "单位「甲局」缺少事实「部门完成」(应为是或否)")]


def test_the_compiled_scorer_asks_the_same(loaded):
    scorer = govrubric.compile_rubric(loaded)
    for row in ({"单位": "乙街道", "单位类别": "街道", "差错": 1}, {"单位": "甲局", "单位类别": "部门", "差错": 1},
                {"单位": "丙", "单位类别": "乡镇", "差错": 1}):
        values, category, problems = loaded.validate(row)
        got_values, got_category, got_problems = scorer.check_facts(row)
        assert [(p["code"], p["message"]) for p in got_problems] == [(d.code, d.message) for d in problems]
        assert (got_values, got_category) == (values, category)
    assert scorer.score({"单位": "乙街道", "单位类别": "街道", "差错": 1})["总分"] == D(4)


def _batch(tmp_path, loaded, rows: str):
    path = tmp_path / "facts.csv"
    path.write_text(rows, encoding="utf-8")
    table, problems = read_table(str(path))
    assert not problems
    return check_table(table, loaded.model)


def test_a_file_of_streets_needs_no_column_for_department_facts(tmp_path, loaded):
    batch = _batch(tmp_path, loaded, "单位,单位类别,差错\n乙街道,街道,0\n丁街道,街道,2\n")
    assert batch.problems == () and [u.name for u in batch.units] == ["乙街道", "丁街道"]
    # a blank cell for a street is no problem either
    batch = _batch(tmp_path, loaded, "单位,单位类别,部门完成,差错\n乙街道,街道,,0\n甲局,部门,是,0\n")
    assert batch.problems == () and len(batch.units) == 2


def test_a_file_with_a_department_needs_the_column(tmp_path, loaded):
    batch = _batch(tmp_path, loaded, "单位,单位类别,差错\n乙街道,街道,0\n甲局,部门,1\n")
    (problem,) = batch.problems
    assert problem.code == "GR409"
    assert problem.message == "事实文件中没有「部门完成」(应为是或否),所有单位都无法计分"
    assert problem.help == "只有部门类单位要填这一列"


def test_facts_a_whole_cohort_or_a_veto_reads_are_asked_of_every_unit():
    text = HEAD + """
「重大事故」的,按0分确定。
一、【收件率】(2分)
  适用:「部门」
  事实「收件率」:百分比
  事实「收件率排名」:按「收件率」从高到低排名
  「收件率排名」前1名得2分
二、【安全】(1分)
  事实「重大事故」:是否
"""
    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.ok, [d.render() for d in rubric.check()]
    # the rank counts every unit's 收件率 (a street's rate decides whether a department is first), and the
    # veto before the items reads 重大事故 for everyone: a street must give both
    _values, _category, problems = rubric.validate({"单位": "乙街道", "单位类别": "街道"})
    assert [d.message for d in problems] == ["单位「乙街道」缺少事实「收件率」(应为0%到100%之间的百分数(如 95% 或 95))",
                                             "单位「乙街道」缺少事实「重大事故」(应为是或否)"]


def test_inputs_and_the_template_say_who_fills_a_fact_in(loaded):
    from govrubric.templates import describe, needs

    by_name = {need.fact.name: need for need in needs(loaded.model)}
    assert by_name["部门完成"].categories == ("部门",) and by_name["差错"].categories is None
    assert "只有「部门」类单位填写" in describe(by_name["部门完成"]).splitlines()
    assert by_name["部门完成"].to_json()["categories"] == ["部门"]
