"""The reachable-range analysis behind GL2xx: exact ranges worked out by hand, witnesses that reach
them when scored by the evaluator, and (property tests) no valid facts ever scoring outside them."""
from decimal import Decimal as D

from hypothesis import assume, given
from hypothesis import strategies as st

import govrubric
from govrubric.evaluate import score_unit
from govrubric.lint.reach import INF, Analysis, raw_score
from govrubric.lint.witness import full_row, score
from helpers import HEAVY, ok
from strategies import unit_facts, valid_rubric_texts
from test_lint_rules import NETWORK


def analysed(text: str):
    loaded = ok(text)
    return loaded.model, Analysis(loaded.model)


def node(model, path):
    return next(n for n in model.nodes() if n.path == path)


def ends(analysis, model, path):
    reach = analysis.node(node(model, path))
    return reach.low.value, reach.high.value


def reached(analysis, target, end) -> D:
    """What the evaluator gives the node for the end's facts (the rest neutral)."""
    result = score(analysis.domains, end.assignment(), end.category)
    return next(r.score for r in result.nodes() if r.node_id == target.id)


def test_per_occurrence_deduction_is_bounded_only_by_the_item():
    # 宜良 一.1(2): 每抽查发现1次扣0.1分 in a 2-point item, no cap of its own
    model, analysis = analysed("""
一、【事项标准化】(2分)
  事实「指南不一致次数」:次数
  「指南不一致次数」每抽查发现1次扣0.1分。
""")
    reach = analysis.node(node(model, "一"))
    assert (reach.low.value, reach.high.value) == (D(0), D(2))
    assert reach.raw_low.value == -INF  # nothing but the item's floor stops it
    assert reached(analysis, node(model, "一"), reach.low) == 0  # the big count does reach the floor
    assert reach.low.assignment()["指南不一致次数"] >= 20


def test_tiers_with_a_gap_and_two_clauses_over_the_points():
    # 宜良 三.2: two tier ladders of at most 1 point each in a 1-point item
    model, analysis = analysed(NETWORK)
    reach = analysis.node(node(model, "一"))
    assert (reach.low.value, reach.high.value) == (D(0), D(1))
    assert reach.raw_high.value == D(2)
    facts = full_row(analysis.domains, reach.raw_high.assignment(), None)
    assert raw_score(model, node(model, "一"), facts, None) == (D(2), False)
    assert reach.raw_high.assignment() == {"全程网办率": D(93), "零跑腿比例": D(96)}


def test_facts_shared_by_two_children_are_analysed_together():
    # Independent analysis would add the two maxima (2); one percentage cannot be both ≥90% and <50%.
    model, analysis = analysed("""
一、【两头】(2分)
  事实「办结率」:百分比
  1.【高】(1分)
    「办结率」达到90%得1分。
  2.【低】(1分)
    「办结率」低于50%得1分。
""")
    assert ends(analysis, model, "一") == (D(0), D(1))
    reach = analysis.node(node(model, "一"))
    assert reached(analysis, node(model, "一"), reach.high) == 1
    assert reach.high.exact


def test_clauses_of_one_item_sharing_a_fact():
    model, analysis = analysed("""
一、【两头】(2分)
  计分方式:从零计分
  事实「办结率」:百分比
  「办结率」达到90%得1分;
  「办结率」低于50%得1.5分;
  「办结率」低于60%扣0.5分。
""")
    # 90%+: 1; below 50%: 1.5 − 0.5 = 1; 50%–60%: −0.5 → floor 0
    assert ends(analysis, model, "一") == (D(0), D(1))


def test_veto_and_from_full_base():
    model, analysis = analysed("""
一、【线上线下】(3分)
  事实「差别受理」:是否
  事实「投诉次数」:次数
  「投诉次数」每次扣0.5分,扣完1分为止。
  「差别受理」的,该项不得分。
""")
    reach = analysis.node(node(model, "一"))
    assert (reach.low.value, reach.high.value) == (D(0), D(3))
    assert reach.veto is not None and reach.raw_low.value == D(2)  # without the veto: at least 3 − 1


def test_rank_bonus_on_a_full_base_is_cut_by_the_points():
    # 拱墅 一.2: 5-point part scored down from full, with 依次 rank bonuses and a veto
    model, analysis = analysed("""
一、【收件率】(5分)
  计分方式:从满分扣减
  事实「收件率排名」:名次
  事实「收件率」:百分比
  「收件率排名」前三位,依次加0.5分、1分、1.5分。
  「收件率」低于85%的,此项不得分。
""")
    reach = analysis.node(node(model, "一"))
    assert (reach.low.value, reach.high.value) == (D(0), D(5))
    assert reach.raw_high.value == D("6.5")
    assert reach.raw_high.assignment()["收件率排名"] == 3


def test_bonus_outside_the_points_under_the_stated_reading():
    model, analysis = analysed("""
一、【创新】(2分)
  加分上限:不受本项分值限制
  事实「完成」:是否
  事实「获表彰」:是否
  「完成」得2分;「获表彰」加1分。
""")
    reach = analysis.node(node(model, "一"))
    assert reach.high.value == D(3)
    assert reached(analysis, node(model, "一"), reach.high) == 3


def test_total_with_a_deduction_term_and_a_final_rule():
    # 宜良: 总分 = 一 + 二 − 三扣分, capped at 100 by the final rule; 三 has no points and no cap
    model, analysis = analysed("""
满分 100分
总分:「考评得分」= 第一项得分 + 第二项得分 - 第三项扣分
「考评得分」超过100分的,按100分确定;不足100分的,按「考评得分」确定。
一、【基础】(100分)
  事实「完成」:是否
  「完成」得100分。
二、【加分】(累计不超过5分)
  事实「表彰次数」:次数
  「表彰次数」每次加1分。
三、【扣分】
  事实「通报次数」:次数
  「通报次数」每次扣2分。
""")
    total = analysis.total()
    assert total.high.value == D(100)
    assert total.low.value == -INF
    assert score(analysis.domains, total.high.assignment(), total.high.category).total == 100


def test_not_applicable_items_count_as_stated_per_category():
    model, analysis = analysed("""
不适用项:不计分
一、【部门的事】(4分)
  适用:「部门」
  事实「完成」:是否
  「完成」得4分。
二、【大家的事】(6分)
  事实「达标」:是否
  「达标」得6分。
""")
    assert analysis.passes["街道"].total().high.value == D(6)
    assert analysis.passes["部门"].total().high.value == D(10)
    assert analysis.total().high.category == "部门"


def test_rescaling_counts_only_first_level_items_with_points():
    # 按比例折算 as evaluate.py does it: 一 has no points, so the missing 一.1 is missing from no sum
    # and a 街道 total is not rescaled: 一.1 does not apply (0), 一.2 gives 0 or 1
    model, analysis = analysed("""
不适用项:按比例折算
一、【两件事】
  1.【只考核部门】(1分)
    适用:「部门」
    事实「做了」:是否
    「做了」得1分,否则不得分。
  2.【都考核】(1分)
    事实「也做了」:是否
    「也做了」得1分,否则不得分。
""")
    street = analysis.passes["街道"].total()
    assert (street.low.value, street.high.value) == (D(0), D(1))
    assert score(analysis.domains, street.high.assignment(), "街道").total == 1


def test_discretionary_amounts_add_up_like_the_evaluator_adds_them():
    # a clause not per occurrence takes one amount (several are GR425): 3 − 1 at worst
    model, analysis = analysed("""
一、【曝光】(3分)
  事实「曝光扣分」:视情
  「曝光扣分」的,视情扣0.5-1分。
""")
    reach = analysis.node(node(model, "一"))
    assert reach.low.value == 2 and reached(analysis, node(model, "一"), reach.low) == 2
    # per occurrence, several amounts add up, each 0.5 to 1, and the item floor stops them: 0 at worst
    model, analysis = analysed("""
一、【曝光】(3分)
  事实「曝光扣分」:视情
  「曝光扣分」每发现一起扣0.5-1分。
""")
    reach = analysis.node(node(model, "一"))
    assert reach.low.value == 0 and reached(analysis, node(model, "一"), reach.low) == 0


def test_a_discretionary_amount_outside_the_tier_that_applies_is_no_unit_s():
    # 一般 allows 5 to 10: lint does not score 一般 with 30 (the facts checker refuses it), so the lowest
    # score with 一般 is 40 − 10 = 30, and the lowest of all 40 − 30 = 10 (重大)
    model, analysis = analysed("""
一、【安全】(40分)
  事实「事故等级」:选项「一般」、「重大」、「无」
  事实「事故扣分」:视情
  「事故等级」为「重大」的,视情扣20—30分;为「一般」的,视情扣5—10分。
""")
    reach = analysis.node(node(model, "一"))
    assert reach.low.value == 10 and dict(reach.low.facts)["事故等级"] == "重大"
    domains = analysis.domains
    ladders = domains.ladders_among(model.roots[0].rules)
    assert not domains.admissible(ladders, {"事故等级": "一般", "事故扣分": (D(30),)}, None)
    assert domains.admissible(ladders, {"事故等级": "一般", "事故扣分": (D(10),)}, None)
    # 一般, the first option, is every witness's unsaid 事故等级: its unsaid amount is then 5, the least it allows
    assert domains.neutral("事故扣分") == (D(5),)


def test_witnesses_give_a_discretionary_amount_the_tier_that_applies_allows():
    import govrubric
    from govrubric.lint import lint
    from govrubric.lint.witness import full_row, raw_value

    loaded = govrubric.loads("细则「测试」\n一、【安全】(40分)\n  事实「事故等级」:选项「一般」、「重大」、「无」\n"
                             "  事实「事故扣分」:视情\n"
                             "  「事故等级」为「重大」的,视情扣20—30分;为「一般」的,视情扣5—10分。\n", "t.rubric")
    found = [f for f in lint(loaded) if f.witness is not None]
    assert {f.code for f in found} >= {"GL205"}
    domains = Analysis(loaded.model).domains
    for finding in found:
        row = {name: raw_value(loaded.model.facts[name], value)
               for name, value in full_row(domains, dict(finding.witness.facts), None).items()}
        assert loaded.validate({"单位": "甲", **row})[2] == [], finding.code


def test_capped_list_bonus_and_a_test_on_the_same_list():
    # the best score needs three 中央级 matters (2 each, capped at 5) and one 市级 matter for the second clause
    model, analysis = analysed("""
一、【宣传】(累计不超过10分)
  事实「报道」:清单「中央级」、「省部级」、「市级」
  「报道」为「中央级」、「省部级」、「市级」的,分别加2分、1分、1.5分,最高不超过5分;
  「报道」为「市级」的,加1分。
""")
    reach = analysis.node(node(model, "一"))
    assert reach.high.value == D(6)
    assert reached(analysis, node(model, "一"), reach.high) == 6


def test_a_score_fact_without_a_range_leaves_the_highest_score_open():
    # facts.py takes any amount from 0 for it (the item has no points to hold it to): no highest score
    model, analysis = analysed("""
一、【考核】(5分)
  1.【打分】
    事实「考核得分」:分值
    按「考核得分」计分。
""")
    leaf = analysis.node(node(model, "一.1"))
    assert (leaf.low.value, leaf.high.value) == (D(0), INF)
    assert ends(analysis, model, "一") == (D(0), D(5))  # the item above has points: they cut it
    assert reached(analysis, node(model, "一"), analysis.node(node(model, "一")).high) == 5


FOLLOWS_AN_UNCAPPED_ITEM = """
一、【加分】
  事实「报道次数」:次数
  「报道次数」每次加1分。
二、【跟随】
  事实「最高加分」:第一项得分的最高值
  事实「跟随」:是否
  「跟随」的,按「最高加分」计分。
"""


def test_a_value_computed_from_an_item_without_limits_is_unbounded():
    # 「第一项得分的最高值」 follows 一, which has no points and an uncapped bonus: 100 reports give 一
    # 100, so the highest is 100 and 二 is scored 100 by it; lint used to stop at the rubric's magnitude
    model, analysis = analysed(FOLLOWS_AN_UNCAPPED_ITEM)
    assert analysis.node(node(model, "二")).high.value == INF
    results = ok(FOLLOWS_AN_UNCAPPED_ITEM).score_cohort(
        [{"单位": "甲", "单位类别": "部门", "报道次数": "100", "跟随": "是"}])
    assert results[0].scores()["二"] == 100


# ------------------------------------------------------------ properties
def _within(analysis, model, result, category):
    scores = {r.node_id: r.score for r in result.nodes()}  # by id: random rubrics can repeat a path
    run = analysis.passes[category if model.categories else None]
    for each in model.nodes():
        if each.id not in scores:  # below an item not scored for this unit's category
            continue
        reach = run.reach(each, {})
        value = scores[each.id]
        assert reach.low.value <= value <= reach.high.value, (each.path, value, reach.low.value, reach.high.value)
    total = run.total()
    assert total.low.value <= result.total <= total.high.value


@HEAVY
@given(st.data())
def test_random_facts_score_within_the_reported_range(data):
    """Any valid facts on any valid rubric score within [lowest, highest] for every item and the total."""
    loaded = govrubric.loads(data.draw(valid_rubric_texts(cohorts=False)), "random.rubric")
    assume(loaded.ok)  # the strategy's own contract is tested in test_printer.py
    analysis = Analysis(loaded.model)
    for _ in range(3):
        row = data.draw(unit_facts(loaded.model))
        values, category, problems = loaded.validate(row)
        if problems:  # the strategy can draw values a facts file cannot hold (see tests/strategies.py)
            continue
        _within(analysis, loaded.model, score_unit(loaded.model, values, "甲", category), category)


def _assert_witnesses_reach(loaded, finite_only_exact: bool):
    """Scoring each extreme's facts gives the extreme (every finite one must be exact when asked)."""
    analysis = Analysis(loaded.model)
    for each in loaded.model.nodes():
        reach = analysis.node(each)
        if reach is None:
            continue
        for end in (reach.low, reach.high):
            if not end.value.is_finite() or (not end.exact and not finite_only_exact):
                continue
            assert end.exact and reached(analysis, each, end) == end.value, each.path
    total = analysis.total()
    for end in (total.low, total.high):
        if end.exact and end.value.is_finite():
            assert score(analysis.domains, end.assignment(), end.category).total == end.value


@HEAVY
@given(st.data())
def test_every_exact_extreme_is_reached_by_its_witness(data):
    loaded = govrubric.loads(data.draw(valid_rubric_texts(cohorts=False)), "random.rubric")
    assume(loaded.ok)
    _assert_witnesses_reach(loaded, False)


def test_shipped_rubrics_reach_every_reported_extreme():
    for path in ("rubrics/yiliang-2023.rubric", "rubrics/gongshu-2021.rubric"):
        _assert_witnesses_reach(govrubric.load(path), True)


@HEAVY
@given(st.data())
def test_shipped_rubrics_random_facts_within_range(data):
    for path in ("rubrics/yiliang-2023.rubric", "rubrics/gongshu-2021.rubric"):
        loaded = _shipped(path)
        analysis = _shipped_analysis(path)
        model = loaded.model
        row = data.draw(unit_facts(model))
        for fact in model.facts.values():
            if fact.cohort is not None:  # computed over the cohort: give a value it can take
                row[fact.name] = data.draw(st.sampled_from(analysis.domains.reps[fact.name]))
        values, category, problems = loaded.validate(row)
        assert not problems
        _within(analysis, model, score_unit(model, values, "甲", category), category)


_CACHE: dict = {}


def _shipped(path):
    if path not in _CACHE:
        _CACHE[path] = govrubric.load(path)
    return _CACHE[path]


def _shipped_analysis(path):
    key = ("analysis", path)
    if key not in _CACHE:
        _CACHE[key] = Analysis(_shipped(path).model)
    return _CACHE[key]


def test_a_veto_with_a_reverse_deduction_is_no_exact_zero():
    # Hypothesis found it: every value of 「等级」 vetoes 二 and its 倒扣 makes it −3, so 0 is a sound high, not one
    # the veto's facts reach (it claimed 0 exact, the witness scored −3)
    loaded = govrubric.loads("""细则「t」
二、【甲】
  事实「等级」:选项「一」、「二」
  事实「类型」:选项「网」
  「等级」为「一」、「二」的,本项不得分,同时倒扣3分。
  「类型」为「网」的,扣1分。
""", "t.rubric")
    assert loaded.ok
    _assert_witnesses_reach(loaded, False)


def test_largest_deduction_only_keeps_the_highest_score_reachable():
    # 不累计扣分: each clause deducts 0.1 at the least and 0.2 at the most, on facts of its own; only the larger
    # deduction counts, so the item scores 3 − 0.1 = 2.9 at best and 3 − 0.2 = 2.8 at worst (adding the two
    # clauses' deductions would claim 2.8 at best: a unit scoring 2.9 then falls outside the range)
    model, analysis = analysed("""
一、【两条】(3分)
  事实「甲」:是否
  事实「乙」:是否
  「甲」的,扣0.2分,否则扣0.1分。
  「乙」的,扣0.2分,否则扣0.1分。
  不累计扣分。
""")
    target = node(model, "一")
    reach = analysis.node(target)
    assert (reach.low.value, reach.high.value) == (D("2.8"), D("2.9"))
    assert reach.low.exact and reach.high.exact
    assert reached(analysis, target, reach.high) == D("2.9")
    assert reached(analysis, target, reach.low) == D("2.8")


def test_passes_share_only_the_clauses_no_category_changes():
    # 一 reads the category (部门 5分, 街道 3分 when 达标率 reaches 40%), 二 is only for 部门, 三 is alike for both: the
    # two passes (部门, 街道) score 三's clause once and share it; 一's clauses each pass scores for itself.
    # By hand (不适用项:不计分): 部门 5 + 4 + 6 = 15 at most, 街道 3 + 0 + 6 = 9; each at least 0
    model, analysis = analysed("""
不适用项:不计分
一、【达标】(5分)
  事实「达标率」:百分比
  「达标率」达到40%且「单位类别」为「部门」的,得5分。
  「达标率」达到40%且「单位类别」为「街道」的,得3分。
二、【部门的事】(4分)
  适用:「部门」
  事实「完成」:是否
  「完成」得4分。
三、【大家的事】(6分)
  事实「达标」:是否
  「达标」得6分。
""")
    department, street = analysis.passes["部门"], analysis.passes["街道"]
    assert department is not street
    assert (department.total().low.value, department.total().high.value) == (D(0), D(15))
    assert (street.total().low.value, street.total().high.value) == (D(0), D(9))
    assert street.reach(node(model, "一"), {}).high.value == D(3)
    shared = {key[0] for key in analysis.shared_parts}
    assert node(model, "三").id in shared and node(model, "一").id not in shared
    # a shared part's ends name the category of the pass that asks for them, as scoring them there would
    assert street.reach(node(model, "三"), {}).high.category == "街道"
    assert department.reach(node(model, "三"), {}).high.category == "部门"
    assert street.reach(node(model, "三"), {}).high.assignment() == {"达标": True}


@HEAVY
@given(st.data())
def test_sharing_clauses_between_passes_changes_no_range(data):
    """Every node's range and the total's, with their facts and categories, are the same whether the passes share
    the clauses no category changes or each scores them itself."""
    loaded = govrubric.loads(data.draw(valid_rubric_texts(cohorts=False)), "random.rubric")
    assume(loaded.ok)
    shared, alone = Analysis(loaded.model), Analysis(loaded.model)
    alone.several = False
    for each in loaded.model.nodes():
        assert shared.node(each) == alone.node(each), each.path
    assert shared.total() == alone.total()
