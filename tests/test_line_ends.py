"""One reading of line ends everywhere (issue 13, item 9): \\n, \\r\\n and a lone \\r end a line for load,
loads and fmt alike; characters some editors show as a line break and others do not (U+2028 …) are refused
outside 「names」, with a message that names them."""
from decimal import Decimal as D

import pytest

import govrubric
from govrubric.fmt import format_text

# The comment ends at the lone \r: 「a」不得分 is a clause (an editor shows it on a line of its own).
CR_TEXT = "细则「t」\n一、【甲】(2分)\n  事实「a」:是否 # 注释\r  「a」得2分\r  未「a」不得分\n"


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_load_and_loads_read_every_line_end_alike(tmp_path, ending):
    text = ending.join(_lines(CR_TEXT))
    path = tmp_path / "t.rubric"
    path.write_bytes(text.encode("utf-8"))
    from_file, from_text = govrubric.load(str(path)), govrubric.loads(text)
    assert from_file.ok and from_text.ok
    assert from_file.tree == from_text.tree
    # both clauses are read (the comment did not swallow them): 「a」 = 是 → 2分; 否 → 0分
    for loaded in (from_file, from_text):
        assert loaded.score({"单位": "甲", "a": True}).scores()["一"] == D(2)
        assert loaded.score({"单位": "甲", "a": False}).scores()["一"] == D(0)


def test_a_lone_cr_ends_a_comment_in_loads_as_in_load(tmp_path):
    path = tmp_path / "cr.rubric"
    path.write_bytes(CR_TEXT.encode("utf-8"))
    assert len(govrubric.loads(CR_TEXT).model.roots[0].rules) == 2
    assert len(govrubric.load(str(path)).model.roots[0].rules) == 2


def test_fmt_reads_line_ends_as_check_does():
    formatted = format_text(CR_TEXT)
    assert formatted.text is not None
    assert "# 注释\n" in formatted.text and "「a」得2分" in formatted.text


def test_a_line_separator_in_a_comment_is_refused_where_it_stands():
    text = "细则「t」\n一、【甲】(1分)\n  事实「a」:是否  # 注释\u2028「a」得1分\n"
    problems = govrubric.loads(text, "t.rubric").check()
    assert [(d.code, *d.location()[1:], d.message, d.help) for d in problems] == [
        ("GR108", 3, 17, "注释里有看不见的行分隔符(U+2028):有的编辑器把它显示为换行,有的不显示;细则只把回车换行当作换行",
         "删去这个字符;要换行请直接按回车(换行)")]
    # the quoted line shows the character escaped (textsafe), so the terminal does not break the line either,
    # and the caret stands under the escape
    rendered = problems[0].render().splitlines()
    assert rendered[2] == "3 |   事实「a」:是否  # 注释\\u2028「a」得1分"
    assert rendered[3].count("^") == len("\\u2028")


@pytest.mark.parametrize("char, name", [("\u2029", "段分隔符(U+2029)"), ("\x85", "下一行符(NEL)(U+0085)"),
                                         ("\x0c", "换页符(U+000C)"), ("\x0b", "垂直制表符(U+000B)")])
def test_other_invisible_breaks_outside_names_are_refused(char, name):
    text = f"细则「t」\n一、【甲】(1分){char}\n"
    problems = govrubric.loads(text, "t.rubric").check()
    assert [(d.code, *d.location()[1:]) for d in problems] == [("GR108", 2, 10)]
    assert problems[0].message.startswith(f"这里有看不见的{name}:")


def test_inside_a_name_such_characters_are_refused_as_invisible_in_a_name():
    # not a line break (GR108) but a name that would look like another (GR225, issue 16): 「a\u2028b」 and 「ab」
    text = "细则「t」\n一、【甲\u2028乙】(1分)\n  事实「a\u2028b」:是否\n  「a\u2028b」得1分\n"
    problems = govrubric.loads(text).check()
    assert [(d.code, d.message) for d in problems] == [("GR225", "名称「a\\u2028b」中有看不见的字符:U+2028(行分隔符)")]
