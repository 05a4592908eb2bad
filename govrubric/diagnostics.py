"""Diagnostics as values: one registry of codes and Chinese messages, and their rendering."""
from __future__ import annotations

from typing import Iterable

import attrs

from .source import NO_SPAN, SourceFile, Span
from .textsafe import terminal, terminal_value

ERROR = "error"
WARNING = "warning"
HINT = "hint"

SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", HINT: "提示"}

# code -> (slug, message template). Codes are stable: never renumber, only add.
MESSAGES: dict[str, tuple[str, str]] = {
    # GR1xx: text that cannot be read
    "GR101": ("syntax", "无法理解这里的写法:{detail}"),
    "GR102": ("broken-number", "数字中间有空格:「{found}」,应写作「{fixed}」"),
    "GR103": ("unclosed-name", "名称缺少右引号「」」"),
    "GR104": ("unexpected-end", "文件在此处意外结束:{detail}"),
    "GR105": ("bad-encoding", "文件不是 UTF-8 编码:{detail}"),
    "GR106": ("unreadable-file", "无法读取文件:{detail}"),
    "GR107": ("bad-number", "数字写法有误:{detail}"),
    "GR109": ("unclosed-title", "标题缺少右括号「】」"),
    "GR108": ("invisible-line-break", "{place}有看不见的{name}({point}):有的编辑器把它显示为换行,有的不显示;"
                                      "细则只把回车换行当作换行"),
    "GR110": ("number-too-long", "数字「{number}」有{digits}位,超过上限{limit}位"),
    # GR2xx: names, numbering, structure
    "GR201": ("unknown-fact", "未声明的事实「{name}」"),
    "GR202": ("duplicate-fact", "事实「{name}」重复声明(首次声明在第{line}行)"),
    "GR203": ("duplicate-numbering", "编号「{label}」在同一层级重复出现(首次在第{line}行)"),
    "GR204": ("clause-outside-item", "评分条款必须写在某个指标之下"),
    "GR205": ("dangling-tier", "这一档没有可以接续的前一条款:档次须紧跟在写明事实的条款之后"),
    "GR206": ("dangling-limit", "这条上限/下限没有可以作用的条款或指标"),
    "GR207": ("unknown-category", "未声明的单位类别「{name}」"),
    "GR208": ("unknown-section", "总分的公式或规则引用了不存在的{label}"),
    "GR209": ("duplicate-header", "「{key}」重复设置(首次在第{line}行)"),
    "GR210": ("missing-subject", "无法确定本条款针对哪个事实:{detail}"),
    "GR211": ("bad-escalation", "逐次加重的条款写法有误:{detail}"),
    "GR212": ("respective-mismatch", "「分别/依次」前后个数不一致:{left}个对象,{right}个分值"),
    "GR213": ("unknown-option", "「{name}」不是事实「{fact}」的选项;可选:{options}"),
    "GR214": ("unknown-name", "未知的名称「{name}」"),
    "GR215": ("empty-name", "名称不能为空"),
    "GR216": ("header-after-items", "「{key}」属于细则总体设置,应写在第一个指标之前"),
    "GR217": ("bad-reading", "口径设置有误:{detail}"),
    "GR218": ("bad-cohort-value", "按全体单位计算的值「{name}」写法有误:{detail}"),
    "GR219": ("cohort-cycle", "「{name}」按全体单位的得分计算,又被这些得分用到:{detail}"),
    "GR221": ("per-or-exactly", "「{text}」含义不明:是每{count}计一次分,还是正好{count}时才计分?"),
    "GR220": ("padded-name", "名称「{name}」两端有空格:数据文件读入时去掉单元格两端的空格,这样的名称永远填不进去"),
    "GR222": ("bad-total-rule", "总分规则的条件有误:{detail}"),
    "GR227": ("marked-number-differs", "「{written}」里的数与它标明的「{value}」不同"),
    "GR226": ("misplaced-below-zero", "「倒扣」写错了地方:{detail}"),
    "GR228": ("misplaced-spill", "「追加扣除」写错了地方:{detail}"),
    "GR229": ("per-period-requirement", "「{text}」是对每个{period}的要求,不是每次计分"),
    "GR231": ("per-value-fact", "逐起或按期给出的事实用法有误:{detail}"),
    "GR232": ("stray-basis-note", "「(以…为准)」没有紧跟在它说明的条款之后"),
    "GR234": ("step-without-side", "「{step}」没有写方向,数的是全部,还是前一档「{earlier}」以外的部分?"),
    "GR236": ("bad-ranking", "排名的写法有误:{detail}"),
    "GR235": ("step-down-from-nothing", "「{step}」前面没有写要求,按「{name}」本身计:它若是做到的数,做到的每一个都算作少了一个"),
    "GR230": ("indentation-disagrees", "缩进与层级不符:{detail};按编号它计入「{name}」"),
    "GR223": ("grade-with-total-rule", "同一条规则里既定等次(为「…」)又确定总分(按…确定);两者要分开写"),
    "GR224": ("reserved-name", "「{name}」不能用作事实名:事实文件中「{name}」一栏{role}"),
    "GR225": ("invisible-in-name", "名称「{name}」中有看不见的字符:{chars}"),
    # GR3xx: types, units, values
    "GR301": ("type-mismatch", "{detail}"),
    "GR302": ("unit-mismatch", "单位不符:{detail}"),
    "GR303": ("out-of-range", "数值超出范围:{detail}"),
    "GR304": ("backwards-range", "区间写反了:{low} 大于 {high}"),
    "GR305": ("conflicting-bounds", "边界用词相互矛盾:{detail}"),
    "GR306": ("negative-amount", "分值不能为负数:{detail}"),
    "GR307": ("division-by-fact", "比值的分母必须是数量类事实:{detail}"),
    "GR308": ("inexact-conversion", "单位换算除不尽:{detail}"),
    # GR4xx: facts given for a unit
    "GR401": ("missing-fact", "单位「{unit}」缺少事实「{fact}」(应为{expected})"),
    "GR402": ("unknown-fact-column", "单位「{unit}」提供了未声明的事实「{fact}」{hint}"),
    "GR403": ("bad-fact-value", "单位「{unit}」的事实「{fact}」的值「{value}」不合要求:应为{expected}"),
    "GR404": ("duplicate-unit", "单位「{unit}」重复出现"),
    "GR405": ("unknown-unit", "找不到单位「{unit}」{hint}"),
    "GR406": ("bad-facts-file", "无法读取事实文件:{detail}"),
    "GR407": ("unknown-unit-category", "单位「{unit}」的类别「{value}」未在细则中声明;可选:{expected}"),
    "GR408": ("zero-denominator", "单位「{unit}」的事实「{fact}」为0,无法计算比值"),
    "GR409": ("missing-column", "事实文件中没有「{column}」(应为{expected}),所有单位都无法计分"),
    "GR410": ("unknown-column", "事实文件中的「{column}」列不是细则声明的事实{hint}"),
    "GR411": ("empty-cell", "单位「{unit}」的事实「{fact}」没有填写(应为{expected})"),
    "GR412": ("unnamed-unit", "这一行没有填写单位名称,无法计分"),
    "GR413": ("duplicate-column", "事实文件中「{column}」列出现了{count}次"),
    "GR414": ("no-units", "事实文件中没有任何单位:{detail}"),
    "GR416": ("conflicting-sheets", "单位「{unit}」的事实「{fact}」在两张表中填得不同:{first}是「{value}」,{second}是「{other}」"),
    "GR425": ("several-amounts-once", "单位「{unit}」的事实「{fact}」填了一组分数「{value}」,但用到它的条款只计一次分:应为{expected}"),
    "GR430": ("value-read-as", "单位「{unit}」的{what}"),  # what: 事实「差错」:「2次」读作 2
    "GR415": ("invisible-in-unit-name", "单位名称「{shown}」中有看不见的字符:{chars}"),
    "GR420": ("needs-cohort", "「{names}」要在一批单位中计算(排名、最低、平均等),单个单位无法计分"),
    "GR421": ("cohort-value-given", "单位「{unit}」填写了「{fact}」,但它由全体单位计算得出,不应填写"),
    "GR422": ("cohort-cycle-at-scoring", "无法计算「{fact}」:{detail}"),
    # GR5xx: command line and files
    "GR501": ("would-overwrite-input", "拒绝覆盖输入文件:{path}"),
    "GR502": ("bad-output", "无法写出文件:{detail}"),
    "GR503": ("output-exists", "文件已存在:{path}"),
    "GR504": ("format-unsafe", "格式化后的细则与原文含义不一致,没有写入:{detail}"),
    # GR6xx: the SQL backend (govrubric compile --target sql, score --engine duckdb; docs/sql.md)
    "GR601": ("sql-unsupported", "不能编译为 SQL:{detail};请用 Python 计分(--engine python)"),
    "GR602": ("sql-value-too-long", "单位「{unit}」的事实「{fact}」的值「{value}」超出 SQL 计分能精确表示的范围({limit});请用 --engine python"),
    # GL1xx–GL9xx: lint findings (govrubric lint; docs/lint-rules.md). Severity is set per finding.
    "GL001": ("reading-default", "{wording}:{question}?原文没有写明,计分采用默认口径「{key}:{value}」"),
    "GL101": ("points-mismatch", "{parts}分值合计{total}分({terms}),与{whose}{points}分不符"),
    "GL102": ("points-partial", "下级中有的写了分值、有的没有写:{detail}"),
    "GL103": ("numbering-gap", "{detail}"),
    "GL104": ("full-stop-decimal", "{detail}"),
    "GL201": ("over-points", "本项各条款合计{raw},超过本项分值{points}分,超出部分永远不计"),
    "GL202": ("full-unreachable", "{reach},达不到{whose}{points}分"),
    "GL203": ("total-below-zero", "「{name}」{low}"),
    "GL204": ("total-over-full", "「{name}」{high}满分{full}分"),
    "GL205": ("floor-above-zero", "本项最低也得{low}分:各条最多扣{most}分,扣不完分值{points}分"),
    "GL206": ("range-incomplete", "本项的事实组合太多,没有算出准确的得分范围"),
    "GL301": ("tier-gap", "{detail}时,没有任何一档适用,{consequence}"),
    "GL302": ("tier-overlap", "「{later}」与前面的「{earlier}」都包含{values};按先写先得,这些取值按前一档计分"),
    "GL303": ("ambiguous-boundary", "「{text}」没有写明是否包含{value};本语言按不含理解"),
    "GL304": ("tier-gap-one-side", "{detail}不属于任何一档,这时只由{others}决定"),
    "GL305": ("order-inverted", "{detail}"),
    "GL306": ("gap-caught-by-otherwise", "{detail}时,不属于写明的任何一档,落入最后的「{otherwise}」"),
    "GL401": ("cap-over-points", "本条上限{cap}分大于{whose}分值{points}分"),
    "GL402": ("caps-over-points", "各条{kind}上限合计{total}分({terms}),超过本项分值{points}分"),
    "GL403": ("cap-never-binds", "本条最多{verb}{most}分,上限{cap}分永远用不上"),
    "GL404": ("cap-below-step", "「{step}」一次就{verb}{amount}分,本条的上限「{cap_text}」却只有{cap}分:第一次就超过上限,多出的部分永远不计"),
    "GL501": ("cannot-change", "{detail}"),
    "GL502": ("never-fires", "{detail}"),
    "GL503": ("no-effect", "「{text}」单独成句,不改变任何得分:{detail}"),
    "GL504": ("never-deducts", "「{text}」在从0计分的本项里{detail}"),
    "GL601": ("unused-fact", "事实「{name}」已声明,但没有任何条款用到"),
    "GL602": ("fact-not-needed", "本项的{count}个事实({names})只用于{scope}单位的计分,「{others}」类单位也必须填写,却不会用到"),
    "GL603": ("score-unbounded", "分值事实「{name}」没有写范围,{detail}:填多大的分数都接受,没有上限"),
    "GL701": ("applies-to-nobody", "本项对任何单位类别都不适用:{detail}"),
    "GL702": ("not-applicable-unstated", "有指标只适用于部分单位类别,细则却没有写明不适用的指标怎样计分"),
    "GL703": ("target-unmatched", "考核对象「{target}」与声明的单位类别({categories})都对不上,也没有写「适用」"),
    "GL704": ("prorated-bonus", "不适用项按比例折算时,本项(没有分值)的加分也随总分按比例放大"),
    "GL801": ("duplicate-scoring", "本项的评分条款与 {other} 逐字相同"),
    "GL901": ("bad-silence", "忽略 lint 的注释写法有误:{detail}"),
    "GL902": ("unused-silence", "这条注释要忽略的 {silenced} 在本项没有出现"),
}


@attrs.frozen
class Diagnostic:
    code: str
    severity: str
    message: str
    span: Span = NO_SPAN
    source: SourceFile | None = attrs.field(default=None, eq=False, repr=False)
    help: str | None = None
    note: str | None = None
    item: str | None = None  # numbering path of the item concerned, e.g. 三.2
    where: str | None = None  # place in a facts file, e.g. 数据.xlsx 第3行 C列
    # other places the message speaks of, each with a word on what it is there (the earlier tier of an overlap)
    related: tuple[tuple[Span, str], ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def slug(self) -> str:
        return MESSAGES[self.code][0]

    def location(self) -> tuple[str, int, int]:
        if self.source is None:
            return ("<facts>", 0, 0)
        line, col = self.source.line_col(self.span.start)
        return (self.source.path, line, col)

    def short(self) -> str:
        """file:line:col: 错误 GR201 …, for a terminal or a report: control characters from the rubric or the
        facts (an ESC sequence, a bidi override) are shown as escapes such as \\x1b, never sent raw."""
        path, line, col = self.location()
        where = f"{path}:{line}:{col}: " if self.source is not None else (f"{self.where}: " if self.where else "")
        from .i18n import word

        return terminal(f"{where}{word(SEVERITY_ZH[self.severity])} {self.code} {self.message}")

    def render(self) -> str:
        lines = [self.short()]
        if self.source is not None:
            text, caret = self.source.caret(self.span, shown=terminal_value)
            lineno = str(self.location()[1])
            gutter = " " * len(lineno)
            lines += [f"{gutter} |", f"{lineno} | {text}", f"{gutter} | {caret}"]
        from .i18n import word

        if self.help:
            lines.append("  " + word("帮助: {text}", text=terminal(self.help)))
        if self.note:
            lines.append("  " + word("注: {text}", text=terminal(self.note)))
        return "\n".join(lines)

    def to_json(self) -> dict:
        path, line, col = self.location()
        return {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "file": path if self.source is not None else None,
            "line": line or None,
            "col": col or None,
            "item": self.item,
            "where": self.where,
            "message": self.message,
            "help": self.help,
        }


# Fields that carry names and values from the rubric or the facts: shown as written in every language (a fact
# may well be called 「得分」, and a column must be named as the file names it).
VERBATIM_FIELDS = frozenset({
    "name", "fact", "unit", "column", "value", "values", "label", "key", "shown", "chars", "written", "other",
    "target", "categories", "options", "text", "later", "earlier", "otherwise", "cap_text", "step", "names",
    "silenced", "path", "found", "fixed", "number", "wording", "terms", "point",
    "first", "second",
})


def make(code: str, span: Span = NO_SPAN, source: SourceFile | None = None, *,
         severity: str = ERROR, help: str | None = None, note: str | None = None,
         item: str | None = None, where: str | None = None, related: tuple[tuple[Span, str], ...] = (),
         **fields: object) -> Diagnostic:
    """A diagnostic in the language chosen (i18n). In English the template comes from the catalogue, and so do
    the help, the note and every phrase field (detail=, consequence=, whose= …) that is a constant phrase of the
    code (msgctxt "diagnostic"), or that it built with its numbers and names (i18n.built: its template's English
    filled in); a phrase built otherwise (an f-string) stays Chinese, and names and values from the rubric or the
    facts (VERBATIM_FIELDS) are never translated."""
    from .i18n import Built, language, phrase, word

    _slug, template = MESSAGES[code]
    if language() == "en":
        fields = {key: phrase(value) if isinstance(value, Built) or isinstance(value, str) and key not in VERBATIM_FIELDS
                  else value for key, value in fields.items()}  # a built() phrase is the program's words, never verbatim
        help, note = (phrase(help) if help else help), (phrase(note) if note else note)
        related = tuple((place, phrase(words)) for place, words in related)
    return Diagnostic(code, severity, word(template, **fields), span, source, help, note, item, where, related)


class Diagnostics:
    """A collector that passes append to and go on."""

    def __init__(self, source: SourceFile | None = None) -> None:
        self.source = source
        self.items: list[Diagnostic] = []

    def error(self, code: str, span: Span = NO_SPAN, **kw: object) -> None:
        self.items.append(make(code, span, self.source, **kw))  # type: ignore[arg-type]

    def add(self, diag: Diagnostic) -> None:
        self.items.append(diag)

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.location()[0], d.span.start, d.code))


def closest(name: str, candidates: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.4)
    return found[0] if found else None
