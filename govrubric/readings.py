"""The readings (口径) a rubric can state where its wording admits two meanings.

One registry: each key, the values it may take, its default (the documented, most natural
reading) and whether it can be stated under one item. check/ resolves them (command line
over item over rubric over default) and records every decision it relied on.
"""
from __future__ import annotations

import attrs
from .i18n import built


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
    ReadingKey("加分上限", ("受本项分值限制", "不受本项分值限制", "计入总分"), "受本项分值限制", True,
               "「加…分」能否使本项超过其分值"),
    ReadingKey("加分带入上级", ("不受上级分值限制", "受上级分值限制"), "不受上级分值限制", True,
               "不受本项分值限制的加分带入有分值的上级后,加在上级的得分之上(一直带到总分),还是由上级的分值吸收"),
    ReadingKey("不得分范围", ("本项", "本条"), "本项", True,
               "单独成条的「不得分」是整个指标不得分,还是只是这一条不得分"),
    ReadingKey("每低", ("按整数计", "按比例计", "四舍五入", "不足一步按一步计"), "按整数计", True,
               "按差距计分(「每低1个百分点」「每下降1位」「每差1个」)时,不足一步的部分计不计"),
    ReadingKey("不适用项", ("按满分计", "不计分", "按比例折算"), "按满分计", False,
               "考核对象不含某单位的指标,怎样计入该单位的总分"),
    ReadingKey("边界", (), None, False, "「之前/之后」等边界用词含不含本数"),
    ReadingKey("档间空隙", ("不属于任何一档", "归入低一档"), "不属于任何一档", True,
               "整数写的相邻两档之间的值(「93%得1分,90%—92%得0.5分」中的92.5%)不属于任何一档,还是归入低的一档"),
    ReadingKey("累计加减分", ("限制净值", "分别限制"), "限制净值", True,
               "「累计加减分最高为N分」限制加分与扣分相抵后的结果,还是加分、扣分各自最多N分"),
    ReadingKey("无评分规则", ("得满分", "按评分录入"), "得满分", True,
               "原文给了分值、没有写评分规则的指标,得满分,还是由考核人员打分"),
    ReadingKey("同一事件", ("各自计分", "不重复扣分"), "各自计分", True,
               "比率的档次与按条扣分说的是同一些事件时(「按时整改率100%得1分,存在1条超时未整改扣0.5分」),"
               "第一条超时未整改是否既失去比率的得分、又被扣分"),
    ReadingKey("句末上限", ("整点", "本句"), "整点", True,
               "一点中用分号隔开的几句,最后一句后用逗号写的「扣完N分为止」,限制这一点各句的合计,还是只限制最后一句"),
    ReadingKey("单边档次", ("取最具体的一档", "按书写顺序"), "取最具体的一档", True,
               "从宽到严写的单边档次(「低于3%的扣0.25分,低于2%的扣0.5分」),低于2%的取最具体的一档,"
               "还是按书写顺序取第一个成立的档(扣0.25分,「低于2%」永远轮不到)"),
    ReadingKey("分段差距", ("分段累进", "取最具体的一档", "各自计分"), "分段累进", True,
               "同一事实上一宽一严的两档按差距计分(「低于96%的,每降低1个百分点扣0.25分;低于90%的,每降低1个百分点扣0.5分」):"
               "各档只计自己的一段(96%至90%按0.25分、90%以下按0.5分),还是低于90%的全部差距按严的一档计,"
               "还是两档各从自己的界限算起、都计"),
    ReadingKey("超出幅度", ("每步计", "计一次"), "每步计", True,
               "「控制在5%以内记6分,超过0.1个百分点扣1分」:超出5%每0.1个百分点扣1分,还是超出0.1个百分点以上只扣1分"),
    ReadingKey("否决与扣分", ("扣分照扣", "一律得0分"), "扣分照扣", True,
               "同一指标里否决(「此项不得分」)生效、而扣分已使本项低于0分时(本项可为负分),否决后已扣的分照扣,还是本项一律得0分"),
    ReadingKey("句末视情", ("整点", "本句"), "整点", True,
               "「……,得10分;……,得10分,按实际情况评分」:最后的「按实际情况评分」说的是这一点用分号隔开的各句(各按情况给0到N分),"
               "还是只说最后一句"),
    ReadingKey("发生一起的", ("每起计", "计一次"), "每起计", True,
               "「发生了一起……的扣8分」:每发生一起扣一次,还是发生了(一起以上)只扣一次"),
    ReadingKey("一票否决", ("按0分确定", "定为不合格"), "按0分确定", False,
               "「…的,实行一票否决」没有写后果:考核得分按0分确定,还是定为最低的等次(不合格)、得分不变"),
    ReadingKey("同句得分", ("扣分的起点", "条件成立才得"), "扣分的起点", True,
               "一句以「得N分」开头、逗号后另写事实的扣分:N分是这一句扣分的起点(不论「得N分」的条件是否成立),"
               "还是条件成立才得的分"),
    ReadingKey("本点扣分", ("从本点分值扣", "从本项扣"), "从本点分值扣", True,
               "有自己分值的一点(「(1)……,记1分;否则扣1分」「(3)……,记2分;每少签两个……的扣1分」)里的扣分:从这一点的N分里扣"
               "(这一点不低于0分),还是从本项扣(可能吃掉别的点的分)"),
    ReadingKey("两组单位", ("归入前一组", "两组都计"), "归入前一组", True,
               "「在「…」以上的单位……;在「…」以下的单位……」两组单位都含恰等于「…」的单位(以上、以下都含本数):"
               "这样的单位只算在前一组,还是两组都计分"),
    ReadingKey("并列情形", ("合并计一次", "各自计分"), "合并计一次", True,
               "用「、」「或」并列的几种情形(「没有编制清单、没有明确时限的,扣1.5分」)同时出现时,合并扣一次还是每种各扣一次"),
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
        path = _plain_path(path.strip())
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


def _plain_path(path: str) -> str:
    """An item path as check.py writes it: 三、2 and 三．2 are 三.2, （2） is (2)."""
    text = path.translate(str.maketrans({"（": "(", "）": ")", "、": ".", "．": "."}))
    return ".".join(part for part in text.split(".") if part)


def unknown_paths(model, overrides) -> list:
    """GR217 for every override naming an item the rubric does not have (with the closest path), so a
    typo is not scored as if the reading had been applied."""
    from .diagnostics import closest, make

    paths = [node.path for node in model.nodes()]
    problems = []
    for override in overrides:
        if override.path is None or override.path in paths:
            continue
        hint = closest(override.path, paths)
        problems.append(make(
            "GR217", detail=built("口径「{override_path}:{override_key}={override_value}」中的指标「{override_path}」不存在",
                                  override_path=override.path, override_key=override.key, override_value=override.value),
            help=(f"是不是「{hint}」?" if hint else _nearby(override.path, paths))
                 + "指标写作编号路径,如「三.2」「一.1.(2)」;govrubric lint --decisions 列出各指标的路径"))
    return problems


def _nearby(path: str, paths: list[str]) -> str:
    """The items under the longest part of `path` that exists: 「三.9」 → 三之下有:三.1、三.2 …"""
    parts = path.split(".")
    for size in range(len(parts) - 1, -1, -1):
        prefix = ".".join(parts[:size])
        under = [p for p in paths if p.count(".") == size and (not prefix or p.startswith(prefix + "."))]
        if under:
            where = f"「{prefix}」之下有" if prefix else "第一层有"
            return f"{where}:{_listed(under)}。"
    return ""


def applied(model, overrides) -> list[str]:
    """For each override, where it took effect (Chinese, one line each): how many readings the scores
    rely on came from it, and which items kept a reading of their own (a rubric-wide reading never
    replaces what an item states)."""
    stated = _stated_per_item(model)
    order = {node.path: index for index, node in enumerate(model.nodes())}
    lines = []
    for override in overrides:
        given = f"{override.path}:" if override.path else ""
        given += f"{override.key}={override.value}"
        used = [d for d in model.decisions if d.key == override.key and d.origin == "命令行"
                and (override.path is None or d.path == override.path or (d.path or "").startswith(override.path + "."))]
        kept = [] if override.path else sorted(stated.get(override.key, []), key=lambda entry: order.get(entry[0], -1))
        if used:
            places = sorted({d.path or "全细则" for d in used}, key=lambda path: order.get(path, -1))
            line = f"口径「{given}」用于{len(used)}处({_listed(places)})"
        else:
            line = f"口径「{given}」没有用到:细则中没有哪一处的得分取决于它,得分不变"
        if kept:
            line += (f";以下{len(kept)}处仍按细则在指标下写明的口径计分:"
                     + "、".join(f"{path}({override.key}:{value})" for path, value in kept))
        lines.append(line)
    return lines


def _stated_per_item(model) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for decision in model.decisions:
        if decision.origin == "写明" and decision.path is not None:
            entry = (decision.path, decision.value)
            if entry not in found.setdefault(decision.key, []):
                found[decision.key].append(entry)
    return found


def _listed(places: list[str], most: int = 8) -> str:
    return "、".join(places[:most]) + (f"等{len(places)}处" if len(places) > most else "")

