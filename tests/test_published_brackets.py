"""Brackets as published rubrics write them (field trial 7, REPORT.md 三 #2, #6): a data source holding a bracket of its
own, 科普「记4分(以文件上报县全民科学素质办(科协)为准)」 (×3). Goldens by hand from the published words; every score is
checked against the compiled scorer, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from helpers import item_score
from govrubric.fmt import format_text
from govrubric.printer import normalise, print_rubric
from govrubric.render import render_bytes

HEAD = "细则「t」\n"
NESTED = """一、【组织机构】(4分)
  事实「成立组织机构」:是否
  「成立组织机构」记4分(以文件上报县全民科学素质办(科协)为准);
"""


def test_a_bracket_inside_a_data_source_is_part_of_its_words():
    # 记4分: 4 with the organisation, 0 without; the note scores nothing
    assert item_score(NESTED, {"成立组织机构": "是"}, HEAD) == 4
    assert item_score(NESTED, {"成立组织机构": "否"}, HEAD) == 0
    loaded = govrubric.loads(HEAD + NESTED, "t.rubric")
    assert ("数据来源", ("以文件上报县全民科学素质办(科协)为准",)) in loaded.model.roots[0].meta


def test_print_fmt_and_render_keep_the_inner_bracket():
    loaded = govrubric.loads(HEAD + NESTED, "t.rubric")
    printed = print_rubric(loaded.tree)
    assert "(以文件上报县全民科学素质办(科协)为准)" in printed
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(loaded.tree)
    formatted = format_text(HEAD + NESTED)
    assert formatted.problems == () and "记4分(以文件上报县全民科学素质办(科协)为准);" in formatted.text
    table = render_bytes("t.md", loaded.model, loaded.tree, loaded.source.text).decode("utf-8")
    assert "以文件上报县全民科学素质办(科协)为准" in table


def test_a_bracket_two_deep_is_pointed_at():
    text = HEAD + "一、【甲】(4分)\n  事实「参与活动」:是否\n  「参与活动」记4分(以信息上报县科普办(科协(县))为准);\n"
    (found,) = govrubric.loads(text, "t.rubric").check()
    line = text.splitlines()[3]
    assert found.code == "GR101"
    assert found.location()[1:] == (4, line.index("(县)") + 1)  # at the innermost bracket, not at 以信息
    assert "「(县)」:数据来源「(以…为准)」里的括号只能套一层" in found.message
    assert "去掉里层的「(县)」" in found.help


def test_an_inner_bracket_left_open_is_pointed_at():
    text = HEAD + "一、【甲】(4分)\n  事实「参与活动」:是否\n  「参与活动」记4分(以信息上报县科普办(科协为准);\n"
    (found,) = govrubric.loads(text, "t.rubric").check()
    line = text.splitlines()[3]
    assert found.code == "GR101"
    assert found.location()[1:] == (4, line.index("(科协") + 1)
    assert "没有配对的右括号" in found.message


def test_the_scores_do_not_depend_on_the_note():
    plain = NESTED.replace("(以文件上报县全民科学素质办(科协)为准)", "")
    for value, expected in (("是", D(4)), ("否", D(0))):
        assert item_score(plain, {"成立组织机构": value}, HEAD) == expected
