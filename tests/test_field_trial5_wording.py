"""Field trial 5, 三 #12 and #13 as published (language.md 6.1, 6.4): 「根据配合情况酌情打分(5分)」 (乡镇医保) and
「达到进度目标的,得40分,未达到的不得分。每超过进度目标10个百分点加1分,最多加2分」 (学校节能). Goldens by hand from the
published words; every score is checked against the compiled scorer line for line."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.printer import normalise, print_rubric
from test_codegen import assert_same

HEAD = "细则「t」\n"
PUBLICITY = """一、【信息宣传】(10分)
  事实「政策宣传酌情得分」:视情
  事实「报送工作信息篇数」:篇数
  1.「政策宣传酌情得分」根据配合情况酌情打分(5分)。
  2.「报送工作信息篇数」全年不少于5篇(5分),每少一篇扣1分。
"""
PROGRESS = """一、【节能目标】(40分)
  加分上限:计入总分(理由:「每超过进度目标10个百分点加1分,最多加2分」)
  1【节能量进度】(40分)
    事实「节能量累计完成进度」:百分比
    「节能量累计完成进度」达到80%的,得40分,未达到的不得分。每超过进度目标10个百分点加1分,最多加2分。
"""


def scored(text: str, facts: dict) -> dict:
    loaded = govrubric.loads(HEAD + text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()


@pytest.mark.parametrize("given, expected", [("3", "8"), ("5", "10"), ("0", "5"), ("2.5", "7.5")])
def test_the_assessors_amount_is_within_the_points_in_brackets(given, expected):
    # 3 given → 3 + 5 (5 篇); 0 → the clause gives nothing
    assert scored(PUBLICITY, {"政策宣传酌情得分": given, "报送工作信息篇数": 5})["一"] == D(expected)


def test_an_amount_beyond_the_points_in_brackets_is_refused():
    # without the bracket 酌情打分 would take 0 to the item's 10: 6 would score, and the item would get 11 → 10
    loaded = govrubric.loads(HEAD + PUBLICITY, "t.rubric")
    with pytest.raises(govrubric.GovrubricError) as raised:
        loaded.score({"单位": "甲", "政策宣传酌情得分": "6", "报送工作信息篇数": 5})
    assert [d.code for d in raised.value.diagnostics] == ["GR403"]
    assert "应为0到5分之间的分数" in raised.value.diagnostics[0].message


def test_the_words_and_the_points_are_said_and_kept():
    loaded = govrubric.loads(HEAD + PUBLICITY, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "政策宣传酌情得分": "3", "报送工作信息篇数": 5}).roots[0].lines]
    assert ("1. 「政策宣传酌情得分」= 3,「政策宣传酌情得分」成立 → 根据配合情况酌情打分(5分):"
            "「政策宣传酌情得分」视情给出3分(+3)") in lines
    assert "根据配合情况酌情打分(5分)" in print_rubric(loaded.tree)
    assert normalise(govrubric.loads(print_rubric(loaded.tree), "t.rubric").tree) == normalise(loaded.tree)
    assert "「政策宣传酌情得分」根据配合情况酌情打分(5分)。" in format_text(HEAD + PUBLICITY).text


def test_a_word_with_a_meaning_between_its_words_is_refused():
    text = PUBLICITY.replace("根据配合情况", "根据不配合情况")  # 不 might mean something: not taken as words
    assert not govrubric.loads(HEAD + text, "t.rubric").ok


@pytest.mark.parametrize("progress, total", [
    ("100%", "42"),   # 40 + 20 points beyond 80% = 2 steps → +2 (to the total: 加分上限:计入总分)
    ("95%", "41"),    # 15 beyond → 1 whole step → +1
    ("89%", "40"),    # 9 beyond → no whole step
    ("80%", "40"),    # at 80%: nothing beyond (counted from all of it, 80 points would be 8 steps → +2)
    ("79.9%", "0"),   # 未达到的不得分; nothing beyond
])
def test_the_step_after_a_full_stop_counts_beyond_the_items_one_threshold(progress, total):
    assert scored(PROGRESS, {"节能量累计完成进度": progress})["总分"] == D(total)


def test_the_explanation_names_the_implied_subject():
    loaded = govrubric.loads(HEAD + PROGRESS, "t.rubric")
    result = loaded.score({"单位": "甲", "节能量累计完成进度": "100%"})
    lines = [line.text for line in result.roots[0].children[0].lines]
    assert any(line.startswith("「节能量累计完成进度」= 100%,符合「超过80%」(> 80%);差20个百分点,每10个百分点加1分")
               for line in lines)


def test_two_facts_in_the_item_leave_the_subject_to_be_written():
    text = PROGRESS.replace("""    「节能量累计完成进度」达到80%的""", """    事实「节能率」:百分比
    「节能率」达到5%的,得0分。
    「节能量累计完成进度」达到80%的""")
    assert "GR210" in [d.code for d in govrubric.loads(HEAD + text, "t.rubric").check()]


def test_a_count_after_its_tier_keeps_the_count_reading():
    # a count's 每增加 after 达到2次 runs from 2 (6.4, the count path, not this one): 3 次 → 3 + 1 × 0.5
    text = """一、【甲】(5分)
  事实「会议次数」:次数
  「会议次数」达到2次的,得3分。每增加1次加0.5分。
"""
    assert scored(text, {"会议次数": 3})["一"] == D("3.5")


def test_sql_scores_the_step_alike():
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(HEAD + PROGRESS, "t.rubric")
    rows = [{"单位": u, "节能量累计完成进度": p} for u, p in (("a", "100%"), ("b", "95%"), ("c", "79.9%"))]
    outcome = duckdb_outcome(loaded, rows)
    if outcome[0] == "refused":  # 加分上限:计入总分 is refused by name (language.md 9)
        assert outcome[1].code == "GR601"
    else:
        assert outcome == decimal_outcome(loaded, rows)


# 三 #14 and the probes: 「宣传内容每季度1期,少1期扣1分」, 「发现烟头每处扣0.5分」 (创卫), 「最高得1分」 (就业评分表)
HEALTH = """一、【健康教育】(8分)
  事实「宣传内容期数」:期数,按季度
  事实「烟头处数」:处数
  「宣传内容期数」每季度1期,少1期扣1分;「烟头处数」发现烟头每处扣0.5分。
"""


@pytest.mark.parametrize("issues, butts, expected", [
    ([1, 1, 1, 1], 0, "8"),
    ([1, 0, 1, 0], 3, "4.5"),   # two quarters short one each: −2 (the year's 2 against 1 would be no shortfall); −1.5
    ([2, 0, 3, 0], 0, "6"),     # the quarters with 0 are short, whatever the others had: −2
    ([0, 0, 0, 0], 10, "0"),    # −4 − 5, to 0
])
def test_each_quarter_and_each_butt(issues, butts, expected):
    assert scored(HEALTH, {"宣传内容期数": issues, "烟头处数": butts})["一"] == D(expected)


def test_the_published_words_are_kept_and_said():
    loaded = govrubric.loads(HEAD + HEALTH, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "宣传内容期数": [1, 1, 1, 1], "烟头处数": 3}).roots[0].lines]
    assert "「烟头处数」= 3处:发现烟头每处扣0.5分 × 3 = −1.5分" in lines
    formatted = format_text(HEAD + HEALTH)
    assert "「宣传内容期数」每季度1期,少1期扣1分" in formatted.text and "发现烟头每处扣0.5分" in formatted.text
    assert normalise(govrubric.loads(print_rubric(loaded.tree), "t.rubric").tree) == normalise(loaded.tree)


@pytest.mark.parametrize("times, expected", [(0, "0"), (1, "0.5"), (2, "1"), (5, "1")])
def test_at_most_earned_is_the_clauses_cap(times, expected):
    text = """一、【宣传】(2分)
  事实「宣传次数」:次数
  「宣传次数」每宣传一次得0.5分,最高得1分。
"""
    assert scored(text, {"宣传次数": times})["一"] == D(expected)


# probe (产业专班招商引资绩效评价): 「得分=(新引进项目个数/时序目标任务)×分值」, 分值 the item's points
SHARE = """一、【新引进项目】(20分)
  事实「新引进项目个数」:个数
  事实「时序目标任务」:个数
  得分=(「新引进项目个数」/「时序目标任务」)×分值。
"""


@pytest.mark.parametrize("done, target, expected", [
    (3, 4, "15"),      # 20 × 0.75
    (1, 3, "6.67"),    # 20 × 1/3 = 6.666…, two places half up
    (5, 4, "20"),      # 25, within the points
    (0, 4, "0"),
])
def test_the_share_times_the_items_points(done, target, expected):
    assert scored(SHARE, {"新引进项目个数": done, "时序目标任务": target})["一"] == D(expected)


def test_the_share_times_points_reads_back_as_written():
    loaded = govrubric.loads(HEAD + SHARE, "t.rubric")
    assert "得分=(「新引进项目个数」/「时序目标任务」)×分值。" in print_rubric(loaded.tree)
    assert normalise(govrubric.loads(print_rubric(loaded.tree), "t.rubric").tree) == normalise(loaded.tree)
    without = SHARE.replace("(20分)", "")
    assert "GR301" in [d.code for d in govrubric.loads(HEAD + without, "t.rubric").check()]


def test_a_count_as_a_condition_with_a_floor_beyond_one_deduction_is_asked():
    # 「未按时下达任务扣1分,扣完为止」 (2分): once (1) or each one (to 2)? asked, with both writings
    text = """一、【下达任务】(2分)
  事实「未按时下达任务的单位数」:个数
  「未按时下达任务的单位数」扣1分,扣完为止。
"""
    diags = govrubric.loads(HEAD + text, "t.rubric").check()
    assert [d.code for d in diags] == ["GR301"]
    assert "「「未按时下达任务的单位数」每个扣1分,扣完为止」" in diags[0].help
    each = text.replace("」扣1分", "」每个扣1分")
    assert scored(each, {"未按时下达任务的单位数": 3})["一"] == 0  # 2 − 3, to 0 (once would give 1)
    assert scored(each, {"未按时下达任务的单位数": 1})["一"] == 1
    once = text.replace("」扣1分,扣完为止", "」1个以上的,扣1分")
    assert scored(once, {"未按时下达任务的单位数": 3})["一"] == 1
