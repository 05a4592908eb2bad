"""Compiled scorers against the evaluator and against hand-written Python (docs/performance.md).

    python benchmarks/bench_compile.py                 # 10,000 units of 宜良 2023
    python benchmarks/bench_compile.py --units 2000 --json out.json

Every figure is measured in the same run and printed as a ratio beside its absolute times, with the
machine and its load. Before timing, the compiled scorer is checked against the evaluator (on a
sample) and against the hand-written reference (on every unit): a figure for wrong code is no figure.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import govrubric  # noqa: E402
from govrubric.codegen import generate, load_scorer  # noqa: E402
from govrubric.evaluate import score_unit  # noqa: E402
from govrubric.facts import FactChecker  # noqa: E402

TARGETS = {"evaluator ÷ compiled score": 10.0, "compiled score_checked ÷ hand-written": 1.5,
           "compiled score(facts) ÷ hand-written(row)": 1.5,
           "parse + check + compile (ms)": 50.0, "govrubric check, fresh process (s)": 0.5}


def machine() -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": platform.platform(), "load average": _load()}


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def units(model, count: int, seed: int = 2023) -> list[dict]:
    """Rows as a facts file holds them: JSON booleans, whole numbers, 「93.5%」 strings, Decimal scores."""
    from govrubric.facts import ratio_denominators

    rnd = random.Random(seed)
    categories = model.categories
    denominators = ratio_denominators(model)
    rows = []
    for index in range(count):
        row = {"单位": f"单位{index + 1}"}
        if categories:
            row["单位类别"] = rnd.choice(categories)
        for fact in model.facts.values():
            if fact.cohort is not None:
                continue
            row[fact.name] = rnd.randint(1, 60) if fact.name in denominators else _value(rnd, fact)
        rows.append(row)
    return rows


def _value(rnd: random.Random, fact):
    kind = fact.kind
    if kind == "bool":
        return rnd.random() < 0.8
    if kind in ("count", "days", "months"):
        return rnd.choice([0, 0, 0, 1, 2, 3, 5, 8, 16])
    if kind == "rank":
        return rnd.randint(1, 40)
    if kind == "percent":
        return f"{Decimal(rnd.randint(850, 1000)) / 10}%"
    if kind == "ratio":
        return Decimal(rnd.randint(0, 300)) / 100
    if kind == "score":
        low, high = fact.low or Decimal(0), fact.high if fact.high is not None else Decimal(10)
        return low + (high - low) * Decimal(rnd.randint(0, 10)) / 10
    if kind == "discretionary":
        return []
    if kind == "choice":
        return rnd.choice(fact.options)
    if kind == "list":
        return [rnd.choice(fact.options)] if rnd.random() < 0.5 else []
    raise ValueError(kind)


def race(runs: dict, repeat: int, once: tuple = ()) -> dict:
    """The best of `repeat` runs of each, in seconds, taking turns so that every contender meets the
    same changes in the machine's load; the best run is the least disturbed by other work. Those in
    `once` (the slow evaluator) run in the first turn only."""
    best = dict.fromkeys(runs, float("inf"))
    for turn in range(repeat):
        for name, run in runs.items():
            if turn and name in once:
                continue
            gc.collect()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def verify(rubric, scorer, reference, rows, checked, sample: int) -> None:
    for row in rows[:sample]:
        expected = rubric.score(row)
        if scorer.score(row) != expected.scores() or scorer.explain(row) != expected.to_json():
            sys.exit(f"compiled scorer differs from the evaluator for {row['单位']}")
    if reference is None:
        return
    for (values, category), row in zip(checked, rows):
        if not reference.scores(values) == reference.scores_from_row(row) == scorer.score_checked(values, category):
            sys.exit(f"benchmarks/yiliang_reference.py differs from the compiled scorer for {row['单位']}: "
                     "the rubric changed; update the reference by hand")


def fresh_check_seconds(path: str, repeat: int) -> tuple[float, float]:
    """Median wall time of `govrubric check` as a new process, and of a bare `python -c pass`."""
    def run(args) -> float:
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        return time.perf_counter() - start

    run([sys.executable, "-m", "govrubric", "check", path])  # the grammar cache is written once
    check = statistics.median(run([sys.executable, "-m", "govrubric", "check", path]) for _ in range(repeat))
    bare = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(repeat))
    return check, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rubric", default=str(ROOT / "rubrics" / "yiliang-2023.rubric"))
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args()

    info = machine()
    rubric = govrubric.load(args.rubric)
    if not rubric.ok:
        sys.exit("\n".join(d.render() for d in rubric.check()))
    model = rubric.model
    scorer = load_scorer(generate(model, rubric.line_of))
    reference = None
    if Path(args.rubric).name == "yiliang-2023.rubric":
        import yiliang_reference as reference
    rows = units(model, args.units)
    checked = [scorer.check_facts(row)[:2] for row in rows]
    verify(rubric, scorer, reference, rows, checked, sample=min(300, len(rows)))

    checker = FactChecker(model)

    def evaluator() -> None:
        for row in rows:
            values, category, _problems = checker.validate_unit(row, row["单位"])
            score_unit(model, values, row["单位"], category, rubric.line_of)

    def each(function, items, star=False):
        """Call function on every item, keeping no result: kept results would make the garbage
        collector's passes grow with the run, charging their cost to whoever runs last."""
        def run() -> None:
            if star:
                for item in items:
                    function(*item)
            else:
                for item in items:
                    function(item)
        return run

    runs = {
        "evaluator (validate + score_unit)": evaluator,
        "compiled score(facts)": each(scorer.score, rows),
        "compiled check_facts(facts)": each(scorer.check_facts, rows),
        "compiled score_checked(values)": each(scorer.score_checked, checked, star=True),
        "compiled explain(facts)": each(scorer.explain, rows),
    }
    if reference is not None:
        runs["hand-written reference(values)"] = each(reference.scores, [v for v, _ in checked])
        runs["hand-written reference(row)"] = each(reference.scores_from_row, rows)
    seconds = race(runs, args.repeat, once=("evaluator (validate + score_unit)", "compiled explain(facts)"))

    load_ms, generate_ms, exec_ms = [], [], []
    for _ in range(20):
        start = time.perf_counter()
        loaded = govrubric.load(args.rubric)
        middle = time.perf_counter()
        source = generate(loaded.model, loaded.line_of)
        end = time.perf_counter()
        load_scorer(source)
        load_ms.append((middle - start) * 1000)
        generate_ms.append((end - middle) * 1000)
        exec_ms.append((time.perf_counter() - end) * 1000)
    check_s, bare_s = fresh_check_seconds(args.rubric, 10)

    per_unit = {k: v / len(rows) * 1e6 for k, v in seconds.items()}
    ratios = {"evaluator ÷ compiled score": seconds["evaluator (validate + score_unit)"] / seconds["compiled score(facts)"],
              "evaluator ÷ compiled explain": seconds["evaluator (validate + score_unit)"]
              / seconds["compiled explain(facts)"]}
    if reference is not None:
        hand = seconds["hand-written reference(values)"]
        ratios["compiled score_checked ÷ hand-written"] = seconds["compiled score_checked(values)"] / hand
        ratios["compiled score(facts) ÷ hand-written(row)"] = (seconds["compiled score(facts)"]
                                                             / seconds["hand-written reference(row)"])
        ratios["compiled score(facts) ÷ hand-written(values)"] = seconds["compiled score(facts)"] / hand
    compile_total = statistics.median(a + b for a, b in zip(load_ms, generate_ms))
    figures = {"parse + check + compile (ms)": compile_total, "govrubric check, fresh process (s)": check_s}
    report = {"machine": info, "rubric": Path(args.rubric).name, "units": len(rows), "seconds": seconds,
              "microseconds per unit": per_unit, "ratios": ratios,
              "compile ms (median of 20, warm)": {"parse + check": statistics.median(load_ms),
                                                   "generate source": statistics.median(generate_ms),
                                                   "exec the source (compile_rubric only)": statistics.median(exec_ms),
                                                   "parse + check + generate": compile_total},
              "fresh process s (median of 10)": {"govrubric check": check_s, "python -c pass": bare_s},
              "load average after": _load()}
    _print(report, {**ratios, **figures})
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


def _print(report: dict, figures: dict) -> None:
    m = report["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['system']}")
    print(f"load average before: {m['load average']}, after: {report['load average after']}")
    print(f"rubric: {report['rubric']}, {report['units']} units\n")
    for name, secs in report["seconds"].items():
        print(f"  {name:<36} {secs:8.3f} s  {report['microseconds per unit'][name]:9.1f} µs/unit")
    print()
    for name, parts in (("compile ms (median of 20, warm)", "ms"), ("fresh process s (median of 10)", "s")):
        for key, value in report[name].items():
            print(f"  {key:<36} {value:8.3f} {parts}")
    print()
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            good = value >= target if name.startswith("evaluator") else value <= target
            verdict = f"(target {'≥' if name.startswith('evaluator') else '≤'} {target:g}: {'met' if good else 'NOT MET'})"
        print(f"  {name:<48} {value:8.2f}  {verdict}")


if __name__ == "__main__":
    main()
