"""Running the compiled query in DuckDB (embedded): facts in, scores out.

Tables of checked values (load_checked) serve tests and the units the fast loader leaves to Python;
loader.py reads whole facts files into DuckDB without passing each row through Python.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from .columns import CATEGORY_COLUMN, UNIT_COLUMN, Column, fits
from .dialect import DIALECTS
from .query import SqlQuery

D = DIALECTS["duckdb"]


def connect(threads: int | None = None):
    import duckdb

    con = duckdb.connect(":memory:")
    if threads is not None:
        con.execute(f"SET threads={int(threads)}")
    return con


def duckdb_error() -> type[Exception]:
    """DuckDB's base error class, imported only when DuckDB is used."""
    import duckdb

    return duckdb.Error


def create_facts_table(con, query: SqlQuery, name: str = "facts", order: bool = False) -> None:
    columns = [f"{D.ident(UNIT_COLUMN)} VARCHAR", f"{D.ident(CATEGORY_COLUMN)} VARCHAR"]
    if order:
        columns.append('"__row" BIGINT')
    columns += [f"{D.ident(c.fact)} {c.sql_type(D)}" for c in query.inputs]
    con.execute(f"CREATE OR REPLACE TABLE {name} ({', '.join(columns)})")


def cell(column: Column, value: Any) -> Any:
    """A checked value (facts.FactChecker) as the facts table holds it; 视情 amounts as their sum."""
    if value is None:
        return None
    if column.kind == "list":
        return [list(matter) for matter in value]
    if isinstance(value, tuple):  # 视情: the amounts given
        return sum(value, Decimal(0))
    return value


def load_checked(con, query: SqlQuery, units, name: str = "facts", row_numbers=None) -> list[str]:
    """Insert checked units — (name, category, values) — into the facts table (with their row numbers when it
    has a __row column); returns the names of units with a value the table cannot hold exactly (left out)."""
    rows, too_long = [], []
    for index, (unit, category, values) in enumerate(units):
        row = [unit, category] + ([row_numbers[index]] if row_numbers is not None else [])
        ok = True
        for column in query.inputs:
            value = cell(column, values.get(column.fact))
            if isinstance(value, Decimal) and not fits(column, value):
                ok = False
            row.append(value)
        if ok:
            rows.append(row)
        else:
            too_long.append(unit)
    if rows:
        _insert(con, query, name, rows, row_numbers is not None)
    return too_long


def _insert(con, query: SqlQuery, name: str, rows: list[list], numbered: bool) -> None:
    """Bulk insert through a temporary JSON-lines file (DuckDB's executemany takes ~25 ms a row with lists):
    numbers travel as their exact digits and are cast to the column's DECIMAL."""
    import json
    import os
    import tempfile

    kinds = ["VARCHAR", "VARCHAR"] + (["BIGINT"] if numbered else [])
    targets = [None, None] + ([None] if numbered else [])
    for column in query.inputs:
        kinds.append("BOOLEAN" if column.kind == "bool" else "VARCHAR[][]" if column.kind == "list" else "VARCHAR")
        targets.append(column.sql_type(D) if column.kind == "number" else None)
    keys = [f"k{i}" for i in range(len(kinds))]
    handle, path = tempfile.mkstemp(prefix="govrubric-", suffix=".jsonl")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({k: (str(v) if isinstance(v, Decimal) else v) for k, v in zip(keys, row)},
                                     ensure_ascii=False) + "\n")
        spec = "{" + ", ".join(f"{D.string(k)}: {D.string(t)}" for k, t in zip(keys, kinds)) + "}"
        values = ", ".join(k if t is None else f"CAST({k} AS {t})" for k, t in zip(keys, targets))
        con.execute(f"INSERT INTO {name} SELECT {values} FROM read_json({D.string(path)}, "
                    f"format='newline_delimited', columns={spec})")
    finally:
        os.unlink(path)


def run(con, query: SqlQuery) -> list[dict]:
    """The query's rows as dicts (numbers as Decimal)."""
    cursor = con.execute(query.sql)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
