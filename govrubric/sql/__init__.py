"""The SQL backend: a checked rubric compiled into one SQL query over a facts table (query.py), in the DuckDB
or Spark dialect (dialect.py), with the facts table's columns (columns.py); duck.py runs it in DuckDB.

The compiler is split by construct, as codegen/ is: typed expressions (algebra.py), the compiler's state and
inputs (base.py), conditions (conditions.py), clauses (rules.py), exact division (division.py), items
(items.py), the total and grade (total.py), values over the cohort (cohort.py), and what it refuses
(refusals.py); query.py puts them together into one query."""
from __future__ import annotations

from .columns import Unsupported
from .query import SqlQuery, compile_query

__all__ = ["compile_query", "SqlQuery", "Unsupported", "refusal"]


def refusal(err: Unsupported, rubric):
    """GR601 for a construct the SQL backend refuses, at its line when it has one."""
    from ..diagnostics import make
    from ..source import NO_SPAN

    span = err.span if err.span is not None else NO_SPAN
    return make("GR601", span, rubric.source if rubric is not None else None, detail=err.what)
