"""Values over the cohort as SQL window functions: ranks with ties, averages with their rounding, lowest and
highest, and values over scores computed from their source item."""
from __future__ import annotations

from decimal import Decimal

from .. import model as m
from .algebra import FALSE, TRUE, ZERO, Cond, Num, both, case, coalesce0, compare, const, either, negate, typed
from .base import WAITING, SqlBase
from .columns import MAX_UNITS, Unsupported
from .items import _aside_for


class CohortSql(SqlBase):
    """Values over the cohort as SQL window functions: ranks with ties, averages with their rounding, lowest and"""

    # ------------------------------------------------------------ values over the cohort
    def cohorts(self) -> list[str]:
        """Compute every value over the cohort into self.env; returns their names in declaration order."""
        computed = [f for f in self.rubric.facts.values() if f.cohort is not None]
        over_scores = [f for f in computed if f.cohort.source != "fact"]
        for fact in over_scores:
            self.env[fact.name] = WAITING
        for fact in computed:
            if fact.cohort.source == "fact":
                source = self.env.get(fact.cohort.fact)
                if not isinstance(source, Num):
                    raise Unsupported(f"「{fact.name}」的来源「{fact.cohort.fact}」", fact.span)
                self.env[fact.name] = self.aggregate(fact, source, fact.name)
        for fact in self.score_order(over_scores):
            scores: dict = {}
            self.reads = []
            if fact.cohort.source == "total":
                for root in self.rubric.roots:
                    self.node(root, TRUE, scores)
                source = self.total(scores)
            else:
                chain = _ancestors(self.rubric, fact.cohort.node)
                if any(_aside_for(a, c, self.rubric.categories) for a, c in zip(chain, chain[1:])):
                    raise Unsupported(f"「{fact.name}」的来源在按单位类别分写的指标之下", fact.span)
                reach = TRUE
                for ancestor in chain[:-1]:
                    reach = both(reach, negate(self.applies_not(ancestor)))
                target = chain[-1]
                score = self.node(target, reach, scores)
                source = case([(reach, score)], Num("NULL", score.bound, score.scale, 0, True))
                source = Num(source.sql, source.bound, source.scale, source.level, True)
            reads = either(*self.reads)
            self.reads = []
            self.env[fact.name] = self.aggregate(fact, self.layers.num(source), fact.name, reads)
        return [f.name for f in computed]

    def applies_not(self, node: m.Node) -> Cond:
        if node.applies_to is None or not self.rubric.categories:
            return FALSE
        allowed = ", ".join(self.d.string(c) for c in sorted(node.applies_to))
        return Cond(f"coalesce(({self.category.sql} IS NOT NULL AND {self.category.sql} NOT IN ({allowed})), FALSE)",
                    self.category.level)

    def score_order(self, over_scores: list[m.Fact]) -> list[m.Fact]:
        """Values over scores in an order where each reads only those before it (besides itself, which its own
        scope's units must not read: checked when scoring). Values that wait on each other are refused."""
        names = {f.name for f in over_scores}
        needs = {}
        for fact in over_scores:
            nodes = (list(self.rubric.nodes()) if fact.cohort.source == "total"
                     else list(_find(self.rubric, fact.cohort.node).walk()))
            needs[fact.name] = (_read_names(nodes) & names) - {fact.name}
        ordered, done = [], set()
        while len(ordered) < len(over_scores):
            ready = [f for f in over_scores if f.name not in done and needs[f.name] <= done]
            if not ready:
                stuck = sorted(n for n in names if n not in done)
                raise Unsupported("按得分计算的值相互依赖:" + "、".join(f"「{n}」" for n in stuck))
            ordered.append(ready[0])
            done.add(ready[0].name)
        return ordered

    def aggregate(self, fact: m.Fact, source: Num, name: str, reads: Cond = FALSE) -> Num:
        """One value over the cohort (cohort._compute) as a window over every unit."""
        cohort = fact.cohort
        member = TRUE
        if cohort.categories is not None:
            allowed = ", ".join(self.d.string(c) for c in sorted(cohort.categories))
            member = Cond(f"coalesce(({self.category.sql} IN ({allowed})), FALSE)", self.category.level)
        if cohort.scope is not None:
            member = both(member, self.test(cohort.scope, TRUE))
        measured = self.layers.cond(both(member, Cond(f"({source.sql} IS NOT NULL)", source.level))
                                    if source.nullable else member)
        level = max(measured.level, source.level)
        if cohort.kind == "rank":
            order = "DESC" if cohort.descending else "ASC"
            value = typed(f"CASE WHEN {measured.sql} THEN RANK() OVER (PARTITION BY {measured.sql} "
                          f"ORDER BY {source.sql} {order}) END", Decimal(MAX_UNITS), 0, level, True)
        elif cohort.kind in ("min", "max"):
            value = typed(f"{cohort.kind.upper()}(CASE WHEN {measured.sql} THEN {source.sql} END) OVER ()",
                          source.bound, source.scale, level, True)
        elif cohort.kind == "avg":
            total = self.layers.num(typed(f"SUM(CASE WHEN {measured.sql} THEN {source.sql} END) OVER ()",
                                          source.bound * MAX_UNITS, source.scale, level, True))
            count = self.layers.num(typed(f"COUNT(CASE WHEN {measured.sql} THEN 1 END) OVER ()",
                                          Decimal(MAX_UNITS), 0, level))
            some = compare(count, ">", const(ZERO))
            safe = case([(some, count)], const(Decimal(1)))
            average = self.half_up(coalesce0(total), safe)
            value = case([(some, Num(average.sql, source.bound, 2, average.level))],
                         Num("NULL", source.bound, 2, 0, True))
            value = Num(value.sql, value.bound, value.scale, value.level, True)
        else:
            raise Unsupported(f"「{name}」的计算方式「{cohort.kind}」", fact.span)
        if reads.sql != "FALSE":
            waits = self.layers.cond(both(member, reads))
            message = f"GR422 无法计算「{name}」:参与计算的单位中有单位的这一得分本身要用到它"
            any_waits = Cond(f"coalesce(bool_or({waits.sql}) OVER (), FALSE)" if self.dialect == "duckdb"
                             else f"coalesce(max(CASE WHEN {waits.sql} THEN 1 ELSE 0 END) OVER () = 1, FALSE)",
                             waits.level)
            any_waits = self.layers.cond(any_waits)
            value = Num(f"CASE WHEN {any_waits.sql} THEN {self.d.error(message)} ELSE {value.sql} END", value.bound,
                        value.scale, max(value.level, any_waits.level), True)
        return self.layers.num(value)


def _find(rubric: m.Rubric, node_id: int) -> m.Node:
    return next(n for n in rubric.nodes() if n.id == node_id)


def _ancestors(rubric: m.Rubric, node_id: int) -> list[m.Node]:
    """The chain from a root down to the node."""
    def visit(nodes, above):
        for node in nodes:
            chain = above + [node]
            if node.id == node_id:
                return chain
            found = visit(node.children, chain)
            if found:
                return found
        return None

    return visit(rubric.roots, [])


def _read_names(nodes) -> set[str]:
    """Every fact a set of items' clauses may read."""
    from ..check.declarations import _rule_facts  # the checker's own reading of what a rule reads (its cohort cycle check)

    return set().union(*(_rule_facts(node) for node in nodes))
