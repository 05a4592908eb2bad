"""A fact against another fact as published (field trial 5, 区县体育 1.1—1.2; language.md 5, 6.4): 「达到全省平均水平以上」,
「在全省平均水平以上的单位年增幅……」, 「每少0.1平方米扣1分(不到0.1平方米按0.1计算)」, 「完成……任务数,得2分,未完成任务少一个扣0.5分」.
Goldens by hand from the published words; every score is checked against the compiled scorer line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from helpers import item_score
from govrubric.fmt import format_text
from govrubric.printer import normalise, print_rubric

HEAD = "细则「t」\n"
AREA = """一、【人均体育场地面积】(4分)
  事实「人均体育场地面积」:平方米
  事实「全省平均水平」:平方米
  「人均体育场地面积」达到「全省平均水平」以上,得2分,每少0.1平方米扣1分(不到0.1平方米按0.1计算),扣完为止。
"""
GROWTH = """一、【增幅】(2分)
  事实「人均体育场地面积」:平方米
  事实「全省平均水平」:平方米
  事实「年增幅」:百分比
  「人均体育场地面积」在「全省平均水平」以上的单位「年增幅」达到3%以上得2分,2%-3%得1.5分,1%-2%得0.5分,1%以下不得分。
"""
TASKS = """一、【设施建设】(3分)
  事实「完成数」:个数
  事实「任务数」:个数
  事实「一场两馆建有率」:百分比
  「完成数」达到「任务数」,得2分,未完成任务少一个扣0.5分,扣完为止;「一场两馆建有率」达100%以上,得1分,未建有,不得分。
"""


def item(text: str, facts: dict) -> D:
    return item_score(text, facts, HEAD)


@pytest.mark.parametrize("area, expected", [
    ("3", "2"),      # at the average: 达到…以上 holds (以上 includes it) → 2
    ("3.4", "2"),    # above → 2 (the sentence's 2 is all it gives)
    ("2.95", "1"),   # 0.05 short: 不到0.1按0.1 → 1 step → 2 − 1 (the default 按整数计 would give 2)
    ("2.9", "1"),    # exactly 0.1 short → 1 step
    ("2.85", "0"),   # 0.15 → 2 steps → 2 − 2 (按整数计 would give 1)
    ("2.5", "0"),    # 5 steps, 扣完为止 at the sentence's 2 → 0
])
def test_a_part_of_a_square_metre_counts_as_the_step(area, expected):
    assert item(AREA, {"人均体育场地面积": area, "全省平均水平": "3"}) == D(expected)


def test_the_rounding_note_must_name_the_step():
    text = AREA.replace("按0.1计算", "按0.5计算")
    diags = govrubric.loads(HEAD + text, "t.rubric").check()
    assert [d.code for d in diags] == ["GR301"]
    assert diags[0].help == "不足一步按一步计写作「不足0.1平方米的按0.1平方米计」"


@pytest.mark.parametrize("area, growth, expected", [
    ("3", "2%", "1.5"),     # at the average (以上 includes it): 2% is in 2%-3% (first written) → 1.5
    ("3.2", "3%", "2"),     # 3% → 达到3%以上 → 2
    ("3.2", "1.5%", "0.5"),
    ("2.9", "5%", "0"),     # below the average: not one of 「在…以上的单位」 → the sentence gives nothing
])
def test_the_units_above_the_average_are_tiered_by_their_growth(area, growth, expected):
    assert item(GROWTH, {"人均体育场地面积": area, "全省平均水平": "3", "年增幅": growth}) == D(expected)


@pytest.mark.parametrize("done, rate, expected", [
    (6, "100%", "3"),    # met: 2 + 1
    (7, "100%", "3"),
    (5, "100%", "2.5"),  # one short: 2 − 0.5 + 1 (counted on all 5 done it would be −2.5, to 0: 1)
    (1, "100%", "1"),    # 5 short: −2.5, 扣完为止 at the sentence's 2 → 0; + 1
    (5, "90%", "1.5"),   # 未建有 → 不得分 for the second sentence only
])
def test_the_shortfall_counts_from_the_task(done, rate, expected):
    assert item(TASKS, {"完成数": done, "任务数": 6, "一场两馆建有率": rate}) == D(expected)


def test_the_explanation_says_the_requirement_not_met():
    loaded = govrubric.loads(HEAD + TASKS, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "完成数": 5, "任务数": 6, "一场两馆建有率": "100%"})
             .roots[0].lines]
    assert any(line.startswith("「完成数」= 5,「任务数」= 6,符合「未完成」(「完成数」 < 「任务数」);差1个") for line in lines)


def test_the_words_after_another_fact_must_agree():
    text = """一、【甲】(2分)
  事实「人均体育场地面积」:平方米
  事实「全省平均水平」:平方米
  「人均体育场地面积」达到「全省平均水平」以下,得2分。
"""
    assert [d.code for d in govrubric.loads(HEAD + text, "t.rubric").check()] == ["GR305"]


def test_at_or_below_another_fact_includes_it():
    text = """一、【甲】(2分)
  事实「甲」:平方米
  事实「乙」:平方米
  「甲」在「乙」以下的,得2分。
"""
    assert item(text, {"甲": "3", "乙": "3"}) == 2
    assert item(text, {"甲": "3.1", "乙": "3"}) == 0


@pytest.mark.parametrize("text", [AREA, GROWTH])
def test_the_canonical_printing_reads_back_the_same(text):
    loaded = govrubric.loads(HEAD + text, "t.rubric")
    assert normalise(govrubric.loads(print_rubric(loaded.tree), "t.rubric").tree) == normalise(loaded.tree)


@pytest.mark.parametrize("text, facts", [
    (AREA, {"人均体育场地面积": "2.95", "全省平均水平": "3"}),
    (GROWTH, {"人均体育场地面积": "3", "全省平均水平": "3", "年增幅": "2%"}),
    (TASKS, {"完成数": 5, "任务数": 6, "一场两馆建有率": "90%"}),
])
def test_fmt_keeps_the_published_words_and_the_scores(text, facts):
    formatted = format_text(HEAD + text)
    assert formatted.problems == ()
    clause = text.strip().splitlines()[-1].strip().replace("-", "—")
    assert clause.split(";")[0] in formatted.text
    row = {"单位": "甲", **facts}
    again = govrubric.loads(formatted.text, "t.rubric")
    assert again.score(row).scores() == govrubric.loads(HEAD + text, "t.rubric").score(row).scores()


def test_sql_scores_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    for text, rows in (
            (AREA, [{"单位": u, "人均体育场地面积": a, "全省平均水平": "3"} for u, a in (("a", "3"), ("b", "2.95"), ("c", "2.85"))]),
            (GROWTH, [{"单位": u, "人均体育场地面积": a, "全省平均水平": "3", "年增幅": g}
                      for u, a, g in (("a", "3", "2%"), ("b", "2.9", "5%"), ("c", "3.2", "1.5%"))]),
            (TASKS, [{"单位": u, "完成数": d, "任务数": 6, "一场两馆建有率": "100%"} for u, d in (("a", 6), ("b", 5), ("c", 1))])):
        loaded = govrubric.loads(HEAD + text, "t.rubric")
        outcome = duckdb_outcome(loaded, rows)
        if text is not GROWTH:  # a sentence's own points as the start of its deductions: refused by name (language.md 8)
            assert outcome[0] == "refused" and outcome[1].code == "GR601" and "本句扣分的起点" in outcome[1].message
            continue
        assert outcome == decimal_outcome(loaded, rows)
