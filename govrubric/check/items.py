"""Items: their paths and numbering, children, 适用 categories, readings per item, the base (从满分扣减 /
从零计分), the floor and cap from points and limits, and the decisions an item's score relies on."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from .point_caps import shared_caps
from .readings import _rate_award
from .failure_start import failure_deductions
from .two_sided import (earned_first, earned_only, failure_spelled_out, from_point, open_reading, own_subject_starts, speaks_of_absence,
                        point_goes_on, point_negations, point_otherwise, point_sentences, restates_points, sentence_points,
                        start_from_points, started_anyway, stop_at_point, zero_sides)
from ..diagnostics import closest
from ..numerals import format_decimal
from ..i18n import N_, built, said
from .base import CheckerBase, InForce
from .conditions import ladder_ends, with_subject
from .step_start import continues_tier, following, requirement_before_step, step_after, steps_on
from .count_words import there_is_each
from .start_points import direction
from .words import ABOVE_BY, BELOW_BY

_HALF_WIDTH_BRACKETS = str.maketrans("\uff08\uff09", "()")


class Items(CheckerBase):
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

    def clauses_of(self, item: ast.Item, points, path: str) -> tuple[tuple[m.Rule, ...], tuple[m.SharedCap, ...]]:
        """The item's rules, each clause read knowing the rule written just before it (a 每… may continue it), and
        the caps written after the last sentence of a numbered point (句末上限)."""
        rules: list = []
        before = None
        self.ladder_ends = ladder_ends(item.clauses)  # 「80分(含)—89分」: whether 89 ends another tier (conditions.py)
        joined = set()  # the rules whose clause goes on from the one before it with a comma: one sentence
        continued = set()  # of those, the ones without a subject of their own (「得2分,每推迟一天扣0.1分」)
        bare = set()  # the rules whose own cap is 扣完为止 without a number
        after_semi = set()  # the rules whose clause goes on within a numbered point after a ;
        semi = set()  # of those, the ones without a subject of their own
        in_point = False  # the clauses since the last with a number are joined by ; (sentences of one point)
        stopped = self.point_stops(item.clauses)  # the sentences of a numbered point after its 。 (field trial 6, SW6-7)
        clauses, parted = self.step_tiers_apart(item.clauses)
        item = attrs.evolve(item, clauses=clauses)
        self.item_rules = rules  # 「率」每下降1%: the threshold of an earlier tier on the same fact (clauses.py)
        for index, clause in enumerate(item.clauses):
            if isinstance(clause.tiers[0].body, ast.Doubled):  # 重复访加倍扣分: a rule per count, from those before
                # 计分方法同上,…加倍扣分: those of the item with rules written just above this one
                source = getattr(self, "rules_above", []) if clause.tiers[0].body.same_as else rules
                rule = self.doubled(clause, [r for r in source if r is not None and not isinstance(r, tuple)])
            elif self.trails_awards(item.clauses, len(rules)):  # ……得10分,按实际情况评分: judged_halves reads it
                rule = None
            else:
                # 「1座,得10分;每增加一座加5分」, 「为1座的,得10分;每增加一座加5分」: a tier before a step on its fact
                # is the requirement the step counts from (step_start.py)
                self.bare_next = step_after(item.clauses, index, self.source.text)
                # 「1座,得10分;每少一座扣5分」: the step has a tier to count from (asked by GR221 if unclear), so it is
                # not one short of nothing (GR235)
                self.step_after_tier = bool(index) and step_after(item.clauses, index - 1, self.source.text) is not None
                rule = self.clause(clause, item, points, before)
                self.step_after_tier = False
                rule = requirement_before_step(self, rule, following(item.clauses, index, self.source.text))
                self.bare_next = None
            rules.append(rule)
            # 「「率」达到95%得5分;每降低1个百分点扣0.5分」, 「…,「率」每降低…」: the step from the tier's threshold goes
            # on from its award, after 「;」 too, the fact named again or not (step_start.py, language.md 8)
            goes_on = index and continues_tier(before, rule,
                                               following(item.clauses, index - 1, self.source.text))
            if (index and rule is not None and not isinstance(rule, tuple)
                    and (self.same_sentence(item.clauses[index - 1], clause) or index in parted or goes_on)):
                joined.add(index)
                if clause.tiers[0].cond is None or index in parted or goes_on:
                    continued.add(index)
            if any(x.kind == "exhaust" and x.amount is None for x in clause.limits):
                bare.add(index)
            in_point = clause.label is not None or (in_point and clause.joined)
            if (index and in_point and clause.label is None and clause.joined and rule is not None
                    and not isinstance(rule, tuple)):
                after_semi.add(index)
                if clause.tiers[0].cond is None:
                    semi.add(index)
            if not steps_on(before, rule):  # 「达到4座的,得10分;每多一座加1分;每少一座扣1分」: both steps from the tier
                before = rule[-1] if isinstance(rule, tuple) else rule
        rules = self.judged_halves(list(item.clauses), rules, path)  # ……得10分,按实际情况评分
        rules = self.gap_ladders(rules)  # 低于96%的,每降低…;低于90%的,每降低…: stretches of one ladder (分段差距)
        if item.clauses:  # 计分方法同上 in the next item with clauses reads these
            self.rules_above = [x for r in rules for x in (r if isinstance(r, tuple) else (r,))]
        self.ladder_ends = None
        caps: tuple[m.SharedCap, ...] = ()
        own = [None if isinstance(r, tuple) else r for r in rules]  # a point with 加倍扣分 in it shares no cap
        if not any(limit.kind == "both" for limit in item.limits):  # not beside 累计加减分 (分别限制 splits the parts)
            own, caps = shared_caps(self, path, list(item.clauses), own)
        self.continued = frozenset(id(own[i]) for i in continued if own[i] is not None)
        self.joined = frozenset(id(own[i]) for i in joined if own[i] is not None)
        self.bare = frozenset(id(own[i]) for i in bare if own[i] is not None)
        self.semi = frozenset(id(own[i]) for i in semi if own[i] is not None)
        self.after_semi = frozenset(id(own[i]) for i in after_semi if own[i] is not None)
        self.stopped_spans = frozenset(own[i].span for i in stopped if own[i] is not None)
        found = []
        for rule, kept in zip(rules, own):
            found.extend(rule if isinstance(rule, tuple) else (kept,) if kept is not None else ())
        return tuple(found), caps

    @staticmethod
    def point_stops(clauses) -> frozenset[int]:
        """「2.……,1分。不报送或不按时报送的每次减0.5分,……每例减1分,减完为止。3.……」 (XX县综治, field trial 6 SW6-7): the
        clauses without a number that start a sentence after a numbered point's 。 and before the next numbered point
        of the item — the point's own sentences (its N points are where they start). The indexes of those first
        clauses; the clauses after a comma go on from them. After the item's last numbered point a sentence may be
        the item's: not these."""
        found, point = set(), False
        for index, clause in enumerate(clauses):
            if clause.label is not None:
                point = True
            elif point and not clause.joined and not clause.after_comma and index and any(
                    later.label is not None for later in clauses[index + 1:]):
                found.add(index)
        return frozenset(found)

    def table_rows(self, rules: tuple[m.Rule, ...], points, parent_path: str, waiting: int) -> tuple[m.Rule, ...]:
        """「死亡事故……发生一次,本表100分扣完」 written in a row (企业安全事故控制评分表, field trial 3 三 #6): a veto of the
        table the row belongs to — the nearest item above whose points are the N written (本表100分), or the
        first-level item — not of the row. Such a rule moves up to that item, where it vetoes as 此项不得分 does;
        the rules the rows below left for this item are taken here."""
        def amount(rule):
            style = next(o.style for o in m.outcomes_of(rule) if o.style and o.style.startswith("table:"))
            return Decimal(style[6:]) if style[6:] else None

        table = [r for r in rules if any(o.kind == "veto" and (o.style or "").startswith("table:")
                                         for o in m.outcomes_of(r))]
        mine = [r for r in table if parent_path and (amount(r) is None or amount(r) != points)]
        rules = tuple(r for r in rules if r not in mine)
        below = self.table_vetoes[waiting:]
        taken = [r for r in below if not parent_path or (amount(r) is not None and amount(r) == points)]
        self.table_vetoes[waiting:] = [r for r in below if r not in taken] + mine
        return rules + tuple(taken)

    def step_tiers_apart(self, clauses) -> tuple[tuple[ast.Clause, ...], frozenset[int]]:
        """「「率」达到90%的得5分;未达到90%的,每低1个百分点扣0.5分」 (金华, field trial 3 SW1 and 三 #3): a tier without
        its subject whose result counts steps is the clause's next sentence — the step deduction on the same subject
        (6.4), from the tier before it (the award is where it starts: language.md 8). The clauses with each such tier
        a clause of its own, and the indexes of those (they go on from the clause before, as 「…,每推迟一天…」 does)."""
        result, parted = [], set()
        for clause in clauses:
            clause = self.shortfall_after_requirement(clause)
            over = self.over_by_points(clause)
            if over is not None:  # 「控制在5%以内记6分,超过0.1个百分点扣1分」 (field trial 6, SW6-2)
                head, step = over
                result.append(head)
                parted.add(len(result))
                result.append(step)
                continue
            cut = next((i for i, t in enumerate(clause.tiers) if i and isinstance(t.body, ast.Per)
                        and isinstance(t.cond, ast.CondCompare) and not t.cond.operand.names), None)
            subject = self.subject_of(clause.tiers[0].cond) if len(clause.tiers) > 1 else None
            if cut is None and subject is not None and self.there_is_each_after(clause.tiers[-1], subject):
                cut = len(clause.tiers) - 1  # 「「未完成项数」为0的,得4分,有一项扣1分」 (field trial 5, SW5-3)
            if cut is None or subject is None or cut != len(clause.tiers) - 1:
                result.append(clause)
                continue
            tier = clause.tiers[cut]
            head = attrs.evolve(clause, tiers=clause.tiers[:cut], limits=(), exemptions=(),
                                span=ast.Span(clause.span.start, clause.tiers[cut - 1].span.end))
            step = ast.Tier(with_subject(tier.cond, subject), tier.body, tier.span)
            result.append(head)
            parted.add(len(result))
            result.append(ast.Clause(None, (step,), clause.limits, ast.Span(tier.span.start, clause.span.end),
                                     clause.exemptions, after_comma=True))
        return tuple(result), frozenset(parted)

    def over_by_points(self, clause: ast.Clause) -> tuple[ast.Clause, ast.Clause] | None:
        """「人口出生统计误差控制在5%以内记6分,超过0.1个百分点扣1分」 (某乡镇人口计生, field trial 6 SW6-2): after a tier that
        bounds a percentage on one side, a last tier without a subject that compares 「N个百分点」 the other way (超过 after
        控制在/以内/不超过, 低于 after 达到/不低于) says how far past that bound — N points a difference, not the level
        N% (read so, 5.3% was 「超过0.1%」 and lost the 6 points). It is read as the step beyond the bound (每超过0.1个
        百分点扣1分: 5.3% is 3 steps, 6 − 3 = 3), the reading 超出幅度:每步计; 计一次 takes the amount once (5). The clause
        before that tier, and the step as a clause of its own going on from it (as step_tiers_apart makes)."""
        if len(clause.tiers) < 2:
            return None
        tier, prev = clause.tiers[-1], clause.tiers[-2]
        cond = tier.cond
        if not (isinstance(cond, ast.CondCompare) and not cond.operand.names and isinstance(tier.body, ast.Outcome)
                and tier.body.kind in ("deduct", "bonus") and len(tier.body.amounts) == 1
                and cond.comparison.form == "pre" and cond.comparison.low is not None
                and cond.comparison.low.written_unit in ("个百分点", "百分点")):
            return None
        side = "above" if cond.comparison.pre in ABOVE_BY else "below" if cond.comparison.pre in BELOW_BY else None
        subject = self.subject_of(clause.tiers[0].cond)
        if side is None or subject is None or not isinstance(prev.cond, ast.CondCompare) or len(subject.names) != 1:
            return None
        fact = self.facts.get(subject.names[0].text)
        if fact is None or fact.kind != "percent" or subject.expr is not None:
            return None
        bound = self.test(prev.cond if prev.cond.operand.names else with_subject(prev.cond, subject))
        if not isinstance(bound, m.InRange) or (bound.interval.low is None) == (bound.interval.high is None):
            return None
        if (side == "above") != (bound.interval.high is not None):  # 超过 after an upper bound, 低于 after a lower one
            return None
        reading = self.here["超出幅度"]
        self.decide(self.path, "超出幅度", reading, built("「{x}」接在「{y}」之后", x=cond.comparison.text, y=bound.text),
                    tier.span)
        per = ast.Per(cond.comparison.pre, cond.comparison.low.number, cond.comparison.low.written_unit, None, tier.body,
                      tier.span)
        limits = clause.limits
        if reading.value == "计一次":  # past the bound by N points or more: the amount once
            text = self.source.text
            start = tier.span.start + len(text[tier.span.start:tier.span.end]) - len(
                text[tier.span.start:tier.span.end].lstrip(" \t,，;；"))
            limits = (ast.LimitPiece("cap", None, "计一次", tier.body.amounts[0], ast.Span(start, tier.span.end)),
                      ) + tuple(limits)
        head = attrs.evolve(clause, tiers=clause.tiers[:-1], limits=(), exemptions=(),
                            span=ast.Span(clause.span.start, prev.span.end))
        step = ast.Clause(None, (ast.Tier(None, per, tier.span),), limits, ast.Span(tier.span.start, clause.span.end),
                          clause.exemptions, after_comma=True)
        return head, step

    def shortfall_after_requirement(self, clause: ast.Clause) -> ast.Clause:
        """「完成年度……任务数,得2分,未完成任务少一个扣0.5分」 (区县体育, field trial 5 三 #4): a last tier saying the
        requirement before it not met (未完成) and counting down from it (少一个, 每少一个) is that requirement's other
        side with its steps — 「…;低于「任务数」的,每少一个扣0.5分」 (6.4「下一档写成按差距扣分」) — not a 否则 that
        knows no start (GR205). Only after a one-sided lower bound (达到「任务数」, 达到90%, 90%以上)."""
        if len(clause.tiers) < 2:
            return clause
        last, before = clause.tiers[-1], clause.tiers[-2]
        if not (last.cond is None and last.negated is not None and isinstance(last.body, ast.Per)
                and direction(last.body) == "below" and isinstance(before.cond, ast.CondCompare)):
            return clause
        comp = before.cond.comparison
        if comp.form not in ("fact", "pre", "post") or comp.lead is not None or before.cond.every is not None:
            return clause
        word = comp.pre if comp.pre is not None and comp.pre not in ("为", "有", "在") else comp.post
        side = self.pre_bounds.get(word) if word == comp.pre else self.bounds.get(word)
        if side is None or side[0] != "ge" or (comp.post is not None and self.bounds.get(comp.post, ("ge",))[0] != "ge"):
            return clause
        closed = side[1] if comp.low_incl is None else comp.low_incl == "含"
        other = ast.Comparison("fact" if comp.form == "fact" else "pre", comp.low, pre="低于" if closed else "不超过",
                               text=last.negated, span=last.span)
        tier = attrs.evolve(last, cond=ast.CondCompare(ast.Operand((), last.span), other, last.span))
        return attrs.evolve(clause, tiers=clause.tiers[:-1] + (tier,))

    def there_is_each_after(self, tier: ast.Tier, subject) -> bool:
        """A last tier 「有一项扣1分」 after a tier on a count (「「未完成项数」为0的,得4分,有一项扣1分,扣完为止」, 镇江
        「全部完成的,得4分,有一项未完成的,扣1分,扣完为止」, field trial 5 SW5-3): each one there is (language.md 6.3, as
        「「计数」有1个扣0.1分」 on its own, count_words.py), the next sentence of the clause — not the next tier (= 1),
        under which 2 items would lose nothing."""
        cond = tier.cond
        if not (isinstance(cond, ast.CondCompare) and not cond.operand.names and isinstance(tier.body, ast.Outcome)):
            return False
        return there_is_each(ast.Tier(with_subject(cond, subject), tier.body, tier.span), self.facts,
                             self.source.text) is not None

    def forget_row_vetoes(self, rules: tuple[m.Rule, ...]) -> None:
        """A 不得分 folded into its sentence's award (two_sided._row_zero) takes the sentence's points: the item-wide
        不得分范围 reading recorded for it when it was read on its own is not what scores it."""
        text = self.source.text
        sentences = [(r.span.start, text.find("\n", r.span.start) % (len(text) + 1)) for r in rules
                     if r.exempt is not None and r.exempt.sentence]
        if sentences:
            self.decisions[:] = [d for d in self.decisions if not (
                d.key == "不得分范围" and any(start <= d.span.start <= end for start, end in sentences))]

    def same_sentence(self, before: ast.Clause, clause: ast.Clause) -> bool:
        """Whether a clause goes on from the one before it after a comma (「「按时报送」得2分,每推迟一天扣0.1分」)."""
        between = self.source.text[before.span.end:clause.span.start].strip()
        return between in (",", ",", "、")

    def node(self, item: ast.Item, parent_path: str, inherited, siblings) -> m.Node:
        head = item.head
        node_id = self.next_id
        self.next_id += 1
        # the path names an item the same way whatever the width of its brackets: （1） is (1)
        own = head.label.strip("、.．").translate(_HALF_WIDTH_BRACKETS) if head.style not in ("heading", "anon") else (
            f"【{head.title}】" if head.style == "heading" and head.title else "○")
        if head.style.startswith("dotted"):  # 1.1 under 1: the path is 1.1, not 1.1.1
            own = str(head.number)
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
                                 help=built("是不是「{hint}」?", hint=hint) if hint else "先在细则开头用「单位类别」声明")
                applies = frozenset(entry.values)

        for clause in item.clauses:  # 「……扣完为止(以环保局审批项目为准)」: the clause's data source, the item's too
            if clause.basis:
                meta.append(("数据来源", clause.basis))
        outer, outer_path = self.here, self.path
        here = dict(outer)
        explicit: dict[str, InForce] = {}
        for setting in item.settings:
            self.setting(setting, explicit, rubric_level=False)
        for override in self.overrides:
            if override.path == path:
                explicit[override.key] = InForce(override.value, "命令行")
        here.update(explicit)

        points = head.points
        header_cap = head.header_cap[1] if head.header_cap else None
        # 【安全生产】(累计扣分不超过5分) bounds what is deducted: the item lies in [−5, 0], it is not capped at 5
        deduction_bound = None
        if head.header_cap and head.header_cap[0] in ast.DEDUCTION_CAP_WORDS:
            deduction_bound, header_cap = header_cap, None
        # readings other than 计分方式 pass down to sub-items; 计分方式 is each item's own
        self.here = {**here, "计分方式": self.top["计分方式"]}
        waiting = len(self.table_vetoes)  # 本表100分扣完 in the rows below: theirs to take, where the table is this item
        limited_above = self.limited_above  # the nearest item above this one with points or a cap
        if points is not None or head.header_cap is not None:
            self.limited_above = path
        children = tuple(self.node(child, path, applies, item.children) for child in item.children)
        self.limited_above = limited_above
        self.here, self.path = here, path
        scope_points = points if points is not None else (header_cap if deduction_bound is None else deduction_bound)
        rules, point_caps = self.clauses_of(item, scope_points, path)
        rules = self.table_rows(rules, points, parent_path, waiting)
        self.joined_spans = frozenset(r.span for r in rules if id(r) in self.joined)
        scoring = self.here["计分方式"]
        bare_spans = {r.span for r in rules if id(r) in self.bare}  # the clauses that write 扣完为止 themselves
        continued = self.continued
        for award, ids in own_subject_starts(rules, self.continued, self.joined):
            if _rate_award(award) and any(isinstance(r, m.PerCount) for r in rules if id(r) in ids):
                continue  # 「按时整改率100%得1分,存在1条超时未整改扣0.5分」: the reading 同一事件 (readings.py)
            # 「「未发生安全事故」的得10分,「事故起数」每发生一起扣5分」: the deductions start from the award (同句得分)
            if started_anyway(award, rules, self.continued, self.joined):
                continued = continued | ids  # 「…5次以上得2分,少开展一次扣1分,「…」一次扣1分」 (SW7-1): started already
                continue
            reading = self.here["同句得分"]
            if reading.origin == "默认" and not speaks_of_absence(award):  # 「建立台帐」得5分,…扣: earned when done
                reading = InForce("条件成立才得", "默认")
            if open_reading(award, rules, ids):
                self.decide(path, "同句得分", reading, built("「{x}」之后另写事实的扣分", x=self.text(award.span)), award.span)
            if reading.value == "扣分的起点" or not open_reading(award, rules, ids):
                continued = continued | ids
            else:  # 条件成立才得: a sentence's 扣完为止 stops at what it earned (field trial 4, SW4-3补)
                rules = earned_first(rules, award, ids & self.bare)
        rules, continued, own_caps, point_caps = self.points_of_points(path, rules, continued, point_caps)
        going_on = frozenset(r.span for r in rules if id(r) in continued)
        # 「「底数清」计5分,否则扣2分」, 「未「出现违法用地」的,得20分;「出现违法用地」的,不得分(…的除外)」 (field trial 6,
        # SW6-4, SW6-5): an award of the item's points whose failure the item spells out is where the item starts
        failing = frozenset() if children or scoring.value == "从零计分" else frozenset(
            id(rules[i]) for i in failure_spelled_out(rules, points))
        rules = start_from_points(rules, points, scoring.value == "从零计分",
                                  scoring.value == "从满分扣减" and scoring.origin != "默认", continued,
                                  self.joined, self.bare, self.here["不得分范围"].origin == "默认", failing)
        rules = self.points_of_sentences(path, rules, going_on, points, point_caps, own_caps)
        self.forget_row_vetoes(rules)
        rules = self.same_events(rules)
        point_caps = point_caps + self.point_sentence_caps(rules, own_caps)
        assessed = None  # 无评分规则:按评分录入 — the assessor's score is the item's rule
        if points is not None and not children and not item.clauses:
            assessed = self.no_rule(item, path, points)
            rules = (assessed,) if assessed is not None else rules
        self.here, self.path = outer, outer_path

        floor: Decimal | None = Decimal(0) if (points is not None or header_cap is not None) else None
        if floor is not None and here["扣分下限"].value == "可为负分":
            floor = None
        if deduction_bound is not None:
            floor = -deduction_bound if points is None else max(Decimal(0), points - deduction_bound)
        cap: Decimal | None = points if points is not None else header_cap
        if points is not None and header_cap is not None:
            cap = min(points, header_cap)
        rules, moved, bonus_caps = self.bonus_sentence_caps(item, rules, points, here)  # 「加0.2分/个。累计不超过3分。」
        point_caps = point_caps + bonus_caps
        limit_texts = []
        split_limit = None
        largest_only = None
        no_repeat = None
        for limit in item.limits:
            if id(limit) in moved:  # the bonus's cap, not the item's
                continue
            if limit.kind == "rounding":  # 「…扣0.5分。(小数点后四舍五入)」 stands apart from its clause
                self.err("GR206", limit.span, help="写在按差距计分的条款之后,不加句号:"
                                                  "「…每低1个百分点扣0.5分(小数点后四舍五入)」")
                continue
            limit_texts.append(self.text(limit.span))
            if (limit.kind == "cap" and limit.word in ast.BONUS_CAP_WORDS and points is not None
                    and limit.amount != points):
                # equal to the points (资阳「加分累计不超过8分」 under an 8-point 加分 item) it says what the points say
                self.err("GR206", limit.span, help=built(
                    "「{x}」限制的是加分,写在有分值的指标下会把指标得分封顶为{amount}分;请用逗号写在加分条款之后" if limit.amount < points
                    else "「{x}」限制的是加分,比本项分值{points}分还多:本项得分仍以分值为限;请用逗号写在加分条款之后,"
                         "或写「加分上限:不受本项分值限制」",
                    x=self.text(limit.span), amount=format_decimal(limit.amount), points=format_decimal(points)))
            elif limit.kind == "cap":
                cap = limit.amount if cap is None else min(cap, limit.amount)
            elif limit.kind == "exhaust":
                if limit.amount is not None:
                    floor = -limit.amount if points is None else max(Decimal(0), (points - limit.amount))
                else:
                    floor = Decimal(0)
            elif limit.kind == "both":
                # 累计加减分最高为N: the result after bonuses and deductions, or each of them (累计加减分:分别限制)
                reading = here["累计加减分"]
                self.decide(path, "累计加减分", reading, f"「{self.text(limit.span)}」", limit.span)
                if reading.value == "分别限制":
                    split_limit = limit.amount
                else:
                    floor, cap = -limit.amount, limit.amount if cap is None else min(cap, limit.amount)
            elif limit.kind == "no_floor":
                floor = None
            elif limit.kind == "largest":  # 就高不就低: only the largest of the clauses' deductions
                largest_only = limit.word
            elif limit.kind == "no_repeat":  # 其他考评内容中已有的不重复扣分 (repeats.py)
                no_repeat = limit.word

        stated = here["计分方式"]
        deducts = any(self.deducts(r) for r in rules)
        earned_by_full = self.earned_by_full(rules, deducts)
        earns = earned_by_full or any(self.earns(r) for r in rules)
        # 「「报送不及时次数」每次扣1分;「受上级表扬次数」每次加0.5分」 (field trial 3, SW9): 加 is added to what the item
        # has, it earns nothing of it: beside deductions and no award the item still starts from its points
        bonus_beside = deducts and not earned_by_full and all(self.bonus(r) or not self.earns(r) for r in rules) and earns
        # 「少召开1次会议扣2分,解决1个实际问题得1分」 (6分, field trial 7 SW7-4): an award per thing done, beside
        # deductions and no other award, adds to the row as 加 does — the row starts from its 6 points
        per_count_beside = (deducts and not earned_by_full and not bonus_beside and points is not None
                            and any(self.per_count_award(r) for r in rules)
                            and any(o.kind == "deduct" for r in rules for o in m.outcomes_of(r))
                            and not any(o.kind in ("veto", "zero") for r in rules for o in m.outcomes_of(r))
                            and all(self.bonus(r) or self.per_count_award(r) or not self.earns(r) for r in rules))
        base_of = {"从满分扣减": "full", "从零计分": "zero"}
        inferred = stated.value in (None, "按条款推断")
        if not inferred and stated.origin != "默认" and ("计分方式" in explicit or (not children and scope_points is not None)):
            base, reason = base_of[stated.value], N_("写明") if stated.origin == "写明" else N_("命令行指定")
        elif children:
            base, reason = "zero", N_("有下级指标:从下级得分相加")
        elif assessed is not None:
            base, reason = "zero", N_("无评分规则:由考核人员打分")
        elif points is not None and not item.clauses:
            base, reason = "full", N_("无评分规则:得满分")
        elif points is None:
            base, reason = "zero", N_("没有分值:从0计")
        elif earned_by_full and not any(self.earns(r) for r in rules):
            base, reason = "zero", N_("推断:本项在「得满分」成立时得满分,否则从0计")
        elif failing:  # 「…计5分,否则扣2分」: the award is where the deductions start (field trial 6, SW6-4)
            base, reason = "full", N_("推断:原文写明了得本项分值的一条不成立时怎样扣分(或何时免于不得分),这个分值是起点,从满分扣减")
        elif bonus_beside:
            base, reason = "full", N_("推断:本项只有扣分和加分条款(加分不是得分),从满分扣减")
        elif per_count_beside:
            base, reason = "full", N_("推断:本项的得分是按个数另加的,与扣分并列,从满分扣减")
        elif earns:
            base, reason = "zero", N_("推断:本项有得分/加分条款,从0计")
            rules, two_sided = self.zero_side_start(path, rules, points, here)
            if not two_sided:
                rules = self.failure_start(path, rules, points, here)
        elif restates_points(rules):  # 「无暴露垃圾、污水,得10分;发现一处扣2分」
            base, reason = "full", N_("推断:得本项分值的一档与扣分说的是同一件事,是扣分的起点,从满分扣减")
        else:
            base, reason = "full", N_("推断:本项只有扣分/否决条款,从满分扣减")
        if base == "full" and points is None:
            base, reason = "zero", N_("没有分值:从0计")
        if base == "full":
            rules = self.zero_tiers(rules, path, here)
        if points is not None and not children and deducts:
            # only deductions, or awards and deductions mixed: the wording leaves the base open
            value = "从满分扣减" if base == "full" else "从零计分"
            self.decide(path, "计分方式", InForce(value, stated.origin, stated.reason, stated.span),
                        built("本项既有加分又有扣分") if bonus_beside else built("本项既有得分又有扣分") if earns or
                        restates_points(rules) else built("本项只写了扣分/否决"),
                        item.head.span)
        # the reading frees bonuses from the item's points, not from a cap the item writes out
        explicit_cap = any(lim.kind in ("cap", "both") and id(lim) not in moved for lim in item.limits) or \
            head.header_cap is not None
        bonus_uncapped = (here["加分上限"].value in ("不受本项分值限制", "计入总分") and not explicit_cap
                          and any(self.bonus(r) for r in rules))
        bonus_to_total = bonus_uncapped and here["加分上限"].value == "计入总分"  # 该项设有加分项: past the parents
        bonus_passes = self.bonus_passes(path, parent_path, here["加分带入上级"], item.head.span,
                                         bonus_uncapped and not bonus_to_total,
                                         not explicit_cap and any(c.bonus_passes for c in children), limited_above)
        if points is not None and any(self.bonus(r) for r in rules):
            self.decide(path, "加分上限", here["加分上限"], built("本项有「加…分」"), item.head.span)
        stated_floor = any(lim.kind in ("exhaust", "both", "no_floor") for lim in item.limits) or all(
            r.span in bare_spans for r in rules if any(o.kind == "deduct" for o in m.outcomes_of(r)))
        # 「……扣0.5分,扣完为止」 on every deducting row (field trial 3, 五): the wording says where they stop
        if points is not None and deducts and not stated_floor and (
                base == "zero" or self.most_deducted(rules) > points):
            # the floor decides a score only when deductions can pass the points (or start from 0); a bare floor word
            # written after some clauses (「……每例减1分,减完为止」, field trial 6 SW6-7) stops only those
            written = list(dict.fromkeys(lim.word for clause in item.clauses for lim in clause.limits
                                         if lim.kind == "exhaust" and lim.amount is None))
            why = built("扣分可能超过本项分值,原文的{words}只管它所在的一句,没有对整个指标写明",
                        words="、".join(f"「{w}」" for w in written)) if written else built(
                "扣分可能超过本项分值,原文没有写「扣完为止」")
            self.decide(path, "扣分下限", here["扣分下限"], why, item.head.span)

        veto_clears = False
        if (floor is None or floor < 0) and any(o.kind == "veto" for r in rules for o in m.outcomes_of(r)):
            # a veto beside deductions that can take the item below 0: do they stay (扣分照扣) or go (一律得0分)?
            reading = here["否决与扣分"]
            self.decide(path, "否决与扣分", reading, built("本项可为负分,又有否决(「此项不得分」)"), item.head.span)
            veto_clears = reading.value == "一律得0分"
        return m.Node(node_id, path, own, head.number, head.title, points, floor, cap, base, reason,
                      rules, children, applies, tuple(meta),
                      tuple(v for n in item.notes for v in n.values), tuple(limit_texts), item.span,
                      bonus_uncapped, split_limit, point_caps, veto_clears=veto_clears, largest_only=largest_only,
                      bonus_to_total=bonus_to_total, no_repeat=no_repeat, bonus_passes=bonus_passes,
                      stated_cap=explicit_cap)

    def zero_side_start(self, path: str, rules: tuple[m.Rule, ...], points, here) -> tuple[tuple[m.Rule, ...], bool]:
        """「「完成」且「漏报次数」为0的得3分;「漏报次数」每漏报1次扣1分」 (two_sided.zero_sides, field trial 7 SW7-2): under
        另写的扣分:从得分扣起 (the default) the award counts wherever 「完成」 holds, its points where the deduction
        starts. Whether the item is so worded (then failure_start has nothing more to read)."""
        found = zero_sides(rules, points, self.joined_spans)
        if not found:
            return rules, False
        reading = here["另写的扣分"]
        result = list(rules)
        for index, side in found:
            award = rules[index]
            self.decide(path, "另写的扣分", reading, built("「{x}」中的「{count}」为0与另写的按它扣分", x=award.tiers[0].text,
                                                       count=side.count), award.span)
            if reading.value == "从得分扣起":
                result[index] = attrs.evolve(award, zero_side=side)
        return tuple(result), True

    def failure_start(self, path: str, rules: tuple[m.Rule, ...], points, here) -> tuple[m.Rule, ...]:
        """另写的扣分 (check/failure_start.py): the item's only award of its whole points, beside deductions in another
        sentence for the thing not done — under 从得分扣起 (the default) the award counts for a unit those deductions
        reach, whether or not its test holds."""
        reading = here["另写的扣分"]
        found = failure_deductions(rules, points, self.joined_spans, reading.origin != "默认")
        if found is None:
            return rules
        index, deductions = found
        award = rules[index]
        self.decide(path, "另写的扣分", reading, built("「{x}」与另写的没有做到时的扣分", x=award.tiers[0].text), award.span)
        if reading.value != "从得分扣起":
            return rules
        result = list(rules)
        result[index] = attrs.evolve(award, priced_by=tuple(rules[i] for i in deductions))
        return tuple(result)

    def bonus_passes(self, path: str, parent_path: str, reading: InForce, span, own: bool, received: bool,
                     limited_above: str | None) -> bool:
        """加分带入上级 (SW5-5): whether what the item adds after its own limits — its own 「加…分」 under
        加分上限:不受本项分值限制 (own), the bonuses its sub-items pass up (received) — passes its parent too, added
        after the parent's limits and so on up to the total. A reading the scores rely on where an item above has
        points or a cap (limited_above): recorded there, the item whose score it changes (lint's GL001)."""
        if not parent_path or not (own or received):
            return False  # a first-level item's score goes whole into the total
        if limited_above is not None and own:  # once, for the item whose 「加…分」 they are (not for each relay)
            self.decide(limited_above, "加分带入上级", reading,
                        built("「{path}」的加分不受其分值限制,带入有分值的「{above}」", path=path, above=limited_above), span)
        return reading.value == "不受上级分值限制"

    def bonus_sentence_caps(self, item: ast.Item, rules: tuple[m.Rule, ...], points, here) -> tuple[tuple[m.Rule, ...], set,
                                                                                               tuple[m.SharedCap, ...]]:
        """「列入示范点的,加0.2分/个。累计不超过3分。」 (北仑 2024, field trial 6 SW6-6): a neutral 「累计不超过N分」 written
        as a sentence of its own right after a clause that only adds (加…分) caps what that clause adds, as 「累计加分不超过
        N分」 says outright — 累计 is the per-unit bonus adding up — not the item, which has points of its own (read as the
        item's ceiling, a street that did the 5-point task got 3). Only under an item with points, and only when N is
        below them or 加分上限 frees the bonus (otherwise both readings score alike and the item keeps it). Several
        bonus clauses just before it (「「甲」加2分/个;「乙」加3分/个。累计不超过6分。」) are capped together, as a
        sentence's cap is (point_caps.py). The rules with the cap moved, the limits moved and the caps over several."""
        moved: set = set()
        caps: list = []
        if points is None:
            return rules, moved, ()
        result = list(rules)
        freed = here["加分上限"].value != "受本项分值限制"
        for limit in item.limits:
            if limit.kind != "cap" or limit.word != "累计不超过" or limit.scope is not None:
                continue
            if limit.amount >= points and not freed:
                continue
            before = sorted((i for i, r in enumerate(result) if r.span.end <= limit.span.start),
                            key=lambda i: result[i].span.end)
            adding = []
            for i in reversed(before):
                if not all(o.kind == "bonus" for o in m.outcomes_of(result[i])):
                    break
                adding.append(i)
            if not adding:
                continue
            if len(adding) > 1:  # 「「甲」加2分/个;「乙」加3分/个。累计不超过6分。」 (北仑 序号 3): what they add together
                together = tuple(result[i] for i in sorted(adding))
                caps.append(m.SharedCap(together, limit.amount, said("{cap}(前面{count}条加分合计)", cap=self.text(limit.span),
                                                                     count=str(len(adding))), limit.span))
                moved.add(id(limit))
                continue
            rule = result[adding[0]]
            cap = limit.amount if rule.cap is None else min(rule.cap, limit.amount)
            text = self.text(limit.span) if rule.cap_text is None else f"{rule.cap_text}、{self.text(limit.span)}"
            result[adding[0]] = attrs.evolve(rule, cap=cap, cap_text=text)
            moved.add(id(limit))
        return tuple(result), moved, tuple(caps)

    def points_of_points(self, path: str, rules: tuple[m.Rule, ...], continued: frozenset[int],
                         point_caps) -> tuple[tuple[m.Rule, ...], frozenset[int], list]:
        """Numbered points that state their own points (field trial 4, SW4-3 and SW4-6): 「(1)……,记1分;否则扣1分」
        and 「(3)……,记2分;每少签两个……的扣1分」. Under 本点扣分:从本点分值扣 (the default) their deductions are
        taken from the point's N points (two_sided.point_otherwise, point_goes_on); the rules, and the deductions that
        go on from an award."""
        reading = self.here["本点扣分"]
        shared = {id(r) for cap in point_caps for r in cap.rules}
        result = list(rules)
        for index in point_otherwise(rules):
            rule = rules[index]
            self.decide(path, "本点扣分", reading, built("「{clause}」这一点有自己的分值", clause=self.text(rule.span)), rule.span)
            if reading.value == "从本点分值扣":
                result[index] = from_point(rule)
        for index in point_negations(rules, self.after_semi):  # 「「X」的,记1分;未「X」的,扣1分」
            award, rule = rules[index - 1], rules[index]
            self.decide(path, "本点扣分", reading, built("「{clause}」这一点有自己的分值", clause=self.text(award.span)), rule.span)
            if reading.value == "从本点分值扣":
                result[index] = from_point(rule, award.tiers[0].outcome.amount)
        floor = self.here["扣分下限"].value != "可为负分"
        for index, following in point_goes_on(rules, self.semi):
            if any(id(rules[i]) in shared for i in following):
                continue  # 句末上限 bounds the point's sentences together (point_caps)
            award = rules[index]
            self.decide(path, "本点扣分", reading, built("「{clause}」之后用分号接着写的扣分", clause=self.text(award.span)), award.span)
            if reading.value != "从本点分值扣":
                continue
            amount = award.tiers[0].outcome.amount
            for i in following:
                result[i] = stop_at_point(rules[i], amount) if floor else rules[i]
                continued = continued | {id(result[i])}
        own_caps = []
        for index, following in point_sentences(tuple(result), self.joined_spans, self.stopped_spans):
            # 「3.「参加培训」(2分),「缺席次数」缺席一次扣0.5分」 (field trial 5, SW5-1, SW5-2): the point's deductions
            # after a comma are taken from its N points together, and stop at them; so are those in the sentences
            # after its 。 (field trial 6, SW6-7)
            award = result[index]
            amount = award.tiers[0].outcome.amount
            after_stop = result[following[0]].span in self.stopped_spans
            bare_cap = self.bare_shared(point_caps, [result[i] for i in following], amount) if after_stop else None
            if bare_cap is None and any(id(result[i]) in shared for i in following):
                continue
            self.decide(path, "本点扣分", reading,
                        built("「{x}」之后用句号接着写的扣分" if after_stop else "「{x}」之后用逗号接着写的扣分",
                              x=self.text(award.span)), award.span)
            if reading.value != "从本点分值扣" or not floor:
                continue
            if bare_cap is not None:  # 「…每例减1分,扣完为止」: 扣完 the point's N points, not the item's
                point_caps = tuple(c for c in point_caps if c is not bare_cap)
            test = award.tiers[0].test
            for i in following:
                if id(result[i]) not in continued and test is not None:  # 同句得分:条件成立才得: nothing to deduct from
                    result[i] = earned_only(result[i], test) or result[i]
            if len(following) == 1:
                result[following[0]] = stop_at_point(result[following[0]], amount)
                if id(rules[following[0]]) in continued:
                    continued = continued | {id(result[following[0]])}
            else:
                own_caps.append((tuple(result[i].span for i in following), amount))
        return tuple(result), continued, own_caps, point_caps

    @staticmethod
    def bare_shared(point_caps, rules: list, amount) -> m.SharedCap | None:
        """The cap 句末上限 made of a bare 扣完为止 (the item's points) over exactly these rules, when it is no less
        than the point's N points: the point's stop says more."""
        spans = [r.span for r in rules]
        for cap in point_caps:
            if [r.span for r in cap.rules] == spans and cap.cap >= amount:
                return cap
        return None

    def points_of_sentences(self, path: str, rules: tuple[m.Rule, ...], going_on: frozenset, points, point_caps,
                            own_caps: list) -> tuple[m.Rule, ...]:
        """A sentence without a number that states its own N points where its deductions start (「「配备远程会商系统」
        (2分);「决策支持系统缺少项数」为0(4分),少一项扣1分。」, field trial 5 SW5-6): under 本点扣分:从本点分值扣 its
        deductions stop at its N points, as a numbered point's do (5 missing: 4 − 5 stops at 0, not eating the 2
        points of the other sentence). Adds to own_caps where several deductions share the stop."""
        reading = self.here["本点扣分"]
        shared = {r.span for cap in point_caps for r in cap.rules}
        floor = self.here["扣分下限"].value != "可为负分"
        result = list(rules)
        for index, deducting in sentence_points(rules, going_on, points):
            if any(rules[i].span in shared for i in deducting):
                continue
            award = rules[index]
            amount = award.tiers[0].outcome.amount
            if all(rules[i].cap is not None and rules[i].cap <= amount for i in deducting) and len(deducting) == 1:
                continue  # 扣完为止 written: it stops there whatever the reading (_row_caps)
            self.decide(path, "本点扣分", reading, built("「{x}」这一句自己的分值", x=self.text(award.span)), award.span)
            if reading.value != "从本点分值扣" or not floor:
                continue
            if len(deducting) == 1:
                result[deducting[0]] = stop_at_point(rules[deducting[0]], amount, sentence=True)
            else:
                own_caps.append((tuple(rules[i].span for i in deducting), amount, True))
        return tuple(result)

    @staticmethod
    def point_sentence_caps(rules: tuple[m.Rule, ...], own_caps) -> tuple[m.SharedCap, ...]:
        """The stops of points_of_points over several deductions of one point (「(5分),……每件扣1分,……每件扣2分,
        扣完为止」): what they deduct together is at most the point's N points (a SharedCap, as 句末上限:整点)."""
        by_span = {}
        for rule in rules:
            by_span.setdefault(rule.span, []).append(rule)
        caps = []
        for spans, amount, *sentence in own_caps:
            if any(len(by_span.get(s, ())) != 1 for s in spans):
                continue
            text = said("{cap}(这一句{count}条合计)", count=str(len(spans)),
                        cap=said("扣完这一句的{points}分为止" if sentence else "扣完这一点的{points}分为止",
                                 points=format_decimal(amount)))
            caps.append(m.SharedCap(tuple(by_span[s][0] for s in spans), amount, text, spans[-1]))
        return tuple(caps)

    @staticmethod
    def most_deducted(rules) -> Decimal:
        """A bound no unit's deductions can pass (infinite when a count has no cap): sound, not exact."""
        unbounded = Decimal("Infinity")
        total = Decimal(0)
        for rule in rules:
            outcomes = [o for o in m.outcomes_of(rule) if o.kind == "deduct" or (o.kind == "discretion" and o.sign < 0)]
            if not outcomes:
                continue
            if isinstance(rule, m.Tiered):
                # 按「被扣分值」的10倍扣分, 按…的比例扣分: an amount from a fact (none written), as unbounded as 视情扣分
                most = max((o.high if o.high is not None else unbounded) if o.kind == "discretion" else
                           (o.amount if o.amount is not None else unbounded) for o in outcomes)
            else:
                most = unbounded  # per occurrence, per step, escalation, respectively over a list
            if rule.cap is not None:
                most = min(most, rule.cap)
            total += most
        return total

    @staticmethod
    def earned_by_full(rules, deducts: bool) -> bool:
        """得满分 is how the item is earned (so it starts from 0, and has its points only when 得满分 applies)
        where its clause says 不得分 otherwise (「…的,得满分,否则不得分」, 「为0例得满分,1例以上不得分」) or
        where nothing in the item deducts (「通过验收的,得满分」 alone). Beside deductions (「前30名得满分;
        否则…扣2分」) it names the points the deductions start from, and the item starts full."""
        with_full = [r for r in rules if any(o.kind == "full" for o in m.outcomes_of(r))]
        if any(o.kind == "zero" for r in with_full for o in m.outcomes_of(r)):
            return True
        return bool(with_full) and not deducts

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
    def per_count_award(rule: m.Rule) -> bool:
        """「「帮助解决实际问题个数」解决1个实际问题得1分」: so many points for each one done, counted on its own."""
        return (isinstance(rule, m.PerCount) and rule.outcome.kind == "award" and rule.guard is None
                and getattr(rule, "exempt", None) is None)

    @staticmethod
    def bonus(rule: m.Rule) -> bool:
        return any(o.kind == "bonus" or (o.kind == "discretion" and o.sign > 0) for o in m.outcomes_of(rule))
