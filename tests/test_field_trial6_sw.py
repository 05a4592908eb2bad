"""Sixth-round field trial, silent wrong scores SW6-1, SW6-2, SW6-3, SW6-6 (/work/wt/SW6.md; the trial's repros are
tests/field_trial6/repro/): each minimal repro is written here as the tester wrote it, and every unit is scored by the
interpreter AND by the compiled scorer (the same tree and lines) and by DuckDB where the query compiles. The expected
scores are worked out by hand from the published words, in the comment beside each; they are not program output."""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal as D

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from helpers import codes
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same


def _scored(text: str, rows: list[dict], hand: dict, path: str | None = None) -> govrubric.Rubric:
    """Every unit of `rows` scored as the hand says (item `path`, or the total), interpreter and compiled scorer."""
    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.check() == [], [d.render() for d in rubric.check()]
    scorer = compile_rubric(rubric)
    for row in rows:
        assert assert_same(rubric, scorer, row)
        got = rubric.score(row).scores()[path or "总分"]
        assert got == D(hand[row["单位"]]), (row["单位"], got)
    return rubric


def _lines(rubric: govrubric.Rubric, row: dict) -> str:
    result = rubric.score(row)
    return "\n".join(line.text for node in result.nodes() for line in node.lines)


# ---------------------------------------------------------------- SW6-3 a 比值 fact against a bare number, 百分点
SW3 = """细则「sw3」
【出生婴儿性别比】(10分)
  事实「出生婴儿性别比」:比值
  「出生婴儿性别比」控制在110以内记10分,每上升1个百分点扣0.5分。
"""
SW3_ROWS = [{"单位": "r110", "出生婴儿性别比": D(110)}, {"单位": "r112", "出生婴儿性别比": D(112)},
            {"单位": "r115", "出生婴儿性别比": D(115)}, {"单位": "r112.5", "出生婴儿性别比": D("112.5")}]


def test_sw6_3_a_ratio_against_a_bare_number_counts_points_of_that_number():
    # 性别比 is boys per 100 girls: 112 is 2 points over 110 → 10 − 2 × 0.5 = 9; 115: 10 − 5 × 0.5 = 7.5;
    # 112.5: 2 whole points (不足一步的部分不计, the default 每低) → 9
    rubric = _scored(SW3, SW3_ROWS, {"r110": "10", "r112": "9", "r115": "7.5", "r112.5": "9"})
    shown = _lines(rubric, SW3_ROWS[1])
    assert "符合「超过110」(> 110);差2个百分点" in shown and "超过110以" not in shown
    assert duckdb_outcome(rubric, SW3_ROWS) == decimal_outcome(rubric, SW3_ROWS)


def test_sw6_3_a_bare_number_under_10_on_a_ratio_is_asked_not_guessed():
    # 1.05 may be a share (105%: a point is 0.01) or points (a point is 1): GR302 says to write the bound as a percent
    text = SW3.replace("控制在110以内记10分", "控制在1.05以内记10分")
    found = codes(text, header="")
    assert [c for c, *_ in found] == ["GR302"]
    [diagnostic] = govrubric.loads(text, "t.rubric").check()
    assert "105%" in diagnostic.render()


def test_sw6_3_a_share_or_a_quotient_keeps_its_points_times_100():
    # written as a percent, 1.12 is 112%: 2 points over 110% → 9 (language.md 5「比值按百分点计差距」, SW4-4 unchanged)
    text = SW3.replace("控制在110以内", "控制在110%以内")
    _scored(text, [{"单位": "s", "出生婴儿性别比": D("1.12")}], {"s": "9"})
    quotient = """细则「q」
【控制率】(5分)
  事实「在职人员数」:人数
  事实「编制数」:人数
  「在职人员数」÷「编制数」≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。
"""
    # 105 ÷ 100 is 5 points over: 5 − 2.5 = 2.5
    _scored(quotient, [{"单位": "q", "在职人员数": 105, "编制数": 100}], {"q": "2.5"})


# ---------------------------------------------------------------- SW6-1 a ladder of two gap tiers on one fact
SW1 = """细则「sw1」
{reading}【平安三率】(5分)
  事实「群众安全感」:百分比
  「群众安全感」低于96%的,每降低1个百分点扣0.25分;低于90%的,每降低1个百分点扣0.5分。
"""
SW1_ROWS = [{"单位": u, "群众安全感": v} for u, v in
            (("s88", "88%"), ("s93", "93%"), ("s86", "86%"), ("s90", "90%"), ("s96", "96%"), ("s89.5", "89.5%"))]


@pytest.mark.parametrize("reading, hand", [
    # 分段累进 (the default): 96% to 90% at 0.25 a point, below 90% at 0.5 —
    # 88%: 6 × 0.25 + 2 × 0.5 = 2.5 off → 2.5; 93%: 3 × 0.25 → 4.25; 86%: 1.5 + 4 × 0.5 = 3.5 off → 1.5;
    # 90%: 6 × 0.25 → 3.5; 96%: 5; 89.5%: 1.5 + 0 whole points → 3.5
    ("", {"s88": "2.5", "s93": "4.25", "s86": "1.5", "s90": "3.5", "s96": "5", "s89.5": "3.5"}),
    # 取最具体的一档: below 90% the whole gap from 96% at 0.5 — 88%: 8 × 0.5 = 4 off → 1; 86%: 10 × 0.5 → 0;
    # 89.5%: 6 whole points × 0.5 → 2; 90% and above: the loose tier alone, as 分段累进
    ("分段差距:取最具体的一档\n", {"s88": "1", "s93": "4.25", "s86": "0", "s90": "3.5", "s96": "5", "s89.5": "2"}),
    # 各自计分 (before field trial 6): each from its own threshold — 88%: 8 × 0.25 + 2 × 0.5 = 3 off → 2;
    # 86%: 2.5 + 2 → 0.5; 89.5%: 6 × 0.25 + 0 → 3.5
    ("分段差距:各自计分\n", {"s88": "2", "s93": "4.25", "s86": "0.5", "s90": "3.5", "s96": "5", "s89.5": "3.5"}),
])
def test_sw6_1_a_ladder_of_gap_tiers_scores_each_stretch_at_its_rate(reading, hand):
    rubric = _scored(SW1.format(reading=reading), SW1_ROWS, hand)
    assert duckdb_outcome(rubric, SW1_ROWS) == decimal_outcome(rubric, SW1_ROWS)


def test_sw6_1_the_explanation_names_the_stretch_and_the_reading_is_recorded():
    rubric = govrubric.loads(SW1.format(reading=""), "t.rubric")
    shown = _lines(rubric, SW1_ROWS[0])
    assert "(分段累进:本档只计96%至90%这一段);差6个百分点" in shown and "差2个百分点" in shown
    [decision] = [d for d in rubric.model.decisions if d.key == "分段差距"]
    assert (decision.value, decision.origin) == ("分段累进", "默认")
    from govrubric.lint import lint  # GL001: the other readings, with facts that tell them apart
    hints = [f for f in lint(rubric) if f.code == "GL001" and "分段差距" in f.diagnostic.message]
    assert hints


def test_sw6_1_tiers_written_from_the_strict_end_or_on_other_facts_are_no_ladder():
    # strict first (「低于90%」 then 「低于96%」): the second's threshold is not inside the first's — as written, each
    # from its own threshold: 88% 2 × 0.5 + 8 × 0.25 = 3 off → 2
    text = """细则「x」
【甲】(5分)
  事实「率」:百分比
  「率」低于90%的,每降低1个百分点扣0.5分;低于96%的,每降低1个百分点扣0.25分。
"""
    rubric = _scored(text, [{"单位": "a", "率": "88%"}], {"a": "2"})
    assert not [d for d in rubric.model.decisions if d.key == "分段差距"]


def test_sw6_1_three_tiers_and_the_upper_side():
    # 超过5天 0.1 a day, 超过10天 0.2, 超过20天 0.5 (10分): 25 days → 5 × 0.1 + 10 × 0.2 + 5 × 0.5 = 5 off → 5;
    # 12 days → 0.5 + 0.4 → 9.1; 7 days → 9.8
    text = """细则「x」
【甲】(10分)
  事实「超时天数」:天数
  「超时天数」超过5天的,每超过1天扣0.1分;超过10天的,每超过1天扣0.2分;「超时天数」超过20天的,每超过1天扣0.5分。
"""
    rows = [{"单位": "d25", "超时天数": 25}, {"单位": "d12", "超时天数": 12}, {"单位": "d7", "超时天数": 7}]
    rubric = _scored(text, rows, {"d25": "5", "d12": "9.1", "d7": "9.8"})
    assert duckdb_outcome(rubric, rows) == decimal_outcome(rubric, rows)


_LADDER = """细则「p」
扣分下限:可为负分
【甲】(1000分)
  事实「率」:百分比
  「率」低于{t1}%的,每降低{s1}个百分点扣{a1}分;低于{t2}%的,每降低{s2}个百分点扣{a2}分。
"""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(t2=st.integers(1, 98), width=st.integers(1, 60), s1=st.sampled_from(["0.5", "1", "2"]),
       s2=st.sampled_from(["0.5", "1", "3"]), a1=st.sampled_from(["0.1", "0.25", "1"]),
       a2=st.sampled_from(["0.2", "0.5", "2"]), quarters=st.lists(st.integers(0, 400), min_size=2, max_size=6))
def test_sw6_1_stretches_are_monotone_and_never_charge_a_stretch_twice(t2, width, s1, s2, a1, a2, quarters):
    t1 = min(t2 + width, 100)
    assume(t1 > t2)
    rubric = govrubric.loads(_LADDER.format(t1=t1, t2=t2, s1=s1, s2=s2, a1=a1, a2=a2), "p.rubric")
    assert rubric.ok
    stacked = govrubric.loads(_LADDER.format(t1=t1, t2=t2, s1=s1, s2=s2, a1=a1, a2=a2), "p.rubric",
                              readings=["分段差距=各自计分"])
    values = sorted({D(q) / 4 for q in quarters})
    taken = []
    for v in values:
        row = {"单位": "u", "率": f"{v}%"}
        off = D(1000) - rubric.score(row).scores()["【甲】"]
        # the looser tier counts at most its own stretch, t1 down to t2; the stricter one from t2
        first = ((D(t1) - max(v, D(t2))) / D(s1)).to_integral_value(ROUND_FLOOR) * D(a1) if v < t1 else D(0)
        second = ((D(t2) - v) / D(s2)).to_integral_value(ROUND_FLOOR) * D(a2) if v < t2 else D(0)
        assert off == first + second
        assert first <= ((D(t1) - D(t2)) / D(s1)).to_integral_value(ROUND_FLOOR) * D(a1)
        assert off <= D(1000) - stacked.score(row).scores()["【甲】"]  # never more than each from its own threshold
        taken.append(off)
    assert taken == sorted(taken, reverse=True)  # a lower rate never loses less


# ---------------------------------------------------------------- SW6-6 「加0.2分/个。累计不超过3分。」
SW6 = """细则「sw6」
4.【微改造、精提升】(5分)
  {reading}事实「完成微改造精提升任务」:是否
  事实「示范点个数」:个数
  「完成微改造精提升任务」,5分。
  「示范点个数」加0.2分/个。累计不超过3分。
"""
SW6_ROWS = [{"单位": "done0", "完成微改造精提升任务": "是", "示范点个数": 0},
            {"单位": "done20", "完成微改造精提升任务": "是", "示范点个数": 20},
            {"单位": "notdone5", "完成微改造精提升任务": "否", "示范点个数": 5},
            {"单位": "notdone20", "完成微改造精提升任务": "否", "示范点个数": 20}]


def test_sw6_6_a_neutral_cumulative_cap_after_a_bonus_caps_the_bonus():
    # 北仑 2024「列入示范点的,加0.2分/个。累计不超过3分。」 under 5 points, 加分上限:不受本项分值限制 (as the repro):
    # done, no 示范点: 5; done, 20 示范点: 5 + min(4, 3) = 8; not done, 5: 1; not done, 20: 3
    freed = "加分上限:不受本项分值限制(理由:「加分后总分不超过一级指标分值的1.5倍」)\n  "
    rubric = _scored(SW6.format(reading=freed), SW6_ROWS, {"done0": "5", "done20": "8", "notdone5": "1", "notdone20": "3"})
    assert "累计不超过3分:+4 → +3" in _lines(rubric, SW6_ROWS[1])
    assert duckdb_outcome(rubric, SW6_ROWS) == decimal_outcome(rubric, SW6_ROWS)
    # under the default 加分上限 the item keeps its 5 points as ceiling: done + 20 → 5; the bonus alone still stops at 3
    _scored(SW6.format(reading=""), SW6_ROWS, {"done0": "5", "done20": "5", "notdone5": "1", "notdone20": "3"})
    from govrubric.lint import lint
    assert not [f for f in lint(govrubric.loads(SW6.format(reading=""), "t.rubric")) if f.code == "GL202"]


def test_sw6_6_the_bonus_cap_is_worded_back_on_the_bonus():
    from govrubric.render import build_table
    loaded = govrubric.loads(SW6.format(reading=""), "t.rubric")
    shown = "\n".join(line for row in build_table(loaded.model, loaded.tree).rows for line in row.standard)
    assert "本项得分不超过3分" not in shown and "每1个加0.2分,加满3分为止" in shown


def test_sw6_6_after_two_bonuses_it_caps_them_together_and_an_item_ceiling_stays_one():
    # 北仑 序号 3「列入双百项目库的,加2分/个;列入千项万亿项目库的,加3分/个。累计不超过6分。」 under 15 points (加分上限 freed):
    # done, 2 + 1 projects: 15... here 5 + min(2 × 2 + 1 × 3, 6) = 11; 1 + 0: 5 + 2 = 7
    two = """细则「b」
3.【产业资源推广】(5分)
  加分上限:不受本项分值限制(理由:「测试」)
  事实「完成」:是否
  事实「双百个数」:个数
  事实「千项个数」:个数
  「完成」,5分。
  「双百个数」加2分/个;「千项个数」加3分/个。累计不超过6分。
"""
    rows = [{"单位": "a", "完成": "是", "双百个数": 2, "千项个数": 1}, {"单位": "b", "完成": "是", "双百个数": 1, "千项个数": 0}]
    rubric = _scored(two, rows, {"a": "11", "b": "7"})
    assert "累计不超过6分(前面2条加分合计):+7 → +6" in _lines(rubric, rows[0])
    # after a clause that earns (得), 累计不超过3分 is the item's ceiling as before: done → 3
    earned = SW6.format(reading="").replace("「示范点个数」加0.2分/个。累计不超过3分。", "「示范点个数」加0.2分/个。\n  「完成微改造精提升任务」,1分。累计不超过3分。")
    _scored(earned, SW6_ROWS[:1], {"done0": "3"})


# ---------------------------------------------------------------- SW6-2 「控制在5%以内记6分,超过0.1个百分点扣1分」
SW2 = """细则「sw2」
{reading}【人口出生误差】(6分)
  事实「人口出生统计误差」:百分比
  「人口出生统计误差」控制在5%以内记6分,{per}超过0.1个百分点扣1分。
"""
SW2_ROWS = [{"单位": "e500", "人口出生统计误差": "5%"}, {"单位": "e530", "人口出生统计误差": "5.3%"},
            {"单位": "e505", "人口出生统计误差": "5.05%"}, {"单位": "e800", "人口出生统计误差": "8%"},
            {"单位": "e300", "人口出生统计误差": "3%"}]


@pytest.mark.parametrize("reading, per, hand", [
    # 超过0.1个百分点 is past 5% by 0.1 points (a difference: not the level 0.1%). 每步计 (the default, the tester's):
    # 5.3% is 3 steps, 6 − 3 = 3; 5.05% not one whole step: 6; 8%: 30 steps, 0; 3% and 5%: within, 6
    ("", "", {"e500": "6", "e530": "3", "e505": "6", "e800": "0", "e300": "6"}),
    # 计一次: past by 0.1 points or more, 1 once: 5.3% and 8% → 5
    ("超出幅度:计一次\n", "", {"e500": "6", "e530": "5", "e505": "6", "e800": "5", "e300": "6"}),
    # 「每超过0.1个百分点扣1分」 says each step itself (language.md 6.4): as the default, and no reading is recorded
    ("", "每", {"e500": "6", "e530": "3", "e505": "6", "e800": "0", "e300": "6"}),
])
def test_sw6_2_over_by_points_after_a_bound_counts_from_the_bound(reading, per, hand):
    rubric = _scored(SW2.format(reading=reading, per=per), SW2_ROWS, hand)
    assert duckdb_outcome(rubric, SW2_ROWS) == decimal_outcome(rubric, SW2_ROWS)
    decided = [d.value for d in rubric.model.decisions if d.key == "超出幅度" and d.path is not None]
    assert decided == ([] if per else ["计一次" if reading else "每步计"])
    shown = _lines(rubric, SW2_ROWS[1])
    assert "符合「超过5%」(> 5%);差0.3个百分点" in shown and "> 0.1%" not in shown


def test_sw6_2_the_reading_is_hinted():
    from govrubric.lint import lint
    loaded = govrubric.loads(SW2.format(reading="", per=""), "t.rubric")
    assert [f for f in lint(loaded) if f.code == "GL001" and "超出幅度" in f.diagnostic.message]


@pytest.mark.parametrize("word", ["高于", "多于"])
def test_sw6_2_other_words_for_over_count_from_the_bound(word):
    # 「高于0.1个百分点扣1分」 after 控制在5%以内 says what 超过 says (words.ABOVE_BY): 5.3% is 3 steps past 5%, 6 − 3 = 3;
    # 5.05% not one whole step: 6; 8%: 30 steps, 0; 3% and 5%: within, 6
    _scored(SW2.format(reading="", per="").replace("超过0.1", f"{word}0.1"), SW2_ROWS,
            {"e500": "6", "e530": "3", "e505": "6", "e800": "0", "e300": "6"})


@pytest.mark.parametrize("word", ["低于", "不足", "少于"])
def test_below_by_points_after_a_lower_bound_counts_from_the_bound(word):
    # 「达到90%得5分,低于1个百分点扣1分」: 1 point below 90% a step (words.BELOW_BY): 87.5% is 2.5 points short, 2 whole
    # steps, 5 − 2 = 3; 89.5% not one whole step: 5; 80%: 10 steps, 5 − 10 stops at 0; 90% meets it: 5
    text = f"细则「t」\n【达标】(5分)\n  事实「达标率」:百分比\n  「达标率」达到90%得5分,{word}1个百分点扣1分。\n"
    rows = [{"单位": "a", "达标率": "87.5%"}, {"单位": "b", "达标率": "90%"}, {"单位": "c", "达标率": "80%"},
            {"单位": "d", "达标率": "89.5%"}]
    rubric = _scored(text, rows, {"a": "3", "b": "5", "c": "0", "d": "5"})
    assert [d.value for d in rubric.model.decisions if d.key == "超出幅度"] == ["每步计"]


def test_the_words_past_a_bound_are_the_comparison_words_of_their_side():
    # one list: over_by_points reads words.ABOVE_BY / BELOW_BY, each a strict comparison word of its side in PRE_WORDS
    from govrubric.check import items, words
    assert all(words.PRE_WORDS[w] == ("ge", False) for w in words.ABOVE_BY)
    assert all(words.PRE_WORDS[w] == ("le", False) for w in words.BELOW_BY)
    assert not any(name.endswith("_WORDS") and name.startswith(("_OVER", "_UNDER")) for name in vars(items))
