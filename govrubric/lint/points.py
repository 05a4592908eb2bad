"""GL1xx: points that do not add up (children's points against the item's, items against 满分)."""
from __future__ import annotations

from decimal import Decimal

from .. import model as m
from ..diagnostics import ERROR, HINT
from ..numerals import format_decimal as fmt
from .context import Context
from .walk import outcomes_of
from ..i18n import built


def earns(node) -> bool:
    """Whether the item's own clauses give points (then its children need not add up to it)."""
    return any(o.kind in ("award", "bonus", "full", "set") or (o.kind == "discretion" and o.sign > 0)
               for rule in node.rules for o in outcomes_of(rule))


def summed(node) -> tuple[Decimal, str] | None:
    """The points the item stands for, and how they are written: its own, or, for a middle level without
    points (nor a cap, nor clauses that give points), the sum of its sub-items' written as 「(3+2)」.
    None when some part below has none."""
    if node.points is not None:
        return node.points, fmt(node.points)
    if node.cap is not None or not node.children or earns(node):
        return None
    parts = [summed(c) for c in node.children]
    if any(p is None for p in parts):
        return None
    return sum((p[0] for p in parts), Decimal(0)), "(" + "+".join(p[1] for p in parts) + ")"


def _terms(parts: list[tuple[Decimal, str]]) -> str:
    """The addends as written in the message's brackets: 「3+2」, 「(3+3)+2」; one middle level alone is not
    bracketed twice."""
    if len(parts) == 1:
        return parts[0][1].removeprefix("(").removesuffix(")") if parts[0][1].startswith("(") else parts[0][1]
    return "+".join(p[1] for p in parts)


def check(ctx: Context) -> None:
    for node in ctx.rubric.nodes():
        if not node.children or earns(node):
            continue
        parts = [summed(c) for c in node.children]
        with_points = [p for p in parts if p is not None]
        if not with_points:
            continue
        if len(with_points) < len(node.children):
            missing = "、".join(c.path for c, p in zip(node.children, parts) if p is None)
            ctx.report("GL102", ctx.node_head(node), severity=HINT, item=node.path,
                       detail=built("{missing} 没有分值", missing=missing),
                       help="给每个下级写上分值;若它们只是共用本项分值的扣分点,就都不写")
            continue
        if node.points is None:
            continue
        total = sum((p[0] for p in with_points), Decimal(0))
        if total != node.points and not m.by_category(node, ctx.rubric.categories):
            (ctx.points_excess if total > node.points else ctx.points_shortfall).add(node.id)
            ctx.report("GL101", ctx.node_head(node), severity=ERROR, item=node.path,
                       parts="下级", total=fmt(total), terms=_terms(with_points),
                       whose="本项分值", points=fmt(node.points),
                       help="核对原文各分项的分值;分值确实不一致时照录,并在注释中说明"
                            "(没有分值的中间一层按它下级的分值合计,写在括号里)")
    _whole(ctx)


def _whole(ctx: Context) -> None:
    """The first-level items that make up the total, against the declared 满分."""
    rubric = ctx.rubric
    if rubric.full is None or rubric.total_expr is not None:  # a product or a lower score: no sum to match 满分
        return
    if rubric.formula is None:
        counted = list(rubric.roots)
    else:
        ids = {i for term in rubric.formula if term.sign > 0 and term.kind == "得分" for i in term.nodes}
        counted = [r for r in rubric.roots if r.id in ids]
    with_points = [p for p in (summed(r) for r in counted) if p is not None]
    if not with_points:
        return
    total = sum((p[0] for p in with_points), Decimal(0))
    if total != rubric.full:
        ctx.report("GL101", ctx.header_span("满分"), severity=ERROR, item=None, parts="计入总分的各大项",
                   total=fmt(total), terms=_terms(with_points), whose="满分",
                   points=fmt(rubric.full),
                   help="核对各大项的分值与满分")
