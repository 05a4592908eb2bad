"""The highlighting grammars of the editors (VS Code's TextMate grammar, the workbench's CodeMirror mode)
colour what the rubric language means: their words are the Lark grammar's words."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"
TM = json.loads((VSCODE / "syntaxes" / "govrubric.tmLanguage.json").read_text(encoding="utf-8"))
LARK = (ROOT / "grammar" / "rubric.lark").read_text(encoding="utf-8")


def scopes(line: str) -> list[tuple[str, str]]:
    """(text, scope) of each match, trying the top-level patterns in order at each position (as TextMate does)."""
    rules = [TM["repository"][p["include"][1:]] for p in TM["patterns"]]
    found, at = [], 0
    while at < len(line):
        for rule in rules:
            match = re.compile(rule["match"]).match(line, at) if not rule["match"].startswith("^") or at == 0 \
                else None
            if match and match.end() > at:
                name = rule.get("name") or rule["captures"]["1"]["name"]
                text = match.group(1) if "captures" in rule else match.group(0)
                found.append((text.strip(), name.split(".")[0] + "." + name.split(".")[1]))
                at = match.end()
                break
        else:
            at += 1
    return found


def test_a_clause_is_coloured_by_meaning():
    line = "  1.「事项进驻率」96%(含)以上得1分,否则不得分。# 原文"
    assert scopes(line) == [("1.", "entity.name"), ("「事项进驻率」", "variable.other"), ("96%", "constant.numeric"),
                            ("以上", "keyword.control"), ("得", "keyword.operator"), ("1分", "constant.numeric"),
                            ("否则", "keyword.control"), ("不得分", "keyword.operator"), ("# 原文", "comment.line")]
    assert scopes("二、【持续推进政务服务规范化】(29分)")[:2] == [("二、", "entity.name"),
                                                           ("【持续推进政务服务规范化】", "markup.heading")]
    assert scopes("计分方式:从零计分")[0] == ("计分方式", "keyword.other")


def test_setting_words_are_the_grammars():
    setting = TM["repository"]["setting"]["match"]
    words = re.search(r"\(([^()]*)\)\(\?=", setting).group(1).split("|")
    # a word as a literal, or as a terminal that takes it only before its choice (PER_LOW_SETTING: /每低(?=…)/)
    missing = [w for w in words if f'"{w}"' not in LARK and f"/{w}(?=" not in LARK]
    assert missing == []
    web = (ROOT / "editors" / "web" / "src" / "language.js").read_text(encoding="utf-8")
    assert re.search(r"SETTING_KEYS = /\^\(([^)]*)\)", web).group(1).split("|") == words


def test_the_extension_declares_the_language_and_starts_the_server():
    package = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    [language] = package["contributes"]["languages"]
    assert language["extensions"] == [".rubric"]
    [grammar] = package["contributes"]["grammars"]
    assert (VSCODE / grammar["path"]).exists() and grammar["scopeName"] == TM["scopeName"]
    assert package["contributes"]["configuration"]["properties"]["govrubric.command"]["default"] == ["govrubric", "lsp"]
    assert "vscode-languageclient" in package["devDependencies"] and "@vscode/vsce" in package["devDependencies"]
