"""Bad facts in real files: every problem in one run, each naming the place, the unit, the fact, the value and
what was expected; nothing scored unless --keep-going, and then only the valid units."""
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from govrubric.cli import main

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
"""
HEADER = ["单位", "单位类别", "按时公布", "指南不一致", "全程网办率"]
GOOD_A = ["甲局", "部门", "是", 3, "95%"]  # 1 + (2 − 3 × 0.1) + 2 = 4.7
GOOD_B = ["乙街道", "街道", "否", 0, "91%"]  # 0 + 2 + 1 (90% ≤ 91% ≤ 92%) = 3


def rubric(tmp_path: Path) -> str:
    path = tmp_path / "r.rubric"
    path.write_text(RUBRIC, encoding="utf-8")
    return str(path)


def workbook(tmp_path: Path, rows, percent_cells=()) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for coordinate in percent_cells:
        sheet[coordinate].number_format = "0%"
    path = tmp_path / "f.xlsx"
    book.save(path)
    return str(path)


def run(tmp_path, rows, *args, percent_cells=()):
    facts = workbook(tmp_path, rows, percent_cells)
    result = CliRunner().invoke(main, ["score", rubric(tmp_path), "--facts", facts, *args])
    return result, facts


def test_valid_workbook_scores(tmp_path):
    result, _ = run(tmp_path, [HEADER, GOOD_A, GOOD_B])
    assert result.exit_code == 0, result.output
    assert "4.7" in result.stdout and "名次" in result.stdout


def test_missing_column_is_reported_once_not_once_per_unit(tmp_path):
    rows = [[c for c in row if c != 3 and c != 0 and c != "指南不一致"] for row in (HEADER, GOOD_A, GOOD_B)]
    rows.append(["丙局", "部门", "是", "93%"])
    result, facts = run(tmp_path, rows)
    assert result.exit_code == 2
    message = f"{facts}: 错误 GR409 事实文件中没有「指南不一致」(应为不小于0的整数),所有单位都无法计分"
    assert result.output.count(message) == 1
    assert "指南不一致" not in result.output.replace(message, "")  # not once more per unit
    assert result.stdout == ""  # nothing scored


def test_missing_category_column_is_reported_once(tmp_path):
    rows = [[c for i, c in enumerate(row) if i != 1] for row in (HEADER, GOOD_A, GOOD_B)]
    result, facts = run(tmp_path, rows)
    assert result.exit_code == 2
    assert result.output.count("GR409") == 1
    assert f"{facts}: 错误 GR409 事实文件中没有「单位类别」(应为之一:部门、街道),所有单位都无法计分" in result.output


def test_missing_unit_column(tmp_path):
    rows = [["名字"] + HEADER[1:], ["甲局"] + GOOD_A[1:]]
    result, _ = run(tmp_path, rows)
    assert "没有「单位」(应为每个单位的名称)" in result.output
    assert "表头(第一行)中应有一列名为「单位」" in result.output


def test_unknown_column_suggests_the_closest_fact_and_note_columns_are_ignored(tmp_path):
    header = ["单位", "单位类别", "按时公布", "指南不一至", "全程网办率", "备注", "联系人"]
    result, facts = run(tmp_path, [header, GOOD_A + ["已核", "张三"]])
    assert result.exit_code == 2
    assert (f"{facts} D列: 错误 GR410 事实文件中的「指南不一至」列不是细则声明的事实,是不是「指南不一致」?"
            in result.output)
    assert f"{facts} G列: 错误 GR410 事实文件中的「联系人」列不是细则声明的事实\n" in result.output
    assert "帮助: 不计分的列请命名为序号或备注" in result.output
    assert "备注" not in result.output.replace("序号或备注", "")


def test_empty_cell_names_row_column_unit_and_what_to_fill(tmp_path):
    result, facts = run(tmp_path, [HEADER, GOOD_A, ["乙街道", "街道", "否", None, "91%"]])
    assert result.exit_code == 2
    assert (f"{facts} 第3行 D列: 错误 GR411 单位「乙街道」的事实「指南不一致」没有填写(应为不小于0的整数)"
            in result.output)


def test_text_in_a_numeric_cell(tmp_path):
    result, facts = run(tmp_path, [HEADER, ["甲局", "部门", "是", "很多", "95%"]])
    assert (f"{facts} 第2行 D列: 错误 GR403 单位「甲局」的事实「指南不一致」的值「很多」不合要求:"
            "应为不小于0的整数;填的不是数字") in result.output


def test_negative_and_fractional_counts(tmp_path):
    result, _ = run(tmp_path, [HEADER, ["甲局", "部门", "是", -2, "95%"], ["乙街道", "街道", "否", 2.5, "91%"]])
    assert "单位「甲局」的事实「指南不一致」的值「-2」不合要求:应为不小于0的整数;不能是负数" in result.output
    assert "单位「乙街道」的事实「指南不一致」的值「2.5」不合要求:应为不小于0的整数;不能有小数" in result.output


def test_percent_over_100(tmp_path):
    result, facts = run(tmp_path, [HEADER, ["甲局", "部门", "是", 0, "120%"], ["乙街道", "街道", "否", 0, 101]])
    expected = "应为0%到100%之间的百分数(如 95% 或 95);超过了100%"
    assert f"{facts} 第2行 E列: 错误 GR403 单位「甲局」的事实「全程网办率」的值「120%」不合要求:{expected}" in result.output
    assert f"单位「乙街道」的事实「全程网办率」的值「101」不合要求:{expected}" in result.output


def test_percent_written_as_a_fraction_states_the_convention(tmp_path):
    result, facts = run(tmp_path, [HEADER, ["甲局", "部门", "是", 0, 0.95]])
    assert result.exit_code == 2
    assert (f"{facts} 第2行 E列: 错误 GR403 单位「甲局」的事实「全程网办率」的值「0.95」不合要求:"
            "应为0%到100%之间的百分数(如 95% 或 95);按约定不带%的数就是百分数,0.95 会读作 0.95%。"
            "如果指的是95%,请填 95%;如果确实是0.95%,请填 0.95%") in result.output


def test_excel_percent_cell_is_not_a_mistake(tmp_path):
    """Typed as 95% in Excel, the cell stores 0.95 under a percent format: that is 95%, and scores 2."""
    rows = [HEADER, ["甲局", "部门", "是", 3, 0.95], ["乙街道", "街道", "否", 0, 0.91]]
    result, _ = run(tmp_path, rows, "--format", "json", percent_cells=("E2", "E3"))
    assert result.exit_code == 0, result.output
    assert '"total": "4.7"' in result.stdout and '"total": "3"' in result.stdout


def test_duplicated_unit_names_list_every_row(tmp_path):
    result, facts = run(tmp_path, [HEADER, GOOD_A, GOOD_B, ["甲局", "部门", "否", 1, "90%"]])
    assert result.exit_code == 2
    assert f"{facts} 第2行、第4行: 错误 GR404 单位「甲局」重复出现" in result.output
    assert result.output.count("GR404") == 1
    assert "帮助: 每个单位只能占一行" in result.output


def test_row_without_a_unit_name(tmp_path):
    result, facts = run(tmp_path, [HEADER, GOOD_A, [None, "部门", "是", 0, "95%"]])
    assert f"{facts} 第3行 A列: 错误 GR412 这一行没有填写单位名称,无法计分" in result.output


def test_repeated_column(tmp_path):
    result, facts = run(tmp_path, [HEADER + ["按时公布"], GOOD_A + ["否"]])
    assert f"{facts}: 错误 GR413 事实文件中「按时公布」列出现了2次" in result.output


def test_undeclared_or_empty_category(tmp_path):
    result, facts = run(tmp_path, [HEADER, ["甲局", "社区", "是", 0, "95%"], ["乙街道", None, "否", 0, "91%"]])
    assert f"{facts} 第2行 B列: 错误 GR407 单位「甲局」的类别「社区」未在细则中声明;可选:部门、街道" in result.output
    assert f"{facts} 第3行 B列: 错误 GR411 单位「乙街道」的事实「单位类别」没有填写(应为之一:部门、街道)" in result.output


def test_every_problem_in_one_run_and_nothing_scored(tmp_path):
    rows = [HEADER, ["甲局", "部门", "也许", -1, "95%"], ["乙街道", "社区", "是", None, "120%"], GOOD_A]
    result, _ = run(tmp_path, rows)
    assert result.exit_code == 2
    for code in ("GR403", "GR407", "GR411", "GR404"):
        assert code in result.output
    assert result.output.count("错误 GR") == 6  # 也许, −1, 社区, empty, 120%, 甲局 twice
    assert "事实有6处问题,未计分" in result.output
    assert result.stdout == ""


def test_keep_going_scores_the_valid_units_and_lists_the_rest(tmp_path):
    rows = [HEADER, GOOD_A, ["丙局", "部门", "也许", 0, "95%"], GOOD_B]
    facts = workbook(tmp_path, rows)
    report = tmp_path / "报告.xlsx"
    result = CliRunner().invoke(main, ["score", rubric(tmp_path), "--facts", facts, "--keep-going", "-o", str(report)])
    assert result.exit_code == 2  # like make -k: the run did not fully succeed
    assert "甲局" in result.stdout and "乙街道" in result.stdout and "丙局" not in result.stdout
    assert "单位「丙局」的事实「按时公布」的值「也许」不合要求" in result.output
    assert "已为2个单位计分;以下1个单位的事实有问题,未计分:丙局" in result.output
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["汇总", "甲局", "乙街道", "未计分"]
    summary = [row for row in book["汇总"].iter_rows(min_row=3, values_only=True)]
    assert [(r[0], r[1], r[-2], r[-1]) for r in summary] == [(1, "甲局", 4.7, None), (2, "乙街道", 3, None)]  # 总分, 备注
    unscored = list(book["未计分"].iter_rows(values_only=True))
    assert unscored[0][0] == "以下单位的事实有问题,未计分:丙局"
    assert unscored[2][:2] == (f"{facts} 第3行 C列", "GR403")


def test_keep_going_with_a_column_problem_scores_nothing(tmp_path):
    rows = [HEADER + ["指南不一至"], GOOD_A + [1], GOOD_B + [0]]
    result, _ = run(tmp_path, rows, "--keep-going")
    assert result.exit_code == 2 and result.stdout == ""
    assert "事实有1处问题,未计分" in result.output


def test_unknown_unit_suggests_the_closest(tmp_path):
    result, _ = run(tmp_path, [HEADER, GOOD_A, GOOD_B], "--unit", "甲")
    assert result.exit_code == 2
    assert "错误 GR405 找不到单位「甲」,是不是「甲局」?" in result.output


def test_csv_problems_name_rows_and_columns_too(tmp_path):
    path = tmp_path / "f.csv"
    text = "单位,单位类别,按时公布,指南不一致,全程网办率\r\n甲局,部门,是,3,95%\r\n乙街道,街道,否,,91%\r\n"
    path.write_bytes(text.encode("gbk"))
    result = CliRunner().invoke(main, ["score", rubric(tmp_path), "--facts", str(path)])
    assert f"{path} 第3行 D列: 错误 GR411 单位「乙街道」的事实「指南不一致」没有填写" in result.output


def test_unreadable_facts_file_exit_2_without_traceback(tmp_path):
    result = CliRunner().invoke(main, ["score", rubric(tmp_path), "--facts", str(tmp_path / "无.xlsx")])
    assert result.exit_code == 2 and "GR406" in result.output and "无.xlsx" in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash
