"""The command line. Imports stay inside commands so that --help and check start fast."""
from __future__ import annotations

import sys

import click

from . import __version__
from .i18n import LANGUAGES, built, listed, say, set_language

HELP = """govrubric:考评细则语言工具 / tools for evaluation rubrics.

\b
常用 / Common:
  govrubric check 细则.rubric              检查细则 / check a rubric
  govrubric inputs 细则.rubric --template 数据.xlsx   要填的事实与填报表 / facts to fill in, template
  govrubric score 细则.rubric --facts 数据.xlsx -o 报告.xlsx   计分并写报告 / score units, write a report
  govrubric serve 细则文件夹               在浏览器中完成以上各项 / all of it in the browser (workbench)

\b
编写下一年的细则 / Next year's rubric:
  govrubric new 细则.rubric                起步细则 / a starting rubric
  govrubric fmt 细则.rubric                统一格式 / canonical layout
  govrubric render 细则.rubric -o 细则.docx   发布用考评细则 / the rubric as published
  govrubric diff 旧.rubric 新.rubric --facts 数据.xlsx   两版对比与回测 / compare, back-test
"""


def _choose_language(_ctx, _param, value: str | None) -> str | None:
    set_language(value)
    return value


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govrubric")
@click.option("--lang", type=click.Choice(LANGUAGES), expose_value=False, is_eager=True, callback=_choose_language,
              help="输出的语言(默认按 locale:LANG=zh_CN… 为中文,en_US… 为英文,都不是时中英并列)"
                   " / the language of messages and reports (default: from the locale; both when it names neither)")
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


@main.command(help="检查细则文件:有错误时逐条列出(文件:行:列、原文、脚注与代码),退出码 1;"
                   "也列出会不声不响算错的警告 GL504(扣分扣不到),不影响退出码。\n\n"
                   "Check rubric files; exit 1 when any has errors. Also shows the warning GL504 (a deduction that "
                   "may never bite), which leaves the exit code alone.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式 / output format")
def check(files, fmt) -> None:
    import json

    from .service import open_file

    failed = False
    everything = []
    for path in files:
        doc = open_file(path)
        rubric, problems = doc.loaded, doc.check()  # with GL504 (service.Document.check)
        everything += [d.to_json() for d in problems]
        if problems:
            failed = failed or any(d.severity == "error" for d in problems)
            if fmt == "text":
                _print_diagnostics(problems)
        if fmt == "text":
            if rubric.ok:
                model = rubric.model
                items = sum(1 for _ in model.nodes())
                click.echo(f"{path}: " + say("通过检查({items}个指标,{facts}个事实)", items=items, facts=len(model.facts)))
            else:
                errors = sum(1 for d in problems if d.severity == "error")
                click.echo(f"{path}: " + say("{errors}个错误", errors=errors), err=True)
    if fmt == "json":
        click.echo(json.dumps(everything, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command(short_help="计分、排名、写报告 / score, rank and report units",
              help="为单位计分:读取各单位的事实数据(.xlsx、.csv 或 .json),按总分排名;-o 写出报告;"
                   "--explain 显示每一分的来历。事实有问题时一次列出全部问题,不计分,退出码 2。\n\n"
                   "Score every unit from a facts file (.xlsx, .csv or .json) and rank them; -o writes a report; "
                   "--explain shows where every point came from. Bad facts: every problem listed, nothing scored, "
                   "exit 2.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric score 细则.rubric --facts 数据.xlsx -o 报告.xlsx")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--facts", "facts_path", required=True, type=click.Path(dir_okay=False),
              help="各单位的事实数据 / facts file (.xlsx, .csv, .json)")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="写出报告,格式由扩展名决定 / write a report (.xlsx, .csv, .json, .md)")
@click.option("--unit", help="只显示这个单位(名次仍在全部单位中排)/ show only this unit, ranked among all")
@click.option("--explain", is_flag=True, help="显示计分说明 / explain the scores")
@click.option("--keep-going", is_flag=True,
              help="事实有问题的单位不计分,其余照常计分(退出码仍为 2)/ score the valid units, list the rest (exit 2)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="终端输出格式 / terminal output format")
@click.option("--reading", "readings", multiple=True, metavar="口径=读法",
              help="换一种读法计分,不改文件,可写多次:如 计分方式=从零计分、三.2:计分方式=从零计分(见 docs/ambiguity.md)"
                   " / score under another reading without editing the file (repeatable)")
@click.option("--engine", type=click.Choice(["auto", "python", "duckdb"]), default="auto",
              help="计分引擎:duckdb 适合几十万、上百万个单位(CSV/Parquet 进,CSV/Parquet/XLSX 出,见 docs/sql.md);"
                   "auto 对 Parquet 和 50MB 以上的文件用 duckdb / the engine; auto uses DuckDB for Parquet and big files")
@click.option("--rank-by", "rank_by", type=click.Choice(["全部", "单位类别"]), default=None,
              help="名次在全部单位中排,或在每个单位类别内排;默认按细则(写了 排名:「按单位类别」 时在类别内排,否则全部)"
                   " / rank among all units, or within each category; default: as the rubric says (排名), else all")
def score(file, facts_path, output, unit, explain, keep_going, fmt, readings, engine, rank_by) -> None:
    import json

    from .sql.command import score_duckdb, wants_duckdb

    if wants_duckdb(engine, facts_path, output):
        sys.exit(score_duckdb(file, facts_path, output, (unit,) if unit else (), explain, keep_going, readings,
                              click.echo, _print_diagnostics))

    from .atomic import output_problem, refuse_inputs, write_bytes
    from .diagnostics import make
    from .reports import FORMATS, report_bytes, report_format
    from .service import open_file
    from .service.scoring import read_facts, score_table

    if output is not None:
        if report_format(output) is None:
            _fail([make("GR502", detail=built("{output}: 报告文件的扩展名应是 {x} 之一", output=output, x='、'.join(FORMATS)))], 1)
        _fail([refuse_inputs(output, [file, facts_path]) or output_problem(output)], 1)  # before any scoring
    from . import GovrubricError

    try:
        rubric = open_file(file, readings=readings).loaded
    except GovrubricError as err:
        _fail(err.diagnostics, 1)
    if not rubric.ok:
        _print_diagnostics(rubric.check())
        click.echo(f"{file}: " + say("细则有错误,不能计分"), err=True)
        sys.exit(1)
    for line in rubric.readings_applied:
        click.echo(say("按命令行指定的口径计分") + f": {line}", err=True)
    table, problems = read_facts(facts_path)
    _fail(problems, 2)
    scoring = score_table(rubric, table, only=unit, keep_going=keep_going, progress=_progress(say("计分")))
    batch = scoring.batch
    _print_diagnostics(batch.read_as)  # how values typed with words were read: 「2次」读作 2
    if batch.problems:
        _print_diagnostics(batch.problems)
        count = len(batch.problems)
        if not keep_going or not batch.units:
            click.echo(say("事实有{count}处问题,未计分", count=count), err=True)
            sys.exit(2)
    if batch.rejected and any(f.cohort for f in rubric.model.facts.values()):
        click.echo(say("注意:细则中有按一批单位计算的值(排名、最低、平均……);未计分的单位不参与计算,"
                       "这些值可能与全部单位一起计分时不同"), err=True)
    _fail(scoring.problems, 2)
    if rank_by is None:  # as the rubric says: 排名:「按单位类别」 ranks each category apart
        from .model import ranks_within_categories

        rank_by = "单位类别" if ranks_within_categories(rubric.model) else "全部"
    results, scored = list(scoring.results), scoring.scored(rubric.model, only=unit,
                                                              rank_by=None if rank_by == "全部" else rank_by)
    shown = [result for result in results if unit is None or result.unit == unit]
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in shown], ensure_ascii=False, indent=2))
    else:
        from .report import explained_tree, ranking_table

        console = _console()
        table = ranking_table(results, rubric.model.title, only=unit, rows=scored.rows(), width=min(console.width, 80),
                              rank_heading=scored.rank_heading)
        # Wider than the screen: print it whole (the terminal wraps lines) rather than crop the totals away.
        console.print(table, width=max(min(console.width, 80), console.measure(table).minimum), crop=False)
        if explain:
            for result in shown:
                console.print(explained_tree(result))
    if output is not None:
        _fail([write_bytes(output, report_bytes(output, scored, _progress(say("写报告"))))], 1)
        click.echo(say("已写出报告") + f": {output}", err=True)
    if batch.rejected:
        from .textsafe import terminal_value

        names = "、".join(terminal_value(name) for name in batch.rejected)
        click.echo(say("已为{scored}个单位计分;以下{rejected}个单位的事实有问题,未计分:{names}", scored=len(results),
                       rejected=len(batch.rejected), names=names), err=True)
        sys.exit(2)


PROGRESS_FROM = 50  # units; fewer take well under a second, too quick for a bar to be read


def _progress(description: str):
    """Wraps a loop over units with a progress bar on an interactive terminal (stderr), for large batches only."""
    def wrap(items: list):
        console = _console(stderr=True)
        if len(items) < PROGRESS_FROM or not console.is_terminal:
            return items
        from rich.progress import track

        return track(items, description=description, console=console, transient=True)

    return wrap


def _fail(problems, exit_code: int) -> None:
    """Print the problems (None entries are no problem) and exit with `exit_code` if there were any."""
    problems = [p for p in problems if p is not None]
    if problems:
        _print_diagnostics(problems)
        sys.exit(exit_code)


@main.command(short_help="要填的事实与填报表 / the facts to fill in, and templates",
              help="列出细则要求每个单位填写的事实(名称、类型、应填什么、用于哪些指标);"
                   "--template 写出空白填报表(.xlsx 带批注和数据有效性,或 .csv、.json);"
                   "--guide 写出由细则生成的填写与计分说明(.md)。\n\n"
                   "List the facts a rubric needs from each unit (name, type, allowed values, the items that "
                   "read them); --template writes a blank fill-in template (.xlsx with comments and data "
                   "validation, .csv or .json); --guide writes the facts guide (.md) generated from the rubric.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric inputs 细则.rubric --template 数据.xlsx --unit 县发改局 --unit 县财政局")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--template", "template_path", type=click.Path(dir_okay=False),
              help="写出空白填报表 / write a blank template (.xlsx, .csv, .json)")
@click.option("--unit", "units", multiple=True, help="在模板中预先填好的单位名称,可重复 / prefill a unit (repeatable)")
@click.option("--guide", "guide_path", type=click.Path(dir_okay=False),
              help="写出填写与计分说明(.md,由细则生成,细则改了重新生成)/ write the facts guide (.md), generated "
                   "from the rubric")
@click.option("--by-department", "department_key", is_flag=False, flag_value="", default=None, metavar="[栏名]",
              help="填报表(.xlsx)中每个牵头部门另有一张表,只列它牵头的指标用到的事实;栏名默认是细则记录的"
                   "牵头单位、牵头部门、责任单位、考核部门……中的第一个 / a sheet per lead department (.xlsx) with "
                   "only the facts of the items it leads; the column defaults to the first of 牵头单位, 责任单位, "
                   "考核部门 … the rubric records")
@click.option("--force", is_flag=True, help="覆盖已有的模板文件 / overwrite an existing template file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="终端输出格式 / terminal output format")
def inputs(file, template_path, guide_path, units, department_key, force, fmt) -> None:
    import json
    import os

    from . import load
    from .atomic import output_problem, refuse_inputs, write_bytes
    from .diagnostics import make
    from .templates import LEAD_KEYS, computed, lead_key, needs, recorded_keys, template_bytes

    rubric = load(file)
    if not rubric.ok:
        _print_diagnostics(rubric.check())
        click.echo(f"{file}: " + say("细则有错误,请先改正"), err=True)
        sys.exit(1)
    model = rubric.model
    wanted = needs(model)
    if fmt == "json":
        click.echo(json.dumps([need.to_json() for need in wanted], ensure_ascii=False, indent=2))
    else:
        _console().print(_needs_table(model, wanted))
        for fact in computed(model):
            click.echo(f"「{fact.name}」" + say("不用填写:计分时{how}", how=fact.cohort.text))
    if guide_path is not None:
        _write_guide(rubric, file, guide_path, force)
    if template_path is None:
        return
    if not template_path.lower().endswith((".xlsx", ".csv", ".json")):
        _fail([make("GR502", detail=built("{template_path}: 模板的扩展名应是 .xlsx、.csv 或 .json",
                                          template_path=template_path))], 1)
    if department_key is not None:
        if not template_path.lower().endswith(".xlsx"):
            _fail([make("GR502", detail=built("{template_path}: 每个部门一张表只能写在 .xlsx 填报表中",
                                              template_path=template_path))], 1)
        recorded = recorded_keys(model)
        department_key = department_key.strip() or lead_key(model)
        if department_key is None or department_key not in recorded:
            wanted_key = department_key or "、".join(LEAD_KEYS[:5]) + "……"
            _fail([make("GR502", detail=built("{template_path}: 细则的指标上没有记录「{wanted_key}」,无法按部门分表",
                                              template_path=template_path, wanted_key=wanted_key),
                        help=built("细则记录的栏有:{x};用 --by-department 栏名 选一栏", x='、'.join(recorded)) if recorded
                        else "在指标下写明牵头部门,如 牵头单位:「县政务服务中心」")], 1)
    _fail([refuse_inputs(template_path, [file])], 1)
    if os.path.exists(template_path) and not force:
        _fail([make("GR503", path=template_path, help="它可能已填有数据;确要覆盖请加 --force,或换一个文件名")], 1)
    _fail([output_problem(template_path)], 1)
    _fail([write_bytes(template_path, template_bytes(model, template_path, list(units), department_key))], 1)
    click.echo(say("已写出填报表") + f": {template_path}\n"
               + say("填好后运行") + f": govrubric score {file} --facts {template_path} -o 报告.xlsx", err=True)


def _write_guide(rubric, file: str, guide_path: str, force: bool) -> None:
    """The facts guide at guide_path; an existing file is replaced only if govrubric wrote it (or --force)."""
    import os

    from .atomic import refuse_inputs, write_text
    from .diagnostics import make
    from .guide import generated as written_by_govrubric
    from .guide import guide

    if not guide_path.lower().endswith(".md"):
        _fail([make("GR502", detail=built("{guide_path}: 说明的扩展名应是 .md", guide_path=guide_path))], 1)
    _fail([refuse_inputs(guide_path, [file])], 1)
    if os.path.exists(guide_path) and not force:
        with open(guide_path, encoding="utf-8", errors="replace") as handle:
            generated = written_by_govrubric(handle.readline().rstrip("\n"))
        if not generated:
            _fail([make("GR503", path=guide_path, help="它不是 govrubric 生成的说明,可能是手写的;确要覆盖请加 --force")], 1)
    text = guide(rubric.model, rubric.tree, rubric.source.text, file, guide_path)
    _fail([write_text(guide_path, text)], 1)
    click.echo(say("已写出填写说明") + f": {guide_path}", err=True)


def _needs_table(model, wanted):
    from rich.table import Table
    from rich.text import Text

    from .facts import CATEGORY_KEY
    from .textsafe import terminal_value

    from .i18n import language, phrase, word

    english = language() == "en"
    optional = sum(1 for need in wanted if need.fact.optional)
    title = word("细则「{title}」要求每个单位填写{count}个事实({optional}个可空)", title=model.title, count=len(wanted),
                 optional=optional)
    caption = word("另有「单位」列(单位名称)") + (
        word("和「{key}」列({categories})", key=CATEGORY_KEY, categories=listed(model.categories))
        if model.categories else "")
    table = Table(title=Text(terminal_value(title)), caption=Text(terminal_value(caption)))
    for heading in ("事实", "类型", "应填", "用于指标"):
        table.add_column(word(heading), overflow="fold")  # Chinese has no spaces to wrap at; never cut a name short
    for need in wanted:
        name = need.fact.name + (word("(可空)") if need.fact.optional else "")
        expected = (phrase(need.expected) if english else need.expected) + (f";{need.who}" if need.who else "")
        table.add_row(*(Text(terminal_value(text)) for text in (name, need.kind_words, expected,
                                                                 listed(need.items) or word("(未用到)"))))
    return table


@main.command(short_help="找出细则中的问题并举例 / find mistakes, with example facts",
              help="找出细则中真正会影响计分的问题(分值不符、达不到满分、档次缺漏或重叠、上限、用不到的事实……),"
                   "每条给出代码、指标、位置和一组能重现问题的事实。有错误时退出码 1;--strict 时有警告也为 1。"
                   "在指标下写「# lint: 忽略 GL201 原因:……」可以忽略该项的某个问题。代码说明见 docs/lint-rules.md。\n\n"
                   "Find the mistakes in rubrics (points that do not add up, full points out of reach, tier gaps and "
                   "overlaps, caps, unused facts …), each with a code, the item, file:line:col and example facts. "
                   "Exit 1 on errors; with --strict also on warnings.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式 / output format")
@click.option("--strict", is_flag=True, help="有警告也以 1 退出 / exit 1 on warnings too")
@click.option("--decisions", is_flag=True,
              help="列出计分依赖的全部口径(指标、原文用词、读法、由谁决定)/ list every reading the scores rely on")
def lint(files, fmt, strict, decisions) -> None:
    from .lint.output import run

    sys.exit(run(files, fmt, strict, decisions, click.echo))


@main.command(name="fmt", short_help="统一细则的格式 / format rubric files",
              help="把细则改写为统一格式:按层级缩进、统一标点和编号写法,每条条款一行;用词照原样,保留全部注释和空行分组,"
                   "含义不变(改写前核对:改写后的细则与原文逐项相同,否则不写入)。--check 只检查:"
                   "有文件需要改写时显示差异,退出码 1。\n\n"
                   "Rewrite rubric files in the canonical layout (indentation by level, one punctuation and "
                   "numbering style, one clause a line), keeping the author's words, every comment and blank-line "
                   "grouping; the meaning "
                   "is verified unchanged before anything is written. --check only reports: it shows a diff and "
                   "exits 1 when a file is not formatted.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--check", "check_only", is_flag=True,
              help="只检查,不改写;需要改写时显示差异并以 1 退出 / check only: show a diff, exit 1 if not formatted")
def fmt_command(files, check_only) -> None:
    from .fmt import write_formatted
    from .service import format_file

    failed = unformatted = False
    for path in files:
        result = format_file(path)
        if result.text is None:
            _print_diagnostics(result.problems)
            click.echo(f"{path}: " + say("无法格式化"), err=True)
            failed = True
        elif not result.changed:
            click.echo(f"{path}: " + say("格式已统一"), err=True)
        elif check_only:
            click.echo(result.diff(), nl=False)
            click.echo(f"{path}: " + say("需要格式化"), err=True)
            unformatted = True
        else:
            problem = write_formatted(result)
            if problem is not None:
                _print_diagnostics([problem])
                failed = True
            else:
                click.echo(f"{path}: " + say("已格式化"), err=True)
    sys.exit(1 if failed or unformatted else 0)


@main.command(name="compile", short_help="编译为独立的 Python 计分程序 / compile to a standalone Python scorer",
              help="把细则编译成一个只依赖 Python 标准库的计分程序(.py):每个指标一个函数,每条条款前注明原文和行号;"
                   "score(事实) 给出各项得分,explain(事实) 给出与 govrubric score 相同的说明。"
                   "同一细则编译结果逐字节相同,可与细则一起存档、比较。\n\n"
                   "Compile a rubric to one Python module that needs only the standard library: one function per "
                   "item, each clause's code under a comment quoting it; score(facts) and explain(facts) give the "
                   "same results as govrubric score. The same rubric always compiles to the same bytes.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric compile 细则.rubric -o scorer.py\n"
                   "  python -c \"import scorer; print(scorer.score({...}))\"")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="写出的计分程序 / the scorer module to write (.py)")
@click.option("--force", is_flag=True, help="覆盖不是 govrubric 生成的已有文件 / overwrite a file govrubric did not write")
@click.option("--target", type=click.Choice(["python", "sql"]), default="python",
              help="python:计分程序;sql:对事实表(每个单位一行)计分的一条 SQL 查询(见 docs/sql.md)"
                   " / a Python scorer, or one SQL query over a facts table")
@click.option("--dialect", type=click.Choice(["duckdb", "spark"]), default="duckdb",
              help="--target sql 时的 SQL 方言 / the SQL dialect")
def compile_command(file, output, force, target, dialect) -> None:
    import os

    if target == "sql":
        from .sql.command import compile_sql

        sys.exit(compile_sql(file, output, dialect, click.echo, _print_diagnostics))

    from . import load
    from .atomic import refuse_inputs, write_text
    from .codegen import generate, is_generated
    from .diagnostics import make

    rubric = load(file)
    if not rubric.ok:
        _print_diagnostics(rubric.check())
        click.echo(f"{file}: " + say("细则有错误,不能编译"), err=True)
        sys.exit(1)
    _fail([refuse_inputs(output, [file])], 1)
    if os.path.exists(output) and not force and not is_generated(output):
        _fail([make("GR503", path=output, help="它不是 govrubric 编译出的计分程序;确要覆盖请加 --force,或换一个文件名")], 1)
    _fail([write_text(output, generate(rubric.model, rubric.line_of))], 1)
    stem = os.path.splitext(os.path.basename(output))[0]
    click.echo(say("已写出计分程序") + f": {output}", err=True)
    if not stem.isidentifier() or not output.endswith(".py"):
        click.echo(say("注意:「{name}」不是合法的 Python 模块名,不能直接 import;可改名为 scorer.py 之类",
                       name=os.path.basename(output)), err=True)


@main.command(name="render", short_help="生成发布用的考评细则(Word、PDF、Excel)/ the rubric as published",
              help="把细则生成发布用的考评细则:.docx 是发文的附件(附件N、小标宋标题、〔考评方式〕、仿宋表格,"
                   "上级指标合并单元格,每页重复表头,页码),.pdf 是同一版式(用 LibreOffice 转换),"
                   ".xlsx(可直接打印)、.html(单个网页)、.md 是评分表。评分标准照作者写的(条款上方的「# 原文:」"
                   "引文,没有引文时照条款原文);--wording 模型 改为由计分含义重新写出,用来核对含义。\n\n"
                   "Write the rubric as published: .docx is the attachment of the notice (附件N label, title, "
                   "〔…〕 line, the table with merged cells for parents, a header row repeated on every page, page "
                   "numbers), .pdf the same layout (converted by LibreOffice), .xlsx, .html and .md the table. "
                   "The scoring standards are as the author wrote them (the `# 原文:` quote above a clause, else the "
                   "clause); --wording 模型 words each from what is scored, to check the meaning.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric render 细则.rubric -o 细则.docx\n"
                   "  govrubric render 细则.rubric -o 细则.pdf --attachment 2\n"
                   "  govrubric render 细则.rubric -o 核对.xlsx --wording 模型")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="写出的文件 / the file to write (.docx, .pdf, .xlsx, .html, .md)")
@click.option("--wording", type=click.Choice(["原文", "模型"]), default="原文", show_default=True,
              help="评分标准的写法:原文(作者写的)或 模型(由计分含义写出)/ the standards as written, or worded "
                   "from what is scored")
@click.option("--attachment", default="1", show_default=True, metavar="N",
              help="附件编号(.docx、.pdf 左上角的「附件N」;空字符串则不写)/ the attachment number (empty: none)")
@click.option("--portrait", is_flag=True, help="A4 纵向(默认横向)/ A4 portrait (default landscape)")
def render_command(file, output, wording, attachment, portrait) -> None:
    from . import load
    from .atomic import output_problem, refuse_inputs, write_bytes
    from .attachment import NoConverter
    from .diagnostics import make
    from .render import FORMATS, render_bytes

    if not output.lower().endswith(FORMATS):
        _fail([make("GR502", detail=built("{output}: 文件的扩展名应是 {x} 之一", output=output, x='、'.join(FORMATS)))], 1)
    _fail([refuse_inputs(output, [file]) or output_problem(output)], 1)
    rubric = load(file)
    if not rubric.ok:
        _print_diagnostics(rubric.check())
        click.echo(f"{file}: " + say("细则有错误,不能生成评分表"), err=True)
        sys.exit(1)
    try:
        data = render_bytes(output, rubric.model, rubric.tree, rubric.source.text, wording, attachment,
                            landscape=not portrait)
    except ImportError as err:  # python-docx (and its lxml) missing, as in a single-file build for another system
        _fail([make("GR502", detail=built("{output}: 写 Word 文件需要 python-docx({err});请 pip install python-docx,或改写 .xlsx、.html",
                                          output=output, err=err))], 1)
    except NoConverter as err:  # no LibreOffice to make the PDF
        _fail([make("GR502", detail=f"{output}: {err}")], 1)
    _fail([write_bytes(output, data)], 1)
    click.echo(say("已写出") + f": {output}", err=True)


@main.command(name="diff", short_help="比较两版细则 / what changed between two rubrics",
              help="逐项比较两版细则:新增、删除、移动(改了编号的按标题对上)的指标,分值和条款的改动(列出新旧原文),"
                   "以及每个指标可能得分范围的变化。--facts 给出去年的事实数据时,按两版细则分别计分,"
                   "列出每个单位的得分变化和引起变化的指标。\n\n"
                   "Compare two versions of a rubric item by item: items added, removed and moved (renumbered "
                   "items are matched by title), points and clauses changed (old and new wording), and the change "
                   "in each item's reachable range. With --facts (last year's facts), every unit is scored under "
                   "both versions side by side, with the items that moved its score.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric diff 细则2023.rubric 细则2024.rubric --facts 2023数据.xlsx -o 回测.xlsx")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False),
              help="去年的事实数据,按两版细则回测 / last year's facts, scored under both versions")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式 / output format")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="回测写成表格,每个单位一行(要 --facts)/ write the back-test, one row per unit (.xlsx, .csv; needs --facts)")
@click.option("--old-reading", "old_readings", multiple=True, metavar="口径=读法",
              help="旧版按这种读法计分(可写多次;两个文件可以是同一个,比较两种读法)"
                   " / a reading for the old version (repeatable; compare two readings of one file)")
@click.option("--new-reading", "new_readings", multiple=True, metavar="口径=读法",
              help="新版按这种读法计分(可写多次)/ a reading for the new version (repeatable)")
def diff_command(old, new, facts_path, fmt, output, old_readings, new_readings) -> None:
    import json

    from . import GovrubricError, load
    from .atomic import output_problem, refuse_inputs, write_bytes
    from .backtest import BACKTEST_FORMATS, backtest, backtest_bytes, backtest_json, backtest_text
    from .diagnostics import make
    from .diff import compare, diff_json, diff_text

    if output is not None:
        if facts_path is None:
            _fail([make("GR502", detail=built("{output}: 写回测表要给出 --facts(去年的事实数据)", output=output),
                        help="govrubric diff 旧.rubric 新.rubric --facts 数据.xlsx -o 回测.xlsx")], 1)
        _fail([refuse_inputs(output, [old, new, facts_path])], 1)
        if not output.lower().endswith(BACKTEST_FORMATS):
            _fail([make("GR502", detail=built("{output}: 回测表的扩展名应是 {x} 之一",
                                              output=output, x='、'.join(BACKTEST_FORMATS)))], 1)
        _fail([output_problem(output)], 1)

    try:
        loaded = [load(old, readings=old_readings), load(new, readings=new_readings)]
    except GovrubricError as err:
        _fail(err.diagnostics, 1)
    for path, rubric in zip((old, new), loaded):
        if not rubric.ok:
            _print_diagnostics(rubric.check())
            click.echo(f"{path}: " + say("细则有错误,不能比较"), err=True)
    if not all(rubric.ok for rubric in loaded):
        sys.exit(1)
    result = compare(*loaded)
    test = None
    if facts_path is not None:
        test, problems = backtest(result, *loaded, facts_path)
        _fail(problems, 2)
    if fmt == "json":
        data = diff_json(result)
        if test is not None:
            data["backtest"] = backtest_json(test)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from .textsafe import terminal

        click.echo(terminal(diff_text(result) + (backtest_text(test) if test is not None else "")), nl=False)
    if output is not None and test is not None:
        graded = any(rubric.model.grades is not None for rubric in loaded)
        _fail([write_bytes(output, backtest_bytes(output, test, old, new, graded))], 1)
        click.echo(say("已写出回测表") + f": {output}", err=True)


@main.command(name="serve", short_help="打开工作台网页 / start the workbench web page",
              help="在浏览器中编写、检查细则并为单位计分:启动后在浏览器中打开显示的网址。WORKSPACE 是存放细则的文件夹"
                   "(默认当前文件夹),只能打开和保存其中的 .rubric 文件。默认只有本机可以访问;--host 0.0.0.0 让办公网络中的"
                   "同事访问,这时需要启动时显示的访问令牌(含在网址中)。\n\n"
                   "Write, check and score rubrics in the browser: open the address it prints. WORKSPACE is the folder of "
                   "rubrics (default: the current folder). Only this computer can reach it unless --host is given; then "
                   "the access token printed at start-up (part of the address) is required.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric serve 细则文件夹\n"
                   "  govrubric serve 细则文件夹 --host 0.0.0.0 --port 8765")
@click.argument("workspace", required=False, default=".", type=click.Path(file_okay=False, exists=True))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="端口 / port")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听的地址;不是本机时需要访问令牌 / address to listen on; off this computer a token is required")
def serve_command(workspace, port, host) -> None:
    from .workbench import serve

    serve(workspace, host=host, port=port, echo=lambda line: click.echo(line, err=True))


@main.command(name="lsp", short_help="语言服务器(给 VS Code 等编辑器)/ the language server for editors",
              help="通过标准输入输出提供 Language Server Protocol 服务,供 VS Code 等编辑器使用:边写边查(check 和 lint)、"
                   "悬停说明、转到定义、查找引用、补全、大纲、格式化和快速修复。由编辑器启动,不需要手动运行;"
                   "VS Code 扩展见 editors/vscode/。\n\n"
                   "Speak the Language Server Protocol over stdio for VS Code and other editors: diagnostics from "
                   "check and lint, hover, definition, references, completion, outline, formatting and quick fixes. "
                   "Editors start it; see editors/vscode/.")
def lsp_command() -> None:
    from .lsp import main as serve_lsp

    serve_lsp()


@main.command(name="new", short_help="写一份起步细则 / write a starting rubric",
              help="写出一份带注释的起步细则,每种写法各有一例(总体设置、各种编号、事实类型、分档、每次计分、"
                   "逐次加重、分别/依次、视情、上下限、口径……),照着改写即可;它能通过 govrubric check。"
                   "不给文件名时输出到屏幕。\n\n"
                   "Write a commented starting rubric with one example of every construct; it passes "
                   "govrubric check. Without a file name it is printed.\n\n"
                   "\b\n例 / Example:\n"
                   "  govrubric new 细则2025.rubric")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
def new_command(file, force) -> None:
    import os

    from .atomic import write_text
    from .diagnostics import make
    from .starter import STARTER

    if file is None:
        click.echo(STARTER, nl=False)
        return
    if os.path.exists(file) and not force:
        _fail([make("GR503", path=file, help="它可能是写好的细则;确要覆盖请加 --force,或换一个文件名")], 1)
    _fail([write_text(file, STARTER)], 1)
    click.echo(say("已写出起步细则") + f": {file}\n" + say("改写后运行") + f": govrubric check {file}", err=True)
