"""`symkl report`: rendering, hostile text, stale check, atomic failure, figures, PDF."""

import functools
import importlib
import importlib.machinery
import shutil
import subprocess
import sys
import textwrap
import types

import numpy as np
import pytest
import sympy as sp

from symkl import latexbuild, report
from symkl.cli import main
from symkl.figures import asymptote, curve
from tests.conftest import add_folder

HOSTILE = r"\input{/etc/passwd} \write18{touch PWNED} 100% {$x$} a_b #1 ^~ & ``` <b>x</b>"
NO_TEX = shutil.which("latexmk") is None and shutil.which("pdflatex") is None

HOSTILE_MODULE = f'''
r"""Notes: {HOSTILE}

Second paragraph \\\\end{{document}}."""

from symkl import Chain, bernoulli_space


def derive(variant=None):
    space = bernoulli_space()
    chain = Chain("hostile", {HOSTILE!r}, space, space.cross_entropy())
    return chain.apply("unfold definitions").derivation()
'''


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A derivation named `hostile` whose title and notes try to run TeX commands."""
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "hostile.py").write_text(HOSTILE_MODULE)
    add_folder(monkeypatch, folder)
    return "hostile"


@pytest.fixture
def out(tmp_path):
    return tmp_path / "reports"


@pytest.fixture
def cached(monkeypatch):
    """Derive and draw each report once per test, however often the test renders it."""
    monkeypatch.setattr(report, "report_context", functools.cache(report.report_context))


def test_hostile_text_is_escaped_in_latex_and_markdown(hostile, out):
    files, refuted = report.render([hostile], out)
    assert refuted == []
    tex = files[out / "hostile.tex"].decode()
    md = files[out / "hostile.md"].decode()
    for command in (r"\input{", r"\write18{", r"\end{document}."):
        assert command not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex
    # x is typeset as math, a_b as a name; every character of the text is printed
    assert r"100\% \{\$$x$\$\} \texttt{a\_\allowbreak{}b} \#1" in tex
    assert r"\\input\{/etc/passwd\}" in md and r"\$$x$\$" in md and "<b>" not in md
    assert "```" not in md.replace("```python", "")


@pytest.mark.skipif(NO_TEX, reason="no TeX installation")
def test_hostile_report_compiles_and_prints_the_text_literally(hostile, out):
    assert report.run([hostile], out, pdf=True) == 0
    assert not (out / "PWNED").exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out / "hostile.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert r"\input{/etc/passwd}" in text and "root:" not in text


def test_check_lists_stale_and_missing_files(out, capsys, cached):
    assert report.run(["logistic_loss"], out, check=True) == 1
    assert "missing: " in capsys.readouterr().out
    assert report.run(["logistic_loss"], out) == 0
    assert report.run(["logistic_loss"], out, check=True) == 0
    (out / "logistic_loss.md").write_text("edited by hand\n")
    assert report.run(["logistic_loss"], out, check=True) == 1
    assert f"stale: {out / 'logistic_loss.md'}" in capsys.readouterr().out.splitlines()


def test_rendering_is_byte_identical_across_processes(out):
    first, _ = report.render(["logistic_loss"], out)
    assert {p.name for p in first} >= {
        "logistic_loss.tex",
        "logistic_loss.md",
        "logistic_loss-1.svg",
    }
    script = "import sys; from symkl.cli import main; sys.exit(main(sys.argv[1:]))"
    cmd = [sys.executable, "-c", script, "report", "logistic_loss", "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    assert all(path.read_bytes() == data for path, data in first.items())


def test_a_failed_render_leaves_existing_reports_unchanged(out, monkeypatch, cached):
    assert report.run(["logistic_loss"], out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(name):
        raise RuntimeError("template failed")

    monkeypatch.setattr(report, "report_context", broken)
    with pytest.raises(RuntimeError):
        report.run(["logistic_loss"], out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_numpy_source_appears_when_symkl_export_exists(out, monkeypatch):
    fake = types.ModuleType("symkl.export")
    fake.__spec__ = importlib.machinery.ModuleSpec("symkl.export", None)
    fake.source_for = lambda name: 'def f(x):\n    """```\\end{code}```"""\n    return x\n'
    monkeypatch.setitem(sys.modules, "symkl.export", fake)
    files, _ = report.render(["logistic_loss"], out)
    tex, md = files[out / "logistic_loss.tex"].decode(), files[out / "logistic_loss.md"].decode()
    assert r"\mbox{}~~~~return~x\par" in tex and r"\end{code}```" not in tex
    assert '````python\ndef f(x):\n    """```\\end{code}```"""\n    return x\n````' in md


def test_unknown_name_and_conflicting_flags_exit_2(capsys):
    assert main(["report", "no_such_derivation", "--check"]) == 2
    assert "unknown derivation 'no_such_derivation'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--pdf", "--check"])
    assert exit_.value.code == 2


def test_pdf_without_tex_says_how_to_install_it(out, monkeypatch, capsys):
    monkeypatch.setattr(latexbuild, "compiler", lambda: None)
    assert report.run(["logistic_loss"], out, pdf=True) == 2
    assert "apt-get install" in capsys.readouterr().err and not out.exists()


@pytest.mark.skipif(NO_TEX, reason="no TeX installation")
def test_pdf_compiles_a_report_with_its_figure(out, capsys):
    assert report.run(["logistic_loss"], out, pdf=True) == 0
    assert (out / "logistic_loss.pdf").read_bytes().startswith(b"%PDF")
    assert not list(out.glob(".latex-*"))  # the build directory is removed


@pytest.mark.skipif(NO_TEX, reason="no TeX installation")
def test_latex_error_names_file_and_line(tmp_path):
    tex = tmp_path / "bad.tex"
    tex.write_text(
        "\\documentclass{article}\n\\begin{document}\n\\nosuchcommand\n\\end{document}\n"
    )
    with pytest.raises(latexbuild.LatexError) as error:
        latexbuild.compile_pdf(tex)
    assert error.value.location == f"{tmp_path}/bad.tex:3"
    assert "Undefined control sequence" in error.value.message
    assert not tex.with_suffix(".pdf").exists()


def test_logistic_asymptotes_are_found_from_the_expression():
    eta = sp.Symbol("eta", real=True)
    loss = sp.log(1 + sp.exp(eta))  # y = 0
    assert asymptote(loss, eta, sp.oo) == eta and asymptote(loss, eta, -sp.oo) == 0
    assert asymptote(eta**2, eta, sp.oo) is None
    # numeric twin: the curve approaches the line
    far = np.array([30.0])
    assert abs(curve(loss - asymptote(loss, eta, sp.oo), eta)(far)[0]) < 1e-12


def test_curve_names_the_symbols_it_lacks():
    a, b = sp.symbols("alpha beta", positive=True)
    assert curve(a * b, b, alpha=2.0)(np.array([1.5]))[0] == 3.0
    with pytest.raises(ValueError, match="give a value for alpha"):
        curve(a * b, b)


def test_reports_of_the_registry_are_listed_in_the_index(tmp_path, monkeypatch):
    monkeypatch.setattr(report.registry, "names", lambda: ["logistic_loss"])
    files, _ = report.render(None, tmp_path)
    index = files[tmp_path / "index.md"].decode()
    assert "[`logistic_loss`](logistic_loss.md)" in index
    assert r"\tableofcontents" in files[tmp_path / "symkl.tex"].decode()
    assert (
        textwrap.dedent(r"\section{\texorpdfstring{Binary cross-entropy")
        in files[tmp_path / "symkl.tex"].decode()
    )


ANY_VERDICT_MODULE = '''
"""Made-up chain with every relation and verdict, computed values and a figure."""

import sympy as sp

from symkl import Check, Derivation, Step, Verdict, bernoulli_space
from symkl.errors import StepRefuted

VARIANTS = ("honest", "refuted")


def derive(variant=None):
    space = bernoulli_space()
    a, b = space.p[0], space.q[0]
    checks = [
        (">=", Check(Verdict.PROVED, "normal form", None, 3, 0.0)),
        ("=", Check(Verdict.HOLDS_NUMERICALLY, "holds at 24 sampled points", None, 24, 3.2e-41)),
        (">", Check(Verdict.UNDECIDED, "only 3 of 24 sampled points evaluate", None, 3, 0.0)),
    ]
    if variant == "refuted":
        checks.append(("=", Check(Verdict.REFUTED, "fails", {"alpha": 0.5, "beta": 0.25}, 1, 1.0)))
    steps = tuple(Step("rule " + str(k), a**k + b, rel, c) for k, (rel, c) in enumerate(checks))
    d = Derivation("any_verdict", "Every verdict: 50% {odd} $title$", space, a + b, steps)
    if variant == "refuted":
        raise StepRefuted(d, len(steps) - 1)
    return d


def values(derivation):
    return {"fitted mean_1 (forward)": 0.123456789, "note": "mode-seeking #1"}


def figures(derivation):
    from symkl.figures import figure

    fig, (ax,) = figure()
    ax.plot([0, 1], [0, 1])
    return {"A line; caption with % and _": fig}
'''


@pytest.fixture
def any_verdict(tmp_path, monkeypatch):
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "any_verdict.py").write_text(ANY_VERDICT_MODULE)
    add_folder(monkeypatch, folder)
    return "any_verdict"


def test_any_relation_verdict_value_and_figure_renders(any_verdict, out, capsys):
    status = report.run([any_verdict], out, pdf=not NO_TEX)
    assert status == 1  # the refuted variant
    assert "has a refuted step" in capsys.readouterr().err
    md = (out / "any_verdict.md").read_text()
    tex = (out / "any_verdict.tex").read_text()
    for verdict in ("proved", "holds-numerically", "undecided", "refuted"):
        assert f"**{verdict}**" in md and f"{{{verdict}}}" in tex
    assert r"\overset{(1)}{\ge}" in tex and r"\overset{(3)}{>}" in tex
    assert r"\overset{(3)}{\gt }" in md  # no bare < or > for GitHub's HTML sanitizer
    assert r"Counterexample to step 4: $\alpha = 0.5$, $\beta = 0.25$" in md
    assert r"3.2 \times 10^{-41}" in md and "| n/a |" in md  # inequalities have no error
    assert r"fitted mean\_1 \(forward\)" not in md  # parentheses are not escaped
    assert r"| fitted mean\_1 (forward) | 0.123457 |" in md and r"mode-seeking \#1" in md
    assert (out / "figures" / "any_verdict-1.svg").exists()
    assert "## Result (honest)" in md and "## Result (refuted)" in md
    if not NO_TEX:
        assert (out / "any_verdict.pdf").exists()


def test_a_full_run_removes_reports_of_derivations_that_are_gone(out, monkeypatch, cached):
    monkeypatch.setattr(report.registry, "names", lambda: ["logistic_loss"])
    (out / "figures").mkdir(parents=True)
    gone = [out / "old_name.md", out / "old_name.tex", out / "figures" / "old_name-1.svg"]
    gone[0].write_text("<!-- Generated by `symkl report` from derivations/old_name.py -->\n")
    gone[1].write_text("% Generated by `symkl report` from derivations/old_name.py\n")
    gone[2].write_text("<svg/>")
    mine = out / "NOTES.md"  # not generated: never touched
    mine.write_text("# my notes\n")
    assert report.run([], out, check=True) == 1
    assert report.run([], out) == 0
    assert not any(p.exists() for p in gone) and mine.exists()
    assert report.run([], out, check=True) == 0


def test_a_latex_error_is_reported_with_file_and_line(out, monkeypatch, capsys, cached):
    error = latexbuild.LatexError(f"{out}/logistic_loss.tex:12", "Undefined control sequence.")
    monkeypatch.setattr(latexbuild, "compiler", lambda: "latexmk")  # TeX or not
    monkeypatch.setattr(latexbuild, "compile_all", lambda sources: [error])
    assert report.run(["logistic_loss"], out, pdf=True) == 1
    err = capsys.readouterr().err
    assert f"error: {out}/logistic_loss.tex:12: Undefined control sequence." in err


@pytest.mark.skipif(NO_TEX, reason="no TeX installation")
def test_tex_cannot_read_files_outside_the_reports_directory(tmp_path):
    tex = tmp_path / "peek.tex"
    tex.write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{/etc/passwd}\n\\end{document}\n"
    )
    with pytest.raises(latexbuild.LatexError) as error:
        latexbuild.compile_pdf(tex)
    assert (
        str(error.value) == f"{tmp_path}/peek.tex:3: LaTeX Error: File `/etc/passwd.tex' not found."
    )
