"""Seventh-round field trial, the shapes it had to bend (tests/field_trial7/REPORT.md 三 #1, #10, #11, #13; 四), now
written as published: 按项扣分 with words after the classifier or 其中/缺 before it, 差1个百分点的扣2分, 一票否决 with
该项不得分, and the smaller wordings of #13. Every unit is scored by the interpreter AND the compiled scorer (the same tree
and lines) and by DuckDB where the query compiles; fmt keeps the words and reads back the same scores; the printer's text
parses to the same tree. The scores are worked out by hand from the published words, in the comment beside each."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import govrubric
from govrubric.diagnostics import Diagnostics
from govrubric.fmt import format_text, parse_tree
from govrubric.printer import normalise, print_rubric
from govrubric.source import SourceFile
from sql_helpers import duckdb_outcome
from test_field_trial7_sw import _scored as scored_as_by_hand
from test_field_trial7_sw import _sql_agrees


def _scored(text: str, rows: list[dict], hand: dict) -> govrubric.Rubric:
    """Every unit of `rows` scored as the hand says ({unit: {path: score}}), interpreter and compiled scorer
    (test_field_trial7_sw); fmt and the printer keep the meaning."""
    rubric = scored_as_by_hand(text, rows, hand)
    formatted = format_text(text)
    assert not formatted.problems and formatted.text is not None
    again = govrubric.loads(formatted.text, "t.rubric")
    for row in rows:  # the same scores and lines (fmt moves lines: their numbers differ)
        assert _texts(again.score(row).to_json()) == _texts(rubric.score(row).to_json())
    tree = parse_tree(SourceFile("t.rubric", text), Diagnostics())
    printed = print_rubric(tree)
    assert parse_tree(SourceFile("p.rubric", printed), Diagnostics()) == normalise(tree), printed
    return rubric


def _texts(tree):
    """A score tree's explanation lines and scores without the line numbers."""
    if isinstance(tree, dict):
        return {k: _texts(v) for k, v in tree.items() if k != "line"}
    if isinstance(tree, list):
        return [_texts(v) for v in tree]
    return tree


def _errors(text: str) -> list:
    return govrubric.loads(text, "t.rubric").check()


# ---------------------------------------------------------------- 三 #1: 按项扣分, words after the classifier

EACH_LISTED = """细则「按项」
1.【制度建设】(9分)
  事实「建立长效保洁机制」:是否
  事实「纳入村规民约」:是否
  事实「实行门前三包」:是否
  未「建立长效保洁机制」、「纳入村规民约」、「实行门前三包」的,其中有一项不达标扣3分。
2.【领导机制】(3分)
  事实「调整领导小组」:是否
  事实「配备专职人员」:是否
  事实「建立制度」:是否
  未「调整领导小组」、「配备专职人员」、「建立制度」的,缺一项扣1分。
3.【经费】(4分)
  事实「严格程序」:是否
  事实「效益好」:是否
  事实「拨付到位」:是否
  未「严格程序」、「效益好」、「拨付到位」的一项扣1分。
"""
EACH_LISTED_ROWS = [
    {"单位": "一项", "建立长效保洁机制": "否", "纳入村规民约": "是", "实行门前三包": "是",
     "调整领导小组": "是", "配备专职人员": "否", "建立制度": "是", "严格程序": "否", "效益好": "是", "拨付到位": "是"},
    {"单位": "两项", "建立长效保洁机制": "否", "纳入村规民约": "否", "实行门前三包": "是",
     "调整领导小组": "否", "配备专职人员": "否", "建立制度": "是", "严格程序": "否", "效益好": "否", "拨付到位": "是"},
    {"单位": "全无", "建立长效保洁机制": "否", "纳入村规民约": "否", "实行门前三包": "否",
     "调整领导小组": "否", "配备专职人员": "否", "建立制度": "否", "严格程序": "否", "效益好": "否", "拨付到位": "否"},
    {"单位": "全有", "建立长效保洁机制": "是", "纳入村规民约": "是", "实行门前三包": "是",
     "调整领导小组": "是", "配备专职人员": "是", "建立制度": "是", "严格程序": "是", "效益好": "是", "拨付到位": "是"},
]


def test_one_item_missing_of_the_listed_is_deducted_once_for_each():
    rubric = _scored(EACH_LISTED, EACH_LISTED_ROWS, {
        # 一项: 1 制度 9 − 3 = 6; 2 缺一项 3 − 1 = 2; 3 的一项 4 − 1 = 3; total 11
        "一项": {"1": "6", "2": "2", "3": "3", "总分": "11"},
        # 两项: 9 − 6 = 3; 3 − 2 = 1; 4 − 2 = 2; total 6
        "两项": {"1": "3", "2": "1", "3": "2", "总分": "6"},
        # 全无: 9 − 9 = 0 (exactly the item's points); 3 − 3 = 0; 4 − 3 = 1; total 1
        "全无": {"1": "0", "2": "0", "3": "1", "总分": "1"},
        # 全有: nothing deducted, 9 + 3 + 4 = 16
        "全有": {"1": "9", "2": "3", "3": "4", "总分": "16"},
    })
    # SQL refuses it as it refuses 每项扣1分 (each situation counted: GR601, score with Python)
    pytest.importorskip("duckdb")
    refused = duckdb_outcome(rubric, EACH_LISTED_ROWS)
    assert refused[0] == "refused" and refused[1].code == "GR601" and "并列情形:各自计分" in refused[1].message
    # the line says each situation is counted once, as 每项扣1分 does
    lines = rubric.score(EACH_LISTED_ROWS[1]).to_json()
    assert "2种情形各计一次:−6分" in str(lines) and "2种情形各计一次:−2分" in str(lines)


def test_the_same_as_each_item():
    """缺一项扣1分, 的一项扣1分 and 其中有一项不达标扣3分 after listed situations score exactly as 每项扣N分."""
    each = (EACH_LISTED.replace("其中有一项不达标扣3分", "每项扣3分").replace("缺一项扣1分", "每项扣1分")
            .replace("的一项扣1分", "的,每项扣1分"))
    ours, theirs = govrubric.loads(EACH_LISTED, "a.rubric"), govrubric.loads(each, "b.rubric")
    for row in EACH_LISTED_ROWS:
        assert ours.score(row).scores() == theirs.score(row).scores()


def test_the_words_keep_the_published_text_in_fmt_and_render(tmp_path):
    assert format_text(EACH_LISTED).text.count("其中有一项不达标扣3分") == 1
    assert "缺一项扣1分" in format_text(EACH_LISTED).text and "的一项扣1分" in format_text(EACH_LISTED).text
    path = tmp_path / "t.rubric"
    path.write_text(EACH_LISTED, encoding="utf-8")
    from click.testing import CliRunner

    from govrubric.cli import main
    out = tmp_path / "t.md"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = out.read_text(encoding="utf-8")
    assert "其中有一项不达标扣3分" in table and "缺一项扣1分" in table and "的一项扣1分" in table


def test_missing_words_after_situations_written_as_met_are_refused():
    """「「甲」、「乙」的,缺一项扣1分」: 缺 counts what is not done; the situations written as done would deduct the
    units that did them — refused (GR301), the help writes 未「甲」、「乙」."""
    found = _errors("细则「t」\n一、【甲】(3分)\n  事实「甲」:是否\n  事实「乙」:是否\n  「甲」、「乙」的,缺一项扣1分。\n")
    assert [d.code for d in found] == ["GR301"]
    assert "未「甲」、「乙」的,缺一项扣1分" in found[0].render()
    found = _errors("细则「t」\n一、【甲】(3分)\n  事实「甲」:是否\n  事实「乙」:是否\n  「甲」、「乙」的,其中有一项不达标扣1分。\n")
    assert [d.code for d in found] == ["GR301"]


def test_each_item_words_after_listed_facts_named_as_failures_stay_with_each_item():
    """一项扣1分 (no 缺/有) counts the listed situations as written, as 每项扣1分: 「开展工作不正常」、「不按时报送」 are the
    failures themselves. 2 of them: 3 − 2 = 1."""
    text = "细则「t」\n一、【甲】(3分)\n  事实「开展工作不正常」:是否\n  事实「不按时报送」:是否\n  「开展工作不正常」、「不按时报送」的一项扣1分。\n"
    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.check() == []
    assert rubric.score({"单位": "u", "开展工作不正常": "是", "不按时报送": "是"}).scores()["一"] == D(1)


def test_gr210_for_a_missing_item_with_nothing_to_count_does_not_ask_for_每():
    """REPORT 四: 「未「甲」的,缺一项扣1分」 (one situation, no count fact) — the help names 缺一项, not a 每 that was never
    written, and shows both ways to say it."""
    found = _errors("细则「t」\n一、【甲】(3分)\n  事实「甲」:是否\n  未「甲」的,缺一项扣1分。\n")
    assert [d.code for d in found] == ["GR210"]
    text = found[0].render()
    assert "在「每」前" not in text
    assert "「「缺项数」缺一项扣1分」" in text and "未「甲」、「乙」的,缺一项扣1分" in text


THERE_IS = """细则「有一项」
1.【考核机制】(7分)
  事实「执行不好的项数」:项数
  「执行不好的项数」有一项执行不好扣2分。
2.【活动场所】(4分)
  事实「未开放的场所个数」:个数
  「未开放的场所个数」有一个场所未开放扣2分。
3.【结对】(5分)
  事实「未结对的成员人数」:人数
  「未结对的成员人数」有一个领导班子成员未结对团干部,扣1分。
"""
THERE_IS_ROWS = [
    {"单位": "甲镇", "执行不好的项数": 1, "未开放的场所个数": 0, "未结对的成员人数": 2},
    {"单位": "乙街道", "执行不好的项数": 3, "未开放的场所个数": 2, "未结对的成员人数": 0},
    {"单位": "丙镇", "执行不好的项数": 0, "未开放的场所个数": 1, "未结对的成员人数": 6},
]


def test_words_after_the_classifier_count_each_one_there_is():
    rubric = _scored(THERE_IS, THERE_IS_ROWS, {
        # 甲镇: 7 − 2 = 5; 4 − 0 = 4; 5 − 2 × 1 = 3; total 12
        "甲镇": {"1": "5", "2": "4", "3": "3", "总分": "12"},
        # 乙街道: 7 − 3 × 2 = 1; 4 − 2 × 2 = 0; 5; total 6
        "乙街道": {"1": "1", "2": "0", "3": "5", "总分": "6"},
        # 丙镇: 7; 4 − 2 = 2; 5 − 6 → 0 (扣到0为止, the default); total 9
        "丙镇": {"1": "7", "2": "2", "3": "0", "总分": "9"},
    })
    _sql_agrees(rubric, THERE_IS_ROWS)
    line = str(rubric.score(THERE_IS_ROWS[0]).to_json())
    assert "「未结对的成员人数」= 2个:有一个领导班子成员未结对团干部,扣1分 × 2 = −2分" in line
    formatted = format_text(THERE_IS).text
    assert "有一项执行不好扣2分" in formatted and "有一个领导班子成员未结对团干部,扣1分" in formatted


def test_words_after_the_classifier_with_a_count_but_one_are_asked():
    """有3个……扣1分: each 3, or once 3 are found? — asked as 有3个扣1分 is (GR221)."""
    found = _errors("细则「t」\n一、【甲】(3分)\n  事实「n」:个数\n  「n」有3个场所未开放扣1分。\n")
    assert [d.code for d in found] == ["GR221"]


def test_a_comparison_after_the_classifier_is_not_read_as_words():
    """有1个以上 and 有一项的 stay comparisons: 「n」有1个以上扣1分 deducts once (1 or more), not per one."""
    rubric = govrubric.loads("细则「t」\n一、【甲】(3分)\n  事实「n」:个数\n  「n」有1个以上扣1分。\n", "t.rubric")
    assert rubric.check() == []
    assert rubric.score({"单位": "u", "n": 3}).scores()["一"] == D(2)


# ---------------------------------------------------------------- 三 #11: 一票否决,该项不得分

ITEM_VETO = """细则「火化率」
【火化率】(25分)
  事实「火化率」:百分比
  事实「指标」:百分比
  事实「火化区出现不火化而遗体土葬」:是否
  「火化率」低于「指标」的,每差1个百分点扣2分。
  「火化区出现不火化而遗体土葬」的一票否决,该项不得分。
"""
ITEM_VETO_ROWS = [
    {"单位": "甲乡", "火化率": "92%", "指标": "95%", "火化区出现不火化而遗体土葬": "否"},
    {"单位": "乙镇", "火化率": "99%", "指标": "98%", "火化区出现不火化而遗体土葬": "是"},
]


def test_a_veto_that_says_it_is_the_items_own_vetoes_the_item():
    rubric = _scored(ITEM_VETO, ITEM_VETO_ROWS, {
        # 甲乡: 3 points short, 25 − 3 × 2 = 19; no burial, no veto
        "甲乡": {"【火化率】": "19", "总分": "19"},
        # 乙镇: 25 (above the target), the burial vetoes the item: 0 — the item, not the rubric (总分 0 as the only item)
        "乙镇": {"【火化率】": "0", "总分": "0"},
    })
    _sql_agrees(rubric, ITEM_VETO_ROWS)
    assert "一票否决,该项不得分" in str(rubric.score(ITEM_VETO_ROWS[1]).to_json())
    assert "一票否决,该项不得分" in format_text(ITEM_VETO).text


def test_the_items_veto_leaves_the_other_items_alone():
    text = ITEM_VETO + "【其他】(5分)\n  事实「其他做到」:是否\n  「其他做到」的得5分。\n"
    rubric = govrubric.loads(text, "t.rubric")
    row = dict(ITEM_VETO_ROWS[1], 其他做到="是")
    # 乙镇: 火化率 vetoed 0, 其他 5: total 5 (a veto of the rubric would make it 0)
    assert rubric.score(row).scores()["总分"] == D(5)


def test_a_bare_veto_under_an_item_is_still_refused_and_its_help_names_the_written_form():
    found = _errors("细则「t」\n一、【甲】(3分)\n  事实「甲」:是否\n  「甲」的一票否决。\n")
    assert [d.code for d in found] == ["GR301"]
    assert "一票否决,该项不得分" in found[0].render()


# ---------------------------------------------------------------- 三 #10: 差1个百分点的扣2分 (no 每)

GAP = """细则「差」
【火化率】(25分)
  事实「火化率」:百分比
  事实「责任书规定的火化率指标」:百分比
  「火化率」按「责任书规定的火化率指标」,差1个百分点的扣2分。
【外出务工】(10分)
  事实「登记率」:百分比
  事实「目标」:百分比
  「登记率」低于「目标」的,差1个百分点扣1分。
"""
GAP_ROWS = [
    {"单位": "甲乡", "火化率": "92%", "责任书规定的火化率指标": "95%", "登记率": "97%", "目标": "98%"},
    {"单位": "乙镇", "火化率": "99%", "责任书规定的火化率指标": "98%", "登记率": "80%", "目标": "98%"},
    {"单位": "丙乡", "火化率": "92.5%", "责任书规定的火化率指标": "95%", "登记率": "98%", "目标": "98%"},
]


def test_a_gap_without_每_counts_each_point_short():
    rubric = _scored(GAP, GAP_ROWS, {
        # 甲乡: 95 − 92 = 3 points, 25 − 3 × 2 = 19; 98 − 97 = 1 point, 10 − 1 = 9; total 28
        "甲乡": {"【火化率】": "19", "【外出务工】": "9", "总分": "28"},
        # 乙镇: above the target, 25; 18 points short, 10 − 18 → 0; total 25
        "乙镇": {"【火化率】": "25", "【外出务工】": "0", "总分": "25"},
        # 丙乡: 2.5 points, whole steps only (每低:按整数计) 2, 25 − 4 = 21; at the target, 10; total 31
        "丙乡": {"【火化率】": "21", "【外出务工】": "10", "总分": "31"},
    })
    _sql_agrees(rubric, GAP_ROWS)
    line = str(rubric.score(GAP_ROWS[0]).to_json())
    assert "差3个百分点,每1个百分点扣2分" in line
    assert "按「责任书规定的火化率指标」,差1个百分点的扣2分" in format_text(GAP).text


def test_the_same_as_每差():
    each = GAP.replace("按「责任书规定的火化率指标」,差1个百分点的扣2分", "低于「责任书规定的火化率指标」的,每差1个百分点扣2分")
    each = each.replace("差1个百分点扣1分", "每差1个百分点扣1分")
    ours, theirs = govrubric.loads(GAP, "a.rubric"), govrubric.loads(each, "b.rubric")
    for row in GAP_ROWS:
        assert ours.score(row).scores() == theirs.score(row).scores()
    # 的 after 差: no reading 发生一起的 (a gap has no one event to count once); the gap's own 每低 is recorded
    keys = {d.key for d in ours.model.decisions}
    assert "发生一起的" not in keys and "每低" in keys


def test_a_gap_of_two_without_每_is_asked_and_without_a_subject_says_how_to_write_it():
    found = _errors("细则「t」\n一、【甲】(25分)\n  事实「率」:百分比\n  事实「标」:百分比\n  「率」低于「标」的,差2个百分点扣2分。\n")
    assert [d.code for d in found] == ["GR221"]
    found = _errors("细则「t」\n一、【甲】(25分)\n  事实「率」:百分比\n  事实「标」:百分比\n"
                    "  「率」达到「标」的得25分,差1个百分点扣2分。\n")
    assert [d.code for d in found] == ["GR210"]
    text = found[0].render()
    assert "在「每」前" not in text and "「「火化率」按「指标」,差1个百分点的扣…」" in text


# ---------------------------------------------------------------- 三 #13: the smaller wordings

SMALLER = """细则「其他」
【台账】(20分)
  事实「台账不齐全」:是否
  事实「台账不齐全扣分」:视情
  「台账不齐全」的,视其程度扣分。
【上站率】(0.6分)
  事实「市检上站人数」:人数
  事实「市检上站任务数」:人数
  「市检上站人数」未达成「市检上站任务数」的,每少一人扣0.2分。
【退兵率】
  事实「不能及时有效配合处置」:是否
  「不能及时有效配合处置」的扣除考核分1分。
【会商】(1分)
  事实「完成会商」:是否
  事实「被通报次数」:次数
  「完成会商」的得1分,「被通报次数」被三次通报的不得分。
"""
SMALLER_ROWS = [
    {"单位": "甲", "台账不齐全": "是", "台账不齐全扣分": "7", "市检上站人数": 3, "市检上站任务数": 5,
     "不能及时有效配合处置": "是", "完成会商": "是", "被通报次数": 4},
    {"单位": "乙", "台账不齐全": "否", "台账不齐全扣分": "0", "市检上站人数": 6, "市检上站任务数": 5,
     "不能及时有效配合处置": "否", "完成会商": "是", "被通报次数": 2},
    {"单位": "丙", "台账不齐全": "是", "台账不齐全扣分": "20", "市检上站人数": 4, "市检上站任务数": 4,
     "不能及时有效配合处置": "否", "完成会商": "否", "被通报次数": 3},
]


def test_the_smaller_wordings_of_round_seven():
    rubric = _scored(SMALLER, SMALLER_ROWS, {
        # 甲: 视其程度扣分, the assessors' 7 → 13; 2 short of 5, 0.6 − 0.4 = 0.2; 扣除考核分1分, no points → −1;
        # 会商 4 times notified (三次 or more) → 不得分 0; total 13 + 0.2 − 1 + 0 = 12.2
        "甲": {"【台账】": "13", "【上站率】": "0.2", "【退兵率】": "-1", "【会商】": "0", "总分": "12.2"},
        # 乙: 20; 6 of 5, 0.6; 0; notified twice, 1; total 21.6
        "乙": {"【台账】": "20", "【上站率】": "0.6", "【退兵率】": "0", "【会商】": "1", "总分": "21.6"},
        # 丙: 视其程度 the whole 20 → 0; 4 of 4, 0.6; 0; no 会商 and three times → 0; total 0.6
        "丙": {"【台账】": "0", "【上站率】": "0.6", "【退兵率】": "0", "【会商】": "0", "总分": "0.6"},
    })
    _sql_agrees(rubric, SMALLER_ROWS)
    line = str(rubric.score(SMALLER_ROWS[0]).to_json())
    assert "视其程度扣分:「台账不齐全扣分」视情给出7分(−7)" in line
    assert "符合“未达成「市检上站任务数」”" in line and "扣除考核分1分(−1)" in line
    assert "「被通报次数」= 4,符合「被三次通报」(≥ 3) → 不得分" in line
    formatted = format_text(SMALLER).text
    for words in ("视其程度扣分", "未达成「市检上站任务数」", "扣除考核分1分", "被三次通报的不得分"):
        assert words in formatted


def test_the_smaller_wordings_score_as_the_words_they_stand_for():
    plain = (SMALLER.replace("视其程度扣分", "视情扣分").replace("未达成", "低于").replace("扣除考核分1分", "扣1分")
             .replace("被三次通报的不得分", "3次以上的不得分"))
    ours, theirs = govrubric.loads(SMALLER, "a.rubric"), govrubric.loads(plain, "b.rubric")
    for row in SMALLER_ROWS:
        assert ours.score(row).scores() == theirs.score(row).scores()


def test_被_with_a_deduction_counts_each_time_and_a_count_but_one_is_asked():
    """被1次通报扣1分: each time, as 发现1次扣1分 (3 times: 5 − 3 = 2); 被3次通报扣1分: GR221."""
    text = "细则「t」\n一、【甲】(5分)\n  事实「n」:次数\n  「n」被1次通报扣1分。\n"
    rubric = govrubric.loads(text, "t.rubric")
    assert rubric.check() == []
    assert rubric.score({"单位": "u", "n": 3}).scores()["一"] == D(2)
    assert [d.code for d in _errors(text.replace("被1次", "被3次"))] == ["GR221"]


def test_words_after_the_classifier_may_end_in_的():
    """「有一项执行不好的扣2分」: the same as without 的 (each one there is: 2 × 2 off 7 = 3), not the reading 发生一起的."""
    text = "细则「t」\n一、【甲】(7分)\n  事实「n」:项数\n  「n」有一项执行不好的扣2分。\n"
    rubric = _scored(text, [{"单位": "u", "n": 2}], {"u": {"一": "3", "总分": "3"}})
    assert "发生一起的" not in {d.key for d in rubric.model.decisions}


# ---------------------------------------------------------------- 四: a bare tier after 否则 and a subject of its own

def test_a_bare_tier_after_否则_with_its_own_subject_is_told_whose_subject_it_takes():
    """水利「未「有职工培训计划」的扣10分,否则「职工年培训率」达到30%的扣0分,达到20%的扣5分」: 「达到20%」 takes the first
    tier's subject (a 是否 fact); the error says so at 「达到20%」 and writes the subject again in its help."""
    found = _errors("细则「t」\n一、【甲】(10分)\n  事实「有计划」:是否\n  事实「培训率」:百分比\n"
                    "  未「有计划」的扣10分,否则「培训率」达到30%的扣0分,达到20%的扣5分。\n")
    assert [d.code for d in found] == ["GR301"]
    text = found[0].render()
    assert "沿用的是这一条第一档的主语「有计划」,不是「否则」之后的「培训率」" in text
    assert "「否则「培训率」达到20%…」" in text
    # written as the help says, each tier its own 否则: 25% → 扣5分, 10 − 5 = 5; 35% → 扣0分, 10 (the first tier that holds)
    rubric = govrubric.loads("细则「t」\n一、【甲】(10分)\n  事实「有计划」:是否\n  事实「培训率」:百分比\n"
                             "  未「有计划」的扣10分,否则「培训率」达到30%的扣0分,否则「培训率」达到20%的扣5分。\n", "t.rubric")
    assert rubric.check() == []
    assert rubric.score({"单位": "u", "有计划": "是", "培训率": "25%"}).scores()["一"] == D(5)
    assert rubric.score({"单位": "u", "有计划": "是", "培训率": "35%"}).scores()["一"] == D(10)


def test_a_missing_item_shared_by_several_requirements_says_to_write_one_sentence_each():
    """殡葬「每年召开2次……推进会、开展12次专项督查,缺一项扣1分」: not yet one clause — GR301 at 「缺一项扣1分」, the help
    writes each requirement its own sentence (the encoding's 改写)."""
    found = _errors("细则「t」\n一、【甲】(4分)\n  事实「甲」:次数\n  事实「乙」:次数\n  「甲」不少于2次、「乙」不少于12次,缺一项扣1分。\n")
    assert [d.code for d in found] == ["GR301"]
    assert "「「甲」不少于2次,缺一项扣1分。「乙」不少于12次,缺一项扣1分」" in found[0].render()
