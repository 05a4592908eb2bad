"""Where a position sits in the rubric (walk.Homes): the deepest item whose text holds it, answered from
an index built once, the same as asking every item."""
from hypothesis import assume, given
from hypothesis import strategies as st

import govrubric
from govrubric.lint.walk import Homes
from helpers import HEAVY, ok
from strategies import valid_rubric_texts


def deepest_by_asking_every_node(rubric, position: int):
    """The definition: of the nodes whose text holds the position, the one that starts last (of two that
    start together, the later in nodes())."""
    best = None
    for node in rubric.nodes():
        if node.span.start <= position < max(node.span.end, node.span.start + 1):
            if best is None or node.span.start >= best.span.start:
                best = node
    return best


def test_facts_belong_to_the_item_they_are_declared_under():
    loaded = ok("""
事实「全局」:是否
一、【甲】(2分)
  事实「甲的」:是否
  1.【乙】(1分)
    事实「乙的」:是否
    「乙的」得1分。
  2.【丙】(1分)
    「甲的」得1分。
  「全局」得1分。
""")
    homes = Homes(loaded.model)
    found = {name: homes.at(fact.span.start) for name, fact in loaded.model.facts.items()}
    assert {name: node.path if node else None for name, node in found.items()} == {
        "全局": None, "甲的": "一", "乙的": "一.1"}
    assert homes.at(len(loaded.source.text) + 10) is None


@HEAVY
@given(st.data())
def test_the_index_agrees_with_asking_every_node(data):
    loaded = govrubric.loads(data.draw(valid_rubric_texts(cohorts=False)), "random.rubric")
    assume(loaded.ok)
    homes = Homes(loaded.model)
    for position in range(-1, len(loaded.source.text) + 2):
        assert homes.at(position) is deepest_by_asking_every_node(loaded.model, position), position
