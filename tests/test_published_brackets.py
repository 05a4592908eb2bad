"""Brackets as published rubrics write them (field trial 7, REPORT.md 三 #2, #6): a data source holding a bracket of its
own, 科普「记4分(以文件上报县全民科学素质办(科协)为准)」 (×3). Goldens by hand from the published words; every score is
checked against the compiled scorer, line for line."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from helpers import item_score, round_trips
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
    loaded, printed = round_trips(HEAD + NESTED, "记4分(以文件上报县全民科学素质办(科协)为准);")
    assert "(以文件上报县全民科学素质办(科协)为准)" in printed
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


# ---------------------------------------------------------------- rules in brackets (REPORT.md 三 #2)
NEGATED = """一、【推广】(2分)
  事实「积极推广使用」:是否
  「积极推广使用」记2分(不使用不得分);
二、【投稿】(2分)
  事实「稿件件数」:件数
  「稿件件数」1件以上记2分(不投稿不得分);
"""
PER = """一、【应急处置】(10分)
  事实「应急处置不力例数」:例数
  「应急处置不力例数」,(每例扣2分)。
"""


def test_a_negated_tier_in_brackets_is_otherwise():
    # 科普 5, 6: 推广使用 2, 不使用 0; 1 件以上 2, 0 件 0 — as 「,不使用不得分」
    for facts, expected in (({"积极推广使用": "是", "稿件件数": 1}, ("2", "2")),
                            ({"积极推广使用": "否", "稿件件数": 0}, ("0", "0"))):
        assert item_score(NEGATED, facts, HEAD, "一") == D(expected[0])
        assert item_score(NEGATED, facts, HEAD, "二") == D(expected[1])
    loaded = govrubric.loads(HEAD + NEGATED, "t.rubric")
    comma = govrubric.loads(HEAD + NEGATED.replace("(不使用不得分)", ",不使用不得分")
                            .replace("(不投稿不得分)", ",不投稿不得分"), "t.rubric")
    row = {"单位": "甲", "积极推广使用": "否", "稿件件数": 0}
    lines = [line.text for line in loaded.score(row).roots[0].lines]
    assert lines == [line.text for line in comma.score(row).roots[0].lines]  # the same as with a comma
    assert lines[-1] == "其余情形(「不使用」:前面的条件都不成立) → 不得分"


def test_a_per_count_rule_in_brackets_after_the_fact():
    # 秸秆禁烧 (四): 2 例 → 10 − 4 = 6; 0 例 → 10; 6 例 → 10 − 12, to 0
    for cases, expected in ((2, "6"), (0, "10"), (6, "0")):
        assert item_score(PER, {"应急处置不力例数": cases}, HEAD) == D(expected)
    plain = govrubric.loads(HEAD + PER.replace(",(每例扣2分)", "每例扣2分"), "t.rubric")
    row = {"单位": "甲", "应急处置不力例数": 2}
    lines = [line.text for line in govrubric.loads(HEAD + PER, "t.rubric").score(row).roots[0].lines]
    assert lines == [line.text for line in plain.score(row).roots[0].lines]
    assert lines[-1] == "「应急处置不力例数」= 2例:每例扣2分 × 2 = −4分"


def test_rules_in_brackets_print_format_and_render_as_published():
    for text, said in ((NEGATED, ("记2分(不使用不得分)", "1件以上记2分(不投稿不得分)")), (PER, (",(每例扣2分)",))):
        round_trips(HEAD + text, *said)
    loaded = govrubric.loads(HEAD + NEGATED, "t.rubric")
    assert "记2分(不使用不得分)" in print_rubric(loaded.tree)
    table = render_bytes("t.md", loaded.model, loaded.tree, None).decode("utf-8")  # worded from what is scored
    assert "得2分(不使用不得分)" in table and "得2分(不投稿不得分)" in table


def test_rules_in_brackets_score_alike_in_sql():
    import pytest
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    loaded = govrubric.loads(HEAD + NEGATED, "t.rubric")
    rows = [{"单位": "a", "积极推广使用": "是", "稿件件数": 3}, {"单位": "b", "积极推广使用": "否", "稿件件数": 0}]
    assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)


# ---------------------------------------------------------------- an exemption after a rule on the total (REPORT.md 三 #13)
CONSCRIPTION = """满分 2分
事实「空白村」:是否
事实「双合格人员留后备」:是否
「空白村」的,按0分确定(「双合格人员留后备」不扣分)。

一、【根基工作考核】(2分)
  事实「根基工作考核得分」:分值
  按「根基工作考核得分」计分。
"""


def _total(text: str, row: dict) -> D:
    from test_codegen import assert_same
    from govrubric.codegen import compile_rubric
    loaded = govrubric.loads(HEAD + text, "t.rubric")
    assert loaded.check() == []
    row = {"单位": "甲村", **row}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()["总分"]


def test_an_exemption_after_a_rule_on_the_facts_lifts_it():
    # 征兵 7: 空白村 without 双合格人员留后备 → 0; with it the items' sum stands (1.5); not 空白村 → 1.5
    assert _total(CONSCRIPTION, {"空白村": "是", "双合格人员留后备": "否", "根基工作考核得分": "1.5"}) == 0
    assert _total(CONSCRIPTION, {"空白村": "是", "双合格人员留后备": "是", "根基工作考核得分": "1.5"}) == D("1.5")
    assert _total(CONSCRIPTION, {"空白村": "否", "双合格人员留后备": "否", "根基工作考核得分": "1.5"}) == D("1.5")
    written = CONSCRIPTION.replace("(「双合格人员留后备」不扣分)", "(「双合格人员留后备」的除外)")
    assert _total(written, {"空白村": "是", "双合格人员留后备": "是", "根基工作考核得分": "1"}) == 1
    loaded = govrubric.loads(HEAD + CONSCRIPTION, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲村", "空白村": "是", "双合格人员留后备": "否",
                                                 "根基工作考核得分": "1.5"}).total_lines]
    assert ("「空白村」的,按0分确定(「空白村」= 是,「空白村」成立 且 「双合格人员留后备」= 否,"
            "“未「双合格人员留后备」”成立):1.5 → 0") in lines


def test_an_exemption_on_a_rule_on_the_total_or_on_a_comparison_is_refused():
    on_total = "总分:「考核得分」= 各项得分之和\n「考核得分」超过2分的,按2分确定(「空白村」不扣分)。\n" + CONSCRIPTION.split("\n", 4)[4]
    found = govrubric.loads(HEAD + "事实「空白村」:是否\n" + on_total, "t.rubric").check()
    assert [d.code for d in found] == ["GR301"] and "写进条件" in found[0].help
    compared = CONSCRIPTION.replace("事实「双合格人员留后备」:是否", "事实「留后备人数」:人数").replace(
        "(「双合格人员留后备」不扣分)", "(「留后备人数」达到1人的除外)")
    found = govrubric.loads(HEAD + compared, "t.rubric").check()
    assert [d.code for d in found] == ["GR301"] and "是否事实" in found[0].message


def test_the_exemption_prints_formats_and_scores_alike_in_sql():
    import pytest
    loaded = govrubric.loads(HEAD + CONSCRIPTION, "t.rubric")
    printed = print_rubric(loaded.tree)
    assert "(「双合格人员留后备」的,不扣分)" in printed  # the canonical wording
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(loaded.tree)
    formatted = format_text(HEAD + CONSCRIPTION)
    assert formatted.problems == () and "「空白村」的,按0分确定(「双合格人员留后备」不扣分)。" in formatted.text
    pytest.importorskip("duckdb")
    from sql_helpers import decimal_outcome, duckdb_outcome
    rows = [{"单位": u, "空白村": a, "双合格人员留后备": b, "根基工作考核得分": "1.5"}
            for u, a, b in (("a", "是", "否"), ("b", "是", "是"), ("c", "否", "否"))]
    assert duckdb_outcome(loaded, rows) == decimal_outcome(loaded, rows)


# ---------------------------------------------------------------- a cap on a fact in a formula (REPORT.md 三 #2)
CAPPED = """一、【开展监测活动】(2分)
  事实「建设完善三网一员」:是否
  事实「正常开展宏观观测点数量」:个数
  「建设完善三网一员」(1分);
  得分=「正常开展宏观观测点数量」(超过5个以5个计算)÷5×1
"""


def test_a_fact_over_its_cap_counts_as_the_cap():
    # 防震减灾: 三网一员 1 + min(点数, 5) ÷ 5 × 1 — 7 个点 1 + 1 = 2; 3 个点 1 + 0.6; 没有三网一员、7 个点 0 + 1 (not 1.4)
    for facts, expected in ((("是", 7), "2"), (("是", 3), "1.6"), (("否", 7), "1"), (("否", 5), "1"), (("否", 0), "0")):
        row = {"建设完善三网一员": facts[0], "正常开展宏观观测点数量": facts[1]}
        assert item_score(CAPPED, row, HEAD) == D(expected)
    loaded = govrubric.loads(HEAD + CAPPED, "t.rubric")
    lines = [line.text for line in loaded.score({"单位": "甲", "建设完善三网一员": "否",
                                                 "正常开展宏观观测点数量": 7}).roots[0].lines]
    assert any("「正常开展宏观观测点数量」(超过5个以5个计算)÷5×1 = 1(「正常开展宏观观测点数量」= 7)" in x for x in lines)


def test_a_cap_prints_formats_renders_and_is_refused_in_sql():
    import pytest
    loaded, printed = round_trips(HEAD + CAPPED, "(超过5个以5个计算)÷5×1")
    assert "「正常开展宏观观测点数量」(超过5个以5个计算)÷5×1" in printed
    table = render_bytes("t.md", loaded.model, loaded.tree, None).decode("utf-8")
    assert "(超过5个以5个计算)" in table
    from govrubric.sql import Unsupported, compile_query
    with pytest.raises(Unsupported) as refused:
        compile_query(loaded.model, line_of=loaded.line_of)
    assert "按上限计的事实" in str(refused.value)


def test_a_cap_with_two_numbers_or_on_a_percentage_is_refused():
    two = CAPPED.replace("(超过5个以5个计算)", "(超过5个以6个计算)")
    found = govrubric.loads(HEAD + two, "t.rubric").check()
    assert [d.code for d in found] == ["GR101"] and "两个数不同" in found[0].message
    share = CAPPED.replace("事实「正常开展宏观观测点数量」:个数", "事实「正常开展宏观观测点数量」:百分比")
    found = govrubric.loads(HEAD + share, "t.rubric").check()
    assert [d.code for d in found] == ["GR301"]
