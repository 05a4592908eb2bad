"""Checked model → one standalone, readable Python module that scores units exactly as the evaluator does.

The module is the fixed runtime (_runtime.py and _runtime_cohort.py, copied verbatim) followed by code
generated for one rubric: Decimal constants, metadata, the FACTS table, one function per item named
after its numbering (item_3_2 for 三.2), _run, which adds up the total, and COHORTS, how values over a
cohort are computed. Each clause's code is preceded by a comment quoting the clause and its line.

Safety (the Jinja2 way; building ``ast`` nodes and unparsing them took 100 ms for one rubric):
code is written from fixed fragments in this package. Rubric text reaches it only through ``repr()``
(``lit``: one-line literals with every control, line-break and bidi character escaped), or through
``Code`` pieces built by the helpers in writer.py, or as comments escaped by ``comment_text``. Every
identifier is generated (item_…, D_…, sub_1, x1) from numbers, never from rubric text, since Python
folds look-alike identifiers (ｓｃｏｒｅ is score). tests/test_codegen_safety.py checks this on hostile
rubrics by inspecting the generated module's syntax tree.

Fidelity: the code mirrors evaluate.py operation by operation, in the same order, so that results
agree to the last digit even where the Decimal context rounds (28 significant digits); hence
details such as ``(count / D_1).to_integral_value(ROUND_FLOOR)`` and ``v['…'] + ZERO``.

The generator is one class composed of a writer per concern; where a construct is compiled:
  module.py      the module's skeleton: header, runtime, constants, metadata, FACTS, item function names
  items.py       one function per item: applies, children, base, bounds, veto
  rules.py       tiers, 每N次, 每低…, 第N次, 分别/依次, a clause's cap
  conditions.py  facts read, ratios, tests, intervals and their wording
  total.py       _run, the 总分 formula, rules on the total, grades, COHORTS
  amounts.py     _check_ladders: 视情 amounts against the tier that applies
  writer.py      Code, literals, comments and the line writer
  inprocess.py   compile_rubric, load_scorer, is_generated
"""
from __future__ import annotations

from .. import model as m
from .amounts import AmountCode
from .conditions import ConditionCode
from .items import ItemCode
from .inprocess import compile_rubric, is_generated, load_scorer
from .module import HEADER_START, runtime_source
from .rules import RuleCode
from .running import RunningCode
from .total import TotalCode
from .writer import comment_text

__all__ = ["generate", "compile_rubric", "load_scorer", "is_generated", "runtime_source", "comment_text"]


def generate(rubric: m.Rubric, line_of) -> str:
    """The source of a standalone scorer for a checked rubric; line_of(span) gives a span's line number."""
    from .. import __version__

    gen = _Module(rubric, line_of)
    body = gen.module()
    header = (f'{HEADER_START} {__version__} from a rubric: see TITLE, SOURCE_FILE, SOURCE_SHA256.\n\n'
              "Generated code: do not edit; compile the rubric again instead. Needs only the Python standard library.\n"
              "score(facts) gives every item's score (and .grade, the unit's 等次 when GRADES lists any), explain(facts)\n"
              "the explained result tree, check_facts(facts) the problems in a unit's facts; FACTS describes the facts\n"
              'it needs.\n"""\n')
    return header + runtime_source() + "\n\n# " + "-" * 64 + " generated from the rubric\n" + body


class _Module(ItemCode, RuleCode, RunningCode, ConditionCode, TotalCode, AmountCode):
    """The generator for one rubric: one writer per concern, sharing ModuleCode's state."""
