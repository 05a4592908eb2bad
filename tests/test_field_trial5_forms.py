"""Field trial 5, what the published rubrics wrote and the language could not (tests/field_trial5/REPORT.md 三, rows 1, 3,
5, 7, 9, 10): 反之, 「甲」、「乙」 and 未「甲」、「乙」, 各得 and 每完成一项得, the points written 2', deductions in brackets
after a sentence, 加扣 and 再扣. Every number is worked out by hand from the published words quoted above the case, and
chosen so that the wrong reading gives another; scores() checks the compiled scorer gives the same tree and lines and
DuckDB the same scores (or refuses by name)."""
from __future__ import annotations

from decimal import Decimal as D

from test_field_trial4_words import kept_by_fmt, lines, load, rendered, scores
from test_reading_kinds import hinted
from helpers import codes


def item(text: str, *rows: dict, refused: bool = False, path: str = "一") -> list[D]:
    return [got[path] for got in scores(text, *rows, refused=refused)]


# ---------------------------------------------------------------- 反之 (row 3)
# 镇江「充分就业」21:「成立的,得1分,反之,不得分」; 22:「落实的,得1分,建立的,得2分,反之不得分」
OTHERWISE = """
一、【领导小组】(1分)
  事实「成立」:是否
  「成立」的,得1分,反之,不得分。
二、【扶持政策】(3分)
  事实「落实」:是否
  事实「建立」:是否
  「落实」的,得1分,「建立」的,得2分,反之不得分。
"""


def test_otherwise_written_fanzhi_is_the_last_tier():
    # by hand: 21 成立 1, not 0; 22 落实 only 1 (反之 is the second thing not done: that one earns nothing), 建立 only 2,
    # both 3 — read as 「neither → the item gets nothing」 the 落实-only unit would still be 1, read as a veto 0
    got = scores(OTHERWISE, {"成立": True, "落实": True, "建立": False}, {"成立": False, "落实": False, "建立": True},
                 {"成立": True, "落实": True, "建立": True})
    assert [(g["一"], g["二"]) for g in got] == [(D(1), D(1)), (D(0), D(2)), (D(1), D(3))]
    assert "其余情形 → 不得分" in lines(OTHERWISE, {"成立": False, "落实": True, "建立": True})
    kept_by_fmt(OTHERWISE, "「成立」的,得1分,反之,不得分。", "「建立」的,得2分,反之不得分。")
    assert "成立的,得1分,反之,不得分。" in rendered(OTHERWISE)


# ---------------------------------------------------------------- 「甲」、「乙」 and 未「甲」、「乙」 (row 10)
# 招商引资评分标准表:「未制定工作方案、成立招商引资管理工作领导机构、细化目标任务、明确主攻方向和落实责任分工(扣5分)」
NOT_EACH = """
一、【扣分项目】(10分)
  事实「制定工作方案」:是否
  事实「成立领导机构」:是否
  事实「细化目标任务」:是否
  未「制定工作方案」、「成立领导机构」、「细化目标任务」的,扣5分。
"""
PLAN, BODY, TASKS = "制定工作方案", "成立领导机构", "细化目标任务"


def test_not_before_a_list_says_every_name_in_it():
    # by hand: all three done → nothing off, 10 (read as 未「制定工作方案」 or 「成立领导机构」 done, the old reading, 5);
    # the plan done, no body → 5; nothing done → 5 once (并列情形:合并计一次, the default)
    got = item(NOT_EACH, {PLAN: True, BODY: True, TASKS: True}, {PLAN: True, BODY: False, TASKS: True},
               {PLAN: False, BODY: False, TASKS: False})
    assert got == [D(10), D(5), D(5)]
    said = lines(NOT_EACH, {PLAN: True, BODY: False, TASKS: True})
    assert any("“未「成立领导机构」”成立" in line and "“未「细化目标任务」”不成立" in line for line in said)
    # the same as 未 written before each name, and the reading 并列情形 is asked about as for that
    assert hinted(NOT_EACH, "并列情形")
    each = NOT_EACH.replace("的,扣5分", "的,各扣5分")
    assert item(each, {PLAN: False, BODY: False, TASKS: True}, refused=True) == [D(0)]  # two not done: 10 − 5 − 5
    kept_by_fmt(NOT_EACH, "未「制定工作方案」、「成立领导机构」、「细化目标任务」的,扣5分。")
    assert "未制定工作方案、成立领导机构、细化目标任务的,扣5分。" in rendered(NOT_EACH)


def test_the_not_stops_at_a_comparison_or_a_name_with_its_own_word():
    text = """
一、【扣分】(10分)
  事实「甲」:是否
  事实「乙」:是否
  事实「次数」:次数
  未「甲」、「次数」达到2次、「乙」的,扣5分。
"""
    # by hand: 「次数」达到2次 is its own condition, and the 未 does not reach past it: 「乙」 done → 5 off
    assert item(text, {"甲": True, "乙": True, "次数": 0}) == [D(5)]
    assert item(text, {"甲": True, "乙": False, "次数": 0}) == [D(10)]


def test_names_joined_by_a_pause_mark_are_either():
    text = """
一、【扣分】(10分)
  事实「瞒报」:是否
  事实「漏报」:是否
  「瞒报」、「漏报」的,扣5分。
"""
    # by hand: either → 5 off (once: 并列情形 by default); neither → 10
    assert item(text, {"瞒报": False, "漏报": True}, {"瞒报": True, "漏报": True}, {"瞒报": False, "漏报": False}) \
        == [D(5), D(5), D(10)]


def test_not_before_names_joined_by_or_is_asked():
    text = """
一、【扣分】(10分)
  事实「甲」:是否
  事实「乙」:是否
  未「甲」或「乙」的,扣5分。
"""
    assert codes(text) == [("GR101", 5, 3)]
    assert codes(text.replace("未「甲」或「乙」", "「乙」或未「甲」")) == []


def test_names_before_doubled_are_still_names_only():
    text = """
一、【信访】(20分)
  事实「个人访人数」:人数
  事实「重复个人访人数」:人数
  「个人访人数」每人扣5分;「重复个人访人数」或「个人访人数」加倍扣分。
"""
    assert codes(text)[0][0] == "GR211"


# ---------------------------------------------------------------- 各得, 每完成一项得 (row 9)
# 镇江 23:「建立和开发的各得2分,反之,不得分」; 25:「每完成一项得2分,反之,不得分」(合格率达95%以上,创业成功率达60%以上)
EACH_EARNS = """
一、【孵化基地】(4分)
  事实「建立创业孵化基地」:是否
  事实「开发征集创业项目」:是否
  「建立创业孵化基地」、「开发征集创业项目」的各得2分,反之,不得分。
二、【创业培训】(4分)
  事实「合格率」:百分比
  事实「成功率」:百分比
  「合格率」达95%以上、「成功率」达60%以上的,每完成一项得2分,反之,不得分。
"""


def test_each_earns_once_for_each_thing_done():
    # by hand: both → 2 + 2 = 4 (read as one condition with 否则, 2); one → 2; none → 0
    rows = [{"建立创业孵化基地": True, "开发征集创业项目": True, "合格率": "95%", "成功率": "60%"},
            {"建立创业孵化基地": False, "开发征集创业项目": True, "合格率": "94.9%", "成功率": "60%"},
            {"建立创业孵化基地": False, "开发征集创业项目": False, "合格率": "90%", "成功率": "59%"}]
    got = scores(EACH_EARNS, *rows, refused=True)
    assert [(g["一"], g["二"]) for g in got] == [(D(4), D(4)), (D(2), D(2)), (D(0), D(0))]
    assert any("2种情形各计一次:+4分" in line for line in lines(EACH_EARNS, rows[0]))
    kept_by_fmt(EACH_EARNS, "的各得2分,反之,不得分。", "的,每完成一项得2分,反之,不得分。")
    assert "建立创业孵化基地、开发征集创业项目的各得2分,反之,不得分。" in rendered(EACH_EARNS)


# ---------------------------------------------------------------- 加扣, 再扣 (row 7)
# 乡镇医疗保障 1.4:「配合工作,及时完成县局部署、交办任务和督办件(5分),未及时完成的每件扣1分,其中催办后仍未完成的加扣2分,
# 扣完为止。」
FURTHER = """
一、【工作重视】(8分)
  事实「明确负责人」:是否
  事实「及时完成县局交办任务」:是否
  事实「未及时完成件数」:件数
  事实「催办后仍未完成件数」:件数
  1.「明确负责人」(3分)。
  2.「及时完成县局交办任务」(5分),「未及时完成件数」每件扣1分,其中「催办后仍未完成件数」的加扣2分,扣完为止。
"""
DONE, LATE, STILL = "及时完成县局交办任务", "未及时完成件数", "催办后仍未完成件数"


def test_jia_kou_after_qizhong_is_each_of_those_again():
    # by hand: 2 late, 1 of them still not done after the reminder: 3 + (5 − 2 × 1 − 1 × 2) = 4 (加扣 read as 加, a
    # bonus: 3 + 5 = 8); 2 late, both still not done: 3 + (5 − 2 − 2 × 2 → 0, the point's own 5) = 3 (read as one 2-point
    # deduction for there being some: 3 + 1 = 4); none: 3 + 5 = 8
    rows = [{"明确负责人": True, DONE: True, LATE: 2, STILL: 1}, {"明确负责人": True, DONE: True, LATE: 2, STILL: 2},
            {"明确负责人": True, DONE: True, LATE: 0, STILL: 0}]
    assert item(FURTHER, *rows, refused=True) == [D(4), D(3), D(8)]
    said = lines(FURTHER, rows[1])
    assert "「催办后仍未完成件数」= 2件:加扣2分 × 2 = −4分" in said
    assert "扣完这一点的5分为止(这一句2条合计):−6 → −5" in said
    kept_by_fmt(FURTHER, ",其中「催办后仍未完成件数」的加扣2分,扣完为止。")
    assert "其中催办后仍未完成件数的加扣2分,扣完为止。" in rendered(FURTHER)


def test_qizhong_needs_a_count_of_those_counted_before():
    text = """
一、【甲】(8分)
  事实「未及时完成件数」:件数
  事实「已整改」:是否
  「未及时完成件数」每件扣1分,其中「已整改」的加扣2分。
"""
    assert codes(text) == [("GR210", 5, 18)]
    # with its own 每 it is that per-count clause: by hand 2 late, 1 still, no 负责人: 0 + (5 − 2 − 2) = 1
    own = FURTHER.replace("的加扣2分", "每件加扣2分")
    assert item(own, {"明确负责人": False, DONE: True, LATE: 2, STILL: 1}, refused=True) == [D(1)]


# 鲤城政务公开:「①未及时向区政务公开办备案的扣5分;……⑤年度报告未按要求编写导致被退回且未及时修改的,再扣5分。」
AGAIN = """
一、【政府信息公开年度报告】(10分)
  事实「未及时备案」:是否
  事实「被退回且未及时修改」:是否
  ①「未及时备案」的扣5分;⑤「被退回且未及时修改」的,再扣5分。
二、【比例】(10分)
  事实「率」:百分比
  「率」低于90%的扣1分;低于80%的,再扣2分。
"""


def test_zai_kou_is_a_further_deduction():
    # by hand: ⑤ alone 10 − 5 = 5 (再扣 a deduction of its own, not on top of ① that did not happen: not 0); both 0.
    # In a ladder 再扣 is 另扣: 75% is below 90% and 80%, 10 − 1 − 2 = 7 (first-that-holds alone, 8); 85% 9
    got = scores(AGAIN, {"未及时备案": False, "被退回且未及时修改": True, "率": "75%"},
                 {"未及时备案": True, "被退回且未及时修改": True, "率": "85%"})
    assert [(g["一"], g["二"]) for g in got] == [(D(5), D(7)), (D(0), D(9))]
    kept_by_fmt(AGAIN, "⑤「被退回且未及时修改」的,再扣5分。", "低于80%的,再扣2分。")


def test_qizhong_alone_is_scored_alike_in_sql():
    text = """
一、【甲】(10分)
  事实「未及时完成件数」:件数
  事实「催办后仍未完成件数」:件数
  「未及时完成件数」每件扣1分,其中「催办后仍未完成件数」的加扣2分。
"""
    # by hand: 2 late, 1 still: 10 − 2 − 2 = 6; 3 late, 3 still: 10 − 3 − 6 = 1
    assert item(text, {LATE: 2, STILL: 1}, {LATE: 3, STILL: 3}) == [D(6), D(1)]


# ---------------------------------------------------------------- 2' for 2分 (row 1)
# 浙江基层防汛:「配备远程会商系统(2'),配备……等决策支持系统(4',少一项扣 1 分)。」「整合……预警系统资源(2'),建立……共享机制(3'),
# 建立预警发布平台(3')。」
PRIMES = """
一、【决策支持】(6分)
  事实「配备远程会商系统」:是否
  事实「决策支持系统缺少项数」:项数
  「配备远程会商系统」(2');「决策支持系统缺少项数」为0(4'),少一项扣1分。
二、【预警平台】(8分)
  事实「整合」:是否
  事实「机制」:是否
  事实「平台」:是否
  「整合」(2’),「机制」(3′),「平台」(3')。
"""


def test_a_prime_is_points():
    # by hand: 一 会商 2 + 4 − 1 (one system short) = 5; none of the five: 2 + (4 − 5 → 0) = 2; 二 整合 and 平台 2 + 3 = 5
    # (a prime read as nothing, or the bracket as a note, would leave 0)
    rows = [{"配备远程会商系统": True, "决策支持系统缺少项数": 1, "整合": True, "机制": False, "平台": True},
            {"配备远程会商系统": True, "决策支持系统缺少项数": 5, "整合": False, "机制": True, "平台": False}]
    got = scores(PRIMES, *rows, refused=True)
    assert [(g["一"], g["二"]) for g in got] == [(D(5), D(5)), (D(2), D(3))]
    assert "「整合」= 是,「整合」成立 → 得2分(+2)" in lines(PRIMES, rows[0], "二")
    kept_by_fmt(PRIMES, "「配备远程会商系统」(2');", "(4'),少一项扣1分。", "「整合」(2’),", "「机制」(3′),")
    assert "配备远程会商系统(2');" in rendered(PRIMES)
    # in SQL the second item alone (the first has a sentence's own points, refused by name)
    assert item(PRIMES[PRIMES.index("二、"):], {"整合": True, "机制": False, "平台": True}, path="二") == [D(5)]


# the points bracket holding a rule (「(4',少一项扣 1 分)」, 「(扣12分,其中每少报1个月报表扣1分)」): tests/test_bracket_rules.py


def load_problems(text: str) -> list[tuple[str, str, str | None]]:
    import govrubric
    from helpers import HEADER

    return [(d.code, d.message.removeprefix("无法理解这里的写法:"), d.help)
            for d in govrubric.loads(HEADER + text, "t.rubric").check()]


# ---------------------------------------------------------------- (扣5分) after a sentence (row 5)
# 招商引资评分标准表:「未制定工作方案、成立招商引资管理工作领导机构……(扣5分)。未上报招商信息和年终工作总结(扣5分)。」
BRACKETED = """
一、【扣分项目】(100分)
  事实「制定工作方案」:是否
  事实「成立领导机构」:是否
  事实「上报年终工作总结」:是否
  未「制定工作方案」、「成立领导机构」(扣5分)。
  未「上报年终工作总结」(扣5分)。
"""


def test_a_result_in_brackets_after_the_requirement():
    # by hand: all done 100; no body 95; no body, no summary 90 (the bracket read as a note: 100)
    got = item(BRACKETED, {"制定工作方案": True, "成立领导机构": True, "上报年终工作总结": True},
               {"制定工作方案": True, "成立领导机构": False, "上报年终工作总结": True},
               {"制定工作方案": True, "成立领导机构": False, "上报年终工作总结": False})
    assert got == [D(100), D(95), D(90)]
    kept_by_fmt(BRACKETED, "未「制定工作方案」、「成立领导机构」(扣5分)。", "未「上报年终工作总结」(扣5分)。")
    assert "未上报年终工作总结(扣5分)。" in rendered(BRACKETED)
