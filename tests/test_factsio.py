"""Reading facts files as Excel and WPS write them: real .xlsx files, CSV in UTF-8 with a BOM, GBK, UTF-16."""
from decimal import Decimal

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from govrubric.factsio import read_rows, read_table

D = Decimal


def xlsx(path, rows, formats=None, sheet_title=None, extra_sheet_first=False):
    """Write rows to a real workbook; formats maps (row, column) (1-based) to an Excel number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    if extra_sheet_first:
        sheet.title = "说明"
        sheet.append(["这是说明页"])
        sheet = book.create_sheet(sheet_title or "填报")
    elif sheet_title:
        sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for (row, column), number_format in (formats or {}).items():
        sheet.cell(row=row, column=column).number_format = number_format
    book.save(path)
    return str(path)


def test_xlsx_numbers_are_exact_decimals_and_percent_cells_read_as_shown(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [
        ["单位", "次数", "比值", "网办率", "接通率", "带引号的百分号", "是否"],
        ["甲局", 3, 0.1, 0.95, 0.935, 95, True],
    ], formats={(2, 4): "0%", (2, 5): "0.0%", (2, 6): '0"%"'})
    table, problems = read_table(path)
    assert problems == []
    (row,) = table.rows
    values = row.values
    assert values["次数"] == D(3) and isinstance(values["次数"], Decimal)
    assert values["比值"] == D("0.1") and str(values["比值"]) == "0.1"  # not 0.1000000000000000055511151231257827
    assert values["网办率"] == "95%"  # stored 0.95 under a percent format: what the staffer saw
    assert values["接通率"] == "93.5%"
    assert values["带引号的百分号"] == D(95)  # 0"%" only prints a sign; the value is 95
    assert values["是否"] is True
    assert row.number == 2


def test_xlsx_headers_are_tidied_and_a_title_row_above_them_is_skipped(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [
        ["2023年各单位考评数据"],
        [],
        [" 单位 ", "按时\n公布", "全程网办率\u3000"],
        ["甲局", "是", "  "],
    ])
    table, _ = read_table(path)
    assert table.columns == ("单位", "按时公布", "全程网办率")
    (row,) = table.rows
    assert row.values == {"单位": "甲局", "按时公布": "是", "全程网办率": None}  # a blank cell is empty
    assert row.number == 4
    assert table.where(row, "按时公布") == f"{path} 第4行 B列"


def test_xlsx_reads_the_fill_in_sheet_even_when_it_is_not_first(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [["单位", "按时公布"], ["甲局", "是"]], extra_sheet_first=True)
    rows, problems = read_rows(path)
    assert problems == [] and rows == [{"单位": "甲局", "按时公布": "是"}]


def test_xlsx_data_under_no_header_becomes_a_named_column_and_empty_rows_are_dropped(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [
        ["单位", "按时公布", None],
        ["甲局", "是", "多写的"],
        [None, None, None],
        ["乙局", "否"],
    ])
    table, _ = read_table(path)
    assert table.columns == ("单位", "按时公布", "(无表头的C列)")
    assert [r.number for r in table.rows] == [2, 4]
    assert table.rows[1].values["(无表头的C列)"] is None


def test_xlsx_repeated_header_is_recorded(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [["单位", "按时公布", "按时公布"], ["甲局", "是", "否"]])
    table, _ = read_table(path)
    assert table.repeated == {"按时公布": 2}
    assert table.rows[0].values["按时公布"] == "是"  # the first of the two, as the staffer reads left to right


def test_not_a_workbook(tmp_path):
    path = tmp_path / "f.xlsx"
    path.write_text("不是表格", encoding="utf-8")
    table, (problem,) = read_table(str(path))
    assert table is None and problem.code == "GR406" and "不是有效的 .xlsx 文件" in problem.message


CSV_TEXT = "单位,单位类别,按时公布,全程网办率\r\n县发改局,部门,是,93%\r\n,,,\r\n匡远街道,街道,否,\"90.5\"\r\n"


def test_csv_utf8_with_bom_as_excel_saves_csv_utf8(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(CSV_TEXT.encode("utf-8-sig"))
    table, problems = read_table(str(path))
    assert problems == []
    assert table.columns == ("单位", "单位类别", "按时公布", "全程网办率")  # no \ufeff glued to 单位
    assert [r.values["单位"] for r in table.rows] == ["县发改局", "匡远街道"]
    assert table.rows[1].values["全程网办率"] == "90.5"  # text: the checker reads it exactly
    assert table.rows[1].number == 4  # the line Excel shows, counting the skipped empty one
    assert table.where(table.rows[1], "全程网办率") == f"{path} 第4行 D列"


def test_csv_gbk_as_excel_on_chinese_windows_saves_it(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(CSV_TEXT.encode("gbk"))
    rows, problems = read_rows(str(path))
    assert problems == []
    assert rows[0] == {"单位": "县发改局", "单位类别": "部门", "按时公布": "是", "全程网办率": "93%"}


def test_csv_gb18030_characters_beyond_gbk(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("单位,按时公布\r\n𠀾镇,是\r\n".encode("gb18030"))
    rows, _ = read_rows(str(path))
    assert rows == [{"单位": "𠀾镇", "按时公布": "是"}]


def test_csv_utf16_tab_separated_as_excel_saves_unicode_text(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("单位\t按时公布\r\n甲局\t是\r\n".encode("utf-16"))
    rows, _ = read_rows(str(path))
    assert rows == [{"单位": "甲局", "按时公布": "是"}]


def test_csv_in_an_unknown_encoding(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"\x81\x20\x81")  # neither UTF-8 nor GB18030 (0x81 0x20 is no GB18030 pair)
    table, (problem,) = read_table(str(path))
    assert table is None and problem.code == "GR406" and "编码无法识别" in problem.message
    path.write_bytes(b"\xfe\xff\x81 \x81")  # a UTF-16 byte-order mark, then a broken character
    table, (problem,) = read_table(str(path))
    assert table is None and "不是有效的 UTF-16 文本" in problem.message and problem.where.endswith("第1行第2列")


def test_empty_csv(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n,,\r\n")
    table, (problem,) = read_table(str(path))
    assert table is None and "文件是空的" in problem.message


def test_json_shapes(tmp_path):
    listed = tmp_path / "a.json"
    listed.write_text('[{"单位": "甲", "比值": 0.1}, {"单位": "乙", "额外": 1}]', encoding="utf-8")
    table, _ = read_table(str(listed))
    assert table.rows[0].values["比值"] == D("0.1") and not table.tabular
    assert table.columns == ("单位", "比值", "额外")
    assert table.where(table.rows[1]) == f"{listed} 第2个单位"
    keyed = tmp_path / "b.json"
    keyed.write_text('{"甲": {"比值": 1}}', encoding="utf-8-sig")
    assert read_rows(str(keyed))[0] == [{"单位": "甲", "比值": 1}]
    wrapped = tmp_path / "c.json"
    wrapped.write_text('{"单位": [{"单位": "甲"}]}', encoding="utf-8")
    assert read_rows(str(wrapped))[0] == [{"单位": "甲"}]


def test_json_saved_as_gbk_by_notepad(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes('[{"单位": "县发改局", "全程网办率": "93%"}]'.encode("gbk"))
    assert read_rows(str(path)) == ([{"单位": "县发改局", "全程网办率": "93%"}], [])


def test_files_that_cannot_be_read(tmp_path):
    bad_json = tmp_path / "f.json"
    bad_json.write_text("[{", encoding="utf-8")
    assert "JSON 格式错误" in read_table(str(bad_json))[1][0].message
    old_excel = tmp_path / "f.xls"
    old_excel.write_bytes(b"")
    assert "另存为」.xlsx" in read_table(str(old_excel))[1][0].message
    assert "不认识的文件类型" in read_table(str(tmp_path / "f.txt"))[1][0].message
    (problem,) = read_table(str(tmp_path / "missing.csv"))[1]
    assert problem.code == "GR406" and "missing.csv" in problem.message


@settings(max_examples=30, deadline=None)
@given(st.lists(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**9, max_value=10**9),
                min_size=1, max_size=20))
def test_any_decimal_excel_can_hold_reads_back_exactly(tmp_path_factory, numbers):
    """Excel keeps 15 significant digits; every such number typed in a cell reads back as the same Decimal."""
    path = tmp_path_factory.mktemp("x") / "f.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位"] + [f"事实{i}" for i in range(len(numbers))])
    sheet.append(["甲"] + [float(n) for n in numbers])  # float-ok: Excel stores doubles; this is what it writes
    book.save(path)
    (row,), _ = read_rows(str(path))
    assert [row[f"事实{i}"] for i in range(len(numbers))] == numbers
