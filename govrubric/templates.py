"""What a rubric asks of each unit: the facts, what may be filled in, which items read them;
and blank fill-in templates (.xlsx with comments and data validation, .csv, .json) that factsio reads back.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs

from . import model as m
from .facts import CATEGORY_KEY, FactChecker, fact_names
from .i18n import listed
from .factsio import DATA_SHEET, DEPARTMENT_SHEET
from .numerals import format_decimal

UNIT_COLUMN = "单位"
VALIDATED_ROWS = 1000  # rows of the XLSX template that carry data validation (a county has dozens of units)
# Rows whose empty cells carry their column's format themselves, beyond the column style that formats the rest:
# a few hundred, since each formatted empty cell is read back (1,000 rows of 宜良's 120 columns took 2 s more).
FORMATTED_ROWS = 200
# Excel's column widths (characters) of about twice what an A4 landscape page holds at full size (some 140): a
# template this wide or narrower prints one page wide (shrunk to about half at most), a wider one across pages
PRINTABLE_WIDTH = 260
PERCENT_FORMAT = "0.0##%"  # 95.0%, 93.5%, 93.25%: shows what was typed, never hides decimals


@attrs.frozen
class Need:
    """One column of the template: a fact, what may be filled in, and which items read it."""

    fact: m.Fact
    expected: str
    items: tuple[str, ...]
    categories: tuple[str, ...] | None = None  # the unit categories that must fill it in; None: every unit

    @property
    def kind_zh(self) -> str:
        per = self.fact.per
        if per is not None:  # 次数(按季度), 计量值(逐起): a list in one cell
            return m.KIND_ZH[self.fact.kind] + (f"(按{per})" if per in m.PERIODS else f"(逐{per})")
        return m.KIND_ZH[self.fact.kind]

    @property
    def kind_words(self) -> str:
        """kind_zh in the language chosen (--lang): 「次数(按季度)」 is "count (per quarter)" in English."""
        from .i18n import word

        per = self.fact.per
        kind = word(m.KIND_ZH[self.fact.kind])
        if per is None:
            return kind
        if per in m.PERIODS:
            return word("{kind}(按{per})", kind=kind, per=word("季度") if per == "季度" else word("月"))
        return word("{kind}(逐{per})", kind=kind, per=per)

    @property
    def who(self) -> str:
        """Who fills it in, in words: 「只有「部门」类单位填写」, or "" when every unit does."""
        if self.categories is None:
            return ""
        from .i18n import word

        return word("只有{categories}类单位填写", categories=listed(f"「{c}」" for c in self.categories))

    def to_json(self) -> dict[str, Any]:
        fact = self.fact
        return {"name": fact.name, "kind": fact.kind, "kind_zh": self.kind_zh, "expected": self.expected,
                "optional": fact.optional, "options": list(fact.options),
                "low": None if fact.low is None else format_decimal(fact.low),
                "high": None if fact.high is None else format_decimal(fact.high),
                "items": list(self.items), "categories": None if self.categories is None else list(self.categories)}


def needs(rubric: m.Rubric) -> list[Need]:
    """Every fact a unit fills in, in declaration order, with the items whose clauses read it.
    Values computed over the units scored together (排名, 平均 …) are not filled in: see computed()."""
    from .i18n import word

    readers: dict[str, list[str]] = {name: [] for name in rubric.facts}
    for node in rubric.nodes():
        for rule in node.rules:
            for name in fact_names(rule):
                if name in readers and node.path not in readers[name]:
                    readers[name].append(node.path)
    for name in fact_names(rubric.final):  # a 一票否决 before the first item decides the total itself
        if name in readers and rubric.total_name not in readers[name]:
            readers[name].append(rubric.total_name)
    grades = word("等次")  # the grade rules read it: "Grade" in English
    for name in fact_names(rubric.grade_rules):  # a grade on the facts (「发生特别重大事故」的,为「不合格」)
        if name in readers and grades not in readers[name]:
            readers[name].append(grades)
    for fact in computed(rubric):  # a fact ranked or scoped over is read wherever its computed value is
        sources = set(fact_names(fact.cohort)) | ({fact.cohort.fact} if fact.cohort.fact else set())
        for source in sources & set(readers):
            readers[source] += [path for path in readers[fact.name] if path not in readers[source]]
    checker = FactChecker(rubric)
    def categories(name: str) -> tuple[str, ...] | None:
        needed_by = checker.needed_by.get(name)
        return None if needed_by is None else tuple(c for c in rubric.categories if c in needed_by)

    return [Need(fact, checker.expected(fact), tuple(readers[name]), categories(name))
            for name, fact in rubric.facts.items() if fact.cohort is None]


def computed(rubric: m.Rubric) -> list[m.Fact]:
    """Facts govrubric computes over the units scored together; a template has no column for them."""
    return [fact for fact in rubric.facts.values() if fact.cohort is not None]


def headers(rubric: m.Rubric) -> list[str]:
    return [UNIT_COLUMN] + ([CATEGORY_KEY] if rubric.categories else []) + [need.fact.name for need in needs(rubric)]


def describe(need: Need) -> str:
    """The words a header comment and the notes sheet give for one column."""
    from .i18n import word

    fact = need.fact
    lines = [f"「{fact.name}」{need.kind_words}" + (word("(可空:不填时涉及它的条件都不成立)") if fact.optional else "")]
    lines.append(word("应填:{expected}", expected=expected_words(need)))
    if fact.kind == "percent":
        lines.append(word("本列已设为百分比格式:输入 95 即 95%;不足1%的请输入带%的数,如 0.5%"))
    elif fact.kind == "list":
        lines.append(word("几个事项用「;」隔开,同一事项的几个级别用「+」连接,如:中央级;省部级+市级"))
    elif fact.kind == "discretionary":
        lines.append(word("一个分数,或几次各自的分数写成 [1, 2.5];没有则填 0"))
    if fact.per in m.PERIODS:
        lines.append(word("每{per}一个数,按顺序用「、」隔开,如 {example}", per=fact.per,
                          example="、".join(["1"] * fact.periods)))
    elif fact.per is not None:
        lines.append(word("每{per}一个数,用「、」隔开,如 12、35、8;一{per}也没有的填 无", per=fact.per))
    if need.who:
        lines.append(need.who)
    lines.append(word("用于:{items}", items=listed(need.items) if need.items else word("(没有条款用到)")))
    return "\n".join(lines)


def expected_words(need: Need) -> str:
    """What the fact takes, in the language chosen (i18n.phrase: 「不小于0的整数」 is "a whole number, 0 or more")."""
    from .i18n import language, phrase

    return phrase(need.expected) if language() == "en" else need.expected


# ------------------------------------------------------------------ templates
def template_bytes(rubric: m.Rubric, path: str, units: list[str], by: str | None = None) -> bytes:
    """The template for `path`'s format (.xlsx, .csv or .json), with a row for each named unit; `by` (.xlsx only):
    the item column (牵头单位 …) whose departments each get a sheet of the facts their items read."""
    lower = path.lower()
    if lower.endswith(".xlsx"):
        return _xlsx(rubric, units, by)
    if lower.endswith(".csv"):
        return _csv(rubric, units)
    if lower.endswith(".json"):
        return _json(rubric, units)
    raise ValueError(path)


def _csv(rubric: m.Rubric, units: list[str]) -> bytes:
    from .spreadsheet import csv_bytes

    columns = headers(rubric)
    return csv_bytes([columns] + [[unit] + [""] * (len(columns) - 1) for unit in units])


def _json(rubric: m.Rubric, units: list[str]) -> bytes:
    rows = [{column: (unit if column == UNIT_COLUMN else None) for column in headers(rubric)}
            for unit in (units or [""])]
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


HEADER_LOOK = {"bold": True, "bg_color": "#DDEBF7", "pattern": 1, "text_wrap": True, "valign": "vcenter"}
PERCENT_LOOK = {"num_format": PERCENT_FORMAT}
OPTIONS_SHEET = "选项"  # hidden: the drop-down lists too long to write inline


GROUP_LOOK = {**HEADER_LOOK, "align": "center", "bg_color": "#BDD7EE", "border": 1}
HEADER_ROWS = 2  # the top-level items over their facts, then the facts (factsio reads the row naming 单位)
# What a column's empty cells are formatted as, so what staff type is kept as typed: names and options as text
# (「001」 stays 001), counts as whole numbers, percentages as percentages (95 typed is 95%).
KIND_LOOKS = {"percent": PERCENT_LOOK, "count": {"num_format": "0"}, "days": {"num_format": "0"},
              "months": {"num_format": "0"}, "rank": {"num_format": "0"}, "choice": {"num_format": "@"},
              "list": {"num_format": "@"}}
TEXT_LOOK = {"num_format": "@"}


def groups(rubric: m.Rubric, columns: list[str]) -> list[str]:
    """For each column, the top-level items whose clauses read it (「一、信用」; 「一、信用 / 三、整改」 when several
    do), as the first header row shows them; "" for the unit and its category."""
    by_name = {need.fact.name: need for need in needs(rubric)}
    titles = {root.path: f"{root.path}、{root.title}" if root.title else root.path for root in rubric.roots}
    found = []
    for column in columns:
        need = by_name.get(column)
        if need is None:
            found.append("")
            continue
        tops: list[str] = []
        for path in need.items:
            top = titles.get(path.split(".")[0], path)
            if top not in tops:
                tops.append(top)
        found.append(" / ".join(tops) if tops else _word("(没有条款用到)"))
    return found


def _word(message: str) -> str:
    from .i18n import word

    return word(message)


# ------------------------------------------------------------------ a sheet per lead department
# The item columns that name who leads an item, in the order --by-department picks the first the rubric records.
LEAD_KEYS = ("牵头单位", "牵头部门", "责任单位", "责任部门", "考核部门", "考评部门", "责任科室", "指标认定部门", "考核单位",
             "考评单位")


def recorded_keys(rubric: m.Rubric) -> list[str]:
    """The item columns (元数据) the rubric records on its items, in order of first use."""
    found: dict[str, None] = {}
    for node in rubric.nodes():
        found.update(dict.fromkeys(key for key, _values in node.meta))
    return list(found)


def lead_key(rubric: m.Rubric) -> str | None:
    """The first of LEAD_KEYS the rubric records on an item, or None."""
    recorded = recorded_keys(rubric)
    return next((key for key in LEAD_KEYS if key in recorded), None)


def led_by(rubric: m.Rubric, key: str) -> dict[str, tuple[str, ...]]:
    """Each item's departments under `key`: its own 「牵头单位:「甲」、「乙」」, else its nearest parent's."""
    found: dict[str, tuple[str, ...]] = {}

    def walk(node: m.Node, inherited: tuple[str, ...]) -> None:
        own = tuple(v for k, values in node.meta if k == key for v in values if v.strip())
        here = own or inherited
        found.setdefault(node.path, here)
        for child in node.children:
            walk(child, here)

    for root in rubric.roots:
        walk(root, ())
    return found


def by_department(rubric: m.Rubric, key: str) -> tuple[list[Need], dict[str, list[Need]]]:
    """The facts no department leads (they stay on the data sheet), and each department's facts: those read by
    an item it leads, in declaration order. A fact read by items of two departments is on both their sheets."""
    leads = led_by(rubric, key)
    unled: list[Need] = []
    sheets: dict[str, list[Need]] = {}
    for need in needs(rubric):
        departments = list(dict.fromkeys(d for path in need.items for d in leads.get(path, ())))
        if not departments:
            unled.append(need)
        for department in departments:
            sheets.setdefault(department, []).append(need)
    order = list(dict.fromkeys(d for ds in leads.values() for d in ds))
    return unled, {d: sheets[d] for d in order if d in sheets}


def _xlsx(rubric: m.Rubric, units: list[str], by: str | None = None) -> bytes:
    from .spreadsheet import Workbook, sheet_names

    book = Workbook()
    sheet = book.sheet(DATA_SHEET)
    lists = _Lists(book)
    categories = [CATEGORY_KEY] if rubric.categories else []
    if by is None:
        main, departments = needs(rubric), {}
    else:
        main, departments = by_department(rubric, by)
    names = sheet_names([DEPARTMENT_SHEET + d for d in departments], reserved=(DATA_SHEET, "说明", OPTIONS_SHEET))
    _fill(sheet, rubric, [UNIT_COLUMN] + categories, main, units, lists)
    placed = [(DATA_SHEET, [UNIT_COLUMN] + categories + [n.fact.name for n in main])]
    for name, (department, wanted) in zip(names, departments.items()):
        _fill(book.sheet(name), rubric, [UNIT_COLUMN], wanted, units, lists)
        placed.append((name, [UNIT_COLUMN] + [n.fact.name for n in wanted]))
    notes = book.sheet("说明")
    _notes_sheet(notes, rubric, placed if departments else None, by, list(departments))
    from .reports import print_setup

    print_setup(notes, None)
    lists.finish()
    return book.bytes()


def _fill(sheet, rubric: m.Rubric, leading: list[str], wanted: list[Need], units: list[str], lists: "_Lists") -> None:
    """A data sheet: the two-row header over `leading` (单位, 单位类别) and the facts `wanted`, with comments,
    validation and formats on every row staff may type in, and a row for each named unit."""
    from .spreadsheet import cell

    by_name = {need.fact.name: need for need in wanted}
    columns = leading + [need.fact.name for need in wanted]
    first = HEADER_ROWS  # the first unit's row, from 0
    last = first + max(VALIDATED_ROWS, len(units)) - 1  # the last validated and formatted row, from 0
    _group_row(sheet, groups(rubric, columns))
    for index, column in enumerate(columns):
        sheet.put(first - 1, index, cell(column, HEADER_LOOK))
        need = by_name.get(column)
        sheet.comment(first - 1, index, describe(need) if need else _column_note(column, rubric))
        look = KIND_LOOKS.get(need.fact.kind) if need is not None and need.fact.per is None else TEXT_LOOK
        # The column style formats cells beyond the last row; every row staff may type in is formatted itself,
        # since a spreadsheet does not always give a typed cell its column's format.
        sheet.column(index, max(10, min(30, _width(column) + 2)), look)
        validation = _validation(column, need, rubric, lists, first + 1, last + 1)
        if validation is not None:
            sheet.validation(first, index, last, validation)
        for row in range(first, first + max(FORMATTED_ROWS, len(units))) if look is not None else ():
            sheet.put(row, index, None, look)
    for row, unit in enumerate(units, first):
        sheet.put(row, 0, unit, TEXT_LOOK)
    sheet.freeze(first, 1)
    # printed to hand out: A4 landscape, the two header rows and the unit names on every page; one page wide
    # only while that keeps the text readable (at most about half size)
    from .reports import print_setup

    width = sum(max(10, min(30, _width(column) + 2)) for column in columns)
    print_setup(sheet, (0, first - 1), (0, 0), one_page_wide=width <= PRINTABLE_WIDTH)


def _group_row(sheet, labels: list[str]) -> None:
    """The first header row: each run of columns read by the same top-level items under one merged cell."""
    from .spreadsheet import cell

    start = 0
    for index in range(1, len(labels) + 1):
        if index < len(labels) and labels[index] == labels[start]:
            continue
        label = labels[start]
        if label and index - 1 > start:
            sheet.merge(0, start, 0, index - 1, cell(label, GROUP_LOOK))
        elif label:
            sheet.put(0, start, cell(label, GROUP_LOOK))
        start = index


class _Lists:
    """The hidden sheet of drop-down lists, made when the first list needs it, kept last."""

    def __init__(self, book) -> None:
        self.book = book
        self.columns: list[list[str]] = []

    def add(self, options: list[str]) -> str:
        """The range holding `options`, as a validation source."""
        from .spreadsheet import xl_column

        self.columns.append(options)
        letter = xl_column(len(self.columns) - 1)
        return f"='{OPTIONS_SHEET}'!${letter}$1:${letter}${len(options)}"

    def finish(self) -> None:
        if not self.columns:
            return
        sheet = self.book.sheet(OPTIONS_SHEET)
        for column, options in enumerate(self.columns):
            for row, option in enumerate(options):
                sheet.put(row, column, option)
        sheet.hide()


def _column_note(column: str, rubric: m.Rubric) -> str:
    from .i18n import word

    if column == CATEGORY_KEY:
        return word("单位类别,应填之一:{categories}\n决定哪些指标适用于本单位", categories=listed(rubric.categories))
    return word("单位名称,每个单位一行,不能重复")


def _validation(column: str, need: Need | None, rubric: m.Rubric, lists: _Lists, first_row: int,
                last_row: int) -> dict | None:
    """XlsxWriter data-validation options for a column (rows first_row to last_row as Excel numbers them)."""
    from .i18n import word

    if need is None:
        if column == CATEGORY_KEY:
            return _choices(lists, list(rubric.categories), "单位类别",
                            word("应填之一:{categories}", categories=listed(rubric.categories)))
        unique = {"validate": "custom",  # the unit column, A
                  "value": f"COUNTIF($A${first_row}:$A${last_row},A{first_row})=1"}
        return _worded(unique, "单位", word("单位名称,不能重复"))
    fact = need.fact
    prompt = expected_words(need)
    if fact.per is not None:  # 「12、35、8」: text, judged when the facts are read (facts.per_values)
        return None
    if fact.kind == "bool":
        return _worded({"validate": "list", "source": ["是", "否"]}, fact.name, prompt)
    if fact.kind == "choice":
        return _choices(lists, list(fact.options), fact.name, prompt)
    if fact.kind in ("count", "days", "months", "rank"):
        low = 1 if fact.kind == "rank" else 0
        return _worded({"validate": "integer", "criteria": ">=", "value": low}, fact.name, prompt)
    if fact.kind == "percent":
        # A percent-formatted cell stores 95% as 0.95; a cell without the format stores 95, which factsio reads
        # as 95% by the convention. Both must pass: a 0–1 check would block the 95 typed into a plain cell.
        return _worded({"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100},
                       fact.name, word("0% 到 100% 之间的百分数,输入 95 或 95% 都是 95%"))
    if fact.kind == "ratio":
        return _worded({"validate": "decimal", "criteria": ">=", "value": 0}, fact.name, prompt)
    if fact.kind == "score":
        low = format_decimal(fact.low if fact.low is not None else Decimal(0))
        if fact.high is None:
            check = {"validate": "decimal", "criteria": ">=", "value": low}
        else:
            check = {"validate": "decimal", "criteria": "between", "minimum": low, "maximum": format_decimal(fact.high)}
        return _worded(check, fact.name, prompt)
    # lists and 视情 amounts: free text, checked on reading; the prompt only
    return {**_worded({"validate": "any"}, fact.name, prompt), "show_error": False}


def _choices(lists: _Lists, options: list[str], title: str, prompt: str) -> dict:
    """A drop-down list: written inline when Excel allows (≤255 characters, no commas or quotes), else from
    the hidden sheet."""
    inline = ",".join(options)
    if len(inline) <= 250 and all(option and not any(ch in option for ch in '",') for option in options):
        return _worded({"validate": "list", "source": options}, title, prompt)
    return _worded({"validate": "list", "source": lists.add(options)}, title, prompt)


def _worded(validation: dict, title: str, prompt: str) -> dict:
    """Prompt and error texts in the language chosen (spreadsheet.Sheet.validation cuts them to Excel's limits)."""
    from .i18n import word

    return {**validation, "ignore_blank": True, "input_title": title, "error_title": title,
            "input_message": prompt, "error_message": word("应填:{expected}", expected=prompt)}


def _notes_sheet(notes, rubric: m.Rubric, placed: list[tuple[str, list[str]]] | None = None, by: str | None = None,
                 departments: list[str] = ()) -> None:
    """The notes: what to fill in where, and one row per column (per sheet and column with department sheets)."""
    from . import __version__
    from .i18n import word
    from .spreadsheet import cell, xl_column

    notes.widths((6 if placed is None else 22, 28, 10, 6, 50, 30))
    notes.append([cell(word("细则「{title}」的事实填报表", title=rubric.title), {"bold": True, "font_size": 13})])
    notes.append([word("在「{sheet}」表中每个单位填一行。填好后运行:govrubric score 细则.rubric --facts 本文件 -o 报告.xlsx",
                       sheet=DATA_SHEET)])
    if placed is not None:
        notes.append([word("各部门的表(「{prefix}…」)列出{by}为该部门的指标用到的事实,由该部门填写:每个单位一行,"
                           "单位名称与「{sheet}」表写得相同。计分时各表按单位合并;同一事实在两张表中填得不同时报 GR416,"
                           "写明两处的位置。表名以「{prefix}」开头的表才会读入,请不要改表名。",
                           prefix=DEPARTMENT_SHEET, by=by, sheet=DATA_SHEET)])
        for (name, columns), department in zip(placed[1:], departments):
            notes.append([word("「{sheet}」:{by}为「{department}」,{count}个事实", sheet=name, by=by,
                               department=department, count=len(columns) - 1)])
    notes.append([word("百分比列已设为百分比格式(输入 95 即 95%);是否列填「是」或「否」;可空的事实可以不填。")])
    notes.append([word("由 govrubric {version} 生成;细则文件 {path},SHA-256 {sha}…", version=__version__, path=rubric.path,
                       sha=rubric.source_sha256[:16])])
    notes.append([])
    notes.append([cell(word(text), {"bold": True}) for text in ("列", "事实", "类型", "可空", "应填", "用于指标")])
    wrap = {"text_wrap": True, "valign": "top"}
    by_name = {need.fact.name: need for need in needs(rubric)}
    if placed is None:
        placed = [("", headers(rubric))]
    rows = []
    for name, columns in placed:
        for index, column in enumerate(columns):
            where = f"{name} {xl_column(index)}" if name else xl_column(index)
            need = by_name.get(column)
            if need is not None:
                rows.append([where, column, need.kind_words, word("是") if need.fact.optional else "",
                             expected_words(need), listed(need.items)])
            elif column == CATEGORY_KEY:
                rows.append([where, CATEGORY_KEY, word("类别"), "", word("之一:{categories}", categories=listed(
                    rubric.categories)), word("决定哪些指标适用")])
            elif not name or name == DATA_SHEET:
                rows.append([where, UNIT_COLUMN, word("名称"), "", word("单位名称,每个单位一行,不能重复"), ""])
    for fact in computed(rubric):
        rows.append(["", fact.name, word("计算得出"), "", word("不用填写:计分时{how}", how=fact.cohort.text), ""])
    for row in rows:
        notes.append(row[:4] + [cell(row[4], wrap), row[5]])


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
