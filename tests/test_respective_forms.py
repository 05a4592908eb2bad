"""Field trial 7, 三 #3, #7: 「分别」 and the choice words as published (forms18b). Every number below is worked out by
hand from the published words quoted above each case; scored() checks that the compiled scorer gives the same tree and
lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.fmt import format_text
from govrubric.lint import lint
from govrubric.printer import normalise, print_rubric
from helpers import codes
from test_published_forms import HEAD, lines, scored

# ---------------------------------------------------------------- 属 + options + 分别 (三 #7)
# 水利工程管理考核标准 3 精神文明(40分): 「绿化程度在本省属好、中、差,分别扣0、3、5分」
GREEN = """一、【精神文明】(40分)
  事实「绿化程度在本省」:选项「好」、「中」、「差」
  「绿化程度在本省」属「好」、「中」、「差」,分别扣0、3、5分。
"""


def test_belongs_to_options_means_what_is_options_means():
    # 从满分扣减(只有扣分): 中 40 − 3 = 37, 差 40 − 5 = 35, 好 40 − 0 = 40
    assert scored(GREEN, {"绿化程度在本省": "中"}).scores()["一"] == D(37)
    assert scored(GREEN, {"绿化程度在本省": "差"}).scores()["一"] == D(35)
    assert scored(GREEN, {"绿化程度在本省": "好"}).scores()["一"] == D(40)
    assert lines(scored(GREEN, {"绿化程度在本省": "中"}))[-1] == "「绿化程度在本省」= 中:中 → 扣3分;合计 −3分"
    spelled = GREEN.replace("属「好」、「中」、「差」,", "为「好」、「中」、「差」的,")
    for value in ("好", "中", "差"):
        assert scored(spelled, {"绿化程度在本省": value}).scores() == scored(GREEN, {"绿化程度在本省": value}).scores()


def test_belongs_to_keeps_its_word_in_fmt_and_render():
    formatted = format_text(HEAD + GREEN)
    assert formatted.problems == ()
    assert "「绿化程度在本省」属「好」、「中」、「差」,分别扣0、3、5分。" in formatted.text
    tree = govrubric.loads(HEAD + GREEN, "t.rubric").tree
    assert "「绿化程度在本省」属「好」、「中」、「差」" in print_rubric(tree)


def test_belongs_to_checks_as_is_does():
    # not an option of the fact: GR213; not an option fact: GR301 (as for 为)
    assert [c for c, *_ in codes(GREEN.replace("「差」,分别", "「坏」,分别"), HEAD)] == ["GR213"]
    wrong = GREEN.replace("选项「好」、「中」、「差」", "是否")
    assert "GR301" in [c for c, *_ in codes(wrong, HEAD)]


# ---------------------------------------------------------------- 分别 over a list of thresholds (三 #3)
# 水利工程管理考核标准 2 机构人员(30分): 「无职工培训计划扣10分或按职工年培训率达到30%、20%、10%,分别扣0、5、10分」
TRAINING = """一、【机构人员】(30分)
  事实「职工年培训率」:百分比
  「职工年培训率」达到30%、20%、10%,分别扣0、5、10分。
"""
SPELLED = """一、【机构人员】(30分)
  事实「职工年培训率」:百分比
  「职工年培训率」达到30%的扣0分,达到20%的扣5分,达到10%的扣10分。
"""


def test_each_threshold_takes_its_own_amount():
    # 从满分扣减: 25% reaches 20% (not 30%) → 30 − 5 = 25; 30% → 30 − 0; 10% → 30 − 10 = 20; 19.9% reaches 10% → 20
    assert scored(TRAINING, {"职工年培训率": "25%"}).scores()["一"] == D(25)
    assert scored(TRAINING, {"职工年培训率": "30%"}).scores()["一"] == D(30)
    assert scored(TRAINING, {"职工年培训率": "10%"}).scores()["一"] == D(20)
    assert scored(TRAINING, {"职工年培训率": "19.9%"}).scores()["一"] == D(20)
    assert lines(scored(TRAINING, {"职工年培训率": "25%"}))[-1] == "「职工年培训率」= 25%,符合「达到20%」(≥ 20%) → 扣5分(−5)"


def test_below_the_last_threshold_no_tier_applies_and_lint_says_so():
    # 5%: none of 30%, 20%, 10% is reached; the source says nothing there: the clause scores nothing (30 分) …
    assert scored(TRAINING, {"职工年培训率": "5%"}).scores()["一"] == D(30)
    # … and lint reports the gap with a witness (GL301), never a silent choice
    gaps = [f for f in lint(govrubric.loads(HEAD + TRAINING, "t.rubric")) if f.code == "GL301"]
    assert len(gaps) == 1 and "低于10%时,没有任何一档适用" in gaps[0].diagnostic.message
    # written in the source's words after it, the last tier covers it: 5% → 30 − 15 = 15, no gap
    closed = TRAINING.replace("分别扣0、5、10分。", "分别扣0、5、10分,否则扣15分。")
    assert scored(closed, {"职工年培训率": "5%"}).scores()["一"] == D(15)
    assert not [f for f in lint(govrubric.loads(HEAD + closed, "t.rubric")) if f.code == "GL301"]


def test_after_otherwise_the_list_tests_its_own_subject():
    # 「无职工培训计划扣10分;否则……达到30%、20%、10%,分别扣0、5、10分」: no plan 20; plan and 25% 25; plan and 30% 30
    text = """一、【机构人员】(30分)
  事实「有职工培训计划」:是否
  事实「职工年培训率」:百分比
  无「有职工培训计划」扣10分;否则「职工年培训率」达到30%、20%、10%,分别扣0、5、10分。
"""
    assert scored(text, {"有职工培训计划": "否", "职工年培训率": "30%"}).scores()["一"] == D(20)
    assert scored(text, {"有职工培训计划": "是", "职工年培训率": "25%"}).scores()["一"] == D(25)
    assert scored(text, {"有职工培训计划": "是", "职工年培训率": "30%"}).scores()["一"] == D(30)
    assert scored(text, {"有职工培训计划": "是", "职工年培训率": "12%"}).scores()["一"] == D(20)


def test_rising_thresholds_are_the_one_sided_tiers_reading():
    # 「达到10%、20%、30%,分别得1、2、3分」: 35% reaches all three; 单边档次 default 取最具体的一档 → 3, 按书写顺序 → 1
    text = "一、【甲】(3分)\n  事实「率」:百分比\n  「率」达到10%、20%、30%,分别得1、2、3分。\n"
    assert scored(text, {"率": "35%"}).scores()["一"] == D(3)
    assert scored(text, {"率": "15%"}).scores()["一"] == D(1)
    assert scored(text, {"率": "5%"}).scores()["一"] == D(0)
    in_order = govrubric.loads(HEAD + text, "t.rubric", readings=["单边档次=按书写顺序"])
    assert in_order.score({"单位": "甲", "率": "35%"}).scores()["一"] == D(1)


def test_a_list_of_thresholds_asks_for_as_many_amounts_after_respectively():
    one_amount = TRAINING.replace("分别扣0、5、10分", "分别扣5分")
    assert [c for c, *_ in codes(one_amount, HEAD)] == ["GR212"]
    no_respectively = TRAINING.replace(",分别扣0、5、10分", "的扣5分")
    assert [c for c, *_ in codes(no_respectively, HEAD)] == ["GR301"]
    total_rule = "事实「率」:百分比\n「率」达到10%、20%的,按0分确定。\n" + TRAINING
    assert [c for c, *_ in codes(total_rule, HEAD)] == ["GR301"]


def test_fmt_and_render_keep_the_list_as_written():
    formatted = format_text(HEAD + TRAINING)
    assert formatted.problems == ()
    assert "「职工年培训率」达到30%、20%、10%,分别扣0、5、10分。" in formatted.text
    tree = govrubric.loads(HEAD + TRAINING, "t.rubric").tree
    printed = print_rubric(tree)
    assert "达到30%、20%、10%" in printed
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 99), min_size=2, max_size=4, unique=True), st.data())
def test_a_list_means_the_tiers_written_one_by_one(thresholds, data):
    amounts = data.draw(st.lists(st.integers(0, 9), min_size=len(thresholds), max_size=len(thresholds)))
    value = data.draw(st.integers(0, 100))
    listed = (f"一、【甲】(9分)\n  事实「率」:百分比\n  「率」达到{'、'.join(f'{t}%' for t in thresholds)},"
              f"分别得{'、'.join(str(a) for a in amounts)}分。\n")
    spelled = ("一、【甲】(9分)\n  事实「率」:百分比\n  「率」"
               + ",".join(f"达到{t}%的得{a}分" for t, a in zip(thresholds, amounts)) + "。\n")
    for reading in ("单边档次=取最具体的一档", "单边档次=按书写顺序"):
        got = [govrubric.loads(HEAD + t, "t.rubric", readings=[reading]).score({"单位": "甲", "率": f"{value}%"})
               for t in (listed, spelled)]
        assert got[0].scores() == got[1].scores()


def test_sql_scores_both_forms_as_python_does():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    rows = [{"单位": f"u{v}", "职工年培训率": f"{v}%", "绿化程度在本省": g}
            for v, g in ((5, "好"), (10, "中"), (25, "差"), (30, "中"))]
    text = TRAINING + GREEN.replace("一、【精神文明】", "二、【精神文明】")
    loaded = govrubric.loads(HEAD + text, "t.rubric")
    got = duckdb_outcome(loaded, rows)
    assert got[0] != "refused", got[1].render()
    assert got == decimal_outcome(loaded, rows)
