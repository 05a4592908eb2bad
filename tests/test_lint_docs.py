"""Every lint code has its section in docs/lint-rules.md and a test that names it."""
import re
from pathlib import Path

from govrubric.diagnostics import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
LINT_CODES = sorted(code for code in MESSAGES if code.startswith("GL"))


def test_every_lint_code_has_a_documented_section():
    page = (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^### (GL[0-9]{3}) ([a-z-]+)", page, flags=re.M))
    assert sections == {(code, MESSAGES[code][0]) for code in LINT_CODES}


def test_every_lint_code_has_a_test():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_lint_rules.py"))
    missing = [code for code in LINT_CODES if f"test_{code.lower()}_" not in tests]
    assert not missing, f"no test_glNNN_… test for {missing}"


def test_cli_docs_mention_lint():
    assert "govrubric lint" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
