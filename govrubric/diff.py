"""`govrubric diff`: what changed between two versions of a rubric, item by item.

Items are matched first by numbering path and title together, then by title alone (a renumbered
or moved item keeps its title), then under matched parents by their own numbering (untitled ○
items, retitled ones). Unmatched items were added or removed. For each matched pair: title,
points, applicability, limits, scoring base, 考核对象/查验方法, and the clauses, compared by what
they mean (render.rule_words), shown in the words the author wrote. The reachable range of every
item comes from the lint range analysis (lint/reach.py). backtest.py scores last year's units under
both versions.
"""
from __future__ import annotations

import difflib
from decimal import Decimal

import attrs

from . import ast
from . import model as m
from .i18n import listed, say, type_word, word, worded
from .numerals import format_decimal as num
from .render import Wording, bounds_words, grade_words, rule_words, total_words, wording_for


@attrs.frozen
class Change:
    what: str  # 标题, 分值, 适用, 上下限, 计分方式, 考核对象, 查验方法; 事实「名」 for a fact's type
    old: str  # in the language chosen (i18n), the rubric's words as written
    new: str
    fact: str | None = None  # the fact whose type changed


@attrs.frozen
class ClauseChange:
    status: str  # added, removed, changed
    old: str | None  # the clause as written
    new: str | None
    old_meaning: str | None  # the clause as render words it from the model
    new_meaning: str | None


@attrs.frozen
class ItemChange:
    status: str  # added, removed, changed
    old_path: str | None
    new_path: str | None
    title: str | None
    matched_by: str | None  # 编号和标题, 标题, 编号
    moved: bool
    changes: tuple[Change, ...] = ()
    clauses: tuple[ClauseChange, ...] = ()
    old_range: tuple[Decimal, Decimal] | None = None
    new_range: tuple[Decimal, Decimal] | None = None

    @property
    def range_changed(self) -> bool:
        return self.old_range != self.new_range


@attrs.frozen
class RubricDiff:
    old_path: str
    new_path: str
    header: tuple[Change, ...]
    facts_added: tuple[str, ...]
    facts_removed: tuple[str, ...]
    facts_changed: tuple[Change, ...]
    items: tuple[ItemChange, ...]  # only items with a change, in the new rubric's order, removed ones last
    pairs: tuple[tuple[m.Node, m.Node], ...]  # every matched pair (old, new), for the back-test
    added: tuple[m.Node, ...]
    removed: tuple[m.Node, ...]

    @property
    def empty(self) -> bool:
        return not (self.header or self.facts_added or self.facts_removed or self.facts_changed or self.items)


# ------------------------------------------------------------------ matching
def match_nodes(old: m.Rubric, new: m.Rubric) -> tuple[list[tuple[m.Node, m.Node, str]], list, list]:
    """(old, new, how) pairs, unmatched old nodes, unmatched new nodes."""
    olds, news = list(old.nodes()), list(new.nodes())
    pairs: dict[int, tuple[m.Node, str]] = {}  # old id → (new node, how)
    taken: set[int] = set()

    def pair(a: m.Node, b: m.Node, how: str) -> None:
        pairs[a.id] = (b, how)
        taken.add(b.id)

    by_key = {(n.path, n.title): n for n in news}
    for node in olds:
        found = by_key.get((node.path, node.title))
        if found is not None and found.id not in taken:
            pair(node, found, "编号和标题")
    _by_unique_title(olds, news, pairs, taken, pair)
    _under_matched_parents(old, new, pairs, taken, pair)
    matched = [(a, pairs[a.id][0], pairs[a.id][1]) for a in olds if a.id in pairs]
    return matched, [a for a in olds if a.id not in pairs], [b for b in news if b.id not in taken]


def _by_unique_title(olds, news, pairs, taken, pair) -> None:
    def unique(nodes, skip) -> dict:
        count: dict[str, list] = {}
        for node in nodes:
            if node.title and node.id not in skip:
                count.setdefault(node.title, []).append(node)
        return {title: found[0] for title, found in count.items() if len(found) == 1}

    left, right = unique(olds, pairs), unique(news, taken)
    for title, node in left.items():
        if title in right:
            pair(node, right[title], "标题")


def _under_matched_parents(old: m.Rubric, new: m.Rubric, pairs, taken, pair) -> None:
    """Children of matched parents (and the roots) that are still unmatched, by their own numbering; but an item
    whose title and clauses both changed is another item under the old number: removed, and the new one added."""
    queue = [(old.roots, new.roots)]
    while queue:
        left, right = queue.pop()
        free = {n.label: n for n in right if n.id not in taken}
        for node in left:
            if node.id not in pairs and node.label in free and _same_item(node, free[node.label]):
                pair(node, free.pop(node.label), "编号")
        for node in left:
            if node.id in pairs:
                queue.append((node.children, pairs[node.id][0].children))


def _same_item(old: m.Node, new: m.Node) -> bool:
    """The same item renumbered or reworded: its title or its clauses (as written, spaces aside) unchanged."""
    def clauses(node: m.Node) -> tuple[str, ...]:
        return tuple("".join(rule.text.split()).rstrip("。") for rule in node.rules)

    return old.title == new.title or clauses(old) == clauses(new)


# ------------------------------------------------------------------ comparing
def compare(old_rubric, new_rubric) -> RubricDiff:
    """old_rubric, new_rubric: loaded rubrics (govrubric.load) that checked clean."""
    from .lint.reach import Analysis

    old, new = old_rubric.model, new_rubric.model
    old_words, new_words = wording_for(old, old_rubric.tree), wording_for(new, new_rubric.tree)
    old_heads, new_heads = _heads(old, old_rubric.tree), _heads(new, new_rubric.tree)
    old_reach, new_reach = _Ranges(Analysis(old)), _Ranges(Analysis(new))
    matched, removed, added = match_nodes(old, new)
    parent_of_old, parent_of_new = _parents(old), _parents(new)
    match_of = {a.id: b.id for a, b, _ in matched}

    changes: dict[int, ItemChange] = {}
    for a, b, how in matched:
        moved = a.label != b.label or match_of.get(parent_of_old.get(a.id)) != parent_of_new.get(b.id)
        item = ItemChange(
            "changed", a.path, b.path, b.title or a.title, how, moved,
            tuple(_node_changes(a, b, old_heads.get(a.id), new_heads.get(b.id))),
            tuple(_clause_changes(a, b, old_words, new_words)),
            old_reach.of(a), new_reach.of(b))
        if item.moved or item.changes or item.clauses or item.range_changed:
            changes[b.id] = item
    order = [changes[n.id] for n in new.nodes() if n.id in changes]
    added_ids = {n.id for n in added}
    for node in new.nodes():
        if node.id in added_ids:
            order.append(ItemChange("added", None, node.path, node.title, None, False,
                                    clauses=tuple(ClauseChange("added", None, r.text, None, rule_words(r, new_words))
                                                  for r in node.rules),
                                    new_range=new_reach.of(node)))
    order.sort(key=_new_position(new))
    for node in removed:
        order.append(ItemChange("removed", node.path, None, node.title, None, False,
                                clauses=tuple(ClauseChange("removed", r.text, None, rule_words(r, old_words), None)
                                              for r in node.rules),
                                old_range=old_reach.of(node)))
    added_facts = tuple(n for n in new.facts if n not in old.facts)
    removed_facts = tuple(n for n in old.facts if n not in new.facts)
    changed_facts = tuple(Change(f"事实「{n}」", _fact_type(old.facts[n]), _fact_type(new.facts[n]), fact=n)
                          for n in new.facts if n in old.facts and _fact_type(old.facts[n]) != _fact_type(new.facts[n]))
    return RubricDiff(old.path, new.path, tuple(_header_changes(old, new)), added_facts, removed_facts, changed_facts,
                      tuple(order), tuple((a, b) for a, b, _ in matched), tuple(added), tuple(removed))


def _new_position(new: m.Rubric):
    position = {n.path: i for i, n in enumerate(new.nodes())}
    return lambda item: position.get(item.new_path, len(position))


def _parents(rubric: m.Rubric) -> dict[int, int | None]:
    found: dict[int, int | None] = {}
    for node in rubric.nodes():
        for child in node.children:
            found[child.id] = node.id
    return found


def _heads(rubric: m.Rubric, tree: ast.Rubric | None) -> dict[int, ast.ItemHead]:
    """Item heads by node id: check (check/items.py) numbers nodes in the tree's own order."""
    found: dict[int, ast.ItemHead] = {}
    if tree is None:
        return found

    def walk(nodes, items) -> None:
        for node, item in zip(nodes, items):
            found[node.id] = item.head
            walk(node.children, item.children)

    walk(rubric.roots, tree.items)
    return found


class _Ranges:
    def __init__(self, analysis) -> None:
        self.analysis = analysis

    def of(self, node: m.Node) -> tuple[Decimal, Decimal] | None:
        reach = self.analysis.node(node)
        if reach is None:
            return None
        return (reach.low.value, reach.high.value)


def range_text(span: tuple[Decimal, Decimal] | None) -> str:
    if span is None:
        return "不计分"
    low, high = span
    show = [("−∞" if v < 0 else "+∞") if v.is_infinite() else num(v) for v in (low, high)]
    return f"{show[0]}—{show[1]}分" if low != high else f"{show[0]}分"


def _points(node: m.Node) -> str:
    return word("无") if node.points is None else word("{range}分", range=num(node.points))


def _joined(parts, between: str = "、") -> str:
    """Parts joined as the language joins them (「、」 or 「;」 in Chinese; ", " or "; " in English), 「无」 for none."""
    if not parts:
        return word("无")
    return listed(parts) if between == "、" else word(between).join(parts)


def _node_changes(a: m.Node, b: m.Node, head_a, head_b) -> list[Change]:
    found = []
    if a.title != b.title:
        found.append(Change("标题", a.title or "", b.title or ""))
    if a.points != b.points:
        found.append(Change("分值", _points(a), _points(b)))
    if a.applies_to != b.applies_to:
        found.append(Change("适用", _categories(a.applies_to), _categories(b.applies_to)))
    limits_a, limits_b = bounds_words(a, head_a), bounds_words(b, head_b)
    if limits_a != limits_b:
        found.append(Change("上下限", _joined(limits_a, ";"), _joined(limits_b, ";")))
    if not a.children and not b.children and a.base != b.base and (a.rules or b.rules):
        base = {"full": word("从满分扣减"), "zero": word("从零计分")}
        found.append(Change("计分方式", base[a.base], base[b.base]))
    meta_a, meta_b = dict(a.meta), dict(b.meta)
    for key in ("考核对象", "查验方法"):
        if meta_a.get(key, ()) != meta_b.get(key, ()):
            found.append(Change(key, _joined(meta_a.get(key, ())), _joined(meta_b.get(key, ()))))
    if a.notes != b.notes:
        found.append(Change("注", _joined(a.notes, ";"), _joined(b.notes, ";")))
    return found


def _categories(applies) -> str:
    return word("全部单位") if applies is None else listed(sorted(applies))


def _clause_changes(a: m.Node, b: m.Node, words_a: Wording, words_b: Wording) -> list[ClauseChange]:
    """Clauses compared by meaning (their numbering aside), in order."""
    meanings_a = [_meaning(r, words_a) for r in a.rules]
    meanings_b = [_meaning(r, words_b) for r in b.rules]
    found = []
    matcher = difflib.SequenceMatcher(None, meanings_a, meanings_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        for i, j in zip(olds, news):
            found.append(ClauseChange("changed", a.rules[i].text, b.rules[j].text,
                                      rule_words(a.rules[i], words_a), rule_words(b.rules[j], words_b)))
        for i in olds[len(news):]:
            found.append(ClauseChange("removed", a.rules[i].text, None, rule_words(a.rules[i], words_a), None))
        for j in news[len(olds):]:
            found.append(ClauseChange("added", None, b.rules[j].text, None, rule_words(b.rules[j], words_b)))
    return found


def _meaning(rule: m.Rule, words: Wording) -> str:
    return rule_words(attrs.evolve(rule, label=None), words)


def _fact_type(fact: m.Fact) -> str:
    """「选项:甲、乙」, 「分值 0—5分」, 「次数(可空)」: the type in the language chosen, options and wording as written."""
    text = type_word(m.KIND_ZH[fact.kind])
    if fact.options:
        text = word("{kind}:{options}", kind=text, options=listed(fact.options))
    if fact.kind == "score" and fact.high is not None:
        text += " " + word("{range}分", range=f"{num(fact.low)}—{num(fact.high)}")
    if fact.cohort is not None:
        text += word("(计算:{text})", text=fact.cohort.text)
    return text + (word("(可空)") if fact.optional and fact.cohort is None else "")


def _header_changes(old: m.Rubric, new: m.Rubric) -> list[Change]:
    found = []
    for what, a, b in (("标题", old.title, new.title), ("年度", old.year, new.year),
                       ("满分", old.full, new.full), ("单位类别", listed(old.categories), listed(new.categories))):
        if a != b:
            found.append(Change(what, word("无") if a in (None, "") else str(num(a) if isinstance(a, Decimal) else a),
                                word("无") if b in (None, "") else str(num(b) if isinstance(b, Decimal) else b)))
    total_a, total_b = total_words(old, grades=False), total_words(new, grades=False)
    if total_a != total_b:
        found.append(Change("总分", word(";").join(total_a), word(";").join(total_b)))
    grades_a, grades_b = grade_words(old), grade_words(new)  # a changed boundary of a grade, on its own line
    if grades_a != grades_b:
        lead = worded("等次:{rules}", rules="")  # 「等次:」, "Grades: " in English
        found.append(Change("等次", (grades_a or word("无")).removeprefix(lead),
                            (grades_b or word("无")).removeprefix(lead)))
    return found


# ------------------------------------------------------------------ output
_STATUS = {"added": "新增", "removed": "删除", "changed": "改动"}


def _label(item: ItemChange) -> str:
    title = f"【{item.title}】" if item.title else ""
    if item.status == "added":
        return word("新增 {path}", path=f"{item.new_path}{title}")
    if item.status == "removed":
        return word("删除 {path}", path=f"{item.old_path}{title}")
    return f"{item.new_path}{title}"


def pair(label: str, value: str) -> str:
    """「标签:值」, or "label: value" in English (the colon and its space are the language's)."""
    return word("{label}:{value}", label=label, value=value).rstrip()


def _range_words(span) -> str:
    """range_text with its fixed words in the language chosen (「3—5分」 is "3—5 points" in English)."""
    if span is None:
        return word("不计分")
    return word("{range}分", range=range_text(span).removesuffix("分"))


def diff_text(diff: RubricDiff) -> str:
    """The diff for a terminal; the fixed words in the language chosen (i18n), the rubric's words as written."""
    lines = [pair(say("细则对比"), f"{diff.old_path} → {diff.new_path}")]
    if diff.empty:
        lines.append(say("两版细则的计分内容相同"))
        return "\n".join(lines) + "\n"
    for change in diff.header:
        lines.append(pair(word(change.what), f"{change.old} → {change.new}"))
    if diff.facts_added:
        lines.append(pair(word("新增事实"), listed(f"「{n}」" for n in diff.facts_added)))
    if diff.facts_removed:
        lines.append(pair(word("删除事实"), listed(f"「{n}」" for n in diff.facts_removed)))
    for change in diff.facts_changed:
        lines.append(pair(word("事实「{name}」类型", name=change.fact), f"{change.old} → {change.new}"))
    for item in diff.items:
        lines.append("")
        lines.append(_label(item))
        if item.status == "changed" and item.moved:
            how = word("按标题对上") if item.matched_by == "标题" else word("按编号对上")
            lines.append("  " + pair(word("编号"), word("{old} → {new}({how})", old=item.old_path, new=item.new_path,
                                                            how=how)))
        for change in item.changes:
            lines.append("  " + pair(word(change.what), f"{change.old} → {change.new}"))
        for clause in item.clauses:
            if clause.status == "changed":
                lines += ["  " + pair(word("条款改动"), ""), "    " + pair(word("原"), clause.old),
                          "    " + pair(word("新"), clause.new)]
            elif clause.status == "added":
                label = word("条款") if item.status == "added" else word("新增条款")
                lines.append("  " + pair(label, clause.new or clause.new_meaning))
            else:
                label = word("条款") if item.status == "removed" else word("删除条款")
                lines.append("  " + pair(label, clause.old or clause.old_meaning))
        if item.status == "changed" and item.range_changed:
            lines.append("  " + pair(word("可能得分"), f"{_range_words(item.old_range)} → {_range_words(item.new_range)}"))
        elif item.status == "added":
            lines.append("  " + pair(word("可能得分"), _range_words(item.new_range)))
        elif item.status == "removed":
            lines.append("  " + pair(word("原可能得分"), _range_words(item.old_range)))
    return "\n".join(lines) + "\n"


def _range_json(span) -> list[str] | None:
    return None if span is None else [str(v) if v.is_infinite() else num(v) for v in span]


def diff_json(diff: RubricDiff) -> dict:
    def change(c: Change) -> dict:
        return {"what": c.what, "old": c.old, "new": c.new}

    return {
        "old": diff.old_path,
        "new": diff.new_path,
        "header": [change(c) for c in diff.header],
        "facts": {"added": list(diff.facts_added), "removed": list(diff.facts_removed),
                  "changed": [change(c) for c in diff.facts_changed]},
        "items": [{
            "status": item.status,
            "old_path": item.old_path,
            "new_path": item.new_path,
            "title": item.title,
            "matched_by": item.matched_by,
            "moved": item.moved,
            "changes": [change(c) for c in item.changes],
            "clauses": [attrs.asdict(c) for c in item.clauses],
            "old_range": _range_json(item.old_range),
            "new_range": _range_json(item.new_range),
        } for item in diff.items],
    }
