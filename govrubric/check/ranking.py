"""排名:「按单位类别」 before the first item — the published 考核办法's 「分类排名」: the reports rank each category apart
by default (reports.stated_rank_by; `govrubric score --rank-by 全部` still ranks all units together). 排名:「全部单位」
says the default. No score changes either way: ranks are how the results are listed."""
from __future__ import annotations

from .. import model as m
from ..i18n import built
from .base import CheckerBase


class Ranking(CheckerBase):
    def ranking(self, entries) -> None:
        """Any other value under 排名 is refused (GR236) rather than kept as a note: it reads as if it chose how the
        units are ranked, and would not."""
        for entry in entries:
            if entry.key != m.RANKING_KEY:
                continue
            if entry.values not in ((m.RANK_WITHIN_CATEGORY,), (m.RANK_AMONG_ALL,)):
                self.err("GR236", entry.span, detail=built(
                    "「{value}」不是排名的写法:写 排名:「按单位类别」(每个单位类别内各自排名)或 排名:「全部单位」",
                    value="、".join(entry.values)))
            elif entry.values == (m.RANK_WITHIN_CATEGORY,) and not self.categories:
                self.err("GR236", entry.span, detail=built("按单位类别排名,细则要先声明单位类别(单位类别:「…」、「…」)"))
