"""The pipeline in one place: file → source → pieces → tree → checked model.

Each stage reports into one Diagnostics collector and the driver stops after a stage
that found errors, so a later stage never sees a broken input.
"""
from __future__ import annotations

from ._gc import no_cyclic_gc
from .diagnostics import Diagnostics
from .source import SourceFile, Span, undecodable


def read_source(path: str, diags: Diagnostics) -> SourceFile | None:
    try:
        return SourceFile.read(path)
    except UnicodeDecodeError as err:  # shown at its line and column, in the text as far as it reads
        source, span, detail = undecodable(path, err)
        diags.source = source
        diags.error("GR105", span, detail=detail)
    except OSError as err:
        diags.error("GR106", Span(0, 0), detail=f"{path}: {err.strerror or err}")
    return None


def analyse(source: SourceFile, diags: Diagnostics, overrides=()):
    """Source text → checked model (model.Rubric), or None with the reasons in diags.

    overrides: readings.Override values that replace the rubric's stated readings (口径)."""
    from .check import check
    from .structure import build_tree
    from .syntax import parse_pieces

    diags.source = source
    with no_cyclic_gc():
        pieces = parse_pieces(source, diags)
        if pieces is None:
            return None, None
        tree = build_tree(pieces, diags)
        if diags.has_errors:
            return tree, None
        return tree, check(tree, source, diags, tuple(overrides))
