"""视情 amounts checked against the tier that applies: _check_ladders, which the runtime's facts validator
calls once a unit's facts are converted, as facts.FactChecker.ladder_amount does."""
from __future__ import annotations

from ..facts import SEPARATORS, discretion_ladders, ladder_facts
from .module import ModuleCode
from .writer import lit, tuple_code


class AmountCode(ModuleCode):
    def ladder_checks(self) -> None:
        """def _check_ladders(v, category, row, unit): the problems with the amounts of the 视情 tiers that apply."""
        w = self.w
        w.line("")
        w.open("def _check_ladders(v, category, row, unit):")
        w.line("problems = []")
        for applies, rule in discretion_ladders(self.rubric):
            self.source_comment(rule.text, rule.span)
            self.temps = 0
            self.chain = ()
            where = "" if applies is None else (
                f"(category is None or category in {tuple_code(lit(c) for c in sorted(applies))}) and ")
            w.open(f"if {where}all(name in v for name in {tuple_code(lit(n) for n in ladder_facts(rule))}):")
            self.operand_prelude([t.test for t in rule.tiers])
            keyword = "if"
            for tier in rule.tiers:
                header = None if tier.test is None and keyword == "if" else (  # a lone tier with no condition
                    "else:" if tier.test is None else f"{keyword} {self.holds(tier.test)}:")
                if header is not None:
                    w.open(header)
                out = tier.outcome
                if out.kind == "discretion":
                    args = ["problems", "row", "unit", lit(out.fact), self.fact_value(out.fact),
                            self.maybe_dec(out.low), self.maybe_dec(out.high), lit(tier.text.lstrip(SEPARATORS))]
                    w.line(f"_ladder_amount({', '.join(args)})")
                elif header is not None:
                    w.line("pass")
                if header is not None:
                    w.close()
                if tier.test is None:
                    break
                keyword = "elif"
            w.close()
        w.line("return problems")
        w.close()
