"""`govrubric score --engine duckdb` and `govrubric compile --target sql`: the command-line side of the SQL
backend, kept here so that cli.py only hands over."""
from __future__ import annotations

import os
from ..i18n import built

BIG_FILE = 50 * 1024 * 1024  # bytes: from here on `--engine auto` scores in DuckDB


def wants_duckdb(engine: str, facts_path: str, output: str | None) -> bool:
    """auto: DuckDB for Parquet, and for facts files of BIG_FILE bytes or more written to a scores file."""
    if engine != "auto":
        return engine == "duckdb"
    if facts_path.lower().endswith(".parquet") or (output or "").lower().endswith(".parquet"):
        return True
    try:
        big = os.path.getsize(facts_path) >= BIG_FILE
    except OSError:
        return False
    return big and output is not None and output.lower().endswith((".csv", ".xlsx")) and _has_duckdb()


def _has_duckdb() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def score_duckdb(file: str, facts_path: str, output: str | None, units: tuple[str, ...], explain: bool,
                 keep_going: bool, readings, echo, print_diagnostics) -> int:
    """Score in DuckDB; the exit code (0, 1 for the rubric or the output, 2 for the facts)."""
    from .. import GovrubricError, load
    from ..atomic import refuse_inputs
    from ..diagnostics import make
    from . import Unsupported, refusal
    from .loader import OUTPUTS, score_file

    if output is None or not output.lower().endswith(OUTPUTS):
        print_diagnostics([make("GR502", detail=built("{x}: DuckDB 计分要用 -o 写出 {x2} 文件",
                                                      x=output or '(没有 -o)', x2='、'.join(OUTPUTS)))])
        return 1
    problem = refuse_inputs(output, [file, facts_path])
    if problem is not None:
        print_diagnostics([problem])
        return 1
    if not _has_duckdb():
        print_diagnostics([make("GR601", detail="没有安装 duckdb(pip install duckdb)")])
        return 1
    try:
        rubric = load(file, readings=readings)
    except GovrubricError as err:
        print_diagnostics(err.diagnostics)
        return 1
    if not rubric.ok:
        print_diagnostics(rubric.check())
        echo(f"{file}: 细则有错误,不能计分 / the rubric has errors", err=True)
        return 1
    try:
        summary = score_file(rubric, facts_path, output, keep_going=keep_going, explain=units)
    except Unsupported as err:
        print_diagnostics([refusal(err, rubric)])
        return 1
    except Exception as err:  # noqa: BLE001 - a DuckDB error: a file DuckDB cannot read
        text = str(err)
        print_diagnostics([make("GR406", detail=f"{facts_path}: {text.splitlines()[0] if text else err}")])
        return 2
    print_diagnostics(summary.problems)
    if summary.problems and not keep_going:
        echo(f"事实有{len(summary.problems)}处问题,未计分 / {len(summary.problems)} problem(s) in the facts; "
             "nothing scored", err=True)
        return 2
    if summary.written:
        echo(f"已用 DuckDB 为{summary.scored}个单位计分,写出 / scored {summary.scored} unit(s) in DuckDB: {output}",
             err=True)
    for name, result in zip(units, summary.explained):
        if result is None:
            print_diagnostics([make("GR405", unit=name, hint="")])
            continue
        if explain:
            from ..report import explained_tree
            from rich.console import Console

            Console(highlight=False, soft_wrap=False).print(explained_tree(result))
        else:
            from ..numerals import format_number

            echo(f"{result.unit}: 总分 {format_number(result.total)}")  # 23, not 23.0 (2.5 + 0.5) or 3E+1
    return 2 if summary.problems else 0


def compile_sql(file: str, output: str, dialect: str, echo, print_diagnostics) -> int:
    from .. import load
    from ..atomic import refuse_inputs, write_text
    from . import Unsupported, compile_query, refusal

    rubric = load(file)
    if not rubric.ok:
        print_diagnostics(rubric.check())
        echo(f"{file}: 细则有错误,不能编译 / the rubric has errors", err=True)
        return 1
    try:
        query = compile_query(rubric.model, dialect=dialect, line_of=rubric.line_of)
    except Unsupported as err:
        print_diagnostics([refusal(err, rubric)])
        return 1
    for problem in (refuse_inputs(output, [file]), write_text(output, query.sql)):
        if problem is not None:
            print_diagnostics([problem])
            return 1
    echo(f"已写出 SQL / query written: {output}(表 facts:每个单位一行,每个事实一列;见 docs/sql.md)", err=True)
    return 0
