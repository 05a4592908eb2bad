"""Facts fuzzing: values of every wrong type, given through the API or in JSON, CSV and XLSX files,
end in clear errors (GR4xx diagnostics naming the unit, the fact and where to look), never in
another exception.

Each case starts from valid rows (tests/strategies.py) for a shipped rubric and replaces a few
values with junk: text, numbers of every size and sign, NaN and infinities, floats, booleans,
nothing, lists, nested lists and objects, numbers written with Chinese, full-width or odd digits.
Junk may happen to be valid (「3」 for a count); then the unit is scored.
"""
from __future__ import annotations

import csv
import json
import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import random_rows
from test_properties import SHIPPED

import govrubric
from govrubric.batch import check_table, score_units
from govrubric.diagnostics import MESSAGES
from govrubric.factsio import read_table

TRICKY = ["", " ", "\u3000", "是", "否", "是否", "1e5", "1E400", "NaN", "nan", "Infinity", "-inf", "-0", "０.５",
          "95%%", "95 %", "%", "-5%", "101%", "0.5", "1,000", "1，000", "[1,", '["a"]', "[[]]", "[]", "[[1, 2]]",
          "无", "×", "三", "十二", "两个半", "0x10", "1_000", "٣", "\u00a0", "1\n2", "=1+1", "#DIV/0!", "null",
          "true", "TRUE", "None", "{}", "中央级;省部级+", "+", ";", "、", "\ufeff5", "5\u200b", "\ud800",
          # issue 16: numbers no arithmetic should meet, text a terminal or a spreadsheet would run
          "1e1000000", "1E-999999", "9" * 5000, "0." + "0" * 40 + "1", "9" * 16, "\x1b]0;标题\x07", "\x1b[2J",
          "=HYPERLINK(\"http://x\")", "@SUM(A1)", "-2+3", "甲\u202e乙"]
HUGE = [10**15, 10**5000, -10**4400, Decimal("1e1000000"), Decimal("-1E+999999"), Decimal("1e-999999"),
        Decimal("0." + "0" * 30 + "1"), 1e300]
SCALARS = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(HUGE),
    st.text(max_size=12),
    st.integers(-10**30, 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
JUNK = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.lists(st.lists(SCALARS, max_size=2), max_size=2),
    st.dictionaries(st.text(max_size=3), SCALARS, max_size=2),
)
RUBRIC_NAMES = sorted(SHIPPED)


def spoiled_rows(data, name: str, units: int = 2) -> list[dict]:
    """Valid rows for the shipped rubric with a few values (and sometimes a column name) replaced by junk."""
    model = SHIPPED[name].model
    rows = random_rows(model, random.Random(data.draw(st.integers(0, 2**32), label="seed")), units)
    columns = [k for k in rows[0] if k != "单位"]
    for row in rows:
        for key in data.draw(st.lists(st.sampled_from(columns), min_size=1, max_size=4, unique=True), label="spoiled"):
            row[key] = data.draw(JUNK, label=key)
    if data.draw(st.integers(0, 5), label="rename") == 0:  # a column the rubric does not know
        rows[0][data.draw(st.text(min_size=1, max_size=4), label="unknown column")] = data.draw(SCALARS)
    return rows


def assert_clear(problem, unit_names=None) -> None:
    """A diagnostic a staffer can act on: a registered code, a Chinese message that names the unit."""
    assert problem.code in MESSAGES
    assert problem.code.startswith("GR4"), problem.short()
    assert problem.message and "Traceback" not in problem.message
    if unit_names and "{unit}" in MESSAGES[problem.code][1]:
        assert any(f"「{u}」" in problem.message for u in unit_names), problem.short()
    problem.render()
    json.dumps(problem.to_json(), ensure_ascii=False)


# ---------------------------------------------------------------- through the API
@pytest.mark.parametrize("name", RUBRIC_NAMES)
@settings(max_examples=max(20, settings.default.max_examples // 2))
@given(data=st.data())
def test_api_reports_bad_values_clearly(name, data):
    rubric = SHIPPED[name]
    for row in spoiled_rows(data, name):
        try:
            rubric.score(row)
        except govrubric.GovrubricError as err:
            assert err.diagnostics
            for problem in err.diagnostics:
                assert_clear(problem, [row["单位"]])


@pytest.mark.parametrize("name", RUBRIC_NAMES)
def test_every_fact_rejects_a_value_of_every_wrong_type(name):
    """For each fact, values of the other kinds (a word for a number, a number for a yes/no …)."""
    rubric = SHIPPED[name]
    base = random_rows(rubric.model, random.Random(1), 1)[0]
    # 「三次」「第一」「两天」 are read (facts.read_typed); a unit word of another kind or 零 as a rank is not
    wrong = {"bool": ["也许", "2", [True]], "count": ["三天", "-1", "1.5", True, [1]], "percent": ["很高", "101%", "-1%"],
             "ratio": ["一半", "-0.5"], "rank": ["0", "第零", "2.5"], "days": ["-3", "两次"], "months": ["1.2"],
             "score": ["满分", "-1"], "discretionary": ["-1", "[1, \"x\"]", {"a": 1}], "choice": ["不存在的选项", 3, ["a"]],
             "list": [{"a": 1}, "不存在的事项", [["不存在"]]]}
    for fact in rubric.model.facts.values():
        if fact.cohort is not None or fact.name not in base:
            continue
        for value in wrong.get(fact.kind, []):
            with pytest.raises(govrubric.GovrubricError) as raised:
                rubric.score({**base, fact.name: value})
            codes = [d.code for d in raised.value.diagnostics]
            # a list for a 视情 fact no clause scores per occurrence is refused as a list (GR425) first
            several_refused = fact.kind == "discretionary" and str(value).startswith("[") and codes == ["GR425"]
            assert codes in (["GR403"], ["GR408"]) or several_refused, (fact.name, fact.kind, value, codes)
            assert f"「{fact.name}」" in raised.value.diagnostics[0].message


# ---------------------------------------------------------------- through files
def json_text(value) -> str:
    """value as JSON, numbers written as the exact number literals an attacker could write (1E+1000000,
    a 5,000-digit integer), which Python's json would otherwise refuse to write."""
    raw: list[str] = []

    def literal(number) -> str:
        raw.append(str(Decimal(number)))  # str(int) refuses over 4,300 digits; a Decimal prints them all
        return f"\x00{len(raw) - 1}\x00"

    def walk(value):
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value
        if isinstance(value, int) and abs(value) >= 10**15 or isinstance(value, Decimal):
            return literal(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {str(k): walk(v) for k, v in value.items()}
        return value

    text = json.dumps(walk(value), ensure_ascii=False, default=str)
    return re.sub(r'"\\u0000([0-9]+)\\u0000"', lambda m: raw[int(m.group(1))], text)


def write_json(path: Path, rows: list[dict]) -> None:
    path.write_text(json_text(rows), encoding="utf-8", errors="surrogatepass")


def cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):  # as JSON: str() of a dict holding a 5,000-digit integer raises
        return json_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(Decimal(value))
    return str(value)


def write_csv(path: Path, rows: list[dict]) -> None:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        for row in rows:
            out.writerow([cell_text(row.get(c)) or "" for c in columns])


def write_xlsx(path: Path, rows: list[dict]) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = openpyxl.Workbook()
    sheet = book.active
    columns = list(dict.fromkeys(k for row in rows for k in row))
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in columns])
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c)
            if isinstance(value, (bool, int)) and abs(int(value)) < 10**15:
                cells.append(value)  # numbers and booleans as Excel stores them
            elif isinstance(value, float) and value == value and abs(value) != float("inf"):  # float-ok: a cell
                cells.append(value)
            else:
                text = cell_text(value)
                cells.append(None if text is None else ILLEGAL_CHARACTERS_RE.sub("", text.encode(
                    "utf-8", "replace").decode("utf-8")))
        sheet.append(cells)
    book.save(path)


WRITERS = {".json": write_json, ".csv": write_csv, ".xlsx": write_xlsx}


def score_file(rubric, path: Path) -> None:
    table, problems = read_table(str(path))
    for problem in problems:
        assert_clear(problem)
    if table is None:
        return
    batch = check_table(table, rubric.model)
    names = [u.name for u in batch.units] + list(batch.rejected)
    for problem in batch.problems:
        assert_clear(problem, names)
        assert problem.where and str(path) in problem.where, problem.short()
    if batch.units and not batch.problems:
        _results, problems = score_units(rubric, batch.units)
        for problem in problems:
            assert problem.code in MESSAGES


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(data=st.data())
def test_files_with_bad_values_give_clear_errors(tmp_path_factory, suffix, data):
    name = data.draw(st.sampled_from(RUBRIC_NAMES), label="rubric")
    path = tmp_path_factory.mktemp("facts") / f"数据{suffix}"
    WRITERS[suffix](path, spoiled_rows(data, name))
    score_file(SHIPPED[name], path)


_GOOD: dict = {}


def good_bytes(name: str, suffix: str, folder: Path) -> bytes:
    """A valid facts file, written once: an .xlsx saved again differs (its timestamps), and the
    positions drawn in it must mean the same bytes when Hypothesis replays a case."""
    if (name, suffix) not in _GOOD:
        path = folder / f"good{suffix}"
        WRITERS[suffix](path, random_rows(SHIPPED[name].model, random.Random(0), 2))
        _GOOD[name, suffix] = path.read_bytes()
    return _GOOD[name, suffix]


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(data=st.data())
def test_damaged_files_give_clear_errors(tmp_path_factory, suffix, data):
    """A valid file cut short, with bytes changed, or replaced by random bytes."""
    name = data.draw(st.sampled_from(RUBRIC_NAMES), label="rubric")
    folder = tmp_path_factory.mktemp("facts")
    raw = bytearray(good_bytes(name, suffix, folder))
    how = data.draw(st.sampled_from(["cut", "flip", "random", "empty"]), label="damage")
    if how == "cut":
        raw = raw[:data.draw(st.integers(0, len(raw)), label="at")]
    elif how == "flip":
        for at in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=8), label="at"):
            raw[at] ^= data.draw(st.integers(1, 255), label="bits")
    elif how == "random":
        raw = bytearray(data.draw(st.binary(max_size=300), label="bytes"))
    else:
        raw = bytearray()
    bad = folder / f"bad{suffix}"
    bad.write_bytes(bytes(raw))
    score_file(SHIPPED[name], bad)


# ---------------------------------------------------------------- hostile files (issue 16)
# Files a unit could send on purpose: fields and rows over Excel's limits, JSON nested thousands deep,
# numbers no arithmetic should meet, .xlsx bombs (a far cell, a claimed grid, a huge shared string),
# encodings mixed or unusual, no units at all. Each must end in a clear GR4xx with its place; the same
# file through the command line must exit 2 (or 0 when it happens to be valid) without a traceback.
def _long_field(draw, rows, folder):
    width = draw(st.sampled_from([32_767, 32_768, 131_073, 140_000]), label="characters")
    rows[draw(st.integers(0, len(rows) - 1), label="row")][draw(st.sampled_from(list(rows[0])), label="column")] = \
        draw(st.sampled_from(["字", "1", "="]), label="char") * width
    return _written(draw, rows, folder, (".csv", ".json", ".xlsx"))


def _wide(draw, rows, folder):
    extra = draw(st.sampled_from([16_000, 16_385, 18_279, 19_000]), label="columns")
    path = folder / "宽.csv"
    header = list(rows[0]) + [f"c{i}" for i in range(extra)]
    path.write_text(",".join(header) + "\n" + "\n".join(",".join(str(v) for v in r.values()) for r in rows),
                    encoding="utf-8")
    return path


def _deep(draw, rows, folder):
    depth = draw(st.sampled_from([31, 33, 1_000, 100_000]), label="depth")
    path = folder / "深.json"
    nested = "[" * depth + "]" * depth
    if draw(st.booleans(), label="as a value"):
        text = json.dumps(rows, ensure_ascii=False, default=str).replace('"单位"', f'"x": {nested}, "单位"', 1)
    else:
        text = nested
    path.write_text(text, encoding="utf-8")
    return path


def _huge_number(draw, rows, folder):
    row = rows[draw(st.integers(0, len(rows) - 1), label="row")]
    row[draw(st.sampled_from([k for k in row if k != "单位"]), label="fact")] = draw(st.sampled_from(HUGE), label="n")
    return _written(draw, rows, folder, (".csv", ".json", ".xlsx"))


def _xlsx_bomb(draw, rows, folder):
    """A hand-made workbook: the header and a unit, then cells at the far end of the grid or a long text."""
    far = draw(st.sampled_from(["XFD1048576", "XFD2", "ZZ99999", "A1048576"]), label="cell")
    repeat = draw(st.sampled_from([1, 50, 2_000]), label="far rows")
    text = draw(st.sampled_from([10, 32_768, 100_000]), label="text")
    header = "".join(f'<c r="{_col(i)}1" t="inlineStr"><is><t>{k}</t></is></c>' for i, k in enumerate(rows[0]))
    unit = f'<c r="A2" t="inlineStr"><is><t>{"甲" * text}</t></is></c>'
    far_rows = "".join(f'<row r="{3 + n}"><c r="{far.rstrip("0123456789")}{3 + n}"><v>1</v></c></row>'
                       for n in range(repeat)) if far != "XFD1048576" else \
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = folder / "炸弹.xlsx"
    _package(path, f'<row r="1">{header}</row><row r="2">{unit}</row>{far_rows}', f"A1:{far}")
    return path


def _encoding(draw, rows, folder):
    text = "单位,次数\n甲,1\n"
    data = draw(st.sampled_from([
        text.encode("utf-32"), text.encode("utf-16"), b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode(),
        text.encode() + "乙,2\n".encode("gbk"), text.encode("gbk"), b"\xff\xfe\x00", b"\x00" * 100]), label="bytes")
    path = folder / "编码.csv"
    path.write_bytes(data)
    return path


def _no_units(draw, rows, folder):
    path = folder / draw(st.sampled_from(["表头.csv", "空.json", "空对象.json"]), label="file")
    path.write_text({".csv": ",".join(rows[0]) + "\n"}.get(path.suffix, "[]" if path.stem == "空" else "{}"),
                    encoding="utf-8")
    return path


def _written(draw, rows, folder, suffixes):
    suffix = draw(st.sampled_from(suffixes), label="format")
    path = folder / f"数据{suffix}"
    WRITERS[suffix](path, rows)
    return path


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _package(path: Path, sheet_data: str, dimension: str) -> None:
    from test_hostile_files import xlsx_with

    xlsx_with(path, sheet_data, dimension=dimension)


HOSTILE_FILES = {"long-field": _long_field, "wide": _wide, "deep": _deep, "huge-number": _huge_number,
                 "xlsx-bomb": _xlsx_bomb, "encoding": _encoding, "no-units": _no_units}


@pytest.mark.parametrize("kind", sorted(HOSTILE_FILES))
@settings(max_examples=max(6, settings.default.max_examples // 10), deadline=None)
@given(data=st.data())
def test_hostile_files_end_in_clear_errors_at_their_place(tmp_path_factory, kind, data):
    name = data.draw(st.sampled_from(RUBRIC_NAMES), label="rubric")
    rubric = SHIPPED[name]
    rows = random_rows(rubric.model, random.Random(data.draw(st.integers(0, 2**32), label="seed")), 2)
    folder = tmp_path_factory.mktemp("hostile")
    path = HOSTILE_FILES[kind](data.draw, rows, folder)
    score_file(rubric, path)
    table, problems = read_table(str(path))
    for problem in problems:
        assert problem.where or str(path) in problem.message, problem.short()  # the file, and its place
    result = CliRunner().invoke(main_command(), ["score", str(Path("rubrics") / f"{name}.rubric"), "--facts",
                                                 str(path)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def main_command():
    from govrubric.cli import main

    return main


def test_command_line_lists_bad_facts_without_a_traceback(tmp_path):
    from govrubric.cli import main

    name = "yiliang-2023"
    rows = random_rows(SHIPPED[name].model, random.Random(3), 3)
    rows[0]["全程网办率"] = "很高"
    rows[1]["指南不一致次数"] = "-2"
    rows[2]["按时公布许可清单"] = [1, 2]
    for suffix, write in WRITERS.items():
        path = tmp_path / f"数据{suffix}"
        write(path, rows)
        result = CliRunner().invoke(main, ["score", str(Path("rubrics") / f"{name}.rubric"), "--facts", str(path)])
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output and "GR403" in result.output
