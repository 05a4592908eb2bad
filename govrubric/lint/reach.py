"""Reachable range: the lowest and highest score every node and the total can take, with the facts that reach them.

For each unit category, a node's score is built exactly as evaluate.py builds it: base, plus
children, plus rule effects, limited to [floor, cap], and 0 under a veto. The parts that add
up (children and groups of rules) are split into components that read disjoint facts; a
component's extremes are then independent of the others', so the node's extremes are the
sums of the components' extremes, pushed through the limits. Inside a component the facts
read by more than one part are tried on all their representative values (domains.py) and
each part is analysed with those values pinned; a group of rules is scored by the evaluator
itself on every combination of its facts' representative values. The result is exact where
the representative values cover every behaviour (every rule form except proportional
「每低」 steps, which are reported as bounds) and every extreme comes with facts that reach it.

Rules whose outcome sets the base (按「…」计分, 得满分) are kept in one group, in their written
order, since the last one that fires wins.
"""
from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Iterable

import attrs

from .. import model as m
from ..evaluate import _Evaluator, on_total, scores_only  # lint scores through the interpreter itself, so both agree
from .domains import Domains
from .intervals import Domain, intersect_all, subtract, union
from .ladder import Narrowing
from .walk import (category_blind, effective_applies, operand_facts, overrides_base, rule_facts, subtree_facts, test_leaves,
                   veto_tiers)
from .witness import full_row

ZERO = Decimal(0)
INF = Decimal("Infinity")
COMBINATION_LIMIT = 200_000
VETO_COMBINATIONS = 10_000  # a veto's facts tried for a witness; none found leaves only the sound bound
TOTAL = "总分"


@attrs.frozen
class End:
    """One end of a range: the value, and the facts (with the unit's category) that reach it.

    exact=False: a sound bound that the facts may not reach (see module docstring).
    An infinite value means no bound: the facts show a big case.
    """

    value: Decimal
    facts: tuple[tuple[str, Any], ...] = ()
    exact: bool = True
    category: str | None = None

    def assignment(self) -> dict[str, Any]:
        return dict(self.facts)

    def plus(self, other: "End") -> "End":
        return End(self.value + other.value, _merge(self.facts, other.facts), self.exact and other.exact,
                   self.category)

    def with_value(self, value: Decimal) -> "End":
        return attrs.evolve(self, value=value)

    def with_facts(self, facts) -> "End":
        return attrs.evolve(self, facts=_merge(tuple(facts), self.facts))


def _merge(a, b) -> tuple[tuple[str, Any], ...]:
    merged = dict(a)
    merged.update(b)
    return tuple(merged.items())


Pair = tuple[End, Decimal]  # (what the node's limits apply to, bonuses added after them)


@attrs.frozen
class Part:
    """What one component can add: the best and worst (capped, bonus) pairs without a veto.

    Only under 加分上限:不受本项分值限制 are bonuses kept apart (the second of each pair);
    otherwise it is always 0 and each list holds one pair. An empty list: the component
    always vetoes.
    """

    highs: tuple[Pair, ...]
    lows: tuple[Pair, ...]
    veto: End | None = None


def frontier(pairs, highest: bool) -> tuple[Pair, ...]:
    """The pairs no other pair beats in both parts (the only ones an extreme can come from)."""
    sign = 1 if highest else -1
    ordered = sorted(pairs, key=lambda p: (sign * p[0].value, sign * p[1]), reverse=True)
    kept: list[Pair] = []
    for pair in ordered:
        if not kept or sign * pair[1] > sign * kept[-1][1]:
            kept.append(pair)
    return tuple(kept)


def add_pairs(a: tuple[Pair, ...], b: tuple[Pair, ...], highest: bool) -> tuple[Pair, ...]:
    return frontier([(x.plus(y), p + q) for x, p in a for y, q in b], highest)


@attrs.frozen
class Reach:
    low: End
    high: End
    raw_low: End | None = None  # base + children + effects before the node's limits and veto
    raw_high: End | None = None
    veto: End | None = None
    applicable: bool = True
    complete: bool = True  # False: too many combinations; the bounds are only the node's limits
    # 加分带入上级 (model.Node.bonus_passes): (score less what is passed up, what is passed up), the frontiers its
    # parent adds as a part kept apart from its limits; None: nothing passes up
    passed_highs: tuple[Pair, ...] | None = None
    passed_lows: tuple[Pair, ...] | None = None


class TooLarge(Exception):
    pass


def _inexact(end: End) -> End:
    return attrs.evolve(end, exact=False)


def _times(a: Decimal, b: Decimal) -> Decimal:
    """a × b on the ends of ranges, where an unbounded end times 0 is 0 (the range holds 0, not every number)."""
    if a == 0 or b == 0:
        return ZERO
    return a * b


def _pick(candidates: Iterable[End], highest: bool) -> End:
    best = None
    for end in candidates:
        if best is None or (end.value > best.value if highest else end.value < best.value):
            best = end
    assert best is not None
    return best


def clamp(value: Decimal, node: m.Node) -> Decimal:
    if node.cap is not None and value > node.cap:
        value = node.cap
    if node.floor is not None and value < node.floor:
        value = node.floor
    return value


class Analysis:
    """The reachable range of every node and of the total, for each category and over all of them."""

    def __init__(self, rubric: m.Rubric, domains: Domains | None = None) -> None:
        self.rubric = rubric
        self.domains = domains or Domains(rubric)
        self.applies = effective_applies(rubric)
        self.facts_below = {node.id: subtree_facts(node) for node in rubric.nodes()}
        self.categories: tuple[str | None, ...] = rubric.categories or (None,)
        # the evaluator reads a unit's category only where an item is 适用 to some categories, so the
        # categories every 适用 treats alike score alike: one pass (the first one's) serves them all
        scopes = list(dict.fromkeys(n.applies_to for n in rubric.nodes() if n.applies_to is not None))
        scopes += m.category_tests(rubric)  # 「单位类别」为「…」 in a condition reads it too
        shared: dict[tuple[bool, ...], _Pass] = {}
        self.passes: dict[str | None, _Pass] = {}
        for c in self.categories:
            alike = tuple(c is None or c in scope for scope in scopes)
            if alike not in shared:
                shared[alike] = _Pass(self, c)
            self.passes[c] = shared[alike]
        self.by_id = {node.id: node for node in rubric.nodes()}
        self._total: Reach | None = None
        # clauses no category scores differently are scored once for every pass (拱墅: two passes, ~6,300
        # combinations each): by node, clauses and pins, with the first pass's ends
        self.several = len({id(run) for run in self.passes.values()}) > 1
        self.shared_parts: dict[tuple, Part] = {}
        self.blind: dict[tuple, bool] = {}

    def shared_key(self, node: m.Node, rules: tuple[m.Rule, ...], pins: dict[str, Any]) -> tuple | None:
        """The key under which the passes share the clauses' part; None when they may score them differently."""
        if not self.several:
            return None
        ids = (node.id, tuple(map(id, rules)))
        blind = self.blind.get(ids)
        if blind is None:
            blind = self.blind[ids] = category_blind(node, rules)
        return (*ids, frozenset(pins.items())) if blind else None

    def node(self, node: m.Node, categories: Iterable[str | None] | None = None) -> Reach | None:
        """The range over the categories the node is scored for (None when it is scored for none)."""
        if categories is None:
            scope = self.applies[node.id]
            categories = [c for c in self.categories if scope is None or c is None or c in scope]
        return self._over(categories, lambda run: run.reach(node, {}))

    def total(self) -> Reach:
        if self._total is None:
            self._total = self._over(self.categories, lambda run: run.total())
        return self._total

    def _over(self, categories: Iterable[str | None], get) -> Reach | None:
        """Combined over the categories: each pass once, its ends labelled with the first category it serves
        (of categories that score alike, the first is the one whose ends a combination keeps)."""
        found: dict[int, Reach] = {}
        for c in categories:
            run = self.passes[c]
            if id(run) not in found:
                found[id(run)] = _labelled(get(run), c)
        return _combine(list(found.values())) if found else None


def _labelled(reach: Reach, category: str | None) -> Reach:
    if reach.low.category == category:
        return reach

    def label(end: End | None) -> End | None:
        return None if end is None else attrs.evolve(end, category=category)

    def labels(pairs):
        return None if pairs is None else tuple((label(end), bonus) for end, bonus in pairs)

    return attrs.evolve(reach, low=label(reach.low), high=label(reach.high), raw_low=label(reach.raw_low),
                        raw_high=label(reach.raw_high), veto=label(reach.veto),
                        passed_highs=labels(reach.passed_highs), passed_lows=labels(reach.passed_lows))


def _relabelled(part: Part, category: str | None) -> Part:
    def label(end: End | None) -> End | None:
        return end if end is None or end.category == category else attrs.evolve(end, category=category)

    return Part(tuple((label(end), bonus) for end, bonus in part.highs),
                tuple((label(end), bonus) for end, bonus in part.lows), label(part.veto))


def _combine(reaches: list[Reach]) -> Reach:
    def pick(attr: str, highest: bool) -> End | None:
        ends = [getattr(r, attr) for r in reaches if getattr(r, attr) is not None]
        return _pick(ends, highest) if ends else None

    def pairs(attr: str, highest: bool) -> tuple[Pair, ...] | None:
        found = [pair for r in reaches for pair in (getattr(r, attr) or ())]
        return frontier(found, highest) if any(getattr(r, attr) is not None for r in reaches) else None

    vetoes = [r.veto for r in reaches if r.veto is not None]
    return Reach(pick("low", False), pick("high", True), pick("raw_low", False), pick("raw_high", True),
                 vetoes[0] if vetoes else None, any(r.applicable for r in reaches), all(r.complete for r in reaches),
                 pairs("passed_highs", True), pairs("passed_lows", False))


class _Pass:
    """The analysis for units of one category."""

    def __init__(self, analysis: Analysis, category: str | None) -> None:
        self.analysis = analysis
        self.rubric = analysis.rubric
        self.domains = analysis.domains
        self.category = category
        self.evaluator = _Evaluator(self.rubric, {}, category, None, explain=False)
        self.cache: dict[tuple, Reach] = {}

    def end(self, value: Decimal, facts=(), exact: bool = True) -> End:
        return End(value, tuple(facts), exact, self.category)

    # ------------------------------------------------------------ nodes
    def applicable(self, node: m.Node) -> bool:
        return node.applies_to is None or self.category is None or self.category in node.applies_to

    def reach(self, node: m.Node, pins: dict[str, Any]) -> Reach:
        below = self.analysis.facts_below[node.id]
        key = (node.id, frozenset((k, v) for k, v in pins.items() if k in below))
        if key not in self.cache:
            try:
                self.cache[key] = self._reach(node, pins)
            except TooLarge:
                low = node.floor if node.floor is not None else -INF
                high = node.cap if node.cap is not None and not _keeps_apart(node) else INF
                self.cache[key] = self.loose(node, self.end(min(low, ZERO), exact=False),
                                             self.end(max(high, ZERO), exact=False))
        return self.cache[key]

    def loose(self, node: m.Node, low: End, high: End) -> Reach:
        """Only the node's limits, with no bound on what it may pass up (加分带入上级)."""
        if not node.bonus_passes:
            return Reach(low, high, complete=False)
        capped = self.end(node.cap if node.cap is not None else INF, exact=False)
        return Reach(low, high, complete=False, passed_highs=((capped, INF),), passed_lows=((low, ZERO),))

    def _reach(self, node: m.Node, pins: dict[str, Any]) -> Reach:
        if not self.applicable(node):
            result = self.evaluator.not_applicable(node)
            end = self.end(result.score)
            return Reach(end, end, end, end, applicable=False)
        if node.split_limit is not None:
            # 累计加减分:分别限制 bounds what is added and what is deducted apart, so parts do not simply add up:
            # the base ± the limit, within the bounds, is sound but not exact (得满分 and 按「…」计分 move the base)
            base = node.points if node.base == "full" and node.points is not None else ZERO
            moved = any(o.kind in ("set", "full") for rule in node.rules for o in m.outcomes_of(rule))
            low_base, high_base = (min(base, ZERO), INF) if moved else (base, base)
            high = max(clamp(high_base + node.split_limit, node), ZERO) if not _keeps_apart(node) else INF
            low = min(clamp(low_base - node.split_limit, node), ZERO)  # 0: a veto
            # 同时倒扣N分 below what the veto leaves (every 倒扣 together)
            low -= sum((o.below for rule in node.rules for o in m.outcomes_of(rule) if o.below is not None), ZERO)
            return self.loose(node, self.end(low, exact=False), self.end(high, exact=False))
        members: list[tuple[str, Any, frozenset[str]]] = []
        for child in node.children:
            if m.stands_aside(node, child, self.category, self.rubric.categories):
                continue  # another category's version of this item: it adds nothing
            members.append(("child", child, self.analysis.facts_below[child.id] - pins.keys()))
        for group in self.rule_groups(node, pins):
            facts = frozenset(f for rule in group for f in rule_facts(rule)) - pins.keys()
            members.append(("rules", tuple(group), facts))
        base = node.points if node.base == "full" and node.points is not None else ZERO
        highs: tuple[Pair, ...] = ((self.end(base), ZERO),)
        lows: tuple[Pair, ...] = highs
        veto = None
        for comp in _components(members):
            part = self.component(node, comp, pins)
            veto = veto or part.veto
            highs, lows = add_pairs(highs, part.highs, True), add_pairs(lows, part.lows, False)
        below = sum((o.below for rule in node.rules for o in m.outcomes_of(rule) if o.below is not None), ZERO)
        # 否决与扣分:扣分照扣 — a vetoed item keeps a negative score: as low as its floor (sound, not always reached)
        kept = None
        if veto is not None and not node.veto_clears and (node.floor is None or node.floor < 0) and (
                node.children or any(o.kind == "deduct" or (o.kind == "discretion" and o.sign < 0)
                                     for rule in node.rules for o in m.outcomes_of(rule))):
            kept = self.end(node.floor if node.floor is not None else -INF, exact=False)
        if not highs:
            assert veto is not None
            zero = veto.with_value(ZERO)
            if below:  # the veto's facts may fire a 倒扣 too: 0 is a bound, not a score reached
                zero = attrs.evolve(zero, exact=False)
            low = zero if kept is None else _pick([zero, kept], False)
            low = _pick([low, low.with_value(low.value - below)], False) if below else low
            if node.bonus_passes:
                return Reach(low, zero, None, None, veto, passed_highs=((zero, ZERO),), passed_lows=((low, ZERO),))
            return Reach(low, zero, None, None, veto)

        def final(pair: Pair) -> End:
            capped, bonus = pair
            return capped.with_value(clamp(capped.value, node) + bonus)

        def raw(pair: Pair) -> End:  # before the limits: what the sub-items pass up waits for after them
            if m.passed_in(node) and not node.bonus_uncapped:
                return pair[0]
            return pair[0].with_value(pair[0].value + pair[1])

        def within(pair: Pair) -> Pair:  # 加分带入上级: the score within the limits, and what passes up
            return pair[0].with_value(clamp(pair[0].value, node)), pair[1]

        low = _pick([final(p) for p in lows], False)
        high = _pick([final(p) for p in highs], True)
        raw_low, raw_high = _pick([raw(p) for p in lows], False), _pick([raw(p) for p in highs], True)
        if veto is not None:
            zero = veto.with_value(ZERO)
            if below:  # the veto's facts may fire a 倒扣 too: 0 is a bound, not a score reached
                zero = attrs.evolve(zero, exact=False)
            low, high = _pick([low, zero] + ([kept] if kept is not None else []), False), _pick([high, zero], True)
        if below:  # 同时倒扣N分: N below what the veto leaves (every 倒扣 together: sound, not always reached)
            low = _pick([low, self.end(min(low.value, ZERO) - below, exact=False)], False)
        if node.cap is None and any(o.kind == "set" and o.formula is not None and o.of_points is None
                                    for rule in node.rules for o in m.outcomes_of(rule)):
            # 本项得分=「甲」×10 with no cap on the item: the formula's value has no bound (a unit may give any 「甲」)
            high = attrs.evolve(high, value=INF, exact=False)
        if node.repeats:
            # 不重复扣分: a clause another item may excuse — a sound floor, not one reached
            low = attrs.evolve(low, exact=False)
        if not node.bonus_passes:
            return Reach(low, high, raw_low, raw_high, veto)
        # what a veto, a 倒扣 or an unbounded formula leaves passes nothing up: the score itself, then
        settled_highs = [(high, ZERO)] if high.value == INF or veto is not None else []
        settled_lows = [(low, ZERO)] if veto is not None or below or node.repeats else []
        return Reach(low, high, raw_low, raw_high, veto,
                     passed_highs=frontier([within(p) for p in highs] + settled_highs, True),
                     passed_lows=frontier([within(p) for p in lows] + settled_lows, False))

    def rule_groups(self, node: m.Node, pins: dict[str, Any]) -> list[list[m.Rule]]:
        """Rules that read common (unpinned) facts, and all rules that set the base, belong together."""
        members = []
        points = {id(r): k for k, cap in enumerate(node.shared_caps) for r in cap.rules}  # 句末上限: one point
        for index, rule in enumerate(node.rules):
            facts = frozenset(rule_facts(rule)) - pins.keys()
            if overrides_base(rule):
                facts |= {"\0base"}
            if id(rule) in points:
                facts |= {f"\0point{points[id(rule)]}"}
            members.append(("rule", index, facts))
        if node.largest_only is not None or any(isinstance(rule, m.Running) for rule in node.rules):
            # 扣满4分的 … reads what every other clause deducts, and under 就高不就低 only the largest deduction
            # counts (two clauses' deductions do not add up): all the item's clauses are scored together
            every = frozenset().union(*(facts for _, _, facts in members))
            members = [(kind, index, every) for kind, index, _ in members]
        groups = _components(members)
        return [[node.rules[i] for _, i, _ in sorted(group, key=lambda g: g[1])] for group in groups]

    def component(self, node: m.Node, members, pins: dict[str, Any]) -> Part:
        if len(members) == 1:
            return self.member(node, members[0], pins)
        counts: dict[str, int] = {}
        for _, _, facts in members:
            for fact in facts:
                counts[fact] = counts.get(fact, 0) + 1
        shared = sorted(f for f, n in counts.items() if n > 1)
        highs: list[Pair] = []
        lows: list[Pair] = []
        veto = None
        for values in self.assignments(shared):
            pinned = {**pins, **values}
            parts = [self.member(node, member, pinned) for member in members]
            vetoes = [p.veto for p in parts if p.veto is not None]
            if veto is None and vetoes:
                veto = vetoes[0].with_facts(values.items())
            start: tuple[Pair, ...] = ((self.end(ZERO, values.items()), ZERO),)
            high, low = start, start
            for part in parts:
                high, low = add_pairs(high, part.highs, True), add_pairs(low, part.lows, False)
            highs.extend(high)
            lows.extend(low)
        return Part(frontier(highs, True), frontier(lows, False), veto)

    def member(self, node: m.Node, member, pins: dict[str, Any]) -> Part:
        kind, what, _ = member
        if kind == "child":
            reach = self.reach(what, pins)
            if reach.passed_highs is not None and what.bonus_passes and not node.stated_cap:  # 加分带入上级: apart from node's limits
                return Part(reach.passed_highs, reach.passed_lows)
            return Part(((reach.high, ZERO),), ((reach.low, ZERO),))
        return self.rules_part(node, what, pins)

    def assignments(self, names: list[str]):
        reps = [self.domains.reps[name] for name in names]
        size = 1
        for values in reps:
            size *= len(values)
        if size > COMBINATION_LIMIT:
            raise TooLarge
        bounded = self.cohort_bounds(names)
        if not bounded:  # the usual case, without a test per combination
            for combo in itertools.product(*reps):
                yield dict(zip(names, combo))
            return
        for combo in itertools.product(*reps):
            values = dict(zip(names, combo))
            if all(_within(values, source, extreme, kind) for source, extreme, kind in bounded):
                yield values

    def cohort_bounds(self, names: list[str]) -> list[tuple[str, str, str]]:
        """(source, extreme, kind) for each highest/lowest over all units read together with its source fact: a
        unit's own value is never above the highest (「收件数」÷「最高收件数」 is at most 1), nor below the lowest."""
        found = []
        for name in names:
            cohort = self.rubric.facts[name].cohort
            if (cohort is not None and cohort.kind in ("max", "min") and cohort.source == "fact"
                    and cohort.scope is None and cohort.categories is None and cohort.fact in names):
                found.append((cohort.fact, name, cohort.kind))
        return found

    def rules_part(self, node: m.Node, rules: tuple[m.Rule, ...], pins: dict[str, Any]) -> Part:
        """The clauses' part; computed once for all passes where no category changes it (Analysis.shared_key),
        its ends then labelled with this pass's category, as scoring them here would have labelled them."""
        key = self.analysis.shared_key(node, rules, pins)
        if key is None:
            return self.score_rules(node, rules, pins)
        part = self.analysis.shared_parts.get(key)
        if part is None:
            part = self.analysis.shared_parts[key] = self.score_rules(node, rules, pins)
        return _relabelled(part, self.category)

    def score_rules(self, node: m.Node, rules: tuple[m.Rule, ...], pins: dict[str, Any]) -> Part:
        names = sorted({f for rule in rules for f in rule_facts(rule)} - pins.keys())
        base = node.points if node.base == "full" and node.points is not None else ZERO
        shell = attrs.evolve(node, rules=rules, children=(), floor=None, cap=None, applies_to=None)
        # under 加分上限:不受本项分值限制 a second shell limited to [0, 0] leaves only the bonuses
        bonus_shell = attrs.evolve(shell, floor=ZERO, cap=ZERO) if node.bonus_uncapped else None
        inexact = any(isinstance(r, m.PerStep) and (r.proportional or r.rounding != "floor") for r in rules)
        narrowing = Narrowing(rules)
        pairs: list[Pair] = []
        veto = None
        ladders = self.domains.ladders_among(rules)
        big = self.domains.bigger  # is_big, inlined: this loop runs for every combination of the facts
        for values in self.assignments(names):
            pinned = {**pins, **values}
            if ladders and not self.domains.admissible(ladders, pinned, self.category):
                continue  # no unit gives these facts
            split = self.split_score(shell, bonus_shell, pinned, narrowing)
            if split is None:
                veto = veto or self.end(ZERO, values.items())
                continue
            capped, bonus = split
            bigger = {k: big[k][v] for k, v in values.items() if v in big.get(k, ())}
            if bigger:
                again = self.split_score(shell, bonus_shell, {**pinned, **bigger}, narrowing)
                if again is not None:
                    capped, bonus = _unbounded(capped, again[0]), _unbounded(bonus, again[1])
            pairs.append((self.end(capped - base, values.items(), exact=not inexact), bonus))
        return Part(frontier(pairs, True), frontier(pairs, False), veto)

    def split_score(self, shell: m.Node, bonus_shell: m.Node | None, values,
                    narrowing: Narrowing) -> tuple[Decimal, Decimal] | None:
        """(score without bonuses kept apart, those bonuses), or None under a veto."""
        self.evaluator.values = values
        if narrowing.any:  # long ladders: only the tier that fires (ladder.py)
            rules = narrowing.for_values(self.evaluator)
            shell = attrs.evolve(shell, rules=rules)
            bonus_shell = attrs.evolve(bonus_shell, rules=rules) if bonus_shell is not None else None
        result = self.evaluator.node(shell)
        if result.vetoed:
            return None
        bonus = self.evaluator.node(bonus_shell).score if bonus_shell is not None else ZERO
        return result.score - bonus, bonus

    # ------------------------------------------------------------ the total
    def total(self) -> Reach:
        if self.rubric.total_expr is not None:  # 基础分1000分 + …, (…)×(1+0.1×「权重」), …中较低分值
            low, high = self.expr_reach(self.rubric.total_expr)
            scaled = [low.with_value(self.rescale(low.value)), high.with_value(self.rescale(high.value))]
            return self.final_rules(*self.past_the_items(_pick(scaled, False), _pick(scaled, True)))
        members = []
        for root in self.rubric.roots:
            if self.weights(root):
                members.append(("root", root, self.analysis.facts_below[root.id]))
        low, high = self.end(ZERO), self.end(ZERO)
        for comp in _components(members):
            try:
                part_low, part_high = self.total_component(comp)
            except TooLarge:
                part_low, part_high = self.end(-INF, exact=False), self.end(INF, exact=False)
            low, high = low.plus(part_low), high.plus(part_high)
        # the evaluator's factor can be below 1 or even negative (missing points counted below the first
        # level, possible points only at it), so the rescaled ends are ordered afresh
        scaled = [low.with_value(self.rescale(low.value)), high.with_value(self.rescale(high.value))]
        return self.final_rules(*self.past_the_items(_pick(scaled, False), _pick(scaled, True)))

    def past_the_items(self, low: End, high: End) -> tuple[End, End]:
        """The total's ends after what goes past the items, whatever the formula (a sum of items, or 基础分10分 + …:
        the spill came off a formula's total too, and lint said 10 for a total of 9.5)."""
        # 追加扣除 / 从总分中扣除: every spill together may come off the lowest total (sound, not always reached)
        spills = sum((o.spill for node in self.rubric.nodes() for rule in node.rules for o in m.outcomes_of(rule)
                      if o.spill is not None), ZERO)
        if spills:
            low = attrs.evolve(low, value=low.value - spills, exact=False)
            high = attrs.evolve(high, exact=False)  # its facts may fire a spill too: a bound, not one reached
        # 加分上限:计入总分: the items' bonuses go past their parents' bounds to the total (sound, not always reached)
        extras = sum((_most_bonus(node) for node in self.rubric.nodes() if node.bonus_to_total), ZERO)
        if extras:  # the facts of either end may fire a bonus too: both are bounds, not totals reached
            high = attrs.evolve(high, value=high.value + extras, exact=False)
            low = attrs.evolve(low, exact=False)
        return low, high

    def expr_reach(self, expr: m.TotalExpr) -> tuple[End, End]:
        """Sound ends of a total formula beyond a sum of items, part by part (interval arithmetic). A fact or an
        item read twice is taken at its ends independently, so these ends are bounds, never claimed reached."""
        if expr.op == "term":
            low, high = self.end(ZERO, exact=False), self.end(ZERO, exact=False)
            for node_id in expr.term.nodes:
                root = next(r for r in self.rubric.roots if r.id == node_id)
                reach = self.reach(root, {})
                values = [reach.low, reach.high]
                if expr.term.kind == "扣分":
                    values = [e.with_value(max(ZERO, -e.value)) for e in values]
                    if reach.low.value < 0 < reach.high.value:
                        values.append(reach.low.with_value(ZERO))
                low, high = low.plus(_pick(values, False)), high.plus(_pick(values, True))
            return _inexact(low), _inexact(high)
        if expr.op == "number":
            return self.end(expr.value, exact=False), self.end(expr.value, exact=False)
        if expr.op == "fact":
            fact = self.rubric.facts[expr.fact]
            low = fact.low if fact.kind == "score" and fact.low is not None else ZERO
            high = fact.high if fact.kind == "score" and fact.high is not None else INF
            return (self.end(low, ((expr.fact, low),), exact=False),
                    self.end(high, ((expr.fact, high),) if high.is_finite() else (), exact=False))
        parts = [self.expr_reach(p) for p in expr.parts]
        if len(parts) == 1:
            return parts[0]
        if expr.op in ("lower", "higher"):
            lows, highs = [p[0] for p in parts], [p[1] for p in parts]
            pick = expr.op == "higher"
            return _inexact(_pick(lows, pick)), _inexact(_pick(highs, pick))
        (a_low, a_high), (b_low, b_high) = parts
        if expr.op == "+":
            return _inexact(a_low.plus(b_low)), _inexact(a_high.plus(b_high))
        if expr.op == "-":
            return (_inexact(a_low.plus(b_high.with_value(-b_high.value))),
                    _inexact(a_high.plus(b_low.with_value(-b_low.value))))
        products = [x.plus(y).with_value(_times(x.value, y.value)) for x in (a_low, a_high) for y in (b_low, b_high)]
        return _inexact(_pick(products, False)), _inexact(_pick(products, True))

    def weights(self, root: m.Node) -> list[tuple[int, str]]:
        """How the root enters the total: (sign, 得分/扣分) for every formula term that names it."""
        if self.rubric.formula is None:
            return [(1, "得分")]
        return [(t.sign, t.kind) for t in self.rubric.formula if root.id in t.nodes]

    def contribution(self, root: m.Node, reach: Reach) -> tuple[End, End]:
        def g(score: Decimal) -> Decimal:
            return sum(((max(ZERO, -score) if kind == "扣分" else score) * sign
                        for sign, kind in self.weights(root)), ZERO)

        ends = [reach.low, reach.high]
        values = [e.with_value(g(e.value)) for e in ends]
        if len(self.weights(root)) > 1 and reach.low.value < 0 < reach.high.value:
            values.append(attrs.evolve(reach.low, value=g(ZERO), exact=False))
        return _pick(values, False), _pick(values, True)

    def total_component(self, members) -> tuple[End, End]:
        if len(members) == 1:
            root = members[0][1]
            return self.contribution(root, self.reach(root, {}))
        counts: dict[str, int] = {}
        for _, _, facts in members:
            for fact in facts:
                counts[fact] = counts.get(fact, 0) + 1
        shared = sorted(f for f, n in counts.items() if n > 1)
        lows, highs = [], []
        for values in self.assignments(shared):
            low, high = self.end(ZERO, values.items()), self.end(ZERO, values.items())
            for _, root, _ in members:
                part_low, part_high = self.contribution(root, self.reach(root, values))
                low, high = low.plus(part_low), high.plus(part_high)
            lows.append(low)
            highs.append(high)
        return _pick(lows, False), _pick(highs, True)

    def rescale(self, total: Decimal) -> Decimal:
        if self.rubric.not_applicable != "按比例折算":
            return total
        # as evaluate.py does: only what lies under first-level items with points can be missing from their sum
        counted = [r for r in self.rubric.roots if r.points is not None]
        possible = sum((r.points for r in counted), ZERO)
        missing = sum((n.points or ZERO for n in self.highest_not_applicable(counted)), ZERO)
        if missing == 0 or possible == missing:
            return total
        if not total.is_finite():
            return total if possible / (possible - missing) > 0 else -total
        try:
            return (total * possible / (possible - missing)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        except InvalidOperation:  # pragma: no cover - a total too large to quantise is not a real score
            return total

    def highest_not_applicable(self, nodes, parent: m.Node | None = None):
        for node in nodes:
            if parent is not None and m.stands_aside(parent, node, self.category, self.rubric.categories):
                continue  # not missing: the unit's own version of the parent is there
            if not self.applicable(node):
                yield node
            else:
                yield from self.highest_not_applicable(node.children, node)

    def final_rules(self, low: End, high: End) -> Reach:
        final = self.rubric.final
        if final is None:
            return Reach(low, high, low, high)
        image = final_image(self.rubric, low.value, high.value, self.item_range)
        ends = [e for e in (self.after_final(low), self.after_final(high)) if e is not None]
        ends += self.veto_ends()
        if not ends:  # only rules that take an item's score decided: the image's ends, as bounds
            ends = [self.end(image[0], exact=False), self.end(image[1], exact=False)]
        best_low, best_high = _pick(ends, False), _pick(ends, True)
        if image[0] < best_low.value:
            best_low = attrs.evolve(best_low, value=image[0], exact=False)
        if image[1] > best_high.value:
            best_high = attrs.evolve(best_high, value=image[1], exact=False)
        return Reach(best_low, best_high, low, high)

    def after_final(self, end: End) -> End | None:
        """What the rules on the total make of an end, a 一票否决 read on the end's facts (the rest neutral);
        None when a rule that takes an item's score (按第一项得分确定) decides it (final_image bounds those)."""
        values = full_row(self.domains, end.assignment(), self.category) if veto_tiers(self.rubric) else {}
        value = apply_final(self.rubric, end.value, _Evaluator(self.rubric, values, self.category, None,
                                                              explain=False))
        return None if value is None else end.with_value(value)

    def item_range(self, item: m.Term) -> tuple[Decimal, Decimal]:
        """The scores the items of 按第一项得分确定 can add up to, for this category."""
        low = high = ZERO
        for node_id in item.nodes:
            reach = self.reach(self.analysis.by_id[node_id], {})
            low, high = low + reach.low.value, high + reach.high.value
        return low, high

    def veto_ends(self) -> list[End]:
        """Each 一票否决 with a fixed result, with facts that make it decide (kept only when scoring shows it does)."""
        found = []
        for tier in veto_tiers(self.rubric):
            facts = self.holding(tier.test)
            if tier.outcome.amount is None or facts is None:
                continue
            row = full_row(self.domains, facts, self.category)
            if scores_only(self.rubric, row, "", self.category).total == tier.outcome.amount:
                found.append(self.end(tier.outcome.amount, facts.items()))
        return found

    def holding(self, test: m.Test) -> dict[str, Any] | None:
        """Facts under which the test holds, from their representative values (the rest neutral)."""
        names = list(dict.fromkeys(n for leaf in test_leaves(test) for n in operand_facts(leaf.operand)))
        if any(n not in self.domains.reps for n in names):
            return None  # a grade rule on the category and 「总分」 together: the total is no fact to choose
        combos = itertools.product(*(self.domains.reps[n] for n in names))
        for values in itertools.islice(combos, VETO_COMBINATIONS):
            facts = dict(zip(names, values))
            row = full_row(self.domains, facts, self.category)
            if _Evaluator(self.rubric, row, self.category, None, explain=False).test(test)[0]:
                return facts
        return None


def apply_final(rubric: m.Rubric, total: Decimal, facts: _Evaluator) -> Decimal | None:
    """The total after the rules on it; None when a rule that takes an item's score decides (not known here)."""
    for tier in rubric.final.tiers:
        if facts.final_test(tier.test, total)[0]:
            if tier.outcome.item is not None:
                return None
            return tier.outcome.amount if tier.outcome.amount is not None else total
    return total


def final_image(rubric: m.Rubric, low: Decimal, high: Decimal, item_range=None) -> tuple[Decimal, Decimal]:
    """Bounds of what the final rules make of any total in [low, high] (sound, maybe not reached).

    A 一票否决 may hold or not, whatever the total: it claims no totals from the rules after it."""
    domain = Domain(False, -INF, None)
    span = [m.Interval(low, True, None if high == INF else high, high != INF)]
    claimed: list[m.Interval] = []
    values: list[Decimal] = []

    def ends(region):
        for part in region:
            values.append(part.low)
            values.append(INF if part.high is None else part.high)

    for tier in rubric.final.tiers:
        total = tier.test is None or on_total(rubric, tier.test)
        interval = tier.test.interval if tier.test is not None and total else domain.whole()
        region = subtract(intersect_all(span, [interval], domain), claimed, domain)
        if total:
            claimed = union(claimed + [interval], domain)
        if not region:
            continue
        if tier.outcome.item is not None:  # 按第一项得分确定: whatever that item can score
            values.extend(item_range(tier.outcome.item) if item_range is not None else (-INF, INF))
        elif tier.outcome.amount is not None:
            values.append(tier.outcome.amount)
        else:
            ends(region)
    ends(subtract(span, claimed, domain))
    return min(values), max(values)


def _unbounded(value: Decimal, again: Decimal) -> Decimal:
    """A score that still moves when a big value is doubled has no bound that way."""
    if again > value:
        return INF
    if again < value:
        return -INF
    return value


def _components(members):
    """Members (kind, payload, facts) grouped so that no two groups share a fact."""
    groups: list[list] = []
    facts_of: list[set[str]] = []
    for member in members:
        joined = [i for i, facts in enumerate(facts_of) if facts & member[2]]
        group, facts = [member], set(member[2])
        for i in reversed(joined):
            group = groups.pop(i) + group
            facts |= facts_of.pop(i)
        groups.append(group)
        facts_of.append(facts)
    return groups


def raw_score(rubric: m.Rubric, node: m.Node, values: dict[str, Any], category: str | None) -> tuple[Decimal, bool]:
    """The node's score before its own limits (and whether a veto struck), as the evaluator computes it; the
    bonuses its sub-items pass up (加分带入上级) come after the limits, so they are not in it."""
    evaluator = _Evaluator(rubric, values, category, None, explain=False)
    result = evaluator.node(attrs.evolve(node, floor=None, cap=None))
    passing = {c.id for c in m.passed_in(node)}
    received = sum((c.passed for c in result.children if c.node_id in passing), ZERO)
    return result.score - received, result.vetoed


def _within(values: dict[str, Any], source: str, extreme: str, kind: str) -> bool:
    own, bound = values.get(source), values.get(extreme)
    if own is None or bound is None:
        return True
    return own <= bound if kind == "max" else own >= bound


def _keeps_apart(node: m.Node) -> bool:
    """Whether the node adds something after its limits: its own bonuses (加分上限:不受本项分值限制) or those its
    sub-items pass up (加分带入上级)."""
    return node.bonus_uncapped or bool(m.passed_in(node))


def _most_bonus(node: m.Node) -> Decimal:
    """The most an item's 加 clauses can add (a clause's cap, a ladder's largest bonus; otherwise no bound)."""
    total = ZERO
    for rule in node.rules:
        bonuses = [o for o in m.outcomes_of(rule) if o.kind == "bonus" or (o.kind == "discretion" and o.sign > 0)]
        if not bonuses:
            continue
        if rule.cap is not None:
            total += rule.cap
        elif isinstance(rule, m.Tiered) and all(o.kind == "bonus" for o in bonuses):
            total += max(o.amount for o in bonuses)
        elif isinstance(rule, m.Tiered) and all(o.high is not None for o in bonuses if o.kind == "discretion"):
            total += max(o.amount if o.kind == "bonus" else o.high for o in bonuses)
        else:
            return INF
    return total
