"""Scoring for every client: a facts table → the units checked, scored and ranked (per category too).

The stages are batch.check_table (every facts problem at once), batch.score_units (one by one, or as a
cohort when values are computed over the units) and report.ranked; this module only strings them
together the one way `govrubric score` does, so the workbench's totals are the command's.
"""
from __future__ import annotations

import os
import tempfile

import attrs

from ..diagnostics import Diagnostic


@attrs.frozen
class Scoring:
    """What scoring a table gave: the checked batch, the results (empty when the facts stopped it) and the
    problems met while scoring (values computed over the cohort that cannot be computed)."""

    batch: object  # batch.Batch
    results: tuple = ()
    problems: tuple[Diagnostic, ...] = ()

    @property
    def stopped(self) -> bool:
        """Nothing was scored: the facts have problems (and keep_going was not asked for, or no unit was valid)."""
        return not self.results

    @property
    def all_problems(self) -> tuple[Diagnostic, ...]:
        return tuple(self.batch.problems) + self.problems

    def scored(self, model, only: str | None = None, rank_by: str | None = None):
        """The reports' view of these results (reports.Scored); rank_by 单位类别 ranks each category apart."""
        from ..reports import Scored

        return Scored(model, self.results, only=only, not_scored=self.batch.rejected, problems=self.batch.problems,
                      rank_by=rank_by, read_as=self.batch.read_as)


def read_facts(path: str):
    """The facts file as a table, with every problem reading it (factsio.read_table, with its limits)."""
    from ..factsio import read_table

    return read_table(path)


class Upload:
    """A file sent by a browser, written to a private temporary folder under the name the staffer gave
    (the readers choose by its extension); problems about it name the file as the staffer knows it."""

    def __init__(self, data: bytes, filename: str) -> None:
        self.shown = _safe_name(os.path.basename(filename.replace("\\", "/")))
        self._folder = tempfile.TemporaryDirectory(prefix="govrubric-upload-")
        self.path = os.path.join(self._folder.name, self.shown)
        with open(self.path, "wb") as handle:
            handle.write(data)

    def __enter__(self) -> "Upload":
        return self

    def __exit__(self, *exc) -> None:
        self._folder.cleanup()

    def renamed(self, problem: Diagnostic) -> Diagnostic:
        return attrs.evolve(problem, message=problem.message.replace(self.path, self.shown),
                            where=None if problem.where is None else problem.where.replace(self.path, self.shown))


def read_uploaded_facts(data: bytes, filename: str):
    """Facts sent by a browser, read as a file is (factsio.read_table, with its limits)."""
    with Upload(data, filename) as upload:
        table, problems = read_facts(upload.path)
        problems = [upload.renamed(problem) for problem in problems]
    if table is not None:
        table = attrs.evolve(table, path=upload.shown)
    return table, problems


def _safe_name(name: str) -> str:
    """A file name without path separators or control characters, keeping its extension for the reader."""
    cleaned = "".join(ch if ch.isprintable() and ch not in "/\\:" else "_" for ch in name).strip(". ") or "facts"
    return cleaned[-120:]


def score_table(loaded, table, only: str | None = None, keep_going: bool = False, progress=None) -> Scoring:
    """Check every unit's facts and score the valid units, as `govrubric score` does: any facts problem
    stops everything unless keep_going (then the valid units are scored, and the rest listed)."""
    from ..batch import check_table, score_units

    batch = check_table(table, loaded.model, only=only)
    if batch.problems and (not keep_going or not batch.units):
        return Scoring(batch)
    results, problems = score_units(loaded, batch.units, progress)
    return Scoring(batch, tuple(results), tuple(problems))


@attrs.frozen
class Ranking:
    """One ranked table: all units, or the units of one category ranked among themselves."""

    category: str | None
    rows: tuple  # (rank, result)


def rankings(results, categories: tuple[str, ...]) -> list[Ranking]:
    """The ranking of all units (as `govrubric score` prints it), then one per category."""
    from ..report import ranked

    found = [Ranking(None, tuple(ranked(list(results))))]
    for category in categories:
        members = [result for result in results if result.category == category]
        if members:
            found.append(Ranking(category, tuple(ranked(members))))
    return found


@attrs.frozen
class Comparison:
    """Two versions compared item by item (diff.py), and when last year's facts are given, every unit
    scored under both (backtest.py), with its rank under each."""

    diff: object  # diff.RubricDiff
    backtest: object | None  # backtest.Backtest
    problems: tuple[Diagnostic, ...]
    old_ranks: dict
    new_ranks: dict


def compare_versions(old_loaded, new_loaded, facts: Upload | None = None) -> Comparison:
    from ..backtest import backtest, ranks
    from ..diff import compare

    found = compare(old_loaded, new_loaded)
    if facts is None:
        return Comparison(found, None, (), {}, {})
    test, problems = backtest(found, old_loaded, new_loaded, facts.path)
    problems = tuple(facts.renamed(p) for p in problems)
    if test is None:
        return Comparison(found, None, problems, {}, {})
    test = attrs.evolve(test, path=facts.shown)
    return Comparison(found, test, problems, ranks(test.old), ranks(test.new))
