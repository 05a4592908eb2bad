"""The fill-in template with a sheet per lead department (inputs --template … --by-department) and reading it back:
each department's sheet holds only the facts of the items it leads, with the data sheet's two-row header,
validation and formats; the reader merges the sheets per unit, reports a fact two sheets disagree on (GR416,
naming both places), and loses nothing (a unit only on a department sheet is still a unit)."""
from __future__ import annotations

import json

import attrs
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from govrubric.cli import main

# 被通报 is read by 一 (led by 县政府办) and by 二.2 (led by 县数据局): it stands on both their sheets.
# 三 has no 牵头单位: its fact stays on the data sheet 填报.
RUBRIC = """细则「部门分表」
单位类别:「乡镇」、「部门」
一、【政务公开】(4分)
  牵头单位:「县政府办」
  事实「公开差错」:次数
  事实「被通报」:次数
  「公开差错」每发现1次扣0.5分
  「被通报」每发现1次扣1分
二、【网上办理】(6分)
  牵头单位:「县数据局」
  1.【网办】(4分)
    事实「全程网办率」:百分比
    「全程网办率」达到90%得4分;达到80%得2分
  2.【差错】(2分)
    事实「办件差错」:次数
    「办件差错」每发现1次扣1分
    「被通报」每发现1次扣0.5分
三、【综合】(5分)
  事实「获得表彰」:是否
  「获得表彰」的,得5分
"""
GOV, DATA = "填报·县政府办", "填报·县数据局"


@pytest.fixture
def template(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    path = tmp_path / "数据.xlsx"
    done = CliRunner().invoke(main, ["inputs", str(rubric), "--template", str(path), "--by-department",
                                     "--unit", "甲镇", "--unit", "乙局"])
    assert done.exit_code == 0, done.output
    return rubric, path


def _rows(sheet, count=2):
    return [[cell.value for cell in row] for row in sheet.iter_rows(max_row=count)]


def test_each_department_gets_a_sheet_of_the_facts_it_leads(template):
    _rubric, path = template
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报", GOV, DATA, "说明"]
    assert _rows(book["填报"], 4) == [[None, None, "三、综合"], ["单位", "单位类别", "获得表彰"],
                                      ["甲镇", None, None], ["乙局", None, None]]
    assert _rows(book[GOV], 4) == [[None, "一、政务公开", "一、政务公开 / 二、网上办理"], ["单位", "公开差错", "被通报"],
                                   ["甲镇", None, None], ["乙局", None, None]]
    assert _rows(book[DATA]) == [[None, "一、政务公开 / 二、网上办理", "二、网上办理", None],
                                 ["单位", "被通报", "全程网办率", "办件差错"]]
    assert [str(r) for r in book[GOV].merged_cells.ranges] == []
    assert [str(r) for r in book[DATA].merged_cells.ranges] == ["C1:D1"]  # one top-level item over its facts
    sheet = book[DATA]
    checks = {str(v.sqref): (v.type, v.operator, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    assert checks == {"A3:A1002": ("custom", None, "COUNTIF($A$3:$A$1002,A3)=1", None),  # unit names unique
                      "B3:B1002": ("whole", "greaterThanOrEqual", "0", None),
                      "C3:C1002": ("decimal", None, "0", "100"),  # between (openpyxl's default)  # 95 typed in a plain cell is 95%
                      "D3:D1002": ("whole", "greaterThanOrEqual", "0", None)}
    assert sheet["C3"].number_format == sheet["C200"].number_format == "0.0##%"
    assert sheet["B3"].number_format == "0" and sheet["A3"].number_format == "@"
    assert sheet.freeze_panes == "B3"
    assert "用于:一、二.2" in sheet["B2"].comment.text and "百分比格式" in sheet["C2"].comment.text
    assert book["填报"]["B2"].comment is not None  # the category column and its drop-down stay on the data sheet
    assert any(v.type == "list" and v.formula1 == '"乡镇,部门"' for v in book["填报"].data_validations.dataValidation)
    notes = [row[0] for row in book["说明"].iter_rows(values_only=True) if row and row[0]]
    assert "「填报·县政府办」:牵头单位为「县政府办」,2个事实" in notes
    assert f"{DATA} C" in notes  # each column of each sheet is described, named by sheet and letter


def _fill(path, out, **by_sheet):
    """Type values into the template as staff would: by sheet, unit and column name."""
    book = openpyxl.load_workbook(path)
    for sheet, units in by_sheet.items():
        sheet = book[{"main": "填报", "gov": GOV, "data": DATA}[sheet]]
        header = [cell.value for cell in sheet[2]]
        for unit, values in units.items():
            row = next((r for r in range(3, sheet.max_row + 2) if sheet.cell(r, 1).value in (unit, None)))
            sheet.cell(row, 1).value = unit
            for column, value in values.items():
                sheet.cell(row, header.index(column) + 1).value = value
    book.save(out)


FILLED = {
    "main": {"甲镇": {"单位类别": "乡镇", "获得表彰": "是"}, "乙局": {"单位类别": "部门", "获得表彰": "否"}},
    "gov": {"甲镇": {"公开差错": 2, "被通报": 1}, "乙局": {"公开差错": 0, "被通报": 0}},
    "data": {"甲镇": {"被通报": 1, "全程网办率": Decimal("0.85"), "办件差错": 1},  # percent cells: 0.85 shows 85%
             "乙局": {"被通报": 0, "全程网办率": Decimal("0.95"), "办件差错": 3}},
}


def _score(rubric, facts, *extra):
    return CliRunner().invoke(main, ["score", str(rubric), "--facts", str(facts), *extra])


def test_the_department_sheets_filled_in_are_scored_as_one(template, tmp_path):
    rubric, path = template
    filled = tmp_path / "filled.xlsx"
    _fill(path, filled, **FILLED)
    done = _score(rubric, filled, "--format", "json")
    assert done.exit_code == 0, done.output
    totals = {unit["unit"]: unit["total"] for unit in json.loads(done.stdout)}
    # By hand. 甲镇: 一 = 4 − 2×0.5 − 1×1 = 2; 二.1: 85% reaches 80% → 2; 二.2 = 2 − 1×1 − 1×0.5 = 0.5; 二 = 2.5;
    # 三: 获得表彰 → 5. Total 2 + 2.5 + 5 = 9.5.
    # 乙局: 一 = 4; 二.1: 95% reaches 90% → 4; 二.2 = 2 − 3×1 = −1, deductions stop at 0 → 0; 二 = 4; 三 = 0. Total 8.
    assert totals == {"甲镇": "9.5", "乙局": "8"}


def test_a_fact_two_sheets_disagree_on_names_both_places(template, tmp_path):
    rubric, path = template
    filled = tmp_path / "filled.xlsx"
    _fill(path, filled, **{**FILLED, "data": {**FILLED["data"], "甲镇": {**FILLED["data"]["甲镇"], "被通报": 2}}})
    refused = _score(rubric, filled)
    assert refused.exit_code == 2
    assert (f"{filled} 「{DATA}」表 第3行 B列: 错误 GR416 单位「甲镇」的事实「被通报」在两张表中填得不同:"
            f"「{GOV}」表 第3行 C列是「1」,「{DATA}」表 第3行 B列是「2」") in refused.output
    kept = _score(rubric, filled, "--keep-going", "--format", "json")  # only that unit stops
    assert kept.exit_code == 2 and [unit["unit"] for unit in json.loads(kept.stdout)] == ["乙局"]
    english = CliRunner().invoke(main, ["--lang", "en", "score", str(rubric), "--facts", str(filled)]).output
    assert 'unit "甲镇": the fact "被通报" is filled in differently on two sheets: "1" at' in english


def test_nothing_filled_in_anywhere_is_lost(template, tmp_path):
    """A unit written only on a department sheet is a unit (its data-sheet facts are reported missing, on the
    data sheet), and an empty cell of a department sheet is reported at that cell."""
    rubric, path = template
    filled = tmp_path / "filled.xlsx"
    data = {**FILLED["data"], "乙局": {**FILLED["data"]["乙局"], "办件差错": None},
            "丙局": {"被通报": 0, "全程网办率": Decimal("1"), "办件差错": 0}}
    _fill(path, filled, **{**FILLED, "data": data})
    refused = _score(rubric, filled)
    assert refused.exit_code == 2
    assert f"{filled} 「{DATA}」表 第4行 D列: 错误 GR411 单位「乙局」的事实「办件差错」没有填写" in refused.output
    assert f"{filled} 「填报」表 B列: 错误 GR411 单位「丙局」的事实「单位类别」没有填写" in refused.output
    assert f"{filled} 「{GOV}」表 B列: 错误 GR411 单位「丙局」的事实「公开差错」没有填写" in refused.output


def test_a_workbook_without_department_sheets_reads_as_before(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC, encoding="utf-8")
    path = tmp_path / "plain.xlsx"
    assert CliRunner().invoke(main, ["inputs", str(rubric), "--template", str(path), "--unit", "甲镇"]).exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报", "说明"]
    assert _rows(book["填报"])[1] == ["单位", "单位类别", "公开差错", "被通报", "全程网办率", "办件差错", "获得表彰"]
    sheet = book["填报"]
    sheet["B3"], sheet["C3"] = "乡镇", 1
    book.save(path)
    refused = _score(rubric, path)
    assert f"{path} 第3行 D列: 错误 GR411 单位「甲镇」的事实「被通报」没有填写" in refused.output  # no sheet named


@pytest.mark.parametrize(("rubric_text", "args", "expected"), [
    (RUBRIC, ["--template", "t.csv", "--by-department"], "每个部门一张表只能写在 .xlsx 填报表中"),
    (RUBRIC, ["--template", "t.xlsx", "--by-department", "考核部门"], "细则的指标上没有记录「考核部门」,无法按部门分表"),
    (RUBRIC.replace("  牵头单位:「县政府办」\n", "").replace("  牵头单位:「县数据局」\n", ""),
     ["--template", "t.xlsx", "--by-department"], "在指标下写明牵头部门"),
])
def test_a_sheet_per_department_needs_an_xlsx_and_a_recorded_column(tmp_path, rubric_text, args, expected):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(rubric_text, encoding="utf-8")
    args = [str(tmp_path / a) if a.startswith("t.") else a for a in args]
    refused = CliRunner().invoke(main, ["inputs", str(rubric), *args])
    assert refused.exit_code == 1 and "GR502" in refused.output and expected in refused.output
    assert not any((tmp_path / name).exists() for name in ("t.csv", "t.xlsx"))


def test_the_column_is_chosen_by_name(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text(RUBRIC.replace("  牵头单位:「县数据局」\n", "  牵头单位:「县数据局」\n  考核部门:「县督查室」\n"),
                      encoding="utf-8")
    path = tmp_path / "t.xlsx"
    done = CliRunner().invoke(main, ["inputs", str(rubric), "--template", str(path), "--by-department", "考核部门"])
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报", "填报·县督查室", "说明"]
    assert _rows(book["填报·县督查室"])[1] == ["单位", "被通报", "全程网办率", "办件差错"]
    # 被通报 is read by 二.2, which 县督查室 assesses, and by 一, which has no 考核部门: a fact any department's
    # items read is on that department's sheet, and only the facts of items no department leads stay on 填报
    assert _rows(book["填报"])[1] == ["单位", "单位类别", "公开差错", "获得表彰"]


# ------------------------------------------------------------------ the merge, as a property
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from govrubric.factsio import Row, Table, merge_sheets  # noqa: E402

FACTS = ["甲", "乙", "丙", "丁"]
UNITS = ["一镇", "二镇", "三局"]


def _table(columns, rows):
    letters = {column: "ABCDE"[i] for i, column in enumerate(columns)}
    return Table("f.xlsx", tuple(Row(dict(zip(columns, values)), number) for number, values in enumerate(rows, 3)),
                 tuple(columns), letters, {}, tabular=True)


@given(st.data())
def test_splitting_a_sheet_among_departments_loses_nothing(data):
    """Facts of every unit, split over a data sheet and department sheets (each fact on one or more sheets, with
    the same value; units in any order, some missing from a sheet where all their cells there are empty) read
    back as on one sheet, with no problem; a value changed on one of two sheets is one GR416 naming that unit."""
    values = {unit: {fact: data.draw(st.one_of(st.none(), st.integers(0, 3).map(Decimal))) for fact in FACTS}
              for unit in UNITS}
    homes = {fact: data.draw(st.sets(st.sampled_from(["填报", "填报·甲", "填报·乙"]), min_size=1)) for fact in FACTS}
    sheets = {}
    for sheet in ["填报", "填报·甲", "填报·乙"]:
        columns = ["单位"] + [fact for fact in FACTS if sheet in homes[fact]]
        units = data.draw(st.permutations(UNITS))
        kept = [u for u in units if sheet == "填报" or any(values[u][c] is not None for c in columns[1:])
                or data.draw(st.booleans())]
        sheets[sheet] = _table(columns, [[u] + [values[u][c] for c in columns[1:]] for u in kept])
    merged = merge_sheets(sheets["填报"], "填报", [(s, sheets[s]) for s in ["填报·甲", "填报·乙"]])
    read = {row.values["单位"]: {f: row.values.get(f) for f in FACTS} for row in merged.rows}
    assert read == values and not any(row.problems for row in merged.rows)
    shared = [f for f in FACTS if len(homes[f]) > 1]
    if shared:  # one value changed on the last sheet that has it: a conflict where both sheets hold a value
        fact, unit = shared[0], UNITS[0]
        last = sorted(homes[fact])[-1] if sorted(homes[fact])[-1] != "填报" else sorted(homes[fact])[0]
        table = sheets[last]
        rows = tuple(attrs.evolve(r, values={**r.values, fact: Decimal(9)}) if r.values["单位"] == unit else r
                     for r in table.rows)
        sheets[last] = attrs.evolve(table, rows=rows)
        merged = merge_sheets(sheets["填报"], "填报", [(s, sheets[s]) for s in ["填报·甲", "填报·乙"]])
        problems = [p for row in merged.rows for p in row.problems]
        on_sheet = any(r.values["单位"] == unit for r in table.rows)
        conflict = on_sheet and values[unit][fact] is not None
        assert [(p.code, unit in p.message, fact in p.message) for p in problems] == (
            [("GR416", True, True)] if conflict else [])


def test_a_row_without_a_name_on_a_department_sheet_is_named_there(template, tmp_path):
    rubric, path = template
    filled = tmp_path / "filled.xlsx"
    _fill(path, filled, **FILLED)
    book = openpyxl.load_workbook(filled)
    book[DATA]["C6"] = Decimal("0.9")  # a value typed in a row with no unit
    book.save(filled)
    refused = _score(rubric, filled)
    assert f"{filled} 「{DATA}」表 第6行 A列: 错误 GR412" in refused.output
