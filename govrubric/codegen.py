"""Checked model → one standalone, readable Python module that scores units exactly as the evaluator does.

The module is the fixed runtime (_runtime.py and _runtime_cohort.py, copied verbatim) followed by code
generated for one rubric: Decimal constants, metadata, the FACTS table, one function per item named
after its numbering (item_3_2 for 三.2), _run, which adds up the total, and COHORTS, how values over a
cohort are computed. Each clause's code is preceded by a comment quoting the clause and its line.

Safety (the Jinja2 way; building ``ast`` nodes and unparsing them took 100 ms for one rubric):
code is written from fixed fragments in this file. Rubric text reaches it only through ``repr()``
(``_lit``: one-line literals with every control, line-break and bidi character escaped), or through
``Code`` pieces built by the helpers here, or as comments escaped by ``comment_text``. Every
identifier is generated (item_…, D_…, sub_1, x1) from numbers, never from rubric text, since Python
folds look-alike identifiers (ｓｃｏｒｅ is score). tests/test_codegen_safety.py checks this on hostile
rubrics by inspecting the generated module's syntax tree.

Fidelity: the code mirrors evaluate.py operation by operation, in the same order, so that results
agree to the last digit even where the Decimal context rounds (28 significant digits); hence
details such as ``(count / D_1).to_integral_value(ROUND_FLOOR)`` and ``v['…'] + ZERO``.
"""
from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import model as m
from .evaluate import AMOUNT_KINDS, none_applies, on_total, per_wording, quote_condition, settled_step, step_for
from .numerals import format_decimal as fmt
from .numerals import format_shown as shown
from .result import signed

_DECIMAL_NAME = str.maketrans({"-": "m", "+": "p", ".": "_", "E": "e"})
_HEADER_START = '"""Scorer compiled by govrubric'


class Code(str):
    """A piece of generated Python. Plain str given to _concat is rubric text and becomes a literal."""


def _lit(value) -> Code:
    """A literal for a str, int, bool or None: repr() escapes everything that could end or bend a line."""
    assert value is None or isinstance(value, (str, bool, int)), value
    return Code(repr(value))


def _concat(*parts: str) -> Code:
    """'a' + x + 'b': adjacent texts merged into one literal; Code pieces kept as code."""
    merged: list[str] = []
    for part in parts:
        if not isinstance(part, Code) and merged and not isinstance(merged[-1], Code):
            merged[-1] = merged[-1] + part
        else:
            merged.append(part)
    return Code(" + ".join(p if isinstance(p, Code) else _lit(p) for p in merged if p != ""))


def _call(func: str, *args: str) -> Code:
    return Code(f"{func}({', '.join(args)})")


def _tuple(items) -> Code:
    items = list(items)
    return Code("(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")")


def comment_text(text: str) -> str:
    """Text that is safe inside a # comment: a \\r, \\x85, \\u2028 … would end the comment and the rest
    would run as code, and bidirectional controls would make the line read differently from what
    runs; so backslashes and every non-printable character are written as escapes."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() or ch == "\u3000":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


@lru_cache(maxsize=1)
def runtime_source() -> str:
    """_runtime.py and _runtime_cohort.py without their docstrings: the fixed first part of every scorer."""
    parts = []
    for name in ("_runtime.py", "_runtime_cohort.py"):
        text = (Path(__file__).resolve().parent / name).read_text(encoding="utf-8")
        end = text.index('"""', 3) + 3
        parts.append(text[end:].strip("\n") + "\n")
    return "\n\n".join(parts)


class _Writer:
    def __init__(self) -> None:
        self.rows: list[str] = []
        self.depth = 0

    def line(self, code: str) -> None:
        self.rows.append("    " * self.depth + code)

    def comment(self, text: str) -> None:
        for row in text.split("\n"):
            self.line("# " + comment_text(row))

    def open(self, header: str) -> None:
        self.line(header)
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1

    def text(self) -> str:
        return "\n".join(self.rows) + "\n"


# ---------------------------------------------------------------- the module
def generate(rubric: m.Rubric, line_of) -> str:
    """The source of a standalone scorer for a checked rubric; line_of(span) gives a span's line number."""
    from . import __version__

    gen = _Module(rubric, line_of)
    body = gen.module()
    header = (f'{_HEADER_START} {__version__} from a rubric: see TITLE, SOURCE_FILE, SOURCE_SHA256.\n\n'
              "Generated code: do not edit; compile the rubric again instead. Needs only the Python standard library.\n"
              "score(facts) gives every item's score (and .grade, the unit's 等次 when GRADES lists any), explain(facts)\n"
              "the explained result tree, check_facts(facts) the problems in a unit's facts; FACTS describes the facts\n"
              'it needs.\n"""\n')
    return header + runtime_source() + "\n\n# " + "-" * 64 + " generated from the rubric\n" + body


class _Module:
    def __init__(self, rubric: m.Rubric, line_of) -> None:
        from .facts import FactChecker, discretionary_ranges, ratio_denominators

        self.rubric = rubric
        self.line_of = line_of
        self.decimals: dict[str, str] = {}
        self.checker = FactChecker(rubric)
        self.ranges = discretionary_ranges(rubric)
        self.denominators = ratio_denominators(rubric)
        self.function_names = _function_names(rubric)
        self.operands: dict = {}
        self.temps = 0
        self.w = _Writer()
        # Values computed over a cohort from scores (本项得分的最低值 …) are read through r.read, which in a
        # cohort run tells which items read a value not computed yet (cohort.py's taint); those items and
        # their ancestors (the chain) are scored again once it is computed.
        self.waiting = {n for n, f in rubric.facts.items() if f.cohort is not None and f.cohort.source != "fact"}
        self.sources = {f.cohort.node for f in rubric.facts.values() if f.cohort is not None and f.cohort.node is not None}
        self.chains = {node.id: chain for node, chain in _chains(rubric.roots, ())}
        # 按比例折算 counts missing points only under first-level items that have points (as evaluate.py)
        self.counts_missing = {n.id: root.points is not None for root in rubric.roots for n in root.walk()}
        self.chain: tuple[int, ...] = ()

    # ------------------------------------------------------------ literals
    def dec(self, value: Decimal) -> Code:
        """A Decimal constant, defined once at module level as D_… = Decimal('…') (named by its digits)."""
        text = str(value)
        if text not in self.decimals:
            self.decimals[text] = "D_" + text.translate(_DECIMAL_NAME)
        return Code(self.decimals[text])

    def maybe_dec(self, value: Decimal | None) -> Code:
        return _lit(None) if value is None else self.dec(value)

    def literal(self, value) -> Code:
        """Plain data (metadata, the facts table) as an expression."""
        if isinstance(value, Decimal):
            return _call("Decimal", _lit(str(value)))
        if isinstance(value, (tuple, list)):
            return _tuple(self.literal(v) for v in value)
        if isinstance(value, dict):
            return Code("{" + ", ".join(f"{self.literal(k)}: {self.literal(v)}" for k, v in value.items()) + "}")
        return _lit(value)

    def line(self, span) -> Code:
        return _lit(self.line_of(span))

    def source_comment(self, text: str, span) -> None:
        first = self.line_of(span)
        last = first + text.count("\n")
        where = f"第{first}行" if last == first else f"第{first}—{last}行"
        rows = [row.strip() for row in text.split("\n")]
        self.w.comment(f"{where}:" + "\n    ".join(rows))

    def add_line(self, text: str, amount: str | None = None, line: str | None = None) -> None:
        """lines.append(_line(…)), only when explaining."""
        args = [text] + ([amount or _lit(None)] if amount is not None or line is not None else [])
        args += [line] if line is not None else []
        w = self.w
        pad = "    " * w.depth
        start = len(w.rows)
        while start and w.rows[start - 1].startswith(pad + "    lines.append("):
            start -= 1
        if start < len(w.rows) and start and w.rows[start - 1] == pad + "if lines is not None:":
            w.rows.append(pad + f"    lines.append({_call('_line', *args)})")  # joins the block just above
            return
        w.open("if lines is not None:")
        w.line(f"lines.append({_call('_line', *args)})")
        w.close()

    # ------------------------------------------------------------ module parts
    def module(self) -> str:
        w = self.w
        metadata = self.metadata()
        facts = self.facts_table()
        for node in self.rubric.nodes():
            w.line("")
            self.item(node)
        w.line("")
        self.run()
        self.cohorts()
        constants = [f"{name} = Decimal({_lit(text)})" for text, name in self.decimals.items()]
        return "\n".join(constants + metadata + facts) + "\n" + w.text()

    def metadata(self) -> list[str]:
        from . import __version__

        r = self.rubric
        values = [
            ("TITLE", r.title), ("YEAR", r.year), ("FULL_SCORE", r.full), ("TOTAL_NAME", r.total_name),
            ("CATEGORIES", r.categories), ("SOURCE_FILE", os.path.basename(r.path)),
            ("SOURCE_SHA256", r.source_sha256), ("METADATA", dict(r.meta)),
            ("NOT_APPLICABLE", r.not_applicable), ("NOT_APPLICABLE_EXPLICIT", r.not_applicable_explicit),
            ("GOVRUBRIC_VERSION", __version__),
            ("ROOT_IDS", tuple(root.id for root in r.roots)),
            ("RATIO_DENOMINATORS", tuple(sorted(self.denominators))),
            ("COHORT_FACTS", tuple(name for name, fact in r.facts.items() if fact.cohort is not None)),
            ("GRADES", r.grade_names()),
        ]
        return [f"{name} = {self.literal(value)}" for name, value in values]

    def facts_table(self) -> list[str]:
        rows = ["FACTS = {"]
        for name, fact in self.rubric.facts.items():
            low, high = fact.low, fact.high
            if fact.kind == "score" and low is None:
                low = Decimal(0)
            if fact.kind == "discretionary":
                low, high = self.ranges.get(name, (None, None))
            entry = {"type": fact.kind, "type_zh": m.KIND_ZH[fact.kind], "optional": fact.optional,
                     "low": low, "high": high, "options": fact.options,
                     "expected": self.checker.expected(fact), "line": self.line_of(fact.span)}
            rows.append(f"    {_lit(name)}: {self.literal(entry)},")
        return rows + ["}"]

    # ------------------------------------------------------------ items
    def item(self, node: m.Node) -> None:
        """def item_…(v, r): the item's score, as evaluate.node_score; recorded in r, and explained in r
        when explaining."""
        w = self.w
        w.open(f"def {self.function_names[node.id]}(v, r):")
        subs = self.item_start(node)
        vetoes = any(_can_veto(rule) for rule in node.rules)
        if vetoes:
            w.line("veto = False")
        w.line("effects = ZERO")
        if node.bonus_uncapped:
            w.line("bonuses = ZERO  # 加分上限:不受本项分值限制 — bonuses are added after the bounds")
        for rule in node.rules:
            self.source_comment(rule.text, rule.span)
            bonus = self.rule(rule, node)
            if bonus == "dynamic":
                w.open("if is_bonus:")
                w.line("bonuses += e")
                w.close()
                w.open("else:")
                w.line("effects += e")
                w.close()
            else:
                w.line("bonuses += e" if bonus else "effects += e")
        self.item_end(node, subs, vetoes)
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
            allowed = _tuple(_lit(c) for c in sorted(node.applies_to))
            w.open(f"if r.category is not None and r.category not in {allowed}:")
            na = _call("r.not_applicable", _lit(node.id), _lit(node.path), _lit(node.title), self.maybe_dec(node.points),
                       _lit(self.counts_missing[node.id]))
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
            self.add_line(_lit(f"从满分扣减,基础分{fmt(points if points is not None else 0)}分({node.base_reason})"), base)
        elif not node.children and node.rules:
            self.add_line(_lit(f"从0计分({node.base_reason})"), Code("ZERO"))
        for child, sub in zip(node.children, subs):
            self.add_line(_concat(f"{child.path} 得", Code(f"_fmt({sub})"), "分"), Code(sub))
        return subs

    def item_end(self, node: m.Node, subs: list[str], vetoes: bool) -> None:
        """The score within the item's bounds, uncapped bonuses, a veto; then record it."""
        w = self.w
        points = node.points
        # evaluate.py: base + sum(children, ZERO) + effects. Adding ZERO to a value already rounded to the
        # context is exact, so it is left out; the grouping, which rounding can depend on, is kept.
        children_sum = (subs[0] if len(subs) == 1 else f"({' + '.join(subs)})") if subs else None
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
            bounds = (f"得分限于[{'不设' if node.floor is None else shown(node.floor)}, "
                      f"{'不设' if node.cap is None else shown(node.cap)}]:")
            w.open("if lines is not None and score != raw:")
            text = _concat(bounds, Code("_shown(raw)"), " → ", Code("_shown(score)"))
            w.line(f"lines.append({_call('_line', text, 'score')})")
            w.close()
        if node.bonus_uncapped:
            w.open("if bonuses:")
            self.add_line(_concat("加分不受本项分值限制:", Code("_fmt(score)"), " ", Code("_signed(bonuses)"), " = ",
                                  Code("_fmt(score + bonuses)")), Code("score + bonuses"))
            w.line("score += bonuses")
            w.close()
        if vetoes:
            w.open("if veto:")
            self.add_line(_concat("否决生效:本项得0分(原为", Code("_fmt(score)"), "分)"), Code("ZERO"))
            w.line("score = ZERO")
            w.close()
        w.line(f"r.scores[{_lit(node.path)}] = score")
        if node.id in self.sources:
            w.line(f"r.sources[{_lit(node.id)}] = score  # a value over the cohort is computed from it")
        children = _tuple(_lit(c.id) for c in node.children)
        record = _call("r.node", _lit(node.id), _lit(node.path), _lit(node.title), self.maybe_dec(points), "score", "lines",
                       children, "veto" if vetoes else "False")
        w.open("if lines is not None:")
        w.line(record)
        w.close()
        w.line("return score")

    # ------------------------------------------------------------ rules
    def rule(self, rule: m.Rule, node: m.Node) -> bool | str:
        """Code that leaves the rule's signed effect in e, after its own cap (evaluate.rule).

        Returns whether the effect is a bonus (加, 视情加) for 加分上限:不受本项分值限制: True, False,
        or "dynamic" when it depends on the tier that applies (the code then sets is_bonus)."""
        prefix = f"{rule.label} " if rule.label else ""
        bonus: bool | str = False
        if isinstance(rule, m.Tiered):
            bonus = self.tiered(rule, node, prefix)
        elif isinstance(rule, m.PerCount):
            self.per_count(rule, prefix)
            bonus = _is_bonus(rule.outcome)
        elif isinstance(rule, m.PerStep):
            self.per_step(rule, prefix)
            bonus = _is_bonus(rule.outcome)
        elif isinstance(rule, m.Escalation):
            bonus = self.escalation(rule, node, prefix)
        else:
            self.respective(rule, prefix)
            bonus = _is_bonus(rule.outcomes[0])
        w = self.w
        if rule.cap is not None:
            cap, neg = self.dec(rule.cap), self.dec(-rule.cap)
            w.open(f"if e > {cap} or e < {neg}:")
            w.line(f"capped = {cap} if e > ZERO else {neg}")
            self.add_line(_concat(f"{rule.cap_text}:", Code("_signed(e)"), " → ", Code("_signed(capped)")),
                          Code("capped"), self.line(rule.span))
            w.line("e = capped")
            w.close()
        if isinstance(rule, m.Escalation):
            self.escalation_flags(rule, node)
        return bonus if node.bonus_uncapped else False

    def tiered(self, rule: m.Tiered, node: m.Node, prefix: str) -> str:
        """The first tier whose test holds decides (evaluate.tiered)."""
        w = self.w
        self.operand_prelude([t.test for t in rule.tiers])
        keyword = "if"
        for tier in rule.tiers:
            if tier.test is None:
                if keyword == "if":
                    self.tier_outcome(tier, node, _concat(prefix, "其余情形"))
                    return "dynamic"
                w.open("else:")
                self.tier_outcome(tier, node, _concat(prefix, "其余情形"))
                w.close()
                return "dynamic"
            w.open(f"{keyword} {self.holds(tier.test)}:")
            self.tier_outcome(tier, node, _concat(prefix, self.why(tier.test, True)))
            w.close()
            keyword = "elif"
        w.open("else:")
        w.line("e = ZERO")
        if node.bonus_uncapped:
            w.line("is_bonus = False")
        why = self.why(rule.tiers[0].test, False)
        self.add_line(_concat(prefix, why, f":{none_applies(rule)}"), Code("e"), self.line(rule.span))
        w.close()
        return "dynamic"

    def tier_outcome(self, tier: m.Tier, node: m.Node, why: Code) -> None:
        """One tier's outcome applied (evaluate.apply), with its explanation line."""
        w = self.w
        out = tier.outcome
        line = self.line(tier.span)
        if node.bonus_uncapped:
            w.line(f"is_bonus = {_is_bonus(out)}")

        def reads(*parts: str) -> None:
            self.add_line(_concat(why, " → ", *parts), Code("e"), line)

        if out.kind in ("award", "bonus", "deduct"):
            w.line(f"e = {self.dec(out.signed)}")
            reads(f"{out.text}({signed(out.signed)})")
        elif out.kind in ("zero", "none"):
            w.line("e = ZERO")
            reads(out.text)
        elif out.kind == "veto":
            w.line("e = ZERO")
            w.line("veto = True")
            reads(f"{out.text}(否决)")
        elif out.kind == "full":
            w.line("e = ZERO")
            reads(out.text)
            if node.points is not None:
                w.line(f"base = {self.dec(node.points)}")
                self.add_line(_lit(f"按满分计,基础分{fmt(node.points)}分"))
        elif out.kind == "set":
            w.line("e = ZERO")
            self.set_base(out, "base", reads, lambda: self.add_line(_concat("基础分取", Code("_fmt(base)"), "分")))
        elif out.kind == "discretion":
            w.line(f"amounts = {self.fact_value(out.fact)} or ()")
            w.line(f"e = {'' if out.sign > 0 else '-'}sum(amounts, ZERO)")
            reads(f"{out.text}:「{out.fact}」视情给出", Code("_amounts(amounts, '0')"), "分(", Code("_signed(e)"), ")")
        else:
            raise AssertionError(out.kind)

    def set_base(self, out: m.Outcome, target: str, reads, then=None) -> None:
        """按「…」计分: the base becomes the fact's value (adjusted); an empty optional fact leaves it alone."""
        w = self.w
        value = self.fact_value(out.fact)
        optional = self.rubric.facts[out.fact].optional
        if optional:
            w.open(f"if {value} is None:")
            reads(f"{out.text}:「{out.fact}」未填,不适用")
            w.close()
            w.open("else:")
        if out.of_points is not None:  # 按「…」比例计分: points × percentage, as evaluate.py
            w.line(f"{target} = {self.dec(out.of_points)} * {value} / 100")
            reads(f"{out.text}:「{out.fact}」= ", Code(f"_fmt({value})"), f"%,{fmt(out.of_points)}分 × ",
                  Code(f"_fmt({value})"), "% = ", Code(f"_fmt({target})"), "分")
        else:
            # value + ZERO as evaluate.py writes it: it rounds a value given with more digits than the context keeps
            w.line(f"{target} = {value} + {self.dec(out.adjust) if out.adjust is not None else 'ZERO'}")
            text = [f"{out.text}:「{out.fact}」= ", Code(f"_fmt({value})"), "分"]
            if out.adjust:
                text += [f",{signed(out.adjust)} = ", Code(f"_fmt({target})"), "分"]
            reads(*text)
        if then is not None:
            then()
        if optional:
            w.close()

    def per_count(self, rule: m.PerCount, prefix: str) -> None:
        """每N次 → amount: occurrences = ⌊count ÷ N⌋ (evaluate.per_count)."""
        w = self.w
        line = self.line(rule.span)
        if rule.guard is not None:
            self.operand_prelude([rule.guard])
            w.open(f"if not ({self.holds(rule.guard)}):")
            w.line("e = ZERO")
            self.add_line(_concat(prefix, self.why(rule.guard, False), ":本条不计分"), Code("ZERO"), line)
            w.close()
            w.open("else:")
        name = rule.counter.name
        what = per_wording(rule)
        out = rule.outcome
        if out.kind == "discretion":
            w.line(f"amounts = {self.fact_value(name)} or ()")
            w.line(f"e = {'' if out.sign > 0 else '-'}sum(amounts, ZERO)")
            self.add_line(_concat(f"{prefix}「{name}」视情给出:", Code("_amounts(amounts, '无')"), f";{what},合计 ",
                                  Code("_signed(e)"), "分"), Code("e"), line)
        else:
            value = self.fact_value(name)
            if self.rubric.facts[name].optional:
                value = Code(f"{value} if {value} is not None else ZERO")
            w.line(f"count = {value}")
            if rule.per == 1:  # the count is whole, so ⌊count ÷ 1⌋ is count rounded to the context: +count
                w.line("n = +count")
            else:
                w.line(f"n = (count / {self.dec(rule.per)}).to_integral_value(ROUND_FLOOR)")
            each = out.signed if out.kind in ("award", "bonus", "deduct") else Decimal(0)
            w.line(f"e = {self.dec(each)} * n")
            per = f"(每{fmt(rule.per)}{rule.measure}计1次)" if rule.per != 1 else ""
            shown = [f"{prefix}「{name}」= ", Code("_fmt(count)"), f"{rule.measure}:"]
            counted = _concat(*shown, f"{what}{per} × ", Code("_fmt(n)"), " = ", Code("_signed(e)"), "分")
            if out.kind == "veto":
                w.open("if n > 0:")
                w.line("e = ZERO")
                w.line("veto = True")
                self.add_line(_concat(*shown, f"{out.text}(否决)"), Code("ZERO"), line)
                w.close()
                w.open("else:")
                self.add_line(counted, Code("e"), line)
                w.close()
            else:
                self.add_line(counted, Code("e"), line)
        if rule.guard is not None:
            w.close()

    def per_step(self, rule: m.PerStep, prefix: str) -> None:
        """每低1个百分点 / 每下降1位: steps beyond the threshold (evaluate.per_step)."""
        w = self.w
        line = self.line(rule.span)
        self.operand_prelude([rule.guard])
        value = self.operand_expr(rule.operand)
        threshold = self.dec(rule.threshold)
        w.open(f"if {self.holds(rule.guard)}:")
        w.line(f"gap = {threshold} - {value}" if rule.below else f"gap = {value} - {threshold}")
        steps = f"gap / {self.dec(rule.step)}"
        w.line(f"steps = {steps}" if rule.proportional else f"steps = ({steps}).to_integral_value(ROUND_FLOOR)")
        each = rule.outcome.signed if rule.outcome.kind in ("award", "bonus", "deduct") else Decimal(0)
        w.line(f"e = {self.dec(each)} * steps")
        how = "按比例计" if rule.proportional else "不足一步的部分不计"
        self.add_line(_concat(prefix, self.why(rule.guard, True), ";差", Code("_fmt(gap)"),
                              f"{rule.measure},每{fmt(rule.step)}{rule.measure}{rule.outcome.text}({how}):",
                              Code("_fmt(steps)"), f" × {signed(each)} = ", Code("_signed(e)"), "分"), Code("e"), line)
        w.close()
        w.open("else:")
        w.line("e = ZERO")
        self.add_line(_concat(prefix, self.why(rule.guard, False), ":本条不计分"), Code("ZERO"), line)
        w.close()

    def escalation(self, rule: m.Escalation, node: m.Node, prefix: str) -> bool | str:
        """第k次 → the step written for k, the highest such step first, one occurrence at a time until
        the steps settle; the rest at once, as one run of the settled step; a veto ends the count
        (evaluate.escalation)."""
        w = self.w
        name = rule.counter.name
        settled, repeated = settled_step(rule)
        w.line(f"count = {self.fact_value(name)} or ZERO")
        w.line("n = int(count)")
        w.line("e = ZERO")
        w.line("parts = [] if lines is not None else None")
        if any(s.outcome.kind == "set" for s in rule.steps):
            w.line("new_base = None")
        if any(s.outcome.kind == "full" for s in rule.steps):
            w.line("full = False")
        bonus_steps = node.bonus_uncapped and any(_is_bonus(s.outcome) for s in rule.steps)
        if bonus_steps:
            w.line("is_bonus = False")

        def part(*texts: str, first: str = "k", last: str = "k", subtotal: str | None = None) -> None:
            w.open("if parts is not None:")
            args = [Code(first), Code(last), _concat(*texts)] + ([Code(subtotal)] if subtotal else [])
            w.line(f"parts.append({_call('_occurrences', *args)})")
            w.close()

        def apply(step: m.Step | None, amount: str, first: str = "k", last: str = "k") -> None:
            """The step's outcome for occurrences first … last, whose amounts add up to amount."""
            out = step.outcome if step is not None else None
            if out is None:
                part("无规定", first=first, last=last)
            elif out.kind in AMOUNT_KINDS:
                w.line(f"e += {amount}")
                if bonus_steps and _is_bonus(out):
                    w.line("is_bonus = True")
                subtotal = amount if last != first else None  # one occurrence reads without a subtotal
                part(f"{out.text}({signed(out.signed)})", first=first, last=last, subtotal=subtotal)
            elif out.kind == "veto":
                w.line("veto = True")
                part(f"{out.text}(否决)", first=first, last=first)  # the first vetoed occurrence ends the count
            elif out.kind == "set":
                self.set_base(out, "new_base", lambda *texts: part(*texts, first=first, last=last))
            else:  # zero, none, full
                if out.kind == "full":
                    w.line("full = True")
                part(out.text, first=first, last=last)

        ladder = [s for s in sorted(rule.steps, key=lambda s: -s.first) if s.first < settled]
        vetoes = any(s.outcome.kind == "veto" for s in ladder)
        if settled > 1:
            w.open(f"for k in range(1, min(n, {settled - 1}) + 1):")
            for index, step in enumerate(ladder):
                w.open(f"{'elif' if index else 'if'} k {'>=' if step.open_ended else '=='} {step.first}:")
                amount = self.dec(step.outcome.signed) if step.outcome.kind in AMOUNT_KINDS else "ZERO"
                apply(step, amount)
                if step.outcome.kind == "veto":
                    w.line("break")
                w.close()
            if any(step_for(rule, k) is None for k in range(1, settled)):
                if ladder:
                    w.open("else:")
                part("无规定")
                if ladder:
                    w.close()
            w.close()
            if vetoes:
                w.open("else:  # the rest only when no veto ended the count")
        w.open(f"if n >= {settled}:")
        if repeated is not None and repeated.outcome.kind in AMOUNT_KINDS:
            each = self.dec(repeated.outcome.signed)
            # a single occurrence adds the amount as written, as evaluate.escalation does
            w.line(f"times = n - {settled - 1}" if settled > 1 else "times = n")
            w.line(f"each = {each} * times if times > 1 else {each}")
        apply(repeated, "each", first=str(settled), last="n")
        w.close()
        if settled > 1 and vetoes:
            w.close()
        detail = Code("(';'.join(parts) or '没有发生')")
        self.add_line(_concat(f"{prefix}「{name}」= ", Code("_fmt(count)"), "次:", detail, ";合计 ",
                              Code("_signed(e)"), "分"), Code("e"), self.line(rule.span))
        return "dynamic" if bonus_steps else False

    def escalation_flags(self, rule: m.Escalation, node: m.Node) -> None:
        """按「…」计分 and 得满分 reached by an escalation take effect after its cap, as in evaluate.node."""
        w = self.w
        if any(s.outcome.kind == "set" for s in rule.steps):
            w.open("if new_base is not None:")
            w.line("base = new_base")
            self.add_line(_concat("基础分取", Code("_fmt(base)"), "分"))
            w.close()
        if any(s.outcome.kind == "full" for s in rule.steps) and node.points is not None:
            w.open("if full:")
            w.line(f"base = {self.dec(node.points)}")
            self.add_line(_lit(f"按满分计,基础分{fmt(node.points)}分"))
            w.close()

    def respective(self, rule: m.Respective, prefix: str) -> None:
        """依次/分别: the i-th rank or option earns the i-th amount (evaluate.respective)."""
        w = self.w
        name = rule.operand.name
        kind = self.rubric.facts[name].kind
        value = self.fact_value(name)
        if rule.mode == "option" and kind == "list":
            table: dict[str, tuple[Decimal, str]] = {}
            for key, out in zip(rule.keys, rule.outcomes):
                table.setdefault(key, (out.signed, out.text))  # keys.index: the first listing counts
            pairs = ", ".join(f"{_lit(k)}: ({self.dec(a)}, {_lit(t)})" for k, (a, t) in table.items())
            optional = self.rubric.facts[name].optional
            if optional:
                w.open(f"if {value} is None:")
                w.line("e, parts = ZERO, []")
                w.close()
                w.open("else:")
            w.line(f"e, parts = _respective_list({value}, {{{pairs}}})")
            if optional:
                w.close()
            detail = Code("(';'.join(parts) or '不在所列之中')")
        else:
            keyword = "if"
            for key, out in zip(rule.keys, rule.outcomes):
                shown = f"第{key}名 → {out.text}" if rule.mode == "rank" else f"{key} → {out.text}"
                w.open(f"{keyword} {value} == {_lit(key)}:")
                keyword = "elif"
                w.line(f"e, detail = {self.dec(out.signed)}, {_lit(shown)}")
                w.close()
            w.open("else:")
            w.line("e, detail = ZERO, '不在所列之中'")
            w.close()
            detail = Code("detail")
        self.add_line(_concat(f"{prefix}「{name}」= ", Code(_call("_show", _lit(kind), value)), ":", detail, ";合计 ",
                              Code("_signed(e)"), "分"), Code("e"), self.line(rule.span))

    # ------------------------------------------------------------ facts and tests
    def fact_value(self, name: str) -> Code:
        if name in self.waiting:
            return Code(f"r.read(v, {_lit(name)}, {_tuple(_lit(i) for i in self.chain)})")
        return Code(f"v[{_lit(name)}]")

    def reads_waiting(self, test) -> bool:
        return any(name in self.waiting for atom in _atoms(test) for name in _operand_names(atom.operand))

    def operand_prelude(self, tests) -> None:
        """Ratios computed once per clause, as x1 = v['甲'] / v['乙'] (the divisor is checked non-zero)."""
        self.operands = {}
        for test in tests:
            for atom in _atoms(test):
                operand = atom.operand
                if isinstance(operand, m.Ratio) and operand not in self.operands and not self.reads_waiting(atom):
                    self.temps += 1
                    temp = Code(f"x{self.temps}")
                    num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
                    if self.nullable(operand):
                        self.w.line(f"{temp} = {num} / {den} if {num} is not None and {den} is not None else None")
                    else:
                        self.w.line(f"{temp} = {num} / {den}")
                    self.operands[operand] = temp

    def operand_expr(self, operand: m.Operand) -> Code:
        if isinstance(operand, m.Ratio):
            if operand not in self.operands:  # read where the evaluator reads it, for the cohort taint
                num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
                return _call("_ratio", num, den)
            return self.operands[operand]
        return self.fact_value(operand.name)

    def nullable(self, operand: m.Operand) -> bool:
        if isinstance(operand, m.Ratio):
            return self.nullable(operand.numerator) or self.nullable(operand.denominator)
        return self.rubric.facts[operand.name].optional

    def holds(self, test: m.Test) -> Code:
        """Whether a test holds (evaluate.test without the wording); a missing value never holds."""
        if isinstance(test, (m.AllOf, m.AnyOf)):
            if self.reads_waiting(test):  # the evaluator reads every part, so every part is read
                return _call("all" if isinstance(test, m.AllOf) else "any", _tuple(self.holds(p) for p in test.parts))
            op = " and " if isinstance(test, m.AllOf) else " or "
            return Code("(" + op.join(self.holds(p) for p in test.parts) + ")")
        value = self.operand_expr(test.operand)
        kind = "ratio" if isinstance(test.operand, m.Ratio) else test.operand.kind
        if isinstance(test, m.Truthy):
            if kind == "bool":
                truth = value
            elif kind in ("list", "discretionary"):
                truth = Code(f"len({value}) > 0")
            elif kind == "choice":
                truth = Code("True")
            else:
                truth = Code(f"{value} > ZERO")
            expr = Code(f"not ({truth})" if test.negated and truth != value else (
                f"not {truth}" if test.negated else truth))
        elif isinstance(test, m.OneOf):
            options = _tuple(_lit(o) for o in test.options)
            expr = Code(f"_any_option({value}, {options})" if kind == "list" else f"{value} in {options}")
        else:
            expr = self.interval(value, test.interval)
        return Code(f"({value} is not None and {expr})") if self.nullable(test.operand) else expr

    def interval(self, value: str, interval: m.Interval) -> Code:
        low, high = interval.low, interval.high
        if low is not None and high is not None:
            if low == high and interval.low_closed and interval.high_closed:
                return Code(f"{value} == {self.dec(low)}")
            return Code(f"{self.dec(low)} {'<=' if interval.low_closed else '<'} {value} "
                        f"{'<=' if interval.high_closed else '<'} {self.dec(high)}")
        if low is not None:
            return Code(f"{value} {'>=' if interval.low_closed else '>'} {self.dec(low)}")
        if high is not None:
            return Code(f"{value} {'<=' if interval.high_closed else '<'} {self.dec(high)}")
        return Code("True")

    def why(self, test: m.Test, known: bool | None) -> Code:
        """The test's wording as the evaluator writes it; known: whether it holds, when that is known."""
        if isinstance(test, (m.AllOf, m.AnyOf)):
            joiner = " 且 " if isinstance(test, m.AllOf) else " 或 "
            return _call(f"{_lit(joiner)}.join", _tuple(self.why(p, None) for p in test.parts))
        if isinstance(test, m.InRange):
            quoted = quote_condition(test.text)
            yes, no = f",符合{quoted}({test.meaning})", f",不符合{quoted}({test.meaning})"
        else:
            quoted = quote_condition(test.text)
            yes, no = f",{quoted}成立", f",{quoted}不成立"
        wording = _lit(yes if known else no) if known is not None else Code(
            f"{_lit(yes)} if {self.holds(test)} else {_lit(no)}")
        operand = test.operand
        if isinstance(operand, m.Ratio):
            num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
            return _call("_why_ratio", _lit(operand.numerator.name), _lit(operand.denominator.name), num, den, wording)
        return _call("_why", _lit(operand.name), _lit(operand.kind), self.fact_value(operand.name), wording)

    # ------------------------------------------------------------ the total
    def run(self) -> None:
        """_run: every item, then the total (formula, 不适用项 scaling, 总分规则) as evaluate.run."""
        w = self.w
        r = self.rubric
        w.open("def _run(v, r):")
        by_id = {}
        for index, root in enumerate(r.roots, 1):
            w.line(f"sub_{index} = {self.function_names[root.id]}(v, r)")
            by_id[root.id] = f"sub_{index}"
        w.line("lines = [] if r.explaining else None")
        if r.formula is not None:
            w.comment(f"总分:{r.formula_text}")
            parts, total = [], "ZERO"
            for index, term in enumerate(r.formula, 1):
                amounts = [f"max(ZERO, -{by_id[i]})" if term.kind == "扣分" else by_id[i] for i in term.nodes]
                w.line(f"term_{index} = {' + '.join(['ZERO'] + amounts)}")
                total += f" {'-' if term.sign < 0 else '+'} term_{index}"
                parts.append(_concat(f"{'−' if term.sign < 0 else '+'} {term.text} ", Code(f"_fmt(term_{index})")))
            w.line(f"total = {total}")
            text = Code(f"' '.join({_tuple(parts)}).lstrip('+ ')")
            self.add_line(_concat(f"{r.total_name} = ", text, " = ", Code("_fmt(total)")), Code("total"))
        else:
            w.line(f"total = {' + '.join(['ZERO'] + list(by_id.values()))}")
            self.add_line(_concat(f"{r.total_name} = 各项得分之和 = ", Code("_fmt(total)")), Code("total"))
        if r.not_applicable == "按比例折算":
            possible = sum((root.points or Decimal(0) for root in r.roots), Decimal(0))
            w.line(f"total = _rescale(total, {self.dec(possible)}, r.missing, lines)")
        if r.final is not None:
            self.final(r.final)
        if r.grades is not None:
            self.grades(r.grades)
        w.line("r.total = total")
        w.line("r.total_lines = lines")
        w.close()

    def cohorts(self) -> None:
        """COHORTS: how each value over the cohort is computed (cohort.py), with its scope as a function."""
        w = self.w
        entries = []
        for fact in self.rubric.facts.values():
            cohort = fact.cohort
            if cohort is None:
                continue
            scope = "None"
            if cohort.scope is not None:
                scope = f"_scope_{len(entries) + 1}"
                w.line("")
                w.open(f"def {scope}(v):")
                w.comment(f"范围:{cohort.text}")
                self.temps = 0
                self.chain = ()
                self.operand_prelude([cohort.scope])
                w.line(f"return {self.holds(cohort.scope)}")
                w.close()
            categories = _lit(None) if cohort.categories is None else _tuple(_lit(c) for c in sorted(cohort.categories))
            entries.append(f"{{'name': {_lit(fact.name)}, 'kind': {_lit(cohort.kind)}, 'source': {_lit(cohort.source)}, "
                           f"'fact': {_lit(cohort.fact)}, 'node': {_lit(cohort.node)}, 'descending': "
                           f"{_lit(cohort.descending)}, 'scope': {scope}, 'categories': {categories}, "
                           f"'text': {_lit(cohort.text)}}}")
        w.line("")
        w.line("COHORTS = " + _tuple(entries))

    def final(self, final: m.Tiered) -> None:
        """总分规则: the first tier that holds decides the total (按N分确定 / 按「总分」确定); a tier tests the
        total's range or, for 一票否决, the unit's facts (evaluate._Evaluator.final_test)."""
        w = self.w
        self.operand_prelude([t.test for t in final.tiers if not on_total(self.rubric, t.test)])
        keyword = "if"
        for tier in final.tiers:
            self.source_comment(tier.text, tier.span)
            reading: tuple = ()
            if tier.test is None:
                header = "else:" if keyword == "elif" else None
            elif on_total(self.rubric, tier.test):
                header = f"{keyword} {self.interval(Code('total'), tier.test.interval)}:"
                reading = (f"({tier.test.meaning})",)
            else:
                header = f"{keyword} {self.holds(tier.test)}:"
                reading = ("(", self.why(tier.test, True), ")")
            if header is not None:
                w.open(header)
            new = self.dec(tier.outcome.amount) if tier.outcome.amount is not None else "total"
            w.line(f"new = {new}")
            self.add_line(_concat(tier.text, *reading, ":", Code("_fmt(total)"), " → ", Code("_fmt(new)")),
                          Code("new"), self.line(tier.span))
            w.line("total = new")
            if header is not None:
                w.close()
            if tier.test is None:
                break
            keyword = "elif"

    def grades(self, grades: m.Tiered) -> None:
        """等次 once the total is final: the first grade rule that holds gives r.grade, worded as
        evaluate._Evaluator.grade words it; none holding leaves it None."""
        w = self.w
        total_name = self.rubric.total_name
        self.operand_prelude([t.test for t in grades.tiers if not on_total(self.rubric, t.test)])
        keyword = "if"
        for tier in grades.tiers:
            self.source_comment(tier.text, tier.span)
            if tier.test is None:
                why: tuple = ("其余情形",)
                header = "else:" if keyword == "elif" else None
            elif on_total(self.rubric, tier.test):
                why = (f"「{total_name}」= ", Code("_fmt(total)"),
                       f"分,符合{quote_condition(tier.test.text)}({tier.test.meaning})")
                header = f"{keyword} {self.interval(Code('total'), tier.test.interval)}:"
            else:
                why = (self.why(tier.test, True),)
                header = f"{keyword} {self.holds(tier.test)}:"
            if header is not None:
                w.open(header)
            w.line(f"grade = {_lit(tier.outcome.grade)}")
            self.add_line(_concat("等次:", *why, f" → {tier.outcome.grade}"), None, self.line(tier.span))
            if header is not None:
                w.close()
            if tier.test is None:
                break
            keyword = "elif"
        else:  # every tier has a condition: a unit none of them holds for has no grade
            w.open("else:")
            w.line("grade = None")
            self.add_line(_concat(f"等次:「{total_name}」= ", Code("_fmt(total)"), "分,没有适用的等次,不评等次"), None,
                          self.line(grades.span))
            w.close()
        w.line("r.grade = grade")


# ---------------------------------------------------------------- helpers over the model
def _atoms(test):
    if test is None:
        return
    if isinstance(test, (m.AllOf, m.AnyOf)):
        for part in test.parts:
            yield from _atoms(part)
    else:
        yield test


def _chains(nodes, above: tuple[int, ...]):
    """Each node with the ids of its ancestors and itself: what reading a value taints (cohort.py)."""
    for node in nodes:
        chain = above + (node.id,)
        yield node, chain
        yield from _chains(node.children, chain)


def _operand_names(operand) -> list[str]:
    if isinstance(operand, m.Ratio):
        return [operand.numerator.name, operand.denominator.name]
    return [operand.name]


def _can_veto(rule: m.Rule) -> bool:
    if isinstance(rule, m.Tiered):
        return any(t.outcome.kind == "veto" for t in rule.tiers)
    if isinstance(rule, m.Escalation):
        return any(s.outcome.kind == "veto" for s in rule.steps)
    if isinstance(rule, m.PerCount):
        return rule.outcome.kind == "veto"
    return False


def _is_bonus(outcome: m.Outcome) -> bool:
    """加 and 视情加: what 加分上限:不受本项分值限制 keeps apart (evaluate._bonus_flags)."""
    return outcome.kind == "bonus" or (outcome.kind == "discretion" and outcome.sign > 0)


def _function_names(rubric: m.Rubric) -> dict[int, str]:
    """item_3_2 for 三.2: the numbers as written; h1, h2 … for 【标题】 items and o1, o2 … for ○ items,
    counted among their siblings. Never rubric text."""
    names: dict[int, str] = {}
    used: set[str] = set()

    def visit(nodes, stem: str) -> None:
        headings = anonymous = 0
        for node in nodes:
            if node.number is not None:
                part = str(int(node.number))
            elif node.label.startswith("○"):
                anonymous += 1
                part = f"o{anonymous}"
            else:
                headings += 1
                part = f"h{headings}"
            name = unique = f"{stem}_{part}"
            n = 1
            while unique in used:  # 1. and (1) side by side: item_1 and item_1__2
                n += 1
                unique = f"{name}__{n}"
            used.add(unique)
            names[node.id] = unique
            visit(node.children, unique)

    visit(rubric.roots, "item")
    return names


# ---------------------------------------------------------------- in-process use
def compile_rubric(rubric, module_name: str = "govrubric_scorer"):
    """A scorer module executed from the generated source, for a loaded Rubric or a rubric file's path.

    The module is what `govrubric compile` writes, loaded without a file; its SOURCE attribute holds
    the source. Raises GovrubricError (with every diagnostic) when the rubric has errors.
    """
    from . import GovrubricError, Rubric, load

    if not isinstance(rubric, Rubric):
        rubric = load(os.fspath(rubric))
    if rubric.model is None:
        raise GovrubricError(rubric.check())
    return load_scorer(generate(rubric.model, rubric.line_of), module_name)


def load_scorer(source: str, module_name: str = "govrubric_scorer"):
    """Execute generated source as a module object (not added to sys.modules)."""
    import hashlib
    import linecache
    import types

    # a name of its own for each source, so that a traceback shows this scorer's lines, not another's
    filename = f"<govrubric scorer {module_name} {hashlib.sha256(source.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    module = types.ModuleType(module_name)
    module.__file__ = filename
    module.SOURCE = source
    exec(compile(source, filename, "exec"), module.__dict__)  # our own generated code, not user text
    return module


def is_generated(path: str) -> bool:
    """Whether a file is a scorer govrubric compiled (and so may be replaced by compiling again)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(64).startswith(_HEADER_START)
    except (OSError, UnicodeDecodeError):
        return False
