"""Exemptions written after a clause, in brackets (language.md 6.1): 「一件扣10分(若有新诉求的,不扣分)」,
「……扣5分(「因不可抗力」的除外)」. After this check the rule carries an Exemption: while its condition holds (a
condition on the unit's facts, read as any clause's), the clause scores nothing."""
from __future__ import annotations

import attrs

from .. import ast
from .. import model as m


def exempted(checker, rule: m.Rule, pieces: tuple[ast.ExemptionPiece, ...]) -> m.Rule | None:
    """The rule with its exemption; several in brackets after one clause are one condition, any of them."""
    if any(o.kind in ("set", "full") for o in m.outcomes_of(rule)):
        checker.err("GR301", pieces[0].span, detail="「按…计分」「得满分」的条款不能带例外(若…的,不扣分)",
                    help="把例外写进条件:「未「…」且…的,…」")
        return None
    tests = [checker.test(piece.cond) for piece in pieces]
    if any(t is None for t in tests):
        return None
    test = tests[0] if len(tests) == 1 else m.AnyOf(tuple(tests), "或".join(checker.text(p.cond.span) for p in pieces))
    text = "".join(checker.text(piece.span) for piece in pieces)
    return attrs.evolve(rule, exempt=m.Exemption(test, text))
