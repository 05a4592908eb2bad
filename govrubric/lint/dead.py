"""GL5xx: items that cannot be scored (nothing can change their score) and clauses or tiers that never fire."""
from __future__ import annotations

import itertools
from decimal import Decimal

from ..i18n import built

from .. import model as m
from ..diagnostics import WARNING
from ..numerals import format_decimal as fmt
from .context import Context
from .firing import Tester
from .intervals import union
from .tiers import operand_domain
from .walk import fact_tiers_before_items, operand_facts, rule_facts, test_leaves


ZERO = Decimal(0)


def check(ctx: Context) -> None:
    tester = Tester(ctx.rubric, ctx.domains)
    for node in ctx.rubric.nodes():
        _constant(ctx, node)
        _never_bites(ctx, tester, node)
        for rule in node.rules:
            if isinstance(rule, m.Tiered):
                _no_effect(ctx, node, rule)
                _tiers(ctx, tester, node, rule)
            elif rule.guard is not None:
                _guard(ctx, tester, node, rule)


def never_bites(ctx: Context) -> None:
    """GL504 over every item (lint.never_bites, for govrubric check)."""
    tester = Tester(ctx.rubric, ctx.domains)
    for node in ctx.rubric.nodes():
        _never_bites(ctx, tester, node)


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


NEVER_BITES_LIMIT = 4_096  # combinations of a deduction's and the awards' facts tried; more: not searched


def _never_bites(ctx: Context, tester: Tester, node: m.Node) -> None:
    """GL504: a deduction in an item scored from 0 (floor 0) that holds only where no award of the item does
    (城乡居民医保「…全面完成……且……配套到位的,得15分。目标任务完成率低于95%的,每低5个百分点,扣1分。」, field trial 5
    SW5-4): when it deducts the item has 0 points, so it never changes any score. Only the awards and the deduction
    are looked at; every combination of their facts' representative values is tried."""
    if node.children or node.points is None or node.base != "zero" or node.floor != 0 or node.bonus_uncapped:
        return
    if any(o.kind not in ("award", "bonus", "deduct", "zero", "none") for r in node.rules for o in m.outcomes_of(r)):
        return  # 得满分, 按…计分, a veto, 视情: not this simple sum
    earners = [r for r in node.rules if any(o.kind in ("award", "bonus") for o in m.outcomes_of(r))]
    written = any(d.path == node.path and d.key in ("计分方式", "另写的扣分") and d.origin != "默认"
                  for d in ctx.rubric.decisions)
    if not earners or any(m.reads_category(r) for r in node.rules):
        return
    for rule in node.rules:
        outcomes = m.outcomes_of(rule)
        if rule in earners or isinstance(rule, m.Running) or not any(o.kind == "deduct" for o in outcomes):
            continue
        names = list(dict.fromkeys(n for r in (rule, *earners) for n in rule_facts(r)))
        reps = [[v for v in ctx.domains.reps.get(n, ()) if v is not None] for n in names]
        size = 1
        for values in reps:
            size *= len(values)
        if not size or size > NEVER_BITES_LIMIT:
            continue
        # a shortfall from a line of its own beside one award (「…的,得15分。「完成率」低于95%的,每低5个百分点,扣1分」):
        # it may bite only where the award holds too — where the award does not, the item is at 0 already. So may any
        # deduction on other facts beside one award of the whole item's points (贺兰「……签字到位得5分。没有建立免疫档案
        # 发现一次扣0.5分」, field trial 6 SW6-4 d): a unit that only partly did the thing keeps nothing
        shortfall = len(earners) == 1 and (
            (isinstance(rule, m.PerStep) and rule.below and rule.guard is not None
             and not set(operand_facts(rule.operand)) & set(rule_facts(earners[0])))
            or (_whole_award(earners[0], node.points) and not set(rule_facts(rule)) & set(rule_facts(earners[0]))
                and not written))
        deducted, bites, alone = False, False, False
        for combo in itertools.product(*reps):
            values = dict(zip(names, combo))
            tester.use(values)
            effect = tester.evaluator.rule(rule, node)[0]
            if effect >= 0:
                continue
            deducted = True
            if sum((max(tester.evaluator.rule(r, node)[0], ZERO) for r in earners), ZERO) > 0:
                bites = True  # it deducts from points earned
            else:
                alone = True  # where nothing is earned it deducts nothing
        if deducted and not bites:
            detail = "永远扣不到分数:它只在本项的得分条款都不成立时才扣,那时本项已是0分(到0为止)"
        elif shortfall and bites and alone:
            detail = "只扣得分条款也成立的单位:得分条款不成立的单位已是0分,它扣不到(没有得分的单位一分不扣)"
        else:
            continue
        ctx.report("GL504", rule.span, severity=WARNING, item=node.path, text=rule.text, detail=detail,
                   help="核对原文:扣分若是从得分扣起(得分条件不成立而扣到了的单位也从得分扣),写明「另写的扣分:从得分扣起"
                        "(理由:「…」)」(逗号接着写在得分的同一句里时写「同句得分:扣分的起点」);若一律从本项的分值扣起,"
                        "写明「计分方式:从满分扣减(理由:「…」)」;扣分若只扣得到的分,核对它与得分条款的条件")


def _whole_award(rule, points) -> bool:
    """A one-tier award of exactly the item's points (「……签字到位得5分」 in a 5-point item)."""
    return (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and rule.tiers[0].outcome.kind == "award"
            and rule.tiers[0].outcome.amount == points and rule.tiers[0].test is not None)


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
