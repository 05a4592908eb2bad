"""Rules on the total (总分规则), written before the first item: caps on the total and whole-rubric
vetoes (一票否决) on a unit's facts. They are tried in the order written, after the total is computed;
the first that holds sets the total. Expected numbers are worked out by hand in the comments."""
from __future__ import annotations

import itertools
from decimal import Decimal as D

import pytest
from test_codegen import assert_same, assert_same_cohort

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.lint import lint
from govrubric.lint.reach import Analysis
from govrubric.lint.witness import score as witness_score
from govrubric.render import build_table
from govrubric.templates import needs
from helpers import codes, ok

# The probe of the field trial (安全生产), with a bonus item so that the cap on the total matters.
# Lines after the header: 1 满分, 2 总分, 3 事实, 4 the veto, 5 the cap.
PROBE = """满分 100分
总分:「考核得分」= 第一项得分 + 第二项得分
事实「发生特别重大事故」:是否
「发生特别重大事故」的,按0分确定。
「考核得分」超过100分的,按100分确定。
一、【安全责任体系】(100分)
  事实「未落实责任次数」:次数
  「未落实责任次数」每次扣2分。
二、【激励加分】(累计不超过5分)
  事实「表彰次数」:次数
  「表彰次数」每次加1分。
"""
HEADER_LINES = 2  # helpers.HEADER: 细则, 单位类别


def unit(rubric, **facts):
    return rubric.score({"单位": "甲", "单位类别": "部门", **facts})


def probe_row(accident: bool, lapses: int, awards: int) -> dict:
    return {"发生特别重大事故": "是" if accident else "否", "未落实责任次数": lapses, "表彰次数": awards}


# ------------------------------------------------------------------ scoring
def test_a_unit_with_the_accident_scores_0_whatever_its_items():
    rubric = ok(PROBE)
    # 一 = 100 − 3 × 2 = 94, 二 = 2: 考核得分 96; the veto holds → 0. The items keep their scores.
    result = unit(rubric, **probe_row(True, 3, 2))
    assert result.scores()["一"] == D(94) and result.scores()["二"] == D(2)
    assert result.total == D(0)
    # 一 = 100, 二 = 5: 105 — the veto comes first, so the cap after it is not reached: 0, not 100
    assert unit(rubric, **probe_row(True, 0, 5)).total == D(0)


def test_a_unit_without_the_accident_scores_as_before():
    rubric = ok(PROBE)
    assert unit(rubric, **probe_row(False, 3, 0)).total == D(94)  # 100 − 6, no rule holds
    assert unit(rubric, **probe_row(False, 0, 5)).total == D(100)  # 105 → the cap


def test_the_explanation_says_which_rule_decided():
    rubric = ok(PROBE)
    vetoed = unit(rubric, **probe_row(True, 3, 2)).total_lines
    decided = vetoed[-1]
    assert decided.text == ("「发生特别重大事故」的,按0分确定(「发生特别重大事故」= 是,「发生特别重大事故」成立)"
                            ":96 → 0")
    assert decided.amount == D(0) and decided.line == HEADER_LINES + 4
    capped = unit(rubric, **probe_row(False, 0, 5)).total_lines[-1]
    assert capped.text == "「考核得分」超过100分的,按100分确定(> 100分):105 → 100"
    assert capped.line == HEADER_LINES + 5
    # no rule holds: only the line computing the total, nothing said about the veto
    plain = unit(rubric, **probe_row(False, 3, 0)).total_lines
    assert len(plain) == 1 and "发生特别重大事故" not in plain[0].text


def test_the_rules_are_tried_in_the_order_written():
    # the cap first: a unit at 105 with the accident is capped (100) before the veto is tried
    text = PROBE.replace("「发生特别重大事故」的,按0分确定。\n「考核得分」超过100分的,按100分确定。\n",
                         "「考核得分」超过100分的,按100分确定。\n「发生特别重大事故」的,按0分确定。\n")
    rubric = ok(text)
    assert unit(rubric, **probe_row(True, 0, 5)).total == D(100)
    assert unit(rubric, **probe_row(True, 3, 2)).total == D(0)  # 96: the cap does not hold, the veto does


VETO_ITEM = """一、【安全】(100分)
  事实「未落实次数」:次数
  「未落实次数」每次扣2分。
"""
TOTAL = "总分:「考核得分」= 第一项得分\n"


def vetoed(rules: str):
    return ok(TOTAL + rules + VETO_ITEM)


def test_either_of_two_facts_with_a_comparison():
    # 陕西: 发生特别重大事故、或发生2起以上(含2起)重大事故的
    rubric = vetoed("事实「发生特别重大事故」:是否\n事实「重大事故起数」:起数\n"
                    "「发生特别重大事故」或「重大事故起数」2起以上(含)的,按0分确定。\n")
    # 3 lapses: 94 unless vetoed
    assert unit(rubric, 发生特别重大事故="否", 重大事故起数=2, 未落实次数=3).total == D(0)
    assert unit(rubric, 发生特别重大事故="否", 重大事故起数=1, 未落实次数=3).total == D(94)
    assert unit(rubric, 发生特别重大事故="是", 重大事故起数=0, 未落实次数=3).total == D(0)


def test_both_facts_together():
    rubric = vetoed("事实「发生较大事故」:是否\n事实「瞒报」:是否\n「发生较大事故」且「瞒报」的,按0分确定。\n")
    assert unit(rubric, 发生较大事故="是", 瞒报="是", 未落实次数=0).total == D(0)
    assert unit(rubric, 发生较大事故="是", 瞒报="否", 未落实次数=0).total == D(100)


def test_tiers_on_one_fact():
    # the second tier (1起的) is on the same fact as the first, as in a clause under an item
    rubric = vetoed("事实「重大事故起数」:起数\n「重大事故起数」2起以上的,按0分确定;1起的,按60分确定。\n")
    assert unit(rubric, 重大事故起数=3, 未落实次数=3).total == D(0)
    assert unit(rubric, 重大事故起数=1, 未落实次数=3).total == D(60)  # 94 → 60
    assert unit(rubric, 重大事故起数=0, 未落实次数=3).total == D(94)
    # the second tier is quoted without the separator before it
    decided = unit(rubric, 重大事故起数=1, 未落实次数=3).total_lines[-1].text
    assert decided.startswith("1起的,按60分确定(") and decided.endswith(":94 → 60")


def test_negation_options_percentages_and_an_empty_optional_fact():
    rubric = vetoed("事实「签订责任书」:是否\n未「签订责任书」的,按0分确定。\n")
    assert unit(rubric, 签订责任书="否", 未落实次数=0).total == D(0)
    assert unit(rubric, 签订责任书="是", 未落实次数=0).total == D(100)
    rubric = vetoed("事实「事故等级」:选项「特别重大」、「重大」、「一般」\n"
                    "「事故等级」为「特别重大」、「重大」的,按0分确定。\n")
    assert unit(rubric, 事故等级="重大", 未落实次数=0).total == D(0)
    assert unit(rubric, 事故等级="一般", 未落实次数=0).total == D(100)
    rubric = vetoed("事实「整改率」:百分比\n「整改率」低于60%的,按0分确定。\n")
    assert unit(rubric, 整改率="59%", 未落实次数=0).total == D(0)
    assert unit(rubric, 整改率="60%", 未落实次数=0).total == D(100)
    rubric = vetoed("事实「发生事故」:是否(可空)\n「发生事故」的,按0分确定。\n")
    assert unit(rubric, 未落实次数=1).total == D(98)  # not filled in: the condition does not hold


def test_otherwise_ends_the_rules():
    # 否则按「考核得分」确定 holds for every unit without the accident, so the cap after it is never tried
    rubric = ok("""总分:「考核得分」= 第一项得分 + 第二项得分
事实「事故」:是否
「事故」的,按0分确定,否则按「考核得分」确定。
「考核得分」超过100分的,按100分确定。
一、【安全】(100分)
  事实「未落实次数」:次数
  「未落实次数」每次扣2分。
二、【加分】(累计不超过5分)
  事实「表彰次数」:次数
  「表彰次数」每次加1分。
""")
    assert unit(rubric, 事故="否", 未落实次数=0, 表彰次数=5).total == D(105)
    assert unit(rubric, 事故="是", 未落实次数=0, 表彰次数=5).total == D(0)


def test_a_ratio_with_a_zero_denominator_is_a_problem_in_the_facts():
    rubric = vetoed("事实「事故起数」:起数\n事实「企业数」:数量\n「事故起数」/「企业数」超过0.5的,按0分确定。\n")
    assert unit(rubric, 事故起数=2, 企业数=3, 未落实次数=0).total == D(0)  # 2/3 > 0.5
    assert unit(rubric, 事故起数=1, 企业数=3, 未落实次数=0).total == D(100)
    with pytest.raises(govrubric.GovrubricError) as raised:
        unit(rubric, 事故起数=1, 企业数=0, 未落实次数=0)
    assert [d.code for d in raised.value.diagnostics] == ["GR408"]


COHORT = ("事实「事故起数」:起数\n事实「事故排名」:按「事故起数」从高到低排名\n"
          "「事故排名」第1名的,按0分确定。\n")


def test_a_rank_computed_from_a_fact_may_be_tested():
    # the unit with the most accidents (甲, 3) is ranked first and scores 0; 乙 (1) keeps 100 − 2 = 98
    rubric = vetoed(COHORT)
    results = rubric.score_cohort([{"单位": "甲", "单位类别": "部门", "事故起数": 3, "未落实次数": 0},
                                   {"单位": "乙", "单位类别": "部门", "事故起数": 1, "未落实次数": 1}])
    assert [r.total for r in results] == [D(0), D(98)]


# ------------------------------------------------------------------ errors
def test_a_condition_on_the_total_and_a_fact_together_is_an_error():
    text = TOTAL + "事实「事故」:是否\n「考核得分」超过90分且「事故」的,按90分确定。\n" + VETO_ITEM
    assert codes(text) == [("GR222", 3, 1)]
    problem = govrubric.loads("细则「测试」\n" + text, "t.rubric").check()[0]
    assert "不能既看「考核得分」又看「事故」" in problem.message
    assert "分成先后两条" in problem.help


def test_unknown_names_get_a_hint_among_the_facts_and_the_total():
    assert codes(TOTAL + "事实「事故」:是否\n「事古」的,按0分确定。\n" + VETO_ITEM) == [("GR214", 3, 1)]
    loaded = govrubric.loads("细则「测试」\n" + TOTAL + "「考评得分」超过100分的,按100分确定。\n" + VETO_ITEM, "t.rubric")
    problem = loaded.check()[0]
    assert problem.code == "GR214" and problem.help == "是不是「考核得分」?"


def test_a_value_computed_from_the_scores_cannot_be_tested():
    # 总分排名 is computed from the totals these very rules set
    text = TOTAL + "事实「总分排名」:按总分从高到低排名\n「总分排名」第1名的,按100分确定。\n" + VETO_ITEM
    assert [c for c, _, _ in codes(text)] == ["GR222"]


def test_the_result_must_set_the_total():
    text = TOTAL + "事实「事故」:是否\n「事故」的,扣10分。\n" + VETO_ITEM
    assert [c for c, _, _ in codes(text)] == ["GR204"]


# ------------------------------------------------------------------ compiled scorer
AGREEING = {
    "probe": (PROBE, {"发生特别重大事故": ["是", "否"], "未落实责任次数": [0, 3, 60], "表彰次数": [0, 2, 5]}),
    "either": (TOTAL + "事实「发生特别重大事故」:是否\n事实「重大事故起数」:起数\n"
               "「发生特别重大事故」或「重大事故起数」2起以上(含)的,按0分确定。\n"
               "「考核得分」超过90分的,按90分确定。\n" + VETO_ITEM,
               {"发生特别重大事故": ["是", "否"], "重大事故起数": [0, 1, 2, 3], "未落实次数": [0, 3]}),
    "tiers": (TOTAL + "事实「重大事故起数」:起数\n「重大事故起数」2起以上的,按0分确定;1起的,按60分确定。\n" + VETO_ITEM,
              {"重大事故起数": [0, 1, 2], "未落实次数": [0, 30]}),
    "ratio-optional": (TOTAL + "事实「事故起数」:起数\n事实「企业数」:数量(可空)\n"
                       "「事故起数」/「企业数」超过0.5的,按60分确定,否则按「考核得分」确定。\n" + VETO_ITEM,
                       {"事故起数": [0, 2], "企业数": [None, 0, 3], "未落实次数": [0, 5]}),
}


def every_row(values: dict[str, list]):
    """A unit for each combination of the values (None: the fact left empty)."""
    for combo in itertools.product(*values.values()):
        row = {"单位": "甲", "单位类别": "部门"}
        row.update({n: v for n, v in zip(values, combo) if v is not None})
        yield row


@pytest.mark.parametrize("name", sorted(AGREEING))
def test_the_compiled_scorer_agrees_line_for_line(name):
    text, values = AGREEING[name]
    rubric = ok(text)
    scorer = compile_rubric(rubric)
    for row in every_row(values):
        assert_same(rubric, scorer, row)


def test_the_compiled_scorer_agrees_on_a_rank_over_a_fact():
    rubric = vetoed(COHORT)
    rows = [{"单位": u, "单位类别": "部门", "事故起数": n, "未落实次数": 1} for u, n in (("甲", 3), ("乙", 1), ("丙", 3))]
    assert_same_cohort(rubric, compile_rubric(rubric), rows)


# ------------------------------------------------------------------ lint, inputs, render
def test_the_range_of_the_total_holds_every_score():
    for text, values in AGREEING.values():
        rubric = ok(text)
        reach = Analysis(rubric.model).total()
        for row in every_row(values):
            try:
                total = rubric.score(row).total
            except govrubric.GovrubricError:
                continue  # a zero denominator
            assert reach.low.value <= total <= reach.high.value


def test_a_veto_is_the_lowest_total_with_facts_that_reach_it():
    # 一 can lose at most 40 (扣完40分为止): 60 to 100 without the veto, 0 with it
    rubric = ok(TOTAL + "事实「发生事故」:是否\n「发生事故」的,按0分确定。\n"
                "一、【安全】(100分)\n  事实「未落实次数」:次数\n  「未落实次数」每次扣2分,扣完40分为止。\n")
    analysis = Analysis(rubric.model)
    reach = analysis.total()
    assert (reach.low.value, reach.high.value) == (D(0), D(100))
    assert reach.low.exact and reach.low.assignment()["发生事故"] is True
    assert witness_score(analysis.domains, reach.low.assignment(), reach.low.category).total == 0


def test_a_rule_that_sets_the_full_score_is_the_highest_total():
    # 一 gives at most 80; a unit commended by the state is set to 100
    rubric = ok("满分 100分\n" + TOTAL + "事实「国家级表彰」:是否\n「国家级表彰」的,按100分确定。\n"
                "一、【安全】(80分)\n  事实「未落实次数」:次数\n  「未落实次数」每次扣2分。\n")
    analysis = Analysis(rubric.model)
    high = analysis.total().high
    assert high.value == D(100) and high.exact
    assert witness_score(analysis.domains, high.assignment(), high.category).total == 100


def test_lint_counts_the_facts_a_veto_reads_as_used():
    findings = lint(ok(PROBE))
    assert not [f for f in findings if f.code == "GL601"]


def test_lint_still_names_a_total_no_rule_on_the_total_covers():
    # 超过100 and 不足100 leave exactly 100 unsaid (GL301); the veto between them names no total
    rubric = ok(TOTAL + "事实「事故」:是否\n「考核得分」超过100分的,按100分确定。\n「事故」的,按0分确定。\n"
                "「考核得分」不足100分的,按「考核得分」确定。\n" + VETO_ITEM)
    assert [f.code for f in lint(rubric) if f.code == "GL301"] == ["GL301"]


def test_the_fill_in_template_says_the_total_uses_the_veto_facts():
    by_name = {need.fact.name: need.items for need in needs(ok(PROBE).model)}
    assert by_name["发生特别重大事故"] == ("考核得分",)
    assert by_name["未落实责任次数"] == ("一",)


def test_render_words_the_veto_before_the_cap():
    rubric = vetoed("事实「发生特别重大事故」:是否\n事实「重大事故起数」:起数\n"
                    "「发生特别重大事故」或「重大事故起数」2起以上(含)的,按0分确定。\n"
                    "「考核得分」超过100分的,按100分确定。\n")
    table = build_table(rubric.model, rubric.tree)
    assert table.total[-1] == ("发生特别重大事故或重大事故起数达到2起的,按0分确定,"
                               "否则考核得分超过100分的,按100分确定")
