"""Third-round field trial: 13 published rubrics and a set of 考核办法 structures, encoded by a tester from docs/ alone
(tests/field_trial3/<slug>/: source.md, the encoding, sample facts, goldens.md with the arithmetic; REPORT.md).

Every sample unit of every encoding is scored by the interpreter AND by the compiled scorer (same tree and lines), and
the item scores, totals and grades are compared with the numbers below. They are typed from each goldens.md, where
they were worked out by hand from the published words (each entry names its goldens.md line); they are not the
program's output. Units on which the program is known to score differently from the hand are xfail(strict=True),
with the reason."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

import govrubric
from govrubric.codegen import compile_rubric
from test_codegen import assert_same

TRIAL = Path(__file__).resolve().parent / "field_trial3"

# encoding (path under tests/field_trial3, without .rubric) -> its sample facts file
FACTS = {
    "archives-target/archives-target": "archives-target/archives-target.facts.json",
    "banzhuren/banzhuren": "banzhuren/banzhuren.facts.json",
    "baomi-selfcheck/baomi-selfcheck": "baomi-selfcheck/baomi-selfcheck.facts.json",
    "dangjian-2022/dangjian-2022": "dangjian-2022/dangjian-2022.facts.json",
    "enterprise-safety-2013/enterprise-safety-2013": "enterprise-safety-2013/enterprise-safety-2013.facts.json",
    "hubei-env/hubei-env": "hubei-env/hubei-env.facts.json",
    "hubei-env/hubei-env-flat": "hubei-env/hubei-env.facts.json",
    "jinhua-digital-city/jinhua-digital-city": "jinhua-digital-city/jinhua-digital-city.facts.json",
    "kaohe-structures/fuyang-school": "kaohe-structures/fuyang-school.facts.json",
    "kaohe-structures/hecun-grid": "kaohe-structures/hecun-grid.facts.json",
    "kaohe-structures/kaihua-river": "kaohe-structures/kaihua-river.facts.json",
    "kaohe-structures/shangyu-info": "kaohe-structures/shangyu-info.facts.json",
    "kaohe-structures/tiantai-info": "kaohe-structures/tiantai-info.facts.json",
    "kaohe-structures/water-ten": "kaohe-structures/water-ten.facts.json",
    "nongmao-garbage/nongmao-garbage": "nongmao-garbage/nongmao-garbage.facts.json",
    "qingzhen-party-2016/qingzhen-party-2016": "qingzhen-party-2016/qingzhen-party-2016.facts.json",
    "shuangyong-model/shuangyong-model": "shuangyong-model/shuangyong-model.facts.json",
    "xianyang-river/xianyang-river": "xianyang-river/xianyang-river.facts.json",
    "xidian-garbage/xidian-garbage": "xidian-garbage/xidian-garbage.facts.json",
    "zhonglou-info/zhonglou-info": "zhonglou-info/zhonglou-info.facts.json",
    "ziyang-bizenv/ziyang-bizenv": "ziyang-bizenv/ziyang-bizenv.facts.json",
}

# encoding -> unit -> (total, grade or None, {item path: score}); the items are those goldens.md works out one by one
HAND_WORKED = {
    "archives-target/archives-target": {
        # archives-target/goldens.md lines 8-10 (42 保管检查 read as 0.5 for the checks + 0.5 deducted per damage, line 3)
        "县发改局": ("14.5", None, {"3": "1", "10": "2", "11": "1", "26": "3", "27": "2", "32": "1", "41": "3",
                                  "42": "0.5", "43": "1"}),
        "县财政局": ("20.5", None, {"3": "2", "10": "2", "11": "2", "26": "4", "27": "2", "32": "2", "41": "4",
                                  "42": "1", "43": "1.5"}),
        "县水利局": ("2", None, {"3": "0", "10": "0", "11": "0", "26": "1", "27": "0", "32": "1", "41": "0",
                               "42": "0", "43": "0"}),
    },
    "banzhuren/banzhuren": {
        # banzhuren/goldens.md lines 5-7
        "张老师": ("84.7", None, {"1": "4.5", "2": "4", "3": "8", "4": "6", "5": "4", "6": "4.7", "7": "9", "8": "4",
                               "9": "36", "10": "4.5"}),
        "李老师": ("77", None, {"1": "0", "2": "5", "3": "0", "4": "7", "5": "0", "6": "5", "7": "10", "8": "5",
                             "9": "40", "10": "5"}),
        "王老师": ("78", None, {"1": "5", "2": "5", "3": "8", "4": "7", "5": "5", "6": "5", "7": "8", "8": "5",
                             "9": "30", "10": "0"}),
    },
    "baomi-selfcheck/baomi-selfcheck": {
        # baomi-selfcheck/goldens.md lines 9-12 (三 = 加重扣分, from the total; 其余 93 = the unread items at full)
        "甲局": ("90", "符合要求", {"一.1": "4", "一.2": "3", "三": "-10"}),
        "乙局": ("89", "基本符合要求", {"一.1": "3", "一.2": "3", "三": "-10"}),
        "丙局": ("89", "不符合要求", {"一.1": "2", "一.2": "2", "三": "-8"}),
        # line 12 and line 19: 89.5% lies in the source's own gap between 80%(含)—89% and 90%以上: no grade
        "丁局": ("89.5", None, {"一.1": "3.5", "一.2": "3", "三": "-10"}),
    },
    "dangjian-2022/dangjian-2022": {
        # dangjian-2022/goldens.md lines 8-10
        "甲处": ("-0.9", None, {"一.1": "-0.7", "一.2": "-0.4", "一.3": "-0.1", "一.4": "-2", "一.5": "-1",
                              "一": "-4.2", "二.1": "3.3"}),
        "乙处": ("4", None, {"一.1": "0", "一.2": "0", "一.3": "0", "一.4": "0", "一.5": "0", "一": "0", "二.1": "4"}),
        "丙处": ("-13", None, {"一.1": "0", "一.2": "0", "一.3": "0", "一.4": "0", "一.5": "-13", "一": "-13",
                             "二.1": "0"}),
    },
    "enterprise-safety-2013/enterprise-safety-2013": {
        # enterprise-safety-2013/goldens.md lines 5-7
        "甲车间": ("105", None, {"一.1": "20", "一.2": "15", "一.3": "0", "一.4": "10", "一.5": "5", "一.6": "10",
                               "一.7": "17", "一.8": "-5", "一": "72", "二.1": "12", "二.2": "10", "二.3": "11",
                               "二": "33"}),
        "乙车间": ("31", None, {"一": "0", "二.1": "0", "二.2": "16", "二.3": "15", "二": "31"}),
        "丙车间": ("72", None, {"一.1": "20", "一.2": "15", "一.3": "10", "一.4": "10", "一.5": "0", "一.6": "0",
                              "一.7": "0", "一.8": "5", "一": "60", "二.1": "12", "二.2": "0", "二.3": "0",
                              "二": "12"}),
    },
    "hubei-env/hubei-env": {
        # hubei-env/goldens.md lines 7-9 (二.○1, 二.○2 are rows 5 and 6 of the second column)
        "A县": ("13", None, {"一.○1": "0", "一.○2": "2", "一.○3": "0.5", "一.○4": "0", "一.○5": "1.5", "一.○6": "2",
                            "一.○7": "0", "一": "6", "二.○1": "0.5", "二.○2": "1", "二": "7"}),
        "B县": ("22", None, {"一.○1": "2", "一.○2": "2", "一.○3": "2", "一.○4": "2", "一.○5": "2", "一.○6": "2",
                            "一.○7": "1", "一": "13", "二.○1": "1", "二.○2": "1", "二": "9"}),
        # C县 as the tester worked it (goldens.md line 9): a row 「认真执行…,得2分,每发现1例…扣0.5分」 is earned only
        # where it is done (一.○3 未认真执行 → 0; 二.○1 0 − 0.5 → 0; 二.○2 否 → 0)
        "C县": ("7", None, {"一.○1": "0", "一.○2": "0", "一.○3": "0", "一.○4": "2", "一.○5": "2", "一.○6": "2",
                           "一.○7": "1", "一": "7", "二.○1": "0", "二.○2": "0", "二": "0"}),
    },
    "hubei-env/hubei-env-flat": {
        # hubei-env/goldens.md lines 25-27 (手算 column; the columns are the same rows, so 一 and 二 as in lines 7-9)
        "A县": ("13", None, {"一": "6", "二": "7"}),
        "B县": ("22", None, {"一": "13", "二": "9"}),
        "C县": ("7", None, {"一": "7", "二": "0"}),
    },
    "jinhua-digital-city/jinhua-digital-city": {
        # jinhua-digital-city/goldens.md lines 9-11
        "甲区": ("86.5", None, {"一": "3", "二.1": "50", "二.2": "19", "二.3": "8", "二.4": "2.3", "三.1": "4.2"}),
        "乙区": ("73.5", None, {"一": "0", "二.1": "45", "二.2": "20", "二.3": "7.5", "二.4": "0", "三.1": "1"}),
        "丙区": ("35", None, {"一": "5", "二.1": "20", "二.2": "0", "二.3": "0", "二.4": "5", "三.1": "5"}),
    },
    "kaohe-structures/kaihua-river": {
        # kaohe-structures/goldens.md lines 5-6 (一.2 = the unread 15 points)
        "华埠镇": ("19", None, {"一.1": "4", "一.2": "15"}),
        "马金镇": ("17", None, {"一.1": "2", "一.2": "15"}),
    },
    "kaohe-structures/fuyang-school": {
        # kaohe-structures/goldens.md lines 7-9
        "教务科长": ("85", None, {}),
        "总务科长": ("57.7", "不合格", {}),
        "学生科长": ("84.25", None, {}),
    },
    "kaohe-structures/tiantai-info": {
        # kaohe-structures/goldens.md lines 10-12
        "城东所": ("98.5", None, {"一": "100", "二": "-1.5"}),
        "城西所": ("72.73", None, {"一": "72.73", "二": "0"}),
        "平桥所": ("109.5", None, {"一": "110", "二": "-0.5"}),
    },
    "kaohe-structures/shangyu-info": {
        # kaohe-structures/goldens.md lines 13-14: 报送 + (中办单条 + 参阅件) + (主要领导批示 + 其他领导)
        "经济运行科": ("184", None, {"一": "30", "二": "124", "三": "30"}),
        "企业发展科": ("19.5", None, {"一": "0", "二": "12", "三": "7.5"}),
    },
    "kaohe-structures/water-ten": {
        # kaohe-structures/goldens.md lines 15-17
        "甲省": ("88", "不合格", {}),
        "乙省": ("60", "不合格", {}),
        "丙省": ("59.5", "不合格", {}),
    },
    "kaohe-structures/hecun-grid": {
        # kaohe-structures/goldens.md lines 18-20 (四.1 耕读村 14 before the 10-point cap of 四)
        "贺村村": ("98", None, {"一": "45", "二": "27", "三": "18", "四": "8"}),
        "耕读村": ("91", None, {"一": "40", "二": "25", "三": "16", "四.1": "14", "四": "10"}),
        "淤头村": ("96", None, {"一": "48", "二": "29", "三": "19", "四": "0"}),
    },
    "nongmao-garbage/nongmao-garbage": {
        # nongmao-garbage/goldens.md lines 5-7 (西街市场 一.3 不考: not applicable, the total prorated)
        "城东市场": ("31.5", None, {"一.1": "4", "一.2": "6", "一.3": "3", "一.4": "8", "一.5": "2.5", "二.1": "8"}),
        "西街市场": ("40.49", None, {"一.1": "0", "一.2": "10", "一.4": "10", "一.5": "5", "二.1": "12"}),
        "南门市场": ("25", None, {"一.1": "10", "一.2": "0", "一.3": "0", "一.4": "10", "一.5": "5", "二.1": "0"}),
    },
    "qingzhen-party-2016/qingzhen-party-2016": {
        # qingzhen-party-2016/goldens.md lines 5-7
        "红枫湖镇": ("-13", None, {"一": "-4.5", "二": "-2.5", "三": "-6"}),
        "站街镇": ("0", None, {"一": "0", "二": "0", "三": "0"}),
        "卫城镇": ("-26", None, {"一": "0", "二": "-20", "三": "-6"}),
    },
    "shuangyong-model/shuangyong-model": {
        # shuangyong-model/goldens.md lines 5-7
        "甲市": ("4.25", None, {"一.1": "2", "一.2": "0.5", "一.3": "0.75", "一.4": "1", "一.5": "0"}),
        "乙县": ("4", None, {"一.1": "1", "一.2": "1", "一.3": "1", "一.4": "0", "一.5": "1"}),
        "丙县": ("0", None, {"一.1": "0", "一.2": "0", "一.3": "0", "一.4": "0", "一.5": "0"}),
    },
    "xianyang-river/xianyang-river": {
        # xianyang-river/goldens.md lines 7-9
        "渭城区": ("16.5", None, {"一.1": "4", "一.2": "0.5", "一.3": "1", "一.4": "1", "一.5": "5", "一.6": "5"}),
        "秦都区": ("34", None, {"一.1": "5", "一.2": "2", "一.3": "3", "一.4": "6", "一.5": "10", "一.6": "8"}),
        "兴平市": ("3", None, {"一.1": "0", "一.2": "0", "一.3": "3", "一.4": "0", "一.5": "0", "一.6": "0"}),
    },
    "xidian-garbage/xidian-garbage": {
        # xidian-garbage/goldens.md lines 8-10 (rows 1-14 numbered inside their parts)
        "甲村": ("32", None, {"一.(一).1": "2.5", "一.(一).2": "3", "一.(一).3": "3", "一.(一).4": "0",
                             "一.(一).5": "2.5", "一.(一).6": "2", "一.(一)": "13", "一.(二).7": "2", "一.(二).8": "6",
                             "一.(二)": "8", "一.(三)": "3", "一.(四).10": "2", "一.(四).11": "3", "一.(四).12": "0",
                             "一.(四)": "5", "一": "29", "二.(一).13": "2", "二.(二).14": "1", "二": "3"}),
        "乙村": ("50", None, {"一.(一)": "18", "一.(二)": "12", "一.(三)": "4", "一.(四)": "11", "一": "45",
                             "二.(一).13": "2", "二.(二).14": "3", "二": "5"}),
        "丙村": ("31", None, {"一.(一).1": "4", "一.(一).2": "3", "一.(一).3": "3", "一.(一).4": "3",
                             "一.(一).5": "3", "一.(一).6": "0", "一.(一)": "16", "一.(二).7": "0", "一.(二).8": "0",
                             "一.(二)": "0", "一.(三)": "4", "一.(四)": "11", "一": "31", "二.(一).13": "0",
                             "二.(二).14": "0", "二": "0"}),
    },
    "zhonglou-info/zhonglou-info": {
        # zhonglou-info/goldens.md lines 7-9 (deductions 1, 2, 4, 5 as negative item scores; 3, 6, 7 加分)
        "综合科": ("12", None, {"1": "-1", "2": "-3", "4": "-2", "5": "-1", "3": "2", "6": "10", "7": "0"}),
        "审批一科": ("0", "不达标", {"1": "-1", "2": "-2", "4": "-4", "5": "0", "3": "0", "6": "0", "7": "0"}),
        "政务服务中心": ("76", None, {"1": "0", "2": "0", "4": "0", "5": "0", "3": "0", "6": "30", "7": "40"}),
    },
    "ziyang-bizenv/ziyang-bizenv": {
        # ziyang-bizenv/goldens.md lines 7-9
        "市科技局": ("39", None, {"一.(1)": "6", "一.(2)": "3", "一": "9"}),
        "市经信局": ("43", None, {"一.(1)": "8", "一.(2)": "5", "一": "13"}),
        "市金融局": ("30", None, {"一.(1)": "0", "一.(2)": "0", "一": "0"}),
    },
}

# Units on which the program and the hand disagree, with who is right (see each reason)
KNOWN_WRONG = {
    ("archives-target/archives-target", "县发改局"): pytest.mark.xfail(strict=True, reason=(
        "42 保管检查: the row's points are unreadable and assumed (1分, source.md 疑点); the program reads 「…,0.5分;"
        "每出现一项…扣0.5分,扣完为止」 as 0.5 earned with the deductions taken from it (从0计, lint GL202), the hand as "
        "0.5 + another 0.5 to deduct from: not a program error (goldens.md lines 12-14)")),
    ("archives-target/archives-target", "县财政局"): pytest.mark.xfail(strict=True, reason=(
        "42 保管检查: the assumed value (see 县发改局)")),
}


def rows(name):
    return json.loads((TRIAL / FACTS[name]).read_text(encoding="utf-8"), parse_float=Decimal)


def cases():
    return [
        pytest.param(name, unit, marks=KNOWN_WRONG.get((name, unit), ()), id=f"{name.split('/')[1]}-{unit}")
        for name in sorted(HAND_WORKED) for unit in HAND_WORKED[name]
    ]


def test_every_trial_encoding_has_hand_worked_goldens():
    encodings = sorted(str(p.relative_to(TRIAL).with_suffix("")) for p in TRIAL.glob("*/*.rubric")
                       if p.parent.name != "repro")
    assert encodings == sorted(HAND_WORKED) == sorted(FACTS)


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_encoding_checks_clean_and_its_sample_units_are_the_hand_worked_ones(name):
    rubric = govrubric.load(str(TRIAL / f"{name}.rubric"))
    assert rubric.check() == []
    assert sorted(row["单位"] for row in rows(name)) == sorted(HAND_WORKED[name])


@pytest.mark.parametrize("name, unit", cases())
def test_items_total_and_grade_match_the_hand_worked_golden(name, unit):
    rubric = govrubric.load(str(TRIAL / f"{name}.rubric"))
    scorer = compile_rubric(rubric)
    [row] = [r for r in rows(name) if r["单位"] == unit]
    assert assert_same(rubric, scorer, row)  # the compiled scorer: the same tree and lines
    total, grade, items = HAND_WORKED[name][unit]
    expected = {path: Decimal(value) for path, value in items.items()}
    result, compiled = rubric.score(row), scorer.score(row)
    for scores, graded in ((result.scores(), result.grade), (compiled, compiled.grade)):
        assert {path: scores[path] for path in expected} == expected
        assert (scores["总分"], graded) == (Decimal(total), grade)
