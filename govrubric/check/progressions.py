"""Escalations beyond the steps written one by one (language.md 6.5): 「第一起、第二起……分别扣5分、6分……」 (one
ordinal per amount), 「……,以此类推」 (the difference of the last two amounts, again and again) and
「第一次扣1分,以后每多一次加倍扣分」 (each further occurrence twice the one before, up to the clause's cap).

After these checks a Progression follows a last step that scores exactly one occurrence with an amount; a
以此类推 has two such steps, one after the other, whose amounts do not shrink; a 加倍 has a cap."""
from __future__ import annotations

from .. import ast
from .. import model as m
from ..numerals import format_decimal
from ..i18n import built

_WORDS = {"award": "得", "bonus": "加", "deduct": "扣"}


def escalate_each(checker, body: ast.EscalateEach, before: list) -> list[m.Step] | None:
    """第一起、第二起、第三起,分别扣5分、6分、7分: the i-th occurrence written, the i-th amount."""
    out = body.outcome
    if out.kind not in _WORDS:
        checker.err("GR211", out.span, detail=built("「{body_word}」后应是得、加或扣若干分", body_word=body.word))
        return None
    if len(body.ordinals) != len(out.amounts):
        checker.err("GR212", out.span, left=len(body.ordinals), right=len(out.amounts))
        return None
    steps = []
    for index, (ordinal, amount) in enumerate(zip(body.ordinals, out.amounts)):
        first = ordinal.first
        if first is None or (ordinal.open_ended and index < len(body.ordinals) - 1):
            checker.err("GR211", ordinal.span, detail=f"「{ordinal.text}」在并列的各次中应写明第几次"
                        + ("" if first is None else ",且只有最后一个可以包括以后各次"))
            return None
        reads = f"{_WORDS[out.kind]}{format_decimal(amount)}分"
        steps.append(m.Step(first, ordinal.open_ended, m.Outcome(out.kind, amount, text=reads), ordinal.text + reads))
    return steps


def progression_after(checker, then: ast.Progression, steps: list[m.Step], cap) -> m.Progression | None:
    """以此类推 / 加倍扣分 after the steps: what they continue must be plain (one occurrence, an amount)."""
    last = steps[-1] if steps else None
    if last is None or last.open_ended or last.outcome.kind not in _WORDS:
        checker.err("GR211", then.span, detail=f"「{then.text}」之前应写明第几次得、加或扣多少分"
                    + ("(前一档已经包括以后各次)" if last is not None and last.open_ended else ""))
        return None
    if then.kind == "double":
        if last.outcome.kind != "deduct" or last.outcome.amount == 0:
            checker.err("GR211", then.span, detail=built("「{then_text}」之前应是扣分", then_text=then.text))
            return None
        if cap is None:
            checker.err("GR211", then.span, detail="加倍扣分没有写明扣到多少为止:次数多时扣分没有尽头",
                        help=built("在后面写上限,如「{then_text},扣完10分为止」", then_text=then.text))
            return None
        return m.Progression("double", then.text)
    before = steps[-2] if len(steps) > 1 else None
    if (before is None or before.open_ended or before.first != last.first - 1
            or before.outcome.kind != last.outcome.kind):
        checker.err("GR211", then.span, detail="「以此类推」之前应写明相邻两次的分数(如「第一起、第二起分别扣5分、6分」),"
                    "以后各次按这两次之差递增")
        return None
    if last.outcome.amount < before.outcome.amount:
        checker.err("GR211", then.span, detail=built("「以此类推」之前的分数逐次减少({amount}分、{amount2}分),以后各次会减到0分以下",
                                                     amount=format_decimal(before.outcome.amount), amount2=format_decimal(last.outcome.amount)), help="把以后各次写出来,如「第五次及以上扣1分」")
        return None
    return m.Progression("arith", then.text)
