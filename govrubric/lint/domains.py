"""Representative values of every fact: few enough to try them all, enough to show every behaviour.

A rule's score changes only where one of its comparisons changes truth, where a 「每…」 count
crosses a step, or where a cap starts to bind; between such points it is constant or moves
one way. So each fact gets: the ends of its domain, every boundary the rubric compares it
with and the values just around them (for whole numbers) or between them (for reals), the
grid of 「每低1个百分点」 steps, the counts at which capped 「每…」 rules saturate, and one
"big" value past every cap and every other score for uncapped ones. Trying all of them is
exact for the rule forms in model.py (see reach.py for the one exception, proportional steps).

Big values have a "bigger" twin: if a score moves when the big value is doubled, that score
has no bound in that direction.
"""
from __future__ import annotations

import attrs

from collections import defaultdict
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from .. import model as m
from ..facts import (FactChecker, discretion_ladders, discretionary_ranges, ladder_facts, several_amount_facts,
                     step_amount_rules)
from .intervals import domain_for
from .walk import amounts_magnitude, fact_tiers_before_items, outcomes_of, test_leaves, tests_of

ZERO = Decimal(0)
ONE = Decimal(1)
_ABSENT = object()  # a fact not in the values at all (not the same as one given as empty)
INTEGER_KINDS = frozenset({"count", "days", "months", "rank"})
GRID_LIMIT = 400  # 「每低0.1个百分点」 still gets its full grid; finer steps keep only the points near the threshold


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(ROUND_CEILING)


def _floor(x: Decimal) -> Decimal:
    return x.to_integral_value(ROUND_FLOOR)


# The values facts compared with one another all take (「实际」低于「目标」): equal, apart, and far apart.
SHARED_GRID = frozenset(Decimal(x) for x in ("0", "1", "2", "3", "5", "10", "20", "30", "50", "100"))


def _solve(operand, target: Decimal) -> Decimal | None:
    """The value of the one fact in a linear expression (only numbers besides) that gives target; None otherwise."""
    if isinstance(operand, m.FactRef):
        return target
    if not isinstance(operand, m.Arith):
        return None
    left_const = _constant(operand.left)
    right_const = _constant(operand.right)
    if left_const == right_const:
        return None
    const = _value_of(operand.left if left_const else operand.right)
    if not isinstance(const, Decimal):
        return None
    inner = operand.right if left_const else operand.left
    op = operand.op
    try:
        if op == "+":
            return _solve(inner, target - const)
        if op == "-":
            return _solve(inner, const - target if left_const else target + const)
        if op == "*":
            return _solve(inner, target / const) if const else None
        if op == "/" and not left_const:
            return _solve(inner, target * const)
    except ArithmeticError:
        return None
    return None


def _solved_alone(operand, target: Decimal) -> list[tuple[str, Decimal]]:
    """Each fact of the operand alone at the value that puts it at target, the others at 0 (a divisor at 1)."""
    facts = m.operand_facts(operand)
    found = []
    for name in facts:
        others = {other: (ONE if other in m.divisors(operand) else ZERO) for other in facts if other != name}
        solved = _solve(_replaced(operand, others), target)
        if solved is not None and solved >= 0:
            found.append((name, solved))
    return found


def _replaced(operand, values: dict[str, Decimal]):
    """The operand with the named facts replaced by numbers."""
    if isinstance(operand, m.FactRef) and operand.name in values:
        return m.Const(values[operand.name])
    if isinstance(operand, m.Arith):
        return attrs.evolve(operand, left=_replaced(operand.left, values), right=_replaced(operand.right, values))
    return operand


def _constant(operand) -> bool:
    """Arithmetic of numbers only (after facts were replaced by numbers)."""
    if isinstance(operand, m.Const):
        return True
    return isinstance(operand, m.Arith) and _constant(operand.left) and _constant(operand.right)


def _value_of(operand):
    from ..numerals import exact_arith

    if isinstance(operand, m.Const):
        return operand.value
    return exact_arith(operand.op, _value_of(operand.left), _value_of(operand.right))


def _decimals(value) -> tuple:
    """A threshold as Decimals: itself, or for one that is no finite decimal (1/3000, kept as a Fraction)
    the nearest decimals either side of it, 12 places apart: the values lint tries are Decimals."""
    if value is None or isinstance(value, Decimal):
        return (value,)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    places = Decimal("1e-12")
    return exact.quantize(places, ROUND_FLOOR), exact.quantize(places, ROUND_CEILING)


class Domains:
    def __init__(self, rubric: m.Rubric) -> None:
        self.rubric = rubric
        self.magnitude = amounts_magnitude(rubric)
        self.points: dict[str, set[Decimal]] = defaultdict(set)
        self.big: dict[str, Decimal] = {}
        self.list_lengths: dict[str, set[int]] = defaultdict(set)
        self.amounts: dict[str, set[Decimal]] = defaultdict(set)  # 视情 amounts that matter
        self.list_best: dict[str, dict[str, int]] = defaultdict(dict)  # key → length of its long list
        self.ratio_points: dict[tuple[str, str], set[Decimal]] = defaultdict(set)
        self.denominators: set[str] = set()
        # facts a score formula multiplies or adds (not divides by): a score that grows with them has no bound
        # where the fact has none (「得分=「甲数」减去「乙数」」 on counts)
        self.formula_terms: set[str] = set()
        self.discretion = discretionary_ranges(rubric)
        self.several = several_amount_facts(rubric)
        self._all_ladders = [rule for _, rule in discretion_ladders(rubric)]  # a 视情 range per tier
        self.ladders = {id(rule) for rule in self._all_ladders}
        self._checker: FactChecker | None = None
        self._admissible: dict[tuple, bool] = {}  # by the ladders, the values they read and the category
        self._ladder_reads: dict[tuple[int, ...], list[str]] = {}
        self.by_id = {node.id: node for node in rubric.nodes()}
        self.fact_order = {name: i for i, name in enumerate(rubric.facts)}  # to list facts as the rubric does
        for node in rubric.nodes():
            for rule in node.rules:
                self._collect(rule)
        for tier in fact_tiers_before_items(rubric):  # 一票否决 and grades on facts test them as a clause does
            self._collect_tests([tier.test])
        self.scale = self._ratio_scale()
        # 「全年至少4次,未开或少开的,按次扣1-3分」: a unit that says nothing held the meetings (no amounts owed)
        self.neutral_counts = {rule.operand.name: rule.threshold for _, rule in step_amount_rules(rubric)
                               if rule.below and rule.operand.name in rubric.facts}
        self.neutral_amounts: dict[str, tuple[Decimal, ...]] = {}
        self._neutral_ladders(rubric)
        self.reps: dict[str, tuple[Any, ...]] = {}
        self.bigger: dict[str, dict[Any, Any]] = defaultdict(dict)
        for name, fact in rubric.facts.items():
            self.reps[name] = self._reps(fact)

    # ------------------------------------------------------------ what the rubric does with each fact
    def _steps_to_exceed(self, amount: Decimal | None) -> Decimal:
        """How many occurrences of `amount` outweigh every bounded score in the rubric."""
        if not amount:
            return Decimal(2)
        return _ceil(self.magnitude / abs(amount)) + 1

    def _need_big(self, name: str, value: Decimal) -> None:
        self.big[name] = max(self.big.get(name, ZERO), value)

    def _collect(self, rule: m.Rule) -> None:
        self._collect_tests(tests_of(rule))
        for outcome in outcomes_of(rule):
            if outcome.formula is not None:  # 该项得分=「甲」÷「乙」×10: 0, a middle value and the points, solved
                ends = (ZERO, ONE) if outcome.of_points is not None else (ZERO, ONE, self.magnitude)
                for value in ends:
                    self._bounds(outcome.formula, (value,))
                self.formula_terms.update(set(m.operand_facts(outcome.formula)) - set(m.divisors(outcome.formula)))
            if outcome.kind == "discretion" and outcome.fact and not isinstance(rule, m.PerCount):
                for value in (outcome.low, outcome.high):
                    if value:
                        self.amounts[outcome.fact].add(value)
                # several amounts only where some clause reads the fact per occurrence (facts.several_amount_facts;
                # a list anywhere else is GR425): then 「视情扣分」 here adds them all
                if outcome.fact in self.several:
                    high = outcome.high or ONE
                    length = _ceil(rule.cap / high) if rule.cap is not None else self._steps_to_exceed(high)
                    self.list_lengths[outcome.fact].add(int(length))
        if isinstance(rule, m.PerCount):
            self._per_count(rule)
        elif isinstance(rule, m.PerStep):
            self._per_step(rule)
        elif isinstance(rule, m.Escalation):
            last = max(s.first for s in rule.steps)
            for k in range(0, last + 2):
                self.points[rule.counter.name].add(Decimal(k))
            amounts = [s.outcome.amount for s in rule.steps if s.open_ended and s.outcome.amount]
            if rule.then is not None:  # 以此类推 / 加倍扣分: each later occurrence at least the last amount
                amounts = [rule.steps[-1].outcome.amount] if rule.steps[-1].outcome.amount else []
            if amounts and rule.cap is None:
                self._need_big(rule.counter.name, last + self._steps_to_exceed(min(amounts)))
            elif amounts:
                self.points[rule.counter.name].add(last + _ceil(rule.cap / min(amounts)))
                self.points[rule.counter.name].add(last + _floor(rule.cap / min(amounts)) + 1)
        elif isinstance(rule, m.Respective):
            self._respective(rule)

    def _collect_tests(self, tests) -> None:
        for test in tests:
            for leaf in test_leaves(test):
                if isinstance(leaf, m.InRange):
                    self._bounds(leaf.operand, (leaf.interval.low, leaf.interval.high))
                elif isinstance(leaf, m.Truthy) and isinstance(leaf.operand, (m.Ratio, m.Arith)):
                    self._bounds(leaf.operand, (ZERO,))

    def _bounds(self, operand: m.Operand, values) -> None:
        for value in (v for value in values for v in _decimals(value)):
            if value is None:
                continue
            if isinstance(operand, m.Arith):
                self._arith_bounds(operand, value)
            elif isinstance(operand, m.Ratio):
                self.ratio_points[(operand.numerator.name, operand.denominator.name)].add(value)
                self.denominators.add(operand.denominator.name)
            else:
                self.points[operand.name].add(value)

    def _arith_bounds(self, operand: m.Arith, value: Decimal) -> None:
        """Values of the facts in arithmetic that put it at or near a boundary. With one fact and only numbers
        besides (「转载数量」÷12×10, 「总量」的30%), the fact's value at the boundary, solved; with several (「实际」低于
        「目标」, 「甲」+「乙」), a grid both share, so that every way the two sides compare is tried."""
        facts = m.operand_facts(operand)
        if len(facts) == 1:
            solved = _solve(operand, value)
            if solved is not None:
                self.points[facts[0]].add(solved)
                return
        for name in facts:
            self.points[name].update(SHARED_GRID)
        for name in m.divisors(operand):
            self.denominators.add(name)

    def _per_count(self, rule: m.PerCount) -> None:
        name = rule.counter.name
        outcome = rule.outcome
        if outcome.kind == "discretion":
            high = outcome.high or ONE
            low = outcome.low or high
            self.amounts[name].update(v for v in (low, high) if v)
            length = _ceil(rule.cap / high) if rule.cap is not None else self._steps_to_exceed(high)
            self.list_lengths[name].add(int(length))
            return
        self.points[name].update({ZERO, rule.per})
        if outcome.amount is None:
            return
        if rule.cap is not None:
            # where the cap starts to bind, and the first count past it (「每2次扣0.5分,扣完1分为止」: 4 and 6)
            self.points[name].add(rule.per * _ceil(rule.cap / outcome.amount))
            self.points[name].add(rule.per * (_floor(rule.cap / outcome.amount) + 1))
        else:
            self._need_big(name, rule.per * self._steps_to_exceed(outcome.amount))

    def _per_step(self, rule: m.PerStep) -> None:
        rule = rule.in_operand_units()  # the witnesses are the operand's values (a share: 0.01 a point)
        threshold, step = rule.threshold, rule.step
        values = {threshold, threshold - step / 2, threshold + step / 2}
        if rule.until is not None:  # 分段累进: where the stretch ends, and either side of it
            values.update({rule.until, rule.until - step / 2, rule.until + step / 2})
        kind = "ratio" if isinstance(rule.operand, m.Ratio) else rule.operand.kind
        if kind == "percent" and 100 / step <= GRID_LIMIT:
            k = ZERO
            while threshold - k * step >= 0 or threshold + k * step <= 100:
                values.update({threshold - k * step, threshold + k * step,
                               threshold - k * step - step / 2, threshold + k * step + step / 2})
                k += 1
        elif not rule.below or isinstance(rule.operand, m.Arith):  # 「实际」低于「目标」: a difference has no floor
            steps = rule.cap / rule.outcome.amount if rule.cap is not None and rule.outcome.amount else None
            far = threshold + (-step if rule.below else step) * (
                _ceil(steps) + 1 if steps is not None else self._steps_to_exceed(rule.outcome.amount))
            if isinstance(rule.operand, m.Arith):
                # 「季度报送篇数」低于「季度报送任务篇数」的,每少1篇,扣1分 (field trial 3, 钟楼): each fact alone past the
                # shared grid, so that the cap is reached — or, with no cap, a task far above it deducts without bound
                for name, solved in _solved_alone(rule.operand, far):
                    if steps is None:
                        self._need_big(name, solved)
                    else:
                        self.points[name].add(solved)
            if isinstance(rule.operand, (m.Ratio, m.Arith)):
                values.add(far)
            elif steps is not None:
                values.add(far)
            else:
                self._need_big(rule.operand.name, far)
        self._bounds(rule.operand, values)

    def _respective(self, rule: m.Respective) -> None:
        name = rule.operand.name
        if rule.operand.kind == "category":  # the categories are tried by Tester.assignments and reach's passes
            return
        if rule.mode == "rank":
            self.points[name].update(Decimal(k) for k in range(1, len(rule.keys) + 2))
            return
        if self.rubric.facts[name].kind != "list":
            return
        signed = [(o.signed, key) for o, key in zip(rule.outcomes, rule.keys)]
        for amount, key in (max(signed), min(signed)):
            # long enough that this key's amount, repeated, passes the cap (or every bounded score)
            length = _ceil(rule.cap / abs(amount)) if rule.cap is not None and amount else \
                self._steps_to_exceed(amount)
            self.list_best[name][key] = max(self.list_best[name].get(key, 0), int(length))

    def _ratio_scale(self) -> Decimal:
        """A denominator that turns every interesting quotient into a whole numerator."""
        exponent = 0
        for values in self.ratio_points.values():
            for value in self._real_reps(values, ZERO, None):
                exponent = max(exponent, -value.normalize().as_tuple().exponent)
        return Decimal(10) ** exponent

    # ------------------------------------------------------------ the representative values
    @staticmethod
    def _real_reps(points, low: Decimal, high: Decimal | None) -> list[Decimal]:
        inside = {p for p in points if p >= low and (high is None or p <= high)}
        inside.add(low)
        inside.add(high if high is not None else (max(inside) + 1))
        ordered = sorted(inside)
        middles = [(a + b) / 2 for a, b in zip(ordered, ordered[1:])]
        return sorted(set(ordered) | set(middles))

    @staticmethod
    def _integer_reps(points, low: Decimal) -> list[Decimal]:
        found = {low, low + 1}
        for p in points:
            for q in (p.to_integral_value(ROUND_FLOOR) - 1, p.to_integral_value(ROUND_FLOOR),
                      _ceil(p), _ceil(p) + 1):
                if q >= low:
                    found.add(q)
        return sorted(found)

    def _reps(self, fact: m.Fact) -> tuple[Any, ...]:
        if fact.per is not None:
            return self._per_value_reps(fact)
        name, kind = fact.name, fact.kind
        values: list[Any]
        if kind == "bool":
            values = [False, True]
        elif kind == "choice":
            values = list(fact.options)
        elif kind == "list":
            values = [()] + [((o,),) for o in fact.options]
            for key, length in sorted(self.list_best[name].items()):
                long = ((key,),) * length
                # with one more matter of each option, so that a test naming that option can hold as well
                for extra in ((),) + tuple(((o,),) for o in fact.options if o != key):
                    values.append(long + extra)
                    self.bigger[name][long + extra] = long * 2 + extra
        elif kind == "discretionary":
            low, high = self.discretion.get(name, (None, None))
            amounts = sorted(self.amounts[name] | {a for a in (low, high) if a})
            values = [()] + [(a,) for a in amounts]
            for length in sorted(self.list_lengths[name]):
                if amounts:
                    long = (amounts[-1],) * length
                    values.append(long)
                    self.bigger[name][long] = long * 2
        else:
            domain = domain_for(kind, fact)
            points = set(self.points[name])
            for (num, den), quotients in self.ratio_points.items():
                for q in self._real_reps(quotients, ZERO, None):
                    if name == num:
                        points.add(q * self.scale)
            if name in self.denominators:
                points.add(self.scale)
            if kind in INTEGER_KINDS:
                values = [v for v in self._integer_reps(points, domain.low)
                          if name not in self.denominators or v > 0]
            else:
                low, high = domain.low, domain.high
                if kind == "score":
                    low, high = self._score_range(fact)
                    if low is None:  # far below every score, with a twin further down: no lower bound
                        low = min([-self.magnitude, *(p - 1 for p in points)])
                        self.bigger[name][low] = low * 2
                    if high is None:  # far above every score, with a twin further up (below): no upper bound
                        self._need_big(name, self.magnitude)
                values = self._real_reps(points, low, high)
                values = [v for v in values if name not in self.denominators or v > 0]
            if name in self.formula_terms and domain.high is None and kind != "score":
                self._need_big(name, self.magnitude)
            if name in self.big:
                big = max(self.big[name], max(values) + 1)
                values.append(big)
                self.bigger[name][big] = big * 2
        if fact.optional:
            values.append(None)
        return tuple(dict.fromkeys(values))

    def _per_value_reps(self, fact: m.Fact) -> tuple[Any, ...]:
        """A fact given per value (逐起, 按季度): its values all alike, each of the values one value takes (the
        thresholds its clauses compare each value with). Per period, every period that value; per event, none,
        one, and a long run of them (with a twice as long twin: a score that moves with it has no bound) —
        long enough to pass every other score of the rubric."""
        one = [v for v in self._reps(fact.element()) if v is not None]
        if fact.periods is not None:
            values: list[Any] = [(v,) * fact.periods for v in one]
        else:
            amounts = [abs(o.amount) for node in self.rubric.nodes() for rule in node.rules
                       if getattr(rule, "each", None) is not None and rule.each.fact == fact.name
                       for o in outcomes_of(rule) if o.amount]
            length = min(int(self._steps_to_exceed(min(amounts) if amounts else None)), 200)
            values = [()] + [(v,) for v in one]
            for v in one:
                long = (v,) * max(length, 2)
                values.append(long)
                self.bigger[fact.name][long] = long * 2
        if fact.optional:
            values.append(None)
        return tuple(dict.fromkeys(values))

    def _score_range(self, fact: m.Fact) -> tuple[Decimal | None, Decimal | None]:
        """A score fact's range, None where it has no bound.

        As facts.py accepts a given one: from its low (0 unless written) to its high; check/declarations.py sets the
        high from the points of the item it scores, and with none there is no high. A value computed
        over the cohort ranges as what it is computed from: an item's score within the item's limits
        (unlimited where it has none), the total without limits.
        """
        cohort = fact.cohort
        if cohort is None or fact.low is not None or fact.high is not None:
            return (fact.low if fact.low is not None else ZERO), fact.high
        if cohort.source == "node" and cohort.node in self.by_id:
            node = self.by_id[cohort.node]
            return node.floor, node.cap
        if cohort.source == "fact" and cohort.fact in self.rubric.facts:
            source = self.rubric.facts[cohort.fact]
            return self._score_range(source) if source.kind == "score" else (ZERO, None)
        return None, None

    def _neutral_ladders(self, rubric: m.Rubric) -> None:
        """Where the other facts at their neutral values make a 视情 tier apply whose range starts above 0 (the first
        option 「重大」 of 「为「重大」的,视情扣20—30分」), nothing is no amount a unit may give: the least it allows."""
        from ..evaluate import test_holds

        for rule in self._all_ladders:
            values = {name: self.neutral(name) for name in rubric.facts}
            for tier in rule.tiers:
                if tier.test is None or test_holds(rubric, tier.test, values, None):
                    out = tier.outcome
                    if out.kind == "discretion" and out.fact and out.low:
                        self.neutral_amounts.setdefault(out.fact, (out.low,))
                    break

    def row_admissible(self, facts: dict[str, Any]) -> bool:
        """admissible() for every 视情 ladder of the rubric, the facts not given at their neutral values."""
        row = {name: self.neutral(name) for name in self.rubric.facts}
        row.update(facts)
        return self.admissible(self._all_ladders, row, None)

    def ladders_among(self, rules) -> list[m.Tiered]:
        return [rule for rule in rules if id(rule) in self.ladders]

    def admissible(self, ladders: list[m.Tiered], values: dict[str, Any], category: str | None) -> bool:
        """Whether the facts give each 视情 ladder the amount the tier that applies allows, as a unit's facts
        must (facts.FactChecker.ladder_amount): 「一般的,视情扣15—25分」 with 40 is no unit's facts."""
        if self._checker is None:
            self._checker = FactChecker(self.rubric)
        # the answer depends only on the facts the ladders read (their tests and amounts) and the category, and
        # the range analysis asks it again for every combination of the other facts: remembered per key
        ids = tuple(map(id, ladders))
        reads = self._ladder_reads.get(ids)
        if reads is None:
            reads = self._ladder_reads[ids] = sorted({name for rule in ladders for name in ladder_facts(rule)})
        key = (ids, tuple([values.get(name, _ABSENT) for name in reads]), category)
        try:
            return self._admissible[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key: answered afresh
            key = None
        refused: list = []
        for rule in ladders:
            self._checker.ladder_amount(rule, None, values, category, values, lambda *_, **__: refused.append(1))
        if key is not None:
            self._admissible[key] = not refused
        return not refused

    def neutral(self, name: str) -> Any:
        """The value a witness leaves unsaid: nothing happened, nothing filled in."""
        fact = self.rubric.facts[name]
        if fact.optional:
            return None
        if fact.kind == "bool":
            return False
        if fact.kind == "choice":
            return fact.options[0]
        if fact.kind == "discretionary":
            return self.neutral_amounts.get(name, ())
        if name in self.neutral_counts:
            return self.neutral_counts[name]
        if fact.kind == "list":
            return ()
        if fact.per is not None:  # 逐起: no events; 按季度: every quarter 0
            return (ZERO,) * fact.periods if fact.periods is not None else ()
        if name in self.denominators:
            return ONE
        if fact.kind == "rank":
            return ONE
        if fact.kind == "score":
            return fact.low if fact.low is not None else ZERO
        return ZERO

    def is_big(self, name: str, value: Any) -> bool:
        return value in self.bigger.get(name, {})
