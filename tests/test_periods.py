"""Issue 15 §2: requirements per period (每季度至少1次, 每月不少于2次). Without facts per period they are refused, not
read as 每…计分, which scored every occurrence (「「督查次数」每季度至少1次的,得1分」: 3 次 → 3 分)."""
from __future__ import annotations

import pytest

from helpers import codes, ok
from test_published_forms import HEAD


@pytest.mark.parametrize("words", ["每季度至少1次的,得1分", "每月不少于2次的,得4分", "每季度不少于2次的,得4分"])
def test_a_requirement_per_period_is_refused_not_counted(words):
    text = f"一、【督查】(4分)\n  事实「督查次数」:次数\n  「督查次数」{words}。\n"
    assert [c for c, *_ in codes(text, HEAD)] == ["GR229"]


def test_counting_per_occurrence_still_reads_as_before():
    # 每季度 without a minimum, and a minimum without a period, are not requirements per period
    ok("一、【甲】(4分)\n  事实「n」:次数\n  「n」每发现1次扣1分。\n", HEAD)
    ok("一、【甲】(4分)\n  事实「达标季度数」:个数\n  「达标季度数」为4个的,得4分,否则不得分。\n", HEAD)
