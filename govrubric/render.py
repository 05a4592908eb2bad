"""`govrubric render`: the rubric as the table staff publish (序号 | 指标 | 评分标准 | 分值 | 考核对象/查验方法).

Every scoring standard is written from the checked model, from what is scored, not copied from
the source: a Tiered rule reads 「全程网办率达到93%得1分,90%—92%得0.5分,低于90%不得分」, a
PerCount 「每抽查发现1次扣0.1分,扣完1分为止」. So the published table and the scorer cannot
drift apart. The syntax tree supplies only what the model does not keep: the words between 每
and the count, a count fact's measure word, the wording of a header cap (累计不超过5分).
Each piece is worded from a Chinese template and its fields (i18n.worded): under --lang en the
catalogue's English template (msgctxt "scoring standard") says it, the rubric's words quoted 「…」.
"""
from __future__ import annotations

import html
import re
from decimal import Decimal

import attrs

from . import ast
from . import model as m
from .i18n import listed, word, worded
from .i18n import quoted as _q  # the rubric's words: 「…」 in English
from .numerals import format_decimal as num
from .numerals import format_number
from .printer import canonical_label, cn_number, label_style

COLUMNS = ("序号", "指标", "评分标准", "分值", "考核对象/查验方法")


def columns() -> list[str]:
    """The scoring table's headers in the language chosen (--lang; the rubric's own words stay as written)."""
    return [word(column) for column in COLUMNS]
FORMATS = (".docx", ".pdf", ".xlsx", ".html", ".md")
_WHO_KEYS = ("考核对象", "适用", "查验方法")
_COUNT_MEASURE = {"次数": "次", "个数": "个", "项数": "项", "件数": "件", "起数": "起", "条数": "条",
                  "例数": "例", "家数": "家", "数量": "个"}


# ------------------------------------------------------------------ wording from meaning
@attrs.frozen
class Wording:
    """What the words of a rule need beyond the model: the tree's clauses by position, and units."""

    clauses: dict  # span start → ast.Clause
    units: dict  # fact name → unit word for its numbers (次, 个, %, 天 …)
    total: str = "总分"

    def clause(self, rule) -> ast.Clause | None:
        return self.clauses.get(rule.span.start)


def wording_for(model: m.Rubric, tree: ast.Rubric | None) -> Wording:
    clauses, measures, written_units = {}, {}, {}

    def compared(cond) -> None:
        for part in getattr(cond, "parts", ()):
            compared(part)
        if isinstance(cond, ast.CondCompare) and len(cond.operand.names) == 1 and cond.comparison.low is not None:
            written_units.setdefault(cond.operand.names[0].text, cond.comparison.low.unit)

    def visit(item: ast.Item) -> None:
        for clause in item.clauses:
            clauses[clause.span.start] = clause
            compared(clause.tiers[0].cond)
        for decl in item.facts:
            measures[decl.name.text] = decl
        for child in item.children:
            visit(child)

    if tree is not None:
        for decl in tree.facts:
            measures[decl.name.text] = decl
        for item in tree.items:
            visit(item)
    units = {}
    for name, fact in model.facts.items():
        decl = measures.get(name)
        if fact.kind == "count":
            units[name] = fact.measure or (_COUNT_MEASURE.get(decl.type.word, "") if decl is not None else "")
        elif fact.kind == "days" and written_units.get(name) in ("个工作日", "工作日"):
            units[name] = "个工作日"  # the model counts days either way; the reader must see which days
        elif fact.kind == "quantity":
            units[name] = fact.measure
        else:
            units[name] = {"percent": "%", "days": "天", "months": "个月", "score": "分"}.get(fact.kind, "")
    return Wording(clauses, units, model.total_name)


# The units the program writes after a number (the rubric's own measures, 次, 项, 万元 …, stay as written).
PROGRAM_UNITS = ("天", "个月", "个工作日", "分")


def _amount(value, unit: str) -> str:
    """A number and its unit: 93%, 3天 (3 days in English)."""
    return format_number(value) + (worded(unit) if unit in PROGRAM_UNITS else unit)


def operand_words(operand: m.Operand) -> str:
    if isinstance(operand, m.Ratio):
        return f"{_q(operand.numerator.name)}/{_q(operand.denominator.name)}"
    if isinstance(operand, m.Arith):
        if operand.relation is not None and not isinstance(operand.left, m.Arith):
            return operand_words(operand.left)
        return _q(_unquoted(operand.left.text if operand.relation is not None else operand.text))
    return _q(operand.name)


def _unquoted(text: str) -> str:
    return text.replace("「", "").replace("」", "")


def _unit_of(operand: m.Operand, words: Wording) -> str:
    if isinstance(operand, m.Arith):
        return {"percent": "%", "quantity": operand.measure or ""}.get(operand.kind, "")
    return "" if isinstance(operand, m.Ratio) else words.units.get(operand.name, "")


def interval_words(interval: m.Interval, unit: str, rank: bool = False) -> str:
    """≥ 93 → 达到93%; [90, 92] → 90%—92%; < 90 → 低于90%; ranks: 前3名, 第4名及以后."""
    lo, hi = interval.low, interval.high
    if rank:
        return _rank_words(interval)
    if lo is not None and hi is not None:
        if lo == hi and interval.low_closed and interval.high_closed:
            return worded("为{value}", value=_amount(lo, unit))
        left = "" if interval.low_closed else worded("(不含)")
        right = "" if interval.high_closed else worded("(不含)")
        return worded("{low}{left}—{high}{right}", low=_amount(lo, unit), left=left, high=_amount(hi, unit),
                      right=right)
    if lo is not None:
        value = _amount(lo, unit)
        return worded("达到{value}", value=value) if interval.low_closed else worded("超过{value}", value=value)
    if hi is not None:
        value = _amount(hi, unit)
        return worded("不超过{value}", value=value) if interval.high_closed else worded("低于{value}", value=value)
    return worded("为任意值")


def _rank_words(interval: m.Interval) -> str:
    # Ranks are whole numbers, so every bound can be written closed: (3, ∞) is 第4名及以后.
    lo = interval.low if interval.low is None or interval.low_closed else interval.low + 1
    hi = interval.high if interval.high is None or interval.high_closed else interval.high - 1
    if lo is not None and lo <= 1:
        lo = None
    if lo is None and hi is None:
        return worded("为任意名次")
    if lo is None:
        return worded("前{high}名", high=num(hi))
    if hi is None:
        return worded("第{low}名及以后", low=num(lo))
    if lo == hi:
        return worded("第{low}名", low=num(lo))
    return worded("第{low}名至第{high}名", low=num(lo), high=num(hi))


def _subject(said: str, condition: str) -> str:
    """What a condition is on, then the condition: 全程网办率达到93%; the condition alone when the subject is unsaid."""
    return worded("{subject}{condition}", subject=said, condition=condition) if said else condition


def _relative_subject(arith: m.Arith):
    """The subject of 「甲」比「乙」低: the left of the difference inside the share (check/relative.py)."""
    while isinstance(arith, m.Arith) and arith.op != "-":
        arith = arith.left
    return arith.left


def test_words(test: m.Test, words: Wording, subject: m.Operand | None = None) -> str:
    """A condition in words; with `subject`, a range on that same operand leaves it unsaid."""
    if isinstance(test, m.AllOf):
        return worded("且").join(test_words(p, words) for p in test.parts)
    if isinstance(test, m.AnyOf):  # 或, or 、 where the source lists the situations so
        joiners = [worded("、") if j == "、" else worded("或") for j in test.joiners or ("或",) * (len(test.parts) - 1)]
        return test_words(test.parts[0], words) + "".join(j + test_words(p, words) for j, p in zip(joiners, test.parts[1:]))
    if isinstance(test, m.Truthy):
        said = operand_words(test.operand)
        return worded("未{name}", name=said) if test.negated and not test.carried else said  # 未「甲」、「乙」: as written
    if isinstance(test, m.OneOf):
        return worded("{name}为{options}", name=test.operand.name, options=listed(map(_q, test.options)))
    rank = not isinstance(test.operand, m.Ratio) and test.operand.kind == "rank"
    said = "" if subject is not None and test.operand == subject else operand_words(test.operand)
    if isinstance(test.operand, m.Arith) and test.operand.shortfall is not None:  # 完成数比下达任务 低5%以内
        said = said and _q(_unquoted(test.operand.text.removesuffix(test.operand.shortfall)))
        if said and test.text.startswith(("低于", "高于")):  # 甲 低于「乙」10%以内: the other value is in the condition
            said = operand_words(_relative_subject(test.operand))
        condition = _q(_unquoted(test.text))
    elif isinstance(test.operand, m.Arith) and test.operand.relation is not None:  # 实际低于目标, 退出数达到总量的30%
        condition = _q(_unquoted(test.text))
    else:
        condition = interval_words(test.interval, _unit_of(test.operand, words), rank)
    if test.every is not None:  # 督查次数每季度达到1次: every period
        condition = worded("每{every}{condition}", every=test.every, condition=condition)
    return _subject(said, condition)


def _points(amount) -> str:
    return worded("{amount}分", amount=num(amount))


def outcome_words(out: m.Outcome, total: str = "总分") -> str:
    kind = out.kind
    if out.spill is not None:  # 追加扣除 / 从总分中扣除 (spill.py)
        if kind == "none":
            return worded("从{total}中扣除{amount}分", total=total, amount=num(out.spill))
        return worded("{outcome},并追加扣除{amount}分", outcome=outcome_words(attrs.evolve(out, spill=None), total),
                      amount=num(out.spill))
    if out.veto_all:  # 实行一票否决, as published (the reading is in the explanation)
        return _q(out.text)
    if out.style is not None and out.style.startswith("table:"):  # 本表100分扣完 (check/outcomes.py), as published
        return _q(out.text)
    if out.style is not None:  # 要求+分值, as published: 「……不少于4次(4分)」
        return worded("({amount}分)", amount=num(out.amount))
    if kind == "deduct" and out.also is not None:  # 另扣2分 (check/another.py): its own amount, as published
        return _q(out.text.split(",")[0])
    if out.formula is not None and out.amount is None:  # 按「被扣分值」的10倍扣分: a multiple of a fact, as published
        return _q(_unquoted(out.text))
    if kind == "award":
        return worded("得{amount}分", amount=num(out.amount))
    if kind == "bonus":
        return worded("加{amount}分", amount=num(out.amount))
    if kind == "deduct":
        return worded("扣{amount}分", amount=num(out.amount))
    if kind == "discretion":
        if out.low is None or out.high is None:
            return worded("视情扣分") if out.sign < 0 else worded("视情加分")
        low, high = num(out.low), num(out.high)
        return (worded("视情扣{low}—{high}分", low=low, high=high) if out.sign < 0
                else worded("视情加{low}—{high}分", low=low, high=high))
    if out.formula is not None:  # 得分=转载数量/12×1, 按完成任务数÷任务总数比例计分, 按…的占比扣分
        return _q(_unquoted(out.text))
    if kind == "set" and out.of_points is not None:
        return worded("按{fact}比例计分", fact=out.fact)
    if kind == "set":
        adjust = ""
        if out.adjust:
            adjust = (worded("下浮{amount}分", amount=num(-out.adjust)) if out.adjust < 0
                      else worded("上浮{amount}分", amount=num(out.adjust)))
        return worded("按{fact}{adjust}计分", fact=out.fact, adjust=adjust)
    if kind == "final" and out.item is not None:  # 按第一项得分确定, 为【…】分值: as written
        return _q(out.text)
    if kind == "final":
        return (worded("按{amount}分确定", amount=num(out.amount)) if out.amount is not None
                else worded("按{total}确定", total=total))
    if kind == "grade":
        return worded("为{grade}", grade=out.grade)
    if kind == "grade_cap":
        return worded("不得评为{grade}", grade=out.grade)
    if kind == "grade_down":
        return _q(out.text)
    if kind == "veto" and out.below is not None:
        return worded("该项不得分,同时倒扣{amount}分", amount=num(out.below))
    if kind == "full" and out.amount is not None:  # 「为0个的,得1分」 read as the start (得满分): as written
        return worded("得{amount}分", amount=num(out.amount))
    if kind == "zero":
        return worded("不得分")
    if kind == "veto":
        return worded("该项不得分")
    if kind == "full":
        return worded("得满分")
    return worded("不扣分")


def _signs(rule: m.Rule) -> set[int]:
    found = set()
    for out in m.outcomes_of(rule):
        if out.kind == "deduct" or (out.kind == "discretion" and out.sign < 0):
            found.add(-1)
        elif out.kind in ("award", "bonus") or out.kind == "discretion":
            found.add(1)
    return found


def cap_words(rule: m.Rule) -> str:
    if rule.cap is None:
        return ""
    signs = _signs(rule)
    if signs == {-1}:
        return worded(",扣完{amount}分为止", amount=num(rule.cap))
    if signs == {1}:
        return worded(",加满{amount}分为止", amount=num(rule.cap))
    return worded(",本条加减分不超过{amount}分", amount=num(rule.cap))


def rule_words(rule: m.Rule, words: Wording) -> str:
    """One rule as the published standard words it, label first: 1.全程网办率达到93%得1分,…"""
    label = ""
    if rule.label:
        style, number = label_style(rule.label)
        label = canonical_label(style, number, rule.label)
    if isinstance(rule, m.Tiered):
        body = _tiered_words(rule, words)
    elif isinstance(rule, m.PerCount):
        body = _per_count_words(rule, words)
    elif isinstance(rule, m.PerStep):
        body = _per_step_words(rule, words)
    elif isinstance(rule, m.Escalation):
        body = _escalation_words(rule)
    elif isinstance(rule, m.Running):  # 扣满4分的,追加扣除10分
        out = rule.outcome
        said = (worded("追加扣除{amount}分", amount=num(out.spill)) if out.kind == "none" and out.spill is not None
                else outcome_words(out, words.total))
        body = worded("{wording}的,{outcome}", wording=rule.wording, outcome=said)
    else:
        body = _respective_words(rule)
    exempt = ""
    if rule.exempt is not None:  # (若有新诉求的,不扣分), as written; ……得2分,发现有1例未完成,不得分
        exempt = (worded(",{text}", text=rule.exempt.text) if rule.exempt.sentence
                  else worded("{exempt}", exempt=rule.exempt.text))
    each = getattr(rule, "each", None)
    if each is not None:  # 单起…, 每月…: judged for each value (language.md 6.7); 每月最多加1分 after it
        lead = each.word if each.word and each.word[0] in "单每逐" and isinstance(rule, (m.Tiered, m.PerStep)) else ""
        if lead and not each.word.startswith("单") and len(each.word) == 2 and each.word[1] in "次起件例宗人个项处":
            body = worded("每{measure}{body}", measure=each.word[1], body=body)
        elif lead:
            body = worded("{each}{body}", each=lead, body=body)
        period = worded(",{text}", text=each.cap_text) if each.cap_text else ""
        return _labelled(label, body + exempt + period + cap_words(rule))
    return _labelled(label, body + exempt + cap_words(rule))


def _labelled(label: str, text: str) -> str:
    return worded("{label}{text}", label=label, text=text) if label else text


def _tier_words(condition: str, outcome: str, joiner: str, otherwise: bool) -> str:
    """One tier: 达到93%得1分 (a range, then what it gives), 未提供…的,扣1分, 考评得分达到90分的为优秀; 否则… before a
    tier on another condition than the tier before."""
    if joiner == "的,":
        return (worded("否则{condition}的,{outcome}", condition=condition, outcome=outcome) if otherwise
                else worded("{condition}的,{outcome}", condition=condition, outcome=outcome))
    if joiner == "的":
        return (worded("否则{condition}的{outcome}", condition=condition, outcome=outcome) if otherwise
                else worded("{condition}的{outcome}", condition=condition, outcome=outcome))
    return (worded("否则{condition}{outcome}", condition=condition, outcome=outcome) if otherwise
            else worded("{condition}{outcome}", condition=condition, outcome=outcome))


def _tiered_words(rule: m.Tiered, words: Wording) -> str:
    """Tiers in order, the first that holds decides: later tiers on the same subject give only the
    range (90%—92%得0.5分); a tier on another condition reads 否则…, the last catch-all 其余/否则."""
    parts, subject, ranges_only = [], None, True
    run = rule.written_reversed  # 单边档次:取最具体的一档 keeps them tightest first; they read as written
    for i, tier in enumerate(rule.tiers[:run][::-1] + rule.tiers[run:]):
        out = outcome_words(tier.outcome, words.total)
        if tier.test is None and tier.negated is not None and i:  # ,未纳入的扣1分: in the published words
            said = tier.text.lstrip(",，;；。、 \t")
            if said.startswith(("(", "（")) and parts:  # 得2分(不使用不得分): the brackets go on the tier before
                parts[-1] += said
            else:
                parts.append(said)
            continue
        if tier.test is None:
            parts.append(out if not i else worded("其余{outcome}", outcome=out) if ranges_only
                         else worded("否则{outcome}", outcome=out))
            continue
        same_subject = isinstance(tier.test, m.InRange) and tier.test.operand == subject
        text = test_words(tier.test, words, subject)
        otherwise = bool(i and not same_subject)
        if otherwise:
            ranges_only = False
        joiner = "" if isinstance(tier.test, m.InRange) and tier.outcome.kind not in ("veto", "set", "final") else "的,"
        if tier.outcome.style is not None:
            joiner = ""  # 细化服务流程(1分)
        if tier.outcome.kind == "grade":
            joiner = "的"  # 考评得分达到90分的为优秀
        parts.append(_tier_words(text, out, joiner, otherwise))
        subject = tier.test.operand if isinstance(tier.test, m.InRange) else None
        ranges_only = ranges_only and subject is not None
    return worded(",").join(parts)


def _per(rule, words: Wording) -> ast.Per | None:
    clause = words.clause(rule)
    if clause is None:
        return None
    body = clause.tiers[0].body
    return body if isinstance(body, ast.Per) else None


def _per_count_words(rule: m.PerCount, words: Wording) -> str:
    per = _per(rule, words)
    clause = words.clause(rule)
    if clause is not None and isinstance(clause.tiers[0].body, ast.Doubled):  # 重复访加倍扣分, as published
        return worded("按{counter},{text}", counter=rule.counter.name, text=rule.per_text)
    bare = clause is not None and clause.tiers[0].cond is None
    filler = _q(per.filler) if per is not None and per.filler else ""
    post = _q(per.post_filler) if per is not None and per.post_filler else ""
    out = outcome_words(rule.outcome, words.total)
    if rule.outcome.kind == "discretion" and rule.outcome.low is not None:
        low, high = num(rule.outcome.low), num(rule.outcome.high)
        out = (worded("扣{low}—{high}分", low=low, high=high) if rule.outcome.sign < 0
               else worded("加{low}—{high}分", low=low, high=high))
    head = ""
    if rule.guard is not None:
        head = worded("{condition}的,", condition=test_words(rule.guard, words))
    if not bare:
        head += worded("按{counter},", counter=rule.counter.name)
    # 帮教组织不落实每人, 有无故迟到、早退、缺席的,每人次: the published words before 每, for reading as in the source
    pre = _q(per.pre) if per is not None and per.pre and per.lead == "每" else ""
    return head + pre + worded("每{counted}{outcome}", counted=f"{filler}{num(rule.per)}{rule.measure}{post}", outcome=out)


def _per_step_words(rule: m.PerStep, words: Wording) -> str:
    per = _per(rule, words)
    rank = not isinstance(rule.operand, m.Ratio) and rule.operand.kind == "rank"
    if per is not None and per.filler:
        filler = _q(per.filler)
    else:
        filler = worded("下降") if rank else worded("低") if rule.below else worded("超过")
    how = (worded("(不足一步的按比例计)") if rule.proportional else worded("(不足一步的部分四舍五入)")
           if rule.rounding == "half_up" else worded("(不足一步按一步计)") if rule.rounding == "ceil" else "")
    return worded("{condition}的,每{filler}{step}{measure}{outcome}{how}", condition=test_words(rule.guard, words),
                  filler=filler, step=num(rule.step), measure=rule.measure,
                  outcome=outcome_words(rule.outcome, words.total), how=how)


def _escalation_words(rule: m.Escalation) -> str:
    steps = []
    for step in rule.steps:
        nth, number = cn_number(step.first), step.first
        when = (worded("第{nth}次及以后", nth=nth, number=number) if step.open_ended
                else worded("第{nth}次", nth=nth, number=number))
        steps.append(worded("{when}{outcome}", when=when, outcome=outcome_words(step.outcome)))
    if rule.then is not None:  # 以此类推 / 以后每多一次加倍扣分, as written
        steps.append(_q(rule.then.text))
    return worded("按{counter},{steps}", counter=rule.counter.name, steps=worded(";").join(steps))


def _respective_words(rule: m.Respective) -> str:
    if rule.weighted is not None:  # 每项加1分,国家级、省级分别按300%、100%计, as published
        return worded("{name}{weighted}", name=rule.operand.name, weighted=rule.weighted)
    if rule.graded is not None:  # 按严重、比较严重5档划分,计分标准为1分、2分, as published
        return worded("{name}按{keys}{split},{points}{amounts}", name=rule.operand.name, keys=listed(map(_q, rule.keys)),
                      split=rule.graded[0], points=rule.graded[1],
                      amounts=listed(_points(o.amount) for o in rule.outcomes))
    kinds = {o.kind for o in rule.outcomes}
    amounts = listed(_points(o.amount) for o in rule.outcomes)
    kind = kinds.pop() if len(kinds) == 1 else None
    scored = (worded("得{amounts}", amounts=amounts) if kind == "award" else worded("加{amounts}", amounts=amounts)
              if kind == "bonus" else worded("扣{amounts}", amounts=amounts) if kind == "deduct" else amounts)
    if rule.mode == "rank":
        return worded("{name}前{count}名,依次{scored}", name=rule.operand.name, count=len(rule.keys), scored=scored)
    return worded("{name}为{keys}的,分别{scored}", name=rule.operand.name, keys=listed(map(_q, rule.keys)),
                  scored=scored)


def bounds_words(node: m.Node, head: ast.ItemHead | None) -> list[str]:
    """The item's own limits, when they differ from 「得分在0分和分值之间」."""
    header_cap = head.header_cap[1] if head is not None and head.header_cap else None
    scope = node.points if node.points is not None else header_cap
    default_floor = Decimal(0) if scope is not None else None
    default_cap = scope
    if node.points is not None and header_cap is not None:
        default_cap = min(node.points, header_cap)
    found = []
    if node.floor is not None and node.cap is not None and node.floor == -node.cap and node.floor < 0:
        return [worded("本项累计加减分最高为{amount}分", amount=num(node.cap))]
    if node.cap is not None and node.cap != default_cap:
        found.append(worded("本项得分不超过{amount}分", amount=num(node.cap)))
    if node.floor != default_floor:
        if node.floor is None:
            found.append(worded("可扣至负分"))
        elif node.points is not None and node.floor > 0:
            found.append(worded("本项最多扣{amount}分", amount=num(node.points - node.floor)))
        else:
            found.append(worded("本项最低{amount}分", amount=num(node.floor)))
    if node.largest_only is not None:  # 就高不就低, as written
        found.append(_q(node.largest_only))
    if node.no_repeat is not None:  # 其他考评内容中已有的不重复扣分, as written
        found.append(_q(node.no_repeat))
    if node.bonus_to_total:
        found.append(worded("加分计入总分"))
    elif node.bonus_uncapped:
        found.append(worded("加分不受本项分值限制"))
    if node.bonus_uncapped and not node.bonus_to_total and not node.bonus_passes and "." in node.path:
        found.append(worded("加分受上级分值限制"))  # 加分带入上级:受上级分值限制 on a sub-item, the other reading
    return found


# ------------------------------------------------------------------ the standards as the author wrote them
AS_WRITTEN, MODEL = "原文", "模型"
WORDINGS = (AS_WRITTEN, MODEL)
_QUOTE_KEYS = ("原文:", "原文\uff1a")
_KEYED_COMMENT = re.compile(r"\S{1,6}[:\uff1a]")
_CLOSING = ";\uff1b。,\uff0c"


@attrs.frozen
class Quote:
    start: int  # where the `# 原文:` comment starts
    text: str  # the quote, its continuation lines joined


def quotes_in(source: str) -> list[Quote]:
    """Every `# 原文:` comment with the comment lines that continue it (indented after the #)."""
    from .printer import find_comments

    found: list[Quote] = []
    continuing, last_end = False, -1
    for comment in find_comments(source):
        body = comment.text[1:]
        stripped = body.strip()
        adjacent = last_end >= 0 and source.count("\n", last_end, comment.start) == 1
        if stripped.startswith(_QUOTE_KEYS):
            found.append(Quote(comment.start, stripped[len("原文:"):].strip()))
            continuing = True
        elif (continuing and adjacent and body.startswith(("  ", "\u3000")) and stripped
              and not _KEYED_COMMENT.match(stripped)):
            found[-1] = Quote(found[-1].start, found[-1].text + stripped)
        else:
            continuing = False
        last_end = comment.end
    return found


def _plain(source: str, span) -> str:
    """A piece as written, without the brackets the language puts around names, ending as the author ended it."""
    text = source[span.start:span.end].replace("「", "").replace("」", "").strip()
    after = source[span.end:span.end + 1]
    return text + (after if after and after in _CLOSING else "。")


def written_lines(source: str, quotes: list[Quote], pieces: list, region: tuple[int, int],
                  outside: list = (), boundaries: list = ()) -> list[str]:
    """The standard of one item (or the total) as written: for each piece in order, the `# 原文:` quotes
    between it and the piece before; a piece without a quote of its own after a quoted one is taken as said
    by that quote (one quote often covers two clauses); a piece no quote covers, as written. Quotes inside
    `outside` spans (sub-items) are theirs, and a quote right above a sub-item's heading is the sub-item's."""
    start, end = region
    heads = sorted(span.start for span in outside)
    mine = [q for q in quotes if start <= q.start < end and not any(s.start <= q.start < s.end for s in outside)]
    stops = sorted([p.span.start for p in pieces] + heads + list(boundaries))
    mine = [q for q in mine if next((s for s in stops if s > q.start), None) not in heads]
    lines: list[str] = []
    previous, quoted = start, False
    for piece in sorted(pieces, key=lambda p: p.span.start):
        said = [q.text for q in mine if previous <= q.start < piece.span.start]
        if said:
            lines += said
            quoted = True
        elif not quoted and getattr(piece, "bracketed", False) and lines:  # (4',少一项扣1分): one line, as written
            lines[-1] += _plain(source, piece.span)
        elif not quoted:
            lines.append(_plain(source, piece.span))
        previous = piece.span.end
    lines += [q.text for q in mine if q.start >= previous]
    return lines


# ------------------------------------------------------------------ the table
@attrs.frozen
class Row:
    depth: int
    number: str  # 序号: 一, 1, (1), ① ; empty for 【…】 and ○ items
    title: str
    standard: tuple[str, ...]  # lines of 评分标准
    points: str
    who: tuple[str, ...]  # lines: 考核对象:…, 查验方法:…
    parent: bool
    path: str = ""
    meta: tuple[tuple[str, str], ...] = ()  # the item's own columns (要求, 查验方法, 考核对象 …), values joined by 、
    anonymous: bool = False  # ○ without a title: a paragraph of its parent, not an item of its own


@attrs.frozen
class Table:
    title: str
    subtitle: str
    rows: tuple[Row, ...]
    total: tuple[str, ...]  # how the total is made, in words
    wording: str = MODEL
    note: str = ""  # the line under the title, in the source's 〔…〕: 乡镇(街道)、各有关单位,考评方式:非实地


# Header keys whose values the published attachment shows under its title, in 〔…〕.
NOTE_KEYS = ("说明", "考核对象", "考评对象", "考评方式", "考核方式")


def build_table(model: m.Rubric, tree: ast.Rubric | None, source: str | None = None,
                wording: str | None = None) -> Table:
    """The table; 评分标准 as the author wrote it (`# 原文:` quotes, else the clause) when the source text is
    given, or worded from the model (wording=MODEL: every rule from what is scored, for checking its meaning)."""
    wording = wording or (AS_WRITTEN if source is not None and tree is not None else MODEL)
    if wording == AS_WRITTEN and (source is None or tree is None):
        raise ValueError("the wording as written needs the syntax tree and the source text")
    words = wording_for(model, tree)
    quotes = quotes_in(source) if wording == AS_WRITTEN else []
    rows: list[Row] = []
    items = list(tree.items) if tree is not None else [None] * len(model.roots)
    for node, item in zip(model.roots, items):
        _rows(node, item, 0, words, rows, source if wording == AS_WRITTEN else None, quotes)
    subtitle = listed(x for x in (worded("{year}年度", year=model.year) if model.year else "",
                                  worded("满分{amount}分", amount=num(model.full)) if model.full is not None else "")
                      if x)
    total = total_words(model, words)
    if wording == AS_WRITTEN:
        total = _total_as_written(model, tree, source, quotes) or total
    return Table(model.title, subtitle, tuple(rows), total, wording, _note(model))


def _note(model: m.Rubric) -> str:
    meta = dict(model.meta)
    if "说明" in meta:
        return listed(meta["说明"])
    return worded(",").join(worded("{key}:{values}", key=key, values=listed(meta[key])) for key in NOTE_KEYS[1:]
                            if key in meta)


def _total_as_written(model: m.Rubric, tree: ast.Rubric, source: str, quotes: list[Quote]) -> tuple[str, ...]:
    """The total's rules as written: the quotes above the 总分 formula and the rules before the first item."""
    first = tree.items[0].span.start if tree.items else len(source)
    formula = [piece for piece in tree.header if piece.key == "总分"]
    others = [piece.span.start for piece in (*tree.header, *tree.meta, *tree.settings, *tree.facts)
              if not (isinstance(piece, ast.HeaderPiece) and piece.key == "总分")]
    # (以上包括本数,以下不包括本数) written after the grades: after the last of them, as published
    bounds = ["".join(x.written.split()) for x in tree.settings if x.written and x.key == "边界" and x.span.start < first]
    pieces = [*formula, *tree.final_clauses]
    if not pieces:
        return ()
    previous = max((s for s in others if s < min(p.span.start for p in pieces)), default=0)
    lines = written_lines(source, quotes, pieces, (previous, first), boundaries=others)
    if not formula:
        lines.insert(0, total_words(model, grades=False)[0])
    if bounds and lines:
        lines[-1] = lines[-1].rstrip("。") + "".join(bounds) + "。"
    return tuple(lines)


def _rows(node: m.Node, item: ast.Item | None, depth: int, words: Wording, rows: list[Row],
          source: str | None = None, quotes: list[Quote] = ()) -> None:
    head = item.head if item is not None else None
    if node.label.startswith(("【", "○")):
        number = ""
    else:
        number = node.label
    if node.points is not None:
        points = f"{num(node.points)}分"
    elif head is not None and head.header_cap is not None:
        points = f"{head.header_cap[0]}{num(head.header_cap[1])}分"
    else:
        points = ""
    if source is not None and item is not None:
        standard = written_lines(source, list(quotes), [*item.clauses, *item.limits],
                                 (item.span.start, item.span.end), [child.span for child in item.children])
        standard += [note for note in node.notes if not any(note in line for line in standard)]
    else:
        standard = [rule_words(rule, words) for rule in node.rules]
        standard += bounds_words(node, head)
        standard += [worded("注:{note}", note=note) for note in node.notes]
    who = [worded("{key}:{values}", key=key, values=listed(values)) for key, values in node.meta if key in _WHO_KEYS]
    title = node.title or "".join(v for key, values in node.meta if key == "要求" for v in values)
    meta = tuple((key, listed(values)) for key, values in node.meta)
    anonymous = node.label.startswith("○") and not node.title
    rows.append(Row(depth, number, title, tuple(standard), points, tuple(who), bool(node.children), node.path,
                    meta, anonymous))
    children = list(item.children) if item is not None else [None] * len(node.children)
    for child, child_item in zip(node.children, children):
        _rows(child, child_item, depth + 1, words, rows, source, quotes)


def total_words(model: m.Rubric, words: Wording | None = None, grades: bool = True) -> tuple[str, ...]:
    """How the total is made, a line a step; with `grades`, the 等次 rules last (they read the final total)."""
    by_id = {n.id: n for n in model.nodes()}
    lines = []
    if model.total_expr is not None:
        lines.append(worded("{total} = {formula}", total=model.total_name, formula=_total_expr_words(model.total_expr)))
    elif model.formula is not None:
        parts = []
        for i, term in enumerate(model.formula):
            if term.every:  # 各项得分之和, as published
                parts.append(("" if i == 0 else (" − " if term.sign < 0 else " + ")) + _q(term.text))
                continue
            first, last = by_id[term.nodes[0]], by_id[term.nodes[-1]]
            kind = worded("得分") if term.kind == "得分" else worded("扣分") if term.kind == "扣分" else term.kind
            text = (worded("第{first}项{kind}", first=first.label, kind=kind) if last is first
                    else worded("第{first}项至第{last}项{kind}", first=first.label, last=last.label, kind=kind))
            parts.append(("" if i == 0 else (" − " if term.sign < 0 else " + ")) + text)
        lines.append(worded("{total} = {formula}", total=model.total_name, formula="".join(parts)))
    else:
        lines.append(worded("{total} = 各项得分之和", total=model.total_name))
    if model.final is not None:
        units = (words or wording_for(model, None)).units  # a 一票否决 reads facts, with their units
        words = Wording({}, {**units, model.total_name: "分"}, model.total_name)
        lines.append(_tiered_words(model.final, words))
    if model.not_applicable_explicit or any(n.applies_to is not None for n in model.nodes()):
        how = model.not_applicable
        lines.append(worded("不适用的指标按满分计") if how == "按满分计" else worded("不适用的指标不计分")
                     if how == "不计分" else worded("不适用的指标按比例折算") if how == "按比例折算"
                     else worded("不适用的指标{how}", how=how))
    if grades and model.grades is not None:
        lines.append(grade_words(model, words))
    return tuple(lines)


def _total_expr_words(expr: m.TotalExpr, outer: int = 0) -> str:
    """基础分1000分 + 第一项得分 - 第二项扣分; (第一项得分 + 第二项得分) × (1 + 0.1 × 权重); …中较低分值."""
    if expr.op in ("term", "number", "fact"):
        return _q(_unquoted(expr.text))
    if expr.op in ("lower", "higher"):
        parts, which = listed(_total_expr_words(p) for p in expr.parts), _q(_unquoted(expr.text))
        text = (worded("{parts}{lower}", parts=parts, lower=which) if expr.op == "lower"
                else worded("{parts}{higher}", parts=parts, higher=which))
        return f"({text})" if outer else text
    if len(expr.parts) == 1:
        return _total_expr_words(expr.parts[0], outer)
    rank = 2 if expr.op == "*" else 1
    text = (_total_expr_words(expr.parts[0], rank) + {"+": " + ", "-": " − ", "*": " × "}[expr.op]
            + _total_expr_words(expr.parts[1], rank + (1 if expr.op == "-" else 0)))
    return f"({text})" if outer > rank else text


def grade_words(model: m.Rubric, words: Wording | None = None) -> str | None:
    """The 等次 rules in words (等次:考评得分达到90分的为优秀,…), None when the rubric has none."""
    if model.grades is None:
        return None
    units = (words or wording_for(model, None)).units
    wording = Wording({}, {**units, model.total_name: "分"}, model.total_name)
    rules = [_tiered_words(model.grades, wording)]
    for tier in model.grade_limits:  # 一票否优, 等次降一档: each a sentence of its own, as published
        rules.append(_tiered_words(m.Tiered((tier,), None, None, "", None, tier.span), wording))
    return worded("等次:{rules}", rules=worded(";").join(rules))


# ------------------------------------------------------------------ formats
def render_bytes(path: str, model: m.Rubric, tree: ast.Rubric | None, source: str | None = None,
                 wording: str | None = None, attachment: str = "1", landscape: bool = True) -> bytes:
    """The table in `path`'s format; 评分标准 as written when the source is given (see build_table).
    .docx and .pdf are the published attachment (attachment.py): 附件N label, orientation."""
    table = build_table(model, tree, source, wording)
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    if suffix == ".md":
        return markdown(table).encode("utf-8")
    if suffix == ".html":
        return html_page(table).encode("utf-8")
    if suffix == ".xlsx":
        return xlsx(table)
    if suffix in (".docx", ".pdf"):
        from .attachment import docx_bytes, pdf_bytes

        return (docx_bytes if suffix == ".docx" else pdf_bytes)(table, attachment, landscape)
    raise ValueError(suffix)


def _indent(row: Row) -> str:
    return "\u3000" * row.depth


def markdown(table: Table) -> str:
    from .textsafe import markdown as escaped

    def cell(lines) -> str:
        return escaped(lines) if isinstance(lines, str) else "<br>".join(escaped(line) for line in lines)

    out = [f"# {escaped(table.title)}", ""]
    if table.subtitle:
        out += [escaped(table.subtitle), ""]
    out.append("| " + " | ".join(escaped(c) for c in columns()) + " |")
    out.append("|" + "|".join(["---"] * len(COLUMNS)) + "|")
    for row in table.rows:
        title = f"**{cell(row.title)}**" if row.parent and row.title else cell(row.title)
        out.append(f"| {_indent(row)}{cell(row.number)} | {title} | {cell(row.standard)} | {cell(row.points)} "
                   f"| {cell(row.who)} |")
    out += ["", f"**{escaped(word('总分'))}**" + word(":") + ";".join(cell(line) for line in table.total), ""]
    return "\n".join(out)


_CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
       font-size: 10.5pt; color: #000; margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; }
p.sub { text-align: center; margin: 0 0 8pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #e8e8e8; text-align: center; font-weight: bold; }
td.n, td.p { text-align: center; }
tr.parent td { background: #f4f4f4; font-weight: bold; }
col.n { width: 7%; } col.t { width: 22%; } col.s { width: 45%; } col.p { width: 8%; } col.w { width: 18%; }
div.total { margin-top: 8pt; }
@media print { h1 { margin-top: 0; } }
""".strip()


def html_page(table: Table) -> str:
    e = html.escape

    def lines(values) -> str:
        return "<br>".join(e(v) for v in values)

    body = []
    for row in table.rows:
        pad = f' style="padding-left:{4 + 12 * row.depth}pt"' if row.depth else ""
        css = ' class="parent"' if row.parent else ""
        if row.parent and not row.standard:
            middle = f'<td colspan="2"{pad}>{e(row.title)}</td>'
        else:
            middle = f"<td{pad}>{e(row.title)}</td><td>{lines(row.standard)}</td>"
        body.append(f'<tr{css}><td class="n">{e(row.number)}</td>{middle}'
                    f'<td class="p">{e(row.points)}</td><td>{lines(row.who)}</td></tr>')
    head = "".join(f"<th>{e(c)}</th>" for c in columns())
    sub = f'<p class="sub">{e(table.subtitle)}</p>' if table.subtitle else ""
    total = f'<div class="total"><b>{e(word("总分"))}</b>{word(":")}{lines(table.total)}</div>'
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(table.title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
            f"<h1>{e(table.title)}</h1>\n{sub}\n<table>\n"
            '<colgroup><col class="n"><col class="t"><col class="s"><col class="p"><col class="w"></colgroup>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
            f"{total}\n</body>\n</html>\n")


_WIDTHS = (8, 30, 64, 10, 26)
_BOX = {"border": 1, "text_wrap": True, "valign": "top"}
_LOOKS = {
    "title": {"bold": True, "font_size": 14, "align": "center"},
    "header": {**_BOX, "bold": True, "align": "center", "bg_color": "#E0E0E0", "pattern": 1},
    "cell": _BOX,
    "centred": {**_BOX, "align": "center"},
    "parent": {**_BOX, "bold": True, "bg_color": "#F2F2F2", "pattern": 1},
    "parent_centred": {**_BOX, "bold": True, "bg_color": "#F2F2F2", "pattern": 1, "align": "center"},
    "bold": {"bold": True},
    "wrap": {"text_wrap": True, "valign": "top"},
}


def xlsx(table: Table) -> bytes:
    """The table as one printable sheet (A4 landscape, one page wide, the header row on every page);
    written by spreadsheet.py, so a title is always text and the same rubric gives the same bytes."""
    from .spreadsheet import Workbook, cell

    book = Workbook()
    sheet = book.sheet(word("评分细则"))
    last = len(COLUMNS) - 1
    sheet.merge(0, 0, 0, last, cell(table.title, _LOOKS["title"]))
    sheet.append([cell(c, _LOOKS["header"]) for c in columns()])
    for row in table.rows:
        plain, centred = ("parent", "parent_centred") if row.parent else ("cell", "centred")
        values = [row.number, "\u3000" * row.depth + row.title, "\n".join(row.standard), row.points,
                  "\n".join(row.who)]
        looks = [centred, plain, plain, centred, plain]
        index = sheet.rows
        if row.parent and not row.standard:
            sheet.put(index, 0, cell(values[0], _LOOKS[centred]))
            sheet.merge(index, 1, index, 2, cell(values[1], _LOOKS[plain]))
            for column in (3, 4):
                sheet.put(index, column, cell(values[column], _LOOKS[looks[column]]))
        else:
            sheet.append([cell(value, _LOOKS[look]) for value, look in zip(values, looks)])
    sheet.append([])
    index = sheet.rows
    sheet.put(index, 0, cell(word("总分"), _LOOKS["bold"]))
    sheet.merge(index, 1, index, last, cell("\n".join(table.total), _LOOKS["wrap"]))
    sheet.widths(_WIDTHS)
    sheet.freeze(2, 0)
    page = sheet.raw
    page.repeat_rows(1)  # the header row repeats on every printed page
    page.set_landscape()
    page.set_paper(9)  # A4
    page.fit_to_pages(1, 0)
    return book.bytes()
