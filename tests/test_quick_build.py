"""Pieces built as the parser reduces each rule (_larkload.quick_build, what syntax.parse_pieces does) are the
pieces the builder makes walking the parse tree (PieceBuilder.transform), with the same problems and the same
diagnostics: on every shipped and field-trial rubric, and on texts with a character inserted or deleted anywhere
(syntax errors, bad numbers and all). The tree path stays for texts the direct one does not build (an error found
before parsing, a number too long to read, a builder method that raises)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govrubric import _larkload, syntax
from govrubric.diagnostics import Diagnostics
from govrubric.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("rubrics/*.rubric"), *ROOT.glob("tests/field_trial*/*/*.rubric")])


def _parsed(text: str, direct: bool, monkeypatch) -> tuple:
    """parse_pieces's pieces and diagnostics (code, span, message, help), the direct way or from the tree."""
    monkeypatch.setattr(syntax, "BUILD_DIRECTLY", direct)
    source = SourceFile("细则.rubric", text)
    diags = Diagnostics(source)
    pieces = syntax.parse_pieces(source, diags)
    return pieces, [(d.code, d.span, d.message, d.help) for d in diags.items]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_every_rubric_builds_the_pieces_of_its_tree(path):
    text = path.read_text(encoding="utf-8-sig")
    parser = syntax.parser()
    source = SourceFile(str(path), text)
    walked = syntax.PieceBuilder(source)
    from_tree = walked.transform(_larkload.quick_parse(parser, text))
    direct = syntax.PieceBuilder(source)
    built = _larkload.quick_build(parser, text, direct, direct._calls)
    assert built == from_tree
    assert (direct.problems, direct.bad_numbers) == (walked.problems, walked.bad_numbers)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_texts_with_a_slip_give_the_same_pieces_and_diagnostics(data):
    from helpers import text_with_a_slip

    text = text_with_a_slip(data, TEXTS, "「」【】:：,，0１一二〇分扣得的#（(\n 　x.")
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _parsed(text, True, monkeypatch) == _parsed(text, False, monkeypatch)


def test_a_method_that_raises_leaves_the_text_to_the_tree(monkeypatch):
    """quick_build says NotBuilt (the method's exception as the cause) and parse_pieces builds from the tree,
    which meets the same exception where the walk would."""
    text = (ROOT / "rubrics/yiliang-2023.rubric").read_text(encoding="utf-8-sig")
    source = SourceFile("宜良.rubric", text)
    builder = syntax.PieceBuilder(source)
    calls = dict(builder._calls)

    def broken(self, meta, children):
        raise ValueError("broken on purpose")

    calls["numbered_item"] = (broken, True)
    with pytest.raises(_larkload.NotBuilt) as caught:
        _larkload.quick_build(syntax.parser(), text, builder, calls)
    assert isinstance(caught.value.__cause__, ValueError)
    monkeypatch.setattr(type(builder), "_calls", calls)
    with pytest.raises(ValueError, match="broken on purpose"):
        syntax.parse_pieces(source, Diagnostics(source))


def test_a_syntax_error_is_lark_own(monkeypatch):
    """On a syntax error quick_build raises what lark's own parse raises, at the same place."""
    import lark

    text = (ROOT / "rubrics/yiliang-2023.rubric").read_text(encoding="utf-8-sig")
    broken = text + "\n一、【乙】(1分)\n「丙」得得1分\n"
    source = SourceFile("宜良.rubric", broken)
    builder = syntax.PieceBuilder(source)
    with pytest.raises(lark.UnexpectedInput) as direct:
        _larkload.quick_build(syntax.parser(), broken, builder, builder._calls)
    with pytest.raises(lark.UnexpectedInput) as alone:
        syntax.parser().parse(broken)
    assert (type(direct.value), direct.value.pos_in_stream) == (type(alone.value), alone.value.pos_in_stream)


@pytest.mark.parametrize("text", [
    "细则:「甲」\n一、【乙】(1" + "0" * 40 + "分)\n",  # a number too long to read: GR110 from the tree's tokens
    "细则:「甲」\n一、【乙】(1分)\n「丙」得0. 5分\n",  # a broken number found before parsing: GR102
    "细则:「甲」\n一、【乙】(1分)\n「丙」得1分\u2028「丁」得1分\n",  # an invisible line break: GR108
])
def test_texts_the_direct_way_leaves_to_the_tree_are_reported_alike(text, monkeypatch):
    assert _parsed(text, True, monkeypatch) == _parsed(text, False, monkeypatch)
    assert _parsed(text, True, monkeypatch)[1]  # each of them is reported


def test_prefilter_holds_every_match_of_the_full_pattern():
    """find_broken_numbers skips its full pattern when a quick search finds nothing: every match of the full
    pattern must be found by the quick one."""
    for sample in ["0. 1分", "1 .5分", "12 ． 3", "3 .4", "0 ．\u30001"]:
        assert syntax._BROKEN_NUMBER.search(sample) and syntax._MAYBE_BROKEN.search(sample)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.． \t\n\u3000\u2028\u0085x分", max_size=30))
def test_prefilter_of_broken_numbers_never_misses(text):
    if syntax._BROKEN_NUMBER.search(text):
        assert syntax._MAYBE_BROKEN.search(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0１9０x \n", max_size=80))
def test_long_digits_are_runs_of_more_than_the_limit(text):
    runs = [len(run) for run in __import__("re").findall("[0-9０-９]+", text)]
    assert bool(syntax._LONG_DIGITS.search(text)) == any(n > syntax.MAX_NUMBER_DIGITS for n in runs)
