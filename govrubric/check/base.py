"""The checker's shared state: the facts declared so far, the readings (口径) in force, the decisions
recorded for 「lint --decisions」, and how errors are reported. Every concern's mixin builds on it."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..diagnostics import Diagnostics, closest
from ..readings import READINGS, Override
from ..source import SourceFile, Span
from .words import BY_REQUIREMENT, POST_WORDS, PRE_WORDS
from ..i18n import built


@attrs.define
class InForce:
    value: str | None
    origin: str  # 默认 / 写明 / 命令行
    reason: str | None = None
    span: Span = Span(0, 0)


class CheckerBase:
    def __init__(self, source: SourceFile, diags: Diagnostics, overrides: tuple[Override, ...] = ()) -> None:
        self.source = source
        self.diags = diags
        self.facts: dict[str, m.Fact] = {}
        self.computed: set[str] = set()  # facts computed over the cohort (their m.Cohort comes after the items)
        self.fact_lines: dict[str, int] = {}
        self.bounds = dict(POST_WORDS)
        self.pre_bounds = {**PRE_WORDS, **BY_REQUIREMENT}
        self.categories: tuple[str, ...] = ()
        self.next_id = 0
        self.places = 2  # decimal places of scores where a step does not divide evenly (score_places)
        self.overrides = overrides
        # the rubric-wide reading of each key; per item, self.here holds the resolved ones
        self.top: dict[str, InForce] = {k: InForce(r.default, "默认") for k, r in READINGS.items()}
        self.here: dict[str, InForce] = self.top
        self.decisions: list[m.Decision] = []
        self.path = ""
        self.bottom_ranks: dict[str, str] = {}  # 「排名」后3位: the rank counted from the bottom → the rank it reverses
        # the numbers that bound the comparisons of the ladder being read (one item's clauses, or the grade rules), each
        # with the comparisons that name it: 「80分(含)—89分」 leaves 89 out only when another tier is bounded by 89
        self.ladder_ends: dict[Decimal, set[Span]] | None = None
        self.table_vetoes: list = []  # 本表100分扣完 written in a row, on its way up to the table (items.py)
        self.limited_above: str | None = None  # the nearest item above with points or a cap (加分带入上级, items.py)

    def text(self, span: Span) -> str:
        return self.source.text[span.start : span.end]

    def declared_fact(self, name: ast.Name) -> m.Fact | None:
        """The fact a name refers to; GR201 (with the closest declared name) when there is none."""
        fact = self.facts.get(name.text)
        if fact is None:
            hint = closest(name.text, self.facts)
            self.err("GR201", name.span, name=name.text,
                     help=built("是不是「{hint}」?", hint=hint) if hint else "用「事实「名称」:类型」声明它")
        return fact

    def err(self, code: str, span: Span, **kw) -> None:
        self.diags.error(code, span, **kw)

    def decide(self, path: str | None, key: str, reading: InForce, wording: str, span: Span) -> None:
        """Record a reading the scores rely on, for 「lint --decisions」."""
        if reading.value is None:
            return
        self.decisions.append(m.Decision(path, key, reading.value, reading.origin, reading.reason, wording,
                                         reading.span if reading.origin == "写明" else span))


def chinese_number(number: int) -> str:
    digits = "零一二三四五六七八九十"
    if number <= 10:
        return digits[number]
    if number < 20:
        return "十" + digits[number - 10]
    return str(number)
