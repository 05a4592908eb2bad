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
"""
from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any, Iterator

import attrs

from .. import model as m
from ..check import check as check_rubric
from ..diagnostics import Diagnostics
from ..evaluate import _Evaluator, score_unit  # scored as 「score」 scores them
from ..numerals import format_decimal as fmt
from ..readings import Override
from .context import Context
from .walk import subtree_facts
from .witness import Witness, full_row, shrink

COMBINATION_LIMIT = 4096  # an item's facts tried in every combination up to this many


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
        self.by_path = {node.path: node for node in ctx.rubric.nodes()}

    def compare(self, decision: m.Decision, value: str) -> Comparison:
        key = (decision.path, decision.key, value)
        if key not in self.found:
            self.found[key] = self._compare(decision, value)
        return self.found[key]

    def _compare(self, decision: m.Decision, value: str) -> Comparison:
        other = self.model(decision.key, value)
        if other is None:
            return Comparison(value, None, False)
        if decision.path is None:
            return self._total(decision, value, other)
        node = self.by_path.get(decision.path)
        if node is None:
            return Comparison(value, None, False)
        return self._node(node, decision, value, other)

    def model(self, key: str, value: str) -> m.Rubric | None:
        """The rubric read with key=value everywhere the rubric does not state its own reading."""
        if (key, value) not in self.models:
            diags = Diagnostics(self.ctx.source)
            self.models[key, value] = check_rubric(self.ctx.tree, self.ctx.source, diags, (Override(key, value),))
        return self.models[key, value]

    # ------------------------------------------------------------ one item
    def _node(self, node: m.Node, decision: m.Decision, value: str, other_model: m.Rubric) -> Comparison:
        other = next((n for n in other_model.nodes() if n.id == node.id), None)
        if other is None or other.path != node.path:
            return Comparison(value, None, False)
        other = attrs.evolve(other, children=node.children)  # only this item's own reading differs
        rubric, domains = self.ctx.rubric, self.ctx.domains

        def both(facts: dict[str, Any], category: str | None) -> tuple[Decimal, Decimal]:
            row = full_row(domains, facts, category)
            return (_Evaluator(rubric, row, category, None).node(node).score,
                    _Evaluator(other_model, row, category, None).node(other).score)

        tries, searched_all = self._tries(node)
        for category in self._categories(node):
            shown = self._clearest(tries, lambda facts: both(facts, category))
            if shown is not None:
                before, after = both(shown, category)
                outcome = f"本项按「{decision.value}」得{fmt(before)}分,按「{value}」得{fmt(after)}分"
                return Comparison(value, self.ctx.witness(shown, category, outcome, node), True)
        return Comparison(value, None, searched_all)

    def _clearest(self, tries: list[dict[str, Any]], both) -> dict[str, Any] | None:
        """Facts that score differently: of the tries that do, the one with the fewest facts away from
        their neutral values and then the largest difference, made small (witness.shrink)."""
        domains = self.ctx.domains

        def differs(facts: dict[str, Any]) -> bool:
            before, after = both(facts)
            return before != after

        best = None
        for facts in tries:
            before, after = both(facts)
            if before != after:
                rank = (sum(1 for k, v in facts.items() if v != domains.neutral(k)), -abs(before - after))
                if best is None or rank < best[0]:
                    best = (rank, facts)
        if best is None:
            return None
        return shrink(domains, best[1], differs) or best[1]

    def _tries(self, node: m.Node) -> tuple[list[dict[str, Any]], bool]:
        """The facts to score the item with, and whether they are every combination of representative values."""
        domains = self.ctx.domains
        below = subtree_facts(node)
        names = [name for name in self.ctx.rubric.facts if name in below]
        size = 1
        for name in names:
            size *= len(domains.reps[name])
        if size <= COMBINATION_LIMIT:
            return [dict(zip(names, combo)) for combo in itertools.product(*(domains.reps[n] for n in names))], True
        tries: list[dict[str, Any]] = [{}]
        tries += [{name: value} for name in names for value in domains.reps[name]]
        reach = self.ctx.analysis.node(node)
        if reach is not None:
            tries += [end.assignment() for end in (reach.low, reach.high, reach.raw_low, reach.raw_high)
                      if end is not None]
        return tries, False

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
            alike = tuple(category in applies[n.id] for n in below)
            if alike not in seen:
                seen.add(alike)
                yield category

    # ------------------------------------------------------------ the whole rubric (不适用项)
    def _total(self, decision: m.Decision, value: str, other: m.Rubric) -> Comparison:
        rubric, domains, applies = self.ctx.rubric, self.ctx.domains, self.ctx.applies
        left_out = [c for c in rubric.categories
                    if any(applies[n.id] is not None and c not in applies[n.id] for n in rubric.nodes())]
        if not left_out:
            return Comparison(value, None, True)  # every item is scored for every unit: nothing to count
        total = self.ctx.analysis.total()
        tries = [{}] + [end.assignment() for end in (total.low, total.high, total.raw_low, total.raw_high)
                        if end is not None]

        def both(facts: dict[str, Any], category: str | None) -> tuple[Decimal, Decimal]:
            row = full_row(domains, facts, category)
            return (score_unit(rubric, row, "(示例)", category).total,
                    score_unit(other, row, "(示例)", category).total)

        for category in left_out:
            shown = self._clearest(tries, lambda facts: both(facts, category))
            if shown is not None:
                before, after = both(shown, category)
                outcome = f"「{rubric.total_name}」按「{decision.value}」为{fmt(before)}分,按「{value}」为{fmt(after)}分"
                witness = self.ctx.witness(shown, category, outcome)
                return Comparison(value, attrs.evolve(witness, show_category=True), True)
        return Comparison(value, None, False)
