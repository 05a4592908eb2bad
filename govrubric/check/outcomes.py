"""Outcomes: what a tier gives — 得/加/扣N分, 不得分, 一票否决, 得满分, 不扣分, 视情扣/加, 按「…」计分,
按「…」比例计分 — and the 视情 fact that gives an assessor's amount."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..numerals import format_decimal
from ..source import Span
from .base import CheckerBase
from .conditions import fact_names
from ..i18n import built, kind_word


class Outcomes(CheckerBase):
    def outcome(self, out: ast.Outcome, cond, points, standalone: bool, per_occurrence: bool = False,
                item: ast.Item | None = None):
        kind = out.kind
        if len(out.amounts) > 1:
            self.err("GR212", out.span, left=1, right=len(out.amounts),
                     help="几个分值并列时要用「分别」或「依次」")
            return None
        amount = out.amounts[0] if out.amounts else None
        text = out.text
        if out.spill is not None:  # 不得分,并追加扣除20分: the item's outcome, and 20 off the total (spill.py)
            if kind not in ("zero", "veto"):
                self.err("GR228", out.span, detail="「追加扣除」「另扣」跟在「不得分」或「此项不得分」之后",
                         help="写作「…的,不得分,并追加扣除20分」;要从总分中扣除而本项照常计分,写作「…的,从总分中扣除20分」")
                return None
            base = self.outcome(attrs.evolve(out, spill=None, spill_word=None), cond, points, standalone,
                                per_occurrence, item)
            return None if base is None else attrs.evolve(base, text=text, spill=out.spill)
        if kind == "total_off":  # 从总分中扣除10分: the item as it is, 10 off the total
            return m.Outcome("none", text=text, spill=amount)
        if out.below is not None:  # 此项不得分,同时倒扣4分: the item scores −4, whatever else it had
            if kind not in ("zero", "veto"):
                self.err("GR226", out.span, detail="「倒扣」跟在「不得分」或「此项不得分」之后",
                         help="写作「…的,此项不得分,同时倒扣4分」")
                return None
            return m.Outcome("veto", text=text, below=out.below)
        if out.style is not None:  # 要求(4分): met → 得4分, said so in explanations
            return m.Outcome(kind, amount, text=f"得{format_decimal(amount)}分", style=out.style)
        if kind in ("award", "bonus", "deduct"):
            return m.Outcome(kind, amount, text=text)
        if kind == "zero":
            if not standalone:
                return m.Outcome("zero", text=text)
            reading = self.here["不得分范围"]
            self.decide(self.path, "不得分范围", reading, built("单独成条的「{text}」", text=text), out.span)
            return m.Outcome("veto" if reading.value == "本项" else "zero", text=text)
        if kind == "veto_table":  # 本表100分扣完: a veto of the table (items.py moves the rule up to it)
            return m.Outcome("veto", text=text, style="table:" + (str(out.amounts[0]) if out.amounts else ""))
        if kind == "veto":
            return m.Outcome("veto", text=text)
        if kind == "full":
            return m.Outcome("full", text=text)
        if kind == "no_deduction":
            return m.Outcome("none", text=text)
        if kind in ("discretion_deduct", "discretion_bonus"):
            sign = -1 if kind == "discretion_deduct" else 1
            low, high = out.low, out.high
            if low is not None and high is not None and low > high:
                self.err("GR304", out.span, low=format_decimal(low), high=format_decimal(high))
                return None
            if high is None:
                low, high = Decimal(0), points
            fact = None if per_occurrence else self.discretion_fact(cond, out.span, item)
            if fact is None and not per_occurrence:
                return None
            return m.Outcome("discretion", sign=sign, fact=fact, low=low, high=high, text=text)
        if kind == "set_score":
            ref = self.fact_of_kind(out.name, "score", "「按…计分」")
            if ref is None:
                return None
            return m.Outcome("set", fact=ref.name, adjust=out.adjust, text=text)
        if kind == "multiple_deduct":  # 按「被扣分值」的10倍扣分: factor × the points another body took off
            typed = self.expression(out.expr)
            if typed is None:
                return None
            if typed.kind != "score":
                self.err("GR301", out.expr.span,
                         detail=built("「按「…」{word}扣分」是被扣分数的倍数,事实应为分值,而{typed_text}不是",
                                      word=out.expr.word, typed_text=f"「{out.expr.base.text}」"),
                         help="把被扣的分数声明为分值事实(事实「被扣分值」:分值);按比例扣分写「按「…」的比例扣N分」")
                return None
            return m.Outcome("deduct", None, formula=typed.operand, places=self.places, text=text)
        if kind == "set_score_words":  # 按落实情况计分: the one 分值 fact declared under the item gives the score
            declared = [d.name.text for d in (item.facts if item is not None else ()) if d.type.kind == "score"]
            if len(declared) != 1:
                self.err("GR301", out.span,
                         detail=built("「{word}」的分数由本指标下声明的一个「分值」事实给出,本指标下有{count}个",
                                      word=out.word, count=len(declared)),
                         help="在本指标下声明一个分值事实(如 事实「落实情况得分」:分值 0—15分),由考核人员填写;"
                              "有几个分值事实时写明是哪一个:按「…」计分")
                return None
            return m.Outcome("set", fact=declared[0], text=text)
        if kind == "formula":  # 该项得分=「转载数量」÷12×1分
            formula = self.score_formula(out.expr, "「得分=…」")
            if formula is None:
                return None
            operand = formula.operand
            if formula.kind == "percent":  # 「完成率」×60分: 50% of 60 is 30, a percentage is a share of 100
                operand = m.Arith("/", operand, m.Const(Decimal(100)), "ratio", formula.text)
            return m.Outcome("set", formula=operand, places=self.places, text=text)
        if kind == "proportional" and out.expr is not None:  # 按「完成任务数」÷「任务总数」比例计分: points × the share
            share = self.share(out, points)
            return None if share is None else m.Outcome("set", formula=share, of_points=points, places=self.places,
                                                        text=text)
        if kind == "proportional_deduct":  # 按「未完成数」÷「任务数」的占比扣分: (扣N分 or the points) × the share off
            share = self.share(out, amount if amount is not None else points)
            base = amount if amount is not None else points
            return None if share is None else m.Outcome("deduct", base, formula=share, places=self.places, text=text)
        if kind == "proportional":
            ref = self.fact_of_kind(out.name, "percent", "「按…比例计分」")
            if ref is None:
                return None
            if points is None:
                self.err("GR301", out.span, detail="按比例计分是分值乘以比例,所在指标须写明分值")
                return None
            return m.Outcome("set", fact=ref.name, of_points=points, text=text)
        if kind == "final_value":
            self.err("GR301", out.span, detail="「按…确定」只用于总分规则(写在第一个指标之前)")
            return None
        if kind == "veto_all":
            self.err("GR301", out.span, detail=f"「{out.text}」否决整个细则,只用于总分规则(写在第一个指标之前)",
                     help="只否决本项写「该项不得分」;原文写明否决的是本项时照写「一票否决,该项不得分」")
            return None
        if kind == "grade":
            self.err("GR301", out.span, detail="「为「…」」定等次,只用于总分规则(写在第一个指标之前)")
            return None
        if kind in ("grade_cap", "grade_down"):
            self.err("GR301", out.span, detail=built("「{out_text}」限制等次,只用于总分规则(写在第一个指标之前)", out_text=out.text))
            return None
        raise AssertionError(kind)

    def share(self, out: ast.Outcome, base) -> m.Operand | None:
        """The share a proportional outcome takes of its base: a ratio, or a percentage read as a share of 100."""
        formula = self.score_formula(out.expr, "「按…比例计分」")
        if formula is None:
            return None
        if formula.kind not in ("percent", "ratio"):
            self.err("GR301", out.span, detail=built("按比例计分的比例应为百分比或比值,{formula_text}是{x}",
                                                     formula_text=formula.text, x=kind_word(m.KIND_ZH.get(formula.kind, '数'))),
                     help="两个数量之比写作「「甲」÷「乙」」")
            return None
        if base is None:
            self.err("GR301", out.span, detail="按比例计分是分值乘以比例,所在指标须写明分值(或写明「按…比例扣N分」)")
            return None
        if formula.kind == "percent":  # 按「甲」+「乙」比例: a percentage is a share of 100
            return m.Arith("/", formula.operand, m.Const(Decimal(100)), "ratio", formula.text)
        return formula.operand

    def fact_of_kind(self, name: ast.Name, kind: str, wording: str) -> m.FactRef | None:
        ref = self.fact_ref(name)
        if ref is not None and ref.kind != kind:
            self.err("GR301", name.span, detail=built("{wording}的事实应为{kind},而「{ref_name}」是{kind2}",
                                                      wording=wording, kind=kind_word(m.KIND_ZH[kind]), ref_name=ref.name, kind2=kind_word(m.KIND_ZH[ref.kind])))
            return None
        return ref

    def discretion_fact(self, cond, span: Span, item: ast.Item | None) -> str | None:
        """The 视情 fact that gives the assessor's amount: the one the condition names (「…且「曝光扣分」的,视情扣…」),
        or, where the condition names none (「「事故等级」为「重大」的,视情扣40—50分」), the one declared under the item."""
        names = fact_names(cond) if cond is not None else []
        found = [n for n in names if n in self.facts and self.facts[n].kind == "discretionary"]
        declared = [d.name.text for d in (item.facts if item is not None else ()) if d.type.kind == "discretionary"]
        if not found and len(declared) == 1:
            return declared[0]
        if len(found) != 1:
            self.err("GR301", span, detail=("视情计分需要一个「视情」类型的事实给出分数" if not found else
                                             built("条件中有{count}个「视情」事实,不知道由哪一个给出分数", count=len(found))),
                     help="在本指标下声明一个「视情」事实(如 事实「事故扣分」:视情),由考核人员填写分数;"
                          "本指标下有几个「视情」事实时,把给出分数的那一个写进条件(「…且「事故扣分」的,视情扣…」)")
            return None
        return found[0]
