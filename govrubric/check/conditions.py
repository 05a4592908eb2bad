"""Conditions: fact references, operands (a fact, or 「甲」/「乙」), tests (且, 或, 是/否, 为「…」),
comparisons with their units, and the exact interval a comparison's boundary words mean."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..diagnostics import closest
from ..numerals import exact_quotient, format_number
from ..units import MULTIPLIERS, convert, unit_of
from .base import CheckerBase, InForce
from .respective_thresholds import listed_alone
from .words import AMBIGUOUS_WORDS, DISPLAY_UNIT, UNITS_FOR_KIND
from ..i18n import built, kind_word



# 未达到「95%以上」: the words that say a requirement written with 以上 was not reached (language.md 第 5 节)
_NOT_REACHING = frozenset({"未达到", "未达", "达不到", "不达", "不到"})

class Conditions(CheckerBase):
    def fact_ref(self, name: ast.Name) -> m.FactRef | None:
        fact = self.declared_fact(name)
        return m.FactRef(fact.name, fact.kind) if fact is not None else None

    def operand(self, operand: ast.Operand) -> m.Operand | None:
        if operand.expr is not None:  # 「甲」+「乙」, 「甲」÷「乙」×10 (arithmetic.py)
            typed = self.expression(operand.expr)
            if typed is None:
                return None
            if typed.kind == "number":
                self.err("GR301", operand.span, detail="条件的主语要有事实,不能只是数")
                return None
            return typed.operand
        refs = [self.fact_ref(n) for n in operand.names]
        if any(r is None for r in refs):
            return None
        if len(refs) == 1:
            return refs[0]
        num, den = refs
        for ref in (num, den):
            if ref.kind not in ("count", "ratio", "score", "days", "months", "quantity"):
                self.err("GR307", operand.span, detail=built("「{ref_name}」是{kind}",
                                                             ref_name=ref.name, kind=kind_word(m.KIND_ZH[ref.kind])))
                return None
        return m.Ratio(num, den)

    def operand_kind(self, operand: m.Operand) -> str:
        return "ratio" if isinstance(operand, m.Ratio) else operand.kind

    @staticmethod
    def describe_operand(operand: m.Operand) -> str:
        if isinstance(operand, m.Ratio):
            return f"{operand.numerator.name}/{operand.denominator.name}"
        if isinstance(operand, m.Arith):
            return operand.text
        return operand.name

    @staticmethod
    def step_hint(kind: str) -> str:
        return {"percent": "百分比按「个百分点」计,如「每低1个百分点」", "rank": "名次按「位」或「名」计,如「每下降1位」"}.get(
            kind, "换一个与事实相符的量词")

    def test(self, cond: ast.Cond) -> m.Test | None:
        text = self.text(cond.span)
        if isinstance(cond, ast.CondAll):
            parts = [self.test(p) for p in cond.parts]
            return None if any(p is None for p in parts) else m.AllOf(tuple(parts), text)
        if isinstance(cond, ast.CondAny):
            if not self.negation_clear(cond):
                return None
            parts = [self.test(p) for p in cond.parts]
            return None if any(p is None for p in parts) else m.AnyOf(tuple(parts), text, joiners=cond.joiners)
        if _names_the_category(cond) and m.CATEGORY not in self.facts:  # 「单位类别」为「乡镇」、「街道」
            return self.category_test(cond, text)
        if isinstance(cond, ast.CondCompare) and isinstance(cond.operand.expr, ast.Relative):
            return self.relative_test(cond, text)  # 「完成数」比「下达任务」低5%以内 (relative.py)
        if isinstance(cond, ast.CondCompare) and cond.comparison.lead is not None:
            self.lead_without_relative(cond)
            return None
        if isinstance(cond, ast.CondCompare) and cond.comparison.form == "list":  # 达到30%、20% outside a 分别 clause
            listed_alone(self, cond.comparison)
            return None
        operand = self.operand(cond.operand)
        if operand is None:
            return None
        if isinstance(cond, (ast.CondTrue, ast.CondFalse)):
            negated = isinstance(cond, ast.CondFalse)
            if cond.after and not isinstance(operand, m.Ratio) and operand.kind in ("count", "days", "months", "quantity"):
                self.requirement_after_a_count(operand, cond, negated)
                return None
            if negated and cond.carried:  # 未「甲」、「乙」: 「乙」 is said as 未「乙」
                return m.Truthy(operand, negated, cond.word + text, carried=True)
            return m.Truthy(operand, negated, text)
        if isinstance(cond, ast.CondIn):
            if isinstance(operand, m.Ratio) or operand.kind not in ("choice", "list"):
                kind = self.operand_kind(operand)
                self.err("GR301", cond.span, detail=built("「{word}「…」」只能用于选项或清单事实,「{x}」是{kind}", word=cond.word,
                                                          x=self.describe_operand(operand), kind=kind_word(m.KIND_ZH[kind])))
                return None
            if not self.known_options(operand.name, cond.options):
                return None
            return m.OneOf(operand, tuple(o.text for o in cond.options), text)
        if cond.category_comparison is not None:
            return self.compare_by_category(operand, cond)
        test = self.compare(operand, cond.comparison, text)
        if cond.every is not None and test is not None:  # 「督查次数」每季度至少1次 (periods.py)
            return self.every_period(test, cond)
        return test

    def negation_clear(self, cond: ast.CondAny) -> bool:
        """未「甲」或「乙」: does the 未 say 「乙」 too? 「没有「迟到」或「早退」」 reads as neither, 「未「制定方案」或「成立小组」」
        as either not done, and as written it is 未「甲」, or 「乙」 done — three readings, none said: GR101, with each
        written out (未「甲」、「乙」 carries the 未, language.md 5)."""
        for joiner, before, part in zip(cond.joiners, cond.parts, cond.parts[1:]):
            if (joiner == "或" and isinstance(before, ast.CondFalse) and not before.after and isinstance(part, ast.CondTrue)
                    and part.after is None and part.operand.expr is None and len(part.operand.names) == 1):
                first, second = self.text(before.span), self.text(part.span)
                word = before.word
                self.err("GR101", ast.Span(before.span.start, part.span.end),
                         detail=built("「{text}」:「{word}」是否也说{second}?", text=first + "或" + second, word=word,
                                      second=second),
                         help=built("有一项没有做到写「{first}、{word}{second}」(或「{first}、{second}」),都没有做到写"
                                    "「{first}且{word}{second}」,只说前一项没有做到写「{second}或{first}」",
                                    first=first, word=word, second=second))
                return False
        return True

    def requirement_after_a_count(self, operand: m.Operand, cond: ast.CondTrue | ast.CondFalse, negated: bool) -> None:
        """GR301 for 符合要求 / 不符合要求 (达到要求, 未完成 …) written after a count: the name decides what they mean,
        not the words — 「不合格人数」不符合要求的 (there are some) or 「培训次数」未完成的 (there are none)?
        「不合格人数」符合要求的 read as 「有」 (数不为0) would score the units that fall short."""
        name = self.describe_operand(operand)
        kind = kind_word(m.KIND_ZH[operand.kind])
        if negated:
            self.err("GR301", cond.span, detail=built(
                "「{x}」是{kind},「{word}」说的是有这样的情形(数不为0),还是一次也没有(数为0)?", x=name, kind=kind,
                word=cond.word), help=built("有这样的情形就扣分写作「「{x}」1次以上的,扣…」,按每次扣写作「「{x}」每次扣…」;"
                                            "一次也没有时扣分写作「「{x}」为0的,扣…」", x=name))
            return
        self.err("GR301", cond.span, detail=built("「{x}」是{kind},「{word}」说的是数为多少?(不写时会读成数不为0)",
                                                  x=name, kind=kind, word=cond.after),
                 help=built("写出要求的数:「「{x}」为0的,得…」「「{x}」达到4次的,得…」;说的是一件事做到没有时声明一个是否事实",
                            x=name))

    def known_options(self, name: str, options) -> bool:
        """GR213 for the first written option the 选项/清单 fact does not have."""
        fact = self.facts[name]
        for option in options:
            if option.text not in fact.options:
                self.err("GR213", option.span, name=option.text, fact=fact.name, options="、".join(fact.options))
                return False
        return True

    def compare_by_category(self, operand: m.Operand, cond: ast.CondCompare) -> m.Test | None:
        """「建筑面积」不低于1200平方米(「专科医院」不低于500平方米): units of the categories in the brackets are held to
        their comparison, the others to the first: (类别 ∉ 括号 且 ≥ 1200) 或 (类别 ∈ 括号 且 ≥ 500)."""
        listed = cond.categories
        if not self.categories:
            self.err("GR207", listed[0].span, name=listed[0].text,
                     help="先在细则开头用「单位类别:「…」、「…」」声明单位类别")
            return None
        for name in listed:
            if name.text not in self.categories:
                hint = closest(name.text, self.categories)
                self.err("GR207", name.span, name=name.text,
                         help=built("是不是「{hint}」?", hint=hint) if hint else "已声明的单位类别:" + "、".join(self.categories))
                return None
        subject = self.operand_text(operand)
        main = self.compare(operand, cond.comparison, subject + self.text(cond.comparison.span))
        other = self.compare(operand, cond.category_comparison, subject + self.text(cond.category_comparison.span))
        if main is None or other is None:
            return None
        named = tuple(n.text for n in listed)
        rest = tuple(c for c in self.categories if c not in named)

        def of(categories: tuple[str, ...]) -> m.OneOf:
            return m.OneOf(m.FactRef(m.CATEGORY, "category"), categories,
                           f"「{m.CATEGORY}」为" + "、".join(f"「{c}」" for c in categories))

        held = m.AllOf((of(named), other), f"{of(named).text}且{other.text}")
        if not rest:
            return held
        return m.AnyOf((m.AllOf((of(rest), main), f"{of(rest).text}且{main.text}"), held), self.text(cond.span))

    def category_test(self, cond, text: str) -> m.OneOf | None:
        """「单位类别」为「乡镇」: whether the unit is of one of these declared categories (evaluate reads the unit's
        category, no fact)."""
        name = cond.operand.names[0]
        if not self.categories:
            self.err("GR207", name.span, name=m.CATEGORY, help="先在细则开头用「单位类别:「…」、「…」」声明单位类别")
            return None
        if not isinstance(cond, ast.CondIn):
            self.err("GR301", cond.span, detail="单位类别只能写作「「单位类别」为「类别」」(可列几个类别,用顿号隔开)")
            return None
        for option in cond.options:
            if option.text not in self.categories:
                hint = closest(option.text, self.categories)
                self.err("GR207", option.span, name=option.text,
                         help=built("是不是「{hint}」?", hint=hint) if hint else "已声明的单位类别:" + "、".join(self.categories))
                return None
        if m.CATEGORY not in text:  # 「一类地区」得5分 (ForCategory): said as the condition it stands for
            text = f"「{m.CATEGORY}」为" + "、".join(f"「{o.text}」" for o in cond.options)
        return m.OneOf(m.FactRef(m.CATEGORY, "category"), tuple(o.text for o in cond.options), text)

    def compare(self, operand: m.Operand, comp: ast.Comparison, text: str) -> m.InRange | None:
        kind = self.operand_kind(operand)
        name = self.describe_operand(operand)
        if kind not in m.NUMERIC_KINDS:
            self.err("GR301", comp.span, detail=built("「{name}」是{kind},不能与数值比较",
                                                      name=name, kind=kind_word(m.KIND_ZH[kind])),
                     help="是否类事实直接写「「名称」得…」或「未「名称」的…」" if kind == "bool" else None)
            return None
        if comp.form == "fact":  # 低于「年度目标值」, 达到「主体总量」的30%
            return self.relation(operand, self.operand_text(operand), comp)
        if comp.form in ("bottom", "bottom_rank", "last"):  # 后3位, 倒数第1名, 末位
            return self.from_the_bottom(operand, comp, text)
        measure = self.operand_measure(operand)
        # a range whose low end has no unit takes the high end's: 5—10万元 is 5万元—10万元, 90—92% is 90%—92%
        low_unit = comp.low.unit if comp.low is not None else None
        if (comp.form in ("range", "pre_range") and low_unit is None and comp.low.form == ""
                and comp.high.unit is not None):
            low_unit = comp.high.unit
        numbers = []
        for value, unit in ((comp.low, low_unit), (comp.high, comp.high.unit if comp.high else None)):
            if value is None:
                numbers.append(None)
                continue
            number = self.value_number(kind, measure, name, value, unit, comp)
            if number is None:
                return None
            if kind == "percent" and not (0 <= number <= 100) and not isinstance(operand, m.Arith):
                self.err("GR303", value.span, detail=built("百分比应在0%到100%之间,这里是{value_text}", value_text=value.text))
                return None
            if number < 0:
                self.err("GR303", value.span, detail=built("{value_text}不能为负数", value_text=value.text))
                return None
            if kind == "rank" and number < 1:
                self.err("GR303", value.span, detail="名次从第1名开始")
                return None
            numbers.append(number)
        interval = self.interval(comp, kind, *numbers)
        if interval is None:
            return None
        unit = measure if kind == "quantity" else DISPLAY_UNIT.get(kind, "")
        return m.InRange(operand, interval, comp.text or text, describe_interval(interval, unit), unit)

    def from_the_bottom(self, operand: m.Operand, comp: ast.Comparison, text: str) -> m.InRange | None:
        """后3位, 倒数第1名, 末位: places counted from the bottom of a rank computed over the cohort. They read a rank
        of their own, 「排名(倒数)」: the same ranking in the other order, ties sharing a place (two units tied last are
        both 倒数第1名), so 后3位 is that rank ≤ 3 and 末位 is that rank = 1. A rank the unit gives (名次) has no
        bottom the rubric knows: how many units are ranked is not written down."""
        name = getattr(operand, "name", None)
        fact = self.facts.get(name) if name is not None else None
        if fact is None or fact.kind != "rank" or name not in self.computed:
            what = f"「{name}」" if name is not None else built("这个值")
            self.err("GR301", comp.span, detail=built("「{comp_text}」从最后一名数起,要在全体单位中排名;{what}不是计算得出的排名",
                                                      comp_text=comp.text, what=what),
                     help=built("把名次声明为计算得出的排名,如「事实「排名」:按「…」从高到低排名」"))
            return None
        low = comp.low.number
        if comp.form != "last" and (low < 1 or low != low.to_integral_value()):
            self.err("GR303", comp.low.span, detail="名次从第1名开始,是整数")
            return None
        reverse = f"{name}(倒数)"
        if reverse not in self.facts:
            self.facts[reverse] = m.Fact(reverse, "rank", span=fact.span, optional=True)
            self.computed.add(reverse)
            self.bottom_ranks[reverse] = name
        if comp.form == "bottom":
            interval = m.Interval(Decimal(1), True, low, comp.low_incl != "不含")
        else:
            interval = m.Interval(low, True, low, True)
        return m.InRange(m.FactRef(reverse, "rank"), interval, comp.text or text, describe_interval(interval, "名"), "名")

    def resolve_bottom_ranks(self) -> None:
        """「排名(倒数)」: the cohort of the rank it reverses, in the other order (after resolve_cohorts)."""
        for reverse, name in self.bottom_ranks.items():
            cohort = self.facts[name].cohort
            if cohort is None:
                continue
            order = "从高到低" if not cohort.descending else "从低到高"
            self.facts[reverse] = attrs.evolve(self.facts[reverse], cohort=attrs.evolve(
                cohort, descending=not cohort.descending, text=f"「{name}」从最后一名数起(即{order}排名)"))

    def operand_measure(self, operand: m.Operand) -> str | None:
        """The unit a fact is measured in (平方米, 万元) or counted in (名, 次); None for the others."""
        if isinstance(operand, m.FactRef) and operand.name in self.facts:
            return self.facts[operand.name].measure
        if isinstance(operand, m.Arith):
            return operand.measure
        return None

    def operand_text(self, operand: m.Operand) -> str:
        if isinstance(operand, m.FactRef):
            return f"「{operand.name}」"
        if isinstance(operand, m.Ratio):
            return f"「{operand.numerator.name}」/「{operand.denominator.name}」"
        return operand.text

    def value_number(self, kind: str, measure: str | None, name: str, value: ast.Value, unit: str | None,
                     comp: ast.Comparison):
        """The number a value stands for, in the unit of the fact it is compared with: 5000元 for a fact in 万元
        is 0.5; 万分之一 for a percentage is 0.01; 1/3000 for a ratio is exactly one three-thousandth."""
        if comp.form in ("rank", "top"):
            if kind != "rank":
                self.err("GR302", comp.span, detail=built("「{comp_text}」是名次的写法,而比较的是{kind}",
                                                          comp_text=comp.text, kind=kind_word(m.KIND_ZH[kind])))
                return None
            return value.number
        if value.form:
            return self.part_number(kind, name, value)
        if kind == "quantity":
            if unit is None:
                return value.number
            converted, why = convert(value.number, unit, measure)
            if converted is None:
                same_kind = unit in MULTIPLIERS or (unit_of(unit) is not None
                                                     and unit_of(unit).dimension == unit_of(measure).dimension)
                if same_kind:
                    self.err("GR308", value.span, detail=built("「{name}」以{measure}计,{why}",
                                                               name=name, measure=measure, why=why),
                             help=built("把「{name}」声明为以{unit}计,或把这个数换算成{measure}写出",
                                        name=name, unit=unit, measure=measure))
                else:
                    self.err("GR302", value.span, detail=built("「{name}」以{measure}计,不能与{value_text}比较",
                                                               name=name, measure=measure, value_text=value.text))
                return None
            return converted
        if kind == "count" and (unit in MULTIPLIERS or (unit_of(unit) is not None and unit_of(unit).dimension == "count")):
            factor = MULTIPLIERS.get(unit) or unit_of(unit).factor
            return value.number * factor if factor != 1 else value.number
        if unit in UNITS_FOR_KIND[kind]:
            return value.number
        if kind == "ratio" and unit == "%":  # 「甲」/「乙」达到70%: a published rate is a/b × 100%, so 70% is 0.7
            return exact_quotient(value.number, Decimal(100))
        if kind == "percent" and unit is None:
            self.err("GR302", value.span, detail=built("百分比要写「%」:{value_text}%",
                                                       value_text=value.text), help=built("写作「{value_text}%」", value_text=value.text))
        elif unit == "%":
            self.err("GR302", value.span, detail=built("「{name}」是{kind},不能与百分数比较",
                                                       name=name, kind=kind_word(m.KIND_ZH[kind])))
        elif unit_of(unit) is not None and unit_of(unit).dimension != "count":
            self.err("GR302", value.span, detail=built("「{name}」是{kind},不能以「{unit}」计",
                                                       name=name, kind=kind_word(m.KIND_ZH[kind]), unit=unit),
                     help=built("以{unit}计的事实写作「事实「{name}」:{unit}」", unit=unit, name=name))
        else:
            self.err("GR302", value.span, detail=built("「{name}」是{kind},不能以「{unit}」计",
                                                       name=name, kind=kind_word(m.KIND_ZH[kind]), unit=unit))
        return None

    def part_number(self, kind: str, name: str, value: ast.Value):
        """1/200, 1:100, 万分之一, 1座/2500人: a proportion, for ratios (as it is) and percentages (× 100)."""
        if value.over == 0:
            self.err("GR303", value.span, detail=built("{value_text}的分母为0", value_text=value.text))
            return None
        if value.form == "rate" and kind != "ratio":
            self.err("GR302", value.span, detail=built("「{value_text}」是两个数之比,应与两个事实之比(「甲」/「乙」)比较,而「{name}」是{kind}",
                                                       value_text=value.text, name=name, kind=kind_word(m.KIND_ZH[kind])))
            return None
        if kind not in ("ratio", "percent"):
            self.err("GR302", value.span, detail=built("「{value_text}」是比例,而「{name}」是{kind}",
                                                       value_text=value.text, name=name, kind=kind_word(m.KIND_ZH[kind])),
                     help="比例只能与百分比、比值或两个事实之比比较")
            return None
        return exact_quotient(value.number * (100 if kind == "percent" else 1), value.over)

    def interval(self, comp: ast.Comparison, kind: str, low, high) -> m.Interval | None:
        def closed_from(marker: str | None, default: bool) -> bool:
            return default if marker is None else marker == "含"

        form = comp.form
        if form in ("pre_range", "between", "between_pre", "pre_pair"):
            return self.two_ends(comp, kind, low, high)
        if form == "range":
            if low > high:
                self.err("GR304", comp.span, low=comp.low.text, high=comp.high.text)
                return None
            # 「70分(含)至90分」: marking one end 含 says the other, unmarked, belongs to the next tier ([70, 90)) — when
            # a next tier is bounded there (90分及以上为优秀). 「80分(含)—89分」 beside 「90分以上」: 89 is no other tier's
            # end, the author wrote it to include it ([80, 89]; 89.5 is the source's own gap, 档间空隙)
            low_default = comp.high_incl != "含" or not self.ends_another_tier(comp.low, comp)
            high_default = comp.low_incl != "含" or not self.ends_another_tier(comp.high, comp)
            return m.Interval(low, closed_from(comp.low_incl, low_default),
                              high, closed_from(comp.high_incl, high_default))
        if form == "eq":
            return m.Interval(low, True, low, True)
        if form == "top":
            return m.Interval(Decimal(1), True, low, closed_from(comp.low_incl, True))
        if form == "rank" and comp.post is None:
            return m.Interval(low, True, low, True)

        direction = closed = None
        if comp.pre is not None:
            direction, closed = self.pre_bounds[comp.pre]
        if comp.post is not None:
            post_dir, post_closed = self.bounds[comp.post]
            if comp.post in AMBIGUOUS_WORDS and comp.low_incl is None:
                explicit = any(d.key == "边界" and d.value.startswith(comp.post) for d in self.decisions)
                if not explicit:
                    self.decide(self.path, "边界", InForce(f"{comp.post}{'含' if post_closed else '不含'}本数", "默认"),
                                f"「{comp.text}」", comp.span)
            if kind == "rank" and comp.post in ("以上", "及以上", "以下", "及以下"):
                post_dir = "le" if post_dir == "ge" else "ge"  # 第3名以上: ranks 1…3
            if direction is None:
                direction, closed = post_dir, post_closed
            elif comp.pre in _NOT_REACHING and post_dir == "ge" and kind != "rank":
                # 未达到95%以上(含) (金华): not the requirement 「95%以上(含)」 — below 95%; with 以上(不含), 95% and below
                reached = closed_from(comp.low_incl, post_closed)
                return m.Interval(None, False, low, not reached)
            elif direction != post_dir and direction != "eq":
                self.err("GR305", comp.span, detail=built("「{comp_pre}」与「{comp_post}」方向相反",
                                                          comp_pre=comp.pre, comp_post=comp.post))
                return None
            elif direction == "eq":
                direction, closed = post_dir, post_closed
        closed = closed_from(comp.low_incl, closed)
        if direction == "eq":
            return m.Interval(low, True, low, True)
        if direction == "ge":
            return m.Interval(low, closed, None, False)
        return m.Interval(None, False, low, closed)

    def ends_another_tier(self, value: ast.Value | None, comp: ast.Comparison) -> bool:
        """Whether another comparison of the ladder being read is bounded by this value's number (always, outside
        a ladder: the end then keeps the general reading)."""
        if self.ladder_ends is None or value is None or value.number is None:
            return True
        return bool(self.ladder_ends.get(value.number, set()) - {comp.span})

    def two_ends(self, comp: ast.Comparison, kind: str, low, high) -> m.Interval | None:
        """达到60%(含)—85%, 75分以上90分以下, 90%以上、不到100%, 大于5万亩,小于10万亩: each end read by its own
        word as if written alone (边界 and (含)/(不含) apply to each end), the two together the interval; the high end
        of 达到60%—85% has no word and is closed, as in 60%—85%. low and high are the ends in the fact's unit.
        「90分以下80分以上」 (the upper end first, each end by its word) is 80分以上90分以下."""
        upper_first = (comp.form == "between" and kind != "rank" and low > high
                       and self.bounds.get(comp.post, ("",))[0] == "le" and self.bounds.get(comp.high_post, ("",))[0] == "ge")
        if upper_first:
            comp = attrs.evolve(comp, post=comp.high_post, high_post=comp.post,
                                low_incl=comp.high_incl, high_incl=comp.low_incl)
            low, high = high, low
        if low > high:
            self.err("GR304", comp.span, low=comp.low.text, high=comp.high.text)
            return None
        words = {"pre_range": ((comp.pre, True), (None, False)),
                 "between": ((comp.post, False), (comp.high_post, False)),
                 "between_pre": ((comp.post, False), (comp.high_pre, True)),
                 "pre_pair": ((comp.pre, True), (comp.high_pre, True))}[comp.form]
        closed_ends = []
        for index, ((word, before), marker) in enumerate(zip(words, (comp.low_incl, comp.high_incl))):
            if word is None:
                direction, closed = "le", True
            else:
                direction, closed = self.pre_bounds[word] if before else self.bounds[word]
                if kind == "rank" and not before and word in ("以上", "及以上", "以下", "及以下"):
                    direction = "le" if direction == "ge" else "ge"
            if direction != ("ge" if index == 0 else "le"):
                self.err("GR305", comp.span, detail=built("「{comp_text}」的两端应一个是下限(以上、达到)、一个是上限(以下、不到),「{word}」方向不对",
                                                          comp_text=comp.text, word=word))
                return None
            closed_ends.append(closed if marker is None else marker == "含")
        return m.Interval(low, closed_ends[0], high, closed_ends[1])


def with_subject(cond: ast.CondCompare | ast.CondIn, subject: ast.Operand) -> ast.Cond:
    """A tier written without its subject (「,90%—92%得0.5分」, 「;为「较大」的,…」) on the clause's subject."""
    if isinstance(cond, ast.CondIn):
        return ast.CondIn(subject, cond.options, cond.span)
    return ast.CondCompare(subject, cond.comparison, cond.span)


def describe_interval(interval: m.Interval, unit: str) -> str:
    """≥ 93%, < 90%, 90% ≤ x ≤ 92%, = 100%: the reading written out in symbols."""
    def f(x) -> str:
        return f"{format_number(x)}{unit}"

    lo, hi = interval.low, interval.high
    if lo is not None and hi is not None:
        if lo == hi and interval.low_closed and interval.high_closed:
            return f"= {f(lo)}"
        left = "≤" if interval.low_closed else "<"
        right = "≤" if interval.high_closed else "<"
        return f"{f(lo)} {left} x {right} {f(hi)}"
    if lo is not None:
        return f"{'≥' if interval.low_closed else '>'} {f(lo)}"
    if hi is not None:
        return f"{'≤' if interval.high_closed else '<'} {f(hi)}"
    return "任意值"


def fact_names(cond) -> list[str]:
    return [n.text for n in cond_names(cond)]


def cond_names(cond) -> list[ast.Name]:
    if isinstance(cond, (ast.CondAll, ast.CondAny)):
        return [n for part in cond.parts for n in cond_names(part)]
    return list(cond.operand.names)


def _names_the_category(cond) -> bool:
    operand = getattr(cond, "operand", None)
    return (operand is not None and operand.expr is None and len(operand.names) == 1
            and operand.names[0].text == m.CATEGORY)


def ladder_ends(clauses) -> dict[Decimal, set]:
    """Every number that bounds a comparison in these clauses, with the spans of the comparisons naming it."""
    ends: dict[Decimal, set] = {}

    def walk(cond) -> None:
        if isinstance(cond, (ast.CondAll, ast.CondAny)):
            for part in cond.parts:
                walk(part)
            return
        comparison = getattr(cond, "comparison", None)
        for found in (comparison, getattr(cond, "category_comparison", None)):
            for value in (getattr(found, "low", None), getattr(found, "high", None)):
                if value is not None and getattr(value, "number", None) is not None:
                    ends.setdefault(value.number, set()).add(found.span)

    for clause in clauses:
        for tier in clause.tiers:
            if tier.cond is not None:
                walk(tier.cond)
    return ends
