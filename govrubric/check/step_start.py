"""Where a step counts from (language.md 6.4「每…从哪里算起」): the one rule for a 每… step written after a tier on
the same fact — 「「座数」达到1座的,得10分;每增加一座加5分」, 「为1座的,得10分;「座数」每增加一座加5分」,
「1座,得10分;每增加一座加5分」, 「达到95%得5分;每降低1个百分点扣0.5分」.

The words after 每 say the step's side (start_points.direction: 每增加、每多、每超过、每提高 … up; 每减少、每少、每低、
每降低 … down). A step with a side, with no subject of its own or naming the tier's fact again (「「座数」每增加一座」:
the same step, the name only restated), counts from the threshold N of the tier written just before it, whatever the
tier's wording:

  tier before the step            step up (每增加)                       step down (每减少)
  ≥ N  (达到N, N以上, 不少于N)    from N, while the tier holds           from N, where it does not hold
  ≤ N  (不超过N, N以下)           from N, where it does not hold         from N, while the tier holds
  = N  (为N, N的, 有N的, N座)     the tier is 达到N: from N (when        asked (GR210): do units above N earn it?
                                  tier and step both earn or both deduct;
                                  else asked, GR210)
  = 0 of a count, = 100% of a     the tier is 不超过0: from 0            the tier is 达到100%: from 100%;
  percentage (the edges)                                                  为0 of a count: the fact itself (6.3)

(after_tier and requirement_before_step carry it out; a rate named again in a later sentence counts from the nearest
earlier tier on it, earlier_threshold.) Hand reading, 「座数」 3, 1, 0: 10 + (3 − 1) × 5 = 20, 10, 0 for each wording of
the tier above; counted from 0 instead, 为1座 gave 15, 15 and a restated 「座数」每增加 25, 15 (SW6, both silent).

The bare 1 (「1座,得10分」) is on its own each one (clauses.one_each); before a step up in the same sentence it is the
requirement 达到1座 (as_requirement). Where the words do not settle which is meant, the reading is asked (GR221), not
guessed: a step down after it, a step in a later sentence, a step without a side.

A step without a side (「每座加5分」) after a tier at N ≠ 0 on the count it counts: every seat, or each beyond N?
Published rubrics write the step beyond a requirement with its side (每增加一座); 「每座」 after 「1座得10分」 is read
either way, so it is asked (GR221) with both wordings: 「每增加一座…」 from N, 「「座数」每座…」 (the fact named again)
every one."""
from __future__ import annotations

from decimal import Decimal

import attrs

from .. import ast
from .. import model as m
from ..diagnostics import WARNING
from ..i18n import built
from ..numerals import format_decimal
from ..source import Span
from .conditions import describe_interval
from .start_points import STEP_LEADS, direction

CONTINUE = "continue"  # the bare count is the requirement; the step counts from it
ASK = "ask"  # a step follows, but the words do not say from where it counts

_SAME_SENTENCE = (",", ",", ";", ";", "、")


@attrs.frozen
class Following:
    """The 每… clause written just after a tier, on the tier's fact: its step, side (up, down or None) and whether it
    is in the same sentence (joined by ,;、)."""

    per: ast.Per
    side: str | None
    joined: bool  # after 「,」「;」「、」
    restated: bool  # the step names the tier's fact again: 「「座数」每增加一座」


def following(clauses, index: int, source_text: str) -> Following | None:
    """The step after clauses[index], when it is on the same fact as the clause's tier: no subject of its own, or the
    tier's fact named alone (「「座数」每增加一座」). None for anything else."""
    if index + 1 >= len(clauses):
        return None
    clause, after = clauses[index], clauses[index + 1]
    first = after.tiers[0]
    per = first.body
    if not isinstance(per, ast.Per) or per.lead not in STEP_LEADS or per.shortfall is not None:
        return None
    subject = _subject(clause.tiers[0].cond)
    restated = first.cond is not None
    if restated and (subject is None or not isinstance(first.cond, ast.CondTrue) or first.cond.after is not None
                     or _subject(first.cond) != subject):
        return None
    between = source_text[clause.span.end:after.span.start].strip()
    return Following(per, direction(per), between in _SAME_SENTENCE, restated)


def step_after(clauses, index: int, source_text: str) -> tuple[str, ast.Per] | None:
    """What the clause after clauses[index] says about a bare count in it: (CONTINUE, step) when it is a step up in the
    same sentence, (ASK, step) when it is another step on the same count (down, in a later sentence, or without a
    side: 「每座加5分」), None when no 每… on the count follows."""
    step = following(clauses, index, source_text)
    if step is None or (step.side is None and step.per.lead != "每"):
        return None
    if step.side == "above" and step.joined:
        return CONTINUE, step.per
    return ASK, step.per


def requirement_before_step(checker, rule, step: Following | None):
    """「为1座的,得10分;每增加一座加5分」: the last tier of the rule just before a step up, when it is a single value
    N ≠ 0 on the step's fact, read as the requirement 达到N the step counts from (the table above): the tier earns
    for every unit at N or beyond, the step adds for each beyond N. 「「面商率」为100%的,记5分;每降低1个百分点」:
    100% of a percentage before a step down is 达到100% (no unit is above it). The words and the explanation keep
    what was written (符合「为1座」(≥ 1)). Anything else as it is."""
    if step is None or step.side is None or not isinstance(rule, m.Tiered) or rule.written_reversed:
        return rule
    tier = rule.tiers[-1]
    test = tier.test
    if not (isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.every is None):
        return rule
    interval, kind = test.interval, test.operand.kind
    if interval.low is None or interval.low != interval.high or not (interval.low_closed and interval.high_closed):
        return rule
    at = interval.low
    if step.side == "above" and kind != "rank" and at != 0 and _agree(tier.outcome, step.per.outcome):
        reading = m.Interval(at, True, None, False)
    elif step.side == "below" and kind == "percent" and at == 100:
        reading = m.Interval(at, True, None, False)
    else:
        return rule
    test = attrs.evolve(test, interval=reading, meaning=describe_interval(reading, test.unit))
    return attrs.evolve(rule, tiers=(*rule.tiers[:-1], attrs.evolve(tier, test=test)))


def _agree(outcome: m.Outcome, step: ast.Outcome) -> bool:
    """Whether a tier's result and the step's say the same (得/加 with 加, 扣 with 扣): 「为1座的,得10分;每增加一座加
    5分」 adds on top of the 10, so 3 座 earn them; 「「投诉件数」为3件的,得10分;每超过1件扣2分」 says nothing of 1 件
    (an allowance of 3, or exactly 3?): asked (GR210), not read as 达到3件."""
    if step.kind in ("bonus", "award"):
        return outcome.kind in ("award", "bonus")
    return step.kind == "deduct" and outcome.kind == "deduct"


def continues_tier(before, rule, step: Following | None) -> bool:
    """「「率」达到95%得5分;每降低1个百分点扣0.5分」: a step with a side, in the same sentence or after 「;」 or 「。」,
    counted from the threshold of the one-tier award just before it — the fact named again or not (「…,「率」每降低…」)
    — goes on from that award, as a step after a comma without a subject does (language.md 8「一句的起点」): 94% earns
    5 − 0.5, not 0 − 0.5 taken from the item's other lines. After a full stop too (「达到95%得5分。每降低1个百分点扣
    0.5分」, swstep's note): the step counts from the award's own line, the two sides of it, so it can only be the
    award's deduction — read as another sentence it applied only where the 5 points were not earned and ate the other
    lines' points (24.5 for 29.5)."""
    if step is None or step.side is None or not isinstance(rule, m.PerStep) or not isinstance(before, m.Tiered):
        return False
    test = before.tiers[-1].test
    return isinstance(test, m.InRange) and test.operand == rule.operand


def steps_on(before, rule) -> bool:
    """「达到4座的,得10分;每多一座加1分;每少一座扣1分」: a step counted from the tier just before it leaves that tier
    the one the next step counts from — both steps run from 4座 (6 座 10 + 2, 3 座 10 − 1 in its sentence), not the
    second from 0 (before SW6: 6 座 10 + 2 − 6 = 6, silently)."""
    if not (isinstance(rule, m.PerStep) and isinstance(before, m.Tiered)):
        return False
    test = before.tiers[-1].test
    return isinstance(test, m.InRange) and test.operand == rule.operand and rule.threshold in (
        test.interval.low, test.interval.high)


def without_side(before, per: ast.Per, counted: str | None) -> m.InRange | None:
    """「达到1座的,得10分;每座加5分」: the tier just before a 每… step without a side (no subject of its own) on the
    same count, at N ≠ 0 — every seat, or each beyond N? — to be asked; None where the two readings agree (为0, no
    such tier)."""
    if per.lead != "每" or direction(per) is not None or per.shortfall is not None or counted is None:
        return None
    if not isinstance(before, m.Tiered) or before.written_reversed:
        return None
    test = before.tiers[-1].test
    if not (isinstance(test, m.InRange) and isinstance(test.operand, m.FactRef) and test.operand.name == counted
            and test.every is None and test.operand.kind in ("count", "days", "months", "quantity")):
        return None
    interval = test.interval
    ends = {x for x in (interval.low, interval.high) if x is not None}
    return test if ends and ends != {0} else None


def ask_without_side(checker, test: m.InRange, per: ast.Per, measure: str) -> None:
    """GR234 for 「达到1座的,得10分;每座加5分」: both readings, in the writer's words."""
    words = checker.source.text[per.span.start:per.outcome.span.start].rstrip(",,的")
    interval = test.interval
    amount = f"{format_decimal(interval.low if interval.low is not None else interval.high)}{measure}"
    checker.err("GR234", per.span, step=words, earlier=test.text,
                help=built("从{amount}算起写作「每增加一{measure}…」;每{measure}都计写作「「{name}」{step}…」",
                           amount=amount, measure=measure, name=test.operand.name, step=words))


def _subject(cond) -> str | None:
    if isinstance(cond, (ast.CondCompare, ast.CondTrue)) and len(cond.operand.names) == 1 and cond.operand.expr is None:
        return cond.operand.names[0].text
    return None


def as_requirement(operand: ast.Operand, count: Decimal, measure: str, text: str, span: Span,
                   outcome: ast.Outcome, tier: ast.Tier) -> ast.Tier:
    """「1座,得10分」 read as 「达到1座的,得10分」, the words kept (explanation: 符合「1座」(≥ 1))."""
    value = ast.Value(count, measure, text, span)
    comparison = ast.Comparison("pre", value, pre="达到", text=text, span=span)
    return ast.Tier(ast.CondCompare(operand, comparison, span), outcome, tier.span)


def ask(checker, text: str, count: Decimal, measure: str, span: Span, step: ast.Per) -> None:
    """GR221 with both wordings: the requirement the step counts from, or each one."""
    amount = f"{format_decimal(count)}{measure}"
    words = checker.source.text[step.span.start:step.outcome.span.start].rstrip(",,的")
    if direction(step) is None:  # 「1座,得10分;每座加5分」: every seat, or those beyond the first?
        help = built("后面的「{step}」数的是全部,还是{amount}以外的,不明。从{amount}算起写作「达到{amount}的,…;"
                     "每增加一{measure}…」;每{measure}都计分写作「每{measure}得…」", step=words, amount=amount, measure=measure)
    else:
        help = built("后面的「{step}」从哪里算起不明。从{amount}算起写作「达到{amount}的,…;{step}…」;"
                     "每{measure}都计分写作「每{measure}…」", step=words, amount=amount, measure=measure)
    checker.err("GR221", span, text=text, count=amount, help=help)


# the words in a fact's name that say it counts what is missing (「缺项数」, 「少完成清洁生产审核家数」, 「未登记…人数」)
_SHORT_WORDS = ("少", "缺", "未", "没", "无", "不", "欠", "漏", "差")


def warn_short_of_nothing(checker, name: str, step: ast.Per, span: Span) -> None:
    """A step down (每少1张, 少一次, 每缺) with no requirement or tier to count from counts the fact itself, read as the
    number missing (「缺项数」每缺一项, 「未登记人数」每少一人). When the fact's name does not say it counts what is missing
    (「张贴公告张数」每少1张扣0.5分), it may be the number done, and then every one done is deducted — the more done, the
    more deducted (field trial 7, SW7-5): scored as before, with a warning (GR235) that gives both wordings."""
    if direction(step) != "below" or any(word in name for word in _SHORT_WORDS) or getattr(checker, "step_after_tier", False):
        return
    words = checker.source.text[step.span.start:step.outcome.span.start].rstrip(",,的")
    checker.err("GR235", span, severity=WARNING, step=words, name=name,
                help=built("「{name}」是做到的数时,写出要求:「「{name}」不少于3{measure},{step}…」(3 换成原文的要求);"
                           "数的就是少了的时,在名称中写明(「少…数」「缺…数」「未…数」)",
                           name=name, step=words, measure=step.measure or "次"))
