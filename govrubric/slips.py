"""The common slips in writing a rubric, recognised where the parser stopped and said in the writer's words.

A syntax error is first offered to each detector here, in order; the first that recognises the slip gives
the code, the place of the mistake (which may lie before where the parser stopped: a heading's 「(3)」
lacking 分 is only noticed on the next line) and a message with the fix in Chinese. What none recognises
falls back to syntax.py's general description of what may stand there.
"""
from __future__ import annotations

import re
from functools import lru_cache

import attrs

from .source import Span

_CN_NUMERAL = "零〇一二两三四五六七八九十百千"
_SEPARATORS = ",，;；。"
# words that bound a clause or an item: a segment holding one of these and failing to parse is a limit
_LIMIT_HINTS = ("上限", "封顶", "最多", "最高", "为止", "不超过", "累计", "扣满", "加满", "限额")
_OUTCOME_WORDS = ("扣", "得", "加")


@attrs.frozen
class Slip:
    code: str
    span: Span
    detail: str
    help: str


@lru_cache(maxsize=1)
def _grammar_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The measure words (量词) and the limit words, as the grammar spells them."""
    from .syntax import parser

    grammar = parser()

    def words(rule_name: str) -> tuple[str, ...]:
        found = []
        for rule in grammar.rules:
            if rule.origin.name == rule_name:
                for symbol in rule.expansion:
                    if symbol.is_term:
                        pattern = grammar.get_terminal(symbol.name).pattern
                        # a classifier that also begins ordinary words is a pattern: 种(?![类植子养])|组(?![织建成合长])…
                        values = [pattern.value] if pattern.type == "str" else re.findall(r"([\u4e00-\u9fff]+)\(\?!", pattern.value)
                        found.extend(v for v in values if v not in found)
        return tuple(found)

    return words("measure"), words("cap_word")


def measure_list() -> str:
    measures, _ = _grammar_words()
    return "、".join(measures) + "、个百分点、%"


def limit_phrasings() -> str:
    """Every limit wording the language reads, grouped by what it limits (docs/language.md §7)."""
    from .ast import BONUS_CAP_WORDS, DEDUCTION_CAP_WORDS

    _, caps = _grammar_words()
    deduct = [f"{w}N分" for w in caps if w in DEDUCTION_CAP_WORDS and w != "扣满"] + ["扣满N分为止", "扣完N分为止"]
    bonus = [f"{w}N分" for w in caps if w in BONUS_CAP_WORDS] + ["加满N分为止"]
    total = [f"{w}N分" for w in caps if w not in DEDUCTION_CAP_WORDS and w not in BONUS_CAP_WORDS]
    return (f"限制扣分:{'、'.join(deduct)};限制加分:{'、'.join(bonus)};限制得分:{'、'.join(total)};"
            "整个指标:扣完为止、可扣至负分、累计加减分最高为N分")


def find(text: str, pos: int, found: str, expected: set[str], at_end: bool) -> Slip | None:
    """The slip behind a syntax error at pos (found: the text there, expected: the grammar's terminals)."""
    if at_end:
        pos = len(text.rstrip())
        found = ""
    slip = _nested_basis(text, pos, found, expected)  # (以…(…(…))为准): the bracket too deep, not the words before it
    if slip is not None:
        return slip
    for detect in (_quotes, _keyword_in_situation, _keyword_before_per, _keyword_after_comparison, _rule_inside_points, _keyword_in_note, _unclosed_title, _points_without_fen, _signed_points, _margin_over_fact, _grade_unquoted, _negation_without_name,
                   _bare_not_over, _limit_wording, _de_for_dei,
                   _dei_for_de, _percent_as_measure, _wording_before_comparison, _wording_after_name, _unknown_measure, _keyword_in_word, _unquoted_name):
        slip = detect(text, pos, found, expected)
        if slip is not None:
            return slip
    return None


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _before(text: str, pos: int) -> str:
    """The text before pos on its line, without trailing white space."""
    start, _ = _line(text, pos)
    return text[start:pos].rstrip()


_OPEN, _CLOSE = "(（", ")）"


def _nested_basis(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「(以文件上报县全民科学素质办(科协(县))为准)」: a data source's brackets hold brackets one deep; deeper (or one
    left open) the error points at the inner bracket, not at the words after the outer one."""
    before = _before(text, pos)
    if not before or before[-1] not in _OPEN or not text.startswith("以", pos):
        return None
    _, end = _line(text, pos)
    close = text.find("为准", pos, end)
    if close < 0:
        return None
    depth, opened = 1, []
    for at in range(pos, close):
        if text[at] in _OPEN:
            depth += 1
            opened.append(at)
            if depth > 2:  # a bracket inside the inner one
                inner = opened[-2]
                shut = next((i for i in range(at, end) if text[i] in _CLOSE), at)
                return Slip("GR101", Span(at, shut + 1),
                            f"「{text[at:shut + 1]}」:数据来源「(以…为准)」里的括号只能套一层,这里套在「{text[inner:at]}…」里",
                            f"去掉里层的「{text[at:shut + 1]}」,或把它写作「〔{text[at + 1:shut]}〕」")
        elif text[at] in _CLOSE:
            depth -= 1
            if opened:
                opened.pop()
    if depth > 1 and opened:  # an inner bracket not closed before 为准
        at = opened[-1]
        return Slip("GR101", Span(at, at + 1), f"「(以…为准)」里的「{text[at]}」没有配对的右括号",
                    f"补上右括号,写作「{text[at:close]})为准)」")
    return None


def _quotes(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """“按时公布”得1分: names are written in 「」."""
    start, end = _line(text, pos)
    match = re.compile(r"[“\"‘']([^”\"’'\n]*)[”\"’']").search(text, pos, end)
    if text[pos:pos + 1] not in "“\"‘'" or match is None or match.start() != pos:
        return None
    inner = match.group(1)
    return Slip("GR101", Span(match.start(), match.end()),
                f"名称要写在「」里,不能用引号:{match.group()}",
                f"写作「{inner}」;引号可以留在「」里面,如「“明进暗不进”问题数」")


def _unclosed_title(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """一、【甲(3分): the title lacks its 】."""
    start, end = _line(text, pos)
    if text[pos:pos + 1] != "【" or "】" in text[pos:end]:
        return None
    title = re.match(r"【([^(（\n]*)", text[pos:end]).group(1).rstrip()
    return Slip("GR109", Span(pos, pos + 1), "", f"在标题末尾补上「】」:「【{title}】」")


_POINTS_WITHOUT_FEN = re.compile(r"【[^】\n]*】[ \t\u3000]*([(（][ \t]*([0-9０-９.．]+|[" + _CN_NUMERAL + r"]+)[ \t]*[)）])$")


def _points_without_fen(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """【甲】(3) is read as 【甲】 then the numbering (3) of a sub-item, so the parser stops on the next line:
    the mistake is the missing 分."""
    head = text[:pos].rstrip()
    match = _POINTS_WITHOUT_FEN.search(head[max(0, len(head) - 300):])
    if match is not None:
        at = len(head) - len(match.group(0)) + match.group(0).index(match.group(1))
        written = match.group(1)
        fixed = written[:-1].rstrip() + "分" + written[-1]
        return Slip("GR101", Span(at, at + len(written)), f"分值后面要写「分」:{written} 应写作「{fixed}」",
                    f"指标的分值写作「{fixed}」;不写「分」时,「{written}」会被读作下一级指标的编号")
    if head.endswith("】") and found[:1] in "0123456789０１２３４５６７８９":
        number = re.match(r"[0-9０-９.．]+", text[pos:]).group()
        return Slip("GR101", Span(pos, pos + len(number)), "指标的分值要写在括号里",
                    f"写作「({number}分)」,如「【标题】({number}分)」")
    return None


def _limit_wording(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「最多扣3分封顶」, 「扣分上限3分」: a limit in words the language does not read."""
    start, end = _line(text, pos)
    seg_start = max(text.rfind(sep, start, pos) for sep in _SEPARATORS) + 1 or start
    seg_start = max(seg_start, start)
    seg_end = min([i for i in (text.find(sep, pos, end) for sep in _SEPARATORS) if i >= 0] + [end])
    segment = text[seg_start:seg_end].strip()
    if not segment or "「" in segment or not any(word in segment for word in _LIMIT_HINTS):
        return None
    offset = text.index(segment, seg_start)
    return Slip("GR101", Span(offset, offset + len(segment)), f"「{segment}」不是认得的上下限写法",
                f"上下限可以写:{limit_phrasings()}(见 docs/language.md 第 7 节)")


def _de_for_dei(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「率」达到90%的1分: 的 written for 得."""
    before = _before(text, pos)
    if not before.endswith("的") or not found[:1] or found[0] not in "0123456789０１２３４５６７８９" + _CN_NUMERAL:
        return None
    if "得" not in expected:
        return None
    at = _line(text, pos)[0] + len(before) - 1
    number = re.match(r"[0-9０-９.．" + _CN_NUMERAL + r"]+", text[pos:]).group()
    return Slip("GR101", Span(at, at + 1), f"「的{number}分」:得分要写「得」", f"写作「得{number}分」(或「的,得{number}分」)")


def _dei_for_de(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「公布」得,扣1分: 得 written for 的 (得 needs an amount after it)."""
    before = _before(text, pos)
    if not before.endswith("得") or found[:1] not in _SEPARATORS or not found:
        return None
    after = text[pos + 1:_line(text, pos)[1]].lstrip()
    if not after.startswith(_OUTCOME_WORDS + ("不得分", "此项", "该项", "本项", "视情", "按")):
        return None
    at = _line(text, pos)[0] + len(before) - 1
    return Slip("GR101", Span(at, at + 1), "「得」后面要写分数;条件和结果之间写「的」",
                f"写作「的{found}{after.split('。')[0]}」")


_COMPARISON_AFTER = ("及以上", "及以下", "及以内", "以上", "以下", "以内", "以外")
_WORDING_THEN_COUNT = re.compile(r"「([^」\n]+)」([^\s0-9０-９「」,，;；。" + _CN_NUMERAL + r"]+)((?:[0-9０-９.．]+|["
                                 + _CN_NUMERAL + r"]+)[^\s0-9０-９「」,，;；。以及]{1,3})$")


def _wording_before_comparison(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「「通报批评次数」通报批评2次以上的,扣2分」: wording between the fact and its comparison. After a verb (通报,
    发现) a count is read per occurrence (发现1次扣1分); 「以上」 then has nowhere to go. The comparison follows the fact."""
    word = next((w for w in _COMPARISON_AFTER if text.startswith(w, pos)), None)
    match = _WORDING_THEN_COUNT.search(_before(text, pos)) if word else None
    if match is None:
        return None
    name, wording, count = match.groups()
    at = _line(text, pos)[0] + match.start(2)
    return Slip("GR101", Span(at, pos + len(word)),
                f"「{wording}{count}{word}」:比较({count}{word})要紧接在事实名之后,中间不能写说法",
                f"写作「「{name}」{count}{word}的,…」;说法写进事实名里")


_BARE_NOT_OVER = re.compile(r"[,，][ \t]*(不超过[ \t]*([0-9０-９.．]+|[" + _CN_NUMERAL + r"]+)[ \t]*分)[ \t]*[。;；]?[ \t]*$")


def _bare_not_over(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「每少一次扣3分,不超过10分」: 不超过 alone after a clause opens a comparison (a next tier), not a limit."""
    start, end = _line(text, pos)
    match = _BARE_NOT_OVER.search(text[start:max(pos, start)] if found else text[start:end])
    if match is None:
        return None
    at = start + match.start(1)
    written = match.group(1)
    number = match.group(2)
    return Slip("GR101", Span(at, at + len(written)), f"「{written}」单独写在条款后面,读作下一档的条件,不是上限",
                f"上限写作「最高不超过{number}分」「累计不超过{number}分」,限制扣分也可写「最多扣{number}分」(见 docs/language.md 第 7 节)")


_SIGNED_POINTS = re.compile(r"(?<=[\u4e00-\u9fff」])[ \t]*([+＋\-－—][ \t]*([0-9０-９]+(?:[.．][0-9０-９]+)?)[ \t]*分)")


def _signed_points(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「每次+1分」「每次—2分」: a sign before the points, as score sheets write them, where the language says 加 / 扣."""
    start, end = _line(text, max(pos - 1, 0) if not found else pos)
    for match in _SIGNED_POINTS.finditer(text, start, end):
        if match.start(1) > pos:
            break
        written, number = match.group(1), match.group(2)
        word = "加" if written[0] in "+＋" else "扣"
        return Slip("GR101", Span(match.start(1), match.end(1)), f"「{written}」:分数前不写加减号",
                    f"写作「{word}{number}分」(加分写「加N分」或「得N分」,扣分写「扣N分」),如「每次{word}{number}分」")
    return None


_GRADE_WORDING = re.compile(r"(?:考核结果|考评结果|考核等次|结果)?(?:为|定为|确定为|评为|认定为)[ \t]*([^\s「」,，;；。]{1,6}?)[ \t]*[。;；]?[ \t]*$")


_MARGIN = re.compile(r"(「[^」\n]*」)[ \t]*(高于|低于|超过|多于|少于)[ \t]*(「[^」\n]*」)[ \t]*$")


def _margin_over_fact(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「「增幅」高于「全省平均增幅」2个百分点以上」: a margin over another fact is written as their difference."""
    if not found or not found[0].isdigit():
        return None
    match = _MARGIN.search(_before(text, pos))
    if match is None:
        return None
    a, word, b = match.groups()
    _, end = _line(text, pos)
    amount = re.match(r"[0-9０-９.．]+[ \t]*(?:个百分点|百分点|%|％|[^\s以的,，;；。]{0,3})", text[pos:end]).group()
    sign = "-" if word in ("高于", "超过", "多于") else "+"
    after = re.match(r"[ \t]*(以内|以上|以下)?", text[pos + len(amount):end]).group(1) or ""
    if sign == "+" and amount.rstrip().endswith(("%", "％")):
        # 「低于「标准」10%以内」 (党建带团建, field trial 7 三 #4): a shortfall as a share of the other value is
        # language.md 5「比另一个值低百分之几」; their difference compared with 10% holds only for two percentages
        return Slip("GR101", Span(pos, pos + len(amount)), f"「{word}{b}{amount}」:比另一个值少了它的百分之几,写作「比……低」",
                    f"写作「{a}比{b}低{amount}{after}」(少了{b}的百分之几);两个百分比相差几个百分点写作"
                    f"「{a}比{b}低{amount.rstrip('%％')}个百分点{after}」")
    fixed = f"{a}{sign}{b}达到{amount}" if sign == "-" else f"{b}-{a}达到{amount}"
    return Slip("GR101", Span(pos, pos + len(amount)), f"「{word}{b}{amount}」:比另一个事实多出多少,要写成两者之差",
                f"写作「{fixed}」(「以上」的意思就是「达到」)")


def _grade_unquoted(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「……的,考核结果为不合格」「……的,一票否决」 written without 「」: the grade is a name."""
    if not found or found[0] in "「【":
        return None
    start, end = _line(text, pos)
    match = _GRADE_WORDING.match(text, pos, end)
    if match is None:
        return None
    grade = match.group(1)
    return Slip("GR101", Span(pos, match.end(1)), f"「{text[pos:match.end(1)]}」:等次的名称要写在「」里",
                f"定等次写作「为「{grade}」」(写在第一个指标之前,见 docs/language.md 第 2 节);"
                "一票否决、得分按0分写作「按0分确定」,原文只写「实行一票否决」时照写「实行一票否决」")


def _negation_without_name(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「「按时报送」得1分,未完成不得分」: 未 wants a fact's name; the writer means the tier before it not met."""
    before = _before(text, pos)
    if "NAME" not in expected or not before.endswith(("未", "没有", "不", "无")) or not found or found[0] in "「【":
        return None
    start, end = _line(text, pos)
    match = re.compile(r"[\u4e00-\u9fff]{1,8}?的?[ \t]*[,，]?[ \t]*(?=不得分|不扣分|扣|得)").match(text, pos, end)
    if match is None:
        return None
    neg = next(w for w in ("没有", "未", "不", "无") if before.endswith(w))
    wording = neg + match.group().rstrip(" \t,，")
    return Slip("GR101", Span(pos - len(neg), match.end()), f"「{wording}」:「{neg}」后面要写事实的名称",
                f"说的是前面的要求没有做到时,用逗号接在它后面写:如「「按时报送」得1分,未按时报送的不得分」(即「否则」);"
                f"单独成句时声明一个是否事实「事实「{match.group().rstrip(' ,，的')}」:是否」,"
                f"写「{neg}「{match.group().rstrip(' ,，的')}」的,不得分」")


def _percent_as_measure(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「每降低1%,扣2分」: a gap in a percentage is counted in 个百分点, not in %."""
    if found[:1] not in ("%", "％") or not ("measure" in expected or "个百分点" in expected):
        return None
    return Slip("GR101", Span(pos, pos + 1), "「%」不是「每…」后面的量词:百分比的差距按「个百分点」计",
                "写作「每降低1个百分点」「每低1个百分点」")


_WORDING_THEN_PER = re.compile(r"([^\s0-9０-９「」【】,，;；。:：()（）每扣得加]+?的?)[ \t]*[,，]?[ \t]*(每[^\n]*)")


def _wording_after_name(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「「台账不全处数」台账不全的每处扣0.5分」: the fact's own description between its name and 每 — the parser
    stops inside it (at 台, a classifier) and could only say that 台 is unexpected."""
    before = _before(text, pos)
    if not before.endswith("」") or not found or not ("\u4e00" <= found[0] <= "\u9fff"):
        return None
    _, end = _line(text, pos)
    match = _WORDING_THEN_PER.match(text, pos, end)
    if match is None:
        return None
    name = before[before.rfind("「"):]
    wording = match.group(1)
    return Slip("GR101", Span(pos, pos + len(wording)), f"「{wording}」:事实名之后直接写「每…」,中间不能写说法",
                f"写作「{name}{match.group(2).rstrip('。;； ')}」;说法写进事实名里")


def _unknown_measure(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「床位」达到200张的: 张 is no measure word the language knows."""
    if "measure" not in expected and "个百分点" not in expected and not ({"次", "个", "项"} & expected):
        return None
    word = re.match(r"[^\s0-9０-９「」【】,，;；。:：、()（）的扣得加以及]+", text[pos:])
    if word is None:
        return None
    unit = word.group()[:2] if len(word.group()) > 2 else word.group()
    return Slip("GR101", Span(pos, pos + len(unit)), f"「{unit}」不是认得的量词",
                f"可用的量词:{measure_list()};要数的东西写在事实名里,量词用「个」「件」「项」等,"
                f"如「「床位数」达到200个」")


# 视台账规范情况酌情扣分, 按落实情况计分 (grammar: DISCRETION_WORD, BY_SITUATION) with a keyword or a number in the words
_SITUATION = re.compile(r"([视按])([^\s「」【】,，;；。:：、()（）]{1,10}?)情况(?:酌情|视情)?(?:扣分|加分|给分|得分|赋分|打分|评分|计分)")
_SITUATION_KEYWORDS = re.compile(r"[0-9０-９%％半扣得加减每不未无没" + _CN_NUMERAL + r"]")


def _keyword_in_situation(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「视台账不规范情况酌情扣分」: the words between 视/按 and 情况 only say what the amount depends on; a keyword or a
    number in them (不, 未, 扣, 加, 每 …) could carry a meaning the clause would silently drop, so it is refused."""
    if pos and text[pos - 1] in "视按":  # 按 is a keyword of its own: the parser stops after it
        pos -= 1
    match = _SITUATION.match(text, pos)
    keyword = _SITUATION_KEYWORDS.search(match.group(2)) if match else None
    if keyword is None:
        return None
    return Slip("GR101", Span(pos, match.end()),
                f"「{match.group()}」:「{match.group(1)}」与「情况」之间的说法里有「{keyword.group()}」,它可能有含义,不能只当说法读",
                f"说法里不能有扣、得、加、减、每、不、未、无、没和数字;把这层意思写进事实名或条件"
                f"(「「…」不符合要求的,{match.group(1)}…情况…」),说法只写依据什么给分")


# 「采稿不每少一篇」: words before 每 or a count verb (grammar PER_WORDS) holding a character that has a meaning elsewhere
_BEFORE_PER = re.compile(r"([^\s「」【】,，;；。:：、()（）0-9０-９]{1,12}?)(?=每|发现|缺少|存在|发生|出现|查处)")
_PER_KEYWORDS = re.compile(r"[" + _CN_NUMERAL + r"半扣得加减计记赋给奖罚倍不未无没非超低高以达于满为内外前后第至到或且并及含的否其此之再另同若如但因凡仍又均各分别依逐单按视酌封顶累限止共总率比]")


def _keyword_before_per(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「「篇数」采稿不每少一篇扣1分」: the words before 每 are for reading only (language.md 6.3); one that could mean
    something (不, 以上, 扣 …) is refused rather than dropped."""
    before = _before(text, pos)
    if not before or before[-1] not in "」,，;；":
        return None
    match = _BEFORE_PER.match(text, pos)
    keyword = _PER_KEYWORDS.search(match.group(1)) if match else None
    if keyword is None:
        return None
    verb = text[match.end(1):match.end(1) + 2]
    _, end = _line(text, pos)
    rest = re.match(r"[^;；。#＃\n]*", text[match.end(1):end]).group()
    fix = f"(如「{before[before.rfind('「'):]}{rest}」)" if before.endswith("」") else ""
    return Slip("GR101", Span(pos, match.end(1) + 1),
                f"「{match.group(1)}」写在「{verb[0] if verb[0] == '每' else verb}」之前,只能是说法,但其中的「{keyword.group()}」可能有含义",
                "「每」或「发现」之前的说法里不能有扣、得、加、减、以上、以下、或等有含义的字和数字,不紧跟在事实名之后时也不能有不、未、无、的;"
                f"把这层意思写成条件或写进事实名{fix or f'(说法紧跟在事实名之后:「「…」{match.group(1)}{rest}」)'}")


# 「(4',少一项扣 1 分)」, 「(扣12分,其中每少报1个月报表扣1分)」: the points (or a deduction) in brackets and another rule
# after a comma inside them (field trial 5, REPORT 三 #5). The grammar reads a per-count rule or a condition and its result
# there (earned_with_rule, bracketed_among); anything else inside reaches this slip
_POINTS_THEN = re.compile(r"[(（][ \t]*(扣)?[ \t]*([0-9０-９]+(?:[.．][0-9０-９]+)?)[ \t]*(?:分|['’′])[ \t]*[,，][ \t]*([^()（）\n]{1,40})[)）]")


def _rule_inside_points(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「…决策支持系统(4',少一项扣 1 分)」, 「…统计表(扣12分,其中每少报1个月报表扣1分)」: the points of a requirement (or
    the most a clause deducts) and a rule after a comma in the same brackets. Said in the writer's words: the rule goes
    after the brackets; a deduction's amount before 其中每… is the most it deducts."""
    start = max(text.rfind("(", 0, pos + 1), text.rfind("（", 0, pos + 1))
    if start < 0 or "\n" in text[start:pos]:
        return None
    match = _POINTS_THEN.match(text, start)
    if match is None or pos > match.end():
        return None
    deduct, amount, rest = match.group(1), match.group(2), match.group(3).strip()
    written = match.group()
    if deduct:
        step = re.sub(r"^其中[ \t]*", "", rest)
        return Slip("GR101", Span(start, match.end()), f"「{written}」:括号里「其中」之后只能写按次扣分(每…扣N分)",
                    f"「扣{amount}分」是这一条最多扣的分:写作「(扣{amount}分,其中每…扣1分)」,"
                    f"或写在括号外「{step},最多扣{amount}分」(事实写在「」里,在它前面)")
    points = written[written.index(amount):].split(",")[0].split("，")[0]
    return Slip("GR101", Span(start, match.end()), f"「{written}」:分值的括号里,分值之后的规则读不懂",
                f"括号里分值之后可以写按次扣分(「({points},少一项扣1分)」)或条件和它的结果(「({points},「…」的,酌情扣分)」),"
                f"说到的事实写在「」里;也可以写在括号后面:「({points}),{rest}」(它从这{amount}分里扣)")


_NOTE = re.compile(r"[(（]([^()（）「」【】\n]{1,30})[)）]")
_NOTE_KEYWORDS = re.compile(r"[0-9０-９" + _CN_NUMERAL + r"半扣得加减计记赋给奖罚倍每分%％<>=≤≥＜＞]|以上|以下|以内|超过|低于|高于|不少于|不低于|不超过|少于|多于|达到|不足|不到")


def _keyword_in_note(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「「进行工作述职」(不述职扣1分)的…」: a bracketed note after a fact's name (grammar COND_NOTE) says what the fact
    covers and is never scored; a number, a result or a comparison in it would be a rule silently dropped, so it is refused."""
    start = text.rfind("(", 0, pos + 1)
    start = max(start, text.rfind("（", 0, pos + 1))
    if start < 1 or text[start - 1] != "」" or "\n" in text[start:pos]:
        return None
    match = _NOTE.match(text, start)
    keyword = _NOTE_KEYWORDS.search(match.group(1)) if match else None
    if keyword is None or re.match(r"[ \t]*(?:不?含|若|如|因|但|以.*为[准据]|可空)", match.group(1)):
        return None
    return Slip("GR101", Span(start, match.end()),
                f"「{match.group()}」:事实名后括号里的说明只说这个事实包括什么,不参与计分,其中的「{keyword.group()}」可能是一条规则",
                "括号里的说明不能有数字、分、扣、得、加、减、每和以上、以下、超过、低于等比较词;要计分的写成条款"
                "(「……的,扣1分」),说明事实包括什么的写进事实名或写作「说明:「…」」")


_AFTER_COMPARISON = re.compile(r"(?:以上|以下|以内|之内)$")


def _keyword_after_comparison(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「召开2次以上专题会议未研究民政工作,少一次…」: the words after a worded requirement are for reading only (grammar
    CMP_TAIL); one with a character that could mean something (未, 不, 或 …) is refused rather than dropped."""
    before = _before(text, pos)
    if not _AFTER_COMPARISON.search(before):
        return None
    _, end = _line(text, pos)
    words = re.match(r"[^\s「」【】,，;；。()（）]{1,16}?(?=的|[,，;；。]|$)", text[pos:end])
    keyword = _PER_KEYWORDS.search(words.group()) if words else None
    if keyword is None:
        return None
    return Slip("GR101", Span(pos, pos + len(words.group())),
                f"「{words.group()}」写在比较之后,只能是说法,但其中的「{keyword.group()}」可能有含义",
                "比较之后的说法里不能有扣、得、加、减、不、未、无、以上、以下、或、的等有含义的字和数字;把这层意思写成条件或写进事实名")


def _keyword_in_word(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """「扣减1分」, 「得到1分」: a keyword run into a longer word."""
    before = _before(text, pos)
    if not before or before[-1] not in _OUTCOME_WORDS or not found[:1]:
        return None
    if not ({"NUMBER", "CN_NUM"} & expected) or not ("\u4e00" <= found[0] <= "\u9fff") or found[0] in _CN_NUMERAL:
        return None
    keyword = before[-1]
    at = _line(text, pos)[0] + len(before) - 1
    if keyword == "加" and found[0] == "扣":  # 「其中催办后仍未完成的加扣2分」: 加扣 is a further deduction (field trial 5, SW5-M1)
        return Slip("GR101", Span(at, pos + 1), "「加扣」不是本语言的用词:「加扣」是再扣(另外再扣分),不是加分",
                    "把「加扣」改为「扣」(如「「催办后仍未完成件数」每件扣2分」:另写一个事实,在前一条之外再扣);改为「加」就成了加分")
    return Slip("GR101", Span(at, pos + 1), f"「{keyword}{found[0]}」不是本语言的用词:「{keyword}」后面直接写分数",
                f"写作「{keyword}1分」这样:把「{keyword}{found[0]}」改为「{keyword}」")


_STATEMENT_WORDS = ("事实", "细则", "年度", "单位类别", "满分", "总分", "注", "计分方式", "不适用项", "边界", "每低",
                    "扣分下限", "加分上限", "不得分范围")


def _unquoted_name(text: str, pos: int, found: str, expected: set[str]) -> Slip | None:
    """事实 按时公布:是否, 按时公布得1分: a name without 「」."""
    if "NAME" not in expected:
        return None
    start, end = _line(text, pos)
    line = text[start:end]
    if "「" in line or "【" in line:
        return None
    before = text[start:pos].strip()
    if before == "事实":
        name = re.match(r"[^:：\s]+", text[pos:end])
        if name is None:
            return None
        return Slip("GR101", Span(pos, pos + len(name.group())), "事实名要写在「」里",
                    f"写作「事实「{name.group()}」{text[pos + len(name.group()):end].strip()}」")
    if before and not before.startswith(_STATEMENT_WORDS) and len(before) > 8:
        return None
    stripped = line.strip()
    name = re.match(r"(?:未|没有|不|无)?(.+?)(?=的|得|扣|加|达到|低于|超过|不足|不少于|为|$)", stripped)
    if name is None or not name.group(1) or stripped.startswith(_STATEMENT_WORDS):
        return None
    offset = start + line.index(name.group(1))
    return Slip("GR101", Span(offset, offset + len(name.group(1))), "条件中的事实名要写在「」里",
                f"写作「「{name.group(1)}」…」,并用「事实「{name.group(1)}」:…」声明它")
