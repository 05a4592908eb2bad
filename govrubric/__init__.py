"""govrubric: a rubric language for Chinese government evaluation rubrics.

    import govrubric
    rubric = govrubric.load("rubrics/yiliang-2023.rubric")
    for problem in rubric.check(): print(problem.render())
    result = rubric.score({"单位": "县发改局", "单位类别": "县级部门", …})
    print(result.total, result.scores())
"""
from __future__ import annotations

from typing import Any, Mapping

__version__ = "0.1.0"
__all__ = ["load", "loads", "Rubric", "GovrubricError", "compile_rubric", "__version__"]


class GovrubricError(Exception):
    """Raised at the API boundary when input is invalid; carries every diagnostic found."""

    def __init__(self, diagnostics) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.short() for d in self.diagnostics))


class Rubric:
    """A loaded rubric: its diagnostics, and when it checked clean, its model for scoring."""

    def __init__(self, source, diagnostics, tree, model) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.tree = tree
        self.model = model
        self.readings_applied: list[str] = []  # where each reading given from outside took effect (readings.applied)

    @property
    def ok(self) -> bool:
        return self.model is not None

    def check(self):
        """All diagnostics, sorted by position (empty when the rubric is valid)."""
        return self.diagnostics.sorted()

    def facts(self):
        self._require()
        return dict(self.model.facts)

    def validate(self, facts: Mapping[str, Any], unit: str | None = None):
        from .diagnostics import make
        from .facts import unit_name

        self._require()
        if not isinstance(facts, Mapping):
            from .i18n import built

            raise GovrubricError([make("GR406", detail=built("一个单位的事实应是「事实名: 值」的映射,而不是{name}",
                                                             name=type(facts).__name__))])
        name = unit or unit_name(facts) or "(未命名单位)"
        return self._checker().validate_unit(facts, name)

    def _checker(self):
        """One FactChecker for the rubric: building one costs more than scoring a unit."""
        checker = self.__dict__.get("_fact_checker")
        if checker is None:
            from .facts import FactChecker

            checker = self.__dict__["_fact_checker"] = FactChecker(self.model)
        return checker

    def score(self, facts: Mapping[str, Any], unit: str | None = None):
        """Score one unit's facts (a mapping of fact name → value). Raises GovrubricError on bad facts.

        A rubric with values computed over a cohort (排名, 最低值 …) needs score_cohort, unless
        those values are given here."""
        from .cohort import cohort_facts
        from .diagnostics import make
        from .evaluate import score_unit

        values, category, problems = self.validate(facts, unit)
        missing = [f.name for f in cohort_facts(self.model) if values.get(f.name) is None]
        if missing and not problems:
            problems.append(make("GR420", names="」「".join(missing),
                                 help="用 score_cohort(全部单位) 或 govrubric score 批量计分;或在事实中直接给出这些值"))
        if problems:
            raise GovrubricError(problems)
        from .facts import unit_name

        name = unit or unit_name(facts) or "(未命名单位)"
        return score_unit(self.model, values, name, category, self.line_of)

    def score_cohort(self, rows):
        """Score units together (a list of fact mappings, each with its 单位 name): values computed over
        the cohort (ranks, lowest, average …) are computed first. Raises GovrubricError listing every problem."""
        from .cohort import Unit, score_cohort
        from .diagnostics import make
        from .facts import unit_name

        self._require()
        checker = self._checker()
        units, problems, seen = [], [], set()
        for index, row in enumerate(rows, 1):
            name = unit_name(row) or f"第{index}个单位"
            if name in seen:
                problems.append(make("GR404", unit=name))
            seen.add(name)
            values, category, unit_problems = checker.validate_unit(row, name)
            problems += unit_problems
            units.append(Unit(name, category, values))
        if problems:
            raise GovrubricError(problems)
        results, problems = score_cohort(self.model, units, self.line_of)
        if problems:
            raise GovrubricError(problems)
        return results

    def line_of(self, span) -> int:
        return self.source.line_col(span.start)[0]

    def _require(self) -> None:
        if self.model is None:
            raise GovrubricError(self.diagnostics.sorted())


def compile_rubric(rubric, module_name: str = "govrubric_scorer"):
    """A standalone scorer for a Rubric or a rubric file: the module `govrubric compile` writes, loaded
    in this process (score, explain, check_facts, FACTS, TITLE …; its source in .SOURCE). See docs/compile.md."""
    from .codegen import compile_rubric as compile_

    return compile_(rubric, module_name)


def load(path: str, readings=()) -> Rubric:
    """Read, parse and check a .rubric file. Never raises for a bad rubric: see .check().

    readings: alternative readings (口径) such as "计分方式=从零计分" or "三.2:计分方式=从零计分",
    used instead of what the file states (see docs/ambiguity.md)."""
    from .diagnostics import Diagnostics
    from .pipeline import analyse, read_source

    diags = Diagnostics()
    overrides = _overrides(readings)
    source = read_source(path, diags)
    if source is None:
        return Rubric(None, diags, None, None)
    tree, model = analyse(source, diags, overrides)
    return _with_readings(Rubric(source, diags, tree, model), overrides)


def loads(text: str, path: str = "<text>", readings=()) -> Rubric:
    from .diagnostics import Diagnostics
    from .pipeline import analyse
    from .source import SourceFile

    source = SourceFile.of_text(path, text)  # line ends and BOM read as load reads a file
    diags = Diagnostics(source)
    try:  # a str may hold lone surrogates (from surrogateescape decoding); no UTF-8 file can
        source.text.encode("utf-8")
    except UnicodeEncodeError as err:
        from .source import Span

        diags.error("GR105", Span(err.start, err.end), detail=f"第{source.line_col(err.start)[0]}行有无法编码的字符"
                                                             f"(U+{ord(source.text[err.start]):04X})")
        return Rubric(source, diags, None, None)
    overrides = _overrides(readings)
    tree, model = analyse(source, diags, overrides)
    return _with_readings(Rubric(source, diags, tree, model), overrides)


def _with_readings(rubric: Rubric, overrides) -> Rubric:
    """A reading given for an item the rubric does not have is an error (scoring on would claim it applied);
    rubric.readings_applied says where each given reading took effect and which items kept their own."""
    from .readings import applied, unknown_paths

    if rubric.model is not None and overrides:
        problems = unknown_paths(rubric.model, overrides)
        if problems:
            raise GovrubricError(problems)
        rubric.readings_applied = applied(rubric.model, overrides)
    return rubric


def _overrides(readings) -> tuple:
    from .diagnostics import make
    from .readings import Override, parse_override

    found, problems = [], []
    for reading in readings:
        if isinstance(reading, Override):
            found.append(reading)
            continue
        override, why = parse_override(str(reading))
        if override is None:
            problems.append(make("GR217", detail=why))
        else:
            found.append(override)
    if problems:
        raise GovrubricError(problems)
    return tuple(found)
