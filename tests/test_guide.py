"""The facts guide is generated from the rubric (govrubric inputs --guide), so it cannot go stale: the shipped
guides are what the command writes today, a computed value is never asked for, and a fact only some
categories need says so."""
from pathlib import Path

import pytest
from click.testing import CliRunner

import govrubric
from govrubric.cli import main
from govrubric.guide import MARKER, guide

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = sorted((ROOT / "rubrics").glob("*.rubric"))


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_the_shipped_guides_are_current(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    relative = f"rubrics/{path.name}"
    written = f"rubrics/{path.stem}.facts-guide.md"
    loaded = govrubric.load(relative)
    expected = guide(loaded.model, loaded.tree, loaded.source.text, relative, written)
    assert (ROOT / written).read_text(encoding="utf-8") == expected, (
        f"{written} is stale: run govrubric inputs {relative} --guide {written}")


TEXT = """细则「t」
单位类别:「部门」、「街道」
一、【窗口】(3分)
  适用:「部门」
  # 填写:窗口被投诉的次数,同一件事只算一次
  事实「投诉」:次数
  事实「收件率」:百分比
  事实「收件率排名」:按「收件率」从高到低排名
  # 口径:排名只在本项考核的部门之间
  「投诉」每次扣1分
  「收件率排名」前1名加1分,加满1分为止
二、【共同】(2分)
  事实「公开」:是否  # 填写:是否按时公开
  「公开」得2分
"""


def _guide(tmp_path) -> str:
    path = tmp_path / "t.rubric"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["inputs", str(path), "--guide", str(tmp_path / "说明.md")])
    assert result.exit_code == 0, result.output
    return (tmp_path / "说明.md").read_text(encoding="utf-8")


def test_a_guide_by_example(tmp_path):
    text = _guide(tmp_path)
    assert text.startswith(MARKER + "\n# t:单位事实填写与计分说明\n")
    lines = text.splitlines()
    # 投诉 is read by 一 only, which applies to 部门; 收件率 feeds a rank over every unit; the 填写 comment above
    # a declaration, or at its end, says how to count
    assert "| 「投诉」 | 次数 | 不小于0的整数 | 「部门」类单位 | 一 | 窗口被投诉的次数,同一件事只算一次 |" in lines
    assert "| 「收件率」 | 百分比 | 0%到100%之间的百分数(如 95% 或 95) | 每个单位 | 一 |  |" in lines
    assert "| 「公开」 | 是否 | 是或否 | 每个单位 | 二 | 是否按时公开 |" in lines
    # the rank is computed, never asked for
    assert "- 「收件率排名」:按「收件率」从高到低排名" in lines
    assert not any(line.startswith("| 「收件率排名」") for line in lines)
    # the item's own 口径 comment stands beside its standards
    assert any(line.startswith("| 一 | 窗口 | 3分 |") and line.endswith("| 排名只在本项考核的部门之间 |") for line in lines)


def test_the_guide_replaces_only_a_guide_govrubric_wrote(tmp_path):
    rubric = tmp_path / "t.rubric"
    rubric.write_text(TEXT, encoding="utf-8")
    hand = tmp_path / "手写.md"
    hand.write_text("# 手写的说明\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["inputs", str(rubric), "--guide", str(hand)])
    assert refused.exit_code == 1 and "GR503" in refused.output
    assert hand.read_text(encoding="utf-8") == "# 手写的说明\n"
    _guide(tmp_path)
    again = CliRunner().invoke(main, ["inputs", str(rubric), "--guide", str(tmp_path / "说明.md")])
    assert again.exit_code == 0  # a generated guide is simply written again
    assert CliRunner().invoke(main, ["inputs", str(rubric), "--guide", str(rubric)]).exit_code == 1  # never the rubric


def test_a_guide_for_a_fact_in_a_unit_of_measure(tmp_path):
    """A quantity (事实「取水量」:亿立方米) has its row in the table of types, in either language (it once had none)."""
    rubric = tmp_path / "t.rubric"
    rubric.write_text("细则「t」\n一、【取水】(2分)\n  事实「取水量」:亿立方米\n  「取水量」不超过3亿立方米的,得2分\n",
                      encoding="utf-8")
    for lang, row in (("zh", "| 计量值 | 一个数,以细则写的计量单位计(见第 2 节「应填」) | 12.5 |"),
                      ("en", "| quantity | a number, in the rubric's unit of measure (see \"What to fill in\" in "
                             "section 2) | 12.5 |")):
        written = tmp_path / f"{lang}.md"
        done = CliRunner().invoke(main, ["--lang", lang, "inputs", str(rubric), "--guide", str(written)])
        assert done.exit_code == 0, done.output
        assert row in written.read_text(encoding="utf-8").splitlines()


def test_an_english_guide_is_written_again_in_either_language(tmp_path):
    """The first line marks a guide govrubric wrote, in the language it was written in: either is replaced."""
    rubric, written = tmp_path / "t.rubric", tmp_path / "g.md"
    rubric.write_text(TEXT, encoding="utf-8")
    for lang in ("en", "zh", "en"):
        done = CliRunner().invoke(main, ["--lang", lang, "inputs", str(rubric), "--guide", str(written)])
        assert done.exit_code == 0, done.output
    assert written.read_text(encoding="utf-8").startswith("<!-- generated from the rubric by govrubric inputs --guide")
