"""Units of measure as published rubrics write them: 平方米, 平米, 万元, 亿立方米, 亩, 分钟, 小时, 岁, 微克/立方米 …

A fact may be declared in any of them (事实「建筑面积」:平方米), and a number in a clause may carry any unit of
the same dimension: 平方米 and 平米 are the same unit; 元, 万元 and 亿元 convert by their factor (exactly: every
factor is a whole number, and a value that would not convert exactly, such as 10分钟 for a fact in 小时, is
refused with a message that says so). 亩 is not converted to 平方米 (1亩 = 666.67平方米 is not exact), and a
unit of one dimension is never compared with another's (面积 with 金额).

Classifiers for counts (次, 项, 人, 名, 张, 台套 …) are another family: any of them counts any count fact, as
before (「每1项」 and 「每1个」 count the same 次数), and 万人 is 10,000 人.
"""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple


class Unit(NamedTuple):
    name: str  # as written
    dimension: str  # 面积, 金额, … ; "count" for the classifiers of counts
    factor: Decimal  # how many of the dimension's smallest unit one of this unit is
    canonical: str  # the spelling the explanation uses (平米 → 平方米)


_WAN = Decimal(10000)
_YI = Decimal(100000000)

# dimension → (unit, factor) in the dimension's smallest unit; the first is the canonical spelling
_TABLE: dict[str, tuple[tuple[str, int | Decimal], ...]] = {
    "面积": (("平方米", 1), ("平米", 1), ("㎡", 1), ("公顷", 10000), ("平方公里", 1000000), ("平方千米", 1000000)),
    "亩": (("亩", 1), ("万亩", _WAN)),
    "金额": (("元", 1), ("千元", 1000), ("万元", _WAN), ("亿元", _YI)),
    "体积": (("立方米", 1), ("万立方米", _WAN), ("万方", _WAN), ("亿立方米", _YI), ("亿方", _YI)),
    "长度": (("米", 1), ("公里", 1000), ("千米", 1000)),
    "时长": (("分钟", 1), ("小时", 60)),
    "重量": (("千克", 1), ("公斤", 1), ("吨", 1000), ("万吨", 10000000)),
    "电量": (("千瓦时", 1), ("万千瓦时", _WAN)),
    "浓度": (("微克/立方米", 1), ("毫克/立方米", 1000)),
    "年龄": (("岁", 1),),
    "学时": (("学时", 1), ("课时", 1)),
}

# Classifiers of counts: any of them counts any count fact (「每1项」「每1个」), and 万X is 10,000 of them.
COUNT_CLASSIFIERS = frozenset(
    "次 个 项 起 件 例 条 家 处 篇 场 期 批 份 户 所 座 台 套 人 年 件次 人次 名 位 张 台套 台次 宗 宗次 辆 艘 册 栋 株 棵 半天"
    " 项次 户次 篇次 种 组 生 类 间 节 块 盏"
    .split()
)
_COUNTED_IN_WAN = ("人", "户", "人次", "件", "个", "张", "份", "册", "株", "棵")

UNITS: dict[str, Unit] = {}
for _dimension, _units in _TABLE.items():
    _canonical = _units[0][0]
    for _name, _factor in _units:
        UNITS[_name] = Unit(_name, _dimension, Decimal(_factor), _name if _factor != 1 else _canonical)
for _name in COUNT_CLASSIFIERS:
    UNITS[_name] = Unit(_name, "count", Decimal(1), _name)
for _name in _COUNTED_IN_WAN:
    UNITS["万" + _name] = Unit("万" + _name, "count", _WAN, "万" + _name)

# A bare 万 or 亿 after a number (「5—10万(含5万)」 of a fact in 元) multiplies the fact's own unit.
MULTIPLIERS = {"万": _WAN, "亿": _YI}

# The units a fact may be declared in (事实「…」:平方米) that measure, rather than count.
MEASURING = frozenset(name for name, unit in UNITS.items() if unit.dimension != "count")


def unit_of(name: str | None) -> Unit | None:
    return UNITS.get(name) if name is not None else None


def same_unit(a: str, b: str) -> bool:
    """平方米 and 平米 are one unit; 元 and 万元 are not (they convert)."""
    ua, ub = UNITS.get(a), UNITS.get(b)
    return ua is not None and ub is not None and ua.dimension == ub.dimension and ua.factor == ub.factor


def convert(number: Decimal, written: str, into: str) -> tuple[Decimal | None, str]:
    """A number written in one unit, in another unit of the same dimension: (value, "") when exact,
    (None, why) when the dimensions differ or the conversion is not exact (10分钟 in 小时).

    A bare 万 or 亿 multiplies the fact's own unit without its prefix: 「5万」 of a fact in 元 is 50000元,
    of a fact in 万元 5万元, of a fact in 公顷 5万公顷."""
    target = UNITS.get(into)
    if target is None:
        return None, f"「{into}」不是计量单位"
    if written in MULTIPLIERS:
        base = into[1:] if into[:1] in MULTIPLIERS and into[1:] in UNITS else into
        return convert(number * MULTIPLIERS[written], base, into)
    unit = UNITS.get(written)
    if unit is None:
        return None, f"「{written}」不是计量单位"
    if unit.dimension != target.dimension:
        return None, f"「{written}」与「{into}」不是同一种量"
    if unit.factor == target.factor:
        return number, ""
    return _exact(number * unit.factor, target.factor, number, written, into)


def _exact(amount: Decimal, divisor: Decimal, number: Decimal, written: str, into: str) -> tuple[Decimal | None, str]:
    from decimal import Inexact, localcontext

    with localcontext() as context:
        context.clear_flags()
        value = amount / divisor
        if context.flags[Inexact]:
            return None, f"{number}{written}换算成{into}除不尽"
    return value, ""


def spellings(name: str) -> tuple[str, ...]:
    """Every way to write the same unit (平方米, 平米, ㎡), longest first, so a facts file may write any of them."""
    return tuple(sorted((other for other in UNITS if same_unit(other, name)), key=len, reverse=True)) or (name,)
