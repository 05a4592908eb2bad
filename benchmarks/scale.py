"""Scale: time and memory of parse, check, lint and compile for rubrics of 100, 1,000 and 10,000 items,
the deepest nesting the language can write, long condition and tier chains, and streaming a
100,000-unit facts file.

    python benchmarks/scale.py                 # the whole table (a few minutes)
    python benchmarks/scale.py --quick         # 100 and 1,000 items, 10,000 units

Items are leaves of three levels (一、 → 1. → (1)), ten to a parent, cycling through six clause
forms (yes/no, 每…扣…扣完为止, percentage tiers, 每低, 逐次加重, 分别加), each leaf with its own fact.
Times are the best of `--repeat` runs without tracing; memory is the peak traced by tracemalloc
in a separate run (tracing slows Python down, so the two are never measured together).
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import govrubric  # noqa: E402
from govrubric.printer import cn_number  # noqa: E402

HEADER = '细则「规模测试」\n单位类别:「部门」、「街道」\n'
# Every numbering style, outermost first: a style used again returns to its level, so seven styles
# are the deepest nesting the language can write (heading 【…】 and ○ have no number).
STYLES_DEEPEST = ("{cn}、", "({cn})", "1.", "(1)", "①", "", "○")


# ------------------------------------------------------------------ generated rubrics
def leaf(i: int, indent: str) -> str:
    """Declaration and clause of the i-th leaf's own fact, in one of six forms."""
    name = f"指标{i}数据"
    form = i % 6
    if form == 0:
        return f"{indent}事实「{name}」:是否\n{indent}「{name}」得1分,否则不得分。\n"
    if form == 1:
        return f"{indent}事实「{name}」:次数\n{indent}「{name}」每发现1次扣0.2分,扣完1分为止。\n"
    if form == 2:
        return (f"{indent}事实「{name}」:百分比\n"
                f"{indent}「{name}」达到90%得1分,80%—90%(不含)得0.5分,低于80%不得分。\n")
    if form == 3:
        return f"{indent}事实「{name}」:百分比\n{indent}「{name}」不足90%的,每低1个百分点扣0.1分。\n"
    if form == 4:
        return f"{indent}事实「{name}」:次数\n{indent}「{name}」第一次扣0.5分;再次此项不得分。\n"
    return (f"{indent}事实「{name}」:选项「国家级」、「省级」、「无」\n"
            f"{indent}「{name}」为「国家级」、「省级」的,分别加1分、0.5分。\n")


def rubric_text(items: int) -> str:
    """A rubric with `items` leaf items, ten to each 1. parent, up to a thousand under each 一、 (the
    grammar numbers first-level items 一、 to 九十九、 only)."""
    parts = [HEADER]
    leaves_per_top = 1000
    for top in range((items + leaves_per_top - 1) // leaves_per_top):
        count = min(leaves_per_top, items - top * leaves_per_top)
        parts.append(f"{cn_number(top + 1)}、【第{top + 1}部分】({count}分)\n")
        for mid in range((count + 9) // 10):
            size = min(10, count - mid * 10)
            parts.append(f"  {mid + 1}.【第{top + 1}.{mid + 1}项】({size}分)\n")
            for low in range(size):
                i = top * leaves_per_top + mid * 10 + low
                parts.append(f"    ({low + 1})【指标{i}】(1分)\n")
                parts.append(leaf(i, "      "))
    return "".join(parts)


def deepest_text() -> str:
    """Items nested through every numbering style, seven levels, twice over."""
    parts = [HEADER]
    for copy in (1, 2):
        for depth, label in enumerate(STYLES_DEEPEST):
            parts.append("  " * depth + label.format(cn=cn_number(copy)) + f"【第{depth + 1}层{copy}】(1分)\n")
        parts.append("  " * 7 + f"事实「最深{copy}」:次数\n" + "  " * 7 + f"「最深{copy}」每1次扣0.5分。\n")
    return "".join(parts)


def condition_chain_text(length: int, joiner: str = "且") -> str:
    facts = "".join(f"  事实「条件{i}」:是否\n" for i in range(length))
    cond = f" {joiner} ".join(f"「条件{i}」" for i in range(length))
    return HEADER + "一、【长条件】(1分)\n" + facts + f"  {cond}的,得1分。\n"


def tier_chain_text(length: int) -> str:
    tiers = ",".join(f"达到{Decimal(100) - Decimal(i) / 10}%得{Decimal(length - i) / length}分" for i in range(length))
    return HEADER + f"一、【长档次】(1分)\n  事实「率」:百分比\n  「率」{tiers},否则不得分。\n"


def formula_text(items: int) -> str:
    """A total formula naming every first-level item by itself: 第一项得分 + 第二项得分 + …"""
    terms = " + ".join(f"第{cn_number(i + 1)}项得分" for i in range(items))
    body = "".join(f"{cn_number(i + 1)}、【第{i + 1}项】(1分)\n  事实「事{i}」:是否\n  「事{i}」得1分。\n"
                   for i in range(items))
    return HEADER + f"总分:「考评得分」= {terms}\n" + body


# ------------------------------------------------------------------ measuring
def timed(work, repeat: int) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        began = time.perf_counter()
        value = work()
        best = min(best, time.perf_counter() - began)
    return best, value


def peak(work) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def stages(text: str):
    """The four stages as functions of what the one before made."""
    from govrubric.diagnostics import Diagnostics
    from govrubric.source import SourceFile
    from govrubric.structure import build_tree
    from govrubric.syntax import parse_pieces

    def parse():
        source = SourceFile("scale.rubric", text)
        diags = Diagnostics(source)
        pieces = parse_pieces(source, diags)
        return build_tree(pieces, diags)

    def check():
        return govrubric.loads(text, "scale.rubric")

    def lint(loaded):
        from govrubric.lint import lint as run

        return run(loaded)

    def compile_(loaded):
        return govrubric.compile_rubric(loaded)

    return parse, check, lint, compile_


def measure_items(items: int, repeat: int) -> dict:
    text = rubric_text(items)
    parse, check, lint, compile_ = stages(text)
    loaded = check()
    assert loaded.ok, [d.short() for d in loaded.check()][:5]
    row = {"items": items, "lines": text.count("\n")}
    for label, work in (("parse", parse), ("check", check), ("lint", lambda: lint(loaded)),
                        ("compile", lambda: compile_(loaded))):
        seconds, _ = timed(work, repeat)
        row[f"{label}_s"] = round(seconds, 3)
        row[f"{label}_MB"] = round(peak(work) / 2**20, 1)
    row["check_nogc_s"] = round(timed(lambda: without_gc(check), repeat)[0], 3)
    return row


def without_gc(work):
    """The cyclic garbage collector walks every live object each time it runs a full collection;
    with tens of thousands of parse-tree objects alive that, not the parser, makes time superlinear."""
    gc.disable()
    try:
        return work()
    finally:
        gc.enable()


# ------------------------------------------------------------------ streaming many units
def small_rubric():
    loaded = govrubric.loads(rubric_text(12), "stream.rubric")
    assert loaded.ok
    return loaded


def write_units_csv(path: str, loaded, units: int, seed: int = 0) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from strategies import random_rows

    rng = random.Random(seed)
    template = random_rows(loaded.model, rng, 50)
    columns = list(template[0])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for i in range(units):
            row = template[i % len(template)]
            writer.writerow([f"单位{i + 1}" if c == "单位" else _cell(row.get(c)) for c in columns])


def _cell(value) -> str:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
import govrubric
sys.path.insert(0, {bench!r})
from scale import small_rubric
loaded = small_rubric()
began = time.perf_counter()
if {mode!r} == "stream":
    from govrubric.stream import write_scores
    summary = write_scores(loaded, {facts!r}, {out!r})
    assert summary.written, summary
if {mode!r} == "batch":
    from govrubric.batch import check_table, score_units
    from govrubric.factsio import read_table
    table, _ = read_table({facts!r})
    results, _ = score_units(loaded, check_table(table, loaded.model).units)
print(time.perf_counter() - began, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def child(mode: str, facts: str, out: str) -> tuple[float, float]:
    """(seconds, peak resident MB) of one run in a fresh process: what the operating system saw."""
    import subprocess

    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), mode=mode, facts=facts, out=out)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, kilobytes = done.stdout.split()
    return float(seconds), int(kilobytes) / 1024  # float-ok: timings and sizes for a table


def measure_stream(units: int, folder: str, batch_too: bool) -> dict:
    from govrubric.stream import write_scores

    loaded = small_rubric()
    facts = os.path.join(folder, f"units-{units}.csv")
    write_units_csv(facts, loaded, units)
    out = os.path.join(folder, f"scores-{units}.csv")
    few = os.path.join(folder, "units-10.csv")  # the baseline: the same run over 10 units
    write_units_csv(few, loaded, 10)
    seconds, rss = child("stream", facts, out)
    _, idle = child("stream", few, out + ".few")
    write_scores(loaded, few, out + ".few")  # imports and caches before tracing
    row = {"units": units, "stream_s": round(seconds, 2), "stream_rss_MB": round(rss - idle, 1),
           "stream_traced_MB": round(peak(lambda: write_scores(loaded, facts, out)) / 2**20, 2)}
    with open(out, encoding="utf-8-sig") as written:
        assert sum(1 for _ in written) == units + 1
    if batch_too:
        seconds, rss = child("batch", facts, out)
        row["batch_s"], row["batch_rss_MB"] = round(seconds, 2), round(rss - idle, 1)
    return row


# ------------------------------------------------------------------ report
def table(rows: list[dict]) -> str:
    if not rows:
        return ""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r.get(k, "")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def growth(rows: list[dict], size_key: str, value_key: str) -> str:
    """Each step's ratio of value to the ratio of size: 1.0 is linear."""
    parts = []
    for a, b in zip(rows, rows[1:]):
        size = b[size_key] / a[size_key]
        value = b[value_key] / a[value_key] if a[value_key] else float("inf")  # float-ok: a timing ratio
        parts.append(f"×{size:g} size → ×{value:.1f}")
    return f"{value_key}: " + ", ".join(parts)


def limits(repeat: int) -> list[dict]:
    """Each long or deep case through check, score, lint, compile and the compiled scorer."""
    sys.path.insert(0, str(ROOT / "tests"))
    from strategies import random_rows

    from govrubric.lint import lint as run_lint

    found = []
    for label, text in (("deepest nesting (7 styles, twice)", deepest_text()),
                        ("condition chain, 3,000 且", condition_chain_text(3000)),
                        ("condition chain, 3,000 或", condition_chain_text(3000, "或")),
                        ("tier chain, 1,000 tiers", tier_chain_text(1000)),
                        ("formula of 99 terms (一、 to 九十九、)", formula_text(99))):
        seconds, loaded = timed(lambda text=text: govrubric.loads(text, "limit.rubric"), repeat)
        row = random_rows(loaded.model, random.Random(0), 1)[0]
        score_s, result = timed(lambda: loaded.score(row), repeat)
        lint_s, _ = timed(lambda: run_lint(loaded), 1)
        compile_s, scorer = timed(lambda: govrubric.compile_rubric(loaded), 1)
        assert scorer.score(row) == result.scores()
        found.append({"case": label, "depth": max(n.path.count(".") + 1 for n in loaded.model.nodes()),
                      "check_s": round(seconds, 3), "score_s": round(score_s, 3), "lint_s": round(lint_s, 2),
                      "compile_s": round(compile_s, 2), "compiled_agrees": True})
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["stream", "items", "limits"], action="append")
    args = parser.parse_args(argv)
    parts = args.only or ["stream", "items", "limits"]
    sizes = (100, 1000) if args.quick else (100, 1000, 10_000)
    units = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    sys.setrecursionlimit(1000)  # the default: a deep input must not need more

    if "stream" in parts:
        # first, while this process is small: Linux carries a process's peak resident size into the
        # children it starts, so a child started after the 10,000-item runs would report theirs
        with tempfile.TemporaryDirectory() as folder:
            stream_rows = [measure_stream(n, folder, batch_too=n <= 10_000) for n in units]
        print("## Streaming a facts file\n\n" + table(stream_rows) + "\n")
        print(growth(stream_rows, "units", "stream_s"), ";", growth(stream_rows, "units", "stream_traced_MB"), "\n")
    if "items" in parts:
        items_rows = [measure_items(n, args.repeat if n < 10_000 else 1) for n in sizes]
        print("## Items\n\n" + table(items_rows) + "\n")
        for stage in ("parse", "check", "lint", "compile"):
            print(growth(items_rows, "items", f"{stage}_s"), ";", growth(items_rows, "items", f"{stage}_MB"))
    if "limits" in parts:
        print("\n## Limits\n\n" + table(limits(args.repeat)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
