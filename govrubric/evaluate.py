"""The interpreter: checked model + one unit's checked values → an explained result tree.

Values must come from facts.FactChecker (every fact present or None, denominators non-zero);
then scoring cannot fail. All arithmetic is Decimal; nothing is rounded.
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from . import model as m
from ._runtime import _VALUE_OF_KIND, _grade_limit, _progression, _say, _speak, _total_expr
from ._runtime_english import _ENGLISH
from .i18n import N_, Said
from .numerals import as_decimal, exact_arith, exact_quotient, format_number, round_places
from .numerals import format_decimal as fmt
from .numerals import format_shown as shown
from .result import Line, NodeResult, Result, signed
from .spill import extras_line, total_line

ZERO = Decimal(0)
_NONE: dict = {}  # an empty mapping (and set) node_score reads and never writes


def speak() -> None:
    """Explanation lines from here on in the language chosen (--lang, else the locale: i18n.language()): English
    under en, else Chinese as written. Both the interpreter and the compiled scorer say them through _runtime._say."""
    from .i18n import language

    _speak(_ENGLISH if language() == "en" else None)


def score_unit(rubric: m.Rubric, values: dict[str, Any], unit: str, category: str | None,
               line_of=None) -> Result:
    return _Evaluator(rubric, values, category, line_of).run(unit)


def scores_only(rubric: m.Rubric, values: dict[str, Any], unit: str, category: str | None) -> Result:
    """score_unit's result without its explanation (explain=False below): for code that reads only numbers."""
    return _Evaluator(rubric, values, category, None, explain=False).run(unit)


class _Evaluator:
    """explain=False: scores only (lint's range analysis, which tests a clause on thousands of candidate facts,
    and the checks that only ask whether a condition holds). The arithmetic and every decision are the same
    code either way; only the wording is skipped where it costs most (conditions, 视情 amounts, sub-item lines),
    so explanation texts of a scores-only result are incomplete and must not be shown."""

    def __init__(self, rubric: m.Rubric, values: dict[str, Any], category: str | None, line_of,
                 explain: bool = True) -> None:
        self.rubric = rubric
        self.explain = explain
        if explain:
            speak()
        self.values = values
        self.category = category
        self.line_of = line_of or (lambda span: None)
        self.by_id: dict[int, NodeResult] = {}
        self.set_aside: set[int] = set()  # another category's version of their parent (model.stands_aside)
        self.spills: dict[str, Decimal] = {}  # 追加扣除: item path → amount off the total (spill.py)
        self.extras: dict[str, Decimal] = {}  # 加分上限:计入总分: item path → bonus added to the total
        self.by_node = {n.id: n for n in rubric.nodes()}  # 不重复扣分: the other items' clauses

    def line(self, text: str, amount: Decimal | None = None, span=None, fired: bool = False) -> Line:
        if span is None:
            return Line(text, amount)
        return Line(text, amount, span, self.line_of(span), fired)

    # ------------------------------------------------------------ total
    def run(self, unit: str) -> Result:
        roots = tuple(self.node(n) for n in self.rubric.roots)
        lines = []
        if self.rubric.total_expr is not None:  # 基础分1000分 + …, (…)×(1+0.1×「权重」), …中较低分值
            total, text, _ = _total_expr(self.total_node(self.rubric.total_expr))
            lines.append(self.line(f"{self.rubric.total_name} = {text} = {fmt(total)}", total))
        elif self.rubric.formula is not None:
            total = ZERO
            parts = []
            for term in self.rubric.formula:
                amount = ZERO
                for node_id in term.nodes:
                    score = self.by_id[node_id].score
                    amount += (max(ZERO, -score) if term.kind == "扣分" else score)
                total += term.sign * amount
                parts.append(f"{'−' if term.sign < 0 else '+'} {term.text} {fmt(amount)}")
            text = " ".join(parts).lstrip("+ ")
            lines.append(self.line(f"{self.rubric.total_name} = {text} = {fmt(total)}", total))
        else:
            total = sum((r.score for r in roots), ZERO)
            lines.append(self.line(_say("{total} = 各项得分之和 = {value}", total=self.rubric.total_name, value=fmt(total)),
                                   total))
        total = self.rescale(total, roots, lines)
        if self.spills:  # 追加扣除 / 从总分中扣除: after the formula and scaling, before the rules on the total
            taken = sum(self.spills.values(), ZERO)
            lines.append(self.line(total_line(self.rubric.total_name, total, self.spills, total - taken, fmt),
                                   total - taken))
            total -= taken
        if self.extras:  # 加分上限:计入总分: the items' bonuses, past every parent
            added = sum(self.extras.values(), ZERO)
            lines.append(self.line(extras_line(self.rubric.total_name, total, self.extras, total + added, fmt),
                                   total + added))
            total += added
        final = self.rubric.final
        if final is not None:
            for tier in final.tiers:
                holds, reading = self.final_test(tier.test, total)
                if holds:
                    item = tier.outcome.item
                    if item is not None:  # 按第一项得分确定: that item's score
                        new = sum((self.by_id[i].score for i in item.nodes), ZERO)
                        lines.append(self.line(_say("{rule}{reading}:{before} → {after}", rule=tier.text, reading=reading,
                                                    before=fmt(total), after=f"{item.text} {fmt(new)}"), new, tier.span))
                        total = new
                        break
                    new = tier.outcome.amount if tier.outcome.amount is not None else total
                    lines.append(self.line(_say("{rule}{reading}:{before} → {after}", rule=tier.text, reading=reading,
                                                before=fmt(total), after=fmt(new)), new, tier.span))
                    total = new
                    break
        if self.rubric.grades is None:  # no grades: 不得评为「优秀」 has none to limit
            return Result(unit, self.category, total, tuple(lines), roots)
        grade = self.grade_limits(self.grade(total, lines), total, lines)
        return Result(unit, self.category, total, tuple(lines), roots, True, grade)

    def grade_limits(self, grade: str | None, total: Decimal, lines: list[Line]) -> str | None:
        """一票否优 / 等次降一档, in the order written, each that holds on the grade so far (_runtime._grade_limit, which
        the compiled scorer runs too)."""
        order = self.rubric.grade_order()
        for tier in self.rubric.grade_limits:
            holds, why = self.grade_test(tier.test, total)
            if holds:
                grade, text = _grade_limit(grade, order, tier.outcome.kind, tier.outcome.grade, why, tier.outcome.text)
                lines.append(self.line(text, None, tier.span, fired=True))
        return grade

    def total_node(self, expr: m.TotalExpr) -> tuple:
        """The formula as _runtime._total_expr reads it, with the items' scores and the facts' values."""
        if expr.op == "term":
            return ("term", tuple(self.by_id[i].score for i in expr.term.nodes), expr.term.kind == "扣分", expr.text)
        if expr.op == "number":
            return ("number", expr.value, expr.text)
        if expr.op == "fact":
            return ("fact", self.values[expr.fact], expr.text)
        return (expr.op, tuple(self.total_node(p) for p in expr.parts), expr.text)

    def grade(self, total: Decimal, lines: list[Line]) -> str | None:
        """等次, after the total is final: the first grade rule that holds, read on the total or (like a 一票否决)
        on the unit's facts, gives the grade; when none holds the unit has none, and the explanation says so."""
        grades = self.rubric.grades
        for tier in grades.tiers:
            holds, why = self.grade_test(tier.test, total)
            if holds:
                lines.append(self.line(_say("等次:{why} → {grade}", why=why,
                                            grade=tier.outcome.grade + spoken(tier.outcome.grade_note)), None,
                                       tier.span, fired=True))
                return tier.outcome.grade
        lines.append(self.line(_say("等次:「{total}」= {value}分,没有适用的等次,不评等次", total=self.rubric.total_name,
                                    value=fmt(total)), None, grades.span))
        return None

    def grade_test(self, test: m.Test | None, total: Decimal) -> tuple[bool, str]:
        """Whether a grade rule holds, worded as a clause's condition is: the total read like a fact."""
        if test is None:
            return True, _say("其余情形")
        if isinstance(test, m.AllOf) and any(on_total(self.rubric, p) for p in test.parts):
            parts = [self.grade_test(p, total) for p in test.parts]  # 「单位类别」为「乡镇」且「考核得分」90分以上
            return all(h for h, _ in parts), _say(" 且 ").join(w for _, w in parts)
        if not on_total(self.rubric, test):
            return self.test(test)
        holds = test.interval.contains(total)
        return holds, _say("「{total}」= {value}分", total=self.rubric.total_name, value=fmt(total)) + _say(
            ",符合{condition}({meaning})" if holds else ",不符合{condition}({meaning})",
            condition=quote_condition(test.text), meaning=test.meaning)

    def final_test(self, test: m.Test | None, total: Decimal) -> tuple[bool, str]:
        """Whether a rule on the total holds, and how it read: the total's range, or (一票否决) the unit's facts."""
        if test is None:
            return True, ""
        if on_total(self.rubric, test):
            return test.interval.contains(total), f"({test.meaning})"
        holds, wording = self.test(test)
        return holds, f"({wording})"

    def rescale(self, total: Decimal, roots, lines) -> Decimal:
        if self.rubric.not_applicable != "按比例折算":
            return total
        # only what lies under first-level items with points can be missing from their sum
        counted = [r for r in roots if r.points is not None]
        possible = sum((r.points for r in counted), ZERO)
        missing = sum((n.points or ZERO for n in self.highest_not_applicable(counted)), ZERO)
        if missing == 0 or possible == missing:
            return total
        from decimal import ROUND_HALF_UP

        scaled = (total * possible / (possible - missing)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        lines.append(self.line(_say("不适用项按比例折算:{total} × {possible} ÷ {applied} = {scaled}(保留两位小数,四舍五入)",
                                    total=fmt(total), possible=fmt(possible), applied=fmt(possible - missing),
                                    scaled=fmt(scaled)), scaled))
        return scaled

    def highest_not_applicable(self, results):
        for r in results:
            if r.node_id in self.set_aside:
                continue  # not missing: the unit's own version of the parent is there
            if not r.applicable:
                yield r
            else:
                yield from self.highest_not_applicable(r.children)

    # ------------------------------------------------------------ nodes
    def node(self, node: m.Node) -> NodeResult:
        # cohort.py's value map tracks which nodes read a cohort value that is not computed yet
        track = getattr(self.values, "track", None)
        if track is None:
            return self.node_score(node)
        with track(node.id):
            return self.node_score(node)

    def node_score(self, node: m.Node) -> NodeResult:
        if node.applies_to is not None and self.category is not None and self.category not in node.applies_to:
            result = self.not_applicable(node)
            self.by_id[node.id] = result
            for child in node.walk():
                self.by_id.setdefault(child.id, result)
            return result
        children = tuple(self.aside(c) if m.stands_aside(node, c, self.category, self.rubric.categories)
                         else self.node(c) for c in node.children) if node.children else ()
        lines: list[Line] = []
        points = node.points
        base = points if node.base == "full" and points is not None else ZERO
        if not self.explain:
            pass
        elif node.base == "full":
            lines.append(self.line(_say("从满分扣减,基础分{base}分({reason})", base=fmt(base),
                                        reason=_say(node.base_reason)), base))
        elif not children and node.rules:
            lines.append(self.line(_say("从0计分({reason})", reason=_say(node.base_reason)), ZERO))
        effects = ZERO
        if children:
            passing = {c.id for c in m.passed_in(node)}  # 加分带入上级: their bonuses pass this item's limits too
            received = sum((c.passed for c in children if c.node_id in passing), ZERO)
            # what is added and deducted, for 累计加减分:分别限制 (a bonus passed up is not)
            parts = [c.score - c.passed if c.node_id in passing else c.score for c in children]
        else:  # a leaf (and every clause group lint scores on its own): nothing passed up, no sub-item's part
            passing, received, parts = _NONE, ZERO, []
        bonuses = ZERO  # kept apart when 加分上限:不受本项分值限制
        veto = False
        below = ZERO  # 同时倒扣N分: taken after the bounds and the veto
        spill = ZERO  # 追加扣除N分: off the total, not the item (spill.py)
        if self.explain:
            for child in children:
                lines.append(self.line(child_line(child.path, fmt(child.score), child.passed if child.node_id in passing
                                                  else ZERO), child.score))
        # 句末上限:整点 (built only where there is one: lint scores clause groups thousands of times)
        together = {id(r): cap for cap in node.shared_caps for r in cap.rules} if node.shared_caps else _NONE
        sums: dict = {}
        deductions = []  # 就高不就低: the clauses' deductions, of which only the largest counts
        taken = ZERO  # what the clauses deduct, for 扣满4分的 … (model.Running)
        running = False
        for index, rule in enumerate(node.rules):
            if isinstance(rule, m.Running):
                running = True
                continue  # after the others: it reads what they deduct
            repeated = self.repeated(node, index) if node.repeats else None
            if repeated is not None:  # 不重复扣分: another item deducts for it
                effect, rule_lines, flags = ZERO, [repeated], {}
            else:
                effect, rule_lines, flags = self.rule(rule, node)
            if rule_lines:
                lines.extend(rule_lines)
            point = together.get(id(rule)) if together else None
            if point is not None:  # the point's sentences together, at most its cap: at its last sentence
                count, total = sums.get(id(point), (0, ZERO))
                sums[id(point)] = count + 1, total + effect
                if count + 1 == len(point.rules) and abs(total + effect) > point.cap:
                    capped = point.cap if total + effect > 0 else -point.cap
                    lines.append(self.line(_say("{cap}:{before} → {after}", cap=point.text, before=signed(total + effect),
                                                after=signed(capped)), capped, point.span))
                    effect += capped - (total + effect)
            if node.bonus_uncapped and flags.get("bonus"):
                bonuses += effect
            elif node.largest_only is not None and effect < 0:
                deductions.append(effect)
            else:
                effects += effect
                parts.append(effect)
                taken -= min(effect, ZERO)
            if not flags:  # the usual case: none of the special outcomes below
                continue
            if "veto" in flags:
                veto = True
            below += flags.get("below", ZERO)
            spill += flags.get("spill", ZERO)
            if "set" in flags:
                base = flags["set"]
                lines.append(self.line(_say("基础分取{base}分", base=fmt(base)), None))
            if "full" in flags and points is not None:
                base = points
                lines.append(self.line(_say("按满分计,基础分{base}分", base=fmt(points)), None))
        if deductions:
            worst = min(deductions)
            if len(deductions) > 1:
                each = "、".join(signed(d) for d in deductions)
                lines.append(self.line(_say("{rule}:各条扣分 {each},只计扣分最多的一项:{worst}分", rule=node.largest_only,
                                            each=each, worst=signed(worst)), worst))
            effects += worst
            parts.append(worst)
            taken -= worst
        for rule in node.rules if running else ():
            if not isinstance(rule, m.Running):
                continue
            effect, line, flags = self.running(rule, taken)
            lines.append(line)
            effects += effect
            parts.append(effect)
            veto = veto or "veto" in flags
            spill += flags.get("spill", ZERO)
        if node.split_limit is not None:
            raw = base + self.split(node.split_limit, parts, lines)
        else:
            raw = base + (sum((c.score for c in children), ZERO) - received if children else ZERO) + effects
        score = raw
        low, high = node.floor, node.cap
        if high is not None and score > high:
            score = high
        if low is not None and score < low:
            score = low
        if score != raw:
            lines.append(self.line(_say("得分限于[{low}, {high}]:{before} → {after}",
                                        low=_say("不设") if low is None else shown(low),
                                        high=_say("不设") if high is None else shown(high),
                                        before=shown(raw), after=shown(score)), score))
        if bonuses and node.bonus_to_total:  # 加分上限:计入总分: not in the item (nor, vetoed, anywhere)
            if veto:
                lines.append(self.line(_say("加分{bonus}分不计:本项被否决", bonus=signed(bonuses)), None))
            else:
                lines.append(self.line(_say("加分计入{total}:{bonus}分,不计入本项", total=self.rubric.total_name,
                                            bonus=signed(bonuses)), None))
                self.extras[node.path] = bonuses
        elif bonuses:
            lines.append(self.line(_say("加分不受本项分值限制:{score} {bonus} = {sum}", score=fmt(score),
                                        bonus=signed(bonuses), sum=fmt(score + bonuses)), score + bonuses))
            score += bonuses
        if received:  # 加分带入上级: the sub-items' bonuses beyond their limits, beyond this item's too
            lines.append(self.line(_say("下级加分不受本项分值限制:{score} {bonus} = {sum}", score=fmt(score),
                                        bonus=signed(received), sum=fmt(score + received)), score + received))
            score += received
        passed = ZERO
        if node.bonus_passes and not veto:  # on to the parent: this item's own bonuses and those passed to it
            passed = received + (bonuses if not node.bonus_to_total else ZERO)
        if veto and score < 0 and not node.veto_clears:  # 否决与扣分:扣分照扣 — a veto takes what is above 0
            lines.append(self.line(_say("否决生效:本项不得分,已扣的分照扣:{score}分", score=shown(score)), score))
        elif veto:
            lines.append(self.line(_say("否决生效:本项得0分(原为{score}分)", score=fmt(score)), ZERO))
            score = ZERO
        if below:  # 倒扣 from what the veto left: 0, or the deductions kept
            lines.append(self.line(_say("倒扣{below}分:本项得{score}分", below=fmt(below), score=shown(score - below)),
                                   score - below))
            score -= below
        if spill:
            lines.append(self.line(_say("追加扣除{spill}分:不计入本项,从{total}中扣除", spill=fmt(spill),
                                        total=self.rubric.total_name), None))
            self.spills[node.path] = spill  # a node scored again (cohort, lint) replaces its own
        result = NodeResult(node.id, node.path, node.title, points, score, tuple(lines), children, True, veto, passed)
        self.by_id[node.id] = result
        return result

    def repeated(self, node: m.Node, index: int) -> Line | None:
        """不重复扣分: the line saying another item already deducts for this clause's event, or None."""
        others = dict(node.repeats).get(index)
        if not others:
            return None
        for other in others:
            if other.categories is not None and self.category is not None and self.category not in other.categories:
                continue
            their = self.by_node[other.node_id]
            if self.rule(their.rules[other.rule_index], their)[0] < 0:
                rule = node.rules[index]
                prefix = f"{rule.label} " if rule.label else ""
                return self.line(_say("{label}「{fact}」已在{path}中扣分,不重复扣分:本条不计分", label=prefix,
                                      fact=other.fact, path=other.path), ZERO, rule.span)
        return None

    def running(self, rule: m.Running, taken: Decimal) -> tuple[Decimal, Line, dict]:
        """扣满4分的,追加扣除10分: whether what the other clauses deducted reaches the bound (model.Running)."""
        prefix = f"{rule.label} " if rule.label else ""
        holds = taken > rule.at if rule.strict else taken >= rule.at
        meaning = _say("{relation} {at}分", relation=">" if rule.strict else "≥", at=fmt(rule.at))
        why = _say("{label}本项已扣{taken}分", label=prefix, taken=fmt(taken)) + _say(
            ",符合{condition}({meaning})" if holds else ",不符合{condition}({meaning})",
            condition=f"「{rule.wording}」", meaning=meaning)
        if not holds:
            return ZERO, self.line(_say("{why}:本条不计分", why=why), ZERO, rule.span), {}
        effect, flags, reads = self.apply(rule.outcome, None)
        return effect, self.line(f"{why} → {reads}", effect, rule.span, fired=True), flags

    def aside(self, node: m.Node) -> NodeResult:
        """Another category's version of the parent: nothing, whatever 不适用项 says (model.stands_aside)."""
        self.set_aside.add(node.id)
        text = _say("本项不适用于「{category}」类单位;上级由适用于「{category}」类单位的下级组成,本项不计分",
                    category=self.category)
        result = NodeResult(node.id, node.path, node.title, node.points, ZERO, (self.line(text, ZERO),), (), False)
        for each in node.walk():
            self.by_id.setdefault(each.id, result)
        return result

    def split(self, limit: Decimal, parts: list[Decimal], lines: list[Line]) -> Decimal:
        """累计加减分:分别限制 — what sub-items and clauses add, and what they deduct, each at most the limit."""
        gains = sum((p for p in parts if p > 0), ZERO)
        losses = sum((p for p in parts if p < 0), ZERO)
        if gains > limit:
            lines.append(self.line(_say("加分合计{total}分,最多加{limit}分(累计加减分:分别限制)", total=fmt(gains),
                                        limit=fmt(limit)), limit))
            gains = limit
        if losses < -limit:
            lines.append(self.line(_say("扣分合计{total}分,最多扣{limit}分(累计加减分:分别限制)", total=fmt(-losses),
                                        limit=fmt(limit)), -limit))
            losses = -limit
        return gains + losses

    def not_applicable(self, node: m.Node) -> NodeResult:
        mode = self.rubric.not_applicable
        if mode == "按满分计":
            score = node.points if node.points is not None else ZERO
            text = _say("本项不适用于「{category}」类单位,按满分计:{score}分", category=self.category, score=fmt(score))
        else:
            score = ZERO
            text = _say("本项不适用于「{category}」类单位,不计分", category=self.category) + (
                _say("(总分按比例折算)") if mode == "按比例折算" else "")
        if not self.rubric.not_applicable_explicit:
            text += _say("(细则未写明不适用项怎样计,采用默认口径)")
        return NodeResult(node.id, node.path, node.title, node.points, score, (self.line(text, score),), (), False)

    # ------------------------------------------------------------ rules
    def rule(self, rule: m.Rule, node: m.Node) -> tuple[Decimal, list[Line], dict]:
        prefix = f"{rule.label} " if rule.label else ""
        if rule.exempt is not None:  # (若有新诉求的,不扣分): while it holds, the clause scores nothing
            holds, why = self.test(rule.exempt.test)
            if holds and rule.exempt.sentence:  # ……得2分,发现有1例未完成,不得分: the sentence's points are lost
                return ZERO, [self.line(_say("{label}{exception}:{why},本句不得分", label=prefix,
                                             exception=f"{rule.text},{rule.exempt.text}", why=why), ZERO, rule.span)], {}
            if holds:
                return ZERO, [self.line(_say("{label}例外{exception}:{why},本条不计分", label=prefix,
                                             exception=rule.exempt.text, why=why), ZERO, rule.span)], {}
        if getattr(rule, "each", None) is not None:  # 单起…, 每月…: judged for each value (language.md 6.7)
            effect, lines, flags = self.each(rule, node, prefix)
        else:
            effect, lines, flags = self.one_rule(rule, node, prefix)
        if rule.cap is not None and abs(effect) > rule.cap:
            capped = rule.cap if effect > 0 else -rule.cap
            lines.append(self.line(_say("{cap}:{before} → {after}", cap=rule.cap_text, before=signed(effect),
                                        after=signed(capped)), capped, rule.span))
            effect = capped
        return effect, lines, flags

    def one_rule(self, rule: m.Rule, node: m.Node, prefix: str) -> tuple[Decimal, list[Line], dict]:
        if isinstance(rule, m.Tiered):
            effect, lines, flags = self.tiered(rule, node, prefix)
        elif isinstance(rule, m.PerCount):
            effect, lines, flags = self.per_count(rule, prefix)
        elif isinstance(rule, m.PerStep):
            effect, lines, flags = self.per_step(rule, prefix)
        elif isinstance(rule, m.Escalation):
            effect, lines, flags = self.escalation(rule, prefix)
        else:
            effect, lines, flags = self.respective(rule, prefix)
        return effect, lines, flags

    def each(self, rule: m.Tiered | m.PerCount, node: m.Node, prefix: str) -> tuple[Decimal, list[Line], dict]:
        """A clause judged for each value of a fact given per event or per period: the rule scores each value as if
        the fact were that one value; each result within the period's cap (每月最多加1分); the results added
        (the rule's own cap then bounds the sum, in rule())."""
        each = rule.each
        fact = self.rubric.facts[each.fact]
        given = self.values.get(each.fact)
        if given is None:
            return ZERO, [self.line(_say("{label}「{fact}」未填,本条不计分", label=prefix, fact=fact.name), ZERO,
                                    rule.span)], {}
        values = as_values(fact, given)
        inner = attrs.evolve(rule, each=None, cap=None, label=None, exempt=None)
        lines = [self.line(_say("{label}逐{per}计分(共{count}{unit}):「{fact}」= {values}", label=prefix, per=fact.per,
                                count=str(len(values)), unit=m.unit_word(fact), fact=fact.name,
                                values=self.show_value(fact.name, values)), None, rule.span)]
        total, flags, counted = ZERO, {}, 0
        try:
            for i, value in enumerate(values, 1):
                self.values[fact.name] = value
                effect, inner_lines, inner_flags = self.one_rule(inner, node, "")
                word = m.element_word(fact, i)
                lines += [attrs.evolve(line, text=_say("{word}:{text}", word=word, text=line.text)) for line in inner_lines]
                if each.cap is not None and abs(effect) > each.cap:
                    capped = each.cap if effect > 0 else -each.cap
                    lines.append(self.line(_say("{word}:{cap}:{before} → {after}", word=word, cap=each.cap_text,
                                                before=signed(effect), after=signed(capped)), capped, rule.span))
                    effect = capped
                counted += effect != 0
                total += effect
                for key, flag in inner_flags.items():
                    flags[key] = flags.get(key, False) or flag
        finally:
            self.values[fact.name] = given
        lines.append(self.line(_say("{label}{count}{unit}中{counted}{unit}计分,合计 {effect}分", label=prefix,
                                    count=str(len(values)), unit=m.unit_word(fact), counted=str(counted),
                                    effect=signed(total)), total, rule.span, fired=counted > 0))
        return total, lines, flags

    def apply(self, outcome: m.Outcome, node: m.Node | None) -> tuple[Decimal, dict, str]:
        """An outcome's signed effect, its special flags, and how it reads."""
        if outcome.spill is not None:  # 追加扣除 / 从总分中扣除: the outcome, and the amount off the total
            effect, flags, reads = self.apply(attrs.evolve(outcome, spill=None), node)
            return effect, {**flags, "spill": outcome.spill}, reads
        kind = outcome.kind
        if kind == "deduct" and outcome.formula is not None:  # 按「未完成数」÷「任务数」的占比扣分
            return self.share_deduction(outcome)
        if kind in ("award", "bonus", "deduct"):
            flags = {"bonus": True} if kind == "bonus" else {}
            return outcome.signed, flags, f"{spoken(outcome.text)}({signed(outcome.signed)})" if self.explain else ""
        if kind in ("zero", "none"):
            return ZERO, {}, outcome.text
        if kind == "veto" and outcome.below is not None:
            return ZERO, {"veto": True, "below": outcome.below}, _say("{outcome}(否决)", outcome=outcome.text)
        if kind == "veto":
            return ZERO, {"veto": True}, _say("{outcome}(否决)", outcome=outcome.text)
        if kind == "full":
            return ZERO, {"full": True}, outcome.text
        if kind == "set" and outcome.formula is not None:
            return self.formula(outcome)
        if kind == "set":
            value = self.values.get(outcome.fact)
            if value is None:
                return ZERO, {}, _say("{outcome}:「{fact}」未填,不适用", outcome=outcome.text, fact=outcome.fact)
            if outcome.of_points is not None:
                share = outcome.of_points * value / 100
                return ZERO, {"set": share}, _say("{outcome}:「{fact}」= {value}%,{points}分 × {value}% = {share}分",
                                                  outcome=outcome.text, fact=outcome.fact, value=fmt(value),
                                                  points=fmt(outcome.of_points), share=fmt(share))
            adjusted = value + (outcome.adjust or ZERO)
            text = _say("{outcome}:「{fact}」= {value}分", outcome=outcome.text, fact=outcome.fact, value=fmt(value))
            if outcome.adjust:
                text += _say(",{adjust} = {value}分", adjust=signed(outcome.adjust), value=fmt(adjusted))
            return ZERO, {"set": adjusted}, text
        if kind == "discretion":
            amounts = self.values.get(outcome.fact) or ()
            total = sum(amounts, ZERO)
            effect = outcome.sign * total
            if outcome.row is not None:  # 本点扣分: 视情扣 from the point's own points, not below 0 (model.Outcome.row)
                effect = max(ZERO, outcome.row + effect)
            flags = {"bonus": True} if outcome.sign > 0 else {}
            if not self.explain:
                return effect, flags, ""
            shown = "、".join(fmt(a) for a in amounts) or "0"
            return effect, flags, _say("{outcome}:「{fact}」视情给出{amounts}分({effect})", outcome=outcome.text,
                                       fact=outcome.fact, amounts=shown, effect=signed(effect))
        raise AssertionError(kind)

    def tiered(self, rule: m.Tiered, node: m.Node, prefix: str):
        for tier in rule.tiers:
            holds, why = self.test(tier.test) if tier.test is not None else (True, otherwise(tier))
            if holds and rule.each_part:  # 并列情形:各自计分: once for each of 「甲」或「乙」 that holds
                times = sum(1 for part in tier.test.parts if self.test(part)[0])
                each, flags, reads = self.apply(tier.outcome, node)
                effect = each * times
                text = _say("{why} → {reads},{times}种情形各计一次:{effect}分" if rule.each_said  # 各扣1分, as written
                            else "{why} → {reads},{times}种情形各计一次:{effect}分(并列情形:各自计分)",
                            why=prefix + why, reads=reads, times=times, effect=signed(effect))
                return effect, [self.line(text, effect, tier.span, fired=True)], flags
            if holds:
                effect, flags, reads = self.apply(tier.outcome, node)
                if not self.explain:
                    return effect, [], flags
                text = f"{prefix}{why} → {reads}"
                return effect, [self.line(text, effect, tier.span, fired=True)], flags
            if rule.starts is not None and tier is rule.tiers[0]:  # the sentence's points, where its deductions start
                effect, flags, reads = self.apply(tier.outcome, node)
                text = f"{prefix}{why};{spoken(rule.starts)} → {reads}"
                return effect, [self.line(text, effect, tier.span, fired=True)], flags
            if rule.priced_by and tier is rule.tiers[0] and self.priced(rule, node):  # 另写的扣分:从得分扣起
                effect, flags, reads = self.apply(tier.outcome, node)
                text = f"{prefix}{why};{_say(PRICED, amount=fmt(tier.outcome.amount))} → {reads}"
                return effect, [self.line(text, effect, tier.span, fired=True)], flags
            if rule.zero_side is not None and tier is rule.tiers[0] and self.rest_holds(rule.zero_side):
                effect, flags, reads = self.apply(tier.outcome, node)  # 「甲」且「X」为0的得N分;「X」每…扣 (SW7-2)
                text = f"{prefix}{why};{_say(ZERO_SIDE, count=rule.zero_side.count, amount=fmt(tier.outcome.amount))} → {reads}"
                return effect, [self.line(text, effect, tier.span, fired=True)], flags
            if rule.excused_by is not None and tier is rule.tiers[0] and excused(self.values.get(rule.excused_by)):
                effect, flags, reads = self.apply(tier.outcome, node)
                text = f"{prefix}{why};{excuse_wording(rule.excused_by, self.values[rule.excused_by])} → {reads}"
                return effect, [self.line(text, effect, tier.span, fired=True)], flags
        if not self.explain:
            return ZERO, [], {}
        first = first_written(rule)
        why = self.test(first.test)[1] if first.test is not None else ""
        return ZERO, [self.line(_say(none_applies(rule), why=prefix + why), ZERO, rule.span)], {}

    def rest_holds(self, side: m.ZeroSide) -> bool:
        """Whether the award's test holds but for its 为0 part (model.ZeroSide)."""
        explain, self.explain = self.explain, False
        try:
            return self.test(side.rest)[0]
        finally:
            self.explain = explain

    def priced(self, rule: m.Tiered, node: m.Node) -> bool:
        """另写的扣分:从得分扣起 (check/failure_start.py): whether one of the deductions for the thing not done applies —
        a shortfall's condition holds (「低于95%的」, even short of one step), another takes points."""
        explain, self.explain = self.explain, False
        try:
            return any(self.test(d.guard)[0] if isinstance(d, m.PerStep) else self.rule(d, node)[0] < 0
                       for d in rule.priced_by)
        finally:
            self.explain = explain

    def per_count(self, rule: m.PerCount, prefix: str):
        if rule.guard is not None:
            holds, why = self.test(rule.guard)
            if not holds:
                return ZERO, [self.line(_say("{why}:本条不计分", why=prefix + why), ZERO, rule.span)], {}
        value = self.values.get(rule.counter.name)
        what = per_wording(rule)
        if rule.outcome.kind == "discretion":
            amounts = value or ()
            total = sum(amounts, ZERO)
            effect = rule.outcome.sign * total
            shown = ("、".join(fmt(a) for a in amounts) or _say("无")) if self.explain else ""
            text = _say("{label}「{fact}」视情给出:{amounts};{per},合计 {effect}分", label=prefix, fact=rule.counter.name,
                        amounts=shown, per=what, effect=signed(effect))
            return effect, [self.line(text, effect, rule.span, fired=bool(amounts))], _bonus_flags(rule.outcome)
        count = value if value is not None else ZERO
        occurrences = (count / rule.per).to_integral_value(ROUND_FLOOR)
        effect_each, flags, _ = self.apply(rule.outcome, None)
        effect = effect_each * occurrences
        unit = rule.measure
        per = "" if rule.per == 1 else _say("(每{per}{unit}计1次)", per=fmt(rule.per), unit=unit)
        text = _say("{label}「{fact}」= {count}{unit}:{each}{per} × {times} = {effect}分", label=prefix,
                    fact=rule.counter.name, count=fmt(count), unit=unit, each=what, per=per, times=fmt(occurrences),
                    effect=signed(effect))
        if flags.get("veto") and occurrences > 0:
            vetoed = _say("{label}「{fact}」= {count}{unit}:{outcome}(否决)", label=prefix, fact=rule.counter.name,
                          count=fmt(count), unit=unit, outcome=rule.outcome.text)
            return ZERO, [self.line(vetoed, ZERO, rule.span, fired=True)], flags
        return effect, [self.line(text, effect, rule.span, fired=occurrences > 0)], _bonus_flags(rule.outcome)

    def per_step(self, rule: m.PerStep, prefix: str):
        holds, why = self.test(rule.guard)
        if not holds:
            return ZERO, [self.line(_say("{why}:本条不计分", why=prefix + why), ZERO, rule.span)], {}
        value = self.operand_value(rule.operand)
        divides = isinstance(value, Decimal)  # a quotient that is no finite decimal: the score is rounded
        value = as_decimal(value)
        if rule.until is not None:  # 分段差距:分段累进: this tier's stretch only, the next tier counts past it
            value = max(value, rule.until) if rule.below else min(value, rule.until)
            why += self.stretch(rule)
        gap = rule.threshold - value if rule.below else value - rule.threshold
        if rule.scale != 1:  # a share's gap in percentage points (model.PerStep.scale)
            gap *= rule.scale
        if rule.proportional:
            steps, exact = divide(gap, rule.step)
            divides = divides and exact
            how = _say("按比例计")
        else:  # a part of a step: not counted, rounded half up (四舍五入), or counted as a step (不足一步按一步计)
            steps = (gap / rule.step).to_integral_value(_STEP_ROUNDING[rule.rounding])
            how = _say(_STEP_HOW[rule.rounding])
        if rule.outcome.kind == "discretion":  # 未开或少开的,按次扣1-3分: the assessors' amount for each one short
            amounts = tuple(self.values.get(rule.outcome.fact) or ())[:int(steps)]
            effect = rule.outcome.sign * sum(amounts, ZERO)
            if not self.explain:
                return effect, [], _bonus_flags(rule.outcome)
            text = _say("{why};差{gap}{unit},按次{outcome}:「{fact}」= {amounts},合计 {effect}分", why=prefix + why,
                        gap=fmt(gap), unit=rule.measure, outcome=rule.outcome.text, fact=rule.outcome.fact,
                        amounts="、".join(fmt(a) for a in amounts) or _say("无"), effect=signed(effect))
            return effect, [self.line(text, effect, rule.span, fired=steps > 0)], _bonus_flags(rule.outcome)
        effect_each, _, _ = self.apply(rule.outcome, None)
        effect = effect_each * steps
        rounded = False
        if not divides:  # the step does not divide the gap (1 ÷ 3)
            effect, rounded = to_places(effect, rule.places)
        if not self.explain:
            return effect, [], _bonus_flags(rule.outcome)
        shown = f"{fmt(gap)} ÷ {fmt(rule.step)}" if rounded else fmt(steps)
        text = _say("{why};差{gap}{unit},每{step}{unit}{outcome}({how}):{steps} × {each} = {effect}分{note}",
                    why=prefix + why, gap=fmt(gap), unit=rule.measure, step=fmt(rule.step), outcome=rule.outcome.text,
                    how=how, steps=shown, each=signed(effect_each), effect=signed(effect),
                    note=places_note(rounded, rule.places))
        return effect, [self.line(text, effect, rule.span, fired=steps > 0)], _bonus_flags(rule.outcome)

    @staticmethod
    def stretch(rule: m.PerStep) -> str:
        """「(分段累进:本档只计96%至90%这一段)」 after the condition of a ladder's looser tier (model.PerStep.until)."""
        unit = rule.guard.unit
        return _say("(分段累进:本档只计{start}至{end}这一段)", start=f"{fmt(rule.threshold)}{unit}",
                    end=f"{fmt(rule.until)}{unit}")

    def escalation(self, rule: m.Escalation, prefix: str):
        count = self.values.get(rule.counter.name) or ZERO
        n = int(count)
        settled, repeated = settled_step(rule)
        # one occurrence at a time until the steps settle, then all the rest as one run: the time
        # must not grow with the count (a facts file may say 10^9)
        runs = [(k, k, step_for(rule, k)) for k in range(1, min(n, settled - 1) + 1)]
        if n >= settled:
            runs.append((settled, n, repeated))
        effect = ZERO
        flags: dict = {}
        parts = []
        if rule.then is not None:
            runs = runs[:-1] if n >= settled else runs  # after the last step the progression scores
        for first, last, step in runs:
            if step is None:
                parts.append(occurrences(first, last, _say("无规定")))
                continue
            each, step_flags, reads = self.apply(step.outcome, None)
            flags.update(step_flags)
            if step_flags.get("veto"):
                parts.append(occurrences(first, first, reads))  # the first vetoed occurrence ends the count
                break
            times = last - first + 1
            # a single occurrence adds the amount as written (codegen's steps do), since × 1 would
            # round an amount longer than the context
            subtotal = each * times if times > 1 else each
            effect += subtotal
            parts.append(occurrences(first, last, reads, subtotal if step.outcome.kind in AMOUNT_KINDS else None))
        else:
            if rule.then is not None:  # 以此类推 / 加倍扣分 after the last step written
                added, more = self.progression(rule, n, effect)
                effect += added
                parts.extend(more)
        detail = _say(";").join(parts) if parts else _say("没有发生")
        text = _say("{label}「{fact}」= {count}次:{detail};合计 {effect}分", label=prefix, fact=rule.counter.name,
                    count=fmt(count), detail=detail, effect=signed(effect))
        return effect, [self.line(text, effect, rule.span, fired=n > 0)], flags

    def progression(self, rule: m.Escalation, n: int, spent: Decimal):
        """以此类推 / 加倍扣分: the occurrences after the last step, from the last two amounts (_runtime._progression,
        which the compiled scorer runs too)."""
        last = rule.steps[-1]
        before = rule.steps[-2].outcome.signed if len(rule.steps) > 1 else ZERO
        return _progression(rule.then.kind, progression_word(last.outcome), before, last.outcome.signed,
                            last.first + 1, n, spent, rule.cap)

    def respective(self, rule: m.Respective, prefix: str):
        by_category = rule.operand.kind == "category"  # 「单位类别」为「一类地区」、「二类地区」的,分别得5分、3分
        value = self.category if by_category else self.values.get(rule.operand.name)
        effect = ZERO
        parts = []
        if value is None:
            pass
        elif rule.mode == "rank":
            if value in rule.keys:
                out = rule.outcomes[rule.keys.index(value)]
                effect = out.signed
                parts.append(_say("第{rank}名 → {outcome}", rank=fmt(value), outcome=out.text))
        elif isinstance(value, str):
            if value in rule.keys:
                out = rule.outcomes[rule.keys.index(value)]
                effect = out.signed
                parts.append(f"{value} → {out.text}")
        else:
            for matter in value:
                found = [rule.outcomes[rule.keys.index(o)] for o in matter if o in rule.keys]
                if not found:
                    continue
                # 同一事项 once, at its highest standard: the most for a bonus, the largest deduction for a deduction
                best = (min if rule.heaviest_first else max)(found, key=lambda o: o.signed)
                effect += best.signed
                label = "+".join(matter)
                note = same_matter(rule.heaviest_first) if len(found) > 1 else ""
                parts.append(f"{label} → {best.text}{note}")
        shown = (value or _say("未填")) if by_category else self.show_value(rule.operand.name, value)
        detail = _say(";").join(parts) if parts else _say("不在所列之中")
        text = _say("{label}「{fact}」= {value}:{detail};合计 {effect}分", label=prefix, fact=rule.operand.name,
                    value=shown, detail=detail, effect=signed(effect))
        return effect, [self.line(text, effect, rule.span, fired=bool(parts))], _bonus_flags(rule.outcomes[0])

    # ------------------------------------------------------------ tests
    def operand_value(self, operand: m.Operand):
        if isinstance(operand, m.Ratio):
            num = self.values.get(operand.numerator.name)
            den = self.values.get(operand.denominator.name)
            if num is None or den is None:
                return None
            return num / den
        if isinstance(operand, m.Arith):  # exactly: a Fraction where a quotient is no finite decimal
            return exact_arith(operand.op, self.operand_value(operand.left), self.operand_value(operand.right))
        if isinstance(operand, m.Const):
            return operand.value
        if operand.kind == "category":  # 「单位类别」为「乡镇」
            return self.category
        value = self.values.get(operand.name)
        if value.__class__ is tuple and self.rubric.facts[operand.name].per is not None:
            return value[0] if value else None  # lint asks a tier of a clause judged per value about one value
        return value

    def show_value(self, name: str, value) -> str:
        if value is None:
            return _say("未填")
        fact = self.rubric.facts[name]
        if fact.per is not None and isinstance(value, tuple):  # 逐起, 按季度: 12亩、35亩、8亩
            return "、".join(self.show_value(name, v) for v in value) or _say("无")
        if fact.kind == "bool":
            return _say("是") if value else _say("否")
        if fact.kind == "percent":
            return f"{fmt(value)}%"
        if fact.kind == "list":
            return "、".join("+".join(matter) for matter in value) or _say("无")
        if fact.kind == "discretionary":
            return "、".join(fmt(a) for a in value) or "0"
        if isinstance(value, Decimal):
            if fact.kind == "quantity":
                return f"{fmt(value)}{fact.measure}"
            template = _VALUE_OF_KIND.get(fact.kind)
            return fmt(value) if template is None else _say(template, value=fmt(value))
        return str(value)

    def formula(self, outcome: m.Outcome):
        """该项得分=「甲」÷「乙」×10, 按「甲」÷「乙」比例计分: the base is the formula's value (× the points)."""
        value = self.operand_value(outcome.formula)
        described = self.describe(outcome.formula)
        if value is None:
            return ZERO, {}, _say("{outcome}:{formula},不适用", outcome=outcome.text, formula=described)
        base, arithmetic = formula_base(outcome, value)
        return ZERO, {"set": base}, f"{outcome.text}:{described}{arithmetic}"

    def share_deduction(self, outcome: m.Outcome):
        """按「甲」÷「乙」的占比扣分: the base (扣N分, or the item's points) × the share, rounded as formula_base."""
        value = self.operand_value(outcome.formula)
        described = self.describe(outcome.formula)
        if value is None:
            return ZERO, {}, _say("{outcome}:{formula},不适用", outcome=outcome.text, formula=described)
        taken, arithmetic = formula_base(attrs.evolve(outcome, of_points=outcome.amount), value)
        return -taken, {}, f"{outcome.text}:{described}{arithmetic}({signed(-taken)})"

    def describe(self, operand: m.Operand) -> str:
        if isinstance(operand, m.Arith):
            if operand.relation is not None:  # 「实际」= 80%,「目标」= 90%
                return f"{self.describe(operand.left)},{self.describe(operand.right)}"
            facts = "、".join(self.describe(m.FactRef(name, "")) for name in m.operand_facts(operand))
            value = self.operand_value(operand)
            missing = any(self.values.get(name) is None for name in m.operand_facts(operand))
            # a divisor computed over the cohort (「各单位最高值」) can be 0: the arithmetic then has no value
            template = _VALUE_OF_KIND.get(operand.kind)  # 3天 is "3 day(s)" in English, as _runtime._show says it
            shown = (_say("未填") if missing else _say("除数为0,无法计算")) if value is None else (
                format_number(value) + arith_unit(operand) if template is None else
                _say(template, value=format_number(value)))
            equals = "= " if operand.text.endswith("」") else " = "
            return f"{operand.text}{equals}{shown}({facts})" if facts else f"{operand.text}{equals}{shown}"
        if isinstance(operand, m.Ratio):
            num = self.values.get(operand.numerator.name)
            den = self.values.get(operand.denominator.name)
            ratio = self.operand_value(operand)
            shown = _say("未填") if ratio is None else f"{fmt(num)}/{fmt(den)} = {fmt(ratio)}"
            return f"「{operand.numerator.name}」/「{operand.denominator.name}」= {shown}"
        if operand.kind == "category":
            return f"「{operand.name}」= {self.category if self.category is not None else _say('未填')}"
        return f"「{operand.name}」= {self.show_value(operand.name, self.values.get(operand.name))}"

    def test(self, test: m.Test) -> tuple[bool, str]:
        if isinstance(test, m.InRange) and test.every is not None:
            return self.every(test)
        if isinstance(test, m.AllOf):
            results = [self.test(p) for p in test.parts]
            return all(r[0] for r in results), _say(" 且 ").join(r[1] for r in results) if self.explain else ""
        if isinstance(test, m.AnyOf):
            results = [self.test(p) for p in test.parts]
            return any(r[0] for r in results), _say(" 或 ").join(r[1] for r in results) if self.explain else ""
        value = self.operand_value(test.operand)
        explain = self.explain
        shown = self.describe(test.operand) if explain else ""
        if isinstance(test, m.Truthy):
            if value is None:
                return False, shown + _say("(条件不成立)") if explain else ""
            truth = truthy(value)
            holds = (not truth) if test.negated else truth
            return holds, shown + _say(",{condition}成立" if holds else ",{condition}不成立",
                                       condition=quote_condition(test.text)) if explain else ""
        if isinstance(test, m.OneOf):
            if value is None:
                return False, shown + _say("(条件不成立)") if explain else ""
            if isinstance(value, str):
                holds = value in test.options
            else:
                holds = any(o in test.options for matter in value for o in matter)
            return holds, shown + _say(",{condition}成立" if holds else ",{condition}不成立",
                                       condition=quote_condition(test.text)) if explain else ""
        if value is None:
            return False, shown + _say("(条件不成立)") if explain else ""
        if isinstance(test.operand, m.Ratio) and has_fraction(test.interval):
            value = exact_quotient(self.values[test.operand.numerator.name], self.values[test.operand.denominator.name])
        holds = test.interval.contains(value)
        if not explain:
            return holds, ""
        return holds, shown + _say(",符合{condition}({meaning})" if holds else ",不符合{condition}({meaning})",
                                   condition=quote_condition(test.text), meaning=test.meaning)


    def every(self, test: m.InRange) -> tuple[bool, str]:
        """「督查次数」每季度至少1次: every period's value meets the comparison (language.md 6.7)."""
        fact = self.rubric.facts[test.operand.name]
        given = self.values.get(fact.name)
        if given is None:
            return False, f"「{fact.name}」= {_say('未填')}{_say('(条件不成立)')}" if self.explain else ""
        values = as_values(fact, given)
        failing = [m.element_word(fact, i) for i, v in enumerate(values, 1) if not test.interval.contains(v)]
        holds = not failing
        if not self.explain:
            return holds, ""
        shown = self.show_value(fact.name, values)
        if holds:
            return holds, _say("「{fact}」= {values},每{per}都符合{condition}({meaning})", fact=fact.name, values=shown,
                               per=fact.per, condition=quote_condition(test.text), meaning=test.meaning)
        return holds, _say("「{fact}」= {values},{failing}不符合{condition}({meaning})", fact=fact.name, values=shown,
                           failing=_say("、").join(failing), condition=quote_condition(test.text), meaning=test.meaning)


_STEP_ROUNDING = {"floor": ROUND_FLOOR, "half_up": ROUND_HALF_UP, "ceil": ROUND_CEILING}
_STEP_HOW = {"floor": N_("不足一步的部分不计"), "half_up": N_("不足一步的部分四舍五入"), "ceil": N_("不足一步按一步计")}


# 另写的扣分:从得分扣起 — the award's test fails, but a deduction for the thing not done takes points (codegen/rules.py)
# model.ZeroSide: 「「完成」且「漏报次数」为0的得3分;「漏报次数」每漏报1次扣1分」 (field trial 7, SW7-2)
ZERO_SIDE = N_("「{count}」为0与另一句按它扣分是同一件事的两面,得{amount}分是扣分的起点")
PRICED = N_("另写的扣分扣到了没有做到的情形,得{amount}分是扣分的起点")


def child_line(path: str, score: str, passed: Decimal = ZERO) -> str:
    """「三.2 得3分」: a sub-item's score in its parent's explanation (report.own_lines leaves these out); with the
    bonus it passes up (加分带入上级), 「一.1 得42分,其中加分2分不受上级分值限制」."""
    if passed:
        return _say("{path} 得{score}分,其中加分{bonus}分不受上级分值限制", path=path, score=score, bonus=fmt(passed))
    return _say("{path} 得{score}分", path=path, score=score)


def as_values(fact: m.Fact, given) -> tuple:
    """The values of a fact given per event or per period; lint tries one number for all of them (one event, or every
    period alike)."""
    if isinstance(given, tuple):
        return given
    return (given,) * (fact.periods or 1)


def otherwise(tier: m.Tier) -> str:
    """Why a 否则 tier holds: 「其余情形」, or for one written as the requirement not met (「,未纳入的扣1分」,
    check/negated_tiers.py) what it means: 「其余情形(「未纳入」:前面的条件都不成立)」."""
    if tier.negated is None:
        return _say("其余情形")
    return _say("其余情形(「{words}」:前面的条件都不成立)", words=tier.negated)


def spoken(text: str) -> str:
    """A phrase the checker worded (i18n.said: 「得1分是本句扣分的起点」) in the language spoken; other text as it is."""
    return _say(text.template, **text.fields) if isinstance(text, Said) else text


def formula_base(outcome: m.Outcome, value) -> tuple[Decimal, str]:
    """The base a formula gives (of_points × a share, or the value itself), rounded half up to the rubric's places
    where it is no finite decimal (language.md §8), and the arithmetic in words after the formula's value."""
    shown = ""
    if outcome.of_points is not None:
        product = exact_arith("*", outcome.of_points, value)
        shown = _say(",{points}分 × {value}", points=fmt(outcome.of_points), value=format_number(value))
    else:
        product = value
    base, rounded = round_places(product, outcome.places)
    return base, shown + _say(" = {base}分", base=fmt(base)) + places_note(rounded, outcome.places)


def same_matter(heaviest: bool) -> str:
    """The note on a 清单 matter with several levels (_runtime._respective_list writes the same)."""
    return _say("(同一事项按最重的扣分)") if heaviest else _say("(同一事项取最高分)")


def arith_unit(operand: m.Arith) -> str:
    """The unit an arithmetic result is shown in: % for percentages, the unit of a quantity."""
    if operand.kind == "quantity":
        return operand.measure or ""
    return "%" if operand.kind == "percent" else UNIT_OF_KIND.get(operand.kind, "")


def has_fraction(interval: m.Interval) -> bool:
    """A threshold that is no finite decimal (1座/3000人, kept as an exact Fraction by the check)."""
    return not isinstance(interval.low, (Decimal, type(None))) or not isinstance(interval.high, (Decimal, type(None)))


def truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal) or hasattr(value, "denominator"):  # a Fraction from 「甲」÷「乙」 too
        return value > 0
    if isinstance(value, str):
        return True
    if isinstance(value, tuple):
        return any(truthy(v) if not isinstance(v, str) else True for v in value)
    return bool(value)


AMOUNT_KINDS = ("award", "bonus", "deduct")
UNIT_OF_KIND = {"rank": "名", "days": "天", "months": "个月", "score": "分"}


def excused(count) -> bool:
    """同一事件:不重复扣分 — the events the rate falls short by are deducted one by one instead."""
    return count is not None and count > 0


EXCUSE = N_("「{fact}」= {count},已按条扣分,不再因同一事件失去本条得分(同一事件:不重复扣分)")


def excuse_wording(name: str, count: Decimal) -> str:
    return _say(EXCUSE, fact=name, count=fmt(count))


def divide(a: Decimal, b: Decimal) -> tuple[Decimal, bool]:
    """a ÷ b, and whether it is exact (the quotient did not have to be rounded to the context's 28 digits)."""
    from decimal import Inexact, localcontext

    with localcontext() as context:
        context.clear_flags()
        quotient = a / b
        return quotient, not context.flags[Inexact]


def to_places(value: Decimal, places: int) -> tuple[Decimal, bool]:
    """A score that could not be exact (a step that does not divide the gap: 1 ÷ 3) rounded half up to the
    rubric's places, and whether it was: so that equal scores tie and a report shows what a person writes
    (language.md §8). One with no more places is kept as it is."""
    if value.as_tuple().exponent >= -places:
        return value, False
    from decimal import ROUND_HALF_UP

    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), True


def places_note(rounded: bool, places: int) -> str:
    """「(保留两位小数,四舍五入)」 after a rounded score; nothing after an exact one."""
    if not rounded:
        return ""
    return _say("(保留两位小数,四舍五入)") if places == 2 else _say("(保留{places}位小数,四舍五入)", places=format(places))


def step_for(rule: m.Escalation, k: int) -> m.Step | None:
    """The step that scores the k-th occurrence: the last written one for k (第k次, or 第N次起 with N ≤ k)."""
    found = None
    for step in rule.steps:
        if step.first == k or (step.open_ended and step.first <= k):
            found = step
    return found


def settled_step(rule: m.Escalation) -> tuple[int, m.Step | None]:
    """From which occurrence on every occurrence takes the same step, and that step (None: 无规定).

    Past the highest number written only open-ended steps (再次, 第N次起, 第N次及以上) match, and
    of those always the same one; it may already apply at that number."""
    if not rule.steps:
        return 1, None
    most = max(step.first for step in rule.steps)
    if rule.then is not None:  # 以此类推 / 加倍扣分 score every occurrence after the last step
        return most + 1, None
    repeated = step_for(rule, most + 1)
    return (most if step_for(rule, most) is repeated else most + 1), repeated


def progression_word(outcome: m.Outcome) -> str:
    """得, 加 or 扣: how the amounts of a 以此类推 / 加倍 read."""
    return {"award": N_("得"), "bonus": N_("加"), "deduct": N_("扣")}[outcome.kind]


def per_wording(rule: m.PerCount) -> str:
    """The 每… part as written, for the line that multiplies it: not the condition before it (a
    fact's name may hold 每 too) nor the clause's cap after it, which has a line of its own."""
    return rule.per_text or rule.outcome.text


def occurrences(first: int, last: int, reads: str, subtotal: Decimal | None = None) -> str:
    """第k次:… for one occurrence; 第a次至第b次共t次,每次:…,小计 …分 for a run scored by one step."""
    if first == last:
        return _say("第{k}次:{reads}", k=first, reads=reads)
    text = _say("第{first}次至第{last}次共{times}次,每次:{reads}", first=first, last=last, times=last - first + 1,
                reads=reads)
    return text if subtotal is None else text + _say(",小计 {subtotal}分", subtotal=signed(subtotal))


def quote_condition(text: str) -> str:
    """Condition wording in 「」, unless it already is one name in 「」; wording that holds names
    (未「纳入部门考核」) in “”, since 「未「纳入部门考核」」 is hard to read and the names keep their 「」."""
    if text.startswith("「") and text.endswith("」") and text.count("「") == 1:
        return text
    if "「" in text or "」" in text:
        return f"“{text}”"
    return f"「{text}」"


def first_written(rule: m.Tiered) -> m.Tier:
    """The tier written first: the loosest of one-sided tiers kept tightest first (单边档次:取最具体的一档)."""
    return rule.tiers[rule.written_reversed - 1] if rule.written_reversed else rule.tiers[0]


def none_applies(rule: m.Tiered) -> str:
    """Why a clause none of whose tiers held scores nothing: a ladder had no tier for the value; a
    single condition simply did not hold (the parts of 且/或 each say how they read, not the whole)."""
    if len(rule.tiers) > 1:
        return N_("{why}:没有适用的档次,本条不计分")
    if isinstance(rule.tiers[0].test, (m.AllOf, m.AnyOf)):
        return N_("{why}:条件不成立,本条不计分")
    return N_("{why}:本条不计分")


def _bonus_flags(outcome: m.Outcome) -> dict:
    """Bonuses (加) are kept apart from the item's cap under 加分上限:不受本项分值限制."""
    return {"bonus": True} if outcome.kind == "bonus" or (outcome.kind == "discretion" and outcome.sign > 0) else {}


def on_total(rubric: m.Rubric, test: m.Test | None) -> bool:
    """Whether a rule on the total tests the total itself; otherwise it tests the unit's facts (一票否决).
    check/total.py never mixes the two in one condition, and reads the total's name as the total."""
    return isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.operand.name == rubric.total_name


def test_holds(rubric: m.Rubric, test: m.Test, values: dict, category: str | None) -> bool:
    """Whether a condition holds for one unit's values (used to pick the units a cohort value covers)."""
    return condition_tester(rubric, values, category)(test)


def condition_tester(rubric: m.Rubric, values: dict, category: str | None):
    """test → whether it holds for one unit's values, as the evaluator reads it (no explanation is written)."""
    evaluator = _Evaluator(rubric, values, category, None, explain=False)
    return lambda test: evaluator.test(test)[0]
