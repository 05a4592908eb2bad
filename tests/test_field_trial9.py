"""Ninth-round field trial: published rubrics from fields the earlier rounds had not covered (民族宗教、残疾人工作、
税收(畜牧税费)、养老(五保供养)、审计、网格化社会治理、城市环卫), encoded by a tester from docs/ alone (tests/field_trial9/<slug>/: source.md, the
encoding, sample facts, goldens.md with the arithmetic; REPORT.md; the minimal repros of the silent wrong scores in
tests/field_trial9/repro/, listed in /work/wt/SW9.md).

Every sample unit of every encoding is scored by the interpreter AND by the compiled scorer (same tree and lines), and
the item scores and totals are compared with the numbers below. They are typed from each goldens.md, where they were
worked out by hand from the published words; they are not the program's output. Units on which the program scores
differently from the hand without any error (a silent wrong score, SW9-n) are xfail(strict=True), so that they flip
when the SW is fixed."""
from pathlib import Path

import pytest

from field_trial_checks import round_tests

TRIAL = Path(__file__).resolve().parent / "field_trial9"

# encoding -> unit -> (total, {item path: score}); the items are those goldens.md works out one by one
HAND_WORKED = {
    "jiangsu-religious-venues": {
        # jiangsu-religious-venues/goldens.md, the table
        "甲寺": ("5", {"【爱国爱教】.1": "2", "【爱国爱教】.2": "2", "【爱国爱教】.3": "1", "【爱国爱教】": "5"}),
        "乙堂": ("3", {"【爱国爱教】.1": "1.5", "【爱国爱教】.2": "1.5", "【爱国爱教】.3": "0", "【爱国爱教】": "3"}),
        "丙观": ("3.5", {"【爱国爱教】.1": "0.5", "【爱国爱教】.2": "2", "【爱国爱教】.3": "1", "【爱国爱教】": "3.5"}),
    },
    "yingde-disability-2011": {
        # yingde-disability-2011/goldens.md, the table
        "甲镇": ("16", {"一.1": "6", "一.2": "4", "一": "10", "二.3": "3", "二.4": "3", "二": "6"}),
        "乙镇": ("8", {"一.1": "3", "一.2": "2", "一": "5", "二.3": "2", "二.4": "1", "二": "3"}),
        "丙街": ("7", {"一.1": "3", "一.2": "1", "一": "4", "二.3": "0", "二.4": "3", "二": "3"}),
    },
    "township-disabled-federation-2021": {
        # township-disabled-federation-2021/goldens.md, the table
        "甲乡": ("26.75", {"【政令畅通】": "9.5", "【康复工作】.【完成白内障患者检查任务】": "3",
                          "【康复工作】.【完成假肢装配任务】": "2.25", "【康复工作】": "7.25",
                          "【为民办实事工作】.【居家托养服务工作】": "6", "【为民办实事工作】": "10"}),
        "乙乡": ("9.6", {"【政令畅通】": "3", "【康复工作】.【完成白内障患者检查任务】": "1.8",
                        "【康复工作】.【辅助器具配发】": "0", "【康复工作】": "1.8",
                        "【为民办实事工作】.【完成0-6岁贫困残疾儿童抢救性康复工作】": "2",
                        "【为民办实事工作】.【居家托养服务工作】": "2.8", "【为民办实事工作】": "4.8"}),
        "丙镇": ("10", {"【政令畅通】": "0", "【康复工作】.【完成白内障患者检查任务】": "3", "【康复工作】": "7",
                        "【为民办实事工作】.【完成0-6岁贫困残疾儿童抢救性康复工作】": "3",
                        "【为民办实事工作】.【居家托养服务工作】": "0", "【为民办实事工作】": "3"}),
    },
    "daozhen-livestock-tax-2007": {
        # daozhen-livestock-tax-2007/goldens.md, the table
        "甲乡": ("96", {"(一)": "10", "(二)": "16", "(三).1": "20", "(三).2": "50", "(三)": "70"}),
        "乙乡": ("71", {"(一)": "6", "(二)": "20", "(三).1": "0", "(三).2": "45", "(三)": "45"}),
        "丙镇": ("54", {"(一)": "0", "(二)": "4", "(三).1": "15", "(三).2": "35", "(三)": "50"}),
    },
    "township-wubao-support": {
        # township-wubao-support/goldens.md, the table
        "甲乡": ("20", {"【领导重视】.1": "2", "【领导重视】": "12", "【供养保障】": "8"}),
        "乙乡": ("1.5", {"【领导重视】.1": "1.5", "【领导重视】.4": "0", "【领导重视】": "1.5", "【供养保障】.1": "0",
                        "【供养保障】.2": "0", "【供养保障】": "0"}),
        "丙镇": ("15", {"【领导重视】.1": "2", "【领导重视】.4": "3", "【领导重视】": "9", "【供养保障】.1": "3",
                        "【供养保障】.2": "3", "【供养保障】": "6"}),
    },
    "county-wubao-advanced": {
        # county-wubao-advanced/goldens.md, the table
        "A县": ("28", {"【体制保障】.3": "0", "【体制保障】": "20", "【供养保障】.1": "5", "【供养保障】.2": "3",
                       "【供养保障】": "8"}),
        "B县": ("17", {"【体制保障】.1": "0", "【体制保障】.2": "0", "【体制保障】.3": "4", "【体制保障】": "4",
                       "【供养保障】.1": "8", "【供养保障】.2": "5", "【供养保障】": "13"}),
        "C县": ("23", {"【体制保障】.1": "5", "【体制保障】.2": "5", "【体制保障】": "15", "【供养保障】.1": "0",
                       "【供养保障】": "8"}),
    },
    "community-grid-2017": {
        # community-grid-2017/goldens.md, the table
        "甲社区": ("22", {"【建立社区信息化管理平台】": "10", "【优化服务资源】": "2", "【创新奖励分】": "10"}),
        "乙社区": ("15", {"【建立社区信息化管理平台】": "6", "【优化服务资源】": "3", "【创新奖励分】": "6"}),
        "丙社区": ("10", {"【建立社区信息化管理平台】": "0", "【优化服务资源】": "5", "【创新奖励分】": "5"}),
    },
    "xinan-street-sanitation-2023": {
        # xinan-street-sanitation-2023/goldens.md, the table
        "甲村": ("26", {"1": "16", "4": "4", "5": "1", "6": "5"}),
        "乙村": ("33", {"1": "25", "4": "5", "5": "0", "6": "3"}),
        "丙村": ("14", {"1": "0", "4": "5", "5": "5", "6": "4"}),
    },
    "audit-bureau-posts": {
        # audit-bureau-posts/goldens.md, the table
        "固投科": ("15", {"一": "15"}),
        "行政事业审计科": ("7", {"一": "7"}),
        "固投二科": ("6", {"一": "6"}),
    },
}

GRADES = {}  # none of the encodings has grades


def wrong(reason):
    return pytest.mark.xfail(strict=True, reason=reason)


# Units on which the program gives another number than the hand, without any error (/work/wt/SW9.md)
KNOWN_WRONG = {
    ("jiangsu-religious-venues", "甲寺"): wrong("SW9-1: 全年不少于4次,每出一期得0.5分 counts only issues beyond 4"),
    ("jiangsu-religious-venues", "乙堂"): wrong("SW9-1"),
    ("jiangsu-religious-venues", "丙观"): wrong("SW9-1"),
    ("daozhen-livestock-tax-2007", "乙乡"): wrong("SW9-2: 65%以下(含65%) loses 65% to 65%以上"),
    ("township-wubao-support", "甲乡"): wrong("SW9-3: 全年不少于4次,欠一次扣0.5分 deducts meetings beyond 4"),
    ("township-wubao-support", "乙乡"): wrong("SW9-3"),
}

# the minimal repros: file (without .rubric) -> facts file, the SW it shows, {unit: hand total}
REPROS = {
    "sw1-requirement-then-undirected-each-counts-only-beyond": ("sw1.facts.json", "SW9-1",
                                                                {"p3": "1.5", "p4": "2", "p6": "2"}),
    "sw2-explicit-included-end-on-lower-tier-kept-by-upper": ("sw2.facts.json", "SW9-2",
                                                              {"r65": "0", "r66": "10", "r64": "0"}),
    "sw3-requirement-then-qian-yici-deducts-what-exceeds": ("sw3.facts.json", "SW9-3",
                                                            {"n2": "1", "n4": "2", "n6": "2"}),
    "sw3b-requirement-score-then-qian-yici-counts-every-one-held": ("sw3b.facts.json", "SW9-3",
                                                                    {"n2": "1", "n4": "2", "n6": "2"}),
    "sw4-numbered-tier-lines-with-repeated-subject-add-up": ("sw4.facts.json", "SW9-4",
                                                             {"r90": "20", "r80": "15", "r70": "10"}),
}
FIXED = set()  # SWs fixed since the trial: their repros must score as the hand
REPRO_RIGHT = {  # units of a repro the program already scores as the hand does
    ("sw2-explicit-included-end-on-lower-tier-kept-by-upper", "r66"),
    ("sw2-explicit-included-end-on-lower-tier-kept-by-upper", "r64"),
    ("sw3-requirement-then-qian-yici-deducts-what-exceeds", "n4"),
    ("sw3b-requirement-score-then-qian-yici-counts-every-one-held", "n2"),
    ("sw4-numbered-tier-lines-with-repeated-subject-add-up", "r90"),
    ("sw4-numbered-tier-lines-with-repeated-subject-add-up", "r70"),
}


# the round's four tests (field_trial_checks.round_tests): encodings listed, each checks clean, every unit against the
# hand (interpreter and compiled scorer, line for line), every repro unit against the hand
globals().update(round_tests(TRIAL, HAND_WORKED, KNOWN_WRONG, GRADES, REPROS, REPRO_RIGHT, FIXED))
