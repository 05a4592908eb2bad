"""Field trial 6, 三 #3: 「减」 where it deducts, 「扣全分」, 「直至负分」 as published (县综治, 特种设备). Numbers worked out by
hand from the wording; the compiled scorer must give the same tree and lines (scored → assert_same)."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ok
from test_published_forms import HEAD, lines, scored

# 县综治 一.7: 「……严重违纪或违法犯罪的,每人次减2.5分,最高减5分。」 (the item 10分 here)
CAPPED = """一、【严重违纪】(10分)
  事实「违纪人次」:人次数
  「违纪人次」每人次减2.5分,最高减5分。
"""
# 县综治 二.2 (one point of its own here): 「……每次减0.5分,……每例减1分,减完为止。」
EXHAUST = """一、【研判】(3分)
  事实「迟报次数」:次数
  「迟报次数」每次减1分,减完为止。
"""
# 特种设备 9: 「未及时办理注册登记每一台设备扣1分,直至负分。」
NEGATIVE = """一、【注册登记】(3分)
  事实「未登记台数」:台数
  「未登记台数」每一台设备扣1分,直至负分。
"""
# 特种设备 11: 「无记录扣全分,记录不完整,不齐全扣1分。」
FULL = """一、【维修保养】(5分)
  事实「有维修保养记录」:是否
  事实「维修保养记录完整齐全」:是否
  未「有维修保养记录」扣全分,「有维修保养记录」且未「维修保养记录完整齐全」扣1分。
"""


def test_most_deducted_caps_what_is_deducted_not_the_score():
    # 3 人次 × 2.5 = 7.5, only 5 off: 10 − 5 = 5
    result = scored(CAPPED, {"违纪人次": 3})
    assert result.scores()["一"] == D(5)
    assert lines(result)[-1] == "最高减5分:−7.5 → −5"
    # 1 人次: 10 − 2.5 = 7.5 (a cap on the score, 「最高5分」, would give 5)
    assert scored(CAPPED, {"违纪人次": 1}).scores()["一"] == D("7.5")


def test_deducted_to_nothing():
    # 5 次 × 1 on 3 points: 0, and said so
    result = scored(EXHAUST, {"迟报次数": 5})
    assert result.scores()["一"] == D(0)
    assert lines(result)[-1] == "减完为止:−5 → −3"
    assert scored(EXHAUST, {"迟报次数": 1}).scores()["一"] == D(2)


def test_down_to_negative():
    # 5 台 × 1 on 3 points: 3 − 5 = −2 (without 直至负分 the item stops at 0)
    assert scored(NEGATIVE, {"未登记台数": 5}).scores()["一"] == D(-2)
    assert scored(NEGATIVE.replace(",直至负分", ""), {"未登记台数": 5}).scores()["一"] == D(0)
    assert scored(NEGATIVE.replace("直至负分", "直到负分"), {"未登记台数": 4}).scores()["一"] == D(-1)


def test_full_points_deducted_is_the_items_points():
    # no record: the item's 5 points off, 0; a record not complete: 5 − 1 = 4
    result = scored(FULL, {"有维修保养记录": "否", "维修保养记录完整齐全": "否"})
    assert result.scores()["一"] == D(0)
    assert scored(FULL, {"有维修保养记录": "是", "维修保养记录完整齐全": "否"}).scores()["一"] == D(4)
    assert scored(FULL, {"有维修保养记录": "是", "维修保养记录完整齐全": "是"}).scores()["一"] == D(5)


def test_this_item_not_scored_is_the_items_veto():
    # 村计生 9: 「……记3分,如举报有弄虚作假行为且调查属实的,此项不记分」: the 3 points earned are lost, 0
    # (a reading as 「不记分」 of that sentence alone would leave 3)
    text = """一、【奖励扶持政策】(3分)
  事实「确认对象准确」:是否
  事实「举报属实」:是否
  「确认对象准确」记3分;「举报属实」的,此项不记分。
"""
    assert scored(text, {"确认对象准确": "是", "举报属实": "是"}).scores()["一"] == D(0)
    assert scored(text, {"确认对象准确": "是", "举报属实": "否"}).scores()["一"] == D(3)
    assert scored(text.replace("此项不记分", "该项不计分"), {"确认对象准确": "是", "举报属实": "是"}).scores()["一"] == D(0)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=12))
def test_the_words_mean_what_their_kou_forms_mean(n):
    """减完为止 is 扣完为止, 最高减 is 最高扣, 直至负分 is 可扣至负分: the same scores for any count."""
    assert (scored(EXHAUST, {"迟报次数": n}).scores()
            == scored(EXHAUST.replace("减完为止", "扣完为止"), {"迟报次数": n}).scores())
    assert (scored(CAPPED, {"违纪人次": n}).scores()
            == scored(CAPPED.replace("最高减", "最高扣"), {"违纪人次": n}).scores())
    assert (scored(NEGATIVE, {"未登记台数": n}).scores()
            == scored(NEGATIVE.replace("直至负分", "可扣至负分"), {"未登记台数": n}).scores())


def test_the_words_round_trip_as_written():
    import govrubric
    from govrubric.fmt import format_text
    from govrubric.printer import normalise, print_rubric

    for text, word in ((CAPPED, "最高减5分"), (EXHAUST, "减完为止"), (NEGATIVE, "直至负分"), (FULL, "扣全分")):
        tree = govrubric.loads(HEAD + text, "t.rubric").tree
        printed = print_rubric(tree)
        assert word in printed
        assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
        assert format_text(HEAD + text).problems == ()


def test_lint_does_not_ask_for_a_written_exhaust():
    from govrubric.lint import lint

    found = [f.diagnostic.message for f in lint(ok(EXHAUST, HEAD)) if f.code == "GL001"]
    assert not any("没有写「扣完为止」" in m for m in found)


def test_the_sql_backend_scores_them_as_python_does():
    from test_sql import same

    for text, rows in ((CAPPED, [{"违纪人次": 3}, {"违纪人次": 1}]), (EXHAUST, [{"迟报次数": 5}]),
                       (NEGATIVE, [{"未登记台数": 5}]),
                       (FULL, [{"有维修保养记录": "否", "维修保养记录完整齐全": "否"},
                               {"有维修保养记录": "是", "维修保养记录完整齐全": "否"}])):
        same(ok(text, HEAD), [{"单位": f"u{i}", **row} for i, row in enumerate(rows)])


# ---------------------------------------------------------------- 「直至不得分」 (field trial 7 三 #5, 气象)
# 气象「重大天气预警信号每漏报1次扣1分,直至不得分」: deducted until the line scores nothing, 扣完为止
UNTIL = """一、【预警信息发布】(3分)
  事实「漏报次数」:次数
  「漏报次数」每漏报1次扣1分,直至不得分。
"""
# in a sentence headed by a one-tier 得N分 (language.md 7: the sentence's N points), in an item of 4 points
UNTIL_IN_SENTENCE = """一、【三同时】(4分)
  事实「认真执行三同时」:是否
  事实「未执行例数」:例数
  事实「有台账」:是否
  「认真执行三同时」得2分,「未执行例数」每发现1例扣0.5分,直至不得分。「有台账」得2分。
"""


def test_until_no_points_stops_at_nothing():
    # 5 次 × 1 on 3 points: 3 − 5 stops at 0, and the line says so in the published words
    result = scored(UNTIL, {"漏报次数": 5})
    assert result.scores()["一"] == D(0)
    assert lines(result)[-1] == "直至不得分:−5 → −3"
    # 2 次: 3 − 2 = 1, no limit reached
    assert scored(UNTIL, {"漏报次数": 2}).scores()["一"] == D(1)
    # 直到 alike
    assert scored(UNTIL.replace("直至", "直到"), {"漏报次数": 4}).scores()["一"] == D(0)


def test_until_no_points_after_a_one_tier_award_stops_at_the_sentence_s_points():
    # 6 例 × 0.5 = 3 off the sentence's 2 points: that sentence 0, the other 2: the item 2 (not 4 − 3 = 1)
    facts = {"认真执行三同时": "是", "未执行例数": 6, "有台账": "是"}
    result = scored(UNTIL_IN_SENTENCE, facts)
    assert result.scores()["一"] == D(2)
    assert "直至不得分:−3 → −2" in lines(result)
    # 1 例: 2 − 0.5 + 2 = 3.5
    assert scored(UNTIL_IN_SENTENCE, {**facts, "未执行例数": 1}).scores()["一"] == D("3.5")


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12))
def test_until_no_points_means_what_deducted_to_nothing_means(n, m):
    """直至不得分 is 扣完为止, wherever it stands: the same score for any count."""
    assert (scored(UNTIL, {"漏报次数": n}).scores()
            == scored(UNTIL.replace("直至不得分", "扣完为止"), {"漏报次数": n}).scores())
    facts = {"认真执行三同时": "是", "未执行例数": n, "有台账": "是" if m % 2 else "否"}
    assert (scored(UNTIL_IN_SENTENCE, facts).scores()
            == scored(UNTIL_IN_SENTENCE.replace("直至不得分", "扣完为止"), facts).scores())


def test_until_no_points_round_trips_and_renders_as_written():
    import govrubric
    from govrubric.fmt import format_text
    from govrubric.printer import normalise, print_rubric

    for text in (UNTIL, UNTIL.replace("直至", "直到"), UNTIL_IN_SENTENCE):
        tree = govrubric.loads(HEAD + text, "t.rubric").tree
        printed = print_rubric(tree)
        assert "不得分。" in printed and ("直至不得分" in printed or "直到不得分" in printed)
        assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
        assert format_text(HEAD + text).problems == ()


def test_the_sql_backend_scores_until_no_points_as_python_does():
    from test_sql import same

    same(ok(UNTIL, HEAD), [{"单位": f"u{i}", "漏报次数": n} for i, n in enumerate((0, 2, 5))])
    same(ok(UNTIL_IN_SENTENCE, HEAD), [{"单位": f"u{i}", "认真执行三同时": "是", "未执行例数": n, "有台账": "是"}
                                       for i, n in enumerate((1, 6))])
