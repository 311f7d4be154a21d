"""The README's list of the OWASP ASVS checks the project follows names, for each, a test that
exists: the list cannot promise a check nobody runs."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_check_of_the_readme_names_a_test_that_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The OWASP ASVS 4.0.3 level-2 checks", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`([a-z_/]+\.py)::(test_\w+)`", section)

    assert len(named) >= 28
    for path, name in named:
        module = ROOT / "inscriptions" / path
        assert module.is_file(), path
        tests = {
            node.name
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef)
        }
        assert name in tests, f"{path}::{name}"
