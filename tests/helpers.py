"""Small helpers the tests share: write a rubric from text, score facts, read diagnostics."""
from __future__ import annotations

import os
from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st

import govrubric

HEADER = '细则「测试」\n单位类别:「部门」、「街道」\n'

# Under the ci profile (tests/conftest.py), the heaviest property tests — every example draws a whole rubric and
# scores or formats it, or scores both long shipped rubrics — run half the profile's examples, to keep the suite
# within CI's time budget (docs/performance.md, 「测试套件用时」); every other profile runs them in full.
HEAVY = settings(max_examples=settings.default.max_examples // 2 if os.environ.get("HYPOTHESIS_PROFILE") == "ci"
                 else settings.default.max_examples)


def rubric(text: str, header: str = HEADER) -> govrubric.Rubric:
    return govrubric.loads(header + text, "t.rubric")


def ok(text: str, header: str = HEADER) -> govrubric.Rubric:
    loaded = rubric(text, header)
    assert loaded.ok, "\n".join(d.render() for d in loaded.check())
    return loaded


def score(text: str, facts: dict, header: str = HEADER, category: str = "部门"):
    loaded = ok(text, header)
    row = {"单位": "甲", "单位类别": category, **facts}
    return loaded.score(row)


def item(text: str, facts: dict, path: str = "一", **kw) -> Decimal:
    return score(text, facts, **kw).scores()[path]


def codes(text: str, header: str = HEADER) -> list[tuple[str, int, int]]:
    """(code, line, col) of every diagnostic, lines counted in the text after the header."""
    loaded = rubric(text, header)
    offset = header.count("\n")
    return [(d.code, d.location()[1] - offset, d.location()[2]) for d in loaded.check()]


D = Decimal


def string_literals(node):
    """The str literals an argument is written as: a literal, or either branch of an `a if c else b` (the tests
    that hold every message, phrase and template the code says to its English)."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from string_literals(node.body)
        yield from string_literals(node.orelse)


def item_score(text: str, facts: dict, header: str, path: str = "一") -> Decimal:
    """The score of item `path` for one unit 甲, after checking that the compiled scorer gives the same tree and lines."""
    from test_codegen import assert_same  # not at import: test_codegen imports this module

    from govrubric.codegen import compile_rubric

    loaded = govrubric.loads(header + text, "t.rubric")
    assert loaded.ok, loaded.check()
    row = {"单位": "甲", **facts}
    assert assert_same(loaded, compile_rubric(loaded), row)
    return loaded.score(row).scores()[path]


def text_with_a_slip(data, texts, inserted: str = "「」【】:：,，0１一分扣得的#（(\n 　x") -> str:
    """One of texts (paths) with a character deleted, or one of inserted put in, at a drawn place (Hypothesis data)."""
    text = texts[data.draw(st.integers(0, len(texts) - 1))].read_text(encoding="utf-8-sig")
    at = data.draw(st.integers(0, len(text)))
    if data.draw(st.booleans()):
        return text[:at] + text[at + 1:]
    return text[:at] + data.draw(st.sampled_from(inserted)) + text[at:]


def round_trips(text: str, *said: str):
    """The rubric text (with its header) loaded, after checking that printing gives the same tree back and that fmt
    keeps each of `said` as written; returns (the loaded rubric, what print_rubric wrote)."""
    from govrubric.fmt import format_text
    from govrubric.printer import normalise, print_rubric

    loaded = govrubric.loads(text, "t.rubric")
    printed = print_rubric(loaded.tree)
    assert normalise(govrubric.loads(printed, "t.rubric").tree) == normalise(loaded.tree)
    formatted = format_text(text)
    assert formatted.problems == ()
    for words in said:
        assert words in formatted.text
    return loaded, printed


def score_files(folder, rubric_text: str, facts_csv: str, report: str, *options: str, name: str = "细则.rubric"):
    """`govrubric score` through the command on a rubric and a facts CSV written into folder, the report to
    folder/report: (the CliRunner result, the report's path)."""
    from click.testing import CliRunner

    from govrubric.cli import main

    rubric, facts, out = folder / name, folder / "数据.csv", folder / report
    rubric.write_text(rubric_text, encoding="utf-8")
    facts.write_text(facts_csv, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(rubric), "--facts", str(facts), "-o", str(out), *options])
    return result, out
