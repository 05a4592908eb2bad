"""Issue 14 item 4: one clause with a result per unit category, as published: 「……达到40%的,一类地区得5分,二类地区得3分,
否则不得分」 (language.md §5 「按单位类别」). Each number is worked out by hand from the wording (comments); the compiled
scorer must give the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from helpers import codes
from test_published_forms import lines, scored

HEAD = "细则「测试」\n单位类别:「一类地区」、「二类地区」、「三类地区」\n"

RESULT = """一、【达标】(5分)
  事实「达标率」:百分比
  「达标率」达到40%的,「一类地区」得5分,「二类地区」得3分,否则不得分。
"""


@pytest.mark.parametrize("rate, category, expected", [
    ("45%", "一类地区", "5"),   # 45% ≥ 40%, 一类: 5
    ("40%", "二类地区", "3"),   # 40% ≥ 40% (达到 includes 40), 二类: 3
    ("45%", "三类地区", "0"),   # neither listed category: 否则不得分
    ("39%", "一类地区", "0"),   # below 40%: 否则不得分
])
def test_a_result_per_category_in_one_clause(rate, category, expected):
    result = scored(RESULT, {"达标率": rate, "单位类别": category}, HEAD)
    assert result.scores()["一"] == D(expected)


def test_the_explanation_names_the_category_and_the_shared_condition():
    result = scored(RESULT, {"达标率": "40%", "单位类别": "二类地区"}, HEAD)
    assert lines(result)[1:] == [
        "「达标率」= 40%,符合「达到40%」(≥ 40%) 且 「单位类别」= 二类地区,“「单位类别」为「二类地区」”成立 → 得3分(+3)"]


LADDER = """一、【分档】(5分)
  事实「率」:百分比
  「率」达到90%的,「一类地区」得5分,「二类地区」得4分;80%—90%(不含)的,「一类地区」得2分,「二类地区」得1分。
"""


@pytest.mark.parametrize("rate, category, expected", [
    ("95%", "一类地区", "5"), ("95%", "二类地区", "4"),
    ("85%", "一类地区", "2"), ("80%", "二类地区", "1"),   # 80% ≤ x < 90%
    ("95%", "三类地区", "0"),                             # no tier for 三类: nothing
    ("79%", "一类地区", "0"),
])
def test_each_tier_of_a_ladder_may_list_its_categories(rate, category, expected):
    assert scored(LADDER, {"率": rate, "单位类别": category}, HEAD).scores()["一"] == D(expected)


def test_a_category_result_on_a_plain_condition():
    text = "一、【台账】(3分)\n  事实「台账」:是否\n  「台账」的,「一类地区」得3分,「二类地区」得2分。\n"
    assert scored(text, {"台账": "是", "单位类别": "二类地区"}, HEAD).scores()["一"] == D(2)
    assert scored(text, {"台账": "否", "单位类别": "二类地区"}, HEAD).scores()["一"] == D(0)


def test_an_undeclared_category_is_refused_with_the_closest():
    found = govrubric.loads(HEAD + RESULT.replace("「一类地区」得5分", "「一类地」得5分"), "t.rubric").check()
    assert [(d.code, d.help) for d in found if d.severity == "error"] == [("GR207", "是不是「一类地区」?")]


def test_a_later_name_that_is_no_category_starts_a_clause_of_its_own():
    # 「,「按时公布」得1分」 after the list is a clause on the fact 「按时公布」, not a category's result
    text = ("一、【达标】(6分)\n  事实「达标率」:百分比\n  事实「按时公布」:是否\n"
            "  「达标率」达到40%的,「一类地区」得5分,「按时公布」得1分。\n")
    # 二类 at 45% published on time: only the separate clause, 1
    assert scored(text, {"达标率": "45%", "按时公布": "是", "单位类别": "二类地区"}, HEAD).scores()["一"] == D(1)


def test_category_results_round_trip_and_render_as_written():
    for text in (RESULT, LADDER):
        tree = govrubric.loads(HEAD + text, "t.rubric").tree
        printed = print_rubric(tree)
        assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
        assert format_text(HEAD + text).problems == ()
    assert "「达标率」达到40%的,「一类地区」得5分,「二类地区」得3分,否则不得分。" in print_rubric(
        govrubric.loads(HEAD + RESULT, "t.rubric").tree)
    loaded = govrubric.loads(HEAD + RESULT, "t.rubric")
    assert build_table(loaded.model, loaded.tree, HEAD + RESULT).rows[0].standard == (
        "达标率达到40%的,一类地区得5分,二类地区得3分,否则不得分。",)
    # worded from what is scored: each category's tier in full
    meaning = build_table(loaded.model, loaded.tree).rows[0].standard[0]
    assert "单位类别为一类地区" in meaning and "单位类别为二类地区" in meaning


def test_lint_tries_each_category():
    loaded = govrubric.loads(HEAD + LADDER, "t.rubric")
    # every tier can fire for its category: no 「永远不会生效」
    assert [f.code for f in lint(loaded) if f.code == "GL502"] == []


def test_sql_scores_category_results_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(HEAD + LADDER, "t.rubric")
    rows = [{"单位": "甲", "单位类别": "一类地区", "率": "85%"},
            {"单位": "乙", "单位类别": "二类地区", "率": "95%"},
            {"单位": "丙", "单位类别": "三类地区", "率": "95%"}]
    expected = decimal_outcome(loaded, rows)
    assert {unit: scores["一"] for unit, (scores, _) in expected[1].items()} == {"甲": D(2), "乙": D(4), "丙": D(0)}
    assert duckdb_outcome(loaded, rows) == expected


# 「建筑面积不低于1200平方米(专科单位不低于500平方米)的,得2分」: the bracket holds the named categories to their own threshold
HOSPITAL_HEAD = "细则「测试」\n单位类别:「综合医院」、「专科医院」\n"
HOSPITAL = """一、【面积】(2分)
  事实「建筑面积」:平方米
  「建筑面积」不低于1200平方米(「专科医院」不低于500平方米)的,得2分。
"""


@pytest.mark.parametrize("area, category, expected", [
    ("1000", "综合医院", "0"),   # 1000 < 1200
    ("1200", "综合医院", "2"),   # 不低于 includes 1200
    ("600", "专科医院", "2"),    # 专科: 600 ≥ 500
    ("499", "专科医院", "0"),    # 499 < 500
])
def test_a_threshold_per_category_in_brackets(area, category, expected):
    result = scored(HOSPITAL, {"建筑面积": area, "单位类别": category}, HOSPITAL_HEAD)
    assert result.scores()["一"] == D(expected)


def test_a_rate_per_category_as_the_town_rubric_publishes_it():
    # 某地镇考核 (2): 「中心镇镇区公共厕所按1座/2500人建设,其它镇镇区按1座/3000人建设,得10分」
    head = "细则「测试」\n单位类别:「中心镇」、「其它镇」\n"
    text = """一、【公厕】(10分)
  事实「公厕座数」:座数
  事实「镇区人口」:人
  「公厕座数」/「镇区人口」达到1座/2500人(「其它镇」达到1座/3000人)的,得10分,否则不得分。
"""
    # 4 toilets for 12000 people is exactly 1/3000: enough for an 其它镇, not for a 中心镇 (1/2500)
    assert scored(text, {"公厕座数": 4, "镇区人口": 12000, "单位类别": "其它镇"}, head).scores()["一"] == D(10)
    assert scored(text, {"公厕座数": 4, "镇区人口": 12000, "单位类别": "中心镇"}, head).scores()["一"] == D(0)
    assert scored(text, {"公厕座数": 8, "镇区人口": 20000, "单位类别": "中心镇"}, head).scores()["一"] == D(10)


def test_the_bracketed_threshold_round_trips_and_renders_as_written():
    tree = govrubric.loads(HOSPITAL_HEAD + HOSPITAL, "t.rubric").tree
    printed = print_rubric(tree)
    assert "「建筑面积」不低于1200平方米(「专科医院」不低于500平方米)的,得2分。" in printed
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    assert format_text(HOSPITAL_HEAD + HOSPITAL).problems == ()
    loaded = govrubric.loads(HOSPITAL_HEAD + HOSPITAL, "t.rubric")
    assert build_table(loaded.model, loaded.tree, HOSPITAL_HEAD + HOSPITAL).rows[0].standard == (
        "建筑面积不低于1200平方米(专科医院不低于500平方米)的,得2分。",)


def test_an_undeclared_category_in_the_brackets_is_refused():
    found = govrubric.loads(HOSPITAL_HEAD + HOSPITAL.replace("「专科医院」", "「专科」"), "t.rubric").check()
    assert [(d.code, d.help) for d in found if d.severity == "error"] == [("GR207", "是不是「专科医院」?")]


def test_lint_and_sql_see_each_categorys_threshold():
    loaded = govrubric.loads(HOSPITAL_HEAD + HOSPITAL, "t.rubric")
    assert [f.code for f in lint(loaded) if f.code in ("GL502", "GL301")] == []
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    rows = [{"单位": "甲", "单位类别": "综合医院", "建筑面积": "1200"},
            {"单位": "乙", "单位类别": "专科医院", "建筑面积": "499"},
            {"单位": "丙", "单位类别": "专科医院", "建筑面积": "500"}]
    expected = decimal_outcome(loaded, rows)
    assert {u: s["一"] for u, (s, _) in expected[1].items()} == {"甲": D(2), "乙": D(0), "丙": D(2)}
    assert duckdb_outcome(loaded, rows) == expected


# 信用示范城市 10: 「排名位于地级市前100名、县级市前100名、省会及副省级城市未列入约谈范围」, a whole-rubric veto by category
CREDIT_HEAD = "细则「测试」\n单位类别:「地级市」、「县级市」、「省会及副省级城市」\n"
CREDIT = """事实「排名」:名次(可空)
事实「列入约谈范围」:是否
「单位类别」为「地级市」、「县级市」且「排名」超过100名或「单位类别」为「省会及副省级城市」且「列入约谈范围」的,为「否决」。
一、【引导性指标】(100分)
  事实「得分」:分值 0—100分
  按「得分」计分。
"""


@pytest.mark.parametrize("category, facts, grade", [
    ("地级市", {"排名": 100, "列入约谈范围": "是"}, None),           # 100 is within 前100名; 约谈 is not its test
    ("县级市", {"排名": 101, "列入约谈范围": "否"}, "否决"),         # 101 > 100
    ("省会及副省级城市", {"排名": 300, "列入约谈范围": "否"}, None),  # its test is 约谈 only
    ("省会及副省级城市", {"列入约谈范围": "是"}, "否决"),
])
def test_a_grade_rule_may_test_the_unit_category(category, facts, grade):
    loaded = govrubric.loads(CREDIT_HEAD + CREDIT, "t.rubric")
    assert loaded.ok, loaded.check()
    from govrubric.codegen import compile_rubric
    from test_codegen import assert_same
    row = {"单位": "甲", "单位类别": category, "得分": 80, **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    assert loaded.score(row).grade == grade
