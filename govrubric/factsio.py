"""Facts files (.xlsx, .csv, .json) → a table of raw values with each cell's place; never floats.

Values are left raw (text, Decimal, bool, lists) for facts.FactChecker to judge; the reader's
only interpretations are the ones a file format forces: spreadsheet numbers become exact
Decimals, and an Excel cell formatted as a percentage (stored 0.95, shown 95%) becomes the
text "95%" that the staffer saw.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
from decimal import Decimal
from typing import Any

import attrs

from .diagnostics import Diagnostic, make
from .facts import UNIT_KEYS
from .numerals import format_decimal

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".json")
DATA_SHEET = "填报"  # the sheet templates.py writes units into; other sheets are notes


@attrs.frozen
class Row:
    values: dict[str, Any]
    number: int  # what the staffer sees: the spreadsheet row, or the unit's position in a JSON list


@attrs.frozen
class Table:
    path: str
    rows: tuple[Row, ...]
    columns: tuple[str, ...]  # headers in order; for JSON, every key in order of first appearance
    letters: dict[str, str]  # column → spreadsheet letter; empty for JSON
    repeated: dict[str, int]  # header written more than once → how many times
    tabular: bool  # every row has every column (spreadsheets); JSON objects may omit keys

    def where(self, row: Row | None = None, column: str | None = None) -> str:
        """The place to look, as the staffer would find it: 数据.xlsx 第3行 C列."""
        parts = [self.path]
        if row is not None:
            parts.append(f"第{row.number}行" if self.tabular else f"第{row.number}个单位")
        if column is not None and column in self.letters:
            parts.append(f"{self.letters[column]}列")
        return " ".join(parts)


def read_table(path: str) -> tuple[Table | None, list[Diagnostic]]:
    """The facts file as a table; (None, problems) when it cannot be read at all."""
    lower = path.lower()
    try:
        if lower.endswith(SPREADSHEET_SUFFIXES):
            return _xlsx_table(path)
        if lower.endswith(".csv"):
            return _csv_table(path)
        if lower.endswith(".json"):
            return _json_table(path)
    except OSError as err:
        return None, [_unreadable(path, err.strerror or str(err))]
    if lower.endswith((".xls", ".et", ".ods", ".wps")):
        return None, [_unreadable(path, "不支持这种表格格式,请在 Excel 或 WPS 中「另存为」.xlsx 或 .csv")]
    return None, [_unreadable(path, "不认识的文件类型,请用 .xlsx、.csv 或 .json")]


def read_rows(path: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Rows of facts, one per unit, in file order."""
    table, problems = read_table(path)
    return ([row.values for row in table.rows] if table else []), problems


def _unreadable(path: str, detail: str) -> Diagnostic:
    return make("GR406", detail=f"{path}: {detail}")


# ------------------------------------------------------------------ spreadsheets and CSV
def _from_grid(path: str, grid: list[tuple[int, list[tuple[Any, str]]]]) -> tuple[Table | None, list[Diagnostic]]:
    """(row number, [(value, column letter)]) rows → a Table; the header is the first non-empty row, or the
    first naming 单位."""
    numbered = [(number, cells) for number, cells in grid if any(value is not None for value, _ in cells)]
    if not numbered:
        return None, [_unreadable(path, "文件是空的;第一行应是表头(单位、单位类别和各个事实的名称)")]
    # A title row above the header (「2023年考评数据」) is common: the header is the first row naming the unit column.
    start = next((i for i, (_, cells) in enumerate(numbered[:10])
                  if any(v is not None and _header_text(v) in UNIT_KEYS for v, _ in cells)), 0)
    numbered = numbered[start:]
    _, header = numbered[0]
    names: list[str | None] = []
    letters: dict[str, str] = {}
    repeated: dict[str, int] = {}
    for index, (value, letter) in enumerate(header):
        name = None if value is None else _header_text(value)
        if name is None and any(len(cells) > index and cells[index][0] is not None for _, cells in numbered[1:]):
            name = f"(无表头的{letter}列)"  # data under no header: reported as an unknown column
        if name is not None:
            if name in letters:
                repeated[name] = repeated.get(name, 1) + 1
            else:
                letters[name] = letter
        names.append(name)
    rows = []
    for number, cells in numbered[1:]:
        values: dict[str, Any] = {}
        for name, (value, _letter) in zip(names, cells):
            if name is not None and name not in values:
                values[name] = value
        for name in names[len(cells):]:
            if name is not None:
                values.setdefault(name, None)
        rows.append(Row(values, number))
    return Table(path, tuple(rows), tuple(letters), letters, repeated, tabular=True), []


def _header_text(value: Any) -> str | None:
    text = format_decimal(value) if isinstance(value, Decimal) else str(value)
    # Excel headers often carry stray spaces or a line break typed with Alt+Enter.
    text = re.sub(r"\s+", "", text.replace("\u3000", " "))
    return text or None


def _xlsx_table(path: str):
    import warnings

    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # WPS extensions openpyxl does not read: irrelevant to values
            book = openpyxl.load_workbook(path, data_only=True)
    except OSError:
        raise  # a missing or unreadable file: read_table says so
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged or foreign file
        return None, [_unreadable(path, f"不是有效的 .xlsx 文件({err})")]
    sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
    grid = [(number, [(_cell_value(cell), get_column_letter(column)) for column, cell in enumerate(row, 1)])
            for number, row in enumerate(sheet.iter_rows(), 1)]
    return _from_grid(path, grid)


def _cell_value(cell) -> Any:
    value = cell.value
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))  # float-ok: shortest exact text
        if _is_percent_format(cell.number_format):
            return format_decimal(number * 100) + "%"
        return number
    if isinstance(value, str):
        return value.strip() or None
    return str(value)  # dates and times: no fact takes them, so the checker reports the text shown


def _is_percent_format(number_format: str | None) -> bool:
    """0%, 0.00% and the like scale by 100; a quoted or escaped % (0"%" or 0\\%) is only a sign."""
    if not number_format:
        return False
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format)


def _csv_table(path: str):
    with open(path, "rb") as handle:
        data = handle.read()
    text = _decode(data)
    if text is None:
        return None, [_unreadable(path, "编码无法识别(既不是 UTF-8,也不是 GBK/GB18030);请在 Excel 中另存为「CSV UTF-8」")]
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    from openpyxl.utils import get_column_letter

    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = [(number, [(cell.strip() or None, get_column_letter(i)) for i, cell in enumerate(record, 1)])
            for number, record in enumerate(records, 1)]
    return _from_grid(path, grid)


def _decode(data: bytes) -> str | None:
    """Excel on Chinese Windows saves CSV as GBK, or as UTF-8 with a BOM; «Unicode text» is UTF-16."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "gb18030"):  # GB18030 is a superset of GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


# ------------------------------------------------------------------ JSON
def _json_table(path: str):
    with open(path, "rb") as handle:
        text = _decode(handle.read())  # Notepad on Chinese Windows saves «ANSI», that is GBK
    if text is None:
        return None, [_unreadable(path, "编码无法识别(既不是 UTF-8,也不是 GBK/GB18030)")]
    try:
        data = json.loads(text, parse_float=Decimal)
    except ValueError as err:
        return None, [_unreadable(path, f"JSON 格式错误:{err}")]
    if isinstance(data, dict) and "单位" in data and isinstance(data["单位"], list):
        data = data["单位"]
    if isinstance(data, dict):  # {"县发改局": {...}, …}
        objects = []
        for name, facts in data.items():
            if not isinstance(facts, dict):
                return None, [_unreadable(path, f"单位「{name}」的内容应是一组事实")]
            objects.append({"单位": name, **facts})
        data = objects
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        return None, [_unreadable(path, "应是单位的列表,每个单位一组「事实名: 值」")]
    columns: dict[str, None] = {}
    for obj in data:
        columns.update(dict.fromkeys(obj))
    rows = tuple(Row(dict(obj), number) for number, obj in enumerate(data, 1))
    return Table(path, rows, tuple(columns), {}, {}, tabular=False), []

