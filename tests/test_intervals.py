"""Issue 14 item 6: intervals as published rubrics write them. Two ends joined by a comma (宣城 粮食安全:
「大于5万亩,小于10万亩的」「大于10万亩的,小于20万亩的」), 其中 narrowing a condition (「…大于等于…目标任务,其中可调整地类面积
小于等于5万亩的,…」), and a bracket after a range naming the end it marks (定远 1.3.2: 「5—10万(含5万)」). Each number is
worked out by hand from the wording (comments); the compiled scorer must give the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from helpers import codes
from test_published_forms import HEAD, lines, scored

AREA = """一、【永久基本农田保护】(2.5分)
  事实「永久基本农田面积」:万亩
  事实「耕地面积」:万亩
  事实「可调整地类面积」:万亩
  事实「目标任务」:万亩
"""
# 宣城 (2), as published (the 0.2 of 操作办法 left out): the first tier compares two areas; the second opens with 其中,
# so the tiers after it test 可调整地类面积 within 耕地面积 + 可调整地类面积 ≥ 目标任务; the last tier changes subject.
XUANCHENG = AREA + (
    "  「永久基本农田面积」大于或等于「目标任务」的,得2.3分;"
    "否则「耕地面积」加上「可调整地类面积」大于等于「目标任务」,其中「可调整地类面积」小于等于5万亩的,得1.8分,"
    "大于5万亩,小于10万亩的,得1.6分,大于10万亩的,小于20万亩的,得1.4分,超过20万亩的,不得分;"
    "否则「耕地面积」加上「可调整地类面积」小于「目标任务」不得分。\n")


def area(permanent, farmland, adjustable, target=28) -> dict:
    return {"永久基本农田面积": permanent, "耕地面积": farmland, "可调整地类面积": adjustable, "目标任务": target}


@pytest.mark.parametrize("facts, expected", [
    (area(30, 0, 0), "2.3"),        # 30 ≥ 28: the first tier
    (area(25, 24, 5), "1.8"),       # 25 < 28; 24 + 5 = 29 ≥ 28 and 5 ≤ 5
    (area(25, 21, 7.5), "1.6"),     # 21 + 7.5 = 28.5 ≥ 28 and 5 < 7.5 < 10 (宣城 丙县)
    (area(25, 18, 10), "0"),        # 18 + 10 = 28 ≥ 28 but exactly 10: neither (5, 10) nor (10, 20) (宣城 乙县)
    (area(25, 18, 19.9), "1.4"),    # 10 < 19.9 < 20
    (area(25, 18, 20), "0"),        # exactly 20: no tier either
    (area(25, 18, 25), "0"),        # > 20: 不得分
    (area(20, 20, 3), "0"),         # 20 + 3 = 23 < 28: the last tier (宣城 丁区), though 3 ≤ 5
])
def test_two_ends_joined_by_a_comma_within_qizhong(facts, expected):
    assert scored(XUANCHENG, facts).scores()["一"] == D(expected)


def test_the_explanation_shows_the_condition_the_tier_stays_within():
    assert lines(scored(XUANCHENG, area(25, 21, 7.5)))[1:] == [
        "「耕地面积」加上「可调整地类面积」= 28.5万亩(「耕地面积」= 21万亩、「可调整地类面积」= 7.5万亩),"
        "「目标任务」= 28万亩,符合“大于等于「目标任务」”(「耕地面积」加上「可调整地类面积」 ≥ 「目标任务」) 且 "
        "「可调整地类面积」= 7.5万亩,符合「大于5万亩,小于10万亩」(5万亩 < x < 10万亩) → 得1.6分(+1.6)"]


def test_the_tiers_after_qizhong_do_not_hold_outside_its_condition():
    # 25 < 28 and 1 + 7.5 = 8.5 < 28: 7.5 lies between 5 and 10, but outside 「耕地面积」加上… 大于等于「目标任务」:
    # the 1.6 tier does not apply; the last tier (小于目标) does: 0
    result = scored(XUANCHENG, area(25, 1, 7.5))
    assert result.scores()["一"] == D(0)
    assert "不得分" in lines(result)[1]


def test_lint_finds_the_gap_at_exactly_ten_and_twenty():
    loaded = govrubric.loads(HEAD + XUANCHENG, "t.rubric")
    gaps = [f for f in lint(loaded) if f.code == "GL301"]
    assert gaps and "「可调整地类面积」= 10万亩" in gaps[0].diagnostic.message


def test_the_comma_joined_forms_round_trip_and_render_as_written():
    tree = govrubric.loads(HEAD + XUANCHENG, "t.rubric").tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert "其中「可调整地类面积」小于等于5万亩" in print_rubric(tree)
    assert "大于10万亩的，小于20万亩" in print_rubric(tree)
    assert format_text(HEAD + XUANCHENG).problems == ()
    loaded = govrubric.loads(HEAD + XUANCHENG, "t.rubric")
    as_written = build_table(loaded.model, loaded.tree, HEAD + XUANCHENG).rows[0].standard
    assert "其中可调整地类面积小于等于5万亩的,得1.8分,大于5万亩,小于10万亩的,得1.6分" in as_written[0]
    # worded from the model (what is scored): each tier within the condition 其中 narrows, ends marked open
    meaning = build_table(loaded.model, loaded.tree).rows[0].standard[0]
    assert ("否则耕地面积加上可调整地类面积大于等于目标任务且可调整地类面积5万亩(不含)—10万亩(不含)的,得1.6分"
            in meaning)


RATE = "一、【甲】(5分)\n  事实「r」:百分比\n  "


@pytest.mark.parametrize("clause, facts, expected", [
    ("「r」大于80%,小于90%的,得5分。", {"r": "85%"}, "5"),
    ("「r」大于80%,小于90%的,得5分。", {"r": "90%"}, "0"),     # 小于 excludes 90
    ("「r」大于80%,小于90%的,得5分。", {"r": "80%"}, "0"),     # 大于 excludes 80
    ("「r」达到80%,不超过90%的,得5分。", {"r": "90%"}, "5"),   # 达到 and 不超过 include their numbers
    ("「r」达到80%的,不超过90%的,得5分。", {"r": "80%"}, "5"),
    ("「r」90%以上,不到100%的,得5分。", {"r": "99.9%"}, "5"),  # the comma form of 90%以上、不到100%
    ("「r」90%以上,不到100%的,得5分。", {"r": "100%"}, "0"),
    ("「r」大于80,小于90%的,得5分。", {"r": "85%"}, "5"),      # the low end takes the high end's %? no: see below
])
def test_comma_joined_ends_each_read_by_their_own_word(clause, facts, expected):
    if clause == "「r」大于80,小于90%的,得5分。":
        # only a range (80—90%) lends its unit to the low end; 大于80 without % is asked for, as 大于80 alone is
        assert [c for c, *_ in codes(RATE + clause, HEAD)] == ["GR302"]
        return
    assert scored(RATE + clause, facts).scores()["一"] == D(expected)


def test_two_lower_bounds_joined_by_a_comma_are_refused():
    # 「大于80%,小于…」 needs a lower and an upper end; 「小于90%,小于95%」 is two upper ends: GR305, not a guess
    found = codes(RATE + "「r」小于90%,小于95%的,得5分。", HEAD)
    assert [c for c, *_ in found] == ["GR305"]


def test_the_high_end_before_the_low_is_refused():
    assert [c for c, *_ in codes(RATE + "「r」大于90%,小于80%的,得5分。", HEAD)] == ["GR304"]


# 定远 1.3.2 as published: 「10万元以上(含10万)得5分,5—10万(含5万)得2.5分,3—5万(含3万)得1.25分,少于3万不得分」
MONEY = """一、【食品安全委员会办公室有工作经费】(5分)
  事实「食安委办公室工作经费」:万元
  「食安委办公室工作经费」10万元以上(含10万)得5分,5—10万(含5万)得2.5分,3—5万(含3万)得1.25分,少于3万不得分。
"""


@pytest.mark.parametrize("money, expected", [
    ("12", "5"), ("10", "5"),        # ≥ 10万元
    ("9.99", "2.5"), ("5", "2.5"),   # 5万 ≤ x < 10万: the bracket names 5, the low end; 10 belongs to the tier above
    ("4.99", "1.25"), ("3", "1.25"),
    ("2.99", "0"),                   # 少于3万
])
def test_a_bracket_after_a_range_marks_the_end_whose_number_it_repeats(money, expected):
    assert scored(MONEY, {"食安委办公室工作经费": money}).scores()["一"] == D(expected)


def test_the_marked_end_is_explained_and_lint_finds_no_overlap():
    result = scored(MONEY, {"食安委办公室工作经费": "5"})
    assert lines(result)[1] == "「食安委办公室工作经费」= 5万元,符合「5—10万(含5万)」(5万元 ≤ x < 10万元) → 得2.5分(+2.5)"
    loaded = govrubric.loads(HEAD + MONEY, "t.rubric")
    assert [f.code for f in lint(loaded) if f.code in ("GL301", "GL302")] == []
    tree = loaded.tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)


def test_a_bracket_naming_neither_end_is_still_refused():
    found = govrubric.loads(HEAD + MONEY.replace("(含5万)", "(含6万)"), "t.rubric").check()
    assert [d.code for d in found] == ["GR227"]


def test_a_money_range_in_yuan_converts_both_ends():
    # a fact in 元: 大于5万元,小于10万元 is 50000 < x < 100000 (both ends converted, not compared as 5 and 10)
    text = "一、【甲】(5分)\n  事实「经费」:元\n  「经费」大于5万元,小于10万元的,得5分。\n"
    assert scored(text, {"经费": 60000}).scores()["一"] == D(5)
    assert scored(text, {"经费": 9}).scores()["一"] == D(0)
