"""GL8xx: copy-paste. Two different items whose scoring text is the same, word for word."""
from __future__ import annotations

import re

from ..diagnostics import HINT
from .context import Context

# clause numbering and punctuation widths do not make two texts different
_LABEL = re.compile(r"^\s*(?:[((][0-9一二三四五六七八九十]+[))]|[0-9]+[.．、])\s*")
_WIDTH = str.maketrans(",;:()%。", ",;:()%.")


def scoring_text(node) -> str:
    parts = []
    for rule in node.rules:
        text = _LABEL.sub("", rule.text).translate(_WIDTH)
        parts.append(re.sub(r"\s+", "", text).rstrip(".;,"))
    return "|".join(parts)


def check(ctx: Context) -> None:
    seen: dict[str, object] = {}
    for node in ctx.rubric.nodes():
        text = scoring_text(node)
        if not text:
            continue
        if text in seen:
            ctx.report("GL801", ctx.node_head(node), severity=HINT, item=node.path, other=seen[text].path,
                       help="核对原文:两项考的不是同一件事时,本项的评分标准多半抄错了")
        else:
            seen[text] = node
