"""Mechanical fixes for lint findings, as edits an editor can apply (the language server's code actions):

- silence a finding for its item with a reason (「# lint: 忽略 GL201 原因:……」, see lint/silence.py);
- GL001: state the reading the scores already use, so that it is written and no longer a default.

Each fix leaves the scores as they are: a stated default reading and a silencing comment change no number.
(GL602's fix, 可空 on facts other categories had to fill in, went with GL602: those units need not give them now.)
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ..source import Span

if TYPE_CHECKING:
    from . import Document, Edit, Problem

REASON_PLACEHOLDER = "请在此写明为什么可以忽略"


@attrs.frozen
class Fix:
    title: str
    code: str  # the finding it fixes
    edits: tuple  # service.Edit
    kind: str = "quickfix"


def fixes_for(doc: "Document", problem: "Problem") -> list[Fix]:
    if problem.origin != "lint" or doc.loaded.model is None:
        return []
    found: list[Fix] = []
    if problem.code == "GL001":
        found += _state_reading(doc, problem)
    if not problem.code.startswith("GL9"):
        found += _silence(doc, problem)
    return found


def _edit(span: Span, text: str) -> "Edit":
    from . import Edit

    return Edit(span, text)


def _item_line_end(doc: "Document", path: str | None) -> tuple[int, str] | None:
    """Where a line belonging to the item (or, for None, to the whole rubric) can be inserted: after its
    heading line, or before the first item; and the indentation its own lines use."""
    model = doc.loaded.model
    text = doc.text or ""
    if path is None:
        if not model.roots:
            return len(text), ""
        start = text.rfind("\n", 0, model.roots[0].span.start) + 1
        return start, ""
    node = next((n for n in model.nodes() if n.path == path), None)
    if node is None:
        return None
    line_start = text.rfind("\n", 0, node.span.start) + 1
    indent = re.match(r"[ \t\u3000]*", text[line_start:]).group(0)
    end = text.find("\n", node.span.start)
    return (len(text) if end < 0 else end + 1), indent + "  "


def _insert_line(doc: "Document", where: tuple[int, str], line: str) -> "Edit":
    offset, indent = where
    text = doc.text or ""
    prefix = "" if offset == 0 or text[offset - 1] == "\n" else "\n"
    return _edit(Span(offset, offset), f"{prefix}{indent}{line}\n")


def _silence(doc: "Document", problem: "Problem") -> list[Fix]:
    where = _item_line_end(doc, problem.diagnostic.item)
    if where is None:
        return []
    whose = f"在{problem.diagnostic.item}" if problem.diagnostic.item else "在全细则"
    line = f"# lint: 忽略 {problem.code} 原因:{REASON_PLACEHOLDER}"
    return [Fix(f"{whose}忽略 {problem.code}(写明原因)", problem.code, (_insert_line(doc, where, line),))]


def _state_reading(doc: "Document", problem: "Problem") -> list[Fix]:
    decision = next((d for d in doc.loaded.model.decisions if d.span == problem.span and d.origin == "默认"), None)
    if decision is None:
        return []
    where = _item_line_end(doc, decision.path)
    if where is None:
        return []
    line = f"{decision.key}:{decision.value}"
    whose = decision.path or "全细则"
    return [Fix(f"在{whose}写明「{line}」(计分不变)", problem.code, (_insert_line(doc, where, line),))]


