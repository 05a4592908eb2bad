"""Field trial 7, 三 #3, #7: 「分别」 and the choice words as published (forms18b). Every number below is worked out by
hand from the published words quoted above each case; scored() checks that the compiled scorer gives the same tree and
lines."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from govrubric.fmt import format_text
from helpers import codes
from test_published_forms import HEAD, lines, scored

# ---------------------------------------------------------------- 属 + options + 分别 (三 #7)
# 水利工程管理考核标准 3 精神文明(40分): 「绿化程度在本省属好、中、差,分别扣0、3、5分」
GREEN = """一、【精神文明】(40分)
  事实「绿化程度在本省」:选项「好」、「中」、「差」
  「绿化程度在本省」属「好」、「中」、「差」,分别扣0、3、5分。
"""


def test_belongs_to_options_means_what_is_options_means():
    # 从满分扣减(只有扣分): 中 40 − 3 = 37, 差 40 − 5 = 35, 好 40 − 0 = 40
    assert scored(GREEN, {"绿化程度在本省": "中"}).scores()["一"] == D(37)
    assert scored(GREEN, {"绿化程度在本省": "差"}).scores()["一"] == D(35)
    assert scored(GREEN, {"绿化程度在本省": "好"}).scores()["一"] == D(40)
    assert lines(scored(GREEN, {"绿化程度在本省": "中"}))[-1] == "「绿化程度在本省」= 中:中 → 扣3分;合计 −3分"
    spelled = GREEN.replace("属「好」、「中」、「差」,", "为「好」、「中」、「差」的,")
    for value in ("好", "中", "差"):
        assert scored(spelled, {"绿化程度在本省": value}).scores() == scored(GREEN, {"绿化程度在本省": value}).scores()


def test_belongs_to_keeps_its_word_in_fmt_and_render():
    formatted = format_text(HEAD + GREEN)
    assert formatted.problems == ()
    assert "「绿化程度在本省」属「好」、「中」、「差」,分别扣0、3、5分。" in formatted.text
    from govrubric.printer import print_rubric
    tree = govrubric.loads(HEAD + GREEN, "t.rubric").tree
    assert "「绿化程度在本省」属「好」、「中」、「差」" in print_rubric(tree)


def test_belongs_to_checks_as_is_does():
    # not an option of the fact: GR213; not an option fact: GR301 (as for 为)
    assert [c for c, *_ in codes(GREEN.replace("「差」,分别", "「坏」,分别"), HEAD)] == ["GR213"]
    wrong = GREEN.replace("选项「好」、「中」、「差」", "是否")
    assert "GR301" in [c for c, *_ in codes(wrong, HEAD)]
