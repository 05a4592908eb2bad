"""The readings (口径) a rubric can state where its wording admits two meanings.

One registry: each key, the values it may take, its default (the documented, most natural
reading) and whether it can be stated under one item. check/ resolves them (command line
over item over rubric over default) and records every decision it relied on.
"""
from __future__ import annotations

import attrs


@attrs.frozen
class ReadingKey:
    key: str
    values: tuple[str, ...]
    default: str | None  # None: inferred per item (计分方式)
    per_item: bool
    question: str  # what the wording leaves open


READINGS: dict[str, ReadingKey] = {r.key: r for r in (
    ReadingKey("计分方式", ("按条款推断", "从满分扣减", "从零计分"), None, True,
               "只写了扣分(或既有得分又有扣分)的指标,从满分扣减还是从0计分"),
    ReadingKey("扣分下限", ("到0为止", "可为负分"), "到0为止", True,
               "没有写「扣完为止」的扣分超过本项分值时,到0为止还是把负分带入上级"),
    ReadingKey("加分上限", ("受本项分值限制", "不受本项分值限制"), "受本项分值限制", True,
               "「加…分」能否使本项超过其分值"),
    ReadingKey("不得分范围", ("本项", "本条"), "本项", True,
               "单独成条的「不得分」是整个指标不得分,还是只是这一条不得分"),
    ReadingKey("每低", ("按整数计", "按比例计"), "按整数计", True,
               "按差距计分(「每低1个百分点」「每下降1位」「每差1个」)时,不足一步的部分计不计"),
    ReadingKey("不适用项", ("按满分计", "不计分", "按比例折算"), "按满分计", False,
               "考核对象不含某单位的指标,怎样计入该单位的总分"),
    ReadingKey("边界", (), None, False, "「之前/之后」等边界用词含不含本数"),
)}


@attrs.frozen
class Override:
    """A reading given on the command line: 计分方式=从零计分, or 三.2:计分方式=从零计分."""

    key: str
    value: str
    path: str | None = None


def parse_override(text: str) -> tuple[Override | None, str | None]:
    """(override, None) or (None, Chinese reason it is not one)."""
    path = None
    body = text.strip()
    head = body.split("=", 1)[0].replace("\uff1a", ":")  # full-width ： as well
    if ":" in head:
        path, _, body = body.replace("\uff1a", ":", 1).partition(":")
        path = path.strip()
    key, eq, value = body.partition("=")
    key, value = key.strip(), value.strip()
    if not eq or key not in READINGS:
        known = "、".join(k for k in READINGS if k != "边界")
        return None, f"「{text}」不是口径设置;写作「口径=取值」,口径可以是:{known}"
    reading = READINGS[key]
    if key == "边界":
        return None, "「边界」口径请写在细则里"
    if value not in reading.values:
        return None, f"口径「{key}」只能取:{'、'.join(reading.values)}"
    if path is not None and not reading.per_item:
        return None, f"口径「{key}」只能对整个细则设置"
    return Override(key, value, path), None
