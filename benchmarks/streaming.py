"""Streaming 宜良 2023 from a CSV file (govrubric.stream.write_scores) against the compiled scorer in a plain loop over
the same units' checked values, and the streaming scorer's peak memory as the file grows (docs/performance.md).

    python benchmarks/streaming.py                       # 100,000 units; memory at 10,000 and 100,000
    python benchmarks/streaming.py --units 20000 --memory 2000 20000 200000 --rounds 5

The loop is the floor: it neither reads a file nor checks a value nor writes a line. Streaming does all three;
the target is ≤ 3× the loop. Both run in turn --rounds times and each one's fastest round counts. Memory: peak resident set of a fresh process less its size before scoring.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import govrubric  # noqa: E402
from govrubric.facts import FactChecker  # noqa: E402
from govrubric.stream import write_scores  # noqa: E402
from strategies import random_rows  # noqa: E402

RUBRIC = str(ROOT / "rubrics/yiliang-2023.rubric")
DISTINCT = 2000  # drawn units; bigger files repeat them under new names


def write_csv(path: str, rubric, units: int) -> None:
    import csv

    rows = random_rows(rubric.model, random.Random(1), min(DISTINCT, units))
    names = ["单位", "单位类别"] + [f.name for f in rubric.model.facts.values() if f.cohort is None]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for i in range(units):
            row = dict(rows[i % len(rows)], 单位=f"单位{i + 1}")
            writer.writerow(["是" if v is True else "否" if v is False else "" if v is None else v
                             for v in (row.get(n) for n in names)])


MEMORY_CHILD = r"""
import resource, sys
sys.path.insert(0, {root!r})
import govrubric
from govrubric.stream import compiled_scorer, write_scores
rubric = govrubric.load({rubric!r})
compiled_scorer(rubric)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
summary = write_scores(rubric, {facts!r}, {out!r})
assert summary.written, summary.problems[:3]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--memory", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="streaming and the loop in turn, each one's fastest")
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (2 cores shared)")
    rubric = govrubric.load(RUBRIC)
    with tempfile.TemporaryDirectory(prefix="govrubric-stream-") as folder:
        facts, out = os.path.join(folder, "facts.csv"), os.path.join(folder, "scores.csv")
        write_csv(facts, rubric, args.units)
        scorer = govrubric.compile_rubric(rubric)
        checker = FactChecker(rubric.model)
        rows = random_rows(rubric.model, random.Random(1), min(DISTINCT, args.units))
        checked = [checker.validate_unit(row, row["单位"])[:2] for row in rows]
        write_scores(rubric, facts, out)  # compiled and cached first, as the loop's scorer is
        streamed = streamed_cpu = loop = loop_cpu = float("inf")
        for _ in range(args.rounds):  # in turn, each one's fastest round: the least disturbed by other work
            began, began_cpu = time.perf_counter(), time.process_time()
            summary = write_scores(rubric, facts, out)
            streamed, streamed_cpu = (min(streamed, time.perf_counter() - began),
                                      min(streamed_cpu, time.process_time() - began_cpu))
            assert summary.written and summary.scored == args.units
            began, began_cpu = time.perf_counter(), time.process_time()
            for i in range(args.units):
                values, category = checked[i % len(checked)]
                scorer.score_checked(values, category)
            loop, loop_cpu = min(loop, time.perf_counter() - began), min(loop_cpu, time.process_time() - began_cpu)
        print(f"宜良 {args.units:,} units: streaming CSV → CSV {streamed:.2f} s ({streamed / args.units * 1e6:.0f} µs/unit), "
              f"compiled scorer in a loop {loop:.2f} s ({loop / args.units * 1e6:.0f} µs/unit)")
        print(f"streaming ÷ compiled loop: {streamed / loop:.2f} (target ≤ 3)")
        # both run in this one process: its CPU time is their own cost, whatever else the machine is doing
        print(f"CPU time: streaming {streamed_cpu / args.units * 1e6:.0f} µs/unit, loop {loop_cpu / args.units * 1e6:.0f} "
              f"µs/unit; streaming ÷ compiled loop {streamed_cpu / loop_cpu:.2f}")
        for units in args.memory:
            path = os.path.join(folder, f"facts-{units}.csv")
            write_csv(path, rubric, units)
            code = MEMORY_CHILD.format(root=str(ROOT), rubric=RUBRIC, facts=path, out=out)
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            print(f"streaming {units:>9,} units: peak memory above the loaded rubric {int(done.stdout) / 1024:.1f} MB")
            os.unlink(path)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
