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
from .printer import find_comments, normalise, print_rubric
from .source import SourceFile, source_text


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
    """The canonical form of rubric source `text` (read as the file `path`)."""
    source = SourceFile.of_text(path, text)
    diags = Diagnostics(source)
    tree = parse_tree(source, diags)
    if tree is None:
        return Formatted(path, text, None, tuple(diags.sorted()))
    out = print_rubric(tree, source.text)
    problem = _verify(tree, source.text, out, path)
    if problem is not None:
        return Formatted(path, text, None, (problem,))
    return Formatted(path, text, out)


def _verify(tree: ast.Rubric, before: str, after: str, path: str) -> Diagnostic | None:
    reparsed = SourceFile(path, after)
    again = parse_tree(reparsed, Diagnostics(reparsed))  # with its text: indentation has a say (structure.py)
    if again is None or normalise(again) != normalise(tree):
        return _unsafe("格式化结果的含义与原文不同")
    if [c.text for c in find_comments(after)] != [c.text for c in find_comments(before)]:
        return _unsafe("有注释没有保留下来")
    if _reasons(again) != _reasons(tree):
        return _unsafe("有口径的理由没有保留下来")
    if print_rubric(again, after) != after:
        return _unsafe("再次格式化的结果不同")
    return None


def _unsafe(detail: str) -> Diagnostic:
    return make("GR504", detail=detail, help="这是 govrubric 的错误,不是细则的错误;文件没有改动,请把细则发给维护者")


def _reasons(tree: ast.Rubric) -> list[str | None]:
    """Stated reasons are not part of tree equality (they do not change a score), so compare them here."""
    found = [s.reason for s in tree.settings]

    def walk(items) -> None:
        for item in items:
            found.extend(s.reason for s in item.settings)
            walk(item.children)

    walk(tree.items)
    return found


def format_file(path: str) -> Formatted:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        return Formatted(path, "", None, (make("GR106", detail=f"{path}: {err.strerror or err}"),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Formatted(path, "", None, (make("GR105", detail=f"{path}: {err}"),))
    return format_text(text, path)


def write_formatted(result: Formatted) -> Diagnostic | None:
    """Write the formatted text over the file, atomically; nothing when there is nothing to change."""
    from .atomic import write_text

    if not result.changed:
        return None
    return write_text(result.path, result.text)
