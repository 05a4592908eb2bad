"""In-process use: a rubric compiled and executed as a module object, and telling a compiled scorer's file."""
from __future__ import annotations

import os

from .module import HEADER_START


def compile_rubric(rubric, module_name: str = "govrubric_scorer"):
    """A scorer module executed from the generated source, for a loaded Rubric or a rubric file's path.

    The module is what `govrubric compile` writes, loaded without a file; its SOURCE attribute holds
    the source. Raises GovrubricError (with every diagnostic) when the rubric has errors.
    """
    from .. import GovrubricError, Rubric, load
    from . import generate

    if not isinstance(rubric, Rubric):
        rubric = load(os.fspath(rubric))
    if rubric.model is None:
        raise GovrubricError(rubric.check())
    return load_scorer(generate(rubric.model, rubric.line_of), module_name)


def load_scorer(source: str, module_name: str = "govrubric_scorer"):
    """Execute generated source as a module object (not added to sys.modules)."""
    import hashlib
    import linecache
    import types

    # a name of its own for each source, so that a traceback shows this scorer's lines, not another's
    filename = f"<govrubric scorer {module_name} {hashlib.sha256(source.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    module = types.ModuleType(module_name)
    module.__file__ = filename
    module.SOURCE = source
    exec(compile(source, filename, "exec"), module.__dict__)  # our own generated code, not user text
    return module


def is_generated(path: str) -> bool:
    """Whether a file is a scorer govrubric compiled (and so may be replaced by compiling again)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(64).startswith(HEADER_START)
    except (OSError, UnicodeDecodeError):
        return False
