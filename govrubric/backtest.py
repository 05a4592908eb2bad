"""Back-test for `govrubric diff --facts`: last year's units scored under both versions side by side,
with the items that moved each unit's score, so staff see whom the changes help or hurt.

The facts file was filled in for one version. For each version, columns it does not declare are
left out, and a fact it declares that the file lacks is read as not filled in (未填: conditions on
it do not hold, counts are 0). Both are listed in the output, so a gap is never taken for data.
"""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import attrs

from . import model as m
from .diagnostics import Diagnostic
from .diff import RubricDiff, pair
from .i18n import listed, say, word
from .numerals import format_decimal as num
from .result import signed


@attrs.frozen
class Mover:
    status: str  # changed, added, removed
    path: str
    title: str | None
    old: Decimal | None
    new: Decimal | None


@attrs.frozen
class UnitResult:
    unit: str
    old_total: Decimal | None  # None: not scored under that version (its facts have a problem there)
    new_total: Decimal | None
    movers: tuple[Mover, ...]
    old_grade: str | None = None  # 等次 under each version (None: none, or the version has no grades)
    new_grade: str | None = None

    @property
    def grade_changed(self) -> bool:
        return self.old_grade != self.new_grade

    @property
    def change(self) -> Decimal | None:
        if self.old_total is None or self.new_total is None:
            return None
        return self.new_total - self.old_total


@attrs.frozen
class Side:
    results: dict  # unit name → Result
    unfilled: tuple[str, ...]  # facts this version declares that the file lacks
    problems: tuple[Diagnostic, ...]
    order: tuple[str, ...]  # unit names in file order


@attrs.frozen
class Backtest:
    path: str
    units: tuple[UnitResult, ...]
    old: Side
    new: Side


def backtest(diff: RubricDiff, old_rubric, new_rubric, facts_path: str) -> tuple[Backtest | None, list[Diagnostic]]:
    from .factsio import read_table

    table, problems = read_table(facts_path)
    if table is None or problems:
        return None, problems
    old, new = _score(old_rubric, table), _score(new_rubric, table)
    names = list(old.order) + [n for n in new.order if n not in old.order]
    units = []
    for name in names:
        before, after = old.results.get(name), new.results.get(name)
        movers = _movers(diff, before, after) if before is not None and after is not None else ()
        units.append(UnitResult(name, before.total if before else None, after.total if after else None, movers,
                                before.grade if before else None, after.grade if after else None))
    return Backtest(facts_path, tuple(units), old, new), []


def _score(rubric, table) -> Side:
    from .batch import NOTE_COLUMNS, check_table, score_units
    from .facts import CATEGORY_KEY, UNIT_KEYS

    model: m.Rubric = rubric.model
    columns = set(table.columns)
    unfilled = tuple(n for n, f in model.facts.items() if f.cohort is None and n not in columns)
    facts = {n: attrs.evolve(f, optional=True) if n in unfilled else f for n, f in model.facts.items()}
    view_model = attrs.evolve(model, facts=facts)
    keep = set(model.facts) | set(UNIT_KEYS) | {CATEGORY_KEY} | set(NOTE_COLUMNS)
    rows = tuple(attrs.evolve(row, values={k: v for k, v in row.values.items() if k in keep}) for row in table.rows)
    view = attrs.evolve(table, rows=rows, columns=tuple(c for c in table.columns if c in keep),
                        repeated={k: v for k, v in table.repeated.items() if k in keep})
    batch = check_table(view, view_model)
    results, problems = score_units(SimpleNamespace(model=view_model, line_of=rubric.line_of), batch.units)
    order = tuple(unit.name for unit in batch.units) + batch.rejected
    return Side({r.unit: r for r in results}, unfilled, tuple(batch.problems) + tuple(problems), order)


def _scores(result) -> dict[int, Decimal]:
    return {node.node_id: node.score for node in result.nodes()}


def _movers(diff: RubricDiff, before, after) -> tuple[Mover, ...]:
    """The deepest items whose score differs: a matched item whose parts did not move it themselves,
    and added or removed items (the top of an added or removed branch) that score something."""
    old_scores, new_scores = _scores(before), _scores(after)
    moved_new: set[int] = set()  # new-side ids of every entry, to find entries below an item
    moved_old: set[int] = set()
    changed = []
    for a, b in diff.pairs:
        x, y = old_scores.get(a.id), new_scores.get(b.id)
        if x != y:
            changed.append((a, b, x, y))
            moved_new.add(b.id)
    added = [n for n in diff.added if new_scores.get(n.id)]
    removed = [n for n in diff.removed if old_scores.get(n.id)]
    moved_new.update(n.id for n in added)
    moved_old.update(n.id for n in removed)
    added_ids, removed_ids = {n.id for n in diff.added}, {n.id for n in diff.removed}
    found = []
    for a, b, x, y in changed:
        below_new = {n.id for n in b.walk()} - {b.id}
        below_old = {n.id for n in a.walk()} - {a.id}
        if not (below_new & moved_new or below_old & moved_old):
            found.append(Mover("changed", b.path, b.title, x, y))
    found += [Mover("added", n.path, n.title, None, new_scores[n.id]) for n in added
              if not any(c.id in added_ids for c in _ancestors(diff, n, new=True))]
    found += [Mover("removed", n.path, n.title, old_scores[n.id], None) for n in removed
              if not any(c.id in removed_ids for c in _ancestors(diff, n, new=False))]
    return tuple(found)


def _ancestors(diff: RubricDiff, node: m.Node, new: bool) -> list[m.Node]:
    nodes = [b for _, b in diff.pairs] + list(diff.added) if new else [a for a, _ in diff.pairs] + list(diff.removed)
    return [n for n in nodes if n.id != node.id and any(c.id == node.id for c in n.walk())]


# ------------------------------------------------------------------ output
def _total(value: Decimal | None) -> str:
    return word("未计分") if value is None else num(value)


def backtest_text(test: Backtest) -> str:
    lines = ["", pair(say("回测"), word("{path} 中的单位按两版细则计分", path=test.path))]
    for side, name in ((test.old, word("原细则")), (test.new, word("新细则"))):
        if side.unfilled:
            lines.append("  " + _unfilled(name, side.unfilled))
        for problem in side.problems:
            lines.append("  " + pair(name, problem.short()))
    for unit in test.units:
        change = "" if unit.change is None else word("({change})", change=signed(unit.change))
        grade = ""
        if unit.grade_changed and unit.old_total is not None and unit.new_total is not None:
            grade = word(",{grade}", grade=pair(word("等次"), f"{unit.old_grade or word('无')} → {unit.new_grade or word('无')}"))
        lines.append("  " + pair(unit.unit, f"{_total(unit.old_total)} → {_total(unit.new_total)}{change}{grade}"))
        lines += [f"    {mover_text(mover)}" for mover in unit.movers]
    return "\n".join(lines) + "\n"


def _unfilled(name: str, facts) -> str:
    return word("注:{name}的事实{facts}在数据中没有,按「未填」计(条件不成立,次数为0)", name=name,
                facts=listed(f"「{n}」" for n in facts))


def mover_text(mover: Mover) -> str:
    """「一.2【网上办理】:2 → 1(−1)」, 「删除 一.2【指南准确】:1.5 → 无(−1.5)」."""
    title = f"【{mover.title}】" if mover.title else ""
    label = f"{mover.path}{title}"
    label = {"changed": label, "added": word("新增 {path}", path=label), "removed": word("删除 {path}", path=label)
             }[mover.status]
    delta = (mover.new or Decimal(0)) - (mover.old or Decimal(0))
    return pair(label, f"{_total(mover.old) if mover.old is not None else word('无')}"
                       f" → {_total(mover.new) if mover.new is not None else word('无')}"
                       + word("({change})", change=signed(delta)))


def ranks(side: Side) -> dict[str, int]:
    """Each scored unit's rank under one version (report.ranked: ties share a rank)."""
    from .report import ranked

    return {result.unit: rank for rank, result in ranked(list(side.results.values()))}


BACKTEST_FORMATS = (".xlsx", ".csv")


def backtest_rows(test: Backtest, graded: bool) -> tuple[list[str], list[list]]:
    """The back-test as a table, one row per unit in file order: totals, ranks and grades under both versions,
    and the items that moved its score."""
    header = [word(text) for text in ["单位", "原总分", "新总分", "变化", "原名次", "新名次", "名次变化"]
              + (["原等次", "新等次"] if graded else []) + ["变化的指标"]]
    old_ranks, new_ranks = ranks(test.old), ranks(test.new)
    rows = []
    for unit in test.units:
        before, after = old_ranks.get(unit.unit), new_ranks.get(unit.unit)
        moved = None if before is None or after is None else before - after  # up the table is +
        rows.append([unit.unit, _or_not_scored(unit.old_total), _or_not_scored(unit.new_total), unit.change,
                     before, after, moved]
                    + ([unit.old_grade or "", unit.new_grade or ""] if graded else [])
                    + [word(";").join(mover_text(m) for m in unit.movers)])
    return header, rows


def _signed_rank(moved: int | None) -> str:
    return "" if moved is None else f"+{moved}" if moved > 0 else str(moved)


def _or_not_scored(value: Decimal | None) -> Decimal | str:
    return word("未计分") if value is None else value


def backtest_bytes(path: str, test: Backtest, old_path: str, new_path: str, graded: bool) -> bytes:
    """回测.xlsx (a sheet ready to print, and a 说明 sheet with the facts either version lacks and the problems)
    or 回测.csv."""
    from .spreadsheet import csv_bytes

    header, rows = backtest_rows(test, graded)
    if path.lower().endswith(".csv"):
        return csv_bytes([header] + [[num(v) if isinstance(v, Decimal) else v for v in row[:6]]
                                     + [_signed_rank(row[6])] + row[7:] for row in rows])
    return _backtest_xlsx(test, header, rows, old_path, new_path)


def _backtest_xlsx(test: Backtest, header: list[str], rows: list[list], old_path: str, new_path: str) -> bytes:
    from .reports import LOOKS, print_setup, score_format, text_width
    from .spreadsheet import Workbook, cell

    places = max([-min(0, v.normalize().as_tuple().exponent) for row in rows for v in row[1:4]
                  if isinstance(v, Decimal)] + [0])
    number = {"num_format": score_format(min(places, 10))}
    book = Workbook()
    sheet = book.sheet(word("回测"))
    changes = [row[-1] for row in rows]
    widths = [max([10] + [min(30, text_width(row[0]) + 2) for row in rows])] + [9] * (len(header) - 2)
    sheet.widths(widths + [max([16] + [min(80, text_width(c) // 2 + 4) for c in changes])])
    sheet.freeze(2, 1)
    print_setup(sheet, (0, 1))
    title = pair(word("回测"), word("{path} 中的单位按两版细则计分", path=test.path))
    sheet.append([cell(title + word("(原:{old};新:{new})", old=old_path, new=new_path), LOOKS["title"])])
    sheet.append([cell(text, LOOKS["header"]) for text in header])
    for row in rows:
        sheet.append([cell(v, number) if isinstance(v, Decimal) else v for v in row[:6]]
                     + [cell(row[6], {"num_format": "+0;-0;0"})] + row[7:-1] + [cell(row[-1], LOOKS["wrap"])])
    notes = book.sheet(word("说明"))
    notes.widths((12, 100))
    print_setup(notes, None)
    for side, name in ((test.old, word("原细则")), (test.new, word("新细则"))):
        if side.unfilled:
            facts = listed(f"「{n}」" for n in side.unfilled)
            notes.append([name, cell(word("事实{facts}在数据中没有,按「未填」计(条件不成立,次数为0)", facts=facts),
                                     LOOKS["wrap"])])
        for problem in side.problems:
            notes.append([name, cell(problem.short(), LOOKS["wrap"])])
    if not notes.rows:
        notes.append(["", word("两版细则都读到了全部事实,没有问题")])
    return book.bytes()


def backtest_json(test: Backtest) -> dict:
    def value(x):
        return None if x is None else num(x)

    return {
        "facts": test.path,
        "unfilled": {"old": list(test.old.unfilled), "new": list(test.new.unfilled)},
        "problems": [{"rubric": side, **p.to_json()} for side, s in (("old", test.old), ("new", test.new))
                     for p in s.problems],
        "units": [{
            "unit": u.unit, "old_total": value(u.old_total), "new_total": value(u.new_total),
            "change": value(u.change), "old_grade": u.old_grade, "new_grade": u.new_grade,
            "movers": [{"status": x.status, "path": x.path, "title": x.title, "old": value(x.old),
                        "new": value(x.new)} for x in u.movers],
        } for u in test.units],
    }
