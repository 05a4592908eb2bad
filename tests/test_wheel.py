"""The wheel ships the grammar: a plain (non-editable) install loads and checks a rubric. The test runs
alike inside a virtual environment and outside one (the README's test command, either way)."""
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_install_loads_grammar(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("govrubric-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "govrubric/_grammar/rubric.lark" in names
    # the workbench's page, its bundled editor and the shipped rubrics it offers
    assert {"govrubric/workbench/static/workbench.js", "govrubric/workbench/templates/index.html",
            "govrubric/_rubrics/yiliang-2023.rubric"} <= set(names)
    assert "govrubric/locale/en/LC_MESSAGES/govrubric.mo" in names  # --lang en

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    _see_these_dependencies(python)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True)
    rubric = tmp_path / "r.rubric"
    rubric.write_text("细则「t」\n一、【甲】(1分)\n  事实「公布」:是否\n  「公布」得1分\n", encoding="utf-8")
    script = ("import govrubric, govrubric.syntax as s; r = govrubric.load(%r); "
              "print(govrubric.__file__); print(s.grammar_path()); print(r.ok)") % str(rubric)
    out = subprocess.run([str(python), "-c", script], check=True, capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": ""}).stdout.splitlines()
    assert out[0].startswith(str(env_dir)), out
    assert out[1].startswith(str(env_dir)) and out[1].endswith("_grammar/rubric.lark"), out
    assert out[2] == "True"


def _see_these_dependencies(python: Path) -> None:
    """The new environment imports govrubric's dependencies from where this interpreter has them: the
    system's site-packages, or an outer virtual environment's, which a nested venv's
    system_site_packages would not see. A .pth line adds a directory without running the .pth files
    in it, so an editable govrubric there does not shadow the wheel."""
    import site

    dirs = [*site.getsitepackages()]
    if site.ENABLE_USER_SITE and os.path.isdir(site.getusersitepackages()):
        dirs.append(site.getusersitepackages())
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "_outer_site_packages.pth").write_text("\n".join(dirs) + "\n", encoding="utf-8")
