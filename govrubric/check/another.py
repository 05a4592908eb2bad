"""另扣 in a ladder of one-sided tiers (field trial 3, SW12): 「「率」低于90%的扣1分;低于80%的,另扣2分」 — 「另」 says the
tier's deduction comes on top of the one before it, whose condition also holds below 80%: 75% loses 1 + 2 = 3.

After this pass such a tier deducts the sum (its own amount, and the one before it, itself summed when it too says
另扣) and keeps its own amount in `also`'s complement for render; read first-that-holds or most-specific-first
(单边档次), the tier that holds then deducts what the words add up to."""
from __future__ import annotations

import attrs

from .. import model as m
from ..i18n import said
from ..numerals import format_decimal

_ANOTHER = ("另扣", "另行扣", "再扣", "加扣")


def added_deductions(tiers: list[m.Tier]) -> list[m.Tier]:
    from .readings import _nested_run

    result = list(tiers)
    for index in range(1, len(result)):
        tier, before = result[index], result[index - 1]
        out, prior = tier.outcome, before.outcome
        if not (out.kind == "deduct" and out.text.startswith(_ANOTHER) and out.amount is not None
                and prior.kind == "deduct" and prior.amount is not None and out.also is None
                and _nested_run([before, tier]) == 2):
            continue
        total = out.amount + prior.amount
        text = said("{outcome},连同「{condition}」的扣{prior}分共扣{total}分", outcome=out.text, condition=before.test.text,
                    prior=format_decimal(prior.amount), total=format_decimal(total))
        result[index] = attrs.evolve(tier, outcome=attrs.evolve(out, amount=total, also=prior.amount, text=text))
    return result
