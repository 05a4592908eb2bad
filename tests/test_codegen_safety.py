"""Hostile rubrics compile to modules that only score: rubric text reaches the generated source only
as escaped literals and escaped comments, every identifier is generated, and the module calls only
what a scorer needs — checked on the generated module's syntax tree, on its comments, and by running it."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govrubric
from govrubric.codegen import compile_rubric, generate, runtime_source
from govrubric.textsafe import invisible, visible
from test_codegen import assert_same

MARKER = " generated from the rubric\n"

HOSTILE = [
    "'", '"', '"""', "'''", "\\", "\\'", '\\"\\', "__import__('os').system('touch PWNED')",
    '"); import os; os.system("touch PWNED"); ("', "\r__import__('os').system('touch PWNED')",
    "\x00", "a\x00b", "\u202e反转\u202c", "\u200f", "\u2066x\u2069", "\u2028x = 1", "\u2029", "\x85", "\x0b", "\x0c",
    "\x1c\x1d\x1e", "# 注释", "{}", "{0}{name}", "%s%d", "ｓｃｏｒｅ", "score", "__builtins__", "item_1", "D_1",
    "ZERO", "\t制表", "😀", "\r\n", "x" * 5000, "「", "】", "\\N{BULLET}", "\\u2028",
]

# What the generated part may call: runtime helpers, a few builtins, its own item functions.
CALLABLE_NAMES = {"Decimal", "_line", "_say", "_why", "_why_ratio", "_fmt", "_shown", "_signed", "_show", "_amounts", "_any_option",
                  "_respective_list", "_rescale", "_ratio", "_ladder_amount", "_to_places", "_places_note", "_divide", "sum", "len",
                  "max", "all", "any", "range", "int", "str"}
METHODS = {"append", "join", "lstrip", "to_integral_value", "node", "not_applicable", "read"}
LOCALS = {"v", "r", "lines", "base", "effects", "bonuses", "is_bonus", "e", "veto", "raw", "score", "capped", "count",
          "n", "gap", "steps", "amounts", "parts", "k", "detail", "new_base", "full", "total", "new", "category",
          "explaining", "ZERO", "ROUND_FLOOR", "Decimal", "True", "False", "None", "grade",
          "problems", "row", "unit", "name", "rounded", "times", "gains", "losses", "divides"}
METADATA = {"TITLE", "YEAR", "FULL_SCORE", "TOTAL_NAME", "CATEGORIES", "SOURCE_FILE", "SOURCE_SHA256", "METADATA",
            "NOT_APPLICABLE", "NOT_APPLICABLE_EXPLICIT", "GOVRUBRIC_VERSION", "ROOT_IDS", "RATIO_DENOMINATORS",
            "COHORT_FACTS", "FACTS", "COHORTS", "GRADES"}
IDENTIFIER = re.compile(r"(item(_[0-9]+|_h[0-9]+|_o[0-9]+)+(__[0-9]+)?|_scope_[0-9]+|sub_[0-9]+|term_[0-9]+|x[0-9]+"
                        r"|D_[0-9a-z_]+)$")


def hostile_rubric(s: str, names: str | None = None) -> str:
    """Every place rubric text can reach: title, categories, metadata, item titles, fact names, options,
    notes, clause wording, grades. Names cannot hold 」 or a line end (\n or \r), titles 】 or a line end.
    `names` replaces the text in the names of facts, options and categories (those refuse invisible characters,
    GR225); the rest still carries it."""
    text = hostile_name(s)
    name = text if names is None else names
    title = s.replace("】", "").replace("\n", "").replace("\r", "")
    return f"""细则「{text}」
年度 2023
单位类别:「{name}类」、「部门」
说明:「{text}」
满分 100分
「总分」5分以上的为「{text}优」;否则「{name}1」的,为「{text}」。
一、【{title}】(5分)
  适用:「{name}类」
  查验方法:「{text}」
  注:「{text}」
  事实「{name}1」:是否
  事实「{name}2」:次数
  事实「{name}3」:选项「{name}甲」、「乙」
  事实「{name}4」:百分比(可空)
  事实「{name}8」:视情
  「{name}1」得1分
  「{name}2」每1次扣0.5分,扣完2分为止
  「{name}3」为「{name}甲」的,得2分
  「{name}4」不足90%的,每低1个百分点扣0.1分
  「{name}3」为「{name}甲」的,视情扣0.5—1分;为「乙」的,视情扣0.2—0.5分
二、【x】(3分)
  事实「{name}5」:清单「{name}甲」、「乙」
  事实「{name}6」:在「{name}1」的单位中按「{name}2」从高到低排名
  事实「{name}7」:在「{name}类」类单位中第一项得分的平均值
  「{name}5」为「{name}甲」、「乙」的,分别加1分、2分
  「{name}6」前1名加1分
  「{name}7」达到1分得1分
"""


def hostile_name(s: str) -> str:
    return s.replace("」", "").replace("\n", "").replace("\r", "") or "空"


def hostile_row(s: str, names: str | None = None) -> dict:
    name = hostile_name(s) if names is None else names
    return {"单位": name, "单位类别": f"{name}类", f"{name}1": True, f"{name}2": 3, f"{name}3": f"{name}甲",
            f"{name}4": "85.5%", f"{name}5": [[f"{name}甲", "乙"], "乙"], f"{name}6": 1, f"{name}7": "2",
            f"{name}8": "0.6"}


def generated_part(source: str) -> str:
    runtime = runtime_source()
    assert runtime in source, "the runtime is copied verbatim"
    return source[source.index(MARKER) + len(MARKER):]


def assert_only_scores(source: str) -> None:
    """The generated part of a module: generated names only, calls only to what a scorer needs."""
    assert source.splitlines() == source.split("\n")[:-1], "no line break other than \\n anywhere"
    tree = ast.parse(generated_part(source))
    for node in ast.walk(tree):
        assert not isinstance(node, (ast.Import, ast.ImportFrom, ast.Lambda, ast.Global, ast.Nonlocal, ast.With,
                                     ast.Try, ast.ClassDef, ast.Delete, ast.Starred, ast.JoinedStr, ast.Await))
        if isinstance(node, ast.Name):
            assert node.id.isascii() and (node.id in LOCALS | METADATA | CALLABLE_NAMES or IDENTIFIER.match(node.id)), \
                node.id
        if isinstance(node, ast.FunctionDef):
            assert node.name in ("_run", "_check_ladders") or IDENTIFIER.match(node.name), node.name
            assert not node.decorator_list
        if isinstance(node, ast.Attribute):
            assert not node.attr.startswith("__") and node.attr.isascii()
            assert node.attr in METHODS or node.attr in {"scores", "category", "explaining", "missing", "total",
                                                         "total_lines", "sources", "grade"}, node.attr
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                assert func.id in CALLABLE_NAMES or IDENTIFIER.match(func.id), func.id
            else:
                assert isinstance(func, ast.Attribute) and func.attr in METHODS, ast.dump(func)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            assert all(ch.isprintable() or ch == "\u3000" for ch in token.string), repr(token.string)


@pytest.mark.parametrize("s", HOSTILE, ids=lambda s: repr(s)[:30])
def test_hostile_rubric_compiles_to_a_module_that_only_scores(s, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = None
    if invisible(hostile_name(s)):
        # a name with characters that cannot be seen is refused (GR225; GR220 too when they pad it) ...
        refused = govrubric.loads(hostile_rubric(s), "hostile.rubric").check()
        assert refused and {d.code for d in refused} <= {"GR220", "GR225"}, [d.render() for d in refused]
        names = visible(hostile_name(s)).strip() or "空"  # ... and the text elsewhere must still compile safely
    elif hostile_name(s).strip() != hostile_name(s):
        # facts files trim their cells, so a name with white space at its ends is refused (GR220) ...
        refused = govrubric.loads(hostile_rubric(s), "hostile.rubric").check()
        assert refused and {d.code for d in refused} == {"GR220"}, [d.render() for d in refused]
        s = f"甲{s}乙"  # ... and the same characters inside a name must still compile safely
    rubric = govrubric.loads(hostile_rubric(s, names), "hostile.rubric")
    assert rubric.ok, [d.render() for d in rubric.check()]
    source = generate(rubric.model, rubric.line_of)
    assert_only_scores(source)
    scorer = compile_rubric(rubric)
    assert list(scorer.FACTS) == list(rubric.model.facts)  # names round-trip exactly
    assert scorer.TITLE == rubric.model.title and scorer.CATEGORIES == rubric.model.categories
    row = hostile_row(s, names)
    assert assert_same(rubric, scorer, row)
    # 一: 1 − 3 × 0.5 + 2 − ⌊90 − 85.5⌋ × 0.1 − 0.6 (视情, the 甲 tier's 0.5—1) = 0.5;
    # 二: max(1, 2) for 甲+乙, 2 for 乙: 4, capped at 3
    assert scorer.score(row)["一"] == D("0.5") and scorer.score(row)["二"] == D("3")
    given = {k: v for k, v in row.items() if not k.endswith(("6", "7"))}  # computed over the cohort instead
    cohort_alike(rubric, scorer, [given, {**given, "单位": "乙", f"{names or hostile_name(s)}2": 5}])
    assert not (tmp_path / "PWNED").exists()


def cohort_alike(rubric, scorer, rows) -> None:
    try:
        expected = [r.to_json() for r in rubric.score_cohort(rows)]
    except govrubric.GovrubricError as err:
        with pytest.raises(scorer.FactsError) as raised:
            scorer.score_cohort(rows)
        assert [p["message"] for p in raised.value.problems] == [d.message for d in err.diagnostics]
        return
    assert scorer.score_cohort(rows, explain=True) == expected



def test_comments_quote_hostile_text_escaped():
    # names refuse U+0085 and U+2028 (GR225, they cannot be seen); a grade's wording keeps them
    rubric = govrubric.loads(hostile_rubric("a\x85b\u2028c\\d", names="abc\\d"), "hostile.rubric")
    source = generate(rubric.model, rubric.line_of)
    assert "# 第16行:「abc\\\\d1」得1分" in source
    assert "# 第6行:否则「abc\\\\d1」的,为「a\\x85b\\u2028c\\\\d」" in source  # a grade rule


# Characters a name may hold, weighted towards the ones that end lines, quote, escape or reorder text.
_NASTY = st.sampled_from(list("'\"\\#{}%\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\u202e\u200f\t ｓ") + ["\"\"\"", "__"])
_NAMES = st.lists(st.one_of(_NASTY, st.characters(blacklist_categories=("Cs",), blacklist_characters="」】\n")),
                  min_size=1, max_size=12).map("".join)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_NAMES)
def test_any_name_compiles_safely(s):
    names = visible(hostile_name(s)) or "空" if invisible(hostile_name(s)) else None  # refused in names (GR225)
    text = hostile_rubric(s, names)
    rubric = govrubric.loads(text, "hostile.rubric")
    assume(rubric.ok)  # a few strings are not valid names (e.g. only spaces); they never reach the compiler
    source = generate(rubric.model, rubric.line_of)
    assert_only_scores(source)
    scorer = compile_rubric(rubric)
    assert list(scorer.FACTS) == list(rubric.model.facts)
    assert_same(rubric, scorer, hostile_row(s, names))


def test_look_alike_identifiers_stay_strings():
    """ｓｃｏｒｅ folds to score under NFKC: as a fact name it must stay a string key, never a name."""
    rubric = govrubric.loads(hostile_rubric("ｓｃｏｒｅ"), "x.rubric")
    scorer = compile_rubric(rubric)
    assert callable(scorer.score)
    assert "ｓｃｏｒｅ1" in scorer.FACTS
