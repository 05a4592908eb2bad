"""Facts given per event (逐起, 逐次) or per period (按季度, 按月), and the clauses that read them one value at a time
(language.md 3 and 6.7; issue 15 §2).

- 「单起「受害面积」30亩以上的扣10分」「每月「新增项目数」1个以上的,加0.1分」: a clause opened by 单起/每起/每月 is
  judged for each value (m.Each on the rule);
- 「「迟到分钟」10分钟之内的每次扣1分」: a condition on such a fact followed by 每次/每起 and a result, the same;
- 「「新增项目数」每个加0.5分,每月最多加1分」: 每… on such a fact counts each value, and 每月最多… bounds each month;
- 「「督查次数」每季度至少1次的,得1分」: a requirement of every period (InRange.every).

Read as 每…计分 a requirement per period would score every occurrence (3 次 → 3 分), silently wrong: where the fact
is not given per period it is refused (GR229), pointing at the declaration that lets it be written as published.
Any other use of such a fact (a plain condition, a formula, 分别, 第N次 …) has no one value to read: GR231."""
from __future__ import annotations

import re

import attrs

from .. import ast
from .. import model as m
from .base import CheckerBase

_PERIOD = re.compile(r"月|季度|季|年|周|旬")
_AT_LEAST = re.compile(r"至少|不少于|不低于|最少|不得少于")
# 逐起 → 起, 按季度 → 季度: the word after the comma of a declaration, to Fact.per
PER_WORDS = {"按季度": "季度", "按月": "月"}
# 每次/每起 … after a condition on a fact given per event: each value that meets it counts once
_EVENT_MEASURES = frozenset({"次", "起", "件", "例", "宗", "个", "项", "人", "处", "人次"})


def per_of(word: str | None) -> str | None:
    if word is None:
        return None
    return PER_WORDS.get(word, word.removeprefix("逐"))


def each_period(word: str) -> str | None:
    """The period 单起/每起/每月/每季度 speaks of: 月, 季度, or None (an event)."""
    if "季度" in word:
        return "季度"
    if "月" in word:
        return "月"
    return None


class Periods(CheckerBase):
    def per_value_facts(self) -> dict[str, m.Fact]:
        return {name: f for name, f in self.facts.items() if f.per is not None}

    # ------------------------------------------------------------ requirements of every period
    def per_period_requirement(self, per: ast.Per) -> bool:
        """GR229 when 每 is followed by a period and a minimum (每季度至少1次) with no fact given per period before it:
        True when refused."""
        filler = per.filler or ""
        if per.lead != "每":
            return False
        if _PERIOD.search(filler) and _AT_LEAST.search(filler):  # 每季度至少1次: 季度 is wording before the count
            period, words = _PERIOD.search(filler).group(0), f"每{filler}{format(per.count.normalize(), 'f')}{per.measure}"
        elif _PERIOD.fullmatch(per.measure.removeprefix("个")) and _AT_LEAST.search(per.post_filler or ""):
            period, words = per.measure.removeprefix("个"), f"每{per.measure}{per.post_filler}"  # 每月至少督查1次
        else:
            return False
        self.refuse_period(per.span, words, period, None)
        return True

    def refuse_period(self, span, words: str, period: str, fact: m.Fact | None) -> None:
        name = fact.name if fact is not None else "督查次数"
        declared = "次数" if fact is None or fact.kind != "count" else (fact.measure or "次数")
        if fact is not None and fact.per is not None:
            detail = f";「{fact.name}」是每{fact.per}一个数,不是每{period}一个"
        else:
            detail = ""
        period_word = "季度" if period in ("季", "季度") else period
        how = (f"把事实声明为按{period_word}给出:「事实「{name}」:{declared},按{period_word}」(每{period_word}一个数),"
               f"再写「「{name}」{words}的,得…」" if period_word in m.PERIODS else
               "只有按季度、按月给出的事实可以这样写;其他期间请由单位数出达到要求的期数:「「达标年数」为3个的,得…」")
        self.err("GR229", span, text=words, period=period + detail, help=how)

    def every_period(self, test: m.InRange, cond: ast.CondCompare) -> m.InRange | None:
        """「督查次数」每季度至少1次: the comparison holds for every quarter's value."""
        operand = test.operand
        fact = self.facts.get(operand.name) if isinstance(operand, m.FactRef) else None
        if fact is None or fact.per != cond.every:
            self.refuse_period(cond.span, cond.every_text, cond.every, fact)
            return None
        return attrs.evolve(test, every=cond.every)

    # ------------------------------------------------------------ clauses judged per value
    def each_clause(self, clause: ast.Clause, rule: m.Rule | None) -> m.Rule | None:
        """单起「受害面积」…的扣10分 / 每月「…」…的,加0.1分: the rule judged for each value of the fact it reads."""
        if rule is None:
            return None
        if getattr(rule, "each", None) is not None:  # 单起「…」…的,每起扣10分: said twice, read once
            return attrs.evolve(rule, each=attrs.evolve(rule.each, word=clause.each))
        if not isinstance(rule, (m.Tiered, m.PerCount, m.PerStep)):
            self.err("GR231", clause.span, fact="", detail=f"「{clause.each}」之后只能写分档或每次计分的条款",
                     help="写作「单起「受害面积」30亩以上的扣10分」")
            return None
        read = [name for name in _direct_reads(rule) if self.facts[name].per is not None]
        if len(set(read)) != 1:
            what = "没有读到逐起或按期给出的事实" if not read else "读到了几个逐起或按期给出的事实:" + "、".join(
                f"「{n}」" for n in dict.fromkeys(read))
            self.err("GR231", clause.span, fact="", detail=f"「{clause.each}」要对一个逐起或按期给出的事实逐个判断,本条{what}",
                     help="把事实声明为「事实「受害面积」:亩,逐起」或「事实「新增项目数」:个数,按月」")
            return None
        fact = self.facts[read[0]]
        period = each_period(clause.each)
        if period != (fact.per if fact.per in m.PERIODS else None):
            given = f"每{fact.per}一个数"
            self.err("GR231", clause.span, fact=fact.name, detail=f"「{clause.each}」与事实不符:「{fact.name}」{given}",
                     help=f"写作「{'每' + fact.per if fact.per in m.PERIODS else '单' + fact.per}「{fact.name}」…」")
            return None
        return attrs.evolve(rule, each=m.Each(fact.name, clause.each))

    def each_after_condition(self, cond: ast.Cond, per: ast.Per, outcome: m.Outcome, cap, cap_text, label, text,
                             span) -> m.Tiered | None | bool:
        """「迟到分钟」10分钟之内的每次扣1分: a condition on a fact given per event, then 每次 and a result — each value
        that meets the condition counts once. False when the clause is no such clause."""
        if per.lead != "每" or per.count != 1 or per.measure not in _EVENT_MEASURES:
            return False
        if per.filler and per.filler[0] in "少低超多增减降上下":  # 每月不少于2次,每少一次: a gap from the requirement
            return False
        if isinstance(cond, ast.CondTrue) and len(cond.operand.names) == 1 and cond.after is None:
            return False  # 「新增项目数」每个加0.5分: the fact counted, each value (per_value_misuse)
        names = [n.text for n in _cond_names(cond)]
        if not any(self.facts.get(n) is not None and self.facts[n].per is not None for n in names):
            return False
        test = self.test(cond)
        if test is None:
            return None
        tier = m.Tier(test, outcome, self.text(span), span)
        rule = m.Tiered((tier,), cap, label, text, cap_text, span)
        read = [name for name in _direct_reads(rule) if self.facts[name].per is not None]
        if len(set(read)) != 1:
            self.err("GR231", cond.span, fact="", detail="一条条款只能逐个判断一个逐起或按期给出的事实:" + "、".join(
                f"「{n}」" for n in dict.fromkeys(read)))
            return None
        return attrs.evolve(rule, each=m.Each(read[0], f"每{per.measure}"))

    def per_period_gap(self, tier: ast.Tier, per: ast.Per, item, cap, cap_text, label, text, span, limits):
        """「报送条数」每月不少于2条,每少一条扣0.5分: a requirement of every period followed by a gap (每少…): each period's
        shortfall scored as 6.4 scores one value's, the periods' results added."""
        cond = tier.cond
        fact = self.facts.get(cond.operand.names[0].text) if len(cond.operand.names) == 1 else None
        if fact is None or fact.per != cond.every:
            self.refuse_period(cond.span, cond.every_text, cond.every, fact)
            return None
        plain = attrs.evolve(cond, every=None, every_text="")
        rule = self.per_rule(ast.Tier(plain, tier.body, tier.span), per, item, cap, cap_text, label, text, span, limits)
        if not isinstance(rule, m.PerStep):
            self.err("GR231", per.span, fact=fact.name, detail=f"「{cond.every_text}」之后只能写按差距计分(「每少一条扣0.5分」)",
                     help="写作「「报送条数」每月不少于2条,每少一条扣0.5分」")
            return None
        return attrs.evolve(rule, each=m.Each(fact.name, f"每{fact.per}"))

    def period_caps(self, clause: ast.Clause, rule: m.Rule | None) -> m.Rule | None:
        """每月最多加1分 after a clause: the cap within each period of the fact the clause reads per value."""
        caps = [x for x in clause.limits if x.period is not None]
        if rule is None or not caps:
            return rule
        each = getattr(rule, "each", None)
        if each is None and isinstance(rule, m.PerCount) and self.facts[rule.counter.name].per is not None:
            each = m.Each(rule.counter.name, "")
        limit = caps[0]
        fact = self.facts[each.fact] if each is not None else None
        if fact is None or fact.per != limit.period:
            given = f";「{fact.name}」每{fact.per}一个数" if fact is not None else ""
            self.err("GR231", limit.span, fact="", detail=f"「{self.text(limit.span)}」只用于对按{limit.period}给出的事实"
                     f"逐{limit.period}计分的条款{given}",
                     help=f"把事实声明为「事实「…」:…,按{limit.period}」,条款写作「「…」每个加0.5分,{self.text(limit.span)}」")
            return None
        if limit.amount is None or limit.amount <= 0:
            self.err("GR303", limit.span, detail="每期的上限必须大于0")
            return None
        return attrs.evolve(rule, each=attrs.evolve(each, cap=limit.amount, cap_text=self.text(limit.span)))

    def per_value_misuse(self, rule: m.Rule | None, span) -> m.Rule | None:
        """GR231 for a fact given per event or per period read where there is no one value to read."""
        if rule is None:
            return None
        each = getattr(rule, "each", None)
        if each is None and isinstance(rule, m.PerCount) and self.facts[rule.counter.name].per is not None:
            rule = attrs.evolve(rule, each=m.Each(rule.counter.name, ""))  # 「新增项目数」每个加0.5分: each value counted
            each = rule.each
        for name in _direct_reads(rule):
            fact = self.facts[name]
            if fact.per is None or (each is not None and name == each.fact):
                continue
            self.misuse(fact, span)
            return None
        return rule

    def misuse(self, fact: m.Fact, span) -> None:
        if fact.per in m.PERIODS:
            how = (f"逐{fact.per}判断写作「每{fact.per}「{fact.name}」…的,加…」,每{fact.per}都要达到写作"
                   f"「「{fact.name}」每{fact.per}至少1次的,得…」")
        else:
            how = f"逐{fact.per}判断写作「单{fact.per}「{fact.name}」…的扣…」或「「{fact.name}」…的每{fact.per}扣…」"
        self.err("GR231", span, fact=fact.name, detail=f"「{fact.name}」每{fact.per}一个数,这里没有写明逐个判断", help=how)


def _cond_names(cond) -> list[ast.Name]:
    if isinstance(cond, (ast.CondAll, ast.CondAny)):
        return [n for part in cond.parts for n in _cond_names(part)]
    operand = getattr(cond, "operand", None)
    return list(operand.names) if operand is not None else []


def _direct_reads(rule: m.Rule) -> list[str]:
    """The facts a rule reads as one value: its tests (but a requirement of every period reads all of them), its
    counter and operand, and the facts of its outcomes (按「…」计分, 视情)."""
    tests = [t.test for t in rule.tiers] if isinstance(rule, m.Tiered) else [getattr(rule, "guard", None)]
    if rule.exempt is not None:
        tests.append(rule.exempt.test)
    names = [n for test in tests for n in _test_reads(test)]
    for attr in ("counter", "operand"):
        operand = getattr(rule, attr, None)
        if operand is not None:
            names += m.operand_facts(operand)
    for out in m.outcomes_of(rule):
        if out.fact is not None:
            names.append(out.fact)
        if out.formula is not None:
            names += m.operand_facts(out.formula)
    return names


def _test_reads(test) -> list[str]:
    if test is None:
        return []
    if isinstance(test, (m.AllOf, m.AnyOf)):
        return [n for part in test.parts for n in _test_reads(part)]
    if isinstance(test, m.InRange) and test.every is not None:
        return []
    return list(m.operand_facts(test.operand))


def test_misuse(checker: Periods, test, span) -> bool:
    """GR231 for a fact given per value in a test outside a clause (总分 rules, grades, a cohort's scope): True when so."""
    for name in _test_reads(test):
        fact = checker.facts.get(name)
        if fact is not None and fact.per is not None:
            checker.misuse(fact, span)
            return True
    return False
