"""`govrubric score --engine duckdb` and `govrubric compile --target sql`: files in and out, facts checked as
the Python path checks them, explanations on demand, refusals and GR422 as diagnostics."""
from __future__ import annotations

import csv
import random
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner
from strategies import random_rows

import govrubric
from govrubric.cli import main
from govrubric.stream import write_scores

duckdb = pytest.importorskip("duckdb")

RUBRIC = """细则「小样」
单位类别:「部门」、「街道」
一、【公布】(1分)
  事实「按时公布」:是否
  「按时公布」得1分,否则不得分。
二、【指南】(2分)
  事实「指南不一致」:次数
  「指南不一致」每抽查发现1次扣0.1分。
三、【网办】(2分)
  事实「网办率」:百分比
  「网办率」达到93%得2分,90%—93%(不含)得1分。
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def write_csv(path: Path, header: list[str], rows: list[list]) -> str:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def test_scores_a_csv_as_the_streaming_scorer_does_byte_for_byte(tmp_path):
    rubric_path = write(tmp_path, "t.rubric", RUBRIC)
    facts = write_csv(tmp_path / "f.csv", ["单位", "单位类别", "按时公布", "指南不一致", "网办率"], [
        ["甲", "部门", "是", "3", "93%"],
        ["乙", "街道", "否", "０", "９１．５％"],  # full width: only the Python checker reads it; it is valid
        ["丙", "部门", "√", "1,000", "90"],  # 1,000 times: the checker reads 1000
        ["丁", "部门", "1", "25", "92.9%"],
    ])
    runner = CliRunner()
    result = runner.invoke(main, ["score", rubric_path, "--facts", facts, "--engine", "duckdb", "-o",
                                  str(tmp_path / "sql.csv")])
    assert result.exit_code == 0, result.output
    # 甲: 1 + (2 − 0.3) + 2 = 4.7; 乙: 0 + 2 + 1 (91.5% in [90, 93)) = 3; 丙: 1 + 0 (floor 0) + 1 = 2;
    # 丁: 1 + 0 (2 − 2.5, floored at 0) + 1 = 2
    rows = list(csv.DictReader(open(tmp_path / "sql.csv", encoding="utf-8-sig")))
    assert {r["单位"]: r["总分"] for r in rows} == {"甲": "4.7", "乙": "3", "丙": "2", "丁": "2"}
    summary = write_scores(govrubric.load(rubric_path), facts, str(tmp_path / "stream.csv"))
    assert summary.written
    assert (tmp_path / "sql.csv").read_bytes() == (tmp_path / "stream.csv").read_bytes()


def test_bad_facts_are_reported_as_the_python_path_reports_them_and_nothing_is_written(tmp_path):
    rubric_path = write(tmp_path, "t.rubric", RUBRIC)
    facts = write_csv(tmp_path / "f.csv", ["单位", "单位类别", "按时公布", "指南不一致", "网办率"], [
        ["甲", "部门", "是", "3", "0.95"],  # a bare 0.95 reads 0.95%: asked, not guessed
        ["乙", "处室", "否", "1", "91%"],
        ["甲", "部门", "是", "2", "91%"],
        ["丙", "部门", "是", "1", "93.12345678901%"],  # 11 decimals: more than the SQL column holds
        ["丁", "部门", "是", "1", "91%"],
    ])
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["score", rubric_path, "--facts", facts, "--engine", "duckdb", "-o", str(out)])
    assert result.exit_code == 2
    assert "GR404 单位「甲」重复出现" in result.output
    assert "GR407 单位「乙」的类别「处室」未在细则中声明" in result.output
    assert "GR602 单位「丙」的事实「网办率」的值「93.12345678901」超出 SQL 计分能精确表示的范围" in result.output
    assert not out.exists()
    kept = CliRunner().invoke(main, ["score", rubric_path, "--facts", facts, "--engine", "duckdb", "-o", str(out),
                                     "--keep-going"])
    assert kept.exit_code == 2 and out.exists()
    # 甲 is named twice: left out altogether, as `govrubric score --keep-going` leaves it out
    assert [(r["单位"], r["总分"]) for r in csv.DictReader(open(out, encoding="utf-8-sig"))] == [("丁", "3.9")]


def test_parquet_in_and_out_with_a_cohort_and_an_explanation(tmp_path):
    rubric = govrubric.load("rubrics/gongshu-2021.rubric")
    rows = random_rows(rubric.model, random.Random(7), 25)
    expected = {r.unit: r for r in rubric.score_cohort(rows)}
    names = ["单位", "单位类别"] + [f.name for f in rubric.model.facts.values() if f.cohort is None]

    def text(value):
        if value is None:
            return None
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, list):
            import json

            return json.dumps(value, ensure_ascii=False, default=str)
        return str(value)

    con = duckdb.connect()
    con.execute("CREATE TABLE t (" + ", ".join(f'"{n}" VARCHAR' for n in names) + ")")
    con.executemany("INSERT INTO t VALUES (" + ", ".join("?" for _ in names) + ")",
                    [[text(row.get(n)) for n in names] for row in rows])
    facts = str(tmp_path / "facts.parquet")
    con.execute(f"COPY t TO '{facts}' (FORMAT parquet)")
    out = str(tmp_path / "scores.parquet")
    result = CliRunner().invoke(main, ["score", "rubrics/gongshu-2021.rubric", "--facts", facts, "-o", out,
                                       "--unit", "单位3", "--explain"])  # auto: Parquet goes to DuckDB
    assert result.exit_code == 0, result.output
    scored = con.execute(f"SELECT * FROM '{out}'").fetchall()
    columns = [c[0] for c in con.description]
    assert len(scored) == 25
    for row in scored:
        found = dict(zip(columns, row))
        want = expected[found["单位"]]
        assert found["总分"] == want.total
        assert all(found[path] == score for path, score in want.scores().items())
    assert f"单位3" in result.output and "在全部单位中算出" in result.output


def test_a_value_waiting_on_itself_is_gr422_and_a_refused_rubric_gr601(tmp_path):
    waiting = write(tmp_path, "w.rubric", """细则「t」
一、【窗口】(3分)
  事实「进驻」:是否
  事实「最低分」:在「进驻」的单位中本项得分的最低值
  「进驻」的,按「最低分」计分。
""")
    facts = write_csv(tmp_path / "f.csv", ["单位", "进驻"], [["甲", "是"], ["乙", "否"]])
    result = CliRunner().invoke(main, ["score", waiting, "--facts", facts, "--engine", "duckdb", "-o",
                                       str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "GR422 无法计算「最低分」" in result.output
    refused = write(tmp_path, "r.rubric", """细则「t」
每低:按比例计
一、【甲】(2分)
  事实「率」:百分比
  「率」不足90%的,每低3个百分点扣0.1分
""")
    result = CliRunner().invoke(main, ["compile", refused, "--target", "sql", "-o", str(tmp_path / "r.sql")])
    assert result.exit_code == 1 and "r.rubric:5:3: 错误 GR601 不能编译为 SQL" in result.output
    assert not (tmp_path / "r.sql").exists()


def test_compile_writes_a_query_duckdb_runs(tmp_path):
    rubric_path = write(tmp_path, "t.rubric", RUBRIC)
    out = tmp_path / "t.sql"
    result = CliRunner().invoke(main, ["compile", rubric_path, "--target", "sql", "-o", str(out)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect()
    con.execute('CREATE TABLE facts ("单位" VARCHAR, "单位类别" VARCHAR, "按时公布" BOOLEAN, '
                '"指南不一致" DECIMAL(15,0), "网办率" DECIMAL(13,10))')
    con.execute("INSERT INTO facts VALUES ('甲', '部门', TRUE, 3, 93)")
    (row,) = con.execute(out.read_text(encoding="utf-8")).fetchall()
    assert row[:3] == ("甲", "部门", D("4.7"))  # 1 + (2 − 3 × 0.1) + 2


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text_as_the_streaming_scorer_writes_it(tmp_path):
    rubric_path = write(tmp_path, "t.rubric", RUBRIC)
    facts = write_csv(tmp_path / "f.csv", ["单位", "单位类别", "按时公布", "指南不一致", "网办率"], [
        ["=HYPERLINK(\"x\")", "部门", "是", "0", "93%"], ["-1", "部门", "是", "0", "93%"], ["@甲", "部门", "否", "0", "93%"]])
    result = CliRunner().invoke(main, ["score", rubric_path, "--facts", facts, "--engine", "duckdb", "-o",
                                       str(tmp_path / "sql.csv")])
    assert result.exit_code == 0, result.output
    assert write_scores(govrubric.load(rubric_path), facts, str(tmp_path / "stream.csv")).written
    assert (tmp_path / "sql.csv").read_bytes() == (tmp_path / "stream.csv").read_bytes()
    assert "'=HYPERLINK" in (tmp_path / "sql.csv").read_text(encoding="utf-8-sig")


def _cell(value) -> str:
    import json
    from decimal import Decimal

    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    return str(value)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import raw_fact_rows, valid_rubric_texts  # noqa: E402


@settings(max_examples=max(5, settings.default.max_examples // 12), deadline=None)
@given(data=st.data())
def test_the_loader_accepts_and_refuses_exactly_what_the_checker_does(data, tmp_path_factory):
    """Rows with mistakes (strategies.raw_fact_rows) through DuckDB's loader and through govrubric score's checks:
    the same units scored, with the same totals, and the same problems for the same units."""
    from govrubric.batch import check_table, score_units
    from govrubric.factsio import read_table
    from govrubric.sql import Unsupported
    from govrubric.sql.loader import score_file

    rubric = govrubric.loads(data.draw(valid_rubric_texts()))
    rows = [data.draw(raw_fact_rows(rubric.model)) for _ in range(data.draw(st.integers(1, 5)))]
    for index, row in enumerate(rows):
        row["单位"] = f"单位{index}"
    names = list(dict.fromkeys(k for row in rows for k in row))
    folder = tmp_path_factory.mktemp("loader")
    facts = write_csv(folder / "f.csv", names, [[_cell(row.get(n)) for n in names] for row in rows])
    table, problems = read_table(facts)
    batch = check_table(table, rubric.model)
    results, cohort_problems = score_units(rubric, batch.units) if batch.units else ([], [])
    want_problems = sorted({(d.code, d.message.split("」")[0])
                            for d in list(problems) + list(batch.problems) + list(cohort_problems)})
    try:
        summary = score_file(rubric, facts, str(folder / "o.csv"), keep_going=True)
    except Unsupported:
        return
    # GR602 is DuckDB's own refusal (a value with more digits than its DECIMAL columns hold exactly)
    too_long = [d for d in summary.problems if d.code == "GR602"]
    got_problems = sorted({(d.code, d.message.split("」")[0]) for d in summary.problems if d not in too_long})
    assert got_problems == want_problems
    if too_long:
        return
    assert summary.written == (bool(batch.units) and not cohort_problems)
    if summary.written:
        scored = {r["单位"]: D(r["总分"]) for r in csv.DictReader(open(folder / "o.csv", encoding="utf-8-sig"))}
        assert scored == {r.unit: r.total for r in results}


def test_a_column_only_one_category_needs_is_missing_when_a_unit_of_that_category_is_in_the_file(tmp_path):
    """Found by the property above: the loader read only the header, so it saw no categories, asked for no
    column, and scored 「达标」 as empty (the item's 1 point lost without a word)."""
    from govrubric.sql.loader import score_file

    rubric = govrubric.loads("""细则「t」
单位类别:「部门」、「街道」
一、【达标】(1分)
  适用:「部门」
  事实「达标」:是否
  「达标」的,得1分。
""")
    facts = write_csv(tmp_path / "f.csv", ["单位", "单位类别"], [["甲", "部门"]])
    summary = score_file(rubric, facts, str(tmp_path / "o.csv"), keep_going=True)
    assert [(d.code, d.message.split("(")[0]) for d in summary.problems] == [("GR409", "事实文件中没有「达标」")]
    assert not summary.written
    streets = write_csv(tmp_path / "s.csv", ["单位", "单位类别"], [["乙", "街道"]])  # no 部门: not needed
    summary = score_file(rubric, streets, str(tmp_path / "o.csv"))
    assert summary.problems == [] and summary.written


def test_a_value_waiting_on_itself_is_a_problem_of_the_summary_not_an_exception(tmp_path):
    from govrubric.sql.loader import score_file

    rubric = govrubric.loads("""细则「t」
一、【窗口】(3分)
  事实「进驻」:是否
  事实「最低分」:在「进驻」的单位中本项得分的最低值
  「进驻」的,按「最低分」计分。
""")
    facts = write_csv(tmp_path / "f.csv", ["单位", "进驻"], [["甲", "是"], ["乙", "否"]])
    summary = score_file(rubric, facts, str(tmp_path / "o.csv"), keep_going=True)
    assert [d.code for d in summary.problems] == ["GR422"] and not summary.written
    assert not (tmp_path / "o.csv").exists()


def test_a_value_computed_over_the_units_typed_in_stops_the_cohort_as_batch_scoring_does(tmp_path):
    """Found by the property above: DuckDB ignored the typed 「最低」 and scored everyone; govrubric score
    refuses the file (GR421), since a typed value is where staff went wrong."""
    from govrubric.sql.loader import score_file

    rubric = govrubric.loads("""细则「t」
一、【比较】(2分)
  事实「率」:百分比
  事实「最低」:「率」的最低值
  「最低」不低于90%的,得2分。
""")
    for suffix in (".csv", ".json"):
        facts = str(tmp_path / f"f{suffix}")
        if suffix == ".csv":
            write_csv(facts, ["单位", "率", "最低"], [["甲", "95%", ""], ["乙", "96%", "80%"]])
        else:
            Path(facts).write_text('[{"单位": "甲", "率": "95%"}, {"单位": "乙", "率": "96%", "最低": "80%"}]',
                                   encoding="utf-8")
        summary = score_file(rubric, facts, str(tmp_path / "o.csv"), keep_going=True)
        assert [(d.code, d.message) for d in summary.problems] == [
            ("GR421", "单位「乙」填写了「最低」,但它由全体单位计算得出,不应填写")], suffix
        assert not summary.written and not (tmp_path / "o.csv").exists()


_NUMBERS = [D(-1), D(0), D(1), D(2), D(5), D("3.25"), D("99.5"), D(100), D("100.5"), D("0.5"), D(-3), None]


@settings(max_examples=max(20, settings.default.max_examples // 2), deadline=None)
@given(data=st.data())
def test_a_parquet_file_of_the_facts_table_s_types_is_checked_as_its_text_would_be(data, tmp_path_factory):
    """A column already of its fact's facts-table type is checked on its values, without text (loader._typed):
    the same file given as the text those values read as (loader._as_text) goes the text way. Both must give the
    same problems, word for word, and the same scores file, byte for byte."""
    from govrubric.sql import Unsupported, compile_query, duck
    from govrubric.sql.columns import fits
    from govrubric.sql.loader import D as dialect, _as_text, score_file

    rubric = govrubric.loads(data.draw(valid_rubric_texts(cohorts=False)))
    try:
        query = compile_query(rubric.model)
    except Unsupported:
        return
    categories = list(rubric.model.categories) or [None]
    con = duckdb.connect()
    duck.create_facts_table(con, query, name="t")
    rows = []
    for index in range(data.draw(st.integers(1, 6), label="units")):
        row = [f"单位{index}", data.draw(st.sampled_from(categories))]
        for column in query.inputs:
            fact = rubric.model.facts[column.fact]
            if column.kind == "bool":
                row.append(data.draw(st.sampled_from([True, False, None])))
            elif column.kind == "number":
                choices = [v for v in _NUMBERS + [fact.low, fact.high] if v is None or fits(column, v)]
                row.append(data.draw(st.sampled_from(choices)))
            elif column.kind == "text":
                row.append(data.draw(st.sampled_from(list(fact.options) + [None])))
            else:
                row.append(None)
        rows.append(row)
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' for _ in rows[0])})", rows)
    folder = tmp_path_factory.mktemp("typed")
    typed, text = str(folder / "typed.parquet"), str(folder / "text.parquet")
    con.execute(f"COPY t TO '{typed}' (FORMAT parquet)")
    described = con.execute("DESCRIBE t").fetchall()
    texts = ", ".join(f"{_as_text(name, kind, rubric.model.facts.get(name))} AS {dialect.ident(name)}"
                      for name, kind, *_ in described)
    con.execute(f"COPY (SELECT {texts} FROM t) TO '{text}' (FORMAT parquet)")
    found = {}
    for path in (typed, text):
        out = folder / (path.rsplit("/", 1)[1] + ".csv")
        summary = score_file(rubric, path, str(out), keep_going=True)
        found[path] = ([(d.code, d.message, str(d.where).replace(path, "F")) for d in summary.problems],
                       summary.written and out.read_bytes())
    assert found[typed] == found[text]


def test_a_parquet_file_typed_or_text_scores_as_its_csv_and_as_the_streaming_scorer_byte_for_byte(tmp_path):
    """The loader reads a Parquet file where each step needs it and converts a typed one where the query uses
    it (views, not copies: docs/performance.md); a CSV is read into a table. Rows only Python reads (a unit
    name with spaces around it) are scored among the others, in file order, and a name written twice is
    refused: all three files give the streaming scorer's scores file, byte for byte, and the same problems."""
    from govrubric.facts import FactChecker
    from govrubric.sql import compile_query, duck
    from govrubric.sql.loader import score_file

    rubric = govrubric.load("rubrics/yiliang-2023.rubric")
    query = compile_query(rubric.model)
    rows = random_rows(rubric.model, random.Random(11), 60)
    for index in (0, 7, 31, 59):
        rows[index]["单位"] = f"  {rows[index]['单位']} "
    rows[40]["单位"] = rows[12]["单位"]  # GR404 for both rows
    names = ["单位", "单位类别"] + [f.name for f in rubric.model.facts.values() if f.cohort is None]
    csv_path = write_csv(tmp_path / "f.csv", names, [[_cell(row.get(n)) for n in names] for row in rows])
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{csv_path}', all_varchar=true, header=true)")
    text = str(tmp_path / "text.parquet")
    con.execute(f"COPY t TO '{text}' (FORMAT parquet)")
    checker = FactChecker(rubric.model)
    units = []
    for row in rows:
        values, category, problems = checker.validate_unit(row, row["单位"].strip())
        assert not problems
        units.append((row["单位"], category, values))
    duck.create_facts_table(con, query, name="typed")
    assert not duck.load_checked(con, query, units, name="typed")
    typed = str(tmp_path / "typed.parquet")
    con.execute(f"COPY typed TO '{typed}' (FORMAT parquet)")
    assert write_scores(rubric, csv_path, str(tmp_path / "stream.csv"), keep_going=True).written
    expected = (tmp_path / "stream.csv").read_bytes()
    outcomes = []
    for path in (csv_path, text, typed):
        out = tmp_path / (Path(path).stem + "-scores.csv")
        summary = score_file(rubric, path, str(out), keep_going=True)
        assert summary.written and summary.scored == 58 and summary.rejected == 1
        assert out.read_bytes() == expected, path
        outcomes.append([(d.code, d.message) for d in summary.problems])
    assert outcomes[0] == outcomes[1] == outcomes[2] and [c for c, _ in outcomes[0]] == ["GR404"]


def test_a_units_total_is_shown_as_points_are_shown(tmp_path):
    # by hand: A 20 + 2.5 + 0.5 = 23 (Decimal arithmetic would say 23.0), C the average (20 + 40) ÷ 2 = 30 (kept as
    # 3E+1 after rounding to two places) + 3 = 33; shown as the scores table shows them: 23, 33
    rubric_path = tmp_path / "t.rubric"
    rubric_path.write_text("""细则「t」
一、【评价】(50分)
  事实「关联样本框」:是否
  事实「评价得分」:分值 0—50分(可空)
  事实「关联部门平均分」:在「关联样本框」的单位中本项得分的平均值
  未「关联样本框」的,按「关联部门平均分」计分;否则按「评价得分」计分
二、【加】(5分)
  事实「甲」:是否
  事实「乙」:是否
  「甲」得2.5分。
  「乙」得0.5分。
""", encoding="utf-8")
    facts = tmp_path / "f.csv"
    facts.write_text("单位,关联样本框,评价得分,甲,乙\nA,true,20,true,true\nB,true,40,false,false\nC,false,,true,true\n",
                     encoding="utf-8")
    for unit, shown in (("A", "A: 总分 23\n"), ("C", "C: 总分 33\n")):
        result = CliRunner().invoke(main, ["score", str(rubric_path), "--facts", str(facts), "--engine", "duckdb",
                                           "-o", str(tmp_path / "out.csv"), "--unit", unit])
        assert result.exit_code == 0, result.output
        assert result.stdout.endswith(shown), result.stdout
