"""The Python API: the examples in the README and docs/ run as written, and derivations
render in Jupyter."""

import doctest
from pathlib import Path

import pytest

import symkl

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTED = ["README.md", "docs/derive.md", "docs/verify.md", "docs/export.md"]


@pytest.mark.parametrize("page", DOCUMENTED)
def test_documented_examples_run_as_written(page):
    result = doctest.testfile(str(ROOT / page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_every_page_with_python_examples_is_run():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    with_examples = {str(p.relative_to(ROOT)) for p in pages if ">>> " in p.read_text()}
    assert with_examples == set(DOCUMENTED)


def test_derivation_renders_as_latex_for_jupyter():
    d = symkl.derive("cross_entropy_grad")
    rendered = d._repr_latex_()
    assert rendered.startswith("$") and rendered.endswith("$")
    assert r"\begin{aligned}" in rendered
    assert rendered.count(r"\\") == len(d.steps)
    assert "evaluate Kronecker delta: proved" in rendered


def test_public_names_resolve():
    for name in symkl.__all__:
        assert getattr(symkl, name) is not None
