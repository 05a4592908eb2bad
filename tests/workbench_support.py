"""Starting the real workbench (`govrubric serve` in its own process, uvicorn on loopback) and headless
Chromium (Debian's package, driven by Playwright) for the workbench's tests and screenshots."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def workspace_with_shipped(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "rubrics").glob("*.rubric"):
        shutil.copy(path, folder / path.name)
    return folder


@contextlib.contextmanager
def running_server(workspace: Path, *extra: str, port: int | None = None):
    """`govrubric serve WORKSPACE` started for real; yields (base address, the lines it printed so far)."""
    port = port or free_port()
    process = subprocess.Popen([sys.executable, "-m", "govrubric", "serve", str(workspace), "--port", str(port), *extra],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    printed: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("govrubric serve stopped:\n" + (process.stdout.read() if process.stdout else ""))
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("govrubric serve did not start within 60 s")
        import select

        while process.stdout and select.select([process.stdout], [], [], 0.2)[0]:
            line = process.stdout.readline()
            if not line:
                break
            printed.append(line.rstrip("\n"))
        yield f"http://127.0.0.1:{port}", printed
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


@contextlib.contextmanager
def chromium():
    """Playwright's Chromium driver on the system's /usr/bin/chromium (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def settled(page) -> None:
    """Check and lint have answered for the editor's text as it is now (the panel's state line is empty).
    Polled with locators: the page's Content-Security-Policy blocks Playwright's string predicates."""
    page.locator("#problem-list li").first.wait_for()
    for _ in range(600):
        if page.locator("#check-state").inner_text() == "":
            return
        page.wait_for_timeout(100)
    raise AssertionError("lint did not answer within a minute")
