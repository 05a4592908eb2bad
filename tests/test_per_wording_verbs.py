"""Field trial 6, 四: a per-period requirement counted in 次, then 每少一次 (县综治 一.3). Numbers worked out by hand from the
wording; the compiled scorer must give the same tree and lines (scored)."""
from __future__ import annotations

from decimal import Decimal as D

from test_published_forms import HEAD, lines, scored



# 县综治 一.3 (四: GR231 said 「一条条款只能逐个判断一个逐起或按期给出的事实」 with one such fact): a requirement of every
# quarter counted in 次, then 每少一次 — each quarter's shortfall
QUARTERLY = """一、【例会】(1分)
  事实「例会次数」:次数,按季度
  「例会次数」每季度至少1次,每少一次扣0.25分。
"""


def test_a_quarterly_requirement_in_times_then_each_time_short():
    # quarters 1, 0, 0, 2: two quarters 1 short → 1 − 2 × 0.25 = 0.5 (the year's 3 ≥ 1 would deduct nothing: 1)
    result = scored(QUARTERLY, {"例会次数": [1, 0, 0, 2]})
    assert result.scores()["一"] == D("0.5")
    assert lines(result)[-1] == "4个季度中2个季度计分,合计 −0.5分"
    assert scored(QUARTERLY.replace("至少1次", "不少于2次"), {"例会次数": [1, 0, 3, 2]}).scores()["一"] == D("0.25")
