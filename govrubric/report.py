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
    """Units ranked by total, with the first-level items; `only` shows one unit, ranked among all."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    table.add_column("名次", justify="right")
    table.add_column("单位")
    if results and results[0].category is not None:
        table.add_column("类别")
    roots = results[0].roots if results else ()
    for root in roots:
        table.add_column(f"{root.path}\n{_short(root.title)}", justify="right")
    table.add_column("总分", justify="right", style="bold")
    for rank, result in ranked(results):
        if only is not None and result.unit != only:
            continue
        cells = [str(rank), result.unit]
        if result.category is not None:
            cells.append(result.category)
        cells += [fmt(r.score) for r in result.roots]
        cells.append(fmt(result.total))
        table.add_row(*cells)
    return table


def explained_tree(result: Result):
    from rich.tree import Tree

    tree = Tree(f"[bold]{result.unit}[/bold]" + (f"({result.category})" if result.category else "")
                + f" 总分 [bold]{fmt(result.total)}[/bold]")
    for line in result.total_lines:
        tree.add(_escape(line.text), style="cyan")
    for root in result.roots:
        _node(tree, root)
    return tree


def _node(parent, node: NodeResult) -> None:
    points = "" if node.points is None else f"/{fmt(node.points)}"
    title = f" {_short(node.title, 40)}" if node.title else ""
    style = "dim" if not node.applicable else ("red" if node.vetoed else "")
    branch = parent.add(f"[bold]{_escape(node.path)}[/bold]{_escape(title)}  [bold]{fmt(node.score)}{points}[/bold]分",
                        style=style)
    for line in own_lines(node):
        where = f"  [dim](第{line.line}行)[/dim]" if line.line else ""
        branch.add(_escape(line.text) + where)
    for child in node.children:
        _node(branch, child)


def _short(text: str | None, width: int = 12) -> str:
    if not text:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
