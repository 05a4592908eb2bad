"""GL001: places where the scores rely on a default reading (口径) the wording leaves open.

Every reading the checker relied on is in model.Rubric.decisions; those it took by default
are hints here, so a committee states each choice once, visibly. 「之前/之后」 defaults are
GL303's business (tiers.py), with the tier context.
"""
from __future__ import annotations

from ..readings import READINGS
from .context import Context


def check(ctx: Context) -> None:
    for decision in ctx.rubric.decisions:
        if decision.origin != "默认" or decision.key == "边界":
            continue
        reading = READINGS[decision.key]
        where = "细则开头" if not reading.per_item else "细则开头(全部指标)或本项下"
        others = "、".join(v for v in reading.values if v != decision.value)
        ctx.report("GL001", decision.span, severity="hint", item=decision.path,
                   wording=decision.wording, key=decision.key, value=decision.value, question=reading.question,
                   help=f"在{where}写明「{decision.key}:{decision.value}(理由:「…」)」;另一种读法是「{others}」,"
                        f"可用 govrubric score --reading {decision.key}={others.split('、')[0]} 比较")
