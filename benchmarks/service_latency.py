"""How long after a keystroke the language service has diagnostics for 宜良 (target: 200 ms).

Each round edits the text the way typing does (a digit in a score changes, so every stage runs again
on a new version; nothing is reused from the round before) and times, in this process, warm:
  check: parse + check of the new version (what the workbench and the language server show at once),
  lint:  lint of that version (shown after check, see docs/performance.md),
  hover: a hover on an item heading of the new version (lint's range analysis, computed on demand).

    python benchmarks/service_latency.py            # 20 rounds
    python benchmarks/service_latency.py --rounds 50 --rubric rubrics/gongshu-2021.rubric
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

TARGET_MS = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rubric", default="rubrics/yiliang-2023.rubric")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from govrubric.service import from_text

    with open(args.rubric, encoding="utf-8-sig") as handle:
        text = handle.read()
    clause = "「明进暗不进问题数」每发现1起“明进暗不进”问题扣0.2分"
    anchor = text.index(clause) + clause.index("扣0.2分")  # a clause's deduction, its digit retyped each round
    heading = text.index("\n二、") + 2
    from_text(text, args.rubric).problems()  # warm: grammar built, modules imported

    times: dict[str, list[float]] = {"check": [], "lint": [], "hover": []}
    cpu: dict[str, list[float]] = {"check": [], "lint": [], "hover": []}
    for round_ in range(args.rounds):
        digit = str(1 + round_ % 9)
        edited = text[:anchor + 3] + digit + text[anchor + 4:]
        start, start_cpu = time.perf_counter(), time.process_time()
        doc = from_text(edited, args.rubric)
        problems = doc.check_problems()
        checked, checked_cpu = time.perf_counter(), time.process_time()
        linted = doc.lint_problems()
        done, done_cpu = time.perf_counter(), time.process_time()
        doc.hover(heading)
        hovered, hovered_cpu = time.perf_counter(), time.process_time()
        cpu["check"].append((checked_cpu - start_cpu) * 1000)
        cpu["lint"].append((done_cpu - checked_cpu) * 1000)
        cpu["hover"].append((hovered_cpu - done_cpu) * 1000)
        assert not problems, [p.full_message() for p in problems]
        times["check"].append((checked - start) * 1000)
        times["lint"].append((done - checked) * 1000)
        times["hover"].append((hovered - done) * 1000)
        del linted

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.rubric}: {args.rounds} edits, load average {load:.1f}")
    # CPU time is what the work costs this process; on a busy machine the wall clock adds the wait for a core
    print(f"{'stage':<28}{'median':>10}{'p95':>10}{'÷ 200 ms':>10}{'CPU median':>12}{'÷ 200 ms':>10}")
    both = {key: [a + b for a, b in zip(found["check"], found["lint"])] for key, found in (("wall", times), ("cpu", cpu))}
    rows = [("check (shown at once)", times["check"], cpu["check"]),
            ("lint (shown after)", times["lint"], cpu["lint"]),
            ("check + lint", both["wall"], both["cpu"]),
            ("hover on an item", times["hover"], cpu["hover"])]
    for name, values, spent in rows:
        median = statistics.median(values)
        p95 = sorted(values)[max(0, int(len(values) * 0.95) - 1)]
        used = statistics.median(spent)
        print(f"{name:<28}{median:>8.1f}ms{p95:>8.1f}ms{median / TARGET_MS:>10.2f}{used:>10.1f}ms{used / TARGET_MS:>10.2f}")


if __name__ == "__main__":
    main()
