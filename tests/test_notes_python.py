"""`symkl.verify_text` and how an audit shows itself: `str()` as the terminal output, and
`_repr_html_` (Jupyter) as a table in which every piece of notes text is escaped."""

from html.parser import HTMLParser

import pytest

import symkl
from symkl.errors import SymklError
from symkl.notes.audit import FileAudit, StepAudit
from symkl.notes.html_audit import MARKS, audit_html_table, counterexample_table
from symkl.notes.render import audit_text_lines

#: what notes may hold that a browser would act on: markup, quotes, a bidi override
HOSTILE = StepAudit(
    line=4,
    relation="=",
    lhs='</code></td><script>alert("x")</script>',
    rhs="y' \u202e & <img src=x onerror=alert(1)>",
    verdict="refuted",
    reason='fails at "x" <b>',
    counterexample={"<i>": 0.999999999999999, "before": 1 / 3, "after": "1e-1000", "bits": 128},
    cell=None,
)


class _Tags(HTMLParser):
    """Every start tag and attribute name of a fragment."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def _tags(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


def test_verify_text_returns_the_audit_and_str_is_the_terminal_output():
    audit = symkl.verify_text("$$\\alpha + \\alpha = 2\\alpha$$\n\n$$\\beta = 2\\beta$$\n")
    assert isinstance(audit, FileAudit)
    assert [(s.line, s.verdict) for s in audit.steps] == [(1, "proved"), (3, "refuted")]
    assert str(audit) == audit_text_lines([audit]).rstrip("\n")
    assert str(audit).splitlines()[-1] == "2 steps in 1 file(s): 1 proved, 1 refuted"


@pytest.mark.parametrize("assume", [{"t": "positive"}, ["t: positive"], "t=positive"])
def test_verify_text_takes_assumptions_as_the_command_line_does(assume):
    text = "$$\\sqrt{t^2} = t$$"
    assert symkl.verify_text(text, assume=assume).steps[0].verdict == "proved"
    assert symkl.verify_text(text, assume={"t": "real"}).steps[0].verdict == "refuted"


def test_verify_text_reads_latex_when_told():
    text = "% \\[ \\beta = 2\\beta \\]\n"  # a TeX comment, but Markdown text
    assert symkl.verify_text(text, kind="latex").steps == []
    assert len(symkl.verify_text(text).steps) == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [({"kind": "rst"}, "unknown kind of notes"), ({"assume": {"t": "banana"}}, "unknown kind")],
)
def test_verify_text_errors_are_symkl_errors(kwargs, message):
    with pytest.raises(SymklError, match=message):
        symkl.verify_text("$$a = a$$", **kwargs)


def test_html_table_escapes_every_piece_of_notes_text():
    audit = FileAudit('notes/<b>"week".md', [HOSTILE], [(2, "<script>")])
    table = audit._repr_html_()
    assert table == audit_html_table(audit)
    found = _tags(table)
    assert found.tags == {"table", "caption", "thead", "tbody", "tr", "th", "td", "code"}
    assert found.attributes == {"class", "style"}
    assert "&lt;/code&gt;&lt;/td&gt;&lt;script&gt;alert(&quot;x&quot;)" in table
    assert "y&#x27; \\u202e &amp; &lt;img src=x onerror=alert(1)&gt;" in table
    assert "&lt;b&gt;&quot;week&quot;.md" in table and "&lt;i&gt;" in table
    assert "\u202e" not in table


def test_html_table_of_hostile_latex_notes_runs_no_markup():
    text = '\\[ x<script>alert("1")</script> = y\' \\text{<img src=x onerror=alert(1)>} \\]'
    audit = symkl.verify_text(text, kind="latex")
    assert audit.steps  # what it reads there does not matter: that it shows it inertly
    table = audit._repr_html_()
    assert _tags(table).tags <= {"table", "caption", "thead", "tbody", "tr", "th", "td", "code"}
    assert "<script" not in table and "<img" not in table and "&lt;img src=x" in table


def test_html_table_rows_line_verdict_mark_and_notebook_cell():
    steps = [
        StepAudit(3, "=", "a", "a", "proved", "normal form"),
        StepAudit(2, "=", "b", "2b", "refuted", "fails", {"b": 1.0}, cell=5),
    ]
    table = audit_html_table(FileAudit("n.ipynb", steps))
    assert "<caption>n.ipynb: 1 proved, 1 refuted</caption>" in table
    assert "<td>3</td><td><code>a = a</code></td>" in table
    assert "<td>cell 5, line 2</td>" in table
    assert f"{MARKS['refuted'][0]} refuted" in table and MARKS["refuted"][1] in table


def test_counterexample_table_point_exact_sides_to_twelve_digits():
    values = {
        "b": 0.999999999999999,
        "p": [0.5, 0.25],
        "bits": 128,
        "before": 1 / 3,
        "after": 0.0,
        "difference": "0.333333333333",
        "error_bound": 1.1e-16,
    }
    rows = counterexample_table(values)
    assert "<th>b</th><td>0.999999999999999</td>" in rows  # not rounded to 1
    assert "<th>p</th><td>(0.5, 0.25)</td>" in rows
    assert "<th>before</th><td>0.333333333333</td>" in rows and "bits" not in rows
    assert "<th>difference</th><td>0.333333333333 \u00b1 1.1e-16</td>" in rows
    assert rows.index(">b<") < rows.index(">before<") < rows.index(">after<")
    assert counterexample_table(None) == counterexample_table({}) == ""
