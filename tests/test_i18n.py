"""--lang zh|en: messages and reports in one language, from the gettext catalogue (govrubric/locale); help stays
bilingual; with no language named (the C locale) status lines stay 「中文 / English」 and documents Chinese."""
from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from govrubric import i18n
from govrubric.cli import main
from govrubric.diagnostics import MESSAGES, SEVERITY_ZH
from helpers import string_literals

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "govrubric" / "locale" / "en" / "LC_MESSAGES" / "govrubric.po"
RUBRIC = "细则「填法」\n一、【办件】(3分)\n  事实「差错」:次数\n  「差错」每发现1次扣0.1分\n"


@pytest.fixture(autouse=True)
def language_from_the_environment():
    yield
    i18n.set_language(None)  # --lang sets it for the process: leave the next test as it finds it


def test_the_compiled_catalogue_is_the_po_compiled():
    """The .mo gettext reads holds exactly the .po's translations (Babel stamps the header with the time it
    compiled, so the messages are compared, not the bytes)."""
    import gettext

    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:  # a message with a context is stored under 「context\x04message」
        written = {(f"{m.context}\x04{m.id}" if m.context else m.id): m.string for m in read_po(handle) if m.id}
    with CATALOGUE.with_suffix(".mo").open("rb") as handle:
        compiled = {k: v for k, v in gettext.GNUTranslations(handle)._catalog.items() if k}
    assert compiled == written, "run: python3 -m govrubric.i18n"


def said_in_the_code() -> set[str]:
    """Every message the code passes to say() or word() as a literal, and the words it passes through them."""
    found = set()
    for path in (ROOT / "govrubric").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("say", "word") and node.args:
                if isinstance(node.args[0], ast.Constant):
                    found.add(node.args[0].value)
    return found


def test_every_message_has_its_english():
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        catalogue = {m.id: m.string for m in read_po(handle) if m.id}
    headers = {"编号", "指标", "分值", "得分", "说明", "增减", "细则行", "位置", "代码", "问题", "帮助"}
    facts_messages = {template for code, (_slug, template) in MESSAGES.items() if code.startswith("GR4")}
    wanted = said_in_the_code() | headers | set(SEVERITY_ZH.values()) | facts_messages
    assert len(said_in_the_code()) > 40
    missing = sorted(m for m in wanted if not catalogue.get(m))
    assert not missing
    for message in wanted:  # the same fields on both sides, so formatting never fails
        assert sorted(_fields(message)) == sorted(_fields(catalogue[message])), message


ADD_ENGLISH = ("add its English to govrubric/locale/en/LC_MESSAGES/govrubric.po as\n"
               "{entry}\n"
               "with the same {{placeholders}} as the Chinese, in plain English a county IT colleague reads (keep rubric "
               "terms recognisable, e.g. 「扣完为止」 → deduct until nothing is left (扣完为止)); then run "
               "python3 -m govrubric.i18n to compile the .mo. Missing:\n{missing}")


def _catalogue(context: str | None = None) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.context == context}


def test_every_diagnostic_template_has_its_english():
    """Every code's message (GR…, GL…) reads in English under --lang en, with the same fields."""
    catalogue = _catalogue()
    missing = sorted(f"{code}: {template}" for code, (_slug, template) in MESSAGES.items()
                     if not catalogue.get(template))
    assert not missing, ADD_ENGLISH.format(entry='msgid "<the Chinese template>"\nmsgstr "<its English>"',
                                           missing="\n".join(missing))
    for code, (_slug, template) in MESSAGES.items():
        assert sorted(_fields(template)) == sorted(_fields(catalogue[template])), (
            f"{code}: the English of 「{template}」 must have the same {{placeholders}}: {catalogue[template]!r}")


# keywords of err()/error()/report()/make() that are not words to translate
_NOT_PHRASES = {"severity", "item", "where", "span", "source", "code", "witness"}


def phrases_in_the_code() -> dict[str, str]:
    """Each constant phrase the code passes to a diagnostic (help=, detail=, consequence= … as a literal, either
    branch of an `a if c else b`), with where it is passed; names and values (VERBATIM_FIELDS) and bare marks
    left out. Phrases the code builds are built() (built_in_the_code); an f-string stays Chinese (docs/cli.md)."""
    from govrubric.diagnostics import VERBATIM_FIELDS

    found: dict[str, str] = {}
    for path in sorted((ROOT / "govrubric").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ("err", "error", "report", "make"):
                continue
            for keyword in node.keywords:
                if keyword.arg is None or keyword.arg in _NOT_PHRASES | VERBATIM_FIELDS:
                    continue
                for text in string_literals(keyword.value):
                    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
                        found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno} {keyword.arg}=")
    return found


def test_every_constant_phrase_of_a_diagnostic_has_its_english():
    """A help or detail the code passes as a literal is a phrase of the catalogue (msgctxt "diagnostic"), so a
    message under --lang en is English through and through, not an English template around a Chinese detail."""
    assert_in_the_catalogue(phrases_in_the_code(), "<the Chinese phrase>")


def assert_in_the_catalogue(found: dict[str, str], entry: str) -> None:
    """Every phrase or template found (text → where) has its English under msgctxt "diagnostic", with the same
    {fields}; what lacks it is listed with the entry to add."""
    assert len(found) > 100
    catalogue = _catalogue(i18n.PHRASE)
    missing = sorted(f"{where}: {text}" for text, where in found.items() if not catalogue.get(text))
    assert not missing, ADD_ENGLISH.format(entry=f'msgctxt "diagnostic"\nmsgid "{entry}"\n'
                                                 'msgstr "<its English, with the same {fields}>"', missing="\n".join(missing))
    for text in found:
        assert sorted(_fields(text)) == sorted(_fields(catalogue[text])), (
            f"the English of 「{text}」 must have the same {{fields}}: {catalogue[text]!r}")


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "both"), ({}, "both"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"), ({"LANGUAGE": "zh_TW:en", "LANG": "en_US"}, "zh"),
    ({"LANG": "en_US.UTF-8", "GOVRUBRIC_LANG": "zh"}, "zh"), ({"LANG": "de_DE.UTF-8"}, "both"),
])
def test_the_default_comes_from_the_locale(environ, expected):
    assert i18n.from_environment(environ) == expected


def test_one_language_on_request_and_both_when_none_is_named(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    runner = CliRunner()
    english = runner.invoke(main, ["--lang", "en", "check", str(rubric)])
    assert english.stdout == f"{rubric}: OK (1 items, 1 facts)\n"
    chinese = runner.invoke(main, ["--lang", "zh", "check", str(rubric)])
    assert chinese.stdout == f"{rubric}: 通过检查(1个指标,1个事实)\n"
    both = runner.invoke(main, ["check", str(rubric)], env={"LANG": "C.UTF-8", "LC_ALL": None, "LANGUAGE": None,
                                                            "LC_MESSAGES": None, "GOVRUBRIC_LANG": None})
    assert both.stdout == f"{rubric}: 通过检查(1个指标,1个事实) / OK (1 items, 1 facts)\n"
    from_locale = runner.invoke(main, ["check", str(rubric)], env={"LANG": "en_US.UTF-8", "LC_ALL": None,
                                                                   "LANGUAGE": None, "GOVRUBRIC_LANG": None})
    assert from_locale.stdout == f"{rubric}: OK (1 items, 1 facts)\n"


def test_the_report_and_the_facts_messages_in_english(tmp_path):
    rubric, facts = tmp_path / "r.rubric", tmp_path / "f.csv"
    rubric.write_text(RUBRIC, encoding="utf-8")
    facts.write_text("单位,差错\n甲,3\n乙,\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts)])
    assert refused.exit_code == 2
    assert f"{facts} row 3 column B: error GR411 unit \"乙\": the fact \"差错\" is empty" in refused.output
    assert "1 problem(s) in the facts; nothing scored" in refused.output and "事实有" not in refused.output
    facts.write_text("单位,差错\n甲,3次\n乙,0\n", encoding="utf-8")
    report = tmp_path / "report.xlsx"
    done = runner.invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts), "-o", str(report)])
    assert done.exit_code == 0, done.output
    assert f"report written: {report}" in done.output and "已写出" not in done.output
    assert f'{facts} row 2 column B: hint GR430 unit "甲": fact "差错": "3次" read as 3' in done.output
    assert "Rank" in done.output and "Total" in done.output  # the terminal table
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["Summary", "乙", "甲"]  # in rank order
    rows = list(book["Summary"].iter_rows(values_only=True))
    # from full marks: 乙 3, 甲 3 − 0.3 = 2.7
    assert rows[0][0] == "填法: scores" and rows[1] == ("Rank", "Unit", "一 办件", "Total", "Notes")
    assert rows[2:] == [(1, "乙", 3, 3, None), (2, "甲", 2.7, 2.7, 'fact "差错": "3次" read as 3')]  # Notes
    unit = [row for row in book["甲"].iter_rows(values_only=True)]
    assert ("No.", "Item", "Points", "Score", "Explanation", "Change", "Line") in unit
    data = json.loads(runner.invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts),
                                           "--format", "json"]).stdout)
    assert {unit["unit"]: unit["total"] for unit in data} == {"乙": "3", "甲": "2.7"}


def test_help_stays_bilingual_in_either_language():
    for lang in ("zh", "en"):
        shown = CliRunner().invoke(main, ["--lang", lang, "score", "--help"]).output
        assert "为单位计分" in shown and "Score every unit" in shown


BROKEN = "细则「填法」\n一、【办件】(3分)\n  事实「差错」:次数\n  「差错」每发现1次扣0.1分\n  「网办」达到93%得1分\n"
UNUSED = "细则「填法」\n一、【办件】(3分)\n  事实「差错」:次数\n  事实「没用」:次数\n  「差错」每发现1次扣0.1分\n"


def test_check_and_lint_speak_english_on_request(tmp_path):
    """--lang en: the message, its help, the caret under the source line and file:line:col, all in English
    (the rubric's own words stay as written); no language named: Chinese as before."""
    broken, unused = tmp_path / "broken.rubric", tmp_path / "unused.rubric"
    broken.write_text(BROKEN, encoding="utf-8")
    unused.write_text(UNUSED, encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["--lang", "en", "check", str(broken)])
    assert checked.exit_code == 1
    assert checked.output.splitlines()[:5] == [
        f'{broken}:5:3: error GR201 the fact "网办" is not declared',
        "  |",
        "5 |   「网办」达到93%得1分",
        "  |   ^^^^^^^^",
        "  help: declare it: 「事实「名称」:类型」",
    ]
    assert f"{broken}: 1 error(s)" in checked.output
    linted = runner.invoke(main, ["--lang", "en", "lint", str(unused)])
    shown = linted.output.splitlines()
    at = shown.index(f'{unused}:4:3: warning GL601 一:the fact "没用" is declared, but no clause uses it')
    assert shown[at + 1:at + 5] == ["  |", "4 |   事实「没用」:次数", "  |   ^^^^^^^^^^^^^^^^^",
                                    "  help: delete the fact, or add the clause that uses it"]
    assert shown[-1] == f"{unused}: 0 error(s), 1 warning(s), 2 hint(s)"
    assert "delete the fact" in runner.invoke(main, ["--lang", "en", "lint", "--format", "json", str(unused)]).output
    chinese = runner.invoke(main, ["--lang", "zh", "check", str(broken)]).output
    assert f'{broken}:5:3: 错误 GR201 未声明的事实「网办」' in chinese and "  帮助: 用「事实「名称」:类型」声明它" in chinese
    unchanged = runner.invoke(main, ["lint", str(unused)]).output  # the tests' default: both (conftest)
    assert "  帮助: 删去这个事实,或补上用到它的条款" in unchanged
    assert f"{unused}: 0个错误、1个警告、2个提示 / 0 error(s), 1 warning(s), 2 hint(s)" in unchanged


def test_a_phrase_is_english_only_where_it_is_a_phrase():
    """The same Chinese word is a phrase in one field and a name in another: 「分值」 passed as whose= reads
    "the item's", while a fact called 「分值」 stays 「分值」, and the column header 分值 stays "Points"."""
    from govrubric.diagnostics import make

    i18n.set_language("en")
    assert make("GL202", reach="x", whose="分值", points="5").message == "x, short of the item's points (5)"
    assert make("GR201", name="分值", help="用「事实「名称」:类型」声明它").message == 'the fact "分值" is not declared'
    assert i18n.word("分值") == "Points"
    assert make("GR201", name="甲", help=f"是不是「{'乙'}」?").help == "是不是「乙」?"  # built: stays Chinese


def test_diff_and_its_back_test_in_english(tmp_path):
    """diff's fixed words (and the back-test's) in English; the clauses, names and numbers as written."""
    old, new, facts = tmp_path / "old.rubric", tmp_path / "new.rubric", tmp_path / "f.csv"
    old.write_text(RUBRIC, encoding="utf-8")
    new.write_text(RUBRIC.replace("0.1分", "0.5分") + "二、【表彰】(2分)\n  事实「表彰」:是否\n  「表彰」的,得2分\n",
                   encoding="utf-8")
    facts.write_text("单位,差错\n甲,2\n乙,0\n", encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(main, ["--lang", "en", "diff", str(old), str(new), "--facts", str(facts)]).output
    assert f"rubric diff: {old} → {new}" in shown and "facts added: 「表彰」" in shown
    assert "  clause changed:\n    old: 「差错」每发现1次扣0.1分\n    new: 「差错」每发现1次扣0.5分" in shown
    assert "added 二【表彰】\n  clause: 「表彰」的,得2分\n  possible scores: 0—2 points" in shown
    # 甲: from full marks, 3 − 2 × 0.1 = 2.8 before, 3 − 2 × 0.5 = 2 after
    assert "  甲: 2.8 → 2 (−0.8)\n    一【办件】: 2.8 → 2 (−0.8)" in shown
    assert "count as not filled in" in shown
    table = tmp_path / "backtest.xlsx"
    done = runner.invoke(main, ["--lang", "en", "diff", str(old), str(new), "--facts", str(facts), "-o", str(table)])
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(table)
    assert book.sheetnames == ["back-test", "Explanation"]
    rows = list(book["back-test"].iter_rows(values_only=True))
    assert rows[1] == ("Unit", "Old total", "New total", "Change", "Old rank", "New rank", "Rank change",
                       "Items that changed")
    assert rows[2][0] == "甲" and rows[2][-1] == "一【办件】: 2.8 → 2 (−0.8)"
    chinese = runner.invoke(main, ["diff", str(old), str(new), "--facts", str(facts)]).output
    assert "细则对比 / rubric diff:" in chinese and "  条款改动:\n    原:「差错」每发现1次扣0.1分" in chinese


def test_the_scoring_table_headers_in_english(tmp_path):
    """render's fixed words (headers, 总分, the sheet's name) follow --lang; the criteria stay as published."""
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    runner = CliRunner()
    md, xlsx = tmp_path / "t.md", tmp_path / "t.xlsx"
    for path in (md, xlsx):
        assert runner.invoke(main, ["--lang", "en", "render", str(rubric), "-o", str(path)]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "| No. | Item | Scoring criteria | Points | Units assessed / how checked |" in text
    assert "| 一 | 办件 | 差错每发现1次扣0.1分。 | 3分 |" in text  # as the author wrote it
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Rubric"]
    assert ("No.", "Item", "Scoring criteria", "Points", "Units assessed / how checked") in [
        row for row in book["Rubric"].iter_rows(values_only=True)]


def test_what_a_fact_expects_in_english(tmp_path):
    """A facts problem's 「应为…」 and what is wrong, joined with 「;」 by the code, are looked up part by part."""
    rubric, facts = tmp_path / "r.rubric", tmp_path / "f.csv"
    rubric.write_text(RUBRIC, encoding="utf-8")
    facts.write_text("单位,差错\n甲,-1\n乙,\n", encoding="utf-8")
    shown = CliRunner().invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(facts)]).output
    assert (f'{facts} row 2 column B: error GR403 unit "甲": the value "-1" of the fact "差错" is not valid; '
            "expected: a whole number, 0 or more; it cannot be negative") in shown
    assert "  help: this cannot be left empty: every unit fills it in; the rubric does not mark it (可空)" in shown
    i18n.set_language("en")
    assert i18n.phrase("不小于0的整数;还没有译文的话") == "a whole number, 0 or more; 还没有译文的话"
    assert i18n.phrase("都没有译文;的话") == "都没有译文;的话"


def test_the_facts_a_rubric_asks_for_in_english(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    shown = CliRunner().invoke(main, ["--lang", "en", "inputs", str(rubric)]).output
    assert '"填法" asks each unit for 1 fact(s) (0 may be left empty)' in shown
    assert "Fact" in shown and "Expected" in shown and "a whole number, 0 or more" in shown and "count" in shown


def built_in_the_code() -> dict[str, str]:
    """Every template the code builds a phrase from (i18n.built("…{field}…", field=…)), with where."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "govrubric").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "built" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_built_phrase_has_its_english():
    """A phrase the code builds with its numbers and names (built(), not an f-string) reads in English under --lang
    en: its template is in the catalogue (msgctxt "diagnostic") with the same {fields}."""
    assert_in_the_catalogue(built_in_the_code(), "<the Chinese template>")
    from govrubric.model import KIND_ZH

    kinds = _catalogue(i18n.KIND)
    assert not [k for k in [*KIND_ZH.values(), "数"] if not kinds.get(k)], 'msgctxt "fact kind": every kind'
    types = _catalogue(i18n.TYPE)  # a fact's type as diff shows it: 「次数 → 件数」
    assert not [k for k in KIND_ZH.values() if not types.get(k)], 'msgctxt "fact type": every kind'
    i18n.set_language("en")
    assert [i18n.type_word(k) for k in ("次数", "分值", "名次")] == ["count", "score", "rank"]
    i18n.set_language("zh")
    assert i18n.type_word("次数") == "次数"


def test_a_built_phrase_in_english(tmp_path):
    """The detail of GR301 names the fact and its kind: English around them, the name as written."""
    from govrubric.diagnostics import make

    i18n.set_language("en")
    message = make("GR301", detail=i18n.built("「{name}」是{kind},不能与数值比较", name="分值",
                                              kind=i18n.kind_word("是否"))).message
    assert "「分值」 is yes/no; it cannot be compared with a number" in message
    i18n.set_language("zh")
    assert "「分值」是是否,不能与数值比较" in make("GR301", detail=i18n.built("「{name}」是{kind},不能与数值比较",
                                                                       name="分值", kind=i18n.kind_word("是否"))).message
    rubric = tmp_path / "r.rubric"
    rubric.write_text("细则「填法」\n一、【办件】(3分)\n  事实「网办」:是否\n  「网办」达到90%的,得1分\n", encoding="utf-8")
    shown = CliRunner().invoke(main, ["--lang", "en", "check", str(rubric)]).output
    assert "「网办」 is yes/no; it cannot be compared with a number" in shown, shown


GUIDE_WORDS = ("是", "1.5 或 [1, 2.5]", "(见下表)", "细则写明", "默认读法", "命令行指定")


def test_the_facts_guide_in_english(tmp_path):
    """inputs --guide under --lang en: the guide's own words in English, the rubric's names as written."""
    from govrubric.guide import _KIND_ROWS

    catalogue = _catalogue()
    missing = [w for w in [*(t for t, _ in _KIND_ROWS.values()), *GUIDE_WORDS] if not catalogue.get(w)]
    assert not missing, ADD_ENGLISH.format(entry='msgid "<the Chinese words>"\nmsgstr "<their English>"',
                                           missing="\n".join(missing))
    rubric, guide = tmp_path / "r.rubric", tmp_path / "guide.md"
    rubric.write_text(RUBRIC, encoding="utf-8")
    done = CliRunner().invoke(main, ["--lang", "en", "inputs", str(rubric), "--guide", str(guide)])
    assert done.exit_code == 0, done.output
    text = guide.read_text(encoding="utf-8")
    assert "# 填法: what each unit fills in, and how it is scored" in text
    assert "| Fact | Type | What to fill in | Who fills it in | Used by items | How to fill in |" in text
    assert "| 「差错」 | count | a whole number, 0 or more | every unit |" in text
    chinese = CliRunner().invoke(main, ["--lang", "zh", "inputs", str(rubric), "--guide", str(tmp_path / "g.md")])
    assert chinese.exit_code == 0
    assert "| 事实 | 类型 | 应填 | 谁填 | 用于指标 | 怎样填 |" in (tmp_path / "g.md").read_text(encoding="utf-8")


def test_the_fill_in_template_in_english(tmp_path):
    """inputs --template under --lang en: header comments, validation prompts and the notes sheet in English; the
    sheet names (read back when scoring), column names and the rubric's names as they are."""
    rubric, template = tmp_path / "r.rubric", tmp_path / "t.xlsx"
    rubric.write_text(RUBRIC.replace("事实「差错」:次数", "事实「差错」:次数\n  事实「网办率」:百分比\n  「网办率」达到90%的,得1分")
                      .replace("(3分)", "(4分)"), encoding="utf-8")
    done = CliRunner().invoke(main, ["--lang", "en", "inputs", str(rubric), "--template", str(template)])
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[:2] == ["填报", "说明"]
    sheet = book["填报"]
    header = [cell.value for cell in sheet[2]]
    column = header.index("网办率") + 1
    comment = sheet.cell(row=2, column=column).comment.text
    assert "「网办率」percentage" in comment and "expected: a percentage from 0% to 100%" in comment
    assert "this column is formatted as percentages: typing 95 is 95%" in comment and "used by: 一" in comment
    prompts = {v.promptTitle: v.prompt for v in sheet.data_validations.dataValidation}
    assert prompts["网办率"] == "a percentage from 0% to 100%; 95 and 95% are both 95%"
    notes = [row for row in book["说明"].iter_rows(values_only=True)]
    assert notes[0][0] == "Facts to fill in for the rubric 「填法」"
    assert ("Column", "Fact", "Type", "May be empty", "Expected", "Used by items") in notes


def worded_in_the_code() -> dict[str, tuple[str, set[str]]]:
    """Every template render words a standard from (i18n.worded("…{field}…", field=…)), with where and the fields
    it is given."""
    found: dict[str, tuple[str, set[str]]] = {}
    for path in sorted((ROOT / "govrubric").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "worded" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                where, given = found.get(node.args[0].value, (f"{path.relative_to(ROOT)}:{node.lineno}", set()))
                found[node.args[0].value] = (where, given | {k.arg for k in node.keywords})
    return found


def test_every_worded_template_has_its_english():
    """What render words from the model (a standard, a bound, the total's rule) reads in English under --lang en:
    each template (and each unit the program writes after a number) is in the catalogue under msgctxt "scoring
    standard", and both sides use only the fields the code gives (「第{nth}次」 is "occurrence {number}")."""
    from govrubric.render import PROGRAM_UNITS

    found = worded_in_the_code()
    assert len(found) > 100
    catalogue = _catalogue(i18n.STANDARD)
    wanted = {**found, **{unit: ("govrubric/render.py PROGRAM_UNITS", set()) for unit in PROGRAM_UNITS}}
    missing = sorted(f"{where}: {text}" for text, (where, _) in wanted.items() if not catalogue.get(text))
    assert not missing, ADD_ENGLISH.format(entry='msgctxt "scoring standard"\nmsgid "<the Chinese template>"\n'
                                                 'msgstr "<its English, with the fields it is given>"',
                                           missing="\n".join(missing))
    for text, (where, given) in wanted.items():
        assert set(_fields(text)) <= given and set(_fields(catalogue[text])) <= given, (where, text)


def test_the_standards_worded_in_english():
    """Ranges, ranks and outcomes, worded by hand in each language: one engine, the catalogue's templates."""
    from decimal import Decimal as D

    from govrubric import model as m
    from govrubric.render import interval_words, outcome_words

    for lang, expected in (("zh", ["90%—92%", "达到93%", "前3名", "超过2天", "扣0.5分", "视情扣1—3分", "为优秀"]),
                           ("en", ["90% to 92%", "at least 93%", "in the top 3", "over 2 days", "deduct 0.5 points",
                                   "deduct 1 to 3 points as the case merits", "graded 「优秀」"])):
        i18n.set_language(lang)
        said = [interval_words(m.Interval(D(90), True, D(92), True), "%"),
                interval_words(m.Interval(D(93), True, None, False), "%"),
                interval_words(m.Interval(None, False, D(3), True), "", rank=True),
                interval_words(m.Interval(D(2), False, None, False), "天"),
                outcome_words(m.Outcome("deduct", D("0.5"))),
                outcome_words(m.Outcome("discretion", sign=-1, low=D(1), high=D(3))),
                outcome_words(m.Outcome("grade", grade="优秀"))]
        assert said == expected


def test_the_attachment_worded_from_the_model_in_english(tmp_path):
    """render -o .docx --wording 模型 under --lang en: the attachment's own headings, its label and the standards in
    English; the rubric's title and item titles as written."""
    import docx

    rubric, out = tmp_path / "r.rubric", tmp_path / "t.docx"
    rubric.write_text(RUBRIC, encoding="utf-8")
    done = CliRunner().invoke(main, ["--lang", "en", "render", str(rubric), "-o", str(out), "--wording", "模型"])
    assert done.exit_code == 0, done.output
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Attachment 1" and document.paragraphs[1].text == "填法"
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert cells[0] == ["Item", "Points", "Scoring criteria"]
    assert cells[1] == ["一、办件", "3分", "by 「差错」, deduct 0.1 points for every 「发现」1次"]
    assert cells[-1][-1] == "「总分」 = the sum of the items' scores", cells[-1]
