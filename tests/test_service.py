"""The language service (govrubric.service): one place for diagnostics, positions, formatting, hover,
navigation, completion, outline and scoring, and the command line agrees with it."""
import json
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

from govrubric.service import from_text, open_file
from govrubric.service.scoring import rankings, read_facts, score_table
from govrubric.source import Span

ROOT = Path(__file__).resolve().parent.parent
YILIANG = ROOT / "rubrics" / "yiliang-2023.rubric"

SMALL = """细则「测试」
单位类别:「部门」、「街道」

一、【办件】(10分)
  事实「办结率」:百分比
  「办结率」达到95%的,得10分;达到90%的,得6分;否则不得分。
二、【投诉】(5分)
  事实「投诉次数」:次数
  「投诉次数」每发生1次扣1分,扣完为止。
"""


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govrubric", *args], capture_output=True, text=True, cwd=ROOT)


# ------------------------------------------------------------------ positions
def test_positions_count_utf16_units_and_display_columns():
    # 𠮷 (U+20BB7) is one Python character, two UTF-16 units and two display columns
    text = "细则「𠮷a」\n一、【甲】(1分)\n"
    doc = from_text(text, "t.rubric")
    after = text.index("a")
    pos = doc.at(after)
    assert (pos.line, pos.col) == (1, 5)  # 细 则 「 𠮷 a
    assert pos.display_col == 2 + 2 + 2 + 2 + 1  # four wide characters before it
    assert pos.lsp_character == 5  # 细 则 「 = 3 units, 𠮷 = 2 units
    assert pos.utf16 == 5
    assert doc.positions.from_utf16(5) == after
    assert doc.positions.from_utf16(4) == after - 1  # inside the surrogate pair: the character's start
    second = text.index("一")
    assert doc.positions.from_lsp(1, 0) == second
    assert doc.at(second).utf16 == second + 1  # one astral character before it


# ------------------------------------------------------------------ diagnostics
def test_a_mistake_is_reported_at_its_line_with_every_unit_of_position():
    text = SMALL.replace("「投诉次数」每发生", "「投诉数」每发生")
    doc = from_text(text, "t.rubric")
    assert not doc.ok
    [problem] = doc.problems()
    assert problem.code == "GR201" and problem.origin == "check"
    entry = problem.to_json(doc.positions)
    line = text.splitlines().index("  「投诉数」每发生1次扣1分,扣完为止。") + 1
    assert entry["line"] == line == entry["range"]["start"]["line"]
    col = len("  ") + 1
    assert entry["col"] == col
    assert entry["range"]["start"]["lsp"] == {"line": line - 1, "character": col - 1}
    assert entry["range"]["start"]["display_col"] == 3 and entry["range"]["end"]["display_col"] == 3 + 2 * 5
    assert "未声明的事实「投诉数」" in entry["full_message"]


def test_check_problems_are_the_cli_check_output(tmp_path):
    path = tmp_path / "错.rubric"
    path.write_text(SMALL.replace("「投诉次数」每发生", "「投诉数」每发生"), encoding="utf-8")
    cli = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    doc = open_file(str(path))
    assert cli == [p.diagnostic.to_json() for p in doc.check_problems()]


def test_lint_problems_are_the_cli_lint_output():
    cli = json.loads(run_cli("lint", "--format", "json", str(YILIANG)).stdout)
    doc = open_file(str(YILIANG))
    ours = doc.lint_problems(silenced=True)
    assert [(e["code"], e["line"], e["col"], e["message"]) for e in cli] == \
        [(p.code, p.diagnostic.to_json()["line"], p.diagnostic.to_json()["col"], p.diagnostic.message) for p in ours]
    assert [e["witness"]["text"] if e["witness"] else None for e in cli] == [p.example for p in ours]


def test_an_overlap_names_the_earlier_tier_as_a_related_place():
    text = """细则「测试」
一、【两率】(5分)
  计分方式:从满分扣减
  事实「省排名」:名次
  「省排名」前30名(含)的,得满分;否则「省排名」30名至60名的,扣2分;否则「省排名」61名以后的,扣3分。
"""
    doc = from_text(text, "t.rubric")
    [overlap] = [p for p in doc.problems() if p.code == "GL302"]
    entry = overlap.to_json(doc.positions)
    [related] = entry["related"]
    assert related["message"] == "前一档"
    start, end = related["range"]["start"]["col"], related["range"]["end"]["col"]
    line = text.splitlines()[4]
    assert "前30名(含)" in line[start - 1:end - 1] and "30名至60名" not in line[start - 1:end - 1]
    assert entry["range"]["start"]["col"] > end - 1  # the overlap itself is the later tier


def test_lint_waits_for_a_rubric_that_checks():
    doc = from_text(SMALL.replace("「投诉次数」每发生", "「投诉数」每发生"), "t.rubric")
    assert doc.lint() == [] and [p.origin for p in doc.problems()] == ["check"]


# ------------------------------------------------------------------ formatting
def test_format_edits_turn_the_text_into_fmts_text():
    text = SMALL.replace("  「办结率」达到95%", "      「办结率」达到95%").replace("二、", "二、 ")
    doc = from_text(text, "t.rubric")
    expected = doc.formatted().text
    assert expected is not None and expected != text
    result = text
    for edit in sorted(doc.format_edits(), key=lambda e: e.span.start, reverse=True):
        result = result[:edit.span.start] + edit.new_text + result[edit.span.end:]
    assert result == expected
    assert from_text(expected, "t.rubric").format_edits() == []


def test_text_that_does_not_parse_has_no_edits():
    assert from_text(SMALL.replace("(5分)", "(5分"), "t.rubric").format_edits() is None


# ------------------------------------------------------------------ navigation
def test_hover_on_a_fact_shows_declaration_kind_and_the_items_that_read_it():
    doc = from_text(SMALL, "t.rubric")
    use = SMALL.index("「投诉次数」每") + 2
    hover = doc.hover(use)
    assert hover.title == "事实「投诉次数」"
    assert "类型:次数" in hover.lines
    assert "应填:不小于0的整数" in hover.lines
    assert "声明:第8行 事实「投诉次数」:次数" in hover.lines
    assert "用到它的指标(1):二" in hover.lines


def test_hover_on_an_item_shows_points_reachable_range_and_readings():
    doc = from_text(SMALL, "t.rubric")
    hover = doc.hover(SMALL.index("二、") + 1)
    assert hover.title == "二、 【投诉】"
    assert "分值:5分" in hover.lines
    # 每次扣1分 from 5, 扣完为止: anything from 0 to 5
    assert "可能得分:0—5分(lint 的精确范围)" in hover.lines
    assert any(line.startswith("口径:") for line in hover.lines)


def test_definition_and_references_of_a_fact():
    doc = from_text(SMALL, "t.rubric")
    declaration = SMALL.index("「办结率」")
    use = SMALL.index("「办结率」达到")
    assert doc.definition(use + 1) == Span(declaration, declaration + len("「办结率」"))
    assert [s.start for s in doc.references(use + 1)] == [declaration, use]
    assert [s.start for s in doc.references(use + 1, include_declaration=False)] == [use]
    assert doc.definition(SMALL.index("得10分")) is None


def test_completion_offers_fact_names_inside_a_bracket_and_titles_inside_another():
    text = SMALL + "三、【其他】(1分)\n  「投\n"
    doc = from_text(text, "t.rubric")
    assert not doc.ok  # half typed: it does not parse, so names come from the last version that did
    names, titles = ["办结率", "投诉次数"], ["办件", "投诉"]
    found = doc.completions(len(text) - 1, names, titles)
    assert [c.label for c in found] == ["投诉次数"]
    assert found[0].close == "」" and found[0].replace == Span(len(text) - 2, len(text) - 1)
    titled = SMALL + "三、【"
    offered = from_text(titled, "t.rubric").completions(len(titled), titles=titles)
    assert [c.label for c in offered] == ["办件", "投诉"] and offered[0].close == "】"
    assert from_text(SMALL, "t.rubric").completions(SMALL.index("得10分")) == []


def test_completion_inside_a_written_name_replaces_it():
    doc = from_text(SMALL, "t.rubric")
    at = SMALL.index("「办结率」达到") + 2  # between 办 and 结
    [found] = doc.completions(at)
    assert found.label == "办结率" and found.close == ""
    assert found.replace == Span(at - 1, at + 2)


def test_outline_is_the_item_tree_with_facts():
    doc = from_text(SMALL, "t.rubric")
    symbols = doc.symbols()
    assert [(s.name, s.detail) for s in symbols] == [("一、 【办件】", "10分"), ("二、 【投诉】", "5分")]
    assert [c.name for c in symbols[0].children] == ["「办结率」"]


# ------------------------------------------------------------------ scoring
def test_scoring_the_shipped_facts_gives_the_cli_totals():
    facts = str(ROOT / "rubrics" / "yiliang-2023.facts.json")
    cli = json.loads(run_cli("score", str(YILIANG), "--facts", facts, "--format", "json").stdout)
    doc = open_file(str(YILIANG))
    table, problems = read_facts(facts)
    assert problems == []
    scoring = score_table(doc.loaded, table)
    assert {r.unit: str(r.total) for r in scoring.results} == {e["unit"]: e["total"] for e in cli}
    overall, *by_category = rankings(scoring.results, doc.loaded.model.categories)
    assert overall.category is None and len(overall.rows) == len(cli)
    assert [r.category for r in by_category] == ["乡镇街道", "县级部门"]
    for ranking in by_category:
        assert [rank for rank, _ in ranking.rows][0] == 1
        assert all(result.category == ranking.category for _, result in ranking.rows)


def test_every_facts_problem_is_reported_and_nothing_is_scored():
    doc = from_text(SMALL, "t.rubric")
    from govrubric.service.scoring import read_uploaded_facts

    data = "单位,单位类别,办结率,投诉次数\n甲,部门,96%,1\n乙,部门,abc,\n".encode()
    table, problems = read_uploaded_facts(data, "C:\\数据\\填报.csv")
    assert problems == []
    scoring = score_table(doc.loaded, table)
    assert scoring.stopped
    found = {(p.code, p.where) for p in scoring.all_problems}
    assert found == {("GR403", "填报.csv 第3行 C列"), ("GR411", "填报.csv 第3行 D列")}
    kept = score_table(doc.loaded, table, keep_going=True)
    # 甲: 96% ≥ 95% → 10; one complaint → 5 − 1 = 4
    assert [(r.unit, r.total) for r in kept.results] == [("甲", D(14))]
