"""Typeset audits (HTML, Markdown, LaTeX) and what notes cannot do through them: user TeX
never reaches pdflatex as markup, user HTML never reaches a page as markup."""

import re
import shutil
import subprocess

import pytest
import sympy as sp

import symkl
from symkl.notes.audit import FileAudit, StepAudit
from symkl.notes.counterexample import counterexample_rows
from symkl.notes.html_audit import audit_html_page
from symkl.notes.render import audit_latex, audit_markdown
from symkl.notes.typeset import MATHML_ELEMENTS, mathml, safe_latex, step_latex, step_lines
from symkl.sampling import shown

#: TeX a note might smuggle in: reading files, shell escape, category codes, definitions
ATTACKS = [
    r"\input{/etc/passwd}",
    r"\include{/etc/passwd}",
    r"\write18{touch pwned}",
    r"\immediate\write18{id}",
    r"\catcode`\^^5c=12",
    r"\def\x{1} \x",
    r"\newcommand{\x}{1}",
    r"\openin5=/etc/passwd",
    r"\csname input\endcsname{/etc/passwd}",
    r"^^5cinput{/etc/passwd}",
    r"x #1",
    r"x % a comment hides the rest",
    r"$x$",
    r"\begin{verbatim}x\end{verbatim}",
    r"\text{\input{/etc/passwd}}",
    r"{x",
    r"x}",
    r"\left( x",
    r"x \right)",
    r"a & b",
    r"a \\ b",
    "\u03b1 = 1",  # non-ASCII: pdflatex would stop on it
]
#: what SymPy's printer writes for steps the notes hold
PRINTED = [
    r"\sum_{i=1}^{n} \log{\left(\frac{{p}_{i}}{{q}_{i}} \right)} {p}_{i}",
    r"D_{\mathrm{KL}}\left(p \,\|\, q\right)",
    r"\left[\begin{matrix}- \frac{{p}_{1}}{{q}_{1}}\\\vdots\end{matrix}\right]",
    r"\min_{q} \left(H\left(p, q\right)\right)",
    r"\int\limits_{-\infty}^{\infty} p{\left(x \right)}\, dx",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_safe_latex_refuses_what_could_act_or_break(text):
    assert not safe_latex(text)


@pytest.mark.parametrize("text", PRINTED)
def test_safe_latex_takes_what_the_printer_writes(text):
    assert safe_latex(text)


@pytest.mark.parametrize("name", [r"\input{/etc/passwd}", r"x\write18{id}", "a#1", "p%"])
def test_a_symbol_named_with_markup_is_not_typeset(name):
    assert step_latex(sp.Symbol(name), "=", sp.Integer(1)) is None
    assert step_latex(sp.Symbol("x"), "=", sp.Integer(1)) == ("x", "=", "1")


def test_mathml_keeps_no_html_from_the_notes():
    for text in (r"x<script>alert(1)</script>", r"\text{<img src=x onerror=alert(1)>}"):
        out = mathml(text) or ""
        assert "<script" not in out and "<img" not in out
        assert set(re.findall(r"<([a-z]+)", out)) <= MATHML_ELEMENTS


HOSTILE_NOTES = (
    "# Week <script>alert('h')</script>\n\n"
    "Prose with $x<script>alert(2)</script>$ and <img src=x onerror=alert(3)>.\n\n"
    "$$\\input{/etc/passwd} = \\write18{touch pwned}$$\n\n"
    "$$\\catcode`\\^^5c=12 \\def\\x{1} = 1$$\n\n"
    "$$\\beta = 2\\beta$$\n"
)


def test_hostile_notes_give_an_inert_html_page():
    audit = symkl.verify_text(HOSTILE_NOTES)
    page = audit_html_page([audit])
    assert "<script" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page  # raw HTML a reader sees, as text
    assert r"\input{/etc/passwd}" in page  # shown, as text
    assert "<math" in page  # the step it read is typeset


def test_hostile_notes_reach_tex_only_escaped(tmp_path):
    audit = symkl.verify_text(HOSTILE_NOTES)
    tex = audit_latex(audit, "week.md", standalone=True)
    for word in ("input", "write", "catcode", "def", "include", "openin", "csname"):
        assert not re.search(rf"\\{word}(?![A-Za-z])", tex), word
    assert "^^" not in tex
    if shutil.which("pdflatex") is None:
        pytest.skip("no pdflatex here")
    (tmp_path / "audit.tex").write_text(tex)
    run = subprocess.run(
        ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "audit.tex"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert not (tmp_path / "pwned").exists()
    assert b"root:" not in (tmp_path / "audit.log").read_bytes()


def test_markdown_audit_typesets_read_steps_in_dollar_blocks_and_escapes_the_rest():
    audit = symkl.verify_text(HOSTILE_NOTES)
    page = audit_markdown(audit, "week.md")
    blocks = re.findall(r"^\$\$\n(.*?)\n\$\$$", page, re.M | re.S)
    assert blocks == [r"\beta = 2 \beta"]
    assert all(safe_latex(b) for b in blocks)
    assert "`\\input{/etc/passwd} = \\write18{touch pwned}`" in page  # code, not math
    assert "| beta |" in page  # the counterexample as a table


def test_assumptions_are_shown_as_such_not_as_claims():
    text = "Let $p$ be a distribution.\n\n$$0 \\le q_i \\le 1 \\quad \\sum_{i=1}^n p_i = 1$$\n"
    audit = symkl.verify_text(text)
    assert [(s.verdict, s.assumption) for s in audit.steps] == [
        ("definition", True),
        ("definition", True),
        ("proved", True),
    ]
    page = audit_html_page([audit])
    assert "proved 0" not in page and page.count("assumption") >= 3
    assert "line 3: assumption (proved)" in audit_latex(audit)


def test_counterexample_rows_show_a_real_gap_and_no_absurd_exponent():
    close = {"x": 0.5, "before": 0.75798700187, "after": 0.75798700212}
    rows = dict(counterexample_rows({**close, "difference": "-2.5e-10", "error_bound": 1e-30}))
    assert rows["before"] != rows["after"]  # digits enough to see them differ
    assert rows["difference"] == "-2.5e-10 \u00b1 1.0e-30"
    huge = {"x": "1 - 1e-300", "before": "-7.7e+2834697271623678019", "after": 0.0}
    rows = dict(counterexample_rows({**huge, "difference": "-7.7e+2834697271623678019"}))
    assert rows == {
        "x": "1 - 1e-300",
        "before": "< -1e+308",
        "after": "0",
        "difference": "< -1e+308",
    }
    rows = dict(counterexample_rows({"n": 2, "before": 0.6931471805599453, "after": 0.0}))
    assert rows["before"] == "0.693"


def test_sampled_values_near_an_integer_are_shown_exactly():
    assert shown(1 - sp.Rational(1, 10**300)) == "1 - 1e-300"
    assert shown(1 - sp.Rational(1, 10**15)) == 0.999999999999999  # the float tells them apart
    assert shown(sp.Rational(3, 4)) == 0.75 and shown(sp.sqrt(2)) == float(sp.sqrt(2))
    assert shown(sp.Rational(1, 10**1000)) == "1.00000000000e-1000"


def test_pages_regenerate_byte_identical():
    audit = symkl.verify_text(HOSTILE_NOTES)
    again = symkl.verify_text(HOSTILE_NOTES)
    assert audit_html_page([audit]) == audit_html_page([again])
    assert audit_markdown(audit) == audit_markdown(again)
    assert audit_latex(audit) == audit_latex(again)


def test_a_page_shows_the_prose_around_its_steps():
    steps = [StepAudit(3, "=", "a", "a", "proved", "normal form", typeset=("a", "=", "a"))]
    text = "# Title\n\n$$a = a$$\n\nAfter, with $b$.\n"
    page = audit_html_page([FileAudit("n.md", steps, text=text, displays=[(3, 3)])])
    assert page.index("<h3>Title</h3>") < page.index("<math") < page.index("After, with")


def test_a_wide_step_is_broken_at_the_relation_and_between_terms():
    integral = r"\int\limits_{-\infty}^{\infty} p{\left(z \right)} "
    integral += r"\log{\left(q{\left(z \right)} \right)}\, dz"
    wide = (f"{integral} - {integral}", "=", f"- {integral} + \\frac{{a + b}}{{c}}")
    lines = step_lines(wide, 70)
    assert lines[0] == wide[0] and lines[1].startswith(f"= - {integral}")
    assert lines[-1].endswith(" + \\frac{a + b}{c}")  # not cut inside the fraction
    assert len(lines) == 2
    assert all(safe_latex(line) for line in lines)
    assert step_lines(("a", "=", "b"), 70) == ["a = b"]
    page = audit_html_page(
        [FileAudit("n.md", [StepAudit(1, "=", "x", "y", "proved", "r", typeset=wide)])]
    )
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">') == 2


def test_a_display_with_no_step_is_typeset_where_it_passes_the_whitelist():
    text = (
        "\\[\\DeclareMathOperator*{\\argmax}{argmax} "
        "\\argmax_{\\theta} \\prod_{i=1}^{n} q(x_i)\\]\n"
        "\n$$-\\frac{1}{n} \\sum_{i=1}^n y_i$$\n\nWith $P(Y ~|~ X)$.\n\n$$\\input{x}$$\n"
    )
    page = audit_html_page([FileAudit("n.md", [], text=text, displays=[(1, 1), (3, 3), (7, 7)])])
    assert page.count('display="block"') == 2  # both displays, macros expanded
    assert ">argmax<" in page
    assert "DeclareMathOperator" not in page and "\\frac" not in page
    assert "~|~" not in page  # a tie is a space
    assert '<p class="display-text"><code>$$\\input{x}$$</code></p>' in page  # not typeset
