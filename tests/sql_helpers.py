"""Scoring the same units with the Decimal scorer and with the compiled SQL query, in a form to compare."""
from __future__ import annotations

import govrubric
from govrubric.facts import FactChecker
from govrubric.sql import Unsupported, compile_query


def decimal_outcome(rubric: govrubric.Rubric, rows: list[dict]):
    """("scores", {unit: (scores by path and 总分, grade)}) or ("error", codes) from the Decimal scorer."""
    try:
        results = rubric.score_cohort(rows)
    except govrubric.GovrubricError as err:
        return "error", sorted({d.code for d in err.diagnostics})
    return "scores", {r.unit: (r.scores(), r.grade) for r in results}


def checked_units(rubric: govrubric.Rubric, rows: list[dict]):
    checker = FactChecker(rubric.model)
    units = []
    for row in rows:
        values, category, problems = checker.validate_unit(row, row["单位"])
        assert not problems, problems
        units.append((row["单位"], category, values))
    return units


def sql_scores(rows: list[dict], query) -> dict:
    """The query's rows as {unit: (scores by path and 总分, grade)}; an item not scored (under an item that does
    not apply) is left out, as the Decimal scorer's scores() leaves it out."""
    found = {}
    for row in rows:
        scores = {path: row[path] for path in query.item_columns if row[path] is not None}
        scores["总分"] = row["总分"]
        found[row["单位"]] = (scores, row.get("等次") if query.graded else None)
    return found


def duckdb_outcome(rubric: govrubric.Rubric, rows: list[dict]):
    """("scores", …) or ("error", codes) from DuckDB, or ("refused", diagnostic) when the query is refused."""
    import duckdb

    from govrubric.sql import duck, refusal

    try:
        query = compile_query(rubric.model, line_of=rubric.line_of)
    except Unsupported as err:
        return "refused", refusal(err, rubric)
    con = duck.connect(threads=1)
    try:
        duck.create_facts_table(con, query)
        too_long = duck.load_checked(con, query, checked_units(rubric, rows))
        assert not too_long
        try:
            return "scores", sql_scores(duck.run(con, query), query)
        except duckdb.Error as err:
            if "GR422" in str(err):
                return "error", ["GR422"]
            raise
    finally:
        con.close()
