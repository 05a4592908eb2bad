"""The total: the 总分 formula (第一项至第三项得分之和 …), rules on the total (超过100分的,按100分确定;
一票否决 on the unit's facts) and grades (等次: …的,为「优秀」)."""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import attrs

from .. import ast
from .. import model as m
from ..diagnostics import closest
from ..source import Span
from .base import CheckerBase, chinese_number
from .conditions import cond_names, describe_interval, fact_names, ladder_ends, with_subject
from ..i18n import built


# 一票否优 (不得评为「优秀」) and 等次降一档 limit the grade: each is a rule of its own, not a tier of a ladder
_LADDER_OF = {"grade_cap": "grade_limit", "grade_down": "grade_limit"}


class Total(CheckerBase):
    def formula(self, piece: ast.HeaderPiece, roots) -> tuple[tuple[m.Term, ...] | None, str]:
        by_number = {n.number: n for n in roots if n.number is not None}
        order = [n.number for n in roots if n.number is not None]
        terms = []
        for term in piece.terms:
            if term.every is not None:  # 各项得分之和: every first-level item, numbered or not
                terms.append(m.Term(term.sign, tuple(n.id for n in roots), "得分", term.every, every=True))
                continue
            first, last = term.first.number, (term.last.number if term.last else term.first.number)
            ids = []
            for ref in (term.first, term.last) if term.last else (term.first,):
                if ref.number not in by_number:
                    self.err("GR208", ref.span, label=f"第{chinese_number(ref.number)}项")
            if first not in by_number or last not in by_number:
                continue
            i, j = order.index(first), order.index(last)
            if i > j:
                self.err("GR304", term.span, low=built("第{x}项",
                                                       x=chinese_number(first)), high=built("第{x}项", x=chinese_number(last)))
                continue
            ids = tuple(by_number[k].id for k in order[i : j + 1])
            terms.append(m.Term(term.sign, ids, term.kind, self.text(term.span)))
        return tuple(terms), self.text(piece.span)

    def full_points(self, roots) -> Decimal | None:
        """The rubric's 满分: as written at the top, else the first-level items' points added up (each has points)."""
        if self.header_full is not None:
            return self.header_full
        if roots and all(r.points is not None for r in roots):
            return sum((r.points for r in roots), Decimal(0))
        return None

    def final_rules(self, clauses: tuple[ast.Clause, ...], total_name: str, roots=()) -> tuple[m.Tiered | None, m.Tiered | None,
                                                                                       tuple[m.Tier, ...]]:
        """总分规则 and 等次, the clauses before the first item. Each tier tests the total (a comparison on the
        total's name) or, for a whole-rubric veto (一票否决) or a grade on the facts, the unit's facts — never both.
        A rule on the total sets it (按N分确定 or 按「总分」确定); a grade rule (为「优秀」) names the unit's
        grade and leaves the total alone. One clause is one or the other (GR223): tiers of one clause are one
        ladder, and the two kinds are tried at different times."""
        ladders: dict[str, list[m.Tier]] = {"final_value": [], "grade": [], "grade_limit": []}
        vetoes: list[m.Tier] = []  # 实行一票否决 read 定为不合格: grade tiers, first of all
        spans: dict[str, Span] = {}
        self.ladder_ends = ladder_ends(clauses)  # 「80分(含)—89分的为「基本符合要求」」: 89 ends no other grade
        for clause in clauses:
            kinds = {_LADDER_OF.get(t.body.kind, t.body.kind) for t in clause.tiers
                     if isinstance(t.body, ast.Outcome)} & ladders.keys()
            if len(kinds) > 1:
                self.err("GR223", clause.span, help=(
                    built("分成两句,用句号隔开:一句确定总分(「…的,按100分确定」),一句定等次(「…的为「优秀」」);新的一句以「{total_name}」或事实的名称开头",
                          total_name=total_name)))
                continue
            exempt = self.total_exemption(clause, total_name) if clause.exemptions else None
            if clause.exemptions and exempt is None:
                continue
            subject = self.subject_of(clause.tiers[0].cond)
            category = None  # 「单位类别」为「乡镇」且「考核得分」90分以上的为「优秀」: a ladder of one category
            split = category_and_total(clause.tiers[0].cond, total_name)
            if split is not None:
                category, subject = split[0], split[1].operand
            for tier in clause.tiers:
                cond = tier.cond
                if isinstance(cond, (ast.CondCompare, ast.CondIn)) and not cond.operand.names and subject is not None:
                    cond = with_subject(cond, subject)  # the next tier on the same subject
                    if category is not None:  # … and of the same category
                        cond = ast.CondAll((category, cond), cond.span)
                test = None
                split = category_and_total(cond, total_name)
                if split is not None:
                    test = self.category_total_test(split, tier, total_name)
                    if test is None:
                        continue
                elif cond is not None:
                    names = fact_names(cond)  # none: a tier after 且/或, on the total as before
                    on_total = not names or total_name in names
                    test = self.total_test(cond, tier, total_name) if on_total else self.veto_test(cond, total_name)
                    if test is None:
                        continue
                if exempt is not None:  # (「双合格人员留后备」不扣分): the rule holds only where the exemption does not
                    test = exempt if test is None else m.AllOf((test, exempt), f"{test.text} 且 {exempt.text}")
                out = tier.body
                if isinstance(out, ast.ForCategory) and out.category.text == total_name:
                    out = out.outcome  # 「评分结果」为【…】分值: the total's name, then what it is
                if isinstance(out, ast.Outcome) and out.kind in _LADDER_OF:  # 不得评为「优秀」, 等次降一档
                    grade = out.name.text if out.name is not None else None
                    outcome = m.Outcome(out.kind, text=out.text, grade=grade)
                    ladders["grade_limit"].append(m.Tier(test, outcome, self.text(tier.span).lstrip(",，;；、 "),
                                                         tier.span))
                    continue
                if isinstance(out, ast.Outcome) and out.kind == "veto_all":  # 实行一票否决: as the reading says
                    reading = self.top["一票否决"]
                    self.decide(None, "一票否决", reading, f"「{out.text}」", tier.span)
                    text = self.text(tier.span).lstrip(",，;；、 ")
                    if reading.value == "定为不合格":  # the lowest grade, the total kept: before every other grade
                        vetoes.append(m.Tier(test, m.Outcome("grade", text=out.text, veto_all=True), text,
                                             tier.span))
                    else:
                        outcome = m.Outcome("final", Decimal(0), text=out.text, veto_all=True)
                        ladders["final_value"].append(m.Tier(test, outcome, f"{text}(一票否决:按0分确定)",
                                                             tier.span))
                        spans.setdefault("final_value", clause.span)
                    continue
                if not isinstance(out, ast.Outcome) or out.kind not in ladders:
                    self.err("GR204", tier.span, help="总分规则的结果写作「按N分确定」或「按「总分」确定」;"
                                                      "定等次写作「为「优秀」」")
                    continue
                if out.kind == "grade":
                    outcome = m.Outcome("grade", text=out.text, grade=out.name.text)
                elif out.name is not None and out.name.text != total_name:
                    self.err("GR214", out.name.span, name=out.name.text)
                    continue
                elif out.term is not None:  # 按第一项得分确定: the total is that item's score
                    item = self.item_score(out.term, roots)
                    if item is None:
                        continue
                    outcome = m.Outcome("final", text=out.text, item=item)
                elif out.word == "按满分":  # 超过满分的按满分计: the rubric's 满分, or its first-level points added up
                    full = self.full_points(roots)
                    if full is None:
                        self.err("GR301", out.span, detail="「按满分计」要知道满分是多少",
                                 help="在细则开头写「满分 100分」,或写「按100分计」")
                        continue
                    outcome = m.Outcome("final", full, text=out.text)
                else:
                    outcome = m.Outcome("final", out.amounts[0] if out.amounts else None, text=out.text)
                # a later tier's text starts at its separator (「;1起的,…」), which an explanation should not quote
                text = self.text(tier.span).lstrip(",，;；、 ")
                ladders[out.kind].append(m.Tier(test, outcome, text, tier.span))
                spans.setdefault(out.kind, clause.span)

        if vetoes:
            ladders["grade"][:0] = self.lowest_grade(vetoes, ladders["grade"], total_name)
            spans.setdefault("grade", vetoes[0].span)
        self.ladder_ends = None

        def ladder(kind: str) -> m.Tiered | None:
            tiers = ladders[kind]
            return m.Tiered(tuple(tiers), None, None, "", None, spans[kind]) if tiers else None

        return ladder("final_value"), ladder("grade"), tuple(ladders["grade_limit"])

    def total_exemption(self, clause: ast.Clause, total_name: str) -> m.Test | None:
        """「「空白村」的,按0分确定(「双合格人员留后备」不扣分)」 (征兵): an exemption after a rule on the unit's facts
        is the rule's condition and the exemption's not holding — the exemption's condition negated (未「…」; 或 and 且
        swapped), None with GR301 where it cannot be (a comparison, an option) or the rule tests the total."""
        names = {n for t in clause.tiers if t.cond is not None for n in fact_names(t.cond)}
        if not names or total_name in names:
            self.err("GR301", clause.exemptions[0].span, detail=built(
                "总分规则后的例外只用于按事实的规则(一票否决、按0分确定),这一条看的是「{total_name}」", total_name=total_name),
                help="把例外写进条件:「「…」且未「…」的,按0分确定」")
            return None
        tests = [self.test(piece.cond) for piece in clause.exemptions]
        if any(t is None for t in tests):
            return None
        negated = [_negated(t) for t in tests]
        if any(t is None for t in negated):
            self.err("GR301", clause.exemptions[0].span, detail="总分规则后的例外只能是是否事实(「「…」不扣分」「「…」的除外」)",
                     help="把例外写进条件:「「…」且未「…」的,按0分确定」")
            return None
        return negated[0] if len(negated) == 1 else m.AllOf(tuple(negated), " 且 ".join(t.text for t in negated))

    def lowest_grade(self, vetoes: list[m.Tier], grades: list[m.Tier], total_name: str) -> list[m.Tier]:
        """一票否决 read 定为不合格: the lowest grade of the ladder on the total (不合格 in most rubrics)."""
        ladder = m.Tiered(tuple(grades), None, None, "", None, vetoes[0].span)
        order = m.Rubric.grade_order(SimpleNamespace(grades=ladder, total_name=total_name))
        rest = next((t.outcome.grade for t in grades if t.test is None), None)  # 否则为「不合格」: the lowest
        if rest is not None:
            order = (*order, rest)
        if not order:
            self.err("GR217", vetoes[0].span, detail="「一票否决:定为不合格」要给单位定等次,细则却没有按总分分档的等次规则",
                     help="写出等次规则(「「考核得分」60分以下为「不合格」」),或写「一票否决:按0分确定」")
            return []
        return [attrs.evolve(t, outcome=attrs.evolve(t.outcome, grade=order[-1])) for t in vetoes]

    def item_score(self, term: ast.Term, roots) -> m.Term | None:
        """The first-level item a rule on the total takes its score from: 第一项得分 (by number), 【…】分值 (by
        title), 各项得分之和 (all of them)."""
        if term.every is not None:
            return m.Term(1, tuple(n.id for n in roots), "得分", term.every, every=True)
        if term.kind == "扣分" or term.last is not None:
            self.err("GR301", term.span, detail="总分规则按一项的得分确定:写「按第一项得分确定」或「为【标题】分值」",
                     help="几项的合计写在「总分:」的公式里")
            return None
        if term.title is not None:
            found = [n for n in roots if n.title == term.title]
            if not found:
                hint = closest(term.title, [n.title for n in roots if n.title])
                self.err("GR208", term.span, label=f"【{term.title}】",
                         help=f"是不是「【{hint}】」?" if hint else "写第一层指标的标题,或「第N项得分」")
                return None
            return m.Term(1, (found[0].id,), "得分", f"【{term.title}】{term.kind}")
        node = next((n for n in roots if n.number == term.first.number), None)
        if node is None:
            self.err("GR208", term.first.span, label=f"第{chinese_number(term.first.number)}项")
            return None
        return m.Term(1, (node.id,), "得分", self.text(term.span))

    def category_total_test(self, split, tier: ast.Tier, total_name: str) -> m.Test | None:
        """「单位类别」为「乡镇」且「考核得分」90分以上: the category and the total's range, both to hold (grades only)."""
        if not isinstance(tier.body, ast.Outcome) or tier.body.kind != "grade":
            self.err("GR222", tier.span, detail="按单位类别分档只用于等次(为「…」),确定总分的规则不能既看类别又看总分",
                     help=built("确定总分的规则只看「{total_name}」", total_name=total_name))
            return None
        category = self.test(split[0])
        total = self.total_test(split[1], tier, total_name)
        if category is None or total is None:
            return None
        return m.AllOf((category, total), f"{self.text(split[0].span)}且{self.text(split[1].span)}")

    def total_test(self, cond: ast.Cond, tier: ast.Tier, total_name: str) -> m.Test | None:
        """A comparison on the total alone (超过100分的)."""
        others = [n for n in fact_names(cond) if n != total_name]
        if others:
            self.err("GR222", cond.span, detail=built("一个条件不能既看「{total_name}」又看「{x}」",
                                                      total_name=total_name, x=others[0]),
                     help=built("分成先后两条:事实的一条在前(如「「{x}」…的,按0分确定」),「{total_name}」的一条在后",
                                x=others[0], total_name=total_name))
            return None
        if not isinstance(cond, ast.CondCompare):
            self.err("GR204", tier.span, help=built("总分规则写作「「{total_name}」超过100分的,按100分确定」", total_name=total_name))
            return None
        comp = cond.comparison
        if any(v is not None and v.unit not in (None, "分") for v in (comp.low, comp.high)):
            self.err("GR302", comp.span, detail="总分以「分」计")
            return None
        interval = self.interval(comp, "score", comp.low.number if comp.low else None,
                                 comp.high.number if comp.high else None)
        if interval is None:
            return None
        return m.InRange(m.FactRef(total_name, "score"), interval, comp.text, describe_interval(interval, "分"), "分")

    def names_category(self, name: str) -> bool:
        return name == m.CATEGORY and name not in self.facts and bool(self.categories)

    def veto_test(self, cond: ast.Cond, total_name: str) -> m.Test | None:
        """一票否决: a condition on the unit's facts, read as a clause's; not on values computed from scores,
        which are known only after the total (总分排名) or scored again later (本项得分的最低值)."""
        # 「单位类别」为「…」 reads the unit's category (no fact), as in any clause
        unknown = [n for n in cond_names(cond) if n.text not in self.facts and not self.names_category(n.text)]
        for name in unknown:
            hint = closest(name.text, [*self.facts, total_name])
            self.err("GR214", name.span, name=name.text, help=built("是不是「{hint}」?", hint=hint) if hint else (
                built("第一个指标之前的条款是总分规则:条件写「{total_name}」,或写一个用「事实「名称」:类型」声明的事实", total_name=total_name)))
        if unknown:
            return None
        for name in fact_names(cond):
            if self.names_category(name):
                continue
            cohort = self.facts[name].cohort
            if cohort is not None and cohort.source != "fact":
                self.err("GR222", cond.span, detail=built("「{name}」由各单位的得分算出,总分规则不能用它", name=name),
                         help=built("总分规则只能看「{total_name}」和各单位的事实(包括按事实算出的排名、平均)", total_name=total_name))
                return None
        return self.test(cond)


def category_and_total(cond: ast.Cond | None, total_name: str):
    """(「单位类别」为「…」, the comparison on the total) when a condition is exactly these two joined by 且."""
    if not isinstance(cond, ast.CondAll) or len(cond.parts) != 2:
        return None
    category = next((p for p in cond.parts if isinstance(p, ast.CondIn) and len(p.operand.names) == 1
                     and p.operand.names[0].text == "单位类别"), None)
    total = next((p for p in cond.parts if isinstance(p, ast.CondCompare) and len(p.operand.names) == 1
                  and p.operand.expr is None and p.operand.names[0].text == total_name), None)
    return (category, total) if category is not None and total is not None else None


def _negated(test: m.Test) -> m.Test | None:
    """A test that holds exactly where `test` does not: 「甲」 ↔ 未「甲」, 或 ↔ 且; None for others."""
    if isinstance(test, m.Truthy) and isinstance(test.operand, m.FactRef) and test.operand.kind == "bool":
        text = test.text.removeprefix("未") if test.negated else "未" + test.text
        return m.Truthy(test.operand, not test.negated, text)
    if isinstance(test, (m.AnyOf, m.AllOf)):
        parts = [_negated(p) for p in test.parts]
        if any(p is None for p in parts):
            return None
        if isinstance(test, m.AnyOf):
            return m.AllOf(tuple(parts), " 且 ".join(p.text for p in parts))
        return m.AnyOf(tuple(parts), " 或 ".join(p.text for p in parts))
    return None
