"""Text → pieces: runs the Lark grammar and turns its parse tree into ast pieces.

After parse_pieces, every piece has a span and every number is an exact Decimal;
nothing has been resolved or grouped yet. Syntax errors come back as diagnostics.
"""
from __future__ import annotations

import os

import attrs
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import ast
from ._gc import no_cyclic_gc
from .diagnostics import Diagnostics
from .numerals import NumeralError, read_arabic, read_chinese_integer, separator_problem, to_decimal
from .spill import off_the_total, spill_word
from .source import SourceFile, Span
from .i18n import built

_GRAMMAR_NAME = "rubric.lark"


def grammar_path() -> Path:
    """The grammar shipped in the wheel (govrubric/_grammar), or the checkout's grammar/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_grammar" / _GRAMMAR_NAME, here.parent / "grammar" / _GRAMMAR_NAME):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"govrubric grammar {_GRAMMAR_NAME} not found next to {here}")


def _cache_file(grammar_text: str) -> str | None:
    """A per-user cache path named by the grammar's hash: lark's default /tmp name is predictable."""
    import hashlib

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "govrubric")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if os.stat(folder).st_uid != os.getuid():
            return None
    except OSError:
        return None
    digest = hashlib.sha256(grammar_text.encode("utf-8")).hexdigest()[:16]
    import lark

    return os.path.join(folder, f"grammar-{digest}-lark{lark.__version__}.cache")


_CACHE_FILES_KEPT = 12  # each ~2.5 MB: a few grammar versions side by side (two installs, an upgrade) stay warm


def _prune_cache(folder: str, keep: set[str]) -> None:
    """Remove the oldest parser caches beyond the newest _CACHE_FILES_KEPT: every grammar or parser-code version
    writes a new pair and nothing else removes the old ones (a machine that ran many versions held 480 MB)."""
    try:
        found = [entry for entry in os.scandir(folder)
                 if entry.name.startswith("grammar-") and entry.is_file(follow_symlinks=False)
                 and entry.path not in keep and entry.stat(follow_symlinks=False).st_uid == os.getuid()]
        found.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime, reverse=True)
        for entry in found[max(0, _CACHE_FILES_KEPT - len(keep)):]:
            os.unlink(entry.path)
    except OSError:  # another process pruning at the same time, or a folder we cannot list: caches only save time
        pass


@lru_cache(maxsize=1)
def parser():
    """The Lark parser; from a snapshot of it after the first run for this user (_larkload: quick to start)."""
    import lark

    from . import _larkload

    text = grammar_path().read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer="contextual", propagate_positions=True,
                   maybe_placeholders=False, _plugins=_larkload.plugins())
    cache = _cache_file(text)
    if cache is not None:
        snapshot = _larkload.snapshot_path(cache)
        loaded = _larkload.load_snapshot(snapshot)
        if loaded is not None:
            _larkload.quick_trees(loaded)
            return loaded
        try:
            built = lark.Lark(text, cache=cache, **options)
        except Exception:  # a damaged cache must not stop a check; rebuild without it
            built = None
        if built is not None:
            _larkload.quick_trees(built)
            _larkload.save_snapshot(built, snapshot)
            _prune_cache(os.path.dirname(cache), keep={cache, snapshot})
            return built
    built = lark.Lark(text, **options)
    _larkload.quick_trees(built)
    return built


# A number broken by a space, as PDF captures leave them: 「0. 1分」, 「1 .5分」.
_BROKEN_NUMBER = re.compile(r"(?<![0-9.．])([0-9]+)\s*([.．])\s+([0-9]+)|(?<![0-9])([0-9]+)\s+([.．])\s*([0-9]+)")


# What every match of _BROKEN_NUMBER holds (digits around a point with white space beside it) without the
# look-behinds: the engine scans for it quickly, where _BROKEN_NUMBER's look-behinds make it try both branches at
# every character. Texts without it (every shipped and field-trial rubric) skip the full pattern.
_MAYBE_BROKEN = re.compile(r"[0-9]\s*[.．]\s+[0-9]|[0-9]\s+[.．]\s*[0-9]")


def find_broken_numbers(source: SourceFile, diags: Diagnostics) -> None:
    if not _MAYBE_BROKEN.search(source.text):
        return
    for match in _BROKEN_NUMBER.finditer(source.text):
        line_start = source.text.rfind("\n", 0, match.start()) + 1
        before = source.text[line_start : match.start()].strip()
        if not before:  # 「1. 」 at the start of a line is numbering, not a number
            continue
        if "#" in before or "＃" in before:  # a comment may quote the source verbatim, 「0. 1分」 and all
            continue
        found = match.group(0)
        fixed = re.sub(r"\s+", "", found).replace("．", ".")
        diags.error("GR102", Span(match.start(), match.end()), found=found, fixed=fixed,
                    help=built("删去数字中的空格,写作「{fixed}」", fixed=fixed))


# Characters Unicode counts as line breaks but rubric text does not (only \n, \r\n and \r end a line, in
# every reader: source.source_text). Editors disagree on showing them as a new line, so a comment could hide
# what looks like the next line: they are refused wherever they stand, except inside 「names」 and 【titles】,
# whose delimiters keep their meaning plain.
_INVISIBLE_BREAKS = {
    "\u2028": "行分隔符", "\u2029": "段分隔符", "\x85": "下一行符(NEL)", "\x0b": "垂直制表符",
    "\x0c": "换页符", "\x1c": "文件分隔符", "\x1d": "组分隔符", "\x1e": "记录分隔符",
}
_BREAKS_OUTSIDE_NAMES = re.compile("「[^」\n]*」|【[^】\n]*】|[#＃][^\n]*|[" + "".join(_INVISIBLE_BREAKS) + "]")


def find_invisible_breaks(source: SourceFile, diags: Diagnostics) -> None:
    text = source.text
    if not any(ch in text for ch in _INVISIBLE_BREAKS):  # the usual case: no match for every name and comment
        return
    for match in _BREAKS_OUTSIDE_NAMES.finditer(source.text):
        found = match.group()
        if found[0] in "「【":
            continue
        start = match.start()
        for offset, ch in enumerate(found):
            if ch in _INVISIBLE_BREAKS:
                place = "注释里" if found[0] in "#＃" else "这里"
                diags.error("GR108", Span(start + offset, start + offset + 1), place=place,
                            name=_INVISIBLE_BREAKS[ch], point=f"U+{ord(ch):04X}",
                            help="删去这个字符;要换行请直接按回车(换行)")


# Digits in one number of a rubric (points, thresholds, counts, item numbering): enough for any rubric, and
# small enough that every later stage (int(), str(), lint's search over values) stays quick and exact.
MAX_NUMBER_DIGITS = 30
# (a class first, not a repeat: the regex engine then skips to the next digit instead of trying every character)
_LONG_DIGITS = re.compile(r"[0-9０-９][0-9０-９]{%d,}" % MAX_NUMBER_DIGITS)
_NUMBERED_TOKENS = ("NUMBER", "ITEM_NO", "ORDINAL")


def numbers_within_bounds(source: SourceFile, tree, diags: Diagnostics) -> bool:
    """GR110 for each number with more than MAX_NUMBER_DIGITS digits (「满分 999…9分」, an item numbered with
    5,000 digits); True when there are none. Digits inside names, titles and comments are text, not numbers."""
    if not _LONG_DIGITS.search(source.text):  # the usual case: one regular-expression pass
        return True
    found = False
    for token in tree.scan_values(lambda value: getattr(value, "type", None) in _NUMBERED_TOKENS):
        digits = sum(ch.isdigit() for ch in token)
        if digits > MAX_NUMBER_DIGITS:
            shown = token if len(token) <= 24 else token[:20] + "…"
            diags.error("GR110", Span(token.start_pos, token.end_pos), number=shown, digits=f"{digits:,}",
                        limit=MAX_NUMBER_DIGITS, help="分值、界限、次数和编号都用不到这么长的数;请检查是否多打了数字")
            found = True
    return not found


_EXPECTED_ZH = {
    "NAME": "「名称」", "TITLE": "【标题】", "NUMBER": "数字", "CN_NUM": "数字", "SEP": "标点",
    "ITEM_NO": "编号", "_COLON": "冒号", "_LPAR": "括号", "_RPAR": "右括号", "INCL": "(含)/(不含)",
}


_OUTCOME_TERMINALS = {"得", "扣", "加", "不得分", "得满分", "不扣分", "得分", "直接扣", "VETO"}


def _describe_expected(expected: set[str]) -> str:
    """What may stand where the parser stopped, in words (not a list of the grammar's terminals)."""
    if "LIST_SEP" in expected:  # 有下列情形的,每项扣5分 with nothing listed after it on the line
        return "「有下列情形」之后在同一行列出各种情形,如「有下列情形的,每项扣5分:(1)「没有…」的;(2)「…」的」"
    if _OUTCOME_TERMINALS & expected:
        return "这里应写计分结果,如「得1分」「扣0.5分」「不得分」「此项不得分」"
    if "NAME" in expected and ({"ITEM_NO", "TITLE"} & expected):
        return ("这里应另起一条:事实声明「事实「名称」:是否」、以「名称」开头的条款(「「按时公布」得1分」),"
                "或指标「一、【标题】(3分)」")
    if "NAME" in expected:
        return "这里应是写在「」里的名称,如「按时公布」"
    if {"NUMBER", "CN_NUM"} & expected:
        return "这里应是数字,如「1」「0.5」「三」"
    words = [_EXPECTED_ZH.get(name) for name in sorted(expected) if name in _EXPECTED_ZH]
    words = list(dict.fromkeys(w for w in words if w))
    if not words:
        return ""
    return "此处可以是:" + "、".join(words[:6]) + ("等" if len(words) > 6 else "")


# After a syntax error the rest of its item is set aside and parsing resumes at the next item, so a
# file with several mistakes gets them all at once (one per item: the lines after an error in the same
# item would only repeat it). Only the text after the resumption point is parsed again, and a parse
# stops at its first error, so finding every error costs about one parse of the file.
MAX_SYNTAX_ERRORS = 10


@lru_cache(maxsize=1)
def _item_start() -> re.Pattern:
    """A line that opens an item, as the grammar's own terminals say it (numbering, 【title】, ○)."""
    grammar = parser()
    starts = "|".join(grammar.get_terminal(name).pattern.to_regexp() for name in ("ITEM_NO", "TITLE", "ANON"))
    return re.compile(rf"^[ \t\u3000]*(?:{starts})", re.M)


BUILD_DIRECTLY = True  # pieces built as the parser reduces (quick_build); tests turn it off to compare with the tree


def parse_pieces(source: SourceFile, diags: Diagnostics) -> list[ast.Piece] | None:
    """The pieces of a rubric's text (syntax errors in diags, and None, when it does not parse). The cyclic
    garbage collector is paused meanwhile (_gc.no_cyclic_gc: every tree node stays alive until the pieces are
    built), as pipeline.analyse pauses it for parse and check; fmt parses through here too."""
    with no_cyclic_gc():
        return _parse_pieces(source, diags)


def _parse_pieces(source: SourceFile, diags: Diagnostics) -> list[ast.Piece] | None:
    import lark

    from ._larkload import NotBuilt, quick_build, quick_parse

    before = len(diags.items)
    find_broken_numbers(source, diags)
    find_invisible_breaks(source, diags)
    if diags.has_errors and any(d.code == "GR108" for d in diags.items[before:]):
        return None
    text = source.text
    resume: int | None = 0
    # Usually the pieces are built as the parser reduces each rule, without a parse tree (_larkload.quick_build:
    # the same methods in the same order on the same children). The tree is built where the pieces would not be
    # (an error already found, a number too long to read) and whenever quick_build cannot (NotBuilt).
    direct = BUILD_DIRECTLY and not diags.has_errors and not _LONG_DIGITS.search(text)
    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            if direct:
                direct = False
                builder = PieceBuilder(source)
                try:
                    built = quick_build(parser(), text, builder, builder._calls)
                except NotBuilt:
                    built = None
                if isinstance(built, list):
                    return _built(builder, built, diags)
            tree = quick_parse(parser(), text[resume:] if resume else text)
        except lark.UnexpectedInput as err:
            pos = resume + (getattr(err, "pos_in_stream", None) or 0)
            at_end = _report_syntax_error(err, pos, source, diags, before)
            resume = None if at_end else _resume_after(text, pos, resume)
            if resume is None:
                return None
            continue
        if resume or diags.has_errors or not numbers_within_bounds(source, tree, diags):
            return None
        builder = PieceBuilder(source)
        return _built(builder, builder.transform(tree), diags)
    return None


def _built(builder, pieces: list[ast.Piece], diags: Diagnostics) -> list[ast.Piece] | None:
    """The pieces, or None with the problems the builder met as diagnostics."""
    for span, problem in builder.bad_numbers:
        diags.error("GR107", span, detail=problem)
    for code, span, fields in builder.problems:
        diags.error(code, span, **fields)
    return None if builder.bad_numbers or builder.problems else pieces


def tokens(text: str) -> list:
    """Every token of text as the parser reads it (the contextual lexer, in its parse states), without
    the white space and comments it ignores: what `fmt` rewrites piece by piece. Text that parses only."""
    return list(parser().parse_interactive(text).iter_parse())


def _resume_after(text: str, pos: int, resumed_at: int) -> int | None:
    """Where to parse again after an error at pos: the next item, or the next line among the settings
    before the items (they stand one to a line). None when nothing is left."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        return None
    first_item = _item_start().search(text)
    among_settings = first_item is None or first_item.start() > line_start
    if among_settings:
        # the first word of a line that cannot follow the line above: that statement is unfinished
        # (「单位类别:「部门」、」) and this line may be fine, so it gets a fresh start
        fresh_line = not text[line_start:pos].strip() and text[resumed_at:line_start].strip()
        return line_start if fresh_line else line_end + 1
    following = _item_start().search(text, line_end + 1)
    return following.start() if following else None


def _report_syntax_error(err, pos: int, source: SourceFile, diags: Diagnostics, before: int) -> bool:
    """One diagnostic for a parse error at pos (none when a broken number found earlier explains it), in the
    writer's words where the slip is a common one (slips.py), at the place of the mistake.
    True when the error is at the end of the text, so there is nothing after it to parse."""
    import lark

    from . import slips

    if len(diags.items) > before and any(d.span.start <= pos <= d.span.end + 2 for d in diags.items[before:]):
        return False  # the broken number already explains this
    text = source.text
    at_end = isinstance(err, lark.UnexpectedEOF)
    if at_end:
        found, expected = "", set(getattr(err, "expected", None) or ())
    elif isinstance(err, lark.UnexpectedCharacters):
        found = text[pos : pos + 1]
        expected = set(err.allowed or ())
    else:
        token = err.token  # type: ignore[attr-defined]
        found = str(token)
        expected = set(err.expected or ()) | _acceptable(err)  # type: ignore[attr-defined]
        at_end = token.type == "$END"
    if found.startswith("「") and not found.endswith("」"):
        line_end = text.find("\n", pos)
        name = text[pos + 1 : line_end if line_end >= 0 else len(text)].strip()
        diags.error("GR103", Span(pos, pos + 1), help=built("在名称末尾补上「」」,如「{x}」", x=name[:20]) if name else None)
        return False
    comma = _comma_in_number(text, pos)
    if comma is not None:
        diags.error("GR107", comma[0], detail=comma[1])
        return False
    slip = slips.find(text, pos, found, expected, at_end)
    if slip is not None:
        diags.error(slip.code, slip.span, detail=slip.detail, help=slip.help)
        return at_end
    if at_end:
        diags.error("GR104", Span(len(text), len(text)), detail="条款或指标没有写完",
                    help=_describe_expected(expected) or None)
        return True
    end = pos + max(1, len(found))
    diags.error("GR101", Span(pos, end), detail=built("不应出现「{found}」", found=found),
                help=_common_slip(expected) or _describe_expected(expected) or None)
    return False


# From the start of a run of digits only, without backtracking: tried at every digit of a 100,000-digit number
# (the parser fuzzer's) the plain pattern was quadratic and took minutes.
_COMMA_NUMBER = re.compile(r"(?<![0-9０-９.．])[0-9０-９][0-9０-９.．]*+(?:[,，][0-9０-９.．]++)+")


def _comma_in_number(text: str, pos: int) -> tuple[Span, str] | None:
    """「0,95」 or 「1,5」 where the parser stopped: a comma inside a number, with what to write instead."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    for match in _COMMA_NUMBER.finditer(line):
        start, end = line_start + match.start(), line_start + match.end()
        problem = separator_problem(match.group())
        if start <= pos <= end and problem:
            return Span(start, end), problem
    return None


def _acceptable(err) -> set[str]:
    """What the parser could take where it stopped: lark leaves `expected` empty when the contextual
    lexer found a token of the wrong kind, but the parse table still knows."""
    state = getattr(err, "state", None)
    try:
        return set(state.parse_conf.parse_table.states[state.position])
    except (AttributeError, KeyError, TypeError):
        return set()


def _common_slip(expected: set[str]) -> str:
    """The mistakes staff make most, said plainly instead of as a list of words."""
    if "measure" in expected or "个百分点" in expected:
        return "数字后面要写量词,如「每1次」「每1项」「每1个百分点」「3个工作日」"
    named = {word for word in expected if not word.startswith("__")}  # not the grammar's helper rules and marks
    # PRIME: 2', 分 as published tables write it; THRESHOLD_SEP: 、 before a number (分别扣20、10分)
    if "分" in named and named <= {"分", "PRIME", "、", "/", "_RANGE", "THRESHOLD_SEP"}:
        return "分数后面要写「分」,如「得1分」「扣0.5分」"
    return ""


# ---------------------------------------------------------------------------------- transform
def _span(meta_or_token) -> Span:
    try:
        start, end = meta_or_token.start_pos, meta_or_token.end_pos
    except AttributeError:  # a rule that took up no text
        return Span(0, 0)
    if start is None or end is None:
        return Span(0, 0)
    return Span(start, end)


def _name(token) -> ast.Name:
    return ast.Name(str(token)[1:-1], _span(token))


def _number(text: str, *, digitwise: bool = False) -> Decimal:
    """The value of a NUMBER or CN_NUM token; NumeralError (with the fix in Chinese) for a Chinese
    numeral not written by the rules (九八, 一百一百) or commas that do not separate thousands."""
    if text[:1] in "0123456789０１２３４５６７８９":
        return read_arabic(text.replace("。", "."))  # 「0。5分」: the decimal point as published (lint GL104)
    return Decimal(read_chinese_integer(text, digitwise=digitwise))


_CN_ORDER = "一二三四五六七八九十"


_DOTTED = re.compile(r"[0-9]+(?:[.．][0-9]+)+[、.．]?")


def _numbering(label: str) -> tuple[str, int | None]:
    if _DOTTED.fullmatch(label):  # 1.1, 1.1.1: a level for each depth, numbered by the last part
        parts = re.split(r"[.．]", label.rstrip("、.．"))
        return f"dotted{len(parts)}", int(parts[-1])
    if label.startswith("第") and label.endswith("类"):  # 第一类
        number = to_decimal(label[1:-1])
        return "class", int(number) if number is not None else None
    if re.fullmatch(r"[0-9]+", label):  # 2【城镇建设】
        return "bare", int(label)
    if re.fullmatch(r"[a-z][0-9]+[、.．]?", label):  # a3, b7, c21: each letter a level of its own
        return f"letter_{label[0]}", int(label[1:].rstrip("、.．"))
    core = label.strip("、.．()（）")
    if label[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "circled", "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(label[0]) + 1
    number = to_decimal(core)  # None for a malformed Chinese number: numbered_item reports it
    number_int = int(number) if number is not None else None
    paren = label[0] in "(（"
    if core and core[0] in _CN_ORDER:
        return ("cn_paren" if paren else "cn"), number_int
    return ("arabic_paren" if paren else "arabic"), number_int


def with_meta(method):
    """Marks a builder method that takes the rule's positions (lark's meta) before its children."""
    method.wants_meta = True
    return method


def _make_builder():
    from lark import Token, Tree

    # A direct walk instead of lark.Transformer: its v_args wrappers are rebuilt (functools.update_wrapper)
    # on every method lookup, which cost more than the whole structure stage (issue 3's 50 ms budget).
    class Builder:
        def __init__(self, source: SourceFile) -> None:
            self.source = source
            self.bad_numbers: list[tuple[Span, str]] = []  # (where, why): reported as GR107 by parse_pieces
            self.problems: list[tuple[str, Span, dict]] = []  # (code, where, message fields): other mistakes seen

        def _value(self, text: str, span: Span, *, digitwise: bool = False) -> Decimal:
            try:
                return _number(text, digitwise=digitwise)
            except NumeralError as err:
                self.bad_numbers.append((span, str(err)))
                return Decimal(0)

        def transform(self, tree):
            calls = self._calls

            def build(node):
                children = [build(c) if type(c) is Tree else c for c in node.children]
                try:
                    method, wants_meta = calls[node.data]
                except KeyError:  # an unhandled rule is a grammar/builder mismatch
                    raise NotImplementedError(f"no builder for grammar rule {node.data!r}") from None
                if wants_meta:
                    return method(self, node._meta or node.meta, children)  # (lark makes a missing meta)
                return method(self, children)

            return build(tree)

        def _text(self, span: Span) -> str:
            return self.source.text[span.start : span.end]

        # ---------------------------------------------------------------- top level
        def start(self, children):
            pieces = []
            for c in children:
                if isinstance(c, Token):
                    pieces.append(ast.Separator(str(c), _span(c)))
                elif isinstance(c, list):  # a requirement and its negated tier (required_clause)
                    pieces += c
                elif isinstance(c, (ast.ClausePiece, ast.TierPiece)) and isinstance(c.body, (_WithRule, _AmongTotal)):
                    pieces += c.body.pieces(c)
                else:
                    pieces.append(c)
            return pieces

        @with_meta
        def h_title(self, meta, c):
            return ast.HeaderPiece("细则", text=_name(c[0]).text, span=_span(meta))

        @with_meta
        def h_year(self, meta, c):
            span = _span(meta)
            written = re.search(r"[零〇一二两三四五六七八九十百千]+$", self._text(span))
            if written and self.bad_numbers and self.bad_numbers[-1][0].start == span.start + written.start():
                # a year may be written digit by digit (二〇二三), as nowhere else
                number_span, problem = self.bad_numbers.pop()
                return ast.HeaderPiece("年度", number=self._value(written.group(), number_span, digitwise=True),
                                       span=span)
            return ast.HeaderPiece("年度", number=c[0], span=span)

        @with_meta
        def h_categories(self, meta, c):
            return ast.HeaderPiece("单位类别", names=c[0], span=_span(meta))

        @with_meta
        def h_full(self, meta, c):
            return ast.HeaderPiece("满分", number=c[0], span=_span(meta))

        @with_meta
        def h_formula(self, meta, c):
            name = _name(c[0]).text if isinstance(c[0], Token) and c[0].type == "NAME" else None
            formula = c[-1]
            if not isinstance(formula, (tuple, ast.TotalOp)):  # 总分 = 基础分1000分: one part alone
                formula = ast.TotalOp("+", (formula,), "", formula.span)
            if isinstance(formula, ast.TotalOp):
                return ast.HeaderPiece("总分", text=name, expr=formula, span=_span(meta))
            return ast.HeaderPiece("总分", text=name, terms=formula, span=_span(meta))

        def formula(self, c):
            return c[0]

        @with_meta
        def fsum(self, meta, c):
            """A sum of items alone (第一项至第八项得分 + 第九项得分 - 第十项扣分) stays the plain formula, a tuple of
            signed terms; anything else is a TotalOp tree, + and − left to right."""
            parts, ops = c[0::2], [str(x) for x in c[1::2]]
            if all(isinstance(p, ast.Term) for p in parts):
                return tuple(attrs_evolve(p, sign=-1 if i and _minus(ops[i - 1]) else 1) for i, p in enumerate(parts))
            tree = _total_part(parts[0])
            for op, part in zip(ops, parts[1:]):
                tree = ast.TotalOp("-" if _minus(op) else "+", (tree, _total_part(part)), op,
                                   _join_spans(tree, _total_part(part)))
            return tree

        @with_meta
        def fprod(self, meta, c):
            if len(c) == 1:
                return c[0]
            tree = _total_part(c[0])
            for op, part in zip(c[1::2], c[2::2]):
                tree = ast.TotalOp("*", (tree, _total_part(part)), str(op), _join_spans(tree, _total_part(part)))
            return tree

        @with_meta
        def f_extreme(self, meta, c):
            word = str(c[-1])
            parts = tuple(_total_part(x) for x in c[:-1] if not (isinstance(x, Token) and x.type != "NAME"))
            return ast.TotalOp("lower" if "低" in word else "higher", parts, word, _span(meta))

        @with_meta
        def f_points(self, meta, c):
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "BASE_SCORE" else None
            value = next(x for x in c if isinstance(x, Token) and x.type == "NUMBER")
            return ast.BaseScore(self._value(str(value), _span(value)), label, _span(meta))

        @with_meta
        def f_number(self, meta, c):
            return ast.Number(self._value(str(c[0]), _span(c[0])), _span(meta))

        @with_meta
        def f_percent(self, meta, c):
            """第一项得分×30%: the number hundredths, exactly (30% = 0.3)."""
            return ast.Number(self._value(str(c[0]), _span(c[0])) / 100, _span(meta), percent=True)

        def f_fact(self, c):
            return _name(c[0])

        def mulop(self, c):
            return str(c[0])

        @with_meta
        def term(self, meta, c):
            refs = [x for x in c if isinstance(x, ast.SectionRef)]
            kinds = [x for x in c if isinstance(x, str)]
            return ast.Term(1, refs[0], refs[1] if len(refs) > 1 else None,
                            kinds[0] if kinds else "得分", _span(meta))

        def item_score(self, c):
            return c[0]

        @with_meta
        def titled_score(self, meta, c):
            title = str(c[0])[1:-1]
            return ast.Term(1, None, None, str(c[1]), _span(meta), title=title)

        @with_meta
        def term_every(self, meta, c):
            return ast.Term(1, None, None, "得分", _span(meta), every=str(c[0]))

        @with_meta
        def section_ref(self, meta, c):
            return ast.SectionRef(int(c[0]), _span(meta))

        def addop(self, c):
            return str(c[0])

        def term_kind(self, c):
            return str(c[0])

        @with_meta
        def setting(self, meta, c):
            key, values = c[0]
            reason = c[1] if len(c) > 1 else None
            return ast.Setting(key, values, _span(meta), reason)

        @with_meta
        def all_items_floor(self, meta, c):
            """以上各项评分,扣完为止,不计负分: 扣分下限:到0为止 for the whole rubric, the sentence its reason."""
            text = self._text(_span(meta))
            return ast.Setting("扣分下限", ("到0为止",), _span(meta), text, written=text)

        @with_meta
        def bounds_written(self, meta, c):
            """(以上包括本数,以下不包括本数): 边界:以上含本数、以下不含本数 for the whole rubric, the words its reason."""
            text = self._text(_span(meta))
            values = tuple(f"{word}{'不含' if neg else '含'}本数"
                           for word, neg in re.findall(r"(以上|以下)(不?)(?:包括|含)本数", text))
            return ast.Setting("边界", values, _span(meta), text, written=text)

        def setting_choice(self, c):
            key = str(c[0])
            return key, tuple(str(x) for x in c[1:] if str(x) not in ("、",) and not _is_colon(x))

        def reason(self, c):
            return _name(c[-1]).text

        def bound_rule(self, c):
            return "".join(str(x) for x in c)

        # ---------------------------------------------------------------- facts
        @with_meta
        def fact_decl(self, meta, c):
            per = next((re.sub(r"^[,，\s]+", "", str(x)) for x in c if isinstance(x, Token) and x.type == "ELEMENTWISE"), None)
            optional = any(x is True for x in c[2:])
            return ast.FactDecl(_name(c[0]), c[1], optional, _span(meta), per=per)

        def optional(self, c):
            return True

        @with_meta
        def cohort_fact_decl(self, meta, c):
            return ast.FactDecl(_name(c[0]), ast.FactType("cohort", word="计算"), False, _span(meta), c[1])

        @with_meta
        def cohort_rank(self, meta, c):
            return self._cohort("rank", meta, c)

        @with_meta
        def cohort_aggregate(self, meta, c):
            kinds = {"最低值": "min", "最高值": "max", "平均值": "avg"}
            return self._cohort(kinds[next(x for x in c if isinstance(x, str) and x in kinds)], meta, c)

        def _cohort(self, kind, meta, c):
            scope = next((x for x in c if isinstance(x, tuple) and x and x[0] == "scope"), None)
            source = next(x for x in c if isinstance(x, tuple) and x and x[0] == "source")
            descending = "从低到高" not in [x for x in c if isinstance(x, str)]
            span = _span(meta)
            return ast.CohortDef(
                kind, source[1], name=source[2] if source[1] == "fact" else None,
                section=source[2] if source[1] == "section" else None, descending=descending,
                scope_cond=scope[1] if scope and scope[2] == "cond" else None,
                scope_categories=scope[1] if scope and scope[2] == "category" else (),
                text=self._text(span), span=span)

        def scope_cond(self, c):
            cond = next(x for x in c if not _is_token(x))
            return ("scope", cond, "cond")

        def scope_category(self, c):
            return ("scope", c[0], "category")

        def source_fact(self, c):
            return ("source", "fact", _name(c[0]))

        def source_here(self, c):
            return ("source", "here", None)

        def source_section(self, c):
            return ("source", "section", c[0])

        def source_total(self, c):
            return ("source", "total", None)

        def rank_order(self, c):
            return str(c[0])

        def aggregate(self, c):
            return str(c[0])

        def t_bool(self, c):
            return ast.FactType("bool", word="是否")

        def t_count(self, c):
            return ast.FactType("count", measure=str(c[1]) if len(c) > 1 else None, word=str(c[0]))

        def t_unit(self, c):  # 事实「建筑面积」:平方米 — the checker tells counts (名, 人) from measures
            return ast.FactType("unit", measure=str(c[0]), word=str(c[0]))

        def t_percent(self, c):
            return ast.FactType("percent", word="百分比")

        def t_ratio(self, c):
            return ast.FactType("ratio", word="比值")

        def t_rank(self, c):
            return ast.FactType("rank", word="名次")

        def t_days(self, c):
            return ast.FactType("days", word="天数")

        def t_months(self, c):
            return ast.FactType("months", word="月数")

        def t_score(self, c):
            if c:
                low, high = c[0]
                return ast.FactType("score", low=low, high=high, word="分值")
            return ast.FactType("score", word="分值")

        def t_discretionary(self, c):
            return ast.FactType("discretionary", word="视情")

        def t_choice(self, c):
            return ast.FactType("choice", options=tuple(n.text for n in c[0]), word="选项")

        def t_list(self, c):
            return ast.FactType("list", options=tuple(n.text for n in c[0]), word="清单")

        def count_word(self, c):
            return str(c[0])

        def score_range(self, c):
            return (c[0], c[1])

        # ---------------------------------------------------------------- items
        @with_meta
        def numbered_item(self, meta, c):
            label = str(c[0])
            style, number = _numbering(label)
            if number is None and style in ("cn", "cn_paren"):
                core = label.strip("、()（）")
                at = c[0].start_pos + label.index(core)
                self._value(core, Span(at, at + len(core)))
            title, title_span = None, Span(0, 0)
            points, cap = None, None
            for child in c[1:]:
                if isinstance(child, Token) and child.type == "TITLE":
                    title, title_span = str(child)[1:-1], _span(child)
                elif isinstance(child, tuple):
                    points, cap = child
            return ast.ItemHead(style, label, number, title, points, cap, _span(meta), title_span)

        @with_meta
        def heading_item(self, meta, c):
            points, cap = c[1] if len(c) > 1 else (None, None)
            return ast.ItemHead("heading", "", None, str(c[0])[1:-1], points, cap, _span(meta), _span(c[0]))

        @with_meta
        def anonymous_item(self, meta, c):
            title, title_span, points, cap = None, Span(0, 0), None, None
            for child in c[1:]:
                if isinstance(child, Token) and child.type == "TITLE":
                    title, title_span = str(child)[1:-1], _span(child)
                elif isinstance(child, tuple):
                    points, cap = child
            return ast.ItemHead("anon", "", None, title, points, cap, _span(meta), title_span)

        def points(self, c):
            return (next(x for x in c if isinstance(x, Decimal)), None)

        def points_cap(self, c):
            return (None, (c[0], c[1]))

        @with_meta
        def meta(self, meta, c):
            names = c[1]
            return ast.Meta(c[0], tuple(n.text for n in names), _span(meta), tuple(n.span for n in names))

        @with_meta
        def other_meta(self, meta, c):
            """Another column of the published table (计算方法:「…」): recorded as written, not scored."""
            names = c[1]
            return ast.Meta(str(c[0]), tuple(n.text for n in names), _span(meta), tuple(n.span for n in names))

        def meta_key(self, c):
            return str(c[0])

        @with_meta
        def exemption(self, meta, c):
            """(若有新诉求的,不扣分): the condition that cancels the clause before it."""
            lead = next((x for x in c if isinstance(x, str) and not _is_token(x) and x in _EXEMPT_LEADS), None)
            cond = next(x for x in c if not isinstance(x, str))
            word = next(x for x in reversed(c) if isinstance(x, str) and not _is_token(x))
            return ast.ExemptionPiece(lead, cond, word, _span(meta))

        def exempt_lead(self, c):
            return str(c[0])

        def exempt_word(self, c):
            return str(c[0])

        @with_meta
        def note(self, meta, c):
            return ast.NotePiece(tuple(n.text for n in c[0]), _span(meta))

        @with_meta
        def basis(self, meta, c):
            """(以环保局审批项目为准): the words inside the brackets."""
            written = str(c[0]).strip()
            if c[0].type == "BASIS_TAIL":  # ,以记录为准: after a comma, no brackets
                return ast.BasisPiece(written.lstrip(",，").strip(), _span(meta))
            return ast.BasisPiece(written[1:-1].strip(), _span(meta))

        def name_list(self, c):
            return tuple(_name(t) for t in c if isinstance(t, Token) and t.type == "NAME")

        # ---------------------------------------------------------------- clauses
        @with_meta
        def cond_clause(self, meta, c):
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "ITEM_NO" else None
            lead = next((str(x) for x in c if isinstance(x, Token) and x.type == "CLAUSE_IF"), None)
            rest = [x for x in c if not _is_token(x)]
            cond, body = rest[0], rest[1]
            if isinstance(body, _Worded):  # 「通报批评次数」通报批评2次以上的: the comparison is on the subject
                if not isinstance(cond, ast.CondTrue) or cond.after is not None:
                    self.problems.append(("GR101", body.comparison.span, {
                        "detail": f"「{body.comparison.text}」:比较要紧接在事实名之后",
                        "help": "写作「「事实」2次以上的,…」"}))
                    return ast.ClausePiece(label, cond, body.outcome, _span(meta), lead=lead)
                cond = ast.CondCompare(cond.operand, body.comparison, Span(cond.span.start, body.comparison.span.end))
                body = body.outcome
            return ast.ClausePiece(label, cond, body, _span(meta), lead=lead)

        @with_meta
        def required_clause(self, meta, c):
            """「「检查次数」每月不少于1次,不检查不得分」 (企业安全): the requirement alone (met: nothing taken, the item keeps
            its points), then the negated tier as after any clause — 「…,不检查不得分」 is its 否则 (language.md 6.2)."""
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "ITEM_NO" else None
            rest = [x for x in c if not _is_token(x)]
            conds, body = rest[:-1], rest[-1]
            cond = conds[0] if len(conds) == 1 else ast.CondAll(tuple(conds), Span(conds[0].span.start, conds[-1].span.end))
            negated = next(t for t in c if isinstance(t, Token) and t.type == "NEG_TIER")
            sep = max((t for t in c if isinstance(t, Token) and t.type == "SEP" and t.start_pos < negated.start_pos),
                      key=lambda t: t.start_pos)
            met = ast.Outcome("no_deduction", "", text="不扣分", span=Span(cond.span.end, cond.span.end))
            first = ast.ClausePiece(label, cond, met, Span(_span(meta).start, sep.start_pos))
            tier = ast.TierPiece("else", None, None, None, body, str(sep), Span(sep.start_pos, _span(meta).end),
                                 negated=str(negated))
            return [first, tier]

        def listed(self, c):
            return next(x for x in c if not _is_token(x))

        @with_meta
        def listed_clause(self, meta, c):
            """「有下列情形的,每项扣5分。(1)「没有……」的;(2)「……」的」 (河池): the situations listed after the result, as
            「「…」、「…」的,每项扣5分」 — joined by 、 (check: 每项 once for each that holds; otherwise the reading 并列情形)."""
            rest = [x for x in c if not _is_token(x)]
            body, conds = rest[0], rest[1:]
            if "\n" in self.source.text[body.span.end : conds[0].span.start]:
                # the situations on the next line: a line that begins a clause of its own (「(2)「甲」的,扣1分」) would
                # be read as one of them, so they are listed on the line of 有下列情形 (fmt writes them there)
                self.problems.append(("GR101", conds[0].span, {
                    "detail": "「有下列情形」列出的情形写在了下一行",
                    "help": "「有下列情形」之后在同一行列出各种情形,如「有下列情形的,每项扣5分:(1)「没有…」的;(2)「…」的」"}))
            cond = conds[0] if len(conds) == 1 else ast.CondAny(
                tuple(conds), Span(conds[0].span.start, conds[-1].span.end), joiners=("、",) * (len(conds) - 1))
            return ast.ClausePiece(None, cond, body, _span(meta))

        @with_meta
        def also_clause(self, meta, c):
            """「……(4'),并上报……(2')」: the clause after 并 as without it (并 kept for fmt and render)."""
            rest = [x for x in c if not _is_token(x)]
            return ast.ClausePiece(None, rest[0], rest[1], _span(meta), also=str(c[0]))

        @with_meta
        def graded_clause(self, meta, c):
            """「评价」按「严重」、「比较严重」5档划分,计分标准为1分、2分: 为「严重」、「比较严重」的,分别得1分、2分."""
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "ITEM_NO" else None
            name = _name(next(t for t in c if isinstance(t, Token) and t.type == "NAME"))
            options = next(x for x in c if isinstance(x, tuple))
            split = next(t for t in c if isinstance(t, Token) and t.type == "GRADE_SPLIT")
            points = next(t for t in c if isinstance(t, Token) and t.type == "GRADE_POINTS")
            amounts = next(x for x in reversed(c) if isinstance(x, tuple))
            operand = ast.Operand((name,), name.span)
            cond = ast.CondIn(operand, options, Span(name.span.start, options[-1].span.end))
            out_span = Span(points.start_pos, _span(meta).end)
            outcome = ast.Outcome("award", str(points), amounts, text=self._text(out_span), span=out_span)
            split_text = re.sub(r"[ \t]+", "", str(split))
            body = ast.Respectively("分别", outcome, Span(_span(split).start, out_span.end), graded=(split_text, str(points)))
            return ast.ClausePiece(label, cond, body, _span(meta))

        @with_meta
        def worded_cmp(self, meta, c):
            """通报批评2次以上的,扣2分 after the subject: the wording is kept in the comparison's text; 召开2次以上专题会议
            研究民政工作,少一次扣2.5分: the words after the comparison too, and a per-count rule after it."""
            outcome = c[-1]
            number = next(x for x in c if isinstance(x, Decimal))
            measure = next(x for x in c if isinstance(x, str) and not _is_token(x) and not isinstance(x, (_Incl, _Post)))
            post = next(x for x in c if isinstance(x, _Post))
            incls = [x for x in c if isinstance(x, _Incl)]
            first = c[0]
            counted = [x for x in c if _is_token(x) and x.type in ("PER_VERB", "FILLER", "WORDED_TIER")]
            end = outcome.span.start
            text = self._text(Span(first.start_pos, end)).rstrip(" \t,，;；。的")
            span = Span(first.start_pos, first.start_pos + len(text))
            at = span.start + len("".join(str(t) for t in counted))
            stop = at + text[at - span.start:].index(str(post))
            value = ast.Value(number, str(measure), self._text(Span(at, stop)).strip(), Span(at, stop))
            for incl in incls:
                self._marks(incl, value)
            comparison = ast.Comparison("post", text=text, span=span, low=value, post=str(post),
                                        low_incl=str(incls[0]) if incls else None)
            return _Worded(comparison, outcome)

        @with_meta
        def among_clause(self, meta, c):
            """「「未及时完成件数」每件扣1分,其中「催办后仍未完成件数」的加扣2分」: a clause after the comma of 其中, in the
            same sentence (the span starts at 其中, after the comma); check/clauses.py reads 「…」的加扣2分 there as each one."""
            token = c[0]
            start = token.start_pos + str(token).index("其中")
            rest = [x for x in c if not _is_token(x)]
            return ast.ClausePiece(None, rest[0], rest[1], Span(start, _span(meta).end), among=True)

        @with_meta
        def each_clause(self, meta, c):  # 单起「受害面积」30亩以上的扣10分 (language.md 6.7)
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "ITEM_NO" else None
            each = next(str(x) for x in c if isinstance(x, Token) and x.type == "EACH")
            rest = [x for x in c if not _is_token(x)]
            return ast.ClausePiece(label, rest[0], rest[1], _span(meta), each=each)

        @with_meta
        def doubled_clause(self, meta, c):
            label = str(c[0]) if _is_token(c[0]) and c[0].type == "ITEM_NO" else None
            names = tuple(_name(x) for x in c if _is_token(x) and x.type == "NAME")
            word = next(str(x) for x in c if _is_token(x) and x.type == "DOUBLED")
            same = next((str(x) for x in c if _is_token(x) and x.type == "SAME_AS"), None)  # 计分方法同上,
            stray = None
            cond = next((x for x in c if not _is_token(x)), None)
            if cond is not None:  # 「甲」、「乙」加倍扣分: a condition to the parser, names only to the check
                parts = cond.parts if isinstance(cond, ast.CondAny) else (cond,)
                plain = [p for p in parts if isinstance(p, ast.CondTrue) and p.after is None and p.operand.expr is None
                         and len(p.operand.names) == 1 and p.operand.note is None]
                names = tuple(p.operand.names[0] for p in plain)
                stray = next((p.span for p in parts if not any(p is q for q in plain)), None)
                if stray is None and isinstance(cond, ast.CondAny) and "或" in cond.joiners:
                    stray = cond.span
            return ast.ClausePiece(label, None, ast.Doubled(names, word, _span(meta), same_as=same, stray=stray),
                                   _span(meta))

        @with_meta
        def bare_per_clause(self, meta, c):
            label = str(c[0]) if _is_token(c[0]) else None
            return ast.ClausePiece(label, None, c[-1], _span(meta))

        bare_outcome_clause = bare_per_clause

        @with_meta
        def cond_among_clause(self, meta, c):  # 「甲」达到「乙」,其中「丙」不超过5万亩的,得1.8分
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "ITEM_NO" else None
            outer, inner, body = [x for x in c if not _is_token(x)]
            units = next((str(t) for t in c if _is_token(t) and t.type == "UNITS_AMONG"), None)
            return ast.ClausePiece(label, _among(outer, inner, units), body, _span(meta))

        @with_meta
        def tier_more(self, meta, c):
            rest = [x for x in c if not _is_token(x)]
            return ast.TierPiece("more", rest[0], None, None, rest[1], str(c[0]), _span(meta))

        @with_meta
        def tier_more_said(self, meta, c):
            """「,有一项未完成的,扣1分」: 有一项 with the published words of what it counts (kept, for reading only) —
            the comparison 有一项, as in 「,有一项扣1分」 (check/count_words.py reads it as each one there is)."""
            token = next(x for x in c if _is_token(x) and x.type == "THERE_IS_SAID")
            text = str(token)
            found = re.match(r"有[ \t]*([0-9０-９]+|[一二两三四五六七八九十]+)[ \t]*(项|个|处|条|次|件|起|例|家|人|名)[ \t]*", text)
            number_span = Span(token.start_pos + found.start(1), token.start_pos + found.end(1))
            value = ast.Value(self._value(found.group(1), number_span), found.group(2),
                              found.group(1) + found.group(2), Span(number_span.start, token.start_pos + found.end(2)))
            said = text[found.end():].removesuffix("的")
            span = Span(token.start_pos, token.end_pos - 1)
            comp = ast.Comparison("pre", value, pre="有", text=text[:-1], span=span, said=said)
            return ast.TierPiece("more", comp, None, None, c[-1], str(c[0]), _span(meta))

        @with_meta
        def more_options(self, meta, c):
            # 「;为「较大」的,…」 names options of the clause's subject, which the checker supplies (as for tier_more)
            return ast.CondIn(ast.Operand((), _span(meta)), c[-1], _span(meta))

        @with_meta
        def tier_worded(self, meta, c):  # ;发生2起以上的,不得分: the verb's wording is kept in the comparison's text
            worded = c[1]
            return ast.TierPiece("more", worded.comparison, None, None, worded.outcome, str(c[0]), _span(meta))

        @with_meta
        def tier_more_in(self, meta, c):
            rest = [x for x in c if not _is_token(x)]
            return ast.TierPiece("more_in", None, rest[0], None, rest[1], str(c[0]), _span(meta))

        @with_meta
        def tier_else_if(self, meta, c):
            rest = [x for x in c if not _is_token(x) and not isinstance(x, str)]
            return ast.TierPiece("else_if", None, rest[0], None, rest[1], str(c[0]), _span(meta))

        @with_meta
        def tier_else_among(self, meta, c):
            outer, inner, body = [x for x in c if not _is_token(x) and not isinstance(x, str)]
            return ast.TierPiece("else_if", None, _among(outer, inner), None, body, str(c[0]), _span(meta))

        @with_meta
        def tier_else(self, meta, c):
            rest = [x for x in c if not _is_token(x) and not isinstance(x, str)]
            return ast.TierPiece("else", None, None, None, rest[0], str(c[0]), _span(meta))

        @with_meta
        def tier_negated(self, meta, c):
            """「「完成报送考核任务」的记30分,未完成的不得分」: the requirement not met, without its name again — what
            the tiers before it leave (否则), as the published tables write it."""
            rest = [x for x in c if not _is_token(x) and not isinstance(x, str)]
            return ast.TierPiece("else", None, None, None, rest[0], str(c[0]), _span(meta), negated=str(c[1]))

        @with_meta
        def tier_negated_bracketed(self, meta, c):
            """「「积极推广使用」记2分(不使用不得分)」: the 否则 of tier_negated, written in brackets right after the result
            (separator 「(」, so that print and fmt keep the brackets)."""
            rest = [x for x in c if not _is_token(x) and not isinstance(x, str)]
            negated = next(str(x) for x in c if _is_token(x) and x.type == "NEG_TIER")
            return ast.TierPiece("else", None, None, None, rest[0], "(", _span(meta), negated=negated)

        @with_meta
        def tier_ordinal(self, meta, c):
            rest = [x for x in c if not _is_token(x)]
            return ast.TierPiece("ordinal", None, None, rest[0], rest[1], str(c[0]), _span(meta))

        @with_meta
        def tier_progression(self, meta, c):
            text = str(c[1])
            kind = "arith" if "类推" in text else "double"
            body = ast.Progression(kind, text, Span(c[1].start_pos, c[1].end_pos))
            return ast.TierPiece("progression", None, None, None, body, str(c[0]), _span(meta))

        def else_word(self, c):
            return str(c[0])

        @with_meta
        def for_category(self, meta, c):
            return ast.ForCategory(_name(c[0]), c[1], _span(meta))

        @with_meta
        def escalation(self, meta, c):
            rest = [x for x in c if not _is_token(x)]
            return ast.Escalate(rest[0], rest[1], _span(meta))

        @with_meta
        def escalation_list(self, meta, c):
            ordinals = tuple(x for x in c if isinstance(x, ast.Ordinal))
            word = next(x for x in c if isinstance(x, str) and not _is_token(x))
            return ast.EscalateEach(ordinals, word, c[-1], _span(meta))

        @with_meta
        def respective(self, meta, c):
            return ast.Respectively(c[0], c[1], _span(meta))

        def respective_word(self, c):
            return str(c[0])

        @with_meta
        def ordinal(self, meta, c):
            text = str(c[0])
            if text == "首次":
                return ast.Ordinal(1, False, text, _span(meta))
            if text == "再次":
                return ast.Ordinal(2, True, text, _span(meta))
            if not text.startswith("第"):  # 以后每次: numbered by the check, from the step written before it
                return ast.Ordinal(None, True, text, _span(meta))
            # 第三次, 第一起, 第二例; 第三次起, 第三次及以上, 第二起以后每起: that one and every later one
            parts = re.match(r"第\s*([0-9]+|[一二两三四五六七八九十]+)\s*[次起例件](.*)$", text)
            digits, open_ended = parts.group(1), bool(parts.group(2).strip())
            at = _span(meta).start + text.index(digits)
            return ast.Ordinal(int(self._value(digits, Span(at, at + len(digits)))), open_ended, text, _span(meta))

        @with_meta
        def per(self, meta, c):
            filler = post = pre = None
            quantity = outcome = None
            lead = "每"
            for child in c:
                if isinstance(child, Token):
                    if child.type == "PER_WORDS":
                        pre = str(child)
                    elif child.type == "FILLER":
                        filler = str(child)
                    elif child.type in ("POST_FILLER", "POST_NEG"):
                        post = str(child)
                    elif child.type == "PER_VERB":
                        lead = str(child)
                elif isinstance(child, tuple):
                    quantity = child
                elif isinstance(child, ast.Outcome):
                    outcome = child
            count, measure, written, also = quantity
            if also is not None:  # 每次(件), 每项按次, 每人每次: kept with the wording after the classifier
                post = also + (post or "")
            if not written and post and _COUNT_IN_WORDING.search(post):  # 每处理2件: 处 is inside 处理, not the count
                at = _span(meta).start + self._text(_span(meta)).index(post)
                self.problems.append(("GR101", Span(at - len(measure), at + len(post)), {
                    "detail": f"「{measure}{post}」:「{measure}」在词「{measure}{post[:1]}」里,不是量词;计次的数是后面的",
                    "help": f"量词紧跟在「每」之后,说法写进事实名:写作「每{_COUNT_IN_WORDING.search(post).group()}…」"}))
            span = _span(meta)
            de = lead != "每" and self._text(Span(span.start, outcome.span.start)).rstrip(" \t,，").endswith("的")
            return ast.Per(filler, count, measure, post, outcome, span, lead=lead, de=de, pre=pre)

        @with_meta
        def shortfall_per(self, meta, c):
            """全年至少4次,未开或少开的,按次扣1-3分: each occurrence short of the requirement (a step below it)."""
            shortfall = str(next(x for x in c if _is_token(x) and x.type == "SHORTFALL"))
            last = next((x for x in c if _is_token(x) and x.type == "DEDUCT_LAST"), None)
            if last is not None:  # 按次1-3扣分: 扣1-3分, the amount written first
                low, high = [x for x in c if isinstance(x, Decimal)]
                span = Span(arg_span(c, "PER_TIME").end, last.end_pos)
                outcome = ast.Outcome("discretion_deduct", "扣", low=low, high=high, text=self._text(span), span=span)
            else:
                outcome = next(x for x in c if isinstance(x, ast.Outcome))
            return ast.Per("少", Decimal(1), "次", None, outcome, _span(meta), lead="按次", shortfall=shortfall,
                           amount_last=last is not None)

        @with_meta
        def per_worded(self, meta, c):
            """查出一项扣1分, 「信息内容不正确,1处扣2分」: the published words stand for 每 (language.md 6.3)."""
            count, measure, _, also = c[1]
            outcome = next(x for x in c if isinstance(x, ast.Outcome))
            return ast.Per(None, count, measure, also, outcome, _span(meta), lead=str(c[0]).strip())

        @with_meta
        def per_one(self, meta, c):
            """一起扣2分, 单篇计200分: per occurrence, as 每起扣2分."""
            measure = next(str(x) for x in c[1:] if isinstance(x, str) and not isinstance(x, Token))
            post = next((str(x) for x in c if isinstance(x, Token) and x.type in ("POST_FILLER", "POST_NEG")), None)
            outcome = next(x for x in c if isinstance(x, ast.Outcome))
            return ast.Per(None, Decimal(1), measure, post, outcome, _span(meta), lead=str(c[0]))

        @with_meta
        def there_is_words(self, meta, c):
            """「有一项执行不好扣2分」, 「有一个场所未开放扣2分」, 「其中有一项不达标扣3分」: 有, the count and its classifier, then
            the published words of what is counted (kept, for reading only) — each one there is, as 有一项扣2分 is
            (check/count_words.py); lead 有 (or 其中有), the words as the wording after the classifier. 被三次通报的不得分 (lead 被)
            alike, with its 的."""
            token = next(x for x in c if _is_token(x) and x.type in ("THERE_IS_WORDS", "PASSIVE_COUNT"))
            text = str(token)
            found = re.match(r"((?:其中)?有|被)[ \t]*([0-9０-９]+|[一二两三四五六七八九十]+)[ \t]*"
                             r"(人次|项|个|处|条|次|件|起|例|家|人|名|种|类)[ \t]*", text)
            number_span = Span(token.start_pos + found.start(2), token.start_pos + found.end(2))
            count = self._value(found.group(2), number_span)
            de = text.endswith("的")  # 被三次通报的不得分: the 的 before the result, kept by fmt
            words = text[found.end():].removesuffix("的").rstrip(" \t") or None
            outcome = next(x for x in c if isinstance(x, ast.Outcome))
            return ast.Per(None, count, found.group(3), words, outcome, _span(meta), lead=found.group(1), de=de)

        @with_meta
        def weighted(self, meta, c):  # 每项加1分,「国家级」、「省级」分别按300%、100%计
            per, token = c[0], c[1]
            text, start = str(token), token.start_pos
            names = tuple(ast.Name(found.group(1), Span(start + found.start(), start + found.end()))
                          for found in re.finditer(r"「([^」\n]*)」", text))
            tail = text[text.index("分别按"):]
            weights = tuple(to_decimal(n) for n in re.findall(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)", tail))
            return ast.Weighted(per, names, weights, _span(meta))

        def quantity(self, c):
            count = Decimal(1)
            measure = None
            written = False
            also = None
            for child in c:
                if isinstance(child, Decimal):
                    count, written = child, True
                elif isinstance(child, Token) and child.type == "MEASURE_ALSO":
                    also = str(child)
                else:
                    measure = str(child)
            return (count, measure, written, also)

        counted = quantity  # 发现1次: the same, the number written

        # ---------------------------------------------------------------- conditions
        @with_meta
        def cond(self, meta, c):
            if len(c) == 1:
                return c[0]
            joiners = tuple("、" if "、" in self._text(Span(a.span.end, b.span.start)) else "或" for a, b in zip(c, c[1:]))
            return ast.CondAny(_carried(tuple(c), joiners), _span(meta), joiners=joiners)

        @with_meta
        def cond_and(self, meta, c):
            return c[0] if len(c) == 1 else ast.CondAll(tuple(c), _span(meta))

        @with_meta
        def c_true(self, meta, c):
            return ast.CondTrue(c[0], _span(meta))

        @with_meta
        def c_false(self, meta, c):
            return ast.CondFalse(c[1], str(c[0]), _span(meta))

        @with_meta
        def c_false_after(self, meta, c):
            return ast.CondFalse(c[0], str(c[1]), _span(meta), after=True)

        @with_meta
        def c_true_after(self, meta, c):
            return ast.CondTrue(c[0], _span(meta), after=str(c[1]))

        @with_meta
        def c_cmp(self, meta, c):
            if len(c) == 3:  # 「次数」全年至少4次
                return ast.CondCompare(c[0], c[2], _span(meta), whole_year=str(c[1]))
            return ast.CondCompare(c[0], c[1], _span(meta))

        @with_meta
        def c_every(self, meta, c):
            """「督查次数」每季度至少1次 (至少督查1次): 至少 N of the measure in every period (language.md 6.7)."""
            token = c[1]
            text = re.sub(r"\s", "", str(token))
            found = re.fullmatch(r"每个?(季度|月)[\u4e00-\u9fff]*?(至少|不少于|不低于|最少|不得少于)?([\u4e00-\u9fff]*?)"
                                 r"([0-9０-９]+|[一二两三四五六七八九十]+)(人次|次|个|项|件|起|篇|条|场|期|份|批|人|家|处|天|日)", text)
            period, word, number, measure = found.group(1), found.group(2), found.group(4), found.group(5)
            if word is None:  # 每季度1期,少1期扣1分: a requirement of every quarter with no word, at least 1
                start = token.start_pos + str(token).index(number)
                span = Span(start, token.end_pos)
                value = ast.Value(self._value(number, span), measure, f"{number}{measure}", span)
                comparison = ast.Comparison("pre", value, pre="至少", text=f"{number}{measure}", span=span)
                return ast.CondCompare(c[0], comparison, _span(meta), every=period, every_text=text)
            start = token.start_pos + str(token).index(word)
            span = Span(start, token.end_pos)
            value = ast.Value(self._value(number, span), measure, f"{number}{measure}", span)
            comparison = ast.Comparison("pre", value, pre="至少" if word == "最少" else word,
                                        text=text[text.index(word):], span=span)
            return ast.CondCompare(c[0], comparison, _span(meta), every=period, every_text=text)

        @with_meta
        def c_cmp_category(self, meta, c):
            operand, comparison, categories, other = [x for x in c if not _is_token(x)]
            return ast.CondCompare(operand, comparison, _span(meta), categories=categories,
                                   category_comparison=other)

        @with_meta
        def c_relative(self, meta, c):
            """「完成数」比「下达任务」低5%以内: the subject against another value; 低 and the comparison after it say how far
            short (check/relative.py)."""
            operand, relative, other, comparison = c
            left = _operand_expr(operand)
            span = Span(operand.span.start, other.span.end)
            expr = ast.Relative(left, other.expr, str(relative), span)
            names = operand.names + tuple(n for n in _expr_names(other.expr) if n not in operand.names)
            return ast.CondCompare(ast.Operand(names, span, expr=expr), comparison, _span(meta))

        @with_meta
        def c_relative_last_year(self, meta, c):
            """「经费」比上年增长10%~20%之间: the other value is the fact 「上年经费」, declared beside the subject's."""
            operand, relative, last_year, comparison = c
            left = _operand_expr(operand)
            year_span = Span(last_year.start_pos, last_year.end_pos)
            subject = operand.names[0].text if len(operand.names) == 1 and isinstance(left, ast.Name) else ""
            right = ast.Name(last_year_name(subject) if subject else "上年", year_span)
            span = Span(operand.span.start, year_span.end)
            expr = ast.Relative(left, right, "比上年", span)
            names = operand.names + ((right,) if subject else ())
            return ast.CondCompare(ast.Operand(names, span, expr=expr), comparison, _span(meta))

        @with_meta
        def c_relative_word(self, meta, c):
            """「经费」低于「标准」10%以内: as 「经费」比「标准」低10%以内 (高于: 比…高), the word kept as written."""
            operand, word, other, comparison = c
            left = _operand_expr(operand)
            span = Span(operand.span.start, other.span.end)
            expr = ast.Relative(left, other.expr, str(word), span)
            names = operand.names + tuple(n for n in _expr_names(other.expr) if n not in operand.names)
            said = self._text(Span(word.start_pos, comparison.span.end))  # the explanation's 「低于「标准」10%以内」
            comparison = attrs_evolve(comparison, text=said)
            return ast.CondCompare(ast.Operand(names, span, expr=expr), comparison, _span(meta))

        @with_meta
        def tier_more_relative(self, meta, c):
            """「,低于「标准」20%以内的扣4分」: a next tier that writes the word and the other value again."""
            word = next(x for x in c if _is_token(x) and x.type == "RELATIVE_WORD")
            other, comparison, body = [x for x in c if not _is_token(x)]
            span = Span(word.start_pos, comparison.span.end)
            comp = attrs_evolve(comparison, lead=str(word), against=other.expr, text=self._text(span), span=span)
            return ast.TierPiece("more", comp, None, None, body, str(c[0]), _span(meta))

        @with_meta
        def low_cmp(self, meta, c):  # 低5%以内(含5%), 低超过10%: the comparison of a shortfall, 低 kept as written
            return attrs_evolve(c[1], lead=str(c[0]), text=self._text(_span(meta)), span=_span(meta))

        @with_meta
        def c_in(self, meta, c):
            word = next((str(t) for t in c if _is_token(t) and t.type == "BELONGS"), "为")  # 属「好」、「中」 (水利)
            return ast.CondIn(c[0], c[-1], _span(meta), word=word)

        def neg(self, c):
            return str(c[0])

        @with_meta
        def operand(self, meta, c):
            span = _span(meta)
            # 「进行工作述职」(或书面述职): the note is kept with the operand, never scored
            note = next((str(t) for t in c if _is_token(t) and t.type == "COND_NOTE"), None)
            cap = next((t for t in c if _is_token(t) and t.type == "CAP_NOTE"), None)
            c = [t for t in c if not (_is_token(t) and t.type in ("COND_NOTE", "CAP_NOTE"))]
            names = tuple(_name(t) for t in c if _is_token(t) and t.type == "NAME")
            if cap is not None:  # 「数量」(超过5个以5个计算): min(数量, 5), then whatever arithmetic follows
                c = [self._capped(c[0], cap), *c[1:]]
                return ast.Operand(names, span, expr=self._arith(c))
            plain_ratio = (len(c) == 3 and isinstance(c[1], _ArithOp) and str(c[1]) in ("/", "／")  # 「甲」/「乙」, not ÷
                           and len(names) == 2)
            if len(c) == 1 or plain_ratio:
                return ast.Operand(names, span, note=note)  # one fact, or 「甲」/「乙」 as before
            return ast.Operand(names, span, expr=self._arith(c), note=note)

        def _capped(self, name, cap):
            """「数量」(超过5个以5个计算): an Arith "min" of the fact and N; two different numbers are asked about."""
            numbers = re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", str(cap))
            span = Span(cap.start_pos, cap.end_pos)
            if _number(numbers[0]) != _number(numbers[1]):
                self.problems.append(("GR101", span, {
                    "detail": f"「{cap}」:超过{numbers[0]}却以{numbers[1]}计,两个数不同",
                    "help": f"超过几个按几个计写作「(超过{numbers[0]}个以{numbers[0]}个计算)」"}))
            fact = _name(name)
            return ast.Arith("min", str(cap), fact, ast.Number(_number(numbers[0]), span), Span(fact.span.start, span.end))

        def _arith(self, c):
            """NAME (op atom)* → an ast.Arith tree, × and ÷ before + and −, each left to right."""
            atoms = [_name(x) if _is_token(x) and x.type == "NAME" else x for x in c[0::2]]
            if len(c) == 1:
                return atoms[0]
            ops = list(c[1::2])
            terms, term_ops = [atoms[0]], []
            for op, atom in zip(ops, atoms[1:]):
                if op.op in ("*", "/"):
                    terms[-1] = ast.Arith(op.op, str(op), terms[-1], atom, _join_spans(terms[-1], atom))
                else:
                    term_ops.append(op)
                    terms.append(atom)
            tree = terms[0]
            for op, term in zip(term_ops, terms[1:]):
                tree = ast.Arith(op.op, str(op), tree, term, _join_spans(tree, term))
            return tree

        @with_meta
        def arith_number(self, meta, c):
            return ast.Number(_number(str(c[0])), _span(meta))  # with its place, so an error in the sum points at it

        def arith_op(self, c):
            word = str(c[0])
            op = {"+": "+", "＋": "+", "加上": "+", "-": "-", "－": "-", "−": "-", "减去": "-", "—": "-",
                  "×": "*", "*": "*", "＊": "*", "乘以": "*", "÷": "/", "/": "/", "／": "/", "除以": "/"}.get(word, "?")
            return _ArithOp(word, op)

        @with_meta
        def cmp_fact(self, meta, c):
            pre = str(c[0])
            incls = [x for x in c[1:] if isinstance(x, _Incl)]
            posts = [str(x) for x in c[2:] if isinstance(x, _Post)]
            return self._comparison("fact", meta, c, low=c[1], pre=pre, low_incl=incls[0] if incls else None,
                                    post=posts[0] if posts else None)

        @with_meta
        def cmp_fact_at(self, meta, c):  # 在「全省平均水平」以上: the word after the value says the side
            return self._comparison("fact", meta, c, low=c[0], pre="在", post=str(c[1]))

        def fact_pre_word(self, c):
            return str(c[0])

        @with_meta
        def fact_value(self, meta, c):
            span = _span(meta)
            share = c[-1] if _is_token(c[-1]) and c[-1].type == "SHARE" else None
            parts = c[:-1] if share is not None else c
            expr = _name(parts[0]) if len(parts) == 1 else self._arith(parts)
            if share is not None:
                expr = ast.Share(expr, _share_factor(str(share)), str(share), span)
            return ast.Value(None, None, self._text(span), span, form="expr", expr=expr)

        def _comparison(self, form, meta, c, **kw):
            return ast.Comparison(form, text=self._text(_span(meta)), span=_span(meta), **kw)

        @with_meta
        def cmp_pre(self, meta, c):
            pre = str(c[0])
            value = next(x for x in c[1:] if isinstance(x, ast.Value))
            incls = [x for x in c[1:] if isinstance(x, _Incl)]
            for incl in incls:
                self._marks(incl, value)
            posts = [str(x) for x in c[1:] if isinstance(x, str) and not isinstance(x, _Incl)]
            return self._comparison("pre", meta, c, low=value, pre=pre, post=posts[0] if posts else None,
                                    low_incl=str(incls[0]) if incls else None)

        @with_meta
        def cmp_list(self, meta, c):  # 达到30%、20%、10%: the thresholds of a 分别 (check/respective_thresholds.py)
            values = tuple(x for x in c[1:] if isinstance(x, ast.Value))
            return self._comparison("list", meta, c, low=values[0], pre=str(c[0]), values=values)

        @with_meta
        def cmp_post(self, meta, c):
            value = c[0]
            incls = [x for x in c[1:] if isinstance(x, _Incl)]
            for incl in incls:
                self._marks(incl, value)
            posts = [str(x) for x in c[1:] if isinstance(x, str) and not isinstance(x, _Incl)]
            return self._comparison("post", meta, c, low=value, post=posts[0],
                                    low_incl=str(incls[0]) if incls else None)

        @with_meta
        def cmp_range(self, meta, c):
            values, incls = [], [None, None]
            for x in c:
                if isinstance(x, ast.Value):
                    values.append(x)
                elif isinstance(x, _Incl) and values:
                    end = len(values) - 1
                    if end == 1 and _names_other_end(x, values[1], values[0]) and incls[0] is None:
                        end = 0  # 5—10万(含5万): the bracket after the range names its low end
                    incls[end] = str(x)
                    self._marks(x, values[end])
            return self._comparison("range", meta, c, low=values[0], high=values[1],
                                    low_incl=incls[0], high_incl=incls[1])

        def _late(self, number, token) -> tuple[ast.Value, _Incl]:
            """90 and 「(不含90)分」: the value in its unit, and its (不含)."""
            written = str(token)
            unit = written.rstrip()[-1]
            span = Span(_span(token).start, _span(token).end)
            value = ast.Value(number, "%" if unit in "%％" else unit, self._text(span), span)
            marker = self.incl([written[:written.rindex(")" if ")" in written else "）") + 1]])
            marker.span = span
            self._marks(marker, value)
            return value, marker

        @with_meta
        def cmp_range_late(self, meta, c):  # 70—90(不含90)分
            token = c[-1]
            high, marker = self._late(c[-2], token)
            low = c[0]
            if low.unit is None:  # 70—90(不含90)分: the unit written once, after the last
                low = attrs_evolve(low, unit=high.unit)
            rest = [x for x in c[1:-2]]
            return self.cmp_range(meta, [low, *rest, high, marker])

        @with_meta
        def cmp_post_late(self, meta, c):  # 70(不含70)分以下
            value, marker = self._late(c[0], c[1])
            return self.cmp_post(meta, [value, marker, c[2]])

        @with_meta
        def cmp_between_x(self, meta, c):  # 90%≤x<95%: ≤ includes its end, < does not
            low, signs, high = c
            first, second = re.findall(r"≤|<=|≦|<|＜", str(signs))
            incl = lambda sign: "不含" if sign in ("<", "＜") else "含"  # noqa: E731
            return self._comparison("range", meta, c, low=low, high=high, low_incl=incl(first), high_incl=incl(second))

        @with_meta
        def cmp_rank_range(self, meta, c):
            number = c[0]
            measure = next(x for x in c if isinstance(x, _RankMeasure))
            low = ast.Value(number, str(measure), f"第{number}{measure}", _span(meta))
            rest = [x for x in c if not isinstance(x, (Decimal, _RankMeasure))]
            return self.cmp_range(meta, [low, *rest])

        @with_meta
        def cmp_eq(self, meta, c):
            incl = c[1] if len(c) > 1 else None
            self._marks(incl, c[0])
            return self._comparison("eq", meta, c, low=c[0], low_incl=None if incl is None else str(incl))

        @with_meta
        def cmp_top(self, meta, c):
            incls = [x for x in c if isinstance(x, _Incl)]
            incl = str(incls[0]) if incls else None
            values = [x for x in c if isinstance(x, ast.Value)]
            return self._comparison("top", meta, c, low=values[0], low_incl=incl)

        @with_meta
        def cmp_bottom(self, meta, c):  # 后3位: among the last 3
            incls = [x for x in c if isinstance(x, _Incl)]
            value = next(x for x in c if isinstance(x, ast.Value))
            return self._comparison("bottom", meta, c, low=value, low_incl=str(incls[0]) if incls else None)

        @with_meta
        def cmp_bottom_rank(self, meta, c):  # 倒数第1名: exactly that place from the bottom
            number = next(x for x in c if isinstance(x, Decimal))
            measure = next(x for x in c if isinstance(x, _RankMeasure))
            value = ast.Value(number, str(measure), f"{number}{measure}", _span(meta))
            return self._comparison("bottom_rank", meta, c, low=value)

        @with_meta
        def cmp_last(self, meta, c):  # 末位, 最后一名: the last place
            word = str(c[0])
            return self._comparison("last", meta, c, low=ast.Value(Decimal(1), None, word, _span(meta)), post=word)

        @with_meta
        def cmp_rank(self, meta, c):
            number = [x for x in c if isinstance(x, Decimal)][0]
            measure = [x for x in c if isinstance(x, _RankMeasure)][0]
            posts = [str(x) for x in c if isinstance(x, str) and not isinstance(x, (_Incl, _RankMeasure)) and x != "第"]
            incls = [x for x in c if isinstance(x, _Incl)]
            value = ast.Value(number, str(measure), f"{number}{measure}", _span(meta))
            return self._comparison("rank", meta, c, low=value, post=posts[0] if posts else None,
                                    low_incl=str(incls[0]) if incls else None)

        def pre_word(self, c):
            return _Pre(c[0])

        def post_word(self, c):
            return _Post(c[0])

        def incl(self, c):
            written = str(c[0])
            marker = _Incl("不含" if "不" in written else "含")
            digits = re.search(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", written)
            marker.number = self._value(digits.group(), _span(c[0])) if digits else None
            marker.span = _span(c[0])
            return marker

        def _marks(self, incl, value) -> None:
            """「80分(含80分)以上」: the number inside the brackets must be the number it marks."""
            if incl is not None and incl.number is not None and value is not None and incl.number != value.number:
                self.problems.append(("GR227", incl.span, {
                    "written": self._text(incl.span), "value": value.text,
                    "help": f"写作「{value.text}({incl})」"}))

        def _ends(self, c):
            """Two ends, each a value with its words and (含)/(不含) around it, in order."""
            values, incls, pres, posts = [], [None, None], [None, None], [None, None]
            for x in c:
                if isinstance(x, ast.Value):
                    values.append(x)
                elif isinstance(x, _Incl):  # after a value or the word after it: that end
                    end = max(0, len(values) - 1)
                    incls[end] = x
                    self._marks(x, values[end] if values else None)
                elif isinstance(x, _Pre):
                    pres[min(len(values), 1)] = str(x)
                elif isinstance(x, _Post):
                    posts[max(0, len(values) - 1)] = str(x)
            return values, [None if i is None else str(i) for i in incls], pres, posts

        @with_meta
        def cmp_pre_range(self, meta, c):
            values, incls, pres, _ = self._ends(c)
            return self._comparison("pre_range", meta, c, low=values[0], high=values[1], pre=pres[0],
                                    low_incl=incls[0], high_incl=incls[1])

        @with_meta
        def cmp_between(self, meta, c):
            values, incls, _, posts = self._ends(c)
            return self._comparison("between", meta, c, low=values[0], high=values[1], post=posts[0],
                                    high_post=posts[1], low_incl=incls[0], high_incl=incls[1])

        @with_meta
        def cmp_between_pre(self, meta, c):
            values, incls, pres, posts = self._ends(c)
            return self._comparison("between_pre", meta, c, low=values[0], high=values[1], post=posts[0],
                                    high_pre=pres[1], low_incl=incls[0], high_incl=incls[1], joint=_joint(c))

        @with_meta
        def cmp_pre_pair(self, meta, c):  # 大于5万亩,小于10万亩 / 大于10万亩的,小于20万亩
            values, incls, pres, _ = self._ends(c)
            return self._comparison("pre_pair", meta, c, low=values[0], high=values[1], pre=pres[0],
                                    high_pre=pres[1], low_incl=incls[0], high_incl=incls[1], joint=_joint(c))

        def rank_measure(self, c):
            return _RankMeasure(str(c[0]))

        @with_meta
        def value(self, meta, c):
            unit = str(c[1]) if len(c) > 1 else None
            if unit == "％":
                unit = "%"
            if unit == "‰":  # 10‰: ten per thousand, a proportion as 千分之十 is
                return ast.Value(c[0], None, self._text(_span(meta)), _span(meta), over=Decimal(1000), form="permille")
            if unit in ("个百分点", "百分点"):  # 达到2个百分点: a percentage, kept as written (fmt)
                return ast.Value(c[0], "%", self._text(_span(meta)), _span(meta), written_unit=unit)
            return ast.Value(c[0], unit, self._text(_span(meta)), _span(meta))

        @with_meta
        def v_fraction(self, meta, c):
            span = _span(meta)
            text = self._text(span)
            form = "fraction" if "/" in text or "\uff0f" in text else "colon"
            numbers = [x for x in c if isinstance(x, Decimal)]
            if text.rstrip().endswith("万"):  # 20/10万 (卫生「孕产妇死亡率超过20/10万」): per ten ten-thousands
                return ast.Value(numbers[0], None, text, span, over=numbers[1] * 10000, form="fraction_wan")
            return ast.Value(numbers[0], None, text, span, over=numbers[1], form=form)

        @with_meta
        def v_rate(self, meta, c):
            span = _span(meta)
            top, unit, over, over_unit = [x for x in c if not (_is_token(x) and x.type == "SLASH")]
            return ast.Value(top, str(unit), self._text(span), span, over=over, over_unit=str(over_unit), form="rate")

        @with_meta
        def v_part_of(self, meta, c):
            span = _span(meta)
            text = str(c[0])
            whole, _, part = text.partition("分之")  # 十万分之二十: twenty per hundred thousand
            over = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000), "十万": Decimal(100000),
                    "百万": Decimal(1000000)}[whole]
            return ast.Value(_number(part), None, text, span, over=over, form="part_of")

        def unit(self, c):
            return str(c[0])

        def measure(self, c):
            return str(c[0])

        # ---------------------------------------------------------------- outcomes and limits
        @with_meta
        def outcome(self, meta, c):
            span = _span(meta)
            text = self._text(span)
            first = c[0]
            if isinstance(first, ast.Outcome) and isinstance(c[1], Token) and c[1].type == "BELOW":
                return attrs_evolve(first, below=c[2], text=text, span=span)  # 此项不得分,同时倒扣4分
            if isinstance(first, ast.Outcome) and isinstance(c[1], Token) and c[1].type == "SPILL":
                # 不得分,并追加扣除20分: 20 more off the total (spill.py)
                return attrs_evolve(first, spill=c[2], spill_word=spill_word(str(c[1])), text=text, span=span)
            if isinstance(first, Token) and first.type == "SPILL":
                word, text = spill_word(str(first)), spill_word(text)  # the comma after 的 is no part of it
                if off_the_total(word):  # 从总分中扣除10分: off the total, the item as it is
                    return ast.Outcome("total_off", word, (c[1],), text=text, span=span)
                return ast.Outcome("deduct", word, (c[1],), text=text, span=span)  # 追加扣2分: in the item
            if str(first) == "按" and len(c) == 4 and _is_token(c[2]) and c[2].type == "SHARE":
                # 按「被扣分值」的10倍扣分: the fact × the factor off
                share = ast.Share(_name(c[1]), _share_factor(str(c[2])), str(c[2]), Span(_name(c[1]).span.start, _span(c[2]).end))
                word = "按计扣" if str(c[3]) == "计扣" else "按"  # 按……的25%计扣 (温州): 扣分, the word kept for fmt
                return ast.Outcome("multiple_deduct", word, expr=share, text=text, span=span)
            if str(first) == "按" and len(c) > 4 and isinstance(c[4], Token) and c[4].type == "SPILL":
                # 按10分/户追加扣分 = 扣10分/户
                return ast.Outcome("deduct", "按", (c[1],), per_measure=str(c[3]), text=text, span=span)
            if isinstance(first, ast.Outcome):  # 扣0.5分/项
                return attrs_evolve(first, per_measure=str(c[-1]), text=text, span=span)
            word = str(first)
            rest = c[1:]
            if isinstance(first, Token) and first.type == "MAY":  # 可酌情加5—10分: read as 酌情加5—10分
                word, rest = word + str(rest[0]), rest[1:]
            kinds = {"得": "award", "加": "bonus", "扣": "deduct", "得分": "award", "直接扣": "deduct",
                     "记": "award", "计": "award", "赋": "award", "给": "award", "奖": "bonus",
                     "扣除": "deduct", "扣减": "deduct", "减": "deduct", "扣考核": "deduct", "扣除考核分": "deduct", "扣考核分": "deduct", "扣当事人": "deduct",
                     "再扣": "deduct", "加扣": "deduct"}  # 再扣5分, 加扣2分: a further deduction (check/another.py)
            if word in kinds and rest and isinstance(rest[0], tuple) and rest[0] and isinstance(rest[0][0], Decimal):
                return ast.Outcome(kinds[word], word, tuple(rest[0]), text=text, span=span)
            if word == "直接扣":
                return ast.Outcome("deduct", word, (rest[0],), text=text, span=span)
            by = isinstance(first, Token) and first.type == "DISCRETION_BY"  # 视火灾面积扣分5—15分
            if by or word in ("扣", "视情扣", "视情加", "酌情扣", "酌情加", "可酌情加", "可视情加",
                              "视情得", "视情况得", "酌情得", "酌情给", "给", "视情况计"):
                kind = "discretion_deduct" if by or word in ("扣", "视情扣", "酌情扣") else "discretion_bonus"
                arg = rest[0] if rest else None
                if isinstance(arg, _Range):
                    return ast.Outcome(kind, word, low=arg.low, high=arg.high, text=text, span=span)
                return ast.Outcome(kind, word, low=Decimal(0), high=arg, text=text, span=span)
            if word == "视情扣分" or word == "酌情扣分":
                return ast.Outcome("discretion_deduct", word, text=text, span=span)
            if isinstance(first, Token) and first.type == "BY_SITUATION":  # 按落实情况计分: the item's 分值 fact
                return ast.Outcome("set_score_words", word, text=text, span=span)
            if isinstance(first, Token) and first.type == "DISCRETION_WORD":  # 视情给分, 按实际情况评分
                # 视台账规范情况酌情扣分: what it depends on, then 扣分 — a discretionary deduction like 视情扣分
                kind = "discretion_deduct" if word.endswith("扣分") else "discretion_bonus"
                points = next((x for x in rest if isinstance(x, Decimal)), None)
                if points is not None:  # 根据配合情况酌情打分(5分): 0 to the points written after it
                    return ast.Outcome(kind, word, low=Decimal(0), high=points, text=text, span=span)
                return ast.Outcome(kind, word, text=text, span=span)
            if word in ("不得分", "不计分", "不记分", "不给分"):  # 该项不计分: as published
                return ast.Outcome("zero", word, text=text, span=span)
            if isinstance(first, Token) and first.type == "VETO_COUNTED":  # 该项计0分 = 该项计零分
                return ast.Outcome("veto", word, text=text, span=span)
            if word == "计满分":  # 100%计满分: 得满分
                return ast.Outcome("full", word, text=text, span=span)
            if word == "一票否决" or isinstance(first, Token) and first.type == "VETO_ALL":  # 实行一票否决: the rubric
                return ast.Outcome("veto_all", word, text=text, span=span)
            if isinstance(first, Token) and first.type == "TABLE_VETO":  # 本表100分扣完: the table's veto
                digits = re.search(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", word)
                amount = Decimal(digits.group().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))) if digits else None
                return ast.Outcome("veto_table", word, (amount,) if amount is not None else (), text=text, span=span)
            if isinstance(first, Token) and first.type in ("VETO", "ITEM_VETO"):  # 一票否决,该项不得分: the item's veto
                return ast.Outcome("veto", word, text=text, span=span)
            if word == "得满分":
                return ast.Outcome("full", word, text=text, span=span)
            if word in ("按", "为") and rest and isinstance(rest[0], ast.Term):  # 按第一项得分确定, 为【…】分值
                return ast.Outcome("final_value", word, term=rest[0], text=text, span=span)
            if word == "为" or isinstance(first, Token) and first.type == "GRADE_AS":  # 等次; 视为「不合格」: the same
                return ast.Outcome("grade", word, name=_name(rest[0]), text=text, span=span)
            if word == "不得评为":  # 一票否优: no grade as high as the one named
                return ast.Outcome("grade_cap", word, name=_name(rest[0]), text=text, span=span)
            if isinstance(first, Token) and first.type == "GRADE_DOWN":  # 等次降一档
                return ast.Outcome("grade_down", word, text=text, span=span)
            if word == "不扣分":
                return ast.Outcome("no_deduction", word, text=text, span=span)
            if isinstance(first, Token) and first.type == "SCORE_IS" and any(
                    isinstance(x, Token) and x.type == "POINTS_TIMES" for x in rest):  # 得分=(「甲」/「乙」)×分值
                target = next(x for x in rest if isinstance(x, ast.Operand))
                return ast.Outcome("proportional", word, expr=_operand_expr(target), text=text, span=span)
            if isinstance(first, Token) and first.type == "SCORE_IS":  # 该项得分=「甲」÷「乙」×10分
                return ast.Outcome("formula", word, expr=_operand_expr(rest[0]), text=text, span=span)
            if word == "按":
                target = rest[0]
                adjust = next((x for x in rest if isinstance(x, _Adjust)), None)
                closing = str(rest[-1])
                if any(str(x) in ("扣分", "扣") for x in rest):  # 按「未完成数」÷「任务数」的占比扣分(扣4分)
                    base = tuple(x for x in rest if isinstance(x, Decimal))
                    return ast.Outcome("proportional_deduct", word, base, expr=_operand_expr(target), text=text,
                                       span=span)
                if any(str(x) in ("比例", "占比") for x in rest):
                    if target.expr is None and len(target.names) == 1:  # 按「完成率」比例计分, as before
                        return ast.Outcome("proportional", word, name=target.names[0], text=text, span=span)
                    return ast.Outcome("proportional", word, expr=_operand_expr(target), text=text, span=span)
                if closing == "为准":  # 按「班级文化建设观摩评分」为准: 按「…」计分, the words kept for fmt and render
                    return ast.Outcome("set_score", "按为准", name=_name(target), text=text, span=span)
                if closing == "计分":
                    return ast.Outcome("set_score", word, name=_name(target),
                                       adjust=adjust.amount if adjust else None, text=text, span=span)
                if isinstance(target, Decimal):
                    return ast.Outcome("final_value", word, amounts=(target,), text=text, span=span)
                if str(target) == "满分":  # 按满分计: the rubric's 满分 (check/total.py)
                    return ast.Outcome("final_value", "按满分", text=text, span=span)
                return ast.Outcome("final_value", word, name=_name(target), text=text, span=span)
            raise NotImplementedError(f"outcome {word!r}")

        def share_word(self, c):
            return str(c[0])

        def adjust(self, c):
            amount = c[1]
            return _Adjust(-amount if str(c[0]) == "下浮" else amount)

        @with_meta
        def each_points_clause(self, meta, c):
            """「(1)「有独立的办公场所」;(2)「办公设备齐全」……(每项各2.5分)」: each requirement met earns the points — the
            situations joined as by 、 and 各得N分 (check: 各 once for each that holds, not the reading 并列情形)."""
            label = str(c[0]) if isinstance(c[0], Token) and c[0].type == "ITEM_NO" else None
            conds = [x for x in c if not _is_token(x)]
            token = c[-1]
            digits = re.search(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", str(token))
            at = token.start_pos + digits.start()
            amount = self._value(digits.group(), Span(at, at + len(digits.group())))
            points = Span(token.start_pos, token.end_pos)
            outcome = ast.Outcome("award", "得", (amount,), text=str(token).strip("()（） \t"), span=points)
            joiners = tuple(str(x) for x in c if isinstance(x, Token) and x.type == "SEP")
            cond = ast.CondAny(tuple(conds), Span(conds[0].span.start, conds[-1].span.end), joiners=joiners)
            return ast.ClausePiece(label, cond, ast.Respectively("各", outcome, points), _span(meta))

        @with_meta
        def bracketed(self, meta, c):
            """「未「上报招商信息」(扣5分)」: the result written in brackets after the requirement (招商引资评分标准表),
            the same as 「…的,扣5分」; kept in brackets by fmt and render, which write the author's text."""
            return c[0]

        @with_meta
        def earned_points(self, meta, c):
            """「……不少于4次(4分)」: the requirement met earns the points (得4分)."""
            span = _span(meta)
            return ast.Outcome("award", "", (c[0],), text=self._text(span).rstrip("、"), span=span, style="points")

        @with_meta
        def earned_with_rule(self, meta, c):
            """「(4',少一项扣 1 分)」: the points, then the rule that goes on from them, in the same brackets — two pieces,
            as 「(4'),少一项扣1分」 (the second marked bracketed, so that fmt and render keep the brackets)."""
            amount, sep, (cond, body) = c[0], c[1], c[2]
            span = _span(meta)
            out_span = Span(span.start, sep.start_pos)
            earned = ast.Outcome("award", "", (amount,), text=self._text(out_span).rstrip() + ")", span=out_span,
                                 style="points")
            inner_start = (cond.span if cond is not None else body.span).start
            return _WithRule(earned, str(sep), _span(sep), cond, body, Span(inner_start, span.end))

        def in_bracket_per(self, c):
            return None, c[0]

        def in_bracket_cond(self, c):
            rest = [x for x in c if not _is_token(x)]
            return rest[0], rest[1]

        @with_meta
        def bracketed_among(self, meta, c):
            """「(扣12分,其中每少报1个月报表扣1分)」: each one counted deducts, and the deduction written first is the most
            the clause deducts (每少报1个月报表扣1分,最多扣12分)."""
            outcome, per = c[0], c[-1]
            if outcome.kind != "deduct" or outcome.word != "扣" or len(outcome.amounts) != 1:
                self.problems.append(("GR101", outcome.span, {
                    "detail": f"「{outcome.text or outcome.word}」:括号里「其中」之前写这一条最多扣的分",
                    "help": "写作「(扣12分,其中每少报1个月报表扣1分)」"}))
            limit = ast.LimitPiece("cap", None, "最多扣", outcome.amounts[0], outcome.span, bracket_first=True)
            return _AmongTotal(limit, per, _span(meta))

        @with_meta
        def earned_bare(self, meta, c):
            """「……的,2分;」: the requirement met earns the points (得2分)."""
            token = c[0]
            digits = re.match(r"[0-9０-９.．]+", str(token)).group()
            amount = self._value(digits, Span(token.start_pos, token.start_pos + len(digits)))
            span = _span(meta)
            return ast.Outcome("award", "", (amount,), text=str(token), span=span, style="bare")

        def amount_list(self, c):
            return tuple(x for x in c if isinstance(x, Decimal))

        def discretion(self, c):
            return _Range(c[0], c[1])

        def amount(self, c):
            return c[0]

        def number(self, c):
            return self._value(str(c[0]), _span(c[0]))

        @with_meta
        def cap(self, meta, c):
            scope = c[0] if len(c) == 3 or (len(c) == 2 and isinstance(c[0], _Scope)) else None
            words = [x for x in c if isinstance(x, str) and not isinstance(x, _Scope)]
            amount = next((x for x in c if isinstance(x, Decimal)), None)
            word = words[0] if words else "加满"
            kind = "exhaust" if word in ast.DEDUCTION_CAP_WORDS else "cap"
            return ast.LimitPiece(kind, scope, word, amount, _span(meta))

        @with_meta
        def cap_exhaust(self, meta, c):
            scope = next((x for x in c if isinstance(x, _Scope)), None)
            amount = next((x for x in c if isinstance(x, Decimal)), None)
            return ast.LimitPiece("exhaust", scope, self._text(_span(meta)), amount, _span(meta))

        @with_meta
        def cap_after(self, meta, c):
            """4分封顶: 封顶4分."""
            token = c[0]
            digits = re.match(r"[0-9０-９.．]+", str(token)).group()
            amount = self._value(digits, Span(token.start_pos, token.start_pos + len(digits)))
            return ast.LimitPiece("cap", None, "封顶", amount, _span(meta))

        @with_meta
        def cap_budget(self, meta, c):
            """总分4分,扣完为止 after a clause (文成): the clause deducts at most 4, as 扣完4分为止."""
            amount = next(x for x in c if isinstance(x, Decimal))
            return ast.LimitPiece("exhaust", None, "扣完为止", amount, _span(meta))

        @with_meta
        def period_cap(self, meta, c):
            """每月最多加1分, 每季度扣完2分为止: the cap within each period (language.md 6.7)."""
            period = "季度" if "季度" in str(c[0]) else "月"
            amount = next(x for x in c if isinstance(x, Decimal))
            words = [str(x) for x in c[1:] if isinstance(x, str)]
            word = words[0] if words else ("加满" if "加满" in self._text(_span(meta)) else "扣完")
            kind = "exhaust" if word in ast.DEDUCTION_CAP_WORDS or word == "扣完" else "cap"
            return ast.LimitPiece(kind, None, word, amount, _span(meta), period=period)

        @with_meta
        def step_rounding(self, meta, c):  # (小数点后四舍五入) / 不足1个百分点的按1个计: how a part of a step counts
            written = re.sub(r"\s", "", str(c[0]))
            return ast.LimitPiece("rounding", None, written, None, _span(meta))

        @with_meta
        def cap_both(self, meta, c):
            scope = next((x for x in c if isinstance(x, _Scope)), None)
            words = [x for x in c if isinstance(x, str) and not isinstance(x, _Scope)]
            amount = next((x for x in c if isinstance(x, Decimal)), None)
            return ast.LimitPiece("both", scope, words[0], amount, _span(meta))

        @with_meta
        def no_floor(self, meta, c):
            scope = next((x for x in c if isinstance(x, _Scope)), None)
            said = self._text(_span(meta))  # 直至负分, 直到负分 (特种设备): kept as written for fmt; the rest 可扣至负分
            return ast.LimitPiece("no_floor", scope, said if said in ("直至负分", "直到负分") else "可扣至负分", None, _span(meta))

        @with_meta
        def no_repeat(self, meta, c):  # 其他考评内容中已有的不重复扣分: the words as written
            return ast.LimitPiece("no_repeat", None, str(c[-1]), None, _span(meta))

        @with_meta
        def largest_only(self, meta, c):  # 就高不就低: the words as written
            scope = next((x for x in c if isinstance(x, _Scope)), None)
            return ast.LimitPiece("largest", scope, str(c[-1]), None, _span(meta))

        @with_meta
        def running(self, meta, c):  # 扣满4分, 本项扣分达到10分: the item's own deductions so far
            pre = str(c[1]) if len(c) > 2 else None
            return ast.CondRunning(str(c[0]), pre, c[-1], _span(meta))

        def scope_word(self, c):
            return _Scope(str(c[0]))

        def cap_word(self, c):
            return str(c[0])

        def pm_cap_word(self, c):
            return str(c[0])

    Builder._calls = {name: (method, getattr(method, "wants_meta", False))
                      for name, method in vars(Builder).items()
                      if callable(method) and not name.startswith("_") and name != "transform"}
    return Builder


class _Incl(str):
    number = None  # the number written inside: (含80分)
    span = None


class _Pre(str):
    pass


# a count written in the wording after a classifier that had no number (每处理2件, 每批准三项)
_COUNT_IN_WORDING = re.compile(r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+)[ \t]*(?:个百分点|百分点|"
                               r"人次|件次|个工作日|工作日|个月|[次个项起件例条家处篇场期批份户所座台套人名位天日宗张辆])")


@attrs.frozen
class _WithRule:
    """(4',少一项扣1分) as a clause's result: the points, and the rule in the same brackets after them."""

    earned: ast.Outcome
    sep: str
    sep_span: Span
    cond: ast.Cond | None
    body: ast.Body
    span: Span  # the rule's, to the closing bracket

    def pieces(self, piece) -> list:
        first = attrs.evolve(piece, body=self.earned, span=Span(piece.span.start, self.sep_span.start))
        inner = ast.ClausePiece(None, self.cond, self.body, self.span, bracketed=True)
        return [first, ast.Separator(self.sep, self.sep_span), inner]


@attrs.frozen
class _AmongTotal:
    """(扣12分,其中每少报1个月报表扣1分) as a clause's result: the per-count rule, and its most written first."""

    limit: ast.LimitPiece
    per: ast.Per
    span: Span

    def pieces(self, piece) -> list:
        return [attrs.evolve(piece, body=self.per), ast.Separator(",", self.limit.span), self.limit]


class _Worded:
    """The subject's wording and comparison (通报批评2次以上), then its outcome: cond_clause joins it to the subject."""

    def __init__(self, comparison: ast.Comparison, outcome) -> None:
        self.comparison, self.outcome = comparison, outcome


class _Post(str):
    pass


class _ArithOp(str):
    def __new__(cls, word: str, op: str):
        made = super().__new__(cls, word)
        made.op = op
        return made


THIS_YEAR_WORDS = ("本年度", "本年", "今年", "当年")


def last_year_name(subject: str) -> str:
    """The fact 「比上年」 compares with: 「经费」 → 「上年经费」, and a subject named for this year keeps its pair's name:
    「本年经费」/「今年经费」 → 「上年经费」."""
    for word in THIS_YEAR_WORDS:
        if subject.startswith(word) and len(subject) > len(word):
            return "上年" + subject[len(word):]
    return "上年" + subject


def _operand_expr(operand: ast.Operand) -> ast.Expr:
    """An operand as arithmetic: 「甲」/「乙」 (kept as two names) is 「甲」 ÷ 「乙」."""
    if operand.expr is not None:
        return operand.expr
    if len(operand.names) == 2:
        return ast.Arith("/", "/", operand.names[0], operand.names[1], operand.span)
    return operand.names[0]


def _expr_names(expr) -> tuple:
    if isinstance(expr, ast.Name):
        return (expr,)
    if isinstance(expr, ast.Share):
        return _expr_names(expr.base)
    if isinstance(expr, (ast.Arith, ast.Relative)):
        return _expr_names(expr.left) + _expr_names(expr.right)
    return ()


def _join_spans(left, right) -> Span:
    return Span(left.span.start, right.span.end) if left.span.end and right.span.end else Span(0, 0)


def _share_factor(text: str) -> Decimal:
    """的30% → 0.3, 的1.2倍 → 1.2, 的百分之三十 → 0.3, 的两倍 → 2."""
    body = text[1:].strip()
    if body.startswith("百分之"):
        return _number(body[3:]) / 100
    if body.endswith("倍"):
        return _number(body[:-1].strip())
    return _number(body.rstrip("%％").strip()) / 100


class _RankMeasure(str):
    pass


class _Scope(str):
    pass


class _Range:
    def __init__(self, low: Decimal, high: Decimal) -> None:
        self.low, self.high = low, high


class _Adjust:
    def __init__(self, amount: Decimal) -> None:
        self.amount = amount


_EXEMPT_LEADS = ("若", "如", "如果", "但", "因")


def arg_span(c, kind: str) -> Span:
    token = next(x for x in c if _is_token(x) and x.type == kind)
    return Span(token.start_pos, token.end_pos)


def _minus(op: str) -> bool:
    return op in ("-", "－", "−", "减")


def _total_part(x):
    """A part of the total's formula: a sum of items written in brackets becomes + and − between its terms."""
    if isinstance(x, tuple):
        tree = attrs_evolve(x[0], sign=1)
        for term in x[1:]:
            tree = ast.TotalOp("-" if term.sign < 0 else "+", (tree, attrs_evolve(term, sign=1)),
                               "-" if term.sign < 0 else "+", _join_spans(tree, term))
        return tree
    return x


def _names_other_end(incl, written_after, other) -> bool:
    """「5—10万(含5万)」: the number in the bracket is the other end's, not the one it follows."""
    return (incl.number is not None and incl.number != written_after.number and incl.number == other.number)


def _joint(c) -> str | None:
    """How the two ends of 大于5万亩,小于10万亩 are joined, for printing back: 「,」 or 「的,」 (None: 「、」)."""
    token = next((x for x in c if _is_token(x) and x.type == "JOINT"), None)
    return None if token is None else ("的，" if "的" in str(token) else "，")


def _among(outer: ast.Cond, inner: ast.Cond, word: str | None = None) -> ast.CondAll:
    """「甲」达到「乙」,其中「丙」不超过5万亩: both hold; the tiers after it test 「丙」 within 「甲」达到「乙」.
    word: 的单位 where the source writes 「甲」在「乙」以上的单位「丙」…"""
    return ast.CondAll((outer, inner), _join_spans(outer, inner), among=True, among_word=word)


def _bare(cond) -> bool:
    """A fact's name alone (「乙」): no comparison, words, note or arithmetic after it."""
    return (isinstance(cond, (ast.CondTrue, ast.CondFalse)) and not getattr(cond, "after", None)
            and cond.operand.expr is None and len(cond.operand.names) == 1 and cond.operand.note is None)


def _carried(parts: tuple, joiners: tuple[str, ...]) -> tuple:
    """未「甲」、「乙」、「丙」 (招商引资「未制定工作方案、成立……领导机构、细化目标任务……(扣5分)」): the 未 (没有, 不, 无)
    before the first name says each name after it joined by 、, as 未「甲」、未「乙」、未「丙」 does — every one of them
    is required, and one not done is enough (、 is 或, language.md 5). It carries over bare names only, up to the
    first part that is not one (a comparison, 且, a name with its own 未) or the first 或."""
    out = list(parts)
    for i, joiner in enumerate(joiners):
        before, part = out[i], out[i + 1]
        if (joiner == "、" and isinstance(before, ast.CondFalse) and _bare(before) and isinstance(part, ast.CondTrue)
                and _bare(part)):
            out[i + 1] = ast.CondFalse(part.operand, before.word, part.span, carried=True)
    return tuple(out)


def _is_token(x) -> bool:
    global _Token
    if _Token is None:
        from lark import Token as _Token
    return isinstance(x, _Token)


_Token = None  # lark.Token, imported when first needed


def _is_colon(x) -> bool:
    return str(x) in (":", "\uff1a")  # : and full-width ：


def attrs_evolve(node, **changes):
    import attrs

    return attrs.evolve(node, **changes)


_BUILDER = None


def PieceBuilder(source: SourceFile):
    global _BUILDER
    if _BUILDER is None:
        _BUILDER = _make_builder()
    return _BUILDER(source)
