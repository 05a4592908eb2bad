"""The checks every field-trial round runs on its material (tests/field_trialN/): each encoding checks clean and its
sample units are the hand-worked ones; each unit's item scores, total and grade equal the hand-worked goldens, by the
interpreter AND the compiled scorer (same tree and lines); each minimal repro of a silent wrong score scores as the
published words say. The numbers themselves live in each round's test file, typed from its goldens.md."""
import json
from decimal import Decimal

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from test_codegen import assert_same


def rows(path):
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def unit_cases(hand_worked, known_wrong):
    """One pytest param per (encoding, unit); the units known to score wrong today carry their xfail mark."""
    return [
        pytest.param(name, unit, marks=known_wrong.get((name, unit), ()), id=f"{name}-{unit}")
        for name in sorted(hand_worked) for unit in hand_worked[name]
    ]


def repro_cases(repros, right, fixed):
    """One pytest param per (repro, unit): xfail(strict) unless the unit already scores right or its SW is fixed."""
    return [
        pytest.param(name, unit, marks=() if (name, unit) in right or repros[name][1] in fixed else pytest.mark.xfail(
            strict=True, reason=repros[name][1]), id=f"{repros[name][1]}-{unit}")
        for name in sorted(repros) for unit in repros[name][2]
    ]


def check_everything_listed(trial, hand_worked, repros):
    encodings = sorted(p.parent.name for p in trial.glob("*/*.rubric") if p.parent.name != "repro")
    assert encodings == sorted(hand_worked)
    assert sorted(p.stem for p in (trial / "repro").glob("*.rubric")) == sorted(repros)


def check_encoding(trial, name, hand_worked):
    rubric = govrubric.load(str(trial / name / f"{name}.rubric"))
    assert rubric.check() == []
    assert sorted(row["单位"] for row in rows(trial / name / f"{name}.facts.json")) == sorted(hand_worked[name])


def check_unit(trial, name, unit, hand_worked, grades):
    rubric = govrubric.load(str(trial / name / f"{name}.rubric"))
    scorer = compile_rubric(rubric)
    [row] = [r for r in rows(trial / name / f"{name}.facts.json") if r["单位"] == unit]
    assert assert_same(rubric, scorer, row)  # the compiled scorer: the same tree and lines
    total, items = hand_worked[name][unit]
    expected = {path: Decimal(value) for path, value in items.items()}
    result, compiled = rubric.score(row), scorer.score(row)
    for scores, grade in ((result.scores(), result.grade), (compiled, compiled.grade)):
        assert {path: scores[path] for path in expected} == expected
        assert scores["总分"] == Decimal(total)
        assert grade == grades.get((name, unit))


def check_repro(trial, name, unit, repros):
    rubric = govrubric.load(str(trial / "repro" / f"{name}.rubric"))
    assert rubric.check() == []  # the repro checks clean: a silent wrong score
    facts, _, hand = repros[name]
    [row] = [r for r in rows(trial / "repro" / facts) if r["单位"] == unit]
    scorer = compile_rubric(rubric)
    assert assert_same(rubric, scorer, row)  # right or wrong, the compiled scorer gives the same tree and lines
    assert rubric.score(row).scores()["总分"] == Decimal(hand[unit])
    assert scorer.score(row)["总分"] == Decimal(hand[unit])


def round_tests(trial, hand_worked, known_wrong, grades, repros, repro_right, fixed):
    """The four tests of a field-trial round, for its test module to adopt: `globals().update(round_tests(...))`."""

    def test_every_trial_encoding_has_hand_worked_goldens():
        check_everything_listed(trial, hand_worked, repros)

    @pytest.mark.parametrize("name", sorted(hand_worked))
    def test_encoding_checks_clean_and_its_sample_units_are_the_hand_worked_ones(name):
        check_encoding(trial, name, hand_worked)

    @pytest.mark.parametrize("name, unit", unit_cases(hand_worked, known_wrong))
    def test_items_and_total_match_the_hand_worked_golden(name, unit):
        check_unit(trial, name, unit, hand_worked, grades)

    @pytest.mark.parametrize("name, unit", repro_cases(repros, repro_right, fixed))
    def test_repro_scores_as_the_published_words_say(name, unit):
        check_repro(trial, name, unit, repros)

    return {test.__name__: test for test in (
        test_every_trial_encoding_has_hand_worked_goldens,
        test_encoding_checks_clean_and_its_sample_units_are_the_hand_worked_ones,
        test_items_and_total_match_the_hand_worked_golden, test_repro_scores_as_the_published_words_say)}
