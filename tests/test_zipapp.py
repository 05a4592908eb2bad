"""The office build: one file (a shiv zipapp with govrubric and its pure-Python dependencies) built by the
README's command, started in a fresh virtual environment with no packages, inside a network namespace with
only loopback (no network at all), where it checks a rubric and serves the workbench."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import venv

from workbench_support import ROOT, free_port

# The README's command, with the output in the test's folder instead of dist/
BUILD = ["shiv", "-o", "dist/govrubric.pyz", "-e", "govrubric.cli:main", "--compressed", "--reproducible", "."]


def test_the_readme_gives_the_build_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert " ".join(BUILD) in readme


def test_the_single_file_build_runs_offline_in_a_fresh_environment(tmp_path):
    target = tmp_path / "govrubric.pyz"
    command = [sys.executable, "-m", "shiv", *BUILD[1:]]
    command[command.index("dist/govrubric.pyz")] = str(target)
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=600)
    office = tmp_path / "office"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(office)
    python = office / "bin" / "python"
    rubrics = tmp_path / "细则"
    rubrics.mkdir()
    shutil.copy(ROOT / "rubrics" / "yinchuan-fenting.rubric", rubrics)
    port = free_port()
    client = textwrap.dedent(f"""
        import json, time, urllib.request
        for _ in range(300):
            try:
                page = urllib.request.urlopen("http://127.0.0.1:{port}/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        files = json.load(urllib.request.urlopen("http://127.0.0.1:{port}/api/files", timeout=30))
        script = urllib.request.urlopen("http://127.0.0.1:{port}/static/workbench.js", timeout=30).read()
        print("page", "govrubric" in page, files["files"], len(script) > 100000)
    """)
    (tmp_path / "client.py").write_text(client, encoding="utf-8")
    # unshare -n: a new network namespace with only a loopback device, brought up for the server and client
    shell = (f"ip link set lo up && {python} {target} check {rubrics}/yinchuan-fenting.rubric && "
             f"({python} {target} serve {rubrics} --port {port} > {tmp_path}/serve.log 2>&1 & echo $! > {tmp_path}/pid) && "
             f"{python} {tmp_path}/client.py; status=$?; kill $(cat {tmp_path}/pid); exit $status")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}
    done = subprocess.run(["unshare", "-n", "sh", "-c", shell], capture_output=True, text=True, env=env, timeout=300,
                          cwd=tmp_path)  # not the checkout: nothing can be imported from it
    assert done.returncode == 0, done.stdout + done.stderr + (tmp_path / "serve.log").read_text()
    assert "通过检查" in done.stdout
    assert "page True ['yinchuan-fenting.rubric'] True" in done.stdout
