"""The SQL compiler's state and inputs: the layers (CTEs) computed columns go into, the facts table's columns,
and the values read so far."""
from __future__ import annotations

from .. import model as m
from .algebra import Cond, Num, Val
from .columns import CATEGORY_COLUMN, UNIT_COLUMN, Column, column_of
from .dialect import DIALECTS


class _Layers:
    """Computed columns, each in the first layer (CTE) where everything it reads exists."""

    def __init__(self) -> None:
        self.layers: list[list[tuple[str, str, str | None]]] = [[]]
        self.count = 0

    def _add(self, sql: str, level: int, note: str | None = None) -> tuple[str, int]:
        self.count += 1
        name = f"c{self.count}"
        while len(self.layers) <= level + 1:
            self.layers.append([])
        self.layers[level + 1].append((name, sql, note))
        return name, level + 1

    def num(self, value: Num, note: str | None = None) -> Num:
        """The value as a column (note: a comment saying where in the rubric it comes from)."""
        if value.sql.startswith("c") and value.sql[1:].isdigit() or value.level == 0 and " " not in value.sql:
            return value
        name, level = self._add(value.sql, value.level, note)
        return Num(name, value.bound, value.scale, level, value.nullable)

    def cond(self, value: Cond) -> Cond:
        if value.sql in ("TRUE", "FALSE") or value.sql.startswith("c") and value.sql[1:].isdigit():
            return value
        name, level = self._add(value.sql, value.level)
        return Cond(name, level)

    def val(self, value: Val) -> Val:
        name, level = self._add(value.sql, value.level)
        return Val(name, level, value.nullable)


class _Waiting:
    """A value over scores not computed yet: it reads as empty, and reading it is recorded (cohort.py's taint)."""


WAITING = _Waiting()


class SqlBase:
    """The compiler's state: the facts it reads, the layers its columns go into, the values computed so far."""

    def __init__(self, rubric: m.Rubric, dialect: str, line_of, table: str, order_by: str | None) -> None:
        self.rubric = rubric
        self.d = DIALECTS[dialect]
        self.dialect = dialect
        self.line_of = line_of or (lambda span: None)
        self.table = table
        self.order_by = order_by
        self.layers = _Layers()
        self.passed: dict[int, Num] = {}  # 加分带入上级: what an item passes up past its parent's limits, by node id
        self.inputs: list[Column] = []
        self.env: dict = {}
        self.reads: list[Cond] = []
        self.input_sql: list[str] = []
        self.unit = Val("u_unit", 0, False)
        self.category = Val("u_category", 0, True) if rubric.categories else Val("NULL", 0, True)
        self.input_sql.append(f"CAST({self.d.ident(UNIT_COLUMN)} AS {self.d.string_type}) AS u_unit")
        if rubric.categories:
            self.input_sql.append(f"CAST({self.d.ident(CATEGORY_COLUMN)} AS {self.d.string_type}) AS u_category")
        if order_by is not None:
            self.input_sql.append(f"{self.d.ident(order_by)} AS u_order")

    # ------------------------------------------------------------ inputs and values
    def given(self) -> None:
        for index, fact in enumerate(f for f in self.rubric.facts.values() if f.cohort is None):
            column = column_of(fact)
            self.inputs.append(column)
            name = f"f{index + 1}"
            self.input_sql.append(f"CAST({self.d.ident(fact.name)} AS {column.sql_type(self.d)}) AS {name}")
            if column.kind == "number":
                self.env[fact.name] = Num(name, column.bound, column.scale, 0, fact.optional)
            elif column.kind == "bool":
                self.env[fact.name] = Val(name, 0, fact.optional)
            else:
                self.env[fact.name] = Val(name, 0, fact.optional)

    def read(self, name: str, reach: Cond):
        value = self.env[name]
        if value is WAITING:
            self.reads.append(reach)
            return None
        return value

    def where(self, span, text: str) -> str:
        line = self.line_of(span)
        return text if line is None else f"第{line}行 {text}"

    def fact(self, name: str) -> m.Fact:
        return self.rubric.facts[name]
