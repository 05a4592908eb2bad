"""Numbers as rubric authors write them: 0.1, 1.5, 一, 两, 十二, 第三 → exact Decimal."""
from __future__ import annotations

from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def chinese_integer(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; None when not a Chinese integer."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        h = chinese_integer(high) if high else 1
        l = chinese_integer(low) if low else 0
        return None if h is None or l is None else h * 10000 + l
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def to_decimal(text: str) -> Decimal | None:
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if all(ch.isascii() for ch in text):
        try:
            value = Decimal(text)
        except ArithmeticError:
            return None
        return value if value.is_finite() else None
    whole = chinese_integer(text)
    return None if whole is None else Decimal(whole)


def format_shown(value: Decimal) -> str:
    """format_decimal for explanation text: a negative number with a true minus sign, as signed() writes it."""
    text = format_decimal(value)
    return "−" + text[1:] if text.startswith("-") else text


def format_decimal(value: Decimal) -> str:
    """Exact, fixed-point, without trailing zeros or exponent: 0.30 → 0.3, 1E+1 → 10, -0 → 0."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text
