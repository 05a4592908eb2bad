"""`govrubric fmt`: one canonical layout, comments and blank-line groups kept, meaning unchanged."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from govrubric.cli import main
from govrubric.diagnostics import Diagnostics
from govrubric.fmt import format_file, format_text, parse_tree
from govrubric.printer import find_comments, normalise, print_rubric
from govrubric.source import SourceFile

from helpers import HEAVY
from strategies import messy_layouts, rubric_trees
from test_printer import EXEMPTION_AFTER_PER_MEASURE

RUBRICS = sorted(Path(__file__).resolve().parent.parent.joinpath("rubrics").glob("*.rubric"))


def parse(text: str):
    source = SourceFile("t.rubric", text.lstrip("\ufeff").replace("\r\n", "\n"))
    tree = parse_tree(source, Diagnostics(source))
    assert tree is not None
    return tree


def comments(text: str) -> list[str]:
    return [c.text for c in find_comments(text)]


# ------------------------------------------------------------------ the shipped rubrics
@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_shipped_rubrics_format_without_changing_meaning(path):
    original = path.read_text(encoding="utf-8")
    result = format_file(str(path))
    assert result.text is not None, [d.render() for d in result.problems]
    assert parse(result.text) == normalise(parse(original))
    assert format_text(result.text).text == result.text  # idempotent
    assert comments(result.text) == comments(original)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_shipped_rubrics_are_formatted(path):
    """CI's `govrubric fmt --check rubrics/*.rubric`: the shipped rubrics are in the canonical layout."""
    result = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert result.exit_code == 0, result.output
    assert "格式已统一" in result.output


@pytest.mark.parametrize("path", [p for p in RUBRICS if p.with_suffix(".facts.json").exists()], ids=lambda p: p.name)
def test_shipped_rubrics_score_the_same_after_formatting(path, tmp_path):
    formatted = tmp_path / path.name
    formatted.write_text(format_file(str(path)).text, encoding="utf-8")
    facts = str(path.with_suffix(".facts.json"))
    runner = CliRunner()

    def scores(rubric):
        result = runner.invoke(main, ["score", str(rubric), "--facts", facts, "--format", "json"])
        assert result.exit_code == 0, result.output
        units = json.loads(result.stdout)

        def walk(node):
            yield node["path"], node["score"]
            for child in node["children"]:
                yield from walk(child)

        return [(u["unit"], u["total"], [s for item in u["items"] for s in walk(item)]) for u in units]

    assert scores(formatted) == scores(path)


# ------------------------------------------------------------------ properties
@HEAVY
@given(st.data())
def test_formatting_any_layout_keeps_the_rubric(data):
    canonical = print_rubric(data.draw(rubric_trees()))
    messy = data.draw(messy_layouts(canonical))
    result = format_text(messy)
    assert result.text is not None, [d.render() for d in result.problems]
    assert parse(result.text) == normalise(parse(messy))
    assert comments(result.text) == comments(messy)
    assert format_text(result.text).text == result.text


@HEAVY
@example(parse(EXEMPTION_AFTER_PER_MEASURE))  # the generator's clause that once did not parse (test_printer)
@given(rubric_trees())
def test_canonical_text_is_already_formatted(tree):
    text = print_rubric(tree)
    assert format_text(text).text == text


# ------------------------------------------------------------------ layout, by example
MESSY = """\ufeff# 细则开头的注释
细则「样例」
单位类别：「部门」、「街道」
一、【甲】（3分）   # 行尾注释留在行尾


    # 属于下一行的注释
事实「次」:次数
 「次」每抽查发现1次扣0.5分，
# 条款中间的注释提到条款前面
扣完1分为止
二、【乙】(2分)
1、【丙】(1分)
事实「公布」 : 是否
「公布」得1分;否则不得分
# 文件末尾的注释
"""

EXPECTED = """# 细则开头的注释
细则「样例」
单位类别:「部门」、「街道」

一、【甲】(3分)  # 行尾注释留在行尾

  # 属于下一行的注释
  事实「次」:次数
  # 条款中间的注释提到条款前面
  「次」每抽查发现1次扣0.5分,扣完1分为止。

二、【乙】(2分)
  1.【丙】(1分)
    事实「公布」:是否
    「公布」得1分;否则不得分。
# 文件末尾的注释
"""


def test_layout_comments_and_blank_lines():
    assert format_text(MESSY).text == EXPECTED


def test_fmt_keeps_the_authors_words():
    """Layout and punctuation change; words never do: 其余 is not made 否则, 的 is not dropped, 一项 and
    前三位 keep their numerals, 每1次 its 1, 1-3分 its range (as —)."""
    text = ("一、 【甲】 （5分）\n"  # a head's spaces go: nothing but layout stands between its parts
            "事实「率」：百分比\n事实「项」:项数\n事实「公布」:是否\n事实「名」:名次\n事实「曝光」:视情\n"
            "「率」91%及以上得1分，80%—91%（不含）得0.7分，其余不得分\n"
            "「项」每有一项扣0.5分；\n"
            "「公布」的,得1分\n"
            "「名」前三位,依次加0.5分、1分、1.5分\n"
            "「曝光」每发现一起扣1-3分\n"
            "「项」每1项\n   扣0.1分,扣完1分为止\n")
    assert format_text(text).text == ("一、【甲】(5分)\n"
                                      "  事实「率」:百分比\n  事实「项」:项数\n  事实「公布」:是否\n"
                                      "  事实「名」:名次\n  事实「曝光」:视情\n"
                                      "  「率」91%及以上得1分,80%—91%(不含)得0.7分,其余不得分。\n"
                                      "  「项」每有一项扣0.5分;\n"
                                      "  「公布」的,得1分。\n"
                                      "  「名」前三位,依次加0.5分、1分、1.5分。\n"
                                      "  「曝光」每发现一起扣1—3分。\n"
                                      "  「项」每1项 扣0.1分,扣完1分为止。\n")


def test_limits_stay_where_the_rubric_puts_them():
    clause = "一、【甲】(3分)\n事实「次」:次数\n「次」每1次扣0.5分，扣完1分为止\n"
    item = "一、【甲】(3分)\n事实「次」:次数\n「次」每1次扣0.5分；扣完1分为止\n"
    assert format_text(clause).text.endswith("  「次」每1次扣0.5分,扣完1分为止。\n")
    assert format_text(item).text.endswith("  「次」每1次扣0.5分;\n  扣完1分为止。\n")


def test_file_that_does_not_fit_together_is_left_alone(tmp_path):
    path = tmp_path / "bad.rubric"
    path.write_text("一、【甲】(2分)\n事实「率」:百分比\n注:「说明」\n,低于90%不得分\n", encoding="utf-8")
    result = format_file(str(path))
    assert result.text is None and [d.code for d in result.problems] == ["GR205"]
    runner = CliRunner()
    outcome = runner.invoke(main, ["fmt", str(path)])
    assert outcome.exit_code == 1 and "GR205" in outcome.output and "无法格式化" in outcome.output
    assert path.read_text(encoding="utf-8").startswith("一、【甲】(2分)\n事实")


def test_cli_check_shows_a_diff_and_fmt_rewrites(tmp_path):
    path = tmp_path / "r.rubric"
    path.write_bytes("一、【甲】(2分)\r\n事实「次」:次数\r\n「次」每1次扣0.5分\r\n".encode("utf-8"))
    runner = CliRunner()
    checked = runner.invoke(main, ["fmt", "--check", str(path)])
    assert checked.exit_code == 1
    assert checked.stdout == (f"--- {path}\n+++ {path}(格式化后)\n@@ -1,3 +1,3 @@\n 一、【甲】(2分)\n"
                              "-事实「次」:次数\n-「次」每1次扣0.5分\n+  事实「次」:次数\n+  「次」每1次扣0.5分。\n")
    assert path.read_bytes().count(b"\r\n") == 3  # --check writes nothing
    crlf_only = tmp_path / "crlf.rubric"
    crlf_only.write_bytes("一、【甲】(2分)\r\n".encode("utf-8"))
    assert "只有换行符(CRLF)或开头的 BOM 不同" in runner.invoke(main, ["fmt", "--check", str(crlf_only)]).output
    crlf_only.unlink()
    written = runner.invoke(main, ["fmt", str(path)])
    assert written.exit_code == 0 and "已格式化" in written.output
    assert path.read_text(encoding="utf-8") == "一、【甲】(2分)\n  事实「次」:次数\n  「次」每1次扣0.5分。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.rubric"]  # no temporary file left behind
    again = runner.invoke(main, ["fmt", "--check", str(path)])
    assert again.exit_code == 0 and "格式已统一" in again.output


def test_cli_reports_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["fmt", str(tmp_path / "none.rubric")])
    assert result.exit_code == 1 and "GR106" in result.output
