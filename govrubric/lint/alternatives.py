"""Whether another reading (口径) changes a score, and facts that show it.

A reading is worth naming only where some unit would score differently under it: for an item
with only deductions, 「按条款推断」 is 「从满分扣减」 itself; a floor that deductions never
reach, a rank whose distance is always whole steps, a bonus that never passes the points
change nothing. The rubric is checked again with the other reading given for the whole rubric
(as 「govrubric score --reading」 gives it) and the item is scored both ways with its sub-items
scored as they are, so that only the item's own reading is compared. The facts tried are every
combination of the item's facts' representative values (domains.py: exact for every rule
form); when there are too many, the facts that reach the item's extremes and each fact on its
own, and a difference not found then is not taken as proof that there is none.

An open boundary (「第3名之后」, GL303) is compared the same way, with the rule itself changed to
count the number in and the operand at that number; a rule that adds the same and acts alike
either way for every value of its own facts cannot change any score, and is not searched further.
"""
from __future__ import annotations

from ..i18n import built

import itertools
from decimal import Decimal
from typing import Any, Iterable, Iterator

import attrs

from .. import model as m
from ..check import check as check_rubric
from ..diagnostics import Diagnostics
from ..evaluate import _Evaluator, scores_only  # scored as 「score」 scores them
from ..numerals import format_decimal as fmt
from ..readings import Override
from .context import Context
from .walk import operand_facts, rule_facts, subtree_facts, test_leaves
from .witness import Witness, full_row, shrink

# an item's facts are tried in every combination while scoring them all stays this cheap: each
# combination counts once per fact, a list once per matter (a long 视情 list is slow to explain)
WORK_LIMIT = 20_000


@attrs.frozen
class Comparison:
    """What another reading does: witness is None when no difference was found; searched_all says
    whether that proves there is none."""

    value: str
    witness: Witness | None
    searched_all: bool

    @property
    def differs(self) -> bool:
        return self.witness is not None or not self.searched_all


class Alternatives:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.models: dict[tuple[str, str], m.Rubric | None] = {}
        self.found: dict[tuple[str | None, str, str], Comparison] = {}
        self.neutral_row = full_row(ctx.domains, {}, None)  # copied and filled in for each try
        self.indexes: dict[int, tuple[m.Rubric, dict[int, m.Node]]] = {}

    def row(self, facts: dict[str, Any]) -> dict[str, Any]:
        """Checked values for every fact: the given ones, neutral ones for the rest (witness.full_row)."""
        row = dict(self.neutral_row)
        row.update(facts)
        return row

    def compare(self, decision: m.Decision, value: str) -> Comparison:
        key = (decision.path, decision.key, value)
        if key not in self.found:
            self.found[key] = self._compare(decision, value)
        return self.found[key]

    def _compare(self, decision: m.Decision, value: str) -> Comparison:
        if decision.key == "一票否决" and value == "定为不合格" and self.ctx.rubric.grades is None:
            return Comparison(value, None, True)  # no grades to set: the one reading there is (GR217 otherwise)
        other = self.model(decision.key, value)
        if other is None:
            return Comparison(value, None, False)
        if decision.path is None and decision.key == "一票否决":
            return self._veto(decision, value, other)
        if decision.path is None:
            return self._total(decision, value, other)
        node = self.ctx.by_path.get(decision.path)
        if node is None:
            return Comparison(value, None, False)
        return self._node(node, decision, value, other)

    def model(self, key: str, value: str) -> m.Rubric | None:
        """The rubric read with key=value everywhere the rubric does not state its own reading."""
        if (key, value) not in self.models:
            diags = Diagnostics(self.ctx.source)
            self.models[key, value] = check_rubric(self.ctx.tree, self.ctx.source, diags, (Override(key, value),))
        return self.models[key, value]

    def nodes_by_id(self, model: m.Rubric) -> dict[int, m.Node]:
        """Each re-read model's nodes by id, built once: a search per item was items × items on big rubrics."""
        if id(model) not in self.indexes:
            self.indexes[id(model)] = (model, {n.id: n for n in model.nodes()})  # the model kept, so its id stays its own
        return self.indexes[id(model)][1]

    # ------------------------------------------------------------ one item
    def _node(self, node: m.Node, decision: m.Decision, value: str, other_model: m.Rubric) -> Comparison:
        other = self.nodes_by_id(other_model).get(node.id)
        if other is None or other.path != node.path:
            return Comparison(value, None, False)
        if decision.key != "加分带入上级":  # that one is read at the sub-items whose bonuses pass this item
            other = attrs.evolve(other, children=node.children)  # only this item's own reading differs
        witness, searched_all = self._differ(
            node, other, other_model, {},
            lambda before, after: built("本项按「{taken}」得{before}分,按「{other}」得{after}分", taken=decision.value,
                                        before=fmt(before), other=value, after=fmt(after)))
        return Comparison(value, witness, searched_all)

    def boundary(self, node: m.Node, rule: m.Rule, leaf: m.InRange, at: dict[str, Any]) -> tuple[Witness | None, bool]:
        """Whether counting the bound in (it is read as left out) changes the item's score, with the operand
        at the bound (at): facts that show it, and whether every combination of the other facts was tried."""
        bound = leaf.interval.high if leaf.interval.high is not None else leaf.interval.low
        flipped = attrs.evolve(leaf, interval=attrs.evolve(
            leaf.interval, **({"high_closed": not leaf.interval.high_closed} if bound == leaf.interval.high
                              else {"low_closed": not leaf.interval.low_closed})))
        changed = _replace(rule, leaf, flipped)
        if self._same_effect(node, rule, changed, at):
            return None, True
        other = attrs.evolve(node, rules=tuple(changed if r is rule else r for r in node.rules))
        return self._differ(node, other, self.ctx.rubric, at,
                            lambda before, after: built("「{text}」按不含理解,本项得{before}分;若按含理解,本项得{after}分",
                                                        text=leaf.text, before=fmt(before), after=fmt(after)))

    def _same_effect(self, node: m.Node, rule: m.Rule, changed: m.Rule, fixed: dict[str, Any]) -> bool:
        """Whether the two rules add the same and act alike (否决, 按…计分, 加分) for every combination of
        the rule's own facts: then no item score can tell them apart, whatever the other facts are."""
        domains = self.ctx.domains
        names = [name for name in rule_facts(rule) if name not in fixed]
        if _work(domains, names) > WORK_LIMIT:
            return False
        ladders = domains.ladders_among([rule])
        for category in self._categories(node):
            for combo in itertools.product(*(domains.reps[n] for n in names)):
                row = self.row({**dict(zip(names, combo)), **fixed})
                if ladders and not domains.admissible(ladders, row, category):
                    continue  # no unit gives these facts
                evaluator = _Evaluator(self.ctx.rubric, row, category, None, explain=False)
                effect, _, flags = evaluator.rule(rule, node)
                changed_effect, _, changed_flags = evaluator.rule(changed, node)
                if (effect, flags) != (changed_effect, changed_flags):
                    return False
        return True

    def _differ(self, node: m.Node, other: m.Node, other_model: m.Rubric, fixed: dict[str, Any],
                outcome) -> tuple[Witness | None, bool]:
        """Facts (holding fixed) under which node and other score differently, the witness saying
        outcome(node's score, other's score); and whether every combination was tried."""
        rubric = self.ctx.rubric

        def both(facts: dict[str, Any], category: str | None) -> tuple[Decimal, Decimal]:
            row = self.row(facts)
            mine = _Evaluator(rubric, row, category, None, explain=False)
            theirs = _Evaluator(other_model, row, category, None, explain=False)
            # 加分上限:计入总分 moves the bonus to the total: what the unit gets is the item's score and its bonus
            return (mine.node(node).score + sum(mine.extras.values(), Decimal(0)),
                    theirs.node(other).score + sum(theirs.extras.values(), Decimal(0)))

        searched_all = True
        for category in self._categories(node):
            tries, every = self._tries(node, fixed)
            searched_all = searched_all and every
            shown = self._clearest(tries, lambda facts: both(facts, category), fixed)
            if shown is not None:
                before, after = both(shown, category)
                return self.ctx.witness(shown, category, outcome(before, after), node), True
        return None, searched_all

    def _clearest(self, tries: Iterable[dict[str, Any]], both, fixed: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """The first try that scores differently, made small (witness.shrink) with the fixed facts kept."""
        fixed = fixed or {}

        def differs(facts: dict[str, Any]) -> bool:
            before, after = both({**facts, **fixed})
            return before != after

        domains = self.ctx.domains
        found = next((facts for facts in tries
                      if (not domains.ladders or domains.row_admissible({**facts, **fixed})) and differs(facts)), None)
        if found is None:
            return None
        return {**(shrink(self.ctx.domains, found, differs) or found), **fixed}

    def _tries(self, node: m.Node, fixed: dict[str, Any]) -> tuple[Iterable[dict[str, Any]], bool]:
        """The facts to score the item with (fixed ones as given), and whether they are every combination
        of representative values. Every combination comes in order of how many facts it sets away from
        their neutral values, so that the first difference found names as few facts as can show one;
        each fact's values go from its far end, where a rule's effect is largest."""
        domains = self.ctx.domains
        below = subtree_facts(node)
        order = domains.fact_order
        names = sorted((name for name in below if name in order and name not in fixed), key=order.__getitem__)
        away = {name: [v for v in reversed(domains.reps[name]) if v != domains.neutral(name)] for name in names}
        if _work(domains, names) <= WORK_LIMIT:
            return ({**dict(zip(chosen, combo)), **fixed}
                    for k in range(len(names) + 1) for chosen in itertools.combinations(names, k)
                    for combo in itertools.product(*(away[n] for n in chosen))), True
        tries: list[dict[str, Any]] = [{}]
        reach = self.ctx.analysis.node(node)
        if reach is not None:
            tries += [end.assignment() for end in (reach.low, reach.high, reach.raw_low, reach.raw_high)
                      if end is not None]
        tries += [{name: value} for name in names for value in away[name] if not domains.is_big(name, value)]
        return ({**facts, **fixed} for facts in tries), False

    def _categories(self, node: m.Node) -> Iterator[str | None]:
        """The unit categories the item is scored for, one of each group its 适用 treats alike."""
        rubric, applies = self.ctx.rubric, self.ctx.applies
        if not rubric.categories:
            yield None
            return
        seen = set()
        below = [n for n in node.walk() if applies[n.id] is not None]
        for category in rubric.categories:
            if applies[node.id] is not None and category not in applies[node.id]:
                continue
            alike = tuple(category in applies[n.id] for n in below) + tuple(
                category in options for options in m.category_tests(rubric))  # 「单位类别」为「…」
            if alike not in seen:
                seen.add(alike)
                yield category

    # ------------------------------------------------------------ the whole rubric (不适用项)
    def _total(self, decision: m.Decision, value: str, other: m.Rubric) -> Comparison:
        rubric, applies = self.ctx.rubric, self.ctx.applies
        left_out = [c for c in rubric.categories
                    if any(applies[n.id] is not None and c not in applies[n.id] for n in rubric.nodes())]
        if not left_out:
            return Comparison(value, None, True)  # every item is scored for every unit: nothing to count
        total = self.ctx.analysis.total()
        tries = [{}] + [end.assignment() for end in (total.low, total.high, total.raw_low, total.raw_high)
                        if end is not None]

        def both(facts: dict[str, Any], category: str | None) -> tuple[Decimal, Decimal]:
            row = self.row(facts)
            return (scores_only(rubric, row, "(示例)", category).total,
                    scores_only(other, row, "(示例)", category).total)

        for category in left_out:
            shown = self._clearest(tries, lambda facts: both(facts, category))
            if shown is not None:
                before, after = both(shown, category)
                outcome = built("「{total}」按「{taken}」为{before}分,按「{other}」为{after}分", total=rubric.total_name,
                                taken=decision.value, before=fmt(before), other=value, after=fmt(after))
                witness = self.ctx.witness(shown, category, outcome)
                return Comparison(value, attrs.evolve(witness, show_category=True), True)
        return Comparison(value, None, False)


    def _veto(self, decision: m.Decision, value: str, other: m.Rubric) -> Comparison:
        """实行一票否决 read 按0分确定 or 定为不合格: the total and the grade for facts under which the veto holds
        (each combination of its facts' representative values), the rest at the ends of the total's range."""
        rubric = self.ctx.rubric
        tier = next((t for t in rubric.final.tiers if t.span == decision.span), None) if rubric.final else None
        if tier is None and rubric.grades is not None:
            tier = next((t for t in rubric.grades.tiers if t.span == decision.span), None)
        if tier is None or tier.test is None:
            return Comparison(value, None, False)
        names = list(dict.fromkeys(n for leaf in test_leaves(tier.test) for n in operand_facts(leaf.operand)
                                   if n in self.ctx.domains.reps))
        total = self.ctx.analysis.total()
        ends = [{}] + [end.assignment() for end in (total.high, total.low) if end is not None]
        combos = itertools.islice(itertools.product(*(self.ctx.domains.reps[n] for n in names)), 64)
        tries = [{**end, **dict(zip(names, combo))} for combo in combos for end in ends]

        def both(facts: dict[str, Any], category: str | None):
            row = self.row(facts)
            mine, theirs = scores_only(rubric, row, "(示例)", category), scores_only(other, row, "(示例)", category)
            return (mine.total, mine.grade), (theirs.total, theirs.grade)

        def words(result) -> str:
            return f"{fmt(result[0])}分" + (f"、等次{result[1] or '无'}" if rubric.grades is not None else "")

        for category in rubric.categories or (None,):
            shown = self._clearest(tries, lambda facts: both(facts, category))
            if shown is not None:
                before, after = both(shown, category)
                outcome = f"按「{decision.value}」为{words(before)},按「{value}」为{words(after)}"
                return Comparison(value, self.ctx.witness(shown, category, outcome), True)
        return Comparison(value, None, False)


def _work(domains, names: list[str]) -> int:
    """What scoring every combination of the facts' representative values costs, roughly."""
    size, per_try = 1, 1
    for name in names:
        reps = domains.reps[name]
        size *= len(reps)
        per_try += max(1, sum(len(v) if isinstance(v, tuple) else 1 for v in reps) // len(reps))
    return size * per_try


def _replace(value: Any, old: Any, new: Any) -> Any:
    """value with the object old (by identity) replaced by new wherever it sits in value's attrs fields and tuples."""
    if value is old:
        return new
    if isinstance(value, tuple):
        parts = tuple(_replace(part, old, new) for part in value)
        return parts if any(a is not b for a, b in zip(parts, value)) else value
    if attrs.has(type(value)):
        changed = {}
        for field in attrs.fields(type(value)):
            part = getattr(value, field.name)
            replaced = _replace(part, old, new)
            if replaced is not part:
                changed[field.alias or field.name] = replaced
        return attrs.evolve(value, **changed) if changed else value
    return value
