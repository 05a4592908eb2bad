"""Where a step counts from (language.md 6.4「每…从哪里算起」, check/step_start.py): a 每… step with a side after a tier
on the same fact counts from the tier's threshold, whatever the tier's wording (为/达到/以上/不少于/bare) and whether the
step names the fact again (SW6). Every number is worked by hand from the words in the comment beside it; scored()
holds the interpreter, the compiled scorer (line for line), fmt and DuckDB to the same scores."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, strategies as st

import govrubric
from helpers import HEADER, codes, ok
from test_published_wordings import lines, scored

SEATS = "一、【站点】({points}分)\n  事实「座数」:座数\n  「座数」{clause}\n"


def seats(clause: str, points: int = 30) -> str:
    return SEATS.format(clause=clause, points=points)


def by_seats(text: str, counts=(0, 1, 3)) -> list[D]:
    return scored(text, [{"座数": n} for n in counts])


def test_every_wording_of_the_tier_counts_the_step_from_its_threshold():
    # 1 座 earns 10, each seat beyond the first adds 5 (30分): 0 → 0; 1 → 10; 3 → 10 + (3 − 1) × 5 = 20.
    # Before SW6 为1座 gave 15, 15 (the step counted every seat, the tier only 1) and the fact named again
    # (「座数」每增加) 25, 15 (the step from 0) — silently.
    for clause in ("为1座的,得10分;每增加一座加5分。",
                   "为1座的,得10分;「座数」每增加一座加5分。",
                   "达到1座的,得10分;「座数」每增加一座加5分。",
                   "达到1座的,得10分。「座数」每增加一座加5分。",  # a later sentence: the same step
                   "1座以上的,得10分;「座数」每多一座加5分。",
                   "不少于1座的,得10分;「座数」每超过一座加5分。",
                   "有1座的,得10分;每增加一座加5分。",
                   "1座,得10分;「座数」每增加一座加5分。"):  # bare 1, the name again (was GR221)
        assert by_seats(seats(clause)) == [D(0), D(10), D(20)], clause


def test_the_single_value_reads_as_the_requirement_in_the_explanation():
    said = lines(seats("为1座的,得10分;「座数」每增加一座加5分。"), {"座数": 3})
    assert "「座数」= 3,符合「为1座」(≥ 1) → 得10分(+10)" in said
    assert "「座数」= 3,符合「为1座」(≥ 1);差2座,每1座加5分(不足一步的部分不计):2 × +5 = +10分" in said


def test_a_ladder_whose_last_tier_is_a_single_value():
    # 「1座得5分,2座得8分;每增加一座加1分」: 0 → 0; 1 → 5; 2 → 8; 4 → 8 + (4 − 2) × 1 = 10 (was 4: the step from 0,
    # the 2座 tier missed at 4)
    assert by_seats(seats("1座得5分,2座得8分;每增加一座加1分。"), (0, 1, 2, 4)) == [D(0), D(5), D(8), D(10)]


def test_or_more_then_each_more_up_to_a_cap():
    # 「10个以上的,得5分;每增加1个加1分,最多加3分」(30分): 8 → 0; 10 → 5; 12 → 5 + 2 = 7; 15 → 5 + 3 (cap) = 8
    for clause in ("10座以上的,得5分;每增加1座加1分,最多加3分。", "为10座的,得5分;「座数」每增加1座加1分,最多加3分。"):
        assert by_seats(seats(clause), (8, 10, 12, 15)) == [D(0), D(5), D(7), D(8)], clause


def test_a_count_named_again_below_the_requirement():
    # 「不少于4次得2分;「参加次数」每少1次扣0.5分」(2分): the award is the item's points and the step runs below its
    # threshold (language.md 8, the two sides): 6 → 2; 4 → 2; 3 → 2 − 0.5 = 1.5; 0 → 2 − 2 = 0.
    # Before SW6 the step counted every meeting attended: 6 → 2 − 3 → 0, 4 → 0 — silently.
    text = "一、【会议】(2分)\n  事实「参加次数」:次数\n  「参加次数」不少于4次得2分;「参加次数」每少1次扣0.5分。\n"
    assert scored(text, [{"参加次数": n} for n in (6, 4, 3, 0)]) == [D(2), D(2), D("1.5"), D(0)]


def test_a_hundred_percent_before_a_step_down_is_the_requirement():
    # 「为100%的,得5分;每降低1个百分点扣0.5分」(5分): 100% → 5; 99% → 4.5; 96% → 5 − 2 = 3; 80% → 5 − 10 → 0.
    # Before SW6 99% got 0 (the 5 read as earned on top, the step deducting from nothing) — silently.
    text = "一、【率】(5分)\n  事实「率」:百分比\n  「率」为100%的,得5分;每降低1个百分点扣0.5分。\n"
    assert scored(text, [{"率": v} for v in ("100%", "99%", "96%", "80%")]) == [D(5), D("4.5"), D(3), D(0)]
    assert "「率」= 99%,不符合「为100%」(≥ 100%):本条不计分" in lines(text, {"率": "99%"})


def test_a_percentage_step_up_from_its_requirement():
    # 「达到90%得5分;每提高1个百分点加0.5分,最多加2分」(10分): 80% → 0; 90% → 5; 92.5% → 5 + 2 × 0.5 = 6 (a part
    # of a step not counted); 96% → 5 + 2 (cap) = 7. Before SW6: GR210 「没有写明按哪个事实计次」.
    for clause in ("达到90%得5分;每提高1个百分点加0.5分,最多加2分。", "为90%的,得5分;「率」每提高1%加0.5分,最多加2分。"):
        text = f"一、【率】(10分)\n  事实「率」:百分比\n  「率」{clause}\n"
        assert scored(text, [{"率": v} for v in ("80%", "90%", "92.5%", "96%")]) == [D(0), D(5), D(6), D(7)], clause


def test_a_step_down_after_a_requirement_in_the_same_or_the_next_sentence():
    # 「达到95%得5分;每降低1个百分点扣0.5分」(5分): 96% → 5; 94% → 4.5; 90% → 2.5; 80% → 0 — the same for the rate named
    # again and for a full stop between (unchanged by SW6, held here beside the others)
    for clause in ("达到95%得5分;每降低1个百分点扣0.5分。", "达到95%得5分;「率」每降低1个百分点扣0.5分。",
                   "达到95%得5分。每降低1个百分点扣0.5分。"):
        text = f"一、【率】(5分)\n  事实「率」:百分比\n  「率」{clause}\n"
        assert scored(text, [{"率": v} for v in ("96%", "94%", "90%", "80%")]) == [D(5), D("4.5"), D("2.5"), D(0)]


def test_a_step_down_goes_on_from_its_award_after_a_semicolon():
    # 「「率」达到95%得5分;每降低1个百分点扣0.5分」 beside another line 「「甲」的,得25分」 (30分), 甲 done: 96% → 5 + 25 = 30;
    # 94% → (5 − 0.5) + 25 = 29.5; 80% → (5 − 7.5 → 0, the line's own 5 points) + 25 = 25. Before SW6, after 「;」 or with
    # 「率」 named again after 「,」, the 5 was earned only at 95% and the step took from the other line: 24.5, 17.5.
    for clause in ("达到95%得5分;每降低1个百分点扣0.5分。", "达到95%得5分;「率」每降低1个百分点扣0.5分。",
                   "达到95%得5分,「率」每降低1个百分点扣0.5分。", "达到95%得5分,每降低1个百分点扣0.5分。"):
        text = (f"一、【率】(30分)\n  事实「率」:百分比\n  事实「甲」:是否\n  「率」{clause}\n"
                "  「甲」的,得25分。\n")
        rows = [{"率": v, "甲": "是"} for v in ("96%", "94%", "80%")]
        assert scored(text, rows) == [D(30), D("29.5"), D(25)], clause


def test_two_steps_after_one_tier_both_count_from_it():
    # 「达到4座的,得10分;每多一座加1分;每少一座扣1分」(30分): 6 → 10 + 2 = 12; 4 → 10; 3 → 10 − 1 = 9; 0 → 10 − 4 = 6.
    # Before SW6 the second step counted every seat from 0: 6 → 10 + 2 − 6 = 6, 4 → 10 − 4 = 6, silently.
    for clause in ("达到4座的,得10分;每多一座加1分;每少一座扣1分。", "为4座的,得10分;每多一座加1分;每少一座扣1分。",
                   "达到4座的,得10分;每少一座扣1分;「座数」每多一座加1分。"):
        assert by_seats(seats(clause), (6, 4, 3, 0)) == [D(12), D(10), D(9), D(6)], clause


def test_money_in_yuan_stepped_in_ten_thousands():
    # 「「金额」达到10万元的,得5分;「金额」每增加1万元加1分」(30分, the fact in 元): 95000 → 0; 100000 → 5;
    # 125000 → 5 + 2 (2.5 steps, the part not counted) = 7. Before SW6 the named-again step counted from 0: 17 → 30.
    for clause in ("达到10万元的,得5分;「金额」每增加1万元加1分。", "为10万元的,得5分;每增加1万元加1分。"):
        text = f"一、【经费】(30分)\n  事实「金额」:元\n  「金额」{clause}\n"
        assert scored(text, [{"金额": v} for v in (95000, 100000, 125000)]) == [D(0), D(5), D(7)], clause


def test_what_the_words_do_not_settle_is_asked():
    # a step down from a single value: does 3 座 earn the 10? (GR210, both wordings in the help)
    for clause in ("为2座的,得10分;每减少一座扣5分。", "为2座的,得10分;「座数」每减少一座扣5分。"):
        assert [c for c, *_ in codes(seats(clause))] == ["GR210"], clause
    # a step up that deducts after a single value: is 1 件 within an allowance of 3, or short of exactly 3? (GR210; was
    # counted from 0: 5 → 0, 3 → 10 − 6 = 4, 1 → 0 − 2 → 0, silently)
    for clause in ("为3座的,得10分;每超过1座扣2分。", "为3座的,得10分;「座数」每增加1座扣2分。"):
        assert [c for c, *_ in codes(seats(clause))] == ["GR210"], clause
    # a tier and a step that both deduct agree: 「为1座的,扣2分;每增加一座扣1分」(30分): 0 → 30; 1 → 28; 3 → 30 − 2 − 2 = 26
    assert by_seats(seats("为1座的,扣2分;每增加一座扣1分。")) == [D(30), D(28), D(26)]
    # a step with no side after a tier at N ≠ 0: every seat, or those beyond N? (GR234)
    for clause in ("达到1座的,得10分;每座加5分。", "为1座的,得10分;每座加5分。", "3座以上的,得10分;每座加5分。"):
        assert [c for c, *_ in codes(seats(clause))] == ["GR234"], clause
    found = govrubric.loads(HEADER + seats("达到1座的,得10分;每座加5分。"), "t.rubric").check()
    assert found[0].message == "「每座」没有写方向,数的是全部,还是前一档「达到1座」以外的部分?"
    assert found[0].help == "从1座算起写作「每增加一座…」;每座都计写作「「座数」每座…」"


def test_the_fact_named_again_without_a_side_is_every_one():
    # as GR234's help says: 「「座数」每座加5分」 counts every seat: 3 → 10 + 3 × 5 = 25; 1 → 15; 0 → 0
    assert by_seats(seats("达到1座的,得10分;「座数」每座加5分。")) == [D(0), D(15), D(25)]


def test_none_before_a_step_is_unchanged():
    # 为0 (the edge): 「「事故起数」为0的,得10分;每起扣5分」 reads either way alike (30分): 0 → 10; 1 → 0 + (−5) → 0
    # (the award is not the item's points and the sentence is split by 「;」: language.md 8)
    assert by_seats(seats("为0座的,得10分;每座扣5分。"), (0, 1)) == [D(10), D(0)]


WORDINGS = ("达到{n}座的", "为{n}座的", "{n}座以上的", "不少于{n}座的")


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=5),
       st.integers(min_value=1, max_value=9), st.sampled_from(WORDINGS), st.booleans())
def test_each_step_beyond_the_tier_adds_its_amount(n, k, step, award, wording, named):
    # with a tier at N and a step of s per extra (no cap, a roomy item): score(N + k) − score(N) = k·s, score(N) = award,
    # and nothing below N — for every wording of the tier, the fact named again or not
    again = "「座数」" if named else ""
    rubric = ok(f"一、【站点】(1000分)\n  事实「座数」:座数\n  「座数」{wording.format(n=n)},得{award}分;"
                f"{again}每增加一座加{step}分。\n")
    def score(count):
        return rubric.score({"单位": "u", "单位类别": "部门", "座数": count}).scores()["一"]
    assert score(n) == award
    assert score(n + k) - score(n) == k * step
    assert score(n - 1) == 0
