"""GL4xx: caps. A clause's cap beyond the points it belongs to, clause caps that together exceed
the item, and caps that can never bind."""
from __future__ import annotations

import re
from decimal import Decimal

import attrs

from .. import model as m
from ..diagnostics import HINT, WARNING
from ..numerals import format_decimal as fmt
from .context import Context
from .tiers import category_for
from .firing import Tester
from .ladder import Narrowing
from .walk import explicit_cap, outcomes_of, rule_facts
from .witness import score


def check(ctx: Context) -> None:
    tester = Tester(ctx.rubric, ctx.domains)
    for node in ctx.rubric.nodes():
        for rule in node.rules:
            if rule.cap is None:
                continue
            _over_points(ctx, node, rule)
            _below_step(ctx, tester, node, rule)
            _never_binds(ctx, tester, node, rule)
        _together(ctx, node)


def direction(rule: m.Rule) -> str | None:
    """"deduct" when the clause only takes points, "earn" when it only gives them, None when both."""
    outcomes = outcomes_of(rule)
    takes = any(o.kind == "deduct" or (o.kind == "discretion" and o.sign < 0) for o in outcomes)
    gives = any(o.kind in ("award", "bonus") or (o.kind == "discretion" and o.sign > 0) for o in outcomes)
    if takes and not gives:
        return "deduct"
    if gives and not takes:
        return "earn"
    return None


def _owner(ctx: Context, node: m.Node) -> tuple[m.Node, Decimal] | None:
    """The nearest item (this one or above) with points or a written cap: what a clause's points belong to."""
    here = node
    while here is not None:
        limit = here.points if here.points is not None else here.cap
        if limit is not None:
            return here, limit
        here = ctx.parent_of[here.id]
    return None


def _over_points(ctx: Context, node: m.Node, rule: m.Rule) -> None:
    """GL401: a clause allowed to take or give more than its whole item is worth."""
    owner = _owner(ctx, node)
    if owner is None or rule.cap <= owner[1]:
        return
    whose = "本项" if owner[0] is node else f"所属 {owner[0].path} 的"
    ctx.report("GL401", rule.span, severity=WARNING, item=node.path, cap=fmt(rule.cap), whose=whose,
               points=fmt(owner[1]), help="核对原文上限的数字;它多半应等于或小于所在指标的分值")


_WRITTEN_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十两半]")


def first_step(rule: m.Rule) -> tuple[m.Outcome, str] | None:
    """What one occurrence or one step of a 「每…」 clause gives, and its wording (「每次扣2分」, 「每低1个百分点
    扣0.5分」, 「第一次扣1分」): None for other clauses."""
    if isinstance(rule, m.PerCount) and rule.per_text:
        return rule.outcome, rule.per_text
    if isinstance(rule, (m.PerCount, m.PerStep)):
        start = rule.text.rfind("每")
        wording = rule.text[start:] if start >= 0 else rule.outcome.text
        if rule.cap_text and rule.cap_text in wording:
            wording = wording[:wording.index(rule.cap_text)]
        return rule.outcome, wording.rstrip(",,;; ")
    if isinstance(rule, m.Escalation):
        return rule.steps[0].outcome, re.sub(r"^「[^」]*」", "", rule.steps[0].text).strip()
    return None


def _one_step(tester: Tester, rule: m.Rule) -> dict:
    """Facts that make the clause count exactly one occurrence (or one step)."""
    if isinstance(rule, m.PerCount):
        if rule.outcome.kind == "discretion":  # a 视情 fact holds the amounts given, one per occurrence
            return {rule.counter.name: [rule.outcome.low]}
        return {rule.counter.name: rule.per}
    if isinstance(rule, m.Escalation):
        return {rule.counter.name: Decimal(rule.steps[0].first)}
    rule = rule.in_operand_units()
    value = rule.threshold - rule.step if rule.below else rule.threshold + rule.step
    return tester.operand_values(rule.operand, value)


def written_cap(rule: m.Rule) -> bool:
    """Whether the clause's cap is a number the author wrote (「扣完1分为止」), not a bare 「扣完为止」 (the item's points)."""
    return bool(rule.cap_text) and _WRITTEN_NUMBER.search(rule.cap_text) is not None


def _below_step(ctx: Context, tester: Tester, node: m.Node, rule: m.Rule) -> None:
    """GL404: a written cap smaller than what one occurrence gives (「每次扣2分,扣完1分为止」)."""
    step = first_step(rule)
    if step is None or not written_cap(rule):
        return  # a bare 「扣完为止」 is the item's points: one step may well use them up
    outcome, wording = step
    amount = outcome.amount if outcome.kind in ("award", "bonus", "deduct") else (
        outcome.low if outcome.kind == "discretion" else None)
    if amount is None or amount <= rule.cap:
        return
    verb = {"deduct": "扣", "bonus": "加", "award": "得"}.get(outcome.kind, "扣" if outcome.sign < 0 else "加")
    facts = _one_step(tester, rule)
    if rule.guard is not None:
        facts = next((v for v in tester.assignments(rule, facts) if tester.holds(rule.guard, v)), facts)
    category = category_for(ctx, node)
    result = score(ctx.domains, facts, category)
    witness = ctx.witness(facts, category, f"本条只{verb}{fmt(rule.cap)}分(不是{fmt(amount)}分),"
                                           f"本项得{fmt(result.scores()[node.path])}分", node, rule_facts(rule))
    ctx.report("GL404", rule.span, severity=WARNING, item=node.path, step=wording, amount=fmt(amount),
               cap=fmt(rule.cap), cap_text=rule.cap_text, verb=verb, witness=witness,
               help="核对两个数字:上限多半应是每次分值的若干倍(如「扣完4分为止」),或每次分值写错了")


def _never_binds(ctx: Context, tester: Tester, node: m.Node, rule: m.Rule) -> None:
    """GL403: the clause can never reach its own cap, so the cap changes nothing."""
    if isinstance(rule, m.Escalation) and rule.then is not None:
        return  # 以此类推 / 加倍扣分 grow without end: the cap binds (and 加倍 is scored only up to it)
    narrowing = Narrowing((attrs.evolve(rule, cap=None),))
    most = Decimal(0)
    evaluator = tester.evaluator

    def effect_for(values) -> Decimal:
        evaluator.values = values
        return abs(evaluator.rule(narrowing.for_values(evaluator)[0], node)[0])

    tried = False
    for values in tester.assignments(rule):
        tried = True
        effect = effect_for(values)
        bigger = {k: ctx.domains.bigger[k][v] for k, v in values.items() if ctx.domains.is_big(k, v)}
        if bigger and effect_for({**values, **bigger}) != effect:
            return  # grows without end: the cap binds
        most = max(most, effect)
        if most > rule.cap:
            return
    if not tried:
        return  # too many combinations to try: nothing is known
    verb = {"deduct": "扣", "earn": "得"}.get(direction(rule) or "", "加减")
    ctx.report("GL403", rule.span, severity=HINT, item=node.path, verb=verb, most=fmt(most), cap=fmt(rule.cap),
               help="这个上限多半是写给整个指标的(如「扣完为止」):用句号与本条隔开,它就作用于整个指标")


def _passing_through(node: m.Node):
    """Rules of the node and of sub-items without points or caps (their scores reach the node unlimited)."""
    yield from node.rules
    for child in node.children:
        if child.points is None and child.cap is None and child.floor is None:
            yield from _passing_through(child)


def _together(ctx: Context, node: m.Node) -> None:
    """GL402: clause caps of one kind that add up to more than the item."""
    if node.points is None:
        return
    for kind, words in (("deduct", "扣分"), ("earn", "得分")):
        if kind == "earn" and explicit_cap(node):
            continue  # 累计不超过N分: the author meant the item's cap to cut the bonuses
        # a bare 「扣完为止」 is the whole item's points, not a share of them: it adds nothing to compare
        caps = [r.cap for r in _passing_through(node) if r.cap is not None and direction(r) == kind
                and written_cap(r)]
        total = sum(caps, Decimal(0))
        if len(caps) > 1 and total > node.points:
            ctx.report("GL402", ctx.node_head(node), severity=WARNING, item=node.path, kind=words, total=fmt(total),
                       terms="+".join(fmt(c) for c in caps), points=fmt(node.points),
                       help="核对各条的上限与本项分值;本项的下限(或上限)会先截断,超出的部分永远不起作用")
