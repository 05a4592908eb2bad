"""A facts table → the units ready to score, and every problem in the file, each reported once.

Problems with a whole column (missing, unknown, written twice) are reported once for the file,
not once per unit, and stop every unit from being scored: a wrong column could change anyone's
score. Problems with one unit's row stop only that unit.
"""
from __future__ import annotations

from typing import Any

import attrs

from . import model as m
from .diagnostics import Diagnostic, closest, make
from .facts import CATEGORY_KEY, UNIT_KEYS, FactChecker, unit_name
from .factsio import Row, Table
from .textsafe import invisible, terminal_value, visible
from .i18n import built

# Columns staff keep beside the facts; they never affect a score.
NOTE_COLUMNS = ("序号", "备注")


@attrs.frozen
class Unit:
    name: str
    category: str | None
    values: dict[str, Any]
    row: Row


@attrs.frozen
class Batch:
    units: tuple[Unit, ...]  # valid, in file order
    rejected: tuple[str, ...]  # units (or rows without a name) that cannot be scored, in file order
    problems: tuple[Diagnostic, ...]  # file-level first, then row by row
    read_as: tuple[Diagnostic, ...] = ()  # GR430 hints: values read from words around a number (「2次」 → 2)


def check_table(table: Table, rubric: m.Rubric, only: str | None = None) -> Batch:
    """Every row checked; `only` (--unit) must name a unit, but all are checked, since a unit's rank
    and values computed over the cohort (排名, 平均 …) depend on every other unit."""
    checker = FactChecker(rubric)
    file_problems, reported = _column_problems(table, rubric, checker)
    named, row_problems = _named_rows(table)
    if not named:  # a JSON file has no columns but its units' keys: with no unit, nothing is missing
        file_problems = (file_problems if table.tabular else []) + [_no_units(table)]
    if only is not None and only not in (name for name, _ in named):
        hint = closest(only, [name for name, _ in named])
        file_problems.append(make("GR405", unit=only, hint=built(",是不是「{hint}」?", hint=hint) if hint else ""))
    units: list[Unit] = []
    rejected: list[str] = []
    problems = list(file_problems)
    read_as: list[Diagnostic] = []
    for name, row in named:
        values, category, found = checker.validate_unit(
            _without_notes(row.values), name, locate=lambda key, row=row: table.where(row, key), reported=reported,
            read_as=read_as)
        # pop: a repeated name's problem is reported once; row.problems: values two sheets disagree on (GR416)
        found = row_problems.pop(name, []) + list(row.problems) + found
        problems += found
        if not (found or file_problems or name in rejected):
            units.append(Unit(name, category, values, row))
        elif name not in rejected:
            rejected.append(name)
    return Batch(tuple(units), tuple(rejected), tuple(problems), tuple(read_as))


def _no_units(table: Table) -> Diagnostic:
    detail = "表头下面没有填写任何单位的行" if table.tabular else "单位列表是空的"
    return make("GR414", detail=detail, where=table.path, help="每个单位填一行(JSON:单位列表中每个单位一组事实)")


def _column_problems(table: Table, rubric: m.Rubric, checker: FactChecker,
                     categories: set[str] | None = None) -> tuple[list[Diagnostic], set[str]]:
    """Missing, unknown and repeated columns; and the names already reported for the whole file.

    categories: the 单位类别 the file's units give, when table holds only the header (the SQL loader reads the
    rows itself); a column only some categories need is missing exactly when one of them is there."""
    problems: list[Diagnostic] = []
    reported: set[str] = set()
    columns = set(table.columns)
    for name, count in table.repeated.items():
        problems.append(make("GR413", column=name, count=count, where=table.path))
    if not any(key in columns for key in UNIT_KEYS) and table.tabular:
        problems.append(make("GR409", column=UNIT_KEYS[0], expected="每个单位的名称", where=table.path,
                             help="表头(第一行)中应有一列名为「单位」"))
    if rubric.categories and CATEGORY_KEY not in columns:
        problems.append(make("GR409", column=CATEGORY_KEY, expected="之一:" + "、".join(rubric.categories),
                             where=table.path))
        reported.add(CATEGORY_KEY)
    if categories is None:
        categories = {str(row.values.get(CATEGORY_KEY) or "").strip() for row in table.rows}
    for name, fact in rubric.facts.items():
        if name in columns or fact.optional or fact.cohort is not None:
            continue
        if not any(checker.needed(name, category) for category in categories):
            continue  # read only by items that apply to none of these units (适用): a 街道 file need not have it
        needing = checker.needed_by.get(name)
        problems.append(make("GR409", column=name, expected=checker.expected(fact), where=table.path,
                             help=None if needing is None else
                             built("只有{x}类单位要填这一列", x='、'.join(sorted(needing, key=rubric.categories.index)))))
        reported.add(name)
    known = set(rubric.facts) | set(UNIT_KEYS) | {CATEGORY_KEY} | set(NOTE_COLUMNS)
    missing = [name for name in rubric.facts if name not in columns]
    for column in table.columns if table.tabular else ():  # a JSON unit's unknown key is that unit's problem
        if column in known:
            continue
        # A typo usually stands where a missing column should be: suggest among those first.
        hint = closest(column, missing) or closest(column, rubric.facts)
        help = None if hint else f"不计分的列请命名为{'或'.join(NOTE_COLUMNS)}"
        hidden = invisible(column)
        if hidden:  # 「次数\u200b」 looks like 「次数」: say why they differ
            help = f"列名中有看不见的字符:{'、'.join(hidden)};删去后是「{visible(column)}」"
        problems.append(make("GR410", column=terminal_value(column) if hidden else column,
                             hint=built(",是不是「{hint}」?",
                                        hint=hint) if hint else "", where=table.where(None, column), help=help))
        reported.add(column)
    return problems, reported


def _named_rows(table: Table) -> tuple[list[tuple[str, Row]], dict[str, list[Diagnostic]]]:
    """(name, row) in file order, with problems of naming: rows without a name, names used twice."""
    problems: dict[str, list[Diagnostic]] = {}
    named: list[tuple[str, Row]] = []
    rows_of: dict[str, list[Row]] = {}
    unit_column = next((key for key in UNIT_KEYS if key in table.columns), UNIT_KEYS[0])
    for row in table.rows:
        if all(value is None for key, value in row.values.items() if key not in NOTE_COLUMNS):
            continue  # a numbered but unused row of a template
        name = unit_name(row.values)
        if name is None:
            name = table.where(row).removeprefix(table.path + " ")
            problems[name] = [make("GR412", where=table.where(row, unit_column))]
        rows_of.setdefault(name, []).append(row)
        named.append((name, row))
    for name, rows in rows_of.items():
        if len(rows) > 1:
            places = "、".join(table.where(r).removeprefix(table.path + " ") for r in rows)
            problems.setdefault(name, []).append(make("GR404", unit=name, where=f"{table.path} {places}",
                                                      help="每个单位只能占一行;请删去或合并重复的行"))
    return named, problems


def _without_notes(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key not in NOTE_COLUMNS}


def score_units(rubric, units: tuple[Unit, ...], progress=None) -> tuple[list, list[Diagnostic]]:
    """Every unit's result (rubric: a loaded govrubric.Rubric), or the problems that stop the scoring.

    A rubric with values computed over the units scored together (排名, 最低, 平均 …) is scored as
    a cohort (cohort.py); otherwise each unit on its own, `progress` wrapping the loop (a progress bar)."""
    from .cohort import Unit as Member, cohort_facts, score_cohort
    from .evaluate import score_unit

    if cohort_facts(rubric.model):
        members = [Member(unit.name, unit.category, unit.values) for unit in units]
        return score_cohort(rubric.model, members, rubric.line_of)
    return [score_unit(rubric.model, unit.values, unit.name, unit.category, rubric.line_of)
            for unit in (progress or list)(list(units))], []
