"""Registries are dict literals (diagnostic codes, lint rules, readings): a key written twice silently
keeps only the later entry, so two changes that pick the same new code would lose one of them."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "govrubric"


def test_no_dict_literal_repeats_a_key():
    repeated = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Dict):
                continue
            seen = set()
            for key in node.keys:
                if isinstance(key, ast.Constant):
                    if key.value in seen:
                        repeated.append(f"{path.relative_to(PACKAGE.parent)}:{key.lineno}: {key.value!r}")
                    seen.add(key.value)
    assert not repeated, "\n".join(repeated)
