"""Results → report files (.xlsx, .csv, .json, .md) with the same exact numbers; the terminal is report.py's.

Every number is written as the rubric would print it (numerals.format_decimal): 0.3, never
0.30000000000000004. In XLSX a score is a number cell when it has at most 15 significant
digits: Excel shows 15 digits, and openpyxl writes such a Decimal's exact digits into the file.
A longer one (only 按比例 readings produce them) is written as text holding every digit, since
a number cell would silently lose the tail.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Callable, Iterable

import attrs

from . import model as m
from .diagnostics import Diagnostic
from .numerals import format_decimal as fmt
from .report import grade_text, own_lines, ranked
from .result import NodeResult, Result

FORMATS = (".xlsx", ".csv", ".json", ".md")
Progress = Callable[[list], Iterable]  # wraps a loop's items, e.g. to show a progress bar
EXCEL_DIGITS = 15


@attrs.frozen
class Scored:
    """What a report shows: the results, whether they are ranked, and what could not be scored."""

    rubric: m.Rubric
    results: tuple[Result, ...]
    only: str | None = None  # --unit: show this unit, ranked among all
    not_scored: tuple[str, ...] = ()
    problems: tuple[Diagnostic, ...] = ()

    def rows(self) -> list[tuple[int, Result]]:
        return [(rank, result) for rank, result in ranked(list(self.results))
                if self.only is None or result.unit == self.only]

    @property
    def total_name(self) -> str:
        return self.rubric.total_name or "总分"

    @property
    def graded(self) -> bool:
        """Whether the rubric gives grades: then every table has a 等次 column after the total."""
        return self.rubric.grades is not None

    def grade_column(self, result: Result) -> list[str]:
        return [grade_text(result)] if self.graded else []


def _same(items: list) -> Iterable:
    return items


def report_format(path: str) -> str | None:
    lower = path.lower()
    return next((suffix for suffix in FORMATS if lower.endswith(suffix)), None)


def report_bytes(path: str, scored: Scored, progress: Progress | None = None) -> bytes:
    """The report in `path`'s format; `progress` wraps the per-unit loop of the slow format (XLSX)."""
    if report_format(path) == ".xlsx":
        return xlsx_report(scored, progress)
    writer = {".csv": csv_report, ".json": json_report, ".md": markdown_report}
    return writer[report_format(path) or ""](scored)


def _section_header(node: NodeResult, width: int | None = None) -> str:
    title = node.shown_title or ""
    if width is not None and len(title) > width:
        title = title[: width - 1] + "…"
    return f"{node.path} {title}".strip()


# ------------------------------------------------------------------ CSV and JSON
def csv_report(scored: Scored) -> bytes:
    """One row per unit: rank, unit, category, every item's score in tree order, the total (and the 等次)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    rows = scored.rows()
    nodes = list(rows[0][1].nodes()) if rows else []
    has_category = bool(scored.rubric.categories)
    writer.writerow(["名次", "单位"] + (["单位类别"] if has_category else [])
                    + [_section_header(n, 16) for n in nodes] + [scored.total_name] + (["等次"] if scored.graded else []))
    for rank, result in rows:
        writer.writerow([rank, result.unit] + ([result.category or ""] if has_category else [])
                        + [fmt(n.score) for n in result.nodes()] + [fmt(result.total)] + scored.grade_column(result))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel on Windows read Chinese


def json_report(scored: Scored) -> bytes:
    rubric = scored.rubric
    data = {
        "rubric": {"title": rubric.title, "path": rubric.path, "sha256": rubric.source_sha256},
        "total_name": scored.total_name,
        "units": [{"rank": rank, **result.to_json()} for rank, result in scored.rows()],
        "not_scored": list(scored.not_scored),
        "problems": [diag.to_json() for diag in scored.problems],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ------------------------------------------------------------------ Markdown
def markdown_report(scored: Scored) -> bytes:
    rows = scored.rows()
    roots = rows[0][1].roots if rows else ()
    has_category = bool(scored.rubric.categories)
    header = ["名次", "单位"] + (["单位类别"] if has_category else []) + [_section_header(r, 12) for r in roots] \
        + [scored.total_name] + (["等次"] if scored.graded else [])
    numeric = [True] + [False] * (2 if has_category else 1) + [True] * (len(roots) + 1) + [False] * scored.graded
    lines = [f"# {_md(scored.rubric.title)}:计分结果", "", _md_row(header),
             "|" + "|".join("---:" if right else "---" for right in numeric) + "|"]
    for rank, result in rows:
        cells = [str(rank), result.unit] + ([result.category or ""] if has_category else [])
        lines.append(_md_row(cells + [fmt(r.score) for r in result.roots] + [fmt(result.total)]
                             + scored.grade_column(result)))
    for rank, result in rows:
        category = f"({result.category})" if result.category else ""
        grade = f",等次 {_md(grade_text(result))}" if scored.graded else ""
        lines += ["", f"## {_md(result.unit)}{_md(category)}:第{rank}名,{_md(scored.total_name)} {fmt(result.total)}"
                  f"{grade}", ""]
        lines += [f"- {_md(line.text)}" for line in result.total_lines]
        for root in result.roots:
            _md_node(lines, root, 0)
    if scored.not_scored:
        lines += ["", "## 未计分的单位", "", "、".join(_md(n) for n in scored.not_scored), ""]
        lines += [f"- {_md(diag.short())}" for diag in scored.problems]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _md_node(lines: list[str], node: NodeResult, depth: int) -> None:
    indent = "  " * depth
    points = "" if node.points is None else f"/{fmt(node.points)}"
    title = f" {_md(node.shown_title)}" if node.shown_title else ""
    state = "(不适用)" if not node.applicable else ("(否决)" if node.vetoed else "")
    lines.append(f"{indent}- **{_md(node.path)}**{title}:**{fmt(node.score)}{points}分**{state}")
    for line in own_lines(node):
        where = f"(第{line.line}行)" if line.line else ""
        lines.append(f"{indent}  - {_md(line.text)}{where}")
    for child in node.children:
        _md_node(lines, child, depth + 1)


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]|<>#" else ch for ch in text)


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


# ------------------------------------------------------------------ XLSX
def excel_value(value: Decimal) -> Decimal | str:
    """A number cell when Excel keeps every digit, else the exact text (see the module docstring)."""
    digits = value.normalize().as_tuple().digits
    return value if len(digits) <= EXCEL_DIGITS else fmt(value)


def xlsx_report(scored: Scored, progress: Progress | None = None) -> bytes:
    """A summary sheet (rank, unit, sections, total) and one sheet per unit with its explained tree.

    Written in openpyxl's write-only mode with shared styles: a sheet per unit for hundreds of
    units stays within seconds."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    look = _Looks()
    rows = scored.rows()
    names = _sheet_names([result.unit for _, result in rows], reserved={"汇总", "未计分"})
    _summary_sheet(book.create_sheet("汇总"), scored, rows, names, look)
    for (rank, result), sheet_name in (progress or _same)(list(zip(rows, names))):
        _unit_sheet(book.create_sheet(sheet_name), rank, result, scored, look)
    if scored.not_scored:
        _not_scored_sheet(book.create_sheet("未计分"), scored, look)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class _Looks:
    """Styled cells from a few shared style objects (openpyxl compares every new style object it meets)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.fonts = {"bold": Font(bold=True), "title": Font(bold=True, size=13), "grey": Font(color="808080"),
                      "red": Font(bold=True, color="C00000"), "link": Font(color="0563C1", underline="single")}
        self.fill = PatternFill("solid", fgColor="DDEBF7")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.indents: dict[int, object] = {}
        self.Alignment = Alignment

    def cell(self, sheet, value, font: str | None = None, *, wrap: bool = False, indent: int | None = None,
             fill: bool = False):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        if font:
            cell.font = self.fonts[font]
        if fill:
            cell.fill = self.fill
        if indent is not None:
            if indent not in self.indents:
                self.indents[indent] = self.Alignment(indent=indent, wrap_text=True, vertical="top")
            cell.alignment = self.indents[indent]
        elif wrap:
            cell.alignment = self.wrap
        return cell


def _summary_sheet(sheet, scored: Scored, rows, names: list[str], look: _Looks) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    roots = rows[0][1].roots if rows else ()
    has_category = bool(scored.rubric.categories)
    header = ["名次", "单位"] + (["单位类别"] if has_category else []) + [_section_header(r) for r in roots] \
        + [scored.total_name] + (["等次"] if scored.graded else [])
    sheet.column_dimensions["B"].width = 24
    for index in range(3, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "C3"
    sheet.append([look.cell(sheet, f"{scored.rubric.title}:计分结果", "title")])
    sheet.append([look.cell(sheet, text, "bold", wrap=True, fill=True) for text in header])
    for (rank, result), sheet_name in zip(rows, names):
        unit = look.cell(sheet, result.unit, "link")
        unit.hyperlink = Hyperlink(ref="", location="'{}'!A1".format(sheet_name.replace("'", "''")))
        sheet.append([rank, unit] + ([result.category] if has_category else [])
                     + [excel_value(r.score) for r in result.roots]
                     + [look.cell(sheet, excel_value(result.total), "bold")] + scored.grade_column(result))


def _unit_sheet(sheet, rank: int, result: Result, scored: Scored, look: _Looks) -> None:
    for letter, width in zip("ABCDEFG", (16, 40, 8, 8, 70, 8, 8)):
        sheet.column_dimensions[letter].width = width
    facts = [("单位", result.unit)] + ([("单位类别", result.category)] if result.category is not None else []) \
        + [("名次", rank), (scored.total_name, excel_value(result.total))] \
        + ([("等次", grade_text(result))] if scored.graded else [])
    for label, value in facts:
        sheet.append([look.cell(sheet, label, "bold"), value])
    for line in result.total_lines:
        _line(sheet, line, look)
    sheet.append([])
    sheet.append([look.cell(sheet, text, "bold") for text in ("编号", "指标", "分值", "得分", "说明", "增减", "细则行")])
    for root in result.roots:
        _unit_node(sheet, root, 0, look)


def _unit_node(sheet, node: NodeResult, depth: int, look: _Looks) -> None:
    state = "不适用" if not node.applicable else ("否决" if node.vetoed else "")
    font = "grey" if not node.applicable else None
    points = None if node.points is None else excel_value(node.points)
    score_font = "grey" if not node.applicable else ("red" if node.vetoed else "bold")
    sheet.append([look.cell(sheet, node.path, font), look.cell(sheet, node.title or "", font, indent=depth),
                  look.cell(sheet, points, font), look.cell(sheet, excel_value(node.score), score_font),
                  look.cell(sheet, state, font)])
    for line in own_lines(node):
        _line(sheet, line, look)
    for child in node.children:
        _unit_node(sheet, child, depth + 1, look)


def _line(sheet, line, look: _Looks) -> None:
    amount = None if line.amount is None else excel_value(line.amount)
    sheet.append([None, None, None, None, look.cell(sheet, line.text, wrap=True), amount, line.line])


def _not_scored_sheet(sheet, scored: Scored, look: _Looks) -> None:
    for letter, width in zip("ABCD", (28, 8, 70, 40)):
        sheet.column_dimensions[letter].width = width
    sheet.append(["以下单位的事实有问题,未计分:" + "、".join(scored.not_scored)])
    sheet.append([look.cell(sheet, text, "bold") for text in ("位置", "代码", "问题", "帮助")])
    for diag in scored.problems:
        sheet.append([diag.where or "", diag.code, look.cell(sheet, diag.message, wrap=True), diag.help or ""])


def _sheet_names(units: list[str], reserved: set[str]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\ , unique regardless of case."""
    taken = {name.lower() for name in reserved}
    names = []
    for unit in units:
        base = "".join("_" if ch in "[]:*?/\\" else ch for ch in unit).strip("'") or "单位"
        name, n = base[:31], 1
        while name.lower() in taken:
            n += 1
            suffix = f"({n})"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.lower())
        names.append(name)
    return names
