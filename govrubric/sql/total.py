"""The total and the grade as SQL: total rules, the total formula, rescaling, grades."""
from __future__ import annotations

from decimal import Decimal

from .. import model as m
from ..evaluate import on_total
from .algebra import TRUE, ZERO, Cond, Num, Val, add, both, case, compare, const, either, mul, neg, sub
from .base import SqlBase
from .columns import Unsupported


class TotalSql(SqlBase):
    """The total and the grade as SQL: total rules, the total formula, rescaling, grades."""

    # ------------------------------------------------------------ the total
    def total(self, scores: dict) -> Num:
        """The total (evaluate._Evaluator.run): formula, 不适用项 rescaling, rules on the total."""
        rubric = self.rubric
        roots = {root.id: scores[root.id][0] for root in rubric.roots}
        if rubric.total_expr is not None:  # 基础分1000分 + …, (…)×(1+0.1×「权重」), …中较低分值 (_runtime._total_expr)
            total = self.total_expr(rubric.total_expr, roots)
        elif rubric.formula is not None:
            total = const(ZERO)
            for term in rubric.formula:
                amounts = []
                for node_id in term.nodes:
                    score = roots[node_id]
                    if term.kind == "扣分":  # what the item took away: max(0, −score)
                        score = case([(compare(score, "<", const(ZERO)), neg(score))], const(ZERO))
                    amounts.append(score)
                amount = add(*amounts)
                total = add(total, amount) if term.sign > 0 else sub(total, amount)
        else:
            total = add(*roots.values())
        total = self.layers.num(total)
        if rubric.not_applicable == "按比例折算":
            total = self.rescale(total, scores)
        if rubric.final is not None:
            branches = []
            for tier in rubric.final.tiers:
                if tier.test is None:
                    holds = TRUE
                elif on_total(rubric, tier.test):
                    holds = self.total_range(total, tier.test.interval)
                else:
                    holds = self.test(tier.test, TRUE)
                if tier.outcome.kind != "final":
                    raise Unsupported(f"总分规则的结果「{tier.outcome.text}」", tier.span)
                if tier.outcome.item is not None:  # 按第一项得分确定: that item's score
                    new = add(*(roots[i] for i in tier.outcome.item.nodes))
                else:
                    new = const(tier.outcome.amount) if tier.outcome.amount is not None else total
                branches.append((holds, new))
                if tier.test is None:
                    break
            total = self.layers.num(case(branches, total))
        return total

    def total_expr(self, expr: m.TotalExpr, roots: dict) -> Num:
        """The total's formula beyond a sum of items, part by part as _runtime._total_expr computes it, exactly."""
        if expr.op == "term":
            amounts = []
            for node_id in expr.term.nodes:
                score = roots[node_id]
                if expr.term.kind == "扣分":  # what the item took away: max(0, −score)
                    score = case([(compare(score, "<", const(ZERO)), neg(score))], const(ZERO))
                amounts.append(score)
            return add(*amounts)
        if expr.op == "number":
            return const(expr.value)
        if expr.op == "fact":  # a fact every unit gives (checked: not optional, not computed)
            value = self.read(expr.fact, TRUE)
            if value is None:
                raise Unsupported(f"总分公式中的「{expr.fact}」", expr.span)
            return value
        parts = [self.layers.num(self.total_expr(p, roots)) for p in expr.parts]
        if len(parts) == 1:
            return parts[0]
        if expr.op in ("lower", "higher"):
            best = parts[0]
            for part in parts[1:]:  # the first of equal values, as min()/max() keep
                best = case([(compare(part, "<" if expr.op == "lower" else ">", best), part)], best)
                best = self.layers.num(best)
            return best
        a, b = parts
        return add(a, b) if expr.op == "+" else sub(a, b) if expr.op == "-" else mul(a, b)

    def total_range(self, total: Num, interval: m.Interval) -> Cond:
        parts = []
        if interval.low is not None:
            parts.append(compare(total, ">=" if interval.low_closed else ">", const(interval.low)))
        if interval.high is not None:
            parts.append(compare(total, "<=" if interval.high_closed else "<", const(interval.high)))
        return both(*parts)

    def rescale(self, total: Num, scores: dict) -> Num:
        """不适用项:按比例折算: total × possible ÷ (possible − missing), to two places, half up."""
        counted = [root for root in self.rubric.roots if root.points is not None]
        possible = sum((root.points for root in counted), ZERO)
        missing_terms = []
        for root in counted:
            for node in root.walk():
                _, not_applicable, reach = scores[node.id]
                if not_applicable.sql != "FALSE" and node.points:
                    missing_terms.append(case([(both(reach, not_applicable), const(node.points))], const(ZERO)))
        if not missing_terms:
            return total
        missing = self.layers.num(add(*missing_terms))
        left = self.layers.num(sub(const(possible), missing))
        unchanged = either(compare(missing, "=", const(ZERO)), compare(left, "=", const(ZERO)))
        # half_up divides by `left`: where it is 0 the scaled value is never used, so divide by 1 there
        safe_left = case([(compare(left, "=", const(ZERO)), const(Decimal(1)))], left)
        scaled = self.half_up(mul(total, const(possible)), safe_left)
        return self.layers.num(case([(unchanged, total)], scaled))

    def grade(self, total: Num) -> Val | None:
        grades = self.rubric.grades
        if grades is None:
            return None
        for tier in self.rubric.grade_limits:  # 一票否优, 等次降一档: the grade along the ladder, not yet in SQL
            raise Unsupported(f"等次规则「{tier.outcome.text}」", tier.span)
        for tier in grades.tiers:  # 按单位类别分档的等次: the category and the total in one condition, not yet in SQL
            if isinstance(tier.test, m.AllOf) and any(on_total(self.rubric, p) for p in tier.test.parts):
                raise Unsupported(f"按单位类别分档的等次「{tier.text}」", tier.span)
        parts = []
        for tier in grades.tiers:
            if tier.outcome.kind != "grade":
                raise Unsupported(f"等次规则的结果「{tier.outcome.text}」", tier.span)
            if tier.test is None:
                holds = TRUE
            elif on_total(self.rubric, tier.test):
                holds = self.total_range(total, tier.test.interval)
            else:
                holds = self.test(tier.test, TRUE)
            parts.append(f"WHEN {holds.sql} THEN {self.d.string(tier.outcome.grade)}")
            if tier.test is None:
                break
        return self.layers.val(Val("CASE " + " ".join(parts) + " ELSE NULL END", total.level))
