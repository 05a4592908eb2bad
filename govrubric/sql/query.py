"""Checked model → one SQL query over the facts table that returns every item's score, the total and the grade.

The query mirrors evaluate.py operation by operation, exactly: every number is a DECIMAL whose precision and
scale the compiler works out from the facts' column types (columns.py), so that no result is ever rounded;
the only roundings are those the rubric states (an average and 按比例折算 to two places, half up), done in
integer arithmetic. Division is never left to the engine: a ratio is compared by cross-multiplying, ⌊x ÷ c⌋
becomes an integer division. Whatever cannot be computed exactly this way is refused (Unsupported → GR601),
with the construct and its line; so is any rule, outcome or condition this compiler does not know, so that a
construct added to the language is refused here until it is taught, never mis-scored.

Values computed over the cohort are window functions (RANK for 排名, MIN/MAX, SUM ÷ COUNT for 平均). A value
over scores is computed from its source item scored with that value still empty, as cohort.py does; a unit
in its scope whose score would read the value itself stops the query (GR422, as cohort.py reports it).

The query is a chain of CTEs ("layers"): each computed value is a column of the first layer where every
column it reads exists, so nothing is computed twice and the text stays linear in the rubric.
"""
from __future__ import annotations

import re

import attrs

from .. import model as m
from .algebra import _WIDEN_PRODUCTS, TRUE, Num, case
from .cohort import CohortSql
from .columns import CATEGORY_COLUMN, UNIT_COLUMN, Column, Unsupported
from .conditions import ConditionSql
from .division import DivisionSql
from .items import ItemSql
from .rules import RuleSql
from .total import TotalSql


@attrs.frozen
class SqlQuery:
    """The compiled query and its contract: the columns it reads (from a relation named `table`) and returns."""

    sql: str
    dialect: str
    inputs: tuple[Column, ...]
    item_columns: tuple[str, ...]  # item paths, in rubric order
    cohort_columns: tuple[str, ...]  # values computed over the cohort, by fact name
    graded: bool
    table: str


class _Compiler(ItemSql, RuleSql, ConditionSql, DivisionSql, TotalSql, CohortSql):
    """The rubric as one query, built the way evaluate.py scores a unit: items from their clauses (items.py,
    rules.py, conditions.py, division.py), then the total and the grade (total.py), with values over the cohort
    as window functions (cohort.py)."""

    # ------------------------------------------------------------ the whole query
    def compile(self) -> SqlQuery:
        self.given()
        cohort_names = self.cohorts()
        scores: dict = {}
        for root in self.rubric.roots:
            self.node(root, TRUE, scores)
        total = self.total(scores)
        grade = self.grade(total)
        d = self.d
        outputs = [f"u_unit AS {d.ident(UNIT_COLUMN)}",
                   f"{self.category.sql} AS {d.ident(CATEGORY_COLUMN)}",
                   f"{total.sql} AS {d.ident('总分')}"]
        if grade is not None:
            outputs.append(f"{grade.sql} AS {d.ident('等次')}")
        paths = []
        for node in self.rubric.nodes():
            score, _, reach = scores[node.id]
            present = self.layers.num(case([(reach, score)], Num("NULL", score.bound, score.scale, 0, True)))
            outputs.append(f"{present.sql} AS {d.ident(node.path)}")
            paths.append(node.path)
        for name in cohort_names:
            outputs.append(f"{self.env[name].sql} AS {d.ident(name)}")
        order = "\nORDER BY u_order" if self.order_by is not None else ""
        layers = [(index, columns) for index, columns in enumerate(self.layers.layers[1:], 1) if columns]
        carried = _carried_columns(self.input_sql, [columns for _, columns in layers], outputs + [order])
        ctes = [f"l0 AS (\n  SELECT\n    " + ",\n    ".join(self.input_sql) + f"\n  FROM {self.table}\n)"]
        previous = "l0"
        for (index, columns), kept in zip(layers, carried):
            body = ",\n    ".join([", ".join(kept)] * bool(kept) + [
                ("" if note is None else f"-- {_comment(note)}\n    ") + f"{sql} AS {name}" for name, sql, note in columns])
            ctes.append(f"l{index} AS (\n  SELECT\n    {body}\n  FROM {previous}\n)")
            previous = f"l{index}"
        header = (f"-- govrubric: 细则「{_comment(self.rubric.title)}」编译为 SQL({self.dialect});"
                  f"事实表 {self.table}:每个单位一行,每个事实一列\n")
        sql = (header + "WITH\n" + ",\n".join(ctes) + "\nSELECT\n  " + ",\n  ".join(outputs) + f"\nFROM {previous}"
               + order + "\n")
        return SqlQuery(sql, self.dialect, tuple(self.inputs), tuple(paths), tuple(cohort_names), grade is not None,
                        self.table)


_COLUMN_NAME = re.compile(r"\b(?:[cf][0-9]+|u_unit|u_category|u_order)\b")


def _carried_columns(input_sql: list[str], layers: list[list], final: list[str]) -> list[list[str]]:
    """For each layer, the earlier columns it passes on: those a later layer or the final SELECT reads. Passing
    on every column (SELECT *) made each layer as wide as the whole rubric, and Spark's analyzer walks every
    layer once per layer (a 13-layer query took it half a minute); a name that only appears inside a text
    literal is passed on needlessly, never dropped wrongly."""
    defined = [sql.rsplit(" AS ", 1)[1] for sql in input_sql]
    available = []  # the columns each layer reads from (every column of the layers before it)
    for columns in layers:
        available.append(set(defined))
        defined.extend(name for name, _, _ in columns)
    needed = set(_COLUMN_NAME.findall(" ".join(final)))
    carried = []
    for depth in range(len(layers) - 1, -1, -1):
        carried.append(needed & available[depth])
        needed = (needed - {name for name, _, _ in layers[depth]}) | {
            name for _, sql, _ in layers[depth] for name in _COLUMN_NAME.findall(sql)}
    order = {name: position for position, name in enumerate(defined)}
    return [sorted(names, key=order.__getitem__) for names in carried[::-1]]


def _comment(text: str) -> str:
    from ..codegen import comment_text

    return comment_text(text)


def compile_query(rubric: m.Rubric, dialect: str = "duckdb", line_of=None, table: str = "facts",
                  order_by: str | None = None) -> SqlQuery:
    """The rubric's SQL query; raises Unsupported (with the construct and its span) for what cannot be exact."""
    _WIDEN_PRODUCTS[0] = dialect == "duckdb"
    for fact in rubric.facts.values():  # a list in one cell: one column per value is not how facts tables hold it
        if fact.per is not None:
            raise Unsupported(f"逐{fact.per}给出的事实「{fact.name}」(每{fact.per}一个数)"
                              if fact.per not in m.PERIODS else
                              f"按{fact.per}给出的事实「{fact.name}」(每{fact.per}一个数)", fact.span)
    return _Compiler(rubric, dialect, line_of, table, order_by).compile()
