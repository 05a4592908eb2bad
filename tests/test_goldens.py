"""The shipped rubrics against goldens worked out by hand from the source documents' words
(tests/goldens/*.md holds the reasoning; the calculator never saw the program)."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

import govrubric

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["yiliang-2023", "gongshu-2021", "yinchuan-fenting"]


def units(name):
    with open(ROOT / "rubrics" / f"{name}.facts.json", encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


@pytest.mark.parametrize("name", NAMES)
def test_shipped_rubric_checks_clean(name):
    rubric = govrubric.load(str(ROOT / "rubrics" / f"{name}.rubric"))
    assert rubric.check() == []


@pytest.mark.parametrize("name", NAMES)
def test_every_item_of_every_unit_matches_the_hand_worked_golden(name):
    golden_path = ROOT / "tests" / "goldens" / f"{name}.json"
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    rubric = govrubric.load(str(ROOT / "rubrics" / f"{name}.rubric"))
    rows = units(name)
    assert sorted(golden) == sorted(row["单位"] for row in rows)
    mismatches = []
    for row, result in zip(rows, rubric.score_cohort(rows)):
        scores = result.scores()
        expected = golden[row["单位"]]
        assert set(expected) == set(scores), row["单位"]
        for path, value in expected.items():
            if scores[path] != Decimal(value):
                mismatches.append(f"{row['单位']} {path}: golden {value}, program {scores[path]}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("name", NAMES)
def test_every_clause_fires_for_some_unit(name):
    """The sample facts exercise the whole rubric: each rule changes some unit's explanation."""
    rubric = govrubric.load(str(ROOT / "rubrics" / f"{name}.rubric"))
    fired = set()
    for result in rubric.score_cohort(units(name)):
        for node in result.nodes():
            fired.update(line.line for line in node.lines if line.fired)
    rule_lines = {rubric.line_of(rule.span) for node in rubric.model.nodes() for rule in node.rules}
    assert rule_lines - fired == set(), sorted(rule_lines - fired)
