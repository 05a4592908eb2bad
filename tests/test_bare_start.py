"""A bare 1 before a step on it in the same sentence (language.md 6.3, check/step_start.py): 某地镇「建成1座生态公厕,
得10分;每增加一座加5分」. The 1 is the requirement (达到1座) and the step counts beyond it. Every number is worked by
hand from the words in the comment beside it; scored() holds the interpreter, the compiled scorer (line for line),
fmt and DuckDB to the same scores."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, strategies as st

import govrubric
from govrubric.fmt import format_text
from helpers import HEADER, codes, ok
from sql_helpers import decimal_outcome, duckdb_outcome
from test_published_wordings import lines, rendered, scored

TOILETS = "一、【生态公厕】(30分)\n  事实「生态公厕座数」:座数\n  「生态公厕座数」{clause}\n"


def toilets(clause: str) -> str:
    return TOILETS.format(clause=clause)


def test_one_seat_then_each_more_counts_from_the_first():
    # 「1座,得10分;每增加一座加5分」(30分): 0 座 nothing → 0; 1 座 earns 10 → 10; 3 座: 10, and 2 beyond the first
    # × 5 = 10 → 20 (not 3 × 10 + 3 × 5 = 45 → 30, the reading of each seat)
    text = toilets("1座,得10分;每增加一座加5分。")
    assert scored(text, [{"生态公厕座数": 0}, {"生态公厕座数": 1}, {"生态公厕座数": 3}]) == [D(0), D(10), D(20)]
    said = lines(text, {"生态公厕座数": 3})
    assert "「生态公厕座数」= 3,符合「1座」(≥ 1) → 得10分(+10)" in said
    assert "「生态公厕座数」= 3,符合「1座」(≥ 1);差2座,每1座加5分(不足一步的部分不计):2 × +5 = +10分" in said
    assert "「生态公厕座数」= 0,不符合「1座」(≥ 1):本条不计分" in lines(text, {"生态公厕座数": 0})
    units = [{"单位": f"u{n}", "单位类别": "部门", "生态公厕座数": n} for n in (0, 1, 3)]
    sql = duckdb_outcome(ok(text), units)  # DuckDB compiles it (no refusal) and agrees
    assert sql == decimal_outcome(ok(text), units) and sql[1]["u3"][0]["一"] == 20


def test_the_bare_form_scores_as_the_requirement_written_out():
    # the same sentence with 达到1座的 (language.md 6.4) already gave 0, 10, 20: the two agree
    plain = toilets("达到1座的,得10分;每增加一座加5分。")
    assert scored(plain, [{"生态公厕座数": 0}, {"生态公厕座数": 1}, {"生态公厕座数": 3}]) == [D(0), D(10), D(20)]


def test_the_other_each_shapes_read_alike():
    # 有1座 (the 有1个 reading), 建成1座 (a verb, 1, the classifier), 一座得10分 and 每多: 3 座 → 10 + 2 × 5 = 20
    for clause in ("有1座,得10分;每增加一座加5分。", "建成1座,得10分;每增加一座加5分。", "一座得10分,每多一座加5分。"):
        text = toilets(clause)
        assert scored(text, [{"生态公厕座数": 0}, {"生态公厕座数": 1}, {"生态公厕座数": 3}]) == [D(0), D(10), D(20)], clause


def test_a_deduction_then_each_more_counts_from_the_first():
    # 「「缺项数」1项,扣2分;每增加一项扣1分」(30分, from full marks): 0 项 → 30; 1 项 −2 → 28;
    # 3 项: −2, and 2 beyond the first × 1 → 30 − 4 = 26 (not 3 × 2 + 3 × 1 = 9 off, 21)
    text = "一、【缺项】(30分)\n  事实「缺项数」:项数\n  「缺项数」1项,扣2分;每增加一项扣1分。\n"
    assert scored(text, [{"缺项数": 0}, {"缺项数": 1}, {"缺项数": 3}]) == [D(30), D(28), D(26)]
    assert "「缺项数」= 3,符合「1项」(≥ 1);差2项,每1项扣1分(不足一步的部分不计):2 × −1 = −2分" in lines(
        text, {"缺项数": 3})


def test_a_lone_one_is_still_each():
    # 「1座,得10分」 alone (no step after it) stays each one (language.md 6.3): 3 座 → 30
    assert scored(toilets("1座,得10分。"), [{"生态公厕座数": 3}]) == [D(30)]


def test_fmt_keeps_the_words_and_render_words_the_reading():
    # render words every rule from what it means (as for 「1处扣2分」: 每1处); here as it words 达到1座的
    text = toilets("1座,得10分;每增加一座加5分。")
    table = rendered(text)
    assert table == rendered(toilets("达到1座的,得10分;每增加一座加5分。"))
    assert "达到1得10分" in table and "每增加1座加5分" in table
    formatted = format_text(HEADER + text)
    assert "「生态公厕座数」1座,得10分;\n  每增加一座加5分。" in formatted.text  # fmt: a line per sentence part
    again = govrubric.loads(formatted.text, "fmt.rubric")
    assert again.score({"单位": "u", "单位类别": "部门", "生态公厕座数": 3}).scores()["一"] == 20


def test_the_fact_named_again_before_the_step_is_the_same_step():
    # 「1座,得10分;「生态公厕座数」每增加一座加5分」: the name only restated (check/step_start.py): 3 座 → 10 + 2 × 5 = 20,
    # 1 座 → 10, 0 → 0 (SW6: this was GR221)
    text = toilets("1座,得10分;「生态公厕座数」每增加一座加5分。")
    assert scored(text, [{"生态公厕座数": 0}, {"生态公厕座数": 1}, {"生态公厕座数": 3}]) == [D(0), D(10), D(20)]


def test_a_start_the_words_do_not_settle_is_asked():
    # each wording asks (GR221) with both ways to write it, not a guess
    for clause in ("1座,得10分;每少一座扣5分。",  # down from 1: from 1座, or each seat?
                   "1座,得10分。每增加一座加5分。",  # another sentence
                   "1座,得10分;每座加5分。"):  # no side: every seat, or those beyond the first? (SW6: was 3 × 10 + 3 × 5)
        assert [c for c, *_ in codes(toilets(clause))] == ["GR221"], clause
    found = govrubric.loads(HEADER + toilets("1座,得10分;每少一座扣5分。"), "t.rubric").check()
    assert "「达到1座的,…;每少一座…」" in found[0].help and "「每座…」" in found[0].help
    found = govrubric.loads(HEADER + toilets("1座,得10分;每座加5分。"), "t.rubric").check()
    assert "「达到1座的,…;每增加一座…」" in found[0].help and "「每座得…」" in found[0].help


@given(st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=5))
def test_bare_one_and_达到_agree_for_every_count(seats, award, step):
    bare = ok(f"一、【公厕】\n  事实「座数」:座数\n  「座数」1座,得{award}分;每增加一座加{step}分。\n")
    said = ok(f"一、【公厕】\n  事实「座数」:座数\n  「座数」达到1座的,得{award}分;每增加一座加{step}分。\n")
    row = {"单位": "u", "单位类别": "部门", "座数": seats}
    expected = 0 if seats == 0 else award + (seats - 1) * step
    assert bare.score(row).scores()["一"] == said.score(row).scores()["一"] == expected
