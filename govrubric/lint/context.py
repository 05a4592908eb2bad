"""What every lint rule reads (the loaded rubric, its model, the range analysis) and how it reports a finding."""
from __future__ import annotations

from functools import cached_property
from typing import Any

import attrs

from .. import model as m
from ..diagnostics import Diagnostic, make
from ..source import NO_SPAN, SourceFile, Span
from .domains import Domains
from .reach import Analysis
from .variants import NodeChange, rebuilt
from .walk import Homes, effective_applies, parents, subtree_facts
from .witness import Witness, present


@attrs.frozen
class Finding:
    """A diagnostic, with the facts that show it (if any) and, when silenced, the reason given."""

    diagnostic: Diagnostic
    witness: Witness | None = None
    reason: str | None = None  # set when a 「# lint: 忽略 …」 comment silences it

    @property
    def code(self) -> str:
        return self.diagnostic.code

    @property
    def item(self) -> str | None:
        return self.diagnostic.item

    @property
    def silenced(self) -> bool:
        return self.reason is not None


class Context:
    def __init__(self, loaded) -> None:
        self.loaded = loaded
        self.rubric: m.Rubric = loaded.model
        self.source: SourceFile = loaded.source
        self.tree = loaded.tree
        self.findings: list[Finding] = []
        self.applies = effective_applies(self.rubric)
        self.parent_of = parents(self.rubric)
        # nodes whose children's points already explain a range problem (GL101): excess / shortfall
        self.points_excess: set[int] = set()
        self.points_shortfall: set[int] = set()
        self._variants: dict[NodeChange, Analysis] = {}

    @cached_property
    def domains(self) -> Domains:
        return Domains(self.rubric)

    @cached_property
    def analysis(self) -> Analysis:
        return Analysis(self.rubric, self.domains)

    def variant(self, change: NodeChange) -> Analysis:
        """The range analysis of the rubric with every node passed through change (variants.py), made once."""
        if change not in self._variants:
            self._variants[change] = Analysis(rebuilt(self.rubric, change), self.domains)
        return self._variants[change]

    @cached_property
    def homes(self) -> Homes:
        return Homes(self.rubric)

    @cached_property
    def by_id(self) -> dict[int, m.Node]:
        return {node.id: node for node in self.rubric.nodes()}

    @cached_property
    def by_path(self) -> dict[str, m.Node]:
        found: dict[str, m.Node] = {}
        for node in self.rubric.nodes():
            found.setdefault(node.path, node)  # the first, as a search in order finds it
        return found

    @cached_property
    def any_category_decides(self) -> bool:
        every = frozenset(self.rubric.categories)
        return bool(m.category_tests(self.rubric)) or any(
            self.applies[n.id] is not None and self.applies[n.id] != every for n in self.rubric.nodes())

    def report(self, code: str, span: Span, *, severity: str, item: str | None, help: str | None = None,
               witness: Witness | None = None, **fields: Any) -> None:
        diag = make(code, span, self.source, severity=severity, help=help, item=item, **fields)
        self.findings.append(Finding(diag, witness))

    def header_span(self, key: str) -> Span:
        """Where a header line (总分, 满分, 细则 …) is written; the file's start when it is not."""
        for piece in self.tree.header:
            if piece.key == key:
                return piece.span
        return NO_SPAN

    def total_span(self) -> Span:
        span = self.header_span("总分")
        if span == NO_SPAN:
            span = self.header_span("满分")
        if span == NO_SPAN and self.rubric.roots:
            span = self.rubric.roots[0].span
        return span

    def node_head(self, node: m.Node) -> Span:
        """The item's heading line (the caret should not run over the whole item)."""
        return self.first_line(node.span)

    def first_line(self, span: Span) -> Span:
        """The span cut at its first line end."""
        end = self.source.text.find("\n", span.start)
        return Span(span.start, span.end if end < 0 else min(end, span.end))

    def witness(self, facts: dict[str, Any], category: str | None, outcome: str,
                node: m.Node | None = None, scope=None) -> Witness:
        """A witness naming the facts that matter for the node (or the whole rubric)."""
        if scope is None:
            scope = subtree_facts(node) if node is not None else self.rubric.facts
        shown = self.show_category(node)
        if m.CATEGORY in facts and m.CATEGORY not in self.rubric.facts:  # a clause tests 「单位类别」为「…」
            facts = dict(facts)
            category, shown = facts.pop(m.CATEGORY), True
        named, partial = present(self.domains, facts, scope)
        return Witness(named, category, outcome, partial, shown)

    def show_category(self, node: m.Node | None) -> bool:
        """Whether a witness must say the unit's category: when 适用 decides what is scored."""
        if not self.rubric.categories:
            return False
        if node is None:
            return self.any_category_decides
        every = frozenset(self.rubric.categories)
        return any((self.applies[n.id] is not None and self.applies[n.id] != every)
                   or any(m.reads_category(rule) for rule in n.rules) for n in node.walk())
