"""Requirements per period (issue 15 §2): 「每季度至少督查1次」「每月不少于2次」 ask something of every quarter or month.
Read as 每…计分 they would score every occurrence (「「督查次数」每季度至少1次的,得1分」: 3 次 → 3 分), silently
wrong. Facts given per period are not in the language yet, so such a clause is refused (GR229) with the way to
write it today: the unit counts the periods that meet the requirement."""
from __future__ import annotations

import re

from .. import ast
from .base import CheckerBase

_PERIOD = re.compile(r"月|季度|季|年|周|旬")
_AT_LEAST = re.compile(r"至少|不少于|不低于|最少|不得少于")


class Periods(CheckerBase):
    def per_period_requirement(self, per: ast.Per) -> bool:
        """GR229 when 每 is followed by a period and a minimum (每季度至少1次): True when refused."""
        filler = per.filler or ""
        if per.lead != "每":
            return False
        if _PERIOD.search(filler) and _AT_LEAST.search(filler):  # 每季度至少1次: 季度 is wording before the count
            period, words = _PERIOD.search(filler).group(0), f"每{filler}{format(per.count.normalize(), 'f')}{per.measure}"
        elif _PERIOD.fullmatch(per.measure.removeprefix("个")) and _AT_LEAST.search(per.post_filler or ""):
            period, words = per.measure.removeprefix("个"), f"每{per.measure}{per.post_filler}"  # 每月至少督查1次
        else:
            return False
        self.err("GR229", per.span, text=words, period=period,
                 help="还不能按期给出事实;请由单位数出达到要求的期数,写作「「达标季度数」为4个的,得4分」"
                      "或「「达标月数」达到12个月的,得4分」")
        return True
