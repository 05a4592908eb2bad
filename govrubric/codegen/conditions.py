"""Conditions: reading facts (r.read for values not computed yet), ratios computed once per clause,
whether a test holds, intervals, and the wording of a test in explanations (evaluate.test)."""
from __future__ import annotations

from .. import model as m
from ..evaluate import arith_unit, has_fraction, quote_condition
from .module import ModuleCode
from .writer import Code, call, lit, tuple_code


class ConditionCode(ModuleCode):
    def fact_value(self, name: str) -> Code:
        if name in self.waiting:
            return Code(f"r.read(v, {lit(name)}, {tuple_code(lit(i) for i in self.chain)})")
        return Code(f"v[{lit(name)}]")

    def reads_waiting(self, test) -> bool:
        return any(name in self.waiting for atom in _atoms(test) for name in _operand_names(atom.operand))

    def operand_prelude(self, tests) -> None:
        """Ratios computed once per clause, as x1 = v['甲'] / v['乙'] (the divisor is checked non-zero)."""
        self.operands = {}
        for test in tests:
            for atom in _atoms(test):
                operand = atom.operand
                if isinstance(operand, m.Ratio) and operand not in self.operands and not self.reads_waiting(atom):
                    self.temps += 1
                    temp = Code(f"x{self.temps}")
                    num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
                    if self.nullable(operand):
                        self.w.line(f"{temp} = {num} / {den} if {num} is not None and {den} is not None else None")
                    else:
                        self.w.line(f"{temp} = {num} / {den}")
                    self.operands[operand] = temp

    def operand_expr(self, operand: m.Operand) -> Code:
        if isinstance(operand, m.Arith):  # exactly, as evaluate.operand_value (numerals.exact_arith)
            return call("_arith", lit(operand.op), self.operand_expr(operand.left), self.operand_expr(operand.right))
        if isinstance(operand, m.Const):
            return self.dec(operand.value)
        if isinstance(operand, m.FactRef) and operand.kind == "category":  # 「单位类别」为「乡镇」
            return Code("r.category")
        if isinstance(operand, m.Ratio):
            if operand not in self.operands:  # read where the evaluator reads it, for the cohort taint
                num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
                return call("_ratio", num, den)
            return self.operands[operand]
        return self.fact_value(operand.name)

    def nullable(self, operand: m.Operand) -> bool:
        if isinstance(operand, m.Ratio):
            return self.nullable(operand.numerator) or self.nullable(operand.denominator)
        if isinstance(operand, m.Arith):  # a divisor computed over the cohort can be 0: no value (numerals.exact_arith)
            divides = operand.op == "/" and not isinstance(operand.right, m.Const)
            return divides or self.nullable(operand.left) or self.nullable(operand.right)
        if isinstance(operand, m.Const):
            return False
        if operand.kind == "category":
            return True
        return self.rubric.facts[operand.name].optional

    def holds(self, test: m.Test) -> Code:
        """Whether a test holds (evaluate.test without the wording); a missing value never holds."""
        if isinstance(test, (m.AllOf, m.AnyOf)):
            if self.reads_waiting(test):  # the evaluator reads every part, so every part is read
                return call("all" if isinstance(test, m.AllOf) else "any", tuple_code(self.holds(p) for p in test.parts))
            op = " and " if isinstance(test, m.AllOf) else " or "
            return Code("(" + op.join(self.holds(p) for p in test.parts) + ")")
        if isinstance(test, m.InRange) and test.every is not None:  # 每季度至少1次 (evaluate.every)
            periods = self.rubric.facts[test.operand.name].periods
            return call("_holds_every", self.fact_value(test.operand.name), str(periods),
                        Code(f"lambda x: {self.interval('x', test.interval)}"))
        value = self.operand_expr(test.operand)
        kind = "ratio" if isinstance(test.operand, m.Ratio) else test.operand.kind
        if isinstance(test, m.Truthy):
            if kind == "bool":
                truth = value
            elif kind in ("list", "discretionary"):
                truth = Code(f"len({value}) > 0")
            elif kind == "choice":
                truth = Code("True")
            else:
                truth = Code(f"{value} > ZERO")
            expr = Code(f"not ({truth})" if test.negated and truth != value else (
                f"not {truth}" if test.negated else truth))
        elif isinstance(test, m.OneOf):
            options = tuple_code(lit(o) for o in test.options)
            expr = Code(f"_any_option({value}, {options})" if kind == "list" else f"{value} in {options}")
        else:
            if isinstance(test.operand, m.Ratio) and has_fraction(test.interval):  # exactly, as evaluate.test
                operand = test.operand
                value = call("_exact_ratio", self.fact_value(operand.numerator.name),
                             self.fact_value(operand.denominator.name))
            expr = self.interval(value, test.interval)
        return Code(f"({value} is not None and {expr})") if self.nullable(test.operand) else expr

    def interval(self, value: str, interval: m.Interval) -> Code:
        low, high = interval.low, interval.high
        if low is not None and high is not None:
            if low == high and interval.low_closed and interval.high_closed:
                return Code(f"{value} == {self.dec(low)}")
            return Code(f"{self.dec(low)} {'<=' if interval.low_closed else '<'} {value} "
                        f"{'<=' if interval.high_closed else '<'} {self.dec(high)}")
        if low is not None:
            return Code(f"{value} {'>=' if interval.low_closed else '>'} {self.dec(low)}")
        if high is not None:
            return Code(f"{value} {'<=' if interval.high_closed else '<'} {self.dec(high)}")
        return Code("True")

    def why(self, test: m.Test, known: bool | None) -> Code:
        """The test's wording as the evaluator writes it; known: whether it holds, when that is known."""
        if isinstance(test, (m.AllOf, m.AnyOf)):
            joiner = self.say(" 且 ") if isinstance(test, m.AllOf) else self.say(" 或 ")
            return call(f"{joiner}.join", tuple_code(self.why(p, None) for p in test.parts))
        if isinstance(test, m.InRange) and test.every is not None:  # 每季度至少1次 (evaluate.every)
            fact = self.rubric.facts[test.operand.name]
            return call("_why_every", lit(fact.name), lit(fact.kind), self.fact_value(fact.name), lit(fact.per),
                        str(fact.periods), Code(f"lambda x: {self.interval('x', test.interval)}"),
                        lit(quote_condition(test.text)), lit(test.meaning), *self.unit_arg(fact.name))
        quoted = quote_condition(test.text)
        if isinstance(test, m.InRange):
            yes = self.say(",符合{condition}({meaning})", condition=quoted, meaning=test.meaning)
            no = self.say(",不符合{condition}({meaning})", condition=quoted, meaning=test.meaning)
        else:
            yes = self.say(",{condition}成立", condition=quoted)
            no = self.say(",{condition}不成立", condition=quoted)
        wording = (yes if known else no) if known is not None else Code(f"{yes} if {self.holds(test)} else {no}")
        operand = test.operand
        if isinstance(operand, m.Arith):  # evaluate.test: the description, then whether it held
            value = self.operand_expr(operand)
            return Code(f"{self.describe(operand)} + (_say('(条件不成立)') if {value} is None else {wording})")
        if isinstance(operand, m.Ratio):
            num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
            return call("_why_ratio", lit(operand.numerator.name), lit(operand.denominator.name), num, den, wording)
        if operand.kind == "category":  # evaluate.describe: the unit's category, shown as a choice
            return call("_why", lit(operand.name), lit("choice"), Code("r.category"), wording)
        return call("_why", lit(operand.name), lit(operand.kind), self.fact_value(operand.name), wording,
                    *self.unit_arg(operand.name))

    def describe(self, operand: m.Operand) -> Code:
        """evaluate.describe: an operand and its value in words (「甲」+「乙」= 7(「甲」= 3、「乙」= 4))."""
        if isinstance(operand, m.FactRef) and operand.kind == "category":
            return Code(f"{lit('「' + operand.name + '」= ')} + _show('choice', r.category)")
        if isinstance(operand, m.FactRef):
            fact = self.rubric.facts[operand.name]
            return Code(f"{lit('「' + operand.name + '」= ')} + "
                        f"{call('_show', lit(fact.kind), self.fact_value(operand.name), *self.unit_arg(operand.name))}")
        if isinstance(operand, m.Ratio):
            num, den = self.fact_value(operand.numerator.name), self.fact_value(operand.denominator.name)
            return call("_why_ratio", lit(operand.numerator.name), lit(operand.denominator.name), num, den, lit(""))
        if operand.relation is not None:
            return Code(f"{self.describe(operand.left)} + ',' + {self.describe(operand.right)}")
        facts = [self.describe(m.FactRef(name, "")) for name in m.operand_facts(operand)]
        missing = " or ".join(f"{self.fact_value(name)} is None" for name in m.operand_facts(operand)) or "False"
        return call("_describe_arith", lit(operand.text), self.operand_expr(operand), lit(arith_unit(operand)),
                    tuple_code(facts), Code(f"({missing})"), lit(operand.kind))

    def unit_arg(self, name: str) -> list[Code]:
        """The unit a measured fact's value is shown in (_show's third argument), or nothing."""
        fact = self.rubric.facts.get(name)
        return [lit(fact.measure)] if fact is not None and fact.kind == "quantity" else []


def _atoms(test):
    if test is None:
        return
    if isinstance(test, (m.AllOf, m.AnyOf)):
        for part in test.parts:
            yield from _atoms(part)
    else:
        yield test


def _operand_names(operand) -> list[str]:
    return list(m.operand_facts(operand))
