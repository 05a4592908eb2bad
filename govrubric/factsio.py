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
import itertools
import json
import re
from decimal import Decimal
from typing import Any, Iterator

import attrs

from .diagnostics import Diagnostic, make
from .facts import UNIT_KEYS, unit_name
from .numerals import format_decimal
from .spreadsheet import csv_restore

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".json")
DATA_SHEET = "填报"  # the sheet templates.py writes units into; other sheets are notes
# A sheet for the facts one department fills in (templates.py, --by-department): 「填报·县府办」. Every sheet whose
# name starts so is read with the data sheet, each unit's values merged from all of them (merge_sheets).
DEPARTMENT_SHEET = DATA_SHEET + "·"


@attrs.frozen
class Row:
    values: dict[str, Any]
    number: int  # what the staffer sees: the spreadsheet row, or the unit's position in a JSON list
    # Read from several sheets (a workbook with department sheets): the sheet of the row, and for each value
    # merged from another sheet its place there (sheet, row, column letter); problems of the merge (GR416).
    sheet: str | None = None
    places: dict[str, tuple[str, int | None, str]] = attrs.field(factory=dict)
    problems: tuple[Diagnostic, ...] = ()


@attrs.frozen
class Table:
    path: str
    rows: tuple[Row, ...]
    columns: tuple[str, ...]  # headers in order; for JSON, every key in order of first appearance
    letters: dict[str, str]  # column → spreadsheet letter; empty for JSON
    repeated: dict[str, int]  # header written more than once → how many times
    tabular: bool  # every row has every column (spreadsheets); JSON objects may omit keys
    sheets: dict[str, str] = attrs.field(factory=dict)  # column → the sheet it was first read from, when several

    def where(self, row: Row | None = None, column: str | None = None) -> str:
        """The place to look, as the staffer would find it: 数据.xlsx 第3行 C列 (数据.xlsx 「填报·县府办」表 第3行 C列
        when the workbook has department sheets); in English under --lang en (数据.xlsx row 3 column C)."""
        sheet, number, letter = None, None, self.letters.get(column) if column is not None else None
        if row is not None:
            sheet, number = row.sheet, row.number
            home = self.sheets.get(column) if column is not None else None
            if column in row.places:
                sheet, number, letter = row.places[column]
            elif home is not None and home != row.sheet:  # the unit has no row on the sheet of this column
                sheet, number = home, None
        elif column is not None:
            sheet = self.sheets.get(column)
        return place(self.path, sheet, number, letter, self.tabular)


def place(path: str, sheet: str | None = None, row: int | None = None, letter: str | None = None,
          tabular: bool = True) -> str:
    """数据.xlsx 「填报·县府办」表 第3行 C列 (each part only when known; a JSON file's row is its N-th unit)."""
    from .i18n import word

    parts = [path] if path else []
    if sheet:
        parts.append(word("「{sheet}」表", sheet=sheet))
    if row:
        parts.append(word("第{number}行", number=row) if tabular else word("第{number}个单位", number=row))
    if letter:
        parts.append(word("{letter}列", letter=letter))
    return " ".join(parts)


def _text_place_words(path: str, line: int, column: int) -> str:
    """数据.json 第3行第7列: a place in a text file, by line and character."""
    from .i18n import word

    return f"{path} " + word("第{line}行第{column}列", line=line, column=column)


def read_table(path: str) -> tuple[Table | None, list[Diagnostic]]:
    """The facts file as a table; (None, problems) when it cannot be read at all."""
    lower = path.lower()
    try:
        if lower.endswith(SPREADSHEET_SUFFIXES):
            return _workbook_table(path)
        if lower.endswith(".csv"):
            return _from_grid(path, [(number, cells) for number, cells in grid_rows(path) if cells])
        if lower.endswith(".json"):
            return _json_table(path)
    except OSError as err:
        return None, [_unreadable(path, err.strerror or str(err))]
    except Unreadable as err:
        return None, [err.diagnostic]
    if lower.endswith((".xls", ".et", ".ods", ".wps")):
        return None, [_unreadable(path, "不支持这种表格格式,请在 Excel 或 WPS 中「另存为」.xlsx 或 .csv")]
    return None, [_unreadable(path, "不认识的文件类型,请用 .xlsx、.csv 或 .json")]


def read_rows(path: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Rows of facts, one per unit, in file order."""
    table, problems = read_table(path)
    return ([row.values for row in table.rows] if table else []), problems


def _unreadable(path: str, detail: str, where: str | None = None) -> Diagnostic:
    return make("GR406", detail=detail if where else f"{path}: {detail}", where=where)


class Unreadable(Exception):
    """A facts file that cannot be read, met while reading it row by row: its GR406 diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.short())
        self.diagnostic = diagnostic


def _refuse(path: str, detail: str, where: str | None = None, help: str | None = None) -> Unreadable:
    return Unreadable(make("GR406", detail=detail if where else f"{path}: {detail}", where=where, help=help))


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
    width = max(len(cells) for _, cells in numbered)
    if len(header) < width:  # rows end at their last filled cell: data may stand right of the last header
        from openpyxl.utils import get_column_letter

        header = header + [(None, get_column_letter(i)) for i in range(len(header) + 1, width + 1)]
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


def _workbook_table(path: str) -> tuple[Table | None, list[Diagnostic]]:
    """An .xlsx: its data sheet (填报, else the first sheet), merged with its department sheets (填报·…) if any."""
    book = _open_book(path)
    try:
        names = list(book.sheetnames)
    finally:
        book.close()
    main = DATA_SHEET if DATA_SHEET in names else names[0]
    departments = [name for name in names if name.startswith(DEPARTMENT_SHEET) and name != main]
    counted = [0]
    table, problems = _from_grid(path, [(n, cells) for n, cells in _xlsx_rows(path, main, counted) if cells])
    if table is None or not departments:
        return table, problems
    others = []
    for name in departments:
        other, _ = _from_grid(path, [(n, cells) for n, cells in _xlsx_rows(path, name, counted) if cells])
        if other is not None:  # an empty department sheet: nothing filled in there
            others.append((name, other))
    return merge_sheets(table, main, others), []


def merge_sheets(main: Table, main_sheet: str, others: list[tuple[str, Table]]) -> Table:
    """One table from a data sheet and the department sheets beside it: each unit's values from every sheet
    that has a row for it (matched by the unit's name), each value keeping its place. A fact filled in on two
    sheets with different values is the unit's problem (GR416, naming both places); a unit only on a department
    sheet is a unit all the same, and a row without a name stays a row of its own (GR412 names its sheet)."""
    columns = list(main.columns)
    sheets = dict.fromkeys(main.columns, main_sheet)
    repeated = dict(main.repeated)
    rows = [attrs.evolve(row, values=dict(row.values), sheet=main_sheet, places={}) for row in main.rows]
    by_name: dict[str, tuple[int, set[str]]] = {}  # unit → (index in rows, sheets merged into it)
    for index, row in enumerate(rows):
        name = unit_name(row.values)
        if name is not None and name not in by_name:
            by_name[name] = (index, {main_sheet})
    conflicts: dict[int, list[Diagnostic]] = {}
    for sheet, table in others:
        for column in table.columns:
            if column not in sheets:
                columns.append(column)
                sheets[column] = sheet
        for column, count in table.repeated.items():
            repeated[column] = max(count, repeated.get(column, 0))
        for row in table.rows:
            name = unit_name(row.values)
            if name is None or name not in by_name or sheet in by_name[name][1]:
                # no name, a unit the data sheet lacks, or the second row of one unit on this sheet (GR404)
                # its places are on its own sheet, the unit's name too (GR412 names this row, not the data sheet)
                rows.append(Row(dict(row.values), row.number, sheet,
                                {column: (sheet, row.number, table.letters.get(column, ""))
                                 for column in (*UNIT_KEYS, *row.values)}))
                if name is not None and name not in by_name:
                    by_name[name] = (len(rows) - 1, {sheet})
                continue
            index, merged = by_name[name]
            merged.add(sheet)
            into = rows[index]
            for column, value in row.values.items():
                if column in UNIT_KEYS:
                    continue
                spot = (sheet, row.number, table.letters.get(column, ""))
                before = into.values.get(column)
                if before is None or column not in into.values:
                    into.values[column] = value
                    if value is not None or column not in into.places:
                        into.places[column] = spot
                elif value is not None and _shown(value) != _shown(before):
                    first = into.places.get(column) or (into.sheet, into.number, main.letters.get(column, ""))
                    conflicts.setdefault(index, []).append(make(
                        "GR416", unit=name, fact=column, value=_shown(before), other=_shown(value),
                        first=place("", *first), second=place("", *spot),
                        where=place(main.path, *spot), help="同一单位的同一个事实只在一张表中填写,或各表填得相同"))
    for index, found in conflicts.items():
        rows[index] = attrs.evolve(rows[index], problems=tuple(found))
    for row in rows:  # every row has every column, as on one sheet
        for column in columns:
            row.values.setdefault(column, None)
    letters = {column: main.letters[column] for column in main.columns}
    for _sheet, table in others:
        for column in table.columns:
            letters.setdefault(column, table.letters[column])
    return Table(main.path, tuple(rows), tuple(columns), letters, repeated, tabular=True, sheets=sheets)


def _shown(value: Any) -> str:
    return format_decimal(value) if isinstance(value, Decimal) else str(value)


def _header_text(value: Any) -> str | None:
    text = format_decimal(value) if isinstance(value, Decimal) else str(value)
    # Excel headers often carry stray spaces or a line break typed with Alt+Enter.
    text = re.sub(r"\s+", "", text.replace("\u3000", " "))
    return text or None


# ------------------------------------------------------------------ limits
# What a facts file may hold (docs/cli.md, 「事实文件的上限」). A file over a limit is refused with GR406
# naming the limit, before it can take minutes or gigabytes; the limits are Excel's own where Excel has one.
MAX_XLSX_UNPACKED = 200 * 2**20  # bytes: every part of an .xlsx, unpacked
MAX_XLSX_TEXTS = 50 * 2**20  # bytes: its table of texts (xl/sharedStrings.xml), unpacked
MAX_XLSX_PARTS = 10_000  # files inside the .xlsx
MAX_CELLS = 5_000_000  # cells of the sheet read, each row counted from column A to its last filled cell
MAX_COLUMNS = 16_384  # Excel's last column is XFD
MAX_TEXT = 32_767  # characters in one cell (Excel's limit)
MAX_JSON_DEPTH = 32  # lists and objects inside one another
_MB = 2**20


def grid_rows(path: str, encoding: str | None = None) -> Iterator[tuple[int, list[tuple[Any, str]]]]:
    """(row number, [(value, column letter)]) for a CSV or XLSX file, read lazily within the limits above;
    a row's cells run from column A to its last filled cell. Raises Unreadable (GR406 with the place)."""
    if path.lower().endswith(SPREADSHEET_SUFFIXES):
        yield from _xlsx_rows(path)
        return
    with open(path, "rb") as raw:
        if encoding is None:  # read whole (batch scoring): the encoding is judged on every byte
            data = raw.read()
            text = _decode(path, data)
            yield from _csv_rows(path, iter(io.StringIO(text, newline="")))
            return
        lines = io.TextIOWrapper(raw, encoding=encoding, newline="")
        yield from _csv_rows(path, lines)


def csv_file_records(path: str, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, the record's fields as written) of a CSV file read lazily in `encoding`, within the limits;
    csv_cells turns a record into grid_rows's cells."""
    with open(path, "rb") as raw:
        yield from csv_records(path, io.TextIOWrapper(raw, encoding=encoding, newline=""))


def _open_book(path: str):
    import warnings

    import openpyxl

    _check_package(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # WPS extensions openpyxl does not read: irrelevant to values
            return openpyxl.load_workbook(path, read_only=True, data_only=True)  # streams rows, holds none
    except OSError:
        raise  # a missing or unreadable file: read_table says so
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged or foreign file
        raise _refuse(path, f"不是有效的 .xlsx 文件({err})") from None


def _xlsx_rows(path: str, name: str | None = None, counted: list[int] | None = None
               ) -> Iterator[tuple[int, list[tuple[Any, str]]]]:
    """The rows of the sheet `name` (default: 填报, else the first); `counted` carries the cells read across the
    sheets of one workbook, so that MAX_CELLS holds for the whole file."""
    from openpyxl.utils import get_column_letter

    book = _open_book(path)
    counted = [0] if counted is None else counted
    try:
        if name is None:
            name = DATA_SHEET if DATA_SHEET in book.sheetnames else book.sheetnames[0]
        sheet = book[name]
        sheet.reset_dimensions()  # the size a file claims (A1:XFD1048576) is not trusted: rows end at their last cell
        empty = [(None, get_column_letter(column)) for column in range(1, MAX_COLUMNS + 1)]  # shared, not per row
        for number, row in enumerate(sheet.iter_rows(), 1):
            counted[0] += len(row)
            if len(row) > MAX_COLUMNS or counted[0] > MAX_CELLS:
                raise _too_many_cells(path, number, len(row) > MAX_COLUMNS)
            values = [empty[index] if cell.value is None else _cell_read(path, number, index, cell)
                      for index, cell in enumerate(row)]
            yield number, values
    except (OSError, Unreadable):
        raise
    except Exception as err:  # noqa: BLE001 - a damaged part shows only when its rows are read
        raise _refuse(path, f"不是有效的 .xlsx 文件({err})") from None
    finally:
        book.close()


def _cell_read(path: str, number: int, index: int, cell) -> tuple[Any, str]:
    from openpyxl.utils import get_column_letter

    value, letter = _cell_value(cell), get_column_letter(index + 1)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise _too_long(path, number, letter, len(value))
    return value, letter


def _check_package(path: str) -> None:
    """An .xlsx is a zip of XML parts: their unpacked sizes are checked before anything is unpacked
    (the zip module never unpacks a part beyond the size it declares, so the declared sizes hold)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except OSError:
        raise
    except Exception as err:  # noqa: BLE001 - BadZipFile, or a broken header zipfile reports otherwise
        raise _refuse(path, f"不是有效的 .xlsx 文件({err})") from None
    big = "请检查文件是否完整;数据确实这么多时,请分成几个文件,或另存为 .csv"
    if len(parts) > MAX_XLSX_PARTS:
        raise _refuse(path, f"文件由{len(parts):,}个部分组成,超过上限 {MAX_XLSX_PARTS:,} 个", help=big)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_XLSX_UNPACKED:
        raise _refuse(path, f"解压后有 {unpacked / _MB:,.0f} MB,超过上限 {MAX_XLSX_UNPACKED // _MB} MB", help=big)
    texts = sum(part.file_size for part in parts if part.filename.lower().endswith("sharedstrings.xml"))
    if texts > MAX_XLSX_TEXTS:
        raise _refuse(path, f"其中的文字表解压后有 {texts / _MB:,.0f} MB,超过上限 {MAX_XLSX_TEXTS // _MB} MB",
                      help=big)


def _too_many_cells(path: str, number: int, wide: bool) -> Unreadable:
    if wide:
        return _refuse(path, f"这一行超过 {MAX_COLUMNS:,} 列(Excel 的上限)", where=place(path, row=number))
    return _refuse(path, f"读到这一行时已超过 {MAX_CELLS:,} 个单元格(每行从 A 列数到最后一个有内容的单元格)的上限",
                   where=place(path, row=number), help="数据确实这么多时,请分成几个文件")


def _too_long(path: str, number: int, letter: str, length: int) -> Unreadable:
    return _refuse(path, f"这个单元格有 {length:,} 个字符,超过上限 {MAX_TEXT:,}(Excel 一个单元格最多能存的字符数)",
                   where=place(path, row=number, letter=letter))


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


def _csv_rows(path: str, lines: Iterator[str]) -> Iterator[tuple[int, list[tuple[Any, str]]]]:
    """Records of CSV text (tab-separated when the first line has tabs and no commas), within the limits;
    a field csv_text neutralised (「'=2+3」) is read back as it was written (「=2+3」)."""
    from openpyxl.utils import get_column_letter

    letters: list[str] = []  # column letters by index, made once for the file
    for number, record in csv_records(path, lines):
        while len(letters) < len(record):
            letters.append(get_column_letter(len(letters) + 1))
        yield number, csv_cells(record, letters)


def csv_cells(record: list[str], letters: list[str]) -> list[tuple[Any, str]]:
    """A CSV record's fields as (value, column letter): stripped, 「'=2+3」 restored, an empty field None.
    letters: the column letters, at least as many as the record has fields."""
    # csv_restore changes only a field that starts with 「'」: the others are taken as they are, for speed
    fields = [field.strip() for field in record]
    return [((csv_restore(field) if field[:1] == "'" else field) or None, letter)
            for field, letter in zip(fields, letters)]


def csv_records(path: str, lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """(row number, the record's fields as written) of CSV text, within the limits (see _csv_rows)."""
    first = next(lines, "").lstrip("\ufeff")  # a BOM written twice (a file saved again by a BOM-adding tool)
    delimiter = "\t" if "\t" in first and "," not in first else ","
    records = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except csv.Error as err:  # the csv module's own field limit (131,072 characters) among others
            detail = f"有超过 {MAX_TEXT:,} 个字符的单元格" if "field larger" in str(err) else f"CSV 格式错误:{err}"
            raise _refuse(path, detail, where=place(path, row=number + 1)) from None
        except UnicodeDecodeError as err:
            raise _refuse(path, f"从这一行起的内容不是 {_ENCODING_ZH.get(err.encoding, err.encoding)} 编码:"
                          "文件可能混用了两种编码", where=place(path, row=number + 1),
                          help="请在 Excel 中另存为「CSV UTF-8」") from None
        number += 1
        if len(record) > MAX_COLUMNS:
            raise _too_many_cells(path, number, True)
        if record and max(map(len, record)) > MAX_TEXT:
            from openpyxl.utils import get_column_letter

            index = next(i for i, field in enumerate(record) if len(field) > MAX_TEXT)
            raise _too_long(path, number, get_column_letter(index + 1), len(record[index]))
        yield number, record


_ENCODING_ZH = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GBK/GB18030", "utf-16": "UTF-16",
                "utf-32": "UTF-32"}


def sniff_encoding(path: str, data: bytes, complete: bool) -> str:
    """The encoding of a CSV or JSON file from its bytes (all of them, or the first part when not `complete`).

    Excel on Chinese Windows saves CSV as GBK, or as UTF-8 with a BOM; «Unicode text» is UTF-16, and a
    few tools write UTF-32. A file that is UTF-8 up to some point and then not is refused with the place:
    reading it as GBK would turn every Chinese character before that point into other characters."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts with FF FE
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=complete)
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        bad = err.start
    if not data[:bad].isascii():  # Chinese text in UTF-8 before the bad byte: not a GBK file
        line, column = _place(data, bad, "utf-8-sig")
        raise _refuse(path, f"从这里起的字节不是 UTF-8 编码,而前面的文字是:文件混用了两种编码(如 UTF-8 和 GBK)",
                      where=_text_place_words(path, line, column), help="请在 Excel 中另存为「CSV UTF-8」")
    try:
        codecs.getincrementaldecoder("gb18030")().decode(data, final=complete)  # GB18030 is a superset of GBK
        return "gb18030"
    except UnicodeDecodeError:
        line, column = _place(data, bad, "utf-8-sig")
        raise _refuse(path, "编码无法识别(既不是 UTF-8,也不是 GBK/GB18030)", where=_text_place_words(path, line, column),
                      help="请在 Excel 中另存为「CSV UTF-8」") from None


def _place(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """Line and column (from 1, in characters) of a byte offset."""
    before = data[:offset].decode(encoding, errors="replace")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _decode(path: str, data: bytes) -> str:
    encoding = sniff_encoding(path, data, complete=True)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:  # UTF-16 or UTF-32 cut short or damaged
        line, column = _place(data, err.start, encoding)
        raise _refuse(path, f"不是有效的 {_ENCODING_ZH[encoding]} 文本", where=_text_place_words(path, line, column)) from None
    return text.lstrip("\ufeff")


# ------------------------------------------------------------------ JSON
def _json_table(path: str):
    with open(path, "rb") as handle:
        text = _decode(path, handle.read())  # Notepad on Chinese Windows saves «ANSI», that is GBK
    data = load_json(path, text)
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


def load_json(path: str, text: str, start: int = 0) -> Any:
    """JSON text as values, numbers as exact Decimals; Unreadable with the line and column of a mistake,
    or of a list or object nested deeper than MAX_JSON_DEPTH (Python's parser would recurse until it failed)."""
    check_json_depth(path, text, start)
    try:
        return json.loads(text[start:] if start else text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as err:
        line, column = _text_place(text, start + err.pos)
        raise _refuse(path, f"JSON 格式错误:{_JSON_ZH.get(err.msg, err.msg)}", where=_text_place_words(path, line, column)) \
            from None
    except (ValueError, RecursionError) as err:
        raise _refuse(path, f"JSON 格式错误:{err}") from None


_JSON_ZH = {"Expecting value": "这里应是一个值", "Expecting ',' delimiter": "这里缺少逗号",
            "Expecting ':' delimiter": "这里缺少冒号", "Extra data": "数据结束后还有多余的内容",
            "Unterminated string starting at": "字符串没有结束的引号",
            "Expecting property name enclosed in double quotes": "这里应是用双引号括起的名称",
            "Invalid control character at": "字符串里有控制字符", "Invalid \\escape": "无效的转义符"}
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def check_json_depth(path: str, text: str, start: int = 0, depth: int = 0) -> int:
    """The nesting depth after text[start:] (strings skipped); Unreadable where it passes MAX_JSON_DEPTH."""
    for token in _JSON_TOKENS.finditer(text, start):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line, column = _text_place(text, token.start())
                raise _refuse(path, f"列表或对象套了超过 {MAX_JSON_DEPTH} 层", where=_text_place_words(path, line, column))
        elif mark in "]}":
            depth -= 1
    return depth


def _text_place(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
