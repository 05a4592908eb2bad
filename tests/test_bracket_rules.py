"""Rules written inside a points bracket, and 并 before the next requirement (field trial 5, REPORT 三 #5 and #14):
「(4',少一项扣 1 分)」 and 「(4',任务分解不明确,职责不清晰的,酌情扣分)」 (浙江省基层防汛体系建设考核实施办法),
「(扣12分,其中每少报1个月报表扣1分)」 (招商引资绩效管理项目评分标准表), 「制定……计划(4'),并上报省、市防指(2')」 (浙江防汛).
Every number is worked out by hand from the published words quoted above the case; scores() checks the compiled scorer
gives the same tree and lines and DuckDB the same scores (or refuses by name)."""
from __future__ import annotations

from decimal import Decimal as D

from test_field_trial4_words import kept_by_fmt, lines, rendered, scores
from test_field_trial5_forms import load_problems


def item(text: str, *rows: dict, refused: bool = False, path: str = "一") -> list[D]:
    return [got[path] for got in scores(text, *rows, refused=refused)]


# ---------------------------------------------------------------- (4',少一项扣 1 分)
# 浙江防汛 决策支持(6分):「配备远程会商系统(2'),配备实时水雨情、卫星云图、远程监视、洪水调度、相关数据库等决策支持系统
# (4',少一项扣 1 分)。」
SHORT = """
一、【决策支持】(6分)
  事实「配备远程会商系统」:是否
  事实「决策支持系统缺少项数」:项数
  「配备远程会商系统」(2');「决策支持系统缺少项数」为0(4',少一项扣 1 分)。
"""
AFTER = SHORT.replace("(4',少一项扣 1 分)", "(4'),少一项扣 1 分")


def test_a_per_count_rule_in_the_points_bracket_goes_on_from_those_points():
    # by hand: all five systems and 会商 2 + 4 = 6; two short 2 + (4 − 2) = 4; five short 2 + (4 − 5 → this sentence's
    # 4 are gone, 0) = 2 (read from the item, 6 − 5 = 1); no 会商, one short 0 + 3 = 3
    rows = [{"配备远程会商系统": True, "决策支持系统缺少项数": 0}, {"配备远程会商系统": True, "决策支持系统缺少项数": 2},
            {"配备远程会商系统": True, "决策支持系统缺少项数": 5}, {"配备远程会商系统": False, "决策支持系统缺少项数": 1}]
    assert item(SHORT, *rows, refused=True) == [D(6), D(4), D(2), D(3)]
    assert item(AFTER, *rows, refused=True) == [D(6), D(4), D(2), D(3)]  # the same as written after the bracket
    assert lines(SHORT, rows[1]) == lines(AFTER, rows[1])
    assert "「决策支持系统缺少项数」= 2项:少一项扣 1 分 × 2 = −2分" in lines(SHORT, rows[1])
    kept_by_fmt(SHORT, "「决策支持系统缺少项数」为0(4',少一项扣 1 分)。")
    assert "决策支持系统缺少项数为0(4',少一项扣 1 分)。" in rendered(SHORT)


# 浙江防汛 任务分解(4分):「将基层防汛防台体系建设任务进行分解,明确各有关成员单位职责和建设任务(4',任务分解不明确,职责不清晰的,
# 酌情扣分)。」
DISCRETION = """
一、【任务分解】(4分)
  事实「分解任务明确职责」:是否
  事实「任务分解不明确,职责不清晰」:视情
  「分解任务明确职责」(4',「任务分解不明确,职责不清晰」的,酌情扣分)。
"""


def test_a_condition_and_its_result_in_the_points_bracket():
    # by hand: done, nothing unclear 4; done, the assessors take 1.5 → 2.5; not done (and 4 taken) → 0
    rows = [{"分解任务明确职责": True, "任务分解不明确,职责不清晰": 0},
            {"分解任务明确职责": True, "任务分解不明确,职责不清晰": D("1.5")},
            {"分解任务明确职责": False, "任务分解不明确,职责不清晰": 4}]
    assert item(DISCRETION, *rows) == [D(4), D("2.5"), D(0)]
    kept_by_fmt(DISCRETION, "「分解任务明确职责」(4',「任务分解不明确,职责不清晰」的,酌情扣分)。")
    assert "分解任务明确职责(4',任务分解不明确,职责不清晰的,酌情扣分)。" in rendered(DISCRETION)


# ---------------------------------------------------------------- (扣12分,其中每少报1个月报表扣1分)
# 招商引资:「每月未按时按质上报招商引资项目基本情况统计表(扣12分,其中每少报1个月报表扣1分)。」
MOST = """
一、【统计表】(20分)
  事实「未按时按质上报统计表月数」:月数
  「未按时按质上报统计表月数」(扣12分,其中每少报1个月报表扣1分)。
二、【统计表】(20分)
  事实「未报季度数」:个数
  「未报季度数」(扣5分,其中每少报1个季度扣2分)。
"""


def test_a_deduction_then_how_it_is_counted_is_the_most_it_deducts():
    # by hand: 一 3 months 20 − 3 = 17, 12 months 20 − 12 = 8; 二 (the 5 reached before the count ends) 2 quarters
    # 20 − 4 = 16, 3 quarters 6 → the most is 5: 15 (read as 扣5分 once and 2 more each, 20 − 5 − 6 = 9)
    got = scores(MOST, {"未按时按质上报统计表月数": 3, "未报季度数": 2}, {"未按时按质上报统计表月数": 12, "未报季度数": 3})
    assert [(g["一"], g["二"]) for g in got] == [(D(17), D(16)), (D(8), D(15))]
    written = MOST.replace("(扣12分,其中每少报1个月报表扣1分)", "每少报1个月报表扣1分,最多扣12分")
    assert lines(MOST, {"未按时按质上报统计表月数": 3, "未报季度数": 3}, "二") == \
        lines(written, {"未按时按质上报统计表月数": 3, "未报季度数": 3}, "二")
    kept_by_fmt(MOST, "「未按时按质上报统计表月数」(扣12分,其中每少报1个月报表扣1分)。")
    assert "未按时按质上报统计表月数(扣12分,其中每少报1个月报表扣1分)。" in rendered(MOST)


def test_what_the_brackets_cannot_hold_is_said_in_the_writers_words():
    # a limit after the points is no rule of its own: written after the bracket
    found = load_problems("""
一、【决策支持】(6分)
  事实「决策支持系统缺少项数」:项数
  「决策支持系统缺少项数」为0(4',扣完为止)。
""")
    assert [(code, detail) for code, detail, _ in found] == [("GR101", "「(4',扣完为止)」:分值的括号里,分值之后的规则读不懂")]
    assert "「(4'),扣完为止」" in found[0][2]
    found = load_problems("""
一、【统计表】(12分)
  事实「未报月数」:月数
  「未报月数」(得12分,其中每少报1个月报表扣1分)。
""")
    assert found[0][:2] == ("GR101", "「得12分」:括号里「其中」之前写这一条最多扣的分")


# ---------------------------------------------------------------- 并 before the next requirement
# 浙江防汛 实施计划(6分):「制定基层防汛防台体系建设具体实施计划(4'),并上报省、市防指(2')。」
ALSO = """
一、【实施计划】(6分)
  事实「制定具体实施计划」:是否
  事实「上报省市防指」:是否
  「制定具体实施计划」(4'),并「上报省市防指」(2')。
"""


def test_bing_joins_the_next_requirement_and_changes_nothing():
    # by hand: both 6; the plan only 4; reported only 2 (并 is no condition on the plan); neither 0
    rows = [{"制定具体实施计划": a, "上报省市防指": b} for a, b in ((True, True), (True, False), (False, True), (False, False))]
    assert item(ALSO, *rows) == [D(6), D(4), D(2), D(0)]
    assert lines(ALSO, rows[2]) == lines(ALSO.replace(",并「", ",「"), rows[2])
    kept_by_fmt(ALSO, "「制定具体实施计划」(4'),并「上报省市防指」(2')。")
    assert "制定具体实施计划(4'),\n并上报省市防指(2')。" in rendered(ALSO)  # a line for each requirement
