"""Explanation wording a staffer reads, as found in the field trial: the per-count line quotes only
the 每… part (the clause's cap has its own line), a 【标题】 item's title is shown once, and a single
condition that does not hold says so without talking of tiers. The compiled scorer must say the same."""
from __future__ import annotations

import io

from rich.console import Console

from govrubric.codegen import compile_rubric
from govrubric.report import explained_tree, ranking_table
from govrubric.reports import Scored, csv_report, markdown_report
from helpers import D, ok

HEADER = '细则「测试」\n单位类别:「部门」\n'


def explained(text: str, facts: dict, path: str = "一") -> tuple[D, list[str]]:
    """One unit's score and explanation lines for the item at `path`, after checking that the
    compiled scorer gives the very same lines."""
    rubric = ok(text, HEADER)
    row = {"单位": "甲", "单位类别": "部门", **facts}
    result = rubric.score(row)
    assert compile_rubric(rubric).explain(row) == result.to_json()
    node = next(n for n in result.nodes() if n.path == path)
    return node.score, [line.text for line in node.lines]


# ---------------------------------------------------------------- B6: the cap is not multiplied
def test_per_count_line_quotes_the_per_part_and_the_cap_has_its_own_line():
    score, lines = explained("""一、【河长制】(6分)
  事实「未制定条数」:条数
  「未制定条数」每少1条扣1分,扣分不超过4分。
""", {"未制定条数": 5})
    # 6 − 5 × 1 = 1, but the clause deducts at most 4: 6 − 4 = 2
    assert score == D(2)
    assert "「未制定条数」= 5条:每少1条扣1分 × 5 = −5分" in lines
    assert "扣分不超过4分:−5 → −4" in lines


def test_per_count_line_is_not_cut_at_a_每_inside_the_fact_name():
    score, lines = explained("""一、【例会】(5分)
  事实「每月缺席次数」:次数
  「每月缺席次数」每缺1次扣1分,扣完为止。
""", {"每月缺席次数": 3})
    assert score == D(2)  # 5 − 3 × 1
    assert "「每月缺席次数」= 3次:每缺1次扣1分 × 3 = −3分" in lines


def test_per_count_written_with_a_slash_reads_as_written():
    score, lines = explained("""一、【缺项】(5分)
  事实「缺项数」:项数
  「缺项数」扣0.5分/项。
""", {"缺项数": 3})
    assert score == D("3.5")  # 5 − 3 × 0.5
    assert "「缺项数」= 3项:扣0.5分/项 × 3 = −1.5分" in lines


def test_per_count_every_n_keeps_its_note():
    score, lines = explained("""一、【迟报】(5分)
  事实「迟报次数」:次数
  「迟报次数」每2次扣1分,扣分不超过2分。
""", {"迟报次数": 7})
    # ⌊7 ÷ 2⌋ = 3 occurrences, −3, capped at −2: 5 − 2 = 3
    assert score == D(3)
    assert "「迟报次数」= 7次:每2次扣1分(每2次计1次) × 3 = −3分" in lines
    assert "扣分不超过2分:−3 → −2" in lines


# ---------------------------------------------------------------- B8: one condition, no tiers
LEADERSHIP = """【领导重视】(20分)
  事实「纳入部门考核」:是否
  事实「评优比例」:百分比
  未「纳入部门考核」扣3分。
  「评优比例」低于20%的扣3分。
"""


def test_single_condition_that_does_not_hold_speaks_of_the_condition_not_of_tiers():
    score, lines = explained(LEADERSHIP, {"纳入部门考核": "是", "评优比例": "25%"}, path="【领导重视】")
    assert score == D(20)
    assert "「纳入部门考核」= 是,“未「纳入部门考核」”不成立:本条不计分" in lines
    assert "「评优比例」= 25%,不符合「低于20%」(< 20%):本条不计分" in lines
    assert not any("档次" in line for line in lines)


def test_negated_condition_that_holds_keeps_the_name_in_its_brackets():
    score, lines = explained(LEADERSHIP, {"纳入部门考核": "否", "评优比例": "10%"}, path="【领导重视】")
    assert score == D(14)  # 20 − 3 − 3
    assert "「纳入部门考核」= 否,“未「纳入部门考核」”成立 → 扣3分(−3)" in lines


def test_joined_single_condition_says_the_whole_did_not_hold():
    score, lines = explained("""一、【公开】(4分)
  事实「公开」:是否
  事实「公开率」:百分比
  「公开」且「公开率」达到90%的得4分。
""", {"公开": "是", "公开率": "80%"})
    assert score == D(0)
    assert ("「公开」= 是,「公开」成立 且 「公开率」= 80%,不符合「达到90%」(≥ 90%):条件不成立,本条不计分"
            in lines)


def test_a_tier_ladder_still_says_no_tier_applies():
    score, lines = explained("""一、【网办】(2分)
  事实「全程网办率」:百分比
  「全程网办率」达到93%得2分,90%—92%得1分。
""", {"全程网办率": "92.5%"})
    assert score == D(0)
    assert "「全程网办率」= 92.5%,不符合「达到93%」(≥ 93%):没有适用的档次,本条不计分" in lines


# ---------------------------------------------------------------- B7: a 【标题】 item's title once
def _scored(text: str, facts: dict) -> Scored:
    rubric = ok(text, HEADER)
    result = rubric.score({"单位": "甲", "单位类别": "部门", **facts})
    return Scored(rubric.model, (result,))


def _printed(renderable) -> str:
    console = Console(file=io.StringIO(), width=200, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


def test_heading_item_title_is_shown_once():
    scored = _scored(LEADERSHIP, {"纳入部门考核": "否", "评优比例": "25%"})
    result = scored.results[0]
    tree = _printed(explained_tree(result))
    assert "【领导重视】  17/20分" in tree
    assert "领导重视】 领导重视" not in tree
    assert _printed(ranking_table([result], "测试")).count("领导重视") == 1
    assert "- **【领导重视】**:**17/20分**" in markdown_report(scored).decode("utf-8")
    assert csv_report(scored).decode("utf-8-sig").splitlines()[0] == "名次,单位,单位类别,【领导重视】,总分"


def test_numbered_item_still_shows_its_title_beside_the_number():
    scored = _scored("""一、【组织保障】(10分)
  事实「机构健全」:是否
  未「机构健全」扣2分。
""", {"机构健全": "否"})
    result = scored.results[0]
    assert "一 组织保障  8/10分" in _printed(explained_tree(result))
    table = _printed(ranking_table([result], "测试"))
    assert "一" in table and "组织保障" in table
    assert "- **一** 组织保障:**8/10分**" in markdown_report(scored).decode("utf-8")
    assert csv_report(scored).decode("utf-8-sig").splitlines()[0] == "名次,单位,单位类别,一 组织保障,总分"


def test_an_empty_optional_fact_is_said_once():
    """「「率」= 未填(未填,条件不成立)」 said 未填 twice; the compiled scorer says it alike."""
    loaded = ok('一、【甲】(2分)\n  事实「率」:百分比(可空)\n  「率」低于90%的,扣1分。\n'
                '  事实「a」:次数(可空)\n  事实「b」:次数\n  「a」/「b」低于0.5的,扣1分。\n')
    row = {"单位": "甲", "单位类别": "部门", "b": 2}
    result = loaded.score(row)
    assert [line.text for line in result.roots[0].lines][1:] == [
        "「率」= 未填(条件不成立):本条不计分", "「a」/「b」= 未填(条件不成立):本条不计分"]
    assert compile_rubric(loaded).explain(row) == result.to_json()
