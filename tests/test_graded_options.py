"""Field trial 6, 三 #1 (澧阳 五): an option fact graded as published — 「群众对当地吸毒贩毒现象的评价按严重、比较严重、一般、
不大严重、不严重5档划分,计分标准为1分、2分、3分、4分、5分」. The i-th option earns the i-th amount, exactly as
为「严重」、「比较严重」……的,分别得1分、2分…… Numbers worked out by hand from the wording; the compiled scorer must give the
same tree and lines (scored → assert_same)."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import codes, ok
from test_published_forms import HEAD, lines, scored

OPTIONS = ("严重", "比较严重", "一般", "不大严重", "不严重")
GRADED = """一、【吸毒贩毒现象评价】(5分)
  事实「现象评价」:选项「严重」、「比较严重」、「一般」、「不大严重」、「不严重」
  「现象评价」按「严重」、「比较严重」、「一般」、「不大严重」、「不严重」5档划分,计分标准为1分、2分、3分、4分、5分。
"""
# 「按满意、较满意、一般、较差、差5档划分,计分为5分、4分、3分、2分、1分」: the amounts fall as the options go
FALLING = """一、【整体评价】(5分)
  事实「整体评价」:选项「满意」、「较满意」、「一般」、「较差」、「差」
  「整体评价」按「满意」、「较满意」、「一般」、「较差」、「差」5档划分,计分为5分、4分、3分、2分、1分。
"""


def test_each_option_earns_its_own_amount_in_order():
    # 不大严重 is the 4th of 5 grades: 4分 (a reading by the amounts' order reversed would give 2; the top grade 5)
    result = scored(GRADED, {"现象评价": "不大严重"})
    assert result.scores()["一"] == D(4)
    assert lines(result)[-1] == "「现象评价」= 不大严重:不大严重 → 得4分;合计 +4分"
    assert scored(GRADED, {"现象评价": "严重"}).scores()["一"] == D(1)
    # falling amounts: 较满意 is the 2nd grade, 4分; 差 the 5th, 1分
    assert scored(FALLING, {"整体评价": "较满意"}).scores()["一"] == D(4)
    assert scored(FALLING, {"整体评价": "差"}).scores()["一"] == D(1)


def test_it_means_what_respectively_means():
    spelled = GRADED.replace("按「严重」、「比较严重」、「一般」、「不大严重」、「不严重」5档划分,计分标准为1分、2分、3分、4分、5分",
                             "为「严重」、「比较严重」、「一般」、「不大严重」、「不严重」的,分别得1分、2分、3分、4分、5分")
    for option in OPTIONS:
        assert (scored(GRADED, {"现象评价": option}).scores()
                == scored(spelled, {"现象评价": option}).scores())


def test_the_grades_are_checked():
    # 4档 written for 5 options: the count is checked against the list
    assert [c for c, *_ in codes(GRADED.replace("5档", "4档"), HEAD)] == ["GR212"]
    assert [c for c, *_ in codes(GRADED.replace("、5分。", "。"), HEAD)] == ["GR212"]
    assert [c for c, *_ in codes(GRADED.replace("按「严重」", "按「特别严重」"), HEAD)] == ["GR213"]
    count = "一、【甲】(5分)\n  事实「n」:次数\n  「n」按「好」、「差」两档划分,计分为5分、1分。\n"
    assert [c for c, *_ in codes(count, HEAD)] == ["GR301"]
    # the count of grades may be left out, or written in Chinese numerals
    assert scored(GRADED.replace("5档划分", "划分"), {"现象评价": "一般"}).scores()["一"] == D(3)
    assert scored(GRADED.replace("5档划分", "五个档次划分"), {"现象评价": "一般"}).scores()["一"] == D(3)


def test_graded_round_trips_and_renders_as_published():
    import govrubric
    from govrubric.fmt import format_text
    from govrubric.printer import normalise, print_rubric
    from govrubric.render import build_table

    for text in (GRADED, FALLING):
        tree = govrubric.loads(HEAD + text, "t.rubric").tree
        printed = print_rubric(tree)
        assert "5档划分,计" in printed
        assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
        assert format_text(HEAD + text).problems == ()
    loaded = ok(FALLING, HEAD)
    assert build_table(loaded.model, loaded.tree, wording="模型").rows[0].standard[0] == \
        "整体评价按满意、较满意、一般、较差、差5档划分,计分为5分、4分、3分、2分、1分"


def test_the_sql_backend_scores_grades_as_python_does():
    from test_sql import same

    same(ok(GRADED, HEAD), [{"单位": "甲", "现象评价": "不大严重"}, {"单位": "乙", "现象评价": "严重"},
                            {"单位": "丙", "现象评价": "不严重"}])


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(OPTIONS))
def test_the_ith_grade_earns_i_points(option):
    """Whatever the option, the item scores its place in the list (1 to 5) — and the compiled scorer agrees (scored)."""
    assert scored(GRADED, {"现象评价": option}).scores()["一"] == D(OPTIONS.index(option) + 1)
