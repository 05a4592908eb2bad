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
        meaning = self.say("{relation} {at}分", relation=">" if rule.strict else "≥", at=fmt(rule.at))
        shown = self.say("{label}本项已扣{taken}分", label=prefix, taken=Code("_fmt(taken)"))
        w.open(f"if taken {'>' if rule.strict else '>='} {self.dec(rule.at)}:")
        why = concat(shown, self.say(",符合{condition}({meaning})", condition=f"「{rule.wording}」", meaning=meaning))
        self.tier_outcome(m.Tier(None, rule.outcome, rule.text, rule.span), node, why)
        w.close()
        w.open("else:")
        w.line("e = ZERO")
        why = concat(shown, self.say(",不符合{condition}({meaning})", condition=f"「{rule.wording}」", meaning=meaning))
        self.add_line(self.say("{why}:本条不计分", why=why), Code("e"), self.line(rule.span))
        w.close()
