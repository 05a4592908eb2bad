"""Silencing a finding for one item: a comment line 「# lint: 忽略 GL201 原因:……」 inside the item.

Comments are not part of the grammar, so the source text is scanned. A comment belongs to the
item whose heading is the last one before it (between that heading and the next); one before
the first item belongs to the rubric as a whole (findings about the total, facts declared in
the header). A reason is required; without one the comment silences nothing and is itself
reported (GL901), as is a comment that silences nothing (GL902).
"""
from __future__ import annotations

import bisect
import re

import attrs

from ..diagnostics import HINT, MESSAGES, WARNING
from ..source import Span
from .context import Context
from ..i18n import built

_COMMENT = re.compile(r"[#＃][ \t]*lint[ \t]*[::](?P<body>[^\n]*)")
_BODY = re.compile(r"\s*忽略\s*(?P<codes>[A-Za-z0-9 \t,,、]+?)\s*(?:(?:原因|理由)\s*[::]\s*(?P<reason>.*))?$")
_CODE = re.compile(r"GL[0-9]{3}")
EXAMPLE = "# lint: 忽略 GL201 原因:……"


@attrs.frozen
class Silence:
    item: str | None
    codes: tuple[str, ...]
    reason: str
    span: Span


def check(ctx: Context) -> None:
    """Parse the silencing comments, mark the findings they silence, report the faulty or idle ones."""
    silences = []
    headings = _Headings(ctx)
    for match in _COMMENT.finditer(ctx.source.text):
        span = Span(match.start(), match.end())
        item = headings.item_at(match.start())
        body = _BODY.match(match.group("body"))
        if body is None:
            ctx.report("GL901", span, severity=WARNING, item=item, detail="应写作「忽略 代码 原因:……」",
                       help=built("例如「{EXAMPLE}」", EXAMPLE=EXAMPLE))
            continue
        codes = tuple(_CODE.findall(body.group("codes").upper()))
        unknown = [c for c in codes if c not in MESSAGES or c.startswith("GL9")]
        if not codes or unknown:
            ctx.report("GL901", span, severity=WARNING, item=item,
                       detail=built("「{x}」不是可以忽略的 lint 代码", x='、'.join(unknown) or body.group('codes').strip()),
                       help="代码见 docs/lint-rules.md")
            continue
        reason = (body.group("reason") or "").strip()
        if not reason:
            ctx.report("GL901", span, severity=WARNING, item=item, detail="没有写原因,这条注释不起作用",
                       help=built("写明为什么可以忽略,例如「{EXAMPLE}」", EXAMPLE=EXAMPLE))
            continue
        silences.append(Silence(item, codes, reason, span))
    _apply(ctx, silences)


class _Headings:
    """The item whose heading is the last one at or before an offset (of two at one place, the first)."""

    def __init__(self, ctx: Context) -> None:
        nodes = list(ctx.rubric.nodes())
        order = sorted(range(len(nodes)), key=lambda i: (nodes[i].span.start, i))
        self.starts = [nodes[i].span.start for i in order]
        self.paths = [nodes[i].path for i in order]

    def item_at(self, offset: int) -> str | None:
        last = bisect.bisect_right(self.starts, offset) - 1
        if last < 0:
            return None
        return self.paths[bisect.bisect_left(self.starts, self.starts[last])]


def _apply(ctx: Context, silences: list[Silence]) -> None:
    used: set[tuple[int, str]] = set()
    by_item: dict[str | None, list[tuple[int, Silence]]] = {}  # many findings, many comments: not every pair
    for number, silence in enumerate(silences):
        by_item.setdefault(silence.item, []).append((number, silence))
    for index, finding in enumerate(ctx.findings):
        for number, silence in by_item.get(finding.item, ()):
            if finding.code in silence.codes:
                ctx.findings[index] = attrs.evolve(finding, reason=silence.reason)
                used.add((number, finding.code))
                break
    for number, silence in enumerate(silences):
        for code in silence.codes:
            if (number, code) not in used:
                ctx.report("GL902", silence.span, severity=HINT, item=silence.item, silenced=code,
                           help="删去这条注释,或把它移到出现该问题的指标下")
