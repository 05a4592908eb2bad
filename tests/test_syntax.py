"""Parsing and structure: what authors may write, and how it nests."""
from decimal import Decimal as D

import govrubric
from govrubric import ast
from govrubric.diagnostics import Diagnostics
from govrubric.source import SourceFile
from govrubric.structure import build_tree
from govrubric.syntax import parse_pieces

from helpers import item, ok


def tree(text: str) -> ast.Rubric:
    source = SourceFile("t.rubric", text)
    diags = Diagnostics(source)
    pieces = parse_pieces(source, diags)
    assert pieces is not None, [d.render() for d in diags.items]
    result = build_tree(pieces, diags)
    assert not diags.items, [d.render() for d in diags.items]
    return result


def test_full_and_half_width_punctuation_mean_the_same():
    half = "一、【甲】(2分)\n事实「率」:百分比\n「率」95%-100%(不含)得0.5分,100%得1分;低于95%不得分\n"
    full = "一、【甲】（2分）\n事实「率」：百分比\n「率」95％—100％（不含）得0.5分，100％得1分；低于95％不得分\n"
    assert tree(half) == tree(full)


def test_layout_is_free():
    compact = "一、【甲】(2分)事实「次」:次数「次」每1次扣0.5分"
    spread = "\n\n一、【甲】(2分)\n\n      事实「次」:次数\n\t\t「次」每1次扣0.5分\n\n"
    assert tree(compact) == tree(spread)


def test_comments_are_ignored():
    text = "# 注释\n一、【甲】(2分)  # 行尾注释\n事实「次」:次数 ＃ 全角注释\n「次」每1次扣0.5分\n"
    assert tree(text) == tree("一、【甲】(2分)\n事实「次」:次数\n「次」每1次扣0.5分\n")


def test_chinese_numerals():
    text = """
一、【甲】(3分)
  事实「次」:次数
  「次」每发现一起扣零点五分
"""
    # 零点五 is not a numeral the language reads: the amount must be written 0.5
    loaded = govrubric.loads(text)
    assert not loaded.ok
    text = """
一、【甲】(3分)
  事实「次」:次数
  「次」每发现两起扣1分
二、【乙】(2分)
  事实「名次」:名次
  「名次」前三名得2分
"""
    assert item(text, {"次": 5, "名次": 9}, header="细则「t」\n", category=None) == D("1")  # ⌊5/2⌋ × 1 = 2 → 3 − 2
    assert item(text, {"次": 0, "名次": 3}, path="二", header="细则「t」\n", category=None) == D("2")


def test_keywords_inside_names_stay_names():
    # 扣, 得, 每, 加, 分 inside 「…」 are part of the name
    text = """
一、【每项扣分得分加分】(2分)
  事实「每次扣得加分次数」:次数
  「每次扣得加分次数」每发现1次扣0.5分
"""
    assert item(text, {"每次扣得加分次数": 1}, header="细则「t」\n", category=None) == D("1.5")


def test_wording_between_per_and_number_is_kept_but_means_nothing():
    a = tree("一、【甲】(2分)事实「次」:次数「次」每抽查发现或被投诉1次的,扣0.5分")
    b = tree("一、【甲】(2分)事实「次」:次数「次」每1次扣0.5分")
    rule_a = a.items[0].clauses[0].tiers[0].body
    rule_b = b.items[0].clauses[0].tiers[0].body
    assert rule_a.filler == "抽查发现或被投诉" and rule_b.filler is None
    assert (rule_a.count, rule_a.measure, rule_a.outcome) == (rule_b.count, rule_b.measure, rule_b.outcome)


def test_nesting_follows_numbering_style_not_indentation():
    t = tree("""
一、【甲】(10分)
1.【甲一】(6分)
(1)【甲一一】(3分)
(2)【甲一二】(3分)
2.【甲二】(4分)
二、【乙】(5分)
【无编号】(5分)
○(2分)
○(3分)
""")
    first, second = t.items
    assert [c.head.title for c in first.children] == ["甲一", "甲二"]
    assert [c.head.title for c in first.children[0].children] == ["甲一一", "甲一二"]
    (heading,) = second.children
    assert heading.head.style == "heading" and len(heading.children) == 2


def test_clause_labels_do_not_make_items():
    t = tree("""
一、【甲】(2分)
  事实「a」:次数
  事实「b」:次数
  1.「a」每1次扣0.1分。
  2.「b」每1次扣0.1分。
""")
    (only,) = t.items
    assert [c.label for c in only.clauses] == ["1.", "2."] and not only.children


def test_limit_scope_follows_punctuation():
    t = tree("""
一、【甲】(2分)
  事实「a」:次数
  事实「b」:次数
  「a」每1次扣0.2分,扣完1分为止;「b」每次扣0.5分。扣完为止。
""")
    (only,) = t.items
    assert [lim.word for lim in only.clauses[0].limits] == ["扣完1分为止"]
    assert only.clauses[1].limits == ()
    assert [lim.kind for lim in only.limits] == ["exhaust"]


def test_tiers_attach_to_the_clause_before_them():
    t = tree("""
一、【甲】(2分)
  事实「率」:百分比
  事实「办」:是否
  「率」达到93%得1分,90%—92%之间,得0.5分,低于90%不得分;「办」得1分
""")
    first, second = t.items[0].clauses
    assert len(first.tiers) == 3 and len(second.tiers) == 1


def test_boundary_words_read_by_the_civil_code():
    loaded = ok("""
一、【甲】(1分)
  事实「率」:百分比
  「率」95%以上得1分
二、【乙】(1分)
  事实「天」:天数
  「天」超过15天扣1分
三、【丙】(1分)
  事实「次」:次数
  「次」不少于4次得1分
""", header="细则「t」\n")
    tests = [n.rules[0].tiers[0].test for n in loaded.model.roots]
    assert tests[0].interval.contains(D(95)) and tests[0].meaning == "≥ 95%"
    assert not tests[1].interval.contains(D(15)) and tests[1].interval.contains(D(16))
    assert tests[2].interval.contains(D(4))


def test_rubric_may_declare_its_own_boundary_convention():
    loaded = ok("""
边界:以上不含本数
一、【甲】(1分)
  事实「率」:百分比
  「率」95%以上得1分
""", header="细则「t」\n")
    test = loaded.model.roots[0].rules[0].tiers[0].test
    assert not test.interval.contains(D(95)) and test.meaning == "> 95%"


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "w.rubric"
    path.write_bytes("\ufeff细则「t」\r\n一、【甲】(1分)\r\n事实「a」:是否\r\n「a」得1分\r\n".encode("utf-8"))
    loaded = govrubric.load(str(path))
    assert loaded.ok and loaded.model.title == "t"


def test_explicit_base_on_a_parent_adds_its_children():
    # 宜良 八 (3分): two sub-items without points, only deductions; 从满分扣减 → 3 + their deductions
    text = """
一、【保障措施】(3分)
  计分方式:从满分扣减
  1.【推进会】
    事实「缺席」:次数
    「缺席」每1次扣0.3分,扣完2分为止
  2.【季度报告】
    事实「迟报」:次数
    「迟报」每1次扣1分,扣完3分为止
"""
    assert item(text, {"缺席": 1, "迟报": 1}, header="细则「t」\n", category=None) == D("1.7")
    assert item(text, {"缺席": 7, "迟报": 1}, header="细则「t」\n", category=None) == D("0")


def test_broken_number_inside_a_comment_is_a_faithful_quote():
    assert ok("# 原文:每抽查发现1次扣0. 1分\n一、【甲】(1分)\n事实「a」:是否\n「a」得1分\n", header="细则「t」\n")


def test_nei_reads_as_yinei():
    loaded = ok("一、【甲】(1分)\n事实「天」:天数\n「天」2个工作日内得1分\n", header="细则「t」\n")
    assert loaded.model.roots[0].rules[0].tiers[0].test.meaning == "≤ 2天"


def test_rank_ranges_and_full_marks_limit_after_items():
    loaded = ok("""
一、【两率】(5分)
  事实「市排名」:名次
  「市排名」前3名得满分,第6名至10名扣2分,第11名至第20名之间扣3分
  事实「新增项目月数」:月数
  「新增项目月数」每1个月加0.1分,满分1.2分
""", header="细则「t」\n")
    tiers, bonus = loaded.model.roots[0].rules
    assert [t.test.meaning for t in tiers.tiers] == ["1名 ≤ x ≤ 3名", "6名 ≤ x ≤ 10名", "11名 ≤ x ≤ 20名"]
    assert bonus.cap == D("1.2")


def test_the_columns_of_published_tables_are_kept_as_metadata():
    # 银川 分厅部门考核赋分表 has 责任科室 and 考核方法 beside the points; only 适用 takes part in scoring
    text = ('细则「x」\n一、【领导重视】(20分)\n  责任科室:「综合科」\n  考核方法:「查阅资料」\n'
            '  数据来源:「政务服务网」、「12345」\n  备注:「无」\n  事实「研究」:是否\n  没有「研究」的扣5分。\n')
    loaded = govrubric.loads(text)
    assert loaded.ok, [d.render() for d in loaded.check()]
    assert loaded.model.roots[0].meta == (("责任科室", ("综合科",)), ("考核方法", ("查阅资料",)),
                                          ("数据来源", ("政务服务网", "12345")), ("备注", ("无",)))
    assert loaded.score({"单位": "甲", "研究": False}).total == 15


def test_a_fact_then_每低_is_a_count_not_the_setting():
    # 「…」每低1人次: 每 + the free word 低 + the count; the setting 每低 comes only before 按整数计/按比例计
    import govrubric

    text = "细则「t」\n每低:按比例计\n一、【甲】(5分)\n  事实「率通项项为」:次数\n  「率通项项为」每低1人次问题扣1.5分。\n"
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, [d.render() for d in loaded.check()]
    assert loaded.score({"单位": "u", "率通项项为": 2}).scores()["一"] == 2  # 5 − 2 × 1.5
