"""Scoring results: a tree that mirrors the rubric, each number with the clause and arithmetic behind it."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .numerals import format_decimal
from .source import NO_SPAN, Span


@attrs.frozen
class Line:
    """One step of an explanation: the words, the signed amount it contributed (if any), where it came from."""

    text: str
    amount: Decimal | None = None
    span: Span = attrs.field(default=NO_SPAN, eq=False)
    line: int | None = attrs.field(default=None, eq=False)
    fired: bool = attrs.field(default=False, eq=False)  # the clause's outcome applied (coverage, reports)


@attrs.frozen
class NodeResult:
    node_id: int
    path: str
    title: str | None
    points: Decimal | None
    score: Decimal
    lines: tuple[Line, ...]
    children: tuple["NodeResult", ...]
    applicable: bool = True
    vetoed: bool = False
    # 加分带入上级: the part of score the item passes up (model.Node.bonus_passes), else 0; its parent adds it after
    # its own limits, unless it writes its cap out (model.passed_in)
    passed: Decimal = Decimal(0)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def shown_title(self) -> str | None:
        """The title to print beside the path: none when the path already ends with it as 【标题】."""
        if self.title is None or self.path.endswith(f"【{self.title}】"):
            return None
        return self.title


@attrs.frozen
class Result:
    unit: str
    category: str | None
    total: Decimal
    total_lines: tuple[Line, ...]
    roots: tuple[NodeResult, ...]
    graded: bool = False  # the rubric has grades (等次); then grade is the unit's, or None when no rule gave one
    grade: str | None = None

    def nodes(self):
        for root in self.roots:
            yield from root.walk()

    def scores(self) -> dict[str, Decimal]:
        """Every node's score by its numbering path, and the total under "总分"."""
        found = {node.path: node.score for node in self.nodes()}
        found["总分"] = self.total
        return found

    def to_json(self) -> dict:
        def node(n: NodeResult) -> dict:
            return {
                "path": n.path,
                "title": n.title,
                "points": None if n.points is None else format_decimal(n.points),
                "score": format_decimal(n.score),
                "applicable": n.applicable,
                "vetoed": n.vetoed,
                "explanation": [line_json(x) for x in n.lines],
                "children": [node(c) for c in n.children],
            }

        found = {
            "unit": self.unit,
            "category": self.category,
            "total": format_decimal(self.total),
        }
        if self.graded:  # only a rubric with grades says 等次, so that other results read as before
            found["grade"] = self.grade
        found["explanation"] = [line_json(x) for x in self.total_lines]
        found["items"] = [node(r) for r in self.roots]
        return found


def line_json(line: Line) -> dict:
    return {"text": line.text, "amount": None if line.amount is None else format_decimal(line.amount),
            "line": line.line}


def signed(amount: Decimal) -> str:
    """+1, −0.3, 0: the sign written out, with a true minus sign."""
    if amount > 0:
        return f"+{format_decimal(amount)}"
    if amount < 0:
        return f"−{format_decimal(-amount)}"
    return "0"
