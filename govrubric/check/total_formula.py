"""The 总分 formula beyond a sum of items: a fixed base (基础分1000分 + 第一项得分 - 第二项扣分), products with
numbers and facts ((第一项得分+第二项得分)×(1+0.1×「权重」)+第三项得分) and the lower or higher of several
(第一项得分、第二项得分中较低分值). A plain sum of items stays total.py's formula."""
from __future__ import annotations

from .. import ast
from .. import model as m
from .base import CheckerBase, chinese_number
from ..i18n import built, kind_word

# facts a total formula may read: plain numbers, each counted as it is written in the facts
_NUMBER_KINDS = ("count", "ratio", "score", "quantity", "days", "months")


class TotalFormula(CheckerBase):
    def total_expr(self, piece: ast.HeaderPiece, roots) -> m.TotalExpr | None:
        by_number = {n.number: n for n in roots if n.number is not None}
        order = [n.number for n in roots if n.number is not None]
        self._every_item = tuple(n.id for n in roots)  # 各项得分之和: numbered or not
        return self._total_part(piece.expr, by_number, order)

    def _total_part(self, part, by_number, order) -> m.TotalExpr | None:
        if isinstance(part, ast.TotalOp):
            parts = [self._total_part(p, by_number, order) for p in part.parts]
            if any(p is None for p in parts):
                return None
            return m.TotalExpr(part.op, tuple(parts), text=part.word)
        if isinstance(part, ast.Term):
            return self._total_term(part, by_number, order)
        if isinstance(part, ast.BaseScore):
            text = f"{part.label or ''}{self.text(part.span)[len(part.label or ''):]}".replace(" ", "")
            return m.TotalExpr("number", value=part.value, text=text)
        if isinstance(part, ast.Number):
            return m.TotalExpr("number", value=part.value, text=self.text(part.span).strip())
        return self._total_fact(part)

    def _total_term(self, term: ast.Term, by_number, order) -> m.TotalExpr | None:
        if term.every is not None:  # 各项得分之和 in a larger formula (各项得分之和 × 0.9)
            every = m.Term(1, self._every_item, "得分", term.every, every=True)
            return m.TotalExpr("term", term=every, text=term.every)
        first, last = term.first.number, (term.last.number if term.last else term.first.number)
        missing = [ref for ref in (term.first, term.last) if ref is not None and ref.number not in by_number]
        for ref in missing:
            self.err("GR208", ref.span, label=f"第{chinese_number(ref.number)}项")
        if missing:
            return None
        i, j = order.index(first), order.index(last)
        if i > j:
            self.err("GR304", term.span, low=built("第{x}项",
                                                   x=chinese_number(first)), high=built("第{x}项", x=chinese_number(last)))
            return None
        ids = tuple(by_number[k].id for k in order[i : j + 1])
        text = self.text(term.span)
        return m.TotalExpr("term", term=m.Term(1, ids, term.kind, text), text=text)

    def _total_fact(self, name: ast.Name) -> m.TotalExpr | None:
        fact = self.declared_fact(name)
        if fact is None:
            return None
        if fact.kind not in _NUMBER_KINDS or fact.cohort is not None:
            self.err("GR301", name.span, detail=built("总分公式里的「{name_text}」是{x},只能用单位填写的数(次数、比值、分值、计量值等)",
                                                      name_text=name.text, x=kind_word(m.KIND_ZH.get(fact.kind, fact.kind))),
                     help="权重等系数声明为比值,如「事实「权重」:比值」")
            return None
        if fact.optional:
            self.err("GR301", name.span, detail=built("总分公式里的「{name_text}」是可空的事实:不填时总分无法计算", name_text=name.text),
                     help=built("去掉「(可空)」,每个单位都填「{name_text}」", name_text=name.text))
            return None
        return m.TotalExpr("fact", fact=name.text, text=f"「{name.text}」")
