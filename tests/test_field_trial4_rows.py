"""Field trial 4, a row's / a sentence's own points (tests/field_trial4/repro, /work/wt/SW4.md SW4-2, SW4-3, SW4-6):
published tables where each row states its points in its text. Numbers are worked out by hand from the published
words quoted above each case; score() checks the compiled scorer gives the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

from test_field_trial3_starts import decisions, lines, score
from test_reading_kinds import hinted

# ---------------------------------------------------------------- SW4-2: the two sides of a line that is a fact
# 绍兴林业 2010:「完成省、市兴林富民示范镇、村建设任务的得3分,每少完成1个扣1分,扣完为止」(3 分项)
SW2 = """
一、【兴林富民示范工程】(3分)
  事实「完成示范镇村个数」:个数
  事实「示范镇村任务个数」:个数
  「完成示范镇村个数」达到「示范镇村任务个数」的得3分。「完成示范镇村个数」低于「示范镇村任务个数」的,每少完成1个扣1分,扣完为止。
"""


def test_two_sides_of_a_fact_threshold_start_from_the_points():
    # by hand: 任务 5, 完成 5 → 3; 完成 4 → 3 − 1 = 2; 完成 3 → 3 − 2 = 1; 完成 0 → 3 − 5, 扣完为止 → 0
    assert score(SW2, {"完成示范镇村个数": 5, "示范镇村任务个数": 5}) == D(3)
    assert score(SW2, {"完成示范镇村个数": 4, "示范镇村任务个数": 5}) == D(2)
    assert score(SW2, {"完成示范镇村个数": 3, "示范镇村任务个数": 5}) == D(1)
    assert score(SW2, {"完成示范镇村个数": 0, "示范镇村任务个数": 5}) == D(0)
    assert any("从满分扣减,基础分3分" in line for line in lines(SW2, {"完成示范镇村个数": 4, "示范镇村任务个数": 5}))


def test_two_sides_of_a_fact_threshold_as_of_a_number():
    # the same line written as a number (language.md 8) scores alike: 80% → 3 − 2 = 1
    text = """
一、【兴林富民示范工程】(3分)
  事实「完成率」:百分比
  「完成率」达到100%的得3分。「完成率」低于100%的,每少10个百分点扣1分,扣完为止。
"""
    assert score(text, {"完成率": "80%"}) == D(1)


def test_a_fact_threshold_on_another_subject_is_no_second_side():
    # 「完成数」达到「任务数」 beside a step on 「考核数」 short of 「任务数」: another quantity, the award is earned on
    # top (from 0): 完成 2 of 任务 3, 考核 1 short → 0 − 1 → 0
    text = """
一、【示范】(3分)
  事实「完成数」:个数
  事实「考核数」:个数
  事实「任务数」:个数
  「完成数」达到「任务数」的得3分。「考核数」低于「任务数」的,每少1个扣1分,扣完为止。
"""
    assert score(text, {"完成数": 2, "考核数": 2, "任务数": 3}) == D(0)
    assert score(text, {"完成数": 3, "考核数": 2, "任务数": 3}) == D(2)
