"""A facts file → DuckDB's facts table, checked without passing each row through Python; then the scores file.

Every cell is read as text and converted in SQL only when it has one of the plain forms whose meaning is
certain (「93.5%」, 「12」, 「是」, an option's name, 「中央级;省部级+市级」); any other row goes to
facts.FactChecker, the one judge of facts, which either accepts it (「９５％」, 「1,000」, a JSON list …) or words
its problems exactly as `govrubric score` does. So the SQL conversions only ever have to agree with the checker
on the plain forms, and a row is never scored on a reading the checker would not give.

    summary = score_file(rubric, "数据.csv", "得分.parquet")
"""
from __future__ import annotations

import os
import re
import tempfile
from decimal import Decimal
from typing import Callable

import attrs

from .. import model as m
from ..batch import NOTE_COLUMNS, _column_problems
from ..cohort import Unit as Member, given_cohort_values
from ..diagnostics import Diagnostic, make
from ..facts import _FALSE, _TRUE, CATEGORY_KEY, UNIT_KEYS, FactChecker, discretionary_ranges, ratio_denominators
from ..factsio import Table
from ..numerals import format_decimal
from ..spreadsheet import csv_text
from . import duck
from .columns import CATEGORY_COLUMN, DECIMAL_PLACES, UNIT_COLUMN, WHOLE_DIGITS, Column, fits
from .query import SqlQuery, compile_query

D = duck.D
OUTPUTS = (".csv", ".parquet", ".xlsx")
_BLANK = r"[\s\p{Z}]"  # what Python's str.strip removes and DuckDB's trim may not


@attrs.define
class Summary:
    scored: int = 0
    rejected: int = 0
    problems: list = attrs.Factory(list)
    written: bool = False
    query: SqlQuery | None = None
    explained: list = attrs.Factory(list)  # result.Result of the units asked for, scored again by the Decimal path


# ------------------------------------------------------------------ plain forms, converted in SQL
def _plain(fact: m.Fact, column: Column, cell: str, ranges: dict, denominators: set) -> tuple[str, str]:
    """(value, whether the cell has a plain form) for one fact, from the cell's trimmed text."""
    t = cell
    kind = fact.kind
    number = f"[0-9]{{1,{WHOLE_DIGITS}}}(\\.[0-9]{{1,{DECIMAL_PLACES}}})?"
    if kind == "bool":
        trues = ", ".join(D.string(v) for v in sorted(_TRUE))
        falses = ", ".join(D.string(v) for v in sorted(_FALSE))
        return (f"CASE WHEN {t} IN ({trues}) THEN TRUE WHEN {t} IN ({falses}) THEN FALSE END",
                f"({t} IN ({trues}) OR {t} IN ({falses}))")
    if kind == "choice":
        options = ", ".join(D.string(o) for o in fact.options)
        return t, f"({t} IN ({options}))"
    if kind == "list":
        options = "[" + ", ".join(D.string(o) for o in fact.options) + "]"
        parts = f"list_filter(regexp_split_to_array({t}, '[;；、,，]'), lambda p: p <> '')"
        matters = f"list_transform({parts}, lambda p: string_split(p, '+'))"
        # or JSON in its nested form, 「[["中央级"], ["省部级", "市级"]]」 (a bare name among the matters: Python)
        nested = f"TRY_CAST(TRY_CAST({t} AS JSON) AS VARCHAR[][])"
        value = (f"CASE WHEN {t} IN ('无', '0') THEN []::VARCHAR[][] WHEN starts_with({t}, '[') THEN {nested} "
                 f"ELSE {matters} END")

        def every(lists: str) -> str:
            return f"coalesce(list_bool_and(list_transform(flatten({lists}), lambda o: list_contains({options}, o))), TRUE)"

        spaced = f"regexp_matches({t}, '(^|[;；、,，+]){_BLANK}|{_BLANK}($|[;；、,，+])')"
        filled = f"coalesce(list_bool_and(list_transform({nested}, lambda m: len(m) > 0)), TRUE)"
        return value, (f"({t} IN ('无', '0') OR (NOT starts_with({t}, '[') AND NOT {spaced} "
                       f"AND len({matters}) > 0 AND {every(matters)}) "
                       f"OR (starts_with({t}, '[') AND {nested} IS NOT NULL AND {filled} AND {every(nested)} "
                       f"AND NOT regexp_matches({t}, '(^|[\\[,]) *(true|false|null) *($|[\\],])')))")
    if kind in ("count", "days", "months", "rank"):
        value = f"TRY_CAST({t} AS {column.sql_type(D)})"
        ok = f"regexp_full_match({t}, '[0-9]{{1,{WHOLE_DIGITS}}}')"
        if kind == "rank":
            ok += f" AND {value} >= 1"
        if fact.name in denominators:
            ok += f" AND {value} <> 0"
        return value, f"({ok})"
    if kind == "percent":
        body = f"regexp_replace({t}, '%$', '')"
        value = f"TRY_CAST({body} AS {column.sql_type(D)})"
        shape = f"regexp_full_match({t}, '[0-9]{{1,3}}(\\.[0-9]{{1,{DECIMAL_PLACES}}})?%?')"
        nonzero = f" AND {value} <> 0" if fact.name in denominators else ""  # a divisor of 0 is GR408
        return value, (f"({shape} AND {value} <= 100 AND (ends_with({t}, '%') OR {value} = 0 OR {value} >= 1)"
                       f"{nonzero})")
    if kind in ("ratio", "quantity"):  # a 计量值 with its unit (「1200平方米」) is not plain: the checker reads it
        value = f"TRY_CAST({t} AS {column.sql_type(D)})"
        ok = f"regexp_full_match({t}, '{number}')"
        if fact.name in denominators:
            ok += f" AND {value} <> 0"
        return value, f"({ok})"
    if kind == "score":
        value = f"TRY_CAST({t} AS {column.sql_type(D)})"
        low = fact.low if fact.low is not None else Decimal(0)
        ok = f"regexp_full_match({t}, '-?{number}') AND {value} >= {format(low, 'f')}"
        if fact.high is not None:
            ok += f" AND {value} <= {format(fact.high, 'f')}"
        return value, f"({ok})"
    if kind == "discretionary":  # one amount, or a JSON list of amounts (「[1, 2.5]」): the column holds the sum
        decimal = column.sql_type(D)
        amounts = f"TRY_CAST({t} AS {decimal}[])"
        value = (f"CASE WHEN {t} = '无' THEN 0 WHEN starts_with({t}, '[') THEN coalesce(list_sum({amounts}), 0) "
                 f"ELSE TRY_CAST({t} AS {decimal}) END")
        low, high = ranges.get(fact.name, (None, None))

        def within(x: str) -> str:
            bounds = [f"{x} >= {format(low, 'f')}"] if low is not None else []
            bounds += [f"{x} <= {format(high, 'f')}"] if high is not None else []
            return f"({x} = 0 OR ({' AND '.join(bounds) or 'TRUE'}))"

        quoted = f'({number}|"{number}")'  # JSON numbers, or numbers in quotes (the checker reads both)
        listed = f"\\[ *({quoted}( *, *{quoted})*)? *\\]"
        each = f"coalesce(list_bool_and(list_transform({amounts}, lambda a: {within('a')})), TRUE)"
        single = f"TRY_CAST({t} AS {decimal})"
        return value, (f"({t} = '无' OR (regexp_full_match({t}, '{number}') AND {within(single)}) "
                       f"OR (regexp_full_match({t}, '{listed}') AND {amounts} IS NOT NULL AND {each}))")
    raise AssertionError(kind)


def _typed(fact: m.Fact, cell: str, denominators: set) -> tuple[str, str] | None:
    """(value, whether it is plain) for a column already of its fact's facts-table type (columns.column_of), with
    no text: what _plain gives for the text _as_text makes of the value, which always has a plain shape (the type
    bounds its digits and decimals) save for the sign. None for the kinds read only as text."""
    kind = fact.kind
    if kind == "bool":  # 'true' and 'false' are both plain
        return cell, "TRUE"
    if kind in ("count", "days", "months", "rank"):
        ok = f"{cell} >= {1 if kind == 'rank' else 0}"
    elif kind == "percent":  # 「93.5000000000%」: a shape of three digits at most, and at most 100
        ok = f"{cell} >= 0 AND {cell} <= 100"
    elif kind in ("ratio", "quantity"):
        ok = f"{cell} >= 0"
    elif kind == "score":
        low = fact.low if fact.low is not None else Decimal(0)
        ok = f"{cell} >= {format(low, 'f')}" + (f" AND {cell} <= {format(fact.high, 'f')}" if fact.high is not None else "")
    else:
        return None
    if fact.name in denominators:
        ok += f" AND {cell} <> 0"
    return cell, f"({ok})"


# ------------------------------------------------------------------ reading a file
def _read_source(path: str) -> str | None:
    """The DuckDB table function that reads the file as text, or None when only Python can read it."""
    lower = path.lower()
    quoted = D.string(path)
    if lower.endswith(".parquet"):
        return f"read_parquet({quoted})"
    if lower.endswith(".csv"):
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as err:
            if err.start < len(head) - 4:  # not a character cut at the end of the sample: GBK, UTF-16 …
                return None
        return f"read_csv({quoted}, all_varchar=true, header=true, auto_detect=true)"
    return None


def _header(con, source: str, path: str) -> tuple[Table, list[str], dict[str, str]]:
    described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    columns = [c[0] for c in described]
    return Table(path, (), tuple(columns), {}, {}, tabular=True), columns, {c[0]: c[1] for c in described}


def _as_text(column: str, sql_type: str, fact: m.Fact | None, cell: str | None = None) -> str:
    """A typed (Parquet) column as the text a facts file would hold: a percentage column holds 93 for 93%, a
    list column JSON; the checker then reads it as it reads a CSV cell. cell: the expression for the column's
    value (its quoted name when None)."""
    cell = D.ident(column) if cell is None else cell
    if sql_type == "VARCHAR":
        return cell
    if sql_type.endswith("[]"):
        return f"CAST(to_json({cell}) AS VARCHAR)"
    if fact is not None and fact.kind == "percent" and sql_type != "BOOLEAN":
        return f"CAST({cell} AS VARCHAR) || '%'"
    return f"CAST({cell} AS VARCHAR)"


def score_file(rubric, facts_path: str, out_path: str, keep_going: bool = False, threads: int | None = None,
               on_problem: Callable[[Diagnostic], None] | None = None, explain: tuple[str, ...] = ()) -> Summary:
    """Score every unit of a facts file in DuckDB and write the scores (.csv, .parquet, .xlsx), atomically.

    Nothing is written when a unit has a problem, unless keep_going (then the units with problems are left
    out of the cohort, as `govrubric score --keep-going` leaves them out). rubric: a loaded govrubric.Rubric."""
    from ..cohort import cohort_facts

    summary = Summary()
    model = rubric.model
    query = compile_query(model, line_of=rubric.line_of, order_by="__row")  # Unsupported: the caller's GR601
    summary.query = query
    con = duck.connect(threads)
    try:
        units, problems, lookup = _load(con, rubric, query, facts_path)
        summary.problems = problems
        for problem in problems:
            if on_problem is not None:
                on_problem(problem)
        summary.rejected = units[1]
        if problems and not keep_going:
            return summary
        if problems and cohort_facts(model):
            pass  # the units with problems are simply not in the cohort, as batch scoring does
        summary.scored = units[0] if units[0] is not None else con.execute("SELECT count(*) FROM facts").fetchone()[0]
        if summary.scored == 0:
            return summary
        try:
            _write(con, query, out_path, keep=bool(explain))
        except duck.duckdb_error() as err:
            waiting = re.search(r"GR422 无法计算「(.*?)」:([^\n]*)", str(err))
            if waiting is None:
                raise
            # the query stopped on a value over scores that waits on itself (query.py): nobody is scored, as
            # batch scoring reports it (cohort.py)
            summary.problems.append(make("GR422", fact=waiting.group(1), detail=waiting.group(2)))
            summary.scored = 0
            return summary
        summary.written = True
        summary.explained = [_explain(con, rubric, query, lookup, name) for name in explain]
        return summary
    finally:
        con.close()


def _explain(con, rubric, query: SqlQuery, lookup, name: str):
    """One unit scored again by the Decimal path, with the values over the cohort DuckDB computed; None when the
    unit was not scored. The two totals must agree (they are the same arithmetic)."""
    from ..evaluate import score_unit
    from ..result import Line

    found = lookup(name)
    if found is None:
        return None
    values, category = found
    names = [D.ident("总分")] + [D.ident(c) for c in query.cohort_columns]
    row = con.execute(f"SELECT {', '.join(names)} FROM scores WHERE {D.ident(UNIT_COLUMN)} = ?", [name]).fetchone()
    lines = []
    for column, value in zip(query.cohort_columns, row[1:]):
        values[column] = value
        shown = "空" if value is None else format_decimal(value)
        lines.append(Line(f"「{column}」= {shown}(在全部单位中算出)", value))
    result = score_unit(rubric.model, values, name, category, rubric.line_of)
    if result.total != row[0]:
        raise AssertionError(f"SQL 与 Decimal 计分不一致:{name} {row[0]} ≠ {result.total}")
    return attrs.evolve(result, total_lines=tuple(lines) + result.total_lines)


def _load(con, rubric, query: SqlQuery, path: str):
    """Fill the facts table; ((units loaded, units rejected), problems, lookup: unit name → (values, category)).
    Units loaded: None when not counted here (score_file counts the facts table)."""
    from ..factsio import read_table

    model = rubric.model
    checker = FactChecker(model)
    duck.create_facts_table(con, query, order=True)
    source = _read_source(path)
    if source is None:  # .xlsx, .json, GBK or UTF-16 CSV: read by factsio, checked in Python
        table, problems = read_table(path)
        return _load_python(con, query, table, model, checker, problems)
    try:
        table, columns, types = _header(con, source, path)
    except Exception as err:  # noqa: BLE001 - duckdb raises many kinds for a damaged file
        return (None, 0), [make("GR406", detail=f"{path}: {err}")], _nobody
    if path.lower().endswith(".csv"):
        # the header as factsio reads it (a title row above it, names stripped, a name written twice): when
        # DuckDB reads it otherwise, the whole file is read the Python way
        from ..stream import _table_rows

        header, _, _ = _table_rows(path)
        if header is None or header.repeated or list(header.columns) != columns:
            table, problems = read_table(path)
            return _load_python(con, query, table, model, checker, problems)
        table = header
    unit_keys = [key for key in UNIT_KEYS if key in columns]
    if len(unit_keys) != 1:
        table, problems = read_table(path)
        return _load_python(con, query, table, model, checker, problems)
    unit = D.ident(unit_keys[0])
    fact_columns = {c.fact: c for c in query.inputs}
    ranges, denominators = discretionary_ranges(model), ratio_denominators(model)
    # A column of the type the facts table gives its fact (a Parquet file written as docs/sql.md describes) is
    # checked on its values (_typed); any other is read as text, as a facts file would hold it
    typed = {c for c in columns if c in fact_columns and types[c] == fact_columns[c].sql_type(D)
             and _typed(model.facts[c], D.ident(c), denominators) is not None}
    texts = ", ".join(D.ident(c) if c in typed else f"{_as_text(c, types[c], model.facts.get(c))} AS {D.ident(c)}"
                      for c in columns)
    # A Parquet file is read again where it is needed (a column store: each pass reads only its columns, with
    # the file's own row numbers) rather than copied into a table; and when every fact column is typed, the
    # conversion is a few comparisons, computed where it is used rather than stored (docs/performance.md)
    lazy = source.startswith("read_parquet(") and "file_row_number" not in columns
    facts_in_file = [f for f in model.facts.values() if f.name in columns]
    if lazy:
        con.execute(f"CREATE TEMP VIEW raw AS SELECT file_row_number + 2 AS __row, {texts} "
                    f"FROM read_parquet({D.string(path)}, file_row_number=true)")
    else:
        con.execute(f"CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS __row, {texts} FROM {source}")
    stored = "VIEW" if lazy and all(f.name in typed or f.cohort is not None for f in facts_in_file) else "TABLE"
    # a problem with a column stops every unit, but each row is still checked, as govrubric score does; a
    # column only some categories need is missing when a unit of one of them is in the file
    given_categories = {""}
    if CATEGORY_KEY in columns:
        given_categories = {(c or "").strip() for (c,) in con.execute(
            f"SELECT DISTINCT CAST({D.ident(CATEGORY_KEY)} AS VARCHAR) FROM raw").fetchall()}
    file_problems, reported = _column_problems(table, model, checker, given_categories)
    # one pass: every cell trimmed once, converted where its form is plain, and whether the whole row is
    trims = [f"{unit} AS __name", f"trim({unit}) AS __unit"]
    oks = [f"regexp_full_match(__name, '[^\\s\\p{{Z}}](.*[^\\s\\p{{Z}}])?|[^\\s\\p{{Z}}]')"]
    values = ["__unit", "__category"]
    if model.categories:
        allowed = ", ".join(D.string(c) for c in model.categories)
        trims.append(f"trim({D.ident(CATEGORY_KEY)}) AS __category")
        oks.append(f"coalesce(__category IN ({allowed}), FALSE)")
    else:
        trims.append("NULL AS __category")
    for index, fact in enumerate(model.facts.values()):
        if fact.name not in columns:
            continue
        trimmed = f"t{index}"
        if fact.name in typed:
            trims.append(f"{D.ident(fact.name)} AS {trimmed}")
            value, plain = _typed(fact, trimmed, denominators)
            empty = f"({trimmed} IS NULL)"
        else:
            trims.append(f"trim({D.ident(fact.name)}) AS {trimmed}")
            empty = f"({trimmed} IS NULL OR {trimmed} = '')"
            if fact.cohort is None:
                value, plain = _plain(fact, fact_columns[fact.name], trimmed, ranges, denominators)
        if fact.cohort is not None:  # GR421 for the units that fill it in: the checker words it
            oks.append(empty)
            continue
        values.append(f"CASE WHEN {empty} THEN NULL ELSE {value} END AS {D.ident(fact.name)}")
        oks.append(f"({empty} AND {'TRUE' if fact.optional else 'FALSE'} OR NOT {empty} AND coalesce({plain}, FALSE))")
    con.execute(f"CREATE TEMP {stored} converted AS SELECT __row, {', '.join(values)}, ({' AND '.join(oks)}) AS __ok "
                f"FROM (SELECT __row, {', '.join(trims)} FROM raw)")
    named = f"NULLIF(trim({unit}), '')"
    # the names written twice first (a count per name), then their rows: a list per name costs more
    twice = con.execute(f"SELECT {named}, list(__row ORDER BY __row) FROM raw WHERE {named} IN "
                        f"(SELECT {named} FROM raw WHERE {named} IS NOT NULL GROUP BY 1 HAVING count(*) > 1) "
                        f"GROUP BY 1 ORDER BY min(__row)").fetchall()
    problems: list[Diagnostic] = list(file_problems)
    rejected = {name for name, _ in twice}
    for name, rows in twice:
        places = "、".join(f"第{r}行" for r in rows)
        problems.append(make("GR404", unit=name, where=f"{path} {places}", help="每个单位只能占一行;请删去或合并重复的行"))
    # the rows without a plain form, in file order, for the checker
    columns_sql = ", ".join(f"{_as_text(c, types[c], model.facts.get(c), 'raw.' + D.ident(c))} AS {D.ident(c)}"
                            if c in typed else "raw." + D.ident(c) for c in columns)
    con.execute("CREATE TEMP TABLE unplain AS SELECT __row FROM converted WHERE NOT coalesce(__ok, FALSE)")
    unplain = con.execute("SELECT count(*) FROM unplain").fetchone()[0]
    cursor = con.execute(f"SELECT raw.__row, {columns_sql} FROM raw WHERE raw.__row IN (SELECT __row FROM unplain) "
                         f"ORDER BY raw.__row")
    names = ["__row"] + columns
    accepted = []
    while True:
        batch = cursor.fetchmany(10000)
        if not batch:
            break
        for record in batch:
            values = dict(zip(names, record))
            number = values.pop("__row")
            values = {k: v for k, v in values.items() if k not in NOTE_COLUMNS}
            name = next((str(values[k]).strip() for k in UNIT_KEYS if values.get(k) not in (None, "")), None)
            where = f"{path} 第{number}行"
            if name is None or not name.strip():
                problems.append(make("GR412", where=where))
                continue
            checked, category, found = checker.validate_unit(values, name, locate=lambda key, w=where: w,
                                                             reported=reported)
            too_long = [c for c in query.inputs if isinstance(duck.cell(c, checked.get(c.fact)), Decimal)
                        and not fits(c, duck.cell(c, checked.get(c.fact)))]
            for column in too_long:
                found.append(make("GR602", unit=name, fact=column.fact, value=format_decimal(checked[column.fact]),
                                  limit=f"最多{WHOLE_DIGITS}位整数、{DECIMAL_PLACES}位小数", where=where))
            if found:
                problems += found
                rejected.add(name)
            elif name not in rejected:
                accepted.append((number, name, category, checked))
    fact_names = "".join(f", {D.ident(c.fact)}" for c in query.inputs)
    con.execute("CREATE TEMP TABLE rejected_names (name VARCHAR)")
    if rejected:
        con.executemany("INSERT INTO rejected_names VALUES (?)", [(n,) for n in rejected])
    accepted = [a for a in accepted if a[1] not in rejected]
    # a value computed over the units typed in by one of them stops the cohort, as batch scoring does
    # (cohort.given_cohort_values); only such rows can hold one, since an empty cell is part of __ok
    given = given_cohort_values(model, [Member(name, category, checked) for _, name, category, checked in accepted])
    if file_problems or given:  # nobody is scored: the facts table stays empty
        return (None, len(rejected)), problems + given, _nobody
    # the rows Python checked go into the facts table; the query reads them together with the plain rows,
    # which are not copied: facts becomes a view over both, of the facts table's types
    duck.load_checked(con, query, [(name, category, checked) for _, name, category, checked in accepted],
                      row_numbers=[number for number, *_ in accepted])
    con.execute("ALTER TABLE facts RENAME TO checked_facts")
    names = f"{D.ident(UNIT_COLUMN)}, {D.ident(CATEGORY_COLUMN)}, __row{fact_names}"
    typed_given = "".join(f", CAST({D.ident(c.fact)} AS {c.sql_type(D)}) AS {D.ident(c.fact)}" if c.fact in columns
                          else f", CAST(NULL AS {c.sql_type(D)}) AS {D.ident(c.fact)}" for c in query.inputs)
    con.execute(f"CREATE TEMP VIEW facts AS "
                f"SELECT CAST(__unit AS VARCHAR) AS {D.ident(UNIT_COLUMN)}, CAST(__category AS VARCHAR) AS "
                f"{D.ident(CATEGORY_COLUMN)}, CAST(__row AS BIGINT) AS __row{typed_given} FROM converted "
                f"WHERE __row NOT IN (SELECT __row FROM unplain) AND __unit NOT IN (SELECT name FROM rejected_names) "
                f"UNION ALL SELECT {names} FROM checked_facts")

    def lookup(name: str):
        found = con.execute(f"SELECT {columns_sql} FROM raw WHERE trim({unit}) = ? AND ? NOT IN "
                            f"(SELECT name FROM rejected_names)", [name, name]).fetchone()
        if found is None:
            return None
        values = {k: v for k, v in zip(columns, found) if k not in NOTE_COLUMNS}
        checked, category, _ = checker.validate_unit(values, name)
        return checked, category

    # every row is plain (in the view) or not (in unplain, its units accepted by Python or not): with nobody
    # rejected, the units scored are counted without counting the view
    loaded = None if rejected else con.execute("SELECT count(*) FROM raw").fetchone()[0] - unplain + len(accepted)
    return (loaded, len(rejected)), problems, lookup


def _nobody(name: str):
    return None


def _load_python(con, query, table, model, checker, problems) -> tuple[tuple[int, int], list[Diagnostic]]:
    """A file only factsio reads (.xlsx, .json, GBK CSV): checked row by row as `govrubric score` checks it."""
    from ..batch import check_table

    if table is None:
        return (None, 0), problems, _nobody
    batch = check_table(table, model)
    problems = list(problems) + list(batch.problems)
    given = given_cohort_values(model, [Member(u.name, u.category, u.values) for u in batch.units])
    if given:  # a value computed over the units typed in by one of them: nobody is scored, as in _load
        return (None, len(batch.rejected)), problems + given, _nobody
    units = [(u.name, u.category, u.values) for u in batch.units]
    too_long = set(duck.load_checked(con, query, units, row_numbers=[u.row.number for u in batch.units]))
    for name in too_long:
        problems.append(make("GR602", unit=name, fact="(某个事实)", value="…",
                             limit=f"最多{WHOLE_DIGITS}位整数、{DECIMAL_PLACES}位小数"))
    kept = {u.name: (dict(u.values), u.category) for u in batch.units if u.name not in too_long}
    return (None, len(batch.rejected) + len(too_long)), problems, lambda name: kept.get(name)


# ------------------------------------------------------------------ writing the scores
_TRIGGERS = "^[-=+@\t\r]"  # spreadsheet.CSV_TRIGGERS
_PLAIN_NUMBER = "[+-]?[0-9]+([.][0-9]+)?"


def _text(column: str) -> str:
    """A text field as spreadsheet.csv_text writes it: one a spreadsheet would run as a formula (starting with
    =, +, -, @, a tab or a carriage return, and not a plain number) is prefixed with '."""
    return (f"CASE WHEN regexp_matches({column}, {D.string(_TRIGGERS)}) AND NOT regexp_full_match({column}, "
            f"{D.string(_PLAIN_NUMBER)}) THEN {D.string(chr(39))} || {column} ELSE {column} END")


def _formatted(column: str) -> str:
    """A DECIMAL as format_decimal writes it: no trailing zeros, no exponent, 0 for −0."""
    text = f"CAST({column} AS VARCHAR)"
    stripped = f"regexp_replace(regexp_replace({text}, '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '')"
    return f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} = 0 THEN '0' ELSE {stripped} END"


def _write(con, query: SqlQuery, out_path: str, keep: bool = False) -> None:
    """Run the query and write its rows; keep: also keep them as the table scores (for the units to explain),
    else they go straight into the file."""
    lower = out_path.lower()
    items = [D.ident(p) for p in query.item_columns]
    directory = os.path.dirname(os.path.abspath(out_path))
    handle, temporary = tempfile.mkstemp(prefix="." + os.path.basename(out_path) + ".", suffix=".tmp", dir=directory)
    os.close(handle)
    try:
        if keep:
            con.execute(f"CREATE TEMP TABLE scores AS {query.sql}")
            scores = "scores"
        else:
            scores = f"({query.sql}) AS scores"
        head = [D.ident(UNIT_COLUMN), D.ident(CATEGORY_COLUMN), D.ident("总分")] + (
            [D.ident("等次")] if query.graded else [])
        if lower.endswith(".parquet"):
            columns = ", ".join(head + items + [D.ident(c) for c in query.cohort_columns])
            con.execute(f"COPY (SELECT {columns} FROM {scores}) TO {D.string(temporary)} (FORMAT parquet)")
        elif lower.endswith(".csv"):
            category = f"coalesce({D.ident(CATEGORY_COLUMN)}, '')"
            columns = [f"{_text(D.ident(UNIT_COLUMN))} AS {D.ident(UNIT_COLUMN)}",
                       f"{_text(category)} AS {D.ident(CATEGORY_COLUMN)}",
                       f"{_formatted(D.ident('总分'))} AS {D.ident('总分')}"]
            if query.graded:
                grade = f"coalesce({D.ident('等次')}, '无')"
                columns.append(f"{_text(grade)} AS {D.ident('等次')}")
            columns += [f"{_formatted(c)} AS {D.ident(csv_text(p))}" for c, p in zip(items, query.item_columns)]
            body = temporary + ".body"
            con.execute(f"COPY (SELECT {', '.join(columns)} FROM {scores}) TO {D.string(body)} "
                        f"(HEADER, DELIMITER ',', NEW_LINE {D.string(chr(13) + chr(10))})")
            with open(temporary, "wb") as out, open(body, "rb") as data:
                out.write("\ufeff".encode("utf-8"))  # Excel reads a UTF-8 CSV as such only with the BOM
                while chunk := data.read(1 << 20):
                    out.write(chunk)
            os.unlink(body)
        else:
            _write_xlsx(con, scores, head + items, temporary)
        os.replace(temporary, out_path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _write_xlsx(con, scores: str, columns: list[str], path: str) -> None:
    from openpyxl import Workbook

    from ..reports import excel_value

    book = Workbook(write_only=True)
    sheet = book.create_sheet("得分")
    cursor = con.execute(f"SELECT {', '.join(columns)} FROM {scores}")
    sheet.append([c[0] for c in cursor.description])
    while True:
        batch = cursor.fetchmany(10000)
        if not batch:
            break
        for row in batch:
            sheet.append([excel_value(v) if isinstance(v, Decimal) else v for v in row])
    book.save(path)
