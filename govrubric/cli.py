"""The command line. Imports stay inside commands so that --help and check start fast."""
from __future__ import annotations

import sys

import click

from . import __version__

HELP = """govrubric:考评细则语言工具 / tools for evaluation rubrics.

\b
常用 / Common:
  govrubric check 细则.rubric              检查细则 / check a rubric
  govrubric score 细则.rubric --facts 数据.json   计分 / score units
"""


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govrubric")
def main() -> None:
    pass


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _print_diagnostics(diags, as_json: bool = False) -> None:
    if as_json:
        return
    for diag in diags:
        click.echo(diag.render(), err=True)
        click.echo("", err=True)


@main.command(help="检查细则文件:有错误时逐条列出(文件:行:列、原文、脚注与代码),退出码 1。\n\n"
                   "Check rubric files; exit 1 when any has errors.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式 / output format")
def check(files, fmt) -> None:
    import json

    from . import load

    failed = False
    everything = []
    for path in files:
        rubric = load(path)
        problems = rubric.check()
        everything += [d.to_json() for d in problems]
        if problems:
            failed = failed or any(d.severity == "error" for d in problems)
            if fmt == "text":
                _print_diagnostics(problems)
        if fmt == "text":
            if rubric.ok:
                model = rubric.model
                items = sum(1 for _ in model.nodes())
                click.echo(f"{path}: 通过检查 / OK({items}个指标,{len(model.facts)}个事实)")
            else:
                errors = sum(1 for d in problems if d.severity == "error")
                click.echo(f"{path}: {errors}个错误 / {errors} error(s)", err=True)
    if fmt == "json":
        click.echo(json.dumps(everything, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command(help="为单位计分:读取事实文件(JSON),按总分排名;--explain 显示某单位每一分的来历。\n\n"
                   "Score units from a facts file; --explain shows where every point came from.")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--facts", "facts_path", required=True, type=click.Path(dir_okay=False),
              help="事实文件 / facts file (.json)")
@click.option("--unit", help="只看这个单位 / only this unit")
@click.option("--explain", is_flag=True, help="显示计分说明 / explain the scores")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式 / output format")
def score(file, facts_path, unit, explain, fmt) -> None:
    import json

    from . import load
    from .diagnostics import closest, make
    from .evaluate import score_unit
    from .facts import FactChecker, unit_name
    from .factsio import read_rows

    rubric = load(file)
    if not rubric.ok:
        _print_diagnostics(rubric.check())
        click.echo(f"{file}: 细则有错误,不能计分 / the rubric has errors", err=True)
        sys.exit(1)
    rows, problems = read_rows(facts_path)
    checker = FactChecker(rubric.model)
    named = []
    seen = set()
    for index, row in enumerate(rows, 1):
        name = unit_name(row) or f"第{index}行"
        if name in seen:
            problems.append(make("GR404", unit=name))
        seen.add(name)
        named.append((name, row))
    if unit is not None:
        chosen = [(n, r) for n, r in named if n == unit]
        if not chosen:
            hint = closest(unit, [n for n, _ in named])
            problems.append(make("GR405", unit=unit, hint=f",是不是「{hint}」?" if hint else ""))
        named = chosen
    results = []
    for name, row in named:
        values, category, unit_problems = checker.validate_unit(row, name)
        problems += unit_problems
        if not unit_problems:
            results.append(score_unit(rubric.model, values, name, category, rubric.line_of))
    if problems:
        for diag in problems:
            click.echo(f"错误 {diag.code} {diag.message}", err=True)
        click.echo(f"事实有{len(problems)}处问题,未计分 / {len(problems)} problem(s) in the facts; nothing scored",
                   err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
        return
    from .report import explained_tree, ranking_table

    console = _console()
    console.print(ranking_table(results, rubric.model.title))
    if explain:
        for result in results:
            console.print(explained_tree(result))
