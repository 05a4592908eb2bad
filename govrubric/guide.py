"""The facts guide: one Markdown page, generated from the rubric, that tells a unit what to fill in and
how every item is scored (`govrubric inputs 细则.rubric --guide 说明.md`). Generated, it cannot go stale:
a fact the rubric now computes, or one a category need not give, reads so as soon as the rubric does."""
from __future__ import annotations

from . import ast
from . import model as m
from .i18n import language, listed, phrase, quoted, word
from .printer import find_comments
from .templates import computed, needs

MARKER = "<!-- 由 govrubric inputs --guide 从细则生成,请勿手改:细则改了,重新生成 -->"


def generated(first_line: str) -> bool:
    """Whether a guide's first line is the marker govrubric writes, in either language."""
    from .i18n import english

    return first_line in (MARKER, english(MARKER))

# What each kind of fact takes, and an example, in the words of a facts file (docs/cli.md).
_KIND_ROWS = {
    "bool": ("是 / 否(也可写 true/false、1/0、有/无、√/×)", "是"),
    "count": ("不小于0的整数;没有发生写 0", "3"),
    "percent": ("0% 到 100%;不带 % 的数也是百分数(95 就是 95%)", "95%"),
    "ratio": ("不小于0的数", "0.75"),
    "rank": ("从1开始的整数", "3"),
    "days": ("不小于0的整数", "2"),
    "months": ("不小于0的整数", "2"),
    "score": ("所写范围内的分数", "2.5"),
    "discretionary": ("视情给出的分数;按次计分的,每次一个分数,写成一组", "1.5 或 [1, 2.5]"),
    "choice": ("所列选项之一", "(见下表)"),
    "list": ("几个事项用「;」隔开,同一事项的几个级别用「+」连接", "中央级;省部级+市级"),
    "quantity": ("一个数,以细则写的计量单位计(见第 2 节「应填」)", "12.5"),
}
_ORIGIN = {"写明": "细则写明", "默认": "默认读法", "命令行": "命令行指定"}
# Under --lang en the guide's own words (these too: tests/test_i18n.py) are English, from the catalogue; names,
# options, clauses and the rubric's comments stay as written, and so do the column names a unit types.


def guide(model: m.Rubric, tree: ast.Rubric, source: str, rubric_path: str, guide_path: str) -> str:
    """The guide for the rubric read from `rubric_path` (source: its text), to be written at `guide_path`."""
    wanted = needs(model)
    lines = [word(MARKER), word("# {title}:单位事实填写与计分说明", title=model.title), "",
             word("细则:`{rubric}`。本文由 `govrubric inputs {rubric} --guide {guide}` 从细则生成,细则改了重新生成即可。",
                  rubric=rubric_path, guide=guide_path),
             word("空白填报表:`govrubric inputs {rubric} --template 数据.xlsx`;"
                  "填好后计分:`govrubric score {rubric} --facts 数据.xlsx -o 报告.xlsx`。", rubric=rubric_path), ""]
    lines += _file_section(model, wanted)
    lines += _facts_section(wanted, _fill_in_notes(model, source))
    lines += _computed_section(model)
    lines += _readings_section(model)
    lines += _items_section(model, tree, source)
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _file_section(model: m.Rubric, wanted) -> list[str]:
    category = (word("`单位类别`(之一:{categories})、", categories=listed(model.categories))
                if model.categories else "")
    lines = [word("## 1. 数据文件"), "",
             word("每个单位一行(Excel、CSV)或一个对象(JSON):`单位`(单位名称)、{category}"
                  "以及第 2 节的每个事实,列名(键名)就是事实名,不带「」。数值按写法精确读取,不四舍五入;"
                  "逗号只能作千位分隔(1,000)。", category=category), "",
             word("| 类型 | 应填 | 例 |"), "|---|---|---|"]
    seen: list[str] = []
    for need in wanted:
        kind = need.fact.kind if need.fact.per is None else need.kind_zh  # 次数(按季度): a list, its own row
        if kind in seen:
            continue
        seen.append(kind)
        if need.fact.per is not None:
            takes = phrase(need.expected) if language() == "en" else need.expected
            example = ("、".join(["1"] * need.fact.periods) if need.fact.periods else word("12、35、8;没有则填 无"))
        else:
            takes, example = _KIND_ROWS[kind]
            takes, example = word(takes), word(example)
        lines.append(f"| {_cell(need.kind_words)} | {_cell(takes)} | {_cell(example)} |")
    return lines + [""]


def _facts_section(wanted, notes: dict[str, str]) -> list[str]:
    optional = sum(1 for need in wanted if need.fact.optional)
    lines = [word("## 2. 要填的事实({count}个,其中{optional}个可空)", count=len(wanted), optional=optional) if optional
             else word("## 2. 要填的事实({count}个)", count=len(wanted)), "",
             word("「可空」的事实可以不填:不填时用到它的条件都不成立。只有部分类别的单位要填的事实,其他类别的单位不填也可以"
                  "(读它的指标不考核这些单位)。「怎样填」是细则中写在事实声明上方的 `# 填写:` 注释。"), "",
             word("| 事实 | 类型 | 应填 | 谁填 | 用于指标 | 怎样填 |"), "|---|---|---|---|---|---|"]
    english = language() == "en"
    for need in wanted:
        fact = need.fact
        expected = (word("可空;") if fact.optional else "") + (phrase(need.expected) if english else need.expected)
        who = (word("{categories}类单位", categories=listed(f"「{c}」" for c in need.categories))
               if need.categories is not None else word("每个单位"))
        items = listed(need.items) if need.items else word("(没有条款用到)")
        lines.append(f"| 「{_cell(fact.name)}」 | {_cell(need.kind_words)} | {_cell(expected)} "
                     f"| {_cell(who)} | {_cell(items)} | {_cell(notes.get(fact.name, ''))} |")
    return lines + [""]


def _fill_in_notes(model: m.Rubric, source: str) -> dict[str, str]:
    """The `# 填写:` comments on the lines just above a fact's declaration (or at the end of its line),
    where the author says what a unit should count."""
    notes: dict[str, str] = {}
    lines = source.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    import bisect

    for name, fact in model.facts.items():
        if fact.cohort is not None or not fact.span.end:
            continue
        row = bisect.bisect_right(starts, fact.span.start) - 1
        found = []
        above = row - 1
        while above >= 0 and lines[above].strip().startswith(("#", "＃")):
            found.insert(0, lines[above].strip()[1:].strip())
            above -= 1
        trailing = lines[row][fact.span.end - starts[row]:].strip()
        if trailing.startswith(("#", "＃")):
            found.append(trailing[1:].strip())
        said = [text.removeprefix("填写").lstrip(":: ") for text in found if text.startswith("填写")]
        if said:
            notes[name] = ";".join(said)
    return notes


def _computed_section(model: m.Rubric) -> list[str]:
    found = computed(model)
    lines = [word("## 3. 不用填写的值"), ""]
    if not found:
        return lines + [word("细则中没有在全部单位中计算的值(排名、最低、最高、平均)。"), ""]
    lines += [word("这些值由 govrubric 在一起计分的全部单位中算出,单位不填(填了报 GR421):"), ""]
    lines += [f"- 「{fact.name}」:{fact.cohort.text}" for fact in found]
    return lines + [""]


def _readings_section(model: m.Rubric) -> list[str]:
    lines = [word("## 4. 计分口径"), "",
             word("原文有两种读法的地方,计分采用的读法(`govrubric lint --decisions` 列出同一张表):"), "",
             word("| 指标 | 原文 | 口径 | 读法 | 由谁决定 | 理由 |"), "|---|---|---|---|---|---|"]
    order = {node.path: index for index, node in enumerate(model.nodes())}
    decisions = sorted(model.decisions, key=lambda d: -1 if d.path is None else order.get(d.path, len(order)))
    seen = set()
    english = language() == "en"
    for d in decisions:  # the key and the reading as typed (--reading 计分方式=从零计分), quoted in English
        origin = _ORIGIN.get(d.origin)
        row = (d.path or word("全细则"), phrase(d.wording) if english else d.wording, quoted(d.key), quoted(d.value),
               d.origin if origin is None else word(origin), quoted(d.reason or ""))
        if row in seen:
            continue
        seen.add(row)
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    if not seen:
        lines.append(word("| (无) | | | | | |"))
    return lines + [""]


def _items_section(model: m.Rubric, tree: ast.Rubric, source: str) -> list[str]:
    from .render import build_table

    table = build_table(model, tree)
    notes = _reading_notes(tree, source)
    lines = [word("## 5. 各项评分标准"), "",
             word("评分标准由细则的计分含义写出;「细则中的说明」是细则里 `# 口径:` 注释的原话。"), "",
             word("| 序号 | 指标 | 分值 | 评分标准 | 细则中的说明 |"), "|---|---|---|---|---|"]
    for row, note in zip(table.rows, notes):
        number = "\u3000" * row.depth + row.number
        lines.append(f"| {_cell(number)} | {_cell(row.title)} | {_cell(row.points)} "
                     f"| {'<br>'.join(_cell(s) for s in row.standard)} | {'<br>'.join(_cell(n) for n in note)} |")
    lines += ["", word("**总分**:") + ";".join(table.total), ""]
    return lines


def _reading_notes(tree: ast.Rubric, source: str) -> list[list[str]]:
    """For each item in order (as render's rows), its own `# 口径:` comments (not its sub-items'), each with
    the comment lines that continue it (indented after the #)."""
    comments = find_comments(source)
    found: list[list[str]] = []

    def own(item: ast.Item) -> list[str]:
        inside = [c for c in comments if item.span.start <= c.start < item.span.end
                  and not any(child.span.start <= c.start < child.span.end for child in item.children)]
        notes: list[str] = []
        continuing = False
        for comment in inside:
            body = comment.text[1:]
            if body.strip().startswith("口径"):
                notes.append(body.strip().removeprefix("口径").lstrip(":: "))
                continuing = True
            elif continuing and body.startswith(("  ", "\u3000")) and body.strip():
                notes[-1] += body.strip()
            else:
                continuing = False
        return notes

    def walk(items) -> None:
        for item in items:
            found.append(own(item))
            walk(item.children)

    walk(tree.items)
    return found
