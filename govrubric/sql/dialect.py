"""The SQL dialects the compiled query is written in: DuckDB and Spark SQL differ in how names are quoted,
how strings escape, how lambdas and errors are written, and in integer division; nothing else.

Every difference is one method here, so the compiler (query.py) writes one query for both.
"""
from __future__ import annotations


class Dialect:
    name = "duckdb"
    string_type = "VARCHAR"

    def ident(self, name: str) -> str:
        """A quoted identifier for a rubric name (a fact, an item's path): only ever a quoted name."""
        return '"' + name.replace('"', '""') + '"'

    def string(self, text: str) -> str:
        """A string literal: rubric text reaches the query only this way."""
        return "'" + text.replace("'", "''") + "'"

    def lam(self, param: str, body: str) -> str:
        return f"lambda {param}: {body}"

    def error(self, message: str) -> str:
        """An expression that stops the query with a message (GR422: a value that waits on itself)."""
        return f"error({self.string(message)})"

    def int_div(self, numerator: str, denominator: str) -> str:
        """⌊a ÷ b⌋ for integers a ≥ 0, b > 0 held in DECIMAL(p, 0): exact, never through a float."""
        return f"(CAST({numerator} AS HUGEINT) // CAST({denominator} AS HUGEINT))"

    def list_type(self) -> str:
        return "VARCHAR[][]"

    def list_length(self, value: str) -> str:
        return f"len({value})"

    def list_any_option(self, value: str, options: list[str]) -> str:
        """Whether any level of any matter of a 清单 value is one of the options."""
        array = "[" + ", ".join(self.string(o) for o in options) + "]"
        return f"list_has_any(flatten({value}), {array})"

    def list_best_sum(self, value: str, per_option: str, param: str, decimal_type: str, lowest: bool = False) -> str:
        """Σ over matters of the best amount among the matter's levels (per_option gives one level's amount or
        NULL when the level is not listed; lowest: the largest deduction); a matter with no listed level adds nothing."""
        best = f"list_{'min' if lowest else 'max'}(list_transform(m, {self.lam(param, per_option)}))"
        total = f"list_sum(list_transform({value}, {self.lam('m', f'coalesce({best}, 0)')}))"
        return f"coalesce(CAST({total} AS {decimal_type}), 0)"


class SparkDialect(Dialect):
    name = "spark"
    string_type = "STRING"

    def ident(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def string(self, text: str) -> str:
        # Spark reads backslash escapes inside literals: write every backslash and quote as an escape
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    def lam(self, param: str, body: str) -> str:
        return f"({param}) -> {body}" if "," in param else f"{param} -> {body}"

    def error(self, message: str) -> str:
        return f"raise_error({self.string(message)})"

    def int_div(self, numerator: str, denominator: str) -> str:
        # Spark's div returns a 64-bit integer, and its decimal division rounds the quotient (half up) to the
        # scale it chooses: take ⌊a ÷ b⌋ of that quotient, then step back once if rounding carried it up to the
        # next whole number (b × q > a). Operands are whole, a ≥ 0, b > 0.
        guess = f"FLOOR({numerator} / {denominator})"
        return f"({guess} - CASE WHEN {guess} * {denominator} > {numerator} THEN 1 ELSE 0 END)"

    def list_type(self) -> str:
        return "ARRAY<ARRAY<STRING>>"

    def list_length(self, value: str) -> str:
        return f"size({value})"

    def list_any_option(self, value: str, options: list[str]) -> str:
        array = "array(" + ", ".join(self.string(o) for o in options) + ")"
        return f"arrays_overlap(flatten({value}), {array})"

    def list_best_sum(self, value: str, per_option: str, param: str, decimal_type: str, lowest: bool = False) -> str:
        best = f"array_{'min' if lowest else 'max'}(filter(transform(m, {self.lam(param, per_option)}), {self.lam('x', 'x IS NOT NULL')}))"
        return (f"aggregate(transform({value}, {self.lam('m', f'coalesce({best}, CAST(0 AS {decimal_type}))')}), "
                f"CAST(0 AS {decimal_type}), {self.lam('acc, x', f'CAST(acc + x AS {decimal_type})')})")


DIALECTS = {"duckdb": Dialect(), "spark": SparkDialect()}
