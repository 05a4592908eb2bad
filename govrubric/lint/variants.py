"""The rubric with one thing left out, for rules that ask where a range comes from.

GL201 and GL204 report scores past the points; part of such an excess can be what the author wrote on
purpose: 「得1分」 on an item scored down from its points says again what the base gives, 「视情给分」
is an assessor's amount up to the points, and bonuses the rubric lets pass the points (加分上限:不受本项
分值限制) are meant to pass them. A rule asks whether
the excess remains without those parts by analysing the same rubric with them left out: the same nodes
(same ids, so the formula and the domains still apply), one thing changed. Analysis is lazy, so only
the nodes a rule asks about are analysed again.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

import attrs

from .. import model as m

NodeChange = Callable[[m.Node], m.Node]


def rebuilt(rubric: m.Rubric, change: NodeChange) -> m.Rubric:
    """The rubric with every node passed through change, children first."""
    def visit(node: m.Node) -> m.Node:
        return change(attrs.evolve(node, children=tuple(visit(c) for c in node.children)))

    return attrs.evolve(rubric, roots=tuple(visit(r) for r in rubric.roots))


def unpriced(outcome: m.Outcome) -> bool:
    """「视情给分」「按实际情况评分」: an assessor's amount with no range written (check gives it the item's points)."""
    return outcome.kind == "discretion" and outcome.sign > 0 and not re.search(r"[0-9０-９]", outcome.text)


def _restating(node: m.Node, outcome: m.Outcome) -> bool:
    return (outcome.kind == "award" and node.base == "full") or unpriced(outcome)


def _left_out(node: m.Node, rule: m.Rule) -> m.Rule:
    def quiet(outcome: m.Outcome) -> m.Outcome:
        if not _restating(node, outcome):
            return outcome
        return m.Outcome("award", Decimal(0), text=outcome.text)  # every clause form scores an award of 0

    if isinstance(rule, m.Tiered):
        return attrs.evolve(rule, tiers=tuple(attrs.evolve(t, outcome=quiet(t.outcome)) for t in rule.tiers))
    if isinstance(rule, m.Escalation):
        return attrs.evolve(rule, steps=tuple(attrs.evolve(s, outcome=quiet(s.outcome)) for s in rule.steps))
    if isinstance(rule, m.Respective):
        return attrs.evolve(rule, outcomes=tuple(quiet(o) for o in rule.outcomes))
    if isinstance(rule, m.PerCount) and rule.outcome.kind == "discretion":
        return rule  # amounts per occurrence are a count's, not one judgement of the item
    return attrs.evolve(rule, outcome=quiet(rule.outcome))


def restating(node: m.Node) -> bool:
    """Whether the item has clauses that only say again what its points are: 「得N分」 on an item scored down
    from its points (「为0个的,得1分」), or an assessor's amount up to the points (「视情给分」)."""
    return any(_restating(node, o) for rule in node.rules for o in m.outcomes_of(rule))


def restatements_left_out(node: m.Node) -> m.Node:
    """The item without the clauses restating(): what it can give beyond what its points already say."""
    if not restating(node):
        return node
    return attrs.evolve(node, rules=tuple(_left_out(node, r) for r in node.rules))


def bonuses_within_points(node: m.Node) -> m.Node:
    """Bonuses held to the item's points, as if 加分上限:不受本项分值限制 were not written (nor passed up past the
    parents' points: 加分带入上级)."""
    if node.bonus_uncapped or node.bonus_passes:
        return attrs.evolve(node, bonus_uncapped=False, bonus_passes=False)
    return node
