"""Scoring a large facts file unit by unit: each row is read, checked, scored and written out before
the next is read, so memory does not grow with the number of units.

batch.py reads the whole table first (it must, for a cohort: ranks and averages need every unit);
here only the header and one row are held at a time. The unit names seen so far (for GR404) are
kept on disk, in a temporary SQLite table with a bounded page cache. CSV and XLSX files stream; a
JSON file streams when it is a list of units (an object keyed by unit name is read whole), and
then a missing or unknown key is reported for each unit, there being no header to report it once.
A rubric with values computed over a cohort cannot be scored this way (GR420).

    summary = write_scores(rubric, "数据.csv", "得分.csv")   # rubric: govrubric.load(...)

The output CSV has one line per unit: 单位, 单位类别, 总分, 等次 (when the rubric has grades; 无 for a
unit no grade rule holds for), then every item's score by its numbering path. It is written to a temporary file and moved into place at the end, and only when
no unit had a problem (keep_going=True writes the units that could be scored, as `score
--keep-going` does).
"""
from __future__ import annotations

import csv
import itertools
import json
import os
import tempfile
from decimal import Decimal
from typing import Any, Callable, Iterator

import attrs

from .batch import NOTE_COLUMNS, _column_problems
from .diagnostics import Diagnostic, make
from .facts import UNIT_KEYS, FactChecker, unit_name
from .factsio import (SPREADSHEET_SUFFIXES, Row, Table, Unreadable, _from_grid, _header_text, _unreadable,
                      check_json_depth, csv_cells, csv_file_records, grid_rows, sniff_encoding)
from .spreadsheet import csv_restore, csv_row, csv_text
from .i18n import built

HEADER_SEARCH_ROWS = 10  # a title row may stand above the header, as factsio allows
KEPT_PROBLEMS = 1000  # problems kept in the summary; every one is still passed to on_problem


@attrs.frozen
class Streamed:
    """One unit: its result, or the problems that stop it being scored."""

    name: str
    result: Any  # result.Result, or None
    problems: tuple[Diagnostic, ...]


@attrs.frozen
class ScoresOnly:
    """A unit's scores from the compiled scorer (stream_units with explain=False): what a scores file needs."""

    unit: str
    category: str | None
    total: Decimal
    grade: str | None
    by_path: dict

    def scores(self) -> dict[str, Decimal]:
        return self.by_path


@attrs.define
class Summary:
    scored: int = 0
    rejected: int = 0
    problems: list = attrs.Factory(list)  # the first KEPT_PROBLEMS
    problem_count: int = 0
    written: bool = False


# ------------------------------------------------------------------ rows, one at a time
def _table_rows(path: str) -> tuple[Table | None, Iterator[Row], list[Diagnostic]]:
    """The header as a Table without rows, the rows as an iterator, and problems found in the header."""
    table, rows, problems, records = _table_source(path)
    if records is not None:
        rows = (item if isinstance(item, Row) else records.row(*item) for item in rows)
    return table, rows, problems


def _table_source(path: str) -> tuple[Table | None, Iterator, list[Diagnostic], "_Records | None"]:
    """_table_rows, and for a CSV file the records themselves: then the iterator yields the rows read while looking
    for the header (as Row), and after them each record as (row number, fields as written), which
    _Records.row turns into the Row _table_rows gives."""
    if path.lower().endswith(".json"):
        return (*_json_rows(path), None)
    records = None
    if path.lower().endswith(SPREADSHEET_SUFFIXES):
        grid = grid_rows(path)
    else:  # a CSV's encoding is judged on its first 64 KB
        with open(path, "rb") as raw:
            encoding = sniff_encoding(path, raw.read(1 << 16), complete=False)
        from openpyxl.utils import get_column_letter

        records = csv_file_records(path, encoding)
        letters: list[str] = []

        def cells_of(number: int, record: list[str]) -> tuple[int, list[tuple[Any, str]]]:
            while len(letters) < len(record):
                letters.append(get_column_letter(len(letters) + 1))
            return number, csv_cells(record, letters)

        grid = itertools.starmap(cells_of, records)
    waiting: list[tuple[int, list]] = []
    header = None
    for number, cells in grid:
        if not any(value is not None for value, _ in cells):
            continue
        waiting.append((number, cells))
        if any(v is not None and _header_text(v) in UNIT_KEYS for v, _ in cells):
            header = len(waiting) - 1
            break
        if len(waiting) >= HEADER_SEARCH_ROWS:
            break
    if not waiting:
        return None, iter(()), [_unreadable(path, "文件是空的;第一行应是表头(单位、单位类别和各个事实的名称)")], None
    table, problems = _from_grid(path, waiting)  # the header, as factsio finds and reads it
    if table is None:
        return None, iter(()), problems, None
    by_letter = {letter: name for name, letter in table.letters.items()}
    headed = {letter for value, letter in waiting[header if header is not None else 0][1] if value is not None}

    def row(number: int, cells: list[tuple[Any, str]]) -> Row:
        values: dict[str, Any] = dict.fromkeys(table.columns)
        for value, letter in cells:
            if value is None:  # every headed column is already None in values (columns hold every name)
                continue
            name = by_letter.get(letter)
            if name is None and value is not None and letter not in headed:
                name = f"(无表头的{letter}列)"  # data under no header: reported for the unit
            if name is not None and values.get(name) is None:
                values[name] = value
        return Row(values, number)

    rest = itertools.chain(table.rows, records) if records is not None else itertools.chain(
        table.rows, itertools.starmap(row, grid))
    source = None if records is None else _Records(lambda number, record: row(*cells_of(number, record)), by_letter,
                                                   len(waiting[header if header is not None else 0][1]))
    return attrs.evolve(table, rows=()), rest, problems, source


@attrs.frozen
class _Records:
    """How a CSV file's records (after its header) become rows: row(number, fields) → Row; by_letter names each
    column letter's fact (or 单位, 单位类别 …); width: the header's fields."""

    row: Callable[[int, list[str]], Row]
    by_letter: dict
    width: int


def _json_rows(path: str) -> tuple[Table | None, Iterator[Row], list[Diagnostic]]:
    """A JSON list of units, decoded one object at a time; other shapes are read whole by factsio."""
    with open(path, "rb") as raw:
        head = raw.read(1 << 16)
    encoding = sniff_encoding(path, head, complete=False)
    start = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if not start.startswith("["):
        from .factsio import read_table

        table, problems = read_table(path)
        if table is None:
            return None, iter(()), problems
        return attrs.evolve(table, rows=()), iter(table.rows), problems
    return Table(path, (), (), {}, {}, tabular=False), _json_objects(path, encoding), []


class _BadJson(Exception):
    pass


def _json_objects(path: str, encoding: str, chunk: int = 1 << 16) -> Iterator[Row]:
    decoder = json.JSONDecoder(parse_float=Decimal, parse_int=Decimal)
    with open(path, encoding=encoding) as handle:
        buffer, position, number = handle.read(chunk), 0, 0
        position = buffer.index("[") + 1
        while True:
            while True:  # skip blanks and the comma between units
                while position < len(buffer) and buffer[position] in " \t\r\n,":
                    position += 1
                if position < len(buffer):
                    break
                more = handle.read(chunk)
                if not more:
                    raise _BadJson("文件在单位列表结束前就结束了")
                buffer, position = buffer[position:] + more, 0
            if buffer[position] == "]":
                return
            while True:
                try:
                    check_json_depth(path, buffer, position, depth=1)  # Python's parser recurses, and fails deep
                    obj, end = decoder.raw_decode(buffer, position)
                    break
                except json.JSONDecodeError as err:
                    more = handle.read(chunk)
                    if not more:
                        raise _BadJson(f"JSON 格式错误:{err}") from None
                    buffer, position = buffer[position:] + more, 0
            if not isinstance(obj, dict):
                raise _BadJson("应是单位的列表,每个单位一组「事实名: 值」")
            number += 1
            yield Row(obj, number)
            buffer, position = buffer[end:], 0


class _SeenNames:
    """The unit names met so far, on disk: memory stays flat however many units a file holds."""

    def __init__(self) -> None:
        import sqlite3

        self.folder = tempfile.TemporaryDirectory(prefix="govrubric-names-")
        self.db = sqlite3.connect(os.path.join(self.folder.name, "names.sqlite"))
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-2048")  # KiB: a bounded page cache
        self.db.execute("CREATE TABLE seen (name TEXT PRIMARY KEY) WITHOUT ROWID")
        self.integrity = sqlite3.IntegrityError

    def add(self, name: str) -> bool:
        """True the first time a name is added."""
        try:
            self.db.execute("INSERT INTO seen VALUES (?)", (name,))
            return True
        except self.integrity:
            return False

    def close(self) -> None:
        self.db.close()
        self.folder.cleanup()


# ------------------------------------------------------------------ checking and scoring
def compiled_scorer(rubric):
    """The rubric's compiled scorer (codegen), built once per loaded rubric."""
    scorer = rubric.__dict__.get("_compiled_scorer")
    if scorer is None:
        from .codegen import compile_rubric

        scorer = rubric.__dict__["_compiled_scorer"] = compile_rubric(rubric)
    return scorer


def stream_units(rubric, path: str, explain: bool = True) -> Iterator[Streamed | Diagnostic]:
    """File-level problems (as Diagnostic values), then one Streamed per unit, in file order.

    rubric: a loaded govrubric.Rubric that checked clean. After a file-level problem no unit is scored.
    explain=False scores with the compiled scorer (the same numbers, no explanation; each result a ScoresOnly),
    checking a row first with its validator, and only a row it finds a problem in with FactChecker, whose
    messages name the cell."""
    from .cohort import cohort_facts
    from .evaluate import score_unit

    model = rubric.model
    computed = cohort_facts(model)
    if computed:
        yield make("GR420", names="」「".join(f.name for f in computed),
                   help="排名、平均等要在全部单位中计算,不能逐个单位流式计分;请用 govrubric score")
        return
    try:
        table, rows, problems, records = _table_source(path)
    except OSError as err:
        yield _unreadable(path, err.strerror or str(err))
        return
    except Unreadable as err:
        yield err.diagnostic
        return
    yield from problems
    if table is None:
        return
    checker = FactChecker(model)
    # A streamed JSON list has no header: a missing or unknown key is each unit's own problem.
    file_problems, reported = _column_problems(table, model, checker) if table.tabular else ([], set())
    yield from file_problems
    if file_problems:
        return
    seen = _SeenNames()
    unit_column = next((key for key in UNIT_KEYS if key in table.columns), UNIT_KEYS[0])
    scorer = None if explain else compiled_scorer(rubric)
    notes = set(NOTE_COLUMNS)
    columns = None  # the fast path for a CSV file's usual rows (streamcheck.py)
    if scorer is not None and records is not None:
        from .streamcheck import ColumnChecker

        columns = ColumnChecker(scorer, records.by_letter, records.width, NOTE_COLUMNS)
    try:
        for row in rows:
            record = None
            if not isinstance(row, Row):  # a CSV record: (row number, fields)
                record = row[1]
                if columns is not None:
                    known = columns.check(record)
                    if known is not None and seen.add(known[0]):
                        name, category, checked = known
                        scores = scorer.score_checked(checked, category)
                        yield Streamed(name, ScoresOnly(name, category, scores["总分"], scores.grade, scores), ())
                        continue
                    # declined, or a name met before: the general path below (a name met before is met again)
                row = records.row(*row)
            values = row.values
            if any(note in values for note in notes):  # not notes.intersection(values): that walks every column
                values = {key: value for key, value in values.items() if key not in notes}
            if all(value is None for value in values.values()):
                continue  # a numbered but unused row of a template
            name = unit_name(values)
            found: list[Diagnostic] = []
            if name is None:
                name = table.where(row).removeprefix(path + " ")
                found.append(make("GR412", where=table.where(row, unit_column)))
            elif not seen.add(name):
                found.append(make("GR404", unit=name, where=table.where(row),
                                  help="每个单位只能占一行;请删去或合并重复的行"))
            if scorer is not None:
                checked, category, problems = scorer._validate(values, name)
                if not problems and not found:
                    if record is not None and columns is not None:
                        columns.learn(record, category, checked)
                    scores = scorer.score_checked(checked, category)
                    yield Streamed(name, ScoresOnly(name, category, scores["总分"], scores.grade, scores), ())
                    continue
            checked, category, problems = checker.validate_unit(
                values, name, locate=lambda key, row=row: table.where(row, key), reported=reported)
            found += problems
            result = None
            if not found:
                result = (score_unit(model, checked, name, category, rubric.line_of) if scorer is None else
                          ScoresOnly(name, category, *_scores_of(scorer.score_checked(checked, category))))
            yield Streamed(name, result, tuple(found))
    except _BadJson as err:
        yield _unreadable(path, str(err))
    except Unreadable as err:
        yield err.diagnostic
    except (OSError, UnicodeDecodeError) as err:
        yield _unreadable(path, f"读到中途出错:{err}")
    finally:
        seen.close()


def _scores_of(scores) -> tuple:
    return scores["总分"], scores.grade, scores


def write_scores(rubric, facts_path: str, out_path: str, keep_going: bool = False,
                 on_problem: Callable[[Diagnostic], None] | None = None) -> Summary:
    """Score every unit of a facts file into a CSV of scores, streaming (see the module docstring).

    The file is written only when no unit had a problem, or with keep_going when some units were
    scored; a unit named twice is then left out of the file altogether, as batch scoring does."""
    summary = Summary()
    paths = [node.path for node in rubric.model.nodes()]
    refused = _refused_output(out_path, facts_path)
    if refused is not None:
        _note(summary, refused, on_problem)
        return summary
    out_path = os.path.realpath(out_path)  # through a link, as atomic.write_bytes writes
    directory = os.path.dirname(out_path)
    handle, temporary = tempfile.mkstemp(prefix="." + os.path.basename(out_path) + ".", suffix=".tmp", dir=directory)
    twice: set[str] = set()
    stopped = False
    shown = _ScoreText()
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            graded = rubric.model.grades is not None  # 等次 after the total, as the batch reports place it
            writer.writerow(csv_row(["单位", "单位类别", "总分", *(["等次"] if graded else []), *paths]))
            write = out.write
            for item in stream_units(rubric, facts_path, explain=False):
                problems = item.problems if isinstance(item, Streamed) else (item,)
                for problem in problems:
                    _note(summary, problem, on_problem)
                    if problem.code == "GR404" and isinstance(item, Streamed):
                        twice.add(item.name)
                if not isinstance(item, Streamed):
                    stopped = True
                    continue
                if item.result is None:
                    summary.rejected += 1
                    continue
                scores = item.result.scores()
                grade = [item.result.grade or "无"] if graded else []
                # an item under one that does not apply to the unit has no score: an empty cell. The line is what
                # writer.writerow writes (csv_field quotes as it does), joined at C speed
                head = csv_row([item.name, item.result.category or "", item.result.total, *grade])
                write(",".join([*map(csv_field, head), *map(shown.__getitem__, map(str, map(scores.get, paths)))])
                      + "\r\n")
                summary.scored += 1
        if not stopped and summary.scored == 0 and summary.rejected == 0 and not summary.problem_count:
            _note(summary, make("GR414", detail="没有读到任何单位", where=facts_path), on_problem)
        if stopped or (summary.problem_count and not keep_going) or summary.scored == 0:
            os.unlink(temporary)
            return summary
        if twice:
            summary.scored -= _drop_units(temporary, twice)
        os.replace(temporary, out_path)
        summary.written = True
        return summary
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


class _ScoreText(dict):
    """A score's text (str() of a Decimal, or "None" for no score) → its CSV field, remembered: the same few amounts
    fill most cells of a scores file, and a Decimal's field depends only on its value (format_decimal: 1.50 and 1.5
    are both 「1.5」), so a row's cells are looked up at C speed (map over __getitem__) and formatted once each.
    Keyed by the text, not the Decimal: hashing a Decimal computes a modular power each time (a score is a new
    object in every row), str() is several times cheaper; str() of a Decimal gives back the same Decimal."""

    def __init__(self, most: int = 4096) -> None:
        super().__init__()
        self.most = most

    def __missing__(self, key: str) -> str:
        text = csv_field(csv_text(None if key == "None" else Decimal(key)))  # the compiled scorer's scores: Decimal
        if len(self) < self.most:
            self[key] = text
        return text


def csv_field(text: str) -> str:
    """A field as csv.writer writes it (the excel dialect, QUOTE_MINIMAL): quoted when it holds the delimiter, the
    quote character or a line end, its quotes doubled. (A row of one empty field, written 「""」, never occurs here.)"""
    if "," in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _note(summary: Summary, problem: Diagnostic, on_problem: Callable[[Diagnostic], None] | None) -> None:
    summary.problem_count += 1
    if len(summary.problems) < KEPT_PROBLEMS:
        summary.problems.append(problem)
    if on_problem is not None:
        on_problem(problem)


def _refused_output(out_path: str, facts_path: str) -> Diagnostic | None:
    """Why the scores cannot go to out_path (checked before any unit is read), or None."""
    from .atomic import output_problem, refuse_inputs

    if not out_path.lower().endswith(".csv"):
        return make("GR502", detail=built("{out_path}: 流式计分只写 .csv 文件", out_path=out_path),
                    help="把输出文件名改为 .csv;要 Excel 报告请用 govrubric score -o 报告.xlsx")
    return refuse_inputs(out_path, [facts_path]) or output_problem(out_path)


def _drop_units(path: str, names: set[str]) -> int:
    """Remove the lines of the named units from a written scores file, streaming; how many were removed."""
    kept = path + ".kept"
    dropped = 0
    with open(path, encoding="utf-8-sig", newline="") as source, \
            open(kept, "w", encoding="utf-8-sig", newline="") as target:
        writer = csv.writer(target)
        for number, record in enumerate(csv.reader(source)):
            if number and record and csv_restore(record[0]) in names:
                dropped += 1
                continue
            writer.writerow(record)
    os.replace(kept, path)
    return dropped
