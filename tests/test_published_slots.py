"""Published clauses with descriptive words, data sources and multiples (issues 14/15, the wordslot lane): each form
written as in the field-trial sources, scored by the interpreter and by the compiled scorer (same tree, same lines)
and by DuckDB, kept by fmt, rendered as written. Expected numbers are worked out by hand from the published words
quoted above each case."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.fmt import format_text
from govrubric.render import build_table
from helpers import HEADER, codes
from sql_helpers import decimal_outcome, duckdb_outcome
from test_codegen import assert_same
from test_field_trial4_words import kept_by_fmt, load, rendered, scores


def total_line(text: str, row: dict) -> str:
    result = load(text).score({"单位": "甲", "单位类别": "部门", **row})
    return result.total_lines[0].text


# ---------------------------------------------------------------- 总分公式里的百分数
# 阜阳工业经济学校中层干部考核办法 第8条:「由学校领导、中层干部、群众分别测评,按30%、30%、40%计算考核结果」
WEIGHTS = """
总分:「考核结果」= 第一项得分×30% + 第二项得分×30% + 第三项得分×40%
一、【学校领导测评】(100分)
  事实「学校领导测评分」:分值 0—100分
  按「学校领导测评分」计分。
二、【中层干部测评】(100分)
  事实「中层干部测评分」:分值 0—100分
  按「中层干部测评分」计分。
三、【群众测评】(100分)
  事实「群众测评分」:分值 0—100分
  按「群众测评分」计分。
"""


def test_percent_in_the_total_formula_is_hundredths():
    # by hand: 90 × 30% + 80 × 30% + 85 × 40% = 27 + 24 + 34 = 85;
    #          95 × 0.3 + 92.5 × 0.3 + 70 × 0.4 = 28.5 + 27.75 + 28 = 84.25
    got = scores(WEIGHTS, {"学校领导测评分": 90, "中层干部测评分": 80, "群众测评分": 85},
                 {"学校领导测评分": 95, "中层干部测评分": D("92.5"), "群众测评分": 70})
    assert [g["总分"] for g in got] == [D("85"), D("84.25")]


def test_percent_in_the_total_formula_is_explained_and_kept_as_written():
    line = total_line(WEIGHTS, {"学校领导测评分": 90, "中层干部测评分": 80, "群众测评分": 85})
    assert line == "考核结果 = 第一项得分 90 × 30% + 第二项得分 80 × 30% + 第三项得分 85 × 40% = 85"
    kept_by_fmt(WEIGHTS, "第一项得分×30% + 第二项得分×30% + 第三项得分×40%")
    loaded = load(WEIGHTS)
    table = build_table(loaded.model, loaded.tree, loaded.source.text)
    assert any("第一项得分×30% + 第二项得分×30% + 第三项得分×40%" in line for line in table.total)
    model_words = build_table(loaded.model, loaded.tree, loaded.source.text, wording="模型")
    assert any("第一项得分×30%" in line.replace(" × ", "×") for line in model_words.total)


def test_percent_and_decimal_are_different_texts_of_one_value():
    as_decimal = WEIGHTS.replace("×30%", "×0.3").replace("×40%", "×0.4")
    row = {"学校领导测评分": 61, "中层干部测评分": 77, "群众测评分": 33}
    # by hand: 61 × 0.3 + 77 × 0.3 + 33 × 0.4 = 18.3 + 23.1 + 13.2 = 54.6, written either way
    assert scores(WEIGHTS, row)[0]["总分"] == scores(as_decimal, row)[0]["总分"] == D("54.6")
    assert "×0.3" in format_text(HEADER + as_decimal).text.replace(" ", "")
