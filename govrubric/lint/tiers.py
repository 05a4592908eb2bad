"""GL3xx: tiers. Values no tier covers, values two tiers claim, boundaries the wording leaves open,
amounts that run against the order of ranks or levels.

Overlap rule. Tiers are tried in writing order and the first that holds wins, so an overlap
never makes a score ambiguous; it shows that the author's tiers do not meet the way the
wording says. Descending thresholds (「≥1得1分,≥0.5得0.5分」) overlap on purpose: both tiers
are open the same way, and the later one is meant for what the earlier one left. Such pairs
are not reported. Any other overlap is: as a warning when the later tier claims the shared
values explicitly (a range 「30名至60名」 or a written 「(含)」), as a hint when only the legal
default reading of a word such as 以上 makes it inclusive (「0.05(含)以下……0.05以上」).
"""
from __future__ import annotations

import itertools
import re
from decimal import Decimal

from .. import model as m
from ..diagnostics import HINT, WARNING
from ..evaluate import on_total
from ..numerals import format_decimal as fmt
from ..numerals import format_number
from .alternatives import Alternatives
from .context import Context
from .firing import Tester
from .intervals import (Domain, arith_domain, complement, describe, domain_for, insert, listed, intersect, normalise, overlapping, sample,
                        unbounded_side, union)
from .walk import rule_facts, test_leaves, tests_of
from .witness import describe_facts, score
from ..i18n import built

AMBIGUOUS = ("之前", "之后")


def check(ctx: Context) -> None:
    tester = Tester(ctx.rubric, ctx.domains)
    alternatives = Alternatives(ctx)
    # 之前/之后 whose reading the rubric states (边界:之后含本数): once, not for every clause
    stated = {d.value[:2] for d in ctx.rubric.decisions if d.key == "边界" and d.origin != "默认"}
    for node in ctx.rubric.nodes():
        for rule in node.rules:
            if isinstance(rule, m.Tiered):
                _ladder(ctx, tester, node, rule)
            _ambiguous(ctx, tester, alternatives, node, rule, stated)
            if isinstance(rule, m.Respective):
                _order(ctx, node, rule)
    _final(ctx)


def _final(ctx: Context) -> None:
    """GL301 for the rules on the total: a total no rule names stays as computed (a hint, it does no harm)."""
    _final_never(ctx)
    final = ctx.rubric.final
    if final is None or any(t.test is None for t in final.tiers):
        return
    ranges = [t.test.interval for t in final.tiers if on_total(ctx.rubric, t.test)]  # 一票否决 names no totals
    if len(ranges) < 2:
        return
    domain = Domain(False, Decimal("-Infinity"), None, "分")
    gaps = complement(ranges, domain)
    if gaps:
        ctx.report("GL301", final.span, severity=HINT, item=None,
                   detail=built("{name}{values}", name=f"「{ctx.rubric.total_name}」",
                                values=listed(show(g, domain) for g in gaps)),
                   consequence="按计算结果确定(结果不变,但规则没有说到)",
                   help="把其中一条的边界写成含本数,如「不足100分(含)的」或「100分及以下的」")


def _final_never(ctx: Context) -> None:
    """GL502 for a rule on the total that an earlier rule always pre-empts: an earlier rule holds for every
    unit (「否则按「考评得分」确定」, or a range that holds every total the items can add up to), or the
    earlier rules take every total it names (「不足100分的…;低于0分的,按0分确定」). A rule whose totals are
    merely out of reach (「低于0分的,按0分确定」 where no total is below 0) is a safety net: not reported."""
    final = ctx.rubric.final
    if final is None:
        return
    reach = ctx.analysis.total()
    low, high = reach.raw_low.value, reach.raw_high.value
    domain = Domain(False, Decimal("-Infinity"), None, "分")
    reachable = m.Interval(low, True, high if high.is_finite() else None, high.is_finite())
    claimed: list[m.Interval] = []
    always: m.Tier | None = None
    for index, tier in enumerate(final.tiers):
        total = tier.test is not None and on_total(ctx.rubric, tier.test)
        why = None
        if always is not None and not (tier.test is None and index == len(final.tiers) - 1):
            why = built("前面的「{rule}」对每个单位都成立", rule=as_written(always.text))
        elif total and claimed and union(claimed + [tier.test.interval], domain) == union(claimed, domain):
            why = "前面的规则已包含它说到的全部总分"
        if why is not None:
            found = facts_where(ctx, tier.test) if tier.test is not None and not total else None
            witness = None
            if found is not None:
                facts, category = found
                result = score(ctx.domains, facts, category)
                witness = ctx.witness(facts, category, built("「{total}」为{amount}分,这条规则没有起作用",
                                                             total=ctx.rubric.total_name, amount=fmt(result.total)),
                                      scope=list(facts))
            ctx.report("GL502", tier.span, severity=WARNING, item=None, witness=witness,
                       detail=built("这条总分规则「{x}」永远不会起作用:{why}", x=clean(tier.text), why=why),
                       help="按书写顺序,第一条成立的总分规则决定总分:把它移到前面(一票否决写在封顶规则之前),"
                            "或改正前面规则的分数线")
        if tier.test is None or (total and union([tier.test.interval, reachable], domain) == union([tier.test.interval], domain)):
            always = always or tier
        if total:
            claimed.append(tier.test.interval)


def facts_where(ctx: Context, test: m.Test) -> tuple[dict, str | None] | None:
    """Facts (and a category) under which a test on the unit's facts holds, the other facts neutral."""
    for category in ctx.analysis.categories:
        facts = ctx.analysis.passes[category].holding(test)
        if facts is not None:
            return facts, category
    return None


# ------------------------------------------------------------ operands
def clean(text: str) -> str:
    """A tier's wording for a message: one line, without the comma or 否则 that joined it to the tier before."""
    return as_written(text).removeprefix("否则")


def as_written(text: str) -> str:
    """A tier's wording for a message, one line, with its 否则: 「否则按「考评得分」确定」."""
    return re.sub(r"\s+", "", text).lstrip(",,;;")


def operand_key(operand: m.Operand) -> str:
    if isinstance(operand, m.Ratio):
        return f"「{operand.numerator.name}」/「{operand.denominator.name}」"
    if isinstance(operand, m.Arith):
        return operand.text
    return f"「{operand.name}」"


def operand_domain(ctx: Context, operand: m.Operand) -> Domain:
    if isinstance(operand, m.Ratio):
        return domain_for("ratio")
    if isinstance(operand, m.Arith):
        return arith_domain(operand)
    return domain_for(operand.kind, ctx.rubric.facts[operand.name])


def show(interval: m.Interval, domain: Domain) -> str:
    """A set of values in words; ranks as 第N名."""
    if domain.unit != "名":
        return describe(interval, domain)
    low, high = fmt(interval.low), None if interval.high is None else fmt(interval.high)
    if high is None:
        return built("第{low}名及以后", low=low)
    return built("第{rank}名", rank=low) if low == high else built("第{low}名至第{high}名", low=low, high=high)


def claims_of(rule: m.Tiered) -> dict[str, list[tuple[int, m.InRange]]]:
    """For each operand, the tiers that claim values of it outright: (tier index, comparison).

    A tier claims X's values when its test is a comparison on X, or 「…或…」 with a comparison
    on X: whenever that part holds, the tier fires. A part of 「…且…」 claims nothing alone.
    """
    found: dict[str, list[tuple[int, m.InRange]]] = {}
    for index, tier in enumerate(rule.tiers):
        parts = tier.test.parts if isinstance(tier.test, m.AnyOf) else (tier.test,)
        for part in parts:
            if isinstance(part, m.InRange):
                found.setdefault(operand_key(part.operand), []).append((index, part))
    return found


def _is_comparison(test) -> bool:
    """A tier that compares a number (alone, or with 或/且): a ladder has two or more."""
    return any(isinstance(leaf, m.InRange) for leaf in test_leaves(test))


# ------------------------------------------------------------ ladders
def _ladder(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered) -> None:
    if sum(1 for t in rule.tiers if _is_comparison(t.test)) < 2:
        return
    claims = claims_of(rule)
    for key, claimed in claims.items():
        _overlaps(ctx, tester, node, rule, claimed)
    if any(t.test is None for t in rule.tiers):
        _gap_otherwise(ctx, tester, node, rule, claims)
        return
    single = all(isinstance(t.test, m.InRange) for t in rule.tiers) and len(claims) == 1
    if single:
        _gap_one(ctx, tester, node, rule)
    elif not _gap_joint(ctx, tester, node, rule):
        _gap_sides(ctx, node, rule, claims)


def _overlaps(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered, claimed) -> None:
    """GL302 for one operand's comparisons, in tier order.

    What a later comparison shares with the earlier tiers is its intersection with the union of their
    comparisons, leaving out those open the same way (see the module docstring); the unions are kept
    per way a comparison is open and grow tier by tier, so a ladder of n tiers costs n log n, not n².
    """
    domain = operand_domain(ctx, claimed[0][1].operand)
    earlier_by_side: dict[str | None, list[m.Interval]] = {"low": [], "high": [], None: []}
    for _tier, group in itertools.groupby(claimed, key=lambda c: c[0]):
        group = list(group)
        for later_index, later in group:
            mine = normalise(later.interval, domain)
            if mine is None:
                continue
            side = unbounded_side(later.interval)
            shared = [part for key, merged in earlier_by_side.items() if side is None or key != side
                      for part in overlapping(merged, mine, domain)]
            if shared:
                _report_overlap(ctx, tester, node, rule, claimed, later_index, later, mine,
                                union(shared, domain), domain)
        for _index, comparison in group:
            insert(earlier_by_side[unbounded_side(comparison.interval)], comparison.interval, domain)


def _report_overlap(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered, claimed, later_index: int,
                    later: m.InRange, mine: m.Interval, region: list[m.Interval], domain: Domain) -> None:
    only_this = isinstance(rule.tiers[later_index].test, m.InRange)
    if only_this and region == [mine]:
        return  # the whole tier is shadowed: GL502 says it never fires
    side = unbounded_side(later.interval)
    earlier_index = next(i for i, earlier in claimed if i < later_index
                         and not (side is not None and side == unbounded_side(earlier.interval))
                         and intersect(earlier.interval, later.interval, domain) is not None)
    explicit = claims_explicitly(later, region)
    witness = _overlap_witness(ctx, tester, node, rule, later, later_index, region[0], domain, earlier_index)
    ctx.report("GL302", rule.tiers[later_index].span, severity=WARNING if explicit else HINT, item=node.path,
               later=later.text, earlier=_words(rule, earlier_index, later.operand),
               values=listed(show(r, domain) for r in region), witness=witness,
               related=((rule.tiers[earlier_index].span, "前一档"),),
               help="让相邻两档在边界处只有一档包含本数,如写「30名(不含)至60名」或「31名至60名」")


_INCLUDED = re.compile(r"[((]含[))]")
_RANGE_JOIN = re.compile(r"[至—\-~～]")


def claims_explicitly(later: m.InRange, region: list[m.Interval]) -> bool:
    """Whether the later tier's words claim the shared values themselves, not only by the legal default.

    A range (「30名至60名」) or a written 「(含)」 claims its ends; but a range whose author marked one end
    「(含)」 and left the other bare (「70分(含)至90分」 after 「90分及以上」) says the bare end belongs to
    the next tier: values shared there are claimed only by the default reading of 「至」."""
    text = later.text
    if unbounded_side(later.interval) is not None:
        return _INCLUDED.search(text) is not None
    join = _RANGE_JOIN.search(text)
    if join is None:
        return True
    marked_low = _INCLUDED.search(text[:join.start()]) is not None
    marked_high = _INCLUDED.search(text[join.end():]) is not None
    interval = later.interval
    if marked_low and not marked_high:
        return not all(part.low == part.high == interval.high for part in region)
    if marked_high and not marked_low:
        return not all(part.low == part.high == interval.low for part in region)
    return True


def _words(rule: m.Tiered, index: int, operand: m.Operand) -> str:
    """The wording of tier `index`'s comparison on the operand."""
    test = rule.tiers[index].test
    parts = test.parts if isinstance(test, m.AnyOf) else (test,)
    for part in parts:
        if isinstance(part, m.InRange) and operand_key(part.operand) == operand_key(operand):
            return part.text
    return rule.tiers[index].text


def _overlap_witness(ctx, tester: Tester, node, rule, later: m.InRange, later_index: int, region, domain,
                     earlier_index: int):
    """Facts where the shared value goes to the earlier tier, that tier firing on this fact alone."""
    fixed = tester.operand_values(later.operand, sample(region, domain))
    key = operand_key(later.operand)
    others = [p for i in (earlier_index, later_index)
              for p in (rule.tiers[i].test.parts if isinstance(rule.tiers[i].test, m.AnyOf) else ())
              if operand_key(p.operand) != key]
    found = [v for v in tester.assignments(rule, fixed, filled=True) if tester.first(rule, v) == earlier_index]
    if not found:
        return None
    values = min(found, key=lambda v: sum(tester.holds(p, v) for p in others))
    tier = rule.tiers[earlier_index]
    return ctx.witness(values, category_for(ctx, node),
                       built("按前一档「{earlier}」计分({outcome}),不按「{later}」", earlier=clean(tier.text),
                             outcome=tier.outcome.text, later=clean(later.text)),
                       node, rule_facts(rule))


def category_for(ctx: Context, node: m.Node) -> str | None:
    """A category the node is scored for (witnesses about one clause need a unit that has it)."""
    scope = ctx.applies[node.id]
    return next((c for c in ctx.rubric.categories if scope is None or c in scope), None)


def _item_score(ctx: Context, node: m.Node, facts) -> object:
    return score(ctx.domains, facts, category_for(ctx, node)).scores()[node.path]


def _gap_one(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered) -> None:
    """One operand, every tier a comparison on it: the values none of them covers."""
    operand = rule.tiers[0].test.operand
    domain = operand_domain(ctx, operand)
    gaps = [g for g in complement([t.test.interval for t in rule.tiers], domain)
            if not _beyond_the_mildest(rule, g, domain)]
    if not gaps:
        return
    facts = tester.operand_values(operand, sample(gaps[0], domain))
    witness = ctx.witness(facts, category_for(ctx, node),
                          built("没有任何一档适用,本条不计分,本项得{amount}分", amount=fmt(_item_score(ctx, node, facts))),
                          node, rule_facts(rule))
    ctx.report("GL301", rule.span, severity=WARNING, item=node.path,
               detail=built("{name}{values}", name=operand_key(operand), values=listed(show(g, domain) for g in gaps)),
               consequence="本条不计分",
               witness=witness,
               help="补上缺少的一档,或改动相邻两档的端点使它们相接(注意「含」「不含」)")


def between(gaps: list[m.Interval], domain: Domain) -> list[m.Interval]:
    """The gaps with values the tiers name on both sides (not at either end of the range)."""
    return [g for g in gaps if not (g.low == domain.low and g.low_closed)
            and g.high is not None and not (domain.high is not None and g.high == domain.high and g.high_closed)]


def _gap_otherwise(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered, claims) -> None:
    """GL306: a gap between the written tiers that the last 「否则…」 catches (「达93%得1分,90%—92%得0.5分,
    否则不得分」: 92.5% gets nothing). 否则 is written for what lies past the tiers, not between them."""
    written, last = rule.tiers[:-1], rule.tiers[-1]
    if last.test is not None or len(claims) != 1 or not written or \
            not all(isinstance(t.test, m.InRange) for t in written):
        return
    operand = written[0].test.operand
    domain = operand_domain(ctx, operand)
    gaps = between(complement([t.test.interval for t in written], domain), domain)
    if not gaps:
        return
    facts = tester.operand_values(operand, sample(gaps[0], domain))
    otherwise = as_written(last.text)
    witness = ctx.witness(facts, category_for(ctx, node),
                          built("按「{otherwise}」计分,本项得{amount}分", otherwise=otherwise,
                                amount=fmt(_item_score(ctx, node, facts))), node, rule_facts(rule))
    ctx.report("GL306", last.span, severity=WARNING, item=node.path,
               detail=operand_key(operand) + "、".join(show(g, domain) for g in gaps), otherwise=otherwise,
               witness=witness,
               help="「否则」是给写明的各档以外的一端的;改动相邻两档的端点使它们相接(注意「含」「不含」),如「90%—93%(不含)」")


def _effect(outcome: m.Outcome) -> Decimal | None:
    """What a tier adds to the item, when it is a fixed amount (None for 得满分, 否决, 视情 …)."""
    if outcome.kind in ("award", "bonus", "deduct"):
        return outcome.signed
    if outcome.kind in ("zero", "none"):
        return Decimal(0)
    return None


def _beyond_the_mildest(rule: m.Tiered, gap: m.Interval, domain: Domain) -> bool:
    """Whether the values no tier names lie at an end of the fact's range, past the tier that gives (or takes)
    the least, in a ladder that only gives or only takes: giving nothing there carries the ladder on.

    「「超时件数」1—3件的扣1分,4—6件的扣2分,7件以上扣3分」 names no tier for 0件: with nothing late there is
    nothing to deduct, as the author meant. 「93%以上得1分,90%—93%得0.5分」 gives nothing below 90%. A gap
    between two tiers, or past the tier that gives the most, is a gap (GL301)."""
    effects = [_effect(t.outcome) for t in rule.tiers]
    if any(e is None for e in effects) or not (all(e >= 0 for e in effects) or all(e <= 0 for e in effects)):
        return False
    at_low = gap.low == domain.low and gap.low_closed
    at_high = gap.high is None or (domain.high is not None and gap.high == domain.high and gap.high_closed)
    if at_low == at_high:
        return False  # inside the range, or the whole of it
    step = 1 if domain.integer else 0
    for index, tier in enumerate(rule.tiers):
        part = normalise(tier.test.interval, domain)
        if part is None:
            continue
        if part.low == gap.high + step if at_low else part.high is not None and part.high == gap.low - step:
            return abs(effects[index]) == min(abs(e) for e in effects)
    return False


def _gap_joint(ctx: Context, tester: Tester, node: m.Node, rule: m.Tiered) -> bool:
    """Several operands: facts (all filled in) for which no tier holds, with a number between two values that
    have a tier (宣城 「…且「面积」大于5且小于10的,得1.6分;否则…且大于10且小于20的,得1.4分」: exactly 10).
    Facts past the last tier at an end of every number's range are the ladder running out, not a gap."""
    for values in tester.assignments(rule, filled=True):
        if tester.first(rule, values) is None and _between_tiers(ctx, tester, rule, values):
            facts = {k: v for k, v in values.items() if v != ctx.domains.neutral(k) or k in _compared(rule)}
            ctx.report("GL301", rule.span, severity=WARNING, item=node.path,
                       detail=describe_facts(ctx.rubric, facts), consequence="本条不计分",
                       witness=ctx.witness(facts, category_for(ctx, node),
                                           built("没有任何一档适用,本条不计分,本项得{amount}分",
                                                 amount=fmt(_item_score(ctx, node, facts))),
                                           node, rule_facts(rule)),
                       help="补上缺少的一档,或写「否则…」作为最后一档")
            return True
    return False


def _between_tiers(ctx: Context, tester: Tester, rule: m.Tiered, values) -> bool:
    """Whether some compared number, the other facts kept, has a tier both below and above its value."""
    for name in _compared(rule):
        value = values.get(name)
        if not isinstance(value, Decimal):
            continue
        others = [v for v in ctx.domains.reps[name] if isinstance(v, Decimal) and v != value]
        fires = [tester.first(rule, {**values, name: v}) is not None for v in others]
        if any(f for v, f in zip(others, fires) if v < value) and any(f for v, f in zip(others, fires) if v > value):
            return True
    return False


def _compared(rule: m.Tiered) -> set[str]:
    names = set()
    for test in tests_of(rule):
        for leaf in test_leaves(test):
            if isinstance(leaf, m.InRange) and isinstance(leaf.operand, m.FactRef):
                names.add(leaf.operand.name)
    return names


def _gap_sides(ctx: Context, node: m.Node, rule: m.Tiered, claims) -> None:
    """GL304: under 「…或…」 tiers, values of one operand no tier names (the other operand decides)."""
    for key, claimed in claims.items():
        if len({i for i, _ in claimed}) < 2 or not all(isinstance(rule.tiers[i].test, m.AnyOf) for i, _ in claimed):
            continue
        operand = claimed[0][1].operand
        domain = operand_domain(ctx, operand)
        gaps = complement([c.interval for _, c in claimed], domain)
        if not gaps:
            continue
        others = sorted({operand_key(p.operand) for i, _ in claimed for p in rule.tiers[i].test.parts
                         if isinstance(p, m.InRange) and operand_key(p.operand) != key})
        ctx.report("GL304", rule.span, severity=HINT, item=node.path,
                   detail=built("{name}{values}", name=key, values=listed(show(g, domain) for g in gaps)),
                   others="、".join(others) or "其他条件",
                   help="确认这些名次是有意不设档次;否则补上这一档")


# ------------------------------------------------------------ wording
def _ambiguous(ctx: Context, tester: Tester, alternatives: Alternatives, node: m.Node, rule: m.Rule,
               stated: set[str]) -> None:
    """GL303: 之前/之后 without (含)/(不含): the law does not say whether they include the number.
    Only where counting the number in changes a score (「第3名之后,每下降1位」 is 0 steps at 第3名 either way)."""
    spans = [t.span for t in rule.tiers] if isinstance(rule, m.Tiered) else [rule.span] * len(tests_of(rule))
    for test, span in zip(tests_of(rule), spans):
        for leaf in test_leaves(test):
            if not isinstance(leaf, m.InRange):
                continue
            word = next((w for w in AMBIGUOUS if w in leaf.text), None)
            if word is None or "含" in leaf.text or word in stated:
                continue
            bound = leaf.interval.high if leaf.interval.high is not None else leaf.interval.low
            domain = operand_domain(ctx, leaf.operand)
            value = built("第{rank}名", rank=fmt(bound)) if domain.unit == "名" else f"{format_number(bound)}{domain.unit}"
            facts = tester.operand_values(leaf.operand, bound)
            witness, searched_all = alternatives.boundary(node, rule, leaf, facts)
            if witness is None and searched_all:
                continue  # in or out, every unit scores the same: nothing for the wording to settle
            if witness is None:
                witness = ctx.witness(facts, category_for(ctx, node), built("「{text}」按不含理解,不成立;若按含理解,则成立",
                                                                            text=leaf.text),
                                      node, facts)
            ctx.report("GL303", span, severity=HINT, item=node.path, text=leaf.text, value=value, witness=witness,
                       help=built("在数字后写「(含)」或「(不含)」,或在细则开头写明「边界:{word}含本数」/「边界:{word}不含本数」", word=word))


def _order(ctx: Context, node: m.Node, rule: m.Respective) -> None:
    """GL305: 依次 amounts that give a better rank a worse score; 分别 amounts that weigh a lower level more.

    A rank is better or worse for the unit, so the signed amounts must not rise as the rank falls
    (「依次扣1分、2分、3分」 is in order). A level (中央级、省部级、市级) weighs more or less whichever way
    the points go: a report by a higher level earns more, a criticism by a higher level costs more, so the
    sizes must not rise as the level falls (「分别扣5分、3分、1分」 is in order, 「分别扣1分、3分」 is not).
    """
    amounts = [o.signed for o in rule.outcomes]
    if rule.mode == "rank":
        if any(b > a for a, b in zip(amounts, amounts[1:])):
            listed = "、".join(f"第{k}名{o.text}" for k, o in zip(rule.keys, rule.outcomes))
            ctx.report("GL305", rule.span, severity=HINT, item=node.path,
                       detail=built("名次越靠前,得分反而越少:{listed}", listed=listed),
                       help="核对原文「依次」的分值顺序;原文确实如此时照录,并在注释中说明")
        return
    levels = [(k, o) for k, o in zip(rule.keys, rule.outcomes) if str(k).endswith("级")]
    for (k1, o1), (k2, o2) in zip(levels, levels[1:]):
        if o2.amount is not None and o1.amount is not None and o2.amount > o1.amount:
            ctx.report("GL305", rule.span, severity=HINT, item=node.path,
                       detail=built("「{k2}」{o2_text},多于排在它前面的「{k1}」{o1_text}",
                                    k2=k2, o2_text=o2.text, k1=k1, o1_text=o1.text),
                       help="核对原文「分别」的分值顺序;原文确实如此时照录,并在注释中说明")
            return
