"""A fuzz campaign on hostile notes (issue 12): the extractor, the parser and the whole
audit, on inputs with huge numbers, deep nesting, control characters and mixed line
endings. Each must end with a result or a documented error (`Unreadable` from the parser,
`SymklError` from the audit), within its budget.

The example counts are small by default (well under 30 s in all); raise them with the
environment variable SYMKL_FUZZ_EXAMPLES (the audit's count is a quarter of it, the
parser's twice it, the extractor's five times it):

    SYMKL_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""

import os

import sympy as sp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symkl.checking import budget
from symkl.errors import SymklError
from symkl.notes.audit import VERDICTS, audit_text
from symkl.notes.extract import blocks, statements
from symkl.notes.parse import Reader, Unreadable
from symkl.notes.render import audit_json, audit_latex, audit_markdown, audit_text_lines
from symkl.notes.rendered import rendered

FUZZ_EXAMPLES = int(os.environ.get("SYMKL_FUZZ_EXAMPLES", "200"))
#: CPU seconds this process may spend on one example: a hang guard (through the budget's
#: timer, never a wall-clock assert), far above what an example takes
HANG_GUARD = 60.0
#: each audited step's own budget (the worker process is killed past it)
STEP_SECONDS = 0.3

MATH = [
    "x", "y", "p_i", "q_i", "\\alpha", "\\sigma", "n", "1", "2", "0.5", "=", "&=", "\\le",
    "\\ne", ":=", "+", "-", "\\cdot", "/", "^", "_", "{", "}", "(", ")", "\\left(",
    "\\right)", "\\frac{1}{2}", "\\log", "\\exp", "\\sqrt", "\\sum_{i=1}^{n}", "\\int",
    "dx", "H(p, q)", "D_{KL}(p \\| q)", "\\min_x", "\\\\", "\\quad", "\\text{ if }", "!",
    "|", ",",
]  # fmt: skip
HOSTILE = [
    "10^{10^{10}}", "2^{2^{2^{2^{2^{2}}}}}", "9" * 5000, "(x+y+t+w)^{300}", "{" * 400,
    "}" * 400, "(" * 300, "x^{" * 200, "\\frac{" * 200, "\x00", "\x1b[2J", "\x07", "\x7f",
    "\u202e", "\ufeff", "\r\n", "\r", "\n", "\u2028", "%", "\\", "`", "```", "<!-- symkl:",
    "-->", "\\newcommand{\\a}{\\a\\a}", "\\a",
]  # fmt: skip
FRAMES = [
    "$$", "$", "\\[", "\\]", "\\begin{align*}", "\\end{align*}", "\\begin{equation}",
    "\\end{equation}", "\n\n", "---\nsymkl:\n  assume:\n    x: real\n---\n",
    "We minimize over $x$.", "Let $f(x) = x^2$.",
]  # fmt: skip

#: expressions the grammar reads: plain ones (which reach the checker), and with huge
#: numbers and deep nesting among them
PLAIN = ["x", "y", "t", "\\alpha", "\\sigma", "1", "2", "3", "0.5", "e"]
HUGE = ["10^{10^{10}}", "9" * 3500, "2^{9000}", "(x+y+t+w)^{300}", "2^{2^{2^{2^{2^{2}}}}}"]


def _expressions(atoms: list[str]) -> st.SearchStrategy[str]:
    return st.recursive(
        st.sampled_from(atoms),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "\\cdot", "/", "^"]), inner).map(
                lambda t: f"{{{t[0]}}}^{{{t[2]}}}" if t[1] == "^" else " ".join(t)
            ),
            st.tuples(st.sampled_from(["\\log", "\\exp", ""]), inner).map(
                lambda t: f"{t[0]}({t[1]})"
            ),
            inner.map(lambda t: f"\\sqrt{{{t}}}"),
            st.tuples(inner, inner).map(lambda t: f"\\frac{{{t[0]}}}{{{t[1]}}}"),
        ),
        max_leaves=12,
    )


EXPR = st.one_of(_expressions(PLAIN), _expressions(PLAIN + HUGE))
ENDINGS = ["\n", "\r\n", "\r", "\n\r"]
PIECE = st.one_of(st.sampled_from(MATH), st.sampled_from(HOSTILE), st.sampled_from(FRAMES))
SIDE = st.one_of(
    EXPR,
    st.lists(st.one_of(st.sampled_from(MATH), st.sampled_from(HOSTILE)), max_size=10).map(" ".join),
)
#: a well-formed display with hostile steps in it, with line endings of any kind
DISPLAY = st.tuples(SIDE, st.sampled_from(["=", "\\le", "&="]), SIDE, st.sampled_from(ENDINGS)).map(
    lambda s: f"$$\n{s[0]} {s[1]} {s[2]}\n\\\\ &= {s[0]}\n$$\n".replace("\n", s[3])
)
TEXT = st.one_of(
    st.lists(PIECE, max_size=30).map(" ".join),
    st.text(max_size=200),
    DISPLAY,
    st.tuples(st.lists(PIECE, max_size=8).map(" ".join), DISPLAY).map("\n".join),
)
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=FUZZ_EXAMPLES * 5, **SETTINGS)
@given(TEXT, st.sampled_from(["markdown", "latex"]))
def test_fuzz_extractor(text, kind):
    with budget(HANG_GUARD):
        found = blocks(text, kind)
        steps = statements(text, kind)
    seen = rendered(text, kind)
    assert len(seen) == len(text) and seen.count("\n") == text.count("\n")
    for b in found:  # comments and code are blanked in a block's source
        assert seen[b.start : b.start + len(b.source)] == b.source
    for s in steps:
        assert 0 <= s.offset <= len(text)
        for side in (s.lhs, s.rhs):
            assert side is None or 0 <= side.start <= side.end <= len(text)


@settings(max_examples=FUZZ_EXAMPLES * 2, **SETTINGS)
@given(SIDE)
@example(r"\sqrt{{\exp(2^{9000})}^{\log(2)}}")  # (e^{2^9000})^{log 2}: 2^{2^9000}, found in CI
@example(r"\sqrt{{x}^{{y}^{2^{9000}}}}")  # SymPy compared such exponents for minutes (CI)
def test_fuzz_parser(source):
    reader = Reader("discrete", sp.Symbol("n", integer=True, positive=True), {}, {}, False)
    try:
        with budget(HANG_GUARD):
            value = reader.parse(source)
    except Unreadable as e:
        assert isinstance(e.reason, str) and e.offset >= 0
    else:
        assert isinstance(value, (sp.Basic, list))


@settings(max_examples=max(FUZZ_EXAMPLES // 4, 3), **SETTINGS)
@given(st.one_of(DISPLAY, TEXT))
def test_fuzz_audit(text):
    try:
        with budget(HANG_GUARD):  # what runs in this process, not in a step's worker
            audit = audit_text(text, "fuzz.md", seconds=STEP_SECONDS)
    except SymklError as e:  # the front matter, with a message that names it
        assert "fuzz.md" in str(e) and "\n" not in str(e)
        return
    for step in audit.steps:
        assert step.verdict in VERDICTS and step.reason
        assert not step.reason.startswith("symkl could not")  # the auditor's last resort
    shown = audit_text_lines([audit])  # for a terminal: no control character gets through
    assert not any(c in shown for c in "\x1b\x00\x07\r")
    audit_json([audit]), audit_markdown(audit), audit_latex(audit)
