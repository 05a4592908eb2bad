"""Issues 14/15, field trial 3 root cause 1: 「X的得N分,「Y」每…扣M分」 — an award heading a sentence whose deductions
name a fact of their own, after a comma. The published meaning is the row's points and how they are deducted (the
staffer's 「未发生安全事故的得10分,事故起数每发生一起扣5分」: 1 accident → 10 − 5 = 5, not 0): the reading 同句得分 with
its default 扣分的起点. Numbers are worked out by hand from the wording; the compiled scorer must give the same tree
and lines (score() checks it)."""
from __future__ import annotations

from decimal import Decimal as D

from govrubric.lint import lint
from test_field_trial3_starts import SW5, decisions, lines, score
from test_reading_kinds import hinted, load

ACCIDENT = """
一、【安全生产】(10分)
  事实「未发生安全事故」:是否
  事实「事故起数」:起数
  「未发生安全事故」的得10分,「事故起数」每发生一起扣5分。
"""


def test_no_accident_points_then_each_accident_named_start_from_the_points():
    # by hand: 0 起 → 10; 1 起 → 10 − 5 = 5; 2 起 → 0; 3 起 → 10 − 15, at the item's floor 0
    assert score(ACCIDENT, {"未发生安全事故": True, "事故起数": 0}) == D(10)
    assert score(ACCIDENT, {"未发生安全事故": False, "事故起数": 1}) == D(5)
    assert score(ACCIDENT, {"未发生安全事故": False, "事故起数": 2}) == D(0)
    assert score(ACCIDENT, {"未发生安全事故": False, "事故起数": 3}) == D(0)
    assert decisions(ACCIDENT, "同句得分") == [("一", "扣分的起点", "默认")]
    assert hinted(ACCIDENT, "同句得分")


def test_the_other_reading_earns_the_award_only_where_its_test_holds():
    # 同句得分:条件成立才得: 1 起 → the award fails, 0 − 5 → 0
    assert score(ACCIDENT, {"未发生安全事故": False, "事故起数": 1}, "同句得分=条件成立才得") == D(0)
    stated = ACCIDENT.replace("  事实「未发生安全事故」", "  同句得分:条件成立才得\n  事实「未发生安全事故」")
    assert score(stated, {"未发生安全事故": False, "事故起数": 1}) == D(0)
    assert decisions(stated, "同句得分") == [("一", "条件成立才得", "写明")]
    assert not hinted(stated, "同句得分")


def test_whatever_the_awards_wording():
    # 「的,得」, no 的, and a threshold: each row starts from its 10 points
    for award in ("「未发生安全事故」的,得10分", "「未发生安全事故」得10分"):
        text = ACCIDENT.replace("「未发生安全事故」的得10分", award)
        assert score(text, {"未发生安全事故": False, "事故起数": 1}) == D(5), award
    rate = """
一、【结案】(5分)
  事实「结案率」:百分比
  事实「超期件数」:件数
  「结案率」达到90%的得5分,「超期件数」每件扣0.5分。
"""
    # a rate's award beside a count of events is the reading 同一事件 (宜良 二.11), not this one: 80%, 3 件 → 0 − 1.5
    # → 0 (各自计分, the default)
    assert score(rate, {"结案率": "80%", "超期件数": 3}) == D(0)
    assert decisions(rate, "同句得分") == [] and decisions(rate, "同一事件") == [("一", "各自计分", "默认")]


def test_none_of_the_count_deducted_is_no_open_reading():
    text = ACCIDENT.replace("「未发生安全事故」的得10分", "无「事故起数」的得10分")
    # by hand: 1 起 → 5, as always for the two sides of one count; nothing recorded
    assert score(text, {"未发生安全事故": False, "事故起数": 1}) == D(5)
    assert decisions(text, "同句得分") == []


def test_another_sentence_is_not_the_same_sentence():
    text = ACCIDENT.replace("的得10分,「事故起数」", "的得10分;「事故起数」")
    # a semicolon ends the sentence: the award is earned (1 起 → 0), GL001 names 计分方式:从满分扣减
    assert score(text, {"未发生安全事故": False, "事故起数": 1}) == D(0)
    assert decisions(text, "同句得分") == []
    assert hinted(text, "计分方式")


ROWS = SW5  # 湖北环保「认真执行三同时,得2分,每发现1例未执行“三同时”的扣0.5分,扣完为止」, two rows in a 4-point item


def test_a_row_below_the_items_points_starts_from_its_own_points():
    facts = {"认真执行三同时": False, "未执行三同时例数": 1, "实行持证排污": True, "持证排污未完成例数": 0}
    # by hand, the default for an award for something done (条件成立才得): row 1 not done → 0; row 2 2: 2
    assert score(ROWS, facts) == D(2)
    # 同句得分:扣分的起点 (written or on the command line): row 1 2 − 0.5 = 1.5; row 2 2: 3.5
    assert score(ROWS, facts, "同句得分=扣分的起点") == D("3.5")
    assert "「认真执行三同时」= 否,「认真执行三同时」不成立;得2分是本句扣分的起点 → 得2分(+2)" in lines(
        ROWS, facts, "同句得分=扣分的起点")


def test_rows_that_write_their_own_exhaustion_raise_no_floor_question():
    # field trial 3, 五: 「扣分可能超过本项分值,原文没有写「扣完为止」」 on rows that write 「……扣0.5分,扣完为止」
    assert decisions(ROWS, "扣分下限") == []
    assert not any("原文没有写「扣完为止」" in f.diagnostic.message for f in lint(load(ROWS)))


def test_a_rows_exhaustion_with_a_deduction_without_subject_keeps_to_its_row():
    text = """
一、【报送】(5分)
  事实「按时报送」:是否
  事实「推迟天数」:天数
  事实「建立台账」:是否
  「按时报送」得2分,每推迟一天扣0.5分,扣完为止。
  「建立台账」得3分。
"""
    # by hand: 6 days late: the row 2 − 3, 扣完为止 at its 2 → 0; 台账 3: 3 (it was 1: the row's start was lost
    # when its 扣完为止 was bounded, and the row's −2 came off the 台账 points)
    assert score(text, {"按时报送": False, "推迟天数": 6, "建立台账": True}) == D(3)
    assert score(text, {"按时报送": False, "推迟天数": 1, "建立台账": True}) == D("4.5")


def test_fmt_keeps_a_sentence_on_one_line():
    """fmt wrote each clause on a line of its own, and a deduction after a comma became a sentence of its own: the
    row's start was lost (「「按时报送」得2分。」/「每推迟一天扣0.1分。」 scores 0 for a day late, not 1.9)."""
    from govrubric.fmt import format_text

    for body in ("「未发生安全事故」的得10分,「事故起数」每发生一起扣5分,扣完为止。",
                 "「未发生安全事故」的得10分,每发生一起扣5分。"):
        text = "细则「t」\n\n" + ACCIDENT.strip("\n").rsplit("\n", 1)[0] + "\n  " + body + "\n"
        formatted = format_text(text, "t.rubric")
        assert formatted.text is not None, formatted.problems
        assert "  " + body + "\n" in formatted.text
        # and the meaning is the same: 1 起 → 5
        assert score(formatted.text.split("\n", 1)[1], {"未发生安全事故": False, "事故起数": 1}) == D(5)


COLUMN = """
一、【环境管理】(4分)
  事实「认真执行规划环评」:是否
  事实「规划环评未完成例数」:例数
  事实「实行持证排污」:是否
  「认真执行规划环评」得2分,「规划环评未完成例数」发现有1例未完成,不得分。
  「实行持证排污」得2分。
"""


def test_a_rows_zero_takes_the_rows_points_not_the_columns():
    # field trial 3 SW15 (湖北, a column of rows with their points in the words): 1 case unfinished → that row 0, the
    # other row's 2 points stay: 2 (the column was vetoed: 0)
    assert score(COLUMN, {"认真执行规划环评": True, "规划环评未完成例数": 1, "实行持证排污": True}) == D(2)
    assert score(COLUMN, {"认真执行规划环评": True, "规划环评未完成例数": 0, "实行持证排污": True}) == D(4)
    assert score(COLUMN, {"认真执行规划环评": True, "规划环评未完成例数": 3, "实行持证排污": False}) == D(0)
    assert "「规划环评未完成例数」= 1,符合「发现有1例未完成」(≥ 1),本句不得分" in "".join(lines(
        COLUMN, {"认真执行规划环评": True, "规划环评未完成例数": 1, "实行持证排污": True}))


def test_a_rows_zero_is_still_a_veto_where_the_row_is_the_item():
    row = COLUMN.replace("(4分)", "(2分)").replace("  「实行持证排污」得2分。\n", "")
    assert score(row, {"认真执行规划环评": True, "规划环评未完成例数": 1, "实行持证排污": True}) == D(0)
    assert any(line.endswith("不得分(否决)") for line in lines(
        row, {"认真执行规划环评": True, "规划环评未完成例数": 1, "实行持证排污": True}))


# Field trial 4 (村级统计工作考评方案, tests/field_trial4/village-statistics-2014): 「建立健全村级统计台帐得5分,未按规定
# 打印装订台账不得分,打印不完整少一项扣1分」 — the award is for something done, and the tester worked a village with no
# 台帐 at 0 by hand (as the third trial's tester did for 湖北「认真执行三同时,得2分,每发现1例……扣0.5分」)
LEDGER = """
一、【台帐建立情况】(5分)
  事实「建立健全村级统计台帐」:是否
  事实「台账打印缺少项数」:项数
  「建立健全村级统计台帐」得5分,「台账打印缺少项数」少一项扣1分。
"""


def test_an_award_for_something_done_is_earned_only_when_it_is_done():
    # by hand: no 台帐 → 0 (not 5); 台帐 with 2 missing → 5 − 2 = 3; 台帐 complete → 5
    assert score(LEDGER, {"建立健全村级统计台帐": False, "台账打印缺少项数": 0}) == D(0)
    assert score(LEDGER, {"建立健全村级统计台帐": True, "台账打印缺少项数": 2}) == D(3)
    assert score(LEDGER, {"建立健全村级统计台帐": True, "台账打印缺少项数": 0}) == D(5)
    assert decisions(LEDGER, "同句得分") == [("一", "条件成立才得", "默认")]
    # written: the points are where the deductions start, whatever the condition
    stated = LEDGER.replace("(5分)\n", "(5分)\n  同句得分:扣分的起点\n")
    assert score(stated, {"建立健全村级统计台帐": False, "台账打印缺少项数": 0}) == D(5)
