"""Module-level names bound once: a second `_PATTERN = re.compile(...)` further down a
module silently replaces the first for every function, including those written for the
first (two such shadowings once changed verdicts unnoticed)."""

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p for d in ("symkl", "derivations") for p in (ROOT / d).rglob("*.py"))


def _bound(tree: ast.Module) -> list[str]:
    """Names a module's top-level statements bind (assignments, defs, classes)."""
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_no_module_name_is_bound_twice(path):
    names = Counter(_bound(ast.parse(path.read_text(), str(path))))
    assert [n for n, k in names.items() if k > 1 and n != "__all__"] == []


def test_a_second_binding_is_found():
    tree = ast.parse("A = 1\ndef f():\n    return A\nA = 2\n")
    assert Counter(_bound(tree))["A"] == 2
