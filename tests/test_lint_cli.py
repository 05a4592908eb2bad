"""govrubric lint on the command line: text with caret and example, JSON, exit codes, --strict,
the silenced findings in the summary, --decisions, and rubrics that do not check."""
import json
from pathlib import Path

from click.testing import CliRunner

from govrubric.cli import main

RUBRIC = """细则「小样」
单位类别:「部门」、「街道」
一、【一网通办】(1分)
  事实「全程网办率」:百分比
  「全程网办率」达93%得1分,90%—92%之间,得0.5分,低于90%不得分。
二、【大厅改造】(6分)
  ○(3分)
    事实「完成改造」:是否
    未「完成改造」的,扣0.5分。
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def lint(*args):
    return CliRunner().invoke(main, ["lint", *args])


def test_text_output_has_place_caret_item_and_example(tmp_path):
    path = write(tmp_path, "gap.rubric", RUBRIC)
    result = lint(path)
    assert result.exit_code == 1  # GL101 is an error
    out = result.output
    assert f"{path}:5:3: 警告 GL301 一:「全程网办率」高于92%且低于93%时,没有任何一档适用,本条不计分" in out
    assert "5 |   「全程网办率」达93%得1分" in out
    assert "  | ^^^^" in out.replace("    ", "  ")
    assert "  例: 当「全程网办率」= 92.5%时,没有任何一档适用,本条不计分,本项得0分" in out
    assert f"{path}:6:1: 错误 GL101 二:下级分值合计3分(3),与本项分值6分不符" in out
    assert "1个错误" in out and "1 error(s)" in out


def test_exit_codes_and_strict(tmp_path):
    warnings_only = write(tmp_path, "w.rubric", RUBRIC.split("二、")[0])
    assert lint(warnings_only).exit_code == 0
    assert lint("--strict", warnings_only).exit_code == 1
    clean = write(tmp_path, "c.rubric", "细则「好」\n一、【公布】(1分)\n  事实「公布」:是否\n  「公布」得1分,否则不得分。\n")
    result = lint("--strict", clean)
    assert result.exit_code == 0 and "0个错误、0个警告、0个提示" in result.output


def test_json_is_a_list_with_the_agreed_keys(tmp_path):
    path = write(tmp_path, "gap.rubric", RUBRIC)
    result = lint("--format", "json", path)
    entries = json.loads(result.output)
    assert isinstance(entries, list)
    gap = next(e for e in entries if e["code"] == "GL301")
    assert {"code", "severity", "item", "line", "col", "message", "witness"} <= gap.keys()
    assert (gap["severity"], gap["item"], gap["line"], gap["col"]) == ("warning", "一", 5, 3)
    assert gap["witness"]["facts"] == {"全程网办率": "92.5%"}  # as a facts file would hold it
    assert gap["silenced"] is False
    points = next(e for e in entries if e["code"] == "GL101")
    assert points["witness"] is None and points["severity"] == "error"


def test_json_says_no_upper_bound_in_words_not_as_a_number(tmp_path):
    # a 分值 fact without a range, scored by an item without points, and no cap on the total
    text = "细则「无上限」\n满分 5分\n一、【打分】(5分)\n  1.【考核】\n    事实「考核得分」:分值\n    按「考核得分」计分。\n" \
           "二、【加分】\n  事实「表彰次数」:次数\n  「表彰次数」每次加1分。\n"
    path = write(tmp_path, "open.rubric", text)

    def refuse(constant):
        raise AssertionError(f"{constant} in the JSON")

    entries = json.loads(lint("--format", "json", path).output, parse_constant=refuse)
    by_code = {e["code"]: e for e in entries}
    # 1 + 5 + 5 (一: points, cap) + 1 (每次加1分) + 5 (满分) = 17 bounds every score: a round 1000 passes it
    assert by_code["GL603"]["witness"]["facts"] == {"考核得分": "1000"}
    assert by_code["GL204"]["message"] == "「总分」没有上限,可以任意超过满分5分"


def test_silenced_findings_are_listed_in_the_summary(tmp_path):
    text = RUBRIC.replace("  事实「全程网办率」", "  # lint: 忽略 GL301 原因:原文如此\n  事实「全程网办率」")
    path = write(tmp_path, "quiet.rubric", text)
    result = lint(path)
    assert "GL301 一:" not in result.output
    assert "已忽略1条" in result.output and "一 GL301:原文如此" in result.output
    entries = json.loads(lint("--format", "json", path).output)
    silenced = next(e for e in entries if e["code"] == "GL301")
    assert silenced["silenced"] is True and silenced["reason"] == "原文如此"


def test_rubric_that_does_not_check(tmp_path):
    path = write(tmp_path, "bad.rubric", RUBRIC.replace("「全程网办率」达93%", "「网办率」达93%"))
    result = lint(path)
    assert result.exit_code == 1
    assert "GR201" in result.output and "未做 lint" in result.output
    entries = json.loads(lint("--format", "json", path).output)
    assert entries[0]["code"] == "GR201"


def test_decisions_lists_the_readings(tmp_path):
    path = write(tmp_path, "gap.rubric", RUBRIC)
    result = lint("--decisions", path)
    assert result.exit_code == 0
    assert "计分方式 = 从满分扣减" in result.output  # 二.○1 only deducts: scored down from full, by default
    entries = json.loads(lint("--decisions", "--format", "json", path).output)
    assert any(e["reading"] == "计分方式" and e["origin"] == "默认" for e in entries)


def test_help_is_bilingual():
    result = CliRunner().invoke(main, ["lint", "--help"])
    assert "找出细则中" in result.output and "Find the mistakes" in result.output
