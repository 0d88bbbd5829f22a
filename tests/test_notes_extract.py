"""Extraction of display math and step splitting, with line numbers; hypothesis fuzzing."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from symkl.notes.extract import LineMap, blocks, statements
from symkl.notes.rendered import rendered


def steps(text, kind="markdown"):
    lines = LineMap(text)
    return [
        (lines.line(s.offset), s.relation, s.lhs.source, s.rhs.source if s.rhs else None)
        for s in statements(text, kind)
    ]


def test_aligned_chain_lines_are_those_of_each_relation():
    text = "intro\n\n$$\\begin{aligned}\na &= b \\\\\n&= c \\\\\n  &\\le d\n\\end{aligned}$$\n"
    assert steps(text) == [(4, "=", "a", "b"), (5, "=", "b", "c"), (6, "<=", "c", "d")]


def test_plain_chain_and_definitions():
    text = "\\[ f := g = h \\]"
    assert steps(text) == [(1, "def", "f", "g"), (1, "=", "g", "h")]


def test_quad_separates_statements_and_nested_braces_do_not_split():
    text = "$$p = \\{a, b\\} \\quad \\sum_{i=1}^n p_i = 1$$"
    assert steps(text) == [(1, "=", "p", "\\{a, b\\}"), (1, "=", "\\sum_{i=1}^n p_i", "1")]


def test_a_row_without_relation_continues_the_side():
    text = "$$\\begin{aligned} a &= b \\\\ &\\quad + c \\end{aligned}$$"
    assert steps(text)[0][3] == "b + c"


def test_code_is_skipped_and_tex_comments_too():
    assert steps("```\n$$a = b$$\n```\n`$$c = d$$`\n") == []
    assert steps("% \\[a = b\\]\n\\begin{equation} c = d \\end{equation}", "latex") == [
        (2, "=", "c", "d")
    ]


def test_obsidian_style_align_in_single_dollars():
    text = "x $\\begin{align*}\nL &= a\\\\\n&= b.\n\\end{align*}$ y"
    assert steps(text) == [(2, "=", "L", "a"), (3, "=", "a", "b")]


def test_relation_words_do_not_match_prefixes():
    # \left must not be read as \le, \neq before \ne
    assert steps("$$\\left( a \\right) \\neq b$$") == [(1, "!=", "\\left( a \\right)", "b")]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="$\\[]{}&=<>\n abx_^`~-:|", max_size=120))
@example("$`:`$")  # a code span in a line of math: blanked, as not rendered
def test_extraction_never_fails_and_lines_are_in_range(text):
    total = text.count("\n") + 1
    for line, _, _, _ in steps(text):
        assert 1 <= line <= total
    shown = rendered(text, "markdown")  # code spans blanked, offsets kept: `$`:`$` has none
    for b in blocks(text):
        assert shown[b.start : b.start + len(b.source)] == b.source


def test_a_row_of_dots_is_neither_a_step_nor_a_side():
    text = "\\begin{align*}\na_1 &= b_1 + 1\\\\\n\\vdots \\\\\na_m &= b_m + 1\n\\end{align*}\n"
    found = [(s.lhs.text.strip(" &\n"), s.rhs.text.strip()) for s in statements(text, "latex")]
    assert found == [("a_1", "b_1 + 1"), ("a_m", "b_m + 1")]
