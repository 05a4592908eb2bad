"""A cap written after the last of several sentences of one numbered point (language.md 7): 「6. ……每缺1项扣0.25分;
……每缺1项扣0.25分;……每少1个扣0.25分,扣完1分为止.」 — the sentences joined by ; after the point's number, the cap
after the last with a comma. Under 句末上限:整点 (the default) it bounds what the point's sentences deduct together;
under 句末上限:本句 only the last sentence.

One sentence whose clauses are joined by commas, with a cap after the last (漳州「简报被市预防办采用每条加0.2分,被省预防办
采用每条加0.5分,加到2分为止」, 「甲……每次扣1分,乙……每件扣1分,扣完3分为止」; field trial 4, SW4-5) is read the same way,
numbered or not, deductions or additions: the cap ends the sentence and bounds what its clauses do together.

After this pass the last sentence's rule has no cap of its own and the node holds a SharedCap over the point's rules."""
from __future__ import annotations

import attrs

from .. import ast
from .. import model as m
from ..i18n import built, said


def point_groups(clauses: list[ast.Clause]) -> list[list[int]]:
    """Indexes of the clauses of each numbered point written as several sentences: a clause with a number, the
    clauses after it without one, each joined to the one before by ;, the last with a cap of its own."""
    groups, index = [], 0
    while index < len(clauses):
        clause = clauses[index]
        end = index + 1
        # a sentence with a cap of its own ends the point's shared sentences: 「少1条扣1分,最高扣4分;…每少1条扣1分,
        # 最高扣4分」 caps each sentence, the last cap is not over both. Clauses after a comma are the same sentence
        # (numbered or not); after a ; only under a number
        while (end < len(clauses) and clauses[end].label is None and not _own_cap(clauses[end - 1])
               and (clauses[end].after_comma or (clauses[end].joined and clause.label is not None))):
            end += 1
        if end - index > 1 and clauses[end - 1].limits:
            groups.append(list(range(index, end)))
        index = end
    return groups


def shared_caps(checker, path: str, clauses: list[ast.Clause], rules: list) -> tuple[list, tuple[m.SharedCap, ...]]:
    """The rules (the last sentence of a point without its cap, under 整点) and the point caps; `rules` is one per
    clause, None where a clause gave none."""
    caps = []
    for group in point_groups(clauses):
        members = [rules[i] for i in group]
        last = members[-1]
        if any(r is None for r in members) or last.cap is None or last.cap_text is None:
            continue
        if not ((all(_deducts_only(r) for r in members) and _bounds_deductions(clauses[group[-1]]))
                or (all(_adds_only(r) for r in members) and _bounds_additions(clauses[group[-1]]))):
            continue
        reading = checker.here["句末上限"]
        label = clauses[group[0]].label
        sentence = all(clauses[i].after_comma for i in group[1:])  # one sentence, its clauses joined by commas
        where = (built("这一句逗号连着的{n}条,最后一条后的「{cap}」", n=len(group), cap=last.cap_text) if sentence
                 else built("第{point}点最后一句后的「{cap}」", point=label.rstrip('.．、'), cap=last.cap_text))
        checker.decide(path, "句末上限", reading, where, clauses[group[-1]].limits[0].span)
        if reading.value != "整点":
            continue
        rules[group[-1]] = attrs.evolve(last, cap=None, cap_text=None)
        together = tuple(rules[i] for i in group)
        if sentence:
            text = said("{cap}(这一句{count}条合计)", cap=last.cap_text, count=str(len(group)))
        else:
            text = said("{cap}(第{point}点{count}句合计)", cap=last.cap_text, point=label.rstrip('.．、'),
                        count=str(len(group)))
        caps.append(m.SharedCap(together, last.cap, text, last.span))
    return rules, tuple(caps)


def _own_cap(clause: ast.Clause) -> bool:
    return any(x.kind in ("exhaust", "cap") for x in clause.limits)


def _deducts_only(rule: m.Rule) -> bool:
    return all(o.kind == "deduct" or (o.kind == "discretion" and o.sign < 0) for o in m.outcomes_of(rule))


def _adds_only(rule: m.Rule) -> bool:
    return all(o.kind in ("bonus", "award") for o in m.outcomes_of(rule))


def _bounds_additions(clause: ast.Clause) -> bool:
    """加满N分为止, 最多加N分 …: a cap on what is added."""
    return all(x.kind == "cap" and x.word in ast.BONUS_CAP_WORDS for x in clause.limits)


def _bounds_deductions(clause: ast.Clause) -> bool:
    """扣完N分为止, 最多扣N分 …: a cap on what is deducted (not 加满, 封顶 on what is added)."""
    return all(x.kind == "exhaust" or (x.kind == "cap" and x.word in ast.DEDUCTION_CAP_WORDS) for x in clause.limits)
