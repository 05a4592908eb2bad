"""Writing Python safely: Code (a piece of generated code), literals (repr() of rubric text), comments
with every non-printable character escaped, and the indented line writer."""
from __future__ import annotations

from ..i18n import Said


class Code(str):
    """A piece of generated Python. Plain str given to concat is rubric text and becomes a literal."""


def lit(value) -> Code:
    """A literal for a str, int, bool or None: repr() escapes everything that could end or bend a line. A phrase the
    checker worded (i18n.Said) is its _say call, template and fields as literals, so the scorer says it in the
    language it speaks, as evaluate does."""
    assert value is None or isinstance(value, (str, bool, int)), value
    if isinstance(value, Said):
        args = [repr(value.template)] + [f"{name}={lit(field)}" for name, field in value.fields.items()]
        return Code(f"_say({', '.join(args)})")
    return Code(repr(value))


def concat(*parts: str) -> Code:
    """'a' + x + 'b': adjacent texts merged into one literal; Code pieces kept as code."""
    merged: list[str] = []
    for part in parts:
        if not isinstance(part, (Code, Said)) and merged and not isinstance(merged[-1], (Code, Said)):
            merged[-1] = merged[-1] + part
        else:
            merged.append(part)
    return Code(" + ".join(p if isinstance(p, Code) else lit(p) for p in merged if p != ""))


def call(func: str, *args: str) -> Code:
    return Code(f"{func}({', '.join(args)})")


def tuple_code(items) -> Code:
    items = list(items)
    return Code("(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")")


def comment_text(text: str) -> str:
    """Text that is safe inside a # comment: a \\r, \\x85, \\u2028 … would end the comment and the rest
    would run as code, and bidirectional controls would make the line read differently from what
    runs; so backslashes and every non-printable character are written as escapes."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() or ch == "\u3000":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class Writer:
    def __init__(self) -> None:
        self.rows: list[str] = []
        self.depth = 0

    def line(self, code: str) -> None:
        self.rows.append("    " * self.depth + code)

    def comment(self, text: str) -> None:
        for row in text.split("\n"):
            self.line("# " + comment_text(row))

    def open(self, header: str) -> None:
        self.line(header)
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1

    def text(self) -> str:
        return "\n".join(self.rows) + "\n"
