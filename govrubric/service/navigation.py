"""Finding one's way in a rubric: where each fact is declared and read, what hovering over a name or an
item shows, completion inside 「…」 and 【…】, and the item tree as an outline.

Names come from the syntax tree (ast.Name, with its span including the brackets), so navigation works
as soon as the text parses, even while check still reports errors; what needs meaning (a fact's
expected values, an item's reachable range, the readings) comes from the checked model when there is one.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Iterable, Iterator

import attrs

from .. import ast
from .. import model as m
from ..numerals import format_decimal as fmt
from ..source import Span

if TYPE_CHECKING:
    from . import Document

# Names in these places are not facts even when they spell one: options of a 「…」之一 test, categories.
_NOT_FACTS = {(ast.CondIn, "options"), (ast.CohortDef, "scope_categories"), (ast.HeaderPiece, "names")}


@attrs.frozen
class Declared:
    name: str
    span: Span  # the 「name」 in the declaration
    decl: ast.FactDecl


@attrs.frozen
class Hover:
    span: Span  # what the hover is about (the name, or the item's heading)
    title: str
    lines: tuple[str, ...]
    links: tuple[tuple[str, Span], ...] = ()  # (words, place): the declaration, the items that read a fact

    def markdown(self) -> str:
        return "\n\n".join([f"**{_md(self.title)}**"] + [_md(line) for line in self.lines])

    def to_json(self, positions) -> dict:
        return {"range": positions.range_json(self.span), "title": self.title, "lines": list(self.lines),
                "links": [{"text": words, "range": positions.range_json(span)} for words, span in self.links],
                "markdown": self.markdown()}


@attrs.frozen
class Completion:
    label: str
    kind: str  # fact, category, title
    detail: str
    replace: Span  # the half-typed name after the bracket
    close: str  # the closing bracket to add when it is not there yet

    def to_json(self, positions) -> dict:
        return {"label": self.label, "kind": self.kind, "detail": self.detail,
                "range": positions.range_json(self.replace), "insert": self.label + self.close}


@attrs.frozen
class Symbol:
    name: str
    kind: str  # item or fact
    detail: str
    span: Span
    selection: Span
    children: tuple["Symbol", ...] = ()

    def to_json(self, positions) -> dict:
        return {"name": self.name, "kind": self.kind, "detail": self.detail,
                "range": positions.range_json(self.span), "selection": positions.range_json(self.selection),
                "children": [c.to_json(positions) for c in self.children]}


class NameIndex:
    """Every fact declaration and every place a declared fact is named, from the syntax tree."""

    def __init__(self, doc: "Document") -> None:
        self.doc = doc
        tree = doc.loaded.tree
        self.declared: dict[str, Declared] = {}
        self.uses: list[tuple[Span, str]] = []  # (span, fact name), in file order
        if tree is None:
            return
        for decl in _declarations(tree):
            self.declared.setdefault(decl.name.text, Declared(decl.name.text, decl.name.span, decl))
        names: list[tuple[ast.Name, bool]] = []
        _names(tree, True, names)
        self.uses = sorted(((name.span, name.text) for name, fact_place in names
                            if fact_place and name.text in self.declared), key=lambda use: use[0].start)
        self._starts = [span.start for span, _ in self.uses]

    def name_at(self, offset: int) -> tuple[Span, str] | None:
        """The fact named (declared or used) at offset, with the span of its 「…」."""
        for declared in self.declared.values():
            if declared.span.start <= offset <= declared.span.end:
                return declared.span, declared.name
        at = bisect.bisect_right(self._starts, offset) - 1
        if at >= 0:
            span, name = self.uses[at]
            if span.start <= offset <= span.end:
                return span, name
        return None

    def definition(self, offset: int) -> Span | None:
        found = self.name_at(offset)
        return self.declared[found[1]].span if found else None

    def references(self, offset: int, include_declaration: bool = True) -> list[Span]:
        found = self.name_at(offset)
        if found is None:
            return []
        spans = [span for span, name in self.uses if name == found[1]]
        if include_declaration:
            spans.insert(0, self.declared[found[1]].span)
        return spans

    def uses_of(self, name: str) -> list[Span]:
        return [span for span, used in self.uses if used == name]


def _declarations(tree: ast.Rubric) -> Iterator[ast.FactDecl]:
    yield from tree.facts

    def walk(items) -> Iterator[ast.FactDecl]:
        for item in items:
            yield from item.facts
            yield from walk(item.children)

    yield from walk(tree.items)


def _names(node, fact_place: bool, found: list) -> None:
    """Every ast.Name below node, with whether a fact may be named there; FactDecl's own name is its
    declaration, not a use."""
    if isinstance(node, ast.Name):
        found.append((node, fact_place))
        return
    if isinstance(node, tuple):
        for child in node:
            _names(child, fact_place, found)
        return
    if not attrs.has(type(node)):
        return
    for field in attrs.fields(type(node)):
        if isinstance(node, ast.FactDecl) and field.name == "name":
            continue
        value = getattr(node, field.name)
        if isinstance(value, (ast.Name, tuple)) or attrs.has(type(value)):
            _names(value, fact_place and (type(node), field.name) not in _NOT_FACTS, found)


# ------------------------------------------------------------------ items
def _items_at(tree: ast.Rubric, offset: int) -> list[ast.Item]:
    """The items whose text holds offset, outermost first."""
    chain: list[ast.Item] = []
    items = tree.items
    while True:
        # the last that starts before offset: an item's span can run on over the next one's heading
        inner = next((item for item in reversed(items) if item.span.start <= offset <= item.span.end), None)
        if inner is None:
            return chain
        chain.append(inner)
        items = inner.children


def _node_for(doc: "Document", item: ast.Item) -> m.Node | None:
    """The model's node of a syntax item: the node that starts where the item starts."""
    model = doc.loaded.model
    if model is None:
        return None
    return next((node for node in model.nodes() if node.span.start == item.span.start), None)


def _innermost_node(doc: "Document", offset: int) -> m.Node | None:
    model = doc.loaded.model
    if model is None:
        return None
    found = None
    for node in model.nodes():
        if node.span.start <= offset <= node.span.end and (found is None or node.span.start >= found.span.start):
            found = node
    return found


# ------------------------------------------------------------------ hover
def hover(doc: "Document", offset: int) -> Hover | None:
    index = doc.index
    found = index.name_at(offset)
    if found is not None:
        return _fact_hover(doc, found[0], found[1])
    tree = doc.loaded.tree
    if tree is None:
        return None
    chain = _items_at(tree, offset)
    if chain and chain[-1].head.span.start <= offset <= chain[-1].head.span.end:
        return _item_hover(doc, chain[-1])
    return None


def _fact_hover(doc: "Document", span: Span, name: str) -> Hover:
    declared = doc.index.declared[name]
    model = doc.loaded.model
    fact = model.facts.get(name) if model is not None else None
    decl = declared.decl
    kind = m.KIND_ZH.get(decl.type.kind, decl.type.kind) + (f"({decl.type.measure})" if decl.type.measure else "")
    line = doc.at(declared.span.start).line
    lines = [f"类型:{kind}" + (",可空(可以不填)" if decl.optional else "")]
    if fact is not None:
        lines.append(("计分时由全体单位计算:" + fact.cohort.text) if fact.cohort is not None
                     else f"应填:{fact.expected()}")
    elif decl.type.options:
        lines.append("可选:" + "、".join(decl.type.options))
    lines.append(f"声明:第{line}行 {_line_text(doc, declared.span.start)}")
    links = [(f"声明(第{line}行)", declared.span)]
    readers: dict[str, Span] = {}
    for use in doc.index.uses_of(name):
        node = _innermost_node(doc, use.start)
        where = node.path if node is not None else f"第{doc.at(use.start).line}行"
        readers.setdefault(where, use)
    if readers:
        lines.append(f"用到它的指标({len(readers)}):" + "、".join(readers))
        links += [(where, use) for where, use in readers.items()]
    else:
        lines.append("没有任何条款用到它")
    return Hover(span, f"事实「{name}」", tuple(lines), tuple(links))


def _item_hover(doc: "Document", item: ast.Item) -> Hover:
    head = item.head
    title = " ".join(part for part in (head.label, f"【{head.title}】" if head.title else None) if part)
    lines = [f"分值:{fmt(head.points)}分" if head.points is not None else "分值:未写"]
    node = _node_for(doc, item)
    if node is not None:
        from ..diff import range_text

        reach = doc.reach.node(node)
        lines.append("可能得分:" + range_text(None if reach is None else (reach.low.value, reach.high.value))
                     + "(lint 的精确范围)")
        lines.append("计分方式:" + ("从满分扣减" if node.base == "full" else "从零计分") + f"({node.base_reason})")
        if node.applies_to is not None:
            lines.append("适用:" + "、".join(sorted(node.applies_to)))
        readings = [d for d in doc.loaded.model.decisions if d.path == node.path]
        for d in readings:
            why = f",理由:{d.reason}" if d.reason else ""
            lines.append(f"口径:{d.key} = {d.value}({d.origin}{why});原文:{d.wording}")
        if not readings:
            lines.append("口径:本项没有需要选择读法的写法")
    return Hover(head.span, title or "指标", tuple(lines))


def _line_text(doc: "Document", offset: int) -> str:
    line = doc.at(offset).line
    return doc.loaded.source.line_text(line).strip()


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


# ------------------------------------------------------------------ completion
OPENERS = {"「": ("」", "fact"), "【": ("】", "title")}


def completions(doc: "Document", offset: int, names: Iterable[str] = (), titles: Iterable[str] = ()) -> list[Completion]:
    text = doc.text or ""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    opener_at = max(before.rfind("「"), before.rfind("【"))
    if opener_at < 0:
        return []
    opener = before[opener_at]
    closer, kind = OPENERS[opener]
    typed = before[opener_at + 1:]
    if "」" in typed or "】" in typed:
        return []
    line_end = text.find("\n", offset)
    after = text[offset:len(text) if line_end < 0 else line_end]
    closed_at = after.find(closer)
    if closed_at >= 0 and not any(o in after[:closed_at] for o in OPENERS):  # inside a written name: replace it
        replace, close = Span(line_start + opener_at + 1, offset + closed_at), ""
    else:
        replace, close = Span(line_start + opener_at + 1, offset), closer
    if kind == "fact":
        candidates = _fact_candidates(doc, names)
    else:
        candidates = [(title, "title", "指标标题") for title in dict.fromkeys([*_titles(doc), *titles])]
    return [Completion(label, what, detail, replace, close) for label, what, detail in candidates
            if typed in label]


def _fact_candidates(doc: "Document", earlier: Iterable[str]) -> list[tuple[str, str, str]]:
    found: dict[str, tuple[str, str, str]] = {}
    for name, declared in doc.index.declared.items():
        found[name] = (name, "fact", "事实:" + m.KIND_ZH.get(declared.decl.type.kind, declared.decl.type.kind))
    for name in earlier:
        found.setdefault(name, (name, "fact", "事实"))
    model = doc.loaded.model
    if model is not None:
        for category in model.categories:
            found.setdefault(category, (category, "category", "单位类别"))
    return list(found.values())


def _titles(doc: "Document") -> list[str]:
    tree = doc.loaded.tree
    found: list[str] = []

    def walk(items) -> None:
        for item in items:
            if item.head.title:
                found.append(item.head.title)
            walk(item.children)

    if tree is not None:
        walk(tree.items)
    return found


def known_names(doc: "Document") -> tuple[list[str], list[str]]:
    """The fact names and titles of a version, to offer while a later version does not parse."""
    return list(doc.index.declared), _titles(doc)


# ------------------------------------------------------------------ outline
def symbols(doc: "Document") -> list[Symbol]:
    tree = doc.loaded.tree
    if tree is None:
        return []
    facts = [_fact_symbol(decl) for decl in tree.facts]
    return facts + [_item_symbol(item) for item in tree.items]


def _item_symbol(item: ast.Item) -> Symbol:
    head = item.head
    name = " ".join(part for part in (head.label, f"【{head.title}】" if head.title else None) if part) or "○"
    detail = f"{fmt(head.points)}分" if head.points is not None else ""
    children = tuple(_fact_symbol(decl) for decl in item.facts) + tuple(_item_symbol(c) for c in item.children)
    return Symbol(name, "item", detail, item.span, head.span, children)


def _fact_symbol(decl: ast.FactDecl) -> Symbol:
    return Symbol(f"「{decl.name.text}」", "fact", m.KIND_ZH.get(decl.type.kind, decl.type.kind),
                  decl.span, decl.name.span)
