"""Clauses on the item's own running result: 「每处扣1分;扣满4分的,追加扣除10分」, 「本项扣分达到10分的,不得分」
(issue 15 §1). The condition reads what the item's other clauses deduct; 追加扣除 after it leaves the item (the item's
deductions are full: the extra comes off the total, as after 不得分, spill.py)."""
from __future__ import annotations

from decimal import Decimal

from .. import ast
from .. import model as m
from .base import CheckerBase

# 扣满 / 达到 / 达 / 满: at least; 超过 / 大于: more than
_AT_LEAST = ("达到", "达", "满")
_MORE_THAN = ("超过", "大于")
_EXTRA = ("追加扣除", "追加扣减", "追加扣", "另扣")


class Running(CheckerBase):
    def running_rule(self, clause: ast.Clause, item: ast.Item, points: Decimal | None, label, text) -> m.Running | None:
        first = clause.tiers[0]
        cond: ast.CondRunning = first.cond
        if len(clause.tiers) > 1:
            self.err("GR205", clause.tiers[1].span)
            return None
        if clause.limits:
            self.err("GR206", clause.limits[0].span, help="「扣满N分的」一条只有一个结果,上限请写在扣分的条款之后")
            return None
        body = first.body
        if not isinstance(body, ast.Outcome) or body.per_measure is not None:
            self.err("GR301", body.span, detail="「扣满N分的」「本项扣分达到N分的」之后只能写一个结果,如「追加扣除10分」「此项不得分」")
            return None
        if cond.pre is not None and cond.pre not in _AT_LEAST + _MORE_THAN:
            self.err("GR301", cond.span, detail="本项扣分只能写「达到」「满」「超过」「大于」")
            return None
        if cond.amount <= 0:
            self.err("GR303", cond.span, detail="本项扣分的界限要大于0分")
            return None
        if body.kind == "deduct" and body.word in _EXTRA and body.spill is None:
            # 扣满4分的,追加扣除10分: the item's deductions are full; the extra comes off the total
            outcome = m.Outcome("none", text=body.text, spill=body.amounts[0])
        else:
            outcome = self.outcome(body, None, points, standalone=True, item=item)
            if outcome is None:
                return None
            if outcome.kind not in ("deduct", "veto", "zero", "none"):
                self.err("GR301", body.span, detail="「扣满N分的」之后只能扣分、不得分或追加扣除")
                return None
        wording = self.text(cond.span)
        return m.Running(cond.amount, cond.pre in _MORE_THAN, outcome, wording, label, text, clause.span)
