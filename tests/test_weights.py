"""Issue 15 §2: weighted counts — 「国家级、省级、市级分别按300%、100%、50%计」 after a per-item result. Numbers worked
out by hand from the wording; the compiled scorer must give the same tree and lines (scored → assert_same)."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import codes, ok
from test_published_forms import HEAD, lines, scored

AWARDS = """一、【表彰奖励】(累计不超过5分)
  事实「获奖情况」:清单「国家级」、「省级」、「市级」
  「获奖情况」每项加1分,「国家级」、「省级」、「市级」分别按300%、100%、50%计。
"""


def test_each_item_earns_the_amount_times_its_weight():
    # 国家级 1 × 300% = 3, 市级 1 × 50% = 0.5 twice: 3 + 0.5 + 0.5 = 4
    result = scored(AWARDS, {"获奖情况": ["国家级", "市级", "市级"]})
    assert result.scores()["一"] == D(4)
    assert lines(result)[-1] == ("「获奖情况」= 国家级、市级、市级:国家级 → 加1分×300% = 加3分;市级 → 加1分×50% = 加0.5分;"
                                 "市级 → 加1分×50% = 加0.5分;合计 +4分")
    # two 国家级 (one also 省级, the highest counts): 3 + 3 = 6, capped at 5
    assert scored(AWARDS, {"获奖情况": [["省级", "国家级"], "国家级"]}).scores()["一"] == D(5)
    assert scored(AWARDS, {"获奖情况": []}).scores()["一"] == D(0)


def test_a_deduction_and_a_choice_fact_weigh_alike():
    # 级别 省级: 扣2分 × 150% = 3 off a 10-point item: 7
    text = """一、【通报】(10分)
  事实「通报级别」:选项「国家级」、「省级」
  「通报级别」每次扣2分,「国家级」、「省级」分别按200%、150%计。
"""
    assert scored(text, {"通报级别": "省级"}).scores()["一"] == D(7)


def test_the_weights_are_checked():
    bad_option = AWARDS.replace("「市级」分别", "「县级」分别")
    assert [c for c, *_ in codes(bad_option, HEAD)] == ["GR213"]
    fewer = AWARDS.replace("、50%计", "计")
    assert [c for c, *_ in codes(fewer, HEAD)] == ["GR212"]
    count = "一、【甲】(5分)\n  事实「n」:次数\n  「n」每项加1分,「国家级」分别按300%计。\n"
    assert [c for c, *_ in codes(count, HEAD)] == ["GR301"]


def test_weights_round_trip_and_render_as_published():
    import govrubric
    from govrubric.fmt import format_text
    from govrubric.printer import normalise, print_rubric
    from govrubric.render import build_table

    tree = govrubric.loads(HEAD + AWARDS, "t.rubric").tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert format_text(HEAD + AWARDS).problems == ()
    loaded = ok(AWARDS, HEAD)
    assert build_table(loaded.model, loaded.tree).rows[0].standard[0] == \
        "获奖情况每项加1分,国家级、省级、市级分别按300%、100%、50%计"


def test_the_sql_backend_scores_weights_as_python_does():
    from test_sql import same

    same(ok(AWARDS, HEAD), [{"单位": "甲", "获奖情况": ["国家级", "市级"]}, {"单位": "乙", "获奖情况": ["省级"]},
                           {"单位": "丙", "获奖情况": []}])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["国家级", "省级", "市级"]), max_size=6))
def test_the_weighted_sum_is_the_sum_of_weights_capped(items):
    """Whatever the items, the item scores min(5, Σ weight) with 国家级 3, 省级 1, 市级 0.5 — and the compiled scorer
    agrees line for line (scored)."""
    weight = {"国家级": D(3), "省级": D(1), "市级": D("0.5")}
    assert scored(AWARDS, {"获奖情况": items}).scores()["一"] == min(D(5), sum((weight[i] for i in items), D(0)))
