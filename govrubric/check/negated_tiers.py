"""A tier written as the requirement before it not met, in the writer's own words (language.md 6.2「没有达到要求,不再写名称」):
「「纳入…」的记1分,未纳入的扣1分」, 「「按时完成…」的,得1.5分,不按时完成的扣1分」, 「…得20分,达不到要求不给分」.

It is the 否则 tier of the clause it continues: the complement of the conditions written before it, nothing else. It
is checked here, before the clause's tiers become a model.Tiered, where that reading could be wrong:

- there is no condition before it in the sentence (it opens a sentence after 。, or follows a clause that counts per
  occurrence or has no condition): what is not met is not said; GR210 asks for the 是否 fact to be named;
- its words, without the negation, are exactly the name of a declared 是否 fact that the conditions before it do not
  test (「「甲」得1分,未按时报送的不得分」 with 事实「按时报送」): 否则 (甲 not met) and 未「按时报送」 are both
  plausible and score differently, so GR210 asks which one is meant.
"""
from __future__ import annotations

from .. import ast
from ..i18n import built

# the negation a negated tier opens with, longest first (达不到要求 → 达到要求)
_NEGATIONS = (("达不到", "达到"), ("未能", ""), ("没有", ""), ("未", ""), ("不", ""))


def named_fact(words: str) -> str:
    """The name the words give once the negation is taken off: 未纳入 → 纳入, 不按时完成 → 按时完成, 达不到要求 → 达到要求."""
    for neg, put in _NEGATIONS:
        if words.startswith(neg):
            return put + words[len(neg):]
    return words


def _names_in(cond: ast.Cond | None) -> set[str]:
    if cond is None:
        return set()
    if isinstance(cond, (ast.CondAll, ast.CondAny)):
        return set().union(*(_names_in(p) for p in cond.parts))
    operand = getattr(cond, "operand", None)
    return {n.text for n in operand.names} if operand is not None else set()


class NegatedTiers:
    def negated_tiers_readable(self, clause: ast.Clause) -> bool:
        """False (with GR210) where a negated tier of this clause could be read two ways or negates nothing written."""
        ok = True
        tested: set[str] = set()
        first = clause.tiers[0]  # a condition and its result: not the subject of 每次扣1分, not 得5分 alone
        conditioned = first.cond is not None and isinstance(first.body, ast.Outcome)
        for i, tier in enumerate(clause.tiers):
            if tier.negated is None or i == 0:
                tested |= _names_in(tier.cond)
                continue
            words = tier.negated
            name = named_fact(words)
            fact = self.facts.get(name)
            is_flag = fact is not None and fact.kind == "bool"
            if not conditioned or (tier.separator or "") in ("。",):
                self.err("GR210", tier.span, detail=built(
                    "「{words}」前面没有它否定的条件(它不接在同一句的要求之后),说不清是哪件事没有做到", words=words),
                         help=built("写作「未「{name}」的,…」", name=name) if is_flag else built(
                             "声明一个是否事实「事实「{name}」:是否」,写作「未「{name}」的,…」;"
                             "说的是前一句的要求没有做到时,用逗号接在它后面写", name=name))
                ok = False
            elif is_flag and name not in tested:
                self.err("GR210", tier.span, detail=built(
                    "「{words}」可以读作前面的条件不成立(否则),也可以读作是否事实「{name}」不成立;两种读法得分不同",
                    words=words, name=name),
                         help=built("前面的条件不成立时写「否则…」;说的是「{name}」时写「否则未「{name}」的,…」", name=name))
                ok = False
            tested |= _names_in(tier.cond)
        return ok


def negated_wording(tier: ast.Tier) -> str | None:
    """The words a model.Tier keeps for its explanation line (None for a plain 否则)."""
    return tier.negated if tier.cond is None else None

