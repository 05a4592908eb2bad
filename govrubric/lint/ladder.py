"""Which tier of a long ladder fires for a value, found by bisection instead of trying the tiers in turn.

A ladder is a clause whose tiers each compare one and the same operand (「「率」达到99.9%得…,达到99.8%
得…」), the last one perhaps 「否则」. The tiers' ends cut the number line into points and the open
stretches between them; on each piece every tier holds everywhere or nowhere, so one tier is the
first to hold on the whole piece. Painting the pieces tier by tier in writing order, each piece
once (a union-find skips the painted ones), finds all of them in n log n; a value then needs a
bisection. Lint asks this for every representative value (two or more per tier), which tier by tier
took time quadratic in the number of tiers. The evaluator still scores the tier found (narrow), so
lint and scoring agree; tests/test_lint_ladder.py checks the index against the tiers tried in turn.
"""
from __future__ import annotations

import bisect
from decimal import Decimal
import attrs

from .. import model as m

LONG = 8  # shorter ladders are tried tier by tier: the index would cost more than it saves


class Ladder:
    def __init__(self, rule: m.Tiered, operand: m.Operand) -> None:
        self.rule = rule
        self.operand = operand
        ranges = [t.test.interval for t in rule.tiers if t.test is not None]
        self.cuts = sorted({end for r in ranges for end in (r.low, r.high) if end is not None})
        pieces = 2 * len(self.cuts) + 1  # even: the stretch before cut k; odd: the cut itself
        self.owner: list[int | None] = [None] * pieces
        self.unfilled: int | None = None  # the tier for an operand that is not filled in (否则, if any)
        skip = list(range(pieces + 1))  # skip[i]: the first piece at or after i not yet painted

        def free(i: int) -> int:
            root = i
            while skip[root] != root:
                root = skip[root]
            while skip[i] != root:
                skip[i], i = root, skip[i]
            return root

        for index, tier in enumerate(rule.tiers):
            if tier.test is None:
                first, last = 0, pieces - 1
                if self.unfilled is None:
                    self.unfilled = index
            else:
                first, last = self._pieces(tier.test.interval)
            piece = free(first)
            while piece <= last:
                self.owner[piece] = index
                skip[piece] = piece + 1
                piece = free(piece + 1)

    def _pieces(self, interval: m.Interval) -> tuple[int, int]:
        """The first and last piece inside the interval (first > last when it holds no value)."""
        if interval.low is None:
            first = 0
        else:
            k = bisect.bisect_left(self.cuts, interval.low)
            first = 2 * k + 1 if interval.low_closed else 2 * k + 2
        if interval.high is None:
            last = 2 * len(self.cuts)
        else:
            k = bisect.bisect_left(self.cuts, interval.high)
            last = 2 * k + 1 if interval.high_closed else 2 * k
        return first, last

    def first(self, value: Decimal | None) -> int | None:
        """The index of the tier that fires for the operand's value (None: no tier does)."""
        if value is None:
            return self.unfilled
        k = bisect.bisect_left(self.cuts, value)
        on_cut = k < len(self.cuts) and self.cuts[k] == value
        return self.owner[2 * k + 1 if on_cut else 2 * k]

    def narrow(self, evaluator) -> m.Tiered:
        """The clause with only the tier that fires for the evaluator's values (or, when none does, only its
        first tier, which does not hold either): the evaluator scores it exactly as the whole clause."""
        index = self.first(evaluator.operand_value(self.operand))
        return attrs.evolve(self.rule, tiers=(self.rule.tiers[0 if index is None else index],))


def ladder_of(rule: m.Rule, shortest: int | None = None) -> Ladder | None:
    """The index for a clause whose tiers all compare one operand (or are 否则), when it has enough tiers."""
    if not isinstance(rule, m.Tiered) or len(rule.tiers) < (LONG if shortest is None else shortest):
        return None
    operands = {t.test.operand for t in rule.tiers if isinstance(t.test, m.InRange)}
    if len(operands) != 1 or any(t.test is not None and not isinstance(t.test, m.InRange) for t in rule.tiers):
        return None
    return Ladder(rule, operands.pop())


class Narrowing:
    """Clauses with their long ladders narrowed to the tier that fires, for one set of values at a time."""

    def __init__(self, rules: tuple[m.Rule, ...]) -> None:
        self.rules = rules
        self.ladders = [ladder_of(rule) for rule in rules]
        self.any = any(ladder is not None for ladder in self.ladders)

    def for_values(self, evaluator) -> tuple[m.Rule, ...]:
        """evaluator.values must already hold the values."""
        if not self.any:
            return self.rules
        return tuple(rule if ladder is None else ladder.narrow(evaluator)
                     for rule, ladder in zip(self.rules, self.ladders))
