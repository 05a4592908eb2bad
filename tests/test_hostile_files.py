"""Hostile facts and files (issue 16): what a unit being scored could send, and what the reports must
survive on a leader's computer. Each test is one attack from the issue, tried the way an attacker would.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import govrubric
from govrubric import factsio
from govrubric.cli import main
from govrubric.factsio import read_table
from govrubric.spreadsheet import csv_restore, csv_text, sheet_names

# One item, one count: 「次数」每1次扣1分,扣完10分为止 → a unit with n violations scores 10 − n.
RUBRIC = """细则「小」
满分 10分
一、【办事】(10分)
  事实「次数」:次数
  「次数」每1次扣1分,扣完10分为止。
"""
PAYLOADS = ["=2+3", "@SUM(A1:A9)", "+1+cmd|' /C calc'!A0", "-3+cmd", "=HYPERLINK(\"http://x\",\"点\")",
            "\t=1+1", "\r@x", "=1+1\n第二行", "http://evil.example/", "-", "@"]
SHOWN = {payload.strip() for payload in PAYLOADS}  # unit names are read without the spaces around them


def rubric_file(tmp_path: Path, text: str = RUBRIC) -> str:
    path = tmp_path / "细则.rubric"
    path.write_text(text, encoding="utf-8")
    return str(path)


def facts_csv(tmp_path: Path, rows: list[list]) -> str:
    path = tmp_path / "数据.json"
    units = [{"单位": name, "次数": count} for name, count in rows]
    path.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    return str(path)


def formulas(data: bytes) -> list[str]:
    """Every cell of every sheet that is a formula, as openpyxl reads the file."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [f"{sheet.title}!{c.coordinate}" for sheet in book for row in sheet.iter_rows() for c in row
            if c.data_type == "f"]


# ------------------------------------------------------------------ 1. formula injection
def test_score_reports_write_hostile_unit_names_as_text(tmp_path):
    rubric = rubric_file(tmp_path)
    facts = facts_csv(tmp_path, [(name, index % 3) for index, name in enumerate(PAYLOADS)])
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"报告{suffix}"
        result = CliRunner().invoke(main, ["score", rubric, "--facts", facts, "-o", str(out)])
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        if suffix == ".xlsx":
            assert formulas(data) == []
            book = openpyxl.load_workbook(io.BytesIO(data))
            summary = list(book["汇总"].iter_rows(min_row=3, values_only=True))
            assert {row[1] for row in summary} == SHOWN  # shown exactly as written
            assert all(isinstance(row[3], int) for row in summary)  # totals stay numbers: 10, 9, 8
            for sheet in book.worksheets[1:]:
                assert sheet["B1"].value in SHOWN and sheet["B1"].data_type == "s"
        else:
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            for row in rows[1:]:
                assert not row[1].startswith(("=", "+", "-", "@", "\t", "\r")), row
                assert csv_restore(row[1]) in SHOWN
                assert row[2] in ("10", "9", "8")


def test_csv_rule_keeps_numbers_and_neutralises_everything_excel_would_run():
    assert csv_text("=2+3") == "'=2+3" and csv_text("@A1") == "'@A1" and csv_text("\t=1") == "'\t=1"
    assert csv_text("+1+2") == "'+1+2" and csv_text("-2+3") == "'-2+3" and csv_text("\r=1") == "'\r=1"
    assert csv_text("-3") == "-3" and csv_text("+2.5") == "+2.5" and csv_text("-0.5") == "-0.5"  # numbers stay
    assert csv_text(Decimal("-0.3")) == "-0.3" and csv_text(Decimal("1E+1")) == "10"
    assert csv_text("县发改局") == "县发改局" and csv_text("'=已经引用") == "'=已经引用"
    for text in PAYLOADS + ["-3", "普通", "'普通"]:
        assert csv_restore(csv_text(text)) == text  # what govrubric writes, it reads back unchanged


def test_template_with_a_formula_fact_name_is_readable_and_reads_back(tmp_path):
    text = RUBRIC.replace("「次数」", "「=2+3」").replace("【办事】", "【=1+1】")
    rubric = rubric_file(tmp_path, text)
    assert govrubric.load(rubric).ok
    for suffix in (".xlsx", ".csv"):
        template = tmp_path / f"模板{suffix}"
        result = CliRunner().invoke(main, ["inputs", rubric, "--template", str(template), "--unit", "@甲",
                                           "--unit", "-乙"])
        assert result.exit_code == 0, result.output
        if suffix == ".xlsx":
            assert formulas(template.read_bytes()) == []
            book = openpyxl.load_workbook(template)
            book["填报"]["B3"], book["填报"]["B4"] = 1, 2  # under the two header rows
            book.save(template)
        else:
            lines = template.read_text(encoding="utf-8-sig").splitlines()
            assert lines[:3] == ["单位,'=2+3", "'@甲,", "'-乙,"]
            template.write_text("\n".join(["单位,'=2+3", "'@甲,1", "'-乙,2"]), encoding="utf-8-sig")
        table, problems = read_table(str(template))
        assert problems == [] and table.columns == ("单位", "=2+3")
        assert [(r.values["单位"], r.values["=2+3"]) for r in table.rows][:2] in (
            [("@甲", 1), ("-乙", 2)], [("@甲", "1"), ("-乙", "2")])
        scored = CliRunner().invoke(main, ["score", rubric, "--facts", str(template), "--format", "json"])
        assert scored.exit_code == 0, scored.output
        totals = {unit["unit"]: unit["total"] for unit in json.loads(scored.stdout)}
        assert totals == {"@甲": "9", "-乙": "8"}  # 10 − 1, 10 − 2


def test_rendered_table_writes_formula_titles_as_text(tmp_path):
    rubric = rubric_file(tmp_path, RUBRIC.replace("【办事】", "【=1+1】").replace("细则「小」", "细则「@标题」"))
    out = tmp_path / "表.xlsx"
    assert CliRunner().invoke(main, ["render", rubric, "-o", str(out)]).exit_code == 0
    assert formulas(out.read_bytes()) == []
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "@标题" and sheet["B3"].value == "=1+1"


def test_stream_writes_neutralised_csv_and_refuses_xlsx(tmp_path):
    from govrubric.stream import write_scores

    rubric = govrubric.load(rubric_file(tmp_path))
    facts = facts_csv(tmp_path, [("=2+3", 1), ("@甲", 0)])
    summary = write_scores(rubric, facts, str(tmp_path / "得分.csv"))
    assert summary.written and summary.scored == 2
    rows = list(csv.reader(io.StringIO((tmp_path / "得分.csv").read_text(encoding="utf-8-sig"))))
    assert [row[:3] for row in rows[1:]] == [["'=2+3", "", "9"], ["'@甲", "", "10"]]
    summary = write_scores(rubric, facts, str(tmp_path / "得分.xlsx"))
    assert not summary.written and [p.code for p in summary.problems] == ["GR502"]
    assert "只写 .csv" in summary.problems[0].message and not (tmp_path / "得分.xlsx").exists()
    summary = write_scores(rubric, facts, str(tmp_path / "没有的文件夹" / "得分.csv"))
    assert [p.code for p in summary.problems] == ["GR502"] and "不存在" in summary.problems[0].message


# ------------------------------------------------------------------ 2. spreadsheet bombs
def xlsx_with(path: Path, sheet_xml: str, strings: list[str] | None = None, dimension: str = "A1") -> str:
    """A minimal workbook written by hand, as an attacker would: one sheet, optional shared strings."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/>' + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if strings is not None else "")
        + "</Types>",
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/>' if strings is not None else "") + "</Relationships>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_xml}</sheetData></worksheet>',
    }
    if strings is not None:
        files["xl/sharedStrings.xml"] = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                                         'spreadsheetml/2006/main">' + "".join(f"<si><t>{s}</t></si>" for s in strings)
                                         + "</sst>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in files.items():
            package.writestr(name, text)
    return str(path)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_cell_claimed_at_xfd1048576_is_read_as_the_cells_that_exist(tmp_path):
    # 5 KB, claiming the whole grid: the reader must not build 1,048,576 × 16,384 cells (issue: 58 s, 3.5 GB).
    sheet = (f'<row r="1">{inline("A1", "单位")}{inline("B1", "次数")}</row>'
             f'<row r="2">{inline("A2", "甲")}<c r="B2"><v>1</v></c></row>'
             f'<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>')
    path = xlsx_with(tmp_path / "炸弹.xlsx", sheet, dimension="A1:XFD1048576")
    assert os.path.getsize(path) < 5000
    table, problems = read_table(path)
    assert problems == [] and table.rows[0].values["单位"] == "甲"
    assert table.columns[-1] == "(无表头的XFD列)"  # the stray cell is data under no header: reported, not dropped


def test_many_far_cells_stop_at_the_cell_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(factsio, "MAX_CELLS", 50_000)
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 10))
    path = xlsx_with(tmp_path / "宽.xlsx", f'<row r="1">{inline("A1", "单位")}</row>' + rows)
    table, (problem,) = read_table(path)
    assert table is None and problem.code == "GR406" and "50,000 个单元格" in problem.message
    assert problem.where.endswith("第5行")  # 3 rows × 16,384 cells pass the limit at the 4th data row


def test_a_huge_shared_string_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(factsio, "MAX_XLSX_TEXTS", 10_000)
    path = xlsx_with(tmp_path / "字符串.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ["x" * 20_000])
    assert os.path.getsize(path) < 2000  # it packs small: the size that matters is the unpacked one
    table, (problem,) = read_table(path)
    assert table is None and problem.code == "GR406" and "文字表解压后" in problem.message and "上限" in problem.message
    monkeypatch.setattr(factsio, "MAX_XLSX_TEXTS", 50 * 2**20)
    monkeypatch.setattr(factsio, "MAX_XLSX_UNPACKED", 10_000)
    table, (problem,) = read_table(path)
    assert table is None and "解压后有" in problem.message and "上限" in problem.message


def test_a_cell_over_excels_limit_is_refused_with_its_place(tmp_path):
    path = xlsx_with(tmp_path / "长.xlsx", f'<row r="1">{inline("A1", "单位")}</row><row r="2">'
                     f'{inline("A2", "甲")}{inline("B2", "字" * 40_000)}</row>')
    table, (problem,) = read_table(path)
    assert table is None and problem.where.endswith("第2行 B列") and "32,767" in problem.message


def test_the_real_limits_are_stated_in_the_docs():
    text = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"{factsio.MAX_XLSX_UNPACKED // 2**20} MB" in text and f"{factsio.MAX_XLSX_TEXTS // 2**20} MB" in text
    assert f"{factsio.MAX_COLUMNS:,}" in text and f"{factsio.MAX_TEXT:,}" in text and "500 万" in text
    assert factsio.MAX_CELLS == 5_000_000 and f"{factsio.MAX_JSON_DEPTH}" in text


# ------------------------------------------------------------------ no tracebacks: facts files
def score_cli(rubric: str, facts: str):
    result = CliRunner().invoke(main, ["score", rubric, "--facts", facts])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("case", ["long-field", "columns", "deep-json", "deep-value", "huge-count", "huge-int"])
def test_each_listed_input_ends_in_a_gr_error_with_position_and_exit_2(tmp_path, case):
    rubric = rubric_file(tmp_path)
    path = tmp_path / ("数据.json" if "json" in case or "value" in case or "huge" in case else "数据.csv")
    if case == "long-field":
        path.write_text("单位,次数\n甲," + "1" * 140_000 + "\n", encoding="utf-8")  # over csv's 131,072
        expect = ("GR406", "第2行")
    elif case == "columns":
        path.write_text("单位,次数," + ",".join(f"c{i}" for i in range(19_000)) + "\n甲,1\n", encoding="utf-8")
        expect = ("GR406", "第1行")
    elif case == "deep-json":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        expect = ("GR406", "第1行第33列")
    elif case == "deep-value":
        path.write_text('[{"单位": "甲",\n "次数": ' + "[" * 5000 + "]" * 5000 + "}]", encoding="utf-8")
        expect = ("GR406", "第2行第")
    elif case == "huge-count":
        path.write_text('[{"单位": "甲", "次数": 1e1000000}]', encoding="utf-8")
        expect = ("GR403", "第1个单位")
    else:
        path.write_text('[{"单位": "甲", "次数": ' + "9" * 5000 + "}]", encoding="utf-8")
        expect = ("GR403", "第1个单位")
    result = score_cli(rubric, str(path))
    assert result.exit_code == 2, result.output
    code, place = expect
    line = next(line for line in result.output.splitlines() if code in line)
    assert place in line.split(": 错误")[0], line


def test_a_huge_count_is_refused_by_the_interpreter_and_the_compiled_scorer(tmp_path):
    rubric = govrubric.load(rubric_file(tmp_path))
    scorer = govrubric.compile_rubric(rubric)
    for value in (Decimal("1e1000000"), 10**5000, "9" * 5000, Decimal("1e-999999"), Decimal("1E+15")):
        with pytest.raises(govrubric.GovrubricError) as interpreted:
            rubric.score({"单位": "甲", "次数": value})
        with pytest.raises(scorer.FactsError) as compiled:
            scorer.score({"单位": "甲", "次数": value})
        assert [d.message for d in interpreted.value.diagnostics] == [p["message"] for p in compiled.value.problems]
        assert interpreted.value.diagnostics[0].code == "GR403"
    # the largest allowed: 15 integer digits, 20 decimal places; 10^15 − 1 violations → 0 (扣完10分为止)
    assert rubric.score({"单位": "甲", "次数": 10**15 - 1}).total == 0 == scorer.score({"次数": 10**15 - 1})["总分"]
    ratio = RUBRIC.replace("事实「次数」:次数", "事实「次数」:比值").replace("「次数」每1次扣1分,扣完10分为止。",
                                                                  "「次数」低于0.5的,扣1分。")
    rubric = govrubric.loads(ratio)
    assert rubric.score({"单位": "甲", "次数": "0.12345678901234567890"}).total == 9  # 20 places: allowed


def test_header_only_and_empty_files_say_there_are_no_units(tmp_path):
    rubric = rubric_file(tmp_path)
    for name, text in (("只有表头.csv", "单位,次数\n"), ("空列表.json", "[]")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = score_cli(rubric, str(path))
        assert result.exit_code == 2 and "GR414 事实文件中没有任何单位" in result.output, result.output
        assert "GR409" not in result.output


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16", "gb18030", "utf-8-sig"])
def test_csv_encodings_are_recognised(tmp_path, encoding):
    path = tmp_path / "数据.csv"
    text = "单位\t次数\n甲\t2\n" if encoding.startswith("utf-16") else "单位,次数\n甲,2\n"
    data = text.encode(encoding)
    if encoding == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    path.write_bytes(data)
    table, problems = read_table(str(path))
    assert problems == [] and [(r.values["单位"], r.values["次数"]) for r in table.rows] == [("甲", "2")]


def test_a_bom_written_twice_is_not_an_unknown_column(tmp_path):
    path = tmp_path / "数据.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + "单位,次数\n甲,2\n".encode())
    table, problems = read_table(str(path))
    assert problems == [] and table.columns == ("单位", "次数")


def test_gbk_bytes_inside_a_utf8_file_are_refused_with_their_place(tmp_path):
    path = tmp_path / "数据.csv"
    path.write_bytes("单位,次数\n甲,1\n".encode() + "乙".encode("gbk") + b",1\n")
    table, (problem,) = read_table(str(path))
    assert table is None and problem.code == "GR406" and problem.where.endswith("第3行第1列")
    assert "混用了两种编码" in problem.message


def test_json_mistakes_give_line_and_column(tmp_path):
    path = tmp_path / "数据.json"
    path.write_text('[{"单位": "甲",\n  "次数": 1,}]', encoding="utf-8")
    table, (problem,) = read_table(str(path))
    assert table is None and problem.where.endswith("第2行第11列") and "JSON 格式错误" in problem.message  # the }


# ------------------------------------------------------------------ outputs
def test_bad_output_is_reported_before_any_scoring(tmp_path, monkeypatch):
    import govrubric.batch as batch

    def never(*_args, **_kw):
        raise AssertionError("scored before the output was checked")

    monkeypatch.setattr(batch, "check_table", never)
    rubric = rubric_file(tmp_path)
    facts = facts_csv(tmp_path, [("甲", 1)])
    for output, words in ((tmp_path / "无此文件夹" / "r.xlsx", "不存在"), (tmp_path / "r.docx", "扩展名")):
        result = CliRunner().invoke(main, ["score", rubric, "--facts", facts, "-o", str(output)])
        assert result.exit_code == 1 and "GR502" in result.output and words in result.output, result.output


def test_read_only_outputs_are_refused_and_links_are_written_through(tmp_path):
    rubric = rubric_file(tmp_path, RUBRIC.replace("一、【办事】(10分)", "一、【办事】 (10分)"))  # fmt changes it
    os.chmod(rubric, 0o444)
    result = CliRunner().invoke(main, ["fmt", rubric])
    assert result.exit_code == 1 and "GR502" in result.output and "只读" in result.output
    assert Path(rubric).read_text(encoding="utf-8") != govrubric.load(rubric) and "办事】 (" in Path(rubric).read_text(
        encoding="utf-8")
    os.chmod(rubric, 0o644)
    link = tmp_path / "链接.rubric"
    link.symlink_to(rubric)
    assert CliRunner().invoke(main, ["fmt", str(link)]).exit_code == 0
    assert link.is_symlink() and "办事】(" in Path(rubric).read_text(encoding="utf-8")


def test_unit_sheets_avoid_excels_reserved_names_and_limits():
    names = sheet_names(["History", "history", "甲" * 40, "'引号'", "a/b", "汇总", "\U00020000" * 20],
                        reserved={"汇总"})
    assert names[0] == "History(2)" and names[1] == "history(3)"
    assert all(len(n.encode("utf-16-le")) // 2 <= 31 for n in names) and names[2] == "甲" * 31
    assert names[3] == "引号" and names[4] == "a_b" and names[5] == "汇总(2)"
    assert len(set(n.lower() for n in names)) == len(names)


def test_xlsx_outputs_are_byte_identical_run_to_run(tmp_path):
    import time

    rubric = rubric_file(tmp_path)
    facts = facts_csv(tmp_path, [("甲", 1), ("乙", 2)])
    made = []
    for attempt in range(2):
        runner = CliRunner()
        outs = [tmp_path / f"r{attempt}.xlsx", tmp_path / f"t{attempt}.xlsx", tmp_path / f"s{attempt}.xlsx"]
        assert runner.invoke(main, ["score", rubric, "--facts", facts, "-o", str(outs[0])]).exit_code == 0
        assert runner.invoke(main, ["inputs", rubric, "--template", str(outs[1]), "--unit", "甲"]).exit_code == 0
        assert runner.invoke(main, ["render", rubric, "-o", str(outs[2])]).exit_code == 0
        made.append([out.read_bytes() for out in outs])
        time.sleep(1.1)  # zip times have a two-second grain, core.xml one second: cross a boundary
    assert made[0] == made[1]
    core = zipfile.ZipFile(io.BytesIO(made[0][0])).read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core


def test_no_temporary_files_are_made_for_a_report_with_many_unit_sheets(tmp_path, monkeypatch):
    import tempfile

    from govrubric.reports import Scored, report_bytes

    made = []
    real = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: made.append(a) or real(*a, **k))
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", lambda *a, **k: made.append(a) or None)
    rubric = govrubric.load(rubric_file(tmp_path))
    results = [rubric.score({"单位": f"单位{n}", "次数": n % 11}) for n in range(1200)]
    data = report_bytes("r.xlsx", Scored(rubric.model, tuple(results)))
    assert made == [] and len(openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames) == 1201


# ------------------------------------------------------------------ 3. Markdown and HTML
def test_markdown_report_and_table_escape_raw_html_and_line_breaks(tmp_path):
    rubric = rubric_file(tmp_path, RUBRIC.replace("【办事】", "【<script>alert(1)</script>】")
                         .replace("细则「小」", "细则「<img src=x onerror=alert(1)>」"))
    facts = facts_csv(tmp_path, [("甲\n| 伪造 | 行 |", 1), ("乙", 2)])
    out = tmp_path / "报告.md"
    assert CliRunner().invoke(main, ["score", rubric, "--facts", facts, "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    raw_html = re.compile(r"(?<!\\)<(?!br>)")  # a < not escaped, other than the <br> written for a line break
    assert not raw_html.search(text), raw_html.search(text)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 3 and all(row.count(" | ") == rows[0].count(" | ") for row in rows)  # header + 2 units
    assert "甲<br>\\| 伪造 \\| 行 \\|" in text
    table = tmp_path / "表.md"
    assert CliRunner().invoke(main, ["render", rubric, "-o", str(table)]).exit_code == 0
    rendered = table.read_text(encoding="utf-8")
    assert not raw_html.search(rendered) and "\\<script\\>" in rendered
    page = tmp_path / "表.html"
    assert CliRunner().invoke(main, ["render", rubric, "-o", str(page)]).exit_code == 0
    assert "<script>alert" not in page.read_text(encoding="utf-8")


# ------------------------------------------------------------------ 4. terminal
def test_control_characters_from_facts_reach_the_terminal_escaped(tmp_path):
    rubric = rubric_file(tmp_path)
    path = tmp_path / "数据.json"
    path.write_text(json.dumps([{"单位": "\x1b]0;被改的标题\x07甲", "次数": 1}, {"单位": "乙", "次数": "\x1b[2J\x1b[31m"},
                                {"单位": "丙\u202e反", "次数": 0}], ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", rubric, "--facts", str(path), "--keep-going", "--explain"])
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "\\x1b]0;被改的标题\\x07甲" in result.output and "\\x1b[2J" in result.output
    bad = RUBRIC.replace("【办事】", "【办\x1b[8m事】")
    checked = CliRunner().invoke(main, ["check", rubric_file(tmp_path, bad + "二、【\u202e乙】(1分)\n  得1分\n")])
    assert "\x1b" not in checked.output and "\u202e" not in checked.output


def test_a_long_source_line_is_shown_around_the_caret():
    rubric = govrubric.loads("细则「小」\n满分 " + "9" * 100_000 + "分\n一、【甲】(1分)\n  得1分\n")
    (problem,) = rubric.check()
    shown = problem.render()
    assert problem.code == "GR110" and len(shown) < 1000 and "有100,000位,超过上限30位" in shown


# ------------------------------------------------------------------ 5. names
def test_invisible_characters_in_names_are_refused_on_both_sides(tmp_path):
    rubric = govrubric.loads(RUBRIC.replace("「次数」", "「次\u200b数」").replace("细则「小」", "细则「小」\n单位类别:「部\u202e门」"))
    codes = [(d.code, d.message) for d in rubric.check()]
    assert ("GR225", "名称「部\\u202e门」中有看不见的字符:U+202E(双向文字控制符)") in codes
    assert ("GR225", "名称「次\\u200b数」中有看不见的字符:U+200B(零宽空格)") in codes
    loaded = govrubric.load(rubric_file(tmp_path))
    scorer = govrubric.compile_rubric(loaded)
    for unit in ("甲\u200b", "乙\u2066", "丙\x1b", "丁\ufeff"):
        with pytest.raises(govrubric.GovrubricError) as raised:
            loaded.score({"单位": unit, "次数": 1})
        with pytest.raises(scorer.FactsError) as compiled:
            scorer.score({"单位": unit, "次数": 1})
        assert [d.code for d in raised.value.diagnostics] == ["GR415"]
        assert [d.message for d in raised.value.diagnostics] == [p["message"] for p in compiled.value.problems]
    facts = tmp_path / "数据.csv"
    facts.write_text("单位,次数\n甲,1\n甲\u200b,2\n", encoding="utf-8")  # two units that look the same
    result = score_cli(str(tmp_path / "细则.rubric"), str(facts))
    assert result.exit_code == 2 and "GR415 单位名称「甲\\u200b」中有看不见的字符:U+200B(零宽空格)" in result.output
    facts.write_text("单位,次数\u200b\n甲,1\n", encoding="utf-8")
    result = score_cli(str(tmp_path / "细则.rubric"), str(facts))
    assert "列名中有看不见的字符:U+200B(零宽空格);删去后是「次数」" in result.output


# ------------------------------------------------------------------ no tracebacks: rubric numbers
@pytest.mark.parametrize("command", ["check", "lint", "fmt", "render", "inputs", "compile", "diff"])
@pytest.mark.parametrize("case", ["item-number", "full-points", "threshold"])
def test_overlong_numbers_in_a_rubric_are_gr107_in_every_command(tmp_path, command, case):
    text = {"item-number": RUBRIC.replace("  事实", "  " + "1" * 5000 + ".【子】(10分)\n    事实"),
            "full-points": RUBRIC.replace("满分 10分", "满分 " + "9" * 100_000 + "分"),
            "threshold": RUBRIC.replace("每1次", "每" + "1" * 4400 + "次")}[case]
    rubric = rubric_file(tmp_path, text)
    args = {"render": ["-o", str(tmp_path / "表.md")], "compile": ["-o", str(tmp_path / "s.py")],
            "diff": [rubric]}.get(command, [])
    result = CliRunner().invoke(main, [command, rubric, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and "GR110" in result.output and "超过上限30位" in result.output, result.output
    assert f"{Path(rubric).name}:" in result.output  # with its file:line:col


def test_a_top_n_far_beyond_its_amounts_is_reported_without_counting_to_n():
    rubric = govrubric.loads("细则「小」\n一、【甲】(3分)\n  事实「名次」:名次\n  「名次」前99999999名,依次得3分、2分、1分。\n")
    assert [(d.code, d.message) for d in rubric.check()] == [("GR212", "「分别/依次」前后个数不一致:99999999个对象,3个分值")]


def test_rubric_files_in_another_encoding_are_shown_at_line_and_column(tmp_path):
    for name, data, place, words in (
            ("gbk.rubric", RUBRIC.encode("gb18030"), ":1:2:", "GBK/GB18030"),
            ("u16.rubric", RUBRIC.encode("utf-16"), ":1:1:", "UTF-16"),
            ("bad.rubric", RUBRIC.encode().replace("办事".encode(), b"\xff\xfe"), ":3:4:", "不是 UTF-8")):
        path = tmp_path / name
        path.write_bytes(data)
        for command in ("check", "fmt"):
            result = CliRunner().invoke(main, [command, str(path)])
            assert result.exit_code == 1 and f"{name}{place} 错误 GR105" in result.output and words in result.output


# ------------------------------------------------------------------ the compiled scorer's numbers
def test_a_cohort_average_has_the_same_exponent_compiled_and_interpreted():
    text = ("细则「小」\n一、【甲】(10分)\n  事实「得分」:分值 0—10分\n  事实「平均分」:「得分」的平均值\n"
            "  按「平均分」计分。\n")
    rubric = govrubric.loads(text)
    assert rubric.ok, [d.short() for d in rubric.check()]
    scorer = govrubric.compile_rubric(rubric)
    rows = [{"单位": "甲", "得分": 9}, {"单位": "乙", "得分": 10}]  # (9 + 10) ÷ 2 = 9.5
    interpreted = [r.scores()["一"] for r in rubric.score_cohort(rows)]
    compiled = [s["一"] for s in scorer.score_cohort(rows)]
    assert [str(v) for v in interpreted] == [str(v) for v in compiled] == ["9.5", "9.5"]
