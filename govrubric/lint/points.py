"""GL1xx: points that do not add up (children's points against the item's, items against 满分)."""
from __future__ import annotations

from decimal import Decimal

from ..diagnostics import ERROR, HINT
from ..numerals import format_decimal as fmt
from .context import Context
from .walk import outcomes_of


def earns(node) -> bool:
    """Whether the item's own clauses give points (then its children need not add up to it)."""
    return any(o.kind in ("award", "bonus", "full", "set") or (o.kind == "discretion" and o.sign > 0)
               for rule in node.rules for o in outcomes_of(rule))


def check(ctx: Context) -> None:
    for node in ctx.rubric.nodes():
        if not node.children or earns(node):
            continue
        with_points = [c for c in node.children if c.points is not None]
        if not with_points:
            continue
        if len(with_points) < len(node.children):
            missing = "、".join(c.path for c in node.children if c.points is None)
            ctx.report("GL102", ctx.node_head(node), severity=HINT, item=node.path,
                       detail=f"{missing} 没有分值",
                       help="给每个下级写上分值;若它们只是共用本项分值的扣分点,就都不写")
            continue
        if node.points is None:
            continue
        total = sum((c.points for c in with_points), Decimal(0))
        if total != node.points:
            (ctx.points_excess if total > node.points else ctx.points_shortfall).add(node.id)
            ctx.report("GL101", ctx.node_head(node), severity=ERROR, item=node.path,
                       parts="下级", total=fmt(total), terms="+".join(fmt(c.points) for c in with_points),
                       whose="本项分值", points=fmt(node.points),
                       help="核对原文各分项的分值;分值确实不一致时照录,并在注释中说明")
    _whole(ctx)


def _whole(ctx: Context) -> None:
    """The first-level items that make up the total, against the declared 满分."""
    rubric = ctx.rubric
    if rubric.full is None:
        return
    if rubric.formula is None:
        counted = list(rubric.roots)
    else:
        ids = {i for term in rubric.formula if term.sign > 0 and term.kind == "得分" for i in term.nodes}
        counted = [r for r in rubric.roots if r.id in ids]
    with_points = [r for r in counted if r.points is not None]
    if not with_points:
        return
    total = sum((r.points for r in with_points), Decimal(0))
    if total != rubric.full:
        ctx.report("GL101", ctx.header_span("满分"), severity=ERROR, item=None, parts="计入总分的各大项",
                   total=fmt(total), terms="+".join(fmt(r.points) for r in with_points), whose="满分",
                   points=fmt(rubric.full),
                   help="核对各大项的分值与满分")
