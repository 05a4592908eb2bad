"""Issue 15: forms published rubrics use, said in their own words. Each number below is worked out by hand from
the wording (the arithmetic is in the comments); the compiled scorer must give the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from helpers import HEADER, codes, ok
from test_codegen import assert_same

HEAD = '细则「测试」\n'


def scored(text: str, facts: dict, header: str = HEAD):
    loaded = ok(text, header)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def lines(result, path: str = "一") -> list[str]:
    node = next(n for n in result.nodes() if n.path == path)
    return [line.text for line in node.lines]


# ---------------------------------------------------------------- 要求+分值: a requirement, then its points
# 文成 2020: 「乡镇党政联席会议听取安全生产工作汇报,分析研究安全生产不少于4次(4分);」; 广德: 「……细化服务流程1分;」;
# 学校安全: 「……每年开展了一次以上的应急演练,2分;」; 房山: 「初信初访化解率达到90%(7分)、重信重访化解率达到80%(7分)」.
REQUIREMENTS = """一、【安全生产】(14分)
  事实「分析研究次数」:次数
  事实「细化服务流程」:是否
  事实「应急演练」:是否
  事实「初信化解率」:百分比
  事实「重信化解率」:百分比
  「分析研究次数」不少于4次(4分);
  「细化服务流程」1分;
  「应急演练」的,2分;
  「初信化解率」达到90%(4分)、「重信化解率」达到80%(3分)。
"""


def test_each_requirement_met_earns_its_points_and_one_not_met_earns_nothing():
    # 4 meetings ≥ 4 → 4; 流程 细化 → 1; no 演练 → 0; 91% ≥ 90% → 4; 70% < 80% → 0. From 0: 4 + 1 + 4 = 9
    result = scored(REQUIREMENTS, {"分析研究次数": 4, "细化服务流程": "是", "应急演练": "否",
                                   "初信化解率": "91%", "重信化解率": "70%"})
    assert result.scores()["一"] == D(9)
    assert lines(result)[1:] == [
        "「分析研究次数」= 4,符合「不少于4次」(≥ 4) → 得4分(+4)",
        "「细化服务流程」= 是,「细化服务流程」成立 → 得1分(+1)",
        "「应急演练」= 否,「应急演练」不成立:本条不计分",
        "「初信化解率」= 91%,符合「达到90%」(≥ 90%) → 得4分(+4)",
        "「重信化解率」= 70%,不符合「达到80%」(≥ 80%):本条不计分",
    ]
    # 3 meetings < 4 → 0; everything else met: 1 + 2 + 4 + 3 = 10
    result = scored(REQUIREMENTS, {"分析研究次数": 3, "细化服务流程": "是", "应急演练": "是",
                                   "初信化解率": "90%", "重信化解率": "80%"})
    assert result.scores()["一"] == D(10)


def test_the_points_of_a_requirement_are_a_tier_like_any_other():
    text = """一、【甲】(4分)
  事实「率」:百分比
  「率」达到95%(4分),90%—95%(不含)(2分),否则不得分。
"""
    assert scored(text, {"率": "96%"}).scores()["一"] == D(4)
    assert scored(text, {"率": "92%"}).scores()["一"] == D(2)  # 90% ≤ 92% < 95%
    assert scored(text, {"率": "89%"}).scores()["一"] == D(0)


def test_a_count_with_no_comparison_word_before_the_points_still_asks_per_or_exactly():
    # 「次数」4次(2分): 正好4次, or 每4次? GR221 asks, as for 「次数」4次得2分
    assert [c for c, *_ in codes("一、【甲】(4分)\n  事实「次数」:次数\n  「次数」4次(2分)。\n", HEAD)] == ["GR221"]


def test_points_then_more_words_are_not_a_requirement_s_points():
    # 「的1分」 followed by more words is still the 的/得 slip, said where it is
    found = codes("一、【甲】(3分)\n  事实「率」:百分比\n  「率」达到90%的1分否则不得分\n", HEAD)
    assert [c for c, *_ in found] == ["GR101"]


def test_fmt_keeps_the_published_words_and_puts_each_part_on_its_own_line():
    formatted = format_text(HEAD + REQUIREMENTS)
    assert formatted.problems == ()
    assert "  「分析研究次数」不少于4次(4分);\n  「细化服务流程」1分;\n  「应急演练」的,2分;\n" in formatted.text
    assert "  「初信化解率」达到90%(4分)。\n  「重信化解率」达到80%(3分)。\n" in formatted.text
    tree = govrubric.loads(HEAD + REQUIREMENTS, "t.rubric").tree
    canonical = print_rubric(tree)  # without the written words: (4分) stays (4分), 1分 becomes 的,1分
    assert "「分析研究次数」不少于4次(4分)。" in canonical and "「细化服务流程」的,1分。" in canonical
    assert normalise(govrubric.loads(canonical, "t.rubric").tree) == normalise(tree)


def test_render_words_the_points_as_published():
    loaded = ok(REQUIREMENTS, HEAD)
    assert build_table(loaded.model, loaded.tree).rows[0].standard == (
        "分析研究次数达到4次(4分)", "细化服务流程(1分)", "应急演练(2分)", "初信化解率达到90%(4分)", "重信化解率达到80%(3分)")


def test_lint_adds_up_the_points_of_the_requirements():
    # 4 + 1 + 2 + 4 + 3 = 14 in a 10-point item: GL201, with every requirement met as its example
    loaded = ok(REQUIREMENTS.replace("(14分)", "(10分)"), HEAD)
    found = [f for f in lint(loaded) if f.code == "GL201"]
    assert len(found) == 1 and "14分" in found[0].diagnostic.message


# ---------------------------------------------------------------- wordings as published (issue 15 item 6)
COUNT = "一、【甲】(10分)\n  事实「n」:次数\n  "
YES = "一、【甲】(10分)\n  事实「a」:是否\n  "
RATE = "一、【甲】(10分)\n  事实「r」:百分比\n  "
JUDGED = "一、【甲】(10分)\n  事实「v」:视情\n  "
SCORE = "一、【甲】(10分)\n  事实「s」:分值 0—100分\n  "

WORDINGS = [
    # limits: 5 × 3 = 15 > 10, stopped at 0 (扣完为止, the item's 10 points)
    (COUNT + "「n」每次扣3分,直至扣完。", {"n": 5}, "0"),
    (COUNT + "「n」每次扣3分,扣完该项分值为止。", {"n": 5}, "0"),
    (COUNT + "「n」每次扣3分,扣完6分即止。", {"n": 5}, "4"),  # 15 → 6: 10 − 6
    (COUNT + "「n」每次扣3分,6分封顶。", {"n": 5}, "4"),  # = 封顶6分
    (COUNT + "「n」每查到一次扣1分,总分4分,扣完为止。", {"n": 5}, "6"),  # 文成: this clause takes at most 4
    (COUNT + "「n」每次扣3分,扣分不封顶。", {"n": 5}, "-5"),  # 10 − 15, the item may go below 0
    # results
    (YES + "「a」的,该项考核得零分。", {"a": "是"}, "0"),
    (YES + "「a」的,本项分值全扣。", {"a": "是"}, "0"),
    (YES + "「a」的,记3分。", {"a": "是"}, "3"),  # 记 = 得, the item from 0
    (YES + "「a」的,赋3分。", {"a": "是"}, "3"),
    (YES + "「a」的,扣除3分。", {"a": "是"}, "7"),  # 扣除 = 扣: 10 − 3
    (COUNT + "「n」少1人减1分。", {"n": 2}, "8"),  # 减 = 扣: 10 − 2 × 1
    (COUNT + "「n」每次扣考核2分。", {"n": 2}, "6"),
    (JUDGED + "「v」可酌情加5-10分。", {"v": 6}, "6"),  # the assessor gives 6, within 5—10
    (JUDGED + "「v」视情况得2—4分。", {"v": 3}, "3"),
    (JUDGED + "「v」酌情打分。", {"v": 3}, "3"),  # 0 to the item's 10
    ("一、【甲】(40分)\n  事实「k」:选项「重大」、「较大」\n  「k」为「重大」、「较大」的,分别扣20、10分。",
     {"k": "较大"}, "30"),  # 40 − 10
    ("一、【甲】(20分)\n  事实「n」:起数\n  「n」第一起扣5分,第二起扣6分,第三起及以上扣7分。", {"n": 2}, "9"),  # 20 − 5 − 6
    # 一 without 每 straight before the result: per occurrence
    (COUNT + "「n」一起扣2分。", {"n": 3}, "4"),  # 10 − 3 × 2
    (COUNT + "「n」一人加5分。", {"n": 1}, "5"),
    (COUNT + "「n」一次得1分,两次得3分。", {"n": 2}, "3"),  # a ladder: exactly one, exactly two
    (COUNT + "「n」一次以上的,扣2分。", {"n": 3}, "8"),  # 一次以上 compares: once
    (COUNT + "「n」少转发1个扣0.1分。", {"n": 3}, "9.7"),  # 河北: 10 − 3 × 0.1, wording after the verb as after 每
    (COUNT + "「n」解决一个问题加2分。", {"n": 2}, "4"),  # 2 × 2, from 0
    # ordinary words holding a keyword
    (COUNT + "「n」每增加一次加1分。", {"n": 3}, "3"),
    (COUNT + "「n」每一项未落实扣1分。", {"n": 3}, "7"),
    (YES + "「a」不符合要求的,扣2分。", {"a": "否"}, "8"),  # 「a」 is whether it 符合要求
    (YES + "「a」符合要求的,得4分。", {"a": "是"}, "4"),
    (COUNT + "「n」有5处及以上的,不得分。", {"n": 5}, "0"),
    # comparisons
    (RATE + "「r」达不到90%扣1分。", {"r": "89.5%"}, "9"),
    (RATE + "「r」大于或等于90%的,得1分。", {"r": "90%"}, "1"),
    (RATE + "「r」达到60%(含)—85%的,得5分。", {"r": "85%"}, "5"),
    (RATE + "「r」达到60%(含)—85%的,得5分。", {"r": "85.5%"}, "0"),
    (RATE + "「r」90%以上、不到100%的,得5分。", {"r": "99.9%"}, "5"),
    (RATE + "「r」90%以上、不到100%的,得5分。", {"r": "100%"}, "0"),
    (SCORE + "「s」80分以上90分以下的,得5分。", {"s": 90}, "5"),  # 以上、以下 include the number
    (SCORE + "「s」80分以上90分(不含)以下的,得5分。", {"s": 90}, "0"),
    (SCORE + "「s」80分(含80分)以上的,得5分。", {"s": 80}, "5"),
    (SCORE + "「s」60-80分(不含80分)的,得5分。", {"s": 80}, "0"),
]


@pytest.mark.parametrize("text, facts, expected", WORDINGS)
def test_a_published_wording_scores_as_its_plain_form(text, facts, expected):
    assert scored(text, facts).scores()["一"] == D(expected)
    tree = govrubric.loads(HEAD + text, "t.rubric").tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert format_text(HEAD + text).problems == ()


def test_a_number_inside_the_brackets_must_be_the_number_it_marks():
    found = govrubric.loads(HEAD + SCORE + "「s」80分(含70分)以上的,得5分。", "t.rubric").check()
    assert [(d.code, d.message) for d in found] == [("GR227", "「(含70分)」里的数与它标明的「80分」不同")]


def test_a_digit_one_before_the_result_is_each_one_and_other_counts_still_ask():
    # field trial 3 (农贸市场, four times: 「分类投放容器无标识……,1处扣2分」): 1 written in digits reads as 一起扣2分 does,
    # each one; 3 起: 10 − 6 = 4. Any other count still asks (GR221).
    rubric = govrubric.loads(HEAD + COUNT + "「n」1起扣2分。", "t.rubric")
    assert rubric.ok and rubric.score({"单位": "u", "n": 3}).scores()["一"] == 4
    assert [c for c, *_ in codes(COUNT + "「n」2起扣2分。", HEAD)] == ["GR221"]


NUMBERED = """1【城镇建设】(20分)
  考核办法:「查阅资料」
  计算方法:「按实得分计」
  指标认定部门:「市住建局」
  1.1【环境卫生】(标准分10分)
    事实「a」:是否
    「a」不符合要求的,扣2分。
  1.2【绿化】(10分)
    事实「b」:是否
    「b」(10分)。
2【其他】(10分)
  第一类【甲类】(5分)
    事实「c」:是否
    「c」(5分)。
  第二类【乙类】(5分)
    事实「d」:是否
    「d」(5分)。
"""


def test_numbering_and_table_columns_as_published():
    # 1.1: 10 − 2 = 8; 1.2: 10; 1 = 18. 第一类: 5, 第二类: 0; 2 = 5. Total 23
    result = scored(NUMBERED, {"a": "否", "b": "是", "c": "是", "d": "否"})
    assert result.scores() == {"1": D(18), "1.1": D(8), "1.2": D(10), "2": D(5), "2.第一类": D(5),
                               "2.第二类": D(0), "总分": D(23)}
    loaded = ok(NUMBERED, HEAD)
    assert dict(loaded.model.roots[0].meta) == {"考核办法": ("查阅资料",), "计算方法": ("按实得分计",),
                                                "指标认定部门": ("市住建局",)}
    formatted = format_text(HEAD + NUMBERED)
    assert formatted.problems == () and "1.1【环境卫生】(标准分10分)" in formatted.text


# ---------------------------------------------------------------- 倒扣: the item scores below zero (issue 15 item 1)
BELOW = """一、【安全】(10分)
  事实「重大隐患」:是否
  事实「检查次数」:次数
  「检查次数」每次得2分。
  「重大隐患」的,此项不得分,同时倒扣4分。
二、【其他】(5分)
  事实「b」:是否
  「b」的,得5分。
"""


def test_a_deduction_below_zero_leaves_the_item_at_minus_the_amount():
    # no 隐患: 3 × 2 = 6; 二 5; total 11
    assert scored(BELOW, {"重大隐患": "否", "检查次数": 3, "b": "是"}).scores() == {"一": D(6), "二": D(5), "总分": D(11)}
    # 隐患: the item's 6 are gone (veto) and 4 more come off: −4; total −4 + 5 = 1
    result = scored(BELOW, {"重大隐患": "是", "检查次数": 3, "b": "是"})
    assert result.scores() == {"一": D(-4), "二": D(5), "总分": D(1)}
    assert lines(result)[-2:] == ["否决生效:本项得0分(原为6分)", "倒扣4分:本项得−4分"]


def test_otherwise_nothing_and_four_below_in_a_ladder():
    # 「否则不得分,同时倒扣3分」: 89% < 90%, the item scores −3 under a parent that adds it up
    text = """一、【甲】(10分)
  1.【乙】(5分)
    事实「率」:百分比
    「率」达到90%的,得5分,否则不得分,同时倒扣3分。
  2.【丙】(5分)
    事实「c」:是否
    「c」的,得5分。
"""
    result = scored(text, {"率": "89%", "c": "是"})
    assert result.scores()["一.1"] == D(-3) and result.scores()["一"] == D(2)  # −3 + 5
    assert scored(text, {"率": "90%", "c": "是"}).scores()["一"] == D(10)


def test_below_zero_is_written_only_after_no_points():
    found = codes("一、【甲】(10分)\n  事实「a」:是否\n  「a」的,得3分,同时倒扣4分。\n", HEAD)
    assert [c for c, *_ in found] == ["GR226"]
    found = codes("一、【甲】(10分)\n  事实「n」:次数\n  「n」每次此项不得分,同时倒扣4分。\n", HEAD)
    assert [c for c, *_ in found] == ["GR226"]


def test_below_zero_round_trips_renders_and_the_sql_backend_refuses_it():
    tree = govrubric.loads(HEAD + BELOW, "t.rubric").tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert format_text(HEAD + BELOW).problems == ()
    loaded = ok(BELOW, HEAD)
    assert build_table(loaded.model, loaded.tree).rows[0].standard[1] == "重大隐患的,该项不得分,同时倒扣4分"
    from govrubric.sql import Unsupported, compile_query
    with pytest.raises(Unsupported):
        compile_query(loaded.model, line_of=loaded.line_of)


def test_lint_knows_the_item_can_score_below_zero():
    # the total reaches −4 (隐患, 二 not met): GL203 says the total can fall below 0
    loaded = ok(BELOW, HEAD)
    assert any(f.code == "GL203" for f in lint(loaded))
