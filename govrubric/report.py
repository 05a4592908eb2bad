"""Results → what people read: terminal tables and explained trees (rich), and JSON.

Names and values come from outside: every one is shown through textsafe, so an ESC sequence in a unit
name reaches the terminal as the text \\x1b, not as a command."""
from __future__ import annotations

from .numerals import format_decimal as fmt
from .result import NodeResult, Result
from .textsafe import terminal_value


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
    from .evaluate import child_line
    from .numerals import format_decimal

    repeats = {child_line(c.path, format_decimal(c.score), passed) for c in node.children for passed in {c.passed, 0}}
    return [line for line in node.lines if line.text not in repeats]


TERMINAL_WIDTH = 80  # the table fits a standard terminal; the full table goes to files (-o)


def ranking_table(results: list[Result], title: str, only: str | None = None, rows=None, width: int = TERMINAL_WIDTH,
                  rank_heading: str = "名次"):
    """Units ranked by total (`rows`: (rank, result) pairs when ranked otherwise, e.g. within categories), with
    the first-level items under their numbers only and a legend of their titles below; when that does not fit
    `width` unfolded, the items are left out (the caption says where to find them). A number is never cut short."""
    from rich import box
    from rich.cells import cell_len

    from .i18n import say, word
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    has_category = bool(results) and results[0].category is not None
    graded = bool(results) and results[0].graded
    pairs = [(rank, result) for rank, result in (rows if rows is not None else ranked(results))
             if only is None or result.unit == only]
    roots = results[0].roots if results else ()

    def build(with_items: bool, heading: str = rank_heading):
        headers = [heading, word("单位")] + ([word("类别")] if has_category else []) \
            + ([_escape(root.path) for root in roots] if with_items else []) + [word("总分")] + ([word("等次")] if graded else [])
        lines = [[str(rank), _escape(result.unit)] + ([_escape(result.category or "")] if has_category else [])
                 + ([fmt(r.score) for r in result.roots] if with_items else []) + [fmt(result.total)]
                 + ([_escape(grade_text(result))] if graded else []) for rank, result in pairs]
        if with_items:
            legend = ";".join(f"{shown(root.path)} {shown(_short(root.shown_title, 10))}" for root in roots
                              if root.shown_title)
        else:
            legend = say("各项得分见 --explain,或 -o 报告.xlsx")
        table = Table(title=Text(shown(title), overflow="fold"), caption=Text(legend, overflow="fold"), show_lines=False,
                      box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False)
        names = (1, 2) if has_category else (1,)
        total_column = len(headers) - (2 if graded else 1)
        for index, header in enumerate(headers):
            widest = max([cell_len(row[index]) for row in lines] + [cell_len(part) for part in header.split("\n")])
            words = index in names or index > total_column  # names and the grade read left to right
            # Chinese has no spaces to wrap at: names fold rather than cut; numbers keep their full width.
            table.add_column(header, overflow="fold", justify="left" if words else "right", no_wrap=not words,
                             min_width=min(widest, 6) if words else widest,
                             style="bold" if index == total_column else None)
        for line in lines:
            table.add_row(*line)
        return table

    def fits(table) -> bool:
        return Console(width=10_000, file=__import__("io").StringIO()).measure(table).maximum <= width  # unclamped

    table = build(True)
    if not fits(table):  # a long rank heading (类别内名次) over numbers of two digits: on two lines
        table = build(True, _two_lines(rank_heading))
    if not fits(table):  # the items would squeeze the names into folds: leave them to the files
        table = build(False)
    return table


def _two_lines(heading: str) -> str:
    """A heading on two lines: at the space nearest its middle (Rank in / category), else halved (类别内 / 名次)."""
    middle = len(heading) / 2
    spaces = [at for at, char in enumerate(heading) if char == " "]
    if spaces:
        at = min(spaces, key=lambda at: abs(at - middle))
        return heading[:at] + "\n" + heading[at + 1:]
    at = (len(heading) + 1) // 2
    return heading[:at] + "\n" + heading[at:] if len(heading) > 1 else heading


def explained_tree(result: Result):
    from rich.tree import Tree

    from .i18n import word

    tree = Tree(f"[bold]{_escape(result.unit)}[/bold]" + (f"({_escape(result.category)})" if result.category else "")
                + f" {word('总分')} [bold]{fmt(result.total)}[/bold]"
                + (f" {word('等次')} [bold]{_escape(grade_text(result))}[/bold]" if result.graded else ""))
    for line in result.total_lines:
        tree.add(_escape(line.text), style="cyan")
    for root in result.roots:
        _node(tree, root)
    return tree


def _node(parent, node: NodeResult) -> None:
    points = "" if node.points is None else f"/{fmt(node.points)}"
    title = f" {_short(node.shown_title, 40)}" if node.shown_title else ""
    style = "dim" if not node.applicable else ("red" if node.vetoed else "")
    from .i18n import word

    scored = word("{score}分", score=f"[bold]{fmt(node.score)}{points}[/bold]")
    branch = parent.add(f"[bold]{_escape(node.path)}[/bold]{_escape(title)}  {scored}", style=style)
    for line in own_lines(node):
        where = f"  [dim]{word('(第{line}行)', line=line.line)}[/dim]" if line.line else ""
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
    """Outside text inside rich markup: markup escaped, hidden characters (ESC sequences …) shown as escapes."""
    from rich.markup import escape

    return escape(shown(text))


def shown(text: str) -> str:
    """A name or value from the rubric or the facts, as a terminal may show it (textsafe.terminal_value)."""
    return terminal_value(text)
