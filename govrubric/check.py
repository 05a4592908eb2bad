"""Tree → checked model: resolves names, checks types and units, and normalises every rule.

After check, every fact reference names a declared fact of a fitting type, every
comparison is an exact interval (boundary words read by 《民法典》第一千二百五十九条
unless the rubric says otherwise), and every clause is one of the rule forms in model.py.
It rejects only what cannot be meant; what is meaningful but suspicious is lint's business.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

import attrs

from . import ast
from . import model as m
from .diagnostics import Diagnostics, closest
from .numerals import format_decimal
from .readings import READINGS, Override
from .source import SourceFile, Span

# ---------------------------------------------------------------- boundary words
# word -> (direction, closed). direction: "ge" (x at or above), "le" (at or below), "eq".
PRE_WORDS = {
    **dict.fromkeys(["达到", "达", "不低于", "不少于", "大于等于", "≥", ">=", "满"], ("ge", True)),
    **dict.fromkeys(["超过", "大于", "高于", "多于", ">", "\uff1e"], ("ge", False)),
    **dict.fromkeys(["低于", "不足", "不达", "未达", "未达到", "小于", "少于", "<", "\uff1c"], ("le", False)),
    **dict.fromkeys(["不超过", "不高于", "不多于", "小于等于", "≤", "<="], ("le", True)),
    **dict.fromkeys(["=", "\uff1d", "为"], ("eq", True)),
}
POST_WORDS = {
    **dict.fromkeys(["以上", "及以上"], ("ge", True)),
    **dict.fromkeys(["以下", "及以下", "以内", "及以内", "内"], ("le", True)),
    "以外": ("ge", False),
    "以后": ("ge", True),
    "以前": ("le", True),
    "之后": ("ge", False),
    "之前": ("le", False),
}
AMBIGUOUS_WORDS = frozenset({"之前", "之后"})

COUNT_MEASURES = frozenset("次 个 项 起 件 例 条 家 处 篇 场 期 批 份 户 所 座 台 套 人 年 件次 人次".split())
UNITS_FOR_KIND = {
    "percent": frozenset({"%"}),
    "ratio": frozenset({None}),
    "count": COUNT_MEASURES | {None},
    "rank": frozenset({None, "名", "位"}),
    "days": frozenset({None, "天", "日", "个工作日", "工作日"}),
    "months": frozenset({None, "月", "个月"}),
    "score": frozenset({None, "分"}),
}
STEP_MEASURES = {
    "percent": frozenset({"个百分点", "百分点"}),
    "rank": frozenset({"名", "位"}),
    "count": COUNT_MEASURES,
    "days": frozenset({"天", "日", "个工作日", "工作日"}),
    "months": frozenset({"月", "个月"}),
    "ratio": frozenset(),
    "score": frozenset({"分"}),
}
DISPLAY_UNIT = {"percent": "%", "rank": "名", "days": "天", "months": "个月", "score": "分"}

_HALF_WIDTH_BRACKETS = str.maketrans("\uff08\uff09", "()")
_STYLE_ZH = {"cn": "一、", "cn_paren": "(一)", "arabic": "1.", "arabic_paren": "(1)", "circled": "①",
             "heading": "【】", "anon": "○"}


def check(tree: ast.Rubric, source: SourceFile, diags: Diagnostics,
          overrides: tuple[Override, ...] = ()) -> m.Rubric | None:
    """overrides: readings given from outside the file (command line), see readings.py."""
    checker = _Checker(source, diags, overrides)
    rubric = checker.rubric(tree)
    return None if diags.has_errors else rubric


@attrs.define
class _Reading:
    value: str | None
    origin: str  # 默认 / 写明 / 命令行
    reason: str | None = None
    span: Span = Span(0, 0)


class _Checker:
    def __init__(self, source: SourceFile, diags: Diagnostics, overrides: tuple[Override, ...] = ()) -> None:
        self.source = source
        self.diags = diags
        self.facts: dict[str, m.Fact] = {}
        self.fact_lines: dict[str, int] = {}
        self.bounds = dict(POST_WORDS)
        self.pre_bounds = dict(PRE_WORDS)
        self.categories: tuple[str, ...] = ()
        self.next_id = 0
        self.overrides = overrides
        # the rubric-wide reading of each key; per item, self.here holds the resolved ones
        self.top: dict[str, _Reading] = {k: _Reading(r.default, "默认") for k, r in READINGS.items()}
        self.here: dict[str, _Reading] = self.top
        self.decisions: list[m.Decision] = []
        self.path = ""

    def text(self, span: Span) -> str:
        return self.source.text[span.start : span.end]

    def err(self, code: str, span: Span, **kw) -> None:
        self.diags.error(code, span, **kw)

    # ------------------------------------------------------------ rubric
    def rubric(self, tree: ast.Rubric) -> m.Rubric:
        header: dict[str, ast.HeaderPiece] = {}
        for piece in tree.header:
            if piece.key in header:
                self.err("GR209", piece.span, key=piece.key, line=self.source.line_col(header[piece.key].span.start)[0])
                continue
            header[piece.key] = piece
        if "单位类别" in header:
            self.categories = tuple(n.text for n in header["单位类别"].names)
            for category in header["单位类别"].names:
                self.name_can_be_given(category.text, category.span, "单位类别")
        for setting in tree.settings:
            self.setting(setting, self.top, rubric_level=True)
        for override in self.overrides:
            if override.path is None:
                self.top[override.key] = _Reading(override.value, "命令行")
        na = self.top["不适用项"]
        not_applicable, na_explicit = na.value, na.origin != "默认"

        cohort_decls = []
        for decl, node_id in self.all_fact_decls(tree):
            if decl.cohort is None:
                self.declare(decl)
            else:
                cohort_decls.append((decl, node_id))
        for decl, node_id in cohort_decls:
            self.declare_cohort(decl, node_id)

        roots = tuple(self.node(item, parent_path="", inherited=None, siblings=tree.items)
                      for item in tree.items)
        self.check_numbering(tree.items, roots)
        total_name = header["总分"].text if "总分" in header and header["总分"].text else "总分"
        formula = formula_text = None
        if "总分" in header:
            formula, formula_text = self.formula(header["总分"], roots)
        self.resolve_cohorts(cohort_decls, roots)
        # after the cohorts: it must know which are computed
        final, grades = self.final_rules(tree.final_clauses, total_name)
        self.bound_scores(roots)
        full = header["满分"].number if "满分" in header else None
        year = int(header["年度"].number) if "年度" in header else None
        title = header["细则"].text if "细则" in header else self.source.path
        meta = tuple((x.key, x.values) for x in tree.meta)
        digest = hashlib.sha256(self.source.text.encode("utf-8")).hexdigest()
        if na.origin != "默认" or any(n.applies_to is not None for r in roots for n in r.walk()):
            self.decide(None, "不适用项", na, "考核对象不含本单位的指标", tree.span)
        return m.Rubric(title, year, self.categories, full, dict(self.facts), roots, total_name,
                        formula, formula_text, final, not_applicable, na_explicit, self.source.path,
                        digest, meta, tuple(self.decisions), grades)

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

    def bound_scores(self, roots) -> None:
        """A 分值 fact written without a range is a score for the item that takes it (按「…」计分):
        0 to that item's points, as language.md says; a fact given to no item with points stays open."""
        for root in roots:
            for node in root.walk():
                if node.points is None:
                    continue
                for rule in node.rules:
                    for outcome in m.outcomes_of(rule):
                        fact = self.facts.get(outcome.fact) if outcome.kind == "set" else None
                        if fact is not None and fact.kind == "score" and fact.cohort is None and fact.high is None:
                            self.facts[fact.name] = attrs.evolve(fact, low=fact.low or Decimal(0), high=node.points)

    # ------------------------------------------------------------ cohort values
    def declare_cohort(self, decl: ast.FactDecl, node_id: int | None) -> None:
        cohort = decl.cohort
        name = decl.name.text
        if not self.name_can_be_given(name, decl.name.span):
            return
        if name in self.facts:
            self.err("GR202", decl.name.span, name=name, line=self.fact_lines[name])
            return
        if cohort.source == "fact":
            source = self.facts.get(cohort.name.text)
            if source is None:
                self.fact_ref(cohort.name)  # reports the unknown fact, with a hint
                return
            if source.kind not in m.NUMERIC_KINDS:
                self.err("GR218", cohort.name.span, name=name,
                         detail=f"「{source.name}」是{m.KIND_ZH[source.kind]},不能排名或求最低、最高、平均")
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
        self.facts[name] = m.Fact(name, kind, span=decl.span, optional=True)
        self.fact_lines[name] = self.source.line_col(decl.span.start)[0]

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
                used = set(_fact_names(cohort.scope_cond))
                computed = sorted(n for n, d in self.pending_cohorts(decls) if n in used)
                if computed:
                    self.err("GR218", cohort.scope_cond.span, name=name,
                             detail=f"范围条件不能用另一个计算出的值「{computed[0]}」")
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
                    self.err("GR208", cohort.section.span, label=_cn(cohort.section.number))
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
                                 detail=f"{reader.path} 的得分用到它,而它是全体单位这一得分的计算结果",
                                 help="用「在…的单位中」限定参与计算的单位,使用到它的单位不在其中")
                        return

    def setting(self, setting: ast.Setting, into: dict[str, _Reading], rubric_level: bool) -> None:
        key = setting.key
        if not rubric_level and not READINGS[key].per_item:
            self.err("GR217", setting.span, detail=f"「{key}」口径只能写在细则开头(第一个指标之前)")
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
        into[key] = _Reading(setting.values[-1], "写明", setting.reason, setting.span)
        if rubric_level:
            self.decide(None, key, into[key], READINGS[key].question, setting.span)

    def decide(self, path: str | None, key: str, reading: _Reading, wording: str, span: Span) -> None:
        """Record a reading the scores rely on, for 「lint --decisions」."""
        if reading.value is None:
            return
        self.decisions.append(m.Decision(path, key, reading.value, reading.origin, reading.reason, wording,
                                         reading.span if reading.origin == "写明" else span))

    def name_can_be_given(self, name: str, span: Span, what: str = "名称") -> bool:
        """Facts files trim their cells, so a blank name, or one with spaces around it, could never be given.
        False only for a blank name; a padded one is reported and kept, so its uses do not cascade into GR201."""
        if not name.strip():
            self.err("GR215", span, help=f"{what}不能是空白")
            return False
        if name != name.strip():
            self.err("GR220", span, name=name, help=f"写作「{name.strip()}」")
        return True

    def declare(self, decl: ast.FactDecl) -> None:
        name = decl.name.text
        if not self.name_can_be_given(name, decl.name.span):
            return
        if not all(self.name_can_be_given(option, decl.span, "选项") for option in decl.type.options):
            return
        if name in self.facts:
            self.err("GR202", decl.name.span, name=name, line=self.fact_lines[name])
            return
        t = decl.type
        if t.kind == "score" and t.low is not None and t.high is not None and t.low > t.high:
            self.err("GR304", decl.span, low=format_decimal(t.low), high=format_decimal(t.high))
        self.facts[name] = m.Fact(name, t.kind, t.measure, t.low, t.high, t.options, decl.optional, decl.span)
        self.fact_lines[name] = self.source.line_col(decl.span.start)[0]

    # ------------------------------------------------------------ items
    def check_numbering(self, items: tuple[ast.Item, ...], nodes) -> None:
        seen: dict[tuple[str, str], ast.Item] = {}
        for item in items:
            head = item.head
            if head.style == "heading" or head.style not in ("anon",):
                # siblings named alike would share a numbering path, and one score would hide the other
                key = (head.style, head.title if head.style == "heading" else str(head.number))
                if key in seen:
                    self.err("GR203", head.span, label=head.label or f"【{head.title}】",
                             line=self.source.line_col(seen[key].head.span.start)[0])
                else:
                    seen[key] = item
            self.check_numbering(item.children, ())

    def node(self, item: ast.Item, parent_path: str, inherited, siblings) -> m.Node:
        head = item.head
        node_id = self.next_id
        self.next_id += 1
        # the path names an item the same way whatever the width of its brackets: （1） is (1)
        own = head.label.strip("、.．").translate(_HALF_WIDTH_BRACKETS) if head.style not in ("heading", "anon") else (
            f"【{head.title}】" if head.style == "heading" and head.title else "○")
        if head.style == "anon":
            index = sum(1 for s in siblings if s.head.style == "anon" and s.head.span.start <= head.span.start)
            own = f"○{index}"
        path = f"{parent_path}.{own}" if parent_path else own

        applies = inherited
        meta = []
        for entry in item.meta:
            meta.append((entry.key, entry.values))
            if entry.key == "适用":
                for value, span in zip(entry.values, entry.value_spans or (entry.span,) * len(entry.values)):
                    if value not in self.categories:
                        hint = closest(value, self.categories)
                        self.err("GR207", span, name=value,
                                 help=f"是不是「{hint}」?" if hint else "先在细则开头用「单位类别」声明")
                applies = frozenset(entry.values)

        outer, outer_path = self.here, self.path
        here = dict(outer)
        explicit: dict[str, _Reading] = {}
        for setting in item.settings:
            self.setting(setting, explicit, rubric_level=False)
        for override in self.overrides:
            if override.path == path:
                explicit[override.key] = _Reading(override.value, "命令行")
        here.update(explicit)

        points = head.points
        header_cap = head.header_cap[1] if head.header_cap else None
        # 【安全生产】(累计扣分不超过5分) bounds what is deducted: the item lies in [−5, 0], it is not capped at 5
        deduction_bound = None
        if head.header_cap and head.header_cap[0] in ast.DEDUCTION_CAP_WORDS:
            deduction_bound, header_cap = header_cap, None
        # readings other than 计分方式 pass down to sub-items; 计分方式 is each item's own
        self.here = {**here, "计分方式": self.top["计分方式"]}
        children = tuple(self.node(child, path, applies, item.children) for child in item.children)
        self.here, self.path = here, path
        scope_points = points if points is not None else (header_cap if deduction_bound is None else deduction_bound)
        rules = tuple(r for r in (self.clause(c, item, scope_points) for c in item.clauses) if r is not None)
        self.here, self.path = outer, outer_path

        floor: Decimal | None = Decimal(0) if (points is not None or header_cap is not None) else None
        if floor is not None and here["扣分下限"].value == "可为负分":
            floor = None
        if deduction_bound is not None:
            floor = -deduction_bound if points is None else max(Decimal(0), points - deduction_bound)
        cap: Decimal | None = points if points is not None else header_cap
        if points is not None and header_cap is not None:
            cap = min(points, header_cap)
        limit_texts = []
        for limit in item.limits:
            limit_texts.append(self.text(limit.span))
            if limit.kind == "cap" and limit.word in ast.BONUS_CAP_WORDS and points is not None:
                self.err("GR206", limit.span, help=f"「{self.text(limit.span)}」限制的是加分,写在有分值的指标下会把"
                         f"指标得分封顶为{format_decimal(limit.amount)}分;请用逗号写在加分条款之后")
            elif limit.kind == "cap":
                cap = limit.amount if cap is None else min(cap, limit.amount)
            elif limit.kind == "exhaust":
                if limit.amount is not None:
                    floor = -limit.amount if points is None else max(Decimal(0), (points - limit.amount))
                else:
                    floor = Decimal(0)
            elif limit.kind == "both":
                floor, cap = -limit.amount, limit.amount if cap is None else min(cap, limit.amount)
            elif limit.kind == "no_floor":
                floor = None

        stated = here["计分方式"]
        earns = any(self.earns(r) for r in rules)
        deducts = any(self.deducts(r) for r in rules)
        base_of = {"从满分扣减": "full", "从零计分": "zero"}
        inferred = stated.value in (None, "按条款推断")
        if not inferred and stated.origin != "默认" and ("计分方式" in explicit or (not children and scope_points is not None)):
            base, reason = base_of[stated.value], "写明" if stated.origin == "写明" else "命令行指定"
        elif children:
            base, reason = "zero", "有下级指标:从下级得分相加"
        elif points is None:
            base, reason = "zero", "没有分值:从0计"
        elif earns:
            base, reason = "zero", "推断:本项有得分/加分条款,从0计"
        else:
            base, reason = "full", "推断:本项只有扣分/否决条款,从满分扣减"
        if base == "full" and points is None:
            base, reason = "zero", "没有分值:从0计"
        if points is not None and not children and deducts:
            # only deductions, or awards and deductions mixed: the wording leaves the base open
            value = "从满分扣减" if base == "full" else "从零计分"
            self.decide(path, "计分方式", _Reading(value, stated.origin, stated.reason, stated.span),
                        "本项" + ("既有得分又有扣分" if earns else "只写了扣分/否决"), item.head.span)
        # the reading frees bonuses from the item's points, not from a cap the item writes out
        explicit_cap = any(lim.kind in ("cap", "both") for lim in item.limits) or head.header_cap is not None
        bonus_uncapped = (here["加分上限"].value == "不受本项分值限制" and not explicit_cap
                          and any(self.bonus(r) for r in rules))
        if points is not None and any(self.bonus(r) for r in rules):
            self.decide(path, "加分上限", here["加分上限"], "本项有「加…分」", item.head.span)
        stated_floor = any(lim.kind in ("exhaust", "both", "no_floor") for lim in item.limits)
        if points is not None and deducts and not stated_floor and (
                base == "zero" or self.most_deducted(rules) > points):
            # the floor decides a score only when deductions can pass the points (or start from 0)
            self.decide(path, "扣分下限", here["扣分下限"], "扣分可能超过本项分值,原文没有写「扣完为止」",
                        item.head.span)

        return m.Node(node_id, path, own, head.number, head.title, points, floor, cap, base, reason,
                      rules, children, applies, tuple(meta),
                      tuple(v for n in item.notes for v in n.values), tuple(limit_texts), item.span,
                      bonus_uncapped)

    @staticmethod
    def most_deducted(rules) -> Decimal:
        """A bound no unit's deductions can pass (infinite when a count has no cap): sound, not exact."""
        unbounded = Decimal("Infinity")
        total = Decimal(0)
        for rule in rules:
            outcomes = [o for o in m.outcomes_of(rule) if o.kind == "deduct" or (o.kind == "discretion" and o.sign < 0)]
            if not outcomes:
                continue
            if isinstance(rule, m.Tiered) and all(o.kind == "deduct" for o in outcomes):
                most = max(o.amount for o in outcomes)
            elif isinstance(rule, m.Tiered):
                most = max((o.high if o.high is not None else unbounded) if o.kind == "discretion" else o.amount
                           for o in outcomes)
            else:
                most = unbounded  # per occurrence, per step, escalation, respectively over a list
            if rule.cap is not None:
                most = min(most, rule.cap)
            total += most
        return total

    @staticmethod
    def earns(rule: m.Rule) -> bool:
        # 按「…」计分 gives the base itself: when it does not apply, nothing was earned
        return any(o.kind in ("award", "bonus", "set") or (o.kind == "discretion" and o.sign > 0)
                   for o in m.outcomes_of(rule))

    @staticmethod
    def deducts(rule: m.Rule) -> bool:
        return any(o.kind in ("deduct", "veto") or (o.kind == "discretion" and o.sign < 0)
                   for o in m.outcomes_of(rule))

    @staticmethod
    def bonus(rule: m.Rule) -> bool:
        return any(o.kind == "bonus" or (o.kind == "discretion" and o.sign > 0) for o in m.outcomes_of(rule))

    # ------------------------------------------------------------ clauses
    def clause(self, clause: ast.Clause, item: ast.Item, points: Decimal | None) -> m.Rule | None:
        first = clause.tiers[0]
        text = self.text(clause.span)
        cap, cap_text = self.clause_cap(clause, points)
        label = clause.label
        body = first.body
        if isinstance(body, ast.Per):
            if len(clause.tiers) > 1:
                self.err("GR205", clause.tiers[1].span)
            return self.per_rule(first, body, item, cap, cap_text, label, text, clause.span)
        if isinstance(body, ast.Escalate):
            return self.escalation(clause, body, cap, cap_text, label, text)
        if isinstance(body, ast.Respectively):
            return self.respective(first, body, cap, cap_text, label, text, clause.span)
        if isinstance(body, ast.Outcome) and body.per_measure is not None:
            per = ast.Per(None, Decimal(1), body.per_measure, None, body, body.span)
            return self.per_rule(first, per, item, cap, cap_text, label, text, clause.span)

        subject = self.subject_of(first.cond)
        tiers = []
        standalone = len(clause.tiers) == 1
        if standalone and self.per_or_exactly(first):
            return None
        for tier in clause.tiers:
            if not isinstance(tier.body, ast.Outcome):
                self.err("GR205", tier.span)
                continue
            cond = tier.cond
            if isinstance(cond, ast.CondCompare) and not cond.operand.names:
                if subject is None:
                    self.err("GR210", tier.span, detail="前一档没有单一的事实作主语,这一档请写明「事实」")
                    continue
                cond = ast.CondCompare(subject, cond.comparison, cond.span)
            test = self.test(cond) if cond is not None else None
            outcome = self.outcome(tier.body, cond, points, standalone=standalone)
            if outcome is None:
                continue
            tiers.append(m.Tier(test, outcome, self.text(tier.span), tier.span))
        if not tiers:
            return None
        return m.Tiered(tuple(tiers), cap, label, text, cap_text, clause.span)

    def per_or_exactly(self, tier: ast.Tier) -> bool:
        """「超时未整改条数」1条扣0.5分 — a count with no comparison word and no 的 — is most often a
        shortened 每1条 (宜良: 存在1条…扣0.5分), but would be read as 正好1条: ask instead of guessing."""
        cond, body = tier.cond, tier.body
        if not (isinstance(cond, ast.CondCompare) and cond.comparison.form == "eq" and len(cond.operand.names) == 1
                and isinstance(body, ast.Outcome) and body.kind in ("deduct", "award", "bonus")):
            return False
        fact = self.facts.get(cond.operand.names[0].text)
        value = cond.comparison.low
        if fact is None or fact.kind != "count" or value is None or value.number < 1:
            return False
        if "的" in self.source.text[cond.span.end : body.span.start]:
            return False
        self.ask_per_or_exactly(cond.comparison.text, value.number, value.unit or "次", cond.comparison.span)
        return True

    def ask_per_or_exactly(self, text: str, count: Decimal, measure: str, span: Span) -> None:
        amount = f"{format_decimal(count)}{measure}"
        self.err("GR221", span, text=text, count=amount,
                 help=f"按次计分写作「每{amount}扣…」;只在正好{amount}时计分写作「为{amount}的,扣…」")

    def clause_cap(self, clause: ast.Clause, points: Decimal | None) -> tuple[Decimal | None, str | None]:
        cap, texts = None, []
        for limit in clause.limits:
            texts.append(self.text(limit.span))
            amount = limit.amount
            if limit.kind == "exhaust" and amount is None:
                amount = points
                if amount is None:
                    self.err("GR206", limit.span, help="所在指标没有分值,请写明「扣完N分为止」")
                    continue
            if limit.kind in ("no_floor",):
                self.err("GR206", limit.span, help="「可扣至负分」是对整个指标的,请用句号与条款隔开")
                continue
            if amount is not None:
                cap = amount if cap is None else min(cap, amount)
        return cap, ("、".join(texts) if texts else None)

    def subject_of(self, cond: ast.Cond | None) -> ast.Operand | None:
        if isinstance(cond, (ast.CondCompare, ast.CondTrue, ast.CondFalse, ast.CondIn)) and cond.operand.names:
            return cond.operand
        return None

    def per_rule(self, tier: ast.Tier, per: ast.Per, item: ast.Item, cap, cap_text, label, text, span):
        cond = tier.cond
        if per.lead != "每" and per.count != 1:  # 发现3次扣1分: each 3, or once 3 are found?
            wording = self.source.text[per.span.start : per.outcome.span.start].rstrip(",，的")
            self.ask_per_or_exactly(wording, per.count, per.measure, Span(per.span.start, per.span.start + len(wording)))
            return None
        outcome = self.outcome(per.outcome, cond, None, standalone=False, per_occurrence=True)
        if outcome is None:
            return None
        if isinstance(cond, ast.CondCompare) and cond.operand.names:
            test = self.test(cond)
            if not isinstance(test, m.InRange):
                return None
            operand = test.operand
            kind = self.operand_kind(operand)
            if per.measure not in STEP_MEASURES.get(kind, ()) and not (kind == "ratio"):
                self.err("GR302", per.span, detail=f"「{self.describe_operand(operand)}」是{m.KIND_ZH[kind]},"
                         f"不能按「{per.measure}」计算差距",
                         help=self.step_hint(kind))
                return None
            interval = test.interval
            below = interval.high is not None and interval.low is None
            threshold = interval.high if below else interval.low
            if threshold is None or (interval.low is not None and interval.high is not None):
                self.err("GR210", cond.span, detail="按差距计分需要「低于/超过/之后」这样一侧的界限")
                return None
            if outcome.kind == "discretion":
                self.err("GR301", per.outcome.span, detail="按差距计分不能用视情分数")
                return None
            return m.PerStep(test, operand, threshold, below, per.count, per.measure, outcome,
                             self.step_reading(cond.span), cap, label, text, cap_text, span)

        guard = None
        counter = None
        if cond is None:
            counter = self.sole_counter(item, per.span)
        elif isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1:
            counter = self.fact_ref(cond.operand.names[0])
        else:
            guard = self.test(cond)
            counter = self.sole_counter(item, per.span)
        if counter is None:
            return None
        fact = self.facts.get(counter.name)
        allowed = ("count", "days", "months", "discretionary")
        if fact is not None and fact.kind not in allowed:
            self.err("GR301", cond.span if cond is not None else per.span,
                     detail=f"「每…」按次计分的事实应为次数、天数或月数,而「{fact.name}」是{m.KIND_ZH[fact.kind]}")
            return None
        if fact is not None:
            measures = STEP_MEASURES.get(fact.kind, COUNT_MEASURES) if fact.kind != "discretionary" else COUNT_MEASURES
            if fact.kind == "count" and per.measure not in COUNT_MEASURES and per.measure is not None:
                self.err("GR302", per.span, detail=f"次数不能以「{per.measure}」计", help="用次、个、项、起、件、条等量词")
                return None
            if fact.kind in ("days", "months") and per.measure not in measures:
                self.err("GR302", per.span, detail=f"「{fact.name}」是{m.KIND_ZH[fact.kind]},不能以「{per.measure}」计")
                return None
        if outcome.kind == "discretion":
            if fact is None or fact.kind != "discretionary":
                self.err("GR301", per.outcome.span, detail="视情扣分需要一个「视情」类型的事实作主语")
                return None
            outcome = m.Outcome("discretion", sign=outcome.sign, fact=counter.name, low=outcome.low,
                                high=outcome.high, text=outcome.text)
        elif fact is not None and fact.kind == "discretionary":
            self.err("GR301", per.outcome.span, detail=f"「{fact.name}」是视情分数,应写「扣a—b分」或「视情扣…」")
            return None
        if per.count <= 0:
            self.err("GR303", per.span, detail="「每N次」的N必须大于0")
            return None
        return m.PerCount(guard, counter, per.count, per.measure or "次", outcome, cap, label, text,
                          cap_text, span, per_text=self.text(per.span))

    def step_reading(self, span: Span) -> bool:
        reading = self.here["每低"]
        self.decide(self.path, "每低", reading, "按差距计分", span)
        return reading.value == "按比例计"

    def sole_counter(self, item: ast.Item, span: Span) -> m.FactRef | None:
        counters = [d for d in item.facts if d.type.kind in ("count", "days", "months", "discretionary")]
        if len(counters) == 1:
            return m.FactRef(counters[0].name.text, counters[0].type.kind)
        self.err("GR210", span,
                 detail="没有写明按哪个事实计次" + ("" if not counters else f"(本指标下有{len(counters)}个可计次的事实)"),
                 help="在「每」前写出事实,如「「违规次数」每发现1次扣0.2分」")
        return None

    def escalation(self, clause: ast.Clause, body: ast.Escalate, cap, cap_text, label, text):
        first = clause.tiers[0]
        cond = first.cond
        if not (isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1):
            self.err("GR211", first.span, detail="逐次加重的主语应是一个次数事实")
            return None
        counter = self.fact_ref(cond.operand.names[0])
        if counter is None:
            return None
        if counter.kind != "count":
            self.err("GR211", cond.span, detail=f"「{counter.name}」不是次数")
            return None
        steps = []
        for tier in clause.tiers:
            if not isinstance(tier.body, ast.Escalate):
                self.err("GR211", tier.span, detail="逐次加重的各档都应以「第N次」「再次」开头")
                continue
            ordinal = tier.body.ordinal
            first = ordinal.first
            if first is None:  # 以后每次 continues from the step written before it
                if not steps or steps[-1].open_ended:
                    self.err("GR211", ordinal.span, detail=f"「{ordinal.text}」之前应先写明第几次"
                             + ("" if not steps else ",且前一档不能已经包括以后各次"))
                    return None
                first = steps[-1].first + 1
            outcome = self.outcome(tier.body.outcome, None, None, standalone=True)
            if outcome is None:
                continue
            steps.append(m.Step(first, ordinal.open_ended, outcome, self.text(tier.span)))
        firsts = [s.first for s in steps]
        if firsts != sorted(firsts) or len(set(firsts)) != len(firsts):
            self.err("GR211", clause.span, detail="各次应按顺序写,且不重复")
            return None
        return m.Escalation(None, counter, tuple(steps), cap, label, text, cap_text, clause.span)

    def respective(self, tier: ast.Tier, body: ast.Respectively, cap, cap_text, label, text, span):
        cond = tier.cond
        out = body.outcome
        if out.kind not in ("award", "bonus", "deduct"):
            self.err("GR301", out.span, detail="「分别/依次」后应是得、加或扣若干分")
            return None
        amounts = out.amounts
        if isinstance(cond, ast.CondIn) and len(cond.operand.names) == 1:
            test = self.test(cond)
            if not isinstance(test, m.OneOf):
                return None
            keys = test.options
            mode = "option"
            operand = test.operand
        elif isinstance(cond, ast.CondCompare) and cond.comparison.form == "top" and len(cond.operand.names) == 1:
            operand = self.fact_ref(cond.operand.names[0])
            if operand is None:
                return None
            if operand.kind != "rank":
                self.err("GR301", cond.span, detail=f"「前N名」只能用于名次,「{operand.name}」是{m.KIND_ZH[operand.kind]}")
                return None
            top = cond.comparison.low.number
            keys = tuple(range(1, int(top) + 1))
            mode = "rank"
        else:
            self.err("GR212", span, left="?", right=len(amounts),
                     help="写作「「事实」为「甲」、「乙」的,分别加…」或「「名次」前三名,依次加…」")
            return None
        if len(keys) != len(amounts):
            self.err("GR212", out.span, left=len(keys), right=len(amounts))
            return None
        word = {"award": "得", "bonus": "加", "deduct": "扣"}[out.kind]
        outcomes = tuple(m.Outcome(out.kind, a, text=f"{word}{format_decimal(a)}分") for a in amounts)
        return m.Respective(None, operand, mode, keys, outcomes, cap, label, text, cap_text, span)

    # ------------------------------------------------------------ outcomes
    def outcome(self, out: ast.Outcome, cond, points, standalone: bool, per_occurrence: bool = False):
        kind = out.kind
        if len(out.amounts) > 1:
            self.err("GR212", out.span, left=1, right=len(out.amounts),
                     help="几个分值并列时要用「分别」或「依次」")
            return None
        amount = out.amounts[0] if out.amounts else None
        text = out.text
        if kind in ("award", "bonus", "deduct"):
            return m.Outcome(kind, amount, text=text)
        if kind == "zero":
            if not standalone:
                return m.Outcome("zero", text=text)
            reading = self.here["不得分范围"]
            self.decide(self.path, "不得分范围", reading, f"单独成条的「{text}」", out.span)
            return m.Outcome("veto" if reading.value == "本项" else "zero", text=text)
        if kind == "veto":
            return m.Outcome("veto", text=text)
        if kind == "full":
            return m.Outcome("full", text=text)
        if kind == "no_deduction":
            return m.Outcome("none", text=text)
        if kind in ("discretion_deduct", "discretion_bonus"):
            sign = -1 if kind == "discretion_deduct" else 1
            low, high = out.low, out.high
            if low is not None and high is not None and low > high:
                self.err("GR304", out.span, low=format_decimal(low), high=format_decimal(high))
                return None
            if high is None:
                low, high = Decimal(0), points
            fact = None if per_occurrence else self.discretion_fact(cond, out.span)
            if fact is None and not per_occurrence:
                return None
            return m.Outcome("discretion", sign=sign, fact=fact, low=low, high=high, text=text)
        if kind == "set_score":
            ref = self.fact_of_kind(out.name, "score", "「按…计分」")
            if ref is None:
                return None
            return m.Outcome("set", fact=ref.name, adjust=out.adjust, text=text)
        if kind == "proportional":
            ref = self.fact_of_kind(out.name, "percent", "「按…比例计分」")
            if ref is None:
                return None
            if points is None:
                self.err("GR301", out.span, detail="按比例计分是分值乘以比例,所在指标须写明分值")
                return None
            return m.Outcome("set", fact=ref.name, of_points=points, text=text)
        if kind == "final_value":
            self.err("GR301", out.span, detail="「按…确定」只用于总分规则(写在第一个指标之前)")
            return None
        if kind == "grade":
            self.err("GR301", out.span, detail="「为「…」」定等次,只用于总分规则(写在第一个指标之前)")
            return None
        raise AssertionError(kind)

    def fact_of_kind(self, name: ast.Name, kind: str, wording: str) -> m.FactRef | None:
        ref = self.fact_ref(name)
        if ref is not None and ref.kind != kind:
            self.err("GR301", name.span, detail=f"{wording}的事实应为{m.KIND_ZH[kind]},而「{ref.name}」是{m.KIND_ZH[ref.kind]}")
            return None
        return ref

    def discretion_fact(self, cond, span: Span) -> str | None:
        names = _fact_names(cond) if cond is not None else []
        found = [n for n in names if n in self.facts and self.facts[n].kind == "discretionary"]
        if len(found) != 1:
            self.err("GR301", span, detail="视情计分需要条件中恰好有一个「视情」类型的事实,由它给出分数")
            return None
        return found[0]

    # ------------------------------------------------------------ conditions
    def fact_ref(self, name: ast.Name) -> m.FactRef | None:
        fact = self.facts.get(name.text)
        if fact is None:
            hint = closest(name.text, self.facts)
            self.err("GR201", name.span, name=name.text,
                     help=f"是不是「{hint}」?" if hint else "用「事实「名称」:类型」声明它")
            return None
        return m.FactRef(fact.name, fact.kind)

    def operand(self, operand: ast.Operand) -> m.Operand | None:
        refs = [self.fact_ref(n) for n in operand.names]
        if any(r is None for r in refs):
            return None
        if len(refs) == 1:
            return refs[0]
        num, den = refs
        for ref in (num, den):
            if ref.kind not in ("count", "ratio", "score", "days", "months"):
                self.err("GR307", operand.span, detail=f"「{ref.name}」是{m.KIND_ZH[ref.kind]}")
                return None
        return m.Ratio(num, den)

    def operand_kind(self, operand: m.Operand) -> str:
        return "ratio" if isinstance(operand, m.Ratio) else operand.kind

    @staticmethod
    def describe_operand(operand: m.Operand) -> str:
        if isinstance(operand, m.Ratio):
            return f"{operand.numerator.name}/{operand.denominator.name}"
        return operand.name

    @staticmethod
    def step_hint(kind: str) -> str:
        return {"percent": "百分比按「个百分点」计,如「每低1个百分点」", "rank": "名次按「位」或「名」计,如「每下降1位」"}.get(
            kind, "换一个与事实相符的量词")

    def test(self, cond: ast.Cond) -> m.Test | None:
        text = self.text(cond.span)
        if isinstance(cond, ast.CondAll):
            parts = [self.test(p) for p in cond.parts]
            return None if any(p is None for p in parts) else m.AllOf(tuple(parts), text)
        if isinstance(cond, ast.CondAny):
            parts = [self.test(p) for p in cond.parts]
            return None if any(p is None for p in parts) else m.AnyOf(tuple(parts), text)
        operand = self.operand(cond.operand)
        if operand is None:
            return None
        if isinstance(cond, ast.CondTrue):
            return m.Truthy(operand, False, text)
        if isinstance(cond, ast.CondFalse):
            return m.Truthy(operand, True, text)
        if isinstance(cond, ast.CondIn):
            if isinstance(operand, m.Ratio) or operand.kind not in ("choice", "list"):
                kind = self.operand_kind(operand)
                self.err("GR301", cond.span, detail=f"「为「…」」只能用于选项或清单事实,「{self.describe_operand(operand)}」是{m.KIND_ZH[kind]}")
                return None
            fact = self.facts[operand.name]
            for option in cond.options:
                if option.text not in fact.options:
                    self.err("GR213", option.span, name=option.text, fact=fact.name, options="、".join(fact.options))
                    return None
            return m.OneOf(operand, tuple(o.text for o in cond.options), text)
        return self.compare(operand, cond.comparison, text)

    def compare(self, operand: m.Operand, comp: ast.Comparison, text: str) -> m.InRange | None:
        kind = self.operand_kind(operand)
        name = self.describe_operand(operand)
        if kind not in m.NUMERIC_KINDS:
            self.err("GR301", comp.span, detail=f"「{name}」是{m.KIND_ZH[kind]},不能与数值比较",
                     help="是否类事实直接写「「名称」得…」或「未「名称」的…」" if kind == "bool" else None)
            return None
        values = [v for v in (comp.low, comp.high) if v is not None]
        for value in values:
            if not self.unit_ok(kind, value, comp):
                return None
            if kind == "percent" and not (0 <= value.number <= 100):
                self.err("GR303", value.span, detail=f"百分比应在0%到100%之间,这里是{value.text}")
                return None
            if value.number < 0:
                self.err("GR303", value.span, detail=f"{value.text}不能为负数")
                return None
            if kind == "rank" and value.number < 1:
                self.err("GR303", value.span, detail="名次从第1名开始")
                return None
        interval = self.interval(comp, kind)
        if interval is None:
            return None
        unit = DISPLAY_UNIT.get(kind, "")
        return m.InRange(operand, interval, comp.text or text, describe_interval(interval, unit), unit)

    def unit_ok(self, kind: str, value: ast.Value, comp: ast.Comparison) -> bool:
        unit = value.unit
        allowed = UNITS_FOR_KIND[kind]
        if comp.form in ("rank", "top"):
            if kind != "rank":
                self.err("GR302", comp.span, detail=f"「{comp.text}」是名次的写法,而比较的是{m.KIND_ZH[kind]}")
                return False
            return True
        if unit in allowed:
            return True
        if kind == "percent" and unit is None:
            self.err("GR302", value.span, detail=f"百分比要写「%」:{value.text}%", help=f"写作「{value.text}%」")
        elif unit == "%":
            self.err("GR302", value.span, detail=f"{m.KIND_ZH[kind]}不能与百分数比较")
        else:
            self.err("GR302", value.span, detail=f"{m.KIND_ZH[kind]}不能以「{unit}」计")
        return False

    def interval(self, comp: ast.Comparison, kind: str) -> m.Interval | None:
        def closed_from(marker: str | None, default: bool) -> bool:
            return default if marker is None else marker == "含"

        low, high = comp.low.number if comp.low else None, comp.high.number if comp.high else None
        form = comp.form
        if form == "range":
            if low > high:
                self.err("GR304", comp.span, low=comp.low.text, high=comp.high.text)
                return None
            return m.Interval(low, closed_from(comp.low_incl, True), high, closed_from(comp.high_incl, True))
        if form == "eq":
            return m.Interval(low, True, low, True)
        if form == "top":
            return m.Interval(Decimal(1), True, low, closed_from(comp.low_incl, True))
        if form == "rank" and comp.post is None:
            return m.Interval(low, True, low, True)

        direction = closed = None
        if comp.pre is not None:
            direction, closed = self.pre_bounds[comp.pre]
        if comp.post is not None:
            post_dir, post_closed = self.bounds[comp.post]
            if comp.post in AMBIGUOUS_WORDS and comp.low_incl is None:
                explicit = any(d.key == "边界" and d.value.startswith(comp.post) for d in self.decisions)
                if not explicit:
                    self.decide(self.path, "边界", _Reading(f"{comp.post}{'含' if post_closed else '不含'}本数", "默认"),
                                f"「{comp.text}」", comp.span)
            if kind == "rank" and comp.post in ("以上", "及以上", "以下", "及以下"):
                post_dir = "le" if post_dir == "ge" else "ge"  # 第3名以上: ranks 1…3
            if direction is None:
                direction, closed = post_dir, post_closed
            elif direction != post_dir and direction != "eq":
                self.err("GR305", comp.span, detail=f"「{comp.pre}」与「{comp.post}」方向相反")
                return None
            elif direction == "eq":
                direction, closed = post_dir, post_closed
        closed = closed_from(comp.low_incl, closed)
        if direction == "eq":
            return m.Interval(low, True, low, True)
        if direction == "ge":
            return m.Interval(low, closed, None, False)
        return m.Interval(None, False, low, closed)

    # ------------------------------------------------------------ total
    def formula(self, piece: ast.HeaderPiece, roots) -> tuple[tuple[m.Term, ...] | None, str]:
        by_number = {n.number: n for n in roots if n.number is not None}
        order = [n.number for n in roots if n.number is not None]
        terms = []
        for term in piece.terms:
            first, last = term.first.number, (term.last.number if term.last else term.first.number)
            ids = []
            for ref in (term.first, term.last) if term.last else (term.first,):
                if ref.number not in by_number:
                    self.err("GR208", ref.span, label=_cn(ref.number))
            if first not in by_number or last not in by_number:
                continue
            i, j = order.index(first), order.index(last)
            if i > j:
                self.err("GR304", term.span, low=f"第{_cn(first)}项", high=f"第{_cn(last)}项")
                continue
            ids = tuple(by_number[k].id for k in order[i : j + 1])
            terms.append(m.Term(term.sign, ids, term.kind, self.text(term.span)))
        return tuple(terms), self.text(piece.span)

    def final_rules(self, clauses: tuple[ast.Clause, ...], total_name: str) -> tuple[m.Tiered | None, m.Tiered | None]:
        """总分规则 and 等次, the clauses before the first item. Each tier tests the total (a comparison on the
        total's name) or, for a whole-rubric veto (一票否决) or a grade on the facts, the unit's facts — never both.
        A rule on the total sets it (按N分确定 or 按「总分」确定); a grade rule (为「优秀」) names the unit's
        grade and leaves the total alone. One clause is one or the other (GR223): tiers of one clause are one
        ladder, and the two kinds are tried at different times."""
        ladders: dict[str, list[m.Tier]] = {"final_value": [], "grade": []}
        spans: dict[str, Span] = {}
        for clause in clauses:
            kinds = {t.body.kind for t in clause.tiers if isinstance(t.body, ast.Outcome)} & ladders.keys()
            if len(kinds) > 1:
                self.err("GR223", clause.span, help=(
                    "分成两句,用句号隔开:一句确定总分(「…的,按100分确定」),一句定等次(「…的为「优秀」」);"
                    f"新的一句以「{total_name}」或事实的名称开头"))
                continue
            subject = self.subject_of(clause.tiers[0].cond)
            for tier in clause.tiers:
                cond = tier.cond
                if isinstance(cond, ast.CondCompare) and not cond.operand.names and subject is not None:
                    cond = ast.CondCompare(subject, cond.comparison, cond.span)  # the next tier on the same subject
                test = None
                if cond is not None:
                    names = _fact_names(cond)  # none: a tier after 且/或, on the total as before
                    on_total = not names or total_name in names
                    test = self.total_test(cond, tier, total_name) if on_total else self.veto_test(cond, total_name)
                    if test is None:
                        continue
                out = tier.body
                if not isinstance(out, ast.Outcome) or out.kind not in ladders:
                    self.err("GR204", tier.span, help="总分规则的结果写作「按N分确定」或「按「总分」确定」;"
                                                      "定等次写作「为「优秀」」")
                    continue
                if out.kind == "grade":
                    outcome = m.Outcome("grade", text=out.text, grade=out.name.text)
                elif out.name is not None and out.name.text != total_name:
                    self.err("GR214", out.name.span, name=out.name.text)
                    continue
                else:
                    outcome = m.Outcome("final", out.amounts[0] if out.amounts else None, text=out.text)
                # a later tier's text starts at its separator (「;1起的,…」), which an explanation should not quote
                text = self.text(tier.span).lstrip(",，;；、 ")
                ladders[out.kind].append(m.Tier(test, outcome, text, tier.span))
                spans.setdefault(out.kind, clause.span)

        def ladder(kind: str) -> m.Tiered | None:
            tiers = ladders[kind]
            return m.Tiered(tuple(tiers), None, None, "", None, spans[kind]) if tiers else None

        return ladder("final_value"), ladder("grade")

    def total_test(self, cond: ast.Cond, tier: ast.Tier, total_name: str) -> m.Test | None:
        """A comparison on the total alone (超过100分的)."""
        others = [n for n in _fact_names(cond) if n != total_name]
        if others:
            self.err("GR222", cond.span, detail=f"一个条件不能既看「{total_name}」又看「{others[0]}」",
                     help=f"分成先后两条:事实的一条在前(如「「{others[0]}」…的,按0分确定」),「{total_name}」的一条在后")
            return None
        if not isinstance(cond, ast.CondCompare):
            self.err("GR204", tier.span, help=f"总分规则写作「「{total_name}」超过100分的,按100分确定」")
            return None
        comp = cond.comparison
        if comp.low is not None and comp.low.unit not in (None, "分"):
            self.err("GR302", comp.span, detail="总分以「分」计")
            return None
        interval = self.interval(comp, "score")
        if interval is None:
            return None
        return m.InRange(m.FactRef(total_name, "score"), interval, comp.text, describe_interval(interval, "分"), "分")

    def veto_test(self, cond: ast.Cond, total_name: str) -> m.Test | None:
        """一票否决: a condition on the unit's facts, read as a clause's; not on values computed from scores,
        which are known only after the total (总分排名) or scored again later (本项得分的最低值)."""
        unknown = [n for n in _cond_names(cond) if n.text not in self.facts]
        for name in unknown:
            hint = closest(name.text, [*self.facts, total_name])
            self.err("GR214", name.span, name=name.text, help=f"是不是「{hint}」?" if hint else (
                f"第一个指标之前的条款是总分规则:条件写「{total_name}」,或写一个用「事实「名称」:类型」声明的事实"))
        if unknown:
            return None
        for name in _fact_names(cond):
            cohort = self.facts[name].cohort
            if cohort is not None and cohort.source != "fact":
                self.err("GR222", cond.span, detail=f"「{name}」由各单位的得分算出,总分规则不能用它",
                         help=f"总分规则只能看「{total_name}」和各单位的事实(包括按事实算出的排名、平均)")
                return None
        return self.test(cond)


def _fact_names(cond) -> list[str]:
    return [n.text for n in _cond_names(cond)]


def _cond_names(cond) -> list[ast.Name]:
    if isinstance(cond, (ast.CondAll, ast.CondAny)):
        return [n for part in cond.parts for n in _cond_names(part)]
    return list(cond.operand.names)


def _test_facts(test) -> list[str]:
    if test is None:
        return []
    if isinstance(test, (m.AllOf, m.AnyOf)):
        return [n for part in test.parts for n in _test_facts(part)]
    operand = test.operand
    if isinstance(operand, m.Ratio):
        return [operand.numerator.name, operand.denominator.name]
    return [operand.name]


def _rule_facts(node: m.Node) -> set[str]:
    """The facts a node's own rules read."""
    names: set[str] = set()
    for rule in node.rules:
        tests = [t.test for t in rule.tiers] if isinstance(rule, m.Tiered) else [getattr(rule, "guard", None)]
        for test in tests:
            names.update(_test_facts(test))
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


def _cn(number: int) -> str:
    digits = "零一二三四五六七八九十"
    if number <= 10:
        return digits[number]
    if number < 20:
        return "十" + digits[number - 10]
    return str(number)


def describe_interval(interval: m.Interval, unit: str) -> str:
    """≥ 93%, < 90%, 90% ≤ x ≤ 92%, = 100%: the reading written out in symbols."""
    def f(x: Decimal) -> str:
        return f"{format_decimal(x)}{unit}"

    lo, hi = interval.low, interval.high
    if lo is not None and hi is not None:
        if lo == hi and interval.low_closed and interval.high_closed:
            return f"= {f(lo)}"
        left = "≤" if interval.low_closed else "<"
        right = "≤" if interval.high_closed else "<"
        return f"{f(lo)} {left} x {right} {f(hi)}"
    if lo is not None:
        return f"{'≥' if interval.low_closed else '>'} {f(lo)}"
    if hi is not None:
        return f"{'≤' if interval.high_closed else '<'} {f(hi)}"
    return "任意值"
