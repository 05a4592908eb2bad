"""Positions in a rubric text in every unit its clients count in: character offsets (Python, spans),
1-based line and column (the CLI's file:line:col), display columns (CJK = 2, the caret under a line),
and UTF-16 code units (the Language Server Protocol and JavaScript editors such as CodeMirror).

A character outside the Basic Multilingual Plane (a rare CJK Extension B character such as 𠮷) is one
Python character but two UTF-16 code units; everything else is one of each. Only the few such
characters are recorded, so conversions cost a binary search.
"""
from __future__ import annotations

import bisect

import attrs

from ..source import SourceFile, Span, display_width


@attrs.frozen
class Position:
    """One place in the text, in every unit: `line` and `col` are 1-based (as the CLI prints them),
    `display_col` is 1-based in display columns, `lsp_line`/`lsp_character` are 0-based in UTF-16 units,
    `utf16` is the UTF-16 offset from the start of the text (CodeMirror's position)."""

    offset: int
    line: int
    col: int
    display_col: int
    lsp_line: int
    lsp_character: int
    utf16: int

    def to_json(self) -> dict:
        return {"line": self.line, "col": self.col, "display_col": self.display_col,
                "lsp": {"line": self.lsp_line, "character": self.lsp_character}, "utf16": self.utf16}


class Positions:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        text = source.text
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral16 = [i + n for n, i in enumerate(self._astral)]  # where each starts, in UTF-16 units

    @property
    def text(self) -> str:
        return self.source.text

    def utf16(self, offset: int) -> int:
        """UTF-16 offset of a character offset."""
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, unit: int) -> int:
        """Character offset of a UTF-16 offset (inside a surrogate pair: the character's start)."""
        unit = max(0, unit)
        before = bisect.bisect_right(self._astral16, unit - 2)  # pairs wholly before the unit
        inside = before < len(self._astral16) and self._astral16[before] == unit - 1  # at a pair's second half
        return min(unit - before - (1 if inside else 0), len(self.text))

    def at(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line, col = self.source.line_col(offset)
        start = offset - (col - 1)
        before = self.text[start:offset]
        return Position(offset, line, col, display_width(before) + 1, line - 1,
                        self.utf16(offset) - self.utf16(start), self.utf16(offset))

    def from_lsp(self, line: int, character: int) -> int:
        """Character offset of an LSP position (0-based line, UTF-16 character); past the end clamps."""
        lines = self.source._line_starts
        if line >= len(lines):
            return len(self.text)
        start = lines[max(line, 0)]
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        return min(self.from_utf16(self.utf16(start) + max(character, 0)), end)

    def range_json(self, span: Span) -> dict:
        return {"start": self.at(span.start).to_json(), "end": self.at(span.end).to_json()}

    def lsp_range(self, span: Span) -> dict:
        start, end = self.at(span.start), self.at(span.end)
        return {"start": {"line": start.lsp_line, "character": start.lsp_character},
                "end": {"line": end.lsp_line, "character": end.lsp_character}}
