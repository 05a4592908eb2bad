"""The wordings published rubrics use and the third field trial could not write (tests/field_trial3/REPORT.md 三,
issues 14 and 15), each written as published: the score worked by hand from the words quoted beside each case,
the interpreter and the compiled scorer agreeing line for line, fmt keeping the words and scoring alike, render
wording it back, and DuckDB agreeing or refusing with a message."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.render import build_table, markdown
from helpers import HEADER, codes, ok
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same


def scored(text: str, rows: list[dict], path: str = "一") -> list[D]:
    """The item's score for each row of facts, from every way of scoring the rubric."""
    rubric = ok(text)
    scorer = compile_rubric(rubric)
    units = [{"单位": f"u{i}", "单位类别": "部门", **facts} for i, facts in enumerate(rows)]
    for row in units:
        assert assert_same(rubric, scorer, row)
    formatted = format_text(HEADER + text)
    assert formatted.text is not None, formatted.problems
    again = govrubric.loads(formatted.text, "fmt.rubric")
    assert [again.score(r).scores() for r in units] == [rubric.score(r).scores() for r in units]
    sql = duckdb_outcome(rubric, units)
    assert sql[0] == "refused" or sql == decimal_outcome(rubric, units)
    return [rubric.score(row).scores()[path] for row in units]


def lines(text: str, facts: dict) -> list[str]:
    result = ok(text).score({"单位": "u", "单位类别": "部门", **facts})
    return [line.text for node in result.nodes() for line in node.lines]


def rendered(text: str) -> str:
    loaded = ok(text)
    return markdown(build_table(loaded.model, loaded.tree))


# ---------------------------------------------------------------- classifiers (REPORT 三 #1, #20)

def test_group_kind_and_student_are_classifiers():
    # 农贸市场「至少配置2组或以上分类投放容器,每少1组扣4分」(10分): 2 short → 10 − 8 = 2; 3 short → 0 (floor)
    text = "一、【容器】(10分)\n  事实「少配组数」:个数\n  「少配组数」每少1组扣4分。\n"
    assert scored(text, [{"少配组数": 0}, {"少配组数": 2}, {"少配组数": 3}]) == [D(10), D(2), D(0)]
    # 西店「标识牌、登记本少1种扣1分」(2分): 1 kind missing → 1
    text = "一、【标识】(2分)\n  事实「缺少种数」:个数\n  「缺少种数」少1种扣1分。\n"
    assert scored(text, [{"缺少种数": 1}, {"缺少种数": 2}]) == [D(1), D(0)]
    # 班主任「不符合要求每生扣0。1分」(10分): 3 students → 9.7
    text = "一、【评语】(10分)\n  事实「评语不符合要求学生数」:人数\n  「评语不符合要求学生数」每生扣0.1分。\n"
    assert scored(text, [{"评语不符合要求学生数": 3}]) == [D("9.7")]


def test_words_that_begin_with_a_classifier_stay_words():
    # 每生产1吨, 每组织1次: 生产 and 组织 are the wording after 每, the count is 1吨 / 1次
    text = "一、【活动】(10分)\n  事实「活动次数」:次数\n  「活动次数」每组织1次加2分。\n"
    assert scored(text, [{"活动次数": 3}]) == [D(6)]
    text = "一、【产量】(10分)\n  事实「产量」:吨\n  「产量」每生产1吨加1分。\n"
    assert scored(text, [{"产量": "3吨"}]) == [D(3)]


def test_the_wording_after_a_counts_name_before_每_describes_each_one():
    # 班主任「(评语)不符合要求每生扣0.1分」: the words after the count's name say what each counted student is;
    # read as a guard on the count (no student falls short) the clause could never deduct. 3 students → 9.7
    text = "一、【评语】(10分)\n  事实「评语不符合要求学生数」:人数\n  「评语不符合要求学生数」不符合要求每生扣0.1分。\n"
    assert scored(text, [{"评语不符合要求学生数": 3}, {"评语不符合要求学生数": 0}]) == [D("9.7"), D(10)]


def test_falls_short_after_a_count_without_每_is_refused():
    # 「「不合格人数」不符合要求的,扣1分」: some (≥ 1) or none (= 0)? the name decides, not the words: GR301 says what to write
    text = "一、【评语】(10分)\n  事实「不合格人数」:人数\n  「不合格人数」不符合要求的,扣1分。\n"
    assert codes(text) == [("GR301", 3, 3)]
    found = ok.__globals__["rubric"](text).check()[0]
    assert "「「不合格人数」1次以上的,扣…」" in found.help and "「「不合格人数」为0的,扣…」" in found.help


def test_per_item_per_time_and_a_second_classifier_in_brackets():
    # 党建「每项按次扣0.2分」「每人每次扣0.1分」, 金华「每次(件)扣1分」: each counted once (项次, 人次, 件)
    text = """一、【党建】(10分)
  事实「推进项次」:次数
  事实「交纳人次」:人次数
  事实「弄虚作假件数」:件数
  「推进项次」每项按次扣0.2分;「交纳人次」每人每次扣0.1分;「弄虚作假件数」每次(件)扣1分。
"""
    # 3 × 0.2 + 3 × 0.1 + 3 × 1 = 3.9 → 6.1
    assert scored(text, [{"推进项次": 3, "交纳人次": 3, "弄虚作假件数": 3}]) == [D("6.1")]
    said = lines(text, {"推进项次": 3, "交纳人次": 3, "弄虚作假件数": 3})
    assert any("每项按次扣0.2分 × 3 = −0.6分" in line for line in said)
    assert any("每人每次扣0.1分 × 3 = −0.3分" in line for line in said)
    assert any("每次(件)扣1分 × 3 = −3分" in line for line in said)
    table = rendered(text)  # render writes the count: 每1项按次
    assert "项按次扣0.2分" in table and "人每次扣0.1分" in table and "次(件)扣1分" in table


def test_single_article_counts_each():
    # 上虞「中办、国务院办录用信息:单篇计200分,单条计100分」: 2 articles → 400, 3 items → 300
    text = """一、【录用】
  事实「中办国办录用单篇数」:篇数
  事实「中办国办录用单条数」:条数
  「中办国办录用单篇数」单篇计200分;「中办国办录用单条数」单条计100分。
"""
    assert scored(text, [{"中办国办录用单篇数": 2, "中办国办录用单条数": 3}]) == [D(700)]
    assert "每1篇得200分" in rendered(text)  # render words every count alike


def test_one_named_classifier_before_the_result():
    # 清镇「……一名扣5分」(10分): 2 → 0, 1 → 5
    text = "一、【纪律】(10分)\n  事实「违规人数」:人数\n  「违规人数」一名扣5分。\n"
    assert scored(text, [{"违规人数": 2}, {"违规人数": 1}]) == [D(0), D(5)]


# ---------------------------------------------------------------- a count of one before the result (REPORT 三 #5, #11)

def test_a_digit_one_and_a_classifier_before_the_result_is_each_one():
    # 农贸市场「分类投放容器无标识、标识标志错误、模糊不清,1处扣2分」(10分): 3 places → 10 − 6 = 4; 6 → 0
    text = "一、【容器标识】(10分)\n  事实「容器标识问题处数」:处数\n  「容器标识问题处数」1处扣2分。\n"
    assert scored(text, [{"容器标识问题处数": 0}, {"容器标识问题处数": 3}, {"容器标识问题处数": 6}]) == [D(10), D(4), D(0)]
    assert "「容器标识问题处数」= 3处:1处扣2分 × 3 = −6分" in lines(text, {"容器标识问题处数": 3})


def test_one_compared_stays_a_comparison():
    # 「1处以上的」, 「1处的」, 「为1处的」 compare; a ladder's first tier 「1条得1分,2条得3分」 is exactly one
    count = "一、【甲】(3分)\n  事实「n」:处数\n  「n」{}\n"
    assert scored(count.format("1处以上的,扣2分。"), [{"n": 1}, {"n": 4}]) == [D(1), D(1)]
    assert scored(count.format("1处的,扣2分。"), [{"n": 1}, {"n": 4}]) == [D(1), D(3)]
    assert scored(count.format("为1处的,扣2分。"), [{"n": 1}, {"n": 4}]) == [D(1), D(3)]
    assert scored(count.format("1处得1分,2处得3分。"), [{"n": 1}, {"n": 2}, {"n": 3}]) == [D(1), D(3), D(0)]
    # any count but one still asks: each 3, or exactly 3?
    assert [c for c, *_ in codes(count.format("3处扣1分。"))] == ["GR221"]


def test_the_published_words_then_one_and_a_classifier_are_each_one():
    # 企业安全「公司检查,查出一项扣1分;上级检查,查出一项扣2分」(表 15分 的一行, 10分 here): 2 and 1 → 10 − 2 − 2 = 6
    text = """一、【隐患】(10分)
  事实「公司检查查出隐患项数」:项数
  事实「上级检查查出隐患项数」:项数
  「公司检查查出隐患项数」公司检查,查出一项扣1分;「上级检查查出隐患项数」上级检查,查出一项扣2分。
"""
    assert scored(text, [{"公司检查查出隐患项数": 2, "上级检查查出隐患项数": 1}]) == [D(6)]
    # 班主任「迟到一次扣0.5分」(3分): 2 times → 2
    text = "一、【考勤】(3分)\n  事实「迟到次数」:次数\n  「迟到次数」迟到一次扣0.5分。\n"
    assert scored(text, [{"迟到次数": 2}]) == [D(2)]
    assert "「迟到次数」= 2次:迟到一次扣0.5分 × 2 = −1分" in lines(text, {"迟到次数": 2})
    assert "迟到一次扣0.5分" in format_text(HEADER + text).text
    # 西店「标识牌、登记本少1种扣1分」(2分): 1 kind missing → 1
    text = "一、【标识】(2分)\n  事实「标识牌登记本缺少种数」:个数\n  「标识牌登记本缺少种数」标识牌、登记本少1种扣1分。\n"
    assert scored(text, [{"标识牌登记本缺少种数": 1}]) == [D(1)]
    # 农贸市场「信息内容不正确,1处扣2分」(5分): 2 → 1
    text = "一、【信息】(5分)\n  事实「信息不正确处数」:处数\n  「信息不正确处数」信息内容不正确,1处扣2分。\n"
    assert scored(text, [{"信息不正确处数": 2}]) == [D(1)]
    # a count but one is asked about (GR221); the subject may be left out (the item's only count)
    text = "一、【考勤】(3分)\n  事实「迟到次数」:次数\n  {}\n"
    assert [c for c, *_ in codes(text.format("「迟到次数」迟到两次扣0.5分。"))] == ["GR221"]
    assert scored(text.format("迟到一次扣0.5分。"), [{"迟到次数": 4}]) == [D(1)]


def test_a_comparison_word_before_one_keeps_the_comparison():
    # 达到1次得1分 (≥ 1), 前1名得3分, 第1名得3分: comparisons, not each one
    text = "一、【甲】(3分)\n  事实「n」:次数\n  「n」达到1次得1分。\n"
    assert scored(text, [{"n": 3}]) == [D(1)]
    text = "一、【甲】(3分)\n  事实「m」:名次\n  「m」前1名得3分。\n"
    assert scored(text, [{"m": 1}, {"m": 2}]) == [D(3), D(0)]


def test_or_more_after_a_requirement():
    # 农贸市场「至少配置2组或以上分类投放容器,每少1组扣4分」(10分): from the requirement (6.4): 0 → 2, 1 → 6, 2 or 5 → 10
    text = "一、【容器】(10分)\n  事实「公共区域分类投放容器组数」:个数\n  「公共区域分类投放容器组数」至少2组或以上,每少1组扣4分。\n"
    rows = [{"公共区域分类投放容器组数": k} for k in (0, 1, 2, 5)]
    assert scored(text, rows) == [D(2), D(6), D(10), D(10)]
    # 或 before another fact still joins two conditions
    text = "一、【甲】(10分)\n  事实「n」:个数\n  事实「m」:个数\n  「n」2组以上或「m」3个以上的,得10分。\n"
    assert scored(text, [{"n": 1, "m": 3}, {"n": 0, "m": 0}]) == [D(10), D(0)]


# ---------------------------------------------------------------- gaps, progressions, intervals (REPORT 三 #14 #22 #23 #26)

def test_each_percent_lower_is_a_percentage_point():
    # 临安「投放准确率不达标,每降低1%,扣2分」with its threshold written (95% here): 92.5% → 2 whole points → 10 − 4 = 6;
    # 95% → 10; 「每低于1%」 alike
    for words in ("每降低1%", "每低于1%", "每降低1个百分点"):
        text = f"一、【准确率】(10分)\n  事实「投放准确率」:百分比\n  「投放准确率」低于95%的,{words},扣2分。\n"
        assert scored(text, [{"投放准确率": "92.5%"}, {"投放准确率": "95%"}]) == [D(6), D(10)], words
    said = lines("一、【准确率】(10分)\n  事实「投放准确率」:百分比\n  「投放准确率」低于95%的,每降低1%,扣2分。\n",
                 {"投放准确率": "92.5%"})
    assert any("每1%扣2分" in line and "2 × −2 = −4分" in line for line in said)


def test_one_after_another_likewise():
    # 「第一次扣1分,第二次扣2分,第三次扣3分,依次类推」(10分): 4 times → 1 + 2 + 3 + 4 = 10 → 0; 2 times → 7
    text = "一、【甲】(10分)\n  事实「n」:次数\n  「n」第一次扣1分,第二次扣2分,第三次扣3分,依次类推。\n"
    assert scored(text, [{"n": 4}, {"n": 2}]) == [D(0), D(7)]


def test_the_unit_after_the_bracket():
    # 永仁「70—90(不含90)分为合格,70(不含70)分以下为不合格」, on a score: 70 and 89 合格 (5 here), 90 not; below 70 −1
    text = """一、【甲】(10分)
  事实「s」:分值
  「s」70—90(不含90)分的,得5分;「s」70(不含70)分以下的,扣1分。
"""
    assert scored(text, [{"s": 70}, {"s": 89}, {"s": 90}, {"s": 69}]) == [D(5), D(5), D(0), D(0)]
    assert scored(text.replace("(10分)", ""), [{"s": 69}]) == [D(-1)]


def test_an_interval_written_with_x_or_between():
    # 「90%≤x<95%」: 90% in, 95% out; 「在90%—95%之间」: both ends in (a—b, 5)
    text = "一、【甲】(5分)\n  事实「r」:百分比\n  「r」90%≤x<95%的,得5分。\n"
    assert scored(text, [{"r": "90%"}, {"r": "94.9%"}, {"r": "95%"}, {"r": "89.9%"}]) == [D(5), D(5), D(0), D(0)]
    text = "一、【甲】(5分)\n  事实「r」:百分比\n  「r」90%<x≤95%的,得5分。\n"
    assert scored(text, [{"r": "90%"}, {"r": "95%"}]) == [D(0), D(5)]
    text = "一、【甲】(5分)\n  事实「r」:百分比\n  「r」在90%—95%之间的,得5分。\n"
    assert scored(text, [{"r": "90%"}, {"r": "95%"}, {"r": "96%"}]) == [D(5), D(5), D(0)]


# ---------------------------------------------------------------- situations joined by 、 (REPORT 三 #27)

BOTH = "一、【甲】(10分)\n  事实「成立领导小组」:是否\n  事实「制定方案」:是否\n  未「成立领导小组」、未「制定方案」的,{}。\n"
NEITHER, ONE, DONE = ({"成立领导小组": False, "制定方案": False}, {"成立领导小组": True, "制定方案": False},
                      {"成立领导小组": True, "制定方案": True})


def test_situations_joined_by_a_comma_of_enumeration_are_either():
    # 「未成立领导小组、未制定方案的,扣1分」: either → 9; both: the reading 并列情形, by default once → 9 (GL001 hints)
    text = BOTH.format("扣1分")
    assert scored(text, [NEITHER, ONE, DONE]) == [D(9), D(9), D(10)]
    decisions = {d.key for d in ok(text).model.decisions}
    assert "并列情形" in decisions
    assert "未「成立领导小组」、未「制定方案」的,扣1分" in format_text(HEADER + text).text
    assert "未成立领导小组、未制定方案的,扣1分" in rendered(text)
    # under 并列情形:各自计分, 2 off when both
    assert scored("并列情形:各自计分\n" + text, [NEITHER]) == [D(8)]


def test_each_situation_said_is_each_one():
    # 「各扣1分」「分别扣1分」「每项扣1分」: once for each situation that holds (no reading): 8, 9, 10
    for words in ("各扣1分", "分别扣1分", "每项扣1分"):
        text = BOTH.format(words)
        assert scored(text, [NEITHER, ONE, DONE]) == [D(8), D(9), D(10)], words
        assert "并列情形" not in {d.key for d in ok(text).model.decisions}
        assert words in format_text(HEADER + text).text
    said = lines(BOTH.format("各扣1分"), NEITHER)
    assert any(line.endswith("2种情形各计一次:−2分") for line in said), said  # as said: no reading named


def test_options_and_two_ended_intervals_keep_their_comma():
    text = "一、【甲】(5分)\n  事实「级别」:选项「国家级」、「省级」、「市级」\n  「级别」为「国家级」、「省级」的,得5分。\n"
    assert scored(text, [{"级别": "省级"}, {"级别": "市级"}]) == [D(5), D(0)]
    text = "一、【甲】(5分)\n  事实「r」:百分比\n  「r」90%以上、不到100%的,得5分。\n"
    assert scored(text, [{"r": "90%"}, {"r": "100%"}]) == [D(5), D(0)]


# ---------------------------------------------------------------- messages and limits (REPORT 四)

def test_not_over_n_points_after_a_clause_is_its_limit():
    # 「每少一次扣3分,不超过10分」(language.md 7 lists 不超过N分; 20分 here): 2 → 14, 5 → 15 off, at most 10 → 10
    text = "一、【甲】(20分)\n  事实「n」:次数\n  「n」每少一次扣3分,不超过10分。\n"
    assert scored(text, [{"n": 2}, {"n": 5}]) == [D(14), D(10)]
    # after a full stop it limits the item; 不超过15分的 with 的 is still a next tier
    text = "一、【甲】(20分)\n  事实「n」:次数\n  「n」每次加3分。不超过10分。\n"
    assert scored(text, [{"n": 5}]) == [D(10)]
    text = "一、【甲】(20分)\n  事实「s」:分值\n  「s」超过15分的,得5分,不超过15分的,得2分。\n"
    assert scored(text, [{"s": 16}, {"s": 10}]) == [D(5), D(2)]


def test_a_difference_of_percentages_in_percentage_points():
    # 「「增幅」-「全省平均增幅」达到2个百分点的」(REPORT 四: was GR101 「「个百」不是认得的量词」): 12% − 10% = 2 → 5
    text = "一、【甲】(10分)\n  事实「增幅」:百分比\n  事实「全省平均增幅」:百分比\n  「增幅」-「全省平均增幅」达到2个百分点的,得5分。\n"
    assert scored(text, [{"增幅": "12%", "全省平均增幅": "10%"}, {"增幅": "11.9%", "全省平均增幅": "10%"}]) == [D(5), D(0)]
    assert "达到2个百分点的" in format_text(HEADER + text).text


# ---------------------------------------------------------------- tiers led by the verb (REPORT 三 #19)

def test_tiers_led_by_happened():
    # 安全生产「发生1起……扣10分;发生2起以上的,不得分」(20分): 0 → 20, 1 → 10 (exactly one), 2 and 5 → 0
    text = "一、【事故】(20分)\n  事实「事故起数」:起数\n  「事故起数」发生1起的,扣10分;发生2起以上的,不得分。\n"
    assert scored(text, [{"事故起数": k} for k in (0, 1, 2, 5)]) == [D(20), D(10), D(0), D(0)]
    said = lines(text, {"事故起数": 3})
    assert any("符合「发生2起以上」(≥ 2" in line for line in said), said
    assert "发生2起以上的,不得分" in format_text(HEADER + text).text
    # 「发现1处以上的」「少1项以上的」 as a first tier compare (≥ 1)
    text = "一、【甲】(10分)\n  事实「n」:处数\n  「n」发现1处以上的,扣5分。\n"
    assert scored(text, [{"n": 0}, {"n": 2}]) == [D(10), D(5)]
    text = "一、【甲】(10分)\n  事实「n」:项数\n  「n」少1项以上的,扣5分。\n"
    assert scored(text, [{"n": 0}, {"n": 1}]) == [D(10), D(5)]


def test_a_subjectless_count_after_a_clause_is_still_a_clause():
    # 「……;发现一次扣1分」 with no comparison word after the count: a clause of its own on the item's only count
    text = "一、【甲】(5分)\n  事实「次数」:次数\n  「次数」每次扣0.1分;\n  发现一次扣1分。\n"
    assert scored(text, [{"次数": 2}]) == [D("2.8")]
