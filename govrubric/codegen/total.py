"""The total: _run (every item, the 总分 formula, 不适用项 scaling), rules on the total (总分规则,
一票否决), grades (等次), and COHORTS, how values over the cohort are computed."""
from __future__ import annotations

from decimal import Decimal

from ..evaluate import on_total, quote_condition
from .. import model as m
from .module import ModuleCode
from .writer import Code, concat, lit, tuple_code


class TotalCode(ModuleCode):
    def run(self) -> None:
        """_run: every item, then the total (formula, 不适用项 scaling, 总分规则) as evaluate.run."""
        w = self.w
        r = self.rubric
        w.open("def _run(v, r):")
        by_id = {}
        for index, root in enumerate(r.roots, 1):
            w.line(f"sub_{index} = {self.function_names[root.id]}(v, r)")
            by_id[root.id] = f"sub_{index}"
        w.line("lines = [] if r.explaining else None")
        if r.total_expr is not None:  # 基础分1000分 + …, (…)×(1+0.1×「权重」), …中较低分值: _runtime._total_expr
            w.comment(f"总分:{r.formula_text}")
            w.line(f"total, text, _ = _total_expr({self.total_node(r.total_expr, by_id)})")
            self.add_line(concat(f"{r.total_name} = ", Code("text"), " = ", Code("_fmt(total)")), Code("total"))
        elif r.formula is not None:
            w.comment(f"总分:{r.formula_text}")
            parts, total = [], "ZERO"
            for index, term in enumerate(r.formula, 1):
                amounts = [f"max(ZERO, -{by_id[i]})" if term.kind == "扣分" else by_id[i] for i in term.nodes]
                w.line(f"term_{index} = {' + '.join(['ZERO'] + amounts)}")
                total += f" {'-' if term.sign < 0 else '+'} term_{index}"
                parts.append(concat(f"{'−' if term.sign < 0 else '+'} {term.text} ", Code(f"_fmt(term_{index})")))
            w.line(f"total = {total}")
            text = Code(f"' '.join({tuple_code(parts)}).lstrip('+ ')")
            self.add_line(concat(f"{r.total_name} = ", text, " = ", Code("_fmt(total)")), Code("total"))
        else:
            w.line(f"total = {' + '.join(['ZERO'] + list(by_id.values()))}")
            self.add_line(self.say("{total} = 各项得分之和 = {value}", total=r.total_name, value=Code("_fmt(total)")),
                          Code("total"))
        if r.not_applicable == "按比例折算":
            possible = sum((root.points or Decimal(0) for root in r.roots), Decimal(0))
            w.line(f"total = _rescale(total, {self.dec(possible)}, r.missing, lines)")
        if any(o.spill is not None for node in r.nodes() for rule in node.rules for o in m.outcomes_of(rule)):
            w.line(f"total = _spill({lit(r.total_name)}, total, r.spills, lines)  # 追加扣除 (evaluate.run)")
        if any(node.bonus_to_total for node in r.nodes()):
            w.line(f"total = _extra({lit(r.total_name)}, total, r.extras, lines)  # 加分上限:计入总分 (evaluate.run)")
        if r.final is not None:
            self.final(r.final, by_id)
        if r.grades is not None:
            self.grades(r.grades)
            self.grade_limits(r.grade_limits)
            w.line("r.grade = grade")
        w.line("r.total = total")
        w.line("r.total_lines = lines")
        w.close()

    def total_node(self, expr: m.TotalExpr, by_id: dict) -> str:
        """The tuple evaluate.total_node builds, as code over the items' scores (sub_N) and the facts (v[…])."""
        if expr.op == "term":
            scores = "".join(f"{by_id[i]}, " for i in expr.term.nodes)
            return f"('term', ({scores}), {expr.term.kind == '扣分'}, {lit(expr.text)})"
        if expr.op == "number":
            return f"('number', {self.dec(expr.value)}, {lit(expr.text)})"
        if expr.op == "fact":
            return f"('fact', v[{lit(expr.fact)}], {lit(expr.text)})"
        parts = "".join(f"{self.total_node(p, by_id)}, " for p in expr.parts)
        return f"({lit(expr.op)}, ({parts}), {lit(expr.text)})"

    def cohorts(self) -> None:
        """COHORTS: how each value over the cohort is computed (cohort.py), with its scope as a function."""
        w = self.w
        entries = []
        for fact in self.rubric.facts.values():
            cohort = fact.cohort
            if cohort is None:
                continue
            scope = "None"
            if cohort.scope is not None:
                scope = f"_scope_{len(entries) + 1}"
                w.line("")
                w.open(f"def {scope}(v):")
                w.comment(f"范围:{cohort.text}")
                self.temps = 0
                self.chain = ()
                self.operand_prelude([cohort.scope])
                w.line(f"return {self.holds(cohort.scope)}")
                w.close()
            categories = lit(None) if cohort.categories is None else tuple_code(lit(c) for c in sorted(cohort.categories))
            entries.append(f"{{'name': {lit(fact.name)}, 'kind': {lit(cohort.kind)}, 'source': {lit(cohort.source)}, "
                           f"'fact': {lit(cohort.fact)}, 'node': {lit(cohort.node)}, 'descending': "
                           f"{lit(cohort.descending)}, 'scope': {scope}, 'categories': {categories}, "
                           f"'text': {lit(cohort.text)}}}")
        w.line("")
        w.line("COHORTS = " + tuple_code(entries))

    def final(self, final: m.Tiered, by_id: dict) -> None:
        """总分规则: the first tier that holds decides the total (按N分确定 / 按「总分」确定); a tier tests the
        total's range or, for 一票否决, the unit's facts (evaluate._Evaluator.final_test)."""
        w = self.w
        self.operand_prelude([t.test for t in final.tiers if not on_total(self.rubric, t.test)])
        keyword = "if"
        for tier in final.tiers:
            self.source_comment(tier.text, tier.span)
            reading: tuple = ()
            if tier.test is None:
                header = "else:" if keyword == "elif" else None
            elif on_total(self.rubric, tier.test):
                header = f"{keyword} {self.interval(Code('total'), tier.test.interval)}:"
                reading = (f"({tier.test.meaning})",)
            else:
                header = f"{keyword} {self.holds(tier.test)}:"
                reading = ("(", self.why(tier.test, True), ")")
            if header is not None:
                w.open(header)
            item = tier.outcome.item
            if item is not None:  # 按第一项得分确定: that item's score (evaluate._Evaluator.run)
                w.line(f"new = {' + '.join(['ZERO'] + [by_id[i] for i in item.nodes])}")
                after = concat(f"{item.text} ", Code("_fmt(new)"))
            else:
                new = self.dec(tier.outcome.amount) if tier.outcome.amount is not None else "total"
                w.line(f"new = {new}")
                after = Code("_fmt(new)")
            self.add_line(self.say("{rule}{reading}:{before} → {after}", rule=tier.text, reading=concat(*reading),
                                   before=Code("_fmt(total)"), after=after), Code("new"), self.line(tier.span))
            w.line("total = new")
            if header is not None:
                w.close()
            if tier.test is None:
                break
            keyword = "elif"

    def grades(self, grades: m.Tiered) -> None:
        """等次 once the total is final: the first grade rule that holds gives r.grade, worded as
        evaluate._Evaluator.grade words it; none holding leaves it None."""
        w = self.w
        total_name = self.rubric.total_name
        self.operand_prelude([t.test for t in grades.tiers if not on_total(self.rubric, t.test)])
        keyword = "if"
        for tier in grades.tiers:
            self.source_comment(tier.text, tier.span)
            why, header = self.grade_condition(tier, keyword)
            if header is not None:
                w.open(header)
            w.line(f"grade = {lit(tier.outcome.grade)}")
            self.add_line(self.say("等次:{why} → {grade}", why=concat(*why),
                                   grade=concat(tier.outcome.grade, tier.outcome.grade_note)), None,
                          self.line(tier.span))
            if header is not None:
                w.close()
            if tier.test is None:
                break
            keyword = "elif"
        else:  # every tier has a condition: a unit none of them holds for has no grade
            w.open("else:")
            w.line("grade = None")
            self.add_line(self.say("等次:「{total}」= {value}分,没有适用的等次,不评等次", total=total_name,
                                   value=Code("_fmt(total)")), None, self.line(grades.span))
            w.close()

    def grade_condition(self, tier: m.Tier, keyword: str) -> tuple[tuple, str | None]:
        """How a grade rule's condition reads (as evaluate.grade_test words it) and the `if`/`elif` that tests it;
        no header for a tier without a condition that stands first (else: after an elif)."""
        if tier.test is None:
            return (self.say("其余情形"),), ("else:" if keyword == "elif" else None)
        why, holds = self.grade_test(tier.test)
        return why, f"{keyword} {holds}:"

    def grade_test(self, test: m.Test) -> tuple[tuple, str]:
        """(wording, code) of a grade rule's condition that holds: the total's range, the unit's facts, or (按单位类别
        分档) both, as evaluate.grade_test words them."""
        if isinstance(test, m.AllOf) and any(on_total(self.rubric, p) for p in test.parts):
            parts = [self.grade_test(p) for p in test.parts]
            why: list = []
            for index, (words, _) in enumerate(parts):
                why += ([self.say(" 且 ")] if index else []) + list(words)
            return tuple(why), "(" + " and ".join(code for _, code in parts) + ")"
        if on_total(self.rubric, test):
            why = (self.say("「{total}」= {value}分", total=self.rubric.total_name, value=Code("_fmt(total)")),
                   self.say(",符合{condition}({meaning})", condition=quote_condition(test.text), meaning=test.meaning))
            return why, self.interval(Code("total"), test.interval)
        return (self.why(test, True),), self.holds(test)

    def grade_limits(self, limits: tuple[m.Tier, ...]) -> None:
        """一票否优 / 等次降一档 on `grade`, each that holds in the order written (evaluate._Evaluator.grade_limits)."""
        if not limits:
            return
        w = self.w
        self.operand_prelude([t.test for t in limits if t.test is not None and not on_total(self.rubric, t.test)])
        w.line(f"order = {tuple_code(lit(g) for g in self.rubric.grade_order())}")
        for tier in limits:
            self.source_comment(tier.text, tier.span)
            why, header = self.grade_condition(tier, "if")
            if header is not None:
                w.open(header)
            args = ", ".join(["grade", "order", lit(tier.outcome.kind), lit(tier.outcome.grade),
                              concat(*why), lit(tier.outcome.text)])
            w.line(f"grade, text = _grade_limit({args})")
            self.add_line(Code("text"), None, self.line(tier.span))
            if header is not None:
                w.close()
