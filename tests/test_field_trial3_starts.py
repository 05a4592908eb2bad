"""Field trial 3, silent wrong scores SW1, SW1b, SW5, SW7, SW8, SW9, SW11, SW12 (tests/field_trial3/repro/): where an
item's or a sentence's scoring starts, and which cap a deduction meets. Expected numbers are worked out by hand from
the published words (tests/field_trial3/REPORT.md); the compiled scorer must give the same tree and lines."""
from __future__ import annotations

from decimal import Decimal as D

import govrubric
from govrubric.codegen import compile_rubric
from govrubric.lint import lint
from test_codegen import assert_same

HEAD = "细则「t」\n"


def load(text: str, *readings: str) -> govrubric.Rubric:
    loaded = govrubric.loads(HEAD + text, "t.rubric", readings=list(readings))
    assert loaded.ok, [d.render() for d in loaded.check()]
    return loaded


def score(text: str, facts: dict, *readings: str) -> D:
    """Item 一's score, after checking that the compiled scorer gives the same tree and lines."""
    loaded = load(text, *readings)
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()["一"]


def lines(text: str, facts: dict, *readings: str) -> list[str]:
    return [line.text for line in load(text, *readings).score({"单位": "甲", **facts}).roots[0].lines]


def decisions(text: str, key: str, *readings: str) -> list:
    return [(d.path, d.value, d.origin) for d in load(text, *readings).model.decisions if d.key == key]


def hinted(text: str, key: str) -> bool:
    return any(f.code == "GL001" and f"「{key}:" in f.diagnostic.message for f in lint(load(text)))


# ---------------------------------------------------------------- SW11: each sentence its own cap
# 咸阳河长制:「未制定“一河一策”的,少1条扣1分,最高扣4分;未制定年度计划的,每少1条扣1分,最高扣4分。」
SW11 = """
一、【基础工作】(50分)
  事实「未制定一河一策条数」:条数
  事实「未制定年度计划条数」:条数
  4.「未制定一河一策条数」少1条扣1分,最高扣4分;「未制定年度计划条数」每少1条扣1分,最高扣4分。
"""


def test_a_sentence_with_its_own_cap_keeps_it_and_is_not_joined_under_the_next_cap():
    # by hand: 5 条 → 5 × 1 = 5, at most 4; 3 条 → 3 (its own cap 4 not reached): 50 − 4 − 3 = 43
    assert score(SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}) == D(43)
    # 5 and 5: 4 + 4 = 8 → 42 (read as one point capped at 4 it would be 46)
    assert score(SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 5}) == D(42)
    assert decisions(SW11, "句末上限") == []  # nothing left open: each sentence says its own cap
    assert not any("合计" in line for line in lines(SW11, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}))


def test_a_point_whose_earlier_sentences_have_no_cap_still_shares_the_last_one():
    text = SW11.replace("少1条扣1分,最高扣4分;", "少1条扣1分;", 1)
    # by hand (句末上限:整点): 5 + 3 = 8, at most 4 together → 46
    assert score(text, {"未制定一河一策条数": 5, "未制定年度计划条数": 3}) == D(46)
    assert decisions(text, "句末上限") == [("一", "整点", "默认")]
