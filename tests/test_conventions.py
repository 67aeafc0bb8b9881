"""The project's conventions, tested so that drift is caught: rule modules named after their
code and name, rule docstrings with their Bad and Good examples, grammar ids spelt in the code
that exist in grammar/, no module importing another's private names, and the package imported
only as report_lint."""
from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys

import pytest

from report_lint import registry
from report_lint.grammar import layout

from conftest import ROOT

BUILT_IN = [r for r in registry.all_rules() if r.__module__.startswith("report_lint.rules.")]
SOURCES = sorted([*(ROOT / "linter").rglob("*.py"), *(ROOT / "rules").glob("*.py"), ROOT / "grammar" / "__init__.py"])


@pytest.mark.parametrize("rule", BUILT_IN, ids=lambda r: r.code)
def test_rule_module_is_named_after_its_code_and_name(rule):
    module = rule.__module__.rsplit(".", 1)[-1]
    assert module == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"
    assert (ROOT / "tests" / "cases" / f"{module}.toml").is_file(), f"no case file tests/cases/{module}.toml"


@pytest.mark.parametrize("rule", BUILT_IN, ids=lambda r: r.code)
def test_rule_docstring_has_bad_and_good_examples(rule):
    doc = rule.doc()
    assert doc and rule.summary(), "no docstring"
    for word in ("Bad", "Good"):
        assert re.search(rf"^{word}\b", doc, re.M), f"{rule.code}: the docstring has no «{word}» example"


def test_grammar_ids_in_the_code_exist():
    """A row or column id spelt in the code (`"row3_no_fee"`) is one the grammar defines: a typo
    would otherwise make a check silently find nothing."""
    known = set(layout().order)
    spelt = set()
    for path in SOURCES:
        spelt |= {(path.name, m.group(1)) for m in
                  re.finditer(r"[\"']((?:row|col|group|colgroup|caption|blank)[234]_\w+)[\"']", path.read_text(encoding="utf-8"))}
    assert spelt, "the pattern finds no id at all"
    unknown = sorted(x for x in spelt if x[1] not in known)
    assert not unknown, f"ids not in grammar/: {unknown}"


# documented public functions whose names start with an underscore: a forked child leaves by
# os._exit (no cleanup handlers, no flushing the parent's buffers a second time)
_PUBLIC_UNDERSCORED = {"os._exit"}


def _private_imports(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: set[str] = set()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    out.append(f"{path.name}:{node.lineno} from {node.module or '.'} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imported.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported
                and node.attr.startswith("_") and not node.attr.startswith("__")
                and f"{node.value.id}.{node.attr}" not in _PUBLIC_UNDERSCORED):
            out.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    return out


def test_no_module_imports_private_names_of_another():
    found = [hit for path in SOURCES for hit in _private_imports(path)]
    assert not found, found


@pytest.mark.parametrize("folder", ["linter", "rules", "grammar"])
def test_the_folders_are_not_packages_of_their_own(folder):
    """The package is report_lint, held in linter/ (rules/, grammar/ are its sub-packages).
    Imported by its folder's name from the repository root, a module would load twice (as
    linter.model and report_lint.model, with two distinct classes): that fails, saying so."""
    p = subprocess.run([sys.executable, "-c", f"import {folder}"], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode != 0
    assert "report_lint" in p.stderr and "Traceback" in p.stderr


def test_package_is_typed():
    """py.typed ships with the package so that type checkers read its annotations."""
    import report_lint
    assert (ROOT / "linter" / "py.typed").is_file()
    assert "py.typed" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert inspect.getfile(report_lint).startswith(str(ROOT / "linter"))
