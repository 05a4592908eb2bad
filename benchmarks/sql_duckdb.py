"""The SQL backend in DuckDB: 宜良 2023 for a million units against a hand-written DuckDB query for the same rubric
(benchmarks/yiliang_reference.sql), and 拱墅 2021's cohort (ranks, lowest, averages) for 100,000 units against the
compiled Python scorer (docs/performance.md).

    python benchmarks/sql_duckdb.py                          # 1,000,000 units of 宜良, 100,000 of 拱墅
    python benchmarks/sql_duckdb.py --units 100000 --cohort 20000

Every figure is measured in this one run and printed as a ratio beside its times, with the load average. Each
time is given twice: wall-clock, and the CPU time of this process (DuckDB's threads included); on a machine
shared with other work the wall-clock time is mostly waiting for a core, the CPU time is the work's own cost.
Before timing, the compiled query's scores are compared with the hand-written query's on every unit, and
with the Decimal scorer's on a sample: a figure for wrong code is no figure.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import govrubric  # noqa: E402
from govrubric.facts import FactChecker  # noqa: E402
from govrubric.sql import compile_query, duck  # noqa: E402
from govrubric.sql.loader import score_file  # noqa: E402
from strategies import random_rows  # noqa: E402

SAMPLE = 5000  # distinct units drawn; the million repeats them under new names


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


CPU: dict[str, float] = {}  # label → CPU seconds of the best run, beside the wall-clock figure


def best(work, repeat: int) -> tuple[float, float]:
    """(wall-clock, CPU) seconds, each the least of repeat runs."""
    times, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return min(times), min(cpu)


def timed(figures: list, label: str, measured: tuple[float, float]) -> float:
    figures.append((label, measured[0]))
    CPU[label] = measured[1]
    return measured[0]


def facts_table(con, rubric, query, units: int, seed: int = 1) -> None:
    """The facts table with `units` rows: SAMPLE drawn units, checked by FactChecker, repeated under new names."""
    rows = random_rows(rubric.model, random.Random(seed), min(SAMPLE, units))
    checker = FactChecker(rubric.model)
    checked = []
    for row in rows:
        values, category, problems = checker.validate_unit(row, row["单位"])
        assert not problems
        checked.append((row["单位"], category, values))
    duck.create_facts_table(con, query, name="sample")
    duck.load_checked(con, query, checked, name="sample")
    columns = ", ".join(duck.D.ident(c.fact) for c in query.inputs)
    con.execute(f"""CREATE OR REPLACE TABLE facts AS
        SELECT '单位' || (i * {len(rows)} + s.n) AS "单位", "单位类别", {columns}
        FROM (SELECT row_number() OVER () AS n, * FROM sample) s, range({-(-units // len(rows))}) r(i)
        WHERE i * {len(rows)} + s.n <= {units}""")


def text(value) -> str | None:
    """A drawn raw value as a facts file holds it."""
    import json

    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def facts_file(rubric, units: int, path: str, seed: int) -> None:
    """A Parquet facts file of text cells, as a spreadsheet saved as CSV or Parquet holds them: SAMPLE drawn units
    repeated under new names."""
    rows = random_rows(rubric.model, random.Random(seed), min(SAMPLE, units))
    names = ["单位"] + (["单位类别"] if rubric.model.categories else []) + [
        f.name for f in rubric.model.facts.values() if f.cohort is None]
    con = duck.connect()
    con.execute("CREATE TABLE sample (n BIGINT, " + ", ".join(f"{duck.D.ident(n)} VARCHAR" for n in names) + ")")
    con.executemany(f"INSERT INTO sample VALUES ({', '.join('?' for _ in range(len(names) + 1))})",
                    [[i + 1] + [text(row.get(n)) for n in names] for i, row in enumerate(rows)])
    others = ", ".join(duck.D.ident(n) for n in names[1:])
    con.execute(f"""COPY (SELECT '单位' || (i * {len(rows)} + n) AS "单位", {others}
        FROM sample, range({-(-units // len(rows))}) r(i) WHERE i * {len(rows)} + n <= {units}
        ORDER BY i, n) TO {duck.D.string(path)} (FORMAT parquet)""")
    con.close()


def yiliang(units: int, repeat: int, folder: str, csv: bool = True) -> list[tuple[str, float]]:
    rubric = govrubric.load(str(ROOT / "rubrics/yiliang-2023.rubric"))
    query = compile_query(rubric.model, line_of=rubric.line_of)
    reference = (ROOT / "benchmarks/yiliang_reference.sql").read_text(encoding="utf-8")
    macros, _, body = reference.rpartition(";\n")
    con = duck.connect()
    facts_table(con, rubric, query, units)
    con.execute(macros)
    # the same numbers, every unit
    paths = [p for p in query.item_columns] + ["总分"]
    columns = ", ".join(duck.D.ident(p) for p in paths)
    con.execute(f"CREATE TEMP TABLE ours AS SELECT \"单位\", {columns} FROM ({query.sql})")
    con.execute(f"CREATE TEMP TABLE theirs AS SELECT \"单位\", {columns} FROM ({body})")
    differ = con.execute("SELECT count(*) FROM (SELECT * FROM ours EXCEPT SELECT * FROM theirs)").fetchone()[0]
    assert differ == 0, f"the compiled query and the hand-written one differ on {differ} units"
    parquet = os.path.join(folder, "yiliang.parquet")  # typed columns, as docs/sql.md describes the facts table
    con.execute(f"COPY facts TO {duck.D.string(parquet)} (FORMAT parquet)")
    csv_path = os.path.join(folder, "yiliang.csv")  # text cells, as a spreadsheet saves them
    text_parquet = os.path.join(folder, "yiliang-text.parquet")
    facts_file(rubric, units, text_parquet, seed=1)
    con.execute(f"COPY (SELECT * FROM read_parquet({duck.D.string(text_parquet)})) TO {duck.D.string(csv_path)} (HEADER)")

    def run(sql):
        return lambda: con.execute(f"CREATE OR REPLACE TEMP TABLE out AS {sql}")

    figures = []
    ours = timed(figures, f"宜良 {units:,} units: compiled query in DuckDB (s)", best(run(query.sql), repeat))
    theirs = timed(figures, f"宜良 {units:,} units: hand-written query (s)", best(run(body), repeat))
    figures.append(("compiled ÷ hand-written (target ≤ 1.5)", ours / theirs))
    con.close()
    out = os.path.join(folder, "scores.parquet")
    summary = score_file(rubric, parquet, out)  # warm: the query compiled, DuckDB loaded
    assert summary.written and summary.scored == units, summary.problems[:3]
    whole_label = f"govrubric score --engine duckdb, typed Parquet → Parquet, {units:,} units (s, target ≤ 10)"
    whole = timed(figures, whole_label, best(lambda: score_file(rubric, parquet, out), 1))
    if csv:
        out_csv = os.path.join(folder, "scores.csv")
        timed(figures, f"govrubric score --engine duckdb, CSV → CSV, {units:,} units (s)",
              best(lambda: score_file(rubric, csv_path, out_csv), 1))
    con = duck.connect()
    con.execute(macros)
    hand_label = "hand-written query, typed Parquet → Parquet, no checks (s)"
    by_hand = timed(figures, hand_label, best(lambda: con.execute(
        f"COPY ({body.replace('FROM facts', f'FROM read_parquet({chr(39)}{parquet}{chr(39)})')}) "
        f"TO '{os.path.join(folder, 'hand.parquet')}' (FORMAT parquet)"), 1))
    figures.append(("govrubric Parquet → Parquet ÷ hand-written", whole / by_hand))
    figures.append(("  the same in CPU time", CPU[whole_label] / CPU[hand_label]))
    return figures


def gongshu(units: int, folder: str, python_units: int) -> list[tuple[str, float]]:
    rubric = govrubric.load(str(ROOT / "rubrics/gongshu-2021.rubric"))
    query = compile_query(rubric.model, line_of=rubric.line_of)
    parquet = os.path.join(folder, "gongshu.parquet")
    facts_file(rubric, units, parquet, seed=2)
    out = os.path.join(folder, "gongshu-scores.parquet")
    summary = score_file(rubric, parquet, out)
    assert summary.written and summary.scored == units, summary.problems[:3]
    figures = []
    sql = timed(figures, f"拱墅 {units:,} units, cohort, govrubric score --engine duckdb Parquet → Parquet (s)",
                best(lambda: score_file(rubric, parquet, out), 1))
    # the compiled Python scorer on fewer units of the same draw (its time per unit is flat: benchmarks/cohort.py)
    rows = random_rows(rubric.model, random.Random(2), python_units)
    scorer = govrubric.compile_rubric(rubric)
    python = timed(figures, f"拱墅 compiled Python score_cohort, {python_units:,} units (s)",
                   best(lambda: scorer.score_cohort(rows), 1))
    figures.append(("time per unit: Python compiled ÷ DuckDB", (python / python_units) / (sql / units)))
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--cohort", type=int, default=100_000)
    parser.add_argument("--python-cohort", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-csv", action="store_true", help="leave out the CSV → CSV run (the slowest)")
    args = parser.parse_args(argv)
    print(f"load average before: {load_average()}  (2 cores shared)")
    with tempfile.TemporaryDirectory(prefix="govrubric-sql-") as folder:
        figures = yiliang(args.units, args.repeat, folder, not args.no_csv) + gongshu(args.cohort, folder, args.python_cohort)
    for label, value in figures:
        cpu = f"   CPU {CPU[label]:9.3f}" if label in CPU else ""
        print(f"{label:<90} {value:10.3f}{cpu}")
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
