"""Issue 15 §1–2: a veto beside deductions (否决与扣分), conditions on the item's own running result, and how several
deductions combine (就高不就低 …). Every number is worked out by hand from the wording (in the comments); the compiled
scorer must give the same tree and lines (scored → test_codegen.assert_same)."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from helpers import codes, ok
from test_spill import assert_round_trips_and_sql_refuses
from test_published_forms import HEAD, lines, scored

# ---------------------------------------------------------------- 否决与扣分: the veto and the deductions already taken
VETO = """一、【窗口纪律】
  可扣至负分。
  事实「迟到次数」:次数
  事实「严重违纪」:是否
  「迟到次数」每次扣2分。
  「严重违纪」的,此项不得分。
"""


def test_a_veto_takes_what_is_above_zero_and_keeps_the_deductions():
    # 5 迟到 → −10; 严重违纪 too: the item earns nothing, and the 10 already deducted stay: −10 (the old reading gave 0,
    # so the unit that also broke discipline badly scored 10 more than one that only came late)
    result = scored(VETO, {"迟到次数": 5, "严重违纪": "是"})
    assert result.scores()["一"] == D(-10)
    assert lines(result)[-1] == "否决生效:本项不得分,已扣的分照扣:−10分"
    # nothing deducted: the veto gives 0, as before
    assert scored(VETO, {"迟到次数": 0, "严重违纪": "是"}).scores()["一"] == D(0)


def test_the_other_reading_lifts_the_item_to_zero():
    text = VETO.replace("  可扣至负分。\n", "  可扣至负分。\n  否决与扣分:一律得0分(理由:「试验」)\n")
    result = scored(text, {"迟到次数": 5, "严重违纪": "是"})
    assert result.scores()["一"] == D(0)
    assert lines(result)[-1] == "否决生效:本项得0分(原为-10分)"
    # on the command line as well
    loaded = govrubric.loads(HEAD + VETO, "t.rubric", readings=["否决与扣分=一律得0分"])
    assert loaded.score({"单位": "甲", "迟到次数": 5, "严重违纪": "是"}).scores()["一"] == D(0)


def test_below_zero_counts_from_what_the_veto_leaves():
    # 倒扣3 after −10 kept: −13; with nothing deducted: −3
    text = VETO.replace("此项不得分。", "此项不得分,同时倒扣3分。")
    assert scored(text, {"迟到次数": 5, "严重违纪": "是"}).scores()["一"] == D(-13)
    assert scored(text, {"迟到次数": 0, "严重违纪": "是"}).scores()["一"] == D(-3)


def test_the_reading_is_recorded_only_where_the_item_can_fall_below_zero():
    decided = {d.key for d in ok(VETO, HEAD).model.decisions}
    assert "否决与扣分" in decided
    floored = "一、【甲】(10分)\n  事实「n」:次数\n  事实「v」:是否\n  「n」每次扣2分。\n  「v」的,此项不得分。\n"
    assert "否决与扣分" not in {d.key for d in ok(floored, HEAD).model.decisions}


# ---------------------------------------------------------------- 就高不就低: only the largest deduction counts
LARGEST = """一、【安全生产】(10分)
  计分方式:从满分扣减(理由:「10分,事故和隐患从中扣」)
  事实「一般事故」:是否
  事实「较大事故」:是否
  事实「隐患处数」:处数
  事实「创新」:是否
  「一般事故」的,扣3分。
  「较大事故」的,扣6分。
  「隐患处数」每处扣1分。
  「创新」的,加1分。
  以上各项扣分就高不就低。
"""


def test_only_the_largest_deduction_counts():
    # 一般 −3, 较大 −6, 2 处 −2: only −6 counts: 10 − 6 = 4 (added up it would be 10 − 11 → 0)
    result = scored(LARGEST, {"一般事故": "是", "较大事故": "是", "隐患处数": 2, "创新": "否"})
    assert result.scores()["一"] == D(4)
    assert lines(result)[-1] == "以上各项扣分就高不就低:各条扣分 −3、−6、−2,只计扣分最多的一项:−6分"
    # 一般 −3 and 4 处 −4: −4 counts: 6; a bonus is no deduction and stays: 6 + 1 = 7
    assert scored(LARGEST, {"一般事故": "是", "较大事故": "否", "隐患处数": 4, "创新": "是"}).scores()["一"] == D(7)
    # one deduction alone: taken as it is, no line of its own
    result = scored(LARGEST, {"一般事故": "否", "较大事故": "否", "隐患处数": 3, "创新": "否"})
    assert result.scores()["一"] == D(7) and not lines(result)[-1].startswith("以上各项")


def test_the_other_published_words_read_alike():
    for words in ("不累计扣分", "按扣分最高的一项扣分", "就高不就低"):
        text = LARGEST.replace("以上各项扣分就高不就低", words)
        assert scored(text, {"一般事故": "是", "较大事故": "是", "隐患处数": 2, "创新": "否"}).scores()["一"] == D(4)


def test_largest_round_trips_and_the_sql_backend_refuses_it():
    assert_round_trips_and_sql_refuses(LARGEST)


def test_lint_tries_the_deductions_one_at_a_time():
    # GL001 (扣分下限) shows a case where the largest deduction alone passes the points: 11 处 → 10 − 11 = −1
    from govrubric.lint import lint

    found = [f for f in lint(ok(LARGEST, HEAD)) if f.code == "GL001" and "扣分下限" in f.diagnostic.render()]
    assert found and "得-1分" in str(found[0].witness)


def test_the_sql_backend_keeps_the_deductions_under_a_veto_as_python_does():
    from test_sql import same

    rows = [{"单位": "甲", "迟到次数": 5, "严重违纪": "是"}, {"单位": "乙", "迟到次数": 0, "严重违纪": "是"},
            {"单位": "丙", "迟到次数": 2, "严重违纪": "否"}]
    same(ok(VETO, HEAD), rows)
    text = VETO.replace("  可扣至负分。\n", "  可扣至负分。\n  否决与扣分:一律得0分(理由:「试验」)\n")
    same(ok(text, HEAD), rows)


# ---------------------------------------------------------------- the item's own running result
RUNNING = """一、【隐患排查】(4分)
  事实「隐患处数」:处数
  「隐患处数」每处扣1分;
  扣满4分的,追加扣除10分。
二、【纪律】(10分)
  事实「迟到」:次数
  「迟到」每次扣1分。
  本项扣分达到5分的,不得分。
三、【台账】(6分)
  事实「缺项」:项数
  「缺项」每项扣2分,
  本项扣分超过4分的,扣1分。
"""


def test_a_full_deduction_brings_the_extra_off_the_total():
    # 5 处: 4 − 5 → 0 and 扣满4分 (5 ≥ 4): 10 off the total; 二 6 迟到: 6 ≥ 5 → 不得分 (0);
    # 三 3 缺项: 6 > 4 → 1 more: 6 − 6 − 1 → 0. Total 0 + 0 + 0 − 10 = −10
    result = scored(RUNNING, {"隐患处数": 5, "迟到": 6, "缺项": 3})
    assert result.scores() == {"一": D(0), "二": D(0), "三": D(0), "总分": D(-10)}
    assert lines(result)[2] == "本项已扣5分,符合「扣满4分」(≥ 4分) → 追加扣除10分"
    assert lines(result, "二")[-2:] == ["本项已扣6分,符合「本项扣分达到5分」(≥ 5分) → 不得分(否决)", "否决生效:本项得0分(原为4分)"]


def test_below_the_bound_the_clause_scores_nothing():
    # 3 处: 4 − 3 = 1; 4 迟到: 10 − 4 = 6; 2 缺项: 4, not more than 4: 6 − 4 = 2. Total 9
    result = scored(RUNNING, {"隐患处数": 3, "迟到": 4, "缺项": 2})
    assert result.scores() == {"一": D(1), "二": D(6), "三": D(2), "总分": D(9)}
    assert lines(result, "三")[-1] == "本项已扣4分,不符合「本项扣分超过4分」(> 4分):本条不计分"


def test_running_round_trips_and_is_refused_elsewhere():
    assert_round_trips_and_sql_refuses(RUNNING)
    assert [c for c, *_ in codes("一、【甲】(4分)\n  本项扣分低于4分的,扣1分。\n", HEAD)] == ["GR101"]


# ---------------------------------------------------------------- properties on the hand-written rubrics
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NEGATIVE_AND_CAPPED = """一、【甲】
  可扣至负分。
  事实「迟到次数」:次数
  事实「严重违纪」:是否
  事实「隐患处数」:处数
  「迟到次数」每次扣2分,最多扣6分。
  「隐患处数」每处扣1分。
  「严重违纪」的,此项不得分,同时倒扣3分。
  本项扣分超过5分的,追加扣除4分。
  不累计扣分。
"""
_CASES = {"veto": VETO, "largest": LARGEST, "running": RUNNING, "negative": _NEGATIVE_AND_CAPPED}


@settings(max_examples=40, deadline=None)
@given(case=st.sampled_from(sorted(_CASES)), counts=st.lists(st.integers(0, 12), min_size=4, max_size=4),
       flags=st.lists(st.booleans(), min_size=3, max_size=3))
def test_interpreter_and_compiled_agree_and_lint_ranges_hold(case, counts, flags):
    """On any counts and flags: the compiled scorer gives the evaluator's scores and lines (scored), and the linter's
    reachable range holds every item's score and the total (lint/reach.py), with spills, vetoes keeping deductions,
    the largest deduction only and conditions on what the item deducted."""
    from govrubric.evaluate import score_unit
    from govrubric.lint.reach import Analysis

    text = _CASES[case]
    loaded = ok(text, HEAD)
    names = [f.name for f in loaded.model.facts.values()]
    row, number = {}, iter(counts)
    flag = iter(flags)
    for name in names:
        kind = loaded.model.facts[name].kind
        row[name] = ("是" if next(flag, False) else "否") if kind == "bool" else next(number, 0)
    result = scored(text, row)
    analysis = Analysis(loaded.model)
    values, category, problems = loaded.validate({"单位": "甲", **row})
    assert not problems
    direct = score_unit(loaded.model, values, "甲", category)
    assert direct.total == result.total
    for node in loaded.model.nodes():
        reach = analysis.node(node)
        got = next(r.score for r in result.nodes() if r.node_id == node.id)
        assert reach.low.value <= got <= reach.high.value, (node.path, got, reach.low.value, reach.high.value)
    total = analysis.total()
    assert total.low.value <= result.total <= total.high.value


def test_the_four_together_worked_by_hand():
    # 迟到 5 × −2 = −10, capped at −6; 隐患 3 × −1 = −3; 不累计扣分: −6 only; 本项已扣 6 > 5: 4 off the total;
    # 严重违纪: the veto keeps −6 (扣分照扣), 倒扣 3 → −9; total −9 − 4 = −13
    result = scored(_NEGATIVE_AND_CAPPED, {"迟到次数": 5, "隐患处数": 3, "严重违纪": "是"})
    assert result.scores() == {"一": D(-9), "总分": D(-13)}
    assert lines(result)[-5:] == [
        "不累计扣分:各条扣分 −6、−3,只计扣分最多的一项:−6分",
        "本项已扣6分,符合「本项扣分超过5分」(> 5分) → 追加扣除4分",
        "否决生效:本项不得分,已扣的分照扣:−6分",
        "倒扣3分:本项得−9分",
        "追加扣除4分:不计入本项,从总分中扣除",
    ]


def test_render_words_the_constructs_as_published():
    from govrubric.render import build_table

    from test_repeats import REPEATS

    def standard(text, row=0):
        loaded = ok(text, HEAD)
        return build_table(loaded.model, loaded.tree).rows[row].standard

    assert "扣满4分的,追加扣除10分" in standard(RUNNING)
    assert "本项扣分达到5分的,该项不得分" in standard(RUNNING, 1)
    assert "以上各项扣分就高不就低" in standard(LARGEST)
    assert "其他考评内容中已有的不重复扣分" in standard(REPEATS, 1)
