"""Every lint rule firing on a small rubric written the way published rubrics are, and staying quiet
where the rubric is right; witnesses checked by scoring them with the evaluator."""
from decimal import Decimal as D

import govrubric
from govrubric.lint import lint
from govrubric.lint.reach import raw_score
from govrubric.lint.witness import full_row, score
from helpers import ok

HEADER = '细则「测试」\n单位类别:「部门」、「街道」\n'


def run(text: str, header: str = HEADER):
    loaded = ok(text, header)
    return loaded, lint(loaded)


def codes(text: str, header: str = HEADER) -> set[tuple[str, str | None]]:
    return {(f.code, f.item) for f in run(text, header)[1] if not f.silenced}


def only(text: str, code: str, header: str = HEADER):
    loaded, found = run(text, header)
    hits = [f for f in found if f.code == code]
    assert len(hits) == 1, [(f.code, f.item, f.diagnostic.message) for f in found]
    return loaded, hits[0]


def witness_scores(loaded, finding):
    """The evaluator's result for the finding's witness (other facts neutral)."""
    from govrubric.lint.domains import Domains

    witness = finding.witness
    return score(Domains(loaded.model), dict(witness.facts), witness.category)


# ------------------------------------------------------------ GL1xx points
def test_gl101_children_points_do_not_add_up():
    # 拱墅 二.6【大厅改造】(6分) has a single 3-point part
    text = """
一、【大厅改造】(6分)
  ○(3分)
    事实「完成改造」:是否
    未「完成改造」的,扣0.5分。
"""
    loaded, finding = only(text, "GL101")
    assert finding.item == "一" and finding.diagnostic.severity == "error"
    assert finding.diagnostic.message == "下级分值合计3分(3),与本项分值6分不符"
    assert ("GL202", "一") not in codes(text)  # the shortfall is reported once, as GL101
    assert "GL101" not in {c for c, _ in codes(text.replace("(6分)", "(3分)"))}


def test_gl101_first_level_against_full_points():
    text = """
一、【甲】(60分)
  事实「完成甲」:是否
  「完成甲」得60分。
二、【乙】(30分)
  事实「完成乙」:是否
  「完成乙」得30分。
"""
    loaded, finding = only(text, "GL101", HEADER + "满分 100分\n")
    assert finding.item is None and "与满分100分不符" in finding.diagnostic.message
    assert "GL101" not in {c for c, _ in codes(text.replace("30分", "40分"), HEADER + "满分 100分\n")}


def test_gl101_through_a_middle_level_without_points():
    # 1. and 2. have no points of their own: they stand for 3+3 and 2+3, and 一 is 10, not 11
    text = """
一、【保障】(10分)
  1.【甲】
    (1)【甲1】(3分)
      事实「甲1」:是否
      「甲1」得3分。
    (2)【甲2】(3分)
      事实「甲2」:是否
      「甲2」得3分。
  2.【乙】
    (1)【乙1】(2分)
      事实「乙1」:是否
      「乙1」得2分。
    (2)【乙2】(3分)
      事实「乙2」:是否
      「乙2」得3分。
"""
    loaded, finding = only(text, "GL101")
    assert finding.item == "一"
    assert finding.diagnostic.message == "下级分值合计11分((3+3)+(2+3)),与本项分值10分不符"
    assert ("GL201", "一") not in codes(text)  # the excess is reported once, as GL101
    assert "GL102" not in {c for c, _ in codes(text)}  # the middle levels' points are their parts'
    assert "GL101" not in {c for c, _ in codes(text.replace("(10分)", "(11分)"))}
    whole = text.replace("一、【保障】(10分)", "一、【保障】")
    loaded, finding = only(whole, "GL101", HEADER + "满分 10分\n")
    assert finding.item is None and finding.diagnostic.message == \
        "计入总分的各大项分值合计11分((3+3)+(2+3)),与满分10分不符"


def test_gl101_quiet_when_the_item_scores_on_its_own_clauses_too():
    # 宜良 二.7: points 1+1 from its own clauses, 1 from an ○ part, −0.5: children alone are not the item
    text = """
一、【窗口】(3分)
  计分方式:从零计分
  事实「进驻率」:百分比
  事实「即时办结」:是否
  「进驻率」96%(含)以上得1分;
  「即时办结」的,得1分。
  ○(1分)
    事实「实质运行率」:百分比
    「实质运行率」100%得1分。
"""
    assert "GL101" not in {c for c, _ in codes(text)}


def test_gl102_some_children_without_points():
    text = """
一、【保障】(3分)
  1.【推进会】(1分)
    事实「缺席次数」:次数
    「缺席次数」每次扣0.3分。
  2.【报告】
    事实「迟报次数」:次数
    「迟报次数」每次扣1分。
"""
    loaded, finding = only(text, "GL102")
    assert finding.item == "一" and finding.diagnostic.severity == "hint"
    quiet = text.replace("【推进会】(1分)", "【推进会】")
    assert "GL102" not in {c for c, _ in codes(quiet)}


def test_gl103_skipped_item_number():
    text = """
一、【甲】(5分)
  事实「甲完成」:是否
  「甲完成」得5分。
二、【乙】(5分)
  事实「乙完成」:是否
  「乙完成」得5分。
四、【丁】(5分)
  事实「丁完成」:是否
  「丁完成」得5分。
"""
    loaded, finding = only(text, "GL103")
    assert finding.item == "四" and finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == "编号「二、」之后是「四、」,缺少「三、」"
    assert finding.diagnostic.location()[1] == 10  # at 四、, the line after the gap
    backwards = text.replace("二、【乙】", "三、【乙】").replace("四、【丁】", "二、【丁】")
    messages = [f.diagnostic.message for f in run(backwards)[1] if f.code == "GL103"]
    assert messages == ["编号「一、」之后是「三、」,缺少「二、」", "编号「三、」之后是「二、」,顺序颠倒"]
    assert "GL103" not in {c for c, _ in codes(text.replace("四、【丁】", "三、【丁】"))}


def test_gl103_skipped_clause_number_and_a_list_that_starts_late():
    text = """
一、【保障】(3分)
  计分方式:从满分扣减
  事实「缺席次数」:次数
  事实「迟报次数」:次数
  事实「漏报次数」:次数
  1.「缺席次数」每次扣0.3分;
  2.「迟报次数」每次扣0.5分;
  4.「漏报次数」每次扣1分。
二、【宣传】(2分)
  (2)【报道】(2分)
    事实「报道」:是否
    「报道」得2分。
"""
    messages = {f.item: f.diagnostic.message for f in run(text)[1] if f.code == "GL103"}
    assert messages == {"一": "条款序号有「1.」「2.」「4.」,缺少「3.」",
                        "二.(2)": "编号从「(2)」开始,前面没有「(1)」"}
    twice = text.replace("4.「漏报次数」", "2.「漏报次数」")
    messages = [f.diagnostic.message for f in run(twice)[1] if f.code == "GL103" and f.item == "一"]
    assert messages == ["条款序号「2.」之后又是「2.」,重复了"]


def test_gl103_quiet_for_numbers_carried_across_sections_and_clauses_moved_after_a_part():
    # 拱墅 numbers its rows 1 to 8 across 一 to 四; 宜良 二.7 writes its 2. after 3. and 4., in a ○ part
    text = """
一、【营商环境】(4分)
  1.【事项】(2分)
    事实「事项完成」:是否
    「事项完成」得2分。
  2.【服务】(2分)
    事实「服务完成」:是否
    「服务完成」得2分。
二、【大厅】(3分)
  3.【窗口】(3分)
    计分方式:从零计分
    事实「进驻率」:百分比
    事实「即时办结」:是否
    事实「实质运行率」:百分比
    1.「进驻率」96%(含)以上得1分;
    3.「即时办结」的,得1分。
    ○(1分)
      2.「实质运行率」100%得1分。
"""
    assert "GL103" not in {c for c, _ in codes(text)}


# ------------------------------------------------------------ GL2xx reachable range
NETWORK = """
一、【一网通办】(1分)
  计分方式:从零计分
  事实「全程网办率」:百分比
  事实「零跑腿比例」:百分比
  「全程网办率」达93%得1分,90%—92%之间,得0.5分,低于90%不得分;
  「零跑腿比例」大于等于96%得1分,92%—95%,得0.5分,低于92%不得分。
"""


def test_gl104_full_stop_for_the_decimal_point():
    # 班主任考核「缺一次扣0。5分」(field trial 3): scored as published (0.5), the slip reported where it is written
    text = """
一、【家访】(5分)
  事实「家访缺少次数」:次数
  「家访缺少次数」缺一次扣0。5分。
"""
    loaded, finding = only(text, "GL104")
    assert finding.item == "一" and finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == "「0。5」中的句号用作小数点,读作0.5"
    assert finding.diagnostic.location()[1:] == (6, 15)  # at 0。5 (the header is two lines)
    assert loaded.score({"单位": "甲", "单位类别": "部门", "家访缺少次数": 3}).scores()["一"] == D("3.5")  # 5 − 3 × 0.5
    # a full stop in a name, a title or a comment is text; 0.5 written with its point is no slip
    quiet = text.replace("家访缺少次数", "家访缺少次数0。5分").replace("0。5分。", "0.5分。  # 原文:0。5分")
    assert "GL104" not in {c for c, _ in codes(quiet)}


def test_gl201_clauses_give_more_than_the_points():
    # 宜良 三.2: two ladders of 1 point each in a 1-point item
    loaded, finding = only(NETWORK, "GL201")
    assert finding.item == "一"
    assert finding.diagnostic.message == "本项各条款合计最多可得2分,超过本项分值1分,超出部分永远不计"
    facts = dict(finding.witness.facts)
    assert facts == {"全程网办率": D(93), "零跑腿比例": D(96)}
    node = loaded.model.roots[0]
    from govrubric.lint.domains import Domains

    assert raw_score(loaded.model, node, full_row(Domains(loaded.model), facts, None), "部门") == (D(2), False)
    assert witness_scores(loaded, finding).scores()["一"] == 1
    assert finding.witness.text(loaded.model) == \
        "当「全程网办率」= 93%、「零跑腿比例」= 96%时,本项按条款得2分,限于分值后只得1分"


def test_gl201_quiet_when_the_cap_is_written_or_the_points_fit():
    capped = NETWORK.replace("(1分)", "(累计不超过1分)")
    assert "GL201" not in {c for c, _ in codes(capped)}
    fits = NETWORK.replace("(1分)", "(2分)")
    assert "GL201" not in {c for c, _ in codes(fits)}


def test_gl201_bonus_on_a_full_base():
    # 拱墅 一.2: 5 points scored down from full, with rank bonuses that can never count
    text = """
一、【收件率】(5分)
  计分方式:从满分扣减
  事实「收件率排名」:名次
  事实「收件率」:百分比
  「收件率排名」前三位,依次加0.5分、1分、1.5分。
  「收件率」低于85%的,此项不得分。
"""
    loaded, finding = only(text, "GL201")
    assert "最多可得6.5分" in finding.diagnostic.message
    assert dict(finding.witness.facts)["收件率排名"] == 3


def test_gl202_full_points_out_of_reach():
    # 宜良 二.5: 1.5 + 1 + 0.5 + 1 = 4 points of awards in a 5-point item
    text = """
一、【中心建设】(5分)
  计分方式:从零计分
  事实「集中率」:百分比
  事实「覆盖率」:百分比
  事实「设置率」:百分比
  事实「示范点个数」:个数
  1.「集中率」100%的,得1.5分。
  2.「覆盖率」100%的,得1分。
  3.「设置率」达100%的,得0.5分。
  4.「示范点个数」不少于3个,得1分。
"""
    loaded, finding = only(text, "GL202")
    assert finding.diagnostic.message == "本项最高只能得4分,达不到分值5分"
    assert witness_scores(loaded, finding).scores()["一"] == 4
    assert dict(finding.witness.facts) == {"集中率": D(100), "覆盖率": D(100), "设置率": D(100), "示范点个数": D(3)}
    assert "GL202" not in {c for c, _ in codes(text.replace("得1分。", "得2分。"))}


def test_gl202_reported_where_the_shortfall_starts():
    text = """
一、【大项】(5分)
  1.【小项】(5分)
    事实「完成」:是否
    「完成」得4分。
"""
    assert ("GL202", "一.1") in codes(text)
    assert ("GL202", "一") not in codes(text)


def test_gl203_a_formula_on_counts_has_no_bound_where_the_counts_have_none():
    # 「得分=「甲数」减去「乙数」」: each count may be any size, so the item (and the total) have no lower end;
    # lint once sampled the counts up to 101 and called −101 the exact lowest score (Hypothesis drew 998)
    text = """
一、【甲】
  事实「甲数」:例数
  事实「乙数」:次数
  得分=「甲数」减去「乙数」。
"""
    loaded, finding = only(text, "GL203")
    assert "没有下限" in finding.diagnostic.message
    assert witness_scores(loaded, finding).total < 0


def test_gl203_total_below_zero_with_an_uncapped_deduction_section():
    # 宜良 十: no points, no cap, 每项扣5分
    text = """
一、【重点任务】(10分)
  事实「完成」:是否
  「完成」得10分。
二、【扣分】
  事实「通报批评项数」:项数
  「通报批评项数」每项扣5分。
"""
    loaded, finding = only(text, "GL203")
    assert finding.item is None and "没有下限" in finding.diagnostic.message
    assert dict(finding.witness.facts) == {"完成": False, "通报批评项数": D(1)}  # the least count that shows it
    assert witness_scores(loaded, finding).total == D(-5)
    quiet = text.replace("二、【扣分】", "二、【扣分】(累计加减分最高为5分)").replace("(累计加减分最高为5分)", "") + \
        "  累计加减分最高为5分。\n"
    assert "GL203" in {c for c, _ in codes(quiet)}  # −5 is still below zero
    assert "GL203" not in {c for c, _ in codes(text.replace("二、【扣分】", "二、【扣分】(5分)"))}


def test_gl204_total_over_full():
    text = """
一、【重点任务】(100分)
  事实「完成」:是否
  「完成」得100分。
二、【加分】(累计不超过5分)
  事实「表彰次数」:次数
  「表彰次数」每次加1分。
"""
    loaded, finding = only(text, "GL204", HEADER + "满分 100分\n")
    assert finding.diagnostic.severity == "error"
    assert finding.diagnostic.message == "「总分」最高可达105分,超过满分100分"
    assert witness_scores(loaded, finding).total > 100
    final = HEADER + "满分 100分\n总分:「考评得分」= 第一项至第二项得分\n「考评得分」超过100分的,按100分确定。\n"
    assert "GL204" not in {c for c, _ in codes(text, final)}
    # 宜良「九、激励加分」 without its 「累计不超过5分」: every commendation adds a point, without end
    loaded, finding = only(text.replace("(累计不超过5分)", ""), "GL204", HEADER + "满分 100分\n")
    assert finding.diagnostic.message == "「总分」没有上限,可以任意超过满分100分"
    # facts that do not matter go back to neutral first (完成 = 否), then the count is cut to the least
    assert dict(finding.witness.facts) == {"完成": False, "表彰次数": D(101)}
    assert witness_scores(loaded, finding).total == 101


def test_gl205_deductions_cannot_use_up_the_points():
    # 宜良 二.6: two deductions of 0.5 in a 4-point item
    text = """
一、【大厅管理】(4分)
  事实「制定制度」:是否
  事实「开展挂牌」:是否
  未「制定制度」的,扣0.5分;未「开展挂牌」的,扣0.5分。
"""
    loaded, finding = only(text, "GL205")
    assert finding.diagnostic.message == "本项最低也得3分:各条最多扣1分,扣不完分值4分"
    assert witness_scores(loaded, finding).scores()["一"] == 3
    uncapped = text + "  事实「投诉次数」:次数\n  「投诉次数」每次扣0.5分。\n"
    assert "GL205" not in {c for c, _ in codes(uncapped)}


def test_gl206_too_many_combinations():
    def all_of(count: int) -> str:
        names = [f"率{i}" for i in range(count)]
        decls = "".join(f"  事实「{n}」:百分比\n" for n in names)
        cond = " 且 ".join(f"「{n}」达到90%" for n in names)
        return f"一、【全达标】(1分)\n{decls}  {cond}得1分。\n"

    # each percentage has 5 representative values (0, 45, 90, 95, 100): 5^9 combinations are too many
    assert ("GL206", "一") in codes(all_of(9))
    assert "GL206" not in {c for c, _ in codes(all_of(5))}


# ------------------------------------------------------------ GL3xx tiers
def test_gl301_gap_between_tiers():
    loaded, found = run(NETWORK)
    gaps = [f for f in found if f.code == "GL301"]
    assert [f.diagnostic.message for f in gaps] == [
        "「全程网办率」高于92%且低于93%时,没有任何一档适用,本条不计分",
        "「零跑腿比例」高于95%且低于96%时,没有任何一档适用,本条不计分",
    ]
    assert dict(gaps[0].witness.facts) == {"全程网办率": D("92.5")}
    assert witness_scores(loaded, gaps[0]).scores()["一"] == 0
    closed = NETWORK.replace("90%—92%之间", "90%—93%(不含)").replace("92%—95%", "92%—96%(不含)")
    assert "GL301" not in {c for c, _ in codes(closed)}


def test_gl301_gap_found_over_several_facts():
    text = """
一、【达标】(2分)
  计分方式:从零计分
  事实「甲率」:百分比
  事实「乙率」:百分比
  「甲率」达到90%或「乙率」达到90%的,得2分;否则「甲率」低于50%或「乙率」低于50%的,得0分。
"""
    loaded, finding = only(text, "GL301")
    facts = dict(finding.witness.facts)
    assert 50 <= facts["甲率"] < 90 and 50 <= facts["乙率"] < 90


def test_gl301_gap_in_a_ladder_whose_tiers_join_conditions_with_and():
    # 宣城 (2): 「大于5万亩,小于10万亩的,得1.6分,大于10万亩的,小于20万亩的,得1.4分」: exactly 10 has no tier
    text = """
一、【基本农田】(2.5分)
  事实「面积达标」:是否
  事实「可调整面积」:比值
  「面积达标」且「可调整面积」小于等于5的,得1.8分;否则「面积达标」且「可调整面积」大于5且「可调整面积」小于10的,得1.6分;否则「面积达标」且「可调整面积」大于10的,得1.4分;否则未「面积达标」的,不得分。
"""
    loaded, finding = only(text, "GL301")
    assert dict(finding.witness.facts) == {"面积达标": True, "可调整面积": D(10)}
    assert witness_scores(loaded, finding).scores()["一"] == 0
    # running out past the last tier at an end (more than 10 left out entirely) is not a gap between tiers
    assert "GL301" not in {c for c, _ in codes(text.replace("大于5且「可调整面积」小于10", "大于5且「可调整面积」小于等于10")
                                                    .replace(";否则「面积达标」且「可调整面积」大于10的,得1.4分", ""))}


def test_gl301_total_rules_that_skip_a_value_are_a_hint():
    # 宜良: 超过100分的按100分确定;不足100分的按考评得分确定 — exactly 100 is named by neither
    header = HEADER + ("总分:「考评得分」= 第一项得分\n"
                       "「考评得分」超过100分的,按100分确定;不足100分的,按「考评得分」确定。\n")
    text = "一、【全部】(100分)\n  事实「完成」:是否\n  「完成」得100分。\n"
    loaded, finding = only(text, "GL301", header)
    assert finding.diagnostic.severity == "hint" and "恰为100分" in finding.diagnostic.message


def test_gl302_range_claims_a_boundary_an_earlier_tier_took():
    # 拱墅 三.7:「前30名(含)…;30名至60名…」
    text = """
一、【两率】(5分)
  计分方式:从满分扣减
  事实「省排名」:名次
  「省排名」前30名(含)的,得满分;否则「省排名」30名至60名的,扣2分;否则「省排名」61名以后的,扣3分。
"""
    loaded, finding = only(text, "GL302")
    assert finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == \
        "「30名至60名」与前面的「前30名(含)」都包含第30名;按先写先得,这些取值按前一档计分"
    assert dict(finding.witness.facts) == {"省排名": D(30)}
    assert witness_scores(loaded, finding).scores()["一"] == 5  # 第30名 gets full points, nothing deducted


def test_gl302_default_inclusive_word_is_a_hint():
    # 宜良 三.5:「0.05(含)以下得1分,0.05以上不得分」: 以上 includes 0.05 only by the legal default
    text = """
一、【跑动】(1分)
  事实「跑动次数」:比值
  「跑动次数」0.05(含)以下得1分,0.05以上不得分。
"""
    loaded, finding = only(text, "GL302")
    assert finding.diagnostic.severity == "hint"


def test_gl302_quiet_for_descending_thresholds():
    # 宜良 六.1:「≥1得1分,≥0.5得0.5分,低于0.5不得分」 overlaps on purpose
    text = """
一、【承诺】(1分)
  事实「承诺数量」:数量
  事实「企业数量」:数量
  「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,低于0.5不得分。
"""
    assert not {c for c, _ in codes(text)} & {"GL301", "GL302", "GL502"}


def test_gl306_gap_between_tiers_that_the_last_otherwise_catches():
    text = """
一、【网办】(1分)
  事实「全程网办率」:百分比
  「全程网办率」达93%得1分,90%—92%之间得0.5分,否则不得分。
"""
    loaded, finding = only(text, "GL306")
    assert finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == \
        "「全程网办率」高于92%且低于93%时,不属于写明的任何一档,落入最后的「否则不得分」"
    assert dict(finding.witness.facts) == {"全程网办率": D("92.5")}
    assert witness_scores(loaded, finding).scores()["一"] == 0
    assert "GL301" not in {c for c, _ in codes(text)}  # every value has a tier: the 否则
    # 否则 past the written tiers (below 90%) is what it is for
    assert "GL306" not in {c for c, _ in codes(text.replace("90%—92%之间", "90%—93%(不含)"))}


GRADED = """
一、【考勤】(100分)
  计分方式:从满分扣减
  事实「迟到人次」:人次数
  「迟到人次」每人次扣0.5分,扣完为止。
"""


def test_gl306_grades_with_a_hole_that_the_last_otherwise_catches():
    # 90以上优秀;80—89良好;否则一般: 89.5 is 一般
    header = HEADER + "「总分」90分以上的为「优秀」;80—89分的为「良好」;否则为「一般」。\n"
    loaded, finding = only(GRADED, "GL306", header)
    assert finding.item is None and finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == "「总分」高于89分且低于90分时,不属于写明的任何一档,落入最后的「否则为「一般」」"
    assert finding.witness.outcome == "「总分」为89.5分,评为「一般」"
    assert witness_scores(loaded, finding).total == D("89.5")  # 21 late arrivals: 100 − 21 × 0.5
    whole_points = GRADED.replace("0.5分", "1分")
    loaded, finding = only(whole_points, "GL306", header)
    assert finding.diagnostic.severity == "hint" and finding.witness is None  # totals are whole: none lands there
    assert "GL306" not in {c for c, _ in codes(GRADED, header.replace("80—89分", "80—90分(不含)"))}


def test_gl303_before_and_after_without_inclusion():
    text = """
一、【营商环境评价】(5分)
  计分方式:从满分扣减
  事实「全市排名」:名次
  「全市排名」第3名之后的,扣1分。
"""
    loaded, finding = only(text, "GL303")
    assert finding.diagnostic.message == "「第3名之后」没有写明是否包含第3名;本语言按不含理解"
    # 第3名: not after 第3名 keeps all 5 points; counted in, it loses 1
    assert dict(finding.witness.facts) == {"全市排名": D(3)}
    assert finding.witness.outcome == "「第3名之后」按不含理解,本项得5分;若按含理解,本项得4分"
    assert witness_scores(loaded, finding).scores()["一"] == D(5)
    assert "GL303" not in {c for c, _ in codes(text.replace("第3名之后", "第3名之后(不含)"))}
    stated = HEADER + "边界:之后不含本数\n"
    assert "GL303" not in {c for c, _ in codes(text, stated)}


def test_gl303_quiet_where_the_number_scores_the_same_in_or_out():
    # 拱墅 三.7: at 第3名 「之前不扣分」 deducts nothing and 「之后每下降1位」 is 0 steps, read either way
    text = """
一、【营商环境评价】(5分)
  计分方式:从满分扣减
  扣分下限:到0为止
  事实「全市排名」:名次
  「全市排名」第3名之前的,不扣分。
  「全市排名」第3名之后,每下降1位扣0.5分。
"""
    assert "GL303" not in {c for c, _ in codes(text)}


def test_gl304_one_fact_of_either_or_tiers_leaves_values_out():
    # 拱墅 三.7: 市 4th and 5th place belong to no tier; the province rank then decides
    text = """
一、【两率】(5分)
  计分方式:从满分扣减
  事实「省排名」:名次
  事实「市排名」:名次
  「省排名」前30名(含)或「市排名」前3名(含)的,得满分;否则「省排名」31名至60名或「市排名」第6名至10名的,扣2分;否则「省排名」61名以后或「市排名」11名以后的,扣3分。
"""
    loaded, finding = only(text, "GL304")
    assert finding.diagnostic.message == "「市排名」第4名至第5名不属于任何一档,这时只由「省排名」决定"
    assert "GL301" not in {c for c, _ in codes(text)}
    filled = text.replace("第6名至10名", "第4名至10名")
    assert "GL304" not in {c for c, _ in codes(filled)}


def test_gl305_amounts_against_the_order():
    text = """
一、【收件率】(5分)
  计分方式:从零计分
  事实「收件率排名」:名次
  「收件率排名」前三位,依次加0.5分、1分、1.5分。
"""
    loaded, finding = only(text, "GL305")
    assert "第1名加0.5分、第2名加1分、第3名加1.5分" in finding.diagnostic.message
    assert "GL305" not in {c for c, _ in codes(text.replace("0.5分、1分、1.5分", "1.5分、1分、0.5分"))}
    levels = """
一、【宣传】(累计不超过5分)
  事实「报道」:清单「中央级」、「省部级」、「市级」
  「报道」为「中央级」、「省部级」、「市级」的,分别加2分、1分、1.5分。
"""
    loaded, finding = only(levels, "GL305")
    assert finding.diagnostic.message == "「市级」加1.5分,多于排在它前面的「省部级」加1分"


# ------------------------------------------------------------ GL4xx caps
def test_gl401_clause_cap_over_the_points():
    text = """
一、【整改】(1分)
  事实「超时条数」:条数
  「超时条数」每条扣0.5分,扣完2分为止。
"""
    loaded, finding = only(text, "GL401")
    assert finding.diagnostic.message == "本条上限2分大于本项分值1分"
    assert "GL401" not in {c for c, _ in codes(text.replace("扣完2分为止", "扣完1分为止"))}


def test_gl402_caps_together_over_the_points():
    # 宜良 八 (3分): 扣完2分为止 and 扣完3分为止 in two parts without points
    text = """
八、【保障措施】(3分)
  计分方式:从满分扣减
  1.【推进会】
    事实「缺席次数」:次数
    「缺席次数」每次扣0.3分,扣完2分为止。
  2.【季度报告】
    事实「迟报次数」:次数
    「迟报次数」每次扣1分,扣完3分为止。
"""
    loaded, finding = only(text, "GL402")
    assert finding.diagnostic.message == "各条扣分上限合计5分(2+3),超过本项分值3分"
    assert "GL402" not in {c for c, _ in codes(text.replace("扣完3分为止", "扣完1分为止"))}


def test_gl402_quiet_for_bonuses_under_a_written_cumulative_cap():
    # 宜良 九 (累计不超过5分): bonus caps may add up to more; the cumulative cap is meant to cut them
    text = """
九、【激励加分】(累计不超过5分)
  事实「简报次数」:次数
  事实「采纳个数」:个数
  「简报次数」每次加0.3分,此项加分不超过1分;
  「采纳个数」每采纳1个主题事项加1分,此项加分最多不超过3分;
  事实「发言次数」:次数
  「发言次数」每次加0.5分,此项加分不超过2分。
"""
    assert "GL402" not in {c for c, _ in codes(text)}


def test_gl403_cap_that_never_binds():
    # 拱墅 二.6【大厅改造】: 「扣0.2分,扣完为止」 in a 3-point part
    text = """
一、【大厅改造】(3分)
  事实「减场地」:是否
  未「减场地」的,扣0.2分,扣完为止。
"""
    loaded, finding = only(text, "GL403")
    assert finding.diagnostic.message == "本条最多扣0.2分,上限3分永远用不上"
    per = text.replace("未「减场地」的,扣0.2分", "「减场地」").replace("事实「减场地」:是否", "事实「减场地」:次数")
    per = per.replace("「减场地」,扣完为止", "「减场地」每次扣0.2分,扣完为止")
    assert "GL403" not in {c for c, _ in codes(per)}


def test_gl404_cap_smaller_than_one_step():
    text = """
一、【违规】(3分)
  事实「违规次数」:次数
  「违规次数」每次扣2分,扣完1分为止。
"""
    loaded, finding = only(text, "GL404")
    assert finding.diagnostic.severity == "warning"
    assert finding.diagnostic.message == \
        "「每次扣2分」一次就扣2分,本条的上限「扣完1分为止」却只有1分:第一次就超过上限,多出的部分永远不计"
    # one case takes 1 point, not 2: 3 − 1 = 2
    assert dict(finding.witness.facts) == {"违规次数": D(1)}
    assert witness_scores(loaded, finding).scores()["一"] == 2
    assert "GL404" not in {c for c, _ in codes(text.replace("扣完1分为止", "扣完2分为止"))}
    # a bare 扣完为止 is the item's points: the first case may use them up on purpose
    assert "GL404" not in {c for c, _ in codes(text.replace("扣完1分为止", "扣完为止").replace("(3分)", "(1分)"))}


def test_gl404_cap_smaller_than_one_step_of_a_gap_or_a_first_time():
    step = """
一、【办结率】(3分)
  事实「办结率」:百分比
  「办结率」低于90%的,每低1个百分点扣0.5分,扣完0.3分为止。
"""
    loaded, finding = only(step, "GL404")
    assert finding.diagnostic.message.startswith("「每低1个百分点扣0.5分」一次就扣0.5分")
    assert dict(finding.witness.facts) == {"办结率": D(89)}  # 1 point below: 3 − 0.3
    assert witness_scores(loaded, finding).scores()["一"] == D("2.7")
    first = """
一、【违规】(3分)
  事实「违规次数」:次数
  「违规次数」第一次扣1分,以后每次扣2分,扣完0.5分为止。
"""
    loaded, finding = only(first, "GL404")
    assert finding.diagnostic.message.startswith("「第一次扣1分」一次就扣1分,本条的上限「扣完0.5分为止」")

    discretion = """
一、【违规】(5分)
  事实「违规」:视情
  「违规」每1件扣2—3分,扣完1分为止。
"""
    # lint crashed here: one occurrence was the number 1, where a 视情 fact holds the amounts, one per case
    loaded, finding = only(discretion, "GL404")
    assert finding.diagnostic.message.startswith("「每1件扣2—3分」一次就扣2分,本条的上限「扣完1分为止」")
    assert dict(finding.witness.facts) == {"违规": [D(2)]}  # one case at the least amount: 5 − 1 = 4
    assert witness_scores(loaded, finding).scores()["一"] == 4


# ------------------------------------------------------------ GL5xx cannot be scored
def test_gl501_item_with_points_and_no_clause():
    # 拱墅【招标投标】(2分): only requirements, no scoring standard
    text = """
一、【招标投标】(2分)
  要求:「协助完善实施管理」
  计分方式:从满分扣减
二、【其他】(2分)
  事实「完成」:是否
  「完成」得2分。
"""
    loaded, finding = only(text, "GL501")
    assert finding.item == "一"
    assert finding.diagnostic.message == "本项有分值2分,却没有评分条款,得分恒为2分"


def test_gl501_clauses_that_cannot_change_the_score():
    text = """
一、【满分】(2分)
  计分方式:从满分扣减
  事实「完成」:是否
  「完成」的,得满分。
"""
    loaded, finding = only(text, "GL501")
    assert finding.diagnostic.message == "本项的条款都不能改变得分,得分恒为2分"


def test_gl502_tier_that_never_fires():
    # ascending thresholds read in the order written (单边档次:按书写顺序): 达到60% takes everything 达到90% would
    text = """
一、【办结率】(2分)
  单边档次:按书写顺序
  事实「办结率」:百分比
  「办结率」达到60%得1分,达到90%得2分。
"""
    loaded, finding = only(text, "GL502")
    assert "永远不会生效:前面的档次已包含它的全部取值" in finding.diagnostic.message
    assert "GL502" not in {c for c, _ in codes(text.replace("达到60%得1分,达到90%得2分", "达到90%得2分,达到60%得1分"))}
    # by default such one-sided tiers take the most specific (language.md 6.2): 达到90% applies, nothing is dead
    assert "GL502" not in {c for c, _ in codes(text.replace("  单边档次:按书写顺序\n", ""))}


def test_gl502_a_grade_rule_on_the_category_and_the_total_after_rules_grading_every_total():
    # drawn by CI (test_lint_ladder): a rule on 「单位类别」 and 「总分」 together after rules that grade every total
    # is never reached; lint said so without a witness instead of a KeyError on 「总分」 (no fact to choose)
    text = """细则「t」
单位类别:「甲」、「乙」
满分 10分
事实「率」:百分比(可空)
「总分」90的为「优」,0—90的为「良好」。
「单位类别」为「甲」 且 「总分」0分—60分的为「差」,否则为「良好」。

一、【一】(10分)
  「率」达到90%的,得10分。
"""
    findings = [f for f in lint(govrubric.loads(text)) if f.code == "GL502"]
    # line 5: 「总分」90 can never be reached under 满分 10; line 6: never reached, said without a witness
    assert [(f.diagnostic.location()[1], f.witness) for f in findings] == [(5, None), (6, None)]
    assert "永远不会起作用" in findings[1].diagnostic.message


def test_gl502_a_rule_on_the_total_that_an_earlier_rule_always_pre_empts():
    header = HEADER + ("满分 100分\n「总分」超过100分的,按100分确定;否则按「总分」确定。\n"
                       "事实「发生事故」:是否\n「发生事故」的,按0分确定。\n")
    loaded, finding = only(GRADED, "GL502", header)
    assert finding.item is None
    assert finding.diagnostic.message == \
        "这条总分规则「「发生事故」的,按0分确定」永远不会起作用:前面的「否则按「总分」确定」对每个单位都成立"
    # a unit with an accident and no late arrivals keeps 100, not 0
    assert finding.witness.text(loaded.model) == "当「发生事故」= 是时,「总分」为100分,这条规则没有起作用"
    assert witness_scores(loaded, finding).total == 100
    # the earlier rules take every total a later one names: 低于0分 is already 不足100分
    header = HEADER + "满分 100分\n「总分」超过100分的,按100分确定;不足100分的,按「总分」确定;低于0分的,按0分确定。\n"
    loaded, finding = only(GRADED, "GL502", header)
    assert finding.diagnostic.message == "这条总分规则「低于0分的,按0分确定」永远不会起作用:前面的规则已包含它说到的全部总分"
    # a veto written first, and a safety net no total reaches, are fine
    first = HEADER + "满分 100分\n事实「发生事故」:是否\n「发生事故」的,按0分确定。\n「总分」低于0分的,按0分确定。\n"
    assert "GL502" not in {c for c, _ in codes(GRADED, first)}


def test_gl502_a_grade_on_facts_after_grades_for_every_total():
    header = HEADER + ("「总分」90分以上的为「优秀」;60—90分(不含)的为「合格」;60分(不含)以下的为「不合格」。\n"
                       "事实「发生事故」:是否\n「发生事故」的,为「不合格」。\n")
    loaded, finding = only(GRADED, "GL502", header)
    assert finding.diagnostic.message == \
        "这一档「「发生事故」的,为「不合格」」永远不会起作用:前面的等次规则已给「总分」能取到的每个分数评了等次"
    assert finding.witness.outcome == "「总分」为100分,按前面的等次规则评为「优秀」"
    assert witness_scores(loaded, finding).grade == "优秀"
    before = HEADER + ("事实「发生事故」:是否\n「发生事故」的,为「不合格」。\n"
                       "「总分」90分以上的为「优秀」;60—90分(不含)的为「合格」;60分(不含)以下的为「不合格」。\n")
    assert "GL502" not in {c for c, _ in codes(GRADED, before)}


# ------------------------------------------------------------ GL6xx facts
def test_gl601_declared_but_unused():
    text = """
一、【公布】(1分)
  事实「按时公布」:是否
  事实「公布次数」:次数
  「按时公布」得1分,否则不得分。
"""
    loaded, finding = only(text, "GL601")
    assert finding.diagnostic.message == "事实「公布次数」已声明,但没有任何条款用到"
    assert finding.item == "一"


def test_gl602_retired_a_fact_only_one_category_needs_is_asked_of_that_category_only():
    text = """
一、【部门的事】(2分)
  适用:「部门」
  事实「部门完成」:是否
  「部门完成」得2分。
二、【大家的事】(2分)
  事实「大家完成」:是否
  「大家完成」得2分。
"""
    header = HEADER + "不适用项:按满分计\n"
    # GL602 once said 街道 units had to fill in 「部门完成」 for nothing; now they need not give it at all
    assert "GL602" not in {c for c, _ in codes(text, header)}
    loaded = govrubric.loads(header + text)
    assert loaded.validate({"单位": "乙", "单位类别": "街道", "大家完成": True})[2] == []


def test_gl603_score_fact_without_a_range_under_an_item_without_points():
    # P15 (宜良 一.3 「由县政府办考核打分」) with the score written on a sub-item that has no points:
    # check/declarations.py holds a 分值 fact to the points of the item scored by it, and there are none
    text = """
一、【县政府办考核】(5分)
  1.【考核打分】
    事实「考核得分」:分值
    按「考核得分」计分。
"""
    loaded, finding = only(text, "GL603")
    assert (finding.item, finding.diagnostic.severity) == ("一.1", "warning")
    assert finding.diagnostic.message == "分值事实「考核得分」没有写范围,按它计分的 一.1 没有分值:填多大的分数都接受,没有上限"
    assert "「事实「考核得分」:分值 0—5分」" in finding.diagnostic.help  # the points of the item above
    # magnitude 1 + 5 (points) + 5 (cap) = 11, so a round 1000 lies past every bounded score
    assert dict(finding.witness.facts) == {"考核得分": D(1000)}
    assert finding.witness.outcome == "本项得1000分"
    scores = witness_scores(loaded, finding).scores()
    assert (scores["一.1"], scores["一"]) == (D(1000), D(5))  # the item above cuts it, the fact takes it
    for bounded in (text.replace(":分值", ":分值 0—5分"), text.replace("【考核打分】", "【考核打分】(5分)")):
        assert "GL603" not in {c for c, _ in codes(bounded)}
    # facts files are told the same: any score from 0 up, not 「0到所在指标分值」 (there is none)
    assert loaded.model.facts["考核得分"].expected() == "不小于0的分数"
    _, _, problems = loaded.validate({"单位": "甲", "单位类别": "部门", "考核得分": "-1"})
    assert [p.message for p in problems] == ["单位「甲」的事实「考核得分」的值「-1」不合要求:应为不小于0的分数"]
    scored_by_five = ok(text.replace("【考核打分】", "【考核打分】(5分)"), HEADER)
    assert scored_by_five.model.facts["考核得分"].expected() == "0到5之间的分数"


def test_gl603_score_fact_only_compared_is_a_hint():
    text = """
一、【热线】(1分)
  事实「热线考核得分」:分值
  「热线考核得分」达到3分得1分,否则不得分。
"""
    loaded, finding = only(text, "GL603")
    assert (finding.item, finding.diagnostic.severity, finding.witness) == ("一", "hint", None)
    assert "也没有哪个有分值的指标按它计分" in finding.diagnostic.message


# ------------------------------------------------------------ GL7xx applicability
def test_gl701_applies_to_nobody():
    text = """
一、【部门】(2分)
  适用:「部门」
  1.【街道的事】(2分)
    适用:「街道」
    事实「完成」:是否
    「完成」得2分。
"""
    loaded, finding = only(text, "GL701", HEADER + "不适用项:按满分计\n")
    assert finding.item == "一.1"


def test_gl702_no_rule_for_items_that_do_not_apply():
    text = """
一、【部门的事】(2分)
  适用:「部门」
  事实「完成」:是否
  「完成」得2分。
"""
    loaded, finding = only(text, "GL702")
    assert finding.item == "一"
    assert "GL702" not in {c for c, _ in codes(text, HEADER + "不适用项:按满分计\n")}


def test_gl703_target_that_names_no_category():
    text = """
一、【窗口】(2分)
  考核对象:「各区县」
  事实「完成」:是否
  「完成」得2分。
"""
    loaded, finding = only(text, "GL703")
    assert "GL703" not in {c for c, _ in codes(text.replace("各区县", "各街道"))}


# ------------------------------------------------------------ GL8xx copies
def test_gl801_identical_scoring_text():
    # 宜良 六.1 and 六.2 carry the same clause
    text = """
一、【归集】(1分)
  事实「承诺数量」:数量
  事实「企业数量」:数量
  「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,低于0.5不得分。
二、【公示】(1分)
  「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,低于0.5不得分。
"""
    loaded, finding = only(text, "GL801")
    assert finding.item == "二" and finding.diagnostic.message == "本项的评分条款与 一 逐字相同"
    assert "GL801" not in {c for c, _ in codes(text.replace("≥0.5得0.5分,低于0.5不得分。\n二", "低于1不得分。\n二"))}


# ------------------------------------------------------------ silencing (GL9xx)
GAPPY = """
一、【一网通办】(1分)
  事实「全程网办率」:百分比
  # lint: 忽略 GL301 原因:原文如此,92%—93%之间确实不得分
  「全程网办率」达93%得1分,90%—92%之间,得0.5分,低于90%不得分。
"""


def test_silencing_comment_silences_one_code_for_one_item():
    loaded, found = run(GAPPY)
    (gap,) = [f for f in found if f.code == "GL301"]
    assert gap.silenced and gap.reason == "原文如此,92%—93%之间确实不得分"
    assert not [f for f in found if f.code.startswith("GL9")]


def test_gl901_silencing_needs_a_reason_and_a_known_code():
    no_reason = GAPPY.replace(" 原因:原文如此,92%—93%之间确实不得分", "")
    loaded, found = run(no_reason)
    assert {f.code for f in found if not f.silenced} >= {"GL301", "GL901"}
    assert "没有写原因" in next(f for f in found if f.code == "GL901").diagnostic.message
    unknown = GAPPY.replace("GL301", "GL399")
    assert "GL901" in {c for c, _ in codes(unknown)}
    garbled = GAPPY.replace("忽略 GL301", "跳过")
    assert "GL901" in {c for c, _ in codes(garbled)}


def test_gl902_silencing_that_silences_nothing():
    text = """
一、【公布】(1分)
  # lint: 忽略 GL201 原因:两条都可能得分
  事实「按时公布」:是否
  「按时公布」得1分,否则不得分。
"""
    loaded, finding = only(text, "GL902")
    assert finding.item == "一" and finding.diagnostic.severity == "hint"


# ------------------------------------------------------------ GL001 readings taken by default
def test_gl001_a_reading_the_wording_leaves_open_is_hinted_until_stated():
    # 宜良 一.1(2) (2分): 「每抽查发现1次扣0.1分」 without 扣完为止 — can the item go below 0?
    text = """
一、【事项标准化】(2分)
  计分方式:从满分扣减
  事实「指南不一致次数」:次数
  「指南不一致次数」每抽查发现1次扣0.1分
"""
    loaded, finding = only(text, "GL001")
    assert finding.item == "一" and finding.diagnostic.severity == "hint"
    assert "扣分下限:到0为止" in finding.diagnostic.message
    assert "govrubric score --reading 扣分下限=可为负分" in finding.diagnostic.help
    # 21 findings × 0.1 = 2.1 passes the 2 points by 0.1; 20 only reach 0, where both readings agree
    assert dict(finding.witness.facts) == {"指南不一致次数": D(21)}
    assert finding.witness.outcome == "本项按「到0为止」得0分,按「可为负分」得-0.1分"
    stated = HEADER + "扣分下限:到0为止(理由:「各项以分值为限」)\n"
    assert "GL001" not in {c for c, _ in codes(text, stated)}
    (decision,) = [d for d in ok(text, stated).model.decisions if d.key == "扣分下限" and d.path == "一"]
    assert (decision.origin, decision.reason) == ("写明", "各项以分值为限")


def test_gl001_quiet_where_nothing_is_open():
    # a fixed 0.5 deduction in a 4-point item can never pass the points: the floor decides nothing
    text = """
一、【大厅管理】(4分)
  计分方式:从满分扣减
  事实「未制定制度」:是否
  未「未制定制度」的,扣0.5分
"""
    assert "GL001" not in {c for c, _ in codes(text)}


def test_gl001_names_only_the_reading_that_changes_the_score():
    # field trial B2: for an item that only deducts, 按条款推断 is 从满分扣减 itself; only 从零计分 differs
    text = """
一、【整改】(2分)
  事实「超时未整改条数」:次数
  「超时未整改条数」每1条扣0.5分,扣完为止。
"""
    loaded, finding = only(text, "GL001")
    assert finding.diagnostic.message.endswith("原文没有写明,计分采用默认口径「计分方式:从满分扣减」")
    assert finding.diagnostic.help == ("在细则开头(全部指标)或本项下写明「计分方式:从满分扣减(理由:「…」)」;"
                                       "另一种读法是「从零计分」,可用 govrubric score --reading 计分方式=从零计分 比较")
    # nothing to deduct: 2 points from the full points, 0 from zero
    assert dict(finding.witness.facts) == {"超时未整改条数": D(0)}
    assert finding.witness.outcome == "本项按「从满分扣减」得2分,按「从零计分」得0分"
    assert witness_scores(loaded, finding).scores()["一"] == D(2)


def test_gl001_an_item_that_awards_and_deducts_is_offered_the_full_points():
    text = """
一、【公开】(2分)
  扣分下限:到0为止
  事实「按时公开」:是否
  事实「被通报」:是否
  「按时公开」的,得2分。
  「被通报」的,扣1分。
"""
    loaded, finding = only(text, "GL001")
    assert "计分采用默认口径「计分方式:从零计分」" in finding.diagnostic.message
    assert "另一种读法是「从满分扣减」,可用 govrubric score --reading 计分方式=从满分扣减 比较" in finding.diagnostic.help
    # neither: 0 from zero; 2 from the full points
    assert finding.witness.outcome == "本项按「从零计分」得0分,按「从满分扣减」得2分"


def test_gl001_quiet_where_the_other_reading_scores_the_same():
    # a rank is a whole number: 每下降1位 never leaves part of a step, so 按比例计 changes nothing
    ranked = """
一、【排名】(3分)
  计分方式:从满分扣减
  事实「全市排名」:名次
  「全市排名」第3名以后的,每下降1位扣0.5分,扣完为止。
"""
    assert "GL001" not in {c for c, _ in codes(ranked)}
    # 得2分 and 加1分 reach 3 of the 5 points: bonuses are never cut by them
    short_bonus = """
一、【表彰】(5分)
  事实「获奖」:是否
  事实「表彰」:是否
  「获奖」的,得2分。
  「表彰」的,加1分。
"""
    assert "GL001" not in {c for c, _ in codes(short_bonus)}
    # from zero, 得2分 and a veto never go below 0: the floor decides nothing
    vetoed = """
一、【否决】(2分)
  计分方式:从零计分
  不得分范围:本项
  事实「甲」:是否
  事实「乙」:是否
  「甲」的,得2分。
  「乙」的,不得分。
"""
    assert "GL001" not in {c for c, _ in codes(vetoed)}


def test_gl001_a_standalone_no_score_shows_what_it_strikes():
    text = """
一、【否决】(2分)
  计分方式:从零计分
  事实「甲」:是否
  事实「乙」:是否
  「甲」的,得2分。
  「乙」的,不得分。
"""
    loaded, finding = only(text, "GL001")
    assert "「不得分范围:本项」" in finding.diagnostic.message
    assert "另一种读法是「本条」" in finding.diagnostic.help
    # both: the veto strikes the 2 points of 甲 (本项), or only its own clause (本条)
    assert dict(finding.witness.facts) == {"甲": True, "乙": True}
    assert finding.witness.outcome == "本项按「本项」得0分,按「本条」得2分"


def test_gl001_bonus_past_the_points():
    text = """
一、【乙】(5分)
  计分方式:从满分扣减
  事实「表彰」:是否
  「表彰」的,加1分。
"""
    loaded, finding = only(text, "GL001")
    # 计入总分 (issue 15) gives the unit the same 6: 5 in the item, 1 added to the total
    assert "其他读法是「不受本项分值限制」、「计入总分」" in finding.diagnostic.help
    assert finding.witness.outcome == "本项按「受本项分值限制」得5分,按「不受本项分值限制」得6分"


def test_gl001_items_for_some_units_only():
    text = """
一、【甲】(5分)
  适用:「部门」
  事实「完成甲」:是否(可空)
  「完成甲」得5分。
二、【乙】(5分)
  事实「完成乙」:是否
  「完成乙」得5分。
"""
    loaded, finding = only(text, "GL001")
    assert finding.diagnostic.help == ("在细则开头写明「不适用项:按满分计(理由:「…」)」;其他读法是「不计分」、「按比例折算」,"
                                       "可用 govrubric score --reading 不适用项=不计分 比较")
    # a 街道 that did nothing: 一 counts its 5 points in full, or nothing
    assert finding.witness.category == "街道"
    assert finding.witness.outcome == "「总分」按「按满分计」为5分,按「不计分」为0分"
    everyone = text.replace("适用:「部门」", "适用:「部门」、「街道」")
    assert "GL001" not in {c for c, _ in codes(everyone)}


def test_gl001_quotes_the_clause_own_step():
    # field trial B3 (环保 ①): 「每差1微克/立方米」 written 「每差1个」 over a 比值 fact
    text = """
一、【PM10】(3分)
  计分方式:从满分扣减
  事实「PM10超出年度目标微克数」:比值
  「PM10超出年度目标微克数」超过0的,每差1个扣0.5分,扣完为止。
"""
    loaded, finding = only(text, "GL001")
    assert finding.diagnostic.message == ("按差距计分「每差1个」:不足1个的部分计不计?"
                                          "原文没有写明,计分采用默认口径「每低:按整数计」")
    # 3.75 over: 3 whole steps (3 − 1.5) or 3.75 steps (3 − 1.875)
    assert dict(finding.witness.facts) == {"PM10超出年度目标微克数": D("3.75")}
    assert finding.witness.outcome == "本项按「按整数计」得1.5分,按「按比例计」得1.125分"
    counted = """
一、【办件】(3分)
  计分方式:从满分扣减
  事实「办件数」:次数
  「办件数」低于10件的,每少2件扣1分,扣完为止。
"""
    loaded, finding = only(counted, "GL001")
    assert finding.diagnostic.message.startswith("按差距计分「每少2件」:不足2件的部分计不计?")
    # 9件 is 1件 short: no whole step of 2, half a step by proportion
    assert dict(finding.witness.facts) == {"办件数": D(9)}
    assert finding.witness.outcome == "本项按「按整数计」得3分,按「按比例计」得2.5分"


def test_gl503_a_lone_no_deduction_sentence_exempts_nothing():
    # 「一件扣10分(若有新诉求的,不扣分)」 written as two sentences: the second is only 「此时本句不扣分」, so a unit
    # with 2 cases and a new petition still loses 20 of 30 — the author meant the bracketed exemption
    text = """
一、【信访】(30分)
  事实「违规件数」:件数
  事实「有新诉求」:是否
  「违规件数」每件扣10分。
  「有新诉求」的,不扣分。
"""
    assert ("GL503", "一") in codes(text)
    bracketed = text.replace("每件扣10分。\n  「有新诉求」的,不扣分。", "每件扣10分(若「有新诉求」的,不扣分)。")
    assert "GL503" not in {c for c, _ in codes(bracketed)}
    # naming the case another clause leaves at 0 (阜阳 「无违规违纪的不扣分」) is not reported
    described = text.replace("「有新诉求」的,不扣分。", "「违规件数」为0件的,不扣分。")
    assert "GL503" not in {c for c, _ in codes(described)}


def test_gl504_a_deduction_that_never_takes_anything():
    # 城乡居民医保 (field trial 5, SW5-4):「全面完成……目标任务,且……配套到位的,得15分。目标任务完成率低于95%的,每低5个
    # 百分点,扣1分。」 from 0 (the default), the deduction counts only where the award does not hold: the item is at 0
    # then, and 85% (by hand 15 − 2 = 13 if deducted from the points) scores 0 either way
    text = """
一、【参保扩面】(15分)
  事实「目标任务完成率」:百分比
  事实「财政配套到位」:是否
  「目标任务完成率」达到100%且「财政配套到位」的,得15分。「目标任务完成率」低于95%的,每低5个百分点,扣1分。
"""
    _, finding = only(text, "GL504")
    assert finding.item == "一" and "永远扣不到分数" in finding.diagnostic.message
    assert "计分方式:从满分扣减" in finding.diagnostic.help
    # written as a fact of its own (全面完成 是/否), the shortfall is the award's failure: 另写的扣分:从得分扣起 (language.md
    # 8), it deducts from the 15 points, no GL504; under 条件成立才得 it deducts only from units that earned them
    apart = text.replace("  事实「财政配套到位」:是否", "  事实「财政配套到位」:是否\n  事实「全面完成」:是否").replace(
        "「目标任务完成率」达到100%且", "「全面完成」且")
    assert "GL504" not in {c for c, _ in codes(apart)}
    _, finding = only(apart.replace("  事实「全面完成」", "  另写的扣分:条件成立才得\n  事实「全面完成」"), "GL504")
    assert "只扣得分条款也成立的单位" in finding.diagnostic.message
    # stated 从满分扣减 the deduction takes from 15; beside the award's own line (the two sides) it starts from it
    assert "GL504" not in {c for c, _ in codes(text.replace("  事实「目标任务完成率」", "  计分方式:从满分扣减\n  事实「目标任务完成率」"))}
    assert "GL504" not in {c for c, _ in codes(text.replace("低于95%的", "低于100%的").replace("且「财政配套到位」", ""))}
    # a deduction on another fact beside one award of the whole item's points (贺兰「……签字到位得5分。没有建立免疫档案发现
    # 一次扣0.5分」, field trial 6 SW6-4 d; 「制定方案」得10分。「迟报次数」每次扣1分。) deducts only from units that earned
    # the 10 points: whether the author meant that or 10 as the start, only the source says — reported (a warning)
    other = """
一、【报送】(10分)
  事实「制定方案」:是否
  事实「迟报次数」:次数
  「制定方案」的,得10分。「迟报次数」每次扣1分。
"""
    _, finding = only(other, "GL504")
    assert "只扣得分条款也成立的单位" in finding.diagnostic.message
    # written 计分方式:从零计分 (the author read it so) or an award of part of the item's points: not reported
    assert "GL504" not in {c for c, _ in codes(other.replace("  事实「制定方案」", "  计分方式:从零计分\n  事实「制定方案」"))}
    assert "GL504" not in {c for c, _ in codes(other.replace("(10分)", "(12分)"))}


def test_gl704_prorating_scales_a_bonus_item():
    # field trial 3, SW13a: 「考核总分为100分(不含附加分)」 — the 附加分 item is scaled with the total unless 计入总分
    text = """
一、【甲】(50分)
  适用:「部门」
  事实「甲分」:分值 0—50分
  按「甲分」计分。
二、【乙】(50分)
  事实「乙分」:分值 0—50分
  按「乙分」计分。
三、【加分】(累计不超过10分)
  事实「加分项数」:项数
  「加分项数」每项加5分。
"""
    loaded, finding = only(text, "GL704", HEADER + "不适用项:按比例折算\n")
    assert finding.item == "三"
    kept_apart = text.replace("三、【加分】(累计不超过10分)\n", "三、【加分】\n  加分上限:计入总分\n")
    assert "GL704" not in {c for c, _ in codes(kept_apart, HEADER + "不适用项:按比例折算\n")}
    assert "GL704" not in {c for c, _ in codes(text, HEADER + "不适用项:按满分计\n")}
