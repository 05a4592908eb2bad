"""Checking a streamed CSV file's facts column by column: stream.py's fast path for the usual row.

A row of a facts file holds a hundred-odd cells, and a file repeats the same few texts in each column (是, 否, 0,
95% …). What the compiled scorer's validator (_runtime._validate, the reference) makes of a filled cell depends
only on the cell's text and its fact; of an empty cell, on the unit's category as well. So each column keeps the
answers met so far (the cell's text as written → its checked value), and a row whose cells are all known is
checked by looking them all up at C speed. Every answer comes from the reference: a filled cell not met before
is checked with _runtime._given (the validator's own last steps); an empty cell, and the facts the file has no
column for, are learned only from whole rows the validator accepted, per category.

Anything else is declined (None), and stream.py checks the row as before: with the validator, then, when it
finds a problem, with FactChecker, whose messages name the cell. So a row with a problem never takes this path,
and every message is the one the general path writes. Declined: a cell the validator refuses, a row wider than
the header with something in the extra cells, a unit name that is empty, quoted (「'=…」) or holds a character
that cannot be seen (GR415), a category not met in an accepted row, a 视情 amount out of its range.

Memory stays bounded: at most CELLS_PER_COLUMN texts a column and CELLS in all are kept; past that a cell is
checked each time it is met.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Any

from .facts import CATEGORY_KEY, UNIT_KEYS
from .spreadsheet import csv_restore

CELLS_PER_COLUMN = 1000
CELLS = 50_000
CATEGORY_TEXTS = 100  # spellings of the categories kept (「乡镇街道」, 「 乡镇街道」 …)
_UNSEEN = object()


class ColumnChecker:
    """The fast path for one CSV file: check(record) → (unit, category, values) or None; learn(record, category,
    values) after the validator accepted a row read from that record."""

    def __init__(self, scorer, by_letter: dict[str, str], width: int, notes: tuple[str, ...]) -> None:
        from openpyxl.utils import get_column_letter

        facts = scorer.FACTS
        names = [by_letter.get(get_column_letter(i + 1)) for i in range(width)]
        known = set(facts) | set(UNIT_KEYS) | {CATEGORY_KEY} | set(notes)
        units = [i for i, name in enumerate(names) if name in UNIT_KEYS]
        self.usable = len(units) == 1 and all(name is None or name in known for name in names)
        self.width = width
        self.unit_index = units[0] if units else 0
        self.category_index = names.index(CATEGORY_KEY) if scorer.CATEGORIES and CATEGORY_KEY in names else None
        self.blank = [i for i, name in enumerate(names) if name is None]  # no header: must be empty
        indices = [i for i, name in enumerate(names) if name in facts]
        self.names = tuple(names[i] for i in indices)
        self.facts = facts
        self.pick = itemgetter(*indices) if len(indices) > 1 else (lambda record, i=tuple(indices): tuple(
            record[j] for j in i))
        self.known: list[dict[str, Any]] = [{} for _ in indices]  # filled cells, whatever the category
        self.plans: dict[str | None, tuple[list[dict[str, Any]], dict[str, Any]]] = {}  # category → caches, template
        self.categories: dict[str, str] = {}  # a category cell as written → the category
        self.kept = 0
        self.given = scorer._given
        self.ladders = scorer._check_ladders

    def check(self, record: list[str]) -> tuple[str, str | None, dict[str, Any]] | None:
        """The unit's name, category and checked values, exactly as the validator gives them; None to decline."""
        if not self.plans:
            return None
        if len(record) != self.width and (len(record) < self.width or any(map(str.strip, record[self.width:]))):
            return None
        for i in self.blank:
            if record[i].strip():
                return None
        name = record[self.unit_index].strip()
        if not name or name[0] == "'" or not name.isprintable():  # isprintable: nothing hidden (GR415)
            return None
        category = None
        if self.category_index is not None:
            category = self.categories.get(record[self.category_index])
            if category is None:
                return None
        plan = self.plans.get(category)
        if plan is None:
            return None
        caches, template = plan
        fields = self.pick(record)
        values = template.copy()
        try:  # every cell known: one pass at C speed
            values.update(zip(self.names, map(dict.__getitem__, caches, fields)))
        except KeyError:
            found = self._fill(caches, fields, name)
            if found is None:
                return None
            values.update(zip(self.names, found))
        if self.ladders(values, category, {}, name):
            return None
        return name, category, values

    def _fill(self, caches: list[dict[str, Any]], fields: tuple[str, ...], unit: str) -> list[Any] | None:
        """The values of a row some of whose cells are new: each new filled cell checked by _runtime._given."""
        found = []
        for i, (cache, field) in enumerate(zip(caches, fields)):
            value = cache.get(field, _UNSEEN)
            if value is _UNSEEN:
                text = _cell_text(field)
                if text is None:  # empty: what it means depends on the category, learned from whole rows
                    return None
                name = self.names[i]
                value, problem = self.given(name, self.facts[name], text, unit)
                if problem is not None:
                    return None
                self._keep(i, field, value)
            found.append(value)
        return found

    def _keep(self, index: int, field: str, value: Any) -> None:
        if self.kept < CELLS and len(self.known[index]) < CELLS_PER_COLUMN:
            self.known[index][field] = value
            for caches, _ in self.plans.values():
                caches[index][field] = value
            self.kept += 1

    def learn(self, record: list[str], category: str | None, values: dict[str, Any]) -> None:
        """Remember what the validator made of an accepted row's cells (values: its checked values)."""
        if not self.usable or len(record) < self.width:
            return
        if self.category_index is not None:
            field = record[self.category_index]
            if field not in self.categories and len(self.categories) < CATEGORY_TEXTS:
                self.categories[field] = category
        plan = self.plans.get(category)
        if plan is None:  # the facts without a column: None for this category, as the validator accepted them
            plan = self.plans[category] = ([dict(known) for known in self.known], dict.fromkeys(self.facts))
        caches = plan[0]
        for i, field in enumerate(self.pick(record)):
            if field in caches[i]:
                continue
            if _cell_text(field) is not None:
                self._keep(i, field, values[self.names[i]])
            elif self.kept < CELLS:  # an empty cell: None for this category (a fact it need not give)
                caches[i][field] = values[self.names[i]]
                self.kept += 1


def _cell_text(field: str) -> str | None:
    """A field as the row holds it (factsio.csv_cells: stripped, 「'=…」 restored), or None when it is empty."""
    text = field.strip()
    if text[:1] == "'":
        text = csv_restore(text)
    return text if text.strip() else None
