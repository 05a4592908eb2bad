"""Items: one function per item (item_3_2 for 三.2) — whether it applies, its children's scores, its base,
its rules' effects, then bounds, uncapped bonuses and a veto, as evaluate.node_score."""
from __future__ import annotations

from .. import model as m
from ..numerals import format_decimal as fmt
from ..numerals import format_shown as shown
from .module import ModuleCode
from .writer import Code, call, concat, lit, tuple_code


class ItemCode(ModuleCode):
    def item(self, node: m.Node) -> None:
        """def item_…(v, r): the item's score, as evaluate.node_score; recorded in r, and explained in r
        when explaining."""
        w = self.w
        w.open(f"def {self.function_names[node.id]}(v, r):")
        subs = self.item_start(node)
        vetoes = any(_can_veto(rule) for rule in node.rules)
        if vetoes:
            w.line("veto = False")
        belows = any(o.below is not None for rule in node.rules for o in m.outcomes_of(rule))
        if belows:
            w.line("below = ZERO  # 同时倒扣N分 (evaluate.node_score)")
        if node.largest_only is not None:
            w.line("deductions = []  # 就高不就低 (evaluate.node_score)")
        spills = any(o.spill is not None for rule in node.rules for o in m.outcomes_of(rule))
        if spills:
            w.line("spill = ZERO  # 追加扣除N分: off the total (evaluate.node_score, spill.py)")
        runs = [rule for rule in node.rules if isinstance(rule, m.Running)]
        if runs:
            w.line("taken = ZERO  # what the clauses deduct, for 扣满4分的 … (evaluate.node_score)")
        w.line("effects = ZERO")
        if node.bonus_uncapped:
            w.line("bonuses = ZERO  # 加分上限:不受本项分值限制 — bonuses are added after the bounds")
        if node.split_limit is not None:
            w.line("gains = losses = ZERO  # 累计加减分:分别限制 — sub-items first, then the clauses (evaluate.py)")
            passing = {c.id for c in m.passed_in(node)}
            for child, sub in zip(node.children, subs):
                self.add_part(f"({sub} - passed_{sub[4:]})" if child.id in passing else sub)
        together = {id(r): (k, cap) for k, cap in enumerate(node.shared_caps, 1) for r in cap.rules}
        for k, _cap in enumerate(node.shared_caps, 1):
            w.line(f"point_{k} = ZERO  # 句末上限:整点")
        repeats = dict(node.repeats)
        for index, rule in enumerate(node.rules):
            if isinstance(rule, m.Running):
                continue  # after the others: it reads what they deduct
            self.source_comment(rule.text, rule.span)
            if index in repeats:  # 不重复扣分 (evaluate.repeated)
                bonus = self.repeated(rule, node, repeats[index])
            else:
                bonus = self.rule(rule, node)
            if id(rule) in together:
                self.point_cap(rule, *together[id(rule)])
            if bonus == "dynamic":
                w.open("if is_bonus:")
                w.line("bonuses += e")
                w.close()
                w.open("else:")
                self.add_effect(node)
                w.close()
            elif bonus:
                w.line("bonuses += e")
            else:
                self.add_effect(node)
        if node.largest_only is not None:
            self.largest(node)
        for rule in runs:
            self.source_comment(rule.text, rule.span)
            self.running(rule, node)
            self.add_effect(node, "e", taken=False)
        self.item_end(node, subs, vetoes, belows, spills)
        w.close()

    def point_cap(self, rule: m.Rule, k: int, cap: m.SharedCap) -> None:
        """句末上限:整点 — the sentences of one numbered point add up in point_k; at the last, what passes the cap
        comes off its effect (evaluate.node_score)."""
        w = self.w
        w.line(f"point_{k} += e")
        if rule is not cap.rules[-1]:
            return
        limit, neg = self.dec(cap.cap), self.dec(-cap.cap)
        w.open(f"if point_{k} > {limit} or point_{k} < {neg}:")
        w.line(f"capped = {limit} if point_{k} > ZERO else {neg}")
        self.add_line(self.say("{cap}:{before} → {after}", cap=cap.text, before=Code(f"_signed(point_{k})"),
                               after=Code("_signed(capped)")), Code("capped"), self.line(cap.span))
        w.line(f"e += capped - point_{k}")
        w.close()

    def add_effect(self, node: m.Node, value: str = "e", taken: bool = True) -> None:
        w = self.w
        deferred = node.largest_only is not None and value == "e" and taken
        if deferred:  # 就高不就低: deductions wait for the largest
            w.open("if e < ZERO:")
            w.line("deductions.append(e)")
            w.close()
            w.open("else:")
        if node.split_limit is None:
            w.line(f"effects += {value}")
        else:
            self.add_part(value)
        if taken and any(isinstance(rule, m.Running) for rule in node.rules):
            w.open(f"if {value} < ZERO:")
            w.line(f"taken -= {value}")
            w.close()
        if deferred:
            w.close()

    def repeated(self, rule: m.Rule, node: m.Node, others) -> bool | str:
        """不重复扣分: the clause scores nothing where another item's clause on the same fact deducts (each tried as
        a function of its own, lines off); otherwise as written."""
        w = self.w
        w.line("excused = None")
        for other in others:
            their = self.nodes_by_id[other.node_id]
            name = f"_repeat_{other.node_id}_{other.rule_index}"
            w.open(f"def {name}():")
            w.line("lines = None")
            w.line("veto = is_bonus = False")
            w.line("base = below = spill = taken = ZERO")
            self.rule(their.rules[other.rule_index], their)
            w.line("return e")
            w.close()
            test = f"excused is None and {name}() < ZERO"
            if other.categories is not None:
                allowed = tuple_code(lit(c) for c in sorted(other.categories))
                test = f"excused is None and (r.category is None or r.category in {allowed}) and {name}() < ZERO"
            w.open(f"if {test}:")
            w.line(f"excused = ({lit(other.path)}, {lit(other.fact)})")
            w.close()
        w.open("if excused is not None:")
        w.line("e = ZERO")
        if node.bonus_uncapped:
            w.line("is_bonus = False")
        prefix = f"{rule.label} " if rule.label else ""
        self.add_line(self.say("{label}「{fact}」已在{path}中扣分,不重复扣分:本条不计分", label=prefix,
                               fact=Code("excused[1]"), path=Code("excused[0]")), Code("e"), self.line(rule.span))
        w.close()
        w.open("else:")
        bonus = self.rule(rule, node)
        w.close()
        return bonus

    def largest(self, node: m.Node) -> None:
        """就高不就低: of the clauses' deductions only the largest counts (evaluate.node_score)."""
        w = self.w
        w.open("if deductions:")
        w.line("worst = min(deductions)")
        w.open("if len(deductions) > 1:")
        self.add_line(self.say("{rule}:各条扣分 {each},只计扣分最多的一项:{worst}分", rule=node.largest_only,
                               each=Code("'、'.join(_signed(d) for d in deductions)"), worst=Code("_signed(worst)")),
                      Code("worst"))
        w.close()
        self.add_effect(node, "worst")
        w.close()

    def split(self, limit) -> None:
        """累计加减分:分别限制: each of what is added and what is deducted at most the limit (evaluate.split)."""
        w = self.w
        w.open(f"if gains > {self.dec(limit)}:")
        self.add_line(self.say("加分合计{total}分,最多加{limit}分(累计加减分:分别限制)", total=Code("_fmt(gains)"),
                               limit=fmt(limit)), self.dec(limit))
        w.line(f"gains = {self.dec(limit)}")
        w.close()
        w.open(f"if losses < {self.dec(-limit)}:")
        self.add_line(self.say("扣分合计{total}分,最多扣{limit}分(累计加减分:分别限制)", total=Code("_fmt(-losses)"),
                               limit=fmt(limit)), self.dec(-limit))
        w.line(f"losses = {self.dec(-limit)}")
        w.close()

    def add_part(self, value: str) -> None:
        """累计加减分:分别限制: what is added and what is deducted are kept apart (evaluate.split)."""
        w = self.w
        w.open(f"if {value} > ZERO:")
        w.line(f"gains += {value}")
        w.close()
        w.open(f"elif {value} < ZERO:")
        w.line(f"losses += {value}")
        w.close()

    def item_start(self, node: m.Node) -> list[str]:
        """Whether the item applies, its children's scores (sub_1 …) and its base."""
        w = self.w
        self.temps = 0
        self.chain = self.chains[node.id]
        titled = node.title is not None and node.label != f"【{node.title}】"  # 【标题】 items: the path holds it
        heading = node.path + (f"【{node.title}】" if titled else "") + (
            f"({fmt(node.points)}分)" if node.points is not None else "")
        w.comment(f"第{self.line_of(node.span)}行:{heading}")
        if node.applies_to is not None:
            allowed = tuple_code(lit(c) for c in sorted(node.applies_to))
            w.open(f"if r.category is not None and r.category not in {allowed}:")
            aside = self.aside_for.get(node.id, ())
            if aside:
                w.open(f"if r.category in {tuple_code(lit(c) for c in aside)}:")
                w.line(f"return {call('r.set_aside', lit(node.id), lit(node.path), lit(node.title), self.maybe_dec(node.points))}")
                w.close()
            na = call("r.not_applicable", lit(node.id), lit(node.path), lit(node.title), self.maybe_dec(node.points),
                       lit(self.counts_missing[node.id]))
            w.line(f"return {na}")
            w.close()
        w.line("lines = [] if r.explaining else None")
        subs = []
        for index, child in enumerate(node.children, 1):
            subs.append(f"sub_{index}")
            w.line(f"sub_{index} = {self.function_names[child.id]}(v, r)")
        points = node.points
        base = self.dec(points) if node.base == "full" and points is not None else Code("ZERO")
        w.line(f"base = {base}")
        if node.base == "full":
            self.add_line(self.say("从满分扣减,基础分{base}分({reason})", base=fmt(points if points is not None else 0),
                                   reason=self.say(node.base_reason)), base)
        elif not node.children and node.rules:
            self.add_line(self.say("从0计分({reason})", reason=self.say(node.base_reason)), Code("ZERO"))
        passing = {c.id for c in m.passed_in(node)}  # 加分带入上级 (evaluate.node_score)
        for child, sub in zip(node.children, subs):
            if child.id in passing:
                w.line(f"passed_{sub[4:]} = r.passed.get({lit(child.id)}, ZERO)  # 加分带入上级: past this item's limits")
        if passing:
            w.line("received = " + " + ".join(["ZERO"] + [f"passed_{sub[4:]}" for child, sub in zip(node.children, subs)
                                                         if child.id in passing]))
        for child, sub in zip(node.children, subs):
            said = self.say("{path} 得{score}分", path=child.path, score=Code(f"_fmt({sub})"))
            if child.id in passing:
                passed = f"passed_{sub[4:]}"
                said = Code(f"({self.say('{path} 得{score}分,其中加分{bonus}分不受上级分值限制', path=child.path, score=Code(f'_fmt({sub})'), bonus=Code(f'_fmt({passed})'))}"
                            f" if {passed} else {said})")
            self.add_line(said, Code(sub))
        return subs

    def item_end(self, node: m.Node, subs: list[str], vetoes: bool, belows: bool = False, spills: bool = False) -> None:
        """The score within the item's bounds, uncapped bonuses, a veto; then record it."""
        w = self.w
        points = node.points
        # evaluate.py: base + sum(children, ZERO) + effects. Adding ZERO to a value already rounded to the
        # context is exact, so it is left out; the grouping, which rounding can depend on, is kept.
        children_sum = (subs[0] if len(subs) == 1 else f"({' + '.join(subs)})") if subs else None
        passing = bool(m.passed_in(node))  # 加分带入上级: what the sub-items pass up waits for after the limits
        if passing:
            children_sum = f"({' + '.join(subs)} - received)"
        if node.split_limit is not None:
            self.split(node.split_limit)
            w.line("raw = base + (gains + losses)")
        else:
            w.line(f"raw = base + {children_sum} + effects" if subs else "raw = base + effects")
        w.line("score = raw")
        if node.cap is not None:
            w.open(f"if score > {self.dec(node.cap)}:")
            w.line(f"score = {self.dec(node.cap)}")
            w.close()
        if node.floor is not None:
            w.open(f"if score < {self.dec(node.floor)}:")
            w.line(f"score = {self.dec(node.floor)}")
            w.close()
        if node.cap is not None or node.floor is not None:
            w.open("if lines is not None and score != raw:")
            text = self.say("得分限于[{low}, {high}]:{before} → {after}",
                            low=self.say("不设") if node.floor is None else shown(node.floor),
                            high=self.say("不设") if node.cap is None else shown(node.cap),
                            before=Code("_shown(raw)"), after=Code("_shown(score)"))
            w.line(f"lines.append({call('_line', text, 'score')})")
            w.close()
        if node.bonus_to_total:  # 加分上限:计入总分 (evaluate.node_score)
            w.open("if bonuses:")
            if vetoes:
                w.open("if veto:")
                self.add_line(self.say("加分{bonus}分不计:本项被否决", bonus=Code("_signed(bonuses)")))
                w.close()
                w.open("else:")
            self.add_line(self.say("加分计入{total}:{bonus}分,不计入本项", total=self.rubric.total_name,
                                   bonus=Code("_signed(bonuses)")))
            w.line(f"r.extras[{lit(node.path)}] = bonuses")
            if vetoes:
                w.close()
            w.close()
        elif node.bonus_uncapped:
            w.open("if bonuses:")
            self.add_line(self.say("加分不受本项分值限制:{score} {bonus} = {sum}", score=Code("_fmt(score)"),
                                   bonus=Code("_signed(bonuses)"), sum=Code("_fmt(score + bonuses)")), Code("score + bonuses"))
            w.line("score += bonuses")
            w.close()
        if passing:
            w.open("if received:")
            self.add_line(self.say("下级加分不受本项分值限制:{score} {bonus} = {sum}", score=Code("_fmt(score)"),
                                   bonus=Code("_signed(received)"), sum=Code("_fmt(score + received)")),
                          Code("score + received"))
            w.line("score += received")
            w.close()
        if node.bonus_passes:  # on to the parent: its own bonuses and those passed to it (evaluate.node_score)
            kept = ("received" if passing else "ZERO") + (
                " + bonuses" if node.bonus_uncapped and not node.bonus_to_total else " + ZERO")
            w.line(f"r.passed[{lit(node.id)}] = {'ZERO if veto else ' if vetoes else ''}{kept}")
        if vetoes and not node.veto_clears and (node.floor is None or node.floor < 0):
            w.open("if veto and score < ZERO:")  # 否决与扣分:扣分照扣 (evaluate.node_score)
            self.add_line(self.say("否决生效:本项不得分,已扣的分照扣:{score}分", score=Code("_shown(score)")), Code("score"))
            w.close()
            w.open("elif veto:")
        elif vetoes:
            w.open("if veto:")
        if vetoes:
            self.add_line(self.say("否决生效:本项得0分(原为{score}分)", score=Code("_fmt(score)")), Code("ZERO"))
            w.line("score = ZERO")
            w.close()
        if belows:
            w.open("if below:")
            self.add_line(self.say("倒扣{below}分:本项得{score}分", below=Code("_fmt(below)"),
                                   score=Code("_shown(score - below)")), Code("score - below"))
            w.line("score -= below")
            w.close()
        if spills:
            w.open("if spill:")
            self.add_line(self.say("追加扣除{spill}分:不计入本项,从{total}中扣除", spill=Code("_fmt(spill)"),
                                   total=self.rubric.total_name))
            w.line(f"r.spills[{lit(node.path)}] = spill")
            w.close()
        w.line(f"r.scores[{lit(node.path)}] = score")
        if node.id in self.sources:
            w.line(f"r.sources[{lit(node.id)}] = score  # a value over the cohort is computed from it")
        children = tuple_code(lit(c.id) for c in node.children)
        record = call("r.node", lit(node.id), lit(node.path), lit(node.title), self.maybe_dec(points), "score", "lines",
                       children, "veto" if vetoes else "False")
        w.open("if lines is not None:")
        w.line(record)
        w.close()
        w.line("return score")


def _can_veto(rule: m.Rule) -> bool:
    if isinstance(rule, m.Tiered):
        return any(t.outcome.kind == "veto" for t in rule.tiers)
    if isinstance(rule, m.Escalation):
        return any(s.outcome.kind == "veto" for s in rule.steps)
    if isinstance(rule, (m.PerCount, m.Running)):
        return rule.outcome.kind == "veto"
    return False
