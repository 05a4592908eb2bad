"""Failures found by the property tests, the fuzzers and the scale runs, one test each.

A test marked xfail(strict=True) records a defect found in code these tests do not own and not
yet fixed: it fails (as expected) until the fix lands, and then turns into an error that asks
for the mark to be removed.
"""
from __future__ import annotations

import signal
from decimal import Decimal
from functools import partial

import pytest

import govrubric
from helpers import HEADER, codes, ok, rubric


# ---------------------------------------------------------------- found by the parser fuzzer
def test_lone_surrogate_in_text_is_a_diagnostic_not_a_crash():
    """benchmarks/fuzz_parser.py, case 204 of the first run: loads() of a str holding a lone
    surrogate (what surrogateescape decoding leaves) raised UnicodeEncodeError while hashing the
    source in check.py. Now GR105 at the character."""
    rubric = govrubric.loads(HEADER + "一、【甲】(1分)\n  事实「名\ud800」:是否\n")
    assert not rubric.ok
    (problem,) = rubric.check()
    assert problem.code == "GR105"
    assert problem.location()[1:] == (4, 7)  # two spaces, 事 实 「 名, then the surrogate
    assert "U+D800" in problem.message
    problem.render()


def test_invalid_utf8_file_is_a_diagnostic(tmp_path):
    path = tmp_path / "bad.rubric"
    path.write_bytes(HEADER.encode() + b"\xff\xfe\x80")
    rubric = govrubric.load(str(path))
    assert [d.code for d in rubric.check()] == ["GR105"]


# ---------------------------------------------------------------- found by the property tests
def test_final_rule_with_otherwise_can_raise_the_total():
    """test_generated_scores_within_floor_and_cap: 「>60的,按90分确定,否则按100分确定」 leaves 100 for a
    total of 0 — the rules on the total are applied as written (the bound in the test was wrong)."""
    text = ('细则「测试」\n「总分」>60的,按90分确定,否则按100分确定。\n'
            '一、【甲】(1分)\n  事实「次数」:次数\n  每个得0.1分。\n')
    rubric = ok(text, header="")
    assert rubric.score({"单位": "甲", "次数": 0}).total == Decimal(100)
    assert rubric.score({"单位": "甲", "次数": 100}).total == Decimal(100)  # the item is capped at 1


def test_an_option_written_with_a_trailing_space_is_an_error():
    """Found by the fact generators: 「Z或9 」 was accepted as an option, while every facts reader strips
    the cell, so 「Z或9 」 could never be given. The checker now reports such names (GR220) as it does
    blank ones (GR215): fact names, options, list entries, unit categories and computed facts."""
    cases = {
        '一、【甲】(1分)\n  事实「级别」:选项「甲 」、「乙」\n  「级别」为「甲 」的,得1分。\n': (2, 3),
        '一、【甲】(1分)\n  事实「 次数」:次数\n  每次扣0.1分。\n': (2, 5),
        '一、【甲】(1分)\n  事实「事项」:清单「\u3000甲」、「乙」\n  「事项」为「乙」的,得1分。\n': (2, 3),
    }
    for body, (line, col) in cases.items():
        assert codes(body) == [("GR220", line, col)], body
        first = rubric(body).check()[0]
        assert "两端有空格" in first.message and "写作「" in (first.help or ""), first.render()
    padded_category = HEADER.replace("「部门」", "「部门 」")
    assert codes('一、【甲】(1分)\n  事实「是」:是否\n  「是」的,得1分。\n', padded_category)[0][0] == "GR220"


# ---------------------------------------------------------------- found by facts fuzzing
class _Timeout(Exception):
    pass


def _with_alarm(seconds: int, work):
    def stop(_signum, _frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return work()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_escalation_with_a_huge_count_scores_quickly():
    """tests/test_fuzz_facts.py: a count typed as 1000000000 (or 1e9 from a spreadsheet) under
    「第一次扣1分;第二次扣2分」 took time and memory in proportion to the count (half an hour).
    Steps after the last written one are all the same, so they are scored as one run."""
    rubric = ok('一、【甲】(3分)\n  事实「次数」:次数\n  「次数」第一次扣1分;第二次扣2分\n')
    row = {"单位": "甲", "单位类别": "部门", "次数": 10**9}
    result = _with_alarm(2, lambda: rubric.score(row))
    assert result.scores()["一"] == Decimal(0)
    (rule_line,) = [line.text for line in result.roots[0].lines if line.text.startswith("「次数」")]
    assert rule_line == ("「次数」= 1000000000次:第1次:扣1分(−1);第2次:扣2分(−2);"
                         "第3次至第1000000000次共999999998次,每次:无规定;合计 −3分")


def test_escalation_with_a_huge_count_scores_quickly_when_compiled():
    """The compiled scorer looped over the occurrences too; an open-ended step and a veto reached only
    past the last step written (第三次及以上该项不得分) are scored at once as well."""
    sums = ok('一、【甲】(3分)\n  事实「次数」:次数\n  「次数」第一次扣1分;第二次起扣0.5分\n')
    vetoes = ok('一、【甲】(3分)\n  事实「次数」:次数\n  「次数」第一次扣0.5分;第三次及以上该项不得分\n')
    row = {"单位": "甲", "单位类别": "部门", "次数": 10**9}
    for rubric, line in (
            (sums, "「次数」= 1000000000次:第1次:扣1分(−1);第2次至第1000000000次共999999999次,"
                   "每次:扣0.5分(−0.5),小计 −499999999.5分;合计 −500000000.5分"),
            (vetoes, "「次数」= 1000000000次:第1次:扣0.5分(−0.5);第2次:无规定;第3次:该项不得分(否决);"
                     "合计 −0.5分")):
        scorer = govrubric.compile_rubric(rubric)
        assert _with_alarm(2, partial(scorer.score, row))["一"] == Decimal(0)
        explained = _with_alarm(2, partial(scorer.explain, row))
        assert line in [entry["text"] for entry in explained["items"][0]["explanation"]]
        assert explained == rubric.score(row).to_json()


def test_escalation_with_a_moderate_count_is_right():
    """The same rule, worked by hand: 1 + 2 = 3 points deducted whatever the count above 2."""
    rubric = ok('一、【甲】(3分)\n  事实「次数」:次数\n  「次数」第一次扣1分;第二次扣2分\n')
    for count, expected in ((0, 3), (1, 2), (2, 0), (50, 0)):
        assert rubric.score({"单位": "甲", "单位类别": "部门", "次数": count}).scores()["一"] == expected


def test_escalation_with_an_open_ended_step_and_a_cap_worked_by_hand():
    """第一次扣0.5分,第二次扣1分,第三次及以上扣2分,扣完5分为止 in an item of 6 points (scored from
    full marks). Deducted: 1 time 0.5; 2 times 0.5+1 = 1.5; 3 times 1.5+2 = 3.5; 4 times 3.5+2 = 5.5,
    capped at 5; 10^9 times 1.5 + 2×(10^9 − 2) = 1999999997.5, capped at 5."""
    rubric = ok('一、【甲】(6分)\n  事实「次数」:次数\n'
                '  「次数」第一次扣0.5分,第二次扣1分,第三次及以上扣2分,扣完5分为止\n')
    scorer = govrubric.compile_rubric(rubric)
    expected = {0: "6", 1: "5.5", 2: "4.5", 3: "2.5", 4: "1", 5: "1", 10**9: "1"}
    for count, score in expected.items():
        row = {"单位": "甲", "单位类别": "部门", "次数": count}
        result = rubric.score(row)
        assert result.scores()["一"] == Decimal(score), count
        assert scorer.explain(row) == result.to_json()
    texts = [line.text for line in rubric.score({"单位": "甲", "单位类别": "部门", "次数": 4}).roots[0].lines]
    assert texts[1:] == [
        "「次数」= 4次:第1次:扣0.5分(−0.5);第2次:扣1分(−1);第3次至第4次共2次,每次:扣2分(−2),小计 −4分;"
        "合计 −5.5分",
        "扣完5分为止:−5.5 → −5"]
    texts = [line.text for line in rubric.score({"单位": "甲", "单位类别": "部门", "次数": 3}).roots[0].lines]
    assert texts[1] == "「次数」= 3次:第1次:扣0.5分(−0.5);第2次:扣1分(−1);第3次:扣2分(−2);合计 −3.5分"
    texts = [line.text for line in rubric.score({"单位": "甲", "单位类别": "部门", "次数": 10**9}).roots[0].lines]
    assert texts[1:] == [
        "「次数」= 1000000000次:第1次:扣0.5分(−0.5);第2次:扣1分(−1);第3次至第1000000000次共999999998次,"
        "每次:扣2分(−2),小计 −1999999996分;合计 −1999999997.5分",
        "扣完5分为止:−1999999997.5 → −5"]


_ESCALATIONS = (
    "「次数」第一次得1分;第二次起加2分;第四次不扣分",
    "「次数」第一次扣1分;第三次起加0.5分",  # under 加分上限:不受本项分值限制 below
    "「次数」第一次扣1分;第二次按「分」计分",
    "「次数」第一次起得满分;第二次不得分",
    "「次数」首次扣1分;再次扣1.5分,扣完4分为止。",
    "「次数」第二次扣1分;第四次及以上该项不得分",
)


@pytest.mark.parametrize("rule", _ESCALATIONS, ids=["award-bonus-none", "uncapped-bonus", "set-base", "full-zero",
                                                    "capped", "veto-open-ended"])
def test_escalation_runs_score_as_each_occurrence_would(rule):
    """Scoring the settled steps as one run gives what scoring every occurrence gave: the clause's
    amount is the sum over k = 1 … count of the step for k (第k次 if written, else the last 起/再次 at or
    before k), up to the first veto; the compiled scorer agrees line for line, also for 10^9."""
    bonus = "  加分上限:不受本项分值限制\n" if "加0.5分" in rule else ""
    rubric = ok(f"一、【甲】(5分)\n{bonus}  事实「次数」:次数\n  事实「分」:分值\n  {rule}\n")
    (escalation,) = rubric.model.roots[0].rules
    scorer = govrubric.compile_rubric(rubric)
    for count in (*range(8), 10**9):
        row = {"单位": "甲", "单位类别": "部门", "次数": count, "分": "3"}
        result = rubric.score(row)
        assert scorer.explain(row) == result.to_json(), count
        if count == 10**9:
            continue
        amount, vetoed = Decimal(0), False
        for k in range(1, count + 1):
            matching = [s for s in escalation.steps if s.first == k or (s.open_ended and s.first <= k)]
            if not matching:
                continue
            outcome = matching[-1].outcome
            if outcome.kind == "veto":
                vetoed = True
                break
            amount += outcome.signed if outcome.kind in ("award", "bonus", "deduct") else 0
        (line,) = [line for line in result.roots[0].lines if line.text.startswith("「次数」")]
        assert (line.amount, result.roots[0].vetoed) == (amount, vetoed), count


def test_non_finite_numbers_in_facts_are_bad_values():
    """tests/test_fuzz_facts.py: Decimal('NaN') (JSON NaN, an Excel error cell read as a float) raised
    decimal.InvalidOperation in facts.py, and Decimal('Infinity') was accepted as a count and scored
    (∞ occurrences × 0.1, floored by the item) without a word. Both are now GR403."""
    rubric = ok('一、【甲】(1分)\n  事实「次数」:次数\n  事实「率」:百分比\n  「次数」每1次扣0.1分。\n  「率」达到90%得0分。\n')
    base = {"单位": "甲", "单位类别": "部门", "次数": 1, "率": "95%"}
    for fact, bad in (("次数", Decimal("NaN")), ("次数", float("nan")), ("次数", Decimal("Infinity")),
                      ("次数", float("-inf")), ("次数", Decimal("sNaN")), ("率", Decimal("NaN")), ("率", float("inf"))):
        with pytest.raises(govrubric.GovrubricError) as raised:
            rubric.score({**base, fact: bad})
        assert [d.code for d in raised.value.diagnostics] == ["GR403"], (fact, bad)


# ---------------------------------------------------------------- found by the agreement tests
def test_lint_range_holds_a_score_fact_without_a_range():
    """test_properties_agreement (thorough profile): 「事实「分」:分值」 under an item without points,
    read by 按「分」计分. facts.py accepts 5.1 (the range defaults to the item's points, and there are
    none), the item scores 5.1, while lint reported the item's highest score as 1. The range now
    has no highest score, and lint says the fact is unbounded (GL603)."""
    from govrubric.lint.reach import Analysis

    rubric = ok('一、【甲】\n  1.【乙】\n    事实「分」:分值\n    按「分」计分。\n')
    score = rubric.score({"单位": "甲", "单位类别": "部门", "分": "5.1"}).scores()["一.1"]
    assert score == Decimal("5.1")
    reach = Analysis(rubric.model).node(next(n for n in rubric.model.nodes() if n.path == "一.1"))
    assert reach.low.value <= score <= reach.high.value
    assert reach.high.value == Decimal("Infinity")


def test_an_exemption_after_a_per_measure_amount():
    # 「「0」扣0.1分/个(「01」的除外)」 was GR101 at 「(」: after 分/个 the lexer took 「(「」 for a category's threshold
    text = "细则「r」\n事实「次数」:次数\n事实「免」:是否\n一、(1分)\n  「次数」扣0.1分/个(「免」的除外)。\n"
    loaded = govrubric.loads(text, "r.rubric")
    assert loaded.ok, loaded.check()
    assert loaded.score({"单位": "甲", "次数": 3, "免": False}).total == Decimal("0.7")
    assert loaded.score({"单位": "甲", "次数": 3, "免": True}).total == Decimal(1)
    # the generator's own draw, awarding: 「「0」得0.1分/个(「05」的除外)」 — 3 × 0.1 = 0.3 unless exempt (then 0)
    awarded = govrubric.loads("细则「测」\n一、【甲】(3分)\n  事实「0」:次数\n  事实「05」:是否\n"
                              "  「0」得0.1分/个(「05」的除外)。\n", "r.rubric")
    assert awarded.ok, awarded.check()
    assert awarded.score({"单位": "甲", "0": 3, "05": False}).total == Decimal("0.3")
    assert awarded.score({"单位": "甲", "0": 3, "05": True}).total == Decimal(0)
