"""Clauses as SQL: outcomes, tiers, per-count and per-step rules, escalations, 分别/依次."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import model as m
from ..evaluate import settled_step, step_for
from .algebra import (FALSE, TRUE, ZERO, _type, Cond, Num, add, both, case, coalesce0, compare, const, either, mul, neg,
                      negate, sub, typed)
from .base import SqlBase
from .columns import MAX_MATTERS, Unsupported, digits
from .refusals import _refuse_unknown_fields


@attrs.frozen
class _RuleOut:
    effect: Num  # after the rule's own cap
    bonus: Cond  # whether the effect is a bonus (加, 视情加), kept apart under 加分上限:不受本项分值限制
    veto: Cond
    bases: tuple  # ((Cond, Num | None), …) base overrides in order: 按「…」计分 (a value) and 得满分 (None: the points)


class RuleSql(SqlBase):
    """Clauses as SQL: outcomes, tiers, per-count and per-step rules, escalations, 分别/依次."""

    # ------------------------------------------------------------ outcomes
    def apply(self, out: m.Outcome, node: m.Node | None, reach: Cond):
        """(effect, veto, base override or None, is bonus) of an outcome (evaluate._Evaluator.apply)."""
        kind = out.kind
        if out.row is not None and kind != "deduct":  # 视情扣 from a point's own points (本点扣分): not compiled
            raise Unsupported(f"结果「{out.text}」(本点扣分:视情扣分从这一点的分值扣)")
        if out.formula is not None:  # 该项得分=「甲」÷「乙」×10, 按「甲」÷「乙」的占比扣分 (evaluate.formula_base)
            return self.formula(out, reach)
        if kind in ("award", "bonus", "deduct"):
            return const(out.signed), False, None, kind == "bonus"
        if kind in ("zero", "none"):
            return const(ZERO), False, None, False
        if kind == "veto" and out.below is not None:
            raise Unsupported(f"结果「{out.text}」(倒扣)")
        if kind == "veto":
            return const(ZERO), True, None, False
        if kind == "full":
            return const(ZERO), False, ("full", None), False
        if kind == "set":
            value = self.read(out.fact, reach)
            if value is None:
                return const(ZERO), False, None, False
            if out.of_points is not None:
                base = mul(mul(const(out.of_points), value), const(Decimal("0.01")))
            else:
                base = add(value, const(out.adjust)) if out.adjust else value
            return const(ZERO), False, ("set", base), False
        if kind == "discretion":
            value = self.read(out.fact, reach)
            amount = const(ZERO) if value is None else coalesce0(value)
            return (amount if out.sign > 0 else neg(amount)), False, None, out.sign > 0
        raise Unsupported(f"结果「{out.text or kind}」")

    def formula(self, out: m.Outcome, reach: Cond):
        """The base a formula sets (of_points × its value, or the value), or the share of 扣N分 it deducts, rounded
        half up to the rubric's places as evaluate.formula_base (exactly: the value is a fraction, half_up divides)."""
        found = self.operand(out.formula, reach)
        if found is None:
            return const(ZERO), False, None, False
        num, den = found
        points = out.amount if out.kind == "deduct" else out.of_points
        if points is not None:
            num = mul(const(points), num)
        if den is None:  # a finite decimal: kept when it has no more places than the rubric's, else rounded
            den = const(Decimal(1))
        value = self.half_up(num, den, out.places)
        if out.kind == "deduct":  # 按「未完成数」÷「任务数」的占比扣分: a deduction, 0 when a fact is missing
            return neg(coalesce0(value)), False, None, False
        return const(ZERO), False, ("set", value), False

    # ------------------------------------------------------------ rules
    def rule(self, rule, node: m.Node, reach: Cond) -> _RuleOut:
        try:
            _refuse_unknown_fields(rule)
            for part in (*getattr(rule, "tiers", ()), *getattr(rule, "steps", ())):
                _refuse_unknown_fields(part, rule.span)
                _refuse_unknown_fields(part.outcome, rule.span)
            for out in (getattr(rule, "outcome", None), *getattr(rule, "outcomes", ())):
                if isinstance(out, m.Outcome):
                    _refuse_unknown_fields(out, rule.span)
            if isinstance(rule, m.Tiered):
                out = self.tiered(rule, node, reach)
            elif isinstance(rule, m.PerCount):
                out = self.per_count(rule, reach)
            elif isinstance(rule, m.PerStep):
                out = self.per_step(rule, reach)
            elif isinstance(rule, m.Escalation):
                out = self.escalation(rule, node, reach)
            elif isinstance(rule, m.Respective):
                out = self.respective(rule, reach)
            else:
                raise Unsupported(f"条款「{getattr(rule, 'text', type(rule).__name__)}」的写法")
        except Unsupported as err:
            raise Unsupported(err.what, err.span or getattr(rule, "span", None)) from None
        where = self.where(rule.span, f"{node.path}:{' '.join(rule.text.split())}")
        effect = self.layers.num(out.effect, where if rule.cap is None else None)
        if rule.cap is not None:
            cap = const(rule.cap)
            effect = case([(compare(effect, ">", cap), cap), (compare(effect, "<", neg(cap)), neg(cap))], effect)
            effect = self.layers.num(Num(effect.sql, min(effect.bound, rule.cap), effect.scale, effect.level), where)
        return attrs.evolve(out, effect=effect)

    def tiered(self, rule: m.Tiered, node: m.Node, reach: Cond) -> _RuleOut:
        branches, vetoes, bonuses, bases = [], [], [], []
        earlier_failed = TRUE
        for tier in rule.tiers:
            here = both(reach, earlier_failed)
            test = tier.test
            if rule.zero_side is not None and tier is rule.tiers[0]:  # model.ZeroSide: the test or its rest, i.e. the rest
                test = rule.zero_side.rest
            holds = TRUE if test is None else self.layers.cond(self.test(test, here))
            fired = self.layers.cond(both(earlier_failed, holds))
            effect, veto, base, bonus = self.apply(tier.outcome, node, both(here, holds))
            branches.append((fired, effect))
            if veto:
                vetoes.append(fired)
            if bonus:
                bonuses.append(fired)
            if base is not None:
                bases.append((both(fired, self.base_given(base)), base[1]))
            earlier_failed = self.layers.cond(both(earlier_failed, negate(holds)))
            if tier.test is None:
                break
        return _RuleOut(case(branches, const(ZERO)), either(*bonuses), either(*vetoes), tuple(bases))

    def base_given(self, base) -> Cond:
        """按「…」计分 takes effect only when the fact is filled in; 得满分 always."""
        kind, value = base
        if kind == "set" and value.nullable:
            return Cond(f"({value.sql} IS NOT NULL)", value.level)
        return TRUE

    def per_count(self, rule: m.PerCount, reach: Cond) -> _RuleOut:
        guard = TRUE if rule.guard is None else self.layers.cond(self.test(rule.guard, reach))
        value = self.read(rule.counter.name, both(reach, guard))
        out = rule.outcome
        bonus = TRUE if out.kind == "bonus" or (out.kind == "discretion" and out.sign > 0) else FALSE
        if value is None:
            return _RuleOut(const(ZERO), bonus, FALSE, ())
        count = coalesce0(value)
        if out.kind == "discretion":
            effect = count if out.sign > 0 else neg(count)
            return _RuleOut(case([(guard, effect)], const(ZERO)), bonus, FALSE, ())
        if out.kind not in ("award", "bonus", "deduct", "veto", "zero", "none"):
            raise Unsupported(f"每…计分的结果「{out.text}」")
        occurrences = self.layers.num(self.floor_div(count, rule.per))
        if out.kind == "veto":
            return _RuleOut(const(ZERO), FALSE, both(guard, compare(occurrences, ">", const(ZERO))), ())
        each = const(out.signed if out.kind in ("award", "bonus", "deduct") else ZERO)
        return _RuleOut(case([(guard, mul(each, occurrences))], const(ZERO)), bonus, FALSE, ())

    def per_step(self, rule: m.PerStep, reach: Cond) -> _RuleOut:
        rule = rule.in_operand_units()  # a share's percentage point: gap × 100 ÷ 1 = gap ÷ 0.01
        guard = self.layers.cond(self.test(rule.guard, reach))
        found = self.operand(rule.operand, both(reach, guard))
        out = rule.outcome
        if out.kind == "discretion":  # 未开或少开的,按次扣1-3分: a list of amounts, one per occurrence short
            raise Unsupported(f"「{rule.text}」(按次视情扣分:每少一次一个分数)", rule.span)
        bonus = TRUE if out.kind == "bonus" else FALSE
        if found is None:
            return _RuleOut(const(ZERO), bonus, FALSE, ())
        value, den = found
        each = const(out.signed if out.kind in ("award", "bonus", "deduct") else ZERO)
        threshold = const(rule.threshold)
        if den is None:
            if rule.until is not None:  # 分段差距:分段累进: this tier's stretch only (evaluate.per_step)
                until = const(rule.until)
                value = case([(compare(coalesce0(value), "<" if rule.below else ">", until), until)], coalesce0(value))
            gap = sub(threshold, coalesce0(value)) if rule.below else sub(coalesce0(value), threshold)
            if rule.proportional:
                inverse = self.reciprocal(rule.step, rule)
                # gap ÷ step = gap × (1 ÷ step) has at most as many significant digits as both together; past
                # 28 the Decimal scorer's quotient is rounded (and then kept to the rubric's places: PerStep.places)
                inverse_digits = len((Decimal(1) / rule.step).normalize().as_tuple().digits)
                if digits(gap.bound) + gap.scale + inverse_digits > 28:
                    raise Unsupported(f"每{rule.step}按比例计(差距与步长之商可能超过28位有效数字)", rule.span)
                steps = mul(gap, inverse)
            elif rule.rounding == "ceil":  # ⌈g ÷ s⌉ = −⌊−g ÷ s⌋
                steps = neg(self.floor_div(self.layers.num(neg(gap)), rule.step))
            elif rule.rounding == "half_up":  # g ≥ 0 where the guard holds: ⌊(g + s/2) ÷ s⌋
                steps = self.floor_div(self.layers.num(add(gap, const(rule.step / 2))), rule.step)
            else:
                steps = self.floor_div(self.layers.num(gap), rule.step)
        else:
            if rule.proportional:
                raise Unsupported("对两个事实之比「按比例计」的按差距计分(商不一定是有限小数)")
            if rule.until is not None:
                raise Unsupported(f"「{rule.text}」(两个事实之比上的分段累进)", rule.span)
            # ⌊(t − 甲/乙) ÷ s⌋ = ⌊(t·乙 − 甲) ÷ (s·乙)⌋, 乙 > 0
            num, den = coalesce0(value), coalesce0(den)
            scaled = mul(threshold, den)
            gap = sub(scaled, num) if rule.below else sub(num, scaled)
            width = mul(const(rule.step), den)
            if rule.rounding == "ceil":  # ⌈g ÷ w⌉ = −⌊−g ÷ w⌋
                steps = neg(self.floor_div_num(self.layers.num(neg(gap)), self.layers.num(width)))
            elif rule.rounding == "half_up":  # ⌊(2g + w) ÷ 2w⌋
                top = add(mul(const(Decimal(2)), gap), width)
                steps = self.floor_div_num(self.layers.num(top), self.layers.num(mul(const(Decimal(2)), width)))
            else:
                steps = self.floor_div_num(self.layers.num(gap), self.layers.num(width))
        return _RuleOut(case([(guard, mul(each, steps))], const(ZERO)), bonus, FALSE, ())

    def escalation(self, rule: m.Escalation, node: m.Node, reach: Cond) -> _RuleOut:
        value = self.read(rule.counter.name, reach)
        settled, repeated = settled_step(rule)
        for step in rule.steps:
            if step.outcome.kind not in ("award", "bonus", "deduct", "veto", "zero", "none"):
                raise Unsupported(f"逐次加重中的结果「{step.outcome.text}」")
            if step.outcome.kind == "bonus" and node.bonus_uncapped:
                raise Unsupported("「加分上限:不受本项分值限制」下逐次加重的加分")
        if value is None:
            return _RuleOut(const(ZERO), FALSE, FALSE, ())
        count = self.layers.num(coalesce0(value))
        terms, veto_at = [], None
        for k in range(1, settled):
            step = step_for(rule, k)
            if step is None:
                continue
            if step.outcome.kind == "veto":
                veto_at = k
                break
            if step.outcome.kind in ("award", "bonus", "deduct"):
                terms.append((compare(count, ">=", const(Decimal(k))), const(step.outcome.signed)))
        effect = add(*[case([(c, a)], const(ZERO)) for c, a in terms])
        veto = FALSE
        if veto_at is not None:
            veto = compare(count, ">=", const(Decimal(veto_at)))
        elif repeated is not None and repeated.outcome.kind == "veto":
            veto = compare(count, ">=", const(Decimal(settled)))
        elif repeated is not None and repeated.outcome.kind in ("award", "bonus", "deduct"):
            times = sub(count, const(Decimal(settled - 1)))
            effect = add(effect, case([(compare(count, ">=", const(Decimal(settled))),
                                        mul(const(repeated.outcome.signed), times))], const(ZERO)))
        return _RuleOut(effect, FALSE, veto, ())

    def respective(self, rule: m.Respective, reach: Cond) -> _RuleOut:
        by_category = rule.operand.kind == "category"  # 「单位类别」为「…」、「…」的,分别得…
        value = self.category if by_category else self.read(rule.operand.name, reach)
        first = rule.outcomes[0]
        bonus = TRUE if first.kind == "bonus" else FALSE
        if value is None:
            return _RuleOut(const(ZERO), bonus, FALSE, ())
        kind = "choice" if by_category else self.fact(rule.operand.name).kind
        table: dict = {}
        for key, out in zip(rule.keys, rule.outcomes):
            table.setdefault(key, out.signed)  # keys.index: the first listing counts
        if rule.mode == "option" and kind == "list":
            amounts = [const(a) for a in table.values()]
            bound = max(a.bound for a in amounts) * MAX_MATTERS
            scale = max(a.scale for a in amounts)
            decimal = _type(bound, scale)
            per_option = ("CASE " + " ".join(f"WHEN o = {self.d.string(k)} THEN CAST({format(a, 'f')} AS {decimal})"
                                            for k, a in table.items()) + " END")
            total = self.d.list_best_sum(value.sql, per_option, "o", decimal, lowest=rule.heaviest_first)
            effect = typed(f"coalesce({total}, 0)", bound, scale, value.level)
            return _RuleOut(effect, bonus, FALSE, ())
        branches = []
        for key, amount in table.items():
            if rule.mode == "rank":
                branches.append((compare(value, "=", const(Decimal(key))), const(amount)))
            else:
                branches.append((Cond(f"coalesce(({value.sql} = {self.d.string(key)}), FALSE)", value.level),
                                 const(amount)))
        return _RuleOut(case(branches, const(ZERO)), bonus, FALSE, ())
