"""Scale, CI part: the deepest nesting the language can write, long condition and tier chains and a
long total formula work at the default recursion limit through check, score, lint and compile;
checking grows about linearly with the number of items; streaming a facts file keeps memory flat
and scores exactly what batch scoring scores. The full curves (up to 10,000 items and 100,000
units) come from benchmarks/scale.py and are reported in docs/robustness.md.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from strategies import random_rows
from test_fuzz_facts import WRITERS

import govrubric
from govrubric.lint import lint
from govrubric.stream import Streamed, stream_units, write_scores

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("scale", ROOT / "benchmarks" / "scale.py")
scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale)


@pytest.fixture(autouse=True)
def default_recursion_limit():
    """Deep input must not need a raised recursion limit (Python's default is 1000)."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    yield
    sys.setrecursionlimit(previous)


def all_stages(text: str, row: dict):
    """check, score, lint, compile and the compiled scorer: none may fail on a valid rubric."""
    loaded = govrubric.loads(text, "scale.rubric")
    assert loaded.ok, [d.short() for d in loaded.check()][:3]
    result = loaded.score(row)
    lint(loaded)
    scorer = govrubric.compile_rubric(loaded)
    assert scorer.score(row) == result.scores()
    return loaded, result


# ---------------------------------------------------------------- depth and length
def test_the_deepest_nesting_the_language_can_write():
    """Nesting is by numbering style and a style used again returns to its level, so the seven
    styles (一、 (一) 1. (1) ① 【】 ○) are the deepest nesting there is: 100 levels cannot be written."""
    row = {"单位": "甲", "单位类别": "部门", "最深1": 1, "最深2": 4}
    loaded, result = all_stages(scale.deepest_text(), row)
    deepest = max(loaded.model.nodes(), key=lambda n: n.path.count("."))
    assert deepest.path == "一.(一).1.(1).①.【第6层1】.○1"
    scores = result.scores()
    assert scores[deepest.path] == Decimal("0.5")  # 1 point − 1 × 0.5
    assert scores["一"] == Decimal("0.5") and scores["二"] == Decimal(0)  # 4 × 0.5 takes all 1 point


def test_an_eighth_level_is_a_sibling_not_a_child():
    """Going on past ○ with a style already used goes back up: the eighth heading is not nested."""
    text = scale.deepest_text().replace("  事实「最深1」", "  (2)【再一层】(1分)\n  事实「最深1」", 1)
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok
    assert "一.(一).1.(2)" in {n.path for n in loaded.model.nodes()}


@pytest.mark.parametrize("joiner", ["且", "或"])
def test_a_condition_of_two_thousand_parts(joiner):
    row = {"单位": "甲", "单位类别": "部门", **{f"条件{i}": i % 2 == 0 for i in range(2000)}}
    _loaded, result = all_stages(scale.condition_chain_text(2000, joiner), row)
    assert result.scores()["一"] == (Decimal(0) if joiner == "且" else Decimal(1))


def test_a_chain_of_three_hundred_tiers():
    text = scale.tier_chain_text(300)  # 达到100%得1分,达到99.9%得299/300分 …
    _loaded, result = all_stages(text, {"单位": "甲", "单位类别": "部门", "率": "99.85%"})
    assert result.scores()["一"] == Decimal(298) / 300  # the third tier, 达到99.8%


def test_a_formula_naming_ninety_nine_items():
    row = {"单位": "甲", "单位类别": "部门", **{f"事{i}": i < 10 for i in range(99)}}
    _loaded, result = all_stages(scale.formula_text(99), row)
    assert result.total == 10


def test_first_level_numbering_stops_at_ninety_nine():
    """A limit found on the way: 一百、 is not an item number (GR101); 100、 is the 1. style."""
    loaded = govrubric.loads('细则「t」\n一百、【甲】(1分)\n  事实「a」:是否\n  「a」得1分。\n')
    assert [d.code for d in loaded.check()] == ["GR101"]


# ---------------------------------------------------------------- growth
def best_of(work, repeat: int = 3) -> float:
    best = float("inf")  # float-ok: timing
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def test_checking_grows_about_linearly_with_items():
    small, large = scale.rubric_text(60), scale.rubric_text(600)
    govrubric.loads(small)
    ratio = best_of(lambda: govrubric.loads(large)) / best_of(lambda: govrubric.loads(small))
    assert ratio < 25, f"10× the items took {ratio:.1f}× the time"  # linear is ~10; quadratic would be ~100


# ---------------------------------------------------------------- streaming
@pytest.fixture(scope="module")
def small():
    return scale.small_rubric()


def test_streaming_memory_does_not_grow_with_units(small, tmp_path):
    sizes = {}
    for units in (1000, 5000):  # from 1,000 units on: the first 64 KB of the file are read to tell its encoding
        facts = tmp_path / f"units-{units}.csv"
        scale.write_units_csv(str(facts), small, units)
        out = tmp_path / f"scores-{units}.csv"
        write_scores(small, str(facts), str(out))  # imports and caches first
        sizes[units] = scale.peak(lambda: write_scores(small, str(facts), str(out)))
        assert sum(1 for _ in open(out, encoding="utf-8-sig")) == units + 1
    assert sizes[5000] < 1.3 * sizes[1000] + 100_000, sizes  # the names seen are on disk


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_streamed_scores_are_the_batch_scores(small, tmp_path, suffix):
    rows = random_rows(small.model, random.Random(5), 30)
    facts = tmp_path / f"数据{suffix}"
    WRITERS[suffix](facts, rows)
    out = tmp_path / "得分.csv"
    summary = write_scores(small, str(facts), str(out))
    assert summary.written and summary.scored == 30 and not summary.problems
    expected = {r.unit: r for r in small.score_cohort(rows)}
    with open(out, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    paths = lines[0][3:]
    assert lines[0][:3] == ["单位", "单位类别", "总分"]
    for line in lines[1:]:
        result = expected[line[0]]
        assert Decimal(line[2]) == result.total
        assert [Decimal(x) for x in line[3:]] == [result.scores()[p] for p in paths]


def test_stream_reports_problems_and_writes_nothing_by_default(small, tmp_path):
    rows = random_rows(small.model, random.Random(6), 4)
    rows[1]["指标1数据"] = "-3"
    rows[3]["单位"] = rows[0]["单位"]
    facts = tmp_path / "数据.json"
    facts.write_text(json.dumps(rows, ensure_ascii=False, default=str), encoding="utf-8")
    out = tmp_path / "得分.csv"
    summary = write_scores(small, str(facts), str(out))
    assert not summary.written and not out.exists()
    assert [d.code for d in summary.problems] == ["GR403", "GR404"]
    assert "第4个单位" in summary.problems[1].where
    kept = write_scores(small, str(facts), str(out), keep_going=True)
    assert kept.written and kept.scored == 1  # 单位3; 单位1 is named twice, 单位2 has a bad value
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]] == ["单位3"]


def test_stream_refuses_values_computed_over_a_cohort(tmp_path):
    loaded = govrubric.loads('细则「t」\n一、【甲】(1分)\n  事实「率」:百分比\n  事实「名次」:按「率」从高到低排名\n'
                             '  「名次」前1名得1分。\n')
    assert loaded.ok
    facts = tmp_path / "数据.csv"
    facts.write_text("单位,率\n甲,90%\n", encoding="utf-8")
    items = list(stream_units(loaded, str(facts)))
    assert [getattr(i, "code", None) for i in items] == ["GR420"]


def test_stream_reports_a_broken_file_once(small, tmp_path):
    facts = tmp_path / "数据.json"
    rows = random_rows(small.model, random.Random(7), 3)
    facts.write_text(json.dumps(rows, ensure_ascii=False, default=str)[:-40], encoding="utf-8")
    items = list(stream_units(small, str(facts)))
    assert sum(isinstance(i, Streamed) for i in items) >= 1
    assert [i.code for i in items if not isinstance(i, Streamed)] == ["GR406"]


def test_streamed_scores_leave_an_item_under_one_that_does_not_apply_empty(tmp_path):
    loaded = govrubric.loads("细则「t」\n单位类别:「部门」、「街道」\n一、【甲】(2分)\n  适用:「部门」\n  1.【子】(2分)\n"
                             "    事实「达标」:是否\n    「达标」得2分\n")
    assert loaded.ok
    facts = tmp_path / "数据.csv"
    facts.write_text("单位,单位类别,达标\n甲,部门,是\n乙,街道,否\n丙,部门,√\n", encoding="utf-8")
    out = tmp_path / "得分.csv"
    assert write_scores(loaded, str(facts), str(out)).written
    # 乙 is a 街道: 一 does not apply and counts its full 2 points (the default reading); 一.1 has no score
    assert list(csv.reader(open(out, encoding="utf-8-sig"))) == [
        ["单位", "单位类别", "总分", "一", "一.1"], ["甲", "部门", "2", "2", "2"], ["乙", "街道", "2", "2", ""],
        ["丙", "部门", "2", "2", "2"]]
