"""GL001: places where the scores rely on a default reading (口径) the wording leaves open.

Every reading the checker relied on is in model.Rubric.decisions; those it took by default
are hints here, so a committee states each choice once, visibly. A hint names only the other
readings that would change some unit's score (alternatives.py), with facts that show the
difference; where no other reading changes anything, the wording leaves nothing open that
matters and there is no hint. 「之前/之后」 defaults are GL303's business (tiers.py), with the
tier context.
"""
from __future__ import annotations

import re

from .. import model as m
from ..numerals import format_decimal as fmt
from ..readings import READINGS
from .alternatives import Alternatives
from .context import Context
from ..i18n import built

STEP_WORDING = re.compile(r"每[^扣得加,，;；。]*")  # 每差1个, 每低1个百分点, 每下降1位: up to the amount


def check(ctx: Context) -> None:
    alternatives = Alternatives(ctx)
    for decision in ctx.rubric.decisions:
        if decision.origin != "默认" or decision.key == "边界":
            continue
        reading = READINGS[decision.key]
        # 计分方式's default is the inference itself: 「按条款推断」 is the reading already taken
        same = {decision.value, "按条款推断"} if decision.key == "计分方式" else {decision.value}
        compared = [alternatives.compare(decision, v) for v in reading.values if v not in same]
        offered = [c for c in compared if c.differs]
        if not offered:
            continue
        where = built("细则开头") if not reading.per_item else built("细则开头(全部指标)或本项下")
        others = "、".join(f"「{c.value}」" for c in offered)
        wording, question = decision.wording, reading.question
        if decision.key == "每低":
            wording, question = _step_question(ctx, decision) or (wording, question)
        ctx.report("GL001", decision.span, severity="hint", item=decision.path,
                   wording=wording, key=decision.key, value=decision.value, question=question,
                   witness=next((c.witness for c in offered if c.witness is not None), None),
                   help=built("在{where}写明「{decision_key}:{decision_value}(理由:「…」)」;{x}{others},可用 govrubric score --reading {decision_key}={value} 比较",
                              where=where, decision_key=decision.key, decision_value=decision.value,
                              x=built("另一种读法是") if len(offered) == 1 else built("其他读法是"),
                              others=others, value=offered[0].value))


def _step_question(ctx: Context, decision: m.Decision) -> tuple[str, str] | None:
    """The clause's own step (「每差1个」, 「每下降1位」) and the question put in its unit."""
    node = ctx.by_path.get(decision.path)
    if node is None:
        return None
    rule = next((r for r in node.rules if isinstance(r, m.PerStep)
                 and r.span.start <= decision.span.start and decision.span.end <= r.span.end), None)
    if rule is None:
        return None
    found = STEP_WORDING.search(ctx.source.text, decision.span.end, rule.span.end)
    step = found.group(0).rstrip() if found else f"每{fmt(rule.step)}{rule.measure}"
    return (built("按差距计分「{step}」", step=step),
            built("不足{step}的部分计不计", step=f"{fmt(rule.step)}{rule.measure}"))
