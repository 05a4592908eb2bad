"""Field trial 5, SW5-3 (/work/wt/SW5.md; repro tests/field_trial5/repro/sw3… on the trial5 branch): 「有一项扣1分」 after
a tier on the same count is each one there is (language.md 6.3), not the next tier (= 1). Numbers are worked out by
hand from the published words; score() checks the compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from sql_helpers import decimal_outcome, duckdb_outcome
from test_field_trial4_counts import codes, lines, score
from test_reading_kinds import load

# 镇江市“充分就业辖市(区)”创建和考核标准(试行),29(4分):「全部完成的,得4分,有一项未完成的,扣1分,扣完为止。」
SW3 = """
一、【就业率】(4分)
  事实「未完成项数」:项数
  「未完成项数」为0的,得4分,有一项扣1分,扣完为止。
"""


def test_there_is_one_after_a_tier_is_each_one():
    # by hand: 0 → 4; 1 → 4 − 1 = 3 (was 0: 「有一项」 read as = 1 and 扣完为止 from 0); 2 → 2 (was 0: no tier);
    # 5 → 4 − 5, 扣完为止 → 0
    assert [score(SW3, {"未完成项数": n}) for n in (0, 1, 2, 5)] == [D(4), D(3), D(2), D(0)]
    said = lines(SW3, {"未完成项数": 2})
    assert "「未完成项数」= 2项:有一项扣1分 × 2 = −2分" in said
    assert any("从满分扣减,基础分4分" in line for line in said)


def test_sql_scores_it_alike():
    rows = [{"单位": str(n), "未完成项数": n} for n in (0, 1, 2, 5)]
    rubric = load(SW3)
    assert duckdb_outcome(rubric, rows) == decimal_outcome(rubric, rows)
    assert {u: s["总分"] for u, (s, _) in decimal_outcome(rubric, rows)[1].items()} == {"0": 4, "1": 3, "2": 2, "5": 0}


def test_there_is_one_with_de_stays_the_next_tier():
    # 「有一项的,扣1分」 (with 的) is a comparison, as on its own (language.md 6.3): the next tier (= 1), and 2 items
    # fall in no tier (lint's GL301 says so): 0
    text = SW3.replace("有一项扣1分", "有一项的,扣1分")
    assert score(text, {"未完成项数": 2}) == D(0)


def test_there_are_three_after_a_tier_is_asked():
    assert "GR221" in codes(SW3.replace("有一项扣1分", "有三项扣1分"))  # each 3, or once 3? (as 发现3次扣1分)


@settings(max_examples=25, deadline=None)
@given(points=st.integers(1, 10), each=st.integers(1, 4), n=st.integers(0, 12))
def test_each_one_after_a_tier_from_the_points(points, each, n):
    """「「X」为0的,得P分,有一项扣M/2分,扣完为止」 (P the item's points) scores max(0, P − n × M/2)."""
    text = f"""
一、【就业率】({points}分)
  事实「未完成项数」:项数
  「未完成项数」为0的,得{points}分,有一项扣{D(each) / 2}分,扣完为止。
"""
    assert load(text).score({"单位": "甲", "未完成项数": n}).scores()["一"] == max(D(0), points - n * D(each) / 2)
