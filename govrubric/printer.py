"""Syntax tree → canonical rubric text: the one layout `govrubric fmt` writes.

print_rubric(tree, source) gives the text; parse(print_rubric(t)) == normalise(t) for every
tree t (equality ignores spans). The canonical layout: two spaces of indentation per level
of items; one piece (heading, fact, metadata, clause with its tiers and own limits) per
line; the punctuation of the shipped rubrics (ASCII , ; : ( ) with Chinese 。、「」【】 and —);
numbering written 一、 (一) 1. (1) ①; amounts and thresholds in Arabic digits; every clause
ends with 。, so a limit on its own line always belongs to the item.

Given each piece's written text (fmt does), the words stay the author's: only the layout changes.
Given the source the tree was parsed from, comments come back (each above the piece that
follows it, or at the end of the line it closed), blank lines between pieces are kept
(one at most), and pieces keep their written order within an item. A top-level item always
has a blank line before it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

import attrs

from . import ast
from .numerals import format_decimal, to_decimal

INDENT = "  "
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGITS = "零一二三四五六七八九"


# ------------------------------------------------------------------ numbers and numbering
def num(value: Decimal) -> str:
    return format_decimal(value)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 35 → 三十五; Arabic digits from 100 on."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def label_style(label: str) -> tuple[str, int | None]:
    """The numbering style and number of a written label: 1、 → (arabic, 1), (二) → (cn_paren, 2)."""
    if label and label[0] in _CIRCLED:
        return "circled", _CIRCLED.index(label[0]) + 1
    paren = label[:1] in ("(", "\uff08")  # ( or full-width （
    core = label.strip("、.\uff0e()\uff08\uff09")  # 、 . ． ( ) （ ）
    value = to_decimal(core)
    number = int(value) if value is not None else None
    if core and core[0] in "一二三四五六七八九十":
        return ("cn_paren" if paren else "cn"), number
    return ("arabic_paren" if paren else "arabic"), number


_LABEL_FORMS = {
    "cn": lambda n: f"{cn_number(n)}、",
    "cn_paren": lambda n: f"({cn_number(n)})",
    "arabic": lambda n: f"{n}.",
    "arabic_paren": lambda n: f"({n})",
    "circled": lambda n: _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else None,
}


def canonical_label(style: str, number: int | None, written: str = "") -> str:
    form = _LABEL_FORMS.get(style)
    if number is None or form is None:
        return written
    return form(number) or written


def _clause_label(label: str | None) -> str | None:
    if label is None:
        return None
    style, number = label_style(label)
    return canonical_label(style, number, label)


# ------------------------------------------------------------------ normalise
def normalise(tree: ast.Rubric) -> ast.Rubric:
    """The tree as printing gives it back: numbering punctuation canonical (1、 and 1．
    become 1.), and 扣完…为止 recorded in its canonical wording. Nothing that scores
    differs between a tree and its normal form."""
    return attrs.evolve(
        tree,
        final_clauses=tuple(_normal_clause(c) for c in tree.final_clauses),
        items=tuple(_normal_item(i) for i in tree.items),
    )


def _normal_item(item: ast.Item) -> ast.Item:
    head = item.head
    if head.style not in ("heading", "anon"):
        head = attrs.evolve(head, label=canonical_label(head.style, head.number, head.label))
    return attrs.evolve(
        item,
        head=head,
        clauses=tuple(_normal_clause(c) for c in item.clauses),
        limits=tuple(_normal_limit(x) for x in item.limits),
        children=tuple(_normal_item(c) for c in item.children),
    )


def _normal_clause(clause: ast.Clause) -> ast.Clause:
    return attrs.evolve(clause, label=_clause_label(clause.label),
                        limits=tuple(_normal_limit(x) for x in clause.limits))


def _normal_limit(limit: ast.LimitPiece) -> ast.LimitPiece:
    if limit.kind != "exhaust" or limit.word in ast.DEDUCTION_CAP_WORDS:  # those keep their own word
        return limit
    return attrs.evolve(limit, word=limit_text(attrs.evolve(limit, period=None)))


# ------------------------------------------------------------------ pieces as text
def names(values) -> str:
    return "、".join(f"「{v.text if isinstance(v, ast.Name) else v}」" for v in values)


_OP_WORD = {"+": "+", "-": "-", "*": "×", "/": "/"}


def expr_text(expr) -> str:
    """Arithmetic as written (the author's operator words: ÷, 除以, 加上 …), × and ÷ binding first as parsed."""
    if isinstance(expr, ast.Name):
        return f"「{expr.text}」"
    if isinstance(expr, ast.Number):
        return num(expr.value)
    if isinstance(expr, ast.Share):
        return expr_text(expr.base) + expr.word
    if isinstance(expr, ast.Relative):  # 「完成数」比「下达任务」(低5%以内: the comparison's lead)
        if expr.word == "比上年":  # 「经费」比上年: the other value is the declared 「上年经费」
            return f"{expr_text(expr.left)}{expr.word}"
        return f"{expr_text(expr.left)}{expr.word}{expr_text(expr.right)}"
    if expr.op == "min":  # 「数量」(超过5个以5个计算)
        return f"{expr_text(expr.left)}{expr.word}"
    return f"{expr_text(expr.left)}{expr.word or _OP_WORD[expr.op]}{expr_text(expr.right)}"


def value_text(value: ast.Value) -> str:
    if value.form == "expr":
        return expr_text(value.expr)
    if value.form == "fraction":
        return f"{num(value.number)}/{num(value.over)}"
    if value.form == "colon":
        return f"{num(value.number)}:{num(value.over)}"
    if value.form == "part_of":  # 万分之一
        whole = value.number == value.number.to_integral_value() and value.number < 100
        return {100: "百", 1000: "千", 10000: "万", 100000: "十万", 1000000: "百万"}[int(value.over)] + "分之" + (
            cn_number(int(value.number)) if whole else num(value.number))
    if value.form == "fraction_wan":  # 20/10万
        return f"{num(value.number)}/{num(value.over / 10000)}万"
    if value.form == "permille":  # 10‰
        return f"{num(value.number)}‰"
    if value.form == "rate":  # 1座/2500人
        return f"{num(value.number)}{value.unit}/{num(value.over)}{value.over_unit}"
    if value.written_unit is not None:  # 达到2个百分点
        return num(value.number) + value.written_unit
    return num(value.number) + (value.unit or "")


def _incl(marker: str | None) -> str:
    return f"({marker})" if marker else ""


def comparison_text(comp: ast.Comparison) -> str:
    if comp.said is not None:  # 有一项未完成的: the words after the count, as written, and their 的
        return comparison_text(attrs.evolve(comp, said=None)) + comp.said + "的"
    if comp.lead is not None:  # 低5%以内: how far short of another value (「甲」比「乙」低…)
        against = "" if comp.against is None else expr_text(comp.against)  # ,低于「标准」20%以内
        return comp.lead + against + comparison_text(attrs.evolve(comp, lead=None, against=None))
    form = comp.form
    if form == "pre":
        return f"{comp.pre}{value_text(comp.low)}{_incl(comp.low_incl)}{comp.post or ''}"
    if form == "post":
        return f"{value_text(comp.low)}{_incl(comp.low_incl)}{comp.post}"
    if form == "range":
        return (f"{value_text(comp.low)}{_incl(comp.low_incl)}—"
                f"{value_text(comp.high)}{_incl(comp.high_incl)}")
    if form == "pre_range":  # 达到60%(含)—85%
        return (f"{comp.pre}{value_text(comp.low)}{_incl(comp.low_incl)}—"
                f"{value_text(comp.high)}{_incl(comp.high_incl)}")
    if form == "between":  # 75分以上90分以下
        return (f"{value_text(comp.low)}{_incl(comp.low_incl)}{comp.post}"
                f"{value_text(comp.high)}{_incl(comp.high_incl)}{comp.high_post}")
    if form == "between_pre":  # 90%以上、不到100%
        return (f"{value_text(comp.low)}{_incl(comp.low_incl)}{comp.post}{comp.joint or '、'}"
                f"{comp.high_pre}{value_text(comp.high)}{_incl(comp.high_incl)}")
    if form == "pre_pair":  # 大于5万亩,小于10万亩 / 大于10万亩的,小于20万亩
        return (f"{comp.pre}{value_text(comp.low)}{_incl(comp.low_incl)}{comp.joint or '，'}"
                f"{comp.high_pre}{value_text(comp.high)}{_incl(comp.high_incl)}")
    if form == "list":  # 达到30%、20%、10% (,分别扣0、5、10分)
        return comp.pre + "、".join(value_text(v) for v in comp.values)
    if form == "eq":
        return f"{value_text(comp.low)}{_incl(comp.low_incl)}"
    if form == "top":
        return f"前{value_text(comp.low)}{_incl(comp.low_incl)}"
    if form == "bottom":  # 后3位
        return f"后{value_text(comp.low)}{_incl(comp.low_incl)}"
    if form == "bottom_rank":  # 倒数第1名
        return f"倒数第{value_text(comp.low)}"
    if form == "last":  # 末位
        return comp.post
    if form == "rank":
        return f"第{value_text(comp.low)}{comp.post or ''}{_incl(comp.low_incl)}"
    if form == "fact":  # 低于「目标值」, 达到「全省平均水平」以上, 在「全省平均水平」以下
        return f"{comp.pre}{value_text(comp.low)}{_incl(comp.low_incl)}{comp.post or ''}"
    raise ValueError(f"comparison form {form!r}")


def operand_text(operand: ast.Operand) -> str:
    if operand.expr is not None:
        return expr_text(operand.expr)
    text = "/".join(f"「{n.text}」" for n in operand.names)
    if operand.note is not None:  # 「进行工作述职」(或书面述职)
        text = text[:text.index("」") + 1] + operand.note + text[text.index("」") + 1:]
    return text


def cond_text(cond: ast.Cond) -> str:
    if isinstance(cond, ast.CondTrue):
        return operand_text(cond.operand) + (cond.after or "")
    if isinstance(cond, ast.CondFalse) and cond.after:  # 「台账」不符合要求
        return operand_text(cond.operand) + cond.word
    if isinstance(cond, ast.CondFalse) and cond.carried:  # 未「甲」、「乙」: the 未 written once, before 「甲」
        return operand_text(cond.operand)
    if isinstance(cond, ast.CondFalse):
        return cond.word + operand_text(cond.operand)
    if isinstance(cond, ast.CondCompare) and cond.category_comparison is not None:  # …(「专科医院」不低于500平方米)
        return (operand_text(cond.operand) + comparison_text(cond.comparison)
                + f"({names(cond.categories)}{comparison_text(cond.category_comparison)})")
    if isinstance(cond, ast.CondCompare) and cond.every is not None:  # 「督查次数」每季度至少督查1次: as written
        return operand_text(cond.operand) + cond.every_text
    if isinstance(cond, ast.CondCompare):
        return operand_text(cond.operand) + (cond.whole_year or "") + comparison_text(cond.comparison)
    if isinstance(cond, ast.CondIn):
        return f"{operand_text(cond.operand)}{cond.word}{names(cond.options)}"
    if isinstance(cond, ast.CondAll) and cond.among_word:  # 「甲」在「乙」以上的单位「丙」达到3%以上
        return f"{cond_text(cond.parts[0])}{cond.among_word}{cond_text(cond.parts[1])}"
    if isinstance(cond, ast.CondAll) and cond.among:  # 「甲」达到「乙」,其中「丙」不超过5万亩
        return f"{cond_text(cond.parts[0])}，其中{cond_text(cond.parts[1])}"
    if isinstance(cond, ast.CondAll):
        return " 且 ".join(cond_text(p) for p in cond.parts)
    if isinstance(cond, ast.CondAny):  # 「甲」或「乙」; 未「甲」、未「乙」 as written
        joiners = cond.joiners or ("或",) * (len(cond.parts) - 1)
        text = cond_text(cond.parts[0])
        for joiner, part in zip(joiners, cond.parts[1:]):
            text += ("、" if joiner == "、" else " 或 ") + cond_text(part)
        return text
    if isinstance(cond, ast.CondRunning):  # 扣满4分, 本项扣分达到10分
        return f"{cond.word}{cond.pre or ''}{num(cond.amount)}分"
    raise TypeError(cond)


def outcome_text(out: ast.Outcome) -> str:
    if out.kind == "deduct" and out.word == "按":  # 按10分/户追加扣分 (spill.py)
        return f"按{num(out.amounts[0])}分/{out.per_measure}追加扣分"
    text = _outcome_core(out)
    text = f"{text}/{out.per_measure}" if out.per_measure else text
    if out.spill is not None:  # 不得分,并追加扣除20分
        text = f"{text},{out.spill_word}{num(out.spill)}分"
    return text if out.below is None else f"{text},同时倒扣{num(out.below)}分"


def _outcome_core(out: ast.Outcome) -> str:
    kind = out.kind
    if out.style == "points":  # 要求+分值: 「……不少于4次(4分)」
        return f"({num(out.amounts[0])}分)"
    if out.style == "bare":  # 「……的,2分」
        return f"{num(out.amounts[0])}分"
    if kind in ("award", "bonus", "deduct"):
        return out.word + "、".join(f"{num(a)}分" for a in out.amounts)
    if kind in ("discretion_deduct", "discretion_bonus"):
        if out.low is None or out.high is None:
            return out.word  # 视情扣分
        if out.word.endswith("分"):  # 根据配合情况酌情打分(5分): the points after the words
            return f"{out.word}({num(out.high)}分)"
        if out.word in ("扣", "给") or out.low != 0:  # 给0-3分 is a range, 给3分 is 得3分
            return f"{out.word}{num(out.low)}—{num(out.high)}分"
        return f"{out.word}{num(out.high)}分"
    if kind == "zero":
        return out.word if out.word in ("不计分", "不记分", "不给分") else "不得分"
    if kind == "total_off":  # 从总分中扣除10分
        return f"{out.word}{num(out.amounts[0])}分"
    if kind in ("veto", "full", "no_deduction", "veto_all"):
        return out.word
    if kind == "grade":  # 为「优秀」; 视为「不合格」, 认定为「不合格」 as written
        return f"{out.word or '为'}「{out.name.text}」"
    if kind == "grade_cap":  # 一票否优
        return f"不得评为「{out.name.text}」"
    if kind == "grade_down":  # 等次降一档, as written
        return out.word
    if kind == "proportional" and out.expr is not None and re.search(r"[=＝]", out.word):  # 得分=(「甲」/「乙」)×分值
        word = re.sub(r"\s", "", out.word)
        return f"{word}({expr_text(out.expr)})×分值"
    if kind == "proportional":
        return f"按{expr_text(out.expr) if out.expr is not None else '「' + out.name.text + '」'}比例计分"
    if kind == "proportional_deduct":  # 按「未完成数」÷「任务数」的比例扣分(扣4分)
        base = f"扣{num(out.amounts[0])}分" if out.amounts else "扣分"
        return f"按{expr_text(out.expr)}的比例{base}"
    if kind == "formula":  # 该项得分=「甲」÷「乙」×10分: the author's 该项得分=, 分 after a closing number
        formula = expr_text(out.expr)
        word = re.sub(r"\s", "", out.word)
        return f"{word}{formula}{'' if formula.endswith('」') else '分'}"
    if kind == "multiple_deduct":  # 按「被扣分值」的10倍扣分
        return f"按{expr_text(out.expr)}{'计扣' if out.word == '按计扣' else '扣分'}"
    if kind == "set_score_words":  # 按落实情况计分, as published
        return out.word
    if kind == "set_score" and out.word == "按为准":  # 按「…」为准, as published
        return f"按「{out.name.text}」为准"
    if kind == "set_score":
        adjust = ""
        if out.adjust is not None:
            adjust = f"下浮{num(-out.adjust)}分" if out.adjust < 0 else f"上浮{num(out.adjust)}分"
        return f"按「{out.name.text}」{adjust}计分"
    if kind == "final_value" and out.term is not None:  # 按第一项得分确定, 为【…】分值
        score = formula_text((attrs.evolve(out.term, sign=1),))
        return f"为{score}" if out.word == "为" else f"按{score}确定"
    if kind == "final_value":
        target = f"「{out.name.text}」" if out.name is not None else "满分" if out.word == "按满分" else f"{num(out.amounts[0])}分"
        return f"按{target}确定"
    raise ValueError(f"outcome kind {kind!r}")


def ordinal_text(ordinal: ast.Ordinal) -> str:
    if ordinal.first is None:
        return "以后每次"
    if ordinal.first == 2 and ordinal.open_ended and not ordinal.text.startswith("第"):
        return "再次"
    # 第一起, 第二例 as written for events counted by 起/例/件; 第N次 otherwise
    measure = next((c for c in "起例件" if ordinal.text.startswith("第") and c in ordinal.text), "次")
    if ordinal.open_ended:
        return f"第{cn_number(ordinal.first)}{measure}" + ("起" if measure == "次" else "以后每" + measure)
    return f"第{cn_number(ordinal.first)}{measure}"


# POST_FILLER swallows everything up to 扣/得/加 or punctuation, so an outcome that starts with
# another word needs a comma after the wording.
_SAFE_AFTER_WORDING = ("扣", "得", "加")
_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def per_text(per: ast.Per, opens_clause: bool = False) -> str:
    if per.shortfall is not None:  # 未开或少开的,按次扣1-3分 / 按次1-3扣分, as published
        out = outcome_text(per.outcome)
        if per.amount_last:
            out = f"{num(per.outcome.low)}—{num(per.outcome.high)}扣分"
        return f"{per.shortfall},按次{out}"
    # 每次, 每项: the 1 may go unsaid, unless the measure could be read as a numeral (每百分点)
    unsaid = (per.count == 1 and per.filler is None and len(per.measure) == 1 and per.measure not in _NUMERAL_CHARS
              and per.lead == "每")
    count = "" if unsaid else num(per.count)
    out = outcome_text(per.outcome)
    joiner = "," if per.post_filler and not out.startswith(_SAFE_AFTER_WORDING) else ""
    # A clause that opens with 每低 would read as the setting 「每低:按比例计」.
    gap = " " if opens_clause and (per.filler or "").startswith("低") else ""
    lead = f"每{gap}{per.filler or ''}" if per.lead == "每" else per.lead + (per.filler or "")
    if per.lead in ("一", "单"):  # 一起扣2分, 单篇计200分
        count = ""
    if per.de:  # 发生了一起……的扣8分: the 的 keeps the reading 发生一起的
        joiner = "的" + joiner
    return f"{per.pre or ''}{lead}{count}{per.measure}{per.post_filler or ''}{joiner}{out}"


def body_text(body: ast.Body) -> str:
    if isinstance(body, ast.Outcome):
        return outcome_text(body)
    if isinstance(body, ast.Per):
        return per_text(body)
    if isinstance(body, ast.Escalate):
        return ordinal_text(body.ordinal) + outcome_text(body.outcome)
    if isinstance(body, ast.EscalateEach):  # 第一起、第二起,分别扣5分、6分
        return "、".join(ordinal_text(o) for o in body.ordinals) + "," + body.word + outcome_text(body.outcome)
    if isinstance(body, ast.Progression):  # 以此类推, 以后每多一次加倍扣分: as written
        return body.text
    if isinstance(body, ast.Doubled):  # 「重复个人访人数」、「重复集体访批数」加倍扣分
        return (body.same_as or "") + names(body.names) + body.word
    if isinstance(body, ast.Respectively) and body.graded is not None:  # 5档划分,计分标准为1分、2分
        split, points_word = body.graded
        return f"{split},{points_word}" + "、".join(f"{num(a)}分" for a in body.outcome.amounts)
    if isinstance(body, ast.Respectively):
        return body.word + outcome_text(body.outcome)
    if isinstance(body, ast.Weighted):  # 每项加1分,「国家级」、「省级」分别按300%、100%计
        weights = "、".join(f"{num(w)}%" for w in body.weights)
        return f"{per_text(body.per)},{names(body.options)}分别按{weights}计"
    if isinstance(body, ast.ForCategory):  # 「一类地区」得5分
        return f"「{body.category.text}」{outcome_text(body.outcome)}"
    raise TypeError(body)


def _joiner(cond: ast.Cond, body: ast.Body) -> str:
    """What stands between a condition and its result: 「率」达93%得1分, 未「公布」的,扣1分,
    「率」低于85%的,此项不得分."""
    compare = isinstance(cond, ast.CondCompare)
    if compare and cond.category_comparison is not None:  # …(「专科医院」不低于500平方米)的,得2分
        return "的,"
    if compare and cond.comparison.said is not None:  # 有一项未完成的,扣1分: the 的 is the comparison's
        return ","
    if compare and cond.comparison.pre == "按":  # 「火化率」按「指标」,差1个百分点的扣2分: a comma, no 的 (grammar BY_REQ)
        return ","
    if isinstance(body, (ast.Escalate, ast.EscalateEach)):
        return ""
    if isinstance(body, ast.Per) and body.shortfall is not None:  # 全年至少4次,未开或少开的,按次扣1-3分
        return ","
    if isinstance(body, (ast.Per, ast.Weighted)):
        return "" if isinstance(cond, ast.CondTrue) else "的,"
    if isinstance(body, ast.Respectively):
        return "," if compare else "的,"
    if isinstance(body, ast.ForCategory):  # 「达标率」达到40%的,「一类地区」得5分
        return "的,"
    if isinstance(body, ast.Outcome) and body.style is not None:  # 「…」不少于4次(4分), 「…」的,2分
        plain_count = compare and cond.comparison.form == "eq"  # 「次数」4次的(2分): not a shortened 每 (GR221)
        return "的," if body.style == "bare" else "的" if plain_count else ""
    if isinstance(body, ast.Outcome) and body.kind == "grade":
        return "的"  # 「考评得分」80分(含)以上的为「合格」, as 考核办法 word their grades
    # 「次数」1次扣0.5分 asks whether 每 was meant (GR221); 「次数」1次的,扣0.5分 is plainly 正好1次
    plain_count = compare and cond.comparison.form == "eq"
    direct = (compare or isinstance(cond, ast.CondTrue)) and body.kind not in _SENTENCE_OUTCOMES and not plain_count
    return "" if direct else "的,"


# Outcomes that read as a sentence of their own after a condition: 「…」的,按100分确定.
_SENTENCE_OUTCOMES = frozenset({"veto", "full", "no_deduction", "set_score", "set_score_words", "proportional", "proportional_deduct",
                                "formula", "final_value", "grade", "grade_cap", "grade_down", "veto_all"})


def _tier_text(tier: ast.Tier, first: bool) -> str:
    cond, body = tier.cond, tier.body
    if first:
        if isinstance(body, ast.Respectively) and body.graded is not None and isinstance(cond, ast.CondIn):
            # 「评价」按「严重」、「比较严重」5档划分,计分标准为1分、2分, as written
            return operand_text(cond.operand) + "按" + names(cond.options) + body_text(body)
        if cond is None and isinstance(body, ast.Per):
            return per_text(body, opens_clause=True)
        return body_text(body) if cond is None else cond_text(cond) + _joiner(cond, body) + body_text(body)
    if cond is None and isinstance(body, ast.ForCategory):  # ,「二类地区」得3分: within the condition before it
        return "," + body_text(body)
    if cond is None and tier.separator == "(" and tier.negated is not None:  # 记2分(不使用不得分): 否则, in brackets
        said = body_text(body)
        joiner = "" if re.match(r"不得分|不给分|不计分|不记分|扣|该项|此项|本项", said) else "的,"
        return "(" + tier.negated + joiner + said + ")"
    if cond is None:
        if isinstance(body, ast.Progression):
            return "," + body_text(body)
        if tier.negated is not None and isinstance(body, ast.Per):  # ,未完成任务少一个扣0.5分: from the requirement
            return "," + tier.negated + body_text(body)
        return (";" if isinstance(body, ast.Escalate) else ",否则") + body_text(body)
    if isinstance(cond, ast.CondCompare) and not cond.operand.names:
        return "," + comparison_text(cond.comparison) + _joiner(cond, body) + body_text(body)
    if isinstance(cond, ast.CondIn) and not cond.operand.names:  # 「;为「较大」的,…」: the same subject
        return "," + cond_text(cond) + _joiner(cond, body) + body_text(body)
    return ",否则" + cond_text(cond) + _joiner(cond, body) + body_text(body)


def clause_text(clause: ast.Clause) -> str:
    parts = [_clause_label(clause.label) or "", clause.lead or "", clause.each or "", clause.also or ""]  # 单起「受害面积」…: for each value
    if clause.among:  # ,其中「…」的加扣2分 (the comma is the line's, goes_on_with_comma)
        parts.append("其中")
    tiers = [_tier_text(t, i == 0) for i, t in enumerate(clause.tiers)]
    first = clause.tiers[0]
    lead = next((x for x in clause.limits if x.bracket_first), None)
    if lead is not None and first.cond is not None:  # 「…」(扣12分,其中每少报1个月报表扣1分): the most, written first
        subject = cond_text(first.cond)
        tiers[0] = f"{subject}(扣{num(lead.amount)}分,其中{tiers[0][len(subject):]})"
    parts += tiers
    parts += [exemption_text(x) for x in clause.exemptions]
    parts += [("" if x.kind == "rounding" and x.word.startswith(("(", "（")) else " " if reads_as_tier(x) else ",")
              + limit_text(x) for x in clause.limits if not x.bracket_first]
    parts += [f"({b})" for b in clause.basis]  # (以环保局审批项目为准): after all that it speaks of
    return "".join(parts) + "。"


def trails_with_comma(piece) -> bool:
    """「按实际情况评分」 written with a comma after 「……,得10分」: it says how that award is given (check/clauses.py
    judged_halves), so it stays on the line, after the comma."""
    if not isinstance(piece, ast.Clause) or not piece.after_comma or piece.label is not None:
        return False
    first = piece.tiers[0]
    return (first.cond is None and isinstance(first.body, ast.Outcome) and first.body.word.startswith("按实际情况")
            and len(piece.tiers) == 1)


def goes_on_with_comma(piece) -> bool:
    """A clause written after the one before it with a comma, without a number of its own: the same sentence
    (check/items.py same_sentence reads the two together), so it stays on that line."""
    return isinstance(piece, ast.Clause) and piece.after_comma and piece.label is None


def exemption_text(piece: ast.ExemptionPiece) -> str:
    """(若「有新诉求」的,不扣分), (「因不可抗力」的除外)."""
    joiner = "的" if piece.word == "除外" else "的,"
    return f"({piece.lead or ''}{cond_text(piece.cond)}{joiner}{piece.word})"


def reads_as_tier(limit: ast.LimitPiece) -> bool:
    """「不超过N分」 after a separator parses as the next tier (a comparison), so such a limit
    must follow its clause without one, and an item's must come before the item's clauses."""
    return limit.kind == "cap" and limit.scope is None and limit.word == "不超过"


def limit_text(limit: ast.LimitPiece) -> str:
    if limit.period is not None:  # 每月最多加1分: within each month
        return f"每{limit.period}" + limit_text(attrs.evolve(limit, period=None))
    if limit.kind == "rounding":  # (小数点后四舍五入), 不足1个百分点的按1个计: as written
        return limit.word
    scope = limit.scope or ""
    if limit.kind == "exhaust" and limit.word in ast.DEDUCTION_CAP_WORDS:
        return f"{scope}{limit.word}{num(limit.amount)}分" + ("为止" if limit.word == "扣满" else "")
    if limit.kind == "exhaust" and limit.amount is None and limit.word.endswith("减完为止"):  # as written (县综治)
        return scope + "减完为止"
    if limit.kind == "exhaust" and limit.amount is None and limit.word in ("直至不得分", "直到不得分"):  # as written (气象)
        return limit.word
    if limit.kind == "exhaust":
        return scope + ("扣完为止" if limit.amount is None else f"扣完{num(limit.amount)}分为止")
    if limit.kind == "no_floor":
        return scope + (limit.word if limit.word in ("直至负分", "直到负分") else "可扣至负分")
    if limit.kind in ("largest", "no_repeat"):  # 就高不就低, 其他考评内容中已有的不重复扣分: as written
        return scope + limit.word
    if limit.kind == "cap" and limit.word == "加满":
        return f"{scope}加满{num(limit.amount)}分为止"
    return f"{scope}{limit.word}{num(limit.amount)}分"


def head_text(head: ast.ItemHead) -> str:
    title = f"【{head.title}】" if head.title is not None else ""
    if head.points is not None:
        points = f"({num(head.points)}分)"
    elif head.header_cap is not None:
        word, amount = head.header_cap
        points = f"({word}{num(amount)}分)"
    else:
        points = ""
    if head.style == "heading":
        return title + points
    if head.style == "anon":
        return "○" + title + points
    return canonical_label(head.style, head.number, head.label) + title + points


def fact_type_text(t: ast.FactType) -> str:
    kind = t.kind
    if kind == "unit":  # 事实「建筑面积」:平方米
        return t.measure
    if kind == "count":
        word = t.word or "次数"
        return word + (f"({t.measure})" if t.measure else "")
    if kind == "score":
        if t.low is None or t.high is None:
            return "分值"
        return f"分值 {num(t.low)}—{num(t.high)}分"
    if kind in ("choice", "list"):
        return ("选项" if kind == "choice" else "清单") + names(t.options)
    return {"bool": "是否", "percent": "百分比", "ratio": "比值", "rank": "名次", "days": "天数",
            "months": "月数", "discretionary": "视情"}[kind]


def cohort_text(cohort: ast.CohortDef) -> str:
    """在「…」的单位中按「收件率」从高到低排名, 本项得分的最低值."""
    scope = ""
    if cohort.scope_cond is not None:
        scope = f"在{cond_text(cohort.scope_cond)}的单位中"
    elif cohort.scope_categories:
        scope = f"在{names(cohort.scope_categories)}类单位中"
    source = {
        "fact": lambda: f"「{cohort.name.text}」",
        "here": lambda: "本项得分",
        "section": lambda: f"第{cn_number(cohort.section.number)}项得分",
        "total": lambda: "总分",
    }[cohort.source]()
    if cohort.kind == "rank":
        return f"{scope}按{source}{'从高到低' if cohort.descending else '从低到高'}排名"
    return f"{scope}{source}的" + {"min": "最低值", "max": "最高值", "avg": "平均值"}[cohort.kind]


def formula_text(terms: tuple[ast.Term, ...]) -> str:
    out = []
    for i, term in enumerate(terms):
        if term.every is not None:  # 各项得分之和, as written
            text = term.every
        elif term.title is not None:  # 【空气质量改善目标完成情况】分值
            text = f"【{term.title}】{term.kind}"
        else:
            text = f"第{cn_number(term.first.number)}项"
            if term.last is not None:
                text += f"至第{cn_number(term.last.number)}项"
            text += term.kind
        if i:
            out.append(" - " if term.sign < 0 else " + ")
        out.append(text)
    return "".join(out)


def total_text(part, outer: int = 0) -> str:
    """The total's formula beyond a sum of items, brackets where the reading needs them:
    (第一项得分 + 第二项得分) × (1 + 0.1 × 「权重」) + 第三项得分; 第一项得分、第二项得分中较低分值."""
    if isinstance(part, ast.Term):
        return formula_text((attrs.evolve(part, sign=1),))
    if isinstance(part, ast.BaseScore):
        return f"{part.label or ''}{num(part.value)}分"
    if isinstance(part, ast.Number):
        return f"{num(part.value * 100)}%" if part.percent else num(part.value)
    if isinstance(part, ast.Name):
        return f"「{part.text}」"
    if part.op in ("lower", "higher"):
        text = "、".join(total_text(p) for p in part.parts) + part.word
        return f"({text})" if outer else text
    if len(part.parts) == 1:
        return total_text(part.parts[0], outer)
    rank = 2 if part.op == "*" else 1
    left = total_text(part.parts[0], rank)
    right = total_text(part.parts[1], rank + (1 if part.op == "-" else 0))
    word = {"+": " + ", "-": " - ", "*": " × "}[part.op]
    text = left + word + right
    return f"({text})" if outer > rank else text


def header_text(piece: ast.HeaderPiece) -> str:
    key = piece.key
    if key == "细则":
        return f"细则「{piece.text}」"
    if key == "年度":
        return f"年度 {num(piece.number)}"
    if key == "单位类别":
        return f"单位类别:{names(piece.names)}"
    if key == "满分":
        return f"满分 {num(piece.number)}分"
    if key == "总分":
        name = f":「{piece.text}」=" if piece.text else " ="
        return f"总分{name} {total_text(piece.expr) if piece.expr is not None else formula_text(piece.terms)}"
    raise ValueError(f"header key {key!r}")


def piece_text(piece) -> str:
    if isinstance(piece, ast.HeaderPiece):
        return header_text(piece)
    if isinstance(piece, ast.Meta):
        return f"{piece.key}:{names(piece.values)}"
    if isinstance(piece, ast.NotePiece):
        return f"注:{names(piece.values)}"
    if isinstance(piece, ast.Setting) and piece.written is not None:  # 以上各项评分,扣完为止,不计负分
        written = "".join(piece.written.split())
        return written if written.endswith((")", "）")) else written + "。"  # (以上包括本数,以下不包括本数) as written
    if isinstance(piece, ast.Setting):
        reason = f"(理由:「{piece.reason}」)" if piece.reason is not None else ""
        return f"{piece.key}:{'、'.join(piece.values)}{reason}"
    if isinstance(piece, ast.FactDecl):
        if piece.cohort is not None:
            return f"事实「{piece.name.text}」:{cohort_text(piece.cohort)}"
        return (f"事实「{piece.name.text}」:{fact_type_text(piece.type)}" + ("(可空)" if piece.optional else "")
                + (f",{piece.per}" if piece.per else ""))
    if isinstance(piece, ast.Clause):
        return clause_text(piece)
    if isinstance(piece, ast.LimitPiece):
        return limit_text(piece) + "。"
    raise TypeError(piece)


# ------------------------------------------------------------------ layout
@attrs.frozen
class _Unit:
    """One output line: its text, depth, and where it came from in the source."""

    text: str
    depth: int
    start: int
    end: int
    blank_before: bool = False


def _by_position(pieces) -> list:
    return sorted(pieces, key=lambda p: p.span.start)  # stable: generated trees keep this order


def _units(tree: ast.Rubric, written: Mapping[int, str]) -> list[_Unit]:
    units: list[_Unit] = []
    clauses: dict[int, ast.Clause] = {}  # the clause each unit holds, by the unit's index

    def add(piece, depth: int, blank: bool = False) -> None:
        text = written.get(piece.span.start) or piece_text(piece)
        if trails_with_comma(piece) and units and units[-1].text.endswith("。"):  # ……得10分,按实际情况评分
            last = units[-1]
            units[-1] = attrs.evolve(last, text=last.text[:-1] + "," + text, end=piece.span.end)
            # the sentences before it joined by 「;」 stay joined: 句末视情 reads them together
            index = len(units) - 1
            while index > 0 and clauses.get(index) is not None and clauses[index].joined \
                    and clauses.get(index - 1) is not None and units[index - 1].text.endswith("。"):
                units[index - 1] = attrs.evolve(units[index - 1], text=units[index - 1].text[:-1] + ";")
                index -= 1
            return
        if (goes_on_with_comma(piece) and units and clauses.get(len(units) - 1) is not None
                and units[-1].text.endswith("。")):
            # 「「按时报送」得2分,每推迟一天扣0.1分」, 「……得10分,「事故起数」每发生一起扣5分」: one sentence (the award is
            # where its deductions start, language.md 8), so one line, as written
            last = units[-1]
            before = last.text[:-1]
            if piece.bracketed:  # (4',少一项扣1分): inside the points bracket of the clause before it
                before = before.removesuffix(")")
                text = text if text[:-1].endswith(")") else text[:-1] + ")" + text[-1]
            units[-1] = attrs.evolve(last, text=before + "," + text, end=piece.span.end)
            clauses[len(units) - 1] = piece
            return
        if isinstance(piece, ast.Clause):
            clauses[len(units)] = piece
        units.append(_Unit(text, depth, piece.span.start, piece.span.end, blank))

    # 以上各项评分,扣完为止: after the items, as written; (以上包括本数,以下不包括本数) where it is written (after the grades)
    closing = [x for x in tree.settings if x.written is not None and x.key != "边界"]
    top = [*tree.header, *tree.meta, *(x for x in tree.settings if x.written is None or x.key == "边界"), *tree.facts,
           *tree.final_clauses]
    for piece in _by_position(top):
        add(piece, 0)

    def item(node: ast.Item, depth: int) -> None:
        head = node.head
        text = written.get(head.span.start) or head_text(head)
        units.append(_Unit(text, depth, head.span.start, head.span.end, depth == 0))
        early = [x for x in node.limits if reads_as_tier(x)]
        own = [*node.meta, *node.notes, *node.settings, *node.facts, *node.clauses,
               *(x for x in node.limits if not reads_as_tier(x))]
        for piece in early:
            add(piece, depth + 1)
        # in written order: a clause written back at the item's column after a sub-item stays there
        # (indentation puts it in this item again: structure.py)
        for piece in _by_position([*own, *node.children]):
            if isinstance(piece, ast.Item):
                item(piece, depth + 1)
            else:
                add(piece, depth + 1)

    for node in tree.items:
        item(node, 0)
    for piece in closing:
        add(piece, 0, blank=True)
    return units


@attrs.frozen
class Comment:
    start: int
    end: int
    text: str


def find_comments(text: str) -> list[Comment]:
    """Every # comment, skipping 「…」 and 【…】 the way the grammar reads them."""
    found = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "#＃":
            end = text.find("\n", i)
            end = n if end < 0 else end
            found.append(Comment(i, end, "#" + text[i + 1 : end].rstrip()))
            i = end
        elif ch in "「【":
            close = "」" if ch == "「" else "】"
            stop = min(p for p in (text.find(close, i + 1), text.find("\n", i + 1), n) if p >= 0)
            i = stop + 1
        else:
            i += 1
    return found


_BLANK_LINE = re.compile(r"\n[ \t\u3000\r]*\n")


def print_rubric(tree: ast.Rubric, source: str | None = None, written: Mapping[int, str] | None = None) -> str:
    """written: each piece's text as its author wrote it (by the piece's start), used instead of the
    canonical wording (fmt.written_pieces); the layout, comments and blank lines are the same either way."""
    units = _units(tree, written or {})
    comments = find_comments(source) if source is not None else []
    text = source or ""
    lines: list[str] = []
    trailing_ok = False  # may a comment still join the last line written?
    last_end = 0
    ci = 0

    def blank() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    def gap_has_blank(start: int) -> bool:
        return _BLANK_LINE.search(text, last_end, start) is not None

    def emit_comments(unit_start: int, before: int, depth: int, force_blank: bool) -> bool:
        """Comments before `before`; one on the line the last unit ended stays on that line."""
        nonlocal ci, last_end, trailing_ok
        while ci < len(comments) and comments[ci].start < before:
            comment = comments[ci]
            if trailing_ok and comment.start < unit_start and "\n" not in text[last_end : comment.start]:
                lines[-1] += "  " + comment.text
            else:
                if force_blank or gap_has_blank(comment.start):
                    blank()
                force_blank = False
                lines.append(INDENT * depth + comment.text)
            trailing_ok = False
            last_end = comment.end
            ci += 1
        return force_blank

    for unit in units:
        force = emit_comments(unit.start, unit.end, unit.depth, unit.blank_before)
        if force or gap_has_blank(unit.start):
            blank()
        lines.append(INDENT * unit.depth + unit.text)
        last_end = max(last_end, unit.end)
        trailing_ok = True
    emit_comments(len(text) + 1, len(text) + 1, 0, False)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"
