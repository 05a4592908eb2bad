"""The runtime of compiled scorers: codegen copies everything below this docstring, verbatim,
into every module it writes, so that a compiled scorer needs nothing but the standard library.

It holds what does not depend on the rubric: exact number formatting, the explanation
helpers, the facts validator (the same checks and Chinese messages as facts.FactChecker),
and the public functions score / explain / check_facts. The rubric-specific parts
(FACTS, the item functions, _run …) are generated below it and found at call time.
Keep it stdlib-only and free of rubric text; tests/test_codegen_runtime.py holds it to facts.py.
"""
import difflib
import json
import re
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal, Inexact, InvalidOperation, localcontext
from fractions import Fraction

ZERO = Decimal(0)


class FactsError(ValueError):
    """A unit's facts have problems: .problems lists every one as {"code", "message"} (messages in Chinese)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join("错误 " + p["code"] + " " + p["message"] for p in self.problems))


def check_facts(facts, unit=None):
    """Validate one unit's raw facts (a mapping of fact name → value, as in a facts file row).

    Returns (values, category, problems): the checked values by fact name, the unit's
    category, and every problem found (an empty list when the facts are usable).
    """
    if not isinstance(facts, Mapping):
        problem = {"code": "GR406", "message": "无法读取事实:应是一组「事实名: 值」,而这里是" + type(facts).__name__}
        return {}, None, [problem]
    name = unit or _unit_name(facts) or "(未命名单位)"
    return _validate(facts, name)


def score(facts, unit=None):
    """Every item's score by its numbering path (三.2, 一.1.(2) …) and the total under "总分", as Decimal,
    in a Scores dict whose .grade is the unit's 等次 (None when the rubric has none or no grade rule holds).

    Raises FactsError listing every problem when the facts are not usable.
    """
    values, category = _usable(facts, unit)
    return score_checked(values, category)


def score_checked(values, category=None):
    """score() for values that check_facts already returned: skips validation, for speed."""
    run = _Run(category, False)
    _run(values, run)
    return run.finished_scores()


def explain(facts, unit=None):
    """The full result tree with every explanation line, as plain dicts and lists (numbers as text).

    Its shape is govrubric's Result.to_json(): unit, category, total, grade (only when the rubric has
    grades), explanation, items.
    """
    values, category = _usable(facts, unit)
    run = _Run(category, True)
    _run(values, run)
    return run.explained(unit or _unit_name(facts) or "(未命名单位)")


def _usable(facts, unit):
    """Checked values and category, or FactsError. Values computed over a cohort (排名, 最低值 …)
    cannot be computed for one unit: they must be given, as with govrubric's Rubric.score."""
    values, category, problems = check_facts(facts, unit)
    missing = [name for name in COHORT_FACTS if values.get(name) is None]
    if missing and not problems:
        problems.append(_problem("GR420", "「" + "」「".join(missing) + "」要在一批单位中计算(排名、最低、平均等),单个单位无法计分"))
    if problems:
        raise FactsError(problems)
    return values, category


# ---------------------------------------------------------------- one scoring run
class Scores(dict):
    """score()'s result: a dict of every item's score and the total (总分), with the unit's 等次 as .grade
    (GRADES lists those the rubric gives; None when it gives none, or no grade rule held for the unit)."""

    __slots__ = ("grade",)

    def __init__(self, *args, grade=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.grade = grade


class _Run:
    """What one unit's scoring collects: every item's score, and when explaining, its explained node."""

    __slots__ = ("category", "explaining", "scores", "nodes", "missing", "total", "total_lines", "waiting", "tainted",
                 "sources", "grade", "spills", "extras", "passed")

    def __init__(self, category, explaining, waiting=frozenset()):
        self.category = category
        self.explaining = explaining
        self.scores = Scores()
        self.nodes = {}
        self.missing = ZERO  # points of the items that do not apply, for 按比例折算
        self.total = ZERO
        self.total_lines = None
        self.waiting = waiting  # values over the cohort not computed yet (score_cohort)
        self.tainted = set()  # items that read one of them: their scores are not final
        self.sources = {}  # scores that values over the cohort are computed from, by item
        self.grade = None  # 等次, set by _run when the rubric has grades
        self.spills = {}  # 追加扣除: item path → amount off the total (govrubric/spill.py)
        self.extras = {}  # 加分上限:计入总分: item path → bonus added to the total
        self.passed = {}  # 加分带入上级: item id → what its parent adds after its own limits (evaluate.node_score)

    def read(self, values, name, chain):
        """A value computed over the cohort from scores; empty while not computed, which taints the
        reading item and its ancestors (chain), as govrubric's cohort.py does."""
        if name in self.waiting:
            self.tainted.update(chain)
            return None
        return values[name]

    def finished_scores(self):
        self.scores["总分"] = self.total
        self.scores.grade = self.grade
        return self.scores

    def explained(self, unit, before=()):
        found = {"unit": unit, "category": self.category, "total": _fmt(self.total)}
        if GRADES:
            found["grade"] = self.grade
        found["explanation"] = list(before) + self.total_lines
        found["items"] = [self.nodes[i] for i in ROOT_IDS]
        return found

    def node(self, node_id, path, title, points, score, lines, children, vetoed, applicable=True):
        """Record an item's explained result; node_id tells apart items whose paths coincide."""
        self.nodes[node_id] = {
            "path": path,
            "title": title,
            "points": None if points is None else _fmt(points),
            "score": _fmt(score),
            "applicable": applicable,
            "vetoed": vetoed,
            "explanation": lines,
            "children": [self.nodes[child] for child in children],
        }

    def set_aside(self, node_id, path, title, points):
        """Another category's version of the parent item: nothing, whatever 不适用项 says (model.stands_aside)."""
        text = _say("本项不适用于「{category}」类单位;上级由适用于「{category}」类单位的下级组成,本项不计分",
                    category=self.category)
        self.scores[path] = ZERO
        self.sources[node_id] = ZERO
        if self.explaining:
            self.node(node_id, path, title, points, ZERO, [_line(text, ZERO)], (), False, applicable=False)
        return ZERO

    def not_applicable(self, node_id, path, title, points, counts_missing=True):
        """An item that does not apply to the unit's category, scored by the rubric's 不适用项 reading."""
        if NOT_APPLICABLE == "按满分计":
            score = points if points is not None else ZERO
            text = _say("本项不适用于「{category}」类单位,按满分计:{score}分", category=self.category, score=_fmt(score))
        else:
            score = ZERO
            text = _say("本项不适用于「{category}」类单位,不计分", category=self.category)
            if NOT_APPLICABLE == "按比例折算":
                text += _say("(总分按比例折算)")
        if not NOT_APPLICABLE_EXPLICIT:
            text += _say("(细则未写明不适用项怎样计,采用默认口径)")
        if counts_missing:
            self.missing += points or ZERO
        self.scores[path] = score
        self.sources[node_id] = score
        if self.explaining:
            self.node(node_id, path, title, points, score, [_line(text, score)], (), False, applicable=False)
        return score


# ---------------------------------------------------------------- the language of explanation lines
# Every explanation line and phrase is written through _say, with its Chinese template as the message id
# (「{path} 得{score}分」) and its parts as fields; rubric text (titles, clauses, names) and numbers are fields,
# and stay as written. _ENGLISH (_runtime_english.py, copied after this) holds the English of each template;
# set_language("en") switches to it. govrubric's interpreter writes its lines through this same _say
# (evaluate.speak), so both give the same lines in either language.
_SPEAKING = [None]  # the table of the language spoken (template → template), or None: Chinese, as written
_UNTRANSLATED = set()  # templates said in English that have no English (tests/test_explanation_english.py)


def _speak(table):
    """Speak the language of this table of templates from now on (None: Chinese)."""
    _SPEAKING[0] = table


def _say(template, **fields):
    """A template in the language spoken, its {fields} filled in; a template without English stays Chinese."""
    table = _SPEAKING[0]
    if table is not None:
        found = table.get(template)
        if found is None:
            _UNTRANSLATED.add(template)
        else:
            template = found
        if fields:  # a phrase the checker worded (i18n.said) keeps its template: said in English too
            fields = {key: _say(value.template, **value.fields) if value.__class__ is not str and hasattr(
                value, "template") else value for key, value in fields.items()}
    return template.format_map(fields) if fields else template


# ---------------------------------------------------------------- numbers and explanation lines
def _shown(value):
    """_fmt with a true minus sign, for explanation text (numerals.format_shown)."""
    text = _fmt(value)
    return "−" + text[1:] if text.startswith("-") else text


def _fmt(value):
    """Exact, fixed-point, without trailing zeros or exponent: 0.30 → 0.3, 1E+1 → 10, -0 → 0."""
    try:
        return _FORMATTED[value]
    except (KeyError, TypeError):  # TypeError: a signalling NaN cannot be hashed
        pass
    text = "0" if value == 0 else format(value.normalize(), "f")
    if len(_FORMATTED) < 10000 and value.is_finite():
        _FORMATTED[value] = text  # equal values print alike, so 1.0 and 1 may share an entry
    return text


_FORMATTED = {}  # explanations print the same few amounts over and over


def _total_expr(node):
    """The total's formula beyond a sum of items, on the scores and facts it reads: (value, text, precedence).
    node is a tuple: ("term", scores, deduct, text) — an item's score, or with deduct what it lost —,
    ("number", value, text), ("fact", value, text), ("+" / "-" / "*", parts) and ("lower" / "higher", parts, word)."""
    kind = node[0]
    if kind == "term":
        amount = ZERO
        for score in node[1]:
            amount += max(ZERO, -score) if node[2] else score
        return amount, node[3] + " " + _fmt(amount), 3
    if kind == "number":
        return node[1], node[2], 3
    if kind == "fact":
        value = Decimal(node[1])
        return value, node[2] + " " + _fmt(value), 3
    parts = [_total_expr(part) for part in node[1]]
    if kind in ("lower", "higher"):
        value = min(p[0] for p in parts) if kind == "lower" else max(p[0] for p in parts)
        return value, "、".join(p[1] for p in parts) + node[2] + " " + _fmt(value), 0
    if len(parts) == 1:  # 总分 = 基础分1000分
        return parts[0]
    (a, a_text, a_rank), (b, b_text, b_rank) = parts
    rank = 2 if kind == "*" else 1
    if a_rank < rank:
        a_text = "(" + a_text + ")"
    if b_rank < rank or (kind == "-" and b_rank == 1):
        b_text = "(" + b_text + ")"
    value = a * b if kind == "*" else a - b if kind == "-" else a + b
    return value, a_text + {"+": " + ", "-": " − ", "*": " × "}[kind] + b_text, rank


def _divide(a, b):
    """evaluate.divide: a ÷ b, and whether it is exact."""
    with localcontext() as context:
        context.clear_flags()
        quotient = a / b
        return quotient, not context.flags[Inexact]


def _to_places(value, places):
    """evaluate.to_places: a score with more decimal places than the rubric's, rounded half up to them."""
    if value.as_tuple().exponent >= -places:
        return value, False
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), True


def _places_note(rounded, places):
    if not rounded:
        return ""
    return _say("(保留两位小数,四舍五入)") if places == 2 else _say("(保留{places}位小数,四舍五入)", places=str(places))


def _signed(amount):
    """+1, −0.3, 0: the sign written out, with a true minus sign."""
    if amount > 0:
        return "+" + _fmt(amount)
    if amount < 0:
        return "−" + _fmt(-amount)
    return "0"


def _occurrences(first, last, reads, subtotal=None):
    """第k次:… for one occurrence; 第a次至第b次共t次,每次:…,小计 …分 for a run scored by one step (逐次加重)."""
    if first == last:
        return _say("第{k}次:{reads}", k=first, reads=reads)
    text = _say("第{first}次至第{last}次共{times}次,每次:{reads}", first=first, last=last, times=last - first + 1,
                reads=reads)
    return text if subtotal is None else text + _say(",小计 {subtotal}分", subtotal=_signed(subtotal))


def _progression(kind, word, before, last, first, n, spent, cap):
    """以此类推 / 加倍扣分 (language.md 6.5): occurrences first … n after the written steps, the last of which scored
    `last` (signed) and the one before it `before`. 以此类推 adds their difference each time, in one run whatever n
    is; 加倍 doubles, one occurrence at a time, until what the clause has scored (`spent` before these) reaches its
    cap. Returns what they add and their parts of the explanation."""
    if n < first:
        return ZERO, []
    word = _say(word)  # 得, 加 or 扣
    if kind == "arith":
        step = last - before
        times = n - first + 1
        low = last + step
        if times == 1:
            return low, [_occurrences(first, first, _say("以此类推,{word}{amount}分({signed})", word=word,
                                                         amount=_fmt(abs(low)), signed=_signed(low)))]
        high = last + step * times
        total = last * times + step * (times * (times + 1) // 2)
        return total, [_say("第{first}次至第{last}次共{times}次,以此类推,{word}{low}分至{word}{high}分,小计 {subtotal}分",
                            first=first, last=n, times=times, word=word, low=_fmt(abs(low)), high=_fmt(abs(high)),
                            subtotal=_signed(total))]
    added = ZERO
    amount = last
    parts = []
    for k in range(first, n + 1):
        if abs(spent + added) >= cap:
            reads = _say("已达本条上限{cap}分,不再加倍计", cap=_fmt(cap))
            parts.append(_say("第{k}次:{reads}", k=k, reads=reads) if k == n else
                         _say("第{first}次至第{last}次共{times}次:{reads}", first=k, last=n, times=n - k + 1, reads=reads))
            break
        amount = amount * 2
        added += amount
        parts.append(_occurrences(k, k, _say("加倍,{word}{amount}分({signed})", word=word, amount=_fmt(abs(amount)),
                                             signed=_signed(amount))))
    return added, parts


def _grade_limit(grade, order, kind, barred, why, wording):
    """一票否优 / 等次降一档 (language.md §2) on a unit's grade, once its condition holds (`why` says how): along
    `order`, the ladder's grades highest first, 不得评为「X」 (kind grade_cap, barred X) takes X or any higher grade
    to the grade below X; 等次降一档 (grade_down) takes a grade to the one below it. Returns the grade and the line."""
    new = grade
    if kind == "grade_cap":
        if grade is not None and grade == barred and barred not in order:
            new = None
        elif grade in order and barred in order and order.index(grade) <= order.index(barred):
            below = order.index(barred) + 1
            new = order[below] if below < len(order) else None
    elif grade in order and order.index(grade) + 1 < len(order):
        new = order[order.index(grade) + 1]
    shown = _say("无") if grade is None else grade
    if new == grade:
        return grade, _say("等次:{why} → {rule},等次{grade}不变", why=why, rule=wording, grade=shown)
    return new, _say("等次:{why} → {rule}:{before} → {after}", why=why, rule=wording, before=shown,
                     after=_say("不评等次") if new is None else new)


def _line(text, amount=None, line=None):
    return {"text": text, "amount": None if amount is None else _fmt(amount), "line": line}


_UNIT_OF_KIND = {"rank": "名", "days": "天", "months": "个月", "score": "分"}
# a value of these kinds as an explanation shows it (_say templates: 3名 is "rank 3" in English)
_VALUE_OF_KIND = {"rank": "{value}名", "days": "{value}天", "months": "{value}个月", "score": "{value}分"}


def _show(kind, value, unit=None):
    """A checked value as the explanation shows it; unit: a measured fact's (平方米, 万元)."""
    if value is None:
        return _say("未填")
    if kind == "bool":
        return _say("是") if value else _say("否")
    if kind == "percent":
        return _fmt(value) + "%"
    if kind == "list":
        return "、".join("+".join(matter) for matter in value) or _say("无")
    if kind == "discretionary":
        return "、".join(_fmt(a) for a in value) or "0"
    if isinstance(value, Decimal):
        if unit:
            return _fmt(value) + unit
        template = _VALUE_OF_KIND.get(kind)
        return _fmt(value) if template is None else _say(template, value=_fmt(value))
    return str(value)


_PERIOD_NAMES = {"季度": ("第一季度", "第二季度", "第三季度", "第四季度"),
                 "月": ("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月")}


def _element_word(per, i):
    """The i-th value (from 1) of a fact given per event or per period: 第2起, 第三季度, 5月 (in the language spoken:
    each name of _PERIOD_NAMES is a _say template of its own)."""
    names = _PERIOD_NAMES.get(per)
    return _say(names[i - 1]) if names is not None else _say("第{k}{per}", k=str(i), per=per)


def _show_values(kind, values, unit=None):
    """The values of a fact given per event or per period: 12亩、35亩、8亩."""
    return "、".join(_show(kind, value, unit) for value in values) or _say("无")


def _holds_every(values, periods, holds):
    """「督查次数」每季度至少1次: every period's value meets the comparison; a fact not given never does."""
    if values is None:
        return False
    values = values if values.__class__ is tuple else (values,) * periods
    return all(holds(value) for value in values)


def _why_every(name, kind, values, per, periods, holds, condition, meaning, unit=None):
    """How 「督查次数」每季度至少1次 read: the values, and the periods that fall short (evaluate.every)."""
    if values is None:
        return "「" + name + "」= " + _say("未填") + _say("(条件不成立)")
    values = values if values.__class__ is tuple else (values,) * periods
    failing = [_element_word(per, i) for i, value in enumerate(values, 1) if not holds(value)]
    shown = _show_values(kind, values, unit)
    if not failing:
        return _say("「{fact}」= {values},每{per}都符合{condition}({meaning})", fact=name, values=shown, per=per,
                    condition=condition, meaning=meaning)
    return _say("「{fact}」= {values},{failing}不符合{condition}({meaning})", fact=name, values=shown,
                failing=_say("、").join(failing), condition=condition, meaning=meaning)


def _why(name, kind, value, wording, unit=None):
    """How one condition on a fact read: 「名称」= 值, then the wording for whether it held."""
    shown = "「" + name + "」= " + _show(kind, value, unit)
    if value is None:
        return shown + _say("(条件不成立)")
    return shown + wording


def _why_ratio(numerator, denominator, num, den, wording):
    """How a condition on 「甲」/「乙」 read."""
    shown = "「" + numerator + "」/「" + denominator + "」= "
    if num is None or den is None:
        return shown + _say("未填") + _say("(条件不成立)")
    return shown + _fmt(num) + "/" + _fmt(den) + " = " + _fmt(num / den) + wording


def _ratio(num, den):
    """「甲」/「乙」, empty when either is."""
    return None if num is None or den is None else num / den


def _arith(op, a, b):
    """numerals.exact_arith: a op b exactly (a Fraction where a quotient is no finite decimal); None when either is."""
    if a is None or b is None or (op == "/" and b == 0):
        return None
    if op == "min":  # 「数量」(超过5个以5个计算)
        return min(a, b)
    if a.__class__ is Decimal and b.__class__ is Decimal:
        with localcontext() as context:
            context.clear_flags()
            result = a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
            if not context.flags[Inexact]:
                return result
    a, b = Fraction(a), Fraction(b)
    result = a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
    den = result.denominator
    for factor in (2, 5):
        while den % factor == 0:
            den //= factor
    if den != 1:
        return result
    with localcontext() as context:
        context.prec = 60
        return Decimal(result.numerator) / Decimal(result.denominator)


def _round_places(value, places):
    """numerals.round_places: a score as kept, rounded half up (away from 0) to places exactly when it has more."""
    if value.__class__ is Decimal and value.as_tuple().exponent >= -places:
        return (value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()), False
    exact = Fraction(value)
    whole = int(abs(exact) * 10 ** places + Fraction(1, 2))
    rounded = Decimal(whole).scaleb(-places)
    rounded = rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()
    return (-rounded if exact < 0 else rounded), True


def _formula_base(of_points, value, places):
    """evaluate.formula_base: the base a formula gives and its arithmetic in words."""
    shown = ""
    if of_points is not None:
        product = _arith("*", of_points, value)
        shown = _say(",{points}分 × {value}", points=_fmt(of_points), value=_fmt_number(value))
    else:
        product = value
    base, rounded = _round_places(product, places)
    return base, shown + _say(" = {base}分", base=_fmt(base)) + _places_note(rounded, places)


def _as_decimal(value):
    """numerals.as_decimal: a Fraction to the context's 28 significant digits."""
    if value is None or value.__class__ is Decimal:
        return value
    return Decimal(value.numerator) / Decimal(value.denominator)


def _fmt_number(value):
    """numerals.format_number: _fmt, and a Fraction as its first six significant digits and an ellipsis."""
    if value.__class__ is Decimal:
        return _fmt(value)
    if value.denominator == 1:
        return _fmt(Decimal(value.numerator))
    with localcontext() as context:
        context.prec = 6
        context.rounding = ROUND_DOWN
        shown = Decimal(value.numerator) / Decimal(value.denominator)
    return format(shown, "f") + "…"


def _describe_arith(text, value, unit, facts, missing, kind=None):
    """evaluate.describe for arithmetic: 「甲」+「乙」= 7(「甲」= 3、「乙」= 4); a value of a kind _VALUE_OF_KIND names
    (days, ranks …) said as _show says it."""
    template = _VALUE_OF_KIND.get(kind)
    shown = (_say("未填") if missing else _say("除数为0,无法计算")) if value is None else (
        _fmt_number(value) + unit if template is None else _say(template, value=_fmt_number(value)))
    return text + ("= " if text.endswith("」") else " = ") + shown + ("(" + "、".join(facts) + ")" if facts else "")


def _exact_ratio(num, den):
    """numerals.exact_quotient: 「甲」/「乙」 exactly, for a threshold that is no finite decimal (1座/3000人)."""
    if num is None or den is None:
        return None
    with localcontext() as context:
        context.clear_flags()
        quotient = num / den
        if not context.flags[Inexact]:
            return quotient
    return Fraction(num) / Fraction(den)


def _amounts(amounts, empty):
    """视情 amounts as listed in an explanation: 1、1.5, or `empty` when there are none."""
    return "、".join(_fmt(a) for a in amounts) or empty


def _any_option(matters, options):
    """A 清单 fact holds 为「…」 when any level of any matter is one of the options."""
    return any(option in options for matter in matters for option in matter)


def _respective_list(matters, table, heaviest=False):
    """分别 on a 清单 fact: each matter counts once, at the highest standard among its levels — the highest amount
    (同一事项取最高分), or, where every amount is a deduction (heaviest), the largest deduction.

    table maps an option to (signed amount, wording); returns (effect, explanation parts).
    """
    effect = ZERO
    parts = []
    note = _say("(同一事项按最重的扣分)") if heaviest else _say("(同一事项取最高分)")
    for matter in matters:
        found = [table[option] for option in matter if option in table]
        if not found:
            continue
        best = (min if heaviest else max)(found, key=lambda entry: entry[0])
        effect += best[0]
        parts.append("+".join(matter) + " → " + best[1] + (note if len(found) > 1 else ""))
    return effect, parts


# ---------------------------------------------------------------- the facts validator
_UNIT_KEYS = ("单位", "单位名称", "名称")
_CATEGORY_KEY = "单位类别"
_TRUE = {"是", "true", "True", "TRUE", "1", "有", "√", "y", "Y", "yes"}
_FALSE = {"否", "false", "False", "FALSE", "0", "无", "×", "n", "N", "no"}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－，", "0123456789.-,")
# commas only as thousands separators, in groups of three (govrubric/numerals.py reads numbers alike)
_NUMBER_TEXT = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_SEPARATORS = re.compile(r"[;；、,，]").split  # compiled once


def _text(value):
    """str(value), also for an int over 4,300 digits, alone or in a list (str() refuses those; a Decimal prints them)."""
    if type(value) is int:
        return str(Decimal(value))
    try:
        return str(value)
    except ValueError:  # a list or a mapping holding such an int
        if isinstance(value, dict):
            return "{" + ", ".join(_text(k) + ": " + _text(v) for k, v in value.items()) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(_text(v) for v in value) + "]"
        raise


def _unit_name(row):
    for key in _UNIT_KEYS:
        if key in row and row[key] not in (None, ""):
            return _text(row[key]).strip()
    return None


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value):
    """A number from JSON, a spreadsheet or text; None when it is not one (bools, NaN and infinities are not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # float-ok: only from spreadsheets; repr gives the shortest exact text
        number = Decimal(repr(value))
        return number if number.is_finite() else None
    if isinstance(value, str):
        text = value.strip().translate(_FULLWIDTH_DIGITS)
        if not _NUMBER_TEXT.fullmatch(text):
            return None
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            return None
    return None


# Numbers as staff type them (facts.read_typed, word for word in what it accepts and refuses): a unit word of
# the fact's kind (「2次」), 第 before a rank, 百分之 or % around a percent, a Chinese numeral written by the rules.
_UNIT_WORDS = {
    "count": ("次", "个", "件", "条", "项", "起", "处", "家", "人", "户", "份", "篇", "例"),
    "days": ("天", "日"),
    "months": ("个月", "月"),
    "rank": ("名", "位"),
    "score": ("分",),
    "discretionary": ("分",),
}
_KIND_WORDS = {"count": "次数", "days": "天数", "months": "月数", "rank": "名次", "score": "分数",
               "discretionary": "分数", "ratio": "比值", "percent": "百分比"}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWERS = {"十": 1, "百": 2, "千": 3}
_NUMBER_AND_WORD = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*([\u4e00-\u9fff]{1,4})")


def _typed_number(kind, text):
    """(number, None), (None, why not) or (None, None), as facts.read_typed."""
    written = text.strip()
    body = written
    if kind == "percent":
        if body.startswith("百分之"):
            body = body[3:].strip()
        elif body.endswith(("%", "％")):
            body = body[:-1].strip()
    elif kind == "rank" and body.startswith("第"):
        body = body[1:].strip()
    worded = body
    for word in _UNIT_WORDS.get(kind, ()):
        if body.endswith(word) and len(body) > len(word):
            body = body[:-len(word)].strip()
            break
    if body == "百" and written.startswith("百分之"):
        return Decimal(100), None
    if body and all(ch in _CN_DIGITS or ch in _CN_POWERS or ch == "万" for ch in body):
        number = _chinese_integer(body)
        if number is None:
            return None, "「" + written + "」不是写法明确的中文数字:请填阿拉伯数字"
        return Decimal(number), None
    plain = body.translate(_FULLWIDTH_DIGITS)
    if _NUMBER_TEXT.fullmatch(plain):
        return Decimal(plain.replace(",", "")), None
    other = _NUMBER_AND_WORD.fullmatch(worded)
    if other:
        return None, "「" + other.group(1) + "」不是" + _KIND_WORDS.get(kind, "这一项") + "的单位:请只填数字"
    return None, None


def _chinese_integer(text):
    """一 → 1, 十二 → 12, 一百零五 → 105, 三万零五百 → 30500; None for anything numerals.read_chinese_integer refuses."""
    if text.count("万") > 1:
        return None
    if "万" not in text:
        return _cn_section(text)
    high, _, low = text.partition("万")
    value = _cn_section(high) if high else None
    if value is None:
        return None
    if not low:
        return value * 10000
    if low[0] in ("零", "〇"):
        rest = _cn_section(low[1:]) if low[1:] else None
        return None if rest is None or rest >= 1000 else value * 10000 + rest
    rest = _cn_section(low) if len(low) > 1 or low not in _CN_DIGITS else None
    return None if rest is None or rest < 1000 else value * 10000 + rest


def _cn_section(text):
    """A number below 10000 written with 千 百 十 and 零, by the rules of numerals._section; None otherwise."""
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    total, last_power, digit, digit_char, zero = 0, 4, None, "", False
    for index, ch in enumerate(text):
        if ch in ("零", "〇"):
            if digit is not None or zero or index == 0:
                return None
            zero = True
            continue
        if ch in _CN_DIGITS:
            if digit is not None:
                return None
            digit, digit_char = _CN_DIGITS[ch], ch
            continue
        power = _CN_POWERS.get(ch)
        if power is None or power >= last_power:
            return None
        if digit is None:
            if index != 0 or ch != "十":
                return None
            digit = 1
        elif digit_char == "两" and ch == "十":
            return None
        if zero and power == last_power - 1:
            return None
        if not zero and last_power < 4 and power < last_power - 1:
            return None
        total += digit * 10 ** power
        last_power, digit, digit_char, zero = power, None, "", False
    if digit is not None:
        if digit_char == "两" and last_power < 4:
            return None
        if not zero and last_power > 1:
            return None
        if zero and last_power == 1:
            return None
        return total + digit
    return None if zero else total


# The size of a number in a fact (docs/cli.md): enough for any count, amount or rate, and small enough
# that no arithmetic overflows or takes minutes (a count of 1e1000000 is refused, not computed).
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 20


def _size_problem(number):
    """Why a fact's number is too large or too finely divided to score with, or None."""
    if not number:
        return None
    if number.adjusted() >= MAX_INTEGER_DIGITS:
        return ";数太大:整数部分最多" + str(MAX_INTEGER_DIGITS) + "位"
    _sign, digits, exponent = number.as_tuple()
    if exponent < -MAX_DECIMALS:
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))  # 0.50000… is 0.5
        if exponent + zeros < -MAX_DECIMALS:
            return ";小数位数太多:最多" + str(MAX_DECIMALS) + "位"
    return None


def _not_a_number(raw):
    """Why a value is no number, after what was expected: 「1,5」 (a decimal comma?) gets its own reason."""
    if isinstance(raw, str):
        written = raw.strip()
        plain = written.translate(_FULLWIDTH_DIGITS)
        if "," in plain and re.fullmatch(r"-?[0-9][0-9,]*(?:\.[0-9]+)?", plain):
            if re.fullmatch(r"-?[0-9]+,[0-9]+", plain) and len(plain.split(",")[1]) != 3:
                return (";「" + written + "」中的逗号不是小数点:小数写作「" + plain.replace(",", ".")
                        + "」;逗号只用作千位分隔,每三位一组,如「1,000」")
            return ";「" + written + "」中的千位分隔不对:逗号只能隔开每三位数,如「1,234,567」;也可以不写逗号"
    return ";填的不是数字"


def _as_list(raw):
    if isinstance(raw, (list, tuple)):
        return list(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text, parse_float=Decimal)
            except ValueError:
                return None
            return parsed if isinstance(parsed, list) else None
        if not text or text in ("无", "0"):
            return []
        # 「中央级;省部级+市级」: matters split by ; or 、, levels of one matter joined by +
        parts = [p for p in _SEPARATORS(text) if p.strip()]
        return [p.split("+") if "+" in p else p for p in parts]
    return None


def _show_raw(raw):
    """A value as a message quotes it: numbers in their digits (a huge one as 1E+5000), long text cut short."""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, (list, tuple)) and len(raw) <= 20:  # a 视情 list: [2, 3], not [Decimal('2'), …] (facts._show)
        return "[" + ", ".join(_show_raw(x) for x in raw) + "]"
    if isinstance(raw, int) and not -_LARGEST < raw < _LARGEST:
        raw = Decimal(raw)  # str() of an int over 4,300 digits raises
    if isinstance(raw, Decimal) and raw.is_finite():
        return format(raw, ".6E") if _size_problem(raw) else _fmt(raw)
    text = _text(raw)
    return text if len(text) <= 200 else text[:200] + "…(共" + format(len(text), ",") + "个字符)"


def _convert(fact, raw):
    """(value, True), or (what was expected, False). fact is one FACTS entry."""
    kind = fact["type"]
    expected = fact["expected"]
    if kind == "per":  # 逐起 / 按季度: one value per event or period
        return _per_values(fact["periods"], expected, lambda one: _convert(fact["element"], one), raw)

    def number_of(value):
        number = _number(value)
        if number is not None or not isinstance(value, str):
            return number, None
        return _typed_number(kind, value)

    if kind == "bool":
        if isinstance(raw, bool):
            return raw, True
        text = _text(raw).strip()
        if text in _TRUE:
            return True, True
        if text in _FALSE:
            return False, True
        return expected, False
    if kind == "choice":
        text = _text(raw).strip()
        return (text, True) if text in fact["options"] else (expected, False)
    if kind == "list":
        items = _as_list(raw)
        if items is None:
            return expected, False
        matters = []
        for item in items:
            options = item if isinstance(item, list) else [item]
            names = tuple(_text(o).strip() for o in options)
            if not names or any(n not in fact["options"] for n in names):
                return expected, False
            matters.append(names)
        return tuple(matters), True
    if kind == "discretionary":
        items = _as_list(raw)
        if items is None:
            items = [raw]
        amounts = []
        low, high = fact["low"], fact["high"]
        for item in items:
            number = number_of(item)[0]
            if number is None or number < 0 or _size_problem(number):
                return expected, False
            if number != 0 and ((low is not None and number < low) or (high is not None and number > high)):
                return expected, False
            if number != 0:
                amounts.append(number)
        return tuple(amounts), True
    if kind == "percent":
        text = _text(raw).strip() if not isinstance(raw, (Decimal, int, float)) else None
        has_sign = text is not None and text.endswith(("%", "％"))
        number = _number(text[:-1] if has_sign else raw)
        if number is None and text is not None:
            number, reason = number_of(text)
            if number is None:
                return expected + (";" + reason if reason else _not_a_number(text[:-1] if has_sign else raw)), False
            has_sign = True  # 「百分之九十五」 and 「九十五%」 say percent in words
        elif number is None:
            return expected + _not_a_number(raw), False
        if number < 0:
            return expected + ";不能是负数", False
        if _size_problem(number):
            return expected + _size_problem(number), False
        if number > 100:
            return expected + ";超过了100%", False
        if not has_sign and 0 < number < 1:
            # a bare number is a percentage (95 is 95%), so 0.95 reads 0.95%: ask rather than guess
            shown, hint = _show_raw(raw), _fmt(number * 100) + "%"
            return (expected + ";按约定不带%的数就是百分数," + shown + " 会读作 " + shown + "%。如果指的是" + hint
                    + ",请填 " + hint + ";如果确实是" + shown + "%,请填 " + shown + "%"), False
        return number, True
    if kind == "quantity" and isinstance(raw, str):  # 「1200平方米」 or 「1200平米」 for a fact in 平方米
        text = raw.strip()
        for unit in fact["units"]:
            if text.endswith(unit):
                raw = text[: -len(unit)]
                break
    number, reason = number_of(raw)
    if number is None:
        return expected + (";" + reason if reason else _not_a_number(raw)), False
    if _size_problem(number):
        return expected + _size_problem(number), False
    if kind in ("count", "days", "months", "rank", "ratio", "quantity") and number < 0:
        return expected + ";不能是负数", False
    if kind in ("count", "days", "months", "rank"):
        if number != number.to_integral_value():
            return expected + ";不能有小数", False
        if kind == "rank" and number < 1:
            return expected + ";名次从1开始", False
        return number, True
    if kind in ("ratio", "quantity"):
        return number, True
    if kind == "score":
        if number < fact["low"] or (fact["high"] is not None and number > fact["high"]):
            return expected, False
        return number, True
    raise AssertionError(kind)


def _per_values(periods, expected, convert_one, raw):
    """A fact given per event or per period (逐起, 按季度, 按月; govrubric.facts reads it with this too): a JSON list, or
    a cell 「12、35、8」 (、 ; or spaces between the values: a comma is a thousands separator, as in any number; 「无」
    or an empty list: no events); each value converted as the fact's one value; per period, exactly as many values as
    periods. (the values, True) or (what was expected, False)."""
    if isinstance(raw, (list, tuple)) or (isinstance(raw, str) and raw.strip().startswith("[")):
        items = _as_list(raw)  # a JSON list, or one written in a cell
        if items is None:
            return expected, False
    elif isinstance(raw, str):
        text = raw.strip()
        items = [] if text == "无" else [p for p in re.split(r"[、;；\s]+", text) if p]
    else:
        items = [raw]
    if periods is not None and len(items) != periods:
        return expected + ";填了" + str(len(items)) + "个", False
    values = []
    for i, item in enumerate(items, 1):
        if isinstance(item, (list, dict)) or item is None:
            return expected + ";第" + str(i) + "个「" + _show_raw(item) + "」不是一个数", False
        value, ok = convert_one(item)
        if not ok:
            return expected + ";第" + str(i) + "个「" + _show_raw(item) + "」不合要求", False
        values.append(value)
    return tuple(values), True


def _validate(row, unit):
    """Checked values, the unit's category and every problem, as govrubric's FactChecker.validate_unit."""
    problems = []
    values = {}
    hidden = _invisible(unit)
    if hidden:  # 「甲」 and 「甲\u200b」 would be two units that look the same
        problems.append(_problem("GR415", "单位名称「" + _revealed(unit) + "」中有看不见的字符:" + "、".join(hidden)))
    category = None
    if CATEGORIES:
        raw = row.get(_CATEGORY_KEY)
        category = None if _is_empty(raw) else _text(raw).strip()
        choices = "、".join(CATEGORIES)
        if category is None:
            problems.append(_missing(unit, _CATEGORY_KEY, "之一:" + choices, _CATEGORY_KEY not in row))
        elif category not in CATEGORIES:
            problems.append(_problem("GR407", "单位「" + unit + "」的类别「" + category + "」未在细则中声明;可选:" + choices))
    for key in (row if row.keys() - _known_keys() else ()):  # the set difference finds strays at C speed
        if key in FACTS or key in _UNIT_KEYS or key == _CATEGORY_KEY:
            continue
        found = difflib.get_close_matches(_text(key), list(FACTS), n=1, cutoff=0.4)
        hint = ",是不是「" + found[0] + "」?" if found else ""
        problems.append(_problem("GR402", "单位「" + unit + "」提供了未声明的事实「" + _text(key) + "」" + hint))
    for name, fact in FACTS.items():
        raw = row.get(name)
        # Fast paths for the common exact forms (JSON true/false, whole numbers, 「93%」); each gives
        # what the general path below gives, which handles everything else and words the problems.
        kind = fact["type"]
        if raw.__class__ is bool:
            if kind == "bool":
                values[name] = raw
                continue
        elif raw.__class__ is int:
            if kind in _WHOLE_KINDS and (kind == "rank") <= raw < _LARGEST and (raw or name not in RATIO_DENOMINATORS):
                values[name] = _WHOLE_NUMBERS[raw] if raw < 1000 else Decimal(raw)
                continue
        elif raw.__class__ is str:  # a CSV or spreadsheet cell: 「93%」, 「12」, 「是」
            if kind == "percent":
                number = _plain_percent(raw)
                if number is not None:
                    values[name] = number
                    continue
            elif kind in _WHOLE_KINDS:
                if raw.isdigit() and raw.isascii() and len(raw) <= MAX_INTEGER_DIGITS:
                    whole = int(raw)
                    if whole >= (kind == "rank") and (whole or name not in RATIO_DENOMINATORS):
                        values[name] = _WHOLE_NUMBERS[whole] if whole < 1000 else Decimal(raw)
                        continue
            elif kind == "bool":
                if raw in _TRUE:
                    values[name] = True
                    continue
                if raw in _FALSE:
                    values[name] = False
                    continue
        if name not in row or _is_empty(raw) or (
                isinstance(raw, list) and not raw and fact["type"] not in ("list", "discretionary", "per")):
            # a fact read only by items that do not apply to the unit's category need not be given
            needed_by = fact["needed_by"]
            if fact["optional"] or (needed_by is not None and category in CATEGORIES and category not in needed_by):
                values[name] = None
                continue
            problems.append(_missing(unit, name, fact["expected"], name not in row))
            continue
        value, problem = _given(name, fact, raw, unit)
        if problem is not None:
            problems.append(problem)
            continue
        values[name] = value
    problems += _check_ladders(values, category, row, unit)
    return values, category, problems


def _given(name, fact, raw, unit):
    """A fact's given, non-empty value checked: (value, None) or (None, the problem). The last steps of _validate,
    and all of them for such a value (its fast paths give what this gives): govrubric's streaming checks a CSV
    cell it has not met before with it (stream.py), and only a cell's text decides the answer."""
    if fact["type"] == "discretionary" and not fact["several"] and len(_as_list(raw) or ()) > 1:
        return None, _problem("GR425", "单位「" + unit + "」的事实「" + name + "」填了一组分数「" + _show_raw(raw)
                              + "」,但用到它的条款只计一次分:应为" + fact["expected"])
    value, ok = _convert(fact, raw)
    if not ok:
        return None, _problem("GR403", "单位「" + unit + "」的事实「" + name + "」的值「" + _show_raw(raw)
                              + "」不合要求:应为" + value)
    if name in RATIO_DENOMINATORS and value == 0:
        return None, _problem("GR408", "单位「" + unit + "」的事实「" + name + "」为0,无法计算比值")
    return value, None


def _ladder_amount(problems, row, unit, name, amounts, low, high, tier):
    """The amount of the 视情 tier that applies lies in its range (facts.FactChecker.ladder_amount)."""
    amounts = amounts or ()
    floor = low if low is not None else ZERO
    if all(floor <= a and (high is None or a <= high) for a in amounts) and (amounts or floor == 0):
        return
    expected = _amounts_text(low, high) + "(适用的一档是「" + tier + "」)"
    raw = row.get(name)
    if name not in row or _is_empty(raw):
        problems.append(_missing(unit, name, expected, name not in row))
    else:
        problems.append(_problem("GR403", "单位「" + unit + "」的事实「" + name + "」的值「" + _show_raw(raw)
                                 + "」不合要求:应为" + expected))


def _step_amounts(problems, row, unit, name, amounts, counted, value, holds, threshold, below, step, measure, low,
                  high):
    """按次扣1-3分: one amount for each occurrence short of the requirement (facts.FactChecker.amount_per_step)."""
    short = int((threshold - value if below else value - threshold) / step) if holds else 0
    amounts = list(amounts or ())
    if amounts == [0]:  # 「没有则填0」
        amounts = []
    if len(amounts) == short:
        return
    expected = ("「" + counted + "」= " + _fmt(value) + "," + ("少" if below else "多") + str(short) + measure + ","
                + ("填" + str(short) + "个分数(每" + measure + "一个," + _amounts_text(low, high) + ")" if short
                   else "不填或填0"))
    raw = row.get(name)
    if short and (name not in row or _is_empty(raw)):
        problems.append(_missing(unit, name, expected, name not in row))
    else:
        problems.append(_problem("GR403", "单位「" + unit + "」的事实「" + name + "」的值「" + _show_raw(raw)
                                 + "」不合要求:应为" + expected))


def _amounts_text(low, high):
    if low is None and high is None:
        return "分数"
    if high is None:
        return "不小于" + _fmt(low) + "分的分数"
    return _fmt(low if low is not None else ZERO) + "到" + _fmt(high) + "分之间的分数"


_WHOLE_KINDS = frozenset({"count", "days", "months", "rank"})


_WHOLE_NUMBERS = tuple(Decimal(i) for i in range(1000))
_LARGEST = 10 ** MAX_INTEGER_DIGITS  # a larger whole number takes the general path, which refuses it
_KNOWN = []


def _known_keys():
    """Every key a unit's row may hold (computed once: FACTS is defined further down the module)."""
    if not _KNOWN:
        _KNOWN.append(frozenset(FACTS) | frozenset(_UNIT_KEYS) | {_CATEGORY_KEY})
    return _KNOWN[0]


def _plain_percent(raw):
    """「93%」 or 「93.5%」 between 0% and 100%, as Decimal; None for anything else (the general path decides).
    Rows repeat the same few percentages (100%, 95% …), so the answers are kept."""
    number = _PERCENTS.get(raw)
    if number is None and raw not in _PERCENTS:
        number = _parse_percent(raw)
        if len(_PERCENTS) < 1000:  # bounded: a streamed file of a million units must not grow it
            _PERCENTS[raw] = number
    return number


_PERCENTS = {}


def _parse_percent(raw):
    text = raw.strip()
    if text[-1:] not in ("%", "％"):
        return None
    body = text[:-1].strip()
    whole, _, fraction = body.partition(".")
    if not (body.isascii() and whole.isdigit() and (fraction.isdigit() or (not fraction and not _))):
        return None
    number = Decimal(body)
    return number if number <= 100 else None


def _invisible(text):
    """Characters of a name that cannot be seen, as U+200B(零宽空格) (govrubric.textsafe.invisible)."""
    found = []
    for ch in dict.fromkeys(text):
        if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            found.append("U+" + format(ord(ch), "04X") + "(" + _INVISIBLE_NAMES.get(ch, "控制字符") + ")")
    return found


def _revealed(text):
    """A name with each hidden character shown as an escape (govrubric.textsafe.terminal_value)."""
    shown = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            shown.append("\\n" if ch == "\n" else "\\t")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"):
            shown.append(ch)
        else:
            shown.append("\\x" + format(code, "02x") if code < 0x100 else
                         ("\\u" + format(code, "04x") if code < 0x10000 else "\\U" + format(code, "08x")))
    return "".join(shown)


_INVISIBLE_NAMES = {
    "\u00ad": "软连字符", "\u061c": "阿拉伯字母标记", "\u180e": "蒙古文元音分隔符",
    "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u200e": "从左到右标记",
    "\u200f": "从右到左标记", "\u2028": "行分隔符", "\u2029": "段分隔符", "\u2060": "字连接符",
    "\u2061": "不可见函数符", "\u2062": "不可见乘号", "\u2063": "不可见分隔符", "\u2064": "不可见加号",
    "\ufeff": "字节顺序标记(BOM)",
    **{chr(c): "双向文字控制符" for c in range(0x202A, 0x202F)},
    **{chr(c): "双向隔离符" for c in range(0x2066, 0x206A)},
}


def _missing(unit, name, expected, absent):
    if absent:
        return _problem("GR401", "单位「" + unit + "」缺少事实「" + name + "」(应为" + expected + ")")
    return _problem("GR411", "单位「" + unit + "」的事实「" + name + "」没有填写(应为" + expected + ")")


def _problem(code, message):
    return {"code": code, "message": message}


def _spill(total_name, total, spills, lines):
    """追加扣除 / 从总分中扣除: every item's spill off the total, worded as spill.total_line."""
    if not spills:
        return total
    taken = sum(spills.values(), ZERO)
    new = total - taken
    if lines is not None:
        parts = "、".join(_say("{path} {amount}分", path=path, amount=_fmt(amount)) for path, amount in spills.items())
        many = _say(",共{amount}分", amount=_fmt(taken)) if len(spills) > 1 else ""
        lines.append(_line(_say("追加扣除(从{total}中扣除):{parts}{many}:{before} → {after}", total=total_name, parts=parts,
                                many=many, before=_fmt(total), after=_fmt(new)), new))
    return new


def _extra(total_name, total, extras, lines):
    """加分上限:计入总分: every item's bonus added to the total, worded as spill.extras_line."""
    if not extras:
        return total
    added = sum(extras.values(), ZERO)
    new = total + added
    if lines is not None:
        parts = "、".join(_say("{path} {amount}分", path=path, amount=_fmt(amount)) for path, amount in extras.items())
        many = _say(",共{amount}分", amount=_fmt(added)) if len(extras) > 1 else ""
        lines.append(_line(_say("加分项(计入{total}):{parts}{many}:{before} → {after}", total=total_name, parts=parts,
                                many=many, before=_fmt(total), after=_fmt(new)), new))
    return new


def _rescale(total, possible, missing, lines):
    """不适用项:按比例折算: the total scaled up to the points that applied, to two places, half up."""
    if missing == 0 or possible == missing:
        return total
    scaled = (total * possible / (possible - missing)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if lines is not None:
        lines.append(_line(_say("不适用项按比例折算:{total} × {possible} ÷ {applied} = {scaled}(保留两位小数,四舍五入)",
                                total=_fmt(total), possible=_fmt(possible), applied=_fmt(possible - missing),
                                scaled=_fmt(scaled)), scaled))
    return scaled
