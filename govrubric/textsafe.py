"""Text from rubrics and facts files, made safe for where it is shown: the terminal, Markdown and names.

Unit names, fact values and titles come from outside; shown raw they can rewrite a terminal (an ESC
sequence, an OSC title), run as Markdown or HTML in a report, or make two names that look the same
differ (「甲」 and 「甲\\u200b」). Every writer that shows such text passes it through here.
"""
from __future__ import annotations

import re
import unicodedata

from ._runtime import _INVISIBLE_NAMES

# Characters that cannot be seen or change how the rest of the line is shown: control characters (an ESC
# sequence, an OSC title), format characters (zero widths, bidi marks, overrides and isolates, BOM) and line
# and paragraph separators. Shown as an escape such as \x1b or \u202e.
_HIDDEN = ("Cc", "Cf", "Zl", "Zp")
_LAYOUT = "\t\n\r"  # control characters that show, as layout
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# The names of the invisible characters staff are likely to meet; the compiled scorers' runtime holds the table
# (it may import nothing of govrubric), and the checker's messages use the same one.
INVISIBLE_NAMES = _INVISIBLE_NAMES


def terminal(text: str) -> str:
    """text for a terminal: line breaks and tabs kept, every other hidden character shown as an escape."""
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(_escape_char(ch) if ch not in "\n\t" and unicodedata.category(ch) in _HIDDEN else ch
                   for ch in text)


def terminal_value(text: str) -> str:
    """One value (a unit name, a title) in a table or a message: line breaks and tabs shown as escapes as well
    (甲\\n乙), so a message about hidden characters shows each of them."""
    return terminal(text).replace("\n", "\\n").replace("\t", "\\t")


def invisible(text: str) -> list[str]:
    """The characters of a name that cannot be seen, each as U+200B(零宽空格); [] when there are none.
    Control characters, format characters (zero widths, bidi controls, BOM) and line separators; a tab or
    a line break typed into a cell (Alt+Enter in Excel) shows, and is left to the writers to escape."""
    found = []
    for ch in dict.fromkeys(text):
        if ch not in _LAYOUT and unicodedata.category(ch) in _HIDDEN:
            found.append(f"U+{ord(ch):04X}({INVISIBLE_NAMES.get(ch, '控制字符')})")
    return found


def _escape_char(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def visible(text: str) -> str:
    """text without the characters invisible() lists."""
    return "".join(ch for ch in text if ch in _LAYOUT or unicodedata.category(ch) not in _HIDDEN)


# ------------------------------------------------------------------ Markdown
# Inline markup only: govrubric's writers never start a line with outside text (「- 」, 「| 」, 「## 」 come first).
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~&]")


def markdown(text: str) -> str:
    """text inside a Markdown paragraph, heading, list item or table cell: every character Markdown (or HTML
    inside Markdown) could read as markup is backslash-escaped; a line break becomes <br>, so a name with a
    newline cannot end a table row or start a heading; control characters are shown as escapes."""
    lines = _LINE_BREAKS.split(text)
    return "<br>".join(terminal(_MARKDOWN_SPECIAL.sub(r"\\\g<0>", line)).replace("\t", " ") for line in lines)
