"""The quick-start parser (govrubric/_larkload.py) reads every text exactly as Lark's own parser does.

The quick lexer matches terminal by terminal, trying only those that can start with the next character, and
decides keyword callbacks once for the grammar; the tree of each rule is built in one call (_larkload._Node),
and the LALR loop is one loop over lark's tables (_larkload.quick_parse);
the snapshot is the built parser pickled. None may change a token, a tree, a node's positions or a syntax error:
compared here with a parser built by Lark alone, on every shipped and field-trial rubric and on texts
with a character inserted or deleted anywhere.
"""
from __future__ import annotations

from pathlib import Path

import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lark.parsers.lalr_analysis import Shift

from govrubric import _larkload, syntax

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("rubrics/*.rubric"), *ROOT.glob("tests/field_trial*/*/*.rubric")])
OPTIONS = dict(parser="lalr", lexer="contextual", propagate_positions=True, maybe_placeholders=False)


def _build(plugins: dict) -> lark.Lark:
    grammar = syntax.grammar_path().read_text(encoding="utf-8")
    cache = syntax._cache_file(grammar)
    return lark.Lark(grammar, **({"cache": cache} if cache else {}), _plugins=plugins, **OPTIONS)


@pytest.fixture(scope="module")
def lark_alone() -> lark.Lark:
    return _build({})


@pytest.fixture(scope="module")
def quick() -> lark.Lark:
    parser = _build(_larkload.plugins())
    assert isinstance(parser.parser.lexer, _larkload._QuickContextualLexer)
    _larkload.quick_trees(parser)
    assert all(isinstance(f, _larkload._Node) for f in parser.parser.parser.parser.callbacks.values())
    return parser


def positions(tree) -> list[tuple]:
    """Every node, parent before children: its rule, whether it has positions, and the positions."""
    found = []
    for node in tree.iter_subtrees_topdown():
        meta = node.meta
        found.append((node.data, meta.empty, getattr(meta, "start_pos", None), getattr(meta, "end_pos", None)))
    return found


def tokens(tree) -> list[tuple]:
    return [(t.type, str(t), t.start_pos, t.end_pos, t.line, t.column, t.end_line, t.end_column)
            for t in tree.scan_values(lambda v: isinstance(v, lark.Token))]


def outcome(parser: lark.Lark, text: str):
    """The tokens and tree of a text, or what its syntax error says (kind, place, what was expected). The quick
    parser parses as govrubric does (_larkload.quick_parse: its own loop, lark's on a syntax error)."""
    try:
        tree = parser.parse(text) if parser.parser.lexer.__class__ is not _larkload._QuickContextualLexer \
            else _larkload.quick_parse(parser, text)
    except lark.UnexpectedInput as err:
        token = getattr(err, "token", None)
        expected = getattr(err, "expected", None) or getattr(err, "allowed", None)
        return (type(err).__name__, err.line, err.column, getattr(err, "pos_in_stream", None),
                None if token is None else (token.type, str(token)), sorted(expected or ()))
    return tokens(tree), tree, positions(tree)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_every_rubric_lexes_and_parses_as_lark_alone(path, lark_alone, quick):
    text = path.read_text(encoding="utf-8-sig")
    assert outcome(quick, text) == outcome(lark_alone, text)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_texts_with_a_slip_fail_or_parse_as_lark_alone(data, lark_alone, quick):
    from helpers import text_with_a_slip

    text = text_with_a_slip(data, TEXTS)
    assert outcome(quick, text) == outcome(lark_alone, text)


def test_first_characters_are_never_too_few():
    """A terminal is skipped at a character only when no match of it can start there."""
    import re

    for terminal in _build({}).terminals:
        regexp = terminal.pattern.to_regexp()
        first = _larkload._first_chars(regexp, 0)
        if first is None:
            continue
        compiled = re.compile(regexp)
        for point in [*range(0x20, 0x3000), *range(0x3000, 0x3100), *range(0x4E00, 0x4E00 + 3000), *range(0xFF00, 0xFFF0)]:
            char = chr(point)
            if not _larkload._may_start(first, char):
                assert not compiled.match(char + "分「x」:1 【】", 0), (terminal.name, char)


def test_first_characters_of_plain_patterns():
    assert _larkload._first_chars("「[^」\n]*」", 0) == frozenset("「")
    assert _larkload._first_chars("(?:该项|此项)?得分", 0) == frozenset("该此得")
    assert _larkload._first_chars("[0-9]+|第[一二]+类", 0) == frozenset("0123456789第")
    assert _larkload._first_chars("(?<![^\n])[1-9]", 0) == frozenset("123456789")
    for unclear in ("a?", "(?i:ab)", "[^x]y", r"\s+x", "(?:ab|c?)"):
        assert _larkload._first_chars(unclear, 0) is None, unclear


def test_snapshot_loads_a_parser_that_parses_alike(tmp_path, lark_alone, quick, monkeypatch):
    path = str(tmp_path / "parser.snapshot")
    _larkload.save_snapshot(_build(_larkload.plugins()), path)
    loaded = _larkload.load_snapshot(path)
    assert isinstance(loaded, lark.Lark)
    assert isinstance(loaded.parser.parser.parser.parse_table.states, _larkload._Rows)
    monkeypatch.setattr(_larkload, "_COMPILED", {})  # the patterns made from the snapshot's programs, not reused
    for source in TEXTS[:3]:
        text = source.read_text(encoding="utf-8-sig")
        assert outcome(loaded, text) == outcome(lark_alone, text)
    for source in TEXTS[3:]:  # lark_alone and quick agree on these (above)
        text = source.read_text(encoding="utf-8-sig")
        assert outcome(loaded, text) == outcome(quick, text)
    assert _larkload._COMPILED


def test_programs_make_the_patterns_re_compile_makes():
    """The snapshot keeps what the regex compiler made of each pattern; the pattern made from it is the one
    re.compile makes (patterns compare equal when their pattern, flags and compiled code are equal)."""
    import re

    import _sre

    regexps = [t.pattern.to_regexp() for t in _build({}).terminals
               if isinstance(t.pattern, lark.lexer.PatternRE)]
    programs = _larkload._programs(regexps, 0)
    assert programs["engine"] == _larkload._engine()
    for regexp in regexps:
        made, compiled = _sre.compile(*programs[(regexp, 0)]), re.compile(regexp)
        assert made == compiled and made.groupindex == compiled.groupindex and made.groups == compiled.groups


def test_packed_rows_unpack_to_the_same_table():
    table = _build({}).parser.parser.parser.parse_table.states
    rows = _larkload._Rows(*_larkload._Rows.packing(table))
    for state in (0, 7, 5):
        assert rows[state] == table[state]
        for name, (action, argument) in rows[state].items():  # the same action, the same rule object
            assert action is table[state][name][0]
            assert argument == table[state][name][1] if action is Shift else argument is table[state][name][1]
    with pytest.raises(KeyError):
        rows[len(table) + 10]
    assert len(rows) == len(table) and sorted(rows) == sorted(table) and 3 in rows
    assert dict(rows.items()) == table
    again = __import__("pickle").loads(__import__("pickle").dumps(rows))
    assert again[9] == table[9] and dict(again.items()) == table


def test_a_damaged_snapshot_is_not_used(tmp_path):
    path = tmp_path / "parser.snapshot"
    assert _larkload.load_snapshot(str(path)) is None  # none yet
    path.write_bytes(b"\x80\x05not a pickle")
    assert _larkload.load_snapshot(str(path)) is None
    path.write_bytes(__import__("pickle").dumps({"not": "a parser"}))
    assert _larkload.load_snapshot(str(path)) is None


def test_old_parser_caches_are_pruned_to_the_newest_few(tmp_path, monkeypatch):
    """Every grammar or parser-code version writes a cache and a snapshot (~2.5 MB each); building a new one removes
    all but the newest syntax._CACHE_FILES_KEPT of the user's grammar-* files, never the pair just written nor
    anything else in the folder."""
    import os

    folder = tmp_path / "govrubric"
    folder.mkdir()
    for age in range(20):  # grammar-00 the newest, grammar-19 the oldest
        old = folder / f"grammar-{age:02d}.cache"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 - age, 1_000_000 - age))
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    keep = {str(folder / "grammar-new.cache"), str(folder / "grammar-new.cache.snapshot")}
    for path in keep:
        Path(path).write_bytes(b"x")
    syntax._prune_cache(str(folder), keep)
    left = sorted(p.name for p in folder.iterdir())
    kept_old = [f"grammar-{age:02d}.cache" for age in range(syntax._CACHE_FILES_KEPT - 2)]
    assert left == sorted(["notes.txt", "grammar-new.cache", "grammar-new.cache.snapshot", *kept_old])
    syntax._prune_cache(str(folder / "missing"), keep)  # a folder that is gone: nothing raised
