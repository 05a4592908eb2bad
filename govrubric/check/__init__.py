"""Tree → checked model: resolves names, checks types and units, and normalises every rule.

After check, every fact reference names a declared fact of a fitting type, every
comparison is an exact interval (boundary words read by 《民法典》第一千二百五十九条
unless the rubric says otherwise), and every clause is one of the rule forms in model.py.
It rejects only what cannot be meant; what is meaningful but suspicious is lint's business.

The checker is one class composed of a mixin per concern; where a construct is checked:
  declarations.py  facts, cohort facts, settings and readings (口径)
  items.py         items: paths, numbering, base, floor and cap
  clauses.py       rules: tiers, 每N次, 每低…, 第N次, 分别/依次, a clause's cap
  outcomes.py      得/加/扣, 不得分, 视情, 按「…」计分
  conditions.py    tests, operands, comparisons, intervals and units (the words in words.py)
  arithmetic.py    「甲」+「乙」, 「甲」÷「乙」×10, 「总量」的30%, one value against another (低于「目标值」)
  relative.py      how far short of another value: 「完成数」比「下达任务」低5%以内, 低5%-10%
  total.py         the 总分 formula, rules on the total and grades (等次)
  total_formula.py a 总分 formula beyond a sum of items: 基础分1000分 +…, (…)×(1+0.1×「权重」), 较低分值
  readings.py      readings (口径) that reshape rules: 档间空隙, 并列情形, 同一事件, 无评分规则
  negated_tiers.py a 否则 tier in the writer's words: 「…记1分,未纳入的扣1分」
  base.py          the state they share
"""
from __future__ import annotations

from ..i18n import built

import hashlib
from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..diagnostics import Diagnostics
from ..readings import Override
from ..source import SourceFile
from .arithmetic import Arithmetic
from .base import InForce
from .clauses import Clauses
from .conditions import Conditions, describe_interval
from .declarations import Declarations
from .items import Items
from .negated_tiers import NegatedTiers
from .outcomes import Outcomes
from .ranking import Ranking
from .readings import Readings
from .relative import Relative
from .periods import Periods, test_misuse
from .repeats import Repeats
from .running import Running
from .weights import Weights
from .total import Total
from .total_formula import TotalFormula
from .words import COUNT_MEASURES, POST_WORDS, PRE_WORDS

__all__ = ["check", "describe_interval", "COUNT_MEASURES", "POST_WORDS", "PRE_WORDS"]


def check(tree: ast.Rubric, source: SourceFile, diags: Diagnostics,
          overrides: tuple[Override, ...] = ()) -> m.Rubric | None:
    """overrides: readings given from outside the file (command line), see readings.py."""
    checker = _Checker(source, diags, overrides)
    rubric = checker.rubric(tree)
    return None if diags.has_errors else rubric


class _Checker(Declarations, Items, Clauses, Running, Weights, Periods, Repeats, Outcomes, Conditions, Arithmetic, Relative, Total,
               TotalFormula, Readings, NegatedTiers, Ranking):
    def rubric(self, tree: ast.Rubric) -> m.Rubric:
        header: dict[str, ast.HeaderPiece] = {}
        for piece in tree.header:
            if piece.key in header:
                self.err("GR209", piece.span, key=piece.key, line=self.source.line_col(header[piece.key].span.start)[0])
                continue
            header[piece.key] = piece
        if "单位类别" in header:
            self.categories = tuple(n.text for n in header["单位类别"].names)
            for category in header["单位类别"].names:
                self.name_can_be_given(category.text, category.span, "单位类别")
        for setting in tree.settings:
            self.setting(setting, self.top, rubric_level=True)
        for override in self.overrides:
            if override.path is None:
                self.top[override.key] = InForce(override.value, "命令行")
        na = self.top["不适用项"]
        not_applicable, na_explicit = na.value, na.origin != "默认"

        self.places = score_places(tree)
        cohort_decls = []
        for decl, node_id in self.all_fact_decls(tree):
            if decl.cohort is None:
                self.declare(decl)
            else:
                cohort_decls.append((decl, node_id))
        for decl, node_id in cohort_decls:
            self.declare_cohort(decl, node_id)

        roots = tuple(self.node(item, parent_path="", inherited=None, siblings=tree.items)
                      for item in tree.items)
        self.check_numbering(tree.items, roots)
        roots = self.link_repeats(roots)  # 不重复扣分: across items, once every item is checked
        total_name = header["总分"].text if "总分" in header and header["总分"].text else "总分"
        formula = formula_text = total_expr = None
        if "总分" in header and header["总分"].expr is not None:
            total_expr, formula_text = self.total_expr(header["总分"], roots), self.text(header["总分"].span)
            if total_expr is not None:
                total_expr = attrs.evolve(total_expr, span=header["总分"].span)
        elif "总分" in header:
            formula, formula_text = self.formula(header["总分"], roots)
        self.resolve_cohorts(cohort_decls, roots)
        self.resolve_bottom_ranks()
        # after the cohorts: it must know which are computed
        self.header_full = header["满分"].number if "满分" in header else None  # 按满分计 (total.py)
        final, grades, grade_limits = self.final_rules(tree.final_clauses, total_name, roots)
        for tier in (*(final.tiers if final else ()), *(grades.tiers if grades else ()), *grade_limits):
            test_misuse(self, tier.test, tier.span)  # a fact given per event or period has no one value here
        if total_expr is not None:
            for part in total_expr.walk():
                if part.fact is not None and part.fact in self.facts and self.facts[part.fact].per is not None:
                    self.misuse(self.facts[part.fact], total_expr.span)
        self.bound_scores(roots)
        full = header["满分"].number if "满分" in header else None
        year = int(header["年度"].number) if "年度" in header else None
        title = header["细则"].text if "细则" in header else self.source.path
        meta = tuple((x.key, x.values) for x in tree.meta)
        self.ranking(tree.meta)
        digest = hashlib.sha256(self.source.text.encode("utf-8")).hexdigest()
        if na.origin != "默认" or any(n.applies_to is not None for r in roots for n in r.walk()):
            self.decide(None, "不适用项", na, built("考核对象不含本单位的指标"), tree.span)
        return m.Rubric(title, year, self.categories, full, dict(self.facts), roots, total_name,
                        formula, formula_text, final, not_applicable, na_explicit, self.source.path,
                        digest, meta, tuple(self.decisions), grades, grade_limits, total_expr)


# the fields that hold points and amounts (not thresholds: a Value's number, 92.5%, is no score)
_SCORE_FIELDS = frozenset({"amounts", "low", "high", "adjust", "points", "header_cap", "amount"})


def score_places(tree: ast.Rubric) -> int:
    """The decimal places scores are kept to where a step does not divide evenly (language.md §8): the most
    places any points or amount of the rubric is written with, and at least two (0.33分, as a person writes
    a third of a point)."""
    places = 2

    def visit(node, scored: bool) -> None:
        nonlocal places
        if isinstance(node, Decimal):
            if scored and node.is_finite():
                places = max(places, -node.as_tuple().exponent)
        elif isinstance(node, (tuple, list)):
            for part in node:
                visit(part, scored)
        elif attrs.has(type(node)) and not isinstance(node, ast.Value):
            for field in attrs.fields(type(node)):
                visit(getattr(node, field.name), scored or field.name in _SCORE_FIELDS)

    visit(tree, False)
    return places
