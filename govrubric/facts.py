"""One unit's raw facts → checked values, with every problem reported at once.

Raw values may come from JSON (numbers as Decimal, true/false, lists), CSV or Excel
(strings). After validate_unit, every declared fact has a value of its kind (or None
for an empty optional fact) and every ratio's denominator is non-zero.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable, Collection, Iterator, Mapping

import attrs

from . import model as m
from ._runtime import _per_values
from .diagnostics import HINT, Diagnostic, closest, make
from .i18n import built, word
from .numerals import NumeralError, format_decimal, read_arabic, read_chinese_integer, separator_problem
from .textsafe import invisible, terminal_value, visible
from .units import spellings

UNIT_KEYS = ("单位", "单位名称", "名称")
SEPARATORS = ",，;；、 "  # a later tier's text starts at its separator (「;为「较大」的,…」)
CATEGORY_KEY = "单位类别"
_TRUE = {"是", "true", "True", "TRUE", "1", "有", "√", "y", "Y", "yes"}
_FALSE = {"否", "false", "False", "FALSE", "0", "无", "×", "n", "N", "no"}
_SEPARATORS = re.compile(r"[;；、,，]").split  # built once: facts files hold a million cells


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


def unit_name(row: Mapping[str, Any]) -> str | None:
    for key in UNIT_KEYS:
        if key in row and row[key] not in (None, ""):
            return _text(row[key]).strip()
    return None


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and False)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None  # NaN and infinities (JSON NaN, Excel) are no number of anything
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # float-ok: only from spreadsheets; repr gives the shortest exact text
        number = Decimal(repr(value))
        return number if number.is_finite() else None
    if isinstance(value, str):
        try:  # commas only as thousands separators: 「1,5」 is refused, not read as 15
            return read_arabic(value)
        except NumeralError:
            return None
    return None


# The size of a number in a fact (docs/cli.md): enough for any count, amount or rate, and small enough
# that no arithmetic overflows or takes minutes (a count of 1e1000000 is refused, not computed).
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 20


def _size_problem(number: Decimal) -> str | None:
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


# What staff type around a number (「2次」「5天」「第3名」「百分之九十五」), read only where the words leave one meaning:
# a unit word of the fact's own kind (「2天」 in a count is refused: which count?), and a Chinese numeral written
# by the rules (numerals.read_chinese_integer: 「九十」 is 90, 「一百五」 is refused, 150 or 105).
UNIT_WORDS = {
    "count": ("次", "个", "件", "条", "项", "起", "处", "家", "人", "户", "份", "篇", "例"),
    "days": ("天", "日"),
    "months": ("个月", "月"),
    "rank": ("名", "位"),
    "score": ("分",),
    "discretionary": ("分",),
}
_CHINESE_NUMERAL = frozenset("零〇一二两三四五六七八九十百千万")
_PERCENT_WORDS = "百分之"


def read_typed(kind: str, text: str) -> tuple[Decimal | None, str | None]:
    """A number written as people type it, for a fact of `kind`: (number, None); or (None, why it cannot be
    read) when it is a number with words the kind does not allow; or (None, None) when it is no such thing.
    「2次」 → 2, 「九十」 → 90, 「第3名」 → 3; for a percent 「百分之九十五」 and 「九十五%」 → 95 (percent)."""
    written = text.strip()
    body = written
    if kind == "percent":
        if body.startswith(_PERCENT_WORDS):
            body = body[len(_PERCENT_WORDS):].strip()
        elif body.endswith(("%", "％")):
            body = body[:-1].strip()
    elif kind == "rank" and body.startswith("第"):
        body = body[1:].strip()
    worded = body
    word = next((w for w in UNIT_WORDS.get(kind, ()) if body.endswith(w) and len(body) > len(w)), None)
    if word is not None:
        body = body[:-len(word)].strip()
    if body == "百" and written.startswith(_PERCENT_WORDS):  # 百分之百
        return Decimal(100), None
    if body and all(ch in _CHINESE_NUMERAL for ch in body):
        try:
            return Decimal(read_chinese_integer(body)), None
        except NumeralError:
            return None, f"「{written}」不是写法明确的中文数字:请填阿拉伯数字"
    try:
        return read_arabic(body), None
    except NumeralError:
        pass
    other = _NUMBER_AND_WORD.fullmatch(worded)
    if other:
        return None, f"「{other.group(1)}」不是{KIND_WORDS.get(kind, '这一项')}的单位:请只填数字"
    return None, None


_NUMBER_AND_WORD = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*([\u4e00-\u9fff]{1,4})")
KIND_WORDS = {"count": "次数", "days": "天数", "months": "月数", "rank": "名次", "score": "分数",
              "discretionary": "分数", "ratio": "比值", "percent": "百分比"}


def _reading(kind: str, number: Decimal) -> str:
    from .numerals import format_decimal

    return format_decimal(number) + ("%" if kind == "percent" else "")


def _not_a_number(raw: Any) -> str:
    """Why a value is no number, after what was expected: 「1,5」 gets its own reason."""
    problem = separator_problem(raw) if isinstance(raw, str) else None
    return ";" + problem if problem else ";填的不是数字"


def fact_names(obj: Any) -> Iterator[str]:
    """Fact names anywhere inside a rule: operands of tests, counters, and facts an outcome takes its amount from."""
    if isinstance(obj, m.FactRef):
        if obj.kind != "category":  # 「单位类别」为「…」 reads the unit's category, no fact
            yield obj.name
    elif isinstance(obj, m.Outcome):
        if obj.fact:
            yield obj.fact
        if obj.formula is not None:  # 该项得分=「甲」÷「乙」×10
            yield from fact_names(obj.formula)
    elif isinstance(obj, tuple):
        for part in obj:
            yield from fact_names(part)
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from fact_names(getattr(obj, field.name))


def categories_needing(rubric: m.Rubric) -> dict[str, frozenset[str] | None]:
    """For each fact units fill in, the unit categories whose scores read it (None: every unit's).

    A fact read only under 「适用:「部门」」 is read for 部门 units only: a 街道 unit need not give it, since
    its score never reads it (the item does not apply to it). A value computed over the cohort (排名, 平均)
    reads its source and scope facts from the units it counts, whatever items read the value; the rules
    before the first item (一票否决, grades on facts) read theirs for every unit. A fact nothing reads is
    asked of everyone, as before (lint reports it: GL601)."""
    found: dict[str, set[str] | None] = {}

    def read(names, categories) -> None:
        for name in names:
            if name not in rubric.facts:
                continue
            if categories is None or found.get(name, set()) is None:
                found[name] = None
            else:
                found.setdefault(name, set()).update(categories)

    for node in rubric.nodes():
        for rule in node.rules:
            read(fact_names(rule), node.applies_to)
    for rules in (rubric.final, rubric.grade_rules):
        read(fact_names(rules), None)
    for fact in rubric.facts.values():
        if fact.cohort is not None:
            read([fact.cohort.fact] if fact.cohort.fact else [], fact.cohort.categories)
            read(fact_names(fact.cohort.scope), fact.cohort.categories)
    return {name: (frozenset(found[name]) if found.get(name) is not None else None)
            for name, fact in rubric.facts.items() if fact.cohort is None}


def _discretion_outcomes(rubric: m.Rubric):
    """(outcome, per occurrence) for every 视情 outcome with its fact, in the order written."""
    for node in rubric.nodes():
        for rule in node.rules:
            if isinstance(rule, m.Tiered):
                outcomes = [t.outcome for t in rule.tiers]
            else:
                outcomes = [rule.outcome] if hasattr(rule, "outcome") else []
            for out in outcomes:
                if out.kind == "discretion" and out.fact:
                    yield out, isinstance(rule, (m.PerCount, m.PerStep))  # PerStep: 按次扣1-3分, one per step


def discretionary_ranges(rubric: m.Rubric) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """The amounts each 视情 fact may take: from the lowest to the highest that any clause using it allows
    (None: no bound). Where the tiers of a clause allow different ranges (「重大的视情扣40—50分;较大的视情扣
    25—40分」), the range of the tier that applies is checked once the unit's other facts are known
    (discretion_ladders)."""
    ranges: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for out, _ in _discretion_outcomes(rubric):
        if out.fact not in ranges:
            ranges[out.fact] = (out.low, out.high)
            continue
        low, high = ranges[out.fact]
        ranges[out.fact] = (None if low is None or out.low is None else min(low, out.low),
                            None if high is None or out.high is None else max(high, out.high))
    return ranges


def several_amount_facts(rubric: m.Rubric) -> set[str]:
    """The 视情 facts that may hold several amounts, one per occurrence (「每发现一起扣1—3分」); any other
    holds one amount, since a clause that is not per occurrence scores its amount once."""
    return {out.fact for out, per_occurrence in _discretion_outcomes(rubric) if per_occurrence}


def discretion_ladders(rubric: m.Rubric) -> list[tuple[frozenset[str] | None, m.Tiered]]:
    """The clauses with a 视情 tier, each with the categories it applies to (None: all), whose amount must lie in
    the range of the tier that applies."""
    found = []

    def visit(nodes, applies):
        for node in nodes:
            here = node.applies_to if node.applies_to is not None else applies
            for rule in node.rules:
                if isinstance(rule, m.Tiered) and any(t.outcome.kind == "discretion" for t in rule.tiers):
                    found.append((here, rule))
            visit(node.children, here)

    visit(rubric.roots, None)
    return found


def step_amount_rules(rubric: m.Rubric) -> list[tuple[frozenset[str] | None, m.PerStep]]:
    """「全年至少4次,未开或少开的,按次扣1-3分」: the clauses whose 视情 fact holds an amount per occurrence short of the
    requirement, each with the categories it applies to (None: all)."""
    found = []

    def visit(nodes, applies):
        for node in nodes:
            here = node.applies_to if node.applies_to is not None else applies
            found.extend((here, rule) for rule in node.rules
                         if isinstance(rule, m.PerStep) and rule.outcome.kind == "discretion")
            visit(node.children, here)

    visit(rubric.roots, None)
    return found


def ladder_facts(rule: m.Tiered) -> list[str]:
    """The facts a 视情 ladder reads: those its tests read, then the amounts, each once."""
    names: list[str] = []
    for tier in rule.tiers:
        names += m.facts_of_test(tier.test)
    names += [t.outcome.fact for t in rule.tiers if t.outcome.kind == "discretion"]
    return list(dict.fromkeys(names))


def amounts_text(low: Decimal | None, high: Decimal | None) -> str:
    """「40到50分之间的分数」: what an assessor may give within one range."""
    from .numerals import format_decimal

    if low is None and high is None:
        return "分数"
    if high is None:
        return built("不小于{low}分的分数", low=format_decimal(low))
    return built("{low}到{high}分之间的分数", low=format_decimal(low if low is not None else Decimal(0)),
                 high=format_decimal(high))


def ratio_denominators(rubric: m.Rubric) -> set[str]:
    found: set[str] = set()

    def visit(test):
        if test is None:
            return
        if isinstance(test, (m.AllOf, m.AnyOf)):
            for part in test.parts:
                visit(part)
        elif getattr(test, "operand", None) is not None:  # 「甲」/「乙」, 「甲」÷「乙」×10
            found.update(m.divisors(test.operand))

    for node in rubric.nodes():
        for rule in node.rules:
            for test in _tests_of(rule):
                visit(test)
            for outcome in m.outcomes_of(rule):  # 该项得分=「甲」÷「乙」×10
                if outcome.formula is not None:
                    found.update(m.divisors(outcome.formula))
    for rules in (rubric.final, rubric.grade_rules):  # a 一票否决 or a grade before the first item may test a ratio too
        for tier in rules.tiers if rules is not None else ():
            visit(tier.test)
    return found


def denominator_uses(rubric: m.Rubric) -> dict[str, list[str]]:
    """For each fact that divides, where: the item and the clause as written (二.3:「「承诺数量」/「企业数量」≥1得1分」)."""
    found: dict[str, list[str]] = {}

    def visit(test, where: str) -> None:
        if test is None:
            return
        if isinstance(test, (m.AllOf, m.AnyOf)):
            for part in test.parts:
                visit(part, where)
        elif getattr(test, "operand", None) is not None:  # 「甲」/「乙」, 「甲」÷「乙」×10, 「甲」比「乙」低5%以内
            for name in m.divisors(test.operand):
                uses = found.setdefault(name, [])
                if where not in uses:
                    uses.append(where)

    for node in rubric.nodes():
        for rule in node.rules:
            for test in _tests_of(rule):
                visit(test, f"{node.path}:「{rule.text}」")
    for rules in (rubric.final, rubric.grade_rules):
        for tier in rules.tiers if rules is not None else ():
            visit(tier.test, f"{rubric.total_name}:「{tier.text}」")
    return found


def _tests_of(rule):
    exempt = [rule.exempt.test] if rule.exempt is not None else []  # (若…的,不扣分)
    if isinstance(rule, m.Tiered):
        return [t.test for t in rule.tiers] + exempt
    return [getattr(rule, "guard", None)] + exempt


class FactChecker:
    """Validates units' rows against one rubric; reusable across many units."""

    def __init__(self, rubric: m.Rubric) -> None:
        self.rubric = rubric
        self.ranges = discretionary_ranges(rubric)
        self.several = several_amount_facts(rubric)
        self.ladders = discretion_ladders(rubric)
        self.ladder_reads = {id(rule): ladder_facts(rule) for _, rule in self.ladders}
        self.denominators = ratio_denominators(rubric)
        self.denominator_uses = denominator_uses(rubric)
        self.needed_by = categories_needing(rubric)
        self.step_amounts = step_amount_rules(rubric)

    def validate_unit(self, row: Mapping[str, Any], unit: str, *, locate: Callable[[str], str | None] | None = None,
                      reported: Collection[str] = (), read_as: list | None = None,
                      ) -> tuple[dict[str, Any], str | None, list[Diagnostic]]:
        """Checked values, the unit's category and every problem. `locate` names the cell of a fact
        (e.g. 第3行 C列) for messages; facts and keys in `reported` were already reported for the
        whole file (a missing or unknown column) and are not reported again for each unit. A value read
        from words around its number (「2次」 → 2) gets a note (GR430, a hint) in `read_as` when given."""
        problems: list[Diagnostic] = []
        values: dict[str, Any] = {}
        facts = self.rubric.facts
        where = locate or (lambda _key: None)

        def problem(code: str, key: str, help: str | None = None, **fields: Any) -> None:
            if key not in reported:
                problems.append(make(code, unit=unit, where=where(key), help=help, **fields))

        hidden = invisible(unit)
        if hidden:  # 「甲」 and 「甲\u200b」 would be two units that look the same
            key = next((k for k in UNIT_KEYS if k in row), UNIT_KEYS[0])
            problem("GR415", key, shown=terminal_value(unit), chars="、".join(hidden), help=f"删去这些字符,写作「{visible(unit)}」")
        category = None
        if self.rubric.categories:
            raw = row.get(CATEGORY_KEY)
            category = None if _is_empty(raw) else _text(raw).strip()
            choices = "、".join(self.rubric.categories)
            if category is None:
                code = "GR401" if CATEGORY_KEY not in row else "GR411"
                problem(code, CATEGORY_KEY, fact=CATEGORY_KEY, expected="之一:" + choices)
            elif category not in self.rubric.categories:
                problem("GR407", CATEGORY_KEY, value=category, expected=choices)
        for key in row:
            if key in facts or key in UNIT_KEYS or key == CATEGORY_KEY:
                continue
            if key in reported:  # the file's GR410 said it once; no did-you-mean searched for each unit again
                continue
            hint = closest(_text(key), facts)
            problem("GR402", key, fact=key, hint=f",是不是「{hint}」?" if hint else "")
        for name, fact in facts.items():
            raw = row.get(name)
            if name not in row or _is_empty(raw) or (isinstance(raw, list) and not raw and fact.kind not in ("list", "discretionary")
                                                     and fact.per is None):
                if fact.optional or not self.needed(name, category):
                    values[name] = None
                    continue
                problem("GR401" if name not in row else "GR411", name, self.must_fill(name, category),
                        fact=name, expected=self.expected(fact))
                continue
            if fact.kind == "discretionary" and name not in self.several and len(_as_list(raw) or ()) > 1:
                problem("GR425", name, fact=name, value=_show(raw), expected=self.expected(fact))
                continue
            typed: list = []
            value, ok = self.convert(fact, raw, typed)
            if not ok:
                problem("GR403", name, fact=name, value=_show(raw), expected=value)
                continue
            if name in self.denominators and value == 0:
                uses = self.denominator_uses.get(name, [])
                problem("GR408", name, f"「{name}」是比值的分母,用于" + ";".join(uses) + "。没有的请核实后填实际数"
                        if uses else None, fact=name)
                continue
            if typed and read_as is not None:
                read = "、".join(word("「{text}」读作 {value}", text=text, value=_reading(fact.kind, number))
                                for text, number in typed)
                read_as.append(make("GR430", severity=HINT, unit=unit, where=where(name),
                                    what=word("事实「{fact}」:{read}", fact=name, read=read)))
            values[name] = value
        for applies, rule in self.ladders:
            self.ladder_amount(rule, applies, values, category, row, problem)
        for applies, rule in self.step_amounts:
            self.amount_per_step(rule, applies, values, category, row, problem)
        return values, category, problems

    def must_fill(self, name: str, category: str | None) -> str:
        """Why this unit may not leave the fact empty, for the message's help line."""
        categories = self.needed_by.get(name)
        if categories is None or category is None:
            who = "每个单位都要填写"
        else:
            who = f"「{category}」类单位要填写(只有" + "、".join(f"「{c}」" for c in self.rubric.categories
                                                            if c in categories) + "类单位填)"
        return f"这一项不能留空:{who};细则没有把它写作(可空)"

    def needed(self, name: str, category: str | None) -> bool:
        """Must a unit of this category give the fact? Not when no item its score reads uses it
        (categories_needing); a unit of an unknown category gives every fact."""
        categories = self.needed_by.get(name)
        return categories is None or category not in self.rubric.categories or category in categories

    def ladder_amount(self, rule: m.Tiered, applies, values, category, row, problem) -> None:
        """The amount of the 视情 tier that applies lies in that tier's range (「为「重大」的,视情扣40—50分」 wants
        40 to 50 when the unit's 事故等级 is 重大, even where the tiers together allow 15 to 50); a tier that
        applies with no amount given is a problem unless its range starts at 0. Not checked where the clause
        does not apply to the unit's category, or where a fact it reads already has a problem."""
        from .evaluate import condition_tester

        if applies is not None and category is not None and category not in applies:
            return
        reads = self.ladder_reads.get(id(rule))
        if any(name not in values for name in (reads if reads is not None else ladder_facts(rule))):
            return
        holds = condition_tester(self.rubric, values, category)
        for tier in rule.tiers:
            if tier.test is not None and not holds(tier.test):
                continue
            out = tier.outcome
            if out.kind != "discretion":
                return
            amounts = values[out.fact] or ()
            low = out.low if out.low is not None else Decimal(0)
            if all(low <= a and (out.high is None or a <= out.high) for a in amounts) and (amounts or low == 0):
                return
            expected = f"{amounts_text(out.low, out.high)}(适用的一档是「{tier.text.lstrip(SEPARATORS)}」)"
            raw = row.get(out.fact)
            if out.fact not in row or _is_empty(raw):  # an optional 视情 fact left empty
                problem("GR401" if out.fact not in row else "GR411", out.fact, fact=out.fact, expected=expected)
            else:
                problem("GR403", out.fact, fact=out.fact, value=_show(raw), expected=expected)
            return

    def amount_per_step(self, rule: m.PerStep, applies, values, category, row, problem) -> None:
        """按次扣1-3分 from a requirement: one amount for each occurrence short of it, no more and no fewer (0 or
        nothing where the requirement is met). Not checked where the clause does not apply to the unit's category
        or a fact it reads already has a problem."""
        from .evaluate import condition_tester

        if applies is not None and category is not None and category not in applies:
            return
        name, counted = rule.outcome.fact, rule.operand.name
        if name not in values or counted not in values or values[counted] is None:
            return
        short = 0
        if condition_tester(self.rubric, values, category)(rule.guard):
            gap = rule.threshold - values[counted] if rule.below else values[counted] - rule.threshold
            short = int(gap / rule.step)
        amounts = list(values[name] or ())
        if amounts == [0]:  # 「没有则填0」
            amounts = []
        if len(amounts) == short:
            return
        word = "少" if rule.below else "多"
        expected = (f"「{counted}」= {format_decimal(values[counted])},{word}{short}{rule.measure},"
                    + (f"填{short}个分数(每{rule.measure}一个,{amounts_text(rule.outcome.low, rule.outcome.high)})"
                       if short else "不填或填0"))
        raw = row.get(name)
        if short and (name not in row or _is_empty(raw)):
            problem("GR411" if name in row else "GR401", name, fact=name, expected=expected)
        else:
            problem("GR403", name, fact=name, value=_show(raw), expected=expected)

    def expected(self, fact: m.Fact) -> str:
        if fact.kind == "discretionary" and fact.name in self.ranges:
            low, high = self.ranges[fact.name]
            amounts = amounts_text(low, high)
            if fact.name in self.several:
                return built("{amounts},或一组分数(每次一个);没有则填0", amounts=amounts)
            return built("{amounts}(一个数);没有则填0", amounts=amounts)
        return fact.expected()

    def convert(self, fact: m.Fact, raw: Any, typed: list | None = None) -> tuple[Any, bool]:
        """(value, True) or (what was expected, False). Each number read from words around it (read_typed:
        「2次」, 「百分之九十五」) is added to `typed` as (the text, the number), for the note saying how it was read."""
        kind = fact.kind
        if fact.per is not None:  # 逐起 / 按季度: one value per event or period (language.md 3); the compiled
            # scorer's reading is the one (a JSON list or a cell 「12、35、8」, 「无」 for none, as many as the periods)
            return _per_values(fact.periods, fact.expected(),
                              lambda one: self.convert(fact.element(), one, typed), raw)

        def number_of(value: Any) -> tuple[Decimal | None, str | None]:
            number = _number(value)
            if number is not None or not isinstance(value, str):
                return number, None
            number, reason = read_typed(kind, value)
            if number is not None and typed is not None:
                typed.append((value.strip(), number))
            return number, reason

        expected = self.expected(fact)
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
            return (text, True) if text in fact.options else (expected, False)
        if kind == "list":
            items = _as_list(raw)
            if items is None:
                return expected, False
            matters = []
            for item in items:
                options = item if isinstance(item, list) else [item]
                names = tuple(_text(o).strip() for o in options)
                if not names or any(n not in fact.options for n in names):
                    return expected, False
                matters.append(names)
            return tuple(matters), True
        if kind == "discretionary":
            items = _as_list(raw)
            if items is None:
                items = [raw]
            amounts = []
            low, high = self.ranges.get(fact.name, (None, None))
            for item in items:
                number, _reason = number_of(item)
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
                # The convention: a bare number is a percentage (95 is 95%), so 0.95 reads 0.95%;
                # a rate written as a fraction is the likelier meaning, so ask rather than guess.
                shown = _show(raw)
                return (f"{expected};按约定不带%的数就是百分数,{shown} 会读作 {shown}%。"
                        f"如果指的是{_percent_hint(number)},请填 {_percent_hint(number)};"
                        f"如果确实是{shown}%,请填 {shown}%"), False
            return number, True
        if kind == "quantity" and isinstance(raw, str):
            raw = _without_unit(raw, spellings(fact.measure))  # 「1200平方米」 or 「1200平米」 for a fact in 平方米
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
            low = fact.low if fact.low is not None else Decimal(0)
            if number < low or (fact.high is not None and number > fact.high):
                return expected, False
            return number, True
        raise AssertionError(kind)


def _without_unit(raw: str, units: tuple[str, ...]) -> str:
    text = raw.strip()
    for unit in units:
        if text.endswith(unit):
            return text[: -len(unit)]
    return raw


def _as_list(raw: Any) -> list | None:
    if isinstance(raw, (list, tuple)):
        return list(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            import json

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


SHOWN_CHARACTERS = 200  # of a value quoted in a message


def _show(raw: Any) -> str:
    """A value as a message quotes it: numbers in their digits (a huge one as 1E+5000), long text cut short."""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, (list, tuple)) and len(raw) <= 20:  # a 视情 list: [2, 3], not [Decimal('2'), …]
        return "[" + ", ".join(_show(x) for x in raw) + "]"
    if isinstance(raw, int) and not -10**MAX_INTEGER_DIGITS < raw < 10**MAX_INTEGER_DIGITS:
        raw = Decimal(raw)  # str() of an int over 4,300 digits raises
    if isinstance(raw, Decimal) and raw.is_finite():
        from .numerals import format_decimal

        return format(raw, ".6E") if _size_problem(raw) else format_decimal(raw)
    text = _text(raw)
    return text if len(text) <= SHOWN_CHARACTERS else f"{text[:SHOWN_CHARACTERS]}…(共{len(text):,}个字符)"


def _percent_hint(number: Decimal) -> str:
    from .numerals import format_decimal

    return format_decimal(number * 100) + "%"
