"""Streaming's fast fact check (govrubric/streamcheck.py) against the general path it stands in for.

The fast path checks a CSV row by looking its cells up in what the compiled scorer's validator made of the same
texts before, and checks a new filled cell with _runtime._given (the validator's last steps, without its fast
paths). Both must agree with the validator exactly: the same cells accepted with the same values, the same rows
declined, and so, through the general path, the same messages in the same order and the same bytes written.
"""
from __future__ import annotations

import csv
import random
from decimal import Decimal

import pytest
from helpers import HEAVY
from hypothesis import given
from hypothesis import strategies as st
from strategies import random_rows, valid_rubric_texts
from test_fuzz_facts import TRICKY
from test_properties import SHIPPED

import govrubric
from govrubric import stream
from govrubric.cohort import cohort_facts
from govrubric.facts import FactChecker
from govrubric.stream import compiled_scorer, stream_units, write_scores
from govrubric.streamcheck import ColumnChecker

STREAMABLE = sorted(name for name, loaded in SHIPPED.items() if not cohort_facts(loaded.model))
# Texts a cell may hold besides a fact's good values: TRICKY's junk and near misses of good ones
CELLS = [t for t in TRICKY if "\ud800" not in t] + [
    "95%", "95.0%", "095%", "95％", "100%", "100.00%", "0%", "3", "03", "３", "3.0", "0", "-0", "+3", "3 ", " 3",
    "是 ", "否", "√", "Y", "有", "1", "0.5%", "12次", "第3名", "3名", "'=3", "'-3", "'+5", "百分之九十五", "九十五%"]


def _cell(value) -> str:
    if value is True or value is False:
        return "是" if value else "否"
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join("+".join(v) if isinstance(v, list) else str(v) for v in value)
    return str(value)


def _write(path, rubric, rows) -> None:
    names = ["单位", "单位类别"] + [f.name for f in rubric.model.facts.values() if f.cohort is None]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in rows:
            writer.writerow([row[n] if isinstance(row.get(n), str) else _cell(row.get(n)) for n in names])


def _spoiled_rows(rubric, seed: int, count: int, spoil: list[tuple[int, int, str]]) -> list[dict]:
    """Rows that repeat a few units' values (as real files repeat 是, 95% …), with some cells replaced."""
    rng = random.Random(seed)
    drawn = random_rows(rubric.model, rng, max(1, count // 3))
    rows = [dict(drawn[rng.randrange(len(drawn))], 单位=f"单位{i + 1}") for i in range(count)]
    names = [f.name for f in rubric.model.facts.values() if f.cohort is None]
    for row_index, fact_index, text in spoil:
        if names:
            rows[row_index % count][names[fact_index % len(names)]] = text
    return rows


def _streamed(rubric, path, fast: bool) -> list:
    with pytest.MonkeyPatch.context() as patch:
        if not fast:
            patch.setattr(ColumnChecker, "check", lambda self, record: None)
        return [(i.name, i.result and (i.result.total, i.result.grade, dict(i.result.scores())),
                 [(d.code, d.message, str(d.where)) for d in i.problems]) if isinstance(i, stream.Streamed) else
                (i.code, i.message) for i in stream_units(rubric, str(path), explain=False)]


def _compare(rubric, rows, tmp_path) -> None:
    facts = tmp_path / "数据.csv"
    _write(facts, rubric, rows)
    written = {}
    for fast in (True, False):
        out = tmp_path / f"得分{fast}.csv"
        with pytest.MonkeyPatch.context() as patch:
            if not fast:
                patch.setattr(ColumnChecker, "check", lambda self, record: None)
            summary = write_scores(rubric, str(facts), str(out), keep_going=True)
        written[fast] = (out.read_bytes() if out.exists() else None, summary.scored, summary.problem_count,
                         [(d.code, d.message, str(d.where)) for d in summary.problems])
    assert written[True] == written[False]


@pytest.mark.parametrize("name", STREAMABLE)
@HEAVY
@given(seed=st.integers(0, 2**16), spoil=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 500),
                                                           st.sampled_from(CELLS)), max_size=12))
def test_fast_path_streams_shipped_rubrics_as_the_general_path(name, seed, spoil, tmp_path_factory):
    rubric = SHIPPED[name]
    _compare(rubric, _spoiled_rows(rubric, seed, 40, spoil), tmp_path_factory.mktemp("s"))


@HEAVY
@given(text=valid_rubric_texts(cohorts=False), seed=st.integers(0, 2**16),
       spoil=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 50), st.sampled_from(CELLS)), max_size=8),
       empties=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 50)), max_size=6))
def test_fast_path_streams_drawn_rubrics_as_the_general_path(text, seed, spoil, empties, tmp_path_factory):
    """Drawn rubrics bring categories, facts only some categories need, optional facts and 视情 ranges."""
    rubric = govrubric.loads(text, "drawn.rubric")
    assert rubric.ok
    rows = _spoiled_rows(rubric, seed, 30, spoil + [(r, f, "") for r, f in empties])
    _compare(rubric, rows, tmp_path_factory.mktemp("d"))


@pytest.mark.parametrize("name", STREAMABLE)
@given(data=st.data())
def test_a_new_cell_is_checked_as_the_validator_checks_it(name, data):
    """_runtime._given (what the fast path checks a new cell with) and the validator with its own fast paths
    accept the same texts with the same values (digits and exponent alike), and refuse them with the same message;
    govrubric's FactChecker, whose messages streaming shows, accepts and refuses the same."""
    rubric = SHIPPED[name]
    scorer = compiled_scorer(rubric)
    row = random_rows(rubric.model, random.Random(data.draw(st.integers(0, 2**16))), 1)[0]
    row = {key: _cell(value) for key, value in row.items()}
    fact = data.draw(st.sampled_from(sorted(scorer.FACTS)))
    text = data.draw(st.one_of(st.sampled_from(CELLS), st.text(min_size=1, max_size=8)).filter(lambda t: t.strip()))
    row[fact] = text
    values, _, problems = scorer._validate(row, "甲")
    value, problem = scorer._given(fact, scorer.FACTS[fact], text, "甲")
    mine = [p for p in problems if "「" + fact + "」" in p["message"]]
    if problem is None:
        assert fact in values and not mine
        assert (type(values[fact]), str(values[fact])) == (type(value), str(value))
    else:
        assert fact not in values and mine == [problem]
    _, _, reference = FactChecker(rubric.model).validate_unit(row, "甲")
    assert (problem is None) == (not [d for d in reference if "「" + fact + "」" in d.message])


def test_a_declined_row_and_the_rows_after_it(tmp_path):
    """Hand-made cases where a fast path could go wrong: a cell quoted against formulas, an empty cell the unit's
    category needs, a value met first in a bad row then in a good one, a unit named twice, a name holding a
    character that cannot be seen, a row longer than the header."""
    rubric = govrubric.loads("细则「t」\n单位类别:「部门」、「街道」\n一、【甲】(10分)\n  事实「率」:百分比\n"
                             "  事实「次数」:次数\n  事实「达标」:是否\n  1.【子】(5分)\n    适用:「部门」\n"
                             "    「率」低于100%的,每低1个百分点扣1分。\n  2.【丑】(5分)\n    「达标」得5分。\n  3.【寅】(0分)\n"
                             "    「次数」每1次扣1分。\n", "t.rubric")
    assert rubric.ok, [d.short() for d in rubric.check()]
    facts = tmp_path / "数据.csv"
    facts.write_text("单位,单位类别,率,次数,达标\n甲,部门,95%,1,是\n乙,街道,,2,否\n丙,部门,,1,是\n丁,部门,'-3,-3,是\n"
                     "戊,部门,95%,-3,是\n己,部门,95%,1,是\n甲,部门,95%,1,是\n庚\u200b,部门,95%,1,是\n"
                     "辛,部门,95%,1,是,多\n壬,街道,,2,否\n", encoding="utf-8")
    fast = _streamed(rubric, facts, True)
    assert fast == _streamed(rubric, facts, False)
    assert [(name, problems[0][0] if problems else None) for name, _, problems in fast] == [
        ("甲", None), ("乙", None), ("丙", "GR411"), ("丁", "GR403"), ("戊", "GR403"), ("己", None), ("甲", "GR404"),
        ("庚\u200b", "GR415"), ("辛", "GR402"), ("壬", None)]
    # 乙 is a 街道: 一.1 does not apply and counts its 5 points (按满分计); 丑 not met, 0; 寅 has no points to lose
    assert fast[1][1][0] == Decimal(5) and fast[-1][1][0] == Decimal(5)


def test_the_fast_path_checks_most_rows_of_a_usual_file(tmp_path):
    """Not a timing: the fast path must actually be taken (here every row after the first of each category)."""
    rubric = SHIPPED["yiliang-2023"]
    facts = tmp_path / "数据.csv"
    _write(facts, rubric, _spoiled_rows(rubric, 1, 40, []))
    calls = {"fast": 0}
    original = ColumnChecker.check

    def counting(self, record):
        found = original(self, record)
        calls["fast"] += found is not None
        return found

    ColumnChecker.check = counting
    try:
        assert all(isinstance(i, stream.Streamed) and i.result for i in stream_units(rubric, str(facts), explain=False))
    finally:
        ColumnChecker.check = original
    assert calls["fast"] >= 40 - len(rubric.model.categories or ("",)) - 2


def test_a_视情_amount_known_from_another_row_is_checked_against_the_tier_that_applies(tmp_path):
    """30 is a good amount for 较大 (25—40) but not for 重大 (40—50): both cells are known from earlier rows, so
    only the check of the tiers (_check_ladders) can decline the third row, which the general path refuses."""
    rubric = govrubric.loads("细则「t」\n一、【安全生产】(50分)\n  事实「事故等级」:选项「重大」、「较大」、「一般」、「无」\n"
                             "  事实「事故扣分」:视情\n  「事故等级」为「重大」的,视情扣40—50分;为「较大」的,视情扣25—40分;"
                             "为「一般」的,视情扣15—25分。\n", "t.rubric")
    assert rubric.ok, [d.short() for d in rubric.check()]
    facts = tmp_path / "数据.csv"
    facts.write_text("单位,事故等级,事故扣分\n甲,重大,45\n乙,较大,30\n丙,重大,30\n丁,较大,30\n", encoding="utf-8")
    fast = _streamed(rubric, facts, True)
    assert fast == _streamed(rubric, facts, False)
    # 甲 50 − 45 = 5; 乙 and 丁 50 − 30 = 20; 丙's 30 lies outside 重大's 40—50
    assert [(name, scored and scored[0], [p[0] for p in problems]) for name, scored, problems in fast] == [
        ("甲", Decimal(5), []), ("乙", Decimal(20), []), ("丙", None, ["GR403"]), ("丁", Decimal(20), [])]
