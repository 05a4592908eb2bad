"""The lint command's output: findings as text (source line, caret, help, example) or JSON, a summary
with what was silenced and why, and the exit status."""
from __future__ import annotations

import json
from typing import Callable

from ..diagnostics import ERROR, HINT, WARNING, Diagnostic
from ..i18n import language, phrase, say, word
from .context import Finding

Echo = Callable[[str], None]


def render(finding: Finding, rubric) -> str:
    """A finding as the checker shows errors, with the item after the code and the example last."""
    diag = finding.diagnostic
    lines = diag.render().split("\n")
    if diag.item:
        lines[0] = lines[0].replace(f" {diag.code} ", f" {diag.code} {diag.item}:", 1)
    if finding.witness is not None:
        text = finding.witness.text(rubric)
        lines.append("  " + word("例: {text}", text=phrase(text) if language() == "en" else text))
    return "\n".join(lines)


def to_json(finding: Finding, rubric) -> dict:
    entry = finding.diagnostic.to_json()
    entry["witness"] = finding.witness.to_json(rubric) if finding.witness is not None else None
    entry["silenced"] = finding.silenced
    entry["reason"] = finding.reason
    return entry


def check_errors_json(diags: list[Diagnostic]) -> list[dict]:
    return [{**d.to_json(), "witness": None, "silenced": False, "reason": None} for d in diags]


def summary(path: str, findings: list[Finding]) -> list[str]:
    active = [f for f in findings if not f.silenced]
    counts = {s: sum(1 for f in active if f.diagnostic.severity == s) for s in (ERROR, WARNING, HINT)}
    lines = [f"{path}: " + say("{errors}个错误、{warnings}个警告、{hints}个提示", errors=counts[ERROR],
                               warnings=counts[WARNING], hints=counts[HINT])]
    silenced = [f for f in findings if f.silenced]
    if silenced:
        lines.append("  " + say("已忽略{count}条", count=len(silenced)) + ":")
        lines += [f"    {f.item or '细则'} {f.code}:{f.reason}" for f in silenced]
    return lines


def failed(findings: list[Finding], strict: bool) -> bool:
    failing = (ERROR, WARNING) if strict else (ERROR,)
    return any(f.diagnostic.severity in failing for f in findings if not f.silenced)


def decisions_json(rubric) -> list[dict]:
    return [{"item": d.path, "reading": d.key, "value": d.value, "origin": d.origin, "reason": d.reason,
             "wording": d.wording} for d in rubric.decisions]


def decisions_text(path: str, rubric) -> list[str]:
    lines = [f"{path}: {len(rubric.decisions)}处口径 / reading(s)"]
    for d in rubric.decisions:
        why = f",理由:{d.reason}" if d.reason else ""
        lines.append(f"  {d.path or '全细则'}  {d.key} = {d.value}({d.origin}{why})  原文:{d.wording}")
    return lines


def run(paths, fmt: str, strict: bool, decisions: bool, echo: Echo) -> int:
    """Lint every file; print the findings (or the readings); return the exit status."""
    from ..service import open_file

    status = 0
    everything: list[dict] = []
    for path in paths:
        doc = open_file(path)
        loaded = doc.loaded
        if not loaded.ok:
            problems = loaded.check()
            status = 1
            if fmt == "json":
                everything += check_errors_json(problems)
            else:
                for diag in problems:
                    echo(diag.render() + "\n")
                echo(f"{path}: " + say("细则有错误,未做 lint"))
            continue
        rubric = loaded.model
        if decisions:
            if fmt == "json":
                everything += [{"file": path, **d} for d in decisions_json(rubric)]
            else:
                echo("\n".join(decisions_text(path, rubric)))
            continue
        findings = doc.lint()
        if failed(findings, strict):
            status = 1
        if fmt == "json":
            everything += [to_json(f, rubric) for f in findings]
            continue
        for finding in findings:
            if not finding.silenced:
                echo(render(finding, rubric) + "\n")
        echo("\n".join(summary(path, findings)))
    if fmt == "json":
        echo(json.dumps(everything, ensure_ascii=False, indent=2))
    return status
