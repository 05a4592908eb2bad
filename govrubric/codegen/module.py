"""The module's skeleton: its header and the fixed runtime, Decimal constants, metadata, the FACTS table,
function names for items, explanation lines, and the state the item, rule and total writers share."""
from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .. import model as m
from ..units import spellings
from .writer import Code, Writer, call, lit, tuple_code

_DECIMAL_NAME = str.maketrans({"-": "m", "+": "p", ".": "_", "E": "e"})
HEADER_START = '"""Scorer compiled by govrubric'


@lru_cache(maxsize=1)
def runtime_source() -> str:
    """_runtime.py, _runtime_cohort.py and _runtime_english.py without their docstrings: the fixed first part of
    every scorer."""
    parts = []
    for name in ("_runtime.py", "_runtime_cohort.py", "_runtime_english.py"):
        text = (Path(__file__).resolve().parent.parent / name).read_text(encoding="utf-8")
        end = text.index('"""', 3) + 3
        parts.append(text[end:].strip("\n") + "\n")
    return "\n\n".join(parts)


class ModuleCode:
    def __init__(self, rubric: m.Rubric, line_of) -> None:
        from ..facts import FactChecker, discretionary_ranges, ratio_denominators

        self.rubric = rubric
        self.line_of = line_of
        self.decimals: dict[str, str] = {}
        self.fractions: dict[str, str] = {}
        self.checker = FactChecker(rubric)
        self.ranges = discretionary_ranges(rubric)
        self.denominators = ratio_denominators(rubric)
        self.function_names = _function_names(rubric)
        self.nodes_by_id = {n.id: n for n in rubric.nodes()}  # 不重复扣分: the other items' clauses
        self.operands: dict = {}
        self.temps = 0
        self.w = Writer()
        # Values computed over a cohort from scores (本项得分的最低值 …) are read through r.read, which in a
        # cohort run tells which items read a value not computed yet (cohort.py's taint); those items and
        # their ancestors (the chain) are scored again once it is computed.
        self.waiting = {n for n, f in rubric.facts.items() if f.cohort is not None and f.cohort.source != "fact"}
        self.sources = {f.cohort.node for f in rubric.facts.values() if f.cohort is not None and f.cohort.node is not None}
        self.chains = {node.id: chain for node, chain in _chains(rubric.roots, ())}
        # 按比例折算 counts missing points only under first-level items that have points (as evaluate.py)
        self.counts_missing = {n.id: root.points is not None for root in rubric.roots for n in root.walk()}
        # the categories for which a sub-item is another category's version of its parent (model.stands_aside)
        self.aside_for = {c.id: tuple(k for k in rubric.categories if m.stands_aside(n, c, k, rubric.categories))
                          for n in rubric.nodes() for c in n.children}
        self.chain: tuple[int, ...] = ()

    def dec(self, value: Decimal) -> Code:
        """A Decimal constant, defined once at module level as D_… = Decimal('…') (named by its digits); a
        threshold that is no finite decimal (1/3000) as F_1_3000 = Fraction(1, 3000)."""
        if not isinstance(value, Decimal):
            name = f"F_{value.numerator}_{value.denominator}".replace("-", "m")
            self.fractions[name] = f"Fraction({value.numerator}, {value.denominator})"
            return Code(name)
        text = str(value)
        if text not in self.decimals:
            self.decimals[text] = "D_" + text.translate(_DECIMAL_NAME)
        return Code(self.decimals[text])

    def maybe_dec(self, value: Decimal | None) -> Code:
        return lit(None) if value is None else self.dec(value)

    def literal(self, value) -> Code:
        """Plain data (metadata, the facts table) as an expression."""
        if isinstance(value, Decimal):
            return call("Decimal", lit(str(value)))
        if isinstance(value, (tuple, list)):
            return tuple_code(self.literal(v) for v in value)
        if isinstance(value, dict):
            return Code("{" + ", ".join(f"{self.literal(k)}: {self.literal(v)}" for k, v in value.items()) + "}")
        return lit(value)

    def line(self, span) -> Code:
        return lit(self.line_of(span))

    def source_comment(self, text: str, span) -> None:
        first = self.line_of(span)
        last = first + text.count("\n")
        where = f"第{first}行" if last == first else f"第{first}—{last}行"
        rows = [row.strip() for row in text.split("\n")]
        self.w.comment(f"{where}:" + "\n    ".join(rows))

    def say(self, template: str, **fields) -> Code:
        """_say('template', field=…): words of an explanation line in the language the scorer speaks (_runtime._say,
        as evaluate.py says them). A field given as plain str is rubric text or a number and becomes a literal;
        Code stays code."""
        args = [lit(template)] + [f"{name}={value if isinstance(value, Code) and value else lit(value if isinstance(value, str) else str(value))}"
                                  for name, value in fields.items()]  # concat() of nothing is Code(""): ''
        return Code(f"_say({', '.join(args)})")

    def add_line(self, text: str, amount: str | None = None, line: str | None = None) -> None:
        """lines.append(_line(…)), only when explaining."""
        args = [text] + ([amount or lit(None)] if amount is not None or line is not None else [])
        args += [line] if line is not None else []
        w = self.w
        pad = "    " * w.depth
        start = len(w.rows)
        while start and w.rows[start - 1].startswith(pad + "    lines.append("):
            start -= 1
        if start < len(w.rows) and start and w.rows[start - 1] == pad + "if lines is not None:":
            w.rows.append(pad + f"    lines.append({call('_line', *args)})")  # joins the block just above
            return
        w.open("if lines is not None:")
        w.line(f"lines.append({call('_line', *args)})")
        w.close()

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
        self.ladder_checks()
        constants = [f"{name} = Decimal({lit(text)})" for text, name in self.decimals.items()]
        constants += [f"{name} = {value}" for name, value in self.fractions.items()]
        return "\n".join(constants + metadata + facts) + "\n" + w.text()

    def metadata(self) -> list[str]:
        from .. import __version__

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
            entry = self.fact_entry(fact)
            if fact.per is not None:  # 逐起 / 按季度: a list, each value as the fact's one value (_per_values)
                entry = {**entry, "type": "per", "periods": fact.periods, "element": self.fact_entry(fact.element())}
            rows.append(f"    {lit(name)}: {self.literal(entry)},")
        return rows + ["}"]

    def fact_entry(self, fact: m.Fact) -> dict:
        name = fact.name
        low, high = fact.low, fact.high
        if fact.kind == "score" and low is None:
            low = Decimal(0)
        if fact.kind == "discretionary":
            low, high = self.ranges.get(name, (None, None))
        needed_by = self.checker.needed_by.get(name)
        return {"type": fact.kind, "type_zh": m.KIND_ZH[fact.kind], "optional": fact.optional,
                "needed_by": None if needed_by is None else tuple(c for c in self.rubric.categories if c in needed_by),
                "unit": fact.measure if fact.kind == "quantity" else None,
                "units": spellings(fact.measure) if fact.kind == "quantity" else (),
                "low": low, "high": high, "options": fact.options, "several": name in self.checker.several,
                "expected": self.checker.expected(fact), "line": self.line_of(fact.span)}


def _chains(nodes, above: tuple[int, ...]):
    """Each node with the ids of its ancestors and itself: what reading a value taints (cohort.py)."""
    for node in nodes:
        chain = above + (node.id,)
        yield node, chain
        yield from _chains(node.children, chain)


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
