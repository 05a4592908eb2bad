"""GL7xx: who is assessed. Items scored for no category, category-specific items without a stated
rule for how they count where they do not apply, 考核对象 that names no declared category."""
from __future__ import annotations

from ..diagnostics import HINT, WARNING
from .context import Context
from ..i18n import built


def check(ctx: Context) -> None:
    rubric = ctx.rubric
    first_specific = None
    for node in rubric.nodes():
        scope = ctx.applies[node.id]
        parent = ctx.parent_of[node.id]
        if node.applies_to is not None and first_specific is None:
            first_specific = node
        if scope is not None and not scope and (parent is None or ctx.applies[parent.id] != frozenset()):
            above = "、".join(sorted(ctx.applies[parent.id] or ())) if parent is not None else ""
            ctx.report("GL701", ctx.node_head(node), severity=WARNING, item=node.path,
                       detail=built("本项适用于「{x}」,而上级只适用于「{above}」", x='」「'.join(sorted(node.applies_to)), above=above),
                       help="下级的「适用」应是上级的一部分")
        _target(ctx, node, scope)
    if first_specific is not None and rubric.not_applicable == "按比例折算":
        _prorated_bonus(ctx)
    if first_specific is not None and not rubric.not_applicable_explicit:
        ctx.report("GL702", ctx.node_head(first_specific), severity=WARNING, item=first_specific.path,
                   help="在细则开头写明「不适用项:按满分计」「不适用项:不计分」或「不适用项:按比例折算」")


def _target(ctx: Context, node, scope) -> None:
    """GL703: 考核对象 written, 适用 not, and the words match none of the declared categories."""
    categories = ctx.rubric.categories
    if scope is not None or not categories:
        return
    targets = [v for key, values in node.meta if key == "考核对象" for v in values]
    if not targets:
        return
    if any(c in t for c in categories for t in targets):
        return
    ctx.report("GL703", ctx.node_head(node), severity=HINT, item=node.path, target="、".join(targets),
               categories="、".join(f"「{c}」" for c in categories),
               help="用「适用:「类别」」写明本项考核哪些单位类别")


def _prorated_bonus(ctx: Context) -> None:
    """GL704: under 不适用项:按比例折算 the whole total is scaled — a first-level item without points that can add
    (an 附加分 item, 「考核总分为100分(不含附加分)」) is scaled with it, unless its bonus goes to the total after."""
    for node in ctx.rubric.roots:
        if node.points is not None or node.bonus_to_total:
            continue
        reach = ctx.analysis.node(node)
        if reach is None or reach.high is None or reach.high.value <= 0:
            continue
        ctx.report("GL704", ctx.node_head(node), severity=HINT, item=node.path,
                   help="附加分不随折算放大时,在本项下写「加分上限:计入总分」(加分在折算之后加在总分上;"
                        "本项写了「累计不超过…」这样的上限时,加分仍留在本项、随总分折算)")
