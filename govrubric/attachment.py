"""The rubric as the attachment a government office publishes: a Word document (python-docx), and a PDF of it.

The layout follows the published 考评细则 (宜良县 2023 附件1 is the model): the 附件N label in 黑体 at the top
left, the title in 小标宋 centred, the 〔…〕 line under it (乡镇(街道)、各有关单位,考评方式:非实地), then one table
in 仿宋: the items in 考评项目 columns, one column per level, a parent's cell merged down over its sub-items; the
分值 of each item scored on its own; the columns the rubric records (要求 as 具体目标和绩效要求, 考核内容 …)
before 评分标准 and the others (查验方法, 考核对象, 考评方式 …) after it; the header row repeated on every page;
the total's rules in a last row across the table; 「— 1 —」 page numbers in the footer. Untitled ○ paragraphs
of an item are its rows, under its merged cell, with no column of their own.

python-docx is imported here only: the command line imports this module when it writes a .docx or .pdf.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from decimal import Decimal

import attrs

from .i18n import word
from .printer import canonical_label, label_style
from .render import Row, Table

TITLE_FONT = "方正小标宋简体"  # 小标宋: the title of an official document (GB/T 9704)
BODY_FONT = "仿宋_GB2312"
LABEL_FONT = "黑体"  # 附件1 and the table's header row
LATIN_FONT = "Times New Roman"
ITEM_COLUMN = "考评项目"
POINTS_COLUMN = "分值"
STANDARD_COLUMN = "评分标准"
# Columns that say what is asked, shown before 评分标准; the rest (查验方法, 考核对象 …) after it.
CONTENT_KEYS = {"要求": "具体目标和绩效要求", "目标": "目标", "考核内容": "考核内容", "考核标准": "考核标准"}
HIDDEN_KEYS = ("适用", "说明")  # 适用 is scoring (考核对象 is its published word); an item's 说明 is a note
A4 = (Decimal("210"), Decimal("297"))  # mm
MARGINS = {"top": Decimal("25"), "bottom": Decimal("22"), "left": Decimal("20"), "right": Decimal("20")}


@attrs.frozen
class Column:
    heading: str
    key: str  # level:N, item, points, standard, or a meta key
    weight: int  # share of the width


@attrs.frozen
class Line:
    """One table row: the parent items of its 考评项目 cells (outermost first), and the item scored on it."""

    levels: tuple[Row, ...]  # the titled parents over this row, each merged down over its rows
    row: Row  # the item scored on this row: a leaf, a ○ paragraph, or a parent's own rules
    meta: dict  # its columns, a parent's (查验方法, 考核对象 …) where it has none of its own
    owner: Row  # whose words fill the item cell: the row's, or for a ○ paragraph without 要求 its item's

    def item_text(self, with_requirement: bool) -> str:
        """The item cell: 「(1)按照省、部署要求,……」 (numbering and 要求) or 「1.规范窗口服务行为。」 (title);
        for ○ paragraphs the item they belong to, with its points (merged down over them); empty on a
        parent's own row, whose title is in its merged cell."""
        owner = self.owner
        if owner.parent and owner is self.row:
            return dict(owner.meta).get("要求", "") if with_requirement else ""
        text = dict(owner.meta).get("要求", "") if with_requirement else ""
        if owner.anonymous:
            return text
        points = f"({owner.points})" if owner is not self.row and owner.points else ""
        return number_text(owner) + (text or owner.title) + points


@attrs.frozen
class Layout:
    columns: tuple[Column, ...]
    level_count: int
    lines: tuple[Line, ...]
    with_requirement: bool  # the item cell holds 要求 (具体目标和绩效要求), as 宜良's 附件1 does


def layout(table: Table) -> Layout:
    """The attachment's columns and rows, from render's table (its rows in order, with depths)."""
    stack: list[Row] = []
    lines = []
    for row in table.rows:
        del stack[row.depth:]
        stack.append(row)
        if row.parent and not row.standard:
            continue  # a parent without rules of its own is only its merged cell
        owner = row
        if row.anonymous and "要求" not in dict(row.meta) and len(stack) > 1 and not stack[-2].anonymous \
                and not any("要求" in dict(sibling.meta) for sibling in _children(table, stack[-2])):
            owner = stack[-2]  # 三.6.(2) over its two ○ paragraphs: (2) is their item cell
        levels = tuple(r for r in stack[:-1] if not r.anonymous and r is not owner) + ((row,) if row.parent else ())
        meta: dict[str, str] = {}
        for item in stack:
            meta.update({key: value for key, value in item.meta if key not in CONTENT_KEYS or item is owner})
        lines.append(Line(levels, row, meta, owner))
    keys: list[str] = []
    for row in table.rows:
        keys += [key for key, _ in row.meta if key not in keys and key not in HIDDEN_KEYS]
    if not any(key in keys for key in ("考核对象", "考评对象")) and any(k == "适用" for r in table.rows for k, _ in r.meta):
        keys.append("适用")
    with_requirement = "要求" in keys
    content = [key for key in keys if key in CONTENT_KEYS and key != "要求"]
    others = [key for key in keys if key not in CONTENT_KEYS]
    level_count = max((len(line.levels) for line in lines), default=0)
    columns = [Column(ITEM_COLUMN, f"level:{level}", 6) for level in range(level_count)]
    columns.append(Column(CONTENT_KEYS["要求"] if with_requirement else ITEM_COLUMN, "item",
                          14 if with_requirement else 8))
    columns.append(Column(POINTS_COLUMN, "points", 3))
    columns += [Column(CONTENT_KEYS[key], key, 10) for key in content]
    columns.append(Column(STANDARD_COLUMN, "standard", 18))
    columns += [Column(key, key, 4) for key in others]
    return Layout(tuple(columns), level_count, tuple(lines), with_requirement)


def _heading(heading: str) -> str:
    """A column's heading in the language chosen (--lang): the attachment's own headings in English under en; a
    column the rubric records (查验方法, 考核对象 …) is headed with the rubric's word."""
    if heading == ITEM_COLUMN:
        return word("考评项目")
    if heading == POINTS_COLUMN:
        return word("分值")
    if heading == STANDARD_COLUMN:
        return word("评分标准")
    if heading == CONTENT_KEYS["要求"]:
        return word("具体目标和绩效要求")
    return heading


def _children(table: Table, parent: Row) -> list[Row]:
    index = table.rows.index(parent)
    found = []
    for row in table.rows[index + 1:]:
        if row.depth <= parent.depth:
            break
        if row.depth == parent.depth + 1:
            found.append(row)
    return found


def number_text(row: Row) -> str:
    """The numbering as published: 一、 1. (1) ①; nothing for 【…】 and ○ items."""
    if not row.number:
        return ""
    style, value = label_style(row.number)
    return canonical_label(style, value, row.number)


def item_text(row: Row, with_points: bool) -> str:
    """一、全面落实…(13分): the numbering, the title, and for a parent its points."""
    points = f"({row.points})" if with_points and row.points else ""
    return f"{number_text(row)}{row.title}{points}"


# ------------------------------------------------------------------ Word
def docx_bytes(table: Table, attachment: str = "1", landscape: bool = True) -> bytes:
    """The attachment as a .docx: A4 (landscape unless asked), the table's header row repeated on every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    _base_style(document)
    section = document.sections[0]
    short, long = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(long), Mm(short)) if landscape else (Mm(short), Mm(long))
    for side, size in MARGINS.items():
        setattr(section, f"{side}_margin", Mm(size))
    _page_numbers(section)
    if attachment:
        _paragraph(document, word("附件{number}", number=attachment), LABEL_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, table.title, TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    if table.note:
        _paragraph(document, f"〔{table.note}〕", BODY_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, space_after=6)

    plan = layout(table)
    columns = plan.columns
    grid = document.add_table(rows=1 + len(plan.lines) + (1 if table.total else 0), cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    usable = (long if landscape else short) - MARGINS["left"] - MARGINS["right"]
    total_weight = sum(c.weight for c in columns)
    widths = [Mm(usable * c.weight / total_weight) for c in columns]
    for column, width in zip(grid.columns, widths):  # the grid (LibreOffice reads it) and every cell (Word does)
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width

    header = grid.rows[0]
    _repeat_as_header(header)
    item_column = next(i for i, c in enumerate(columns) if c.key == "item")
    for index, column in enumerate(columns):
        if column.key.startswith("level:") and index or (column.key == "item" and not plan.with_requirement
                                                         and plan.level_count):
            continue
        _write(header.cells[index], [_heading(column.heading)], LABEL_FONT, 10.5, WD_ALIGN_PARAGRAPH.CENTER)
    headed = item_column if not plan.with_requirement else plan.level_count - 1
    if headed > 0:
        grid.cell(0, 0).merge(grid.cell(0, headed))

    for number, line in enumerate(plan.lines, 1):
        cells = grid.rows[number].cells
        for index, column in enumerate(columns):
            if column.key == "points":  # a parent's points are in its merged cell: 一、…(13分)
                _write(cells[index], ["" if line.row.parent else line.row.points], BODY_FONT, 10.5,
                       WD_ALIGN_PARAGRAPH.CENTER)
            elif column.key == "standard":
                _write(cells[index], list(line.row.standard), BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.JUSTIFY)
            elif not column.key.startswith("level:") and column.key != "item":
                _write(cells[index], [line.meta.get(column.key, "")], BODY_FONT, 10.5,
                       WD_ALIGN_PARAGRAPH.JUSTIFY if column.key in CONTENT_KEYS else WD_ALIGN_PARAGRAPH.CENTER)
    # the item's cell takes the level cells its row has no parent for (二、 then 1.严格规范… beside it), and
    # runs down over the ○ paragraphs it owns
    number = 1
    while number <= len(plan.lines):
        line = plan.lines[number - 1]
        end = number
        while end < len(plan.lines) and plan.lines[end].owner is line.owner and line.owner is not line.row:
            end += 1
        first = len(line.levels)
        cell = grid.cell(number, first)
        if first < item_column or end > number:
            cell = cell.merge(grid.cell(end, item_column))
        _write(cell, [line.item_text(plan.with_requirement)], BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.JUSTIFY)
        number = end + 1
    # 考评项目 cells: each parent once, merged down over its rows
    for level in range(plan.level_count):
        start = None
        for number in range(1, len(plan.lines) + 2):
            line = plan.lines[number - 1] if number <= len(plan.lines) else None
            item = line.levels[level] if line is not None and level < len(line.levels) else None
            current = plan.lines[start - 1].levels[level] if start is not None else None
            if start is not None and item is not current:
                merged = grid.cell(start, level).merge(grid.cell(number - 1, level)) if number - 1 > start \
                    else grid.cell(start, level)
                _write(merged, [item_text(current, with_points=True)], BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT)
                start = None
            if start is None and item is not None:
                start = number
    for row in grid.rows[1:]:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if table.total:
        last = len(grid.rows) - 1
        merged = grid.cell(last, 0).merge(grid.cell(last, len(columns) - 1))
        _write(merged, list(table.total), BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT)
    out = io.BytesIO()
    document.core_properties.title = table.title
    document.core_properties.author = "govrubric"
    document.save(out)
    return out.getvalue()


def _base_style(document) -> None:
    from docx.shared import Pt

    style = document.styles["Normal"]
    _fonts(style.font, style.element.get_or_add_rPr(), BODY_FONT)
    style.font.size = Pt(10.5)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)


def _fonts(font, rpr, east_asian: str) -> None:
    """Word picks a run's Chinese font from w:rFonts/@w:eastAsia, which python-docx's font.name does not set."""
    from docx.oxml.ns import qn

    font.name = LATIN_FONT
    rfonts = rpr.rFonts if rpr.rFonts is not None else rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asian)


def _paragraph(document, text: str, east_asian: str, size: float, align, space_after: float = 0):
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    _run(paragraph, text, east_asian, size)
    return paragraph


def _run(paragraph, text: str, east_asian: str, size: float, bold: bool = False):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    _fonts(run.font, run._element.get_or_add_rPr(), east_asian)
    run.font.size = Pt(size)
    run.font.bold = bold
    return run


def _write(cell, lines: list[str], east_asian: str, size: float, align) -> None:
    """The cell's text, a paragraph a line (what a merge left in it is replaced)."""
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for run in list(first.runs):
        run._element.getparent().remove(run._element)
    lines = [line for line in lines if line] or [""]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.alignment = align
        if line:
            _run(paragraph, line, east_asian, size)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _page_numbers(section) -> None:
    """「— 1 —」 centred in the footer, the number a PAGE field (Word and LibreOffice fill it in)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", "宋体", 14)
    run = _run(paragraph, "", "宋体", 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _run(paragraph, " —", "宋体", 14)


# ------------------------------------------------------------------ PDF
class NoConverter(Exception):
    """No LibreOffice to turn the Word document into PDF; the message says what to do (Chinese)."""


def office_program() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_bytes(table: Table, attachment: str = "1", landscape: bool = True, timeout: int = 180) -> bytes:
    """The same attachment as PDF: the .docx converted by LibreOffice (headless), in a private folder and
    profile so that two conversions at once do not meet."""
    program = office_program()
    if program is None:
        raise NoConverter("没有找到 LibreOffice(soffice),无法生成 PDF:请安装 LibreOffice"
                          "(Debian/Ubuntu:apt-get install libreoffice-writer-nogui),"
                          "或生成 .docx 后在 Word/WPS 中「另存为 PDF」")
    with tempfile.TemporaryDirectory(prefix="govrubric-pdf-") as folder:
        source = os.path.join(folder, "attachment.docx")
        with open(source, "wb") as handle:
            handle.write(docx_bytes(table, attachment, landscape))
        profile = "file://" + os.path.join(folder, "profile")
        try:
            done = subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                                   "--convert-to", "pdf", "--outdir", folder, source],
                                  capture_output=True, timeout=timeout, cwd=folder,
                                  env={**os.environ, "HOME": folder})
        except subprocess.TimeoutExpired:
            raise NoConverter(f"LibreOffice 在 {timeout} 秒内没有转换完成") from None
        target = os.path.join(folder, "attachment.pdf")
        if done.returncode != 0 or not os.path.exists(target):
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise NoConverter(f"LibreOffice 没能把 Word 文档转换为 PDF({detail or done.returncode})")
        with open(target, "rb") as handle:
            return handle.read()
