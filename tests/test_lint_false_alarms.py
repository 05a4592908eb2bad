"""Lint false alarms seen on real rubrics (issue 13), each kept as the small rubric that raised it.

Every test first states the finding that was wrongly reported, then the shape next to it that is a
real mistake and must still be reported, so that the fix is not a blanket silence.
"""
from decimal import Decimal as D

from govrubric.lint import lint
from helpers import ok

HEADER = '细则「测试」\n单位类别:「部门」、「街道」\n'


def findings(text: str, header: str = HEADER):
    loaded = ok(text, header)
    return loaded, [f for f in lint(loaded) if not f.silenced]


def codes(text: str, header: str = HEADER) -> set[tuple[str, str | None]]:
    return {(f.code, f.item) for f in findings(text, header)[1]}


# ------------------------------------------------------------ GL601: facts read through a rank or an average
RANKED = """
一、【收件率】(2分)
  事实「收件率」:百分比
  事实「收件率排名」:在「部门」类单位中按「收件率」从高到低排名
  「收件率排名」前三位,依次得2分、1分、0.5分。
"""


def test_gl601_quiet_for_a_fact_only_a_computed_rank_reads():
    # 拱墅 一.2: units give their 收件率; only the rank computed from it is scored
    assert "GL601" not in {c for c, _ in codes(RANKED)}
    # the rank reads 收件率 of 部门 units only: 街道 units need not fill it in (GL602 is retired)
    loaded, found = findings(RANKED)
    assert "GL602" not in {f.code for f in found}
    assert loaded.validate({"单位": "乙", "单位类别": "街道"})[2] == []


def test_gl601_quiet_for_facts_of_an_average_and_its_scope():
    text = """
一、【窗口服务】(3分)
  事实「进驻大厅」:是否
  事实「窗口得分」:分值 0—3分
  事实「进驻单位平均分」:在「进驻大厅」的单位中「窗口得分」的平均值
  按「进驻单位平均分」计分。
"""
    assert "GL601" not in {c for c, _ in codes(text)}


def test_gl601_still_reports_a_fact_nothing_reads():
    text = RANKED.replace("  事实「收件率排名」", "  事实「认领率」:百分比\n  事实「收件率排名」")
    assert ("GL601", "一") in codes(text)


# ------------------------------------------------------------ GL305: deductions by level
def test_gl305_quiet_when_a_higher_level_deducts_more():
    # a criticism by the state costs more than one by the city: in order, not inverted
    text = """
一、【通报】(5分)
  事实「通报级别」:选项「国家级」、「省级」、「市级」
  「通报级别」为「国家级」、「省级」、「市级」的,分别扣5分、3分、1分。
"""
    assert "GL305" not in {c for c, _ in codes(text)}


def test_gl305_reports_a_higher_level_that_deducts_less():
    text = """
一、【通报】(5分)
  事实「通报级别」:选项「国家级」、「省级」、「市级」
  「通报级别」为「国家级」、「省级」、「市级」的,分别扣3分、5分、1分。
"""
    loaded, found = findings(text)
    (inverted,) = [f for f in found if f.code == "GL305"]
    assert inverted.diagnostic.message == "「省级」扣5分,多于排在它前面的「国家级」扣3分"


# ------------------------------------------------------------ GL301: nothing to deduct
LATE = """
一、【超时】(3分)
  事实「超时件数」:件数
  「超时件数」1—3件的扣1分,4—6件的扣2分,7件以上扣3分。
"""


def test_gl301_quiet_where_zero_means_nothing_to_deduct():
    # was: 「超时件数」恰为0时,没有任何一档适用,本条不计分 — 0 late cases, nothing to deduct, full 3 points
    assert "GL301" not in {c for c, _ in codes(LATE)}


def test_gl301_quiet_past_the_mildest_tier_of_a_rate():
    # below 60% costs 2, 60%—80% costs 1: above 80% nothing is deducted, as the ladder runs
    text = """
一、【办结率】(2分)
  事实「办结率」:百分比
  「办结率」低于60%扣2分,60%—80%扣1分。
"""
    assert "GL301" not in {c for c, _ in codes(text)}


def test_gl301_still_reports_a_gap_between_deduction_tiers():
    loaded, found = findings(LATE.replace("4—6件的扣2分", "5—6件的扣2分"))
    (gap,) = [f for f in found if f.code == "GL301"]
    assert gap.diagnostic.message == "「超时件数」恰为4时,没有任何一档适用,本条不计分"
    assert dict(gap.witness.facts) == {"超时件数": D(4)}


def test_gl301_still_reports_the_worst_case_left_out():
    # 1—3 late costs 1, 4—6 costs 2, and 7 or more costs nothing: the harshest end is missing
    loaded, found = findings(LATE.replace(",7件以上扣3分", ""))
    (gap,) = [f for f in found if f.code == "GL301"]
    assert gap.diagnostic.message == "「超时件数」不低于7时,没有任何一档适用,本条不计分"


# ------------------------------------------------------------ GL403: caps on counts without end
def test_gl403_quiet_for_a_cap_the_count_reaches_in_whole_steps():
    # was: 「本条最多扣1分,上限1分永远用不上」 — 4 cases deduct exactly 1, 6 would deduct 1.5: the cap binds
    text = """
一、【违规】(2分)
  事实「违规次数」:次数
  「违规次数」每2次扣0.5分,扣完1分为止。
"""
    assert "GL403" not in {c for c, _ in codes(text)}
    escalating = """
一、【违规】(5分)
  事实「违规次数」:次数
  「违规次数」第一次扣1分,以后每次扣2分,扣完5分为止。
"""
    assert "GL403" not in {c for c, _ in codes(escalating)}


def test_gl403_still_reports_a_cap_out_of_reach():
    text = """
一、【违规】(3分)
  事实「违规」:是否
  「违规」的,扣0.5分,扣完2分为止。
"""
    assert ("GL403", "一") in codes(text)


# ------------------------------------------------------------ GL201: 「得N分」 on an item scored down from full
def test_gl201_quiet_when_an_award_restates_the_points_an_item_starts_from():
    # 宜良 三.3 第3点: 「均对接……的,得1分;未完成一个扣0.5分,扣完1分为止」, read as 1 point scored down
    text = """
一、【对接移动端】(1分)
  计分方式:从满分扣减
  事实「未对接移动端个数」:个数
  「未对接移动端个数」为0个的,得1分;
  「未对接移动端个数」每未完成1个扣0.5分,扣完1分为止。
"""
    # was: 本项各条款合计最多可得2分,超过本项分值1分 — but 0 个 gives 1, 1 个 0.5, 2 个 0, as written
    assert "GL201" not in {c for c, _ in codes(text)}


def test_gl201_still_reports_a_bonus_on_an_item_scored_down_from_full():
    # 拱墅 一.2: the rank bonuses of an item scored down from its 5 points can never count
    text = """
一、【收件率】(5分)
  计分方式:从满分扣减
  事实「收件率排名」:名次
  事实「认领完成」:是否
  「认领完成」的,得5分。
  「收件率排名」前三位,依次加0.5分、1分、1.5分。
"""
    loaded, found = findings(text)
    (over,) = [f for f in found if f.code == "GL201"]
    # 「得5分」 restates the 5 points the item starts from (计分方式:从满分扣减, language.md §8): 5 + 1.5, not 5 + 5 + 1.5
    assert over.diagnostic.message == "本项各条款合计最多可得6.5分,超过本项分值5分,超出部分永远不计"


# ------------------------------------------------------------ GL204: bonuses the rubric lets pass 满分
TEN_WITH_A_BONUS = """
一、【甲】(6分)
  事实「完成」:是否
  事实「获奖」:是否
  「完成」得6分。
  「获奖」加2分。
二、【乙】(4分)
  事实「乙完成」:是否
  「乙完成」得4分。
"""


def test_gl204_quiet_where_the_rubric_lets_bonuses_pass_the_points():
    text = TEN_WITH_A_BONUS
    stated = HEADER + "满分 10分\n加分上限:不受本项分值限制(理由:「加分可以超过满分」)\n"
    # was: 错误 GL204 「总分」最高可达12分,超过满分10分 — the 2 points past 满分 are the stated bonus
    assert "GL204" not in {c for c, _ in codes(text, stated)}
    under_item = text.replace("  事实「完成」", "  加分上限:不受本项分值限制(理由:「加分另计」)\n  事实「完成」")
    assert "GL204" not in {c for c, _ in codes(under_item, HEADER + "满分 10分\n")}


def test_gl204_still_an_error_past_man_fen_by_what_the_rubric_did_not_allow():
    # the stated bonus passes 满分 by 2, the bonus section by 3 more: the section is not covered by the reading
    text = TEN_WITH_A_BONUS.replace("  事实「完成」", "  加分上限:不受本项分值限制(理由:「加分另计」)\n  事实「完成」")
    text += "三、【激励加分】(累计不超过3分)\n  事实「表彰」:是否\n  「表彰」加3分。\n"
    loaded, found = findings(text, HEADER + "满分 10分\n")
    (over,) = [f for f in found if f.code == "GL204"]
    assert over.diagnostic.severity == "error"
    assert over.diagnostic.message == "「总分」最高可达15分,超过满分10分"


def test_gl201_restating_awards_in_every_clause_form():
    # 依次得 on an item scored down from full: the awards are left out of the second look (as 0, in any form)
    text = """
一、【排名】(3分)
  计分方式:从满分扣减
  事实「排名」:名次
  事实「违规次数」:次数
  「排名」前三位,依次得3分、2分、1分。
  「违规次数」每次扣1分。
"""
    assert "GL201" not in {c for c, _ in codes(text)}


# ------------------------------------------------------------ GL402: a bare 扣完为止 with another cap
def test_gl402_quiet_for_a_bare_kou_wan_wei_zhi_beside_a_written_cap():
    # 文成 一.2 (10分): 「每次扣3分,扣完为止」 (the item's 10 points) and 「每查到一次扣1分,扣完4分为止」
    text = """
一、【危险化学品】(10分)
  事实「被查到次数」:次数
  事实「经营点违法次数」:次数
  「被查到次数」每次扣3分,扣完为止;
  「经营点违法次数」每查到一次扣1分,扣完4分为止。
"""
    # was: 各条扣分上限合计14分(10+4),超过本项分值10分 — the first cap is the item, not a share of it
    assert "GL402" not in {c for c, _ in codes(text)}
    both_written = text.replace("每次扣3分,扣完为止", "每次扣3分,扣完8分为止")
    assert ("GL402", "一") in codes(both_written)  # 8 + 4 written shares of 10: still reported


# ------------------------------------------------------------ GL101: versions of an item for each category
BY_CATEGORY = """
一、【窗口】(5分)
  ○(5分)
    适用:「部门」
    事实「部门未完成项数」:项数
    「部门未完成项数」每项扣1分。
  ○(5分)
    适用:「街道」
    事实「街道未完成项数」:项数
    「街道未完成项数」每项扣1分。
"""


def test_gl101_quiet_for_blocks_that_apply_to_different_categories():
    # one 5-point item written once for 部门 and once for 街道 (test_patterns.py scores it by hand)
    header = HEADER + "不适用项:按满分计\n"
    # was: 错误 GL101 一:下级分值合计10分(5+5),与本项分值5分不符
    found = codes(BY_CATEGORY, header)
    assert not {c for c, _ in found} & {"GL101", "GL201", "GL202"}
    # each unit's version is scored alone, so the range of 一 is 0 to 5 for both categories
    from govrubric.lint.reach import Analysis
    loaded = ok(BY_CATEGORY, header)
    reach = Analysis(loaded.model).node(loaded.model.roots[0])
    assert (reach.low.value, reach.high.value, reach.raw_high.value) == (0, 5, 5)


def test_gl101_still_reports_category_blocks_that_do_not_add_up():
    text = BY_CATEGORY.replace("  ○(5分)\n    适用:「街道」", "  ○(4分)\n    适用:「街道」")
    assert ("GL101", "一") in codes(text, HEADER + "不适用项:按满分计\n")


# ------------------------------------------------------------ GL302: a range marked (含) at one end only
def test_gl302_quiet_where_the_range_marks_its_other_end():
    # 环发〔2014〕107号: 「90分及以上为优秀、70分(含)至90分为良好」: the author marked 70 as included, which says
    # the unmarked 90 is not: [70, 90), and 90 is 优秀's alone (it was a GL302 hint, then a warning, before)
    header = HEADER + "「总分」90分及以上为「优秀」;70分(含)至90分为「良好」;70分(不含)以下为「合格」。\n"
    text = """
一、【考核】(100分)
  事实「考核得分」:分值 0—100分
  按「考核得分」计分。
"""
    loaded, found = findings(text, header)
    assert "GL302" not in {f.code for f in found}
    good = loaded.model.grades.tiers[1].test.interval
    assert (good.low, good.low_closed, good.high, good.high_closed) == (70, True, 90, False)
    assert loaded.score({"单位": "甲", "单位类别": "部门", "考核得分": 90}).grade == "优秀"
    assert loaded.score({"单位": "甲", "单位类别": "部门", "考核得分": 70}).grade == "良好"
    # marked at the upper end only: 「70分至90分(含)」 is (70, 90]
    upper = header.replace("70分(含)至90分", "70分至90分(含)")
    good = findings(text, upper)[0].model.grades.tiers[1].test.interval
    assert (good.low_closed, good.high_closed) == (False, True)
    # unmarked at both ends (拱墅 「前30名(含)…;30名至60名」) the range itself claims its ends: a warning
    bare = header.replace("70分(含)至90分", "70分至90分")
    (shared,) = [f for f in findings(text, bare)[1] if f.code == "GL302"]
    assert shared.diagnostic.severity == "warning"


# ------------------------------------------------------------ GL201: 视情给分
def test_gl201_quiet_for_an_assessors_amount_up_to_the_points():
    # 文成 一.1.(5) 「按实际情况评分」: one judgement of 0 to 4 points, beside a clause that gives 3 of 5 here
    alone = """
一、【人员保障】(4分)
  事实「保障情况」:视情
  「保障情况」按实际情况评分。
"""
    assert "GL201" not in {c for c, _ in codes(alone)}
    beside = """
一、【亮点】(5分)
  事实「完成」:是否
  事实「亮点分」:视情
  「完成」得3分。
  「亮点分」视情给分。
"""
    # was: 本项各条款合计可得的分数没有上限(or 最多可得8分),超过本项分值5分 — the assessor gives what is left
    assert "GL201" not in {c for c, _ in codes(beside)}


def test_gl201_still_reports_a_priced_discretionary_bonus_past_the_points():
    text = """
一、【亮点】(5分)
  事实「完成」:是否
  事实「亮点分」:视情
  「完成」得5分。
  「亮点分」视情加1—3分。
"""
    assert ("GL201", "一") in codes(text)
