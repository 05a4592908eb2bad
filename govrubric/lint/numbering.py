"""GL103: numbering that skips a number, runs backwards or repeats (一、二、四、; 1. 2. 4.; 1. 2. 2.).

A skipped number in a published rubric usually means a lost item or clause (or a renumbering that
went wrong), and the items' numbers are what the total's formula and every report name. check
refuses two sibling items numbered alike (GR203); lint reads the rest from the syntax tree:

- items: the siblings of one numbering style (一、 / (一) / 1. / (1) / ①), in writing order, each one
  more than the one before. The first starts at 1, or carries on from the same style at the same depth
  in the section before (拱墅 numbers its rows 1 to 8 across 一 to 四: 二 starts at 3.);
- clause numbers (「1.…得1分。2.…扣0.5分」) of an item and of its sub-items without a number of their
  own (○, 【…】, which an encoding uses to split one cell of the source): every number from 1 to the
  highest must be there, and none may follow itself (1. 2. 2.). Their order is not read otherwise: an
  encoding may have to move a clause after a ○ sub-item (宜良 二.7 writes its 2. last), and a list may
  start again at 1 in a new cell.
"""
from __future__ import annotations

from ..i18n import built

import itertools
import re
from typing import Iterable, Iterator

from .. import ast
from ..diagnostics import WARNING
from ..source import Span
from ..syntax import _numbering as numbering_of  # the parser's own reading of a label: one definition of styles
from .context import Context

UNNUMBERED = ("heading", "anon")
_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def check(ctx: Context) -> None:
    _items(ctx, ctx.tree.items)
    for item in _walk(ctx.tree.items):
        if item.head.style not in UNNUMBERED or item in ctx.tree.items:
            _clauses(ctx, list(_clause_labels(item)))


def _walk(items: Iterable[ast.Item]) -> Iterator[ast.Item]:
    for item in items:
        yield item
        yield from _walk(item.children)


def chinese(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (as item numbers are written)."""
    if number < 10:
        return _CN_DIGITS[number]
    if number < 20:
        return "十" + (_CN_DIGITS[number - 10] if number > 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    tail = "" if rest == 0 else ("零" + chinese(rest) if rest < 10 else chinese(rest) if rest >= 20
                                 else "一" + chinese(rest))
    return _CN_DIGITS[hundreds] + "百" + tail


def relabel(label: str, style: str, number: int) -> str:
    """The label written like `label` (brackets, 、 or .) with another number: 二、 → 三、, (2) → (3)."""
    if style == "circled":
        return _CIRCLED[number - 1] if 1 <= number <= len(_CIRCLED) else f"({number})"
    if style.startswith("dotted"):  # 1.2 → 1.3
        return re.sub(r"[0-9]+(?=[、.．]?$)", str(number), label)
    if style == "class":  # 第二类 → 第三类
        return f"第{chinese(number)}类"
    if style.startswith("letter_"):  # c21、 → c22、
        return re.sub(r"[0-9]+", str(number), label, count=1)
    core = label.strip("、.．()()")
    start = label.index(core) if core else 0
    written = chinese(number) if style.startswith("cn") else str(number)
    return label[:start] + written + label[start + len(core):]


def _items(ctx: Context, roots: tuple[ast.Item, ...]) -> None:
    last: dict[tuple[int, str], int] = {}  # (depth, style) → the last number written, across sections

    def visit(siblings: tuple[ast.Item, ...], depth: int) -> None:
        previous: dict[str, ast.ItemHead] = {}
        for item in siblings:
            head = item.head
            if head.style not in UNNUMBERED and head.number is not None:
                before = previous.get(head.style)
                carried = last.get((depth, head.style))
                if not (before is None and carried is not None and head.number == carried + 1):
                    _follow(ctx, before, head)
                previous[head.style] = head
                last[(depth, head.style)] = head.number
            visit(item.children, depth + 1)

    visit(roots, 0)


def _clause_labels(item: ast.Item) -> Iterator[tuple[str, str, int, Span]]:
    """(label, style, number, span) of the numbered clauses of the item and of its unnumbered sub-items,
    in writing order."""
    found = []

    def visit(here: ast.Item) -> None:
        for clause in here.clauses:
            if clause.label:
                style, number = numbering_of(clause.label)
                if number is not None:
                    found.append((clause.label, style, number, clause.span))
        for child in here.children:
            if child.head.style in UNNUMBERED:
                visit(child)

    visit(item)
    return iter(sorted(found, key=lambda f: f[3].start))


def _clauses(ctx: Context, labels: list[tuple[str, str, int, Span]]) -> None:
    """Every number from 1 to the highest of each style (the first one past a missing number is reported),
    none right after itself."""
    by_style: dict[str, list[tuple[str, str, int, Span]]] = {}
    for entry in labels:
        by_style.setdefault(entry[1], []).append(entry)
    for style, entries in by_style.items():
        for (before, _, number, _), (label, _, again, span) in zip(entries, entries[1:]):
            if again == number:  # a list that starts again starts at 1: the same number twice is a slip
                _report(ctx, span, built("条款序号「{before}」之后又是「{label}」,重复了", before=before.strip(),
                                         label=label.strip()))
        written = {number for _, _, number, _ in entries}
        missing = list(itertools.islice(_gaps(sorted(written)), 4))  # enough to show three and 「等」
        if not missing:
            continue
        after = min((e for e in entries if e[2] > missing[0]), key=lambda e: e[2])
        label = after[0].strip()
        shown = "、".join(f"「{relabel(label, style, n)}」" for n in missing[:3])
        shown = built("{numbers}等", numbers=shown) if len(missing) > 3 else shown
        numbers = "".join(f"「{relabel(label, style, n)}」" for n in sorted(written)[:6])
        numbers = built("{numbers}等", numbers=numbers) if len(written) > 6 else numbers
        _report(ctx, after[3], built("条款序号有{numbers},缺少{missing}", numbers=numbers, missing=shown))


def _gaps(numbers: list[int]):
    """The numbers from 1 up to the largest of `numbers` (sorted) that are not among them, lazily: a clause
    numbered with thirty digits must not make lint count to it."""
    expected = 1
    for number in numbers:
        yield from range(expected, number)
        expected = number + 1


def _follow(ctx: Context, previous: ast.ItemHead | None, head: ast.ItemHead) -> None:
    """Report the item when its number does not follow the one before (the first one should be 1)."""
    number = head.number
    expected = 1 if previous is None else previous.number + 1
    if number == expected:
        return
    label = head.label.strip()
    if previous is None:
        missing = "、".join(f"「{relabel(label, head.style, n)}」" for n in range(1, min(number, 4)))
        missing = built("{numbers}等", numbers=missing) if number > 4 else missing
        detail = built("编号从「{label}」开始,前面没有{missing}", label=label, missing=missing)
    elif number > expected:
        gone = range(expected, number)
        missing = "、".join(f"「{relabel(label, head.style, n)}」" for n in gone[:3])
        missing = built("{numbers}等", numbers=missing) if len(gone) > 3 else missing
        detail = built("编号「{before}」之后是「{label}」,缺少{missing}", before=previous.label.strip(), label=label,
                       missing=missing)
    else:
        detail = built("编号「{before}」之后是「{label}」,顺序颠倒", before=previous.label.strip(), label=label)
    _report(ctx, head.span, detail)


def _report(ctx: Context, span: Span, detail: str) -> None:
    home = ctx.homes.at(span.start)
    ctx.report("GL103", ctx.first_line(span), severity=WARNING,
               item=home.path if home is not None else None, detail=detail,
               help="核对原文的编号:缺号多半是漏了一项(或一条),倒序多半是编号抄错了;原文确实如此时照录,并在注释中说明")
