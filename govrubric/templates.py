"""What a rubric asks of each unit: the facts, what may be filled in, which items read them;
and blank fill-in templates (.xlsx with comments and data validation, .csv, .json) that factsio reads back.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Iterator

import attrs

from . import model as m
from .facts import CATEGORY_KEY, FactChecker
from .factsio import DATA_SHEET
from .numerals import format_decimal

UNIT_COLUMN = "单位"
VALIDATED_ROWS = 1000  # rows of the XLSX template that carry data validation (a county has dozens of units)
PERCENT_FORMAT = "0.0##%"  # 95.0%, 93.5%, 93.25%: shows what was typed, never hides decimals


@attrs.frozen
class Need:
    """One column of the template: a fact, what may be filled in, and which items read it."""

    fact: m.Fact
    expected: str
    items: tuple[str, ...]

    @property
    def kind_zh(self) -> str:
        return m.KIND_ZH[self.fact.kind]

    def to_json(self) -> dict[str, Any]:
        fact = self.fact
        return {"name": fact.name, "kind": fact.kind, "kind_zh": self.kind_zh, "expected": self.expected,
                "optional": fact.optional, "options": list(fact.options),
                "low": None if fact.low is None else format_decimal(fact.low),
                "high": None if fact.high is None else format_decimal(fact.high),
                "items": list(self.items)}


def needs(rubric: m.Rubric) -> list[Need]:
    """Every fact a unit fills in, in declaration order, with the items whose clauses read it.
    Values computed over the units scored together (排名, 平均 …) are not filled in: see computed()."""
    readers: dict[str, list[str]] = {name: [] for name in rubric.facts}
    for node in rubric.nodes():
        for rule in node.rules:
            for name in _fact_names(rule):
                if name in readers and node.path not in readers[name]:
                    readers[name].append(node.path)
    for name in _fact_names(rubric.final):  # a 一票否决 before the first item decides the total itself
        if name in readers and rubric.total_name not in readers[name]:
            readers[name].append(rubric.total_name)
    for name in _fact_names(rubric.grades):  # a grade on the facts (「发生特别重大事故」的,为「不合格」)
        if name in readers and "等次" not in readers[name]:
            readers[name].append("等次")
    for fact in computed(rubric):  # a fact ranked or scoped over is read wherever its computed value is
        sources = set(_fact_names(fact.cohort)) | ({fact.cohort.fact} if fact.cohort.fact else set())
        for source in sources & set(readers):
            readers[source] += [path for path in readers[fact.name] if path not in readers[source]]
    checker = FactChecker(rubric)
    return [Need(fact, checker.expected(fact), tuple(readers[name])) for name, fact in rubric.facts.items()
            if fact.cohort is None]


def computed(rubric: m.Rubric) -> list[m.Fact]:
    """Facts govrubric computes over the units scored together; a template has no column for them."""
    return [fact for fact in rubric.facts.values() if fact.cohort is not None]


def _fact_names(obj: Any) -> Iterator[str]:
    """Fact names anywhere inside a rule: operands of tests, counters, and facts an outcome takes its amount from."""
    if isinstance(obj, m.FactRef):
        yield obj.name
    elif isinstance(obj, m.Outcome):
        if obj.fact:
            yield obj.fact
    elif isinstance(obj, tuple):
        for part in obj:
            yield from _fact_names(part)
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _fact_names(getattr(obj, field.name))


def headers(rubric: m.Rubric) -> list[str]:
    return [UNIT_COLUMN] + ([CATEGORY_KEY] if rubric.categories else []) + [need.fact.name for need in needs(rubric)]


def describe(need: Need) -> str:
    """The words a header comment and the notes sheet give for one column."""
    fact = need.fact
    lines = [f"「{fact.name}」{need.kind_zh}" + ("(可空:不填时涉及它的条件都不成立)" if fact.optional else "")]
    lines.append(f"应填:{need.expected}")
    if fact.kind == "percent":
        lines.append("本列已设为百分比格式:输入 95 即 95%;不足1%的请输入带%的数,如 0.5%")
    elif fact.kind == "list":
        lines.append("几个事项用「;」隔开,同一事项的几个级别用「+」连接,如:中央级;省部级+市级")
    elif fact.kind == "discretionary":
        lines.append("一个分数,或几次各自的分数写成 [1, 2.5];没有则填 0")
    lines.append("用于:" + ("、".join(need.items) if need.items else "(没有条款用到)"))
    return "\n".join(lines)


# ------------------------------------------------------------------ templates
def template_bytes(rubric: m.Rubric, path: str, units: list[str]) -> bytes:
    """The template for `path`'s format (.xlsx, .csv or .json), with a row for each named unit."""
    lower = path.lower()
    if lower.endswith(".xlsx"):
        return _xlsx(rubric, units)
    if lower.endswith(".csv"):
        return _csv(rubric, units)
    if lower.endswith(".json"):
        return _json(rubric, units)
    raise ValueError(path)


def _csv(rubric: m.Rubric, units: list[str]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = headers(rubric)
    writer.writerow(columns)
    for unit in units:
        writer.writerow([unit] + [""] * (len(columns) - 1))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel on Windows read the Chinese headers


def _json(rubric: m.Rubric, units: list[str]) -> bytes:
    rows = [{column: (unit if column == UNIT_COLUMN else None) for column in headers(rubric)}
            for unit in (units or [""])]
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _xlsx(rubric: m.Rubric, units: list[str]) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    by_name = {need.fact.name: need for need in needs(rubric)}
    last = max(VALIDATED_ROWS, len(units)) + 1
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(headers(rubric), 1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        need = by_name.get(column)
        note = describe(need) if need else _column_note(column, rubric)
        cell.comment = Comment(note, "govrubric", width=320, height=160)
        sheet.column_dimensions[letter].width = max(10, min(30, _width(column) + 2))
        cells = f"{letter}2:{letter}{last}"
        validation = _validation(column, need, rubric, book, cells)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(cells)
        if need is not None and need.fact.kind == "percent":
            # A column style formats the cells staff will type into; prefilled rows exist already.
            sheet.column_dimensions[letter].number_format = PERCENT_FORMAT
            for row in range(2, len(units) + 2):
                sheet.cell(row=row, column=index).number_format = PERCENT_FORMAT
    for row, unit in enumerate(units, 2):
        sheet.cell(row=row, column=1, value=unit)
    sheet.freeze_panes = "B2"
    _notes_sheet(book, rubric)
    if "选项" in book.sheetnames:
        book.move_sheet("选项", offset=len(book.sheetnames))  # keep the hidden lists last
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column_note(column: str, rubric: m.Rubric) -> str:
    if column == CATEGORY_KEY:
        return "单位类别,应填之一:" + "、".join(rubric.categories) + "\n决定哪些指标适用于本单位"
    return "单位名称,每个单位一行,不能重复"


def _validation(column: str, need: Need | None, rubric: m.Rubric, book, cells: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    if need is None:
        if column == CATEGORY_KEY:
            return _choices(book, list(rubric.categories), "单位类别", "应填之一:" + "、".join(rubric.categories))
        first, last = cells.split(":")  # the unit column, A
        unique = DataValidation(type="custom", formula1=f"COUNTIF($A$2:$A${last[1:]},{first})=1")
        return _worded(unique, "单位", "单位名称,不能重复")
    fact = need.fact
    prompt = need.expected
    if fact.kind == "bool":
        return _worded(DataValidation(type="list", formula1='"是,否"'), fact.name, prompt)
    if fact.kind == "choice":
        return _choices(book, list(fact.options), fact.name, prompt)
    if fact.kind in ("count", "days", "months", "rank"):
        low = "1" if fact.kind == "rank" else "0"
        return _worded(DataValidation(type="whole", operator="greaterThanOrEqual", formula1=low), fact.name, prompt)
    if fact.kind == "percent":  # stored as a fraction under the percent format: 95% is 0.95
        return _worded(DataValidation(type="decimal", operator="between", formula1="0", formula2="1"),
                       fact.name, "0% 到 100% 之间的百分数,如 95%")
    if fact.kind == "ratio":
        return _worded(DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"), fact.name, prompt)
    if fact.kind == "score":
        low = format_decimal(fact.low if fact.low is not None else Decimal(0))
        if fact.high is None:
            check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=low)
        else:
            check = DataValidation(type="decimal", operator="between", formula1=low, formula2=format_decimal(fact.high))
        return _worded(check, fact.name, prompt)
    prompt_only = _worded(DataValidation(), fact.name, prompt)  # lists and 视情 amounts: free text, checked on reading
    prompt_only.showErrorMessage = False
    return prompt_only


def _choices(book, options: list[str], title: str, prompt: str):
    """A drop-down list: written inline when Excel allows (≤255 characters, no commas), else from a hidden sheet."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    inline = ",".join(options)
    if len(inline) <= 250 and all(option and not any(ch in option for ch in '",') for option in options):
        return _worded(DataValidation(type="list", formula1=f'"{inline}"'), title, prompt)
    if "选项" not in book.sheetnames:
        book.create_sheet("选项").sheet_state = "hidden"
    lists = book["选项"]
    column = 1 if lists["A1"].value is None else lists.max_column + 1
    for row, option in enumerate(options, 1):
        lists.cell(row=row, column=column, value=option)
    letter = get_column_letter(column)
    return _worded(DataValidation(type="list", formula1=f"'选项'!${letter}$1:${letter}${len(options)}"),
                   title, prompt)


def _worded(validation, title: str, prompt: str):
    """Chinese prompt and error texts, within Excel's limits (titles 32, texts 255 characters)."""
    validation.allow_blank = True
    validation.showInputMessage = validation.showErrorMessage = True
    validation.promptTitle = validation.errorTitle = title[:32]
    validation.prompt = prompt[:255]
    validation.error = ("应填:" + prompt)[:255]
    return validation


def _notes_sheet(book, rubric: m.Rubric) -> None:
    from openpyxl.styles import Alignment, Font

    from . import __version__

    notes = book.create_sheet("说明")
    notes.append([f"细则「{rubric.title}」的事实填报表"])
    notes["A1"].font = Font(bold=True, size=13)
    notes.append([f"在「{DATA_SHEET}」表中每个单位填一行。填好后运行:govrubric score 细则.rubric --facts 本文件 -o 报告.xlsx"])
    notes.append(["百分比列已设为百分比格式(输入 95 即 95%);是否列填「是」或「否」;可空的事实可以不填。"])
    notes.append([f"由 govrubric {__version__} 生成;细则文件 {rubric.path},SHA-256 {rubric.source_sha256[:16]}…"])
    notes.append([])
    notes.append(["列", "事实", "类型", "可空", "应填", "用于指标"])
    for cell in notes[6]:
        cell.font = Font(bold=True)
    from openpyxl.utils import get_column_letter

    notes.append(["A", UNIT_COLUMN, "名称", "", "单位名称,每个单位一行,不能重复", ""])
    if rubric.categories:
        notes.append(["B", CATEGORY_KEY, "类别", "", "之一:" + "、".join(rubric.categories), "决定哪些指标适用"])
    offset = 2 if rubric.categories else 1
    for index, need in enumerate(needs(rubric), offset + 1):
        notes.append([get_column_letter(index), need.fact.name, need.kind_zh, "是" if need.fact.optional else "",
                      need.expected, "、".join(need.items)])
    for fact in computed(rubric):
        notes.append(["", fact.name, "计算得出", "", f"不用填写:计分时{fact.cohort.text}", ""])
    for letter, width in zip("ABCDEF", (6, 28, 10, 6, 50, 30)):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=7):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
