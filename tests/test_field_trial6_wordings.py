"""Field trial 6, 三 #2 and #6 (tests/field_trial6/REPORT.md): published words before 每 that hold a negation, 的, 、, 按期
or a count verb, straight after the fact's name (澧阳「帮教组织不落实每人扣0.1分」「被发现每铲除200株罂粟扣1分」, 开江
「有无故迟到、早退、缺席的,每人次扣0.3分」, 贺兰「按期完不成的每延迟一天扣0.2分」); a gap without 每 (村人口计生「达92% 12分,
下降1个百分点扣1分」「上升1个百分点扣1分」); 后退/进步 before a comparison (温州「后退5位以上的扣1分」).
Numbers are worked out by hand from the published words; scored() checks the compiled scorer gives the same tree and
lines, in_sql() the DuckDB query the same scores; printed() the printer and fmt round trip."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.fmt import format_text
from govrubric.printer import normalise, print_rubric
from govrubric.render import build_table
from helpers import codes
from test_published_forms import HEAD, lines, scored

duckdb = pytest.importorskip("duckdb")
from sql_helpers import decimal_outcome, duckdb_outcome  # noqa: E402


def in_sql(text: str, rows: list[dict]) -> None:
    rubric = govrubric.loads(HEAD + text, "t.rubric")
    rows = [{"单位": f"u{i}", **row} for i, row in enumerate(rows)]
    got = duckdb_outcome(rubric, rows)
    assert got[0] != "refused", got[1].render()
    assert got == decimal_outcome(rubric, rows)


def round_trips(text: str, *published: str) -> None:
    tree = govrubric.loads(HEAD + text, "t.rubric").tree
    printed = print_rubric(tree)  # canonical (1天, full-width commas); the published words are fmt's to keep
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(tree)
    formatted = format_text(HEAD + text)
    assert formatted.problems == ()
    for words in published:
        assert words in formatted.text


# ---------------------------------------------------------------- words before 每, straight after the name
WORDS = """一、【帮教】(5分)
  事实「帮教组织不落实人数」:人数
  事实「无故迟到早退缺席人次」:人次数
  事实「被发现铲除罂粟株数」:株
  「帮教组织不落实人数」帮教组织不落实每人扣0.1分。
  「无故迟到早退缺席人次」有无故迟到、早退、缺席的,每人次扣0.3分,累计扣分不超过0.9分。
  「被发现铲除罂粟株数」被发现每铲除200株罂粟扣1分。
二、【防疫】(2分)
  事实「适时全部开展」:是否
  事实「延迟天数」:天数
  「适时全部开展」得2分,「延迟天数」按期完不成的每延迟一天扣0.2分。
"""
FACTS = {"帮教组织不落实人数": 3, "无故迟到早退缺席人次": 4, "被发现铲除罂粟株数": 450, "适时全部开展": "是",
         "延迟天数": 3}


def test_words_before_per_after_the_name_are_for_reading_only():
    # by hand: 3 人 × 0.1 = 0.3; 4 人次 × 0.3 = 1.2, 累计不超过 0.9; 450 株 = 2 个 200 株 → 2; 5 − 0.3 − 0.9 − 2 = 1.8
    # 二: 2 − 3 × 0.2 = 1.4
    result = scored(WORDS, FACTS)
    assert result.scores()["一"] == D("1.8")
    assert result.scores()["二"] == D("1.4")
    assert lines(result)[1:] == [
        "「帮教组织不落实人数」= 3人:帮教组织不落实每人扣0.1分 × 3 = −0.3分",
        "「无故迟到早退缺席人次」= 4人次:有无故迟到、早退、缺席的,每人次扣0.3分 × 4 = −1.2分",
        "累计扣分不超过0.9分:−1.2 → −0.9",
        "「被发现铲除罂粟株数」= 450株:被发现每铲除200株罂粟扣1分(每200株计1次) × 2 = −2分",
    ]
    assert lines(result, "二")[-1] == "「延迟天数」= 3天:按期完不成的每延迟一天扣0.2分 × 3 = −0.6分"
    # 199 株 is no step of 200 (正好200株 would be another clause): nothing off
    assert scored(WORDS, {**FACTS, "被发现铲除罂粟株数": 199}).scores()["一"] == D("3.8")


def test_words_before_per_are_the_same_as_none():
    plain = WORDS.replace("帮教组织不落实每人", "每人").replace("有无故迟到、早退、缺席的,每人次", "每人次") \
        .replace("被发现每铲除200株罂粟", "每200株").replace("按期完不成的每延迟一天", "每一天")
    for facts in (FACTS, {**FACTS, "帮教组织不落实人数": 0, "无故迟到早退缺席人次": 1, "被发现铲除罂粟株数": 600}):
        assert scored(WORDS, facts).scores() == scored(plain, facts).scores()


def test_words_before_per_print_and_format_as_published():
    round_trips(WORDS, "帮教组织不落实每人扣0.1分", "有无故迟到、早退、缺席的,每人次扣0.3分", "被发现每铲除200株罂粟扣1分",
                "按期完不成的每延迟一天扣0.2分")


def test_words_before_per_render_as_published():
    loaded = govrubric.loads(HEAD + WORDS, "t.rubric")
    assert [row.standard for row in build_table(loaded.model, loaded.tree).rows] == [
        ("按帮教组织不落实人数,帮教组织不落实每1人扣0.1分", "按无故迟到早退缺席人次,有无故迟到、早退、缺席的,每1人次扣0.3分,扣完0.9分为止",
         "按被发现铲除罂粟株数,被发现每铲除200株罂粟扣1分"),
        ("适时全部开展的,得2分", "按延迟天数,按期完不成的每延迟1天扣0.2分")]


def test_words_before_per_in_sql():
    in_sql(WORDS, [FACTS, {**FACTS, "帮教组织不落实人数": 0, "无故迟到早退缺席人次": 1, "被发现铲除罂粟株数": 0,
                           "适时全部开展": "否", "延迟天数": 0}])


def test_words_with_a_meaning_before_per_without_a_name_are_still_refused():
    # after a comma and no name the words may say only a part of what is counted (情节严重的): not read as words
    text = "一、【甲】(5分)\n  事实「违规次数」:次数\n  「违规次数」每次扣1分,情节严重的每次扣2分。\n"
    assert [c for c, *_ in codes(text, HEAD)] == ["GR101"]
    # a number in the words is a comparison, not words: 「次数」5次以上的每次… stays as it was read
    text = "一、【甲】(5分)\n  事实「帮教不落实人数」:人数\n  「帮教不落实人数」帮教不5落实每人扣0.1分。\n"
    assert [c for c, *_ in codes(text, HEAD)] == ["GR101"]


# ---------------------------------------------------------------- 下降/上升 without 每
GAPS = """一、【合法率】(12分)
  事实「计划生育合法率」:百分比
  「计划生育合法率」达92% 12分,下降1个百分点扣1分。
二、【多孩】(12分)
  事实「违法生育多孩率」:百分比
  「违法生育多孩率」控制在3%以内(12分),上升1个百分点扣1分。
"""


def test_a_gap_verb_without_per_is_per_step_from_the_threshold():
    # by hand: 89.5% 差 2.5 个百分点 → 2 步:12 − 2 = 10; 93% ≥ 92%: 12. 5% 超 2 个百分点:12 − 2 = 10; 3%: 12
    result = scored(GAPS, {"计划生育合法率": "89.5%", "违法生育多孩率": "5%"})
    assert (result.scores()["一"], result.scores()["二"]) == (D(10), D(10))
    assert lines(result)[-1] == ("「计划生育合法率」= 89.5%,符合「少于92%」(< 92%);差2.5个百分点,每1个百分点扣1分"
                                 "(不足一步的部分不计):2 × −1 = −2分")
    result = scored(GAPS, {"计划生育合法率": "93%", "违法生育多孩率": "3%"})
    assert (result.scores()["一"], result.scores()["二"]) == (D(12), D(12))
    every = GAPS.replace("下降1个", "每下降1个").replace("上升1个", "每上升1个")
    for facts in ({"计划生育合法率": "80%", "违法生育多孩率": "9.5%"}, {"计划生育合法率": "91%", "违法生育多孩率": "3.5%"}):
        assert scored(GAPS, facts).scores() == scored(every, facts).scores()


def test_a_gap_verb_without_per_prints_and_runs_in_sql():
    round_trips(GAPS, "下降1个百分点扣1分", "上升1个百分点扣1分")
    in_sql(GAPS, [{"计划生育合法率": "89.5%", "违法生育多孩率": "5%"}, {"计划生育合法率": "95%", "违法生育多孩率": "1%"}])


def test_a_gap_verb_with_a_step_other_than_one_asks():
    # 下降2个百分点扣1分: each 2, or exactly 2? (as 发现3次扣1分)
    text = "一、【甲】(12分)\n  事实「率」:百分比\n  「率」达92% 12分,下降2个百分点扣1分。\n"
    assert [c for c, *_ in codes(text, HEAD)] == ["GR221"]


# ---------------------------------------------------------------- 后退/进步 before a comparison
RANKS = """一、【省级平安考核】
  事实「位次后退数」:个数
  事实「位次进步数」:个数
  「位次后退数」后退5位以上的扣1分,后退10位以上的扣2分;「位次进步数」进步5位以上的加0.5分。
"""


def test_moved_back_or_forward_before_a_comparison():
    # by hand: 后退 6 → 5位以上 −1; 后退 12 → 10位以上 −2 (the narrower tier, not 1 + 2); 进步 7 → +0.5; 后退 4 → 0
    assert scored(RANKS, {"位次后退数": 6, "位次进步数": 0}).scores()["一"] == D(-1)
    assert scored(RANKS, {"位次后退数": 12, "位次进步数": 0}).scores()["一"] == D(-2)
    assert scored(RANKS, {"位次后退数": 0, "位次进步数": 7}).scores()["一"] == D("0.5")
    assert scored(RANKS, {"位次后退数": 4, "位次进步数": 4}).scores()["一"] == D(0)
    assert lines(scored(RANKS, {"位次后退数": 12, "位次进步数": 0}))[1] == \
        "「位次后退数」= 12,符合「后退10位以上」(≥ 10) → 扣2分(−2)"
    round_trips(RANKS, "后退5位以上的扣1分,后退10位以上的扣2分", "进步5位以上的加0.5分")
    in_sql(RANKS, [{"位次后退数": 12, "位次进步数": 0}, {"位次后退数": 0, "位次进步数": 7}])


def test_an_item_number_before_per_stays_the_number():
    # 「①每个得0.1分」: ① is the clause's number, never the published words before 每 (the printer round trip drew it;
    # which of the two the lexer chose once depended on the order lark built its terminals in)
    tree = govrubric.loads(HEAD + "一、【甲】(3分)\n  事实「个数」:个数\n  ①每个得0.1分。\n", "t.rubric").tree
    clause = tree.items[0].clauses[0]
    assert (clause.label, clause.tiers[0].body.pre) == ("①", None)


# ---------------------------------------------------------------- 如…的, 计扣, 以该项分数扣完为止, 本项限扣, 每年
# 村计生 (三)9:「……不循私舞弊记3分,如举报有弄虚作假行为且调查属实的,此项不记分」; 温州「……的25%计扣」「(本项限扣5分)」;
# 贺兰 二「每一户不符合扣除0.1分,以该项分数扣完为止」; 开江 (四)1「每年专题学法不少于6次」「每少一次扣0.3分,累计扣分不超过1.2分」
RESULTS = """一、【确认对象】(3分)
  事实「确认对象准确无弄虚作假」:是否
  事实「举报弄虚作假调查属实」:是否
  「确认对象准确无弄虚作假」记3分,如「举报弄虚作假调查属实」的,此项不记分。
二、【较大事故】
  事实「其他严重事件省标准应扣分值」:分值 0—100分
  按「其他严重事件省标准应扣分值」的25%计扣。
三、【免疫密度】(10分)
  事实「不符合户数」:户数
  「不符合户数」每一户不符合扣除0.1分,以该项分数扣完为止。
四、【学法】(1.5分)
  事实「专题学法次数」:次数
  「专题学法次数」每年不少于6次,每少一次扣0.3分,累计扣分不超过1.2分。
五、【平安三率】(本项限扣5分)
  事实「群众安全感」:百分比
  「群众安全感」低于96%的,每降低1个百分点扣1分。
"""
BAD = {"确认对象准确无弄虚作假": "是", "举报弄虚作假调查属实": "是", "其他严重事件省标准应扣分值": 8, "不符合户数": 110,
       "专题学法次数": 3, "群众安全感": "80%"}
GOOD = {"确认对象准确无弄虚作假": "是", "举报弄虚作假调查属实": "否", "其他严重事件省标准应扣分值": 0, "不符合户数": 4,
        "专题学法次数": 7, "群众安全感": "97%"}


def test_published_result_and_limit_words():
    # by hand, BAD: 举报属实 → 此项不记分 0; 25% × 8 = 2 → −2; 110 户 × 0.1 = 11 > 10, 扣完为止 → 0;
    # 6 − 3 = 3 次 × 0.3 = 0.9 ≤ 1.2 → 1.5 − 0.9 = 0.6; 96 − 80 = 16 个百分点 × 1 = 16, 限扣 5 → −5
    scores = scored(RESULTS, BAD).scores()
    assert [scores[p] for p in ("一", "二", "三", "四", "五")] == [D(0), D(-2), D(0), D("0.6"), D(-5)]
    # GOOD: 3; 0; 10 − 0.4 = 9.6; 7 ≥ 6 → 1.5; 97% ≥ 96% → 0
    scores = scored(RESULTS, GOOD).scores()
    assert [scores[p] for p in ("一", "二", "三", "四", "五")] == [D(3), D(0), D("9.6"), D("1.5"), D(0)]
    result = scored(RESULTS, BAD)
    assert lines(result, "三")[-1] == "以该项分数扣完为止:−11 → −10"
    assert lines(result, "一")[-2:] == ["「举报弄虚作假调查属实」= 是,「举报弄虚作假调查属实」成立 → 此项不记分(否决)",
                                        "否决生效:本项得0分(原为3分)"]


def test_published_result_and_limit_words_mean_what_the_plain_ones_do():
    plain = (RESULTS.replace("记3分,如「", "记3分,「").replace("25%计扣", "25%扣分").replace("以该项分数扣完为止", "扣完为止")
             .replace("每年不少于", "全年不少于").replace("(本项限扣5分)", "(最多扣5分)"))
    for facts in (BAD, GOOD):
        assert scored(RESULTS, facts).scores() == scored(plain, facts).scores()


def test_published_result_and_limit_words_print_format_and_run_in_sql():
    round_trips(RESULTS, "记3分,如「举报弄虚作假调查属实」的,此项不记分", "的25%计扣", "以该项分数扣完为止", "每年不少于6次",
                "(本项限扣5分)")
    in_sql(RESULTS, [BAD, GOOD])
