"""Reports people read: prose math typeset, lists as lists, the default variant's title,
no internal code in handouts, long steps broken into lines rather than shrunk."""

import re
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from symkl import registry
from symkl.linebreak import LIMIT, lines, relation_lines, width
from symkl.notes.typeset import safe_latex
from symkl.printing import latex
from symkl.prose_math import Segment, blocks, segments
from symkl.report import _reason, public_definitions
from symkl.templating import prose_md, prose_tex

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
MARKDOWN = sorted(p for p in REPORTS.glob("*.md") if p.name != "index.md")
LATEX = sorted(p for p in REPORTS.glob("*.tex") if p.name != "symkl.tex")

#: (ASCII prose, the math segments it holds, as LaTeX)
PROSE = [
    ("D_KL(p || q) >= 0", [r"D_{\mathrm{KL}} ( p \,\Vert\, q ) \ge 0"]),
    ("the minimum is at beta = alpha.", [r"\beta = \alpha"]),
    ("dH/dbeta = (beta - alpha)", [r"\partial H / \partial \beta = ( \beta - \alpha )"]),
    ("d2L/deta2 > 0, so L is convex", [r"\partial^{2} L / \partial \eta^{2} > 0", "L"]),
    ("as eta -> +oo", [r"\eta \to + \infty"]),
    ("q(y | x) and H(Y | X)", [r"q ( y \mid x )", r"H ( Y \mid X )"]),
    ("min_m |mu_rev - m| < 0", [r"\min_{m} \vert \mu_{\mathrm{rev}} - m \vert < 0"]),
    ("x = mu1 + sigma1 z", [r"x = \mu_{1} + \sigma_{1} z"]),
    ("e^(z_i - c) over n x m outcomes", [r"e ^{z_{i} - c}", r"n \times m"]),
    ("beta in (0, 1), and in general", [r"\beta \in ( 0 , 1 )"]),
    ("N(mu, sigma^2) and sqrt(2 pi)", [r"\mathcal{N} ( \mu , \sigma ^{2} )", r"\sqrt{2 \pi}"]),
    ("the log of the product splits", []),
    ("the Kronecker delta picks out i = e", ["i = e"]),
    ("seed 000's notes (see kl_nonneg)", []),
    ("A single normal is fitted", []),
]


@pytest.mark.parametrize(("text", "math"), PROSE)
def test_ascii_math_in_prose_is_found_and_typeset(text, math):
    found = segments(text)
    assert [s.value for s in found if s.kind == "math"] == math
    prose = "".join(s.value for s in found if s.kind == "text")
    assert not re.search(r">=|\|\||->|_|\^", prose)  # no ASCII math is left as words


def test_names_and_backticks_are_code():
    found = segments("by `log_gaps` and kl_eq_zero_iff's lemma, as in symkl.lemmas")
    assert [s.value for s in found if s.kind == "code"] == [
        "log_gaps",
        "kl_eq_zero_iff",
        "symkl.lemmas",
    ]


def test_docstring_lists_are_lists():
    doc = "Intro.\n\nVariants, for L:\n- `a`: x >= 0;\n- `b`: long\n       item.\nAfter the list."
    kinds = [(b.kind, len(b.lines)) for b in blocks(doc)]
    assert kinds == [("paragraph", 1), ("paragraph", 1), ("list", 2), ("paragraph", 1)]
    items = blocks(doc)[2].lines
    assert items[1] == (Segment("code", "b"), Segment("text", ": long item."))


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80))
def test_math_from_any_text_is_safe_latex(text):
    for s in segments(text):
        if s.kind == "math":
            assert safe_latex(s.value), s.value
            assert "|" not in prose_md([s]).strip("$")  # a Markdown table cell stays whole


def test_prose_renders_for_latex_and_markdown():
    found = segments(r"`x_y` then D_KL(p || q) >= 0 \input{a} 100%")
    tex, md = prose_tex(found), prose_md(found)
    assert tex.startswith(r"\texttt{x\_\allowbreak{}y} then $D_{\mathrm{KL}}")
    assert r"\textbackslash{}input\{a\} 100\%" in tex
    assert md.startswith(r"`x_y` then $D_{\mathrm{KL}} ( p \,\Vert\, q ) \ge 0$")


def _prose_lines(path: Path) -> list[str]:
    """The prose of a generated Markdown report: no math blocks or code listings, and
    inline math and code spans removed."""
    text = re.sub(r"^\$\$\n.*?^\$\$\n", "", path.read_text(), flags=re.S | re.M)
    text = re.sub(r"^(`{3,})python\n.*?^\1\n", "", text, flags=re.S | re.M)
    text = re.sub(r"!\[[^]]*\]", "", text)  # image alt text is plain by design
    return [re.sub(r"\$[^$]+\$|`[^`]+`", "", line) for line in text.splitlines()[1:]]


ASCII_MATH = re.compile(
    r"D\\_KL|\\\|\\\||\\>=|\\<=|->|\bsum\\_|\\\^|\b(?:alpha|beta|sigma|eta|mu)\b"
)


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.stem)
def test_generated_markdown_prose_has_no_ascii_math(path):
    leftovers = [line for line in _prose_lines(path) if ASCII_MATH.search(line)]
    assert leftovers == []


@pytest.mark.parametrize("path", LATEX, ids=lambda p: p.stem)
def test_generated_latex_prose_has_no_ascii_math(path):
    text = re.sub(r"\\begin\{code\}.*?\\end\{code\}", "", path.read_text(), flags=re.S)
    text = re.sub(r"^\\hypersetup\{.*$", "", text, flags=re.M)  # PDF metadata: plain text
    escaped = (r"D\\_KL", r"\\textbar\{\}\\textbar", r"\\textgreater\{\}=", r"(?<!_)sum\\_")
    for ascii_math in escaped:
        assert not re.search(ascii_math, text), ascii_math


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.stem)
def test_no_docstring_list_runs_into_a_paragraph(path):
    assert not re.search(r"[:.;] - `\w+`:", path.read_text())


@pytest.mark.parametrize("path", MARKDOWN + LATEX, ids=lambda p: p.name)
def test_handouts_hold_no_internal_code(path):
    text = path.read_text().replace(r"\_", "_")
    assert ".scratch" not in text
    assert not re.search(r"^(\\mbox\{\}|)def~?_", text, flags=re.M)


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.stem)
def test_inline_math_in_tables_has_no_cell_separator(path):
    for row in (line for line in path.read_text().splitlines() if line.startswith("|")):
        assert all("|" not in m for m in re.findall(r"\$([^$]+)\$", row)), row


def test_public_definitions_drop_helpers():
    source = "def _k(x):\n    return x\n\n\n_k.scratch = 2\n\n\n@d\ndef f(x):\n    return _k(x)\n"
    assert public_definitions(source) == "@d\ndef f(x):\n    return _k(x)"
    assert public_definitions("def _k():\n    pass\n") is None


@pytest.mark.parametrize(
    "name", ["logistic_loss_props", "kl_chain_rule", "mle_eq_min_cross_entropy"]
)
def test_report_title_is_the_default_variants(name):
    title = registry.derive(name).title  # the default variant
    md = (REPORTS / f"{name}.md").read_text()
    tex = (REPORTS / f"{name}.tex").read_text()
    assert f"\n# {prose_md(segments(title))}\n" in md
    assert rf"{{\Large\bfseries {prose_tex(segments(title))}\par}}" in tex


#: ems a report's line holds before `\\fitmath` would shrink it: the text block is 42em,
#: less the step number and the indent of continued lines
PAGE = 38.0


def test_every_step_of_kl_gaussian_fits_a_line():
    d = registry.derive("kl_gaussian")
    for expr in [d.start, *(s.expr for s in d.steps)]:
        broken = lines(expr)
        assert all(width(line) <= PAGE for line in broken), max(map(width, broken))
        assert len(broken) == 1 or all(width(line) <= LIMIT for line in broken)
    c = d.conclusion
    assert all(width(line) <= LIMIT for line in relation_lines(c.lhs, c.relation, c.rhs))


def test_a_broken_sum_is_the_same_sum():
    d = registry.derive("kl_gaussian")
    expr = d.steps[4].expr  # the integrals split: a sum of nine terms
    assert isinstance(expr, sp.Add) and len(lines(expr)) > 1
    joined = " ".join(line.removeprefix("{} ") for line in lines(expr))
    assert joined.split() == latex(expr).split()


def test_width_grows_with_the_formula_and_ignores_markup():
    assert width(r"\left(x\right)") == width("(x)")
    assert width(r"\frac{a + b + c}{d}") == pytest.approx(width("a + b + c") + 0.3)
    assert width("x^{2}") < width("x2")


def test_quoted_conclusions_in_reasons_are_math_when_safe():
    quoted = r"D_{\mathrm{KL}}\left(p \,\|\, q\right) = 0"
    found = _reason(f"the stationary point; kl_nonneg: {quoted} (proved); x: \\input{{a}} (proved)")
    assert Segment("code", "kl_nonneg") in found and Segment("math", quoted) in found
    assert not any(s.kind == "math" and "input" in s.value for s in found)
    assert "; " in "".join(s.value for s in found if s.kind == "text")


def test_a_long_bracketed_sum_breaks_inside_its_brackets():
    c, terms = sp.Symbol("c"), [sp.Symbol(f"x_{k}") ** 2 / sp.Symbol(f"y_{k}") for k in range(40)]
    broken = lines(c * sp.Add(*terms))
    assert len(broken) > 1 and all(width(line) <= LIMIT for line in broken)
    assert broken[0].startswith(r"c \Bigl(") and broken[-1].endswith(r"\Bigr)")
    assert all(line.startswith("{} + ") for line in broken[1:])
