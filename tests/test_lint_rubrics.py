"""govrubric lint on the shipped rubrics: what it reports is recorded, checked against the source
documents, in docs/findings.md; a change here needs a change there. Every witness is a valid row
of facts (FactChecker accepts it) that scores as the finding says."""
from collections import Counter
from decimal import Decimal

import pytest

import govrubric
from govrubric.evaluate import score_unit
from govrubric.lint import lint
from govrubric.lint.domains import Domains
from govrubric.lint.witness import raw_value

EXPECTED = {
    "rubrics/yiliang-2023.rubric": [
        ("GL203", None), ("GL301", None), ("GL202", "二.5"), ("GL205", "二.6"), ("GL201", "三.2"),
        ("GL301", "三.2"), ("GL301", "三.2"), ("GL201", "三.4"), ("GL302", "三.5"),
        ("GL302", "三.5"), ("GL202", "三.8"), ("GL202", "三.9"), ("GL801", "六.2"), ("GL402", "八"),
    ],
    "rubrics/gongshu-2021.rubric": [
        ("GL205", "一.1.【预约服务机制和解决“数字鸿沟”问题长效机制】.○2"),
        ("GL201", "一.2.【政务服务2.0事项认领率和收件率】.○2"), ("GL305", "一.2.【政务服务2.0事项认领率和收件率】.○2"),
        ("GL501", "一.2.【招标投标】.○1"),
        ("GL201", "一.2.【投资项目审批代办服务及深化涉审中介管理】.○2"),
        ("GL202", "一.2.【投资项目审批代办服务及深化涉审中介管理】.○3"),
        ("GL205", "二.4.【深化服务大厅“综合窗口”建设】.○1"),
        ("GL101", "二.6.【大厅改造】"), ("GL205", "二.6.【大厅改造】.○1"),
        ("GL403", "二.6.【大厅改造】.○1"), ("GL101", "二.6.【2.0工作台】"), ("GL205", "二.6.【2.0工作台】.○1"),
        ("GL205", "二.6.【2.0工作台】.○2"),
        # no GL303 at 三.7.【营商环境评价】: at 第3名 「之前不扣分」 and 「之后每下降1位」 (0 steps) score alike in or out
        ("GL304", "三.7.【“两率”指标】.○1"), ("GL302", "三.7.【“两率”指标】.○1"), ("GL302", "三.7.【“两率”指标】.○1"),
        ("GL305", "四.8"),
    ],
    "rubrics/yinchuan-fenting.rubric": [("GL205", "【领导重视】")],
}

_LOADED: dict = {}


def findings(path):
    if path not in _LOADED:
        loaded = govrubric.load(path)
        _LOADED[path] = (loaded, lint(loaded))
    return _LOADED[path]


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_shipped_rubric_findings_are_those_recorded_in_findings_md(path):
    loaded, found = findings(path)
    got = Counter((f.code, f.item) for f in found if not f.silenced)
    assert got == Counter(EXPECTED[path]), "update docs/findings.md (each finding checked against the source) and this list"


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_shipped_witnesses_are_valid_facts_that_score_as_claimed(path):
    loaded, found = findings(path)
    model = loaded.model
    domains = Domains(model)
    for finding in found:
        witness = finding.witness
        if witness is None:
            continue
        facts = {name: domains.neutral(name) for name in model.facts}
        facts.update(dict(witness.facts))
        row = {name: raw_value(model.facts[name], value) for name, value in facts.items() if value is not None}
        row["单位"] = "示例单位"
        if model.categories:
            row["单位类别"] = witness.category or model.categories[0]
        values, category, problems = loaded.validate(row)
        assert not problems, [p.message for p in problems]
        result = score_unit(model, values, "示例单位", category)
        scores = result.scores()
        if finding.code in ("GL202", "GL205") and finding.item is not None:
            claimed = witness.outcome.removeprefix("本项得").split("分")[0]
            assert scores[finding.item] == Decimal(claimed)
        if finding.code == "GL203":
            assert result.total < 0
