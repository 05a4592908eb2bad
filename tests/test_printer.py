"""The printer: a syntax tree printed as rubric text parses back to the same tree.

Equality of trees ignores spans. Numbering punctuation is not kept (1、 and 1． print as 1.,
the canonical label), nor the raw wording of 扣完…为止; printer.normalise() applies exactly
those two changes, so the property is parse(print(t)) == normalise(t).
"""
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, Phase, example, find, given, settings
from hypothesis.errors import NoSuchExample

import govrubric
from govrubric import ast
from govrubric.diagnostics import Diagnostics
from govrubric.fmt import parse_tree
from govrubric.printer import cn_number, label_style, normalise, print_rubric
from govrubric.source import SourceFile

from strategies import rubric_trees, valid_rubric_texts


def parse(text: str) -> ast.Rubric:
    diags = Diagnostics(SourceFile("t.rubric", text))
    tree = parse_tree(SourceFile("t.rubric", text), diags)
    assert tree is not None, [d.render() for d in diags.items]
    return tree


# drawn by rubric_trees() and once refused (GR101 at 「(」, test_fmt and the loader failing at random): an exemption
# after an amount per measure word. A published shape (房山「……扣5分(因不可抗力的除外)」 after 「扣0.5分/项」's
# amount), so the grammar reads it since 4080462; kept here as the regression example the generator found.
EXEMPTION_AFTER_PER_MEASURE = "细则「测」\n\n一、【甲】(3分)\n  事实「0」:次数\n  事实「05」:是否\n  「0」得0.1分/个(「05」的除外)。\n"


@example(parse(EXEMPTION_AFTER_PER_MEASURE))
@given(rubric_trees())
def test_printing_a_tree_and_parsing_it_gives_the_tree_back(tree):
    assert parse(print_rubric(tree)) == normalise(tree)


@example(EXEMPTION_AFTER_PER_MEASURE)
@given(valid_rubric_texts())
def test_generated_rubrics_are_valid(text):
    loaded = govrubric.loads(text, "g.rubric")
    assert loaded.ok, "\n".join(d.render() for d in loaded.check())


CONSTRUCTS = ["cn", "arabic", "arabic_paren", "cn_paren", "circled", "heading", "anon", "CondTrue", "CondFalse",
              "CondCompare", "CondIn", "CondAll", "CondAny", "Per", "Escalate", "EscalateEach", "Progression",
              "Respectively", "else", "more",
              "clause-limit", "item-limit", "cohort", "formula", "final", "discretion_deduct", "discretion_bonus",
              "set_score", "veto", "full", "reason", "grade", "final_value", "grade_cap", "grade_down", "exemption", "grade_by_category"]


def test_generated_trees_use_every_construct():
    """The strategies still produce each construct (a census, so that one dropped by mistake is noticed)."""
    seen: set[str] = set()

    def complete(census: set) -> bool:
        seen.update(census)
        return set(CONSTRUCTS) <= seen

    # find() stops at the first complete census; the bound is for the rarest constructs (drawn 3 to 20 times in 400
    # trees, so 400 alone failed now and then).
    fast = settings(phases=[Phase.generate], max_examples=1500, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck))
    try:
        find(rubric_trees().map(_census), complete, settings=fast)
    except NoSuchExample:
        pytest.fail(f"never generated: {sorted(set(CONSTRUCTS) - seen)}")


def _census(tree: ast.Rubric) -> set:
    seen: set[str] = set()
    _walk_census(tree, seen)
    return seen


def _walk_census(tree: ast.Rubric, seen: set) -> None:
    def cond(c):
        if c is not None:
            seen.add(type(c).__name__)
            for part in getattr(c, "parts", ()):
                cond(part)

    def clause(cl):
        for i, tier in enumerate(cl.tiers):
            cond(tier.cond)
            seen.add(type(tier.body).__name__)
            if isinstance(tier.body, ast.Outcome):
                seen.add(tier.body.kind)
            if i and tier.cond is None and not isinstance(tier.body, (ast.Escalate, ast.Progression)):
                seen.add("else")
            if i and isinstance(tier.cond, ast.CondCompare) and not tier.cond.operand.names:
                seen.add("more")
        if cl.limits:
            seen.add("clause-limit")
        if cl.exemptions:
            seen.add("exemption")
        first = cl.tiers[0].cond
        if isinstance(first, ast.CondAll) and isinstance(cl.tiers[0].body, ast.Outcome) and cl.tiers[0].body.kind == "grade":
            seen.add("grade_by_category")

    def item(it):
        seen.add(it.head.style)
        seen.update("reason" for x in it.settings if x.reason)
        seen.update("item-limit" for _ in it.limits[:1])
        seen.update("cohort" for f in it.facts if f.cohort is not None)
        for cl in it.clauses:
            clause(cl)
        for child in it.children:
            item(child)

    seen.update("formula" for h in tree.header if h.key == "总分")
    seen.update("final" for _ in tree.final_clauses[:1])
    for cl in tree.final_clauses:
        clause(cl)
    for it in tree.items:
        item(it)


def test_numbering_is_printed_in_one_style():
    tree = parse("一、【甲】(2分)\n1、【乙】(1分)\n（1）【丙】(1分)\n①【丁】(1分)\n2．【戊】(1分)\n")
    printed = print_rubric(tree)
    assert printed == ("一、【甲】(2分)\n  1.【乙】(1分)\n    (1)【丙】(1分)\n      ①【丁】(1分)\n"
                       "  2.【戊】(1分)\n")
    assert parse(printed) == normalise(tree) != tree  # only the labels differ
    assert [i.head.label for i in normalise(tree).items[0].children] == ["1.", "2."]


def test_labels_and_chinese_numbers():
    assert [cn_number(n) for n in (1, 10, 12, 20, 35, 99, 100)] == ["一", "十", "十二", "二十", "三十五", "九十九", "100"]
    assert label_style("(十二)") == ("cn_paren", 12)
    assert label_style("3．") == ("arabic", 3)
    assert label_style("⑦") == ("circled", 7)


def test_limit_that_reads_like_a_comparison_stays_with_its_clause():
    # 「,不超过1分」 after a clause would parse as the next tier (≤ 1分); printed without the comma
    text = "一、【甲】(3分)\n事实「次」:次数\n「次」每1次扣0.5分 不超过1分\n"
    tree = parse(text)
    assert tree.items[0].clauses[0].limits[0].word == "不超过"
    printed = print_rubric(tree)
    assert "「次」每次扣0.5分 不超过1分。" in printed
    assert parse(printed) == normalise(tree)


def test_item_limit_that_reads_like_a_comparison_goes_before_the_clauses():
    text = "一、【甲】(3分)\n事实「次」:次数\n不超过2分\n「次」每1次扣0.5分。\n"
    tree = parse(text)
    assert tree.items[0].limits[0].amount == D(2)
    printed = print_rubric(tree)
    assert printed == "一、【甲】(3分)\n  不超过2分。\n  事实「次」:次数\n  「次」每次扣0.5分。\n"
    assert parse(printed) == normalise(tree)


def test_clause_wording_is_canonical():
    text = """细则「样」
总分:「得分」=第一项至第二项得分-第三项扣分
「得分」超过100分的,按100分确定;其余按「得分」确定
一、【甲】(5分)
  事实「率」:百分比
  事实「次」:次数
  事实「公布」:是否
  事实「名」:名次
  「率」达到93%得1分,90%-92%之间,得0.5分,其余不得分;
  「次」第一次扣1分;再次此项不得分
  没有「公布」的,扣1分
  「名」前三名,依次加0.5分、1分、1.5分,加满2分为止
  「次」每抽查发现一起扣0.2分,扣完1分为止。扣完为止
二、【乙】(3分)
三、【丙】
"""
    assert print_rubric(parse(text)) == """细则「样」
总分:「得分」= 第一项至第二项得分 - 第三项扣分
「得分」超过100分的,按100分确定,否则按「得分」确定。

一、【甲】(5分)
  事实「率」:百分比
  事实「次」:次数
  事实「公布」:是否
  事实「名」:名次
  「率」达到93%得1分,90%—92%得0.5分,否则不得分。
  「次」第一次扣1分;再次此项不得分。
  没有「公布」的,扣1分。
  「名」前3名,依次加0.5分、1分、1.5分,加满2分为止。
  「次」每抽查发现1起扣0.2分,扣完1分为止。
  扣完为止。

二、【乙】(3分)

三、【丙】
"""


def test_optional_count_fact_without_a_measure():
    # 「次数(可空)」 once failed to parse: after 次数 the 「(」 was taken for 次数(次)
    tree = parse("一、【甲】(1分)\n事实「次」:次数(可空)\n事实「件」:件数(件)(可空)\n「次」每1次扣0.5分。\n")
    facts = tree.items[0].facts
    assert [(f.type.measure, f.optional) for f in facts] == [(None, True), ("件", True)]
    assert print_rubric(tree).splitlines()[1:3] == ["  事实「次」:次数(可空)", "  事实「件」:件数(件)(可空)"]


def test_clause_numbering_is_printed_in_one_style():
    tree = parse("一、【甲】(2分)\n事实「甲」:是否\n事实「乙」:是否\n\uff081\uff09「甲」得1分\n2、「乙」得1分\n")
    assert [c.label for c in tree.items[0].clauses] == ["\uff081\uff09", "2、"]
    printed = print_rubric(tree)
    assert printed.splitlines()[3:] == ["  (1)「甲」得1分。", "  2.「乙」得1分。"]
    assert [c.label for c in parse(printed).items[0].clauses] == ["(1)", "2."]
    assert parse(printed) == normalise(tree)
