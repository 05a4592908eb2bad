"""The command line, through click's runner and through a real process."""
import json
import subprocess
import sys
from pathlib import Path

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
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_ok_and_error(tmp_path):
    good = write(tmp_path, "good.rubric", RUBRIC)
    bad = write(tmp_path, "bad.rubric", RUBRIC.replace("「指南不一致」每", "「指南不一」每"))
    runner = CliRunner()
    result = runner.invoke(main, ["check", good])
    assert result.exit_code == 0 and "通过检查" in result.output
    result = runner.invoke(main, ["check", bad])
    assert result.exit_code == 1
    assert "bad.rubric:8:3: 错误 GR201 未声明的事实「指南不一」" in result.output
    assert "帮助: 是不是「指南不一致」?" in result.output
    result = runner.invoke(main, ["check", "--format", "json", bad])
    (entry,) = json.loads(result.stdout)
    assert entry["code"] == "GR201" and entry["line"] == 8 and entry["col"] == 3


def test_score_table_explain_and_json(tmp_path):
    rubric = write(tmp_path, "r.rubric", RUBRIC)
    facts = write(tmp_path, "f.json", json.dumps([
        {"单位": "甲局", "单位类别": "部门", "按时公布": True, "指南不一致": 3},
        {"单位": "乙街道", "单位类别": "街道", "按时公布": False, "指南不一致": 0},
    ], ensure_ascii=False))
    runner = CliRunner()
    result = runner.invoke(main, ["score", rubric, "--facts", facts, "--explain"])
    assert result.exit_code == 0, result.output
    assert "甲局" in result.output and "2.7" in result.output
    assert "每抽查发现1次扣0.1分 × 3 = −0.3分" in result.output
    result = runner.invoke(main, ["score", rubric, "--facts", facts, "--format", "json", "--unit", "甲局"])
    (unit,) = json.loads(result.stdout)
    assert unit["total"] == "2.7" and unit["items"][1]["score"] == "1.7"


def test_bad_facts_all_reported_exit_2(tmp_path):
    rubric = write(tmp_path, "r.rubric", RUBRIC)
    facts = write(tmp_path, "f.json", json.dumps([
        {"单位": "甲局", "单位类别": "部门", "按时公布": "也许", "指南不一致": -1},
        {"单位": "甲局", "单位类别": "社区", "按时公布": True, "指南不一至": 1},
    ], ensure_ascii=False))
    result = CliRunner().invoke(main, ["score", rubric, "--facts", facts])
    assert result.exit_code == 2
    out = result.output
    assert "单位「甲局」的事实「按时公布」的值「也许」不合要求:应为是或否" in out
    assert "单位「甲局」的事实「指南不一致」的值「-1」不合要求:应为不小于0的整数" in out
    assert "单位「甲局」重复出现" in out
    assert "类别「社区」未在细则中声明" in out
    assert "未声明的事实「指南不一至」,是不是「指南不一致」?" in out
    assert "缺少事实「指南不一致」" in out


def test_real_process_and_version(tmp_path):
    rubric = write(tmp_path, "r.rubric", RUBRIC)
    done = subprocess.run([sys.executable, "-m", "govrubric", "check", rubric], capture_output=True, text=True)
    assert done.returncode == 0 and "通过检查" in done.stdout
    done = subprocess.run([sys.executable, "-m", "govrubric", "--version"], capture_output=True, text=True)
    assert "govrubric" in done.stdout
    done = subprocess.run([sys.executable, "-m", "govrubric", "check", str(tmp_path / "missing.rubric")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "GR106" in done.stderr and "Traceback" not in done.stderr


def test_score_under_another_reading(tmp_path):
    rubric = write(tmp_path, "r.rubric", """细则「读法」
一、【大厅管理】(4分)
  事实「未制定制度」:是否
  「未制定制度」的,扣0.5分
""")
    facts = write(tmp_path, "f.json", json.dumps([{"单位": "甲局", "未制定制度": True}], ensure_ascii=False))
    runner = CliRunner()
    default = runner.invoke(main, ["score", rubric, "--facts", facts, "--format", "json"])
    assert json.loads(default.stdout)[0]["total"] == "3.5"  # only deductions: from the points
    other = runner.invoke(main, ["score", rubric, "--facts", facts, "--format", "json",
                                 "--reading", "计分方式=从零计分"])
    assert json.loads(other.stdout)[0]["total"] == "0"  # from 0: −0.5, floor 0
    bad = runner.invoke(main, ["score", rubric, "--facts", facts, "--reading", "计分方式=随便"])
    assert bad.exit_code == 1 and "口径「计分方式」只能取" in bad.output


def test_diff_compares_two_readings_of_one_rubric(tmp_path):
    rubric = write(tmp_path, "r.rubric", """细则「读法」
一、【收件率】(5分)
  计分方式:从满分扣减
  事实「排名」:名次
  「排名」前三位,依次加0.5分、1分、1.5分
""")
    facts = write(tmp_path, "f.json", json.dumps([{"单位": "甲局", "排名": 3}], ensure_ascii=False))
    result = CliRunner().invoke(main, ["diff", rubric, rubric, "--facts", facts, "--format", "json",
                                       "--new-reading", "加分上限=不受本项分值限制"])
    assert result.exit_code == 0, result.output
    assert "6.5" in result.stdout  # 5, then + 1.5 for 第3名 once bonuses are not held to the 5 points
