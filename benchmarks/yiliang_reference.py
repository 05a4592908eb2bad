"""宜良 2023 written by hand as plain Python with Decimal: the yardstick for the compiled scorer's speed.

scores(v) takes one unit's checked values (what check_facts returns: Decimal numbers, percentages
as 93 for 93%, bools) and returns every item's score by its numbering path, and 总分 — the same
numbers as govrubric's evaluator, but written the way a programmer would write this one rubric by
hand, with no explanations. scores_from_row(row) starts from a facts-file row instead, converting
its values the quick way a programmer would (「93%」 → 93, whole numbers → Decimal), checking nothing. bench_compile.py checks it against the compiled scorer on every unit
before timing it, so a change to rubrics/yiliang-2023.rubric that this file misses stops the run.
"""
from __future__ import annotations

from decimal import Decimal

D = Decimal
Z, ONE, TWO, THREE = D(0), D(1), D(2), D(3)
HALF, FIFTH, TENTH, THREE_TENTHS = D("0.5"), D("0.2"), D("0.1"), D("0.3")
HUNDRED = D(100)


def scores_from_row(row: dict) -> dict:
    v = {}
    for name, raw in row.items():
        if raw.__class__ is str and raw.endswith("%"):
            v[name] = D(raw[:-1])
        elif raw.__class__ is int:
            v[name] = D(raw)
        else:
            v[name] = raw
    return scores(v)


def clamp(x: Decimal, high: Decimal, low: Decimal = Z) -> Decimal:
    return low if x < low else high if x > high else x


def capped(amount: Decimal, cap: Decimal) -> Decimal:
    return cap if amount > cap else amount


def scores(v: dict) -> dict:
    s = {}
    # 一 全面落实政务服务标准化 (13)
    s["一.1.(1)"] = ONE if v["按时公布许可清单"] else Z
    s["一.1.(2)"] = clamp(TWO - TENTH * v["指南不一致次数"] - TENTH * v["权责清单不对应次数"], TWO)
    s["一.1.(3)"] = TWO if v["事项承接率"] == HUNDRED and v["事项实施率"] == HUNDRED and v["事项发布率"] == HUNDRED else Z
    s["一.1.(4)"] = ONE if v["清单要素一致"] else Z
    s["一.1"] = clamp(s["一.1.(1)"] + s["一.1.(2)"] + s["一.1.(3)"] + s["一.1.(4)"], D(6))
    wrong = v["实施清单不一致次数"]  # 第一次扣1分;再次此项不得分
    s["一.2.(1)"] = THREE if wrong == 0 else TWO if wrong == 1 else Z
    s["一.2.(2)"] = ONE if v["指南权力清单关联率"] == HUNDRED else Z
    s["一.2"] = clamp(s["一.2.(1)"] + s["一.2.(2)"], D(4))
    s["一.3"] = clamp(v["热线考核得分"], THREE)
    s["一"] = clamp(s["一.1"] + s["一.2"] + s["一.3"], D(13))

    # 二 持续推进政务服务规范化 (29)
    x = THREE - HALF * v["额外增加环节材料次数"]
    if not v["编制程序实施清单"] or not v["明确办结时限"]:
        x -= D("1.5")
    s["二.1"] = clamp(x, THREE)
    x = D(4)
    if not v["推进证明材料规范化"]:
        x -= TWO
    if not v["按时报送证明材料清单"]:
        x -= ONE
    if v["证明材料清单不合规"]:
        x -= ONE
    s["二.2"] = clamp(x, D(4))
    x = TWO
    if v["行政检查清单完善率"] < HUNDRED:
        x -= ONE
    if v["监管行为覆盖率"] < D(80):
        x -= ONE
    s["二.3"] = clamp(x, TWO)
    x = TWO - THREE_TENTHS * v["强制选择中介次数"] - D("0.4") * v["中介问题被投诉次数"]
    if not v["中介机构公开服务指南"]:
        x -= THREE_TENTHS
    if not v["按时报送中介服务清单"]:
        x -= HALF
    s["二.4"] = clamp(x, TWO)
    x = Z
    if v["事项集中率"] == HUNDRED:
        x += D("1.5")
    if v["综合窗口覆盖率"] == HUNDRED:
        x += ONE
    if v["特色窗口规范设置率"] >= HUNDRED:
        x += HALF
    if not v["制定示范创建方案"] or not v["制定示范创建标准"]:
        x -= ONE
    if v["县级示范点个数"] >= 3:
        x += ONE
    if not v["示范创建检查验收"] or not v["示范创建成效明显"]:
        x -= ONE
    s["二.5"] = clamp(x, D(5))
    x = D(4)
    if not v["制定大厅管理制度"]:
        x -= HALF
    if not v["开展检查考核挂牌"]:
        x -= HALF
    s["二.6"] = clamp(x, D(4))
    x = (ONE if v["事项实质运行率"] == HUNDRED else Z) - capped(FIFTH * v["明进暗不进问题数"], ONE)
    s["二.7.○1"] = clamp(x, ONE)
    x = s["二.7.○1"] + (ONE if v["事项进驻率"] >= D(96) else Z)
    if v["收件即受理即时办结"]:
        x += ONE
    if not v["按时报送进驻事项清单"]:
        x -= HALF
    s["二.7"] = clamp(x, THREE)
    x = ONE - capped(FIFTH * v["办事指南差错个数"], ONE)
    if not v["完成适老化改造"]:
        x -= HALF
    s["二.8"] = clamp(x, ONE)
    s["二.9"] = Z if v["线上线下差别受理"] else ONE
    x = TWO - capped(FIFTH * v["好差评缺汇聚月数"], ONE)
    if v["好差评覆盖率"] < D(80):
        x -= ONE
    s["二.10"] = clamp(x, TWO)
    rate = v["整改完成率"]
    x = ONE if rate == HUNDRED else HALF if rate >= D(95) else Z
    if v["按时整改率"] == HUNDRED:
        x += ONE
    s["二.11"] = clamp(x - capped(HALF * v["超时未整改条数"], TWO), TWO)
    s["二"] = clamp(sum((s[f"二.{i}"] for i in range(1, 12)), Z), D(29))

    # 三 提升政务服务便利度 (38)
    s["三.1"] = ONE if v["实现综合窗口服务"] else Z
    rate = v["全程网办率"]
    x = ONE if rate >= D(93) else HALF if D(90) <= rate <= D(92) else Z
    rate = v["许可零跑腿比例"]
    x += ONE if rate >= D(96) else HALF if D(92) <= rate <= D(95) else Z
    s["三.2"] = clamp(x, ONE)
    missing = v["未对接移动端个数"]
    s["三.3.○1"] = clamp(ONE + (ONE if missing == 0 else Z) - capped(HALF * missing, ONE), ONE)
    x = s["三.3.○1"] + (ONE if v["办事通事项上线抄送"] else Z) + (ONE if v["办事通宣传推广次数"] >= 4 else Z)
    s["三.3"] = clamp(x, THREE)
    s["三.4.○1"] = clamp(THREE - capped(FIFTH * v["省级主题办理不足个数"], THREE), THREE)
    s["三.4.○2"] = clamp(TWO - capped(FIFTH * v["市级主题办理不足个数"], TWO), TWO)
    x = s["三.4.○1"] + s["三.4.○2"] + (ONE if v["一件事线下纳入综合窗口"] else Z)
    s["三.4"] = clamp(x, D(4))
    rate = v["承诺时限压缩比例"]
    x = ONE if rate >= D(91) else D("0.7") if rate >= D(80) else HALF if rate >= D(60) else Z
    rate = v["即办件比例"]
    x += ONE if rate >= D(75) else HALF if rate >= D(60) else Z
    x += ONE if v["平均跑动次数"] <= D("0.05") else Z
    s["三.5"] = clamp(x, THREE)
    x = D(4)
    if not v["乡镇便民中心外网全覆盖"]:
        x -= TWO
    if v["村级服务站外网延伸个数"] < 3:
        x -= TWO
    s["三.6.(1)"] = clamp(x, D(4))
    s["三.6.(2).○1"] = THREE if v["拓展自助办就近办"] and v["上报拓展工作情况"] else Z
    s["三.6.(2).○2"] = clamp(capped(TENTH * v["云岭先锋新增事项数"], ONE), ONE)
    s["三.6.(2)"] = clamp(s["三.6.(2).○1"] + s["三.6.(2).○2"], D(4))
    s["三.6"] = clamp(s["三.6.(1)"] + s["三.6.(2)"], D(8))
    x = (TWO if v["通办事项在昆落地"] else Z) + capped(TENTH * v["跨省通办新增事项数"], ONE)
    s["三.7"] = clamp(x, THREE)
    x = (ONE if v["设置惠企政策窗口"] else Z) + (ONE if v["线上兑现惠企政策"] else Z)
    if not v["抄送利企惠民政策"]:
        x -= HALF
    s["三.8"] = clamp(x, THREE)
    x = ONE if v["电子印章加盖率"] == HUNDRED and v["印章关联配置率"] >= HUNDRED else Z
    if v["每类证照最少应用场景数"] >= 2:
        x += ONE
    if v["推动证照社会化应用"]:
        x += HALF
    s["三.9"] = clamp(x, THREE)
    s["三.10"] = clamp(capped(TENTH * v["免提交纸质材料项数"], ONE), ONE)
    x = capped(TENTH * v["证明事项承诺制办件事项数"], ONE) + capped(TENTH * v["涉企许可承诺制办件事项数"], ONE)
    if not v["按时报送承诺制事项清单"]:
        x -= HALF
    s["三.11"] = clamp(x, TWO)
    x = TWO if v["编制公布容缺受理清单"] else Z
    if not v["按时报送容缺受理清单"]:
        x -= HALF
    s["三.12"] = clamp(x, TWO)
    s["三.13.(1)"] = ONE if v["设置帮办代办窗口"] else Z
    s["三.13.(2)"] = D("1.5") if v["园区代办点开展工作"] else Z
    s["三.13.(3)"] = D("1.5") if v["投资项目全程帮办代办"] else Z
    s["三.13"] = clamp(s["三.13.(1)"] + s["三.13.(2)"] + s["三.13.(3)"], D(4))
    s["三"] = clamp(sum((s[f"三.{i}"] for i in range(1, 14)), Z), D(38))

    # 四 水电气 (7), 五 数据 (4), 六 信用 (3), 七 新增任务 (3)
    s["四.1"] = THREE if v["水电气不动产同步过户"] else Z
    x = ONE if v["低压办电时间"] <= 15 else Z
    x += (ONE if v["水电气报装进驻全覆盖"] else Z) + (ONE if v["水电气报装一站式服务"] else Z)
    x += ONE if v["网络报装时间"] <= 2 else Z
    s["四.2"] = clamp(x, D(4))
    s["四"] = clamp(s["四.1"] + s["四.2"], D(7))
    s["五.1"] = TWO if v["系统数据共享"] else Z
    s["五.2"] = clamp(TWO - capped(FIFTH * v["办件数据缺汇聚月数"], TWO), TWO)
    s["五"] = clamp(s["五.1"] + s["五.2"], D(4))
    ratio = v["承诺数量"] / v["企业数量"]
    s["六.1"] = s["六.2"] = ONE if ratio >= 1 else HALF if ratio >= HALF else Z
    x = (HALF if v["配置信用昆明查询"] and v["信用查询成功"] else Z) + (HALF if v["推进信用承诺容缺应用"] else Z)
    s["六.3"] = clamp(x, ONE)
    s["六"] = clamp(s["六.1"] + s["六.2"] + s["六.3"], THREE)
    s["七"] = clamp(v["新增重点任务得分"], THREE)

    # 八 推进会与报告 (3, from full), 九 激励加分 (≤ 5), 十 扣分 (no bounds)
    s["八.1"] = -capped(THREE_TENTHS * v["未参加推进会次数"], TWO)
    s["八.2"] = -capped(ONE * v["季度报告未按时上报次数"], THREE)
    s["八"] = clamp(THREE + s["八.1"] + s["八.2"], THREE)
    x = Z
    for fact, amount in _BONUSES:
        if v[fact]:
            x += amount
    s["九.1"] = x + capped(THREE_TENTHS * v["营商环境简报刊登次数"], ONE)
    x = HALF if v["联合监督创新"] else Z
    x += capped(ONE * v["纳入全市主题事项个数"], THREE) + capped(HALF * v["典型经验交流发言次数"], ONE)
    s["九.2"] = x + capped(THREE_TENTHS * v["新增e办通服务点位数"], ONE)
    s["九"] = clamp(s["九.1"] + s["九.2"], D(5))
    s["十"] = -(D(5) * v["国家级通报批评项数"] + D(5) * v["央媒负面报道项数"] + THREE * v["省部级通报批评项数"]
               + TWO * v["市政府通报批评项数"] + ONE * v["专项组通报批评项数"])

    total = sum((s[k] for k in ("一", "二", "三", "四", "五", "六", "七", "八")), Z) + s["九"] - max(Z, -s["十"])
    s["总分"] = min(total, HUNDRED)
    return s


_BONUSES = [
    ("国家级发文号召学习", D(4)), ("国家级发文表彰奖励", D(4)), ("国家级在昆现场观摩会", D(3)), ("国家级肯定性批示", D(3)),
    ("央媒正面报道", D(2)), ("省部级发文号召学习", D(3)), ("省部级发文表彰奖励", D(3)), ("省部级在昆现场观摩会", D(2)),
    ("省部级肯定性批示", D(2)), ("市级发文号召学习", D(2)), ("市级发文表彰奖励", D(2)), ("市级现场观摩会", D(1)),
    ("市级肯定性批示", D(1)),
]
