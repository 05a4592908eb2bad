"""Report files (.xlsx, .csv, .json, .md) carry the same exact numbers; they are written atomically and never
over an input; large batches get a progress bar only on an interactive terminal."""
import csv
import io
import re
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner

import govrubric
from govrubric import cli
from govrubric.atomic import refuse_inputs, write_bytes
from govrubric.cli import main
from govrubric.reports import Scored, csv_report, report_bytes
from govrubric.spreadsheet import number_or_text as excel_value
from helpers import score_files

D = Decimal

# 一: 2 − 0.1 × the percentage points below 90, proportionally; 二: 1 − 0.1 per error (7 errors: 0.3, which
# in floats is 0.30000000000000004); 三: a veto.
RUBRIC = """细则「精确」
单位类别:「部门」、「街道」
每低:按比例计
一、【接通】(2分)
  事实「接通率」:百分比
  「接通率」不足90%的,每低1个百分点扣0.1分
二、【指南】(1分)
  事实「差错」:次数
  「差错」每发现1次扣0.1分
三、【整改】(1分)
  适用:「街道」
  事实「瞒报」:是否
  「瞒报」的,该项不得分
"""
UNITS = [
    # 2 + 0.3 + 1 = 3.3
    {"单位": "甲局", "单位类别": "部门", "接通率": "95%", "差错": 7, "瞒报": "否"},
    # 一: 2 − 0.1 × 0.876543210987654322 = 1.9123456789012345678; 二: 1; 三: 0 (veto) → 2.9123456789012345678
    {"单位": "乙街道", "单位类别": "街道", "接通率": "89.123456789012345678%", "差错": 0, "瞒报": "是"},
    # 2 + 0.3 + 1 = 3.3: tied with 甲局
    {"单位": "丙/局[二]", "单位类别": "街道", "接通率": "90%", "差错": 7, "瞒报": "否"},
]
LONG = D("1.9123456789012345678")
LONG_TOTAL = D("2.9123456789012345678")


def setup(tmp_path: Path, units=UNITS) -> tuple[str, str]:
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    facts = tmp_path / "f.json"
    facts.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    return str(rubric), str(facts)


def scored(only: str | None = None) -> Scored:
    rubric = govrubric.loads(RUBRIC, "r.rubric")
    results = tuple(rubric.score(unit) for unit in UNITS)
    return Scored(rubric.model, results, only=only)


def test_excel_value_keeps_numbers_excel_can_show_exactly():
    assert excel_value(D("0.3")) == D("0.3") and isinstance(excel_value(D("0.3")), Decimal)
    assert excel_value(D("123456789012.345")) == D("123456789012.345")  # 15 significant digits
    assert excel_value(D("1234567890123.456")) == "1234567890123.456"  # 16: Excel would drop the 6
    assert excel_value(LONG) == "1.9123456789012345678"
    assert excel_value(D("2.50")) == D("2.50")  # trailing zeros are not significant digits


def test_xlsx_report_summary_ranks_ties_and_unit_sheets(tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(report_bytes("r.xlsx", scored())))
    assert book.sheetnames == ["汇总", "甲局", "丙_局_二_", "乙街道"]  # in rank order; / [ ] are not allowed
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "精确:计分结果"
    assert summary[1] == ("名次", "单位", "单位类别", "一 接通", "二 指南", "三 整改", "总分", "备注")
    assert summary[2][:7] == (1, "甲局", "部门", 2, 0.3, 1, 3.3)
    assert summary[3][:7] == (1, "丙/局[二]", "街道", 2, 0.3, 1, 3.3)  # a tie shares the rank; file order kept
    assert summary[4][:7] == (3, "乙街道", "街道", str(LONG), 1, 0, str(LONG_TOTAL))  # 20 digits: exact text
    assert "三 否决" in summary[4][7]  # 备注: the veto that changed its score
    assert book["汇总"]["B4"].hyperlink.location == "'丙_局_二_'!A1"
    unit = list(book["乙街道"].iter_rows(values_only=True))
    assert unit[:4] == [("单位", "乙街道") + (None,) * 5, ("单位类别", "街道") + (None,) * 5,
                        ("名次", 3) + (None,) * 5, ("总分", str(LONG_TOTAL)) + (None,) * 5]
    header = unit.index(("编号", "指标", "分值", "得分", "说明", "增减", "细则行"))
    rows = unit[header + 1:]
    assert rows[0][:5] == ("一", "接通", 2, str(LONG), None)
    assert any(r[4] and "每1个百分点扣0.1分(按比例计)" in r[4] and r[6] == 6 for r in rows)  # the clause and its line
    veto = next(r for r in rows if r[0] == "三")
    assert veto[:5] == ("三", "整改", 1, 0, "否决")
    not_applicable = next(r for r in list(book["甲局"].iter_rows(values_only=True)) if r[0] == "三")
    assert not_applicable[4] == "不适用"


def test_xlsx_numbers_are_written_as_their_exact_digits(tmp_path):
    data = report_bytes("r.xlsx", scored())
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>0.3</v>" in sheet and "<v>3.3</v>" in sheet
    assert "0.30000000000000004" not in sheet and "3.3000000000000003" not in sheet


def test_csv_report_has_every_item_and_exact_numbers(tmp_path):
    data = report_bytes("r.csv", scored())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["名次", "单位", "单位类别", "一 接通", "二 指南", "三 整改", "总分"]
    assert rows[1] == ["1", "甲局", "部门", "2", "0.3", "1", "3.3"]
    assert rows[3] == ["3", "乙街道", "街道", str(LONG), "1", "0", str(LONG_TOTAL)]


def test_json_report(tmp_path):
    data = json.loads(report_bytes("r.json", scored()))
    assert data["rubric"]["title"] == "精确" and len(data["rubric"]["sha256"]) == 64
    assert [(u["rank"], u["unit"], u["total"]) for u in data["units"]] == [
        (1, "甲局", "3.3"), (1, "丙/局[二]", "3.3"), (3, "乙街道", str(LONG_TOTAL))]
    assert data["units"][2]["items"][0]["score"] == str(LONG)
    assert data["not_scored"] == [] and data["problems"] == []


def test_markdown_report_escapes_and_explains(tmp_path):
    text = report_bytes("r.md", scored()).decode("utf-8")
    assert text.startswith("# 精确:计分结果\n")
    assert "| 名次 | 单位 | 单位类别 | 一 接通 | 二 指南 | 三 整改 | 总分 |" in text
    assert "|---:|---|---|---:|---:|---:|---:|" in text
    assert "| 1 | 丙/局\\[二\\] | 街道 | 2 | 0.3 | 1 | 3.3 |" in text
    assert "## 乙街道(街道):第3名,总分 2.9123456789012345678" in text
    assert "- **三** 整改:**0/1分**(否决)" in text


def test_one_unit_asked_for_is_ranked_among_all(tmp_path):
    rows = list(csv.reader(io.StringIO(report_bytes("r.csv", scored(only="乙街道")).decode("utf-8-sig"))))
    assert [row[:2] for row in rows] == [["名次", "单位"], ["3", "乙街道"]]
    assert openpyxl.load_workbook(io.BytesIO(report_bytes("r.xlsx", scored(only="乙街道")))).sheetnames == \
        ["汇总", "乙街道"]


def test_score_writes_each_format_through_the_command(tmp_path):
    rubric, facts = setup(tmp_path)
    runner = CliRunner()
    for name in ("报告.xlsx", "报告.csv", "报告.json", "报告.md"):
        result = runner.invoke(main, ["score", rubric, "--facts", facts, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert f"已写出报告 / report written: {tmp_path / name}" in result.output
    assert json.loads((tmp_path / "报告.json").read_text(encoding="utf-8"))["units"][0]["total"] == "3.3"
    assert openpyxl.load_workbook(tmp_path / "报告.xlsx")["汇总"]["G3"].value == 3.3
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_one_unit_is_shown_with_its_rank_among_all_and_explained(tmp_path):
    rubric, facts = setup(tmp_path)
    result = CliRunner().invoke(main, ["score", rubric, "--facts", facts, "--unit", "乙街道", "--explain"])
    assert result.exit_code == 0, result.output
    assert "甲局" not in result.stdout
    assert re.search(r"^ +3 乙街道 ", result.stdout, re.M)
    assert "乙街道(街道) 总分 2.9123456789012345678" in result.stdout


def test_score_refuses_to_write_over_its_inputs(tmp_path):
    rubric, facts = setup(tmp_path)
    before = Path(facts).read_bytes()
    runner = CliRunner()
    result = runner.invoke(main, ["score", rubric, "--facts", facts, "-o", facts])
    assert result.exit_code == 1
    assert f"错误 GR501 拒绝覆盖输入文件:{facts}" in result.output
    assert Path(facts).read_bytes() == before
    other_name = tmp_path / "sub" / ".." / "f.json"
    (tmp_path / "sub").mkdir()
    assert runner.invoke(main, ["score", rubric, "--facts", facts, "-o", str(other_name)]).exit_code == 1
    rubric_as_report = tmp_path / "r.md"
    os.symlink(rubric, rubric_as_report)
    result = runner.invoke(main, ["score", rubric, "--facts", facts, "-o", str(rubric_as_report)])
    assert result.exit_code == 1 and "GR501" in result.output
    assert Path(rubric).read_text(encoding="utf-8") == RUBRIC
    result = runner.invoke(main, ["score", rubric, "--facts", facts, "-o", str(tmp_path / "报告.pdf")])
    assert result.exit_code == 1 and "报告文件的扩展名应是 .xlsx、.csv、.json、.md 之一" in result.output


def test_atomic_write_replaces_whole_keeps_permissions_and_reports_failure(tmp_path):
    target = tmp_path / "报告.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    assert write_bytes(str(target), b"new") is None
    assert target.read_bytes() == b"new" and (os.stat(target).st_mode & 0o777) == 0o640
    problem = write_bytes(str(tmp_path / "没有的目录" / "报告.csv"), b"x")
    assert problem.code == "GR502" and "没有的目录" in problem.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.csv"]  # no temporary file left behind


def test_atomic_write_failure_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "报告.csv"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    problem = write_bytes(str(target), b"new")
    assert problem.code == "GR502" and problem.help == "文件可能正在 Excel 或 WPS 中打开,请关闭后重试"
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.csv"]


def test_refuse_inputs_by_any_path(tmp_path):
    facts = tmp_path / "f.json"
    facts.write_text("[]", encoding="utf-8")
    assert refuse_inputs(str(tmp_path / "." / "f.json"), [str(facts)]).code == "GR501"
    assert refuse_inputs(str(tmp_path / "g.json"), [str(facts)]) is None


@pytest.mark.parametrize("interactive", [True, False])
def test_progress_bar_only_on_an_interactive_terminal(tmp_path, monkeypatch, interactive):
    from rich.console import Console

    units = [dict(UNITS[0], 单位=f"单位{i}") for i in range(cli.PROGRESS_FROM)]
    rubric, facts = setup(tmp_path, units)
    screen = io.StringIO()
    monkeypatch.setattr(cli, "_console", lambda stderr=False: Console(
        file=screen if stderr else io.StringIO(), force_terminal=interactive, width=100))
    result = CliRunner().invoke(main, ["score", rubric, "--facts", facts, "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert ("计分 / scoring" in screen.getvalue()) is interactive
    assert ("写报告 / writing" in screen.getvalue()) is interactive


def test_staffer_path_through_real_processes(tmp_path):
    """rubric → template → filled in → ranked XLSX report, as a staffer runs it in a terminal."""
    rubric, _ = setup(tmp_path)
    template = tmp_path / "数据.xlsx"

    def govrubric_cli(*args):
        return subprocess.run([sys.executable, "-m", "govrubric", *args], capture_output=True, text=True,
                              cwd=tmp_path, encoding="utf-8")

    done = govrubric_cli("inputs", rubric, "--template", str(template), "--unit", "甲局", "--unit", "乙街道")
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(template)
    sheet = book["填报"]
    for row, values in ((3, ["部门", 0.95, 7, "否"]), (4, ["街道", 0.85, 0, "是"])):  # under the two header rows
        for column, value in enumerate(values, 2):
            sheet.cell(row=row, column=column, value=value)
    book.save(template)
    report = tmp_path / "报告.xlsx"
    done = govrubric_cli("score", rubric, "--facts", str(template), "-o", str(report))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "\x1b[" not in done.stderr  # no progress bar drawn into a pipe
    summary = list(openpyxl.load_workbook(report)["汇总"].iter_rows(min_row=3, values_only=True))
    # 乙街道: 一 2 − 0.1 × 5 = 1.5; 二 1; 三 0 (veto) → 2.5
    assert [row[:7] for row in summary] == [(1, "甲局", "部门", 2, 0.3, 1, 3.3), (2, "乙街道", "街道", 1.5, 1, 0, 2.5)]
    assert summary[0][7] is None and "三 否决" in summary[1][7]  # 备注: only the veto changed a score
    done = govrubric_cli("score", rubric, "--facts", str(template), "-o", str(template))
    assert done.returncode == 1 and "GR501" in done.stderr


COHORT = """细则「排名」
一、【收件】(3分)
  事实「收件率」:百分比
  事实「收件率排名」:按「收件率」从高到低排名
  「收件率排名」前三位,依次加0.5分、1分、1.5分
"""


def test_ranks_over_the_units_are_computed_from_every_unit_even_with_unit(tmp_path):
    rubric = tmp_path / "c.rubric"
    rubric.write_text(COHORT, encoding="utf-8")
    facts = tmp_path / "c.csv"
    facts.write_bytes("单位,收件率\r\n甲,95%\r\n乙,90%\r\n丙,90%\r\n丁,80%\r\n".encode("gbk"))
    result = CliRunner().invoke(main, ["score", str(rubric), "--facts", str(facts), "--unit", "丙", "--format", "json"])
    assert result.exit_code == 0, result.output
    (unit,) = json.loads(result.stdout)
    # 收件率 ranks: 甲 1, 乙 and 丙 tied 2, 丁 4; 丙 is 2nd → the 2nd amount, 1 point.
    assert unit["unit"] == "丙" and unit["total"] == "1"
    facts.write_bytes("单位,收件率,收件率排名\r\n甲,95%,1\r\n乙,90%,\r\n".encode("utf-8-sig"))
    result = CliRunner().invoke(main, ["score", str(rubric), "--facts", str(facts)])
    assert result.exit_code == 2
    assert "错误 GR421 单位「甲」填写了「收件率排名」,但它由全体单位计算得出,不应填写" in result.output


# ------------------------------------------------------------------ ready to send (issue 18)
def test_the_xlsx_report_is_ready_to_print(tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(report_bytes("r.xlsx", scored())))
    summary = book["汇总"]
    assert summary.freeze_panes == "C3"  # the title and header rows, rank and unit stay in view
    for sheet in book.worksheets:  # A4 landscape, one page wide, the header on every page
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage  # fitToWidth left out: 1, the default of the format
        assert sheet.page_setup.fitToWidth in (None, 1)
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows
    assert summary.print_title_rows == "$1:$2"
    unit = book["乙街道"]
    header = next(row for row in unit.iter_rows() if row[0].value == "编号")[0].row
    assert unit.freeze_panes == f"A{header + 1}" and unit.print_title_rows == f"${header}:${header}"
    # every score in as many decimals as the rubric and the scores need: here a 按比例 score has 18
    assert summary["D3"].number_format == "0.0000000000" == summary["G3"].number_format  # at most 10 shown
    widths = [summary.column_dimensions[c].width for c in "ABH"]
    assert widths[1] >= 10 and widths[2] >= 10


def test_ranks_within_each_category(tmp_path):
    rows = list(csv.reader(io.StringIO(report_bytes("r.csv", attrs.evolve(scored(), rank_by="单位类别"))
                                       .decode("utf-8-sig"))))
    # 部门: 甲局 alone; 街道: 丙 (3.3) before 乙 — each ranked among its own category, in the declared order
    assert rows[0][0] == "类别内名次"
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [("1", "甲局", "部门"), ("1", "丙/局[二]", "街道"),
                                                      ("2", "乙街道", "街道")]


def test_csv_headers_are_whole_titles(tmp_path):
    long_title = "全面落实政务服务标准化提升事项覆盖度和指南准确度持续精简优化审批服务"
    text = f"细则「长」\n一、【{long_title}】(1分)\n事实「甲」:是否\n「甲」得1分。\n"
    loaded = govrubric.loads(text, "长.rubric")
    result = loaded.score({"单位": "某局", "甲": "是"})
    rows = list(csv.reader(io.StringIO(csv_report(Scored(loaded.model, (result,))).decode("utf-8-sig"))))
    assert rows[0][2] == f"一 {long_title}"


def test_the_terminal_table_fits_80_columns(tmp_path):
    from govrubric.report import TERMINAL_WIDTH

    rubrics = Path(__file__).resolve().parent.parent / "rubrics"
    result = CliRunner().invoke(main, ["score", str(rubrics / "yiliang-2023.rubric"), "--facts",
                                       str(rubrics / "yiliang-2023.facts.json")])
    assert result.exit_code == 0, result.output
    from rich.cells import cell_len

    assert max(cell_len(line) for line in result.stdout.splitlines()) <= TERMINAL_WIDTH == 80
    # ten items under their numbers, their titles in the legend below, every total whole
    header = next(line for line in result.stdout.splitlines() if "名次" in line)
    assert header.split()[3:] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "总分"]
    assert "一 全面落实政务服务标…" in result.stdout and "53.6" in result.stdout


RANKED_APART = ("细则「分类」\n单位类别:「部门」、「街道」\n排名:「按单位类别」\n"
                "一、【办件】(3分)\n  事实「办结数」:次数\n  「办结数」每次得1分,最多得3分。\n")


def test_the_rubric_says_ranks_are_per_category(tmp_path):
    # 排名:「按单位类别」: every report ranks each category apart unless --rank-by 全部 is asked for
    facts = "单位,单位类别,办结数\n甲局,部门,1\n乙街道,街道,2\n丙局,部门,2\n"
    result, out = score_files(tmp_path, RANKED_APART, facts, "r.csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # 部门: 丙局 2 before 甲局 1; 街道: 乙街道 alone — where all together would be 乙街道 1, 丙局 1, 甲局 3
    assert rows[0][0] == "类别内名次"
    assert [row[:3] for row in rows[1:]] == [["1", "丙局", "部门"], ["2", "甲局", "部门"], ["1", "乙街道", "街道"]]
    assert "类别内名次" in result.stdout
    result, out = score_files(tmp_path, RANKED_APART, facts, "r.csv", "--rank-by", "全部")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "名次" and [row[:2] for row in rows[1:]] == [["1", "乙街道"], ["1", "丙局"], ["3", "甲局"]]


@pytest.mark.parametrize("line, header, detail", [
    ("排名:「分类排名」", "单位类别:「部门」、「街道」\n",
     "「分类排名」不是排名的写法:写 排名:「按单位类别」(每个单位类别内各自排名)或 排名:「全部单位」"),
    ("排名:「按单位类别」", "", "按单位类别排名,细则要先声明单位类别(单位类别:「…」、「…」)"),
])
def test_a_ranking_that_says_nothing_it_can_do_is_an_error(line, header, detail):
    text = RANKED_APART.replace("单位类别:「部门」、「街道」\n", header).replace("排名:「按单位类别」", line)
    found = govrubric.loads(text, "分类.rubric").check()
    assert [(d.code, d.message) for d in found] == [("GR236", f"排名的写法有误:{detail}")]
    # 全部单位 says the default; 按单位类别 with categories is what RANKED_APART writes
    assert not govrubric.loads(RANKED_APART.replace("按单位类别", "全部单位"), "分类.rubric").check()
    assert not govrubric.loads(RANKED_APART, "分类.rubric").check()


@pytest.mark.parametrize("lang, heading", [("zh", ["类别内", "名次"]), ("en", ["Rank in", "category"])])
def test_ranks_within_categories_keep_the_items_in_80_columns(lang, heading):
    # 「类别内名次」 over ranks of one digit took 6 columns more than 「名次」: 宜良's ten items no longer fitted and were
    # left to the files; the heading goes on two lines instead
    from rich.cells import cell_len

    from govrubric.report import TERMINAL_WIDTH

    rubrics = Path(__file__).resolve().parent.parent / "rubrics"
    result = CliRunner().invoke(main, ["--lang", lang, "score", str(rubrics / "yiliang-2023.rubric"), "--facts",
                                       str(rubrics / "yiliang-2023.facts.json"), "--rank-by", "单位类别"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= TERMINAL_WIDTH
    at = next(index for index, line in enumerate(lines) if line.strip() == heading[0])
    assert lines[at + 1].split()[:1] == heading[1:] and lines[at + 1].split()[-11:-1] == \
        ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    # 北古城镇 first among 乡镇街道, 县政务服务局 first among 县级部门, each with its items
    ranks = [line.split()[:2] for line in lines if line.split()[:1] and line.split()[0].isdigit()]
    assert ranks == [["1", "北古城镇"], ["2", "匡远街道"], ["1", "县政务服务局"], ["2", "县住建局"]]
    assert "53.6" in result.stdout and "一 全面落实政务服务标…" in result.stdout


@pytest.mark.parametrize("name, places", [("yiliang-2023", 1), ("gongshu-2021", 2), ("yinchuan-fenting", 0)])
def test_scores_are_shown_with_the_rubrics_decimals(tmp_path, name, places):
    # 宜良 counts in 0.1 steps (扣0.1分); 拱墅 too, but its averages and 折算 scores (34.35, 5.64) need two
    # places, and a format never rounds a cell; 银川 counts in whole points
    rubrics = Path(__file__).resolve().parent.parent / "rubrics"
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(main, ["score", str(rubrics / f"{name}.rubric"), "--facts",
                                       str(rubrics / f"{name}.facts.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = openpyxl.load_workbook(out)["汇总"]
    assert summary["D3"].number_format == ("0" if places == 0 else "0." + "0" * places)
