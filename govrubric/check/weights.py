"""Weighted counts (issue 15 §2): 「「获奖情况」每项加1分,「国家级」、「省级」、「市级」分别按300%、100%、50%计」 — each
item of a 清单 (or the one option of a 选项 fact) earns the per-item amount times the weight of its option. Read as
分别 on the options (model.Respective): 国家级 加3分, 省级 加1分, 市级 加0.5分; an item written with several options
takes the highest, as 分别 does. The words as published are kept for render (Respective.weighted)."""
from __future__ import annotations

from .. import ast
from .. import model as m
from ..numerals import format_decimal
from .base import CheckerBase
from ..i18n import built, kind_word

_WORD = {"award": "得", "bonus": "加", "deduct": "扣"}


class Weights(CheckerBase):
    def weighted_rule(self, tier: ast.Tier, body: ast.Weighted, cap, cap_text, label, text, span) -> m.Respective | None:
        cond, per = tier.cond, body.per
        if not isinstance(cond, ast.CondTrue) or cond.operand.expr is not None or len(cond.operand.names) != 1:
            self.err("GR301", tier.span, detail="按比例计的每项计分要以清单或选项事实开头,如「「获奖情况」每项加1分,…」")
            return None
        operand = self.fact_ref(cond.operand.names[0])
        if operand is None:
            return None
        if operand.kind not in ("list", "choice"):
            self.err("GR301", cond.span, detail=built("「{operand_name}」是{kind};分别按比例计要用清单或选项事实",
                                                      operand_name=operand.name, kind=kind_word(m.KIND_ZH[operand.kind])))
            return None
        out = per.outcome
        if per.count != 1 or out.kind not in _WORD or len(out.amounts) != 1 or per.lead != "每":
            self.err("GR301", per.span, detail="分别按比例计之前写每一项的分数,如「每项加1分」")
            return None
        if len(body.options) != len(body.weights):
            self.err("GR212", body.span, left=len(body.options), right=len(body.weights))
            return None
        if not self.known_options(operand.name, body.options):
            return None
        base = out.amounts[0]
        word = _WORD[out.kind]
        outcomes = tuple(m.Outcome(out.kind, base * w / 100,
                                   text=f"{word}{format_decimal(base)}分×{format_decimal(w)}% = {word}{format_decimal(base * w / 100)}分")
                         for w in body.weights)
        keys = tuple(o.text for o in body.options)
        weights = "、".join(f"{format_decimal(w)}%" for w in body.weights)
        published = f"每{per.measure}{word}{format_decimal(base)}分,{'、'.join(keys)}分别按{weights}计"
        return m.Respective(None, operand, "option", keys, outcomes, cap, label, text, cap_text, span, weighted=published)
