"""Witnesses: concrete facts that make a problem happen, checked by scoring them with the evaluator.

A witness names only the facts that matter; every other fact takes its neutral value
(domains.Domains.neutral: 否, 0, 0%, 第1名, 未填 for optional facts, nothing for lists).
Before a witness is shown it is made small: big counts are cut down to the least that
still shows the problem, and facts that do not matter go back to neutral.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

import attrs

from .. import model as m
from ..evaluate import _Evaluator, scores_only  # scores exactly as 「score」 gives them
from ..i18n import built, language, phrase
from ..numerals import format_decimal as fmt
from ..result import Result
from .domains import Domains

Predicate = Callable[[dict[str, Any]], bool]  # of a witness's facts (the rest neutral)


@attrs.frozen
class Witness:
    """facts: the facts that matter (name → value); category: the unit's 单位类别; outcome: what they produce."""

    facts: tuple[tuple[str, Any], ...]
    category: str | None
    outcome: str
    partial: bool = False  # facts not named take their neutral values (and could matter)
    show_category: bool = False  # the unit's category decides what is scored

    def text(self, rubric: m.Rubric) -> str:
        shown = describe_facts(rubric, dict(self.facts))
        if self.show_category and self.category is not None:
            shown = built("单位类别为「{category}」、{facts}", category=self.category, facts=shown) if shown else built(
                "单位类别为「{category}」", category=self.category)
        if not shown:
            shown = built("各事实取默认值")
        elif self.partial:
            shown = built("{facts}(其余事实取默认值)", facts=shown)
        return built("当{facts}时,{outcome}", facts=shown, outcome=self.outcome)

    def to_json(self, rubric: m.Rubric) -> dict:
        return {"facts": {name: raw_value(rubric.facts[name], value) for name, value in self.facts},
                "category": self.category, "outcome": self.outcome, "others_default": self.partial,
                "text": self.text(rubric)}


def present(domains: Domains, facts: dict[str, Any], scope, limit: int = 4) -> tuple[tuple[tuple[str, Any], ...], bool]:
    """The facts to name: every fact in scope when there are few, else those away from neutral."""
    order = domains.fact_order  # the rubric's order, without a pass over all its facts for each witness
    scope = sorted((name for name in set(scope) if name in order), key=order.__getitem__)
    if len(scope) <= limit and all(name in scope for name in facts):
        return tuple((name, facts.get(name, domains.neutral(name))) for name in scope), False
    named = tuple((k, v) for k, v in facts.items() if v != domains.neutral(k))
    return named, any(name not in dict(named) for name in scope)


def full_row(domains: Domains, facts: dict[str, Any], category: str | None) -> dict[str, Any]:
    """Checked values for every fact: the witness's, and neutral ones for the rest."""
    values = {name: domains.neutral(name) for name in domains.rubric.facts}
    values.update(facts)
    return values


def score(domains: Domains, facts: dict[str, Any], category: str | None) -> Result:
    """The witness's scores, total and grade (its explanation is not written: lint reads only numbers)."""
    return scores_only(domains.rubric, full_row(domains, facts, category), "(示例)", category)


def shrink(domains: Domains, facts: dict[str, Any], holds: Predicate) -> dict[str, Any] | None:
    """The facts made small while `holds` stays true: big values cut down, facts that do not matter dropped.

    None when the facts as given do not satisfy `holds` (the witness does not show the problem).
    """
    facts = dict(facts)
    if domains.ladders:  # a fact set back to neutral must not leave a 视情 amount its tier refuses
        shown = holds
        holds = lambda f: domains.row_admissible(f) and shown(f)  # noqa: E731
    if not holds(facts):
        return None
    # other facts first, so that a big count is kept and then cut down, not the other way round
    bigs = [name for name in facts if domains.is_big(name, facts[name])]
    for name in [n for n in facts if n not in bigs]:
        trial = dict(facts)
        del trial[name]
        if facts[name] == domains.neutral(name) or holds(trial):
            del facts[name]
    if len(bigs) > 1:
        facts = _one_big(facts, bigs, holds)
    for name in list(facts):
        value = facts[name]
        if domains.is_big(name, value):
            facts[name] = _least(facts, name, value, holds)
    return facts


def _one_big(facts: dict[str, Any], bigs: list[str], holds: Predicate) -> dict[str, Any]:
    """Of several big counts, keep the one that shows the problem with the smallest count on its own."""
    rest = {k: v for k, v in facts.items() if k not in bigs}
    best = None
    for name in bigs:
        if not holds({**rest, name: facts[name]}):
            continue
        least = _least(rest, name, facts[name], holds)
        size = len(least) if isinstance(least, tuple) else least
        if best is None or size < best[0]:
            best = (size, name, least)
    if best is None:
        return facts
    return {**rest, best[1]: best[2]}


def _least(facts, name: str, value: Any, holds: Predicate) -> Any:
    """The smallest count (or shortest list) that still satisfies `holds`, by bisection."""
    def at(size: int) -> Any:
        return value[:size] if isinstance(value, tuple) else Decimal(size)

    if not isinstance(value, tuple) and value < 0:
        return value  # far below zero (a value computed over the cohort): not a count to cut down
    low, high = 0, int(len(value) if isinstance(value, tuple) else value)
    if not holds({**facts, name: at(high)}):
        return value  # a big value with a fraction: the whole numbers below it do not show the problem
    while low < high:
        middle = (low + high) // 2
        if holds({**facts, name: at(middle)}):
            high = middle
        else:
            low = middle + 1
    return at(high)


def show_value(rubric: m.Rubric, name: str, value: Any) -> str:
    """A value as the evaluator's explanations show it; ranks as 第N名."""
    if rubric.facts[name].kind == "rank" and isinstance(value, Decimal):
        return built("第{rank}名", rank=fmt(value))
    return _Evaluator(rubric, {}, None, None).show_value(name, value)


def describe_facts(rubric: m.Rubric, facts: dict[str, Any]) -> str:
    """「甲」= 3、「乙」= 第2名, in the language chosen (a list joined here is no built() phrase: said as it is made)."""
    english = language() == "en"
    return "、".join(f"「{name}」= {phrase(shown) if english else shown}"
                    for name, value in facts.items() for shown in [show_value(rubric, name, value)])


def raw_value(fact: m.Fact, value: Any) -> Any:
    """A checked value written back as a facts file holds it (「92.5%」, 「是」, lists of matters)."""
    if value is None:
        return None
    if fact.per is not None and isinstance(value, tuple):  # 逐起, 按季度: a list, each value as one is written
        return [raw_value(fact.element(), v) for v in value]
    if fact.kind == "bool":
        return "是" if value else "否"
    if fact.kind == "percent":
        return f"{fmt(value)}%"
    if fact.kind == "list":
        return [list(matter) for matter in value]
    if fact.kind == "discretionary":
        return [fmt(amount) for amount in value]
    if isinstance(value, Decimal):
        return fmt(value)
    return value
