"""Published clauses with descriptive words, data sources and multiples (issues 14/15, the wordslot lane): each form
written as in the field-trial sources, scored by the interpreter and by the compiled scorer (same tree, same lines)
and by DuckDB, kept by fmt, rendered as written. Expected numbers are worked out by hand from the published words
quoted above each case."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.render import build_table
from helpers import HEADER, codes
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same
from test_field_trial4_words import kept_by_fmt, lines, load, rendered, scores


def as_published(text: str, row: dict, path: str, explained: str, kept: tuple[str, ...], shown: tuple[str, ...]):
    """The published words in the explanation of item `path`, kept by fmt and shown by the scoring table."""
    assert any(explained in x for x in lines(text, row, path=path)), lines(text, row, path=path)
    kept_by_fmt(text, *kept)
    table = rendered(text)
    assert all(word in table for word in shown), table


def total_line(text: str, row: dict) -> str:
    result = load(text).score({"单位": "甲", "单位类别": "部门", **row})
    return result.total_lines[0].text


# ---------------------------------------------------------------- 总分公式里的百分数
# 阜阳工业经济学校中层干部考核办法 第8条:「由学校领导、中层干部、群众分别测评,按30%、30%、40%计算考核结果」
WEIGHTS = """
总分:「考核结果」= 第一项得分×30% + 第二项得分×30% + 第三项得分×40%
一、【学校领导测评】(100分)
  事实「学校领导测评分」:分值 0—100分
  按「学校领导测评分」计分。
二、【中层干部测评】(100分)
  事实「中层干部测评分」:分值 0—100分
  按「中层干部测评分」计分。
三、【群众测评】(100分)
  事实「群众测评分」:分值 0—100分
  按「群众测评分」计分。
"""


def test_percent_in_the_total_formula_is_hundredths():
    # by hand: 90 × 30% + 80 × 30% + 85 × 40% = 27 + 24 + 34 = 85;
    #          95 × 0.3 + 92.5 × 0.3 + 70 × 0.4 = 28.5 + 27.75 + 28 = 84.25
    got = scores(WEIGHTS, {"学校领导测评分": 90, "中层干部测评分": 80, "群众测评分": 85},
                 {"学校领导测评分": 95, "中层干部测评分": D("92.5"), "群众测评分": 70})
    assert [g["总分"] for g in got] == [D("85"), D("84.25")]


def test_percent_in_the_total_formula_is_explained_and_kept_as_written():
    line = total_line(WEIGHTS, {"学校领导测评分": 90, "中层干部测评分": 80, "群众测评分": 85})
    assert line == "考核结果 = 第一项得分 90 × 30% + 第二项得分 80 × 30% + 第三项得分 85 × 40% = 85"
    kept_by_fmt(WEIGHTS, "第一项得分×30% + 第二项得分×30% + 第三项得分×40%")
    loaded = load(WEIGHTS)
    table = build_table(loaded.model, loaded.tree, loaded.source.text)
    assert any("第一项得分×30% + 第二项得分×30% + 第三项得分×40%" in line for line in table.total)
    model_words = build_table(loaded.model, loaded.tree, loaded.source.text, wording="模型")
    assert any("第一项得分×30%" in line.replace(" × ", "×") for line in model_words.total)


def test_percent_and_decimal_are_different_texts_of_one_value():
    as_decimal = WEIGHTS.replace("×30%", "×0.3").replace("×40%", "×0.4")
    row = {"学校领导测评分": 61, "中层干部测评分": 77, "群众测评分": 33}
    # by hand: 61 × 0.3 + 77 × 0.3 + 33 × 0.4 = 18.3 + 23.1 + 13.2 = 54.6, written either way
    assert scores(WEIGHTS, row)[0]["总分"] == scores(as_decimal, row)[0]["总分"] == D("54.6")
    assert "×0.3" in format_text(HEADER + as_decimal).text.replace(" ", "")


# ---------------------------------------------------------------- 视…情况酌情扣分, 按…情况计分
# 咸阳河长制 6「台账不全、不规范的,视台账规范情况酌情扣分」(8分);古溪 2「按落实情况计分,不落实管护主体不得分」(15分)
SITUATION = """
一、【台账】(8分)
  事实「台账扣分」:视情
  「台账扣分」视台账规范情况酌情扣分。
二、【管护主体】(15分)
  事实「落实管护主体」:是否
  事实「管护主体落实情况得分」:分值 0—15分
  按落实情况计分。
  未「落实管护主体」的不得分。
"""


def test_situation_words_before_a_discretionary_deduction_and_a_given_score():
    # by hand: 台账 the assessors take 3 of 8 → 5; 管护 落实, given 12 → 12; total 17.
    #          台账 0 taken → 8; 管护 not 落实 → 0 (the 5 given does not count); total 8.
    got = scores(SITUATION, {"台账扣分": 3, "落实管护主体": True, "管护主体落实情况得分": 12},
                 {"台账扣分": 0, "落实管护主体": False, "管护主体落实情况得分": 5})
    assert [(g["一"], g["二"], g["总分"]) for g in got] == [(D(5), D(12), D(17)), (D(8), D(0), D(8))]


def test_situation_words_are_explained_kept_and_rendered_as_published():
    row = {"台账扣分": 3, "落实管护主体": True, "管护主体落实情况得分": 12}
    as_published(SITUATION, row, "一", "视台账规范情况酌情扣分:「台账扣分」视情给出3分(−3)",
                 ("「台账扣分」视台账规范情况酌情扣分。", "按落实情况计分。"), ("视台账规范情况酌情扣分", "按落实情况计分"))
    assert any("按落实情况计分:「管护主体落实情况得分」= 12分" in x for x in lines(SITUATION, row, path="二"))


def test_situation_words_with_a_keyword_or_a_number_are_refused():
    # 不, 加 or a number between 视/按 and 情况 could mean something: refused, saying which word and why
    for text, word in ((SITUATION.replace("视台账规范情况", "视台账不规范情况"), "不"),
                       (SITUATION.replace("按落实情况计分", "按加分情况计分"), "加"),
                       (SITUATION.replace("视台账规范情况", "视台账3本情况"), "3")):
        loaded = govrubric.loads(HEADER + text, "t.rubric")
        found = [d for d in loaded.check() if d.code == "GR101"]
        assert found and f"之间的说法里有「{word}」" in found[0].message, [d.message for d in found]


def test_given_score_by_situation_needs_exactly_one_score_fact():
    # 按落实情况计分 under an item with no 分值 fact (or two): GR301 asking which fact gives the score
    none = SITUATION.replace("  事实「管护主体落实情况得分」:分值 0—15分\n", "")
    two = SITUATION.replace("  按落实情况计分。", "  事实「另一得分」:分值 0—15分\n  按落实情况计分。")
    for text in (none, two):
        assert ("GR301" in [c for c, _, _ in codes(text)])


# ---------------------------------------------------------------- 按「…」的N倍扣分
# 2022年党建目标 一.4「被市委直属机关工委机关智慧党建平台扣分的,按被扣分值的10倍扣分」(没有分值,只扣分)
MULTIPLE = """
一、【机关智慧党建平台工作】
  事实「被市委直属机关工委机关智慧党建平台扣分」:是否
  事实「被扣分值」:分值 0—10分
  「被市委直属机关工委机关智慧党建平台扣分」的,按「被扣分值」的10倍扣分。
"""
PLATFORM = "被市委直属机关工委机关智慧党建平台扣分"


def test_ten_times_the_points_taken_off():
    # by hand: 0.2 taken off by the platform → 10 × 0.2 = 2 off (−2); not taken off → 0; 0.35 → 3.5 off
    got = scores(MULTIPLE, {PLATFORM: True, "被扣分值": D("0.2")}, {PLATFORM: False, "被扣分值": 0},
                 {PLATFORM: True, "被扣分值": D("0.35")})
    assert [g["一"] for g in got] == [D("-2"), D("0"), D("-3.5")]


def test_ten_times_is_explained_kept_and_rendered_as_published():
    line = lines(MULTIPLE, {PLATFORM: True, "被扣分值": D("0.35")})[-1]
    assert "按「被扣分值」的10倍扣分:「被扣分值」的10倍 = 3.5分(「被扣分值」= 0.35分) = 3.5分(−3.5)" in line
    kept_by_fmt(MULTIPLE, "按「被扣分值」的10倍扣分。")
    # the table reads as the source: 「被市委直属机关工委机关智慧党建平台扣分的,按被扣分值的10倍扣分」
    assert "被市委直属机关工委机关智慧党建平台扣分的,按被扣分值的10倍扣分。" in rendered(MULTIPLE)


def test_multiple_in_chinese_numerals_and_of_a_fact_that_is_no_points():
    # 的两倍 is 2 × the points (1.5 off → 3 off); a count is no points taken off: GR301 saying so
    twice = MULTIPLE.replace("的10倍", "的两倍")
    assert scores(twice, {PLATFORM: True, "被扣分值": D("1.5")})[0]["一"] == D("-3")
    count = MULTIPLE.replace("事实「被扣分值」:分值 0—10分", "事实「被扣分值」:次数")
    found = [d for d in govrubric.loads(HEADER + count, "t.rubric").check() if d.code == "GR301"]
    assert found and "事实应为分值" in found[0].message


# ---------------------------------------------------------------- 说法 before 每 or a count verb
# 乡镇民政 6(3)「被省、市民政网站采用不少于4篇4分,采稿每少一篇扣1分」;7(2)「两榜公示及常年公示得1分,抽查发现有1次未公示扣0.5分,扣完为止」
BEFORE_PER = """
一、【综合管理】(15分)
  事实「被省市民政网站采用篇数」:篇数
  「被省市民政网站采用篇数」不少于4篇4分,采稿每少一篇扣1分。
二、【两榜公示】(2分)
  事实「两榜公示及常年公示」:是否
  事实「抽查未公示次数」:次数
  「两榜公示及常年公示」得1分,「抽查未公示次数」抽查发现有1次未公示扣0.5分,扣完为止。
"""


def test_words_before_per_only_read():
    # by hand: 2 篇: 4 − 2 × 1 = 2; 公示 得1 − 1 次 × 0.5 = 0.5.  5 篇: 4; 3 次: 1 − 1.5 → 0 (扣完为止)
    # (SQL refuses 「得N分是本句扣分的起点」 of 二 with or without the words: GR601)
    got = scores(BEFORE_PER, {"被省市民政网站采用篇数": 2, "两榜公示及常年公示": True, "抽查未公示次数": 1},
                 {"被省市民政网站采用篇数": 5, "两榜公示及常年公示": True, "抽查未公示次数": 3}, refused=True)
    assert [(g["一"], g["二"]) for g in got] == [(D(2), D("0.5")), (D(4), D(0))]
    # the same as without the words
    plain = BEFORE_PER.replace("采稿每少", "每少").replace("抽查发现有", "发现有")
    assert scores(plain, {"被省市民政网站采用篇数": 2, "两榜公示及常年公示": True, "抽查未公示次数": 1},
                  refused=True)[0]["总分"] == D("2.5")
    # SQL scores the words as it scores the plain clause: 「抽查未公示次数」抽查发现有1次未公示扣0.5分 alone
    alone = "一、【两榜公示】(2分)\n  事实「抽查未公示次数」:次数\n  「抽查未公示次数」抽查发现有1次未公示扣0.5分,扣完为止。\n"
    assert [g["一"] for g in scores(alone, {"抽查未公示次数": 1}, {"抽查未公示次数": 5})] == [D("1.5"), D(0)]


def test_words_before_per_explained_kept_and_rendered():
    as_published(BEFORE_PER, {"被省市民政网站采用篇数": 2, "两榜公示及常年公示": True, "抽查未公示次数": 3}, "二",
                 "「抽查未公示次数」= 3次:抽查发现有1次未公示扣0.5分 × 3 = −1.5分",
                 ("不少于4篇4分,采稿每少一篇扣1分。", "「抽查未公示次数」抽查发现有1次未公示扣0.5分"),
                 ("采稿每少一篇扣1分", "抽查发现有1次未公示扣0.5分"))


def test_words_before_per_with_a_keyword_are_refused():
    # 不, 以(上), 另 — each could mean something: refused, naming it; 否则 before 每 stays the next tier (not words)
    for words, char in (("采稿不", "不"), ("采稿以上", "以"), ("另", "另")):
        text = BEFORE_PER.replace("采稿每少", words + "每少")
        found = [d for d in govrubric.loads(HEADER + text, "t.rubric").check() if d.code == "GR101"]
        assert found and f"但其中的「{char}」可能有含义" in found[0].message, [d.message for d in found]
    otherwise = BEFORE_PER.replace("采稿每少", "否则每少")
    assert "GR101" not in [c for c, _, _ in codes(otherwise)]


# ---------------------------------------------------------------- 说法 around a worded requirement
# 乡镇民政 1「召开2次以上专题会议研究民政工作,少一次扣2.5分(以党委会纪要为准)」(5分)
AROUND = """
1.【党委政府重视】(5分)
  事实「研究民政工作专题会议次数」:次数
  「研究民政工作专题会议次数」召开2次以上专题会议研究民政工作,少一次扣2.5分(以党委会纪要为准)。
"""


def test_words_around_a_requirement_then_short_by_one():
    # by hand: 1 meeting, one short: 5 − 2.5 = 2.5; 3 meetings: 5; none, two short: 5 − 5 = 0
    got = scores(AROUND, {"研究民政工作专题会议次数": 1}, {"研究民政工作专题会议次数": 3}, {"研究民政工作专题会议次数": 0})
    assert [g["1"] for g in got] == [D("2.5"), D(5), D(0)]
    plain = AROUND.replace("召开2次以上专题会议研究民政工作", "2次以上")
    assert [g["1"] for g in scores(plain, {"研究民政工作专题会议次数": 1}, {"研究民政工作专题会议次数": 0})] == [D("2.5"), D(0)]


def test_words_around_a_requirement_kept_and_rendered():
    line = lines(AROUND, {"研究民政工作专题会议次数": 0}, path="1")[-1]
    assert "差2次,每1次扣2.5分" in line and "2 × −2.5 = −5分" in line
    kept_by_fmt(AROUND, "召开2次以上专题会议研究民政工作,少一次扣2.5分(以党委会纪要为准)。")
    assert "召开2次以上专题会议研究民政工作,少一次扣2.5分" in rendered(AROUND)


def test_words_after_a_requirement_with_a_keyword_are_refused():
    for words, char in (("专题会议未研究民政工作", "未"), ("专题会议或研究民政工作", "或")):
        text = AROUND.replace("专题会议研究民政工作", words)
        found = [d for d in govrubric.loads(HEADER + text, "t.rubric").check() if d.code == "GR101"]
        assert found and f"写在比较之后,只能是说法,但其中的「{char}」可能有含义" in found[0].message, [
            d.message for d in found]


# ---------------------------------------------------------------- a bracketed note after a fact's name in a condition
# 全国双拥模范城考评标准 3「成员单位职责明确的得0.25分,有工作计划和总结的得0.25分,进行工作述职(或书面述职)的得0.5分」(1分)
NOTE = """
3.【成员单位职责、计划总结、述职】(1分)
  事实「成员单位职责明确」:是否
  事实「有工作计划和总结」:是否
  事实「进行工作述职」:是否
  「成员单位职责明确」的得0.25分,「有工作计划和总结」的得0.25分,「进行工作述职」(或书面述职)的得0.5分。
"""
DUTIES = ("成员单位职责明确", "有工作计划和总结", "进行工作述职")


def test_note_after_a_name_is_never_scored():
    # by hand: 是/否/是 → 0.25 + 0.5 = 0.75; 否/是/否 → 0.25; all 是 → 1
    rows = [dict(zip(DUTIES, flags)) for flags in ((True, False, True), (False, True, False), (True, True, True))]
    assert [g["3"] for g in scores(NOTE, *rows)] == [D("0.75"), D("0.25"), D(1)]


def test_note_after_a_name_is_explained_kept_and_rendered():
    line = lines(NOTE, dict(zip(DUTIES, (True, False, True))), path="3")[-1]
    assert "「进行工作述职」= 是,“「进行工作述职」(或书面述职)”成立 → 得0.5分(+0.5)" in line
    kept_by_fmt(NOTE, "「进行工作述职」(或书面述职)的得0.5分。")
    assert "进行工作述职(或书面述职)的得0.5分" in rendered(NOTE)


def test_note_with_a_number_result_or_comparison_is_refused():
    for note, char in (("(不述职扣1分)", "扣"), ("(3次以上)", "3"), ("(每季度)", "每")):
        text = NOTE.replace("(或书面述职)", note)
        found = [d for d in govrubric.loads(HEADER + text, "t.rubric").check() if d.code == "GR101"]
        assert found and f"不参与计分,其中的「{char}」可能是一条规则" in found[0].message, [d.message for d in found]
    # the points of a requirement after its name stay points: 「按时公布」(2分) = 得2分
    points = "一、【甲】(5分)\n  事实「按时公布」:是否\n  「按时公布」(2分)。\n"
    assert scores(points, {"按时公布": True}, {"按时公布": False})[0]["一"] == D(2)


# ---------------------------------------------------------------- 计分方法同上,加倍扣分
# 金华数字城管 二.4「……每件扣0.2分;……每件扣0.5分;……每次(件)扣1分;……每件扣1分」(5分),
# 三.1「领导交办 部门转办 媒体曝光 处置情况」(5分)「计分方法同上,加倍扣分」
SAME_AS = """
二、【日常工作】
  4.【多次派遣、弄虚作假、无故推诿情况】(5分)
    事实「发回重新处置件数」:件数
    事实「弄虚作假件数」:件数
    「发回重新处置件数」每件扣0.2分;
    「弄虚作假件数」每次(件)扣1分。
三、【其它事项】
  1.【领导交办 部门转办 媒体曝光 处置情况】(5分)
    事实「交办件发回重新处置件数」:件数
    事实「交办件弄虚作假件数」:件数
    计分方法同上,「交办件发回重新处置件数」、「交办件弄虚作假件数」加倍扣分。
"""


def test_same_as_above_doubles_the_item_above():
    # by hand: 三.1 交办件 发回 2 件 × 0.4 = 0.8, 弄虚作假 1 × 2 = 2: 5 − 2.8 = 2.2; 二.4 (1 件, 0) 5 − 0.2 = 4.8
    got = scores(SAME_AS, {"发回重新处置件数": 1, "弄虚作假件数": 0, "交办件发回重新处置件数": 2, "交办件弄虚作假件数": 1})
    assert (got[0]["二.4"], got[0]["三.1"]) == (D("4.8"), D("2.2"))
    copied = SAME_AS.replace("    计分方法同上,「交办件发回重新处置件数」、「交办件弄虚作假件数」加倍扣分。\n",
                             "    「交办件发回重新处置件数」每件扣0.4分;\n    「交办件弄虚作假件数」每次(件)扣2分。\n")
    row = {"发回重新处置件数": 3, "弄虚作假件数": 2, "交办件发回重新处置件数": 4, "交办件弄虚作假件数": 1}
    assert scores(SAME_AS, row)[0] == scores(copied, row)[0]


def test_same_as_above_explained_and_kept():
    result = load(SAME_AS).score({"单位": "甲", "单位类别": "部门", "发回重新处置件数": 0, "弄虚作假件数": 0,
                                  "交办件发回重新处置件数": 2, "交办件弄虚作假件数": 0})
    three = [line.text for line in next(n for n in result.nodes() if n.path == "三.1").lines]
    assert any("计分方法同上,加倍扣分(每件扣0.2分的两倍:每件扣0.4分) × 2 = −0.8分" in x for x in three)
    kept_by_fmt(SAME_AS, "计分方法同上,「交办件发回重新处置件数」、「交办件弄虚作假件数」加倍扣分。")
    assert "计分方法同上,交办件发回重新处置件数、交办件弄虚作假件数加倍扣分" in rendered(SAME_AS)


def test_same_as_above_needs_enough_clauses_above():
    three_names = SAME_AS.replace("「交办件弄虚作假件数」加倍扣分", "「交办件弄虚作假件数」、「交办件发回重新处置件数」加倍扣分")
    found = [d for d in govrubric.loads(HEADER + three_names, "t.rubric").check() if d.code == "GR205"]
    assert found and "「计分方法同上」加倍的是上一项最后的几句按次扣分" in found[0].help
