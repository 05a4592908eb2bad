"""等次 (grades): rules before the first item whose result is 为「…」. They are tried after the total is
final (after the 按…确定 rules), in the order written; the first that holds gives the unit's grade and no
score changes; a unit none holds for has no grade. Expected grades are worked out by hand in the comments."""
from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from test_codegen import assert_same, assert_same_cohort

from govrubric.codegen import compile_rubric
from govrubric.lint import lint
from govrubric.render import build_table
from govrubric.templates import needs
from helpers import HEADER, codes, ok

# Lines after the header (helpers.HEADER: 细则, 单位类别): 1 满分, 2 总分, 3 事实, 4 the grade veto,
# 5 the cap, 6 the grade ladder, 7 一 …
GRADED = """满分 100分
总分:「考评得分」= 第一项得分 + 第二项得分
事实「发生特别重大事故」:是否
「发生特别重大事故」的,为「不合格」。
「考评得分」超过100分的,按100分确定。
「考评得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;60—80分(不含)的为「合格」;60分(不含)以下的为「不合格」。
一、【工作落实】(100分)
  事实「未落实次数」:次数
  「未落实次数」每次扣2分。
二、【激励加分】(累计不超过5分)
  事实「表彰次数」:次数
  「表彰次数」每次加1分。
"""
HEADER_LINES = 2


def facts(lapses: int, awards: int = 0, accident: bool = False) -> dict:
    return {"单位": "甲", "单位类别": "部门", "发生特别重大事故": "是" if accident else "否", "未落实次数": lapses,
            "表彰次数": awards}


# 考评得分 = (100 − 2 × 未落实次数) + 表彰次数 (二 at most 5), capped at 100.
CASES = [
    # lapses, awards, accident, total, grade
    (0, 0, False, 100, "优秀"),  # 100 ≥ 90
    (5, 0, False, 90, "优秀"),  # exactly 90: 90分(含)以上
    (6, 1, False, 89, "良好"),  # 88 + 1
    (10, 0, False, 80, "良好"),  # exactly 80: 80—90分(不含) holds 80, 60—80分(不含) does not
    (11, 1, False, 79, "合格"),  # 78 + 1
    (20, 0, False, 60, "合格"),  # exactly 60: 60—80分(不含) holds 60; 60分(不含)以下 does not
    (21, 1, False, 59, "不合格"),  # 58 + 1 < 60
    (0, 5, False, 100, "优秀"),  # 105, capped at 100 by the rule on the total, then graded
    (0, 0, True, 100, "不合格"),  # the accident: 不合格 whatever the total, and the total stays 100
    (30, 0, True, 40, "不合格"),  # 40 would be 不合格 anyway; the first rule written decides
]


@pytest.mark.parametrize("lapses, awards, accident, total, grade", CASES)
def test_grades_worked_by_hand(lapses, awards, accident, total, grade):
    result = ok(GRADED).score(facts(lapses, awards, accident))
    assert result.total == D(total)
    assert result.grade == grade and result.graded


def test_a_grade_changes_no_score():
    rubric = ok(GRADED)
    plain = ok(GRADED.replace("「发生特别重大事故」的,为「不合格」。\n", "").replace(
        "「考评得分」90分(含)以上的为「优秀」;80—90分(不含)的为「良好」;60—80分(不含)的为「合格」;60分(不含)以下的为「不合格」。\n",
        "").replace("事实「发生特别重大事故」:是否\n", ""))
    for lapses, awards, accident, _, _ in CASES:
        graded = rubric.score(facts(lapses, awards, accident))
        row = facts(lapses, awards)
        del row["发生特别重大事故"]
        assert graded.scores() == plain.score(row).scores()
    row = facts(0)
    del row["发生特别重大事故"]
    assert plain.score(row).graded is False and plain.score(row).grade is None


def test_the_explanation_says_why():
    rubric = ok(GRADED)
    lines = rubric.score(facts(11, 1)).total_lines
    # the total, then the grade: the total read like a fact in a clause's condition
    assert [x.text for x in lines] == ["考评得分 = 第一项得分 78 + 第二项得分 1 = 79",
                                       "等次:「考评得分」= 79分,符合「60—80分(不含)」(60分 ≤ x < 80分) → 合格"]
    assert lines[-1].amount is None and lines[-1].line == HEADER_LINES + 6 and lines[-1].fired
    vetoed = rubric.score(facts(0, 0, True)).total_lines[-1]
    assert vetoed.text == "等次:「发生特别重大事故」= 是,「发生特别重大事故」成立 → 不合格"
    assert vetoed.line == HEADER_LINES + 4
    capped = [x.text for x in rubric.score(facts(0, 5)).total_lines]
    assert capped[1:] == ["「考评得分」超过100分的,按100分确定(> 100分):105 → 100",
                          "等次:「考评得分」= 100分,符合「90分(含)以上」(≥ 90分) → 优秀"]


def test_json_carries_the_grade_only_for_a_rubric_with_grades():
    data = ok(GRADED).score(facts(10)).to_json()
    assert data["grade"] == "良好" and list(data)[:4] == ["unit", "category", "total", "grade"]
    assert "grade" not in ok("一、【甲】(1分)\n  事实「做了」:是否\n  「做了」得1分\n").score(
        {"单位": "甲", "单位类别": "部门", "做了": "是"}).to_json()


# ------------------------------------------------------------------ no grade, 否则, order
GAPPED = """总分:「考评得分」= 第一项得分
「考评得分」90分(含)以上的为「优秀」;60—80分(不含)的为「合格」。
一、【工作】(100分)
  事实「未落实次数」:次数
  「未落实次数」每次扣5分。
"""


def test_a_unit_no_rule_holds_for_has_no_grade_and_is_told_so():
    rubric = ok(GAPPED)
    result = rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 3})  # 100 − 15 = 85: in neither
    assert result.total == D(85) and result.grade is None and result.graded
    assert result.total_lines[-1].text == "等次:「考评得分」= 85分,没有适用的等次,不评等次"
    assert result.to_json()["grade"] is None
    # 100 − 20 = 80: 60—80分(不含) leaves 80 out, so 80 has no grade either; 100 − 25 = 75 is 合格
    at_80 = rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 4})
    assert at_80.total == D(80) and at_80.grade is None
    assert rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 5}).grade == "合格"


def test_otherwise_gives_every_other_unit_a_grade():
    rubric = ok(GAPPED.replace("60—80分(不含)的为「合格」", "60—80分(不含)的为「合格」,否则为「其他」"))
    result = rubric.score({"单位": "甲", "单位类别": "部门", "未落实次数": 3})  # 85
    assert result.grade == "其他"
    assert result.total_lines[-1].text == "等次:其余情形 → 其他"


def test_grade_rules_are_tried_after_the_total_is_final_and_in_the_order_written():
    # the grade 「超额」 is written first, but the cap after it has made the total 100 by then
    rubric = ok("""总分:「考评得分」= 第一项得分 + 第二项得分
「考评得分」超过100分的为「超额」。
「考评得分」超过100分的,按100分确定。
「考评得分」90分以上的为「优秀」。
「考评得分」95分以上的为「卓越」。
一、【工作】(100分)
  事实「做了」:是否
  「做了」得100分
二、【加分】(累计不超过5分)
  事实「表彰」:次数
  「表彰」每次加1分。
""")
    result = rubric.score({"单位": "甲", "单位类别": "部门", "做了": "是", "表彰": 3})  # 103 → 100
    assert result.total == D(100)
    assert result.grade == "优秀"  # not 超额 (the total is 100 by then); not 卓越 (优秀 is written first)


def test_grade_on_facts_with_comparisons_and_an_empty_optional_fact():
    rubric = ok("""事实「事故起数」:起数
事实「通报」:是否(可空)
「事故起数」2起以上(含)或「通报」的,为「不合格」。
「总分」6分以上的为「合格」,否则为「不合格」。
一、【工作】(10分)
  事实「做了」:是否
  「做了」得10分
""")

    def grade(done: str = "是", **values):
        return rubric.score({"单位": "甲", "单位类别": "部门", "做了": done, **values}).grade

    assert grade(事故起数=1) == "合格"  # 1 < 2 and 通报 not filled in: the first rule does not hold; 10 ≥ 6
    assert grade(事故起数=2) == "不合格"  # 2起以上(含)
    assert grade(事故起数=0, 通报="是") == "不合格"
    assert grade(事故起数=0, 通报="否") == "合格"
    assert grade("否", 事故起数=0) == "不合格"  # 0 < 6: 否则


# ------------------------------------------------------------------ errors
def test_a_grade_and_a_total_rule_in_one_clause_is_an_error():
    text = """总分:「考评得分」= 第一项得分
「考评得分」超过100分的,按100分确定;60分以下的为「不合格」。
一、【工作】(100分)
  事实「做了」:是否
  「做了」得100分
"""
    assert codes(text) == [("GR223", 2, 1)]
    # written as two sentences, both work
    rubric = ok(text.replace(";60分以下", "。「考评得分」60分以下"))
    assert rubric.score({"单位": "甲", "单位类别": "部门", "做了": "否"}).grade == "不合格"


def test_a_condition_on_the_total_and_a_fact_together_is_refused_for_grades_too():
    text = """总分:「考评得分」= 第一项得分
事实「发生事故」:是否
「考评得分」90分以上且「发生事故」的,为「良好」。
一、【工作】(100分)
  「发生事故」的,扣10分
"""
    assert [c for c, _, _ in codes(text)] == ["GR222"]


def test_a_grade_under_an_item_is_refused():
    text = """一、【工作】(100分)
  事实「做了」:是否
  「做了」的,为「优秀」
"""
    assert [c for c, _, _ in codes(text)] == ["GR301"]


# ------------------------------------------------------------------ the compiled scorer
def test_compiled_scorer_gives_the_same_grades_and_lines():
    rubric = ok(GRADED)
    scorer = compile_rubric(rubric)
    assert scorer.GRADES == ("不合格", "优秀", "良好", "合格")
    for lapses, awards, accident, total, grade in CASES:
        row = facts(lapses, awards, accident)
        assert assert_same(rubric, scorer, row)
        assert scorer.score(row).grade == grade and scorer.explain(row)["grade"] == grade
    rows = [facts(n, n % 3, n == 7) | {"单位": f"单位{n}"} for n in range(0, 30, 3)]
    assert_same_cohort(rubric, scorer, rows)
    gapped = ok(GAPPED)
    row = {"单位": "甲", "单位类别": "部门", "未落实次数": 3}
    assert assert_same(gapped, compile_rubric(gapped), row) and compile_rubric(gapped).score(row).grade is None


def test_compiled_scorer_without_grades_says_nothing_of_them():
    rubric = ok("一、【甲】(1分)\n  事实「做了」:是否\n  「做了」得1分\n")
    scorer = compile_rubric(rubric)
    row = {"单位": "甲", "单位类别": "部门", "做了": "是"}
    assert scorer.GRADES == () and scorer.score(row).grade is None and "grade" not in scorer.explain(row)


# ------------------------------------------------------------------ lint: the grades are a tier ladder on the total
# The field trial's probe (p10): one item of 100分, 0.5分 off per lapse, so 考评得分 runs from 0 to 100 in steps of 0.5.
PROBE = """满分 100分
总分:「考评得分」= 第一项得分
「考评得分」80分(含)以上的为「合格单位」;60—80分(不含)的为「基本合格单位」;60分(不含)以下的为「不合格单位」。
一、【窗口】(100分)
  事实「迟到人次」:次数
  「迟到人次」每人次扣0.5分。
"""
LADDER = "「考评得分」80分(含)以上的为「合格单位」;60—80分(不含)的为「基本合格单位」;60分(不含)以下的为「不合格单位」。"


def tier_findings(rubric) -> list:
    return [f for f in lint(rubric) if f.code in ("GL301", "GL302", "GL502")]


def test_the_probe_ladder_has_no_gap_and_no_overlap():
    # ≥ 80 | 60 ≤ x < 80 | < 60: every total from 0 to 100 has exactly one grade (79.5 is 基本合格, 80 合格)
    assert tier_findings(ok(PROBE)) == []
    rubric = ok(PROBE)
    row = {"单位": "甲", "单位类别": "部门"}
    assert rubric.score(row | {"迟到人次": 41}).grade == "基本合格单位"  # 100 − 20.5 = 79.5
    assert rubric.score(row | {"迟到人次": 40}).grade == "合格单位"  # 80
    assert rubric.score(row | {"迟到人次": 80}).grade == "基本合格单位"  # 60
    assert rubric.score(row | {"迟到人次": 81}).grade == "不合格单位"  # 59.5


def test_a_gap_between_two_grades_is_found_with_a_unit_that_falls_in_it():
    # 60—79分 ends at 79 and the next grade starts at 80: 79.5 (41 lapses) has no grade
    rubric = ok(PROBE.replace("60—80分(不含)", "60—79分"))
    [finding] = tier_findings(rubric)
    assert finding.code == "GL301" and finding.diagnostic.severity == "warning" and finding.item is None
    assert finding.diagnostic.message == "「考评得分」高于79分且低于80分时,没有任何一档适用,不评等次"
    assert dict(finding.witness.facts) == {"迟到人次": D(41)}
    assert finding.witness.outcome == "「考评得分」为79.5分,没有任何一档等次适用,不评等次"
    assert rubric.score({"单位": "甲", "单位类别": "部门", "迟到人次": 41}).grade is None


def test_a_gap_no_total_falls_in_is_only_a_hint():
    # whole points off: the total is always a whole number, so nothing lands strictly between 79 and 80
    rubric = ok(PROBE.replace("60—80分(不含)", "60—79分").replace("每人次扣0.5分", "每人次扣1分"))
    [finding] = tier_findings(rubric)
    assert finding.code == "GL301" and finding.diagnostic.severity == "hint" and finding.witness is None


def test_a_ladder_that_covers_every_reachable_total_has_no_gap():
    # nothing below 60 is written, but the item keeps at least 60 (最多扣40分): no total is left without a grade
    rubric = ok(PROBE.replace(";60分(不含)以下的为「不合格单位」", "").replace("每人次扣0.5分。", "每人次扣0.5分。最多扣40分。"))
    assert tier_findings(rubric) == []
    # without the floor, totals below 60 have no grade: the witness is the lowest total
    [finding] = tier_findings(ok(PROBE.replace(";60分(不含)以下的为「不合格单位」", "")))
    assert finding.code == "GL301" and finding.diagnostic.message.startswith("「考评得分」不低于0分且低于60分时")
    assert finding.witness is not None and finding.witness.outcome.endswith("不评等次")


def test_otherwise_leaves_no_gap():
    rubric = ok(PROBE.replace(";60分(不含)以下的为「不合格单位」", ",否则为「不合格单位」"))
    assert tier_findings(rubric) == []


def test_two_grades_for_80_is_an_overlap_with_a_unit_at_80():
    # 60—80分 now holds 80 too; 80分(含)以上 is written first, so 80 is 合格单位
    rubric = ok(PROBE.replace("60—80分(不含)", "60—80分"))
    [finding] = tier_findings(rubric)
    assert finding.code == "GL302" and finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == ("「60—80分」与前面的「80分(含)以上」都包含恰为80分;"
                                          "按先写先得,这些取值按前一档计分")
    assert dict(finding.witness.facts) == {"迟到人次": D(40)}
    assert finding.witness.outcome == "「考评得分」为80分,按前一档评为「合格单位」,不评「基本合格单位」"


def test_descending_thresholds_overlap_on_purpose():
    # 90分以上 优秀, 80分以上 良好, 60分以上 合格, 否则 不合格: the usual way of writing grades
    rubric = ok(PROBE.replace(LADDER, "「考评得分」90分以上的为「优秀」;80分以上的为「良好」;60分以上的为「合格」,否则为「不合格」。"))
    assert tier_findings(rubric) == []


def test_a_grade_that_can_never_be_given():
    rubric = ok(PROBE.replace(LADDER, "「考评得分」60分以上的为「合格」;90分以上的为「优秀」;超过100分的为「超额」,否则为「不合格」。"))
    found = [(f.code, f.diagnostic.message) for f in tier_findings(rubric)]
    assert found == [
        ("GL502", "这一档「90分以上的为「优秀」」永远评不出「优秀」:前面的等次规则已包含它的全部总分"),
        ("GL502", "这一档「超过100分的为「超额」」永远评不出「超额」:「考评得分」只能在0分到100分之间"),
    ]


def test_grade_facts_are_used_and_read_for_witnesses():
    rubric = ok(GRADED)
    findings = lint(rubric)
    assert not [f for f in findings if f.code == "GL601"]  # 发生特别重大事故 is read by a grade rule
    assert tier_findings(rubric) == []  # the ladder covers every total (the grade on the fact covers none)


# ------------------------------------------------------------------ printing, formatting, the published table, diff
def test_grade_rules_print_back_and_format_unchanged():
    from govrubric.fmt import format_text
    from govrubric.printer import normalise, print_rubric
    from test_printer import parse

    for text in (GRADED, PROBE, GAPPED):
        tree = ok(text).tree
        assert parse(print_rubric(tree)) == normalise(tree)
        formatted = format_text(HEADER + text)  # checks the meaning is unchanged, and formats again alike
        assert formatted.problems == () and formatted.text is not None
    # as 考核办法 write them: 「…以上的为「优秀」」, no comma before 为
    assert "「考评得分」90分(含)以上的为「优秀」,80—90分(不含)的为「良好」" in print_rubric(ok(GRADED).tree)
    assert "「发生特别重大事故」的为「不合格」。" in print_rubric(ok(GRADED).tree)


def test_render_shows_the_grades_under_the_total():
    table = build_table(ok(GRADED).model, ok(GRADED).tree)
    assert table.total[-1] == ("等次:发生特别重大事故的为不合格,否则考评得分达到90分的为优秀,80分—90分(不含)的为良好,"
                               "60分—80分(不含)的为合格,低于60分的为不合格")
    assert table.total[:-1] == ("考评得分 = 第一项得分 + 第二项得分", "考评得分超过100分的,按100分确定")


def test_diff_reports_a_changed_grade_boundary_and_the_units_whose_grade_changes(tmp_path):
    from govrubric import load
    from govrubric.backtest import backtest, backtest_text
    from govrubric.diff import compare, diff_text

    old, new = tmp_path / "old.rubric", tmp_path / "new.rubric"
    old.write_text(HEADER + GRADED, encoding="utf-8")
    new.write_text(HEADER + GRADED.replace("80—90分(不含)的为「良好」;60—80分(不含)", "85—90分(不含)的为「良好」;60—85分(不含)"),
                   encoding="utf-8")
    rubrics = load(str(old)), load(str(new))
    found = compare(*rubrics)
    [change] = found.header
    assert change.what == "等次" and "80分—90分(不含)的为良好" in change.old and "85分—90分(不含)的为良好" in change.new
    assert found.items == ()  # no item changed
    assert f"等次:{change.old} → {change.new}\n" in diff_text(found)
    rows = [facts(10) | {"单位": "甲"}, facts(3) | {"单位": "乙"}]  # 80: 良好 → 合格; 94: 优秀 both times
    data = tmp_path / "facts.json"
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    test, problems = backtest(found, *rubrics, str(data))
    assert problems == []
    text = backtest_text(test)
    assert "  甲:80 → 80(0),等次:良好 → 合格\n" in text
    assert "  乙:94 → 94(0)\n" in text


def test_the_back_test_table_has_each_units_grade_under_both_versions(tmp_path):
    import openpyxl
    from click.testing import CliRunner

    from govrubric.cli import main

    old, new, data, out = (tmp_path / name for name in ("old.rubric", "new.rubric", "facts.json", "回测.xlsx"))
    old.write_text(HEADER + GRADED, encoding="utf-8")
    # the new version: 良好 from 85, and two points off for each lapse become three
    new.write_text(HEADER + GRADED.replace("80—90分(不含)的为「良好」;60—80分(不含)", "85—90分(不含)的为「良好」;60—85分(不含)")
                   .replace("每次扣2分", "每次扣3分"), encoding="utf-8")
    data.write_text(json.dumps([facts(5) | {"单位": "甲"}, facts(3, 2) | {"单位": "乙"}], ensure_ascii=False),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--facts", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out)["回测"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("单位", "原总分", "新总分", "变化", "原名次", "新名次", "名次变化", "原等次", "新等次", "变化的指标")
    # 甲: old 100 − 5 × 2 = 90 优秀 (90分(含)以上); new 100 − 5 × 3 = 85 良好 (85—90分(不含)); second both times
    # 乙: old 100 − 3 × 2 + 2 = 96 优秀; new 100 − 3 × 3 + 2 = 93 优秀; first both times
    assert rows[1][:9] == ("甲", 90, 85, -5, 2, 2, 0, "优秀", "良好")
    assert rows[2][:9] == ("乙", 96, 93, -3, 1, 1, 0, "优秀", "优秀")
    assert rows[1][9] == "一【工作落实】:90 → 85(−5)" and rows[2][9] == "一【工作落实】:94 → 91(−3)"


def test_the_fill_in_template_says_the_grade_uses_its_fact():
    by_name = {need.fact.name: need.items for need in needs(ok(GRADED).model)}
    assert by_name["发生特别重大事故"] == ("等次",)
