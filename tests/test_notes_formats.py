"""Notes as people write them: their own macros, split environments, notebooks, and the
notation that came with them (N(x; mu, sigma^2), KL[P || Q], phi(z) defined in a display,
updates w := w + Delta w)."""

import json

import pytest

from symkl.notes.audit import audit_file, audit_text
from symkl.notes.macros import MacroError, display_macros, expand, find_macros

PREAMBLE = r"""
\newcommand{\bx}{\mathbf{x}}
\newcommand {\pd} [2] { \frac{\partial #1}{\partial #2} }
\renewcommand{\d}{\mathrm{d}}
\def\half{\frac{1}{2}}
\newcommand{\sq}[1][t]{#1^2}
\DeclareMathOperator{\sgn}{sgn}
\newcommand{\alns}[1]{\begin{align*} #1 \end{align*}}
"""


def test_macros_are_found_with_their_arguments():
    macros = find_macros(PREAMBLE)
    assert {m: macros[m].nargs for m in ("bx", "pd", "d", "half", "sq", "sgn", "alns")} == {
        "bx": 0,
        "pd": 2,
        "d": 0,
        "half": 0,
        "sq": 1,
        "sgn": 0,
        "alns": 1,
    }
    assert macros["sq"].default == "t"
    assert display_macros(macros) == ("alns",)


def test_expansion_substitutes_arguments_and_keeps_grouping():
    macros = find_macros(PREAMBLE)
    assert expand(r"\pd{y}{\bx}", macros) == r"\frac{\partial y}{\partial \mathbf{x}}"
    assert expand(r"\sgn x", macros) == r"\operatorname{sgn} x"
    assert expand(r"\sq + \sq[u]", macros) == r"t^2 + u^2"
    assert expand(r"\one^2", find_macros(r"\newcommand{\one}{1 + x}")) == r"{1 + x}^2"


@pytest.mark.parametrize(
    "definition",
    [r"\newcommand{\a}{\a\a}", r"\def\loop{\loop}", r"\newcommand{\b}[1]{#1 #1}"],
)
def test_runaway_macros_are_an_error_not_a_hang(definition):
    macros = find_macros(definition)
    with pytest.raises(MacroError):
        expand(r"\a \loop " + r"\b{\b{\b{\b{\b{\b{\b{\b{\b{\b{\b{\b{\b{\b{x}}}}}}}}}}}}}}", macros)


def test_steps_with_macros_and_a_display_macro_are_read():
    text = (
        "\\documentclass{article}\n" + PREAMBLE + "\\begin{document}\n"
        "\\alns{\n\\pd{}{x} \\half x^2 &= x \\\\\n\\pd{}{x} \\sq[x] &= 3x\n}\n"
        "\\end{document}\n"
    )
    steps = audit_text(text, "case.tex").steps
    assert [(s.line, s.verdict) for s in steps] == [(12, "proved"), (13, "refuted")]


def test_split_inside_display_math_is_a_chain():
    text = "$$\n\\begin{split}\na &= (x+1)^2 - x^2 \\\\\n&= 2x + 1\n\\end{split}\n$$\n"
    steps = audit_text("---\nsymkl:\n  assume:\n    x: real\n---\n" + text, "case.md").steps
    assert [s.verdict for s in steps] == ["definition", "proved"]


def test_normal_density_with_a_semicolon_and_kl_in_brackets():
    text = (
        "---\nsymkl:\n  assume:\n    mu: real\n    sigma: positive\n---\n"
        "$$\\int_{-\\infty}^{\\infty} \\mathcal{N}(x; \\mu, \\sigma^2)\\, x^2 \\,\\mathrm{d}x"
        " = \\mu^2 + \\sigma^2$$\n\n"
        "$$\\mathrm{KL}[P \\,||\\, Q] = \\mu$$\n"
    )
    first, second = audit_text(text, "case.md").steps
    assert first.verdict == "proved", first.reason
    assert second.verdict != "refuted"  # P, Q are given in words, if anywhere


def test_a_greek_function_defined_in_a_display_is_a_function():
    text = (
        "$$\\phi(z) = \\frac{1}{1 + e^{-z}}$$\n\n"
        "$$\\frac{d}{dz}\\phi(z) = \\phi(z)(1 - \\phi(z))$$\n\n"
        "$$\\mathbf{w} := \\mathbf{w} + \\Delta\\mathbf{w}$$\n"
    )
    steps = audit_text(text, "case.md").steps
    assert [s.verdict for s in steps] == ["definition", "proved", "definition"]


def test_an_undefined_greek_call_is_not_refuted_as_a_product():
    (step,) = audit_text("$$2\\psi(z) = 2z^2$$\n", "case.md").steps
    assert step.verdict != "refuted", step.reason


def test_a_derivative_of_an_entry_the_notes_never_relate_is_not_zero():
    text = "$$\\sum_{k=1}^{m} \\delta_k \\frac{\\partial z_k}{\\partial W_{ij}} = \\delta_i x_j$$\n"
    (step,) = audit_text(text, "case.md").steps
    assert step.verdict != "refuted", step.reason


def test_a_notebook_is_read_cell_by_cell(tmp_path):
    cells = [
        {"cell_type": "code", "source": ["x = 1\n"], "metadata": {}, "outputs": []},
        {"cell_type": "markdown", "source": ["Some text.\n", "\n", "$$(a+b)^2 = a^2 + b^2$$"]},
        {"cell_type": "markdown", "source": "$$\\log(ab) = \\log a + \\log b + 0$$\n"},
    ]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}))
    head = "---\nsymkl:\n  assume:\n    a: positive\n    b: positive\n---\n"
    cells[1]["source"].insert(0, head)
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}))
    steps = audit_file(path).steps
    assert [(s.cell, s.line, s.verdict) for s in steps] == [(2, 9, "refuted"), (3, 1, "proved")]
    assert steps[0].to_json()["cell"] == 2


def test_a_file_named_ipynb_that_is_not_a_notebook_is_a_clear_error(tmp_path):
    from symkl.errors import SymklError

    path = tmp_path / "n.ipynb"
    path.write_text("$$a = b$$")
    with pytest.raises(SymklError, match="not a Jupyter notebook"):
        audit_file(path)


def test_lyx_inline_dollars_do_not_open_a_display():
    text = (
        "\\item $a=$$\\left\\{ 1 \\right\\}$ and $b$\n\\[\n(x+1)^2 = x^2 + 2x + 1\n\\]\n"
        "\\item $c=$$d$\n"
    )
    steps = audit_text(text, "case.tex").steps
    assert [(s.line, s.verdict) for s in steps] == [(3, "proved")]


def test_conditions_on_an_undeclared_vector_are_stated_not_checked():
    text = (
        "\\begin{eqnarray*}\n\\theta_{i} & > & 0\\\\\n\\sum_{i=1}^{k}\\theta_{i} & = & 1\n"
        "\\end{eqnarray*}\n\\[\n\\sum_{i=1}^{k}\\theta_{i}^{2} \\le 1\n\\]\n"
    )
    steps = audit_text(text, "case.tex").steps
    assert [s.verdict for s in steps][:2] == ["definition", "definition"]
    assert steps[2].verdict in ("proved", "holds-numerically"), steps[2].reason


def test_primes_are_derivatives_of_functions_and_names_otherwise():
    text = (
        "---\nsymkl:\n  assume:\n    x: real\n---\n$$f(x) = x^3$$\n\n$$f'(x) = 3x^2$$\n\n"
        "$$\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$$\n\n$$\\sigma^{\\prime}(x) = \\sigma(x)$$\n\n"
        "$$\\theta' + 1 = 1 + \\theta'$$\n\n$$\\ell + 1 = 1 + \\ell$$\n"
    )
    steps = audit_text(text, "case.md").steps
    assert [s.verdict for s in steps] == [
        "definition",
        "proved",
        "proved",
        "refuted",
        "proved",
        "proved",
    ]


def test_a_condition_in_words_after_a_step_withholds_refutation():
    text = "$$|x| = x \\text{ if } x \\ge 0$$\n\n$$(x+1)^2 = x^2 + 2x + 1 \\text{ for all } x$$\n"
    first, second = audit_text(text, "case.md").steps
    assert first.verdict != "refuted", first.reason
    assert second.verdict == "proved", second.reason


def test_second_derivatives_in_leibniz_notation():
    text = (
        "---\nsymkl:\n  assume:\n    t: real\n---\n$$\\frac{d^2}{dt^2} t^3 = 6t$$\n\n"
        "$$\\frac{d^{2}}{d t^{2}} \\log(1+e^{t}) = \\sigma(t)(1-\\sigma(t))$$\n\n"
        "$$\\frac{d^2}{dt^2} t^3 = 3t^2$$\n"
    )
    assert [s.verdict for s in audit_text(text, "case.md").steps] == ["proved", "proved", "refuted"]


def test_second_derivatives_with_the_function_on_top():
    text = (
        "---\nsymkl:\n  assume:\n    t: real\n---\n$$f(t) := t^3$$\n\n"
        "$$\\frac{d^2 f}{dt^2} = 6t$$\n\n$$\\frac{\\partial^2 f(t)}{\\partial t^2} = 6t$$\n\n"
        "$$\\frac{d^{2}\\mathcal{L}}{d\\theta^{2}} = \\frac{d^2}{d\\theta^2}\\mathcal{L}$$\n\n"
        "$$\\frac{d^2 f}{dt^2} = 3t^2$$\n"
    )
    verdicts = [s.verdict for s in audit_text(text, "case.md").steps]
    assert verdicts == ["definition", "proved", "proved", "proved", "refuted"]


def test_functions_written_as_words():
    text = (
        "---\nsymkl:\n  assume:\n    z: real\n    sigma: positive\n---\n"
        "$$\\operatorname{sigmoid}(z) = \\frac{1}{1+e^{-z}}$$\n\n"
        "$$\\mathrm{softplus}(z) - \\mathrm{softplus}(-z) = z$$\n\n"
        "$$\\text{exp}(0) = 1$$\n\n$$\\mathrm{ReLU}(z) + 1 = 1 + \\mathrm{ReLU}(z)$$\n\n"
        "$$\\mathrm{softplus}(z) = z$$\n"
    )
    steps = audit_text(text, "case.md").steps
    assert [s.verdict for s in steps] == ["proved", "proved", "proved", "proved", "refuted"]


def test_a_bare_expression_with_a_clause_in_words_is_read():
    audit = audit_text("$$x^2 \\text{ for all } x$$\n\n$$(x+1)^2 = x^2 + 2x + 1$$\n", "case.md")
    assert [s.verdict for s in audit.steps] == ["proved"]


def test_prose_bounds_withhold_only_refutations_outside_them():
    text = (
        "---\nsymkl:\n  assume:\n    p: distribution\n    x: positive\n---\n"
        "For $n \\ge 2$ outcomes, and $x > 0$:\n\n"
        "$$\\sum_{i=1}^{n} p_i^2 < 1$$\n\n$$x + 1 > 2$$\n"
    )
    sums, shift = audit_text(text, "case.md").steps
    assert sums.verdict == "ambiguous", sums.reason  # fails only at n = 1, excluded
    assert shift.verdict == "refuted", shift.reason  # fails at x = 1/2 > 0: inside the bound


def test_a_definition_in_running_text_is_used_later():
    text = (
        "---\nsymkl:\n  assume:\n    m: positive\n    n: positive\n---\n"
        "Now set $\\theta := m/n$, the estimate:\n\n$$n\\theta = m$$\n"
    )
    steps = audit_text(text, "case.md").steps
    assert [(s.line, s.verdict) for s in steps] == [(7, "definition"), (9, "proved")]


NOTATION = [
    (r"\frac n2 \cdot 2 = n", "proved"),
    (r"\int_0^\infty e^{-x} dx = 1", "proved"),
    (r"D(p \Vert q) \ge 0", "proved"),
    (r"\binom{4}{2} = 6", "proved"),
    (r"\binom{n}{1} = n + 1", "refuted"),
    (r"\max(0, z) \ge z", "holds-numerically"),
    (r"\min(a, z) \le z", "holds-numerically"),
    (r"\max(0, z) \ge 1", "refuted"),
    (r"\ln 2\left(a + 1\right) = a\ln 2 + \ln 2", "proved"),
]


@pytest.mark.parametrize(("step", "verdict"), NOTATION, ids=[n[0] for n in NOTATION])
def test_common_notation_is_read(step, verdict):
    head = "---\nsymkl:\n  assume:\n    z: real\n    a: real\n    x: real\n    n: integer\n---\n"
    (found,) = audit_text(f"{head}$${step}$$\n", "case.md").steps
    assert found.verdict == verdict, found.reason


#: what the notes hide from a reader, each holding a definition h(t) := t^3 that must not
#: replace the visible h(t) := t^2: (file suffix, hidden text)
HIDDEN = [
    ("md", "<!-- an old draft:\n$$h(t) := t^3$$\n-->\n"),
    ("md", "Its source was\n\n    $$h(t) := t^3$$\n\nand we no longer use it.\n"),
    ("md", "Its source was\n\n\t$$h(t) := t^3$$\n"),
    ("md", "Typing \\$$h(t) := t^3\\$$ would redefine it.\n"),
    ("md", "We keep $h$ <!-- and let $h(t) = t^3$ --> as it is.\n"),
    ("tex", "\\iffalse\n\\begin{equation}\nh(t) := t^3\n\\end{equation}\n\\fi\n"),
    ("tex", "\\iffalse \\ifx a b \\fi \\[ h(t) := t^3 \\] \\fi\n"),
    ("tex", "\\begin{comment}\n\\[ h(t) := t^3 \\]\n\\end{comment}\n"),
    ("tex", "\\begin{verbatim}\n$$h(t) := t^3$$\n\\end{verbatim}\n"),
    ("tex", "\\begin{verbatim*}\n$$h(t) := t^3$$\n\\end{verbatim*}\n"),
    ("tex", "\\begin{lstlisting}\n\\[ h(t) := t^3 \\]\n\\end{lstlisting}\n"),
    ("tex", "\\begin{minted}{latex}\n\\[ h(t) := t^3 \\]\n\\end{minted}\n"),
    ("tex", "Source: \\verb|$h(t) := t^3$| and % \\[ h(t) := t^3 \\]\n"),
    # the argument of a macro whose body never typesets it
    ("tex", "\\newcommand{\\todo}[1]{}\n\\todo{Or \\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\newcommand{\\note}[1]{\\relax}\n\\note{\\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\def\\hide#1{}\n\\hide {\\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\newcommand*\\aside[2][]{#1}\n\\aside[x]{\\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\NewDocumentCommand{\\later}{s m}{}\n\\later*{\\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\makeatletter\\let\\todo\\@gobble\n\\todo{\\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\newcommand{\\hide}[1]{\\iffalse #1\\fi}\n\\hide{\\[ h(t) := t^3 \\]}\n"),
    ("tex", "\\newcommand{\\cut}[2]{#1 \\hide{#2}}\\def\\hide#1{}\n\\cut{}{\\[ h(t) := t^3 \\]}\n"),
    # the branch of a conditional that is not taken, and both where symkl cannot tell
    ("tex", "\\newif\\ifdraft\n\\ifdraft\n\\[ h(t) := t^3 \\]\n\\fi\n"),
    ("tex", "\\newif\\ifdraft\\drafttrue\n\\ifdraft\\else\n\\[ h(t) := t^3 \\]\n\\fi\n"),
    ("tex", "\\newif\\ifdraft\\draftfalse\n\\ifdraft \\[ h(t) := t^3 \\] \\else x\\fi\n"),
    ("tex", "\\newif\\ifdraft\\drafttrue\n\\unless\\ifdraft \\[ h(t) := t^3 \\] \\fi\n"),
    ("tex", "\\iftrue text \\else \\[ h(t) := t^3 \\] \\fi\n"),
    (
        "tex",
        "\\newif\\ifa\\newif\\ifb\\atrue\n\\ifa\\ifb x\\else y\\fi\\else \\[ h(t) := t^3 \\]\\fi\n",
    ),
    (
        "tex",
        "\\newif\\ifdraft{\\drafttrue}\n"
        "\\ifdraft \\[ h(t) := t^3 \\] \\else \\[ h(t) := t^3 \\] \\fi\n",
    ),
    (
        "tex",
        "\\newif\\ifv\\def\\on{\\vtrue}\\on\n"
        "\\ifv\\[ h(t) := t^3 \\]\\else\\[ h(t) := t^3 \\]\\fi\n",
    ),
    (
        "tex",
        "\\newif\\ifdraft\n\\newcommand{\\draftnote}[1]{\\ifdraft #1\\fi}\n"
        "\\draftnote{\\[ h(t) := t^3 \\]}\n",
    ),
    ("tex", "\\newcommand{\\hide}{\\iffalse}\n\\hide \\[ h(t) := t^3 \\] \\fi\n"),
    ("tex", "\\let\\hide\\iffalse \\let\\endhide\\fi\n\\hide \\[ h(t) := t^3 \\] \\endhide\n"),
    ("tex", "\\excludecomment{draft}\n\\begin{draft}\n\\[ h(t) := t^3 \\]\n\\end{draft}\n"),
    ("md", "<script>\nlet s = '$$h(t) := t^3$$';\n</script>\n"),
    ("md", 'Styled <STYLE type="text/css">\n/* $$h(t) := t^3$$ */</style> as it is.\n'),
]


@pytest.mark.parametrize(("suffix", "hidden"), HIDDEN, ids=[h[1][:24] for h in HIDDEN])
def test_what_is_not_rendered_is_not_read(suffix, hidden):
    display = "$$\n{}\n$$\n" if suffix == "md" else "\\[\n{}\n\\]\n"
    text = (
        display.format("h(t) := t^2")
        + "\n"
        + hidden
        + "\n"
        + "".join(display.format(step) + "\n" for step in ("h(2) = 4", "h(3) = 27"))
    )
    steps = audit_text(text, f"case.{suffix}").steps
    assert [s.verdict for s in steps] == ["definition", "proved", "refuted"], steps
    lines = text.splitlines()
    assert [lines[s.line - 1] for s in steps] == ["h(t) := t^2", "h(2) = 4", "h(3) = 27"]


#: what the notes render, each holding the definition h(t) := t^2 that must be read
RENDERED = [
    ("md", "<details><summary>Why</summary>\n\n$$\nh(t) := t^2\n$$\n\n</details>\n"),
    ("tex", "\\newcommand{\\remark}[1]{\\textbf{Remark.} #1}\n\\remark{\\[ h(t) := t^2 \\]}\n"),
    ("tex", "\\newcommand{\\aside}[2][]{#2}\n\\aside[x]{\\[ h(t) := t^2 \\]}\n"),
    ("tex", "\\newif\\ifdraft\\drafttrue\n\\ifdraft \\[ h(t) := t^2 \\] \\fi\n"),
    ("tex", "\\newif\\ifdraft\n\\ifdraft x\\else \\[ h(t) := t^2 \\] \\fi\n"),
    ("tex", "\\newif\\ifdraft\n{\\draftfalse}\\drafttrue\n\\ifdraft \\[ h(t) := t^2 \\] \\fi\n"),
    ("tex", "\\iftrue \\[ h(t) := t^2 \\] \\else x \\fi\n"),
    (
        "tex",
        "\\newif\\ifdraft\n\\newcommand{\\draftnote}[1]{\\ifdraft #1\\fi}\n\\drafttrue\n"
        "\\draftnote{\\[ h(t) := t^2 \\]}\n",
    ),
    ("tex", "\\newcommand{\\hide}{\\iffalse}\n\\hide x \\fi\n\\[ h(t) := t^2 \\]\n"),
]


@pytest.mark.parametrize(("suffix", "shown"), RENDERED, ids=[r[1][:24] for r in RENDERED])
def test_what_is_rendered_is_read(suffix, shown):
    display = "$$\n{}\n$$\n" if suffix == "md" else "\\[\n{}\n\\]\n"
    text = shown + "\n" + "".join(display.format(s) + "\n" for s in ("h(2) = 4", "h(3) = 27"))
    steps = audit_text(text, f"case.{suffix}").steps
    assert [s.verdict for s in steps] == ["definition", "proved", "refuted"], steps


def test_a_range_in_a_never_typeset_macro_or_branch_is_not_applied():
    text = (
        "\\newcommand{\\todo}[1]{}\n\\newif\\ifdraft\n\\draftfalse\n\\begin{document}\n"
        "The score $w$ is a real number.\n\nRANGE\n\n\\[ |w| = w \\]\n\\end{document}\n"
    )
    for hidden in ("\\todo{For $w > 0$:}", "\\ifdraft For $w > 0$: \\fi"):
        (signed,) = audit_text(text.replace("RANGE", hidden), "case.tex").steps
        assert signed.verdict not in ("proved", "holds-numerically"), signed.reason
    (signed,) = audit_text(text.replace("RANGE", "For $w > 0$:"), "case.tex").steps
    assert signed.verdict == "proved", signed.reason


def test_a_range_in_a_comment_is_not_applied():
    said = "<!--\nFor $w > 0$:\n-->\nThe score $w$ is a real number.\n\n"
    displays = "$$\\sqrt{w^2} = |w|$$\n\n$$|w| = w$$\n"
    visible, signed = audit_text(said + displays, "case.md").steps
    assert visible.verdict == "proved", visible.reason
    assert signed.verdict not in ("proved", "holds-numerically"), signed.reason
    # the same range in the prose, and a symkl comment (symkl's own syntax), apply
    for stated in ("For $w > 0$:\n\n", "<!-- symkl: w=positive -->\n"):
        (_, signed) = audit_text(said + stated + displays, "case.md").steps
        assert signed.verdict == "proved", signed.reason


def test_indented_lines_in_a_list_or_a_display_are_not_code():
    text = (
        "- a list item, continued below\n\n    $$(x+1)^2 = x^2 + 2x + 1$$\n\n"
        "$$\n\\begin{aligned}\n(x+1)^2 &= x^2 + 2x + 1\n\n    &= 1 + 2x + x^2\n"
        "\\end{aligned}\n$$\n"
    )
    steps = audit_text(text, "case.md").steps
    assert [(s.line, s.verdict) for s in steps] == [(3, "proved"), (7, "proved"), (9, "proved")]


def test_a_long_symkl_comment_line_is_read_in_linear_time():
    from symkl.checking.budget import budget
    from symkl.errors import SymklError

    line = "<!-- symkl: " + "\\frac{" * 200 + " --> " + "9 " * 3000 + "`\n"
    with budget(20.0):  # a hang guard in CPU time (it backtracked for minutes), not a timing
        try:
            audit_text(line * 2 + "$$x = x$$\n", "case.md")
        except SymklError as e:
            assert "case.md" in str(e)


def test_two_primes_are_the_second_derivative_of_a_defined_function():
    text = (
        "$$h(\\theta) = -\\theta\\log\\theta - (1-\\theta)\\log(1-\\theta)$$\n\n"
        "$$h''(\\theta) = -\\frac{1}{\\theta(1-\\theta)}$$\n\n"
        "$$h''(\\theta) = \\frac{1}{\\theta(1-\\theta)}$$\n\n"
        "$$\\sigma''(x) = \\sigma(x)(1-\\sigma(x))(1-2\\sigma(x))$$\n"
    )
    verdicts = [s.verdict for s in audit_text(text, "case.md").steps]
    assert verdicts == ["definition", "proved", "refuted", "proved"]


def test_admonish_boxes_are_markdown_not_code():
    from symkl.notes.rendered import rendered

    text = "~~~admonish note\n$$ a = b $$\n~~~\n\n~~~python\nx = 1\n~~~\n"
    seen = rendered(text, "markdown")
    assert "$$ a = b $$" in seen and "~~~" not in seen and "x = 1" not in seen
