"""Per-step scoring that starts where a requirement is written (language.md 6.4): 「「次数」不少于四次,每少一次扣1.25分」
(the requirement, then what each missing occurrence costs) and 「「次数」不少于四次加2分,每增加一次加1分」 (a tier, then
what each occurrence beyond its threshold adds).

After these checks the step runs from the threshold the author wrote, in the direction the wording after 每 says
(每少、每低、每减少 … below it; 每增加、每多、每超过 … above it), and only while the unit is on that side. Which tier a
step counts from, and what a single value (为1座) before it is, is one rule: step_start.py."""
from __future__ import annotations

import re
from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from .conditions import describe_interval
from ..numerals import format_decimal

# what the words after 每 say about the direction of the step (longest first, so 减少 is not read as 少)
_BELOW = ("减少", "降低", "下降", "不足", "少", "低", "缺", "减")  # not 差: 每差1个 is either way
_ABOVE = ("增加", "超过", "超出", "上升", "提高", "多", "超", "增", "高")
# the verbs that stand for 每 and say the side themselves (language.md 6.3, 6.4): 「不少于2次,少一次扣3分」 is 每少一次,
# 「至少2条,缺一条扣4分」 每缺一条 — counted from the requirement, as with 每 (field trial 4, SW4-7)
_SHORT_LEADS = ("缺少", "少", "缺")
# 「达92% 12分,下降1个百分点扣1分」「控制在3%以内(12分),上升1个百分点扣1分」 (field trial 6): a gap verb with no 每 is
# 每下降, 每上升 — a step of 1 from the threshold before it, as 少一次 is 每少一次 (any other step: GR221)
_GAP_LEADS = {"下降": "below", "降低": "below", "上升": "above", "提高": "above"}
STEP_LEADS = ("每", *_SHORT_LEADS, *_GAP_LEADS)  # the leads of a 每… clause that may run from the tier written before it


def direction(per: ast.Per) -> str | None:
    """"below" for 每少一次, "above" for 每增加一次, None where the words after 每 do not say."""
    if per.lead in _SHORT_LEADS:
        return "below"
    if per.lead in _GAP_LEADS:
        return _GAP_LEADS[per.lead]
    words = (per.filler or "").strip()
    for word in sorted(_BELOW + _ABOVE, key=len, reverse=True):
        if words.startswith(word):
            return "below" if word in _BELOW else "above"
    return None


def requirement_side(test: m.InRange, per: ast.Per, kind: str, value: ast.Value | None) -> m.InRange | None:
    """「不少于四次,每少一次扣1.25分」: the condition is the requirement and 每少 the shortfall, so the step applies
    where the requirement is not met: the complement of the condition (少于四次), worded so. None when the
    words after 每 agree with the condition's side (「低于90%的,每低1个百分点」) or do not say; names of places
    (名次) read 下降 the other way, and are left as written."""
    side = direction(per)
    interval = test.interval
    if side is None or kind == "rank" or value is None or (interval.low is None) == (interval.high is None):
        return None
    if side == "below" and interval.low is not None:
        flipped = m.Interval(None, False, interval.low, not interval.low_closed)
        word = "少于" if interval.low_closed else "不超过"
    elif side == "above" and interval.high is not None:
        flipped = m.Interval(interval.high, not interval.high_closed, None, False)
        word = "超过" if interval.high_closed else "不少于"
    else:
        return None
    return attrs.evolve(test, interval=flipped, text=f"{word}{value.text or format(value.number)}",
                        meaning=describe_interval(flipped, test.unit))


def after_tier(before: m.Rule | None, per: ast.Per, facts=None) -> m.InRange | None:
    """「不少于四次加2分,每增加一次加1分」: the tier written just before a 每… clause without a subject, when it is a
    one-sided comparison on a count whose side the words after 每 continue (每增加 after 不少于, 每减少 after 少于):
    its condition, from whose threshold the steps run. On the other side (每少 after 不少于4次, 每超过 after 不超过10件):
    the tier's complement, worded so (少于4次), where the steps run from the same threshold. None otherwise."""
    side = direction(per)
    if side is None or not isinstance(before, m.Tiered) or before.written_reversed:
        return None
    test = before.tiers[-1].test
    if not isinstance(test, m.InRange):
        return None
    test = _edge_as_requirement(test, side)
    interval = test.interval
    if (interval.low is None) == (interval.high is None):
        return None
    kind = _kind(test.operand)
    if kind == "rank":
        return None  # 名次 read 下降 the other way: left as written
    # the same side (「不少于四次加2分,每增加一次加1分」, 「达到90%得5分;每提高1个百分点加0.5分」): from the threshold,
    # while the tier holds
    if side == "above" and interval.low is not None:
        return test
    if side == "below" and interval.high is not None:
        return test
    # the other side (field trial 3, SW7, SW8): 「不少于4次得1分,每少1次扣0.5分」, 「不超过10件的不扣分,每超过1件扣1分」,
    # 「达到90%的得5分,每低1个百分点扣0.5分」: the tier states the requirement or allowance, the step counts from its
    # threshold on the side where it is not met
    if side == "below" and interval.low is not None:
        flipped = m.Interval(None, False, interval.low, not interval.low_closed)
        word, at = ("少于" if interval.low_closed else "不超过"), interval.low
    elif side == "above" and interval.high is not None:
        flipped = m.Interval(interval.high, not interval.high_closed, None, False)
        word, at = ("超过" if interval.high_closed else "不少于"), interval.high
    else:
        return None
    operand = test.operand
    if isinstance(operand, m.Arith) and operand.relation is not None:
        # 「完成数」不低于「任务数」的得3分,每少完成1个扣1分 (field trial 4): the other side of the same two values
        symbol = {"少于": "<", "不超过": "≤", "超过": ">", "不少于": "≥"}[word]
        said = {"少于": "低于", "不超过": "不超过", "超过": "超过", "不少于": "不低于"}[word]
        # the other value as written, without (含) or the word after it (达到「全省平均水平」以上: 低于「全省平均水平」)
        other = re.sub(r"(?:[(（]不?含[)）]|[及或]?以[上下内])+$", "", test.text[test.text.index("「"):]) if "「" in test.text else ""
        return attrs.evolve(test, operand=attrs.evolve(operand, relation=symbol), interval=flipped,
                            text=f"{said}{other}", meaning=test.meaning.replace(f" {operand.relation} ", f" {symbol} ", 1))
    fact = (facts or {}).get(operand.name) if isinstance(operand, m.FactRef) else None
    measure = test.unit or (fact.measure if fact is not None and fact.measure else "") or _measure_in(test.text)
    shown = format_decimal(at)
    if kind == "ratio" and measure in ("%", "％"):  # 「甲」÷「乙」≦100%: the share 1 as written, 100%
        shown = format_decimal(at * 100)
    return attrs.evolve(test, interval=flipped, text=f"{word}{shown}{measure}",
                        meaning=describe_interval(flipped, test.unit))


def single_value(before: m.Rule | None) -> m.InRange | None:
    """The last tier written before a 每… clause when it tests a single value of what cannot be counted step by step
    on its own (「「率」95%,记5分」), else None: after a count (「「缺少项数」为0的,记1分;少一项,扣0.25分」) the clause
    counts the fact itself (language.md 6.3)."""
    if not isinstance(before, m.Tiered) or not isinstance(test := before.tiers[-1].test, m.InRange):
        return None
    interval = test.interval
    if interval.low is None or interval.low != interval.high:
        return None
    if (isinstance(test.operand, m.FactRef) and test.operand.kind in ("count", "days", "months", "quantity")
            and interval.low == 0):
        return None  # 「缺少项数」为0的,记1分;少一项: the count itself
    return test


def _kind(operand) -> str:
    return "ratio" if isinstance(operand, m.Ratio) else operand.kind


def _edge_as_requirement(test: m.InRange, side: str) -> m.InRange:
    """「「面商率」100%,记5分,少一个百分点扣1分」, 「「预算完成率」100%计满分,每低于5%扣2分」 (field trial 4): a tier that
    is a single value, at the edge of what the operand can be on the other side of the step — 100% of a percentage
    before a step below it, 0 of a count before a step above it — is the requirement (达到100%, 不超过0): no value
    lies beyond it, so 「=100%」 and 「≥100%」 hold for the same units. Any other single value is left as written: a
    tier just before a step up was already read as 达到N (step_start.requirement_before_step, 「为1座的,得10分;每增加
    一座加5分」), and before a step down it is asked (GR210, single_value)."""
    interval = test.interval
    if interval.low is None or interval.low != interval.high or not (interval.low_closed and interval.high_closed):
        return test
    kind, at = _kind(test.operand), interval.low
    fact = isinstance(test.operand, (m.FactRef, m.Ratio))  # a sum or a difference may go past either edge
    if fact and side == "below" and kind == "percent" and at == 100:
        edge = m.Interval(at, True, None, False)
    elif fact and side == "above" and kind in ("count", "days", "months", "percent", "ratio", "quantity") and at == 0:
        edge = m.Interval(None, False, at, True)
    else:
        return test
    return attrs.evolve(test, interval=edge)


def _measure_in(text: str) -> str:
    """The measure word after the number of a tier as written: 不超过10件 → 件, 不少于四次 → 次, 5个工作日内 → 个工作日."""
    found = re.search(r"[0-9.０-９一二三四五六七八九十百千两]+([^0-9.０-９(（,,;;的]*)", text)
    if found is None:
        return ""
    words = found.group(1)
    for tail in ("及以上", "及以下", "以内", "以上", "以下", "之内", "内", "上", "下"):
        # 控制在110以内: nothing but the comparison word after the number (field trial 6, SW6-3 wrote 「超过110以」)
        if words.endswith(tail):
            words = words[: -len(tail)]
            break
    return words


_POINT_MEASURES = ("个百分点", "百分点", "%", "％")


def share_points(operand: m.Operand, measure: str | None) -> Decimal:
    """100 when the step is a percentage point (每超过一个百分点) and the operand a share: 「甲」÷「乙」 (1.05 for 105%,
    as a comparison with 100% reads it), or a share plus or minus a number (「甲」÷「乙」-1). A published rate is
    (甲/乙)×100%, so 1.05 is 5 points past 100%, not 0.05 (field trial 4, SW4-4). 1 otherwise: a ratio multiplied out
    (「甲」÷「乙」×100 is already in points) or a step in the operand's own units."""
    return Decimal(100) if measure in _POINT_MEASURES and _share(operand) else Decimal(1)


# a bound written as a share (105%, 10‰, 百分之五, 1/200): a percentage point is 0.01 of the ratio it is compared with
_WRITTEN_AS_SHARE = re.compile(r"[%％‰]|百分之|千分之|万分之|/")
# a bare bound at least this large on a 比值 fact is already in points (性别比 110, a price index 103), not a share
INDEX_AT_LEAST = Decimal(10)


def written_in_points(operand: m.Operand, test: m.InRange, threshold: Decimal) -> bool | None:
    """A declared 比值 fact against a bare number with a step in 百分点 (「「出生婴儿性别比」控制在110以内记10分,每上升1
    个百分点扣0.5分」, field trial 6 SW6-3): the fact and the number are in one unit, and from 10 up that unit is a
    point (110 is boys per 100 girls), so a percentage point is 1 of it, not 0.01 (which read 112 as 200 points over).
    True then; None for a bare number under 10 (1.05: a share, or points?), which is asked, not guessed; False for
    everything else (a quotient 「甲」÷「乙」 or a bound written as a share keep their points × 100)."""
    if not (isinstance(operand, m.FactRef) and operand.kind == "ratio") or _WRITTEN_AS_SHARE.search(test.text):
        return False
    return True if threshold >= INDEX_AT_LEAST else None


def _share(operand) -> bool:
    if isinstance(operand, m.Ratio):
        return True
    if isinstance(operand, m.FactRef):
        return operand.kind == "ratio"
    if isinstance(operand, m.Arith) and operand.kind == "ratio":
        if operand.op == "/":
            return not isinstance(operand.right, m.Const) or _share(operand.left)
        if operand.op in ("+", "-"):
            return (_share(operand.left) and isinstance(operand.right, m.Const)) or \
                (isinstance(operand.left, m.Const) and _share(operand.right))
    return False


def share_of_another(test: m.InRange, measure: str | None) -> m.InRange:
    """「「普查人数」达到「农村总人口」的10%不扣分,每降低1%扣1分」 (卫生, field trial 4): a count against a share of another
    count, its gap in percentage points — of the rate 普查人数 ÷ 农村总人口, as 「达到……的10%」 names it, not of persons. The
    same test on the quotient: 「普查人数」÷「农村总人口」 against 0.1 (its gap then × 100, share_points). Unchanged otherwise."""
    operand = test.operand
    if not (measure in _POINT_MEASURES and isinstance(operand, m.Arith) and operand.relation is not None
            and operand.op == "-" and isinstance(operand.left, m.FactRef) and isinstance(operand.right, m.Arith)
            and operand.right.op == "*" and isinstance(operand.right.left, m.FactRef)
            and isinstance(operand.right.right, m.Const) and operand.kind in ("count", "quantity")):
        return test
    base, share = operand.right.left, operand.right.right.value
    quotient = m.Arith("/", operand.left, base, "ratio", f"「{operand.left.name}」÷「{base.name}」")
    interval = test.interval
    moved = m.Interval(None if interval.low is None else interval.low + share, interval.low_closed,
                       None if interval.high is None else interval.high + share, interval.high_closed)
    return attrs.evolve(test, operand=quotient, interval=moved, unit="", meaning=describe_interval(moved, ""))


def earlier_threshold(rules, name: str, per: ast.Per, facts) -> m.InRange | None:
    """「资金发放率达到100%,得4分。……损失性补偿资金发放率每下降1%扣0.2分」 (绍兴林业): a step on a rate named alone, no
    threshold in its own sentence, counts from the threshold the item wrote for the same rate earlier — the nearest
    earlier tier that tests it on one side — as if written just after it (after_tier). None when the item wrote none
    (「得分率每下降2%」 alone: from 100%? from last year? asked, not guessed)."""
    nearest = earlier_tier(rules, name)
    return None if nearest is None else after_tier(nearest, per, facts)


def earlier_tier(rules, name: str) -> m.Tiered | None:
    """The nearest tier written earlier in the item that tests the fact `name` (as a rule of that one tier)."""
    for rule in reversed([r for r in rules if isinstance(r, m.Tiered)]):
        for tier in reversed(rule.tiers):
            test = tier.test
            if isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.operand.name == name:
                return attrs.evolve(rule, tiers=(tier,), written_reversed=False)
    return None

