"""Issue 15 §1: deductions that leave the item — 追加扣除 / 另扣 after 不得分, 从总分中扣除 — and 追加扣分 written as an
ordinary deduction (柳池). Every number is worked out by hand from the wording (in the comments); the compiled scorer
must give the same tree and lines (scored → test_codegen.assert_same)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import unit_facts, valid_rubric_texts

import govrubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from helpers import codes, ok
from test_published_forms import HEAD, lines, scored

SPILL = """一、【安全】(10分)
  事实「重大隐患」:是否
  事实「检查次数」:次数
  「检查次数」每次得2分。
  「重大隐患」的,不得分,并追加扣除20分。
二、【其他】(5分)
  事实「b」:是否
  事实「事故」:是否
  「b」的,得5分。
  「事故」的,从总分中扣除3分。
"""


def test_the_item_scores_nothing_and_the_extra_comes_off_the_total():
    # no 隐患, no 事故: 3 × 2 = 6; 二 5; total 11
    facts = {"重大隐患": "否", "检查次数": 3, "b": "是", "事故": "否"}
    assert scored(SPILL, facts).scores() == {"一": D(6), "二": D(5), "总分": D(11)}
    # 隐患: 一 is vetoed (6 → 0); the 20 do not stay in 一 (its floor 0 would swallow them) but come off the total:
    # 0 + 5 = 5, 5 − 20 = −15
    result = scored(SPILL, {**facts, "重大隐患": "是"})
    assert result.scores() == {"一": D(0), "二": D(5), "总分": D(-15)}
    assert lines(result)[-3:] == ["「重大隐患」= 是,「重大隐患」成立 → 不得分,并追加扣除20分(否决)",
                                  "否决生效:本项得0分(原为6分)", "追加扣除20分:不计入本项,从总分中扣除"]
    assert [line.text for line in result.total_lines] == ["总分 = 各项得分之和 = 5", "追加扣除(从总分中扣除):一 20分:5 → -15"]


def test_from_the_total_leaves_the_item_as_it_is_and_several_spills_add_up():
    # 事故: 二 keeps its 5; 3 off the total. With 隐患 too: 0 + 5 − (20 + 3) = −18
    result = scored(SPILL, {"重大隐患": "是", "检查次数": 3, "b": "是", "事故": "是"})
    assert result.scores() == {"一": D(0), "二": D(5), "总分": D(-18)}
    assert lines(result, "二")[-2:] == ["「事故」= 是,「事故」成立 → 从总分中扣除3分", "追加扣除3分:不计入本项,从总分中扣除"]
    assert result.total_lines[-1].text == "追加扣除(从总分中扣除):一 20分、二 3分,共23分:5 → -18"


def test_the_extra_is_outside_every_parent_bound_and_before_the_rules_on_the_total():
    text = """「总分」超过100分的,按100分确定。
「重大事故」的,按0分确定。
一、【甲】(60分)
  扣完为止。
  1.【乙】(10分)
    事实「隐患」:是否
    「隐患」的,此项不得分,另扣15分。
  2.【丙】(50分)
    事实「a」:是否
    「a」的,得50分。
二、【加分】
  事实「加分」:次数
  「加分」每次加10分。
"""
    head = HEAD + "事实「重大事故」:是否\n"
    # 隐患: 一.1 = 0; 一 = 0 + 50 = 50 (一's floor is not touched); 二 = 60; 50 + 60 = 110, − 15 = 95 ≤ 100: 95
    base = {"隐患": "是", "a": "是", "加分": 6, "重大事故": "否"}
    assert scored(text, base, head).scores()["总分"] == D(95)
    # 二 = 80: 130 − 15 = 115, then 超过100分的按100分确定: 100 (the extra comes before the rules on the total)
    assert scored(text, {**base, "加分": 8}, head).scores()["总分"] == D(100)
    # 一票否决 after the extra: 0, not −15
    assert scored(text, {**base, "a": "否", "加分": 0, "重大事故": "是"}, head).scores()["总分"] == D(0)


def test_an_extra_deduction_written_on_its_own_stays_in_the_item():
    # 柳池: 「视火灾面积扣分5—15分/次,如有农房被烧,按10分/户追加扣分」 under 「共60分,扣完为止」: the 10 per 户 are
    # deducted in the item like 扣10分/户; 「另扣2分」 and 「追加扣3分」 on their own likewise
    text = """一、【消防】(20分)
  扣完为止。
  事实「户数」:户数
  事实「超标」:是否
  「户数」按10分/户追加扣分。
  「超标」的,另扣2分。
  「超标」的,追加扣3分。
"""
    # 1 户 and 超标: 20 − 10 − 2 − 3 = 5; 2 户: 20 − 20 − 5 → 0 (扣完为止), nothing off the total
    assert scored(text, {"户数": 1, "超标": "是"}).scores() == {"一": D(5), "总分": D(5)}
    assert scored(text, {"户数": 2, "超标": "是"}).scores() == {"一": D(0), "总分": D(0)}


def test_the_extra_is_written_after_no_points_only():
    found = codes("一、【甲】(10分)\n  事实「a」:是否\n  「a」的,得3分,并追加扣除4分。\n", HEAD)
    assert [c for c, *_ in found] == ["GR228"]
    found = codes("一、【甲】(10分)\n  事实「n」:次数\n  「n」每次从总分中扣除4分。\n", HEAD)
    assert [c for c, *_ in found] == ["GR228"]


@pytest.mark.parametrize("text", [SPILL, "一、【甲】(10分)\n  事实「a」:是否\n  「a」的,此项不得分,同时追加扣除5分。\n"
                                  "  事实「n」:户数\n  「n」按10分/户追加扣分。\n"])
def test_the_words_round_trip_render_and_the_sql_backend_refuses_them(text):
    assert_round_trips_and_sql_refuses(text)


def assert_round_trips_and_sql_refuses(text: str) -> None:
    """fmt and the printer give the same tree back; the SQL backend refuses the construct (GR601)."""
    tree = govrubric.loads(HEAD + text, "t.rubric").tree
    assert normalise(govrubric.loads(print_rubric(tree), "t.rubric").tree) == normalise(tree)
    assert format_text(HEAD + text).problems == ()
    from govrubric.sql import Unsupported, compile_query
    with pytest.raises(Unsupported):
        compile_query(ok(text, HEAD).model, line_of=ok(text, HEAD).line_of)


def test_render_says_it_as_published():
    rows = build_table(ok(SPILL, HEAD).model, ok(SPILL, HEAD).tree).rows
    assert "重大隐患的,该项不得分,并追加扣除20分" in rows[0].standard
    assert "事故的,从总分中扣除3分" in rows[1].standard


def test_lint_knows_the_total_can_fall_by_the_extra():
    # the lowest total: 一 0, 二 0, 23 off → −23 (GL203: below 0)
    assert any(f.code == "GL203" for f in lint(ok(SPILL, HEAD)))


# ---------------------------------------------------------------- property: a spill never touches an item
def _without_spills(model):
    """The same checked rubric with every 追加扣除 / 从总分中扣除 taken out (and nothing else changed)."""
    import attrs

    from govrubric import model as m

    def outcome(out):
        return attrs.evolve(out, spill=None) if out.spill is not None else out

    def rule(r):
        if isinstance(r, m.Tiered):
            return attrs.evolve(r, tiers=tuple(attrs.evolve(t, outcome=outcome(t.outcome)) for t in r.tiers))
        if isinstance(getattr(r, "outcome", None), m.Outcome):  # 扣满0.1分的,追加扣除0.1分 (m.Running), 每…
            return attrs.evolve(r, outcome=outcome(r.outcome))
        return r

    def node(n):
        return attrs.evolve(n, rules=tuple(rule(r) for r in n.rules), children=tuple(node(c) for c in n.children))

    return attrs.evolve(model, roots=tuple(node(r) for r in model.roots))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
@given(data=st.data())
def test_spills_leave_every_item_alone_and_the_total_lower_by_what_the_items_say(data):
    """Every item scores the same with and without the spills; before the rules on the total, the total is lower by
    exactly the amounts the items' own lines name (「追加扣除N分:不计入本项」), and the total's line adds them up."""
    from govrubric.evaluate import score_unit

    text = data.draw(valid_rubric_texts(cohorts=False), label="rubric")
    rubric = govrubric.loads(text, "generated.rubric")
    assume(rubric.ok and rubric.model.final is None)
    model = rubric.model
    row = data.draw(unit_facts(model))
    values, category, problems = rubric.validate(row, "甲")
    assume(not problems)
    with_spills = score_unit(model, values, "甲", category)
    plain = score_unit(_without_spills(model), values, "甲", category)
    assert {n.path: n.score for n in with_spills.nodes()} == {n.path: n.score for n in plain.nodes()}
    named = sum((D(line.text[4:line.text.index("分")]) for n in with_spills.nodes() for line in n.lines
                 if line.text.startswith("追加扣除") and "不计入本项" in line.text), D(0))
    assert plain.total - with_spills.total == named
    if named:
        assert any(line.text.startswith("追加扣除(从") for line in with_spills.total_lines)



# ---------------------------------------------------------------- 加分上限:计入总分: bonuses that leave the item
EXTRA = """加分上限:计入总分(理由:「注:该项设有加分项(最多加5分)」)
一、【甲】(10分)
  1.【乙】(5分)
    计分方式:从满分扣减(理由:「试验」)
    事实「少开次数」:次数
    事实「主要领导参加次数」:次数
    「少开次数」每次扣1分。
    「主要领导参加次数」参加一次加2.5分,最多加5分。
  2.【丙】(5分)
    事实「c」:是否
    「c」的,得5分。
    事实「违纪」:是否
    「违纪」的,此项不得分。
    事实「宣传」:次数
    「宣传」每次加1分。
"""


def test_bonuses_go_to_the_total_past_every_parent():
    # 1: 5 − 0 = 5, bonus 3 × 2.5 = 7.5 → 5 (its cap) to the total; 2: 5, bonus 2 to the total; 一 = 10 (its points),
    # total 10 + 5 + 2 = 17 — under 加分上限:不受本项分值限制 一 would cap it at 10
    facts = {"少开次数": 0, "主要领导参加次数": 3, "c": "是", "违纪": "否", "宣传": 2}
    result = scored(EXTRA, facts)
    assert result.scores() == {"一": D(10), "一.1": D(5), "一.2": D(5), "总分": D(17)}
    assert lines(result, "一.1")[-1] == "加分计入总分:+5分,不计入本项"
    assert result.total_lines[-1].text == "加分项(计入总分):一.1 5分、一.2 2分,共7分:10 → 17"
    # 丙 vetoed: 0, and its bonus is not counted either: 一 = 5 + 0 = 5, + 5 (一.1's bonus) = 10
    vetoed = scored(EXTRA, {**facts, "违纪": "是"})
    assert vetoed.scores()["总分"] == D(10)
    assert lines(vetoed, "一.2")[-2] == "加分+2分不计:本项被否决"


def test_lint_knows_the_total_can_pass_the_items_by_the_bonuses():
    from govrubric.lint.reach import Analysis

    # 一 at most 10, bonuses at most 5 (capped clause) + unbounded (宣传 每次加1分): no upper bound on the total
    total = Analysis(ok(EXTRA, HEAD).model).total()
    assert not total.high.value.is_finite()
    capped = EXTRA.replace("「宣传」每次加1分。", "「宣传」每次加1分,最多加3分。")
    assert Analysis(ok(capped, HEAD).model).total().high.value == D(18)  # 10 + 5 + 3


def test_a_proportional_deduction_feeds_the_running_total_it_really_deducts():
    # 按「未完成占比」的比例扣0.5分 with 10%: 0.5 × 10% = 0.05 deducted; 扣满0.1分 is not reached, so nothing comes
    # off the total: 二 = −0.05 (no points: from 0), total = 1 − 0.05 = 0.95. The compiled scorer once named the
    # clause's share like the item's running total (taken) and read 0.1 there, spilling 0.1 more (total 0.85).
    text = """一、【甲】(1分)
  事实「甲」:是否
  「甲」的,得1分。
二、【乙】
  事实「未完成占比」:百分比
  按「未完成占比」的比例扣0.5分。
  扣满0.1分的,追加扣除0.1分。
"""
    result = scored(text, {"甲": "是", "未完成占比": "10%"})
    assert result.scores() == {"一": D(1), "二": D("-0.05"), "总分": D("0.95")}
    assert "本项已扣0.05分,不符合「扣满0.1分」(≥ 0.1分):本条不计分" in lines(result, "二")
