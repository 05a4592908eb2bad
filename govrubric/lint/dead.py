"""GL5xx: items that cannot be scored (nothing can change their score) and clauses or tiers that never fire."""
from __future__ import annotations

from ..i18n import built

from .. import model as m
from ..diagnostics import WARNING
from ..numerals import format_decimal as fmt
from .context import Context
from .firing import Tester
from .intervals import union
from .tiers import operand_domain
from .walk import fact_tiers_before_items, operand_facts, rule_facts, test_leaves


def check(ctx: Context) -> None:
    tester = Tester(ctx.rubric, ctx.domains)
    for node in ctx.rubric.nodes():
        _constant(ctx, node)
        for rule in node.rules:
            if isinstance(rule, m.Tiered):
                _no_effect(ctx, node, rule)
                _tiers(ctx, tester, node, rule)
            elif rule.guard is not None:
                _guard(ctx, tester, node, rule)


def _constant(ctx: Context, node: m.Node) -> None:
    """GL501: a leaf item with points whose score no facts can change."""
    if node.children or node.points is None:
        return
    reach = ctx.analysis.node(node)
    if reach is None or not reach.complete or reach.low.value != reach.high.value:
        return
    value = fmt(reach.low.value)
    if not node.rules:
        detail = built("本项有分值{points}分,却没有评分条款,得分恒为{value}分", points=fmt(node.points), value=value)
        help_text = "补上原文的评分标准;原文确实没有时照录,并在注释中说明"
    else:
        detail = built("本项的条款都不能改变得分,得分恒为{value}分", value=value)
        help_text = "核对条款的条件与分值、本项的计分方式和上下限"
    ctx.report("GL501", ctx.node_head(node), severity=WARNING, item=node.path, detail=detail, help=help_text)


def _tiers(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered) -> None:
    """GL502: tiers that are never the first to hold."""
    fired: set[int] = set()
    tried = False
    for values in tester.assignments(rule):
        tried = True
        first = tester.first(rule, values)
        if first is not None:
            fired.add(first)
        if len(fired) == len(rule.tiers):
            return
    if not tried:
        return
    for index, tier in enumerate(rule.tiers):
        if index in fired or tier.test is None:
            continue
        if len(rule.tiers) == 1:
            detail = "本条的条件永远不成立"
        elif _shadowed(ctx, rule, index):
            detail = built("这一档「{tier}」永远不会生效:前面的档次已包含它的全部取值", tier=tier.text)
        else:
            detail = built("这一档「{tier}」永远不会生效:它的条件不成立,或成立时前面的档次总是先成立", tier=tier.text)
        ctx.report("GL502", tier.span, severity=WARNING, item=node.path, detail=detail,
                   help="核对这一档的条件和档次的先后;按书写顺序,第一个成立的档次生效")


def _no_effect(ctx: Context, node: m.Node, rule: m.Tiered) -> None:
    """GL503: a sentence whose every result is 不扣分/不加分 (「「有新诉求」的,不扣分。」 on its own): it scores
    nothing and exempts nothing. Where its facts are read by other clauses it names the case they leave at 0
    (阜阳 「无违规违纪的不扣分」, 拱墅 「第3名之前,不扣分」); where nothing else reads them, the author meant an
    exemption of the clause before it, which only a bracket says."""
    if rule.exempt is not None or not all(tier.outcome.kind == "none" for tier in rule.tiers):
        return
    own = set(rule_facts(rule))
    others = {name for other in ctx.rubric.nodes() for r in other.rules if r is not rule for name in rule_facts(r)}
    others |= {name for tier in fact_tiers_before_items(ctx.rubric) for leaf in test_leaves(tier.test)
               for name in operand_facts(leaf.operand)}  # a 一票否决 or a grade rule on the facts
    if not own or own & others:
        return
    ctx.report("GL503", rule.span, severity=WARNING, item=node.path, text=rule.text,
               detail="它不免除前面条款的扣分",
               help="若是例外,写在括号里紧跟所免除的条款之后:「…每件扣10分(若「有新诉求」的,不扣分)」;"
                    "若只是说明,写成注释或「说明:「…」」")


def _shadowed(ctx: Context, rule: m.Tiered, index: int) -> bool:
    test = rule.tiers[index].test
    if not isinstance(test, m.InRange):
        return False
    domain = operand_domain(ctx, test.operand)
    before = [t.test.interval for t in rule.tiers[:index]
              if isinstance(t.test, m.InRange) and t.test.operand == test.operand]
    covered = union(before, domain)
    return bool(covered) and union(covered + [test.interval], domain) == covered


def _guard(ctx: Context, tester: Tester, node: m.Node, rule) -> None:
    for values in tester.assignments(rule):
        if tester.holds(rule.guard, values):
            return
    ctx.report("GL502", rule.span, severity=WARNING, item=node.path, detail="本条的条件永远不成立",
               help="核对条件中的数值和用词")
