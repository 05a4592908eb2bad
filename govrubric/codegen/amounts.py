"""视情 amounts checked against the tier that applies: _check_ladders, which the runtime's facts validator
calls once a unit's facts are converted, as facts.FactChecker.ladder_amount does; and, in the same function, the
number of 按次扣1-3分 amounts against the shortfall, as facts.FactChecker.amount_per_step does."""
from __future__ import annotations

from ..facts import SEPARATORS, discretion_ladders, ladder_facts, step_amount_rules
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
        self.step_amount_checks()
        w.line("return problems")
        w.close()

    def step_amount_checks(self) -> None:
        """「全年至少4次,未开或少开的,按次扣1-3分」: one amount for each occurrence short of the requirement (after the
        ladders, in the order facts.FactChecker.validate_unit checks them)."""
        w = self.w
        for applies, rule in step_amount_rules(self.rubric):
            self.source_comment(rule.text, rule.span)
            self.temps = 0
            self.chain = ()
            name, counted = rule.outcome.fact, rule.operand.name
            where = "" if applies is None else (
                f"(category is None or category in {tuple_code(lit(c) for c in sorted(applies))}) and ")
            w.open(f"if {where}{lit(name)} in v and {lit(counted)} in v and v[{lit(counted)}] is not None:")
            self.operand_prelude([rule.guard])
            args = ["problems", "row", "unit", lit(name), f"v[{lit(name)}]", lit(counted), f"v[{lit(counted)}]",
                    self.holds(rule.guard), self.dec(rule.threshold), lit(rule.below), self.dec(rule.step),
                    lit(rule.measure), self.maybe_dec(rule.outcome.low), self.maybe_dec(rule.outcome.high)]
            w.line(f"_step_amounts({', '.join(args)})")
            w.close()
