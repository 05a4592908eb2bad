"""The Lark parser, quick to start: a snapshot of the built parser, and a lexer that compiles no regex per state.

Measured on 宜良 2023 (issue 17, docs/performance.md): loading Lark's own cache costs ~150 ms of CPU, almost
all in turning its 80,000 parse-table entries back into objects one call at a time; the first parse then
spends ~120 ms compiling one big regular expression for each of the ~80 lexer states it meets, and ~37,000
regex matches deciding the keyword callbacks state by state. Here:

- The snapshot is the built `lark.Lark` object pickled whole, with the parse table's rows packed and
  unpacked only when a parse reaches them (_Rows: ~1,900 states and ~190,000 entries, of which a parse of
  宜良 visits ~280 rows), the first characters of every terminal and what the regex compiler makes of each
  regex terminal (_programs), so a first parse compiles no pattern and reads no pattern twice. It is written once per
  user, grammar, lark version and Python version, under the same per-user cache folder as Lark's cache
  (syntax._cache_file), and taken before any parse. Any problem reading it (a damaged or stale file)
  falls back to building as before and writing it again. Nothing is generated into the source tree.
- `_QuickContextualLexer` is Lark's contextual lexer whose per-state scanners match terminal by terminal:
  each terminal's pattern compiled once for all states, and only the terminals that can start with the next
  character tried (_FirstCharScanner). The first terminal in the state's order that matches wins, which
  is exactly what Lark's combined pattern (an alternation tried left to right) answers; the keyword pairs
  are decided once for the grammar (_whole_matches). Tokens, trees and syntax errors are the same:
  tests/test_larkload.py compares them with Lark's own parser on every shipped and field-trial rubric and
  on texts with a slip anywhere.
"""
from __future__ import annotations

import copyreg
import importlib
import io
import marshal
import os
import pickle
import re
import sys
import tempfile
import types
import weakref

import _sre

import lark
from lark.lexer import BasicLexer, ContextualLexer, Scanner
from lark.exceptions import LexError
from lark.lexer import LexerState, TextSlice
from lark.lexer import Token as _Token
from lark.parsers.lalr_analysis import Shift
from lark.tree import Tree as _Tree
from lark.parsers import lalr_analysis

from ._gc import no_cyclic_gc

try:  # lark's own pieces of BasicLexer._build_scanner; without them (another lark), lark's lexer is used as is
    from lark.lexer import CallChain, PatternRE, PatternStr, UnlessCallback, _create_unless, _get_match
except ImportError:  # pragma: no cover - depends on the installed lark
    _create_unless = None

try:  # the standard library's regex parser, to see which characters a terminal can start with
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_str_new = str.__new__
MAX_CHARS = 2048  # characters whose candidate terminals a state remembers (a long-running server stays bounded)
_COMPILED: dict[tuple[str, int], object] = {}
_FIRST: dict[tuple[str, int], frozenset | tuple | None] = {}


def _compiled(re_module, regexp: str, flags: int, programs: dict | None = None):
    """re_module.compile(regexp, flags), once per process. `programs` (_programs, kept in the snapshot) holds
    what the standard library's compiler made of the grammar's patterns: the compiled pattern is then made
    from it directly, skipping the compiler (~1 ms a pattern for the large character classes; ~60 ms on
    宜良's first parse), when the regex engine is the one that made it."""
    key = (regexp, flags)
    found = _COMPILED.get(key)
    if found is None:
        made = programs.get(key) if programs and re_module is re else None
        if made is not None and programs.get("engine") == _engine():
            try:
                found = _sre.compile(*made)
            except Exception:  # the compiler's own way below
                found = None
        if found is None:
            found = re_module.compile(regexp, flags)
        _COMPILED[key] = found
    return found


def _engine() -> tuple:
    return _sre.MAGIC, _sre.CODESIZE, sys.version


def _programs(regexps, flags: int) -> dict:
    """{(regexp, flags): the arguments re.compile passes to the engine (_sre.compile)} for patterns of the
    standard library's re, worked out as re._compiler.compile does step for step, and the engine they are for;
    {} when this Python's re is not laid out so. tests/test_larkload.py checks each against re.compile."""
    try:
        from re import _compiler

        made = {}
        for regexp in regexps:
            parsed = sre_parse.parse(regexp, flags)
            code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            made[(regexp, flags)] = (regexp, flags | parsed.state.flags, code, parsed.state.groups - 1,
                                     dict(groupindex), tuple(indexgroup))
        made["engine"] = _engine()
        return made
    except Exception:  # another layout of re: patterns are compiled as usual
        return {}


def _first_chars(regexp: str, flags: int) -> frozenset | tuple | None:
    """The characters every match of the pattern starts with (a set of them, or code-point ranges when there are
    many), or None (any character: whenever the
    pattern is not plainly understood — negated classes, categories such as \\s, flags — so the answer is
    never too small). Read from the parse of the standard library's own regex compiler."""
    found = _FIRST.get((regexp, flags), False)
    if found is not False:
        return found
    try:
        parsed = sre_parse.parse(regexp, flags)
        first, empty = (None, False) if parsed.state.flags & re.IGNORECASE else _starts(list(parsed))
        if empty or first is None:
            found = None
        elif sum(b - a + 1 for a, b in first) <= 4096:
            found = frozenset(chr(point) for a, b in first for point in range(a, b + 1))
        else:
            found = tuple(first)
    except Exception:  # whatever this reading does not follow is tried at every character
        found = None
    _FIRST[(regexp, flags)] = found
    return found


def _starts(items) -> tuple[list | None, bool]:
    """(first characters, whether the sequence can match nothing at all) of a parsed sequence."""
    ranges: list[tuple[int, int]] = []
    for op, av in items:
        first, empty = _item_starts(op, av)
        if first is None:
            return None, False
        ranges += first
        if not empty:
            return ranges, False
    return ranges, True


def _item_starts(op, av) -> tuple[list | None, bool]:
    if op is sre.LITERAL:
        return [(av, av)], False
    if op is sre.IN:
        ranges = []
        for inner, value in av:
            if inner is sre.LITERAL:
                ranges.append((value, value))
            elif inner is sre.RANGE:
                ranges.append(value)
            else:  # NEGATE, CATEGORY …
                return None, False
        return ranges, False
    if op is sre.BRANCH:
        ranges, empty = [], False
        for branch in av[1]:
            first, branch_empty = _starts(branch)
            if first is None:
                return None, False
            ranges += first
            empty = empty or branch_empty
        return ranges, empty
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        if add_flags or del_flags:
            return None, False
        return _starts(inner)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)):
        low, _high, inner = av
        first, empty = _starts(inner)
        return (None, False) if first is None else (first, empty or low == 0)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # consume nothing: the first character comes after them
        return [], True
    return None, False


def _plain(name: str) -> str:
    """A grammar name as a plain str. Lark's names are its grammar's Tokens (a str subclass whose __eq__ is Python
    code): looked up in the parse table's rows (plain strs, _Rows) or the builder's methods, every comparison of
    equal hashes called it (~9,000 times in a parse of the shipped rubrics)."""
    return str.__str__(name)


def _may_start(first: frozenset | tuple, char: str) -> bool:
    if isinstance(first, frozenset):
        return char in first
    point = ord(char) if char else -1
    return any(a <= point <= b for a, b in first)


class _FirstCharScanner(Scanner):
    """lark.lexer.Scanner, answering terminal by terminal among those that can start with the next character.

    Lark's Scanner compiles one alternation of all the state's terminals (~1.5 ms a state, ~80 states on
    宜良's first parse) and lets the regex engine try them in order at every position; here each terminal is
    compiled once for all states and, of a state's ~46 terminals, about 2 can start with a given character.
    The first in the state's order that matches wins, as in the alternation. Warm, a parse of 宜良 takes
    ~21 ms instead of ~30 ms in the same process (Lark's scanner, GC paused)."""

    def __init__(self, terminals, g_regex_flags, re_, use_bytes, first=None, programs=None):
        self.terminals = terminals
        self.g_regex_flags = g_regex_flags
        self.re_ = re_
        self.use_bytes = use_bytes
        self.allowed_types = {t.name for t in terminals}
        self._mres = self._build_mres(terminals, len(terminals)) if use_bytes else None  # bytes: lark's way
        # (first characters, or None for any; the terminal; its name), in the state's order. `first`: the
        # grammar's first characters by terminal name, kept in the snapshot (_QuickContextualLexer)
        first = first or {}
        self._each = [(None if g_regex_flags or t.pattern.flags
                       else first[t.name] if t.name in first else _first_chars(t.pattern.to_regexp(), 0),
                       t, str(t.name)) for t in terminals]  # str: see _plain
        self._programs = programs
        self._by_char: dict[str, list] = {}

    def candidates(self, char: str) -> list:
        """(the literal text of a plain string terminal or None, its compiled pattern or None, name) of the
        terminals that can start with char, in the state's order. A terminal's pattern is compiled when it is
        first a candidate (once for all states); a plain string (no flags) is matched by startswith, which
        answers exactly as the pattern re.escape(string) does."""
        found = self._by_char.get(char)
        if found is None:
            found = []
            for first, terminal, name in self._each:
                if first is None or _may_start(first, char):
                    pattern = terminal.pattern
                    if isinstance(pattern, PatternStr) and not pattern.flags and not self.g_regex_flags:
                        found.append((pattern.value, None, name))
                    else:
                        found.append((None, _compiled(self.re_, pattern.to_regexp(), self.g_regex_flags,
                                                      self._programs), name))
            if len(self._by_char) < MAX_CHARS:
                self._by_char[char] = found
        return found

    def match(self, text, pos):
        if self._mres is not None:
            return Scanner.match(self, text, pos)
        source, end = text.text, text.end
        for literal, rx, name in self.candidates(source[pos] if pos < len(source) else ""):
            if literal is not None:
                if source.startswith(literal, pos, end):
                    return literal, name
            else:
                found = rx.match(source, pos, end)
                if found:
                    return found.group(0), name
        return None

    def fullmatch(self, text: str):
        if self._mres is None:
            self._mres = self._build_mres(self.terminals, len(self.terminals))
        return Scanner.fullmatch(self, text)


_UNLESS: dict[tuple, UnlessCallback] = {}


def _whole_matches(terminals, g_regex_flags, re_) -> frozenset[tuple[str, str]]:
    """(regex terminal, string terminal) of equal priority where the regex matches the whole string: what
    lark.lexer._create_unless asks of every pair in every state (~37,000 matches on 宜良's first parse),
    asked once of the grammar's terminals (and kept in the snapshot)."""
    regexes = [t for t in terminals if isinstance(t.pattern, PatternRE)]
    strings = [t for t in terminals if isinstance(t.pattern, PatternStr)]
    return frozenset((r.name, s.name) for r in regexes for s in strings if s.priority == r.priority
                     and s.pattern.value == _get_match(re_, r.pattern.to_regexp(), s.pattern.value, g_regex_flags))


def _shared_unless(terminals, g_regex_flags, re_, use_bytes, whole: frozenset[tuple[str, str]]):
    """lark.lexer._create_unless, step for step, reading the pairs from _whole_matches, and with the keyword
    scanner of each callback shared by the states that have the same keywords."""
    regexes = [t for t in terminals if isinstance(t.pattern, PatternRE)]
    strings = [t for t in terminals if isinstance(t.pattern, PatternStr)]
    assert len(regexes) + len(strings) == len(terminals)
    embedded_strs = set()
    callback = {}
    partners: dict[str, set[str]] = {}  # regex terminal → the string terminals it matches whole
    for regex_name, string_name in whole:
        partners.setdefault(regex_name, set()).add(string_name)
    for retok in regexes:
        unless = []
        names = partners.get(retok.name)
        for strtok in strings if names else ():  # whole holds only pairs of equal priority
            if strtok.name in names:
                unless.append(strtok)
                if strtok.pattern.flags <= retok.pattern.flags:
                    embedded_strs.add(strtok)
        if unless:
            key = (tuple(t.name for t in unless), g_regex_flags, use_bytes)
            if key not in _UNLESS:
                _UNLESS[key] = UnlessCallback(Scanner(unless, g_regex_flags, re_, use_bytes=use_bytes))
            callback[retok.name] = _UNLESS[key]
    new_terminals = [t for t in terminals if t not in embedded_strs]
    return new_terminals, callback


class _QuickBasicLexer(BasicLexer):
    whole: frozenset[tuple[str, str]] | None = None  # set by _QuickContextualLexer for all its states
    first: dict | None = None  # first characters by terminal name: likewise
    programs: dict | None = None  # the grammar's patterns as the regex compiler makes them (_programs): likewise

    def _build_scanner(self) -> Scanner:
        # as lark's BasicLexer._build_scanner, with the keyword callbacks shared and the first-character scanner
        if self.whole is None:
            self.whole = _whole_matches(self.terminals, self.g_regex_flags, self.re)
        terminals, self.callback = _shared_unless(self.terminals, self.g_regex_flags, self.re, self.use_bytes,
                                                  self.whole)
        for type_, f in self.user_callbacks.items():
            if type_ in self.callback:
                self.callback[type_] = CallChain(self.callback[type_], f, lambda t: t.type == type_)
            else:
                self.callback[type_] = f
        return _FirstCharScanner(terminals, self.g_regex_flags, self.re, self.use_bytes, self.first, self.programs)

    def next_token(self, lex_state, parser_state=None):
        """lark's BasicLexer.next_token with its calls written out: the scanner's match (_FirstCharScanner.match),
        the token's construction (Token._future_new) and the line counter's feed (LineCounter.feed), each step
        for step, so the same tokens with the same positions (tests/test_larkload.py). Where no terminal matches,
        lark's own next_token runs from the same place and raises its error."""
        scanner = self.scanner
        if scanner._mres is not None:  # bytes: lark's way
            return BasicLexer.next_token(self, lex_state, parser_state)
        line_ctr = lex_state.line_ctr
        text = lex_state.text
        source, end = text.text, text.end
        ignore, callback, newline_types = self.ignore_types, self.callback, self.newline_types
        by_char = scanner._by_char
        while line_ctr.char_pos < end:
            pos = line_ctr.char_pos
            char = source[pos] if pos < len(source) else ""
            candidates = by_char.get(char)
            if candidates is None:
                candidates = scanner.candidates(char)
            for value, rx, type_ in candidates:
                if value is not None:
                    if source.startswith(value, pos, end):
                        break
                else:
                    found = rx.match(source, pos, end)
                    if found:
                        value = found.group(0)
                        break
            else:  # lark raises the error, as it would
                return BasicLexer.next_token(self, lex_state, parser_state)
            ignored = type_ in ignore
            token = None
            if not ignored or type_ in callback:
                token = _str_new(_Token, value)
                token.type, token.start_pos, token.value, token.line, token.column = (
                    type_, pos, value, line_ctr.line, line_ctr.column)
            if type_ in newline_types:
                newlines = value.count(line_ctr.newline_char)
                if newlines:
                    line_ctr.line += newlines
                    line_ctr.line_start_pos = pos + value.rindex(line_ctr.newline_char) + 1
            line_ctr.char_pos = pos + len(value)
            line_ctr.column = line_ctr.char_pos - line_ctr.line_start_pos + 1
            if token is not None:
                token.end_line, token.end_column, token.end_pos = line_ctr.line, line_ctr.column, line_ctr.char_pos
                if type_ in callback:
                    token = callback[type_](token)
                if not ignored:
                    if not isinstance(token, _Token):
                        raise LexError("Callbacks must return a token (returned %r)" % token)
                    lex_state.last_token = token
                    return token
        raise EOFError(self)


class _QuickContextualLexer(ContextualLexer):
    BasicLexer = _QuickBasicLexer

    def __init__(self, conf, states, always_accept=()) -> None:
        super().__init__(conf, states, always_accept)
        whole = _whole_matches(conf.terminals, conf.g_regex_flags, conf.re_module)
        first = {t.name: _first_chars(t.pattern.to_regexp(), 0) for t in conf.terminals}
        programs = _programs([t.pattern.to_regexp() for t in conf.terminals if isinstance(t.pattern, PatternRE)],
                             conf.g_regex_flags) if conf.re_module is re else {}
        for lexer in [*self.lexers.values(), self.root_lexer]:
            lexer.whole, lexer.first, lexer.programs = whole, first, programs


def plugins() -> dict:
    """Lark's `_plugins` option that puts the quick lexer in place (none when this lark lacks what it needs)."""
    return {"ContextualLexer": _QuickContextualLexer} if _create_unless is not None else {}


# ------------------------------------------------------------------ building the tree
class _Meta:
    """The positions of a tree node that govrubric reads (lark.tree.Meta's start_pos, end_pos and empty), and
    the container positions lark keeps to place the node's parent."""
    __slots__ = ("empty", "start_pos", "end_pos", "container_start_pos", "container_end_pos")

    def __init__(self) -> None:
        self.empty = True


def _placed(children):
    """The first of children that takes up text: a token, or a tree's meta when it has positions (lark's
    PropagatePositions._pp_get_meta); None when none does."""
    for child in children:
        if type(child) is _Tree:
            meta = child._meta
            if meta is not None and not meta.empty:
                return meta
        elif isinstance(child, _Token):
            return child
    return None


class _Node:
    """One rule's tree building in one call: what lark's ParseTreeBuilder does for it through three wrappers
    (PropagatePositions around ChildFilterLALR_NoPlaceholders around ExpandSingleChild around Tree), for this
    grammar's options (LALR, propagate_positions=True, maybe_placeholders=False, no transformer). The same
    trees with the same start_pos and end_pos (tests/test_larkload.py compares every node with lark's); meta
    holds no line and column, which nothing reads. Lark spent more on these wrappers (~66,000 attribute
    lookups with defaults for ~34,000 reductions) than on its LALR loop."""
    __slots__ = ("name", "include", "expand1", "opens", "closes")

    def __init__(self, name: str, include: tuple | None, expand1: bool, opens: bool = False,
                 closes: bool = False) -> None:
        self.name = name
        self.include = include  # ((index, whether its children are inlined), …) or None: every child kept
        self.expand1 = expand1
        self.opens = opens  # the rule's first symbol is a terminal: its first child is a token
        self.closes = closes  # likewise its last

    def __call__(self, children):
        # PropagatePositions: from the first child that takes up text to the last, counting the tokens filtered
        # out and the inlined rules' containers (a token always takes up text: no search when one is at the end)
        if self.opens:
            first = children[0].start_pos
        else:
            first = _placed(children)
            if first is not None:
                first = first.start_pos if isinstance(first, _Token) else first.container_start_pos
        if first is not None:
            if self.closes:
                last = children[-1].end_pos
            else:
                last = _placed(reversed(children))
                last = last.end_pos if isinstance(last, _Token) else last.container_end_pos
        include = self.include
        if include is None:
            kept = children
        else:  # ChildFilterLALR_NoPlaceholders, step for step (the first inlined list is taken over, not copied)
            kept = []
            for index, inline in include:
                if inline:
                    if kept:
                        kept += children[index].children
                    else:
                        kept = children[index].children
                else:
                    kept.append(children[index])
        if self.expand1 and len(kept) == 1:  # ExpandSingleChild: the child itself (a token is left as it is)
            node = kept[0]
            if type(node) is not _Tree:
                return node
            meta = node._meta
            if meta is None:
                meta = node._meta = _Meta()
            if first is not None:
                if meta.empty:
                    meta.start_pos, meta.end_pos, meta.empty = first, last, False
                meta.container_start_pos, meta.container_end_pos = first, last
            return node
        meta = _Meta()
        if first is not None:
            meta.start_pos = meta.container_start_pos = first
            meta.end_pos = meta.container_end_pos = last
            meta.empty = False
        return _Tree(self.name, kept, meta)


def quick_trees(parser) -> None:
    """Put _Node in place of lark's tree-building callbacks of a parser built with the options _Node follows
    (in place: the parser, its interactive parser and the snapshot share the one table). Others are left."""
    from lark.parse_tree_builder import PropagatePositions

    options = parser.options
    if (options.parser != "lalr" or options.propagate_positions is not True or options.maybe_placeholders
            or options.transformer is not None or options.tree_class not in (None, _Tree)):
        return
    callbacks = parser._callbacks
    if any(isinstance(f, _Node) for f in callbacks.values()):
        return
    if not all(isinstance(f, PropagatePositions) for f in callbacks.values()):
        return
    quick = {}
    for rule in parser.rules:
        if rule not in callbacks:
            return
        keep_all = rule.options.keep_all_tokens
        include = tuple((index, not symbol.is_term and symbol.name.startswith("_"))
                        for index, symbol in enumerate(rule.expansion)
                        if keep_all or not (symbol.is_term and symbol.filter_out))
        filtered = len(include) < len(rule.expansion) or any(inline for _, inline in include)
        name = _plain(rule.alias or rule.options.template_source or rule.origin.name)
        expansion = rule.expansion
        quick[rule] = _Node(name, include if filtered else None, bool(rule.options.expand1 and not rule.alias),
                            bool(expansion) and expansion[0].is_term, bool(expansion) and expansion[-1].is_term)
    callbacks.update(quick)


# ------------------------------------------------------------------ the parse loop
# lark's _Parser → (rows, steps) of _drive building lark's tree; and {id(methods): (methods, (rows, steps))} of quick_build
_REDUCES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_BUILDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _frontend(parser, text):
    """(frontend, lexer, lalr) of a parser the loop follows, or None (lark's own parse is used)."""
    if not isinstance(parser, lark.Lark) or not isinstance(text, str):
        return None
    frontend = parser.parser
    try:
        lexer, lalr = frontend.lexer, frontend.parser.parser
        usable = (isinstance(lexer, _QuickContextualLexer) and frontend.lexer_conf.postlex is None
                  and not any(isinstance(key, str) for key in lalr.callbacks))
    except AttributeError:
        return None
    return (frontend, lexer, lalr) if usable else None


def quick_parse(parser, text: str):
    """parser.parse(text): the same tree, by the same LALR steps over lark's own parse table, lexer states and
    tree-building callbacks, in one loop (lark's runs the lexer as a generator and feeds each token through
    ParserState.feed_token, and looks each rule's callback up by the rule's hash, computed in Python every
    time). On any syntax error, or for a parser this loop does not follow, lark's own parse runs on the text
    and raises its own error (tests/test_larkload.py compares trees and errors with lark's)."""
    found = _frontend(parser, text)
    if found is None:
        return parser.parse(text)
    frontend, lexer, lalr = found
    compiled = _REDUCES.get(lalr)
    if compiled is None:
        compiled = _REDUCES[lalr] = ({}, {})
    try:
        return _drive(frontend, lexer, lalr, text, compiled, _tree_step, None)
    except Exception:  # a syntax error (or anything unforeseen): lark's own parse says what it is
        return parser.parse(text)


def _tree_step(lalr, rule):
    """The loop's reduce step that builds lark's tree (the parser's own callback, _Node)."""
    build = lalr.callbacks[rule]

    def step(owner, values, spans):
        return build(values), None
    return step


class NotBuilt(Exception):
    """quick_build could not build this text straight from the parse: a builder method raised (the exception is
    the cause), or the grammar has what _Build does not follow. The caller builds from the tree instead."""


def quick_build(parser, text: str, owner, methods: dict):
    """What a bottom-up walk of parser.parse(text)'s tree calling methods would give, without the tree: each rule's
    method (methods: {rule name: (function, whether it takes the rule's positions)}, called as function(owner,
    children) or function(owner, meta, children)) is called as the rule is reduced. LALR reduces a tree's nodes
    children first, left to right: the order of the walk, so the methods are called in the same order with the
    same children and positions (_Build). On a syntax error lark's own parse runs on the text and raises its own
    error, as in quick_parse; should it parse after all, its tree is returned (lark.Tree: the caller walks it).
    NotBuilt when a method raised or the parser is not one the loop follows."""
    found = _frontend(parser, text)
    if found is None:
        raise NotBuilt("not the quick parser")
    frontend, lexer, lalr = found
    by_methods = _BUILDS.get(lalr)
    if by_methods is None:
        by_methods = _BUILDS[lalr] = {}
    entry = by_methods.get(id(methods))
    if entry is None or entry[0] is not methods:
        if not _builds_alike(lalr):
            raise NotBuilt("the grammar has what _Build does not follow")
        entry = by_methods[id(methods)] = (methods, ({}, {}))
    try:
        return _drive(frontend, lexer, lalr, text, entry[1], _build_step(methods), owner)
    except _Unbuilt as err:
        raise NotBuilt(str(err)) from err.__cause__
    except Exception:  # a syntax error (or anything unforeseen)
        pass
    return parser.parse(text)  # raises lark's error (or, should it parse, gives its tree)


class _Unbuilt(Exception):
    """A builder method raised (its exception is the cause)."""


def _builds_alike(lalr) -> bool:
    """Whether every rule's tree building is one _Build follows: _Node, and no rule that can match nothing other
    than the start rule without positions (lark fills in an empty node's positions from its parent's when a
    single-child rule hands it up, after the node's method would have run here)."""
    callbacks = lalr.callbacks
    rules = [rule for rule in callbacks if not isinstance(rule, str)]
    if not all(isinstance(callbacks[rule], _Node) for rule in rules):
        return False
    nullable: set = set()
    grown = True
    while grown:
        grown = False
        for rule in rules:
            if rule.origin.name not in nullable and all(not symbol.is_term and symbol.name in nullable
                                                        for symbol in rule.expansion):
                nullable.add(rule.origin.name)
                grown = True
    used = {symbol.name for rule in rules for symbol in rule.expansion if not symbol.is_term}
    return not (nullable & used)


def _build_step(methods: dict):
    def make(lalr, rule):
        node = lalr.callbacks[rule]
        if _plain(rule.origin.name).startswith("_"):  # a list lark inlines into its parent (__x_star_N), as _Node
            return _Build(None, False, node.include, node.expand1, True)
        method, wants_meta = methods.get(node.name, (None, False))
        if method is None and not node.expand1:  # as the tree walk, which meets the node
            def missing(owner, values, spans, name=node.name):
                raise _Unbuilt(f"no builder for grammar rule {name!r}")
            return missing
        return _Build(method, wants_meta, node.include, node.expand1, False)
    return make


class _Inlined:
    """A list lark inlines into its parent (rules named _x): the values and position entries of its children."""
    __slots__ = ("values", "spans")

    def __init__(self, values: list, spans: list) -> None:
        self.values, self.spans = values, spans


class _At:
    """The positions handed to a method that takes them (as lark's meta: start_pos, end_pos; neither when the rule
    took up no text)."""
    __slots__ = ("start_pos", "end_pos")


class _Build:
    """One rule's reduce step for quick_build: _Node's positions and child filter, then the rule's method on the
    children's values instead of a tree node. The loop keeps beside each value its position entry: the token for
    a token, (start, end) for a built node (its container positions: what lark places its parent by), None for a
    node that took up no text."""
    __slots__ = ("method", "wants_meta", "include", "expand1", "inline")

    def __init__(self, method, wants_meta: bool, include, expand1: bool, inline: bool) -> None:
        self.method, self.wants_meta, self.include = method, wants_meta, include
        self.expand1, self.inline = expand1, inline

    def __call__(self, owner, values, spans):
        first = last = None
        for entry in spans:  # _placed: the first child that takes up text
            if entry is not None:
                first = entry[0] if type(entry) is tuple else entry.start_pos
                break
        if first is not None:
            for entry in reversed(spans):
                if entry is not None:
                    last = entry[1] if type(entry) is tuple else entry.end_pos
                    break
        include = self.include
        if include is None:
            kept, kept_spans = values, spans
        else:  # ChildFilterLALR_NoPlaceholders, as _Node
            kept, kept_spans = [], []
            for index, inline in include:
                if inline:
                    inlined = values[index]
                    if kept:
                        kept += inlined.values
                        kept_spans += inlined.spans
                    else:
                        kept, kept_spans = inlined.values, inlined.spans
                else:
                    kept.append(values[index])
                    kept_spans.append(spans[index])
        if self.expand1 and len(kept) == 1:  # the child itself: a token keeps its own positions
            entry = kept_spans[0]
            if first is not None and (entry is None or type(entry) is tuple):
                entry = (first, last)
            return kept[0], entry
        entry = None if first is None else (first, last)
        if self.inline:
            return _Inlined(kept, kept_spans), entry
        try:
            if self.wants_meta:
                at = _At()
                if first is not None:
                    at.start_pos, at.end_pos = first, last
                return self.method(owner, at, kept), entry
            return self.method(owner, kept), entry
        except Exception as err:
            raise _Unbuilt(repr(err)) from err


def _entry(compiled: tuple, states, state: int, kind: str, lalr, make_step) -> tuple:
    """The action of state on kind as _drive reads it, (True, next state) or (False, (step, size, rule name)),
    kept in compiled's plain rows; KeyError when the table has none (a syntax error)."""
    rows, steps = compiled
    action, arg = states[state][kind]
    if action is Shift:
        entry = (True, arg)
    else:
        step = steps.get(id(arg))
        if step is None:
            step = steps[id(arg)] = (make_step(lalr, arg), len(arg.expansion), _plain(arg.origin.name))
        entry = (False, step)
    rows.setdefault(state, {})[kind] = entry
    return entry


def _drive(frontend, lexer, lalr, text: str, compiled: tuple, make_step, owner):
    """lark's _Parser.parse_from_state with ContextualLexer.lex, ParserState.feed_token and the state's lexer's
    next_token (_QuickBasicLexer.next_token, step for step: the same tokens with the same positions and lines)
    written into it, the line counter's fields kept in local variables. Each reduction calls the rule's step
    (made by make_step(lalr, rule) when first met) with owner, the children's values and their position
    entries (_Build). The table's actions are read from plain dicts (compiled: (rows, steps), filled by _entry
    as the parse meets them; lark's table is a dict subclass, _Rows, which Python subscripts by a slower way),
    each reduction's step in its row. Where no terminal matches, the raised error sends the caller to lark's
    own parse, which reports it."""
    rows = compiled[0]
    table = lalr.parse_table
    start = frontend._verify_start(None)
    states, end_state = table.states, table.end_states[start]
    lexers = lexer.lexers
    plans: dict = {}  # state → what its lexer reads
    end = len(text)
    pos, line, line_start = 0, 1, 0  # lark's LineCounter: char_pos, line, line_start_pos
    state_stack = [table.start_states[start]]
    value_stack: list = []
    span_stack: list = []
    at_end = False
    while True:
        plan = plans.get(state_stack[-1])
        if plan is None:
            basic = lexers[state_stack[-1]]
            scanner = basic.scanner
            if scanner._mres is not None or not isinstance(basic, _QuickBasicLexer):
                raise LexError("not the quick lexer")  # lark's own parse
            plan = plans[state_stack[-1]] = (scanner, scanner._by_char, basic.ignore_types, basic.callback,
                                             basic.newline_types)
        scanner, by_char, ignore, callback, newline_types = plan
        token = None
        while pos < end:
            candidates = by_char.get(text[pos])
            if candidates is None:
                candidates = scanner.candidates(text[pos])
            for value, rx, type_ in candidates:
                if value is not None:
                    if text.startswith(value, pos):
                        break
                else:
                    found = rx.match(text, pos)
                    if found:
                        value = found.group(0)
                        break
            else:
                raise LexError("no terminal matches")  # lark's own parse reports where and what was expected
            ignored = type_ in ignore
            if not ignored or type_ in callback:
                token = _str_new(_Token, value)
                token.type, token.start_pos, token.value, token.line, token.column = (
                    type_, pos, value, line, pos - line_start + 1)
            if type_ in newline_types:
                newlines = value.count("\n")
                if newlines:
                    line += newlines
                    line_start = pos + value.rindex("\n") + 1
            pos += len(value)
            if token is not None:
                token.end_line, token.end_column, token.end_pos = line, pos - line_start + 1, pos
                if type_ in callback:
                    token = callback[type_](token)
                if not ignored:
                    if not isinstance(token, _Token):
                        raise LexError("Callbacks must return a token (returned %r)" % token)
                    break
                token = None
        if token is None:  # lark's $END, placed after the last token
            at_end, kind = True, "$END"
        else:
            kind = token.type
        while True:
            try:
                shift, arg = rows[state_stack[-1]][kind]
            except KeyError:  # first met (or a syntax error: _entry raises KeyError again)
                shift, arg = _entry(compiled, states, state_stack[-1], kind, lalr, make_step)
            if shift:
                if at_end:
                    raise AssertionError("$END shifted")  # lark asserts the same: its own parse reports it
                state_stack.append(arg)
                value_stack.append(token)
                span_stack.append(token)
                break
            build, size, origin = arg
            if size:
                children = value_stack[-size:]
                spans = span_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
                del span_stack[-size:]
            else:
                children, spans = [], []
            value, entry = build(owner, children, spans)
            try:
                _shift, goto = rows[state_stack[-1]][origin]
            except KeyError:
                _shift, goto = _entry(compiled, states, state_stack[-1], origin, lalr, make_step)
            state_stack.append(goto)
            value_stack.append(value)
            span_stack.append(entry)
            if at_end and goto == end_state:
                return value


def _lark_action(name: str):
    return getattr(lalr_analysis, name)


class _Rows(dict):
    """A parse table's states ({state: {terminal or rule name: (action, argument)}}) whose rows are unpacked when
    first asked for: a snapshot holds each row as a few bytes (marshal), and a parse visits a few hundred of the
    ~1,900 states, so loading no longer rebuilds ~190,000 entries one pickle step at a time. Asked as a whole
    (iterated, counted, tested for a state), every row is unpacked first: the same answers as the plain dict."""

    def __init__(self, names: tuple, shifts: int, rules: tuple, packed: dict) -> None:
        super().__init__()
        self._names, self._shifts, self._rules, self._packed = names, shifts, rules, packed
        self._actions: list | None = None

    @classmethod
    def packing(cls, states: dict) -> tuple:
        """(names, shifts, rules, packed rows) of a plain table: a row is the marshal of (name indexes, action
        indexes), where action i < shifts is (Shift, i) and shifts + j is (Reduce, rules[j])."""
        names: dict[str, int] = {}
        rules: dict[int, int] = {}
        ordered_rules: list = []
        shifts = 1 + max((argument for row in states.values() for action, argument in row.values()
                          if action is Shift), default=-1)
        packed = {}
        for state, row in states.items():
            keys, codes = [], []
            for name, (action, argument) in row.items():
                keys.append(names.setdefault(name, len(names)))
                if action is Shift:
                    codes.append(argument)
                else:
                    if id(argument) not in rules:
                        rules[id(argument)] = len(ordered_rules)
                        ordered_rules.append(argument)
                    codes.append(shifts + rules[id(argument)])
            packed[state] = marshal.dumps((tuple(keys), tuple(codes)))
        return tuple(names), shifts, tuple(ordered_rules), packed

    def __reduce__(self):
        self._unpack_all()
        return _Rows, self.packing(self)

    def __missing__(self, state):
        packed = self._packed.pop(state, None)
        if packed is None:
            raise KeyError(state)
        actions = self._actions
        if actions is None:  # one (action, argument) pair for each, shared by every row, as in lark's table
            reduce = lalr_analysis.Reduce
            actions = self._actions = [*((Shift, i) for i in range(self._shifts)),
                                       *((reduce, rule) for rule in self._rules)]
        keys, codes = marshal.loads(packed)
        row = self[state] = dict(zip(map(self._names.__getitem__, keys), map(actions.__getitem__, codes)))
        return row

    def _unpack_all(self) -> None:
        for state in list(self._packed):
            self.__missing__(state)


def _whole_table(name: str):
    """dict's method `name`, asked of a _Rows after every row is unpacked."""
    method = getattr(dict, name)

    def whole(self, *args):
        self._unpack_all()
        return method(self, *args)

    whole.__name__ = name
    return whole


for _name in ("__iter__", "__len__", "__contains__", "get", "keys", "values", "items"):
    setattr(_Rows, _name, _whole_table(_name))


def snapshot_path(lark_cache: str) -> str:
    """Next to Lark's cache file (same folder, same grammar digest), for this Python and this module's code
    (a snapshot holds instances of the classes above: a changed module writes a new one)."""
    import hashlib

    with open(__file__, "rb") as handle:
        code = hashlib.sha256(handle.read()).hexdigest()[:12]
    return f"{lark_cache}.py{sys.version_info[0]}{sys.version_info[1]}-{code}.snapshot"


def load_snapshot(path: str):
    """The parser from a snapshot, or None when there is none or it cannot be used."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            with no_cyclic_gc():  # ~190,000 table entries: the collector would walk them again and again
                parser = pickle.load(handle)
    except Exception:  # missing, damaged, or written by another lark: built again
        return None
    return parser if isinstance(parser, lark.Lark) else None


def save_snapshot(parser, path: str) -> None:
    """Pickle a parser that has not parsed yet, its parse table's rows packed (_Rows); written atomically."""
    try:
        table = parser.parser.parser.parser.parse_table
        states = table.states
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = copyreg.dispatch_table.copy()
        pickler.dispatch_table[types.ModuleType] = lambda module: (importlib.import_module, (module.__name__,))
        pickler.dispatch_table[lalr_analysis.Action] = lambda action: (_lark_action, (action.name,))
        table.states = _Rows(*_Rows.packing(states))
        try:
            pickler.dump(parser)
        finally:
            table.states = states
        folder = os.path.dirname(path)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".snapshot-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getvalue())
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a snapshot only saves time: without one the next start builds the parser again
        pass
