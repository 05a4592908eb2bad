"""Cohort scoring of 拱墅 2021 (ranks, the lowest score, averages) from 1,000 to 100,000 units: time and peak
memory per unit, compiled scorer and interpreter, each size in a fresh process (docs/performance.md).

    python benchmarks/cohort_scaling.py                         # 1,000, 10,000, 100,000 units
    python benchmarks/cohort_scaling.py --sizes 1000 10000 --interpreter-max 10000

Linear means the per-unit figures stay flat as the cohort grows. Peak memory is the process's maximum resident
set (ru_maxrss) less that of the same process before scoring, so imports and the rubric are not counted.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, random, resource, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
import govrubric
from strategies import random_rows
rubric = govrubric.load({rubric!r})
rows = random_rows(rubric.model, random.Random(1), {units})
mode = {mode!r}
scorer = govrubric.compile_rubric(rubric) if mode == "compiled" else None
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
if scorer is not None:
    results = scorer.score_cohort(rows)
else:
    results = rubric.score_cohort(rows)
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({{"seconds": seconds, "peak_kb": peak, "units": len(results)}}))
"""


def run(mode: str, units: int) -> dict:
    code = CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), rubric=str(ROOT / "rubrics/gongshu-2021.rubric"),
                        units=units, mode=mode)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--interpreter-max", type=int, default=100000)
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (2 cores shared)")
    print(f"{'mode':<12}{'units':>10}{'seconds':>10}{'µs/unit':>10}{'peak MB':>10}{'KB/unit':>10}")
    first = {}
    for mode in ("compiled", "interpreter"):
        for units in args.sizes:
            if mode == "interpreter" and units > args.interpreter_max:
                continue
            found = run(mode, units)
            per_unit = found["seconds"] / units * 1e6
            kb = found["peak_kb"] / units
            first.setdefault(mode, (per_unit, kb))
            base_time, base_kb = first[mode]
            print(f"{mode:<12}{units:>10,}{found['seconds']:>10.2f}{per_unit:>10.0f}{found['peak_kb'] / 1024:>10.1f}"
                  f"{kb:>10.2f}   time/unit ×{per_unit / base_time:.2f}, memory/unit ×{kb / base_kb if base_kb else 0:.2f}"
                  f" of the smallest")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
