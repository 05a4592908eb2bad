"""lint against check on the same rubric (issue 17: lint on 拱墅 ≤ 3× check), measured side by side.

Two ratios, each the best of the rounds (runs interleaved, so a busy moment slows both alike):
  in process: lint of a loaded rubric ÷ parse + check of it (warm: modules imported, grammar built);
  commands:   `govrubric lint FILE` ÷ `govrubric check FILE`, fresh processes.

    python benchmarks/lint_speed.py                                  # 拱墅 2021 and 宜良 2023
    python benchmarks/lint_speed.py --rounds 20 rubrics/gongshu-2021.rubric
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ["rubrics/gongshu-2021.rubric", "rubrics/yiliang-2023.rubric"]


def in_process(path: str, rounds: int) -> tuple[float, float, int]:
    import govrubric
    from govrubric.lint import lint

    def check():
        rubric = govrubric.load(path)
        rubric.check()
        return rubric

    findings = len(lint(check()))  # warm
    best_check = best_lint = float("inf")  # float-ok: timing
    for _ in range(rounds):
        began = time.perf_counter()
        rubric = check()
        checked = time.perf_counter()
        lint(rubric)
        done = time.perf_counter()
        best_check, best_lint = min(best_check, checked - began), min(best_lint, done - checked)
    return best_check, best_lint, findings


def commands(path: str, rounds: int) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    best = {"check": float("inf"), "lint": float("inf")}  # float-ok: timing
    for _ in range(rounds):
        for command in best:
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "govrubric", command, path], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # lint exits 1 on findings
            best[command] = min(best[command], time.perf_counter() - began)
    return best["check"], best["lint"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rubrics", nargs="*", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (2 cores shared)")
    for path in args.rubrics:
        check, lint, findings = in_process(path, args.rounds)
        print(f"{path}: in process  check {check * 1000:7.1f} ms  lint {lint * 1000:7.1f} ms  "
              f"lint ÷ check {lint / check:4.2f}×  ({findings} findings)")
        check, lint = commands(path, max(3, args.rounds // 2))
        print(f"{path}: commands    check {check * 1000:7.1f} ms  lint {lint * 1000:7.1f} ms  "
              f"lint ÷ check {lint / check:4.2f}×")
    print("target (拱墅): lint ≤ 3× check")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
