"""Numbers as rubric authors write them: 0.1, 1.5, 一, 两, 十二, 一百零五 → exact Decimal.

Chinese numerals are read by the rules of written Chinese, strictly: units (十 百 千 万) fall from
left to right, each after one digit (十 may open a number: 十二), and 零 stands for skipped places
(一百零五). Anything else is refused with the reason, never read as a guess: 「九八」 is no number
(九十八? 98?), 「一百一百」 repeats a unit, 「一百五」 may mean 150 or 105.
"""
from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_ZERO = ("零", "〇")
_POWERS = {"十": 1, "百": 2, "千": 3}
_PLACE = {1: "十", 2: "百", 3: "千"}
_CN_DIGITS = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


class NumeralError(ValueError):
    """A Chinese numeral that breaks the rules; the message says why and how to write it (Chinese)."""


def read_chinese_integer(text: str, *, digitwise: bool = False) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 两千 → 2000, 三万零五百 → 30500.

    digitwise: also read a string of digits one by one, as years are written (二〇二三 → 2023).
    Raises NumeralError (its message in Chinese) for anything not written by the rules."""
    if not text or any(ch not in _DIGITS and ch not in _POWERS and ch != "万" for ch in text):
        raise NumeralError(f"「{text}」不是中文数字")
    if digitwise and len(text) > 1 and all(ch in _DIGITS and ch != "两" for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    if text.count("万") > 1:
        raise NumeralError("「万」只能出现一次")
    if "万" in text:
        high, _, low = text.partition("万")
        if not high:
            raise NumeralError("「万」前面要写数字,如「一万」")
        value = _section(high, text) * 10000
        if not low:
            return value
        if low[0] in _ZERO:
            rest = _section(low[1:], text) if low[1:] else None
            if rest is None or rest >= 1000:
                raise NumeralError("「零」后面要写被它隔开的较小的数,如「一万零五百」")
            return value + rest
        if len(low) == 1 and low in _DIGITS:
            raise _abbreviated(text, "万", _DIGITS[low], 1000)
        rest = _section(low, text)
        if rest < 1000:
            raise NumeralError(f"「万」与后面的数之间空了位,要写「零」:如「{high}万零{low}」")
        return value + rest
    return _section(text, text)


def _section(text: str, whole: str) -> int:
    """A number below 10000, written with 千 百 十 and 零."""
    if len(text) == 1 and text in _DIGITS:
        return _DIGITS[text]
    total = 0
    last_power = 4  # the power of the last unit read; the next must be smaller
    digit: int | None = None  # a digit read, waiting for its unit
    digit_char = ""
    zero = False  # a 零 read since the last unit
    for index, ch in enumerate(text):
        if ch in _ZERO:
            if digit is not None:
                raise _digits_run(whole)
            if zero:
                raise NumeralError(f"「{whole}」中连写了两个「零」:只写一个")
            if index == 0:
                raise NumeralError(f"「{whole}」不能以「零」开头")
            zero = True
            continue
        if ch in _DIGITS:
            if digit is not None:
                raise _digits_run(whole)
            digit, digit_char = _DIGITS[ch], ch
            continue
        power = _POWERS[ch]
        if power >= last_power:
            raise NumeralError(f"「{whole}」中的「{ch}」位置不对:十、百、千要从大到小,各写一次")
        if digit is None:
            if index != 0 or ch != "十":
                raise NumeralError(f"「{ch}」前面要写数字,如「一{ch}」")
            digit = 1
        elif digit_char == "两" and ch == "十":
            raise NumeralError("「两十」要写作「二十」")
        if zero and power == last_power - 1:
            raise NumeralError(f"「{whole}」中的「零」多余:{_PLACE[last_power]}位和{_PLACE[power]}位之间没有空位")
        if not zero and last_power < 4 and power < last_power - 1:
            raise NumeralError(f"「{whole}」中空了位,要写「零」:「{text[:index - 1]}零{text[index - 1:]}」")
        total += digit * 10 ** power
        last_power, digit, digit_char, zero = power, None, "", False
    if digit is not None:
        if digit_char == "两" and last_power < 4:
            raise NumeralError(f"个位的「两」要写作「二」:「{whole[:-1]}二」")
        if not zero and last_power > 1:
            raise _abbreviated(whole, _PLACE[last_power], digit, 10 ** (last_power - 1))
        if zero and last_power == 1:
            raise NumeralError(f"「{whole}」中的「零」多余:十位和个位之间没有空位")
        return total + digit
    if zero:
        raise NumeralError(f"「{whole}」末尾的「零」多余")
    return total


def _digits_run(whole: str) -> NumeralError:
    if all(ch in _DIGITS for ch in whole) and len(whole) <= 4 and whole[0] not in _ZERO:
        value = int("".join(str(_DIGITS[ch]) for ch in whole))
        return NumeralError(f"「{whole}」中数字连写,没有十、百、千:如果是{value},请写「{chinese_numeral(value)}」"
                            f"或「{value}」")
    return NumeralError(f"「{whole}」中数字连写,没有十、百、千:按位写出(如「九十八」),或写阿拉伯数字")


def chinese_numeral(n: int) -> str:
    """98 → 九十八, 105 → 一百零五, 1050 → 一千零五十, 10 → 十 (0 ≤ n < 10000), as read_chinese_integer reads them."""
    if n < 10:
        return _CN_DIGITS[n]
    parts, pending_zero = [], False
    for power in (3, 2, 1, 0):
        digit = n // 10 ** power % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_CN_DIGITS[digit] + _PLACE.get(power, ""))
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def _abbreviated(whole: str, unit: str, digit: int, place: int) -> NumeralError:
    head = whole[:-1]
    longer = head + _CN_DIGITS[digit] + {10: "十", 100: "百", 1000: "千"}[place]
    shorter = head + "零" + _CN_DIGITS[digit]
    return NumeralError(f"「{whole}」含义不明:请写「{longer}」或「{shorter}」")


def chinese_integer(text: str) -> int | None:
    """read_chinese_integer, or None when the text is not a Chinese integer written by the rules."""
    try:
        return read_chinese_integer(text)
    except NumeralError:
        return None


# Arabic numbers: digits, a decimal point, and thousands separators only between groups of three.
_ARABIC = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


def read_arabic(text: str) -> Decimal:
    """「0.95」, 「1,234.5」, 「１．５」 → Decimal. Raises NumeralError for 「1,5」 (a decimal comma?),
    「1,23,456」 and anything else that is not a number written one way."""
    plain = text.strip().translate(_FULLWIDTH)
    if not _ARABIC.fullmatch(plain):
        raise NumeralError(separator_problem(plain) or f"「{text}」不是数字")
    return Decimal(plain.replace(",", ""))


def separator_problem(text: str) -> str | None:
    """Why 「1,5」 or 「0,95」 is no number (a comma inside a number only separates thousands, in groups
    of three); None when the text is no such misuse of commas."""
    written = text.strip()
    plain = written.translate(_FULLWIDTH)
    if "," not in plain or _ARABIC.fullmatch(plain) or not re.fullmatch(r"-?[0-9][0-9,]*(?:\.[0-9]+)?", plain):
        return None
    if re.fullmatch(r"-?[0-9]+,[0-9]+", plain) and len(plain.split(",")[1]) != 3:
        decimal = plain.replace(",", ".")
        return (f"「{written}」中的逗号不是小数点:小数写作「{decimal}」;"
                f"逗号只用作千位分隔,每三位一组,如「1,000」")
    return f"「{written}」中的千位分隔不对:逗号只能隔开每三位数,如「1,234,567」;也可以不写逗号"


def to_decimal(text: str, *, digitwise: bool = False) -> Decimal | None:
    """A number as written in a rubric (Arabic, full-width or Chinese) → Decimal; None when it is not one."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if all(ch.isascii() for ch in text):
        try:
            value = read_arabic(text)
        except (NumeralError, ArithmeticError):
            return None
        return value if value.is_finite() else None
    whole = None
    try:
        whole = read_chinese_integer(text, digitwise=digitwise)
    except NumeralError:
        return None
    return Decimal(whole)


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


def format_number(value) -> str:
    """format_decimal, and a Fraction that is no finite decimal (a threshold of 1/3000, 1/3 of 100%) as its
    first six significant digits and an ellipsis: 0.000333333…, 33.3333…."""
    if isinstance(value, Decimal):
        return format_decimal(value)
    if getattr(value, "denominator", 1) == 1:
        return format_decimal(Decimal(int(value)))
    from decimal import ROUND_DOWN, localcontext

    with localcontext() as context:
        context.prec = 6
        context.rounding = ROUND_DOWN
        shown = Decimal(value.numerator) / Decimal(value.denominator)
    return format(shown, "f") + "…"


def exact_quotient(a: Decimal, b: Decimal):
    """a ÷ b as a Decimal when it is one, otherwise as an exact Fraction (1/3000): a threshold, or a ratio tested
    against one, compares exactly either way (Decimal and Fraction compare with each other exactly); 28 digits of
    1/3000 would fall short of 1座/3000人."""
    from decimal import Inexact, localcontext
    from fractions import Fraction

    with localcontext() as context:
        context.clear_flags()
        quotient = a / b
        if not context.flags[Inexact]:
            return quotient
    return Fraction(a) / Fraction(b)


def exact_arith(op: str, a, b):
    """a op b (+, -, *, /) exactly: Decimals where the result is one, otherwise a Fraction (so that 「甲」÷「乙」 compares
    exactly with a threshold); None when either side is."""
    from decimal import Inexact, localcontext
    from fractions import Fraction

    if a is None or b is None or (op == "/" and b == 0):  # a divisor computed over the cohort can be 0
        return None
    if op == "min":  # 「数量」(超过5个以5个计算)
        return min(a, b)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        with localcontext() as context:
            context.clear_flags()
            result = a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
            if not context.flags[Inexact]:
                return result
    a, b = Fraction(a), Fraction(b)
    result = a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
    return as_exact(result)


def as_exact(value):
    """A Fraction whose denominator has only the factors 2 and 5 (a finite decimal) as that Decimal."""
    from fractions import Fraction

    if not isinstance(value, Fraction):
        return value
    den = value.denominator
    for factor in (2, 5):
        while den % factor == 0:
            den //= factor
    if den != 1:
        return value
    from decimal import localcontext

    with localcontext() as context:
        context.prec = 60
        return Decimal(value.numerator) / Decimal(value.denominator)


def as_decimal(value) -> Decimal:
    """A value for arithmetic that needs a Decimal: a Fraction to the context's 28 significant digits."""
    if isinstance(value, Decimal) or value is None:
        return value
    return Decimal(value.numerator) / Decimal(value.denominator)


def round_places(value, places: int) -> tuple[Decimal, bool]:
    """A score as kept (language.md §8): a finite decimal with no more than places decimals as it is; anything else
    (0.58333…, a Fraction 7/12, or 0.125 to two places) rounded half up (away from 0) to places, exactly; and
    whether it was rounded."""
    from fractions import Fraction
    from math import floor

    exact = Fraction(value)
    if isinstance(value, Decimal) and value.as_tuple().exponent >= -places:
        return (value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()), False
    scaled = abs(exact) * 10 ** places
    whole = floor(scaled + Fraction(1, 2))
    rounded = Decimal(whole).scaleb(-places)
    rounded = rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()
    return (-rounded if exact < 0 else rounded), True  # 1.50 kept as 1.5, 2.00 as 2
