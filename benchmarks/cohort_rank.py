"""Rank 100,000 units by a fact: the cohort computation should cost no more than a sort.

Prints the time of govrubric's rank computation against sorting the same values, as a ratio
measured in the same run (not a test: timings vary by machine)."""
from __future__ import annotations

import platform
import random
import time
from decimal import Decimal

import govrubric
from govrubric.cohort import Unit, _compute, cohort_facts

RUBRIC = """细则「排名」
一、【收件率】(5分)
  事实「收件率」:百分比
  事实「收件率排名」:按「收件率」从高到低排名
  「收件率排名」前三位,依次加0.5分、1分、1.5分
"""


def main(n: int = 100_000) -> None:
    rubric = govrubric.loads(RUBRIC).model
    (fact,) = cohort_facts(rubric)
    rng = random.Random(7)
    units = [Unit(f"单位{i}", None, {"收件率": Decimal(rng.randint(0, 10000)) / 100}) for i in range(n)]
    values = {u.name: dict(u.values) for u in units}
    explained = {u.name: [] for u in units}

    start = time.perf_counter()
    _compute(rubric, fact, units, values, explained, lambda u: values[u.name]["收件率"])
    ranked = time.perf_counter() - start

    start = time.perf_counter()
    sorted((u.values["收件率"] for u in units), reverse=True)
    sorting = time.perf_counter() - start

    ranks = sorted(values[u.name]["收件率排名"] for u in units)
    assert ranks[0] == 1 and ranks[-1] <= n
    print(f"machine: {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}")
    print(f"units: {n}")
    print(f"rank computation (values, ranks, explanation lines): {ranked * 1000:.0f} ms")
    print(f"sorting the same values alone:                       {sorting * 1000:.0f} ms")
    print(f"ratio rank / sort: {ranked / sorting:.1f}x (n log n: the ratio stays flat as n grows)")
    for size in (n // 10, n):
        sub = units[:size]
        start = time.perf_counter()
        _compute(rubric, fact, sub, values, explained, lambda u: values[u.name]["收件率"])
        print(f"  n={size:>7}: {(time.perf_counter() - start) * 1e6 / size:.1f} µs per unit")


if __name__ == "__main__":
    main()
