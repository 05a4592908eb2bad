"""「有一项未完成的,扣1分」 (镇江「充分就业辖市(区)」创建和考核标准 29, field trial 5 REPORT 三 #6): 有一项 after a tier on a
count, with the published words of what is counted (未完成) before 的 — each one there is, as 「有一项扣1分」 (language.md 6.3).
Every number is worked out by hand from the published words; scores() checks that the compiled scorer gives the same tree
and lines, and DuckDB the same scores (or refuses by name)."""
from __future__ import annotations

from decimal import Decimal as D

from test_field_trial4_words import kept_by_fmt, lines, rendered, scores

# 29.【培训后失业人员再就业率达70%以上,……辖区内有80%以上城乡劳动者稳定就业。】(4分)
# 「全部完成的,得4分,有一项未完成的,扣1分,扣完为止。」
SAID = """
一、【四项就业指标】(4分)
  事实「未完成项数」:项数
  「未完成项数」为0的,得4分,有一项未完成的,扣1分,扣完为止。
"""
PLAIN = SAID.replace("有一项未完成的,扣1分", "有一项扣1分")


def test_the_words_after_the_count_say_what_is_counted_and_change_nothing():
    # by hand: none undone 4; two undone 4 − 2 = 2 (read as the next tier 「= 1」, 0); all four undone 4 − 4 = 0;
    # one undone 3
    rows = [{"未完成项数": n} for n in (0, 2, 4, 1)]
    got = [g["一"] for g in scores(SAID, *rows)]
    assert got == [D(4), D(2), D(0), D(3)]
    assert [g["一"] for g in scores(PLAIN, *rows)] == got
    assert "「未完成项数」= 2项:有一项未完成的,扣1分 × 2 = −2分" in lines(SAID, rows[1])
    kept_by_fmt(SAID, "「未完成项数」为0的,得4分,有一项未完成的,扣1分,扣完为止。")
    assert "有一项未完成的,扣1分,扣完为止" in rendered(SAID)
