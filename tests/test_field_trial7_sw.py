"""Seventh-round field trial, silent wrong scores SW7-n (/work/wt/SW7.md; the trial's repros are
tests/field_trial7/repro/): each minimal repro is written here as the tester wrote it, and every unit is scored by the
interpreter AND by the compiled scorer (the same tree and lines) and by DuckDB where the query compiles. The expected
scores are worked out by hand from the published words, in the comment beside each; they are not program output."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same


def _scored(text: str, rows: list[dict], hand: dict) -> govrubric.Rubric:
    """Every unit of `rows` scored as the hand says ({unit: {path: score}}), interpreter and compiled scorer."""
    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.check() == [], [d.render() for d in rubric.check()]
    scorer = compile_rubric(rubric)
    for row in rows:
        assert assert_same(rubric, scorer, row)
        got = rubric.score(row).scores()
        assert got == {path: D(value) for path, value in hand[row["单位"]].items()}, (row["单位"], got)
    return rubric


def _sql_agrees(rubric: govrubric.Rubric, rows: list[dict]) -> None:
    pytest.importorskip("duckdb")
    assert duckdb_outcome(rubric, rows) == decimal_outcome(rubric, rows)


def _tree(rubric: govrubric.Rubric) -> list[str]:
    def walk(items, depth):
        for item in items:
            yield "  " * depth + (item.head.title or item.head.label or "○")
            yield from walk(item.children, depth + 1)
    return list(walk(rubric.tree.items, 0))


# ---------------------------------------------------------------- SW7-3 an indented unnumbered 【】 under an unnumbered 【】
# 殡葬改革工作乡镇目标责任考核评分表: 「组织领导(15分)」 over rows 「建立健全……(3分)」「……(2分)」, 「火化率(25分)」 over
# 「按责任书规定完成火化率指标(25分)」; neither level numbered. language.md §4: unnumbered titles take their level from
# indentation, so the deeper 【甲】【乙】 are 【组织领导】's rows and 【丙】 is 【火化率】's.
SW3 = """细则「sw3」
【组织领导】(5分)
  【甲】(3分)
    事实「a次数」:次数
    「a次数」每次扣1分。
  【乙】(2分)
    事实「b」:是否
    未「b」的,扣2分。
【火化率】(5分)
  【丙】(5分)
    事实「c」:是否
    「c」的,该项不得分。
"""
SW3_ROWS = [{"单位": "u", "a次数": 3, "b": False, "c": True}, {"单位": "clean", "a次数": 0, "b": True, "c": False}]


def test_sw7_3_an_unnumbered_title_indented_under_one_is_its_row():
    rubric = _scored(SW3, SW3_ROWS, {
        # u: 甲 3 − 3 × 1 = 0; 乙 未做到 2 − 2 = 0; 组织领导 = 0 + 0 = 0; 丙 该项不得分 → 0, 火化率 0; total 0
        "u": {"【组织领导】": "0", "【组织领导】.【甲】": "0", "【组织领导】.【乙】": "0",
              "【火化率】": "0", "【火化率】.【丙】": "0", "总分": "0"},
        # clean: 甲 3, 乙 2 → 组织领导 5; 丙 5 → 火化率 5; total 10 (the rubric's full 10, not 20)
        "clean": {"【组织领导】": "5", "【组织领导】.【甲】": "3", "【组织领导】.【乙】": "2",
                  "【火化率】": "5", "【火化率】.【丙】": "5", "总分": "10"},
    })
    assert _tree(rubric) == ["组织领导", "  甲", "  乙", "火化率", "  丙"]
    _sql_agrees(rubric, SW3_ROWS)
    # fmt writes the two levels indented as they are, and reads back the same tree
    again = govrubric.loads(format_text(SW3).text, "t.rubric")
    assert _tree(again) == _tree(rubric)


def test_sw7_3_lint_no_longer_sees_parents_without_clauses():
    from govrubric.lint import lint

    found = {d.code for d in lint(govrubric.loads(SW3, "t.rubric"))}
    assert "GL501" not in found


def test_sw7_3_three_unnumbered_levels_and_a_return_to_the_middle_one():
    text = """细则「t」
【甲】(6分)
  【乙】(4分)
    【丙】(3分)
      事实「a」:是否
      「a」得3分。
    【丁】(1分)
      事实「b」:是否
      「b」得1分。
  【戊】(2分)
    事实「c」:是否
    「c」得2分。
"""
    rows = [{"单位": "x", "a": True, "b": False, "c": True}]
    # 丙 3 (a), 丁 0 (not b) → 乙 3; 戊 2 (c) → 甲 3 + 2 = 5
    rubric = _scored(text, rows, {"x": {"【甲】": "5", "【甲】.【乙】": "3", "【甲】.【乙】.【丙】": "3",
                                        "【甲】.【乙】.【丁】": "0", "【甲】.【戊】": "2", "总分": "5"}})
    assert _tree(rubric) == ["甲", "  乙", "    丙", "    丁", "  戊"]


def test_sw7_3_an_unnumbered_title_in_the_column_of_numbered_rows_is_beside_them():
    # 【丙】 in the column of 1.【乙】 (【甲】's first line): 1. and 【丙】 are 【甲】's rows; 【丁】 back at 【甲】's column
    text = """细则「t」
事实「a」:是否
【甲】(5分)
  1.【乙】(3分)
    「a」得3分。
  【丙】(2分)
    「a」得2分。
【丁】(1分)
  「a」得1分。
"""
    rows = [{"单位": "x", "a": True}]
    # 乙 3 + 丙 2 = 甲 5; 丁 1; total 6
    rubric = _scored(text, rows, {"x": {"【甲】": "5", "【甲】.1": "3", "【甲】.【丙】": "2", "【丁】": "1", "总分": "6"}})
    assert _tree(rubric) == ["甲", "  乙", "  丙", "丁"]


def test_sw7_3_written_between_the_parents_and_its_rows_columns_it_is_still_a_row():
    # 【丙】 is deeper than 【甲】's title and shallower than 【乙】's: it can only be inside 【甲】, beside 【乙】
    text = """细则「t」
事实「a」:是否
【甲】(5分)
    【乙】(3分)
        「a」得3分。
  【丙】(2分)
    「a」得2分。
"""
    rubric = _scored(text, [{"单位": "x", "a": True}],
                     {"x": {"【甲】": "5", "【甲】.【乙】": "3", "【甲】.【丙】": "2", "总分": "5"}})
    assert _tree(rubric) == ["甲", "  乙", "  丙"]


def test_sw7_3_circles_indented_under_a_circle_are_its_rows():
    text = """细则「t」
事实「a」:是否
一、【甲】(6分)
  ○(4分)
    ○(3分)
      「a」得3分。
    ○(1分)
      「a」得1分。
  ○(2分)
    「a」得2分。
"""
    rows = [{"单位": "x", "a": True}]
    # the inner ○ 3 + 1 = 4 under the first ○; the second first-level ○ 2; 一 = 4 + 2 = 6
    rubric = _scored(text, rows, {"x": {"一": "6", "一.○1": "4", "一.○1.○1": "3", "一.○1.○2": "1", "一.○2": "2",
                                        "总分": "6"}})
    assert _tree(rubric) == ["甲", "  ○", "    ○", "    ○", "  ○"]


def test_sw7_3_titles_in_one_column_are_siblings_as_before():
    # no indentation at all, and 拱墅's shape (titles in one column, clauses indented): numbering alone, siblings
    for text in ("细则「t」\n事实「a」:是否\n【甲】(3分)\n「a」得3分。\n【乙】(2分)\n「a」得2分。\n",
                 "细则「t」\n事实「a」:是否\n【甲】(3分)\n  「a」得3分。\n【乙】(2分)\n  「a」得2分。\n"):
        rubric = _scored(text, [{"单位": "x", "a": True}], {"x": {"【甲】": "3", "【乙】": "2", "总分": "5"}})
        assert _tree(rubric) == ["甲", "乙"]


def _shapes():
    from hypothesis import strategies as st

    leaf = st.just(())
    return st.recursive(leaf, lambda kids: st.lists(kids, min_size=1, max_size=3).map(tuple), max_leaves=8)


def _written(shape, kinds) -> tuple[str, list[str]]:
    """Items with no numbering, each head indented 2 columns deeper than its parent's, each leaf with a clause; the
    kind of head (【】 or ○【】) by level (a ○ right after a 【】 in its column is its row, language.md §4)."""
    lines, tree, count = [], [], iter(range(1000))

    def write(children, depth):
        for child in children:
            n = next(count)
            kind = kinds[depth % len(kinds)]
            title = f"项{n}"
            lines.append("  " * depth + (f"【{title}】" if kind == "heading" else f"○【{title}】"))
            tree.append("  " * depth + title)
            if child:
                write(child, depth + 1)
            else:
                lines.append("  " * (depth + 1) + "「a」得1分。")
    write(shape, 0)
    return "细则「t」\n事实「a」:是否\n" + "\n".join(lines) + "\n", tree


def test_unnumbered_titles_nest_as_they_are_indented():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(deadline=None)
    @given(_shapes().filter(bool), st.sampled_from([("heading",), ("anon",), ("heading", "anon"), ("anon", "heading")]))
    def check(shape, kinds):
        text, tree = _written(shape, kinds)
        rubric = govrubric.loads(text, "t.rubric")
        assert rubric.check() == [], [d.render() for d in rubric.check()]
        assert _tree(rubric) == tree
        # every leaf scores 1 and a parent is the sum of its rows: the total is the number of leaves
        assert rubric.score({"单位": "x", "a": True}).total == text.count("得1分")

    check()


# ---------------------------------------------------------------- SW7-5 「每少」 with no requirement, on a count of what was done
# 秸秆禁烧 (1) 宣传 (2分): 「各村张贴禁烧公告不少于3张,……各村张贴公告每少1张扣05分」; the requirement is the sentence before.
# Written without it, 「每少1张」 has nothing to count from: the fact itself is counted as the number missing — right for a
# name that says so (「缺项数」), and every sheet posted deducted for a count of what was done. Scored as before, warned.
SW5 = """细则「sw5」
【做好秸秆禁烧宣传工作】(2分)
  要求:「各村张贴禁烧公告不少于3张,悬挂禁烧横幅不少于5条」
  事实「张贴公告张数」:张
  「张贴公告张数」每少1张扣0.5分。
"""
SW5_ROWS = [{"单位": "posted1", "张贴公告张数": 1}, {"单位": "posted3", "张贴公告张数": 3},
            {"单位": "posted5", "张贴公告张数": 5}]


def _diagnostics(text: str) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.severity, *d.location()[1:]) for d in govrubric.loads(text, "t.rubric").check()]


def test_sw7_5_a_step_down_on_a_count_not_named_as_missing_is_warned_about():
    assert _diagnostics(SW5) == [("GR235", "warning", 5, 3)]
    [warning] = govrubric.loads(SW5, "t.rubric").check()
    assert "「张贴公告张数」不少于3张,每少1张…" in warning.help
    # without 每 (扬州大学团支部 「每学期至少召开两次支部大会 | 4 | 少一次扣1分」), and with no subject (the item's one count)
    assert _diagnostics("细则「t」\n【甲】(4分)\n  事实「支部大会次数」:次数\n  「支部大会次数」少一次扣1分。\n") == [
        ("GR235", "warning", 4, 3)]
    assert [c for c, *_ in _diagnostics("细则「t」\n【甲】(4分)\n  事实「支部大会次数」:次数\n  每少一次扣1分。\n")] == ["GR235"]


def test_sw7_5_a_count_named_as_what_is_missing_is_counted_without_a_warning():
    for name in ("缺项数", "少贴公告张数", "未登记人数", "家访缺少次数", "没有主持例会的季度数"):
        text = f"细则「t」\n【甲】(2分)\n  事实「{name}」:次数\n  「{name}」每少1次扣0.5分。\n"
        # 3 missing: 2 − 3 × 0.5 = 0.5
        _scored(text, [{"单位": "x", name: 3}], {"x": {"【甲】": "0.5", "总分": "0.5"}})
    # a step up from nothing (每增加一座) counts every one, as before, and is not asked about
    assert _diagnostics("细则「t」\n【甲】(20分)\n  事实「座数」:座\n  「座数」每增加一座加5分。\n") == []


def test_sw7_5_written_with_its_requirement_it_counts_only_the_ones_short():
    text = SW5.replace("  「张贴公告张数」每少1张扣0.5分。", "  「张贴公告张数」不少于3张,每少1张扣0.5分。")
    # 1 posted: 2 short, 2 − 2 × 0.5 = 1; 3 and 5 posted: none short, 2
    rubric = _scored(text, SW5_ROWS, {"posted1": {"【做好秸秆禁烧宣传工作】": "1", "总分": "1"},
                                      "posted3": {"【做好秸秆禁烧宣传工作】": "2", "总分": "2"},
                                      "posted5": {"【做好秸秆禁烧宣传工作】": "2", "总分": "2"}})
    _sql_agrees(rubric, SW5_ROWS)
    # 「每学期至少召开两次支部大会 | 4 | 少一次扣1分」: 2 held 4; 1 held 4 − 1 = 3; none 4 − 2 = 2
    meetings = "细则「t」\n【甲】(4分)\n  事实「支部大会次数」:次数\n  「支部大会次数」至少2次,少一次扣1分。\n"
    rows = [{"单位": f"held{n}", "支部大会次数": n} for n in (2, 1, 0)]
    rubric = _scored(meetings, rows, {"held2": {"【甲】": "4", "总分": "4"}, "held1": {"【甲】": "3", "总分": "3"},
                                      "held0": {"【甲】": "2", "总分": "2"}})
    _sql_agrees(rubric, rows)
