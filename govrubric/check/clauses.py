"""Clauses → rules: tiers (…的,得N分;…的,得M分), 每N次 (per count), 每低1个百分点 (per step),
第N次 (escalation), 分别/依次 (respective), and a clause's own cap (扣完N分为止, 最多扣N分)."""
from __future__ import annotations

import re
from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..numerals import format_decimal, read_chinese_integer, to_decimal
from ..source import Span
from .base import CheckerBase
from .conditions import describe_interval, with_subject
from .progressions import escalate_each, progression_after
from .step_start import ASK, as_requirement, ask, ask_without_side, warn_short_of_nothing, without_side
from .count_words import EACH_ITEM_LEADS, missing_written_met, there_is_each
from .start_points import (STEP_LEADS, after_tier, direction, earlier_threshold, earlier_tier, requirement_side,
                           share_of_another, share_points, single_value, written_in_points)
from .another import added_deductions
from .exemptions import exempted
from .negated_tiers import negated_wording
from .respective_thresholds import threshold_tiers
from ..units import convert, unit_of
from .words import COUNT_MEASURES, STEP_MEASURES
from ..i18n import built, kind_word, said


def _lone_award(clause: ast.Clause) -> bool:
    """One tier, a condition and 得N分: 「……,得10分」."""
    body = clause.tiers[0].body
    return (len(clause.tiers) == 1 and clause.tiers[0].cond is not None and isinstance(body, ast.Outcome)
            and body.kind == "award" and len(body.amounts) == 1 and not clause.limits and not clause.exemptions)


def one_exactly(tier: ast.Tier, per: ast.Per, written: str | None = None) -> ast.Tier:
    """The tier 「「次数」一次得1分」 read as a comparison: 「次数」 is exactly 1 (or the count written after a verb:
    「发生1起的,扣10分;发生2起以上的,…」, written: the words as published)."""
    text = written or f"一{per.measure}"
    value = ast.Value(per.count, per.measure, text, per.span)
    comparison = ast.Comparison("eq", value, text=text, span=per.span)
    if isinstance(tier.cond, ast.CondTrue):
        return ast.Tier(ast.CondCompare(tier.cond.operand, comparison, tier.cond.span), per.outcome, tier.span)
    return ast.Tier(tier.cond, per.outcome, tier.span)


_ROUNDING = {"四舍五入": "half_up", "不足一步按一步计": "ceil"}  # 每低 readings that round a part of a step


# 1处, １处 (a count of one written in digits, then its classifier: nothing else)
_ONE_COUNTED = re.compile(r"[1１][ \t]*[^\s0-9０-９]{1,3}")

class Clauses(CheckerBase):
    def clause(self, clause: ast.Clause, item: ast.Item, points: Decimal | None,
               before: m.Rule | None = None) -> m.Rule | None:
        """The rule a clause says; `before` is the rule of the clause written just before it in the item (a 每…
        without a subject may continue its tier: 「不少于四次加2分,每增加一次加1分」). An exemption written after it
        (若有新诉求的,不扣分) cancels it while its condition holds. 「(小数点后四舍五入)」 and 「不足1个百分点的按1个计」
        after it say how a gap counts: only a clause scored by the gap has one (GR206)."""
        rule = self.clause_rule(clause, item, points, before)
        if clause.each is not None:  # 单起「受害面积」30亩以上的扣10分: judged for each value (periods.py)
            rule = self.each_clause(clause, rule)
        rule = self.period_caps(clause, self.per_value_misuse(rule, clause.span))
        if rule is not None and self.once_or_each(rule, clause, points):
            return None
        said = [x for x in clause.limits if x.kind == "rounding"]
        if said and rule is not None and not isinstance(rule, m.PerStep):
            self.err("GR206", said[0].span, help="「(小数点后四舍五入)」「不足1个百分点的按1个计」只用于按差距计分"
                                                "(「低于90%的,每低1个百分点扣0.5分」)")
            return None
        if rule is None or not clause.exemptions:
            return rule
        return exempted(self, rule, clause.exemptions)

    def once_or_each(self, rule: m.Rule, clause: ast.Clause, points: Decimal | None) -> bool:
        """「未按时下达任务扣1分,扣完为止」 (农村劳动力, 2分; field trial 5 三 #14) written 「「未按时下达任务的单位数」扣1分,
        扣完为止」: a count as a plain condition deducts once, so a 扣完为止 that reaches past that one deduction says
        something else — each one counted? Not guessed: GR301, with both ways to write it (True after reporting)."""
        if not (isinstance(rule, m.Tiered) and len(rule.tiers) == 1 and isinstance(rule.tiers[0].test, m.Truthy)):
            return False
        test, outcome = rule.tiers[0].test, rule.tiers[0].outcome
        if (test.negated or not isinstance(test.operand, m.FactRef) or test.operand.kind not in ("count", "days", "months")
                or outcome.kind != "deduct" or outcome.amount is None or outcome.formula is not None):
            return False
        limit = next((x for x in clause.limits if x.kind == "exhaust"), None)
        reach = (limit.amount if limit.amount is not None else points) if limit is not None else None
        if reach is None or reach <= outcome.amount:
            return False
        name, amount = test.operand.name, format_decimal(outcome.amount)
        self.err("GR301", limit.span, detail=built("「{name}」只作条件时只扣一次{amount}分,「{limit}」却要扣到{reach}分:"
                                                   "是每个扣{amount}分,还是有就扣一次?", name=name, amount=amount,
                                                   limit=limit.word, reach=format_decimal(reach)),
                 help=built("每个都扣写作「「{name}」每个扣{amount}分,{limit}」;有就扣一次写作「「{name}」1个以上的,扣{amount}分」",
                            name=name, amount=amount, limit=limit.word))
        return True

    def clause_rule(self, clause: ast.Clause, item: ast.Item, points: Decimal | None,
                    before: m.Rule | None = None) -> m.Rule | None:
        first = clause.tiers[0]
        text = self.text(clause.span)
        cap, cap_text = self.clause_cap(clause, points)
        label = clause.label
        body = first.body
        if isinstance(first.cond, ast.CondRunning):  # 扣满4分的,追加扣除10分 (running.py)
            return self.running_rule(clause, item, points, label, text)
        for tier in clause.tiers:
            out = getattr(tier.body, "outcome", None)
            if out is not None and out.below is not None:  # 每次…倒扣, 第二次…倒扣: not said by published rubrics
                self.err("GR226", out.span, detail="「倒扣」只用于分档或单独成条的条款,不用于按次、逐次加重、分别计分",
                         help="写作「「事实」…的,此项不得分,同时倒扣4分」")
                return None
            if out is not None and (out.spill is not None or out.kind == "total_off"):  # 每次…追加扣除: the count's clause does not leave the item
                self.err("GR228", out.span, detail="「追加扣除」「从总分中扣除」只用于分档或单独成条的条款,不用于按次、逐次加重、分别计分",
                         help="写作「「事实」…的,不得分,并追加扣除20分」")
                return None
        if not self.negated_tiers_readable(clause):  # 「…记1分,未纳入的扣1分」 (negated_tiers.py)
            return None
        if (clause := threshold_tiers(self, clause)) is None:  # 达到30%、20%、10%,分别扣0、5、10分 (respective_thresholds.py)
            return None
        first, body = clause.tiers[0], clause.tiers[0].body
        if clause.among:  # ,其中「催办后仍未完成件数」的加扣2分: each one of them
            first = self.among_each(clause, before)
            if first is None:
                return None
            clause = attrs.evolve(clause, tiers=(first, *clause.tiers[1:]))
            body = first.body
        if len(clause.tiers) == 1 and (step := getattr(self, "bare_next", None)) is not None:
            bare = self.bare_count(first)  # 「1座,得10分;每增加一座加5分」: 达到1座, the step from it (step_start.py)
            if bare is not None:
                operand, measure, written, span, outcome = bare
                if step[0] == ASK:
                    ask(self, written, Decimal(1), measure, span, step[1])
                    return None
                first = as_requirement(operand, Decimal(1), measure, written, span, outcome, first)
                clause = attrs.evolve(clause, tiers=(first,))
                body = first.body
        stated_each = False
        if self.each_situation(first) and (met := missing_written_met(first)) is not None:
            lead = first.body.lead  # 「「甲」、「乙」的,缺一项扣1分」: 「甲」 done would be the one deducted
            if isinstance(met, ast.CondCompare):  # 「「甲」不少于2次、「乙」不少于12次,缺一项扣1分」: requirements
                self.err("GR301", first.body.span,
                         detail=built("几个要求共用的「{lead}一项」还不能写在一条里", lead=lead),
                         help=built("每个要求各写一句,各从自己的要求起算:「「甲」不少于2次,{lead}一项扣1分。"
                                    "「乙」不少于12次,{lead}一项扣1分」(少一次扣一次)", lead=lead))
                return None
            self.err("GR301", met.span, detail=built("「{lead}一项」数的是没有做到的项,这里写的却是做到了的情形,做到的一项会被扣分",
                                                     lead=lead),
                     help=built("把每一项写成没有做到的情形:「未「甲」、「乙」的,{lead}一项扣1分」(「未」管到「、」后面的名称),"
                                "或写「每项扣1分」", lead=lead))
            return None
        if self.each_situation(first):  # 「未成立领导小组、未制定方案的,各扣1分」: each situation that holds
            first = attrs.evolve(first, body=body.outcome)
            clause = attrs.evolve(clause, tiers=(first, *clause.tiers[1:]))
            body, stated_each = first.body, True
        if (isinstance(body, ast.Per) and len(clause.tiers) > 1 and body.shortfall is None
                and body.lead not in ("每", "按次", "单") and body.filler is None and body.post_filler is None):
            # 「次数」一次得1分,两次得2分; 「发生1起的,扣10分;发生2起以上的,不得分」: a ladder whose first tier is exactly
            # the count written, as the tiers after it compare
            written = None if body.lead == "一" else self.source.text[body.span.start:body.outcome.span.start].rstrip(" \t,，的")
            first = one_exactly(first, body, written)
            clause = attrs.evolve(clause, tiers=(first, *clause.tiers[1:]))
            body = first.body
        if isinstance(body, ast.Per) and body.outcome.kind == "zero" and len(clause.tiers) == 1:
            # 「发现有1例未完成,不得分」: 不得分 for each case would be nothing at all; one case or more → 不得分
            first = self.one_or_more(first, body, item)
            if first is None:
                return None
            clause = attrs.evolve(clause, tiers=(first,))
            body = first.body
        if len(clause.tiers) == 1 and (each := there_is_each(first, self.facts, self.source.text)) is not None:
            first, body = each, each.body  # 「「计数」有1个扣0.1分」: each one there is (count_words.py)
        if isinstance(body, ast.Per):
            if len(clause.tiers) > 1:
                self.err("GR205", clause.tiers[1].span)
            start = after_tier(before, body, self.facts) if first.cond is None and body.lead in STEP_LEADS else None
            if start is not None and body.lead not in ("每", "按次") and body.count != 1:
                # 「不少于4次,少2次扣1分」「达92%,下降2个百分点扣1分」: no 每 — each 2, or once 2 short? (as 发现3次扣1分)
                wording = self.source.text[body.span.start:body.outcome.span.start].rstrip(",，的")
                self.ask_per_or_exactly(wording, body.count, body.measure,
                                        Span(body.span.start, body.span.start + len(wording)))
                return None
            if start is not None:
                return self.per_after_tier(start, body, cap, cap_text, label, text, clause.span, clause.limits)
            if first.cond is None and (tier := without_side(before, body, self.counted_alone(item))) is not None:
                ask_without_side(self, tier, body, body.measure)  # 「达到1座的,得10分;每座加5分」 (step_start.py)
                return None
            if first.cond is None and body.lead in STEP_LEADS and (point := single_value(before)) is not None:
                self.single_value_asked(point, body)  # 「「率」95%,记5分,少一个百分点扣1分」: 96%?
                return None
            return self.per_rule(first, body, item, cap, cap_text, label, text, clause.span, clause.limits)
        if isinstance(body, (ast.Escalate, ast.EscalateEach)):
            return self.escalation(clause, body, cap, cap_text, label, text)
        if isinstance(body, ast.Weighted):  # 每项加1分,「国家级」、「省级」分别按300%、100%计 (weights.py)
            if len(clause.tiers) > 1:
                self.err("GR205", clause.tiers[1].span)
            return self.weighted_rule(first, body, cap, cap_text, label, text, clause.span)
        if isinstance(body, ast.Respectively):
            return self.respective(first, body, cap, cap_text, label, text, clause.span)
        if isinstance(body, ast.Outcome) and body.per_measure is not None:
            per = ast.Per(None, Decimal(1), body.per_measure, None, body, body.span)
            return self.per_rule(first, per, item, cap, cap_text, label, text, clause.span, clause.limits)

        subject = self.subject_of(first.cond)
        tiers = []
        standalone = len(clause.tiers) == 1
        if standalone and (one := self.one_each(first)) is not None:  # 「…,1处扣2分」: each one, as 一处扣2分
            return self.per_rule(attrs.evolve(first, cond=ast.CondTrue(first.cond.operand, first.cond.operand.span)),
                                 one, item, cap, cap_text, label, text, clause.span, clause.limits)
        if standalone and self.per_or_exactly(first):
            return None
        within = None  # 「…,其中「丙」…的」: the condition the tiers after it stay within
        shared = None  # 「…的,「一类地区」得5分,「二类地区」得3分」: the condition the categories' results share
        renamed = None  # 「…,否则「乙」达到30%的…」: a later tier's own subject, which the bare tiers after it do not take
        for number, tier in enumerate(clause.tiers):
            if isinstance(tier.body, ast.ForCategory):
                tier, shared = self.category_tier(tier, shared, subject if within is None else
                                                  self.subject_of(within.parts[1]), within)
                if tier is None:
                    continue
            if not isinstance(tier.body, ast.Outcome):
                if isinstance(tier.body, ast.Per) and tier.cond is None:  # 「达到90%的,得5分;否则每低1个百分点扣0.5分」
                    self.err("GR205", tier.span, help="「否则」之后的按次、按差距计分不知道从哪里起算;写出没有达到的条件:"
                                                      "「…;未达到90%的,每低1个百分点扣0.5分」(从90%起算,language.md 6.4)")
                else:
                    self.err("GR205", tier.span)
                continue
            cond = tier.cond
            if isinstance(cond, (ast.CondCompare, ast.CondIn)) and not cond.operand.names:
                tier_subject = subject if within is None else self.subject_of(within.parts[1])
                if tier_subject is None:
                    self.err("GR210", tier.span, detail="前一档没有单一的事实作主语,这一档请写明「事实」")
                    continue
                if (renamed is not None and isinstance(cond, ast.CondCompare)
                        and self.subject_reused(tier_subject, renamed, cond)):
                    continue
                cond = with_subject(cond, tier_subject)
                if within is not None:
                    cond = ast.CondAll((within.parts[0], cond), cond.span)
            else:
                within = cond if isinstance(cond, ast.CondAll) and cond.among else None
                if number > 0 and (named := self.subject_of(cond)) is not None and named != subject:
                    renamed = named
            test = self.test(cond) if cond is not None else None
            if (tier.body.kind == "proportional_deduct" and not tier.body.amounts and cap is not None and points is not None
                    and cap != points):  # 10分的指标「按…比例扣分,最多扣4分」: 10 × 比例 or 4 × 比例? asked, not guessed
                self.err("GR301", tier.body.span, detail=built("按比例扣分的基数不明:本项{amount}分,本条最多扣{amount2}分",
                                                               amount=format_decimal(points), amount2=format_decimal(cap)),
                         help=built("写明基数:「按…比例扣{amount}分」(全部未完成扣{amount}分)或「按…比例扣{amount2}分」",
                                    amount=format_decimal(cap), amount2=format_decimal(points)))
                continue
            outcome = self.outcome(tier.body, cond, points, standalone=standalone, item=item)
            if outcome is None:
                continue
            tiers.append(m.Tier(test, outcome, self.text(tier.span), tier.span, negated=negated_wording(tier)))
        if not tiers:
            return None
        tiers = self.unit_groups(tiers, clause)  # 「…以上的单位…;…以下的单位…」: a unit in both groups (两组单位)
        if (stated_each and len(tiers) > 1 and tiers[0].outcome.kind in ("award", "bonus")
                and all(t.test is None and t.outcome.kind == "zero" for t in tiers[1:])):
            # 「「建立」、「开发」的各得2分,反之,不得分」 (镇江 23): 反之 is none of them done, where 各得 already gives 0 — each
            # situation still counts once (without this the 否则 tier would make it a ladder, 2 points for both)
            tiers = tiers[:1]
        if not self.ladder_readable(tiers, clause):
            return None
        tiers = self.tier_gaps(tiers)
        tiers = added_deductions(tiers)  # 低于80%的,另扣2分: on top of the tier before it
        tiers, reversed_run = self.nested_tiers(tiers)
        each_part = (stated_each and len(tiers) == 1) or self.each_part(tiers)
        return m.Tiered(tuple(tiers), cap, label, text, cap_text, clause.span, each_part=each_part,
                        each_said=stated_each and len(tiers) == 1, written_reversed=reversed_run)

    def category_tier(self, tier: ast.Tier, shared: ast.Cond | None, subject: ast.Operand | None,
                      within: ast.CondAll | None) -> tuple[ast.Tier | None, ast.Cond | None]:
        """「「达标率」达到40%的,「一类地区」得5分,「二类地区」得3分」: each category's result is a tier whose condition is the
        condition written before the list (shared by the categories after the first) and 「单位类别」为 that category."""
        body = tier.body
        cond = tier.cond
        if cond is None:
            cond = shared
        elif isinstance(cond, (ast.CondCompare, ast.CondIn)) and not cond.operand.names and subject is not None:
            cond = with_subject(cond, subject)
            if within is not None:
                cond = ast.CondAll((within.parts[0], cond), cond.span)
        if cond is None:
            self.err("GR205", tier.span)
            return None, shared
        category = ast.CondIn(ast.Operand((ast.Name(m.CATEGORY, body.category.span),), body.category.span),
                              (body.category,), body.category.span)
        both = ast.CondAll((cond, category), ast.Span(cond.span.start, body.category.span.end))
        return ast.Tier(both, body.outcome, tier.span), cond

    def ladder_readable(self, tiers: list[m.Tier], clause: ast.Clause) -> bool:
        """A 视情 amount is checked against the range of the tier that applies when the unit's facts are read,
        before any value over the cohort is computed: so its tiers test only facts the unit gives."""
        if not any(t.outcome.kind == "discretion" for t in tiers):
            return True
        computed = [n for t in tiers for n in m.facts_of_test(t.test) if n in self.computed]
        if computed:
            self.err("GR301", clause.span, detail=built("视情计分的各档条件不能用在全体单位中算出的「{x}」:读入单位的事实时就要知道哪一档适用,以检查视情分数的范围",
                                                        x=computed[0]),
                     help="条件改用单位填写的事实")
            return False
        return True

    def subject_reused(self, subject: ast.Operand, renamed: ast.Operand, cond: ast.CondCompare) -> bool:
        """「未「有计划」的扣10分,否则「培训率」达到30%的扣0分,达到20%的扣5分」 (水利, field trial 7 四): a bare tier takes
        the first tier's subject, not the one written after 否则 — when that subject cannot be compared with a number
        and the renamed one can, say so where the author looks (True: reported)."""
        if self.subject_kind(subject) in m.NUMERIC_KINDS or self.subject_kind(renamed) not in m.NUMERIC_KINDS:
            return False
        first, later = self.text(subject.span), self.text(renamed.span)
        self.err("GR301", cond.span, detail=built("这一档没有写主语,沿用的是这一条第一档的主语{first},不是「否则」之后的{later}",
                                                  first=first, later=later),
                 help=built("「否则」之后另写了主语时,后面各档也写「否则」和主语:「否则{later}{comparison}…」"
                            "(只写主语是另一条条款,与前面各档同时计分)",
                            later=later, comparison=self.text(cond.comparison.span)))
        return True

    def subject_kind(self, operand: ast.Operand) -> str | None:
        """The kind of a subject written as one name (None for arithmetic or an unknown name)."""
        if operand.expr is not None or len(operand.names) != 1:
            return None
        fact = self.facts.get(operand.names[0].text)
        return None if fact is None else fact.kind

    def subject_of(self, cond: ast.Cond | None) -> ast.Operand | None:
        if isinstance(cond, (ast.CondCompare, ast.CondTrue, ast.CondFalse, ast.CondIn)) and cond.operand.names:
            return cond.operand
        return None

    def among_each(self, clause: ast.Clause, before: m.Rule | None) -> ast.Tier | None:
        """「「未及时完成件数」每件扣1分,其中「催办后仍未完成件数」的加扣2分」 (乡镇医疗保障 4): 其中 names those of the
        ones just counted that are also something else, and each of them loses the amount again — a count of its own,
        counted by the measure of the clause before it (每件 → each 件). Written with its own 每 (其中「…」每件加扣2分) it
        is that per-count clause. Anything else after 其中 here would say a condition within the one before it, which a
        per-count clause has not: asked (GR210)."""
        first = clause.tiers[0]
        if isinstance(first.body, ast.Per) and first.cond is not None:
            return first
        cond, body = first.cond, first.body
        fact = (self.facts.get(cond.operand.names[0].text) if isinstance(cond, ast.CondTrue) and cond.after is None
                and cond.operand.expr is None and len(cond.operand.names) == 1 else None)
        if (fact is not None and fact.kind == "count" and isinstance(body, ast.Outcome) and body.kind == "deduct"
                and len(body.amounts) == 1 and len(clause.tiers) == 1 and isinstance(before, m.PerCount)
                and before.outcome.kind == "deduct"):
            return attrs.evolve(first, body=ast.Per(None, Decimal(1), before.measure, None, body, body.span))
        self.err("GR210", first.span, detail="「其中」之后要写前一条按次扣分所数的事件中的一部分",
                 help="紧跟在按次扣分之后写「……每件扣1分,其中「催办后仍未完成件数」的加扣2分」(「…」是其中另外再扣的件数),"
                      "或写明每次:「其中「…」每件加扣2分」")
        return None

    @staticmethod
    def each_situation(tier: ast.Tier) -> bool:
        """「甲」、「乙」的 (or 或) then 各扣1分, 分别扣1分 (one amount) or 每项扣1分: the amount once for each situation that
        holds, as said (not the reading 并列情形)."""
        body = tier.body
        if not isinstance(tier.cond, ast.CondAny) or len(tier.cond.parts) < 2:
            return False
        if isinstance(body, ast.Respectively):
            return body.word in ("各", "分别") and len(body.outcome.amounts) == 1
        # 每完成一项得2分 (镇江 25): the words between 每 and 一项 say what each one is; the situations are still the ones listed
        if not (isinstance(body, ast.Per) and body.count == 1 and body.measure in ("项", "条", "种", "类")
                and body.shortfall is None and body.pre is None):
            return False
        if body.lead == "每":
            return body.post_filler is None
        # 「…的一项扣1分」 (殡葬), 「…的,有一项执行不好扣2分」, 「…的,其中有一项不达标扣3分」 (农村环境卫生), 「…的,缺一项扣1分」:
        # each of the listed situations, as 每项扣1分. 缺/少/有 say that an item is missing: the situations must be written as
        # what is missing (未「甲」、「乙」), or a met requirement would be the one deducted (each_missing asks)
        return body.lead in EACH_ITEM_LEADS and body.filler is None

    def bare_count(self, tier: ast.Tier) -> tuple[ast.Operand, str, str, Span, ast.Outcome] | None:
        """The shapes read as each one when they stand alone — 「1座,得10分」 (one_each), 「有1座,得10分」
        (there_is_each), 「建成1座,得10分」 (a verb, 1 and the classifier): the fact, the classifier, the words as
        written and where, and the result. None for anything else."""
        cond, body = tier.cond, tier.body
        if (one := self.one_each(tier)) is not None or (
                (each := there_is_each(tier, self.facts, self.source.text)) is not None and (one := each.body).count == 1):
            return cond.operand, one.measure, cond.comparison.text, cond.comparison.span, one.outcome
        if (isinstance(body, ast.Per) and isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1
                and cond.operand.expr is None and body.lead not in ("每", "按次", "单") and body.count == 1
                and body.shortfall is None and not body.de and body.outcome.kind in ("deduct", "award", "bonus")):
            fact = self.facts.get(cond.operand.names[0].text)
            if fact is None or fact.kind != "count":
                return None
            written = self.source.text[body.span.start:body.outcome.span.start].rstrip(" \t,,")
            return cond.operand, body.measure, written, Span(body.span.start, body.span.start + len(written)), body.outcome
        return None

    def one_each(self, tier: ast.Tier) -> ast.Per | None:
        """「容器标识问题处数」1处扣2分 (农贸市场, four times): a count fact, 1 and a classifier written straight before
        the result, no 的, no comparison word, no tier after it, is each one (每处扣2分), as 一处扣2分 is; a count
        but one (3条扣1分) stays a question (GR221)."""
        cond, body = tier.cond, tier.body
        if not (isinstance(cond, ast.CondCompare) and cond.comparison.form == "eq" and len(cond.operand.names) == 1
                and cond.operand.expr is None and isinstance(body, ast.Outcome)
                and body.kind in ("deduct", "award", "bonus")):
            return None
        fact = self.facts.get(cond.operand.names[0].text)
        value = cond.comparison.low
        if fact is None or fact.kind != "count" or value is None or value.number != 1 or value.unit not in COUNT_MEASURES:
            return None
        if cond.whole_year or cond.comparison.low_incl or "的" in self.source.text[cond.span.end : body.span.start]:
            return None
        if not _ONE_COUNTED.fullmatch(cond.comparison.text.strip()):
            return None  # 为1处, 有1处: a comparison word
        return ast.Per(None, Decimal(1), value.unit, None, body, Span(cond.comparison.span.start, body.span.end),
                       lead="1")

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
                 help=built("按次计分写作「每{amount}扣…」;只在正好{amount}时计分写作「为{amount}的,扣…」", amount=amount))

    def clause_cap(self, clause: ast.Clause, points: Decimal | None) -> tuple[Decimal | None, str | None]:
        cap, texts = None, []
        for limit in clause.limits:
            if limit.kind == "rounding" or limit.period is not None:  # (小数点后四舍五入), 每月最多加1分: no cap here
                continue
            texts.append(self.text(limit.span))
            amount = limit.amount
            if limit.kind == "exhaust" and amount is None:
                amount = points
                if amount is None:
                    self.err("GR206", limit.span, help="所在指标没有分值,请写明「扣完N分为止」")
                    continue
            if amount is not None:
                cap = amount if cap is None else min(cap, amount)
        return cap, ("、".join(texts) if texts else None)

    def per_rule(self, tier: ast.Tier, per: ast.Per, item: ast.Item, cap, cap_text, label, text, span,
                 clause_limits=()):
        cond = tier.cond
        if self.per_period_requirement(per):  # 每季度至少1次: a requirement of every quarter (periods.py)
            return None
        if per.lead != "每" and per.count != 1:  # 发现3次扣1分: each 3, or once 3 are found?
            wording = self.source.text[per.span.start : per.outcome.span.start].rstrip(",，的")
            self.ask_per_or_exactly(wording, per.count, per.measure, Span(per.span.start, per.span.start + len(wording)))
            return None
        outcome = self.outcome(per.outcome, cond, None, standalone=False, per_occurrence=True)
        if outcome is None:
            return None
        if isinstance(cond, ast.CondCompare) and cond.every is not None:
            # 「报送条数」每月不少于2条,每少一条扣0.5分: the gap of each month, each month's deductions added (periods.py);
            # before the per-event reading, which read no fact here and said 「只能逐个判断一个」 (field trial 6 四)
            return self.per_period_gap(tier, per, item, cap, cap_text, label, text, span, clause_limits)
        if cond is not None:  # 「迟到分钟」10分钟之内的每次扣1分: each value of a fact given per event (periods.py)
            each = self.each_after_condition(cond, per, outcome, cap, cap_text, label, text, span)
            if each is not False:
                return each
        once = self.once_per_event(per, cond, item, outcome, cap, cap_text, label, text, span)
        if once is not None:  # 发生了一起……的扣8分, read 发生一起的:计一次
            return once
        if isinstance(cond, ast.CondCompare) and cond.operand.names:
            test = self.test(cond)
            if not isinstance(test, m.InRange):
                return None
            test = share_of_another(test, per.measure)  # 低于「农村总人口」的10%的,每降低1%: the rate's points
            operand = test.operand
            kind = self.operand_kind(operand)
            step, measure = per.count, per.measure
            if kind == "quantity":
                step, measure = self.step_in_unit(per, operand)
                if step is None:
                    return None
            elif per.measure not in STEP_MEASURES.get(kind, ()) and not (kind == "ratio"):
                self.err("GR302", per.span, detail=built("「{x}」是{kind},不能按「{per_measure}」计算差距",
                                                         x=self.describe_operand(operand), kind=kind_word(m.KIND_ZH[kind]), per_measure=per.measure),
                         help=self.step_hint(kind))
                return None
            flipped = requirement_side(test, per, kind, cond.comparison.low or cond.comparison.high)
            if flipped is not None:  # 不少于四次,每少一次扣: the step applies short of the requirement
                test = flipped
            elif per.shortfall is not None:  # 「次数」少于4次,未开的,按次扣: no requirement to fall short of
                self.err("GR301", per.span, detail=f"「{per.shortfall}按次…」按没有达到要求的次数计分,条件要写要求"
                         "(「全年至少4次」「不少于4次」)", help="写作「「次数」全年至少4次,未开或少开的,按次扣1-3分」")
                return None
            interval = test.interval
            below = interval.high is not None and interval.low is None
            threshold = interval.high if below else interval.low
            if threshold is None or (interval.low is not None and interval.high is not None):
                self.err("GR210", cond.span, detail="按差距计分需要「低于/超过/之后」这样一侧的界限")
                return None
            if not isinstance(threshold, Decimal):
                self.err("GR303", cond.span, detail=built("按差距计分的界限「{comparison_text}」除不尽,差距无法精确计算",
                                                          comparison_text=cond.comparison.text),
                         help="把界限写成有限小数或百分数")
                return None
            if outcome.kind == "discretion":  # 未开或少开的,按次扣1-3分: an amount for each occurrence short
                outcome = self.step_amounts(outcome, operand, kind, step, flipped, per)
                if outcome is None:
                    return None
            if not self.rounding_fits(clause_limits, per):
                return None
            scale = self.step_scale(operand, test, threshold, per)
            if scale is None:
                return None
            said = self.rounding_said(clause_limits)
            reading = said or self.step_reading(cond.span)
            return m.PerStep(test, operand, threshold, below, step, measure, outcome,
                             reading == "按比例计", cap, label, text, cap_text, span, self.places,
                             rounding=_ROUNDING.get(reading, "floor"), scale=scale)

        guard = None
        counter = None
        implied = self.implied_subject(item, per) if cond is None else None
        if implied is not None:
            # 「达到进度目标的,得40分,未达到的不得分。每超过进度目标10个百分点加1分」 (学校节能): no subject, the item's one fact
            return self.per_after_tier(implied, per, cap, cap_text, label, text, span, clause_limits)
        if cond is None:
            counter = self.sole_counter(item, per.span, per)
            if counter is not None:  # 每少1张 with no requirement: short of what? (SW7-5)
                warn_short_of_nothing(self, counter.name, per, per.span)
        elif (isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1
              and (self.rate_named(cond) or (cond.after is None and self.counted_named(cond)
                                             and per.lead in STEP_LEADS and direction(per) is not None))):
            # 「发放率达到100%,得4分。……发放率每下降1%扣0.2分」, 「「座数」达到1座的,得10分;「座数」每增加一座加5分」:
            # a step with a side on a fact named again counts from the threshold written for it earlier in the item
            # (step_start.py); a count with none written is counted from 0, a rate is asked
            name = cond.operand.names[0].text
            rules = getattr(self, "item_rules", ())
            start = earlier_threshold(rules, name, per, self.facts)
            if start is None and (point := single_value(earlier_tier(rules, name))) is not None:
                self.single_value_asked(point, per)  # 「「座数」为2座的,…;「座数」每减少一座」: 3 座 earn it?
                return None
            if start is not None:
                return self.per_after_tier(start, per, cap, cap_text, label, text, span, clause_limits)
            if self.rate_named(cond):
                self.err("GR301", cond.span, detail=built("按差距计分要从写明的界限算起,本项没有写「{name}」从哪里算起", name=name),
                         help=built("写出起点:「「{name}」低于100%的,{per}」(100% 换成原文的要求)",
                                    name=name, per=self.text(per.span)))
                return None
            warn_short_of_nothing(self, name, per, cond.span)  # 「张贴公告张数」每少1张: short of what? (SW7-5)
            counter = self.fact_ref(cond.operand.names[0])
        elif isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1:
            counter = self.fact_ref(cond.operand.names[0])
        elif self.gap_without_threshold(cond, per):
            return None
        elif self.counted_wording(cond):
            # 「评语不符合要求学生数」不符合要求每生扣0.1分 (班主任): the words after the count's name say what each counted
            # one is, as after 每; read as a guard (no failures) the clause could never deduct
            counter = self.fact_ref(cond.operand.names[0])
        else:
            guard = self.test(cond)
            counter = self.sole_counter(item, per.span, per)
        if counter is None:
            return None
        fact = self.facts.get(counter.name)
        allowed = ("count", "days", "months", "discretionary", "quantity")
        if fact is not None and fact.kind not in allowed:
            self.err("GR301", cond.span if cond is not None else per.span,
                     detail=built("「每…」按次计分的事实应为次数、天数、月数或计量值,而「{fact_name}」是{kind}",
                                  fact_name=fact.name, kind=kind_word(m.KIND_ZH[fact.kind])))
            return None
        per_count, per_measure = per.count, per.measure or "次"
        if fact is not None and fact.kind == "quantity":  # 「罚没金额」每1万元扣0.5分
            per_count, per_measure = self.step_in_unit(per, counter)
            if per_count is None:
                return None
        elif fact is not None:
            measures = STEP_MEASURES.get(fact.kind, COUNT_MEASURES) if fact.kind != "discretionary" else COUNT_MEASURES
            counted_in = unit_of(per.measure)
            if fact.kind == "count" and counted_in is not None and counted_in.dimension == "count":
                if counted_in.factor != 1:  # 每1万人: 10000 of them, counted in 人
                    per_count, per_measure = per.count * counted_in.factor, fact.measure or per.measure[1:]
            elif fact.kind == "count" and per.measure not in COUNT_MEASURES and per.measure is not None:
                self.err("GR302", per.span, detail=built("次数不能以「{per_measure}」计",
                                                         per_measure=per.measure), help="用次、个、项、起、件、条等量词")
                return None
            if fact.kind in ("days", "months") and per.measure not in measures:
                self.err("GR302", per.span, detail=built("「{fact_name}」是{kind},不能以「{per_measure}」计",
                                                         fact_name=fact.name, kind=kind_word(m.KIND_ZH[fact.kind]), per_measure=per.measure))
                return None
        if outcome.kind == "discretion":
            if fact is None or fact.kind != "discretionary":
                self.err("GR301", per.outcome.span, detail="视情扣分需要一个「视情」类型的事实作主语")
                return None
            outcome = m.Outcome("discretion", sign=outcome.sign, fact=counter.name, low=outcome.low,
                                high=outcome.high, text=outcome.text)
        elif fact is not None and fact.kind == "discretionary":
            self.err("GR301", per.outcome.span, detail=built("「{fact_name}」是视情分数,应写「扣a—b分」或「视情扣…」",
                                                             fact_name=fact.name))
            return None
        if per_count <= 0:
            self.err("GR303", per.span, detail="「每N次」的N必须大于0")
            return None
        return m.PerCount(guard, counter, per_count, per_measure, outcome, cap, label, text,
                          cap_text, span, per_text=self.text(per.span))

    def judged_halves(self, clauses: list[ast.Clause], rules: list, path: str) -> list:
        """某地镇「有环卫管理机构和清扫保洁队伍,得10分;镇区主街道实行14小时以上保洁,得10分,按实际情况评分」: a bare
        「按实际情况评分」 written with a comma straight after an award makes that award the assessors' score from 0 to
        its points, for the sentences of the point joined by 「;」 before it (句末视情:整点, the default) or the last
        one only (本句). Each sentence's 视情 fact is the one its condition names (「「有环卫管理机构……」」 declared
        视情). The bare clause itself scores nothing more."""
        for index, clause in enumerate(clauses):
            if not self.trails_awards(clauses, index):
                continue
            body = clause.tiers[0].body
            group = [index - 1]
            while clauses[group[0]].joined and group[0] > 0 and _lone_award(clauses[group[0] - 1]) \
                    and clauses[group[0]].label is None:
                group.insert(0, group[0] - 1)
            if len(group) > 1:
                reading = self.here["句末视情"]
                self.decide(path, "句末视情", reading, built("「{text}」写在分号隔开的{count}句之后", text=body.text,
                                                                       count=str(len(group))), body.span)
                if reading.value == "本句":
                    group = group[-1:]
            judged = [self.judged(clauses[i], rules[i], body.text) for i in group]
            if any(rule is None for rule in judged):
                continue
            for i, rule in zip(group, judged):
                rules[i] = rule
            rules[index] = None  # said by the sentences before it
        return rules

    def trails_awards(self, clauses, index: int) -> bool:
        """A bare 「按实际情况评分」 written with a comma straight after a clause that awards 得N分."""
        clause = clauses[index]
        body = clause.tiers[0].body
        if (index == 0 or clause.tiers[0].cond is not None or not isinstance(body, ast.Outcome)
                or not body.word.startswith("按实际情况") or len(clause.tiers) > 1 or clause.label is not None
                or clause.limits or clause.exemptions):
            return False
        before = clauses[index - 1]
        return self.source.text[before.span.end:clause.span.start].strip() in (",", "，") and _lone_award(before)

    def judged(self, clause: ast.Clause, rule, word: str) -> m.Tiered | None:
        """得10分 under 「按实际情况评分」: 视情 0 to 10, the amount from the 视情 fact the condition names."""
        if not isinstance(rule, m.Tiered):
            return None
        tier = rule.tiers[0]
        out = tier.outcome
        names = [n for n in (m.facts_of_test(tier.test) if tier.test is not None else [])
                 if n in self.facts and self.facts[n].kind == "discretionary"]
        if len(names) != 1:
            self.err("GR301", clause.span, detail=f"「{word}」要由考核人员给出这一句的分数:条件中要有一个「视情」事实",
                     help="把这一句的事实声明为视情(事实「有环卫管理机构和清扫保洁队伍」:视情),考核人员填0到本句分值的分数")
            return None
        amount = format_decimal(out.amount)
        outcome = m.Outcome("discretion", sign=1, fact=names[0], low=Decimal(0), high=out.amount,
                            text=f"得{amount}分,{word}")
        return attrs.evolve(rule, tiers=(attrs.evolve(tier, outcome=outcome),))

    def gap_without_threshold(self, cond, per: ast.Per) -> bool:
        """「投放准确率不达标,每降低1%,扣2分」 (临安): 达标 names no threshold, and the gap needs one: GR301 (True)."""
        if not (isinstance(cond, (ast.CondFalse, ast.CondTrue)) and cond.operand.expr is None
                and len(cond.operand.names) == 1 and per.measure in STEP_MEASURES["percent"]):
            return False
        fact = self.facts.get(cond.operand.names[0].text)
        if fact is None or fact.kind != "percent":
            return False
        name = fact.name
        self.err("GR301", cond.span, detail=built("按差距计分要从写明的界限算起,「{text}」没有写界限", text=self.text(cond.span)),
                 help=built("写出达标的界限:「「{name}」低于95%的,每降低1%,扣2分」(95% 换成原文的达标线)", name=name))
        return True

    def single_value_asked(self, point: m.InRange, per: ast.Per) -> None:
        """「「率」95%,记5分,少一个百分点扣1分」, 「「座数」为2座的,得10分;每减少一座扣5分」: a step down from a single
        value — is a unit above it on the tier's side or not? asked, not guessed (step_start.py)."""
        self.err("GR210", per.span, detail=built("前一档「{text}」只写了一个值,不知道它另一边的单位得不得分、差距从哪一边算起",
                                                 text=point.text),
                 help=built("写明要求:「达到{value}」(每少…从它算起)或「不超过{value}」(每超过…从它算起)",
                            value=re.sub(r"^[为=＝]", "", point.text)))

    def counted_named(self, cond: ast.CondTrue) -> bool:
        """「座数」每增加一座: a count (天数, 月数, 计量值) named alone before a step."""
        fact = self.facts.get(cond.operand.names[0].text)
        return cond.operand.expr is None and fact is not None and fact.kind in ("count", "days", "months", "quantity")

    def counted_alone(self, item: ast.Item) -> str | None:
        """The one count of the item a 每… without a subject counts (sole_counter), without reporting."""
        counters = self.counters_of(item)
        return counters[0].name if len(counters) == 1 else None

    def counters_of(self, item: ast.Item) -> list:
        declared = [self.facts.get(d.name.text) for d in item.facts]
        return [f for f in declared if f is not None and f.kind in ("count", "days", "months", "discretionary")]

    def rate_named(self, cond: ast.CondTrue) -> bool:
        """「损失性补偿资金发放率」每下降1%: a percentage (or ratio) named alone before a step with a direction."""
        fact = self.facts.get(cond.operand.names[0].text)
        return cond.operand.expr is None and fact is not None and fact.kind in ("percent", "ratio")

    def counted_wording(self, cond) -> bool:
        """「计数」不符合要求 / 未落实 … before 每: a count's own description, not a condition on it."""
        if not (isinstance(cond, ast.CondFalse) and cond.after and len(cond.operand.names) == 1
                and cond.operand.expr is None):
            return False
        fact = self.facts.get(cond.operand.names[0].text)
        return fact is not None and fact.kind in ("count", "days", "months", "quantity")

    def once_per_event(self, per: ast.Per, cond, item, outcome: m.Outcome, cap, cap_text, label, text,
                       span) -> m.Tiered | None:
        """「若辖区内发生了一起过火面积超过50亩森林火灾的扣8分」: a verb (发生、出现、存在 …), one, and 的 before the result reads
        as each one (每起扣8分, the default of the reading 发生一起的) or as once when one or more happened (计一次).
        The reading is recorded either way; the Tiered rule (≥ 1 → the result) is returned only under 计一次."""
        if per.lead in ("每", "一", "单", "按次") or per.count != 1 or per.shortfall is not None or outcome.kind == "discretion":
            return None
        if not per.de or per.lead in ("差", "有", "其中有"):
            # 差1个百分点的扣2分 (殡葬): a gap, each point of it; 有一项执行不好的扣2分: each one there is (language.md 6.3)
            return None
        between = self.source.text[per.span.start:per.outcome.span.start]
        reading = self.here["发生一起的"]
        self.decide(self.path, "发生一起的", reading, f"「{between.rstrip(' ,，')}{per.outcome.text}」", per.span)
        if reading.value != "计一次":
            return None
        counter = None
        if cond is None:
            counter = self.sole_counter(item, per.span)
            if counter is not None:  # 每少1张 with no requirement: short of what? (SW7-5)
                warn_short_of_nothing(self, counter.name, per, per.span)
        elif isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1:
            counter = self.fact_ref(cond.operand.names[0])
        if counter is None or counter.kind not in ("count", "days", "months"):
            return None  # a guard before it, or no count: read each one, as before
        interval = m.Interval(Decimal(1), True, None, False)
        measure = per.measure or "次"
        test = m.InRange(counter, interval, between.rstrip(" \t,，的"), describe_interval(interval, measure), measure)
        tier = m.Tier(test, outcome, text, span)
        return m.Tiered((tier,), cap, label, text, cap_text, span)

    def doubled(self, clause: ast.Clause, before: list) -> tuple[m.PerCount, ...] | None:
        """「「重复个人访人数」、「重复集体访批数」加倍扣分」 after 「「个人访人数」每人扣5分;「集体访批数」每批扣10分」: the
        i-th count named at twice the amount of the i-th of the last per-count deductions written before it in the
        item (as many as are named), each its own clause: 每人扣10分, 每批扣20分."""
        body: ast.Doubled = clause.tiers[0].body
        if body.stray is not None:
            self.err("GR211", body.stray, detail="「加倍扣分」前面只写要加倍计次的事实的名称",
                     help="写作「「甲」、「乙」加倍扣分」,事实之间用「、」隔开")
            return None
        if len(clause.tiers) > 1:
            self.err("GR205", clause.tiers[1].span)
            return None
        if clause.limits or clause.exemptions:
            self.err("GR206", clause.span, help="「加倍扣分」按前面各句的每次扣分加倍,上限写在前面各句或本项下")
            return None
        counted = []
        for rule in reversed(before):
            if not (isinstance(rule, m.PerCount) and rule.outcome.kind == "deduct" and rule.guard is None):
                break
            counted.insert(0, rule)
        if len(counted) < len(body.names):
            where = "上一项最后的按次扣分" if body.same_as else "前面紧接着的按次扣分"
            self.err("GR205", body.span, detail=f"「{body.word}」列了{len(body.names)}个事实,{where}只有"
                     f"{len(counted)}句", help="「加倍扣分」紧接在它加倍的各句(「每人扣5分;每批扣10分;」)之后,事实与各句一一对应;"
                                            "「计分方法同上」加倍的是上一项最后的几句按次扣分")
            return None
        found = []
        text = self.text(clause.span)
        for name, rule in zip(body.names, counted[len(counted) - len(body.names):]):
            ref = self.fact_ref(name)
            if ref is None:
                return None
            fact = self.facts[ref.name]
            if fact.kind != "count":
                self.err("GR301", name.span, detail=f"「加倍扣分」按次计,「{ref.name}」是{m.KIND_ZH[fact.kind]}")
                return None
            each = rule.outcome.amount * 2
            per = "" if rule.per == 1 else format_decimal(rule.per)
            word = (body.same_as or "") + body.word  # 计分方法同上,加倍扣分: as published
            words = said("{word}(每{per}{measure}{outcome}的两倍:每{per}{measure}扣{each}分)", word=word, per=per,
                         measure=rule.measure, outcome=rule.outcome.text, each=format_decimal(each))
            outcome = attrs.evolve(rule.outcome, amount=each, text=f"扣{format_decimal(each)}分")
            found.append(m.PerCount(None, ref, rule.per, rule.measure, outcome, None, clause.label, text, None,
                                    body.span, per_text=words))
        return tuple(found)

    def step_amounts(self, outcome: m.Outcome, operand, kind: str, step, flipped, per: ast.Per) -> m.Outcome | None:
        """「全年至少4次,未开或少开的,按次扣1-3分」: the assessors give an amount for each occurrence short of the
        requirement, in the 视情 fact 「<count>(按次扣分)」 (declared here unless the rubric declares it; 可空: a unit
        that meets the requirement leaves it empty). Only from a written requirement, on a count, one at a time."""
        if flipped is None or kind not in ("count", "days", "months") or step != 1 or not isinstance(operand, m.FactRef):
            self.err("GR301", per.outcome.span, detail="按差距计分的视情分数只用于从写明的要求起算、每少一次(一天、一个月)计的次数",
                     help="写作「「次数」全年至少4次,未开或少开的,按次扣1-3分」,或「不少于4次,每少一次扣1—3分」")
            return None
        name = f"{operand.name}(按次{'扣' if outcome.sign < 0 else '加'}分)"
        if name not in self.facts:
            self.facts[name] = m.Fact(name, "discretionary", optional=True, span=per.span)
            self.fact_lines[name] = self.source.line_col(per.span.start)[0]
        elif self.facts[name].kind != "discretionary":
            self.err("GR301", per.outcome.span, detail=f"每次的视情分数填在「{name}」,它却已声明为{m.KIND_ZH[self.facts[name].kind]}",
                     help=f"把它声明为「事实「{name}」:视情」,或删去这一声明")
            return None
        return attrs.evolve(outcome, fact=name)

    def step_in_unit(self, per: ast.Per, operand: m.FactRef) -> tuple[Decimal | None, str | None]:
        """每1万元 for a fact in 元: 10000 of the fact's unit (units.convert); a unit of another kind is GR302."""
        measure = self.operand_measure(operand)
        name = self.describe_operand(operand)
        if per.measure is None:
            return per.count, measure
        step, why = convert(per.count, per.measure, measure)
        if step is None:
            other = unit_of(per.measure)
            if other is not None and other.dimension == unit_of(measure).dimension:
                self.err("GR308", per.span, detail=built("「{name}」以{measure}计,{why}",
                                                         name=name, measure=measure, why=why),
                         help=built("把「{name}」声明为以{per_measure}计", name=name, per_measure=per.measure))
            else:
                self.err("GR302", per.span, detail=built("「{name}」以{measure}计,不能按「{per_measure}」计算",
                                                         name=name, measure=measure, per_measure=per.measure))
            return None, None
        return step, measure

    def per_after_tier(self, test: m.InRange, per: ast.Per, cap, cap_text, label, text, span,
                       limits=()) -> m.PerStep | None:
        """每增加一次加1分 after 「次数」不少于四次加2分: each step beyond the tier's threshold, while its condition holds."""
        outcome = self.outcome(per.outcome, None, None, standalone=False, per_occurrence=True)
        if outcome is None:
            return None
        test = share_of_another(test, per.measure)  # 达到「农村总人口」的10%不扣分,每降低1%: the rate's points
        operand = test.operand
        kind = self.operand_kind(operand)
        step, measure = per.count, per.measure
        if kind == "quantity":  # 「完成面积」不少于「任务面积」的得3分,每少1万亩扣1分: the step in the operand's unit
            step, measure = self.step_in_unit(per, operand)
            if step is None:
                return None
        elif per.measure not in STEP_MEASURES.get(kind, ()) and kind != "ratio":
            self.err("GR302", per.span, detail=built("「{operand_name}」是{kind},不能按「{per_measure}」计算差距",
                                                     operand_name=self.describe_operand(operand), kind=kind_word(m.KIND_ZH[kind]), per_measure=per.measure),
                     help=self.step_hint(kind))
            return None
        if outcome.kind == "discretion":
            self.err("GR301", per.outcome.span, detail="按差距计分不能用视情分数")
            return None
        below = test.interval.low is None
        threshold = test.interval.high if below else test.interval.low
        if not isinstance(threshold, Decimal):
            self.err("GR303", span, detail=built("按差距计分的界限「{comparison_text}」除不尽,差距无法精确计算",
                                                 comparison_text=test.text), help="把界限写成有限小数或百分数")
            return None
        if not self.rounding_fits(limits, per):
            return None
        scale = self.step_scale(operand, test, threshold, per)
        if scale is None:
            return None
        reading = self.rounding_said(limits) or self.step_reading(span)
        return m.PerStep(test, operand, threshold, below, step, measure, outcome,
                         reading == "按比例计", cap, label, text, cap_text, span, self.places,
                         rounding=_ROUNDING.get(reading, "floor"), scale=scale)

    def step_scale(self, operand, test: m.InRange, threshold: Decimal, per: ast.Per) -> Decimal | None:
        """What one step's 百分点 is in the operand's units (model.PerStep.scale): × 100 for a share (1.05 is 105%), 1
        for a 比值 fact against a bare number from 10 up (性别比 110: a point of it, field trial 6 SW6-3); a bare
        number under 10 is asked (GR302), not guessed."""
        scale = share_points(operand, per.measure)
        if scale == 1:
            return scale
        points = written_in_points(operand, test, threshold)
        if points is None:
            shown = format_decimal(threshold)
            self.err("GR302", per.span, detail=built(
                "「{name}」是比值,界限{bound}不带%:「{per}」的1个百分点是{bound}的1个单位,还是份额的0.01(1.05即105%)?",
                name=operand.name, bound=shown,
                per=self.source.text[per.span.start:per.outcome.span.start].rstrip(" ,，")),
                help=built("「{name}」是份额(1.05即105%)时把界限写成百分数「{percent}%」,差距按百分点计;"
                           "填的是百分数本身(5即5%)时把它声明为「百分比」", name=operand.name,
                           percent=format_decimal(threshold * 100)))
            return None
        return Decimal(1) if points else scale

    def step_reading(self, span: Span) -> str:
        reading = self.here["每低"]
        self.decide(self.path, "每低", reading, built("按差距计分"), span)
        return reading.value

    def rounding_fits(self, limits, per: ast.Per) -> bool:
        """「不足1个百分点的按1个计」「(不到0.1平方米按0.1计算)」 count a part of a step as the step: both numbers are the
        step's (每少0.1平方米). Another number (不到0.1平方米按0.5计算) would say some other rule, not guessed: GR301."""
        for limit in limits:
            if limit.kind != "rounding" or "四舍五入" in limit.word:
                continue
            written = re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二两三四五六七八九十]+", limit.word)
            numbers = [to_decimal(w) for w in written]
            if any(n is None or n != per.count for n in numbers):
                step = f"{format_decimal(per.count)}{per.measure or ''}"
                self.err("GR301", limit.span, detail=built("「{written}」的数与每一步「{step}」不同,不知道不足一步的部分怎样计",
                                                           written=limit.word, step=step),
                         help=built("不足一步按一步计写作「不足{step}的按{step}计」", step=step))
                return False
        return True

    @staticmethod
    def rounding_said(limits) -> str | None:
        """The clause's own word on a part of a step: (小数点后四舍五入) → 四舍五入, 不足1个百分点的按1个计 → 不足一步按一步计."""
        for limit in limits:
            if limit.kind == "rounding":
                return "四舍五入" if "四舍五入" in limit.word else "不足一步按一步计"
        return None

    def one_or_more(self, tier: ast.Tier, per: ast.Per, item: ast.Item) -> ast.Tier | None:
        """「「未完成例数」发现有1例未完成,不得分」, 「每发现1处,不得分」: the count reaching the number written (one case
        or more) → 不得分. 不得分 counted per case would add nothing: the words mean the item is not earned."""
        wording = self.source.text[per.span.start : per.outcome.span.start].rstrip(" ,，的")
        value = ast.Value(per.count, per.measure, f"{format_decimal(per.count)}{per.measure or ''}", per.span)
        comparison = ast.Comparison("post", value, post="以上", text=wording,
                                    span=Span(per.span.start, per.span.start + len(wording)))
        cond = tier.cond
        if isinstance(cond, ast.CondTrue) and cond.after is None and len(cond.operand.names) == 1:
            return ast.Tier(ast.CondCompare(cond.operand, comparison, cond.span), per.outcome, tier.span)
        counter = self.sole_counter(item, per.span)
        if counter is None:
            return None
        compare = ast.CondCompare(ast.Operand((ast.Name(counter.name, per.span),), per.span), comparison, per.span)
        return ast.Tier(compare if cond is None else ast.CondAll((cond, compare), tier.span), per.outcome, tier.span)

    def implied_subject(self, item: ast.Item, per: ast.Per) -> m.InRange | None:
        """「……达到进度目标的,得40分,未达到的不得分。每超过进度目标10个百分点加1分,最多加2分」 (学校节能, field trial 5
        三 #13): a 每超过/每低 with no subject, in an item whose earlier clauses test one fact only — not a count (a count's
        每 counts occurrences: sole_counter) — and declare no other, runs from the threshold written for that fact
        (earlier_threshold), as 「「…」每超过…」 would. Anything less plain is left to GR210."""
        if direction(per) is None:
            return None
        rules = [r for r in getattr(self, "item_rules", ()) if isinstance(r, m.Tiered)]
        names = {n for r in rules for t in r.tiers if t.test is not None for n in m.facts_of_test(t.test)}
        declared = {d.name.text for d in item.facts}
        if len(names) != 1 or not declared <= names:
            return None
        name = next(iter(names))
        fact = self.facts.get(name)
        if fact is None or fact.kind in ("count", "days", "months", "discretionary", "bool", "choice", "list", "rank"):
            return None
        side = direction(per)
        for rule in reversed(rules):  # the nearest one-sided threshold on it; 每超过 after 达到80%: beyond it, from 80%
            for tier in reversed(rule.tiers):
                test = tier.test
                if not (isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.operand.name == name):
                    continue
                low, high = test.interval.low, test.interval.high
                if side == "above" and low is not None and high is None:
                    beyond = m.Interval(low, False, None, False)
                    return attrs.evolve(test, interval=beyond, text=f"超过{format_decimal(low)}{test.unit}",
                                        meaning=describe_interval(beyond, test.unit))
                if side == "below" and high is not None and low is None:
                    beyond = m.Interval(None, False, high, False)
                    return attrs.evolve(test, interval=beyond, text=f"低于{format_decimal(high)}{test.unit}",
                                        meaning=describe_interval(beyond, test.unit))
        return earlier_threshold(tuple(rules), name, per, self.facts)  # the other side: 达到95%…。每低1个百分点

    def sole_counter(self, item: ast.Item, span: Span, per: ast.Per | None = None) -> m.FactRef | None:
        counters = self.counters_of(item)
        if len(counters) == 1:
            return m.FactRef(counters[0].name, counters[0].kind)
        help = "在「每」前写出事实,如「「违规次数」每发现1次扣0.2分」"
        words = None if per is None else self.source.text[per.span.start:per.outcome.span.start].rstrip(" \t,,的")
        if per is not None and (per.lead == "差" or (per.lead == "每" and (per.filler or "").startswith("差"))):
            # 差1个百分点扣2分 with no subject: a gap from what? (either way: the condition says)
            help = built("写出差的是哪个事实、与什么相比:「「火化率」低于「指标」的,{words}扣…」,"
                         "或照原文「「火化率」按「指标」,{words}的扣…」", words=words)
        elif per is not None and per.lead != "每":  # 缺一项扣1分 (殡葬, field trial 7 四): no 每 was written to put it before
            help = built("在「{words}」前写出按哪个事实计次,如「「缺项数」{words}扣1分」;按前面所列的几项计时,"
                         "用「、」列出没有做到的各项:「未「甲」、「乙」的,{words}扣1分」(每项各扣一次,与「每项扣1分」相同)",
                         words=words)
        self.err("GR210", span,
                 detail="没有写明按哪个事实计次" + ("" if not counters else f"(本指标下有{len(counters)}个可计次的事实)"),
                 help=help)
        return None

    def escalation(self, clause: ast.Clause, body, cap, cap_text, label, text):
        first = clause.tiers[0]
        cond = first.cond
        if not (isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1):
            self.err("GR211", first.span, detail="逐次加重的主语应是一个次数事实")
            return None
        counter = self.fact_ref(cond.operand.names[0])
        if counter is None:
            return None
        if counter.kind != "count":
            self.err("GR211", cond.span, detail=built("「{counter_name}」不是次数", counter_name=counter.name))
            return None
        steps = []
        tiers = list(clause.tiers)
        then = None
        if isinstance(tiers[-1].body, ast.Progression):
            then = tiers.pop().body
        for tier in tiers:
            if isinstance(tier.body, ast.EscalateEach):  # 第一起、第二起……,分别扣5分、6分……
                each = escalate_each(self, tier.body, steps)
                if each is None:
                    return None
                steps.extend(each)
                continue
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
        progression = None
        if then is not None:
            progression = progression_after(self, then, steps, cap)
            if progression is None:
                return None
        return m.Escalation(None, counter, tuple(steps), cap, label, text, cap_text, clause.span, then=progression)

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
                self.err("GR301", cond.span, detail=built("「前N名」只能用于名次,「{operand_name}」是{kind}",
                                                          operand_name=operand.name, kind=kind_word(m.KIND_ZH[operand.kind])))
                return None
            top = cond.comparison.low.number
            if top != len(amounts):  # before making the keys: 「前99999999名」 would make a hundred million
                self.err("GR212", out.span, left=format_decimal(top), right=len(amounts))
                return None
            keys = tuple(range(1, int(top) + 1))
            mode = "rank"
        elif isinstance(cond, ast.CondAny) and len(amounts) > 1:
            # 「未「甲」、未「乙」的,分别扣1分、2分」: each situation its own amount — not said by one rule yet; split, exactly
            parts = [self.text(p.span) for p in cond.parts]
            self.err("GR301", out.span, detail=built("「分别」前面是{n}种并列的情形,各有自己的分值:一条里还不能这样写",
                                                     n=len(parts)),
                     help=built("几种情形各有自己的分值时请分句写,每种情形一句:{example}",
                                example=";".join(f"{p}的,{'扣' if out.kind == 'deduct' else '加' if out.kind == 'bonus' else '得'}"
                                                 f"{format_decimal(a)}分" for p, a in zip(parts, amounts))))
            return None
        else:
            self.err("GR212", span, left=1, right=len(amounts),
                     help="「分别」「依次」前面要写出几个对象:「「事实」为「甲」、「乙」的,分别加…」「「名次」前三名,依次加…」;"
                          "只有一个条件时写一个分值")
            return None
        if len(keys) != len(amounts):
            self.err("GR212", out.span, left=len(keys), right=len(amounts))
            return None
        graded = None
        if body.graded is not None:  # 按「严重」、「比较严重」5档划分,计分标准为1分、2分: the grades counted as written
            split, points_word = body.graded
            written = re.match(r"[0-9０-９]+|[一二两三四五六七八九十]+", split)
            count = None if written is None else (int(to_decimal(written.group())) if written.group()[0] in "0123456789０１２３４５６７８９"
                                                   else read_chinese_integer(written.group()))
            if count is not None and count != len(keys):
                self.err("GR212", body.span, left=count, right=len(amounts),
                         help=built("列了{n}个选项,却写「{split}」:选项的个数、档数和分值的个数要一样", n=len(keys), split=split))
                return None
            graded = (split, points_word)
        word = {"award": "得", "bonus": "加", "deduct": "扣"}[out.kind]
        outcomes = tuple(m.Outcome(out.kind, a, text=f"{word}{format_decimal(a)}分") for a in amounts)
        return m.Respective(None, operand, mode, keys, outcomes, cap, label, text, cap_text, span, graded=graded)
