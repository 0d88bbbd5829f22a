"""The Python API: the README's example runs as written, and derivations render in Jupyter."""

import doctest
from pathlib import Path

import symkl

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples_run_as_written():
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


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
