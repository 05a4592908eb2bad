"""What the SQL compiler refuses: every model field it computes or knows to be wording, and the construct a
refusal names (in the author's words) when a field it does not compute is set."""
from __future__ import annotations

import attrs

from .. import model as m
from .columns import Unsupported

# Every field of the model the compiler reads, or knows changes no score (wording, labels, spans). A field not
# listed here with a value other than its default refuses the query (GR601): one this compiler does not
# compute — 同一事件:不重复扣分 (Tiered.excused_by), 并列情形:各自计分 (Tiered.each_part), 累计加减分:分别限制
# (Node.split_limit) — or one added to the language after it was written, so that a rubric is never scored
# as if a clause or reading had not been written.
_COMPILED_FIELDS = {
    m.Node: {"id", "path", "label", "number", "title", "points", "floor", "cap", "base", "base_reason", "rules",
             "children", "applies_to", "meta", "notes", "limit_texts", "span", "bonus_uncapped", "veto_clears",
             "bonus_passes", "stated_cap"},  # 加分带入上级: self.passed
    m.Tiered: {"tiers", "cap", "label", "text", "cap_text", "span", "written_reversed",  # the last: wording only
               "zero_side"},  # 「甲」且「X」为0的得N分 beside 「X」每…扣: the first tier holds where 「甲」 does (rules.tiered)
    m.Tier: {"test", "outcome", "text", "span", "negated"},  # negated: wording only (未纳入的 is 否则)
    m.PerCount: {"guard", "counter", "per", "measure", "outcome", "cap", "label", "text", "cap_text", "span",
                 "per_text"},
    # places: a 按比例计 quotient is computed only when it is exact (reciprocal, per_step), so never rounded to it
    m.PerStep: {"guard", "operand", "threshold", "below", "step", "measure", "outcome", "proportional", "rounding", "cap",
                "label", "text", "cap_text", "span", "places", "scale", "until"},  # scale: in_operand_units
    m.Escalation: {"guard", "counter", "steps", "cap", "label", "text", "cap_text", "span"},
    m.Step: {"first", "open_ended", "outcome", "text"},
    # weighted, graded: wording only (render); the weighted amounts are the outcomes
    m.Respective: {"guard", "operand", "mode", "keys", "outcomes", "cap", "label", "text", "cap_text", "span",
                   "weighted", "graded"},
    # style: wording only; below (同时倒扣N分), formula (得分=「甲」÷「乙」×10, 按…的比例扣分, with its places): refused
    # by apply() with the outcome's text
    # item: 按第一项得分确定 (a rule on the total, compiled in total()); veto_all: 实行一票否决, wording only
    m.Outcome: {"kind", "amount", "sign", "fact", "adjust", "of_points", "low", "high", "text", "grade", "style",
                "below", "formula", "places", "also", "item", "veto_all",
                "row"},  # row: 本点扣分 — a deduction's signed amount is N − amount (视情扣: refused in apply)
}
_FIELD_WORDING = {"largest_only": "就高不就低", "spill": "追加扣除", "then": "以此类推/加倍扣分", "exempt": "例外(若…的,不扣分)", "excused_by": "同一事件:不重复扣分", "each_part": "并列情形:各自计分", "starts": "得N分是本句扣分的起点", "priced_by": "另写的扣分:从得分扣起(得分不成立、没有做到的扣分扣到了时从得分扣起)", "split_limit": "累计加减分:分别限制",
                 # what a refusal names when one of these is set: the construct in the author's words, never a field name
                 "shared_caps": "几条扣分合计扣到这一点(这一句)的分值为止", "bonus_to_total": "加分上限:计入总分",
                 "no_repeat": "不重复扣分(别的指标已扣的)", "repeats": "不重复扣分(别的指标已扣的)",
                 "each_said": "各扣/分别扣(每一项各计一次)", "each": "逐起、按期给出的事实逐个判断"}


def _refuse_unknown_fields(item, span=None) -> None:
    """Unsupported for a field of `item` this compiler does not compute, set to anything but its default."""
    known = _COMPILED_FIELDS.get(type(item))
    if known is None:
        raise Unsupported(f"写法「{type(item).__name__}」", span)
    for field in attrs.fields(type(item)):
        if field.name in known:
            continue
        default = field.default.factory() if isinstance(field.default, attrs.Factory) else field.default
        if field.default is attrs.NOTHING or getattr(item, field.name) != default:
            wording = _FIELD_WORDING.get(field.name, f"{type(item).__name__}.{field.name}")
            if field.name == "exempt" and item.exempt.sentence:  # ……得2分,发现有1例未完成,不得分
                wording = "一句的不得分(……得N分,……不得分)"
            raise Unsupported(f"「{wording}」", getattr(item, "span", None) or span)
