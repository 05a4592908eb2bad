"""Field trial 6, 三 #2 (澧阳 三): the published words before 每 may hold a count verb — 「被发现每铲除200株罂粟扣1分」.
Numbers worked out by hand from the wording; the compiled scorer must give the same tree and lines (scored)."""
from __future__ import annotations

from decimal import Decimal as D

from test_published_forms import HEAD, lines, scored



# 澧阳 三: 「被发现每铲除200株罂粟扣1分」 — the words before 每 may hold a count verb (发现): 每 is written, so it is
# per 200 株 (no GR221 asking 每 or 正好)
ERADICATED = """一、【禁种铲毒】(15分)
  事实「实现零种植或零产量」:是否
  事实「被发现铲除罂粟株数」:株
  「实现零种植或零产量」计15分,「被发现铲除罂粟株数」被发现每铲除200株罂粟扣1分。
"""


def test_wording_with_a_count_verb_before_per():
    # 450 株: 2 full steps of 200 → 15 − 2 = 13 (正好200株 would deduct nothing: 15)
    result = scored(ERADICATED, {"实现零种植或零产量": "是", "被发现铲除罂粟株数": 450})
    assert result.scores()["一"] == D(13)
    assert lines(result)[-1] == "「被发现铲除罂粟株数」= 450株:被发现每铲除200株罂粟扣1分(每200株计1次) × 2 = −2分"
    assert scored(ERADICATED, {"实现零种植或零产量": "是", "被发现铲除罂粟株数": 199}).scores()["一"] == D(15)
    import govrubric
    from govrubric.printer import normalise, print_rubric

    tree = govrubric.loads(HEAD + ERADICATED, "t.rubric").tree
    printed = print_rubric(tree)
    assert "被发现每铲除200株罂粟扣1分" in printed
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)


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
