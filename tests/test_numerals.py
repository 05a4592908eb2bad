"""Numbers as authors write them: Chinese numerals by the rules of written Chinese, commas only between
thousands; anything else is refused with the fix, never read as a guess (issue 13, item 6)."""
from decimal import Decimal as D

import pytest
from hypothesis import given, strategies as st

import govrubric
from govrubric.numerals import NumeralError, chinese_numeral, read_arabic, read_chinese_integer

from helpers import item, rubric


# ---------------------------------------------------------------- Chinese numerals
@pytest.mark.parametrize("text, value", [
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("一十二", 12), ("二十", 20), ("九十八", 98),
    ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("两百", 200), ("一千零五十", 1050),
    ("两千零二十三", 2023), ("三万零五百", 30500), ("一万五千", 15000), ("零", 0), ("〇", 0),
])
def test_chinese_numerals_written_by_the_rules(text, value):
    assert read_chinese_integer(text) == value


@pytest.mark.parametrize("text, message", [
    ("九八", "「九八」中数字连写,没有十、百、千:如果是98,请写「九十八」或「98」"),
    ("一百一百", "「一百一百」中的「百」位置不对:十、百、千要从大到小,各写一次"),
    ("十百", "「十百」中的「百」位置不对:十、百、千要从大到小,各写一次"),
    ("一百五", "「一百五」含义不明:请写「一百五十」或「一百零五」"),
    ("一千五十", "「一千五十」中空了位,要写「零」:「一千零五十」"),
    ("一百零五十", "「一百零五十」中的「零」多余:百位和十位之间没有空位"),
    ("一百零零五", "「一百零零五」中连写了两个「零」:只写一个"),
    ("二十零", "「二十零」末尾的「零」多余"),
    ("百", "「百」前面要写数字,如「一百」"),
    ("两十", "「两十」要写作「二十」"),
    ("十两", "个位的「两」要写作「二」:「十二」"),
    ("一万五", "「一万五」含义不明:请写「一万五千」或「一万零五」"),
])
def test_malformed_chinese_numerals_are_refused_with_the_fix(text, message):
    with pytest.raises(NumeralError) as raised:
        read_chinese_integer(text)
    assert str(raised.value) == message


def test_every_number_below_ten_thousand_reads_back_from_its_chinese_form():
    for n in range(10000):
        assert read_chinese_integer(chinese_numeral(n)) == n


def _variants(n: int) -> set[str]:
    """The forms of n the reader accepts: the canonical one, 一十 for 十 at the start, 两 before 百/千,
    〇 for 零."""
    canonical = chinese_numeral(n)
    forms = {canonical}
    if canonical.startswith("十"):
        forms.add("一" + canonical)
    for form in list(forms):
        for unit in "百千":
            if form.startswith("二" + unit):
                forms.add("两" + form[1:])
            forms |= {f.replace("二" + unit, "两" + unit) for f in list(forms)}
    forms |= {f.replace("零", "〇") for f in forms}
    if n == 2:
        forms.add("两")
    return forms


@given(st.text(alphabet="零〇一二两三四五六七八九十百千", min_size=1, max_size=6))
def test_the_reader_accepts_only_the_canonical_forms(text):
    """Any string of numeral characters is either refused or one of the accepted forms of what it reads:
    nothing is read by a guess (九八 → 8 and 一百一百 → 200 were)."""
    try:
        value = read_chinese_integer(text)
    except NumeralError:
        return
    assert text in _variants(value), (text, value)


# ---------------------------------------------------------------- Arabic numbers
def test_commas_only_separate_thousands():
    assert read_arabic("1,000") == D(1000)
    assert read_arabic("1,234,567.5") == D("1234567.5")
    assert read_arabic("１，０００") == D(1000)
    for bad, message in [
        ("1,5", "「1,5」中的逗号不是小数点:小数写作「1.5」;逗号只用作千位分隔,每三位一组,如「1,000」"),
        ("0,95", "「0,95」中的逗号不是小数点:小数写作「0.95」;逗号只用作千位分隔,每三位一组,如「1,000」"),
        ("12,34,567", "「12,34,567」中的千位分隔不对:逗号只能隔开每三位数,如「1,234,567」;也可以不写逗号"),
        ("1234,567", "「1234,567」中的千位分隔不对:逗号只能隔开每三位数,如「1,234,567」;也可以不写逗号"),
    ]:
        with pytest.raises(NumeralError) as raised:
            read_arabic(bad)
        assert str(raised.value) == message


# ---------------------------------------------------------------- in a rubric
def _errors(text: str) -> list[tuple[str, int, int, str]]:
    loaded = rubric(text, header="")
    return [(d.code, *d.location()[1:], d.message) for d in loaded.check()]


def test_malformed_numerals_in_a_rubric_are_errors_at_the_numeral():
    text = ("一、【甲】(10分)\n"
            "  事实「次数」:次数\n"
            "  「次数」九八次以上的,扣1分\n"
            "  「次数」一百一百次以上的,扣1分\n"
            "  「次数」第一次扣1分,第九八次扣2分\n"
            "九八、【乙】(1分)\n")
    assert _errors(text) == [
        ("GR107", 3, 7, "数字写法有误:「九八」中数字连写,没有十、百、千:如果是98,请写「九十八」或「98」"),
        ("GR107", 4, 7, "数字写法有误:「一百一百」中的「百」位置不对:十、百、千要从大到小,各写一次"),
        ("GR107", 5, 15, "数字写法有误:「九八」中数字连写,没有十、百、千:如果是98,请写「九十八」或「98」"),
        ("GR107", 6, 1, "数字写法有误:「九八」中数字连写,没有十、百、千:如果是98,请写「九十八」或「98」"),
    ]


def test_a_comma_inside_a_number_in_a_rubric_says_what_to_write():
    assert _errors("一、【甲】(1,5分)\n") == [
        ("GR107", 1, 7, "数字写法有误:「1,5」中的逗号不是小数点:小数写作「1.5」;逗号只用作千位分隔,每三位一组,如「1,000」")]
    assert _errors("一、【甲】(1分)\n  事实「率」:百分比\n  「率」达到0，95得1分\n") == [
        ("GR107", 3, 8, "数字写法有误:「0，95」中的逗号不是小数点:小数写作「0.95」;逗号只用作千位分隔,每三位一组,如「1,000」")]


def test_numbers_in_a_rubric_read_as_written():
    text = ("一、【甲】(3分)\n"
            "  事实「次数」:次数\n"
            "  「次数」达到1,000次的,扣1分\n"
            "  「次数」一百零五次以上的,扣1分\n")
    # from full marks: 3 − 1 (1,000 reached) − 1 (105 reached) = 1
    assert item(text, {"次数": 1000}) == D(1)
    # 999: below 1,000; 105 reached: 3 − 1 = 2
    assert item(text, {"次数": 999}) == D(2)
    # 104: neither: 3
    assert item(text, {"次数": 104}) == D(3)


def test_a_year_may_be_written_digit_by_digit():
    loaded = govrubric.loads("细则「t」\n年度 二〇二三\n一、【甲】(1分)\n")
    assert loaded.ok, [d.render() for d in loaded.check()]
    assert loaded.model.year == 2023


# ---------------------------------------------------------------- in facts
def test_facts_with_a_decimal_comma_are_refused_not_read_as_thousands():
    loaded = rubric("一、【甲】(1分)\n  事实「次数」:次数\n  事实「率」:百分比\n"
                    "  「次数」每1次扣0.1分\n  「率」达到95%得1分\n")
    scorer = govrubric.compile_rubric(loaded)
    row = {"单位": "甲", "单位类别": "部门", "次数": "1,5", "率": "0,95"}
    _values, _category, problems = loaded.validate(row)
    assert [d.message for d in problems] == [
        "单位「甲」的事实「次数」的值「1,5」不合要求:应为不小于0的整数;"
        "「1,5」中的逗号不是小数点:小数写作「1.5」;逗号只用作千位分隔,每三位一组,如「1,000」",
        "单位「甲」的事实「率」的值「0,95」不合要求:应为0%到100%之间的百分数(如 95% 或 95);"
        "「0,95」中的逗号不是小数点:小数写作「0.95」;逗号只用作千位分隔,每三位一组,如「1,000」",
    ]
    assert [p["message"] for p in scorer.check_facts(row)[2]] == [d.message for d in problems]
    good = {"单位": "甲", "单位类别": "部门", "次数": "1,234", "率": "95%"}
    values, _category, problems = loaded.validate(good)
    assert not problems and values["次数"] == D(1234)
    assert scorer.check_facts(good)[0]["次数"] == D(1234)


# ---------------------------------------------------------------- the compiled scorer's copies
# govrubric/_runtime.py is copied into every generated scorer, which must run without govrubric installed, so it
# carries its own exact arithmetic and rounding; these hold the copies to numerals.py.
_exact_values = st.one_of(
    st.none(),
    st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=-1000, max_value=1000, max_denominator=40),
)


@given(op=st.sampled_from("+-*/"), a=_exact_values, b=_exact_values)
def test_the_compiled_scorer_computes_as_govrubric_does(op, a, b):
    from govrubric import _runtime
    from govrubric.numerals import exact_arith

    expected = exact_arith(op, a, b)
    got = _runtime._arith(op, a, b)
    assert got == expected and type(got) is type(expected)


@given(value=_exact_values.filter(lambda v: v is not None), places=st.integers(0, 4))
def test_the_compiled_scorer_rounds_as_govrubric_does(value, places):
    from govrubric import _runtime
    from govrubric.numerals import round_places

    expected, rounded = round_places(value, places)
    got, got_rounded = _runtime._round_places(value, places)
    assert (str(got), got_rounded) == (str(expected), rounded)
