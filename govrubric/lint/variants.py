"""The rubric with one thing left out, for rules that ask where a range comes from.

GL201 and GL204 report scores past the points; part of such an excess can be what the author wrote on
purpose: 「得1分」 on an item scored down from its points says again what the base gives, and bonuses the
rubric lets pass the points (加分上限:不受本项分值限制) are meant to pass them. A rule asks whether
the excess remains without those parts by analysing the same rubric with them left out: the same nodes
(same ids, so the formula and the domains still apply), one thing changed. Analysis is lazy, so only
the nodes a rule asks about are analysed again.
"""
from __future__ import annotations

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


def _without_awards(rule: m.Rule) -> m.Rule:
    def quiet(outcome: m.Outcome) -> m.Outcome:
        return attrs.evolve(outcome, amount=Decimal(0)) if outcome.kind == "award" else outcome  # every form takes 0

    if isinstance(rule, m.Tiered):
        return attrs.evolve(rule, tiers=tuple(attrs.evolve(t, outcome=quiet(t.outcome)) for t in rule.tiers))
    if isinstance(rule, m.Escalation):
        return attrs.evolve(rule, steps=tuple(attrs.evolve(s, outcome=quiet(s.outcome)) for s in rule.steps))
    if isinstance(rule, m.Respective):
        return attrs.evolve(rule, outcomes=tuple(quiet(o) for o in rule.outcomes))
    return attrs.evolve(rule, outcome=quiet(rule.outcome))


def restating(node: m.Node) -> bool:
    """An item scored down from its points that also says what earns them (「为0个的,得1分」)."""
    return node.base == "full" and any(o.kind == "award" for rule in node.rules for o in m.outcomes_of(rule))


def awards_on_full_bases_left_out(node: m.Node) -> m.Node:
    """On an item scored down from its points, 「得N分」 restates the points it starts from: left out."""
    if not restating(node):
        return node
    return attrs.evolve(node, rules=tuple(_without_awards(r) for r in node.rules))


def bonuses_within_points(node: m.Node) -> m.Node:
    """Bonuses held to the item's points, as if 加分上限:不受本项分值限制 were not written."""
    return attrs.evolve(node, bonus_uncapped=False) if node.bonus_uncapped else node
