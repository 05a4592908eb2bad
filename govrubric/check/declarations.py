"""Declarations: facts, values computed over all units (cohort facts), settings and readings (口径)
written in the rubric, and the range a 分值 fact takes from the item it scores."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from .periods import per_of
from ..facts import CATEGORY_KEY, UNIT_KEYS
from ..numerals import format_decimal
from ..readings import READINGS
from ..source import Span
from ..textsafe import invisible, terminal_value, visible
from ..units import COUNT_CLASSIFIERS
from .base import CheckerBase, InForce, chinese_number
from .conditions import fact_names
from ..i18n import built, kind_word


class Declarations(CheckerBase):
    def all_fact_decls(self, tree: ast.Rubric):
        """Every declaration with the id its item's node will get (None at the top): ids follow node()'s pre-order."""
        for decl in tree.facts:
            yield decl, None
        counter = iter(range(1 << 30))

        def walk(items):
            for item in items:
                node_id = next(counter)
                for decl in item.facts:
                    yield decl, node_id
                yield from walk(item.children)

        yield from walk(tree.items)

    def name_can_be_given(self, name: str, span: Span, what: str = "名称") -> bool:
        """Facts files trim their cells, so a blank name, or one with spaces around it, could never be given.
        False only for a blank name; a padded one is reported and kept, so its uses do not cascade into GR201."""
        if not name.strip():
            self.err("GR215", span, help=built("{what}不能是空白", what=what))
            return False
        if name != name.strip():
            self.err("GR220", span, name=name, help=built("写作「{x}」", x=name.strip()))
        hidden = invisible(name)
        if hidden:  # 「甲」 and 「甲\u200b」 look alike and are two names
            self.err("GR225", span, name=terminal_value(name), chars="、".join(hidden),
                     help=built("删去这些字符,写作「{visible}」", visible=visible(name)))
        return True

    def not_reserved(self, name: ast.Name) -> None:
        """A facts file reads the columns 单位, 单位名称, 名称 as the unit's name and 单位类别 as its category,
        so a fact of that name could never be given. Reported, and declared all the same so that its uses
        do not cascade into GR201."""
        if name.text in UNIT_KEYS or name.text == CATEGORY_KEY:
            role = "写单位类别" if name.text == CATEGORY_KEY else "写单位的名称"
            self.err("GR224", name.span, name=name.text, role=role,
                     help="事实文件里每个单位一行,「单位」「单位名称」或「名称」一栏写单位的名称,「单位类别」一栏写类别;"
                          "请给这个事实另取一个写明它是什么的名称")

    def declare(self, decl: ast.FactDecl) -> None:
        name = decl.name.text
        if not self.name_can_be_given(name, decl.name.span):
            return
        self.not_reserved(decl.name)
        if not all(self.name_can_be_given(option, decl.span, "选项") for option in decl.type.options):
            return
        if name in self.facts:
            self.err("GR202", decl.name.span, name=name, line=self.fact_lines[name])
            return
        t = decl.type
        if t.kind == "score" and t.low is not None and t.high is not None and t.low > t.high:
            self.err("GR304", decl.span, low=format_decimal(t.low), high=format_decimal(t.high))
        kind = self.measured_kind(decl)
        if kind is None:
            return
        per = per_of(decl.per)
        if per is not None and kind not in ("count", "quantity", "percent", "ratio", "days", "months"):
            self.err("GR231", decl.span, fact=name, detail=f"「{decl.per}」只用于数量类事实(次数、计量值、百分比、比值、天数),"
                     f"「{name}」是{m.KIND_ZH[kind]}", help="逐起给出的事实写作「事实「受害面积」:亩,逐起」")
            per = None
        self.facts[name] = m.Fact(name, kind, t.measure, t.low, t.high, t.options, decl.optional, decl.span, per=per)
        self.fact_lines[name] = self.source.line_col(decl.span.start)[0]

    def measured_kind(self, decl: ast.FactDecl) -> str | None:
        """事实「面积」:平方米 and 数量(万元) measure (kind quantity); 事实「人数」:名 and 人数(人) count."""
        t = decl.type
        if t.kind not in ("unit", "count") or t.measure is None:
            return t.kind
        counting = t.measure in COUNT_CLASSIFIERS
        if t.kind == "unit":
            return "count" if counting else "quantity"
        if counting:
            return "count"
        if t.word == "数量":
            return "quantity"
        self.err("GR302", decl.span, detail=built("「{t_word}」是次数,不能以「{t_measure}」计",
                                                  t_word=t.word, t_measure=t.measure),
                 help=built("计量的事实写作「事实「{name_text}」:{t_measure}」", name_text=decl.name.text, t_measure=t.measure))
        return None

    def declare_cohort(self, decl: ast.FactDecl, node_id: int | None) -> None:
        cohort = decl.cohort
        name = decl.name.text
        if not self.name_can_be_given(name, decl.name.span):
            return
        self.not_reserved(decl.name)
        if name in self.facts:
            self.err("GR202", decl.name.span, name=name, line=self.fact_lines[name])
            return
        if cohort.source == "fact":
            source = self.facts.get(cohort.name.text)
            if source is None:
                self.fact_ref(cohort.name)  # reports the unknown fact, with a hint
                return
            if source.per is not None:  # 逐起, 按季度: no one value to rank or average
                self.misuse(source, cohort.name.span)
                return
            if source.kind not in m.NUMERIC_KINDS:
                self.err("GR218", cohort.name.span, name=name,
                         detail=built("「{source_name}」是{kind},不能排名或求最低、最高、平均",
                                      source_name=source.name, kind=kind_word(m.KIND_ZH[source.kind])))
                return
            if cohort.kind == "rank":
                kind = "rank"
            elif cohort.kind == "avg" and source.kind in ("count", "days", "months", "rank"):
                kind = "ratio"
            else:
                kind = source.kind
        else:
            if cohort.source == "here" and node_id is None:
                self.err("GR218", cohort.span, name=name, detail="「本项得分」要写在某个指标之下")
                return
            kind = "rank" if cohort.kind == "rank" else "score"
        measure = source.measure if cohort.source == "fact" and kind == source.kind else None
        self.facts[name] = m.Fact(name, kind, measure, span=decl.span, optional=True)
        self.fact_lines[name] = self.source.line_col(decl.span.start)[0]
        self.computed.add(name)

    def resolve_cohorts(self, decls, roots) -> None:
        by_number = {n.number: n for n in roots if n.number is not None}
        for decl, node_id in decls:
            name = decl.name.text
            if name not in self.facts or self.facts[name].cohort is not None:
                continue
            cohort = decl.cohort
            scope = None
            if cohort.scope_cond is not None:
                scope = self.test(cohort.scope_cond)
                used = set(fact_names(cohort.scope_cond))
                computed = sorted(n for n, d in self.pending_cohorts(decls) if n in used)
                if computed:
                    self.err("GR218", cohort.scope_cond.span, name=name,
                             detail=built("范围条件不能用另一个计算出的值「{x}」", x=computed[0]))
                    continue
            categories = None
            for category in cohort.scope_categories:
                if category.text not in self.categories:
                    self.err("GR207", category.span, name=category.text)
            if cohort.scope_categories:
                categories = frozenset(c.text for c in cohort.scope_categories)
            source_node = None
            if cohort.source == "here":
                source_node = node_id
            elif cohort.source == "section":
                root = by_number.get(cohort.section.number)
                if root is None:
                    self.err("GR208", cohort.section.span, label=f"第{chinese_number(cohort.section.number)}项")
                    continue
                source_node = root.id
            kind = {"fact": "fact", "here": "node", "section": "node", "total": "total"}[cohort.source]
            self.facts[name] = attrs.evolve(self.facts[name], cohort=m.Cohort(
                cohort.kind, kind, cohort.name.text if cohort.name else None, source_node, cohort.descending,
                scope, categories, cohort.text))
            if kind in ("node", "total") and scope is None and categories is None:
                self.check_cycle(name, kind, source_node, roots, decl)

    @staticmethod
    def pending_cohorts(decls):
        return [(d.name.text, d) for d, _ in decls]

    def check_cycle(self, name: str, kind: str, source_node: int | None, roots, decl) -> None:
        """Over every unit, a value computed from scores that those very scores read can never be computed."""
        readers = [n for r in roots for n in r.walk() if name in _rule_facts(n)]
        for root in roots:
            for node in root.walk():
                if kind == "node" and node.id != source_node:
                    continue
                inside = {n.id for n in node.walk()} if kind == "node" else {n.id for r in roots for n in r.walk()}
                for reader in readers:
                    if reader.id in inside:
                        self.err("GR219", decl.span, name=name,
                                 detail=built("{reader_path} 的得分用到它,而它是全体单位这一得分的计算结果", reader_path=reader.path),
                                 help="用「在…的单位中」限定参与计算的单位,使用到它的单位不在其中")
                        return

    def bound_scores(self, roots) -> None:
        """A 分值 fact written without a range is a score for the item that takes it (按「…」计分):
        0 to that item's points, as language.md says; taken by several items (one per category: 乡镇 10分,
        部门 5分), 0 to the most points of them, one range for every unit; a fact given to no item with points
        stays open."""
        highest: dict[str, Decimal] = {}
        for root in roots:
            for node in root.walk():
                if node.points is None:
                    continue
                for rule in node.rules:
                    for outcome in m.outcomes_of(rule):
                        fact = self.facts.get(outcome.fact) if outcome.kind == "set" else None
                        if fact is not None and fact.kind == "score" and fact.cohort is None and fact.high is None:
                            highest[fact.name] = max(highest.get(fact.name, node.points), node.points)
        for name, high in highest.items():
            fact = self.facts[name]
            self.facts[name] = attrs.evolve(fact, low=fact.low or Decimal(0), high=high)

    def setting(self, setting: ast.Setting, into: dict[str, InForce], rubric_level: bool) -> None:
        key = setting.key
        if not rubric_level and not READINGS[key].per_item:
            self.err("GR217", setting.span, detail=built("「{key}」口径只能写在细则开头(第一个指标之前)", key=key))
            return
        if key == "边界":
            for rule in setting.values:
                closed = not rule.endswith("不含本数")
                word = rule.removesuffix("不含本数").removesuffix("含本数")
                direction, _ = self.bounds[word]
                self.bounds[word] = (direction, closed)
                self.decisions.append(m.Decision(None, "边界", rule, "写明", setting.reason,
                                                 f"「{word}」", setting.span))
            return
        into[key] = InForce(setting.values[-1], "写明", setting.reason, setting.span)
        if rubric_level:
            self.decide(None, key, into[key], READINGS[key].question, setting.span)


def _rule_facts(node: m.Node) -> set[str]:
    """The facts a node's own rules read."""
    names: set[str] = set()
    for rule in node.rules:
        tests = [t.test for t in rule.tiers] if isinstance(rule, m.Tiered) else [getattr(rule, "guard", None)]
        for test in tests:
            names.update(m.facts_of_test(test))
        for attr in ("counter", "operand"):
            operand = getattr(rule, attr, None)
            if isinstance(operand, m.FactRef):
                names.add(operand.name)
            elif isinstance(operand, m.Ratio):
                names.update((operand.numerator.name, operand.denominator.name))
        for outcome in m.outcomes_of(rule):
            if outcome.fact:
                names.add(outcome.fact)
    return names
