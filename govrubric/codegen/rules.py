"""Rules: one writer per rule kind — tiers, 每N次 (per count), 每低… (per step), 第N次 (escalation),
分别/依次 (respective) — and a clause's cap, each mirroring evaluate.py operation by operation."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import model as m
from ..evaluate import (_STEP_HOW, AMOUNT_KINDS, EXCUSE, PRICED, ZERO_SIDE, first_written, none_applies, per_wording, progression_word,
                        settled_step, step_for)
from ..numerals import format_decimal as fmt
from ..result import signed
from .module import ModuleCode
from .writer import Code, call, concat, lit


class RuleCode(ModuleCode):
    def rule(self, rule: m.Rule, node: m.Node) -> bool | str:
        """Code that leaves the rule's signed effect in e, after its own cap (evaluate.rule).

        Returns whether the effect is a bonus (加, 视情加) for 加分上限:不受本项分值限制: True, False,
        or "dynamic" when it depends on the tier that applies (the code then sets is_bonus)."""
        prefix = f"{rule.label} " if rule.label else ""
        if rule.exempt is not None:
            self.exemption(rule, node, prefix)
        if getattr(rule, "each", None) is not None:  # 单起…, 每月…: judged for each value (evaluate.each)
            bonus = self.each(rule, node, prefix)
        else:
            bonus = self.one_rule(rule, node, prefix)
        w = self.w
        if rule.cap is not None:
            cap, neg = self.dec(rule.cap), self.dec(-rule.cap)
            w.open(f"if e > {cap} or e < {neg}:")
            w.line(f"capped = {cap} if e > ZERO else {neg}")
            self.add_line(self.say("{cap}:{before} → {after}", cap=rule.cap_text, before=Code("_signed(e)"),
                                   after=Code("_signed(capped)")), Code("capped"), self.line(rule.span))
            w.line("e = capped")
            w.close()
        if isinstance(rule, m.Escalation):
            self.escalation_flags(rule, node)
        if rule.exempt is not None and node.bonus_uncapped:
            if bonus != "dynamic":  # the exempt branch set is_bonus; this one says what the rule is
                w.line(f"is_bonus = {bool(bonus)}")
            bonus = "dynamic"
        if rule.exempt is not None:
            w.close()
        return bonus if node.bonus_uncapped else False

    def one_rule(self, rule: m.Rule, node: m.Node, prefix: str) -> bool | str:
        """The rule's effect in e, before its cap (evaluate.one_rule)."""
        bonus: bool | str = False
        if isinstance(rule, m.Tiered):
            bonus = self.tiered(rule, node, prefix)
        elif isinstance(rule, m.PerCount):
            self.per_count(rule, prefix)
            bonus = bonus_outcome(rule.outcome)
        elif isinstance(rule, m.PerStep):
            self.per_step(rule, prefix)
            bonus = bonus_outcome(rule.outcome)
        elif isinstance(rule, m.Escalation):
            bonus = self.escalation(rule, node, prefix)
        else:
            self.respective(rule, prefix)
            bonus = bonus_outcome(rule.outcomes[0])
        return bonus

    def each(self, rule: m.Tiered | m.PerCount, node: m.Node, prefix: str) -> bool | str:
        """A clause judged for each value of a fact given per event or per period (evaluate.each): the rule's code
        runs once for each value, with v holding that value; each effect within the period's cap; their sum in e."""
        w = self.w
        each = rule.each
        fact = self.rubric.facts[each.fact]
        line = self.line(rule.span)
        unit = m.unit_word(fact)
        w.line(f"given = {self.fact_value(fact.name)}")
        w.open("if given is None:")
        w.line("e = ZERO")
        if node.bonus_uncapped:
            w.line("is_bonus = False")
        self.add_line(self.say("{label}「{fact}」未填,本条不计分", label=prefix, fact=fact.name), Code("ZERO"), line)
        w.close()
        w.open("else:")
        w.line(f"values = given if given.__class__ is tuple else (given,) * {fact.periods or 1}")
        self.add_line(self.say("{label}逐{per}计分(共{count}{unit}):「{fact}」= {values}", label=prefix, per=fact.per,
                               count=Code("str(len(values))"), unit=unit, fact=fact.name,
                               values=call("_show_values", lit(fact.kind), Code("values"), *self.unit_arg(fact.name))),
                      lit(None), line)
        w.line("total = ZERO")
        w.line("counted = 0")
        w.line("whole = v")
        w.open("for i, value in enumerate(values, 1):")
        w.line(f"v = {{**whole, {lit(fact.name)}: value}}")
        w.line("mark = len(lines) if lines is not None else 0")
        inner = attrs.evolve(rule, each=None, cap=None, label=None, exempt=None)
        bonus = self.one_rule(inner, node, "")
        w.open("if lines is not None:")
        w.line(f"word = _element_word({lit(fact.per)}, i)")
        worded = self.say("{word}:{text}", word=Code("word"), text=Code("x['text']"))
        w.line(f"lines[mark:] = [dict(x, text={worded}) for x in lines[mark:]]")
        w.close()
        if each.cap is not None:
            cap, neg = self.dec(each.cap), self.dec(-each.cap)
            w.open(f"if e > {cap} or e < {neg}:")
            w.line(f"capped = {cap} if e > ZERO else {neg}")
            self.add_line(self.say("{word}:{cap}:{before} → {after}", word=Code(f"_element_word({lit(fact.per)}, i)"),
                                   cap=each.cap_text, before=Code("_signed(e)"), after=Code("_signed(capped)")),
                          Code("capped"), line)
            w.line("e = capped")
            w.close()
        w.line("counted += e != ZERO")
        w.line("total += e")
        w.close()
        w.line("v = whole")
        w.line("e = total")
        self.add_line(self.say("{label}{count}{unit}中{counted}{unit}计分,合计 {effect}分", label=prefix,
                               count=Code("str(len(values))"), unit=unit, counted=Code("str(counted)"),
                               effect=Code("_signed(e)")), Code("e"), line)
        w.close()
        return bonus

    def exemption(self, rule: m.Rule, node: m.Node, prefix: str) -> None:
        """(若有新诉求的,不扣分): while it holds the clause scores nothing, else the rule's code runs, in the else:
        this opens and the caller closes (evaluate.rule)."""
        w = self.w
        test = rule.exempt.test
        self.operand_prelude([test])
        w.open(f"if {self.holds(test)}:")
        w.line("e = ZERO")
        if node.bonus_uncapped:
            w.line("is_bonus = False")
        if rule.exempt.sentence:  # ……得2分,发现有1例未完成,不得分: the sentence's points are lost
            said = self.say("{label}{exception}:{why},本句不得分", label=prefix,
                            exception=f"{rule.text},{rule.exempt.text}", why=self.why(test, True))
        else:
            said = self.say("{label}例外{exception}:{why},本条不计分", label=prefix, exception=rule.exempt.text,
                            why=self.why(test, True))
        self.add_line(said, Code("e"), self.line(rule.span))
        w.close()
        w.open("else:")

    def otherwise(self, tier: m.Tier) -> Code:
        """evaluate.otherwise: 「其余情形」, with the words of a 否则 written as the requirement not met."""
        if tier.negated is None:
            return self.say("其余情形")
        return self.say("其余情形(「{words}」:前面的条件都不成立)", words=tier.negated)

    def tiered(self, rule: m.Tiered, node: m.Node, prefix: str) -> str:
        """The first tier whose test holds decides (evaluate.tiered)."""
        w = self.w
        priced = self.priced(rule, node) if rule.priced_by else None  # before the tiers' prelude: its own
        self.operand_prelude([t.test for t in rule.tiers])
        keyword = "if"
        for tier in rule.tiers:
            if tier.test is None:
                if keyword == "if":
                    self.tier_outcome(tier, node, concat(prefix, self.otherwise(tier)))
                    return "dynamic"
                w.open("else:")
                self.tier_outcome(tier, node, concat(prefix, self.otherwise(tier)))
                w.close()
                return "dynamic"
            w.open(f"{keyword} {self.holds(tier.test)}:")
            if rule.each_part:
                self.each_part(tier, node, concat(prefix, self.why(tier.test, True)), rule.each_said)
            else:
                self.tier_outcome(tier, node, concat(prefix, self.why(tier.test, True)))
            w.close()
            if rule.starts is not None and keyword == "if":  # the sentence's points, where its deductions start
                w.open("else:")
                self.tier_outcome(tier, node, concat(prefix, self.why(tier.test, False), ";", rule.starts))
                w.close()
                return "dynamic"
            if priced is not None and keyword == "if":  # 另写的扣分:从得分扣起 (evaluate.tiered)
                w.open(f"elif {priced}:")
                self.tier_outcome(tier, node, concat(prefix, self.why(tier.test, False), ";", self.say(
                    PRICED, amount=fmt(tier.outcome.amount))))
                w.close()
            if rule.zero_side is not None and keyword == "if":  # 「甲」且「X」为0的得N分;「X」每…扣 (evaluate.tiered)
                w.open(f"elif {self.holds(rule.zero_side.rest)}:")
                self.tier_outcome(tier, node, concat(prefix, self.why(tier.test, False), ";", self.say(
                    ZERO_SIDE, count=rule.zero_side.count, amount=fmt(tier.outcome.amount))))
                w.close()
            if rule.excused_by is not None and keyword == "if":  # 同一事件:不重复扣分 (evaluate.tiered)
                count = self.fact_value(rule.excused_by)
                w.open(f"elif ({count} or ZERO) > ZERO:")
                self.tier_outcome(tier, node, concat(prefix, self.why(tier.test, False), ";", self.say(
                    EXCUSE, fact=rule.excused_by, count=Code(f"_fmt({count})"))))
                w.close()
            keyword = "elif"
        w.open("else:")
        w.line("e = ZERO")
        if node.bonus_uncapped:
            w.line("is_bonus = False")
        why = self.why(first_written(rule).test, False)
        self.add_line(self.say(none_applies(rule), why=concat(prefix, why)), Code("e"), self.line(rule.span))
        w.close()
        return "dynamic"

    def priced(self, rule: m.Tiered, node: m.Node) -> str:
        """另写的扣分:从得分扣起 (evaluate.priced): each deduction for the thing not done as a function of its own, lines
        off, true where it applies; the test that one of them does."""
        w = self.w
        calls = []
        for k, deduction in enumerate(rule.priced_by, 1):
            name = f"_priced_{node.id}_{k}"
            w.open(f"def {name}():")
            w.line("lines = None")
            w.line("veto = is_bonus = False")
            w.line("base = below = spill = taken = ZERO")
            if isinstance(deduction, m.PerStep):  # a shortfall applies where its condition holds
                self.operand_prelude([deduction.guard])
                w.line(f"return {self.holds(deduction.guard)}")
            else:
                self.rule(deduction, node)
                w.line("return e < ZERO")
            w.close()
            calls.append(f"{name}()")
        return " or ".join(calls)

    def each_part(self, tier: m.Tier, node: m.Node, why: Code, said: bool = False) -> None:
        """并列情形:各自计分: the tier's amount once for each part of 「甲」或「乙」 that holds (evaluate.tiered)."""
        w = self.w
        out = tier.outcome
        if node.bonus_uncapped:
            w.line("is_bonus = False")
        w.line(f"times = {' + '.join(f'({self.holds(part)})' for part in tier.test.parts)}")
        w.line(f"e = {self.dec(out.signed)} * times")
        self.add_line(self.say("{why} → {reads},{times}种情形各计一次:{effect}分" if said  # 各扣1分, as written
                               else "{why} → {reads},{times}种情形各计一次:{effect}分(并列情形:各自计分)", why=why,
                               reads=concat(out.text, f"({signed(out.signed)})"), times=Code("times"),
                               effect=Code("_signed(e)")),
                      Code("e"), self.line(tier.span))

    def tier_outcome(self, tier: m.Tier, node: m.Node, why: Code) -> None:
        """One tier's outcome applied (evaluate.apply), with its explanation line."""
        w = self.w
        out = tier.outcome
        if out.spill is not None:  # 追加扣除N分: the outcome as it reads, and N off the total (evaluate.apply)
            w.line(f"spill += {self.dec(out.spill)}")
        line = self.line(tier.span)
        if node.bonus_uncapped:
            w.line(f"is_bonus = {bonus_outcome(out)}")

        def reads(*parts: str) -> None:
            self.add_line(concat(why, " → ", *parts), Code("e"), line)

        if out.kind == "deduct" and out.formula is not None:  # 按「甲」÷「乙」的占比扣分 (evaluate.share_deduction)
            w.line(f"value = {self.operand_expr(out.formula)}")
            described = self.describe(out.formula)
            w.open("if value is None:")
            w.line("e = ZERO")
            reads(self.say("{outcome}:{formula},不适用", outcome=out.text, formula=described))
            w.close()
            w.open("else:")
            amount = "None" if out.amount is None else self.dec(out.amount)  # 按「…」的10倍扣分: the value alone
            w.line(f"deducted, arithmetic = _formula_base({amount}, value, {lit(out.places)})")
            w.line("e = -deducted")
            reads(f"{out.text}:", described, Code("arithmetic"), "(", Code("_signed(e)"), ")")
            w.close()
        elif out.kind in ("award", "bonus", "deduct"):
            w.line(f"e = {self.dec(out.signed)}")
            reads(out.text, f"({signed(out.signed)})")
        elif out.kind in ("zero", "none"):
            w.line("e = ZERO")
            reads(out.text)
        elif out.kind == "veto":
            w.line("e = ZERO")
            w.line("veto = True")
            if out.below is not None:
                w.line(f"below += {self.dec(out.below)}")
            reads(self.say("{outcome}(否决)", outcome=out.text))
        elif out.kind == "full":
            w.line("e = ZERO")
            reads(out.text)
            if node.points is not None:
                w.line(f"base = {self.dec(node.points)}")
                self.add_line(self.say("按满分计,基础分{base}分", base=fmt(node.points)))
        elif out.kind == "set":
            w.line("e = ZERO")
            self.set_base(out, "base", reads, lambda: self.add_line(self.say("基础分取{base}分", base=Code("_fmt(base)"))))
        elif out.kind == "discretion":
            w.line(f"amounts = {self.fact_value(out.fact)} or ()")
            w.line(f"e = {'' if out.sign > 0 else '-'}sum(amounts, ZERO)")
            if out.row is not None:  # 本点扣分: from the point's own points, not below 0 (evaluate.apply)
                w.line(f"e = max(ZERO, {self.dec(out.row)} + e)")
            reads(self.say("{outcome}:「{fact}」视情给出{amounts}分({effect})", outcome=out.text, fact=out.fact,
                           amounts=Code("_amounts(amounts, '0')"), effect=Code("_signed(e)")))
        else:
            raise AssertionError(out.kind)

    def set_base(self, out: m.Outcome, target: str, reads, then=None) -> None:
        """按「…」计分: the base becomes the fact's value (adjusted); an empty optional fact leaves it alone."""
        w = self.w
        if out.formula is not None:
            self.formula_base(out, target, reads, then)
            return
        value = self.fact_value(out.fact)
        optional = self.rubric.facts[out.fact].optional
        if optional:
            w.open(f"if {value} is None:")
            reads(self.say("{outcome}:「{fact}」未填,不适用", outcome=out.text, fact=out.fact))
            w.close()
            w.open("else:")
        if out.of_points is not None:  # 按「…」比例计分: points × percentage, as evaluate.py
            w.line(f"{target} = {self.dec(out.of_points)} * {value} / 100")
            reads(self.say("{outcome}:「{fact}」= {value}%,{points}分 × {value}% = {share}分", outcome=out.text,
                           fact=out.fact, value=Code(f"_fmt({value})"), points=fmt(out.of_points),
                           share=Code(f"_fmt({target})")))
        else:
            # value + ZERO as evaluate.py writes it: it rounds a value given with more digits than the context keeps
            w.line(f"{target} = {value} + {self.dec(out.adjust) if out.adjust is not None else 'ZERO'}")
            text = [self.say("{outcome}:「{fact}」= {value}分", outcome=out.text, fact=out.fact,
                             value=Code(f"_fmt({value})"))]
            if out.adjust:
                text += [self.say(",{adjust} = {value}分", adjust=signed(out.adjust), value=Code(f"_fmt({target})"))]
            reads(*text)
        if then is not None:
            then()
        if optional:
            w.close()

    def formula_base(self, out: m.Outcome, target: str, reads, then=None) -> None:
        """该项得分=「甲」÷「乙」×10, 按「甲」÷「乙」比例计分 (evaluate._Evaluator.formula): the base is the formula's
        value (× the points), rounded to the rubric's places where it is no finite decimal; a fact not given leaves
        the base alone."""
        w = self.w
        w.line(f"value = {self.operand_expr(out.formula)}")
        described = self.describe(out.formula)
        nullable = self.nullable(out.formula)
        if nullable:
            w.open("if value is None:")
            reads(self.say("{outcome}:{formula},不适用", outcome=out.text, formula=described))
            w.close()
            w.open("else:")
        of_points = self.dec(out.of_points) if out.of_points is not None else "None"
        w.line(f"{target}, arithmetic = _formula_base({of_points}, value, {lit(out.places)})")
        reads(f"{out.text}:", described, Code("arithmetic"))
        if then is not None:
            then()
        if nullable:
            w.close()

    def per_count(self, rule: m.PerCount, prefix: str) -> None:
        """每N次 → amount: occurrences = ⌊count ÷ N⌋ (evaluate.per_count)."""
        w = self.w
        line = self.line(rule.span)
        if rule.guard is not None:
            self.operand_prelude([rule.guard])
            w.open(f"if not ({self.holds(rule.guard)}):")
            w.line("e = ZERO")
            self.add_line(self.say("{why}:本条不计分", why=concat(prefix, self.why(rule.guard, False))), Code("ZERO"), line)
            w.close()
            w.open("else:")
        name = rule.counter.name
        what = per_wording(rule)
        out = rule.outcome
        if out.kind == "discretion":
            w.line(f"amounts = {self.fact_value(name)} or ()")
            w.line(f"e = {'' if out.sign > 0 else '-'}sum(amounts, ZERO)")
            self.add_line(self.say("{label}「{fact}」视情给出:{amounts};{per},合计 {effect}分", label=prefix, fact=name,
                                   amounts=Code("_amounts(amounts, _say('无'))"), per=what, effect=Code("_signed(e)")),
                          Code("e"), line)
        else:
            value = self.fact_value(name)
            if self.rubric.facts[name].optional:
                value = Code(f"{value} if {value} is not None else ZERO")
            w.line(f"count = {value}")
            if rule.per == 1:  # the count is whole, so ⌊count ÷ 1⌋ is count rounded to the context: +count
                w.line("n = +count")
            else:
                w.line(f"n = (count / {self.dec(rule.per)}).to_integral_value(ROUND_FLOOR)")
            each = out.signed if out.kind in ("award", "bonus", "deduct") else Decimal(0)
            w.line(f"e = {self.dec(each)} * n")
            per = self.say("(每{per}{unit}计1次)", per=fmt(rule.per), unit=rule.measure) if rule.per != 1 else ""
            counted = self.say("{label}「{fact}」= {count}{unit}:{each}{per} × {times} = {effect}分", label=prefix,
                               fact=name, count=Code("_fmt(count)"), unit=rule.measure, each=what, per=per,
                               times=Code("_fmt(n)"), effect=Code("_signed(e)"))
            if out.kind == "veto":
                w.open("if n > 0:")
                w.line("e = ZERO")
                w.line("veto = True")
                self.add_line(self.say("{label}「{fact}」= {count}{unit}:{outcome}(否决)", label=prefix, fact=name,
                                       count=Code("_fmt(count)"), unit=rule.measure, outcome=out.text), Code("ZERO"), line)
                w.close()
                w.open("else:")
                self.add_line(counted, Code("e"), line)
                w.close()
            else:
                self.add_line(counted, Code("e"), line)
        if rule.guard is not None:
            w.close()

    def per_step(self, rule: m.PerStep, prefix: str) -> None:
        """每低1个百分点 / 每下降1位: steps beyond the threshold (evaluate.per_step)."""
        w = self.w
        line = self.line(rule.span)
        self.operand_prelude([rule.guard])
        value = self.operand_expr(rule.operand)
        threshold = self.dec(rule.threshold)
        w.open(f"if {self.holds(rule.guard)}:")
        # 「甲」÷「乙」 may be a Fraction: the gap is then taken to 28 digits and the score rounded (evaluate.py)
        fractional = bool(m.divisors(rule.operand)) or _divides(rule.operand)
        if fractional:
            w.line(f"value = {value}")
            w.line("divides = value.__class__ is Decimal")
            w.line("value = _as_decimal(value)")
            value = Code("value")
        why = concat(prefix, self.why(rule.guard, True))
        if rule.until is not None:  # 分段差距:分段累进: this tier's stretch only (evaluate.per_step)
            w.line(f"value = {'max' if rule.below else 'min'}({value}, {self.dec(rule.until)})")
            value = Code("value")
            unit = rule.guard.unit
            why = concat(why, self.say("(分段累进:本档只计{start}至{end}这一段)", start=f"{fmt(rule.threshold)}{unit}",
                                       end=f"{fmt(rule.until)}{unit}"))
        w.line(f"gap = {threshold} - {value}" if rule.below else f"gap = {value} - {threshold}")
        if rule.scale != 1:  # a share's gap in percentage points (model.PerStep.scale, evaluate.per_step)
            w.line(f"gap *= {self.dec(rule.scale)}")
        steps = f"gap / {self.dec(rule.step)}"
        if rule.proportional:
            w.line(f"steps, exact = _divide(gap, {self.dec(rule.step)})")
            w.line("divides = divides and exact" if fractional else "divides = exact")
        else:  # evaluate._STEP_ROUNDING
            mode = {"floor": "ROUND_FLOOR", "half_up": "ROUND_HALF_UP", "ceil": "ROUND_CEILING"}[rule.rounding]
            w.line(f"steps = ({steps}).to_integral_value({mode})")
        if rule.outcome.kind == "discretion":  # 按次扣1-3分: the amount for each one short (evaluate.per_step)
            w.line(f"amounts = tuple({self.fact_value(rule.outcome.fact)} or ())[:int(steps)]")
            w.line(f"e = {'' if rule.outcome.sign > 0 else '-'}sum(amounts, ZERO)")
            self.add_line(self.say("{why};差{gap}{unit},按次{outcome}:「{fact}」= {amounts},合计 {effect}分",
                                   why=why, gap=Code("_fmt(gap)"),
                                   unit=rule.measure, outcome=rule.outcome.text, fact=rule.outcome.fact,
                                   amounts=Code("_amounts(amounts, _say('无'))"), effect=Code("_signed(e)")),
                          Code("e"), line)
            w.close()
            w.open("else:")
            w.line("e = ZERO")
            self.add_line(self.say("{why}:本条不计分", why=concat(prefix, self.why(rule.guard, False))), Code("ZERO"), line)
            w.close()
            return
        each = rule.outcome.signed if rule.outcome.kind in ("award", "bonus", "deduct") else Decimal(0)
        w.line(f"e = {self.dec(each)} * steps")
        how = self.say("按比例计") if rule.proportional else self.say(_STEP_HOW[rule.rounding])
        shown, note = Code("_fmt(steps)"), ""
        if rule.proportional or fractional:  # rounded to the rubric's places when the step does not divide the gap
            w.line("rounded = False")
            w.open("if not divides:")
            w.line(f"e, rounded = _to_places(e, {lit(rule.places)})")
            w.close()
            shown = Code(f"(_fmt(gap) + {lit(' ÷ ' + fmt(rule.step))} if rounded else _fmt(steps))")
            note = Code(f"_places_note(rounded, {lit(rule.places)})")
        self.add_line(self.say("{why};差{gap}{unit},每{step}{unit}{outcome}({how}):{steps} × {each} = {effect}分{note}",
                               why=why, gap=Code("_fmt(gap)"), unit=rule.measure,
                               step=fmt(rule.step), outcome=rule.outcome.text, how=how, steps=shown, each=signed(each),
                               effect=Code("_signed(e)"), note=note), Code("e"), line)
        w.close()
        w.open("else:")
        w.line("e = ZERO")
        self.add_line(self.say("{why}:本条不计分", why=concat(prefix, self.why(rule.guard, False))), Code("ZERO"), line)
        w.close()

    def escalation(self, rule: m.Escalation, node: m.Node, prefix: str) -> bool | str:
        """第k次 → the step written for k, the highest such step first, one occurrence at a time until
        the steps settle; the rest at once, as one run of the settled step; a veto ends the count
        (evaluate.escalation)."""
        w = self.w
        name = rule.counter.name
        settled, repeated = settled_step(rule)
        w.line(f"count = {self.fact_value(name)} or ZERO")
        w.line("n = int(count)")
        w.line("e = ZERO")
        w.line("parts = [] if lines is not None else None")
        if any(s.outcome.kind == "set" for s in rule.steps):
            w.line("new_base = None")
        if any(s.outcome.kind == "full" for s in rule.steps):
            w.line("full = False")
        bonus_steps = node.bonus_uncapped and any(bonus_outcome(s.outcome) for s in rule.steps)
        if bonus_steps:
            w.line("is_bonus = False")

        def part(*texts: str, first: str = "k", last: str = "k", subtotal: str | None = None) -> None:
            w.open("if parts is not None:")
            args = [Code(first), Code(last), concat(*texts)] + ([Code(subtotal)] if subtotal else [])
            w.line(f"parts.append({call('_occurrences', *args)})")
            w.close()

        def apply(step: m.Step | None, amount: str, first: str = "k", last: str = "k") -> None:
            """The step's outcome for occurrences first … last, whose amounts add up to amount."""
            out = step.outcome if step is not None else None
            if out is None:
                part(self.say("无规定"), first=first, last=last)
            elif out.kind in AMOUNT_KINDS:
                w.line(f"e += {amount}")
                if bonus_steps and bonus_outcome(out):
                    w.line("is_bonus = True")
                subtotal = amount if last != first else None  # one occurrence reads without a subtotal
                part(f"{out.text}({signed(out.signed)})", first=first, last=last, subtotal=subtotal)
            elif out.kind == "veto":
                w.line("veto = True")
                part(self.say("{outcome}(否决)", outcome=out.text), first=first, last=first)  # the first vetoed occurrence ends the count
            elif out.kind == "set":
                self.set_base(out, "new_base", lambda *texts: part(*texts, first=first, last=last))
            else:  # zero, none, full
                if out.kind == "full":
                    w.line("full = True")
                part(out.text, first=first, last=last)

        ladder = [s for s in sorted(rule.steps, key=lambda s: -s.first) if s.first < settled]
        vetoes = any(s.outcome.kind == "veto" for s in ladder)
        if settled > 1:
            w.open(f"for k in range(1, min(n, {settled - 1}) + 1):")
            for index, step in enumerate(ladder):
                w.open(f"{'elif' if index else 'if'} k {'>=' if step.open_ended else '=='} {step.first}:")
                amount = self.dec(step.outcome.signed) if step.outcome.kind in AMOUNT_KINDS else "ZERO"
                apply(step, amount)
                if step.outcome.kind == "veto":
                    w.line("break")
                w.close()
            if any(step_for(rule, k) is None for k in range(1, settled)):
                if ladder:
                    w.open("else:")
                part(self.say("无规定"))
                if ladder:
                    w.close()
            w.close()
            if vetoes:
                w.open("else:  # the rest only when no veto ended the count")
        w.open(f"if n >= {settled}:")
        if rule.then is not None:
            self.progression(rule)
        elif repeated is not None and repeated.outcome.kind in AMOUNT_KINDS:
            each = self.dec(repeated.outcome.signed)
            # a single occurrence adds the amount as written, as evaluate.escalation does
            w.line(f"times = n - {settled - 1}" if settled > 1 else "times = n")
            w.line(f"each = {each} * times if times > 1 else {each}")
        if rule.then is None:
            apply(repeated, "each", first=str(settled), last="n")
        w.close()
        if settled > 1 and vetoes:
            w.close()
        detail = Code("(_say(';').join(parts) or _say('没有发生'))")
        self.add_line(self.say("{label}「{fact}」= {count}次:{detail};合计 {effect}分", label=prefix, fact=name,
                               count=Code("_fmt(count)"), detail=detail, effect=Code("_signed(e)")), Code("e"),
                      self.line(rule.span))
        return "dynamic" if bonus_steps else False

    def progression(self, rule: m.Escalation) -> None:
        """以此类推 / 加倍扣分 after the last step: the runtime's _progression, as evaluate.progression calls it."""
        last = rule.steps[-1]
        before = self.dec(rule.steps[-2].outcome.signed) if len(rule.steps) > 1 else "ZERO"
        cap = self.dec(rule.cap) if rule.cap is not None else "None"
        args = ", ".join([repr(rule.then.kind), repr(progression_word(last.outcome)), before,
                          self.dec(last.outcome.signed), str(last.first + 1), "n", "e", cap])
        self.w.line(f"added, more = _progression({args})")
        self.w.line("e += added")
        self.w.open("if parts is not None:")
        self.w.line("parts.extend(more)")
        self.w.close()

    def escalation_flags(self, rule: m.Escalation, node: m.Node) -> None:
        """按「…」计分 and 得满分 reached by an escalation take effect after its cap, as in evaluate.node."""
        w = self.w
        if any(s.outcome.kind == "set" for s in rule.steps):
            w.open("if new_base is not None:")
            w.line("base = new_base")
            self.add_line(self.say("基础分取{base}分", base=Code("_fmt(base)")))
            w.close()
        if any(s.outcome.kind == "full" for s in rule.steps) and node.points is not None:
            w.open("if full:")
            w.line(f"base = {self.dec(node.points)}")
            self.add_line(self.say("按满分计,基础分{base}分", base=fmt(node.points)))
            w.close()

    def respective(self, rule: m.Respective, prefix: str) -> None:
        """依次/分别: the i-th rank or option earns the i-th amount (evaluate.respective)."""
        w = self.w
        name = rule.operand.name
        by_category = rule.operand.kind == "category"  # 「单位类别」为「…」、「…」的,分别得…
        kind = "choice" if by_category else self.rubric.facts[name].kind
        value = Code("r.category") if by_category else self.fact_value(name)
        if rule.mode == "option" and kind == "list":
            table: dict[str, tuple[Decimal, str]] = {}
            for key, out in zip(rule.keys, rule.outcomes):
                table.setdefault(key, (out.signed, out.text))  # keys.index: the first listing counts
            pairs = ", ".join(f"{lit(k)}: ({self.dec(a)}, {lit(t)})" for k, (a, t) in table.items())
            optional = self.rubric.facts[name].optional
            if optional:
                w.open(f"if {value} is None:")
                w.line("e, parts = ZERO, []")
                w.close()
                w.open("else:")
            heaviest = ", heaviest=True" if rule.heaviest_first else ""
            w.line(f"e, parts = _respective_list({value}, {{{pairs}}}{heaviest})")
            if optional:
                w.close()
            detail = Code("(_say(';').join(parts) or _say('不在所列之中'))")
        else:
            keyword = "if"
            for key, out in zip(rule.keys, rule.outcomes):
                shown = (self.say("第{rank}名 → {outcome}", rank=str(key), outcome=out.text) if rule.mode == "rank"
                         else lit(f"{key} → {out.text}"))
                w.open(f"{keyword} {value} == {lit(key)}:")
                keyword = "elif"
                w.line(f"e, detail = {self.dec(out.signed)}, {shown}")
                w.close()
            w.open("else:")
            w.line("e, detail = ZERO, _say('不在所列之中')")
            w.close()
            detail = Code("detail")
        self.add_line(self.say("{label}「{fact}」= {value}:{detail};合计 {effect}分", label=prefix, fact=name,
                               value=Code(call("_show", lit(kind), value)), detail=detail, effect=Code("_signed(e)")),
                      Code("e"), self.line(rule.span))


def _divides(operand) -> bool:
    """Whether an operand divides anywhere (its value may then be a Fraction)."""
    if isinstance(operand, m.Arith):
        return operand.op == "/" or _divides(operand.left) or _divides(operand.right)
    return False


def bonus_outcome(outcome: m.Outcome) -> bool:
    """加 and 视情加: what 加分上限:不受本项分值限制 keeps apart (evaluate._bonus_flags)."""
    return outcome.kind == "bonus" or (outcome.kind == "discretion" and outcome.sign > 0)
