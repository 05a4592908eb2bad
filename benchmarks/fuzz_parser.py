"""Parser fuzzing: mutated copies of the shipped rubrics must end in a result or in diagnostics, fast.

Each case takes a shipped rubric (the whole file, or its header plus a window of lines, which
keeps cases small enough to run 100,000 of them), applies one to four mutations (byte, token,
truncation, duplicated or moved lines, mixed full-/half-width punctuation, random Unicode,
extreme numbers, numbers thousands of digits long in item numbers, 满分, points, counts, percentages,
ordinals and 前N名) and runs what a user's `govrubric check` and `score` would run: load, check,
render every diagnostic and, when the rubric checks clean, score one unit with plain facts. One case
in four with huge numbers, and one in fifty of the rest, also runs fmt, lint, render (.md, .html,
.xlsx), the templates, compile and diff, where such numbers once crashed (window cases only: a whole
rubric's lint and diff take seconds).
A case fails when anything other than a govrubric error escapes, or when it takes over the
time limit. Byte mutations that break UTF-8 go through a file and govrubric.load, since
only files carry bytes.

    PYTHONPATH=. python benchmarks/fuzz_parser.py --cases 100000 --jobs 2 --out /tmp/fuzz   # this checkout
    python benchmarks/fuzz_parser.py --replay /tmp/fuzz/failures/case-123.rubric

Cases are numbered and each draws from random.Random(seed + number), so any case can be
reproduced from its number. The summary (counts by outcome and mutation, times) is printed
as JSON; failing inputs are written under --out/failures for regression tests.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = sorted((ROOT / "rubrics").glob("*.rubric"))
LIMIT_SECONDS = 1.0
DEEP_LIMIT_SECONDS = 5.0  # a case that also runs lint, render (three formats), compile and diff
DEEP_EVERY = 50
DEEP_EVERY_HUGE = 4
DEEP_MAX_LINES = 150  # a window case: a rubric's settings and up to 60 of its lines
HARD_STOP_SECONDS = 20  # a case still running after this is recorded as a hang and abandoned

# Pairs the language accepts in either width, and a few it does not (【〔, 「『) to mix in.
WIDTH_PAIRS = [("(", "("), (")", ")"), (":", ":"), (",", ","), (";", ";"), ("%", "%"),
               ("-", "—"), ("-", "－"), ("~", "～"), ("0", "０"), ("1", "１"), ("5", "５"), (".", "．"),
               ("#", "＃"), (" ", "\u3000"), ("「", "『"), ("」", "』"), ("【", "〔"), ("】", "〕"),
               ("+", "＋"), ("=", "＝"), ("<", "＜"), (">", "＞"), ("≥", ">="), ("、", ",")]
WIDTH_MAP = {a: b for a, b in WIDTH_PAIRS} | {b: a for a, b in WIDTH_PAIRS}

# Characters that have broken text tools before: line breaks Python's splitlines knows, zero
# widths, combining marks, bidi controls, a lone surrogate, astral CJK, NUL, BOM, tabs.
ODD_CHARS = ["\r", "\n", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\u200b", "\u200d",
             "\ufeff", "\u0301", "\u20dd", "\u202e", "\u2066", "\ud800", "\U00020000", "\U0001f600", "\x00",
             "\t", "\u3000", "㈠", "①", "⑳", "〇", "﹝", "\\", "\"", "'", "{", "}", "$", "%", "«"]

NUMBER_SWAPS = ["0", "00", "-1", "0.0000000001", "99999999999999999999999999999", "1" + "0" * 400,
                "1e5", "1E+10", "NaN", "Infinity", "一亿", "十万零一", "两", "半", "〇", "0.", ".5", "1..5",
                "0. 1", "１２", "一百零五", "万万", "0" * 60 + "1", "3.14159265358979323846264338327950288",
                "9" * 15, "9" * 16, "1" * 4301, "9" * 100_000, "0." + "0" * 30 + "1", "９" * 5000]

# Numbers far beyond any rubric's, where a rubric has numbers (issue 16: a 5,000-digit item number crashed
# check, lint, fmt, render, inputs, compile and diff; a 100,000-digit 满分 made lint run for minutes).
HUGE_DIGITS = [16, 400, 4301, 5000, 100_000]
HUGE_PLACES = [
    (re.compile(r"^(\s*)[0-9]+([.．、])", re.M), lambda d: r"\g<1>" + "1" * d + r"\g<2>"),  # an item number 1.
    (re.compile(r"^(\s*)[(（][0-9]+([)）])", re.M), lambda d: r"\g<1>(" + "2" * d + r"\g<2>"),  # (1)
    (re.compile(r"(满分\s*)[0-9]+"), lambda d: r"\g<1>" + "9" * d),
    (re.compile(r"([(（])[0-9.]+(分[)）])"), lambda d: r"\g<1>" + "9" * d + r"\g<2>"),  # an item's points
    (re.compile(r"(每)[0-9]+"), lambda d: r"\g<1>" + "1" * d),
    # not from inside a run of digits: after a 100,000-digit number, [0-9]+% tried at each digit was quadratic
    (re.compile(r"(?<![0-9])([0-9]+)(%)"), lambda d: "9" * d + r"\g<2>"),
    (re.compile(r"(第)[0-9一二三四五六七八九十]+(次)"), lambda d: r"\g<1>" + "3" * d + r"\g<2>"),
    (re.compile(r"(前)[0-9一二三四五六七八九十]+(名)"), lambda d: r"\g<1>" + "9" * min(d, 12) + r"\g<2>"),
]

TOKEN = re.compile(r"「[^」\n]*」|【[^】\n]*】|[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二三四五六七八九十百千万两零〇]+"
                   r"|[\u4e00-\u9fff]|\s+|.", re.S)
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# ------------------------------------------------------------------ mutations
def _pos(rng: random.Random, text: str) -> int:
    return rng.randrange(len(text) + 1)


def byte_mutation(rng: random.Random, text: str):
    """Flip, insert, delete or repeat bytes of the UTF-8 text; returns bytes (possibly invalid UTF-8)."""
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data) + 1)
        op = rng.randrange(4)
        if op == 0 and i < len(data):
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[i:i] = bytes([rng.randrange(256)])
        elif op == 2 and i < len(data):
            del data[i:i + rng.randint(1, 4)]
        else:
            data[i:i] = data[i:i + rng.randint(1, 6)]
    return bytes(data)


def token_mutation(rng: random.Random, text: str, vocabulary: list[str]) -> str:
    """Delete, repeat, swap or replace whole tokens (names, titles, numbers, single CJK characters)."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return text
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(tokens))
        op = rng.randrange(5)
        if op == 0:
            del tokens[i]
        elif op == 1:
            tokens.insert(i, tokens[i])
        elif op == 2:
            j = rng.randrange(len(tokens))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif op == 3:
            tokens[i] = rng.choice(vocabulary)
        else:
            tokens.insert(i, rng.choice(vocabulary))
        if not tokens:
            break
    return "".join(tokens)


def truncation(rng: random.Random, text: str) -> str:
    return text[:_pos(rng, text)] if rng.random() < 0.7 else text[_pos(rng, text):]


def line_mutation(rng: random.Random, text: str) -> str:
    """Duplicate, delete, move or swap whole lines."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.randrange(4)
        if op == 0:
            lines[i:i] = lines[i:i + rng.randint(1, 3)]
        elif op == 1 and len(lines) > 1:
            del lines[i]
        elif op == 2:
            lines.insert(rng.randrange(len(lines) + 1), lines.pop(i))
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def width_mutation(rng: random.Random, text: str) -> str:
    """Swap characters for their other-width twin, each with some probability."""
    p = rng.choice([0.05, 0.3, 1.0])
    return "".join(WIDTH_MAP[c] if c in WIDTH_MAP and rng.random() < p else c for c in text)


def unicode_mutation(rng: random.Random, text: str) -> str:
    """Insert odd characters and random code points (any plane, including unassigned ones)."""
    chars = list(text)
    for _ in range(rng.randint(1, 10)):
        if rng.random() < 0.6:
            c = rng.choice(ODD_CHARS)
        else:
            c = chr(rng.choice([rng.randrange(0x20, 0x3000), rng.randrange(0x3000, 0xA000),
                                rng.randrange(0xA000, 0x110000)]))
        chars.insert(rng.randrange(len(chars) + 1), c)
    return "".join(chars)


def number_mutation(rng: random.Random, text: str) -> str:
    """Replace numbers with extreme, malformed or Chinese ones."""
    spots = list(NUMBER.finditer(text))
    if not spots:
        return text
    for m in sorted(rng.sample(spots, min(len(spots), rng.randint(1, 3))), key=lambda m: -m.start()):
        text = text[:m.start()] + rng.choice(NUMBER_SWAPS) + text[m.end():]
    return text


def huge_number_mutation(rng: random.Random, text: str) -> str:
    """Make one or two of a rubric's numbers (item numbers, 满分, points, counts, percentages, ordinals, 前N名)
    thousands of digits long."""
    for _ in range(rng.randint(1, 2)):
        places = [(pattern, make) for pattern, make in HUGE_PLACES if pattern.search(text)]
        if not places:
            break
        pattern, make = rng.choice(places)
        matches = list(pattern.finditer(text))
        chosen = rng.choice(matches)
        text = text[:chosen.start()] + pattern.sub(make(rng.choice(HUGE_DIGITS)), chosen.group(), count=1) \
            + text[chosen.end():]
    return text


TEXT_MUTATIONS = {
    "token": token_mutation, "truncate": truncation, "lines": line_mutation, "width": width_mutation,
    "unicode": unicode_mutation, "number": number_mutation, "huge": huge_number_mutation,
}
KINDS = ("byte", *TEXT_MUTATIONS)


# ------------------------------------------------------------------ cases
class Corpus:
    def __init__(self, paths=RUBRICS) -> None:
        self.texts = [p.read_text(encoding="utf-8-sig") for p in paths]
        tokens = Counter(t for text in self.texts for t in TOKEN.findall(text) if not t.isspace())
        self.vocabulary = sorted(tokens)

    def base(self, rng: random.Random) -> str:
        """A whole shipped rubric (one case in five), or its header with a window of its lines."""
        text = rng.choice(self.texts)
        if rng.random() < 0.2:
            return text
        lines = text.split("\n")
        first_item = next((i for i, line in enumerate(lines) if re.match(r"\s*一、", line)), 0)
        start = rng.randrange(first_item, len(lines))
        return "\n".join(lines[:first_item] + lines[start:start + rng.randint(3, 60)])


def is_deep(applied: list[str], number: int, data: str | bytes) -> bool:
    """Whether a case also runs every other command (lint, fmt, render, inputs, compile, diff): one case in
    DEEP_EVERY_HUGE of those with huge numbers, one in DEEP_EVERY of the rest; not a whole shipped rubric,
    where lint and diff alone take seconds (the window cases reach the same constructs)."""
    window = data.count(b"\n" if isinstance(data, bytes) else "\n") <= DEEP_MAX_LINES
    return window and number % (DEEP_EVERY_HUGE if "huge" in applied else DEEP_EVERY) == 0


def make_case(corpus: Corpus, seed: int, number: int) -> tuple[list[str], str | bytes]:
    """The mutations applied and the resulting input (bytes when a byte mutation came last)."""
    rng = random.Random(seed * 1_000_003 + number)
    data: str | bytes = corpus.base(rng)
    applied = [rng.choice(KINDS) for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4]))]
    for kind in applied:
        if isinstance(data, bytes):
            data = data.decode("utf-8", errors=rng.choice(["replace", "ignore", "surrogateescape"]))
        if kind == "byte":
            data = byte_mutation(rng, data)
        elif kind == "token":
            data = token_mutation(rng, data, corpus.vocabulary)
        else:
            data = TEXT_MUTATIONS[kind](rng, data)
    return applied, data


def plain_facts(model) -> dict:
    """One unit's facts that every rubric accepts: the first option, zero counts, half-way percentages."""
    row = {"单位": "测试单位"}
    if model.categories:
        row["单位类别"] = model.categories[0]
    for name, fact in model.facts.items():
        kind = fact.kind
        if kind == "bool":
            row[name] = "是"
        elif kind in ("count", "days", "months"):
            row[name] = Decimal(2)
        elif kind == "rank":
            row[name] = Decimal(3)
        elif kind == "percent":
            row[name] = "95%"
        elif kind == "ratio":
            row[name] = Decimal("0.5")
        elif kind == "score":
            row[name] = fact.low if fact.low is not None else Decimal(0)
        elif kind == "discretionary":
            row[name] = Decimal(0)
        elif kind == "choice":
            row[name] = fact.options[0]
        elif kind == "list":
            row[name] = [fact.options[0]]
        else:  # kinds added later (cohort values …): leave the fact out and let validation report it
            continue
    return row


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang()


def every_command(rubric, text: str | None) -> None:
    """What the other commands do with the rubric: fmt, and when it checks clean lint, render (all three
    formats), inputs --template (.xlsx, .csv), compile and score, and diff against itself."""
    from govrubric.fmt import format_text

    if text is not None:
        for problem in format_text(text, "fuzz.rubric").problems:
            problem.render()
    if not rubric.ok:
        return
    from govrubric.backtest import backtest_text  # noqa: F401 - imported as diff --facts would
    from govrubric.diff import compare, diff_json, diff_text
    from govrubric.lint import lint
    from govrubric.render import render_bytes
    from govrubric.templates import template_bytes

    for finding in lint(rubric):
        finding.diagnostic.render()
    for suffix in (".md", ".html", ".xlsx"):
        render_bytes("x" + suffix, rubric.model, rubric.tree)
    for suffix in (".xlsx", ".csv"):
        template_bytes(rubric.model, "x" + suffix, ["甲"])
    scorer = govrubric_compile(rubric)
    try:
        scorer.score(plain_facts(rubric.model))
    except scorer.FactsError:
        pass
    same = compare(rubric, rubric)
    diff_text(same)
    diff_json(same)


def govrubric_compile(rubric):
    import govrubric

    return govrubric.compile_rubric(rubric)


def run_case(data: str | bytes, deep: bool = False) -> tuple[str, str]:
    """(outcome, detail): outcome is ok, scored, diagnostics, bad-facts, crash or hang. `deep` also runs
    every other command on the rubric (every_command), as a user's fmt, lint, render … would."""
    import govrubric

    path = None
    try:
        if isinstance(data, bytes):
            with tempfile.NamedTemporaryFile("wb", suffix=".rubric", delete=False) as handle:
                handle.write(data)
                path = handle.name
            rubric = govrubric.load(path)
        else:
            rubric = govrubric.loads(data, "fuzz.rubric")
        problems = rubric.check()
        for problem in problems:
            problem.render()
            problem.to_json()
        if deep:
            every_command(rubric, data if isinstance(data, str) else None)
        if not rubric.ok:
            return "diagnostics", ",".join(sorted({p.code for p in problems}))
        try:
            result = rubric.score(plain_facts(rubric.model))
        except govrubric.GovrubricError as err:
            for problem in err.diagnostics:
                problem.render()
            return "bad-facts", ",".join(sorted({p.code for p in err.diagnostics}))
        result.to_json()
        return "scored", ""
    except Hang:
        return "hang", ""
    except govrubric.GovrubricError as err:  # the API's way to report bad input; only readings raise it
        return "diagnostics", ",".join(sorted({p.code for p in err.diagnostics}))
    except Exception:  # noqa: BLE001 - anything else is the bug we are looking for
        return "crash", traceback.format_exc(limit=-6)
    finally:
        if path is not None:
            os.unlink(path)


def run_range(args: tuple[int, int, int, str | None]) -> dict:
    """Run cases [start, stop) in this process; returns counts, times and failures."""
    seed, start, stop, out = args
    corpus = Corpus()
    signal.signal(signal.SIGALRM, _alarm)
    run_case(corpus.texts[0])  # builds the parser once per process: start-up, not a case's time
    outcomes, by_kind, codes = Counter(), Counter(), Counter()
    times: list[float] = []
    failures = []
    for number in range(start, stop):
        applied, data = make_case(corpus, seed, number)
        deep = is_deep(applied, number, data)
        signal.alarm(HARD_STOP_SECONDS)
        began = time.perf_counter()
        outcome, detail = run_case(data, deep)
        elapsed = time.perf_counter() - began
        signal.alarm(0)
        times.append(elapsed)
        slow = elapsed > (DEEP_LIMIT_SECONDS if deep else LIMIT_SECONDS)
        if deep:
            outcomes["deep"] += 1
        outcomes[outcome] += 1
        for kind in set(applied):
            by_kind[kind] += 1
        if outcome == "diagnostics":
            codes.update(detail.split(",") if detail else [])
        if outcome in ("crash", "hang") or slow:
            failures.append({"case": number, "mutations": applied, "outcome": outcome,
                             "seconds": round(elapsed, 3), "detail": detail[-2000:]})
            if out:
                folder = Path(out) / "failures"
                folder.mkdir(parents=True, exist_ok=True)
                raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
                (folder / f"case-{number}.rubric").write_bytes(raw)
    return {"outcomes": outcomes, "kinds": by_kind, "codes": codes, "times": times, "failures": failures}


def _percentile(sorted_times: list[float], q: float) -> float:
    return sorted_times[min(len(sorted_times) - 1, int(q * len(sorted_times)))]


def fuzz(cases: int, jobs: int, seed: int, out: str | None) -> dict:
    chunk = max(1, cases // (jobs * 20))
    ranges = [(seed, s, min(cases, s + chunk), out) for s in range(0, cases, chunk)]
    began = time.perf_counter()
    if jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(jobs) as pool:
            parts = pool.map(run_range, ranges, chunksize=1)
    else:
        parts = [run_range(r) for r in ranges]
    wall = time.perf_counter() - began
    outcomes, kinds, codes, times, failures = Counter(), Counter(), Counter(), [], []
    for part in parts:
        outcomes.update(part["outcomes"])
        kinds.update(part["kinds"])
        codes.update(part["codes"])
        times += part["times"]
        failures += part["failures"]
    times.sort()
    return {
        "cases": cases, "seed": seed, "jobs": jobs, "wall_seconds": round(wall, 1),
        "outcomes": dict(outcomes.most_common()), "mutations": dict(kinds.most_common()),
        "diagnostic_codes": dict(codes.most_common()),
        "seconds": {"mean": round(sum(times) / len(times), 4), "median": round(_percentile(times, 0.5), 4),
                    "p99": round(_percentile(times, 0.99), 4), "max": round(times[-1], 4)},
        "over_limit": sum(1 for t in times if t > LIMIT_SECONDS),
        "failures": failures[:50],
        "failure_count": len(failures),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=20231123)
    parser.add_argument("--out", default=None, help="folder for failing inputs and summary.json")
    parser.add_argument("--replay", default=None, help="run one saved input file and show what happens")
    args = parser.parse_args(argv)
    if args.replay:
        outcome, detail = run_case(Path(args.replay).read_bytes())
        print(outcome, detail)
        return 1 if outcome in ("crash", "hang") else 0
    summary = fuzz(args.cases, args.jobs, args.seed, args.out)
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "summary.json").write_text(text, encoding="utf-8")
    return 1 if summary["failure_count"] else 0


if __name__ == "__main__":
    sys.exit(main())
