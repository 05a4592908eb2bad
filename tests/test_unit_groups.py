"""Two groups of units on one value (field trial 5, REPORT 三 #4, 区县体育工作考核评价细则 1.1): 「人均体育场地面积在全省
平均水平以上的单位年增幅达到3%以上得2分,2%-3%得1.5分,1%-2%得0.5分,1%以下不得分;人均体育场地面积在全省平均水平以下的
单位年增幅达到5%以上得2分,3%-5%得1.5分,1%-3%得1分,1%以下不得分。」 以上 and 以下 both include the value itself
(language.md 5), so a unit exactly at the average is in both groups: the reading 两组单位 (default 归入前一组) puts it in
the group written first only. Every number is worked out by hand from the published words; scores() checks that the
compiled scorer gives the same tree and lines, and DuckDB the same scores."""
from __future__ import annotations

from decimal import Decimal as D

from test_field_trial4_words import kept_by_fmt, lines, rendered, scores
from test_reading_kinds import decision, hinted
from test_reading_kinds import scores as read_scores

GROUPS = """
一、【人均体育场地面积年增幅】(2分)
  事实「人均体育场地面积」:平方米
  事实「全省平均水平」:平方米
  事实「年增幅」:百分比
  「人均体育场地面积」在「全省平均水平」以上的单位「年增幅」达到3%以上得2分,2%-3%得1.5分,1%-2%得0.5分,1%以下不得分;「人均体育场地面积」在「全省平均水平」以下的单位「年增幅」达到5%以上得2分,3%-5%得1.5分,1%-3%得1分,1%以下不得分。
"""
AT, ABOVE, BELOW = ({"人均体育场地面积": D(2), "全省平均水平": D(2), "年增幅": g} for g in ("2.5%", "4%", "4%"))
ABOVE["人均体育场地面积"] = D("2.1")
BELOW["人均体育场地面积"] = D("1.9")


def test_a_unit_at_the_boundary_is_in_the_group_written_first():
    # by hand: at the average, 2.5%: the 以上 group's 2%-3% 1.5 (not also the 以下 group's 1%-3% 1, which would make 2);
    # above, 4%: 3%以上 2; below, 4%: 3%-5% 1.5 (the 以上 group's 3%以上 does not hold: not above)
    got = scores(GROUPS, AT, ABOVE, BELOW)
    assert [g["一"] for g in got] == [D("1.5"), D(2), D("1.5")]
    assert ("「人均体育场地面积」= 2平方米,「全省平均水平」= 2平方米,不符合“在「全省平均水平」以下”(「人均体育场地面积」 < "
            "「全省平均水平」;与「在「全省平均水平」以上」的单位重合的归入前一组) 且 「年增幅」= 2.5%,不符合「达到5%以上」(≥ 5%):"
            "没有适用的档次,本条不计分") in lines(GROUPS, AT)
    assert decision(GROUPS, "两组单位") == ("一", "归入前一组", "默认")
    assert hinted(GROUPS, "两组单位")


def test_both_groups_when_the_reading_says_so():
    # by hand: at the average, 2.5%: 1.5 + 1 = 2.5, the item's 2 points → 2; below and above as before
    assert read_scores(GROUPS, AT, "两组单位=两组都计")["一"] == D(2)
    stated = GROUPS.replace("(2分)\n", "(2分)\n  两组单位:两组都计(理由:「原文:两组都含本数」)\n", 1)
    assert read_scores(stated, AT)["一"] == D(2)
    assert read_scores(stated, BELOW)["一"] == D("1.5")
    assert decision(stated, "两组单位") == ("一", "两组都计", "写明")
    assert not hinted(stated, "两组单位")
    kept_by_fmt(stated, "两组单位:两组都计(理由:「原文:两组都含本数」)")


def test_groups_that_cannot_overlap_ask_nothing():
    # 低于 leaves the average out: no unit is in both, no reading is relied on
    apart = GROUPS.replace("在「全省平均水平」以下的单位", "低于「全省平均水平」的单位")
    assert [d for d in __import__("test_reading_kinds").load(apart).model.decisions if d.key == "两组单位"] == []
    assert read_scores(apart, AT)["一"] == D("1.5")


NUMBERS = """
一、【增幅】(2分)
  事实「常住人口」:万人
  事实「年增幅」:百分比
  「常住人口」10万人以上的单位「年增幅」达到3%以上得2分,1%-3%得1分;「常住人口」10万人以下的单位「年增幅」达到2%以上得2分,1%-2%得1分。
"""


def test_groups_on_a_number_and_fmt_and_render_keep_the_words():
    # by hand: 10万人 exactly, 2.5%: the first group's 1%-3% 1 (the second group's 2%以上 2 would make it 2);
    # 8万人, 2.5%: 2%以上 2; 12万人, 2.5%: 1%-3% 1
    got = scores(NUMBERS, *({"常住人口": D(p), "年增幅": "2.5%"} for p in (10, 8, 12)))
    assert [g["一"] for g in got] == [D(1), D(2), D(1)]
    assert "不符合「10万人以下」(< 10万人;与「10万人以上」的单位重合的归入前一组)" in " ".join(
        lines(NUMBERS, {"常住人口": D(10), "年增幅": "2.5%"}))
    kept_by_fmt(GROUPS, "「人均体育场地面积」在「全省平均水平」以下的单位「年增幅」达到5%以上得2分")
    assert "人均体育场地面积在全省平均水平以下的单位年增幅达到5%以上得2分" in rendered(GROUPS)
