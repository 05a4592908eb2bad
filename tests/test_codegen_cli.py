"""`govrubric compile`: the file it writes, what it refuses to overwrite, and the scorer running in a
fresh virtual environment with nothing installed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

import govrubric
from govrubric.cli import main
from govrubric.codegen import generate

RUBRIC = """细则「小样」
年度 2024
单位类别:「部门」、「街道」
一、【网上办理】(1分)
  事实「全程网办率」:百分比
  「全程网办率」达到93%得1分,90%—92%之间,得0.5分
二、【窗口】(2分)
  事实「明进暗不进问题数」:起数
  「明进暗不进问题数」每发现1起扣0.2分,扣完1分为止
"""
BARE_ENV = {"PYTHONIOENCODING": "utf-8"}  # and no PYTHONPATH: only the scorer's own folder is on the path
FACTS = {"单位": "县发改局", "单位类别": "部门", "全程网办率": "92.5%", "明进暗不进问题数": 3}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compile_writes_the_generated_scorer(tmp_path):
    rubric = write(tmp_path, "小样.rubric", RUBRIC)
    out = tmp_path / "scorer.py"
    result = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(out)])
    assert result.exit_code == 0, result.output
    loaded = govrubric.load(str(rubric))
    assert out.read_text(encoding="utf-8") == generate(loaded.model, loaded.line_of)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scorer.py", "小样.rubric"]  # no temporary left
    again = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(out)])  # a scorer may be recompiled
    assert again.exit_code == 0


def test_compile_refuses_the_input_and_files_it_did_not_write(tmp_path):
    rubric = write(tmp_path, "r.rubric", RUBRIC)
    result = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(rubric)])
    assert result.exit_code == 1 and "GR501" in result.output
    assert rubric.read_text(encoding="utf-8") == RUBRIC
    mine = write(tmp_path, "mine.py", "print('my own code')\n")
    result = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(mine)])
    assert result.exit_code == 1 and "GR503" in result.output and "--force" in result.output
    assert mine.read_text(encoding="utf-8") == "print('my own code')\n"
    result = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(mine), "--force"])
    assert result.exit_code == 0 and mine.read_text(encoding="utf-8").startswith('"""Scorer compiled by govrubric')


def test_compile_reports_a_broken_rubric(tmp_path):
    rubric = write(tmp_path, "bad.rubric", RUBRIC.replace("「明进暗不进问题数」每", "「明进暗不进」每"))
    result = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(tmp_path / "s.py")])
    assert result.exit_code == 1 and "GR201" in result.output and "不能编译" in result.output
    assert not (tmp_path / "s.py").exists()


def test_compile_warns_about_a_name_python_cannot_import(tmp_path):
    rubric = write(tmp_path, "r.rubric", RUBRIC)
    result = CliRunner().invoke(main, ["compile", str(rubric), "-o", str(tmp_path / "yiliang-2023.py")])
    assert result.exit_code == 0 and "不是合法的 Python 模块名" in result.output


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory) -> str:
    """A fresh virtual environment: no pip, no site packages, so govrubric cannot be imported there."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, system_site_packages=False, symlinks=os.name != "nt").create(home)
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    missing = subprocess.run([str(python), "-c", "import govrubric"], capture_output=True, text=True, cwd=home,
                             env={"PATH": os.environ.get("PATH", "")})
    assert missing.returncode != 0 and "ModuleNotFoundError" in missing.stderr
    return str(python)


def test_the_scorer_runs_where_nothing_is_installed(tmp_path, bare_python):
    rubric = write(tmp_path, "小样.rubric", RUBRIC)
    work = tmp_path / "elsewhere"
    work.mkdir()
    assert CliRunner().invoke(main, ["compile", str(rubric), "-o", str(work / "scorer.py")]).exit_code == 0
    code = ("import json, scorer; facts = json.loads(input()); s = scorer.score(facts); "
            "print(json.dumps({k: str(v) for k, v in s.items()}, ensure_ascii=False)); "
            "print(json.dumps(scorer.explain(facts), ensure_ascii=False)); print(scorer.YEAR, scorer.TITLE)")
    done = subprocess.run([bare_python, "-c", code], input=json.dumps(FACTS, ensure_ascii=False), cwd=work,
                          capture_output=True, text=True, encoding="utf-8", env=BARE_ENV)
    assert done.returncode == 0, done.stderr
    scores, explained, meta = done.stdout.splitlines()
    # 一: 92.5% is in neither 达到93% nor 90%—92% → 0; 二: 2 − 3 × 0.2 = 1.4; total 1.4
    assert json.loads(scores) == {"一": "0", "二": "1.4", "总分": "1.4"}
    assert json.loads(explained) == govrubric.load(str(rubric)).score(FACTS).to_json()
    assert meta == "2024 小样"


def test_the_scorer_reports_bad_facts_in_chinese_where_nothing_is_installed(tmp_path, bare_python):
    rubric = write(tmp_path, "r.rubric", RUBRIC)
    assert CliRunner().invoke(main, ["compile", str(rubric), "-o", str(tmp_path / "scorer.py")]).exit_code == 0
    code = ("import scorer\ntry:\n    scorer.score({'单位': '甲', '单位类别': '部门', '全程网办率': '也许'})\n"
            "except scorer.FactsError as err:\n    print(err)")
    done = subprocess.run([bare_python, "-c", code], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                          env=BARE_ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "错误 GR403 单位「甲」的事实「全程网办率」的值「也许」不合要求:应为0%到100%之间的百分数(如 95% 或 95);填的不是数字",
        "错误 GR401 单位「甲」缺少事实「明进暗不进问题数」(应为不小于0的整数)",
    ]


def test_the_shipped_rubric_scores_its_example_units_standalone(tmp_path, bare_python):
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "yiliang.py"
    result = CliRunner().invoke(main, ["compile", str(root / "rubrics" / "yiliang-2023.rubric"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    code = ("import json, decimal, yiliang, sys\n"
            "rows = json.load(open(sys.argv[1], encoding='utf-8'), parse_float=decimal.Decimal)\n"
            "print(json.dumps([str(yiliang.score(row)['总分']) for row in rows]))")
    done = subprocess.run([bare_python, "-c", code, str(root / "rubrics" / "yiliang-2023.facts.json")],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=BARE_ENV)
    assert done.returncode == 0, done.stderr
    rubric = govrubric.load(str(root / "rubrics" / "yiliang-2023.rubric"))
    rows = json.loads((root / "rubrics" / "yiliang-2023.facts.json").read_text(encoding="utf-8"),
                      parse_float=__import__("decimal").Decimal)
    assert json.loads(done.stdout) == [str(rubric.score(row).total) for row in rows]
    assert sys.executable != bare_python
