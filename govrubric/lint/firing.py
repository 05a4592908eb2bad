"""Which tier of a clause fires for given facts, asked of the evaluator's own tests, over representative values."""
from __future__ import annotations

import itertools
from typing import Any, Iterator

from .. import model as m
from ..evaluate import _Evaluator  # the evaluator's tests, so lint and scoring never disagree
from .domains import Domains
from .ladder import Ladder, ladder_of
from .reach import COMBINATION_LIMIT
from .walk import operand_facts, rule_facts


class Tester:
    def __init__(self, rubric: m.Rubric, domains: Domains) -> None:
        self.domains = domains
        self.rubric = rubric
        self.evaluator = _Evaluator(rubric, {}, None, None, explain=False)
        self.ladders: dict[int, Ladder | None] = {}  # by id(rule): long ladders answer by bisection

    def holds(self, test: m.Test | None, values: dict[str, Any]) -> bool:
        if test is None:
            return True
        self.use(values)
        return self.evaluator.test(test)[0]

    def use(self, values: dict[str, Any]) -> None:
        """The evaluator reads these values, and the unit's category from them when a clause tests it
        (assignments put it under 「单位类别」; Context.witness takes it from there)."""
        self.evaluator.values = values
        self.evaluator.category = values.get(m.CATEGORY) if m.CATEGORY not in self.rubric.facts else None

    def first(self, rule: m.Tiered, values: dict[str, Any]) -> int | None:
        """The index of the tier that fires (the first whose test holds), None when none does."""
        if id(rule) not in self.ladders:
            self.ladders[id(rule)] = ladder_of(rule)
        ladder = self.ladders[id(rule)]
        if ladder is not None:
            self.use(values)
            return ladder.first(self.evaluator.operand_value(ladder.operand))
        for index, tier in enumerate(rule.tiers):
            if self.holds(tier.test, values):
                return index
        return None

    def assignments(self, rule: m.Rule, fixed: dict[str, Any] | None = None,
                    filled: bool = False) -> Iterator[dict[str, Any]]:
        """Every combination of the rule's facts' representative values (None left out when filled)."""
        fixed = fixed or {}
        names = [n for n in rule_facts(rule) if n not in fixed]
        reps = [[v for v in self.domains.reps[n] if not (filled and v is None)] for n in names]
        size = 1
        for values in reps:
            size *= max(len(values), 1)
        categories = [None]
        if m.reads_category(rule) and m.CATEGORY not in fixed and m.CATEGORY not in self.rubric.facts:
            categories = list(self.rubric.categories)  # 「单位类别」为「…」: every category is tried
        if size * len(categories) > COMBINATION_LIMIT:
            return
        ladders = self.domains.ladders_among([rule])
        for combo in itertools.product(*reps):
            for category in categories:
                values = {**fixed, **dict(zip(names, combo))}
                if category is not None:
                    values[m.CATEGORY] = category
                if not ladders or self.domains.admissible(ladders, values, category):
                    yield values

    def operand_values(self, operand: m.Operand, value) -> dict[str, Any]:
        """Facts that give the operand this value (a ratio as numerator over the domains' denominator)."""
        if isinstance(operand, m.Ratio):
            scale = self.domains.scale
            return {operand.numerator.name: value * scale, operand.denominator.name: scale}
        if isinstance(operand, m.Arith):
            return arith_values(operand, value)
        return {operand_facts(operand)[0]: value}


def arith_values(operand: m.Arith, value) -> dict[str, Any]:
    """Facts that give arithmetic this value: every fact but the first set alike (to 10, 100 or 1), the first
    solved for (domains._solve); the first choice that leaves it not negative."""
    from decimal import Decimal

    from .domains import _solve

    first, *others = operand_facts(operand)
    found: dict[str, Any] = {}
    for other in (Decimal(10), Decimal(100), Decimal(1)):
        fixed = {name: other for name in others}
        solved = _solve(_substitute(operand, fixed), value)
        if solved is not None:
            found = {first: solved, **fixed}
            if solved >= 0:
                break
    return found


def _substitute(operand, values: dict):
    """The operand with the given facts replaced by their numbers."""
    if isinstance(operand, m.FactRef) and operand.name in values:
        return m.Const(values[operand.name])
    if isinstance(operand, m.Arith):
        import attrs

        return attrs.evolve(operand, left=_substitute(operand.left, values), right=_substitute(operand.right, values))
    return operand
