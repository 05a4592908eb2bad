"""Parser fuzzing, CI sample: mutated shipped rubrics end in a result or in diagnostics, never a crash or a hang.

The full run (benchmarks/fuzz_parser.py, 100,000 cases, figures in docs/robustness.md) uses the
same mutations; here a few hundred numbered cases run in-process, plus cases Hypothesis draws.
"""
from __future__ import annotations

import importlib.util
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("fuzz_parser", ROOT / "benchmarks" / "fuzz_parser.py")
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

CI_CASES = 300
CI_SEED = 7


@pytest.fixture(scope="module")
def corpus():
    found = fuzz.Corpus()
    fuzz.run_case(found.texts[0])  # build the parser before timing cases
    return found


def assert_handled(data, deep: bool = False) -> None:
    """No timed assertion (a loaded CI machine is not a slow parser): a case still running after
    3 × fuzz.HARD_STOP_SECONDS is a hang; benchmarks/fuzz_parser.py prints how many cases keep the time limits."""
    previous = signal.signal(signal.SIGALRM, fuzz._alarm)
    # three times the benchmark's stop: a case of about 1 s took over 20 s in a CI run at load 12 on 2 cores; a
    # real hang runs on regardless
    signal.alarm(3 * fuzz.HARD_STOP_SECONDS)
    try:
        outcome, detail = fuzz.run_case(data, deep)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert outcome not in ("crash", "hang"), detail


@pytest.mark.parametrize("block", range(0, CI_CASES, 50))
def test_numbered_cases(corpus, block):
    for number in range(block, block + 50):
        applied, data = fuzz.make_case(corpus, CI_SEED, number)
        assert_handled(data, fuzz.is_deep(applied, number, data))


@settings(max_examples=max(20, settings.default.max_examples // 2))
@given(seed=st.integers(0, 2**31), number=st.integers(0, 10**6))
def test_drawn_cases(corpus, seed, number):
    applied, data = fuzz.make_case(corpus, seed, number)
    assert_handled(data, fuzz.is_deep(applied, number, data))


@pytest.mark.parametrize("number", range(0, 40, 4))
def test_huge_numbers_in_every_command(corpus, number):
    """Issue 16's class: numbers thousands of digits long where a rubric has numbers (item numbers, 满分,
    points, counts, percentages, ordinals, 前N名), through check and every other command."""
    import random

    for seed in range(3):
        rng = random.Random(seed * 1000 + number)
        data = fuzz.huge_number_mutation(rng, corpus.base(rng))
        assert_handled(data, deep=True)


def test_every_mutation_changes_the_text_and_is_reproducible(corpus):
    import random

    text = corpus.texts[0][:2000]
    for kind in fuzz.KINDS:
        made = [fuzz.byte_mutation(random.Random(n), text) if kind == "byte" else
                (fuzz.token_mutation(random.Random(n), text, corpus.vocabulary) if kind == "token" else
                 fuzz.TEXT_MUTATIONS[kind](random.Random(n), text)) for n in range(5)]
        assert any(m != text and m != text.encode() for m in made), kind
    assert fuzz.make_case(corpus, 1, 2) == fuzz.make_case(corpus, 1, 2)


def test_a_crash_is_reported_as_a_crash(monkeypatch):
    """The harness itself: an exception that is not a govrubric error counts as a crash."""
    import govrubric

    def broken(*_args, **_kw):
        raise KeyError("boom")

    monkeypatch.setattr(govrubric, "loads", broken)
    outcome, detail = fuzz.run_case("细则「a」")
    assert outcome == "crash" and "KeyError" in detail


def test_a_syntax_error_on_a_line_with_a_huge_number_is_reported_at_once():
    # Found by the numbered cases (seed 7, case 265): a parse error on a line holding a 100,000-digit number
    # (ASCII and full-width digits mixed) looked for 「0,95」-style commas by trying a backtracking pattern at
    # every digit: minutes. It is a hang under assert_handled's 20 s alarm.
    digits = "".join("１" if i % 37 == 0 else "1" for i in range(100_000))
    text = f"细则「t」\n一、【甲】(1分)\n  事实「a」:是否\n  「a」得{digits}x分。\n"
    assert_handled(text)
