"""Items as SQL: an item's score from its clauses and sub-items, within its points, floor and cap."""
from __future__ import annotations

from .. import model as m
from .algebra import FALSE, ZERO, Cond, Num, add, both, case, compare, const, either, neg, negate
from .base import SqlBase
from .columns import Unsupported
from .refusals import _refuse_unknown_fields


class ItemSql(SqlBase):
    """Items as SQL: an item's score from its clauses and sub-items, within its points, floor and cap."""

    # ------------------------------------------------------------ items
    def node(self, node: m.Node, reach: Cond, scores: dict) -> Num:
        """The item's score (evaluate._Evaluator.node_score); scores collects (score, applies, present) by node id."""
        if node.split_limit is not None:  # what is added and what is deducted, each limited: not compiled
            raise Unsupported(f"「{node.path}」的「累计加减分:分别限制」", node.span)
        _refuse_unknown_fields(node)
        if node.applies_to is not None and self.rubric.categories:
            allowed = ", ".join(self.d.string(c) for c in sorted(node.applies_to))
            not_applicable = self.layers.cond(
                Cond(f"coalesce(({self.category.sql} IS NOT NULL AND {self.category.sql} NOT IN ({allowed})), FALSE)",
                     self.category.level))
        else:
            not_applicable = FALSE
        inside = both(reach, negate(not_applicable))
        children = [self.child(node, child, inside, scores) for child in node.children]
        # 加分带入上级: what the sub-items pass up is added after this item's limits (evaluate.node_score)
        received = [self.passed[c.id] for c in m.passed_in(node)]
        points = node.points
        base = const(points if node.base == "full" and points is not None else ZERO)
        effects, bonuses, vetoes, overrides = [], [], [], []
        for rule in node.rules:
            out = self.rule(rule, node, inside)
            if node.bonus_uncapped and out.bonus.sql != "FALSE":
                bonuses.append(case([(out.bonus, out.effect)], const(ZERO)))
                effects.append(case([(out.bonus, const(ZERO))], out.effect))
            else:
                effects.append(out.effect)
            vetoes.append(out.veto)
            for given, value in out.bases:
                if value is None:  # 得满分
                    if points is not None:
                        overrides.append((given, const(points)))
                else:
                    overrides.append((given, value))
        if overrides:
            base = case(list(reversed(overrides)), base)
        raw = self.layers.num(add(base, *children, *(neg(r) for r in received), *effects))
        score = raw
        if node.cap is not None or node.floor is not None:
            branches = []
            if node.cap is not None:
                branches.append((compare(raw, ">", const(node.cap)), const(node.cap)))
            if node.floor is not None:
                branches.append((compare(raw, "<", const(node.floor)), const(node.floor)))
            if node.cap is not None and node.floor is not None and node.floor > node.cap:
                # evaluate.py caps first, then raises to the floor
                branches = [(compare(raw, "<", const(node.floor)), const(node.floor)),
                            (compare(raw, ">", const(node.cap)), const(node.floor))]
            score = case(branches, raw)
            ends = [abs(e) for e in (node.cap, node.floor) if e is not None]
            if node.cap is not None and node.floor is not None:
                score = Num(score.sql, min(score.bound, max(ends)), score.scale, score.level)
        if bonuses:
            score = add(score, *bonuses)
        if received:
            score = add(score, *received)
        veto = either(*vetoes)
        if veto.sql != "FALSE" and not node.veto_clears and (node.floor is None or node.floor < 0):
            # 否决与扣分:扣分照扣 — a veto takes what is above 0 (evaluate.node_score)
            score = case([(both(veto, compare(score, ">", const(ZERO))), const(ZERO))], score)
        elif veto.sql != "FALSE":
            score = case([(veto, const(ZERO))], score)
        if not_applicable.sql != "FALSE":
            if self.rubric.not_applicable == "按满分计":
                missing = const(points if points is not None else ZERO)
            else:
                missing = const(ZERO)
            score = case([(not_applicable, missing)], score)
        if node.bonus_passes:  # on to the parent: its own bonuses and those passed to it, none when vetoed
            kept = add(*received, *bonuses)
            self.passed[node.id] = self.layers.num(case([(either(veto, not_applicable), const(ZERO))], kept),
                                                   self.where(node.span, f"{node.path} 带入上级的加分"))
        score = self.layers.num(score, self.where(node.span, f"{node.path} 得分"))
        scores[node.id] = (score, not_applicable, reach)
        return score

    def child(self, parent: m.Node, child: m.Node, reach: Cond, scores: dict) -> Num:
        """A sub-item's score; another category's version of its parent (model.stands_aside) scores nothing,
        whatever 不适用项 says, has no sub-items scored, and is not missing under 按比例折算."""
        elsewhere = _aside_for(parent, child, self.rubric.categories)
        if not elsewhere:
            return self.node(child, reach, scores)
        listed = ", ".join(self.d.string(c) for c in elsewhere)
        aside = self.layers.cond(Cond(f"coalesce(({self.category.sql} IN ({listed})), FALSE)", self.category.level))
        score = self.node(child, both(reach, negate(aside)), scores)
        _, not_applicable, _ = scores[child.id]
        score = self.layers.num(case([(aside, const(ZERO))], score))
        scores[child.id] = (score, both(not_applicable, negate(aside)), reach)
        if child.id in self.passed:
            self.passed[child.id] = self.layers.num(case([(aside, const(ZERO))], self.passed[child.id]))
        return score


def _aside_for(parent: m.Node, child: m.Node, categories: tuple[str, ...]) -> list[str]:
    """The categories for whose units the sub-item is another category's version of its parent
    (model.stands_aside, for every category at once)."""
    if child.applies_to is None or not categories or not m.by_category(parent, categories):
        return []
    served = {c for c in categories if any(k.applies_to is None or c in k.applies_to for k in parent.children)}
    return sorted(served - set(child.applies_to))
