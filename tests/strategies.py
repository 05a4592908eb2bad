"""Hypothesis strategies that build rubric syntax trees and print them as text.

rubric_trees() draws ast.Rubric trees that use every construct of the language: items of
every numbering style, metadata and notes, every condition form and comparison wording,
tiers, 否则, per-occurrence and per-step rules, escalation, 分别/依次, 视情 amounts, 按…计分,
limits on clauses and on items, the header, the total formula, the rules on the total (a
cap, a 一票否决 on a fact) and grades (等次) on the total or on a fact, in any order.
The trees are built to be valid: every name is declared once, every value fits its fact, so
the printed text passes `check` (tests/test_printer.py asserts it). valid_rubric_texts() is
the printed form, for differential tests (compiled scorer == evaluator).

Other helpers append strategies below (fact values); only append to this file.
"""
from __future__ import annotations

import re
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govrubric import ast
from govrubric.check import COUNT_MEASURES, POST_WORDS, PRE_WORDS
from govrubric.printer import canonical_label, print_rubric
from govrubric.readings import READINGS
from govrubric.source import display_width

D = Decimal

# Characters for names: Chinese, keywords that must stay inside 「」, digits, Latin letters and
# punctuation a name may hold (# is not a comment inside 「」).
_NAME_ALPHABET = "事项办率数次分扣得加每为未不无且或的前第以上下达到超过低于政务服务网通AbZ09#/、,。() “”"
_TITLE_ALPHABET = _NAME_ALPHABET + "「」"
_AMOUNTS = [D("0.1"), D("0.2"), D("0.3"), D("0.5"), D("1"), D("1.5"), D("2"), D("3"), D("5")]
_POINTS = [D("0.5"), D("1"), D("1.5"), D("2"), D("3"), D("4"), D("5"), D("10")]
_COUNT_WORDS = ["次数", "个数", "项数", "件数", "起数", "条数", "例数", "家数", "数量"]
_COUNT_MEASURES = sorted(COUNT_MEASURES)
_META_KEYS = ["考核对象", "查验方法", "牵头单位", "责任单位", "完成时限", "要求", "目标", "说明", "评分标准", "来源"]
_CAP_WORDS = ["封顶", "最高不超过", "最多不超过", "累计不超过", "不超过", "最高为", "最高", "加分不超过",
              "加分最多不超过", "累计得分不超过", "累计加分不超过", "累计扣分不超过", "扣分不超过", "满分", "最多",
              "最高扣", "最多扣", "最高可扣", "最多可扣", "最高加", "最多加"]
# the heading's (…N分) takes the words that cap a score, not those bounding what is deducted or added
_HEAD_CAP_WORDS = [w for w in _CAP_WORDS if w not in ("最高扣", "最多扣", "最高可扣", "最多可扣", "最高加", "最多加")]


def _cap_piece(scope, word: str, amount) -> ast.LimitPiece:
    """「累计扣分不超过4分」 parses as a bound on deductions (kind exhaust), like 扣完4分为止."""
    return ast.LimitPiece("exhaust" if word in ast.DEDUCTION_CAP_WORDS else "cap", scope, word, amount)
_PM_WORDS = ["累计加减分最高为", "加减分最高为", "累计加减分不超过"]
_FILLERS = ["抽查发现", "发现", "新增", "延迟", "被投诉", "少完成", "低", "下降"]
_POST_FILLERS = ["事项", "问题", "“明进暗不进”问题", "主题"]
_CHILD_STYLES = ["arabic", "arabic_paren", "cn_paren", "circled", "heading", "anon"]

# Units a compared value may carry, by the kind of fact compared.
_UNITS = {
    "percent": ["%"],
    "count": [None, *_COUNT_MEASURES],
    "ratio": [None],
    "rank": [None, "名", "位"],
    "days": [None, "天", "日", "个工作日", "工作日"],
    "months": [None, "月", "个月"],
    "score": [None, "分"],
}
_STEP_MEASURES = {
    "percent": ["个百分点", "百分点"],
    "rank": ["名", "位"],
    "count": _COUNT_MEASURES,
    "days": ["天", "日", "个工作日", "工作日"],
    "months": ["月", "个月"],
}
_PRE_BY_DIRECTION = {d: sorted(w for w, (dd, _) in PRE_WORDS.items() if dd == d) for d in ("ge", "le", "eq")}
_POST_BY_DIRECTION = {d: sorted(w for w, (dd, _) in POST_WORDS.items() if dd == d) for d in ("ge", "le")}


def _name_text(alphabet: str = _NAME_ALPHABET, max_size: int = 6):
    # a blank name (GR215), or one with spaces around it (GR220), is an error: a facts file could never give it
    return st.text(alphabet=alphabet, min_size=1, max_size=max_size).filter(lambda name: name.strip() == name != "")


class _Names:
    """Fresh, unique names for facts and options within one rubric."""

    def __init__(self, draw) -> None:
        self.draw = draw
        self.used: set[str] = set()

    def fresh(self) -> str:
        base = self.draw(_name_text())
        name = base if base not in self.used else f"{base}{len(self.used)}"
        self.used.add(name)
        return name


# ------------------------------------------------------------------ values and comparisons
def _number(draw, kind: str) -> Decimal:
    if kind == "percent":
        return draw(st.sampled_from([D(0), D(50), D("60"), D("80"), D("90"), D("92.5"), D("95"), D(100)]))
    if kind == "ratio":
        return draw(st.sampled_from([D("0"), D("0.05"), D("0.5"), D("1"), D("2.5")]))
    if kind == "rank":
        return D(draw(st.integers(1, 40)))
    if kind == "score":
        return draw(st.sampled_from([D(0), D("0.5"), D(1), D(2), D(3)]))
    if kind == "quantity":
        return draw(st.sampled_from([D(0), D("0.5"), D(1), D("1.5"), D(5), D(12), D(30), D(1200)]))
    return D(draw(st.integers(0, 30)))


# Units of measure a quantity fact is declared in (事实「面积」:平方米), and the numbers a clause writes them with.
_QUANTITY_UNITS = ["平方米", "平米", "元", "万元", "亩", "万亩", "亿立方米", "分钟", "小时", "岁", "公里", "吨"]
# 1/200, 1:100, 万分之一, 千分之三, 百分之八十: proportions a percentage or a ratio is compared with
_PARTS = [(D(1), D(200), "fraction"), (D(1), D(100), "colon"), (D(1), D(10000), "part_of"),
          (D(3), D(1000), "part_of"), (D(80), D(100), "part_of"), (D(1), D(3), "fraction")]


def _value(draw, kind: str, number: Decimal | None = None, measure: str | None = None,
           parts: bool = False) -> ast.Value:
    if kind == "quantity":
        return _quantity_value(draw, measure, number if number is not None else _number(draw, "quantity"))
    if parts and kind in ("ratio", "percent") and draw(st.integers(0, 3)) == 0:
        top, over, form = draw(st.sampled_from(_PARTS))
        return ast.Value(top, None, over=over, form=form)
    return ast.Value(number if number is not None else _number(draw, kind), draw(st.sampled_from(_UNITS[kind])))


def _quantity_value(draw, measure: str, number: Decimal) -> ast.Value:
    """A number with no unit (the fact's), the fact's unit or another spelling, or a unit it converts from
    exactly (5000元 for a fact in 万元), or a bare 万 (5万 of a fact in 元)."""
    from govrubric.units import UNITS, convert

    dimension = UNITS[measure].dimension
    choices = [None, measure, "万"] + [u for u, unit in UNITS.items() if unit.dimension == dimension]
    unit = draw(st.sampled_from(choices))
    if unit is not None and convert(number, unit, measure)[0] is None:
        unit = measure
    return ast.Value(number, unit)


def _incl(draw):
    return draw(st.sampled_from([None, None, "含", "不含"]))


def comparison(draw, kind: str, one_sided: bool = False, measure: str | None = None) -> ast.Comparison:
    def _value(draw, kind, number=None, parts=False):
        return _value_of(draw, kind, number, measure, parts)

    forms = ["pre", "post"] if one_sided else ["pre", "post", "range", "eq"]
    if kind == "rank":
        forms += ["rank_after"] if one_sided else ["top", "rank", "rank_after"]
    form = draw(st.sampled_from(forms))
    if form == "pre":
        direction = draw(st.sampled_from(["ge", "le"] if one_sided else ["ge", "le", "eq"]))
        pre = draw(st.sampled_from(_PRE_BY_DIRECTION[direction]))
        post = None
        if kind != "rank" and direction != "eq" and draw(st.booleans()):
            post = draw(st.sampled_from(_POST_BY_DIRECTION[direction]))
        return ast.Comparison("pre", _value(draw, kind, parts=True), pre=pre, post=post, low_incl=_incl(draw))
    if form == "post":
        post = draw(st.sampled_from(sorted(POST_WORDS)))
        return ast.Comparison("post", _value(draw, kind, parts=True), post=post, low_incl=_incl(draw))
    if form == "range":
        a, b = sorted([_number(draw, kind), _number(draw, kind)])
        if kind == "quantity":  # one unit for both ends (the low end may leave it to the high end's)
            unit = draw(st.sampled_from([None, measure]))
            return ast.Comparison("range", ast.Value(a, draw(st.sampled_from([None, unit]))), ast.Value(b, unit),
                                  low_incl=_incl(draw), high_incl=_incl(draw))
        return ast.Comparison("range", _value(draw, kind, a), _value(draw, kind, b),
                              low_incl=_incl(draw), high_incl=_incl(draw))
    if form == "eq":
        return ast.Comparison("eq", _value(draw, kind, parts=True), low_incl=draw(st.sampled_from([None, "含"])))
    if form == "top":
        return ast.Comparison("top", ast.Value(_number(draw, "rank"), draw(st.sampled_from([None, "名", "位"]))),
                              low_incl=_incl(draw))
    rank = ast.Value(_number(draw, "rank"), draw(st.sampled_from(["名", "位"])))
    if form == "rank":
        return ast.Comparison("rank", rank)
    return ast.Comparison("rank", rank, post=draw(st.sampled_from(["之后", "以后", "之前", "以前"])),
                          low_incl=_incl(draw))


_value_of = _value
# the comparison words that can stand before another fact (the grammar's fact_pre_word)
_FACT_PRE_WORDS = sorted(w for w in PRE_WORDS if w not in ("为", "满", "有"))
_SHARES = {"的30%": D("0.3"), "的50%": D("0.5"), "的百分之八十": D("0.8"), "的1.2倍": D("1.2"), "的两倍": D(2)}


def attrs_evolve(node, **changes):
    import attrs

    return attrs.evolve(node, **changes)


# ------------------------------------------------------------------ facts
def _decl(name: str, kind: str, draw, **kw) -> ast.FactDecl:
    optional = draw(st.booleans()) if kind not in ("choice", "list") else False
    if kind == "count":
        if draw(st.integers(0, 5)) == 0:  # 事实「参训人数」:名
            measure = draw(st.sampled_from(["名", "人", "张", "台套"]))
            return ast.FactDecl(ast.Name(name), ast.FactType("unit", measure=measure, word=measure), optional)
        word = draw(st.sampled_from(_COUNT_WORDS))
        measure = draw(st.sampled_from([None, None, "次", "个", "项"]))
        return ast.FactDecl(ast.Name(name), ast.FactType("count", measure=measure, word=word), optional)
    if kind == "quantity":
        measure = kw.get("measure") or draw(st.sampled_from(_QUANTITY_UNITS))
        if draw(st.integers(0, 3)) == 0:  # 数量(万元)
            return ast.FactDecl(ast.Name(name), ast.FactType("count", measure=measure, word="数量"), optional)
        return ast.FactDecl(ast.Name(name), ast.FactType("unit", measure=measure, word=measure), optional)
    return ast.FactDecl(ast.Name(name), ast.FactType(kind, **kw), optional)


def _operand(*names: str) -> ast.Operand:
    return ast.Operand(tuple(ast.Name(n) for n in names))


class _Clauses:
    """Draws one clause and the facts it needs."""

    def __init__(self, draw, names: _Names, points: Decimal | None, ctx: dict) -> None:
        self.draw = draw
        self.names = names
        self.points = points
        self.categories = ctx["categories"]
        self.sections = ctx["sections"]
        self.cohorts = ctx["cohorts"]
        self.facts: list[ast.FactDecl] = []

    def fact(self, kind: str, **kw) -> str:
        name = self.names.fresh()
        self.facts.append(_decl(name, kind, self.draw, **kw))
        return name

    def amount(self) -> Decimal:
        return self.draw(st.sampled_from(_AMOUNTS))

    def points_outcome(self, kinds=("award", "bonus", "deduct")) -> ast.Outcome:
        kind = self.draw(st.sampled_from(kinds))
        word = {"award": self.draw(st.sampled_from(["得", "得", "得分"])), "bonus": "加",
                "deduct": self.draw(st.sampled_from(["扣", "扣", "直接扣"]))}[kind]
        return ast.Outcome(kind, word, (self.amount(),))

    def spill(self) -> dict:
        """Now and then 「,并追加扣除N分」 after 不得分 (spill.py): N off the total."""
        if self.draw(st.integers(0, 3)):
            return {}
        return {"spill": self.amount(), "spill_word": self.draw(st.sampled_from(["并追加扣除", "另扣", "并从总分中扣除"]))}

    def tier_outcome(self, allow_set: bool = True) -> ast.Outcome:
        choice = self.draw(st.sampled_from(["points", "points", "points", "earned", "zero", "veto", "full", "none",
                                            "set"]))
        if choice == "points":
            return self.points_outcome()
        if choice == "earned":  # 要求+分值: 「…」达到90%(2分), 「…」的,2分
            return ast.Outcome("award", "", (self.amount(),), style=self.draw(st.sampled_from(["points", "bare"])))
        if choice == "zero":
            return ast.Outcome("zero", "不得分", **self.spill())
        if choice == "veto":
            below = self.draw(st.sampled_from([None, None, None, self.amount()]))  # 同时倒扣N分
            word = self.draw(st.sampled_from(["该项不得分", "此项不得分", "本项不得分"]))
            return ast.Outcome("veto", word, below=below, **({} if below is not None else self.spill()))
        if choice == "full":
            return ast.Outcome("full", "得满分")
        if choice == "none" and self.draw(st.integers(0, 3)) == 0:  # 从总分中扣除N分 (spill.py)
            return ast.Outcome("total_off", "从总分中扣除", (self.amount(),))
        if choice == "none" or not allow_set:
            return ast.Outcome("no_deduction", "不扣分")
        return self.set_score()

    def set_score(self) -> ast.Outcome:
        low, high = sorted([self.draw(st.sampled_from(_POINTS)), self.draw(st.sampled_from(_POINTS))])
        ranged = self.draw(st.booleans())
        name = self.fact("score", **({"low": D(0), "high": high} if ranged else {}))
        adjust = self.draw(st.sampled_from([None, None, D("-1"), D("0.5")]))
        return ast.Outcome("set_score", "按", name=ast.Name(name), adjust=adjust)

    def label(self) -> str | None:
        if not self.draw(st.booleans()):
            return None
        style = self.draw(st.sampled_from(["arabic", "arabic_paren", "cn_paren", "circled"]))
        return canonical_label(style, self.draw(st.integers(1, 12)))

    def limits(self) -> tuple[ast.LimitPiece, ...]:
        found = []
        for _ in range(self.draw(st.integers(0, 1))):
            kind = self.draw(st.sampled_from(["cap", "cap", "exhaust", "both"]))
            scope = self.draw(st.sampled_from([None, None, "此项", "该项"]))
            if kind == "cap":
                word = self.draw(st.sampled_from([*_CAP_WORDS, "加满"]))
                found.append(_cap_piece(scope, word, self.amount()))
            elif kind == "exhaust":
                amount = self.amount() if self.points is None or self.draw(st.booleans()) else None
                found.append(ast.LimitPiece("exhaust", scope, "", amount))
            else:
                found.append(ast.LimitPiece("both", scope, self.draw(st.sampled_from(_PM_WORDS)), self.amount()))
        return tuple(found)

    def clause(self, *tiers: ast.Tier) -> ast.Clause:
        limits = self.limits()
        last = tiers[-1].body
        if limits and isinstance(last, ast.Outcome) and last.style == "bare":
            # 「……的,0.1分」 is points only where the clause ends (language.md 6.1): a limit after it would be
            # read as something else, so the published form never has one there
            tiers = tiers[:-1] + (attrs.evolve(tiers[-1], body=attrs.evolve(last, style=None, word="得")),)
        return ast.Clause(self.label(), tuple(tiers), limits, exemptions=self.exemptions(tiers))

    def exemptions(self, tiers) -> tuple[ast.ExemptionPiece, ...]:
        """(若「…」的,不扣分) now and then, on a clause that neither sets the base nor gives full marks."""
        sets = ("set_score", "proportional", "formula", "full")
        if any(getattr(t.body, "kind", None) in sets for t in tiers) or self.draw(st.integers(0, 5)) != 0:
            return ()
        lead, word = self.draw(st.sampled_from([("若", "不扣分"), (None, "除外"), ("因", "不计分")]))
        return (ast.ExemptionPiece(lead, ast.CondTrue(_operand(self.fact("bool"))), word),)

    # ---------------------------------------------------------------- clause kinds
    def bool_clause(self) -> ast.Clause:
        name = self.fact("bool")
        if self.draw(st.booleans()):
            first = ast.Tier(ast.CondTrue(_operand(name)), self.points_outcome(("award", "bonus")))
        else:
            word = self.draw(st.sampled_from(["未", "没有", "不", "无"]))
            first = ast.Tier(ast.CondFalse(_operand(name), word), self.tier_outcome())
        tiers = [first]
        if self.draw(st.booleans()):
            tiers.append(ast.Tier(None, self.draw(st.sampled_from(
                [ast.Outcome("zero", "不得分"), self.points_outcome(("deduct",))]))))
        return self.clause(*tiers)

    def numeric_clause(self) -> ast.Clause:
        kind = self.draw(st.sampled_from(["percent", "count", "ratio", "rank", "days", "months", "score", "quantity"]))
        measure = None
        if kind == "ratio" and self.draw(st.booleans()):
            operand = _operand(self.fact("count"), self.fact(self.draw(st.sampled_from(["count", "days", "quantity"]))))
            subject_kind = "ratio"
        else:
            operand = _operand(self.fact(kind))
            subject_kind = kind
            measure = self.facts[-1].type.measure if kind == "quantity" else None
        tiers = [ast.Tier(ast.CondCompare(operand, comparison(self.draw, subject_kind, measure=measure)),
                          self.tier_outcome())]
        for _ in range(self.draw(st.integers(0, 3))):
            more = ast.CondCompare(ast.Operand(()), comparison(self.draw, subject_kind, measure=measure))
            tiers.append(ast.Tier(more, self.tier_outcome()))
        ending = self.draw(st.sampled_from(["none", "else", "else_if"]))
        if ending == "else":
            tiers.append(ast.Tier(None, self.tier_outcome()))
        elif ending == "else_if":
            tiers.append(ast.Tier(ast.CondTrue(_operand(self.fact("bool"))), self.tier_outcome()))
        return self.clause(*tiers)

    def atom(self) -> ast.Cond:
        choice = self.draw(st.sampled_from(["true", "false", "compare", "in"]))
        if choice == "true":
            return ast.CondTrue(_operand(self.fact("bool")))
        if choice == "false":
            return ast.CondFalse(_operand(self.fact("bool")), self.draw(st.sampled_from(["未", "没有", "不", "无"])))
        if choice == "in":
            return self.choice_cond()
        kind = self.draw(st.sampled_from(["percent", "count", "rank"]))
        return ast.CondCompare(_operand(self.fact(kind)), comparison(self.draw, kind))

    def choice_cond(self, kind: str = "choice") -> ast.CondIn:
        options = self.draw(st.lists(_name_text(max_size=4), min_size=1, max_size=4, unique=True))
        name = self.fact(kind, options=tuple(options))
        chosen = self.draw(st.lists(st.sampled_from(options), min_size=1, max_size=len(options), unique=True))
        return ast.CondIn(_operand(name), tuple(ast.Name(o) for o in chosen))

    def compound_clause(self) -> ast.Clause:
        def conj():
            return ast.CondAll(tuple(self.atom() for _ in range(self.draw(st.integers(2, 3)))))

        if self.draw(st.booleans()):
            cond = conj()
        else:
            parts = [conj() if self.draw(st.booleans()) else self.atom() for _ in range(self.draw(st.integers(2, 3)))]
            # 未「甲」或「乙」 is refused (does the 未 say 「乙」 too? GR101, language.md 5): the negated parts written last
            parts.sort(key=lambda part: isinstance(part, ast.CondFalse))
            cond = ast.CondAny(tuple(parts))
        return self.clause(ast.Tier(cond, self.tier_outcome()))

    def choice_clause(self) -> ast.Clause:
        if self.categories and self.draw(st.integers(0, 2)) == 0:  # 「单位类别」为「…」 (issue 14 §1)
            chosen = self.draw(st.lists(st.sampled_from(self.categories), min_size=1, unique=True))
            cond = ast.CondIn(_operand("单位类别"), tuple(ast.Name(c) for c in chosen))
            if self.draw(st.booleans()):
                cond = ast.CondAll((cond, self.atom()))
            return self.clause(ast.Tier(cond, self.tier_outcome()))
        tiers = [ast.Tier(self.choice_cond(), self.tier_outcome())]
        if self.draw(st.booleans()):
            tiers.append(ast.Tier(self.choice_cond(), self.tier_outcome()))
        return self.clause(*tiers)

    def per(self, kind: str, outcome: ast.Outcome | None = None, step: bool = False) -> ast.Per:
        measure = self.draw(st.sampled_from(_STEP_MEASURES[kind] if step else (
            _COUNT_MEASURES if kind in ("count", "discretionary") else _STEP_MEASURES[kind])))
        filler = self.draw(st.sampled_from([None, None, *_FILLERS]))
        post = self.draw(st.sampled_from([None, None, *_POST_FILLERS])) if not step else None
        count = self.draw(st.sampled_from([D(1), D(1), D(2), D("0.5")])) if not step else D(1)
        return ast.Per(filler, count, measure, post, outcome or self.points_outcome())

    def per_count_clause(self) -> ast.Clause:
        kind = self.draw(st.sampled_from(["count", "days", "months", "discretionary"]))
        name = self.fact(kind)
        outcome = self.discretion(per=True) if kind == "discretionary" else None
        if kind == "count" and self.draw(st.integers(0, 3)) == 0:  # 扣0.5分/项
            out = self.points_outcome()
            out = ast.Outcome(out.kind, out.word, out.amounts, per_measure=self.draw(st.sampled_from(_COUNT_MEASURES)))
            return self.clause(ast.Tier(ast.CondTrue(_operand(name)), out))
        return self.clause(ast.Tier(ast.CondTrue(_operand(name)), self.per(kind, outcome)))

    def per_step_clause(self) -> ast.Clause:
        kind = self.draw(st.sampled_from(["percent", "rank", "count", "days", "months"]))
        comp = comparison(self.draw, kind, one_sided=True)
        if comp.low is not None and comp.low.over == D(3):  # a gap needs a finite threshold (GR303): 1/4, not 1/3
            comp = attrs_evolve(comp, low=attrs_evolve(comp.low, over=D(4)))
        cond = ast.CondCompare(_operand(self.fact(kind)), comp)
        return self.clause(ast.Tier(cond, self.per(kind, self.points_outcome(), step=True)))

    def escalation_clause(self) -> ast.Clause:
        name = self.fact("count")
        if self.draw(st.integers(0, 2)) == 0:  # 1 in 3: the census in test_printer.py must see EscalateEach
            return self.progression_clause(name)
        firsts = sorted(self.draw(st.lists(st.integers(2, 5), max_size=2, unique=True)))
        ordinals = [ast.Ordinal(1, False)] + [ast.Ordinal(k, False) for k in firsts]
        if self.draw(st.booleans()):
            ordinals[-1] = ast.Ordinal(ordinals[-1].first, True) if len(ordinals) > 1 else ast.Ordinal(2, True)
            if len(ordinals) == 1:
                ordinals = [ast.Ordinal(1, False), ast.Ordinal(2, True)]
        elif self.draw(st.integers(0, 2)) == 0:
            ordinals.append(ast.Ordinal(None, True))  # 以后每次: from the occurrence after the last step

        def step_outcome():
            return self.draw(st.sampled_from([self.points_outcome(("deduct",)),
                                              ast.Outcome("veto", "此项不得分")]))

        tiers = [ast.Tier(ast.CondTrue(_operand(name)), ast.Escalate(ordinals[0], step_outcome()))]
        tiers += [ast.Tier(None, ast.Escalate(o, step_outcome())) for o in ordinals[1:]]
        return self.clause(*tiers)

    def progression_clause(self, name: str) -> ast.Clause:
        """第一起、第二起……分别扣…,以此类推 (amounts that do not shrink), or 第一次扣N分,以后每多一次加倍扣分 with
        the cap it needs (扣完N分为止)."""
        subject = ast.CondTrue(_operand(name))
        if self.draw(st.booleans()):
            count = self.draw(st.integers(2, 4))
            amounts = sorted(self.draw(st.lists(st.sampled_from(_AMOUNTS), min_size=count, max_size=count)))
            measure = self.draw(st.sampled_from(["次", "起"]))
            ordinals = tuple(ast.Ordinal(k, False, f"第{k}{measure}") for k in range(1, count + 1))
            out = ast.Outcome("deduct", "扣", tuple(amounts))
            tiers = (ast.Tier(subject, ast.EscalateEach(ordinals, "分别", out)),
                     ast.Tier(None, ast.Progression("arith", "以此类推")))
            return self.clause(*tiers)
        first = ast.Tier(subject, ast.Escalate(ast.Ordinal(1, False), self.points_outcome(("deduct",))))
        tiers = (first, ast.Tier(None, ast.Progression("double", "以后每多一次加倍扣分")))
        return ast.Clause(self.label(), tiers, (ast.LimitPiece("exhaust", None, "", self.amount()),))

    def respective_clause(self) -> ast.Clause:
        if self.draw(st.booleans()):
            top = self.draw(st.integers(1, 4))
            cond = ast.CondCompare(_operand(self.fact("rank")), ast.Comparison(
                "top", ast.Value(D(top), self.draw(st.sampled_from([None, "名", "位"])))))
            count, word = top, "依次"
        else:
            cond = self.choice_cond(self.draw(st.sampled_from(["choice", "list"])))
            count, word = len(cond.options), "分别"
        out = self.points_outcome()
        out = ast.Outcome(out.kind, out.word if out.word != "直接扣" else "扣",
                          tuple(self.amount() for _ in range(count)))
        return self.clause(ast.Tier(cond, ast.Respectively(word, out)))

    def discretion(self, per: bool = False) -> ast.Outcome:
        low, high = sorted([self.amount(), self.amount()])
        forms = ["range", "deduct_range", "deduct_upto", "bonus"]
        if not per and self.points is not None:
            forms.append("any")
        form = self.draw(st.sampled_from(forms))
        if form == "range":
            return ast.Outcome("discretion_deduct", "扣", low=low, high=high)
        if form == "deduct_range":
            return ast.Outcome("discretion_deduct", "视情扣", low=low, high=high)
        if form == "deduct_upto":
            return ast.Outcome("discretion_deduct", "视情扣", low=D(0), high=high)
        if form == "bonus":
            return ast.Outcome("discretion_bonus", "视情加", low=D(0), high=high)
        return ast.Outcome("discretion_deduct", "视情扣分")

    def discretion_clause(self) -> ast.Clause:
        name = self.fact("discretionary")
        return self.clause(ast.Tier(ast.CondTrue(_operand(name)), self.discretion()))

    def bare_clause(self) -> ast.Clause:
        choice = self.draw(st.integers(0, 2))
        out = self.set_score() if choice == 0 else self.formula() if choice == 1 else ast.Outcome("full", "得满分")
        return ast.Clause(self.label(), (ast.Tier(None, out),), ())

    def formula(self) -> ast.Outcome:
        """该项得分=「甲」÷「乙」×10分, 得分=「甲」+「乙」, 得分=「甲」/12×1分, 按「甲」÷「乙」的比例扣2分 (issue 14 §2)."""
        if self.draw(st.integers(0, 2)) == 0:
            if self.draw(st.booleans()):
                share: ast.Expr = ast.Name(self.fact(self.draw(st.sampled_from(["percent", "ratio"]))))
            else:
                share = ast.Arith("/", "÷", ast.Name(self.fact("count")), ast.Name(self.fact("count")))
            base = self.draw(st.sampled_from(_POINTS))
            return ast.Outcome("proportional_deduct", "按", (base,), expr=share)
        _, names = self._alike_facts(self.draw(st.integers(1, 2)))
        if len(names) == 2 and self.draw(st.booleans()):
            tree = ast.Arith("/", self.draw(st.sampled_from(["÷", "/", "除以"])), ast.Name(names[0]), ast.Name(names[1]))
            tree = ast.Arith("*", "×", tree, ast.Number(self.draw(st.sampled_from([D(10), D(4), D("0.5")]))))
        else:
            tree = self.expr(names)
        word = self.draw(st.sampled_from(["得分=", "该项得分=", "本项得分＝"]))
        return ast.Outcome("formula", word, expr=tree)

    def cohort_clause(self) -> ast.Clause:
        """A value over the units scored together (排名, 最低值…), compared like any fact."""
        kind = self.draw(st.sampled_from(["rank", "min", "max", "avg"]))
        source = self.draw(st.sampled_from(["fact", "fact", "here", "section", "total"]))
        scope_cond, scope_categories = None, ()
        scope = self.draw(st.sampled_from(["none", "cond", "categories"] if source == "fact" else ["cond"]))
        if scope == "categories" and self.categories:
            scope_categories = tuple(ast.Name(c) for c in self.draw(
                st.lists(st.sampled_from(self.categories), min_size=1, unique=True)))
        elif scope != "none":
            scope_cond = self.draw(st.sampled_from([
                ast.CondTrue(_operand(self.fact("bool"))), self.choice_cond()]))
        name = section = None
        if source == "fact":
            source_kind = self.draw(st.sampled_from(["percent", "score", "count", "days"]))
            name = ast.Name(self.fact(source_kind))
            value_kind = "rank" if kind == "rank" else (
                "ratio" if kind == "avg" and source_kind in ("count", "days") else source_kind)
        else:
            value_kind = "rank" if kind == "rank" else "score"
            if source == "section":
                section = ast.SectionRef(self.draw(st.integers(1, self.sections)))
        cohort = ast.CohortDef(kind, source, name=name, section=section, descending=self.draw(st.booleans()) if kind == "rank" else True,
                               scope_cond=scope_cond, scope_categories=scope_categories)
        computed = self.names.fresh()
        self.facts.append(ast.FactDecl(ast.Name(computed), ast.FactType("cohort", word="计算"), False, cohort=cohort))
        if value_kind == "score" and self.draw(st.booleans()):
            return self.clause(ast.Tier(ast.CondTrue(_operand(self.fact("bool"))),
                                        ast.Outcome("set_score", "按", name=ast.Name(computed))))
        cond = ast.CondCompare(_operand(computed), comparison(self.draw, value_kind))
        return self.clause(ast.Tier(cond, self.tier_outcome(allow_set=False)))

    # ---------------------------------------------------------------- arithmetic between facts (issue 14 §2)
    def _alike_facts(self, count: int) -> tuple[str, list[str]]:
        """count facts of one kind (and one unit of measure, or units that convert: 亩 and 万亩)."""
        kind = self.draw(st.sampled_from(["percent", "count", "quantity", "ratio"]))
        if kind != "quantity":
            return kind, [self.fact(kind) for _ in range(count)]
        family = self.draw(st.sampled_from([["亩", "万亩"], ["元", "万元"], ["平方米", "平米"], ["分钟", "小时"]]))
        return kind, [self.fact(kind, measure=self.draw(st.sampled_from(family))) for _ in range(count)]

    def expr(self, names: list[str]) -> ast.Expr:
        """「甲」+「乙」, 「甲」减去「乙」, 「甲」×2 … (left to right, × and ÷ only by numbers here)."""
        tree: ast.Expr = ast.Name(names[0])
        for name in names[1:]:
            op, word = self.draw(st.sampled_from([("+", "+"), ("+", "＋"), ("+", "加上"), ("-", "-"), ("-", "减去")]))
            tree = ast.Arith(op, word, tree, ast.Name(name))
        if self.draw(st.integers(0, 3)) == 0:
            op, word = self.draw(st.sampled_from([("*", "×"), ("*", "*"), ("/", "÷"), ("/", "除以")]))
            number = ast.Number(self.draw(st.sampled_from([D(2), D(10), D("0.5"), D(12)])))
            tree = ast.Arith(op, word, tree, number) if isinstance(tree, ast.Name) else tree
        return tree

    def arithmetic_clause(self) -> ast.Clause:
        """A sum compared with a number, or one value against another (a fact, a sum, or a share of a count)."""
        kind, names = self._alike_facts(self.draw(st.integers(2, 3)))
        left_count = self.draw(st.integers(1, len(names) - 1))
        left, right = names[:left_count], names[left_count:]
        operand = _operand(*left) if len(left) == 1 else ast.Operand(tuple(ast.Name(n) for n in left),
                                                                     expr=self.expr(left))
        if len(left) > 1 and self.draw(st.booleans()):  # 「甲」+「乙」不少于5 — a number in the first fact's unit
            comp = comparison(self.draw, kind if kind != "quantity" else "count", one_sided=True)
            comp = attrs_evolve(comp, low=ast.Value(comp.low.number, "%" if kind == "percent" else None))
            return self.clause(ast.Tier(ast.CondCompare(operand, comp), self.tier_outcome()))
        value: ast.Expr = self.expr(right)
        if self.draw(st.integers(0, 2)) == 0:
            word = self.draw(st.sampled_from(["的30%", "的50%", "的百分之八十", "的1.2倍", "的两倍"]))
            value = ast.Share(ast.Name(right[0]), _SHARES[word], word)
        pre = self.draw(st.sampled_from(_FACT_PRE_WORDS))
        comp = ast.Comparison("fact", ast.Value(None, None, form="expr", expr=value), pre=pre,
                              low_incl=self.draw(st.sampled_from([None, None, "含", "不含"])))
        cond = ast.CondCompare(operand, comp)
        direction = PRE_WORDS[pre][0]
        if direction != "eq" and kind in ("percent", "count") and self.draw(st.booleans()):
            measure = "个百分点" if kind == "percent" else self.draw(st.sampled_from(["个", "项", "次"]))
            filler = "低" if direction == "le" else "超"
            return self.clause(ast.Tier(cond, ast.Per(filler, D(1), measure, None, self.points_outcome())))
        tiers = [ast.Tier(cond, self.tier_outcome())]
        if self.draw(st.booleans()):
            tiers.append(ast.Tier(None, self.tier_outcome()))
        return self.clause(*tiers)

    KINDS = ("bool_clause", "numeric_clause", "numeric_clause", "compound_clause", "choice_clause",
             "per_count_clause", "per_step_clause", "escalation_clause", "respective_clause",
             "discretion_clause", "bare_clause", "cohort_clause", "arithmetic_clause", "running_clause")

    def running_clause(self) -> ast.Clause:
        """扣满N分的 / 本项扣分达到N分的 / 本项扣分超过N分的 (check/running.py): extra off the total, a veto or a
        deduction, on what the item's other clauses deduct."""
        word, pre = self.draw(st.sampled_from([("扣满", None), ("本项扣分", "达到"), ("本项扣分", "超过"),
                                                ("累计扣分", "满")]))
        out = self.draw(st.sampled_from([
            ast.Outcome("deduct", "追加扣除", (self.amount(),)), ast.Outcome("deduct", "扣", (self.amount(),)),
            ast.Outcome("veto", "此项不得分"), ast.Outcome("zero", "不得分")]))
        return ast.Clause(self.label(), (ast.Tier(ast.CondRunning(word, pre, self.amount()), out),), ())

    def any_clause(self) -> ast.Clause:
        kinds = self.KINDS if self.cohorts else tuple(k for k in self.KINDS if k != "cohort_clause")
        return getattr(self, self.draw(st.sampled_from(kinds)))()

    def sole_counter_clause(self) -> ast.Clause:
        """每… with no subject: it counts the item's only count fact, maybe under a guard."""
        kind = self.draw(st.sampled_from(["count", "days", "months"]))
        self.fact(kind)
        per = self.per(kind)
        guard = self.draw(st.sampled_from(["none", "false", "in"]))
        if guard == "none":
            return self.clause(ast.Tier(None, per))
        cond = (ast.CondFalse(_operand(self.fact("bool")), "未") if guard == "false" else self.choice_cond())
        return self.clause(ast.Tier(cond, per))


# ------------------------------------------------------------------ items
def _title(draw):
    return draw(_name_text(_TITLE_ALPHABET.replace("】", ""), max_size=10))


def _head(draw, style: str, number: int | None) -> ast.ItemHead:
    points = draw(st.sampled_from([None, *_POINTS, *_POINTS]))
    cap = None
    if points is None and draw(st.booleans()):
        cap = (draw(st.sampled_from(_HEAD_CAP_WORDS)), draw(st.sampled_from(_POINTS)))
    if style == "heading":
        return ast.ItemHead(style, "", None, _title(draw), points, cap)
    if style == "anon":
        return ast.ItemHead(style, "", None, _title(draw) if draw(st.booleans()) else None, points, cap)
    title = _title(draw) if points is None and cap is None or draw(st.booleans()) else None
    if title is None and points is None and cap is None:
        title = _title(draw)
    return ast.ItemHead(style, canonical_label(style, number), number, title, points, cap)


def _item_limits(draw, points) -> tuple[ast.LimitPiece, ...]:
    found = []
    for _ in range(draw(st.integers(0, 1))):
        scope = draw(st.sampled_from([None, "此项", "该项", "本项"]))
        kind = draw(st.sampled_from(["cap", "exhaust", "both", "no_floor", "largest"]))
        amount = draw(st.sampled_from(_AMOUNTS))
        if kind == "cap":
            # a bound on what is added, under an item with points, is GR206: it would cap the item's score
            words = [w for w in [*_CAP_WORDS, "加满"] if points is None or w not in ast.BONUS_CAP_WORDS]
            found.append(_cap_piece(scope, draw(st.sampled_from(words)), amount))
        elif kind == "exhaust":
            found.append(ast.LimitPiece("exhaust", scope, "", draw(st.sampled_from([None, amount]))))
        elif kind == "both":
            found.append(ast.LimitPiece("both", scope, draw(st.sampled_from(_PM_WORDS)), amount))
        elif kind == "largest":  # 就高不就低: only the largest of the clauses' deductions
            found.append(ast.LimitPiece("largest", None, draw(st.sampled_from(["就高不就低", "不累计扣分"])), None))
        else:
            found.append(ast.LimitPiece("no_floor", scope, "可扣至负分", None))
    return tuple(found)


def _distinct_titles(items: tuple[ast.Item, ...]) -> tuple[ast.Item, ...]:
    """Sibling 【…】 items titled alike share a numbering path (GR203): a rubric the strategy must not draw."""
    import attrs

    seen: set[str] = set()
    distinct = []
    for item in items:
        title = item.head.title
        while title in seen:
            title += "0"
        seen.add(title)
        distinct.append(item if title == item.head.title else attrs.evolve(item, head=attrs.evolve(item.head, title=title)))
    return tuple(distinct)


def _item(draw, names: _Names, ctx: dict, style: str, number: int | None, depth: int, path_styles) -> ast.Item:
    head = _head(draw, style, number)
    scope_points = head.points if head.points is not None else (head.header_cap[1] if head.header_cap else None)
    clauses = _Clauses(draw, names, scope_points, ctx)
    meta = []
    for key in draw(st.lists(st.sampled_from(_META_KEYS), max_size=2, unique=True)):
        meta.append(ast.Meta(key, tuple(draw(st.lists(_name_text(), min_size=1, max_size=2)))))
    if ctx["categories"] and draw(st.integers(0, 3)) == 0:
        meta.append(ast.Meta("适用", tuple(draw(st.lists(st.sampled_from(ctx["categories"]), min_size=1, unique=True)))))
    notes = (ast.NotePiece((draw(_name_text()),)),) if draw(st.integers(0, 4)) == 0 else ()
    settings = _readings(draw, per_item=True)

    children = ()
    free = [s for s in _CHILD_STYLES if s not in path_styles]
    if depth < 2 and free and draw(st.integers(0, 2)) == 0:
        child_style = draw(st.sampled_from(free))
        count = draw(st.integers(1, 2))
        children = tuple(_item(draw, names, ctx, child_style, None if child_style in ("heading", "anon") else i + 1,
                               depth + 1, path_styles | {child_style}) for i in range(count))
        if child_style == "heading":
            children = _distinct_titles(children)

    sole = not children and draw(st.integers(0, 6)) == 0
    if sole:
        made = [clauses.sole_counter_clause()]
    else:
        made = [clauses.any_clause() for _ in range(draw(st.integers(0 if children else 1, 2)))]
    facts = tuple(clauses.facts)
    if not sole and draw(st.integers(0, 4)) == 0:  # declared at the top of the rubric instead
        ctx["facts"].extend(f for f in facts if f.cohort is None)
        facts = tuple(f for f in facts if f.cohort is not None)
    return ast.Item(head, tuple(meta), notes, tuple(settings), facts, tuple(made), _item_limits(draw, head.points),
                    children)


# ------------------------------------------------------------------ the rubric
def _final_clause(draw, total: str) -> ast.Clause:
    def cmp():
        return _total_comparison(draw)

    def result():
        if draw(st.booleans()):
            return ast.Outcome("final_value", "按", (draw(st.sampled_from([D(90), D(100)])),))
        return ast.Outcome("final_value", "按", name=ast.Name(total))

    tiers = [ast.Tier(ast.CondCompare(_operand(total), cmp()), result())]
    if draw(st.booleans()):
        tiers.append(ast.Tier(ast.CondCompare(ast.Operand(()), cmp()), result()))
    if draw(st.booleans()):
        tiers.append(ast.Tier(None, result()))
    return ast.Clause(None, tuple(tiers), ())


def _fact_condition(draw, names: _Names, ctx: dict) -> ast.Cond:
    """A condition on a fact declared before the items, as a 一票否决 or a grade on the facts reads one:
    「发生事故」, 未「签订责任书」, 「事故起数」2起以上."""
    name = names.fresh()
    kind = draw(st.sampled_from(["bool", "count"]))
    ctx["facts"].append(_decl(name, kind, draw))
    if kind == "count":
        return ast.CondCompare(_operand(name), comparison(draw, "count", one_sided=True))
    if draw(st.booleans()):
        return ast.CondTrue(_operand(name))
    return ast.CondFalse(_operand(name), draw(st.sampled_from(["未", "没有", "无"])))


def _veto_clause(draw, names: _Names, ctx: dict) -> ast.Clause:
    """一票否决: 「发生事故」的,按0分确定."""
    result = ast.Outcome("final_value", "按", (draw(st.sampled_from([D(0), D(60)])),))
    return ast.Clause(None, (ast.Tier(_fact_condition(draw, names, ctx), result),), ())


_GRADES = ["优秀", "良好", "合格", "基本合格", "不合格"]


def _grade_clause(draw, names: _Names, total: str, ctx: dict) -> ast.Clause:
    """等次: a ladder on the total (「考评得分」90分以上的为「优秀」;…;否则为「不合格」), or a grade on a fact."""
    def grade():
        name = draw(st.one_of(st.sampled_from(_GRADES), _name_text()))
        return ast.Outcome("grade", "为", name=ast.Name(name))

    if draw(st.integers(0, 3)) == 0:
        return ast.Clause(None, (ast.Tier(_fact_condition(draw, names, ctx), grade()),), ())
    first = ast.CondCompare(_operand(total), _total_comparison(draw))
    if ctx["categories"] and draw(st.integers(0, 2)) == 0:  # 「单位类别」为「乡镇」且「考评得分」90分以上的为「优秀」
        category = ast.CondIn(_operand("单位类别"), (ast.Name(draw(st.sampled_from(ctx["categories"]))),))
        first = ast.CondAll((category, first))
    tiers = [ast.Tier(first, grade())]
    for _ in range(draw(st.integers(0, 2))):
        tiers.append(ast.Tier(ast.CondCompare(ast.Operand(()), _total_comparison(draw)), grade()))
    if draw(st.booleans()):
        tiers.append(ast.Tier(None, grade()))
    return ast.Clause(None, tuple(tiers), ())


def _grade_limit_clause(draw, names: _Names, total: str, ctx: dict) -> ast.Clause:
    """一票否优 (…的,不得评为「优秀」) or 等次降一档, on a fact or on the total."""
    if draw(st.booleans()):
        cond = _fact_condition(draw, names, ctx)
    else:
        cond = ast.CondCompare(_operand(total), _total_comparison(draw))
    if draw(st.booleans()):
        out = ast.Outcome("grade_cap", "不得评为", name=ast.Name(draw(st.sampled_from(_GRADES))))
    else:
        out = ast.Outcome("grade_down", draw(st.sampled_from(["等次降一档", "等次降低一档", "降一个等次"])))
    return ast.Clause(None, (ast.Tier(cond, out),), ())


def _total_comparison(draw) -> ast.Comparison:
    form = draw(st.sampled_from(["pre", "post", "range", "eq"]))
    value = ast.Value(draw(st.sampled_from([D(60), D(90), D(100)])), draw(st.sampled_from([None, "分"])))
    if form == "pre":
        return ast.Comparison("pre", value, pre=draw(st.sampled_from(_PRE_BY_DIRECTION["ge"] + _PRE_BY_DIRECTION["le"])))
    if form == "post":
        return ast.Comparison("post", value, post=draw(st.sampled_from(sorted(POST_WORDS))))
    if form == "range":
        return ast.Comparison("range", ast.Value(D(0), value.unit), value)
    return ast.Comparison("eq", value)


@st.composite
def rubric_trees(draw, cohorts: bool = True) -> ast.Rubric:
    names = _Names(draw)
    categories = draw(st.lists(_name_text(max_size=4), max_size=3, unique=True))
    count = draw(st.integers(1, 3))
    ctx = {"categories": categories, "facts": [], "sections": count, "cohorts": cohorts}
    header = [ast.HeaderPiece("细则", text=draw(_name_text(max_size=12)))]
    if draw(st.booleans()):
        header.append(ast.HeaderPiece("年度", number=D(draw(st.integers(2015, 2030)))))
    if categories:
        header.append(ast.HeaderPiece("单位类别", names=tuple(ast.Name(c) for c in categories)))
    if draw(st.booleans()):
        header.append(ast.HeaderPiece("满分", number=D(100)))
    total = "总分"
    if draw(st.booleans()):
        total = draw(st.sampled_from(["总分", "考评得分", "考核得分"]))
        header.append(ast.HeaderPiece("总分", text=total if total != "总分" or draw(st.booleans()) else None,
                                      terms=_formula(draw, count)))
    settings = _readings(draw, per_item=False)
    meta = [ast.Meta(draw(st.sampled_from(["说明", "来源", "考核对象", "注"])), (draw(_name_text()),))
            for _ in range(draw(st.integers(0, 1)))]
    items = tuple(_item(draw, names, ctx, "cn", i + 1, 0, frozenset({"cn"})) for i in range(count))
    rules = [_final_clause(draw, total)] if draw(st.booleans()) else []
    if draw(st.integers(0, 3)) == 0:
        rules.append(_veto_clause(draw, names, ctx))
    for _ in range(draw(st.integers(0, 2)) if draw(st.booleans()) else 0):
        rules.append(_grade_clause(draw, names, total, ctx))
    if any(r.tiers[0].body.kind == "grade" for r in rules) and draw(st.integers(0, 2)) == 0:
        rules.append(_grade_limit_clause(draw, names, total, ctx))
    final = tuple(draw(st.permutations(rules)))  # the rules on the total and the grades may interleave
    return ast.Rubric(tuple(header), tuple(meta), tuple(settings), tuple(ctx["facts"]), final, items)


def _readings(draw, per_item: bool) -> list[ast.Setting]:
    """口径 settings, some with a stated reason: at the top any key, under an item those it allows."""
    found = []
    for key, reading in READINGS.items():
        # kept when the draw is 1, so that the simplest rubric states no reading (the registry grows; its smallest
        # example must stay small for Hypothesis)
        if (per_item and not reading.per_item) or draw(st.integers(0, 4 if per_item else 2)) != 1:
            continue
        if key == "边界":
            rules = draw(st.lists(st.tuples(st.sampled_from(sorted(POST_WORDS)),
                                            st.sampled_from(["含本数", "不含本数"])), min_size=1, max_size=2))
            values = tuple(w + r for w, r in rules)
        else:
            values = (draw(st.sampled_from(reading.values)),)
        reason = draw(_name_text(max_size=8)) if draw(st.integers(0, 2)) == 0 else None
        found.append(ast.Setting(key, values, reason=reason))
    return found


def _formula(draw, count: int) -> tuple[ast.Term, ...]:
    cut = draw(st.integers(1, count))
    terms = [ast.Term(1, ast.SectionRef(1), ast.SectionRef(cut) if cut > 1 else None, "得分")]
    if cut < count:
        sign = draw(st.sampled_from([1, -1]))
        terms.append(ast.Term(sign, ast.SectionRef(cut + 1), ast.SectionRef(count) if count > cut + 1 else None,
                              "扣分" if sign < 0 else "得分"))
    return tuple(terms)


def valid_rubric_texts(cohorts: bool = True):
    """Rubric source texts that pass `govrubric check`, printed by the canonical printer.
    cohorts=False leaves out values computed over all units (排名, 最低值…), for tests that
    score one unit at a time."""
    return rubric_trees(cohorts).map(print_rubric)


# ------------------------------------------------------------------ fact values for a checked rubric
# Raw values as a facts file would hold them (Decimal numbers, 「93.5%」 strings, bools, option
# names, lists of matters), drawn near the thresholds the rubric compares each fact with, so that
# every tier boundary is hit often. Facts computed over a cohort are left out (cohort.py fills them).
def _decimal(value) -> Decimal:
    """A threshold kept as an exact Fraction (1/3 of a percent) is tried through the decimals around it."""
    return value if isinstance(value, Decimal) else round(D(value.numerator) / D(value.denominator), 2)


def compared_points(rubric) -> dict[str, set[Decimal]]:
    """Each fact's thresholds: the ends of every interval it is compared with, and of every 每低 threshold."""
    from govrubric import model as m

    found: dict[str, set[Decimal]] = {}

    def visit(test) -> None:
        if isinstance(test, (m.AllOf, m.AnyOf)):
            for part in test.parts:
                visit(part)
        elif isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef):
            ends = {test.interval.low, test.interval.high} - {None}
            # a threshold kept as an exact Fraction (1/3 of a percent) is tried through the decimals around it
            found.setdefault(test.operand.name, set()).update(_decimal(e) for e in ends)

    for node in rubric.nodes():
        for rule in node.rules:
            for test in [t.test for t in rule.tiers] if isinstance(rule, m.Tiered) else [getattr(rule, "guard", None)]:
                visit(test)
            if isinstance(rule, m.PerStep) and isinstance(rule.operand, m.FactRef):
                found.setdefault(rule.operand.name, set()).add(_decimal(rule.threshold))
    for rules in (rubric.final, getattr(rubric, "grade_rules", None)):  # 一票否决 and grades on the facts
        for tier in rules.tiers if rules is not None else ():
            visit(tier.test)
    return found


def _values_around(points: set[Decimal], low: Decimal, high: Decimal | None, whole: bool, grid) -> list[Decimal]:
    """The given points and the values just around them, with a grid of other values, within [low, high].
    One sampled_from over a list keeps drawing fast for rubrics with a hundred facts."""
    deltas = [D(0), D(1), D(-1)] if whole else [D(0), D("0.5"), D("-0.5"), D("0.1"), D("-0.1")]
    found = {p + d for p in points for d in deltas} | set(grid) | {low}
    return sorted(x for x in found if x >= low and (high is None or x <= high))


_PERCENT_GRID = [D(x) for x in ("0", "10", "33.3", "50", "60", "66.7", "75", "80", "85", "90", "92.5", "95",
                                "97.1", "99", "100")]
_WHOLE_GRID = [D(x) for x in (0, 1, 2, 3, 4, 5, 7, 10, 12, 20, 31, 60)]
_RATIO_GRID = [D(x) for x in ("0", "0.05", "0.25", "0.5", "0.75", "1", "1.5", "3.33")]
_QUANTITY_GRID = [D(x) for x in ("0", "0.5", "1", "2.5", "5", "12", "30", "60", "1200", "5000", "10000", "50000")]


def fact_value(fact, points: set[Decimal] = frozenset(), discretion: tuple = (None, None), denominator: bool = False,
               several: bool = True):
    """A strategy for one valid raw value of a declared fact (model.Fact); several: a 视情 fact may hold a list
    (it is used per occurrence), otherwise one amount."""
    kind = fact.kind
    if kind == "bool":
        return st.booleans()
    if kind in ("count", "days", "months", "rank"):
        low = D(1) if kind == "rank" or denominator else D(0)
        return st.sampled_from(_values_around(points, low, None, True, _WHOLE_GRID))
    # a divisor (「甲」÷「乙」) is never 0: the facts would be refused (GR408)
    if kind == "percent":
        low = D("0.5") if denominator else D(0)
        return st.sampled_from([f"{x}%" for x in _values_around(points, low, D(100), False, _PERCENT_GRID)])
    if kind == "ratio":
        return st.sampled_from(_values_around(points, D("0.5") if denominator else D(0), None, False, _RATIO_GRID))
    if kind == "quantity":  # sometimes with the unit written after the number (「1200平方米」)
        numbers = st.sampled_from(_values_around(points, D("0.5") if denominator else D(0), None, False, _QUANTITY_GRID))
        return st.one_of(numbers, numbers.map(lambda x: f"{x}{fact.measure}"))
    if kind == "score":
        low = fact.low if fact.low is not None else D(0)
        high = fact.high if fact.high is not None else low + 10
        first = 1 if denominator and low == 0 else 0
        return st.integers(first, max(first, int((high - low) * 10))).map(lambda tenths: low + D(tenths) / 10)
    if kind == "discretionary":
        low, high = discretion
        low = low if low is not None else D(0)
        high = high if high is not None else low + 5
        amount = st.integers(int(low * 10), int(high * 10)).map(lambda tenths: D(tenths) / 10)
        return st.lists(amount, max_size=3) if several else st.one_of(st.just(D(0)), amount)
    options = list(fact.options)
    if kind == "choice":
        return st.sampled_from(options)
    if kind == "list":
        if not options:
            return st.just([])  # no option can be given: an empty list still can
        matter = st.lists(st.sampled_from(options), min_size=1, max_size=2, unique=True)
        return st.lists(matter, max_size=4)
    raise ValueError(f"no values for facts of kind {kind}")


def given_facts(rubric) -> list:
    """The facts a unit gives (cohort values excluded), in declaration order."""
    return [f for f in rubric.facts.values() if getattr(f, "cohort", None) is None]


_MISSING = object()


def unit_facts(rubric, name: str = "甲", category: str | None = None):
    """One unit's row of raw facts for a checked rubric (model.Rubric): 单位, 单位类别 and every
    given fact; an optional fact is sometimes left out."""
    from govrubric.facts import discretionary_ranges, ratio_denominators, several_amount_facts

    points = compared_points(rubric)
    ranges = discretionary_ranges(rubric)
    denominators = ratio_denominators(rubric)
    several = several_amount_facts(rubric)
    fields = {"单位": st.just(name)}
    if rubric.categories:
        fields["单位类别"] = st.just(category) if category is not None else st.sampled_from(rubric.categories)
    for fact in given_facts(rubric):
        value = fact_value(fact, points.get(fact.name, set()), ranges.get(fact.name, (None, None)),
                           fact.name in denominators, fact.name in several)
        fields[fact.name] = st.one_of(st.just(_MISSING), value, value, value, value) if fact.optional else value
    return st.fixed_dictionaries(fields).map(lambda row: {k: v for k, v in row.items() if v is not _MISSING})


def cohort_rows(rubric, min_size: int = 1, max_size: int = 5):
    """Rows for several units with distinct names, for batch and cohort scoring."""
    return st.integers(min_size, max_size).flatmap(
        lambda n: st.tuples(*[unit_facts(rubric, name=f"单位{i + 1}") for i in range(n)]).map(list))


# ------------------------------------------------------------------ messy layouts
_WIDE = {":": ["："], "(": ["（"], ")": ["）"], ",": ["，"], "—": ["-", "～", "至"]}


@st.composite
def messy_layouts(draw, text: str) -> str:
    """The same rubric as `text` laid out as people type it: odd indentation, blank lines,
    comments on their own lines and after pieces, full-width punctuation, 1、 for 1., pieces run
    together on one line. Only whitespace, comments and interchangeable spellings change."""
    rnd = draw(st.randoms(use_true_random=False))  # many small choices: one random source is far cheaper
    out: list[str] = []
    head_width = -1
    for line in text.splitlines():
        body = _respell(rnd, line.strip())
        if out and body and not out[-1].lstrip().startswith("#") and "#" not in out[-1] and rnd.random() < 0.15:
            # a digit or a bare ○ run into the next piece would join them into one word (「○每低:…」 reads as a
            # rule 每低…, not a setting under an untitled item), so those keep a space
            gap = " " if out[-1][-1:].isdigit() or out[-1].endswith("○") else rnd.choice([" ", "", "\u3000"])
            out[-1] += gap + body  # layout is free
            continue
        if rnd.random() < 0.3:
            out.append(rnd.choice(["", "# 说明:一行注释", "＃ 原文:「扣0. 1分」", "#"]))
        indent = rnd.choice(_INDENTS)
        if _HEAD_LINE.match(body):
            head_width = display_width(indent)
        elif display_width(indent) <= head_width:
            # a line not deeper than its item's head could be read as written back in an outer item
            # (docs/language.md §4): odd, but deeper than the head
            indent = " " * (head_width + rnd.choice([1, 2, 3]))
        trailing = "  # 行尾注释" + str(len(out)) if body and rnd.random() < 0.15 else ""
        out.append(indent + body + trailing)
    return "\n".join(out) + rnd.choice(["\n", "", "\n\n"])


_INDENTS = ["", " ", "    ", "\t", "\u3000", "      "]
# an item's head: its numbering (if any), then 【title】, ○ or (points)
_HEAD_LINE = re.compile(r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[①-⑳])?"
                        r"[ \t\u3000]*[【○(（]")


def _respell(rnd, line: str) -> str:
    if line.startswith("#"):
        return line
    if len(line) > 1 and line[0].isdigit() and rnd.random() < 0.5:
        digits = len(line) - len(line.lstrip("0123456789"))
        if line[digits : digits + 1] == ".":
            line = line[:digits] + rnd.choice(["、", "．"]) + line[digits + 1 :]
    chars, closing = [], None
    for ch in line:
        if closing is None and ch in _WIDE and rnd.random() < 0.5:
            ch = rnd.choice(_WIDE[ch])
        elif closing is None and ch in "「【":
            closing = "」" if ch == "「" else "】"
        elif ch == closing:
            closing = None
        chars.append(ch)
    return "".join(chars)


# ------------------------------------------------------------------ rows with mistakes (for the facts validators)
_JUNK = st.one_of(
    st.none(), st.just(""), st.just("  "), st.booleans(), st.integers(-3, 120),
    st.decimals(min_value=-5, max_value=150, places=2, allow_nan=False, allow_infinity=False),
    st.floats(min_value=-5, max_value=150, allow_nan=False, allow_infinity=False),  # float-ok: spreadsheet cells
    st.sampled_from(["是", "否", "有", "×", "0.5", "95", "95%", "９５％", "93.5 %", "-1", "1.5", "12.30%", "100.0%",
                     "101%", "abc", "[1, 2]", "[", "中央级;省部级+市级", "无", "0", "1,000", "1e3", ".5%", "5.%"]),
    st.text(max_size=4),
    st.lists(st.sampled_from(["1", "2.5", "x", "中央级"]), max_size=2),
    st.sampled_from([float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")]),  # float-ok
)


@st.composite
def raw_fact_rows(draw, rubric) -> dict:
    """A unit's row as staff might fill it in, mistakes included: facts left out, cells empty or holding
    text, numbers and lists of the wrong kind, an unknown column, a wrong category."""
    row = draw(unit_facts(rubric))
    names = list(rubric.facts)
    for name in draw(st.lists(st.sampled_from(names), max_size=4, unique=True)) if names else []:
        if draw(st.booleans()):
            row.pop(name, None)
        else:
            row[name] = draw(_JUNK)
    if names and draw(st.integers(0, 3)) == 0:
        row[draw(st.sampled_from(names)) + draw(st.sampled_from(["率", "x", " "]))] = draw(_JUNK)
    if rubric.categories and draw(st.integers(0, 4)) == 0:
        row["单位类别"] = draw(st.sampled_from(["", None, "其他", " " + rubric.categories[0]]))
    return row


# Rubrics with a hundred facts (the shipped ones) make a hundred draws per unit, which is slow in
# Hypothesis; for them one drawn Random picks every value from the same candidates instead.
def random_value(fact, rng, points: set[Decimal] = frozenset(), discretion: tuple = (None, None),
                 denominator: bool = False, several: bool = True):
    kind = fact.kind
    if kind == "bool":
        return rng.random() < 0.5
    if kind in ("count", "days", "months", "rank"):
        low = D(1) if kind == "rank" or denominator else D(0)
        return rng.choice(_values_around(points, low, None, True, _WHOLE_GRID))
    if kind == "percent":  # a divisor is never 0 (GR408)
        return f"{rng.choice(_values_around(points, D('0.5') if denominator else D(0), D(100), False, _PERCENT_GRID))}%"
    if kind == "ratio":
        return rng.choice(_values_around(points, D("0.5") if denominator else D(0), None, False, _RATIO_GRID))
    if kind == "quantity":
        return rng.choice(_values_around(points, D("0.5") if denominator else D(0), None, False, _QUANTITY_GRID))
    if kind == "score":
        low = fact.low if fact.low is not None else D(0)
        high = fact.high if fact.high is not None else low + 10
        first = 1 if denominator and low == 0 else 0
        return low + D(rng.randint(first, max(first, int((high - low) * 10)))) / 10
    if kind == "discretionary":
        low = discretion[0] if discretion[0] is not None else D(0)
        high = discretion[1] if discretion[1] is not None else low + 5
        amounts = [D(rng.randint(int(low * 10), int(high * 10))) / 10 for _ in range(rng.randint(0, 3))]
        return amounts if several else (amounts[0] if amounts else D(0))
    options = list(fact.options)
    if kind == "choice":
        return rng.choice(options)
    if kind == "list":
        if not options:
            return []
        return [rng.sample(options, rng.randint(1, min(2, len(options)))) for _ in range(rng.randint(0, 4))]
    raise ValueError(f"no values for facts of kind {kind}")


def random_rows(rubric, rng, count: int) -> list[dict]:
    """Rows for `count` units (单位1, 单位2 …) of a checked rubric, every value picked by rng."""
    from govrubric.facts import discretionary_ranges, ratio_denominators, several_amount_facts

    points = compared_points(rubric)
    ranges = discretionary_ranges(rubric)
    denominators = ratio_denominators(rubric)
    several = several_amount_facts(rubric)
    categories = list(rubric.categories)
    rows = []
    for i in range(count):
        row: dict = {"单位": f"单位{i + 1}"}
        if categories:
            row["单位类别"] = rng.choice(categories)
        for fact in given_facts(rubric):
            if fact.optional and rng.random() < 0.2:
                continue
            row[fact.name] = random_value(fact, rng, points.get(fact.name, set()),
                                          ranges.get(fact.name, (None, None)), fact.name in denominators,
                                          fact.name in several)
        rows.append(row)
    return rows


def many_fact_rows(rubric, min_size: int = 1, max_size: int = 5):
    """cohort_rows for rubrics with many facts: one draw of a count and a Random."""
    return st.tuples(st.integers(min_size, max_size), st.randoms(use_true_random=False)).map(
        lambda drawn: random_rows(rubric, drawn[1], drawn[0]))


# ------------------------------------------------------------------ the constructs the field trials brought in, as text
# rubric_trees() above draws the language's older constructs as trees; these draw the later ones (per-category results,
# 比…低百分之几, 按比例扣, 倒扣, 追加扣除, per-period caps, weighted counts, 加倍扣分, 按…N档划分, 一点自己的分值, 同句得分,
# 每… from a tier, 其中…加扣, 按…的N倍扣分, 各扣, 每项各N分, 逐起, 加分带入上级, the total's formula beyond a sum, 按第一项
# 得分确定, 实行一票否决 …) as the text a published rubric has, in combinations, with numbers drawn. Every text is meant to
# check clean; construct_rubric_texts() says which constructs each drew (tests/test_properties_constructs.py).
_CATS = ("甲类", "乙类")


def _pts(draw, choices=("0.5", "1", "2", "3", "5")) -> str:
    return draw(st.sampled_from(choices))


def _c_category_results(draw, n):
    p = draw(st.sampled_from(["40", "80", "90"]))
    tail = draw(st.sampled_from(["", ",否则不得分"]))
    return ([f"事实「达标率{n}」:百分比"],
            [f"「达标率{n}」达到{p}%的,「甲类」得{_pts(draw)}分,「乙类」得{_pts(draw)}分{tail}。"])


def _c_category_threshold(draw, n):
    a, b = draw(st.sampled_from([("1200", "500"), ("500", "1200"), ("5", "10")]))
    return ([f"事实「面积{n}」:平方米"], [f"「面积{n}」不低于{a}平方米(「乙类」不低于{b}平方米)的,得{_pts(draw)}分。"])


def _c_relative(draw, n):
    a, b, c = sorted([_pts(draw), _pts(draw), _pts(draw)], key=Decimal)
    return ([f"事实「完成人数{n}」:人数", f"事实「任务人数{n}」:人数"],
            [f"「完成人数{n}」比「任务人数{n}」低5%以内(含5%)的扣{a}分,低5%-10%的扣{b}分,低超过10%的扣{c}分。"])


def _c_share_deduction(draw, n):
    cap = "扣{}分".format(_pts(draw))  # 「按…比例扣分,最多扣4分」 only where the item's points are 4 (GR301)
    return ([f"事实「未完成数{n}」:项数", f"事实「任务总数{n}」:项数"], [f"按「未完成数{n}」÷「任务总数{n}」的比例{cap}。"])


def _c_times(draw, n):
    times = draw(st.sampled_from(["10倍", "两倍", "1.5倍"]))
    return ([f"事实「被通报{n}」:是否", f"事实「被扣分值{n}」:分值 0—1分"],
            [f"「被通报{n}」的,按「被扣分值{n}」的{times}扣分。"])


def _c_veto_below(draw, n):
    return ([f"事实「重大隐患{n}」:是否"], [f"「重大隐患{n}」的,此项不得分,同时倒扣{_pts(draw)}分。"])


def _c_spill(draw, n):
    word = draw(st.sampled_from(["不得分,并追加扣除", "此项不得分,另扣", "不得分,并从总分中扣除"]))
    return ([f"事实「较大事故{n}」:是否"], [f"「较大事故{n}」的,{word}{_pts(draw)}分。"])


def _c_period_cap(draw, n):
    period = draw(st.sampled_from(["按月", "按季度"]))
    word = "每月" if period == "按月" else "每季度"
    return ([f"事实「新增项目数{n}」:个数,{period}"], [f"「新增项目数{n}」每个加0.5分,{word}最多加1分。"])


def _c_per_event(draw, n):
    return ([f"事实「受害面积{n}」:亩,逐起"], [draw(st.sampled_from(["单起「受害面积{n}」30亩以上的,扣{a}分。", "「受害面积{n}」30亩以上的每起扣{a}分。"])).format(
                n=n, a=_pts(draw))])


def _c_weighted(draw, n):
    verb = draw(st.sampled_from(["加", "扣"]))
    return ([f"事实「获奖情况{n}」:清单「国家级」、「省级」、「市级」"],
            [f"「获奖情况{n}」每项{verb}1分,「国家级」、「省级」、「市级」分别按300%、100%、50%计。"])


def _c_doubled(draw, n):
    return ([f"事实「个人访人数{n}」:人数", f"事实「集体访批数{n}」:批数", f"事实「重复个人访人数{n}」:人数",
             f"事实「重复集体访批数{n}」:批数"],
            [f"「个人访人数{n}」每人扣{_pts(draw)}分;「集体访批数{n}」每批扣{_pts(draw)}分;"
             f"「重复个人访人数{n}」、「重复集体访批数{n}」加倍扣分。"])


def _c_graded(draw, n):
    amounts = draw(st.sampled_from([("1", "2", "3"), ("3", "2", "1"), ("0.5", "1", "2")]))
    return ([f"事实「现象评价{n}」:选项「严重」、「一般」、「不严重」"],
            [f"「现象评价{n}」按「严重」、「一般」、「不严重」3档划分,计分标准为{amounts[0]}分、{amounts[1]}分、{amounts[2]}分。"])


def _c_point_own(draw, n):
    k = draw(st.integers(1, 3))
    a = _pts(draw, ("1", "2"))
    b = _pts(draw, ("0.5", "1", "2"))
    other = draw(st.sampled_from(["否则扣{}分", "未「制定方案{n}」的,扣{}分"])).format(b, n=n)
    return ([f"事实「制定方案{n}」:是否"], [f"({k})「制定方案{n}」的,记{a}分;{other}。"])


def _c_same_sentence(draw, n):
    lead = draw(st.sampled_from([f"「未发生安全事故{n}」的得", f"「认真执行规划{n}」得"]))
    return ([f"事实「{'未发生安全事故' if '未发生' in lead else '认真执行规划'}{n}」:是否", f"事实「事故起数{n}」:起数"],
            [f"{lead}{_pts(draw, ('2', '5', '10'))}分,「事故起数{n}」每发生一起扣{_pts(draw)}分。"])


def _c_step_start(draw, n):
    lead = draw(st.sampled_from(["为1座的", "达到1座的"]))
    again = draw(st.sampled_from(["", f"「公厕座数{n}」"]))
    return ([f"事实「公厕座数{n}」:座数"], [f"「公厕座数{n}」{lead},得{_pts(draw)}分;{again}每增加一座加{_pts(draw)}分。"])


def _c_among(draw, n):
    return ([f"事实「及时完成{n}」:是否", f"事实「未及时完成件数{n}」:件数", f"事实「催办后仍未完成件数{n}」:件数"],
            [f"「及时完成{n}」(5分),「未及时完成件数{n}」每件扣1分,其中「催办后仍未完成件数{n}」的加扣2分,扣完为止。"])


def _c_each(draw, n):
    verb = draw(st.sampled_from(["各扣", "分别扣", "每项扣"]))
    return ([f"事实「成立领导小组{n}」:是否", f"事实「制定工作方案{n}」:是否"],
            [f"未「成立领导小组{n}」、未「制定工作方案{n}」的,{verb}{_pts(draw)}分。"])


def _c_each_points(draw, n):
    return ([f"事实「有办公场所{n}」:是否", f"事实「设备齐全{n}」:是否", f"事实「有信息员{n}」:是否"],
            [f"(1)「有办公场所{n}」;(2)「设备齐全{n}」;(3)「有信息员{n}」(每项各{_pts(draw, ('0.5', '1', '2.5'))}分)。"])


def _c_largest(draw, n):
    return ([f"事实「迟报次数{n}」:次数", f"事实「漏报{n}」:是否"],
            [f"「迟报次数{n}」每次扣{_pts(draw)}分;「漏报{n}」的,扣{_pts(draw)}分。", "就高不就低。"])


def _c_running(draw, n):
    return ([f"事实「隐患处数{n}」:处数"],
            [f"「隐患处数{n}」每处扣1分;扣满{_pts(draw, ('2', '3', '4'))}分的,追加扣除{_pts(draw)}分。"])


def _c_exemption(draw, n):
    return ([f"事实「被责令重新答复件数{n}」:件数", f"事实「有新诉求{n}」:是否"],
            [f"「被责令重新答复件数{n}」一件扣{_pts(draw)}分(若「有新诉求{n}」的,不扣分)。"])


def _c_gap(draw, n):
    a, b = draw(st.sampled_from([("96", "90"), ("90", "80")]))
    return ([f"事实「满意率{n}」:百分比"],
            [f"「满意率{n}」低于{a}%的,每降低1个百分点扣0.25分;低于{b}%的,每降低1个百分点扣0.5分。"])


def _c_difference(draw, n):
    cap = draw(st.sampled_from(["", ",扣完10分为止"]))
    return ([f"事实「实际完成值{n}」:百分比", f"事实「目标值{n}」:百分比"],
            [f"「实际完成值{n}」低于「目标值{n}」的,每低1个百分点扣0.5分{cap}。"])


def _c_negated_tier(draw, n):
    words = draw(st.sampled_from(["未纳入的扣1分", "不按时完成的扣1分", "未完成不得分", "反之,不得分"]))
    return ([f"事实「纳入考评体系{n}」:是否"], [f"「纳入考评体系{n}」的记{_pts(draw, ('1', '2'))}分,{words}。"])


def _c_graded_discretion(draw, n):
    return ([f"事实「执行情况{n}」:选项「好」、「一般」、「较差」", f"事实「执行给分{n}」:视情"],
            [f"「执行情况{n}」为「好」的给4-5分,为「一般」的给2-3分,为「较差」的给0-1分。"])


def _c_every_period(draw, n):
    return ([f"事实「督查次数{n}」:次数,按季度"], [f"「督查次数{n}」每季度至少1次的,得{_pts(draw)}分。"])


def _c_per_mille(draw, n):
    bound = draw(st.sampled_from(["10‰", "20/10万", "千分之三"]))
    return ([f"事实「死亡率{n}」:比值"], [f"「死亡率{n}」超过{bound}的扣{_pts(draw)}分。"])


def _c_each_award(draw, n):
    return ([f"事实「建立孵化基地{n}」:是否", f"事实「开发创业项目{n}」:是否"],
            [f"「建立孵化基地{n}」、「开发创业项目{n}」的各得{_pts(draw, ('0.5', '1', '2'))}分,反之,不得分。"])


def _c_actual(draw, n):
    return ([f"事实「有管理机构{n}」:视情", f"事实「保洁到位{n}」:视情"],
            [f"「有管理机构{n}」,得2分;「保洁到位{n}」,得3分,按实际情况评分。"])


def _c_within_units(draw, n):
    return ([f"事实「人均面积{n}」:平方米", f"事实「平均水平{n}」:平方米", f"事实「年增幅{n}」:百分比"],
            [f"「人均面积{n}」在「平均水平{n}」以上的单位「年增幅{n}」达到3%以上得2分,2%-3%得1.5分,2%以下不得分。"])


CONSTRUCTS = {name[3:]: fn for name, fn in globals().items() if name.startswith("_c_")}
# the constructs that set the item's base, or need its points: at most one of them in an item with points
_DISCRETION = {"graded_discretion", "actual"}
_NEEDS_POINTS = {"share_deduction", "point_own", "each_points", "among", "same_sentence"}


@st.composite
def construct_rubric_texts(draw, max_items: int = 3):
    """(text, constructs drawn): a rubric with 单位类别 「甲类」、「乙类」, 1 to max_items first-level items, each with one
    to three of the constructs above (now and then under a ○ child with its own points, the bonus carried up or not),
    maybe a total formula beyond a sum, rules on the total, grades and grade caps."""
    count = draw(st.integers(1, max_items))
    used: list[str] = []
    lines = ["细则「构造」", "单位类别:「甲类」、「乙类」"]
    formula = draw(st.sampled_from(["none", "sum", "base", "lower", "times"])) if count >= 2 else draw(
        st.sampled_from(["none", "base"]))
    if formula != "none":
        used.append("total_" + formula)
    lines += {"none": [], "sum": ["总分:「考核得分」= 各项得分之和"],
              "base": ["总分:「考核得分」= 基础分10分 + 第一项得分" + (" - 第二项扣分" if count >= 2 else "")],
              "lower": ["总分:「考核得分」= 第一项得分、第二项得分中较低分值"],
              "times": ["总分:「考核得分」= 第一项得分×30% + 第二项得分×70%"]}[formula]
    total = "考核得分" if formula != "none" else "总分"
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"事实「一票否决事项」:次数")
        lines.append("「一票否决事项」1起以上实行一票否决。")
        used.append("veto_all")
    if formula != "none" and count >= 1 and draw(st.integers(0, 3)) == 0:
        lines.append("「单位类别」为「甲类」的,按第一项得分确定。")
        used.append("total_from_item")
    if draw(st.booleans()):
        lines.append(f"「{total}」超过100分的,按100分确定。")
    graded = draw(st.booleans())
    if graded:
        lines.append(f"「{total}」90分(含)以上的为「优秀」;60—90分(不含)的为「合格」;否则为「不合格」。")
        used.append("grades")
        if draw(st.booleans()):
            lines += ["事实「发生较大环境事件」:是否", "「发生较大环境事件」的,不得评为「优秀」。"]
            used.append("grade_cap")
    names = iter(range(1, 1000))
    numerals = "一二三四五六七八九"
    for i in range(count):
        points = draw(st.sampled_from([None, "5", "10", "10", "20"]))
        lines.append(f"{numerals[i]}、【项目{i + 1}】" + (f"({points}分)" if points else ""))
        if draw(st.integers(0, 3)) == 0:
            lines.append("  计分方式:" + draw(st.sampled_from(["从满分扣减", "从零计分"])))
        kinds = draw(st.lists(st.sampled_from(sorted(CONSTRUCTS)), min_size=1, max_size=2))
        if points is None:
            kinds = [k for k in kinds if k not in _NEEDS_POINTS] or ["relative"]
        else:
            kinds = [k for j, k in enumerate(kinds) if k not in _NEEDS_POINTS or
                     not any(other in _NEEDS_POINTS for other in kinds[:j])]
        # two 视情 facts in one item: the condition must name the one it reads (GR301), as written only in one
        kinds = [k for j, k in enumerate(kinds) if k not in _DISCRETION or not any(o in _DISCRETION for o in kinds[:j])]
        child = points is not None and draw(st.integers(0, 3)) == 0
        indent = "    " if child else "  "
        if child:
            lines.append("  ○【加分项】(2分)")
            lines.append("    加分上限:不受本项分值限制")
            if draw(st.booleans()):
                lines.append("    加分带入上级:" + draw(st.sampled_from(["不受上级分值限制", "受上级分值限制"])))
            used.append("bonus_carried")
        for kind in dict.fromkeys(kinds):
            facts, clauses = CONSTRUCTS[kind](draw, next(names))
            lines += [indent + f for f in facts] + [indent + c for c in clauses]
            used.append(kind)
        if child:
            extra = next(names)
            lines += [f"    事实「受表扬{extra}」:是否", f"    「受表扬{extra}」的,加1分。"]
    return "\n".join(lines) + "\n", tuple(used)
