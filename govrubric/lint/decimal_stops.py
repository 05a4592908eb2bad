"""GL104: a full stop written for the decimal point (「缺一次扣0。5分」), a slip of published texts.

The encoding keeps the number as published and reads it as the decimal it is (0。5 is 0.5: the grammar takes 。 between
digits only before 分, language.md 第 1 节); lint reports each one, so that the slip in the source is seen and not
copied on. Names 「…」, titles 【…】 and comments are text, not numbers: a full stop there is not reported."""
from __future__ import annotations

import re

from ..diagnostics import WARNING
from ..i18n import built
from ..source import Span
from .context import Context

# the same place the grammar's NUMBER takes a full stop: digits, 。, digits, then 分
_STOP = re.compile(r"(?<![0-9０-９.．])([0-9０-９]+)。([0-9０-９]+)(?=[ \t]*分)")


def check(ctx: Context) -> None:
    for start, end in _outside_names(ctx.source.text):
        for found in _STOP.finditer(ctx.source.text, start, end):
            home = ctx.homes.at(found.start())
            written = found.group()
            number = f"{found.group(1)}.{found.group(2)}"
            ctx.report("GL104", Span(found.start(), found.end()), severity=WARNING,
                       item=home.path if home is not None else None,
                       detail=built("「{written}」中的句号用作小数点,读作{number}", written=written, number=number),
                       help=built("原文如此时照录(编码照原文写,计分读作{number});核对原文,必要时告知发文单位", number=number))


def _outside_names(text: str):
    """The stretches of the text outside 「…」, 【…】 and comments (# or ＃ to the line's end)."""
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        close = {"「": "」", "【": "】"}.get(ch)
        if close is not None or ch in "#＃":
            yield start, i
            end = text.find("\n" if close is None else close, i + 1)
            if close is not None:  # a name runs to its closing mark, or to the line's end when it lacks one
                line_end = text.find("\n", i + 1)
                if end < 0 or (0 <= line_end < end):
                    end = line_end
            i = n if end < 0 else end + 1
            start = i
            continue
        i += 1
    yield start, n
