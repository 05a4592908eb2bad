"""Indentation and numbering (issue 13, item 4; docs/language.md §4): numbering nests the items; a line
written back at the column of an outer item's lines, after a sub-item, belongs to the outer item, as the
page shows it; where indentation and numbering disagree, check warns at the line (GR230)."""
from decimal import Decimal as D

import govrubric
from govrubric.fmt import format_text

HEADER = "细则「t」\n"


def _loaded(text: str) -> govrubric.Rubric:
    loaded = govrubric.loads(HEADER + text, "t.rubric")
    assert loaded.ok, [d.render() for d in loaded.check()]
    return loaded


def _scores(text: str, facts: dict) -> dict:
    return _loaded(text).score({"单位": "甲", **facts}).scores()


def _warnings(text: str) -> list[tuple[str, int, int, str, str]]:
    loaded = govrubric.loads(HEADER + text, "t.rubric")
    return [(d.code, d.location()[1] - 1, d.location()[2], d.message, d.help) for d in loaded.check()]


BACK_AT_THE_ITEM = """
一、【甲】(10分)
  事实「a」:是否
  事实「b」:次数
  ○(3分)
    「a」得3分
  「b」每次加1分
"""


def test_a_clause_back_at_the_items_column_after_a_sub_item_belongs_to_the_item():
    tree = _loaded(BACK_AT_THE_ITEM).tree
    assert len(tree.items[0].clauses) == 1 and len(tree.items[0].children[0].clauses) == 1
    # ○ = 3 (「a」); 一 = ○ + 2 × 1 = 5. Inside ○ the bonus would have been capped at ○'s 3分, and 一 = 3.
    assert _scores(BACK_AT_THE_ITEM, {"a": True, "b": 2}) == {"一": D(5), "一.○1": D(3), "总分": D(5)}
    assert _warnings(BACK_AT_THE_ITEM) == []


def test_a_limit_back_at_the_items_column_limits_the_item():
    text = """
一、【甲】
  事实「a」:是否
  事实「c」:是否
  ○(3分)
    「a」得3分
  ○(3分)
    「c」得3分
  累计不超过5分。
"""
    # 3 + 3 = 6, capped by the item's 累计不超过5分 at 5 (under the second ○ it would cap nothing)
    assert _scores(text, {"a": True, "c": True})["一"] == D(5)
    assert _loaded(text).tree.items[0].children[1].limits == ()


def test_numbering_still_nests_items_after_a_line_back_at_an_outer_column():
    text = """
一、【甲】(6分)
  1.【乙】(6分)
    事实「a」:是否
    事实「b」:次数
    事实「c」:是否
    (1)【丙】(3分)
      「a」得3分
    「b」每1次加1分
    (2)【丁】(3分)
      「c」得3分
"""
    tree = _loaded(text).tree
    one = tree.items[0].children[0]
    assert [c.head.label for c in one.children] == ["(1)", "(2)"] and len(one.clauses) == 1
    # (1) = 3, (2) = 0, 1. = 3 + 0 + 1 = 4
    assert _scores(text, {"a": True, "b": 1, "c": False})["一.1"] == D(4)


def test_without_indentation_numbering_alone_decides():
    # everything at column 0: the bonus follows ○, as before (no warning: a flat file says nothing by layout)
    flat = "\n".join(line.strip() for line in BACK_AT_THE_ITEM.splitlines()) + "\n"
    tree = _loaded(flat).tree
    assert tree.items[0].clauses == () and len(tree.items[0].children[0].clauses) == 2
    # the bonus is ○'s: 3 + 2 = 5, capped at ○'s 3分
    assert _scores(flat, {"a": True, "b": 2})["一"] == D(3)
    assert _warnings(flat) == []


def test_heads_at_one_column_and_lines_indented_under_them():
    # the layout 拱墅 was first encoded in: every head at column 0, each item's lines indented by 2
    text = """
一、【甲】(6分)
1.【乙】(6分)
○(3分)
  事实「a」:是否
  「a」得3分
○(3分)
  事实「c」:是否
  「c」得3分
"""
    tree = _loaded(text).tree
    assert [len(c.clauses) for c in tree.items[0].children[0].children] == [1, 1]
    assert _warnings(text) == []


def test_the_shipped_rubrics_read_as_before_and_without_warnings():
    for name in ("yiliang-2023", "gongshu-2021", "yinchuan-fenting"):
        loaded = govrubric.load(f"rubrics/{name}.rubric")
        assert loaded.ok and [d.code for d in loaded.check()] == [], name


def test_a_line_under_a_sub_items_head_at_its_column_is_warned_about():
    text = """
一、【甲】(5分)
  事实「a」:是否
  1.【乙】(2分)
  「a」得2分
"""
    assert _warnings(text) == [(
        "GR230", 5, 3,
        "缩进与层级不符:这一行与分项「1.【乙】」的标题对齐,看起来属于「一、【甲】」,却写在「1.【乙】」之下;"
        "按编号它计入「1.【乙】」",
        "属于「1.【乙】」的,请比「1.【乙】」的标题缩进更深;属于「一、【甲】」的,请写在「1.【乙】」之前")]
    # numbering decides: the clause is 1.'s
    assert len(_loaded(text).tree.items[0].children[0].clauses) == 1


def test_a_line_matching_no_items_column_is_warned_about():
    text = BACK_AT_THE_ITEM.replace("  「b」每次加1分", " 「b」每次加1分")  # one column short of 一's lines
    assert _warnings(text) == [(
        "GR230", 7, 2,
        "缩进与层级不符:这一行比「○(3分)」的标题缩进还少,又不与任何上级指标的内容对齐;按编号它计入「○(3分)」",
        "属于「○(3分)」的,请与「○(3分)」的内容对齐;属于上级指标的,请与上级指标的内容对齐")]


def test_fmt_keeps_a_clause_after_the_sub_item_where_it_was_written():
    formatted = format_text(HEADER + BACK_AT_THE_ITEM)
    assert formatted.text is not None, formatted.problems
    assert formatted.text.endswith("  ○(3分)\n    「a」得3分。\n  「b」每次加1分。\n")
    again = govrubric.loads(formatted.text)
    assert again.tree.items[0].clauses == _loaded(BACK_AT_THE_ITEM).tree.items[0].clauses


# 档案考核认定标准, 保密自查自评 (field trial 3, SW14): an unnumbered row written in the column of 1. and 2. is their
# sibling, as the page shows it — not a sub-item of 2. whose floor would swallow its deductions
UNNUMBERED_BESIDE = """
一、【甲】(10分)
  1.【a】(5分)
    事实「a达标」:是否
    「a达标」得5分。
  2.【b】(5分)
    事实「b达标」:是否
    「b达标」得5分。
  ○【其他扣分】
    事实「违规次数」:次数
    「违规次数」每次扣1分。
"""


def test_an_unnumbered_row_in_the_column_of_numbered_ones_is_their_sibling():
    # a met, b not, 3 violations: 5 + 0 − 3 = 2 (under 2. it was 0 − 3 → 0 and the total 5)
    scores = _scores(UNNUMBERED_BESIDE, {"a达标": True, "b达标": False, "违规次数": 3})
    assert scores["一"] == 2 and scores["一.2"] == 0
    assert _warnings(UNNUMBERED_BESIDE) == []


def test_an_unnumbered_row_indented_deeper_stays_a_sub_item():
    text = UNNUMBERED_BESIDE.replace("  ○【其他扣分】\n    事实「违规次数」:次数\n    「违规次数」每次扣1分。",
                                     "    ○【其他扣分】\n      事实「违规次数」:次数\n      「违规次数」每次扣1分。")
    scores = _scores(text, {"a达标": True, "b达标": False, "违规次数": 3})
    assert scores["一"] == 5 and scores["一.2"] == 0


def test_an_unnumbered_row_in_no_column_warns():
    text = UNNUMBERED_BESIDE.replace("  ○【其他扣分】", " ○【其他扣分】")
    assert [w[0] for w in _warnings(text)] == ["GR230"]
