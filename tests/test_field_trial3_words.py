"""Silent wrong scores from the third field trial (tests/field_trial3/REPORT.md, repro/README.md) that lie in how a
wording is read: each minimal repro scored by the interpreter and by the compiled scorer (same lines), the expected
totals worked by hand from the published words quoted in each repro and in the comments here."""
from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from test_codegen import assert_same

REPRO = Path(__file__).resolve().parent / "field_trial3" / "repro"


def scored(name: str, facts: str) -> dict[str, D]:
    """Each unit's total, the compiled scorer agreeing line for line."""
    rubric = govrubric.load(str(REPRO / name))
    assert rubric.ok, [d.render() for d in rubric.check()]
    assert not [d for d in rubric.check() if d.severity == "warning"]
    scorer = compile_rubric(rubric)
    totals = {}
    for row in json.loads((REPRO / facts).read_text(encoding="utf-8")):
        assert assert_same(rubric, scorer, row)
        totals[row["单位"]] = rubric.score(row).total
    return totals


CASES = [
    # SW6 资阳「同一事项不重复加分、减分,按最高加分、减分标准执行」: one matter notified by 省 and 市 → −2
    ("sw6-same-item-highest-deduction.rubric", "sw6.facts.json", {"u": -2}),
    # SW14 ○【其他扣分】 beside 1. and 2.: a 5 + b 0 − 3 violations = 2
    ("sw14-unnumbered-sibling-becomes-child.rubric", "sw14.facts.json", {"u": 2}),
    # SW10 「(常规案件按时结案数/常规案件应结案数) x100%x60」: 95% × 60 = 57, 50% × 60 = 30
    ("sw10-percent-times-points.rubric", "sw10.facts.json", {"r95": 57, "r50": 30}),
    # SW2 湖北「认真执行……规划环评,得2分,发现有1例未完成,不得分」: 1 case and 2 cases → 0
    ("sw2-found-one-zero.rubric", "sw2.facts.json", {"u1": 0, "u2": 0}),
    # SW3 保密「基本符合要求(80%(含)—89%)」: 89 and 85 are 基本符合要求 (grades below); SW3b 90%(含)—99% → 4 at 99%
    ("sw3b-tier-endpoint.rubric", "sw3b.facts.json", {"s99": 4, "s95": 4}),
    # SW4 「通报批评2次以上的,扣2分」: 1 time is not 2 or more, 10; 3 times, 10 − 2 = 8
    ("sw4-measure-word-in-verb.rubric", "sw4.facts.json", {"n1": 10, "n3": 8}),
]


@pytest.mark.parametrize("name,facts,expected", CASES, ids=[c[0].split("-")[0] for c in CASES])
def test_repro_scores_as_published(name, facts, expected):
    assert scored(name, facts) == {unit: D(v) for unit, v in expected.items()}


def test_sw3_grade_endpoint_included():
    rubric = govrubric.load(str(REPRO / "sw3-grade-endpoint.rubric"))
    scorer = compile_rubric(rubric)
    for row in json.loads((REPRO / "sw3.facts.json").read_text(encoding="utf-8")):
        assert assert_same(rubric, scorer, row)
        assert rubric.score(row).grade == "基本符合要求"
    assert rubric.score({"单位": "x", "得分": 90}).grade == "符合要求"
    assert rubric.score({"单位": "x", "得分": "89.5"}).grade is None  # the source's own gap (GL301 names it)
    assert rubric.score({"单位": "x", "得分": "79.9"}).grade == "不符合要求"
