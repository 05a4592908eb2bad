"""Issue 15 §2: 不重复扣分 across items — 「其他考评内容中已有的不重复扣分」. Numbers worked out by hand from the wording;
the compiled scorer gives the same tree and lines (scored → assert_same)."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import codes, ok
from test_published_forms import HEAD, lines, scored
from test_spill import assert_round_trips_and_sql_refuses

REPEATS = """单位类别:「乡镇」、「街道」
一、【安全事故】(10分)
  事实「事故起数」:起数
  「事故起数」每起扣3分。
二、【消防】(10分)
  事实「火灾起数」:起数
  「事故起数」每起扣2分;
  「火灾起数」每起扣1分。
  其他考评内容中已有的不重复扣分。
三、【街道安全】(5分)
  适用:「街道」
  事实「街道事故起数」:起数
  「街道事故起数」每起扣1分。
"""


def test_an_event_deducted_in_another_item_is_not_deducted_again():
    # 2 起 事故: 一 10 − 6 = 4; 二 does not deduct them again: 10 − 1 (火灾) = 9; 三 5. Total 18
    result = scored(REPEATS, {"单位类别": "乡镇", "事故起数": 2, "火灾起数": 1, "街道事故起数": 0})
    assert result.scores() == {"一": D(4), "二": D(9), "总分": D(18), "三": D(5)}
    assert lines(result, "二")[1] == "「事故起数」已在一中扣分,不重复扣分:本条不计分"
    # no 事故: 二's clause deducts nothing anyway, 火灾 3: 7
    result = scored(REPEATS, {"单位类别": "乡镇", "事故起数": 0, "火灾起数": 3, "街道事故起数": 0})
    assert result.scores()["二"] == D(7)
    assert lines(result, "二")[1] == "「事故起数」= 0起:每起扣2分 × 0 = 0分"


def test_the_other_item_must_apply_to_the_unit():
    text = REPEATS.replace("「事故起数」每起扣2分;", "「街道事故起数」每起扣2分;")
    # a 乡镇: 三 does not apply (按满分计, 5), so 二 deducts its 2 × 2 = 4: 10 − 4 = 6
    assert scored(text, {"单位类别": "乡镇", "事故起数": 0, "火灾起数": 0, "街道事故起数": 2}).scores()["二"] == D(6)
    # a 街道: 三 deducts them (5 − 2 = 3), 二 not again: 10
    assert scored(text, {"单位类别": "街道", "事故起数": 0, "火灾起数": 0, "街道事故起数": 2}).scores()["二"] == D(10)


def test_the_words_are_checked_round_trip_and_sql_refuses_them():
    assert_round_trips_and_sql_refuses(REPEATS)
    lonely = "一、【甲】(10分)\n  事实「n」:次数\n  「n」每次扣1分。\n  其他考评内容中已有的不重复扣分。\n"
    assert [c for c, *_ in codes(lonely, HEAD)] == ["GR206"]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6), st.sampled_from(["乡镇", "街道"]))
def test_each_event_is_deducted_once(accidents, fires, street, category):
    """The total is what each item deducts, with 二's 事故 clause only where 一 deducts nothing (by hand:
    一 = max(0, 10 − 3a); 二 = max(0, 10 − (2a if a = 0 else 0) − f); 三 = 5 − s for a 街道, 5 for a 乡镇)."""
    result = scored(REPEATS, {"单位类别": category, "事故起数": accidents, "火灾起数": fires, "街道事故起数": street})
    one = max(D(0), D(10) - 3 * accidents)
    two = max(D(0), D(10) - fires)
    three = max(D(0), D(5) - street) if category == "街道" else D(5)
    assert result.scores()["总分"] == one + two + three
