"""Explanation lines in English (--lang en): every line is said through one runtime helper, _runtime._say, with its
Chinese template as the message id and _runtime_english._ENGLISH as its English, by the interpreter and the compiled
scorer alike; rubric text inside a line stays as written, and Chinese stays as it was (the other tests)."""
from __future__ import annotations

import ast
import json
import string
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

import govrubric
from govrubric import _runtime, i18n
from govrubric._runtime_english import _ENGLISH
from govrubric.cli import main
from govrubric.codegen import compile_rubric
from helpers import string_literals

ROOT = Path(__file__).resolve().parent.parent
WITH_FACTS = sorted(p for p in [*ROOT.glob("rubrics/*.rubric"), *ROOT.glob("tests/field_trial/*/*.rubric")]
                    if p.with_name(p.name.replace(".rubric", ".facts.json")).exists())

ADD_ENGLISH = ("an explanation line (or a phrase of one) has no English: add it to _ENGLISH in "
               "govrubric/_runtime_english.py as\n{entries}\nwith the same {{fields}} as the Chinese, in plain English "
               "a county IT colleague reads; rubric words that name a construct stay recognisable, e.g. "
               "(累计加减分:分别限制) kept in brackets after the English. The fields hold rubric text and numbers as "
               "written. Where each is said:\n{where}")


@pytest.fixture(autouse=True)
def chinese_again():
    yield
    i18n.set_language(None)
    _runtime._speak(None)


def said_in_the_code() -> dict[str, str]:
    """Every template the code says: the literal first argument of _say(…) (evaluate.py, the runtime, cohort.py,
    spill.py), of ModuleCode.say(…) (codegen, which writes a _say call into the scorer), of N_(…) (a template
    chosen first and said later) and of said(…) (a phrase the checker words into the model), either branch of an
    `a if c else b`; with where it is said."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "govrubric").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id in ("_say", "N_", "said")) or (
                    isinstance(func, ast.Attribute) and func.attr == "say" and getattr(func.value, "id", "") == "self"):
                for text in string_literals(node.args[0]):
                    found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    for template in _runtime._VALUE_OF_KIND.values():  # chosen by the fact's kind
        found.setdefault(template, "govrubric/_runtime.py _VALUE_OF_KIND")
    for names in _runtime._PERIOD_NAMES.values():  # 第二季度, 8月: the name of a period is a template of its own
        for template in names:
            found.setdefault(template, "govrubric/_runtime.py _PERIOD_NAMES")
    return found


def _fields(text: str) -> list[str]:
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name})


def test_every_explanation_template_has_its_english():
    said = said_in_the_code()
    assert len(said) > 100
    missing = {text: where for text, where in said.items() if text not in _ENGLISH}
    entries = "\n".join(f"    {json.dumps(text, ensure_ascii=False)}: \"<its English>\"," for text in missing)
    assert not missing, ADD_ENGLISH.format(entries=entries,
                                           where="\n".join(f"{where}: {text}" for text, where in missing.items()))
    for chinese, english in _ENGLISH.items():
        assert _fields(chinese) == _fields(english), f"{chinese!r}: the English must have the same fields: {english!r}"
        assert english != chinese or chinese in (";",), f"{chinese!r}: its English is the Chinese itself"


def test_the_catalogue_holds_only_what_is_said():
    """An English entry whose template the code no longer says is left over from a line that changed."""
    said = said_in_the_code()
    stale = sorted(text for text in _ENGLISH if text not in said)
    assert not stale, f"no longer said anywhere; delete from govrubric/_runtime_english.py: {stale}"


def _rows(path: Path) -> list:
    return json.loads(path.with_name(path.name.replace(".rubric", ".facts.json")).read_text(encoding="utf-8"),
                      parse_float=D)


@pytest.mark.parametrize("path", WITH_FACTS, ids=lambda p: p.name)
def test_the_compiled_scorer_speaks_english_line_for_line(path):
    """Every shipped and field-trial rubric on its example facts: in English, the compiled scorer gives the
    interpreter's lines exactly, and no template said on the way lacks its English."""
    rubric = govrubric.load(str(path))
    scorer = compile_rubric(rubric)
    rows = _rows(path)
    chinese = [r.to_json() for r in rubric.score_cohort(rows)]
    i18n.set_language("en")
    _runtime._UNTRANSLATED.clear()
    english = [r.to_json() for r in rubric.score_cohort(rows)]
    scorer.set_language("en")
    assert scorer.score_cohort(rows, explain=True) == english
    assert not _runtime._UNTRANSLATED | scorer._UNTRANSLATED, ADD_ENGLISH.format(
        entries="\n".join(f"    {json.dumps(t, ensure_ascii=False)}: \"<its English>\","
                          for t in _runtime._UNTRANSLATED | scorer._UNTRANSLATED), where="(said with a computed template)")
    assert [u["total"] for u in english] == [u["total"] for u in chinese]  # the words change, never the numbers
    scorer.set_language("zh")
    assert scorer.score_cohort(rows, explain=True) == chinese


RUBRIC = """细则「英文说明」
一、【办件】(3分)
  事实「差错」:次数
  「差错」每发现1次扣0.5分,最多扣1分。
二、【网办】(2分)
  事实「网办率」:百分比
  「网办率」达到90%的,得2分;达到80%的,得1分。
"""


def test_score_explain_in_english(tmp_path):
    """Worked out by hand: 甲 made 3 errors, 3 × 0.5 = 1.5 but at most 1 is deducted: 3 − 1 = 2; 网办率 85% reaches
    80% but not 90%: 1 point. Total 2 + 1 = 3. Rubric words (clauses, names) stay as written."""
    rubric, facts = tmp_path / "r.rubric", tmp_path / "f.csv"
    rubric.write_text(RUBRIC, encoding="utf-8")
    facts.write_text("单位,差错,网办率\n甲,3,85%\n", encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts), "--explain", "--format",
                                 "json"])
    assert shown.exit_code == 0, shown.output
    unit = json.loads(shown.stdout)[0]
    assert unit["total"] == "3"
    assert [x["text"] for x in unit["explanation"]] == ["总分 = the sum of the items' scores = 3"]
    first, second = unit["items"]
    assert [x["text"] for x in first["explanation"]] == [
        "deducted from full marks: starts at 3 points (inferred: the item has only deducting or veto clauses, so "
        "from full marks)",
        "「差错」= 3次: 每发现1次扣0.5分 × 3 = −1.5 points",
        "最多扣1分: −1.5 → −1",
    ]
    assert [x["text"] for x in second["explanation"]] == [
        "scored from 0 (inferred: the item has clauses that award or add points, so from 0)",
        "「网办率」= 85%, meets 「达到80%」 (≥ 80%) → 得1分(+1)",  # the tier that held
    ]
    tree = runner.invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts), "--explain"]).output
    assert "一 办件  2/3 points" in tree and "(line 4)" in tree and "Total" in tree
    chinese = runner.invoke(main, ["--lang", "zh", "score", str(rubric), "--facts", str(facts), "--explain"]).output
    assert "从满分扣减,基础分3分(推断:本项只有扣分/否决条款,从满分扣减)" in chinese and "(第4行)" in chinese


def test_a_compiled_scorer_speaks_chinese_until_told(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    scorer = compile_rubric(str(rubric))
    row = {"单位": "甲", "差错": 0, "网办率": "95%"}
    assert scorer.explain(row)["explanation"][0]["text"] == "总分 = 各项得分之和 = 5"
    scorer.set_language("en")
    assert scorer.explain(row)["explanation"][0]["text"] == "总分 = the sum of the items' scores = 5"
    with pytest.raises(ValueError):
        scorer.set_language("fr")


def test_the_report_notes_in_english(tmp_path):
    """The 备注 column names the clause cap that changed 甲's score, in the language of the lines."""
    rubric, facts, report = tmp_path / "r.rubric", tmp_path / "f.csv", tmp_path / "report.xlsx"
    rubric.write_text(RUBRIC, encoding="utf-8")
    facts.write_text("单位,差错,网办率\n甲,3,85%\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts), "-o", str(report)])
    assert done.exit_code == 0, done.output
    import openpyxl

    rows = list(openpyxl.load_workbook(report)["Summary"].iter_rows(values_only=True))
    assert rows[2][-1] == "一 最多扣1分: −1.5 → −1"
    unit = list(openpyxl.load_workbook(report)["甲"].iter_rows(values_only=True))
    assert any(row[4] == "「差错」= 3次: 每发现1次扣0.5分 × 3 = −1.5 points" for row in unit)


PER_VALUE = """细则「逐起」
一、【预防森林火灾发生】(40分)
  事实「受害面积」:亩,逐起
  单起「受害面积」30亩以上的扣10分,扣完为止。
二、【督查】(4分)
  事实「督查次数」:次数,按季度
  「督查次数」每季度至少督查1次(4分)。
"""


def test_facts_given_per_event_and_per_quarter_in_english(tmp_path):
    """Worked out by hand (as tests/test_periods.py in Chinese): fires of 12, 35 and 30 亩, two of them 30亩以上:
    40 − 2 × 10 = 20; 督查 1、2、0、3 misses the third quarter: 0. Interpreter and compiled scorer alike."""
    rubric = govrubric.loads(PER_VALUE, "r.rubric")
    row = {"单位": "甲", "受害面积": [12, 35, 30], "督查次数": [1, 2, 0, 3]}
    i18n.set_language("en")
    unit = rubric.score_cohort([row])[0].to_json()
    scorer = compile_rubric(rubric)
    scorer.set_language("en")
    assert scorer.score_cohort([row], explain=True) == [unit]
    fires, checks = unit["items"]
    assert fires["score"] == "20" and checks["score"] == "0"
    assert [x["text"] for x in fires["explanation"]][1:] == [
        "each 起 scored on its own (3起 in all): 「受害面积」= 12亩、35亩、30亩",
        "起 no. 1: 「受害面积」= 12亩, does not meet 「30亩以上」 (≥ 30亩): this clause scores nothing",
        "起 no. 2: 「受害面积」= 35亩, meets 「30亩以上」 (≥ 30亩) → 扣10分(−10)",
        "起 no. 3: 「受害面积」= 30亩, meets 「30亩以上」 (≥ 30亩) → 扣10分(−10)",
        "2 of 3起 scored, in all −20 points",
    ]
    assert [x["text"] for x in checks["explanation"]][-1] == (
        "「督查次数」= 1、2、0、3, not met in Q3: 「至少督查1次」 (≥ 1): this clause scores nothing")
    row = {"单位": "甲", "受害面积": [], "督查次数": [1, 1, 1, 1]}
    assert [x["text"] for x in rubric.score_cohort([row])[0].to_json()["items"][1]["explanation"]][-1] == (
        "「督查次数」= 1、1、1、1, every 季度 meets 「至少督查1次」 (≥ 1) → 得4分(+4)")
