"""Full-width and ASCII punctuation mean the same: fmt rewrites one into the other, so any
difference between them would change a rubric's meaning. (Each case here once differed.)"""
from decimal import Decimal as D

import govrubric

HEAD = "细则「t」\n"


def model(text: str):
    loaded = govrubric.loads(HEAD + text)
    assert loaded.ok, [d.render() for d in loaded.check()]
    return loaded.model


def test_full_width_comma_joins_a_limit_to_its_clause():
    for comma in (",", "\uff0c"):
        node = model(f"一、【甲】(3分)\n事实「次」:次数\n「次」每1次扣1分{comma}扣完1分为止。\n").roots[0]
        assert node.rules[0].cap == D(1) and node.floor == D(0), comma


def test_full_width_semicolon_ends_the_clause_before_an_item_limit():
    for semicolon in (";", "\uff1b"):
        node = model(f"一、【甲】(3分)\n事实「次」:次数\n「次」每1次扣1分{semicolon}扣完1分为止。\n").roots[0]
        assert node.rules[0].cap is None and node.floor == D(2), semicolon


def test_full_width_comparison_signs():
    for sign, ascii_sign in (("\uff1e", ">"), ("\uff1c", "<"), ("\uff1d", "=")):
        readings = [model(f"一、【甲】(1分)\n事实「率」:百分比\n「率」{s}90%得1分。\n").roots[0].rules[0].tiers[0].test.interval
                    for s in (sign, ascii_sign)]
        assert readings[0] == readings[1], sign


def test_full_width_colon_in_a_reading():
    for colon in (":", "\uff1a"):
        rubric = model(f"边界{colon}以上不含本数\n一、【甲】(1分)\n事实「率」:百分比\n「率」90%以上得1分。\n")
        interval = rubric.roots[0].rules[0].tiers[0].test.interval
        assert (interval.low, interval.low_closed) == (D(90), False), colon
