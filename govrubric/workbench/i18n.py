"""The workbench's words, Chinese first and English available (?lang=en, remembered in a cookie).

Messages about the rubric and the facts come from the language service and stay as the CLI writes
them (Chinese, with the code); these are the page's own words.
"""
from __future__ import annotations

from typing import Callable

LANGUAGES = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("govrubric 工作台", "govrubric workbench"),
    "tab.edit": ("编辑细则", "Edit"),
    "tab.facts": ("数据与计分", "Facts & scoring"),
    "tab.results": ("计分结果", "Results"),
    "tab.preview": ("评分表预览", "Table preview"),
    "tab.diff": ("对比与回测", "Diff & back-test"),
    "files": ("工作文件夹", "Workspace"),
    "new": ("新建", "New"),
    "new.name": ("新细则的文件名(以 .rubric 结尾)", "File name of the new rubric (ending in .rubric)"),
    "new.from": ("从哪里开始", "Start from"),
    "new.starter": ("带注释的起步细则", "the commented starter"),
    "save": ("保存", "Save"),
    "format": ("格式化", "Format"),
    "saved": ("已保存", "Saved"),
    "unsaved": ("未保存", "Unsaved"),
    "no.file": ("(未打开文件)", "(no file open)"),
    "problems": ("问题", "Problems"),
    "no.problems": ("没有发现问题", "No problems found"),
    "checking": ("正在检查……", "Checking…"),
    "linting": ("检查通过,正在 lint……", "Check passed, linting…"),
    "line": ("第{n}行", "line {n}"),
    "example": ("例", "Example"),
    "help": ("帮助", "Help"),
    "template": ("下载填报表", "Download the fill-in template"),
    "template.hint": ("填报表按当前编辑器中的细则生成;在 Excel 或 WPS 中每个单位填一行。",
                      "The template follows the rubric in the editor; fill in one row per unit in Excel or WPS."),
    "upload": ("上传填好的数据", "Upload the filled-in facts"),
    "upload.hint": (".xlsx、.csv 或 .json;有问题时一次列出全部问题。", ".xlsx, .csv or .json; every problem is listed at once."),
    "score": ("计分", "Score"),
    "keep.going": ("有问题的单位不计分,其余照常计分", "Score the valid units, list the rest"),
    "facts.problems": ("事实数据中的问题", "Problems in the facts"),
    "where": ("位置", "Where"),
    "code": ("代码", "Code"),
    "message": ("问题", "Problem"),
    "rank": ("名次", "Rank"),
    "unit": ("单位", "Unit"),
    "category": ("类别", "Category"),
    "total": ("总分", "Total"),
    "grade": ("等次", "Grade"),
    "all.units": ("全部单位", "All units"),
    "explain": ("计分说明", "Explanation"),
    "explain.hint": ("点击单位查看每一分的来历;点击「第N行」跳到细则中的条款。",
                     "Click a unit to see where every point came from; click a line number to jump to the clause."),
    "readings": ("计分依赖的口径", "Readings the scores rely on"),
    "reports": ("下载报告", "Download the report"),
    "no.results": ("还没有计分结果:先在「数据与计分」中上传数据。", "No results yet: upload facts under Facts & scoring."),
    "preview.refresh": ("刷新预览", "Refresh"),
    "diff.old": ("与哪一版比较(旧版)", "Compare with (old version)"),
    "diff.facts": ("去年的数据(可选,用于回测)", "Last year's facts (optional, for the back-test)"),
    "diff.run": ("比较", "Compare"),
    "diff.units": ("回测:得分、名次或等次有变化的单位", "Back-test: units whose score, rank or grade changes"),
    "diff.none": ("没有单位的得分、名次或等次发生变化", "No unit's score, rank or grade changes"),
    "old": ("旧", "old"),
    "new.version": ("新", "new"),
    "change": ("变化", "Change"),
    "items.moved": ("引起变化的指标", "Items that moved it"),
    "conflict": ("文件已在别处修改,没有保存", "The file changed elsewhere; not saved"),
    "lang.switch": ("English", "中文"),
    "workspace": ("工作文件夹:", "Workspace: "),
    "goto": ("转到定义", "Go to definition"),
}


def language(asked: str | None) -> str:
    return asked if asked in LANGUAGES else "zh"


def translator(lang: str) -> Callable[[str], str]:
    index = LANGUAGES.index(lang)

    def t(key: str, **fields: object) -> str:
        words = STRINGS[key][index]
        return words.format(**fields) if fields else words

    return t


def client_strings(lang: str) -> dict[str, str]:
    index = LANGUAGES.index(lang)
    return {key: pair[index] for key, pair in STRINGS.items()}
