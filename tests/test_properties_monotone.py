"""Monotonicity: one more violation never raises a score, one more bonus event never lowers it, a
better percentage never lowers a tier award — wherever the rubric's direction is clear.

How the direction is decided (from the checked model alone, never by scoring):
- Each rule gives each fact it reads a direction: UP (a higher value — a larger number, 是 rather
  than 否, one more matter in a 清单, one more amount in a 视情 list — never lowers the rule's
  effect), DOWN, FLAT (does not read it) or UNCLEAR.
  - 每N次 (PerCount): the counter moves the way of its outcome (扣 DOWN, 得/加 UP); a guard on
    another fact moves that fact the way of the outcome times the guard's polarity.
  - 每低/每下降 (PerStep): a shortfall below a threshold (不足90%, 每低1个百分点扣) makes the value
    UP for a deduction; a distance above it (第3名之后, 每下降1位扣) DOWN. Only when the guard is
    the half-line the distance is measured from.
  - 逐次加重 (Escalation): DOWN when every step deducts or vetoes, UP when every step awards.
  - 依次 on ranks: the amounts read over ranks 1, 2, … N+1 must be ordered; 分别 over a 清单: UP
    when every amount is a gain, DOWN when every one is a loss; over a 选项: UNCLEAR (no order).
  - Tiers (Tiered), whose first holding tier fires: when every test reads only this one fact, the
    tiers are read as a step function of it, evaluated at every threshold and between thresholds:
    non-decreasing is UP, non-increasing DOWN (so 「≥93%得1分,90%—92%得0.5分,低于90%不得分」 is UP
    and 「前3名得1分;否则扣1分」 is DOWN, while tiers whose awards are out of order with their
    thresholds are UNCLEAR). When tests read other facts too, each test's polarity in the fact is
    used: if every test can only become true as the fact rises, the firing tier can only move to an
    earlier one, so the rule is UP when awards never increase down the tiers (and DOWN when they
    never decrease); a test bounded on both sides has no polarity, and the rule is UNCLEAR.
  - A veto (该项不得分) counts as the worst outcome only on an item whose floor is 0 or above (an
    item allowed below 0 would be raised to 0 by its veto); 按「…」计分 moves with its score fact;
    a 视情 amount moves the way of its sign; a tier that sets the base from another fact, or gives
    a 视情 amount, makes the rule UNCLEAR for the facts that choose the tier.
- A fact's direction is that of every rule reading it, when they agree (FLAT ones aside); items
  only add, cap and floor their parts, which keeps the direction. The total keeps it when every
  formula term that reads the fact keeps it (「- 第十项扣分」 keeps it; 「- 第N项得分」 reverses it) and
  the rules on the total are a non-decreasing function of it.
- Facts that feed values computed over a cohort (ranks, averages) are UNCLEAR: one unit's change
  moves the others'.
Then, for drawn facts, raising the fact must move every item that reads it the stated way, leave
every other item unchanged, and move the total the stated way when that is clear.
"""
from __future__ import annotations

import re

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st
from strategies import compared_points, fact_value
from test_properties import SHIPPED, any_rubric, score_all

from govrubric import model as m
from govrubric.lint import walk

UP, DOWN, FLAT = 1, -1, 0
UNCLEAR = None
WORST = Decimal("-Infinity")
INTEGER_KINDS = {"count", "days", "months", "rank"}
NUMERIC_KINDS = INTEGER_KINDS | {"percent", "ratio", "score"}


def agree(directions) -> int | None:
    moving = {d for d in directions if d != FLAT}
    if UNCLEAR in moving or len(moving) > 1:
        return UNCLEAR
    return moving.pop() if moving else FLAT


def ordered(values: list[Decimal]) -> int | None:
    """UP if non-decreasing, DOWN if non-increasing, FLAT if constant, else UNCLEAR."""
    up = all(a <= b for a, b in zip(values, values[1:]))
    down = all(a >= b for a, b in zip(values, values[1:]))
    return FLAT if up and down else UP if up else DOWN if down else UNCLEAR


# ------------------------------------------------------------------ reading tests
leaves = walk.test_leaves  # the comparisons inside AllOf/AnyOf (a module attribute: pytest would collect test_*)
operand_names = walk.operand_facts  # one fact, or a ratio's two


def reads(test, fact: str) -> bool:
    return any(fact in operand_names(leaf.operand) for leaf in leaves(test))


class Directions:
    """The direction of every fact of one checked rubric, read from the model as described above."""

    def __init__(self, rubric: m.Rubric) -> None:
        self.rubric = rubric
        self.facts = rubric.facts
        self.subtree_reads = {node.id: self.facts_under(node) for node in rubric.nodes()}
        self.cohort_fed = self.feeding_cohorts()

    # -------------------------------------------------------------- what reads what
    def rule_facts(self, rule) -> set[str]:
        tests = [t.test for t in rule.tiers] if isinstance(rule, m.Tiered) else [getattr(rule, "guard", None)]
        tests += [rule.exempt.test] if rule.exempt is not None else []  # (若…的,不扣分)
        found = {name for test in tests for leaf in leaves(test) for name in operand_names(leaf.operand)}
        for attr in ("counter", "operand"):
            if getattr(rule, attr, None) is not None:
                found.update(operand_names(getattr(rule, attr)))
        found.update(o.fact for o in m.outcomes_of(rule) if o.fact)
        return found

    def facts_under(self, node: m.Node) -> set[str]:
        found = {name for rule in node.rules for name in self.rule_facts(rule)}
        for child in node.children:
            found |= self.facts_under(child)
        return found

    def feeding_cohorts(self) -> set[str]:
        fed: set[str] = set()
        for fact in self.facts.values():
            cohort = getattr(fact, "cohort", None)
            if cohort is None:
                continue
            fed.add(fact.name)
            if cohort.fact:
                fed.add(cohort.fact)
            fed.update(n for leaf in leaves(cohort.scope) for n in operand_names(leaf.operand))
            if cohort.source == "total":
                fed.update(self.facts)
            elif cohort.node is not None:
                fed.update(self.subtree_reads.get(cohort.node, set()))
        return fed

    # -------------------------------------------------------------- polarity of tests
    def domain(self, name: str) -> tuple[Decimal | None, Decimal | None]:
        fact = self.facts[name]
        if fact.kind == "percent":
            return Decimal(0), Decimal(100)
        if fact.kind == "rank":
            return Decimal(1), None
        if fact.kind == "score":
            return (fact.low if fact.low is not None else Decimal(0)), fact.high
        return Decimal(0), None

    def interval_polarity(self, interval: m.Interval, name: str | None) -> int | None:
        low_end, high_end = self.domain(name) if name else (Decimal(0), None)
        open_below = interval.low is None or interval.low < low_end or (interval.low == low_end and interval.low_closed)
        open_above = interval.high is None or (high_end is not None and (
            interval.high > high_end or (interval.high == high_end and interval.high_closed)))
        if open_below and open_above:
            return FLAT
        return UP if open_above else DOWN if open_below else UNCLEAR

    def polarity(self, test, fact: str) -> int | None:
        """UP if the test can only become true as the fact rises, DOWN if only false, FLAT if it does not read it."""
        if test is None or not reads(test, fact):
            return FLAT
        if isinstance(test, (m.AllOf, m.AnyOf)):
            return agree(self.polarity(part, fact) for part in test.parts)
        kind = self.facts[fact].kind
        if isinstance(test, m.Truthy):
            if kind == "choice":
                return FLAT
            return DOWN if test.negated else UP
        if isinstance(test, m.OneOf):
            return UP if kind == "list" else UNCLEAR
        if isinstance(test.operand, m.Arith):  # 「甲」低于「乙」, 「甲」+「乙」≥5: not worked out here
            return UNCLEAR
        if isinstance(test.operand, m.Ratio):
            ratio = self.interval_polarity(test.interval, None)
            if test.operand.numerator.name == test.operand.denominator.name:
                return UNCLEAR
            return ratio if test.operand.numerator.name == fact else (None if ratio is None else -ratio)
        return self.interval_polarity(test.interval, fact)

    # -------------------------------------------------------------- outcomes
    def value(self, outcome: m.Outcome, node: m.Node, tiered_sets: bool) -> Decimal | None:
        """An outcome's effect for ordering tiers; None when it depends on something else."""
        kind = outcome.kind
        if kind in ("award", "bonus", "deduct"):
            return outcome.signed
        if kind in ("zero", "none"):
            return Decimal(0)
        if kind == "veto":
            return WORST if node.floor is not None and node.floor >= 0 else None
        if kind == "full":
            if tiered_sets:
                return None
            return Decimal(0) if node.points is None or node.base == "full" else node.points
        return None

    def sign(self, outcome: m.Outcome, node: m.Node) -> int | None:
        value = self.value(outcome, node, False)
        if outcome.kind == "discretion":
            return UP if outcome.sign > 0 else DOWN
        if value is None:
            return UNCLEAR
        return UP if value > 0 else DOWN if value < 0 else FLAT

    # -------------------------------------------------------------- rules
    def rule(self, rule, node: m.Node, fact: str) -> int | None:
        if fact not in self.rule_facts(rule):
            return FLAT
        if rule.exempt is not None and fact in m.facts_of_test(rule.exempt.test):
            return UNCLEAR  # (若…的,不扣分): where the exemption starts the clause stops, whichever way it went
        if isinstance(rule, m.Tiered):
            return self.tiered(rule, node, fact)
        if isinstance(rule, m.PerCount):
            return self.per_count(rule, node, fact)
        if isinstance(rule, m.PerStep):
            return self.per_step(rule, fact)
        if isinstance(rule, m.Escalation):
            return self.escalation(rule, node, fact)
        if isinstance(rule, m.Respective):
            return self.respective(rule, node, fact)
        return UNCLEAR  # a rule form added later: no claim

    def tiered(self, rule: m.Tiered, node: m.Node, fact: str) -> int | None:
        tiers = rule.tiers
        if any(t.outcome.formula is not None and fact in m.operand_facts(t.outcome.formula) for t in tiers):
            return UNCLEAR  # 得分=「甲」÷「乙」×10, 按…的比例扣分: the fact gives the amount
        named = [t.outcome for t in tiers if t.outcome.fact == fact]
        if named:  # the fact gives the amount (按「…」计分, 视情): it must not also choose the tier
            if any(self.polarity(t.test, fact) not in (FLAT, UP) for t in tiers) or len(named) != len(tiers):
                return UNCLEAR
            if all(o.kind == "set" for o in named):
                return UP
            if all(o.kind == "discretion" for o in named) and len(tiers) == 1:
                return UP if named[0].sign > 0 else DOWN
            return UNCLEAR
        sets = any(t.outcome.kind == "set" for t in tiers) or any(
            o.kind == "set" for r in node.rules for o in m.outcomes_of(r))
        values = [self.value(t.outcome, node, sets) for t in tiers]
        if None in values:
            return UNCLEAR
        operands = {leaf.operand for t in tiers for leaf in leaves(t.test)}
        if len(operands) == 1 and self.facts[fact].kind in NUMERIC_KINDS | {"bool"}:
            (operand,) = operands
            if isinstance(operand, m.FactRef):
                kind, (low, high) = self.facts[fact].kind, self.domain(fact)
                return self.step_function(tiers, values, kind, low, high)
            if isinstance(operand, m.Arith):
                return UNCLEAR
            if operand.numerator.name != operand.denominator.name:  # 「承诺数量」/「企业数量」≥1得1分 …
                by_ratio = self.step_function(tiers, values, "ratio", Decimal(0), None)
                return by_ratio if operand.numerator.name == fact or by_ratio is UNCLEAR else -by_ratio
        polarities = [self.polarity(t.test, fact) for t in tiers]
        if UNCLEAR in polarities or agree(polarities) is UNCLEAR:
            return UNCLEAR
        rising = agree(polarities)
        # the firing tier moves to an earlier one as the fact moves the way of `rising`
        sequence = values + ([] if tiers[-1].test is None else [Decimal(0)])
        down_the_tiers = ordered(sequence)
        if down_the_tiers is UNCLEAR:
            return UNCLEAR
        return -down_the_tiers * rising if down_the_tiers else FLAT

    def samples(self, tiers, kind: str, low: Decimal | None, high: Decimal | None) -> list:
        if kind == "bool":
            return [False, True]
        ends = sorted({e for t in tiers for leaf in leaves(t.test) if isinstance(leaf, m.InRange)
                       for e in (leaf.interval.low, leaf.interval.high) if e is not None} | {Decimal(0)})
        if kind in INTEGER_KINDS:
            points = {e + d for e in ends for d in (-1, 0, 1)}
        else:
            # a bound written 1/3 is a Fraction, which does not add to a Decimal: the midpoints are exact Fractions
            points = set(ends) | {(Fraction(a) + Fraction(b)) / 2 for a, b in zip(ends, ends[1:])} | {ends[0] - 1,
                                                                                                     ends[-1] + 1}
        points.add(low)
        return sorted(p for p in points if p >= low and (high is None or p <= high))

    def holds(self, test, x) -> bool:
        if isinstance(test, m.AllOf):
            return all(self.holds(p, x) for p in test.parts)
        if isinstance(test, m.AnyOf):
            return any(self.holds(p, x) for p in test.parts)
        if isinstance(test, m.Truthy):
            truth = bool(x) if isinstance(x, bool) else x > 0
            return truth != test.negated
        return test.interval.contains(Decimal(int(x)) if isinstance(x, bool) else x)

    def step_function(self, tiers, values, kind: str, low, high) -> int | None:
        def at(x) -> Decimal:
            for tier, value in zip(tiers, values):
                if tier.test is None or self.holds(tier.test, x):
                    return value
            return Decimal(0)

        return ordered([at(x) for x in self.samples(tiers, kind, low, high)])

    def per_count(self, rule: m.PerCount, node: m.Node, fact: str) -> int | None:
        effect = self.sign(rule.outcome, node)
        if effect is UNCLEAR or rule.outcome.kind in ("full", "set"):
            return UNCLEAR
        guard = self.polarity(rule.guard, fact)
        if guard is UNCLEAR:
            return UNCLEAR
        if rule.counter.name == fact:
            return effect if guard in (FLAT, UP) else UNCLEAR
        if rule.outcome.fact == fact:
            return UNCLEAR
        return guard * effect

    def per_step(self, rule: m.PerStep, fact: str) -> int | None:
        if not isinstance(rule.operand, m.FactRef) or rule.outcome.kind not in ("award", "bonus", "deduct"):
            return UNCLEAR
        interval = rule.guard.interval
        if rule.below:
            fits = self.interval_polarity(interval, fact) == DOWN and interval.high == rule.threshold
        else:
            fits = self.interval_polarity(interval, fact) == UP and interval.low == rule.threshold
        if not fits:
            return UNCLEAR
        each = UP if rule.outcome.signed > 0 else DOWN if rule.outcome.signed < 0 else FLAT
        return -each if rule.below else each

    def escalation(self, rule: m.Escalation, node: m.Node, fact: str) -> int | None:
        if rule.counter.name != fact:
            return UNCLEAR
        return agree(self.sign(step.outcome, node) for step in rule.steps)

    def respective(self, rule: m.Respective, node: m.Node, fact: str) -> int | None:
        if rule.operand.name != fact:
            return UNCLEAR
        kind = self.facts[fact].kind
        if rule.mode == "rank":
            ranks = sorted(rule.keys)
            by_rank = dict(zip(rule.keys, rule.outcomes))
            values = [by_rank[r].signed for r in ranks] + [Decimal(0)]
            contiguous = ranks == list(range(int(ranks[0]), int(ranks[-1]) + 1)) and ranks[0] == 1
            return ordered(values) if contiguous else UNCLEAR
        if kind == "list":
            return agree(self.sign(o, node) for o in rule.outcomes)
        return UNCLEAR

    # -------------------------------------------------------------- facts
    def of(self, fact: str) -> int | None:
        """The direction of every item score in the fact (UNCLEAR when not clear)."""
        if fact in self.cohort_fed:
            return UNCLEAR
        return agree(self.rule(rule, node, fact) for node in self.rubric.nodes() for rule in node.rules)

    def total(self, fact: str) -> int | None:
        """The direction of the total in the fact, or UNCLEAR."""
        vetoes = walk.veto_tiers(self.rubric)  # 一票否决: the total jumps to a fixed result, whatever it was
        if any(fact in walk.operand_facts(leaf.operand) for t in vetoes for leaf in walk.test_leaves(t.test)):
            return UNCLEAR
        direction = self.of(fact)
        if direction in (UNCLEAR, FLAT):
            return direction
        if self.rubric.formula is not None:
            moves = []
            for term in self.rubric.formula:
                if any(fact in self.subtree_reads[i] for i in term.nodes):
                    keeps = term.sign if term.kind == "得分" else -term.sign
                    moves.append(direction * keeps)
            direction = agree(moves)
        return direction if direction in (UP, DOWN) and self.final_non_decreasing() else UNCLEAR

    def final_non_decreasing(self) -> bool:
        final = self.rubric.final
        if final is None:
            return True
        if walk.veto_tiers(self.rubric):  # a veto that holds can send a higher total lower (超过…按…确定 after it)
            return False
        ends = sorted({e for t in final.tiers if t.test is not None
                       for e in (t.test.interval.low, t.test.interval.high) if e is not None} | {Decimal(0)})
        points = set(ends) | {(a + b) / 2 for a, b in zip(ends, ends[1:])} | {ends[0] - 1000, ends[-1] + 1000}
        points |= {e + d for e in ends for d in (Decimal("-0.001"), Decimal("0.001"))}

        def at(total: Decimal) -> Decimal:
            for tier in final.tiers:
                if tier.test is None or tier.test.interval.contains(total):
                    return tier.outcome.amount if tier.outcome.amount is not None else total
            return total

        values = [at(x) for x in sorted(points)]
        return all(a <= b for a, b in zip(values, values[1:]))


# ------------------------------------------------------------------ raising a fact
def as_number(raw) -> Decimal:
    """The number of a raw value: 「93%」, or a quantity with its unit written after it (「1200平方米」, 「12小时」)."""
    if not isinstance(raw, str):
        return raw
    import re

    return Decimal(re.match(r"[-0-9.]+", raw).group(0))


@st.composite
def raised(draw, rubric: m.Rubric, fact: m.Fact, current):
    """(lower, higher) raw values of the fact: higher is the same or more (a larger number, 是, one
    more matter or 视情 amount), often by exactly one more occurrence."""
    kind = fact.kind
    if kind == "bool":
        return False, True
    from govrubric.facts import discretionary_ranges, several_amount_facts

    several = fact.name in several_amount_facts(rubric)  # a 视情 fact not used per occurrence holds one amount
    values = fact_value(fact, compared_points(rubric).get(fact.name, set()),
                        discretionary_ranges(rubric).get(fact.name, (None, None)), several=several)
    if kind == "list" or (kind == "discretionary" and several):
        base = current if current is not None else draw(values)
        extra = [x for x in draw(values) if kind == "list" or x > 0] or draw(values)
        return list(base), list(base) + list(extra[:1] if draw(st.booleans()) else extra)
    a = current if current is not None else draw(values)
    if kind in INTEGER_KINDS and draw(st.booleans()):
        return a, a + 1
    b = draw(values)
    return (a, b) if as_number(a) <= as_number(b) else (b, a)


def direction_cases(units=(1, 1)):
    return any_rubric(units)


@given(direction_cases(), st.data())
def test_raising_a_fact_moves_scores_the_way_the_rubric_says(case, data):
    rubric, rows = case
    model = rubric.model
    note(rubric.source.text)
    directions = Directions(model)
    clear = [name for name, fact in model.facts.items()
             if getattr(fact, "cohort", None) is None and fact.kind != "choice" and directions.of(name) in (UP, DOWN)]
    assume(clear)
    name = data.draw(st.sampled_from(clear), label="fact")
    fact = model.facts[name]
    low, high = data.draw(raised(model, fact, rows[0].get(name)), label="lower, higher")
    before = score_all(rubric, [{**rows[0], name: low}])
    after = score_all(rubric, [{**rows[0], name: high}])
    assume(before is not None and after is not None)
    direction = directions.of(name)
    old, new = before[0].scores(), after[0].scores()
    for result in before[0].nodes():
        moved = new[result.path] - old[result.path]
        if name in directions.subtree_reads[result.node_id]:
            assert direction * moved >= 0, f"{result.path}: {old[result.path]} → {new[result.path]}"
        else:
            assert moved == 0, f"{result.path} does not read 「{name}」 but moved"
    total = directions.total(name)
    if total is not None and total != FLAT:
        assert total * (new["总分"] - old["总分"]) >= 0


# ------------------------------------------------------------------ the analysis, checked by hand
def test_directions_of_the_shipped_rubrics_read_by_hand():
    yiliang = Directions(SHIPPED["yiliang-2023"].model)
    assert yiliang.of("指南不一致次数") == DOWN  # 每抽查发现1次扣0.1分
    assert yiliang.of("按时公布许可清单") == UP  # 得1分,否则不得分
    assert yiliang.of("整改完成率") == UP  # 100%得1分,95%—100%(不含)得0.5分,95%(不含)以下不得分
    # 达93%得1分,90%—92%之间得0.5分,低于90%不得分: no tier covers 92%—93%, so 92.5% scores 0
    # and 92% scores 0.5 — the published text is not monotone (noted in the rubric, item 9)
    assert yiliang.of("全程网办率") is UNCLEAR
    assert yiliang.of("实施清单不一致次数") == DOWN  # 第一次扣1分;再次此项不得分
    assert yiliang.of("承诺数量") == UP and yiliang.of("企业数量") == DOWN  # 承诺数量/企业数量 ≥1得1分 …
    assert yiliang.of("国家级通报批评项数") == DOWN  # 十 has no floor; the formula takes 第十项扣分
    assert yiliang.total("国家级通报批评项数") == DOWN
    assert yiliang.total("整改完成率") == UP  # the rule 超过100分按100分 keeps the order


def test_tiers_out_of_order_are_not_claimed():
    from test_properties import loaded

    text = ('细则「测试」\n一、【甲】(2分)\n  事实「率」:百分比\n'
            '  「率」达到90%得1分,80%—90%(不含)得2分,低于80%不得分\n')
    directions = Directions(loaded(text).model)
    assert directions.of("率") is UNCLEAR  # 2 for 80–90, 1 above: awards out of order with thresholds
    ordered_text = text.replace("得1分,80%", "得2分,80%").replace("(不含)得2分", "(不含)得1分")
    assert Directions(loaded(ordered_text).model).of("率") == UP


def test_a_veto_on_an_item_allowed_below_zero_is_not_the_worst():
    from test_properties import loaded

    text = ('细则「测试」\n一、【甲】(2分)\n  可扣至负分\n  事实「次数」:次数\n  事实「严重」:是否\n'
            '  「次数」每1次扣1分。\n  「严重」的,该项不得分。\n')
    rubric = loaded(text)
    assert Directions(rubric.model).of("严重") is UNCLEAR
    # with 5 occurrences the item is at −3; the veto keeps it there (否决与扣分:扣分照扣, issue 15) …
    row = {"单位": "甲", "次数": 5}
    assert rubric.score({**row, "严重": False}).scores()["一"] == Decimal(-3)
    assert rubric.score({**row, "严重": True}).scores()["一"] == Decimal(-3)
    # … but under 否决与扣分:一律得0分 it raises it to 0, and beside a deduction of 5 (2 − 5 = −3) a veto's
    # min(2, 0) = 0 is not the worst either: the direction stays unclaimed
    cleared = text.replace("  可扣至负分\n", "  可扣至负分\n  否决与扣分:一律得0分\n")
    assert loaded(cleared).score({**row, "严重": True}).scores()["一"] == Decimal(0)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_most_facts_of_the_shipped_rubrics_have_a_clear_direction(name):
    model = SHIPPED[name].model
    directions = Directions(model)
    given = [f for f in model.facts.values() if getattr(f, "cohort", None) is None]
    clear = [f.name for f in given if directions.of(f.name) in (UP, DOWN)]
    assert len(clear) >= 0.7 * len(given), sorted(set(f.name for f in given) - set(clear))

