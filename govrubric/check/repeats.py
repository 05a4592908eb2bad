"""不重复扣分 across items (issue 15 §2): 「其他考评内容中已有的不重复扣分」 written under an item says that an event
another item already deducts for is not deducted again here. A clause of this item is linked to every clause of
another item that reads one of its facts and can deduct (Node.repeats); when one of those deducts for the unit,
this clause scores nothing ("「事故起数」已在三.2中扣分,不重复扣分"). The other item keeps its deduction, whichever
is written first."""
from __future__ import annotations

import attrs

from .. import model as m
from .base import CheckerBase
from ..i18n import built


def rule_facts(rule: m.Rule) -> tuple[str, ...]:
    """The facts a clause reads (its conditions, its count, its operand), in order, without repeats."""
    names: list[str] = []

    def leaves(test):
        if isinstance(test, (m.AllOf, m.AnyOf)):
            for part in test.parts:
                leaves(part)
        elif test is not None:
            names.extend(m.operand_facts(test.operand))

    for test in ([t.test for t in rule.tiers] if isinstance(rule, m.Tiered) else [getattr(rule, "guard", None)]):
        leaves(test)
    if isinstance(rule, (m.PerCount, m.Escalation)):
        names.append(rule.counter.name)
    elif isinstance(rule, (m.PerStep, m.Respective)):
        names.extend(m.operand_facts(rule.operand))
    return tuple(dict.fromkeys(names))


def can_deduct(rule: m.Rule) -> bool:
    return any(o.kind in ("deduct", "veto") or (o.kind == "discretion" and o.sign < 0) for o in m.outcomes_of(rule))


class Repeats(CheckerBase):
    def link_repeats(self, roots: tuple[m.Node, ...]) -> tuple[m.Node, ...]:
        """Each 不重复扣分 item's clauses linked to the deducting clauses of other items on the same facts."""
        every = [n for root in roots for n in root.walk()]
        if not any(n.no_repeat for n in every):
            return roots
        allowed: dict[int, frozenset[str] | None] = {}

        def scope(node: m.Node, above: frozenset[str] | None) -> None:
            here = above if node.applies_to is None else (node.applies_to if above is None else above & node.applies_to)
            allowed[node.id] = here
            for child in node.children:
                scope(child, here)

        for root in roots:
            scope(root, None)

        def linked(node: m.Node) -> m.Node:
            children = tuple(linked(c) for c in node.children)
            if node.no_repeat is None:
                return attrs.evolve(node, children=children) if children != node.children else node
            inside = {n.id for n in node.walk()}
            repeats = []
            for index, rule in enumerate(node.rules):
                facts = set(rule_facts(rule))
                others = tuple(m.Repeat(other.id, j, fact, other.path, allowed[other.id])
                               for other in every if other.id not in inside
                               for j, their in enumerate(other.rules) if can_deduct(their)
                               for fact in rule_facts(their) if fact in facts)
                if others and can_deduct(rule):
                    repeats.append((index, others))
            if not repeats:
                self.err("GR206", node.span, help=built("「{node_no_repeat}」:本项没有与其他指标同一事实的扣分条款,它不起作用",
                                                        node_no_repeat=node.no_repeat))
            return attrs.evolve(node, children=children, repeats=tuple(repeats))

        return tuple(linked(r) for r in roots)
