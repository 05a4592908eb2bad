"""Units of measure (govrubric/units.py, language.md §3 and §5): what the grammar reads is what units.py knows."""
from __future__ import annotations

import re
from pathlib import Path

from govrubric.units import COUNT_CLASSIFIERS, MULTIPLIERS, UNITS

GRAMMAR = (Path(__file__).resolve().parent.parent / "grammar" / "rubric.lark").read_text(encoding="utf-8")


def _rule_words(rule: str) -> set[str]:
    body = re.search(rf"^!?{rule}:(.*?)(?=^\S)", GRAMMAR, re.S | re.M).group(1)
    return set(re.findall(r'"([^"]+)"', re.sub(r"//[^\n]*", "", body)))


def _guarded_classifiers() -> set[str]:
    """CLASSIFIER_IN_WORDS: 种(?![类植子养])|组(?!…)…, the classifiers that also begin ordinary words."""
    pattern = re.search(r"^CLASSIFIER_IN_WORDS: /(.*)/$", GRAMMAR, re.M).group(1)
    return set(re.findall(r"([\u4e00-\u9fff]+)\(\?!", pattern))


def test_every_measure_the_grammar_reads_is_a_known_unit():
    measures = _rule_words("measure") | _guarded_classifiers()
    time_words = {"天", "日", "个月", "月", "个工作日", "工作日"}  # days and months facts, not units.py's
    assert measures - time_words == set(UNITS)
    assert COUNT_CLASSIFIERS <= measures
    assert set(MULTIPLIERS) <= _rule_words("unit")


# ---------------------------------------------------------------- scoring with units (goldens worked by hand)
from decimal import Decimal as D  # noqa: E402

import pytest  # noqa: E402

from helpers import codes, item, ok  # noqa: E402


def test_area_in_square_metres_written_either_way():
    # 「建筑面积不低于1200平方米的,得2分」: 1200 meets it, 1199.5 does not; 平米 is the same unit
    text = """一、【基地】(2分)
  事实「建筑面积」:平方米
  「建筑面积」不低于1200平米的,得2分。
"""
    assert item(text, {"建筑面积": "1200"}) == 2
    assert item(text, {"建筑面积": "1200平方米"}) == 2  # the unit may be written in the facts too
    assert item(text, {"建筑面积": "1199.5平米"}) == 0


def test_money_converts_between_yuan_and_wan_yuan():
    # 定远 食品安全 (1.2): 「10万元以上(含10万)得5分,5—10万(含5万)得2.5分,3—5万(含3万)得1.25分,少于3万不得分」,
    # here with the fact in 元: 100000元 → 5; 50000元 → 2.5 (5万 ≤ x < 10万); 29999元 → 0
    text = """一、【经费投入】(5分)
  事实「投入经费」:元
  「投入经费」10万元(含)以上得5分,5万(含)—10万(不含)得2.5分,3万(含)—5万(不含)得1.25分,少于3万不得分。
"""
    assert item(text, {"投入经费": 100000}) == 5
    assert item(text, {"投入经费": 50000}) == D("2.5")
    assert item(text, {"投入经费": 30000}) == D("1.25")
    assert item(text, {"投入经费": 29999}) == 0


def test_a_fact_in_wan_yuan_compared_with_yuan():
    # the fact in 万元; 「低于5000元」 is < 0.5万元: 0.4 deducts 1, 0.5 does not
    text = """一、【经费】(3分)
  事实「经费」:数量(万元)
  「经费」低于5000元的,扣1分。
"""
    assert item(text, {"经费": "0.4"}) == 2
    assert item(text, {"经费": "0.5"}) == 3


def test_the_low_end_of_a_range_takes_the_high_ends_unit():
    # 宣城 (2) 「大于5万亩,小于10万亩」 as a range 5—10万亩 on a fact in 亩: 60000亩 is inside, 40000亩 is not
    text = """一、【耕地】(2分)
  事实「可调整地类面积」:亩
  「可调整地类面积」5—10万亩的,得1.6分。
"""
    assert item(text, {"可调整地类面积": 60000}) == D("1.6")
    assert item(text, {"可调整地类面积": 40000}) == 0


def test_minutes_and_hours():
    # 「30分钟内队伍集结到位」 with the time in 小时: 0.5 小时 is 30 分钟 (内 includes it), 0.6 is not
    text = """一、【集结】(2分)
  事实「集结用时」:小时
  「集结用时」30分钟内的,得2分。
"""
    assert item(text, {"集结用时": "0.5"}) == 2
    assert item(text, {"集结用时": "0.6"}) == 0


def test_a_step_in_another_unit_of_the_same_kind():
    # 「超过5亿立方米的,每超过1000万立方米扣1分」, fact in 亿立方米: 5.25 is 0.25 over = 2 whole steps of 0.1 → −2
    text = """一、【取水】(5分)
  事实「取水量」:亿立方米
  「取水量」超过5亿立方米的,每超过1000万立方米扣1分。
"""
    assert item(text, {"取水量": "5.25"}) == 3
    assert item(text, {"取水量": "5"}) == 5


def test_per_amount_of_money():
    # 「每1万元扣0.5分」 on a fact in 元: 25000元 is 2 whole 万元 → −1
    text = """一、【罚没】(3分)
  事实「罚没金额」:元
  「罚没金额」每1万元扣0.5分,扣完为止。
"""
    assert item(text, {"罚没金额": 25000}) == 2


def test_people_are_counted_with_ming_and_ren():
    # 「每少1名扣1分」 was GR302 (名 was only for ranks); 「人数」 counted in 人 or 名 alike
    text = """一、【培训】(3分)
  事实「缺训人数」:人
  「缺训人数」每少1名扣1分。
  事实「参训人数」:名
  「参训人数」不少于20人的,不扣分。
"""
    assert item(text, {"缺训人数": 2, "参训人数": 25}) == 1
    assert codes(text) == []


def test_fractions_as_numbers_in_both_widths():
    # 1/200 = 0.005; 1：100 (full-width colon) = 0.01; 万分之一 of a percentage = 0.01%
    text = """一、【比例】(6分)
  事实「师生比」:比值
  「师生比」达到1／200的,得1分。
  「师生比」达到1:100,得2分。
  事实「重错码率」:百分比
  「重错码率」低于万分之一的,得3分。
"""
    assert item(text, {"师生比": "0.005", "重错码率": "0.01%"}) == 1
    assert item(text, {"师生比": "0.01", "重错码率": "0.009%"}) == 6


def test_a_rate_of_two_counts_meets_a_threshold_that_does_not_divide_exactly():
    # 「其它镇镇区按1座/3000人建设」: 1 座 for 3000 人 meets it exactly (28 digits of 1/3000 would not);
    # 2 座 for 6001 人 does not
    text = """一、【公厕】(10分)
  事实「公厕座数」:座数
  事实「镇区人口」:人
  「公厕座数」/「镇区人口」达到1座/3000人的,得10分。
"""
    assert item(text, {"公厕座数": 1, "镇区人口": 3000}) == 10
    assert item(text, {"公厕座数": 2, "镇区人口": 6000}) == 10
    assert item(text, {"公厕座数": 2, "镇区人口": 6001}) == 0


def test_tiers_with_thresholds_that_are_no_finite_decimal_leave_no_written_gap():
    # 档间空隙 looks for two tiers one unit of their last written place apart (92% and 93%); 1/3 has no last place,
    # so a ladder on 1/200 and 1/3 is checked without that question (it was a traceback): 2座 for 6人 is 1/3 → 1
    text = """档间空隙:不属于任何一档(理由:「测试」)
一、【公厕】(1分)
  事实「座数」:座数
  事实「人口」:人
  「座数」/「人口」≥1/3得1分,1/200的,不得分。
"""
    assert item(text, {"座数": 2, "人口": 6}) == 1
    assert item(text, {"座数": 1, "人口": 200}) == 0


@pytest.mark.parametrize("clause, code, words", [
    ("「建筑面积」不低于12万元的,得1分。", "GR302", ["建筑面积", "平方米", "12万元"]),
    ("「建筑面积」不低于5亩的,得1分。", "GR302", ["建筑面积", "平方米", "5亩"]),
    ("「用时」不超过10分钟的,得1分。", "GR308", ["用时", "小时", "10分钟"]),
    ("「建筑面积」达到1/200的,得1分。", "GR302", ["1/200", "计量值"]),
    ("「建筑面积」超过1200平方米的,每超过1吨扣1分。", "GR302", ["建筑面积", "平方米", "吨"]),
])
def test_a_unit_that_does_not_fit_names_the_fact_and_both_units(clause, code, words):
    loaded = __import__("helpers").rubric(f"""一、【甲】(2分)
  事实「建筑面积」:平方米
  事实「用时」:小时
  {clause}
""")
    found = loaded.check()
    assert [d.code for d in found] == [code]
    assert all(w in found[0].message for w in words), found[0].message


def test_a_count_word_with_a_unit_of_measure_is_refused():
    assert [c[0] for c in codes("一、【甲】(2分)\n  事实「经费」:次数(万元)\n")] == ["GR302"]


def test_units_round_trip_through_fmt():
    from govrubric.fmt import format_text

    source = """细则「测试」
一、【甲】(2分)
  事实「面积」:平米
  事实「费用」:数量(万元)
  「面积」不低于1200平米的,得1分。
  「费用」5—10万的,得1分。
  事实「比」:比值
  「比」达到1：100的,得1分;达到万分之三的,得1分;达到1/200的,得1分。
  事实「座数」:座数
  「座数」/「费用」达到1座/2500万元的,得1分。
"""
    formatted = format_text(source)
    assert formatted.problems == () and formatted.text is not None
    for written in ("1200平米", "5—10万", "1:100", "万分之三", "1/200", "1座/2500万元", "事实「面积」:平米"):
        assert written in formatted.text
    assert format_text(formatted.text).text == formatted.text
