"""govrubric inputs: the facts a rubric needs, and fill-in templates that read back into score."""
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import govrubric
from govrubric.cli import main
from govrubric.templates import needs

RUBRIC = """细则「小样」
单位类别:「部门」、「街道」
一、【公布】(1分)
  事实「按时公布」:是否
  「按时公布」得1分,否则不得分。
二、【指南】(2分)
  事实「指南不一致」:次数
  「指南不一致」每抽查发现1次扣0.1分。
三、【网办】(2分)
  事实「全程网办率」:百分比
  「全程网办率」达到93%得2分,90%—92%之间,得1分,低于90%不得分
四、【信用】(1分)
  事实「承诺数量」:数量
  事实「企业数量」:数量
  「承诺数量」/「企业数量」≥1得1分,≥0.5得0.5分,低于0.5不得分。
五、【通报】
  事实「通报级别」:选项「国家级」、「省级,含部级」
  事实「热线得分」:分值 0—3分
  事实「抽查接通率」:百分比(可空)
  事实「备用」:是否
  「通报级别」为「国家级」的,扣2分
"""


def write(tmp_path: Path, text: str = RUBRIC) -> str:
    path = tmp_path / "r.rubric"
    path.write_text(text, encoding="utf-8")
    return str(path)


def model():
    loaded = govrubric.loads(RUBRIC, "r.rubric")
    assert loaded.ok, [d.render() for d in loaded.check()]
    return loaded.model


def test_needs_lists_every_fact_with_type_expectation_and_readers():
    found = {need.fact.name: need for need in needs(model())}
    assert list(found) == ["按时公布", "指南不一致", "全程网办率", "承诺数量", "企业数量", "通报级别", "热线得分",
                           "抽查接通率", "备用"]
    assert found["按时公布"].items == ("一",) and found["按时公布"].kind_zh == "是否"
    assert found["企业数量"].items == ("四",)  # read as a ratio's denominator
    assert found["通报级别"].items == ("五",)
    assert found["备用"].items == ()  # declared, read by no clause
    assert found["热线得分"].expected == "0到3之间的分数"
    assert found["抽查接通率"].fact.optional


def test_inputs_prints_the_facts_and_json(tmp_path):
    rubric = write(tmp_path)
    result = CliRunner().invoke(main, ["inputs", rubric])
    assert result.exit_code == 0, result.output
    assert "要求每个单位填写9个事实(1个可空)" in result.output
    assert "全程网办率" in result.output and "(未用到)" in result.output
    result = CliRunner().invoke(main, ["inputs", rubric, "--format", "json"])
    listed = json.loads(result.stdout)
    assert listed[0] == {"name": "按时公布", "kind": "bool", "kind_zh": "是否", "expected": "是或否", "optional": False,
                         "options": [], "low": None, "high": None, "items": ["一"], "categories": None}
    assert listed[6]["low"] == "0" and listed[6]["high"] == "3"


def test_inputs_on_a_rubric_with_errors_exits_1(tmp_path):
    rubric = write(tmp_path, RUBRIC.replace("「按时公布」得1分", "「按时公布了」得1分"))
    result = CliRunner().invoke(main, ["inputs", rubric, "--template", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 1 and "GR201" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_xlsx_template_has_comments_validation_formats_and_notes(tmp_path):
    rubric = write(tmp_path)
    template = tmp_path / "填报.xlsx"
    result = CliRunner().invoke(main, ["inputs", rubric, "--template", str(template), "--unit", "甲局",
                                       "--unit", "乙街道"])
    assert result.exit_code == 0, result.output
    assert f"govrubric score {rubric} --facts {template} -o 报告.xlsx" in result.output
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["填报", "说明", "选项"]
    assert book["选项"].sheet_state == "hidden"
    sheet = book["填报"]
    # Two header rows: the top-level items over the facts their clauses read, then the facts.
    groups = [cell.value for cell in sheet[1]]
    assert groups == [None, None, "一、公布", "二、指南", "三、网办", "四、信用", None, "五、通报", "(没有条款用到)",
                      None, None]
    assert sorted(str(r) for r in sheet.merged_cells.ranges) == ["F1:G1", "I1:K1"]  # 四 reads two facts
    header = [cell.value for cell in sheet[2]]
    assert header == ["单位", "单位类别", "按时公布", "指南不一致", "全程网办率", "承诺数量", "企业数量", "通报级别",
                      "热线得分", "抽查接通率", "备用"]
    assert [sheet.cell(row=r, column=1).value for r in (3, 4, 5)] == ["甲局", "乙街道", None]
    assert sheet.freeze_panes == "B3"
    comment = sheet["E2"].comment.text
    assert "「全程网办率」百分比" in comment and "应填:0%到100%之间的百分数" in comment and "用于:三" in comment
    assert "输入 95 即 95%" in comment
    assert "可空" in sheet["J2"].comment.text
    assert "应填之一:部门、街道" in sheet["B2"].comment.text
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert checks["A3:A1002"].type == "custom" and checks["A3:A1002"].formula1 == "COUNTIF($A$3:$A$1002,A3)=1"
    assert checks["B3:B1002"].type == "list" and checks["B3:B1002"].formula1 == '"部门,街道"'  # a drop-down
    assert checks["C3:C1002"].formula1 == '"是,否"'
    assert (checks["D3:D1002"].type, checks["D3:D1002"].operator, checks["D3:D1002"].formula1) == \
        ("whole", "greaterThanOrEqual", "0")
    # A percent-formatted cell stores a typed 95 as 0.95; a cell without the format stores 95 (read as 95%):
    # both pass, so the 95 a staffer types in any row is never blocked.
    percent = checks["E3:E1002"]
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")
    assert sheet.column_dimensions["E"].number_format == "0.0##%"
    # the rows staff type in carry their column's format, not only the prefilled ones (and the column style the rest)
    assert {sheet.cell(row=r, column=5).number_format for r in (3, 4, 6, 100, 202)} == {"0.0##%"}
    assert {sheet.cell(row=r, column=4).number_format for r in (3, 6, 202)} == {"0"}  # counts: whole numbers
    assert {sheet.cell(row=r, column=1).number_format for r in (3, 6, 202)} == {"@"}  # names: text as typed
    assert {sheet.cell(row=r, column=8).number_format for r in (3, 6, 202)} == {"@"}  # options: text
    assert [sheet.column_dimensions[c].number_format for c in "ADEH"] == ["@", "0", "0.0##%", "@"]
    # An option holding a comma cannot sit in an inline list: it comes from the hidden sheet.
    assert checks["H3:H1002"].formula1 == "'选项'!$A$1:$A$2"
    assert [book["选项"].cell(row=r, column=1).value for r in (1, 2)] == ["国家级", "省级,含部级"]
    score = checks["I3:I1002"]
    assert (score.type, score.formula1, score.formula2) == ("decimal", "0", "3")
    assert score.operator in (None, "between")  # between is the file format's default operator: it may go unwritten
    assert checks["C3:C1002"].prompt == "是或否" and checks["C3:C1002"].error == "应填:是或否"
    notes = [row for row in book["说明"].iter_rows(values_only=True)]
    assert notes[0][0] == "细则「小样」的事实填报表"
    assert notes[6][:2] == ("A", "单位") and notes[7][:2] == ("B", "单位类别")
    assert ("E", "全程网办率", "百分比", None, "0%到100%之间的百分数(如 95% 或 95)", "三") in notes
    assert ("J", "抽查接通率", "百分比", "是", "0%到100%之间的百分数(如 95% 或 95)", None) in notes


def test_csv_and_json_templates(tmp_path):
    rubric = write(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["inputs", rubric, "--template", str(tmp_path / "t.csv"), "--unit", "甲局"]).exit_code == 0
    data = (tmp_path / "t.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Windows needs the BOM to read UTF-8
    assert data.decode("utf-8-sig").splitlines()[:2] == [
        "单位,单位类别,按时公布,指南不一致,全程网办率,承诺数量,企业数量,通报级别,热线得分,抽查接通率,备用",
        "甲局,,,,,,,,,,"]
    assert runner.invoke(main, ["inputs", rubric, "--template", str(tmp_path / "t.json")]).exit_code == 0
    (unit,) = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert unit["单位"] == "" and unit["全程网办率"] is None and len(unit) == 11


def test_template_never_overwrites_without_force_and_never_the_rubric(tmp_path):
    rubric = write(tmp_path)
    template = tmp_path / "t.xlsx"
    template.write_bytes(b"filled in by staff")
    runner = CliRunner()
    result = runner.invoke(main, ["inputs", rubric, "--template", str(template)])
    assert result.exit_code == 1
    assert f"错误 GR503 文件已存在:{template}" in result.output and "--force" in result.output
    assert template.read_bytes() == b"filled in by staff"
    assert runner.invoke(main, ["inputs", rubric, "--template", str(template), "--force"]).exit_code == 0
    assert openpyxl.load_workbook(template).sheetnames[0] == "填报"
    renamed = tmp_path / "r.json"
    (tmp_path / "r.rubric").rename(renamed)
    result = runner.invoke(main, ["inputs", str(renamed), "--template", str(renamed), "--force"])
    assert result.exit_code == 1 and f"错误 GR501 拒绝覆盖输入文件:{renamed}" in result.output
    assert renamed.read_text(encoding="utf-8") == RUBRIC
    result = runner.invoke(main, ["inputs", str(renamed), "--template", str(tmp_path / "t.txt")])
    assert result.exit_code == 1 and "模板的扩展名应是 .xlsx、.csv 或 .json" in result.output


def test_filled_template_scores(tmp_path):
    """The staffer's path: template → fill in (Excel stores a typed 95% as 0.95 under the percent format) → score."""
    rubric = write(tmp_path)
    template = tmp_path / "t.xlsx"
    CliRunner().invoke(main, ["inputs", rubric, "--template", str(template), "--unit", "甲局", "--unit", "乙街道"])
    book = openpyxl.load_workbook(template)
    sheet = book["填报"]
    # 单位类别 按时公布 指南不一致 全程网办率 承诺数量 企业数量 通报级别 热线得分 抽查接通率 备用
    sheet.append([])  # an untouched template row between the units is no unit
    for row, values in ((3, ["部门", "是", 3, 0.95, 60, 100, "省级,含部级", 2.5, None, "否"]),
                        (4, ["街道", "否", 0, 0.91, 100, 100, "国家级", 0, 0.8, "是"])):
        for column, value in enumerate(values, 2):
            sheet.cell(row=row, column=column, value=value)
    book.save(template)
    result = CliRunner().invoke(main, ["score", rubric, "--facts", str(template), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = {unit["unit"]: unit for unit in json.loads(result.stdout)}
    # 甲局: 1 + (2 − 0.3) + 2 (95% ≥ 93%) + 0.5 (60/100 ≥ 0.5) + 0 = 5.2
    assert scores["甲局"]["total"] == "5.2"
    # 乙街道: 0 + 2 + 1 (90% ≤ 91% ≤ 92%) + 1 (100/100 ≥ 1) − 2 (国家级) = 2
    assert scores["乙街道"]["total"] == "2"


COHORT = """细则「排名」
一、【收件】(3分)
  事实「收件率」:百分比
  事实「收件率排名」:按「收件率」从高到低排名
  「收件率排名」前三位,依次加0.5分、1分、1.5分
"""


def test_values_computed_over_the_units_are_not_in_the_template(tmp_path):
    rubric = write(tmp_path, COHORT)
    template = tmp_path / "t.csv"
    result = CliRunner().invoke(main, ["inputs", rubric, "--template", str(template)])
    assert result.exit_code == 0, result.output
    assert "「收件率排名」不用填写:计分时按「收件率」从高到低排名" in result.output
    assert template.read_text(encoding="utf-8-sig").splitlines() == ["单位,收件率"]
    loaded = govrubric.loads(COHORT, "r.rubric")
    (need,) = needs(loaded.model)
    assert need.fact.name == "收件率" and need.items == ("一",)  # read through its rank


def test_help_is_in_chinese_and_english():
    def help_of(*command):
        return "".join(CliRunner().invoke(main, [*command, "--help"]).output.split())  # wrapping aside

    top = help_of()
    assert "要填的事实与填报表/thefactstofillin,andtemplates" in top
    assert "计分、排名、写报告/score,rankandreportunits" in top
    inputs_help = help_of("inputs")
    assert "写出空白填报表" in inputs_help and "writesablankfill-intemplate" in inputs_help
    score_help = help_of("score")
    assert "事实有问题时一次列出全部问题" in score_help and "everyproblemlisted,nothingscored" in score_help
    assert "--keep-going" in score_help and "-o,--output" in score_help


SHIPPED = sorted(Path(__file__).parent.parent.glob("rubrics/*.facts.json"))


def _as_excel_stores_it(value):
    """A JSON fact as a staffer types it into the template and Excel stores it."""
    from decimal import Decimal

    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and value.endswith("%"):
        return float(Decimal(value[:-1]) / 100)  # float-ok: Excel keeps a typed 93% as the double 0.93
    if isinstance(value, Decimal):
        return float(value)  # float-ok: Excel stores numbers as doubles
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def test_shipped_rubrics_score_the_same_from_a_filled_template_as_from_json(tmp_path):
    """For each shipped rubric with sample facts: template → filled in as Excel stores it → the same scores."""
    from decimal import Decimal

    assert SHIPPED, "rubrics/*.facts.json"
    runner = CliRunner()
    for facts_json in SHIPPED:
        rubric = str(facts_json).replace(".facts.json", ".rubric")
        units = json.loads(facts_json.read_text(encoding="utf-8"), parse_float=Decimal)
        template = tmp_path / f"{facts_json.stem}.xlsx"
        names = [unit["单位"] for unit in units]
        result = runner.invoke(main, ["inputs", rubric, "--template", str(template)]
                               + [arg for name in names for arg in ("--unit", name)])
        assert result.exit_code == 0, result.output
        book = openpyxl.load_workbook(template)
        sheet = book["填报"]
        header = [cell.value for cell in sheet[2]]  # under the row of top-level items
        for row, unit in enumerate(units, 3):
            for column, name in enumerate(header[1:], 2):
                if unit.get(name) is not None:
                    sheet.cell(row=row, column=column, value=_as_excel_stores_it(unit[name]))
        book.save(template)
        from_json = runner.invoke(main, ["score", rubric, "--facts", str(facts_json), "--format", "json"])
        from_xlsx = runner.invoke(main, ["score", rubric, "--facts", str(template), "--format", "json"])
        assert from_xlsx.exit_code == 0, from_xlsx.output
        assert json.loads(from_xlsx.stdout) == json.loads(from_json.stdout)


def test_the_template_prints_on_a4_with_its_headers_on_every_page(tmp_path):
    # 小样's eleven columns shrink onto one page wide; 宜良's 120 facts would be unreadable so: they print across
    # pages, the two header rows and the unit names on every one
    small, wide = tmp_path / "小样.xlsx", tmp_path / "宜良.xlsx"
    assert CliRunner().invoke(main, ["inputs", write(tmp_path), "--template", str(small)]).exit_code == 0
    yiliang = Path(__file__).resolve().parent.parent / "rubrics" / "yiliang-2023.rubric"
    assert CliRunner().invoke(main, ["inputs", str(yiliang), "--template", str(wide)]).exit_code == 0
    for path, one_page_wide in ((small, True), (wide, False)):
        book = openpyxl.load_workbook(path)
        for sheet in (book["填报"], book["说明"]):
            assert (int(sheet.page_setup.paperSize), sheet.page_setup.orientation) == (9, "landscape")  # A4
        data, notes = book["填报"], book["说明"]
        assert (data.print_title_rows, data.print_title_cols) == ("$1:$2", "$A:$A")
        fitted = data.sheet_properties.pageSetUpPr
        assert bool(fitted and fitted.fitToPage) is one_page_wide
        if one_page_wide:
            assert data.page_setup.fitToHeight == 0  # as many pages long as the units take
        assert notes.sheet_properties.pageSetUpPr.fitToPage and notes.page_setup.fitToHeight == 0


def test_a_percent_typed_as_95_in_any_row_is_95_percent(tmp_path):
    """Row 300 has no cell format of its own: a spreadsheet that stores the typed 95 as 95 (not 0.95 under the
    percent format) passes the 0–100 validation, and 95 is read as 95% by the convention."""
    rubric = write(tmp_path)
    template = tmp_path / "t.xlsx"
    CliRunner().invoke(main, ["inputs", rubric, "--template", str(template)])
    book = openpyxl.load_workbook(template)
    sheet = book["填报"]
    percent = next(v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith("E"))
    assert str(percent.sqref) == "E3:E1002"
    assert float(percent.formula1) <= 95 <= float(percent.formula2)
    row = ["丙局", "部门", "是", 0, 95, 1, 1, "国家级", 0, None, "否"]
    for column, value in enumerate(row, 1):
        sheet.cell(row=300, column=column, value=value)
    book.save(template)
    result = CliRunner().invoke(main, ["score", rubric, "--facts", str(template), "--format", "json"])
    assert result.exit_code == 0, result.output
    (unit,) = json.loads(result.stdout)
    # 一 1 + 二 2 + 三 2 (95% ≥ 93%) + 四 1 (1/1 ≥ 1) + 五 −2 (国家级), from 0: 4
    assert unit["unit"] == "丙局" and unit["total"] == "4"
