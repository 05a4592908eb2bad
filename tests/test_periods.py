"""Issue 15 §2: facts given per event (逐起) or per period (按季度, 按月), clauses judged for each value, requirements of
every period (每季度至少1次) and caps per period (每月最多加1分), language.md 3 and 6.7. Every number is worked out by
hand from the wording (in the comments); scored() also checks that the compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.lint import lint
from govrubric.lint.witness import raw_value
from govrubric.templates import needs
from helpers import codes, ok, rubric
from test_codegen import assert_same
from test_printer import parse
from govrubric.printer import normalise, print_rubric
from test_published_forms import HEAD, lines, scored

# 大田「各职能单位因履职不到位引发森林火灾的,单起受害面积30亩以上的扣10分,扣完为止」
FIRES = """一、【预防森林火灾发生】(40分)
  事实「受害面积」:亩,逐起
  单起「受害面积」30亩以上的扣10分,扣完为止。
"""


def test_each_fire_is_judged_on_its_own_area():
    # three fires of 12, 35 and 30 亩: 35 and 30 are 30亩以上 (以上 includes 30), 12 is not: 40 − 2 × 10 = 20
    result = scored(FIRES, {"受害面积": [12, 35, 30]})
    assert result.scores() == {"一": D(20), "总分": D(20)}
    assert lines(result)[1:] == [
        "逐起计分(共3起):「受害面积」= 12亩、35亩、30亩",
        "第1起:「受害面积」= 12亩,不符合「30亩以上」(≥ 30亩):本条不计分",
        "第2起:「受害面积」= 35亩,符合「30亩以上」(≥ 30亩) → 扣10分(−10)",
        "第3起:「受害面积」= 30亩,符合「30亩以上」(≥ 30亩) → 扣10分(−10)",
        "3起中2起计分,合计 −20分",
    ]
    # no fires (无): 40; five big fires: 50 off, 扣完为止 at 40: 0
    assert scored(FIRES, {"受害面积": "无"}).scores()["一"] == D(40)
    assert scored(FIRES, {"受害面积": "31、32、33、34、35"}).scores()["一"] == D(0)
    # a cell as a spreadsheet gives it, in 亩 and with other separators
    assert scored(FIRES, {"受害面积": "12亩;40亩 8"}).scores()["一"] == D(30)


# 苍南「迟到、早退10分钟之内的每次扣1分」: the condition, then 每次 and the result
LATE = """一、【出勤】(10分)
  事实「迟到早退分钟数」:分钟,逐次
  「迟到早退分钟数」10分钟之内的每次扣1分。
"""


def test_each_late_arrival_within_ten_minutes_counts_once():
    # 5, 12, 10 and 3 minutes: 之内 includes 10; 12 is not within: 10 − 3 × 1 = 7
    result = scored(LATE, {"迟到早退分钟数": [5, 12, 10, 3]})
    assert result.scores()["一"] == D(7)
    assert lines(result)[-1] == "4次中3次计分,合计 −3分"
    assert "第2次:「迟到早退分钟数」= 12分钟,不符合「10分钟之内」(≤ 10分钟):本条不计分" in lines(result)
    assert scored(LATE, {"迟到早退分钟数": []}).scores()["一"] == D(10)


# 文成「乡镇党委主要负责人每季度至少督查1次安全生产工作(4分)」
QUARTERS = """一、【督查】(4分)
  事实「督查次数」:次数,按季度
  「督查次数」每季度至少督查1次(4分)。
"""


def test_a_requirement_of_every_quarter():
    # 1, 2, 3, 1: every quarter at least once: 4. 1, 2, 0, 1 (6 in the year, not 3 points): the third quarter has
    # none, so 0 — counted per occurrence it would have been 4 × … or 6 points
    assert scored(QUARTERS, {"督查次数": "1、2、3、1"}).scores()["一"] == D(4)
    result = scored(QUARTERS, {"督查次数": [1, 2, 0, 3]})
    assert result.scores()["一"] == D(0)
    assert lines(result)[-1] == ("「督查次数」= 1、2、0、3,第三季度不符合「至少督查1次」(≥ 1):本条不计分")
    assert lines(scored(QUARTERS, {"督查次数": [1, 1, 1, 1]}))[-1] == (
        "「督查次数」= 1、1、1、1,每季度都符合「至少督查1次」(≥ 1) → 得4分(+4)")


def test_every_month_of_twelve():
    text = "一、【督查】(4分)\n  事实「督查次数」:次数,按月\n  「督查次数」每月至少1次的,得4分。\n"
    assert scored(text, {"督查次数": [1] * 12}).scores()["一"] == D(4)
    assert scored(text, {"督查次数": [1] * 11 + [0]}).scores()["一"] == D(0)  # December had none


# 拱墅「每月新增1个以上(含)项目的,加0.1分」 and 「每月最多加1分」
MONTHS = """一、【中介网上优选】
  事实「新增项目数」:个数,按月
  「新增项目数」每个加0.5分,每月最多加1分。
二、【每月新增】
  事实「新增项目数2」:个数,按月
  每月「新增项目数2」1个以上(含)的,加0.1分,加满1.2分为止。
"""
YEAR = [3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2]


def test_a_cap_within_each_month():
    # January 3 × 0.5 = 1.5 → 1 (每月最多加1分); March 0.5; December 2 × 0.5 = 1: 1 + 0.5 + 1 = 2.5
    # (the year's 6 projects uncapped would be 3). 二: three months with 1 or more: 3 × 0.1 = 0.3
    result = scored(MONTHS, {"新增项目数": YEAR, "新增项目数2": YEAR})
    assert result.scores() == {"一": D("2.5"), "二": D("0.3"), "总分": D("2.8")}
    assert lines(result)[2:4] == ["1月:「新增项目数」= 3个:每个加0.5分 × 3 = +1.5分", "1月:每月最多加1分:+1.5 → +1"]
    assert lines(result)[-1] == "12个月中3个月计分,合计 +2.5分"
    assert lines(result, "二")[-1] == "12个月中3个月计分,合计 +0.3分"
    # every month: 12 × 0.1 = 1.2, at its 加满1.2分为止
    assert scored(MONTHS, {"新增项目数": [9] * 12, "新增项目数2": [1] * 12}).scores()["二"] == D("1.2")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=12, max_size=12))
def test_a_cap_per_month_holds_for_any_year(year):
    # total ≤ 12 × 1 (the months' cap); each month min(0.5 × n, 1), added; interpreter and compiled scorer alike
    loaded = ok(MONTHS, HEAD)
    row = {"单位": "甲", "新增项目数": year, "新增项目数2": year}
    assert assert_same(loaded, _compiled(), row)
    score = loaded.score(row).scores()["一"]
    assert score == sum(min(D("0.5") * n, D(1)) for n in year) <= 12


@settings(max_examples=60, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=1000, places=1), max_size=8))
def test_each_fire_counts_once_for_any_fires(areas):
    # 40 − 10 × (fires of 30亩 or more), 扣完为止 at 0; interpreter and compiled scorer alike
    loaded = ok(FIRES, HEAD)
    if "fires" not in _SCORERS:
        _SCORERS["fires"] = compile_rubric(loaded)
    row = {"单位": "甲", "受害面积": list(areas)}
    assert assert_same(loaded, _SCORERS["fires"], row)
    assert loaded.score(row).scores()["一"] == max(D(40) - 10 * sum(1 for a in areas if a >= 30), D(0))


_SCORERS: dict = {}


def _compiled():
    if "months" not in _SCORERS:
        _SCORERS["months"] = compile_rubric(ok(MONTHS, HEAD))
    return _SCORERS["months"]


def _problems(text: str, facts: dict) -> list[tuple[str, str]]:
    loaded = ok(text, HEAD)
    scorer = compile_rubric(loaded)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, scorer, row) is False  # the compiled scorer reports the same problems
    with pytest.raises(govrubric.GovrubricError) as raised:
        loaded.score(row)
    return [(d.code, d.message) for d in raised.value.diagnostics]


def test_bad_facts_name_the_unit_the_fact_the_value_and_what_was_expected():
    assert _problems(QUARTERS, {"督查次数": "1、2、0"}) == [(
        "GR403", "单位「甲」的事实「督查次数」的值「1、2、0」不合要求:应为4个数,每季度一个(依次为第一季度至第四季度),"
                 "用「、」隔开;每个数是不小于0的整数;填了3个")]
    assert _problems(FIRES, {"受害面积": "12、三十五亩、-3"})[0][1].endswith("第3个「-3」不合要求")
    assert _problems(FIRES, {"受害面积": ""})[0][0] == "GR411"  # an empty cell: 无 says there were none


def test_misuse_is_refused_with_the_way_to_write_it():
    # a condition on a fact given per event without 单起 or 每起: no one value to compare
    text = "一、【甲】(40分)\n  事实「受害面积」:亩,逐起\n  「受害面积」30亩以上的,扣10分。\n"
    assert [c for c, *_ in codes(text, HEAD)] == ["GR231"]
    # 每月最多加1分 on a fact given per event; 单起 on a fact given per month; 逐起 on a 是否 fact
    assert [c for c, *_ in codes("一、【甲】\n  事实「n」:次数,逐起\n  「n」每次加1分,每月最多加1分。\n", HEAD)] == ["GR231"]
    assert [c for c, *_ in codes("一、【甲】\n  事实「n」:次数,按月\n  单起「n」1次以上的,加1分。\n", HEAD)] == ["GR231"]
    assert [c for c, *_ in codes("一、【甲】\n  事实「n」:是否,逐起\n  「n」的,加1分。\n", HEAD)] == ["GR231"]
    # a 一票否决 on the total, a value over the cohort: no one value either
    assert [c for c, *_ in codes("「n」30亩以上的,按0分确定。\n一、【甲】(40分)\n  事实「n」:亩,逐起\n"
                                 "  事实「平均」:「n」的平均值\n  单起「n」30亩以上的扣10分。\n", HEAD)] == ["GR231", "GR231"]
    # 每季度至少1次 on a fact given once a year (or per month): GR229, with the declaration that says it
    refused = rubric("一、【督查】(4分)\n  事实「督查次数」:次数\n  「督查次数」每季度至少1次的,得4分。\n", HEAD).check()
    assert [d.code for d in refused] == ["GR229"]
    assert "事实「督查次数」:次数,按季度" in refused[0].help
    assert [c for c, *_ in codes("一、【督查】(4分)\n  事实「n」:次数,按月\n  「n」每季度至少1次的,得4分。\n", HEAD)] == ["GR229"]


@pytest.mark.parametrize("words", ["每季度至少1次的,得1分", "每月不少于2次的,得4分", "每季度不少于2次的,得4分"])
def test_a_requirement_per_period_on_a_yearly_count_is_still_refused(words):
    text = f"一、【督查】(4分)\n  事实「督查次数」:次数\n  「督查次数」{words}。\n"
    assert [c for c, *_ in codes(text, HEAD)] == ["GR229"]


def test_counting_per_occurrence_still_reads_as_before():
    # 每季度 without a minimum, and a minimum without a period, are not requirements per period
    ok("一、【甲】(4分)\n  事实「n」:次数\n  「n」每发现1次扣1分。\n", HEAD)
    ok("一、【甲】(4分)\n  事实「达标季度数」:个数\n  「达标季度数」为4个的,得4分,否则不得分。\n", HEAD)


def test_printed_and_parsed_back():
    tree = parse(HEAD + FIRES + LATE.replace("一、", "二、") + QUARTERS.replace("一、", "三、") + MONTHS.replace(
        "一、", "四、").replace("二、", "五、"))
    assert parse(print_rubric(tree)) == normalise(tree)
    printed = print_rubric(tree)
    assert "事实「受害面积」:亩,逐起" in printed and "单起「受害面积」30亩以上扣10分,扣完为止。" in printed
    assert "「新增项目数」每个加0.5分,每月最多加1分。" in printed and "「督查次数」每季度至少督查1次(4分)。" in printed


def test_lint_tries_lists_and_shows_them_as_a_facts_file_holds_them():
    loaded = ok(HEAD + "一、【甲】\n  事实「迟到分钟」:分钟,逐次\n  「迟到分钟」10分钟之内的每次扣1分。\n", "")
    found = {f.diagnostic.code: f for f in lint(loaded)}
    assert "GL203" in found  # every late arrival costs a point: the total has no floor
    fact = loaded.model.facts["迟到分钟"]
    assert raw_value(fact, (D(5), D("2.5"))) == ["5", "2.5"]


def test_templates_say_how_to_fill_a_list_in():
    need = {n.fact.name: n for n in needs(ok(QUARTERS, HEAD).model)}["督查次数"]
    assert need.kind_zh == "次数(按季度)"
    assert need.expected.startswith("4个数,每季度一个")


def test_sql_refuses_at_compile_time():
    from govrubric.sql import Unsupported, compile_query

    with pytest.raises(Unsupported) as refused:
        compile_query(ok(FIRES, HEAD).model)
    assert "逐起给出的事实「受害面积」" in refused.value.what


def test_the_meaning_in_words_says_each_and_every():
    # the fill-in guide and `render` without the source word the rules from their meaning: 单起, 每季度, 每月最多
    from govrubric.render import rule_words, wording_for

    loaded = ok(FIRES + QUARTERS.replace("一、", "二、") + MONTHS.replace("一、", "三、").replace("二、", "四、"), HEAD)
    model = loaded.model
    words = wording_for(model, loaded.tree)
    said = [rule_words(rule, words) for node in model.nodes() for rule in node.rules]
    assert said == ["单起受害面积达到30亩扣10分,扣完40分为止", "督查次数每季度达到1次(4分)",
                    "按新增项目数,每1个加0.5分,每月最多加1分", "每月新增项目数2达到1个加0.1分,加满1.2分为止"]


# 天台「每月报送政务信息不少于2条,每少一条扣0.5分」; 钟楼「每季度稿件录用率低于30%的,扣1分」
GAPS = """一、【政务信息】(6分)
  事实「报送条数」:条数,按月
  「报送条数」每月报送政务信息不少于2条,每少一条扣0.5分,扣完为止。
二、【录用】(4分)
  事实「稿件录用率」:百分比,按季度
  每季度「稿件录用率」低于30%的,扣1分。
"""


def test_the_gap_of_each_month_and_a_condition_of_each_quarter():
    # 一: months 2, 1, 0, 3, then 2 every month: February is 1 short, March 2: (1 + 2) × 0.5 = 1.5, 6 − 1.5 = 4.5
    # (the year's 26 are more than 2 × 12 = 24: counted over the year nothing would be deducted).
    # 二: 35%, 20%, 30%, 10%: the second and fourth quarters are below 30% (30% is not): 4 − 2 = 2
    facts = {"报送条数": [2, 1, 0, 3] + [2] * 8, "稿件录用率": "35%、20%、30%、10"}
    result = scored(GAPS, facts)
    assert result.scores() == {"一": D("4.5"), "二": D(2), "总分": D("6.5")}
    assert "3月:「报送条数」= 0,符合「少于2条」(< 2);差2条,每1条扣0.5分(不足一步的部分不计):2 × −0.5 = −1分" in lines(result)
    assert lines(result, "二")[-1] == "4个季度中2个季度计分,合计 −2分"
    tree = parse(HEAD + GAPS)
    assert parse(print_rubric(tree)) == normalise(tree)
    # on a fact given once a year it is a requirement per period, refused as before
    refused = [c for c, *_ in codes(GAPS.replace("条数,按月", "条数"), HEAD)]
    assert refused == ["GR229"]
