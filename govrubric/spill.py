"""追加扣除 / 另扣 / 从总分中扣除: deductions that leave the item (docs/language.md 6.1, 第 8 节).

「构成重大隐患的,不得分,并追加扣除20分」: the item scores 0 (the veto) and 20 more points come off the total,
outside the item's floor, cap and veto and outside every parent's bounds; 「…的,从总分中扣除10分」 takes 10 off
the total and leaves the item as it is. Written on their own, 「追加扣2分」「另扣2分」 and 「按10分/户追加扣分」 add
to what the item already deducts (柳池「视火灾面积扣分5—15分/次,如有农房被烧,按10分/户追加扣分」, under
「共60分,扣完为止」): ordinary deductions in the item. The total takes the spills after the 总分 formula and
不适用项 scaling, before the rules on the total (so a 一票否决 「按0分确定」 still gives 0).
"""
from __future__ import annotations

import re

from ._runtime import _say

_LEAD = re.compile(r"^[,，]?[ \t]*")


def spill_word(token: str) -> str:
    """The words as written, without the comma before them: 「,并追加扣除」 → 「并追加扣除」."""
    return _LEAD.sub("", token)


def off_the_total(word: str) -> bool:
    """从总分中扣除 / 在总分中扣: the words name the total."""
    return "总分" in word


def extras_line(total_name: str, before, extras: dict, after, fmt) -> str:
    """加分上限:计入总分: 「加分项(计入总分):1.2.3 2.5分、1.3.1 2分,共4.5分:41.25 → 45.75」 (_runtime._extra alike)."""
    parts = "、".join(_say("{path} {amount}分", path=path, amount=fmt(amount)) for path, amount in extras.items())
    together = sum(extras.values(), type(after)(0))
    many = _say(",共{amount}分", amount=fmt(together)) if len(extras) > 1 else ""
    return _say("加分项(计入{total}):{parts}{many}:{before} → {after}", total=total_name, parts=parts, many=many,
                before=fmt(before), after=fmt(after))


def total_line(total_name: str, before, spills: dict, after, fmt) -> str:
    """The total's explanation line: 「追加扣除(从总分中扣除):一.1 20分、二 5分,共25分:96 → 71」
    (_runtime._spill words it alike for compiled scorers, which import nothing from govrubric)."""
    parts = "、".join(_say("{path} {amount}分", path=path, amount=fmt(amount)) for path, amount in spills.items())
    together = sum(spills.values(), type(after)(0))
    many = _say(",共{amount}分", amount=fmt(together)) if len(spills) > 1 else ""
    return _say("追加扣除(从{total}中扣除):{parts}{many}:{before} → {after}", total=total_name, parts=parts, many=many,
                before=fmt(before), after=fmt(after))
