"""How long after an edit `govrubric lsp` publishes diagnostics for 宜良 (target: 200 ms), measured as an
editor sees it: LSP messages over the server's stdin/stdout, the clock running from the didChange sent to
the publishDiagnostics received for that version (first check's, then lint's).

    python benchmarks/lsp_latency.py              # 20 edits
    python benchmarks/lsp_latency.py --edits 50
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "yiliang-2023.rubric"
TARGET_MS = 200.0


class Pipe:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "govrubric", "lsp"], cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.received: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.received.put((time.perf_counter(), json.loads(stream.read(length))))

    def wait(self, test, timeout: float = 120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            at, message = self.received.get(timeout=timeout)
            if test(message):
                return at, message
        raise TimeoutError

    def cpu(self) -> float:
        """CPU seconds the server process has used (Linux /proc; 10 ms steps): the work, without the wait for a core."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        self.send({"id": 99, "method": "shutdown"})
        self.send({"method": "exit"})
        self.process.wait(timeout=30)


def published(version: int, linted: bool):
    def test(message: dict) -> bool:
        params = message.get("params") or {}
        if message.get("method") != "textDocument/publishDiagnostics" or params.get("version") != version:
            return False
        return bool(params["diagnostics"]) == linted  # 宜良 checks clean; lint finds its hints and warnings
    return test


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()

    text = RUBRIC.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    clause = "「明进暗不进问题数」每发现1起“明进暗不进”问题扣0.2分"
    row = next(i for i, line in enumerate(lines) if clause in line)
    column = lines[row].index(clause) + clause.index("0.2") + 2  # the digit 2 of 0.2 (no astral characters here)
    uri = RUBRIC.as_uri()
    pipe = Pipe()
    pipe.send({"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": ROOT.as_uri()}})
    pipe.wait(lambda m: m.get("id") == 1)
    pipe.send({"method": "initialized", "params": {}})
    pipe.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "govrubric", "version": 1, "text": text}}})
    pipe.wait(published(1, True))  # warm: grammar built, lint imported

    first, second, first_cpu, second_cpu = [], [], [], []
    for edit in range(args.edits):
        version = edit + 2
        digit = str(1 + edit % 9)
        sent, sent_cpu = time.perf_counter(), pipe.cpu()
        pipe.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": row, "character": column},
                                          "end": {"line": row, "character": column + 1}}, "text": digit}]}})
        checked, _ = pipe.wait(published(version, False))
        checked_cpu = pipe.cpu()
        linted, _ = pipe.wait(published(version, True))
        first_cpu.append((checked_cpu - sent_cpu) * 1000)
        second_cpu.append((pipe.cpu() - sent_cpu) * 1000)
        first.append((checked - sent) * 1000)
        second.append((linted - sent) * 1000)
    pipe.close()

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{RUBRIC.name}: {args.edits} edits over stdio, load average {load:.1f}")
    print(f"{'published':<30}{'median':>10}{'p95':>10}{'÷ 200 ms':>10}{'server CPU':>12}{'÷ 200 ms':>10}")
    for name, values, spent in (("check's diagnostics", first, first_cpu),
                                ("lint's diagnostics (after)", second, second_cpu)):
        median = statistics.median(values)
        p95 = sorted(values)[max(0, int(round(len(values) * 0.95)) - 1)]
        used = statistics.median(spent)
        print(f"{name:<30}{median:>8.1f}ms{p95:>8.1f}ms{median / TARGET_MS:>10.2f}{used:>10.0f}ms{used / TARGET_MS:>10.2f}")


if __name__ == "__main__":
    main()
