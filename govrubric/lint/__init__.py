"""Lint: the mistakes published rubrics really contain, each with facts that show it.

    from govrubric import load
    from govrubric.lint import lint
    for finding in lint(load("rubrics/yiliang-2023.rubric")):
        print(finding.diagnostic.render())

The rules run in the order of RULES over a checked rubric; each family lives in its own
module (codes GL1xx … GL8xx, documented in docs/lint-rules.md). Silencing comments are
applied last (silence.py). The range analysis behind GL2xx is reach.py.
"""
from __future__ import annotations

from .._gc import no_cyclic_gc
from . import (applicability, caps, copies, dead, decimal_stops, fact_use, grades, numbering, points, ranges, readings,
               silence, tiers)
from .context import Context, Finding

RULES = (
    points.check,  # GL1xx first: range findings that points already explain are left out
    numbering.check,
    decimal_stops.check,  # GL104: 「0。5分」, a full stop for the decimal point
    ranges.check,
    tiers.check,
    grades.check,  # the grades are a tier ladder on the total
    caps.check,
    dead.check,
    fact_use.check,
    applicability.check,
    copies.check,
    readings.check,  # GL001: the readings taken by default (issue: no silent readings)
)

__all__ = ["lint", "never_bites", "Finding", "RULES"]


def lint(loaded) -> list[Finding]:
    """Findings for a loaded rubric that checked clean (govrubric.load(...).ok), in file order."""
    if not loaded.ok:
        raise ValueError("lint needs a rubric that passes check")
    with no_cyclic_gc():
        ctx = Context(loaded)
        for rule in RULES:
            rule(ctx)
        silence.check(ctx)
    return sorted(ctx.findings, key=lambda f: (f.diagnostic.span.start, f.code))


def never_bites(loaded) -> list[Finding]:
    """GL504 alone (a deduction that takes nothing, or only from units whose award holds), unsilenced, in file order:
    `govrubric check` shows these warnings too, since they mark scores that may be wrong without any error (field
    trial 6, SW6-4). Cheap: no range analysis, no witnesses."""
    if not loaded.ok:
        return []
    with no_cyclic_gc():
        ctx = Context(loaded)
        dead.never_bites(ctx)
        silence.check(ctx)
    found = [f for f in ctx.findings if f.code == "GL504" and not f.silenced]
    return sorted(found, key=lambda f: f.diagnostic.span.start)
