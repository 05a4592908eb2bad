"""Results → report files (.xlsx, .csv, .json, .md) with the same exact numbers; the terminal is report.py's.

Every number is written as the rubric would print it (numerals.format_decimal): 0.3, never
0.30000000000000004. In XLSX a score is a number cell when it has at most 15 significant
digits: Excel shows 15 digits, and the file holds that Decimal's exact digits. A longer one
(only 按比例 readings produce them) is written as text holding every digit, since a number
cell would silently lose the tail. Cells are written by spreadsheet.py, the one place that
decides how a value becomes a cell (text never becomes a formula; see there).
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Callable, Iterable

import attrs

from . import model as m
from .diagnostics import MESSAGES, Diagnostic
from .i18n import word
from .numerals import format_decimal as fmt
from .report import grade_text, own_lines, ranked
from .result import NodeResult, Result
from .spreadsheet import Workbook, cell, csv_bytes, sheet_names
from .textsafe import markdown

FORMATS = (".xlsx", ".csv", ".json", ".md")
Progress = Callable[[list], Iterable]  # wraps a loop's items, e.g. to show a progress bar


@attrs.frozen
class Scored:
    """What a report shows: the results, whether they are ranked, and what could not be scored."""

    rubric: m.Rubric
    results: tuple[Result, ...]
    only: str | None = None  # --unit: show this unit, ranked among all
    not_scored: tuple[str, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    rank_by: str | None = None  # RANK_BY_CATEGORY: each category ranked among itself, the categories in turn
    read_as: tuple[Diagnostic, ...] = ()  # GR430: how values typed with words were read (「2次」 → 2)

    def readings_of(self, unit: str) -> list[str]:
        """How this unit's values typed with words were read, for its 备注: 「差错」「2次」读作 2."""
        template = word(MESSAGES["GR430"][1])  # 单位「{unit}」的{what}, in the language chosen
        prefix = template[:template.index("{what}")].format(unit=unit)
        return [d.message.removeprefix(prefix) for d in self.read_as if d.message.startswith(prefix)]

    def rows(self) -> list[tuple[int, Result]]:
        return [(rank, result) for rank, result in ranked_by(list(self.results), self.rubric, self.rank_by)
                if self.only is None or result.unit == self.only]

    @property
    def per_category(self) -> bool:
        return self.rank_by == RANK_BY_CATEGORY and bool(self.rubric.categories)

    @property
    def rank_heading(self) -> str:
        return word("类别内名次") if self.per_category else word("名次")

    @property
    def total_name(self) -> str:
        return word("总分") if self.rubric.total_name in (None, "", "总分") else self.rubric.total_name

    @property
    def graded(self) -> bool:
        """Whether the rubric gives grades: then every table has a 等次 column after the total."""
        return self.rubric.grades is not None

    def grade_column(self, result: Result) -> list[str]:
        return [grade_text(result)] if self.graded else []


RANK_BY_CATEGORY = "单位类别"


def ranked_by(results: list[Result], rubric: m.Rubric, rank_by: str | None) -> list[tuple[int, Result]]:
    """Ranks among all units, or (rank_by 单位类别) within each category, the categories in declared order."""
    if rank_by != RANK_BY_CATEGORY or not rubric.categories:
        return ranked(results)
    order = list(rubric.categories) + sorted({r.category or "" for r in results} - set(rubric.categories))
    found: list[tuple[int, Result]] = []
    for category in order:
        found += ranked([r for r in results if (r.category or "") == category])
    return found


def decimal_places(scored: "Scored") -> int:
    """How many decimals every score is shown with: the rubric's own (its points and amounts: 0.1 → 1, 0.05 →
    2), or more when a score needs them (按比例), so that a number format never rounds what is in the cell."""
    places = 0

    def note(value) -> None:
        nonlocal places
        if value is not None and value.is_finite():
            places = max(places, -min(0, value.normalize().as_tuple().exponent))

    for node in scored.rubric.nodes():
        note(node.points)
        for rule in node.rules:
            note(rule.cap)
            for outcome in m.outcomes_of(rule):
                for value in (outcome.amount, outcome.low, outcome.high, outcome.adjust):
                    note(value)
    for result in scored.results:
        note(result.total)
        for node in result.nodes():
            note(node.score)
    return min(places, 10)


def score_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def notes_of(result: Result, rubric: m.Rubric) -> str:
    """What changed the unit's score beyond its clauses: vetoes, limits that cut an item or a clause, the total's
    rules that changed it, and the grade rule that gave the grade (the 备注 column of the summary)."""
    from ._runtime import _say

    # the lines are in the language they were scored in: their fixed beginnings too (the templates, unfilled)
    bounded = _say("得分限于[{low}, {high}]:{before} → {after}").split("[", 1)[0]
    graded = _say("等次:{why} → {grade}").split("{", 1)[0]
    found = []
    for node in result.nodes():
        if node.vetoed:
            found.append(word("{path} 否决", path=node.path))
        for line in node.lines:
            if line.text.startswith(bounded) or _CAPPED.search(line.text):
                found.append(f"{node.path} {line.text}")
    final_spans = {tier.span for tier in rubric.final.tiers} if rubric.final is not None else set()
    for line in result.total_lines:
        if line.span in final_spans and " → " in line.text:
            before, after = line.text.rsplit(" → ", 1)
            if before.rsplit(":", 1)[-1].strip() != after:
                found.append(word("总分规则:{rule}", rule=line.text))
        elif line.text.startswith(graded) and " → " in line.text:
            found.append(line.text)
    return word(";").join(found)


_CAPPED = re.compile(r": ?[+−]\S+ → [+−]?\S+$")


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
    """One row per unit: rank, unit, category, every item's score in tree order, the total (and the 等次).
    Text fields are neutralised against formulas (spreadsheet.csv_text); scores stay numbers."""
    rows = scored.rows()
    nodes = list(rows[0][1].nodes()) if rows else []
    has_category = bool(scored.rubric.categories)
    header = [scored.rank_heading, word("单位")] + ([word("单位类别")] if has_category else []) \
        + [_section_header(n) for n in nodes] + [scored.total_name] + ([word("等次")] if scored.graded else [])
    return csv_bytes([header] + [[rank, result.unit] + ([result.category or ""] if has_category else [])
                                 + [n.score for n in result.nodes()] + [result.total] + scored.grade_column(result)
                                 for rank, result in rows])


def json_report(scored: Scored) -> bytes:
    rubric = scored.rubric
    data = {
        "rubric": {"title": rubric.title, "path": rubric.path, "sha256": rubric.source_sha256},
        "total_name": scored.total_name,
        "units": [{"rank": rank, **result.to_json()} for rank, result in scored.rows()],
        "not_scored": list(scored.not_scored),
        "problems": [diag.to_json() for diag in scored.problems],
        "read_as": [diag.to_json() for diag in scored.read_as],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ------------------------------------------------------------------ Markdown
def markdown_report(scored: Scored) -> bytes:
    rows = scored.rows()
    roots = rows[0][1].roots if rows else ()
    has_category = bool(scored.rubric.categories)
    header = [scored.rank_heading, word("单位")] + ([word("单位类别")] if has_category else []) \
        + [_section_header(r, 12) for r in roots] + [scored.total_name] + ([word("等次")] if scored.graded else [])
    numeric = [True] + [False] * (2 if has_category else 1) + [True] * (len(roots) + 1) + [False] * scored.graded
    lines = [f"# {_md(scored.rubric.title)}" + word(":计分结果"), "", _md_row(header),
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
        lines += ["", "## " + word("未计分的单位"), "", "、".join(_md(n) for n in scored.not_scored), ""]
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
    return markdown(text)


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


# ------------------------------------------------------------------ XLSX
# The report's looks, as XlsxWriter format properties (spreadsheet.py writes every cell).
LOOKS = {
    "title": {"bold": True, "font_size": 13},
    "header": {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "pattern": 1},
    "bold": {"bold": True},
    "grey": {"font_color": "#808080"},
    "red": {"bold": True, "font_color": "#C00000"},
    "link": {"font_color": "#0563C1", "underline": 1},
    "wrap": {"text_wrap": True, "valign": "top"},
}


def _indented(depth: int, grey: bool) -> dict:
    return {"indent": depth, "text_wrap": True, "valign": "top", **(LOOKS["grey"] if grey else {})}


def xlsx_report(scored: Scored, progress: Progress | None = None) -> bytes:
    """A summary sheet (rank, unit, sections, total, 备注) and one sheet per unit with its explained tree; every
    score shown with the rubric's decimals, headers frozen, every sheet set up to print on A4 landscape, one page
    wide, its header rows repeated.

    Built in memory (spreadsheet.Workbook): no temporary file and no open file per unit sheet."""
    book = Workbook()
    rows = scored.rows()
    summary, not_scored = word("汇总"), word("未计分")
    names = sheet_names([result.unit for _, result in rows], reserved={summary, not_scored})
    number = {"num_format": score_format(decimal_places(scored))}
    _summary_sheet(book.sheet(summary), scored, rows, names, number)
    for (rank, result), sheet_name in (progress or _same)(list(zip(rows, names))):
        _unit_sheet(book.sheet(sheet_name), rank, result, scored, number)
    if scored.not_scored:
        _not_scored_sheet(book.sheet(not_scored), scored)
    return book.bytes()


def print_setup(sheet, title_rows: tuple[int, int] | None, title_columns: tuple[int, int] | None = None,
                one_page_wide: bool = True) -> None:
    """A4 landscape, one page wide (as many pages long as it takes), these rows on every printed page; a sheet
    too wide to shrink onto one page (a fill-in template of a hundred facts) prints across pages instead, with
    title_columns (the unit names) on each."""
    raw = sheet.raw
    raw.set_paper(9)
    raw.set_landscape()
    if one_page_wide:
        raw.fit_to_pages(1, 0)
    raw.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    raw.set_footer(word("&C第 &P 页,共 &N 页"))
    if title_rows is not None:
        raw.repeat_rows(*title_rows)
    if title_columns is not None:
        raw.repeat_columns(*title_columns)


def text_width(text: str) -> int:
    """Columns a text takes in Excel: a Chinese character counts two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fit(texts: list[str], low: int, high: int) -> float:
    return max(low, min(high, max((text_width(t) for t in texts), default=0) + 2))


def _summary_sheet(sheet, scored: Scored, rows, names: list[str], number: dict) -> None:
    roots = rows[0][1].roots if rows else ()
    has_category = bool(scored.rubric.categories)
    header = [scored.rank_heading, word("单位")] + ([word("单位类别")] if has_category else []) \
        + [_section_header(r) for r in roots] + [scored.total_name] + ([word("等次")] if scored.graded else []) \
        + [word("备注")]
    notes = [";".join(filter(None, [notes_of(result, scored.rubric)] + scored.readings_of(result.unit)))
             for _, result in rows]
    units = [result.unit for _, result in rows]
    widths = [8, _fit(units + [header[1]], 10, 30)] + ([_fit(list(scored.rubric.categories), 8, 16)] if has_category else [])
    widths += [_fit([_section_header(r)], 8, 14) for r in roots] + [10] + ([8] if scored.graded else [])
    widths.append(_fit(notes, 10, 60))
    sheet.widths(widths)
    sheet.freeze(2, 2)
    print_setup(sheet, (0, 1))
    sheet.append([cell(scored.rubric.title + word(":计分结果"), LOOKS["title"])])
    sheet.append([cell(text, LOOKS["header"]) for text in header])
    for (rank, result), sheet_name, note in zip(rows, names, notes):
        sheet.append([rank, cell(result.unit, LOOKS["link"], link=sheet_name)]
                     + ([result.category] if has_category else [])
                     + [cell(r.score, number) for r in result.roots]
                     + [cell(result.total, {**LOOKS["bold"], **number})] + scored.grade_column(result)
                     + [cell(note, LOOKS["wrap"])])


def _unit_sheet(sheet, rank: int, result: Result, scored: Scored, number: dict) -> None:
    sheet.widths((16, 40, 8, 8, 70, 8, 8))
    facts = [(word("单位"), result.unit)] + ([(word("单位类别"), result.category)] if result.category is not None else []) \
        + [(scored.rank_heading, rank), (scored.total_name, cell(result.total, number))] \
        + ([(word("等次"), grade_text(result))] if scored.graded else [])
    for label, value in facts:
        sheet.append([cell(label, LOOKS["bold"]), value])
    for line in result.total_lines:
        _line(sheet, line, number)
    sheet.append([])
    header = sheet.append([cell(word(text), LOOKS["header"]) for text in ("编号", "指标", "分值", "得分", "说明", "增减",
                                                                          "细则行")])
    sheet.freeze(header + 1, 0)
    print_setup(sheet, (header, header))
    for root in result.roots:
        _unit_node(sheet, root, 0, number)


def _unit_node(sheet, node: NodeResult, depth: int, number: dict) -> None:
    state = word("不适用") if not node.applicable else (word("否决") if node.vetoed else "")
    plain = LOOKS["grey"] if not node.applicable else None
    score_look = LOOKS["grey"] if not node.applicable else (LOOKS["red"] if node.vetoed else LOOKS["bold"])
    sheet.append([cell(node.path, plain), cell(node.title or "", _indented(depth, not node.applicable)),
                  cell(node.points, {**(plain or {}), **number}), cell(node.score, {**score_look, **number}),
                  cell(state, plain)])
    for line in own_lines(node):
        _line(sheet, line, number)
    for child in node.children:
        _unit_node(sheet, child, depth + 1, number)


def _line(sheet, line, number: dict) -> None:
    sheet.append([None, None, None, None, cell(line.text, LOOKS["wrap"]), cell(line.amount, number), line.line])


def _not_scored_sheet(sheet, scored: Scored) -> None:
    sheet.widths((28, 8, 70, 40))
    sheet.freeze(2, 0)
    print_setup(sheet, (1, 1))
    sheet.append([word("以下单位的事实有问题,未计分:") + "、".join(scored.not_scored)])
    sheet.append([cell(word(text), LOOKS["header"]) for text in ("位置", "代码", "问题", "帮助")])
    for diag in scored.problems:
        sheet.append([diag.where or "", diag.code, cell(diag.message, LOOKS["wrap"]), diag.help or ""])
