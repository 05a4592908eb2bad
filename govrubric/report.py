"""Results → what people read: terminal tables and explained trees (rich), and JSON."""
from __future__ import annotations

from .numerals import format_decimal as fmt
from .result import NodeResult, Result


def ranked(results: list[Result]) -> list[tuple[int, Result]]:
    """Highest total first; equal totals share a rank and the next rank skips (1, 2, 2, 4); ties keep file order."""
    order = sorted(results, key=lambda r: -r.total)
    ranks: list[tuple[int, Result]] = []
    for i, result in enumerate(order, 1):
        tied = ranks and ranks[-1][1].total == result.total
        ranks.append((ranks[-1][0] if tied else i, result))
    return ranks


def own_lines(node: NodeResult) -> list:
    """The node's explanation without the lines that only repeat its children's scores."""
    repeats = tuple(f"{c.path} 得" for c in node.children)
    return [line for line in node.lines if not (repeats and line.text.startswith(repeats))]


def ranking_table(results: list[Result], title: str, only: str | None = None):
    """Units ranked by total, with the first-level items (and 等次 after the total when the rubric has grades);
    `only` shows one unit, ranked among all. On a narrow screen titles shrink and names fold, but a number is
    never cut short."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    has_category = bool(results) and results[0].category is not None
    graded = bool(results) and results[0].graded
    rows = []
    for rank, result in ranked(results):
        if only is None or result.unit == only:
            rows.append([str(rank), result.unit] + ([result.category or ""] if has_category else [])
                        + [fmt(r.score) for r in result.roots] + [fmt(result.total)]
                        + ([grade_text(result)] if graded else []))
    roots = results[0].roots if results else ()
    headers = ["名次", "单位"] + (["类别"] if has_category else []) \
        + [f"{root.path}\n{_short(root.shown_title, 8)}".rstrip() for root in roots] + ["总分"] \
        + (["等次"] if graded else [])
    table = Table(title=Text(title, overflow="fold"), show_lines=False)
    names = (1, 2) if has_category else (1,)
    total_column = len(headers) - (2 if graded else 1)
    for index, header in enumerate(headers):
        widest = max([cell_len(row[index]) for row in rows] + [1])
        # Chinese has no spaces to wrap at: fold rather than cut; numbers keep their full width.
        words = index in names or index > total_column  # names and the grade read left to right
        table.add_column(header, overflow="fold", justify="left" if words else "right",
                         min_width=min(widest, 8) if words else max(widest, 4 if index == 0 else 1),
                         style="bold" if index == total_column else None)
    for row in rows:
        table.add_row(*row)
    return table


def explained_tree(result: Result):
    from rich.tree import Tree

    tree = Tree(f"[bold]{_escape(result.unit)}[/bold]" + (f"({_escape(result.category)})" if result.category else "")
                + f" 总分 [bold]{fmt(result.total)}[/bold]"
                + (f" 等次 [bold]{_escape(grade_text(result))}[/bold]" if result.graded else ""))
    for line in result.total_lines:
        tree.add(_escape(line.text), style="cyan")
    for root in result.roots:
        _node(tree, root)
    return tree


def _node(parent, node: NodeResult) -> None:
    points = "" if node.points is None else f"/{fmt(node.points)}"
    title = f" {_short(node.shown_title, 40)}" if node.shown_title else ""
    style = "dim" if not node.applicable else ("red" if node.vetoed else "")
    branch = parent.add(f"[bold]{_escape(node.path)}[/bold]{_escape(title)}  [bold]{fmt(node.score)}{points}[/bold]分",
                        style=style)
    for line in own_lines(node):
        where = f"  [dim](第{line.line}行)[/dim]" if line.line else ""
        branch.add(_escape(line.text) + where)
    for child in node.children:
        _node(branch, child)


def grade_text(result: Result) -> str:
    """A unit's 等次 as the reports show it: the grade, or 无 when no grade rule held."""
    return result.grade if result.grade is not None else "无"


def _short(text: str | None, width: int = 12) -> str:
    if not text:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
