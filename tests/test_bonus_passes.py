"""加分带入上级 (field trial 5, SW5-5): a sub-item's bonus beyond its own points (加分上限:不受本项分值限制) passes its
parent's points too, added after the parent's limits and so on up to the total (the default 不受上级分值限制); under
受上级分值限制 the parent's points absorb it (the reading before SW5-5); a parent that writes its cap out (累计不超过N分)
holds it to that cap. Numbers worked out by hand from the wording (docs/language.md 第 9 节); the interpreter, the
compiled scorer (line for line) and DuckDB agree on every one."""
from __future__ import annotations

import itertools
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.lint import lint
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same

HEAD = "细则「t」\n"

# 学校节能目标 2014 (SW5-5): 「节能目标(40分)」 has one 40-point row, 「达到进度目标的,得40分,未达到的不得分。
# 每超过进度目标10个百分点加1分,最多加2分。」, the reading written on 一
ENERGY = """一、【节能目标】(40分)
  加分上限:不受本项分值限制
  1【节能量进度】(40分)
    事实「进度」:百分比
    「进度」达到80%的,得40分,否则不得分。
    「进度」超过80%的,每超过进度目标10个百分点加1分,最多加2分。
"""

# two parts of a 10-point item: 乙 (6分) earns 2 a time and adds 1 a time (at most 3) beyond its points; 丙 (5分)
# earns 1 a time and is vetoed by 「否决」
PARTS = """一、【甲】(10分)
  加分上限:不受本项分值限制
  1【乙】(6分)
    事实「a」:次数
    事实「b」:次数
    「a」每次得2分。
    「b」每次加1分,最多加3分。
  2【丙】(5分)
    事实「c」:次数
    「c」每次得1分。
二、【丁】(5分)
  事实「d」:次数
  「d」每次得1分。
"""


def load(text: str, *readings: str) -> govrubric.Rubric:
    loaded = govrubric.loads(HEAD + text, "t.rubric", readings=list(readings))
    assert loaded.ok, [d.render() for d in loaded.check()]
    return loaded


def scored(text: str, facts: dict, *readings: str):
    """The interpreter's result, after checking that the compiled scorer gives the same tree and lines."""
    loaded = load(text, *readings)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row)


def lines(result, path: str) -> list[str]:
    [node] = [n for n in result.nodes() if n.path == path]
    return [line.text for line in node.lines]


def test_sw5_5_the_bonus_of_the_only_row_passes_the_40_points_of_its_parent():
    """By hand: 100% 达到 80%, 40; 超过 20 个百分点 = 2 步, 加 2 (最多 2): 一.1 = 42; 一 adds them after its 40:
    42, the total 42. 95%: 1 步, 41. 85%: no whole step, 40."""
    for progress, total in (("100%", "42"), ("95%", "41"), ("85%", "40")):
        result = scored(ENERGY, {"进度": progress})
        assert result.scores() == {"一.1": D(total), "一": D(total), "总分": D(total)}
    result = scored(ENERGY, {"进度": "100%"})
    assert lines(result, "一") == ["一.1 得42分,其中加分2分不受上级分值限制", "下级加分不受本项分值限制:40 +2 = 42"]


def test_the_other_reading_lets_the_parent_s_points_absorb_it():
    """加分带入上级:受上级分值限制, the reading before SW5-5: 一 = min(42, 40) = 40."""
    result = scored(ENERGY, {"进度": "100%"}, "加分带入上级=受上级分值限制")
    assert result.scores() == {"一.1": D(42), "一": D(40), "总分": D(40)}
    assert lines(result, "一") == ["一.1 得42分", "得分限于[0, 40]:42 → 40"]


def test_the_parent_s_limits_apply_to_the_rest_and_the_bonus_comes_after_them():
    """a = 5: 乙 earns 10, at most 6; b = 5: adds 5, at most 3: 乙 = 6 + 3 = 9. c = 7: 丙 = min(7, 5) = 5.
    甲: 乙 without its bonus 6 + 丙 5 = 11, at most 10, then + 3 = 13. 丁: d = 6, at most 5. Total 13 + 5 = 18."""
    result = scored(PARTS, {"a": 5, "b": 5, "c": 7, "d": 6})
    assert result.scores() == {"一.1": D(9), "一.2": D(5), "一": D(13), "二": D(5), "总分": D(18)}
    assert lines(result, "一") == ["一.1 得9分,其中加分3分不受上级分值限制", "一.2 得5分", "得分限于[0, 10]:11 → 10",
                                  "下级加分不受本项分值限制:10 +3 = 13"]
    # below the parent's points the bonus is added all the same: a = 1, b = 2, c = 0: 甲 = 2 + 0 + 2 = 4
    assert scored(PARTS, {"a": 1, "b": 2, "c": 0, "d": 0}).scores()["一"] == D(4)
    # 受上级分值限制: 甲 = min(9 + 5, 10) = 10
    assert scored(PARTS, {"a": 5, "b": 5, "c": 7, "d": 6}, "加分带入上级=受上级分值限制").scores()["一"] == D(10)


def test_a_parent_that_writes_its_cap_out_holds_the_bonus_to_it():
    """累计不超过10分 written on 甲: 9 + 5 = 14, at most 10 (the stated limit is never passed)."""
    stated = PARTS.replace("  加分上限:不受本项分值限制\n", "  加分上限:不受本项分值限制\n  累计不超过10分。\n", 1)
    result = scored(stated, {"a": 5, "b": 5, "c": 7, "d": 6})
    assert result.scores()["一"] == D(10)
    assert lines(result, "一") == ["一.1 得9分", "一.2 得5分", "得分限于[0, 10]:14 → 10"]


def test_a_veto_on_the_parent_takes_the_bonus_passed_to_it_too():
    """「否决」 on 甲 (此项不得分): 甲 = 0, nothing passes on; the total is 丁's 5."""
    vetoed = PARTS.replace("    「c」每次得1分。\n", "    「c」每次得1分。\n  事实「否决」:是否\n  「否决」的,此项不得分。\n", 1)
    result = scored(vetoed, {"a": 5, "b": 5, "c": 7, "d": 6, "否决": True})
    assert (result.scores()["一"], result.total) == (D(0), D(5))


def test_the_bonus_passes_every_level_up_to_the_total():
    """Three levels: 一 (10分) > 1 (6分) > (1) (6分) adding 1 a time (at most 3) beyond its points: with a = 5, b = 5
    (1) = 6 + 3 = 9, 1 = 6 + 3 = 9, 一 = 6 + 3 = 9 (the reading on 一 is in force at every level below)."""
    deep = """一、【甲】(10分)
  加分上限:不受本项分值限制
  1【乙】(6分)
    (1)(6分)
      事实「a」:次数
      事实「b」:次数
      「a」每次得2分。
      「b」每次加1分,最多加3分。
"""
    result = scored(deep, {"a": 5, "b": 5})
    assert result.scores() == {"一.1.(1)": D(9), "一.1": D(9), "一": D(9), "总分": D(9)}
    assert lines(result, "一.1") == ["一.1.(1) 得9分,其中加分3分不受上级分值限制", "下级加分不受本项分值限制:6 +3 = 9"]


def test_lint_names_the_reading_at_the_parent_and_sees_no_points_cut_off():
    findings = lint(load(ENERGY))
    assert not [f for f in findings if f.code == "GL201"]  # the bonus is not cut by 一's 40 points any more
    [hint] = [f for f in findings if f.code == "GL001" and "加分带入上级" in f.diagnostic.message]
    assert hint.item == "一" and "「一.1」的加分不受其分值限制" in hint.diagnostic.message
    # under the other reading 一.1's 42 meets 一's 40: GL201, as before SW5-5
    assert any(f.code == "GL201" and f.item == "一" for f in lint(load(ENERGY, "加分带入上级=受上级分值限制")))
    # stated, no hint
    stated = ENERGY.replace("  加分上限:不受本项分值限制\n", "  加分上限:不受本项分值限制\n  加分带入上级:不受上级分值限制\n")
    assert not [f for f in lint(load(stated)) if f.code == "GL001" and "加分带入上级" in f.diagnostic.message]


def test_lint_ranges_reach_the_bonus_past_the_parent():
    from govrubric.lint.context import Context

    reach = Context(load(PARTS)).analysis.node(load(PARTS).model.roots[0])
    assert (reach.low.value, reach.high.value) == (D(0), D(13))  # 10 within the points + 3 passed up


def test_duckdb_scores_as_the_interpreter():
    rows = [{"单位": f"u{i}", "a": a, "b": b, "c": c, "d": 1}
            for i, (a, b, c) in enumerate(itertools.product([0, 2, 5], [0, 2, 5], [0, 7]))]
    for readings in ((), ("加分带入上级=受上级分值限制",)):
        rubric = load(PARTS, *readings)
        assert duckdb_outcome(rubric, rows) == decimal_outcome(rubric, rows)


def test_fmt_and_render_keep_the_reading():
    from govrubric.fmt import format_text
    from govrubric.render import bounds_words

    stated = ENERGY.replace("  加分上限:不受本项分值限制\n", "  加分上限:不受本项分值限制\n  加分带入上级:受上级分值限制\n")
    formatted = format_text(HEAD + stated)
    assert formatted.problems == () and "加分带入上级:受上级分值限制" in formatted.text
    rubric = govrubric.loads(formatted.text, "t.rubric")
    assert rubric.score({"单位": "x", "进度": "100%"}).scores()["一"] == D(40)
    [child] = rubric.model.roots[0].children
    assert bounds_words(child, None) == ["加分不受本项分值限制", "加分受上级分值限制"]
    [child] = load(ENERGY).model.roots[0].children
    assert bounds_words(child, None) == ["加分不受本项分值限制"]


# ---------------------------------------------------------------- the invariant
def _tree(points: list[tuple[int, int, int]], parent: int, cap: int | None, absorbed: bool) -> str:
    text = f"一、【甲】({parent}分)\n  加分上限:不受本项分值限制\n"
    if absorbed:
        text += "  加分带入上级:受上级分值限制\n"
    if cap is not None:
        text += f"  累计不超过{cap}分。\n"
    for i, (own, each, most) in enumerate(points, 1):
        text += (f"  {i}【子{i}】({own}分)\n    事实「得{i}」:次数\n    事实「加{i}」:次数\n"
                 f"    「得{i}」每次得{each}分。\n    「加{i}」每次加1分,最多加{most}分。\n")
    return text


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_total_is_what_the_limits_keep_plus_the_bonuses_passed_up(data):
    """For every drawn item: 甲 = min(Σ 子 within their points, 甲's points) + Σ their bonuses (each at most its 最多),
    never more than 甲's points + Σ the 最多; under 受上级分值限制, or a written cap, at most that cap."""
    parts = data.draw(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 3), st.integers(1, 3)), min_size=1,
                               max_size=3))
    parent = data.draw(st.integers(1, 12))
    cap = data.draw(st.one_of(st.none(), st.integers(1, parent)))
    absorbed = data.draw(st.booleans())
    rubric = load(_tree(parts, parent, cap, absorbed))
    row = {"单位": "u"}
    for i, _ in enumerate(parts, 1):
        row[f"得{i}"] = data.draw(st.integers(0, 4))
        row[f"加{i}"] = data.draw(st.integers(0, 4))
    assert assert_same(rubric, compile_rubric(rubric), row)
    result = rubric.score(row)
    within = [min(row[f"得{i}"] * each, own) for i, (own, each, _) in enumerate(parts, 1)]
    bonus = [min(row[f"加{i}"], most) for i, (_, _, most) in enumerate(parts, 1)]
    for i, _ in enumerate(parts, 1):
        assert result.scores()[f"一.{i}"] == within[i - 1] + bonus[i - 1]
    limit = min(parent, cap) if cap is not None else parent
    if absorbed or cap is not None:
        expected = min(sum(within) + sum(bonus), limit)
    else:
        expected = min(sum(within), limit) + sum(bonus)
    assert result.total == result.scores()["一"] == expected
    assert result.total <= parent + sum(most for _, _, most in parts)
    assert expected - sum(bonus) <= limit or absorbed or cap is not None
