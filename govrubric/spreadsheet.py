"""Spreadsheet and CSV output: the one place where report, template and table cells are written.

Whatever a unit, fact or title is called, a cell shows it as text and nothing else runs:
- an XLSX text cell is a string cell, never a formula or a link, whatever it starts with
  (XlsxWriter with strings_to_formulas and strings_to_urls off; every str goes through write_string);
- a CSV text field that Excel would start evaluating (first character =, +, -, @, tab or CR) gets a
  leading apostrophe, the OWASP rule; a field that is a plain number (-3, +2.5) is left as it is, so
  real negative numbers stay numbers. factsio removes that apostrophe again when it reads a CSV.
A number is a number cell only when Excel keeps every digit (15 significant digits); a longer one is
written as its exact text. The same content always gives the same bytes (fixed dates in the zip
entries and in docProps/core.xml), and a workbook is built in memory: no temporary files, however
many sheets, so a killed run leaves nothing behind and a thousand unit sheets need no open files.

Styles are plain dicts of XlsxWriter format properties ({"bold": True, "num_format": "0.00"}), one
Format object per distinct dict.
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal
from typing import Any, Iterable

import attrs

from .numerals import format_decimal

EXCEL_DIGITS = 15  # significant digits Excel keeps in a number cell
EXCEL_TEXT = 32767  # characters a cell may hold
FIXED_DATE = datetime.datetime(2000, 1, 1)  # written as created/modified: the same input, the same bytes
SHEET_NAME_CHARS = 31
RESERVED_SHEET_NAMES = ("history",)  # Excel keeps History for change tracking and refuses a sheet of that name

# OWASP's list (CSV injection): a field starting with one of these may be run as a formula.
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?\Z")


# ------------------------------------------------------------------ CSV
def csv_text(value: Any) -> str:
    """One CSV field: numbers in their exact digits, text neutralised (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (Decimal, int)):
        return format_decimal(Decimal(value))
    text = str(value)
    if text.startswith(CSV_TRIGGERS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_restore(field: str) -> str:
    """What csv_text neutralised, as it was written: 「'=2+3」 → 「=2+3」; any other field unchanged."""
    if field.startswith("'") and field[1:].startswith(CSV_TRIGGERS) and not _PLAIN_NUMBER.match(field[1:]):
        return field[1:]
    return field


def csv_row(values: Iterable[Any]) -> list[str]:
    return [csv_text(value) for value in values]


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """A whole CSV file, UTF-8 with a BOM (Excel on Windows needs it to read Chinese), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(csv_row(row))
    return out.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------ XLSX
def number_or_text(value: Decimal | int) -> Decimal | str:
    """A number Excel holds exactly (at most 15 significant digits), else its exact digits as text."""
    number = Decimal(value)
    if not number.is_finite():
        return str(number)
    digits = number.normalize().as_tuple().digits
    return number if len(digits) <= EXCEL_DIGITS else format_decimal(number)


def excel_cut(text: str, limit: int) -> str:
    """text within an Excel limit counted, as Excel counts, in UTF-16 code units (an astral character is two)."""
    return text if _utf16(text) <= limit else _utf16_prefix(text, limit - 1) + "…"


@attrs.frozen
class Cell:
    """A value with its style, and for a text cell optionally a link to a sheet of the same workbook."""

    value: Any
    style: dict | None = None
    link: str | None = None  # a sheet name: the cell opens that sheet


def cell(value: Any, style: dict | None = None, link: str | None = None) -> Cell:
    return Cell(value, style, link)


class Sheet:
    """One worksheet, written row by row with append (or cell by cell with put, rows and columns from 0)."""

    def __init__(self, book: "Workbook", raw, name: str) -> None:
        self.book = book
        self.raw = raw  # the XlsxWriter worksheet, for page setup and other features without a method here
        self.name = name
        self.rows = 0  # rows written so far; append writes the next

    def append(self, values: Iterable[Any] = ()) -> int:
        """Write a row after the last one; its index (from 0)."""
        row = self.rows
        for column, value in enumerate(values):
            self.put(row, column, value)
        self.rows = row + 1
        return row

    def put(self, row: int, column: int, value: Any, style: dict | None = None) -> None:
        if isinstance(value, Cell):
            value, style, link = value.value, value.style or style, value.link
        else:
            link = None
        self.rows = max(self.rows, row + 1)
        fmt = self.book.style(style)
        raw = self.raw
        if link is not None:
            target = "internal:'{}'!A1".format(link.replace("'", "''"))
            _done(raw.write_url(row, column, target, fmt, string=excel_cut(str(value), EXCEL_TEXT)))
        elif value is None or value == "":  # an empty text is an empty cell, as Excel keeps it
            if fmt is not None:
                _done(raw.write_blank(row, column, None, fmt))
        elif isinstance(value, bool):
            _done(raw.write_boolean(row, column, value, fmt))
        elif isinstance(value, (Decimal, int)):
            shown = number_or_text(value)
            if isinstance(shown, str):
                _done(raw.write_string(row, column, shown, fmt))
            else:
                # fixed-point digits: XlsxWriter prints the number with {:.16G}, which keeps them exactly
                _done(raw.write_number(row, column, Decimal(format_decimal(shown)), fmt))
        elif isinstance(value, float):  # float-ok: refused, numbers are exact
            raise TypeError("spreadsheet cells take Decimal, never float")
        else:
            _done(raw.write_string(row, column, excel_cut(str(value), EXCEL_TEXT), fmt))

    def widths(self, widths: Iterable[float], first: int = 0) -> None:
        for column, width in enumerate(widths, first):
            self.raw.set_column(column, column, width)

    def column(self, column: int, width: float, style: dict | None = None) -> None:
        """A column's width, and the style of its empty cells (what staff type in is formatted by it)."""
        self.raw.set_column(column, column, width, self.book.style(style))

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int, value: Any,
              style: dict | None = None) -> None:
        if isinstance(value, Cell):
            value, style = value.value, value.style or style
        fmt = self.book.style(style)
        _done(self.raw.merge_range(first_row, first_column, last_row, last_column, "", fmt))
        self.put(first_row, first_column, value, style)
        self.rows = max(self.rows, last_row + 1)

    def freeze(self, row: int, column: int) -> None:
        self.raw.freeze_panes(row, column)

    def comment(self, row: int, column: int, text: str, width: int = 320, height: int = 160) -> None:
        _done(self.raw.write_comment(row, column, excel_cut(text, EXCEL_TEXT),
                                     {"author": "govrubric", "width": width, "height": height}))

    def validation(self, first_row: int, column: int, last_row: int, options: dict) -> None:
        """Data validation on a column's cells; titles and messages cut to Excel's limits (32, 255)."""
        options = dict(options)
        for key, limit in (("input_title", 32), ("error_title", 32), ("input_message", 255), ("error_message", 255)):
            if options.get(key):
                options[key] = excel_cut(options[key], limit)
        _done(self.raw.data_validation(first_row, column, last_row, column, options))

    def hide(self) -> None:
        self.raw.hide()


def _done(code: int | None) -> None:
    """XlsxWriter answers a call it could not carry out with a negative code (and a warning); that is a bug here."""
    if code is not None and code < 0:
        raise ValueError(f"XlsxWriter refused a write (code {code})")


class Workbook:
    """A workbook built in memory; bytes() gives the file, the same bytes for the same content."""

    def __init__(self) -> None:
        import xlsxwriter

        self.out = io.BytesIO()
        self.raw = xlsxwriter.Workbook(self.out, {
            "in_memory": True,  # no temporary files
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        self.raw.set_properties({"created": FIXED_DATE, "author": "govrubric"})
        self._styles: dict[tuple, Any] = {}
        self.sheets: dict[str, Sheet] = {}

    def sheet(self, name: str) -> Sheet:
        """A new sheet; `name` must already be a valid, unused sheet name (see sheet_names)."""
        made = Sheet(self, self.raw.add_worksheet(name), name)
        self.sheets[name] = made
        return made

    def style(self, spec: dict | None):
        if not spec:
            return None
        key = tuple(sorted(spec.items()))
        if key not in self._styles:
            self._styles[key] = self.raw.add_format(dict(spec))
        return self._styles[key]

    def bytes(self) -> bytes:
        self.raw.close()
        return self.out.getvalue()


def xl_column(index: int) -> str:
    """The letter of a column counted from 0: 0 → A, 26 → AA."""
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(index)


def sheet_names(wanted: Iterable[str], reserved: Iterable[str] = ()) -> list[str]:
    """Valid, distinct sheet names for `wanted`, in order: at most 31 characters, none of []:*?/\\, no
    apostrophe at either end, not History (Excel's own), unique regardless of case, none of `reserved`."""
    taken = {name.lower() for name in reserved} | set(RESERVED_SHEET_NAMES)
    names = []
    for text in wanted:
        base = "".join("_" if ch in "[]:*?/\\" or ord(ch) < 32 else ch for ch in text).strip("'") or "单位"
        name, n = _utf16_prefix(base, SHEET_NAME_CHARS).rstrip("'"), 1
        while name.lower() in taken or not name:
            n += 1
            suffix = f"({n})"
            name = _utf16_prefix(base, SHEET_NAME_CHARS - len(suffix)).rstrip("'") + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _utf16_prefix(text: str, limit: int) -> str:
    kept, used = [], 0
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > limit:
            break
        kept.append(ch)
        used += size
    return "".join(kept)
