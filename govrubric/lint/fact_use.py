"""GL6xx: facts. Declared but never used; read only by items some categories are not scored on,
which those units must nevertheless fill in."""
from __future__ import annotations

from ..diagnostics import HINT, WARNING
from .context import Context
from .walk import declaring_node, rule_facts

SHOWN_NAMES = 3


def check(ctx: Context) -> None:
    rubric = ctx.rubric
    readers: dict[str, list] = {}
    for node in rubric.nodes():
        for rule in node.rules:
            for name in rule_facts(rule):
                readers.setdefault(name, []).append(node)
    unneeded: dict[tuple, list[str]] = {}
    for name, fact in rubric.facts.items():
        home = declaring_node(rubric, fact.span)
        item = home.path if home is not None else None
        if name not in readers:
            ctx.report("GL601", fact.span, severity=WARNING, item=item, name=name,
                       help="删去这个事实,或补上用到它的条款")
            continue
        if len(rubric.categories) < 2 or fact.optional:
            continue
        using = set()
        for node in readers[name]:
            scope = ctx.applies[node.id]
            using |= set(rubric.categories if scope is None else scope)
        others = [c for c in rubric.categories if c not in using]
        if others and home is not None:
            unneeded.setdefault((home.id, tuple(sorted(using)), tuple(others)), []).append(name)
    for (home_id, using, others), names in unneeded.items():
        home = next(n for n in rubric.nodes() if n.id == home_id)
        shown = "、".join(f"「{n}」" for n in names[:SHOWN_NAMES]) + ("等" if len(names) > SHOWN_NAMES else "")
        ctx.report("GL602", ctx.node_head(home), severity=HINT, item=home.path,
                   scope="、".join(f"「{c}」" for c in using), count=len(names), names=shown,
                   others="」「".join(others),
                   help="在事实类型后写「(可空)」,这些单位就可以不填")
