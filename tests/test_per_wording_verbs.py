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
