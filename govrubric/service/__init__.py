"""The language service: for one rubric text, everything a tool shows about it, computed in one place.

The command line (check, lint, fmt, score), the workbench (`govrubric serve`) and the language server
(`govrubric lsp`) all ask a Document, so they cannot disagree:

    from govrubric.service import open_file, from_text
    doc = from_text(text, "细则.rubric")
    doc.check()             # parse and check: the CLI's `check` (fast: run it on every keystroke)
    doc.lint()              # lint findings (slower: run it after check, see docs/performance.md)
    doc.problems()          # both, as Problems: code, severity, span, message, fix, example, related places
    doc.formatted()         # fmt's result; doc.format_edits() the same as edits
    doc.hover(offset); doc.definition(offset); doc.references(offset); doc.completions(offset); doc.symbols()

Nothing here re-implements a stage: loading is govrubric.load/loads, lint is govrubric.lint, formatting is
fmt.py, scoring is batch.py and cohort.py. Offsets are character offsets into the text as loaded
(\\r\\n read as \\n); positions.Positions turns them into lines, display columns and UTF-16 units.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cached_property
from typing import Iterable

import attrs

from ..diagnostics import ERROR, Diagnostic
from ..source import Span
from .positions import Position, Positions

__all__ = ["Document", "Problem", "Edit", "open_file", "from_text", "format_file", "document", "Position", "Positions"]


@attrs.frozen
class Problem:
    """A diagnostic as every client shows it: from check or from lint, with lint's example facts."""

    diagnostic: Diagnostic
    origin: str  # "check" or "lint"
    example: str | None = None  # lint's witness, in words: 当「事项集中率」为92.5%时,……
    silenced: bool = False
    reason: str | None = None  # why it is silenced (「# lint: 忽略 … 原因:…」)

    @property
    def code(self) -> str:
        return self.diagnostic.code

    @property
    def severity(self) -> str:
        return self.diagnostic.severity

    @property
    def span(self) -> Span:
        return self.diagnostic.span

    def full_message(self) -> str:
        """The message with its fix and its example, for an editor's one box."""
        diag = self.diagnostic
        parts = [f"{diag.item}:{diag.message}" if diag.item else diag.message]
        if diag.help:
            parts.append(f"帮助:{diag.help}")
        if diag.note:
            parts.append(f"注:{diag.note}")
        if self.example:
            parts.append(f"例:{self.example}")
        return "\n".join(parts)

    def to_json(self, positions: Positions | None) -> dict:
        entry = self.diagnostic.to_json()
        entry.update(origin=self.origin, example=self.example, silenced=self.silenced, reason=self.reason,
                     full_message=self.full_message(), note=self.diagnostic.note)
        if positions is not None and self.diagnostic.source is not None:
            entry["range"] = positions.range_json(self.span)
            entry["related"] = [{"range": positions.range_json(span), "message": words}
                                for span, words in self.diagnostic.related]
        else:
            entry["range"] = None
            entry["related"] = []
        return entry


@attrs.frozen
class Edit:
    """Replace the text in span by new_text (offsets into the text before any edit)."""

    span: Span
    new_text: str


class Document:
    """One version of one rubric text. Everything is computed on first use and kept."""

    def __init__(self, loaded) -> None:
        self.loaded = loaded  # a govrubric.Rubric, from load or loads
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ what it is
    @property
    def path(self) -> str:
        return self.loaded.source.path if self.loaded.source is not None else "<text>"

    @property
    def text(self) -> str | None:
        return self.loaded.source.text if self.loaded.source is not None else None

    @property
    def ok(self) -> bool:
        return self.loaded.ok

    @cached_property
    def positions(self) -> Positions | None:
        return Positions(self.loaded.source) if self.loaded.source is not None else None

    def at(self, offset: int) -> Position:
        assert self.positions is not None
        return self.positions.at(offset)

    # ------------------------------------------------------------------ diagnostics
    def check(self) -> list[Diagnostic]:
        """Parse and check: all diagnostics, in file order (govrubric check), and the warning GL504 — a deduction
        that may never bite scores wrong without an error, so check shows it too (field trial 6, SW6-4)."""
        return self.loaded.check() + self._never_bites

    @cached_property
    def _never_bites(self) -> list[Diagnostic]:
        if not self.loaded.ok:
            return []
        from ..lint import never_bites

        return [f.diagnostic for f in never_bites(self.loaded)]

    def lint(self) -> list:
        """Lint findings (govrubric.lint.Finding) in file order; none while the rubric has errors."""
        with self._lock:  # two clients asking at once compute it once
            return self._findings

    @cached_property
    def _findings(self) -> list:
        if not self.loaded.ok:
            return []
        from ..lint import lint

        return lint(self.loaded)

    def check_problems(self) -> list[Problem]:
        return [Problem(diag, "check") for diag in self.check()]

    def lint_problems(self, silenced: bool = False) -> list[Problem]:
        model = self.loaded.model
        return [Problem(f.diagnostic, "lint", f.witness.text(model) if f.witness is not None else None,
                        f.silenced, f.reason)
                for f in self.lint() if silenced or not f.silenced]

    def problems(self, lint: bool = True) -> list[Problem]:
        """Check's diagnostics, then (when the rubric checks clean) lint's unsilenced findings."""
        found = self.check_problems()
        if lint and self.loaded.ok:  # GL504 is among check's already
            found += [p for p in self.lint_problems() if p.diagnostic.code != "GL504"]
        return found

    @property
    def has_errors(self) -> bool:
        return any(d.severity == ERROR for d in self.check())

    # ------------------------------------------------------------------ formatting
    def formatted(self):
        """fmt's result (fmt.Formatted) for this text: .text is None when it cannot be formatted."""
        from ..fmt import format_text

        return format_text(self.text or "", self.path)

    def format_edits(self) -> list[Edit] | None:
        """The edits that turn the text into its formatted form (None when it cannot be formatted):
        whole lines replaced where they differ, so an editor keeps its place elsewhere."""
        import difflib

        result = self.formatted()
        if result.text is None:
            return None
        before = (self.text or "").splitlines(keepends=True)
        after = result.text.splitlines(keepends=True)
        starts = [0]
        for line in before:
            starts.append(starts[-1] + len(line))
        edits = []
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                edits.append(Edit(Span(starts[i1], starts[i2]), "".join(after[j1:j2])))
        return edits

    # ------------------------------------------------------------------ navigation (navigation.py)
    @cached_property
    def index(self):
        from .navigation import NameIndex

        return NameIndex(self)

    def hover(self, offset: int):
        from .navigation import hover

        return hover(self, offset)

    def definition(self, offset: int) -> Span | None:
        return self.index.definition(offset)

    def references(self, offset: int, include_declaration: bool = True) -> list[Span]:
        return self.index.references(offset, include_declaration)

    def completions(self, offset: int, names: Iterable[str] = (), titles: Iterable[str] = ()):
        """Fact names after an open 「, titles after an open 【; `names`/`titles` add those of an earlier
        version (while a name is half typed the text may not parse)."""
        from .navigation import completions

        return completions(self, offset, names, titles)

    def symbols(self):
        from .navigation import symbols

        return symbols(self)

    def fixes(self, problem: Problem):
        """Mechanical fixes for a lint finding (fixes.Fix: a title and edits)."""
        from .fixes import fixes_for

        return fixes_for(self, problem)

    @cached_property
    def reach(self):
        """Lint's range analysis (the reachable score of every item), computed when first asked for."""
        from ..lint.reach import Analysis

        return Analysis(self.loaded.model)


def open_file(path: str, readings=()) -> Document:
    """A rubric file, read as `govrubric check` reads it (an unreadable file gives GR105/GR106)."""
    from .. import load

    return Document(load(path, readings=readings))


def format_file(path: str):
    """fmt's result for a file (fmt.format_file: the file's bytes as read, its BOM and line endings kept)."""
    from ..fmt import format_file as format_

    return format_(path)


def from_text(text: str, path: str = "<text>", readings=()) -> Document:
    """A rubric text held by an editor (not yet saved), read as if it were the file `path`."""
    from .. import loads

    return Document(loads(text, path, readings=readings))


class _Recent:
    """The last few documents by (path, text): an editor asks about the same version many times."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[str, str], Document] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, text: str, path: str) -> Document:
        key = (path, text)
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                return found
        doc = from_text(text, path)
        with self.lock:
            self.entries[key] = doc
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return doc


_recent = _Recent()


def document(text: str, path: str = "<text>") -> Document:
    """from_text, reusing the Document of the same text and path when it was asked for recently."""
    return _recent.get(text, path)
