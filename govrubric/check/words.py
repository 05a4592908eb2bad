"""The words conditions are read with: boundary words (达到, 以上, 之前 …), and the measures and units
each kind of fact may be counted or compared in."""

from ..units import COUNT_CLASSIFIERS

# strictly above / below (「超过90%」, 「低于90%」); of these, the words that after a bound on one side say how far past
# it a value is when they compare 「N个百分点」 (「控制在5%以内记6分,超过0.1个百分点扣1分」, check/items.over_by_points)
ABOVE_BY = ("超过", "高于", "大于", "多于")
BELOW_BY = ("低于", "不足", "少于", "小于")
ABOVE_WORDS = (*ABOVE_BY, ">", "\uff1e")
BELOW_WORDS = (*BELOW_BY, "不达", "未达", "未达到", "未达成", "达不到", "不到", "不满", "<", "\uff1c")  # 未达成 (征兵)
# word -> (direction, closed). direction: "ge" (x at or above), "le" (at or below), "eq".
PRE_WORDS = {
    **dict.fromkeys(["达到", "达成", "达", "不低于", "不少于", "大于等于", "大于或等于", "高于或等于", "不小于", "≥", "≧", ">=", "满",
                     "至少"], ("ge", True)),
    **dict.fromkeys(ABOVE_WORDS, ("ge", False)),
    **dict.fromkeys(BELOW_WORDS, ("le", False)),
    **dict.fromkeys(["不超过", "不高于", "不多于", "小于等于", "小于或等于", "低于或等于", "不大于", "≤", "≦", "<=", "至多",
                     "控制在"],  # 控制在1%以内: kept within (四川义务教育「辍学率控制在1%以内」),
                    ("le", True)),
    # 有: 「有5处及以上」 takes its direction from the word after it; alone it is 为
    **dict.fromkeys(["=", "\uff1d", "为", "有", "等于"], ("eq", True)),
}
# 「「火化率」按「指标」,差1个百分点的扣2分」 (殡葬): 按 another fact, only before 差 (grammar BY_REQ) — short of it;
# a word of its own, not among PRE_WORDS (it stands before nothing else)
BY_REQUIREMENT = {"按": ("le", False)}
POST_WORDS = {
    **dict.fromkeys(["以上", "及以上", "或以上"], ("ge", True)),  # 至少配置2组或以上 (农贸市场)
    **dict.fromkeys(["以下", "及以下", "或以下", "以内", "及以内", "内", "之内"], ("le", True)),
    "以外": ("ge", False),
    "以后": ("ge", True),
    "以前": ("le", True),
    "之后": ("ge", False),
    "之前": ("le", False),
}
AMBIGUOUS_WORDS = frozenset({"之前", "之后"})

# any classifier counts any count fact (「每1项」 and 「每1个」 count the same 次数); units.py lists them
COUNT_MEASURES = COUNT_CLASSIFIERS
UNITS_FOR_KIND = {
    "percent": frozenset({"%"}),
    "ratio": frozenset({None}),
    "count": COUNT_MEASURES | {None},
    "rank": frozenset({None, "名", "位"}),
    "days": frozenset({None, "天", "日", "个工作日", "工作日"}),
    "months": frozenset({None, "月", "个月"}),
    "score": frozenset({None, "分"}),
}
STEP_MEASURES = {
    "percent": frozenset({"个百分点", "百分点", "%", "％"}),  # 每降低1%: a percentage point (6.4)
    "rank": frozenset({"名", "位"}),
    "count": COUNT_MEASURES,
    "days": frozenset({"天", "日", "个工作日", "工作日"}),
    "months": frozenset({"月", "个月"}),
    "ratio": frozenset(),
    "score": frozenset({"分"}),
}
DISPLAY_UNIT = {"percent": "%", "rank": "名", "days": "天", "months": "个月", "score": "分"}
