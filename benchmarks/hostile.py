"""Issue 16's attacks, tried again: what a unit being scored could send, and what must survive on a leader's
computer. Prints the table in docs/robustness.md (attack class | tried | outcome) and exits 1 when any
attempt ends in a traceback, leaves a live formula, or takes longer than its limit.

    PYTHONPATH=. python benchmarks/hostile.py            # this checkout; a few minutes (two 3,000-unit reports)
    PYTHONPATH=. python benchmarks/hostile.py --json     # the figures as JSON

Each class counts its attempts; an attempt "held" when it ended as the issue asks (a GR error with its
place and exit 2, text cells, escaped output, …). Tracebacks are any exception other than SystemExit.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = """细则「小」
满分 10分
一、【办事】(10分)
  事实「次数」:次数
  「次数」每1次扣1分,扣完10分为止。
"""
PAYLOADS = ["=2+3", "=1+1", "=HYPERLINK(\"http://x\",\"点\")", "=cmd|' /C calc'!A0", "@SUM(A1:A9)", "@x", "+1+1",
            "+cmd", "-2+3", "-cmd", "\t=1+1", "\r=1+1", "=1+1\n二", "＝1+1", "http://evil.example/", "mailto:x@y",
            "=WEBSERVICE(\"http://x\")", "=IMPORTXML(1)", "-", "+", "=", "@", "DDE(\"cmd\")", "=A1*2"]
TIMEOUT = 30  # seconds an attempt may take before it counts as hung


class Tally:
    def __init__(self, name: str) -> None:
        self.name, self.tried, self.held, self.tracebacks, self.formulas, self.slowest = name, 0, 0, 0, 0, 0.0
        self.notes: Counter = Counter()
        self.failures: list[str] = []

    def attempt(self, run, *args, limit: int = TIMEOUT) -> None:
        """run(*args) returns (held, note); an exception is a traceback."""
        self.tried += 1
        began = time.perf_counter()
        signal.alarm(limit)
        try:
            held, note = run(*args)
        except Exception:  # noqa: BLE001 - what we count
            self.tracebacks += 1
            self.failures.append(traceback.format_exc(limit=-4))
            held, note = False, "traceback"
        finally:
            signal.alarm(0)
        self.slowest = max(self.slowest, time.perf_counter() - began)
        self.held += bool(held)
        self.notes[note] += 1
        if not held and note != "traceback":
            self.failures.append(note)


def _hang(_signum, _frame):
    raise TimeoutError("attempt took over the limit")


# ------------------------------------------------------------------ helpers
def cli(*args: str):
    from click.testing import CliRunner

    from govrubric.cli import main

    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def live_formulas(data: bytes) -> int:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return sum(c.data_type == "f" for sheet in book for row in sheet.iter_rows() for c in row)


def csv_live(data: bytes) -> int:
    import csv

    from govrubric.spreadsheet import CSV_TRIGGERS, _PLAIN_NUMBER

    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return sum(field.startswith(CSV_TRIGGERS) and not _PLAIN_NUMBER.match(field) for row in rows for field in row)


def write(folder: Path, name: str, text: str | bytes) -> str:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def gr_error_with_place(result, code_prefix: str = "GR") -> tuple[bool, str]:
    lines = [line for line in result.output.splitlines() if f" {code_prefix}" in line and "错误" in line]
    placed = any(": 错误 GR" in line and line.split(": 错误")[0].strip() for line in lines)
    return result.exit_code in (1, 2) and placed, f"exit {result.exit_code}, " + (lines[0][-60:] if lines else "no GR")


# ------------------------------------------------------------------ classes
def formula_injection(folder: Path, tally: Tally) -> None:
    from govrubric.stream import write_scores

    rubric = write(folder, "细则.rubric", RUBRIC)
    for index, payload in enumerate(PAYLOADS):
        facts = write(folder, "数据.json", json.dumps([{"单位": payload, "次数": 1}, {"单位": "乙", "次数": 2}],
                                                       ensure_ascii=False))

        def score_to(suffix: str, payload=payload, facts=facts):
            out = folder / f"报告{suffix}"
            result = cli("score", rubric, "--facts", facts, "-o", str(out))
            if result.exit_code != 0:
                return "GR415" in result.output, "refused: " + result.output[:40]  # a tab or CR inside a name
            live = live_formulas(out.read_bytes()) if suffix == ".xlsx" else csv_live(out.read_bytes())
            tally.formulas += live
            return live == 0, f"{live} live"

        tally.attempt(score_to, ".xlsx")
        tally.attempt(score_to, ".csv")
        text = RUBRIC.replace("「次数」", f"「{_name(payload)}」").replace("【办事】", f"【{_title(payload)}】")
        hostile = write(folder, f"r{index}.rubric", text)

        def render_and_template(hostile=hostile):
            if cli("check", hostile).exit_code != 0:
                return True, "rubric refused (GR220/GR225)"
            live = 0
            for args, out in ((["render", hostile, "-o"], "表.xlsx"), (["inputs", hostile, "--force", "--template"],
                                                                     "模板.xlsx"),
                              (["inputs", hostile, "--force", "--unit", _name(payload), "--template"], "模板.csv")):
                path = folder / out
                cli(*args, str(path))
                live += live_formulas(path.read_bytes()) if out.endswith("xlsx") else csv_live(path.read_bytes())
            tally.formulas += live
            return live == 0, f"{live} live"

        tally.attempt(render_and_template)

        def stream(facts=facts):
            import govrubric

            out = folder / "流式.csv"
            summary = write_scores(govrubric.load(rubric), facts, str(out))
            if not summary.written:
                return any(p.code == "GR415" for p in summary.problems), "refused"
            live = csv_live(out.read_bytes())
            tally.formulas += live
            return live == 0, f"{live} live"

        tally.attempt(stream)


def _name(payload: str) -> str:
    return payload.replace("」", "").replace("\n", "") or "空"


def _title(payload: str) -> str:
    return payload.replace("】", "").replace("\n", "") or "空"


def spreadsheet_bombs(folder: Path, tally: Tally) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_hostile_files import xlsx_with

    from govrubric.factsio import read_table

    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>单位</t></is></c><c r="B1" t="inlineStr"><is><t>次数</t></is></c></row>'
    bombs = {
        "claims XFD1048576 (5 KB)": (header + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', None,
                                     "A1:XFD1048576"),
        "20,000 rows each with a cell in XFD": (header + "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'
                                                                  for n in range(2, 20_002)), None, "A1"),
        "one 400 MB shared string (~400 KB file)": (header + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>',
                                                    ["a" * (400 * 2**20)], "A1"),
        "one 40,000-character cell": (header + '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "字" * 40_000
                                      + "</t></is></c></row>", None, "A1"),
    }
    for label, (sheet, strings, dimension) in bombs.items():
        path = folder / "炸弹.xlsx"
        xlsx_with(path, sheet, strings, dimension)

        def read(path=path, label=label):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            began = time.perf_counter()
            table, problems = read_table(str(path))
            seconds = time.perf_counter() - began
            grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
            fine = seconds < 10 and grown < 500 and (table is not None or problems[0].code == "GR406")
            return fine, f"{label}: {problems[0].code if problems else 'read'} in {seconds:.1f} s, +{grown:.0f} MB"

        tally.attempt(read)


def no_tracebacks(folder: Path, tally: Tally) -> None:
    rubric = write(folder, "细则.rubric", RUBRIC)
    files = {
        "CSV field of 140,000 characters": ("f.csv", "单位,次数\n甲," + "1" * 140_000 + "\n"),
        "CSV of 19,000 columns": ("c.csv", "单位,次数," + ",".join(f"c{i}" for i in range(19_000)) + "\n甲,1\n"),
        "JSON nested 100,000 deep": ("d.json", "[" * 100_000 + "]" * 100_000),
        "JSON value nested 5,000 deep": ("v.json", '[{"单位":"甲","次数":' + "[" * 5000 + "]" * 5000 + "}]"),
        "count 1e1000000": ("n.json", '[{"单位":"甲","次数":1e1000000}]'),
        "count with 5,000 digits": ("i.json", '[{"单位":"甲","次数":' + "9" * 5000 + "}]"),
        "count 1E-999999": ("s.json", '[{"单位":"甲","次数":1E-999999}]'),
        "5,000-digit unit name": ("k.json", '[{"单位":' + "7" * 5000 + ',"次数":"' + "7" * 5000 + '"}]'),
        "header-only CSV": ("h.csv", "单位,次数\n"),
        "UTF-32 CSV": ("u.csv", "单位,次数\n甲,1\n".encode("utf-32")),
        "double BOM": ("b.csv", b"\xef\xbb\xbf" + "\ufeff单位,次数\n甲,1\n".encode()),
        "GBK bytes inside UTF-8": ("g.csv", "单位,次数\n甲,1\n".encode() + "乙".encode("gbk") + b",1\n"),
    }
    for label, (name, text) in files.items():
        facts = write(folder, name, text)

        def score(facts=facts, label=label):
            result = cli("score", rubric, "--facts", facts)
            if label in ("UTF-32 CSV", "double BOM"):
                return result.exit_code == 0, f"{label}: scored"
            held, note = gr_error_with_place(result)
            return held and result.exit_code == 2, f"{label}: {note}"

        tally.attempt(score)
    import govrubric

    loaded = govrubric.load(rubric)
    scorer = govrubric.compile_rubric(loaded)
    for value in (Decimal("1e1000000"), 10**5000, Decimal("1E-999999"), "9" * 5000):
        def compiled(value=value):
            try:
                scorer.score({"单位": "甲", "次数": value})
            except scorer.FactsError as err:
                return err.problems[0]["code"] == "GR403", "GR403 (compiled scorer)"
            return False, "scored"

        tally.attempt(compiled)
    numbers = {"item numbered with 5,000 digits": RUBRIC.replace("  事实", "  " + "1" * 5000 + ".【子】(10分)\n    事实"),
               "满分 with 100,000 digits": RUBRIC.replace("满分 10分", "满分 " + "9" * 100_000 + "分"),
               "points with 4,400 digits": RUBRIC.replace("(10分)", "(" + "9" * 4400 + "分)"),
               "前99999999名": "细则「小」\n一、【甲】(3分)\n  事实「名次」:名次\n  「名次」前99999999名,依次得3分、2分、1分。\n"}
    for label, text in numbers.items():
        path = write(folder, "数.rubric", text)
        for command in ("check", "lint", "fmt", "render", "inputs", "compile", "diff"):
            args = {"render": ["-o", str(folder / "t.md")], "compile": ["-o", str(folder / "s.py"), "--force"],
                    "diff": [path]}.get(command, [])

            def run(command=command, args=args, path=path, label=label):
                result = cli(command, path, *args)
                if command == "fmt" and label == "前99999999名":  # fmt reads only the layout: it formats this
                    return result.exit_code == 0, f"{label} {command}: formatted"
                held, note = gr_error_with_place(result)
                return held, f"{label} {command}: {note}"

            tally.attempt(run)


def markdown_and_terminal(folder: Path, tally: Tally) -> None:
    titles = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[链接](javascript:alert(1))",
              "**粗** _斜_ `码`", "| 伪 | 造 |", "# 标题", "&lt;b&gt;", "a\\|b"]
    for title in titles:
        rubric = write(folder, "m.rubric", RUBRIC.replace("【办事】", f"【{title}】"))
        facts = write(folder, "m.json", json.dumps([{"单位": f"甲{title}\n| x | y |", "次数": 1}], ensure_ascii=False))

        def markdown(rubric=rubric, facts=facts):
            import re

            cli("render", rubric, "-o", str(folder / "t.md"))
            cli("score", rubric, "--facts", facts, "-o", str(folder / "r.md"))
            raw = re.compile(r"(?<!\\)<(?!br>)")
            texts = [(folder / "t.md").read_text(encoding="utf-8"), (folder / "r.md").read_text(encoding="utf-8")]
            rows = [line for line in texts[1].splitlines() if line.startswith("| ")]
            return not any(raw.search(t) for t in texts) and len(rows) == 2, "escaped"

        tally.attempt(markdown)
    for sequence in ("\x1b]0;被改的标题\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "\u202e", "\x07", "\x08\x08\x08"):
        rubric = write(folder, "e.rubric", RUBRIC)
        facts = write(folder, "e.json", json.dumps([{"单位": f"甲{sequence}", "次数": 1}, {"单位": "乙", "次数": sequence}],
                                                   ensure_ascii=False))
        bad_rubric = write(folder, "eb.rubric", RUBRIC.replace("【办事】", f"【办{sequence}事】"))

        def terminal(rubric=rubric, facts=facts, bad_rubric=bad_rubric, sequence=sequence):
            out = cli("score", rubric, "--facts", facts, "--keep-going", "--explain").output
            out += cli("check", bad_rubric).output + cli("render", bad_rubric, "-o", str(folder / "x.md")).output
            raw = [ch for ch in sequence if not ch.isprintable() and ch in out]
            return not raw, "escaped" if not raw else f"{sequence!r}: raw {raw!r}"

        tally.attempt(terminal)


def names(folder: Path, tally: Tally) -> None:
    rubric = write(folder, "细则.rubric", RUBRIC)
    for mark in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u200e", "\x1b", "\u00ad"):
        facts = write(folder, "z.csv", f"单位,次数\n甲,1\n甲{mark},2\n")

        def unit(facts=facts):
            result = cli("score", rubric, "--facts", facts)
            return result.exit_code == 2 and "GR415" in result.output, "GR415"

        tally.attempt(unit)
        declared = write(folder, "z.rubric", RUBRIC.replace("「次数」", f"「次{mark}数」"))

        def fact(declared=declared):
            result = cli("check", declared)
            return result.exit_code == 1 and "GR225" in result.output, "GR225"

        tally.attempt(fact)


def files_and_outputs(folder: Path, tally: Tally) -> None:
    rubric = write(folder, "细则.rubric", RUBRIC.replace("(10分)", " (10分)"))

    def read_only():
        os.chmod(rubric, 0o444)
        try:
            result = cli("fmt", rubric)
            return result.exit_code == 1 and "只读" in result.output, "GR502 read-only"
        finally:
            os.chmod(rubric, 0o644)

    def symlink():
        link = folder / "链接.rubric"
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(rubric)
        result = cli("fmt", str(link))
        return result.exit_code == 0 and link.is_symlink(), "written through the link"

    def output_first():
        facts = write(folder, "o.json", json.dumps([{"单位": "甲", "次数": 1}], ensure_ascii=False))
        result = cli("score", rubric, "--facts", facts, "-o", str(folder / "没有" / "r.xlsx"))
        return result.exit_code == 1 and "GR502" in result.output, "GR502 before scoring"

    def xlsx_refused_by_stream():
        import govrubric
        from govrubric.stream import write_scores

        facts = write(folder, "o.json", json.dumps([{"单位": "甲", "次数": 1}], ensure_ascii=False))
        summary = write_scores(govrubric.load(rubric), facts, str(folder / "s.xlsx"))
        return not summary.written and summary.problems[0].code == "GR502", "GR502"

    def deterministic():
        facts = write(folder, "o.json", json.dumps([{"单位": "甲", "次数": 1}], ensure_ascii=False))
        made = []
        for _ in range(2):
            cli("score", rubric, "--facts", facts, "-o", str(folder / "d.xlsx"))
            cli("render", rubric, "-o", str(folder / "d2.xlsx"))
            cli("inputs", rubric, "--force", "--template", str(folder / "d3.xlsx"))
            made.append([(folder / n).read_bytes() for n in ("d.xlsx", "d2.xlsx", "d3.xlsx")])
            time.sleep(2.1)
        return made[0] == made[1], "byte-identical"

    for run in (read_only, symlink, output_first, xlsx_refused_by_stream, deterministic):
        tally.attempt(run)
    for units in (1_100, 3_000):
        tally.attempt(_many_units_under_a_file_limit, folder, units, limit=900)
    tally.attempt(_killed_while_writing, folder, limit=300)


def _many_units_under_a_file_limit(folder: Path, units: int):
    rubric = write(folder, "细则.rubric", RUBRIC)
    facts = write(folder, "多.csv", "单位,次数\n" + "".join(f"单位{n},{n % 11}\n" for n in range(units)))
    out = folder / "多.xlsx"
    script = ("import resource,sys; resource.setrlimit(resource.RLIMIT_NOFILE,(1024,1024)); "
              "from govrubric.cli import main; sys.argv=['govrubric','score',%r,'--facts',%r,'-o',%r]; main()"
              % (rubric, facts, str(out)))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.returncode == 0 and out.exists(), f"{units} unit sheets under a 1,024-file limit: exit {done.returncode}"


def _killed_while_writing(folder: Path):
    """score -o big.xlsx killed while it writes: no file may be left in the temporary folder."""
    rubric = write(folder, "细则.rubric", RUBRIC)
    facts = write(folder, "大.csv", "单位,次数\n" + "".join(f"单位{n},{n % 11}\n" for n in range(3_000)))
    private_tmp = Path(tempfile.mkdtemp(prefix="govrubric-kill-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(private_tmp)}
    left = []
    for delay in (1.5, 3.0, 5.0):
        proc = subprocess.Popen([sys.executable, "-m", "govrubric", "score", rubric, "--facts", facts, "-o",
                                 str(folder / "大.xlsx")], env=env, cwd=str(folder),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        left += list(private_tmp.iterdir())
    stray = [p for p in folder.iterdir() if p.name.startswith(".大.xlsx")]  # atomic.py's own temporary file
    for path in stray:
        path.unlink()
    private_tmp.rmdir() if not left else None
    return not left, f"{len(left)} files left in the temporary folder ({len(stray)} partial reports beside the target, removed)"


CLASSES = {
    "Formula injection: unit, fact and title payloads (=, +, -, @, tab, CR, links) through score -o .xlsx/.csv, "
    "render -o .xlsx, inputs --template .xlsx/.csv, stream.write_scores": formula_injection,
    "Spreadsheet bombs: a claimed XFD1048576, 20,000 far rows, a 400 MB shared string, a 40,000-character cell":
        spreadsheet_bombs,
    "Tracebacks: oversized CSV, deep JSON, huge or tiny numbers in facts (batch and compiled scorer), "
    "mixed encodings, no units; huge numbers in a rubric through check/lint/fmt/render/inputs/compile/diff":
        no_tracebacks,
    "Markdown/HTML in titles and names; ESC, OSC, bidi, BEL from facts and rubrics on the terminal": markdown_and_terminal,
    "Invisible characters in unit and fact names (zero widths, bidi, BOM, ESC, soft hyphen)": names,
    "Files and outputs: read-only and symlinked fmt, output checked before scoring, stream .xlsx, "
    "byte-identical XLSX, 1,100 and 3,000 unit sheets under a 1,024-file limit, a killed score -o": files_and_outputs,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _hang)
    tallies = []
    with tempfile.TemporaryDirectory(prefix="govrubric-hostile-") as folder:
        for label, run in CLASSES.items():
            tally = Tally(label)
            sub = Path(folder) / str(len(tallies))
            sub.mkdir()
            run(sub, tally)
            tallies.append(tally)
    rows = [{"class": t.name, "tried": t.tried, "held": t.held, "tracebacks": t.tracebacks,
             "live_formulas": t.formulas, "slowest_s": round(t.slowest, 2), "failures": t.failures[:5]}
            for t in tallies]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print("| attack class | tried | outcome |")
        print("|---|---:|---|")
        for t in tallies:
            print(f"| {t.name} | {t.tried} | {t.held} held, {t.tracebacks} tracebacks, {t.formulas} live formulas, "
                  f"slowest {t.slowest:.1f} s |")
        total = sum(t.tried for t in tallies)
        print(f"\n{total} attempts; {sum(t.tracebacks for t in tallies)} tracebacks, "
              f"{sum(t.formulas for t in tallies)} live formulas")
        for t in tallies:
            for failure in t.failures[:5]:
                print(f"\n[{t.name[:30]}] {failure}", file=sys.stderr)
    bad = any(t.tracebacks or t.formulas or t.held < t.tried for t in tallies)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
