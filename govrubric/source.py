"""Source text and spans: offsets into one rubric file, lines and display columns."""
from __future__ import annotations

import bisect
import unicodedata

import attrs


@attrs.frozen
class Span:
    """Half-open character range [start, end) in one source file."""

    start: int
    end: int

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


NO_SPAN = Span(0, 0)

# A quoted source line must not break on the terminal where the file did not: show these as ␤ (one column).
_SHOWN_BREAKS = str.maketrans({ch: "\u2424" for ch in "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"})


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str, tab: int = 4) -> int:
    col = 0
    for ch in text:
        col = col + tab - col % tab if ch == "\t" else col + char_width(ch)
    return col


def source_text(text: str) -> str:
    """Rubric text as every reader sees it (load, loads, fmt, the workbench): without the BOM a Windows
    editor puts first, and with each line end (\r\n, a lone \r, \n) as one \n. Other characters that
    some editors show as a line break (U+2028 …) are not line ends: syntax.find_invisible_breaks refuses them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


@attrs.frozen
class SourceFile:
    path: str
    text: str
    _line_starts: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        object.__setattr__(self, "_line_starts", tuple(starts))

    @classmethod
    def read(cls, path: str) -> "SourceFile":
        with open(path, encoding="utf-8", newline="") as handle:
            return cls.of_text(path, handle.read())

    @classmethod
    def of_text(cls, path: str, text: str) -> "SourceFile":
        """The source of rubric text as written (a BOM, any line ends): see source_text."""
        return cls(path, source_text(text))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based character column of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def snippet(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def caret(self, span: Span, shown=None) -> tuple[str, str]:
        """The source line of the span's start and a caret line under it, measured in display columns.
        `shown` rewrites each piece of the line as it will be shown (escaping control characters), so the
        caret stays under the same text."""
        line, col = self.line_col(span.start)
        text = self.line_text(line)
        end_in_line = min(span.end - span.start, len(text) - (col - 1))
        before, marked = text[: col - 1], text[col - 1 : col - 1 + max(end_in_line, 0)]
        after = text[col - 1 + max(end_in_line, 0):]
        if shown is not None:
            before, marked, after = (shown(part.replace("\t", " " * 4)) for part in (before, marked, after))
            # a line of thousands of characters (a 100,000-digit number) is shown around the caret only
            before = before if len(before) <= 80 else "…" + before[-60:]
            marked = marked if len(marked) <= 100 else marked[:99] + "…"
            after = after if len(after) <= 80 else after[:60] + "…"
        pad = display_width(before)
        width = max(1, display_width(marked))
        if shown is not None:
            return before + marked + after, " " * pad + "^" * width
        expanded = text.expandtabs(4).translate(_SHOWN_BREAKS)
        return expanded, " " * pad + "^" * width


def undecodable(path: str, err: UnicodeDecodeError) -> tuple[SourceFile, Span, str]:
    """A rubric file that is not UTF-8: its text as far as it reads (bad bytes replaced, so a caret can be
    shown), the span of the first bad byte, and what the file looks like instead (GR105's detail)."""
    data = err.object

    def text(raw: bytes) -> str:
        return source_text(raw.decode("utf-8", errors="replace"))

    source = SourceFile(path, text(data))
    start = len(text(data[: err.start]))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        guess = "文件是 UTF-16 编码(记事本的「Unicode」)"
    else:
        try:
            data.decode("gb18030")
            guess = "文件像是 GBK/GB18030 编码(记事本的「ANSI」)"
        except UnicodeDecodeError:
            guess = "这里的字节不是 UTF-8 编码"
    return source, Span(start, start + 1), guess + ",请另存为 UTF-8"

