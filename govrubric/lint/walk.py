"""Reading the checked model for lint: which facts a rule reads, its tests and outcomes, where a node sits."""
from __future__ import annotations

import bisect
import heapq
from decimal import Decimal
from typing import Iterator

import attrs

from .. import model as m
from ..evaluate import on_total


def operand_facts(operand: m.Operand) -> tuple[str, ...]:
    return m.operand_facts(operand)


def test_leaves(test: m.Test | None) -> Iterator[m.Test]:
    """The comparisons inside a test (AllOf/AnyOf opened up)."""
    if test is None:
        return
    if isinstance(test, (m.AllOf, m.AnyOf)):
        for part in test.parts:
            yield from test_leaves(part)
    else:
        yield test


def tests_of(rule: m.Rule) -> list[m.Test | None]:
    exempt = [rule.exempt.test] if rule.exempt is not None else []  # (若…的,不扣分) reads its facts too
    if isinstance(rule, m.Tiered):
        return [t.test for t in rule.tiers] + exempt
    return [rule.guard] + exempt


def outcomes_of(rule: m.Rule) -> list[m.Outcome]:
    if isinstance(rule, m.Tiered):
        return [t.outcome for t in rule.tiers]
    if isinstance(rule, m.Escalation):
        return [s.outcome for s in rule.steps]
    if isinstance(rule, m.Respective):
        return list(rule.outcomes)
    return [rule.outcome]


def rule_facts(rule: m.Rule) -> tuple[str, ...]:
    """Every fact the rule reads, in a stable order without repeats."""
    names: list[str] = []
    for test in tests_of(rule):
        for leaf in test_leaves(test):
            names.extend(operand_facts(leaf.operand))
    if isinstance(rule, (m.PerCount, m.Escalation)):
        names.append(rule.counter.name)
    elif isinstance(rule, m.PerStep):
        names.extend(operand_facts(rule.operand))
    elif isinstance(rule, m.Respective):
        names.extend(operand_facts(rule.operand))  # none for 「单位类别」
    elif isinstance(rule, m.Tiered) and rule.excused_by is not None:
        names.append(rule.excused_by)  # 同一事件:不重复扣分: the count keeps the first tier's award
    if isinstance(rule, m.Tiered):  # 另写的扣分:从得分扣起: where they take points the award counts
        for deduction in rule.priced_by:
            names.extend(rule_facts(deduction))
    for outcome in outcomes_of(rule):
        if outcome.fact:
            names.append(outcome.fact)
        if outcome.formula is not None:  # 该项得分=「甲」÷「乙」×10
            names.extend(operand_facts(outcome.formula))
    return tuple(dict.fromkeys(names))


def category_blind(node: m.Node, rules) -> bool:
    """Whether scoring these clauses of the node can never ask the unit's category: no 「单位类别」 anywhere in
    them (conditions, 分别 by category, a 视情 ladder's tiers) and no 不重复扣分 (which scores another item's clause).
    Every field is walked, so a new rule form that holds a category test cannot slip by."""
    return not node.repeats and not any(_mentions_category(rule) for rule in rules)


def _mentions_category(value) -> bool:
    if isinstance(value, m.FactRef):
        return value.kind == "category"
    if isinstance(value, (tuple, list, frozenset, set)):
        return any(_mentions_category(v) for v in value)
    if isinstance(value, dict):
        return any(_mentions_category(v) for v in value.values())
    if attrs.has(type(value)):
        return any(_mentions_category(getattr(value, f.name)) for f in attrs.fields(type(value)))
    return False


def overrides_base(rule: m.Rule) -> bool:
    """Rules whose outcome replaces the item's base score (按「…」计分, 得满分): their order matters."""
    return any(o.kind in ("set", "full") for o in outcomes_of(rule))


def subtree_facts(node: m.Node) -> frozenset[str]:
    found: set[str] = set()
    for each in node.walk():
        for rule in each.rules:
            found.update(rule_facts(rule))
    return frozenset(found)


def _down(rubric: m.Rubric, step) -> dict:
    """Walk from the roots, each node's entry computed from its parent's: step(node, parent, above) -> entry."""
    found: dict = {}

    def visit(node: m.Node, parent: m.Node | None, above) -> None:
        found[node.id] = step(node, parent, above)
        for child in node.children:
            visit(child, node, found[node.id])

    for root in rubric.roots:
        visit(root, None, None)
    return found


def parents(rubric: m.Rubric) -> dict[int, m.Node | None]:
    return _down(rubric, lambda node, parent, above: parent)


def effective_applies(rubric: m.Rubric) -> dict[int, frozenset[str] | None]:
    """Categories a node is scored for: the intersection of 适用 along its path (None: every category).

    The evaluator tests each node's own 适用 on the way down, so a child whose 适用 differs from
    its parent's is scored only for the categories both name.
    """
    def step(node: m.Node, parent, above: frozenset[str] | None) -> frozenset[str] | None:
        if node.applies_to is None:
            return above
        return node.applies_to if above is None else above & node.applies_to

    return _down(rubric, step)


def explicit_cap(node: m.Node) -> bool:
    """Whether the author wrote the node's upper limit in words (累计不超过, 封顶 …), not only as its points."""
    if node.cap is None:
        return False
    if node.points is None or node.cap != node.points:
        return True
    return any(not any(w in text for w in ("扣完", "可扣至负分", "不得负分", "扣分不保底")) for text in node.limit_texts)


class Homes:
    """The deepest node whose text holds a position (where a fact was declared), for any number of
    positions: built once in n log n, each question a bisection (a walk over all nodes per fact made
    lint quadratic on big rubrics).

    The deepest node is the one that starts last among those that start at or before the position
    and end after it (a node's text is at least one character); of two that start together, the one
    nodes() lists later. Between two consecutive starts or ends that answer cannot change, so it is
    kept for each such stretch, found by a sweep with the open nodes in a heap.
    """

    def __init__(self, rubric: m.Rubric) -> None:
        nodes = list(rubric.nodes())
        ends = [max(n.span.end, n.span.start + 1) for n in nodes]
        by_start = sorted(range(len(nodes)), key=lambda i: nodes[i].span.start)
        self.cuts = sorted({n.span.start for n in nodes} | set(ends))
        self.owners: list[m.Node | None] = []
        open_nodes: list[tuple[int, int]] = []  # (-start, -order): the deepest on top
        waiting = 0
        for cut in self.cuts:
            while waiting < len(by_start) and nodes[by_start[waiting]].span.start <= cut:
                i = by_start[waiting]
                heapq.heappush(open_nodes, (-nodes[i].span.start, -i))
                waiting += 1
            while open_nodes and ends[-open_nodes[0][1]] <= cut:
                heapq.heappop(open_nodes)  # ended: it holds no later position either
            self.owners.append(nodes[-open_nodes[0][1]] if open_nodes else None)

    def at(self, position: int) -> m.Node | None:
        index = bisect.bisect_right(self.cuts, position) - 1
        return self.owners[index] if index >= 0 else None


def amounts_magnitude(rubric: m.Rubric) -> Decimal:
    """A number larger than any score the rubric's bounded parts can add up to."""
    total = Decimal(1)
    for node in rubric.nodes():
        for value in (node.points, node.cap, node.floor):
            if value is not None:
                total += abs(value)
        for rule in node.rules:
            if rule.cap is not None:
                total += rule.cap
            for outcome in outcomes_of(rule):
                for value in (outcome.amount, outcome.high, outcome.adjust):
                    if value is not None:
                        total += abs(value)
    for fact in rubric.facts.values():
        if fact.high is not None:
            total += abs(fact.high)
    if rubric.full is not None:
        total += rubric.full
    if rubric.final is not None:  # a big case must also pass every threshold of the rules on the total
        for tier in rubric.final.tiers:
            ends = [e for leaf in test_leaves(tier.test) if isinstance(leaf, m.InRange)
                    for e in (leaf.interval.low, leaf.interval.high)]
            for value in (tier.outcome.amount, *ends):
                if value is not None:
                    total += abs(value)
    return total


def veto_tiers(rubric: m.Rubric) -> list[m.Tier]:
    """The rules on the total that test the unit's facts (一票否决) rather than the total."""
    if rubric.final is None:
        return []
    return [t for t in rubric.final.tiers if t.test is not None and not on_total(rubric, t.test)]


def fact_tiers_before_items(rubric: m.Rubric) -> list[m.Tier]:
    """The rules before the first item that test the unit's facts: 一票否决 and grades on the facts
    (「发生特别重大事故」的,为「不合格」); they read their facts for every unit."""
    grades = [] if rubric.grade_rules is None else rubric.grade_rules.tiers
    return veto_tiers(rubric) + [t for t in grades if t.test is not None and not on_total(rubric, t.test)]
