"""Values computed over the units scored together: ranks (with ties), lowest, highest, average,
over facts and over scores; cycles rejected; a cohort of one; units of several categories."""
from decimal import Decimal as D

import pytest

import govrubric
from helpers import ok

HEAD = "细则「t」\n单位类别:「部门」、「街道」\n"

RANKED = """
一、【收件率】(5分)
  计分方式:从满分扣减
  加分上限:不受本项分值限制
  事实「收件率」:百分比
  事实「收件率排名」:在「部门」类单位中按「收件率」从高到低排名
  「收件率排名」前三位,依次加0.5分、1分、1.5分
"""


def unit(name, category="部门", **facts):
    return {"单位": name, "单位类别": category, **facts}


def totals(results):
    return {r.unit: r.total for r in results}


def test_rank_with_ties_and_other_categories():
    rubric = ok(RANKED, header=HEAD)
    results = rubric.score_cohort([
        unit("甲", 收件率="90%"), unit("乙", 收件率="95%"), unit("丙", 收件率="95%"),
        unit("丁", "街道", 收件率="99%"), unit("戊", 收件率="80%"),
    ])
    # 乙 and 丙 share 第1名 (+0.5 each); 甲 is 第3名 (+1.5); 戊 第4名; 丁 is a street and not ranked
    assert totals(results) == {"甲": D("6.5"), "乙": D("5.5"), "丙": D("5.5"), "丁": D("5"), "戊": D("5")}
    ranking_line = results[1].total_lines[0].text
    assert "第1名" in ranking_line and "并列" in ranking_line


def test_cohort_of_one():
    rubric = ok(RANKED, header=HEAD)
    (only,) = rubric.score_cohort([unit("甲", 收件率="10%")])
    assert only.total == D("5.5")  # alone, it is 第1名


def test_ascending_rank():
    rubric = ok("""
一、【用时】(1分)
  事实「用时」:天数
  事实「用时排名」:按「用时」从低到高排名
  「用时排名」前1名得1分
""", header="细则「t」\n")
    results = rubric.score_cohort([{"单位": "甲", "用时": 3}, {"单位": "乙", "用时": 5}])
    assert totals(results) == {"甲": D("1"), "乙": D("0")}


WINDOW = """
一、【窗口服务】(3分)
  事实「进驻大厅」:是否
  事实「窗口折算得分」:分值 0—3分(可空)
  事实「进驻单位最低得分」:在「进驻大厅」的单位中本项得分的最低值
  未「进驻大厅」的,按「进驻单位最低得分」计分;否则按「窗口折算得分」计分
二、【评价】(5分)
  事实「关联样本框」:是否
  事实「评价得分」:分值 0—5分(可空)
  事实「关联部门平均分」:在「关联样本框」的单位中本项得分的平均值
  未「关联样本框」的,按「关联部门平均分」下浮1分计分;否则按「评价得分」计分
"""


def test_lowest_and_average_of_scores():
    rubric = ok(WINDOW, header=HEAD)
    results = rubric.score_cohort([
        unit("甲", 进驻大厅=True, 窗口折算得分="2.6", 关联样本框=True, 评价得分="4"),
        unit("乙", 进驻大厅=True, 窗口折算得分="2.2", 关联样本框=True, 评价得分="5"),
        unit("丙", 进驻大厅=False, 关联样本框=True, 评价得分="4.5"),
        unit("丁", 进驻大厅=False, 关联样本框=False),
        unit("戊", "街道", 进驻大厅=True, 窗口折算得分="3", 关联样本框=False),
    ])
    scores = {r.unit: r.scores() for r in results}
    # lowest among 甲 2.6, 乙 2.2, 戊 3 → 2.2; average of 4, 5, 4.5 → 4.5, less 1 → 3.5
    assert [scores[u]["一"] for u in "甲乙丙丁戊"] == [D("2.6"), D("2.2"), D("2.2"), D("2.2"), D("3")]
    assert [scores[u]["二"] for u in "甲乙丙丁戊"] == [D("4"), D("5"), D("4.5"), D("3.5"), D("3.5")]


def test_average_is_rounded_half_up_to_two_places_and_says_so():
    rubric = ok(WINDOW, header=HEAD)
    results = rubric.score_cohort([
        unit("甲", 进驻大厅=True, 窗口折算得分="1", 关联样本框=True, 评价得分="4"),
        unit("乙", 进驻大厅=True, 窗口折算得分="1", 关联样本框=True, 评价得分="4"),
        unit("丙", 进驻大厅=True, 窗口折算得分="1", 关联样本框=True, 评价得分="4.5"),
        unit("丁", 进驻大厅=True, 窗口折算得分="1", 关联样本框=False),
    ])
    # (4 + 4 + 4.5) ÷ 3 = 4.1666… → 4.17; less 1 → 3.17
    assert results[3].scores()["二"] == D("3.17")
    assert any("保留两位小数,四舍五入" in line.text for line in results[3].total_lines)


def test_no_unit_in_scope_leaves_the_value_empty():
    rubric = ok(WINDOW, header=HEAD)
    results = rubric.score_cohort([unit("丁", 进驻大厅=False, 关联样本框=False)])
    assert results[0].scores()["一"] == D("0")  # nothing to compare with: the set-score clause does not apply


def test_single_unit_call_says_which_values_it_needs():
    rubric = ok(RANKED, header=HEAD)
    with pytest.raises(govrubric.GovrubricError) as err:
        rubric.score(unit("甲", 收件率="90%"))
    assert err.value.diagnostics[0].code == "GR420" and "「收件率排名」" in str(err.value)
    # given by hand, the value is used
    assert rubric.score(unit("甲", 收件率="90%", 收件率排名=1)).total == D("5.5")


def test_cohort_values_are_never_typed_in_when_scoring_together():
    rubric = ok(RANKED, header=HEAD)
    with pytest.raises(govrubric.GovrubricError) as err:
        rubric.score_cohort([unit("甲", 收件率="90%", 收件率排名=1)])
    assert err.value.diagnostics[0].code == "GR421"


def test_a_score_that_depends_on_a_rank_of_itself_is_rejected():
    loaded = govrubric.loads(HEAD + """
一、【总排名加分】(1分)
  事实「总分排名」:按总分从高到低排名
  「总分排名」前1名得1分
""")
    assert [d.code for d in loaded.check()] == ["GR219"]


def test_a_cycle_through_a_scope_is_reported_when_scoring():
    rubric = ok("""
一、【甲】(3分)
  事实「参评」:是否
  事实「最低」:在「参评」的单位中本项得分的最低值
  按「最低」计分
""", header="细则「t」\n")
    with pytest.raises(govrubric.GovrubricError) as err:
        rubric.score_cohort([{"单位": "甲", "参评": True}])
    assert err.value.diagnostics[0].code == "GR422"


def test_bad_cohort_definitions():
    loaded = govrubric.loads(HEAD + """
事实「排名」:按「不存在」从高到低排名
事实「本项」:本项得分的最低值
一、【甲】(1分)
  事实「是」:是否
  事实「是的排名」:按「是」从高到低排名
""")
    assert sorted(d.code for d in loaded.check()) == ["GR201", "GR218", "GR218"]


def test_rank_over_100000_units_is_correct():
    """The cost (one sort, then binary search) is measured in benchmarks/cohort_rank.py, not here."""
    import random

    from govrubric.cohort import Unit, _compute, cohort_facts

    rubric = ok(RANKED, header=HEAD).model
    (fact,) = cohort_facts(rubric)
    rng = random.Random(3)
    units = [Unit(f"u{i}", "部门", {"收件率": D(rng.randint(0, 1000)) / 10}) for i in range(100_000)]
    values = {u.name: dict(u.values) for u in units}
    _compute(rubric, fact, units, values, {u.name: [] for u in units}, lambda u: values[u.name]["收件率"])
    for u in rng.sample(units, 50):
        own = u.values["收件率"]
        expected = 1 + sum(1 for other in units if other.values["收件率"] > own)
        assert values[u.name]["收件率排名"] == expected


def test_a_value_over_the_cohort_is_explained_by_one_line_every_unit_shares():
    # the average's line names every unit's number: a line of its own for each unit grew with the square of the
    # cohort (拱墅 with 10,000 units took 1.3 GB); the interpreter and the compiled scorer share one
    rubric = ok(WINDOW, header=HEAD)
    rows = [unit(f"单位{i}", 进驻大厅=True, 窗口折算得分="1", 关联样本框=True, 评价得分="4") for i in range(3)]
    first, second, _ = rubric.score_cohort(rows)
    average = [line for line in first.total_lines if "「关联部门平均分」" in line.text]
    assert average and any(line is average[0] for line in second.total_lines)
    scorer = govrubric.compile_rubric(rubric)
    explained = scorer.score_cohort(rows, explain=True)
    lines = [line for line in explained[0]["explanation"] if "「关联部门平均分」" in line["text"]]
    assert lines and any(line is lines[0] for line in explained[1]["explanation"])
    assert [s["二"] for s in scorer.score_cohort(rows)] == [D(4)] * 3  # scores only: (4 + 4 + 4) ÷ 3


def test_rubric_score_checks_facts_with_one_checker_for_every_call(monkeypatch):
    from govrubric import facts

    built = []
    original = facts.FactChecker.__init__
    monkeypatch.setattr(facts.FactChecker, "__init__", lambda self, model: built.append(1) or original(self, model))
    rubric = ok(RANKED, header=HEAD)
    for share in ("90%", "80%", "70%"):
        rubric.score(unit("甲", 收件率=share, 收件率排名=1))
    assert len(built) == 1  # building one cost 176 µs, more than scoring the unit
