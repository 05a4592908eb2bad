"""Issue 15: forms published rubrics use, said in their own words. Each number below is worked out by hand from
the wording (the arithmetic is in the comments); the compiled scorer must give the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

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
