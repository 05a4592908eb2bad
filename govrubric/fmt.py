"""`govrubric fmt`: rubric files rewritten in the one canonical layout (printer.py), comments kept.

format_file never writes what it has not verified: the formatted text must parse back to the
same rubric (normalise(tree) equal), keep every comment and every stated reason (理由), and
format to itself. A file that does not parse, or whose pieces do not fit together (a tier or a
limit with nothing to attach to), is reported and left alone: printing its tree would drop them.
"""
from __future__ import annotations

import difflib

import attrs

from . import ast
from .diagnostics import Diagnostic, Diagnostics, make
from .printer import canonical_label, find_comments, label_style, normalise, print_rubric
from .source import SourceFile, source_text, undecodable


@attrs.frozen
class Formatted:
    path: str
    original: str  # the file as read, before newline normalisation
    text: str | None  # the canonical text; None when the file cannot be formatted
    problems: tuple[Diagnostic, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original

    def diff(self) -> str:
        """A unified diff from the file to its formatted text."""
        if self.text is None:
            return ""
        before = source_text(self.original)
        lines = difflib.unified_diff(before.splitlines(keepends=True), self.text.splitlines(keepends=True),
                                     fromfile=self.path, tofile=f"{self.path}(格式化后)")
        shown = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        if not shown and self.changed:
            return f"{self.path}: 只有换行符(CRLF)或开头的 BOM 不同 / only line endings or a BOM differ\n"
        return shown




def parse_tree(source: SourceFile, diags: Diagnostics) -> ast.Rubric | None:
    """The syntax tree, or None when parsing or nesting reported an error."""
    from .structure import build_tree
    from .syntax import parse_pieces

    pieces = parse_pieces(source, diags)
    if pieces is None:
        return None
    tree = build_tree(pieces, diags)
    return None if diags.has_errors else tree


def format_text(text: str, path: str = "<text>") -> Formatted:
    """The canonical layout of rubric source `text` (read as the file `path`), in the author's words."""
    source = SourceFile.of_text(path, text)
    diags = Diagnostics(source)
    tree = parse_tree(source, diags)
    if tree is None:
        return Formatted(path, text, None, tuple(diags.sorted()))
    out = _print(tree, source.text)
    problem = _verify(tree, source.text, out, path)
    if problem is not None:
        return Formatted(path, text, None, (problem,))
    return Formatted(path, text, out)


def _print(tree: ast.Rubric, text: str) -> str:
    return print_rubric(tree, text, written_pieces(tree, text))


def _verify(tree: ast.Rubric, before: str, after: str, path: str) -> Diagnostic | None:
    reparsed = SourceFile(path, after)
    again = parse_tree(reparsed, Diagnostics(reparsed))  # with its text: indentation has a say (structure.py)
    if again is None or normalise(again) != normalise(tree) or _sentences(again) != _sentences(tree):
        return _unsafe("格式化结果的含义与原文不同")
    if [c.text for c in find_comments(after)] != [c.text for c in find_comments(before)]:
        return _unsafe("有注释没有保留下来")
    if _reasons(again) != _reasons(tree):
        return _unsafe("有口径的理由没有保留下来")
    if _print(again, after) != after:
        return _unsafe("再次格式化的结果不同")
    return None


# ------------------------------------------------------------------ the author's words, laid out
# Punctuation written one way (the shipped rubrics' style); a token is mapped only when it is the
# punctuation mark itself, so free wording (「每发现1起“a-b”问题」) keeps its characters.
_PUNCTUATION = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "％": "%"}  # ＞＜＝ stay: the word compared
_RANGE_DASHES = {"-", "－", "～", "~", "——", "－－"}  # a range (not 至 or 到, which are words): —
_DIGITS = str.maketrans("０１２３４５６７８９．，（）", "0123456789.,()")
_SPACED_TOKENS = ("ORDINAL", "INCL", "OPTIONAL")  # tokens the grammar lets hold spaces: 第 三 次, ( 含 )
# White space inside a piece goes next to these marks; elsewhere it becomes one space (「a」 且 「b」 keeps
# the author's spaces), and a line break next to a bracket goes too.
_JOINS_WITHOUT_SPACE = set(",，;；。:：、")
_JOINS_ACROSS_LINES = _JOINS_WITHOUT_SPACE | set("()（）「」【】")
_ENDS_A_CLAUSE = {"。": "。", ";": ";", "；": ";"}


def written_pieces(tree: ast.Rubric, text: str) -> dict[int, str]:
    """Each piece's text as written (by the piece's start), one line, with the layout and punctuation
    normalised and every word kept: 其余 stays 其余, 一项 stays 一项, 的 stays. Numbering is written in
    one style (1、 → 1.) and each clause and item limit ends with the author's 。 or ; (。 if neither),
    so that a limit on the next line belongs to the item, as in the source."""
    import bisect

    from .syntax import tokens

    found = tokens(text)
    starts = [token.start_pos for token in found]
    written: dict[int, str] = {}
    for piece, label in _pieces(tree):
        first = bisect.bisect_left(starts, piece.span.start)
        last = bisect.bisect_left(starts, piece.span.end)
        words = _joined(text, found[first:last], label, compact=isinstance(piece, ast.ItemHead))
        if isinstance(piece, ast.Clause) and piece.among:  # ,其中「…」的加扣2分: 其中 is in the token of the comma before it
            words = "其中" + words
        if isinstance(piece, (ast.Clause, ast.LimitPiece)) or (isinstance(piece, ast.Setting) and piece.written):
            words = words.removesuffix("、")  # 「…(7分)、…(7分)」: each part a clause, on its own line
            after = str(found[last]) if last < len(found) and found[last].type == "SEP" else ""
            if not (isinstance(piece, ast.Setting) and words.endswith((")", "）"))):  # (以上包括本数,…) as written
                words += _ENDS_A_CLAUSE.get(after, "。")
        written[piece.span.start] = words
    return written


def _pieces(tree: ast.Rubric):
    """(piece, canonical numbering or None) for every piece printed on a line of its own."""
    for piece in (*tree.header, *tree.meta, *tree.settings, *tree.facts, *tree.final_clauses):
        yield piece, _clause_label(piece)

    def walk(items):
        for item in items:
            head = item.head
            yield head, canonical_label(head.style, head.number, head.label) if head.label else None
            for piece in (*item.meta, *item.notes, *item.settings, *item.facts, *item.clauses, *item.limits):
                yield piece, _clause_label(piece)
            yield from walk(item.children)

    yield from walk(tree.items)


def _clause_label(piece) -> str | None:
    label = getattr(piece, "label", None) if isinstance(piece, ast.Clause) else None
    return canonical_label(*label_style(label), label) if label else None


def _joined(text: str, pieces_tokens: list, label: str | None, compact: bool = False) -> str:
    """The tokens as one line. compact (an item's head: numbering, 【title】, (points)): no white space at all
    between them, except between two numbers."""
    out: list[str] = []
    previous = None
    for token in pieces_tokens:
        word = str(token)
        if previous is None and label is not None and token.type == "ITEM_NO":
            word = label
        elif token.type == "NUMBER":
            word = word.translate(_DIGITS)
        elif token.type in _SPACED_TOKENS:
            word = "".join(word.split()).replace("\u3000", "").translate(_DIGITS)
        elif token.type == "_RANGE" and word in _RANGE_DASHES and not (previous is not None and previous.type == "NAME"):
            word = "—"  # a range (1-3分); after a fact it is a minus, kept as written (「甲」-「乙」)
        else:
            word = _PUNCTUATION.get(word, word)
        if previous is not None:
            gap = text[previous.end_pos : token.start_pos]
            if gap and compact:
                out.append(" " if out[-1][-1:].isdigit() and word[:1].isdigit() else "")
            elif gap:
                marks = _JOINS_ACROSS_LINES if "\n" in gap else _JOINS_WITHOUT_SPACE
                out.append("" if out[-1][-1:] in marks or word[:1] in marks else " ")
        out.append(word)
        previous = token
    return "".join(out)


def _unsafe(detail: str) -> Diagnostic:
    return make("GR504", detail=detail, help="这是 govrubric 的错误,不是细则的错误;文件没有改动,请把细则发给维护者")


def _items(items):
    """Every item, each before its sub-items."""
    for item in items:
        yield item
        yield from _items(item.children)


def _sentences(tree: ast.Rubric) -> list[bool]:
    """Which clauses go on from the one before after a comma (one sentence: language.md 8, 一句的起点)."""
    return [c.after_comma for item in _items(tree.items) for c in item.clauses]


def _reasons(tree: ast.Rubric) -> list[str | None]:
    """Stated reasons are not part of tree equality (they do not change a score), so compare them here."""
    return [s.reason for s in tree.settings] + [s.reason for item in _items(tree.items) for s in item.settings]


def format_file(path: str) -> Formatted:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        return Formatted(path, "", None, (make("GR106", detail=f"{path}: {err.strerror or err}"),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        source, span, detail = undecodable(path, err)
        return Formatted(path, "", None, (make("GR105", span, source, detail=detail),))
    return format_text(text, path)


def write_formatted(result: Formatted) -> Diagnostic | None:
    """Write the formatted text over the file, atomically; nothing when there is nothing to change."""
    from .atomic import write_text

    if not result.changed:
        return None
    return write_text(result.path, result.text)
