"""lint against check on the same rubric (issue 17: lint on 拱墅 ≤ 3× check), measured side by side.

Three ratios (runs interleaved, so a busy moment slows both alike):
  in process: lint of a loaded rubric ÷ parse + check of it (warm: modules imported, grammar built), the best of
              the rounds in wall time and in CPU time (CPU time moves less on a shared machine);
  commands:   `govrubric lint FILE` ÷ `govrubric check FILE`, fresh processes, the best of the rounds;
  --instructions: machine instructions counted by valgrind's callgrind (independent of the load): a warm lint ÷ a
              warm parse + check, each the difference of two runs (check once or twice; check, lint once or twice).

    python benchmarks/lint_speed.py                                  # 拱墅 2021 and 宜良 2023
    python benchmarks/lint_speed.py --rounds 20 rubrics/gongshu-2021.rubric
    python benchmarks/lint_speed.py --instructions rubrics/gongshu-2021.rubric
    python benchmarks/lint_speed.py --tree /work/main …              # the govrubric of another checkout, for a
                                                                     # before/after run side by side
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ["rubrics/gongshu-2021.rubric", "rubrics/yiliang-2023.rubric"]


def in_process(path: str, rounds: int) -> tuple[dict[str, float], dict[str, float], int]:
    import govrubric
    from govrubric.lint import lint

    def check():
        rubric = govrubric.load(path)
        rubric.check()
        return rubric

    findings = len(lint(check()))  # warm
    wall = {"check": float("inf"), "lint": float("inf")}  # float-ok: timing
    cpu = dict(wall)
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        rubric = check()
        checked, checked_cpu = time.perf_counter(), time.process_time()
        lint(rubric)
        done, done_cpu = time.perf_counter(), time.process_time()
        wall["check"], wall["lint"] = min(wall["check"], checked - began), min(wall["lint"], done - checked)
        cpu["check"], cpu["lint"] = min(cpu["check"], checked_cpu - began_cpu), min(cpu["lint"], done_cpu - checked_cpu)
    return wall, cpu, findings


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


def once(path: str, checks: int, lints: int) -> None:
    """What one counted run does: import, parse + check `checks` times, lint the last one `lints` times."""
    import govrubric
    from govrubric.lint import lint

    for _ in range(checks):
        rubric = govrubric.load(path)
        rubric.check()
    for _ in range(lints):
        lint(rubric)


def instructions(path: str, checks: int, lints: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                        "--tree", str(ROOT), "--once", str(checks), str(lints), path], cwd=ROOT, check=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(re.search(r"^summary: (\d+)", out.read_text(), re.M).group(1))


def counted(path: str) -> tuple[int, int]:
    """(instructions of a warm parse + check, of a warm lint), each the difference of two runs."""
    one, two = instructions(path, 1, 0), instructions(path, 2, 0)
    lint_one, lint_two = instructions(path, 2, 1), instructions(path, 2, 2)
    return two - one, lint_two - lint_one


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rubrics", nargs="*", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--instructions", action="store_true", help="count instructions with callgrind instead")
    parser.add_argument("--tree", type=Path, help="measure the govrubric of this checkout (default: this one)")
    parser.add_argument("--once", nargs=2, type=int, metavar=("CHECKS", "LINTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.tree is not None:
        global ROOT
        ROOT = args.tree.resolve()
        sys.path.insert(0, str(ROOT))
    if args.once:
        once(args.rubrics[0], *args.once)
        return 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (2 cores shared)")
    for path in args.rubrics:
        if args.instructions:
            check, lint = counted(path)
            print(f"{path}: instructions  check {check / 1e6:8.1f} M  lint {lint / 1e6:8.1f} M  "
                  f"lint ÷ check {lint / check:4.2f}×")
            continue
        wall, cpu, findings = in_process(path, args.rounds)
        print(f"{path}: in process  check {wall['check'] * 1000:7.1f} ms  lint {wall['lint'] * 1000:7.1f} ms  "
              f"lint ÷ check {wall['lint'] / wall['check']:4.2f}×  ({findings} findings)")
        print(f"{path}: CPU time    check {cpu['check'] * 1000:7.1f} ms  lint {cpu['lint'] * 1000:7.1f} ms  "
              f"lint ÷ check {cpu['lint'] / cpu['check']:4.2f}×")
        check, lint = commands(path, max(3, args.rounds // 2))
        print(f"{path}: commands    check {check * 1000:7.1f} ms  lint {lint * 1000:7.1f} ms  "
              f"lint ÷ check {lint / check:4.2f}×")
    print("target (拱墅): lint ≤ 3× check")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
