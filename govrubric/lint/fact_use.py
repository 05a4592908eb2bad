"""GL6xx: facts. Declared but never used; a 分值 fact that takes any amount, with no upper bound.
(GL602, facts other categories had to fill in for nothing, is retired: they need not now.)"""
from __future__ import annotations

from decimal import Decimal

from .. import model as m
from ..diagnostics import HINT, WARNING
from ..numerals import format_decimal as fmt
from .context import Context
from .walk import fact_tiers_before_items, operand_facts, outcomes_of, rule_facts, test_leaves
from .witness import Witness, score, shrink
from ..i18n import built

def check(ctx: Context) -> None:
    rubric = ctx.rubric
    readers: dict[str, list] = {}
    scored_by: dict[str, list] = {}  # 按「…」计分: the item's score is the fact's value
    for node in rubric.nodes():
        for rule in node.rules:
            for name in rule_facts(rule):
                readers.setdefault(name, []).append(node)
            for name in dict.fromkeys(o.fact for o in outcomes_of(rule) if o.kind == "set" and o.fact is not None):
                scored_by.setdefault(name, []).append(node)
    # a 一票否决 or a grade before the first item reads its facts for every unit, whatever its category
    vetoes = {n for t in fact_tiers_before_items(rubric) for leaf in test_leaves(t.test)
              for n in operand_facts(leaf.operand)}
    # a rank or an average computed over the cohort reads its source and scope facts for the units it counts
    feeding = cohort_sources(rubric)
    if rubric.total_expr is not None:  # 总分 = (…)×(1+0.1×「权重」): the total reads it for every unit
        for expr in rubric.total_expr.walk():
            if expr.op == "fact":
                feeding.setdefault(expr.fact, [None])
    for name, fact in rubric.facts.items():
        home = ctx.homes.at(fact.span.start)
        item = home.path if home is not None else None
        if name not in readers and name not in vetoes and name not in feeding:
            ctx.report("GL601", fact.span, severity=WARNING, item=item, name=name,
                       help="删去这个事实,或补上用到它的条款")
            continue
        _unbounded_score(ctx, fact, item, list(dict.fromkeys(scored_by.get(name, ()))))
    # GL602 (a fact only some categories' items read, which the others had to fill in anyway) is no longer
    # reported: those units need not give it now (facts.categories_needing), so there is no burden to report.


def cohort_sources(rubric: m.Rubric) -> dict[str, list[frozenset[str] | None]]:
    """Facts a value computed over the cohort reads (its source, the facts of its scope), each with the
    categories of the units it reads them from (None: every category)."""
    found: dict[str, list[frozenset[str] | None]] = {}
    for fact in rubric.facts.values():
        cohort = fact.cohort
        if cohort is None:
            continue
        names = [cohort.fact] if cohort.source == "fact" and cohort.fact else []
        names += [n for leaf in test_leaves(cohort.scope) for n in operand_facts(leaf.operand)]
        for name in dict.fromkeys(names):
            found.setdefault(name, []).append(cohort.categories)
    return found


def _unbounded_score(ctx: Context, fact: m.Fact, item: str | None, scored: list[m.Node]) -> None:
    """GL603: a 分值 fact given by the units with no upper bound (facts.py accepts any amount from 0 up).

    check/declarations.py holds a 分值 fact without a range to the points of the item scored by it (按「…」计分);
    when no item with points is, nothing bounds what a unit may fill in.
    """
    if fact.kind != "score" or fact.cohort is not None or fact.high is not None:
        return
    if scored:
        detail = built("按它计分的 {items} 没有分值", items="、".join(n.path for n in scored))
        severity, also = WARNING, ",或给按它计分的指标写上分值"
    else:
        detail = "也没有哪个有分值的指标按它计分"
        severity, also = HINT, ""
    example = f"「事实「{fact.name}」:分值 0—{_likely_high(ctx, scored)}分」"
    ctx.report("GL603", fact.span, severity=severity, item=item, name=fact.name, detail=detail,
               witness=_witness(ctx, fact, scored), help=built("写明范围,如{example}{also}", example=example, also=also))


def _likely_high(ctx: Context, scored: list[m.Node]) -> str:
    """The points of the nearest item above the first one scored by the fact (what it most likely stands for)."""
    here = ctx.parent_of[scored[0].id] if scored else None
    while here is not None:
        if here.points is not None:
            return fmt(here.points)
        here = ctx.parent_of[here.id]
    return "N"


def _witness(ctx: Context, fact: m.Fact, scored: list[m.Node]) -> Witness | None:
    """A round amount past every score the rubric bounds, and what the first item it can reach gives for it."""
    amount = Decimal(10) ** (len(str(int(ctx.domains.magnitude))) + 1)
    for node in scored:
        reach = ctx.analysis.node(node)
        if reach is None or reach.high.value.is_finite():
            continue
        category = reach.high.category

        def got(facts) -> Decimal:
            return next(r.score for r in score(ctx.domains, facts, category).nodes() if r.node_id == node.id)

        facts = shrink(ctx.domains, {**reach.high.assignment(), fact.name: amount},
                       lambda f: got(f) > ctx.domains.magnitude)
        if facts is not None:
            return ctx.witness(facts, category, f"本项得{fmt(got(facts))}分", node)
    return None
