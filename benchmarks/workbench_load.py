"""A bounded load test of the workbench on loopback: USERS browsers at once, each uploading a facts file of
UNITS units of 宜良 2023 and scoring it ROUNDS times, against a real `govrubric serve` (uvicorn) started
here. Reports errors and the latency of the scoring requests (median, p95, max) and the throughput.

    python benchmarks/workbench_load.py                     # 20 users × 5 rounds, 100 units
    python benchmarks/workbench_load.py --users 20 --rounds 5 --units 100

Only 127.0.0.1 is contacted; every request has a time-out and the run stops after users × rounds requests.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

RUBRIC = ROOT / "rubrics" / "yiliang-2023.rubric"
FACTS = ROOT / "rubrics" / "yiliang-2023.facts.json"


def facts_for(units: int) -> bytes:
    """UNITS units: the shipped units' facts in turn, each under a name of its own."""
    shipped = json.loads(FACTS.read_text(encoding="utf-8"))
    rows = shipped["单位"] if isinstance(shipped, dict) else shipped
    made = []
    for index in range(units):
        row = dict(rows[index % len(rows)])
        row["单位"] = f"单位{index + 1:03d}"
        made.append(row)
    return json.dumps(made, ensure_ascii=False).encode("utf-8")


def user(base: str, text: str, facts: bytes, rounds: int, units: int, times: list, errors: list) -> None:
    import re

    import httpx

    with httpx.Client(base_url=base, timeout=300) as client:
        page = client.get("/")
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
        for _ in range(rounds):
            start = time.perf_counter()
            try:
                answer = client.post("/api/score", headers={"x-csrf-token": csrf},
                                     data={"text": text, "path": RUBRIC.name},
                                     files={"facts": ("数据.json", facts, "application/json")})
                found = answer.json()
                rows = found["rankings"][0]["rows"] if answer.status_code == 200 and "rankings" in found else []
                if len(rows) != units:
                    errors.append(f"{answer.status_code}: {str(found)[:200]}")
            except Exception as err:  # noqa: BLE001 - a load test counts every failure, whatever it is
                errors.append(repr(err))
            times.append(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()

    from workbench_support import running_server

    text = RUBRIC.read_text(encoding="utf-8-sig")
    facts = facts_for(args.units)
    with tempfile.TemporaryDirectory() as folder, running_server(Path(folder)) as (base, _):
        times: list[float] = []
        errors: list[str] = []
        user(base, text, facts, 1, args.units, [], errors)  # warm: the rubric checked once, as a first visit does
        threads = [threading.Thread(target=user, args=(base, text, facts, args.rounds, args.units, times, errors))
                   for _ in range(args.users)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start

    ordered = sorted(times)
    p95 = ordered[max(0, int(round(len(ordered) * 0.95)) - 1)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.users} users × {args.rounds} rounds, {args.units} units of 宜良 2023 each, on loopback "
          f"(load average {load:.1f}, {os.cpu_count()} cores)")
    print(f"requests {len(times)}, errors {len(errors)}")
    print(f"scoring request: median {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {ordered[-1]:.2f} s")
    print(f"throughput {len(times) / elapsed:.1f} requests/s, {len(times) * args.units / elapsed:.0f} units scored/s")
    for error in errors[:5]:
        print("  error:", error)


if __name__ == "__main__":
    main()
