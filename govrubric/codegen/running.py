"""扣满4分的,追加扣除10分 / 本项扣分达到10分的,不得分: a clause on what the item's other clauses deduct (model.Running),
written after them, as evaluate._Evaluator.running."""
from __future__ import annotations

from .. import model as m
from ..numerals import format_decimal as fmt
from .module import ModuleCode
from .writer import Code, concat


class RunningCode(ModuleCode):
    def running(self, rule: m.Running, node: m.Node) -> None:
        """Leaves the clause's effect in e (veto, spill and below flags as a tier's outcome sets them)."""
        w = self.w
        prefix = f"{rule.label} " if rule.label else ""
        meaning = f"{'>' if rule.strict else '≥'} {fmt(rule.at)}分"
        shown = concat(f"{prefix}本项已扣", Code("_fmt(taken)"), "分,")
        w.open(f"if taken {'>' if rule.strict else '>='} {self.dec(rule.at)}:")
        why = concat(shown, f"符合「{rule.wording}」({meaning})")
        self.tier_outcome(m.Tier(None, rule.outcome, rule.text, rule.span), node, why)
        w.close()
        w.open("else:")
        w.line("e = ZERO")
        self.add_line(concat(shown, f"不符合「{rule.wording}」({meaning}):本条不计分"), Code("e"), self.line(rule.span))
        w.close()
