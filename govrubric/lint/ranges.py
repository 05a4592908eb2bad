"""GL2xx: what the reachable range (reach.py) shows: points that can never count, full points out of
reach, deductions that cannot exhaust an item, a total below zero or past 满分."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import model as m
from ..diagnostics import ERROR, HINT, WARNING
from ..numerals import format_decimal as fmt
from .context import Context
from .reach import End, Reach, raw_score
from .variants import bonuses_within_points, restatements_left_out, restating
from .walk import explicit_cap, outcomes_of
from .witness import Witness, full_row, score, shrink
from ..i18n import built

ZERO = Decimal(0)


def check(ctx: Context) -> None:
    analysis = ctx.analysis
    for node in ctx.rubric.nodes():
        reach = analysis.node(node)
        if reach is None:
            continue
        if not reach.complete:
            ctx.report("GL206", ctx.node_head(node), severity=HINT, item=node.path,
                       help="把读取同一批事实的条款拆开,或减少每个事实的档次")
            continue
        _over_points(ctx, node, reach)
        _unreachable(ctx, node, reach)
        _floor_above_zero(ctx, node, reach)
    _total(ctx)


# ------------------------------------------------------------ helpers
def node_score(ctx: Context, node: m.Node, facts: dict[str, Any], category) -> Decimal:
    return score(ctx.domains, facts, category).scores()[node.path]


def node_raw(ctx: Context, node: m.Node, facts: dict[str, Any], category) -> Decimal | None:
    raw, vetoed = raw_score(ctx.rubric, node, full_row(ctx.domains, facts, category), category)
    return None if vetoed else raw


# ------------------------------------------------------------ items
def _over_points(ctx: Context, node: m.Node, reach: Reach) -> None:
    """GL201: the item's clauses can give more than its points, so the cap silently cuts them."""
    if node.points is None or node.cap is None or explicit_cap(node) or node.bonus_uncapped:
        return
    end = reach.raw_high
    if end is None or end.value <= node.cap or node.id in ctx.points_excess:
        return
    if restating(node):  # 「得N分」 on a full base, 「视情给分」: they say what the points are; only the rest can be cut
        variant = ctx.variant(restatements_left_out)
        again = variant.node(variant.by_id[node.id])
        if again is not None and again.raw_high is not None and again.raw_high.value <= node.cap:
            return
    category = end.category
    if end.value.is_finite() and end.exact:
        holds = lambda f: node_raw(ctx, node, f, category) == end.value  # noqa: E731
        raw = built("最多可得{amount}分", amount=fmt(end.value))
    else:
        holds = lambda f: (node_raw(ctx, node, f, category) or ZERO) > node.cap  # noqa: E731
        raw = built("可得的分数没有上限") if not end.value.is_finite() else built("最多可得{amount}分", amount=fmt(end.value))
    facts = shrink(ctx.domains, end.assignment(), holds)
    witness = None
    if facts is not None:
        got = node_raw(ctx, node, facts, category)
        witness = ctx.witness(facts, category,
                              built("本项按条款得{got}分,限于分值后只得{kept}分", got=fmt(got),
                                    kept=fmt(node_score(ctx, node, facts, category))),
                              node)
    ctx.report("GL201", ctx.node_head(node), severity=WARNING, item=node.path, raw=raw, points=fmt(node.points),
               witness=witness,
               help="核对各条款的分值与本项分值;若加分本应超出本项分值,写明「加分上限:不受本项分值限制」")


def _short_children(ctx: Context, node: m.Node) -> bool:
    """Whether a child already falls short of its own points (the shortfall is reported there)."""
    for child in node.children:
        if child.points is None:
            continue
        reach = ctx.analysis.node(child)
        if reach is not None and reach.high.value < child.points:
            return True
    return False


def _unreachable(ctx: Context, node: m.Node, reach: Reach) -> None:
    """GL202: no facts give the item its full points."""
    if node.points is None or reach.high.value >= node.points or node.id in ctx.points_shortfall:
        return
    if _short_children(ctx, node):
        return
    end = reach.high
    witness = _extreme_witness(ctx, node, end, "最高")
    best = built("本项最高只能得{amount}分", amount=fmt(end.value)) if end.exact else built("本项最高不超过{amount}分",
                                                                                          amount=fmt(end.value))
    ctx.report("GL202", ctx.node_head(node), severity=WARNING, item=node.path, reach=best, whose="分值",
               points=fmt(node.points), witness=witness,
               help="核对各条款的分值合计是否等于本项分值;原文确实如此时照录,并在注释中说明")


def _extreme_witness(ctx: Context, node: m.Node, end: End, which: str) -> Witness | None:
    if not end.exact or not end.value.is_finite():
        return None
    category = end.category
    facts = shrink(ctx.domains, end.assignment(), lambda f: node_score(ctx, node, f, category) == end.value)
    if facts is None:
        return None
    return ctx.witness(facts, category, built("本项得{amount}分(已是最高)", amount=fmt(end.value)) if which == "最高" else
                       built("本项得{amount}分(已是最低)", amount=fmt(end.value)), node)


def _floor_above_zero(ctx: Context, node: m.Node, reach: Reach) -> None:
    """GL205: an item scored down from its points whose deductions cannot use them up."""
    if node.children or node.points is None or node.floor is None or node.base != "full":
        return
    deducts = any(o.kind == "deduct" or (o.kind == "discretion" and o.sign < 0)
                  for rule in node.rules for o in outcomes_of(rule))
    if not deducts or reach.low.value <= node.floor:
        return
    ctx.report("GL205", ctx.node_head(node), severity=HINT, item=node.path, low=fmt(reach.low.value),
               most=fmt(node.points - reach.low.value), points=fmt(node.points),
               witness=_extreme_witness(ctx, node, reach.low, "最低"),
               help="核对扣分条款是否写全;原文确实如此时照录")


# ------------------------------------------------------------ the total
def _total_value(ctx: Context, facts: dict[str, Any], category) -> Decimal:
    return score(ctx.domains, facts, category).total


def _total_witness(ctx: Context, end: End, holds) -> Witness | None:
    category = end.category
    facts = shrink(ctx.domains, end.assignment(), lambda f: holds(_total_value(ctx, f, category)))
    if facts is None:
        return None
    total = _total_value(ctx, facts, category)
    return ctx.witness(facts, category, built("「{total}」为{amount}分", total=ctx.rubric.total_name, amount=fmt(total)))


def _total(ctx: Context) -> None:
    rubric = ctx.rubric
    reach = ctx.analysis.total()
    name = rubric.total_name
    span = ctx.total_span()
    low, high = reach.low, reach.high
    if low.value < 0:
        words = built("最低可到{amount}分,低于0分", amount=fmt(low.value)) if low.value.is_finite() else built(
            "没有下限,可以低于0分,而且要多低有多低")
        ctx.report("GL203", span, severity=WARNING, item=None, name=name, low=words,
                   witness=_total_witness(ctx, low, lambda t: t < 0),
                   help="给扣分项写上限(如「扣分累计不超过N分」),或写明总分最低为0分")
    if rubric.full is not None and high.value > rubric.full and not _only_stated_bonuses(ctx):
        words = built("最高可达{amount}分,超过", amount=fmt(high.value)) if high.value.is_finite() else built(
            "没有上限,可以任意超过")
        ctx.report("GL204", span, severity=ERROR, item=None, name=name, high=words,
                   full=fmt(rubric.full), witness=_total_witness(ctx, high, lambda t: t > rubric.full),
                   help=built("写明「「{name}」超过{amount}分的,按{amount}分确定」,或核对加分上限", name=name, amount=fmt(rubric.full)))
    if rubric.full is not None and high.value < rubric.full and not _short_roots(ctx):
        best = built("「{name}」最高只能得{amount}分", name=name, amount=fmt(high.value)) if high.exact else built(
            "「{name}」最高不超过{amount}分", name=name, amount=fmt(high.value))
        witness = None
        if high.exact:
            witness = _total_witness(ctx, high, lambda t: t == high.value)
        ctx.report("GL202", span, severity=WARNING, item=None, reach=best, whose="满分", points=fmt(rubric.full),
                   witness=witness, help="核对各大项分值与满分")


def _only_stated_bonuses(ctx: Context) -> bool:
    """Whether the total passes 满分 only through bonuses the rubric lets pass their item's points
    (加分上限:不受本项分值限制): held to their items' points, the total stays within 满分."""
    if not any(node.bonus_uncapped for node in ctx.rubric.nodes()):
        return False
    return ctx.variant(bonuses_within_points).total().high.value <= ctx.rubric.full


def _short_roots(ctx: Context) -> bool:
    for root in ctx.rubric.roots:
        reach = ctx.analysis.node(root)
        if root.points is not None and reach is not None and reach.high.value < root.points:
            return True
    return any(f.code == "GL101" and f.item is None for f in ctx.findings)

