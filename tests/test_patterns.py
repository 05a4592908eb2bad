"""Every scoring pattern P1–P24 of shared/patterns.md, written as the sources write it,
with the expected scores worked out by hand from the wording (boundaries included)."""
from decimal import Decimal as D

import pytest

from helpers import HEADER, codes, item, rubric, score

from govrubric.fmt import format_text


def test_p1_award_on_yes_no():
    text = """
一、【公布行政许可事项清单】(1分)
  事实「按时公布」:是否
  「按时公布」得1分,否则不得分。
"""
    assert item(text, {"按时公布": True}) == D("1")
    assert item(text, {"按时公布": False}) == D("0")


def test_p2_fixed_deduction():
    # 宜良 二.6: 没有制定下发…管理制度的,扣0.5分;没有开展检查考核挂牌工作的,扣0.5分 (4分)
    text = """
一、【大厅管理】(4分)
  事实「制定管理制度」:是否
  事实「开展检查挂牌」:是否
  未「制定管理制度」的,扣0.5分;未「开展检查挂牌」的,扣0.5分。
"""
    assert item(text, {"制定管理制度": True, "开展检查挂牌": True}) == D("4")
    assert item(text, {"制定管理制度": False, "开展检查挂牌": True}) == D("3.5")
    assert item(text, {"制定管理制度": False, "开展检查挂牌": False}) == D("3")


def test_p3_per_occurrence_bounded_by_item():
    # 宜良 一.1(2): 每抽查发现1次扣0.1分 (2分): 3 × 0.1 is exactly 0.3
    text = """
一、【事项标准化】(2分)
  事实「指南不一致次数」:次数
  「指南不一致次数」每抽查发现1次扣0.1分。
"""
    assert item(text, {"指南不一致次数": 0}) == D("2")
    assert item(text, {"指南不一致次数": 3}) == D("1.7")
    assert item(text, {"指南不一致次数": 20}) == D("0")  # exactly the points
    assert item(text, {"指南不一致次数": 21}) == D("0")  # one more: the item floor holds at 0


def test_p4_per_occurrence_with_own_cap():
    # 宜良 八.1: 不参加1次,扣0.3分,扣完2分为止 (the section is worth 3)
    text = """
一、【推进会】(3分)
  事实「缺席次数」:次数
  「缺席次数」每1次扣0.3分,扣完2分为止。
"""
    assert item(text, {"缺席次数": 6}) == D("1.2")   # 1.8 < 2
    assert item(text, {"缺席次数": 7}) == D("1")     # 2.1 → capped at 2
    assert item(text, {"缺席次数": 100}) == D("1")


def test_p5_per_occurrence_award_with_cap():
    # 宜良 三.10: 每实现一项…得0.1分,加满1分为止 (1分)
    text = """
一、【两个免于提交】(1分)
  事实「免提交事项数」:个数
  「免提交事项数」每实现一项得0.1分,加满1分为止
"""
    assert item(text, {"免提交事项数": 7}) == D("0.7")
    assert item(text, {"免提交事项数": 10}) == D("1")
    assert item(text, {"免提交事项数": 11}) == D("1")


def test_p6_percentage_tiers_with_exclusive_bounds():
    # 宜良 二.11: 整改完成率100%得1分,95%—100%(不含)得0.5分,95%(不含)以下不得分
    text = """
一、【整改】(1分)
  事实「整改完成率」:百分比
  「整改完成率」100%得1分,95%—100%(不含)得0.5分,95%(不含)以下不得分
"""
    assert item(text, {"整改完成率": "100%"}) == D("1")
    assert item(text, {"整改完成率": "99.99%"}) == D("0.5")
    assert item(text, {"整改完成率": "95%"}) == D("0.5")  # exactly 95%: 95%—100% includes 95
    assert item(text, {"整改完成率": "94.9%"}) == D("0")


def test_p6_gap_between_tiers_scores_nothing():
    # 宜良 三.2: 达93%得1分,90%—92%之间得0.5分,低于90%不得分: 92.5% falls in no tier
    text = """
一、【网办】(1分)
  事实「全程网办率」:百分比
  「全程网办率」达到93%得1分,90%—92%之间,得0.5分,低于90%不得分
"""
    assert item(text, {"全程网办率": "93%"}) == D("1")
    assert item(text, {"全程网办率": "92%"}) == D("0.5")
    assert item(text, {"全程网办率": "92.5%"}) == D("0")
    assert item(text, {"全程网办率": "90%"}) == D("0.5")
    assert item(text, {"全程网办率": "89.9%"}) == D("0")


def test_p7_ratio_of_two_facts():
    # 宜良 六.1: 承诺数量/辖区内企业数量,≥1得1分,≥0.5得0.5分,低于0.5不得分
    text = """
一、【信用承诺】(1分)
  事实「承诺数量」:数量
  事实「企业数量」:数量
  「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,低于0.5不得分。
"""
    assert item(text, {"承诺数量": 12, "企业数量": 12}) == D("1")
    assert item(text, {"承诺数量": 6, "企业数量": 12}) == D("0.5")
    assert item(text, {"承诺数量": 5, "企业数量": 12}) == D("0")


def test_p8_threshold_on_plain_number():
    # 宜良 三.5: 跑动次数0.05(含)以下得1分,0.05以上不得分
    text = """
一、【跑动】(1分)
  事实「平均跑动次数」:比值
  「平均跑动次数」0.05(含)以下得1分,0.05以上不得分
"""
    assert item(text, {"平均跑动次数": "0.05"}) == D("1")
    assert item(text, {"平均跑动次数": "0.051"}) == D("0")


def test_p9_veto():
    # 拱墅 一.2: 政务服务2.0收件率低于85%的此项不得分 (with a bonus that the veto also removes)
    text = """
一、【收件率】(5分)
  计分方式:从满分扣减
  事实「收件率」:百分比
  事实「收件率排名」:名次
  「收件率排名」前三位,依次加0.5分、1分、1.5分。
  「收件率」低于85%的此项不得分。
"""
    assert item(text, {"收件率": "85%", "收件率排名": 9}) == D("5")
    assert item(text, {"收件率": "84.9%", "收件率排名": 1}) == D("0")


def test_p10_escalation():
    # 宜良 一.2(1): 第一次扣1分;再次抽查发现不一致的,此项不得分 (3分)
    text = """
一、【实施清单】(3分)
  事实「不一致次数」:次数
  「不一致次数」第一次扣1分;再次此项不得分。
"""
    assert item(text, {"不一致次数": 0}) == D("3")
    assert item(text, {"不一致次数": 1}) == D("2")
    assert item(text, {"不一致次数": 2}) == D("0")


def test_p10_escalation_with_the_later_occurrences_worded_as_in_other_rubrics():
    # 「以后每次」「此后每次」 continue from the step before; 「第N次及以后(每次)」「第N次以后」 include the Nth.
    # 第一次扣1分,以后每次扣2分,扣完5分为止 (6分): 1 → 1; 2 → 1+2 = 3; 3 → 1+2+2 = 5; 4 → 7, held at 5.
    later = """
一、【甲】(6分)
  事实「次数」:次数
  「次数」第一次扣1分,以后每次扣2分,扣完5分为止
"""
    assert [item(later, {"次数": k}) for k in range(5)] == [D(6), D(5), D(3), D(1), D(1)]
    # 第一次扣0.5分,第二次扣1分,第三次及以后每次扣2分 (6分): 3 → 3.5; 4 → 5.5; 5 → 7.5, floored at 0
    inclusive = """
一、【甲】(6分)
  事实「次数」:次数
  「次数」第一次扣0.5分,第二次扣1分,第三次及以后每次扣2分
"""
    assert [item(inclusive, {"次数": k}) for k in range(6)] == [D(6), D("5.5"), D("4.5"), D("2.5"), D("0.5"), D(0)]
    # 第二次以后扣1分: the first occurrence is free
    assert item(later.replace("第一次扣1分,以后每次扣2分,扣完5分为止", "第二次以后扣1分"), {"次数": 3}) == D(4)


def test_p10_a_relative_step_needs_a_numbered_step_before_it():
    for rule, col in (("「次数」以后每次扣1分", 7), ("「次数」第一次扣1分;再次扣2分;此后每次扣3分", 20)):
        assert codes(f"一、【甲】(6分)\n  事实「次数」:次数\n  {rule}\n") == [("GR211", 3, col)], rule


def test_p10_escalation_listed_with_分别_and_continued_by_以此类推():
    # 某镇森林防灭火 (五)(28分): 第一起、第二起、第三起、第四起……分别扣5分、6分、7分、8分,以此类推.
    # By hand: 2 起 → 5 + 6 = 11 → 17; 4 起 → 26 → 2; 5 起 → 26 + 9 = 35 → 0 (floored); 第N起 is 第N次.
    text = """
一、【防控情况】(28分)
  事实「火灾起数」:起数
  「火灾起数」第一起、第二起、第三起、第四起,分别扣5分、6分、7分、8分,以此类推。
"""
    assert [item(text, {"火灾起数": k}) for k in (0, 1, 2, 4, 5)] == [D(28), D(23), D(17), D(2), D(0)]
    # 以此类推 with no floor in the way: an item without points that may go below 0 — 6 起: 5+6+7+8+9+10 = 45;
    # 10^9 起 adds up at once (the sum of an arithmetic run), exactly: 10^9 × (10^9 + 9) / 2 = 500000004500000000
    open_ended = """
一、【防控情况】
  扣分下限:可为负分
  事实「火灾起数」:起数
  「火灾起数」第一起、第二起、第三起、第四起,分别扣5分、6分、7分、8分,以此类推。
"""
    assert item(open_ended, {"火灾起数": 6}) == D(-45)
    assert item(open_ended, {"火灾起数": 10 ** 9}) == -D(10 ** 9) * (10 ** 9 + 9) / 2
    lines = [line.text for line in score(open_ended, {"火灾起数": 6}).roots[0].lines]
    assert any("第5次至第6次共2次,以此类推,扣9分至扣10分,小计 −19分" in line for line in lines), lines


def test_p10_escalation_doubling_up_to_its_cap():
    # 第一次扣1分,以后每多一次加倍扣分,扣完8分为止 (10分): 1, 2, 4, 8 … by hand: 1 次 → 1; 2 → 3; 3 → 7;
    # 4 → 15, held at 8 → 2; 10^9 次 → 8 as well (the doubling stops once the cap is reached)
    text = """
一、【纪律】(10分)
  事实「违规次数」:次数
  「违规次数」第一次扣1分,以后每多一次加倍扣分,扣完8分为止。
"""
    assert [item(text, {"违规次数": k}) for k in (0, 1, 2, 3, 4, 10 ** 9)] == [D(10), D(9), D(7), D(3), D(2), D(2)]
    # after two written steps the doubling starts from the last: 第一次扣0.5分,第二次扣1分 → 2, 4: 4 次 = 7.5
    later = text.replace("第一次扣1分,以后每多一次加倍扣分,扣完8分为止", "第一次扣0.5分,第二次扣1分,以后加倍扣分,扣完为止")
    assert item(later, {"违规次数": 4}) == D("2.5")


def test_p10_a_progression_needs_what_it_continues():
    head = "一、【甲】(6分)\n  事实「次数」:次数\n  "
    # 以此类推 after a single step: no difference to continue; 加倍 with no cap; shrinking amounts
    for rule in ("「次数」第一次扣1分,以此类推", "「次数」第一次扣1分,以后每多一次加倍扣分",
                 "「次数」第一次扣3分,第二次扣2分,以此类推", "「次数」第一次扣1分,再次扣2分,以此类推"):
        assert [c for c, _, _ in codes(head + rule + "\n")] == ["GR211"], rule
    assert [c for c, _, _ in codes(head + "「次数」第一起、第二起,分别扣1分\n")] == ["GR212"]


def test_p11_a_requirement_then_each_occurrence_short_of_it():
    # 定远 1.2.3 (5分): 全年分管领导参加不少于四次,每少一次扣1.25分. By hand: 2 次 → 5 − 2 × 1.25 = 2.5;
    # 4 次 and 6 次 meet the requirement → 5 (before issue 15 the steps ran above 4: 6 次 lost 2.5)
    text = """
一、【现场调研】(5分)
  事实「参加次数」:次数
  「参加次数」不少于四次,每少一次扣1.25分。
"""
    assert [item(text, {"参加次数": k}) for k in (0, 2, 3, 4, 6)] == [D(0), D("2.5"), D("3.75"), D(5), D(5)]
    lines = [line.text for line in score(text, {"参加次数": 2}).roots[0].lines]
    assert "「参加次数」= 2,符合「少于四次」(< 4);差2次,每1次扣1.25分(不足一步的部分不计):2 × −1.25 = −2.5分" in lines
    # 若羌 writes 「全年至少4次」: 至少 is 不少于
    assert item(text.replace("不少于四次", "至少4次"), {"参加次数": 2}) == D("2.5")
    # the mirror: 不超过3次,每超过一次扣1分 (5分): 5 次 → 5 − 2 = 3; 至多3次 the same
    assert item(text.replace("不少于四次,每少一次扣1.25分", "至多3次,每超过一次扣1分"), {"参加次数": 5}) == D(3)
    over = text.replace("不少于四次,每少一次扣1.25分", "不超过3次,每超过一次扣1分")
    assert [item(over, {"参加次数": k}) for k in (3, 5)] == [D(5), D(3)]


def test_p11_each_occurrence_beyond_the_tier_before():
    # 县区委主体责任 4: 不少于四次加2分,每增加一次加1分 (no points). By hand: 3 → 0; 4 → 2; 6 → 2 + 2 = 4
    # (before issue 15 「每增加一次」 counted every occurrence: 6 → 2 + 6 = 8)
    text = """
一、【学习】
  事实「学习次数」:次数
  「学习次数」不少于四次加2分,每增加一次加1分。
"""
    assert [item(text, {"学习次数": k}) for k in (3, 4, 6)] == [D(0), D(2), D(4)]
    # 某地镇 环境卫生 (2): 建成1座生态公厕,得10分;每增加一座加5分 → 3 座: 10 + 2 × 5 = 20
    toilets = """
一、【生态公厕】
  事实「生态公厕座数」:座数
  「生态公厕座数」1座以上的,得10分;每增加一座加5分。
"""
    assert [item(toilets, {"生态公厕座数": k}) for k in (0, 1, 3)] == [D(0), D(10), D(20)]
    # a 每… without a direction word after the tier: every occurrence, or those beyond the four? asked (GR234, SW6,
    # check/step_start.py); with the fact named again (as GR234's help writes it) every occurrence: 6 → 2 + 6 = 8
    plain = text.replace("每增加一次加1分", "每次加1分")
    assert [c for c, *_ in codes(plain)] == ["GR234"]
    every = text.replace("每增加一次加1分", "「学习次数」每次加1分")
    assert item(every, {"学习次数": 6}) == D(8)


def test_p12_an_exemption_in_brackets_cancels_its_clause():
    # 房山 4 (6分): 被撤销答复意见的,一件扣20分;被责令重新作出答复意见的,一件扣10分(若有新诉求的,不扣分).
    # By hand: 被责令 1 件, no new demands → 6 − 10 → 0; with new demands the second clause scores nothing → 6;
    # 被撤销 1 件 is not excepted → 6 − 20 → 0 either way
    text = """
一、【复查复核】(6分)
  事实「被撤销件数」:件数
  事实「被责令重新答复件数」:件数
  事实「有新诉求」:是否
  「被撤销件数」一件扣20分;
  「被责令重新答复件数」一件扣10分(若「有新诉求」的,不扣分)。
"""
    def facts(revoked, ordered, new):
        return {"被撤销件数": revoked, "被责令重新答复件数": ordered, "有新诉求": new}

    assert [item(text, facts(0, 1, False)), item(text, facts(0, 1, True)), item(text, facts(1, 1, True))] == [
        D(0), D(6), D(0)]
    lines = [line.text for line in score(text, facts(0, 1, True)).roots[0].lines]
    assert "例外(若「有新诉求」的,不扣分):「有新诉求」= 是,「有新诉求」成立,本条不计分" in lines
    # (「因不可抗力」的除外) after a tier, and a 每… clause behind a condition on another fact:
    # 未达到年度目标的,每个未达标断面扣5分 (20分): 3 个 → 5; 达到 → 20; 不可抗力 → 20
    water = """
一、【水质】(20分)
  事实「达到年度目标」:是否
  事实「未达标断面个数」:个数
  事实「因不可抗力」:是否
  未「达到年度目标」的,每个未达标断面扣5分(「因不可抗力」的除外)。
"""
    got = [item(water, {"达到年度目标": hit, "未达标断面个数": 3, "因不可抗力": force})
           for hit, force in ((False, False), (True, False), (False, True))]
    assert got == [D(5), D(20), D(20)]


def test_p13_half_days_and_the_person_concerned():
    # 苍南 窗口工作人员月考评 (100分, 扣分不封顶): 每旷工半天扣5分; 擅自离岗……的,扣当事人3分.
    # By hand: 3 个半天 → −15; 离岗 2 次 → −3 once (no 每次); 100 − 15 − 3 = 82; 22 个半天 → 100 − 110 = −10
    text = """
一、【基础分】(100分)
  扣分不封顶。
  事实「旷工半天数」:次数
  事实「擅自离岗次数」:次数
  「旷工半天数」每旷工半天扣5分。
  「擅自离岗次数」的,扣当事人3分。
"""
    assert item(text, {"旷工半天数": 3, "擅自离岗次数": 2}) == D(82)
    assert item(text, {"旷工半天数": 22, "擅自离岗次数": 0}) == D(-10)


def test_p14_none_found_earns_the_points_the_deductions_start_from():
    # 某地镇 环境卫生 (4)(10分): 无暴露垃圾、污水,得10分;发现一处扣2分,扣完为止. By hand: 0 处 → 10; 1 处 → 8;
    # 6 处 → 10 − 12 → 0. (Read as an award on top, 1 处 would score 0 − 2 → 0.)
    text = """
一、【路面】(10分)
  事实「暴露垃圾处数」:处数
  无「暴露垃圾处数」的,得10分;发现一处扣2分,扣完为止。
"""
    assert [item(text, {"暴露垃圾处数": k}) for k in (0, 1, 6)] == [D(10), D(8), D(0)]
    # 计分方式:从零计分 keeps it an award: 1 处 → 0
    assert item(text.replace("  事实", "  计分方式:从零计分\n  事实"), {"暴露垃圾处数": 1}) == D(0)
    # 某市窗口 (2)(10分, 计分方式:从满分扣减 written): 遵守纪律……的得10分。迟到……每人次扣0.5分 — 2 人次 → 10 − 1 = 9
    # (read as an award on top: 10 + 10 − 1 → 10)
    rules = """
一、【纪律】(10分)
  计分方式:从满分扣减
  事实「遵守纪律」:是否
  事实「迟到人次」:人次数
  「遵守纪律」的得10分。
  「迟到人次」每人次扣0.5分。
"""
    assert [item(rules, {"遵守纪律": True, "迟到人次": 2}), item(rules, {"遵守纪律": False, "迟到人次": 2})] == [D(9), D(9)]


def test_p15_every_items_floor_written_after_the_items():
    # 某市窗口等级考评: 「以上各项评分,扣完为止,不计负分」 after the items is 扣分下限:到0为止 for the rubric, stated.
    # By hand (10分): 12 次 × 1 = 12 → 0, not −2
    text = """
一、【纪律】(10分)
  事实「违纪次数」:次数
  「违纪次数」每次扣1分。

以上各项评分,扣完为止,不计负分。
"""
    assert item(text, {"违纪次数": 12}) == D(0)
    decisions = {(d.key, d.path): (d.value, d.origin, d.reason) for d in rubric(text).model.decisions}
    assert decisions[("扣分下限", None)] == ("到0为止", "写明", "以上各项评分,扣完为止,不计负分")
    formatted = format_text(HEADER + text)
    assert formatted.text.rstrip().endswith("以上各项评分,扣完为止,不计负分。")


def test_p09_per_count_written_with_a_verb_instead_of_每():
    # 咸阳 河长制: 「少1项扣1分,扣完为止」 (4分): 0 → 4; 3 → 1; 5 → 4 − 5, exhausted at 0
    text = """
一、【水旱灾害防御】(4分)
  事实「未建立体系项数」:项数
  「未建立体系项数」少1项扣1分,扣完为止。
"""
    assert [item(text, {"未建立体系项数": k}) for k in (0, 3, 5)] == [D(4), D(1), D(0)]
    # 宜良 「存在1条超时未整改扣0.5分」 shortened, and 「发现一次扣1分」 with the subject left out (the item's only count)
    found = """
一、【整改】(2分)
  事实「超时未整改条数」:条数
  「超时未整改条数」存在1条扣0.5分,扣完为止。
"""
    assert [item(found, {"超时未整改条数": k}) for k in (1, 3, 5)] == [D("1.5"), D("0.5"), D(0)]
    bare = "一、【标识】(2分)\n  事实「次数」:次数\n  发现一次扣1分。\n"
    assert item(bare, {"次数": 1}) == D(1)


def test_p09_a_count_that_may_mean_each_or_exactly_is_asked_about():
    # 「3条得1分」 would be read as 正好3条 — GR221 asks instead; 「1条扣0.5分」 is each one (field trial 3, 农贸市场
    # 「……,1处扣2分」 four times), as 一条扣0.5分: 3 items, 2 − 1.5 = 0.5
    assert item("一、【甲】(2分)\n  事实「数」:条数\n  「数」1条扣0.5分,扣完为止。\n", {"数": 3}) == D("0.5")
    for rule, col, help_has in (("「数」2条扣0.5分,扣完为止。", 6, "每2条扣"),
                                ("「数」发现3次扣1分。", 6, "为3次的"),
                                ("「数」3条得1分。", 6, "每3条")):
        text = f"一、【甲】(2分)\n  事实「数」:条数\n  {rule}\n"
        assert codes(text) == [("GR221", 3, col)], rule
        assert help_has in (rubric(text).check()[0].help or "")
    # with 的, with a comparison word, or as a tier of a ladder, the count is compared as written
    assert item("一、【甲】(2分)\n  事实「数」:条数\n  「数」1条的,扣0.5分。\n", {"数": 3}) == D(2)
    assert item("一、【甲】(2分)\n  事实「数」:条数\n  「数」0条得2分,1条得1分。\n", {"数": 1}) == D(1)
    assert item("一、【甲】(2分)\n  事实「数」:条数\n  「数」少于3个的,扣2分。\n", {"数": 2}) == D(0)


def test_p07_deduction_bounds_in_other_wordings():
    # 咸阳 一河一策 (6分): 每少1条扣1分,最高扣4分 — 5 missing: 6 − min(5, 4) = 2
    clause = "一、【一河一策】(6分)\n  事实「未制定条数」:条数\n  「未制定条数」每少1条扣1分,{}。\n"
    for word in ("最高扣4分", "最多扣4分", "扣满4分为止", "累计扣分不超过4分"):
        assert item(clause.format(word), {"未制定条数": 5}) == D(2), word
    # for the whole item it is a floor: a 10-point item 「累计扣分不超过4分」 keeps at least 6 (it was capped at 4)
    whole = "一、【甲】(10分)\n  事实「数」:条数\n  「数」每条扣1分。{}。\n"
    for word in ("累计扣分不超过4分", "最高扣4分", "扣分不超过4分"):
        assert [item(whole.format(word), {"数": k}) for k in (0, 2, 6)] == [D(10), D(8), D(6)], word


def test_p07_a_bonus_bound_under_an_item_with_points_is_an_error():
    refused = "一、【甲】(10分)\n  事实「数」:条数\n  「数」每条加1分。累计加分不超过4分。\n"
    assert codes(refused) == [("GR206", 3, 12)]
    # under an item without points it caps the item: 每篇加1分,最高加4分
    assert item("一、【宣传】\n  事实「篇数」:篇数\n  「篇数」每篇加1分。最高加4分。\n", {"篇数": 6}) == D(4)


def test_p13_酌情_is_视情_and_按实际情况评分_is_a_discretionary_award():
    # 县窗口 「工作人员不负责任出现不良后果的,酌情扣3-5分」 (4分): an assessor's 3.5 leaves 0.5
    text = """
一、【窗口服务】(4分)
  事实「不良后果扣分」:视情
  「不良后果扣分」酌情扣3-5分。
"""
    assert item(text, {"不良后果扣分": "3.5"}) == D("0.5")
    assert item(text, {"不良后果扣分": "0"}) == D(4)  # nothing to deduct
    # 咸阳 「視臺賬規範情況酌情扣分」: from 0 to the item's points
    assert item(text.replace("酌情扣3-5分", "酌情扣分"), {"不良后果扣分": "1.5"}) == D("2.5")
    # 「保洁评分」按实际情况评分 (20分): the assessor's score is the item's score
    assert item("一、【环境卫生】(20分)\n  事实「保洁评分」:视情\n  「保洁评分」按实际情况评分。\n",
                {"保洁评分": "17.5"}) == D("17.5")
    # 城镇考核 「视情况酌情给分,最高1分」 under a 2-point item: 1.5 given, held at 1 by the clause
    assert item("一、【创新】(2分)\n  事实「创新给分」:视情\n  「创新给分」视情给分,最高1分。\n",
                {"创新给分": "1.5"}) == D(1)


def test_p07_a_deduction_section_bounded_in_its_heading():
    # 「十一、【安全生产】(累计扣分不超过5分)」 subtracted from the total: 3 incidents × 1 = −3; 8 → −5 (was 0: capped at 5)
    header = "细则「测试」\n单位类别:「部门」\n总分:「考核得分」= 第一项得分 − 第二项扣分\n"
    text = """
一、【基础工作】(10分)
  事实「缺项」:项数
  「缺项」每项扣1分。
二、【安全生产】(累计扣分不超过5分)
  事实「事故」:起数
  「事故」每起扣1分。
"""
    assert score(text, {"缺项": 1, "事故": 3}, header=header).total == D(6)  # 9 − 3
    assert score(text, {"缺项": 0, "事故": 8}, header=header).total == D(5)  # 10 − 5


def test_p02_inclusion_written_before_the_number():
    # 「低于(含)90%」 is 90%(含)以下: exactly 90% gets nothing
    text = "一、【防洪工程达标】(10分)\n  事实「达标比例」:百分比\n  「达标比例」低于(含)90%的,此项不得分。\n"
    assert [item(text, {"达标比例": v}) for v in ("89.5%", "90%", "90.5%")] == [D(0), D(0), D(10)]


def test_p14_points_times_a_percentage():
    # 「按任务完成百分比比例赋分」 (10分), only from 60%: 85.5% → 10 × 0.855 = 8.55; 59% → 0; 100% → 10
    text = """
一、【任务完成】(10分)
  事实「完成率」:百分比
  「完成率」达到60%的,按「完成率」比例赋分,否则不得分。
"""
    assert [item(text, {"完成率": v}) for v in ("85.5%", "59%", "100%", "60%")] == [D("8.55"), D(0), D(10), D(6)]


def test_p14_a_proportion_needs_a_percentage_and_points():
    assert codes("一、【甲】(10分)\n  事实「数」:次数\n  按「数」比例计分。\n") == [("GR301", 3, 4)]
    assert codes("一、【甲】\n  事实「率」:百分比\n  按「率」比例计分。\n") == [("GR301", 3, 3)]


def test_p11_per_point_of_shortfall_by_finder():
    # 拱墅 服务效能: 不足90%的,每低1个百分点扣0.1分(区级)/0.2分(市级)/0.3分(省级) (4分)
    text = """
一、【咨询电话接通率】(4分)
  事实「区级抽查接通率」:百分比(可空)
  事实「市级抽查接通率」:百分比(可空)
  「区级抽查接通率」不足90%的,每低1个百分点扣0.1分,
  「市级抽查接通率」不足90%的,每低1个百分点扣0.2分。
"""
    assert item(text, {"区级抽查接通率": "85%", "市级抽查接通率": None}) == D("3.5")
    assert item(text, {"区级抽查接通率": "90%", "市级抽查接通率": "87.5%"}) == D("3.6")  # 2 whole points
    assert item(text, {}) == D("4")  # never spot-checked


def test_p12_rank_past_a_rank():
    # 拱墅 三.7: 位列全市第3名之前不扣分。位列全市第3名之后,排名每下降1位扣0.5分 (5分)
    text = """
一、【营商环境评价】(5分)
  事实「全市排名」:名次
  「全市排名」第3名之前不扣分。「全市排名」第3名之后,每下降1位扣0.5分。
"""
    assert item(text, {"全市排名": 2}) == D("5")
    assert item(text, {"全市排名": 3}) == D("5")
    assert item(text, {"全市排名": 4}) == D("4.5")
    assert item(text, {"全市排名": 13}) == D("0")


def test_p12_rank_tiers():
    # 拱墅 三.7 两率: 前30名(含)得满分;30名至60名扣2分;60名以后扣3分 — first tier wins at 30
    text = """
一、【两率】(5分)
  事实「两率省排名」:名次
  「两率省排名」前30名(含)得满分,30名至60名扣2分,60名以后扣3分
"""
    assert item(text, {"两率省排名": 30}) == D("5")
    assert item(text, {"两率省排名": 31}) == D("3")
    assert item(text, {"两率省排名": 60}) == D("3")
    assert item(text, {"两率省排名": 61}) == D("2")


def test_p13_awards_by_rank():
    text = """
一、【收件率加分】(累计不超过5分)
  事实「收件率排名」:名次
  「收件率排名」前三位,依次加0.5分、1分、1.5分
"""
    assert [item(text, {"收件率排名": r}) for r in (1, 2, 3, 4)] == [D("0.5"), D("1"), D("1.5"), D("0")]


def test_p14_discretionary_amounts():
    # 拱墅 窗口服务: 每发现一起扣1-3分 (3分); 四: 视情扣0.5-3分
    text = """
一、【简化办】(3分)
  事实「投诉曝光扣分」:视情
  「投诉曝光扣分」每发现一起扣1-3分
二、【工作要求】
  事实「未落实要求扣分」:视情
  「未落实要求扣分」视情扣0.5—3分
"""
    result = score(text, {"投诉曝光扣分": [1, "1.5"], "未落实要求扣分": "0.5"})
    assert result.scores()["一"] == D("0.5")
    assert result.scores()["二"] == D("-0.5")
    with pytest.raises(Exception) as err:
        score(text, {"投诉曝光扣分": [4], "未落实要求扣分": 0})
    assert "GR403" in str(err.value)


def test_p15_score_from_outside():
    # 宜良 一.3: 由县政府办考核打分 (3分)
    text = """
一、【12345热线】(3分)
  事实「热线考核得分」:分值 0—3分
  按「热线考核得分」计分
"""
    assert item(text, {"热线考核得分": "2.75"}) == D("2.75")


def test_p16_per_day_and_per_month():
    # 拱墅: 每延迟一天扣0.1分; 宜良 五.2: 每少1个月数据扣0.2分,扣完为止 (2分)
    text = """
一、【数据汇聚】(2分)
  事实「缺少月数」:月数
  「缺少月数」每少1个月数据扣0.2分,扣完为止
二、【中介目录】(1分)
  事实「延迟天数」:天数
  「延迟天数」每延迟一天扣0.1分
"""
    result = score(text, {"缺少月数": 11, "延迟天数": 4})
    assert result.scores()["一"] == D("0")
    assert result.scores()["二"] == D("0.6")


def test_p17_bonus_section_with_cap_and_same_matter_highest():
    # 拱墅 四: 中央级、省部级、市级媒体…分别加2分、1分、1.5分…最高不超过5分(同一宣传内容取最高分)
    text = """
一、【亮点】(累计不超过5分)
  事实「宣传报道」:清单「中央级」、「省部级」、「市级」
  「宣传报道」为「中央级」、「省部级」、「市级」的,分别加2分、1分、1.5分,最高不超过5分
"""
    assert item(text, {"宣传报道": [["中央级", "市级"], "省部级"]}) == D("3")  # 2 + 1
    assert item(text, {"宣传报道": ["中央级", "中央级", "市级"]}) == D("5")  # 5.5 → 5


def test_p18_penalty_section_without_cap():
    # 宜良 十: 国家级…每项扣5分;省(部)级每项扣3分
    text = """
一、【扣分】
  事实「国家级通报」:次数
  事实「省级通报」:次数
  「国家级通报」每项扣5分;「省级通报」每项扣3分
"""
    assert item(text, {"国家级通报": 2, "省级通报": 1}) == D("-13")


def test_p19_final_formula_with_cap():
    text = """
一、【任务】(100分)
  事实「任务得分」:分值 0—100分
  按「任务得分」计分
二、【激励加分】(累计不超过5分)
  事实「加分次数」:次数
  「加分次数」每次加1分
三、【扣分】
  事实「通报次数」:次数
  「通报次数」每项扣2分
"""
    header = ('细则「测试」\n总分:「考评得分」= 第一项得分 + 第二项得分 - 第三项扣分\n'
              '「考评得分」超过100分的,按100分确定;不足100分的,按「考评得分」确定。\n')
    high = score(text, {"任务得分": 98, "加分次数": 9, "通报次数": 1}, header=header, category=None)
    assert high.total == D("100")  # 98 + 5 − 2 = 101 → 100
    low = score(text, {"任务得分": 90, "加分次数": 1, "通报次数": 0}, header=header, category=None)
    assert low.total == D("91")


def test_p20_deduction_from_a_part_with_its_own_points():
    # 宜良 三.4: 每少完成1个主题,扣0.2分,扣完3分为止 — the part is worth 3 points
    text = """
一、【一次办成】(4分)
  ○(1分)
    事实「线下纳入窗口」:是否
    「线下纳入窗口」得1分
  ○(3分)
    事实「省级主题缺口」:个数
    「省级主题缺口」每少完成1个主题,扣0.2分,扣完3分为止
"""
    assert item(text, {"线下纳入窗口": True, "省级主题缺口": 2}) == D("3.6")
    assert item(text, {"线下纳入窗口": False, "省级主题缺口": 16}) == D("0")


def test_p21_relative_value_as_a_fact():
    # 拱墅 窗口服务: 没有进驻大厅的部门按进驻单位最低得分计分
    text = """
一、【窗口服务】(3分)
  事实「进驻大厅」:是否
  事实「窗口考核折算得分」:分值 0—3分(可空)
  事实「进驻单位最低得分」:分值 0—3分
  未「进驻大厅」的,按「进驻单位最低得分」计分;否则按「窗口考核折算得分」计分
"""
    assert item(text, {"进驻大厅": False, "进驻单位最低得分": "1.8"}) == D("1.8")
    assert item(text, {"进驻大厅": True, "窗口考核折算得分": "2.6", "进驻单位最低得分": "1.8"}) == D("2.6")


def test_p22_conditions_together_or_either():
    text = """
一、【目录】(2分)
  事实「承接」:是否
  事实「实施」:是否
  事实「发布」:是否
  「承接」且「实施」且「发布」得2分,否则不得分
二、【两率】(5分)
  事实「省排名」:名次
  事实「市排名」:名次
  「省排名」前30名(含)或「市排名」前3名(含)的,得满分;否则扣2分
"""
    result = score(text, {"承接": True, "实施": True, "发布": False, "省排名": 40, "市排名": 3})
    assert result.scores()["一"] == D("0")
    assert result.scores()["二"] == D("5")


def test_p23_who_is_assessed():
    text = """
一、【名称标识】(3分)
  考核对象:「各街道」
  适用:「街道」
  事实「名称统一」:是否
  未「名称统一」的扣3分
二、【其他】(2分)
  事实「其他」:是否
  「其他」得2分
"""
    street = score(text, {"名称统一": False, "其他": True}, category="街道")
    dept = score(text, {"名称统一": False, "其他": True}, category="部门")
    assert street.scores()["一"] == D("0")
    assert dept.scores()["一"] == D("3")  # default reading: not applicable counts as full points
    assert "不适用" in dept.roots[0].lines[0].text


def test_p23_versions_of_an_item_for_each_category():
    # one 5-point item written twice, once per category (适用 on each ○): a 部门 unit is scored on its own
    # version only; the 街道 version is no part of its item, counted neither full (按满分计) nor missing
    header = '细则「测试」\n单位类别:「部门」、「街道」\n不适用项:按满分计\n'
    text = """
一、【窗口】(5分)
  ○(5分)
    适用:「部门」
    事实「部门未完成项数」:项数
    「部门未完成项数」每项扣1分。
  ○(5分)
    适用:「街道」
    事实「街道未完成项数」:项数
    「街道未完成项数」每项扣1分。
二、【其他】(5分)
  事实「其他」:是否
  「其他」得5分
"""
    facts = {"部门未完成项数": 3, "街道未完成项数": 1, "其他": True}
    dept = score(text, facts, header=header, category="部门")
    assert dept.scores()["一.○1"] == D("2")  # 5 − 3 × 1
    assert dept.scores()["一.○2"] == D("0")
    assert dept.scores()["一"] == D("2")  # was 5: the 街道 version counted full, 2 + 5 capped at 5
    assert "上级由适用于「部门」类单位的下级组成" in dept.roots[0].children[1].lines[0].text
    street = score(text, facts, header=header, category="街道")
    assert street.scores()["一"] == D("4")  # 5 − 1 × 1
    # under 按比例折算 nothing is missing: 2 + 5 = 7 of 10, not rescaled
    rescaled = score(text, facts, header=header.replace("按满分计", "按比例折算"), category="部门")
    assert rescaled.total == D("7")


def test_p24_metadata_is_kept():
    loaded = __import__("helpers").ok("""
一、【事项清单】(1分)
  查验方法:「抽查」、「日常掌握情况」
  牵头单位:「县政务局」
  事实「按时公布」:是否
  「按时公布」得1分
""")
    meta = dict(loaded.model.roots[0].meta)
    assert meta["查验方法"] == ("抽查", "日常掌握情况")
    assert meta["牵头单位"] == ("县政务局",)


def test_exact_decimal_arithmetic():
    text = """
一、【累计】
  事实「次数」:次数
  「次数」每1次加0.1分
"""
    assert item(text, {"次数": 3}) == D("0.3")


def test_a_score_fact_without_a_range_is_held_to_the_item_it_scores():
    # language.md §3: 分值 without a range is 0 to the points of the item it scores
    text = """
一、【热线】(3分)
  事实「热线得分」:分值
  按「热线得分」计分
"""
    assert item(text, {"热线得分": "2.5"}) == D("2.5")
    with pytest.raises(Exception) as err:
        item(text, {"热线得分": "4"})
    assert "GR403" in str(err.value) and "0到3之间" in str(err.value)


def test_facts_must_be_a_mapping():
    import govrubric
    from helpers import ok

    with pytest.raises(govrubric.GovrubricError) as err:
        ok("一、【甲】(1分)\n事实「a」:是否\n「a」得1分\n").score(["a"])
    assert err.value.diagnostics[0].code == "GR406"


def test_a_classifier_inside_a_word_is_no_count():
    # 任务书「通报批评2次以上的,扣2分」(field trial 3, SW4: the 批 of 批评 was read as a classifier and 「2次以上」
    # dropped, each 批 deducting 2): 1 time → not deducted, 10; 2 and 3 times → 10 − 2 = 8
    text = """一、【通报】(10分)
  事实「通报批评次数」:次数
  「通报批评次数」通报批评2次以上的,扣2分。
"""
    assert item(text, {"通报批评次数": 1}) == 10
    assert item(text, {"通报批评次数": 2}) == 8
    assert item(text, {"通报批评次数": 3}) == 8


def test_a_verb_then_one_count_is_per_occurrence():
    # 「通报批评一次扣1分」: per time, the wording between 通报 and 一次 kept: 3 times → 10 − 3 = 7
    text = """一、【通报】(10分)
  事实「通报批评次数」:次数
  「通报批评次数」通报批评一次扣1分。
"""
    assert item(text, {"通报批评次数": 3}) == 7
    assert item(text, {"通报批评次数": 0}) == 10


def test_a_count_in_the_wording_after_a_classifier_is_refused():
    # 「每处理2件扣1分」: 处 belongs to 处理; read as 每处 it would deduct per 1, not per 2
    assert [c for c, _, _ in codes("""一、【办理】(10分)
  事实「处理件数」:件数
  「处理件数」每处理2件扣1分。
""")] == ["GR101"]


def test_a_per_case_nothing_is_one_case_or_more():
    # 湖北环保目标责任制:「认真执行……规划环评,得2分,发现有1例未完成,不得分」(field trial 3, SW2: 不得分 × each case
    # did nothing): 0 cases → 2; 1 case → 0; 2 cases → 0
    text = """一、【规划环评】(2分)
  事实「认真执行规划环评」:是否
  事实「规划环评未完成例数」:例数
  「认真执行规划环评」得2分,「规划环评未完成例数」发现有1例未完成,不得分。
"""
    assert item(text, {"认真执行规划环评": True, "规划环评未完成例数": 0}) == 2
    assert item(text, {"认真执行规划环评": True, "规划环评未完成例数": 1}) == 0
    assert item(text, {"认真执行规划环评": True, "规划环评未完成例数": 2}) == 0


def test_each_found_nothing_without_a_subject():
    # 「每发现1处,不得分」 under the item's only count fact: 1 place or more → 0 of 3
    text = """一、【台账】(3分)
  事实「台账问题处数」:处数
  「台账问题处数」不超过0处的,得3分;每发现1处,不得分。
"""
    assert item(text, {"台账问题处数": 0}) == 3
    assert item(text, {"台账问题处数": 1}) == 0


def test_one_end_marked_leaves_out_the_other_only_where_another_tier_begins():
    # 保密自查自评标准:「符合要求(90%以上) 基本符合要求(80%(含)—89%) 不符合要求(80%以下)」 as a satisfaction tier
    # (field trial 3, SW3b): 89 is no other tier's end, so 80 ≤ x ≤ 89 → 89 scores 4; 89.5 is the source's own gap → 0.
    # 环发〔2014〕107号「90分及以上为优秀、70分(含)至90分为良好」: 90 begins the tier above, 70 ≤ x < 90 (unchanged)
    text = """一、【满意度】(5分)
  事实「满意度」:百分比
  「满意度」100%得5分,90%(含)—99%得4分,90%以下不得分。
"""
    assert item(text, {"满意度": "99%"}) == 4
    assert item(text, {"满意度": "95%"}) == 4
    assert item(text, {"满意度": "99.5%"}) == 0
    assert item(text, {"满意度": "100%"}) == 5
    text = """一、【空气】(5分)
  事实「评分」:分值 0—100分
  「评分」90分及以上得5分,70分(含)至90分得3分,70分以下得1分。
"""
    assert item(text, {"评分": 90}) == 5
    assert item(text, {"评分": "89.9"}) == 3
    assert item(text, {"评分": 70}) == 3


def test_one_matter_at_several_levels_is_deducted_at_the_highest_standard():
    # 资阳营商环境:「同一事项不重复加分、减分,按最高加分、减分标准执行」; 任务书「被省级通报一次扣2分」「通报批评一次扣1分」
    # (field trial 3, SW6: the lightest, −1, was taken): one matter at both levels → −2; two matters, one per level → −3
    text = """一、【减分规则】(累计扣分不超过20分)
  事实「被通报事项」:清单「被省级通报」、「被市级通报」
  「被通报事项」为「被省级通报」、「被市级通报」的,分别扣2分、1分。
"""
    assert item(text, {"被通报事项": [["被省级通报", "被市级通报"]]}) == -2
    assert item(text, {"被通报事项": [["被市级通报", "被省级通报"]]}) == -2
    assert item(text, {"被通报事项": ["被省级通报", "被市级通报"]}) == -3


def test_one_and_any_classifier_before_a_result_is_per_occurrence():
    # 清镇「……一名扣5分」(field trial 3: GR221, while language.md 6.3 reads 一 + a classifier + the result per
    # occurrence, as 一人加5分): 2 persons → 10 − 10 = 0; 1 → 5
    text = """一、【纪律】(10分)
  事实「违规人数」:人数
  「违规人数」一名扣5分。
"""
    assert item(text, {"违规人数": 2}) == 0
    assert item(text, {"违规人数": 1}) == 5


def test_a_per_case_nothing_without_a_comma():
    # 湖北:「依法对违法排污企业进行处罚,得1分,发现1例未执法处理的不得分」 (no comma before 不得分: was GR101 「这里应是数字」,
    # the wording taking 不 of 不得分): 0 cases → 1; 2 cases → 0
    text = """一、【执法】(1分)
  事实「依法处罚」:是否
  事实「未执法处理例数」:例数
  「依法处罚」得1分,「未执法处理例数」发现1例未执法处理的不得分。
"""
    assert item(text, {"依法处罚": True, "未执法处理例数": 0}) == 1
    assert item(text, {"依法处罚": True, "未执法处理例数": 2}) == 0
