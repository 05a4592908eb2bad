"""Compiled scorers (govrubric/codegen/) against the evaluator: every node's score and every
explanation line must agree, on the shipped rubrics, on the rubrics of the pattern tests and on
generated rubrics, for generated facts; the facts validator must report the same problems."""
from __future__ import annotations

import ast as pyast
import json
import subprocess
import sys
from decimal import Decimal as D
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric, generate
from govrubric.facts import FactChecker, unit_name
from helpers import HEADER, HEAVY, ok
from strategies import cohort_rows, fact_value, raw_fact_rows, unit_facts, valid_rubric_texts

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = sorted((ROOT / "rubrics").glob("*.rubric"))


@lru_cache(maxsize=None)
def _compiled(path: str):
    rubric = govrubric.load(path)
    assert rubric.ok, [d.render() for d in rubric.check()]
    return rubric, compile_rubric(rubric)


def assert_same(rubric, scorer, row) -> bool:
    """The compiled scorer gives what Rubric.score gives: the same tree and lines (True), or the same
    problems (False)."""
    try:
        expected = rubric.score(row)
    except govrubric.GovrubricError as err:
        with pytest.raises(scorer.FactsError) as raised:
            scorer.score(row)
        assert [(p["code"], p["message"]) for p in raised.value.problems] == [
            (d.code, d.message) for d in err.diagnostics]
        return False
    assert scorer.explain(row) == expected.to_json()
    scores = scorer.score(row)
    assert scores == expected.scores() and scores.grade == expected.grade
    assert exactly(scores) == exactly(expected.scores())  # the same Decimals, exponent and all: 9.5, not 9.50
    assert scores_only(rubric, row) == exactly(expected.scores())
    return True


def scores_only(rubric, row) -> dict:
    """Every item's score and the total from the interpreter's scores-only mode (explain=False, which lint's
    range analysis uses): they must be the evaluator's own, Decimal for Decimal."""
    from govrubric.evaluate import _Evaluator

    values, category, _ = rubric.validate(row, None)
    result = _Evaluator(rubric.model, values, category, None, explain=False).run("(只计分)")
    return exactly(result.scores())


def exactly(scores: dict) -> dict:
    return {path: str(value) for path, value in scores.items()}


def with_cohort_values(draw, model, row: dict) -> dict:
    """Values computed over a cohort (排名, 最低值 …) given directly, as Rubric.score accepts them."""
    for fact in model.facts.values():
        if fact.cohort is not None and draw(st.integers(0, 5)):
            row[fact.name] = draw(fact_value(fact))
    return row


# ---------------------------------------------------------------- the shipped rubrics
@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_shipped_rubrics_compile_to_the_evaluator(path, data):
    rubric, scorer = _compiled(str(path))
    row = with_cohort_values(data.draw, rubric.model, data.draw(unit_facts(rubric.model)))
    assert_same(rubric, scorer, row)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_shipped_example_facts(path):
    """Every unit of the example facts file (cohort values taken from the evaluator's cohort run)."""
    facts = path.with_name(path.name.replace(".rubric", ".facts.json"))
    if not facts.exists():
        pytest.skip("no example facts")
    rubric, scorer = _compiled(str(path))
    rows = json.loads(facts.read_text(encoding="utf-8"), parse_float=D)
    cohort = [f.name for f in rubric.model.facts.values() if f.cohort is not None]
    if cohort:
        results = {r.unit: r for r in rubric.score_cohort(rows)}
        values = {}
        for row in rows:
            result = results[unit_name(row)]
            values[unit_name(row)] = _cohort_values(result, cohort)
        rows = [{**row, **values[unit_name(row)]} for row in rows]
    for row in rows:
        assert_same(rubric, scorer, row)


def _cohort_values(result, names) -> dict:
    """The cohort values a cohort run computed for one unit, read back from its explanation lines."""
    found = {}
    for line in result.total_lines:
        for name in names:
            if line.text.startswith(f"「{name}」= ") and line.amount is not None:
                found[name] = line.amount
    return found


# ---------------------------------------------------------------- the rubrics of the pattern tests
# The tests whose rubrics are compiled too: the patterns, and the constructs of issue 14 (units of measure,
# arithmetic between facts, categories, values relative to the cohort), each in its own file.
PATTERN_FILES = ("test_patterns.py", "test_units.py", "test_arithmetic.py", "test_categories.py")


def pattern_rubrics():
    """(test name, rubric text) for every rubric written in the PATTERN_FILES: each test's `text`,
    with its `header` when it sets one — so a pattern test added later is compiled too."""
    for name in PATTERN_FILES:
        path = ROOT / "tests" / name
        if path.exists():
            yield from _rubrics_in(path)


def _rubrics_in(path: Path):
    tree = pyast.parse(path.read_text(encoding="utf-8"))
    for function in tree.body:
        if not isinstance(function, pyast.FunctionDef):
            continue
        strings = {}
        for node in pyast.walk(function):
            if isinstance(node, pyast.Assign) and isinstance(node.value, pyast.Constant) and isinstance(
                    node.value.value, str):
                for target in node.targets:
                    if isinstance(target, pyast.Name):
                        strings[target.id] = node.value.value
        if "text" in strings:
            yield function.name, strings.get("header", HEADER) + strings["text"]


PATTERNS = list(pattern_rubrics())


def test_pattern_rubrics_are_found():
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("text", [t for _, t in PATTERNS], ids=[n for n, _ in PATTERNS])
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pattern_rubrics_compile_to_the_evaluator(text, data):
    rubric = _loaded(text)
    scorer = _scorer(text)
    assert_same(rubric, scorer, data.draw(unit_facts(rubric.model)))


@lru_cache(maxsize=None)
def _loaded(text: str):
    return ok(text, header="")


@lru_cache(maxsize=None)
def _scorer(text: str):
    return compile_rubric(_loaded(text))


# ---------------------------------------------------------------- generated rubrics
@settings(HEAVY, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(data=st.data())
def test_generated_rubrics_compile_to_the_evaluator(data):
    text = data.draw(valid_rubric_texts(), label="rubric")
    rubric = govrubric.loads(text, "generated.rubric")
    assume(rubric.ok)  # the generator's own tests hold it to valid rubrics; here only compiling is at stake
    scorer = compile_rubric(rubric)
    for name in ("甲", "乙", "丙"):
        row = with_cohort_values(data.draw, rubric.model, data.draw(unit_facts(rubric.model, name=name)))
        assert_same(rubric, scorer, row)


# ---------------------------------------------------------------- the facts validator
@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_validator_reports_what_govrubric_reports(path, data):
    """Missing, empty, unknown and malformed facts: the same codes and Chinese messages, in the same order."""
    rubric, scorer = _compiled(str(path))
    row = data.draw(raw_fact_rows(rubric.model))
    name = unit_name(row) or "(未命名单位)"
    values, category, problems = FactChecker(rubric.model).validate_unit(row, name)
    got_values, got_category, got_problems = scorer.check_facts(row)
    assert [(p["code"], p["message"]) for p in got_problems] == [(d.code, d.message) for d in problems]
    assert (got_values, got_category) == (values, category)


def test_validator_messages_by_hand():
    rubric = ok("""
一、【网办】(1分)
  事实「全程网办率」:百分比
  事实「不一致次数」:次数
  「全程网办率」达到93%得1分
  「不一致次数」每1次扣0.1分
""")
    scorer = compile_rubric(rubric)
    _values, category, problems = scorer.check_facts(
        {"单位": "县发改局", "单位类别": "县局", "全程网办率": "0.95", "不一致次数": "", "网办率": 1})
    assert category == "县局"
    assert [p["code"] for p in problems] == ["GR407", "GR402", "GR403", "GR411"]
    assert problems[0]["message"] == "单位「县发改局」的类别「县局」未在细则中声明;可选:部门、街道"
    assert problems[1]["message"] == "单位「县发改局」提供了未声明的事实「网办率」,是不是「全程网办率」?"
    assert "0.95 会读作 0.95%" in problems[2]["message"] and "请填 95%" in problems[2]["message"]
    assert problems[3]["message"] == "单位「县发改局」的事实「不一致次数」没有填写(应为不小于0的整数)"
    with pytest.raises(scorer.FactsError) as raised:
        scorer.score({"单位": "县发改局"})
    assert [p["code"] for p in raised.value.problems] == ["GR401", "GR401", "GR401"]
    assert "错误 GR401 单位「县发改局」缺少事实「单位类别」" in str(raised.value)


def test_non_finite_numbers_are_bad_values_not_crashes():
    rubric = ok("一、【x】(1分)\n  事实「次数」:次数\n  「次数」每1次扣0.1分\n")
    scorer = compile_rubric(rubric)
    for bad in (float("nan"), float("inf"), D("NaN"), D("-Infinity"), D("sNaN")):
        row = {"单位": "甲", "单位类别": "部门", "次数": bad}
        _values, _category, problems = scorer.check_facts(row)
        assert [p["code"] for p in problems] == ["GR403"]
        assert [p["message"] for p in problems] == [d.message for d in rubric.validate(row)[2]]


def test_evaluator_reports_nan_as_a_bad_value():
    rubric = ok("一、【x】(1分)\n  事实「次数」:次数\n  「次数」每1次扣0.1分\n")
    with pytest.raises(govrubric.GovrubricError):
        rubric.score({"单位": "甲", "单位类别": "部门", "次数": float("nan")})


def test_cohort_values_must_be_given_to_a_single_unit():
    rubric = ok("""
一、【收件率】(5分)
  事实「收件率」:百分比
  事实「收件率排名」:按「收件率」从高到低排名
  「收件率排名」前三位,依次加0.5分、1分、1.5分
""")
    scorer = compile_rubric(rubric)
    assert scorer.COHORT_FACTS == ("收件率排名",)
    with pytest.raises(scorer.FactsError) as raised:
        scorer.score({"单位": "甲", "单位类别": "部门", "收件率": "90%"})
    with pytest.raises(govrubric.GovrubricError) as expected:
        rubric.score({"单位": "甲", "单位类别": "部门", "收件率": "90%"})
    assert [(p["code"], p["message"]) for p in raised.value.problems] == [
        (d.code, d.message) for d in expected.value.diagnostics]
    assert scorer.score({"单位": "甲", "单位类别": "部门", "收件率": "90%", "收件率排名": 2})["一"] == D("1")


# ---------------------------------------------------------------- scores worked out by hand
HAND = """细则「手算」
年度 2024
单位类别:「乡镇」、「部门」
满分 20分
不适用项:按比例折算
总分:「考评得分」= 第一项至第二项得分 + 第三项得分 - 第四项扣分
「考评得分」超过20分的,按20分确定。

一、【事项】(10分)
  事实「网办率」:百分比
  事实「差错次数」:次数
  「网办率」达到93%得6分,90%—92%之间,得3分,低于90%不得分
  「差错次数」每1次扣0.3分,扣完2分为止
  ○(4分)
    事实「承诺数量」:数量
    事实「企业数量」:数量
    「承诺数量」/「企业数量」≥1得4分,≥0.5得2分
二、【便民】(6分)
  适用:「乡镇」
  事实「外网覆盖」:是否
  未「外网覆盖」的,扣6分
三、【加分】(累计不超过5分)
  事实「简报次数」:次数
  「简报次数」每次加1.5分
四、【扣分】
  事实「通报次数」:次数
  事实「再犯次数」:次数
  「通报次数」每项扣2分
  「再犯次数」第一次扣1分;再次扣3分
"""


def test_scores_worked_out_by_hand():
    scorer = compile_rubric(govrubric.loads(HAND, "hand.rubric"))
    town = {"单位": "甲镇", "单位类别": "乡镇", "网办率": "91%", "差错次数": 8, "承诺数量": 3, "企业数量": 4,
            "外网覆盖": False, "简报次数": 2, "通报次数": 1, "再犯次数": 3}
    s = scorer.score(town)
    assert s["一.○1"] == D("2")        # 3/4 = 0.75 ≥ 0.5
    assert s["一"] == D("3")           # 2 + 3 (91% is in 90%—92%) − 2.4 capped at 2
    assert s["二"] == D("0")           # 6 − 6
    assert s["三"] == D("3")           # 2 × 1.5
    assert s["四"] == D("-9")          # −2 −1 −3 −3
    assert s["总分"] == D("-3")        # 3 + 0 + 3 − 9
    office = {**town, "单位": "乙局", "单位类别": "部门", "网办率": "93%", "差错次数": 0, "承诺数量": 4,
              "简报次数": 5, "通报次数": 0, "再犯次数": 0}
    s = scorer.score(office)
    assert s["二"] == D("0") and not scorer.explain(office)["items"][1]["applicable"]  # 便民: 乡镇 only
    assert s["一"] == D("10") and s["三"] == D("5")  # 7.5 capped at 5
    # 不适用项:按比例折算: (10 + 0 + 5 − 0) × 16 ÷ (16 − 6) = 24, then 超过20分的,按20分确定
    assert s["总分"] == D("20")
    lines = [x["text"] for x in scorer.explain(office)["explanation"]]
    assert lines[1] == "不适用项按比例折算:15 × 16 ÷ 10 = 24(保留两位小数,四舍五入)"
    assert lines[2] == "「考评得分」超过20分的,按20分确定(> 20分):24 → 20"


# ---------------------------------------------------------------- the module's description of itself
def test_metadata_and_facts_description():
    rubric, scorer = _compiled(str(ROOT / "rubrics" / "yiliang-2023.rubric"))
    model = rubric.model
    assert scorer.TITLE == model.title and scorer.YEAR == 2023 and scorer.FULL_SCORE == D(100)
    assert scorer.SOURCE_SHA256 == model.source_sha256 and scorer.SOURCE_FILE == "yiliang-2023.rubric"
    assert scorer.CATEGORIES == model.categories
    assert list(scorer.FACTS) == list(model.facts)
    hotline = scorer.FACTS["热线考核得分"]
    assert (hotline["type"], hotline["low"], hotline["high"]) == ("score", D(0), D(3))
    assert hotline["expected"] == "0到3之间的分数"
    assert scorer.FACTS["全程网办率"]["type_zh"] == "百分比"


def test_each_clause_is_quoted_above_its_code_with_its_line():
    rubric, scorer = _compiled(str(ROOT / "rubrics" / "yiliang-2023.rubric"))
    source = scorer.SOURCE
    lines = rubric.source.text.split("\n")
    for node in rubric.model.nodes():
        for rule in node.rules:
            line = rubric.line_of(rule.span)
            first = rule.text.split("\n")[0].strip()
            assert first in lines[line - 1]
            assert f"# 第{line}" in source and first in source
    function = source[source.index("def item_3_2(v, r):"):]
    function = function[:function.index("\ndef ")]
    assert "# 第" in function and "「全程网办率」达93%得1分" in function


def test_function_names_follow_the_numbering():
    _rubric, scorer = _compiled(str(ROOT / "rubrics" / "yiliang-2023.rubric"))
    for name in ("item_1", "item_1_1_1", "item_3_2", "item_2_7_o1", "item_3_6_2_o2", "item_10"):
        assert callable(getattr(scorer, name)), name


def test_output_is_deterministic_across_processes():
    """Byte-identical for the same rubric, whatever the hash seed (sets of categories are sorted)."""
    text = HAND.replace("适用:「乡镇」", "适用:「部门」、「乡镇」")
    code = ("import sys, govrubric; from govrubric.codegen import generate; "
            "r = govrubric.loads(sys.stdin.read(), 'hand.rubric'); sys.stdout.write(generate(r.model, r.line_of))")
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                              env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=ROOT, check=True)
        outputs.add(done.stdout)
    rubric = govrubric.loads(text, "hand.rubric")
    assert outputs == {generate(rubric.model, rubric.line_of)}


def test_compile_rubric_takes_a_path_and_refuses_a_broken_rubric(tmp_path):
    scorer = compile_rubric(ROOT / "rubrics" / "yiliang-2023.rubric")
    assert scorer.TITLE.startswith("宜良县")
    broken = tmp_path / "broken.rubric"
    broken.write_text("细则「x」\n一、【a】(1分)\n  「未声明」得1分\n", encoding="utf-8")
    with pytest.raises(govrubric.GovrubricError) as raised:
        govrubric.compile_rubric(str(broken))
    assert [d.code for d in raised.value.diagnostics] == ["GR201"]


# ---------------------------------------------------------------- scoring a cohort together
def assert_same_cohort(rubric, scorer, rows) -> None:
    """score_cohort gives what Rubric.score_cohort gives: every unit's tree and lines, or the same problems."""
    try:
        expected = rubric.score_cohort(rows)
    except govrubric.GovrubricError as err:
        with pytest.raises(scorer.FactsError) as raised:
            scorer.score_cohort(rows)
        assert [(p["code"], p["message"]) for p in raised.value.problems] == [
            (d.code, d.message) for d in err.diagnostics]
        return
    assert scorer.score_cohort(rows, explain=True) == [r.to_json() for r in expected]
    scored = scorer.score_cohort(rows)
    assert scored == [r.scores() for r in expected] and [s.grade for s in scored] == [r.grade for r in expected]
    assert [exactly(s) for s in scored] == [exactly(r.scores()) for r in expected]  # 9.5 is not 9.50


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_shipped_example_facts_as_a_cohort(path):
    facts = path.with_name(path.name.replace(".rubric", ".facts.json"))
    if not facts.exists():
        pytest.skip("no example facts")
    rubric, scorer = _compiled(str(path))
    assert_same_cohort(rubric, scorer, json.loads(facts.read_text(encoding="utf-8"), parse_float=D))


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_shipped_rubrics_score_cohorts_as_the_evaluator(path, data):
    rubric, scorer = _compiled(str(path))
    assert_same_cohort(rubric, scorer, data.draw(cohort_rows(rubric.model, 1, 6)))


@settings(HEAVY, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(data=st.data())
def test_generated_rubrics_score_cohorts_as_the_evaluator(data):
    """Ranks, lowest, highest and averages over facts, item scores and totals, with scopes and categories."""
    rubric = govrubric.loads(data.draw(valid_rubric_texts(cohorts=True), label="rubric"), "generated.rubric")
    assume(rubric.ok)
    assert_same_cohort(rubric, compile_rubric(rubric), data.draw(cohort_rows(rubric.model, 1, 6)))


WINDOW = """细则「t」
单位类别:「部门」、「街道」
一、【窗口服务】(3分)
  事实「进驻大厅」:是否
  事实「窗口折算得分」:分值 0—3分(可空)
  事实「进驻单位最低得分」:在「进驻大厅」的单位中本项得分的最低值
  未「进驻大厅」的,按「进驻单位最低得分」计分;否则按「窗口折算得分」计分
二、【收件率】(2分)
  事实「收件率」:百分比
  事实「收件率排名」:在「部门」类单位中按「收件率」从高到低排名
  「收件率排名」前两位,依次加1分、0.5分
"""


def test_cohort_worked_out_by_hand():
    scorer = compile_rubric(govrubric.loads(WINDOW, "window.rubric"))
    results = scorer.score_cohort([
        {"单位": "甲", "单位类别": "部门", "进驻大厅": True, "窗口折算得分": "2.6", "收件率": "90%"},
        {"单位": "乙", "单位类别": "部门", "进驻大厅": True, "窗口折算得分": "2.2", "收件率": "95%"},
        {"单位": "丙", "单位类别": "部门", "进驻大厅": False, "收件率": "95%"},
        {"单位": "丁", "单位类别": "街道", "进驻大厅": False, "收件率": "99%"},
    ])
    # lowest 本项得分 among 甲 2.6 and 乙 2.2 → 2.2 for 丙 and 丁, known once 甲 and 乙 are final;
    # 乙 and 丙 share 第1名 (+1 each), 甲 is 第3名 (nothing), 丁 is a 街道 and not ranked
    assert [(r["一"], r["二"], r["总分"]) for r in results] == [
        (D("2.6"), D("0"), D("2.6")), (D("2.2"), D("1"), D("3.2")), (D("2.2"), D("1"), D("3.2")),
        (D("2.2"), D("0"), D("2.2"))]
    explained = scorer.score_cohort([{"单位": "甲", "单位类别": "部门", "进驻大厅": False, "收件率": "90%"}],
                                    explain=True)
    assert explained[0]["explanation"][1]["text"] == (  # after 「收件率排名」, computed from facts first
        "「进驻单位最低得分」= 空(在「进驻大厅」的单位中本项得分的最低值:没有符合条件的单位,此值为空,用到它的条款不计分)")


def test_cohort_problems_are_reported_together():
    scorer = compile_rubric(govrubric.loads(WINDOW, "window.rubric"))
    with pytest.raises(scorer.FactsError) as raised:
        scorer.score_cohort([{"单位": "甲", "单位类别": "部门", "进驻大厅": True, "收件率": "90%"},
                             {"单位": "甲", "单位类别": "部门", "进驻大厅": "也许", "收件率": "90%"}])
    assert [p["code"] for p in raised.value.problems] == ["GR404", "GR403"]
    with pytest.raises(scorer.FactsError) as raised:
        scorer.score_cohort([{"单位": "甲", "单位类别": "部门", "进驻大厅": True, "收件率": "90%", "收件率排名": 1}])
    assert [p["message"] for p in raised.value.problems] == ["单位「甲」填写了「收件率排名」,但它由全体单位计算得出,不应填写"]
    cycle = compile_rubric(govrubric.loads("细则「t」\n一、【甲】(3分)\n  事实「参评」:是否\n"
                                           "  事实「最低」:在「参评」的单位中本项得分的最低值\n  按「最低」计分\n", "c.rubric"))
    with pytest.raises(cycle.FactsError) as raised:
        cycle.score_cohort([{"单位": "甲", "参评": True}])
    assert [p["code"] for p in raised.value.problems] == ["GR422"]
