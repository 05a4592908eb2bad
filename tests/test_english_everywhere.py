"""--lang en, everywhere: every rubric in rubrics/ and tests/field_trial*/ scored on its sample facts (with --explain,
through the interpreter and the compiled scorer), linted, rendered with its standards worded from the model, and its
facts guide and fill-in template, and diff between two versions of a rubric (with its back-test), say nothing in
Chinese but the rubric's own words.

This test finds what is still Chinese rather than trusting a list. What counts as quoted (allowed to stay Chinese):
- anything inside 「…」 or “…”: names, clause and condition wording, as the explanation quotes them;
- a stretch of Chinese that occurs in the rubric file or its facts file as written, numbers aside (each run of digits
  counts as any number: 「每发现3次扣1.5分」 in a line is the clause 「每发现1次扣0.5分」's wording with other numbers,
  and a number at either end of a stretch is the program's: 「3项」 is allowed where the rubric has the measure 项):
  titles, clause wording, units of measure (「3次」), options and unit names; a list of them joined by 、;
- Chinese that the English catalogues themselves write (_runtime_english._ENGLISH, the .po's msgstr): the names of
  constructs kept in brackets after their English, as 「(累计加减分:分别限制)」 or 「(倒扣)」.
- the arguments of a command to type (`govrubric score --reading 计分方式=从零计分`): the language's own keywords.
Everything else with a Han character in it is Chinese the program wrote: the test names it, with the command and the
rubric. Punctuation alone (a fullwidth 「;」 or 「(」 beside a quote) is not looked at: only Han characters are.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

import govrubric
from govrubric import _runtime, i18n
from govrubric._runtime_english import _ENGLISH
from govrubric.cli import main
from govrubric.codegen import compile_rubric

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "govrubric" / "locale" / "en" / "LC_MESSAGES" / "govrubric.po"


def _facts_of(rubric: Path) -> Path | None:
    """The sample facts of a rubric: 名.facts.json beside 名.rubric, else the one whose name begins the rubric's
    (sw1.facts.json for sw1-two-sides-rate.rubric, hubei-env.facts.json for hubei-env-flat.rubric)."""
    stem = rubric.name.removesuffix(".rubric")
    found = [f for f in rubric.parent.glob("*.facts.json")
             if stem == (name := f.name.removesuffix(".facts.json")) or stem.startswith(name + "-")]
    return max(found, key=lambda f: len(f.name), default=None)


RUBRICS = sorted([*ROOT.glob("rubrics/*.rubric"), *ROOT.glob("tests/field_trial/*/*.rubric"),
                  *ROOT.glob("tests/field_trial3/*/*.rubric")])
EVERY_RUBRIC = sorted([*ROOT.glob("rubrics/*.rubric"), *ROOT.glob("tests/field_trial*/*/*.rubric")])
WITH_FACTS = [p for p in RUBRICS if _facts_of(p) is not None]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"(?:「(?:[^「」\n]|「[^「」\n]*」)*」|“[^“”\n]*”|[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef0-9%])+")
_COMMAND_WORDS = re.compile(r"--reading \S+")  # govrubric score --reading 计分方式=从零计分: typed as the language has it
_QUOTED = re.compile(r"「(?:[^「」]|「[^「」]*」)*」|“[^“”]*”")  # one quote may hold another: 「写明「…」」
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_EDGES = "".join(map(chr, [*range(0x3000, 0x3040), *range(0xff00, 0xfff0)])) + "%“”0"  # numbers are the program's, their unit the rubric's


def _numbers_aside(text: str) -> str:
    return _NUMBER.sub("0", text)


def _english_catalogue_words() -> str:
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        written = [m.string for m in read_po(handle) if m.id and isinstance(m.string, str)]
    return "\n".join([*_ENGLISH.values(), *written])


_CATALOGUE_WORDS = _numbers_aside(_english_catalogue_words())


def quotable(rubric: Path) -> str:
    """What a line may quote: the rubric file, its facts file, and the English catalogues' own Chinese, numbers aside."""
    facts = _facts_of(rubric)
    texts = [rubric.read_text(encoding="utf-8"), facts.read_text(encoding="utf-8") if facts else ""]
    return _numbers_aside("\n".join(texts)) + "\n" + _CATALOGUE_WORDS


def chinese_left(text: str, allowed: str) -> list[str]:
    """The stretches of `text` with a Han character that are neither quoted nor the rubric's own words (see above)."""
    left = []
    for run in _CJK_RUN.finditer(_numbers_aside(_COMMAND_WORDS.sub("", text))):
        run = run.group()
        if not _HAN.search(run) or run.strip(_EDGES) in allowed:
            continue
        quotes: list[str] = []
        masked = _QUOTED.sub(lambda found: quotes.append(found.group()) or "\x00", run)
        for piece in masked.split("、"):  # a list of rubric words
            written = re.sub("\x00", lambda _: quotes.pop(0), piece)
            if written.strip(_EDGES) in allowed:
                continue
            for bare in piece.split("\x00"):
                if _HAN.search(bare) and bare.strip(_EDGES) not in allowed:
                    left.append(bare.strip(_EDGES))
    return left


def assert_english(said: dict[str, str], rubric: Path, also: str = "") -> None:
    """said: what each command said; fails naming every stretch of Chinese the program wrote, with the line.
    also: more of the rubric's own words, as the program joins them (an item's 要求 given in two quotes is its title)."""
    allowed = quotable(rubric) + "\n" + _numbers_aside(also)
    found = []
    for command, text in said.items():
        for line in text.splitlines():
            left = chinese_left(line, allowed)
            if left:
                found.append(f"{command}: {left} in: {line.strip()}")
    name = rubric.relative_to(ROOT) if rubric.is_relative_to(ROOT) else rubric.name
    assert not found, f"{name} under --lang en still says in Chinese:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def chinese_again():
    yield
    i18n.set_language(None)
    _runtime._speak(None)


def test_what_counts_as_quoted():
    """The rule above on lines worked out by hand against a two-clause rubric."""
    allowed = _numbers_aside("细则「测」\n一、【办件】(3分)\n  事实「差错」:次数\n  「差错」每发现1次扣0.5分,最多扣1分。\n")
    assert chinese_left("「差错」= 3次: 每发现1次扣0.5分 × 3 = −1.5 points", allowed) == []
    assert chinese_left("一 办件  2/3 points", allowed) == []
    assert chinese_left("「差错」未填，本条不计分", allowed) == ["未填，本条不计分"]
    assert chinese_left("逐起计分\uff08共2起\uff09:「差错」= 1次、2次", allowed) == ["逐起计分\uff08共0起"]
    assert chinese_left("“「单位类别」为「中心镇」” holds", allowed) == []  # condition wording, quoted
    assert chinese_left("第二季度不符合「至少督查1次」", allowed) == ["第二季度不符合"]


def _rows(facts: Path) -> list:
    return json.loads(facts.read_text(encoding="utf-8"), parse_float=D)


@pytest.mark.parametrize("path", WITH_FACTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_score_explain_says_english(path):
    """score --explain (the tree and the JSON lines) through the CLI, and the compiled scorer's lines, which are the
    interpreter's line for line."""
    facts = _facts_of(path)
    runner = CliRunner()
    tree = runner.invoke(main, ["--lang", "en", "score", str(path), "--facts", str(facts), "--explain"])
    assert tree.exit_code in (0, 1), tree.output  # 1: some unit not scored (its facts say why, in English too)
    shown = runner.invoke(main, ["--lang", "en", "score", str(path), "--facts", str(facts), "--explain",
                                 "--format", "json"])

    def lines(unit):
        yield from (x["text"] for x in unit.get("explanation", ()))
        for item in unit.get("items", ()):
            yield from lines(item)

    units = json.loads(shown.stdout) if shown.stdout.strip().startswith("[") else []
    interpreted = "\n".join(text for unit in units for text in lines(unit))
    rubric = govrubric.load(str(path))
    scorer = compile_rubric(rubric)
    scorer.set_language("en")
    compiled_units = scorer.score_cohort(_rows(facts), explain=True)
    compiled = "\n".join(text for unit in compiled_units for text in lines(unit))
    i18n.set_language("en")
    assert compiled_units == [r.to_json() for r in rubric.score_cohort(_rows(facts))]  # the same lines
    assert_english({"score --explain": tree.output, "score --format json": interpreted, "compiled scorer": compiled},
                   path)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: str(p.relative_to(ROOT)))
def test_lint_says_english(path):
    """lint's findings, helps and examples (当…时 …): the phrases built with numbers and names, the readings' wording
    (GL001) and the examples' facts and outcomes are built() phrases said through the catalogue."""
    done = CliRunner().invoke(main, ["--lang", "en", "lint", str(path)])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.output
    assert_english({"lint": done.output}, path)



@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_fill_in_template_says_english(path, tmp_path):
    """inputs (the table of facts) and inputs --template: every cell, comment and validation prompt, and what each
    fact expects (「0到10分之间的分数(一个数)」, 「不小于0的数(以万元计)」, a list per quarter …)."""
    import openpyxl

    template = tmp_path / "t.xlsx"
    done = CliRunner().invoke(main, ["--lang", "en", "inputs", str(path), "--template", str(template)])
    assert done.exit_code == 0, done.output
    said = [done.output]
    for sheet in openpyxl.load_workbook(template):
        for row in sheet.iter_rows():
            said += [str(cell.value) for cell in row if cell.value is not None]
            said += [cell.comment.text for cell in row if cell.comment]
        said += [t for v in sheet.data_validations.dataValidation for t in (v.promptTitle, v.prompt, v.error) if t]
    assert_english({"inputs --template": "\n".join(said)}, path)


def test_the_standards_worded_from_the_model_and_the_guide_say_english():
    """render --wording 模型 (every standard, bound and total rule worded from the model: render.worded templates) and
    inputs --guide, for every rubric, in process (one call each, not a command per rubric): English around the
    rubric's names and wording; values listed with ", ", not 「、」."""
    from govrubric.guide import _reading_notes, guide
    from govrubric.render import MODEL, build_table, markdown

    i18n.set_language("en")
    found = []
    for path in EVERY_RUBRIC:
        rubric = govrubric.load(str(path))
        assert rubric.ok, path
        table = build_table(rubric.model, rubric.tree, rubric.source.text, MODEL)
        written = guide(rubric.model, rubric.tree, rubric.source.text, str(path), "guide.md")
        try:
            assert_english({"render --wording 模型": markdown(table), "inputs --guide": written}, path,
                           also="\n".join([*(row.title for row in table.rows),  # 要求 in two quotes
                                            *(" ".join(n) for n in _reading_notes(rubric.tree, rubric.source.text))]))
        except AssertionError as problem:
            found.append(str(problem))
    assert not found, "\n\n".join(found)


def test_the_standards_in_english_by_hand(tmp_path):
    """A rubric with a tiered rule, a count with a cap, a one-of condition and grades, worded by hand from the
    model; Chinese stays as it was."""
    rubric = tmp_path / "r.rubric"
    rubric.write_text("细则「测」\n单位类别:「乡镇」、「街道」、「部门」\n一、【网办】(3分)\n  事实「网办率」:百分比\n"
                      "  「网办率」达到93%得1分,90%—92%得0.5分,低于90%不得分\n"
                      "二、【差错】(2分)\n  事实「差错」:次数\n  「差错」每发现1次扣0.5分,扣完1分为止\n"
                      "三、【类别】(1分)\n  「单位类别」为「乡镇」、「街道」的,得1分\n", encoding="utf-8")
    out = tmp_path / "t.md"
    done = CliRunner().invoke(main, ["--lang", "en", "render", str(rubric), "-o", str(out), "--wording", "模型"])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert "「网办率」 at least 93%: 1 points; 90% to 92%: 0.5 points; below 90%: no points" in text
    assert "by 「差错」, deduct 0.5 points for every 「发现」1次, deducting at most 1 points (扣完为止)" in text
    assert "where 「单位类别」 is 「乡镇」, 「街道」: 1 points" in text
    done = CliRunner().invoke(main, ["--lang", "zh", "render", str(rubric), "-o", str(out), "--wording", "模型"])
    text = out.read_text(encoding="utf-8")
    assert "网办率达到93%得1分,90%—92%得0.5分,低于90%不得分" in text
    assert "按差错,每发现1次扣0.5分,扣完1分为止" in text and "单位类别为乡镇、街道的,得1分" in text


# Two versions of one small rubric that differ in every way diff names: the year, the categories, the total rule, a
# fact's type and options, the scoring base, 考核对象 and 查验方法, a note, 适用, a clause and a cap.
DIFF_OLD = """细则「测」
年度 2023
单位类别:「乡镇」、「部门」
满分 10分
一、【办件】(4分)
  考核对象:「乡镇」
  查验方法:「抽查」
  事实「差错」:次数
  「差错」每发现1次扣0.5分,扣完为止。
二、【网办】(3分)
  适用:「乡镇」
  事实「网办率」:百分比
  事实「方式」:选项「线上」、「线下」
  「网办率」达到90%得3分,否则不得分。
三、【加分】(累计不超过3分)
  事实「表彰」:是否
  「表彰」加3分。
"""
DIFF_NEW = """细则「测」
年度 2024
单位类别:「乡镇」、「部门」、「街道」
满分 10分
一、【办件】(4分)
  考核对象:「乡镇」、「部门」
  查验方法:「抽查」、「日常掌握情况」
  注:「不重复扣分」
  事实「差错」:次数(可空)
  计分方式:从零计分
  「差错」每发现1次扣0.5分。
二、【网办】(3分)
  事实「网办率」:比值
  事实「方式」:选项「线上」、「线下」、「两者」
  「网办率」达到0.9得3分,否则不得分。
三、【加分】(累计不超过2分)
  事实「表彰」:是否
  「表彰」加2分。
"""


def _item_labels(*paths: Path) -> str:
    """How diff names an item: its numbering and its title as written, 「一.2【网上办理】」 (rubric words)."""
    return "\n".join(f"{node.path}【{node.title}】" for path in paths
                     for node in govrubric.load(str(path)).model.nodes() if node.title)


def _diff(old: Path, new: Path, lang: str, *more: str) -> str:
    done = CliRunner().invoke(main, ["--lang", lang, "diff", str(old), str(new), *more])
    assert done.exit_code == 0, done.output
    return done.output


def test_diff_says_english_by_hand(tmp_path):
    """Every label and value diff writes, in English by hand (the rubric's names, options and clauses as written,
    a language keyword in brackets after its English); Chinese as it has always been, byte for byte."""
    old, new = tmp_path / "old.rubric", tmp_path / "new.rubric"
    old.write_text(DIFF_OLD, encoding="utf-8")
    new.write_text(DIFF_NEW, encoding="utf-8")
    english = _diff(old, new, "en").splitlines()
    for line in ["Year: 2023 → 2024", "Category: 乡镇, 部门 → 乡镇, 部门, 街道",
                 "Total: 「总分」 = the sum of the items' scores; items that do not apply count as full marks"
                 " → 「总分」 = the sum of the items' scores",
                 "type of the fact 「差错」: count → count (may be empty)",
                 "type of the fact 「网办率」: percentage → ratio",
                 "type of the fact 「方式」: choice: 线上, 线下 → choice: 线上, 线下, 两者",
                 "  Scored from: full marks, less deductions (从满分扣减) → zero, plus points earned (从零计分)",
                 "  Units assessed (考核对象): 乡镇 → 乡镇, 部门",
                 "  How it is checked (查验方法): 抽查 → 抽查, 日常掌握情况",
                 "  Note: none → 不重复扣分", "  Applies to: 乡镇 → all units",
                 "  possible scores: 0—3 points → 0—2 points"]:
        assert line in english
    assert_english({"diff": "\n".join(english)}, old, also=DIFF_NEW + _item_labels(old, new))
    chinese = _diff(old, new, "zh").splitlines()
    for line in ["年度:2023 → 2024", "单位类别:乡镇、部门 → 乡镇、部门、街道",
                 "总分:总分 = 各项得分之和;不适用的指标按满分计 → 总分 = 各项得分之和",
                 "事实「差错」类型:次数 → 次数(可空)", "事实「网办率」类型:百分比 → 比值",
                 "事实「方式」类型:选项:线上、线下 → 选项:线上、线下、两者",
                 "  计分方式:从满分扣减 → 从零计分", "  考核对象:乡镇 → 乡镇、部门",
                 "  查验方法:抽查 → 抽查、日常掌握情况", "  注:无 → 不重复扣分", "  适用:乡镇 → 全部单位",
                 "  可能得分:0—3分 → 0—2分"]:
        assert line in chinese


def test_diff_and_its_backtest_say_english(tmp_path):
    """diff between 宜良 and a copy with one clause and one fact changed, with the back-test on its sample facts (terminal and
    回测.xlsx), and between the two encodings of 湖北 in tests/field_trial3/hubei-env: the rubric's words only."""
    import openpyxl

    yiliang = ROOT / "rubrics" / "yiliang-2023.rubric"
    text = yiliang.read_text(encoding="utf-8")
    changed = text.replace("1.「指南不一致次数」每抽查发现1次扣0.1分。", "1.「指南不一致次数」每抽查发现1次扣0.2分。")
    changed = changed.replace("年度 2023", "年度 2024")
    changed = changed.replace("事实「指南不一致次数」:次数", "事实「指南不一致次数」:次数(可空)")
    assert changed.count("扣0.2分") == text.count("扣0.2分") + 1
    copy = tmp_path / "yiliang-2024.rubric"
    copy.write_text(changed, encoding="utf-8")
    book = tmp_path / "回测.xlsx"
    facts = str(_facts_of(yiliang))
    said = {"diff --facts": _diff(yiliang, copy, "en", "--facts", facts),
            "diff -o 回测.xlsx": _diff(yiliang, copy, "en", "--facts", facts, "-o", str(book))}
    assert "Year: 2023 → 2024" in said["diff --facts"] and "back-test" in said["diff --facts"]
    assert "type of the fact 「指南不一致次数」: count → count (may be empty)" in said["diff --facts"]
    cells = [str(v) for sheet in openpyxl.load_workbook(book) for row in sheet.iter_rows(values_only=True)
             for v in row if v is not None]
    said["回测.xlsx"] = "\n".join(cells)
    assert_english(said, yiliang, also=_item_labels(yiliang) + f"\n{book}")  # the file name is the user's
    hubei = ROOT / "tests" / "field_trial3" / "hubei-env"
    flat = hubei / "hubei-env-flat.rubric"
    assert_english({"diff": _diff(hubei / "hubei-env.rubric", flat, "en")}, flat,
                   also=(hubei / "hubei-env.rubric").read_text(encoding="utf-8")
                   + _item_labels(hubei / "hubei-env.rubric", flat))
